"""The preview on edit shows the editor's unsaved form, in each language, without validating the
whole form again for every view (editorial/preview.py), and through one middleware chain per
process (core/preview.py)."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from content.blocks import RICH_TEXT_FEATURES
from content.models import FormPage, KeyFiguresPage, ThemePage
from core import preview
from core.languages import language_codes
from tests.editor_helpers import make_user, page_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(client):
    user = make_user("moderator", "Moderators", language="fr")
    client.force_login(user)
    return user


def preview_url(page):
    return reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])


def with_unsaved_paragraphs(page, **changes):
    """The page's form with the first paragraph of each language's body rewritten."""
    data = page_form_data(page, **changes)
    for code in language_codes():
        index = next(
            key.split("-")[1]
            for key, value in data.items()
            if re.fullmatch(rf"body_{code}-\d+-type", key) and value == "paragraph"
        )
        data[f"body_{code}-{index}-value"] = rich_text(
            f"<p>Unsaved paragraph ({code})</p>", features=RICH_TEXT_FEATURES
        )
    return data


def per_request(html):
    """The HTML without what changes on every request: the CSP nonce and the CSRF token."""
    html = re.sub(r'nonce="[^"]+"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_the_preview_shows_the_unsaved_body_and_title_in_each_language_kept_or_not(
    client, moderator
):
    page = ThemePage.objects.get(slug_en="ageing")
    titles = {f"title_{code}": f"Unsaved title ({code})" for code in language_codes()}
    response = client.post(preview_url(page), with_unsaved_paragraphs(page, **titles))
    assert response.json() == {"is_valid": True, "is_available": True}

    for kept in (True, False):
        if not kept:
            cache.clear()  # the kept copy is gone: the preview validates the stored form again
        for code in language_codes():
            content = client.get(preview_url(page), {"mode": code}).content.decode()
            assert f'<html lang="{code}">' in content
            assert f"Unsaved title ({code})" in content
            assert f"Unsaved paragraph ({code})" in content
            for other in set(language_codes()) - {code}:
                assert f"Unsaved paragraph ({other})" not in content

    page.refresh_from_db()
    assert "Unsaved" not in page.title_fr  # a preview saves nothing
    assert not page.has_unpublished_changes


def test_the_kept_preview_is_the_validated_preview(client, moderator):
    """Same HTML, byte for byte (apart from the CSP nonce and the CSRF token), for every mode
    of a page with inline items (data series and their publications) and a draft newer than the
    live page, and of the form page."""
    draft = KeyFiguresPage.objects.get().get_latest_revision_as_object()
    draft.intro_nl = "Een nog niet gepubliceerde inleiding."
    draft.save_revision()
    for page in (KeyFiguresPage.objects.get(), FormPage.objects.get()):
        assert client.post(preview_url(page), page_form_data(page)).json()["is_valid"]
        for mode, _label in page.preview_modes:
            kept = client.get(preview_url(page), {"mode": mode}).content.decode()
            cache.clear()
            validated = client.get(preview_url(page), {"mode": mode}).content.decode()
            assert per_request(kept) == per_request(validated)


def test_a_preview_costs_the_queries_of_the_public_page_and_the_admin_request(client, moderator):
    """The stored form is not validated again (which loaded every chosen page and publication
    one at a time): what the form chose is loaded once per model."""
    page = KeyFiguresPage.objects.get()
    assert page.series.count() >= 5
    assert client.post(preview_url(page), page_form_data(page)).json()["is_valid"]
    client.get(preview_url(page), {"mode": "nl"})
    with CaptureQueriesContext(connection) as kept:
        client.get(preview_url(page), {"mode": "nl"})
    cache.clear()
    with CaptureQueriesContext(connection) as validated:
        client.get(preview_url(page), {"mode": "nl"})
    with translation.override("nl"):
        public_url = page.get_url()
    with CaptureQueriesContext(connection) as public:
        client.get(public_url)
    assert len(kept) <= len(public) + 10 < len(validated), (len(kept), len(public), len(validated))


def test_a_publication_deleted_since_the_form_was_posted_makes_the_preview_unavailable(
    client, moderator
):
    """As Wagtail's preview does, whose validation of the stored form now fails."""
    page = ThemePage.objects.get(slug_en="ageing")
    citation = page.source_citations.first()
    assert citation is not None
    assert client.post(preview_url(page), page_form_data(page)).json()["is_valid"]
    Page.objects.get(pk=citation.publication_id).delete()
    response = client.get(preview_url(page), {"mode": "en"})
    assert "wagtailadmin/generic/preview_error.html" in [t.name for t in response.templates]


def test_an_invalid_form_is_answered_from_the_kept_copy_of_the_previous_one(client, moderator):
    page = ThemePage.objects.get(slug_en="ageing")
    assert client.post(preview_url(page), page_form_data(page)).json()["is_valid"]
    invalid = page_form_data(page, slug_fr="not a slug!")
    assert client.post(preview_url(page), invalid).json() == {
        "is_valid": False,
        "is_available": True,
    }
    cache.clear()
    assert client.post(preview_url(page), invalid).json() == {
        "is_valid": False,
        "is_available": True,
    }


def test_previews_go_through_one_middleware_chain_per_process(client, moderator):
    page = ThemePage.objects.get(slug_en="ageing")
    assert client.post(preview_url(page), page_form_data(page)).json()["is_valid"]
    first = client.get(preview_url(page), {"mode": "fr"})
    handler = preview.preview_handler()
    second = client.get(preview_url(page), {"mode": "nl"})
    assert preview.preview_handler() is handler
    for response in (first, second):
        # What the chain adds is still there: the preview's own frame policy, a private response.
        assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
        assert "private" in response["Cache-Control"]
