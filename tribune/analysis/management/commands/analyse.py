"""manage.py analyse: entities, quotes and figures of articles given as JSON on stdin.

    echo '{"headline": "…", "standfirst": "…", "body": "…"}' | manage.py analyse --json
    manage.py analyse --lines < articles.jsonl > results.jsonl

No database query: the extraction needs only the knowledge base shipped with the app.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

FIELDS = ("headline", "standfirst", "body")
MAX_INPUT_CHARACTERS = 8_000_000  # far above any article; keeps one bad input from exhausting memory

NOT_UTF8 = "stdin is not valid UTF-8."
NOT_JSON = "stdin is not valid JSON: {error}."
NOT_AN_OBJECT = "the input must be a JSON object with the keys headline, standfirst and body."
MISSING_KEYS = "the input lacks the key(s) {keys}."
NOT_STRINGS = "the value(s) of {keys} must be strings."
TOO_LARGE = "the input has {size:,} characters; the limit is {limit:,}."
EMPTY_INPUT = "stdin is empty: give one JSON object (or, with --lines, one per line)."


class InvalidArticle(ValueError):
    """An input the command refuses; the message says why."""


def article_from_json(raw: str) -> dict[str, str]:
    """The three fields of one article from its JSON text, or InvalidArticle saying what is wrong."""
    if len(raw) > MAX_INPUT_CHARACTERS:
        raise InvalidArticle(TOO_LARGE.format(size=len(raw), limit=MAX_INPUT_CHARACTERS))
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InvalidArticle(NOT_JSON.format(error=error)) from None
    if not isinstance(data, dict):
        raise InvalidArticle(NOT_AN_OBJECT)
    missing = [field for field in FIELDS if field not in data]
    if missing:
        raise InvalidArticle(MISSING_KEYS.format(keys=", ".join(missing)))
    not_strings = [field for field in FIELDS if not isinstance(data[field], str)]
    if not_strings:
        raise InvalidArticle(NOT_STRINGS.format(keys=", ".join(not_strings)))
    return {field: data[field] for field in FIELDS}


class Command(BaseCommand):
    help = (
        "Read an article as JSON ({headline, standfirst, body}) on stdin and write its entities, quotes and figures "
        "as one JSON object; with --lines, one article per line in and one result per line out."
    )
    requires_system_checks = []  # nothing here depends on the checks, and skipping them keeps start-up short
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="write JSON (the default; accepted for clarity)")
        parser.add_argument(
            "--lines", action="store_true", help="JSON Lines: one article per input line, one result per output line"
        )
        parser.add_argument("--model", action="store_true", help="also use the statistical tagger for unknown names")

    def handle(self, *args, **options):
        from tribune.analysis.extraction import analyse
        from tribune.analysis.extraction.tagger import default_tagger

        tagger = default_tagger() if options["model"] else None
        stream = options.get("stdin") or sys.stdin
        if options["lines"]:
            self.analyse_lines(stream, analyse, tagger)
            return
        raw = read_all(stream)
        if not raw.strip():
            raise CommandError(EMPTY_INPUT)
        try:
            article = article_from_json(raw)
        except InvalidArticle as error:
            raise CommandError(str(error)) from None
        self.write_json(analyse(**article, tagger=tagger).as_json())

    def analyse_lines(self, stream, analyse, tagger) -> None:
        """One result per non-blank line; a bad line gets {"error": …} in its place and the exit status is 1."""
        failures = 0
        for number, line in enumerate(read_lines(stream), start=1):
            if not line.strip():
                continue
            try:
                article = article_from_json(line)
            except InvalidArticle as error:
                failures += 1
                self.stderr.write(f"line {number}: {error}")
                self.write_json({"error": str(error), "line": number})
                continue
            self.write_json(analyse(**article, tagger=tagger).as_json())
        if failures:
            raise CommandError(f"{failures} line(s) could not be analysed.")

    def write_json(self, data: dict) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False))


def read_all(stream) -> str:
    try:
        return stream.buffer.read().decode("utf-8") if hasattr(stream, "buffer") else stream.read()
    except UnicodeDecodeError:
        raise CommandError(NOT_UTF8) from None


def read_lines(stream):
    """Lines of the stream, decoded strictly as UTF-8 when it is a byte stream underneath."""
    source = stream.buffer if hasattr(stream, "buffer") else stream
    for line in source:
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError:
                raise CommandError(NOT_UTF8) from None
        yield line
