"""Topics and countries: the ISO country list, and the reader pages that gather articles under each."""

import datetime

import pycountry
import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

from tests.factories import make_article
from tribune.newsroom.models import ArticlePage
from tribune.taxonomy.models import Country, Topic
from tribune.taxonomy.services import countries_sync, country_for_code


def listed(response) -> list[int]:
    return [article.pk for article in response.context["articles"].object_list]


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def draft_tagged(section, tag: dict) -> ArticlePage:
    """A never-published article carrying the topic or country, saved so its tags are in the database."""
    draft = ArticlePage(title="A draft, tagged", slug="tagged-draft", standfirst="Not yet.", live=False)
    draft.topics.set(tag.get("topics", []))
    draft.countries = tag.get("countries", [])
    section.add_child(instance=draft)
    draft.save_revision()
    stored = ArticlePage.objects.get(pk=draft.pk)
    assert [t.lower() for t in stored.topics.names()] == [t.lower() for t in tag.get("topics", [])]
    assert list(stored.countries.all()) == list(tag.get("countries", []))
    return draft


@pytest.fixture
def nigeria(db):
    return Country.objects.get(code="NG")


@pytest.fixture
def kenya(db):
    return Country.objects.get(code="KE")


class TestCountryList:
    @pytest.mark.parametrize(
        ("code", "name", "slug"),
        [
            ("NG", "Nigeria", "nigeria"),
            ("KE", "Kenya", "kenya"),
            ("DE", "Germany", "germany"),
            ("CI", "Côte d'Ivoire", "cote-divoire"),
        ],
    )
    def test_the_data_migration_loads_iso_countries_by_code(self, db, code, name, slug):
        country = Country.objects.get(code=code)

        assert (country.name, country.slug) == (name, slug)

    def test_every_iso_3166_country_is_loaded_once(self, db):
        assert Country.objects.count() == len(pycountry.countries)
        assert set(Country.objects.values_list("code", flat=True)) == {record.alpha_2 for record in pycountry.countries}

    def test_syncing_twice_keeps_the_same_countries(self, db):
        before = set(Country.objects.values_list("pk", "code", "name", "slug"))

        first, second = countries_sync(), countries_sync()

        assert first == second == len(pycountry.countries)
        assert set(Country.objects.values_list("pk", "code", "name", "slug")) == before

    def test_syncing_restores_a_missing_country_and_a_changed_name(self, db):
        Country.objects.filter(code="KE").delete()
        Country.objects.filter(code="NG").update(name="Nigeria (old)", slug="nigeria-old")

        assert countries_sync() == len(pycountry.countries)

        assert Country.objects.get(code="KE").name == "Kenya"
        assert Country.objects.values_list("name", "slug").get(code="NG") == ("Nigeria", "nigeria")

    def test_a_country_is_found_by_its_code_in_any_case(self, nigeria):
        assert country_for_code("ng") == nigeria


