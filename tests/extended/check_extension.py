"""A fourth language and a new translated field reach every consumer with no code change.

Run with tests/extended/settings.py (German added, the probe app installed) by
tests/core/test_extension.py; collected only there (the file name is not test_*.py).
"""

import re

import pytest
from django.utils import translation

from core import translated
from core.languages import language_codes
from delivery.api import translated_field_names
from editorial.forms import require_translations
from editorial.translation_files import importing, po
from editorial.translation_files.exporting import export_page
from editorial.translation_status import update_statuses
from qa.catalogues import catalogue_problems
from search.configs import search_configs
from search.text import page_text
from seed.schema import SeedError, parse_file

from .probe.models import ProbeNote, ProbePage

pytestmark = pytest.mark.django_db


def test_the_settings_add_german():
    assert language_codes()[-1] == "de"


# --- German, with no code change ------------------------------------------------------------


def test_german_pages_are_served_under_de_with_their_translated_slug(client, tree):
    response = client.get("/de/ageing-de/")
    assert response.status_code == 200
    assert '<html lang="de"' in response.content.decode()
    assert "Ageing de" in response.content.decode()


def test_the_admin_form_has_the_german_fields(tree):
    form_class = type(tree["theme"]).get_edit_handler().get_form_class()
    assert {"title_de", "slug_de", "intro_de", "body_de"} <= set(form_class.base_fields)


def test_german_is_searched_with_the_german_configuration():
    assert "german" in search_configs()["de"]


def test_the_api_gives_the_german_fields(client, tree):
    response = client.get(f"/api/v2/pages/{tree['theme'].pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["title_de"] == "Ageing de"
    assert data["meta"]["html_urls"]["de"].endswith("/de/ageing-de/")


def test_the_sitemap_lists_the_german_alternates(client, tree):
    xml = client.get("/sitemap.xml").content.decode()
    assert re.search(r'hreflang="de"\s+href="[^"]*/de/ageing-de/"', xml)


def test_the_translation_report_has_a_german_column(admin_client, tree):
    theme = tree["theme"]
    theme.title_de = ""
    theme.save_revision()
    response = admin_client.get("/admin/reports/translations/")
    assert response.status_code == 200
    assert "German" in response.content.decode() or "Allemand" in response.content.decode()


def test_the_catalogue_check_asks_for_a_german_catalogue():
    assert any(problem.startswith("de: ") for problem in catalogue_problems())


# --- A new translated field (tagline) and inline item (notes), with no code change -----------


def test_the_registry_knows_the_new_field_and_inline_item():
    assert "tagline" in translated.translated_fields(ProbePage)
    assert "tagline" in translated.required_fields(ProbePage)
    assert ("notes", ProbeNote, ["caption"]) in translated.child_relations(ProbePage)


def test_the_seed_schema_needs_the_new_field_in_every_language(tmp_path):
    seed = tmp_path / "probe.yaml"
    seed.write_text(
        "key: probe\ntype: ProbePage\nparent: home\n"
        + "".join(
            f"{name}: {{{', '.join(f'{code}: {name}-{code}' for code in language_codes())}}}\n"
            for name in ("title", "slug")
        )
        + "tagline: {fr: a, nl: b, en: c}\n",
        encoding="utf-8",
    )
    with pytest.raises(SeedError) as error:
        parse_file(seed)
    assert error.value.where == "tagline"


def test_search_reads_the_new_field_and_inline_item(tree):
    text = page_text(tree["probe"], "de")
    assert "Tagline de" in text.body_text
    assert "Caption de" in text.body_text


def test_the_api_gives_the_new_field_in_every_language(client, tree):
    assert {f"tagline_{code}" for code in language_codes()} <= set(
        translated_field_names(ProbePage)
    )
    data = client.get(f"/api/v2/pages/{tree['probe'].pk}/").json()
    assert data["tagline_de"] == "Tagline de"


def test_the_translation_report_notices_a_missing_translation_of_the_new_field(tree):
    probe = tree["probe"]
    probe.tagline_nl = ""
    probe.notes.first().caption_nl = ""
    statuses = update_statuses(
        probe.pk, ProbePage, probe.serializable_data(), probe.last_published_at
    )
    assert "tagline" in statuses["nl"].missing_fields
    assert statuses["de"].missing_fields == []


def test_the_admin_form_requires_the_new_field_in_every_language(tree):
    form_class = ProbePage.get_edit_handler().get_form_class()
    probe = tree["probe"]
    form = form_class(instance=probe, for_user=None)
    form.cleaned_data = {f"tagline_{code}": "x" for code in language_codes()} | {"tagline_de": ""}
    form._errors = {}
    form.fields = {name: field for name, field in form.fields.items() if name.startswith("tagline")}
    require_translations(form)
    assert "tagline_de" in form.errors and "tagline_fr" not in form.errors


def test_the_fallback_notice_covers_the_new_field(tree):
    probe = tree["probe"]
    probe.tagline_nl = ""
    with translation.override("nl"):
        assert "tagline" in probe.fallback_fields()


def test_translation_files_export_and_import_german_with_the_new_field(admin_user, tree):
    probe = tree["probe"]
    probe.save_revision()
    exported = export_page(probe, "de")
    units = {unit.id: unit for unit in exported.units}
    assert units["tagline"].source.text() == "Tagline fr"
    assert units["tagline"].target_tokens == [("text", "Tagline de")]
    note = probe.notes.first()
    assert f"notes.{note.pk}.caption" in units
    catalogue = (
        po.write(exported, "fr", "de")
        .decode()
        .replace('msgstr "Tagline de"', 'msgstr "Neue Tagline"')
    )
    plan = importing.check("probe.po", catalogue.encode(), admin_user, "de", page_id=probe.pk)
    assert not plan.errors
    importing.apply(plan, admin_user)
    assert ProbePage.objects.get(pk=probe.pk).get_latest_revision_as_object().tagline_de == (
        "Neue Tagline"
    )
