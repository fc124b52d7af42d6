"""The open-data API at /api/v2/: read-only JSON, every language's fields, events and series."""

import csv
import io

import pytest
from django.utils import translation
from wagtail.models import Page

from content.models import (
    DataSeries,
    HomePage,
    KeyFiguresPage,
    ThemePage,
    TimelineEvent,
    TimelinePage,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "nl", "en")


def get_json(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def absolute(page, language):
    """Full addresses are on the Wagtail site's host, as Wagtail's own html_url."""
    with translation.override(language):
        return page.get_full_url()


@pytest.fixture
def ageing():
    return ThemePage.objects.get(slug_en="ageing")


def test_pages_listing_gives_every_live_page_with_titles_and_addresses_in_every_language(client):
    data = get_json(client, "/api/v2/pages/?limit=100")
    live = Page.objects.live().public().filter(depth__gt=1)
    assert data["meta"]["total_count"] == live.count()
    assert {item["id"] for item in data["items"]} == set(live.values_list("pk", flat=True))
    home = next(item for item in data["items"] if item["meta"]["type"] == "content.HomePage")
    assert home["title_nl"] == HomePage.objects.get().title_nl
    for item in data["items"]:
        assert all(item[f"title_{code}"] for code in LANGUAGES)
        assert set(item["meta"]["html_urls"]) == set(LANGUAGES)


def test_page_detail_has_each_translated_field_in_every_language(client, ageing):
    data = get_json(client, f"/api/v2/pages/{ageing.pk}/")
    for code in LANGUAGES:
        assert data[f"title_{code}"] == getattr(ageing, f"title_{code}")
        assert data[f"intro_{code}"] == getattr(ageing, f"intro_{code}")
        assert data[f"slug_{code}"] == getattr(ageing, f"slug_{code}")
        assert data["meta"]["html_urls"][code] == absolute(ageing, code)
        body = data[f"body_{code}"]
        assert [block["type"] for block in body] == [
            block.block_type for block in getattr(ageing, f"body_{code}")
        ]
    assert data["meta"]["html_url"] == data["meta"]["html_urls"]["fr"]
    headings = [block["value"]["text"] for block in data["body_nl"] if block["type"] == "heading"]
    assert headings == [
        block.value["text"] for block in ageing.body_nl if block.block_type == "heading"
    ]
    assert "url_path_fr" not in data


def test_page_detail_names_its_sources(client, ageing):
    data = get_json(client, f"/api/v2/pages/{ageing.pk}/")
    citations = list(ageing.citations())
    assert len(data["source_citations"]) == len(citations)
    first = data["source_citations"][0]
    assert first["publication"]["id"] == citations[0].publication_id
    assert first["detail_en"] == citations[0].detail_en
    assert first["publication"]["html_urls"]["nl"] == absolute(citations[0].publication, "nl")


def test_fields_can_be_chosen_per_language(client):
    data = get_json(client, "/api/v2/pages/?type=content.ThemePage&fields=intro_nl")
    assert data["meta"]["total_count"] == ThemePage.objects.live().count()
    for item in data["items"]:
        page = ThemePage.objects.get(pk=item["id"])
        assert item["intro_nl"] == page.intro_nl
        assert "intro_fr" not in item


def test_the_answer_does_not_depend_on_the_visitor_language(client, ageing):
    english = get_json(client, f"/api/v2/pages/{ageing.pk}/", accept_language="en")
    dutch = get_json(client, f"/api/v2/pages/{ageing.pk}/", accept_language="nl")
    assert english == dutch
    assert english["title"] == ageing.title_fr  # the untranslated name is the default language


def test_timeline_events_are_data_in_every_language(client):
    timeline = TimelinePage.objects.get()
    events = list(timeline.events.order_by("date", "sort_order"))
    data = get_json(client, "/api/v2/timeline-events/?limit=100")
    assert data["meta"]["total_count"] == len(events)
    first = data["items"][0]
    assert first["date"] == events[0].date.isoformat()
    assert first["precision"] == events[0].precision
    for code in LANGUAGES:
        assert first[f"headline_{code}"] == getattr(events[0], f"headline_{code}")
        assert first[f"era_{code}"] == getattr(events[0], f"era_{code}")
    dates = [item["date"] for item in data["items"]]
    assert dates == sorted(dates)
    linked = next(item for item in data["items"] if item["theme"])
    assert set(linked["theme"]["meta"]["html_urls"]) == set(LANGUAGES)


def test_timeline_events_are_nested_in_their_page_too(client):
    timeline = TimelinePage.objects.get()
    data = get_json(client, "/api/v2/pages/?type=content.TimelinePage&fields=events(headline_nl)")
    events = data["items"][0]["events"]
    assert len(events) == timeline.events.count()
    assert {event["headline_nl"] for event in events} == set(
        timeline.events.values_list("headline_nl", flat=True)
    )


def test_data_series_give_their_points_as_numbers_and_csv_addresses(client):
    series = DataSeries.objects.order_by("page__path", "sort_order")
    data = get_json(client, "/api/v2/data-series/?limit=100")
    assert data["meta"]["total_count"] == series.count()
    first, model = data["items"][0], series.first()
    assert first["key"] == model.key
    assert [point["label"] for point in first["points"]] == [label for label, _v in model.points()]
    assert [point["value"] for point in first["points"]] == [
        float(value) for _label, value in model.points()
    ]
    assert all(isinstance(point["value"], int | float) for point in first["points"])
    for code in LANGUAGES:
        assert first[f"title_{code}"] == getattr(model, f"title_{code}")
    csv_url = first["meta"]["csv_urls"]["nl"]
    assert csv_url.startswith(absolute(model.page, "nl"))
    csv_response = client.get(csv_url.removeprefix(model.page.get_site().root_url))
    assert csv_response.status_code == 200
    rows = list(csv.reader(io.StringIO(csv_response.content.decode())))
    assert rows[0] == [model.label_heading_nl, model.unit_nl]
    assert len(rows) == len(first["points"]) + 1


def test_series_are_nested_in_the_key_figures_page(client):
    page = KeyFiguresPage.objects.get()
    data = get_json(client, f"/api/v2/pages/{page.pk}/")
    assert [item["key"] for item in data["series"]] == list(
        page.series.values_list("key", flat=True)
    )


@pytest.mark.parametrize(
    "url", ["/api/v2/pages/", "/api/v2/timeline-events/", "/api/v2/data-series/"]
)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, url, method):
    pages, events = Page.objects.count(), TimelineEvent.objects.count()
    response = getattr(client, method)(url, data={"title": "x"}, content_type="application/json")
    assert response.status_code == 405
    assert Page.objects.count() == pages and TimelineEvent.objects.count() == events


def test_unpublished_pages_and_their_data_are_not_served(client):
    timeline = TimelinePage.objects.get()
    timeline.unpublish()
    assert client.get(f"/api/v2/pages/{timeline.pk}/").status_code == 404
    assert get_json(client, "/api/v2/timeline-events/")["meta"]["total_count"] == 0
    ids = {item["id"] for item in get_json(client, "/api/v2/pages/?limit=100")["items"]}
    assert timeline.pk not in ids


@pytest.mark.parametrize(
    "query",
    [
        "fields=nonexistent",
        "type=nope.Nope",
        "limit=abc",
        "offset=-5",
        "order=zzz",
        "unknown=1",
        "fields=title_fr(x)",
        "rich_text_format=nonsense",
    ],
)
def test_bad_parameters_get_a_400_with_a_message(client, query):
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 400
    assert response.json()["message"]


def test_the_api_lives_outside_the_language_prefixes(client):
    assert client.get("/api/v2/pages/").status_code == 200
    assert client.get("/fr/api/v2/pages/").status_code == 404
