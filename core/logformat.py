"""Log records as one JSON object per line, for production's standard error: parseable by any
log collector, tracebacks included (as one field), and no personal data.

What could carry personal data is removed from every message and traceback: e-mail addresses
(a sign-in name, a form's address) and query strings (what a visitor searched for or typed).
Django's own request logs name the path only, never the query or the body.
"""

import json
import logging
import re
from datetime import UTC, datetime

EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
QUERY_STRING = re.compile(r"(?<=[\w/.%-])\?[^\s\"'<>]*")


def redact(text):
    text = QUERY_STRING.sub("?[query]", text)
    return EMAIL_ADDRESS.sub("[e-mail address]", text)


class JsonFormatter(logging.Formatter):
    """{"time", "level", "logger", "message", "status_code"?, "traceback"?} on one line."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "process": record.process,
            "message": redact(record.getMessage()),
        }
        status_code = getattr(record, "status_code", None)
        if isinstance(status_code, int):
            entry["status_code"] = status_code
        if record.exc_info:
            entry["traceback"] = redact(self.formatException(record.exc_info))
        if record.stack_info:
            entry["stack"] = redact(self.formatStack(record.stack_info))
        return json.dumps(entry, ensure_ascii=False)
