"""Living through a database outage: which errors mean "the database went away", how long to wait before trying
again, and one log line when an outage starts and one when it ends (not one per try: a 20 s outage once wrote
150,000 lines). Used by the task worker (``core.worker``) and the scheduler (``run_scheduler``)."""

import contextlib
import logging
import random
import time

from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections, connections

# What a restart, a failover or a dropped network does to a client; anything else is a bug to report, not wait out.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def forget_connections() -> None:
    """Close every database connection of this thread, so the next query opens a fresh one instead of reusing a
    socket the server has closed (a closed psycopg connection says "the connection is closed" forever). A connection
    inside a transaction is left to whoever holds the transaction (a caller's ``atomic``, a test)."""
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            continue
        # Closing a broken connection may fail too; Django has dropped it either way.
        with contextlib.suppress(DatabaseError):
            connection.close()


def refresh_connections() -> None:
    """Django's per-request ``close_old_connections`` for a long-running loop: drop connections that are broken or
    past CONN_MAX_AGE. Not inside a transaction, where closing would break the caller's (a test's) transaction."""
    if not any(connection.in_atomic_block for connection in connections.all(initialized_only=True)):
        close_old_connections()


class Backoff:
    """Delays between tries: ``first`` seconds doubling up to ``ceiling``, each drawn between half and all of its
    value (jitter), so that workers restarted together do not retry together."""

    def __init__(self, *, first: float = 0.5, ceiling: float = 15.0):
        self.first = first
        self.ceiling = ceiling
        self.failures = 0

    def next_delay(self) -> float:
        delay = min(self.ceiling, self.first * 2**self.failures)
        self.failures += 1
        return random.uniform(delay / 2, delay)  # noqa: S311 - jitter, not a secret

    def reset(self) -> None:
        self.failures = 0


class Outage:
    """Logs an outage once when it starts (with the first error) and once when it ends (with its length and the
    number of failed tries)."""

    def __init__(self, logger: logging.Logger, what: str):
        self.logger = logger
        self.what = what
        self.started = None
        self.failures = 0

    @property
    def ongoing(self) -> bool:
        return self.started is not None

    def failed(self, error: BaseException) -> None:
        self.failures += 1
        if self.started is None:
            self.started = time.monotonic()
            self.logger.error(
                "%s: the database is unavailable (%s: %s); retrying with back-off until it is back",
                self.what,
                type(error).__name__,
                str(error).strip(),
            )

    def recovered(self) -> None:
        if self.started is None:
            return
        self.logger.warning(
            "%s: the database is back after %.1f s (%d failed tries)",
            self.what,
            time.monotonic() - self.started,
            self.failures,
        )
        self.started = None
        self.failures = 0
