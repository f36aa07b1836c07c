"""Quotes: attribution patterns, split quotes, pronouns, anonymous sources, and what is not a quote."""

import pytest

from .conftest import analysed


def quotes(body: str, **zones) -> list[tuple[str, str]]:
    return [(quote["text"], quote["speaker"]) for quote in analysed(body, **zones)["quotes"]]


@pytest.mark.parametrize(
    "body",
    [
        "“The arithmetic is brutal,” said Rabia Khattak, an energy economist at the Lahore Policy Institute.",
        '"The arithmetic is brutal," said Rabia Khattak, an energy economist at the Lahore Policy Institute.',
        "“The arithmetic is brutal,” Rabia Khattak said.",
        "Rabia Khattak said: “The arithmetic is brutal.”",
        "Rabia Khattak told Tribune: “The arithmetic is brutal.”",
        "According to Rabia Khattak, “the arithmetic is brutal.”",
        "“The arithmetic is brutal,” according to Rabia Khattak.",
    ],
)
def test_a_quote_is_attributed_by_a_verb_or_pattern_on_either_side(body):
    [quote] = analysed(body)["quotes"]

    assert quote["speaker"] == "Rabia Khattak"
    assert quote["speaker_id"] == "person:rabia-khattak"
    assert quote["on_record"] is True
    assert quote["text"].rstrip(".,") in ("The arithmetic is brutal", "the arithmetic is brutal")


def test_the_quote_keeps_the_offsets_of_the_words_inside_the_marks_and_the_speakers_role():
    body = "“The arithmetic is brutal,” said Rabia Khattak, an energy economist at the Lahore Policy Institute."
    [quote] = analysed(body)["quotes"]
    text = "\n\n\n\n" + body

    assert text[quote["start"] : quote["end"]] == "The arithmetic is brutal,"
    assert quote["role"] == "energy economist at the Lahore Policy Institute"


def test_a_split_quote_is_two_quotes_by_the_same_speaker():
    body = "“The trick,” she said, “is to make each patron believe it is the favourite.”"
    lead = "Dinara Seitkali, director of the Steppe Analytics Group, was blunt. "

    assert quotes(lead + body) == [
        ("The trick,", "Dinara Seitkali"),
        ("is to make each patron believe it is the favourite.", "Dinara Seitkali"),
    ]


def test_a_pronoun_points_at_the_last_named_speaker():
    body = (
        "“We see it first in the clinics,” said Nusrat Jahan Chowdhury, a health coordinator. "
        "The next day the rains came.\n\n“Then we see it in the boats,” she said."
    )

    assert quotes(body)[-1] == ("Then we see it in the boats,", "Nusrat Jahan Chowdhury")


def test_a_pronoun_prefers_the_person_the_paragraph_has_just_named():
    body = (
        "“Nobody is safe,” a French naval officer said.\n\n"
        "Adaeze Okonkwo, a researcher, wants a coastguard. “Piracy starts on land,” she said."
    )

    assert quotes(body)[-1] == ("Piracy starts on land,", "Adaeze Okonkwo")


@pytest.mark.parametrize(
    ("body", "description"),
    [
        ("“The border stays shut,” a source in Peshawar said.", "source in Peshawar"),
        ("“They are messages,” a diplomat at the embassy said.", "diplomat at the embassy"),
        ("“Children eat one meal a day,” a camp official told Tribune.", "camp official"),
        ("“We left the door open,” said a senior official, who asked not to be named.", "senior official"),
    ],
)
def test_an_unnamed_source_is_anonymous_and_off_record(body, description):
    [quote] = analysed(body)["quotes"]

    assert (quote["speaker"], quote["speaker_id"], quote["on_record"]) == ("anonymous", None, False)
    assert quote["description"] == description


def test_an_unattributed_quoted_sentence_continues_the_previous_speaker():
    body = "“The arithmetic is brutal,” said Rabia Khattak, an economist. “Every month of delay adds to it.”"

    assert quotes(body)[1] == ("Every month of delay adds to it.", "Rabia Khattak")


@pytest.mark.parametrize(
    "body",
    [
        "She pointed to the “gas-for-power swap” floated by the ministry.",
        "The bank's report, “Financing Development in Local Currencies”, admits the cost.",
        "The army launched “Operation Clean Sweep” in the valley.",
        "Khattak said the arithmetic was brutal and the delay costly.",
        "Economists call it “de-dollarisation”.",
    ],
)
def test_scare_quotes_titles_and_paraphrase_are_not_quotes(body):
    assert analysed(body)["quotes"] == []


def test_a_short_quote_with_its_attribution_next_to_it_is_a_quote():
    assert quotes("Analyst Bilal Awan is angry. “Nothing happens,” he said.") == [("Nothing happens,", "Bilal Awan")]


def test_an_organisation_or_state_can_be_the_speaker():
    [quote] = analysed("“We will not be pressured,” Beijing said on Tuesday.")["quotes"]

    assert (quote["speaker"], quote["speaker_id"], quote["on_record"]) == ("China", "country:CHN", True)


def test_an_unknown_speaker_becomes_a_person_entity_of_the_article():
    result = analysed("“Prices will rise,” said Tomasz Wiśniewski.")

    assert result["quotes"][0]["speaker_id"] == "person:tomasz-wisniewski"
    assert "person:tomasz-wisniewski" in {entity["id"] for entity in result["entities"]}


def test_unbalanced_quotation_marks_give_no_quote_and_no_error():
    assert analysed("“This never closes, said nobody.\n\nThe end.")["quotes"] == []


def test_single_quotation_marks_work_and_apostrophes_do_not_open_or_close_them():
    body = "Farhan Chaudhry is worried. 'Every megawatt is a dollar we owe,' Mr Chaudhry said of the traders' debts."

    assert quotes(body) == [("Every megawatt is a dollar we owe,", "Farhan Chaudhry")]


def test_a_few_words_quoted_after_the_speakers_verb_in_the_same_sentence_are_a_quote():
    body = "Kremlin spokesman Dmitry Peskov later said the West was “prolonging the war”."

    assert quotes(body) == [("prolonging the war", "Dmitry Peskov")]


def test_the_speaker_is_found_in_the_clause_of_the_verb():
    body = (
        "Analyst Rabia Khattak spoke first, while Ukraine's foreign ministry said in a statement that Moscow had "
        "“no interest in peace whatsoever”."
    )

    [quote] = analysed(body)["quotes"]
    assert (quote["speaker"], quote["speaker_id"]) == ("Ukraine", "country:UKR")


def test_a_capitalised_common_noun_is_no_speaker():
    assert analysed("Critics called it “outsourcing”.")["quotes"] == []
    assert "person:critics" not in {entity["id"] for entity in analysed("Critics called it “outsourcing”.")["entities"]}
