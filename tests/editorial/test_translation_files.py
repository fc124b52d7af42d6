"""Translation files: every block kind and inline code goes out as XLIFF 2.0 or PO and comes
back as a draft revision in the target language; bad files are refused, clearly, in the editor's
language, and nothing is written."""

import io
import xml.etree.ElementTree as ET
import zipfile

import polib
import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Revision

from content.models import HomePage, StandardPage
from editorial.models import TranslationStatus
from editorial.translation_files import importing, po, xliff
from editorial.translation_files.exporting import export_page
from tests.editor_helpers import make_user
from tests.editorial.translation_files_data import DUTCH, X, make_page, translate_xliff

pytestmark = pytest.mark.django_db

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def translate_po(data):
    catalogue = polib.pofile(data.decode("utf-8"))
    for entry in catalogue:
        text = entry.msgid
        for french, dutch_text in sorted(DUTCH.items(), key=lambda item: -len(item[0])):
            if len(french) > 2:
                text = text.replace(french, dutch_text)
        entry.msgstr = text
    return str(catalogue).encode("utf-8")


@pytest.fixture
def editor():
    return make_user("vertaler", "Editors", language="nl")


@pytest.fixture
def page():
    return make_page()


def exported(page, file_format, language="nl"):
    pages = [export_page(page, language)]
    if file_format == "xliff":
        return xliff.write(pages, "fr", language)
    return po.write(pages[0], "fr", language)


def import_file(data, user, page, language="nl"):
    plan = importing.check("file", data, user, language, page_id=page.pk)
    assert not plan.errors, plan.errors
    importing.apply(plan, user)
    return StandardPage.objects.get(pk=page.pk).get_latest_revision_as_object()


def blocks_by_id(stream):
    return {item["id"]: item for item in stream.raw_data}


def test_export_keeps_identity_source_current_target_and_inline_codes(page):
    root = ET.fromstring(exported(page, "xliff", language="en"))
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "fr", "en")
    units = {unit.get("id"): unit for unit in root.iter(f"{X}unit")}
    assert units["title"].find(f"{X}segment/{X}target").text == "Pensions"  # current English
    assert units["intro"].find(f"{X}segment/{X}target").text == "An introduction."
    assert units["body.b-heading.text"].find(f"{X}segment/{X}target") is None
    # Rich text: inline codes, never raw HTML; the markup itself is in <originalData>.
    source = units["body.b-paragraph.s1"].find(f"{X}segment/{X}source")
    assert source.get(XML_SPACE) == "preserve"
    assert [
        (code.tag.removeprefix(X), code.get("id")) for code in source.iter() if code is not source
    ] == [("pc", "1"), ("pc", "2"), ("pc", "3"), ("pc", "4"), ("ph", "5")]
    assert "<" not in "".join(source.itertext())
    data = {d.get("id"): d.text for d in units["body.b-paragraph.s1"].iter(f"{X}data")}
    assert data["d3s"] == '<a href="https://www.socialsecurity.be/">'
    # Nested struct and list children, table cells with words, and where each unit is.
    assert "body.b-services.services.i-service.description" in units
    assert {"body.b-table.caption", "body.b-table.r1c1", "body.b-table.r1c2"} <= set(units)
    assert "body.b-table.r2c1" not in units  # "1999": figures only, nothing to translate
    assert not any(unit_id.startswith("body.b-summary") for unit_id in units)  # its own language
    assert "slug" not in units
    notes = {n.get("category"): n.text for n in units["title"].iter(f"{X}note")}
    assert notes["location"] == "Titre" and len(notes["source-fingerprint"]) == 16


