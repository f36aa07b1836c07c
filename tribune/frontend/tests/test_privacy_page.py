"""The privacy page says what is recorded, in each edition, and every page links to it."""

import pytest


@pytest.mark.django_db
def test_every_page_links_the_privacy_page_which_says_what_is_counted(client, home):
    footer = client.get("/").content.decode()
    page = client.get("/privacy/").content.decode()

    assert 'href="/privacy/"' in footer and 'href="/newsletters/"' in footer
    assert "We store no IP address." in page and "Do Not Track or Global Privacy Control" in page
    assert "no tracking pixels" in page
    assert client.get("/hi/privacy/").status_code == client.get("/ru/privacy/").status_code == 200
