"""Key figures in the admin: an accepted figure saved as a key figure or linked to one from the analysis screen, the
key figures' listing and edit screen (value history, published articles citing an older value), for editors only;
bad input is a 4xx or a form error, never a 500."""

import datetime
from decimal import Decimal

import pytest

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import UserFactory
from tribune.analysis import selectors, services
from tribune.analysis.models import Decision, FigureMention, KeyFigure, KeyFigureValue
from tribune.newsroom.models import ArticlePage

from .conftest import body_of

SCREEN = "analysis_article"
CREATE = "analysis_article_key_figure"
LINK = "analysis_article_key_figure_link"
LIST = "wagtailsnippets_analysis_keyfigure:list"
ADD = "wagtailsnippets_analysis_keyfigure:add"
EDIT = "wagtailsnippets_analysis_keyfigure:edit"
DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def section_editor(editor, section):
    editor.groups.add(Group.objects.get(name=f"Editors · {section.slug}"))
    return editor


@pytest.fixture
def article(publish):
    return publish()


def figure_of(article, unit: str) -> FigureMention:
    return FigureMention.objects.select_related("article").get(
        article=article, unit=unit, revision_id=ArticlePage.objects.get(pk=article.pk).live_revision_id
    )


@pytest.fixture
def usd(article, section_editor) -> FigureMention:
    """The article's "$240 million", accepted."""
    return services.figure_decision_record(
        figure=figure_of(article, "USD"), status=Decision.ACCEPTED, user=section_editor
    )


def key_figure_made(**fields) -> KeyFigure:
    values = {"label": "Lake port budget", "unit": "USD", "value": Decimal(240_000_000), "as_of": DAY, "source": "KPA"}
    key_figure = KeyFigure.objects.create(**{**values, **fields})
    services.key_figure_history_sync(key_figure=key_figure)
    return key_figure


def save_form(figure, **fields) -> dict:
    data = {"figure": figure.pk, "label": "Cost of the berths", "value": "240000000", "as_of": "2026-03-01"}
    return {**data, "source": "Kenya Ports Authority", "source_url": "", **fields}


def test_an_accepted_figure_offers_to_be_saved_prefilled_or_linked_to_a_key_figure_of_its_unit(
    client, section_editor, article, usd
):
    key_figure_made(label="Lake port budget")
    key_figure_made(label="Fuel imports", unit="percent")
    client.force_login(section_editor)

    html = client.get(reverse(SCREEN, args=[article.pk])).content.decode()

    section = html[html.index('id="analysis-key-figures-heading"') :]
    assert reverse(CREATE, args=[article.pk]) in section and reverse(LINK, args=[article.pk]) in section
    assert 'name="label"' in section and 'value="240000000"' in section and "Negotiators from Kenya" in section
    assert f'value="{timezone.localdate(article.first_published_at).isoformat()}"' in section  # as of publication
    assert "Lake port budget" in section and "Fuel imports" not in section  # same unit only
    assert "Kenya" in section and 'type="checkbox"' in section  # the sentence's entities, to choose from
    assert "12 per cent" not in section  # a suggestion, not accepted: nothing to save
    assert "<script" not in section


def test_saving_a_figure_as_a_key_figure_records_it_with_the_sentences_entities_and_links_the_article(
    client, section_editor, article, usd
):
    client.force_login(section_editor)
    kenya = next(e for e in selectors.figure_entities([usd])[usd.pk] if e.key == "country:KEN")
    here = reverse(SCREEN, args=[article.pk])

    response = client.post(reverse(CREATE, args=[article.pk]), save_form(usd, entities=[kenya.pk], next=here))

    assert response.status_code == 302 and response.url == here
    key_figure = KeyFigure.objects.get()
    assert (key_figure.label, key_figure.unit, key_figure.value, key_figure.as_of) == (
        "Cost of the berths",
        "USD",
        Decimal(240_000_000),
        DAY,
    )
    assert list(key_figure.entities.all()) == [kenya]
    assert FigureMention.objects.get(pk=usd.pk).key_figure == key_figure
    followed = client.get(here).content.decode()
    assert "Key figure “Cost of the berths” saved" in followed
    assert reverse(EDIT, args=[key_figure.pk]) in followed and "Unlink" in followed


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"value": "a lot"}, id="value-not-a-number"),
        pytest.param({"value": "NaN"}, id="value-not-finite"),
        pytest.param({"value": "1" * 40}, id="value-too-long"),
        pytest.param({"as_of": "yesterday"}, id="date-not-a-date"),
        pytest.param({"source": ""}, id="no-source"),
        pytest.param({"source_url": "javascript:alert(1)"}, id="source-not-an-address"),
        pytest.param({"entities": ["987654"]}, id="entity-not-in-the-sentence"),
        pytest.param({"entities": [str(2**70)]}, id="entity-beyond-integers"),
    ],
)
def test_a_key_figure_with_bad_values_is_not_saved_and_the_form_says_why(client, section_editor, article, usd, fields):
    client.force_login(section_editor)

    response = client.post(reverse(CREATE, args=[article.pk]), save_form(usd, **fields))

    html = response.content.decode()
    assert response.status_code == 200 and "error-message" in html and "Nothing was saved" in html
    assert not KeyFigure.objects.exists() and FigureMention.objects.get(pk=usd.pk).key_figure is None


