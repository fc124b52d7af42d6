"""Site-wide, on the seed content: every page is found by its own rarest words, in every language.

Tried as a new user would: type a word that only a few pages use, and expect each of them in
the first page of results. This holds only if the index covers every text a visitor reads
(blocks, timeline events, series, citations), which is what the registry guarantees.
"""

import re
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import translation

from core.languages import language_codes
from search.models import SearchEntry

pytestmark = pytest.mark.django_db
WORD = re.compile(r"[^\W\d_]{6,}")
RARE = 3  # at most this many pages in the language use the word


def rare_words_by_page(language):
    entries = list(SearchEntry.objects.filter(language=language).select_related("page"))
    words = {
        entry.page_id: set(WORD.findall(f"{entry.title} {entry.text}".lower())) for entry in entries
    }
    frequency = Counter(word for page_words in words.values() for word in page_words)
    chosen = {}
    for entry in entries:
        candidates = sorted(
            (frequency[word], word) for word in words[entry.page_id] if frequency[word] <= RARE
        )
        if candidates:
            chosen[entry.page] = candidates[0][1]
    return chosen


@pytest.mark.parametrize("language", language_codes())
def test_every_page_is_found_by_its_rarest_word(client, language):
    chosen = rare_words_by_page(language)
    assert len(chosen) >= SearchEntry.objects.filter(language=language).count() - 1
    with translation.override(language):
        search_url = reverse("search")
    missed = []
    for page, word in chosen.items():
        with translation.override(language):
            url = page.get_url()
        html = client.get(search_url, {"q": word}).content.decode()
        if f'href="{url}"' not in html:
            missed.append(f"{url} by {word!r}")
    assert not missed, f"{len(missed)} of {len(chosen)} pages not found: " + "; ".join(missed)
