"""``make chaos``: Tribune run the production way under load, with faults injected one after the other.

It starts its own PostgreSQL and Redis (loopback, throwaway folders), a production-configured Tribune (Granian, the
task worker, the scheduler) behind both edges (Varnish and the nginx proxy cache), readers through the edges and
signed-in readers posting comments, and an SMTP sink. Then, one at a time, it injects the faults below, heals them,
and records for each: what readers saw (answers by status), errors (a 5xx other than a 503 that says when to come
back, or a connection that failed), acknowledged writes lost or doubled, unpublished or outdated content served after
the fault ended, and the time to recover. It writes ``bench/results/chaos.{md,json}`` and exits non-zero when any
fault has an error, a lost or doubled write or stale content, or recovered more slowly than its bound.

Every process it starts is stopped on the way out. Standard library only; the steps that need Django are in
``bench/chaos_steps.py``. About ten minutes.
"""

import argparse
import collections
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import run as bench  # noqa: E402 - the bench's process and edge helpers, after the path that finds them

REPO = bench.REPO
PYTHON = bench.PYTHON
WORK = BENCH / "chaos-work"
bench.WORK = WORK  # the bench's helpers keep their files (edge configurations, caches) here
RESULTS = Path(os.environ.get("BENCH_RESULTS", BENCH / "results"))
STEPS = [PYTHON, BENCH / "chaos_steps.py"]
MANAGE = [PYTHON, "manage.py"]
OUTAGE_S = float(os.environ.get("CHAOS_OUTAGE_SECONDS", 10))
# How long after a fault is healed the site may take to be right again (new headline shown everywhere, the
# unpublished article gone everywhere, the scheduled article live), by fault.
RECOVERY_BOUND_S = float(os.environ.get("CHAOS_RECOVERY_SECONDS", 30))
TASK_LEASE_S = 15  # the worker's lease in this run: a task a killed worker held is retried after it
WATCH_AFTER_S = 8  # after recovery, how long every edge and the origin are watched for anything stale


def log(message: str) -> None:
    print(f"[chaos {time.monotonic() - bench.START:6.1f}s] {message}", flush=True)


bench.log = log


# --- servers of its own --------------------------------------------------------------------------------------------


def postgres_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))
    if not versions:
        raise bench.BenchError("PostgreSQL's server binaries are not installed (Debian: postgresql)")
    return versions[-1].parent


def as_postgres(cmd: list) -> list:
    """PostgreSQL refuses to run as root: run it as the postgres user when we are root."""
    cmd = [str(c) for c in cmd]
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class Postgres:
    def __init__(self, procs, port: int):
        self.procs, self.port = procs, port
        self.data, self.sockets = WORK / "pg" / "data", WORK / "pg" / "run"
        self.proc = None

    def init(self) -> None:
        self.sockets.mkdir(parents=True)
        self.data.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(WORK / "pg", "postgres")
            for folder in (self.data, self.sockets):
                shutil.chown(folder, "postgres")
        initdb = as_postgres(
            [
                postgres_bin() / "initdb",
                "-D",
                self.data,
                "-A",
                "trust",
                "-U",
                "postgres",
                "-N",
                "-E",
                "UTF8",
                "--locale",
                "C.UTF-8",
            ]
        )
        bench.run(initdb, env={"PATH": bench.SBIN_PATH}, timeout=120, name="initdb")

    def start(self) -> None:
        cmd = [postgres_bin() / "postgres", "-D", self.data, "-p", self.port, "-k", self.sockets]
        cmd += ["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200"]
        self.proc = self.procs.start("postgres", as_postgres(cmd), env={"PATH": bench.SBIN_PATH}, stop=signal.SIGINT)
        wait_port(self.port, 30)

    def stop(self) -> None:
        """A fast shutdown, as a restart does: clients are disconnected."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGINT)
        self.proc.wait(30)


class Redis:
    def __init__(self, procs, port: int):
        self.procs, self.port = procs, port
        self.folder = WORK / "redis"
        self.proc = None

    def start(self) -> None:
        self.folder.mkdir(exist_ok=True)
        # Keeps nothing on disk unless told (SAVE): a restart "with old data" loads the last SAVE.
        cmd = ["redis-server", "--port", self.port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        cmd += ["--dir", self.folder, "--dbfilename", "dump.rdb"]
        self.proc = self.procs.start("redis", [str(c) for c in cmd], env={"PATH": bench.SBIN_PATH})
        wait_port(self.port, 10)

    def command(self, *words: str) -> str:
        done = subprocess.run(
            ["redis-cli", "-p", str(self.port), *words], capture_output=True, text=True, timeout=10, check=False
        )
        return done.stdout.strip()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def signal(self, signum) -> None:
        os.kill(self.proc.pid, signum)


def wait_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if bench.reachable(port):
            return
        time.sleep(0.2)
    raise bench.BenchError(f"nothing answered on port {port} within {timeout:.0f} s")


class SmtpSink(socketserver.ThreadingTCPServer):
    """Just enough SMTP to take mail, slowly (``delay`` per message, so the task worker can be caught mid-send),
    counting messages by subject."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, delay: float = 0.3):
        self.delay = delay
        self.subjects: collections.Counter = collections.Counter()
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", port), SmtpHandler)


class SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 chaos sink")
        while line := self.rfile.readline():
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb in {"EHLO", "HELO"}:
                self.reply("250 chaos sink")
            elif verb == "DATA":
                self.reply("354 go on")
                subject = ""
                while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    text = data.decode(errors="replace")
                    if text.lower().startswith("subject:") and not subject:
                        subject = text.split(":", 1)[1].strip()
                time.sleep(self.server.delay)
                with self.server.lock:
                    self.server.subjects[subject] += 1
                self.reply("250 taken")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 ok")


# --- load ----------------------------------------------------------------------------------------------------------


class Traffic:
    """Readers through both edges and signed-in readers posting comments, all the time, counted per phase."""

    def __init__(self, edges: dict[str, str], paths: list[str], origin: str, article: dict):
        self.edges, self.paths, self.origin, self.article = edges, paths, origin, article
        self.phase = "warm-up"
        self.seen: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        self.samples: dict[str, list] = collections.defaultdict(list)  # a few error answers per phase, for the report
        self.acknowledged: list[str] = []  # client tokens of comments the site said it saved
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads: list[threading.Thread] = []
        self.readers: list[tuple[str, str, str]] = []
        self.cookie_names = ("sessionid", "csrftoken")

    def record(self, status, url: str, headers: dict | None = None) -> None:
        retry_after = bool(headers and headers.get("retry-after"))
        kind = str(status)
        if status == 503 and retry_after:
            kind = "503 with Retry-After"
        edge = next((name for name, base in self.edges.items() if url.startswith(base)), "origin")
        kind = f"{edge} · {kind}"  # what readers saw, edge by edge
        with self.lock:
            self.seen[self.phase][kind] += 1
            if is_error(status, retry_after) and len(self.samples[self.phase]) < 5:
                self.samples[self.phase].append(f"{status} {url}")

    def read_loop(self, edge: str) -> None:
        i = 0
        while not self.stopping.is_set():
            url = edge + self.paths[i % len(self.paths)]
            i += 1
            try:
                status, _body, headers = bench.fetch(url, timeout=10)
            except OSError as error:
                status, headers = type(error).__name__, None
            self.record(status, url, headers)
            time.sleep(0.02)

    def comment_loop(self, reader: tuple[str, str, str], n: int) -> None:
        session, csrf_secret, form_token = reader
        session_cookie, csrf_cookie = self.cookie_names
        url = f"{self.edges['nginx']}/discussion/{self.article['id']}/comments/"
        i = 0
        while not self.stopping.is_set():
            i += 1
            token = f"chaos-{n}-{i}-{secrets.token_hex(4)}"
            body = urllib.parse.urlencode(
                {"csrfmiddlewaretoken": form_token, "body": f"A reader's remark {token}.", "token": token}
            ).encode()
            headers = {
                "Cookie": f"{session_cookie}={session}; {csrf_cookie}={csrf_secret}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": self.edges["nginx"] + self.article["url"],
                "Origin": self.edges["nginx"],
            }
            status, location = post(url, body, headers)
            self.record(status, url, {"retry-after": "1"} if status == 503 else None)
            if status == 302 and "#comment-" in location:
                with self.lock:
                    self.acknowledged.append(token)
            time.sleep(0.5)

    def start(self) -> None:
        for name, edge in self.edges.items():
            for _ in range(2):
                self.threads.append(threading.Thread(target=self.read_loop, args=(edge,), daemon=True, name=name))
        for n, reader in enumerate(self.readers):
            self.threads.append(threading.Thread(target=self.comment_loop, args=(reader, n), daemon=True))
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(15)


