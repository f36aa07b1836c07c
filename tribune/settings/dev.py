"""Development: DEBUG on by default, plain static files, console email."""

import os

from .base import *  # noqa: F403
from .base import edition_languages, env_bool

DEBUG = env_bool("DEBUG", True)
# Development shows the English, Hindi and Russian editions unless TRIBUNE_LANGUAGES says otherwise.
TRIBUNE_LANGUAGES, LANGUAGE_CODE, LANGUAGES = edition_languages("en,hi,ru")
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from the apps, picking up edits without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The task worker logs each task it runs at INFO, and db_worker sets its loggers' levels itself: a handler of their
# own keeps its console to warnings and errors (TASKS_LOG_LEVEL=INFO shows every task again). The reloader's lines
# follow LOG_LEVEL, which deploy/dev-run sets to WARNING for the worker and the scheduler.
LOGGING = {
    **LOGGING,  # noqa: F405
    "handlers": {
        **LOGGING["handlers"],  # noqa: F405
        "tasks_console": {"class": "logging.StreamHandler", "level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")},
    },
    "loggers": {
        **LOGGING["loggers"],  # noqa: F405
        "django.utils.autoreload": {"level": os.environ.get("LOG_LEVEL", "INFO")},
        **{
            name: {"handlers": ["tasks_console"], "propagate": False}
            for name in ("django_tasks", "django_tasks_db", "tribune.worker")
        },
    },
}
