"""Settings for the Quartiersportal, read from the environment.

Every variable is documented in README.md and .env.example. Bad values fail loudly at start-up
rather than half-working in production. The test suite runs on settings_test.py, which imports
these and changes only what tests need.
"""

import importlib.util
import os
import re
from pathlib import Path

import dj_database_url
import xstatic.pkg.jquery_ui
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None


def env_list(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# --- Mode, secret and hosts -------------------------------------------------------------------
DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the portal refuses to start without one. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Addresses or networks of our own reverse proxies (nginx): only their X-Forwarded-For header is
# believed when rate limits and the login lockout look for the client's address
# (portal/lib/clients.py). Empty: the direct peer is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
RATE_LIMIT_CACHE = "default"

# --- Applications, middleware, templates ------------------------------------------------------
INSTALLED_APPS = [
    # modeltranslation must come before the admin to add its translation tabs.
    "modeltranslation",
    # The admin with the editor's task list and, when required, two-factor login (admin_site.py).
    "staff.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "easy_thumbnails",
    "simple_history",
    "django_prose_editor",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Layers, bottom up (docs/architecture.md): the kernel, the staff machinery, the domain.
    "portal",
    "staff",
    "centers",
    "contacts",
    "search",
    "network",
    "offers",
    "survey",
]
# Demo content ships only in a source checkout, never in the production wheel.
if importlib.util.find_spec("demo") is not None:
    INSTALLED_APPS.append("demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.cache.AnonymousPageCacheMiddleware",
    "portal.db_router.ReplicaForPublicReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.middleware.RequestBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "staff.middleware.StaffLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the "locked out" answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "heilbronn_quartier.urls"
WSGI_APPLICATION = "heilbronn_quartier.wsgi.application"

# Forms are rendered with Django's own form templates; no third-party form library.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.site",
            ],
        },
    },
]

# Widgets and form layouts: Django's Jinja2 versions where Django ships them (portal/lib/forms.py).
FORM_RENDERER = "portal.lib.forms.FormRenderer"

# --- Database ---------------------------------------------------------------------------------
# SQLite under var/ needs no set-up; DATABASE_URL switches to PostgreSQL (psycopg 3). Persistent
# connections matter: reconnecting per request is about 5x slower on PostgreSQL, and a new SQLite
# connection reads the whole schema (some 340 tables and indexes) again, ~4 ms of CPU per request.
SQLITE_PATH = Path(os.environ.get("SQLITE_PATH", BASE_DIR / "var" / "db.sqlite3"))
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 600)
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=CONN_MAX_AGE, conn_health_checks=True
        )
    }
else:
    # Write-ahead log with a flush of it at every commit (synchronous=FULL): as durable as the
    # rollback journal, one flush per commit instead of several, and readers no longer wait for a
    # writer. One writer at a time still: IMMEDIATE transactions queue for up to 20 s.
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
            },
            "CONN_MAX_AGE": CONN_MAX_AGE,
            "CONN_HEALTH_CHECKS": True,
        }
    }
# Scaling out: a streaming replica for anonymous reads, off unless DATABASE_REPLICA_URL is set.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["portal.db_router.PublicReadsRouter"]
# Full-text search with the German configuration and pg_trgm need django.contrib.postgres;
# SQLite computes the same matches in Python (search/engine.py).
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------
# "default" is shared by all workers (a database table, or Redis when REDIS_URL is set) so that
# rate limits count across workers. "pages" holds whole anonymous pages, per process without
# Redis, invalidated through a stamp file that all workers of a host see (see cache.py).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
# Answers larger than this are never cached; the per-process store is bounded in bytes (with
# Redis, set maxmemory and an allkeys-lru policy there: README, "Production").
PAGE_CACHE_MAX_ITEM_BYTES = env_int("PAGE_CACHE_MAX_ITEM_BYTES", 1024 * 1024)
PAGE_CACHE_MAX_BYTES = env_int("PAGE_CACHE_MAX_BYTES", 32 * 1024 * 1024)
# Fragments many pages share (an activity's card, a place's activities) live in the same store
# under the same content version; 0 switches them off (portal/cache.py, "Fragments").
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 3600)
if os.environ.get("REDIS_URL"):
    _redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
    CACHES = {"default": _redis, "pages": _redis | {"KEY_PREFIX": "pages"}}
    PAGE_CACHE_STAMP = None
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
        "pages": {
            "BACKEND": "portal.cache.BoundedLocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {
                "MAX_BYTES": PAGE_CACHE_MAX_BYTES,
                "MAX_ITEM_BYTES": PAGE_CACHE_MAX_ITEM_BYTES,
                "MAX_ENTRIES": 100_000,
            },
        },
    }
    PAGE_CACHE_STAMP = Path(
        os.environ.get("PAGE_CACHE_STAMP", BASE_DIR / "var" / "page-cache.stamp")
    )

