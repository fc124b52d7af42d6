"""What visitors search for, per language and day, for the editors' search report.

Stored: the normalised query (folded: lower case, no accents, single spaces), the language,
the day, how many searches and how many found nothing. Never stored: who searched (no address,
user, session, cookie, time of day), and queries that look like personal data: a Belgian
national register number (11 digits, e.g. 85.07.30-033.61), an e-mail address, a phone number
(9 or more digits, with or without spaces, dots, dashes or a +). Rows older than
RETENTION_DAYS are deleted by `manage.py purge_search_queries` (cron, see docs/editors.md).
"""

import atexit
import datetime
import re
import threading
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .folding import fold
from .models import SearchQueryDay

RETENTION_DAYS = 90
MAX_STORED_LENGTH = 200
EMAIL = re.compile(r"\S+@\S+|\S+\s*(?:\(at\)|\[at\])\s*\S+", re.IGNORECASE)
# Digits with the separators people type in numbers: "02 528 60 11", "+32 (0)2/528.60.11",
# "85.07.30-033.61". Nine digits or more in one such run is a phone or register number.
DIGIT_RUN = re.compile(r"\+?\d(?:[\s./()-]{0,3}\d)*")
IDENTIFIER_DIGITS = 9


def normalise(query):
    return " ".join(fold(query).split())[:MAX_STORED_LENGTH]


def looks_personal(query):
    """Whether a query may identify someone: it is then not stored at all."""
    if EMAIL.search(query):
        return True
    return any(
        sum(character.isdigit() for character in run) >= IDENTIFIER_DIGITS
        for run in DIGIT_RUN.findall(query)
    )


def record(query, language, found):
    """Count one search for `query` in `language` today; `found` is its number of results.

    Counts are added up in the process and written every FLUSH_SECONDS (setting
    SEARCH_STATISTICS_FLUSH_SECONDS; 0 writes at once), one statement per query searched
    meanwhile, not one per search; what a process holds is also written when it exits. A
    process killed outright loses at most that many seconds of counts."""
    text = normalise(query)
    if not text or looks_personal(text):
        return False
    key = (language, text, timezone.localdate())
    with _lock:
        searches, without_results = _pending.get(key, (0, 0))
        _pending[key] = (searches + 1, without_results + (0 if found else 1))
        due = time.monotonic() - _last_flush[0] >= flush_seconds()
    if due:
        flush()
    return True


_lock = threading.Lock()
_pending = {}  # (language, query, day) -> (searches, searches without results)
_last_flush = [time.monotonic()]


def flush_seconds():
    return getattr(settings, "SEARCH_STATISTICS_FLUSH_SECONDS", 0)


def flush():
    """Write the counts held by this process."""
    with _lock:
        pending = dict(_pending)
        _pending.clear()
        _last_flush[0] = time.monotonic()
    for (language, text, day), (searches, without_results) in pending.items():
        _add(language, text, day, searches, without_results)


def _add(language, text, day, searches, without_results):
    counts = {"searches": F("searches") + searches}
    if without_results:
        counts["searches_without_results"] = F("searches_without_results") + without_results
    key = {"language": language, "query": text, "day": day}
    if not SearchQueryDay.objects.filter(**key).update(**counts):
        try:
            with transaction.atomic():
                SearchQueryDay.objects.create(
                    **key, searches=searches, searches_without_results=without_results
                )
        except IntegrityError:  # created meanwhile by another process
            SearchQueryDay.objects.filter(**key).update(**counts)


atexit.register(flush)


def purge(days=RETENTION_DAYS, today=None):
    """Delete the statistics of days more than `days` ago. Returns the number of rows."""
    today = today or timezone.localdate()
    deleted, _by_model = SearchQueryDay.objects.filter(
        day__lt=today - datetime.timedelta(days=days)
    ).delete()
    return deleted


def week_start(day):
    return day - datetime.timedelta(days=day.weekday())


def weekly_report(language, week, limit=50):
    """The most frequent queries and those that found nothing, for the week (Monday to
    Sunday) that contains `week`, in `language`."""
    start = week_start(week)
    rows = (
        SearchQueryDay.objects.filter(
            language=language, day__gte=start, day__lt=start + datetime.timedelta(days=7)
        )
        .values("query")
        .annotate(
            searches_count=Sum("searches"),
            without_results=Sum("searches_without_results"),
        )
    )
    return {
        "start": start,
        "end": start + datetime.timedelta(days=6),
        "frequent": list(rows.order_by("-searches_count", "query")[:limit]),
        "without_results": list(
            rows.filter(without_results__gt=0).order_by("-without_results", "query")[:limit]
        ),
    }
