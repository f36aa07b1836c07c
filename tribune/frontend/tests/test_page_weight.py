"""What a reader downloads stays small, comes from Tribune's own origin, and the article's lead photo comes first.

Sizes are gzip at level 6, what a typical server sends. Static files are read where ``collectstatic`` finds them.
"""

import gzip
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from faker import Faker

from django.conf import settings as django_settings
from django.contrib.staticfiles import finders

from tests.factories import UserFactory, make_article, make_contributor, make_image, paragraph
from tribune.discussion.tests.test_query_budget import approved_discussion
from tribune.newsroom.models import ArticleRelatedPick
from tribune.newsroom.services import series_ensure, series_index_ensure
from tribune.taxonomy.models import Country

GZIP_LEVEL = 6
KB = 1024
# Gzipped bytes. Measured 2026-11-29: the long article below with 1,000 comments 14,828 for an anonymous reader
# (58,504 unzipped) and 17,416 signed in; the two stylesheets 4,775; the scripts 313 (the comment counter, for
# signed-in readers only).
# Fonts (2026-12-06): an English page preloads the house Latin headline and text faces (22.4 + 21.8 KB of WOFF2,
# already compressed) and the switcher's face of Devanagari language names (10.9 KB): 55 KB. The budget is new with
# the Latin faces; 64 KB leaves room for a glyph or two, not for a third preloaded face, which should argue its case.
WEIGHT_BUDGETS = {"article_html": 60 * KB, "css": 30 * KB, "js": 20 * KB, "preloaded_fonts": 64 * KB}
# Links whose target the browser fetches while it loads the page.
FETCHED_LINK_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "icon",
    "manifest",
}


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.TRIBUNE_PAGE_CACHE_SECONDS = 0  # measure rendering, not a cached copy


@dataclass
class Tag:
    name: str
    attrs: dict
    in_head: bool
    in_lead_figure: bool

    @property
    def rels(self) -> set[str]:
        return set((self.attrs.get("rel") or "").lower().split())


