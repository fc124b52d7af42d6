"""The StreamField block definitions are packed once per process and language
(editorial.block_definitions), and the editor still gets exactly what Wagtail would pack."""

import html
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.admin.telepath import JSContext

from content.models import ThemePage
from tests.editor_helpers import make_user

pytestmark = pytest.mark.django_db

BODIES = ("body_fr", "body_nl", "body_en")


# Drawn at random on every pack: the ids of a list block's default items and the keys of a
# rich text block's empty Draftail state. Wagtail's own pack differs from itself there too.
RANDOM = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|"
    r'(?<=\\"key\\": \\")[0-9a-z]{5}(?=\\")'
)


def without_random(definition):
    return json.loads(RANDOM.sub("random", json.dumps(definition)))


def packed_definitions(response):
    """The block definition of each StreamField on the edit form, by field name."""
    found = re.findall(
        r'<div id="(body_\w\w)" data-block data-controller="w-block" '
        r'data-w-block-data-value="([^"]*)"',
        response.content.decode(),
    )
    return {name: without_random(json.loads(html.unescape(value))) for name, value in found}


def fresh_pack(field_name, language):
    block = ThemePage._meta.get_field(field_name).stream_block
    with translation.override(language):
        return without_random(JSContext().pack(block))


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_editor_gets_the_block_definitions_wagtail_packs_in_its_language(client, language):
    editor = make_user(f"editor-{language}", "Editors", language=language)
    client.force_login(editor)
    page = ThemePage.objects.get(slug_en="ageing")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    for _ in range(2):  # the first request packs, the second reuses
        definitions = packed_definitions(client.get(url))
        assert sorted(definitions) == sorted(BODIES)
        for name in BODIES:
            assert definitions[name] == fresh_pack(name, language)


def test_each_language_gets_its_own_labels(client):
    page = ThemePage.objects.get(slug_en="ageing")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    seen = {}
    for language in ("nl", "fr"):
        client.force_login(make_user(f"editor-labels-{language}", "Editors", language=language))
        seen[language] = json.dumps(packed_definitions(client.get(url))["body_nl"])
    assert seen["nl"] != seen["fr"]


def test_forms_built_for_two_requests_share_one_packed_definition(rf):
    form_class = ThemePage.get_edit_handler().get_form_class()
    page = ThemePage.objects.get(slug_en="ageing")
    with translation.override("nl"):
        first, second = form_class(instance=page), form_class(instance=page)
        widgets = [form.fields["body_fr"].widget for form in (first, second)]
        assert widgets[0] is not widgets[1]
        assert widgets[0].block_json is widgets[1].block_json
