"""The simulated request of a preview, through a middleware chain loaded once per process.

Wagtail renders a preview by sending a made-up request for the page's public URL through the
whole middleware chain (`PreviewableMixin.make_preview_request`), and it builds that chain again
for every preview: `load_middleware()` makes every middleware anew, and WhiteNoise's reads the
list of every collected static file when it is made (about 40 ms of a 250 ms preview of the
largest page). The chain depends on neither the page nor the preview mode, so it is loaded once
per process and the page and mode travel on the request, as Django's own WSGI handler serves
every request of a process with one chain. What the request, the middleware and the page see is
Wagtail's: the same made-up request (its `_get_dummy_headers`), `is_dummy` before the
middleware, `is_preview` and `preview_mode` set when the chain reaches the page, a private
response. A change of settings (tests: the middleware, or what a middleware reads when it is
made) loads the chain again.
"""

import threading

from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import setting_changed
from django.utils.cache import patch_cache_control

_handler = None
_lock = threading.Lock()


class PreviewHandler(BaseHandler):
    """Ends the chain with the page's `serve_preview`, as Wagtail's handler made per preview."""

    def _get_response(self, request):
        page, preview_mode = request._preview_target
        request.is_preview = True
        request.preview_mode = preview_mode
        response = page.serve_preview(request, preview_mode)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        patch_cache_control(response, private=True)
        return response


def preview_handler():
    global _handler
    if _handler is None:
        with _lock:
            if _handler is None:
                handler = PreviewHandler()
                handler.load_middleware()
                _handler = handler
    return _handler


def make_preview_request(page, original_request=None, preview_mode=None, extra_request_attrs=None):
    """Wagtail's `make_preview_request`, with the process's middleware chain."""
    request = WSGIRequest(page._get_dummy_headers(original_request))
    request.is_dummy = True
    for name, value in (extra_request_attrs or {}).items():
        setattr(request, name, value)
    request._preview_target = (page, preview_mode)
    return preview_handler().get_response(request)


def forget_handler(**kwargs):
    global _handler
    with _lock:
        _handler = None


setting_changed.connect(forget_handler, dispatch_uid="core_preview_handler")