class ParsedPage(HTMLParser):
    """The tags of a page, each marked as in <head> or in the article's lead-photo <figure>, and inline scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self.inline_scripts: list[str] = []
        self._in_head = False
        self._lead_figures = 0
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag == "figure" and (self._lead_figures or "article__lead-image" in (attrs.get("class") or "")):
            self._lead_figures += 1
        elif tag == "script" and not attrs.get("src"):
            self._script = attrs
            self.inline_scripts.append("")
        self.tags.append(Tag(tag, attrs, self._in_head, self._lead_figures > 0))

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        elif tag == "figure" and self._lead_figures:
            self._lead_figures -= 1
        elif tag == "script":
            self._script = None

    def handle_data(self, data):
        # JSON-LD is data for search engines, not code the browser runs.
        if self._script is not None and self._script.get("type", "text/javascript") != "application/ld+json":
            self.inline_scripts[-1] += data

    def find(self, name: str, **where) -> list[Tag]:
        return [tag for tag in self.tags if tag.name == name and all(getattr(tag, k) == v for k, v in where.items())]


def parse(response) -> ParsedPage:
    assert response.status_code == 200
    page = ParsedPage()
    page.feed(response.content.decode())
    page.close()
    return page


def srcset_urls(srcset: str | None) -> list[str]:
    return [candidate.split()[0] for candidate in (srcset or "").split(",") if candidate.strip()]


def fetched_urls(page: ParsedPage) -> list[str]:
    """Every URL the browser fetches to show the page: stylesheets, scripts, images, preloads, icons."""
    urls = []
    for tag in page.tags:
        attrs = tag.attrs
        if tag.name == "link" and tag.rels & FETCHED_LINK_RELS:
            urls += [attrs.get("href"), *srcset_urls(attrs.get("imagesrcset"))]
        elif tag.name in {"script", "img", "source", "video", "audio", "track", "input"}:
            urls += [attrs.get("src"), attrs.get("poster"), *srcset_urls(attrs.get("srcset"))]
    return [url for url in urls if url]


def is_same_origin(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    return parts.scheme in {"", "http", "https"} and parts.netloc in {"", "testserver"}


def static_file(url: str) -> bytes:
    path = urlsplit(url).path
    assert path.startswith(django_settings.STATIC_URL), f"{url} is not a static file"
    found = finders.find(path.removeprefix(django_settings.STATIC_URL))
    assert found, f"no static file for {url}"
    return Path(found).read_bytes()


def gzipped_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=GZIP_LEVEL))


def verified_reader(username: str):
    user = UserFactory(username=username, display_name=username.title())
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def long_article(home, section, other_section):
    """A long analysis as editors publish it: three experts with photos, a lead photo, 2,500 words with
    subheadings, quotes, figures, a body photo and a related card, topics, countries, a series and related
    reading. Its text is varied, like real prose, so that compression is not flattered by repetition."""
    words = Faker("en_US")
    words.seed_instance(2026)
    countries = list(Country.objects.filter(code__in=["KE", "NG", "ET"]))
    series = series_ensure(index=series_index_ensure(home=home), slug="water", title="Running dry")
    related = [
        make_article(
            section if i % 2 else other_section,
            title=words.sentence(nb_words=9).rstrip("."),
            standfirst=words.sentence(nb_words=24),
            topics=["water", "climate"],
            countries=countries[:1],
            lead_image=make_image(),
        )
        for i in range(5)
    ]
    authors = [
        make_contributor(
            name=words.name(),
            role="Senior Fellow",
            affiliation=words.company(),
            short_bio=words.paragraph(nb_sentences=3),
            disclosure=words.sentence(nb_words=18) if i == 0 else "",
            photo=make_image(),
        )
        for i in range(3)
    ]
    body = []
    for chapter in range(6):
        body.append(("heading", words.sentence(nb_words=6).rstrip(".")))
        # Sentences of about 17 words, as in newspaper prose: six chapters of five paragraphs make 2,500 words.
        body += [paragraph(" ".join(words.sentence(nb_words=17) for _ in range(5))) for _ in range(5)]
        if chapter == 1:
            body.append(("pull_quote", {"text": words.sentence(nb_words=20)}))
            body.append(("image", {"image": make_image(), "caption": words.sentence(nb_words=14), "wide": True}))
        if chapter == 2:
            body.append(
                (
                    "quote",
                    {
                        "text": words.paragraph(nb_sentences=3),
                        "speaker": authors[1].name,
                        "role": authors[1].role_line,
                        "contributor": authors[1],
                    },
                )
            )
            figures = [{"value": f"{n * 7}%", "label": words.sentence(nb_words=5)} for n in range(1, 5)]
            body.append(("key_figures", {"title": "In numbers", "figures": figures, "source": words.company()}))
        if chapter == 3:
            body.append(("related_link", {"page": related[0], "title": ""}))
    article = make_article(
        section,
        title=words.sentence(nb_words=11).rstrip("."),
        standfirst=words.paragraph(nb_sentences=2),
        contributors=authors,
        body=body,
        topics=["water", "climate", "agriculture", "elections"],
        countries=countries,
        series=series,
        lead_image=make_image(),
    )
    article.related_picks = [ArticleRelatedPick(article=pick, sort_order=i) for i, pick in enumerate(related[1:3])]
    article.save_revision().publish()
    return article


@pytest.mark.parametrize("viewer", ["anonymous", "signed_in"])
def test_a_long_article_with_1000_comments_weighs_at_most_60_kb_gzipped(client, long_article, viewer):
    assert long_article.body_word_count() > 2400
    approved_discussion(long_article, total=1000)
    if viewer == "signed_in":
        client.force_login(verified_reader("weighing-reader"))

    response = client.get(long_article.url)

    assert response.status_code == 200
    assert 'id="discussion"' in response.content.decode()
    size = gzipped_size(response.content)
    assert size <= WEIGHT_BUDGETS["article_html"], f"{viewer}: {size / KB:.1f} KB gzipped, budget 60 KB"


def test_one_thread_of_999_replies_shows_its_first_replies_and_stays_within_60_kb(client, long_article):
    approved_discussion(long_article, total=1000, one_thread=True)

    response = client.get(long_article.url)

    size = gzipped_size(response.content)
    assert size <= WEIGHT_BUDGETS["article_html"], f"{size / KB:.1f} KB gzipped, budget 60 KB"
    assert "Show 989 more replies" in response.content.decode()


@pytest.fixture
def reader_pages(client, home, section, long_article):
    """Home, section and article pages as an anonymous reader and as a signed-in one (who gets the comment form)."""
    approved_discussion(long_article, total=5)
    urls = {"home": "/", "section": section.url, "article": long_article.url}
    pages = {name: parse(client.get(url)) for name, url in urls.items()}
    client.force_login(verified_reader("signed-in-reader"))
    pages |= {f"{name} (signed in)": parse(client.get(url)) for name, url in urls.items()}
    return pages


def test_the_stylesheets_a_reader_page_links_weigh_at_most_30_kb_gzipped(reader_pages):
    hrefs = {
        tag.attrs["href"] for page in reader_pages.values() for tag in page.find("link") if "stylesheet" in tag.rels
    }
    stylesheets = [static_file(href) for href in sorted(hrefs)]
    inline = [tag for page in reader_pages.values() for tag in page.find("style")]

    assert stylesheets
    assert not inline, "inline <style> would be weighed here"
    size = sum(gzipped_size(css) for css in stylesheets)
    assert size <= WEIGHT_BUDGETS["css"], f"{sorted(hrefs)}: {size / KB:.1f} KB gzipped, budget 30 KB"


def test_the_fonts_an_english_reader_page_preloads_weigh_at_most_64_kb(reader_pages):
    for name, page in reader_pages.items():
        fonts = [tag.attrs["href"] for tag in page.find("link", in_head=True) if tag.attrs.get("as") == "font"]
        size = sum(len(static_file(href)) for href in fonts)  # WOFF2 is compressed already: its bytes are sent

        assert fonts, f"{name} preloads no font"
        assert size <= WEIGHT_BUDGETS["preloaded_fonts"], f"{name}: {fonts} weigh {size / KB:.1f} KB, budget 64 KB"


def test_the_scripts_a_reader_page_references_weigh_at_most_20_kb_gzipped(reader_pages):
    srcs = {tag.attrs["src"] for page in reader_pages.values() for tag in page.find("script") if tag.attrs.get("src")}
    inline = {script for page in reader_pages.values() for script in page.inline_scripts if script.strip()}

    size = sum(gzipped_size(static_file(src)) for src in srcs) + sum(gzipped_size(s.encode()) for s in inline)
    assert size <= WEIGHT_BUDGETS["js"], f"{sorted(srcs)} and {len(inline)} inline: {size / KB:.1f} KB gzipped"


def test_reader_pages_load_nothing_from_other_origins(reader_pages):
    foreign = {
        name: [url for url in fetched_urls(page) if not is_same_origin(url)] for name, page in reader_pages.items()
    }

    assert all(fetched_urls(page) for page in reader_pages.values())
    assert not any(foreign.values()), f"third-party resources: {foreign}"


def test_the_stylesheets_import_nothing_from_other_origins(reader_pages):
    hrefs = {
        tag.attrs["href"] for page in reader_pages.values() for tag in page.find("link") if "stylesheet" in tag.rels
    }
    for href in hrefs:
        css = static_file(href).decode()
        references = re.findall(r"""url\(\s*['"]?([^'")\s]+)""", css) + re.findall(r"""@import\s+['"]([^'"]+)""", css)
        assert all(is_same_origin(url) for url in references), f"{href} loads {references}"


def test_the_article_preloads_its_lead_photo_with_the_srcset_and_sizes_its_picture_uses(client, long_article):
    page = parse(client.get(long_article.url))

    preloads = [tag for tag in page.find("link") if "preload" in tag.rels and tag.attrs.get("as") == "image"]
    assert len(preloads) == 1
    preload = preloads[0]
    assert preload.in_head
    webp = [tag for tag in page.find("source", in_lead_figure=True) if tag.attrs.get("type") == "image/webp"]
    assert len(webp) == 1, "the lead <picture> offers WebP first"
    (img,) = page.find("img", in_lead_figure=True)

    # The browser picks the WebP source, so the preload must name exactly its candidates, or it fetches twice.
    assert preload.attrs.get("type") == "image/webp"
    assert preload.attrs["imagesrcset"] == webp[0].attrs["srcset"]
    assert len(srcset_urls(preload.attrs["imagesrcset"])) >= 3
    assert preload.attrs["imagesizes"] == webp[0].attrs["sizes"] == img.attrs["sizes"]
    assert preload.attrs.get("href") in srcset_urls(webp[0].attrs["srcset"])
    assert preload.attrs.get("fetchpriority") == "high"


def test_the_lead_photo_is_fetched_first_and_never_lazily(client, long_article):
    page = parse(client.get(long_article.url))

    (img,) = page.find("img", in_lead_figure=True)
    assert img.attrs.get("fetchpriority") == "high"
    assert img.attrs.get("loading") != "lazy"
    assert img.attrs.get("width") and img.attrs.get("height")
