"""Writes for the editorial path. Each function checks who may act, then acts; errors are the constants below."""

import datetime
import secrets

from allauth.account.models import EmailAddress

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale, Page

from tribune.accounts.mail import edition_language
from tribune.contributors.models import Contributor
from tribune.contributors.services import contributor_save
from tribune.newsroom.models import ArticleByline, ArticlePage, SectionPage

from . import notifications
from .models import Invitation, MastheadPage, Pitch, PitchMessage, PitchStatus, TranslationSync
from .roles import role_assign, sections_open_to, user_edits_section

INVITATION_VALID_DAYS = 14
PITCH_MIN_WORDS = 300
PITCH_MAX_WORDS = 10000

NOT_ASSIGNED_TO_SECTION = "You are not assigned to this section."
NOT_AN_EDITOR_OF_SECTION = "Only editors of this section can decide on this pitch."
NOT_YOUR_PITCH = "Only the author can do this."
PITCH_NOT_OPEN = "This pitch has already been decided."
REASON_REQUIRED = "Please give a reason."
QUESTION_REQUIRED = "Please write your question."
REPLY_REQUIRED = "Please write your reply."
LENGTH_OUT_OF_RANGE = "Expected length must be between {min} and {max} words."
SECTIONS_REQUIRED = "Choose at least one section."
INVITATION_INVALID = "This invitation link is not valid."
INVITATION_EXPIRED = "This invitation has expired. Ask the editor who invited you for a new one."
INVITATION_USED = "This invitation has already been used. Sign in with the password you chose."
EMAIL_TAKEN = "An account with this email address already exists."


def pitch_decision_check(*, pitch: Pitch, editor) -> None:
    """May ``editor`` accept, decline or question ``pitch`` now? PermissionDenied or ValidationError if not."""
    if not user_edits_section(editor, pitch.section):
        raise PermissionDenied(NOT_AN_EDITOR_OF_SECTION)
    if not pitch.is_open:
        raise ValidationError(PITCH_NOT_OPEN)


def pitch_author_check(*, pitch: Pitch, author) -> None:
    """May ``author`` reply to or withdraw ``pitch`` now? PermissionDenied or ValidationError if not."""
    if pitch.author_id != author.pk:
        raise PermissionDenied(NOT_YOUR_PITCH)
    if not pitch.is_open:
        raise ValidationError(PITCH_NOT_OPEN)


def _message(pitch: Pitch, author, text: str) -> None:
    if text:
        PitchMessage.objects.create(pitch=pitch, author=author, text=text)


@transaction.atomic
def pitch_submit(
    *, author, working_title: str, summary: str, angle: str, why_now: str, section: SectionPage, expected_length: int
) -> Pitch:
    if section.pk not in {s.pk for s in sections_open_to(author)}:
        raise PermissionDenied(NOT_ASSIGNED_TO_SECTION)
    if not PITCH_MIN_WORDS <= expected_length <= PITCH_MAX_WORDS:
        raise ValidationError({"expected_length": LENGTH_OUT_OF_RANGE.format(min=PITCH_MIN_WORDS, max=PITCH_MAX_WORDS)})
    pitch = Pitch(
        author=author,
        working_title=working_title,
        summary=summary,
        angle=angle,
        why_now=why_now,
        section=section,
        expected_length=expected_length,
    )
    pitch.full_clean()
    pitch.save()
    transaction.on_commit(lambda: notifications.pitch_submitted(pitch))
    return pitch


