"""RSS and Atom feeds: what each lists, in what order, what they never list, and that readers can find them."""

import calendar
import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup

from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import PageViewRestriction

from tests.factories import make_article, make_contributor
from tribune.newsroom.models import ArticleByline, ArticlePage
from tribune.newsroom.services import section_ensure

FEED_FORMATS = ["rss", "atom"]
HOSTILE_TITLE = "Votes & vetoes <script>alert(1)</script>\x0b \"quoted\" 'single' \x1f🗳️ انتخابات בחירות"
# Every character kept, but no tag opened: some feed readers show titles as HTML (core.text.plain_text).
HOSTILE_TITLE_AS_READ = "Votes & vetoes < script>alert(1)< /script> \"quoted\" 'single' 🗳️ انتخابات בחירות"


def hours_ago(hours: float) -> datetime.datetime:
    """A whole-second timestamp, so dates compare exactly once a feed or JSON has rounded them."""
    return timezone.now().replace(microsecond=0) - datetime.timedelta(hours=hours)


# Ways an article can exist without being out: each mirrors what Wagtail's admin does.


def make_draft_article(section, *, title: str, contributors: list, topics: list[str] = ()) -> ArticlePage:
    """Created and saved as a draft, never published (the admin creates new pages with live=False)."""
    draft = ArticlePage(title=title, slug=slugify(title), standfirst="Draft.", live=False)
    draft.bylines = [ArticleByline(contributor=c, sort_order=i) for i, c in enumerate(contributors)]
    draft.topics.add(*topics)
    section.add_child(instance=draft)
    draft.save_revision()
    return draft


def make_unpublished_article(section, **fields) -> ArticlePage:
    article = make_article(section, **fields)
    article.unpublish()
    return article


def make_scheduled_article(section, *, title: str, contributors: list, topics: list[str] = ()) -> ArticlePage:
    """Published with a go-live date tomorrow: Wagtail keeps it off the site and schedules the revision."""
    page = ArticlePage(
        title=title,
        slug=slugify(title),
        standfirst="Coming soon.",
        go_live_at=timezone.now() + datetime.timedelta(days=1),
    )
    page.bylines = [ArticleByline(contributor=c, sort_order=i) for i, c in enumerate(contributors)]
    page.topics.add(*topics)
    section.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live and page.first_published_at is None, "precondition: Wagtail scheduled rather than published"
    return page


def make_private_article(section, **fields) -> ArticlePage:
    article = make_article(section, **fields)
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="s3cret")
    return article


def make_hidden_articles(section, *, contributor, topic: str = "elections") -> list[ArticlePage]:
    """One article in each state readers must not see, all by ``contributor``, in ``section``, tagged ``topic``."""
    byline = {"contributors": [contributor], "topics": [topic]}
    return [
        make_draft_article(section, title="Hidden draft", **byline),
        make_unpublished_article(section, title="Hidden unpublished", published_at=hours_ago(2), **byline),
        make_scheduled_article(section, title="Hidden scheduled", **byline),
        make_article(
            section, title="Hidden embargoed", published_at=timezone.now() + datetime.timedelta(days=1), **byline
        ),
        make_private_article(section, title="Hidden private", published_at=hours_ago(2), **byline),
    ]


def fetch_feed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, f"{url} is not a well-formed feed: {feed.get('bozo_exception')!r}"
    return feed


def titles(feed) -> list[str]:
    return [entry.title for entry in feed.entries]


def published_timestamp(entry) -> int:
    return calendar.timegm(entry.published_parsed)


def feed_url(kind: str, slug: str, feed_format: str) -> str:
    return f"/feeds/{kind}/{slug}/{feed_format}/"


@pytest.fixture
def second_expert(db):
    return make_contributor(slug="bruno-second", name="Bruno Second", affiliation="Second Institute")


