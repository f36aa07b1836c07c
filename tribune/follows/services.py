"""Writes for follows and saved articles. Each is idempotent: following twice, or unsaving what was never saved,
leaves one row or none and is not an error, so a double click or a replayed form changes nothing more."""

from django.db import IntegrityError, transaction

from tribune.newsroom.models import ArticlePage

from .models import TARGET_FIELDS, AlertFrequency, AlertPreference, Follow, FollowKind, SavedArticle


def _target_filter(kind: str, target) -> dict:
    if kind == FollowKind.SECTION:
        # A section is one page per edition: following it in one language follows it in all, so the translations
        # share one state (see ``follow_remove`` and ``selectors.is_following``).
        return {"section__translation_key": target.translation_key}
    return {TARGET_FIELDS[kind]: target}


def follow_add(*, user, kind: FollowKind, target) -> Follow:
    """``user`` follows ``target`` (a Contributor, Topic, SectionPage or Country, as ``kind`` says)."""
    existing = Follow.objects.filter(user=user, kind=kind, **_target_filter(kind, target)).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Follow.objects.create(user=user, kind=kind, **{TARGET_FIELDS[kind]: target})
    except IntegrityError:  # the same follow, posted twice at once
        return Follow.objects.get(user=user, kind=kind, **{TARGET_FIELDS[kind]: target})


def follow_remove(*, user, kind: FollowKind, target) -> int:
    """``user`` no longer follows ``target``; the number of follows removed (0 when there was none)."""
    deleted, _by_model = Follow.objects.filter(user=user, kind=kind, **_target_filter(kind, target)).delete()
    return deleted


def article_save(*, user, article: ArticlePage) -> SavedArticle:
    saved, _created = SavedArticle.objects.get_or_create(user=user, article=article)
    return saved


def article_unsave(*, user, article: ArticlePage) -> int:
    deleted, _by_model = SavedArticle.objects.filter(user=user, article=article).delete()
    return deleted


def alerts_set(*, user, frequency: AlertFrequency) -> AlertPreference:
    """Choose whether ``user`` hears by email about new articles from what they follow."""
    preference, _created = AlertPreference.objects.update_or_create(user=user, defaults={"frequency": frequency})
    return preference
