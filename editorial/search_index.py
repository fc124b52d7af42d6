"""Wagtail's own search index (the admin's page search) is not rewritten by a draft save.

Wagtail indexes a page after every save of the page row. A draft save writes only the revision
bookkeeping of the row (`Page.save_revision`: the latest revision, its date, the draft title,
"has unpublished changes", the comments), and the index task reads the page back from the
database, where the live title, intro and body have not changed: it rewrote the same entry, for
every language, on every draft save and autosave (a third of a draft save's server time on the
largest page). Publishing, moving, deleting and every other save still update the index, with
Wagtail's own handlers.

The project's index is Wagtail's database backend (settings WAGTAILSEARCH_BACKENDS), which stores
only the searchable text; its filters, `latest_revision_created_at` among them, read the page
table itself, so nothing goes stale.
"""

from django.db.models.signals import post_delete, post_save
from modelsearch import index
from modelsearch.signal_handlers import post_delete_signal_handler, post_save_signal_handler
from wagtail.models import Page
from wagtail.models.pages import COMMENTS_RELATION_NAME

# What Page.save_revision writes with update_fields (wagtail/models/pages.py); modelcluster saves
# the comments relation itself and leaves it out of the fields the signal reports.
REVISION_BOOKKEEPING = frozenset(
    {
        COMMENTS_RELATION_NAME,
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
    }
)


def is_draft_save(update_fields):
    return bool(update_fields) and set(update_fields) <= REVISION_BOOKKEEPING


def update_index(sender, instance, update_fields=None, **kwargs):
    if is_draft_save(update_fields):
        return
    post_save_signal_handler(instance, update_fields=update_fields, **kwargs)


def install():
    """Before Wagtail's search app connects its handlers (it comes later in INSTALLED_APPS):
    the page models get this one instead; images, documents and the rest keep Wagtail's."""
    pages = [
        model
        for model in index.get_indexed_models()
        if issubclass(model, Page) and getattr(model, "search_auto_update", True)
    ]
    for model in pages:
        model.search_auto_update = False
        post_save.connect(update_index, sender=model, dispatch_uid=f"portal-index-{model}")
        post_delete.connect(
            post_delete_signal_handler, sender=model, dispatch_uid=f"portal-unindex-{model}"
        )
