"""A reader switches a demo article between its English, Hindi and Russian editions in a real browser."""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from django.test import Client

from wagtail.models import Locale

from tribune.demo.loader import ALL_ARTICLES, EDITIONS, load_demo
from tribune.newsroom.models import ArticlePage

from .test_reader_journey import OVERFLOWING_ELEMENTS

# Until the core settings enable them by default, the editions' languages are switched on here.
EDITION_LANGUAGES = [("en", "English"), ("hi", "हिन्दी"), ("ru", "Русский")]
TRANSLATED = "grid-batteries-and-the-evening-peak"  # in both editions
RUSSIAN_WITHDRAWN = "food-import-bills-squeeze-net-importers"  # its Russian translation is unpublished below
UNTRANSLATED = "nordic-curtailment-rises-as-grids-lag"  # in no edition
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@dataclass(frozen=True)
class Editions:
    url: str
    english: ArticlePage
    hindi: ArticlePage
    russian: ArticlePage


@pytest.fixture
def demo_editions(settings, live_server, django_db_serialized_rollback) -> Editions:
    """The demo's English sources of the editions' translations, one untranslated article and both editions."""
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = EDITION_LANGUAGES
    slugs = {data["source"] for edition in EDITIONS.values() for data in edition["translations"]} | {UNTRANSLATED}
    load_demo(log=lambda line: None, article_data=[data for data in ALL_ARTICLES if data["slug"] in slugs])
    english = ArticlePage.objects.get(locale__language_code="en", slug=TRANSLATED)
    withdrawn = ArticlePage.objects.get(locale__language_code="en", slug=RUSSIAN_WITHDRAWN)
    withdrawn.get_translation(Locale.objects.get(language_code="ru")).unpublish()
    editions = Editions(
        url=live_server.url,
        english=english,
        hindi=english.get_translation(Locale.objects.get(language_code="hi")),
        russian=english.get_translation(Locale.objects.get(language_code="ru")),
    )
    # The first view of each lead image makes its renditions, which can outlast the browser's timeout on a busy
    # machine; make them before the browser asks.
    client = Client()
    for article in ArticlePage.objects.filter(locale__language_code="en"):
        assert client.get(article.url).status_code == 200
    return editions


def switcher_languages(page) -> tuple[list[str], str]:
    """The languages the switcher links to, and the one it marks as current."""
    switcher = page.locator("nav.language-switcher")
    expect(switcher).to_have_count(1)
    links = switcher.locator("a[hreflang]")
    for i in range(links.count()):
        link = links.nth(i)
        assert link.get_attribute("lang") == link.get_attribute("hreflang")
    return (
        sorted(links.evaluate_all("links => links.map(a => a.hreflang)")),
        switcher.locator('[aria-current="true"]').get_attribute("lang"),
    )