# --- Languages and time -----------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("ro", _("Romanian")),
    ("ru", _("Russian")),
    ("tr", _("Turkish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)

# --- Static files ------------------------------------------------------------------------------
# Bootstrap is vendored under static/vendor/bootstrap/ (see its README.md); jQuery UI for
# modeltranslation's tabs in the admin comes from its XStatic wheel. Nothing loads from a CDN.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/jquery-ui", xstatic.pkg.jquery_ui.BASE_DIR),
]
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
# Production serves hashed, compressed files that collectstatic writes; development reads the
# source folders directly.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "portal.lib.storage.StaticStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Source maps are for developer tools only: not worth seconds of Brotli at every deploy.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# --- Uploaded files (media) -------------------------------------------------------------------
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Scaling out: uploaded files on S3-compatible object storage (pip install ".[s3]"), so that
# several app servers share them. Off unless MEDIA_S3_BUCKET is set.
if os.environ.get("MEDIA_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["MEDIA_S3_BUCKET"],
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "access_key": os.environ.get("MEDIA_S3_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("MEDIA_S3_SECRET_ACCESS_KEY"),
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
# Image renditions (easy-thumbnails aliases, cropped to exact sizes so width/height are known
# without opening the file); an activity's image gets them when the activity is saved.
THUMBNAIL_ALIASES = {
    "centers.Centre.image": {
        "centre_small": {"size": (480, 270), "crop": "smart", "upscale": True},
        "centre_large": {"size": (960, 540), "crop": "smart", "upscale": True},
        "admin_preview": {"size": (160, 90), "crop": "smart", "upscale": True},
    },
    "contacts.ContactPerson.photo": {
        "contact_photo": {"size": (160, 160), "crop": "smart", "upscale": True},
        "admin_preview": {"size": (80, 80), "crop": "smart", "upscale": True},
    },
    "offers.Offer.image": {
        "offer_small": {"size": (480, 270), "crop": "smart", "upscale": True},
        "offer_large": {"size": (960, 540), "crop": "smart", "upscale": True},
    },
}

# --- Security: HTTPS, headers, request sizes --------------------------------------------------
# With DEBUG off the defaults are production-grade. USE_HTTPS=0 switches off exactly the HTTPS
# redirect, HSTS and secure cookies, for production-like runs over plain HTTP on 127.0.0.1.
USE_HTTPS = env_bool("USE_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = USE_HTTPS
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000) if USE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = USE_HTTPS
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True) if USE_HTTPS else False
SESSION_COOKIE_SECURE = USE_HTTPS
CSRF_COOKIE_SECURE = USE_HTTPS
LANGUAGE_COOKIE_SECURE = USE_HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline scripts or styles anywhere: scripts and styles come from our own static files, and a
# per-request nonce covers the rare element that must be inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        # Bootstrap draws form controls with data: SVGs.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
}

# Requests with larger bodies get a friendly 413 before anything reads them. The admin accepts
# document uploads (PDFs up to 20 MB); public forms never need more than a little text.
MAX_PUBLIC_BODY_BYTES = env_int("MAX_PUBLIC_BODY_BYTES", 1_048_576)
MAX_ADMIN_BODY_BYTES = env_int("MAX_ADMIN_BODY_BYTES", 22 * 1_048_576)

# --- Staff access: logins, sessions, history --------------------------------------------------
# Only staff previews of unpublished pages; sessions are only ever opened by staff logins.
LOGIN_URL = "admin:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# A session ends SESSION_COOKIE_AGE seconds after its last request (every request renews it), so
# a forgotten admin tab is logged out after an hour of inactivity.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
# Failed-login lockout (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name
# from one address, that combination is locked for AXES_COOLOFF_HOURS. Attempts live only in the
# shared "default" cache (database table or Redis, seen by every worker) and expire with the
# cool-off; no log of addresses or logins is written to the database.
AXES_VERBOSE = False
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_CACHE = "default"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The same client address as every rate limit: X-Forwarded-For only from TRUSTED_PROXIES.
AXES_CLIENT_IP_CALLABLE = "portal.lib.clients.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Two-factor authentication (TOTP, django-otp) for the admin: on by default in production, off in
# development and tests; STAFF_2FA_REQUIRED=0 switches it off, e.g. for a demo.
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", not DEBUG)
# Every change through the admin is kept with who and when (django-simple-history).
SIMPLE_HISTORY_REVERT_DISABLED = False
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}

