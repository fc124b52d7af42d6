"""A query read as PostgreSQL's `websearch_to_tsquery` reads it, for the SQLite search.

On PostgreSQL the search asks `websearch_to_tsquery` (querying.py); SQLite has no such function,
so its rules are followed here, step for step with PostgreSQL's own (src/backend/utils/adt/
tsquery.c, to_tsquery.c, tsquery_cleanup.c), giving the same tree of terms:

- `"…"` is a phrase: the text up to the next quote (or the end of the query) is one value, so
  `-` and `or` inside are plain text;
- `or` between two words, in any case, is OR (not at the start or the end, not followed by a
  letter, a digit, `-` or `_`); words side by side are AND, which binds tighter than OR;
- `-` before a word or a phrase is NOT (`--word` is NOT NOT word);
- `!&|()<` are spaces; any other text up to a space, a quote, one of those or a `:` is one
  value (a `:` may start one), whose words (stemming.slots: a hyphenated word whole, then its
  parts) are a phrase of their own, a stop word leaving a gap;
- stop words are then removed the way tsquery_cleanup.c does: an operator with one side gone is
  its other side, a phrase keeping the gap; a NOT of nothing is nothing. A query of stop words
  only (or of no words) is empty and matches no page.

A tree is a tuple: ("term", stem), ("not", tree), ("and" | "or", left, right) or
("phrase", left, right, distance).
"""

import re

from . import stemming

OPERATOR_CHARACTERS = "!&|()<"
VALUE_END = OPERATOR_CHARACTERS + '":'
# PostgreSQL's operator priorities (ts_type.h): NOT binds tighter than a phrase, then AND, OR.
PRIORITY = {"not": 4, "phrase": 3, "and": 2, "or": 1}
STOP = ("stop",)


def _is_or(text, index):
    """PostgreSQL's parse_or_operator: "or" at `index`, as an operator."""
    if text[index : index + 2].lower() != "or":
        return False
    after = index + 2
    if after >= len(text):
        return False
    if text[after] in "-_" or text[after].isalnum():
        return False
    after += 1
    while after < len(text) and text[after].isspace():
        after += 1
    return after < len(text)


def _tokens(text):
    """What gettoken_query_websearch returns: ("value", text) and ("op", name, distance); text in
    quotes (up to the next quote, or to the end) is one value."""
    index, waiting_operand = 0, True
    while index < len(text):
        character = text[index]
        if waiting_operand:
            if character == "-":
                index += 1
                yield ("op", "not", 0)
            elif character == '"':
                end = text.find('"', index + 1)
                end = len(text) if end < 0 else end
                yield ("value", text[index + 1 : end])
                index, waiting_operand = end + 1, False
            elif character in OPERATOR_CHARACTERS or character.isspace():
                index += 1
            else:
                end = index + 1  # a value may start with ":", not go on after one
                while end < len(text) and not (text[end].isspace() or text[end] in VALUE_END):
                    end += 1
                yield ("value", text[index:end])
                index, waiting_operand = end, False
        elif _is_or(text, index):
            index += 2
            waiting_operand = True
            yield ("op", "or", 0)
        elif character in OPERATOR_CHARACTERS or character.isspace():
            index += 1
        else:
            waiting_operand = True
            yield ("op", "and", 0)
    if waiting_operand:
        yield ("stop",)  # an operator waiting for its operand at the end


def _value(text, language):
    """pushval_morph: the words of one value, a phrase with a gap per stop word between them;
    STOP when it has none."""
    slots = stemming.slots(text, language)
    while slots and not slots[-1]:
        slots.pop()
    tree, gap = None, 0
    for term in slots:
        if not term:
            gap += 1 if tree else 0
            continue
        if tree is None:
            tree = ("term", term)
        else:
            for _ in range(gap):
                tree = ("phrase", tree, STOP, 1)
            tree = ("phrase", tree, ("term", term), 1)
        gap = 0
    return tree or STOP


