"""The portal's workflow and task names, shown in the reader's language.

Wagtail stores one name per workflow and per task and prints it as it is (`workflow.name`,
`task.name`) in some thirty admin templates, in its messages, in the labels of the action menu
and in the notification e-mails; it offers no hook to translate it. So the portal's own workflow
and task store a language-neutral key ("portal:moderation"), and the `name` attribute of
Wagtail's Workflow and Task models reads that key as its translation in the active language:
the admin user's language in a request, the recipient's in an e-mail (Wagtail sends each one
under the recipient's preferred language). Every other name (one an editor typed, or a workflow
made in the admin) is shown exactly as stored.

What the attribute must never do is write a translation back:
- saving writes the stored value (the field's `pre_save` reads the key, not the translation);
- a value read from the attribute carries its key (`DisplayName.stored`), so copying it to a
  model, as `refresh_from_db` or a disabled form field does, keeps the key;
- the admin's edit form shows the translation; sent back unchanged, it keeps the key, while a
  different name replaces the key with exactly what the editor typed.

The page history: Wagtail copies the names into each workflow log entry (start, approve, reject,
resume, cancel) when the action happens. The entry keeps the key, not the translation its author
read, and its message reads the key in the reader's language, like everything else.

Not covered: a `dumpdata` of Workflow or Task writes the names in the command's language, and the
admin's search of workflows and tasks matches the stored names (the keys), not the translations.
"""

import copy

from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import pre_save
from django.utils.translation import pgettext_lazy
from wagtail.log_actions import LogFormatter
from wagtail.models import ModelLogEntry, PageLogEntry, Task, Workflow

MODERATION = "portal:moderation"
APPROVAL = "portal:approval"

NAMES = {
    MODERATION: pgettext_lazy("name of the workflow", "Moderation"),
    APPROVAL: pgettext_lazy("name of the workflow task", "Approval"),
}


class DisplayName(str):
    """A stored key's translation, which remembers the key it was read from."""

    def __new__(cls, text, stored):
        name = super().__new__(cls, text)
        name.stored = stored
        return name

    def __reduce__(self):
        return DisplayName, (str(self), self.stored)


def display_name(stored):
    translation = NAMES.get(stored)
    return stored if translation is None else DisplayName(translation, stored)


def stored_name(value):
    return value.stored if isinstance(value, DisplayName) else value


class NameInReadersLanguage(DeferredAttribute):
    """`name` of Workflow and Task: reads a key as its translation, stores what it is given,
    except the translation it gave, which stays the key it came from."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        return display_name(super().__get__(instance, cls))

    def __set__(self, instance, value):
        value = stored_name(value)
        current = instance.__dict__.get(self.field.attname)
        if current in NAMES and value == str(NAMES[current]):
            value = current
        instance.__dict__[self.field.attname] = value


def install():
    for model in (Workflow, Task):
        field = model._meta.get_field("name")
        setattr(model, field.attname, NameInReadersLanguage(field))
        field.pre_save = _stored_value_of(field)
    for log_entry_model in (PageLogEntry, ModelLogEntry):
        pre_save.connect(
            keep_keys_in_log_entry, sender=log_entry_model, dispatch_uid="editorial_workflow_names"
        )


def _stored_value_of(field):
    def pre_save(model_instance, add):
        return stored_name(getattr(model_instance, field.attname))

    return pre_save


# --- The page history -----------------------------------------------------------------------

WORKFLOW_LOG_ACTIONS = "wagtail.workflow."


def _with_names(data, convert):
    """The log entry's data with every text passed through convert."""
    if isinstance(data, dict):
        return {key: _with_names(value, convert) for key, value in data.items()}
    if isinstance(data, list):
        return [_with_names(value, convert) for value in data]
    return convert(data) if isinstance(data, str) else data


def keep_keys_in_log_entry(sender, instance, **kwargs):
    if instance.action.startswith(WORKFLOW_LOG_ACTIONS):
        instance.data = _with_names(instance.data, stored_name)


class LogMessageInReadersLanguage(LogFormatter):
    """Wagtail's formatter of a workflow log entry, given the names in the reader's language."""

    def __init__(self, formatter):
        self.formatter = formatter
        self.label = formatter.label

    def format_message(self, log_entry):
        entry = copy.copy(log_entry)
        entry.data = _with_names(log_entry.data, display_name)
        return self.formatter.format_message(entry)

    def format_comment(self, log_entry):
        return self.formatter.format_comment(log_entry)


def translate_workflow_log_messages(actions):
    """After Wagtail registered its formatters (register_log_actions hook, a later order)."""
    for action, formatter in list(actions.formatters.items()):
        if action.startswith(WORKFLOW_LOG_ACTIONS):
            actions.formatters[action] = LogMessageInReadersLanguage(formatter)
