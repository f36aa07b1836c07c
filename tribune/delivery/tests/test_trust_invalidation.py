"""The trust pages in every page's footer, and the masthead's people, stay current in the page cache and the
fragments: designating a page, publishing one (or its translation) and changing who holds a role show at once."""

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import UserFactory, make_standard_page, make_translation, make_trust_pages
from tribune.delivery import invalidation
from tribune.delivery.page_cache import HEADER
from tribune.editorial.roles import CHIEF_EDITORS, role_assign
from tribune.editorial.services import masthead_page_ensure

pytestmark = pytest.mark.usefixtures("page_cache_on", "fragments_on")


@pytest.fixture
def fragments_on(settings):
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 600


def footer(client, url: str) -> str:
    return BeautifulSoup(client.get(url).content, "html.parser").select_one(".site-footer").get_text(" ")


def test_a_designated_page_appears_in_every_stored_pages_footer(client, committed, home, article):
    about = make_standard_page(home, slug="about", title="About us")
    client.get(article.url), client.get("/")
    assert client.get(article.url)[HEADER] == "hit"

    committed(make_trust_pages, home, about=about)

    for url in (article.url, "/"):
        assert "About us" in footer(client, url), url


def test_a_designated_page_renamed_shows_in_every_stored_pages_footer(client, committed, home, article):
    about = make_standard_page(home, slug="about", title="About us")
    committed(make_trust_pages, home, about=about)
    client.get(article.url), client.get(article.url)

    about.title = "Who we are"
    committed(lambda: about.save_revision().publish())

    assert "Who we are" in footer(client, article.url)


def test_a_translation_of_a_designated_page_published_shows_in_its_editions_footer(client, committed, home):
    about = make_standard_page(home, slug="about", title="About us")
    committed(make_trust_pages, home, about=about)
    hindi = make_translation(about, "hi", title="हमारे बारे में")
    client.get("/hi/"), client.get("/hi/")

    hindi.title = "परिचय"
    committed(lambda: hindi.save_revision().publish())

    assert "परिचय" in footer(client, "/hi/")


def test_a_designated_page_unpublished_leaves_every_footer(client, committed, home, article):
    terms = make_standard_page(home, slug="terms", title="Terms of use")
    committed(make_trust_pages, home, terms=terms)
    client.get(article.url), client.get(article.url)

    committed(terms.unpublish)

    assert "Terms of use" not in footer(client, article.url)


def test_publishing_any_other_standard_page_forgets_only_its_own_kind_of_paths(home):
    other = make_standard_page(home, slug="elsewhere")
    designated = make_standard_page(home, slug="about")
    make_trust_pages(home, about=designated)

    assert invalidation.page_paths(designated) is None
    assert invalidation.is_trust_page(designated) and not invalidation.is_trust_page(other)


def test_the_masthead_shows_a_new_chief_editor_and_drops_a_deactivated_one_at_once(client, committed, home):
    page = masthead_page_ensure(home=home, slug="masthead", title="Masthead", intro="")
    client.get(page.url), client.get(page.url)
    assert client.get(page.url)[HEADER] == "hit"
    chief = UserFactory(username="newchief", display_name="Nadia Chief")

    committed(role_assign, user=chief, role="chief")
    assert "Nadia Chief" in client.get(page.url).content.decode()

    chief.is_active = False
    committed(chief.save)
    assert "Nadia Chief" not in client.get(page.url).content.decode()


def set_active_state_url(*users) -> str:
    """Wagtail's bulk "Set active state" for these accounts in the admin's user listing."""
    User = get_user_model()
    action = reverse("wagtail_bulk_action", args=[User._meta.app_label, User._meta.model_name, "set_active_state"])
    return action + "?" + "&".join(f"id={user.pk}" for user in users)


def test_editors_deactivated_in_bulk_in_the_admin_leave_the_masthead_at_once(client, admin_client, committed, home):
    """Wagtail's "Set active state" for users saves no account (one UPDATE for all): its hook forgets the masthead."""
    page = masthead_page_ensure(home=home, slug="masthead", title="Masthead", intro="")
    chief = UserFactory(username="bulkchief", display_name="Bea Bulk")
    role_assign(user=chief, role="chief")
    reader = UserFactory(username="bulkreader")
    client.get(page.url), client.get(page.url)
    assert client.get(page.url)[HEADER] == "hit" and "Bea Bulk" in client.get(page.url).content.decode()

    answer = committed(admin_client.post, set_active_state_url(chief, reader), {"mark_as_active": "False"})

    assert answer.status_code == 302
    assert not get_user_model().objects.filter(pk__in=[chief.pk, reader.pk], is_active=True).exists()
    assert "Bea Bulk" not in client.get(page.url).content.decode()

    committed(admin_client.post, set_active_state_url(chief), {"mark_as_active": "True"})

    assert "Bea Bulk" in client.get(page.url).content.decode()


def test_readers_deactivated_in_bulk_forget_nothing(admin_client, home, django_capture_on_commit_callbacks):
    masthead_page_ensure(home=home, slug="masthead", title="Masthead", intro="")
    readers = [UserFactory(username=f"bulkreader{number}") for number in range(2)]
    assert admin_client.get(set_active_state_url(*readers)).status_code == 200  # the confirmation an editor sees first

    with django_capture_on_commit_callbacks() as callbacks:
        admin_client.post(set_active_state_url(*readers), {"mark_as_active": "False"})

    assert not get_user_model().objects.filter(pk__in=[reader.pk for reader in readers], is_active=True).exists()
    assert callbacks == []


def test_a_deleted_editors_account_leaves_the_masthead(client, committed, home):
    page = masthead_page_ensure(home=home, slug="masthead", title="Masthead", intro="")
    chief = UserFactory(username="gonechief", display_name="Dora Gone")
    role_assign(user=chief, role="chief")
    client.get(page.url), client.get(page.url)
    assert "Dora Gone" in client.get(page.url).content.decode()

    committed(chief.delete)

    assert "Dora Gone" not in client.get(page.url).content.decode()


def test_a_role_removed_leaves_the_masthead(client, committed, home):
    page = masthead_page_ensure(home=home, slug="masthead", title="Masthead", intro="")
    chief = UserFactory(username="oldchief", display_name="Otto Chief")
    role_assign(user=chief, role="chief")
    client.get(page.url), client.get(page.url)

    committed(chief.groups.remove, Group.objects.get(name=CHIEF_EDITORS))

    assert "Otto Chief" not in client.get(page.url).content.decode()


def test_a_readers_account_saved_forgets_nothing(committed, home, django_capture_on_commit_callbacks):
    masthead_page_ensure(home=home, slug="masthead", title="Masthead", intro="")
    reader = UserFactory(username="plainreader")
    reader.display_name = "Plain Reader"

    with django_capture_on_commit_callbacks() as callbacks:
        reader.save()

    assert callbacks == []
