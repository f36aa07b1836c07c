"""Template hygiene across every reader page: no template syntax leaks into what readers see."""

import json

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_article

LEAK_MARKERS = ("{#", "#}", "{%", "%}", "{{", "}}")


@pytest.mark.parametrize("path", ["home", "section", "article", "contributor", "directory", "topic", "search", "404"])
def test_no_template_syntax_leaks_into_reader_pages(client, section, contributor, path):
    article = make_article(section, contributors=[contributor], topics=["trade"])
    url = {
        "home": "/",
        "section": section.url,
        "article": article.url,
        "contributor": contributor.get_absolute_url(),
        "directory": "/experts/",
        "topic": "/topics/trade/",
        "search": f"/search/?q={article.title.split()[0]}",
        "404": "/no/such/page/",
    }[path]

    page = BeautifulSoup(client.get(url).content, "html.parser")
    # JSON-LD is serialised data, where nested objects legitimately end in "}}": it must parse, and is left out.
    for block in page.select('script[type="application/ld+json"]'):
        json.loads(block.string)
        block.decompose()
    html = str(page)

    leaked = [marker for marker in LEAK_MARKERS if marker in html]
    assert not leaked, f"{url} shows template syntax {leaked}"
