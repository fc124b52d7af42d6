"""Page types of the portal. Translated fields are registered in translation.py."""

import csv
import io
from decimal import Decimal, InvalidOperation
from itertools import groupby

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.languages import default_language
from portal.security import over_rate_limit

from .admin_forms import PortalFormPageForm, PortalPageForm
from .blocks import BodyBlock
from .editing import AdminTitleInUserLanguageMixin, LanguagePreviewMixin


def is_untranslated(obj, field_name, language):
    """True when the object's field has no value in that language (so the default one shows)."""
    value = getattr(obj, f"{field_name}_{language}", None)
    return value is None or (hasattr(value, "__len__") and len(value) == 0)


class TranslatedContentMixin:
    """Tells which of a page's texts are shown in the default language for lack of a translation.

    Templates use it to mark that text with its real `lang` and to tell the visitor.
    """

    fallback_checked_fields = ("title", "intro", "body")

    def fallback_fields(self):
        language = translation.get_language()
        if language == default_language():
            return []
        return [
            name for name in self.fallback_checked_fields if is_untranslated(self, name, language)
        ]

    @property
    def fallback_language(self):
        return default_language() if self.fallback_fields() else None


def title_search_fields():
    """Every language's title in Wagtail's own index, so the admin's page search finds a page by
    its Dutch or English title too (the base `title` column holds only the default language)."""
    fields = []
    for code in settings.LANGUAGE_CODES:
        fields += [
            index.SearchField(f"title_{code}", boost=2),
            index.AutocompleteField(f"title_{code}"),
        ]
    return fields


class PortalPage(AdminTitleInUserLanguageMixin, LanguagePreviewMixin, TranslatedContentMixin, Page):
    """What every content page has: an introduction, a body of blocks, and its sources."""

    base_form_class = PortalPageForm  # every language required to publish

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "One or two plain sentences saying what the page is about. Shown under the title."
        ),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("source_citations", label=_("Sources"), heading=_("Sources")),
    ]
    search_fields = (
        Page.search_fields
        + title_search_fields()
        + [
            index.SearchField("intro"),
            index.SearchField("body"),
        ]
    )

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.intro

    def citations(self):
        """The page's sources with their publications, in one query."""
        return self.source_citations.select_related("publication")


class SourceCitation(Orderable):
    """A page names the publication it draws on: the basis of the "Sources" list on every page."""

    page = ParentalKey(Page, on_delete=models.CASCADE, related_name="source_citations")
    publication = models.ForeignKey(
        "content.PublicationPage",
        on_delete=models.CASCADE,
        related_name="citations",
        verbose_name=_("publication"),
    )
    detail = models.CharField(
        _("detail"),
        max_length=200,
        blank=True,
        help_text=_("Which part, e.g. “pages 12–15” or “the chapter on ageing”."),
    )

    panels = [FieldPanel("publication"), FieldPanel("detail")]

    class Meta(Orderable.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")


class HomePage(PortalPage):
    subpage_types = [
        "content.ThemePage",
        "content.TimelinePage",
        "content.KeyFiguresPage",
        "content.PublicationIndexPage",
        "content.StandardPage",
        "content.FormPage",
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "content/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def themes(self):
        return ThemePage.objects.child_of(self).live()

    def sections(self):
        """Everything else the home page leads into: timeline, key figures, publications, the
        forum… (pages about the portal itself are in the footer instead)."""
        pages = (
            self.get_children()
            .live()
            .type(TimelinePage, KeyFiguresPage, PublicationIndexPage, StandardPage)
            .specific()
        )
        return [page for page in pages if not getattr(page, "show_in_footer", False)]


class ThemePage(PortalPage):
    """One section of the 2019 magazine: equality, ageing, e-health…"""

    subpage_types = []
    parent_page_types = ["content.HomePage"]
    template = "content/theme_page.html"

    class Meta:
        verbose_name = _("theme page")


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
        return self.series.select_related("source")


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

    def chart(self):
        """Geometry of a bar chart in a 600×300 viewBox, computed here so the template stays dumb."""
        points = self.points()
        width, height, left, bottom, top = 600, 300, 10, 40, 30
        peak = max((value for _label, value in points), default=Decimal(1)) or Decimal(1)
        slot = (width - 2 * left) / len(points)
        bar_width = slot * 0.6
        bars = []
        for position, (label, value) in enumerate(points):
            bar_height = float(value / peak) * (height - bottom - top) if value > 0 else 0
            x = left + position * slot + (slot - bar_width) / 2
            bars.append(
                {
                    "label": label,
                    "value": value,
                    "x": round(x, 1),
                    "y": round(height - bottom - bar_height, 1),
                    "width": round(bar_width, 1),
                    "height": round(bar_height, 1),
                    "centre": round(x + bar_width / 2, 1),
                }
            )
        return {"width": width, "height": height, "baseline": height - bottom, "bars": bars}

    def csv_response(self):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([self.label_heading, self.unit])
        for label, value in self.points():
            writer.writerow([label, value])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        filename = f"{slugify(self.key)}-{translation.get_language()}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class PublicationIndexPage(PortalPage):
    subpage_types = ["content.PublicationPage"]
    parent_page_types = ["content.HomePage"]
    max_count = 1
    template = "content/publication_index_page.html"

    class Meta:
        verbose_name = _("publication list")

    def publications(self):
        return PublicationPage.objects.child_of(self).live().order_by("-publication_year")


class PublicationPage(PortalPage):
    """One source publication: what it is, who published it, and which pages draw on it."""

    publisher = models.CharField(_("publisher"), max_length=200)
    publication_year = models.PositiveSmallIntegerField(_("year of publication"))
    publication_language = models.CharField(
        _("language of the publication"),
        max_length=60,
        help_text=_("The language(s) the original is written in, e.g. “French”."),
    )

    subpage_types = []
    parent_page_types = ["content.PublicationIndexPage"]
    template = "content/publication_page.html"

    content_panels = PortalPage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("publisher"),
                FieldPanel("publication_year"),
                FieldPanel("publication_language"),
            ],
            heading=_("About the publication"),
        ),
    ]

    class Meta:
        verbose_name = _("publication page")

    def citing_pages(self):
        """The live portal pages that name this publication as a source."""
        page_ids = self.citations.values_list("page_id", flat=True)
        return Page.objects.filter(pk__in=page_ids).exclude(pk=self.pk).live().order_by("path")