def test_reader_switches_an_article_from_english_to_hindi_to_russian(demo_editions, page):
    site = demo_editions

    page.goto(site.url + site.english.url)

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(site.english.title)
    assert switcher_languages(page) == (["hi", "ru"], "en")

    page.locator('nav.language-switcher a[hreflang="hi"]').click()

    expect(page).to_have_url(site.url + site.hindi.url)
    assert site.hindi.url.startswith("/hi/")
    expect(page.locator("html")).to_have_attribute("lang", "hi")
    expect(page.locator("h1")).to_have_text(site.hindi.title)
    assert switcher_languages(page) == (["en", "ru"], "hi")

    page.locator('nav.language-switcher a[hreflang="ru"]').click()

    expect(page).to_have_url(site.url + site.russian.url)
    assert site.russian.url.startswith("/ru/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_have_text(site.russian.title)
    assert switcher_languages(page) == (["en", "hi"], "ru")


def test_the_switcher_offers_only_translations_that_exist_and_are_live(demo_editions, page):
    site = demo_editions
    withdrawn = ArticlePage.objects.get(locale__language_code="en", slug=RUSSIAN_WITHDRAWN)
    untranslated = ArticlePage.objects.get(locale__language_code="en", slug=UNTRANSLATED)

    page.goto(site.url + withdrawn.url)

    assert switcher_languages(page) == (["hi"], "en")

    page.goto(site.url + untranslated.url)

    expect(page.locator("h1")).to_have_text(untranslated.title)
    expect(page.locator("nav.language-switcher")).to_have_count(0)


@pytest.mark.same_on_every_database
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_hindi_and_russian_articles_render_in_their_scripts_without_overflow(
    demo_editions, new_page, screenshot, viewport
):
    page = new_page(viewport=viewport)
    for code, article in (("hi", demo_editions.hindi), ("ru", demo_editions.russian)):
        response = page.goto(demo_editions.url + article.url)

        assert response.status == 200
        expect(page.locator("html")).to_have_attribute("lang", code)
        expect(page.locator("h1")).to_have_text(article.title)
        expect(page.locator(".article__standfirst")).to_have_text(article.standfirst)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= viewport["width"] + 1, f"too wide: {page.evaluate(OVERFLOWING_ELEMENTS)}"
        lead_image = page.locator(".article__lead-image img")
        assert lead_image.evaluate("img => img.complete && img.naturalWidth > 0"), "the lead image did not load"
        screenshot(page, f"article-{code}-{viewport['width']}")


# Every element whose own text holds Devanagari, with the fonts Chromium drew that text with.
DEVANAGARI_TEXT_FONTS = re.compile(r"[\u0900-\u097f]")


def fonts_drawing_devanagari(page) -> list[tuple[str, set[str]]]:
    """(text, web fonts) for each element on the page whose own text is Devanagari, as the browser drew it."""
    page.evaluate("document.fonts.ready.then(() => true)")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    found = []

    def walk(node):
        children = node.get("children", [])
        if node.get("nodeType") == 1 and node.get("nodeName") in {"SCRIPT", "STYLE", "HEAD"}:
            return
        own_text = "".join(child.get("nodeValue", "") for child in children if child.get("nodeType") == 3)
        if node.get("nodeType") == 1 and DEVANAGARI_TEXT_FONTS.search(own_text):
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
            if fonts:  # none: not drawn at all (folded away in a closed <details>)
                # A web font is reported by the family name inside its file ("Noto Sans Devanagari"), flagged custom.
                found.append((own_text.strip(), {font["familyName"] for font in fonts if font["isCustomFont"]}))
        for child in children:
            walk(child)

    walk(cdp.send("DOM.getDocument", {"depth": -1})["root"])
    return found


@pytest.mark.same_on_every_database
def test_every_piece_of_hindi_text_is_drawn_with_the_editions_fonts(demo_editions, new_page):
    """Bold navigation, buttons and the serif's regular weight are not preloaded: they must still arrive and be used,
    or a machine without a Devanagari system font shows empty boxes. The other editions' switchers name Hindi in
    Hindi, drawn by the small face of language names."""
    page = new_page(viewport=DESKTOP)
    hindi_home = demo_editions.hindi.get_parent().get_parent().url
    for url in (demo_editions.hindi.url, demo_editions.hindi.get_parent().url, hindi_home):
        page.goto(demo_editions.url + url)
        drawn = fonts_drawing_devanagari(page)

        assert len(drawn) > 10, "the page shows Hindi text"
        undrawn = [text for text, web_fonts in drawn if not any("Devanagari" in font for font in web_fonts)]
        assert not undrawn, f"{url}: Devanagari text drawn without the edition's fonts: {undrawn[:5]}"
    for url in (demo_editions.english.url, demo_editions.russian.url):
        page.goto(demo_editions.url + url)
        drawn = fonts_drawing_devanagari(page)

        assert [text for text, _fonts in drawn] == [dict(EDITION_LANGUAGES)["hi"]], "only the switcher is in Hindi"
        assert any("Devanagari" in font for font in drawn[0][1]), f"{url}: the switcher's Hindi drawn with {drawn}"


@pytest.mark.same_on_every_database
def test_the_admin_draws_the_hindi_editions_titles_with_the_editions_fonts(demo_editions, new_page, admin_login):
    """Editors of the Hindi edition read its titles in the admin, whatever fonts their machine has."""
    from tests.factories import UserFactory

    chief = UserFactory(username="chief-editor", is_staff=True, is_superuser=True)
    page = new_page(viewport=DESKTOP)
    admin_login(page, chief)

    page.goto(f"{demo_editions.url}/admin/pages/{demo_editions.hindi.get_parent().pk}/")
    drawn = fonts_drawing_devanagari(page)

    assert any(demo_editions.hindi.title in text for text, _fonts in drawn), "the explorer lists the Hindi article"
    undrawn = [text for text, web_fonts in drawn if not web_fonts]
    assert not undrawn, f"Devanagari text drawn without the edition's fonts in the admin: {undrawn[:5]}"


LAYOUT_SHIFT = """new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({type: "layout-shift", buffered: true});
    document.fonts.ready.then(() => setTimeout(() => resolve(total), 500));
})"""


@pytest.mark.same_on_every_database
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_hindi_and_russian_articles_do_not_move_as_their_fonts_arrive(demo_editions, new_page, viewport):
    """The faces a page shows first are preloaded: the text is laid out once (cumulative layout shift near zero,
    well under the 0.1 that counts as good). Alone the shift measures 0. Without the preloads every load of the Hindi
    article shifts as its Devanagari faces are swapped in (0.17-0.18 at 375 px, 0.07-0.08 at 1280 px). On a 2-core
    machine busy with the rest of the suite a preloaded face can still arrive after the first paint (0.021 and 0.067
    seen): that is the machine's load, not the page's, so each article gets up to three fresh loads and the calmest
    is judged."""
    for article in (demo_editions.hindi, demo_editions.russian):
        shifts = []
        for _load in range(3):
            page = new_page(viewport=viewport)  # a new browser context: no font in its cache yet
            page.goto(demo_editions.url + article.url)
            shifts.append(page.evaluate(LAYOUT_SHIFT))
            if shifts[-1] < 0.05:
                break

        assert min(shifts) < 0.05, f"{article.url}: layout shift of each load {shifts}"
