from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, make_contributor
from tribune.analytics.models import DailyReferrers, HourlyPageViews

URL = "analytics_dashboard"


@pytest.fixture
def writer(db):
    user = UserFactory(username="writer", is_staff=True)
    user.groups.add(Group.objects.get(name="Contributors"))
    return user


@pytest.fixture
def figures(article_factory, writer):
    own = article_factory(title="Writer's own piece", contributors=[make_contributor(slug="writer", user=writer)])
    colleague = article_factory(title="A colleague's piece")
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    HourlyPageViews.objects.create(hour=hour, path=own.url, page=own, views=7)
    HourlyPageViews.objects.create(hour=hour - timedelta(days=2), path=colleague.url, page=colleague, views=40)
    DailyReferrers.objects.create(day=timezone.localdate(), domain="example.org", views=12)
    return own, colleague


def test_an_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse(URL))

    assert response.status_code == 302


def test_a_reader_without_admin_access_cannot_see_it(client, reader):
    client.force_login(reader)

    assert client.get(reverse(URL)).status_code in (302, 403)


@pytest.fixture
def section_editor(editor, section):
    editor.groups.add(Group.objects.get(name=f"Editors · {section.slug}"))  # may publish in the section
    return editor


def test_an_editor_sees_every_page_the_chart_and_the_referrers(client, section_editor, figures):
    client.force_login(section_editor)

    html = client.get(reverse(URL)).content.decode()

    assert "Writer&#x27;s own piece" in html and "A colleague&#x27;s piece" in html
    assert html.index("A colleague") < html.index("Writer&#x27;s own")  # most viewed first
    assert "example.org" in html
    assert "<svg" in html and "47 in all" in html
    today = timezone.localdate()
    assert f"<title>{today.day} {today:%b}: 7</title>" in html  # every bar says its day and number in words


def test_an_editor_without_a_section_sees_everything_once_given_the_view_permission(client, editor, figures):
    from django.contrib.auth.models import Permission

    client.force_login(editor)
    assert "A colleague" not in client.get(reverse(URL)).content.decode()

    editor.user_permissions.add(Permission.objects.get(codename="view_hourlypageviews"))
    assert "A colleague" in client.get(reverse(URL)).content.decode()


def test_a_contributor_sees_only_the_figures_of_their_own_pieces(client, writer, figures):
    client.force_login(writer)

    html = client.get(reverse(URL)).content.decode()

    assert "Writer&#x27;s own piece" in html
    assert "A colleague" not in html
    assert "example.org" not in html
    assert "7 in all" in html
