"""Country names in the reader's language, from the ISO 3166-1 translations pycountry ships.

The stored ``Country.name`` is the English name editors chose; another edition shows the ISO name's translation for
the country's code (its common name where ISO has one: "South Korea", not "Korea, Republic of"), or the English
name when the language has none.
"""

import functools
import gettext

import pycountry


@functools.cache
def _catalogue(language: str) -> gettext.NullTranslations | None:
    """The language's ISO 3166-1 catalogue, read once per process; None when pycountry has none for it."""
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return None


@functools.cache
def _iso_names(code: str) -> tuple[str, ...]:
    """The ISO names of ``code`` that catalogues translate, the everyday one first."""
    country = pycountry.countries.get(alpha_2=code.upper()) if code else None
    if country is None:
        return ()
    return tuple(name for name in (getattr(country, "common_name", None), country.name) if name)


def country_name(code: str, english_name: str, language: str | None) -> str:
    """The name of the country ``code`` in ``language``; ``english_name`` in English or without a translation."""
    base_language = (language or "").split("-")[0]
    if not base_language or base_language == "en":
        return english_name
    catalogue = _catalogue(base_language)
    if catalogue is None:
        return english_name
    for iso_name in _iso_names(code):
        translated = catalogue.gettext(iso_name)
        if translated != iso_name:
            return translated
    return english_name
