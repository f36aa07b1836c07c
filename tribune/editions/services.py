"""Writes for editions: opening a language's edition of the site."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page, Site

from tribune.newsroom.models import HomePage, SectionPage

LANGUAGE_NOT_ENABLED = _(
    "%(code)s is not one of this site's languages (%(enabled)s): add it to TRIBUNE_LANGUAGES first, then run "
    "add_edition again."
)
NO_HOME_PAGE = _("The default site has no home page yet: create it (make demo, or the admin) before adding an edition.")


@dataclass
class EditionAdded:
    """What ``edition_add`` did: the locale, and the pages it translated (those already translated are left alone)."""

    locale: Locale
    locale_created: bool = False
    translated: list[Page] = field(default_factory=list)
    already_translated: list[Page] = field(default_factory=list)


def edition_add_check(*, language_code: str) -> HomePage:
    """Refuse a language the settings do not enable, or a site without a home page; return the home page."""
    enabled = [code for code, _name in settings.LANGUAGES]
    if language_code not in enabled:
        raise ValidationError(LANGUAGE_NOT_ENABLED, params={"code": language_code, "enabled": ", ".join(enabled)})
    site = Site.objects.filter(is_default_site=True).first()
    home = site and site.root_page.specific
    if not isinstance(home, HomePage):
        raise ValidationError(NO_HOME_PAGE)
    return home


@transaction.atomic
def edition_add(*, language_code: str) -> EditionAdded:
    """Open the ``language_code`` edition: its Locale, and a published translation of the home page and of each
    section, copied from the default edition for editors to translate. Safe to run again: what exists is kept (a
    translation an editor has unpublished stays unpublished). The default language's edition is the site itself."""
    home = edition_add_check(language_code=language_code)
    locale, created = Locale.objects.get_or_create(language_code=language_code)
    result = EditionAdded(locale=locale, locale_created=created)
    if home.locale_id == locale.pk:
        return result
    sections = list(SectionPage.objects.child_of(home).filter(locale=home.locale).order_by("path"))
    for source in [home, *sections]:
        if source.has_translation(locale):
            result.already_translated.append(source.get_translation(locale))
            continue
        translated = source.copy_for_translation(locale)
        translated.save_revision().publish()
        result.translated.append(translated)
    return result
