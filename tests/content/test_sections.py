"""The magazine's sections are known to the site, and each section page draws in what concerns it.

Expected texts are read from the database (events, series), never from seed prose.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from content.models import (
    DataSeries,
    HomePage,
    KeyFiguresPage,
    ThemePage,
    TimelineEvent,
    TimelinePage,
)
from content.sections import SECTION_KEYS, section_names
from core.languages import language_codes
from tests.editor_helpers import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


def html_of(client, page, language):
    with translation.override(language):
        response = client.get(page.get_url())
    assert response.status_code == 200
    return response.content.decode()


def part(html, heading_id):
    """The HTML of the drawn-in part whose heading has this id, or None."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    return match.group(0) if match else None


def test_every_section_has_exactly_one_page_and_the_home_page_lists_them_in_magazine_order():
    pages = ThemePage.objects.live()
    assert sorted(page.section for page in pages) == sorted(SECTION_KEYS)
    home = HomePage.objects.get()
    assert [page.section for page in home.themes()] == SECTION_KEYS


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_each_section_page_shows_its_milestones_and_figures_in_the_visitor_language(
    client, language
):
    timeline = TimelinePage.objects.get()
    key_figures = KeyFiguresPage.objects.get()
    shown_somewhere = {"milestones": 0, "figures": 0}
    for page in ThemePage.objects.live():
        html = html_of(client, page, language)
        events = list(TimelineEvent.objects.filter(theme=page).order_by("date", "sort_order"))
        milestones = part(html, "section-milestones")
        if not events:
            assert milestones is None and 'id="section-milestones"' not in html
        else:
            shown_somewhere["milestones"] += 1
            with translation.override(language):
                timeline_url = timeline.get_url()
            positions = []
            for event in events:
                headline = escape(getattr(event, f"headline_{language}"))
                assert headline in milestones, (page.section, headline)
                assert f'href="{timeline_url}#{event.anchor}"' in milestones
                positions.append(milestones.index(headline))
            assert positions == sorted(positions), "milestones are not in date order"
        series = list(DataSeries.objects.filter(section=page.section))
        figures = part(html, "section-figures")
        if not series:
            assert figures is None
        else:
            shown_somewhere["figures"] += 1
            with translation.override(language):
                key_figures_url = key_figures.get_url()
            for one in series:
                assert escape(getattr(one, f"title_{language}")) in figures
                assert f'href="{key_figures_url}#{one.anchor}"' in figures
    assert shown_somewhere["milestones"] >= 4 and shown_somewhere["figures"] >= 2


def test_the_timeline_links_each_section_to_its_events_without_a_query_string(client):
    timeline = TimelinePage.objects.get()
    for language in language_codes():
        html = html_of(client, timeline, language)
        index = re.search(r'<nav class="section-index".*?</nav>', html, re.S).group(0)
        anchors = re.findall(r'href="#([^"]+)"', index)
        assert anchors and not [
            href for href in re.findall(r'href="([^"]+)"', index) if "?" in href
        ]
        assert len(anchors) == len(set(anchors))
        for anchor in anchors:
            assert f'id="{anchor}"' in html
        for page in ThemePage.objects.filter(section__in=["equality", "ageing"]):
            with translation.override(language):
                assert f'href="{page.get_url()}"' in index


def test_every_tagged_series_links_to_its_section_page(client):
    key_figures = KeyFiguresPage.objects.get()
    for language in language_codes():
        html = html_of(client, key_figures, language)
        for series in key_figures.series.exclude(section=""):
            section_page = ThemePage.objects.get(section=series.section)
            block = re.search(
                rf'<section class="data-series" aria-labelledby="{series.anchor}".*?</section>',
                html,
                re.S,
            ).group(0)
            with translation.override(language):
                assert f'href="{section_page.get_url()}"' in block


def test_an_editor_can_hide_a_drawn_in_part_on_one_page(client):
    page = ThemePage.objects.get(section="ageing")
    page.show_milestones = False
    page.save_revision().publish()
    html = html_of(client, page, "nl")
    assert part(html, "section-milestones") is None
    assert part(
        html_of(client, ThemePage.objects.get(section="equality"), "nl"), "section-milestones"
    )


