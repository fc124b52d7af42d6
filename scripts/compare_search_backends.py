#!/usr/bin/env python3
"""Which queries give different pages on SQLite and on PostgreSQL (issue 13, point 1).

    .venv/bin/python scripts/compare_search_backends.py sqlite:////path/seed.sqlite3 \
        postgres://user@host:5432/db

Both databases must hold the same content, indexed (`migrate` + `load_content`). For each query
of QUERIES in its language, the pages found (all of them, any order) and the suggestion are read
from each database in a subprocess, then compared; the queries whose pages differ are printed,
with the pages only one database found. Not a test: it reports, it does not judge (see
docs/architecture.md, "Search on SQLite and on PostgreSQL", for why they differ).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What people type: the words of issue 13 and of the search tests, and the pages' subjects.
QUERIES = {
    "fr": [
        "chomage", "chômage", "arrete-loi 1944", "egalite des revenus", "credit-temps",
        "donnees personnelles", "declaration d'accessibilite", "pension", "retraite",
        "handicap", "sécurité sociale", "e-health", "e-santé", "van acker", "pensoin", "femmes",
        "artistes", "indépendants", "fraude sociale", "vieillissement", "grapa", "onss",
        "allocations familiales", "travail", "victimes de guerre", "non-recours", "frontaliers",
        "banque carrefour", "innovation",
    ],
    "nl": [
        "werkloosheid", "werkloos", "pensioen", "handicap", "sociale zekerheid", "e-health",
        "van acker", "pensoen", "vrouwen", "kunstenaars", "zelfstandigen", "sociale fraude",
        "vergrijzing", "kruispuntbank", "kinderbijslag", "oorlogsslachtoffers", "gelijkheid",
        "grensarbeiders", "rsz", "innovatie", "armoede", "gezondheidszorg", "arbeidsmarkt",
        "toegankelijkheid",
    ],
    "en": [
        "pension", "pensions", "social security", "unemployment", "disability", "complain",
        "van acker", "pentions", "e-health", "self-employed", "artists", "social fraud", "ageing",
        "crossroads bank", "child benefits", "war victims", "equality", "cross-border",
        "innovation", "poverty", "health care", "labour market", "accessibility", "privacy",
        "women",
    ],
}  # fmt: skip


def read(database_url):
    """{"language|query": {"pages": [...], "suggestion": ...}} from one database."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
    }
    output = subprocess.run(
        [sys.executable, __file__, "--read"], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    return json.loads(output)


def read_here():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.utils import translation

    from search import vocabulary
    from search.querying import SearchResults

    found = {}
    for language, queries in QUERIES.items():
        with translation.override(language):
            for query in queries:
                results = SearchResults(query, language)
                found[f"{language}|{query}"] = {
                    "pages": [result.url for result in results[: results.count()]],
                    "suggestion": vocabulary.suggest(query, language),
                }
    json.dump(found, sys.stdout)


def main():
    if sys.argv[1:] == ["--read"]:
        return read_here()
    first_url, second_url = sys.argv[1:3]
    first, second = read(first_url), read(second_url)
    same = 0
    for key, one in first.items():
        other = second[key]
        only_first = sorted(set(one["pages"]) - set(other["pages"]))
        only_second = sorted(set(other["pages"]) - set(one["pages"]))
        if not only_first and not only_second and one["suggestion"] == other["suggestion"]:
            same += 1
            continue
        print(f"{key}: {len(one['pages'])} and {len(other['pages'])} pages")
        for name, pages in (("first", only_first), ("second", only_second)):
            if pages:
                print(f"    only the {name}: {', '.join(pages)}")
        if one["suggestion"] != other["suggestion"]:
            print(f"    suggestions: {one['suggestion']!r} and {other['suggestion']!r}")
    print(f"{same} of {len(first)} queries give the same pages and suggestion on both.")


if __name__ == "__main__":
    main()
