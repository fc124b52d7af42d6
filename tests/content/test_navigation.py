"""Issue 15's navigation: short menu titles, "On this page", "Last reviewed", a visible search
label, and a header that fits one line at 1280 px and stays compact at 320 px.

Expected texts are read from the database, never from seed prose.
"""

import datetime
import re
from html import unescape

import pytest
from django.utils import formats, translation
from wagtail.models import Page

from content.models import StandardPage, ThemePage, TimelinePage
from core.languages import language_codes

pytestmark = pytest.mark.django_db

LABELS = {"fr": "Dernière révision :", "nl": "Laatst nagekeken op", "en": "Last reviewed:"}


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


def html_of(client, page, language):
    with translation.override(language):
        response = client.get(page.get_url())
    assert response.status_code == 200
    return response.content.decode()


def menu_of(html):
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)


def test_the_menu_shows_each_page_short_title_in_the_visitor_language(client):
    timeline = TimelinePage.objects.get()
    for language in language_codes():
        short = getattr(timeline, f"menu_title_{language}")
        assert short  # the seeds give every language its short title
        menu = menu_of(html_of(client, timeline, language))
        assert f">{short}</a>" in menu
        assert getattr(timeline, f"title_{language}") not in unescape(menu)


def test_an_empty_short_title_falls_back_to_the_page_own_title_never_another_language(client):
    forum = StandardPage.objects.get(slug_en="world-forum-2019")  # has a short title
    forum.menu_title_nl = ""
    forum.save()
    home = forum.get_parent()
    menu = unescape(menu_of(html_of(client, home.specific, "nl")))
    assert f">{forum.title_nl}</a>" in menu
    assert forum.menu_title_fr not in menu


def test_long_pages_list_their_sections_and_every_entry_leads_to_its_heading(client):
    for page in ThemePage.objects.live():
        for language in language_codes():
            html = html_of(client, page, language)
            box = re.search(r'<nav class="on-this-page".*?</nav>', html, re.S)
            headings = re.findall(r'<h2 class="block-heading" id="([^"]+)">', html)
            assert len(headings) >= 3, (page, language)
            assert box, (page, language)
            anchors = re.findall(r'href="#([^"]+)"', box.group(0))
            assert anchors == headings, (page, language)
            assert len(set(anchors)) == len(anchors)


def test_a_short_page_has_no_contents_list(client):
    page = StandardPage.objects.live().first()
    page.body_en = [("heading", {"text": "Only one", "level": "h2"})]
    page.save()
    assert 'class="on-this-page"' not in html_of(client, page, "en")


def test_every_page_says_when_it_was_last_reviewed_in_the_visitor_language(client):
    pages = [p for p in Page.objects.live().specific() if getattr(p, "last_reviewed", None)]
    assert len(pages) >= 15
    for page in pages[:6]:
        for language in language_codes():
            html = html_of(client, page, language)
            with translation.override(language):
                shown = formats.date_format(page.last_reviewed, "DATE_FORMAT")
            iso = page.last_reviewed.isoformat()
            expected = f'{LABELS[language]} <time datetime="{iso}">{shown}</time>'
            assert expected in unescape(html), (page, language)


def test_no_date_set_means_no_last_reviewed_line(client):
    page = ThemePage.objects.live().first()
    page.last_reviewed = None
    page.save()
    assert 'class="last-reviewed"' not in html_of(client, page, "fr")
    page.last_reviewed = datetime.date(2026, 1, 5)
    page.save()
    assert "5 januari 2026" in html_of(client, page, "nl")


NOTICE = {
    "fr": "Cette installation n'indique pas encore qui gère le portail",
    "nl": "Deze installatie vermeldt nog niet wie de portaalsite beheert",
    "en": "This deployment has not yet said who runs the portal",
}


def statement_pages():
    return [
        page
        for page in StandardPage.objects.live()
        if any(block.block_type == "operator" for block in page.body)
    ]


def test_until_a_deployment_names_its_operator_the_pages_say_so(client, settings):
    settings.PORTAL_OPERATOR = {"name": {"fr": "", "nl": "", "en": ""}, "url": "", "email": ""}
    pages = statement_pages()
    assert len(pages) == 2  # privacy notice and accessibility statement
    for page in pages:
        for language in language_codes():
            html = unescape(html_of(client, page, language))
            assert NOTICE[language] in html, (page, language)
            assert "mailto:" not in html


def test_the_operator_from_settings_is_named_in_each_language(client, settings):
    settings.PORTAL_OPERATOR = {
        "name": {"fr": "SPF Sécurité sociale", "nl": "", "en": "FPS Social Security"},
        "url": "https://socialsecurity.belgium.be/",
        "email": "portal@example.org",
    }
    for page in statement_pages():
        en = unescape(html_of(client, page, "en"))
        assert '<a href="https://socialsecurity.belgium.be/">FPS Social Security</a>' in en
        assert '<a href="mailto:portal@example.org">portal@example.org</a>' in en
        assert NOTICE["en"] not in en
        # No Dutch name set: the French one, marked as French, never unmarked.
        nl = unescape(html_of(client, page, "nl"))
        assert 'lang="fr">SPF Sécurité sociale</a>' in nl


def test_a_missing_short_title_is_not_called_an_untranslated_part_of_the_page(client):
    forum = StandardPage.objects.get(slug_en="world-forum-2019")  # has a short title
    forum.menu_title_nl = ""
    forum.save()
    html = html_of(client, forum, "nl")
    assert 'class="notice notice--fallback"' not in html
