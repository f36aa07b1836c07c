"""No markup people type reaches any output live.

One world is built where every payload of an XSS corpus sits in every field a contributor, an editor or a reader
controls (headline, standfirst, body paragraph, pull quote, quote and attribution, image caption, credit and alt
text, expert name, biography and links, topic name, section tagline, correction note, comment, invitee's name).
Then every output in ``OUTPUTS`` is read and checked by the checker of its kind (``CHECKS``): the XML parses, the
JSON-LD parses and closes its element only once, and a browser-like HTML parser finds no script, no event handler
and no ``javascript:``/``data:`` URL in any HTML field or text field. A new output is one line in ``OUTPUTS``; a new
feed or sitemap section is found on its own (``test_every_feed_and_sitemap_is_in_the_table``).
"""

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from django.core.exceptions import ValidationError
from django.urls import URLPattern, reverse

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from tests.factories import make_article, make_contributor, make_image_file, paragraph
from tribune.analysis import runs as analysis_runs
from tribune.analysis.models import Entity
from tribune.core.tasks import send_email
from tribune.core.text import SAFE_ATTRIBUTES, SAFE_TAGS
from tribune.discussion.services import comment_post, discussion_settings
from tribune.discussion.tests.conftest import verified_reader
from tribune.editorial.services import invitation_create
from tribune.media.services import image_create
from tribune.newsroom.services import correction_append, section_ensure
from tribune.syndication import jsonld
from tribune.syndication import urls as feed_urls
from tribune.syndication.sitemaps import SITEMAPS

XSS_CORPUS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">click me</a>',
    '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="&#106;avascript:alert(1)">entity</a>',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<a href="data:text/html,<script>alert(1)</script>">data URL</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<p style="background:url(javascript:alert(1))">style URL</p>',
    '<div style="width: expression(alert(1))">style expression</div>',
    '<a href="https://example.org/" onmouseover="alert(1)">hover me</a>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<style>@import 'https://evil.example/x.css';</style>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "<<script>script>alert(1)<</script>/script>",
    "</script><script>alert(1)</script>",
    '"}]</script><script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "]]><script>alert(1)</script><![CDATA[",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<!--<img src=x onerror=alert(1)>-->",
    "line\u2028separator\u2029<script>alert(1)</script>",
    "control\x0bcharacters\x1f<script>alert(1)</script>",
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="https://evil.example/">',
    "<video><source onerror=alert(1)></video>",
    "{{ 7|add:7 }}{% debug %}",
]
SAFE_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "srcset"}
FEED_HTML_FIELDS = {
    "description",  # RSS channel and item
    "{http://purl.org/rss/1.0/modules/content/}encoded",
    "{http://www.w3.org/2005/Atom}summary",
    "{http://www.w3.org/2005/Atom}content",
}
TAG_START = re.compile(r"<[A-Za-z/!?]")
LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x85\u2028\u2029]")
EMBED_URL = "https://www.youtube.com/watch?v=tribune-corpus"
# What an allowed provider answers: shown on the page as the provider sent it, never in a feed.
EMBED_HTML = '<iframe src="https://www.youtube.com/embed/tribune-corpus" title="Video"></iframe>'


# --- What a reader's software would find ------------------------------------------------------------------------


def _url_problem(value: str) -> bool:
    # Browsers ignore tabs, newlines and leading spaces in a scheme; a parser has already decoded entities.
    candidates = [part.strip().split()[0] for part in value.split(",") if part.strip()] if value else []
    for candidate in candidates or [value]:
        scheme = urlsplit(re.sub(r"[\x00-\x20]", "", candidate)).scheme.lower()
        if scheme and scheme not in SAFE_SCHEMES:
            return True
    return False


def html_problems(html: str, *, allowed: Callable | None = None) -> list[str]:
    """Scripts, event handlers, dangerous URLs and style expressions in ``html``, as a browser would parse it.
    ``allowed(element)`` may accept an element of the site's own (a page's static scripts)."""
    problems = []
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        if allowed and allowed(element):
            continue
        if element.name in {"script", "iframe", "object", "embed", "frame", "applet", "base", "meta", "math"}:
            problems.append(f"<{element.name}> element")
        if element.name == "style" and re.search(r"@import|expression|url\(", element.text, re.I):
            problems.append("<style> that loads or runs something")
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                problems.append(f"{name}= on <{element.name}>")
            if name.lower() in URL_ATTRIBUTES and _url_problem(value):
                problems.append(f"{name}={value!r} on <{element.name}>")
            if name.lower() == "style" and re.search(r"expression|javascript:|url\(", value, re.I):
                problems.append(f"style={value!r}")
    return problems


