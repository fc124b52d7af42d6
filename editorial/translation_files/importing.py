"""Importing a translated file: read it, check it against the pages as they stand, show what
will change, and apply it as one draft revision per page — all or nothing.

Nothing is written unless every page and every unit of the file passes: a file that cannot be
read, is for another language or page, names a field or block that no longer exists, carries a
source text that changed since the export, or misuses an inline code is refused with a message
in the editor's language. Applying never publishes: the draft goes through the usual workflow.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from core import translated
from core.languages import default_language, language_codes

from ..models import TranslationStatus
from ..translation_status import mark_up_to_date
from . import po, xliff
from .inline import InlineCodeError, check_codes, is_blank, tokens_to_html, tokens_to_plain
from .reading import FileError
from .units import latest, page_units, walk_page

MAX_FILE_SIZE = 5 * 1024 * 1024


def language_name(code):
    return str(dict(settings.LANGUAGES).get(code, code or "?"))


def file_error_message(error):
    messages = {
        "malformed": _("The file cannot be read: it is not a well-formed XLIFF 2.0 or PO file."),
        "not_xliff2": _(
            "This XML file is not XLIFF 2.0. Ask the translator for XLIFF 2.0 or a PO file."
        ),
        "unknown_file": _(
            "The file does not say which page of the portal it belongs to. "
            "Import a file exported from the portal."
        ),
        "empty": _("The file holds no text to import."),
        "inline": _("The file uses an inline code the portal does not know: <%(code)s>.")
        % {"code": error.detail},
        "too_big": _("The file is too large to be a translation of pages of the portal."),
    }
    return messages.get(error.code, messages["malformed"])


def read_any(data):
    """Read an XLIFF 2.0 or PO file, told apart by its content (an XML document or not)."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"<":
        return xliff.read(data)
    return po.read(data)


@dataclass
class Change:
    location: str
    before: str
    after: str


@dataclass
class PagePlan:
    page: Page
    title: str
    writes: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    untranslated: int = 0
    emptied: int = 0  # untranslated, and no text yet in the target language
    complete: bool = False

    @property
    def kept(self):
        return self.untranslated - self.emptied


@dataclass
class Plan:
    language: str
    pages: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def changes_count(self):
        return sum(len(page.changes) for page in self.pages)


def _shown(tokens):
    return "".join(value for kind, value in tokens if kind == "text")


def _check_page(plan, read_page, user, language):
    page = Page.objects.filter(pk=read_page.page_id).first()
    if page is None:
        plan.errors.append(
            _("Page %(id)s named in the file no longer exists.") % {"id": read_page.page_id}
        )
        return
    page = latest(page)
    title = page.get_admin_display_title()
    if not page.permissions_for_user(user).can_edit():
        plan.errors.append(_("You may not edit the page “%(title)s”.") % {"title": title})
        return
    sources = {unit.id: unit for unit in page_units(page, default_language())}
    targets = {unit.id: unit for unit in page_units(page, language, align_with=default_language())}
    translations, errors = {}, []
    for read_unit in read_page.units:
        unit = sources.get(read_unit.id)
        if unit is None:
            errors.append(
                _(
                    "“%(title)s”: the file has a text (%(unit)s) for a field or block that no "
                    "longer exists on the page."
                )
                % {"title": title, "unit": read_unit.id}
            )
            continue
        source_now = unit.segment.fingerprint()
        if read_unit.fingerprint:
            unchanged = read_unit.fingerprint == source_now
        else:
            unchanged = read_unit.source_tokens is not None and (
                tokens_to_plain(read_unit.source_tokens) == unit.segment.plain_form()
            )
        if not unchanged:
            errors.append(
                _(
                    "“%(title)s”, %(location)s: the text in %(source)s changed since the export. "
                    "Export the page again to have the new text translated."
                )
                % {
                    "title": title,
                    "location": unit.location_text(),
                    "source": language_name(default_language()),
                }
            )
            continue
        tokens = read_unit.target_tokens
        if tokens is None or is_blank(tokens):
            continue
        try:
            check_codes(tokens, unit.segment)
        except InlineCodeError as error:
            errors.append(
                _(
                    "“%(title)s”, %(location)s: the translation's inline code %(code)s does not "
                    "match the formatting of the original text."
                )
                % {"title": title, "location": unit.location_text(), "code": error.args[0]}
            )
            continue
        translations[read_unit.id] = tokens
    if errors:
        plan.errors.extend(errors)
        return

    def translate(unit):
        tokens = translations.get(unit.id)
        if tokens is not None:
            return tokens_to_html(tokens, unit.segment)
        current = targets.get(unit.id)
        return current.segment.html if current else None

    page_plan = PagePlan(page=page, title=title)
    _units, page_plan.writes = walk_page(page, default_language(), translate)
    for unit_id, unit in sources.items():
        tokens = translations.get(unit_id)
        current = targets.get(unit_id)
        if tokens is None:
            page_plan.untranslated += 1
            page_plan.emptied += current is None
            continue
        before = current.segment if current else None
        if before is None or before.plain_form() != tokens_to_plain(tokens):
            page_plan.changes.append(
                Change(
                    location=unit.location_text(),
                    before=before.text() if before else "",
                    after=_shown(tokens),
                )
            )
    page_plan.complete = page_plan.untranslated == 0
    plan.pages.append(page_plan)


def check(name, data, user, language, page_id=None):
    """The plan of an import: its errors, or what it changes on each page."""
    plan = Plan(language=language)
    if len(data) > MAX_FILE_SIZE:
        plan.errors.append(file_error_message(FileError("too_big")))
        return plan
    try:
        read_file = read_any(data)
    except FileError as error:
        plan.errors.append(file_error_message(error))
        return plan
    if read_file.source_language != default_language():
        plan.errors.append(
            _(
                "The file translates from %(found)s; the portal's reference language is %(expected)s."
            )
            % {
                "found": language_name(read_file.source_language),
                "expected": language_name(default_language()),
            }
        )
    if read_file.target_language != language:
        known = read_file.target_language in language_codes()
        plan.errors.append(
            _("This file holds a translation into %(found)s, not into %(expected)s.")
            % {
                "found": language_name(read_file.target_language)
                if known
                else read_file.target_language or "?",
                "expected": language_name(language),
            }
        )
    if plan.errors:
        return plan
    for read_page in read_file.pages:
        if page_id is not None and read_page.page_id != page_id:
            plan.errors.append(
                _("This file is for another page (number %(id)s). Import it from that page.")
                % {"id": read_page.page_id}
            )
            continue
        _check_page(plan, read_page, user, language)
    return plan


def apply(plan, user):
    """Write the plan as one draft revision per changed page, all or nothing. A page whose every
    text the file translates, without changing any, is marked up to date: the translator
    checked it against the current reference version."""
    revisions = []
    with transaction.atomic():
        for page_plan in plan.pages:
            if page_plan.changes:
                for obj, name, value in page_plan.writes:
                    setattr(obj, translated.column(name, plan.language), value)
                revisions.append(
                    page_plan.page.save_revision(user=user, log_action=True, clean=False)
                )
            elif page_plan.complete:
                status = TranslationStatus.objects.filter(
                    page_id=page_plan.page.pk, language=plan.language
                ).first()
                if status is not None:
                    mark_up_to_date(status)
    return revisions