def post(url: str, body: bytes, headers: dict) -> tuple[object, str]:
    """A form POST without following the redirect: (status, Location)."""
    parts = urllib.parse.urlsplit(url)
    import http.client

    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=15)
    try:
        connection.request("POST", parts.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    except OSError as error:
        return type(error).__name__, ""
    finally:
        connection.close()


def answers(url: str):
    """The status ``url`` answers with, or the name of the error that stopped it."""
    try:
        return bench.fetch(url, timeout=5)[0]
    except OSError as error:
        return type(error).__name__


def is_error(status, retry_after: bool) -> bool:
    """What readers must never get: a server error other than a 503 that says when to come back, or no answer."""
    if isinstance(status, str):
        return True
    return status >= 500 and not (status == 503 and retry_after)


# --- the run -------------------------------------------------------------------------------------------------------


class Chaos:
    def __init__(self, procs: bench.Processes):
        self.procs = procs
        self.ports = {
            name: bench.free_port() for name in ("origin", "varnish", "nginx", "postgres", "redis", "smtp", "static")
        }
        self.pg = Postgres(procs, self.ports["postgres"])
        self.redis = Redis(procs, self.ports["redis"])
        self.results: list[dict] = []
        self.worker = self.scheduler = self.web = None
        self.serial = 0

    # setup

    def environment(self) -> dict:
        env = bench.base_env(site_port=self.ports["varnish"])
        edges = f"http://127.0.0.1:{self.ports['varnish']},http://127.0.0.1:{self.ports['nginx']}"
        env.update(
            {
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.ports['postgres']}/postgres",
                "REDIS_URL": f"redis://127.0.0.1:{self.ports['redis']}/0",
                "TRIBUNE_EDGE_CACHE_URL": edges,
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(self.ports["smtp"]),
                "EMAIL_USE_TLS": "false",  # the sink speaks plain SMTP on loopback
                "TRIBUNE_TASK_LEASE_SECONDS": str(TASK_LEASE_S),
                "STATIC_ROOT": str(WORK / "static"),
                "MEDIA_ROOT": str(WORK / "media"),
                "WEB_WORKERS": "2",
                "LOG_LEVEL": "WARNING",
            }
        )
        return env

    def mount_media(self) -> None:
        """The media folder on a disk of its own (a 256 MB tmpfs) that the disk-full fault can fill without filling
        the machine's; only as root. Unmounted on the way out."""
        media = WORK / "media"
        media.mkdir(parents=True, exist_ok=True)
        if os.geteuid() != 0:
            return
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", str(media)], check=False)
        self.media_mounted = done.returncode == 0

    def unmount_media(self) -> None:
        if getattr(self, "media_mounted", False):
            subprocess.run(["umount", "-l", str(WORK / "media")], check=False)

    def setup(self) -> None:
        self.mount_media()
        self.pg.init()
        self.pg.start()
        self.redis.start()
        self.smtp = SmtpSink(self.ports["smtp"])
        threading.Thread(target=self.smtp.serve_forever, daemon=True).start()
        self.env = self.environment()
        for label, cmd in (
            ("migrate", [*MANAGE, "migrate", "--noinput"]),
            ("collectstatic", [*MANAGE, "collectstatic", "--noinput"]),
            ("load_demo", [*MANAGE, "load_demo", "--no-accounts"]),
        ):
            bench.run(cmd, env=self.env, timeout=600, name=label)
        self.articles = self.step("articles", "--count", "20")["articles"]
        self.start_web()
        self.worker = self.start_worker()
        self.scheduler = self.start_scheduler()
        # Both edges reach the origin on its Unix socket, as the shipped configurations do.
        bench.start_varnish(self.procs, port=self.ports["varnish"], origin=f"unix:{self.socket}", env=self.env)
        bench.start_edge_nginx(self.procs, port=self.ports["nginx"], origin=f"unix:{self.socket}", env=self.env)
        wait_port(self.ports["varnish"], 20)
        wait_port(self.ports["nginx"], 20)
        readers_file = WORK / "readers.txt"
        info = bench.last_json(
            bench.run(
                [PYTHON, BENCH / "steps.py", "readers", "--count", "3", "--out", readers_file],
                env=self.env,
                timeout=120,
            )
        )
        self.edges = {
            "varnish": f"http://127.0.0.1:{self.ports['varnish']}",
            "nginx": f"http://127.0.0.1:{self.ports['nginx']}",
        }
        self.origin = self.origin_url()
        # The discussion's article stays; the others are changed by the faults.
        self.discussed = self.articles[-1]
        paths = ["/", self.discussed["url"], *(a["url"] for a in self.articles[:6])]
        self.traffic = Traffic(self.edges, paths, self.origin, self.discussed)
        self.traffic.cookie_names = (info["session_cookie"], info["csrf_cookie"])
        self.traffic.readers = [tuple(line.split()) for line in readers_file.read_text().splitlines() if line]

    # deploy/serve on a Unix socket (WEB_SOCKET), as the shipped systemd unit and edge configurations run it.
    socket = WORK / "web.sock"

    def start_web(self):
        cmd, extra = bench.server_command(
            "granian", name="web", app_dir=REPO, port=self.ports["origin"], unix_socket=self.socket
        )
        self.web = self.procs.start("web", cmd, env={**self.env, **extra})
        bench.wait_http(f"{self.origin_url()}/", self.procs, "web", self.web)

    def origin_url(self) -> str:
        return bench.unix_url(self.socket)

    def start_worker(self):
        return self.procs.start("db_worker", [*MANAGE, "db_worker", "--queue-name", "*"], env=self.env)

    def start_scheduler(self):
        return self.procs.start("run_scheduler", [*MANAGE, "run_scheduler"], env=self.env)

    def step(self, name: str, *args: str) -> dict:
        return bench.last_json(bench.run([*STEPS, name, *map(str, args)], env=self.env, timeout=120, name=name))

    def try_step(self, name: str, *args: str) -> dict:
        """An editor's action during a fault: it may be refused (the database is down), which is not a loss as long
        as the editor is told; what it returns is recorded."""
        try:
            return {"ok": True, **self.step(name, *args)}
        except bench.BenchError as error:
            return {"ok": False, "error": str(error).splitlines()[0][:200]}

    # checks

    def everywhere(self) -> dict[str, str]:
        return {**self.edges, "origin": self.origin}

    def shows(self, path: str, text: str) -> bool:
        """Every edge and the origin answer ``path`` with ``text`` in it."""
        for base in self.everywhere().values():
            try:
                status, body, _ = bench.fetch(base + path, timeout=5)
            except OSError:
                return False
            if status != 200 or text.encode() not in body:
                return False
        return True

    def gone(self, path: str) -> bool:
        """Every edge and the origin answer ``path`` with a 404 (the takedown took effect)."""
        for base in self.everywhere().values():
            try:
                status, _body, _ = bench.fetch(base + path, timeout=5)
            except OSError:
                return False
            if status != 404:
                return False
        return True

    def wait_until(self, checks: list, bound: float) -> float | None:
        """Seconds until every check holds, or None if not within ``bound``."""
        began = time.monotonic()
        while time.monotonic() - began < bound:
            if all(check() for check in checks):
                return round(time.monotonic() - began, 2)
            time.sleep(0.25)
        log(f"  not recovered: checks {[n for n, check in enumerate(checks) if not check()]} still fail")
        return None

    def watch(self, checks: list, seconds: float) -> int:
        """How many times a check failed while watched for ``seconds`` (stale content served after recovery)."""
        failures = 0
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            failures += sum(not check() for check in checks)
            time.sleep(0.25)
        return failures

    def next_article(self) -> dict:
        article = self.articles[self.serial]
        self.serial += 1
        return article

    # one fault

    def fault(self, name: str, inject, heal, *, editor_actions=True, extra_checks=None) -> None:
        """Inject, act as an editor during the fault (a new headline on one article, a takedown of another), heal,
        then measure recovery and watch for stale content."""
        log(f"fault: {name}")
        retitled, taken_down = (self.next_article(), self.next_article()) if editor_actions else ({}, {})
        headline = f"Chaos headline {name} {secrets.token_hex(3)}"
        for article in (retitled, taken_down) if editor_actions else ():  # every cache holds the old version first
            for base in self.everywhere().values():
                with contextlib.suppress(OSError):
                    bench.fetch(base + article["url"], timeout=10)
        self.traffic.phase = name
        began = time.monotonic()
        inject()
        actions = {}
        if editor_actions:
            time.sleep(1)
            actions["retitle"] = self.try_step("retitle", "--article", retitled["id"], "--title", headline)
            actions["unpublish"] = self.try_step("unpublish", "--article", taken_down["id"])
        time.sleep(max(0.0, OUTAGE_S - (time.monotonic() - began)))
        heal()
        healed = time.monotonic()
        self.traffic.phase = f"{name} (after)"
        if editor_actions:
            # An action refused during the fault was reported to the editor, who does it again now.
            for key, step, args in (
                ("retitle", "retitle", ("--article", retitled["id"], "--title", headline)),
                ("unpublish", "unpublish", ("--article", taken_down["id"])),
            ):
                if not actions[key]["ok"]:
                    actions[key + " (again)"] = self.try_step(step, *args)
        checks = [
            lambda: answers(f"{self.origin}/readyz") == 200,
            lambda: self.worker.poll() is None and self.scheduler.poll() is None,
        ]
        if editor_actions:
            checks += [lambda: self.shows(retitled["url"], headline), lambda: self.gone(taken_down["url"])]
        checks += extra_checks or []
        recovered = self.wait_until(checks, RECOVERY_BOUND_S)
        stale = self.watch(checks[2:], WATCH_AFTER_S) if recovered is not None and editor_actions else 0
        self.traffic.phase = "between faults"
        seen = {phase: dict(self.traffic.seen[phase]) for phase in (name, f"{name} (after)")}
        errors = sum(
            n
            for counts in seen.values()
            for status, n in counts.items()
            if is_error(status_of(status), "Retry" in status)
        )
        self.results.append(
            {
                "fault": name,
                "seconds": round(healed - began, 1),
                "readers_saw": seen,
                "errors": errors,
                "error_samples": self.traffic.samples[name] + self.traffic.samples[f"{name} (after)"],
                "editor_actions": actions,
                "recovered_after_s": recovered,
                "stale_after_recovery": stale,
                "worker_alive": self.worker.poll() is None,
                "scheduler_alive": self.scheduler.poll() is None,
            }
        )
        samples = self.results[-1]["error_samples"][:4]
        log(f"  {name}: errors {errors}, recovered after {recovered} s, stale {stale}; e.g. {samples}")

    # the faults

    def redis_stop(self) -> None:
        self.fault("Redis stopped", self.redis.kill, self.redis.start)

    def redis_hang(self) -> None:
        self.fault(
            "Redis hung",
            lambda: self.redis.signal(signal.SIGSTOP),
            lambda: self.redis.signal(signal.SIGCONT),
        )

    def redis_old_data(self) -> None:
        def inject():
            self.redis.command("SAVE")  # the data Redis will come back with

        def heal():
            self.redis.kill()
            self.redis.start()
            (self.redis.folder / "dump.rdb").unlink(missing_ok=True)

        self.fault("Redis restarted with old data", inject, heal)

    def schedule_copy(self, source: dict, title: str) -> dict:
        """A new article (a copy of ``source``) set to go live three seconds from now."""
        slug = f"chaos-{secrets.token_hex(4)}"
        return self.step("schedule", "--article", source["id"], "--seconds", "3", "--title", title, "--slug", slug)

    def postgres_restart(self) -> None:
        scheduled = {}

        def inject():
            scheduled.update(self.schedule_copy(self.articles[-2], "Chaos scheduled piece"))
            self.pg.stop()

        self.fault(
            "PostgreSQL restarted",
            inject,
            self.pg.start,
            extra_checks=[lambda: bool(scheduled) and self.shows(scheduled["url"], "Chaos scheduled piece")],
        )

    def kill_web_worker(self, every: bool) -> None:
        def inject():
            workers = bench.server_workers(self.web.pid)
            for pid in workers if every else workers[:1]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

        self.fault("all web workers killed" if every else "a web worker killed", inject, lambda: None)

    def kill_task_worker(self) -> None:
        tag = f"chaos-mail-{secrets.token_hex(3)}"
        count = 20

        def inject():
            self.step("enqueue_emails", "--count", count, "--tag", tag)
            time.sleep(2)  # the sink takes 0.3 s a message: the worker is mid-send
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.worker.pid, signal.SIGKILL)

        def heal():
            self.worker = self.start_worker()  # as systemd restarts it

        def all_sent_once() -> bool:
            with self.smtp.lock:
                return all(self.smtp.subjects[f"{tag} {i}"] >= 1 for i in range(count))

        self.fault(
            "task worker killed mid-task",
            inject,
            heal,
            editor_actions=False,
            extra_checks=[all_sent_once],
        )
        with self.smtp.lock:
            doubled = sum(1 for i in range(count) if self.smtp.subjects[f"{tag} {i}"] > 1)
            lost = sum(1 for i in range(count) if self.smtp.subjects[f"{tag} {i}"] == 0)
        self.results[-1].update({"emails_doubled": doubled, "emails_lost": lost})

    def kill_scheduler(self) -> None:
        scheduled = {}

        def inject():
            scheduled.update(self.schedule_copy(self.articles[-3], "Chaos go-live piece"))
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.scheduler.pid, signal.SIGKILL)

        def heal():
            self.scheduler = self.start_scheduler()

        self.fault(
            "scheduler killed across a go-live",
            inject,
            heal,
            editor_actions=False,
            extra_checks=[lambda: bool(scheduled) and self.shows(scheduled["url"], "Chaos go-live piece")],
        )

    def two_editors(self) -> None:
        outcome = {}

        def inject():
            outcome.update(self.step("two_editors", "--article", self.articles[-4]["id"], "--host", "127.0.0.1"))

        self.fault("two editors saving one article", inject, lambda: None, editor_actions=False)
        lost_update = not (
            outcome.get("first_status") == 302
            and outcome.get("second_refused")
            and outcome.get("second_text_kept")
            and outcome.get("latest_title") == "First editor's headline"
        )
        self.results[-1].update({"two_editors": outcome, "lost_updates": int(lost_update)})

    def disk_full(self) -> None:
        """An image uploaded while the media disk is full: a form error, no file left behind, no image row. Needs the
        media folder on a small disk of its own (a tmpfs, mounted when running as root)."""
        media = WORK / "media"
        outcome = {}
        filler = media / "chaos-filler.bin"
        if not getattr(self, "media_mounted", False):  # never fill the machine's own disk
            log("fault: disk full during an upload: not run (mounting a small disk needs root)")
            return

        def files() -> set[str]:
            return {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}

        def inject():
            stats = os.statvfs(media)
            with open(filler, "wb") as out:
                out.write(b"\0" * max(stats.f_bavail * stats.f_frsize - 16 * 1024, 0))
            before = files()
            outcome.update(self.step("upload", "--host", "127.0.0.1"))
            outcome["files_left_behind"] = sorted(files() - before)

        self.fault("disk full during an upload", inject, lambda: filler.unlink(missing_ok=True), editor_actions=False)
        refused_cleanly = (
            outcome.get("status") == 200
            and outcome.get("no_room_error")
            and not outcome.get("images_added")
            and not outcome.get("files_left_behind")
        )
        self.results[-1].update({"upload": outcome, "errors": self.results[-1]["errors"] + (not refused_cleanly)})

    def comment_wave(self) -> None:
        reader = self.traffic.readers[0]
        statuses = collections.Counter()

        def inject():
            session_cookie, csrf_cookie = self.traffic.cookie_names
            url = f"{self.edges['nginx']}/discussion/{self.discussed['id']}/comments/"
            for i in range(150):
                body = urllib.parse.urlencode(
                    {"csrfmiddlewaretoken": reader[2], "body": f"Buy now, offer {i}", "token": f"spam-{i}"}
                ).encode()
                headers = {
                    "Cookie": f"{session_cookie}={reader[0]}; {csrf_cookie}={reader[1]}",
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": self.edges["nginx"],
                }
                statuses[str(post(url, body, headers)[0])] += 1

        self.fault("comment spam wave", inject, lambda: None, editor_actions=False)
        self.results[-1]["spam_answers"] = dict(statuses)
        self.results[-1]["errors"] += sum(n for s, n in statuses.items() if is_error(status_of(s), False))

    def slow_and_huge_clients(self) -> None:
        sockets = []
        answers = {}

        def inject():
            for _ in range(40):  # slow clients: a request line, then nothing more
                s = socket.create_connection(("127.0.0.1", self.ports["nginx"]), timeout=5)
                s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                sockets.append(s)
            body = b"x" * (64 * 1024 * 1024)  # a huge body
            status, _ = post(
                f"{self.edges['nginx']}/discussion/{self.discussed['id']}/comments/",
                body,
                {"Content-Type": "application/x-www-form-urlencoded"},
            )
            answers["huge body"] = status

        def heal():
            for s in sockets:
                s.close()

        self.fault("slow and huge clients", inject, heal, editor_actions=False)
        self.results[-1]["answers"] = answers
        if is_error(status_of(str(answers.get("huge body"))), False):
            self.results[-1]["errors"] += 1

    def lost_or_doubled_comments(self) -> dict:
        tokens_file = WORK / "acknowledged.json"
        with self.traffic.lock:
            tokens = list(self.traffic.acknowledged)
        tokens_file.write_text(json.dumps(tokens))
        counts = self.step("comment_counts", "--tokens", tokens_file)["counts"]
        return {
            "acknowledged": len(tokens),
            "lost": sum(1 for n in counts.values() if n == 0),
            "doubled": sum(1 for n in counts.values() if n > 1),
        }


