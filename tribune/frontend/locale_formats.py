"""Dates, times, numbers and reading time on reader pages, as the active edition writes them.

The shapes come from the language's formats (``tribune/formats/<lang>/formats.py``, then Django's own), with month
names in the edition's language. Two settings adjust them for an outlet: ``TRIBUNE_DATE_FORMAT``, its own date style
for every edition (a Django date format such as ``d.m.Y``), and ``TRIBUNE_HINDI_DIGITS``, whether Hindi pages write
digits in Latin (``latin``, the default) or Devanagari (``devanagari``) numerals.
"""

import datetime
import numbers

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_noop, ngettext

HINDI_DIGITS_LATIN = "latin"
HINDI_DIGITS_DEVANAGARI = "devanagari"
HINDI_DIGITS_CHOICES = (HINDI_DIGITS_LATIN, HINDI_DIGITS_DEVANAGARI)
DEVANAGARI_NUMERALS = str.maketrans("0123456789", "०१२३४५६७८९")
# Django's Hindi catalogue misspells these three months ("नवमबर"); Tribune's catalogue, read first, spells them as
# Hindi newspapers print them. Marked here so that makemessages keeps them in it.
CORRECTED_MONTH_NAMES = (gettext_noop("September"), gettext_noop("November"), gettext_noop("December"))


def outlet_date_format() -> str:
    """The outlet's own date style (a Django date format), or "" for each language's default."""
    return getattr(settings, "TRIBUNE_DATE_FORMAT", "") or ""


def hindi_digits() -> str:
    return getattr(settings, "TRIBUNE_HINDI_DIGITS", HINDI_DIGITS_LATIN)


def localise_digits(text: str) -> str:
    """``text`` with its digits as the active edition writes them: Devanagari numerals on Hindi pages if configured."""
    language = (translation.get_language() or "").split("-")[0]
    if language == "hi" and hindi_digits() == HINDI_DIGITS_DEVANAGARI:
        return text.translate(DEVANAGARI_NUMERALS)
    return text


def _in_local_time(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def edition_date(value) -> str:
    """The date of ``value`` (an article's publication, a correction), in the outlet's style or the language's."""
    if not isinstance(value, datetime.date):
        return ""
    return localise_digits(formats.date_format(_in_local_time(value), outlet_date_format() or "DATE_FORMAT"))


def edition_time(value) -> str:
    if not isinstance(value, datetime.datetime | datetime.time):
        return ""
    return localise_digits(formats.time_format(_in_local_time(value), "TIME_FORMAT"))


def edition_datetime(value) -> str:
    """Date and time of ``value``: the language's own combined format, or the outlet's date style with the time."""
    if not isinstance(value, datetime.datetime):
        return edition_date(value)
    value = _in_local_time(value)
    if date_format := outlet_date_format():
        text = f"{formats.date_format(value, date_format)}, {formats.time_format(value, 'TIME_FORMAT')}"
    else:
        text = formats.date_format(value, "DATETIME_FORMAT")
    return localise_digits(text)


def edition_number(value) -> str:
    """A count grouped as the language groups digits (1,234,567 · 12,34,567 · 1 234 567)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        return ""
    return localise_digits(formats.number_format(value, force_grouping=True))


def reading_time(minutes) -> str:
    """ "5 min read", plural as the language needs it (the same message templates used before)."""
    try:
        count = int(minutes)
    except (TypeError, ValueError):
        return ""
    return ngettext("%(minutes)s min read", "%(minutes)s min read", count) % {"minutes": edition_number(count)}
