from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, make_contributor
from tribune.analytics.models import (
    DailyCountries,
    DailyDevices,
    DailyReadDepth,
    DailyReferrers,
    HourlyPageViews,
)

URL = "analytics_dashboard"


def this_hour():
    return timezone.now().replace(minute=0, second=0, microsecond=0)


def count_views(page, views: int, *, days_ago: int = 0, section=None):
    return HourlyPageViews.objects.create(
        hour=this_hour() - timedelta(days=days_ago),
        path=page.url,
        page=page,
        section=section,
        views=views,
    )


@pytest.fixture
def writer(db):
    user = UserFactory(username="writer", is_staff=True)
    user.groups.add(Group.objects.get(name="Contributors"))
    return user


@pytest.fixture
def writer_profile(writer):
    return make_contributor(slug="writer", name="Wren Writer", user=writer)


@pytest.fixture
def figures(article_factory, writer_profile, section):
    own = article_factory(title="Writer's own piece", contributors=[writer_profile])
    colleague = article_factory(title="A colleague's piece")
    count_views(own, 7, section=section)
    count_views(colleague, 40, days_ago=2, section=section)
    DailyReferrers.objects.create(day=timezone.localdate(), domain="example.org", views=12)
    return own, colleague


@pytest.fixture
def section_editor(editor, section):
    editor.groups.add(Group.objects.get(name=f"Editors · {section.slug}"))  # may publish in the section
    return editor


def dashboard(client, user, query: str = "") -> str:
    client.force_login(user)
    response = client.get(reverse(URL) + query)
    assert response.status_code == 200
    return response.content.decode()


# Who may see it --------------------------------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse(URL))

    assert response.status_code == 302


def test_a_reader_without_admin_access_cannot_see_it(client, reader):
    client.force_login(reader)

    assert client.get(reverse(URL)).status_code in (302, 403)


def test_an_admin_user_with_neither_an_editors_role_nor_an_expert_profile_is_refused(client, figures):
    moderator = UserFactory(username="moderator", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)

    response = client.get(reverse(URL))
    home = client.get(reverse("wagtailadmin_home")).content.decode()

    assert response.status_code == 403
    assert "A colleague" not in response.content.decode()
    assert 'href="/admin/analytics/"' not in home and '"/admin/analytics/"' not in home  # no menu entry either


def test_an_editor_sees_every_page_the_chart_and_the_referrers(client, section_editor, figures):
    html = dashboard(client, section_editor)

    assert "Writer&#x27;s own piece" in html and "A colleague&#x27;s piece" in html
    assert html.index("A colleague") < html.index("Writer&#x27;s own")  # most viewed first
    assert "example.org" in html
    assert "<svg" in html and "47 in all" in html
    today = timezone.localdate()
    assert f"<title>{today.day} {today:%b}: 7</title>" in html  # every bar says its day and number in words


def test_the_editors_role_sees_every_page_even_without_a_section(client, editor, figures):
    html = dashboard(client, editor)

    assert "A colleague&#x27;s piece" in html and "Writer&#x27;s own piece" in html
    assert "example.org" in html


def test_a_contributor_sees_only_the_figures_of_their_own_pieces(client, writer, figures):
    html = dashboard(client, writer)

    assert "Writer&#x27;s own piece" in html
    assert "A colleague" not in html
    assert "example.org" not in html  # counted per site, not per article
    assert "7 in all" in html
    assert 'name="section"' not in html and 'name="expert"' not in html  # nothing to narrow to
    assert "By expert" not in html


def test_a_contributor_cannot_widen_their_figures_through_the_query_string(client, writer, figures, section):
    own, colleague = figures

    html = dashboard(client, writer, f"?section={section.pk}&expert={colleague.ordered_contributors[0].pk}")

    assert "A colleague" not in html
    assert "7 in all" in html


# Periods and bad input -------------------------------------------------------------------------------------------


