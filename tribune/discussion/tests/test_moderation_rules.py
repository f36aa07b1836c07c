"""Automatic moderation: each rule says what it matched; rejections win over holds."""

import datetime

import pytest

from django.utils import timezone

from tribune.discussion import moderation
from tribune.discussion.models import DiscussionSettings, ModerationWordList


def settings_with(*, banned_words: str = "", suspect_words: str = "", language_code: str = "en", **fields):
    defaults = {
        "hold_links": True,
        "trusted_after": 2,
        "quiet_hours_start": None,
        "quiet_hours_end": None,
    }
    config = DiscussionSettings(**{**defaults, **fields})
    word_list = ModerationWordList(language_code=language_code, banned_words=banned_words, suspect_words=suspect_words)
    config.word_lists = {language_code: word_list}
    return config


def judge(body, config=None, **context):
    defaults = {
        "now": timezone.now(),
        "restricted": False,
        "approved_count": 5,
        "is_staff": False,
        "premoderated": False,
        "language_code": "en",
    }
    return moderation.judge(body, settings=config or settings_with(), **{**defaults, **context})


def test_word_lists_apply_to_comments_in_their_own_language_only():
    russian_words = settings_with(banned_words="негодяй", suspect_words="фейк", language_code="ru")

    assert judge("Ты негодяй.", russian_words, language_code="ru").rule == "banned_word"
    assert judge("Это фейк.", russian_words, language_code="ru").rule == "suspect_word"
    assert judge("Ты негодяй.", russian_words, language_code="en") is None
    assert judge("Это фейк.", russian_words, language_code="hi") is None


def test_a_clean_comment_from_a_trusted_reader_passes():
    assert judge("A fair point about the budget.") is None


@pytest.mark.parametrize("body", ["You are a SCUMBAG", "scum\u200bbag", "ｓｃｕｍｂａｇ!", "Scumbag."])
def test_banned_words_reject_whatever_the_disguise(body):
    verdict = judge(body, settings_with(banned_words="scumbag\n"))

    assert verdict.action == moderation.REJECT
    assert verdict.rule == "banned_word"
    assert "scumbag" in verdict.detail


def test_banned_words_match_whole_words_only():
    assert judge("Scunthorpe is a town", settings_with(banned_words="scunt")) is None


def test_suspect_words_hold_and_say_which():
    verdict = judge("That is a hoax", settings_with(suspect_words="hoax"))

    assert (verdict.action, verdict.rule) == (moderation.HOLD, "suspect_word")
    assert "hoax" in verdict.detail


@pytest.mark.parametrize("body", ["see https://spam.example/x", "visit www.cheap-pills.example", "go to pills.biz"])
def test_links_hold_with_a_plain_reason_for_the_reader(body):
    verdict = judge(body)

    assert verdict.rule == "link"
    assert verdict.reader_reason == "Held for review: it contains a link."


def test_links_pass_when_the_setting_is_off():
    assert judge("see https://example.org", settings_with(hold_links=False)) is None


def test_new_readers_are_held_until_they_have_enough_approved_comments():
    assert judge("Hello", approved_count=1).rule == "new_reader"
    assert judge("Hello", approved_count=2) is None
    assert judge("Hello", approved_count=0, is_staff=True) is None


def test_rejection_wins_over_a_hold():
    verdict = judge("scumbag https://x.example", settings_with(banned_words="scumbag"), approved_count=0)

    assert verdict.action == moderation.REJECT


@pytest.mark.parametrize(
    "start,end,hour,expected",
    [(0, 6, 3, True), (0, 6, 7, False), (22, 6, 23, True), (22, 6, 5, True), (22, 6, 12, False)],
)
def test_quiet_hours_handle_spans_over_midnight(start, end, hour, expected, settings):
    settings.TIME_ZONE = "UTC"
    now = timezone.now().replace(hour=hour, minute=30)

    held = moderation.in_quiet_hours(datetime.time(start), datetime.time(end), now)

    assert held is expected


def test_restricted_and_premoderated_readers_are_held():
    assert judge("Hi", restricted=True).rule == "restricted"
    assert judge("Hi", premoderated=True).rule == "premoderated"
