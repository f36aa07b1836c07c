"""Context-specific words a password may not be built on (ASVS 5.0 V6.1.2, V6.2.11): the site's name and the words
of the newsroom, the first guesses of anyone attacking this site in particular. Django's validators cover the
user's own name and address (UserAttributeSimilarityValidator) and breached passwords (CommonPasswordValidator)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Kept short on purpose: each word refuses every password containing it, so only words an attacker of a news site
# tries first belong here.
NEWSROOM_WORDS = ("tribune", "newsroom", "editor", "wagtail")
MIN_WORD_LENGTH = 5  # shorter words of the site name ("the", "news") would refuse too many honest pass phrases


def context_words() -> set[str]:
    words = set(re.findall(r"\w+", getattr(settings, "SITE_NAME", "").casefold()))
    return {word for word in words | set(NEWSROOM_WORDS) if len(word) >= MIN_WORD_LENGTH}


class ContextWordsValidator:
    def validate(self, password, user=None):
        folded = re.sub(r"[\W_]+", "", password.casefold())
        found = sorted(word for word in context_words() if word in folded)
        if found:
            raise ValidationError(
                _("This password contains “%(word)s”, a word anyone guessing passwords here tries first."),
                code="password_context_word",
                params={"word": found[0]},
            )

    def get_help_text(self):
        return _("Your password can’t contain the site’s name or newsroom words.")
