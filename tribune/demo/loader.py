"""Loads the demo outlet through the same services editors' tools use. Idempotent: keyed on slugs."""

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from allauth.account.models import EmailAddress

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models.signals import post_save
from django.utils import timezone

from wagtail.search import index as search_index
from wagtail.search.signal_handlers import post_save_signal_handler as search_index_on_save
from wagtail.signal_handlers import disable_reference_index_auto_update

from tribune.contributors.models import Contributor
from tribune.contributors.services import contributor_save
from tribune.editorial.roles import role_assign
from tribune.media.models import TribuneImage
from tribune.media.services import image_create
from tribune.newsroom import services as newsroom
from tribune.newsroom.models import ArticlePage, SectionPage
from tribune.taxonomy.models import Country
from tribune.taxonomy.services import countries_sync

from .content.articles_economy_science import ARTICLES as ECONOMY_SCIENCE
from .content.articles_world import ARTICLES as WORLD
from .content.contributors import CONTRIBUTORS
from .content.sections import HOME, SECTIONS, SERIES
from .images import demo_photo, demo_portrait

ALL_ARTICLES = [*WORLD, *ECONOMY_SCIENCE]

# Accounts for trying each side of the platform locally; refused unless DEBUG is on.
# role: None for a reader, else a role for tribune.editorial.roles.role_assign; sections: slugs or "*" for all.
DEMO_ACCOUNTS = [
    {"username": "admin", "email": "admin@example.org", "superuser": True, "role": None, "sections": []},
    {"username": "chief", "email": "chief@example.org", "superuser": False, "role": "chief", "sections": []},
    {"username": "editor", "email": "editor@example.org", "superuser": False, "role": "editor", "sections": "*"},
    {
        "username": "contributor",
        "email": "contributor@example.org",
        "superuser": False,
        "role": "contributor",
        "sections": ["politics", "opinion"],
        "profile": "amara-okafor",
    },
    {
        "username": "moderator",
        "email": "moderator@example.org",
        "superuser": False,
        "role": "moderator",
        "sections": [],
        "display_name": "Sam Whitfield",  # comments as a person, with the staff badge
    },
    {
        "username": "reader",
        "email": "reader@example.org",
        "superuser": False,
        "role": None,
        "sections": [],
        "display_name": "Lena Marsh",
    },
]
DEFAULT_DEMO_PASSWORD = "tribune-demo"  # noqa: S105 - documented local-only password, refused without DEBUG


def _paragraphs(text: str) -> str:
    from django.utils.html import escape

    return f"<p>{escape(text)}</p>"


def _image(seed: str, palette: str, **fields) -> TribuneImage:
    existing = TribuneImage.objects.filter(title=fields["title"]).first()
    return existing or image_create(file=demo_photo(seed, palette), **fields)


def body_blocks(blocks: list, contributors: dict[str, Contributor], articles: dict[str, ArticlePage]) -> list:
    """Turn the content files' (type, value) pairs into StreamField data."""
    stream = []
    for block_type, value in blocks:
        if block_type == "paragraph":
            stream.append(("paragraph", _paragraphs(value)))
        elif block_type == "heading":
            stream.append(("heading", value))
        elif block_type == "pull_quote":
            stream.append(("pull_quote", {"text": value}))
        elif block_type == "quote":
            contributor = contributors.get(value.get("contributor") or "")
            stream.append(
                (
                    "quote",
                    {
                        "text": value["text"],
                        "speaker": value["speaker"],
                        "role": value.get("role", ""),
                        "contributor": contributor,
                    },
                )
            )
        elif block_type == "key_figures":
            stream.append(
                (
                    "key_figures",
                    {"title": value["title"], "figures": value["figures"], "source": value.get("source", "")},
                )
            )
        elif block_type == "related_link" and value["article"] in articles:
            stream.append(("related_link", {"page": articles[value["article"]], "title": value.get("title", "")}))
    return stream


