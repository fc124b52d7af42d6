"""`{% page_chrome as chrome %}`: the menus and footer links, from delivery.chrome's cache;
`{% page_body %}`: a part of the page kept by delivery.fragments."""

from django import template

from delivery.chrome import chrome
from delivery.fragments import render_body

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


class _BodyNode(template.Node):
    def __init__(self, nodelist, part):
        self.nodelist = nodelist
        self.part = part

    def render(self, context):
        return render_body(context, self.nodelist, self.part)


@register.tag
def page_body(parser, token):
    """`{% page_body %}…{% endpage_body %}`: a part of the page that shows only the page and what
    it lists (its body; `{% page_body "head" %}`: its title, meta tags and alternates), from
    delivery.fragments' cache."""
    bits = token.split_contents()
    if len(bits) > 2 or (len(bits) == 2 and bits[1][0] not in "'\""):
        raise template.TemplateSyntaxError("{% page_body %} takes at most one quoted name")
    part = bits[1][1:-1] if len(bits) == 2 else "body"
    nodelist = parser.parse(("endpage_body",))
    parser.delete_first_token()
    return _BodyNode(nodelist, part)
