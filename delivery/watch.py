"""The page cache's counters, watched by Redis itself: a cached page served with no round trip.

A cached page is fresh while the generation and sequence counters (delivery.dependencies) are
what they were when it was last checked. Reading them costs a round trip to Redis for every
request, which is most of what a cached page costs beyond a static file. Instead, each process
asks Redis to tell it when they change: one RESP3 connection with `CLIENT TRACKING ON BCAST
PREFIX <counter>` (Redis ≥ 6: https://redis.io/docs/latest/develop/reference/client-side-caching/).
Redis pushes an `invalidate` message on that connection whenever a counter is written, or the
database is flushed. Between two such messages the counters a request read last are still
current, and a page checked against them (delivery.cache.LocalPages) is served from this
process's memory.

No thread: every request that wants the counters first reads what is waiting on the connection
(a non-blocking poll, `can_read`; redis-py's own client-side cache does the same). Redis writes
the message out in the same turn of its event loop as its answer to the write that caused it,
so a change made on another server is waiting on this socket before that server can tell the
editor it is done. The counters are trusted for at most
`keep_seconds` even without a message, so a watcher that missed one (a network that drops
without closing the connection) is wrong for a bounded time, not forever.

When the watch cannot be kept (Redis unreachable, a closed connection, an unexpected answer),
nothing is known: every request reads the counters from Redis as before, and the shared cache's
fail-open rules apply (delivery.cache_backend). The watch is set up again after the cache's
retry delay.
"""

import logging
import os
import threading
import time

from redis.exceptions import RedisError

logger = logging.getLogger("delivery.cache")

# Options of Django's connection pool that a single RESP3 connection must not inherit.
POOL_ONLY_OPTIONS = ("parser_class", "connection_class", "max_connections", "protocol")
# How long a request waits for another thread's poll (microseconds) before reading the counters
# from Redis itself.
LOCK_WAIT = 0.01


class CounterWatch:
    """(generation, sequence) as last read, valid until Redis says one of them changed."""

    def __init__(self, connection_class, connection_kwargs, keys, health, keep_seconds):
        self.connection_class = connection_class  # the pool's: TCP, TLS or a Unix socket
        self.connection_kwargs = {
            name: value
            for name, value in connection_kwargs.items()
            if name not in POOL_ONLY_OPTIONS
        }
        self.keys = tuple(keys)
        self.health = health
        self.keep_seconds = keep_seconds
        self.lock = threading.Lock()
        self.connection = None
        self.pid = os.getpid()
        self.retry_at = 0.0
        self.version = 0  # incremented by every message and every loss of the connection
        self.counters = None
        self.learnt_at = 0.0

    def begin(self):
        """(counters, token): the counters when nothing changed since they were read (else None),
        and a token for `learn` (None when the watch is not working, or still busy in another
        thread after LOCK_WAIT: setting up the connection may take up to its connect timeout)."""
        if not self.lock.acquire(timeout=LOCK_WAIT):
            return None, None
        try:
            if not self._watching():
                return None, None
            counters = self.counters
            if counters is not None and time.monotonic() - self.learnt_at > self.keep_seconds:
                counters = self.counters = None
            return counters, self.version
        finally:
            self.lock.release()

    def learn(self, token, generation, sequence):
        """The counters just read from Redis, after `begin` gave `token`: kept unless a message
        came in between (the values read may then be older than the change it announced)."""
        if token is None or generation is None or sequence is None:
            return
        with self.lock:
            if self._watching() and self.version == token:
                self.counters = (generation, sequence)
                self.learnt_at = time.monotonic()

    def forget(self):
        """Drop what is known (the caller saw the counters change)."""
        with self.lock:
            self.version += 1
            self.counters = None

    def _changed(self, message):
        # ["invalidate", [keys]] or ["invalidate", None] when the database was flushed.
        self.version += 1
        self.counters = None

    def _watching(self):
        """Read every message waiting; whether the connection is up (set up if need be)."""
        if self.pid != os.getpid():  # a forked child must not share its parent's socket
            self.pid, self.connection = os.getpid(), None
            self._changed(None)
        if self.connection is None and not self._connect():
            return False
        try:
            while self.connection.can_read(timeout=0):
                self.connection.read_response(push_request=True, timeout=0)
        except (RedisError, OSError) as error:
            self._lost(error)
            return False
        return True

    def _connect(self):
        now = time.monotonic()
        if now < self.retry_at or now < self.health.skip_until:
            return False
        connection = self.connection_class(**self.connection_kwargs, protocol=3)
        try:
            connection.connect()
            command = ["CLIENT", "TRACKING", "ON", "BCAST"]
            for key in self.keys:
                command += ["PREFIX", key]
            connection.send_command(*command)
            if connection.read_response() not in (b"OK", "OK"):
                raise RedisError("CLIENT TRACKING was refused")
            connection._parser.set_invalidation_push_handler(self._changed)
        except (RedisError, OSError) as error:
            connection.disconnect()
            self.retry_at = now + self.health.retry_seconds
            logger.info("The page cache's counters cannot be watched (%s); reading them.", error)
            return False
        self.connection = connection
        self._changed(None)  # nothing read before the watch began can be trusted
        return True

    def _lost(self, error):
        logger.info("The page cache's counter watch was lost (%s); reading them.", error)
        try:
            self.connection.disconnect()
        except (RedisError, OSError):
            pass
        self.connection = None
        self.retry_at = time.monotonic() + self.health.retry_seconds
        self._changed(None)
