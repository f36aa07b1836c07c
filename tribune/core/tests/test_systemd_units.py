"""The systemd units in deploy/systemd run the project's own commands, restart on failure and are hardened; systemd
itself accepts them where its tools are installed."""

import configparser
import getpass
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from django.conf import settings
from django.core.management import get_commands

CHECKOUT = "/srv/tribune"  # where the units expect the project
UNITS_DIR = Path(settings.BASE_DIR) / "deploy" / "systemd"
UNITS = {
    "tribune-web.service": ["deploy/serve"],
    "tribune-worker.service": [".venv/bin/python", "manage.py", "db_worker", "--queue-name", "*"],
    "tribune-scheduler.service": [".venv/bin/python", "manage.py", "run_scheduler"],
}


def parse(name: str) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(interpolation=None, strict=True)
    unit.optionxform = str  # systemd's keys are case-sensitive
    unit.read_string((UNITS_DIR / name).read_text())
    return unit


def in_checkout(argument: str) -> str:
    """An absolute path under /srv/tribune made relative to the checkout; anything else as it is."""
    return argument.removeprefix(CHECKOUT + "/")


@pytest.mark.parametrize(("name", "command"), UNITS.items())
def test_each_unit_runs_the_projects_own_command(name, command):
    service = parse(name)["Service"]
    arguments = [in_checkout(argument) for argument in shlex.split(service["ExecStart"])]

    assert arguments == command
    assert service["ExecStart"].startswith(CHECKOUT + "/"), "systemd needs an absolute executable"
    assert service["WorkingDirectory"] == CHECKOUT
    executable = Path(settings.BASE_DIR) / arguments[0]
    if arguments[0] == "deploy/serve":
        assert os.access(executable, os.X_OK)
        assert "granian" in executable.read_text()
    else:
        assert (Path(settings.BASE_DIR) / arguments[1]).is_file()
        assert arguments[2] in get_commands()  # a management command this project (or an installed app) provides


@pytest.mark.parametrize("name", UNITS)
def test_each_unit_restarts_and_is_hardened(name):
    unit = parse(name)
    service = unit["Service"]

    assert service["Restart"] == "always"
    assert service["RestartSec"] in ("1s", "2s")
    assert "StartLimitIntervalSec" in unit["Unit"]
    assert service["EnvironmentFile"] == "/etc/tribune/tribune.env"
    assert service["NoNewPrivileges"] == "yes"
    assert service["ProtectSystem"] == "strict"
    assert service["ReadWritePaths"].split() == [f"{CHECKOUT}/var"]  # media, page-cache files, the read-only flag
    assert service["User"] == "tribune"
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_worker_and_scheduler_never_stop_restarting_and_the_web_server_stops_on_a_crash_loop():
    assert parse("tribune-worker.service")["Unit"]["StartLimitIntervalSec"] == "0"
    assert parse("tribune-scheduler.service")["Unit"]["StartLimitIntervalSec"] == "0"
    web = parse("tribune-web.service")["Unit"]
    assert (int(web["StartLimitIntervalSec"]), int(web["StartLimitBurst"])) == (120, 10)


def test_background_work_yields_the_processors_to_the_web_server():
    """A newsletter to every subscriber must not slow pages: the worker runs at a lower priority than the web server
    (the bench's "cold article while a newsletter sends" runs the send at the worker's Nice=)."""
    web, worker = parse("tribune-web.service")["Service"], parse("tribune-worker.service")["Service"]

    assert int(worker["Nice"]) > int(web.get("Nice", "0"))
    assert int(worker["CPUWeight"]) < int(web.get("CPUWeight", "100"))
    assert int(worker["IOWeight"]) < int(web.get("IOWeight", "100"))


def test_the_example_environment_names_production_settings():
    example = (UNITS_DIR / "tribune.env.example").read_text()

    assert "DJANGO_SETTINGS_MODULE=tribune.settings.production" in example.splitlines()


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units(tmp_path):
    # Pointed at this checkout and the current user, so systemd can check that every path and the user exist.
    environment_file = tmp_path / "tribune.env"
    environment_file.write_text((UNITS_DIR / "tribune.env.example").read_text())
    user = getpass.getuser()
    for name in UNITS:
        text = (UNITS_DIR / name).read_text().replace(CHECKOUT, str(settings.BASE_DIR))
        text = text.replace("/etc/tribune/tribune.env", str(environment_file))
        text = text.replace("User=tribune", f"User={user}").replace("Group=tribune", f"Group={user}")
        (tmp_path / name).write_text(text)

    done = subprocess.run(  # noqa: S603 - fixed arguments
        [shutil.which("systemd-analyze"), "verify", *(str(tmp_path / name) for name in UNITS)],
        capture_output=True,
        text=True,
        check=False,
    )

    # systemd-analyze exits 0 for unknown keys and unparsable values, only saying so: any line about our units fails.
    problems = [line for line in done.stderr.splitlines() if str(tmp_path) in line]
    assert done.returncode == 0 and not problems, done.stderr
