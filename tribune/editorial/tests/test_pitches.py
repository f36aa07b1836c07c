"""Pitches in the admin: an expert proposes a piece, the section's editors question, accept or decline it."""

import pytest
from bs4 import BeautifulSoup

from django.test import RequestFactory
from django.urls import reverse

from tests.factories import UserFactory, make_contributor
from tribune.editorial import admin_views, services
from tribune.editorial.models import Pitch, PitchStatus
from tribune.editorial.roles import role_assign
from tribune.newsroom.models import ArticlePage

PITCH_DATA = {
    "working_title": "Why the grain corridor matters",
    "summary": "Shipping data shows the corridor kept prices down across East Africa.",
    "angle": "Port-level data nobody has published yet.",
    "why_now": "The agreement is up for renewal next month.",
    "expected_length": 1500,
}


def page_text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def url(name: str, pitch: Pitch | None = None) -> str:
    return reverse(f"editorial:{name}", args=[pitch.pk] if pitch else [])


@pytest.fixture
def author(section):
    user = UserFactory(username="amara", first_name="Amara", last_name="Okafor")
    role_assign(user=user, role="contributor", sections=[section])
    return user


@pytest.fixture
def other_author(section):
    user = UserFactory(username="bao")
    role_assign(user=user, role="contributor", sections=[section])
    return user


@pytest.fixture
def section_editor(editor, section):
    role_assign(user=editor, role="editor", sections=[section])
    return editor


@pytest.fixture
def other_section_editor(other_section):
    user = UserFactory(username="olu", is_staff=True)
    role_assign(user=user, role="editor", sections=[other_section])
    return user


@pytest.fixture
def pitch(author, section):
    return services.pitch_submit(author=author, section=section, **PITCH_DATA)


def test_a_pitch_goes_from_submission_through_a_question_to_an_accepted_draft(
    client, section, author, section_editor, other_section_editor, mailoutbox, django_capture_on_commit_callbacks
):
    # Invited experts start with a draft profile; it still becomes the byline.
    profile = make_contributor(slug="amara-okafor", name="Amara Okafor", user=author, publish=False)

    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("pitch_create"), {**PITCH_DATA, "section": section.pk})
    pitch = Pitch.objects.get(author=author)
    assert response.status_code == 302
    assert response["Location"] == url("pitch_detail", pitch)
    assert pitch.status == PitchStatus.SUBMITTED
    assert [message.to for message in mailoutbox] == [[section_editor.email]]
    assert PITCH_DATA["working_title"] in mailoutbox[0].subject
    assert "http://testserver" + url("pitch_detail", pitch) in mailoutbox[0].body

    mailoutbox.clear()
    client.force_login(section_editor)
    assert PITCH_DATA["summary"] in page_text(client.get(url("pitch_detail", pitch)))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("pitch_ask", pitch), {"question": "Which ports does the data cover?"})
    assert response["Location"] == url("pitch_detail", pitch)
    pitch.refresh_from_db()
    assert pitch.status == PitchStatus.QUESTION
    assert [message.to for message in mailoutbox] == [[author.email]]
    assert "Which ports does the data cover?" in mailoutbox[0].body

    mailoutbox.clear()
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("pitch_reply", pitch), {"text": "Mombasa and Dar es Salaam."})
    pitch.refresh_from_db()
    assert pitch.status == PitchStatus.SUBMITTED
    assert [message.to for message in mailoutbox] == [[section_editor.email]]
    assert "Mombasa and Dar es Salaam." in mailoutbox[0].body

    mailoutbox.clear()
    client.force_login(section_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("pitch_accept", pitch), {"message": "Welcome aboard."}, follow=True)
    pitch.refresh_from_db()
    article = pitch.article
    assert pitch.status == PitchStatus.ACCEPTED
    assert isinstance(article, ArticlePage)
    assert not article.live
    assert article.get_parent().pk == section.pk
    assert article.owner == author
    assert article.title == PITCH_DATA["working_title"]
    assert [byline.contributor for byline in article.bylines.all()] == [profile]
    assert [message.to for message in mailoutbox] == [[author.email]]
    assert "Welcome aboard." in mailoutbox[0].body
    assert "Pitch accepted" in page_text(response)
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert BeautifulSoup(response.content, "html.parser").select_one(".pitch__article")["href"] == edit_url

    thread = page_text(client.get(url("pitch_detail", pitch)))
    assert thread.index("Which ports does the data cover?") < thread.index("Mombasa and Dar es Salaam.")
    assert "Welcome aboard." in thread


