"""``<time datetime>`` carries a value HTML accepts: ISO 8601 in whole seconds with its offset, from one filter."""

import datetime
import re
import zoneinfo
from pathlib import Path

import pytest

from django.conf import settings
from django.template import Context, Template
from django.utils import timezone

from tribune.frontend.templatetags.frontend_tags import iso_datetime

TEMPLATE_ROOT = Path(settings.BASE_DIR) / "tribune"
# A datetime attribute whose value is a template variable; it must go through iso_datetime.
DATETIME_ATTRIBUTE = re.compile(r"""datetime=["']\{\{\s*([^}]*?)\s*\}\}["']""")
# HTML's "valid global date and time string", as the Nu checker reads it (at most three digits of a second).
HTML_GLOBAL_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$")


def test_an_aware_datetime_has_whole_seconds_and_the_offset_of_the_local_time(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    moment = datetime.datetime(2026, 7, 4, 9, 30, 15, 123456, tzinfo=datetime.UTC)

    value = iso_datetime(moment)

    assert value == "2026-07-04T11:30:15+02:00"
    assert HTML_GLOBAL_DATETIME.match(value)


def test_the_value_names_the_same_instant_as_the_datetime():
    moment = timezone.now()

    parsed = datetime.datetime.fromisoformat(iso_datetime(moment))

    assert parsed == moment.replace(microsecond=0)


def test_a_date_prints_as_a_date_and_anything_else_as_nothing():
    assert iso_datetime(datetime.date(2026, 1, 31)) == "2026-01-31"
    assert iso_datetime(None) == ""
    assert iso_datetime("yesterday") == ""


def test_the_filter_works_in_a_template():
    moment = datetime.datetime(2026, 3, 1, 23, 59, 59, 999999, tzinfo=zoneinfo.ZoneInfo("UTC"))

    html = Template('{% load frontend_tags %}<time datetime="{{ moment|iso_datetime }}">').render(
        Context({"moment": moment})
    )

    assert HTML_GLOBAL_DATETIME.match(re.search(r'datetime="([^"]*)"', html).group(1)), html


TEMPLATES = sorted(TEMPLATE_ROOT.glob("*/templates/**/*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(TEMPLATE_ROOT)))
def test_every_time_element_in_the_templates_takes_its_value_from_iso_datetime(template):
    values = DATETIME_ATTRIBUTE.findall(template.read_text())

    wrong = [value for value in values if not value.endswith("|iso_datetime")]
    assert not wrong, f"{template.name}: datetime attributes not formatted by iso_datetime: {wrong}"
