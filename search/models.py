"""One page's searchable text in one language."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class SearchEntry(models.Model):
    """One page's searchable text in one language."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="search_entries")
    language = models.CharField(max_length=10)
    title = models.TextField()
    text = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        db_table = "content_searchentry"  # created by content 0003; the model moved here
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="search_entry_unique")
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"
