"""Repeated log records are rate limited (issue 12, failure 9: a 20 s database outage wrote 150,000 lines)."""

import json
import logging
import subprocess
import sys

from django.conf import settings

from tribune.accounts.security_log import JsonFormatter
from tribune.core.logging import RepeatedRecordFilter


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def record(message="database unavailable: %s", args=("connection refused",), name="tribune.worker", level=40):
    return logging.LogRecord(name, level, __file__, 1, message, args, None)


def test_the_first_records_pass_then_repeats_are_held_back_and_counted_in_the_next_one_that_passes():
    clock = Clock()
    limiter = RepeatedRecordFilter(burst=3, window=10, clock=clock)

    passed = [limiter.filter(record()) for _ in range(1237)]
    assert passed[:3] == [True, True, True]
    assert not any(passed[3:])

    clock.now += 10
    summary = record()
    assert limiter.filter(summary)
    assert summary.getMessage() == ("database unavailable: connection refused (repeated 1,234 times in the last 10 s)")
    assert summary.repeated == 1234 and summary.repeated_seconds == 10
    assert json.loads(JsonFormatter().format(summary))["repeated"] == 1234


def test_records_differing_in_logger_level_or_template_are_counted_apart_and_arguments_do_not_matter():
    limiter = RepeatedRecordFilter(burst=1, window=10, clock=Clock())

    assert limiter.filter(record(args=("first",)))
    assert not limiter.filter(record(args=("second",)))  # same template, other value: a repeat
    assert limiter.filter(record(name="tribune.scheduler"))
    assert limiter.filter(record(level=30))
    assert limiter.filter(record(message="another message %s"))


def test_a_window_without_repeats_adds_no_note_and_a_message_without_arguments_keeps_its_percent_signs():
    clock = Clock()
    limiter = RepeatedRecordFilter(burst=1, window=10, clock=clock)
    assert limiter.filter(record(message="disk 100% full", args=()))
    clock.now += 11
    again = record(message="disk 100% full", args=())
    assert limiter.filter(again)
    assert again.getMessage() == "disk 100% full"
    assert not limiter.filter(record(message="disk 100% full", args=()))
    clock.now += 10
    noted = record(message="disk 100% full", args=())
    assert limiter.filter(noted)
    assert noted.getMessage() == "disk 100% full (repeated 1 time in the last 10 s)"


def test_the_console_handler_of_the_settings_rate_limits_a_flood_in_a_real_process():
    script = (
        "import django, logging; django.setup(); log = logging.getLogger('tribune.worker');\n"
        "[log.error('the database is unavailable: %s', n) for n in range(10000)]"
    )
    env = {"DJANGO_SETTINGS_MODULE": "tribune.settings.base", "LOG_FORMAT": "json", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    assert done.returncode == 0, done.stderr[-2000:]
    assert [line["message"] for line in lines] == [f"the database is unavailable: {n}" for n in range(5)]


def test_informational_records_are_never_limited():
    """The worker logs every task on one template ("Task id=%s path=%s state=%s"): each line is its own fact."""
    limiter = RepeatedRecordFilter(burst=2, window=10, clock=lambda: 0.0)

    assert all(limiter.filter(record(message="Task id=%s state=%s", args=(n, "RUNNING"), level=20)) for n in range(50))
    assert [limiter.filter(record(level=40)) for _ in range(3)] == [True, True, False]
