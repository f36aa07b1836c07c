"""``make bench``: Tribune's load benchmark, end to end, on this machine, in one command.

It builds a production-configured Tribune (PostgreSQL and Redis when reachable), loads the demo outlet and a
large synthetic archive, starts the servers (Tribune origins with the page cache on and off, Varnish and the
nginx proxy_cache edge in front of the first, nginx serving a saved copy of the article as the physical ceiling,
and a plain Wagtail starter as the peer, every Python server run the same shipped way), drives each with the same
wrk client, and writes ``bench/results/report.{md,json}``.
Every process it starts is stopped on the way out, whatever happens. Only the standard library is used here;
the steps that need Django live in ``bench/steps.py``.
"""

import argparse
import contextlib
import gzip
import http.client
import json
import os
import platform
import re
import resource
import secrets
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
BIN = REPO / ".venv" / "bin"
PYTHON = BIN / "python"
WORK = BENCH / "work"
RESULTS = Path(os.environ.get("BENCH_RESULTS", BENCH / "results"))  # elsewhere for trial runs
GUNICORN_CONF = REPO / "deploy" / "gunicorn.conf.py"
SERVE_SCRIPT = REPO / "deploy" / "serve"  # Granian, the production server since 13b20cc
VCL = REPO / "deploy" / "varnish" / "tribune.vcl"
EDGE_NGINX_CONF = REPO / "deploy" / "nginx" / "tribune-edge.conf"
EDGE_NGINX_MAIN = REPO / "deploy" / "nginx" / "standalone.conf"
# What tribune-edge.conf and tribune.vcl name the origin by (its Unix socket), and the lines of tribune-edge.conf the
# bench replaces with its own origin, port and cache folder.
SHIPPED_SOCKET = "/run/tribune/web.sock"
VCL_ORIGIN = f'.path = "{SHIPPED_SOCKET}";'
EDGE_NGINX_ORIGIN, EDGE_NGINX_LISTEN, EDGE_NGINX_CACHE = (
    f"unix:{SHIPPED_SOCKET}",
    "listen 6081;",
    "/var/cache/nginx/tribune",
)
SCALE_COMMAND = REPO / "tribune" / "demo" / "management" / "commands" / "scale_data.py"
SBIN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

