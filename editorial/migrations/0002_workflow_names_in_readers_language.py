"""The moderation workflow and its task store a language-neutral key instead of a name written in
the three languages; editorial/workflow_names.py shows the key in the reader's language.

Only the names the roles migration (content 0004) wrote are changed: a workflow or task an
editor renamed keeps its name. Reversing writes the three-language names back. The keys are
repeated here, as a migration must not depend on code that may change.
"""

from django.db import migrations

NAMES = {
    # model: (name written by content 0004, key read by editorial/workflow_names.py)
    "Workflow": ("Modération / Moderatie / Moderation", "portal:moderation"),
    "Task": ("Approbation / Goedkeuring / Approval", "portal:approval"),
}


def _rename(apps, old_index, new_index):
    for model_name, names in NAMES.items():
        model = apps.get_model("wagtailcore", model_name)
        model.objects.filter(name=names[old_index]).update(name=names[new_index])


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
