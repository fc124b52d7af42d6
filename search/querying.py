"""The search itself: parse, match, rank and highlight, per language.

A query is searched in its versions (synonyms.alternatives: the query, then the query with an
editor's synonym replaced); a page matching any version is a result. Ranking: words in the
title, then in the headings and introduction, then in the body, then in reference entries
(glossary terms, directory entries: text.REFERENCE_BLOCKS, so that a glossary naming hundreds
of terms does not outrank the page about one of them); a page with the whole query as a phrase
counts double.

On PostgreSQL: `websearch_to_tsquery` in the language's accent-folding configuration
(configs.search_config), `ts_rank` over the weighted vector (title A, lead B, body C, reference
entries D) doubled when `phraseto_tsquery` matches, the best of the query's versions,
excerpts from `ts_headline`. Elsewhere
(SQLite in the quick start) a version is read as `websearch_to_tsquery` reads it (websearch.py:
phrases in quotes, `or`, `-word`), each of its terms one of the stems of the title, lead, body
or reference entries (folded, stemmed with the same Snowball algorithm and stop words as
PostgreSQL: stemming.py), the rank is ts_rank's own computed from the stored positions
(ranking.py, a function of the SQLite connection), doubled when the stems are in sequence as
`phraseto_tsquery` asks (phrase_condition), so both databases find the same pages and put them
in the same order; see docs/architecture.md for where they still differ.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import models
from django.db.models import Case, F, FloatField, Func, Q, Value, When
from django.db.models.functions import Concat, Greatest, Length
from django.db.models.lookups import LessThanOrEqual, Regex
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page

from . import ranking, stemming, synonyms, websearch
from .configs import search_config, uses_full_text_search
from .folding import fold_with_positions, query_words
from .models import SearchEntry
from .text import MARK_END, MARK_START

MAX_QUERY_LENGTH = 200
# Characters of a page's text an excerpt shows, about 35 words.
EXCERPT_WIDTH = 240


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
    kind: str  # what the page is ("information page"), in the active language
    title_language: str = ""  # the title's own language when it is not the page's


class SearchResults:
    """A lazily evaluated, sliceable list of results, for Django's Paginator.

    One query for the count and one per slice: each entry comes with its page (the URL is
    computed from the page's translated url_path and the site root paths Wagtail caches on the
    request) and its page type (from Django's content-type cache), no query per result.
    """

    def __init__(self, query, language, request=None, versions=None):
        self.query = query
        self.language = language
        self.request = request
        self.versions = versions or synonyms.alternatives(query, language)
        self.words = list(
            dict.fromkeys(word for version in self.versions for word in query_words(version))
        )
        # The index holds only live, public pages; checked again here so that a page restricted
        # or unpublished a moment ago never shows, whatever the state of the index.
        visible = Page.objects.live().public().values("pk")
        entries = SearchEntry.objects.filter(language=language, page__in=visible).select_related(
            "page"
        )
        if uses_full_text_search():
            self.entries = self._full_text(entries)
        else:
            self.entries = self._fallback(entries)

    def _full_text(self, entries):
        config = search_config(self.language)
        ts_query, ranks = None, []
        for version in self.versions:
            version_query = SearchQuery(version, search_type="websearch", config=config)
            ts_query = version_query if ts_query is None else ts_query | version_query
            bonus = Case(
                When(phrase_condition(version, self.language), then=Value(2.0)),
                default=Value(1.0),
                output_field=FloatField(),
            )
            ranks.append(SearchRank(F("search_vector"), version_query) * bonus)
        return (
            entries.filter(search_vector=ts_query)
            .annotate(
                rank=_best(ranks),
                excerpt=excerpt_of(ts_query, config),
            )
            .order_by("-rank", "title", "pk")
        )

    def _fallback(self, entries):
        matches, ranks = Q(pk__in=[]), []
        for version in self.versions:
            tree = websearch.parse(version, self.language)
            if tree is None:  # no word, or only stop words: nothing, as on PostgreSQL
                continue
            matches |= tree_condition(tree)
            rank = Func(
                *STEM_FIELDS,
                Value(ranking.describe(tree, websearch.terms(tree))),
                function="portal_ts_rank",
                output_field=FloatField(),
            )
            bonus = Case(
                When(phrase_condition(version, self.language), then=Value(2.0)),
                default=Value(1.0),
                output_field=FloatField(),
            )
            ranks.append(rank * bonus)
        if not ranks:
            return entries.none()
        return entries.filter(matches).annotate(rank=_best(ranks)).order_by("-rank", "title", "pk")

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
            excerpt = highlight_markers(entry.excerpt, entry.text)
        else:
            excerpt = highlight_words(entry.text, self.words, self.language)
        return SearchResult(
            title=entry.title,
            url=entry.page.get_url(self.request),
            excerpt=excerpt,
            kind=page_kind(entry.page.specific_class),
            title_language=entry.title_language,
        )


STEM_FIELDS = ("stems_title", "stems_lead", "stems_body", "stems_reference")


def phrase_condition(version, language):
    """The entries that hold `version` as a phrase, as PostgreSQL's `phraseto_tsquery` reads it:
    its stems in sequence, a stop word leaving a gap of one position. On SQLite, a regular
    expression (websearch.phrase_pattern) over the stored positions of the title, lead, body and
    reference entries read one after the other, as PostgreSQL's concatenated vector holds them.
    A phrase of stop words only matches nothing, on both."""
    if uses_full_text_search():
        config = search_config(language)
        return Q(search_vector=SearchQuery(version, search_type="phrase", config=config))
    tree = websearch.phrase(version, language)
    return tree_condition(tree) if tree else Q(pk__in=[])


def tree_condition(tree):
    """The SQLite condition of a query tree (websearch.parse): a term is one of the stems of
    the title, lead, body or reference entries; a phrase, its terms at their distances."""
    kind = tree[0]
    if kind == "term":
        anywhere = Q()
        for name in STEM_FIELDS:
            anywhere |= Q(**{f"{name}__contains": f" {tree[1]} "})
        return anywhere
    if kind == "not":
        return ~tree_condition(tree[1])
    if kind == "and":
        return tree_condition(tree[1]) & tree_condition(tree[2])
    if kind == "or":
        return tree_condition(tree[1]) | tree_condition(tree[2])
    positions = Concat(*STEM_FIELDS, output_field=models.TextField())
    return Q(Regex(positions, Value(websearch.phrase_pattern(tree))))


def excerpt_of(ts_query, config):
    """ts_headline of the entry's text: up to two fragments around the words found, or the
    whole text with its words marked when it is short (fragments would drop its first words
    when they are stop words: "dugong, briefly" of "A dugong, briefly.")."""
    options = {"config": config, "start_sel": MARK_START, "stop_sel": MARK_END}
    return Case(
        When(
            LessThanOrEqual(Length("text"), EXCERPT_WIDTH),
            then=SearchHeadline("text", ts_query, highlight_all=True, **options),
        ),
        default=SearchHeadline(
            "text",
            ts_query,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
            **options,
        ),
    )


def page_kind(model):
    """What a result is, in words a visitor uses, in the active language: the page type's
    `visitor_kind` ("information page" for a StandardPage) or else its name (verbose_name).
    From the class alone (Django's content-type cache): no query."""
    if model is None:
        return ""
    return str(getattr(model, "visitor_kind", None) or model._meta.verbose_name)


def _best(ranks):
    """A page is as relevant as the version of the query (synonyms.alternatives) it matches
    best: a page titled with an editor's synonym is not halved for lacking the typed word."""
    return ranks[0] if len(ranks) == 1 else Greatest(*ranks)


SENTENCE_END = ".!?:;…"
LINE_BREAK = re.compile(r"[ \t]*\n\s*")


def sentence_breaks(text):
    """Blocks (a heading, a paragraph) are stored one per line; an excerpt is one line, so a
    line that does not end a sentence gets a full stop: "Heading. Paragraph", not "Heading
    Paragraph"."""

    def join(match):
        before = text[: match.start()].rstrip(MARK_START + MARK_END + " ")
        if not before or before[-1] in SENTENCE_END:
            return " "
        return ". "

    return LINE_BREAK.sub(join, text).strip()


LETTERS_COMPARED = 20
NOT_A_LETTER = re.compile(r"[\W_]+")


def _letters(text):
    return NOT_A_LETTER.sub("", text).casefold()


def highlight_markers(text, source=None):
    """Escape ts_headline's output, then turn its markers into <mark>. When the excerpt begins
    after the start of `source` (the text it was taken from) or stops before its end, "… " or
    " …" says so, as the excerpts of highlight_words do: ts_headline cuts without a sign, and
    "Tell us with" read as the whole of what a page says."""
    text = sentence_breaks(text or "")
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    if source:
        shown = _letters(text.replace(MARK_START, "").replace(MARK_END, ""))
        length = min(LETTERS_COMPARED, len(shown))
        # Only the ends of the page's text are compared (it can be tens of KB).
        ends = LETTERS_COMPARED * 8
        if shown and not _letters(source[:ends]).startswith(shown[:length]):
            html = "… " + html
        if shown and not _letters(source[-ends:]).endswith(shown[-length:]):
            html += " …"
    return mark_safe(html)  # noqa: S308


def highlight_words(text, words, language, width=EXCERPT_WIDTH):
    """The part of `text` around the first word found, escaped, with every word in <mark>.
    `words` are folded; a word of the text is marked when its stem is one of theirs (stemming.py,
    as on PostgreSQL), so "chomage" marks "chômage" and "pensions" marks "pension"."""
    text = sentence_breaks(text or "")
    folded, positions = fold_with_positions(text)
    wanted = {stemming.stem(word, language) for word in words if word} - {""}
    spans = []  # (start, end) in the original text
    for match in stemming.TERM.finditer(folded) if wanted else []:
        if stemming.stem(match.group(0), language) in wanted:
            spans.append((match.start(), match.end()))
            continue
        offset = match.start()
        for part in match.group(0).split("-"):
            if stemming.stem(part, language) in wanted:
                spans.append((offset, offset + len(part)))
            offset += len(part) + 1
    spans = [(positions[start], positions[end - 1] + 1) for start, end in spans]
    start = max((spans[0][0] if spans else 0) - width // 3, 0)
    end = min(start + width, len(text))
    if start > 0:
        start = min(text.find(" ", start) + 1 or start, end)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    parts, last = ["… " if start > 0 else ""], start
    for span_start, span_end in spans:
        if span_start < last or span_end > end:
            continue
        parts.append(escape(text[last:span_start]))
        parts.append(format_html("<mark>{}</mark>", text[span_start:span_end]))
        last = span_end
    parts.append(escape(text[last:end]))
    if end < len(text):
        parts.append(" …")
    return mark_safe("".join(parts))  # noqa: S308
