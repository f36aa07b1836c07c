"""The live server shared by every test that uses pytest-django's ``live_server`` (browser tests, the edge tests of
``tribune/delivery``): quiet before each such test's database is flushed."""

import threading

import pytest

from django.db import connections


class LiveServerGate:
    """Wraps the live server's application: counts the requests in flight and can shut the door between tests.

    A test's pages close before its database is flushed, but a closing page still talks to the server (the page
    editor's last autosave, an analytics beacon). A request answered while the flush runs breaks it on SQLite, where
    the server's threads share the test's connection ("couldn't be flushed"), and the next test then starts on the
    leftover rows. Shut, the gate waits for the requests in flight and answers later ones with 503, touching nothing.
    """

    def __init__(self, application):
        self.application = application
        self.condition = threading.Condition()
        self.in_flight = 0
        self.is_open = True

    def __call__(self, environ, start_response):
        with self.condition:
            if not self.is_open:
                start_response("503 Service Unavailable", [("Content-Type", "text/plain"), ("Retry-After", "1")])
                return [b"Closed between tests."]
            self.in_flight += 1
        try:
            return self.application(environ, start_response)
        finally:
            with self.condition:
                self.in_flight -= 1
                self.condition.notify_all()

    def open(self) -> None:
        with self.condition:
            self.is_open = True

    def shut(self, timeout: float = 30) -> None:
        with self.condition:
            self.is_open = False
            # A test that leaves a request hanging on purpose is not failed for it; the flush then takes its chances.
            self.condition.wait_for(lambda: self.in_flight == 0, timeout)


@pytest.fixture(scope="session")
def live_server_gate(live_server) -> LiveServerGate:
    server = live_server.thread.httpd
    gate = LiveServerGate(server.get_app())
    server.set_app(gate)
    return gate


@pytest.fixture(autouse=True)
def _live_server_quiet_for_the_flush(request, _live_server_helper):
    """Open the live server for a test that uses it; once its pages are closed, let it finish before the flush.

    Depending on pytest-django's ``_live_server_helper`` sets this up after the test database, so it is torn down
    before the database is flushed, and after every fixture the test itself asked for (its pages among them).
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    gate = request.getfixturevalue("live_server_gate")
    gate.open()
    yield
    gate.shut()


@pytest.fixture(autouse=True)
def _shared_connection_intact(request):
    """Fail the test whose live server and test thread entered transactions on the shared SQLite connection at once.

    Their atomic blocks interleave on one list, and the connection is left believing it is still inside a transaction
    with none open: on-commit work (purges, tasks) then never runs again in that test process, and a later, unrelated
    test fails for it. Said here, the failure names the test that caused it."""
    yield
    if "live_server" not in request.fixturenames:
        return
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block and not connection.atomic_blocks:
            connection.in_atomic_block = False
            connection.set_autocommit(True)
            pytest.fail(
                f"The live server's thread and the test both used the {connection.alias!r} connection inside a "
                "transaction: keep the server's requests out of the test's transactions (edge_process."
                "probe_without_database)"
            )
