"""The accessibility audit (qa/audit.py) over the whole site, and as a command.

The first test is the suite's WCAG 2.2 AA gate: every published page in every language, the
neutral language choice and the not-found pages, checked in Chromium with axe-core at 320 and
1280 px and in dark mode, for reflow, structure, keyboard use and consistency, and validated with
the Nu Html Checker. The others prove that each kind of check can fail.
"""

import json
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from qa.audit import CHECKS, Auditor, write_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def published_paths(languages):
    """Every live page under the site root, in every language (translated slugs)."""
    paths = set()
    for page in Page.objects.live().filter(depth__gt=1).specific():
        for language in languages:
            with translation.override(language):
                paths.add(page.get_url())
    return paths


def test_audit_of_every_page_in_every_language_finds_nothing(
    live_site, browser, languages, tmp_path
):
    report = Auditor(live_site.url, browser).run()
    json_path, html_path = write_report(report, tmp_path, "nl")

    audited = {page.path for page in report.pages}
    expected = published_paths(languages)
    assert len(expected) >= 3 * 20
    assert expected <= audited, f"not reached by the crawl: {sorted(expected - audited)}"
    assert "/" in audited and "/this-page-does-not-exist-audit/" in audited
    for language in languages:
        assert f"/{language}/this-page-does-not-exist-audit/" in audited
    for page in report.pages:
        if page.path in expected:
            assert set(page.checks) == set(CHECKS), page.path
            assert page.tab_stops >= 10, page.path  # skip link, site name, languages, menu…

    data = json.loads(json_path.read_text())
    assert data["summary"]["pages"] == len(report.pages)
    assert {"axe-core", "vnu", "chromium"} <= set(data["tools"])
    html = html_path.read_text()
    assert '<html lang="nl">' in html and "Toegankelijkheidsaudit" in html

    problems = [
        f"{page.path} [{f.check}] {f.rule}: {f.message} {f.targets}" for page, f in report.findings
    ]
    assert not problems, "\n".join(problems)


BARRIERS = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Barriers</title>
<style>.wide { width: 900px; } #no-ring:focus { outline: none; box-shadow: none; }</style></head>
<body>
<main id="main">
  <h1>One</h1><h1>Two</h1><h4>Skipped</h4>
  <img src="/missing.png">
  <div class="wide">This box is wider than a phone screen.</div>
  <button id="no-ring" type="button">No focus ring</button>
  <a href="/fr/" tabindex="2">Jumps the queue</a>
  <p>Unclosed <span>element</p>
</main>
</body>
</html>
"""


@pytest.fixture
def site_with_barriers(tmp_path):
    """A tiny static site, served over real HTTP, whose pages break each kind of check."""
    root = tmp_path / "site"
    for code in settings.LANGUAGE_CODES:
        (root / code).mkdir(parents=True)
        (root / code / "index.html").write_text(BARRIERS, encoding="utf-8")
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.func.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_each_check_reports_what_it_is_for(site_with_barriers, browser):
    report = Auditor(site_with_barriers, browser).run()
    found = {(f.check, f.rule) for page, f in report.findings if page.path == "/fr/"}
    assert ("axe-wide", "image-alt") in found
    assert ("axe-narrow", "html-has-lang") in found
    assert ("reflow", "no-horizontal-scroll") in found
    assert ("structure", "one-h1") in found
    assert ("structure", "heading-order") in found
    assert ("structure", "skip-link") in found
    assert ("structure", "page-title") in found
    assert ("keyboard", "focus-visible") in found
    assert ("keyboard", "tab-order") in found
    assert ("html", "vnu") in found


def test_command_writes_both_reports_and_exits_non_zero_on_findings(site_with_barriers, tmp_path):
    output = tmp_path / "report"
    completed = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "audit_accessibility",
            "--base-url",
            site_with_barriers,
            "--output",
            str(output),
            "--language",
            "fr",
            "--max-pages",
            "3",
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode != 0, completed.stdout
    assert "accessibility finding(s)" in completed.stderr
    data = json.loads((output / "report.json").read_text())
    assert data["summary"]["findings"] > 0
    assert {page["path"] for page in data["pages"]} >= {"/fr/", "/nl/", "/en/"}
    html = (output / "report.html").read_text()
    assert '<html lang="fr">' in html and "image-alt" in html


def test_command_refuses_and_explains_when_no_site_answers(tmp_path):
    completed = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "audit_accessibility",
            "--base-url",
            "http://127.0.0.1:9",
            "--output",
            str(tmp_path),
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode != 0
    assert "No portal answers at http://127.0.0.1:9" in completed.stderr
    assert not (tmp_path / "report.json").exists()
