"""Real outages for one request: the default database connection pointed where nothing answers.

PostgreSQL: a loopback port nobody listens on, so the driver's connection is refused. SQLite: a file in a folder that
does not exist (an unmounted volume), which SQLite cannot open. (Making a file unreadable proves nothing here: the
tests may run as root.) The test's own connection, with its transaction, is put back afterwards.
"""

import contextlib
import copy
import socket
import tempfile
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def database_down():
    working = connections[DEFAULT_DB_ALIAS]
    settings_dict = copy.deepcopy(working.settings_dict)
    if working.vendor == "postgresql":
        settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", str(unused_port())
        settings_dict["CONN_HEALTH_CHECKS"] = False
    else:
        missing_folder = Path(tempfile.gettempdir()) / f"tribune-unmounted-{unused_port()}"
        assert not missing_folder.exists()
        settings_dict["NAME"] = str(missing_folder / "db.sqlite3")
    broken = working.__class__(settings_dict, alias=DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = broken
    try:
        yield
    finally:
        broken.close()
        connections[DEFAULT_DB_ALIAS] = working
