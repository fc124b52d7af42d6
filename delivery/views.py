from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_vary_headers

from core.languages import language_from_accept_header


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


def server_error(request):
    """A static page: no database, no context processors, nothing that could fail again."""
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
