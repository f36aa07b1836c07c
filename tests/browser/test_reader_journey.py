"""A reader's path through the site in a real browser: front page, article, the author's profile."""

from playwright.sync_api import expect

NARROWEST_PHONE = {"width": 320, "height": 720}
# The elements wider than the viewport, to name in a failure message.
OVERFLOWING_ELEMENTS = """() => [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""))"""


def test_reader_goes_from_the_front_page_to_an_article_and_on_to_its_author(reader_site, page, screenshot):
    lead = reader_site.lead
    author = reader_site.contributors["amara"]

    response = page.goto(reader_site.url + "/")

    assert response.status == 200
    lead_headline = page.locator(".card--lead .card__title a")
    expect(lead_headline).to_be_visible()
    expect(lead_headline).to_have_text(lead.title)
    screenshot(page, "home")

    lead_headline.click()

    expect(page).to_have_url(reader_site.url + lead.url)
    expect(page.locator("h1")).to_have_text(lead.title)
    expect(page.locator(".article__standfirst")).to_have_text(lead.standfirst)
    expect(page.locator(".article__kicker")).to_contain_text(f"Series: {reader_site.series.title}")
    byline = page.locator(".article__byline .byline__name")
    expect(byline).to_have_text(author.name)
    caption = page.locator(".article__lead-image figcaption")
    expect(caption).to_be_visible()
    expect(caption).to_contain_text(lead.lead_image.caption)
    credit = caption.locator(".credit")
    expect(credit).to_be_visible()
    expect(credit).to_have_text(f"© MERIDIAN PHOTO AGENCY {reader_site.photo_year} / ANA RUIZ")
    lead_image = page.locator(".article__lead-image img")
    expect(lead_image).to_be_visible()
    assert lead_image.evaluate("img => img.complete && img.naturalWidth > 0"), "the lead image did not load"
    screenshot(page, "article")

    byline.click()

    expect(page).to_have_url(reader_site.url + author.get_absolute_url())
    expect(page.locator("h1")).to_have_text(author.name)
    their_titles = sorted(a.title for a in reader_site.articles if author in a.ordered_contributors)
    listed = page.locator("#contributor-articles + .card-grid .card__title")
    expect(listed).to_have_count(len(their_titles))
    assert sorted(listed.all_inner_texts()) == their_titles
    screenshot(page, "contributor")


def test_article_reads_the_same_with_javascript_disabled(reader_site, new_page):
    page = new_page(java_script_enabled=False)

    response = page.goto(reader_site.url + reader_site.lead.url)

    assert response.status == 200
    expect(page.locator("h1")).to_have_text(reader_site.lead.title)
    expect(page.locator(".article__byline .byline__name")).to_be_visible()
    expect(page.locator(".article__lead-image .credit")).to_be_visible()


def test_article_fits_the_narrowest_phone_without_sideways_scrolling(reader_site, new_page, screenshot):
    page = new_page(viewport=NARROWEST_PHONE)

    page.goto(reader_site.url + reader_site.lead.url)

    expect(page.locator("h1")).to_be_visible()
    screenshot(page, "article-320px")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= NARROWEST_PHONE["width"] + 1, (
        f"the article is {scroll_width}px wide at 320px; too wide: {page.evaluate(OVERFLOWING_ELEMENTS)}"
    )
