"""The admin for editors: roles and workflow, scheduled publishing, previews and listings in
each language, the translation report, and validation that keeps a page whole."""

import datetime
import json
import re
from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowState
from wagtail.permissions import policy_registry

from content.models import FormPage, HomePage, StandardPage, ThemePage, TimelinePage
from core.accessibility import WCAG_TAGS
from editorial.models import TranslationStatus
from editorial.translation_status import field_label
from editorial.workflow_names import APPROVAL, MODERATION
from tests.editor_helpers import make_user, page_form_data

pytestmark = pytest.mark.django_db

image_policy = policy_registry.get_by_type(get_image_model())
document_policy = policy_registry.get_by_type(get_document_model())

roles_migration = import_module("content.migrations.0004_editor_groups_and_workflow")


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def report_url(**params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("content_translation_report") + (f"?{query}" if query else "")


def h1_of(response):
    return re.findall(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)[0].strip()


def ageing():
    return ThemePage.objects.get(slug_en="ageing")


@pytest.fixture
def editor():
    return make_user("editor", "Editors", language="nl")


@pytest.fixture
def moderator():
    return make_user("moderator", "Moderators", language="fr")


# --- Roles -------------------------------------------------------------------------------


def test_editors_create_edit_and_submit_but_never_publish(editor):
    page = ageing()
    permissions = page.permissions_for_user(editor)
    assert permissions.can_edit()
    assert permissions.can_submit_for_moderation()
    assert not permissions.can_publish()
    assert not permissions.can_unpublish()
    assert not permissions.can_lock()
    assert HomePage.objects.get().permissions_for_user(editor).can_add_subpage()
    for policy in (image_policy, document_policy):
        assert policy.user_has_permission(editor, "add")
        assert policy.user_has_permission(editor, "choose")
    someone_elses_image = get_image_model().objects.create(
        title="Office", file=get_test_image_file(), uploaded_by_user=make_user("other", "Editors")
    )
    assert not image_policy.user_has_permission_for_instance(editor, "delete", someone_elses_image)
    assert not image_policy.user_has_permission_for_instance(editor, "change", someone_elses_image)


def test_moderators_review_approve_and_publish(moderator, editor):
    page = ageing()
    permissions = page.permissions_for_user(moderator)
    assert permissions.can_edit() and permissions.can_publish() and permissions.can_unpublish()
    someone_elses_image = get_image_model().objects.create(
        title="Office", file=get_test_image_file(), uploaded_by_user=editor
    )
    assert image_policy.user_has_permission_for_instance(moderator, "delete", someone_elses_image)
    task = GroupApprovalTask.objects.get(name=APPROVAL)
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
    assert "approve" in [name for name, _label, _modal in task.get_actions(page, moderator)]
    assert task.get_actions(page, editor) == []


def test_every_page_goes_through_the_moderation_workflow():
    workflow = Workflow.objects.get(name=MODERATION)
    assert workflow.active
    assert [task.specific for task in workflow.tasks] == [
        GroupApprovalTask.objects.get(name=APPROVAL)
    ]
    pages = Page.objects.filter(depth__gt=1)
    assert pages.count() >= 20
    assert all(page.get_workflow() == workflow for page in pages)


def test_an_editor_asking_to_publish_only_saves_a_draft(client, editor):
    page = ageing()
    live_title = page.title_nl
    client.force_login(editor)
    response = client.post(
        edit_url(page), page_form_data(page, title_nl="Nieuwe titel", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title_nl == live_title
    assert page.has_unpublished_changes
    assert page.get_latest_revision().content["title_nl"] == "Nieuwe titel"


def test_the_roles_migration_reverses_to_wagtails_own_set_up_and_back():
    roles_migration.restore_wagtail_defaults(apps, None)
    editors = Group.objects.get(name="Editors")
    assert editors.collection_permissions.filter(permission__codename="change_image").exists()
    assert Workflow.objects.filter(name=roles_migration.WAGTAIL_WORKFLOW_NAME).exists()
    assert not Workflow.objects.filter(name=roles_migration.WORKFLOW_NAME).exists()

    roles_migration.set_up_editorial_roles(apps, None)
    assert not editors.collection_permissions.filter(permission__codename="change_image").exists()
    assert sorted(editors.page_permissions.values_list("permission__codename", flat=True)) == [
        "add_page",
        "change_page",
    ]
    assert list(Workflow.objects.values_list("name", flat=True)) == [roles_migration.WORKFLOW_NAME]


# --- Workflow and scheduling ---------------------------------------------------------------


def test_submit_approve_then_the_new_title_is_live(client, editor, moderator):
    page = ageing()
    old_title = page.title_nl
    client.force_login(editor)
    response = client.post(
        edit_url(page),
        page_form_data(
            page, title_nl="Vergrijzing: wie oud is, telt mee", **{"action-submit": "1"}
        ),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert page.title_nl == old_title
    assert h1_of(client.get("/nl/vergrijzing/")) == escape(old_title)

    # While in moderation the page is locked for editors: nothing more changes unreviewed.
    revisions = page.revisions.count()
    response = client.post(edit_url(page), page_form_data(page, title_nl="Stiekeme wijziging"))
    assert response.status_code == 200
    assert page.revisions.count() == revisions

    client.force_login(moderator)
    response = client.post(
        edit_url(page),
        page_form_data(page, **{"action-workflow-action": "1", "workflow-action-name": "approve"}),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.workflow_in_progress
    assert WorkflowState.objects.for_instance(page).get().status == WorkflowState.STATUS_APPROVED
    assert page.title_nl == "Vergrijzing: wie oud is, telt mee"
    client.logout()
    assert h1_of(client.get("/nl/vergrijzing/")) == "Vergrijzing: wie oud is, telt mee"


def test_scheduled_publication_goes_live_when_publish_scheduled_runs(client, moderator):
    page = ageing()
    old_title = page.title_en
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    client.force_login(moderator)
    response = client.post(
        edit_url(page),
        page_form_data(
            page,
            title_en="Ageing: scheduled title",
            go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title_en == old_title
    revision = page.get_latest_revision()
    assert revision.approved_go_live_at is not None

    call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert page.title_en == old_title  # not yet

    # Two days later (the revision's schedule moved back instead of the clock forward):
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert page.title_en == "Ageing: scheduled title"
    assert h1_of(client.get("/en/ageing/")) == "Ageing: scheduled title"


def test_expired_pages_are_unpublished_by_publish_scheduled(client):
    page = ageing()
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get("/en/ageing/").status_code == 404


# --- Admin language, listings and previews --------------------------------------------------


def test_the_admin_speaks_the_users_language(client, editor):
    client.force_login(editor)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="nl"' in content
    assert "Vertalingen" in content  # the translation panel
    assert "Elke pagina is in elke taal vertaald." in content


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_listings_show_titles_in_the_admin_users_language(client, language):
    user = make_user(f"reader-{language}", "Editors", language=language)
    client.force_login(user)
    home = HomePage.objects.get()
    content = client.get(reverse("wagtailadmin_explore", args=[home.pk])).content.decode()
    for theme in ThemePage.objects.all():
        assert escape(getattr(theme, f"title_{language}")) in content
    others = [code for code in ("fr", "nl", "en") if code != language]
    assert escape(getattr(ageing(), f"title_{others[0]}")) not in content


def test_listings_show_the_drafts_title_in_each_users_language(client, editor, moderator):
    page = ageing()
    client.force_login(editor)
    client.post(edit_url(page), page_form_data(page, title_nl="Vergrijzing (concept)"))
    home = HomePage.objects.get()
    explore = reverse("wagtailadmin_explore", args=[home.pk])
    assert "Vergrijzing (concept)" in client.get(explore).content.decode()
    client.force_login(moderator)
    content = client.get(explore).content.decode()
    assert escape(page.title_fr) in content and "Vergrijzing (concept)" not in content


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_preview_shows_the_page_in_each_language(client, moderator, language):
    page = ageing()
    client.force_login(moderator)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    changed = {f"title_{language}": f"Preview title ({language})"}
    response = client.post(preview_url, page_form_data(page, **changed))
    assert response.json()["is_valid"]
    response = client.get(preview_url, {"mode": language})
    content = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in content
    assert h1_of(response) == f"Preview title ({language})"


def test_preview_modes_are_the_languages_and_default_to_the_admins():
    page = ageing()
    assert [name for name, _label in page.preview_modes] == ["fr", "nl", "en"]
    with translation.override("nl"):
        assert page.default_preview_mode == "nl"
        assert [str(label) for _name, label in page.preview_modes] == [
            "Frans",
            "Nederlands",
            "Engels",
        ]
    form_page = FormPage.objects.get()
    assert "landing:nl" in [name for name, _label in form_page.preview_modes]


def test_form_thank_you_page_previews_in_dutch(client, moderator):
    form_page = FormPage.objects.get()
    client.force_login(moderator)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[form_page.pk])
    data = page_form_data(form_page, thank_you_text_nl="Bedankt voor uw reactie!")
    assert client.post(preview_url, data).json()["is_valid"]
    response = client.get(preview_url, {"mode": "landing:nl"})
    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert "Bedankt voor uw reactie!" in content


# --- Accessibility checker -------------------------------------------------------------------


def axe_configuration(response):
    match = re.search(
        r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "no content checker configuration on the page"
    return json.loads(match.group(1))


def test_the_editors_checks_panel_runs_the_test_suites_wcag_rules(client, editor):
    client.force_login(editor)
    configuration = axe_configuration(client.get(edit_url(ageing())))
    assert configuration["options"]["runOnly"] == WCAG_TAGS


def test_the_userbar_on_the_site_runs_the_same_rules(client, editor):
    client.force_login(editor)
    response = client.get("/fr/vieillissement/")
    assert "<wagtail-userbar" in response.content.decode()
    assert axe_configuration(response)["options"]["runOnly"] == WCAG_TAGS
    client.logout()
    assert "<wagtail-userbar" not in client.get("/fr/vieillissement/").content.decode()


# --- Translation report ----------------------------------------------------------------------


def statuses_of(page):
    return {status.language: status for status in TranslationStatus.objects.filter(page=page)}


def test_report_lists_every_page_with_nothing_to_translate_after_loading(client, editor):
    client.force_login(editor)
    response = client.get(report_url())
    content = response.content.decode()
    assert response.status_code == 200
    for page in Page.objects.filter(depth__gt=1):
        assert f'href="{edit_url(page)}"' in content
    assert content.count("<td data-language=") == 2 * Page.objects.filter(depth__gt=1).count()
    assert "?translate=" not in content
    assert (
        "Geen enkele pagina moet vertaald worden."
        in client.get(report_url(needs_translation_in="any")).content.decode()
    )


def test_editing_the_french_version_marks_the_others_outdated(client, editor):
    page = ageing()
    client.force_login(editor)
    client.post(edit_url(page), page_form_data(page, intro_fr="Une introduction revue."))
    statuses = statuses_of(page)
    assert not statuses["fr"].outdated
    assert statuses["nl"].outdated and statuses["en"].outdated

    content = client.get(report_url(needs_translation_in="nl")).content.decode()
    assert f'href="{edit_url(page)}?translate=nl"' in content
    assert "Laatst gewijzigd vóór de referentieversie (Frans)." in content
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 pagina van de" in dashboard

    client.post(edit_url(page), page_form_data(page, intro_nl="Een herziene inleiding."))
    statuses = statuses_of(page)
    assert not statuses["nl"].outdated and statuses["en"].outdated
    assert (
        f"{edit_url(page)}?"
        not in client.get(report_url(needs_translation_in="nl")).content.decode()
    )

    # The English text still holds: the editor says so in the report.
    response = client.post(
        reverse("content_translation_mark_up_to_date", args=[statuses["en"].pk]),
        {"next": report_url()},
    )
    assert response.status_code == 302
    assert not statuses_of(page)["en"].needs_translation
    assert (
        "Elke pagina is in elke taal vertaald."
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_fixing_a_typo_in_another_language_does_not_flag_french(client, editor):
    page = ageing()
    client.force_login(editor)
    client.post(edit_url(page), page_form_data(page, intro_en=page.intro_en + " "))
    client.post(edit_url(page), page_form_data(page, intro_en="A reworded introduction."))
    assert not any(status.needs_translation for status in statuses_of(page).values())


def test_an_empty_translation_is_listed_with_its_fields(client, editor):
    page = ageing()
    client.force_login(editor)
    response = client.post(edit_url(page), page_form_data(page, title_en="", intro_en=""))
    assert response.status_code == 302  # a draft may be incomplete
    assert statuses_of(page)["en"].missing_fields == ["title", "intro"]
    content = client.get(report_url(needs_translation_in="en")).content.decode()
    with translation.override("nl"):
        labels = f"{field_label(ThemePage, 'title')}, {field_label(ThemePage, 'intro')}"
    assert f"<strong>Leeg:</strong> {labels}" in content
    assert f'href="{edit_url(page)}?translate=en"' in content


def test_inline_items_count_in_the_report(client, moderator):
    timeline = TimelinePage.objects.get()
    client.force_login(moderator)
    response = client.post(edit_url(timeline), page_form_data(timeline, **{"events-0-text_nl": ""}))
    assert response.status_code == 302
    assert statuses_of(timeline)["nl"].missing_fields == ["events.text"]
    content = client.get(report_url()).content.decode()
    with translation.override("fr"):
        assert field_label(TimelinePage, "events.text") in content


def test_report_reads_a_bounded_number_of_queries(client, editor):
    client.force_login(editor)
    client.get(report_url())
    with CaptureQueriesContext(connection) as before:
        assert client.get(report_url()).status_code == 200
    home = HomePage.objects.get()
    for number in range(5):
        page = home.add_child(
            instance=StandardPage(
                title_fr=f"Thème {number}",
                title_nl=f"Thema {number}",
                title_en=f"Theme {number}",
                slug_fr=f"theme-{number}",
                slug_nl=f"thema-{number}",
                slug_en=f"theme-{number}",
            )
        )
        page.save_revision()
    with CaptureQueriesContext(connection) as after:
        content = client.get(report_url()).content.decode()
    assert "Thema 4" in content
    assert len(after.captured_queries) == len(before.captured_queries)


def test_report_is_for_people_who_edit_pages(client):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    assert client.get(report_url()).status_code == 302  # to the login page
    admin_only = get_user_model().objects.create_user("admin-only", password="x" * 20)
    admin_only.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin_only)
    assert client.get(report_url()).status_code in (302, 403)
    assert "Translations" not in client.get(reverse("wagtailadmin_home")).content.decode()


# --- Validation: an editor cannot break a page ---------------------------------------------


def form_errors(response, field):
    return [str(message) for message in response.context["form"].errors.get(field, [])]


@pytest.mark.parametrize(
    "language, expected",
    [
        ("fr", "Néerlandais : nécessaire avant de publier la page"),
        ("nl", "Nederlands: nodig voor u de pagina publiceert"),
        ("en", "Dutch: needed before the page can be published"),
    ],
)
def test_publishing_without_a_dutch_title_is_refused_in_the_editors_language(
    client, language, expected
):
    user = make_user(f"moderator-{language}", "Moderators", language=language)
    page = ageing()
    live_title, revisions = page.title_nl, page.revisions.count()
    client.force_login(user)
    response = client.post(
        edit_url(page),
        page_form_data(page, title_nl="", intro_en="Typed and kept.", **{"action-publish": "1"}),
    )
    assert response.status_code == 200
    errors = form_errors(response, "title_nl")
    assert len(errors) == 1 and errors[0].startswith(expected)
    assert "Typed and kept." in response.content.decode()
    page.refresh_from_db()
    assert page.title_nl == live_title
    assert page.revisions.count() == revisions


def test_submitting_also_needs_every_language(client, editor):
    page = ageing()
    client.force_login(editor)
    response = client.post(
        edit_url(page), page_form_data(page, title_en="", **{"action-submit": "1"})
    )
    assert response.status_code == 200
    assert form_errors(response, "title_en")[0].startswith("Engels: nodig voor u")
    assert not ageing().workflow_in_progress


def test_inline_items_need_every_language_to_publish(client, moderator):
    timeline = TimelinePage.objects.get()
    client.force_login(moderator)
    response = client.post(
        edit_url(timeline),
        page_form_data(timeline, **{"events-0-headline_en": "", "action-publish": "1"}),
    )
    assert response.status_code == 200
    event_form = response.context["form"].formsets["events"].forms[0]
    assert str(event_form.errors["headline_en"][0]).startswith("Anglais : nécessaire")


def test_a_slug_clash_in_dutch_is_explained_once(client, moderator):
    page = ageing()
    sibling = ThemePage.objects.get(slug_en="equality")
    revisions = page.revisions.count()
    client.force_login(moderator)
    response = client.post(edit_url(page), page_form_data(page, slug_nl=sibling.slug_nl))
    assert response.status_code == 200
    assert form_errors(response, "slug_nl") == [
        "Néerlandais : une autre page au même niveau utilise déjà ce slug. Choisissez-en un autre."
    ]
    assert page.revisions.count() == revisions


def block_messages(response, field):
    """Every message in a StreamField's nested block errors."""
    messages = []

    def collect(data):
        if isinstance(data, dict):
            for value in data.values():
                collect(value)
        elif isinstance(data, list):
            for value in data:
                collect(value)
        elif isinstance(data, str):
            messages.append(data)

    for error in response.context["form"].errors[field].as_data():
        collect(error.as_json_data())
    return messages


def with_image_block(data, field, image, alt_text="", decorative=False):
    """Append an image block to a StreamField's form data."""
    index = int(data[f"{field}-count"])
    data[f"{field}-count"] = str(index + 1)
    prefix = f"{field}-{index}"
    data.update(
        {
            f"{prefix}-type": "image",
            f"{prefix}-deleted": "",
            f"{prefix}-order": str(index),
            f"{prefix}-id": "",
            f"{prefix}-value-image": str(image.pk),
            f"{prefix}-value-alt_text": alt_text,
            f"{prefix}-value-caption": "",
        }
    )
    if decorative:
        data[f"{prefix}-value-decorative"] = "on"
    return data


@pytest.fixture
def image():
    return get_image_model().objects.create(title="Pension office", file=get_test_image_file())


def test_an_image_needs_alt_text_in_the_language_it_is_used_in(client, editor, image):
    page = ageing()
    revisions = page.revisions.count()
    client.force_login(editor)
    data = page_form_data(page)
    with_image_block(data, "body_fr", image, alt_text="Un guichet de l'office des pensions")
    with_image_block(data, "body_en", image)
    response = client.post(edit_url(page), data)
    assert response.status_code == 200
    assert "body_fr" not in response.context["form"].errors
    assert block_messages(response, "body_en")
    # Rendered in the editor's language, on the block (the messages travel as JSON).
    assert "Beschrijf de afbeelding of duid ze aan als decoratief." in response.content.decode()
    assert page.revisions.count() == revisions

    with_image_block(data, "body_nl", image, decorative=True)
    data["body_en-" + str(int(data["body_en-count"]) - 1) + "-value-alt_text"] = "A pension office"
    assert client.post(edit_url(page), data).status_code == 302
    assert page.revisions.count() == revisions + 1


def test_invalid_block_content_keeps_the_draft_and_what_was_typed(client, editor):
    page = ageing()
    client.force_login(editor)
    client.post(edit_url(page), page_form_data(page, intro_nl="Een bewaard concept."))
    page.refresh_from_db()
    draft = page.get_latest_revision()
    data = page_form_data(page)
    heading = next(
        key[: -len("-type")]
        for key, value in data.items()
        if key.startswith("body_nl-") and key.endswith("-type") and value == "heading"
    )
    data[f"{heading}-value-text"] = "Te lang " * 40
    response = client.post(edit_url(page), data)
    assert response.status_code == 200
    assert any("200" in message for message in block_messages(response, "body_nl"))
    assert "Te lang Te lang" in response.content.decode()
    page.refresh_from_db()
    assert page.get_latest_revision() == draft
    assert draft.content["intro_nl"] == "Een bewaard concept."


def test_the_page_with_the_most_fields_can_be_saved(client, moderator):
    """The key figures page posts well over Django's default 1,000 fields in three languages."""
    from content.models import KeyFiguresPage

    page = KeyFiguresPage.objects.get()
    data = page_form_data(page, intro_en="Key figures, checked.")
    assert len(data) > 1000
    client.force_login(moderator)
    assert client.post(edit_url(page), data).status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision().content["intro_en"] == "Key figures, checked."


def test_documents_and_images_are_not_deletable_by_editors_in_the_admin(client, editor):
    from django.core.files.base import ContentFile

    document = get_document_model().objects.create(
        title="Annual report", file=ContentFile(b"figures", name="report.txt")
    )
    client.force_login(editor)
    response = client.get(reverse("wagtaildocs:delete", args=[document.pk]))
    assert response.status_code in (302, 403)


def test_administrators_see_the_group_names_in_their_language(client, editor):
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    admin = get_user_model().objects.create_superuser("chef", password="x" * 20)
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "nl"
    profile.save()
    client.force_login(admin)
    groups = client.get(reverse("wagtailusers_groups:index")).content.decode()
    assert "Redacteurs" in groups and "Moderatoren" in groups
    assert ">Editors<" not in groups
    user_form = client.get(reverse("wagtailusers_users:edit", args=[editor.pk])).content.decode()
    assert "Redacteurs" in user_form and "Moderatoren" in user_form
    # The stored names stay the stable identifiers.
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Moderators"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("Vergrijzing", "Vergrijzing: ouder"),
        ("Ageing", "Vergrijzing: ouder"),
        ("mening", "Uw mening"),
    ],
)
def test_admin_page_search_finds_a_page_by_its_title_in_any_language(client, query, title):
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    admin = get_user_model().objects.create_superuser("zoeker", password="x" * 16)
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "nl"
    profile.save()
    client.force_login(admin)
    response = client.get("/admin/pages/search/", {"q": query})
    assert response.status_code == 200
    assert title in response.content.decode()
