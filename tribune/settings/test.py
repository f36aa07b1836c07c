"""Tests: fast and self-contained (local-memory cache, fast hasher, immediate tasks, plain static files)."""

import tempfile

from .base import *  # noqa: F403
from .base import edition_languages

DEBUG = False
SECRET_KEY = "tribune-test-key"
# Tests run with three editions (English unprefixed, Hindi and Russian) unless TRIBUNE_LANGUAGES says otherwise.
TRIBUNE_LANGUAGES, LANGUAGE_CODE, LANGUAGES = edition_languages("en,hi,ru")
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tribune-tests"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tribune-test-pages"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "tribune.core.uploads.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="tribune-test-media-")
ALLOWED_HOSTS = ["*"]
SITE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_URL
# Pages render for every request unless a test turns the page cache on (tribune/delivery/tests).
TRIBUNE_PAGE_CACHE_SECONDS = 0
TRIBUNE_FRAGMENT_CACHE_SECONDS = 0  # on in the tests that exercise it (tribune/delivery/tests/test_fragments.py)
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