def test_accepting_a_pitch_from_an_author_without_a_profile_leaves_the_byline_empty(client, pitch, section_editor):
    client.force_login(section_editor)
    client.post(url("pitch_accept", pitch), {"message": ""})

    pitch.refresh_from_db()
    assert pitch.article is not None
    assert not pitch.article.bylines.exists()


def test_declining_needs_a_reason_and_changes_nothing_without_one(
    client, pitch, section_editor, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(section_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("pitch_decline", pitch), {"reason": "   "})

    assert response.status_code == 200
    assert services.REASON_REQUIRED in response.context["decline_form"].errors["reason"]
    pitch.refresh_from_db()
    assert pitch.status == PitchStatus.SUBMITTED
    assert mailoutbox == []


def test_declining_emails_the_reason_to_the_author(
    client, pitch, author, section_editor, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(section_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("pitch_decline", pitch), {"reason": "We covered this last week."}, follow=True)

    pitch.refresh_from_db()
    assert pitch.status == PitchStatus.DECLINED
    assert pitch.article is None
    assert "Pitch declined" in page_text(response)
    assert [message.to for message in mailoutbox] == [[author.email]]
    assert "We covered this last week." in mailoutbox[0].body


def test_asking_needs_a_question_and_replying_needs_text(client, pitch, author, section_editor):
    client.force_login(section_editor)
    response = client.post(url("pitch_ask", pitch), {"question": ""})
    assert services.QUESTION_REQUIRED in response.context["ask_form"].errors["question"]

    client.force_login(author)
    response = client.post(url("pitch_reply", pitch), {"text": ""})
    assert services.REPLY_REQUIRED in response.context["reply_form"].errors["text"]


def test_the_author_can_withdraw_an_open_pitch(client, pitch, author):
    client.force_login(author)
    response = client.post(url("pitch_withdraw", pitch), follow=True)

    pitch.refresh_from_db()
    assert pitch.status == PitchStatus.WITHDRAWN
    assert "Pitch withdrawn" in page_text(response)


@pytest.mark.parametrize(
    ("decision", "data"),
    [("pitch_decline", {"reason": "Not for us."}), ("pitch_accept", {}), ("pitch_withdraw", {})],
)
@pytest.mark.parametrize(
    ("action", "data_for_action", "by"),
    [
        ("pitch_accept", {}, "section_editor"),
        ("pitch_decline", {"reason": "Changed our mind."}, "section_editor"),
        ("pitch_ask", {"question": "One more thing?"}, "section_editor"),
        ("pitch_reply", {"text": "Anything else?"}, "author"),
        ("pitch_withdraw", {}, "author"),
    ],
)
def test_a_decided_or_withdrawn_pitch_cannot_be_acted_on_again(
    client, request, pitch, author, section_editor, decision, data, action, data_for_action, by
):
    client.force_login(author if decision == "pitch_withdraw" else section_editor)
    client.post(url(decision, pitch), data)
    pitch.refresh_from_db()
    decided_status = pitch.status

    client.force_login(request.getfixturevalue(by))
    response = client.post(url(action, pitch), data_for_action, follow=True)

    assert response.redirect_chain == [(url("pitch_detail", pitch), 302)]
    assert services.PITCH_NOT_OPEN in page_text(response)
    pitch.refresh_from_db()
    assert pitch.status == decided_status
    assert not BeautifulSoup(response.content, "html.parser").select("form.pitch__action")


def test_editors_of_another_section_can_neither_see_nor_decide_a_pitch(client, pitch, other_section_editor):
    client.force_login(other_section_editor)

    assert client.get(url("pitch_detail", pitch)).status_code == 404
    assert pitch.working_title not in page_text(client.get(url("pitch_list")))
    for action, data in [
        ("pitch_accept", {}),
        ("pitch_decline", {"reason": "No."}),
        ("pitch_ask", {"question": "Why?"}),
    ]:
        response = client.post(url(action, pitch), data)
        assert response.status_code == 403
        assert services.NOT_AN_EDITOR_OF_SECTION in page_text(response)
        assert pitch.working_title not in page_text(response)
    pitch.refresh_from_db()
    assert pitch.status == PitchStatus.SUBMITTED
    assert pitch.messages.count() == 0


@pytest.mark.parametrize(
    ("action", "data"), [("pitch_accept", {}), ("pitch_decline", {"reason": "No."}), ("pitch_ask", {"question": "?"})]
)
def test_a_contributor_posting_an_editor_action_is_refused(client, pitch, author, action, data):
    client.force_login(author)

    response = client.post(url(action, pitch), data)

    assert response.status_code == 403
    pitch.refresh_from_db()
    assert pitch.status == PitchStatus.SUBMITTED


def test_a_contributor_cannot_see_or_touch_another_contributors_pitch(client, pitch, other_author):
    client.force_login(other_author)

    assert client.get(url("pitch_detail", pitch)).status_code == 404
    assert pitch.working_title not in page_text(client.get(url("pitch_list")))
    assert client.post(url("pitch_reply", pitch), {"text": "Hijack"}).status_code == 403
    assert client.post(url("pitch_withdraw", pitch)).status_code == 403
    pitch.refresh_from_db()
    assert pitch.status == PitchStatus.SUBMITTED


def test_the_author_sees_reply_and_withdraw_but_not_the_editors_decisions(client, pitch, author, section_editor):
    client.force_login(author)
    author_forms = BeautifulSoup(client.get(url("pitch_detail", pitch)).content, "html.parser")
    client.force_login(section_editor)
    editor_forms = BeautifulSoup(client.get(url("pitch_detail", pitch)).content, "html.parser")

    def actions(page):
        return sorted(form["action"] for form in page.select("form.pitch__action"))

    assert actions(author_forms) == sorted([url("pitch_reply", pitch), url("pitch_withdraw", pitch)])
    assert actions(editor_forms) == sorted(
        [url("pitch_accept", pitch), url("pitch_decline", pitch), url("pitch_ask", pitch)]
    )


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("pitch_list", "get"),
        ("pitch_create", "get"),
        ("pitch_create", "post"),
        ("pitch_detail", "get"),
        ("pitch_accept", "post"),
        ("pitch_decline", "post"),
        ("pitch_ask", "post"),
        ("pitch_reply", "post"),
        ("pitch_withdraw", "post"),
    ],
)
@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_people_without_admin_access_are_sent_to_the_login_page(client, pitch, reader, name, method, who):
    if who == "reader":
        client.force_login(reader)
    target = url(name, pitch) if name not in {"pitch_list", "pitch_create"} else url(name)

    response = getattr(client, method)(target)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    pitch.refresh_from_db()
    assert pitch.status == PitchStatus.SUBMITTED


