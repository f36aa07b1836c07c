"""Turn the marked-up sources of the evaluation set into annotated JSON (see GUIDELINES.md for the marks).

python -m tribune.analysis.evaluation.build          write annotated/<id>.json for every source
python -m tribune.analysis.evaluation.build --check  exit 1 when a JSON file is missing or out of date
"""

import json
import sys
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES_DIR = HERE / "sources"
ANNOTATED_DIR = HERE / "annotated"
SALIENCE_LEVELS = ("principal", "secondary", "passing")
SPLITS = ("dev", "heldout")
OPEN_MARK, SEPARATOR, CLOSE_MARK = "⟦", "|", "⟧"


class SourceError(ValueError):
    """A source file breaks the format; the message names the file and the problem."""


def strip_marks(marked: str) -> tuple[str, list[tuple[str, int, int]]]:
    """The plain text and, for every mark, its header and the (start, end) of its content in the plain text."""
    plain: list[str] = []
    length = 0
    open_marks: list[tuple[str, int]] = []
    spans: list[tuple[str, int, int]] = []
    index = 0
    while index < len(marked):
        char = marked[index]
        if char == OPEN_MARK:
            separator = marked.index(SEPARATOR, index)
            open_marks.append((marked[index + 1 : separator], length))
            index = separator + 1
            continue
        if char == CLOSE_MARK:
            if not open_marks:
                raise SourceError(f"a closing mark without an opening one near {marked[max(0, index - 30) : index]!r}")
            header, start = open_marks.pop()
            spans.append((header, start, length))
        else:
            plain.append(char)
            length += 1
        index += 1
    if open_marks:
        raise SourceError(f"marks left open: {[header for header, _ in open_marks]}")
    return "".join(plain), spans


def parse_value(written: str) -> float | int:
    """A figure's value as written in a mark: an integer, a decimal or a fraction such as 1/3."""
    if "/" in written:
        return float(Fraction(written))
    number = float(written)
    return int(number) if number.is_integer() and "." not in written else number


def parse_header(lines: list[str], name: str) -> dict:
    """The key: value lines above the first section: id, split, salience lists and quote descriptions."""
    header: dict = {"salience": {}, "quotes": {}}
    for line in lines:
        if not line.strip():
            continue
        key, _, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if key in ("id", "split"):
            header[key] = value
        elif key in SALIENCE_LEVELS:
            for entity_id in filter(None, (item.strip() for item in value.split(","))):
                header["salience"][entity_id] = key
        elif key.startswith("quote "):
            header["quotes"][key.removeprefix("quote ").strip()] = parse_quote_description(value, name)
        else:
            raise SourceError(f"{name}: unknown header line {line!r}")
    if header.get("split") not in SPLITS:
        raise SourceError(f"{name}: split must be one of {SPLITS}")
    return header


def parse_quote_description(value: str, name: str) -> dict:
    """`speaker=…; id=…; role=…` or `anonymous; description=…` as the fields of a quote."""
    parts = [part.strip() for part in value.split(";") if part.strip()]
    fields = dict(part.split("=", 1) for part in parts if "=" in part)
    if parts and parts[0] == "anonymous":
        return {
            "speaker": "anonymous",
            "speaker_id": None,
            "on_record": False,
            "role": None,
            "description": fields.get("description"),
        }
    if "speaker" not in fields:
        raise SourceError(f"{name}: a quote needs speaker=… or anonymous: {value!r}")
    return {"speaker": fields["speaker"], "speaker_id": fields.get("id"), "on_record": True, "role": fields.get("role")}


def split_sections(source: str, name: str) -> tuple[list[str], dict[str, str]]:
    """The header lines and the marked text of the headline, standfirst and body sections."""
    header_lines: list[str] = []
    sections: dict[str, list[str]] = {}
    current = None
    for line in source.splitlines():
        if line.startswith("=== "):
            current = line.removeprefix("=== ").strip()
            sections[current] = []
        elif current is None:
            header_lines.append(line)
        else:
            sections[current].append(line)
    if set(sections) != {"headline", "standfirst", "body"}:
        raise SourceError(f"{name}: needs exactly the sections headline, standfirst and body")
    return header_lines, {key: "\n".join(lines).strip() for key, lines in sections.items()}


