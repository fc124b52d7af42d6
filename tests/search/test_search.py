"""Search in the visitor's language: stemming on PostgreSQL, a simple fallback elsewhere, odd
queries answered with a message, and an index that follows the content."""

import re
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from content.models import StandardPage, ThemePage
from search import stemming
from search.configs import search_config, search_configs
from search.models import SearchEntry

pytestmark = pytest.mark.django_db

ON_POSTGRES = connection.vendor == "postgresql"
RESULT_LINK = re.compile(r'<h2 class="search-result__title"><a href="([^"]+)"[^>]*>')


def search_url(language):
    with translation.override(language):
        return reverse("search")


def page_url(page, language):
    with translation.override(language):
        return page.get_url()


def search(client, language, query, **params):
    response = client.get(search_url(language), {"q": query, **params})
    assert response.status_code == 200
    return response


def result_urls(response):
    return RESULT_LINK.findall(response.content.decode())


def status_text(response):
    match = re.search(r'role="status">(.*?)</div>', response.content.decode(), re.S)
    assert match, "the page has no status region"
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


def title_text(response):
    return unescape(re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1))


@pytest.fixture
def ageing():
    return ThemePage.objects.get(slug_en="ageing")


@pytest.fixture
def e_government():
    return ThemePage.objects.get(slug_en="e-government")


def entry_text(page, language):
    entry = SearchEntry.objects.get(page=page, language=language)
    return f"{entry.title}\n{entry.text}".lower()


# --- The search page ---------------------------------------------------------------------


def test_search_page_has_a_translated_address_in_each_language(client):
    assert [search_url(code) for code in ("fr", "nl", "en")] == [
        "/fr/recherche/",
        "/nl/zoeken/",
        "/en/search/",
    ]
    for language in ("fr", "nl", "en"):
        response = client.get(search_url(language))
        assert response.status_code == 200
        assert f'<html lang="{language}">' in response.content.decode()
        assert 'name="q"' in response.content.decode()


def test_every_page_has_a_search_form_in_its_header(client, ageing):
    html = client.get(page_url(ageing, "nl")).content.decode()
    form = re.search(r'<form class="site-search" role="search" method="get" action="([^"]+)"', html)
    assert form and form.group(1) == "/nl/zoeken/"
    # A visible label (issue 15), not one only screen readers get.
    assert (
        '<label class="site-search__label" for="site-search-q">Zoeken op deze website</label>'
        in html
    )


def test_language_switcher_on_the_search_page_leads_to_the_search_page_of_each_language(client):
    html = client.get("/nl/zoeken/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', switcher) == [
        "/fr/recherche/",
        "/nl/zoeken/",
        "/en/search/",
    ]


# --- Finding pages in each language --------------------------------------------------------

STEMMING_QUERIES = [
    ("en", "pensions"),
    ("en", "pensioners"),
    ("nl", "pensioen"),
    ("nl", "pensioenen"),
    ("fr", "retraite"),
    ("fr", "retraites"),
]


@pytest.mark.parametrize(("language", "query"), STEMMING_QUERIES)
def test_pension_queries_find_the_ageing_page_at_the_top(client, ageing, language, query):
    # The language's own Snowball stemming, on PostgreSQL and on SQLite (search.stemming): a
    # plural, or "pensioners", finds "pension(s)".
    urls = result_urls(search(client, language, query))
    assert page_url(ageing, language) in urls[:3], urls


def test_stemming_finds_a_form_of_the_word_the_page_does_not_contain(client, ageing):
    assert "pensioning" not in entry_text(ageing, "en")
    urls = result_urls(search(client, "en", "pensioning"))
    # Found by its stem on both databases, not ranked first: other pages about pensions may
    # outrank it.
    assert page_url(ageing, "en") in urls


@pytest.mark.parametrize(
    ("language", "query"), [("nl", "Kruispuntbank"), ("en", "Crossroads Bank")]
)
def test_the_crossroads_bank_leads_to_the_e_government_page(client, e_government, language, query):
    urls = result_urls(search(client, language, query))
    assert page_url(e_government, language) in urls[:3], urls


