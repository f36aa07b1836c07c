"""The country a beacon came from, looked up in a MaxMind-format country database (``TRIBUNE_GEOIP_DATABASE``:
GeoLite2-Country, DB-IP's free country lite, or any .mmdb with ``country.iso_code``) when the beacon arrives. The
address is used for the look-up only: what is counted is the two-letter code.

Each process opens the file once (memory-mapped, a look-up takes a few microseconds). A file that is missing or
unreadable is logged once per process and its views are counted under the unknown country, so a wrong path shows
on the dashboard instead of failing beacons."""

import logging
import threading

import maxminddb

from . import conf

logger = logging.getLogger(__name__)
UNKNOWN = ""

_readers: dict[str, maxminddb.Reader | None] = {}
_lock = threading.Lock()


def _reader(path: str) -> maxminddb.Reader | None:
    if path in _readers:
        return _readers[path]
    with _lock:
        if path not in _readers:
            try:
                _readers[path] = maxminddb.open_database(path)
            except (OSError, ValueError, maxminddb.InvalidDatabaseError) as error:
                logger.warning("GeoIP database %s unreadable, views counted without a country: %s", path, error)
                _readers[path] = None
    return _readers[path]


def country_of(address: str) -> str | None:
    """The ISO code of ``address``'s country; ``""`` when the database has none for it (a private address) or cannot
    be read; None when no database is configured (countries are not counted at all)."""
    path = conf.geoip_database()
    if not path:
        return None
    reader = _reader(path)
    if reader is None or not address:
        return UNKNOWN
    try:
        record = reader.get(address)
    except ValueError:  # not an address
        return UNKNOWN
    if not isinstance(record, dict):
        return UNKNOWN
    # An address some network announces far from where it is registered may have only its registered country.
    place = record.get("country") or record.get("registered_country") or {}
    code = place.get("iso_code") if isinstance(place, dict) else None
    return code.upper() if isinstance(code, str) and len(code) == 2 and code.isalpha() else UNKNOWN


def forget_readers() -> None:
    """Close the open databases (a test that replaces the file; a deployment restarts its processes instead)."""
    with _lock:
        for reader in _readers.values():
            if reader is not None:
                reader.close()
        _readers.clear()
