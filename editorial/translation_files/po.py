"""gettext PO files, written and read with polib.

One file per page. Each unit is an entry: its id as msgctxt (so two identical French texts stay
two entries), the French text as msgid, the translation as msgstr. Rich text keeps its inline
codes as numbered tags (`Voir <1>le site</1>.`), never as HTML. An extracted comment (`#.`)
says where the text is on the page and carries the source fingerprint; a fuzzy entry counts as
not translated, as gettext tools treat it.
"""

import polib

from .inline import plain_to_tokens, tokens_to_plain
from .reading import FileError, ReadFile, ReadPage, ReadUnit

PAGE_HEADER = "X-Portal-Page"
SOURCE_HEADER = "X-Source-Language"
FINGERPRINT = "source-fingerprint: "


def write(page, source_language, target_language):
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": page.title,
        "Language": target_language,
        SOURCE_HEADER: source_language,
        PAGE_HEADER: str(page.page_id),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for unit in page.units:
        po.append(
            polib.POEntry(
                msgctxt=unit.id,
                msgid=unit.source.plain_form(),
                msgstr=tokens_to_plain(unit.target_tokens) if unit.target_tokens else "",
                comment=f"{unit.location}\n{FINGERPRINT}{unit.fingerprint}",
            )
        )
    return str(po).encode("utf-8")


def read(data):
    try:
        text = data.decode("utf-8")
        if "msgid" not in text or "\n" not in text:
            # polib reads a one-line string naming an existing file as that file: never that.
            raise ValueError("not a PO file")
        po = polib.pofile(text, wrapwidth=0)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise FileError("malformed", str(error)) from error
    page_id = po.metadata.get(PAGE_HEADER, "").strip()
    if not page_id.isdigit():
        raise FileError("unknown_file", page_id)
    units = []
    for entry in po:
        if entry.obsolete:
            continue
        fingerprint = None
        for line in (entry.comment or "").splitlines():
            if line.startswith(FINGERPRINT):
                fingerprint = line.removeprefix(FINGERPRINT).strip()
        translated = entry.msgstr and "fuzzy" not in entry.flags
        units.append(
            ReadUnit(
                id=entry.msgctxt or "",
                fingerprint=fingerprint,
                source_tokens=plain_to_tokens(entry.msgid),
                target_tokens=plain_to_tokens(entry.msgstr) if translated else None,
            )
        )
    if not units:
        raise FileError("empty", "")
    return ReadFile(
        source_language=po.metadata.get(SOURCE_HEADER, "").strip(),
        target_language=po.metadata.get("Language", "").strip(),
        pages=[ReadPage(page_id=int(page_id), units=units)],
    )