def build_article(source: str, name: str) -> dict:
    """One annotated article from its marked-up source; raises SourceError on any inconsistency."""
    header_lines, sections = split_sections(source, name)
    header = parse_header(header_lines, name)
    marked = sections["headline"] + "\n\n" + sections["standfirst"] + "\n\n" + sections["body"]
    text, spans = strip_marks(marked)
    headline, standfirst, body = (strip_marks(sections[key])[0] for key in ("headline", "standfirst", "body"))
    if headline + "\n\n" + standfirst + "\n\n" + body != text:
        raise SourceError(f"{name}: a mark crosses a section boundary")

    mentions: dict[str, list[dict]] = {}
    quotes, figures = [], []
    for mark, start, end in sorted(spans, key=lambda span: (span[1], span[2])):
        span = {"start": start, "end": end, "text": text[start:end]}
        if span["text"] != span["text"].strip() or not span["text"]:
            raise SourceError(f"{name}: span {span['text']!r} is empty or has spaces at its ends")
        if mark.startswith("q "):
            label = mark.removeprefix("q ").strip()
            if label not in header["quotes"]:
                raise SourceError(f"{name}: quote {label!r} has no description in the header")
            quotes.append({**span, **header["quotes"][label], "label": label})
        elif mark.startswith("# "):
            unit, value = mark.removeprefix("# ").split()
            figures.append({**span, "value": parse_value(value), "unit": unit})
        elif ":" in mark:
            mentions.setdefault(mark, []).append(span)
        else:
            raise SourceError(f"{name}: unknown mark {mark!r}")

    missing = sorted(set(mentions) - set(header["salience"]))
    unused = sorted(set(header["salience"]) - set(mentions))
    if missing or unused:
        raise SourceError(f"{name}: salience missing for {missing}, given for unmentioned {unused}")
    labels = {quote["label"] for quote in quotes}
    if labels != set(header["quotes"]):
        raise SourceError(f"{name}: quotes described but not marked: {sorted(set(header['quotes']) - labels)}")

    entities = [
        {"id": entity_id, "salience": header["salience"][entity_id], "mentions": entity_mentions}
        for entity_id, entity_mentions in mentions.items()
    ]
    return {
        "id": header["id"],
        "split": header["split"],
        "headline": headline,
        "standfirst": standfirst,
        "body": body,
        "entities": entities,
        "quotes": quotes,
        "figures": figures,
    }


def build_all() -> dict[str, dict]:
    """Every source file built, by file name of the JSON it belongs in."""
    articles = {}
    for path in sorted(SOURCES_DIR.glob("*.txt")):
        article = build_article(path.read_text(encoding="utf-8"), path.name)
        articles[f"{article['id']}.json"] = article
    return articles


def serialise(article: dict) -> str:
    return json.dumps(article, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    articles = build_all()
    if "--check" in argv:
        stale = [
            name
            for name, article in articles.items()
            if not (ANNOTATED_DIR / name).exists() or (ANNOTATED_DIR / name).read_text("utf-8") != serialise(article)
        ]
        extra = sorted({path.name for path in ANNOTATED_DIR.glob("*.json")} - set(articles))
        for name in stale + extra:
            print(f"out of date: {name}", file=sys.stderr)
        return 1 if stale or extra else 0
    ANNOTATED_DIR.mkdir(exist_ok=True)
    for path in ANNOTATED_DIR.glob("*.json"):
        if path.name not in articles:
            path.unlink()
    for name, article in articles.items():
        (ANNOTATED_DIR / name).write_text(serialise(article), encoding="utf-8")
    print(f"{len(articles)} annotated articles written to {ANNOTATED_DIR.name}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
