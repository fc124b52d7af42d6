"""Settings of the accounts app read from the environment, with no Django import, so that the
settings modules can use them (portal/settings/base.py)."""

# The claim values of the provider's group claim that put an SSO user into our groups.
OIDC_GROUP_DEFAULTS = {"Editors": "editors", "Moderators": "moderators"}


def oidc_settings(environ):
    """mozilla-django-oidc's settings from the environment; empty when single sign-on is off.

    Single sign-on is on when OIDC_RP_CLIENT_ID is set; then the provider's endpoints and the
    client secret are required too.
    """
    client_id = environ.get("OIDC_RP_CLIENT_ID", "").strip()
    if not client_id:
        return {}
    required = (
        "OIDC_RP_CLIENT_SECRET",
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
    )
    missing = [name for name in required if not environ.get(name, "").strip()]
    if missing:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "OIDC_RP_CLIENT_ID is set, so single sign-on is on, but these variables are "
            f"missing: {', '.join(missing)}"
        )
    settings = {name: environ[name].strip() for name in required}
    settings.update(
        OIDC_RP_CLIENT_ID=client_id,
        OIDC_RP_SIGN_ALGO=environ.get("OIDC_RP_SIGN_ALGO", "RS256"),
        OIDC_RP_SCOPES=environ.get("OIDC_RP_SCOPES", "openid email profile groups"),
        OIDC_USE_PKCE=True,
        OIDC_TIMEOUT=10,
        # What the portal reads from the provider's answer (accounts/sso.py).
        PORTAL_OIDC_GROUPS_CLAIM=environ.get("OIDC_GROUPS_CLAIM", "groups"),
        PORTAL_OIDC_GROUPS={
            group: environ.get(f"OIDC_{group.upper()}_GROUP", default)
            for group, default in OIDC_GROUP_DEFAULTS.items()
        },
        PORTAL_OIDC_PROVIDER_NAME=environ.get("OIDC_PROVIDER_NAME", ""),
    )
    return settings
