"""The interface catalogues stay complete, and no English interface text leaks into another language's pages.

Every catalogue in ``tribune/locale/<lang>/LC_MESSAGES/django.po`` is checked against a fresh extraction of the
code (``makemessages`` into a temporary directory), so a string marked in the code but missing from a catalogue
fails here, as does a message left empty or fuzzy. The leak test renders the main reader pages and the emails in
each language that has a catalogue and looks for the English wording of the catalogue's messages in what readers
see. The content of the test site is written in Hindi, so any English found is interface text.
"""

import datetime
import os
import re
import types
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from allauth.account.models import EmailAddress

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import timezone, translation

from tribune.discussion import services as discussion
from tribune.newsroom.services import home_page_ensure, section_ensure

from .factories import UserFactory, make_article, make_contributor, paragraph

LOCALE_DIR = Path(settings.BASE_DIR) / "tribune" / "locale"
# What the documented command leaves out (README: "Translating the interface"); tests' own strings are not shown.
EXTRACTION_IGNORES = [".venv", "node_modules", "bench", "tests"]


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def catalogued_languages() -> list[str]:
    """Every language with an interface catalogue, other than the default one (whose text is the msgids)."""
    found = sorted(path.parent.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/django.po"))
    return [language for language in found if language != settings.LANGUAGE_CODE]


LANGUAGES = catalogued_languages()


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[tuple[str | None, str]]:
    """The messages the code marks today: ``makemessages`` with its output redirected to a temporary directory."""
    out, working_directory = tmp_path_factory.mktemp("locale"), os.getcwd()
    os.chdir(settings.BASE_DIR)  # makemessages reads the tree it is run in
    try:
        with override_settings(LOCALE_PATHS=[str(out)]):
            # "locale" too: makemessages would otherwise write beside the catalogues it finds, not into ``out``.
            ignores = [*EXTRACTION_IGNORES, "locale"]
            call_command("makemessages", locale=["xx"], ignore_patterns=ignores, keep_pot=True, verbosity=0)
    finally:
        os.chdir(working_directory)
    return {_key(entry) for entry in polib.pofile(str(out / "django.pot"))}


def test_every_enabled_language_other_than_the_default_has_a_catalogue():
    enabled = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    assert [code for code in enabled if not catalogue_path(code).exists()] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_has_every_message_the_code_marks(language, extracted):
    catalogue = {_key(entry) for entry in polib.pofile(str(catalogue_path(language)))}
    missing = sorted(msgid for _context, msgid in extracted - catalogue)
    assert missing == [], f"run `manage.py makemessages -l {language} ...` and translate: {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_in_the_catalogue_is_translated_and_none_is_fuzzy(language):
    catalogue = polib.pofile(str(catalogue_path(language)))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert (untranslated, fuzzy) == ([], [])


# Leaks


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")


def _squash(text: str) -> str:
    return " ".join(text.split())


def english_patterns(language: str) -> dict[str, re.Pattern]:
    """For each English message of two or more words that the catalogue translates differently: a pattern finding
    it in visible text (tags dropped, placeholders matching anything)."""
    patterns = {}
    for entry in polib.pofile(str(catalogue_path(language))):
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for english in filter(None, [entry.msgid, entry.msgid_plural]):
            if english in translations:
                continue
            visible = _squash(TAG.sub(" ", english))
            literal = PLACEHOLDER.sub(" ", visible)
            if len(WORD.findall(literal)) < 2:
                continue
            parts = [re.escape(part) for part in PLACEHOLDER.split(visible)]
            patterns[english] = re.compile(r"\s*.+?\s*".join(parts).replace(r"\ ", r"\s*"))
    return patterns


def leaks(text: str, language: str) -> list[str]:
    text = _squash(text)
    return sorted(english for english, pattern in english_patterns(language).items() if pattern.search(text))


class VisibleText(HTMLParser):
    """What a reader sees or hears: text outside scripts and styles, and the labels screen readers announce."""

    SHOWN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self.hidden_depth += 1
        attributes = dict(attrs)
        self.parts += [value for name, value in attrs if name in self.SHOWN_ATTRIBUTES and value]
        if tag == "input" and attributes.get("type") in {"submit", "button"} and attributes.get("value"):
            self.parts.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"} and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_data(self, data):
        if not self.hidden_depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return _squash(" ".join(parser.parts))


def _translation_of(language: str, english: str) -> str:
    with translation.override(language):
        return translation.gettext(english)


@pytest.fixture
def edition(settings, language):
    """``language`` enabled beside the default one, for the ``/<language>/`` prefix (whatever the settings say)."""
    compiled = catalogue_path(language).with_suffix(".mo")
    assert compiled.exists() and compiled.stat().st_mtime >= catalogue_path(language).stat().st_mtime, (
        f"{compiled} is missing or older than its catalogue: run `make install` (it compiles the catalogues)"
    )
    enabled = dict(settings.LANGUAGES)
    enabled.setdefault(language, LANG_INFO[language]["name_local"])
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = list(enabled.items())
    return language


@pytest.fixture
def hindi_site(db):
    """A site whose every piece of content is Hindi, with a discussion: English on its pages is interface text."""
    home = home_page_ensure(title="ट्रिब्यून", tagline="विशेषज्ञों की नज़र से")
    section = section_ensure(home=home, slug="vishleshan", title="विश्लेषण", tagline="सुर्ख़ियों से आगे")
    expert = make_contributor(
        slug="meera-rao", name="मीरा राव", role="शोधकर्ता", affiliation="दिल्ली संस्थान", short_bio="चुनावों पर लिखती हैं।"
    )
    article = make_article(
        section,
        slug="chunav",
        title="चुनाव का नया नक्शा",
        standfirst="मतदाताओं की बदलती पसंद पर एक नज़र।",
        body=[paragraph("गाँवों और शहरों में मतदान का ढंग बदल रहा है। " * 10)],
        contributors=[expert],
        topics=["chunav"],
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    staff = UserFactory(username="sampadak", display_name="सम्पादक", email="sampadak@example.org", is_superuser=True)
    reader = UserFactory(username="pathak", display_name="पाठक", email="pathak@example.org")
    for user in (staff, reader):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    first = discussion.comment_post(article=article, author=staff, body="बहुत अच्छा विश्लेषण।")
    discussion.comment_post(article=article, author=reader, body="मैं सहमत हूँ।", parent=first)
    return types.SimpleNamespace(home=home, section=section, article=article, expert=expert, reader=reader)


def reader_pages(site, language):
    prefix = f"/{language}"
    return {
        "home": (f"{prefix}/", 200),
        "section": (f"{prefix}{site.section.url}", 200),
        "article": (f"{prefix}{site.article.url}", 200),
        "expert directory": (f"{prefix}/experts/", 200),
        "expert": (f"{prefix}/experts/{site.expert.slug}/", 200),
        "search": (f"{prefix}/search/?q=चुनाव", 200),
        "search without results": (f"{prefix}/search/?q=zzzqqq", 200),
        "login": (f"{prefix}/accounts/login/", 200),
        "signup": (f"{prefix}/accounts/signup/", 200),
        "not found": (f"{prefix}/no-such-page/", 404),
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in reader"])
def test_reader_pages_show_no_english_interface_text(client, edition, hindi_site, language, signed_in):
    if signed_in:
        client.force_login(hindi_site.reader)
    search_label = _translation_of(language, "Search")
    assert search_label != "Search"
    found = {}
    for name, (path, status) in reader_pages(hindi_site, language).items():
        if signed_in and name in {"login", "signup"}:
            continue  # they redirect a signed-in reader
        response = client.get(path)
        assert response.status_code == status, name
        text = visible_text(response.content.decode())
        assert search_label in text, f"{name} was not rendered in {language}"
        if page_leaks := leaks(text, language):
            found[name] = page_leaks
    assert found == {}


def _person(name):
    return types.SimpleNamespace(get_full_name=name, username=name)


def email_contexts():
    pitch = types.SimpleNamespace(
        working_title="शीर्षक",
        author=_person("लेखक"),
        section=types.SimpleNamespace(title="विश्लेषण"),
        expected_length=900,
        summary="सारांश",
        status="accepted",
        get_status_display="स्वीकृत",
    )
    shared = {
        "object": "लेख",
        "reviewer": _person("समीक्षक"),
        "submitter": _person("लेखक"),
        "task": types.SimpleNamespace(name="समीक्षा"),
        "live_url": "https://example.org/lekh/",
        "link": "https://example.org/admin/",
        "comment": types.SimpleNamespace(author_name="पाठक", article=types.SimpleNamespace(title="लेख"), body="जवाब"),
        "message": "संदेश",
        "invitation": types.SimpleNamespace(name="मीरा", invited_by=_person("संपादक"), expires_at=timezone.now()),
        "pending": 3,
        "reported": 2,
        "email": "pathak@example.org",
        "password_reset_url": "https://example.org/reset/",
        "site_name": "ट्रिब्यून",
    }
    for status in ("accepted", "declined", "question"):
        yield {**shared, "pitch": types.SimpleNamespace(**{**vars(pitch), "status": status})}


EMAIL_TEMPLATES = sorted(
    str(path.relative_to(path.parents[2]))
    for path in (Path(settings.BASE_DIR) / "tribune").glob("*/templates/*/email/*.txt")
)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", EMAIL_TEMPLATES)
def test_emails_show_no_english_interface_text(language, template):
    with translation.override(language):
        texts = [render_to_string(template, context) for context in email_contexts()]
    assert [leaks(text, language) for text in texts] == [[]] * len(texts)
    with translation.override(settings.LANGUAGE_CODE):
        english = render_to_string(template, next(email_contexts()))
    assert texts[0] != english, f"{template} rendered the same in {language} as in English"


def test_the_leak_finder_sees_english_interface_text_in_a_page():
    html = '<p>Nav <a href="/x">Log in</a> or <button aria-label="Sort comments">↕</button></p><p>Page 2 of 7</p>'
    assert {"Sort comments", "Page %(number)s of %(total)s"} <= set(leaks(visible_text(html), "hi"))
