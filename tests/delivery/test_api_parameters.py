"""Every odd parameter of the API gets a 400 with a JSON message, never a 5xx."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "9223372036854775808"  # 2**63: past every database's integer

ODD_PARAMETERS = [
    ("pages", f"offset={HUGE}"),
    ("pages", f"limit={HUGE}"),
    ("pages", "offset=1e3"),
    ("pages", "search_operator=xx"),
    ("pages", "search=pension&search_operator=xx"),
    ("pages", "search=pen%00sion"),
    ("pages", "locale=%00"),
    ("pages", "first_published_at=x"),
    ("pages", "first_published_at="),
    ("pages", "first_published_at=2019-13-45"),
    ("pages", "last_published_at=%00"),
    ("pages", "publication_year=x"),
    ("pages", f"publication_year={HUGE}"),
    ("pages", "type=content.PublicationPage&publication_year=x"),
    ("pages", f"type=content.PublicationPage&publication_year={HUGE}"),
    ("pages", "type=content.TimelinePage&show_in_menus=maybe"),
    ("pages", "show_in_menus=maybe"),
    ("pages", "title_fr=%00"),
    ("pages", "type=%00"),
    ("pages", "fields=%00"),
    ("pages", "fields=nope,other"),
    ("pages", "order=%00"),
    ("pages", "order=-nope"),
    ("pages", "id=x"),
    ("pages", f"id={HUGE}"),
    ("pages", "child_of=x"),
    ("pages", f"child_of={HUGE}"),
    ("pages", f"descendant_of={HUGE}"),
    ("pages", "translation_of=x"),
    ("pages", "site=%00"),
    ("pages", "html_path=%00"),
    ("pages", "slug=%00"),
    ("pages/find", "html_path=%00"),
    ("pages/find", "id=x"),
    ("pages/find", f"id={HUGE}"),
    ("timeline-events", "date=x"),
    ("timeline-events", "date="),
    ("timeline-events", "date=2019-13-45"),
    ("timeline-events", f"end_year={HUGE}"),
    ("timeline-events", "end_year=x"),
    ("timeline-events", "precision=%00"),
    ("timeline-events", f"offset={HUGE}"),
    ("timeline-events", "search=x"),
    ("timeline-events", "fields=nope"),
    ("timeline-events", "id=x"),
    ("data-series", "key=%00"),
    ("data-series", f"id={HUGE}"),
    ("data-series", "order=nope"),
]


@pytest.mark.parametrize(("endpoint", "query"), ODD_PARAMETERS)
def test_an_odd_parameter_gets_a_400_with_a_message(client, endpoint, query):
    response = client.get(f"/api/v2/{endpoint}/?{query}")
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]


@pytest.mark.parametrize("endpoint", ["pages", "timeline-events", "data-series"])
def test_an_id_too_large_for_the_database_is_not_found(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/{HUGE}/")
    assert response.status_code == 404
    assert response.json()["message"]


def test_good_parameters_still_work(client):
    assert client.get("/api/v2/pages/?offset=2&limit=3").json()["meta"]["total_count"] > 3
    assert client.get("/api/v2/pages/?type=content.PublicationPage&publication_year=2019").json()[
        "items"
    ]
    assert client.get("/api/v2/pages/?search=pension&search_operator=or").status_code == 200
    assert client.get("/api/v2/timeline-events/?date=1944-12-28").status_code == 200
