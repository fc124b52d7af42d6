"""Issue 13, items 5 and 6: title, then headings and introduction, then body; a bonus for the
whole phrase; clean excerpts; the kind of page; no query per result."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import PublicationPage
from search import ranking, results_cache, stemming, websearch
from search.models import SearchEntry
from search.querying import phrase_condition
from search.text import page_text

from .helpers import add_page, page_url, result_urls, search, text_of

pytestmark = pytest.mark.django_db


def excerpts(response):
    return re.findall(
        r'<p class="search-result__excerpt">(.*?)</p>', response.content.decode(), re.S
    )


def test_title_then_headings_and_intro_then_body(client):
    body = add_page(
        "rank-body", "Rank body", body=[("paragraph", "Some text on the quokkafruit harvest.")]
    )
    heading = add_page(
        "rank-heading", "Rank heading", body=[("heading", "Quokkafruit"), ("paragraph", "More.")]
    )
    intro = add_page("rank-intro", "Rank intro", intro="The quokkafruit, explained.")
    title = add_page("rank-title", "Quokkafruit", intro="What it is.")
    urls = result_urls(search(client, "en", "quokkafruit"))
    assert urls[0] == page_url(title, "en")
    assert set(urls[1:3]) == {page_url(heading, "en"), page_url(intro, "en")}
    assert urls[3] == page_url(body, "en")


def test_the_whole_phrase_ranks_first(client):
    apart = add_page(
        "phrase-apart", "Phrase apart",
        body=[("paragraph", "Wombat markets are closed; the orchard grows berries.")],
    )  # fmt: skip
    together = add_page(
        "phrase-together", "Phrase together",
        body=[("paragraph", "The wombat orchard is open; markets sell berries.")],
    )  # fmt: skip
    urls = result_urls(search(client, "en", "wombat orchard"))
    assert urls[:2] == [page_url(together, "en"), page_url(apart, "en")]


def phrase_pages(version, language):
    """The slugs of the test pages that get the phrase bonus for `version`."""
    entries = SearchEntry.objects.filter(language=language, page__slug__startswith="gap-")
    matching = entries.filter(phrase_condition(version, language))
    return sorted(matching.values_list("page__slug", flat=True))


def test_the_phrase_is_read_as_postgresql_phraseto_tsquery_reads_it():
    add_page("gap-stop", "Gap stop", intro="Numbat et la berrie.", title_fr="Numbat et la berrie")
    add_page("gap-word", "Gap word", intro="Numbat orchard berrie.", title_fr="Numbat rouge berrie")
    add_page("gap-order", "Gap order", intro="Berrie and numbat.", title_fr="Berrie et numbat")
    add_page(
        "gap-parts",
        "Gap",
        intro="and numbat-berrie",
        title_fr="Gap de la",
        intro_fr="numbat-berrie",
    )
    # English: "and" and "the" are stop words; each leaves a gap of one position, which any
    # word fills ('numbat' <2> 'berri' on both databases).
    assert phrase_pages("numbat the berrie", "en") == ["gap-word"]
    assert phrase_pages("numbat the the berrie", "en") == ["gap-stop"]  # "et la" is French
    assert phrase_pages("numbat berrie", "en") == ["gap-parts"]  # a hyphenated word's parts
    assert phrase_pages("the numbat-berrie", "en") == ["gap-parts"]  # leading stop word dropped
    # French: "et", "la" and "de" are stop words there.
    assert phrase_pages("numbat et la berrie", "fr") == ["gap-stop"]
    assert phrase_pages("numbat la berrie", "fr") == ["gap-word"]
    assert phrase_pages("numbat rouge berrie", "fr") == ["gap-word"]
    # The title's last word and the intro's first are one position apart: stop words at the
    # end of the title take none ("Gap de la" then "numbat-berrie").
    assert phrase_pages("gap numbat-berrie", "fr") == ["gap-parts"]
    assert phrase_pages("gap de la numbat-berrie", "fr") == []
    # "Berrie et numbat" is no phrase, but a title ending in "berrie" and an intro starting with
    # "Numbat" are one.
    assert phrase_pages("berrie numbat", "fr") == ["gap-stop", "gap-word"]
    assert phrase_pages("et la", "fr") == []  # stop words only: no phrase


def test_words_side_by_side_rank_first_as_ts_rank_puts_them(client):
    # ts_rank of an AND query weighs pairs of positions by their distance: two words side by
    # side in the body outrank one in the title and one sixty words away, on both databases.
    filler = " ".join(["filler"] * 60)
    near = add_page("rank-near", "Rank near", body=[("paragraph", "The numbat burrow is deep.")])
    far = add_page("rank-far", "Numbat", body=[("paragraph", f"{filler} a burrow.")])
    urls = result_urls(search(client, "en", "numbat burrow"))
    assert urls[:2] == [page_url(near, "en"), page_url(far, "en")]
    # One word: the title counts most (ts_rank's other formula).
    assert result_urls(search(client, "en", "numbat"))[:2] == [
        page_url(far, "en"),
        page_url(near, "en"),
    ]


def test_the_sqlite_rank_is_ts_rank_own():
    add_page("rank-near", "Rank near", body=[("paragraph", "The numbat burrow is deep.")])
    add_page("rank-far", "Numbat", intro="Burrows.", body=[("paragraph", "A numbat, a burrow.")])
    queries = ["numbat", "numbat burrow", '"numbat burrow"', "numbat -deep", "numbat or deep"]
    entries = SearchEntry.objects.filter(language="en")
    for query in queries:
        tree = websearch.parse(query, "en")
        described = ranking.describe(tree, websearch.terms(tree))
        for entry in entries.filter(page__slug__startswith="rank-"):
            text = page_text(entry.page.specific, "en")
            parts = (text.title, text.lead_text, text.body_text, text.reference_text)
            mine = ranking.ts_rank(*(stemming.stored(part, "en") for part in parts), described)
            if connection.vendor != "postgresql":
                assert mine > 0, (query, entry.title)
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT ts_rank(search_vector, websearch_to_tsquery('portal_english', %s))"
                    "::float8 FROM content_searchentry WHERE id = %s",
                    [query, entry.pk],
                )
                assert mine == cursor.fetchone()[0], (query, entry.title)


def test_headings_are_not_run_into_the_text_of_excerpts(client):
    add_page(
        "excerpt-blocks", "Excerpt blocks",
        body=[
            ("heading", "Numbat rules"),
            ("paragraph", "Every numbat counts its termites before noon."),
        ],
    )  # fmt: skip
    html = excerpts(search(client, "en", "numbat"))[0]
    text = text_of(html)
    assert "rules Every" not in text
    assert re.search(r"rules\. .*Every", text), text


def test_an_excerpt_cut_from_a_longer_text_says_so_at_each_cut_end(client):
    """An excerpt that starts after the beginning of the page's text or stops before its end
    shows "…" there; one that is the whole text shows none (on PostgreSQL ts_headline cuts
    without a sign; on SQLite highlight_words)."""
    filler = " ".join(
        f"Sentence {n} of the filler text is about nothing at all." for n in range(40)
    )
    add_page(
        "excerpt-long", "Excerpt long",
        body=[("paragraph", filler), ("paragraph", "Here the dugong eats."), ("paragraph", filler)],
    )  # fmt: skip
    add_page("excerpt-short", "Excerpt short", intro="A dugong, briefly.")
    shown = {
        " ".join(unescape(re.sub(r"</?mark>", "", html)).split())
        for html in excerpts(search(client, "en", "dugong"))
    }
    long = next(text for text in shown if "eats" in text)
    assert long.startswith("… ") and long.endswith(" …"), long
    assert "A dugong, briefly." in shown, shown


def test_each_result_says_what_kind_of_page_it_is_in_the_visitors_language(client):
    for language, kind in (
        ("en", "Magazine section page"),
        ("fr", "Page de section du magazine"),
        ("nl", "Hoofdstukpagina van het magazine"),
    ):
        html = search(client, language, "pension" if language != "nl" else "pensioen").content
        assert f'<p class="search-result__kind">{kind}</p>' in html.decode(), language


def kind_of_result(response, url):
    """The kind shown under the result that links to `url`."""
    match = re.search(
        rf'<a href="{re.escape(url)}"[^>]*>.*?</a></h[23]>\s*<p class="search-result__kind">'
        r"(.*?)</p>",
        response.content.decode(),
        re.S,
    )
    assert match, f"no result links to {url}"
    return unescape(match.group(1))


@pytest.mark.parametrize(
    ("language", "query", "url", "kind"),
    [
        # The citizen topics under "Your situation" (StandardPages) and the glossary.
        ("fr", "handicap", "/fr/votre-situation/handicap/", "Page d'information"),
        ("nl", "handicap", "/nl/uw-situatie/handicap/", "Informatiepagina"),
        ("en", "disability", "/en/your-situation/disability/", "Information page"),
        ("en", "feedback", "/en/feedback/", "Form"),
        ("fr", "avis", "/fr/votre-avis/", "Formulaire"),
        ("nl", "mening", "/nl/uw-mening/", "Formulier"),
    ],
)
def test_information_pages_and_forms_are_named_in_words_a_citizen_uses(
    client, language, query, url, kind
):
    response = search(client, language, query)
    assert kind_of_result(response, url) == kind
    assert "Standard page" not in response.content.decode()
    assert "Form page" not in response.content.decode()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_title_left_in_another_language_is_marked_with_its_own_lang(client, language):
    publication = PublicationPage.objects.get(slug_en="tree-of-trust")
    assert publication.title_language == "fr"
    url = page_url(publication, language)
    html = search(client, language, "tree of trust").content.decode()
    assert f'<a href="{url}" lang="fr">Tree of trust – Notre sécurité sociale</a>' in html
    # The other results, in the page's language, carry no lang of their own.
    assert html.count('class="search-result__title"><a href=') > html.count('" lang="fr">Tree')
    assert re.search(r'class="search-result__title"><a href="[^"]+">', html)


def test_a_title_in_the_pages_own_language_is_not_marked(client):
    publication = PublicationPage.objects.get(slug_en="tree-of-trust")
    url = page_url(publication, "fr")
    html = search(client, "fr", "tree of trust").content.decode()
    assert f'<a href="{url}">Tree of trust – Notre sécurité sociale</a>' in html


def test_the_search_page_makes_no_query_per_result(client):
    def queries_for(page):
        results_cache.invalidate()  # a search, not an answer from the results cache
        with CaptureQueriesContext(connection) as queries:
            response = search(client, "en", "social security", page=page)
        return len(queries), len(result_urls(response))

    queries_for(1)  # the first request caches the sites and creates today's statistics row
    first_queries, first = queries_for(1)
    second_queries, second = queries_for(99999)  # the last page
    assert first == 10 and 0 < second < first
    assert first_queries == second_queries, (first_queries, second_queries)