class ListingContract:
    """What topic and country pages share: published articles only, newest first, paginated, 404 when unknown."""

    def url(self, slug: str) -> str:
        raise NotImplementedError

    @pytest.fixture
    def subject_slug(self):
        raise NotImplementedError

    @pytest.fixture
    def tag(self):
        """Keyword arguments that put an article under this listing's topic or country."""
        raise NotImplementedError

    def test_the_page_lists_the_published_articles_tagged_with_it_newest_first(
        self, client, section, subject_slug, tag
    ):
        oldest = make_article(section, published_at=days_ago(9), **tag)
        newest = make_article(section, published_at=days_ago(1), **tag)
        middle = make_article(section, published_at=days_ago(5), **tag)
        make_article(section, published_at=days_ago(0))  # untagged

        response = client.get(self.url(subject_slug))

        assert response.status_code == 200
        assert listed(response) == [newest.pk, middle.pk, oldest.pk]

    def test_drafts_unpublished_scheduled_and_restricted_articles_are_not_listed(
        self, client, section, other_section, subject_slug, tag
    ):
        published = make_article(section, **tag)
        draft_tagged(section, tag)
        make_article(section, title="Pulled, tagged", **tag).unpublish()
        make_article(section, title="Tomorrow, tagged", published_at=timezone.now() + datetime.timedelta(days=1), **tag)
        restricted = make_article(section, title="Members only, tagged", **tag)
        PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
        make_article(other_section, title="Secret section, tagged", **tag)
        PageViewRestriction.objects.create(
            page=other_section, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )

        response = client.get(self.url(subject_slug))

        assert listed(response) == [published.pk]
        html = response.content.decode()
        assert ", tagged" not in html

    def test_the_page_answers_for_a_subject_without_articles(self, client, home, subject_slug):
        response = client.get(self.url(subject_slug))

        assert response.status_code == 200
        assert listed(response) == []

    def test_an_unknown_slug_is_not_found(self, client, home):
        assert client.get(self.url("atlantis")).status_code == 404

    @pytest.fixture
    def three_pages_of_one(self, settings, section, tag):
        settings.TRIBUNE_PAGE_SIZE = 1
        return [make_article(section, published_at=days_ago(n), **tag) for n in (1, 2, 3)]

    def test_articles_come_a_page_at_a_time(self, client, subject_slug, three_pages_of_one):
        response = client.get(self.url(subject_slug), {"page": 2})

        assert listed(response) == [three_pages_of_one[1].pk]
        html = response.content.decode()
        assert 'href="?page=1"' in html
        assert 'href="?page=3"' in html

    @pytest.mark.parametrize("page", ["abc", "", "1.5"])
    def test_a_page_that_is_not_a_number_gives_the_first_page(self, client, subject_slug, three_pages_of_one, page):
        response = client.get(self.url(subject_slug), {"page": page})

        assert response.status_code == 200
        assert listed(response) == [three_pages_of_one[0].pk]

    @pytest.mark.parametrize("page", ["999", "0", "-1", "4"])
    def test_a_page_out_of_range_is_not_found(self, client, subject_slug, three_pages_of_one, page):
        assert client.get(self.url(subject_slug), {"page": page}).status_code == 404


class TestTopicPage(ListingContract):
    def url(self, slug):
        return reverse("topic_detail", kwargs={"slug": slug})

    @pytest.fixture
    def subject_slug(self, db):
        Topic.objects.get_or_create(name="Elections", slug="elections")
        return "elections"

    @pytest.fixture
    def tag(self):
        return {"topics": ["Elections"]}

    def test_the_page_names_the_topic_and_links_its_feed(self, client, article):
        html = client.get(self.url("elections")).content.decode()

        assert "<h1" in html and "elections</h1>" in html
        assert reverse("topic_feed_rss", kwargs={"slug": "elections"}) in html

    def test_an_article_page_links_to_its_topic_page(self, client, article):
        html = client.get(article.url).content.decode()

        assert f'href="{self.url("elections")}"' in html


class TestCountryPage(ListingContract):
    def url(self, slug):
        return reverse("country_detail", kwargs={"slug": slug})

    @pytest.fixture
    def subject_slug(self, nigeria):
        return nigeria.slug

    @pytest.fixture
    def tag(self, nigeria):
        return {"countries": [nigeria]}

    def test_the_page_names_the_country(self, client, nigeria):
        html = client.get(self.url("nigeria")).content.decode()

        assert "Nigeria</h1>" in html

    def test_an_article_about_another_country_is_not_listed(self, client, section, nigeria, kenya):
        about_nigeria = make_article(section, countries=[nigeria])
        make_article(section, countries=[kenya])

        assert listed(client.get(self.url("nigeria"))) == [about_nigeria.pk]

    def test_the_iso_code_is_not_a_country_slug(self, client, nigeria):
        assert client.get(self.url("ng")).status_code == 404
