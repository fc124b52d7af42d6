"""Which languages of each page need translating, kept current as revisions are saved.

The rule (also in docs/editors.md): each time a revision of a page is saved — a draft, a
submission, a publication, `load_content` — the values of every translated field of each
language, on the page and on its inline items (timeline events, data series, sources, form
fields), are fingerprinted. When a language's fingerprint differs from the one recorded, that
language counts as edited at the revision's time. Then, for every language other than the
default one:

- a field is *missing* when it has a value in the default language and none in this language;
- the language is *outdated* when it was last edited before the default language was.

An editor who checked that a translation still holds after a change in the default language can
mark it up to date in the report, which records it as edited now. The result is stored per page
and language (`TranslationStatus`), so the report and the dashboard read it in a few queries.
"""

import hashlib
import html
import json
import re

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.text import capfirst
from wagtail.models import Page, Revision

from core import translated
from core.languages import default_language, language_codes

from .models import TranslationStatus

# Rich text is compared by its words and link targets: how the editor's widget serialises it
# (<b> or <strong>, block keys, spaces between tags) is not an edit to translate.
HTML_TAG = re.compile(r"<[^>]*>")
LINK_TARGET = re.compile(r'<a\s[^>]*?\b(?:href|id)="([^"]*)"')


translated_fields = translated.translated_fields
translated_child_relations = translated.child_relations


def is_tracked(model):
    return bool(model and issubclass(model, Page) and translated_fields(model))


def _normalised(value):
    """The value as a translator sees it: streams without block ids, rich text as words and
    link targets."""
    if isinstance(value, str) and value.startswith("["):
        try:
            value = json.loads(value)
        except ValueError:
            pass
    if isinstance(value, list):
        return [_normalised(item) for item in value]
    if isinstance(value, dict):
        return {key: _normalised(item) for key, item in value.items() if key != "id"}
    if isinstance(value, str):
        return _normalised_text(value)
    if value is None:
        return ""
    return value


def _normalised_text(text):
    words = " ".join(html.unescape(HTML_TAG.sub(" ", text)).split())
    targets = LINK_TARGET.findall(text)
    return f"{words} {targets}" if targets else words


def _is_empty(value):
    return value in ("", None) or value == [] or value == {}


def language_snapshot(model, content, language):
    """{field key: normalised value} of one language in serialised page content."""
    snapshot = {}
    for name in translated_fields(model):
        snapshot[name] = _normalised(content.get(translated.column(name, language)))
    for accessor, _child_model, fields in translated_child_relations(model):
        for position, item in enumerate(content.get(accessor) or []):
            for name in fields:
                snapshot[f"{accessor}.{position}.{name}"] = _normalised(
                    item.get(translated.column(name, language))
                )
    return snapshot


def _digest(snapshot):
    encoded = json.dumps(snapshot, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _field_key(key):
    """ "events.3.headline" → "events.headline": one entry per field, whichever item."""
    parts = key.split(".")
    return f"{parts[0]}.{parts[-1]}" if len(parts) == 3 else key


def missing_fields(default_snapshot, snapshot):
    """Field keys with a value in the default language and none in this one, without repeats."""
    missing = []
    for key, default_value in default_snapshot.items():
        if not _is_empty(default_value) and _is_empty(snapshot.get(key)):
            field_key = _field_key(key)
            if field_key not in missing:
                missing.append(field_key)
    return missing


def field_label(model, field_key):
    """A readable label for a field key: "Title", "Timeline events: headline"."""
    if "." not in field_key:
        return capfirst(model._meta.get_field(field_key).verbose_name)
    accessor, name = field_key.split(".")
    for relation_accessor, child_model, _fields in translated_child_relations(model):
        if relation_accessor == accessor:
            items = capfirst(child_model._meta.verbose_name_plural)
            return f"{items}: {child_model._meta.get_field(name).verbose_name}"
    return field_key


def update_statuses(page_id, model, content, edited_at):
    """Record where each language of the page stands after this content was saved."""
    default = default_language()
    snapshots = {code: language_snapshot(model, content, code) for code in language_codes()}
    existing = {
        status.language: status for status in TranslationStatus.objects.filter(page_id=page_id)
    }
    statuses = {}
    for code, snapshot in snapshots.items():
        status = existing.get(code) or TranslationStatus(page_id=page_id, language=code)
        digest = _digest(snapshot)
        if status.content_digest != digest:
            status.content_digest = digest
            status.edited_at = edited_at
        status.title = (content.get(translated.column("title", code)) or "")[:255]
        status.missing_fields = (
            [] if code == default else missing_fields(snapshots[default], snapshot)
        )
        statuses[code] = status
    default_edited_at = statuses[default].edited_at
    for code, status in statuses.items():
        status.outdated = code != default and status.edited_at < default_edited_at
        status.needs_translation = status.outdated or bool(status.missing_fields)
    new = [status for status in statuses.values() if status.pk is None]
    changed = [status for status in statuses.values() if status.pk is not None]
    TranslationStatus.objects.bulk_create(new)
    TranslationStatus.objects.bulk_update(
        changed,
        ["title", "content_digest", "edited_at", "missing_fields", "outdated", "needs_translation"],
    )
    return statuses


def record_page_revision(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    if is_tracked(model):
        update_statuses(int(instance.object_id), model, instance.content, instance.created_at)


def ensure_statuses(**kwargs):
    """Compute the status of pages that have none yet (pages from before this was recorded).

    Run after `migrate` (EditorialConfig connects it to post_migrate), never while a report is
    being read: a GET request writes nothing."""
    pages = list(
        Page.objects.filter(depth__gt=1)
        .filter(~Exists(TranslationStatus.objects.filter(page=OuterRef("pk"))))
        .only("pk", "content_type_id", "latest_revision_id")
    )
    if not pages:
        return
    revisions = Revision.objects.in_bulk(
        [page.latest_revision_id for page in pages if page.latest_revision_id]
    )
    for page in pages:
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        if not is_tracked(model):
            continue
        revision = revisions.get(page.latest_revision_id)
        if revision is not None:
            content, edited_at = revision.content, revision.created_at
        else:
            specific = page.specific
            content = specific.serializable_data()
            edited_at = specific.latest_revision_created_at or timezone.now()
        update_statuses(page.pk, model, content, edited_at)


def mark_up_to_date(status):
    """An editor checked that this translation still matches the default language."""
    status.edited_at = timezone.now()
    status.outdated = False
    status.needs_translation = bool(status.missing_fields)
    status.save(update_fields=["edited_at", "outdated", "needs_translation"])


def pages_needing_translation():
    """Pages that have at least one language to translate or to check, as a queryset."""
    return Page.objects.filter(
        depth__gt=1,
        pk__in=TranslationStatus.objects.filter(needs_translation=True).values("page_id"),
    )