@pytest.mark.parametrize("file_format", ["xliff", "po"])
def test_every_block_kind_and_inline_code_round_trips(page, editor, file_format):
    data = exported(page, file_format)
    translated = translate_xliff(data) if file_format == "xliff" else translate_po(data)
    revisions_before = Revision.objects.filter(object_id=str(page.pk)).count()
    draft = import_file(translated, editor, page)

    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions_before + 1
    assert draft.title_nl == "De pensioenen"
    assert draft.intro_nl == "Een inleiding."
    assert draft.slug_nl == "pensioenen"
    french, dutch_blocks = blocks_by_id(page.body_fr), blocks_by_id(draft.body_nl)
    assert list(dutch_blocks) == list(french)  # same blocks, same ids, same order
    home = HomePage.objects.get().pk
    assert dutch_blocks["b-paragraph"]["value"] == (
        '<p>De <b>sociale</b> zekerheid, <i>zie</i> <a href="https://www.socialsecurity.be/">'
        "het <b>portaal</b></a>.<br/>Vervolg &amp; einde.</p><ul><li>Eerste punt</li><li>"
        f'Tweede <a linktype="page" id="{home}">punt</a></li></ul>'
    )
    assert dutch_blocks["b-heading"]["value"] == {"text": "Een sectietitel", "level": "h2"}
    figure = dutch_blocks["b-figure"]["value"]
    assert (figure["label"], figure["unit"], figure["year"]) == ("Gini-coëfficiënt", "%", "2019")
    assert str(figure["value"]) == "0.268"
    assert dutch_blocks["b-testimonial"]["value"]["attribution"] == "Een werkneemster"
    assert dutch_blocks["b-callout"]["value"]["text"] == "<p>Eén minuut <b>online</b>.</p>"
    service = dutch_blocks["b-services"]["value"]["services"][0]
    assert service["id"] == "i-service"
    assert service["value"]["description"] == "Uw pensioenrechten."
    assert service["value"]["url"] == "https://www.mypension.be"
    image = dutch_blocks["b-image"]["value"]
    assert image["image"] == blocks_by_id(page.body_fr)["b-image"]["value"]["image"]
    assert (image["alt_text"], image["caption"]) == ("Een grafiek van de pensioenen", "Bron: FOD")
    table = dutch_blocks["b-table"]["value"]
    assert table["table_caption"] == "Loopbaanonderbrekingen"
    assert table["data"] == [["Jaar", "Personen"], ["1999", "115168"]]
    assert dutch_blocks["b-summary"]["value"]["heading"] == "Равенство"
    assert dutch_blocks["b-related"]["value"]["heading"] == "Lees ook"
    # A draft, never published: the live page is unchanged.
    live = StandardPage.objects.get(pk=page.pk)
    assert live.title_nl == "" and live.has_unpublished_changes


def test_after_the_import_the_report_calls_the_language_up_to_date(page, editor):
    status = TranslationStatus.objects.get(page=page, language="nl")
    assert status.needs_translation
    import_file(translate_xliff(exported(page, "xliff")), editor, page)
    status.refresh_from_db()
    assert not status.outdated and not status.missing_fields and not status.needs_translation


def test_a_complete_file_that_changes_nothing_marks_an_outdated_language_up_to_date(editor):
    page = make_page(title_nl="De pensioenen", intro_nl="Een inleiding.")
    page = import_file(translate_xliff(exported(page, "xliff")), editor, page)
    page.intro_fr = "Une introduction revue."
    page.save_revision().publish()
    assert TranslationStatus.objects.get(page=page, language="nl").outdated
    DUTCH["Une introduction revue."] = "Een inleiding."  # the translator checks: still right
    try:
        revisions = Revision.objects.filter(object_id=str(page.pk)).count()
        import_file(translate_xliff(exported(page, "xliff")), editor, page)
    finally:
        del DUTCH["Une introduction revue."]
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions
    assert not TranslationStatus.objects.get(page=page, language="nl").needs_translation


def test_a_file_with_untranslated_units_keeps_current_texts_and_says_how_many(editor):
    page = make_page(title_nl="Pensioenen (oud)")
    data = exported(page, "xliff")
    root = ET.fromstring(translate_xliff(data))
    for unit in root.iter(f"{X}unit"):
        if unit.get("id") in ("title", "body.b-heading.text"):
            segment = unit.find(f"{X}segment")
            segment.remove(segment.find(f"{X}target"))
    plan = importing.check("f.xlf", ET.tostring(root), editor, "nl", page_id=page.pk)
    page_plan = plan.pages[0]
    assert not plan.errors and page_plan.untranslated == 2 and not page_plan.complete
    assert (page_plan.kept, page_plan.emptied) == (1, 1)
    importing.apply(plan, editor)
    draft = StandardPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.title_nl == "Pensioenen (oud)"  # kept
    assert blocks_by_id(draft.body_nl)["b-heading"]["value"]["text"] == ""  # no French filled in


