"""The living style guide is a developer's page: there with DEBUG, a 404 everywhere else."""

import pytest

from tribune.newsroom.views import _stylesheet_tokens

STYLEGUIDE = "/_styleguide/"


@pytest.mark.django_db
def test_the_style_guide_is_not_found_without_debug(client, article, settings):
    settings.DEBUG = False

    assert client.get(STYLEGUIDE).status_code == 404


@pytest.mark.django_db
def test_with_debug_the_style_guide_shows_the_scale_both_themes_and_the_real_cards(client, article, settings):
    settings.DEBUG = True

    response = client.get(STYLEGUIDE)

    html = response.content.decode()
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    assert "var(--step-5)" in html and "var(--step--2)" in html
    assert "#fbfaf7" in html and "#121212" in html  # --paper, light and dark
    assert 'class="card card--lead' in html
    assert article.title in html


def test_the_colour_tokens_are_read_from_the_stylesheet_in_both_themes():
    colours, steps = _stylesheet_tokens()

    paper = next(colour for colour in colours if colour["name"] == "paper")
    assert (paper["light"], paper["dark"]) == ("#fbfaf7", "#121212")
    assert [step["name"] for step in steps][:3] == ["step--2", "step--1", "step-0"]
