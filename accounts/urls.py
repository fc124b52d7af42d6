"""Single sign-on's two addresses (mozilla-django-oidc's views); not found while SSO is off."""

from functools import wraps

from django.conf import settings
from django.http import Http404
from django.urls import path
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView


def when_configured(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not getattr(settings, "OIDC_RP_CLIENT_ID", ""):
            raise Http404("Single sign-on is not configured.")
        return view(request, *args, **kwargs)

    return wrapped


urlpatterns = [
    path(
        "callback/",
        when_configured(OIDCAuthenticationCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
    path(
        "authenticate/",
        when_configured(OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
]
