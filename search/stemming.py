"""Snowball stems and stop words for the SQLite search, as PostgreSQL's configurations give them.

PostgreSQL's `portal_<language>` configurations (migration 0002) fold a word with `unaccent`,
then the language's Snowball dictionary drops it if it is a stop word or else stems it. The same
here, with `snowballstemmer` (the Snowball project's algorithms in pure Python) and PostgreSQL's
own stop-word lists (stopwords/, their licence there): "pensions" and "pension" are one stem,
"werkloosheid" no longer finds "werkloosheidsuitkering". A hyphenated word is a term of its own
(stemmed whole) besides its parts, as PostgreSQL's parser makes it; words with digits are kept as
they are (PostgreSQL's `simple` dictionary).
"""

import re
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

from .configs import base_config
from .folding import fold

STOP_WORDS = Path(__file__).resolve().parent / "stopwords"
TERM = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
# PostgreSQL 15 ships Snowball 2.2, and snowballstemmer is pinned to 2.2 (pyproject.toml): the
# same stem for each of the 10,028 words of the seed vocabulary. Should the pin be lifted,
# snowballstemmer 3 calls Snowball 2.2's Dutch stemmer "dutch_porter" (its "dutch" is Snowball
# 3's new one: "werkloosheid" → "werkloos", PostgreSQL "werklos"); 2.2 has only "dutch".
ALGORITHMS = {"dutch": "dutch_porter"}


@cache
def _stemmer(language):
    name = base_config(language)
    if name == "simple":
        return None
    name = ALGORITHMS.get(name, name)
    if name not in snowballstemmer.algorithms():
        name = base_config(language)
    return snowballstemmer.stemmer(name) if name in snowballstemmer.algorithms() else None


@cache
def stop_words(language):
    """The words PostgreSQL's dictionary for `language` drops, as its list writes them (with
    accents: it compares them with the word `unaccent` gives, so "été" is not dropped)."""
    path = STOP_WORDS / f"{base_config(language)}.stop"
    if not path.exists():
        return frozenset()
    return frozenset(line.strip() for line in path.read_text().splitlines() if line.strip())


@lru_cache(maxsize=100_000)
def stem(word, language):
    """The term PostgreSQL indexes for one folded word, or "" for a stop word."""
    if any(character.isdigit() for character in word):
        return word
    if word in stop_words(language):
        return ""
    stemmer = _stemmer(language)
    return stemmer.stemWord(word) if stemmer else word


def slots(text, language):
    """Every position PostgreSQL's parser gives a text, in order: a hyphenated word whole, then
    its parts, each its term, or "" for a stop word (a stop word is not indexed, but it takes a
    position: "égalité des revenus" is 'egalit':1 'revenus':3)."""
    found = []
    for match in TERM.finditer(fold(text)):
        token = match.group(0)
        parts = token.split("-")
        for word in [token, *parts] if len(parts) > 1 else parts:
            found.append(stem(word, language))
    return found


def terms(text, language):
    """Every term of a text, in order, repeated as often as it occurs."""
    return [term for term in slots(text, language) if term]


STOP_SLOT = "_"  # never a term: TERM does not match "_"


def stored(text, language):
    """The positions as the SQLite path stores them: each term between spaces, a stop word as
    " _ " (" pension  _  retrait "), so that " pension " is found whole, every occurrence counts
    and a phrase is terms at the right distance (websearch.phrase_pattern). Stop words after the last term
    are left out: PostgreSQL's `||` of the title's, lead's, body's and reference's vectors starts
    the next part right after the last indexed position, and these parts are stored to be read
    one after the other."""
    found = slots(text, language)
    while found and not found[-1]:
        found.pop()
    return "".join(f" {term or STOP_SLOT} " for term in found)
