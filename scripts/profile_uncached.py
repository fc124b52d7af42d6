#!/usr/bin/env python3
"""Renders without the page cache, in one process, as scripts/benchmark.py asks for them: CPU and
wall ms per render, SQL queries and Redis round trips.

    .venv/bin/python scripts/profile_uncached.py --database-url postgres://…/db \\
        --cache-url redis://127.0.0.1:6379/13 --static-root /tmp/static [--runs 30] [--profile theme]

Production settings, PostgreSQL and Redis; each page is asked for with a query string (which
bypasses the page cache, as the benchmark's "uncached" rows do) after three warm-up views, so
the page parts and the chrome are warm. The database must hold the seed content and
STATIC_ROOT a `collectstatic` of the production storage (scripts/prodserver.collect_static).
Keys go under a prefix of their own, removed at the end. Not a test: speed is never asserted.
"""

import argparse
import cProfile
import os
import pstats
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGES = {"home": "/en/", "theme": "/en/ageing/", "key figures": "/en/key-figures/"}


def count_redis_round_trips():
    """Wrap redis-py's client so that each command sent (an MGET is one) is counted."""
    import redis

    counter = [0]
    send = redis.Redis.execute_command

    def counted(self, *args, **kwargs):
        counter[0] += 1
        return send(self, *args, **kwargs)

    redis.Redis.execute_command = counted
    return counter


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--static-root", required=True)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--profile", choices=sorted(PAGES))
    parser.add_argument("--lines", type=int, default=40)
    args = parser.parse_args()

    prefix = f"profile-{secrets.token_hex(4)}"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": args.database_url,
            "CACHE_URL": args.cache_url,
            "CACHE_KEY_PREFIX": prefix,
            "STATIC_ROOT": args.static_root,
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    import redis
    from django.db import connection
    from django.test import Client

    round_trips = count_redis_round_trips()
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    print("| page | CPU ms (median) | wall ms (median) | queries | Redis round trips | bytes |")
    print("|---|---:|---:|---:|---:|---:|")
    try:
        for name, path in PAGES.items():
            url = f"{path}?uncached=1"
            for _ in range(3):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
            queries, round_trips[0] = [], 0
            with connection.execute_wrapper(
                lambda execute, *a, found=queries: found.append(1) or execute(*a)
            ):
                client.get(url)
            sent = round_trips[0]
            wall, cpu = [], []
            for _ in range(args.runs):
                start, start_cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                wall.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
            print(
                f"| {name} | {statistics.median(cpu):.1f} | {statistics.median(wall):.1f} "
                f"| {len(queries)} | {sent} | {len(response.content)} |"
            )
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.runs):
                client.get(f"{PAGES[args.profile]}?uncached=1")
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(args.lines)
    finally:
        shared = redis.Redis.from_url(args.cache_url)
        for key in shared.scan_iter(match=f"{prefix}:*"):
            shared.delete(key)


if __name__ == "__main__":
    main()
