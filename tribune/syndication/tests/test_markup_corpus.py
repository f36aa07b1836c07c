"""Markup people type (a contributor's name, biography and piece, a topic, a correction, a comment, an invitee's
name) reaches no output live: every feed (site, section, expert, topic, corrections; RSS and Atom; summaries and
full text), the JSON-LD on article and expert pages, and the notification emails, for each payload of a corpus."""

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_article, make_contributor, make_image, paragraph
from tribune.core.text import SAFE_ATTRIBUTES, SAFE_TAGS
from tribune.discussion.services import comment_post, discussion_settings
from tribune.discussion.tests.conftest import verified_reader
from tribune.editorial.services import invitation_create
from tribune.newsroom.services import correction_append, section_ensure

XSS_PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="https://example.org/" onmouseover="alert(1)">hover me</a>',
    '<a href="javascript:alert(1)">click me</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    "</script><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<style>@import 'https://evil.example/x.css';</style>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<<script>script>alert(1)<</script>/script>",
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    "<!--<img src=x onerror=alert(1)>-->",
]
HTML_FIELDS = {
    "description",  # RSS channel and item
    "{http://purl.org/rss/1.0/modules/content/}encoded",
    "{http://www.w3.org/2005/Atom}summary",
    "{http://www.w3.org/2005/Atom}content",
}
SAFE_SCHEMES = {"http", "https", "mailto"}
TAG_START = re.compile(r"<[A-Za-z/!?]")


def assert_no_live_markup(html: str, where: str) -> None:
    """What a feed reader renders from this HTML: only the sanitiser's tags, no event handler, no script URL."""
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        assert element.name in SAFE_TAGS, (where, element.name, html)
        for attribute, value in element.attrs.items():
            assert attribute in SAFE_ATTRIBUTES.get(element.name, ()) | {"rel"}, (where, attribute, html)
            if attribute in {"href", "src"}:
                assert urlsplit(value.strip()).scheme in SAFE_SCHEMES, (where, value)


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@pytest.fixture(params=XSS_PAYLOADS, ids=range(len(XSS_PAYLOADS)))
def payload(request):
    return request.param


@pytest.fixture
def hostile(payload, home, superuser):
    """A section, an expert, a topic, a piece and a correction, each carrying the payload where people type."""
    section = section_ensure(
        home=home, slug="harbours", title="Harbours", tagline=payload[:200], description=f"<p>{payload}</p>"
    )
    expert = make_contributor(
        slug="eve-hostile",
        name=f"Eve {payload}"[:120],
        short_bio=payload[:200],
        bio=f"<p>{payload}</p>",
        photo=make_image(title=payload[:100]),
    )
    article = make_article(
        section,
        title=f"Harbours {payload}"[:200],
        standfirst=payload,
        body=[paragraph(f"Before {payload} after.")],
        contributors=[expert],
        topics=[f"ports {payload}"[:90]],
        lead_image=make_image(title="Harbour"),
    )
    correction_append(article=article, kind="correction", note=f"Fixed {payload}", user=superuser)
    topic = article.tagged_topics.get().tag
    return {"section": section, "expert": expert, "article": article, "topic": topic}


def feed_paths(hostile) -> list[str]:
    subjects = [
        "",
        f"sections/{hostile['section'].slug}/",
        f"experts/{hostile['expert'].slug}/",
        f"topics/{hostile['topic'].slug}/",
    ]
    paths = [f"/feeds/corrections/{feed_format}/" for feed_format in ("rss", "atom")]
    for subject in subjects:
        for variant in ("", "full/"):
            paths += [f"/feeds/{subject}{variant}{feed_format}/" for feed_format in ("rss", "atom")]
    return paths


def test_no_feed_carries_live_markup(client, hostile):
    for path in feed_paths(hostile):
        response = client.get(path)
        assert response.status_code == 200, path
        root = ET.fromstring(response.content)  # noqa: S314 - our own response
        html_fields = 0
        for element in root.iter():
            # Markup in a text construct (a title, a name) is character data, never an element of the feed.
            assert local_name(element.tag) not in {"script", "img", "svg", "iframe", "a", "style", "body"}, path
            if local_name(element.tag) == "title":
                assert element.get("type", "text") == "text", path
            if element.tag in HTML_FIELDS and element.text:
                html_fields += 1
                assert_no_live_markup(element.text, path)
        assert html_fields >= 1, path  # the descriptions were looked at


def test_no_page_shows_stored_rich_text_live(client, hostile):
    """Rich text saved without the admin's editor (a service, an import) is sanitised when a page shows it: the
    article's body paragraphs, the section's description, the expert's biography."""
    pages = [hostile["article"].url, hostile["section"].url, hostile["expert"].get_absolute_url()]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        page = BeautifulSoup(response.content, "html.parser")
        for script in page.find_all("script"):
            assert script.get("type") == "application/ld+json" or script.get("src", "").startswith("/static/"), url
        for element in page.find_all(True):
            assert element.name not in {"iframe", "math", "style"}, (url, element.name)
            assert not [name for name in element.attrs if name.startswith("on")], (url, element.name)
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value:
                    assert urlsplit(value.strip()).scheme in SAFE_SCHEMES | {""}, (url, value)
    assert "Before" in client.get(hostile["article"].url).content.decode()  # the paragraph itself is shown


def test_the_json_ld_on_article_and_expert_pages_cannot_be_broken_out_of(client, hostile):
    for url in (hostile["article"].url, hostile["expert"].get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        head_html = response.content.decode().split("</head>", 1)[0]
        head = BeautifulSoup(head_html, "html.parser")
        scripts = head.find_all("script")
        # Nothing typed opened or closed an element: the head's only scripts are the JSON-LD blocks, whole.
        assert head_html.count("<script") == len(scripts), url
        assert {script.get("type") for script in scripts} == {"application/ld+json"}, url
        blocks = [json.loads(script.string) for script in scripts]
        for element in head.find_all(True):
            assert not [name for name in element.attrs if name.startswith("on")], (url, element.name)
        # The JSON-LD says what was typed, as text, as the page shows it.
        names = {block.get("headline") or block.get("name") for block in blocks}
        assert hostile["article"].title in names or hostile["expert"].name in names, url


def test_notification_emails_carry_no_markup(
    hostile, payload, superuser, mailoutbox, django_capture_on_commit_callbacks
):
    config = discussion_settings()
    config.trusted_after = 0
    config.hold_links = False
    config.save()
    alice, bob = verified_reader("alice", notify_replies=True), verified_reader("bob")
    parent = comment_post(article=hostile["article"], author=alice, body="A first thought.", config=config)
    with django_capture_on_commit_callbacks(execute=True):
        comment_post(article=hostile["article"], author=bob, body=f"Reply {payload}", parent=parent, config=config)
        invitation_create(
            email="invitee@example.net",
            name=f"Ida {payload}"[:100],
            sections=[hostile["section"]],
            invited_by=superuser,
        )

    assert len(mailoutbox) == 2
    for message in mailoutbox:
        assert message.alternatives == []  # text only
        assert not TAG_START.search(message.subject), message.subject
        assert not TAG_START.search(message.body), message.body