def test_the_period_is_chosen_in_the_query_string(client, section_editor, article, section):
    count_views(article, 5, section=section)
    count_views(article, 11, days_ago=10, section=section)
    count_views(article, 100, days_ago=60, section=section)

    assert "5 in all" in dashboard(client, section_editor, "?days=7")
    assert "16 in all" in dashboard(client, section_editor, "?days=30")
    assert "116 in all" in dashboard(client, section_editor, "?days=90")


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("?days=abc", id="days-not-a-number"),
        pytest.param("?days=8", id="days-not-offered"),
        pytest.param("?days=-30", id="days-negative"),
        pytest.param("?days=99999999999999999999", id="days-huge"),
        pytest.param("?days=", id="days-empty"),
        pytest.param("?days=7&days=x", id="days-twice"),
        pytest.param("?section=abc", id="section-not-a-number"),
        pytest.param("?section=987654", id="section-missing"),
        pytest.param("?expert=%00", id="expert-nul-byte"),
        pytest.param("?expert=987654", id="expert-missing"),
    ],
)
def test_bad_query_strings_fall_back_to_the_defaults(client, section_editor, figures, query):
    html = dashboard(client, section_editor, query)

    assert "in the last 30 days" in html
    assert "A colleague&#x27;s piece" in html and "Writer&#x27;s own piece" in html  # not narrowed


def test_a_valid_field_is_kept_when_another_is_bad(client, section_editor, article, section):
    count_views(article, 5, section=section)
    count_views(article, 11, days_ago=10, section=section)

    html = dashboard(client, section_editor, "?days=7&section=nonsense")

    assert "5 in all" in html and "in the last 7 days" in html


# Views over time per section and expert --------------------------------------------------------------------------


@pytest.fixture
def two_sections(article_factory, section, other_section, writer_profile):
    shared = make_contributor(slug="shared-expert", name="Sasha Shared")
    analysis = article_factory(title="An analysis piece", contributors=[writer_profile, shared])
    opinion = article_factory(other_section, title="An opinion piece", contributors=[shared])
    count_views(analysis, 30, section=section)
    count_views(analysis, 10, days_ago=3, section=section)
    count_views(opinion, 60, days_ago=1, section=other_section)
    return analysis, opinion, shared


def test_each_section_has_its_total_share_and_views_per_day(client, section_editor, two_sections, section):
    html = dashboard(client, section_editor)

    sections = html[html.index('id="sections-heading"') : html.index('id="experts-heading"')]
    assert sections.index("Opinion") < sections.index("Analysis")  # most viewed first
    assert "60" in sections and "40" in sections
    assert "60 %" in sections and "40 %" in sections  # written out, not only a bar's length
    assert "Opinion: 60 views" in sections  # each small chart says what it shows
    assert f"?days=30&amp;section={section.pk}" in sections


def test_narrowing_to_a_section_shows_its_views_over_time(client, section_editor, two_sections, section):
    html = dashboard(client, section_editor, f"?section={section.pk}")

    assert "40 in all" in html and "in Analysis" in html
    top = html[html.index('id="top-pages-heading"') :]
    assert "An analysis piece" in top and "An opinion piece" not in top


def test_each_expert_is_credited_with_the_views_of_every_article_with_their_byline(
    client, section_editor, two_sections
):
    html = dashboard(client, section_editor)

    experts = html[html.index('id="experts-heading"') : html.index('id="top-pages-heading"')]
    # Sasha: both articles (40 + 60); Wren: the co-written analysis (40).
    _analysis, _opinion, shared = two_sections
    assert experts.index("Sasha Shared") < experts.index("Wren Writer")
    assert f'expert={shared.pk}">Sasha Shared</a></th><td>2</td><td>100</td>' in experts
    assert "Wren Writer</a></th><td>1</td><td>40</td>" in experts


def test_narrowing_to_an_expert_shows_their_views_over_time(client, section_editor, two_sections, writer_profile):
    html = dashboard(client, section_editor, f"?expert={writer_profile.pk}")

    assert "40 in all" in html and "by Wren Writer" in html


# Devices, countries, read depth ----------------------------------------------------------------------------------


