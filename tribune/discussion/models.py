"""Reader discussion under articles: comments, likes, reports, moderation decisions and reader restrictions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.coreutils import get_content_languages

from tribune.newsroom.models import ArticlePage

MAX_DEPTH = 3  # a reply to a reply to a comment; deeper replies attach at this level


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Published")
    REJECTED = "rejected", _("Rejected")
    DELETED = "deleted", _("Deleted by its author")


class Comment(models.Model):
    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    thread = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The top-level comment of this thread (itself for top-level comments).",
    )
    depth = models.PositiveSmallIntegerField(default=0)
    body = models.TextField(_("comment"))
    status = models.CharField(
        max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING, db_index=True
    )
    # Explainable moderation: the rule that held or rejected the comment, and what it matched.
    moderation_rule = models.CharField(max_length=40, blank=True)
    moderation_detail = models.CharField(max_length=300, blank=True)
    is_featured = models.BooleanField(_("editors' pick"), default=False)
    # An editors' pick its author edited: shown without the pick, in the moderators' queue until one decides.
    pick_to_confirm = models.BooleanField(_("edited editors' pick"), default=False)
    is_staff_reply = models.BooleanField(default=False)
    is_author_reply = models.BooleanField(default=False)
    like_count = models.PositiveIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    ip_hash = models.CharField(max_length=64, blank=True)
    # The form's one-time token: a double click or a replayed POST finds the comment it already made.
    client_token = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "depth", "created_at"]),
            models.Index(fields=["thread", "created_at"]),
            models.Index(fields=["status", "-created_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_token"], condition=~models.Q(client_token=""), name="one_comment_per_token"
            )
        ]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:50]}"

    @property
    def moderation_rule_label(self) -> str:
        """The rule that held or rejected the comment, as moderators read it ("New reader", not "new_reader")."""
        from .moderation import RULE_LABELS  # the rules module is plain functions; it imports no model

        return str(RULE_LABELS.get(self.moderation_rule, self.moderation_rule))

    @property
    def is_visible(self) -> bool:
        return self.status in {CommentStatus.APPROVED, CommentStatus.DELETED}

    @property
    def author_profile(self):
        """The published expert profile linked to the author's account, if any: experts and staff who write for
        Tribune speak under the name readers know from their bylines. Selectors join it
        (``author__contributor_profile``), so reading it costs no query."""
        profile = getattr(self.author, "contributor_profile", None) if self.author is not None else None
        return profile if profile is not None and profile.live else None

    @property
    def author_name(self) -> str:
        """The name shown with the comment: the expert profile's, else the reader's public name."""
        if self.author is None:
            return gettext("Former reader")
        profile = self.author_profile
        return profile.local_name if profile is not None else self.author.public_name


class Reaction(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "user"], name="one_like_per_reader")]

    def __str__(self) -> str:
        return f"{self.user} likes {self.comment_id}"


class ReportReason(models.TextChoices):
    ABUSE = "abuse", _("Abusive or hateful")
    SPAM = "spam", _("Spam or advertising")
    OFF_TOPIC = "off_topic", _("Off topic")
    MISINFORMATION = "misinformation", _("False or misleading")
    OTHER = "other", _("Something else")


class Report(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader")]

    def __str__(self) -> str:
        return f"{self.reporter} reported {self.comment_id}: {self.reason}"


class ModerationAction(models.TextChoices):
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    FEATURE = "feature", _("Featured")
    UNFEATURE = "unfeature", _("Unfeatured")
    AUTO_HOLD = "auto_hold", _("Held automatically")
    AUTO_REJECT = "auto_reject", _("Rejected automatically")
    RESTRICT = "restrict", _("Reader restricted")
    EDIT = "edit", _("Edited by its author")


class ModerationDecision(models.Model):
    """The moderation log: who decided what, when, and why."""

    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=ModerationAction.choices)
    rule = models.CharField(max_length=40, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    previous_body = models.TextField(blank=True, help_text="For an edit: the text it replaced.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.comment_id or ''}".strip()


class ReaderRestriction(models.Model):
    """A ban (no end) or a suspension (until a date): the reader's new comments are hidden from others."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="discussion_restrictions")
    reason = models.CharField(max_length=300)
    until = models.DateTimeField(null=True, blank=True, help_text=_("Empty for a permanent ban."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} until {self.until or 'forever'}"

    @property
    def is_active(self) -> bool:
        return self.until is None or self.until > timezone.now()


class DiscussionSettingsForm(WagtailAdminModelForm):
    """The settings form, offering a word list for every enabled language that has none yet (a list left empty is
    not saved)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("language_word_lists")
        if formset is None or self.is_bound:
            return
        listed = {form.instance.language_code for form in formset.initial_forms}
        missing = [code for code in get_content_languages() if code not in listed]
        if missing:
            offering = type(formset.__class__.__name__, (formset.__class__,), {"extra": len(missing)})
            self.formsets["language_word_lists"] = offering(
                instance=self.instance,
                prefix=formset.prefix,
                form_kwargs=formset.form_kwargs,
                initial=[{"language_code": code} for code in missing],
            )


@register_setting(icon="comment")
class DiscussionSettings(ClusterableModel, BaseSiteSetting):
    read_only = models.BooleanField(
        _("read-only (emergency switch)"), default=False, help_text=_("Stops all new comments site-wide.")
    )
    close_after_days = models.PositiveIntegerField(
        _("close discussions after (days)"), default=14, help_text=_("0 keeps discussions open indefinitely.")
    )
    max_length = models.PositiveIntegerField(_("maximum comment length (characters)"), default=2000)
    edit_window_minutes = models.PositiveIntegerField(_("authors may edit for (minutes)"), default=15)
    trusted_after = models.PositiveIntegerField(
        _("pre-moderate new readers until they have this many approved comments"), default=2
    )
    hold_links = models.BooleanField(_("hold comments with links for review"), default=True)
    quiet_hours_start = models.TimeField(_("quiet hours start"), null=True, blank=True)
    quiet_hours_end = models.TimeField(
        _("quiet hours end"),
        null=True,
        blank=True,
        help_text=_("During quiet hours (site time zone) every new comment is pre-moderated."),
    )
    comments_per_minute = models.PositiveIntegerField(_("comments per reader per minute"), default=3)
    comments_per_hour = models.PositiveIntegerField(_("comments per reader per hour"), default=30)
    comments_per_ip_per_hour = models.PositiveIntegerField(_("comments per IP address per hour"), default=60)
    reactions_per_minute = models.PositiveIntegerField(_("likes and reports per reader per minute"), default=20)
    reactions_per_ip_per_minute = models.PositiveIntegerField(
        _("likes and reports per IP address per minute"), default=60
    )

    panels = [
        MultiFieldPanel([FieldPanel("read_only"), FieldPanel("close_after_days")], heading=_("Availability")),
        MultiFieldPanel(
            [FieldPanel("max_length"), FieldPanel("edit_window_minutes"), FieldPanel("trusted_after")],
            heading=_("Comments"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("language_word_lists", heading=_("Word lists per language"), label=_("Word list")),
                FieldPanel("hold_links"),
                FieldRowPanel([FieldPanel("quiet_hours_start"), FieldPanel("quiet_hours_end")]),
            ],
            heading=_("Automatic moderation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("comments_per_minute"),
                FieldPanel("comments_per_hour"),
                FieldPanel("comments_per_ip_per_hour"),
                FieldPanel("reactions_per_minute"),
                FieldPanel("reactions_per_ip_per_minute"),
            ],
            heading=_("Rate limits"),
        ),
    ]

    base_form_class = DiscussionSettingsForm

    class Meta:
        verbose_name = _("discussion settings")

    @cached_property
    def word_lists(self) -> dict[str, "ModerationWordList"]:
        """The word lists by language code, read when a comment is first judged (pages that only show comments
        never read them)."""
        return {word_list.language_code: word_list for word_list in self.language_word_lists.all()}

    def banned_word_list(self, language_code: str) -> list[str]:
        """The banned words for comments on articles in ``language_code``."""
        word_list = self.word_lists.get(language_code)
        return _lines(word_list.banned_words) if word_list else []

    def suspect_word_list(self, language_code: str) -> list[str]:
        """The suspect words for comments on articles in ``language_code``."""
        word_list = self.word_lists.get(language_code)
        return _lines(word_list.suspect_words) if word_list else []


def _lines(text: str) -> list[str]:
    return [line.strip().casefold() for line in text.splitlines() if line.strip()]


def content_language_choices():
    return [(code, name) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES]


class ModerationWordList(models.Model):
    """The banned and suspect words of one language: a comment is checked against the list of its article's
    language, since a word that must be stopped in one language can be innocent in another."""

    settings = ParentalKey(DiscussionSettings, on_delete=models.CASCADE, related_name="language_word_lists")
    language_code = models.CharField(_("language"), max_length=100, choices=content_language_choices)
    banned_words = models.TextField(
        _("banned words"), blank=True, help_text=_("One per line. A comment containing one is rejected.")
    )
    suspect_words = models.TextField(
        _("suspect words"), blank=True, help_text=_("One per line. A comment containing one is held for review.")
    )

    panels = [FieldPanel("language_code"), FieldPanel("banned_words"), FieldPanel("suspect_words")]

    class Meta:
        verbose_name = _("moderation word list")
        constraints = [
            models.UniqueConstraint(fields=["settings", "language_code"], name="discussion_one_word_list_per_language")
        ]
        ordering = ["language_code"]

    def __str__(self) -> str:
        return self.get_language_code_display()