# --- Site facts -------------------------------------------------------------------------------
SITE_NAME = "Quartiersentwicklung Heilbronn"
OTP_TOTP_ISSUER = SITE_NAME
# The address printed on the city's flyers; it redirects to the current survey.
SURVEY_SHORT_PATH = "meinQuartier"
# Route planner for "how to get there": a plain link, nothing loads from it on page view.
OSM_ROUTE_URL = (
    "https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route=%3B{lat}%2C{lon}"
)

# Demo content (demo/, source checkouts only) needs DEBUG; the test settings allow it.
DEMO_WITHOUT_DEBUG = False

# --- Activities -------------------------------------------------------------------------------
OFFERS_PER_PAGE = env_int("OFFERS_PER_PAGE", 20)
# Suggestions per IP address (kept only as a hash in the cache): "10/h", "30/d"; "off" disables.
OFFER_PROPOSAL_RATE_LIMIT = os.environ.get("OFFER_PROPOSAL_RATE_LIMIT", "10/h")
# Exports (iCalendar, CSV, HSDS) are cached like every anonymous page (portal/cache.py).
# The HSDS API and the CSV download name the data's licence.
OPEN_DATA_LICENCE = os.environ.get("OPEN_DATA_LICENCE", "dl-de/by-2-0")
OPEN_DATA_LICENCE_URL = os.environ.get(
    "OPEN_DATA_LICENCE_URL", "https://www.govdata.de/dl-de/by-2-0"
)

# --- Survey -----------------------------------------------------------------------------------
# Submissions per client address and window for the questionnaire ("30/h"); "off" disables it,
# e.g. for a load test from one machine.
_survey_rate = os.environ.get("SURVEY_RATE_LIMIT", "30/h").strip()
if _survey_rate.lower() in {"off", "0", ""}:
    SURVEY_RATE_LIMIT = None
elif re.fullmatch(r"\d+/\d*[smhd]", _survey_rate):
    SURVEY_RATE_LIMIT = _survey_rate
else:
    raise ImproperlyConfigured(
        f"SURVEY_RATE_LIMIT must look like 30/h or be off; got {_survey_rate!r}"
    )
RATELIMIT_USE_CACHE = "default"


# --- Network: local actors and residents' ideas ---------------------------------------------
# Registrations and ideas per address (kept only as a hash in the cache): "10/h"; "off" disables.
NETWORK_FORM_RATE_LIMIT = os.environ.get("NETWORK_FORM_RATE_LIMIT", "10/h")
# An idea's optional contact is for the team only and is erased after this many days
# (`manage.py purge_idea_contacts`, daily).
IDEA_CONTACT_RETENTION_DAYS = env_int("IDEA_CONTACT_RETENTION_DAYS", 180)
# "Save for later" per client address and window, and the largest draft kept (bytes of JSON).
SURVEY_SAVE_RATE_LIMIT = os.environ.get("SURVEY_SAVE_RATE_LIMIT", "10/h").strip()
if SURVEY_SAVE_RATE_LIMIT.lower() in {"off", "0", ""}:
    SURVEY_SAVE_RATE_LIMIT = None
SURVEY_DRAFT_MAX_BYTES = env_int("SURVEY_DRAFT_MAX_BYTES", 64_000)
# Tables and charts of survey results show no group smaller than this: a cell with fewer
# responses is shown as "fewer than n" (dashboard, cross-tables, exports, public results).
SURVEY_MIN_CELL = env_int("SURVEY_MIN_CELL", 5)
# A form sent with an expired CSRF cookie gets the portal's own, translated page. (The
# questionnaire needs no CSRF cookie: it checks where the answers come from, portal.lib.origin.)
CSRF_FAILURE_VIEW = "survey.views.csrf_failure"

# --- E-mail: notifications of the editorial workflow (staff/notifications.py) -----------------
# In development the mails are printed on the console; in production they go through the city's
# SMTP server.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "quartiersportal@heilbronn.de")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's address for links in those mails, e.g. https://quartier.heilbronn.de
SITE_URL = os.environ.get("SITE_URL", "")
