#!/usr/bin/env python3
"""Benchmark the portal under gunicorn with the production settings, on loopback only.

    .venv/bin/python scripts/benchmark.py [--database-url URL] [--cache-url redis://...]
                                           [--duration 10] [--connections 16]

It collects static files into a temporary STATIC_ROOT (hashed, gzip + brotli), prepares a
database (a temporary SQLite file with the seed content unless --database-url is given), starts
gunicorn, and measures requests per second with wrk (Debian package `wrk`) or, without it, a
Python keep-alive client, for:

- a static file served by WhiteNoise in the same gunicorn (the ceiling),
- a cached page (the page cache in Redis),
- the same page rendered without the cache (a query string bypasses it), and the home and
  key-figures pages likewise,
- a bare Django view (/healthz: no database, no template), the floor of a Django response,
- the search page: a query with results, and a mistyped one answered with a suggestion;
- the admin (scripts/admin_timings.py): the largest page's edit view, a draft save and the
  preview, in server time, with the numbers of form fields.

It then checks the weight of every page type as transferred (HTML + CSS, brotli) and that no
page asks for anything from another origin. Results are printed as Markdown for
docs/performance.md. It never sends a request anywhere but 127.0.0.1.
"""

import argparse
import contextlib
import http.client
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.prodserver import (  # noqa: E402
    PROXY_HEADERS,
    collect_static,
    get,
    manage,
    production_env,
    production_server,
)

# One page of each type, by its English path in the seed content.
PAGES = {
    "home": "/en/",
    "theme": "/en/ageing/",
    "timeline": "/en/history/",
    "key figures": "/en/key-figures/",
    "publication list": "/en/publications/",
    "publication": "/en/publications/annual-report-2023/",
    "standard page": "/en/accessibility/",
    "feedback form": "/en/feedback/",
}
WEIGHT_LIMIT = 100 * 1024


# The search page renders on every request (not cached): one query with results, one mistyped
# (no result, so "Did you mean …?" and the suggestion's results).
SEARCHES = {
    "results": "/en/search/?q=social+security",
    "suggestion": "/en/search/?q=pensoin",
}


def measure_wrk(url, duration, connections):
    header = [arg for name, value in PROXY_HEADERS.items() for arg in ("-H", f"{name}: {value}")]
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", *header, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = sum(
        int(n) for n in re.findall(r"(?:Non-2xx or 3xx responses|errors: .*?):? (\d+)", output)
    )
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)
    return {"rate": rate, "errors": errors, "p50": p50, "p99": p99}


def measure_python(url, duration, connections):
    """Fallback without wrk: keep-alive clients in threads (the client costs more CPU)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    counts, errors, latencies = [0] * connections, [0] * connections, []
    stop = time.monotonic() + duration

    def client(index):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=PROXY_HEADERS)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors[index] += 1
                counts[index] += 1
                latencies.append(time.perf_counter() - started)
            except OSError:
                errors[index] += 1
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()

    def percentile(share):
        return f"{latencies[int(share * (len(latencies) - 1))] * 1000:.1f}ms" if latencies else "-"

    return {
        "rate": sum(counts) / duration,
        "errors": sum(errors),
        "p50": percentile(0.5),
        "p99": percentile(0.99),
    }


class Resources(HTMLParser):
    """What a page makes the browser fetch: stylesheets, scripts, images, frames, fonts."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and {"stylesheet", "preload", "icon"} & set(
            (attrs.get("rel") or "").split()
        ):
            self.found.append(
                ("blocking" if "stylesheet" in attrs["rel"] else "other", attrs["href"])
            )
        elif tag == "script" and attrs.get("src"):
            blocking = "async" not in attrs and "defer" not in attrs
            self.found.append(("blocking" if blocking else "other", attrs["src"]))
        elif tag in ("img", "iframe", "source", "video", "audio") and attrs.get("src"):
            self.found.append(("image" if tag in ("img", "source") else "other", attrs["src"]))


def page_weight(base_url, path):
    """Bytes transferred, compressed, for the HTML and every non-image resource; other origins."""
    encoding = {"Accept-Encoding": "br, gzip"}
    status, headers, body = get(base_url + path, headers=encoding)
    assert status == 200, f"{path}: HTTP {status}"
    html = body
    if headers.get("Content-Encoding") == "br":
        import brotli

        html = brotli.decompress(body)
    elif headers.get("Content-Encoding") == "gzip":
        import gzip

        html = gzip.decompress(body)
    parser = Resources()
    parser.feed(html.decode())
    total, other_origins = len(body), []
    for kind, href in parser.found:
        url = urljoin(base_url + path, href)
        if urlsplit(url).netloc != urlsplit(base_url).netloc:
            other_origins.append(url)
            continue
        if kind != "image":
            total += len(get(url, headers=encoding)[2])
    return total, other_origins


def ensure_database(args, workdir):
    if args.database_url:
        return args.database_url
    url = f"sqlite:///{workdir / 'benchmark.sqlite3'}"
    env = production_env(url)
    print("Preparing a SQLite database with the seed content…", file=sys.stderr)
    manage(env, "migrate", "--noinput")
    manage(env, "load_content")
    return url


