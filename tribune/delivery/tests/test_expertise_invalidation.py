"""An area of expertise is shown by name on the profiles that carry it and in the directory, in every edition:
renaming or translating it forgets those stored pages, and nothing else."""

import pytest

from tests.factories import make_contributor
from tribune.contributors.models import Expertise
from tribune.delivery import invalidation
from tribune.delivery.page_cache import HEADER

pytestmark = pytest.mark.usefixtures("page_cache_on")


@pytest.fixture
def expert(db):
    expert = make_contributor(slug="meera-iyer", name="Meera Iyer", expertise=["trade policy"])
    make_contributor(slug="lone-voice", name="Lone Voice")  # carries no area
    return expert


def test_an_areas_paths_are_its_profiles_and_the_directory_in_every_edition(expert):
    paths = invalidation.expertise_paths(Expertise.objects.get(slug="trade-policy"))

    assert paths == {
        f"{prefix}{page}" for prefix in ("", "/hi", "/ru") for page in ("/experts/", "/experts/meera-iyer/")
    }


def test_translating_an_area_forgets_the_stored_profiles_which_then_name_it_in_the_edition(client, committed, expert):
    for path in ("/hi/experts/meera-iyer/", "/hi/experts/", "/experts/lone-voice/"):
        client.get(path)
        assert client.get(path)[HEADER] == "hit"
    area = Expertise.objects.get(slug="trade-policy")
    area.translations = {"hi": {"name": "व्यापार नीति"}}

    committed(area.save)

    profile = client.get("/hi/experts/meera-iyer/")
    assert profile[HEADER] == "miss" and "व्यापार नीति" in profile.content.decode()
    assert client.get("/hi/experts/")[HEADER] == "miss"
    assert client.get("/experts/lone-voice/")[HEADER] == "hit"  # a profile without the area is kept