def test_a_search_covers_only_the_content_of_its_own_language(client, ageing):
    assert result_urls(search(client, "nl", "vergrijzing"))[0] == page_url(ageing, "nl")
    assert page_url(ageing, "en") not in result_urls(search(client, "en", "vergrijzing"))
    assert result_urls(search(client, "en", "vergrijzing")) == []
    # Results link to the page in the language searched.
    assert all(url.startswith("/nl/") for url in result_urls(search(client, "nl", "pensioen")))


def test_text_inside_streamfield_blocks_is_searchable(client, ageing):
    # "overlevingspensioen" (survivor's pension) is only in a block of the page's body.
    assert "overlevingspensioen" in str(ageing.body_nl.raw_data).lower()
    assert "overleving" not in f"{ageing.title_nl} {ageing.intro_nl} {ageing.search_description_nl}"
    assert page_url(ageing, "nl") in result_urls(search(client, "nl", "overlevingspensioen"))[:3]


def test_summaries_in_other_languages_are_not_indexed_as_the_page_language(client, ageing):
    russian = "Старение"
    assert russian in str(ageing.body_en.raw_data)
    response = search(client, "en", russian)
    assert result_urls(response) == []
    assert russian in status_text(response)


def test_title_matches_rank_first(client):
    standard = StandardPage.objects.get(slug_en="privacy")
    assert "privacy" in standard.title_en.lower()
    assert result_urls(search(client, "en", "privacy"))[0] == page_url(standard, "en")


def test_results_show_an_excerpt_with_the_words_found_highlighted(client):
    html = search(client, "en", "pensions").content.decode()
    excerpts = re.findall(r'<p class="search-result__excerpt">(.*?)</p>', html, re.S)
    assert excerpts
    marked = re.findall(r"<mark>(.*?)</mark>", excerpts[0])
    assert marked and all(word.lower().startswith("pension") for word in marked)


def test_the_number_of_results_is_announced_and_in_the_title(client):
    response = search(client, "fr", "Van Acker")
    count = len(result_urls(response))
    assert 1 <= count < 10  # all on one page
    assert status_text(response).startswith(f"{count} résultat")
    assert title_text(response).startswith(f"{count} résultat")
    assert "« Van Acker »" in title_text(response)


def test_many_results_are_paginated_with_accessible_links(client):
    first = search(client, "en", "social security")
    total = int(status_text(first).split()[0])
    assert total > 10
    html = first.content.decode()
    assert len(result_urls(first)) == 10
    nav = re.search(r'<nav class="pagination" aria-label="Result pages">(.*?)</nav>', html, re.S)
    assert nav
    assert 'aria-current="page"><span class="visually-hidden">Page </span>1</a>' in nav.group(1)
    assert 'rel="next"' in nav.group(1) and 'rel="prev"' not in nav.group(1)
    second = search(client, "en", "social security", page=2)
    assert '<ol class="search-results" start="11">' in second.content.decode()
    assert set(result_urls(second)).isdisjoint(result_urls(first))
    assert "Page 2 of" in status_text(second) and "page 2 of" in title_text(second)
    assert 'rel="prev"' in second.content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1.5", "%00"])
def test_an_odd_page_number_still_shows_results(client, page):
    response = search(client, "en", "pension", page=page)
    assert result_urls(response)


# --- Odd queries: a normal page with a helpful message -------------------------------------

