"""Contributors keep their own profile; editors approve it and decide which account it belongs to."""

from tests.factories import UserFactory, make_contributor
from tribune.editorial.roles import role_assign


def edit_url(contributor) -> str:
    return f"/admin/snippets/contributors/contributor/edit/{contributor.pk}/"


def test_a_contributor_edits_their_own_profile_without_the_account_list(client, section):
    writer = UserFactory(username="writer")
    role_assign(user=writer, role="contributor", sections=[section])
    mine = make_contributor(user=writer, publish=False)
    someone_else = make_contributor()
    client.force_login(writer)

    own = client.get(edit_url(mine))
    other = client.get(edit_url(someone_else))

    assert own.status_code == 200
    html = own.content.decode()
    assert 'name="user"' not in html and 'name="in_house"' not in html
    assert 'name="disclosure"' in html
    assert other.status_code in {302, 403}
    assert someone_else.name not in other.content.decode()


def test_editors_link_profiles_to_accounts(client, section):
    desk = UserFactory(username="desk")
    role_assign(user=desk, role="editor", sections=[section])
    profile = make_contributor()
    client.force_login(desk)

    html = client.get(edit_url(profile)).content.decode()

    assert 'name="user"' in html
