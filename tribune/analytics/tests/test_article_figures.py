"""One article's figures: reached from the page editor and the page listing, for editors and for the experts of its
byline only."""

from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, make_contributor
from tribune.analytics.models import DailyReadDepth, DailyVisitors, HourlyPageViews
from tribune.newsroom.models import ArticleByline

URL = "analytics_article"


def this_hour():
    return timezone.now().replace(minute=0, second=0, microsecond=0)


@pytest.fixture
def writer(db):
    user = UserFactory(username="writer", is_staff=True)
    user.groups.add(Group.objects.get(name="Contributors"))
    return user


@pytest.fixture
def writer_profile(writer):
    return make_contributor(slug="writer", name="Wren Writer", user=writer)


@pytest.fixture
def own(article_factory, writer_profile, section):
    article = article_factory(title="Writer's own piece", contributors=[writer_profile])
    today = timezone.localdate()
    for hours_ago, views in ((0, 9), (30, 21), (24 * 5, 14)):
        HourlyPageViews.objects.create(
            hour=this_hour() - timedelta(hours=hours_ago), path=article.url, page=article, section=section, views=views
        )
    DailyVisitors.objects.create(day=today, path=article.url, page=article, visitors=6)
    DailyVisitors.objects.create(day=today - timedelta(days=5), path=article.url, page=article, visitors=11)
    for depth, reads in ((25, 30), (50, 22), (75, 15), (100, 11)):
        DailyReadDepth.objects.create(day=today, path=article.url, page=article, depth=depth, reads=reads)
    return article


@pytest.fixture
def colleague(article_factory, section):
    article = article_factory(title="A colleague's piece")
    HourlyPageViews.objects.create(hour=this_hour(), path=article.url, page=article, section=section, views=5617)
    return article


@pytest.fixture
def section_editor(editor, section):
    editor.groups.add(Group.objects.get(name=f"Editors · {section.slug}"))
    return editor


def figures_page(client, user, article, query: str = "") -> str:
    client.force_login(user)
    response = client.get(reverse(URL, args=[article.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_an_editor_sees_the_articles_views_visitors_last_day_and_read_depth(client, section_editor, own, colleague):
    html = figures_page(client, section_editor, own)

    assert "Figures: Writer&#x27;s own piece" in html
    assert "<strong>9</strong> views in the last 24 hours" in html  # 30 hours ago is outside it
    assert "<strong>44</strong> views in 30 days" in html
    today, five_days_ago = timezone.localdate(), timezone.localdate() - timedelta(days=5)
    assert f"<title>{today.day} {today:%b}: 6</title>" in html  # unique visitors, from their own chart
    assert f"<title>{five_days_ago.day} {five_days_ago:%b}: 11</title>" in html
    # 44 views; 30 reads reached a quarter: 68 %, and 11 the end: 25 %.
    assert "Of 44 views" in html and "68 %" in html and "<strong>25 %</strong> of views read to the end" in html


def test_the_article_is_set_beside_its_section_and_experts(client, section_editor, own, colleague, writer_profile):
    ArticleByline.objects.create(page=colleague, contributor=writer_profile, sort_order=1)  # a second piece

    html = figures_page(client, section_editor, own)

    context = html[html.index('id="context-heading"') :]
    assert "This article</th><td>44</td>" in context
    assert "Its section, Analysis</th><td>5661</td>" in context  # 44 + 5617
    expert = context[context.index("Wren Writer") :]
    assert "2 articles</th><td>5661</td>" in expert[:80]
    assert "<strong>1 %</strong>" in html  # 44 of the section's 5,661 views


def test_a_contributor_sees_the_figures_of_their_own_article(client, writer, own):
    html = figures_page(client, writer, own)

    assert "<strong>44</strong> views in 30 days" in html


def test_a_contributor_is_refused_another_experts_article_without_its_figures(
    client, writer, writer_profile, colleague
):
    client.force_login(writer)

    response = client.get(reverse(URL, args=[colleague.pk]))

    assert response.status_code == 403
    html = response.content.decode()
    assert "A colleague" not in html and "5617" not in html and "5,617" not in html


def test_an_admin_user_without_a_role_or_profile_is_refused(client, own):
    moderator = UserFactory(username="moderator", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)

    assert client.get(reverse(URL, args=[own.pk])).status_code == 403


def test_a_page_that_is_not_an_article_or_does_not_exist_is_not_found(client, section_editor, section):
    client.force_login(section_editor)

    assert client.get(reverse(URL, args=[section.pk])).status_code == 404
    assert client.get(reverse(URL, args=[987654])).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("?days=seven", id="not-a-number"),
        pytest.param("?days=31", id="not-offered"),
        pytest.param("?days=%FF", id="bad-encoding"),
    ],
)
def test_a_bad_period_falls_back_to_30_days(client, section_editor, own, query):
    html = figures_page(client, section_editor, own, query)

    assert "in the last 30 days" in html and "<strong>44</strong> views in 30 days" in html


def test_a_shorter_period_counts_fewer_days(client, section_editor, own):
    html = figures_page(client, section_editor, own, "?days=7")

    assert "<strong>44</strong> views in 7 days" in html  # five days ago is inside a week


def test_the_panel_costs_the_same_queries_for_a_long_history(
    client, section_editor, own, colleague, django_assert_max_num_queries
):
    client.force_login(section_editor)
    client.get(reverse(URL, args=[own.pk]))  # the first request fills Django's and Wagtail's caches
    with CaptureQueriesContext(connection) as short:
        client.get(reverse(URL, args=[own.pk]))
    for days_ago in range(1, 90):
        HourlyPageViews.objects.create(
            hour=this_hour() - timedelta(days=days_ago, hours=1), path=own.url, page=own, views=days_ago
        )
        DailyVisitors.objects.create(
            day=timezone.localdate() - timedelta(days=days_ago), path=f"{own.url}?{days_ago}", page=own, visitors=1
        )

    with django_assert_max_num_queries(40):
        response = client.get(reverse(URL, args=[own.pk]) + "?days=90")

    assert response.status_code == 200
    with CaptureQueriesContext(connection) as long:
        client.get(reverse(URL, args=[own.pk]))
    assert len(long) == len(short)


# Reaching the figures from the page editor and the page listing ---------------------------------------------------


def test_the_page_editor_offers_the_figures_of_an_article(client, section_editor, own):
    client.force_login(section_editor)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).content.decode()

    assert reverse(URL, args=[own.pk]) in html


def test_the_page_listing_offers_the_figures_of_its_articles(client, section_editor, own, colleague, section):
    client.force_login(section_editor)

    html = client.get(reverse("wagtailadmin_explore", args=[section.pk])).content.decode()

    assert reverse(URL, args=[own.pk]) in html and reverse(URL, args=[colleague.pk]) in html


def test_a_contributor_is_offered_the_figures_of_their_own_articles_only(writer, own, colleague):
    from tribune.analytics.wagtail_hooks import page_header_figures_button, page_listing_figures_button

    assert [button.url for button in page_listing_figures_button(own, writer)] == [reverse(URL, args=[own.pk])]
    assert list(page_listing_figures_button(colleague, writer)) == []
    assert list(page_header_figures_button(colleague, writer, "edit")) == []


def test_no_figures_action_on_a_section(client, section_editor, section):
    client.force_login(section_editor)

    html = client.get(reverse("wagtailadmin_explore", args=[section.pk])).content.decode()

    assert reverse(URL, args=[section.pk]) not in html
