from django import template
from django.conf import settings
from django.urls import reverse

register = template.Library()


@register.simple_tag
def sso_sign_in():
    """The single sign-on link and the provider's name, or None when SSO is off."""
    if not getattr(settings, "OIDC_RP_CLIENT_ID", ""):
        return None
    return {
        "url": reverse("oidc_authentication_init"),
        "provider": getattr(settings, "PORTAL_OIDC_PROVIDER_NAME", ""),
    }
