"""`{% page_chrome as chrome %}`: the menus and footer links, from delivery.chrome's cache."""

from django import template

from delivery.chrome import chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def page_chrome(context):
    request = context.get("request")
    if request is None:
        return chrome(context)
    if not hasattr(request, "_portal_chrome"):
        request._portal_chrome = {}
    from django.utils import translation

    language = translation.get_language()
    if language not in request._portal_chrome:
        request._portal_chrome[language] = chrome(context)
    return request._portal_chrome[language]
