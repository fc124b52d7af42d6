"""The StreamField block definitions, packed for the editor once per process and language.

Wagtail's `BlockWidget` packs its block definition with telepath (labels, help texts, child
blocks, widgets and their media) every time a form is built: once per StreamField per request.
A page here has one body per language (body_fr, body_nl, body_en: the same blocks), so the edit
view packed the same definitions three times per request, about a third of its server time.

The packed definition depends only on the block definition and the active language (labels and
help texts are translated when packed); the page's values are packed separately, per request, by
`BlockWidget.render_with_errors`. So the packed JSON and its media are kept per block definition
and language for the life of the process. The block definitions are attributes of the model
fields, created once at start-up; the cache keeps a reference to each so that its id is never
reused. A change of settings in tests clears it.

Two parts of a pack are drawn at random: the ids of a list block's default items and the keys of
a rich text block's empty editor state, used when the editor inserts a new block. One pack per
request already gave every block inserted while editing that form the same ones; now they are
the same for the life of the process. The keys never leave the browser (rich text is saved as
HTML).
"""

import threading

from django.core.signals import setting_changed
from django.utils.translation import get_language
from wagtail.blocks.base import BlockWidget

_MOST = 300
_packed = {}
_lock = threading.Lock()
_pack_uncached = BlockWidget._build_block_json


def _build_block_json(widget):
    key = (id(widget.block_def), get_language())
    packed = _packed.get(key)
    if packed is None or packed[0] is not widget.block_def:
        _pack_uncached(widget)
        packed = (widget.block_def, widget._js_context, widget._block_json)
        with _lock:
            if len(_packed) >= _MOST:  # block definitions made per request: never grow unbounded
                _packed.clear()
            _packed[key] = packed
    widget._js_context, widget._block_json = packed[1], packed[2]


def clear(**kwargs):
    with _lock:
        _packed.clear()


def install():
    BlockWidget._build_block_json = _build_block_json
    setting_changed.connect(clear, dispatch_uid="editorial_block_definitions")
