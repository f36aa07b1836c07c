"""The public base address (``SITE_URL``): what `make run` sets it to, how paths become absolute on it, the default
Wagtail site following it, and the system check on its form."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from django.conf import settings as django_settings

from wagtail.models import Site

from tribune.core import sites

MAKE = shutil.which("make")


def make_variable(name: str, *make_args: str, **env: str) -> str:
    """The value ``make run``'s recipes see for an environment variable, from the project's own Makefile."""
    with tempfile.NamedTemporaryFile("w", suffix=".mk", delete=False) as extra:
        extra.write(f'print-variable:\n\t@echo "$${name}"\n')
    try:
        environment = {key: value for key, value in os.environ.items() if key != name} | env
        result = subprocess.run(  # noqa: S603 - fixed program and arguments
            [MAKE, "--no-print-directory", "-f", "Makefile", "-f", extra.name, "print-variable", *make_args],
            cwd=django_settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        Path(extra.name).unlink()
    return result.stdout.strip()


@pytest.mark.skipif(MAKE is None and not os.environ.get("CI"), reason="make is not installed (CI fails instead)")
def test_make_run_publishes_links_on_the_port_it_serves_unless_site_url_is_set():
    assert make_variable("SITE_URL") == "http://127.0.0.1:8000"
    assert make_variable("SITE_URL", "PORT=8101") == "http://127.0.0.1:8101"
    assert make_variable("SITE_URL", "PORT=8101", SITE_URL="https://news.example.org") == "https://news.example.org"


@pytest.mark.parametrize(
    ("url", "absolute"),
    [
        ("/economy/piece/", "http://127.0.0.1:8101/economy/piece/"),
        ("economy/", "http://127.0.0.1:8101/economy/"),
        ("https://cdn.example.net/media/a.jpg", "https://cdn.example.net/media/a.jpg"),
        ("//cdn.example.net/media/a.jpg", "http://cdn.example.net/media/a.jpg"),
    ],
)
def test_paths_become_absolute_on_the_public_base(settings, url, absolute):
    settings.SITE_URL = "http://127.0.0.1:8101"

    assert sites.public_url(url) == absolute


def test_the_default_site_follows_site_url_and_a_site_on_that_address_is_left_alone(settings, home):
    settings.SITE_URL = "https://news.example.org"
    assert sites.default_site_sync().root_url == "https://news.example.org"

    settings.SITE_URL = "http://127.0.0.1:8101"
    Site.objects.create(hostname="127.0.0.1", port=8101, root_page=home)
    site = sites.default_site_sync()
    assert (site.hostname, site.port) == ("news.example.org", 443)


@pytest.mark.parametrize(
    ("site_url", "check_id"),
    [
        ("http://127.0.0.1:8101", None),
        ("https://news.example.org", None),
        ("news.example.org", "tribune.sites.E001"),
        ("https://news.example.org/tribune", "tribune.sites.E001"),
        ("https://news.example.org:8443", "tribune.sites.W001"),
    ],
)
def test_the_system_check_refuses_a_site_url_wagtail_cannot_build_page_addresses_on(settings, site_url, check_id):
    settings.SITE_URL = site_url

    assert [message.id for message in sites.check_site_url()] == ([check_id] if check_id else [])
