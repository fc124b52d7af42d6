"""A draft save leaves Wagtail's search index alone; publishing still updates it
(editorial.search_index). The admin's page search finds a page by its live titles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.models import ThemePage
from tests.editor_helpers import page_form_data

pytestmark = pytest.mark.django_db


def index_writes(queries):
    return [
        query["sql"]
        for query in queries
        if "indexentry" in query["sql"].lower()
        and query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def admin_search_finds(client, words, page):
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": words})
    assert response.status_code == 200
    return reverse("wagtailadmin_pages:edit", args=[page.pk]) in response.content.decode()


def test_a_draft_save_does_not_rewrite_the_index_and_publishing_does(client, admin_user):
    client.force_login(admin_user)
    page = ThemePage.objects.get(slug_en="ageing")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    draft = page_form_data(page, title_en="Zanzibar draft heading")
    with CaptureQueriesContext(connection) as queries:
        assert client.post(url, draft).status_code == 302
    assert ThemePage.objects.get(pk=page.pk).has_unpublished_changes
    assert not index_writes(queries.captured_queries)
    assert not admin_search_finds(client, "Zanzibar", page)

    published = page_form_data(page, title_en="Quokka heading", **{"action-publish": "1"})
    with CaptureQueriesContext(connection) as queries:
        assert client.post(url, published).status_code == 302
    assert index_writes(queries.captured_queries)
    assert admin_search_finds(client, "Quokka", page)
    assert not admin_search_finds(client, "Zanzibar", page)
