"""An attributed quote is on the record (a named speaker) or from an anonymous source (described, never named): the
block refuses a quote that mixes the two, and readers see an anonymous source's description and why it is unnamed."""

import pytest
from bs4 import BeautifulSoup

from django.core.exceptions import ValidationError

from tribune.newsroom.blocks import AttributedQuoteBlock

ON_RECORD = {"text": "Prices will ease by spring.", "on_record": True, "speaker": "Mira Sethi", "role": "economist"}
ANONYMOUS = {"text": "The talks stalled twice.", "on_record": False, "source_description": "a diplomat at the embassy"}


def cleaned(data: dict):
    block = AttributedQuoteBlock()
    return block.clean(block.to_python(data))


def refusal(data: dict) -> dict:
    with pytest.raises(ValidationError) as refused:
        cleaned(data)
    return {name: " ".join(str(message) for message in errors) for name, errors in refused.value.block_errors.items()}


def test_a_quote_stored_before_the_choice_existed_is_on_the_record():
    block = AttributedQuoteBlock()

    assert block.to_python({"text": "Older words.", "speaker": "A. Speaker"})["on_record"] is True


def test_a_quote_on_the_record_needs_its_speaker():
    assert "Name the speaker" in refusal({**ON_RECORD, "speaker": "  "})["speaker"]
    assert cleaned(ON_RECORD)["speaker"] == "Mira Sethi"


def test_an_anonymous_source_is_described_and_never_named():
    assert "Describe the anonymous source" in refusal({**ANONYMOUS, "source_description": ""})["source_description"]
    errors = refusal({**ANONYMOUS, "speaker": "Real Name", "speaker_entity": "person:real-name"})
    assert set(errors) == {"speaker", "speaker_entity"}
    assert "not named" in errors["speaker"]
    assert cleaned(ANONYMOUS)["source_description"] == "a diplomat at the embassy"


@pytest.mark.parametrize("entity", ["person:mira-sethi", "org:sco", "country:PAK", "region:south-asia"])
def test_the_speaker_may_be_linked_to_an_entity_by_its_id(entity):
    assert cleaned({**ON_RECORD, "speaker_entity": entity})["speaker_entity"] == entity


@pytest.mark.parametrize("entity", ["mira-sethi", "person:", "person:<b>", "team:x"])
def test_anything_else_as_an_entity_id_is_refused(entity):
    assert "entity id such as" in refusal({**ON_RECORD, "speaker_entity": entity})["speaker_entity"]


def test_readers_see_the_description_and_that_the_source_spoke_anonymously():
    block = AttributedQuoteBlock()
    html = BeautifulSoup(block.render(block.to_python(ANONYMOUS)), "html.parser")

    assert "quote--anonymous" in html.figure["class"]
    caption = html.figcaption.get_text(" ", strip=True)
    assert caption.startswith("A diplomat at the embassy")
    assert "speaking on condition of anonymity" in caption
    assert html.select_one(".quote__role") is None
