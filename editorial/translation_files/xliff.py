"""XLIFF 2.0 (OASIS) files: written with the standard library's ElementTree, read with
defusedxml (a file from outside never expands entities or reaches the network).

No well-kept library writes XLIFF 2.0 with its inline codes: translate-toolkit's young XLIFF 2.0
store maps inline markup through its XLIFF 1.2 placeables, and polib is PO only (see
docs/architecture.md). The structure is the specification's core:

    <xliff version="2.0" srcLang="fr" trgLang="nl">
      <file id="page-12" original="/home/ageing/">
        <unit id="body.<block id>.s1" name="Body › Paragraph">
          <notes><note category="location">…</note><note category="source-fingerprint">…</note></notes>
          <originalData><data id="d1">&lt;b&gt;</data>…</originalData>
          <segment state="initial"><source>Voir <pc id="1" dataRefStart="d1" dataRefEnd="d2">…</pc></source>
          <target/></segment>
        </unit>
"""

import xml.etree.ElementTree as ET

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from .reading import FileError, ReadFile, ReadPage, ReadUnit

NS = "urn:oasis:names:tc:xliff:document:2.0"
FINGERPRINT = "source-fingerprint"
LOCATION = "location"
FILE_PREFIX = "page-"


def q(tag):
    return f"{{{NS}}}{tag}"


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _fill(element, tokens, source, data_ids):
    """Append the tokens to an element as text, <pc> and <ph>."""
    stack = [element]
    for kind, value in tokens:
        parent = stack[-1]
        if kind == "text":
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + value
            else:
                parent.text = (parent.text or "") + value
        elif kind == "end":
            stack.pop()
        elif kind == "ph":
            ET.SubElement(parent, q("ph"), {"id": value, "dataRef": data_ids[value][0]})
        else:
            start_ref, end_ref = data_ids[value]
            attrs = {"id": value, "dataRefStart": start_ref, "dataRefEnd": end_ref}
            stack.append(ET.SubElement(parent, q("pc"), attrs))
    return element


def write(pages, source_language, target_language):
    """One XLIFF 2.0 document, one <file> per page."""
    ET.register_namespace("", NS)
    root = ET.Element(
        q("xliff"), {"version": "2.0", "srcLang": source_language, "trgLang": target_language}
    )
    to_fill = []
    for page in pages:
        file = ET.SubElement(
            root, q("file"), {"id": f"{FILE_PREFIX}{page.page_id}", "original": page.url_path}
        )
        notes = ET.SubElement(file, q("notes"))
        ET.SubElement(notes, q("note"), {"category": "title"}).text = page.title
        for unit in page.units:
            element = ET.SubElement(file, q("unit"), {"id": unit.id, "name": unit.location})
            unit_notes = ET.SubElement(element, q("notes"))
            ET.SubElement(unit_notes, q("note"), {"category": LOCATION}).text = unit.location
            ET.SubElement(unit_notes, q("note"), {"category": FINGERPRINT}).text = unit.fingerprint
            data_ids = {}
            if unit.source.codes:
                original = ET.SubElement(element, q("originalData"))
                for code, (start, end) in unit.source.codes.items():
                    ids = [f"d{code}s"] + ([f"d{code}e"] if end else [])
                    ET.SubElement(original, q("data"), {"id": ids[0]}).text = start
                    if end:
                        ET.SubElement(original, q("data"), {"id": ids[1]}).text = end
                    data_ids[code] = tuple(ids) if end else (ids[0],)
            has_target = unit.target_tokens is not None
            segment = ET.SubElement(
                element, q("segment"), {"state": "translated" if has_target else "initial"}
            )
            source = ET.SubElement(segment, q("source"), {XML_SPACE: "preserve"})
            to_fill.append((source, unit.source.tokens, unit.source, data_ids))
            if has_target:
                target = ET.SubElement(segment, q("target"), {XML_SPACE: "preserve"})
                to_fill.append((target, unit.target_tokens, unit.source, data_ids))
    # Indent the structure first: indenting never reaches into a source or target's words.
    ET.indent(root, space="  ")
    for arguments in to_fill:
        _fill(*arguments)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _tokens(element):
    """Tokens of a <source> or <target>: text, <pc> and <ph> (annotations <mrk> are read
    through); any other inline element (<sc>, <ec>, <sm>…) is refused."""
    tokens = []
    if element.text:
        tokens.append(("text", element.text))
    for child in element:
        tag = child.tag.removeprefix(f"{{{NS}}}")
        code = child.get("id", "")
        if tag == "pc":
            tokens.append(("start", code))
            tokens.extend(_tokens(child))
            tokens.append(("end", code))
        elif tag == "ph":
            tokens.append(("ph", code))
        elif tag == "mrk":
            tokens.extend(_tokens(child))
        else:
            raise FileError("inline", tag)
        if child.tail:
            tokens.append(("text", child.tail))
    return tokens


def _segments_tokens(unit, part):
    """The tokens of all the unit's <segment>s' source or target, or None if none has one."""
    tokens, found = [], False
    for segment in unit:
        if segment.tag not in (q("segment"), q("ignorable")):
            continue
        element = segment.find(q(part))
        if element is not None:
            found = True
            tokens.extend(_tokens(element))
    return tokens if found else None


def read(data):
    try:
        root = SafeET.fromstring(data)
    except (ET.ParseError, DefusedXmlException, ValueError) as error:
        raise FileError("malformed", str(error)) from error
    if root.tag != q("xliff") or root.get("version") != "2.0":
        raise FileError("not_xliff2", root.tag)
    pages = []
    for file in root.findall(q("file")):
        file_id = file.get("id", "")
        page_id = file_id.removeprefix(FILE_PREFIX)
        if not file_id.startswith(FILE_PREFIX) or not page_id.isdigit():
            raise FileError("unknown_file", file_id)
        units = []
        for unit in file.iter(q("unit")):
            fingerprint = None
            for note in unit.iterfind(f"{q('notes')}/{q('note')}"):
                if note.get("category") == FINGERPRINT:
                    fingerprint = (note.text or "").strip()
            units.append(
                ReadUnit(
                    id=unit.get("id", ""),
                    fingerprint=fingerprint,
                    source_tokens=_segments_tokens(unit, "source"),
                    target_tokens=_segments_tokens(unit, "target"),
                )
            )
        pages.append(ReadPage(page_id=int(page_id), units=units))
    if not pages:
        raise FileError("empty", "")
    return ReadFile(
        source_language=root.get("srcLang", ""),
        target_language=root.get("trgLang", ""),
        pages=pages,
    )
