"""Keep caches true to the content: the page cache here, and a CDN in front when configured.

Connected in DeliveryConfig.ready(). A change drops the cached pages that depend on what changed
(delivery.dependencies): a page → `page:<id>` (the page in every language, and every page that
loaded it: lists, links, related pages, breadcrumbs) and `children:<parent>` (the parent's list
of children, where a new page appears); an image or document → the pages that showed it; a
timeline event, key-figure series or source citation → `shown:<id>` of the pages it points to (its
timeline or key-figures page, its section page, its publication), before and after the change. A change of
navigation (the site root, a page in the main menu's level, a footer page, a form), a move, a
site, a view restriction, anything else in `content`, and a run of `load_content` still drop every page; the last
also purges every page from the CDN. A saved draft drops nothing. Nothing here ever empties a shared cache: other keys (rate limits, Wagtail's own,
other applications') stay. A CDN configured through Wagtail's front-end cache module
(WAGTAILFRONTENDCACHE) is told to purge the changed page and its ancestors at their URL in
*every* language: with translated slugs, `/fr/vieillissement/` is `/nl/vergrijzing/`, which
Wagtail's own purge (one language, or the same slug under another prefix) would miss.
"""

import logging

from django.conf import settings
from django.db.models.signals import post_delete, post_init, post_save, pre_delete, pre_save
from django.utils import translation
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from content.models import FormPage, ThemePage
from content.signals import content_loaded
from core.languages import language_codes

from .cache import invalidate_pages
from .dependencies import changed, dependents, on_instance_loaded

logger = logging.getLogger(__name__)

# Models whose changes never show on a public page.
IGNORED_MODELS = {
    "wagtailimages.rendition",  # created while pages render
    "wagtailcore.revision",  # drafts; publishing sends page_published
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailforms.formsubmission",
}


def _shows_on_pages(model):
    """Pages, their inline children (events, series, sources), sites, images, documents and
    view restrictions (which decide whether a page is shown and listed at all)."""
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import BaseViewRestriction, Page, Site

    if model._meta.label_lower in IGNORED_MODELS:
        return False
    kinds = Page | Site | AbstractImage | AbstractDocument | BaseViewRestriction
    return issubclass(model, kinds) or (model._meta.app_label == "content")


def page_urls_in_every_language(page):
    """The page's full URL in each portal language (its translated slug under each prefix)."""
    urls = []
    for code in language_codes():
        with translation.override(code):
            url = page.get_full_url()
        if url:
            urls.append(url)
    return urls


def urls_to_purge(page):
    """The page and its ancestors (listings and menus that show it), in every language."""
    pages = [*page.get_ancestors().filter(depth__gt=1), page]
    return [url for each in pages for url in page_urls_in_every_language(each)]


def cdn_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_from_cdn(urls):
    if not cdn_configured() or not urls:
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(sorted(set(urls)))
    except Exception:
        logger.exception("The CDN purge failed for %s", urls)


# A revision saved as a draft updates only these columns of the page: nothing public changes.
DRAFT_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "wagtail_admin_comments",
    "locked",
    "locked_at",
    "locked_by",
}


def _is_navigation(page):
    """The site root and its home page, the main menu (the home page's children shown in
    menus) and the footer (flagged pages and forms), now or before the change: they are on
    every page, so a change of these drops every page."""
    return (
        page.depth <= 2
        or (page.depth == 3 and page.show_in_menus)
        or getattr(page, "show_in_footer", False)
        or isinstance(page, FormPage)
        or getattr(page, "_portal_was_navigation", False)
    )


def _pages_shown_by(instance):
    """The pages an inline item (event, series, citation) shows on: the pages its keys point
    to (its timeline or key-figures page, its section page, its source publication) and the
    section page of its section. `shown:<id>`: those pages themselves, not the pages that list
    them (an event changes no title)."""
    from wagtail.models import Page

    names = set()
    for field in instance._meta.concrete_fields:
        target = getattr(field, "related_model", None)
        if target is not None and issubclass(target, Page):
            value = getattr(instance, field.attname)
            if value:
                names.add(f"shown:{value}")
    section = getattr(instance, "section", None)
    if section:
        pages = ThemePage.objects.filter(section=section).values_list("pk", flat=True)
        names.update(f"shown:{pk}" for pk in pages)
    return names


def _page_names(page):
    parent = page.path[: -page.steplen] if page.depth > 1 else None
    names = {f"page:{page.pk}"}
    if parent:
        from wagtail.models import Page

        names.update(
            f"children:{pk}" for pk in Page.objects.filter(path=parent).values_list("pk", flat=True)
        )
    return names


