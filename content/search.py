"""Per-language full-text search of the public site.

Wagtail's database backend keeps one index row per page with one text-search configuration, so
it cannot stem French, Dutch and English fields each in their own language. This module keeps a
small index of its own: one `SearchEntry` per page and language, holding that language's title
and text. On PostgreSQL the entry carries a weighted `tsvector` built with the language's own
text-search configuration (GIN-indexed, see migration 0003); queries are parsed with
`websearch_to_tsquery`, ranked, and excerpts highlighted with `ts_headline`. On other databases
(SQLite in the quick start) a simple case-insensitive match keeps the search page working.

Wagtail's own search backend is untouched: the admin keeps using it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection, models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Length, Lower, Replace
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Page

# Text-search configurations PostgreSQL ships with. A portal language whose English name is one
# of these gets that language's stemming and stop words; any other language gets "simple".
POSTGRES_CONFIGS = frozenset(
    {
        "arabic",
        "armenian",
        "basque",
        "catalan",
        "danish",
        "dutch",
        "english",
        "finnish",
        "french",
        "german",
        "greek",
        "hindi",
        "hungarian",
        "indonesian",
        "irish",
        "italian",
        "lithuanian",
        "nepali",
        "norwegian",
        "portuguese",
        "romanian",
        "russian",
        "serbian",
        "spanish",
        "swedish",
        "tamil",
        "turkish",
        "yiddish",
    }
)

MAX_QUERY_LENGTH = 200
# Blocks whose text is in another language than the page's (a summary in Russian, say): their
# words would be stemmed with the wrong rules and shown in excerpts without their `lang`.
OTHER_LANGUAGE_BLOCKS = frozenset({"summary"})
# Texts of a page's inline children that belong to its searchable content.
CHILD_TEXT_FIELDS = {
    "events": ("era", "headline", "text"),
    "series": ("title", "description", "unit", "note"),
}
# ts_headline marks matches with these; they cannot occur in indexed text (see `_clean`).
MARK_START, MARK_END = "\ue000", "\ue001"


def search_config(language):
    """The PostgreSQL text-search configuration for a language code: "nl" → "dutch"."""
    name = LANG_INFO.get(language, {}).get("name", "").lower()
    return name if name in POSTGRES_CONFIGS else "simple"


def search_configs():
    """{language code: configuration} for every language in settings.LANGUAGES."""
    return {code: search_config(code) for code, _name in settings.LANGUAGES}


def uses_full_text_search():
    return connection.vendor == "postgresql"


class SearchEntry(models.Model):
    """One page's searchable text in one language."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="search_entries")
    language = models.CharField(max_length=10)
    title = models.TextField()
    text = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="search_entry_unique")
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"


# --- What a page says in one language -------------------------------------------------------


def _clean(text):
    """Plain text on one line per paragraph, without the highlight markers or NUL bytes."""
    text = (text or "").replace(MARK_START, " ").replace(MARK_END, " ").replace("\x00", " ")
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


def _block_texts(block, value):
    """The words a block shows, without the labels of its choices (e.g. "Section heading
    (h2)"), which are interface text in whatever language was active when indexing."""
    if value is None or isinstance(block, blocks.ChoiceBlock):
        return []
    if isinstance(block, blocks.StructBlock):
        return [
            text
            for name, child in block.child_blocks.items()
            for text in _block_texts(child, value.get(name))
        ]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in _block_texts(block.child_block, item)]
    return [str(text) for text in block.get_searchable_content(value)]


def _stream_texts(stream):
    texts = []
    for child in stream or []:
        if child.block_type not in OTHER_LANGUAGE_BLOCKS:
            texts.extend(_block_texts(child.block, child.value))
    return texts


def page_texts(page, language):
    """(title, lead, body) of a page in one language, or None when it has no title there.

    Only the language's own fields count: a field shown in the default language for lack of a
    translation is not that language's content.
    """
    title = _clean(getattr(page, f"title_{language}", None))
    if not title:
        return None
    lead = [getattr(page, f"{name}_{language}", "") for name in ("search_description", "intro")]
    body = _stream_texts(getattr(page, f"body_{language}", None))
    for relation, field_names in CHILD_TEXT_FIELDS.items():
        manager = getattr(page, relation, None)
        if manager is None or not hasattr(manager, "all"):
            continue
        for child in manager.all():
            body.extend(getattr(child, f"{name}_{language}", "") or "" for name in field_names)
    return (
        title,
        _clean("\n".join(text for text in lead if text)),
        _clean("\n".join(text for text in body if text)),
    )


# --- Keeping the index current ---------------------------------------------------------------


def is_searchable(page):
    """Live, visible to everyone, and reachable on a site."""
    if not Page.objects.live().public().filter(pk=page.pk).exists():
        return False
    return page.get_url_parts() is not None


def index_page(page):
    """Write (or remove) a page's entries in every language. Returns the languages indexed."""
    page = page.specific
    if not is_searchable(page):
        remove_page(page)
        return []
    indexed = []
    for language, config in search_configs().items():
        texts = page_texts(page, language)
        if texts is None:
            SearchEntry.objects.filter(page=page, language=language).delete()
            continue
        title, lead, body = texts
        entry, _created = SearchEntry.objects.update_or_create(
            page=page,
            language=language,
            defaults={"title": title, "text": "\n".join(part for part in (lead, body) if part)},
        )
        if uses_full_text_search():
            SearchEntry.objects.filter(pk=entry.pk).update(
                search_vector=SearchVector(Value(title), config=config, weight="A")
                + SearchVector(Value(lead), config=config, weight="B")
                + SearchVector(Value(body), config=config, weight="C")
            )
        indexed.append(language)
    return indexed


def index_subtree(page):
    """A page and everything below it: after a move or a change of who may see them."""
    for descendant in page.get_descendants(inclusive=True).specific():
        index_page(descendant)


def remove_page(page):
    SearchEntry.objects.filter(page_id=page.pk).delete()


def rebuild(progress=None):
    """Index every searchable page from scratch; `progress(number, total, page, languages)`."""
    pages = list(Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"))
    SearchEntry.objects.exclude(page__in=[page.pk for page in pages]).delete()
    for number, page in enumerate(pages, start=1):
        languages = index_page(page)
        if progress:
            progress(number, len(pages), page, languages)
    return len(pages)


# --- Searching -------------------------------------------------------------------------------


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
        entries = SearchEntry.objects.filter(language=language).select_related("page")
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


# --- Signals: the index follows the content --------------------------------------------------


def _on_published(sender, instance, **kwargs):
    index_page(instance)


def _on_unpublished(sender, instance, **kwargs):
    remove_page(instance)


def _on_moved(sender, instance, **kwargs):
    index_subtree(instance)


def _on_view_restriction_changed(sender, instance, **kwargs):
    """After the commit: a restriction is also deleted when its page is, and re-indexing a
    page in the middle of its own deletion would write entries for rows about to vanish."""
    page_id = instance.page_id

    def reindex():
        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            index_subtree(page)

    transaction.on_commit(reindex)


def connect_signals():
    """Called from the app's ready(). Deleting a page deletes its entries by cascade."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_on_published, dispatch_uid="content_search_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="content_search_unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="content_search_moved")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"content_search_restriction_{signal is post_save}",
        )
