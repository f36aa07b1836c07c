"""The language code of a Wagtail locale by its id, without a query per page rendered.

Locales are a handful of rows that change only when an edition is added. Every worker keeps the id → code map it has
read; saving or deleting a locale clears this worker's map (another worker keeps its own until it restarts: changing
an existing locale's language is not something Wagtail's admin encourages, and ids are never reused)."""

import threading

_codes: dict[int, str] = {}
_lock = threading.Lock()


def language_code(locale_id: int) -> str:
    code = _codes.get(locale_id)
    if code is None:
        from wagtail.models import Locale

        code = Locale.objects.values_list("language_code", flat=True).get(pk=locale_id)
        with _lock:
            _codes[locale_id] = code
    return code


def forget(**kwargs) -> None:
    with _lock:
        _codes.clear()


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from wagtail.models import Locale

    post_save.connect(forget, sender=Locale, dispatch_uid="tribune.core.locales.saved")
    post_delete.connect(forget, sender=Locale, dispatch_uid="tribune.core.locales.deleted")
