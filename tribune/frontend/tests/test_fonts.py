"""Every page draws Latin text with Tribune's own subset faces; Devanagari and Cyrillic pages add their script's faces,
which English pages never fetch.

Latin faces, like Cyrillic ones, never move the text (``optional``: a late face is skipped for that page).

Cyrillic faces never move the text (``optional``: every system font draws Cyrillic anyway); Devanagari faces are
always swapped in when they arrive (``swap``: a system without a Devanagari font would otherwise show empty boxes;
``tests/browser/test_language_editions.py`` checks in Chromium that every piece of Hindi text is drawn with them).
"""

import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from django.contrib.staticfiles import finders
from django.utils import translation

from wagtail.models import Locale

from tribune.frontend.fonts import (
    ADMIN_FAMILY,
    ADMIN_FONTS_CSS,
    CYRILLIC,
    DEVANAGARI,
    FACES,
    LANGUAGE_NAMES,
    LATIN,
    admin_stylesheet,
    preloaded_paths,
)

EDITIONS = [("en", "English"), ("hi", "हिन्दी"), ("ru", "Русский")]
FONT_FACE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}")
PRELOAD = re.compile(r'<link rel="preload" href="(?P<href>[^"]+)" as="font" type="font/woff2" crossorigin>')


def stylesheet() -> str:
    return Path(finders.find("frontend/css/tribune.css")).read_text()


def font_faces(css: str | None = None) -> list[dict[str, str]]:
    faces = []
    for match in FONT_FACE.finditer(stylesheet() if css is None else css):
        declarations = (part.strip() for part in match["body"].split(";") if part.strip())
        faces.append(dict(declaration.split(":", 1) for declaration in declarations))
    return [{name.strip(): value.strip() for name, value in face.items()} for face in faces]


@pytest.fixture
def editions(settings):
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = EDITIONS
    return settings


def test_the_stylesheet_declares_every_face_with_its_script_range_and_display_policy():
    faces = {
        (face["font-family"].strip('"'), int(face["font-weight"]), face["font-style"]): face for face in font_faces()
    }

    assert set(faces) == {(face.family, face.weight, face.style) for face in (*FACES, LANGUAGE_NAMES)}
    for face in (*FACES, LANGUAGE_NAMES):
        declared = faces[(face.family, face.weight, face.style)]
        assert declared["font-display"] == {DEVANAGARI: "swap", CYRILLIC: "optional", LATIN: "optional"}[face.script]
        assert declared["unicode-range"] == face.script.unicode_range
        assert f'url("../fonts/{Path(face.static_path).name}") format("woff2")' == declared["src"]
    assert "U+0900-097F" in DEVANAGARI.unicode_range
    assert "U+0400-052F" in CYRILLIC.unicode_range


def test_only_pages_in_the_scripts_languages_use_its_faces_and_every_page_the_latin_ones():
    css = stylesheet()
    latin = '"Tribune Sans Latin", var\\(--sans-system\\)'
    assert re.search(r":root \{ --sans: " + latin + ";", css)
    assert re.search(r'html:lang\(hi\) \{ --sans: "Tribune Sans Devanagari", ' + latin + ";", css)
    assert re.search(r'html:lang\(ru\) \{ --sans: "Tribune Sans Cyrillic", ' + latin + ";", css)
    # The stylesheet's own variables name only the system stacks: the faces appear nowhere but in the fonts block.
    root = css[css.index(":root {") : css.index("}", css.index(":root {"))]
    assert "Tribune" not in root


@pytest.mark.parametrize("face", FACES, ids=lambda face: Path(face.static_path).name)
def test_each_font_file_is_a_subset_woff2_covering_its_script(face):
    path = finders.find(face.static_path)
    assert path, f"{face.static_path} is not among the static files"
    font = TTFont(path)
    covered = set(font.getBestCmap())

    assert font.flavor == "woff2"
    sample = {DEVANAGARI: "हिन्दी समाचार", CYRILLIC: "Русская служба", LATIN: "Łódź, São Paulo – “Ştiri” €5"}
    assert {ord(char) for char in sample[face.script] if not char.isspace()} <= covered
    if face.script == LATIN:
        assert ord("Ж") not in covered and ord("क") not in covered
        assert Path(path).stat().st_size < 32 * 1024
    else:
        assert ord("A") not in covered  # Latin letters are drawn by the Latin faces
        assert Path(path).stat().st_size < 80 * 1024


