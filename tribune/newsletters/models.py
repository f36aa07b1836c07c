"""Newsletter lists, their subscribers (confirmed by double opt-in), their issues and each issue's deliveries."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable


class NewsletterList(models.Model):
    """A list readers subscribe to. Its scope (all sections, or one section, expert, topic or country) says which
    published articles an automatic issue gathers."""

    class Cadence(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")
        OCCASIONAL = "occasional", _("When there is news")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    cadence = models.CharField(_("cadence"), max_length=12, choices=Cadence.choices, default=Cadence.WEEKLY)
    language = models.CharField(
        _("language"),
        max_length=15,
        blank=True,
        help_text=_("The edition whose articles it sends, and the language it is written in; empty: the default."),
    )
    section = models.ForeignKey(
        "newsroom.SectionPage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("section"),
    )
    contributor = models.ForeignKey(
        "contributors.Contributor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("expert"),
    )
    topic = models.ForeignKey(
        "taxonomy.Topic", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("topic")
    )
    country = models.ForeignKey(
        "taxonomy.Country", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    # Messages per second when an issue of this list is sent: a mail server's (or provider's) limit.
    send_rate = models.PositiveIntegerField(_("messages per second"), default=50)
    active = models.BooleanField(_("open to new subscribers"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("cadence"),
        FieldPanel("language"),
        MultiFieldPanel(
            [FieldPanel("section"), FieldPanel("contributor"), FieldPanel("topic"), FieldPanel("country")],
            heading=_("Scope: what automatic issues gather (empty: every section)"),
        ),
        FieldPanel("send_rate"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Subscription(models.Model):
    """One address on one list. Pending until the address's owner follows the confirmation link."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        ACTIVE = "active", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        SUSPENDED = "suspended", _("Suspended (bounced or complained)")

    newsletter = models.ForeignKey(NewsletterList, on_delete=models.CASCADE, related_name="subscriptions")
    email = models.EmailField(_("email"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="subscriptions"
    )
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.PENDING)
    language = models.CharField(_("language"), max_length=15, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [models.UniqueConstraint(fields=["newsletter", "email"], name="one_subscription_per_address")]
        indexes = [models.Index(fields=["newsletter", "status"]), models.Index(fields=["email"])]

    def __str__(self) -> str:
        return f"{self.email} · {self.newsletter}"


class Issue(ClusterableModel):
    """One sending of a list: automatic (the newest pieces of its scope) or curated (an editor's choice and order)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    newsletter = models.ForeignKey(NewsletterList, on_delete=models.CASCADE, related_name="issues")
    subject = models.CharField(_("subject"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("newsletter"),
        FieldPanel("subject"),
        FieldPanel("intro"),
        InlinePanel("items", label=_("Articles, in order"), min_num=1),
    ]

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject


class IssueArticle(Orderable):
    issue = ParentalKey(Issue, on_delete=models.CASCADE, related_name="items")
    article = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("article", page_type="newsroom.ArticlePage")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["issue", "article"], name="an_article_once_per_issue")]

    def __str__(self) -> str:
        return f"{self.issue} · {self.sort_order}"


class Delivery(models.Model):
    """An issue to one subscriber. The row is committed before the message goes to the mail server and marked sent
    after, so a send resumed after a crash skips everyone already reached (and the one it may have reached)."""

    class State(models.TextChoices):
        SENDING = "sending", _("Handed to the mail server")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Refused")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    state = models.CharField(max_length=8, choices=State.choices, default=State.SENDING)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issue", "subscription"], name="one_delivery_per_subscriber")]

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscription_id} ({self.state})"
