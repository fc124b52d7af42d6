"""What `load_content` last wrote to each page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class SeedRecord(models.Model):
    """What `load_content` last wrote to a page, so it can tell editor changes from its own."""

    key = models.CharField(max_length=100, unique=True)
    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="seed_record")
    revision_id = models.PositiveBigIntegerField(null=True)
    checksum = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "content_seedrecord"  # created by content 0002; the model moved here
        verbose_name = _("seed record")

    def __str__(self):
        return self.key
