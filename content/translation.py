"""Fields translated into every language of settings.LANGUAGES (title, slug, seo_title and
search_description of every page are translated by wagtail-modeltranslation itself)."""

from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from .models import (
    DataSeries,
    FormField,
    FormPage,
    HomePage,
    KeyFiguresPage,
    PublicationIndexPage,
    PublicationPage,
    SourceCitation,
    StandardPage,
    ThemePage,
    TimelineEvent,
    TimelinePage,
)

PORTAL_PAGE_FIELDS = ("intro", "body", "menu_title")


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = PORTAL_PAGE_FIELDS


@register(ThemePage)
class ThemePageTR(TranslationOptions):
    fields = PORTAL_PAGE_FIELDS


@register(TimelinePage)
class TimelinePageTR(TranslationOptions):
    fields = PORTAL_PAGE_FIELDS


@register(KeyFiguresPage)
class KeyFiguresPageTR(TranslationOptions):
    fields = PORTAL_PAGE_FIELDS


@register(PublicationIndexPage)
class PublicationIndexPageTR(TranslationOptions):
    fields = PORTAL_PAGE_FIELDS


@register(PublicationPage)
class PublicationPageTR(TranslationOptions):
    fields = PORTAL_PAGE_FIELDS + ("publisher", "publication_language")


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = PORTAL_PAGE_FIELDS


@register(FormPage)
class FormPageTR(TranslationOptions):
    fields = ("intro", "thank_you_text")


@register(FormField)
class FormFieldTR(TranslationOptions):
    fields = ("label", "help_text", "choices", "default_value")


@register(TimelineEvent)
class TimelineEventTR(TranslationOptions):
    fields = ("era", "headline", "text")


@register(DataSeries)
class DataSeriesTR(TranslationOptions):
    fields = ("title", "description", "unit", "label_heading", "note")


@register(SourceCitation)
class SourceCitationTR(TranslationOptions):
    fields = ("detail",)
