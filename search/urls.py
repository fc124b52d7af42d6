"""The search page, inside i18n_patterns with a translated path per language."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

localised_urlpatterns = [
    # Translators: the address of the search page, e.g. /en/search/. Lower case, ends with "/".
    path(_("search/"), views.search_view, name="search"),
]
