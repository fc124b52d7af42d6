"""The open-data API: Wagtail's API v2 at /api/v2/, read-only, JSON.

Every translated field appears once per language (`title_fr`, `title_nl`, `title_en`, `body_nl`…),
derived from the translated-text registry (core.translated) and settings.LANGUAGES, so a new language or a new
translated field shows up without touching this module. The untranslated names Wagtail adds
(`title`, `meta.html_url`) are given in the default language whatever the Accept-Language
header, so a response does not depend on who asks; `meta.html_urls` gives the page's address in
every language. Timeline events and data series have endpoints of their own as well as being
nested in their pages. See docs/api.md.
"""

import re
import unicodedata
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import translation
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from wagtail.api import APIField
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet

from content.models import DataSeries, TimelineEvent
from content.sections import section_names
from core import translated
from core.languages import default_language, language_codes


def translated_field_names(model):
    """`title_fr`, `title_nl`, … for every translated field of the model, in field order."""
    return translated.columns(model)


def page_urls(page, request):
    """{"fr": "https://…/fr/vieillissement/", "nl": "…/nl/vergrijzing/", …}, on the host of the
    page's Wagtail site, like Wagtail's own `html_url`."""
    urls = {}
    for code in language_codes():
        with translation.override(code):
            urls[code] = page.get_full_url(request)
    return urls


class PageUrlsField(serializers.Field):
    """The page's address in every language."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return page_urls(page, self.context.get("request"))


class SourceCitationsField(serializers.Field):
    """A page's sources: each publication it draws on (titles, addresses) and which part."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        request = self.context.get("request")
        items = []
        for citation in page.citations():  # only publications a visitor may open
            publication = citation.publication
            item = {"publication": {"id": publication.pk}}
            item["publication"].update((name, getattr(publication, name)) for name in _titles())
            item["publication"]["html_urls"] = page_urls(publication, request)
            item.update(
                (name, getattr(citation, name)) for name in translated_field_names(type(citation))
            )
            items.append(item)
        return items


class SeriesPointsField(serializers.Field):
    """The data of a series as [{"label": "2023", "value": 242454}, …]: numbers, not text."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, points):
        return [{"label": label, "value": _number(value)} for label, value in points]


def _number(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)


class SeriesCsvUrlsField(serializers.Field):
    """Where the series can be downloaded as CSV, in every language."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, series):
        request = self.context.get("request")
        page = series.page
        subpath = page.reverse_subpage("series_csv", kwargs={"key": series.key})
        urls = {}
        for code in language_codes():
            with translation.override(code):
                urls[code] = page.get_full_url(request) + subpath
        return urls


class SectionNamesField(serializers.Field):
    """The name of the magazine section in every language ({} when there is none)."""

    def __init__(self, **kwargs):
        super().__init__(source="section", read_only=True, **kwargs)

    def to_representation(self, section):
        return section_names(section) if section else {}


LARGEST_INTEGER = 2**63 - 1  # PostgreSQL's bigint; SQLite's INTEGER
INTEGER = re.compile(r"\s*[+-]?\d+\s*")
SEARCH_OPERATORS = ("and", "or")


def check_query_parameters(request):
    """Refuse, with a 400, what no field or operation can mean and what the database would
    choke on: control characters (a NUL byte), integers past 64 bits, an unknown search
    operator, a non-numeric id to find."""
    for name, values in request.GET.lists():
        for text in (name, *values):
            if any(unicodedata.category(character) == "Cc" for character in text):
                raise BadRequestError(
                    "query parameters must not contain control characters (such as NUL)"
                )
        for value in values:
            if INTEGER.fullmatch(value) and abs(int(value)) > LARGEST_INTEGER:
                raise BadRequestError(f"{name}: the number is too large")
    operator = request.GET.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be either 'and' or 'or'")


