"""Writes for topics and countries."""

import pycountry

from django.utils.text import slugify

from .country_names_everyday import EVERYDAY_NAMES, everyday_name, iso_name
from .models import Country


def countries_sync() -> int:
    """Create or refresh every ISO 3166 country; returns how many exist afterwards. Idempotent."""
    existing = {country.code: country for country in Country.objects.all()}
    to_create, to_update = [], []
    for record in pycountry.countries:
        name = everyday_name(record)
        country = existing.get(record.alpha_2)
        if country is None:
            to_create.append(Country(code=record.alpha_2, name=name, slug=slugify(name)))
        elif country.name != name:
            country.name, country.slug = name, slugify(name)
            to_update.append(country)
    Country.objects.bulk_create(to_create)
    Country.objects.bulk_update(to_update, ["name", "slug"])
    return Country.objects.count()


def country_for_code(code: str) -> Country:
    return Country.objects.get(code=code.upper())


def country_for_former_slug(slug: str) -> Country | None:
    """The country whose page had this address before it took its everyday name (``/countries/russian-federation/``
    is now ``/countries/russia/``)."""
    for code in EVERYDAY_NAMES:
        record = pycountry.countries.get(alpha_2=code)
        if record is not None and slugify(iso_name(record)) == slug:
            return Country.objects.filter(code=code).first()
    return None
