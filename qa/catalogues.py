"""Check the gettext catalogues against the source, in pure Python (no GNU gettext needed).

Messages are extracted the way `manage.py makemessages` does it: templates go through Django's
own `templatize()`, then the gettext calls are read with Babel's Python extractor, using the
keywords Django passes to xgettext.
"""

import io
from pathlib import Path

import polib
from babel.messages.extract import extract
from django.conf import settings
from django.utils.translation.template import templatize

# What `makemessages` is told to skip (README); every other package of the project is read.
IGNORED_DIRS = frozenset({"tests", "scripts", "docs", "node_modules", "locale"})
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def source_dirs(root):
    """The project's Python packages (its apps and the project) and the shared templates."""
    packages = [
        path
        for path in sorted(root.iterdir())
        if (path / "__init__.py").exists() and path.name not in IGNORED_DIRS
    ]
    return [*packages, root / "templates"]


def _source_files(root):
    for directory in source_dirs(root):
        for path in sorted(directory.rglob("*")):
            if path.suffix in (".py", ".html", ".txt") and "__pycache__" not in path.parts:
                yield path


def extract_messages(root=None):
    """{(context, msgid)} for every translatable string in the source."""
    root = Path(root or settings.BASE_DIR)
    messages = set()
    for path in _source_files(root):
        text = path.read_text(encoding="utf-8")
        if path.suffix != ".py":
            # templatize() keeps a template's indentation, which Babel's Python reader takes for
            # Python's and refuses when it is uneven ("unindent does not match"); xgettext, which
            # makemessages runs, ignores it. Its gettext calls are one line each (repr).
            text = templatize(text, origin=str(path))
            text = "\n".join(line.lstrip() for line in text.split("\n"))
        for _lineno, message, _comments, context in extract(
            "python", io.BytesIO(text.encode("utf-8")), keywords=KEYWORDS
        ):
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid:
                messages.add((context, msgid))
    return messages


def catalogue_problems(root=None):
    """Every way the catalogues disagree with the source, as readable lines (empty when fine)."""
    root = Path(root or settings.BASE_DIR)
    expected = extract_messages(root)
    problems = []
    for code, _name in settings.LANGUAGES:
        po_path = root / "locale" / code / "LC_MESSAGES" / "django.po"
        if not po_path.exists():
            problems.append(f"{code}: {po_path} is missing")
            continue
        catalogue = polib.pofile(str(po_path))
        entries = {(e.msgctxt, e.msgid): e for e in catalogue if not e.obsolete}
        for key in sorted(expected - set(entries), key=str):
            problems.append(f"{code}: not in the catalogue (run makemessages): {key[1]!r}")
        for key in sorted(set(entries) - expected, key=str):
            problems.append(f"{code}: no longer in the source (run makemessages): {key[1]!r}")
        for key, entry in entries.items():
            if "fuzzy" in entry.flags or not (entry.msgstr or any(entry.msgstr_plural.values())):
                problems.append(f"{code}: untranslated or fuzzy: {key[1]!r}")
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            problems.append(f"{code}: {mo_path} is missing (run compilemessages)")
            continue
        compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(mo_path)) if e.msgid}
        source = {key: entry.msgstr for key, entry in entries.items() if "fuzzy" not in entry.flags}
        if compiled != source:
            problems.append(
                f"{code}: {mo_path.name} is older than {po_path.name} (run compilemessages)"
            )
    return problems
