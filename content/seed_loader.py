"""Read the curated seed files in content/seed/ and build or update the page tree from them.

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
settings.LANGUAGES. Loading is two-phase: every file is parsed and checked first, then the whole
tree is written in one transaction, so a bad file changes nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from portal.languages import default_language, language_codes

from . import models as content_models

ROOT_KEY = "root"
PAGE_TYPES = {
    name: getattr(content_models, name)
    for name in (
        "HomePage",
        "ThemePage",
        "TimelinePage",
        "KeyFiguresPage",
        "PublicationIndexPage",
        "PublicationPage",
        "StandardPage",
        "FormPage",
    )
}
# Keys with a meaning of their own; every other key must be a field of the page model.
STRUCTURE_KEYS = {
    "key",
    "type",
    "parent",
    "sources",
    "source_notes",
    "body",
    "events",
    "series",
    "form_fields",
    "show_in_menus",
}
REQUIRED_TRANSLATED = ("title", "slug")
EVENT_FIELDS = {"date", "precision", "end_year", "era", "headline", "text", "theme", "source"}
SERIES_FIELDS = {
    "key",
    "title",
    "description",
    "unit",
    "label_heading",
    "data",
    "source",
    "note",
}
FORM_FIELD_FIELDS = {"label", "help_text", "field_type", "required", "choices", "default_value"}


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
    if data["type"] not in PAGE_TYPES:
        raise SeedError(path, "type", f"unknown page type {data['type']!r}")
    seed.model = PAGE_TYPES[data["type"]]
    for name in REQUIRED_TRANSLATED:
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
        check_all_languages(value, path, name)
    for code in language_codes():
        slug = data["slug"][code]
        if slug != slugify(slug):
            raise SeedError(path, f"slug.{code}", f"{slug!r} is not a valid slug")
    for name in ("body", "events", "series", "form_fields", "sources"):
        if name in data:
            if not isinstance(data[name], list):
                raise SeedError(path, name, "must be a list")
            check_all_languages(data[name], path, name)
    _check_keys(seed, "events", EVENT_FIELDS)
    _check_keys(seed, "series", SERIES_FIELDS)
    _check_keys(seed, "form_fields", FORM_FIELD_FIELDS)
    seed.references = _collect_references(seed)
    seed.checksum = hashlib.sha256(
        json.dumps(data, sort_keys=True, default=str, ensure_ascii=False).encode()
    ).hexdigest()
    return seed


def _check_keys(seed, name, allowed):
    for index, item in enumerate(seed.data.get(name) or []):
        if not isinstance(item, dict):
            raise SeedError(seed.path, f"{name}[{index}]", "must be a mapping")
        unknown = set(item) - allowed
        if unknown:
            raise SeedError(
                seed.path, f"{name}[{index}]", f"unknown field(s): {', '.join(sorted(unknown))}"
            )


def _collect_references(seed):
    refs = {seed.parent_key} if seed.parent_key != ROOT_KEY else set()
    for source in seed.data.get("sources") or []:
        refs.add(source.get("publication"))
    for event in seed.data.get("events") or []:
        refs.update(filter(None, (event.get("theme"), event.get("source"))))
    for series in seed.data.get("series") or []:
        refs.update(filter(None, (series.get("source"),)))
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


class SeedLoader:
    def __init__(self, directory, force=False, progress=None):
        self.directory = Path(directory)
        self.force = force
        self.progress = progress or (lambda message: None)
        self.pages = {}

    def load(self) -> LoadReport:
        seeds = read_seed_dir(self.directory)
        report = LoadReport()
        with translation.override(default_language()), transaction.atomic():
            records = {
                record.key: record
                for record in content_models.SeedRecord.objects.select_related("page")
            }
            # Phase 1: every page exists, so references between pages can resolve.
            for seed in seeds:
                record = records.get(seed.key)
                if record is not None:
                    self.pages[seed.key] = record.page.specific
                else:
                    self.pages[seed.key] = self._create(seed)
            # Phase 2: write content and publish, one revision per changed page.
            total = len(seeds)
            for number, seed in enumerate(seeds, start=1):
                outcome = self._apply(seed, records.get(seed.key))
                getattr(report, outcome).append(seed.key)
                self.progress(f"[{number}/{total}] {seed.key}: {outcome}")
        cache.clear()
        return report

    def _create(self, seed):
        page = seed.model()
        self._set_page_fields(page, seed, with_body=False)
        page.live = False
        if seed.parent_key == ROOT_KEY:
            parent = self._tree_root()
        else:
            parent = self.pages[seed.parent_key]
        parent.add_child(instance=page)
        if seed.parent_key == ROOT_KEY:
            self._make_site_root(page)
        return page

    def _tree_root(self):
        """Wagtail's invisible root node (and default locale), made if the database has none."""
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(default_language())
        )
        root = Page.get_first_root_node()
        if root is None:
            root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
        return root

    def _make_site_root(self, page):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=page, is_default_site=True)
            return
        placeholder = site.root_page
        site.root_page = page
        site.save()
        # Wagtail's own "Welcome to your new Wagtail site!" page has nothing of ours in it.
        if type(placeholder.specific) is Page and not placeholder.get_children().exists():
            placeholder.delete()

    def _apply(self, seed, record):
        page = self.pages[seed.key]
        if record is not None:
            editor_changed = page.latest_revision_id != record.revision_id
            if editor_changed and not self.force:
                return "skipped"
            if record.checksum == seed.checksum and not editor_changed and not self.force:
                return "unchanged"
        self._set_page_fields(page, seed)
        self._set_children(page, seed)
        try:
            page.full_clean()
        except ValidationError as error:
            raise SeedError(
                seed.path,
                "page",
                "; ".join(
                    f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
                ),
            ) from None
        revision = page.save_revision(log_action=True)
        revision.publish()
        content_models.SeedRecord.objects.update_or_create(
            key=seed.key,
            defaults={"page": page, "revision_id": revision.pk, "checksum": seed.checksum},
        )
        return "created" if record is None else "updated"

    def _set_page_fields(self, page, seed, with_body=True):
        data = seed.data
        default = default_language()
        for name in ("title", "slug"):
            for code in language_codes():
                setattr(page, f"{name}_{code}", data[name][code])
            setattr(page, name, data[name][default])
        page.show_in_menus = bool(data.get("show_in_menus", False))
        for name, value in data.items():
            if name in STRUCTURE_KEYS or name in ("title", "slug"):
                continue
            if is_translation(value):
                for code in language_codes():
                    setattr(page, f"{name}_{code}", value[code])
                setattr(page, name, value[default])
            else:
                setattr(page, name, value)
        if with_body and "body" in data:
            for code in language_codes():
                stream = self._stream(seed, code)
                setattr(page, f"body_{code}", stream)
            page.body = getattr(page, f"body_{default}")

    def _stream(self, seed, language):
        block = seed.model._meta.get_field("body").stream_block
        raw = []
        for index, item in enumerate(seed.data["body"]):
            where = f"body[{index}]"
            if not isinstance(item, dict) or "type" not in item or "value" not in item:
                raise SeedError(seed.path, where, "each block needs a type and a value")
            if item["type"] not in block.child_blocks:
                raise SeedError(seed.path, f"{where}.type", f"unknown block type {item['type']!r}")
            value = localise(item["value"], language, seed.path, where)
            raw.append({"type": item["type"], "value": self._block_value(item["type"], value)})
        try:
            value = block.to_python(raw)
            return block.clean(value)
        except ValidationError as error:
            raise SeedError(seed.path, f"body ({language})", _describe(error)) from None
        except Exception as error:  # malformed block values surface as various errors
            raise SeedError(seed.path, f"body ({language})", str(error)) from None

    def _block_value(self, block_type, value):
        if (
            block_type == "paragraph"
            and isinstance(value, str)
            and not value.lstrip().startswith("<")
        ):
            from django.utils.html import escape

            paragraphs = [p.strip() for p in value.split("\n\n") if p.strip()]
            return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        if block_type == "related_pages":
            return {**value, "pages": [self.pages[key].pk for key in value.get("pages", [])]}
        return value

    def _set_children(self, page, seed):
        data = seed.data
        if "sources" in data:
            page.source_citations = [
                content_models.SourceCitation(
                    publication=self.pages[source["publication"]],
                    **self._translated_kwargs(source, ("detail",)),
                )
                for source in data["sources"]
            ]
        if "events" in data:
            page.events = [self._event(seed, event) for event in data["events"]]
        if "series" in data:
            page.series = [
                self._series(seed, index, series) for index, series in enumerate(data["series"])
            ]
        if "form_fields" in data:
            page.form_fields = [
                content_models.FormField(
                    field_type=item.get("field_type", "singleline"),
                    required=bool(item.get("required", False)),
                    **self._translated_kwargs(
                        item, ("label", "help_text", "choices", "default_value")
                    ),
                )
                for item in data["form_fields"]
            ]

    def _translated_kwargs(self, item, names):
        kwargs = {}
        for name in names:
            value = item.get(name)
            if value is None:
                continue
            if is_translation(value):
                kwargs.update({f"{name}_{code}": value[code] for code in language_codes()})
                kwargs[name] = value[default_language()]
            else:
                kwargs[name] = value
        return kwargs

    def _event(self, seed, event):
        date = event.get("date")
        if isinstance(date, int):
            date = datetime.date(date, 1, 1)
        if not isinstance(date, datetime.date):
            raise SeedError(seed.path, "events.date", f"{date!r} is not a date (YYYY-MM-DD)")
        return content_models.TimelineEvent(
            date=date,
            precision=event.get("precision", "day"),
            end_year=event.get("end_year"),
            theme=self.pages[event["theme"]] if event.get("theme") else None,
            source=self.pages[event["source"]] if event.get("source") else None,
            **self._translated_kwargs(event, ("era", "headline", "text")),
        )

    def _series(self, seed, index, series):
        data = series.get("data")
        if isinstance(data, list):
            data = "\n".join(f"{label};{value}" for label, value in data)
        try:
            content_models.parse_series_data(data)
        except ValidationError as error:
            raise SeedError(seed.path, f"series[{index}].data", _describe(error)) from None
        return content_models.DataSeries(
            key=series["key"],
            data=data,
            source=self.pages[series["source"]] if series.get("source") else None,
            **self._translated_kwargs(
                series, ("title", "description", "unit", "label_heading", "note")
            ),
        )


def _describe(error):
    """A block validation error as "body[3].value: message" lines a person can act on."""
    if hasattr(error, "as_json_data"):
        lines = []

        def walk(data, where):
            for message in data.get("messages", []):
                lines.append(f"{where}: {message}" if where else message)
            children = data.get("blockErrors", {})
            items = children.items() if isinstance(children, dict) else enumerate(children)
            for key, child in items:
                if child:
                    walk(child, f"{where}[{key}]" if str(key).isdigit() else f"{where}.{key}")

        walk(error.as_json_data(), "body")
        return "; ".join(lines) or str(error)
    return " ".join(getattr(error, "messages", [str(error)]))
