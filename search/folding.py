"""Accent- and case-folding, the same at index and at query time.

PostgreSQL folds with `unaccent` inside the portal's text-search configurations (migration
0002); this module folds the same way in Python, for the SQLite fallback, the vocabulary of
suggestions and the query statistics: "Chômage", "CHOMAGE" and "chomage" are one word.
"""

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent, folded as
# PostgreSQL's unaccent rules do. Typographic apostrophes become the plain one.
EXTRA_FOLDS = str.maketrans(
    {
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ı": "i",
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
    }
)
WORD = re.compile(r"\w+")
# Words of the vocabulary: letters only, three or more (digits and short words are not
# misspelt in a way a suggestion could fix).
VOCABULARY_WORD = re.compile(r"[^\W\d_]{3,}")


def fold_character(character):
    decomposed = unicodedata.normalize("NFKD", character.translate(EXTRA_FOLDS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fold(text):
    """Lower case without accents: "Égalité des revenus" → "egalite des revenus"."""
    return "".join(fold_character(character) for character in str(text or ""))


def fold_with_positions(text):
    """The folded text and, for each of its characters, the index of the original character
    it came from (folding may change the length: "œ" → "oe")."""
    folded, positions = [], []
    for index, character in enumerate(str(text or "")):
        for folded_character in fold_character(character):
            folded.append(folded_character)
            positions.append(index)
    return "".join(folded), positions


def query_words(query):
    """The folded words of a query; one-letter words ("d'", "l'") only if there is nothing
    else."""
    words = WORD.findall(fold(query).replace("_", " "))
    longer = [word for word in words if len(word) > 1 or word.isdigit()]
    return list(dict.fromkeys(longer or words))


def vocabulary_words(text):
    """{lower-case word as written} of a text, for the vocabulary of suggestions."""
    return {word.lower() for word in VOCABULARY_WORD.findall(str(text or ""))}
