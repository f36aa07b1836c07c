"""Loads the demo outlet through the same services editors' tools use. Idempotent: keyed on slugs."""

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from allauth.account.models import EmailAddress

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models.signals import post_save
from django.utils import timezone, translation

from wagtail.models import Locale, Page
from wagtail.search import index as search_index
from wagtail.search.signal_handlers import post_save_signal_handler as search_index_on_save
from wagtail.signal_handlers import disable_reference_index_auto_update

from tribune.analysis import services as analysis_services
from tribune.analysis.conf import analysis_deferred
from tribune.analysis.models import Decision, FigureMention
from tribune.contributors.models import Contributor, Expertise
from tribune.contributors.services import contributor_save
from tribune.editorial.roles import role_assign
from tribune.media.models import TribuneImage
from tribune.media.services import image_create
from tribune.newsroom import services as newsroom
from tribune.newsroom.models import ArticlePage, HomePage, SectionPage, SeriesIndexPage, SeriesPage
from tribune.taxonomy.models import Country, Topic
from tribune.taxonomy.services import countries_sync

from .content.articles_economy_science import ARTICLES as ECONOMY_SCIENCE
from .content.articles_world import ARTICLES as WORLD
from .content.contributors import CONTRIBUTORS
from .content.edition_hi import EDITION as HINDI_EDITION
from .content.edition_ru import EDITION as RUSSIAN_EDITION
from .content.edition_ru import EDITION_CONTRIBUTORS as RUSSIAN_EDITION_CONTRIBUTORS
from .content.fronts import front_build
from .content.sections import HOME, SECTIONS, SERIES
from .content.trust_pages import trust_pages_build
from .content.trust_pages_editions import TRUST_PAGES as EDITION_TRUST_PAGES
from .images import GRAPHICS, ILLUSTRATION, Artwork, lead_artwork, portrait_artwork, series_artwork

ALL_ARTICLES = [*WORLD, *ECONOMY_SCIENCE]

# The language editions the demo can load, each only when its language is enabled (settings.LANGUAGES, from
# TRIBUNE_LANGUAGES), with the experts who join the outlet with it.
EDITIONS = {"hi": HINDI_EDITION, "ru": RUSSIAN_EDITION}
EDITION_CONTRIBUTORS = {"ru": RUSSIAN_EDITION_CONTRIBUTORS}
# A translation goes out a few hours after its source, as a translation desk's would.
TRANSLATION_DELAY = datetime.timedelta(hours=5)

