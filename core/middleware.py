from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus the guess on unknown unprefixed URLs.

    Django redirects a 404 without a language prefix to the same path under the visitor's
    language. With Wagtail's catch-all page route every such path "exists", so any typo would
    bounce to a guessed language before failing. The portal answers an unknown unprefixed URL
    with its neutral, three-language 404 page instead.
    """

    def process_response(self, request, response):
        language_from_path = translation.get_language_from_path(request.path_info)
        if response.status_code == 404 and not language_from_path:
            patch_vary_headers(response, ("Accept-Language",))
            return response
        return super().process_response(request, response)
