"""Every kind of reader page passes axe-core's WCAG 2.2 AA rules, in the light and in the dark theme."""

import pytest

from django.urls import reverse

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})"""

# Page name: (its path on the reader site, the status it answers with).
READER_PAGES = {
    "home": (lambda site: "/", 200),
    "section": (lambda site: site.sections[0].url, 200),
    "article": (lambda site: site.lead.url, 200),
    "contributor": (lambda site: site.contributors["amara"].get_absolute_url(), 200),
    "expert-directory": (lambda site: reverse("contributor_directory"), 200),
    "search-results": (lambda site: reverse("search") + "?q=coalition", 200),
    "not-found": (lambda site: "/no-such-page/", 404),
}


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} [{violation['impact']}] {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            target = " ".join(str(selector) for selector in node["target"])
            lines.append(f"    {target}: {' '.join(node['failureSummary'].split())}")
    return "\n".join(lines)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("page_name", READER_PAGES)
def test_reader_page_has_no_wcag_violations(page_name, color_scheme, reader_site, new_page, axe_script):
    path_of, expected_status = READER_PAGES[page_name]
    page = new_page(color_scheme=color_scheme)

    response = page.goto(reader_site.url + path_of(reader_site))

    assert response.status == expected_status
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (color_scheme == "dark")
    if page_name == "search-results":
        assert page.locator("main .card").count() > 0, "the search found nothing, so no result cards were checked"
    page.add_script_tag(path=str(axe_script))
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)["violations"]
    assert not violations, (
        f"axe: {len(violations)} rule(s) fail on {page_name} ({color_scheme}):\n{describe(violations)}"
    )
