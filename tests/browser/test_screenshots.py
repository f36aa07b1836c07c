"""The reader pages as a reader sees them, photographed at a phone's, a tablet's and a desktop's width in both themes,
with the layout measured while they are open.

The demo outlet is loaded; home, a section, an article, an expert's page, search results and the 404 page are taken
full-page at 375, 768 and 1280 px in the light and the dark theme (``prefers-color-scheme``: the stylesheet follows
the reader's system). The PNGs land in ``TRIBUNE_SCREENSHOT_DIR`` (default ``var/screenshots/``, git-ignored), named
``<page>-<width>-<theme>.png``. Each view is checked for: no horizontal overflow; a header at most 100 px high on a
phone; every section reachable (in the bar, or in the opened menu); no card-grid row with a blank column at 1280;
card summaries of at most three lines; and an article measure of 60–75 characters.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from django.test import Client
from django.utils import translation

from tribune.contributors.models import Contributor
from tribune.demo.loader import load_demo
from tribune.newsroom.models import ArticlePage, SectionPage

from .test_reader_journey import OVERFLOWING_ELEMENTS

pytestmark = pytest.mark.same_on_every_database  # see pyproject.toml: CI's PostgreSQL pass leaves it out

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = (375, 768, 1280)
THEMES = ("light", "dark")
MAX_PHONE_HEADER = 100
MAX_SUMMARY_LINES = 3
MEASURE = (60, 75)

# Rows of each card grid at this width: the cards sharing a top edge, and whether they reach the grid's right edge.
GRID_ROWS = """() => [...document.querySelectorAll(".card-grid")].flatMap((grid, index) => {
    const box = grid.getBoundingClientRect();
    const rows = new Map();
    for (const card of grid.children) {
        const r = card.getBoundingClientRect();
        const top = Math.round(r.top);
        rows.set(top, [...(rows.get(top) || []), r]);
    }
    return [...rows.values()].map(cards => ({
        grid: index,
        cards: cards.length,
        gap: Math.round(box.right - Math.max(...cards.map(r => r.right))),
        lead: Math.round(Math.min(...cards.map(r => r.left)) - box.left),
    }));
})"""
# Each card summary's height in lines of its own line height.
SUMMARY_LINES = """() => [...document.querySelectorAll(".card__standfirst")].map(p => {
    const style = getComputedStyle(p);
    return {text: p.textContent.slice(0, 40), lines: p.getBoundingClientRect().height / parseFloat(style.lineHeight)};
})"""
# Characters a line of the article's first long paragraph holds: its width over the mean width of its characters.
MEASURE_CHARS = """() => {
    const p = [...document.querySelectorAll(".article__body p")].find(p => p.textContent.length > 300);
    if (!p) return null;
    const style = getComputedStyle(p);
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = p.textContent.trim();
    return p.clientWidth / (context.measureText(text).width / text.length);
}"""

LOAD_LAZY_IMAGES = """() => Promise.all([...document.images].map(img => {
    img.loading = "eager";
    return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
}))"""


def screenshot_dir() -> Path:
    directory = Path(os.environ.get("TRIBUNE_SCREENSHOT_DIR") or ROOT / "var" / "screenshots")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture
def demo_site(live_server, django_db_serialized_rollback):
    load_demo(log=lambda line: None)
    client = Client()  # make the renditions before the browser asks, so no view outlasts its timeout
    for page in ["/", *(article.url for article in ArticlePage.objects.live())]:
        assert client.get(page).status_code == 200
    return live_server.url


def reader_pages() -> dict[str, str]:
    """The English edition's pages (the demo loader leaves another edition's language active)."""
    with translation.override("en"):
        return _reader_pages()


def _reader_pages() -> dict[str, str]:
    section = SectionPage.objects.live().filter(show_in_menus=True, locale__language_code="en").order_by("path").first()
    article = ArticlePage.objects.live().filter(kind="opinion").exclude(lead_image=None).order_by("-first_published_at")
    expert = Contributor.objects.filter(live=True).order_by("pk").first()
    return {
        "home": "/",
        "section": section.url,
        "article": (article.first() or ArticlePage.objects.live().first()).url,
        "expert": expert.get_absolute_url(),
        "search": "/search/?q=election",
        "404": "/no-such-page/",
    }


def test_reader_pages_at_three_widths_in_both_themes_lay_out_like_a_publication(demo_site, new_page, screenshot):
    directory = screenshot_dir()
    sections = list(
        SectionPage.objects.live()
        .filter(show_in_menus=True, locale__language_code="en")
        .values_list("title", flat=True)
    )
    pages = reader_pages()
    problems = []
    for theme in THEMES:
        for width in WIDTHS:
            page = new_page(viewport={"width": width, "height": 900}, color_scheme=theme)
            for name, path in pages.items():
                response = page.goto(demo_site + path)
                assert response.status == (404 if name == "404" else 200), path
                page.evaluate("document.fonts.ready.then(() => true)")
                view = f"{name} at {width} ({theme})"

                overflow = page.evaluate("document.scrollingElement.scrollWidth - innerWidth")
                if overflow > 0:
                    problems.append(f"{view}: {overflow}px too wide: {page.evaluate(OVERFLOWING_ELEMENTS)}")
                header = page.locator(".site-header").bounding_box()["height"]
                if width == 375 and header > MAX_PHONE_HEADER:
                    problems.append(f"{view}: the header is {header:.0f}px high")
                for row in page.evaluate(GRID_ROWS) if width == 1280 else []:
                    if row["gap"] > 2 or row["lead"] > 2:
                        problems.append(f"{view}: a card-grid row of {row['cards']} leaves {row['gap']}px blank")
                for summary in page.evaluate(SUMMARY_LINES):
                    if summary["lines"] > MAX_SUMMARY_LINES + 0.2:
                        problems.append(f"{view}: a summary of {summary['lines']:.1f} lines: {summary['text']}")
                if name == "article" and width == 1280:
                    chars = page.evaluate(MEASURE_CHARS)
                    if not MEASURE[0] <= chars <= MEASURE[1]:
                        problems.append(f"{view}: {chars:.0f} characters a line")

                # A full-page picture shows the whole page: fetch the pictures a reader would load on scrolling.
                page.evaluate(LOAD_LAZY_IMAGES)
                target = screenshot(page, f"{name}-{width}-{theme}")
                (directory / target.name).write_bytes(target.read_bytes())

            # Every section is reachable: in the bar on a wide screen, in the menu (opened without a script) on a phone.
            page.goto(demo_site + "/")
            toggle = page.locator(".site-menu__toggle")
            if toggle.is_visible():
                toggle.click()
                expect(page.locator(".site-menu")).to_have_attribute("open", "")
                if theme == "light":
                    target = screenshot(page, f"menu-{width}-{theme}")
                    (directory / target.name).write_bytes(target.read_bytes())
            nav = page.get_by_role("navigation", name="Sections")
            for title in [*sections, "Experts"]:
                if not nav.get_by_role("link", name=title, exact=True).is_visible():
                    problems.append(f"menu at {width} ({theme}): {title} cannot be reached")
            page.context.close()

    assert not problems, "\n".join(problems)