def test_a_language_with_its_own_block_ids_keeps_its_texts(editor):
    """Dutch edited on its own (or loaded from the seed files) has block ids of its own: blocks
    of the same kinds in the same order are the same blocks, so their Dutch texts are exported
    as current translations and kept by an import that does not translate them."""
    french = make_page().body_fr
    dutch = [{**item, "id": f"nl-{item['id']}"} for item in french.raw_data]
    dutch[0] = {**dutch[0], "value": {"text": "Een bestaande sectietitel", "level": "h2"}}
    page = make_page(title_fr="Deux", slug_fr="deux", slug_nl="twee", slug_en="two", body_nl=dutch)
    root = ET.fromstring(exported(page, "xliff"))
    units = {unit.get("id"): unit for unit in root.iter(f"{X}unit")}
    target = units["body.b-heading.text"].find(f"{X}segment/{X}target")
    assert target.text == "Een bestaande sectietitel"
    for unit_id, unit in units.items():
        if unit_id != "intro":
            segment = unit.find(f"{X}segment")
            if segment.find(f"{X}target") is not None:
                segment.remove(segment.find(f"{X}target"))
        else:
            ET.SubElement(unit.find(f"{X}segment"), f"{X}target").text = "Een inleiding."
    draft = import_file(ET.tostring(root), editor, page)
    blocks = blocks_by_id(draft.body_nl)
    assert blocks["b-heading"]["value"]["text"] == "Een bestaande sectietitel"
    assert blocks["b-paragraph"]["value"] == blocks_by_id(page.body_nl)["nl-b-paragraph"]["value"]
    assert draft.intro_nl == "Een inleiding."


def test_the_review_lists_each_change_with_its_place(page, editor):
    with translation.override("nl"):
        plan = importing.check(
            "f.po", translate_po(exported(page, "po")), editor, "nl", page_id=page.pk
        )
    changes = {change.location: change for change in plan.pages[0].changes}
    assert changes["Titel"].before == "" and changes["Titel"].after == "De pensioenen"
    assert "Inhoud › Tabel › 1:1" in changes


# --- Bad files: refused, in the editor's language, nothing written --------------------------


def refused(data, user, page, language="nl"):
    revisions = Revision.objects.count()
    with translation.override("nl"):
        plan = importing.check("file", data, user, language, page_id=page.pk)
    assert plan.errors and not plan.pages
    assert Revision.objects.count() == revisions
    return " ".join(plan.errors)


def replace_unit_attribute(data, unit_id, name, value):
    root = ET.fromstring(data)
    for unit in root.iter(f"{X}unit"):
        if unit.get("id") == unit_id:
            unit.set(name, value)
    return ET.tostring(root)