@transaction.atomic
def pitch_accept(*, pitch: Pitch, editor, message: str = "") -> ArticlePage:
    """Accept the pitch: a draft article in its section, owned by the author, with the pitch attached."""
    pitch_decision_check(pitch=pitch, editor=editor)
    profile = Contributor.objects.filter(user=pitch.author).first()
    article = ArticlePage(
        title=pitch.working_title,
        slug=_free_slug(pitch.section, pitch.working_title),
        standfirst=pitch.summary[:400],
        owner=pitch.author,
        live=False,
        bylines=[ArticleByline(contributor=profile, sort_order=0)] if profile else [],
    )
    pitch.section.add_child(instance=article)
    article.save_revision(user=editor, log_action=True)
    pitch.status, pitch.article = PitchStatus.ACCEPTED, article
    pitch.save(update_fields=["status", "article", "updated_at"])
    _message(pitch, editor, message)
    transaction.on_commit(lambda: notifications.pitch_decided(pitch, message))
    return article


def _unused_slug(text: str, *, fallback: str, max_length: int, taken) -> str:
    """``slugify(text)``, with -2, -3… appended until ``taken`` (a queryset) has no row with that slug."""
    base = slugify(text)[:max_length] or fallback
    slug, n = base, 2
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _free_slug(section: SectionPage, title: str) -> str:
    return _unused_slug(title, fallback="article", max_length=70, taken=ArticlePage.objects.child_of(section))


def _pitch_move(pitch: Pitch, *, status: str, actor, text: str, required: str, notify) -> Pitch:
    """Move the pitch to ``status`` with a (required) message from ``actor``, then tell the other side."""
    text = text.strip()
    if not text:
        raise ValidationError(required)
    pitch.status = status
    pitch.save(update_fields=["status", "updated_at"])
    _message(pitch, actor, text)
    transaction.on_commit(lambda: notify(pitch, text))
    return pitch


@transaction.atomic
def pitch_decline(*, pitch: Pitch, editor, reason: str) -> Pitch:
    pitch_decision_check(pitch=pitch, editor=editor)
    return _pitch_move(
        pitch,
        status=PitchStatus.DECLINED,
        actor=editor,
        text=reason,
        required=REASON_REQUIRED,
        notify=notifications.pitch_decided,
    )


@transaction.atomic
def pitch_ask(*, pitch: Pitch, editor, question: str) -> Pitch:
    pitch_decision_check(pitch=pitch, editor=editor)
    return _pitch_move(
        pitch,
        status=PitchStatus.QUESTION,
        actor=editor,
        text=question,
        required=QUESTION_REQUIRED,
        notify=notifications.pitch_decided,
    )


@transaction.atomic
def pitch_reply(*, pitch: Pitch, author, text: str) -> Pitch:
    pitch_author_check(pitch=pitch, author=author)
    return _pitch_move(
        pitch,
        status=PitchStatus.SUBMITTED,
        actor=author,
        text=text,
        required=REPLY_REQUIRED,
        notify=notifications.pitch_answered,
    )


@transaction.atomic
def pitch_withdraw(*, pitch: Pitch, author) -> Pitch:
    pitch_author_check(pitch=pitch, author=author)
    pitch.status = PitchStatus.WITHDRAWN
    pitch.save(update_fields=["status", "updated_at"])
    return pitch


@transaction.atomic
def invitation_create(
    *, email: str, name: str, sections: list[SectionPage], invited_by, language: str = ""
) -> tuple[Invitation, str]:
    """Invite an expert, in ``language`` (default: the outlet's); returns the invitation and the one-time token (only
    its hash is stored)."""
    for section in sections:
        if not user_edits_section(invited_by, section):
            raise PermissionDenied(NOT_AN_EDITOR_OF_SECTION)
    if not sections:
        raise ValidationError({"sections": SECTIONS_REQUIRED})
    email = get_user_model().objects.normalize_email(email).lower()
    if get_user_model().objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": EMAIL_TAKEN})
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        name=name,
        invited_by=invited_by,
        language=edition_language(language) or settings.LANGUAGE_CODE,
        token_hash=Invitation.hash_token(token),
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_VALID_DAYS),
    )
    invitation.full_clean(exclude=["token_hash"])
    invitation.save()
    invitation.sections.set(sections)
    transaction.on_commit(lambda: notifications.invitation_sent(invitation, token))
    return invitation, token