# Accounts for trying each side of the platform locally; refused unless DEBUG is on.
# role: None for a reader, else a role for tribune.editorial.roles.role_assign; sections: slugs or "*" for all.
DEMO_ACCOUNTS = [
    {"username": "admin", "email": "admin@example.org", "superuser": True, "role": None, "sections": []},
    # The chief and the section editor have names of their own, so the masthead (built from the roles) lists them.
    {
        "username": "chief",
        "email": "chief@example.org",
        "superuser": False,
        "role": "chief",
        "sections": [],
        "display_name": "Miriam Achterberg",
    },
    {
        "username": "editor",
        "email": "editor@example.org",
        "superuser": False,
        "role": "editor",
        "sections": "*",
        "display_name": "Kwame Asante-Boateng",
    },
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


def _image(artwork: Artwork, *, title: str) -> TribuneImage:
    existing = TribuneImage.objects.filter(title=title).first()
    return existing or image_create(file=artwork.make(), title=title, **artwork.fields)


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
                        "on_record": value.get("on_record", True),
                        "speaker": value.get("speaker", ""),
                        "source_description": value.get("source_description", ""),
                        "role": value.get("role", ""),
                        "contributor": contributor,
                        "speaker_entity": value.get("speaker_entity", ""),
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
    load, each made redundant by the rebuild), nor an analysis task per article; then the articles are analysed in
    this process and both indexes are rebuilt once. Not reentrant."""
    # Wagtail offers a switch for the reference index only; the search index's per-save receiver is unplugged.
    unplugged = [
        model for model in search_index.get_indexed_models() if post_save.disconnect(search_index_on_save, sender=model)
    ]
    try:
        with analysis_deferred(), disable_reference_index_auto_update():
            yield
            log("Analysing the articles (entities, quotes, figures)…")
            call_command("analyse_archive", verbosity=0, terms=True)  # terms: weighed with the whole archive's
            figures_accept(log=log)
    finally:
        for model in unplugged:
            post_save.connect(search_index_on_save, sender=model)
    log("Rebuilding search and reference indexes…")
    call_command("update_index", verbosity=0)
    call_command("rebuild_references_index", verbosity=0)


# The figures the desk checked and accepted: the dossiers' "key figures cited over time" show only those.
FIGURES_ACCEPTED_IN = [
    "pakistan-russia-clearing-account-wheat-fuel",
    "pakistan-russia-oil-payment-channel-discount",
    "kenya-tanzania-border-lorry-queues-agreement",
]


def figures_accept(*, log: Callable[[str], None] = print) -> None:
    """Accept, as the demo's editor, the figures the analysis found in the dossiers' articles."""
    editor = get_user_model().objects.filter(username="editor").first()
    figures = FigureMention.objects.filter(article__slug__in=FIGURES_ACCEPTED_IN, status=Decision.SUGGESTED)
    for figure in figures.select_related("article"):
        analysis_services.figure_decision_record(figure=figure, status=Decision.ACCEPTED, user=editor)
    log("Figures in the dossiers' articles accepted.")


def load_demo(
    *, log: Callable[[str], None] = print, now: datetime.datetime | None = None, article_data: list[dict] = ALL_ARTICLES
) -> dict:
    """Load the demo outlet, then analyse the articles and rebuild the search and reference indexes once."""
    with index_updates_deferred(log=log):
        return outlet_build(log=log, now=now, article_data=article_data)


def outlet_build(
    *, log: Callable[[str], None] = print, now: datetime.datetime | None = None, article_data: list[dict] = ALL_ARTICLES
) -> dict:
    """The demo outlet's sections, series, experts and articles, then its enabled language editions; the indexes
    are the caller's (``load_demo``). ``article_data`` narrows the English articles (tests load a few)."""
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
            image=_image(series_artwork(s["slug"], year=now.year), title=f"Series: {s['title']}"),
        )
        for s in SERIES
    }
    log(f"Series: {len(series)}")

    contributors = {}
    for i, data in enumerate(CONTRIBUTORS, start=1):
        contributors[data["slug"]] = _contributor_ensure(data, now)
        log(f"Contributors: {i}/{len(CONTRIBUTORS)}")

    # Oldest first, so the newest article is published last. Related-article cards need their target to exist,
    # so articles that carry one are published again once every article is in place.
    ordered = sorted(article_data, key=lambda a: -a["days_ago"])
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
        front_build(home)
    trust_pages_build(home=home, log=log)
    editions = {code: edition_build(code, home=home, now=now, log=log) for code in enabled_editions()}
    from .readers import readers_build

    readers = readers_build(now=now, log=log)
    return {
        "sections": len(sections),
        "contributors": len(contributors),
        "articles": len(articles),
        "created": created,
        "editions": editions,
        "readers": readers,
    }


