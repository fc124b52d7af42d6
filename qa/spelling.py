"""Language of parts by dictionary (WCAG 3.1.2): find words of another site language in a page's
own-language text, with hunspell.

Automated accessibility engines cannot see that "La protection sociale est notre ADN" on a Dutch
page is French: only its `lang` would tell a screen reader to switch voices. A dictionary can.
For each page, the text whose nearest `lang` is the page's own language (text nodes and the
attributes a screen reader reads: alt, title, aria-label, placeholder) is split into words;
a word is *suspect* when the dictionary of the page's language does not know it and the
dictionary of another site language does. Capitalised words are left out (names, acronyms,
titles, the first word of a sentence): a dictionary says little about them.

Dictionaries: Debian's hunspell-fr, hunspell-nl and hunspell-en-gb (fr_BE, nl_BE, en_GB).
When hunspell or a dictionary is missing, `HunspellUnavailable` is raised: a check that could
not run must fail, never report nothing found.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser

DICTIONARIES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB"}

# Words: letters, with inner apostrophes ("aujourd'hui"). A hyphen separates words: hunspell
# reports the parts of a hyphenated word, not the whole ("e-gezondheid", "januari-juni").
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# The document's <title> joins the page title and the site name: it cannot mark a part, and the
# page's <h1> and breadcrumbs carry the title's language.
SKIPPED_ELEMENTS = {"script", "style", "code", "kbd", "samp", "pre", "template", "title"}
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
SPOKEN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
MIN_LENGTH = 4


class HunspellUnavailable(RuntimeError):
    pass


class _TextByLanguage(HTMLParser):
    """Collects the words of a document by the language of their nearest `lang` attribute."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, language, skipped)
        self.words: dict[str, list[str]] = {}

    def _current(self):
        return self.stack[-1][1:] if self.stack else ("", False)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        language, skipped = self._current()
        language = (attributes.get("lang") or language or "").split("-")[0].lower()
        skipped = skipped or tag in SKIPPED_ELEMENTS or attributes.get("translate") == "no"
        if not skipped:
            for name in SPOKEN_ATTRIBUTES:
                if attributes.get(name):
                    self._add(language, attributes[name])
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, language, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        language, skipped = self._current()
        if not skipped:
            self._add(language, data)

    def _add(self, language, text):
        self.words.setdefault(language, []).extend(WORD.findall(text))


def words_by_language(html: str) -> dict[str, list[str]]:
    parser = _TextByLanguage()
    parser.feed(html)
    parser.close()
    return parser.words


def checkable(word: str) -> bool:
    """Lower-case words of some length: names, acronyms and sentence starts say little."""
    return len(word) >= MIN_LENGTH and word == word.lower()


def _hunspell_unknown(dictionary: str, words: set[str]) -> set[str]:
    """The words `dictionary` does not know (hunspell -l), in one run."""
    executable = shutil.which("hunspell")
    if executable is None:
        raise HunspellUnavailable("hunspell is not installed (Debian package hunspell)")
    result = subprocess.run(
        [executable, "-d", dictionary, "-i", "utf-8", "-l"],
        input="\n".join(sorted(words)) + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or "Can't open" in result.stderr:
        raise HunspellUnavailable(f"hunspell could not use {dictionary}: {result.stderr.strip()}")
    return set(result.stdout.split())


@dataclass
class LanguageCheck:
    """Collects pages, then asks each dictionary once about every word."""

    languages: tuple[str, ...] = tuple(DICTIONARIES)
    pages: list[tuple[str, str, set[str]]] = field(default_factory=list)

    def add_page(self, name: str, language: str, html: str) -> int:
        """Adds the page's own-language words; returns how many words it has."""
        own = {word for word in words_by_language(html).get(language, []) if checkable(word)}
        self.pages.append((name, language, {word.replace("’", "'") for word in own}))
        return len(own)

    def suspects(self, allowed: dict[str, set[str]] | None = None) -> dict[str, list[str]]:
        """{page name: ["word (known in xx)", …]} for every page with suspect words."""
        allowed = allowed or {}
        everything = set().union(*(words for _, _, words in self.pages)) if self.pages else set()
        unknown = {
            language: _hunspell_unknown(DICTIONARIES[language], everything)
            for language in self.languages
        }
        found = {}
        for name, language, words in self.pages:
            flagged = []
            for word in sorted(words & unknown[language]):
                if word in allowed.get(language, set()):
                    continue
                others = [
                    other
                    for other in self.languages
                    if other != language and word not in unknown[other]
                ]
                if others:
                    flagged.append(f"{word} (known in {', '.join(others)})")
            if flagged:
                found[name] = flagged
        return found