ODD_QUERIES = [
    '"',
    "'",
    '"pension',
    "& | ! : *",
    "pension & | ! : *",
    "!!!",
    ":*",
    "((((",
    "-pension",
    "pension:*",
    "' OR 1=1; DROP TABLE content_searchentry; --",
    "1; SELECT pg_sleep(0) --",
    "%",
    "_",
    "\\",
    "😀",
    "🇧🇪 pension",
    "الضمان الاجتماعي",
    "\x00",
    "pension\x00",
    "<script>alert(1)</script>",
    "\u202epension",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_get_a_normal_page_with_a_message(client, query):
    entries = SearchEntry.objects.count()
    response = search(client, "en", query)
    html = response.content.decode()
    assert status_text(response)
    assert "<script>alert(1)" not in html
    assert "\x00" not in html
    assert SearchEntry.objects.count() == entries


def test_a_query_without_letters_or_digits_says_what_to_type(client):
    for language, message in (
        ("en", "Type one or more words"),
        ("fr", "Tapez un ou plusieurs mots"),
        ("nl", "Typ een of meer woorden"),
    ):
        assert message in status_text(search(client, language, "& | ! : *"))


def test_an_empty_query_invites_to_type_words(client):
    response = search(client, "nl", "   ")
    assert status_text(response) == "Typ een of meer woorden en kies dan “Zoeken”."
    assert result_urls(response) == []


def test_a_query_that_matches_nothing_says_so_and_offers_the_site_map(client):
    response = search(client, "fr", "zzyzzx")
    assert status_text(response) == "Aucune page ne correspond à « zzyzzx »."
    assert 'href="/fr/plan-du-site/"' in response.content.decode()


def test_a_very_long_query_is_refused_with_a_message_and_kept_in_the_field(client):
    query = "pension " * 600
    response = search(client, "en", query.strip())
    html = response.content.decode()
    assert "too long: use at most 200 characters" in status_text(response)
    assert title_text(response).startswith("Error:")
    assert 'aria-invalid="true" aria-describedby="search-status"' in html
    assert f'value="{query.strip()}"' in html
    assert result_urls(response) == []


def test_a_nul_byte_is_dropped_and_the_rest_searched(client, ageing):
    response = search(client, "en", "pensions\x00")
    assert page_url(ageing, "en") in result_urls(response)[:3]
    assert 'value="pensions"' in response.content.decode()


def test_the_query_is_escaped_everywhere_it_is_shown(client):
    query = '<img src=x onerror=alert(1)> "pension"'
    html = search(client, "en", query).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_page_text_is_escaped_in_excerpts_and_only_mark_is_markup(client):
    page = StandardPage.objects.get(slug_en="privacy")
    page.intro_en = 'Zebrafinch <b onclick="x()">bold</b> & <script>alert(1)</script> here.'
    page.save_revision().publish()
    html = search(client, "en", "zebrafinch").content.decode()
    excerpt = re.search(r'<p class="search-result__excerpt">(.*?)</p>', html, re.S).group(1)
    assert "<mark>Zebrafinch</mark>" in excerpt
    # PostgreSQL's ts_headline drops the tags, the SQLite fallback escapes them: either way
    # nothing from the text is markup, and the ampersand is escaped.
    assert "<" not in re.sub(r"</?mark>", "", excerpt)
    assert "bold" in excerpt and "&amp;" in excerpt


def test_search_pages_are_kept_out_of_search_engines(client):
    html = search(client, "en", "pension").content.decode()
    assert '<meta name="robots" content="noindex, follow">' in html


# --- The index follows the content --------------------------------------------------------


def test_publishing_indexes_the_new_text_in_its_language_only(client, ageing):
    ageing.intro_nl = "Een zin met het woord zwanenzang erin."
    ageing.save_revision().publish()
    assert result_urls(search(client, "nl", "zwanenzang")) == [page_url(ageing, "nl")]
    assert result_urls(search(client, "en", "zwanenzang")) == []


def test_a_draft_is_not_searchable_until_published(client, ageing):
    ageing.intro_en = "A draft about kookaburras."
    ageing.save_revision()
    assert result_urls(search(client, "en", "kookaburras")) == []
    ageing.get_latest_revision().publish()
    assert result_urls(search(client, "en", "kookaburras")) == [page_url(ageing, "en")]


def test_unpublishing_removes_a_page_from_the_results(client, ageing):
    ageing.unpublish()
    assert not SearchEntry.objects.filter(page=ageing).exists()
    assert page_url(ageing, "en") not in result_urls(search(client, "en", "pensions"))


def test_deleting_removes_a_page_from_the_index(client, ageing):
    page_id = ageing.pk
    assert SearchEntry.objects.filter(page_id=page_id).count() == 3
    ageing.delete()
    assert not SearchEntry.objects.filter(page_id=page_id).exists()
    assert "/en/ageing/" not in result_urls(search(client, "en", "pensions"))


def _private_section():
    home = Page.objects.get(depth=2)
    section = StandardPage(
        title="Intranet", title_fr="Intranet", title_nl="Intranet", title_en="Intranet",
        slug="intranet", slug_fr="intranet", slug_nl="intranet", slug_en="intranet",
    )  # fmt: skip
    home.add_child(instance=section)
    section.save_revision().publish()
    return section


def test_moving_a_page_into_a_private_section_removes_it_from_search(
    client, django_capture_on_commit_callbacks
):
    section = _private_section()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    privacy = StandardPage.objects.get(slug_en="privacy")
    assert page_url(privacy, "en") in result_urls(search(client, "en", "privacy"))
    privacy.move(section, pos="last-child")
    assert not SearchEntry.objects.filter(page=privacy).exists()
    assert page_url(privacy, "en") not in result_urls(search(client, "en", "privacy"))
    # And back out again: searchable once more, under its new address.
    privacy.refresh_from_db()
    privacy.move(Page.objects.get(depth=2), pos="last-child")
    assert SearchEntry.objects.filter(page=privacy).count() == 3


def test_restricting_and_opening_a_page_updates_the_index(
    client, django_capture_on_commit_callbacks
):
    privacy = StandardPage.objects.get(slug_en="privacy")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=privacy, restriction_type=PageViewRestriction.LOGIN
        )
    assert not SearchEntry.objects.filter(page=privacy).exists()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert SearchEntry.objects.filter(page=privacy).count() == 3


