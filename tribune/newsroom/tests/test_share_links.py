"""Sharing an article: plain links that work without JavaScript, no third-party script on the page, the Web Share
API and copying only as an enhancement from the site's own script."""

import re
from urllib.parse import quote

from tests.factories import make_article


def test_an_article_offers_plain_share_links_and_loads_no_third_party_script(client, section):
    article = make_article(section, title="Tariffs & the monsoon: who pays?")

    html = client.get(article.url).content.decode()

    url = f"http://testserver{article.url}"
    assert (
        f'href="mailto:?subject={quote("Tariffs & the monsoon: who pays?", safe="")}&amp;body={quote(url, safe="")}"'
        in html
    )
    assert f"https://www.facebook.com/sharer/sharer.php?u={quote(url, safe='')}" in html
    assert 'data-share-copy data-done="Link copied" data-pending' in html and "data-share-native data-pending" in html
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert scripts and all(src.startswith("/static/") for src in scripts)
