"""Behaviour every translated page type shares, mixed into the page base classes of content:

- a preview in each language, and its title in the editor's own language in admin listings;
- a draft saved with a language left empty keeps it empty (never filled from another language);
- which of its texts are shown in the default language for lack of a translation, so templates
  mark that text with its real `lang` and tell the visitor.

Generic (it knows languages and the registry, no page type), so it lives in core.
"""

from django.conf import settings
from django.utils import translation
from django.utils.text import format_lazy
from wagtail.models import Revision

from . import preview, translated
from .languages import default_language, language_codes

PREVIEW_MODE_SEPARATOR = ":"


def split_preview_mode(mode_name):
    """("landing:nl" → ("landing", "nl"); "nl" → ("", "nl")). Anything else keeps its base mode
    and gets the active language."""
    base_mode, _separator, language = (mode_name or "").rpartition(PREVIEW_MODE_SEPARATOR)
    if language in language_codes():
        return base_mode, language
    return mode_name or "", translation.get_language()


class LanguagePreviewMixin:
    """One preview mode per language (per base mode for pages that have several, such as the
    form page's "thank you" page): the preview renders the page as /nl/… shows it, whatever the
    admin's own language."""

    @property
    def preview_modes(self):
        base_modes = super().preview_modes
        modes = []
        for base_name, base_label in base_modes:
            for code, language_name in settings.LANGUAGES:
                name = f"{base_name}{PREVIEW_MODE_SEPARATOR}{code}" if base_name else code
                label = (
                    language_name
                    if len(base_modes) == 1
                    else format_lazy("{} – {}", base_label, language_name)
                )
                modes.append((name, label))
        return modes

    @property
    def default_preview_mode(self):
        """The admin user's language (active in admin views), else the first mode."""
        language = translation.get_language()
        for name, _label in self.preview_modes:
            if split_preview_mode(name)[1] == language:
                return name
        return self.preview_modes[0][0]

    def make_preview_request(
        self, original_request=None, preview_mode=None, extra_request_attrs=None
    ):
        base_mode, language = split_preview_mode(preview_mode or self.default_preview_mode)
        # The fake request goes to the page's URL in that language (/nl/…), so the locale
        # middleware activates the language just as for a visitor. Wagtail's request, through
        # a middleware chain loaded once per process (core.preview).
        with translation.override(language):
            return preview.make_preview_request(
                self,
                original_request,
                base_mode,
                {**(extra_request_attrs or {}), "preview_language": language},
            )

    def serve_preview(self, request, mode_name):
        # A page not saved yet has no URL to carry its language: activate it here as well.
        language = getattr(request, "preview_language", None)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return super().serve_preview(request, mode_name)


class OwnLanguageValuesMixin:
    """Saving a page never fills one language's field with another language's value.

    Wagtail validates a page that is not live with `minimal_clean()`, which does
    `self.title = clean(self.title)`. With modeltranslation, reading `title` gives the active
    language's title or, when it is empty, the default language's (the fallback), and writing
    it stores into the active language's column: a new page saved as a draft by a Dutch-speaking
    editor got the French title in `title_nl`, then published it. `full_clean()` (live pages) is
    safe because modeltranslation disables that write while it cleans (`_mt_disable`); the same
    guard is applied here, so the base column is cleaned and no translation column is touched.
    """

    def minimal_clean(self):
        self._mt_disable = True
        try:
            super().minimal_clean()
        finally:
            self._mt_disable = False


class AdminTitleInUserLanguageMixin:
    """Listings in the admin show each page's title in the admin user's own language.

    Wagtail lists pages by `draft_title`, a single column that holds the title in whichever
    language was active when the draft was saved. Here the title follows the active language
    (the admin user's preference) instead: the latest draft's title for a live page with
    unpublished changes, else the page's own (modeltranslation falls back to the default
    language when the title has no translation yet).
    """

    def get_admin_display_title(self):
        language = translation.get_language()
        if self.live and self.has_unpublished_changes and self.latest_revision_id:
            draft_titles = self._latest_draft_titles()
            title = draft_titles.get(language) or draft_titles.get(default_language())
            if title:
                return title
        return self.title or self.draft_title

    def _latest_draft_titles(self):
        """{language: title} from the latest revision, read once per instance (one small query)."""
        if "_latest_draft_titles_cache" not in self.__dict__:
            codes = language_codes()
            row = (
                Revision.objects.filter(pk=self.latest_revision_id)
                .values_list(*(f"content__{translated.column('title', code)}" for code in codes))
                .first()
            )
            self._latest_draft_titles_cache = dict(zip(codes, row or (), strict=False))
        return self._latest_draft_titles_cache


class TranslatedContentMixin:
    """Tells which of a page's texts are shown in the default language for lack of a translation.

    Which texts: every translated field a visitor reads (core.translated), so a new translated
    field is covered without a change here.
    """

    def fallback_fields(self):
        return translated.fallback_fields(self, translation.get_language())

    @property
    def fallback_language(self):
        return default_language() if self.fallback_fields() else None
