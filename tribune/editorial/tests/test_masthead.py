"""The masthead page lists, from the roles and the in-house profiles, the people who run the outlet."""

import pytest
from bs4 import BeautifulSoup

from django.utils import translation

from tests.factories import UserFactory, make_contributor, make_translation
from tribune.editorial.models import MastheadPage
from tribune.editorial.roles import role_assign
from tribune.editorial.selectors import masthead
from tribune.editorial.services import masthead_page_ensure
from tribune.newsroom.models import HomePage

pytestmark = pytest.mark.django_db


def person(username: str, role: str, sections=(), **fields):
    user = UserFactory(username=username, **fields)
    role_assign(user=user, role=role, sections=list(sections))
    return user


def names(people) -> list[str]:
    return [p.name for p in people]


def test_it_lists_chief_editors_section_editors_and_in_house_staff_linking_their_profiles(section, other_section):
    chief = person("chief", "chief", display_name="Amara Osei")
    make_contributor(slug="amara-osei", name="Dr Amara Osei", user=chief)
    person("ed", "editor", [section, other_section], first_name="Lina", last_name="Haddad")
    make_contributor(slug="staff-writer", name="Tomas Varga", in_house=True, role="Staff analyst")
    make_contributor(slug="outside-expert", name="Outside Expert")

    found = masthead(show_moderators=False)

    assert [(p.name, p.url) for p in found.chief_editors] == [("Dr Amara Osei", "/experts/amara-osei/")]
    assert [(s.slug, names(people)) for s, people in found.section_editors] == [
        ("analysis", ["Lina Haddad"]),
        ("opinion", ["Lina Haddad"]),
    ]
    assert [(p.name, p.url) for p in found.staff] == [("Tomas Varga", "/experts/staff-writer/")]


def test_inactive_accounts_and_accounts_without_a_name_are_left_out(section):
    person("gone", "chief", display_name="Former Chief", is_active=False)
    person("anonymous", "editor", [section])
    departed = UserFactory(username="departed", is_active=False)
    make_contributor(slug="departed", name="Departed Staffer", in_house=True, user=departed)

    found = masthead(show_moderators=True)

    assert found.chief_editors == found.section_editors == found.staff == []


def test_moderators_are_shown_only_when_the_page_asks(home):
    person("mod", "moderator", display_name="Moderator Mo")

    assert masthead(show_moderators=False).moderators == []
    assert names(masthead(show_moderators=True).moderators) == ["Moderator Mo"]


def test_staff_already_listed_under_a_role_are_not_listed_twice(home):
    chief = person("chief", "chief")
    make_contributor(slug="chief-profile", name="Chief Profile", in_house=True, user=chief)

    found = masthead(show_moderators=False)

    assert names(found.chief_editors) == ["Chief Profile"] and found.staff == []


def test_the_number_of_queries_does_not_grow_with_the_number_of_people(
    section, other_section, django_assert_max_num_queries
):
    for n in range(6):
        user = person(f"editor{n}", "editor", [section, other_section], display_name=f"Editor {n}")
        make_contributor(slug=f"editor-{n}", name=f"Editor Profile {n}", user=user, in_house=True)
        person(f"chief{n}", "chief", display_name=f"Chief {n}")
        make_contributor(slug=f"staff-{n}", name=f"Staffer {n}", in_house=True)

    with django_assert_max_num_queries(4):
        found = masthead(show_moderators=True)

    assert len(found.chief_editors) == 6 and len(found.staff) == 6


def test_each_edition_names_its_own_sections(section):
    person("ed", "editor", [section], display_name="Lina Haddad")
    make_translation(section, "hi", title="विश्लेषण")

    with translation.override("hi"):
        found = masthead(show_moderators=False)

    assert [s.title for s, _people in found.section_editors] == ["विश्लेषण"]


def test_the_page_renders_the_intro_and_the_people(client, section):
    person("chief", "chief", display_name="Amara Osei")
    page = masthead_page_ensure(
        home=section.get_parent(), slug="masthead", title="Masthead", intro="<p>Who we are.</p>"
    )

    soup = BeautifulSoup(client.get(page.url).content, "html.parser")

    assert "Who we are." in soup.get_text() and "Amara Osei" in soup.select_one(".masthead__people").get_text()


def test_it_is_a_child_of_the_home_page_only():
    assert MastheadPage.parent_page_types == ["newsroom.HomePage"]
    assert MastheadPage in HomePage.allowed_subpage_models()
