from django.conf import settings


def portal(request):
    """Values every template may need: the language list, for pages that show all of them."""
    return {"PORTAL_LANGUAGE_CODES": [code for code, _name in settings.LANGUAGES]}
