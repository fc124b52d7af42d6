"""The accessibility audit's vocabulary: what it checks, what it finds, and its report files.

See qa/audit.py for the checks themselves.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

# The dark colour scheme changes colours only, so only the contrast rules are run again there.
CONTRAST_RULES = ("color-contrast", "link-in-text-block")
NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1280, "height": 900}
# 1280 px at 400 % and at 200 % zoom.
REFLOW_WIDTHS = (320, 640)
# Paths a crawl never follows: the admin, downloads and the API are not pages for citizens.
EXCLUDED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/api/", "/django-admin/")
MISSING_PATH = "/this-page-does-not-exist-{}/"
# How Chromium runs headless here: no background traffic to a closed network, no GPU.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

CHECKS = {
    "axe-narrow": "axe-core, WCAG 2.0/2.1/2.2 A and AA rules, viewport 320 × 800",
    "axe-wide": "axe-core, WCAG 2.0/2.1/2.2 A and AA rules, viewport 1280 × 900",
    "axe-dark": "axe-core contrast rules (color-contrast, link-in-text-block), 1280 × 900, prefers-color-scheme: dark",
    "reflow": "No horizontal scrolling at 320 and 640 CSS px (WCAG 1.4.10, 1.4.4: 1280 px at 400 % and 200 % zoom)",
    "structure": "One h1, no skipped heading level, landmarks, page title, skip link first",
    "keyboard": "Skip link moves focus to main; Tab order, reachability, visible and unobscured focus",
    "consistency": "Same main menu and footer links (feedback included) on every page of a language",
    "html": "Nu Html Checker (vnu.jar): no errors",
}


@dataclass
class Finding:
    check: str
    rule: str
    message: str
    targets: list[str] = field(default_factory=list)
    impact: str = ""
    help_url: str = ""


@dataclass
class PageResult:
    url: str
    path: str
    language: str
    status: int
    title: str = ""
    checks: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    needs_review: list[str] = field(default_factory=list)
    tab_stops: int = 0
    navigation: dict = field(default_factory=dict)


@dataclass
class Report:
    base_url: str
    started: str
    finished: str = ""
    tools: dict = field(default_factory=dict)
    checks: dict = field(default_factory=lambda: dict(CHECKS))
    skipped_checks: dict = field(default_factory=dict)
    pages: list[PageResult] = field(default_factory=list)

    @property
    def findings(self):
        return [(page, finding) for page in self.pages for finding in page.findings]

    def as_dict(self):
        data = asdict(self)
        data["summary"] = {
            "pages": len(self.pages),
            "languages": sorted({page.language for page in self.pages}),
            "findings": len(self.findings),
            "pages_with_findings": sum(1 for page in self.pages if page.findings),
        }
        return data


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])


def language_of(path):
    first = path.strip("/").split("/", 1)[0]
    return first if first in settings.LANGUAGE_CODES else ""


def vnu_jar_path():
    """vnu.jar from $VNU_JAR, or from the npm package installed in the project (`npm install`)."""
    candidates = [
        os.environ.get("VNU_JAR"),
        settings.BASE_DIR / "node_modules/vnu-jar/build/dist/vnu.jar",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def chromium_executable():
    """Debian's Chromium when installed (or $CHROMIUM_PATH), else Playwright's own browser."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


# Runs in the page: the structure facts one check needs, read in a single round trip.


def write_report(report, folder, language=None):
    """report.json and report.html in `folder`; returns their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data = report.as_dict()
    json_path = folder / "report.json"
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    with translation.override(language or settings.LANGUAGE_CODE):
        html = render_to_string("audit/report.html", {"report": data, "pages": report.pages})
    html_path = folder / "report.html"
    html_path.write_text(html, encoding="utf-8")
    return json_path, html_path
