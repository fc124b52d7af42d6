"""The portal's page types, one module per job. Translated fields: content/translation.py."""

from .base import PortalPage, SourceCitation, title_search_fields
from .feedback import HONEYPOT_FIELD, FormField, FormPage, HoneypotFormMixin
from .key_figures import DataSeries, KeyFiguresPage, parse_series_data
from .site import HomePage, PublicationIndexPage, PublicationPage, StandardPage
from .theme import ThemePage
from .timeline import TimelineEvent, TimelinePage

__all__ = [
    "HONEYPOT_FIELD",
    "DataSeries",
    "FormField",
    "FormPage",
    "HomePage",
    "HoneypotFormMixin",
    "KeyFiguresPage",
    "PortalPage",
    "PublicationIndexPage",
    "PublicationPage",
    "SourceCitation",
    "StandardPage",
    "ThemePage",
    "TimelineEvent",
    "TimelinePage",
    "parse_series_data",
    "title_search_fields",
]