@pytest.fixture
def newsroom(section, other_section, contributor, second_expert):
    """Three articles across two sections: the newest co-written, in byline order Bruno then Amara."""
    return {
        "oldest": make_article(
            section,
            title="Oldest analysis",
            contributors=[contributor],
            topics=["elections"],
            published_at=hours_ago(30),
        ),
        "newest": make_article(
            section,
            title="Newest analysis",
            contributors=[second_expert, contributor],
            topics=["elections", "courts"],
            published_at=hours_ago(1),
        ),
        "elsewhere": make_article(
            other_section,
            title="Opinion elsewhere",
            contributors=[second_expert],
            topics=["courts"],
            published_at=hours_ago(5),
        ),
    }


@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_site_feed_lists_every_published_article_newest_first_with_links_authors_and_dates(
    client, newsroom, feed_format
):
    feed = fetch_feed(client, f"/feeds/{feed_format}/")

    assert titles(feed) == ["Newest analysis", "Opinion elsewhere", "Oldest analysis"]
    newest = feed.entries[0]
    assert newest.link == "http://testserver" + newsroom["newest"].url
    assert newest.author == "Bruno Second, Amara Test"
    assert published_timestamp(newest) == newsroom["newest"].first_published_at.timestamp()
    assert published_timestamp(feed.entries[2]) == newsroom["oldest"].first_published_at.timestamp()
    assert feed.feed.title == "Tribune"


@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_section_feed_lists_only_that_sections_articles(client, newsroom, section, feed_format):
    feed = fetch_feed(client, feed_url("sections", section.slug, feed_format))

    assert titles(feed) == ["Newest analysis", "Oldest analysis"]
    assert [entry.link for entry in feed.entries] == [
        "http://testserver" + newsroom["newest"].url,
        "http://testserver" + newsroom["oldest"].url,
    ]
    assert feed.feed.title == "Analysis · Tribune"


@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_contributor_feed_lists_only_articles_the_expert_is_bylined_on(client, newsroom, contributor, feed_format):
    feed = fetch_feed(client, feed_url("experts", contributor.slug, feed_format))

    # Amara is the second byline on the newest piece; she wrote nothing in the Opinion section.
    assert titles(feed) == ["Newest analysis", "Oldest analysis"]
    assert [entry.author for entry in feed.entries] == ["Bruno Second, Amara Test", "Amara Test"]
    assert feed.feed.title == "Amara Test · Tribune"


@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_topic_feed_lists_only_articles_tagged_with_that_topic(client, newsroom, feed_format):
    feed = fetch_feed(client, feed_url("topics", "courts", feed_format))

    assert titles(feed) == ["Newest analysis", "Opinion elsewhere"]
    assert published_timestamp(feed.entries[1]) == newsroom["elsewhere"].first_published_at.timestamp()


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/sections/no-such-section/rss/",
        "/feeds/sections/no-such-section/atom/",
        "/feeds/experts/no-such-expert/rss/",
        "/feeds/experts/no-such-expert/atom/",
        "/feeds/topics/no-such-topic/rss/",
        "/feeds/topics/no-such-topic/atom/",
    ],
)
def test_a_feed_for_an_unknown_slug_is_not_found(client, article, url):
    assert client.get(url).status_code == 404


def test_a_feed_for_an_expert_whose_profile_is_not_approved_is_not_found(client, section):
    pending = make_contributor(slug="pending-expert", name="Pending Expert", publish=False)
    make_article(section, contributors=[pending])

    assert client.get("/feeds/experts/pending-expert/rss/").status_code == 404


@pytest.mark.parametrize("state", ["unpublished", "private"])
def test_a_feed_for_an_unpublished_or_private_section_is_not_found(client, home, state):
    members = section_ensure(home=home, slug="members", title="Members only")
    if state == "unpublished":
        members.unpublish()
    else:
        PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)

    assert client.get("/feeds/sections/members/rss/").status_code == 404
    assert client.get("/feeds/sections/members/atom/").status_code == 404


