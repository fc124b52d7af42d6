"""Key figures from the annual reports: data series drawn as charts with their data tables."""

from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable

from ..charts import bar_chart, series_csv_response
from ..sections import SECTIONS, section_name, section_order
from .base import PortalPage


class KeyFiguresPage(RoutablePageMixin, PortalPage):
    subpage_types = []
    parent_page_types = ["content.HomePage"]
    max_count = 1
    template = "content/key_figures_page.html"

    content_panels = PortalPage.content_panels + [
        InlinePanel("series", label=_("Data series"), heading=_("Data series")),
    ]

    class Meta:
        verbose_name = _("key figures page")

    @path("csv/<slug:key>/", name="series_csv")
    def series_csv(self, request, key):
        series = self.series.filter(key=key).first()
        if series is None:
            raise Http404
        return series.csv_response()

    def series_list(self):
        """The series with their sources, read once per rendering."""
        if "_series_list" not in self.__dict__:
            self._series_list = list(self.series.select_related("source"))
        return self._series_list

    def section_pages(self):
        """{section key: its live, public page on this site}, read once per rendering."""
        if "_section_pages" not in self.__dict__:
            theme_page = apps.get_model("content", "ThemePage")  # theme.py imports this module
            pages = theme_page.objects.sibling_of(self).live().public()
            self._section_pages = {page.section: page for page in pages}
        return self._section_pages

    def series_by_section(self):
        """[(section key, name, page or None, [series, …])] in the magazine's order."""
        pages = self.section_pages()
        groups = {}
        for series in self.series_list():
            if series.section:
                groups.setdefault(series.section, []).append(series)
        return [
            (key, section_name(key), pages.get(key), groups[key])
            for key in sorted(groups, key=section_order)
        ]


def parse_series_data(text):
    """Parse "label;value" lines into [(label, Decimal)], or raise ValidationError naming the line."""
    points = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        label, sep, raw_value = line.partition(";")
        if not sep or not label.strip():
            raise ValidationError(
                _("Line %(number)s: write “label;value”, e.g. “2023;242454”."),
                params={"number": number},
            )
        try:
            value = Decimal(raw_value.strip().replace(" ", "").replace(",", "."))
        except InvalidOperation:
            raise ValidationError(
                _("Line %(number)s: “%(value)s” is not a number."),
                params={"number": number, "value": raw_value.strip()},
            ) from None
        points.append((label.strip(), value))
    if not points:
        raise ValidationError(_("Enter at least one “label;value” line."))
    return points


class DataSeries(Orderable):
    """A series of figures from the annual reports, drawn as a chart with its data table."""

    page = ParentalKey(KeyFiguresPage, on_delete=models.CASCADE, related_name="series")
    key = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_(
            "Short fixed name used in the CSV download address, e.g. “disability-beneficiaries”."
        ),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("what the series shows"),
        help_text=_(
            "One or two sentences: the trend in words. Read by people who cannot see the chart."
        ),
    )
    unit = models.CharField(
        _("unit"),
        max_length=60,
        help_text=_("What the values count, e.g. “beneficiaries” or “million €”."),
    )
    label_heading = models.CharField(
        _("label column heading"), max_length=60, help_text=_("Usually “Year”.")
    )
    data = models.TextField(
        _("data"),
        help_text=_(
            "One point per line as “label;value”, e.g. “2019;200123”. Decimals with a dot."
        ),
    )
    source = models.ForeignKey(
        "content.PublicationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("source publication"),
    )
    section = models.CharField(
        _("magazine section"),
        max_length=20,
        choices=SECTIONS,
        blank=True,
        help_text=_("The section page that shows this series among its key figures."),
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("Definitions or caveats, e.g. “current prices, not corrected for inflation”."),
    )

    panels = [
        FieldPanel("key"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("unit"),
        FieldPanel("label_heading"),
        FieldPanel("data"),
        FieldPanel("source"),
        FieldPanel("note"),
        FieldPanel("section"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("data series")
        verbose_name_plural = _("data series")

    def clean(self):
        super().clean()
        try:
            parse_series_data(self.data)
        except ValidationError as error:
            raise ValidationError({"data": error}) from None

    def points(self):
        return parse_series_data(self.data)

    def latest(self):
        """The last point of the series: (label, value)."""
        return self.points()[-1]

    @property
    def anchor(self):
        return f"series-{self.key}"

    def chart(self):
        return bar_chart(self.points())

    def csv_response(self):
        return series_csv_response(self.key, self.label_heading, self.unit, self.points())
