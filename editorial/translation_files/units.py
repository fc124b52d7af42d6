"""A page's translatable texts as units, each with a stable identity.

Which fields are translated comes from the registry in core/translated.py (never a list of our
own); which languages, from settings.LANGUAGES. Each text becomes a unit whose id says where it
lives, so a file can come back weeks later and still land in the right place:

- a field: `title`, `intro`; a rich-text field adds its segment, `intro.s2`;
- a StreamField block: `body.<block id>` and, inside it, the path of struct children and list
  items (`body.<id>.services.<item id>.name`), table cells (`body.<id>.r2c1`) and rich-text
  segments (`body.<id>.s1`);
- an inline item (timeline event, data series, source, form field): `events.<pk>.headline`.

The same walk rebuilds a language: the reference version's structure (block ids, images,
figures, choices, links) with each text replaced by its translation. `walk_page` is used both
ways, so what is exported and what an import writes can never disagree.
"""

import copy
from dataclasses import dataclass

from django.db import models
from django.utils.text import capfirst
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import RichTextField, StreamField

from core import translated

from .inline import Segment, join_rich_text, split_rich_text

# The page's address is the editor's decision (unique among its siblings), not a translator's.
NOT_FOR_TRANSLATORS = frozenset({"slug"})


@dataclass
class Unit:
    id: str
    location: list  # labels from the field down to the text, e.g. ["Body", "Callout", "Text"]
    segment: Segment

    def location_text(self):
        return " › ".join(str(label) for label in self.location)


class _Walk:
    """Collects units and, given translations, the rebuilt values of a language."""

    def __init__(self, translate=None):
        self.units = []
        # translate(unit) → the HTML or text to write, or None for "no translation".
        self.translate = translate or (lambda unit: None)

    def text(self, unit_id, location, value):
        if not isinstance(value, str) or not any(character.isalpha() for character in value):
            return value  # empty, or figures and symbols only ("2019", "%"): nothing to translate
        unit = Unit(unit_id, location, Segment.plain(value))
        self.units.append(unit)
        return self.translate(unit) or ""

    def rich(self, unit_id, location, value):
        if not isinstance(value, str) or not value.strip():
            return value
        skeleton, segments = split_rich_text(value)
        rebuilt = []
        for number, segment in enumerate(segments, start=1):
            unit = Unit(f"{unit_id}.s{number}", location, segment)
            self.units.append(unit)
            rebuilt.append(self.translate(unit) or "")
        if not any(part.strip() for part in rebuilt):
            return ""
        return join_rich_text(skeleton, rebuilt)

    def block(self, block, unit_id, location, value):
        if isinstance(block, blocks.StreamBlock):
            return self.stream(block, unit_id, location, value)
        if isinstance(block, blocks.StructBlock) and "language" in block.child_blocks:
            # Text that names its own language (a summary in Russian) stays in that language.
            return copy.deepcopy(value)
        if isinstance(block, blocks.StructBlock):
            rebuilt = dict(value or {})
            for name, child in block.child_blocks.items():
                if name in rebuilt:
                    rebuilt[name] = self.block(
                        child, f"{unit_id}.{name}", [*location, child.label], rebuilt[name]
                    )
            return rebuilt
        if isinstance(block, blocks.ListBlock):
            return self.list(block, unit_id, location, value)
        if isinstance(block, TableBlock):
            return self.table(unit_id, location, value)
        if isinstance(block, blocks.RichTextBlock):
            return self.rich(unit_id, location, value)
        if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
            return self.text(unit_id, location, value)
        return copy.deepcopy(value)  # images, pages, numbers, choices, web addresses

    def stream(self, block, unit_id, location, items):
        rebuilt = []
        for item in items or []:
            child = block.child_blocks.get(item.get("type"))
            if child is None:
                continue
            item_id = item.get("id")
            value = self.block(
                child, f"{unit_id}.{item_id}", [*location, child.label], item["value"]
            )
            rebuilt.append({**item, "value": value})
        return rebuilt

    def list(self, block, unit_id, location, items):
        rebuilt = []
        for position, item in enumerate(items or [], start=1):
            label = [*location, f"{block.child_block.label} {position}"]
            if isinstance(item, dict) and item.get("type") == "item" and "id" in item:
                value = self.block(
                    block.child_block, f"{unit_id}.{item['id']}", label, item["value"]
                )
                rebuilt.append({**item, "value": value})
            else:
                rebuilt.append(self.block(block.child_block, f"{unit_id}.{position}", label, item))
        return rebuilt

    def table(self, unit_id, location, value):
        rebuilt = copy.deepcopy(value or {})
        if rebuilt.get("table_caption"):
            rebuilt["table_caption"] = self.text(
                f"{unit_id}.caption", location, rebuilt["table_caption"]
            )
        for row_number, row in enumerate(rebuilt.get("data") or [], start=1):
            for column_number, cell in enumerate(row, start=1):
                if isinstance(cell, str) and cell.strip():
                    row[column_number - 1] = self.text(
                        f"{unit_id}.r{row_number}c{column_number}",
                        [*location, f"{row_number}:{column_number}"],
                        cell,
                    )
        return rebuilt