# What a fault the harness could not run records: it fails (errors 1) with the harness's error.
NOT_RUN = {
    "seconds": 0,
    "readers_saw": {},
    "errors": 1,
    "error_samples": [],
    "editor_actions": {},
    "recovered_after_s": None,
    "stale_after_recovery": 0,
    "worker_alive": True,
    "scheduler_alive": True,
}


def status_of(kind: str):
    """The status in a recorded kind ("varnish · 503 with Retry-After" → 503; "nginx · ConnectionResetError")."""
    head = kind.split(" · ")[-1].split(" ", 1)[0]
    return int(head) if head.isdigit() else head


def verdict(result: dict) -> list[str]:
    """Why a fault failed: each of these must be zero (or the recovery within its bound)."""
    problems = []
    if result["errors"]:
        problems.append(f"{result['errors']} errors")
    if result["recovered_after_s"] is None:
        problems.append(f"not recovered within {RECOVERY_BOUND_S:.0f} s")
    if result["stale_after_recovery"]:
        problems.append(f"stale content {result['stale_after_recovery']} times after recovery")
    for key in ("emails_lost", "emails_doubled", "lost_updates"):
        if result.get(key):
            problems.append(f"{result[key]} {key.replace('_', ' ')}")
    if not (result["worker_alive"] and result["scheduler_alive"]):
        problems.append("the task worker or the scheduler died")
    return problems


