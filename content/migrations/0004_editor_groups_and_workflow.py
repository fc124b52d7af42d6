"""The editorial roles and the moderation workflow on the whole site.

- Editors reach the admin, add and edit pages and submit them for moderation; they cannot
  publish. They choose and upload images and documents.
- Moderators do the same, and also publish, lock and unlock pages and manage images and
  documents. They are the group of the workflow's approval task.
- One workflow with one group-approval task (Moderators), attached to the root page, so every
  page of every site goes through it: a live page never changes without a moderator's approval.

Group names are stable identifiers ("Editors", "Moderators"); the admin shows them translated.
The workflow and task names are stored in the three languages, because Wagtail shows stored
names as they are.

Reversing restores Wagtail's own initial set-up, which this migration replaces.
"""

from django.db import migrations

EDITORS = "Editors"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Modération / Moderatie / Moderation"
TASK_NAME = "Approbation / Goedkeuring / Approval"
WAGTAIL_WORKFLOW_NAME = WAGTAIL_TASK_NAME = "Moderators approval"

IMAGE_AND_DOCUMENT_ACTIONS_FOR_MODERATORS = ["add", "change", "delete", "choose"]

PORTAL_SET_UP = {
    EDITORS: {
        "global": [("wagtailadmin", "admin", "access_admin")],
        "page": ["add_page", "change_page"],
        "collection": [
            ("wagtailimages", "image", "add_image"),
            ("wagtailimages", "image", "choose_image"),
            ("wagtaildocs", "document", "add_document"),
            ("wagtaildocs", "document", "choose_document"),
        ],
    },
    MODERATORS: {
        "global": [("wagtailadmin", "admin", "access_admin")],
        "page": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        "collection": [
            (app, model, f"{action}_{model}")
            for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
            for action in IMAGE_AND_DOCUMENT_ACTIONS_FOR_MODERATORS
        ],
    },
}

# What Wagtail's own migrations give both groups (wagtailcore 0002/0005, wagtailimages and
# wagtaildocs 0002/0012/0023, wagtailadmin 0001).
_WAGTAIL_MEDIA_GLOBAL = [
    (app, model, f"{action}_{model}")
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "delete", "choose")
]
_WAGTAIL_MEDIA_COLLECTION = [
    (app, model, f"{action}_{model}")
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "choose")
]
WAGTAIL_SET_UP = {
    EDITORS: {
        "global": [("wagtailadmin", "admin", "access_admin"), *_WAGTAIL_MEDIA_GLOBAL],
        "page": ["add_page", "change_page"],
        "collection": _WAGTAIL_MEDIA_COLLECTION,
    },
    MODERATORS: {
        "global": [("wagtailadmin", "admin", "access_admin"), *_WAGTAIL_MEDIA_GLOBAL],
        "page": ["add_page", "change_page", "lock_page", "publish_page", "unlock_page"],
        "collection": _WAGTAIL_MEDIA_COLLECTION,
    },
}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return permission


def _apply_groups(apps, set_up):
    """Give each group exactly the permissions listed, on the root page and root collection."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    groups = {}
    for name, permissions in set_up.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [_permission(apps, *triple) for triple in permissions["global"]]
        )
        GroupPagePermission.objects.filter(group=group).delete()
        for codename in permissions["page"]:
            GroupPagePermission.objects.create(
                group=group,
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        for triple in permissions["collection"]:
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=_permission(apps, *triple)
            )
        groups[name] = group
    return groups


def _apply_workflow(apps, groups, workflow_name, task_name):
    """One active workflow on the root page, made of one approval task for the Moderators."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    root_page = Page.objects.get(depth=1)

    workflow_page = WorkflowPage.objects.filter(page=root_page).select_related("workflow").first()
    if workflow_page:
        workflow = workflow_page.workflow
    else:
        workflow = Workflow.objects.create(name=workflow_name, active=True)
        WorkflowPage.objects.create(page=root_page, workflow=workflow)
    workflow.name = workflow_name
    workflow.active = True
    workflow.save()

    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task_ids = WorkflowTask.objects.filter(workflow=workflow).values_list("task_id", flat=True)
    task = GroupApprovalTask.objects.filter(pk__in=task_ids).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name, content_type=task_type, active=True)
    task.name = task_name
    task.active = True
    task.save()
    task.groups.set([groups[MODERATORS]])
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def set_up_editorial_roles(apps, schema_editor):
    groups = _apply_groups(apps, PORTAL_SET_UP)
    _apply_workflow(apps, groups, WORKFLOW_NAME, TASK_NAME)


def restore_wagtail_defaults(apps, schema_editor):
    groups = _apply_groups(apps, WAGTAIL_SET_UP)
    _apply_workflow(apps, groups, WAGTAIL_WORKFLOW_NAME, WAGTAIL_TASK_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0003_search_entry"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(set_up_editorial_roles, restore_wagtail_defaults)]