def _field_kind(field):
    if isinstance(field, StreamField):
        return "stream"
    if isinstance(field, RichTextField):
        return "rich"
    if isinstance(field, (models.CharField, models.TextField)) and not field.choices:
        return "text"
    return None


def align(source, target):
    """The target's raw stream with the source's block and item ids wherever both have the
    same kinds of blocks in the same order: a language edited on its own (or loaded from the
    seed files) gets its own ids, yet its texts are the translations of the same blocks."""
    if not (isinstance(source, list) and isinstance(target, list)):
        if isinstance(source, dict) and isinstance(target, dict):
            return {key: align(source.get(key), value) for key, value in target.items()}
        return target
    kinds = [item.get("type") if isinstance(item, dict) else None for item in source]
    target_kinds = [item.get("type") if isinstance(item, dict) else None for item in target]
    if kinds != target_kinds or None in kinds:
        return target
    return [
        {**item, "id": mine.get("id", item.get("id")), "value": align(mine["value"], item["value"])}
        for mine, item in zip(source, target, strict=True)
    ]


def _walk_field(walk, obj, name, language, unit_id, location, align_with=None):
    """Walk one field of one language; returns the rebuilt value, or None to leave it alone."""
    field = obj._meta.get_field(name)
    kind = _field_kind(field)
    value = translated.value(obj, name, language)
    if kind is None or translated.is_empty(value):
        return None
    before = len(walk.units)
    if kind == "stream":
        raw = field.stream_block.get_prep_value(value)
        reference = translated.value(obj, name, align_with) if align_with else None
        if reference is not None and not translated.is_empty(reference):
            raw = align(field.stream_block.get_prep_value(reference), raw)
        rebuilt = walk.stream(field.stream_block, unit_id, location, raw)
    elif kind == "rich":
        rebuilt = walk.rich(unit_id, location, value)
    else:
        rebuilt = walk.text(unit_id, location, value)
    return rebuilt if len(walk.units) > before else None


def _label(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def translatable_fields(model):
    return [
        name
        for name in translated.translated_fields(model)
        if name not in NOT_FOR_TRANSLATORS and _field_kind(model._meta.get_field(name))
    ]


def walk_page(page, language, translate=None, align_with=None):
    """(units, writes) of one language of a page (its latest revision, as an object).

    `writes` lists (object, column, rebuilt value) to apply for the target language."""
    walk = _Walk(translate)
    writes = []
    model = type(page)
    for name in translatable_fields(model):
        location = [_label(model, name)]
        rebuilt = _walk_field(walk, page, name, language, name, location, align_with)
        if rebuilt is not None:
            writes.append((page, name, rebuilt))
    for accessor, child_model, _fields in translated.child_relations(model):
        items_label = capfirst(child_model._meta.verbose_name_plural)
        for position, item in enumerate(getattr(page, accessor).all(), start=1):
            key = item.pk or f"n{position}"
            for name in translatable_fields(child_model):
                location = [items_label, str(position), _label(child_model, name)]
                rebuilt = _walk_field(
                    walk, item, name, language, f"{accessor}.{key}.{name}", location
                )
                if rebuilt is not None:
                    writes.append((item, name, rebuilt))
    return walk.units, writes


def page_units(page, language, align_with=None):
    """The units of one language; `align_with` another language gives streams of the same
    shape that language's block ids (see align)."""
    return walk_page(page, language, align_with=align_with)[0]


def latest(page):
    """The page as its latest revision has it (drafts included), as the report reads it."""
    return page.specific.get_latest_revision_as_object()