def clear_cache_prefix(cache_url, prefix):
    with contextlib.suppress(Exception):
        import redis

        client = redis.Redis.from_url(cache_url)
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: a temporary SQLite database")
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=3, help="measurements of each target")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    # Stopped with SIGTERM, still stop the gunicorn it started (the `finally` blocks run).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    measure = measure_wrk if shutil.which("wrk") else measure_python
    load_before = " ".join(f"{value:.1f}" for value in os.getloadavg())
    prefix = f"benchmark-{uuid.uuid4().hex[:8]}"
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        print("Collecting static files (hashed, gzip + brotli)…", file=sys.stderr)
        collect_static(workdir / "static")
        database_url = ensure_database(args, workdir)
        env = production_env(
            database_url,
            cache_url=args.cache_url,
            static_root=workdir / "static",
            CACHE_KEY_PREFIX=prefix,
        )
        try:
            with production_server(env, workers=args.workers, threads=args.threads) as base:
                html = get(base + PAGES["theme"])[2].decode()
                stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)
                targets = {
                    "static file (WhiteNoise)": base + stylesheet,
                    "cached page": base + PAGES["theme"],
                    "uncached page render": base + PAGES["theme"] + "?uncached=1",
                    "uncached home page": base + PAGES["home"] + "?uncached=1",
                    "uncached key figures": base + PAGES["key figures"] + "?uncached=1",
                    "bare Django view (/healthz)": base + "/healthz",
                    "search, 10 results": base + SEARCHES["results"],
                    "search, typo with suggestion": base + SEARCHES["suggestion"],
                }
                assert get(targets["cached page"])[1].get("X-Page-Cache") == "hit"
                for url in targets.values():
                    measure(url, 2, args.connections)  # warm up every worker
                # Rounds interleave the targets, so a load that comes and goes on the machine
                # hits them all alike; each target's median round is reported.
                rounds = {name: [] for name in targets}
                for number in range(1, args.rounds + 1):
                    for name, url in targets.items():
                        print(f"Round {number}: {name} ({args.duration} s)…", file=sys.stderr)
                        rounds[name].append(measure(url, args.duration, args.connections))
                results = {
                    name: sorted(runs, key=lambda run: run["rate"])[len(runs) // 2]
                    for name, runs in rounds.items()
                }
                weights = {name: page_weight(base, path) for name, path in PAGES.items()}
        finally:
            clear_cache_prefix(args.cache_url, prefix)
        print("Timing the admin (scripts/admin_timings.py)…", file=sys.stderr)
        admin = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).with_name("admin_timings.py")),
                "--database-url",
                database_url,
                "--static-root",
                str(workdir / "static"),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    print(f"## Benchmark {time.strftime('%Y-%m-%d %H:%M')}\n")
    print(
        f"Machine: {platform.machine()}, {_cpu_model()}, {_cores()} cores, Python "
        f"{platform.python_version()}; gunicorn gthread {args.workers} workers × "
        f"{args.threads} threads; {'wrk' if measure is measure_wrk else 'Python client'}, "
        f"{args.connections} connections, median of {args.rounds} interleaved rounds of "
        f"{args.duration} s; load average before the run {load_before}; database "
        f"{urlsplit(database_url).scheme}; cache Redis.\n"
    )
    print("| what | requests/s (median) | p50 | p99 | errors | all rounds (requests/s) |")
    print("|---|---:|---:|---:|---:|---|")
    for name, result in results.items():
        every = ", ".join(f"{run['rate']:.0f}" for run in rounds[name])
        errors = sum(run["errors"] for run in rounds[name])
        print(
            f"| {name} | {result['rate']:.0f} | {result['p50']} | {result['p99']} | "
            f"{errors} | {every} |"
        )
    static = results["static file (WhiteNoise)"]["rate"]
    cached = results["cached page"]["rate"]
    uncached = results["uncached page render"]["rate"]
    bare = results["bare Django view (/healthz)"]["rate"]
    print(f"\nCached page / static file: {cached / static:.2f} (goal: at least 0.8)")
    print(f"Uncached render / bare Django view: {uncached / bare:.2f}")
    print("\n| page | transferred (HTML gzip + CSS brotli) | other origins |")
    print("|---|---:|---|")
    failures = []
    for name, (size, others) in weights.items():
        print(f"| {name} | {size / 1024:.1f} KB | {', '.join(others) or 'none'} |")
        if size >= WEIGHT_LIMIT or others:
            failures.append(name)
    print(admin)
    if cached / static < 0.8:
        failures.append("cached-page throughput")
    if any(run["errors"] for runs in rounds.values() for run in runs):
        failures.append("errors during measurement")
    if failures:
        print(f"\nGOALS MISSED: {', '.join(failures)}")
        sys.exit(1)


def _cpu_model():
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def _cores():
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


if __name__ == "__main__":
    main()
