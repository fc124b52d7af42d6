/*
 * The page editor's language toggles (built by wagtail-modeltranslation's language_toggles.js),
 * made clearer for editors:
 * - the picker's heading in the admin user's language;
 * - the default language and the editor's own language shown when nothing is remembered yet,
 *   plus any language asked for with ?translate=nl (links from the translation report);
 * - toggles that say which language they are and whether it is shown (aria-pressed);
 * - a language whose fields hold a validation error is shown, so no error stays hidden.
 * This file runs before the library builds the toggles (which waits for the DOM), and
 * enhances them right after.
 */
(function () {
  "use strict";
  var configElement = document.getElementById("portal-editor-languages");
  if (!configElement || !window.wagtailModelTranslations) {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var library = window.wagtailModelTranslations;
  var requested = new URLSearchParams(window.location.search).get(config.translateParameter);

  function escapeHtml(text) {
    var element = document.createElement("span");
    element.textContent = text;
    return element.innerHTML;
  }

  library.viewEditString = escapeHtml(config.heading);
  var remembered = library.locale_picker_restore && localStorage.getItem("initially_loaded_locale");
  if (!remembered) {
    library.locale_picker_default = config.shownFirst.slice();
  }

  function toggles() {
    return Array.prototype.slice.call(document.querySelectorAll("button.locale-toggle"));
  }

  function describe(toggle) {
    var code = toggle.textContent.trim();
    var language = config.languages[code];
    toggle.setAttribute("aria-pressed", toggle.classList.contains("showing-locale") ? "true" : "false");
    if (language) {
      toggle.setAttribute("aria-label", code.toUpperCase() + " – " + language.name);
      toggle.setAttribute("title", language.localName);
    }
  }

  function show(code) {
    toggles().forEach(function (toggle) {
      if (toggle.textContent.trim() === code && !toggle.classList.contains("showing-locale")) {
        toggle.click();
      }
    });
  }

  // Translated fields are labelled "Title [nl]", as the library finds them.
  var languageLabel = new RegExp(" \\[(" + Object.keys(config.languages).join("|") + ")\\]");

  function languagesWithErrors() {
    var codes = [];
    var hidden = document.querySelectorAll("form .l10n-hidden");
    Array.prototype.forEach.call(hidden, function (element) {
      if (!element.querySelector(".w-field--error, .error-message, [aria-invalid='true']")) {
        return;
      }
      var match = languageLabel.exec(element.textContent);
      if (match && config.languages[match[1]] && codes.indexOf(match[1]) === -1) {
        codes.push(match[1]);
      }
    });
    return codes;
  }

  function enhance() {
    toggles().forEach(function (toggle) {
      describe(toggle);
      toggle.addEventListener("click", function () {
        describe(toggle);
      });
    });
    if (requested && config.languages[requested]) {
      show(requested);
    }
    languagesWithErrors().forEach(show);
  }

  // The library builds the toggles in a jQuery "ready" callback registered before this one.
  if (window.jQuery) {
    window.jQuery(enhance);
  } else {
    window.addEventListener("load", enhance);
  }
})();
