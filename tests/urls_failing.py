"""A URLconf with a view that fails, to see what visitors get on a server error."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from portal.urls import handler400, handler403, handler404, handler500  # noqa: F401


def failing_view(request):
    return 1 / 0


urlpatterns = i18n_patterns(path("fail/", failing_view))
