"""PostgreSQL (or the SQLite file) unreachable: a friendly 503 with Retry-After for everything no cache can answer,
and a refused comment that says it was not saved. Each test cuts the database for real (tests/outages.py)."""

import pytest

from django.db import InterfaceError, connection, transaction
from django.db.utils import DatabaseError
from django.template import loader
from django.test import Client

from tests.factories import UserFactory
from tribune.core import unavailable
from tribune.discussion.models import Comment

from .outages import database_down

FRIENDLY = "briefly unavailable"


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


def assert_friendly_503(response, *, retry_after="30"):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == retry_after
    assert "no-store" in response["Cache-Control"]
    assert "Traceback" not in html and "OperationalError" not in html
    return html


def test_a_signed_in_reader_gets_a_friendly_503_while_the_database_is_down(visitor, article):
    visitor.force_login(UserFactory(username="ada"))

    with database_down():
        response = visitor.get(article.url)

    html = assert_friendly_503(response)
    assert FRIENDLY in html and "try again in about a minute" in html


def test_an_uncached_page_for_anonymous_readers_is_a_503_too(visitor, article, settings):
    settings.TRIBUNE_RETRY_AFTER_SECONDS = 120

    with database_down():
        response = visitor.get(article.url)

    html = assert_friendly_503(response, retry_after="120")
    assert "about 2 minutes" in html


def test_the_admin_gets_the_503_while_the_database_is_down(visitor, superuser):
    visitor.force_login(superuser)

    with database_down():
        response = visitor.get("/admin/")

    assert FRIENDLY in assert_friendly_503(response)


def test_a_comment_posted_during_the_outage_is_not_claimed_as_saved_and_is_offered_again(visitor, article):
    visitor.force_login(UserFactory(username="ada"))
    words = "A long considered reply about the central bank's forecast,\nwith a second line the reader typed."

    with database_down():
        response = visitor.post(
            f"/discussion/{article.pk}/comments/", {"body": words, "token": "b" * 32, "password": "hunter2-secret"}
        )

    html = assert_friendly_503(response)
    assert "Nothing was saved" in html and "not saved" in html
    assert "published" not in html.lower()
    # The same form again, filled in (the idempotency token included, so sending twice makes one comment); no secret.
    assert f'action="/discussion/{article.pk}/comments/"' in html
    assert "A long considered reply about the central bank&#x27;s forecast,\nwith a second line" in html
    assert 'name="token" value="' + "b" * 32 + '"' in html
    assert "hunter2-secret" not in html
    assert not Comment.objects.exists()


def test_sending_the_offered_form_again_after_the_outage_saves_the_comment_once(visitor, article, settings):
    from tribune.discussion.services import discussion_settings

    config = discussion_settings()
    config.trusted_after = 0
    config.save()
    author = UserFactory(username="ada")
    author.emailaddress_set.create(email=author.email, verified=True, primary=True)
    visitor.force_login(author)
    data = {"body": "Kept through the outage", "token": "c" * 32}
    with database_down():
        assert visitor.post(f"/discussion/{article.pk}/comments/", data).status_code == 503

    visitor.post(f"/discussion/{article.pk}/comments/", data)
    visitor.post(f"/discussion/{article.pk}/comments/", data)

    assert list(Comment.objects.values_list("body", flat=True)) == ["Kept through the outage"]


def test_a_programming_error_is_still_a_500(visitor, db, settings):
    settings.ROOT_URLCONF = "tribune.core.tests.urls_broken_query"

    response = visitor.get("/broken-query/")

    assert response.status_code == 500
    assert "Retry-After" not in response


def test_connection_failures_are_told_apart_from_bad_queries(db):
    with database_down(), pytest.raises(DatabaseError) as refused:
        connection.ensure_connection()
    with pytest.raises(DatabaseError) as bad_query, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table_anywhere")

    assert unavailable.is_database_unavailable(refused.value)
    assert not unavailable.is_database_unavailable(bad_query.value)
    assert unavailable.is_database_unavailable(InterfaceError("connection already closed"))
    assert not unavailable.is_database_unavailable(ValueError("not a database error"))


def test_the_page_renders_without_touching_the_database(rf, django_assert_num_queries, db):
    request = rf.post("/discussion/1/comments/", {"body": "x"})

    with django_assert_num_queries(0):
        response = unavailable.unavailable_response(request, reason=unavailable.DATABASE)

    assert response.status_code == 503
    # A plain template: no context processor (site settings, user, messages) can run inside it.
    assert "{% load" not in loader.get_template(unavailable.TEMPLATE).template.source.replace("{% load i18n %}", "")


def test_an_upload_is_not_echoed_and_the_page_says_to_go_back(rf):
    from django.core.files.uploadedfile import SimpleUploadedFile

    request = rf.post("/admin/images/add/", {"title": "Flood", "file": SimpleUploadedFile("a.jpg", b"x")})

    html = unavailable.unavailable_response(request, reason=unavailable.DATABASE).content.decode()

    assert "<form" not in html and "your browser usually keeps what you typed" in html
