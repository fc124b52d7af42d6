"""Reference entries: the "Who does what" directory of institutions and the glossary.

Each entry carries its official names in every portal language, so a page in one language can
show the other languages' names too (each marked with its `lang`), and an anchor, so any page can
link to the entry (`/fr/qui-fait-quoi/#onem-rva`). The entries are StreamField blocks of the
ordinary body: no table of their own, editors can reorder and correct them in the page editor.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .sections import SECTIONS

ANCHOR = RegexValidator(
    r"^[a-z][a-z0-9-]*$", _("Lower-case letters, digits and hyphens, starting with a letter.")
)


def anchor_block():
    return blocks.CharBlock(
        label=_("Anchor"),
        max_length=60,
        validators=[ANCHOR],
        search_index=False,  # an address, not words a visitor reads or types
        help_text=_(
            "The end of the entry's address, after “#”, the same in every language, "
            "e.g. “onem-rva”. Other pages link to it: do not change it."
        ),
    )


# "In Dutch: …" before another language's official name; one string per language, since the
# words around a language's name change with it (FR "en néerlandais", NL "in het Frans").
IN_LANGUAGE = {"fr": _("In French"), "nl": _("In Dutch"), "en": _("In English")}


def names_in_other_languages(value, field, acronym_field=None):
    """[(code, language name, name, acronym)] for every portal language but the active one."""
    active = translation.get_language()
    rows = []
    for code, _name in settings.LANGUAGES:
        if code == active:
            continue
        rows.append(
            (
                code,
                IN_LANGUAGE.get(code) or get_language_info(code)["name_translated"],
                value.get(f"{field}_{code}"),
                value.get(f"{acronym_field}_{code}") if acronym_field else "",
            )
        )
    return rows


def in_active_language(value, field):
    return value.get(f"{field}_{translation.get_language()}") or ""


def institution_heading(value):
    """ "Office national de l'emploi (ONEM)": the entry's name and acronym in the active language."""
    name, acronym = in_active_language(value, "name"), in_active_language(value, "acronym")
    return f"{name} ({acronym})" if acronym else name


class InstitutionBlock(blocks.StructBlock):
    anchor = anchor_block()
    name_fr = blocks.CharBlock(label=_("Official name in French"), max_length=200)
    acronym_fr = blocks.CharBlock(label=_("Acronym in French"), max_length=40, required=False)
    name_nl = blocks.CharBlock(label=_("Official name in Dutch"), max_length=200)
    acronym_nl = blocks.CharBlock(label=_("Acronym in Dutch"), max_length=40, required=False)
    name_en = blocks.CharBlock(label=_("Official name in English"), max_length=200)
    acronym_en = blocks.CharBlock(label=_("Acronym in English"), max_length=40, required=False)
    role = blocks.TextBlock(
        label=_("What it does for you"),
        help_text=_("In plain words, in this page's language; give dated facts their year."),
    )
    website = blocks.URLBlock(
        label=_("Website"), help_text=_("The institution's public site: an address only.")
    )
    source = blocks.CharBlock(
        label=_("Source"), max_length=300, help_text=_("The publication that names it.")
    )
    sections = blocks.MultipleChoiceBlock(
        label=_("Themes it serves"), choices=SECTIONS, required=False
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["heading"] = institution_heading(value)
        context["other_names"] = names_in_other_languages(value, "name", "acronym")
        return context

    class Meta:
        icon = "group"
        template = "blocks/institution.html"
        label = _("Institution")
        description = _(
            "One institution of the “Who does what” directory: what it does, its official "
            "names in every language and its website."
        )


class GlossaryTermBlock(blocks.StructBlock):
    anchor = anchor_block()
    term_fr = blocks.CharBlock(label=_("Term in French"), max_length=200)
    term_nl = blocks.CharBlock(label=_("Term in Dutch"), max_length=200)
    term_en = blocks.CharBlock(label=_("Term in English"), max_length=200)
    definition = blocks.TextBlock(
        label=_("Meaning"), help_text=_("In plain words, in this page's language.")
    )
    see = blocks.CharBlock(
        label=_("See also (address)"),
        max_length=200,
        required=False,
        search_index=False,  # an address, not words a visitor reads or types
        help_text=_("Optional: a page or directory entry, e.g. “/fr/qui-fait-quoi/#onem-rva”."),
    )

    class Meta:
        icon = "help"
        label = _("Glossary term")


class GlossaryBlock(blocks.StructBlock):
    terms = blocks.ListBlock(GlossaryTermBlock(), label=_("Terms"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["entries"] = [
            {
                "anchor": term["anchor"],
                "term": in_active_language(term, "term"),
                "other_terms": names_in_other_languages(term, "term"),
                "definition": term["definition"],
                "see": term["see"],
            }
            for term in value["terms"]
        ]
        return context

    class Meta:
        icon = "list-ul"
        template = "blocks/glossary.html"
        label = _("Glossary")
        description = _(
            "Terms with their meaning and their official form in every language; each term "
            "has an anchor other pages can link to."
        )
