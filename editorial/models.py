"""Where each language of each page stands, for the translation report and the dashboard."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class TranslationStatus(models.Model):
    """Where one language of a page stands, from its latest revision: kept by
    translation_status.py, read by the translation report and the dashboard."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="translation_statuses")
    language = models.CharField(max_length=10)
    title = models.CharField(max_length=255, blank=True)
    content_digest = models.CharField(max_length=64, blank=True)
    edited_at = models.DateTimeField()
    missing_fields = models.JSONField(default=list, blank=True)
    outdated = models.BooleanField(default=False)
    needs_translation = models.BooleanField(default=False, db_index=True)

    class Meta:
        db_table = "content_translationstatus"  # created by content 0005; the model moved here
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language"], name="unique_translation_status_per_language"
            )
        ]

    def __str__(self):
        return f"{self.page_id} [{self.language}]"
