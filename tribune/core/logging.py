"""Repeated log records, rate limited: a 20 s database outage once wrote 150,000 lines (10 MB), the same few errors
from every loop and every request. ``RepeatedRecordFilter`` sits on the handlers (``LOGGING`` in settings): records
are the same when their logger, level and message template (before its arguments are filled in) are. The first
``burst`` of them in a ``window`` of seconds pass; the rest are counted, and the first one after the window passes
with the count: "… (repeated 1,234 times in the last 10 s)", also on the record as ``repeated`` and
``repeated_seconds`` for the JSON formatter. Repeats that stop before the window ends are not reported. Only
warnings and errors are limited: an informational line such as the worker's "Task id=… state=RUNNING" has one
template for every task.

Imported by ``LOGGING`` before the apps load: nothing from Django here.
"""

import logging
import threading
import time
from dataclasses import dataclass


@dataclass
class _Seen:
    window_start: float
    passed: int = 0
    suppressed: int = 0


class RepeatedRecordFilter(logging.Filter):
    # Distinct templates remembered at most; past that, those whose window has ended are forgotten.
    MAX_KEYS = 2000

    def __init__(
        self,
        name: str = "",
        *,
        burst: int = 5,
        window: float = 10.0,
        level: int = logging.WARNING,
        clock=time.monotonic,
    ):
        super().__init__(name)
        self.level = level
        self.burst = int(burst)
        self.window = float(window)
        self.clock = clock
        self._seen: dict[tuple, _Seen] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < self.level:
            # Below warnings, one template is many different facts ("Task id=… state=RUNNING" for each task): only
            # warnings and errors flood, from every loop and request alike, and are worth counting instead.
            return True
        key = (record.name, record.levelno, str(record.msg))
        now = self.clock()
        with self._lock:
            seen = self._seen.get(key)
            if seen is None:
                self._forget_old(now)
                seen = self._seen[key] = _Seen(window_start=now)
            elif now - seen.window_start >= self.window:
                suppressed, elapsed = seen.suppressed, now - seen.window_start
                seen.window_start, seen.passed, seen.suppressed = now, 0, 0
                if suppressed:
                    self._annotate(record, suppressed, elapsed)
            if seen.passed < self.burst:
                seen.passed += 1
                return True
            seen.suppressed += 1
            return False

    @staticmethod
    def _annotate(record: logging.LogRecord, suppressed: int, elapsed: float) -> None:
        # Every handler may hold its own filter: the note is added once per record.
        if getattr(record, "repeated", None) is not None:
            return
        record.repeated = suppressed
        record.repeated_seconds = round(elapsed)
        note = f" (repeated {suppressed:,} {'time' if suppressed == 1 else 'times'} in the last {round(elapsed)} s)"
        # A template with arguments goes through %-formatting: the note must carry no bare %.
        record.msg = f"{record.msg}{note.replace('%', '%%') if record.args else note}"

    def _forget_old(self, now: float) -> None:
        if len(self._seen) < self.MAX_KEYS:
            return
        for key in [key for key, seen in self._seen.items() if now - seen.window_start >= self.window]:
            del self._seen[key]
        if len(self._seen) >= self.MAX_KEYS:
            self._seen.clear()  # a flood of distinct messages: start afresh rather than grow without bound
