"""The seed files' schema: read and check every file before anything is written.

A seed file describes one page, every language side by side:

    key: theme-ageing            # stable identity, never change it
    type: ThemePage
    parent: home                 # key of the parent page (`root` for the home page)
    title: {fr: …, nl: …, en: …}
    slug: {fr: vieillissement, nl: vergrijzing, en: ageing}
    intro: {fr: …, nl: …, en: …}
    body:
      - type: paragraph
        value: {fr: …, nl: …, en: …}
    sources:
      - publication: publication-magazine-2019-fr
    source_notes: …              # free text for people: choices made where sources disagree

A mapping whose keys are language codes is a translated value and must have every language of
settings.LANGUAGES. Loading is two-phase: every file is parsed and checked here first, then loader.py writes the
whole tree in one transaction, so a bad file changes nothing. Which fields are translated comes
from the registry (core.translated): the schema keeps no list of fields of its own.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db.models import ForeignKey
from django.utils.text import slugify
from wagtail.models import Page, get_page_models

from core import translated
from core.languages import language_codes

ROOT_KEY = "root"


def page_types():
    """{"ThemePage": ThemePage, …}: every page type the site has, by class name."""
    return {model.__name__: model for model in get_page_models() if model is not Page}


# A seed file's name for each kind of inline item, and the page relation that holds them.
INLINE_ITEMS = {
    "sources": "source_citations",
    "events": "events",
    "series": "series",
    "form_fields": "form_fields",
}
# Keys with a meaning of their own; every other key must be a field of the page model.
STRUCTURE_KEYS = {"key", "type", "parent", "source_notes", "body", "show_in_menus", *INLINE_ITEMS}
# Fields of inline items that the loader sets itself.
ITEM_PLUMBING = {"id", "page", "sort_order"}


class SeedError(Exception):
    """A seed file that cannot be loaded, with the file and field it is about."""

    def __init__(self, path, where, message):
        self.path, self.where, self.message = path, where, message
        super().__init__(f"{path}: {where}: {message}")


@dataclass
class SeedPage:
    path: Path
    data: dict
    key: str = ""
    model: type = Page
    parent_key: str = ""
    checksum: str = ""
    references: set = field(default_factory=set)

    @property
    def name(self):
        return self.path.name


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)


def is_translation(value):
    return isinstance(value, dict) and value and set(value) <= set(language_codes())


def localise(value, language, path, where):
    """The value as seen in one language: translated mappings resolve, the rest passes through."""
    if is_translation(value):
        missing = [code for code in language_codes() if not str(value.get(code) or "").strip()]
        if missing:
            raise SeedError(path, where, f"missing language(s): {', '.join(missing)}")
        return value[language]
    if isinstance(value, dict):
        return {k: localise(v, language, path, f"{where}.{k}") for k, v in value.items()}
    if isinstance(value, list):
        return [localise(v, language, path, f"{where}[{i}]") for i, v in enumerate(value)]
    return value


def check_all_languages(value, path, where):
    for code in language_codes():
        localise(value, code, path, where)


def parse_file(path: Path) -> SeedPage:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise SeedError(path, "file", f"not valid YAML ({error})") from None
    if not isinstance(data, dict):
        raise SeedError(path, "file", "must be a mapping of fields")
    seed = SeedPage(path=path, data=data)
    for required in ("key", "type", "parent"):
        if not data.get(required):
            raise SeedError(path, required, "is required")
    seed.key, seed.parent_key = str(data["key"]), str(data["parent"])
    if data["type"] not in page_types():
        raise SeedError(path, "type", f"unknown page type {data['type']!r}")
    seed.model = page_types()[data["type"]]
    for name in translated.required_fields(seed.model):
        if not is_translation(data.get(name)):
            raise SeedError(
                path, name, "needs a value for every language: " + ", ".join(language_codes())
            )
    for name, value in data.items():
        if name in STRUCTURE_KEYS:
            continue
        try:
            seed.model._meta.get_field(name)
        except Exception:
            raise SeedError(path, name, f"{seed.model.__name__} has no field {name!r}") from None
        if name in translated.translated_fields(seed.model) and not is_translation(value):
            raise SeedError(
                path,
                name,
                "is translated: give a value for every language: " + ", ".join(language_codes()),
            )
        check_all_languages(value, path, name)
        check_length(seed.model, name, value, path, name)
    for code in language_codes():
        slug = data["slug"][code]
        if slug != slugify(slug):
            raise SeedError(path, f"slug.{code}", f"{slug!r} is not a valid slug")
    for name in ("body", *INLINE_ITEMS):
        if name in data:
            if not isinstance(data[name], list):
                raise SeedError(path, name, "must be a list")
            check_all_languages(data[name], path, name)
    for name in INLINE_ITEMS:
        if name in data:
            _check_items(seed, name)
    seed.references = _collect_references(seed)
    seed.checksum = hashlib.sha256(
        json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode()
    ).hexdigest()
    return seed


def item_model(seed_model, name):
    """The model of the inline items a seed file lists under `name` ("events" → TimelineEvent)."""
    relation = getattr(seed_model, INLINE_ITEMS[name], None)
    if relation is None:
        return None
    return relation.rel.related_model


def item_fields(model):
    """The fields a seed file may give for an inline item: the model's own fields, without the
    per-language columns and the loader's plumbing."""
    columns = set(translated.columns(model))
    return {
        f.name
        for f in model._meta.concrete_fields
        if f.name not in columns and f.name not in ITEM_PLUMBING
    }


