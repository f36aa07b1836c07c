"""WSGI entry point; production servers load ``tribune.wsgi:application``.

Hot pages for anonymous readers are answered by the page cache's fast path before Django runs, and the analytics
beacon (a POST from every page view) by its own.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tribune.settings.production")

application = get_wsgi_application()

from tribune.analytics.wsgi import BeaconApplication  # noqa: E402 - needs the settings configured above
from tribune.core.cache import build_version  # noqa: E402
from tribune.delivery.wsgi import PageCacheApplication, UnixSocketPeer  # noqa: E402

build_version()  # what every stored page and fragment is keyed by: worked out before the first reader waits for it
application = UnixSocketPeer(BeaconApplication(PageCacheApplication(application)))
