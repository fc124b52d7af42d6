from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from content import urls as content_urls

from . import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("oidc/", include("accounts.urls")),  # single sign-on, when configured
    path("documents/", include(wagtaildocs_urls)),
    path("", include(content_urls)),
    path("", views.language_root, name="language_root"),
    path("healthz", views.healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include(content_urls.localised_urlpatterns)),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
