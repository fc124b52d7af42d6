"""HEAD: the headers of GET, never a body.

Django hands a HEAD the same response as a GET, and WSGI servers do not all drop the body:
gunicorn's gthread worker sends it, so on a keep-alive connection the client reads the page as
the start of its next response. Page-cache hits (delivery.cache) are answered the same way.
"""


class HeadWithoutBodyMiddleware:
    """The outermost middleware: whatever answered (a view, the page cache, an error handler),
    a HEAD response keeps its headers, Content-Length included, and loses its body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                response.streaming_content = []
            else:
                if not response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
                response.content = b""
        return response
