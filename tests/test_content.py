"""The seed content as citizens get it: complete in every language, sourced, and well linked."""

import datetime
import re

import pytest
from django.utils import translation
from wagtail.models import Page

from content.models import FormPage, PublicationPage, ThemePage, TimelinePage
from core import translated

pytestmark = pytest.mark.django_db

MAGAZINE_TIMELINE = [
    datetime.date(1941, 10, 17),
    datetime.date(1944, 12, 28),
    datetime.date(1956, 6, 30),
    datetime.date(1963, 1, 1),
    datetime.date(1968, 1, 1),
    datetime.date(1974, 8, 7),
    datetime.date(1990, 1, 15),
    datetime.date(1995, 4, 11),
    datetime.date(2001, 10, 1),
    datetime.date(2019, 1, 1),
]


def live_pages():
    return [page.specific for page in Page.objects.live().filter(depth__gt=1).order_by("path")]


def test_every_page_is_complete_in_every_language(languages):
    problems = []
    for page in live_pages():
        fields = ["title", "slug", "intro"] + ([] if isinstance(page, FormPage) else ["body"])
        for field in fields:
            for code in languages:
                value = getattr(page, f"{field}_{code}", None)
                if value is None or len(value) == 0:
                    problems.append(f"{page.slug_en}: {field}_{code} is empty")
    assert not problems, "\n".join(problems)


def test_no_page_falls_back_to_another_language(client, languages):
    for page in live_pages():
        for code in languages:
            with translation.override(code):
                url = page.get_url()
            content = client.get(url).content.decode()
            assert "notice--fallback" not in content, url
            if code == languages[0]:
                continue
            # Inline items (events, series, citations) show a missing translation in the default
            # language, marked with its lang. A lang="fr" in the HTML can also be a French phrase
            # marked on purpose, so the items' own values are checked instead.
            for accessor, _model, fields in translated.child_relations(type(page)):
                for item in getattr(page, accessor).all():
                    for name in fields:
                        if translated.is_empty(translated.value(item, name, languages[0])):
                            continue
                        assert not translated.is_untranslated(item, name, code), (
                            f"{url} shows {accessor}.{name} in {languages[0]}"
                        )


def test_every_internal_link_resolves(client, languages):
    checked, broken = set(), []
    for page in live_pages():
        for code in languages:
            with translation.override(code):
                url = page.get_url()
            content = client.get(url).content.decode()
            for href in re.findall(r'href="(/[^"#]*)', content):
                if href in checked or href.startswith(("/static/", "/admin/")):
                    continue
                checked.add(href)
                status = client.get(href).status_code
                if status != 200:
                    broken.append(f"{url} → {href}: {status}")
    assert len(checked) > 50
    assert not broken, "\n".join(broken)


def test_every_content_page_names_its_sources(client):
    for page in live_pages():
        if isinstance(page, FormPage) or page.depth == 2:
            continue
        if page.specific_class.__name__ == "PublicationIndexPage" or getattr(
            page, "show_in_footer", False
        ):
            continue  # the list of sources itself, and pages about the portal (privacy, accessibility)
        assert page.source_citations.exists(), f"{page.slug_en} cites no publication"


def test_theme_pages_have_testimonials_where_the_magazine_has_them_and_three_summaries():
    themes = ThemePage.objects.live()
    assert themes.count() == 7
    for theme in themes:
        block_types = [block.block_type for block in theme.body_en]
        languages = sorted(
            block.value["language"] for block in theme.body_en if block.block_type == "summary"
        )
        assert languages == ["ar", "ru", "zh-hans"], theme.slug_en
        assert "key_figure" in block_types, theme.slug_en
    with_quotes = {"solidarity", "ageing", "e-health", "innovation"}
    for slug in with_quotes:
        theme = ThemePage.objects.get(slug_en=slug)
        assert any(block.block_type == "testimonial" for block in theme.body_en), slug


def test_timeline_holds_every_magazine_event_with_its_date_and_source():
    timeline = TimelinePage.objects.get()
    events = {event.date: event for event in timeline.events.all()}
    for date in MAGAZINE_TIMELINE:
        assert date in events, date
        assert events[date].source is not None, date
    assert events[datetime.date(1963, 1, 1)].end_year == 1965


def test_one_publication_page_per_source_publication():
    assert PublicationPage.objects.live().count() == 5


def test_no_personal_contact_data_anywhere(client, languages):
    for page in live_pages():
        for code in languages:
            with translation.override(code):
                content = client.get(page.get_url()).content.decode()
            assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", content), page.get_url()
            assert not re.search(r"\b0800[ .]?\d{2}", content), page.get_url()


def test_home_leads_into_every_section(client):
    content = client.get("/en/").content.decode()
    for page in live_pages():
        if page.depth == 3 and not getattr(page, "show_in_footer", False):
            with translation.override("en"):
                assert f'href="{page.get_url()}"' in content, page.slug_en
