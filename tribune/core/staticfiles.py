"""The static files storage production uses: WhiteNoise's compressed manifest storage, with each name's URL kept.

Every ``{% static %}`` asks the storage for a URL, and Django's manifest storage works it out again each time
(cleaning the name, looking up its hash, joining and unquoting the URL): a reader page asks for half a dozen. The
manifest cannot change while a process runs (``collectstatic`` is followed by a restart, and the build version in
every cache key moves with it), so each name's URL is kept for the life of the process.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage

from django.conf import settings

# Templates name a bounded set of files; the bound only keeps a caller that passes arbitrary names from growing it.
KEPT_URLS = 2048


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept_urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force or settings.DEBUG:  # DEBUG serves unhashed names (Django's own rule): nothing to keep
            return super().url(name, force)
        try:
            return self._kept_urls[name]
        except KeyError:
            pass
        url = super().url(name)  # a name missing from the manifest raises, and nothing is kept
        if len(self._kept_urls) < KEPT_URLS:
            self._kept_urls[name] = url
        return url