@pytest.mark.parametrize(
    ("figure", "status"),
    [
        pytest.param("abc", 400, id="figure-not-a-number"),
        pytest.param(str(2**70), 400, id="figure-beyond-integers"),
        pytest.param("", 400, id="no-figure"),
        pytest.param("987654", 404, id="unknown-figure"),
        pytest.param("other-article", 404, id="another-articles-figure"),
    ],
)
def test_figures_not_of_this_article_are_refused(client, section_editor, article, usd, publish, figure, status):
    client.force_login(section_editor)
    if figure == "other-article":
        other = publish(slug="other", title="Another port", body=body_of("The dock cost $240 million."))
        figure = str(figure_of(other, "USD").pk)

    for name in (CREATE, LINK):
        response = client.post(reverse(name, args=[article.pk]), {**save_form(usd), "figure": figure, "action": "link"})
        assert response.status_code == status, name
    assert not KeyFigure.objects.exists()


def test_a_suggested_figure_is_neither_saved_nor_linked(client, section_editor, article, usd):
    client.force_login(section_editor)
    percent = figure_of(article, "percent")
    key_figure = key_figure_made(unit="percent", value=Decimal(12))

    saved = client.post(reverse(CREATE, args=[article.pk]), save_form(percent))
    linked = client.post(
        reverse(LINK, args=[article.pk]), {"figure": percent.pk, "key_figure": key_figure.pk, "action": "link"}
    )

    assert saved.status_code == 200 and "Accept the figure first" in saved.content.decode()
    assert linked.status_code == 200 and "Accept the figure first" in linked.content.decode()
    assert KeyFigure.objects.count() == 1 and not FigureMention.objects.filter(key_figure__isnull=False).exists()


def test_linking_and_unlinking_a_figure(client, section_editor, article, usd):
    client.force_login(section_editor)
    key_figure = key_figure_made(value=Decimal(250_000_000))
    here = reverse(SCREEN, args=[article.pk])

    response = client.post(
        reverse(LINK, args=[article.pk]), {"figure": usd.pk, "key_figure": key_figure.pk, "action": "link"}
    )

    assert response.status_code == 302
    assert FigureMention.objects.get(pk=usd.pk).key_figure == key_figure
    html = client.get(here).content.decode()
    assert "now cites the key figure “Lake port budget”" in html  # the message
    row = html[html.index('id="analysis-key-figures-heading"') :]
    assert "Cites the key figure" in row and reverse(EDIT, args=[key_figure.pk]) in row
    assert "cites an older value" in row  # the article states 240 million; the key figure is 250 million now
    history = client.get(reverse("wagtailadmin_pages:history", args=[article.pk])).content.decode()
    assert "figure “$240 million” cites the key figure “Lake port budget”" in history

    client.post(reverse(LINK, args=[article.pk]), {"figure": usd.pk, "action": "unlink"})

    assert FigureMention.objects.get(pk=usd.pk).key_figure is None


@pytest.mark.parametrize(
    "key_figure",
    [
        pytest.param("other-unit", id="key-figure-of-another-unit"),
        pytest.param("987654", id="unknown-key-figure"),
        pytest.param(str(2**70), id="key-figure-beyond-integers"),
        pytest.param("abc", id="key-figure-not-a-number"),
        pytest.param("", id="no-key-figure"),
    ],
)
def test_a_link_to_a_key_figure_the_figure_cannot_cite_is_a_form_error(
    client, section_editor, article, usd, key_figure
):
    client.force_login(section_editor)
    if key_figure == "other-unit":
        key_figure = key_figure_made(unit="percent", value=Decimal(12)).pk

    response = client.post(
        reverse(LINK, args=[article.pk]), {"figure": usd.pk, "key_figure": key_figure, "action": "link"}
    )

    assert response.status_code == 200 and "error-message" in response.content.decode()
    assert FigureMention.objects.get(pk=usd.pk).key_figure is None


def test_those_who_may_not_edit_the_article_or_hold_no_key_figure_rights_are_refused(client, article, usd):
    key_figure = key_figure_made()
    other_desk = UserFactory(username="other-desk", is_staff=True)
    other_desk.groups.add(Group.objects.get(name="Editors"))  # key figure rights, not this article's section
    writer = UserFactory(username="writer", is_staff=True)
    writer.groups.add(Group.objects.get(name="Contributors"), Group.objects.get(name="Contributors · analysis"))
    ArticlePage.objects.filter(pk=article.pk).update(owner=writer)  # their own article: they may edit it

    for user in (other_desk, writer):
        client.force_login(user)
        saved = client.post(reverse(CREATE, args=[article.pk]), save_form(usd))
        linked = client.post(
            reverse(LINK, args=[article.pk]), {"figure": usd.pk, "key_figure": key_figure.pk, "action": "link"}
        )
        assert (saved.status_code, linked.status_code) == (403, 403), user.username
    client.force_login(writer)
    screen = client.get(reverse(SCREEN, args=[article.pk])).content.decode()
    assert reverse(CREATE, args=[article.pk]) not in screen and reverse(LINK, args=[article.pk]) not in screen
    assert KeyFigure.objects.count() == 1 and FigureMention.objects.get(pk=usd.pk).key_figure is None


