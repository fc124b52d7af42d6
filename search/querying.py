"""The search itself: parse, match, rank and highlight, per language.

On PostgreSQL: `websearch_to_tsquery` in the language's configuration, ranked, with excerpts from
`ts_headline`. Elsewhere (SQLite in the quick start) every word must occur in the title or text,
ranked by words in the title, then by how often the words occur.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Length, Lower, Replace
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page

from .configs import search_config, uses_full_text_search
from .models import SearchEntry
from .text import MARK_END, MARK_START

MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """The query as the search understands it: no control characters, single spaces."""
    characters = (
        " " if unicodedata.category(character) in ("Cc", "Cf", "Co", "Cs") else character
        for character in raw or ""
    )
    return " ".join("".join(characters).split())


def has_words(query):
    return any(character.isalnum() for character in query)


@dataclass
class SearchResult:
    title: str
    url: str
    excerpt: str  # safe HTML: escaped text with <mark> around the words found


class SearchResults:
    """A lazily evaluated, sliceable list of results, for Django's Paginator."""

    def __init__(self, query, language, request=None):
        self.query = query
        self.language = language
        self.request = request
        # The index holds only live, public pages; checked again here so that a page restricted
        # or unpublished a moment ago never shows, whatever the state of the index.
        visible = Page.objects.live().public().values("pk")
        entries = SearchEntry.objects.filter(language=language, page__in=visible).select_related(
            "page"
        )
        if uses_full_text_search():
            config = search_config(language)
            ts_query = SearchQuery(query, search_type="websearch", config=config)
            self.entries = (
                entries.filter(search_vector=ts_query)
                .annotate(
                    rank=SearchRank(F("search_vector"), ts_query),
                    excerpt=SearchHeadline(
                        "text",
                        ts_query,
                        config=config,
                        start_sel=MARK_START,
                        stop_sel=MARK_END,
                        max_words=35,
                        min_words=15,
                        max_fragments=2,
                        fragment_delimiter=" … ",
                    ),
                )
                .order_by("-rank", "title", "pk")
            )
        else:
            self.entries = self._fallback(entries, query)

    @staticmethod
    def _fallback(entries, query):
        """Every word somewhere in the title or text; ranked by words in the title, then by how
        often the words occur in the text."""
        words = [word.lower() for word in query.split()]
        for word in words:
            entries = entries.filter(Q(title__icontains=word) | Q(text__icontains=word))
        in_title = Value(0)
        occurrences = Value(0)
        for word in words:
            in_title += models.Case(
                models.When(title__icontains=word, then=Value(1)),
                default=Value(0),
                output_field=models.IntegerField(),
            )
            text = Lower("text")
            occurrences += (Length(text) - Length(Replace(text, Value(word), Value("")))) / len(
                word
            )
        return entries.annotate(in_title=in_title, occurrences=occurrences).order_by(
            "-in_title", "-occurrences", "title", "pk"
        )

    def count(self):
        return self.entries.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        entries = self.entries[key]
        if isinstance(key, slice):
            return [self._result(entry) for entry in entries]
        return self._result(entries)

    def _result(self, entry):
        if uses_full_text_search():
            excerpt = highlight_markers(entry.excerpt)
        else:
            excerpt = highlight_words(entry.text, self.query.split())
        return SearchResult(
            title=entry.title, url=entry.page.get_url(self.request), excerpt=excerpt
        )


def highlight_markers(text):
    """Escape ts_headline's output, then turn its markers into <mark>."""
    html = escape(text or "")
    return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


def highlight_words(text, words, width=240):
    """The part of `text` around the first word found, escaped, with every word in <mark>."""
    text = text or ""
    lowered = text.lower()
    positions = [lowered.find(word.lower()) for word in words if word]
    positions = [position for position in positions if position >= 0]
    start = max(min(positions, default=0) - width // 3, 0)
    snippet = text[start : start + width]
    if start > 0:
        snippet = "… " + snippet.split(" ", 1)[-1]
    if start + width < len(text):
        snippet = snippet.rsplit(" ", 1)[0] + " …"
    words = sorted({word for word in words if word}, key=len, reverse=True)
    if not words:
        return escape(snippet)
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(snippet):
        parts.append(escape(snippet[last : match.start()]))
        parts.append(format_html("<mark>{}</mark>", match.group(0)))
        last = match.end()
    parts.append(escape(snippet[last:]))
    return mark_safe("".join(parts))  # noqa: S308
