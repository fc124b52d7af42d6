"""Template tags for the portal's multilingual chrome: switcher, alternates, navigation."""

from decimal import Decimal

from django import template
from django.apps import apps
from django.conf import settings
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import translate_url
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from wagtail.models import Page, Site

from content.models import FormPage, StandardPage, ThemePage
from content.reference_blocks import institution_heading
from content.sections import in_magazine_order
from core import translated
from core.languages import default_language, keep_lang_spans, language_codes, local_name

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def page_translations(context, page=None):
    """One entry per portal language: where this page lives in that language.

    Pages resolve their translated slug; the portal's own views (search, site map) their
    translated path; anything else without a page (errors) each language's home.
    """
    request = context.get("request")
    current = translation.get_language()
    match = getattr(request, "resolver_match", None)
    own_view = not page and match is not None and match.url_name != "wagtail_serve"
    entries = []
    for code in language_codes():
        if own_view:
            # translate_url resolves the path in the active language: call it outside override.
            url = translate_url(request.path, code)
        else:
            with translation.override(code):
                url = page.get_url(request) if page else f"/{code}/"
        full_url = request.build_absolute_uri(url) if request else url
        entries.append(
            {
                "code": code,
                "name": local_name(code),
                "url": url,
                "full_url": full_url,
                "is_current": code == current,
            }
        )
    return entries


@register.simple_tag(takes_context=True)
def x_default_url(context, page=None):
    """x-default: the language-negotiating root for the home page, else the default language."""
    request = context.get("request")
    root = _site_root(request)
    if not page or (root is not None and page.pk == root.pk):
        return request.build_absolute_uri("/") if request else "/"
    with translation.override(default_language()):
        url = page.get_url(request)
    return request.build_absolute_uri(url) if request else url


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The site root's live, public children that editors put in the menu, in tree order.

    Public: no view restriction (password, login, groups) on the page or an ancestor; a
    restricted page is never listed, not even its title."""
    root = _site_root(context.get("request"))
    if root is None:
        return Page.objects.none()
    return root.get_children().live().public().in_menu().annotate(short_title=_short_title())


def _short_title():
    """The page's own menu title in the active language, read in the menu's one query: a
    correlated subquery per page type that has one (only the page's own type matches)."""
    column = translated.column("menu_title", translation.get_language())
    subqueries = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).values(column)[:1])
        for model in apps.get_app_config("content").get_models()
        if issubclass(model, Page) and "menu_title" in translated.translated_fields(model)
    ]
    return Coalesce(*subqueries, Value(""), output_field=CharField())


@register.filter
def menu_label(page):
    """The page's short menu title in the current language, else its title. Never another
    language's menu title: an empty one falls back to this language's own title."""
    short = getattr(page, "short_title", "")
    return short if not translated.is_empty(short) else page.title


@register.simple_tag(takes_context=True)
def section_menu(context):
    """The site's magazine section pages, in the magazine's order (content/sections.py)."""
    root = _site_root(context.get("request"))
    if root is None:
        return []
    return in_magazine_order(ThemePage.objects.child_of(root).live().public().defer_streamfields())


@register.simple_tag(takes_context=True)
def site_home(context):
    return _site_root(context.get("request"))


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """The page's ancestors from the site root down, excluding the page itself."""
    root = _site_root(context.get("request"))
    if root is None or page.pk == root.pk:
        return []
    return page.get_ancestors().filter(depth__gte=root.depth)


@register.filter
def number(value):
    """A number in the active language's notation, without trailing zeros: 0,268 · 1 463 102."""
    if value in (None, ""):
        return ""
    value = Decimal(str(value)).normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return number_format(value, use_l10n=True, force_grouping=True)


@register.filter
def is_ancestor_or_self(menu_page, page):
    return page is not None and (menu_page.pk == page.pk or page.path.startswith(menu_page.path))


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """Links in the same place on every page: pages flagged "show in footer" (accessibility,
    privacy) and the feedback form(s)."""
    root = _site_root(context.get("request"))
    if root is None:
        return []
    flagged = (
        StandardPage.objects.descendant_of(root)
        .live()
        .public()
        .filter(show_in_footer=True)
        .defer_streamfields()
    )
    forms = FormPage.objects.descendant_of(root).live().public().defer_streamfields()
    return [*flagged, *forms]


@register.filter
def visible_pages(pages):
    """The pages of an editor's list (a related-pages block) that a visitor may open: live and
    without view restrictions, in the list's order."""
    pages = [page for page in pages or () if page is not None]
    # In the same query: the language of a publication's title left in the original, which
    # field_lang marks (the block gives plain Page objects, not the specific page types).
    allowed = dict(
        Page.objects.live()
        .public()
        .filter(pk__in=[page.pk for page in pages])
        .values_list("pk", "publicationpage__title_language")
    )
    for page in pages:
        if allowed.get(page.pk):
            page.title_language = allowed[page.pk]
    return [page for page in pages if page.pk in allowed]


@register.simple_tag
def field_lang(obj, field_name):
    """` lang="fr"` when a translated field is shown in the default language for lack of a
    translation in the active one, or when a title is left in its original language on purpose
    (a publication's `title_language`); nothing otherwise."""
    language = translation.get_language()
    original = getattr(obj, "title_language", "") if field_name == "title" else ""
    if original and original != language:
        return format_html(' lang="{}"', original)
    if language != default_language() and translated.is_untranslated(obj, field_name, language):
        return format_html(' lang="{}"', default_language())
    return ""


@register.simple_tag
def accessible_widget(field):
    """Render a form field's widget tied to its help text and error message for screen readers."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    attrs = {}
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def get_item(mapping, key):
    """`mapping|get_item:key` in templates: a dict lookup by a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def heading_anchor(text):
    """The id of a heading block, from its text (the "On this page" list links to it)."""
    return slugify(str(text)) or "section"


@register.simple_tag
def page_contents(page):
    """[(anchor, text)] of the body's section headings (h2), for the "On this page" list; a
    "Who does what" entry is a section too, named in the page's language."""
    body = getattr(page, "body", None) or []
    contents = []
    for block in body:
        if block.block_type == "heading" and block.value.get("level") == "h2":
            contents.append((heading_anchor(block.value["text"]), block.value["text"]))
        elif block.block_type == "institution":
            contents.append((block.value["anchor"], institution_heading(block.value)))
    return contents


@register.simple_tag
def portal_operator():
    """The operator from settings: its name in the visitor's language (else in the first language
    that has one, with that language's code), its site and its functional mailbox."""
    operator = getattr(settings, "PORTAL_OPERATOR", {}) or {}
    names = operator.get("name") or {}
    current = translation.get_language()
    language = current if names.get(current) else next((c for c in names if names[c]), None)
    return {
        "name": names.get(language, "") if language else "",
        "lang": language if language and language != current else "",
        "url": operator.get("url", ""),
        "email": operator.get("email", ""),
    }


@register.filter
def lang_phrases(text):
    """Plain text in which a phrase may carry its language, `<span lang="fr">…</span>` (a French
    chapter title quoted in a Dutch source line): that markup is kept, everything else escaped."""
    return mark_safe(keep_lang_spans(str(conditional_escape(text))))  # noqa: S308 - escaped
