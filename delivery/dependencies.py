"""What a cached page shows, and when that changed: invalidation by dependency.

While a page is rendered for the page cache, every page, image and document the rendering
loads (the page itself, its breadcrumbs, the menu, listed, linked and related pages, the
timeline page of a milestone, an image) is recorded as a *dependency* (`page:12`, `image:3`,
`document:5`) through Django's `post_init` signal, plus `shown:<id>` (what only the page served
shows: its inline items) and `children:<id>` (its own list of children) for the page served. The names are stored with the entry.

A change bumps a shared *sequence* counter and writes its new value into the counter of each
changed dependency. An entry stores the sequence read before it was rendered; it is fresh while
no dependency of it has a counter above that value. When nothing has changed since the entry was
made (the sequence is the same), no dependency need be read at all: one round trip, as before.
Counters live in the shared cache, so every app server sees a change at once, and a change made
while a page renders leaves its entry stale (the counter is above the sequence read before).
"""

import contextlib
import contextvars
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

logger = logging.getLogger("delivery.cache")

GENERATION_KEY = "portal:pages:generation"
SEQUENCE_KEY = "portal:pages:sequence"
CHANGED_KEY = "portal:pages:changed:{}"
DEPENDENTS_KEY = "portal:pages:dependents:{}"

_recording = contextvars.ContextVar("portal_page_dependencies", default=None)
_counters = contextvars.ContextVar("portal_request_counters", default=None)


def page_cache():
    return caches[getattr(settings, "PORTAL_PAGE_CACHE_ALIAS", "default")]


def fresh_counter():
    # A counter evicted from the cache restarts above every value it could have had before.
    return time.time_ns() // 1000


def start_recording():
    """Record the dependencies of the rendering that follows, in this thread or task."""
    found = set()
    return found, _recording.set(found)


def stop_recording(token):
    _recording.reset(token)


@contextlib.contextmanager
def recording():
    """`with recording() as loaded:` the names loaded by what the block renders."""
    loaded, token = start_recording()
    try:
        yield loaded
    finally:
        stop_recording(token)


def restart_recording():
    """Forget what was loaded so far: the router loads every sibling on the way to a page
    (wagtail-modeltranslation compares each child's slug), which the page does not show."""
    found = _recording.get()
    if found is not None:
        found.clear()


def record(*names):
    found = _recording.get()
    if found is not None:
        found.update(names)


def dependency_of(instance):
    """`page:12`, `image:3`, `document:5`, or None for anything else."""
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page

    if instance.pk is None:
        return None
    if isinstance(instance, Page):
        return f"page:{instance.pk}"
    if isinstance(instance, AbstractImage):
        return f"image:{instance.pk}"
    if isinstance(instance, AbstractDocument):
        return f"document:{instance.pk}"
    return None


def on_instance_loaded(sender, instance, **kwargs):
    """post_init: while a page is being recorded, note every page, image or document loaded."""
    found = _recording.get()
    if found is not None:
        name = dependency_of(instance)
        if name:
            found.add(name)


def current_generation():
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, fresh_counter(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def current_sequence(cache=None):
    cache = cache or page_cache()
    sequence = cache.get(SEQUENCE_KEY)
    if sequence is None:
        cache.add(SEQUENCE_KEY, fresh_counter(), timeout=None)
        sequence = cache.get(SEQUENCE_KEY)
    return sequence


def _bump(names):
    cache = page_cache()
    try:
        try:
            sequence = cache.incr(SEQUENCE_KEY)
        except ValueError:  # not set yet, or evicted
            cache.add(SEQUENCE_KEY, fresh_counter(), timeout=None)
            sequence = cache.incr(SEQUENCE_KEY)
        cache.set_many({CHANGED_KEY.format(name): sequence for name in names}, timeout=None)
    except Exception:
        logger.exception("The page cache could not be invalidated for %s", names)


def changed(names):
    """The cached pages that depend on any of `names` are stale: now, and again on commit (a
    page rendered by another process between the change and the commit is not kept)."""
    names = sorted(set(names))
    if not names:
        return
    _bump(names)
    transaction.on_commit(lambda: _bump(names))


def unchanged_since(sequence, names, current):
    """Whether no dependency in `names` changed after `sequence` (`current` is the sequence
    now: when equal, nothing changed anywhere and no counter is read)."""
    if current == sequence:
        return True
    if current is None or sequence is None:
        return False
    counters = page_cache().get_many([CHANGED_KEY.format(name) for name in names])
    return all(value <= sequence for value in counters.values())


def remember_dependents(page_id, names):
    """For the CDN purge (only when a CDN is configured): which pages depend on each name.

    Read, add, write: two processes storing at the same instant may lose one id, which the purge
    of the page and its ancestors (delivery.invalidation) still covers for lists and menus."""
    cache = page_cache()
    keys = [DEPENDENTS_KEY.format(name) for name in names]
    found = cache.get_many(keys)
    missing = {key: found.get(key, frozenset()) | {page_id} for key in keys}
    missing = {key: ids for key, ids in missing.items() if page_id not in found.get(key, ())}
    if missing:
        cache.set_many(missing, timeout=None)


def dependents(names):
    """The ids of the pages recorded as depending on any of `names`."""
    found = page_cache().get_many([DEPENDENTS_KEY.format(name) for name in names])
    return set().union(*found.values())


class RequestCounters:
    """The generation and sequence for one request, read from the shared cache once, with the
    keys a request will need asked for in the same round trip (delivery.local reads the parts
    of a page and its chrome this way): one round trip instead of one per part.

    Reading the counters once, when the request starts, is what the page cache does: an entry
    made with them is stale after any change that came later, and an entry read with them was
    valid when the request started.
    """

    def __init__(self, generation=None, sequence=None):
        self.generation = generation
        self.sequence = sequence
        self.found = {}

    def read(self, keys=()):
        """(generation, sequence), reading them and any of `keys` not read yet in one round trip."""
        keys = [key for key in dict.fromkeys(keys) if key not in self.found]
        counters = [] if self.sequence is not None else [GENERATION_KEY, SEQUENCE_KEY]
        if counters or keys:
            found = page_cache().get_many(counters + keys)
            if counters:
                self.generation = found.get(GENERATION_KEY)
                self.sequence = found.get(SEQUENCE_KEY)
                if self.generation is None:
                    self.generation = current_generation()
                if self.sequence is None:
                    self.sequence = current_sequence()
            self.found.update({key: found.get(key) for key in keys})
        return self.generation, self.sequence

    def get(self, key):
        """The value of `key` in the shared cache, as read for this request."""
        if key not in self.found:
            self.read([key])
        return self.found[key]


def request_counters(request=None):
    """The counters of the request being served (kept on it), or of this thread's request
    (delivery.local.RequestCountersMiddleware), or fresh ones when there is no request."""
    if request is not None:
        counters = getattr(request, "_portal_counters", None)
        if counters is None:
            counters = request._portal_counters = _counters.get() or RequestCounters()
        return counters
    return _counters.get() or RequestCounters()


@contextlib.contextmanager
def counting(request):
    """`with counting(request):` code without the request at hand (a page's `url`) reads the
    same counters as the request."""
    token = _counters.set(request_counters(request))
    try:
        yield
    finally:
        _counters.reset(token)
