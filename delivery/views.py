import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_vary_headers

from core.languages import language_from_accept_header

logger = logging.getLogger(__name__)


def language_root(request):
    """`/`: send visitors to the language their browser asks for, or let them choose.

    With no match it shows a neutral page in every language rather than guessing one.
    """
    language = language_from_accept_header(request.headers.get("Accept-Language"))
    if language:
        response = HttpResponseRedirect(f"/{language}/")
    else:
        response = render(request, "language_choice.html")
    patch_vary_headers(response, ("Accept-Language",))
    return response


def page_not_found(request, exception=None):
    """404 in the language of the URL's prefix; a neutral page in every language without one.

    Not wrapped in requires_csrf_token (the 404 page has no form): that decorator reads the
    body of a POST, and a malformed one (a multipart body without a boundary) would turn the
    404 into a 500.
    """
    language = translation.get_language_from_path(request.path_info)
    if language:
        with translation.override(language):
            return render(request, "404.html", {"language_home": f"/{language}/"}, status=404)
    return render(request, "404_neutral.html", status=404)


# What the 500 page says if even its template cannot be rendered (say, the static files
# manifest is missing): plain text in every language, never a trace.
LAST_RESORT_ERROR = (
    "Problème temporaire. Veuillez réessayer dans quelques minutes. / "
    "Tijdelijk probleem. Probeer het over enkele minuten opnieuw. / "
    "Temporary problem. Please try again in a few minutes."
)


def bad_request(request, exception=None):
    """400 (a malformed request, an unknown host) in every language, like the neutral 404.

    Not wrapped in requires_csrf_token, for the reason given at page_not_found.
    """
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    """403 in every language; not wrapped in requires_csrf_token (see page_not_found)."""
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (an expired page, cookies off): the 403 page in
    every language, telling how to send it again, instead of Django's technical English one."""
    return permission_denied(request)


def _database_unreachable(error):
    """The database cannot be reached or answer (as opposed to a bug in a query)."""
    return isinstance(error, (OperationalError, InterfaceError))


def service_unavailable(request):
    """503 while the database cannot be reached: in the language of the URL's prefix, else the
    one the browser asks for, else in every language. Static, like the 500 page."""
    language = translation.get_language_from_path(request.path_info) or language_from_accept_header(
        request.headers.get("Accept-Language")
    )
    try:
        template = loader.get_template("503.html")
        if language:
            with translation.override(language):
                content = template.render({"language": language})
        else:
            content = template.render({"default_language": settings.LANGUAGE_CODE})
    except Exception:
        content, language = LAST_RESORT_ERROR, None
    response = HttpResponse(content, status=503)
    if content is LAST_RESORT_ERROR:
        response["Content-Type"] = "text/plain; charset=utf-8"
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    if language:
        response["Content-Language"] = language
    patch_vary_headers(response, ("Accept-Language",))
    return response


def server_error(request):
    """A static page: no database, no context processors, nothing that could fail again.

    Called while the exception is being handled: a database that cannot be reached gets the
    503 page (try again later) in the visitor's language instead."""
    if _database_unreachable(sys.exc_info()[1]):
        return service_unavailable(request)
    try:
        template = loader.get_template("500.html")
        content = template.render({"default_language": settings.LANGUAGE_CODE})
    except Exception:
        return HttpResponseServerError(LAST_RESORT_ERROR, content_type="text/plain; charset=utf-8")
    return HttpResponseServerError(content)


def healthz(request):
    """For load balancers: the process answers. Deliberately bare (no database, no template), so
    it is also the benchmark's baseline for a Django view (docs/performance.md)."""
    response = HttpResponse("ok\n", content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response


def _database_ready():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Readiness: the database cannot be reached", exc_info=True)
        return False
    return True


def _cache_state():
    """ "ok", "unavailable", or "local" (no shared cache configured: nothing to reach)."""
    is_reachable = getattr(cache, "is_reachable", None)
    if is_reachable is None:
        return "local"
    return "ok" if is_reachable() else "unavailable"


def healthz_ready(request):
    """Readiness, for the load balancer: may this instance get traffic? JSON naming each
    component. 503 when the database cannot be reached (no page can be served); the shared
    cache is reported, but without it the site still serves every page (uncached), so it alone
    does not take the instance out of rotation: the status says "degraded"."""
    database = "ok" if _database_ready() else "unavailable"
    cache_state = _cache_state()
    if database != "ok":
        status = "unavailable"
    elif cache_state == "unavailable":
        status = "degraded"
    else:
        status = "ok"
    response = JsonResponse(
        {"status": status, "database": database, "cache": cache_state},
        status=503 if database != "ok" else 200,
    )
    response["Cache-Control"] = "no-store"
    return response
