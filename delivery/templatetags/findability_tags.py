"""What search engines and link previews read in every page's <head>: the meta description,
Open Graph tags and JSON-LD structured data, each with a fallback so no page goes without."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Site

from core.languages import language_codes

register = template.Library()

# Territory for Open Graph locales ("fr" → "fr_BE"): the portal is about Belgium.
TERRITORY = "BE"
DESCRIPTION_LENGTH = 300
ORGANISATION_URL = "https://socialsecurity.belgium.be/"
# json.dumps output is safe inside <script> only once these cannot close or open a tag.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def og_locale(code):
    locale = translation.to_locale(code)
    return locale if "_" in locale else f"{locale}_{TERRITORY}"


def site_description():
    return _(
        "Plain-language information on how Belgian social security works: equality, pensions, "
        "work, e-government, e-health, its history and key figures, with the sources."
    )


def _absolute(request, url):
    return request.build_absolute_uri(url) if request is not None else url


def _page_description(page):
    if page is None:
        return ""
    describe = getattr(page, "get_meta_description", None)
    return (describe() if describe else "") or getattr(page, "search_description", "") or ""


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Title, description, address and locales of what is shown, with fallbacks for views that
    are not pages (search, site map, errors)."""
    request = context.get("request")
    page = context.get("page")
    language = translation.get_language()
    site_name = _("Social security in Belgium")
    if page is not None:
        title = page.seo_title or page.title
        url = _absolute(request, page.get_url(request))
    else:
        title = str(context.get("page_title") or site_name)
        url = _absolute(request, request.path) if request is not None else ""
    description = (
        _page_description(page) or str(context.get("meta_description") or "") or site_description()
    )
    site = Site.find_for_request(request) if request is not None else None
    is_home = page is not None and site is not None and page.pk == site.root_page_id
    return {
        "title": title,
        "description": Truncator(" ".join(str(description).split())).chars(DESCRIPTION_LENGTH),
        "url": url,
        "canonical": url if page is not None else None,
        "type": "website" if page is None or is_home else "article",
        "site_name": site_name,
        "locale": og_locale(language),
        "alternate_locales": [og_locale(code) for code in language_codes() if code != language],
    }


def json_ld(data):
    """A <script type="application/ld+json"> that no value in `data` can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def _search_url_template(request):
    try:
        return _absolute(request, reverse("search")) + "?q={search_term_string}"
    except NoReverseMatch:
        return None


@register.simple_tag(takes_context=True)
def structured_data(context, meta):
    """JSON-LD: the website and the organisation it is about on every page, the page itself,
    and the events of the timeline page."""
    request = context.get("request")
    page = context.get("page")
    language = translation.get_language()
    home = _absolute(request, f"/{language}/")
    organisation = {
        "@type": "GovernmentOrganization",
        "@id": ORGANISATION_URL + "#organization",
        "name": _("FPS Social Security"),
        "legalName": _("Federal Public Service Social Security"),
        "url": ORGANISATION_URL,
        "address": {"@type": "PostalAddress", "addressCountry": TERRITORY},
    }
    website = {
        "@type": "WebSite",
        "@id": home + "#website",
        "name": meta["site_name"],
        "url": home,
        "inLanguage": language,
        "description": site_description(),
        "about": {"@id": organisation["@id"]},
    }
    search_target = _search_url_template(request)
    if search_target:
        website["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": search_target},
            "query-input": "required name=search_term_string",
        }
    graph = [website, organisation]
    if page is not None:
        graph.append(
            {
                "@type": "WebPage",
                "@id": meta["url"],
                "url": meta["url"],
                "name": page.title,
                "description": meta["description"],
                "inLanguage": language,
                "isPartOf": {"@id": website["@id"]},
            }
        )
        events = getattr(page, "events_by_era", None)
        if callable(events):
            graph.append(_timeline(page, meta, [e for _era, group in events() for e in group]))
    return json_ld({"@context": "https://schema.org", "@graph": graph})


def _timeline(page, meta, events):
    items = []
    for position, event in enumerate(events, start=1):
        item = {
            "@type": "Event",
            "name": event.headline,
            "description": event.text,
            "startDate": event.datetime_attribute,
        }
        if event.end_year:
            item["endDate"] = str(event.end_year)
        items.append({"@type": "ListItem", "position": position, "item": item})
    return {
        "@type": "ItemList",
        "@id": meta["url"] + "#events",
        "name": page.title,
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "numberOfItems": len(items),
        "itemListElement": items,
    }
