"""Every reader page is valid HTML (the Nu HTML checker) and passes axe-core, in the light and in the dark theme.

The outlet is built through the factories and services so that its pages show every kind of article, every body
block (images with credits, quotes, key figures, an embed, a related card), a discussion, corrections, a series,
a standard page, topic and country pages, search, sign-in and sign-up, and a second page of a listing. The live
server answers; all pages go to one run of the checker (the JVM is slow to start), and axe runs in Chromium on
each page in both colour schemes.
"""

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from tribune.discussion import services as discussion
from tribune.discussion.models import ModerationAction
from tribune.newsroom.models import StandardPage
from tribune.newsroom.services import correction_append
from tribune.taxonomy.models import Country

from ..factories import UserFactory, make_article, make_image, paragraph
from .conftest import DESKTOP_VIEWPORT, HERE, require

pytestmark = pytest.mark.same_on_every_database  # see pyproject.toml: CI's PostgreSQL pass leaves it out

VNU = HERE.parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
VNU_MISSING = "run npm ci for the Nu HTML checker (vnu-jar)"
JAVA_MISSING = "Java not installed (apt-get install default-jre-headless), needed by the Nu HTML checker"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]
RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})"""
# axe accepts one unnamed search landmark among named ones; Tribune names each, so screen readers tell them apart.
UNLABELLED_SEARCH_LANDMARKS = """landmarks => landmarks
    .filter(landmark => !landmark.getAttribute("aria-label") && !landmark.getAttribute("aria-labelledby"))
    .map(landmark => landmark.outerHTML.slice(0, 120))"""
PHONE_VIEWPORT = {"width": 375, "height": 812}
# Pages also checked, and photographed, at a phone's width.
PHONE_PAGES = ("home", "article-news", "search-results")
# What YouTube's oEmbed endpoint answers for a video (the frameborder and allow attributes are theirs).
EMBED_URL = "https://www.youtube.com/watch?v=tribune-demo"
EMBED_HTML = (
    '<iframe width="200" height="113" src="https://www.youtube.com/embed/tribune-demo?feature=oembed" '
    'frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; '
    'picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen '
    'title="How a coalition budget is negotiated"></iframe>'
)
LISTING_PAGE_SIZE = 2
# Elements each showcase page must contain, so a page that lost a block is not silently passing.
SHOWCASE_BLOCKS = {
    "article-news": [
        ".body-image .credit",
        ".pull-quote",
        "figure.quote .quote__speaker",
        ".key-figures",
        ".embed iframe",
        ".related-card",
        ".article__subheading",
        "#corrections",
    ],
    "article-discussion": [".comment"],
    "search-results": ["main .card"],
}


@dataclass(frozen=True)
class ReaderPage:
    path: str
    status: int = 200


@pytest.fixture
def reader_pages(reader_site, home, section, other_section, settings) -> dict[str, ReaderPage]:
    """The reader site of conftest, grown to show every kind of page and block; its pages by name."""
    settings.TRIBUNE_PAGE_SIZE = LISTING_PAGE_SIZE
    amara, tomas = reader_site.contributors["amara"], reader_site.contributors["tomas"]
    lead = reader_site.lead
    chief = UserFactory(username="chief", is_staff=True, is_superuser=True)
    pakistan = Country.objects.get(code="PK")
    Embed.objects.create(
        url=EMBED_URL,
        hash=get_embed_hash(EMBED_URL),
        type="video",
        html=EMBED_HTML,
        title="How a coalition budget is negotiated",
        provider_name="YouTube",
        width=200,
        height=113,
    )
    body_photo = make_image(caption="Ballot boxes wait to be counted.", alt_text="Sealed ballot boxes on a table")
    news = make_article(
        section,
        slug="budget-talks-resume",
        title="Budget talks resume after a week of silence",
        standfirst="The three coalition partners return to the table with a smaller gap between them.",
        kind="news",
        contributors=[amara],
        topics=["elections", "budgets"],
        countries=[pakistan],
        lead_image=make_image(caption="The finance ministry at dawn."),
        updated_at=lead.first_published_at,
        body=[
            paragraph('Talks resumed on Monday, <a href="/experts/">our experts</a> say, with <b>two</b> issues left.'),
            (
                "key_figures",
                {
                    "title": "The budget in numbers",
                    "figures": [{"value": "4.1%", "label": "Deficit target"}, {"value": "€2.3bn", "label": "Gap left"}],
                    "source": "Finance ministry, draft budget",
                },
            ),
            ("heading", "What is left to agree"),
            paragraph("Pensions and the fuel subsidy divide the partners. " * 8),
            ("image", {"image": body_photo, "caption": "", "wide": True}),
            ("pull_quote", {"text": "Nobody wants to be the party that ended the coalition."}),
            (
                "quote",
                {
                    "text": "The gap is smaller than it looks.\nBoth sides know the numbers.",
                    "speaker": "Amara Okafor",
                    "role": "Senior Fellow, Lagos Institute of Governance",
                    "contributor": amara,
                },
            ),
            ("quote", {"text": "We will not sign a budget that cuts pensions.", "speaker": "A party spokesperson"}),
            ("embed", EMBED_URL),
            ("related_link", {"page": lead, "title": ""}),
            paragraph("A vote is expected before the end of the month."),
        ],
    )
    correction_append(
        article=news, kind="correction", note="An earlier version gave the wrong deficit target.", user=chief
    )
    interview = make_article(
        other_section,
        slug="interview-finance-minister",
        title="“We will present a budget either way”",
        standfirst="The finance minister on red lines, deadlines and the cost of waiting.",
        kind="interview",
        contributors=[tomas],
    )
    explainer = make_article(
        section,
        slug="how-a-budget-passes",
        title="How a budget passes, step by step",
        standfirst="From the cabinet's draft to the final vote, and where it can fail.",
        kind="explainer",
        contributors=[tomas, amara],
        series=reader_site.series,
    )
    standard = home.add_child(
        instance=StandardPage(
            title="About Tribune",
            slug="about",
            body="<p>Tribune publishes expert opinion and analysis.</p><h2>Our standards</h2><p>We correct errors.</p>",
        )
    )
    standard.save_revision().publish()

    moderator = UserFactory(username="moira", first_name="Moira", last_name="Keane")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    readers = []
    for username, display_name in [("noor", "Noor Haddad"), ("lee", "Lee Park")]:
        reader = UserFactory(username=username, display_name=display_name)
        EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)
        readers.append(reader)
    first = discussion.comment_post(article=lead, author=readers[0], body="The fiscal rules bind all three partners.")
    discussion.comment_moderate(comment=first, moderator=moderator, action=ModerationAction.APPROVE)
    reply = discussion.comment_post(article=lead, author=readers[1], body="Nobody modelled a walk-out.", parent=first)
    discussion.comment_moderate(comment=reply, moderator=moderator, action=ModerationAction.APPROVE)

    opinion = reader_site.articles[2]
    return {
        "home": ReaderPage("/"),
        "section-analysis": ReaderPage(section.url),
        "section-opinion": ReaderPage(other_section.url),
        "section-page-2": ReaderPage(section.url + "?page=2"),
        "article-analysis": ReaderPage(lead.url),
        "article-opinion": ReaderPage(opinion.url),
        "article-news": ReaderPage(news.url),
        "article-interview": ReaderPage(interview.url),
        "article-explainer": ReaderPage(explainer.url),
        "article-discussion": ReaderPage(lead.url),
        "series-index": ReaderPage(reader_site.series.get_parent().url),
        "series": ReaderPage(reader_site.series.url),
        "standard-page": ReaderPage(standard.url),
        "expert-directory": ReaderPage(reverse("contributor_directory")),
        "expert-profile": ReaderPage(amara.get_absolute_url()),
        "topic": ReaderPage(reverse("topic_detail", args=["elections"])),
        "country": ReaderPage(reverse("country_detail", args=[pakistan.slug])),
        "search-results": ReaderPage(reverse("search") + "?q=coalition"),
        "search-no-results": ReaderPage(reverse("search") + "?q=zzyzx"),
        "search-empty": ReaderPage(reverse("search")),
        "corrections": ReaderPage(reverse("corrections")),
        "not-found": ReaderPage("/no-such-page/", 404),
        "login": ReaderPage(reverse("account_login")),
        "signup": ReaderPage(reverse("account_signup")),
    }


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (the live server, over http)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    java = shutil.which("java")
    require(java is not None, JAVA_MISSING)
    require(VNU.exists(), VNU_MISSING)
    return [java, "-jar", str(VNU), "--errors-only", "--format", "json"]


def test_every_reader_page_passes_the_nu_html_checker(reader_pages, live_server, vnu_command, tmp_path):
    files = {}
    for name, reader_page in reader_pages.items():
        status, html = fetch(live_server.url + reader_page.path)
        assert status == reader_page.status, f"{name} ({reader_page.path}) answered {status}"
        path = tmp_path / f"{name}.html"
        path.write_bytes(html)
        files[path.name] = (name, html.decode().splitlines())

    # One JVM for all the pages; the JSON report goes to stderr, and the exit status is 1 when a page has errors.
    run = subprocess.run([*vnu_command, *files_in(tmp_path)], capture_output=True, text=True, timeout=300)  # noqa: S603
    report = json.loads(run.stderr)
    errors = []
    for message in report["messages"]:
        name, lines = files.get(message.get("url", "").rpartition("/")[2], (message.get("url"), []))
        line = message.get("lastLine", message.get("firstLine", 0))
        source = lines[line - 1].strip()[:160] if 0 < line <= len(lines) else ""
        errors.append(f"{name}, line {line}: {message['message']}\n    {source}")
    assert not errors, f"Nu HTML checker: {len(errors)} error(s)\n" + "\n".join(errors)
    assert run.returncode == 0, run.stderr[-2000:]


def files_in(directory: Path) -> list[str]:
    return sorted(str(path) for path in directory.glob("*.html"))


def axe_failures(page, where: str) -> list[str]:
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)["violations"]
    return [f"{where}:", *describe(violations)] if violations else []


def describe(violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} [{violation['impact']}] {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            target = " ".join(str(selector) for selector in node["target"])
            lines.append(f"      {target}: {' '.join(node['failureSummary'].split())}")
            lines.append(f"      {node['html'][:200]}")
    return lines


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_every_reader_page_has_no_axe_violations(
    color_scheme, reader_pages, live_server, new_page, axe_script, screenshot
):
    page = new_page(color_scheme=color_scheme)
    # Only the live server answers: an embed's third-party frame must not reach the network.
    page.context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort(),
    )
    failures = []
    for name, reader_page in reader_pages.items():
        response = page.goto(live_server.url + reader_page.path)
        assert response.status == reader_page.status, f"{name} ({reader_page.path}) answered {response.status}"
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (color_scheme == "dark")
        for selector in SHOWCASE_BLOCKS.get(name, []):
            assert page.locator(selector).count() > 0, f"{name} shows no {selector}, so it was not checked"
        # Evaluated, not added as a <script>: the pages' Content-Security-Policy refuses inline script.
        page.evaluate(axe_script.read_text())
        failures.extend(axe_failures(page, f"{name} ({reader_page.path})"))
        search_names = page.locator("[role=search], search").evaluate_all(UNLABELLED_SEARCH_LANDMARKS)
        if search_names:
            failures.append(f"{name} ({reader_page.path}): search landmarks without a name: {search_names}")
        if name in PHONE_PAGES:
            load_lazy_images(page)
            screenshot(page, f"{name}-{color_scheme}-{DESKTOP_VIEWPORT['width']}")
            page.set_viewport_size(PHONE_VIEWPORT)
            failures.extend(axe_failures(page, f"{name} ({reader_page.path}, {PHONE_VIEWPORT['width']}px wide)"))
            screenshot(page, f"{name}-{color_scheme}-{PHONE_VIEWPORT['width']}")
            page.set_viewport_size(DESKTOP_VIEWPORT)
    assert not failures, f"axe ({color_scheme} theme):\n" + "\n".join(failures)


def load_lazy_images(page) -> None:
    """Load the images below the fold too, so a full-page screenshot shows them."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })")
    # A function, not an expression: Playwright evaluates an expression with eval(), which the policy refuses.
    page.wait_for_function("() => [...document.images].every((img) => img.complete)")


def test_body_images_fill_their_figure_and_wide_ones_break_out_of_the_text_column(reader_pages, live_server, page):
    page.goto(live_server.url + reader_pages["article-news"].path)
    load_lazy_images(page)

    column = page.locator(".article__body").bounding_box()
    figure = page.locator(".body-image--wide").bounding_box()
    image = page.locator(".body-image--wide img").bounding_box()
    assert figure["width"] > column["width"], "the wide image stays inside the text column"
    assert abs(image["width"] - figure["width"]) <= 1, (
        f"the image is {image['width']}px wide in a {figure['width']}px figure"
    )
