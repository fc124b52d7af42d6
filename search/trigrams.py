"""pg_trgm's trigram similarity computed in Python, for "Did you mean …?" on SQLite.

PostgreSQL chooses a suggestion with pg_trgm (vocabulary.TRIGRAM_BRANCH); SQLite has no such
extension, so the same arithmetic is done here, as pg_trgm's documentation and source
(contrib/pg_trgm/trgm_op.c) define it, so that both databases suggest the same word:

- the text is lower-cased and split into words of alphanumeric characters; each word is padded
  with two spaces before and one after ("  word ") and cut into every run of three characters;
  the trigrams of a text are the set of those of its words;
- similarity = shared trigrams / (trigrams of one + trigrams of the other - shared), computed
  in single precision (pg_trgm returns `real`), 0 when either has none;
- the `%` operator holds when that similarity is at least `pg_trgm.similarity_threshold`, 0.3
  unless the database changes it (the portal does not).

pg_trgm keeps a trigram with characters outside ASCII as a checksum of its bytes; a set of
strings is the same set, short of a checksum collision.
"""

import re
import struct
from functools import lru_cache

SIMILARITY_THRESHOLD = 0.3
WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=50_000)
def trigrams(text):
    """The set of pg_trgm's trigrams of a text: show_trgm('Word') = {"  w", " wo", "wor",
    "ord", "rd "}."""
    found = set()
    for word in WORD.findall(text.lower()):
        padded = f"  {word} "
        found.update(padded[index : index + 3] for index in range(len(padded) - 2))
    return frozenset(found)


def as_real(value):
    """A float rounded to single precision, as PostgreSQL's `real` holds it."""
    return struct.unpack("f", struct.pack("f", value))[0]


def similarity(one, other):
    """pg_trgm's similarity(one, other), the same float PostgreSQL returns."""
    first, second = trigrams(one), trigrams(other)
    if not first or not second:
        return 0.0
    shared = len(first & second)
    return as_real(shared / (len(first) + len(second) - shared))


def is_similar(one, other):
    """pg_trgm's `one % other` with the default threshold."""
    return similarity(one, other) >= SIMILARITY_THRESHOLD
