#!/usr/bin/env python3
"""A bounded load test on loopback: N concurrent clients for D seconds, then latency percentiles.

    .venv/bin/python scripts/loadtest.py --url http://127.0.0.1:8108 [--clients 50] [--duration 60]

Each client keeps one connection open and requests, in a random order, the pages linked from
each language's home page, their stylesheet and the feedback form, as a visitor's browser would
(`X-Forwarded-Proto: https`, as behind the TLS proxy). It prints the number of requests, the
errors (any failed connection or HTTP status of 400 and above) and p50/p90/p99 latency, and
exits non-zero if there was any error. It refuses any address outside the loopback range.

Start the server first, for example as scripts/benchmark.py does (gunicorn, production
settings); tests/test_load.py does exactly that and runs this script.
"""

import argparse
import http.client
import ipaddress
import random
import re
import socket
import sys
import threading
import time
from collections import Counter
from urllib.parse import urljoin, urlsplit

HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip", "User-Agent": "portal-load"}


def ensure_loopback(url):
    host = urlsplit(url).hostname or ""
    addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    if not addresses or not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        sys.exit(f"Refusing {url}: the load test only targets loopback addresses.")


def fetch(base_url, path):
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", path, headers={**HEADERS, "Accept-Encoding": "identity"})
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        connection.close()


def discover_paths(base_url, languages=("fr", "nl", "en")):
    """Every same-origin link and stylesheet reachable from each language's home page."""
    paths = set()
    for code in languages:
        status, html = fetch(base_url, f"/{code}/")
        if status != 200:
            sys.exit(f"/{code}/ answered HTTP {status}; is the content loaded?")
        paths.add(f"/{code}/")
        for href in re.findall(r'<(?:a|link)[^>]+href="([^"#?]+)"', html):
            url = urljoin(f"{base_url}/{code}/", href)
            if urlsplit(url).netloc == urlsplit(base_url).netloc:
                paths.add(urlsplit(url).path)
    return sorted(paths)


def run(base_url, paths, clients, duration):
    parts = urlsplit(base_url)
    latencies, errors, statuses = [], Counter(), Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def client(seed):
        rng = random.Random(seed)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        own_latencies = []
        while time.monotonic() < stop_at:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=HEADERS)
                response = connection.getresponse()
                response.read()
                elapsed = time.perf_counter() - started
                with lock:
                    statuses[response.status] += 1
                    if response.status >= 400:
                        errors[f"HTTP {response.status} {path}"] += 1
                own_latencies.append(elapsed)
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors[f"{type(error).__name__} {path}"] += 1
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        connection.close()
        with lock:
            latencies.extend(own_latencies)

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(latencies), errors, statuses


def percentile(sorted_values, share):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="base URL of a server on loopback")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="seconds (at most 600)")
    args = parser.parse_args()
    base_url = args.url.rstrip("/")
    ensure_loopback(base_url)
    duration = min(args.duration, 600)

    paths = discover_paths(base_url)
    print(f"{len(paths)} paths; {args.clients} clients for {duration:.0f} s against {base_url}")
    started = time.monotonic()
    latencies, errors, statuses = run(base_url, paths, args.clients, duration)
    elapsed = time.monotonic() - started
    total = (
        len(latencies)
        + sum(errors.values())
        - sum(count for key, count in errors.items() if key.startswith("HTTP"))
    )
    print(f"requests: {total} in {elapsed:.1f} s ({total / elapsed:.0f}/s)")
    print("statuses: " + ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items())))
    print(
        "latency: "
        + ", ".join(
            f"p{int(share * 100)} {percentile(latencies, share) * 1000:.0f} ms"
            for share in (0.5, 0.9, 0.99)
        )
        + f", max {latencies[-1] * 1000:.0f} ms"
        if latencies
        else "latency: no completed request"
    )
    print(f"errors: {sum(errors.values())}")
    for what, count in errors.most_common(10):
        print(f"  {count} × {what}")
    sys.exit(1 if errors or not latencies else 0)


if __name__ == "__main__":
    main()
