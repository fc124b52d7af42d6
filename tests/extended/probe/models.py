"""A page type with one more translated field, and an inline item with one of its own."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from content.models import PortalPage


class ProbePage(PortalPage):
    tagline = models.CharField(max_length=200)  # required in every language
    template = "content/standard_page.html"
    content_panels = PortalPage.content_panels + [FieldPanel("tagline")]


class ProbeNote(Orderable):
    page = ParentalKey(ProbePage, on_delete=models.CASCADE, related_name="notes")
    caption = models.CharField(max_length=200, blank=True)