def test_devices_are_named_with_their_share(client, section_editor, figures):
    today = timezone.localdate()
    DailyDevices.objects.create(day=today, device="phone", views=75)
    DailyDevices.objects.create(day=today, device="desktop", views=25)

    html = dashboard(client, section_editor)

    devices = html[html.index('id="devices-heading"') :]
    assert "Phone" in devices and "75 %" in devices and "Desktop" in devices and "25 %" in devices


def test_countries_are_shown_by_name_only_when_any_were_counted(client, section_editor, figures):
    assert 'id="countries-heading"' not in dashboard(client, section_editor)

    today = timezone.localdate()
    DailyCountries.objects.create(day=today, country="DE", views=30)
    DailyCountries.objects.create(day=today, country="IN", views=60)
    DailyCountries.objects.create(day=today, country="", views=10)
    html = dashboard(client, section_editor)

    countries = html[html.index('id="countries-heading"') :]
    assert countries.index("India") < countries.index("Germany")
    assert "60 %" in countries and "Unknown" in countries


def test_read_depth_is_the_share_of_views_reaching_each_quarter(client, section_editor, article, section):
    count_views(article, 200, section=section)
    for depth, reads in ((25, 160), (50, 120), (75, 80), (100, 40)):
        DailyReadDepth.objects.create(
            day=timezone.localdate(), path=article.url, page=article, depth=depth, reads=reads
        )

    html = dashboard(client, section_editor)

    depth = html[html.index('id="read-depth-heading"') :]
    assert "Of 200 views" in depth
    for quarter, share in ((25, 80), (50, 60), (75, 40), (100, 20)):
        assert f"{quarter} % of the text" in depth and f"{share} %" in depth


def test_no_read_depth_section_when_nothing_was_measured(client, section_editor, figures):
    assert 'id="read-depth-heading"' not in dashboard(client, section_editor)


# Readable without colour, and a bounded number of queries --------------------------------------------------------


def test_every_chart_has_a_title_a_description_and_a_table_of_its_figures(client, section_editor, figures):
    html = dashboard(client, section_editor)

    assert '<title id="views-per-day-title">' in html and '<desc id="views-per-day-desc">' in html
    assert 'aria-labelledby="views-per-day-title views-per-day-desc"' in html
    assert "47 in all" in html and "the most, 40" in html
    assert "Hatched: today, still counting." in html and 'fill="url(#views-per-day-hatch)"' in html
    table = html[html.index("The figures as a table") :]
    assert "<td>40</td>" in table and "<td>7</td>" in table


def _many_figures(article_factory, sections, count: int):
    experts = [make_contributor() for _ in range(count)]
    for n in range(count):
        section = sections[n % len(sections)]
        article = article_factory(section, contributors=[experts[n], experts[(n + 1) % count]])
        for days_ago in range(0, 30, 3):
            count_views(article, n + days_ago + 1, days_ago=days_ago, section=section)
        DailyReadDepth.objects.create(day=timezone.localdate(), path=article.url, page=article, depth=50, reads=n)
        DailyCountries.objects.update_or_create(
            day=timezone.localdate() - timedelta(days=n), country="FR", defaults={"views": n + 1}
        )
        DailyReferrers.objects.create(day=timezone.localdate(), domain=f"site-{article.pk}.example", views=n + 1)


def test_the_dashboard_costs_the_same_queries_for_many_rows_as_for_few(
    client, superuser, article_factory, section, other_section, django_assert_max_num_queries
):
    client.force_login(superuser)
    _many_figures(article_factory, [section, other_section], 2)
    client.get(reverse(URL))  # the first request fills Django's and Wagtail's caches
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(URL) + f"?section={section.pk}")
    _many_figures(article_factory, [section, other_section], 12)

    with django_assert_max_num_queries(40):
        response = client.get(reverse(URL) + f"?section={section.pk}")

    assert response.status_code == 200
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(URL) + f"?section={section.pk}")
    assert len(many) == len(few)