def test_atom_entries_say_when_an_article_was_updated_after_publication(client, section, contributor):
    published_at = hours_ago(10)
    make_article(
        section,
        title="Updated",
        contributors=[contributor],
        published_at=published_at,
        updated_at=published_at + datetime.timedelta(hours=4),
    )
    make_article(section, title="Untouched", contributors=[contributor], published_at=hours_ago(20))

    updated, untouched = fetch_feed(client, "/feeds/atom/").entries

    assert calendar.timegm(updated.updated_parsed) == (published_at + datetime.timedelta(hours=4)).timestamp()
    assert calendar.timegm(updated.published_parsed) == published_at.timestamp()
    assert calendar.timegm(untouched.updated_parsed) == calendar.timegm(untouched.published_parsed)


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/sections/analysis/rss/",
        "/feeds/sections/analysis/atom/",
        "/feeds/experts/amara-test/rss/",
        "/feeds/experts/amara-test/atom/",
        "/feeds/topics/elections/rss/",
        "/feeds/topics/elections/atom/",
    ],
)
def test_no_feed_lists_draft_unpublished_scheduled_embargoed_or_private_articles(client, section, contributor, url):
    make_article(
        section, title="Visible analysis", contributors=[contributor], topics=["elections"], published_at=hours_ago(3)
    )
    make_hidden_articles(section, contributor=contributor, topic="elections")
    # Each hidden article carries the byline and topic the narrower feeds filter on: only its state hides it.
    tagged_and_bylined = ArticlePage.objects.filter(bylines__contributor=contributor, topics__slug="elections")
    assert tagged_and_bylined.count() == 6

    assert titles(fetch_feed(client, url)) == ["Visible analysis"]


def test_the_site_feed_leaves_out_articles_in_a_private_section(client, home, contributor):
    members = section_ensure(home=home, slug="members", title="Members only")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    make_article(members, title="Members briefing", contributors=[contributor], published_at=hours_ago(1))

    assert titles(fetch_feed(client, "/feeds/rss/")) == []


@pytest.mark.parametrize("feed_format", FEED_FORMATS)
def test_hostile_characters_in_titles_names_and_standfirsts_still_give_a_valid_feed(client, section, feed_format):
    author = make_contributor(slug="hostile-author", name="Zoë \x1fO'Brien & <Co>")
    make_article(
        section,
        title=HOSTILE_TITLE,
        standfirst="Before\x0b after & <em>more</em>",
        contributors=[author],
        topics=["elections"],
        published_at=hours_ago(1),
    )

    for url in (
        f"/feeds/{feed_format}/",
        feed_url("sections", section.slug, feed_format),
        feed_url("experts", author.slug, feed_format),
        feed_url("topics", "elections", feed_format),
    ):
        feed = fetch_feed(client, url)
        (entry,) = feed.entries
        assert entry.title == HOSTILE_TITLE_AS_READ, url
        assert entry.author == "Zoë O'Brien & < Co>", url
    expert_feed = fetch_feed(client, feed_url("experts", author.slug, feed_format))
    assert expert_feed.feed.title == "Zoë O'Brien & < Co> · Tribune"


def alternate_feed_links(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [link["href"] for link in soup.find_all("link", rel="alternate", type="application/rss+xml")]


@pytest.mark.parametrize(
    ("page_url", "advertised_feed"),
    [
        ("/", "/feeds/rss/"),
        ("/analysis/", "/feeds/sections/analysis/rss/"),
        ("/experts/amara-test/", "/feeds/experts/amara-test/rss/"),
        ("/topics/elections/", "/feeds/topics/elections/rss/"),
    ],
)
def test_reader_pages_advertise_their_own_rss_feed(client, article, page_url, advertised_feed):
    response = client.get(page_url)

    assert response.status_code == 200
    assert advertised_feed in alternate_feed_links(response)
    assert article.title in titles(fetch_feed(client, advertised_feed))


def test_a_section_with_a_non_latin_slug_renders_and_advertises_its_feed(client, home, contributor):
    # Wagtail accepts Unicode slugs by default (WAGTAIL_ALLOW_UNICODE_SLUGS), so editors can create this section.
    economy = section_ensure(home=home, slug="économie", title="Économie")
    make_article(economy, title="Le budget", contributors=[contributor], published_at=hours_ago(1))

    response = client.get(economy.url)

    assert response.status_code == 200
    (feed_href,) = [href for href in alternate_feed_links(response) if href not in {"/feeds/rss/", "/feeds/full/rss/"}]
    assert titles(fetch_feed(client, feed_href)) == ["Le budget"]