def text_problems(text: str) -> list[str]:
    """A text field (a title, a name, a JSON-LD string): some consumers render it as HTML, so it must open no tag."""
    if TAG_START.search(text or ""):
        return [f"text opens a tag: {text[:80]!r}"]
    return []


def xml_problems(body: bytes) -> tuple[ET.Element | None, list[str]]:
    try:
        root = ET.fromstring(body)  # noqa: S314 - our own response
    except ET.ParseError as error:
        return None, [f"XML does not parse: {error}"]
    problems = []
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in {"script", "img", "svg", "iframe", "a", "style", "body"}:
            problems.append(f"markup became an XML element: <{name}>")
    return root, problems


def check_feed(body: bytes) -> list[str]:
    root, problems = xml_problems(body)
    if root is None:
        return problems
    for element in root.iter():
        if element.tag in FEED_HTML_FIELDS or element.get("type") == "html":
            for tag in BeautifulSoup(element.text or "", "html.parser").find_all(True):
                if tag.name not in SAFE_TAGS:
                    problems.append(f"<{tag.name}> outside the sanitiser's tags")
                extra = set(tag.attrs) - SAFE_ATTRIBUTES.get(tag.name, set()) - {"rel"}
                problems += [f"{name}= on <{tag.name}> outside the sanitiser's attributes" for name in extra]
            problems += html_problems(element.text or "")
        elif element.text:
            if element.tag.rsplit("}", 1)[-1] == "title" and element.get("type", "text") != "text":
                problems.append(f"a title of type {element.get('type')}")
            problems += text_problems(element.text)
        for name in ("href", "url", "src"):
            if element.get(name) and _url_problem(element.get(name)):
                problems.append(f"{name}={element.get(name)!r} on <{element.tag}>")
    return problems


def check_sitemap(body: bytes) -> list[str]:
    root, problems = xml_problems(body)
    if root is None:
        return problems
    for element in root.iter():
        problems += text_problems(element.text or "")
        if element.tag.endswith("}loc") and _url_problem(element.text or ""):
            problems.append(f"<loc>{element.text}</loc>")
    return problems


def json_ld_problems(data) -> list[str]:
    """Every string in structured data is text (no tag opened) and every URL is http(s)."""
    problems = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in {"url", "sameAs", "image", "mainEntityOfPage", "@id"}:
                for url in value if isinstance(value, list) else [value]:
                    if isinstance(url, str) and _url_problem(url):
                        problems.append(f"{key}: {url!r}")
            problems += json_ld_problems(value)
    elif isinstance(data, list):
        for value in data:
            problems += json_ld_problems(value)
    elif isinstance(data, str):
        problems += text_problems(data)
    return problems


def check_json_ld_element(html: str) -> list[str]:
    """``html`` is one ``<script type="application/ld+json">`` element as a template tag writes it."""
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script")
    if len(scripts) != 1 or html.count("<script") != 1 or html.lower().count("</script") != 1:
        return ["JSON-LD closes its script element early, or opens another"]
    if "\u2028" in html or "\u2029" in html:
        return ["a raw line separator in JSON-LD"]
    try:
        data = json.loads(scripts[0].string)
    except (TypeError, ValueError) as error:
        return [f"JSON-LD does not parse: {error}"]
    return json_ld_problems(data)


def _site_element(element) -> bool:
    """The page's own scripts and frames: JSON-LD (checked apart), static files, an allowed provider's embed."""
    if element.name == "script":
        return element.get("type") == "application/ld+json" or element.get("src", "").startswith("/static/")
    if element.name == "iframe":
        return element.get("src", "").startswith("https://www.youtube.com/") and not any(
            name.startswith("on") for name in element.attrs
        )
    return element.name == "meta" and not element.get("http-equiv")


def check_page(body: bytes) -> list[str]:
    html = body.decode()
    problems = html_problems(html, allowed=_site_element)
    soup = BeautifulSoup(html, "html.parser")
    if html.count("<script") != len(soup.find_all("script")):
        problems.append("something typed opened or closed a script element")
    for script in soup.find_all("script", type="application/ld+json"):
        problems += check_json_ld_element(str(script))
    return problems


def check_email(message) -> list[str]:
    problems = text_problems(message.subject) + text_problems(message.body)
    if LINE_BREAKS.search(message.subject):
        problems.append(f"a line break in the subject {message.subject!r}")
    for content, mimetype in message.alternatives:
        problems += html_problems(content) if mimetype == "text/html" else [f"an alternative of type {mimetype}"]
    return problems


# --- The world every payload is typed into ----------------------------------------------------------------------


@dataclass
class World:
    section: object
    articles: list = field(default_factory=list)
    experts: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    emails: dict = field(default_factory=dict)
    entities: list = field(default_factory=list)  # principal or secondary in the analysed article


