"""The editions' languages (``TRIBUNE_LANGUAGES``) and their system check: a misconfigured list stops ``manage.py``
with a message that says what to change, instead of a site whose language prefixes half work."""

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.checks import Error, Tags, register
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NO_LANGUAGES = "TRIBUNE_LANGUAGES is empty: name at least the default edition's language, e.g. TRIBUNE_LANGUAGES=en."
UNKNOWN_LANGUAGE = (
    "TRIBUNE_LANGUAGES names {code!r}, which Django does not know as a language: use a code from "
    "django.conf.locale.LANG_INFO (e.g. en, hi, ru)."
)
INVALID_FIRST_LANGUAGE = (
    "TRIBUNE_LANGUAGES must start with a valid language, the default edition served without a prefix "
    "(e.g. TRIBUNE_LANGUAGES=en,hi,ru); it starts with {code!r}."
)
REPEATED_LANGUAGE = "TRIBUNE_LANGUAGES names {code!r} more than once."
NOT_A_LANGUAGE_CODE = _("Enter a language code such as hi, ru or en-gb.")


def is_known_language(code: str) -> bool:
    # LANG_INFO also holds fallback entries (e.g. "zh-cn" → "zh-hans") that are no language of their own.
    return "name_local" in LANG_INFO.get(code, {})


def validate_language_code(value: str) -> None:
    """For fields where an editor names a language (a quote's language): a code Django knows."""
    if value and not is_known_language(value):
        raise ValidationError(NOT_A_LANGUAGE_CODE, code="unknown_language")


@register(Tags.translation)
def check_languages(app_configs=None, **kwargs) -> list[Error]:
    codes = list(getattr(settings, "TRIBUNE_LANGUAGES", []))
    if not codes:
        return [Error(NO_LANGUAGES, id="tribune.languages.E001")]
    errors = []
    if not is_known_language(codes[0]):
        errors.append(Error(INVALID_FIRST_LANGUAGE.format(code=codes[0]), id="tribune.languages.E002"))
    errors += [
        Error(UNKNOWN_LANGUAGE.format(code=code), id="tribune.languages.E003")
        for code in codes[1:]
        if not is_known_language(code)
    ]
    errors += [
        Error(REPEATED_LANGUAGE.format(code=code), id="tribune.languages.E004")
        for code in dict.fromkeys(codes)
        if codes.count(code) > 1
    ]
    return errors
