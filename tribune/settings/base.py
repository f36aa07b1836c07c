"""Tribune settings, read from the environment (12-factor).

Every setting has a development-safe default so that ``make run`` needs no server:
SQLite for data, local memory for the cache, the console for email.
Production overrides live in ``production.py`` and refuse unsafe values.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "tribune"


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# The development key is public on purpose; production.py refuses to start with it.
DEFAULT_SECRET_KEY = "django-insecure-tribune-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
SITE_NAME = os.environ.get("SITE_NAME", "Tribune")
WAGTAIL_SITE_NAME = SITE_NAME

INSTALLED_APPS = [
    # Tribune, lowest layer first (see docs/architecture.md).
    "tribune.core",
    "tribune.frontend",
    "tribune.accounts",
    "tribune.media",
    "tribune.taxonomy",
    "tribune.contributors",
    "tribune.newsroom",
    "tribune.syndication",
    "tribune.search",
    "tribune.editorial",
    "tribune.discussion",
    "tribune.editions",
    "tribune.newsletters",
    "tribune.analytics",
    "tribune.follows",
    "tribune.analysis",
    "tribune.delivery",
    "tribune.operations",
    "tribune.demo",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",  # the page editor's "Translate" action (docs/architecture.md)
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Reader accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # /healthz and /readyz, answered before anything that touches the database, Redis or the page cache.
    "tribune.core.health.HealthCheckMiddleware",
    # First of the rest, so the pages it stores carry every header the others add (tribune.wsgi serves hot ones before
    # Django).
    "tribune.delivery.middleware.AnonymousPageCacheMiddleware",
    # Content-Security-Policy and Permissions-Policy (django-csp); outside X-Frame-Options and WhiteNoise.
    "tribune.core.security_headers.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "tribune.core.maintenance.ReadOnlyMiddleware",  # read-only maintenance: writes refused before any query
    "tribune.core.sites.SiteLookupMiddleware",  # the Wagtail site and home page, kept per host in each worker
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "tribune.accounts.middleware.SessionIdleTimeoutMiddleware",  # idle sessions end (staff after 2 h)
    "tribune.accounts.middleware.RequireStaffTwoFactorMiddleware",
    "tribune.accounts.middleware.RateLimitLogMiddleware",  # a security-log record for each 429
    "django.contrib.messages.middleware.MessageMiddleware",
    "tribune.core.middleware.OutOfRangeIdMiddleware",  # a path naming an id beyond 64 bits: 404
    "tribune.editorial.middleware.HiddenPagesMiddleware",  # admin URLs naming a page one may not see: 404
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "tribune.frontend.middleware.NotFoundPageMiddleware",  # the site's 404 page with DEBUG on too
]

# Messages wait in a cookie named by TRIBUNE_MESSAGES_COOKIE_NAME (``__Host-`` prefixed in production.py).
MESSAGE_STORAGE = "tribune.core.messages.MessageStorage"

ROOT_URLCONF = "tribune.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "tribune.frontend.context_processors.branding",
            ],
        },
    },
]

WSGI_APPLICATION = "tribune.wsgi.application"

# Database: SQLite by default, anything dj-database-url understands via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections buy nothing on SQLite; WAL lets readers run beside the task worker.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set. Without it, local memory, and the page cache's shared tier on disk so the
# web server, the task worker and the scheduler (which publishes scheduled pages) agree on what is fresh.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "tribune.core.cache.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tribune",
        },
        "pages": {
            "BACKEND": "tribune.core.cache.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tribune",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("TRIBUNE_PAGE_CACHE_DIR", str(BASE_DIR / "var" / "cache" / "pages")),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "tribune.accounts.password_validation.ContextWordsValidator"},  # the site's name, newsroom words
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# Every sign-in is allauth's, with its rate limits and the staff second factor: the admin's login and Wagtail's
# front-end login for private pages lead to it (tribune/urls.py; tribune/accounts/tests/test_login_paths.py).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # allauth's reset, rate limited per address and per client, is the only one
# Password and email changes only on allauth's pages, behind its re-authentication (accounts.wagtail_hooks links them)
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Reader accounts (django-allauth): email and password; the email is confirmed by a link before the first sign-in.
ACCOUNT_LOGIN_METHODS = {"email", "username"}  # readers use their email; staff may use a username
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = None
ACCOUNT_FORMS = {"signup": "tribune.accounts.forms.ReaderSignupForm"}
ACCOUNT_ADAPTER = "tribune.accounts.adapter.AccountAdapter"  # logs a sign-in refused by the failed-attempts limit
# Mandatory: a new account signs in once its address is confirmed, so a sign-up with a taken address can answer
# as a new one does ("we sent you a link") and mail the owner instead (enumeration prevention, allauth's default).
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True  # a reset asked for an unknown address mails "no account here", same answer
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,3/h/key",  # the key is the address asked for, known or not
    "reset_password_from_key": "20/m/ip",
    "page_password": "10/m/ip",  # Wagtail's password for a private page (tribune/accounts/urls.py)
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Sensitive account changes (email addresses, password, two-factor, deletion) ask for the password or a two-factor
# code again once the last confirmation is older than the timeout: a stolen session cannot take the account over.
TRIBUNE_STAFF_IDLE_SECONDS = int(os.environ.get("TRIBUNE_STAFF_IDLE_SECONDS", str(2 * 3600)))
TRIBUNE_READER_IDLE_SECONDS = int(os.environ.get("TRIBUNE_READER_IDLE_SECONDS", str(7 * 24 * 3600)))
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = int(os.environ.get("ACCOUNT_REAUTHENTICATION_TIMEOUT", "300"))  # seconds
MFA_REAUTHENTICATION_REQUIRED = True
# The client address of rate limits and the security log is REMOTE_ADDR unless proxies are trusted: behind deploy/'s
# nginx front and edge cache (each appending to X-Forwarded-For) set 2; never more proxies than you run.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("ALLAUTH_TRUSTED_PROXY_COUNT", "0"))
MFA_TOTP_ISSUER = os.environ.get("SITE_NAME", "Tribune")


def edition_languages(default: str) -> tuple[list[str], str, list[tuple[str, str]]]:
    """TRIBUNE_LANGUAGES (or ``default``) as the codes, LANGUAGE_CODE (the first) and LANGUAGES (each code with its
    name in its own language, from Django's LANG_INFO). An unknown code is kept as its own name and a first one
    replaced by "en" so that Django starts far enough for tribune/core/languages.py's check to say what is wrong."""
    from django.conf.locale import LANG_INFO

    codes = [code.lower() for code in env_list("TRIBUNE_LANGUAGES", default)]
    names = [(code, LANG_INFO.get(code, {}).get("name_local", code)) for code in codes]
    first = codes[0] if codes and "name_local" in LANG_INFO.get(codes[0], {}) else "en"
    return codes, first, names


# Language editions: TRIBUNE_LANGUAGES lists the editions' language codes, the first one the default edition (served
# unprefixed, the others under /<code>/). Every UI string is marked for translation.
TRIBUNE_LANGUAGES, LANGUAGE_CODE, LANGUAGES = edition_languages("en")
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
# Date, time and number formats per language: tribune/formats/<lang>/formats.py first, then Django's own.
FORMAT_MODULE_PATH = ["tribune.formats"]
# An outlet's own date style on reader pages, for every edition (a Django date format, e.g. d.m.Y → 30.05.2024);
# empty: each language's own (30 May 2024, 30 मई 2024, 30 мая 2024 г.).
TRIBUNE_DATE_FORMAT = os.environ.get("TRIBUNE_DATE_FORMAT", "")
# Digits on Hindi pages' dates, times, numbers and reading times: latin (2024) or devanagari (२०२४).
TRIBUNE_HINDI_DIGITS = os.environ.get("TRIBUNE_HINDI_DIGITS", "latin")

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Uploads appear under their names only once whole, and a failed write (a full disk) is a form error, not a 500
# with a truncated file left behind (tribune/core/uploads.py). FILE_UPLOAD_TEMP_DIR: where uploads above 2.5 MB
# are spooled while the request is read (the system's temporary directory when unset).
STORAGES = {
    "default": {"BACKEND": "tribune.core.uploads.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "tribune.core.staticfiles.ManifestStaticFilesStorage"},
}
# manage.py backup / restore: the directory of pg_dump and pg_restore when those on PATH are older than the server.
TRIBUNE_POSTGRES_BIN_DIR = os.environ.get("TRIBUNE_POSTGRES_BIN_DIR", "")
FILE_UPLOAD_TEMP_DIR = os.environ.get("FILE_UPLOAD_TEMP_DIR") or None
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "tribune.core.uploads.UploadHandler",
]

# Email: console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Tribune <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: the database backend and its worker (``manage.py db_worker``); Tribune's subclass queues
# Wagtail's index updates as tasks that accept an object deleted while they waited (tribune/core/task_backend.py).
TASKS = {"default": {"BACKEND": "tribune.core.task_backend.DatabaseBackend"}}

# Wagtail
WAGTAILIMAGES_IMAGE_MODEL = "media.TribuneImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "tribune.media.forms.TribuneImageForm"  # uploads are decoded whole
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Wagtail's database backend, with field weights honoured on SQLite too (tribune/search/backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "tribune.search.backend"}}
WAGTAILDOCS_DOCUMENT_FORM_BASE = "tribune.media.forms.TribuneDocumentForm"  # stored while validated
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# oEmbed requests go through the SSRF guard (tribune/core/safe_fetch.py): public addresses only, bounded in time/size.
WAGTAILEMBEDS_FINDERS = [{"class": "tribune.core.embeds"}]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Staff avatars are Wagtail's own placeholder: no staff email hash is sent to Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
TAGGIT_CASE_INSENSITIVE = True

# Tribune's own settings (see tribune/core/conf.py for their meaning).
TRIBUNE_FILE_PHOTO_AGE_DAYS = int(os.environ.get("TRIBUNE_FILE_PHOTO_AGE_DAYS", "365"))
TRIBUNE_PAGE_SIZE = int(os.environ.get("TRIBUNE_PAGE_SIZE", "12"))
# Listings page through the newest TRIBUNE_LISTING_MAX_PAGES pages; older pieces are found by search and topics.
TRIBUNE_LISTING_MAX_PAGES = int(os.environ.get("TRIBUNE_LISTING_MAX_PAGES", "100"))
TRIBUNE_EMBED_PROVIDERS = env_list(
    "TRIBUNE_EMBED_PROVIDERS",
    "youtube.com,youtu.be,vimeo.com,soundcloud.com,datawrapper.dwcdn.net,flourish.studio",
)
TRIBUNE_DEMO_PASSWORD = os.environ.get("TRIBUNE_DEMO_PASSWORD", "")
# Uploaded images lose their location, camera and owner metadata (tribune/media/metadata.py); renditions always do.
TRIBUNE_IMAGE_KEEP_ORIGINAL_METADATA = env_bool("TRIBUNE_IMAGE_KEEP_ORIGINAL_METADATA", False)
# Hosts besides SITE_URL's and the Wagtail sites' that an editor may name as a page's canonical URL.
TRIBUNE_CANONICAL_ALLOWED_HOSTS = env_list("TRIBUNE_CANONICAL_ALLOWED_HOSTS")
# Likes on one article forget its stored page at most once a window, and once more when the window ends.
TRIBUNE_REACTION_PURGE_SECONDS = int(os.environ.get("TRIBUNE_REACTION_PURGE_SECONDS", "10"))
# Stored search results: a fixed number of slots per kind, so distinct queries cannot grow the shared cache.
TRIBUNE_SEARCH_CACHE_SLOTS = int(os.environ.get("TRIBUNE_SEARCH_CACHE_SLOTS", "256"))
TRIBUNE_SEARCH_CACHE_SECONDS = int(os.environ.get("TRIBUNE_SEARCH_CACHE_SECONDS", "300"))
# Periodic commands run by ``manage.py run_scheduler``: (command, seconds between runs).
# Delivery: the full-page cache for anonymous readers and the edge cache in front of it (README, Performance).
TRIBUNE_PAGE_CACHE_ALIAS = "pages"
TRIBUNE_PAGE_CACHE_SECONDS = int(os.environ.get("TRIBUNE_PAGE_CACHE_SECONDS", "600"))  # 0 turns it off
# Rendered fragments and computed data (tribune/core/fragments.py: article parts, related card, discussion threads,
# front page, listings, navigation, search matches) under generation keys: what a page costs when the full-page cache
# cannot answer. Also bounds what no generation tracks (a card's comment count).
TRIBUNE_FRAGMENT_CACHE_SECONDS = int(os.environ.get("TRIBUNE_FRAGMENT_CACHE_SECONDS", "600"))  # 0 turns them off
# Each worker's own copies of fragments it used, in megabytes of text.
TRIBUNE_FRAGMENT_CACHE_LOCAL_BYTES = int(os.environ.get("TRIBUNE_FRAGMENT_CACHE_LOCAL_MB", "32")) * 1024 * 1024
TRIBUNE_PAGE_CACHE_WAIT_SECONDS = 2.0  # how long concurrent misses wait for the one render before rendering too
TRIBUNE_PAGE_CACHE_LOCK_SECONDS = 10
# Each worker re-reads a path's version from the shared cache at most this often: the publish-to-live delay.
TRIBUNE_PAGE_CACHE_RECHECK_SECONDS = float(os.environ.get("TRIBUNE_PAGE_CACHE_RECHECK_SECONDS", "0.5"))
TRIBUNE_PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("TRIBUNE_PAGE_CACHE_LOCAL_MB", "64")) * 1024 * 1024
# When Redis does not answer: each worker serves a page it rendered itself for at most this many seconds (an unpublish
# made meanwhile shows within it), and a Redis call that failed makes the process skip Redis for the breaker's seconds.
TRIBUNE_PAGE_CACHE_LOCAL_MAX_AGE = float(os.environ.get("TRIBUNE_PAGE_CACHE_LOCAL_MAX_AGE", "10"))
TRIBUNE_CACHE_BREAKER_SECONDS = float(os.environ.get("TRIBUNE_CACHE_BREAKER_SECONDS", "5"))
# The last good copy of each public page, served (marked stale) when rendering it finds the database down; dropped
# when the page is withdrawn (unpublished, deleted, moved, made private).
TRIBUNE_PAGE_CACHE_STALE_SECONDS = int(os.environ.get("TRIBUNE_PAGE_CACHE_STALE_SECONDS", "86400"))
TRIBUNE_PAGE_CACHE_EXCLUDED_PATHS = [
    *["/admin/", "/accounts/", "/discussion/", "/my/", "/documents/", "/static/", "/media/"],
    *["/healthz", "/readyz"],  # health checks (tribune/core/health.py) always answer afresh
    "/analytics/",  # the view beacon counts every request it gets
]
TRIBUNE_EDGE_CACHE_SECONDS = int(os.environ.get("TRIBUNE_EDGE_CACHE_SECONDS", "600"))
# The edge caches purged on publish, comma-separated: e.g. http://127.0.0.1:6081 (Varnish or nginx), or one URL per
# edge server when there are several.
TRIBUNE_EDGE_CACHE_URL = os.environ.get("TRIBUNE_EDGE_CACHE_URL", "")
TRIBUNE_EDGE_CACHE_URLS = [url.strip() for url in TRIBUNE_EDGE_CACHE_URL.split(",") if url.strip()]
if TRIBUNE_EDGE_CACHE_URLS:
    WAGTAILFRONTENDCACHE = {
        "edge" if number == 1 else f"edge-{number}": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": url,
        }
        for number, url in enumerate(TRIBUNE_EDGE_CACHE_URLS, start=1)
    }

