"""System checks for the frontend's settings."""

from django.core import checks

from tribune.frontend.locale_formats import HINDI_DIGITS_CHOICES, hindi_digits

HINDI_DIGITS_UNKNOWN = "TRIBUNE_HINDI_DIGITS must be one of: {choices}."


@checks.register()
def check_hindi_digits(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if hindi_digits() not in HINDI_DIGITS_CHOICES:
        message = HINDI_DIGITS_UNKNOWN.format(choices=", ".join(HINDI_DIGITS_CHOICES))
        return [checks.Error(message, obj=hindi_digits(), id="tribune.frontend.E001")]
    return []