def _parse(tokens, language):
    """makepol: the operands and operators, by priority, as a tree."""
    operands, operators = [], []

    def apply(operator):
        name, distance = operator
        if name == "not":
            operands.append(("not", operands.pop() if operands else STOP))
            return
        right = operands.pop() if operands else STOP
        left = operands.pop() if operands else STOP
        operands.append(
            ("phrase", left, right, distance) if name == "phrase" else (name, left, right)
        )

    def reduce(priority, right_associative=False):
        while operators:
            top = PRIORITY[operators[-1][0]]
            if priority > top or (right_associative and priority >= top):
                break
            apply(operators.pop())

    for token in tokens:
        kind = token[0]
        if kind == "value":
            operands.append(_value(token[1], language))
        elif kind == "stop":
            operands.append(STOP)
        else:
            reduce(PRIORITY[token[1]], right_associative=token[1] == "not")
            operators.append((token[1], token[2]))
    reduce(0)
    return operands[-1] if operands else STOP


def _clean(tree):
    """clean_stopword_intree: (tree or None, gap to add on its left, gap to add on its right)."""
    kind = tree[0]
    if kind == "term":
        return tree, 0, 0
    if kind == "stop":
        return None, 0, 0
    if kind == "not":
        child, left_add, right_add = _clean(tree[1])
        return (("not", child) if child else None), left_add, right_add
    left, left_left, left_right = _clean(tree[1])
    right, right_left, right_right = _clean(tree[2])
    phrase = kind == "phrase"
    distance = tree[3] if phrase else 0
    if left is None and right is None:
        add = left_left + distance + right_right if phrase else max(left_left, right_right)
        return None, add, add
    if left is None:
        if phrase:
            return right, left_left + distance + right_left, right_right
        return right, right_left, right_right
    if right is None:
        if phrase:
            return left, left_left, left_right + distance + right_right
        return left, left_left, left_right
    if phrase:
        return ("phrase", left, right, distance + left_right + right_left), left_left, right_right
    return (kind, left, right), 0, 0


def parse(query, language):
    """The tree `websearch_to_tsquery` makes of `query` in `language`, or None when it is
    empty (no word, or only stop words)."""
    return _clean(_parse(_tokens(query), language))[0]


def terms(tree):
    """The distinct terms of a tree, negated ones too (ts_rank counts them all)."""
    if tree is None:
        return []
    if tree[0] == "term":
        return [tree[1]]
    found = []
    for child in tree[1:3] if tree[0] != "not" else tree[1:2]:
        if isinstance(child, tuple):
            found += terms(child)
    return list(dict.fromkeys(found))


def phrase_terms(tree):
    """A phrase (of terms and phrases only, as websearch_to_tsquery makes them) as its terms
    with their offsets from the first: 'a' <2> ('b' <-> 'c') → [("a", 0), ("b", 2), ("c", 3)],
    and its width (3)."""
    if tree[0] == "term":
        return [(tree[1], 0)], 0
    left, left_width = phrase_terms(tree[1])
    right, right_width = phrase_terms(tree[2])
    shift = left_width + tree[3]
    return left + [(term, offset + shift) for term, offset in right], shift + right_width


def phrase(text, language):
    """The tree `phraseto_tsquery` makes of `text`: all its words as one phrase, a stop word
    leaving a gap ("egalite des revenus" is 'egalit' <2> 'revenus'), or None."""
    return _clean(_value(text, language))[0]


def phrase_pattern(tree):
    """A regular expression that finds a phrase in the stored positions (stemming.stored) of the
    title, lead, body and reference entries read one after the other: each term between spaces,
    any one slot (" _ " for a stop word) for each position of a gap."""
    pattern, last = "", None
    for term, offset in phrase_terms(tree)[0]:
        gap = 0 if last is None else offset - last - 1
        if gap:
            pattern += f"(?: [^ ]+ ){{{gap}}}"
        pattern += f" {re.escape(term)} "
        last = offset
    return pattern


def as_text(tree, parent_priority=-1, right_of_phrase=False):
    """The tree written as PostgreSQL writes a tsquery (`::text`), to compare them."""
    if tree is None:
        return ""
    kind = tree[0]
    if kind == "term":
        return "'" + tree[1].replace("'", "''") + "'"
    priority = PRIORITY[kind]
    if kind == "not":
        text = "!" + as_text(tree[1], priority)
    else:
        operator = {"and": " & ", "or": " | "}.get(kind) or (
            " <-> " if tree[3] == 1 else f" <{tree[3]}> "
        )
        left = as_text(tree[1], priority)
        right = as_text(tree[2], priority, right_of_phrase=kind == "phrase")
        text = left + operator + right
    if priority < parent_priority or (kind == "phrase" and right_of_phrase):
        return f"( {text} )"
    return text
