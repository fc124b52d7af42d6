"""The one registry of translated text: which fields of a model are translated, and their values.

`content/translation.py` registers fields with django-modeltranslation, and settings.LANGUAGES
names the languages. Everything else (the seed loader, the search index, the API, the
translation report, the admin forms, the fallback notice) asks this module, so a new translated
field or a new language reaches all of them without anyone keeping a list of their own.

What it must never do: import another app of ours, or hard-code a field name or a language.
"""

from functools import cache

from modelcluster.models import get_all_child_relations
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from .languages import default_language, language_codes

# Translated columns that are plumbing computed from others, never written or read as text.
DERIVED_FIELDS = frozenset({"url_path"})
# Page fields that identify or describe a page but are not part of what a visitor reads on it.
# (menu_title: the short title in the main menu, which never falls back to another language.)
ADDRESS_FIELDS = frozenset({"slug", "seo_title", "search_description", "menu_title"})


def column(field_name, language):
    """The database field holding one language of a translated field: ("title", "nl") →
    "title_nl"."""
    return build_localized_fieldname(field_name, language)


@cache
def _fields(model):
    try:
        registered = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return ()
    names = []
    for field in model._meta.get_fields():
        if (
            field.name in registered
            and field.name not in DERIVED_FIELDS
            and field.name not in names
        ):
            names.append(field.name)
    return tuple(names)


def translated_fields(model):
    """The model's translated fields, in the order the model declares them."""
    return list(_fields(model))


def readable_fields(model):
    """The translated fields whose text a visitor reads on the page (not slug, SEO title…)."""
    return [name for name in _fields(model) if name not in ADDRESS_FIELDS]


def required_fields(model):
    """Translated fields that may not be blank in any language (title, slug, headline…)."""
    return [name for name in _fields(model) if not model._meta.get_field(name).blank]


def child_relations(model):
    """[(accessor, child model, translated fields)] for the model's inline items (timeline
    events, data series, sources, form fields) that have translated fields."""
    relations = []
    for relation in get_all_child_relations(model):
        fields = translated_fields(relation.related_model)
        if fields:
            relations.append((relation.get_accessor_name(), relation.related_model, fields))
    return relations


def is_translated(model):
    return bool(_fields(model))


def is_empty(value):
    """No text in this language: None, "", an empty stream, list or mapping."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return hasattr(value, "__len__") and len(value) == 0


def value(obj, field_name, language):
    """The field's own value in that language, never the fallback of another language."""
    return getattr(obj, column(field_name, language), None)


def values(obj, field_name):
    """{language: value} for every language of settings.LANGUAGES."""
    return {code: value(obj, field_name, code) for code in language_codes()}


def is_untranslated(obj, field_name, language):
    """True when the field has no value of its own in that language."""
    return is_empty(value(obj, field_name, language))


def fallback_fields(obj, language, field_names=None):
    """The fields shown in the default language on this object for lack of a translation."""
    if language == default_language():
        return []
    names = field_names if field_names is not None else ["title", *readable_fields(type(obj))]
    return [
        name
        for name in dict.fromkeys(names)
        if name in _fields(type(obj)) or name == "title"
        if is_untranslated(obj, name, language)
        and not is_untranslated(obj, name, default_language())
    ]


def columns(model):
    """Every language column of every translated field: ["title_fr", "title_nl", …]."""
    return [column(name, code) for name in _fields(model) for code in language_codes()]
