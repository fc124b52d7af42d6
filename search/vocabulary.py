"""The index's own words per language, and "Did you mean …?" built from them.

Each `SearchWord` counts the entries (pages in that language) that contain it. Indexing a page
adds the words it gained and takes away those it lost; deleting an entry takes its words away
(signals.py); `rebuild` recounts everything.

A query word the vocabulary does not have is replaced by the most similar word it has:
- on PostgreSQL, pg_trgm's trigram similarity (`%`, threshold 0.3) over the trigram-indexed
  folded words, in one statement for all the words of the query (at most ten);
- elsewhere, difflib's ratio (cutoff 0.75) over the language's words, read in one query.
Among the close words, a word more pages use is preferred (FREQUENCY_WEIGHT).
"""

import difflib
import math
from collections import Counter

from django.db import connection
from django.db.models import F

from .folding import fold, query_words, vocabulary_words
from .models import SearchEntry, SearchWord

MAX_WORD_LENGTH = 100
DIFFLIB_CUTOFF = 0.75
# Among close words, the one more pages use wins: the score is the similarity plus this weight
# times ln(1 + number of entries with the word). "pensoin" → "pension" (10 pages, similarity
# 0.33), not "pensez" (1 page, similarity 0.36).
FREQUENCY_WEIGHT = 0.05


def entry_words(title, text):
    return {word for word in vocabulary_words(f"{title}\n{text}") if len(word) <= MAX_WORD_LENGTH}


def add_words(language, words):
    if not words:
        return
    existing = set(
        SearchWord.objects.filter(language=language, word__in=words).values_list("word", flat=True)
    )
    SearchWord.objects.filter(language=language, word__in=existing).update(entries=F("entries") + 1)
    SearchWord.objects.bulk_create(
        [
            SearchWord(language=language, word=word, folded=fold(word), entries=1)
            for word in sorted(words - existing)
        ],
        ignore_conflicts=True,
    )


def remove_words(language, words):
    if not words:
        return
    words = SearchWord.objects.filter(language=language, word__in=words)
    words.filter(entries__lte=1).delete()
    words.update(entries=F("entries") - 1)


def update(language, old_words, new_words):
    """After an entry of `language` changed from `old_words` to `new_words`."""
    add_words(language, new_words - old_words)
    remove_words(language, old_words - new_words)


def recount():
    """The whole vocabulary again, from every entry."""
    counts = Counter()
    folded = {}
    for language, title, text in SearchEntry.objects.values_list("language", "title", "text"):
        for word in entry_words(title, text):
            counts[language, word] += 1
    SearchWord.objects.all().delete()
    rows = []
    for (language, word), entries in counts.items():
        folded_word = folded.setdefault(word, fold(word))
        rows.append(SearchWord(language=language, word=word, folded=folded_word, entries=entries))
    SearchWord.objects.bulk_create(rows, batch_size=2000)


# One branch per typed word, each with its word as a constant so that the planner uses the
# trigram index; the branches are joined in one statement (one round trip, one query).
TRIGRAM_BRANCH = """
    (SELECT %s, vocabulary.word
     FROM search_searchword AS vocabulary
     WHERE vocabulary.language = %s AND vocabulary.folded %% %s
     ORDER BY similarity(vocabulary.folded, %s) + %s * ln(1 + vocabulary.entries) DESC,
              vocabulary.word
     LIMIT 1)
"""
MAX_CORRECTED_WORDS = 10


def trigram_query(words, language):
    """The SQL and parameters of the suggestions for `words` (PostgreSQL)."""
    sql = " UNION ALL ".join([TRIGRAM_BRANCH] * len(words))
    params = []
    for word in words:
        params += [word, language, word, word, FREQUENCY_WEIGHT]
    return sql, params


def _closest_postgres(words, language):
    with connection.cursor() as cursor:
        cursor.execute(*trigram_query(words, language))
        return dict(cursor.fetchall())


def _closest_difflib(words, language):
    vocabulary = {}
    for word, folded_word, entries in SearchWord.objects.filter(language=language).values_list(
        "word", "folded", "entries"
    ):
        if entries > vocabulary.get(folded_word, ("", 0))[1]:
            vocabulary[folded_word] = (word, entries)
    closest = {}
    for typed in words:
        if typed in vocabulary:
            closest[typed] = vocabulary[typed][0]
            continue
        matcher = difflib.SequenceMatcher(b=typed)
        best = None
        for folded_word, (word, entries) in vocabulary.items():
            if abs(len(folded_word) - len(typed)) > 3:
                continue
            matcher.set_seq1(folded_word)
            if matcher.real_quick_ratio() < DIFFLIB_CUTOFF or matcher.quick_ratio() < (
                DIFFLIB_CUTOFF
            ):
                continue
            ratio = matcher.ratio()
            score = ratio + FREQUENCY_WEIGHT * math.log(1 + entries)
            if ratio >= DIFFLIB_CUTOFF and (best is None or (score, entries) > best[:2]):
                best = (score, entries, word)
        if best:
            closest[typed] = best[2]
    return closest


def suggest(query, language):
    """The query with each word the index does not know replaced by its closest known word,
    or None when there is nothing to correct (or nothing close enough)."""
    words = query_words(query)
    spelt = [word for word in words if not word.isdigit()][:MAX_CORRECTED_WORDS]
    if not spelt:
        return None
    if connection.vendor == "postgresql":
        closest = _closest_postgres(spelt, language)
    else:
        closest = _closest_difflib(spelt, language)
    corrected = [closest.get(word, word) for word in words]
    if [fold(word) for word in corrected] == words:
        return None
    return " ".join(corrected)
