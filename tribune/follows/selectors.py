"""Reads for follows and "My Tribune": what a reader follows, whether they follow or saved something, and the newest
published articles from what they follow, each listing with its joins chosen so its queries do not grow with it."""

from django.db.models import Q
from django.utils import translation

from tribune.contributors.models import Contributor
from tribune.newsroom import selectors as newsroom
from tribune.newsroom.models import ArticleByline, ArticlePage, ArticlePageTopic, SectionPage
from tribune.taxonomy.models import Country, Topic

from .models import TARGET_FIELDS, AlertFrequency, AlertPreference, Follow, FollowKind, SavedArticle


def public_target(kind: str, target_id: int):
    """The public object a reader may follow as ``kind``, or ``None`` (an unknown kind, id or unpublished target)."""
    queryset = {
        FollowKind.EXPERT: Contributor.objects.public(),
        FollowKind.TOPIC: Topic.objects.all(),
        FollowKind.SECTION: SectionPage.objects.live().public(),
        FollowKind.COUNTRY: Country.objects.all(),
    }.get(kind)
    return None if queryset is None else queryset.filter(pk=target_id).first()


def public_article(article_id: int) -> ArticlePage | None:
    return newsroom.published_articles().filter(pk=article_id).first()


def is_following(user, kind: str, target) -> bool:
    follows = Follow.objects.filter(user=user, kind=kind)
    if kind == FollowKind.SECTION:
        return follows.filter(section__translation_key=target.translation_key).exists()
    return follows.filter(**{TARGET_FIELDS[kind]: target}).exists()


def is_saved(user, article) -> bool:
    return SavedArticle.objects.filter(user=user, article=article).exists()


def reader_follows(user) -> list[Follow]:
    """Everything ``user`` follows, newest first, each with its target loaded."""
    return list(Follow.objects.filter(user=user).select_related(*TARGET_FIELDS.values()).order_by("-created_at", "-pk"))


def followed_articles(follows: list[Follow]):
    """The active edition's published articles by the followed experts, on the followed topics and countries, or in
    the followed sections (their page in this edition), newest first, with card data; none for no follows."""
    ids = {kind: [follow.target_id for follow in follows if follow.kind == kind] for kind in FollowKind}
    if not follows:
        return ArticlePage.objects.none()
    conditions = Q(pk__in=ArticleByline.objects.filter(contributor_id__in=ids[FollowKind.EXPERT]).values("page_id"))
    conditions |= Q(pk__in=ArticlePageTopic.objects.filter(tag_id__in=ids[FollowKind.TOPIC]).values("content_object"))
    conditions |= Q(
        pk__in=ArticlePage.countries.through.objects.filter(country_id__in=ids[FollowKind.COUNTRY]).values(
            "articlepage_id"
        )
    )
    section_keys = [follow.section.translation_key for follow in follows if follow.kind == FollowKind.SECTION]
    if section_keys:
        edition_sections = SectionPage.objects.filter(
            translation_key__in=section_keys, locale__language_code=translation.get_language()
        ).values_list("path", "depth")
        for path, depth in edition_sections:
            conditions |= Q(path__startswith=path, depth=depth + 1)
    return newsroom.with_card_data(newsroom.edition_articles().filter(conditions))


def saved_article_ids(user):
    """The ids of the published articles ``user`` saved, the latest saved first (to be paged, then given cards)."""
    published = newsroom.published_articles().values("pk")
    return (
        SavedArticle.objects.filter(user=user, article__in=published)
        .order_by("-saved_at", "-pk")
        .values_list("article_id", flat=True)
    )


def article_cards(ids) -> list[ArticlePage]:
    """Cards for these published articles, in the order of ``ids``, each with its section."""
    ids = list(ids)
    cards = {article.pk: article for article in newsroom.with_card_data(ArticlePage.objects.filter(pk__in=ids))}
    return newsroom.attach_sections([cards[pk] for pk in ids if pk in cards])


def alert_frequency(user) -> str:
    found = AlertPreference.objects.filter(user=user).values_list("frequency", flat=True).first()
    return found or AlertFrequency.OFF