def item_references(model):
    """Fields of an inline item that name another page by its seed key."""
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, ForeignKey) and issubclass(f.related_model, Page) and f.name != "page"
    ]


def check_length(model, name, value, path, where):
    """A text longer than its column is refused here, naming the file, rather than by the
    database in the middle of loading (PostgreSQL) or not at all (SQLite)."""
    try:
        max_length = getattr(model._meta.get_field(name), "max_length", None)
    except Exception:
        return
    values = value.items() if is_translation(value) else [("", value)]
    for code, text in values:
        if max_length and isinstance(text, str) and len(text) > max_length:
            raise SeedError(
                path,
                f"{where}.{code}" if code else where,
                f"is {len(text)} characters long; the field takes at most {max_length}",
            )


def _check_items(seed, name):
    model = item_model(seed.model, name)
    if model is None:
        raise SeedError(seed.path, name, f"{seed.model.__name__} has no {name}")
    allowed = item_fields(model)
    required = translated.required_fields(model)
    for index, item in enumerate(seed.data.get(name) or []):
        where = f"{name}[{index}]"
        if not isinstance(item, dict):
            raise SeedError(seed.path, where, "must be a mapping")
        unknown = set(item) - allowed
        if unknown:
            raise SeedError(seed.path, where, f"unknown field(s): {', '.join(sorted(unknown))}")
        for field_name, value in item.items():
            check_length(model, field_name, value, seed.path, f"{where}.{field_name}")
        for field_name in translated.translated_fields(model):
            value = item.get(field_name)
            missing = value is None and field_name in required
            if missing or (value is not None and not is_translation(value)):
                raise SeedError(
                    seed.path,
                    f"{where}.{field_name}",
                    "needs a value for every language: " + ", ".join(language_codes()),
                )


def _collect_references(seed):
    refs = {seed.parent_key} if seed.parent_key != ROOT_KEY else set()
    for name in INLINE_ITEMS:
        model = item_model(seed.model, name)
        for item in seed.data.get(name) or []:
            refs.update(item.get(field_name) for field_name in item_references(model))
    return {ref for ref in refs if ref}


def read_seed_dir(directory: Path) -> list[SeedPage]:
    """Parse and cross-check every seed file; raise SeedError on the first problem found."""
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise SeedError(directory, "directory", "contains no *.yaml seed file")
    seeds, by_key = [], {}
    for path in files:
        seed = parse_file(path)
        if seed.key in by_key:
            raise SeedError(path, "key", f"{seed.key!r} is already used by {by_key[seed.key].name}")
        by_key[seed.key] = seed
        seeds.append(seed)
    for seed in seeds:
        for ref in sorted(seed.references):
            if ref not in by_key:
                raise SeedError(seed.path, "references", f"no seed file has key {ref!r}")
    return _parents_first(seeds, by_key)


def _parents_first(seeds, by_key):
    ordered, placed = [], set()

    def place(seed, trail=()):
        if seed.key in placed:
            return
        if seed.key in trail:
            raise SeedError(seed.path, "parent", "pages are each other's parent")
        if seed.parent_key != ROOT_KEY:
            place(by_key[seed.parent_key], trail + (seed.key,))
        placed.add(seed.key)
        ordered.append(seed)

    for seed in seeds:
        place(seed)
    return ordered