def test_missing_fields_are_reported_on_the_form(client, author):
    client.force_login(author)

    response = client.post(url("pitch_create"), {})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"working_title", "summary", "angle", "why_now", "section", "expected_length"}
    assert not Pitch.objects.exists()


def test_oversized_fields_and_lengths_out_of_range_are_reported_on_the_form(client, author, section):
    client.force_login(author)
    too_long = {
        "working_title": "t" * 161,
        "summary": "s" * 2001,
        "angle": "a" * 1001,
        "why_now": "w" * 1001,
    }

    response = client.post(url("pitch_create"), {**PITCH_DATA, **too_long, "section": section.pk})
    errors = response.context["form"].errors
    assert set(errors) == set(too_long)
    assert "at most 160 characters" in errors["working_title"][0]

    for words in (services.PITCH_MIN_WORDS - 1, services.PITCH_MAX_WORDS + 1):
        response = client.post(url("pitch_create"), {**PITCH_DATA, "expected_length": words, "section": section.pk})
        assert set(response.context["form"].errors) == {"expected_length"}
    assert not Pitch.objects.exists()


def test_a_contributor_cannot_pitch_to_a_section_they_are_not_assigned_to(client, author, other_section):
    client.force_login(author)

    response = client.post(url("pitch_create"), {**PITCH_DATA, "section": other_section.pk})

    assert response.context["form"].errors["section"] == [services.NOT_ASSIGNED_TO_SECTION]
    assert not Pitch.objects.exists()