def _before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """What the saved object showed before, read from the database."""
    from wagtail.models import Page

    if raw or instance.pk is None or not _shows_on_pages(sender):
        return
    if update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    if isinstance(instance, Page):
        flags = ["show_in_menus"] + (
            ["show_in_footer"] if hasattr(instance, "show_in_footer") else []
        )
        before = sender.objects.filter(pk=instance.pk).values_list("depth", *flags).first()
        instance._portal_was_navigation = bool(
            before and (before[0] <= 2 or (before[0] == 3 and before[1]) or any(before[2:]))
        )
    elif sender._meta.app_label == "content":
        old = sender.objects.filter(pk=instance.pk).first()
        instance._portal_shown_before = _pages_shown_by(old) if old else set()


def _names_for(sender, instance):
    """The dependencies a change of `instance` touches, or None for "every page"."""
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page

    if isinstance(instance, Page):
        return None if _is_navigation(instance) else _page_names(instance)
    if isinstance(instance, AbstractImage):
        return {f"image:{instance.pk}"}
    if isinstance(instance, AbstractDocument):
        return {f"document:{instance.pk}"}
    if sender._meta.app_label == "content":
        names = _pages_shown_by(instance) | getattr(instance, "_portal_shown_before", set())
        return names or None
    return None


def _invalidate(sender, instance):
    names = _names_for(sender, instance)
    if names is None:
        invalidate_pages()
    else:
        changed(names)
    return names


def _on_content_saved_or_deleted(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not _shows_on_pages(sender):
        return
    if update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    names = _invalidate(sender, instance)
    if names and cdn_configured():
        purge_dependents(names)


def purge_dependents(names):
    """Purge, in every language, the pages whose cached rendering depended on `names`."""
    from wagtail.models import Page

    ids = dependents(names)
    pages = Page.objects.live().public().filter(pk__in=ids).specific()
    purge_from_cdn([url for page in pages for url in page_urls_in_every_language(page)])


def _on_page_published_or_unpublished(sender, instance, **kwargs):
    names = _invalidate(type(instance), instance)
    if cdn_configured():
        purge_from_cdn(urls_to_purge(instance))
        if names:
            purge_dependents(names)


def _remember_urls_before_change(sender, instance, **kwargs):
    from wagtail.models import Page

    if cdn_configured() and isinstance(instance, Page) and instance.live:
        instance._portal_urls_before_change = urls_to_purge(instance)


def _on_page_moved(sender, instance, **kwargs):
    invalidate_pages()
    if not cdn_configured():
        return
    instance.refresh_from_db()
    before = getattr(instance, "_portal_urls_before_change", [])
    purge_from_cdn(before + (urls_to_purge(instance) if instance.live else []))


def _on_page_deleted(sender, instance, **kwargs):
    purge_from_cdn(getattr(instance, "_portal_urls_before_change", []))


def _on_content_loaded(sender, **kwargs):
    """The seed loader may have changed any page: drop them all, here and at the CDN."""
    from wagtail.models import Page

    invalidate_pages()
    if cdn_configured():
        pages = Page.objects.live().public().filter(depth__gt=1)
        purge_from_cdn([url for page in pages for url in page_urls_in_every_language(page)])
    return "Page cache invalidated" + (" and CDN purged." if cdn_configured() else ".")


def connect():
    post_init.connect(on_instance_loaded, dispatch_uid="portal-cache-dependencies")
    content_loaded.connect(_on_content_loaded, dispatch_uid="delivery-content-loaded")
    pre_save.connect(_before_save, dispatch_uid="portal-cache-before-save")
    post_save.connect(_on_content_saved_or_deleted, dispatch_uid="portal-cache-save")
    post_delete.connect(_on_content_saved_or_deleted, dispatch_uid="portal-cache-delete")
    page_published.connect(_on_page_published_or_unpublished, dispatch_uid="portal-published")
    page_unpublished.connect(_on_page_published_or_unpublished, dispatch_uid="portal-unpublished")
    pre_page_move.connect(_remember_urls_before_change, dispatch_uid="portal-pre-move")
    post_page_move.connect(_on_page_moved, dispatch_uid="portal-moved")
    pre_delete.connect(_remember_urls_before_change, dispatch_uid="portal-pre-delete")
    post_delete.connect(_on_page_deleted, dispatch_uid="portal-page-deleted")
