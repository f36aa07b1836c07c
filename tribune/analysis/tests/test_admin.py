"""The editors' analysis screen and its buttons: suggestions grouped by kind with accept and reject (plain forms),
for those who may edit the article only; bad requests are 404s or a message, never a 500."""

import pytest

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tribune.analysis.models import ArticleEntity, Decision, FigureMention
from tribune.newsroom.models import ArticlePage

URL = "analysis_article"
DECIDE = "analysis_article_decide"


@pytest.fixture
def section_editor(editor, section):
    editor.groups.add(Group.objects.get(name=f"Editors · {section.slug}"))
    return editor


@pytest.fixture
def analysed(publish, settings):
    settings.TRIBUNE_ANALYSIS_AUTO_ACCEPT_COUNTRIES = False
    return publish()


def link_of(article, key: str) -> ArticleEntity:
    return ArticleEntity.objects.select_related("entity").get(article=article, entity__key=key)


def decide(client, article, target: str, pk, decision: str, **extra):
    data = {"target": target, "id": pk, "decision": decision, **extra}
    return client.post(reverse(DECIDE, args=[article.pk]), data)


def test_the_screen_lists_suggestions_by_kind_with_salience_mentions_and_figures(client, section_editor, analysed):
    client.force_login(section_editor)

    response = client.get(reverse(URL, args=[analysed.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(">Countries<") < html.index(">Organisations<") < html.index(">People<")
    assert "Halima Oduya" in html and "$240 million" in html and "Principal" in html
    assert 'name="decision" value="accept"' in html and "csrfmiddlewaretoken" in html
    screen = html[html.index('id="analysis-run-heading"') : html.index('id="analysis-figures-heading"')]
    assert "<script" not in screen  # plain forms: no inline script, so no CSP nonce is needed


def test_the_editor_header_says_how_many_suggestions_wait(client, section_editor, analysed):
    client.force_login(section_editor)
    waiting = ArticleEntity.objects.filter(article=analysed, status=Decision.SUGGESTED).count()
    waiting += FigureMention.objects.filter(article=analysed, status=Decision.SUGGESTED).count()

    html = client.get(reverse("wagtailadmin_pages:edit", args=[analysed.pk])).content.decode()

    assert f"Analysis ({waiting} to review)" in html and reverse(URL, args=[analysed.pk]) in html


def test_accepting_a_country_adds_it_to_the_article_and_comes_back_with_a_message(client, section_editor, analysed):
    client.force_login(section_editor)
    kenya = link_of(analysed, "country:KEN")
    here = reverse(URL, args=[analysed.pk])

    response = decide(client, analysed, "entity", kenya.pk, "accept", next=here)

    assert response.status_code == 302 and response.url == here
    kenya.refresh_from_db()
    assert kenya.status == Decision.ACCEPTED and kenya.decided_by == section_editor
    assert ArticlePage.objects.get(pk=analysed.pk).countries.filter(code="KE").exists()
    followed = client.get(here).content.decode()
    assert "accepted and added to the article" in followed


def test_rejecting_goes_back_to_the_edit_page_without_a_next_and_shows_in_history(client, section_editor, analysed):
    client.force_login(section_editor)
    halima = link_of(analysed, "person:halima-oduya")

    response = decide(client, analysed, "entity", halima.pk, "reject", next="https://elsewhere.example/")

    assert response.url == reverse("wagtailadmin_pages:edit", args=[analysed.pk])
    assert link_of(analysed, "person:halima-oduya").status == Decision.REJECTED
    history = client.get(reverse("wagtailadmin_pages:history", args=[analysed.pk])).content.decode()
    assert "Analysis: “Halima Oduya” rejected" in history


def test_a_figure_is_accepted_for_the_key_figures(client, section_editor, analysed):
    client.force_login(section_editor)
    figure = FigureMention.objects.get(article=analysed, unit="USD")

    decide(client, analysed, "figure", figure.pk, "accept")

    figure.refresh_from_db()
    assert figure.status == Decision.ACCEPTED and figure.decided_by == section_editor


def test_someone_who_may_not_edit_the_article_is_refused_and_nothing_changes(client, analysed):
    colleague = UserFactory(username="other-desk", is_staff=True)
    colleague.groups.add(Group.objects.get(name="Editors"))  # an editor, but of no section
    client.force_login(colleague)
    kenya = link_of(analysed, "country:KEN")

    assert client.get(reverse(URL, args=[analysed.pk])).status_code == 403
    assert decide(client, analysed, "entity", kenya.pk, "accept").status_code == 403
    assert link_of(analysed, "country:KEN").status == Decision.SUGGESTED


def test_signed_out_visitors_are_sent_to_sign_in(client, analysed):
    response = client.post(reverse(DECIDE, args=[analysed.pk]), {"target": "entity", "id": 1, "decision": "accept"})

    assert response.status_code == 302 and "/login/" in response.url


@pytest.mark.parametrize(
    "target, pk",
    [
        pytest.param("entity", 987654, id="unknown-link"),
        pytest.param("figure", 987654, id="unknown-figure"),
        pytest.param("entity", "other-article", id="another-articles-link"),
    ],
)
def test_ids_not_of_this_articles_suggestions_are_not_found(client, section_editor, analysed, publish, target, pk):
    client.force_login(section_editor)
    if pk == "other-article":
        other = publish(slug="another-port", title="Uganda weighs a rail link to Kenya")
        pk = ArticleEntity.objects.filter(article=other).first().pk

    assert decide(client, analysed, target, pk, "accept").status_code == 404


def test_pages_that_are_not_articles_or_do_not_exist_are_not_found(client, section_editor, section):
    client.force_login(section_editor)

    assert client.get(reverse(URL, args=[section.pk])).status_code == 404
    assert client.get(reverse(URL, args=[987654])).status_code == 404
    assert client.get(f"/admin/analysis/article/{2**70}/").status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        pytest.param({"target": "entity", "id": "abc", "decision": "accept"}, id="id-not-a-number"),
        pytest.param({"target": "entity", "id": str(2**70), "decision": "accept"}, id="id-beyond-integers"),
        pytest.param({"target": "planet", "id": 1, "decision": "accept"}, id="unknown-target"),
        pytest.param({"target": "entity", "id": 1, "decision": "maybe"}, id="unknown-decision"),
        pytest.param({}, id="empty"),
    ],
)
def test_malformed_decisions_change_nothing_and_say_so(client, section_editor, analysed, data):
    client.force_login(section_editor)

    response = client.post(reverse(DECIDE, args=[analysed.pk]), data)

    assert response.status_code == 302
    assert not ArticleEntity.objects.filter(article=analysed).exclude(status=Decision.SUGGESTED).exists()


def test_the_decision_view_takes_posts_with_a_csrf_token_only(section_editor, analysed):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(section_editor)
    kenya = link_of(analysed, "country:KEN")

    assert strict.get(reverse(DECIDE, args=[analysed.pk])).status_code == 405
    assert decide(strict, analysed, "entity", kenya.pk, "accept").status_code == 403
    assert link_of(analysed, "country:KEN").status == Decision.SUGGESTED


def test_analyse_again_queues_the_latest_revision(client, section_editor, analysed, django_capture_on_commit_callbacks):
    client.force_login(section_editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("analysis_article_analyse", args=[analysed.pk]))

    assert response.status_code == 302
    assert analysed.analysis_runs.get().attempts == 1  # run again (forced), a fresh count
