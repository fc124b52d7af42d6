"""Keep caches true to the content: the page cache here, and a CDN in front when configured.

Connected in DeliveryConfig.ready(). Every change that can show on a page invalidates the whole
page cache (see delivery.cache); so does a run of `load_content`, which also purges every page
from the CDN. Nothing here ever empties a shared cache: other keys (rate limits, Wagtail's own,
other applications') stay. A CDN configured through Wagtail's front-end cache module
(WAGTAILFRONTENDCACHE) is told to purge the changed page and its ancestors at their URL in
*every* language: with translated slugs, `/fr/vieillissement/` is `/nl/vergrijzing/`, which
Wagtail's own purge (one language, or the same slug under another prefix) would miss.
"""

import logging

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import translation
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from content.signals import content_loaded
from core.languages import language_codes

from .cache import invalidate_pages

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
    """Pages, their inline children (events, series, sources), sites, images and documents."""
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page, Site

    if model._meta.label_lower in IGNORED_MODELS:
        return False
    return issubclass(model, Page | Site | AbstractImage | AbstractDocument) or (
        model._meta.app_label == "content"
    )


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


def _on_content_saved_or_deleted(sender, **kwargs):
    if _shows_on_pages(sender):
        invalidate_pages()


def _on_page_published_or_unpublished(sender, instance, **kwargs):
    invalidate_pages()
    if cdn_configured():
        purge_from_cdn(urls_to_purge(instance))


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
    content_loaded.connect(_on_content_loaded, dispatch_uid="delivery-content-loaded")
    post_save.connect(_on_content_saved_or_deleted, dispatch_uid="portal-cache-save")
    post_delete.connect(_on_content_saved_or_deleted, dispatch_uid="portal-cache-delete")
    page_published.connect(_on_page_published_or_unpublished, dispatch_uid="portal-published")
    page_unpublished.connect(_on_page_published_or_unpublished, dispatch_uid="portal-unpublished")
    pre_page_move.connect(_remember_urls_before_change, dispatch_uid="portal-pre-move")
    post_page_move.connect(_on_page_moved, dispatch_uid="portal-moved")
    pre_delete.connect(_remember_urls_before_change, dispatch_uid="portal-pre-delete")
    post_delete.connect(_on_page_deleted, dispatch_uid="portal-page-deleted")
