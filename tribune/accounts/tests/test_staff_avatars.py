"""Staff email addresses stay on the server: the admin shows no Gravatar image."""

import pytest

ADMIN_PAGES = ["/admin/", "/admin/users/", "/admin/account/", "/admin/pages/"]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_link_no_gravatar_image(client, superuser, home, path):
    client.force_login(superuser)

    response = client.get(path, follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert "gravatar" not in html.lower()
    assert "wagtailadmin/images/default-user-avatar" in html
