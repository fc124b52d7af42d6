"""Issue 13, item 4: what visitors search for, per language and week, without personal data."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from search import statistics
from search.models import SearchQueryDay

from .helpers import page_url, search, text_of

pytestmark = pytest.mark.django_db


def stored():
    return {
        (row.language, row.query): (row.searches, row.searches_without_results)
        for row in SearchQueryDay.objects.all()
    }


def test_searches_are_counted_per_language_with_the_normalised_text_only(client):
    search(client, "fr", "  Chômage  ")
    search(client, "fr", "chomage")
    search(client, "nl", "zzyzzx")
    search(client, "en", "zzyzzx")
    assert stored() == {
        ("fr", "chomage"): (2, 0),
        ("nl", "zzyzzx"): (1, 1),  # the same text, counted once per language
        ("en", "zzyzzx"): (1, 1),
    }
    fields = {field.name for field in SearchQueryDay._meta.get_fields()}
    assert fields == {
        "id",
        "language",
        "query",
        "day",
        "searches",
        "searches_without_results",
    }


@pytest.mark.parametrize(
    "query",
    [
        "85.07.30-033.61",
        "85073003361",
        "850730 033 61",
        "jan.peeters@example.be",
        "jan (at) example.be",
        "+32 2 528 60 11",
        "02/528.60.11",
        "0470 12 34 56",
        "pension 0470123456",
    ],
)
def test_queries_that_look_like_personal_data_are_not_stored(client, query):
    response = search(client, "en", query)
    assert response.status_code == 200
    assert not SearchQueryDay.objects.exists()
    assert statistics.looks_personal(query)


@pytest.mark.parametrize("query", ["arrêté-loi 1944", "2019", "1941 1944", "pension 65"])
def test_ordinary_queries_with_numbers_are_stored(query):
    assert not statistics.looks_personal(query)
    assert statistics.record(query, "fr", 1)


def test_empty_and_wordless_queries_are_not_counted(client):
    for query in ("", "   ", "& | !", "\x00"):
        search(client, "en", query)
    assert not SearchQueryDay.objects.exists()


def test_the_purge_command_keeps_ninety_days():
    today = timezone.localdate()
    for days in (0, 90, 91, 400):
        SearchQueryDay.objects.create(
            language="fr", query=f"q{days}", day=today - datetime.timedelta(days=days), searches=1
        )
    out = StringIO()
    call_command("purge_search_queries", stdout=out)
    assert sorted(SearchQueryDay.objects.values_list("query", flat=True)) == ["q0", "q90"]
    assert "2" in out.getvalue()


def test_the_weekly_report_has_the_frequent_queries_and_those_that_found_nothing(client):
    monday = statistics.week_start(timezone.localdate())
    rows = [
        ("fr", "pension", monday, 5, 0),
        ("fr", "pension", monday + datetime.timedelta(days=2), 3, 0),
        ("fr", "pensoin", monday, 2, 2),
        ("nl", "pensioen", monday, 9, 0),
        ("fr", "oud", monday - datetime.timedelta(days=1), 50, 50),  # the week before
    ]
    for language, query, day, searches, empty in rows:
        SearchQueryDay.objects.create(
            language=language, query=query, day=day, searches=searches,
            searches_without_results=empty,
        )  # fmt: skip
    report = statistics.weekly_report("fr", monday + datetime.timedelta(days=3))
    assert [(row["query"], row["searches_count"]) for row in report["frequent"]] == [
        ("pension", 8),
        ("pensoin", 2),
    ]
    assert [(row["query"], row["without_results"]) for row in report["without_results"]] == [
        ("pensoin", 2)
    ]
    editor = get_user_model().objects.create_superuser("report-admin", "r@example.org", "pw")
    client.force_login(editor)
    html = client.get("/admin/reports/searches/", {"language": "fr"}).content.decode()
    assert "pensoin" in html and "pensioen" not in html and "oud" not in text_of(html).split()
    html = client.get("/admin/reports/searches/", {"language": "nl"}).content.decode()
    assert "pensioen" in html


def test_the_report_is_for_editors_only(client):
    assert client.get("/admin/reports/searches/").status_code == 302  # to the sign-in


def test_the_privacy_page_says_what_the_search_keeps_in_every_language(client):
    privacy = Page.objects.get(slug_en="privacy")
    for language, words in (
        ("fr", ["recherche", "90 jours", "registre national"]),
        ("nl", ["zoek", "90 dagen", "rijksregisternummer"]),
        ("en", ["search", "90 days", "national register number"]),
    ):
        html = client.get(page_url(privacy, language)).content.decode()
        text = text_of(html)
        assert all(word in text for word in words), (language, words)


def test_counts_are_added_up_in_the_process_and_written_together(client, settings):
    settings.SEARCH_STATISTICS_FLUSH_SECONDS = 3600
    statistics.flush()
    search(client, "en", "platypus")
    search(client, "en", "Platypus")
    assert not SearchQueryDay.objects.filter(query="platypus").exists()
    statistics.flush()
    assert stored()[("en", "platypus")] == (2, 2)
