import shutil
from urllib.error import URLError
from urllib.request import urlopen

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from qa.audit import (
    CHROMIUM_ARGS,
    Auditor,
    chromium_executable,
    vnu_jar_path,
    write_report,
)


class Command(BaseCommand):
    help = (
        "Audit a running portal for WCAG 2.2 AA: crawls every page in every language in Chromium "
        "(axe-core at 320 and 1280 px and in dark mode, reflow, structure, keyboard, consistency) "
        "and validates the HTML with the Nu Html Checker. Writes report.json and report.html and "
        "exits non-zero when anything is found. See docs/accessibility.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="The running site to audit (default: %(default)s, the site `dev.py run` serves).",
        )
        parser.add_argument(
            "--output",
            default=str(settings.BASE_DIR / "reports" / "accessibility"),
            help="Folder for report.json and report.html (default: %(default)s).",
        )
        parser.add_argument(
            "--language",
            choices=settings.LANGUAGE_CODES,
            default=settings.LANGUAGE_CODE,
            help="Language of the HTML report (default: %(default)s).",
        )
        parser.add_argument("--max-pages", type=int, default=1000)
        parser.add_argument(
            "--skip-html-validation",
            action="store_true",
            help="Leave out the Nu Html Checker (for a machine without Java); the report says so.",
        )

    def handle(self, *args, **options):
        base_url = options["base_url"].rstrip("/")
        self.refuse_unless_ready(base_url, options["skip_html_validation"])
        from playwright.sync_api import sync_playwright

        say = self.stdout.write if options["verbosity"] >= 1 else (lambda message: None)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_executable(), headless=True, args=CHROMIUM_ARGS
            )
            try:
                auditor = Auditor(
                    base_url,
                    browser,
                    validate_html=not options["skip_html_validation"],
                    max_pages=options["max_pages"],
                    progress=say,
                )
                report = auditor.run()
            finally:
                browser.close()
        json_path, html_path = write_report(report, options["output"], options["language"])
        findings = report.findings
        self.stdout.write(
            f"{len(report.pages)} pages audited ({', '.join(report.checks)}); "
            f"{len(findings)} finding(s).\nReport: {html_path}\nData:   {json_path}"
        )
        if findings:
            for page, finding in findings[:50]:
                self.stderr.write(
                    f"  {page.path} [{finding.check}] {finding.rule}: {finding.message}"
                )
            raise CommandError(f"{len(findings)} accessibility finding(s); see {html_path}")

    def refuse_unless_ready(self, base_url, skip_html_validation):
        try:
            import axe_playwright_python  # noqa: F401
            import playwright  # noqa: F401
        except ImportError as error:
            raise CommandError(
                "The audit needs the test tools (Playwright, axe-playwright-python). Install them "
                "with: python3 dev.py test --collect-only (or .venv/bin/pip install -e '.[test]')."
            ) from error
        if not skip_html_validation:
            if shutil.which("java") is None:
                raise CommandError(
                    "HTML validation needs Java (Debian: apt-get install default-jre-headless). "
                    "Or run with --skip-html-validation; the report will say it was skipped."
                )
            if vnu_jar_path() is None:
                raise CommandError(
                    "HTML validation needs vnu.jar: run `npm install` in the project folder "
                    "(it installs the vnu-jar package), or set VNU_JAR to its path."
                )
        try:
            with urlopen(f"{base_url}/{settings.LANGUAGE_CODE}/", timeout=10):
                pass
        except (URLError, OSError, ValueError) as error:
            raise CommandError(
                f"No portal answers at {base_url} ({error}). Start it first (python3 dev.py run) "
                "or give --base-url."
            ) from error
