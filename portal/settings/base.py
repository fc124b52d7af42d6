"""Settings shared by every environment. Environment-specific modules import from here."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from accounts.conf import oidc_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# The one place the portal's languages are listed. The first one is the default language:
# the language content falls back to, and the language of neutral pages. Adding a language
# (German, say) is this list + `makemigrations` + content.
LANGUAGES = [
    ("fr", _("French")),
    ("nl", _("Dutch")),
    ("en", _("English")),
]
LANGUAGE_CODE = LANGUAGES[0][0]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Brussels"
LOCALE_PATHS = [BASE_DIR / "locale"]

MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(LANGUAGE_CODES)
MODELTRANSLATION_FALLBACK_LANGUAGES = (LANGUAGE_CODE,)
# The admin shows the editing language tabs; the public site never uses the locale picker.
WAGTAILMODELTRANSLATION_LOCALE_PICKER = True

INSTALLED_APPS = [
    # modeltranslation must come before the apps whose models it translates.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    # The portal's apps, by concern (docs/architecture.md): core ← content ← the rest.
    "core",
    "content",
    "search",
    "editorial",
    "seed",
    "delivery",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",  # editors pin pages to queries (search/views.py)
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "editorial.users_app.PortalUsersConfig",  # wagtail.users, group names translated
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "delivery.head.HeadWithoutBodyMiddleware",  # outermost: no HEAD response carries a body
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "delivery.cache.PageCacheMiddleware",  # stores pages with the headers set below it
    "delivery.local.KeptRoutesMiddleware",  # sites and routes kept in the process
    "delivery.security.PortalCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.gzip.GZipMiddleware",  # HTML; Django pads it against BREACH
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

# The admin shows the site's name in the editor's language (the authenticator apps' name for the
# portal, OTP_TOTP_ISSUER below, stays one fixed string).
WAGTAIL_SITE_NAME = _("Belgian social security")
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAIL_I18N_ENABLED = False  # languages are fields (modeltranslation), not page copies
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The open-data API (delivery/api.py): up to 100 items per request, enough for any listing here.
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt", "odt", "docx", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The editor posts every field in every language, plus each block's bookkeeping: a long page
# (the key figures, the timeline) passes Django's default of 1,000 fields. Wagtail's own
# project template uses the same limit.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Editors see the language toggles as they last left them.
WAGTAILMODELTRANSLATION_LOCALE_PICKER_RESTORE = True

# The seed content that `load_content` turns into pages.
CONTENT_SEED_DIR = BASE_DIR / "content" / "seed"
FORMAT_MODULE_PATH = ["portal.formats"]

# --- Speed and security (issue 8; docs/performance.md, docs/deployment.md) -------------------

# The page cache (delivery/cache.py): seconds an anonymous page view is kept; 0 turns it off.
# Who runs the portal (the sources do not say): shown on the privacy and accessibility pages by
# the "operator" block. Empty until a deployment sets them; use a service's functional mailbox,
# never a person's address.
PORTAL_OPERATOR = {
    "name": {
        code: os.environ.get(f"PORTAL_OPERATOR_NAME_{code.upper()}", "") for code in LANGUAGE_CODES
    },
    "url": os.environ.get("PORTAL_OPERATOR_URL", ""),
    "email": os.environ.get("PORTAL_OPERATOR_EMAIL", ""),
}

PORTAL_PAGE_CACHE_SECONDS = 0
# When set, cached pages tell a CDN it may keep them this many seconds (s-maxage); the CDN purge
# (delivery/invalidation.py) refreshes changed pages sooner.
PORTAL_CDN_MAX_AGE = 0
# Reverse proxies in front of the app that append to X-Forwarded-For: how the client address is
# found for the login lockout and the feedback form's rate limit (core/ratelimit.py).
PORTAL_TRUSTED_PROXY_COUNT = 0
# The feedback form: at most this many stored messages per client address in this many seconds
# (posts not stored count apart, against a limit ten times higher: content/models/feedback.py).
FEEDBACK_RATE_LIMIT = (5, 600)
# The longest message the feedback form takes (characters), told to the visitor.
FEEDBACK_MESSAGE_MAX_LENGTH = 5000

# Content-Security-Policy (django-csp 4): the public site runs no inline script or style.
# The Wagtail admin gets its own, relaxed policy (ADMIN_CONTENT_SECURITY_POLICY, applied by
# delivery.security.PortalCSPMiddleware to /admin/ only) because Wagtail's editor still needs
# inline scripts and styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
ADMIN_PATH_PREFIX = "/admin/"
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no editor's e-mail hash sent to another origin

# Permissions-Policy (django-permissions-policy): the portal uses none of these features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_FAILURE_VIEW = "delivery.views.csrf_failure"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# django-axes: the admin login locks a user name out from an address after repeated failures.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_ip"
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"

# --- Editors' accounts (issue 19; accounts/, docs/deployment.md) ------------------------------
# Every account that can reach the admin signs in with a second factor (django-otp: an
# authenticator app, recovery codes); SSO users get theirs from the identity provider.
INSTALLED_APPS.insert(INSTALLED_APPS.index("wagtail.admin"), "accounts")  # its login template
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
_after_messages = MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1
MIDDLEWARE[_after_messages:_after_messages] = [
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.AccountSecurityMiddleware",
]
PORTAL_REQUIRE_2FA = True  # development may turn it off (dev.py); production refuses to
OTP_TOTP_ISSUER = "Belgian social security"  # the name authenticator apps show
# Admin sessions end after this long without activity, and this long after signing in.
PORTAL_ADMIN_SESSION_IDLE_SECONDS = 30 * 60
PORTAL_ADMIN_SESSION_MAX_AGE_SECONDS = 10 * 3600
SESSION_COOKIE_AGE = PORTAL_ADMIN_SESSION_MAX_AGE_SECONDS
# A right password alone no longer clears the failures: accounts/ does, once the second factor
# is right too (wrong codes count toward the same lock-out as wrong passwords).
AXES_RESET_ON_SUCCESS = False
LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "/admin/"
LOGIN_REDIRECT_URL_FAILURE = "/admin/login/"
# Single sign-on (OpenID Connect, mozilla-django-oidc): only from the environment, see
# accounts/conf.py and docs/deployment.md.
_oidc = oidc_settings(os.environ)
globals().update(_oidc)
if _oidc:
    AUTHENTICATION_BACKENDS.append("accounts.sso.PortalOIDCBackend")
