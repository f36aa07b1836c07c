"""The synthetic benchmark archive: a sound page tree, pages that render and are found, consistent discussions,
and a --clear that removes exactly what was generated."""

import datetime
import json
import re

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import F, Q
from django.utils import timezone

from wagtail.models import Page
from wagtail.search.models import IndexEntry

from tests.factories import make_article, make_contributor
from tribune.contributors.models import Contributor
from tribune.demo.scale import (
    ALREADY_GENERATED,
    NEEDS_ARTICLES,
    PROTECTED_ROWS,
    ScaleError,
    ScaleSpec,
    archive_clear,
    archive_generate,
    synthetic_contributors,
    synthetic_pages,
    synthetic_readers,
)
from tribune.discussion.models import MAX_DEPTH, Comment, CommentStatus, ModerationDecision, Reaction
from tribune.newsroom.models import ArticleByline, ArticlePage, ArticlePageTopic, SectionPage
from tribune.taxonomy.models import Topic

SMALL = ScaleSpec(articles=40, comments=300, contributors=10, hot_comments=50, batch_size=15, seed=7, index=True)
NOW = timezone.now().replace(microsecond=0)


def generate(spec: ScaleSpec = SMALL, **kwargs):
    return archive_generate(spec=spec, log=lambda line: None, now=NOW, **kwargs)


def synthetic_articles():
    return ArticlePage.objects.filter(pk__in=synthetic_pages().values("pk"))


def database_snapshot() -> dict:
    countries = ArticlePage.countries.through
    models = [Page, ArticlePage, Contributor, get_user_model(), EmailAddress, Topic, ArticleByline, ArticlePageTopic]
    models += [countries, Comment, Reaction, ModerationDecision, IndexEntry]
    snapshot = {model._meta.label: model.objects.count() for model in models}
    snapshot["tree"] = list(Page.objects.order_by("path").values_list("path", "numchild", "depth"))
    return snapshot


@pytest.fixture
def sections(section, other_section):
    return [section, other_section]


def test_generates_the_requested_counts_over_the_existing_sections(sections):
    summary = generate()

    articles = synthetic_articles()
    assert articles.count() == 40
    assert set(
        SectionPage.objects.filter(pk__in=[a.get_parent().pk for a in articles]).values_list("pk", flat=True)
    ) <= {s.pk for s in sections}
    assert Comment.objects.filter(article__in=articles).count() == 300
    assert synthetic_contributors().count() == 10
    assert synthetic_readers().count() == SMALL.reader_count
    assert summary.counts["articles"] == 40
    assert summary.counts["comments"] == 300
    assert all(article.bylines.exists() for article in articles)
    assert all(article.live and not article.has_unpublished_changes for article in articles)
    assert all(article.first_published_at <= NOW for article in articles)


def test_the_page_tree_has_no_problems_after_generating(sections):
    generate()

    assert Page.find_problems() == ([], [], [], [], [])
    for section in SectionPage.objects.filter(pk__in=[s.pk for s in sections]):
        assert section.numchild == section.get_children().count()


