"""What a page says in one language: every text a visitor reads there, and nothing else.

The fields come from the translated-text registry (core.translated), so a newly translated field
or inline item is searchable without touching this module. Blocks of every kind give their text
(headings, paragraphs, key figures, testimonials, callouts, service links, image alt texts and
captions, tables, titles of related pages); inline items give theirs (timeline events, data
series, the detail of each source) with the titles of the pages they name (a citation's
publication). Text marked as written in another language (a summary in Russian, say) is left
out: its words would be stemmed with the wrong rules and shown in excerpts without their `lang`.
"""

import re
from dataclasses import dataclass, field

from django.db.models import ForeignKey
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import StreamField
from wagtail.models import Page

from core import translated

# Blocks whose text is in another language than the page's.
OTHER_LANGUAGE_BLOCKS = frozenset({"summary"})
# Blocks whose text ranks with the introduction (a heading says what its section is about).
HEADING_BLOCKS = frozenset({"heading"})
# Reference entries (a glossary's terms, a directory's institutions) rank below the body: a page
# that defines or lists hundreds of terms names each in passing, it is not about each of them.
REFERENCE_BLOCKS = frozenset({"glossary", "institution"})
# Page fields that rank with the title's neighbours: what the page says about itself.
LEAD_FIELDS = ("search_description", "intro")
# ts_headline marks matches with these; they cannot occur in indexed text (see `clean`).
MARK_START, MARK_END = "\ue000", "\ue001"


@dataclass
class PageText:
    title: str
    lead: list = field(default_factory=list)  # headings, introduction, description
    body: list = field(default_factory=list)  # everything else a visitor reads
    reference: list = field(default_factory=list)  # glossary terms, directory entries

    @property
    def lead_text(self):
        return clean("\n".join(text for text in self.lead if text))

    @property
    def body_text(self):
        return clean("\n".join(text for text in self.body if text))

    @property
    def reference_text(self):
        return clean("\n".join(text for text in self.reference if text))


def clean(text):
    """Plain text on one line per paragraph, without the highlight markers or NUL bytes."""
    text = str(text or "").replace(MARK_START, " ").replace(MARK_END, " ").replace("\x00", " ")
    text = re.sub(r"<[^>]+>", " ", text)  # rich text: words only
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


def page_title(page, language):
    return clean(translated.value(page, "title", language)) if page is not None else ""


def block_texts(block, value, language):
    """The words a block shows. Choice labels (e.g. "Section heading (h2)") are interface text
    in whatever language was active when indexing, so they are left out."""
    if value is None or isinstance(block, blocks.ChoiceBlock | blocks.BooleanBlock):
        return []
    if isinstance(block, blocks.StructBlock):
        return [
            text
            for name, child in block.child_blocks.items()
            for text in block_texts(child, value.get(name), language)
        ]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in block_texts(block.child_block, item, language)]
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in block_texts(child.block, child.value, language)]
    if isinstance(block, blocks.PageChooserBlock):
        return [page_title(value, language)]
    if isinstance(block, blocks.DecimalBlock | blocks.IntegerBlock | blocks.FloatBlock):
        return [format(value, "f").rstrip("0").rstrip(".") if "." in str(value) else str(value)]
    if isinstance(block, TableBlock):
        return [value.get("table_caption") or "", *block.get_searchable_content(value)]
    return [str(text) for text in block.get_searchable_content(value)]


def stream_texts(stream, language, text):
    for child in stream or []:
        if child.block_type in OTHER_LANGUAGE_BLOCKS:
            continue
        if child.block_type in HEADING_BLOCKS:
            target = text.lead
        elif child.block_type in REFERENCE_BLOCKS:
            target = text.reference
        else:
            target = text.body
        target.extend(block_texts(child.block, child.value, language))


def item_texts(item, fields, language):
    """An inline item's translated texts, and the titles of the pages it names."""
    texts = [translated.value(item, name, language) or "" for name in fields]
    for model_field in type(item)._meta.get_fields():
        if isinstance(model_field, ForeignKey) and issubclass(model_field.related_model, Page):
            if model_field.name == "page":  # the page the item belongs to
                continue
            texts.append(page_title(getattr(item, model_field.name), language))
    return texts


def page_text(page, language):
    """A page's text in one language, or None when it has no title there.

    Only the language's own fields count: a field shown in the default language for lack of a
    translation is not that language's content.
    """
    title = page_title(page, language)
    if not title:
        return None
    text = PageText(title=title)
    model = type(page)
    described = [name for name in LEAD_FIELDS if name in translated.translated_fields(model)]
    for name in dict.fromkeys(translated.readable_fields(model) + described):
        if name == "title":
            continue
        value = translated.value(page, name, language)
        if isinstance(model._meta.get_field(name), StreamField):
            stream_texts(value, language, text)
        elif value:
            (text.lead if name in LEAD_FIELDS else text.body).append(str(value))
    for accessor, _child_model, fields in translated.child_relations(model):
        for item in getattr(page, accessor).all():
            text.body.extend(item_texts(item, fields, language))
    return text