def test_a_new_event_appears_on_its_section_page_when_the_timeline_is_published(client):
    page = ThemePage.objects.get(section="e-health")
    assert part(html_of(client, page, "en"), "section-milestones") is None
    timeline = TimelinePage.objects.get()
    timeline.events.add(
        TimelineEvent(
            date=datetime.date(2020, 1, 1),
            precision="year",
            theme=page,
            **{f"era_{code}": "Era" for code in language_codes()},
            **{f"headline_{code}": f"New milestone {code}" for code in language_codes()},
            **{f"text_{code}": "Text" for code in language_codes()},
        )
    )
    timeline.save_revision().publish()
    milestones = part(html_of(client, page, "nl"), "section-milestones")
    assert milestones and "New milestone nl" in milestones


def queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_section_page_costs_the_same_queries_with_2_or_40_milestones_and_figures(client):
    page = ThemePage.objects.get(section="labour-market")
    with translation.override("en"):
        url = page.get_url()
    before = queries_for(client, url)
    timeline = TimelinePage.objects.get()
    for number in range(40):
        TimelineEvent.objects.create(
            page=timeline,
            date=datetime.date(1950 + number, 1, 1),
            theme=page,
            **{f"era_{code}": "Era" for code in language_codes()},
            **{f"headline_{code}": f"Event {number}" for code in language_codes()},
            **{f"text_{code}": "Text" for code in language_codes()},
        )
        DataSeries.objects.create(
            page=KeyFiguresPage.objects.get(),
            key=f"probe-{number}",
            data="2022;1\n2023;2",
            section="labour-market",
            **{
                f"{name}_{code}": f"{name} {number}"
                for name in ("title", "description", "unit", "label_heading")
                for code in language_codes()
            },
        )
    assert queries_for(client, url) == before


def test_the_admin_refuses_a_second_page_for_a_section_in_the_editor_language(client):
    editor = make_user("sections-editor", "Moderators", language="nl")
    client.force_login(editor)
    home = HomePage.objects.get()
    existing = ThemePage.objects.get(section="ageing")
    data = nested_form_data(
        {
            "section": "ageing",
            **{f"title_{code}": f"Second {code}" for code in language_codes()},
            **{f"slug_{code}": f"second-{code}" for code in language_codes()},
            **{f"intro_{code}": "Intro" for code in language_codes()},
            **{f"body_{code}": streamfield([]) for code in language_codes()},
            "source_citations": inline_formset([]),
            "show_milestones": "on",
            "show_key_figures": "on",
            "action-publish": "publish",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=["content", "themepage", home.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "heeft al een pagina op deze site" in html
    assert escape(existing.title_nl) in html or escape(existing.title) in html
    assert not ThemePage.objects.filter(slug_en="second-en").exists()


def test_the_admin_lists_a_section_page_by_its_section():
    page = ThemePage.objects.get(section="ageing")
    with translation.override("nl"):
        assert page.page_type_display_name == "Vergrijzing"


def test_the_api_gives_each_section_and_its_names(client):
    page = ThemePage.objects.get(section="ageing")
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["section"] == "ageing"
    assert data["section_names"] == section_names("ageing")
    assert data["section_names"]["nl"] == "Vergrijzing"
    series = client.get("/api/v2/data-series/?fields=section,section_names&limit=100").json()
    tagged = [item for item in series["items"] if item["section"]]
    assert tagged and all(item["section_names"]["fr"] for item in tagged)
    assert Page.objects.type(ThemePage).count() == 7


def test_every_page_main_menu_reaches_every_section_in_magazine_order(client):
    sections = {page.section: page for page in ThemePage.objects.live()}
    for page in Page.objects.live().public().filter(depth__gt=1).specific()[:6]:
        for language in language_codes():
            html = html_of(client, page, language)
            menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
            assert "<details>" in menu and "<summary>" in menu  # no JavaScript needed
            hrefs = re.findall(r'href="([^"]+)"', menu)
            expected = []
            for key in SECTION_KEYS:
                with translation.override(language):
                    expected.append(sections[key].get_url())
            found = [href for href in hrefs if href in expected]
            assert found == expected, (page, language)