def test_the_language_names_face_draws_every_devanagari_language_name_and_weighs_little():
    """The switcher names Hindi (and any Devanagari-script edition an outlet adds) on every edition's pages."""
    from django.conf.locale import LANG_INFO

    font = TTFont(finders.find(LANGUAGE_NAMES.static_path))
    covered = set(font.getBestCmap())
    names = [
        info["name_local"] for info in LANG_INFO.values() if re.search(r"[\u0900-\u097f]", info.get("name_local", ""))
    ]

    assert "हिंदी" in names
    for name in [*names, "हिन्दी"]:
        assert {ord(char) for char in name} <= covered, name
    assert Path(finders.find(LANGUAGE_NAMES.static_path)).stat().st_size < 16 * 1024
    rule = re.search(
        r"\.language-switcher :lang\(hi\) \{ font-family: \"(?P<family>[^\"]+)\", var\(--sans\); \}", stylesheet()
    )
    assert rule and rule["family"] == LANGUAGE_NAMES.family
    assert (LANGUAGE_NAMES.family, 700) in {(f["font-family"].strip('"'), int(f["font-weight"])) for f in font_faces()}


def test_the_admin_puts_the_devanagari_faces_first_for_devanagari_letters_only(client, superuser):
    """Written by the build from the definitions, and linked from every admin screen."""
    css = Path(finders.find(ADMIN_FONTS_CSS)).read_text()
    assert css == admin_stylesheet()
    declared = font_faces(css)
    assert {int(face["font-weight"]) for face in declared} == {400, 700}
    for face in declared:
        assert face["unicode-range"].strip().startswith("U+0900-097F")
        assert "U+0020" not in face["unicode-range"]  # Latin spaces, digits and punctuation stay with Wagtail's fonts
        file_name = re.search(r"\.\./fonts/([^\"]+)", face["src"]).group(1)
        assert finders.find(f"frontend/fonts/{file_name}"), file_name
    assert re.search(rf'--w-font-sans: "{ADMIN_FAMILY}", -apple-system', css)

    client.force_login(superuser)
    assert f"/static/{ADMIN_FONTS_CSS}" in client.get("/admin/").content.decode()


def test_the_font_licence_is_served_beside_the_fonts():
    licence = Path(finders.find("frontend/fonts/OFL.txt")).read_text()
    assert "SIL Open Font License, Version 1.1" in licence
    assert "Copyright" in licence


@pytest.mark.parametrize("face", [face for face in FACES if face.preload], ids=lambda face: face.static_path)
def test_a_preloaded_font_is_served_from_the_sites_static_files(client, settings, face):
    settings.WHITENOISE_USE_FINDERS = True  # as in development; production serves what collectstatic gathered
    settings.WHITENOISE_AUTOREFRESH = True

    response = client.get(f"/static/{face.static_path}")

    assert response.status_code == 200
    assert response["Content-Type"] == "font/woff2"
    assert b"".join(response.streaming_content)[:4] == b"wOF2"


def test_each_language_preloads_the_faces_of_its_first_view(editions):
    names = LANGUAGE_NAMES.static_path  # the switcher's "हिंदी", on the pages of other scripts
    latin = ["frontend/fonts/tribune-serif-latin-700.woff2", "frontend/fonts/tribune-sans-latin-400.woff2"]
    assert preloaded_paths("en") == preloaded_paths(None) == [*latin, names]
    # Devanagari is swapped in when late, so every face a Hindi page shows first is fetched early: no text moves.
    assert preloaded_paths("hi") == [
        "frontend/fonts/tribune-sans-devanagari-400.woff2",
        "frontend/fonts/tribune-sans-devanagari-700.woff2",
        "frontend/fonts/tribune-serif-devanagari-400.woff2",
        "frontend/fonts/tribune-serif-devanagari-700.woff2",
    ]
    assert preloaded_paths("ru") == [
        "frontend/fonts/tribune-sans-cyrillic-400.woff2",
        "frontend/fonts/tribune-serif-cyrillic-700.woff2",
        names,
    ]
    editions.LANGUAGES = [("en", "English"), ("ru", "Русский")]  # no Devanagari edition: no face of names
    assert preloaded_paths("en") == latin


@pytest.mark.django_db
def test_the_hindi_page_preloads_its_fonts_and_the_english_page_none(client, editions, article):
    locale, _created = Locale.objects.get_or_create(language_code="hi")
    hindi = article.copy_for_translation(locale, copy_parents=True)
    hindi.title = "चुनाव के बाद की राजनीति"
    hindi.save_revision().publish()
    hindi.refresh_from_db()

    hindi_html = client.get(hindi.url).content.decode()
    english_html = client.get(article.url).content.decode()

    with translation.override("hi"):
        hindi_preloads = [match["href"] for match in PRELOAD.finditer(hindi_html)]
    assert hindi_preloads == ["/static/" + path for path in preloaded_paths("hi")]
    assert '<html lang="hi"' in hindi_html
    # The English page preloads its Latin headline and text faces and the switcher's face of language names.
    assert [match["href"] for match in PRELOAD.finditer(english_html)] == [
        "/static/" + path for path in preloaded_paths("en")
    ]
    assert "tribune-sans-devanagari" not in english_html and "tribune-serif-devanagari" not in english_html
