"""The publisher's JSON-LD points at the outlet's policies: absolute addresses, only those set."""

import pytest

from django.utils import translation

from tests.factories import make_standard_page, make_translation, make_trust_pages
from tribune.editorial.services import masthead_page_ensure
from tribune.syndication import jsonld

from .test_site_metadata import json_ld_blocks, soup_of

pytestmark = pytest.mark.django_db


def test_the_publisher_points_at_its_standards_corrections_masthead_and_contact_pages(client, home):
    standards = make_standard_page(home, slug="standards")
    make_trust_pages(
        home,
        standards=standards,
        corrections_policy=make_standard_page(home, slug="corrections-policy"),
        contact=make_standard_page(home, slug="contact"),
        masthead=masthead_page_ensure(home=home, slug="masthead", title="Masthead", intro=""),
        about=make_standard_page(home, slug="about"),
    )

    publisher = next(
        node
        for block in json_ld_blocks(soup_of(client, "/"))
        for node in block.get("@graph", [block])
        if node.get("@type") == "NewsMediaOrganization"
    )

    assert publisher["publishingPrinciples"] == publisher["ethicsPolicy"] == "http://testserver/standards/"
    assert publisher["correctionsPolicy"] == "http://testserver/corrections-policy/"
    assert publisher["masthead"] == "http://testserver/masthead/"
    assert publisher["actionableFeedbackPolicy"] == "http://testserver/contact/"


def test_policies_not_set_are_left_out(home):
    make_trust_pages(home, corrections_policy=make_standard_page(home, slug="corrections-policy"))

    publisher = jsonld.publisher()

    assert publisher["correctionsPolicy"] == "http://testserver/corrections-policy/"
    assert not {"publishingPrinciples", "ethicsPolicy", "masthead", "actionableFeedbackPolicy"} & set(publisher)


def test_each_edition_points_at_its_translation(home):
    standards = make_standard_page(home, slug="standards")
    make_trust_pages(home, standards=standards)
    make_translation(standards, "hi", title="हमारे मानक")

    with translation.override("hi"):
        assert jsonld.publisher()["publishingPrinciples"] == "http://testserver/hi/standards/"
