#!/usr/bin/env python3
"""Server time of the editor's heaviest paths, with the production settings, in one process.

    .venv/bin/python scripts/admin_timings.py --database-url URL [--repeat 5]

For the page with the largest edit form (by the size of its StreamFields in every language), it
times, as Django's test client sees them (server time: no network, no browser):

- opening the edit view (GET), with the number of form fields the browser gets: the inputs in
  the HTML and the StreamField blocks the editor builds from the block definitions; the same for
  the theme page with the most blocks (issue 16 asks ≤ 1.5 s for a theme page's form);
- saving a draft (POST of the whole form, as "Save draft" sends it);
- rendering the preview (the form posted once, then GET of the preview in each language), beside
  the same page rendered for visitors without the page cache.

It signs in a throw-away superuser with the second factor (accounts.testing) and deletes it
afterwards; the draft revisions it saves are deleted too. Prints a Markdown table for
docs/performance.md. scripts/benchmark.py runs it after the HTTP measurements.
"""

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_ms(action, repeat):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def stream_blocks(page):
    """The number of blocks, at every depth, in every language's StreamFields of the page."""

    def count(value):
        if isinstance(value, dict):
            return sum(count(item) for item in value.values())
        if isinstance(value, list):
            return sum(
                (1 if isinstance(item, dict) and "type" in item else 0) + count(item)
                for item in value
            )
        return 0

    from wagtail.fields import StreamField

    total = 0
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField):
            total += count(json.loads(json.dumps(list(getattr(page, field.attname).raw_data))))
    return total


def run(repeat):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test.utils import override_settings
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Page, Revision

    from accounts.testing import TwoFactorClient
    from core.languages import language_codes
    from tests.editor_helpers import page_form_data

    pages = [page.specific for page in Page.objects.filter(depth__gt=1).live()]
    page = max(pages, key=stream_blocks)
    themes = [other for other in pages if type(other).__name__ == "ThemePage"]
    theme = max(themes, key=stream_blocks) if themes else None
    username = f"timings-{uuid.uuid4().hex[:8]}"
    user = get_user_model().objects.create_superuser(username, f"{username}@example.org", None)
    client = TwoFactorClient(HTTP_X_FORWARDED_PROTO="https", secure=True)
    client.defaults["HTTP_HOST"] = "127.0.0.1"
    client.force_login(user)
    revisions_before = set(
        Revision.objects.filter(object_id=str(page.pk)).values_list("pk", flat=True)
    )
    state_before = Page.objects.filter(pk=page.pk).values(
        "latest_revision", "has_unpublished_changes"
    )[0]
    rows = []
    try:
        with override_settings(PORTAL_PAGE_CACHE_SECONDS=0):
            edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            edit_ms, response = median_ms(lambda: client.get(edit_url), repeat)
            assert response.status_code == 200, response.status_code
            html = response.content.decode()
            inputs = len(re.findall(r"<(?:input|select|textarea)\b", html))
            rows.append(
                (
                    f"open the edit view of “{page.title}” (the largest form)",
                    edit_ms,
                    f"{inputs} inputs in the HTML, {stream_blocks(page)} StreamField blocks, "
                    f"{len(html) // 1024} KB",
                )
            )
            if theme is not None:
                theme_url = reverse("wagtailadmin_pages:edit", args=[theme.pk])
                theme_ms, response = median_ms(lambda: client.get(theme_url), repeat)
                assert response.status_code == 200, response.status_code
                theme_html = response.content.decode()
                theme_inputs = len(re.findall(r"<(?:input|select|textarea)\b", theme_html))
                rows.append(
                    (
                        f"open the edit view of the theme page “{theme.title}”",
                        theme_ms,
                        f"{theme_inputs} inputs in the HTML, {stream_blocks(theme)} StreamField blocks, "
                        f"{len(theme_html) // 1024} KB",
                    )
                )
            data = page_form_data(page)
            save_ms, response = median_ms(lambda: client.post(edit_url, data), repeat)
            assert response.status_code in (200, 302), response.status_code
            rows.append(("save a draft (the whole form)", save_ms, f"{len(data)} form values"))
            preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
            assert client.post(preview_url, data).json()["is_valid"]
            for language in language_codes():
                preview_ms, response = median_ms(
                    lambda language=language: client.get(preview_url, {"mode": language}),
                    repeat,
                )
                assert response.status_code == 200
                with translation.override(language):
                    public_url = page.get_url()
                public_ms, response = median_ms(lambda url=public_url: client.get(url), repeat)
                assert response.status_code == 200
                rows.append(
                    (
                        f"preview in {language} / the public page in {language}, uncached",
                        preview_ms,
                        f"public page: {public_ms:.0f} ms",
                    )
                )
    finally:
        Revision.objects.filter(object_id=str(page.pk)).exclude(pk__in=revisions_before).delete()
        Page.objects.filter(pk=page.pk).update(**state_before)
        user.delete()
    print(f"\n### The admin (server time, median of {repeat}, Django test client, one process)\n")
    print("| what | ms | size |")
    print("|---|---:|---|")
    for what, ms, detail in rows:
        print(f"| {what} | {ms:.0f} | {detail} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--static-root", help="collected static files (default: collect now)")
    args = parser.parse_args()
    from scripts.prodserver import collect_static, production_env

    with tempfile.TemporaryDirectory() as tmp:
        static_root = args.static_root
        if not static_root:
            static_root = Path(tmp) / "static"
            collect_static(static_root)
        os.environ.update(production_env(args.database_url, static_root=static_root))
        run(args.repeat)


if __name__ == "__main__":
    main()
