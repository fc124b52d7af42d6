"""Single sign-on through OpenID Connect (mozilla-django-oidc), configured from the environment
(accounts/conf.py). The provider's group claim decides the account's editorial groups; the
provider asks for the second factor."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class PortalOIDCBackend(OIDCAuthenticationBackend):
    def mapped_groups(self, claims):
        """Our group names for the claim values the provider sent (Editors, Moderators)."""
        values = claims.get(settings.PORTAL_OIDC_GROUPS_CLAIM) or []
        if isinstance(values, str):
            values = values.split()
        return [name for name, value in settings.PORTAL_OIDC_GROUPS.items() if value in values]

    def verify_claims(self, claims):
        # Only people the provider puts in one of the editorial groups may sign in.
        return super().verify_claims(claims) and bool(self.mapped_groups(claims))

    def filter_users_by_claims(self, claims):
        # Accounts with a password of their own sign in with it (and their second factor):
        # single sign-on only reaches the accounts it created.
        users = super().filter_users_by_claims(claims)
        return users.filter(pk__in=[user.pk for user in users if not user.has_usable_password()])

    def get_username(self, claims):
        return claims.get("preferred_username") or claims.get("email")

    def create_user(self, claims):
        username = self.get_username(claims)
        if self.UserModel.objects.filter(username=username).exists():
            raise SuspiciousOperation(f"A local account is already named {username!r}.")
        user = self.UserModel.objects.create_user(username, email=claims.get("email"))
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        user.email = claims.get("email", user.email)
        user.first_name = claims.get("given_name", user.first_name)
        user.last_name = claims.get("family_name", user.last_name)
        user.save()
        wanted = set(self.mapped_groups(claims))
        for group in Group.objects.filter(name__in=settings.PORTAL_OIDC_GROUPS):
            if group.name in wanted:
                user.groups.add(group)
            else:
                user.groups.remove(group)
        return user
