"""Fixtures shared by every test module: a site with sections, experts, and users per role."""

import pytest

from django.contrib.auth.models import Group

from tribune.newsroom.services import home_page_ensure, section_ensure

from .factories import UserFactory, make_article, make_contributor


@pytest.fixture
def home(db):
    return home_page_ensure(title="Tribune", tagline="Expert opinion and analysis")


@pytest.fixture
def section(home):
    return section_ensure(home=home, slug="analysis", title="Analysis", tagline="Beyond the headline")


@pytest.fixture
def other_section(home):
    return section_ensure(home=home, slug="opinion", title="Opinion", tagline="Arguments that matter")


@pytest.fixture
def contributor(db):
    return make_contributor(slug="amara-test", name="Amara Test", affiliation="Lagos Test Institute")


@pytest.fixture
def article(section, contributor):
    return make_article(section, contributors=[contributor], topics=["elections"])


@pytest.fixture
def article_factory(section):
    def factory(target_section=None, **fields):
        return make_article(target_section or section, **fields)

    return factory


@pytest.fixture
def reader(db):
    return UserFactory(username="reader")


@pytest.fixture
def editor(db):
    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(username="chief", is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: LocaleMiddleware leaves the language of the last request active in
    the thread, so a test that read a /hi/ page would otherwise run the next test's code in Hindi."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters, cached pages and a Redis found down (its circuit breaker, kept per process) must not leak
    from one test into the next."""
    from django.core.cache import caches

    from tribune.core import fragments
    from tribune.core.cache import reset_breakers

    reset_breakers()
    for cache in caches.all():
        cache.clear()
    fragments.local.clear()
    yield
    for cache in caches.all():
        cache.clear()
    fragments.local.clear()
