"""Display names readers choose: shown next to their comments, so they must not impersonate or deceive.

Refused: invisible and direction-changing characters, letters from several scripts mixed in one name (the
classic homoglyph trick: Cyrillic "а" inside a Latin name), and names that pose as the newsroom.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MIN_LENGTH, MAX_LENGTH = 2, 60
RESERVED = {"tribune", "editor", "editors", "moderator", "moderators", "admin", "administrator", "staff", "newsroom"}

INVISIBLE_CHARACTERS = _("Display names cannot contain invisible or text-direction characters.")
MIXED_SCRIPTS = _("Please write your display name in one alphabet (letters from several alphabets look alike).")
RESERVED_NAME = _("This name is reserved for the newsroom. Please choose another.")
BAD_LENGTH = _("Display names are %(min)d to %(max)d characters long.")
NO_LETTERS = _("A display name needs at least one letter.")


def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ")[0] if name else None


def display_name_clean(value: str) -> str:
    value = unicodedata.normalize("NFKC", value or "")
    if any(unicodedata.category(ch) in {"Cf", "Cc", "Co", "Cs"} for ch in value):
        raise ValidationError(INVISIBLE_CHARACTERS, code="invisible")
    value = re.sub(r"\s+", " ", value).strip()
    if not MIN_LENGTH <= len(value) <= MAX_LENGTH:
        raise ValidationError(BAD_LENGTH, code="length", params={"min": MIN_LENGTH, "max": MAX_LENGTH})
    scripts = {script for ch in value if (script := _script(ch))}
    if not scripts:
        raise ValidationError(NO_LETTERS, code="no_letters")
    if len(scripts) > 1:
        raise ValidationError(MIXED_SCRIPTS, code="mixed_scripts")
    if re.sub(r"[\W_]+", "", value.casefold()) in RESERVED:
        raise ValidationError(RESERVED_NAME, code="reserved")
    return value