def render_markdown(report: dict) -> str:
    lines = [
        "# `make chaos` report",
        "",
        f"Run {report['started_at']} at commit {report['commit']}, {report['seconds']:.0f} s; outages of "
        f"{OUTAGE_S:.0f} s, recovery bound {RECOVERY_BOUND_S:.0f} s.",
        "",
        "| fault | errors | readers saw (during / after) | recovered after | stale after | verdict |",
        "|---|---|---|---|---|---|",
    ]
    for result in report["faults"]:
        seen = " / ".join(
            ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "-"
            for counts in result["readers_saw"].values()
        )
        recovered = "-" if result["recovered_after_s"] is None else f"{result['recovered_after_s']} s"
        problems = verdict(result)
        lines.append(
            f"| {result['fault']} | {result['errors']} | {seen} | {recovered} | {result['stale_after_recovery']} | "
            f"{'pass' if not problems else 'FAIL: ' + '; '.join(problems)} |"
        )
    comments = report["comments"]
    lines += [
        "",
        f"Comments acknowledged to readers: {comments['acknowledged']}; lost {comments['lost']}, "
        f"doubled {comments['doubled']}.",
        "",
        f"**{'PASS' if report['passed'] else 'FAIL'}**",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="run only these faults (method names)")
    args = parser.parse_args()

    def on_signal(signum, _frame):
        raise SystemExit(f"stopped by signal {signum}")

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, on_signal)
    if WORK.exists():
        shutil.rmtree(WORK)
    (WORK / "logs").mkdir(parents=True)
    procs = bench.Processes(WORK / "logs")
    began = time.monotonic()
    chaos = Chaos(procs)
    report = {"started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "commit": git_commit(), "faults": chaos.results}
    try:
        bench.ensure_tools()
        chaos.setup()
        chaos.traffic.start()
        time.sleep(3)
        faults = {
            "redis_stop": chaos.redis_stop,
            "redis_hang": chaos.redis_hang,
            "redis_old_data": chaos.redis_old_data,
            "postgres_restart": chaos.postgres_restart,
            "kill_web_worker": lambda: chaos.kill_web_worker(every=False),
            "kill_all_web_workers": lambda: chaos.kill_web_worker(every=True),
            "kill_task_worker": chaos.kill_task_worker,
            "kill_scheduler": chaos.kill_scheduler,
            "two_editors": chaos.two_editors,
            "disk_full": chaos.disk_full,
            "comment_wave": chaos.comment_wave,
            "slow_and_huge_clients": chaos.slow_and_huge_clients,
        }
        for name, run_fault in faults.items():
            if args.only and name not in args.only:
                continue
            try:
                run_fault()
            except Exception as error:  # noqa: BLE001 - a harness failure is this fault's failure; the run goes on
                log(f"  {name} could not be run: {type(error).__name__}: {error}")
                chaos.results.append(
                    {"fault": name, "harness_error": f"{type(error).__name__}: {error}"[:500], **NOT_RUN}
                )
        chaos.traffic.stop()
        report["comments"] = chaos.lost_or_doubled_comments()
    finally:
        with contextlib.suppress(Exception):
            chaos.traffic.stop()
        procs.stop_all()
        chaos.unmount_media()
    report["seconds"] = time.monotonic() - began
    report["passed"] = all(not verdict(r) for r in chaos.results) and not (
        report["comments"]["lost"] or report["comments"]["doubled"]
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "chaos.json").write_text(json.dumps(report, indent=2, default=str))
    (RESULTS / "chaos.md").write_text(render_markdown(report))
    print(render_markdown(report))
    return 0 if report["passed"] else 1


def git_commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO, check=False
    )
    return done.stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
