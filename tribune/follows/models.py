"""What a signed-in reader follows (experts, topics, sections, countries) and the articles they saved for later.

A follow has one foreign key per kind of target rather than a generic relation: each target is a real row the
database keeps consistent (deleting a topic or an expert deletes its follows), "My Tribune" joins each kind
through an index instead of matching content types and text ids, and a check constraint says exactly one target
is set, the one its ``kind`` names.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FollowKind(models.TextChoices):
    EXPERT = "expert", _("Expert")
    TOPIC = "topic", _("Topic")
    SECTION = "section", _("Section")
    COUNTRY = "country", _("Country")


# The foreign key that holds each kind's target.
TARGET_FIELDS = {
    FollowKind.EXPERT: "contributor",
    FollowKind.TOPIC: "topic",
    FollowKind.SECTION: "section",
    FollowKind.COUNTRY: "country",
}


def _only_target(kind: str) -> models.Q:
    """The row is of ``kind`` and its target, and no other, is set."""
    condition = models.Q(kind=kind)
    for other_kind, field in TARGET_FIELDS.items():
        condition &= models.Q(**{f"{field}__isnull": other_kind != kind})
    return condition


class Follow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    kind = models.CharField(_("kind"), max_length=10, choices=FollowKind.choices)
    contributor = models.ForeignKey(
        "contributors.Contributor", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.ForeignKey("taxonomy.Topic", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(
        "newsroom.SectionPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    country = models.ForeignKey("taxonomy.Country", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("followed"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=_only_target(FollowKind.EXPERT)
                | _only_target(FollowKind.TOPIC)
                | _only_target(FollowKind.SECTION)
                | _only_target(FollowKind.COUNTRY),
                name="follow_has_exactly_its_kinds_target",
            ),
            *(
                models.UniqueConstraint(
                    fields=["user", field], condition=models.Q(kind=kind), name=f"follow_once_per_{field}"
                )
                for kind, field in TARGET_FIELDS.items()
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.kind} {self.target_id}"

    @property
    def target_id(self):
        return getattr(self, f"{TARGET_FIELDS[self.kind]}_id")

    @property
    def target(self):
        return getattr(self, TARGET_FIELDS[self.kind])


class SavedArticle(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_articles")
    article = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+")
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved article")
        verbose_name_plural = _("saved articles")
        constraints = [models.UniqueConstraint(fields=["user", "article"], name="save_article_once")]
        indexes = [models.Index(fields=["user", "-saved_at"], name="saved_newest_first")]

    def __str__(self) -> str:
        return f"{self.user_id} saved {self.article_id}"


class AlertFrequency(models.TextChoices):
    OFF = "off", _("No emails")
    INSTANT = "instant", _("An email for each new article")
    DAILY = "daily", _("One email a day with the new articles")


class AlertPreference(models.Model):
    """Whether a reader hears by email about new articles from what they follow. Off until they turn it on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_alerts")
    frequency = models.CharField(
        _("email alerts"), max_length=10, choices=AlertFrequency.choices, default=AlertFrequency.OFF
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    # Until when the daily digest covered: the next one starts there, so no article is in two digests.
    digest_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("alert preference")
        verbose_name_plural = _("alert preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.frequency}"


class ArticleAlert(models.Model):
    """An article whose instant alerts were started: a later publish (an update, a republish) queues none, and a run
    that stopped half-way is finished by the next (``finished_at`` stays empty until every follower was tried)."""

    article = models.OneToOneField("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"alerts for {self.article_id}"


class AlertDelivery(models.Model):
    """One alert email to one reader: an article's instant alert, or a daily digest. Recorded (committed) before the
    message goes to the mail server and marked sent after, so a run resumed after a crash skips every reader with a
    row: nobody gets the same alert twice, and the few a crash caught mid-send stay visible as "sending"."""

    class State(models.TextChoices):
        SENDING = "sending", _("Handed to the mail server")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Refused")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        "newsroom.ArticlePage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # A digest: the window it covered. Its start is put back as the reader's window if the message never left.
    digest_since = models.DateTimeField(null=True, blank=True)
    digest_until = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.SENDING)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("alert delivery")
        verbose_name_plural = _("alert deliveries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(article__isnull=False, digest_until__isnull=True)
                | models.Q(article__isnull=True, digest_until__isnull=False),
                name="alert_delivery_is_an_alert_or_a_digest",
            ),
            models.UniqueConstraint(
                fields=["article", "user"], condition=models.Q(article__isnull=False), name="one_alert_per_reader"
            ),
            models.UniqueConstraint(
                fields=["user", "digest_until"],
                condition=models.Q(digest_until__isnull=False),
                name="one_digest_per_reader_and_window",
            ),
        ]

    def __str__(self) -> str:
        what = f"article {self.article_id}" if self.article_id else f"digest to {self.digest_until:%Y-%m-%d %H:%M}"
        return f"{what} → {self.user_id} ({self.state})"