@contextmanager
def index_updates_deferred(*, log: Callable[[str], None] = print) -> Iterator[None]:
    """Bulk writes without a search-index and a reference-index task queued for every save (about 700 on a first
    load, each made redundant by the rebuild); then both indexes are rebuilt once. Not reentrant."""
    # Wagtail offers a switch for the reference index only; the search index's per-save receiver is unplugged.
    unplugged = [
        model for model in search_index.get_indexed_models() if post_save.disconnect(search_index_on_save, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in unplugged:
            post_save.connect(search_index_on_save, sender=model)
    log("Rebuilding search and reference indexes…")
    call_command("update_index", verbosity=0)
    call_command("rebuild_references_index", verbosity=0)


def load_demo(*, log: Callable[[str], None] = print, now: datetime.datetime | None = None) -> dict:
    """Load the demo outlet, then rebuild the search and reference indexes once."""
    with index_updates_deferred(log=log):
        return outlet_build(log=log, now=now)


def outlet_build(*, log: Callable[[str], None] = print, now: datetime.datetime | None = None) -> dict:
    """The demo outlet's sections, series, experts and articles; the indexes are the caller's (``load_demo``)."""
    now = now or timezone.now()
    countries_sync()
    home = newsroom.home_page_ensure(title=HOME["title"], tagline=HOME["tagline"])
    log(f"Home page: {home.title}")
    sections = {
        s["slug"]: newsroom.section_ensure(
            home=home, slug=s["slug"], title=s["title"], tagline=s["tagline"], description=f"<p>{s['description']}</p>"
        )
        for s in SECTIONS
    }
    log(f"Sections: {len(sections)}")
    series_index = newsroom.series_index_ensure(home=home, intro="<p>Running stories, followed over time.</p>")
    series = {
        s["slug"]: newsroom.series_ensure(
            index=series_index,
            slug=s["slug"],
            title=s["title"],
            summary=s["summary"],
            description=f"<p>{s['description']}</p>",
            image=_image(
                f"series-{s['slug']}",
                s["palette"],
                title=f"Series: {s['title']}",
                alt_text="",
                agency="Tribune Pictures",
                year_taken=now.year,
            ),
        )
        for s in SERIES
    }
    log(f"Series: {len(series)}")

    contributors = {}
    for i, data in enumerate(CONTRIBUTORS, start=1):
        existing = Contributor.objects.filter(slug=data["slug"]).first()
        if existing:
            contributors[data["slug"]] = existing
            continue
        initials = "".join(part[0] for part in data["name"].split()[:2])
        photo = TribuneImage.objects.filter(title=f"Portrait: {data['name']}").first() or image_create(
            file=demo_portrait(data["slug"], initials),
            title=f"Portrait: {data['name']}",
            alt_text=data["name"],
            agency="Tribune Pictures",
            year_taken=now.year,
        )
        contributors[data["slug"]] = contributor_save(
            slug=data["slug"],
            name=data["name"],
            role=data["role"],
            affiliation=data["affiliation"],
            short_bio=data["short_bio"],
            bio="".join(_paragraphs(p) for p in data["bio"]),
            expertise=data["expertise"],
            country=Country.objects.filter(code=data["country"]).first(),
            languages=", ".join(data["languages"]),
            links=data["links"],
            photo=photo,
            in_house=data["in_house"],
            available_for_comment=data["available_for_comment"],
        )
        log(f"Contributors: {i}/{len(CONTRIBUTORS)}")

    # Oldest first, so the newest article is published last. Related-article cards need their target to exist,
    # so articles that carry one are published again once every article is in place.
    ordered = sorted(ALL_ARTICLES, key=lambda a: -a["days_ago"])
    articles = {a.slug: a for a in ArticlePage.objects.filter(slug__in=[a["slug"] for a in ordered])}
    new_slugs = []
    for i, data in enumerate(ordered, start=1):
        if data["slug"] not in articles:
            articles[data["slug"]] = _article_publish(data, i, now, sections, series, contributors, articles)
            new_slugs.append(data["slug"])
            log(f"Articles: {len(new_slugs)} new ({i}/{len(ordered)})")
    for i, data in enumerate(ordered, start=1):
        if data["slug"] in new_slugs and any(block_type == "related_link" for block_type, _ in data["body"]):
            _article_publish(data, i, now, sections, series, contributors, articles)
    created = len(new_slugs)

    newest = sorted(articles.values(), key=lambda a: a.first_published_at, reverse=True)
    if created:
        newsroom.top_stories_set(home=home, lead=None, articles=[a for a in newest if a.kind == "analysis"][:2])
    return {"sections": len(sections), "contributors": len(contributors), "articles": len(articles), "created": created}


def _article_publish(data, i, now, sections, series, contributors, articles) -> ArticlePage:
    published_at = now - datetime.timedelta(days=data["days_ago"], hours=(i * 7) % 11, minutes=(i * 13) % 60)
    updated_days = data.get("updated_days_ago")
    image_data = data["image"]
    lead_image = _image(
        data["slug"],
        image_data["palette"],
        title=data["title"][:255],
        alt_text=image_data["alt"],
        caption=image_data["caption"],
        agency=image_data["agency"],
        photographer=image_data["photographer"],
        year_taken=image_data["year"],
        licence="All rights reserved",
    )
    return newsroom.article_publish(
        section=sections[data["section"]],
        slug=data["slug"],
        title=data["title"],
        standfirst=data["standfirst"],
        kind=data["kind"],
        body=body_blocks(data["body"], contributors, articles),
        contributors=[contributors[slug] for slug in data["contributors"]],
        topics=data["topics"],
        countries=list(Country.objects.filter(code__in=data["countries"])),
        series=series.get(data["series"] or ""),
        lead_image=lead_image,
        published_at=published_at,
        updated_at=(now - datetime.timedelta(days=updated_days)) if updated_days is not None else None,
    )


def demo_accounts_ensure(*, password: str | None = None) -> list[tuple[str, str]]:
    """Create one account per role for local trials; returns (username, role) pairs."""
    from django.conf import settings

    if not settings.DEBUG:
        raise PermissionError("Demo accounts are only created when DEBUG is on.")
    password = password or settings.TRIBUNE_DEMO_PASSWORD or DEFAULT_DEMO_PASSWORD
    User = get_user_model()
    made = []
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=account["username"],
            defaults={
                "email": account["email"],
                "is_staff": account["superuser"],
                "is_superuser": account["superuser"],
                "display_name": account.get("display_name", ""),
            },
        )
        if created:
            user.set_password(password)
            user.save()
        if account["role"]:
            sections = SectionPage.objects.all()
            if account["sections"] != "*":
                sections = sections.filter(slug__in=account["sections"])
            role_assign(user=user, role=account["role"], sections=list(sections))
        if account.get("profile"):
            Contributor.objects.filter(slug=account["profile"], user__isnull=True).update(user=user)
        # Demo email addresses count as confirmed: accounts sign in only then, and the demo reader comments at once.
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        made.append((user.username, "admin" if account["superuser"] else account["role"] or "reader"))
    return made


DEMO_COMMENTS = [
    (
        "reader",
        None,
        "The section on turnout matches what I saw as a polling-station volunteer: the queues were "
        "short in the morning and long after work.",
    ),
    ("moderator", 0, "Thanks for sharing that. Did the extended opening hours make a difference where you were?"),
    ("reader", 1, "They did: the last hour was the busiest of the day."),
    ("contributor", None, "Author here. The regional data supports this; we will follow up after the count."),
]


def demo_discussion_ensure(*, log: Callable[[str], None] = print) -> int:
    """A short, original discussion under the newest article, so the discussion is visible on first run."""
    from tribune.discussion.models import Comment, ModerationAction
    from tribune.discussion.services import comment_moderate, comment_post

    article = ArticlePage.objects.published().order_by("-first_published_at").first()
    User = get_user_model()
    admin = User.objects.filter(username="admin").first()
    if article is None or admin is None or Comment.objects.filter(article=article).exists():
        return 0
    posted = []
    for username, parent_index, body in DEMO_COMMENTS:
        author = User.objects.get(username=username)
        parent = posted[parent_index] if parent_index is not None else None
        comment = comment_post(article=article, author=author, body=body, parent=parent)
        if comment.status != "approved":
            comment_moderate(comment=comment, moderator=admin, action=ModerationAction.APPROVE)
        posted.append(comment)
    log(f"Discussion: {len(posted)} comments under “{article.title}”")
    return len(posted)
