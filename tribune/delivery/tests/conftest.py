import pytest

from tribune.delivery import page_cache


@pytest.fixture
def page_cache_on(settings):
    """The page cache as production runs it (tests run with it off unless they ask)."""
    settings.TRIBUNE_PAGE_CACHE_SECONDS = 600
    settings.TRIBUNE_PAGE_CACHE_RECHECK_SECONDS = 0  # see every publish at once; the delay has its own test
    page_cache.local.clear()
    yield settings
    page_cache.local.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a change schedules for after its commit, as a real request would."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


from tribune.analysis.tests.conftest import publish, save_draft  # noqa: E402, F401 - the analysis tests' fixtures
from tribune.discussion.tests.conftest import config  # noqa: E402, F401 - the discussion's own settings fixture
