"""A newcomer's first `make run`, with the real commands, development settings and the database task backend on an
empty SQLite database: the demo load queues no redundant index task, the worker runs queued work without a failure
or a line of INFO, the line to open is the last thing printed, and Ctrl-C stops the server, the worker and the
scheduler with exit status 0 and nothing left running."""

import contextlib
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.same_on_every_database  # see pyproject.toml: CI's PostgreSQL pass leaves it out

ROOT = Path(__file__).resolve().parents[3]
OPEN_LINE = "Ctrl-C stops everything."
TASKS_TABLE = "django_tasks_database_dbtaskresult"
START_SECONDS = 120  # make run checks migrations and the demo before serving; a busy CI machine is slow
STOP_SECONDS = 20


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """`make demo` on a fresh clone: an empty database migrated and loaded by the commands themselves."""
    workdir = tmp_path_factory.mktemp("first-run")
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DEBUG", "SITE_URL", "LOG_LEVEL"}
        and not name.startswith(("TRIBUNE_", "TASKS_"))
    }
    env.update(
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        TRIBUNE_PAGE_CACHE_DIR=str(workdir / "pages"),
        MEDIA_ROOT=str(workdir / "media"),
    )
    _manage(env, "migrate", "--noinput")
    loaded = _manage(env, "load_demo", "--if-empty")
    return SimpleNamespace(env=env, db=workdir / "db.sqlite3", load_output=loaded.stdout)


def test_loading_the_demo_queues_no_index_task_and_leaves_both_indexes_complete(first_run):
    assert "Demo outlet ready" in first_run.load_output

    with sqlite3.connect(first_run.db) as db:
        queued = Counter(dict(db.execute(f"SELECT task_path, COUNT(*) FROM {TASKS_TABLE} GROUP BY task_path")))  # noqa: S608
        articles = db.execute("SELECT COUNT(*) FROM newsroom_articlepage").fetchone()[0]
        indexed = db.execute(
            "SELECT COUNT(*) FROM wagtailsearch_indexentry e JOIN django_content_type t ON t.id = e.content_type_id"
            " WHERE t.app_label = 'newsroom' AND t.model = 'articlepage'"
        ).fetchone()[0]
        references = db.execute("SELECT COUNT(*) FROM wagtailcore_referenceindex").fetchone()[0]

    assert queued == Counter()  # was ~700 search-index and reference-index tasks, all redundant with the rebuild
    assert articles >= 40 and indexed == articles
    assert references > articles  # every article refers to its lead image, section, bylines...


def test_the_worker_runs_edits_and_deletions_quietly_and_nothing_fails(first_run):
    _manage(
        first_run.env,
        "shell",
        "-c",
        "from tribune.newsroom.models import ArticlePage\n"
        "pages = ArticlePage.objects.live().order_by('pk')\n"
        "edited, deleted = pages.first(), pages.last()\n"
        "edited.save_revision().publish()\n"
        "deleted.save_revision().publish()\n"
        "deleted.delete()  # its index updates, and its bylines', are still queued\n",
    )
    # Due now: the index updates and the publishes' analyses. A saved draft's analysis waits a little (autosaves
    # in a row are analysed once), so a worker's batch leaves it for later.
    due = "status = 'READY' AND (run_after <= datetime('now') OR run_after >= '9999-01-01')"
    with sqlite3.connect(first_run.db) as db:
        queued = db.execute(f"SELECT COUNT(*) FROM {TASKS_TABLE} WHERE {due}").fetchone()[0]  # noqa: S608
        waiting = dict(db.execute(f"SELECT task_path, COUNT(*) FROM {TASKS_TABLE} WHERE NOT ({due}) GROUP BY 1"))  # noqa: S608
    assert queued >= 4
    assert set(waiting) <= {"tribune.analysis.tasks.analyse_article"}

    worker = _manage(first_run.env, "db_worker", "--batch", "--no-reload", "--no-startup-delay")

    assert worker.stdout == "" and worker.stderr == ""  # no "Task id=… state=…" line per task, no traceback
    with sqlite3.connect(first_run.db) as db:
        statuses = dict(db.execute(f"SELECT status, COUNT(*) FROM {TASKS_TABLE} GROUP BY status"))  # noqa: S608
    assert statuses == {"SUCCESSFUL": queued, **({"READY": sum(waiting.values())} if waiting else {})}


