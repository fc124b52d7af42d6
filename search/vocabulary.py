"""The index's own words per language, and "Did you mean …?" built from them.

Each `SearchWord` counts the entries (pages in that language) that contain it. Indexing a page
adds the words it gained and takes away those it lost; deleting an entry takes its words away
(signals.py); `rebuild` recounts everything.

A query word is replaced by the word of the vocabulary that is similar enough by pg_trgm's
trigram similarity (`%`, threshold 0.3) and scores best: the similarity plus FREQUENCY_WEIGHT
times ln(1 + entries), ties in the order of the words (code points). On PostgreSQL, pg_trgm
over the trigram-indexed folded words, in one statement for all the words of the query (at
most ten); elsewhere the same similarity computed in Python (trigrams.py) over the language's
words, read in one query; both give the same word.
"""

import math
from collections import Counter

from django.db import connection
from django.db.models import F

from . import trigrams
from .folding import fold, query_words, vocabulary_words
from .models import SearchEntry, SearchWord

MAX_WORD_LENGTH = 100
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
# trigram index; the branches are joined in one statement (one round trip, one query). Ties
# are broken by the word's code points (COLLATE "C"), whatever the database's collation, as
# Python sorts them on SQLite.
TRIGRAM_BRANCH = """
    (SELECT %s, vocabulary.word
     FROM search_searchword AS vocabulary
     WHERE vocabulary.language = %s AND vocabulary.folded %% %s
     ORDER BY similarity(vocabulary.folded, %s) + %s * ln(1 + vocabulary.entries) DESC,
              vocabulary.word COLLATE "C"
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


def _closest_python(words, language):
    """What TRIGRAM_BRANCH answers, computed here: the same similarity (a `real`), threshold,
    score (a double: the `real` widened, plus FREQUENCY_WEIGHT * ln(1 + entries)) and order."""
    vocabulary = SearchWord.objects.filter(language=language).values_list(
        "word", "folded", "entries"
    )
    best = {}  # typed word: (score, word)
    for word, folded_word, entries in vocabulary:
        weight = FREQUENCY_WEIGHT * math.log(1.0 + entries)
        for typed in words:
            similarity = trigrams.similarity(folded_word, typed)
            if similarity < trigrams.SIMILARITY_THRESHOLD:
                continue
            candidate = (-(similarity + weight), word)
            if typed not in best or candidate < best[typed]:
                best[typed] = candidate
    return {typed: word for typed, (_score, word) in best.items()}


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
        closest = _closest_python(spelt, language)
    corrected = [closest.get(word, word) for word in words]
    if [fold(word) for word in corrected] == words:
        return None
    return " ".join(corrected)
