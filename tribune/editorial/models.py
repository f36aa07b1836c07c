"""The path from an expert's idea to a published article: pitches, invitations and review tasks."""

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import AbstractGroupApprovalTask, Page, Task, TaskState
from wagtail.search import index

from tribune.core.models import SocialMetaMixin
from tribune.newsroom.models import ArticlePage, SectionPage


class PitchStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    QUESTION = "question", _("Question from the editors")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Pitch(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="pitches"
    )
    working_title = models.CharField(_("working title"), max_length=160)
    summary = models.TextField(_("summary"), max_length=2000, help_text=_("What the piece will argue or explain."))
    angle = models.TextField(_("angle"), max_length=1000, help_text=_("What is new or distinctive about your take."))
    why_now = models.TextField(_("why now"), max_length=1000, help_text=_("Why readers need this piece now."))
    section = models.ForeignKey(
        SectionPage, verbose_name=_("proposed section"), on_delete=models.PROTECT, related_name="+"
    )
    expected_length = models.PositiveIntegerField(_("expected length (words)"), default=1200)
    status = models.CharField(_("status"), max_length=20, choices=PitchStatus.choices, default=PitchStatus.SUBMITTED)
    article = models.OneToOneField(
        ArticlePage,
        verbose_name=_("draft article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pitch",
    )
    created_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("pitch")
        verbose_name_plural = _("pitches")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return self.working_title

    @property
    def is_open(self) -> bool:
        return self.status in {PitchStatus.SUBMITTED, PitchStatus.QUESTION}


class PitchMessage(models.Model):
    """The conversation on a pitch: an editor's question, the contributor's answer, a decision's reason."""

    pitch = models.ForeignKey(Pitch, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"


class Invitation(models.Model):
    """An editor's invitation to an external expert; the link in the email works once, until it expires."""

    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=120)
    sections = models.ManyToManyField(SectionPage, verbose_name=_("sections"), related_name="+")
    # The invitation email's language, and the expert's email language once they accept (a code of LANGUAGES).
    language = models.CharField(_("language"), max_length=15, blank=True, default="")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitation"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    @staticmethod
    def hash_token(token: str) -> str:
        # Only a hash is stored: a leaked database does not leak working invitation links.
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def status(self) -> str:
        if self.accepted_at:
            return _("accepted")
        return _("expired") if self.is_expired else _("pending")


def section_of(obj) -> SectionPage | None:
    """The section an article (or a page under it) belongs to."""
    page = getattr(obj, "page_ptr", obj)
    return SectionPage.objects.filter(path=page.path[: -page.steplen]).first() if page.depth > 1 else None


class SectionEditorsReviewTask(Task):
    """Review by any editor of the article's own section (or a chief editor)."""

    def _can_review(self, obj, user) -> bool:
        from .roles import user_edits_section

        if user.is_superuser:
            return True
        section = section_of(obj)
        return section is not None and user_edits_section(user, section)

    def user_can_access_editor(self, obj, user):
        return self._can_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self._can_review(obj, user)

    def user_can_lock(self, obj, user):
        return self._can_review(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def on_action(self, task_state, user, action_name, **kwargs):
        # Wagtail's action URL names a page and a task state separately; decide on the task state's own object.
        if not self._can_review(task_state.workflow_state.content_object, user):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_actions(self, obj, user):
        if self._can_review(obj, user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from .roles import sections_edited_by

        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        section_paths = [section.path for section in sections_edited_by(user)]
        if not section_paths:
            return TaskState.objects.none()
        # WorkflowState.object_id is text (it points at pages and snippets alike), so compare against text ids.
        page_ids = (
            ArticlePage.objects.filter(
                models.Q(*[models.Q(path__startswith=path) for path in section_paths], _connector=models.Q.OR)
            )
            .annotate(text_id=Cast("pk", output_field=models.CharField()))
            .values("text_id")
        )
        return states.filter(workflow_state__object_id__in=page_ids)

    @classmethod
    def get_description(cls):
        return _("Editors of the article's section approve or request changes")

    class Meta:
        verbose_name = _("section editors' review")
        verbose_name_plural = _("section editors' reviews")


class SecondReviewTask(AbstractGroupApprovalTask):
    """A second approval by a group (chief editors), used by the workflow of sensitive sections."""

    @classmethod
    def get_description(cls):
        return _("Second review for sensitive sections, by the chosen groups")

    class Meta:
        verbose_name = _("second review")
        verbose_name_plural = _("second reviews")


class TranslationSync(models.Model):
    """Which revision of its source a translation was last brought in line with, and when.

    Recorded when the translation is created (Wagtail's ``copy_for_translation``, which the "Translate" action of
    ``simple_translation`` runs) and whenever a translator marks it synced. The translation is stale once its source
    has a newer published revision (``is_stale``)."""

    translation = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("translation"), on_delete=models.CASCADE, related_name="translation_sync"
    )
    source = models.ForeignKey("wagtailcore.Page", verbose_name=_("source"), on_delete=models.CASCADE, related_name="+")
    # Null when the source had no revision then, or the revision was purged: the time decides instead.
    source_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    synced_at = models.DateTimeField(_("synced"), default=timezone.now)
    synced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("translation sync")
        verbose_name_plural = _("translation syncs")

    def __str__(self) -> str:
        return f"{self.translation_id} ← {self.source_id} @ {self.source_revision_id}"

    @staticmethod
    def stale_q(prefix: str = "") -> models.Q:
        """Stale: the source is live and its live revision is newer than the one synced from (by id, which only
        grows, so no clock is trusted), or, with no revision recorded, it was published after the sync."""
        return models.Q(**{f"{prefix}source__live": True}) & (
            models.Q(**{f"{prefix}source__live_revision_id__gt": models.F(f"{prefix}source_revision_id")})
            | models.Q(
                **{
                    f"{prefix}source_revision__isnull": True,
                    f"{prefix}source__last_published_at__gt": models.F(f"{prefix}synced_at"),
                }
            )
        )

    @property
    def is_stale(self) -> bool:
        source = self.source
        if not source.live:
            return False
        if self.source_revision_id is not None and source.live_revision_id is not None:
            return source.live_revision_id > self.source_revision_id
        return bool(source.last_published_at and source.last_published_at > self.synced_at)


class MastheadPage(SocialMetaMixin, Page):
    """Who runs the outlet, listed from the roles and the in-house expert profiles, under an editable introduction.
    It lives here, beside the roles it reads (``roles.py``); the newsroom's home page names it as a child type."""

    intro = RichTextField(_("introduction"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    show_moderators = models.BooleanField(
        _("show moderators"), default=False, help_text=_("List the discussion's moderators with the editors.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("show_moderators")]
    promote_panels = SocialMetaMixin.promote_panels
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("masthead page")

    def get_context(self, request, *args, **kwargs):
        from .selectors import masthead

        context = super().get_context(request, *args, **kwargs)
        context["masthead"] = masthead(show_moderators=self.show_moderators)
        return context