# The tool each scenario needs and the Debian package that ships it.
TOOLS = {"nginx": "nginx-light", "varnishd": "varnish", "wrk": "wrk"}
# nginx modules the edge needs, by the Debian package that ships them.
NGINX_MODULES = {Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so"): "libnginx-mod-http-cache-purge"}
SCALES = {
    "full": {"articles": 100_000, "comments": 1_000_000, "contributors": 2_000},
    "small": {"articles": 3_000, "comments": 30_000, "contributors": 200},
    "none": None,
}
# Targets from the issue.
TARGETS = {
    "edge_vs_static": 0.80,
    "edge_p99_ms": 10.0,
    "origin_cached_vs_static": 0.05,
    "origin_cached_p99_ms": 25.0,
    "cold_vs_peer": 2.0,
    "cold_p99_ms": 250.0,
    "publish_visible_s": 1.0,
    "newsletter_100k_s": 600.0,
    "analysis_articles_per_s": 20.0,
    "beacon_rps": 5000.0,
    # The beacon's views the worker wrote to the database, against the beacons answered 204 (wrk stops with a few
    # requests in flight, which the server may still count): within 1 % either way.
    "beacon_written_tolerance": 0.01,
    # The cold article's requests/s while a newsletter is sending, against the same run right before it alone.
    "web_while_sending_vs_alone": 0.80,
}
CACHE_HEADERS = (
    "cache-control",
    "age",
    "x-edge-cache",
    "x-tribune-cache",
    "vary",
    "set-cookie",
    "content-length",
    "content-encoding",
)
# Scenarios that deliver a stored copy (the ceiling, both edges, the origin's page cache) are asked for gzip, as every
# browser asks: each keeps the page gzipped (the ceiling as a .gz file beside it), so they compare like for like.
# The rendering scenarios, the peer's included, are measured uncompressed: the peer compresses nothing, and a page
# rendered per request would add its per-answer gzip (about a millisecond for the article) to Tribune's side only.
GZIP = {"Accept-Encoding": "gzip"}
GZIP_SCENARIOS = {
    "static",
    "static_after",
    "article_edge",
    "article_edge_nginx",
    "article_origin_cached",
    "home_cached",
    "section_cached",
}

START = time.monotonic()
OTHER_LOAD_NOTE = 0.2  # cores used by other processes during a scenario worth a note in the report
STOP_GRACE_S = 30  # gunicorn 27 takes ~8 s to stop even when idle; its graceful_timeout is 30 s
TRIBUNE_APP = {"granian": "tribune.wsgi:application", "gunicorn": "tribune.wsgi"}
PEER_APP = {"granian": "peer.wsgi:application", "gunicorn": "peer.wsgi"}


def log(message: str) -> None:
    print(f"[bench {time.monotonic() - START:6.1f}s] {message}", flush=True)


class BenchError(RuntimeError):
    """A step failed; the message says which and why."""


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


# --- processes ------------------------------------------------------------------------------------------------


class Processes:
    """The long-lived processes this run started, each in its own process group, stopped in reverse order."""

    def __init__(self, logs: Path):
        self.logs = logs
        self.started: list[tuple[str, subprocess.Popen]] = []

    def sessions(self) -> set[int]:
        """Session ids of everything this run started (each server leads its own; wrk shares ours)."""
        return {os.getsid(0)} | {proc.pid for _name, proc in self.started if proc.poll() is None}

    def start(self, name: str, cmd: list[str], *, env: dict, cwd: Path = REPO, stop=signal.SIGTERM) -> subprocess.Popen:
        out = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(  # noqa: S603 - fixed argv built here
            cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        proc.stop_signal = stop
        self.started.append((name, proc))
        log(f"started {name} (pid {proc.pid}): {' '.join(map(str, cmd))}")
        return proc

    def check_alive(self, name: str, proc: subprocess.Popen) -> None:
        if proc.poll() is not None:
            tail = (self.logs / f"{name}.log").read_text(errors="replace")[-2000:]
            raise BenchError(f"{name} exited with status {proc.returncode}:\n{tail}")

    def stop_all(self) -> None:
        for _name, proc in reversed(self.started):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, proc.stop_signal)
                except ProcessLookupError:
                    continue
        deadline = time.monotonic() + STOP_GRACE_S
        for name, proc in reversed(self.started):
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log(f"{name} still running {STOP_GRACE_S} s after signal {proc.stop_signal}; killing its process group")
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        self.started.clear()


def run(cmd: list, *, env: dict, cwd: Path = REPO, timeout: float = 600, name: str = "") -> str:
    """Run a command to completion (bounded); return its output, or raise with its tail."""
    label = name or " ".join(map(str, cmd[:3]))
    began = time.monotonic()
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv built here
            [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"{label} took longer than {timeout:.0f} s") from error
    if done.returncode != 0:
        raise BenchError(f"{label} failed ({done.returncode}):\n{(done.stdout + done.stderr)[-3000:]}")
    log(f"{label}: done in {time.monotonic() - began:.1f} s")
    return done.stdout


def last_json(output: str) -> dict:
    for line in reversed(output.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise BenchError(f"no JSON in output:\n{output[-1000:]}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def reachable(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def unix_url(socket_path: Path) -> str:
    """The base URL ``fetch`` reaches a server on a Unix socket by (as requests-unixsocket spells it)."""
    return "http+unix://" + urllib.parse.quote(str(socket_path), safe="")


def fetch(
    url: str, *, timeout: float = 10, method: str = "GET", headers: dict | None = None
) -> tuple[int, bytes, dict]:
    if url.startswith("http+unix://"):
        return fetch_unix(url, timeout=timeout, method=method, headers=headers)
    request = urllib.request.Request(url, method=method, headers=headers or {})  # noqa: S310 - loopback URLs built here
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.read(), {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, error.read(), {k.lower(): v for k, v in error.headers.items()}


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, socket_path: str, timeout: float):
        super().__init__("127.0.0.1", timeout=timeout)  # the Host header a local client sends
        self.socket_path = socket_path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


def fetch_unix(url: str, *, timeout: float, method: str, headers: dict | None) -> tuple[int, bytes, dict]:
    parts = urllib.parse.urlsplit(url)
    connection = UnixHTTPConnection(urllib.parse.unquote(parts.netloc), timeout)
    try:
        connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), {k.lower(): v for k, v in response.getheaders()}
    finally:
        connection.close()


def wait_http(url: str, procs: Processes, name: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        procs.check_alive(name, proc)
        try:
            fetch(url, timeout=5)
            return
        except (OSError, urllib.error.URLError):
            time.sleep(0.3)
    raise BenchError(f"{name} did not answer {url} within {timeout:.0f} s")


# --- environment ----------------------------------------------------------------------------------------------


def ensure_tools() -> dict:
    """Install the Debian packages of missing tools when root; otherwise stop and say what to install."""
    missing = sorted({pkg for tool, pkg in TOOLS.items() if not shutil.which(tool, path=SBIN_PATH)})
    missing += sorted({pkg for module, pkg in NGINX_MODULES.items() if not module.exists()})
    installed = []
    if missing:
        if os.geteuid() != 0:
            raise BenchError(
                f"missing {', '.join(missing)}: run `sudo apt-get install -y {' '.join(missing)}` "
                "(or run make bench as root, which installs them)"
            )
        log(f"installing {' '.join(missing)} with apt-get")
        apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "PATH": SBIN_PATH}
        # Keep the packages' own services (nginx on :80, varnish on :6081) from starting: the bench runs its own.
        policy = Path("/usr/sbin/policy-rc.d")
        added_policy = not policy.exists()
        if added_policy:
            policy.write_text("#!/bin/sh\nexit 101\n")
            policy.chmod(0o755)
        try:
            run(["apt-get", "update"], env=apt_env, timeout=300, name="apt-get update")
            run(["apt-get", "install", "-y", "--no-install-recommends", *missing], env=apt_env, timeout=600)
        finally:
            if added_policy:
                policy.unlink()
        installed = missing
    versions = {
        "nginx": subprocess.run(["nginx", "-v"], capture_output=True, text=True, env={"PATH": SBIN_PATH}).stderr,
        "varnish": subprocess.run(["varnishd", "-V"], capture_output=True, text=True, env={"PATH": SBIN_PATH}).stderr,
        "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True, env={"PATH": SBIN_PATH}).stdout,
        "nginx cache purge": subprocess.run(
            ["dpkg-query", "-W", "-f", "${Version}", "libnginx-mod-http-cache-purge"],
            capture_output=True,
            text=True,
            env={"PATH": SBIN_PATH},
            check=False,
        ).stdout,
    }
    versions = {k: re.sub(r" \[.*| Copyright.*", "", (v.strip().splitlines() or [""])[0]) for k, v in versions.items()}
    return {"installed_now": installed, "versions": versions}


def redis_flush(port: int, db: int) -> bool:
    """SELECT db and FLUSHDB over the Redis protocol; True when Redis answered OK to both."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(f"*2\r\n$6\r\nSELECT\r\n${len(str(db))}\r\n{db}\r\n*1\r\n$7\r\nFLUSHDB\r\n".encode())
            reply = b""
            while reply.count(b"\r\n") < 2:
                chunk = s.recv(256)
                if not chunk:
                    break
                reply += chunk
        return reply.startswith(b"+OK\r\n+OK")
    except OSError:
        return False


def base_env(*, site_port: int) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_", "TRIBUNE_", "WEB_"))}
    for name in ("DEBUG", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "SITE_URL", "ALLOWED_HOSTS"):
        env.pop(name, None)
    env.update(
        {
            "PATH": f"{BIN}:{SBIN_PATH}",
            "DJANGO_SETTINGS_MODULE": "tribune.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SITE_URL": f"http://127.0.0.1:{site_port}",
            "STATIC_ROOT": str(WORK / "static"),
            "MEDIA_ROOT": str(WORK / "media"),
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def choose_database(env: dict) -> dict:
    wanted = os.environ.get("BENCH_DB", "auto")
    if wanted != "sqlite" and reachable(5432):
        try:
            info = last_json(
                run(
                    [
                        PYTHON,
                        BENCH / "steps.py",
                        "createdb",
                        "--admin-url",
                        "postgresql://postgres@127.0.0.1:5432/postgres",
                        "--name",
                        "tribune_bench",
                    ],
                    env=env,
                    timeout=60,
                    name="create database tribune_bench",
                )
            )
            env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/tribune_bench"
            return {"engine": "postgresql", "version": info["server_version"], "name": "tribune_bench"}
        except BenchError as error:
            if wanted == "postgres":
                raise
            log(f"PostgreSQL unusable, falling back to SQLite: {error}")
    elif wanted == "postgres":
        raise BenchError("BENCH_DB=postgres but nothing listens on 127.0.0.1:5432")
    env["DATABASE_URL"] = f"sqlite:///{WORK / 'tribune.sqlite3'}"
    return {"engine": "sqlite", "name": str(WORK / "tribune.sqlite3")}


def choose_cache(env: dict) -> dict:
    if os.environ.get("BENCH_CACHE", "auto") != "locmem" and redis_flush(6379, 15):
        env["REDIS_URL"] = "redis://127.0.0.1:6379/15"
        return {"backend": "redis", "url": env["REDIS_URL"], "flushed": True}
    return {
        "backend": "locmem",
        "note": "Redis not reachable: each server worker has its own local-memory cache",
    }


# --- gunicorn, varnish, nginx, peer ------------------------------------------------------------------------------


def server_kind() -> str:
    """The Python server: the shipped production one (deploy/serve, Granian) unless BENCH_SERVER says otherwise."""
    kind = os.environ.get("BENCH_SERVER", "auto")
    if kind == "auto":
        kind = "granian" if SERVE_SCRIPT.exists() else "gunicorn"
    if kind not in TRIBUNE_APP:
        raise BenchError("BENCH_SERVER must be auto, granian or gunicorn")
    if kind == "granian" and not SERVE_SCRIPT.exists():
        raise BenchError(f"BENCH_SERVER=granian needs {SERVE_SCRIPT.relative_to(REPO)}")
    return kind


def server_command(
    kind: str, *, name: str, app_dir: Path, port: int, unix_socket: Path | None = None
) -> tuple[list[str], dict]:
    """Command and environment that start a Python app on 127.0.0.1:port (or Granian on ``unix_socket``) exactly as
    Tribune ships it, for Tribune (app_dir = the repository) and for the peer (same script or config, only the
    application changed)."""
    app = (TRIBUNE_APP if app_dir == REPO else PEER_APP)[kind]
    if kind == "granian":
        script = SERVE_SCRIPT
        if app_dir != REPO:  # the script serves the folder it sits in: a copy that serves the peer's application
            script = app_dir / "deploy" / "serve"
            script.parent.mkdir(exist_ok=True)
            script.write_text(SERVE_SCRIPT.read_text().replace(TRIBUNE_APP[kind], app))
            script.chmod(0o755)
        listen = {"WEB_SOCKET": str(unix_socket)} if unix_socket else {"WEB_HOST": "127.0.0.1", "WEB_PORT": str(port)}
        return [str(script)], {**listen, "VENV": str(REPO / ".venv")}
    if GUNICORN_CONF.exists():
        # A control socket of its own, so parallel servers (here or elsewhere on the machine) don't share one.
        cmd = [str(BIN / "gunicorn"), "-c", str(GUNICORN_CONF), "--control-socket", str(WORK / f"{name}.ctl"), app]
    else:  # the rule the config is meant to follow
        cmd = [str(BIN / "gunicorn"), "--workers", str(2 * (os.cpu_count() or 1) + 1), "--bind", f"127.0.0.1:{port}"]
        cmd.append(app)
    return cmd, {"GUNICORN_BIND": f"127.0.0.1:{port}"}


def start_server(procs: "Processes", kind: str, *, name: str, app_dir: Path, port: int, env: dict):
    cmd, extra = server_command(kind, name=name, app_dir=app_dir, port=port)
    stop = signal.SIGINT if kind == "gunicorn" else signal.SIGTERM  # gunicorn's quick shutdown
    proc = procs.start(name, cmd, env={**env, **extra}, cwd=app_dir, stop=stop)
    wait_http(f"http://127.0.0.1:{port}/", procs, name, proc)
    return proc


def server_facts(proc: subprocess.Popen) -> dict:
    """What actually runs: the master's command line and its worker processes."""
    cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes().split(b"\0")
    return {
        "cmdline": " ".join(part.decode() for part in cmdline if part).replace(str(REPO) + "/", ""),
        "workers": len(server_workers(proc.pid)),
    }


def gunicorn_config(env: dict) -> dict:
    """gunicorn's resolved settings from deploy/gunicorn.conf.py (threads and worker class are not on its cmdline)."""
    cmd = [str(BIN / "gunicorn"), "-c", str(GUNICORN_CONF), "--print-config", TRIBUNE_APP["gunicorn"]]
    out = run(cmd, env=env, timeout=60, name="gunicorn config")
    wanted = ("workers", "threads", "worker_class", "keepalive", "preload_app", "timeout", "max_requests")
    config = {}
    for line in out.splitlines():
        key, _, value = line.partition("=")
        if key.strip() in wanted:
            config[key.strip()] = value.strip()
    return config


def server_workers(master: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return sorted(children)


def memory_of(pid: int) -> dict:
    status = Path(f"/proc/{pid}/status").read_text()
    rss_kb = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
    pss_kb = None
    rollup = Path(f"/proc/{pid}/smaps_rollup")
    if rollup.exists():
        match = re.search(r"^Pss:\s+(\d+)", rollup.read_text(), re.MULTILINE)
        pss_kb = int(match.group(1)) if match else None
    return {"pid": pid, "rss_mb": round(rss_kb / 1024, 1), "pss_mb": round(pss_kb / 1024, 1) if pss_kb else None}


def start_varnish(procs: Processes, *, port: int, origin: str, env: dict) -> subprocess.Popen | None:
    """deploy/varnish/tribune.vcl in front of ``origin``: "127.0.0.1:PORT" or "unix:/path/to/socket"."""
    if not VCL.exists():
        return None
    vcl = VCL.read_text()
    if VCL_ORIGIN not in vcl:
        raise BenchError(f"{VCL} has no `{VCL_ORIGIN}` backend line to point at the bench origin")
    if origin.startswith("unix:"):
        backend = f'.path = "{origin.removeprefix("unix:")}";'
    else:
        host, _, origin_port = origin.rpartition(":")
        backend = f'.host = "{host}";\n    .port = "{origin_port}";'
    work_vcl = WORK / "tribune.vcl"
    work_vcl.write_text(vcl.replace(VCL_ORIGIN, backend))
    cmd = ["varnishd", "-F", "-a", f"127.0.0.1:{port}", "-f", str(work_vcl)]
    cmd += ["-s", "malloc,256m", "-n", str(WORK / "varnish"), "-T", "127.0.0.1:0"]
    return procs.start("varnish", cmd, env=env)


def varnish_counters(env: dict) -> dict:
    try:
        out = subprocess.run(
            ["varnishstat", "-n", str(WORK / "varnish"), "-1"],
            capture_output=True,
            text=True,
            env=env,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return {}
    wanted = {"MAIN.cache_hit", "MAIN.cache_miss", "MAIN.cache_hitpass", "MAIN.cache_hitmiss", "MAIN.bans_added"}
    counters = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in wanted:
            counters[parts[0]] = int(parts[1])
    return counters


def start_edge_nginx(procs: Processes, *, port: int, origin: str, env: dict) -> subprocess.Popen | None:
    """deploy/nginx/tribune-edge.conf, run the way its standalone.conf says, with the bench's ports and folders, in
    front of ``origin``: "127.0.0.1:PORT" or "unix:/path/to/socket"."""
    if not EDGE_NGINX_CONF.exists() or not EDGE_NGINX_MAIN.exists():
        return None
    work = WORK / "edge-nginx"
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (work / "nginx-tmp" / sub).mkdir(parents=True, exist_ok=True)
    work.chmod(0o755)  # nginx's workers run unprivileged when the bench runs as root, and keep the cache in here
    conf = EDGE_NGINX_CONF.read_text()
    for shipped, local in [
        (EDGE_NGINX_ORIGIN, origin),
        (EDGE_NGINX_LISTEN, f"listen 127.0.0.1:{port};"),
        (EDGE_NGINX_CACHE, str(work / "cache")),
    ]:
        if shipped not in conf:
            raise BenchError(f"{EDGE_NGINX_CONF} has no `{shipped}` to point at the bench's origin, port and cache")
        conf = conf.replace(shipped, local)
    (work / "tribune-edge.conf").write_text(conf)
    (work / "nginx.conf").write_text(EDGE_NGINX_MAIN.read_text().replace("@WORK@", str(work)))
    cmd = ["nginx", "-c", str(work / "nginx.conf"), "-p", str(work), "-e", str(work / "nginx-error.log")]
    return procs.start("edge-nginx", cmd, env=env)


def start_nginx(procs: Processes, *, port: int, html: bytes, env: dict) -> subprocess.Popen:
    root = WORK / "nginx-root"
    root.mkdir(parents=True, exist_ok=True)
    (root / "article.html").write_bytes(html)
    (root / "article.html.gz").write_bytes(gzip.compress(html, 6))  # served by gzip_static, as the edges keep theirs
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (WORK / "nginx-tmp" / sub).mkdir(parents=True, exist_ok=True)
    conf = (BENCH / "nginx-static.conf").read_text()
    conf = conf.replace("@WORK@", str(WORK)).replace("@PORT@", str(port)).replace("@ROOT@", str(root))
    (WORK / "nginx.conf").write_text(conf)
    return procs.start("nginx", ["nginx", "-c", str(WORK / "nginx.conf"), "-p", str(WORK)], env=env)


def peer_prepare(peer_dir: Path, env: dict) -> dict:
    """A plain Wagtail starter (same Wagtail, same venv) with its own SQLite, in production settings."""
    run([BIN / "wagtail", "start", "peer", peer_dir], env=env, timeout=120, name="wagtail start peer")
    (peer_dir / "peer" / "settings" / "local.py").write_text(
        f"SECRET_KEY = {secrets.token_urlsafe(48)!r}\nALLOWED_HOSTS = ['127.0.0.1', 'localhost']\n"
    )
    run([PYTHON, "manage.py", "migrate", "--noinput"], env=env, cwd=peer_dir, timeout=300, name="peer migrate")
    run([PYTHON, "manage.py", "collectstatic", "--noinput"], env=env, cwd=peer_dir, timeout=300, name="peer static")
    return {"settings": "peer.settings.production", "database": "sqlite", "dir": "temporary, deleted after the run"}


# --- CPU accounting -------------------------------------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


DATABASE_SERVERS = {"postgres", "redis-server"}  # shared: they serve this run and anyone else's


def cpu_snapshot(sessions: set[int]) -> dict:
    """Busy CPU seconds of the machine, of this run's processes (live ones plus reaped children such as wrk) and
    of the database servers (PostgreSQL and Redis work for this run's servers, but for other users too)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    values = list(map(int, fields))
    busy = sum(values) - values[3] - values[4]  # minus idle and iowait
    ours: dict[int, int] = {}
    databases: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name = text[text.index("(") + 1 : text.rindex(")")]
        after = text.rsplit(")", 1)[1].split()
        ticks = int(after[11]) + int(after[12])
        if int(after[3]) in sessions:
            ours[int(stat.parent.name)] = ticks
        elif name in DATABASE_SERVERS:
            databases[int(stat.parent.name)] = ticks
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "t": time.monotonic(),
        "busy_s": busy / TICK,
        "ours_ticks": ours,
        "children_s": children.ru_utime + children.ru_stime,
        "db_ticks": databases,
    }


def _grown_ticks(before: dict[int, int], after: dict[int, int]) -> int:
    """What each process still alive added between two snapshots. One that ended in between (a respawned worker, a
    PostgreSQL backend whose connection closed) drops out instead of taking its whole lifetime's CPU off the
    total, which made other processes' share look larger than the machine."""
    return sum(max(0, ticks - before.get(pid, 0)) for pid, ticks in after.items())


def db_seconds(before: dict, after: dict) -> float:
    return _grown_ticks(before["db_ticks"], after["db_ticks"]) / TICK


def db_cores(before: dict, after: dict) -> float:
    wall = after["t"] - before["t"]
    return round(db_seconds(before, after) / wall, 2) if wall > 0 else 0.0


def cores(before: dict, after: dict, key: str) -> float:
    wall = after["t"] - before["t"]
    return round(max(0.0, after[key] - before[key]) / wall, 2) if wall > 0 else 0.0


def ours_seconds(before: dict, after: dict) -> float:
    """CPU this run's processes used between two snapshots: what each live one added, plus reaped children."""
    return _grown_ticks(before["ours_ticks"], after["ours_ticks"]) / TICK + after["children_s"] - before["children_s"]


def other_load(before: dict, after: dict) -> float:
    """CPU cores used by processes outside this run and outside the database servers between two snapshots."""
    wall = after["t"] - before["t"]
    foreign = (after["busy_s"] - before["busy_s"]) - ours_seconds(before, after)
    foreign -= db_seconds(before, after)
    return round(max(0.0, foreign) / wall, 2) if wall > 0 else 0.0


def wait_for_quiet(procs: "Processes", *, limit_s: float, threshold: float = 0.15) -> dict:
    """Wait (bounded) until other processes, database servers included, leave the CPUs alone (this run's own
    servers are idle at that point), so they don't skew the numbers."""
    began = time.monotonic()
    while True:
        before = cpu_snapshot(procs.sessions())
        time.sleep(2)
        after = cpu_snapshot(procs.sessions())
        load = round(other_load(before, after) + db_cores(before, after), 2)
        waited = round(time.monotonic() - began, 1)
        if load <= threshold or waited >= limit_s:
            return {"other_cores": load, "waited_s": waited, "quiet": load <= threshold}
        log(f"other processes use {load} cores; waiting for a quiet machine ({waited:.0f}/{limit_s:.0f} s)")


# --- wrk ------------------------------------------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def to_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * UNITS_MS[match.group(2)]


def parse_wrk(output: str) -> dict:
    """Requests/s, latency percentiles (ms), errors and totals from ``wrk --latency`` output."""
    result = {
        "requests_per_s": None,
        "p50_ms": None,
        "p75_ms": None,
        "p90_ms": None,
        "p99_ms": None,
        "requests": None,
        "non_2xx_3xx": 0,
        "socket_errors": {"connect": 0, "read": 0, "write": 0, "timeout": 0},
    }
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        result["requests_per_s"] = float(match.group(1))
    for pct in ("50", "75", "90", "99"):
        if match := re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", output, re.MULTILINE):
            result[f"p{pct}_ms"] = round(to_ms(match.group(1)), 3)
    if match := re.search(r"(\d+) requests in ([\d.]+\w+), (\S+) read", output):
        result["requests"] = int(match.group(1))
        result["duration_ms"] = to_ms(match.group(2))
        result["read"] = match.group(3)
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        counts = map(int, match.groups())
        result["socket_errors"] = dict(zip(("connect", "read", "write", "timeout"), counts, strict=True))
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        result["non_2xx_3xx"] = int(match.group(1))
    if not any(result[f"p{pct}_ms"] for pct in ("50", "75", "90", "99")):  # nothing came back within the timeout
        result.update(dict.fromkeys(("p50_ms", "p75_ms", "p90_ms", "p99_ms")))
    result["errors"] = result["non_2xx_3xx"] + sum(result["socket_errors"].values())
    return result


class Load:
    def __init__(self, *, duration: int, warmup: int, connections: int, threads: int, env: dict, procs: Processes):
        self.duration, self.warmup, self.connections, self.threads = duration, warmup, connections, threads
        self.env, self.procs = env, procs

    def wrk(
        self, url: str, *, seconds: int, latency: bool, script: list[str] | None = None, headers: dict | None = None
    ) -> str:
        cmd = ["wrk", f"-t{self.threads}", f"-c{self.connections}", f"-d{seconds}s", "--timeout", "5s"]
        for name, value in (headers or {}).items():
            cmd += ["-H", f"{name}: {value}"]
        if latency:
            cmd.append("--latency")
        if script:
            cmd += ["-s", script[0], url, "--", *script[1:]]
        else:
            cmd.append(url)
        done = subprocess.run(  # noqa: S603
            cmd, capture_output=True, text=True, env=self.env, timeout=seconds + 30, check=False
        )
        if done.returncode != 0:
            raise BenchError(f"wrk failed on {url}: {done.stderr[-1000:]}")
        return done.stdout

    def measure(
        self, url: str, *, script: list[str] | None = None, warm: bool = True, headers: dict | None = None
    ) -> dict:
        if warm and self.warmup:
            self.wrk(url, seconds=self.warmup, latency=False, script=script, headers=headers)
            # wrk leaves its last requests unanswered; a slow server works through them before the measured run.
            drain("/".join(url.split("/", 3)[:3]))  # scheme://host:port
        before = cpu_snapshot(self.procs.sessions())
        output = self.wrk(url, seconds=self.duration, latency=True, script=script, headers=headers)
        after = cpu_snapshot(self.procs.sessions())
        result = parse_wrk(output)
        result["raw"] = output
        result["cpu_cores_busy"] = cores(before, after, "busy_s")
        result["database_cores"] = db_cores(before, after)
        result["other_cores"] = other_load(before, after)
        return result


def sample_response(url: str, request_headers: dict | None = None) -> dict:
    """One request's status, size and cache headers, as evidence of what the scenario measured."""
    began = time.perf_counter()
    try:
        status, body, headers = fetch(url, timeout=60, headers=request_headers)
    except (OSError, urllib.error.URLError) as error:
        return {"status": f"error: {error}", "ms": round((time.perf_counter() - began) * 1000, 1)}
    return {
        "status": status,
        "bytes": len(body),
        "ms": round((time.perf_counter() - began) * 1000, 1),
        "headers": {k: v for k, v in headers.items() if k in CACHE_HEADERS},
    }


def drain(base: str, *, limit_s: float = 90) -> float:
    """Wait until the server answers a cheap request quickly again, so a scenario's backlog (requests wrk gave up
    on) doesn't slow down the next one. Returns the seconds waited."""
    began = time.monotonic()
    while time.monotonic() - began < limit_s:
        t0 = time.perf_counter()
        try:
            fetch(base + "/robots.txt", timeout=limit_s)
            if time.perf_counter() - t0 < 0.5:
                break
        except (OSError, urllib.error.URLError):
            time.sleep(0.5)
    return round(time.monotonic() - began, 1)


def sitemap_paths(base: str) -> dict[str, str]:
    """/sitemap.xml, and when it is an index, its first page of articles (where the archive's size shows)."""
    paths = {"sitemap": "/sitemap.xml"}
    try:
        status, body, _ = fetch(base + "/sitemap.xml", timeout=120)
    except (OSError, urllib.error.URLError):
        return paths
    text = body.decode("utf-8", "replace")
    if status == 200 and "<sitemapindex" in text:
        locs = re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", text)
        page = next((loc for loc in locs if "article" in loc), locs[0] if locs else "")
        if page:
            paths["sitemap_page"] = "/" + page.split("://", 1)[-1].split("/", 1)[-1].replace("&amp;", "&")
    return paths


def timings(base: str, paths: dict[str, str], *, samples: int, budget_s: float = 45) -> dict:
    """Median wall time of sequential GETs (after one warm-up each) against the cache-off origin: on loopback this
    is the server's time to build the page. A slow page gets fewer samples (at least one) within the budget."""
    out = {}
    for name, path in paths.items():
        url = base + path
        times, statuses, size, began = [], [], 0, time.monotonic()
        for attempt in range(samples + 1):
            t0 = time.perf_counter()
            try:
                status, body, _ = fetch(url, timeout=120)
                size = len(body)
            except (OSError, urllib.error.URLError) as error:  # a worker killed by gunicorn's timeout, say
                status = f"error: {error}"
            elapsed = (time.perf_counter() - t0) * 1000
            if attempt:  # the first request warms the worker up
                times.append(elapsed)
                statuses.append(status)
            spent = time.monotonic() - began
            if spent > budget_s and (len(times) >= 3 or (times and statistics.median(times) > 5000)):
                break
        out[name] = {
            "path": path,
            "status": sorted(set(map(str, statuses))),
            "bytes": size,
            "samples": len(times),
            "median_ms": round(statistics.median(times), 1) if times else None,
            "min_ms": round(min(times), 1) if times else None,
            "max_ms": round(max(times), 1) if times else None,
        }
        log(f"  {name:<8} {out[name]['median_ms']:>8.1f} ms median ({len(times)} samples, HTTP {out[name]['status']})")
    return out


# --- the beacon, and the web side while a newsletter sends -----------------------------------------------------

TOKEN_PATTERN = re.compile(r'data-target="([^"]+)"')


def measure_beacon(runner: "Load", *, base: str, article_path: str, env: dict) -> dict:
    """wrk POSTing the article's view beacon (its real signed token, a new browser name per request) to the origin
    readers' beacons reach (the edges pass /analytics/ through); then the flush task, queued for the worker, must
    write to the database as many views as beacons were answered."""
    status, html, _headers = fetch(base + article_path, timeout=60)
    match = TOKEN_PATTERN.search(html.decode("utf-8", "replace"))
    if status != 200 or not match:
        raise BenchError(f"no beacon token in the article (HTTP {status})")
    views_cmd = [PYTHON, BENCH / "steps.py", "views", "--path", article_path]
    before = last_json(run(views_cmd, env=env, timeout=60, name="views before"))["views"]
    beacon_path = "/analytics/view"
    log(f"load: beacon ({base}{beacon_path})")
    script = [str(BENCH / "beacon_post.lua"), beacon_path, match.group(1)]
    # No warm-up: every request counts, and the database must show them all.
    result = runner.measure(base + beacon_path, script=script, warm=False)
    result.update({"label": "view beacon (POST), at the origin", "url": base + beacon_path})
    if found := re.search(r"BENCH_BEACON answered=(\d+) other=(\d+)", result["raw"]):
        result["lua"] = {"answered": int(found.group(1)), "other": int(found.group(2))}
    answered = (result.get("lua") or {}).get("answered", 0)
    after = last_json(
        run(
            [*views_cmd, "--flush", "--expect", str(before + answered), "--timeout", "120"],
            env=env,
            timeout=180,
            name="flush task writes the views",
        )
    )
    result["views_written"] = after["views"] - before
    result["flush_waited_s"] = after["waited_s"]
    result["written_vs_answered"] = round(result["views_written"] / answered, 4) if answered else None
    result["drain_s"] = drain(base)
    log(
        f"  {result['requests_per_s']} req/s, p99 {result['p99_ms']} ms, answered 204: {answered}, other: "
        f"{(result.get('lua') or {}).get('other')}, written by the worker: {result['views_written']} "
        f"(after {after['waited_s']} s)"
    )
    return result


def _wait_for_line(proc: subprocess.Popen, wanted: str, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 1.0)
        if ready:
            line = proc.stdout.readline()
            if not line:
                raise BenchError(f"the newsletter step ended before sending: {proc.wait(timeout=10)}")
            if line.strip() == wanted:
                return
    raise BenchError(f"the newsletter step did not start sending within {timeout:.0f} s")


WORKER_UNIT = REPO / "deploy" / "systemd" / "tribune-worker.service"


def worker_unit_setting(name: str, default: int) -> int:
    """A number the shipped worker unit sets (``Nice=``, ``CPUWeight=``), ``default`` if it sets none."""
    unit = WORKER_UNIT.read_text() if WORKER_UNIT.exists() else ""
    found = re.search(rf"^{name}=(-?\d+)\s*$", unit, re.MULTILINE)
    return int(found.group(1)) if found else default


def worker_niceness() -> int:
    """The CPU priority the shipped worker unit gives background tasks (``Nice=``), 0 if it sets none."""
    return worker_unit_setting("Nice", 0)


SEND_CGROUP = "tribune-bench-send"


def _cpu_weight_group(pid: int, weight: int) -> str | None:
    """Put ``pid`` in a CPU control group of its own with the unit's ``CPUWeight=`` (systemd's default is 100, as
    the web's unit has): what systemd does for the worker unit. Cgroup v2 takes the weight as it is, v1 as shares
    (1024 for 100). ``None`` where no group can be made here (not root, or no CPU controller)."""
    for root, knob, value in (
        (Path("/sys/fs/cgroup/cpu"), "cpu.shares", round(weight * 1024 / 100)),  # v1
        (Path("/sys/fs/cgroup"), "cpu.weight", weight),  # v2, where the cpu controller is enabled
    ):
        group = root / SEND_CGROUP
        try:
            group.mkdir(exist_ok=True)
            (group / knob).write_text(str(value))
            (group / "cgroup.procs").write_text(str(pid))
        except OSError:
            continue
        return f"{group} ({knob}={value})"
    return None


def _lower_session_priority(pid: int, niceness: int, weight: int) -> str:
    """Rank the send (a session of its own, just started) below the web, as the worker unit does in production.

    There the worker unit is a cgroup of its own with a fifth of the web's CPU weight (``CPUWeight=``) and ``Nice=``;
    here the send gets a CPU group with that weight, where one can be made. Without one, the niceness alone: with the
    kernel's automatic session groups (``sched_autogroup``) a nice value only ranks a process inside its own
    session (the Python servers each run in a session of their own), so it is given to the send's session's group
    as well. What the send starts later (the SMTP sink) inherits all of it. Returns how the send was ranked."""
    os.setpriority(os.PRIO_PROCESS, pid, niceness)
    with contextlib.suppress(OSError):  # no automatic session groups here: the nice value alone ranks it
        Path(f"/proc/{pid}/autogroup").write_text(str(niceness))
    group = _cpu_weight_group(pid, weight)
    return f"nice {niceness}" + (f", CPU group {group}" if group else ", no CPU group (CPUWeight not applied)")


# The pace at which a 100,000-subscriber issue goes out within the 10 minutes of the newsletter target, with a fifth
# to spare: the messages per second an outlet with such a list sets on it (each list has its own rate).
GOAL_PACE = 200


def _send_during_load(runner: "Load", *, url: str, env: dict, subscribers: int, pace: int | None) -> dict:
    """The cold article loaded while an issue goes to ``subscribers`` at ``pace`` messages/s (None: as fast as the
    sender can), the send ranked as the worker unit ranks the worker."""
    niceness = worker_niceness()
    cmd = [str(PYTHON), str(BENCH / "steps.py"), "newsletter", "--subscribers", str(subscribers), "--announce"]
    cmd += ["--rate", str(pace)] if pace else []
    pace_text = f"{pace} messages/s" if pace else "full speed"
    log(f"load: article_cold while sending to {subscribers:,} subscribers at {pace_text} ({url})")
    proc = subprocess.Popen(  # noqa: S603
        cmd,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    ranking = _lower_session_priority(proc.pid, niceness, worker_unit_setting("CPUWeight", 100))
    log(f"  the send runs at {ranking}")
    try:
        _wait_for_line(proc, "SENDING", timeout=600)
        wrk_start = time.time()
        sending = runner.measure(url)
        wrk_end = time.time()
        output, _ = proc.communicate(timeout=1800)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        for root in ("/sys/fs/cgroup/cpu", "/sys/fs/cgroup"):  # an empty group is removed; one in use stays
            with contextlib.suppress(OSError):
                Path(root, SEND_CGROUP).rmdir()
    if proc.returncode != 0:
        raise BenchError(f"the newsletter step failed ({proc.returncode}):\n{output[-2000:]}")
    send = last_json(output)
    overlap = min(send["finished_at"], wrk_end) - max(send["started_at"], wrk_start)
    sending.update({"url": url, "newsletter": send, "pace": pace, "send_ranking": ranking})
    # The share of wrk's runs (warm-up and measured) the send lasted through: below 1 it ended early.
    sending["overlap"] = round(max(0.0, overlap) / (wrk_end - wrk_start), 3) if wrk_end > wrk_start else None
    return sending


def measure_backfill(*, env: dict) -> dict:
    """``manage.py analyse_archive --force``: every published article with a revision analysed again, in one
    process, the way an archive is backfilled (extraction on the gazetteer path, then its rows stored). The
    synthetic archive is written straight into the tables and has no revisions to analyse, so these are the demo's
    articles and the ones the bench published."""
    output = run([PYTHON, "manage.py", "analyse_archive", "--force"], env=env, timeout=1800, name="analyse_archive")
    found = re.search(r"Analysed (\d+) article\(s\), (\d+) failed, in ([\d.]+) s: ([\d.]+) articles/s", output)
    if not found:
        raise BenchError(f"analyse_archive printed no summary:\n{output[-2000:]}")
    analysed, failed, seconds, rate = found.groups()
    return {"articles": int(analysed), "failed": int(failed), "seconds": float(seconds), "per_s": float(rate)}


def measure_while_sending(runner: "Load", *, url: str, env: dict, rate: float | None) -> dict:
    """The cold article alone, then while a newsletter issue is being sent to the SMTP sink (sized to outlast the
    measured run), then alone again: at the pace a 100,000-subscriber list needs to finish within the target's 10
    minutes (the target: how much of its throughput readers keep), and as fast as the sender can (for information:
    the worst case, no list is set to it). Alone is the mean of the runs right before and right after the paced send,
    so a drift of the machine over the minute (another tenant, the database's housekeeping after the previous step)
    is not counted against the send. The send runs at the priority the shipped worker unit gives the task worker; so
    does the SMTP sink, which it starts, standing in for the mail relay that is another machine in production."""
    seconds = runner.warmup + runner.duration + 10
    base = "/".join(url.split("/", 3)[:3])
    log(f"load: article_cold_alone ({url})")
    before = runner.measure(url)
    before["drain_s"] = drain(base)
    paced = _send_during_load(runner, url=url, env=env, subscribers=int(GOAL_PACE * seconds * 1.5), pace=GOAL_PACE)
    paced["label"] = f"article, page cache off, while a newsletter goes out at {GOAL_PACE} messages/s"
    drain(base)
    log(f"load: article_cold_alone, again after the send ({url})")
    after = runner.measure(url)
    after["drain_s"] = drain(base)
    alone = dict(before)
    alone["requests_per_s"] = round((before["requests_per_s"] + after["requests_per_s"]) / 2, 1)
    alone["runs_requests_per_s"] = [before["requests_per_s"], after["requests_per_s"]]
    alone.update({"label": "article, page cache off: alone (mean of the runs right before and after)", "url": url})
    flat_out = _send_during_load(
        runner, url=url, env=env, subscribers=min(200_000, max(2_000, int((rate or 500) * seconds * 1.5))), pace=None
    )
    flat_out["label"] = "article, page cache off, while a newsletter goes out as fast as it can"
    summary = {"alone": alone, "sending": paced, "sending_flat_out": flat_out, "worker_niceness": worker_niceness()}
    for key in ("sending", "sending_flat_out"):
        done = summary[key]
        ratio = (
            round(done["requests_per_s"] / alone["requests_per_s"], 3)
            if done.get("requests_per_s") and alone.get("requests_per_s")
            else None
        )
        summary[f"{key}_vs_alone"] = ratio
        log(
            f"  alone {alone['runs_requests_per_s']} req/s, {done['label']}: {done['requests_per_s']} req/s ({ratio}); "
            f"newsletter {done['newsletter']['messages_per_s']} messages/s; overlap {done['overlap']}"
        )
    summary["vs_alone"], summary["overlap"] = summary["sending_vs_alone"], paced["overlap"]
    return summary


# --- the run --------------------------------------------------------------------------------------------------


def scale_sizes(args) -> tuple[str, dict | None]:
    name = "small" if args.small else os.environ.get("BENCH_SCALE", "full")
    if name not in SCALES:
        raise BenchError(f"BENCH_SCALE must be one of {', '.join(SCALES)}")
    return name, SCALES[name]


def main() -> int:  # noqa: C901, PLR0912, PLR0915 - one linear script, read top to bottom
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="reduced archive (same as BENCH_SCALE=small)")
    parser.add_argument("--render", action="store_true", help="only rewrite report.md from report.json")
    args = parser.parse_args()
    if args.render:
        return render_only()

    def on_signal(signum, _frame):
        raise SystemExit(f"stopped by signal {signum}")

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, on_signal)

    scale_name, sizes = scale_sizes(args)
    load = {
        "duration_s": env_int("BENCH_DURATION", 10),
        "warmup_s": env_int("BENCH_WARMUP", 3),
        "connections": env_int("BENCH_CONNECTIONS", 32),
        "threads": env_int("BENCH_THREADS", 2),
        "timing_samples": env_int("BENCH_TIMING_SAMPLES", 9),
    }
    report: dict = {
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "loadavg_at_start": Path("/proc/loadavg").read_text().split()[:3],
        "scale": scale_name,
        "load": load,
        "notes": [],
        "steps_s": {},
    }
    notes: list[str] = report["notes"]

    if WORK.exists():
        shutil.rmtree(WORK)
    (WORK / "logs").mkdir(parents=True)
    procs = Processes(WORK / "logs")
    peer_dir = Path(tempfile.mkdtemp(prefix="tribune-bench-peer-"))
    step = "start"
    try:
        step = "tools"
        report["tools"] = ensure_tools()
        ports = {name: free_port() for name in ("cached", "cold", "render", "varnish", "edge_nginx", "nginx", "peer")}
        report["ports"] = ports
        env = base_env(site_port=ports["varnish"])
        report["machine"] = {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "kernel": platform.release(),
            "git_commit": subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO, check=False
            ).stdout.strip(),
            # What was measured beyond the commit: uncommitted changes in the working tree (bench/ aside).
            "uncommitted": [
                line[3:]
                for line in subprocess.run(
                    ["git", "status", "--porcelain"], capture_output=True, text=True, cwd=REPO, check=False
                ).stdout.splitlines()
                if not line[3:].startswith("bench/")
            ],
        }

        step = "database"
        report["database"] = choose_database(env)
        report["cache"] = choose_cache(env)
        log(f"database: {report['database']['engine']}, cache: {report['cache']['backend']}")
        packages = ("django", "wagtail", "gunicorn", "granian", "psycopg")
        versions = run(
            [PYTHON, "-c", f"from importlib.metadata import version; print(*(version(p) for p in {packages}))"],
            env=env,
            timeout=60,
            name="versions",
        ).split()
        report["machine"].update(dict(zip(packages, versions, strict=True)))

        step = "setup"
        manage = [PYTHON, "manage.py"]
        for label, cmd, timeout in (
            ("migrate", [*manage, "migrate", "--noinput"], 600),
            ("collectstatic", [*manage, "collectstatic", "--noinput"], 300),
            ("load_demo", [*manage, "load_demo", "--no-accounts"], 600),
        ):
            began = time.monotonic()
            run(cmd, env=env, timeout=timeout, name=label)
            report["steps_s"][label] = round(time.monotonic() - began, 1)
        analyze = [PYTHON, BENCH / "steps.py", "analyze"]
        report["steps_s"]["analyze (demo)"] = last_json(run(analyze, env=env, timeout=300, name="ANALYZE"))["seconds"]

        step = "servers"
        kind = server_kind()
        report["server"] = {"kind": kind}
        if kind == "gunicorn" and not GUNICORN_CONF.exists():
            notes.append(f"{GUNICORN_CONF.relative_to(REPO)} is missing: gunicorn ran with --workers 2×cores+1.")
        # Three Tribune origins: the page cache on (behind both edges, each purged on change); the page cache off,
        # with the fragment cache on as production runs it ("cold"); and both off, every page built from scratch
        # ("render").
        cold_env = {**env, "TRIBUNE_PAGE_CACHE_SECONDS": "0"}
        render_env = {**cold_env, "TRIBUNE_FRAGMENT_CACHE_SECONDS": "0"}
        edges = f"http://127.0.0.1:{ports['varnish']},http://127.0.0.1:{ports['edge_nginx']}"
        cached_env = {**env, "TRIBUNE_EDGE_CACHE_URL": edges}
        cold = start_server(procs, kind, name="tribune-cold", app_dir=REPO, port=ports["cold"], env=cold_env)
        cold_base = f"http://127.0.0.1:{ports['cold']}"
        render = start_server(procs, kind, name="tribune-render", app_dir=REPO, port=ports["render"], env=render_env)
        render_base = f"http://127.0.0.1:{ports['render']}"

        step = "info (demo size)"
        info_demo = last_json(run([PYTHON, BENCH / "steps.py", "info"], env=env, timeout=120, name="info"))
        report["demo"] = {"counts": info_demo["counts"]}
        demo_paths = {
            "home": info_demo["home_url"],
            "section": info_demo["section"]["url"],
            "search": f"/search/?q={info_demo['search_word']}",
            **sitemap_paths(cold_base),
            "article": info_demo["article"]["url"],
        }
        wait_for_quiet(procs, limit_s=env_int("BENCH_QUIET_WAIT", 60) / 2)
        log("server-side times at demo size (page cache off; fragments off, then on):")
        report["demo"]["timings"] = timings(render_base, demo_paths, samples=load["timing_samples"])
        report["demo"]["timings_fragments"] = timings(cold_base, demo_paths, samples=load["timing_samples"])

        step = "scale_data"
        hot_url = ""
        if sizes and SCALE_COMMAND.exists():
            began = time.monotonic()
            cmd = [*manage, "scale_data", f"--articles={sizes['articles']}", f"--comments={sizes['comments']}"]
            cmd.append(f"--contributors={sizes['contributors']}")
            scale_help = run([*manage, "scale_data", "--help"], env=env, timeout=60, name="scale_data --help")
            index = os.environ.get("BENCH_SEARCH_INDEX", "1") != "0"
            if "--index" in scale_help:
                cmd.append("--index" if index else "--no-index")
            report["search_index_filled"] = index
            if not index:
                notes.append("BENCH_SEARCH_INDEX=0: the synthetic articles are not in the search index.")
            out = run(cmd, env=env, timeout=env_int("BENCH_SCALE_TIMEOUT", 1800), name="scale_data")
            report["steps_s"]["scale_data"] = round(time.monotonic() - began, 1)
            report["scale_data_output"] = out.strip().splitlines()[-16:]
            # Bulk loads leave the planner's statistics empty until autovacuum gets to them; a live archive has them.
            report["steps_s"]["analyze (archive)"] = last_json(run(analyze, env=env, timeout=600, name="ANALYZE"))[
                "seconds"
            ]
            notes.append(
                "The run refreshes the planner's statistics (ANALYZE) after load_demo and after scale_data: without "
                "it, right after the bulk load, PostgreSQL planned search as nested loops over the whole archive "
                "(12 s instead of 0.17 s for one query at 3,000 articles in a trial run)."
            )
            hot = [line for line in out.splitlines() if "hot" in line.lower()]
            if hot and (match := re.search(r"(?:https?://[^/\s]+)?(/[^\s\"'<>]*)", hot[-1])):
                hot_url = match.group(1)
        elif sizes:
            notes.append(
                "tribune/demo/management/commands/scale_data.py is not there yet: the run used the demo outlet "
                "only, so the 'large archive' numbers are demo-size numbers."
            )
        else:
            notes.append("BENCH_SCALE=none: no synthetic archive was loaded.")

        step = "info (large)"
        info_cmd = [PYTHON, BENCH / "steps.py", "info"] + (["--article-url", hot_url] if hot_url else [])
        info = last_json(run(info_cmd, env=env, timeout=300, name="info"))
        report["archive"] = {"counts": info["counts"], "hot_article_from_scale_data": hot_url or None}
        report["article"], report["section"] = info["article"], info["section"]
        report["search_word"] = info["search_word"]
        log(f"the article: {info['article']['url']} ({info['article']['approved_comments']} approved comments)")
        paths = {
            "home": info["home_url"],
            "section": info["section"]["url"],
            "search": f"/search/?q={info['search_word']}",
            **sitemap_paths(cold_base),
            "article": info["article"]["url"],
        }
        wait_for_quiet(procs, limit_s=env_int("BENCH_QUIET_WAIT", 60) / 2)
        log("server-side times at archive size (page cache off; fragments off, then on):")
        report["archive"]["timings"] = timings(render_base, paths, samples=load["timing_samples"])
        report["archive"]["timings_fragments"] = timings(cold_base, paths, samples=load["timing_samples"])

        step = "readers"
        creds = WORK / "readers.txt"
        readers_cmd = [PYTHON, BENCH / "steps.py", "readers", "--count", "16", "--out", creds]
        report["readers"] = last_json(run(readers_cmd, env=env, timeout=120, name="bench readers"))

        step = "servers"
        # The task worker runs as in production (README) and with the edge settings: edge purges are tasks.
        worker = procs.start("db_worker", [*manage, "db_worker", "--queue-name", "*"], env=cached_env)
        cached = start_server(procs, kind, name="tribune-cached", app_dir=REPO, port=ports["cached"], env=cached_env)
        cached_base = f"http://127.0.0.1:{ports['cached']}"
        procs.check_alive("db_worker", worker)
        varnish = start_varnish(procs, port=ports["varnish"], origin=f"127.0.0.1:{ports['cached']}", env=env)
        edge_base = f"http://127.0.0.1:{ports['varnish']}"
        if varnish:
            wait_http(edge_base + "/", procs, "varnish", varnish)
        else:
            notes.append(f"{VCL.relative_to(REPO)} is missing: no edge (Varnish) scenario.")
        edge_nginx = start_edge_nginx(procs, port=ports["edge_nginx"], origin=f"127.0.0.1:{ports['cached']}", env=env)
        edge_nginx_base = f"http://127.0.0.1:{ports['edge_nginx']}"
        if edge_nginx:
            wait_http(edge_nginx_base + "/", procs, "edge-nginx", edge_nginx)
            # Readers have asked for the article before: its copy has been refreshed from the origin's page cache by
            # the time it is measured (a copy stored from a fresh render has no Content-Length, see the config).
            fetch(edge_nginx_base + paths["article"], timeout=60)
        else:
            notes.append(f"{EDGE_NGINX_CONF.relative_to(REPO)} is missing: no edge (nginx) scenario.")

        status, html, _ = fetch(cold_base + paths["article"], timeout=60)
        if status != 200:
            raise BenchError(f"the article answered HTTP {status}")
        nginx = start_nginx(procs, port=ports["nginx"], html=html, env=env)
        static_base = f"http://127.0.0.1:{ports['nginx']}"
        wait_http(static_base + "/article.html", procs, "nginx", nginx)
        report["article"]["html_bytes"] = len(html)

        step = "peer"
        peer_env = {
            k: v
            for k, v in env.items()
            if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "STATIC_ROOT", "MEDIA_ROOT", "SITE_URL"}
        }
        peer_env["DJANGO_SETTINGS_MODULE"] = "peer.settings.production"
        report["peer"] = peer_prepare(peer_dir, peer_env)
        peer = start_server(procs, kind, name="peer", app_dir=peer_dir, port=ports["peer"], env=peer_env)
        peer_base = f"http://127.0.0.1:{ports['peer']}"
        instances = {"tribune_cached": cached, "tribune_cold": cold, "tribune_render": render, "peer": peer}
        report["server"].update({name: server_facts(proc) for name, proc in instances.items()})
        if len({report["server"][name]["workers"] for name in instances}) != 1:
            notes.append(f"The Python servers run different numbers of workers: {report['server']}.")
        if kind == "gunicorn" and GUNICORN_CONF.exists():
            report["server"]["gunicorn_config"] = gunicorn_config(cached_env)

        step = "load"
        runner = Load(
            duration=load["duration_s"],
            warmup=load["warmup_s"],
            connections=load["connections"],
            threads=load["threads"],
            env=env,
            procs=procs,
        )
        report["quiet_before_load"] = wait_for_quiet(procs, limit_s=env_int("BENCH_QUIET_WAIT", 60))
        if not report["quiet_before_load"]["quiet"]:
            notes.append(
                f"Other processes kept {report['quiet_before_load']['other_cores']} of "
                f"{os.cpu_count()} cores busy when the load phase began (waited "
                f"{report['quiet_before_load']['waited_s']} s): the numbers are lower than on a quiet machine."
            )
        post_path = f"/discussion/{info['article']['id']}/comments/"
        post_script = [
            str(BENCH / "comment_post.lua"),
            post_path,
            str(creds),
            report["readers"]["session_cookie"],
            report["readers"]["csrf_cookie"],
        ]
        # (key, label, server base, path, wrk script). Search goes last: when it is slow, wrk leaves a backlog.
        # The ceiling is measured twice, right before and right after the edges, and ratios use the mean of the
        # two: this machine's speed drifts over a run (the ceiling alone moved between 42,000 and 111,000
        # requests/s across runs), and a ceiling measured minutes away from the edges compared unlike moments.
        scenarios = [
            ("peer_home_cold", "Wagtail starter home, no cache", peer_base, "/", None),
            (
                "article_cold",
                "article, page cache off (fragments on, as in production)",
                cold_base,
                paths["article"],
                None,
            ),
            (
                "article_render",
                "article built from scratch (page cache and fragments off)",
                render_base,
                paths["article"],
                None,
            ),
            ("article_origin_cached", "article, page cache at origin", cached_base, paths["article"], None),
            ("static", "nginx: saved copy of the article", static_base, "/article.html", None),
        ]
        if varnish:
            scenarios.append(("article_edge", "article through Varnish", edge_base, paths["article"], None))
        if edge_nginx:
            scenarios.append(
                ("article_edge_nginx", "article through nginx proxy_cache", edge_nginx_base, paths["article"], None)
            )
        scenarios += [
            (
                "static_after",
                "nginx: saved copy of the article, again after the edges",
                static_base,
                "/article.html",
                None,
            ),
            ("home_cached", "home, page cache at origin", cached_base, paths["home"], None),
            ("home_cold", "home, page cache off (fragments on)", cold_base, paths["home"], None),
            ("section_cached", "section, page cache at origin", cached_base, paths["section"], None),
            ("section_cold", "section, page cache off (fragments on)", cold_base, paths["section"], None),
            ("comment_post", "post a comment (signed-in readers)", cached_base, post_path, post_script),
            ("search", "search at the origin", cached_base, paths["search"], None),
        ]
        comments_cmd = [PYTHON, BENCH / "steps.py", "comments", "--article", str(info["article"]["id"])]
        results = report["scenarios"] = {}
        for key, label, base, path, script in scenarios:
            url = base + path
            log(f"load: {key} ({url})")
            if script:
                comments_before = last_json(run(comments_cmd, env=env, timeout=60, name="count comments"))
            varnish_before = varnish_counters(env) if key == "article_edge" else {}
            # Posting is measured without warm-up: every request writes, and the count below must match.
            headers = GZIP if key in GZIP_SCENARIOS else None
            result = runner.measure(url, script=script, warm=not script, headers=headers)
            result.update({"label": label, "url": url})
            if script:
                comments_after = last_json(run(comments_cmd, env=env, timeout=60, name="count comments"))
                created = set(comments_after) | set(comments_before)
                result["comments_created"] = {
                    k: comments_after.get(k, 0) - comments_before.get(k, 0) for k in sorted(created)
                }
                if match := re.search(r"BENCH_POST posted=(\d+) refused=(\d+) other=(\d+)", result["raw"]):
                    result["lua"] = dict(zip(("posted", "refused", "other"), map(int, match.groups()), strict=True))
                    result["errors"] += result["lua"]["refused"] + result["lua"]["other"]
            else:
                result["sample"] = sample_response(url, headers)
            if varnish_before:
                after = varnish_counters(env)
                result["varnish"] = {k: after.get(k, 0) - varnish_before.get(k, 0) for k in sorted(after)}
            if base != static_base:
                result["drain_s"] = drain(base)
            results[key] = result
            log(
                f"  {result['requests_per_s']} req/s, p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, "
                f"errors {result['errors']}, other processes {result['other_cores']} cores"
                + (f", created {result['comments_created']}, wrk saw {result.get('lua')}" if script else "")
            )

        step = "beacon"
        results["beacon"] = measure_beacon(runner, base=cached_base, article_path=paths["article"], env=cached_env)

        step = "memory"
        report["memory"] = {}
        for name, proc in instances.items():
            workers = [memory_of(pid) for pid in server_workers(proc.pid)]
            report["memory"][name] = {
                "master": memory_of(proc.pid),
                "workers": workers,
                "worker_rss_mb_mean": round(statistics.mean(w["rss_mb"] for w in workers), 1) if workers else None,
            }

        step = "publish"
        urls = [f"edge={edge_base}{paths['article']}"] if varnish else []
        urls += [f"edge_nginx={edge_nginx_base}{paths['article']}"] if edge_nginx else []
        urls.append(f"origin={cached_base}{paths['article']}")
        publish_cmd = [PYTHON, BENCH / "steps.py", "publish", "--article", str(info["article"]["id"]), "--urls", *urls]
        report["publish"] = last_json(run(publish_cmd, env=cached_env, timeout=120, name="publish → visible"))
        log(f"publish → visible: {report['publish']['visible_after_seconds']}")

        step = "newsletter"
        subscribers = env_int("BENCH_NEWSLETTER_SUBSCRIBERS", {"full": 20_000, "small": 5_000}.get(scale_name, 2_000))
        newsletter_cmd = [PYTHON, BENCH / "steps.py", "newsletter", "--subscribers", str(subscribers)]
        report["newsletter"] = last_json(run(newsletter_cmd, env=cached_env, timeout=1800, name="newsletter send"))
        log(f"newsletter: {report['newsletter']}")

        step = "web while sending"
        report["web_while_sending"] = measure_while_sending(
            runner, url=cold_base + paths["article"], env=cached_env, rate=report["newsletter"].get("messages_per_s")
        )
        results["article_cold_alone"] = report["web_while_sending"].pop("alone")
        results["article_cold_sending"] = report["web_while_sending"].pop("sending")
        results["article_cold_sending_flat_out"] = report["web_while_sending"].pop("sending_flat_out")

        step = "analysis backfill"
        report["analysis_backfill"] = measure_backfill(env=cached_env)
        log(f"analysis backfill: {report['analysis_backfill']}")
        for name, proc in procs.started:
            procs.check_alive(name, proc)
    except BaseException as error:
        report["status"] = f"failed during {step}: {error}"
        log(report["status"])
        write_report(report, failed=True)
        raise
    finally:
        procs.stop_all()
        shutil.rmtree(peer_dir, ignore_errors=True)
    report["status"] = "complete"
    report["total_s"] = round(time.monotonic() - START, 1)
    write_report(report, failed=False)
    log(f"report: {RESULTS / 'report.md'} ({report['total_s']} s)")
    return 0


# --- report ---------------------------------------------------------------------------------------------------


def ceiling(scenarios: dict) -> float | None:
    """Static nginx's requests/s: the mean of its measurements right before and right after the edges."""
    values = [(scenarios.get(key) or {}).get("requests_per_s") for key in ("static", "static_after")]
    values = [value for value in values if value]
    return sum(values) / len(values) if values else None


def evaluate(report: dict) -> list[dict]:
    """The issue's targets, each with the measured value and pass/fail."""
    s = report.get("scenarios", {})
    static = ceiling(s)
    peer = (s.get("peer_home_cold") or {}).get("requests_per_s")
    checks = []

    def ratio(key, base):
        value = (s.get(key) or {}).get("requests_per_s")
        return round(value / base, 3) if value and base else None

    def add(name, measured, target, ok):
        checks.append({"target": name, "measured": measured, "goal": target, "pass": bool(ok)})

    for key, edge in [("article_edge", "Varnish"), ("article_edge_nginx", "nginx")]:
        if key in s:
            r = ratio(key, static)
            add(f"edge ({edge}) rps ≥ 80% of static", r, TARGETS["edge_vs_static"], r is not None and r >= 0.8)
            p99 = s[key]["p99_ms"]
            add(f"edge ({edge}) p99 ≤ 10 ms", p99, TARGETS["edge_p99_ms"], p99 is not None and p99 <= 10)
        else:
            add(f"edge ({edge})", None, "measured", False)
    r = ratio("article_origin_cached", static)
    add("origin-cached rps ≥ 5% of static", r, TARGETS["origin_cached_vs_static"], r is not None and r >= 0.05)
    p99 = (s.get("article_origin_cached") or {}).get("p99_ms")
    add("origin-cached p99 ≤ 25 ms", p99, TARGETS["origin_cached_p99_ms"], p99 is not None and p99 <= 25)
    r = ratio("article_cold", peer)
    add("cold article rps ≥ 2× peer home", r, TARGETS["cold_vs_peer"], r is not None and r >= 2)
    p99 = (s.get("article_cold") or {}).get("p99_ms")
    add("cold article p99 ≤ 250 ms", p99, TARGETS["cold_p99_ms"], p99 is not None and p99 <= 250)
    errors = {k: v.get("errors") for k, v in s.items() if v.get("errors")}
    add("zero errors (every scenario)", errors or 0, 0, s and not errors)
    visible = (report.get("publish") or {}).get("visible_after_seconds") or {}
    for name, seconds in visible.items():
        add(
            f"publish → visible ({name}) ≤ 1 s",
            seconds,
            TARGETS["publish_visible_s"],
            seconds is not None and seconds <= 1,
        )
    if not visible:
        add("publish → visible ≤ 1 s", None, TARGETS["publish_visible_s"], False)
    beacon = s.get("beacon") or {}
    rps = beacon.get("requests_per_s")
    goal = TARGETS["beacon_rps"]
    add("view beacon rps ≥ 5,000 (origin)", rps, goal, rps is not None and rps >= goal)
    written = beacon.get("written_vs_answered")
    tolerance = TARGETS["beacon_written_tolerance"]
    add(
        "view beacon: views written by the worker = beacons answered (±1 %)",
        written,
        f"1 ± {tolerance}",
        written is not None and abs(written - 1) <= tolerance,
    )
    while_sending = report.get("web_while_sending") or {}
    ratio = while_sending.get("vs_alone")
    overlapped = (while_sending.get("overlap") or 0) >= 0.95  # the send lasted through the measured run
    add(
        f"cold article rps while a newsletter sends at {GOAL_PACE}/s (100,000 in 10 min) ≥ 80% of alone",
        ratio,
        TARGETS["web_while_sending_vs_alone"],
        ratio is not None and ratio >= TARGETS["web_while_sending_vs_alone"] and overlapped,
    )
    newsletter = report.get("newsletter") or {}
    seconds = newsletter.get("seconds_for_100k")
    add(
        f"newsletter: 100,000 subscribers ≤ 10 min (measured on {newsletter.get('subscribers', '–')}, SMTP sink)",
        seconds,
        TARGETS["newsletter_100k_s"],
        seconds is not None and seconds <= TARGETS["newsletter_100k_s"],
    )
    backfill = report.get("analysis_backfill") or {}
    add(
        f"analysis backfill ≥ 20 articles/s (gazetteer path, {backfill.get('articles', '–')} articles, one process)",
        backfill.get("per_s"),
        TARGETS["analysis_articles_per_s"],
        backfill.get("per_s") is not None
        and backfill["per_s"] >= TARGETS["analysis_articles_per_s"]
        and not backfill.get("failed"),
    )
    return checks


def fmt(value, digits=1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def render_markdown(report: dict) -> str:  # noqa: C901, PLR0912, PLR0915
    s = report.get("scenarios", {})
    static = ceiling(s)
    peer = (s.get("peer_home_cold") or {}).get("requests_per_s")
    db, cache = report.get("database", {}), report.get("cache", {})
    server, load = report.get("server", {}), report["load"]
    machine = report.get("machine", {})
    tribune_server = server.get("tribune_cached", {})
    config = server.get("gunicorn_config")
    lines = [
        "# Tribune load benchmark",
        "",
        f"Generated by `make bench` on {report['started_at']} (commit {machine.get('git_commit')}); "
        f"status: **{report.get('status')}**; total run time {fmt(report.get('total_s'))} s.",
        "",
        *(
            [f"- Uncommitted changes in the working tree when the run began: {', '.join(machine['uncommitted'])}"]
            if machine.get("uncommitted")
            else []
        ),
        f"- Machine: {machine.get('cpus')} CPUs (load average at start {' '.join(report['loadavg_at_start'])}), "
        f"Python {machine.get('python')}, Django {machine.get('django')}, Wagtail {machine.get('wagtail')}; "
        + "; ".join(report.get("tools", {}).get("versions", {}).values()),
        f"- Database: **{db.get('engine')}** {db.get('version', '')}; cache: **{cache.get('backend')}**"
        + (f" ({cache.get('url')}, flushed first)" if cache.get("backend") == "redis" else f" ({cache.get('note')})"),
        f"- Python servers (Tribune with the page cache on, off, and everything off, and the peer, all alike): "
        f"**{server.get('kind')}** "
        f"{machine.get(server.get('kind'), '')}, {tribune_server.get('workers')} worker processes each: "
        f"`{tribune_server.get('cmdline')}`" + (f"; resolved config {config}" if config else ""),
        f"- Client: wrk, {load['threads']} threads, {load['connections']} connections, {load['duration_s']} s per "
        f"scenario after a {load['warmup_s']} s warm-up (none for posting), `--latency`, loopback only. "
        '"CPU busy" is the whole machine during the measured run, "db" the part PostgreSQL and Redis used (for '
        'this run or anyone else), "other" the part used by processes this run did not start. "vs static" is '
        "against static nginx measured right before and right after the edges (the mean of the two: "
        f"{fmt(static, 1)} requests/s).",
    ]
    if archive := report.get("archive"):
        c = archive["counts"]
        lines.append(
            f"- Archive: scale `{report['scale']}`: {c['articles_published']:,} published articles, "
            f"{c['contributors']:,} contributors, {c['comments']:,} comments, {c['search_index_entries']:,} search "
            f"index entries. The article: `{report['article']['url']}` ({report['article']['approved_comments']} "
            f"approved comments, {report['article'].get('html_bytes', 0):,} bytes of HTML); the section: "
            f"`{report['section']['url']}`; search word: `{report['search_word']}`."
        )
    lines += ["", "## Throughput and latency", ""]
    lines.append(
        "| scenario | req/s | p50 ms | p99 ms | non-2xx/3xx | socket errors | vs static | vs peer | bytes "
        "| CPU busy / db / other (cores) |"
    )
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for key, r in s.items():
        rps = r.get("requests_per_s")
        vs_static = f"{rps / static:.1%}" if rps and static else "–"
        vs_peer = (
            f"{rps / peer:.2f}×" if rps and peer and key in {"article_cold", "article_render", "peer_home_cold"} else ""
        )
        sock = sum(r["socket_errors"].values())
        cpu = " / ".join(fmt(r.get(k), 2) for k in ("cpu_cores_busy", "database_cores", "other_cores"))
        lines.append(
            f"| {key} — {r.get('label', '')} | {fmt(rps)} | {fmt(r.get('p50_ms'), 2)} | {fmt(r.get('p99_ms'), 2)} | "
            f"{r.get('non_2xx_3xx')} | {sock} | {vs_static} | {vs_peer} | {(r.get('sample') or {}).get('bytes', '')} "
            f"| {cpu} |"
        )
    lines += ["", "## Targets", "", "| target | measured | goal | result |", "| --- | ---: | ---: | --- |"]
    for check in report.get("targets", []):
        lines.append(
            f"| {check['target']} | {fmt(check['measured'], 3)} | {check['goal']} | "
            f"{'PASS' if check['pass'] else '**FAIL**'} |"
        )
    if post := s.get("comment_post"):
        lines += [
            "",
            f"Comment posting: the Lua client counted {post.get('lua')}; the database gained "
            f"{post.get('comments_created')} comments from bench readers over warm-up-free "
            f"{load['duration_s']} s.",
        ]
    if beacon := s.get("beacon"):
        lines += [
            "",
            f"View beacon: wrk POSTed the article's beacon (its signed token, a new browser name per request, so no "
            f"source reached its cap) to the cached origin; {(beacon.get('lua') or {}).get('answered')} answered 204 "
            f"and {(beacon.get('lua') or {}).get('other')} otherwise; the flush task, queued for the worker, wrote "
            f"{beacon.get('views_written')} views of the article to the database "
            f"(after {beacon.get('flush_waited_s')} s).",
        ]
    if sending := report.get("web_while_sending"):
        paced, flat_out = s.get("article_cold_sending") or {}, s.get("article_cold_sending_flat_out") or {}
        lines += [
            "",
            f"Web side while a newsletter sends: the cold article alone (the mean of "
            f"{(s.get('article_cold_alone') or {}).get('runs_requests_per_s')} req/s, right before and right after), "
            f"and while an issue went to the SMTP sink at {paced.get('pace')} messages/s, the pace a "
            f"100,000-subscriber list needs to go out within 10 "
            f"minutes ({(paced.get('newsletter') or {}).get('subscribers', 0):,} messages; the send lasted through "
            f"{fmt(paced.get('overlap'), 3)} of wrk's runs): {fmt(sending.get('sending_vs_alone'), 3)} of its "
            f"requests/s alone. As fast as the sender could "
            f"({(flat_out.get('newsletter') or {}).get('messages_per_s')} messages/s, no list is set to that): "
            f"{fmt(sending.get('sending_flat_out_vs_alone'), 3)}. The send ran at "
            f"{paced.get('send_ranking') or 'nice ' + str(sending.get('worker_niceness', 0))}, the shipped worker "
            f"unit's priority, and so did the sink (the mail relay, another machine in production).",
        ]
    if "article_edge" in s and s["article_edge"].get("varnish"):
        lines.append(f"Varnish counters during the edge scenario: {s['article_edge']['varnish']}.")
    lines += ["", "## Server-side time (page cache off, median of sequential requests)", ""]
    lines += [
        "Built from scratch (fragments off too) at both sizes, and at archive size with the fragment cache on as "
        "production runs it (the stored fragments are warm after the first request).",
        "",
    ]
    demo, archive = report.get("demo", {}).get("timings", {}), report.get("archive", {}).get("timings", {})
    warm = report.get("archive", {}).get("timings_fragments", {})
    dc = report.get("demo", {}).get("counts", {}).get("articles_published")
    ac = report.get("archive", {}).get("counts", {}).get("articles_published")
    lines.append(
        f"| page | demo size ({dc} articles) ms | archive size ({ac} articles) ms | growth | archive, fragments on ms "
        "| samples | HTTP | bytes (archive) |"
    )
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for name in archive or demo:
        d, a = demo.get(name, {}), archive.get(name, {})
        growth = f"{a['median_ms'] / d['median_ms']:.1f}×" if d.get("median_ms") and a.get("median_ms") else "–"
        statuses = ", ".join(sorted(set(d.get("status", [])) | set(a.get("status", []))))
        lines.append(
            f"| {name} `{a.get('path', d.get('path'))}` | {fmt(d.get('median_ms'))} | {fmt(a.get('median_ms'))} | "
            f"{growth} | {fmt(warm.get(name, {}).get('median_ms'))} | {d.get('samples', '–')} / "
            f"{a.get('samples', '–')} | {statuses} | {a.get('bytes', '')} |"
        )
    if mem := report.get("memory"):
        lines += ["", "## Memory after load (per server worker process)", ""]
        lines.append("| instance | workers | RSS per worker MB | PSS per worker MB | master RSS MB |")
        lines.append("| --- | ---: | --- | --- | ---: |")
        for name, m in mem.items():
            rss = ", ".join(fmt(w["rss_mb"]) for w in m["workers"])
            pss = ", ".join(fmt(w["pss_mb"]) for w in m["workers"])
            lines.append(f"| {name} | {len(m['workers'])} | {rss} | {pss} | {fmt(m['master']['rss_mb'])} |")
    if pub := report.get("publish"):
        lines += [
            "",
            "## Publish → visible",
            "",
            "A new revision of the article with a changed title was published in-process (same settings, database, "
            "cache and edge URLs as the cached origin, with `db_worker` running as in production); each URL was "
            f"polled every 10 ms until the new title showed (giving up after {pub['timeout_seconds']} s). The "
            f"publish call itself took {pub['publish_call_seconds']:.2f} s.",
            "",
            "| through | visible after s | polls | answers before it showed |",
            "| --- | ---: | ---: | --- |",
            *(
                f"| {name} | {fmt(seconds, 2) if seconds is not None else 'never'} | {pub['polls'].get(name)} | "
                + ", ".join(
                    f"{status}: {n}" for status, n in (pub.get("answers_before_visible") or {}).get(name, {}).items()
                )
                + " |"
                for name, seconds in pub["visible_after_seconds"].items()
            ),
        ]
    lines += ["", "## Response samples", "", "| scenario | status | headers |", "| --- | --- | --- |"]
    for key, r in s.items():
        if not (sample := r.get("sample")):
            continue
        headers = "; ".join(f"{k}: {v}" for k, v in (sample.get("headers") or {}).items())
        lines.append(f"| {key} | {sample.get('status', '')} | {headers.replace('|', '/')} |")
    if report.get("steps_s"):
        lines += ["", "Setup steps (s): " + ", ".join(f"{k} {v}" for k, v in report["steps_s"].items()) + "."]
    notes = list(report["notes"])
    busy = {key: r["other_cores"] for key, r in s.items() if (r.get("other_cores") or 0) > OTHER_LOAD_NOTE}
    if busy:
        notes.append(
            "Processes this run did not start used CPU during these scenarios (cores, of "
            f"{machine.get('cpus')}): {busy}; their numbers are lower than on an idle machine."
        )
    if notes:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in notes]
    return "\n".join(lines) + "\n"


def render_only() -> int:
    """Rewrite report.md from report.json (after a change to the report's layout; the numbers stay)."""
    report = json.loads((RESULTS / "report.json").read_text())
    (RESULTS / "report.md").write_text(render_markdown(report))
    print(RESULTS / "report.md")
    return 0


def write_report(report: dict, *, failed: bool) -> None:
    report["targets"] = evaluate(report)
    target = WORK if failed else RESULTS
    target.mkdir(parents=True, exist_ok=True)
    stem = "report-failed" if failed else "report"
    slim = json.loads(json.dumps(report, default=str))
    for result in slim.get("scenarios", {}).values():
        result["raw"] = result.get("raw", "").strip().splitlines()
    (target / f"{stem}.json").write_text(json.dumps(slim, indent=2, ensure_ascii=False) + "\n")
    (target / f"{stem}.md").write_text(render_markdown(report))


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        sys.exit(1)
