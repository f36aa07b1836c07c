"""Which language edition a feed or sitemap entry belongs to, and where each edition lives.

An edition is a content language (``WAGTAIL_CONTENT_LANGUAGES``) whose pages sit under that language's translation of
the site's home page, served under the language's prefix (``/hi/…``; the default edition has none). The feeds of an
edition answer under its prefix, so the active language (set from the address by ``LocaleMiddleware``) names it.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from wagtail.coreutils import get_supported_content_language_variant


def content_languages() -> list[str]:
    """The enabled editions' language codes, the default edition first."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def active_edition() -> str:
    """The language code of the edition the current request is for."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:  # a language that is not an edition's (only an interface language) reads the default's
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def edition_home_path(language_code: str) -> str:
    """The edition's home address, ``/`` or ``/hi/``, as Wagtail addresses the edition's home page."""
    with translation.override(language_code):
        return reverse("wagtail_serve", args=("",))
