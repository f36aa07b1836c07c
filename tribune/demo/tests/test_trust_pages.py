"""The demo outlet's pages that earn trust: all seven, substantial, designated, and built once."""

import pytest

from tribune.core.text import word_count
from tribune.demo.content.trust_pages import trust_pages_build
from tribune.editorial.models import MastheadPage
from tribune.newsroom.models import TRUST_PAGES, StandardPage, TrustPages
from tribune.syndication import jsonld

pytestmark = pytest.mark.django_db


def test_the_demo_designates_all_seven_trust_pages_with_substantial_text(client, home):
    trust_pages_build(home=home, log=lambda line: None)

    setting = TrustPages.for_site(home.get_site())
    assert set(setting.designated_ids()) == {name for name, _property in TRUST_PAGES}
    assert isinstance(setting.masthead.specific, MastheadPage) and setting.masthead.live
    minimum = {"about": 400, "standards": 600, "corrections_policy": 300, "contact": 300, "privacy": 60, "terms": 150}
    for name, words in minimum.items():
        page = getattr(setting, name).specific
        assert page.live and word_count(page.body) >= words, name
    standards = setting.standards.specific.body
    for topic in ("Anonymous sources", "Conflicts of interest", "Opinion, analysis", "artificial intelligence"):
        assert topic in standards
    assert 'href="/corrections/"' in setting.corrections_policy.specific.body

    footer = client.get("/").content.decode()
    for path in ("/about/", "/masthead/", "/standards/", "/corrections-policy/", "/contact/", "/privacy/", "/terms/"):
        assert f'href="{path}"' in footer, path
    assert {"publishingPrinciples", "ethicsPolicy", "correctionsPolicy", "masthead", "actionableFeedbackPolicy"} <= set(
        jsonld.publisher()
    )


def test_building_again_keeps_the_editors_pages(home):
    pages = trust_pages_build(home=home, log=lambda line: None)
    StandardPage.objects.filter(pk=pages["about"].pk).update(title="About us, edited")

    again = trust_pages_build(home=home, log=lambda line: None)

    assert again["about"].pk == pages["about"].pk and again["about"].title == "About us, edited"
    assert StandardPage.objects.count() == 6 and MastheadPage.objects.count() == 1
