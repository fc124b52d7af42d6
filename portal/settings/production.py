"""Production: everything secret or site-specific comes from the environment."""

import os

import dj_email_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production refuses to start without a secret key: "
        "set the SECRET_KEY environment variable to a long random value."
    )
# The second factor of the admin sign-in (accounts/) cannot be switched off in production.
PORTAL_REQUIRE_2FA = os.environ.get("PORTAL_REQUIRE_2FA", "1").lower() not in ("0", "false", "no")
if not PORTAL_REQUIRE_2FA:
    raise ImproperlyConfigured(
        "PORTAL_REQUIRE_2FA is off. Production refuses to start without the second factor of "
        "the admin sign-in: remove PORTAL_REQUIRE_2FA from the environment."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^healthz(/ready)?$"]  # load balancers probe over plain HTTP
# A database that does not answer: give up connecting after a few seconds (visitors get the 503
# page in their language, delivery/views.py) and check reused connections before each request,
# so the site recovers by itself when the database is back.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(  # noqa: F405
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")
    )
STATIC_ROOT = os.environ.get("STATIC_ROOT") or STATIC_ROOT  # noqa: F405
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or MEDIA_ROOT  # noqa: F405

# Media: S3-compatible object storage (django-storages) when a bucket is named, so any number of
# app servers share the same files; the local disk otherwise (one server only).
# Credentials come from boto3's usual environment variables (AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY) or the machine's role.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,  # public images, cacheable URLs
            "file_overwrite": False,
        },
    }
    MEDIA_ORIGIN = os.environ.get("MEDIA_ORIGIN") or (
        f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}"
        if os.environ.get("AWS_S3_CUSTOM_DOMAIN")
        else os.environ.get("AWS_S3_ENDPOINT_URL")
        or f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
    )
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(MEDIA_ORIGIN)  # noqa: F405
else:
    media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The shared cache: Redis through CACHE_URL (e.g. redis://cache:6379/0). It holds the page
# cache, the feedback form's rate limit and Wagtail's own caches for every app server. Without
# it each process would keep its own copy, so the page cache stays off.
# The cache fails open (delivery/cache.py): while Redis cannot be reached, pages are rendered
# uncached and rate limits are open, with one warning a minute in the log; Redis is tried again
# every CACHE_RETRY_SECONDS. Short socket timeouts keep a Redis that hangs from holding requests.
if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "delivery.cache.PortalRedisCache",  # Django's, sharing its Redis client
            "LOCATION": os.environ["CACHE_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("CACHE_CONNECT_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("CACHE_SOCKET_TIMEOUT", "1")),
                "CACHE_RETRY_SECONDS": float(os.environ.get("CACHE_RETRY_SECONDS", "5")),
                "CACHE_WARNING_SECONDS": float(os.environ.get("CACHE_WARNING_SECONDS", "60")),
                # delivery.watch: counters trusted while Redis says nothing changed (0: off).
                "COUNTER_WATCH_SECONDS": float(os.environ.get("CACHE_COUNTER_WATCH_SECONDS", "5")),
            },
        }
    }
    PORTAL_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
# Search statistics: added up in each process, written every so many seconds (search.statistics).
SEARCH_STATISTICS_FLUSH_SECONDS = int(os.environ.get("SEARCH_STATISTICS_FLUSH_SECONDS", "10"))
PORTAL_CDN_MAX_AGE = int(os.environ.get("CDN_MAX_AGE", "0"))
PORTAL_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# A CDN or caching proxy in front, purged on publish (portal/signals.py, every language's URL).
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):  # Varnish, nginx: HTTP PURGE requests
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }
elif os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
            "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        }
    }
elif os.environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE = {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": os.environ["CLOUDFRONT_DISTRIBUTION_ID"],
        }
    }

# Outgoing e-mail (feedback notifications, admin password resets) from one URL, e.g.
# EMAIL_URL=submission://user:password@smtp.example.org:587 (STARTTLS) or smtps://…:465 (TLS), or
# smtp://localhost:25 for a local relay (the default without EMAIL_URL). A notification that
# cannot be sent never fails a visitor's post (content/models/feedback.py).
# EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER/PASSWORD, EMAIL_USE_TLS/SSL…:
globals().update(dj_email_url.parse(os.environ.get("EMAIL_URL") or "smtp://localhost:25"))
# Never hold a visitor's request for long on a mail server that does not answer.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT") or EMAIL_TIMEOUT or 10)  # noqa: F405
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Logs: one JSON object per line on standard error (core/logformat.py), tracebacks included,
# e-mail addresses and query strings removed. gunicorn passes standard error through (see
# docs/deployment.md); a collector reads it from there.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logformat.JsonFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers (mail to ADMINS, console in DEBUG) are replaced by the root's.
        "django": {"handlers": [], "level": os.environ.get("LOG_LEVEL", "INFO")},
    },
}
