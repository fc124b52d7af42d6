#!/usr/bin/env python3
"""Profile uncached page renders in-process: ms per render, SQL queries and HTML size.

    DATABASE_URL=postgres://…/db .venv/bin/python scripts/profile_pages.py [--runs 20] [--profile theme]

The database must hold the seed content (`migrate` + `load_content`). The page cache is off
(PORTAL_PAGE_CACHE_SECONDS=0); Django's test client renders each page `--runs` times after a
warm-up and the medians of the wall-clock and of
this process's CPU time are printed (the CPU time moves less with the machine's load). With `--profile NAME`, cProfile's top functions (by
cumulative time) for that page follow. Not a test: speed is never asserted.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

PAGES = {
    "home": "/en/",
    "theme": "/en/ageing/",
    "key figures": "/en/key-figures/",
    "timeline": "/en/history/",
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--profile", choices=sorted(PAGES))
    parser.add_argument("--lines", type=int, default=40)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    client = Client()
    print(
        "| page | ms per render (median) | CPU ms of this process (median) | queries | HTML bytes |"
    )
    print("|---|---:|---:|---:|---:|")
    for name, path in PAGES.items():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        queries = []
        # Django empties connection.queries when a request starts: count with a wrapper.
        with connection.execute_wrapper(
            lambda execute, *a, found=queries: found.append(1) or execute(*a)
        ):
            client.get(path)
        times, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        print(
            f"| {name} | {statistics.median(times):.1f} | {statistics.median(cpu):.1f} "
            f"| {len(queries)} | {len(response.content)} |"
        )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.runs):
            client.get(PAGES[args.profile])
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.lines)


if __name__ == "__main__":
    main()
