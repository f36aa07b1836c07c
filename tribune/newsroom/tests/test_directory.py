"""The expert directory and profiles: only approved (live) experts, forgiving filters, published articles only."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

from tests.factories import make_article, make_contributor
from tribune.contributors.models import Contributor
from tribune.contributors.services import contributor_save
from tribune.newsroom.models import ArticleByline, ArticlePage
from tribune.taxonomy.models import Country

DIRECTORY_URL = reverse("contributor_directory")
DIRECTORY_PAGE_SIZE = 24  # the directory shows a fixed grid of experts, whatever TRIBUNE_PAGE_SIZE says


def profile_url(slug: str) -> str:
    return reverse("contributor_detail", kwargs={"slug": slug})


def listed(response) -> list[str]:
    return [contributor.slug for contributor in response.context["contributors"].object_list]


def a_draft_profile(**fields):
    """A profile saved for review but never approved: not live."""
    contributor = make_contributor(publish=False, **fields)
    assert not Contributor.objects.get(pk=contributor.pk).live
    return contributor


def unpublish(contributor) -> None:
    # Re-read first: the object contributor_save returns does not know its revision went live.
    Contributor.objects.get(pk=contributor.pk).unpublish()


@pytest.fixture
def kenya(db):
    return Country.objects.get(code="KE")


@pytest.fixture
def nigeria(db):
    return Country.objects.get(code="NG")


@pytest.fixture
def experts(kenya, nigeria):
    """Three approved experts across two areas and two countries, and one awaiting approval."""
    return {
        "wanjiru": make_contributor(slug="wanjiru", name="Wanjiru Kamau", expertise=["Elections"], country=kenya),
        "otieno": make_contributor(slug="otieno", name="Otieno Odhiambo", expertise=["Public health"], country=kenya),
        "chidi": make_contributor(slug="chidi", name="Chidi Okeke", expertise=["Elections", "Oil"], country=nigeria),
        "draft": a_draft_profile(slug="pending", name="Pending Person", expertise=["Espionage"], country=nigeria),
    }


class TestDirectory:
    def test_the_directory_lists_only_approved_experts(self, client, experts):
        unpublish(make_contributor(slug="withdrawn", name="Withdrawn Expert"))

        response = client.get(DIRECTORY_URL)

        assert response.status_code == 200
        assert sorted(listed(response)) == ["chidi", "otieno", "wanjiru"]
        html = response.content.decode()
        assert "Pending Person" not in html
        assert "Withdrawn Expert" not in html

    def test_experts_link_to_their_profiles(self, client, experts):
        html = client.get(DIRECTORY_URL).content.decode()

        assert f'href="{profile_url("wanjiru")}"' in html

    def test_the_filters_offer_only_what_approved_experts_have(self, client, experts):
        response = client.get(DIRECTORY_URL)

        assert {e.slug for e in response.context["expertise_options"]} == {"elections", "public-health", "oil"}
        assert {c.code for c in response.context["country_options"]} == {"KE", "NG"}
        assert "Espionage" not in response.content.decode()

    def test_filtering_by_expertise_lists_only_experts_in_it(self, client, experts):
        response = client.get(DIRECTORY_URL, {"expertise": "elections"})

        assert sorted(listed(response)) == ["chidi", "wanjiru"]
        assert response.context["selected_expertise"].slug == "elections"
        assert '<option value="elections" selected>' in response.content.decode()

    @pytest.mark.parametrize("code", ["KE", "ke"])
    def test_filtering_by_country_code_lists_only_experts_from_there(self, client, experts, code):
        response = client.get(DIRECTORY_URL, {"country": code})

        assert sorted(listed(response)) == ["otieno", "wanjiru"]
        assert '<option value="KE" selected>' in response.content.decode()

    def test_filters_combine(self, client, experts):
        response = client.get(DIRECTORY_URL, {"expertise": "elections", "country": "KE"})

        assert listed(response) == ["wanjiru"]

    def test_a_filter_nobody_matches_says_so(self, client, experts):
        response = client.get(DIRECTORY_URL, {"expertise": "oil", "country": "KE"})

        assert response.status_code == 200
        assert listed(response) == []
        assert "No experts match these filters." in response.content.decode()

    def test_the_draft_experts_area_does_not_reveal_them_when_filtered_on(self, client, experts):
        response = client.get(DIRECTORY_URL, {"expertise": "espionage"})

        assert "Pending Person" not in response.content.decode()
        assert "pending" not in listed(response)

    @pytest.mark.parametrize(
        "params",
        [
            {"expertise": "astrology"},
            {"country": "ZZ"},
            {"country": "Nigeria"},
            {"country": ""},
            {"expertise": "", "country": ""},
            {"expertise": "<script>alert(1)</script>", "country": "'; DROP TABLE taxonomy_country; --"},
            {"expertise": "astro\x00logy", "country": "K\x00"},
            {"expertise": "🗳️", "country": "كينيا"},
        ],
        ids=[
            "unknown expertise",
            "unknown country",
            "a country name instead of its code",
            "empty country",
            "both empty",
            "markup and sql",
            "nul bytes",
            "emoji and arabic",
        ],
    )
    def test_unknown_filter_values_are_ignored(self, client, experts, params):
        response = client.get(DIRECTORY_URL, params)

        assert response.status_code == 200
        assert sorted(listed(response)) == ["chidi", "otieno", "wanjiru"]
        assert "<script>alert(1)</script>" not in response.content.decode()

    def test_an_unknown_filter_beside_a_known_one_leaves_the_known_one_working(self, client, experts):
        response = client.get(DIRECTORY_URL, {"expertise": "astrology", "country": "NG"})

        assert listed(response) == ["chidi"]


class TestDirectoryPagination:
    @pytest.fixture
    def many_kenyan_election_experts(self, kenya, experts):
        return [
            make_contributor(
                slug=f"kenyan-{n:02d}", name=f"Kenyan Expert {n:02d}", expertise=["Elections"], country=kenya
            )
            for n in range(DIRECTORY_PAGE_SIZE)
        ]

    def test_pagination_links_keep_the_filters(self, client, many_kenyan_election_experts):
        response = client.get(DIRECTORY_URL, {"expertise": "elections", "country": "ke"})

        assert len(listed(response)) == DIRECTORY_PAGE_SIZE
        assert response.context["contributors"].paginator.count == DIRECTORY_PAGE_SIZE + 1
        assert 'href="?expertise=elections&amp;country=KE&amp;page=2"' in response.content.decode()

    def test_following_a_pagination_link_keeps_filtering(self, client, many_kenyan_election_experts):
        response = client.get(DIRECTORY_URL, {"expertise": "elections", "country": "KE", "page": 2})

        assert response.status_code == 200
        assert len(listed(response)) == 1
        assert 'href="?expertise=elections&amp;country=KE&amp;page=1"' in response.content.decode()

    def test_unknown_filters_are_left_out_of_pagination_links(self, client, many_kenyan_election_experts):
        html = client.get(DIRECTORY_URL, {"expertise": "astrology", "country": "KE"}).content.decode()

        assert 'href="?country=KE&amp;page=2"' in html
        assert "astrology" not in html

    def test_a_page_that_is_not_a_number_gives_the_first_page(self, client, experts):
        response = client.get(DIRECTORY_URL, {"page": "abc"})

        assert response.status_code == 200
        assert response.context["contributors"].number == 1

    @pytest.mark.parametrize("page", ["999", "0", "-1"])
    def test_a_page_out_of_range_is_not_found(self, client, experts, page):
        assert client.get(DIRECTORY_URL, {"page": page}).status_code == 404


class TestProfile:
    @pytest.fixture
    def expert(self, kenya):
        return make_contributor(
            slug="wanjiru",
            name="Wanjiru Kamau",
            role="Senior Fellow",
            affiliation="Nairobi Centre for Governance",
            short_bio="Studies electoral courts.",
            bio="<p>Wanjiru has observed <b>eleven</b> elections.</p>",
            disclosure="Advises the electoral commission on a paid basis.",
            links=[{"label": "Personal site", "url": "https://wanjiru.example.org/"}],
            expertise=["Elections"],
            country=kenya,
            languages="English, Swahili",
        )

    def test_the_profile_shows_who_the_expert_is(self, client, expert):
        response = client.get(profile_url("wanjiru"))

        assert response.status_code == 200
        html = response.content.decode()
        assert '<h1 class="profile__name">Wanjiru Kamau</h1>' in html
        assert "Senior Fellow, Nairobi Centre for Governance" in html
        assert "Wanjiru has observed <b>eleven</b> elections." in html
        assert "Advises the electoral commission on a paid basis." in html
        assert '<a href="https://wanjiru.example.org/" rel="me noopener">Personal site</a>' in html
        assert "Kenya" in html
        assert f'href="{DIRECTORY_URL}?expertise=elections"' in html

    def test_the_profile_lists_only_the_experts_published_articles_newest_first(
        self, client, section, other_section, expert
    ):
        older = make_article(
            section,
            contributors=[expert],
            title="Older piece",
            published_at=timezone.now() - datetime.timedelta(days=3),
        )
        newer = make_article(
            section,
            contributors=[expert],
            title="Newer piece",
            published_at=timezone.now() - datetime.timedelta(hours=1),
        )
        make_article(section, title="Someone else's piece")
        draft = ArticlePage(
            title="Draft piece",
            slug="draft-piece",
            standfirst="Not yet.",
            live=False,
            bylines=[ArticleByline(contributor=expert)],
        )
        section.add_child(instance=draft)
        draft.save_revision()
        make_article(section, contributors=[expert], title="Pulled piece").unpublish()
        make_article(
            section,
            contributors=[expert],
            title="Tomorrow's piece",
            published_at=timezone.now() + datetime.timedelta(days=1),
        )
        restricted = make_article(section, contributors=[expert], title="Members-only piece")
        PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)

        response = client.get(profile_url("wanjiru"))

        assert [a.pk for a in response.context["articles"].object_list] == [newer.pk, older.pk]
        html = response.content.decode()
        for hidden in ("Someone else", "Draft piece", "Pulled piece", "Tomorrow", "Members-only"):
            assert hidden not in html

    def test_the_profiles_articles_are_paginated(self, client, settings, section, expert):
        settings.TRIBUNE_PAGE_SIZE = 1
        make_article(section, contributors=[expert])
        make_article(section, contributors=[expert])

        assert client.get(profile_url("wanjiru"), {"page": "abc"}).status_code == 200
        assert len(client.get(profile_url("wanjiru"), {"page": 2}).context["articles"].object_list) == 1
        assert client.get(profile_url("wanjiru"), {"page": 3}).status_code == 404

    def test_a_profile_awaiting_approval_is_not_found(self, client, db):
        a_draft_profile(slug="pending", name="Pending Person")

        assert client.get(profile_url("pending")).status_code == 404

    def test_an_unpublished_profile_is_not_found(self, client, expert):
        unpublish(expert)

        assert client.get(profile_url("wanjiru")).status_code == 404

    def test_an_unknown_expert_is_not_found(self, client, db):
        assert client.get(profile_url("nobody-at-all")).status_code == 404

    def test_unapproved_changes_to_a_live_profile_stay_out_of_public_view(self, client, expert):
        contributor_save(slug="wanjiru", name="Wanjiru K. (unapproved rename)", disclosure="", publish=False)

        html = client.get(profile_url("wanjiru")).content.decode()

        assert "Wanjiru Kamau" in html
        assert "unapproved rename" not in html
        assert "Advises the electoral commission on a paid basis." in html
        assert "unapproved rename" not in client.get(DIRECTORY_URL).content.decode()