@pytest.fixture
def world(home, superuser, mailoutbox, django_capture_on_commit_callbacks) -> World:
    Embed.objects.create(
        url=EMBED_URL, max_width=None, hash=get_embed_hash(EMBED_URL, None, None), html=EMBED_HTML, type="video"
    )
    section = section_ensure(
        home=home, slug="harbours", title="Harbours", tagline=XSS_CORPUS[0], description=f"<p>{XSS_CORPUS[1]}</p>"
    )
    built = World(section=section)
    config = discussion_settings()
    config.trusted_after = 0
    config.hold_links = False
    config.save()
    for i, payload in enumerate(XSS_CORPUS):
        image = image_create(
            file=make_image_file(f"corpus-{i}.jpg", size=(48, 27)),  # small: the renditions are not the point here
            title=payload[:100],
            alt_text=payload,
            caption=payload[:400],
            agency=payload[:120],
            photographer=payload[:120],
        )
        expert = make_contributor(
            slug=f"eve-{i}",
            name=f"Eve {i} {payload}"[:120],
            role=payload[:120],
            affiliation=payload[:120],
            short_bio=payload[:200],
            bio=f"<p>{payload}</p>",
            links=[{"label": payload[:80], "url": f"https://example.org/{i}"}],
            photo=image,
        )
        article = make_article(
            section,
            title=f"Harbours {i} {payload}"[:200],
            standfirst=payload,
            body=[
                paragraph(f"Before {payload} after."),
                ("pull_quote", {"text": payload[:300]}),
                ("quote", {"text": payload, "speaker": payload[:120], "role": payload[:200], "contributor": expert}),
                ("image", {"image": image, "caption": payload, "wide": False}),
                ("embed", EMBED_URL),
            ],
            contributors=[expert],
            topics=[f"ports {i} {payload}"[:90]],
            lead_image=image,
        )
        correction_append(article=article, kind="correction", note=f"Fixed {payload}", user=superuser)
        built.articles.append(article)
        built.experts.append(expert)
        built.topics.append(article.tagged_topics.get().tag)

        listener, replier = verified_reader(f"listener{i}", notify_replies=True), verified_reader(f"replier{i}")
        parent = comment_post(article=article, author=listener, body="A first thought.", config=config)
        sends = {
            "reply": partial(
                comment_post, article=article, author=replier, body=f"Reply {payload}", parent=parent, config=config
            ),
            "invitation": partial(
                invitation_create,
                email=f"invitee{i}@example.net",
                name=f"Ida {payload}"[:100],
                sections=[section],
                invited_by=superuser,
            ),
            "send_email": partial(
                send_email.enqueue, subject=f"Subject {payload}", body=payload, recipients=["desk@example.org"]
            ),
        }
        for kind, send in sends.items():
            first = len(mailoutbox)
            with django_capture_on_commit_callbacks(execute=True):
                send()
            built.emails.setdefault(kind, []).extend(mailoutbox[first:])
    # One article analysed, its quotes carrying the payloads: the entity pages, their feeds, the dossier and the
    # article's "In this piece" panel show names and words found in the text.
    analysed = make_article(
        section,
        title="Lena Park and the African Union weigh Kenya and Tanzania's Sahel ports",
        standfirst=XSS_CORPUS[2],
        body=[
            paragraph(f"“{payload}” said Lena Park, an analyst at the Harbour Institute. A diplomat said: “{payload}”")
            for payload in XSS_CORPUS[:6]
        ],
    )
    analysed.refresh_from_db()
    analysis_runs.article_analyse(page_id=analysed.pk, revision_id=analysed.live_revision_id)
    built.articles.append(analysed)
    built.entities = list(
        Entity.objects.filter(article_links__article=analysed, article_links__salience__in=["principal", "secondary"])
    )
    return built


def entities_of(kind: str) -> Callable[[World], list[dict]]:
    return lambda w: [{"slug": entity.slug} for entity in w.entities if entity.kind == kind]


# --- Every output, one line each --------------------------------------------------------------------------------

# Which objects each feed subject (``syndication.urls.FEED_NAMES``) is read for.
FEED_SUBJECTS: dict[str, Callable[[World], list[dict]]] = {
    "site": lambda w: [{}],
    "section": lambda w: [{"slug": w.section.slug}],
    "contributor": lambda w: [{"slug": expert.slug} for expert in w.experts],
    "topic": lambda w: [{"slug": topic.slug} for topic in w.topics],
    "corrections": lambda w: [{}],
    "country": entities_of("country"),
    "person": entities_of("person"),
    "organisation": entities_of("org"),
    "region": entities_of("region"),
}