def test_rebuild_command_reindexes_every_live_page_with_one_line_each(client, ageing):
    SearchEntry.objects.all().delete()
    assert result_urls(search(client, "en", "pensions")) == []
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    lines = out.getvalue().splitlines()
    live = Page.objects.live().public().filter(depth__gt=1).count()
    progress = [line for line in lines if re.match(r"\[\d+/\d+\] ", line)]
    assert len(progress) == live
    assert progress[-1].startswith(f"[{live}/{live}] ")
    assert all(line.endswith(": fr, nl, en") for line in progress)
    assert "Search index rebuilt" in lines[-1]
    assert SearchEntry.objects.count() == live * 3
    assert page_url(ageing, "en") in result_urls(search(client, "en", "pensions"))[:3]


def test_load_content_leaves_the_index_current(client, ageing):
    SearchEntry.objects.all().delete()
    call_command("load_content", stdout=StringIO())
    assert page_url(ageing, "fr") in result_urls(search(client, "fr", "pensions"))[:3]


# --- Where the index lives ----------------------------------------------------------------


def test_each_language_uses_its_own_text_search_configuration():
    # The built-in configurations, copied with unaccent (search migration 0002).
    assert search_configs() == {"fr": "portal_french", "nl": "portal_dutch", "en": "portal_english"}
    assert search_config("de") == "portal_german"
    assert search_config("xx") == "portal_simple"


def test_the_index_holds_stemmed_vectors_with_a_gin_index_on_postgres(ageing):
    entry = SearchEntry.objects.get(page=ageing, language="nl")
    if ON_POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'content_searchentry'"
            )
            definitions = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                "SELECT search_vector::text FROM content_searchentry WHERE id = %s", [entry.pk]
            )
            vector = cursor.fetchone()[0]
        assert any("USING gin (search_vector)" in definition for definition in definitions)
        assert "'pensioen'" in vector  # "pensioenen", stemmed by the Dutch configuration
    else:
        assert entry.search_vector is None
        assert " pensioen " in entry.stems_title + entry.stems_lead + entry.stems_body
        assert "pensioen" in entry.text.lower()


def test_a_word_matches_its_stem_whole_not_a_longer_word():
    # Dutch compounds are words of their own, as on PostgreSQL: "werkloosheid" (stem
    # "werklos") does not find a page only because it says "werkloosheidsuitkering".
    assert stemming.terms("Werkloosheidsuitkeringen en werkloosheid", "nl") == [
        "werkloosheidsuitker",
        "werklos",
    ]  # "en" is a Dutch stop word


def test_stems_are_postgres_own(ageing):
    # The same Snowball algorithms and stop words as PostgreSQL's configurations.
    assert stemming.terms("Les pensions des indépendants", "fr") == ["le", "pension", "independ"]
    assert stemming.terms("The pensioners' accessibility", "en") == ["pension", "access"]
    assert stemming.terms("e-Health", "en") == ["e-health", "e", "health"]
    if ON_POSTGRES:
        for language, config in search_configs().items():
            text = "Les pensions des indépendants, pensioenen van zelfstandigen, e-health 1944"
            with connection.cursor() as cursor:
                cursor.execute("SELECT to_tsvector(%s::regconfig, %s)::text", [config, text])
                vector = cursor.fetchone()[0]
            lexemes = set(re.findall(r"'([^']+)'", vector))
            assert lexemes == set(stemming.terms(text, language)), language
