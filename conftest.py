# Shared fixtures live in tests/fixtures.py so every app's tests can use them.
from pathlib import Path

pytest_plugins = ["tests.fixtures", "tests.smtp", "tests.live_server"]

BROWSER_TESTS = Path(__file__).resolve().parent / "tests" / "browser"


def pytest_collection_modifyitems(items):
    """Browser tests run first. They are the suite's longest files, and pytest-xdist hands whole files to its workers
    in collection order (``--dist loadfile``): collected last, as their place in the tree would have them, a long one
    started near the end keeps one worker busy while the other has nothing left to do."""
    items.sort(key=lambda item: not item.path.is_relative_to(BROWSER_TESTS))
