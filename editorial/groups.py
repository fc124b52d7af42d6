"""The editorial groups under their names in the admin user's language.

The stored group names ("Editors", "Moderators") are stable identifiers used by the roles
migration and the workflow; the admin shows them translated in the group list and in the
user forms where people are given a role. Any other group keeps its own name.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import TitleColumn
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.groups import GroupViewSet
from wagtail.users.views.groups import IndexView as GroupIndexView
from wagtail.users.views.users import UserViewSet

GROUP_DISPLAY_NAMES = {
    "Editors": _("Editors"),
    "Moderators": _("Moderators"),
}


def group_display_name(group):
    return GROUP_DISPLAY_NAMES.get(group.name, group.name)


class TranslatedGroupIndexView(GroupIndexView):
    columns = [
        TitleColumn(
            "name",
            label=GroupIndexView.columns[0].label,
            sort_key="name",
            url_name="wagtailusers_groups:edit",
            accessor=group_display_name,
        ),
    ]


class PortalGroupViewSet(GroupViewSet):
    index_view_class = TranslatedGroupIndexView


class TranslatedGroupChoicesMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "groups" in self.fields:
            self.fields["groups"].label_from_instance = group_display_name


class PortalUserCreationForm(TranslatedGroupChoicesMixin, UserCreationForm):
    pass


class PortalUserEditForm(TranslatedGroupChoicesMixin, UserEditForm):
    pass


class PortalUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else PortalUserCreationForm
