"""Every page type: where it may live, that it routes and renders (Wagtail's page test helpers)."""

import pytest

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import make_article
from tribune.editorial.models import MastheadPage
from tribune.newsroom.models import ArticlePage, HomePage, SectionPage, SeriesIndexPage, SeriesPage, StandardPage
from tribune.newsroom.services import series_ensure, series_index_ensure


@pytest.mark.django_db
class TestPageTree(WagtailPageTestCase):
    def test_home_takes_sections_series_and_standard_pages(self):
        self.assertAllowedSubpageTypes(HomePage, {SectionPage, SeriesIndexPage, StandardPage, MastheadPage})

    def test_sections_hold_only_articles(self):
        self.assertAllowedSubpageTypes(SectionPage, {ArticlePage})
        self.assertAllowedParentPageTypes(SectionPage, {HomePage})

    def test_articles_are_leaves_under_sections(self):
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedParentPageTypes(ArticlePage, {SectionPage})

    def test_series_live_under_the_series_index(self):
        self.assertAllowedSubpageTypes(SeriesIndexPage, {SeriesPage})
        self.assertAllowedParentPageTypes(SeriesPage, {SeriesIndexPage})

    def test_home_only_at_the_top_of_the_tree(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})


@pytest.mark.django_db
class TestEveryPageTypeRoutesAndRenders(WagtailPageTestCase):
    def setUp(self):
        from tribune.newsroom.services import home_page_ensure, section_ensure

        self.home = home_page_ensure(title="Tribune", tagline="Tagline")
        self.section = section_ensure(home=self.home, slug="politics", title="Politics")
        index = series_index_ensure(home=self.home)
        self.series = series_ensure(index=index, slug="vote", title="A year of votes")
        self.series_index = index
        self.article = make_article(self.section, series=self.series)
        self.standard = self.home.add_child(
            instance=StandardPage(title="About us", slug="about", body="<p>Who we are</p>")
        )
        self.standard.save_revision().publish()

    def test_each_page_is_routable_and_renderable(self):
        for page in (self.home, self.section, self.article, self.series_index, self.series, self.standard):
            with self.subTest(page=page.title):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)

    def test_article_preview_renders_from_unsaved_form_data(self):
        contributor = self.article.ordered_contributors[0]
        post_data = nested_form_data(
            {
                "title": "A preview headline",
                "slug": "a-preview-headline",
                "standfirst": "Seen before anyone else.",
                "kind": "opinion",
                "body": streamfield([("paragraph", rich_text("<p>Draft words</p>"))]),
                "bylines": inline_formset([{"contributor": contributor.pk}]),
                "related_picks": inline_formset([]),
                "topics": "",
            }
        )
        self.assertPageIsPreviewable(self.article, post_data=post_data)
