"""``runserver`` without staticfiles' own handler: in development WhiteNoise serves static files from the apps'
folders (``WHITENOISE_USE_FINDERS`` follows ``DEBUG``) inside the middleware stack, as in production.

The staticfiles handler, which ran before any middleware, turned only ``Http404`` into a response: a path leaving the
static folders (``/static/..%2f..%2fmanage.py``) raised ``SuspiciousFileOperation`` there and answered 500.
"""

from django.contrib.staticfiles.management.commands.runserver import Command as StaticfilesRunserverCommand
from django.core.management.commands.runserver import Command as RunserverCommand


class Command(StaticfilesRunserverCommand):
    def get_handler(self, *args, **options):
        return RunserverCommand.get_handler(self, *args, **options)
