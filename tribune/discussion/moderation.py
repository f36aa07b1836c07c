"""Automatic moderation: each rule looks at a new comment and may reject it or hold it, saying why.

Rules are plain functions returning a ``Verdict`` or None; the first verdict wins, rejections before holds.
Every verdict names its rule and what it matched, so moderators see the reason in the queue and the reader sees a
plain explanation (``READER_REASONS``).
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

REJECT = "reject"
HOLD = "hold"

LINK = re.compile(r"(https?://|www\.)\S+|\b[\w-]+\.(com|org|net|info|io|ru|cn|xyz|top|biz)\b", re.IGNORECASE)

READER_REASONS = {
    "banned_word": _("Your comment was not published because it contains language we do not allow."),
    "suspect_word": _("Held for review: it contains a word our moderators check first."),
    "link": _("Held for review: it contains a link."),
    "new_reader": _("Held for review: comments from new readers are checked before they appear."),
    "premoderated": _("Held for review: this discussion is pre-moderated."),
    "quiet_hours": _("Held for review: overnight, every comment is checked before it appears."),
    "restricted": _("Held for review."),
}


@dataclass(frozen=True)
class Verdict:
    action: str  # REJECT or HOLD
    rule: str
    detail: str = ""

    @property
    def reader_reason(self) -> str:
        return str(READER_REASONS.get(self.rule, _("Held for review.")))


def normalise(text: str) -> str:
    """Fold case, compatibility forms and invisible characters, so "Ｓｐａｍ" and "s\u200bpam" match "spam"."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")


def _find_word(text: str, words: list[str]) -> str | None:
    for word in words:
        if re.search(rf"(?<!\w){re.escape(normalise(word))}(?!\w)", text):
            return word
    return None


def banned_words(body: str, *, settings, **context) -> Verdict | None:
    word = _find_word(normalise(body), settings.banned_word_list)
    return Verdict(REJECT, "banned_word", gettext("matched “%(word)s”") % {"word": word}) if word else None


def suspect_words(body: str, *, settings, **context) -> Verdict | None:
    word = _find_word(normalise(body), settings.suspect_word_list)
    return Verdict(HOLD, "suspect_word", gettext("matched “%(word)s”") % {"word": word}) if word else None


def links(body: str, *, settings, **context) -> Verdict | None:
    if not settings.hold_links:
        return None
    match = LINK.search(normalise(body))
    return Verdict(HOLD, "link", gettext("link “%(link)s”") % {"link": match.group(0)[:80]}) if match else None


def restricted_reader(body: str, *, restricted: bool, **context) -> Verdict | None:
    return Verdict(HOLD, "restricted", gettext("reader is banned or suspended")) if restricted else None


def new_reader(body: str, *, settings, approved_count: int, is_staff: bool, **context) -> Verdict | None:
    if is_staff or approved_count >= settings.trusted_after:
        return None
    detail = ngettext(
        "%(count)d approved comment, %(needed)d needed",
        "%(count)d approved comments, %(needed)d needed",
        approved_count,
    ) % {"count": approved_count, "needed": settings.trusted_after}
    return Verdict(HOLD, "new_reader", detail)


def premoderated(body: str, *, premoderated: bool, **context) -> Verdict | None:
    return Verdict(HOLD, "premoderated", gettext("article is pre-moderated")) if premoderated else None


def in_quiet_hours(start: datetime.time | None, end: datetime.time | None, now: datetime.datetime) -> bool:
    if start is None or end is None or start == end:
        return False
    moment = timezone.localtime(now).time()
    return start <= moment < end if start < end else (moment >= start or moment < end)


def quiet_hours(body: str, *, settings, now: datetime.datetime, **context) -> Verdict | None:
    if in_quiet_hours(settings.quiet_hours_start, settings.quiet_hours_end, now):
        hours = {"start": f"{settings.quiet_hours_start:%H:%M}", "end": f"{settings.quiet_hours_end:%H:%M}"}
        return Verdict(HOLD, "quiet_hours", gettext("%(start)s–%(end)s") % hours)
    return None


RULES = [banned_words, restricted_reader, premoderated, quiet_hours, new_reader, suspect_words, links]
# What moderators read in the queue for each rule's id (the id is what is stored and logged).
RULE_LABELS = {
    "banned_word": _("Banned word"),
    "suspect_word": _("Suspect word"),
    "link": _("Link"),
    "restricted": _("Restricted reader"),
    "new_reader": _("New reader"),
    "premoderated": _("Pre-moderated article"),
    "quiet_hours": _("Quiet hours"),
}


def judge(body: str, **context) -> Verdict | None:
    """The first rule that objects, rejections first; None means the comment may appear at once."""
    verdicts = [verdict for rule in RULES if (verdict := rule(body, **context))]
    rejections = [verdict for verdict in verdicts if verdict.action == REJECT]
    return (rejections or verdicts or [None])[0]
