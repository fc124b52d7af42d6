"""PostgreSQL's `ts_rank` computed in Python, as a function of the SQLite database.

On PostgreSQL the search orders pages by `ts_rank(search_vector, websearch_to_tsquery(…))`. Its
formula depends on the query: for a query whose top operator is AND or a phrase it sums, over
every pair of positions of two different query terms, a weight that falls with their distance
(`calc_rank_and`: "personnes handicapées" ranks the page where the two words stand side by side
first); otherwise it sums each term's occurrences, the k-th counting its weight / k²
(`calc_rank_or`). Both are done here as PostgreSQL's src/backend/utils/adt/tsrank.c does them,
in single precision where it uses `float`, over the positions the SQLite path stores
(stemming.stored: title A, lead B, body C, reference entries D, read one after the other as
PostgreSQL's `||` of the four vectors numbers them), so both databases put pages in the same
order. The function is registered on every SQLite connection (apps.py) as `portal_ts_rank`.
"""

import math
import struct

from .stemming import STOP_SLOT

# ts_rank's default weights of D, C, B and A, as `float`; the stored parts are A, B, C, D.
WEIGHTS = tuple(struct.unpack("f", struct.pack("f", value))[0] for value in (1.0, 0.4, 0.2, 0.1))
MAXENTRYPOS = 1 << 14  # positions above are stored as MAXENTRYPOS - 1
MAXNUMPOS = 256  # positions kept per lexeme
ZETA_2 = 1.64493406685  # the double constant tsrank.c divides by


def real(value):
    """A double rounded to `float`, as C stores it in a float variable."""
    return struct.unpack("f", struct.pack("f", value))[0]


def positions(parts, wanted):
    """{term: [(position, weight), …]} for the `wanted` terms, numbered as PostgreSQL's
    concatenated vector numbers them (each part shifted by the last position before it)."""
    found = {term: [] for term in wanted}
    shift = 0
    for part, weight in zip(parts, WEIGHTS, strict=True):
        slots = part.split()
        for index, slot in enumerate(slots, start=1):
            if slot != STOP_SLOT and slot in found:
                kept = found[slot]
                position = min(shift + min(index, MAXENTRYPOS - 1), MAXENTRYPOS - 1)
                if len(kept) < MAXNUMPOS and (not kept or kept[-1][0] != position):
                    kept.append((position, weight))
        shift = min(shift + len(slots), MAXENTRYPOS - 1)
    return found


def rank_or(found, items):
    total = 0.0
    for term in items:
        occurrences = found[term]
        if not occurrences:
            continue
        sum_j, best, best_index = 0.0, -1.0, 0
        for index, (_position, weight) in enumerate(occurrences):
            sum_j = real(sum_j + real(weight / ((index + 1) * (index + 1))))
            if weight > best:
                best, best_index = weight, index
        inner = real(real(best + sum_j) - real(best / ((best_index + 1) * (best_index + 1))))
        total = real(total + inner / ZETA_2)
    return real(total / len(items)) if items else total


def word_distance(distance):
    if distance > 100:
        return real(1e-30)
    return real(1.0 / (1.005 + 0.05 * math.exp(real(distance) / 1.5 - 2)))


def rank_and(found, items):
    if len(items) < 2:
        return rank_or(found, items)
    result = -1.0
    for i, term in enumerate(items):
        current = found[term]
        if not current:
            continue
        for other_term in items[:i]:
            other = found[other_term]
            for position, weight in current:
                for other_position, other_weight in other:
                    distance = abs(position - other_position)
                    if not distance:
                        continue
                    product = real(real(weight * other_weight) * word_distance(distance))
                    weight_here = real(math.sqrt(product))
                    result = (
                        weight_here
                        if result < 0
                        else real(1.0 - (1.0 - result) * (1.0 - weight_here))
                    )
    return result


def ts_rank(title, lead, body, reference, query):
    """ts_rank(vector, query) for the stored parts and a query written by `describe`."""
    operator, _, terms = (query or "").partition(":")
    items = sorted(set(terms.split()), key=lambda term: term.encode())
    if not items or not any((title, lead, body, reference)):
        return 0.0
    found = positions((title or "", lead or "", body or "", reference or ""), items)
    rank = rank_and(found, items) if operator in ("and", "phrase") else rank_or(found, items)
    return rank if rank >= 0 else real(1e-20)


def describe(tree, terms):
    """The query as `ts_rank` needs it: its top operator and its distinct terms ("and:a b")."""
    return f"{tree[0]}:{' '.join(terms)}"


def register(sender, connection, **kwargs):
    """connection_created: give every SQLite connection `portal_ts_rank`."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("portal_ts_rank", 5, ts_rank, deterministic=True)
