"""Two editors' saves from one version arriving at the same moment: the row lock lets only one of them through.

Its own module: the test is transactional (the two requests run on their own connections), and the module-scoped
fixture imported below puts back what the flush after it removes.
"""

import threading

import pytest

from django.db import connection

from wagtail.admin.views.pages.edit import EditView

from tests.browser.conftest import _migration_rows_put_back  # noqa: F401 - this test commits, then flushes

from .test_edit_conflicts import REFUSED, latest_title, open_editor, post_edit, two_editors_on


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks (select_for_update does nothing there): run with DATABASE_URL on PostgreSQL",
)
# Committed data, so the two requests' own connections see it; the serialized rollback puts back the migrations' rows.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_saves_from_one_version_cannot_both_win(section, monkeypatch):
    article, (ana, ana_client), (ben, ben_client) = two_editors_on(section)
    loaded = {ana.pk: open_editor(ana_client, article), ben.pk: open_editor(ben_client, article)}
    passed_the_check = {ana.pk: threading.Event(), ben.pk: threading.Event()}
    wagtail_post = EditView.post

    def post_once_both_are_past_the_check(view, request, *args, **kwargs):
        # Each post, once past the conflict check, waits for the other to get past it too: without the row lock
        # both get there and both save; with it, the second waits at the lock and the wait below simply ends.
        passed_the_check[request.user.pk].set()
        other = next(pk for pk in passed_the_check if pk != request.user.pk)
        passed_the_check[other].wait(timeout=3)
        return wagtail_post(view, request, *args, **kwargs)

    monkeypatch.setattr(EditView, "post", post_once_both_are_past_the_check)
    responses = {}

    def save(user, client, title):
        try:
            responses[user.pk] = post_edit(client, article, title, loaded[user.pk])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(ana, ana_client, "Ana's headline")),
        threading.Thread(target=save, args=(ben, ben_client, "Ben's headline")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    codes = sorted(response.status_code for response in responses.values())
    assert codes == [200, 302]
    winner = next(pk for pk, response in responses.items() if response.status_code == 302)
    loser = responses[ana.pk if winner == ben.pk else ben.pk]
    assert REFUSED in loser.content.decode()
    assert latest_title(article) == ("Ana's headline" if winner == ana.pk else "Ben's headline")
    assert article.revisions.filter(user__in=[ana, ben]).count() == 1