def get(*paths: Callable[[World], Iterable[str]]):
    def read(client, world):
        for make in paths:
            for path in make(world):
                response = client.get(path)
                assert response.status_code == 200, path
                yield path, response.content

    return read


def feed(subject: str, name: str):
    return get(lambda w: [reverse(name, kwargs=kwargs) for kwargs in FEED_SUBJECTS[subject](w)])


def sitemap(section: str):
    return get(lambda w: [reverse("sitemap_section", kwargs={"section": section})])


def tag(build: Callable[[World], Iterable[str]]):
    def read(client, world):
        for i, html in enumerate(build(world)):
            yield f"item {i}", html

    return read


def emails(kind: str):
    def read(client, world):
        assert world.emails[kind], kind
        yield from ((f"{kind} {i}", message) for i, message in enumerate(world.emails[kind]))

    return read


@dataclass(frozen=True)
class Output:
    name: str
    read: Callable  # (client, world) -> (where, document) pairs
    check: Callable  # document -> problems


OUTPUTS = [
    *[
        Output(f"feed {name}", feed(subject, name), check_feed)
        for subject, names in feed_urls.FEED_NAMES.items()
        for name in names
    ],
    Output("sitemap index", get(lambda w: [reverse("sitemap")]), check_sitemap),
    *[Output(f"sitemap {section}", sitemap(section), check_sitemap) for section in SITEMAPS],
    Output("news sitemap", get(lambda w: [reverse("news_sitemap")]), check_sitemap),
    Output("article pages", get(lambda w: [article.url for article in w.articles]), check_page),
    Output("expert pages", get(lambda w: [expert.get_absolute_url() for expert in w.experts]), check_page),
    Output("topic pages", get(lambda w: [topic.get_absolute_url() for topic in w.topics]), check_page),
    Output("section page and home page", get(lambda w: [w.section.url, "/"]), check_page),
    Output("entity pages", get(lambda w: [entity.get_absolute_url() for entity in w.entities]), check_page),
    Output("country-pair dossier", get(lambda w: ["/countries/kenya/tanzania/"]), check_page),
    Output(
        "article JSON-LD tag",
        tag(lambda w: [jsonld.json_ld_script(jsonld.article_data(a, "Harbours")) for a in w.articles]),
        check_json_ld_element,
    ),
    Output(
        "expert JSON-LD tag",
        tag(lambda w: [jsonld.json_ld_script(jsonld.contributor_data(e)) for e in w.experts]),
        check_json_ld_element,
    ),
    Output("site JSON-LD tag", tag(lambda w: [jsonld.json_ld_script(jsonld.site_data())]), check_json_ld_element),
    Output("reply emails", emails("reply"), check_email),
    Output("invitation emails", emails("invitation"), check_email),
    Output("any email through send_email", emails("send_email"), check_email),
]


def test_no_output_carries_live_markup(client, world):
    failures = []
    for output in OUTPUTS:
        read = 0
        for where, document in output.read(client, world):
            read += 1
            failures += [f"{output.name} · {where}: {problem}" for problem in output.check(document)]
        assert read, output.name
    assert not failures, "\n".join(failures[:60]) + f"\n({len(failures)} in all)"


def test_every_feed_and_sitemap_is_in_the_table():
    names = {pattern.name for pattern in feed_urls.urlpatterns if isinstance(pattern, URLPattern)}
    listed = {output.name.removeprefix("feed ") for output in OUTPUTS}
    assert names <= listed
    assert {f"sitemap {section}" for section in SITEMAPS} <= listed
    assert set(FEED_SUBJECTS) == set(feed_urls.FEED_NAMES)


def test_the_corpus_is_seen_by_the_checks():
    """The checkers do find what the corpus carries, unsanitised: a check that finds nothing proves nothing."""
    for payload in XSS_CORPUS[:20]:
        found = html_problems(payload) or text_problems(payload)
        assert found, payload
    assert check_json_ld_element('<script type="application/ld+json">{"a": "</script><script>x</script>"}</script>')
    assert check_feed(
        b"<rss><channel><title>x</title><description>&lt;img src=x onerror=a()&gt;</description></channel></rss>"
    )


def test_an_expert_link_saved_by_a_service_is_never_a_script_url(client, home):
    with pytest.raises(ValidationError):
        make_contributor(slug="eve-link", links=[{"label": "Site", "url": "javascript:alert(1)"}])
    expert = make_contributor(slug="eve-link", links=[{"label": "Site", "url": "https://eve.example/"}])
    assert json_ld_problems(jsonld.contributor_data(expert)) == []
    assert check_page(client.get(expert.get_absolute_url()).content) == []
    assert b'href="https://eve.example/"' in client.get(expert.get_absolute_url()).content