# CI (and `make test`) always has make and the .venv: only a bare pytest elsewhere may lack them, and CI fails instead.
@pytest.mark.skipif(
    not shutil.which("make") and not os.environ.get("CI"), reason="make is not installed (CI fails instead)"
)
@pytest.mark.skipif(
    not (ROOT / ".venv" / "bin" / "python").exists() and not os.environ.get("CI"),
    reason="make run needs the project's .venv (CI fails instead)",
)
def test_make_run_in_a_terminal_announces_last_and_ctrl_c_stops_everything_with_status_0(first_run):
    port = _free_port()
    # The .venv is taken as installed (-o): the test checks the run, not pip.
    command = ["make", "--no-print-directory", "-o", ".venv/.installed", "run", f"PORT={port}", "HOST=127.0.0.1"]
    with _in_terminal(command, first_run.env) as terminal:
        terminal.wait_for(OPEN_LINE, START_SECONDS)
        time.sleep(3)  # the worker and the scheduler had time to say anything they would
        assert terminal.lines()[-1].endswith(OPEN_LINE), terminal.output()
        assert _get(port) == 200

        terminal.press_ctrl_c()

        assert terminal.wait(STOP_SECONDS) == 0, terminal.output()
        _assert_nothing_left(terminal.session)
        output = terminal.output()
    assert "Segmentation fault" not in output and "Interrupt" not in output and "Error" not in output, output
    assert "Traceback" not in output, output


def test_dev_run_stops_everything_with_status_0_on_sigint_to_its_process_group(first_run):
    port = _free_port()
    runner = subprocess.Popen(  # noqa: S603
        [sys.executable, "deploy/dev-run", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=first_run.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines = []
    threading.Thread(target=lambda: lines.extend(runner.stdout), daemon=True).start()
    try:
        _wait_until(lambda: any(OPEN_LINE in line for line in lines), START_SECONDS, runner)
        assert _get(port) == 200

        os.killpg(runner.pid, signal.SIGINT)  # what a terminal's Ctrl-C does

        assert runner.wait(timeout=STOP_SECONDS) == 0, "".join(lines)
        _assert_nothing_left(runner.pid)
        assert "Traceback" not in "".join(lines)
    finally:
        _kill_session(runner.pid)


def _manage(env, *args):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:  # noqa: S310
        return response.status


def _wait_until(condition, seconds, process):
    deadline = time.monotonic() + seconds
    while not condition():
        assert process.poll() is None, f"exited with {process.returncode}"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def _session_processes(session: int) -> list[str]:
    """Running (not zombie) processes of a session: everything started under it, whatever its process group."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline") as cmdline:
                command = cmdline.read().replace("\0", " ").strip()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(f"{entry}: {command}")
    return found


def _assert_nothing_left(session: int):
    deadline = time.monotonic() + 5
    while _session_processes(session) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _session_processes(session) == []


def _kill_session(session: int):
    """Cleanup after a failure: only the processes this test started (its own session)."""
    for entry in _session_processes(session):
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(entry.split(":")[0]), signal.SIGKILL)


class _in_terminal:
    """Run a command as a terminal would: in a new session whose controlling terminal is a pseudo-terminal, so
    Ctrl-C typed on it reaches the terminal's foreground process group, as the kernel decides."""

    def __init__(self, command, env):
        self.command, self.env, self.buffer = command, {**env, "TERM": "dumb"}, b""

    def __enter__(self):
        import fcntl
        import termios

        self.master, replica = os.openpty()
        self.process = subprocess.Popen(  # noqa: S603
            self.command,
            cwd=ROOT,
            env=self.env,
            stdin=replica,
            stdout=replica,
            stderr=replica,
            start_new_session=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),  # noqa: PLW1509 - the child's terminal
        )
        os.close(replica)
        self.session = self.process.pid
        return self

    def __exit__(self, *exc):
        _kill_session(self.session)
        self.process.wait(timeout=STOP_SECONDS)
        os.close(self.master)

    def _read(self, seconds: float):
        import select

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.buffer += os.read(self.master, 65536)
                except OSError:  # the terminal closed: every process on it exited
                    return

    def output(self) -> str:
        self._read(0.2)
        return self.buffer.decode(errors="replace").replace("\r\n", "\n")

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.output().splitlines() if line.strip()]

    def wait_for(self, text: str, seconds: float):
        deadline = time.monotonic() + seconds
        while text not in self.output():
            assert self.process.poll() is None, self.output()
            assert time.monotonic() < deadline, self.output()
            self._read(0.5)

    def press_ctrl_c(self):
        os.write(self.master, b"\x03")

    def wait(self, seconds: float) -> int:
        deadline = time.monotonic() + seconds
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.2)
        return self.process.wait(timeout=1)