def test_signed_out_visitors_are_sent_to_sign_in_and_posts_need_a_csrf_token(section_editor, article, usd):
    anonymous = Client()
    response = anonymous.post(reverse(CREATE, args=[article.pk]), save_form(usd))
    assert response.status_code == 302 and "/login/" in response.url

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(section_editor)
    assert strict.get(reverse(CREATE, args=[article.pk])).status_code == 405
    assert strict.post(reverse(CREATE, args=[article.pk]), save_form(usd)).status_code == 403
    assert not KeyFigure.objects.exists()


# The key figures' own screens


def edit_form(key_figure: KeyFigure, **fields) -> dict:
    data = {
        "label": key_figure.label,
        "value": str(key_figure.value),
        "unit": key_figure.unit,
        "as_of": key_figure.as_of.isoformat(),
        "source": key_figure.source,
        "source_url": key_figure.source_url,
        "entity_links": inline_formset([]),
    }
    return nested_form_data({**data, **fields})


def test_the_listing_shows_label_value_unit_date_and_source(client, editor, db):
    key_figure_made(label="Pakistan's external debt", unit="USD", value=Decimal("130200000000"), source="State Bank")
    client.force_login(editor)

    html = client.get(reverse(LIST)).content.decode()

    assert "Pakistan&#x27;s external debt" in html and "130,200,000,000" in html and "State Bank" in html


def test_a_new_value_in_the_admin_keeps_the_old_one_and_lists_the_articles_citing_it(
    client, section_editor, article, usd
):
    key_figure = key_figure_made()
    services.figure_link(figure=usd, key_figure=key_figure, user=section_editor)
    client.force_login(section_editor)
    edit = reverse(EDIT, args=[key_figure.pk])

    before = client.get(edit).content.decode()
    assert (
        "No published article cites an older value" in before
        and "1 published article cites the current value" in before
    )

    response = client.post(edit, edit_form(key_figure, value="250000000", as_of="2026-06-30", source="Treasury"))

    assert response.status_code == 302, response.content.decode()[:3000]
    rows = list(KeyFigureValue.objects.filter(key_figure=key_figure).values_list("as_of", "value", "source"))
    assert rows == [(DAY, Decimal(240_000_000), "KPA"), (datetime.date(2026, 6, 30), Decimal(250_000_000), "Treasury")]
    assert (
        KeyFigureValue.objects.get(key_figure=key_figure, as_of=datetime.date(2026, 6, 30)).recorded_by
        == section_editor
    )
    html = client.get(edit).content.decode()
    citations = html[html.index("Published articles citing an older value") :]
    assert article.title in citations and "240,000,000 USD" in citations and "$240 million" in citations
    assert reverse("wagtailadmin_pages:edit", args=[article.pk]) in citations
    history = html[html.index("Value history") :]
    assert history.index("250,000,000") < history.index("240,000,000")  # newest first


def test_the_same_date_corrects_the_value_and_an_earlier_date_is_refused(client, editor, db):
    key_figure = key_figure_made()
    client.force_login(editor)
    edit = reverse(EDIT, args=[key_figure.pk])

    client.post(edit, edit_form(key_figure, value="241000000"))
    refused = client.post(edit, edit_form(key_figure, value="1", as_of="2025-01-01"))

    assert refused.status_code == 200 and "The current value holds as of" in refused.content.decode()
    assert list(KeyFigureValue.objects.filter(key_figure=key_figure).values_list("as_of", "value")) == [
        (DAY, Decimal(241_000_000))
    ]
    key_figure.refresh_from_db()
    assert key_figure.value == Decimal(241_000_000)


def test_adding_a_key_figure_in_the_admin_starts_its_history(client, editor, db):
    client.force_login(editor)

    response = client.post(
        reverse(ADD),
        nested_form_data(
            {
                "label": "Rohingya refugees in Bangladesh",
                "value": "1000000",
                "unit": "people",
                "as_of": "2026-01-31",
                "source": "UNHCR",
                "source_url": "https://example.org/rohingya",
                "entity_links": inline_formset([]),
            }
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    key_figure = KeyFigure.objects.get()
    assert [(row.value, row.source) for row in key_figure.values.all()] == [(Decimal(1_000_000), "UNHCR")]


@pytest.mark.parametrize("name", [LIST, ADD])
def test_contributors_and_readers_cannot_open_the_key_figures(client, name, reader):
    contributor = UserFactory(username="writer", is_staff=True)
    contributor.groups.add(Group.objects.get(name="Contributors"))
    key_figure = key_figure_made()

    for user in (contributor, reader):
        client.force_login(user)
        for url in (reverse(name), reverse(EDIT, args=[key_figure.pk])):
            response = client.get(url)
            assert response.status_code in (302, 403), (user.username, url)
            assert "Lake port budget" not in response.content.decode()
