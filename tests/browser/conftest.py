"""Browser tests: Debian's headless Chromium, driven by Playwright, against pytest-django's live server.

Every test here is marked ``browser``. When Chromium or axe-core is missing the tests skip on a developer's machine
and fail in CI, which sets TRIBUNE_REQUIRE_BROWSER=1.
"""

import io
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from PIL import Image
from playwright.sync_api import expect, sync_playwright

from django.db import connections
from django.utils import timezone

from tribune.accounts.models import User
from tribune.contributors.models import Contributor
from tribune.editorial.roles import role_assign
from tribune.newsroom.models import ArticlePage, SectionPage, SeriesPage
from tribune.newsroom.services import section_ensure, series_ensure, series_index_ensure, top_stories_set

from ..factories import UserFactory, make_article, make_contributor, make_image, paragraph

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_MISSING = "Chromium not installed (apt-get install chromium)"
# Flags that keep Debian's Chromium headless, offline and quiet; Playwright never downloads a browser of its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = HERE.parents[1] / "node_modules" / "axe-core" / "axe.min.js"
AXE_MISSING = "run npm ci for axe-core"
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}
# A rendered page has text, rules and pictures; an empty or failed render is one or two flat colours.
MIN_SCREENSHOT_COLOURS = 32
# UserFactory's password: people in browser tests sign in with it through the admin login form.
PASSWORD = "correct-horse-battery"


def require(available: bool, reason: str) -> None:
    """Skip when a browser tool is missing, unless CI (TRIBUNE_REQUIRE_BROWSER=1) needs these tests to run."""
    if available:
        return
    if os.environ.get("TRIBUNE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}. TRIBUNE_REQUIRE_BROWSER=1 is set, so browser tests may not be skipped.", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM.exists(), CHROMIUM_MISSING)
    test_database_connections = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        # Playwright's sync API leaves its asyncio loop marked as running in this thread. Django then refuses ORM
        # calls (safe here: the live server answers from its own thread) and keeps connections in a context-local
        # store, where fresh ones would lack the serialized rollback data; so allow the calls and pin the connections.
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, connection in test_database_connections.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module", autouse=True)
def _migration_rows_put_back(django_db_setup, django_db_blocker):
    """Leave the database as the migrations made it for the tests that follow in this process.

    Each live-server test ends with a flush, and the serialized rollback only refills the tables when the next such
    test starts; pytest-xdist runs the largest files first, so ordinary database tests can come after this module.
    """
    yield
    with django_db_blocker.unblock():
        for alias in connections:
            connection = connections[alias]
            if hasattr(connection, "_test_serialized_contents"):
                connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh browser context made with Playwright's context options (viewport, color_scheme…)."""
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(**{"viewport": DESKTOP_VIEWPORT, **context_options})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    require(AXE.exists(), AXE_MISSING)
    return AXE


@pytest.fixture
def screenshot(tmp_path):
    """Take a full-page screenshot, keep it in the test's temporary directory, and check that it shows something."""

    def take(page, name: str) -> Path:
        png = page.screenshot(full_page=True)
        path = tmp_path / f"{name}.png"
        path.write_bytes(png)
        image = Image.open(io.BytesIO(png)).convert("RGB")
        colours = len(image.getcolors(maxcolors=image.width * image.height))
        assert colours > MIN_SCREENSHOT_COLOURS, f"{name} screenshot looks blank ({colours} colours): {path}"
        return path

    return take


@dataclass(frozen=True)
class ReaderSite:
    url: str
    photo_year: int
    sections: list[SectionPage]
    series: SeriesPage
    contributors: dict[str, Contributor]
    lead: ArticlePage
    articles: list[ArticlePage]


