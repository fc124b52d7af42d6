"""The moderation workflow and its task store a language-neutral key instead of a name written in
the three languages; editorial/workflow_names.py shows the key in the reader's language.

Only the names the roles migration (content 0004) wrote are changed: a workflow or task an
editor renamed keeps its name. The workflow entries of the page history, which copied the names
when each action happened, get the keys too, so that they also read in the reader's language.
Reversing writes the three-language names back. The keys are repeated here, as a migration must
not depend on code that may change.
"""

from django.db import migrations

NAMES = {
    # model: (name written by content 0004, key read by editorial/workflow_names.py)
    "Workflow": ("Modération / Moderatie / Moderation", "portal:moderation"),
    "Task": ("Approbation / Goedkeuring / Approval", "portal:approval"),
}
LOG_ENTRY_MODELS = ("PageLogEntry", "ModelLogEntry")


def _renamed(data, renames):
    if isinstance(data, dict):
        return {key: _renamed(value, renames) for key, value in data.items()}
    if isinstance(data, list):
        return [_renamed(value, renames) for value in data]
    return renames.get(data, data) if isinstance(data, str) else data


def _rename(apps, old_index, new_index):
    renames = {names[old_index]: names[new_index] for names in NAMES.values()}
    for model_name, names in NAMES.items():
        model = apps.get_model("wagtailcore", model_name)
        model.objects.filter(name=names[old_index]).update(name=names[new_index])
    for model_name in LOG_ENTRY_MODELS:
        model = apps.get_model("wagtailcore", model_name)
        changed = []
        for entry in model.objects.filter(action__startswith="wagtail.workflow.").iterator():
            data = _renamed(entry.data, renames)
            if data != entry.data:
                entry.data = data
                changed.append(entry)
        model.objects.bulk_update(changed, ["data"], batch_size=500)


def store_keys(apps, schema_editor):
    _rename(apps, 0, 1)


def store_three_language_names(apps, schema_editor):
    _rename(apps, 1, 0)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("content", "0004_editor_groups_and_workflow"),
    ]

    operations = [migrations.RunPython(store_keys, store_three_language_names)]
