"""Issue 13, item 3: synonyms and promoted results that editors keep, per language."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from search.folding import fold
from search.models import SearchEntry, SearchSynonym
from search.synonyms import alternatives

from .helpers import page_url, result_urls, search, text_of

pytestmark = pytest.mark.django_db


def page(slug_en):
    return Page.objects.get(slug_en=slug_en).specific


def test_a_starting_set_of_synonyms_exists_in_every_language():
    for language, term, replacement in (
        ("nl", "werkloos", "werkloosheid"),
        ("en", "complain", "feedback"),
        ("fr", "minimex", "revenu d'intégration"),
        ("fr", "retraite", "pension"),
    ):
        synonym = SearchSynonym.objects.get(language=language, term=term)
        assert replacement in synonym.replacement_list()


def test_a_synonym_finds_the_pages_that_use_the_other_word(client):
    feedback = page("feedback")
    assert "complain" not in fold(SearchEntry.objects.get(page=feedback, language="en").text)
    assert page_url(feedback, "en") in result_urls(search(client, "en", "complain"))[:3]


def test_an_editors_synonym_works_at_once_and_only_in_its_language(client):
    # A page that says "pension" but never "retraite" in French.
    entries = SearchEntry.objects.filter(language="fr", folded_body__contains="pension")
    target = next(
        entry
        for entry in entries
        if "retrait" not in entry.folded_title + entry.folded_lead
        and "retrait" not in entry.folded_body
    )
    url = page_url(target.page, "fr")
    # "retraite → pension" is in the starting set; an editor who removes it loses its effect.
    SearchSynonym.objects.filter(language="fr", term="retraite").delete()
    assert url not in result_urls(search(client, "fr", "retraite"))
    SearchSynonym.objects.create(language="fr", term="retraite", replacements="pension")
    assert url in result_urls(search(client, "fr", "retraite", page=1)) + result_urls(
        search(client, "fr", "retraite", page=2)
    )
    assert alternatives("Retraite anticipée", "fr") == ["Retraite anticipée", "pension anticipee"]
    assert alternatives("retraite", "en") == ["retraite"]
    assert alternatives("retraites", "fr") == ["retraites"]  # whole words only


def test_synonyms_are_a_snippet_with_labels_in_every_language():
    assert SearchSynonym in get_snippet_models()
    labels = {}
    for language in ("fr", "nl", "en"):
        with translation.override(language):
            labels[language] = str(SearchSynonym._meta.verbose_name_plural)
    assert labels == {
        "fr": "synonymes de recherche",
        "nl": "zoeksynoniemen",
        "en": "search synonyms",
    }


def test_editors_manage_synonyms_in_the_admin(client):
    admin = get_user_model().objects.create_superuser("synonyms-admin", "a@example.org", "pw")
    client.force_login(admin)
    listing = client.get("/admin/snippets/search/searchsynonym/")
    assert listing.status_code == 200
    assert "complain" in listing.content.decode()
    dutch = client.get("/admin/snippets/search/searchsynonym/", {"language": "nl"})
    assert "werkloos" in dutch.content.decode()
    created = client.post(
        "/admin/snippets/search/searchsynonym/add/",
        {"language": "nl", "term": "pensioentje", "replacements": "pensioen"},
    )
    assert created.status_code == 302
    assert SearchSynonym.objects.filter(language="nl", term="pensioentje").exists()


def promote(query_string, page_, description=""):
    query = Query.get(query_string)
    return SearchPromotion.objects.create(
        query=query, page=page_, description=description, sort_order=0
    )


def picks(response):
    html = response.content.decode()
    if 'class="search-picks"' not in html:
        return ""
    return text_of(html.split('class="search-picks"', 1)[1].split("</section>", 1)[0])


def test_a_promotion_without_language_shows_in_every_language_in_that_language(client):
    key_figures = page("key-figures")
    promote("Pension", key_figures, description="Figures")
    for language in ("fr", "en"):
        response = search(client, language, "pension")
        html = response.content.decode()
        assert f'<a href="{page_url(key_figures, language)}">' in html
        with translation.override(language):
            assert key_figures.title in picks(response)
    assert "Recommandé" in picks(search(client, "fr", "pension"))
    assert "Recommended" in picks(search(client, "en", "PENSIÓN"))


def test_a_promotion_for_one_language_starts_with_its_code(client):
    labour = page("labour-market")
    promote("nl: werkloos", labour)
    dutch = search(client, "nl", "werkloos")
    assert "Aanbevolen" in picks(dutch)
    assert f'<a href="{page_url(labour, "nl")}">' in dutch.content.decode()
    assert picks(search(client, "en", "werkloos")) == ""
    assert picks(search(client, "fr", "werkloos")) == ""


def test_an_unpublished_promoted_page_is_not_shown(client):
    privacy = page("privacy")
    promote("gdpr", privacy)
    privacy.unpublish()
    assert picks(search(client, "en", "gdpr")) == ""
