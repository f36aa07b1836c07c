"""The self-hosted fonts: Tribune's own Latin faces on every page, and the faces of editions whose script the system
fonts may render poorly, Devanagari and Cyrillic.

Latin is the house type (Noto Serif to read and for headlines, Noto Sans for the interface), on every edition's
pages and only for Latin characters; a Latin face that misses the page's first moments is not swapped in
(``optional``: the system's fallback is drawn and the text never moves; the next page has it from the cache), and an
English page preloads the faces of its first view. Each other script has its own font families, used only on pages
of its languages (``html:lang(hi)``) and only for its characters (``unicode-range``): an English page downloads
none of them; only the language switcher's "हिंदी" takes a small face of language names (``LANGUAGE_NAMES``).
Each page preloads the faces it needs first (body text and headings). How a face that arrives late is treated
depends on the script: Cyrillic is ``font-display: optional`` (every system font draws Cyrillic, so a face missing
the first moments of the page is not swapped in and the text never moves; the next page has it from the cache),
Devanagari is ``swap`` (a system may have no Devanagari font at all, and a face skipped for that page would leave
its text as empty boxes, so a late face is always swapped in).
``build_fonts.py`` beside this file makes the files and their ``@font-face`` rules from these definitions.
"""

from dataclasses import dataclass

STATIC_DIR = "frontend/fonts"


@dataclass(frozen=True)
class Script:
    name: str
    languages: tuple[str, ...]  # empty: every page (the house Latin faces)
    # Code point ranges, inclusive: the script and the punctuation and signs its text uses with it.
    ranges: tuple[tuple[int, int], ...]
    # "optional" where the system's fonts draw the script anyway; "swap" where they may not draw it at all.
    font_display: str

    @property
    def unicode_range(self) -> str:
        return ", ".join(f"U+{start:04X}" if start == end else f"U+{start:04X}-{end:04X}" for start, end in self.ranges)


@dataclass(frozen=True)
class Face:
    script: Script
    role: str  # "sans" (body text) or "serif" (headings), the stylesheet's --sans and --serif
    weight: int
    source: str  # a file of Debian's fonts-noto-core (SIL Open Font License 1.1)
    preload: bool  # what a page shows first: body text and headings
    style: str = "normal"  # or "italic"

    @property
    def family(self) -> str:
        return f"Tribune {self.role.title()} {self.script.name.title()}"

    @property
    def static_path(self) -> str:
        italic = "italic" if self.style == "italic" else ""
        return f"{STATIC_DIR}/tribune-{self.role}-{self.script.name}-{self.weight}{italic}.woff2"


DEVANAGARI = Script(
    name="devanagari",
    languages=("hi",),
    ranges=(
        (0x0020, 0x0023),  # space and the Latin punctuation and digits Hindi text is written with
        (0x0025, 0x0025),
        (0x0027, 0x003F),
        (0x005B, 0x005F),
        (0x007B, 0x007E),
        (0x00A0, 0x00A0),
        (0x00AD, 0x00AD),
        (0x00D7, 0x00D7),
        (0x0900, 0x097F),  # Devanagari
        (0x1CD0, 0x1CFF),  # Vedic extensions
        (0x200C, 0x200D),  # zero-width non-joiner and joiner, which change how conjuncts are drawn
        (0x2010, 0x2027),  # dashes, quotation marks, ellipsis
        (0x20B9, 0x20B9),  # rupee sign
        (0x25CC, 0x25CC),  # dotted circle, the base of a lone vowel sign
        (0xA8E0, 0xA8FF),  # Devanagari extended
    ),
    font_display="swap",
)
CYRILLIC = Script(
    name="cyrillic",
    languages=("ru",),
    ranges=(
        (0x00AB, 0x00AB),  # « », Russian quotation marks
        (0x00BB, 0x00BB),
        (0x0301, 0x0301),  # combining acute, the stress mark of dictionaries and textbooks
        (0x0400, 0x052F),  # Cyrillic and its supplement
        (0x2013, 0x2014),  # en and em dash
        (0x2116, 0x2116),  # numero sign
    ),
    font_display="optional",
)
LATIN = Script(
    name="latin",
    languages=(),
    ranges=(
        (0x0020, 0x007E),  # Basic Latin
        (0x00A0, 0x017F),  # Latin-1 and Latin Extended-A: the names of experts from most of Europe and Africa
        (0x0192, 0x0192),
        (0x0218, 0x021B),  # Romanian s and t with comma
        (0x02BB, 0x02BC),  # modifier apostrophes (Hawaiian, Uzbek)
        (0x02C6, 0x02C6),
        (0x02DA, 0x02DC),
        (0x2000, 0x206F),  # general punctuation: dashes, quotation marks, ellipsis, thin spaces
        (0x20AC, 0x20AC),  # euro sign
        (0x2122, 0x2122),
        (0x2212, 0x2212),  # minus sign
    ),
    font_display="optional",
)
SCRIPTS = (DEVANAGARI, CYRILLIC)  # the scripts of particular editions; LATIN is every page's

