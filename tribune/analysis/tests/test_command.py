"""manage.py analyse: JSON in, one JSON object out; JSON Lines with --lines; bad input refused with a clear message
and a non-zero exit, odd but valid text analysed."""

import io
import json
import os
import subprocess
import sys

import pytest

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from tribune.analysis.management.commands import analyse as command

ARTICLE = {
    "headline": "Pak-Russia oil deal tests the limits of a discount",
    "standfirst": "The Kremlin wants volume; Islamabad wants a better price.",
    "body": "“A discount only matters if your refinery can use the oil,” said Omar Farooq Baig, a refining "
    "consultant. Imports average 25,000 barrels a day, and the upgrade costs $1.5 billion.",
}


def run(stdin: str, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("analyse", *args, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_one_article_in_gives_exactly_one_json_object_out():
    out, _ = run(json.dumps(ARTICLE), "--json")

    [line] = out.splitlines()
    result = json.loads(line)
    assert set(result) == {"entities", "quotes", "figures"}
    assert result["entities"][0] | {"mentions": None} == {
        "id": "country:PAK",
        "kind": "country",
        "name": "Pakistan",
        "salience": "principal",
        "mentions": None,
    }
    assert result["quotes"][0]["speaker_id"] == "person:omar-farooq-baig"
    assert [(f["text"], f["value"], f["unit"]) for f in result["figures"]] == [
        ("25,000 barrels a day", 25000, "barrels_per_day"),
        ("$1.5 billion", 1_500_000_000, "USD"),
    ]


def test_offsets_index_headline_standfirst_and_body_joined_by_blank_lines():
    out, _ = run(json.dumps(ARTICLE))
    text = "\n\n".join((ARTICLE["headline"], ARTICLE["standfirst"], ARTICLE["body"]))

    for entity in json.loads(out)["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_json_lines_give_one_result_per_line_and_skip_blank_lines():
    lines = "\n".join([json.dumps(ARTICLE), "", json.dumps({**ARTICLE, "body": "Kenya grew by 5%."})]) + "\n"

    out, _ = run(lines, "--lines")

    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == 2
    assert results[1]["figures"][0]["unit"] == "percent"


def test_a_bad_line_gets_an_error_in_its_place_a_message_and_a_failing_exit():
    lines = "\n".join([json.dumps(ARTICLE), "{not json", json.dumps(ARTICLE)]) + "\n"
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="1 line"):
        call_command("analyse", "--lines", stdin=io.StringIO(lines), stdout=out, stderr=err)

    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [("error" in result) for result in results] == [False, True, False]
    assert results[1]["line"] == 2
    assert "line 2: stdin is not valid JSON" in err.getvalue()


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("", command.EMPTY_INPUT),
        ("   \n", command.EMPTY_INPUT),
        ("{not json", "stdin is not valid JSON"),
        ('["headline"]', command.NOT_AN_OBJECT),
        ('{"headline": "h", "body": "b"}', command.MISSING_KEYS.format(keys="standfirst")),
        ('{"headline": 3, "standfirst": null, "body": "b"}', command.NOT_STRINGS.format(keys="headline, standfirst")),
        ('{"headline": "h", "standfirst": "s", "body": ["b"]}', command.NOT_STRINGS.format(keys="body")),
    ],
)
def test_invalid_input_is_refused_with_a_clear_message(stdin, message):
    with pytest.raises(CommandError) as refused:
        run(stdin)

    assert str(refused.value).startswith(message)


def test_input_beyond_the_limit_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(command, "MAX_INPUT_CHARACTERS", 100)

    with pytest.raises(CommandError, match="the limit is 100"):
        run(json.dumps(ARTICLE))


@pytest.mark.parametrize(
    "body",
    [
        "",
        "नई दिल्ली में बातचीत हुई। भारत ने 12% वृद्धि दर्ज की।",
        "Переговоры в Москве завершились. Россия заявила о 5% росте.",
        "قالت الحكومة في الرياض إن المحادثات ستستمر. ارتفعت الأسعار بنسبة 3%.",
        "<p>Pakistan's <b>IMF</b> talks</p><script>alert(1)</script> “unclosed quote, said nobody",
        '“““ ”” " " ‘ ’ « » 3/0 0/0 $ % Rs crore',
        "Kenya " * 5000,
    ],
)
def test_odd_but_valid_text_gives_a_valid_result(body):
    out, _ = run(json.dumps({"headline": "", "standfirst": "", "body": body}))

    result = json.loads(out)
    assert set(result) == {"entities", "quotes", "figures"}


def test_a_one_megabyte_body_is_analysed():
    paragraph = ARTICLE["body"] + " Moscow said Pakistan would pay 12% more.\n\n"
    body = (paragraph * (1_000_000 // len(paragraph) + 1))[:1_000_000]

    out, _ = run(json.dumps({"headline": "h", "standfirst": "s", "body": body}))

    assert len(json.loads(out)["figures"]) > 1000


def test_the_command_reads_real_stdin_and_fails_with_a_message_on_bytes_that_are_not_utf8():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tribune.settings.test"}
    manage = [sys.executable, "manage.py", "analyse", "--json"]

    good = subprocess.run(  # noqa: S603 - this interpreter, the project's manage.py
        manage, input=json.dumps(ARTICLE).encode(), capture_output=True, env=env, cwd=settings.BASE_DIR, check=False
    )
    bad = subprocess.run(  # noqa: S603 - this interpreter, the project's manage.py
        manage, input=b'{"headline": "\xff"}', capture_output=True, env=env, cwd=settings.BASE_DIR, check=False
    )

    assert good.returncode == 0, good.stderr
    assert len(good.stdout.decode().splitlines()) == 1
    assert json.loads(good.stdout)["quotes"][0]["speaker"] == "Omar Farooq Baig"
    assert bad.returncode == 1
    assert command.NOT_UTF8 in bad.stderr.decode()
    assert bad.stdout == b""


def test_a_long_text_of_many_quotes_and_people_keeps_every_attribution():
    """Thousands of quotes and of people named in full then by surname (each check once walked every quote or every
    name before it: ten minutes for a megabyte of this)."""
    count = 3000
    sentence = "Minister Asha Rao{n} arrived. “We will pay in full,” Rao{n} said. Officials 'agreed' later."
    body = " ".join(sentence.format(n=n) for n in range(count))

    out, _ = run(json.dumps({"headline": "h", "standfirst": "s", "body": body}))

    result = json.loads(out)
    assert len(result["quotes"]) == count
    assert {quote["speaker_id"] for quote in result["quotes"]} == {f"person:asha-rao{n}" for n in range(count)}
