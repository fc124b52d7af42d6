"""Signals the content app sends, for the apps that keep something derived from the content.

`content_loaded` is sent after `load_content` wrote the tree from the seed files (with the load
report as `report`): the search index rebuilds itself and the page cache and CDN drop every page.
The loader does not know who listens, so the seed app depends on no app but content.
"""

from django.dispatch import Signal

content_loaded = Signal()