FACES = (
    # Above the fold on an English page: headlines (serif bold) and the interface and card text (sans regular).
    Face(LATIN, "serif", 700, "NotoSerif-Bold.ttf", preload=True),
    Face(LATIN, "sans", 400, "NotoSans-Regular.ttf", preload=True),
    Face(LATIN, "sans", 700, "NotoSans-Bold.ttf", preload=False),
    Face(LATIN, "serif", 400, "NotoSerif-Regular.ttf", preload=False),
    Face(LATIN, "serif", 400, "NotoSerif-Italic.ttf", preload=False, style="italic"),
    Face(DEVANAGARI, "sans", 400, "NotoSansDevanagari-Regular.ttf", preload=True),
    # Every Devanagari face is preloaded: a Hindi page uses all four in its first view (navigation and buttons are
    # bold sans, article text regular serif), and a face fetched early is there before the first paint, so "swap"
    # rarely has anything to swap and the text does not move.
    Face(DEVANAGARI, "sans", 700, "NotoSansDevanagari-Bold.ttf", preload=True),
    Face(DEVANAGARI, "serif", 400, "NotoSerifDevanagari-Regular.ttf", preload=True),
    Face(DEVANAGARI, "serif", 700, "NotoSerifDevanagari-Bold.ttf", preload=True),
    Face(CYRILLIC, "sans", 400, "NotoSans-Regular.ttf", preload=True),
    Face(CYRILLIC, "sans", 700, "NotoSans-Bold.ttf", preload=False),
    Face(CYRILLIC, "serif", 400, "NotoSerif-Regular.ttf", preload=False),
    Face(CYRILLIC, "serif", 700, "NotoSerif-Bold.ttf", preload=True),
)


# The language switcher names each edition in its own language on every page, "हिंदी" on an English page too, where
# no Devanagari face is loaded and a system without a Devanagari font would draw empty boxes. This face holds only the
# glyphs of the Devanagari names of languages (Django's list, both spellings of Hindi): a few kilobytes, fetched only
# by a page that shows one of them, and only the switcher uses it.
LANGUAGE_NAMES_TEXT = "हिंदी हिन्दी मराठी नेपाली संस्कृत कोंकणी मैथिली डोगरी बोडो"
LANGUAGE_NAMES = Face(DEVANAGARI, "names", 700, "NotoSansDevanagari-Bold.ttf", preload=False)


# Wagtail's admin draws with the system's fonts, in which a machine may have no Devanagari: the Hindi edition's titles
# and section names would be boxes to its editors. The admin's font stack starts with the Devanagari sans faces under
# a range of the script's own letters only (not the Latin punctuation and digits the edition's pages draw with them),
# so they draw nothing else and a screen without Devanagari fetches nothing.
ADMIN_FONTS_CSS = "frontend/css/admin_fonts.css"
ADMIN_FAMILY = "Tribune Admin Devanagari"
ADMIN_RANGES = ((0x0900, 0x097F), (0x1CD0, 0x1CFF), (0x200C, 0x200D), (0x25CC, 0x25CC), (0xA8E0, 0xA8FF))
WAGTAIL_ADMIN_SANS = (
    '-apple-system, BlinkMacSystemFont, "Segoe UI", system-ui, Roboto, "Helvetica Neue", Arial, sans-serif, '
    '"Apple Color Emoji", "Segoe UI Emoji", "Segoe UI Symbol", "Noto Color Emoji"'
)


def admin_stylesheet() -> str:
    """The admin's font rules: the Devanagari sans faces for Devanagari letters, ahead of Wagtail's own stack."""
    unicode_range = ", ".join(
        f"U+{start:04X}" if start == end else f"U+{start:04X}-{end:04X}" for start, end in ADMIN_RANGES
    )
    faces = [face for face in FACES if face.role == "sans" and face.script == DEVANAGARI]
    rules = [
        "/* Written by tribune/frontend/fonts/build_fonts.py from tribune/frontend/fonts/. */",
        *(
            f'@font-face {{ font-family: "{ADMIN_FAMILY}"; font-style: normal; font-weight: {face.weight}; '
            f"font-display: swap; "
            f'src: url("../fonts/{face.static_path.rsplit("/", 1)[1]}") format("woff2"); '
            f"unicode-range: {unicode_range}; }}"
            for face in faces
        ),
        f':root {{ --w-font-sans: "{ADMIN_FAMILY}", {WAGTAIL_ADMIN_SANS}; }}',
    ]
    return "\n".join(rules) + "\n"


def script_for(language_code: str | None) -> Script | None:
    language = (language_code or "").split("-")[0]
    return next((script for script in SCRIPTS if language in script.languages), None)


def preloaded_paths(language_code: str | None) -> list[str]:
    """Static paths of the fonts a page in this language preloads: its script's first-view faces (Latin's for a
    language without a script of its own); and on the pages
    of other scripts, when the outlet has a Devanagari edition, the small face of language names, which the switcher
    shows at the top of every page (fetched anyway; preloaded, it is there before the first paint and the header
    does not move when it arrives)."""
    from django.conf import settings

    script = script_for(language_code) or LATIN
    paths = [face.static_path for face in FACES if face.script == script and face.preload]
    if script != DEVANAGARI and any(script_for(code) == DEVANAGARI for code, _name in settings.LANGUAGES):
        paths.append(LANGUAGE_NAMES.static_path)
    return paths