def error_message(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


class PortalAPIMixin:
    """Read-only JSON, in the default language, with every translated field of the model.

    A parameter never causes a 5xx: odd values are refused up front (check_query_parameters),
    and a value the database layer cannot convert (a date "2019-13-45", a number "x" for a
    numeric field) is answered with a 400 and the reason, like Wagtail's own parameter errors.
    """

    renderer_classes = [JSONRenderer]
    # Fields particular to a model, beyond its translated ones: {model name: [field, …]}.
    extra_fields = {}

    def dispatch(self, request, *args, **kwargs):
        with translation.override(default_language()):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query_parameters(request)

    def find_object(self, queryset, request):
        if "id" in request.GET and not INTEGER.fullmatch(request.GET["id"]):
            raise BadRequestError("id must be a whole number")
        return super().find_object(queryset, request)

    def handle_exception(self, exc):
        # Raised while filtering on a field with a value of the wrong form.
        if isinstance(exc, (ValueError, ValidationError, OverflowError)):
            exc = BadRequestError(error_message(exc) or "invalid query parameter")
        return super().handle_exception(exc)

    @classmethod
    def get_body_fields(cls, model):
        extra = []
        for klass in model.__mro__:
            extra += cls.extra_fields.get(klass.__name__, [])
        fields = super().get_body_fields(model)
        names = {field.name for field in fields}
        return fields + [
            field
            for field in cls._convert_api_fields(translated_field_names(model) + extra)
            if field.name not in names
        ]


def public_pages(request):
    """Live pages of the request's site without any view restriction. Wagtail's own queryset
    lets through pages whose restriction this request passes (a signed-in editor's session, a
    password given earlier); open data is the same for everyone, so those are left out too."""
    return get_public_pages_queryset(request).public()


class PortalPagesAPIViewSet(PortalAPIMixin, PagesAPIViewSet):
    meta_fields = PagesAPIViewSet.meta_fields + [
        APIField("html_urls", serializer=PageUrlsField()),
    ]
    extra_fields = {
        "PortalPage": [APIField("source_citations", serializer=SourceCitationsField())],
        "PublicationPage": ["publication_year"],
        "TimelinePage": ["events"],
        "KeyFiguresPage": ["series"],
        "ThemePage": ["section", APIField("section_names", serializer=SectionNamesField())],
    }

    def get_base_queryset(self):
        return super().get_base_queryset().public()

    @classmethod
    def get_listing_default_fields(cls, model):
        return super().get_listing_default_fields(model) + _titles() + ["html_urls"]

    @classmethod
    def get_nested_default_fields(cls, model):
        return super().get_nested_default_fields(model) + _titles() + ["html_urls"]


def _titles():
    return [f"title_{code}" for code in language_codes()]


class _ChildDataAPIViewSet(PortalAPIMixin, BaseAPIViewSet):
    """Rows that belong to a page (events, series): only those of public, live pages."""

    filter_backends = [FieldsFilter, OrderingFilter]
    # No full-text search here: `search` is refused as unknown rather than silently ignored.
    known_query_parameters = BaseAPIViewSet.known_query_parameters - {"search", "search_operator"}
    ordering = ("page__path", "sort_order")

    def get_queryset(self):
        pages = public_pages(self.request)
        return self.model.objects.filter(page__in=pages).order_by(*self.ordering)

    @classmethod
    def get_listing_default_fields(cls, model):
        return cls.get_available_fields(model)


class TimelineEventsAPIViewSet(_ChildDataAPIViewSet):
    name = "timeline-events"
    body_fields = ["id", "date", "precision", "end_year", "theme", "source"]
    model = TimelineEvent
    ordering = ("date", "sort_order")


class DataSeriesAPIViewSet(_ChildDataAPIViewSet):
    model = DataSeries
    name = "data-series"
    body_fields = ["id", "key", "source"]
    meta_fields = BaseAPIViewSet.meta_fields + [
        APIField("csv_urls", serializer=SeriesCsvUrlsField()),
    ]
    extra_fields = {
        "DataSeries": [
            APIField("points", serializer=SeriesPointsField()),
            "section",
            APIField("section_names", serializer=SectionNamesField()),
        ]
    }


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("timeline-events", TimelineEventsAPIViewSet)
api_router.register_endpoint("data-series", DataSeriesAPIViewSet)
