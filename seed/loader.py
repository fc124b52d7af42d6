"""Write the checked seed files into the page tree, in one transaction.

Idempotent: stable keys (SeedRecord), never a duplicate, never a deletion, and never a page an
editor changed since the last load (unless forced). Which fields are translated comes from the
registry (core.translated).
"""

import datetime
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DateField
from django.utils import translation
from django.utils.html import escape
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from core import translated
from core.languages import default_language, keep_lang_spans, language_codes

from .models import SeedRecord
from .schema import (
    INLINE_ITEMS,
    ROOT_KEY,
    STRUCTURE_KEYS,
    LoadReport,
    SeedError,
    is_translation,
    item_model,
    item_references,
    localise,
    read_seed_dir,
)


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
            records = {record.key: record for record in SeedRecord.objects.select_related("page")}
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
        # Wagtail caches which page is the root of which site; the load may have changed it.
        Site.clear_site_root_paths_cache()
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
        SeedRecord.objects.update_or_create(
            key=seed.key,
            defaults={"page": page, "revision_id": revision.pk, "checksum": seed.checksum},
        )
        return "created" if record is None else "updated"

    def _set_page_fields(self, page, seed, with_body=True):
        data = seed.data
        default = default_language()
        page.show_in_menus = bool(data.get("show_in_menus", False))
        for name, value in data.items():
            if name in STRUCTURE_KEYS:
                continue
            if is_translation(value):
                for code in language_codes():
                    setattr(page, translated.column(name, code), value[code])
                setattr(page, name, value[default])
            else:
                setattr(page, name, value)
        if with_body and "body" in data:
            for code in language_codes():
                stream = self._stream(seed, code)
                setattr(page, translated.column("body", code), stream)
            page.body = translated.value(page, "body", default)

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
            paragraphs = [p.strip() for p in value.split("\n\n") if p.strip()]
            return "".join(f"<p>{plain_with_links(p)}</p>" for p in paragraphs)
        if block_type == "related_pages":
            return {**value, "pages": [self.pages[key].pk for key in value.get("pages", [])]}
        return value

    def _set_children(self, page, seed):
        for name, accessor in INLINE_ITEMS.items():
            if name in seed.data:
                model = item_model(seed.model, name)
                items = [
                    self._item(seed, f"{name}[{index}]", model, item)
                    for index, item in enumerate(seed.data[name])
                ]
                setattr(page, accessor, items)

    def _item(self, seed, where, model, item):
        """One inline item: translated fields per language, page references by seed key."""
        references = item_references(model)
        kwargs = {}
        for name, value in item.items():
            if name in references:
                kwargs[name] = self.pages[value] if value else None
            elif is_translation(value):
                for code in language_codes():
                    kwargs[translated.column(name, code)] = value[code]
                kwargs[name] = value[default_language()]
            else:
                kwargs[name] = self._plain_value(seed, f"{where}.{name}", model, name, value)
        instance = model(**kwargs)
        try:
            instance.clean()  # the item's own rules: series data, end year after start…
        except ValidationError as error:
            raise SeedError(seed.path, where, _describe(error)) from None
        return instance

    def _plain_value(self, seed, where, model, name, value):
        model_field = model._meta.get_field(name)
        if isinstance(model_field, DateField):
            if isinstance(value, int):  # a year alone
                value = datetime.date(value, 1, 1)
            if not isinstance(value, datetime.date):
                raise SeedError(seed.path, where, f"{value!r} is not a date (YYYY-MM-DD)")
        if name == "data" and isinstance(value, list):  # data series as [[label, value], …]
            value = "\n".join(f"{label};{number}" for label, number in value)
        try:
            model_field.clean(value, None)
        except ValidationError as error:
            raise SeedError(seed.path, where, _describe(error)) from None
        return value


# A link in a plain paragraph: [text](/fr/qui-fait-quoi/#onss) or [text](https://…).
PLAIN_LINK = re.compile(r"\[([^\[\]]+)\]\(((?:/|https://)[^()\s]*)\)")


def plain_with_links(text):
    """Plain text, escaped, with its [text](address) links made into HTML links and its
    <span lang="xx"> marks kept (core.languages.keep_lang_spans)."""
    parts, last = [], 0
    for match in PLAIN_LINK.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f'<a href="{escape(match.group(2))}">{escape(match.group(1))}</a>')
        last = match.end()
    parts.append(escape(text[last:]))
    return keep_lang_spans("".join(parts))


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
