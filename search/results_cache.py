"""A short-lived cache of what the search page shows, per language, host, query and page.

What a search found (its results, their count, the editors' promotions and the suggestion),
rendered as the HTML under the search form, with the numbers the page title needs, is kept for
RESULTS_SECONDS in the default cache (Redis in production), under the *search generation*: a
counter in the same cache that every change of what a search can show increments (an index
entry written or removed, which publishing, unpublishing, moves and view restrictions do; a
synonym; a promotion), on commit. An entry made under another generation is never served, so a
change shows at the next search on every server. The statistics are counted on every search,
cached or not (views.search_view). The cache fails open: without Redis, searches run as usual.
"""

import hashlib
import logging

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from .models import SearchEntry, SearchSynonym

logger = logging.getLogger(__name__)

GENERATION_KEY = "portal:search:generation"
RESULTS_SECONDS = 300
# Changed whenever what is kept changes shape (views._search), so that a new release never reads
# an entry written by the previous one.
FORMAT = 2


def _key(language, host, query, page_number):
    digest = hashlib.sha256(f"{language}\0{host}\0{query}\0{page_number}".encode()).hexdigest()
    return f"portal:search:results:{FORMAT}:{digest}"


def get(language, host, query, page_number):
    """The stored context for this search, or (None, generation) to store a new one under."""
    key = _key(language, host, query, page_number)
    try:
        found = cache.get_many([GENERATION_KEY, key])
    except Exception:
        logger.exception("The search cache could not be read")
        return None, None
    generation = found.get(GENERATION_KEY)
    if generation is None:
        try:
            cache.add(GENERATION_KEY, 1, timeout=None)
            generation = cache.get(GENERATION_KEY)
        except Exception:
            logger.exception("The search cache could not be read")
            return None, None
    stored = found.get(key)
    if stored and stored[0] == generation:
        return stored[1], generation
    return None, generation


def put(language, host, query, page_number, generation, context):
    if generation is None:
        return
    try:
        cache.set(_key(language, host, query, page_number), (generation, context), RESULTS_SECONDS)
    except Exception:
        logger.exception("The search cache could not be written")


def _bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted: entries made before cannot match a new one
        cache.add(GENERATION_KEY, 1, timeout=None)
        try:
            cache.incr(GENERATION_KEY)
        except Exception:
            logger.exception("The search cache could not be invalidated")
    except Exception:
        logger.exception("The search cache could not be invalidated")


def invalidate():
    """Now (for code that reads its own writes) and again on commit (so that a search made by
    another process between the change and the commit is not kept)."""
    _bump()
    transaction.on_commit(_bump)


def _changed(sender, **kwargs):
    invalidate()


def connect():
    """Called from search.signals.connect(): what a search shows changes with these."""
    for model in (SearchEntry, SearchSynonym, SearchPromotion, Query):
        for signal in (post_save, post_delete):
            signal.connect(
                _changed,
                sender=model,
                dispatch_uid=f"search_cache_{model.__name__}_{signal is post_save}",
            )
