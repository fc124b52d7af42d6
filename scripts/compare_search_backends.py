#!/usr/bin/env python3
"""Which queries give different pages, order or suggestion on SQLite and on PostgreSQL (issue 13).

    .venv/bin/python scripts/compare_search_backends.py sqlite:////path/seed.sqlite3 \
        postgres://user@host:5432/db

Both databases must hold the same content, indexed (`migrate` + `load_content`). For each query
of QUERIES in its language (words, and phrases and operators: OPERATOR_QUERIES), the pages found
(all of them, in order) and the suggestion are read from each database in a subprocess, then
compared three ways: the same pages (any order), the same first ten in the same order, the same
suggestion. The queries that differ are printed, with the pages only one database found or the
two first tens. Not a test: it reports, it does not judge (see docs/architecture.md, "Search on
SQLite and on PostgreSQL", for why they differ).
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
# websearch_to_tsquery's operators and phrases: quotes (closed or not), or, -word, stop words.
OPERATOR_QUERIES = {
    "fr": [
        '"egalite des revenus"', '"sécurité sociale" -fraude', "pension or retraite",
        "chomage -travail", '"protection sociale', "pension or", "-pension", "femmes or hommes",
        '"la sécurité sociale" or "protection sociale"', "égalité des revenus", "français",
        "allocations -familiales", '"travail" "femmes"',
    ],
    "nl": [
        '"sociale zekerheid"', "werkloosheid or pensioen", "pensioen -zelfstandigen",
        '"de sociale zekerheid" -fraude', "armoede or", "-armoede", '"gelijkheid van',
        "kinderbijslag or gezinsbijslag",
    ],
    "en": [
        '"social security"', "pension or pensions", "social -security", "-pension",
        '"equality of income"', "equality of income", '"the social security" or poverty',
        "unemployment -benefits", '"labour market', "war or victims", "women -men",
        "e-health or e-government", '"crossroads bank" social', "international",
    ],
}  # fmt: skip
FIRST = 10


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
    for language in QUERIES:
        with translation.override(language):
            for query in QUERIES[language] + OPERATOR_QUERIES[language]:
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
    same = {"pages": 0, "order": 0, "suggestion": 0, "all": 0}
    for key, one in first.items():
        other = second[key]
        only_first = sorted(set(one["pages"]) - set(other["pages"]))
        only_second = sorted(set(other["pages"]) - set(one["pages"]))
        agree = {
            "pages": not only_first and not only_second,
            "order": one["pages"][:FIRST] == other["pages"][:FIRST],
            "suggestion": one["suggestion"] == other["suggestion"],
        }
        for name, equal in agree.items():
            same[name] += equal
        if all(agree.values()):
            same["all"] += 1
            continue
        print(f"{key}: {len(one['pages'])} and {len(other['pages'])} pages")
        for name, pages in (("first", only_first), ("second", only_second)):
            if pages:
                print(f"    only the {name}: {', '.join(pages)}")
        if not agree["order"]:
            for name, pages in (("first", one["pages"]), ("second", other["pages"])):
                print(f"    {name}'s first {FIRST}: {', '.join(pages[:FIRST])}")
        if not agree["suggestion"]:
            print(f"    suggestions: {one['suggestion']!r} and {other['suggestion']!r}")
    total = len(first)
    print(
        f"Of {total} queries: {same['pages']} give the same pages, {same['order']} the same first"
        f" {FIRST} in the same order, {same['suggestion']} the same suggestion; {same['all']} all"
        " three."
    )


if __name__ == "__main__":
    main()