def test_malformed_files_are_refused(page, editor):
    good = translate_xliff(exported(page, "xliff"))
    assert "niet gelezen" in refused(good[: len(good) // 2], editor, page)
    assert "niet gelezen" in refused(b'msgid "a\nmsgstr', editor, page)
    assert "niet gelezen" in refused(b"/etc/passwd", editor, page)
    old = b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file/></xliff>'
    assert "geen XLIFF 2.0" in refused(old, editor, page)
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><x>&b;</x>'
    )
    assert "niet gelezen" in refused(bomb, editor, page)


def test_a_file_for_another_language_is_refused(page, editor):
    message = refused(translate_xliff(exported(page, "xliff", language="en")), editor, page)
    assert "vertaling naar Engels, niet naar Nederlands" in message


def test_units_for_fields_or_blocks_that_no_longer_exist_are_refused(page, editor):
    data = translate_xliff(exported(page, "xliff"))
    data = replace_unit_attribute(data, "body.b-heading.text", "id", "body.b-removed.text")
    assert "body.b-removed.text" in refused(data, editor, page)
    assert "niet meer bestaat" in refused(data, editor, page)


def test_source_text_changed_since_the_export_is_refused(page, editor):
    data = translate_po(exported(page, "po"))
    page = StandardPage.objects.get(pk=page.pk)
    page.intro_fr = "Une autre introduction."
    page.save_revision()
    message = refused(data, editor, page)
    assert "Inleiding" in message and "gewijzigd sinds de export" in message


def test_inline_codes_the_source_does_not_have_are_refused(page, editor):
    data = translate_po(exported(page, "po"))
    catalogue = polib.pofile(data.decode("utf-8"))
    catalogue.find("body.b-callout.text.s1", by="msgctxt").msgstr = "Eén <7>minuut</7>."
    assert "inline code 7" in refused(str(catalogue).encode(), editor, page)
    catalogue.find("body.b-callout.text.s1", by="msgctxt").msgstr = "Eén <1>minuut."
    assert "inline code 1" in refused(str(catalogue).encode(), editor, page)


def test_a_file_for_another_page_is_refused(page, editor):
    other = make_page(title_fr="Autre", slug_fr="autre", slug_nl="ander", slug_en="other")
    message = refused(translate_xliff(exported(other, "xliff")), editor, page)
    assert f"andere pagina (nummer {other.pk})" in message


def test_one_bad_unit_refuses_the_whole_file(page, editor):
    data = translate_xliff(exported(page, "xliff"))
    data = replace_unit_attribute(data, "intro", "id", "nothing-here")
    refused(data, editor, page)
    assert StandardPage.objects.get(pk=page.pk).get_latest_revision_as_object().title_nl == ""


# --- The admin views ------------------------------------------------------------------------


def test_export_downloads_xliff_and_po(client, page, editor):
    client.force_login(editor)
    url = reverse("translation_files_export")
    response = client.get(url, {"page": page.pk, "language": "nl", "format": "xliff"})
    assert response["Content-Type"].startswith("application/xliff+xml")
    assert f'-{page.pk}.fr-nl.xlf"' in response["Content-Disposition"]
    assert ET.fromstring(response.content).get("trgLang") == "nl"
    response = client.get(url, {"page": page.pk, "language": "en", "format": "po"})
    assert polib.pofile(response.content.decode()).metadata["Language"] == "en"


def test_the_report_exports_every_page_needing_translation(client, page, editor):
    client.force_login(editor)
    url = reverse("translation_files_export")
    response = client.get(url, {"language": "nl", "format": "xliff", "outdated": "1"})
    files = ET.fromstring(response.content).findall(f"{X}file")
    needing = TranslationStatus.objects.filter(language="nl", needs_translation=True)
    assert f"page-{page.pk}" in {file.get("id") for file in files}
    assert len(files) == needing.count()
    response = client.get(url, {"language": "nl", "format": "po", "outdated": "1"})
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert len(names) == len(files) and all(name.endswith(".fr-nl.po") for name in names)
    report = client.get(reverse("content_translation_report")).content.decode()
    assert f"{url}?language=nl&amp;format=xliff&amp;outdated=1" in report


def test_import_shows_the_changes_then_applies_a_draft(client, page, editor):
    client.force_login(editor)
    data = translate_xliff(exported(page, "xliff"))
    upload = io.BytesIO(data)
    upload.name = "pensioenen.xlf"
    url = reverse("translation_files_import", args=[page.pk])
    response = client.post(url, {"language": "nl", "file": upload})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Na de import" in content and "De pensioenen" in content
    assert StandardPage.objects.get(pk=page.pk).get_latest_revision_as_object().title_nl == ""
    content_field = response.context["content"]
    response = client.post(
        url, {"language": "nl", "name": "pensioenen.xlf", "content": content_field}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert (
        StandardPage.objects.get(pk=page.pk).get_latest_revision_as_object().title_nl
        == "De pensioenen"
    )
    assert not StandardPage.objects.get(pk=page.pk).title_nl  # not published


def test_a_bad_file_is_refused_with_a_message_in_the_editors_language(client, page, editor):
    client.force_login(editor)
    upload = io.BytesIO(b"<xliff")
    upload.name = "kapot.xlf"
    response = client.post(
        reverse("translation_files_import", args=[page.pk]), {"language": "nl", "file": upload}
    )
    assert response.status_code == 400
    assert "Het bestand kan niet worden geïmporteerd" in response.content.decode()


def test_users_who_cannot_edit_the_page_can_neither_export_nor_import(client, page):
    reader = make_user("lezer", "Editors")
    reader.groups.clear()
    from django.contrib.auth.models import Permission

    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    refused_to = reverse("wagtailadmin_home")  # Wagtail's answer to PermissionDenied
    response = client.get(reverse("translation_files_page", args=[page.pk]))
    assert (response.status_code, response["Location"]) == (302, refused_to)
    export = client.get(
        reverse("translation_files_export"), {"page": page.pk, "language": "nl", "format": "po"}
    )
    assert (export.status_code, export["Location"]) == (302, refused_to)
    upload = io.BytesIO(exported(page, "po"))
    upload.name = "f.po"
    revisions = Revision.objects.count()
    response = client.post(
        reverse("translation_files_import", args=[page.pk]), {"language": "nl", "file": upload}
    )
    assert (response.status_code, response["Location"]) == (302, refused_to)
    assert Revision.objects.count() == revisions


def test_the_page_menus_offer_translation_files(client, page, editor):
    client.force_login(editor)
    url = reverse("translation_files_page", args=[page.pk])
    assert url in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    explore = client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    assert url in explore.content.decode()
    screen = client.get(url).content.decode()
    assert "Exporteren voor een vertaler" in screen
    assert Page.objects.get(pk=page.pk).live


def test_a_selection_of_pages_exports_as_one_download(client, page, editor):
    other = make_page(title_fr="Autre", slug_fr="autre", slug_nl="ander", slug_en="other")
    client.force_login(editor)
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "export_translation_files"))
        + f"?id={page.pk}&id={other.pk}&next=/admin/"
    )
    form = client.get(url)
    assert "Vertaalbestanden" in form.content.decode() and "Autre" in form.content.decode()
    response = client.post(url, {"language": "nl", "format": "xliff"})
    files = ET.fromstring(response.content).findall(f"{X}file")
    assert [file.get("id") for file in files] == [f"page-{page.pk}", f"page-{other.pk}"]
    response = client.post(url, {"language": "en", "format": "po"})
    assert len(zipfile.ZipFile(io.BytesIO(response.content)).namelist()) == 2


