"""Template helpers for newsroom pages."""

import datetime
from dataclasses import dataclass

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()


@dataclass(frozen=True)
class ChangeLogEntry:
    label: str
    at: datetime.datetime
    anchor: str = ""


@register.filter
def change_log(article) -> list[ChangeLogEntry]:
    """An article's public history, oldest first: first publication, its "Updated" time, every correction."""
    entries = [ChangeLogEntry(_("First published"), article.first_published_at)]
    if article.shows_updated:
        entries.append(ChangeLogEntry(_("Updated"), article.updated_at))
    entries += [
        ChangeLogEntry(correction.get_kind_display(), correction.published_at, f"correction-{correction.pk}")
        for correction in article.public_corrections
    ]
    # A stable sort: a correction made at the very moment of an update still follows it.
    return sorted((entry for entry in entries if entry.at), key=lambda entry: entry.at)
