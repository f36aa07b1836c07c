"""Display names readers choose: shown next to their comments, so they must not impersonate or deceive.

A name is refused, with a message saying why, when it has:

- invisible or text-direction characters;
- characters other than letters, digits, spaces and the punctuation of names (hyphens, apostrophes, full stops,
  commas; a middle dot between two letters, as in Catalan "Gal·la", Chinese "艾哈迈德·阿里" or Japanese
  "ジョン・スミス"). Symbols, emoji, brackets and free-standing dots are how a name imitates the badges the
  discussion shows beside names ("Sam · Tribune staff", "Lee (Article author)", "Kim ✓ Editors' pick"). They are
  refused rather than stripped: the reader sees exactly the name others will see;
- letters of several writing systems, by Unicode's mixed-script rule (UTS #39 section 5.1, resolved script sets,
  through the disarm library): "Pаypal" with a Cyrillic "а" is refused, while Japanese kanji with kana, Korean
  hangul with hanja and Chinese hanzi with bopomofo are each one writing system;
- a word of the newsroom (``NEWSROOM_WORDS``: "staff", "editor", "moderation", "admin", "official", the badge
  words…) or of the site's name (``SITE_NAME``), alone or in any combination, spaced out, run together or
  disguised ("E d i t o r", "TheEditors", "Tr1bune", "ᴛʀɪʙᴜɴᴇ", "Trıbune");
- the name of a published expert, unless it is the account linked to that expert's profile. Accounts sit below
  the contributors app, which supplies those names through ``reserved_names_source``.

Words and names are compared by a key that ignores case, spacing, accents on Latin, Greek and Cyrillic letters,
digits used as letters, and confusable characters (the TR39 skeleton, through disarm).
"""

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

import disarm

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MIN_LENGTH, MAX_LENGTH = 2, 60

# Words that speak for the newsroom, and the words of the discussion's badges ("Tribune staff", "Article author",
# "Editors' pick", "Answered by the author"). A name is refused if any run of its words spells one of them, or
# spells them together with the filler words below ("The Editors", "Editor in Chief", "Tribune Staff Team").
NEWSROOM_WORDS = frozenset(
    {
        "staff",
        "editor",
        "editorial",
        "moderator",
        "moderation",
        "mod",
        "admin",
        "administrator",
        "administration",
        "newsroom",
        "official",
        "verified",
        "author",
        "expert",
        "support",
    }
)
FILLER_WORDS = frozenset(
    {"the", "a", "an", "of", "in", "and", "at", "by", "for", "our", "team", "chief", "desk", "head", "s"}
    | {"article", "pick", "answered", "deputy", "senior", "managing"}
)
# Refused even inside a longer word ("SamModerator"): long, and in no ordinary name.
EMBEDDED_WORDS = frozenset({"newsroom", "moderator", "administrator", "editorial"})
SITE_NAME_STOP_WORDS = frozenset({"the", "a", "an", "of", "and"})

# Punctuation names use: hyphens (with the Hebrew maqaf and the Armenian hyphen), apostrophes, full stop, comma,
# Hebrew geresh and gershayim, the Tibetan syllable mark (tsheg); the middle dots only between two letters.
NAME_PUNCTUATION = frozenset("-\u2010\u2011\u05be\u058a'\u2019.,\u05f3\u05f4\u0f0b")
NAME_DOTS = frozenset("\u00b7\u30fb\u2027")
DIGITS_AS_LETTERS = str.maketrans("013457", "oieast")

INVISIBLE_CHARACTERS = _("Display names cannot contain invisible or text-direction characters.")
BADGE_CHARACTERS = _(
    "Display names can contain letters, digits, spaces, hyphens, apostrophes, full stops and commas only. Symbols, "
    "emoji, brackets and dots between words (such as “·”, “•”, “✓” or “(…)”) look like the badges shown next to "
    "names, so they cannot be used."
)
MIXED_SCRIPTS = _(
    "Please write your display name in one writing system: letters from different alphabets can look alike. "
    "(Japanese kanji with kana, Korean hangul with hanja and Chinese with bopomofo count as one.)"
)
RESERVED_NAME = _(
    "This name is reserved for the newsroom: it contains the site's name or a word such as “staff”, “editor” or "
    "“moderator”. Please choose another."
)
EXPERT_NAME = _(
    "This is the name of one of our experts. If it is yours, ask the newsroom to link your account to your expert "
    "profile; until then, please choose another."
)
BAD_LENGTH = _("Display names are %(min)d to %(max)d characters long.")
NO_LETTERS = _("A display name needs at least one letter.")

ReservedNamesSource = Callable[[object], Iterable[str]]
_reserved_name_sources: list[ReservedNamesSource] = []


def reserved_names_source(source: ReservedNamesSource) -> ReservedNamesSource:
    """Register ``source(user)``, which returns names reserved for accounts other than ``user`` (``None`` at
    sign-up): how a higher layer (the contributors app, in its ``ready``) keeps its names without this module
    importing it. Registering the same source twice has no effect; usable as a decorator."""
    if source not in _reserved_name_sources:
        _reserved_name_sources.append(source)
    return source


