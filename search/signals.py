"""The index follows the content: publishing, unpublishing, moves, view restrictions, loads."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.signals import content_loaded

from . import results_cache, vocabulary
from .indexing import index_page, index_subtree, rebuild, remove_page
from .models import SearchEntry


def _on_published(sender, instance, **kwargs):
    index_page(instance)


def _on_unpublished(sender, instance, **kwargs):
    remove_page(instance)


def _on_moved(sender, instance, **kwargs):
    index_subtree(instance)


def _on_view_restriction_changed(sender, instance, **kwargs):
    """After the commit: a restriction is also deleted when its page is, and re-indexing a
    page in the middle of its own deletion would write entries for rows about to vanish."""
    page_id = instance.page_id

    def reindex():
        page = Page.objects.filter(pk=page_id).first()
        if page is not None:
            index_subtree(page)

    transaction.on_commit(reindex)


def _on_entry_deleted(sender, instance, **kwargs):
    """An entry gone (unpublished, deleted page, lost title): its words leave the vocabulary."""
    vocabulary.remove_words(
        instance.language, vocabulary.entry_words(instance.title, instance.text)
    )


def _on_content_loaded(sender, **kwargs):
    """Publishing indexed each page the load wrote; the rebuild also covers pages loaded before
    the index existed, so the index is current after every load."""
    return f"Search index: {rebuild()} pages."


def connect():
    """Called from SearchConfig.ready(). Deleting a page deletes its entries by cascade."""
    results_cache.connect()
    content_loaded.connect(_on_content_loaded, dispatch_uid="search_content_loaded")
    page_published.connect(_on_published, dispatch_uid="search_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="search_unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="search_moved")
    post_delete.connect(_on_entry_deleted, sender=SearchEntry, dispatch_uid="search_entry_gone")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search_restriction_{signal is post_save}",
        )
