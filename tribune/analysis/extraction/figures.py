"""Figures: money, percentages, fractions, counts of people and quantities with units, each with its value.

A number is a figure only with a currency or a unit ("$1.2 billion", "12.5 per cent", "40,000 refugees",
"2 million barrels a day"): so years, durations, dates, ordinals and counts of other things are left alone without a
list of exceptions. Numbers that are part of a name ("G20", "F-16", "COVID-19") or a reference ("Resolution 2719",
"page 14") are skipped before the unit is even looked for.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from .document import Document, Span

WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a": 1,
    "an": 1,
}
MULTIPLIERS = {
    "lakh crore": Decimal(10) ** 12,
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "crore": Decimal(10) ** 7,
    "lakh": Decimal(10) ** 5,
    "bn": Decimal(10) ** 9,
    "mn": Decimal(10) ** 6,
    "tn": Decimal(10) ** 12,
    "trn": Decimal(10) ** 12,
    "m": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
    "k": Decimal(10) ** 3,
}
DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
# Currency signs and codes written before the number, longest first.
CURRENCY_PREFIXES = [
    ("US$", "USD"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("HK$", "HKD"),
    ("S$", "SGD"),
    ("NZ$", "NZD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("₹", "INR"),
    ("¥", "YEN_SIGN"),
    ("Rs.", "RUPEE"),
    ("Rs", "RUPEE"),
    ("INR", "INR"),
    ("PKR", "PKR"),
    ("NPR", "NPR"),
    ("LKR", "LKR"),
    ("USD", "USD"),
    ("EUR", "EUR"),
    ("GBP", "GBP"),
    ("CNY", "CNY"),
    ("RMB", "CNY"),
    ("Rmb", "CNY"),
    ("JPY", "JPY"),
    ("Tk", "BDT"),
    ("SAR", "SAR"),
    ("AED", "AED"),
]
# Currency words written after the number (and its multiplier).
CURRENCY_WORDS = [
    ("US dollars", "USD"),
    ("Canadian dollars", "CAD"),
    ("Australian dollars", "AUD"),
    ("Hong Kong dollars", "HKD"),
    ("dollars", "USD"),
    ("euros", "EUR"),
    ("pounds sterling", "GBP"),
    ("pounds", "GBP"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("Pakistani rupees", "PKR"),
    ("Indian rupees", "INR"),
    ("Sri Lankan rupees", "LKR"),
    ("Nepali rupees", "NPR"),
    ("Nepalese rupees", "NPR"),
    ("rupees", "RUPEE"),
    ("Saudi riyals", "SAR"),
    ("Qatari riyals", "QAR"),
    ("riyals", "SAR"),
    ("dirhams", "AED"),
    ("roubles", "RUB"),
    ("rubles", "RUB"),
    ("taka", "BDT"),
    ("yen", "JPY"),
    ("naira", "NGN"),
    ("CFA francs", "XOF"),
    ("Swiss francs", "CHF"),
    ("lira", "TRY"),
    ("rand", "ZAR"),
    ("rupiah", "IDR"),
    ("afghanis", "AFN"),
    ("tenge", "KZT"),
    ("reais", "BRL"),
]
# Quantities after the number: pattern, unit, factor applied to the value.
QUANTITY_UNITS = [
    (r"\s?(?:bpd|b/d)\b", "barrels_per_day", 1),
    (r"\s(?:barrels|bbl)(?:\s(?:a|per)\sday|/day|\sdaily)", "barrels_per_day", 1),
    (r"\s(?:barrels|bbl)\b", "barrels", 1),
    (r"(?:\s?km|-km|\s(?:kilometres|kilometers|kilometre|kilometer)|-(?:kilometre|kilometer))\b", "km", 1),
    (r"\s(?:tonnes|tons|metric tons|tonne)\b", "tonnes", 1),
    (r"\s?bcm\b", "cubic_metres", 10**9),
    (r"\s(?:cubic metres|cubic meters)\b", "cubic_metres", 1),
    (r"\s?(?:MW|megawatts)\b", "MW", 1),
    (r"\s?(?:GW|gigawatts)\b", "MW", 1000),
    (r"\s(?:hectares)\b", "hectares", 1),
]
PERCENT_UNITS = [
    (r"\s?(?:percentage points?|pct points?)", "percentage_points"),
    (r"\s?basis points?", "basis_points"),
    (r"\s?(?:%|per cent|percent)", "percent"),
]
REFERENCE_WORDS = frozenset(
    {
        "resolution",
        "section",
        "page",
        "pages",
        "table",
        "article",
        "no",
        "chapter",
        "paragraph",
        "clause",
        "item",
        "point",
        "rule",
        "part",
        "annex",
        "figure",
        "vol",
        "volume",
        "p",
        "pp",
        "line",
        "schedule",
        "act",
        "flight",
        "route",
    }
)
YEAR_WORDS = frozenset({"in", "since", "by", "until", "from", "of", "before", "after", "during", "to", "and", "till"})
NUMBER = re.compile(
    r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])"
    r"|\b(?:" + "|".join(sorted((word for word in WORD_NUMBERS if len(word) > 2), key=len, reverse=True)) + r")"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?\b"
    r"|\ban?\b(?=\s(?:thousand|million|billion|trillion)\b)",
    re.IGNORECASE,
)
RANGE_END = re.compile(r"\s?(?:-|–|to)\s?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?![\d-])")
FRACTION_WORDS = re.compile(
    r"\b(?P<count>a|one|two|three|four|five|seven|nine)[\s-](?P<part>" + "|".join(DENOMINATORS) + r")\b", re.IGNORECASE
)
SLASH_FRACTION = re.compile(r"(?<![\w/.])(?P<top>\d{1,2})/(?P<bottom>\d{1,3})(?![\w/])")
HALF = re.compile(r"\bhalf(?=\s+(?:of|the)\b)", re.IGNORECASE)
ORDINAL_BEFORE = re.compile(
    r"\b(?:first|second|third|fourth|last|next|this|the|each|every|per|latter|former|one and)\s+$", re.IGNORECASE
)
FRACTION_FOLLOWERS = frozenset(
    {
        "of",
        "in",
        "on",
        "at",
        "from",
        "to",
        "for",
        "by",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "and",
        "or",
        "but",
        "than",
        "more",
        "less",
        "now",
        "still",
        "already",
    }
)


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str
    value: int | float
    unit: str
    sentence: Span
    value_max: int | float | None = None  # the upper bound of a range ("15-20 per cent")


def as_number(value: Decimal) -> int | float:
    """An int when whole (and exact in JSON), else a float."""
    return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value)


def parse_number(written: str) -> Decimal:
    lowered = written.lower()
    if lowered[0].isdigit():
        return Decimal(written.replace(",", ""))
    if "-" in lowered:
        tens, units = lowered.split("-", 1)
        return Decimal(WORD_NUMBERS[tens] + WORD_NUMBERS[units])
    return Decimal(WORD_NUMBERS[lowered])


class FigureFinder:
    """Figures of one article; ``country_counts`` (mentions per country id) decides what "Rs" and "¥" mean."""

    def __init__(self, doc: Document, country_counts: dict[str, int], people_words: frozenset[str]):
        self.doc = doc
        self.text = doc.text
        self.country_counts = country_counts
        self.people_words = people_words
        self.people_pattern = re.compile(
            r"\s(?:(?:[A-Za-z][\w-]*)\s){0,2}?(?:"
            + "|".join(sorted(map(re.escape, people_words), key=len, reverse=True))
            + r")\b"
        )

    def figures(self) -> list[Figure]:
        found = self.fractions()
        taken = bytearray(len(self.text))  # characters already inside a figure
        for figure in found:
            taken[figure.start : figure.end] = b"\x01" * (figure.end - figure.start)
        for match in NUMBER.finditer(self.text):
            if taken[match.start()]:
                continue
            figure = self.figure_at(match)
            if figure is not None:
                found.append(figure)
                taken[figure.start : figure.end] = b"\x01" * (figure.end - figure.start)
        return sorted(found, key=lambda figure: figure.start)

    def figure_at(self, match: re.Match) -> Figure | None:
        if self.is_part_of_name(match.start(), match.end()) or self.is_reference(match.start()):
            return None
        written = match.group()
        is_digit = written[0].isdigit()
        value = parse_number(written)
        position = match.end()
        upper, position = self.range_end(position) if is_digit else (None, position)
        multiplier, position = self.multiplier_after(position, attached_ok=is_digit)
        if not is_digit and multiplier is None and written.lower() in ("a", "an"):
            return None
        if multiplier is not None:
            value *= multiplier
            upper = upper * multiplier if upper is not None else None
        if is_digit and self.text[position : position + 1].isalpha():
            return None  # "21st", "1960s", "5G"
        start = match.start()
        currency, start = self.currency_before(start)
        unit, factor, end = self.unit_after(position, currency, is_digit or multiplier is not None)
        if unit is None:
            return None
        if unit == "people" and self.looks_like_year(match, multiplier):
            return None
        return self.make(start, end, value * factor, unit, upper * factor if upper is not None else None)

    def make(self, start: int, end: int, value: Decimal, unit: str, upper: Decimal | None = None) -> Figure:
        return Figure(
            start,
            end,
            self.text[start:end],
            as_number(value),
            unit,
            self.doc.sentence_of(start),
            as_number(upper) if upper is not None else None,
        )

    def range_end(self, position: int) -> tuple[Decimal | None, int]:
        """ "15-20 per cent", "2 to 3 million": the upper number of a range, and where it ends."""
        match = RANGE_END.match(self.text, position)
        if match is None:
            return None, position
        return parse_number(match.group(1)), match.end()

    def is_part_of_name(self, start: int, end: int) -> bool:
        """ "F-16", "COVID-19", "G20", "Kambarata-1": a number glued to letters."""
        before = self.text[max(0, start - 2) : start]
        return bool(before) and (before[-1].isalpha() or (before[-1] in "-‑" and before[:1].isalpha()))

    def is_reference(self, start: int) -> bool:
        """ "Resolution 2719", "page 14", "Table 4": a number that points at something."""
        words = re.findall(r"[A-Za-z]+", self.text[max(0, start - 20) : start])
        return bool(words) and words[-1].lower() in REFERENCE_WORDS and self.text[start - 1 : start].isspace()

    def looks_like_year(self, match: re.Match, multiplier) -> bool:
        written = match.group()
        if multiplier is not None or not re.fullmatch(r"\d{4}", written) or not 1800 <= int(written) <= 2100:
            return False
        words = re.findall(r"[A-Za-z]+", self.text[max(0, match.start() - 12) : match.start()])
        return bool(words) and words[-1].lower() in YEAR_WORDS

    def multiplier_after(self, position: int, attached_ok: bool) -> tuple[Decimal | None, int]:
        """ "billion", "lakh crore", or a glued "m"/"bn" ("€300m", "$85bn")."""
        rest = self.text[position : position + 16]
        spaced = re.match(r"\s(lakh crore|thousand|million|billion|trillion|crore|lakh|bn|mn|tn|trn)\b", rest)
        if spaced:
            return MULTIPLIERS[spaced.group(1)], position + spaced.end()
        glued = re.match(r"(bn|mn|tn|trn|m|b|k)\b", rest) if attached_ok else None
        if glued:
            return MULTIPLIERS[glued.group(1)], position + glued.end()
        return None, position

    def currency_before(self, start: int) -> tuple[str | None, int]:
        before = self.text[max(0, start - 5) : start]
        for sign, code in CURRENCY_PREFIXES:
            for written in (sign, sign + " "):
                if before.endswith(written) and (
                    len(before) == len(written) or not before[-len(written) - 1].isalnum() or sign[0] in "$€£₹¥"
                ):
                    sign_start = start - len(written)
                    if sign == "$" and sign_start > 0 and self.text[sign_start - 1].isalpha():
                        continue  # "US$" and the like were tried first; "X$" we do not know
                    return self.resolve(code), sign_start
        return None, start

    def unit_after(self, position: int, currency: str | None, counts_people: bool) -> tuple[str | None, int, int]:
        """(unit, factor, end) of what follows the number; money when a currency sign came before."""
        rest = self.text[position : position + 60]
        for pattern, unit in PERCENT_UNITS:
            match = re.match(pattern, rest)
            if match and currency is None:
                return unit, 1, position + match.end()
        for words, code in CURRENCY_WORDS:
            if rest.startswith(" " + words) and not rest[len(words) + 1 : len(words) + 2].isalpha():
                return (currency or self.resolve(code)), 1, position + len(words) + 1
        if currency is not None:
            return currency, 1, position
        for pattern, unit, factor in QUANTITY_UNITS:
            match = re.match(pattern, rest)
            if match:
                return unit, factor, position + match.end()
        match = self.people_pattern.match(rest)
        if (
            match
            and counts_people
            and not re.search(r"\s(?:of|a|an|the|and|or|to|in|on|per|than)\s", match.group() + " ")
        ):
            return "people", 1, position + match.end()
        return None, 1, position

    def resolve(self, code: str) -> str:
        """ "Rs" and "rupees" mean the rupee of the article's most mentioned rupee country (India when none is);
        "¥" means yuan in an article about China more than Japan."""
        if code == "RUPEE":
            rupees = {"country:IND": "INR", "country:PAK": "PKR", "country:NPL": "NPR", "country:LKA": "LKR"}
            counts = {currency: self.country_counts.get(country, 0) for country, currency in rupees.items()}
            best = max(counts, key=lambda currency: (counts[currency], currency == "INR"))
            return best
        if code == "YEN_SIGN":
            return (
                "CNY"
                if self.country_counts.get("country:CHN", 0) > self.country_counts.get("country:JPN", 0)
                else "JPY"
            )
        return code

    def fractions(self) -> list[Figure]:
        found = []
        for match in FRACTION_WORDS.finditer(self.text):
            count, part = match.group("count").lower(), match.group("part").lower()
            top = 1 if count in ("a", "one") else WORD_NUMBERS[count]
            if top == 1 and (
                ORDINAL_BEFORE.search(self.text[max(0, match.start() - 12) : match.start()])
                or not self.fraction_follows(match.end())
            ):
                continue
            if top > 1 and not part.endswith("s"):
                continue
            found.append(self.make(match.start(), match.end(), Decimal(top) / Decimal(DENOMINATORS[part]), "fraction"))
        for match in SLASH_FRACTION.finditer(self.text):
            top, bottom = int(match.group("top")), int(match.group("bottom"))
            if 0 < top < bottom:
                found.append(self.make(match.start(), match.end(), Decimal(top) / Decimal(bottom), "fraction"))
        for match in HALF.finditer(self.text):
            if not ORDINAL_BEFORE.search(self.text[max(0, match.start() - 12) : match.start()]) and not any(
                figure.start <= match.start() < figure.end for figure in found if figure.unit == "fraction"
            ):
                found.append(self.make(match.start(), match.end(), Decimal("0.5"), "fraction"))
        return found

    def fraction_follows(self, position: int) -> bool:
        """ "a third of", "a quarter in local currencies": a fraction; "a third term": an ordinal."""
        following = re.match(r"\s*([\w]+|[^\w\s]|$)", self.text[position : position + 20])
        word = following.group(1).lower() if following else ""
        return word in FRACTION_FOLLOWERS or not word or not word[0].isalnum()