# Analytics (tribune.analytics): a MaxMind-format country database (GeoLite2-Country, DB-IP's country lite) to count
# views per country with; the address is looked up when the beacon arrives and never kept. Empty: no countries.
TRIBUNE_GEOIP_DATABASE = os.environ.get("TRIBUNE_GEOIP_DATABASE", "")
# Spelled out (the defaults of tribune.analytics.conf) because the beacon reads them on every page view, and a setting
# that is not defined costs Django's settings object a failed lookup each time.
TRIBUNE_ANALYTICS_ENABLED = True
TRIBUNE_ANALYTICS_SOURCE_CAP = 30
TRIBUNE_ANALYTICS_REPEAT_SECONDS = 10
TRIBUNE_ANALYTICS_READ_SECONDS = 1800

# apply_invalidations re-applies the page-cache invalidations Redis has not acknowledged (delivery.models).
# flush_page_views queues the task that writes the views buffered in Redis to the database (tribune.analytics).
TRIBUNE_SCHEDULE = [
    ("publish_scheduled", 15),
    ("send_moderation_digest", 3600),
    ("apply_invalidations", 2),
    ("prepare_newsletters", 900),
    ("send_scheduled_newsletters", 30),
    ("flush_page_views", 60),
    ("send_follow_digests", 3600),  # each reader at most once a day (tribune/follows/alerts.py)
]
# The address bounce and complaint notices are posted to (newsletters.views.bounce_webhook) must carry this secret,
# as ?secret= or the X-Tribune-Webhook-Secret header; empty turns the webhook off.
TRIBUNE_NEWSLETTER_WEBHOOK_SECRET = os.environ.get("TRIBUNE_NEWSLETTER_WEBHOOK_SECRET", "")
# A task still RUNNING this long after it started is taken for lost with its worker and queued again, at most
# TRIBUNE_TASK_MAX_ATTEMPTS starts in all (tribune/core/task_leases.py): keep it above the longest task's run time.
TRIBUNE_TASK_LEASE_SECONDS = int(os.environ.get("TRIBUNE_TASK_LEASE_SECONDS", "600"))
TRIBUNE_TASK_MAX_ATTEMPTS = int(os.environ.get("TRIBUNE_TASK_MAX_ATTEMPTS", "3"))

