"""Admin forms of the page types: an editor cannot publish a page with a translation missing.

EditorialConfig.ready() makes them the `base_form_class` of the portal's page types, so the
content app knows nothing of the admin's publishing rules.

Saving a draft stays possible with any field empty (Wagtail defers required fields on "Save
draft"); publishing, submitting for moderation or approving needs every language of every
required field, on the page and in its inline items (timeline events, data series, form fields).
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.models import get_page_models

from content.models import FormPage, PortalPage
from core import translated
from core.languages import language_codes

# wagtail-modeltranslation's own message for a slug clash (English only, sometimes twice).
LIBRARY_SLUG_CLASH_MESSAGE = "This slug is already in use"


def language_name(code):
    """The language's name in the active language ("Néerlandais"), from settings.LANGUAGES."""
    return dict(settings.LANGUAGES)[code]


def require_translations(form):
    """Add an error to every empty translation of a required field of the form's model."""
    cleaned_data = getattr(form, "cleaned_data", {})
    for name in translated.required_fields(form._meta.model):
        for code in language_codes():
            field_name = translated.column(name, code)
            if field_name not in form.fields or field_name in form.errors:
                continue
            if translated.is_empty(cleaned_data.get(field_name)):
                form.add_error(
                    field_name,
                    _(
                        "%(language)s: needed before the page can be published or submitted for "
                        "moderation. A draft can be saved without it."
                    )
                    % {"language": language_name(code)},
                )


class TranslatedPageFormMixin:
    def clean(self):
        # A new page is not in the tree while its form is checked: rules that depend on where
        # it goes (one page per magazine section and site) read the parent from here.
        self.instance.parent_for_validation = getattr(self, "parent_page", None)
        cleaned_data = super().clean()
        if not self.is_deferred_validation:  # publishing, submitting or approving
            require_translations(self)
            for formset in self.formsets.values():
                for form in formset.forms:
                    if form.empty_permitted and not form.has_changed():
                        continue
                    if not form.is_valid():
                        continue  # its own errors come first
                    if formset.can_delete and formset._should_delete_form(form):
                        continue
                    require_translations(form)
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()
        self._explain_slug_clashes()

    def _explain_slug_clashes(self):
        """Say which language's slug clashes, in the editor's language, once per field."""
        message_by_field = {
            translated.column("slug", code): _(
                "%(language)s: another page at the same level already uses this slug. "
                "Choose a different one."
            )
            % {"language": language_name(code)}
            for code in language_codes()
        }
        for field_name, message in message_by_field.items():
            errors = list(self._errors.get(field_name) or []) if self._errors else []
            if LIBRARY_SLUG_CLASH_MESSAGE not in errors:
                continue
            others = [error for error in errors if error != LIBRARY_SLUG_CLASH_MESSAGE]
            self._errors[field_name] = self.error_class([message, *others], renderer=self.renderer)


class PortalPageForm(TranslatedPageFormMixin, WagtailAdminPageForm):
    pass


class PortalFormPageForm(TranslatedPageFormMixin, WagtailAdminFormPageForm):
    pass


def attach_to_page_types():
    """Make these forms the admin forms of every portal page type (called from ready()).

    Wagtail builds a page type's edit handler lazily, from `base_form_class`, on first use in
    the admin: setting it here, before any request, is the smallest extension point that keeps
    the admin's rules out of the content app.
    """
    for model in get_page_models():
        if issubclass(model, FormPage):
            model.base_form_class = PortalFormPageForm
        elif issubclass(model, PortalPage):
            model.base_form_class = PortalPageForm
