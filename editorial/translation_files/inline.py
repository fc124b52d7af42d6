"""Rich text as a translator sees it: segments of text with numbered inline codes.

Wagtail stores rich text as HTML. A translator must never edit that HTML: each block of text
(a paragraph, a list item, a heading) becomes one *segment*, and the inline markup inside it
(bold, italic, a link, a line break) becomes numbered codes that wrap or sit between the words.
The markup itself stays on the portal's side: on import, a code is turned back into the HTML of
the reference version's code with the same number, so a file can move words and codes around,
drop a code, but never bring HTML, a link target or an attribute of its own.

A segment is a list of tokens: ("text", str), ("start", id), ("end", id) and ("ph", id).
Its plain form, used in PO files and for the source fingerprint, writes the codes as `<1>…</1>`
and `<2/>`.
"""

import hashlib
import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that hold a segment of text, and elements that only group other elements.
TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"})
GROUPS = frozenset({"ul", "ol"})
VOID = frozenset({"br", "embed", "img", "hr", "wbr"})
PLAIN_CODE = re.compile(r"<(/?)(\d+)(/?)>")


class InlineCodeError(ValueError):
    """A translated segment whose codes do not fit its source."""


@dataclass
class Element:
    tag: str
    attrs: list
    children: list = field(default_factory=list)

    def start_html(self):
        attrs = "".join(
            f' {name}="{html.escape(value or "", quote=True)}"' for name, value in self.attrs
        )
        return f"<{self.tag}{attrs}{'/' if self.tag in VOID else ''}>"

    def end_html(self):
        return "" if self.tag in VOID else f"</{self.tag}>"


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("", [])
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, attrs))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _to_html(nodes):
    parts = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(html.escape(node, quote=False))
        else:
            parts.append(node.start_html() + _to_html(node.children) + node.end_html())
    return "".join(parts)


@dataclass
class Segment:
    """One translatable run of text: its tokens, and the HTML of each numbered code."""

    tokens: list
    codes: dict = field(default_factory=dict)  # id → (start or placeholder HTML, end HTML)
    html: str = ""
    rich: bool = True

    @classmethod
    def plain(cls, text):
        return cls(tokens=[("text", text)], html=text, rich=False)

    def plain_form(self):
        return tokens_to_plain(self.tokens)

    def fingerprint(self):
        return hashlib.sha256(self.plain_form().encode("utf-8")).hexdigest()[:16]

    def text(self):
        return "".join(value for kind, value in self.tokens if kind == "text")


def _segment(nodes):
    tokens, codes = [], {}

    def walk(items):
        for node in items:
            if isinstance(node, str):
                tokens.append(("text", node))
                continue
            code = str(len(codes) + 1)
            if node.tag in VOID:
                codes[code] = (node.start_html(), "")
                tokens.append(("ph", code))
            else:
                codes[code] = (node.start_html(), node.end_html())
                tokens.append(("start", code))
                walk(node.children)
                tokens.append(("end", code))

    walk(nodes)
    return Segment(tokens=tokens, codes=codes, html=_to_html(nodes))


def split_rich_text(value):
    """(skeleton, segments): the skeleton is a list of literal HTML strings and segment
    numbers (0, 1, …) in document order."""
    builder = _TreeBuilder()
    builder.feed(value or "")
    builder.close()
    skeleton, segments = [], []

    def flush(run):
        if any(isinstance(node, str) and node.strip() or isinstance(node, Element) for node in run):
            skeleton.append(len(segments))
            segments.append(_segment(run))
        elif run:
            skeleton.append(_to_html(run))

    def walk(children):
        run = []
        for node in children:
            if isinstance(node, Element) and (node.tag in TEXT_BLOCKS or node.tag in GROUPS):
                flush(run)
                run = []
                skeleton.append(node.start_html())
                walk(node.children)
                skeleton.append(node.end_html())
            else:
                run.append(node)
        flush(run)

    walk(builder.root.children)
    return skeleton, segments


def join_rich_text(skeleton, segment_html):
    """The HTML of a rich text from its skeleton and the HTML of each segment."""
    return "".join(part if isinstance(part, str) else segment_html[part] for part in skeleton)


def tokens_to_plain(tokens):
    parts = []
    for kind, value in tokens:
        if kind == "text":
            parts.append(value)
        elif kind == "start":
            parts.append(f"<{value}>")
        elif kind == "end":
            parts.append(f"</{value}>")
        else:
            parts.append(f"<{value}/>")
    return "".join(parts)


def plain_to_tokens(text):
    """Tokens of a segment written in its plain form (`Voir <1>le site</1>.`)."""
    tokens, position = [], 0
    for match in PLAIN_CODE.finditer(text):
        if match.start() > position:
            tokens.append(("text", text[position : match.start()]))
        closing, code, void = match.groups()
        if closing and void:
            tokens.append(("text", match.group(0)))
        else:
            tokens.append(("end" if closing else "ph" if void else "start", code))
        position = match.end()
    if position < len(text):
        tokens.append(("text", text[position:]))
    return tokens


def check_codes(tokens, source):
    """Raise InlineCodeError unless every code of the translation is one of the source's,
    used the same way (wrapping or placeholder), and opened and closed in order."""
    open_codes = []
    for kind, value in tokens:
        if kind == "text":
            continue
        if value not in source.codes:
            raise InlineCodeError(value)
        is_placeholder = source.codes[value][1] == ""
        if (kind == "ph") != is_placeholder:
            raise InlineCodeError(value)
        if kind == "start":
            open_codes.append(value)
        elif kind == "end":
            if not open_codes or open_codes.pop() != value:
                raise InlineCodeError(value)
    if open_codes:
        raise InlineCodeError(open_codes[-1])


def tokens_to_html(tokens, source):
    """The HTML of a translated segment: its words escaped, its codes as the source's HTML
    (a plain-text unit gets its words as they are)."""
    if not source.rich:
        return "".join(value for kind, value in tokens if kind == "text")
    parts = []
    for kind, value in tokens:
        if kind == "text":
            parts.append(html.escape(value, quote=False))
        elif kind == "end":
            parts.append(source.codes[value][1])
        else:
            parts.append(source.codes[value][0])
    return "".join(parts)


def is_blank(tokens):
    return not any(kind != "text" or value.strip() for kind, value in tokens)


def remap_onto(target, source):
    """The target's tokens with its codes renumbered as the source's codes of identical HTML;
    a code the source lacks is dropped (its words are kept)."""
    by_html = {html_pair: code for code, html_pair in source.codes.items()}
    tokens = []
    for kind, value in target.tokens:
        if kind == "text":
            tokens.append((kind, value))
            continue
        code = by_html.get(target.codes[value])
        if code is not None:
            tokens.append((kind, code))
    try:
        check_codes(tokens, source)
    except InlineCodeError:
        return [("text", target.text())]
    return tokens