def test_the_section_menu_offers_only_the_contributors_sections(client, author, section, other_section):
    client.force_login(author)

    page = BeautifulSoup(client.get(url("pitch_create")).content, "html.parser")

    options = [option.get_text(strip=True) for option in page.select("select[name=section] option") if option["value"]]
    assert options == [section.title]
    assert page.select_one("label[for=id_working_title]")


def test_editors_may_pitch_to_the_sections_they_edit(client, section_editor, section):
    client.force_login(section_editor)

    response = client.post(url("pitch_create"), {**PITCH_DATA, "section": section.pk})

    assert response.status_code == 302
    assert Pitch.objects.get().author == section_editor


def test_someone_without_a_section_gets_no_new_pitch_button_and_cannot_pitch(client, editor):
    client.force_login(editor)

    listing = BeautifulSoup(client.get(url("pitch_list")).content, "html.parser")
    response = client.get(url("pitch_create"))

    assert not listing.find("a", href=url("pitch_create"))
    assert response.status_code == 403
    assert admin_views.NO_SECTION_TO_PITCH in page_text(response)


def test_the_list_shows_the_new_pitch_button_to_contributors(client, author):
    client.force_login(author)

    listing = BeautifulSoup(client.get(url("pitch_list")).content, "html.parser")

    assert listing.find("a", href=url("pitch_create"))


def test_editors_see_their_queue_of_open_pitches_first_then_the_rest_newest_first(
    client, section, author, section_editor
):
    services.pitch_submit(author=author, section=section, **{**PITCH_DATA, "working_title": "Older open"})
    decided = services.pitch_submit(author=author, section=section, **{**PITCH_DATA, "working_title": "Decided"})
    services.pitch_decline(pitch=decided, editor=section_editor, reason="No room.")
    newer_open = services.pitch_submit(author=author, section=section, **{**PITCH_DATA, "working_title": "Newer open"})
    services.pitch_ask(pitch=newer_open, editor=section_editor, question="Sources?")
    client.force_login(section_editor)

    rows = BeautifulSoup(client.get(url("pitch_list")).content, "html.parser").select("tbody tr")

    assert [row.select_one("td.title a").get_text(strip=True) for row in rows] == [
        "Newer open",
        "Older open",
        "Decided",
    ]
    assert ["pitch-row--queue" in row["class"] for row in rows] == [True, True, False]
    first = [cell.get_text(strip=True) for cell in rows[0].select("td")]
    assert first[1:4] == ["Amara Okafor", section.title, "Question from the editors"]


def test_the_list_filters_by_status_and_ignores_unknown_statuses(client, section, author, section_editor):
    services.pitch_submit(author=author, section=section, **{**PITCH_DATA, "working_title": "Still open"})
    declined = services.pitch_submit(author=author, section=section, **{**PITCH_DATA, "working_title": "Declined one"})
    services.pitch_decline(pitch=declined, editor=section_editor, reason="No.")
    client.force_login(author)

    def titles(query):
        page = BeautifulSoup(client.get(url("pitch_list") + query).content, "html.parser")
        return [link.get_text(strip=True) for link in page.select("tbody td.title a")]

    assert titles("?status=declined") == ["Declined one"]
    assert titles("?status=submitted") == ["Still open"]
    assert titles("?status=nonsense") == ["Declined one", "Still open"]
    assert titles("?status=accepted&p=abc") == []


def test_the_pitches_menu_item_is_shown_to_contributors_and_editors_only(author, editor, reader):
    item = admin_views.pitches_menu_item()
    request = RequestFactory().get("/admin/")

    def shown_to(user):
        request.user = user
        return item.is_shown(request)

    assert shown_to(author)
    assert shown_to(editor)
    assert not shown_to(reader)
    assert item.url == url("pitch_list")
