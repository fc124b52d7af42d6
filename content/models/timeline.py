"""The history of Belgian social security: one page of dated events grouped by era."""

from itertools import groupby

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from ..sections import section_order
from .base import PortalPage


class TimelinePage(PortalPage):
    subpage_types = []
    parent_page_types = ["content.HomePage"]
    max_count = 1
    template = "content/timeline_page.html"

    content_panels = PortalPage.content_panels + [
        InlinePanel("events", label=_("Timeline events"), heading=_("Events")),
    ]

    class Meta:
        verbose_name = _("timeline page")

    def events_by_section(self):
        """[(section page, [event, …])] in the magazine's order, for the per-section links."""
        events = self.events.select_related("theme").order_by("date", "sort_order")
        by_page = {}
        for event in events:
            if event.theme is not None and event.theme.live:
                by_page.setdefault(event.theme, []).append(event)
        pages = sorted(by_page, key=lambda page: (section_order(page.section), page.title))
        return [(page, by_page[page]) for page in pages]

    def events_by_era(self):
        """Events in date order, grouped by consecutive era: [(era, [event, …]), …]."""
        events = self.events.select_related("theme", "source").order_by("date", "sort_order")
        return [(era, list(group)) for era, group in groupby(events, key=lambda e: e.era)]


class TimelineEvent(Orderable):
    YEAR, MONTH, DAY = "year", "month", "day"
    PRECISION_CHOICES = [
        (YEAR, _("Year only")),
        (MONTH, _("Month and year")),
        (DAY, _("Exact day")),
    ]

    page = ParentalKey(TimelinePage, on_delete=models.CASCADE, related_name="events")
    date = models.DateField(
        _("date"),
        help_text=_(
            "When only the year is known, enter 1 January of that year and choose “Year only”."
        ),
    )
    precision = models.CharField(
        _("date precision"), max_length=5, choices=PRECISION_CHOICES, default=DAY
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        help_text=_(
            "For a period such as 1963–1965: the last year. Leave empty for a single date."
        ),
    )
    era = models.CharField(
        _("era"), max_length=80, help_text=_("The period the event belongs to, e.g. “The sixties”.")
    )
    headline = models.CharField(_("headline"), max_length=200)
    text = models.TextField(_("text"))
    theme = models.ForeignKey(
        "content.ThemePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("related theme"),
    )
    source = models.ForeignKey(
        "content.PublicationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("source publication"),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("precision"), FieldPanel("end_year")],
            heading=_("When"),
        ),
        FieldPanel("era"),
        FieldPanel("headline"),
        FieldPanel("text"),
        FieldPanel("theme"),
        FieldPanel("source"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def clean(self):
        super().clean()
        if self.end_year and self.date and self.end_year <= self.date.year:
            raise ValidationError({"end_year": _("The end year must come after the start year.")})

    @property
    def anchor(self):
        """A fragment for links to this event on the timeline (`#event-19441228-42`)."""
        return f"event-{self.date:%Y%m%d}-{self.pk}"

    @property
    def datetime_attribute(self):
        """The machine-readable date at the precision known, for <time datetime>."""
        if self.precision == self.YEAR:
            return f"{self.date:%Y}"
        if self.precision == self.MONTH:
            return f"{self.date:%Y-%m}"
        return f"{self.date:%Y-%m-%d}"

    @property
    def date_format(self):
        """A Django date format for the precision known, localised by the template."""
        return {self.YEAR: "Y", self.MONTH: "YEAR_MONTH_FORMAT"}.get(self.precision, "DATE_FORMAT")
