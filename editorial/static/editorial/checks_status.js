/* The "Checks" panel says when the accessibility checks have not run, instead of "0".

Wagtail runs the checks inside the preview and writes the number of problems into the panel's
counter, which starts at "0" before any check has run: an editor could not tell "no problem"
from "not checked". Here the counter starts as a dash with a note; Wagtail's first real count
replaces the dash and removes the note. If the preview loads without the checker (the preview
is not available, e.g. while the form has errors), the note says the checks could not run. */
(() => {
  "use strict";

  function start() {
    const configElement = document.getElementById("portal-checks-status");
    const counter = document.querySelector('[data-side-panel="checks"] [data-content-checker-count]');
    if (!configElement || !counter) return;
    const messages = JSON.parse(configElement.textContent);

    counter.textContent = "–";
    const note = document.createElement("p");
    note.className = "portal-checks-status";
    note.setAttribute("role", "status");
    note.dataset.portalChecksStatus = "pending";
    note.textContent = messages.pending;
    counter.closest("h2").after(note);

    const observer = new MutationObserver(() => {
      note.remove();
      observer.disconnect();
    });
    observer.observe(counter, { childList: true, characterData: true, subtree: true });

    document.addEventListener("w-preview:loaded", () => {
      if (!note.isConnected) return;
      let previewDocument = null;
      try {
        previewDocument = document.getElementById("w-preview-iframe").contentDocument;
      } catch {
        previewDocument = null;
      }
      if (!previewDocument || !previewDocument.querySelector("wagtail-userbar")) {
        note.dataset.portalChecksStatus = "failed";
        note.textContent = messages.failed;
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
