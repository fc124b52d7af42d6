"""The moderation workflow and its task are named in the reader's language, and a name an editor
types is kept exactly as typed (issue 16, point 3)."""

import pickle
from importlib import import_module

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupApprovalTask, PageLogEntry, Task, Workflow
from wagtail.users.models import UserProfile

from content.models import ThemePage
from editorial.workflow_names import APPROVAL, MODERATION
from tests.editor_helpers import make_user, page_form_data

pytestmark = pytest.mark.django_db

names_migration = import_module("editorial.migrations.0002_workflow_names_in_readers_language")
roles_migration = import_module("content.migrations.0004_editor_groups_and_workflow")

NAMES = {
    "fr": ("Modération", "Approbation"),
    "nl": ("Moderatie", "Goedkeuring"),
    "en": ("Moderation", "Approval"),
}


def stored_names():
    return (
        list(Workflow.objects.values_list("name", flat=True)),
        list(Task.objects.values_list("name", flat=True)),
    )


def admin_in(client, language):
    user = get_user_model().objects.create_superuser(
        f"admin-{language}", f"admin-{language}@example.org", "a-long-test-password"
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


def form_as_sent(html, form_selector):
    """What the browser would send for the form as the admin drew it."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        kind = field.get("type", "")
        unchecked = kind in ("checkbox", "radio") and not field.has_attr("checked")
        if field.has_attr("disabled") or kind in ("submit", "button") or unchecked:
            continue
        if field.name == "select":
            chosen = field.select("option[selected]")
            data[field["name"]] = [option.get("value", "") for option in chosen]
        elif field.name == "textarea":
            data[field["name"]] = field.text
        else:
            data[field["name"]] = field.get("value", "on" if kind == "checkbox" else "")
    return data


def shown_name(html):
    return BeautifulSoup(html, "html.parser").select_one("input#id_name")["value"]


def test_the_roles_are_stored_under_language_neutral_keys():
    assert stored_names() == ([MODERATION], [APPROVAL])


@pytest.mark.parametrize("language", NAMES)
def test_the_workflow_and_its_task_read_in_the_active_language(language):
    workflow = Workflow.objects.get()
    with translation.override(language):
        assert workflow.name == NAMES[language][0]
        assert str(workflow) == NAMES[language][0]
        assert [task.name for task in workflow.tasks] == [NAMES[language][1]]
        assert GroupApprovalTask.objects.get().name == NAMES[language][1]


def test_saving_or_reloading_in_any_language_keeps_the_keys():
    workflow, task = Workflow.objects.get(), GroupApprovalTask.objects.get()
    with translation.override("nl"):
        workflow.save()
        task.save()
        workflow.refresh_from_db()
        copy = Workflow.objects.get()
        copy.name = workflow.name  # a name read in Dutch, copied to another instance
        copy.save()
    assert stored_names() == ([MODERATION], [APPROVAL])
    assert pickle.loads(pickle.dumps(workflow.name)) == workflow.name


def test_a_name_an_editor_typed_is_shown_and_stored_as_typed():
    workflow = Workflow.objects.get()
    with translation.override("nl"):
        workflow.name = "Modération"  # the French name, typed in a Dutch admin: a new name
        workflow.save()
    with translation.override("en"):
        assert Workflow.objects.get().name == "Modération"
    assert stored_names()[0] == ["Modération"]


def test_the_migration_turns_the_three_language_names_into_keys_and_back():
    names_migration.store_three_language_names(apps, None)
    assert stored_names() == ([roles_migration.WORKFLOW_NAME], [roles_migration.TASK_NAME])
    names_migration.store_keys(apps, None)
    assert stored_names() == ([MODERATION], [APPROVAL])


def test_the_migration_leaves_a_renamed_workflow_alone():
    Workflow.objects.update(name="Relecture")
    names_migration.store_three_language_names(apps, None)
    names_migration.store_keys(apps, None)
    assert stored_names() == (["Relecture"], [APPROVAL])


def test_the_workflow_form_shows_the_dutch_name_and_saving_it_unchanged_keeps_the_key(client):
    admin = admin_in(client, "nl")
    workflow = Workflow.objects.get()
    url = reverse("wagtailadmin_workflows:edit", args=[workflow.pk])
    html = admin.get(url).content.decode()
    assert shown_name(html) == "Moderatie"
    data = form_as_sent(html, "form[method=POST]")
    response = admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert stored_names() == ([MODERATION], [APPROVAL])


def test_renaming_the_workflow_in_the_admin_keeps_the_editors_text(client):
    admin = admin_in(client, "nl")
    workflow = Workflow.objects.get()
    url = reverse("wagtailadmin_workflows:edit", args=[workflow.pk])
    data = form_as_sent(admin.get(url).content.decode(), "form[method=POST]")
    response = admin.post(url, {**data, "name": "Eindredactie"})
    assert response.status_code == 302, response.content.decode()[:2000]

    assert stored_names() == (["Eindredactie"], [APPROVAL])
    french = admin_in(client, "fr").get(reverse("wagtailadmin_workflows:index")).content.decode()
    assert "Eindredactie" in french and "Modération" not in french
    assert "Approbation" in french  # the task keeps its key, read in French


def test_the_task_form_shows_its_name_read_only_and_saving_it_keeps_the_key(client):
    """Wagtail lets no one rename a task once made (the field is disabled on edit, and the
    form keeps the name it showed, in Dutch, whatever is posted): the key stays."""
    admin = admin_in(client, "nl")
    url = reverse("wagtailadmin_workflows:edit_task", args=[Task.objects.get().pk])
    html = admin.get(url).content.decode()
    assert shown_name(html) == "Goedkeuring"
    data = form_as_sent(html, "form[method=POST]")
    response = admin.post(url, {**data, "name": "Nalezing"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert stored_names() == ([MODERATION], [APPROVAL])


def test_notifications_name_the_workflow_in_each_recipients_language(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    make_user("marc", "Moderators", language="fr")
    make_user("mieke", "Moderators", language="nl")
    client.force_login(make_user("els", "Editors", language="nl"))
    theme = ThemePage.objects.get(slug_en="ageing")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/{theme.pk}/edit/", page_form_data(theme, **{"action-submit": "1"})
        )
    assert response.status_code == 302
    by_recipient = {mail.to[0]: f"{mail.subject}\n{mail.body}" for mail in mailoutbox}
    assert "Approbation" in by_recipient["marc@example.org"]
    assert "Goedkeuring" in by_recipient["mieke@example.org"]
    for text in by_recipient.values():
        assert "portal:" not in text and "/ Moderatie /" not in text


def submit_as_dutch_editor(client):
    client.force_login(make_user("els", "Editors", language="nl"))
    theme = ThemePage.objects.get(slug_en="ageing")
    response = client.post(
        f"/admin/pages/{theme.pk}/edit/", page_form_data(theme, **{"action-submit": "1"})
    )
    assert response.status_code == 302
    return PageLogEntry.objects.get(action="wagtail.workflow.start")


def test_the_page_history_keeps_the_keys_and_reads_them_in_the_readers_language(client):
    entry = submit_as_dutch_editor(client)
    assert entry.data["workflow"]["title"] == MODERATION
    assert entry.data["workflow"]["next"]["title"] == APPROVAL
    messages = {}
    for language in ("fr", "nl"):
        with translation.override(language):
            messages[language] = PageLogEntry.objects.get(pk=entry.pk).message
    assert "Modération" in messages["fr"] and "Approbation" in messages["fr"]
    assert "Moderatie" in messages["nl"] and "Goedkeuring" in messages["nl"]
    assert "portal:" not in messages["fr"] + messages["nl"]


def test_the_migration_gives_earlier_history_entries_the_keys_and_back(client):
    entry = submit_as_dutch_editor(client)
    names_migration.store_three_language_names(apps, None)
    entry.refresh_from_db()
    assert entry.data["workflow"]["title"] == roles_migration.WORKFLOW_NAME
    assert entry.data["workflow"]["next"]["title"] == roles_migration.TASK_NAME
    names_migration.store_keys(apps, None)
    entry.refresh_from_db()
    assert entry.data["workflow"]["title"] == MODERATION