class StandardPage(PortalPage):
    """About, forum programme, accessibility statement, privacy: plain content pages."""

    show_in_footer = models.BooleanField(
        _("show in footer"),
        default=False,
        help_text=_("Link this page from the footer of every page (e.g. accessibility, privacy)."),
    )

    subpage_types = ["content.StandardPage"]
    parent_page_types = ["content.HomePage", "content.StandardPage"]
    template = "content/standard_page.html"

    promote_panels = PortalPage.promote_panels + [FieldPanel("show_in_footer")]

    class Meta:
        verbose_name = _("standard page")


class FormField(AbstractFormField):
    page = ParentalKey("content.FormPage", on_delete=models.CASCADE, related_name="form_fields")


HONEYPOT_FIELD = "homepage"


class HoneypotFormMixin:
    """A spam trap: a field people never see or reach, which form-filling robots fill in.

    The template renders it apart (`form.honeypot`) in a visually hidden, aria-hidden block
    with tabindex=-1, so it is not in the page's reading or tab order. A post with it filled
    in is answered like a success and not stored.
    """

    def __iter__(self):
        return (field for field in super().__iter__() if field.name != HONEYPOT_FIELD)

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data.pop(HONEYPOT_FIELD, None)
        return cleaned_data


class FormPage(
    AdminTitleInUserLanguageMixin, LanguagePreviewMixin, TranslatedContentMixin, AbstractEmailForm
):
    """The feedback form: submissions are stored and listed for editors in the admin.

    Spam is kept out without a puzzle (WCAG 3.3.8): a honeypot field, and at most
    FEEDBACK_RATE_LIMIT posts per client address, counted in the shared cache.
    """

    base_form_class = PortalFormPageForm  # every language required to publish

    intro = models.TextField(_("introduction"), blank=True)
    thank_you_text = models.TextField(
        _("thank-you text"), blank=True, help_text=_("Shown after the form was sent.")
    )
    search_fields = AbstractEmailForm.search_fields + title_search_fields()

    fallback_checked_fields = ("title", "intro")
    subpage_types = []
    parent_page_types = ["content.HomePage", "content.StandardPage"]
    template = "content/form_page.html"
    landing_page_template = "content/form_page_landing.html"

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("from_address"), FieldPanel("subject")],
            heading=_("E-mail notification (optional)"),
        ),
    ]

    class Meta:
        verbose_name = _("form page")

    def get_meta_description(self):
        return self.search_description or self.intro

    def get_form_class(self):
        honeypot = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        return type(
            "FeedbackForm",
            (HoneypotFormMixin, super().get_form_class()),
            {HONEYPOT_FIELD: honeypot},
        )

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            limit, window = settings.FEEDBACK_RATE_LIMIT
            if over_rate_limit(request, f"feedback-{self.pk}", limit, window):
                return self.serve_rate_limited(request)
            if request.POST.get(HONEYPOT_FIELD):
                return self.render_landing_page(request)
        return super().serve(request, *args, **kwargs)

    def serve_rate_limited(self, request):
        """The form again, with what was typed, and why it was not sent (HTTP 429)."""
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        form.is_valid()
        form.add_error(
            None,
            _(
                "You have sent several messages in a short time, so this one was not sent. "
                "What you typed is kept below: please wait a few minutes and send it again."
            ),
        )
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=429)


class SeedRecord(models.Model):
    """What `load_content` last wrote to a page, so it can tell editor changes from its own."""

    key = models.CharField(max_length=100, unique=True)
    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="seed_record")
    revision_id = models.PositiveBigIntegerField(null=True)
    checksum = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("seed record")

    def __str__(self):
        return self.key


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
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language"], name="unique_translation_status_per_language"
            )
        ]

    def __str__(self):
        return f"{self.page_id} [{self.language}]"


# The per-language search index lives with the search code; importing it here registers it.
from .search import SearchEntry  # noqa: E402, F401
