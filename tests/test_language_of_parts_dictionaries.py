"""Language of parts (WCAG 3.1.2), checked with dictionaries on every page in every language.

A word that the page's language's dictionary does not know, but another site language's does,
is a phrase in another language that lacks its `lang` (see qa/spelling.py). The reviewed
exceptions are below, each with why it is right as it is.
"""

import pytest
from django.utils import translation
from wagtail.models import Page

from core.languages import language_codes
from qa.spelling import LanguageCheck, words_by_language

pytestmark = pytest.mark.django_db

# Words the page's own dictionary lacks but that are right in the page's language: loanwords,
# official names and terms written this way by Belgian federal services, and words the
# dictionaries do not have yet. Reviewed one by one; keep it short.
ALLOWED = {
    # burn-out, flexi-jobs and chatbot are French as written in Belgium (the dictionary lacks
    # "burn" and "flexi" as parts of a hyphenated word, and "chatbot"); "datamining" is the
    # word of the FPS's own French report (2011).
    "fr": {"burn", "flexi", "chatbot", "datamining"},
    # e-government is the federal Dutch term (the theme is named so); burn-out is Dutch; the
    # "minimex" was the name of the subsistence minimum in Belgium in every language; "inter"
    # is the prefix of "(inter)nationale".
    "nl": {"burn", "government", "minimex", "inter"},
    # flexi-jobs and the minimex are the Belgian names, used as such in English texts.
    "en": {"flexi", "minimex"},
}


def test_the_parser_reads_each_phrase_in_the_language_of_its_nearest_lang():
    html = (
        '<html lang="nl"><body><p>Het hoofdstuk <span lang="fr">la protection sociale</span>'
        ' zegt het.<img alt="een grafiek"><br></p><script>var geheim;</script>'
        '<p translate="no">verborgen</p><p>einde</p></body></html>'
    )
    words = words_by_language(html)
    assert words["nl"] == ["Het", "hoofdstuk", "zegt", "het", "een", "grafiek", "einde"]
    assert words["fr"] == ["la", "protection", "sociale"]


def test_an_unmarked_phrase_in_another_language_is_found_and_a_marked_one_is_not():
    check = LanguageCheck()
    check.add_page(
        "unmarked",
        "nl",
        '<html lang="nl"><p>Het hoofdstuk heet protection sociale universelle en werkloosheid.</p>'
        "<p>The chapter mentions everything together.</p></html>",
    )
    check.add_page(
        "marked",
        "nl",
        '<html lang="nl"><p>Het hoofdstuk heet <span lang="fr">protection sociale universelle'
        "</span> en werkloosheid.</p></html>",
    )
    check.add_page(
        "french", "fr", '<html lang="fr"><p>Le chapitre parle de werkloosheid.</p></html>'
    )
    found = check.suspects()
    assert "marked" not in found
    assert any(word.startswith("universelle (known in fr") for word in found["unmarked"])
    assert any(word.startswith("everything (known in en") for word in found["unmarked"])
    assert found["french"] == ["werkloosheid (known in nl)"]
    assert check.suspects({"fr": {"werkloosheid"}}).get("french") is None


def test_no_page_has_unmarked_words_of_another_language(client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    check = LanguageCheck()
    checked = 0
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        for language in language_codes():
            with translation.override(language):
                url = page.get_url()
            response = client.get(url)
            assert response.status_code == 200, url
            checked += check.add_page(url, language, response.content.decode())
    assert checked > 10_000  # the check read the pages' text, it did not pass on nothing
    found = check.suspects(ALLOWED)
    assert not found, "\n".join(f"{page}: {', '.join(words)}" for page, words in found.items())
