"""Tribune's user model: swapped in the first migration so accounts can grow without a painful migration later."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class User(AbstractUser):
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        blank=True,
        help_text=_("Shown with your comments. Defaults to your username."),
    )

    notify_replies = models.BooleanField(_("email me when someone replies to my comments"), default=False)
    # A code of settings.LANGUAGES, checked by the forms that set it (no choices here: the editions are the operator's
    # setting, and a removed edition falls back to the default rather than failing). Empty: not chosen.
    language = models.CharField(_("language of emails"), max_length=15, blank=True, default="")
    # Moved on when a second factor is added, removed or reset, or when staff end the user's sessions: every session
    # signed in before then ends (accounts.sessions).
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        permissions = [
            ("export_personal_data", "Can export a reader's personal data"),
            ("erase_personal_data", "Can erase a reader's account and personal data"),
        ]

    def _get_session_auth_hash(self, secret=None):
        # Django derives the hash every session carries from the password hash, so a new password ends the other
        # sessions; the generation does the same for the changes above (ASVS 5.0 V7.4.3, V7.4.5). Generation 0 is
        # Django's own hash, so sessions from before the field stay valid. (Overridden here rather than
        # get_session_auth_hash so that SECRET_KEY_FALLBACKS keep working.)
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)
        key_salt = "tribune.accounts.User.get_session_auth_hash"
        value = f"{self.password}:{self.session_generation}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    @property
    def public_name(self) -> str:
        # Never the username or email: for readers those are their email address.
        return self.display_name or self.get_full_name() or _("Reader %(number)s") % {"number": self.pk}


@register_setting(icon="lock")
class SecuritySettings(BaseSiteSetting):
    require_staff_two_factor = models.BooleanField(
        _("require two-factor authentication for staff"),
        default=False,
        help_text=_(
            "Contributors, editors and administrators must set up an authenticator app before using the admin."
        ),
    )

    class Meta:
        verbose_name = _("security settings")


class SuppressedAddress(models.Model):
    """An address no bulk mail may go to any more: a hard bounce or a spam complaint was reported for it.

    Kept here, below the apps that send (newsletters write it from their bounce webhook and command; follow alerts
    and newsletters read it), so every sender honours one list whatever the address was used for.
    """

    email = models.EmailField(_("email address"), unique=True)  # stored in lower case
    suppressed_at = models.DateTimeField(_("suppressed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self):
        return self.email