def _contributor_ensure(data: dict, now: datetime.datetime) -> Contributor:
    existing = Contributor.objects.filter(slug=data["slug"]).first()
    if existing:
        return existing
    portrait = portrait_artwork(data["slug"], data["name"], year=now.year)
    photo = _image(portrait, title=f"Portrait: {data['name']}")
    return contributor_save(
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


def enabled_editions() -> list[str]:
    """The demo editions whose language is enabled, in the order of ``settings.LANGUAGES``."""
    return [code for code, _name in settings.LANGUAGES if code in EDITIONS]


def edition_build(
    code: str, *, home: HomePage, now: datetime.datetime, log: Callable[[str], None] = print
) -> dict[str, int]:
    """One language edition of the demo outlet, translated from the English pages with Wagtail's
    ``copy_for_translation``: its home page, sections and series, the translations of a few articles (those whose
    source is loaded) and the edition's own originals; its authors' profiles and its topics in its language.
    Idempotent: an existing translation or original is kept, and a profile's or topic's translated field is never
    rewritten."""
    content = EDITIONS[code]
    locale, _created = Locale.objects.get_or_create(language_code=code)
    edition_home = _translation_ensure(home, locale, content["home"])
    sections = {
        section.slug: _translation_ensure(section, locale, _with_rich_description(content["sections"][section.slug]))
        for section in SectionPage.objects.child_of(home)
        if section.slug in content["sections"]
    }
    series = {}
    series_index = SeriesIndexPage.objects.child_of(home).first()
    if series_index is not None:
        _translation_ensure(
            series_index, locale, {**content["series_index"], "intro": f"<p>{content['series_index']['intro']}</p>"}
        )
        series = {
            source.slug: _translation_ensure(source, locale, _with_rich_description(content["series"][source.slug]))
            for source in SeriesPage.objects.child_of(series_index)
            if source.slug in content["series"]
        }

    trust_pages = _trust_pages_translate(home, locale, EDITION_TRUST_PAGES.get(code, {}))

    contributors = {c.slug: c for c in Contributor.objects.all()}
    for data in EDITION_CONTRIBUTORS.get(code, []):
        contributors[data["slug"]] = _contributor_ensure(data, now)

    edition_articles, translated, originals = [], 0, 0
    for data in content["translations"]:
        source = ArticlePage.objects.filter(
            locale__language_code=home.locale.language_code, slug=data["source"]
        ).first()
        if source is None:
            continue
        translation = source.get_translation_or_none(locale)
        if translation is None:
            translation = _article_translate(source, locale, data, contributors, now)
            translated += 1
        edition_articles.append(translation)
    for i, data in enumerate(content["originals"], start=1):
        section = sections[data["section"]]
        original = ArticlePage.objects.child_of(section).filter(slug=data["slug"]).first()
        if original is None:
            original = _article_publish(data, i, now, sections, series, contributors, {})
            originals += 1
        edition_articles.append(original)
    # After the originals, whose topics may be new.
    profiles = _profiles_translate(code, content["profiles"])
    topics = _names_translate(Topic, code, content["topics"])
    _names_translate(Expertise, code, content["expertise"])

    if translated or originals:
        newest = sorted(edition_articles, key=lambda a: a.first_published_at, reverse=True)
        # A fresh copy of the home page: publishing the one read before its sections were filed under it would write
        # back its old count of children (treebeard's numchild), and Wagtail would then list none of them.
        edition_home = HomePage.objects.get(pk=edition_home.pk)
        newsroom.top_stories_set(home=edition_home, lead=None, articles=[a for a in newest if a.kind == "analysis"][:2])
    log(
        f"Edition {code}: {len(sections)} sections, {translated} new translations, {originals} new originals, "
        f"{trust_pages} trust pages, {profiles} profiles and {topics} topics translated"
    )
    return {
        "sections": len(sections),
        "translated": translated,
        "originals": originals,
        "trust_pages": trust_pages,
        "profiles": profiles,
        "topics": topics,
    }


def _trust_pages_translate(home: HomePage, locale: Locale, texts: dict[str, dict]) -> int:
    """The edition's own About, masthead, standards, corrections policy, contact, privacy and terms pages: the English
    pages under ``home`` translated with the demo's text (the footer and the publisher's structured data then link
    each edition's own). Returns how many were new."""
    made = 0
    for page in Page.objects.child_of(home).filter(slug__in=texts).specific():
        made += page.get_translation_or_none(locale) is None
        _translation_ensure(page, locale, {name: value.strip() for name, value in texts[page.slug].items()})
    return made


def _untranslated(stored, language: str, text: dict[str, str]) -> dict[str, str]:
    """The fields of ``text`` that ``stored`` (an object's ``translations``) has no text for in ``language`` yet:
    the demo fills gaps and never overwrites what an editor has written since."""
    existing = (stored.get(language) if isinstance(stored, dict) else None) or {}
    return {field: value for field, value in text.items() if not (existing.get(field) or "").strip()}


def _translation_added(stored, language: str, text: dict[str, str]) -> dict:
    stored = dict(stored) if isinstance(stored, dict) else {}
    return {**stored, language: {**(stored.get(language) or {}), **text}}


def _profiles_translate(code: str, profiles: dict[str, dict]) -> int:
    """Write the edition's text of the demo experts' profiles into their ``translations``, published as a new
    revision like every other change to a profile; returns how many profiles changed."""
    changed = 0
    for contributor in Contributor.objects.filter(slug__in=profiles):
        # Publishing would bury an editor's pending draft under a newer revision, or put a withdrawn profile back.
        if not contributor.live or contributor.has_unpublished_changes:
            continue
        text = {**profiles[contributor.slug], "bio": "".join(_paragraphs(p) for p in profiles[contributor.slug]["bio"])}
        missing = _untranslated(contributor.translations, code, text)
        if missing:
            contributor.translations = _translation_added(contributor.translations, code, missing)
            contributor.save_revision().publish()
            changed += 1
    return changed


def _names_translate(model, code: str, names: dict[str, dict]) -> int:
    """Write the edition's names of the demo topics or areas of expertise (keyed by their English name) into their
    ``translations``; neither has revisions. Returns how many changed; those of content not loaded are skipped."""
    changed = 0
    for named in model.objects.filter(name__in=names):
        missing = _untranslated(named.translations, code, names[named.name])
        if missing:
            named.translations = _translation_added(named.translations, code, missing)
            named.save(update_fields=["translations"])
            changed += 1
    return changed


def _with_rich_description(fields: dict) -> dict:
    return {**fields, "description": f"<p>{fields['description']}</p>"}


def _translation_ensure(source: Page, locale: Locale, fields: dict) -> Page:
    """The page's translation into ``locale`` with the demo's text, published. A translation that an editor (or
    ``add_edition``) already made is filled in only while it still carries the source's title untranslated."""
    translation = source.get_translation_or_none(locale)
    if translation is None:
        translation = source.copy_for_translation(locale, copy_parents=True)
        # The copy is saved under the source's title. Nothing is filed under it yet, so its own title is written
        # without the save signals: a retitled section or series would queue a search re-index of its articles.
        type(translation).objects.filter(pk=translation.pk).update(title=fields["title"])
        if isinstance(translation, HomePage):
            # The copy would lead the edition with the English front page's picks; its own are set once it has articles.
            translation.lead_story, translation.top_story_picks = None, []
    else:
        translation = translation.specific
        if translation.title != source.title:
            return translation
        # An alias (made when a page below was translated first) becomes a page of its own before it is translated.
        translation.alias_of = None
    for name, value in fields.items():
        setattr(translation, name, value)
    return _publish_at(translation, None)


def _article_translate(
    source: ArticlePage, locale: Locale, data: dict, contributors: dict[str, Contributor], now: datetime.datetime
) -> ArticlePage:
    """Translate a published article: the copy keeps its lead image, bylines, topics and countries; the text is the
    translation's, and it follows its source's series into the edition."""
    translation = source.copy_for_translation(locale, copy_parents=True)
    translation.title = data["title"]
    translation.standfirst = data["standfirst"]
    picture = _edition_picture(source, locale.language_code)
    translation.lead_image_caption, translation.lead_image_alt = (
        (data["lead_image_caption"], "") if picture is None else picture
    )
    translation.body = body_blocks(data["body"], contributors, {})
    translation.series = source.series.get_translation_or_none(locale) if source.series else None
    return _publish_at(translation, min(source.first_published_at + TRANSLATION_DELAY, now))


# The caption and description of a drawn lead image in each edition: the image's own are English, and the edition
# files' captions describe photographs.
EDITION_PICTURE_WORDS = {
    "hi": {
        "map": "{names}: इस लेख में शामिल देश।",
        "map_alt": "मानचित्र: {names}",
        "chart": "इस लेख के प्रमुख आँकड़े।",
        "chart_alt": "इस लेख के प्रमुख आँकड़ों का बार चार्ट",
        "illustration_alt": "अमूर्त चित्रण",
        "and": " और ",
    },
    "ru": {
        "map": "{names}: страны, о которых эта статья.",
        "map_alt": "Карта: {names}",
        "chart": "Ключевые цифры этой статьи.",
        "chart_alt": "Столбчатая диаграмма ключевых цифр этой статьи",
        "illustration_alt": "Абстрактная иллюстрация",
        "and": " и ",
    },
}


def _edition_picture(source: ArticlePage, language: str) -> tuple[str, str] | None:
    """The translation's caption and description of the picture the demo drew: a map's countries, a chart's subject,
    no caption for an abstract composition (as in English); None leaves the edition file's caption and the image's
    own description (a photograph's)."""
    words, image = EDITION_PICTURE_WORDS.get(language), source.lead_image
    if words is None or image is None:
        return None
    if image.photographer == ILLUSTRATION:
        return "", words["illustration_alt"]
    if image.agency != GRAPHICS:
        return None
    if not image.photographer.startswith("Map"):
        return words["chart"], words["chart_alt"]
    with translation.override(language):
        names = [country.local_name for country in source.countries.all()]
    listed = words["and"].join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)
    return (words["map"].format(names=listed), words["map_alt"].format(names=listed)) if listed else None


def _publish_at(page: Page, published_at: datetime.datetime | None) -> Page:
    page.save_revision().publish()
    if published_at is not None:
        # Back-dated like the English demo articles, so the edition reads as a running publication.
        type(page).objects.filter(pk=page.pk).update(first_published_at=published_at, last_published_at=published_at)
        page.first_published_at = page.last_published_at = published_at
    return page


def _article_publish(data, i, now, sections, series, contributors, articles) -> ArticlePage:
    published_at = now - datetime.timedelta(days=data["days_ago"], hours=(i * 7) % 11, minutes=(i * 13) % 60)
    updated_days = data.get("updated_days_ago")
    lead_image = _image(lead_artwork(data, year=now.year), title=data["title"][:255])
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
