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

What this does not cover: the page history's log entries record the names as their author saw
them (Wagtail copies the name into the entry when the action happens, as it does page titles),
and a `dumpdata` of these models writes the names in the command's language.
"""

from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import pgettext_lazy
from wagtail.models import Task, Workflow

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


def _stored_value_of(field):
    def pre_save(model_instance, add):
        return stored_name(getattr(model_instance, field.attname))

    return pre_save
