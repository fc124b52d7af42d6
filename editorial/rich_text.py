"""The editor's "language of this phrase" buttons (WCAG 3.1.2, language of parts).

One inline style per language of the site (content.blocks.LANGUAGE_OF_PARTS_FEATURES): the
editor selects a French title quoted on a Dutch page and presses "FR"; the page then stores and
renders `<span lang="fr">…</span>`, so a screen reader reads it with a French voice. Inline
styles, not entities: no dialogue and no JavaScript of ours, and the markup survives every save.
"""

from django.utils.text import format_lazy
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineStyleElementHandler
from wagtail.admin.rich_text.editors.draftail import features as draftail_features

from core.languages import language_codes


def style_type(code):
    return f"LANG_{code.upper()}"


@hooks.register("register_rich_text_features")
def register_language_of_parts(features):
    for code in language_codes():
        feature = f"lang-{code}"
        features.register_editor_plugin(
            "draftail",
            feature,
            draftail_features.InlineStyleFeature(
                {
                    "type": style_type(code),
                    "label": code.upper(),
                    "description": format_lazy(
                        _("Language of this phrase: {language}"),
                        language=get_language_info(code)["name_translated"],
                    ),
                    "style": {"textDecoration": "underline dotted"},
                }
            ),
        )
        features.register_converter_rule(
            "contentstate",
            feature,
            {
                "from_database_format": {
                    f'span[lang="{code}"]': InlineStyleElementHandler(style_type(code))
                },
                "to_database_format": {
                    "style_map": {style_type(code): {"element": "span", "props": {"lang": code}}}
                },
            },
        )