def invitation_check(token: str) -> Invitation:
    """The invitation behind ``token``, or a ValidationError saying plainly why it cannot be used."""
    invitation = Invitation.objects.filter(token_hash=Invitation.hash_token(token or "")).first()
    if invitation is None:
        raise ValidationError(INVITATION_INVALID, code="invalid")
    if invitation.accepted_at:
        raise ValidationError(INVITATION_USED, code="used")
    if invitation.is_expired:
        raise ValidationError(INVITATION_EXPIRED, code="expired")
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, password: str):
    """Create the expert's account (contributor role in the invited sections) and a draft profile."""
    invitation = invitation_check(token)
    # Lock the row so a double submit cannot create two accounts.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError(INVITATION_USED, code="used")
    User = get_user_model()
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(EMAIL_TAKEN, code="email_taken")
    first, _, last = invitation.name.partition(" ")
    user = User(
        username=invitation.email,
        email=invitation.email,
        first_name=first,
        last_name=last,
        language=edition_language(invitation.language) or "",
    )
    validate_password(password, user)
    user.set_password(password)
    user.save()
    # The one-time link was mailed to this address: it is confirmed, so later sign-ins need no confirmation step.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    role_assign(user=user, role="contributor", sections=list(invitation.sections.all()))
    contributor_save(slug=_free_contributor_slug(invitation.name), name=invitation.name, user=user, publish=False)
    invitation.accepted_at, invitation.user = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "user"])
    return user


def _free_contributor_slug(name: str) -> str:
    return _unused_slug(name, fallback="expert", max_length=100, taken=Contributor.objects.all())


# Translations kept in step with their sources

NOT_A_TRANSLATION = "This page is not a translation: it has no source to sync with."
MAY_NOT_SYNC = "You may not edit this translation."


def translation_source(translation: Page) -> Page | None:
    """The page a translation was made from: the one recorded when it was created or last synced, else its version
    in the default language (an edition's own original has neither)."""
    sync = TranslationSync.objects.filter(translation_id=translation.pk).select_related("source").first()
    if sync is not None:
        return sync.source
    default = Locale.get_default()
    if translation.locale_id == default.pk:
        return None
    return Page.objects.filter(translation_key=translation.translation_key, locale=default).first()


def translation_sync_record(*, translation: Page, source: Page, user=None) -> TranslationSync:
    """Record that ``translation`` now matches ``source`` as published (its latest revision if it is not live)."""
    state = Page.objects.filter(pk=source.pk).values("live", "live_revision_id", "latest_revision_id").get()
    revision_id = state["live_revision_id"] if state["live"] else state["latest_revision_id"]
    sync, _ = TranslationSync.objects.update_or_create(
        translation_id=translation.pk,
        defaults={
            "source_id": source.pk,
            "source_revision_id": revision_id,
            "synced_at": timezone.now(),
            "synced_by": user,
        },
    )
    return sync


def translation_sync_check(*, translation: Page, user) -> Page:
    """Who may mark a translation synced: those who may edit it. Returns its source."""
    if not translation.permissions_for_user(user).can_edit():
        raise PermissionDenied(MAY_NOT_SYNC)
    source = translation_source(translation)
    if source is None:
        raise ValidationError(NOT_A_TRANSLATION)
    return source


@transaction.atomic
def translation_mark_synced(*, translation: Page, user) -> TranslationSync:
    """A translator brought the translation in line with its source's current published version."""
    source = translation_sync_check(translation=translation, user=user)
    return translation_sync_record(translation=translation, source=source, user=user)


def masthead_page_ensure(*, home, slug: str, title: str, intro: str, show_moderators: bool = False) -> MastheadPage:
    """The home page's masthead page, created and published if missing (an existing one is the editors')."""
    page = MastheadPage.objects.child_of(home).first()
    if page is None:
        page = home.add_child(
            instance=MastheadPage(title=title, slug=slug, intro=intro, show_moderators=show_moderators)
        )
        page.save_revision(log_action=True).publish()
    return page
