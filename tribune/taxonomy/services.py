"""Writes for topics and countries."""

import pycountry

from django.utils.text import slugify

from .models import Country


def countries_sync() -> int:
    """Create or refresh every ISO 3166 country; returns how many exist afterwards. Idempotent."""
    existing = {country.code: country for country in Country.objects.all()}
    to_create, to_update = [], []
    for record in pycountry.countries:
        name = getattr(record, "common_name", None) or record.name
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
