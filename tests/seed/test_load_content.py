"""`load_content`: idempotent, respects editors' changes, refuses bad seed files atomically."""

from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command
from wagtail.models import Page

from content.models import ThemePage
from seed.models import SeedRecord

pytestmark = pytest.mark.django_db


def load(seed_dir, *args):
    out = StringIO()
    call_command("load_content", "--seed-dir", str(seed_dir), *args, stdout=out)
    return out.getvalue()


def edit_seed(seed_dir, key, change):
    path = next(p for p in seed_dir.glob("*.yaml") if yaml.safe_load(p.read_text())["key"] == key)
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return path


def test_every_seed_file_became_a_live_page(settings):
    keys = {yaml.safe_load(p.read_text())["key"] for p in settings.CONTENT_SEED_DIR.glob("*.yaml")}
    records = SeedRecord.objects.select_related("page")
    assert {r.key for r in records} == keys
    assert all(r.page.live for r in records)


def test_loading_again_changes_nothing(seed_copy):
    pages, revisions = (
        Page.objects.count(),
        {p.pk: p.latest_revision_id for p in Page.objects.all()},
    )
    output = load(seed_copy)
    assert "0 created, 0 updated" in output
    assert Page.objects.count() == pages
    assert {p.pk: p.latest_revision_id for p in Page.objects.all()} == revisions


def test_a_changed_seed_file_updates_its_page(seed_copy):
    edit_seed(seed_copy, "theme-ageing", lambda d: d["intro"].update(nl="Nieuwe inleiding."))
    output = load(seed_copy)
    assert "1 updated" in output and "theme-ageing: updated" in output
    assert ThemePage.objects.get(slug_en="ageing").intro_nl == "Nieuwe inleiding."


def test_an_editor_change_is_kept_unless_forced(seed_copy):
    page = ThemePage.objects.get(slug_en="ageing")
    page.title_nl = "Titel van de redactie"
    page.save_revision().publish()
    edit_seed(seed_copy, "theme-ageing", lambda d: d["intro"].update(en="A new introduction."))

    output = load(seed_copy)
    assert "theme-ageing: skipped" in output and "--force" in output
    page.refresh_from_db()
    assert page.title_nl == "Titel van de redactie"
    assert page.intro_en != "A new introduction."

    output = load(seed_copy, "--force")
    assert "theme-ageing: updated" in output
    page.refresh_from_db()
    assert page.intro_en == "A new introduction."
    assert page.title_nl != "Titel van de redactie"


def test_a_malformed_file_is_refused_and_nothing_changes(seed_copy):
    edit_seed(seed_copy, "theme-ageing", lambda d: d["intro"].update(en="Changed in a good file."))
    broken = edit_seed(seed_copy, "theme-equality", lambda d: d["title"].pop("nl"))
    revisions = {p.pk: p.latest_revision_id for p in Page.objects.all()}
    with pytest.raises(CommandError) as error:
        load(seed_copy)
    assert broken.name in str(error.value)
    assert "title" in str(error.value) and "nl" in str(error.value)
    assert ThemePage.objects.get(slug_en="ageing").intro_en != "Changed in a good file."
    assert {p.pk: p.latest_revision_id for p in Page.objects.all()} == revisions


def test_a_text_longer_than_its_field_is_refused_naming_file_and_field(seed_copy):
    """PostgreSQL would refuse it mid-load with a bare DataError; SQLite would keep it."""

    def long_source_line(data):
        data["sources"][0]["detail"] = {"fr": "x" * 201, "nl": "kort", "en": "short"}

    path = edit_seed(seed_copy, "theme-ageing", long_source_line)
    with pytest.raises(CommandError) as error:
        load(seed_copy)
    message = str(error.value)
    assert path.name in message and "sources[0].detail.fr" in message and "200" in message


def test_invalid_yaml_names_the_file(seed_copy):
    bad = seed_copy / "099_broken.yaml"
    bad.write_text("key: [unclosed\n")
    with pytest.raises(CommandError, match="099_broken.yaml"):
        load(seed_copy)


def test_a_block_missing_a_language_names_the_field(seed_copy):
    def drop_dutch_paragraph(data):
        data.setdefault("body", []).append(
            {"type": "paragraph", "value": {"fr": "Texte", "en": "Text"}}
        )

    path = edit_seed(seed_copy, "theme-ageing", drop_dutch_paragraph)
    with pytest.raises(CommandError) as error:
        load(seed_copy)
    assert (
        path.name in str(error.value) and "body[" in str(error.value) and "nl" in str(error.value)
    )


def test_an_invalid_block_value_is_refused_after_page_creation_too(seed_copy):
    """A block error found while writing (phase 2) still rolls back the pages made in phase 1."""
    new = seed_copy / "099_new.yaml"
    new.write_text(
        yaml.safe_dump(
            {
                "key": "theme-new",
                "type": "ThemePage",
                "parent": "home",
                "title": {"fr": "Nouveau", "nl": "Nieuw", "en": "New"},
                "slug": {"fr": "nouveau", "nl": "nieuw", "en": "new"},
                "body": [
                    {
                        "type": "key_figure",
                        "value": {
                            "value": "not a number",
                            "unit": "",
                            "label": "x",
                            "year": "1",
                            "source": "s",
                        },
                    }
                ],
            },
            allow_unicode=True,
        )
    )
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="099_new.yaml"):
        load(seed_copy)
    assert Page.objects.count() == pages
    assert not SeedRecord.objects.filter(key="theme-new").exists()


def test_a_removed_seed_file_never_deletes_its_page(seed_copy):
    path = edit_seed(seed_copy, "theme-ageing", lambda d: None)
    path.unlink()
    # Other pages still point at it (timeline events, related pages): keep it out of references.
    for other in seed_copy.glob("*.yaml"):
        if "theme-ageing" in other.read_text():
            other.write_text(other.read_text().replace("theme-ageing", "theme-equality"))
    load(seed_copy)
    assert ThemePage.objects.filter(slug_en="ageing").exists()
