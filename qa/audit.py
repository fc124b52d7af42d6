"""The accessibility audit: crawl a running portal in Chromium and check every page it finds.

One implementation serves the test suite (tests/qa/test_accessibility_audit.py) and auditors
(`python manage.py audit_accessibility --base-url ...`). For every page, in every language:

- axe-core with the WCAG 2.0/2.1/2.2 A and AA rules, at 320 px and 1280 px wide, and at 1280 px in
  the dark colour scheme;
- reflow (1.4.10): no sideways scrolling at 320 px (which is also 1280 px at 400 % zoom);
- structure: one h1, no skipped heading level, the banner/navigation/main/contentinfo landmarks,
  a title naming the page and the site, the skip link first;
- keyboard: the skip link moves focus to main; Tab reaches every link and control in reading
  order, each with a visible focus indicator that nothing covers (2.4.7, 2.4.11);
- consistency (3.2.3, 3.2.6): the main menu and the footer links, including feedback, are the
  same on every page of a language;
- HTML validity: the Nu Html Checker (vnu.jar, from the npm package `vnu-jar`) finds no error.

The checks are here; what they find and the report files are in audit_report.py, the scripts
run inside each page in audit_scripts.py.

Needs the test extras (Playwright, axe-playwright-python) and, for validation, Java + vnu.jar.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings

from core.accessibility import WCAG_TAGS

from .audit_report import (  # noqa: F401 - the audit's public names, in one place
    CHECKS,
    CHROMIUM_ARGS,
    CONTRAST_RULES,
    EXCLUDED_PREFIXES,
    MISSING_PATH,
    NARROW,
    REFLOW_WIDTHS,
    WIDE,
    Finding,
    LinkCollector,
    PageResult,
    Report,
    chromium_executable,
    language_of,
    vnu_jar_path,
    write_report,
)
from .audit_scripts import (
    FOCUS_STATE_SCRIPT,
    MARK_FOCUSABLES_SCRIPT,
    OVERFLOWING_SCRIPT,
    STRUCTURE_SCRIPT,
)


class Auditor:
    """Crawls `base_url` from its language roots and audits each page it finds."""

    def __init__(self, base_url, browser, *, validate_html=True, max_pages=1000, progress=None):
        self.base_url = base_url.rstrip("/")
        self.origin = urlsplit(self.base_url)
        self.browser = browser
        self.validate_html = validate_html
        self.max_pages = max_pages
        self.progress = progress or (lambda message: None)
        self.html_sources = {}

    # -- discovery -------------------------------------------------------------------------
    def start_paths(self):
        return [f"/{code}/" for code in settings.LANGUAGE_CODES]

    def crawl(self, request_context):
        """Every same-origin HTML page reachable by links from the language roots, in order."""
        queue = list(self.start_paths())
        seen = set(queue)
        pages = []
        while queue and len(pages) < self.max_pages:
            path = queue.pop(0)
            response = request_context.get(self.base_url + path, max_redirects=0)
            if response.status != 200 or "text/html" not in response.headers.get(
                "content-type", ""
            ):
                continue
            html = response.text()
            pages.append(path)
            self.html_sources[path] = html
            collector = LinkCollector()
            collector.feed(html)
            for href in collector.links:
                target = urlsplit(urldefrag(urljoin(self.base_url + path, href))[0])
                if (target.scheme, target.netloc) != (self.origin.scheme, self.origin.netloc):
                    continue
                if target.query or target.path.startswith(EXCLUDED_PREFIXES):
                    continue
                if not language_of(target.path) or target.path in seen:
                    continue
                seen.add(target.path)
                queue.append(target.path)
        return pages

    # -- one page --------------------------------------------------------------------------
    def run_axe(self, browser_page, result, check, rules=None):
        from axe_playwright_python.sync_playwright import Axe

        only = (
            {"type": "rule", "values": list(rules)}
            if rules
            else {"type": "tag", "values": list(WCAG_TAGS)}
        )
        outcome = Axe().run(
            browser_page, options={"runOnly": only, "resultTypes": ["violations", "incomplete"]}
        )
        response = outcome.response
        self.tools.setdefault("axe-core", response.get("testEngine", {}).get("version", "?"))
        result.checks.append(check)
        for violation in response["violations"]:
            result.findings.append(
                Finding(
                    check=check,
                    rule=violation["id"],
                    message=violation["help"],
                    impact=violation.get("impact") or "",
                    help_url=violation.get("helpUrl", ""),
                    targets=[
                        " ".join(map(str, node["target"])) for node in violation["nodes"][:10]
                    ],
                )
            )
        for item in response.get("incomplete", []):
            review = f"{check}: {item['id']} ({len(item['nodes'])})"
            if review not in result.needs_review:
                result.needs_review.append(review)

    def check_structure(self, facts, result):
        result.checks.append("structure")
        levels = [heading["level"] for heading in facts["headings"]]
        if levels.count(1) != 1:
            result.findings.append(
                Finding(
                    "structure",
                    "one-h1",
                    f"The page has {levels.count(1)} h1 elements; it needs exactly one.",
                )
            )
        for previous, current in zip(levels, levels[1:], strict=False):
            if current > previous + 1:
                result.findings.append(
                    Finding(
                        "structure",
                        "heading-order",
                        f"Heading level jumps from h{previous} to h{current}.",
                    )
                )
                break
        for landmark, count in facts["landmarks"].items():
            expected_ok = (
                count == 1 if landmark in ("main", "banner", "contentinfo") else count >= 1
            )
            if not expected_ok:
                result.findings.append(
                    Finding(
                        "structure",
                        f"landmark-{landmark}",
                        f"{count} {landmark} landmark(s) found.",
                    )
                )
        if not facts["skipLink"]:
            result.findings.append(
                Finding("structure", "skip-link", "The page has no skip link to #main.")
            )
        site_separator = " | "
        if (
            site_separator not in facts["title"]
            or not facts["title"].split(site_separator)[0].strip()
        ):
            result.findings.append(
                Finding(
                    "structure",
                    "page-title",
                    f"The title {facts['title']!r} does not name both the page and the site.",
                )
            )
        if facts["lang"] != result.language:
            result.findings.append(
                Finding(
                    "structure",
                    "html-lang",
                    f"<html lang={facts['lang']!r}> on a page under /{result.language}/.",
                )
            )

    def check_keyboard(self, browser_page, result):
        """Tab from the top of the page to the end, comparing focus with reading order."""
        result.checks.append("keyboard")
        expected = browser_page.evaluate(MARK_FOCUSABLES_SCRIPT)
        has_skip_link = browser_page.locator(".skip-link").count() > 0
        reached = []
        for presses in range(len(expected) + 5):
            browser_page.keyboard.press("Tab")
            state = browser_page.evaluate(FOCUS_STATE_SCRIPT)
            if state is None:
                break
            if presses == 0 and has_skip_link and "skip-link" not in state["className"]:
                result.findings.append(
                    Finding(
                        "keyboard", "skip-link-first", "The first Tab does not reach the skip link."
                    )
                )
            if state["index"] is None:
                result.findings.append(
                    Finding(
                        "keyboard",
                        "unexpected-stop",
                        f"Tab stops on {state['tag']}#{state['id']}, which is not a visible control.",
                    )
                )
                continue
            index = int(state["index"])
            if index in reached:
                break
            reached.append(index)
            label = expected[index]
            if not state["visibleFocus"]:
                result.findings.append(
                    Finding("keyboard", "focus-visible", f"No visible focus indicator on {label}.")
                )
            if state["covered"]:
                result.findings.append(
                    Finding(
                        "keyboard",
                        "focus-not-obscured",
                        f"Focused {label} is hidden by other content.",
                    )
                )
        result.tab_stops = len(reached)
        missing = [expected[i] for i in range(len(expected)) if i not in reached]
        if missing:
            result.findings.append(
                Finding(
                    "keyboard",
                    "tab-reachable",
                    "Not reachable with Tab: " + ", ".join(missing[:10]),
                )
            )
        elif reached != sorted(reached):
            result.findings.append(
                Finding("keyboard", "tab-order", "Tab order differs from reading order.")
            )
        if has_skip_link:
            browser_page.locator(".skip-link").first.focus()
            browser_page.keyboard.press("Enter")
            if browser_page.evaluate("document.activeElement.id") != "main":
                result.findings.append(
                    Finding(
                        "keyboard", "skip-link-target", "The skip link does not move focus to main."
                    )
                )

    def audit_page(self, path, context_wide, context_narrow, context_dark, status=200):
        url = self.base_url + path
        result = PageResult(url=url, path=path, language=language_of(path), status=status)
        page = context_wide.new_page()
        response = page.goto(url)
        if response is None or response.status != status:
            result.findings.append(
                Finding(
                    "structure",
                    "http-status",
                    f"Expected HTTP {status}, got {response.status if response else 'nothing'}.",
                )
            )
            page.close()
            return result
        facts = page.evaluate(STRUCTURE_SCRIPT)
        result.title = facts["title"]
        result.navigation = {"main_menu": facts["mainMenu"], "footer": facts["footerLinks"]}
        self.run_axe(page, result, "axe-wide")
        if result.language:
            self.check_structure(facts, result)
        self.check_keyboard(page, result)
        page.close()

        page = context_narrow.new_page()
        page.goto(url)
        self.run_axe(page, result, "axe-narrow")
        result.checks.append("reflow")
        for width in REFLOW_WIDTHS:
            page.set_viewport_size({"width": width, "height": NARROW["height"]})
            facts = page.evaluate(STRUCTURE_SCRIPT)
            if facts["scrollWidth"] > facts["clientWidth"]:
                wide = page.evaluate(OVERFLOWING_SCRIPT)
                result.findings.append(
                    Finding(
                        "reflow",
                        "no-horizontal-scroll",
                        f"The page is {facts['scrollWidth']} px wide in a {width} px window.",
                        targets=wide,
                    )
                )
        page.close()

        page = context_dark.new_page()
        page.goto(url)
        self.run_axe(page, result, "axe-dark", rules=CONTRAST_RULES)
        page.close()
        return result

    # -- site-wide -------------------------------------------------------------------------
    def check_consistency(self, report):
        by_language = {}
        for page in report.pages:
            if page.language and page.status == 200 and page.navigation:
                by_language.setdefault(page.language, []).append(page)
        for pages in by_language.values():
            reference = pages[0].navigation
            for page in pages:
                page.checks.append("consistency")
                for part in ("main_menu", "footer"):
                    if page.navigation[part] != reference[part]:
                        page.findings.append(
                            Finding(
                                "consistency",
                                f"consistent-{part.replace('_', '-')}",
                                f"The {part.replace('_', ' ')} differs from {pages[0].path}.",
                            )
                        )

    def validate(self, report):
        jar = vnu_jar_path()
        java = shutil.which("java")
        with tempfile.TemporaryDirectory() as folder:
            files = {}
            for number, (path, html) in enumerate(self.html_sources.items()):
                file = Path(folder) / f"page-{number:04d}.html"
                file.write_text(html, encoding="utf-8")
                files[file.name] = path
            completed = subprocess.run(
                [
                    java,
                    "-jar",
                    str(jar),
                    "--format",
                    "json",
                    "--errors-only",
                    "--exit-zero-always",
                    *sorted(Path(f).name for f in os.listdir(folder)),
                ],
                cwd=folder,
                capture_output=True,
                text=True,
                check=False,
            )
            try:
                messages = json.loads(completed.stderr or completed.stdout)["messages"]
            except (ValueError, KeyError) as error:
                raise RuntimeError(
                    f"The Nu Html Checker gave no readable answer: {completed.stderr[:500]}"
                ) from error
            self.tools["vnu"] = self.vnu_version(java, jar)
        pages = {page.path: page for page in report.pages}
        for page_path in self.html_sources:
            if page_path in pages:
                pages[page_path].checks.append("html")
        for message in messages:
            path = files.get(message.get("url", "").rsplit("/", 1)[-1])
            if path in pages and message.get("type") == "error":
                pages[path].findings.append(
                    Finding(
                        "html",
                        "vnu",
                        message["message"],
                        targets=[
                            f"line {message.get('lastLine', '?')}: {message.get('extract', '').strip()}"
                        ],
                    )
                )

    @staticmethod
    def vnu_version(java, jar):
        completed = subprocess.run(
            [java, "-jar", str(jar), "--version"], capture_output=True, text=True, check=False
        )
        return completed.stdout.strip()

    def run(self):
        report = Report(
            base_url=self.base_url, started=datetime.now(UTC).isoformat(timespec="seconds")
        )
        self.tools = report.tools
        report.tools["chromium"] = self.browser.version
        if not self.validate_html:
            report.skipped_checks["html"] = "switched off (--skip-html-validation)"
            report.checks.pop("html")
        options = {"bypass_csp": True}
        wide = self.browser.new_context(viewport=WIDE, **options)
        narrow = self.browser.new_context(viewport=NARROW, **options)
        dark = self.browser.new_context(viewport=WIDE, color_scheme="dark", **options)
        neutral = self.browser.new_context(
            viewport=WIDE, locale="ja-JP", extra_http_headers={"Accept-Language": "ja"}, **options
        )
        try:
            paths = self.crawl(wide.request)
            self.progress(f"{len(paths)} pages found from {', '.join(self.start_paths())}")
            for number, path in enumerate(paths, 1):
                report.pages.append(self.audit_page(path, wide, narrow, dark))
                self.progress(
                    f"[{number}/{len(paths)}] {path}: {len(report.pages[-1].findings)} finding(s)"
                )
            # Pages no link leads to: the neutral language choice and the not-found pages.
            neutral_choice = self.audit_neutral(neutral, "/", 200)
            report.pages.append(neutral_choice)
            for code in ("", *settings.LANGUAGE_CODES):
                prefix = f"/{code}" if code else ""
                path = prefix + MISSING_PATH.format("audit")
                report.pages.append(self.audit_page(path, wide, narrow, dark, status=404))
                self.progress(f"[not found] {path}: {len(report.pages[-1].findings)} finding(s)")
                self.html_sources[path] = wide.request.get(self.base_url + path).text()
            self.html_sources["/"] = neutral.request.get(self.base_url + "/").text()
            self.check_consistency(report)
            if self.validate_html:
                self.progress("Validating the HTML of every page with the Nu Html Checker")
                self.validate(report)
        finally:
            for context in (wide, narrow, dark, neutral):
                context.close()
        report.finished = datetime.now(UTC).isoformat(timespec="seconds")
        return report

    def audit_neutral(self, context, path, status):
        """The language choice shown at / when the browser asks for no portal language."""
        result = PageResult(url=self.base_url + path, path=path, language="", status=status)
        page = context.new_page()
        response = page.goto(result.url)
        if response is None or response.status != status:
            result.findings.append(Finding("structure", "http-status", f"Expected HTTP {status}."))
        else:
            result.title = page.title()
            self.run_axe(page, result, "axe-wide")
            page.set_viewport_size(NARROW)
            self.run_axe(page, result, "axe-narrow")
        page.close()
        self.progress(f"[neutral] {path}: {len(result.findings)} finding(s)")
        return result