# Failure and maintenance (core/unavailable.py, maintenance.py): the Retry-After of the 503 page answered while the
# database is unreachable or the site is read-only; read-only mode forced from the environment (also switched by
# `manage.py maintenance on|off`, through the flag file below and the shared cache).
TRIBUNE_RETRY_AFTER_SECONDS = int(os.environ.get("TRIBUNE_RETRY_AFTER_SECONDS", "30"))
TRIBUNE_READ_ONLY = env_bool("TRIBUNE_READ_ONLY", False)
TRIBUNE_READ_ONLY_FILE = os.environ.get("TRIBUNE_READ_ONLY_FILE", str(BASE_DIR / "var" / "read-only"))

# LOG_FORMAT=json writes every record as one JSON object a line, its fields included (for a log shipper).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "tribune.accounts.security_log.JsonFormatter"}},
    # The same message from the same logger at the same level: the first LOG_REPEAT_BURST in LOG_REPEAT_WINDOW
    # seconds, then one a window with the count of those left out (tribune/core/logging.py).
    "filters": {
        "repeats": {
            "()": "tribune.core.logging.RepeatedRecordFilter",
            "burst": int(os.environ.get("LOG_REPEAT_BURST", "5")),
            "window": float(os.environ.get("LOG_REPEAT_WINDOW", "10")),
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["repeats"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's own "django" logger prints to the console with DEBUG on and then propagates to the root's: every
    # "Not Found" line came twice. It keeps no handler of its own here (no ADMINS, so mail_admins sent nothing).
    "loggers": {
        "django": {"handlers": [], "level": "INFO"},
        "django.db.backends": {"level": "WARNING"},
        # Sign-ins, failures, lock-outs, two-factor, password, email and role changes, at INFO whatever LOG_LEVEL
        # says (tribune/accounts/security_log.py).
        "tribune.security": {"level": "INFO"},
    },
}