def display_name_clean(value: str, *, user=None) -> str:
    """``value`` as it will be shown, or ``ValidationError`` (with one of the codes below) saying why it cannot be.
    ``user`` is the account choosing it, if it exists yet: it may use the names kept for it."""
    value = unicodedata.normalize("NFKC", value or "")
    if any(unicodedata.category(ch) in {"Cf", "Cc", "Co", "Cs"} for ch in value):
        raise ValidationError(INVISIBLE_CHARACTERS, code="invisible")
    value = re.sub(r"\s+", " ", value).strip()
    if not MIN_LENGTH <= len(value) <= MAX_LENGTH:
        raise ValidationError(BAD_LENGTH, code="length", params={"min": MIN_LENGTH, "max": MAX_LENGTH})
    if not _only_name_characters(value):
        raise ValidationError(BADGE_CHARACTERS, code="badge_characters")
    if not any(ch.isalpha() for ch in value):
        raise ValidationError(NO_LETTERS, code="no_letters")
    if disarm.is_mixed_script(value):
        raise ValidationError(MIXED_SCRIPTS, code="mixed_scripts")
    keys = _word_keys(value)
    if _is_newsroom_name(keys):
        raise ValidationError(RESERVED_NAME, code="reserved")
    if _uses_reserved_name(keys, user):
        raise ValidationError(EXPERT_NAME, code="expert_name")
    return value


def _only_name_characters(value: str) -> bool:
    for i, ch in enumerate(value):
        category = unicodedata.category(ch)
        if category[0] in "LM" or category == "Nd" or ch == " " or ch in NAME_PUNCTUATION:
            continue
        if ch in NAME_DOTS and 0 < i < len(value) - 1 and value[i - 1].isalpha() and value[i + 1].isalpha():
            continue
        return False
    return True


def _words(value: str) -> list[str]:
    """Runs of letters (with their marks) and runs of digits; a letter run also splits where a capital follows a
    small letter ("TribuneStaff")."""
    words, current, kind = [], "", None
    for ch in value:
        category = unicodedata.category(ch)
        this = "letter" if category[0] in "LM" else "digit" if category == "Nd" else None
        camel_break = this == "letter" and kind == "letter" and ch.isupper() and current[-1:].islower()
        if this != kind or camel_break:
            if current and kind:
                words.append(current)
            current = ""
        current += ch if this else ""
        kind = this
    if current and kind:
        words.append(current)
    return words


@lru_cache(maxsize=4096)
def _key(word: str) -> str:
    """The form of a word that ignores case, Latin/Greek/Cyrillic accents, digits used as letters and confusable
    characters."""
    if word.isdigit():
        return unicodedata.normalize("NFKC", word).translate(DIGITS_AS_LETTERS)
    decomposed = unicodedata.normalize("NFD", word.casefold())
    # Accents only on Latin, Greek and Cyrillic: elsewhere combining marks are vowels, not decoration.
    kept = "".join(
        ch
        for i, ch in enumerate(decomposed)
        if not (unicodedata.category(ch) == "Mn" and i and ord(decomposed[i - 1]) < 0x0530)
    )
    return disarm.skeleton_key(unicodedata.normalize("NFC", kept)).replace(" ", "")


def _word_keys(value: str) -> list[str]:
    return [_key(word) for word in _words(value)]


def _runs(keys: list[str]) -> Iterable[str]:
    """Every run of consecutive words, joined: "E d i t o r" and "Amara O'Kafor" are read as one word too."""
    for start in range(len(keys)):
        for end in range(start + 1, len(keys) + 1):
            yield "".join(keys[start:end])


def _site_words() -> tuple[frozenset[str], str]:
    """The words of the site's name (not its numbers or little words), and the whole name run together."""
    words = _words(getattr(settings, "SITE_NAME", ""))
    keys = [_key(word) for word in words if not word.isdigit()]
    return frozenset(keys) - SITE_NAME_STOP_WORDS, "".join(_key(word) for word in words)


def _spells_reserved(keys: list[str], reserved: frozenset[str]) -> bool:
    """Some run of whole words is spelled entirely with reserved and filler words, at least one of them reserved:
    "Tribune", "The Editors", "THEEDITORS", "Editor in Chief", "E d i t o r s"."""
    joined = "".join(keys)
    boundaries, position = {0}, 0
    for key in keys:
        position += len(key)
        boundaries.add(position)
    pieces = reserved | FILLER_WORDS
    longest = max(len(piece) for piece in pieces)
    for start in sorted(boundaries):
        reached = {start: False}  # position spelled up to -> whether a reserved word was used
        for here in range(start, len(joined)):
            if here not in reached:
                continue
            for there in range(here + 1, min(here + longest, len(joined)) + 1):
                piece = joined[here:there]
                if piece in pieces:
                    used = reached[here] or piece in reserved
                    if used and there in boundaries:
                        return True
                    reached[there] = reached.get(there, False) or used
    return False


def _is_newsroom_name(keys: list[str]) -> bool:
    site_words, site_name = _site_words()
    joined = "".join(keys)
    # A long word of the site's name is refused inside other words too ("tribunefan"); a short one ("news",
    # "post") only as a word of its own, or "Newsome" would be refused.
    embedded = EMBEDDED_WORDS | {word for word in site_words if len(word) >= 6}
    if any(word in joined for word in embedded) or (site_name and site_name in joined):
        return True
    return _spells_reserved(keys, NEWSROOM_WORDS | site_words)


def _uses_reserved_name(keys: list[str], user) -> bool:
    names = {"".join(_word_keys(name)) for source in _reserved_name_sources for name in source(user)}
    names.discard("")
    return bool(names) and any(run in names for run in _runs(keys))