def test_the_report_imports_a_file_of_several_pages_all_or_nothing(client, page, editor):
    other = make_page(title_fr="Autre", slug_fr="autre", slug_nl="ander", slug_en="other")
    client.force_login(editor)
    report = client.get(reverse("content_translation_report")).content.decode()
    url = reverse("translation_files_import_many")
    assert f'action="{url}"' in report
    pages = [export_page(page, "nl"), export_page(other, "nl")]
    data = translate_xliff(xliff.write(pages, "fr", "nl"))
    upload = io.BytesIO(data)
    upload.name = "pages.fr-nl.xlf"
    response = client.post(url, {"language": "nl", "file": upload})
    assert response.status_code == 200
    assert response.content.decode().count("translation-import-diff") == 2
    response = client.post(
        url, {"language": "nl", "name": "pages.xlf", "content": response.context["content"]}
    )
    assert response["Location"] == reverse("content_translation_report")
    for each in (page, other):
        draft = StandardPage.objects.get(pk=each.pk).get_latest_revision_as_object()
        assert draft.intro_nl == "Een inleiding."
    # One page the editor may not edit: the whole file is refused.
    other_owner = make_user("ander", "Editors")
    other_owner.groups.clear()
    from django.contrib.auth.models import Permission

    other_owner.user_permissions.add(Permission.objects.get(codename="access_admin"))
    plan = importing.check("f.xlf", data, other_owner, "nl")
    assert len(plan.errors) == 2 and not plan.pages
