"""Wagtail's users app, with the editorial groups under translated names (see groups.py).
Listed in INSTALLED_APPS instead of "wagtail.users"; its own module, so that editorial/apps.py
keeps a single app config."""

from wagtail.users.apps import WagtailUsersAppConfig


class PortalUsersConfig(WagtailUsersAppConfig):
    group_viewset = "editorial.groups.PortalGroupViewSet"
    user_viewset = "editorial.groups.PortalUserViewSet"
