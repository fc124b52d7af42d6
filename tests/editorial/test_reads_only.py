"""Reading the translation report or the dashboard writes nothing to the database.

The statuses of pages saved before they were recorded are computed after `migrate`
(EditorialConfig connects the backfill to post_migrate), never while an editor reads a page.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from editorial.models import TranslationStatus
from editorial.translation_status import ensure_statuses
from tests.editor_helpers import make_user

pytestmark = pytest.mark.django_db
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


@pytest.fixture
def moderator():
    return make_user("reader", "Moderators", language="nl")


def writes_during(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [
        query["sql"]
        for query in queries.captured_queries
        if WRITE.match(query["sql"]) and "django_session" not in query["sql"]
    ]


def test_the_report_and_the_dashboard_write_nothing_even_for_pages_without_a_status(
    client, moderator
):
    page = Page.objects.filter(depth=3).first()
    TranslationStatus.objects.filter(page=page).delete()
    client.force_login(moderator)
    for url in (reverse("content_translation_report"), reverse("wagtailadmin_home")):
        assert writes_during(client, url) == [], url
    assert not TranslationStatus.objects.filter(page=page).exists()


def test_the_backfill_after_migrate_records_pages_without_a_status():
    page = Page.objects.filter(depth=3).first()
    TranslationStatus.objects.filter(page=page).delete()
    ensure_statuses()
    assert TranslationStatus.objects.filter(page=page).count() >= 1
