from wagtail import hooks

from .cache import mark_page_cacheable


@hooks.register("before_serve_page")
def allow_page_cache(page, request, serve_args, serve_kwargs):
    """Only Wagtail pages may be stored by the page cache (see delivery.cache)."""
    mark_page_cacheable(request, page)
