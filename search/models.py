"""The search app's tables: the index, its vocabulary, editors' synonyms, query statistics."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


def language_choices():
    return list(settings.LANGUAGES)


class SearchEntry(models.Model):
    """One page's searchable text in one language."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="search_entries")
    language = models.CharField(max_length=10)
    title = models.TextField()
    text = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    # Lower case without accents (search.folding), for the fallback on databases without
    # full-text search: the title, the headings and introduction, the rest, and the reference
    # entries (glossary terms, directory entries: search.text.REFERENCE_BLOCKS).
    folded_title = models.TextField(blank=True, default="", editable=False)
    folded_lead = models.TextField(blank=True, default="", editable=False)
    folded_body = models.TextField(blank=True, default="", editable=False)
    folded_reference = models.TextField(blank=True, default="", editable=False)
    # The same parts as Snowball stems, each between spaces (" pension "), a stop word " _ ":
    # what the SQLite search matches, counts and finds phrases in (search.stemming). Empty on
    # PostgreSQL, which matches `search_vector`.
    stems_title = models.TextField(blank=True, default="", editable=False)
    stems_lead = models.TextField(blank=True, default="", editable=False)
    stems_body = models.TextField(blank=True, default="", editable=False)
    stems_reference = models.TextField(blank=True, default="", editable=False)
    # The language the title is written in when the page says it is another one (a publication
    # whose title is left in its original language: its `title_language`), so that a result
    # marks it with its own `lang` without a query per result; empty otherwise.
    title_language = models.CharField(max_length=10, blank=True, default="", editable=False)

    class Meta:
        db_table = "content_searchentry"  # created by content 0003; the model moved here
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="search_entry_unique")
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"


class SearchWord(models.Model):
    """A word of the index in one language, as written (lower case), with its folded form and
    the number of entries that contain it: the vocabulary "Did you mean …?" chooses from."""

    language = models.CharField(max_length=10)
    word = models.CharField(max_length=100)
    folded = models.CharField(max_length=100)
    entries = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="search_word_unique")
        ]
        # On PostgreSQL a trigram GIN index on `folded` (migration 0002) serves pg_trgm's
        # similarity operator; it is not declared here because SQLite cannot create it.

    def __str__(self):
        return f"{self.word} ({self.language})"


class SearchSynonym(models.Model):
    """Words visitors type for what the pages call otherwise, kept by editors per language."""

    language = models.CharField(_("language"), max_length=10, choices=language_choices)
    term = models.CharField(
        _("term"),
        max_length=100,
        help_text=_('What visitors type, e.g. "retraite" or "werkloos".'),
    )
    replacements = models.CharField(
        _("replacements"),
        max_length=255,
        help_text=_(
            'The words the pages use instead, separated by commas, e.g. "pension". A search '
            "for the term also finds the pages with any of them."
        ),
    )

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["language", "term"]
        constraints = [
            models.UniqueConstraint(fields=["language", "term"], name="search_synonym_unique")
        ]

    def __str__(self):
        return f"{self.term} → {self.replacements} ({self.language})"

    def replacement_list(self):
        return [word.strip() for word in self.replacements.split(",") if word.strip()]


class SearchQueryDay(models.Model):
    """How often a query was searched for on one day in one language, and whether it found
    anything. Only the normalised query text: no address, user, session or time of day.
    Queries that look like personal data are never stored (search.statistics)."""

    language = models.CharField(_("language"), max_length=10, choices=language_choices)
    query = models.CharField(_("query"), max_length=200)
    day = models.DateField(_("day"))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    searches_without_results = models.PositiveIntegerField(_("searches without results"), default=0)

    class Meta:
        verbose_name = _("search query statistic")
        verbose_name_plural = _("search query statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "query", "day"], name="search_query_day_unique"
            )
        ]
        indexes = [models.Index(fields=["day", "language"], name="search_query_day_idx")]

    def __str__(self):
        return f"{self.query} ({self.language}, {self.day})"