@pytest.fixture
def reader_site(home, section, other_section, live_server, django_db_serialized_rollback) -> ReaderSite:
    """A small published outlet on the live server: two sections, two experts, four illustrated articles.

    The live server needs committed data, so these tests are transactional; the serialized rollback puts back the
    migrations' rows (root page, default site and collection, groups) that the flush after each test removes.
    """
    year = timezone.now().year
    amara = make_contributor(
        slug="amara-okafor", name="Amara Okafor", role="Senior Fellow", affiliation="Lagos Institute of Governance"
    )
    tomas = make_contributor(
        slug="tomas-lindqvist", name="Tomas Lindqvist", role="Economist", affiliation="Nordic Policy Forum"
    )
    series = series_ensure(
        index=series_index_ensure(home=home),
        slug="election-watch",
        title="Election Watch",
        summary="Following the vote from campaign to count.",
    )

    def illustrated_article(target_section, **fields):
        photo = make_image(caption="Negotiators leave the coalition talks.", year_taken=year)
        return make_article(target_section, lead_image=photo, body=[paragraph("Measured words. " * 60)], **fields)

    lead = illustrated_article(
        section,
        slug="coalition-arithmetic",
        title="Why the coalition arithmetic no longer adds up",
        standfirst="Three parties, two red lines and one budget make a stable majority unlikely.",
        contributors=[amara],
        series=series,
        topics=["elections"],
    )
    articles = [
        lead,
        illustrated_article(
            section,
            slug="turnout-question",
            title="Turnout is the question nobody polled",
            standfirst="Low-propensity voters decided the last two elections.",
            contributors=[amara],
            topics=["elections"],
        ),
        illustrated_article(
            other_section,
            slug="inflation-stubborn",
            title="Inflation is stubborn for good reasons",
            standfirst="Services prices follow wages, and wages are still catching up.",
            contributors=[tomas],
            kind="opinion",
        ),
        illustrated_article(
            other_section,
            slug="central-bank-patience",
            title="The central bank should be patient",
            standfirst="Cutting early risks the credibility it took a decade to win.",
            contributors=[tomas, amara],
            kind="opinion",
        ),
    ]
    top_stories_set(home=home, lead=lead, articles=[articles[2]])
    return ReaderSite(
        url=live_server.url,
        photo_year=year,
        sections=[section, other_section],
        series=series,
        contributors={"amara": amara, "tomas": tomas},
        lead=lead,
        articles=articles,
    )


@dataclass(frozen=True)
class EditorialDesk:
    url: str
    section: SectionPage
    contributor: User
    profile: Contributor
    editor: User


@pytest.fixture
def server_paused(live_server):
    """Answer the browser's requests one at a time; ``with server_paused():`` lets the test use the ORM meanwhile.

    The live server answers each request in a thread of its own, and on SQLite every thread shares the test
    database's single connection. The page editor talks to the server in the background (autosave, editing-session
    pings, a beacon when it closes) while forms are submitted and while the test reads or writes; interleaved
    transactions break each other ("no such savepoint"). One lock around the application, which the test takes
    too, keeps every use of the connection whole.
    """
    server = live_server.thread.httpd
    application = server.get_app()
    lock = threading.RLock()

    def one_at_a_time(environ, start_response):
        with lock:
            return application(environ, start_response)

    @contextmanager
    def paused():
        with lock:
            yield

    server.set_app(one_at_a_time)
    yield paused
    server.set_app(application)


@pytest.fixture
def editorial_desk(home, live_server, django_db_serialized_rollback, server_paused) -> EditorialDesk:
    """The Politics desk on the live server: an expert with a published profile linked to their account, and the
    section's editor. Transactional, like ``reader_site``, with the same serialized rollback of migration rows."""
    politics = section_ensure(home=home, slug="politics", title="Politics", tagline="Power and how it is used")
    contributor = UserFactory(username="amara", first_name="Amara", last_name="Okafor", password=PASSWORD)
    role_assign(user=contributor, role="contributor", sections=[politics])
    profile = make_contributor(
        slug="amara-okafor",
        name="Amara Okafor",
        role="Senior Fellow",
        affiliation="Lagos Institute of Governance",
        short_bio="Writes about coalitions and the budgets that hold them together.",
        user=contributor,
    )
    editor = UserFactory(username="dana", first_name="Dana", last_name="Mensah", password=PASSWORD)
    role_assign(user=editor, role="editor", sections=[politics])
    return EditorialDesk(url=live_server.url, section=politics, contributor=contributor, profile=profile, editor=editor)


@pytest.fixture
def admin_login(live_server):
    """Sign in through the login form (/admin/login/ leads to allauth's) as a person would; land on the admin."""

    def log_in(page, user: User, password: str = PASSWORD) -> None:
        # Accounts sign in once their address is confirmed (ACCOUNT_EMAIL_VERIFICATION); these people's are.
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        page.goto(live_server.url + "/admin/login/?next=/admin/")
        page.locator("#id_login").fill(user.get_username())
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign In").click()
        expect(page).to_have_url(live_server.url + "/admin/")

    return log_in
