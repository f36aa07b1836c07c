"""WSGI entry point; production servers (gunicorn) load ``tribune.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tribune.settings.production")

application = get_wsgi_application()
