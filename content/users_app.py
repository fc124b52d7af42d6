"""Wagtail's users app, with the editorial groups under translated names (see admin_groups.py).
Listed in INSTALLED_APPS instead of "wagtail.users"; its own module, so that content/apps.py
keeps a single app config."""

from wagtail.users.apps import WagtailUsersAppConfig


class PortalUsersConfig(WagtailUsersAppConfig):
    group_viewset = "content.admin_groups.PortalGroupViewSet"
    user_viewset = "content.admin_groups.PortalUserViewSet"
