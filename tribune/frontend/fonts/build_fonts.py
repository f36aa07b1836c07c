"""Build the self-hosted fonts: subset WOFF2 files, their licence, and their @font-face rules in tribune.css.

The sources are Noto fonts from Debian's ``fonts-noto-core`` (SIL Open Font License 1.1); the tools are
requirements-dev.txt's ``fonttools`` and ``brotli``. The outputs are committed, so only a change of the faces or
ranges in ``tribune/frontend/fonts/__init__.py`` needs a rebuild:

    apt-get install fonts-noto-core
    .venv/bin/python tribune/frontend/fonts/build_fonts.py
"""

import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

if __package__ in {None, ""}:  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tribune.frontend.fonts import (
    ADMIN_FONTS_CSS,
    FACES,
    LANGUAGE_NAMES,
    LANGUAGE_NAMES_TEXT,
    LATIN,
    SCRIPTS,
    Face,
    admin_stylesheet,
)

SOURCE_DIR = Path("/usr/share/fonts/truetype/noto")
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-core/copyright")
STATIC_ROOT = Path(__file__).resolve().parents[1] / "static"
STYLESHEET = STATIC_ROOT / "frontend" / "css" / "tribune.css"
LICENCE = STATIC_ROOT / "frontend" / "fonts" / "OFL.txt"
ADMIN_STYLESHEET = STATIC_ROOT / ADMIN_FONTS_CSS
CSS_BEGIN = "/* fonts: begin (written by tribune/frontend/fonts/build_fonts.py from tribune/frontend/fonts/) */"
CSS_END = "/* fonts: end */"


def subset_face(face: Face, text: str = "") -> set[int]:
    """Write the face's WOFF2 file, with its script's ranges or only the characters of ``text``; return the code
    points it covers."""
    font = TTFont(SOURCE_DIR / face.source, recalcTimestamp=False)  # the same sources give the same files
    available = set(font.getBestCmap())
    if text:
        wanted = {ord(char) for char in text if not char.isspace()} & available
    else:
        wanted = {code for start, end in face.script.ranges for code in range(start, end + 1)} & available
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # every shaping feature: conjuncts, matras and nukta need them
    options.hinting = False  # browsers on high-density screens ignore hints; they weigh a third of the file
    options.name_IDs = ["*"]  # keep the copyright and licence records
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    target = STATIC_ROOT / face.static_path
    target.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff2"
    font.save(target)
    return wanted


def font_face_rule(face: Face) -> str:
    return (
        f'@font-face {{ font-family: "{face.family}"; font-style: {face.style}; font-weight: {face.weight}; '
        f"font-display: {face.script.font_display}; "
        f'src: url("../fonts/{Path(face.static_path).name}") format("woff2"); '
        f"unicode-range: {face.script.unicode_range}; }}"
    )


def stylesheet_block() -> str:
    lines = [
        CSS_BEGIN,
        "/* The house Latin faces serve every page, for Latin characters only; each other script's faces serve only",
        "   its languages' pages and only its characters: English pages fetch none of them.",
        "   Latin and Cyrillic are optional (a face missing the page's first moments is not swapped in: text never",
        "   moves);",
        "   Devanagari is swap (a system may have no Devanagari font, so a late face must still come in). */",
        *(font_face_rule(face) for face in (*FACES, LANGUAGE_NAMES)),
    ]
    latin = {face.role: face.family for face in FACES if face.script == LATIN}
    lines.append(
        f':root {{ --sans: "{latin["sans"]}", var(--sans-system); --serif: "{latin["serif"]}", var(--serif-system); }}'
    )
    for script in SCRIPTS:
        selector = ", ".join(f"html:lang({language})" for language in script.languages)
        families = {face.role: face.family for face in FACES if face.script == script}
        lines.append(
            f'{selector} {{ --sans: "{families["sans"]}", "{latin["sans"]}", var(--sans-system); '
            f'--serif: "{families["serif"]}", "{latin["serif"]}", var(--serif-system); }}'
        )
    lines.append(
        f'.language-switcher :lang({LANGUAGE_NAMES.script.languages[0]}) {{ font-family: "{LANGUAGE_NAMES.family}", '
        "var(--sans); }"
    )
    lines.append(CSS_END)
    return "\n".join(lines)


def write_stylesheet_block() -> None:
    css = STYLESHEET.read_text()
    block = re.compile(re.escape(CSS_BEGIN) + r".*?" + re.escape(CSS_END), re.DOTALL)
    if block.search(css):
        css = block.sub(lambda _match: stylesheet_block(), css)
    else:
        css = css.rstrip("\n") + "\n" + stylesheet_block() + "\n"
    STYLESHEET.write_text(css)


def write_licence() -> None:
    """OFL.txt: the fonts' copyright notices and the licence text, as the OFL asks of every copy."""
    notices = sorted({TTFont(SOURCE_DIR / face.source)["name"].getDebugName(0) for face in (*FACES, LANGUAGE_NAMES)})
    text = DEBIAN_COPYRIGHT.read_text()
    stanza = text[text.index("\nLicense: OFL-1.1\n ") + len("\nLicense: OFL-1.1\n") :]
    licence_lines = []
    for line in stanza.splitlines():
        if not line.startswith(" "):
            break
        licence_lines.append("" if line.strip() == "." else line.strip())
    header = [
        "The fonts in this directory are subsets of Noto fonts (Debian package fonts-noto-core), made by",
        "tribune/frontend/fonts/build_fonts.py. Their copyright notices:",
        "",
        *notices,
        "",
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
        "",
    ]
    LICENCE.write_text("\n".join([*header, *licence_lines]) + "\n")


def main() -> None:
    for face, text in [*((face, "") for face in FACES), (LANGUAGE_NAMES, LANGUAGE_NAMES_TEXT)]:
        covered = subset_face(face, text)
        size = (STATIC_ROOT / face.static_path).stat().st_size
        print(f"{face.static_path}: {len(covered)} code points, {size:,} bytes")
    write_licence()
    write_stylesheet_block()
    ADMIN_STYLESHEET.write_text(admin_stylesheet())
    print(f"wrote {LICENCE.relative_to(STATIC_ROOT)} and the @font-face rules in {STYLESHEET.name}")


if __name__ == "__main__":
    main()