def test_an_empty_site_gets_a_home_page_and_sections_first(db):
    generate(ScaleSpec(articles=12, comments=30, contributors=3, hot_comments=5, seed=1))

    assert SectionPage.objects.live().count() == 5
    assert synthetic_articles().count() == 12
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_synthetic_article_renders_with_its_title_and_bylines_and_its_section_lists_it(client, sections):
    generate()
    article = synthetic_articles().order_by("-first_published_at").first()

    response = client.get(article.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert article.title in html
    for contributor in article.ordered_contributors:
        assert contributor.name in html
    section_page = client.get(article.get_parent().url).content.decode()
    assert article.title in section_page


def test_every_body_block_kind_the_generator_uses_renders(client, sections):
    generate(ScaleSpec(articles=60, comments=0, contributors=5, hot_comments=0, seed=3))
    kinds_seen = set()

    for article in synthetic_articles():
        kinds = {block.block_type for block in article.body}
        if kinds - kinds_seen:
            kinds_seen |= kinds
            assert client.get(article.url).status_code == 200, kinds

    assert {"paragraph", "heading", "pull_quote", "quote", "key_figures"} <= kinds_seen


def test_synthetic_articles_are_found_by_the_site_search(client, sections):
    generate()
    article = synthetic_articles().order_by("pk").first()

    found = False
    for page in range(1, 5):
        html = client.get("/search/", {"q": article.title, "page": page}).content.decode()
        found = found or article.title in html
    assert found


def test_comment_counts_are_the_approved_comments_readers_see(sections):
    generate()

    for article in synthetic_articles():
        comments = Comment.objects.filter(article=article)
        approved = comments.filter(status=CommentStatus.APPROVED)
        shown = [CommentStatus.APPROVED, CommentStatus.DELETED]
        # The discussion service's own rule: approved, under a shown thread and a shown parent.
        visible = approved.filter(thread__status__in=shown).filter(Q(parent__isnull=True) | Q(parent__status__in=shown))
        assert article.comment_count == approved.count() == visible.count()


def test_threads_are_well_formed(sections):
    generate()
    comments = Comment.objects.filter(article__in=synthetic_articles())

    assert not comments.filter(depth=0).exclude(thread=F("pk")).exists()
    assert not comments.filter(depth=0, parent__isnull=False).exists()
    for reply in comments.filter(depth__gt=0).select_related("parent"):
        assert reply.parent.article_id == reply.article_id
        assert reply.depth == reply.parent.depth + 1 <= MAX_DEPTH
        assert reply.thread_id == reply.parent.thread_id
        assert reply.created_at >= reply.parent.created_at
        assert reply.parent.status in {CommentStatus.APPROVED, CommentStatus.DELETED}
    for comment in comments.exclude(like_count=0):
        assert comment.reactions.count() == comment.like_count
        assert not comment.reactions.filter(user=comment.author).exists()
    held = comments.filter(status__in=[CommentStatus.PENDING, CommentStatus.REJECTED])
    assert held.exists()
    assert ModerationDecision.objects.filter(comment__in=held).count() == held.count()


def test_the_hot_article_has_exactly_the_requested_approved_comments_and_renders(client, sections):
    summary = generate()
    hot = ArticlePage.objects.get(pk=summary.hot_article_id)

    assert Comment.objects.filter(article=hot).count() == 50
    assert Comment.objects.filter(article=hot, status=CommentStatus.APPROVED).count() == 50
    assert hot.comment_count == 50
    assert hot == synthetic_articles().order_by("-first_published_at").first()
    assert summary.hot_article_url == hot.url
    response = client.get(summary.hot_article_url)
    assert response.status_code == 200
    assert "50 comments" in response.content.decode()


def test_clear_removes_exactly_what_was_generated_and_leaves_other_content_intact(client, article, reader, sections):
    Comment.objects.create(article=article, author=reader, body="A real reader's comment.", status="approved")
    before = database_snapshot()
    generate()
    assert database_snapshot() != before

    archive_clear(log=lambda line: None)

    assert database_snapshot() == before
    assert Page.find_problems() == ([], [], [], [], [])
    assert client.get(article.url).status_code == 200
    assert Topic.objects.filter(name__iexact="elections").exists()


def test_generate_refuses_to_run_over_an_earlier_archive_unless_asked_to_clear(sections):
    generate()

    with pytest.raises(ScaleError, match=ALREADY_GENERATED):
        generate()

    generate(clear=True)
    assert synthetic_articles().count() == 40
    assert Page.find_problems() == ([], [], [], [], [])


def test_clear_stops_when_real_content_depends_on_a_synthetic_expert(sections):
    generate()
    expert = synthetic_contributors().first()
    real = make_article(sections[0], contributors=[make_contributor(), expert])
    before = database_snapshot()

    with pytest.raises(ScaleError, match=re.escape(PROTECTED_ROWS.split("%(model)s")[1].strip())):
        archive_clear(log=lambda line: None)

    assert database_snapshot() == before
    assert ArticlePage.objects.filter(pk=real.pk).exists()


def body_fingerprint(article) -> str:
    """The body's raw data with quoted experts named rather than numbered: ids differ from run to run."""
    names = dict(Contributor.objects.values_list("pk", "name"))
    blocks = []
    for block in article.body.raw_data:
        if block["type"] == "quote":
            block = {**block, "value": {**block["value"], "contributor": names.get(block["value"]["contributor"])}}
        blocks.append(block)
    return json.dumps(blocks, sort_keys=True)


def content_fingerprint() -> list:
    articles = synthetic_articles().order_by("path").prefetch_related("bylines__contributor", "topics")
    fingerprint = []
    for article in articles:
        comments = Comment.objects.filter(article=article).order_by("created_at", "pk")
        fingerprint.append(
            (
                article.slug,
                article.title,
                article.standfirst,
                article.kind,
                article.first_published_at,
                body_fingerprint(article),
                [byline.contributor.name for byline in article.bylines.all()],
                sorted(topic.name for topic in article.topics.all()),
                [(c.body, c.status, c.depth, c.like_count, c.author.username) for c in comments],
            )
        )
    return fingerprint


def test_the_same_seed_gives_the_same_archive_and_another_seed_another(sections):
    generate()
    first = content_fingerprint()

    generate(clear=True)
    assert content_fingerprint() == first

    generate(ScaleSpec(**{**SMALL.__dict__, "seed": 8}), clear=True)
    assert content_fingerprint() != first


def test_the_command_reports_phases_and_the_hot_article_then_clears(sections, capsys):
    call_command("scale_data", "--articles=12", "--comments=40", "--contributors=3", "--hot-comments=10")

    out = capsys.readouterr().out
    hot = synthetic_articles().order_by("-first_published_at").first()
    assert "articles and comments" in out
    assert f"Hot article (10 approved comments): {hot.url}" in out
    assert "--index-only" in out

    call_command("scale_data", "--index-only")
    assert "Indexed 12 articles" in capsys.readouterr().out

    call_command("scale_data", "--clear-only")
    assert not synthetic_pages().exists()
    assert Page.find_problems() == ([], [], [], [], [])


def test_the_command_explains_an_impossible_request(db):
    with pytest.raises(CommandError, match=NEEDS_ARTICLES):
        call_command("scale_data", "--articles=0", "--comments=10")


def test_publication_dates_spread_over_the_requested_years(sections):
    generate(ScaleSpec(articles=30, comments=0, contributors=2, hot_comments=0, years=2))

    dates = sorted(synthetic_articles().values_list("first_published_at", flat=True))
    assert NOW - datetime.timedelta(days=2 * 365) <= dates[0] < NOW - datetime.timedelta(days=365)
    assert NOW - datetime.timedelta(days=30) < dates[-1] <= NOW
