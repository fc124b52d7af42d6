from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from delivery import urls as delivery_urls
from editorial.refusals import add_subpage
from search import urls as search_urls

urlpatterns = [
    # Before the admin's own: under a page type that takes no child pages, say so.
    path("admin/pages/<int:parent_page_id>/add_subpage/", add_subpage),
    path("admin/", include(wagtailadmin_urls)),
    path("oidc/", include("accounts.urls")),  # single sign-on, when configured
    path("documents/", include(wagtaildocs_urls)),
    path("", include(delivery_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include(search_urls.localised_urlpatterns)),
    path("", include(delivery_urls.localised_urlpatterns)),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "delivery.views.bad_request"
handler403 = "delivery.views.permission_denied"
handler404 = "delivery.views.page_not_found"
handler500 = "delivery.views.server_error"
