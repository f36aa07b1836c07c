"""The view beacon's script in a real browser: one view when an article opens, its read depth only once the reader
has scrolled and leaves, and nothing at all from a reader whose browser asks not to be tracked."""

from django.urls import reverse

PHONE = {"width": 375, "height": 640}


# The request events of Playwright carry no body for a beacon's Blob: record what the page hands sendBeacon instead,
# and let the beacon go out as it would.
RECORD_BEACONS = """
window.__beacons = [];
const send = navigator.sendBeacon.bind(navigator);
navigator.sendBeacon = (url, data) => {
  data.text().then(text => window.__beacons.push({ url: String(url), body: JSON.parse(text) }));
  return send(url, data);
};
"""


def beacons_of(page, endpoint: str):
    """A function returning the JSON bodies the page has sent to the beacon's address so far."""
    page.add_init_script(RECORD_BEACONS)

    def sent() -> list[dict]:
        page.wait_for_timeout(200)  # the deferred script has run and the Blob has been read
        return [beacon["body"] for beacon in page.evaluate("window.__beacons") if beacon["url"].endswith(endpoint)]

    return sent


def test_an_article_reports_one_view_on_opening_and_its_read_depth_when_left(reader_site, new_page):
    endpoint = reverse("analytics_view")
    page = new_page(viewport=PHONE)
    sent = beacons_of(page, endpoint)

    page.goto(reader_site.url + reader_site.lead.url)

    [view] = sent()
    assert set(view) == {"t", "r"}, "the first beacon counts the view: its page's token and the referrer"
    # Nothing more is sent while the reader scrolls, only when they leave.
    page.mouse.wheel(0, 100_000)
    assert len(sent()) == 1

    page.evaluate("window.dispatchEvent(new Event('pagehide'))")

    assert sent()[1:] == [{"t": view["t"], "d": 100}], "scrolled past the end of the text: the whole of it was read"
    page.evaluate("window.dispatchEvent(new Event('pagehide'))")
    assert len(sent()) == 2, "a depth is sent again only when it grew"


def test_a_reader_who_saw_the_whole_text_without_scrolling_reports_it_when_leaving(reader_site, new_page):
    endpoint = reverse("analytics_view")
    page = new_page(viewport={"width": 1280, "height": 4000})  # a screen taller than the article
    sent = beacons_of(page, endpoint)

    page.goto(reader_site.url + reader_site.lead.url)
    page.evaluate("window.dispatchEvent(new Event('pagehide'))")

    assert [beacon.get("d") for beacon in sent()] == [None, 100]


def test_a_browser_that_asks_not_to_be_tracked_sends_nothing(reader_site, new_page):
    endpoint = reverse("analytics_view")
    page = new_page(viewport=PHONE)
    page.add_init_script("Object.defineProperty(navigator, 'globalPrivacyControl', { get: () => true })")
    sent = beacons_of(page, endpoint)

    page.goto(reader_site.url + reader_site.lead.url)
    page.mouse.wheel(0, 100_000)
    page.evaluate("window.dispatchEvent(new Event('pagehide'))")

    assert page.locator("script[src*='analytics/beacon']").count() == 1, "the script is on the page, and stays quiet"
    assert sent() == []
