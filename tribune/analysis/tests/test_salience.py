"""Salience: the documented rule on headline, standfirst, first paragraph, frequency and quotes."""

from .conftest import analysed


def salience(body: str, **zones) -> dict[str, str]:
    return {entity["id"]: entity["salience"] for entity in analysed(body, **zones)["entities"]}


def test_an_entity_in_the_headline_is_principal():
    assert salience("Talks resume.", headline="Pakistan's IMF talks")["country:PAK"] == "principal"


def test_an_entity_in_the_standfirst_or_named_twice_is_secondary():
    result = salience(
        "Trade grew.\n\nLater, Egypt bought wheat. Egypt paid in dollars.\n\nNepal sold power.",
        headline="Africa trades",
        standfirst="Kenya and Egypt traded.",
    )

    assert result["country:KEN"] == "secondary"
    assert result["country:EGY"] == "secondary"
    assert result["country:NPL"] == "passing"


def test_when_the_headline_names_nobody_the_standfirsts_most_named_entity_leads():
    result = salience("Kenya grew. Kenya hired.", headline="A good year", standfirst="Kenya and Egypt traded.")

    assert result["country:KEN"] == "principal"
    assert result["country:EGY"] == "secondary"


def test_a_quoted_person_is_at_least_secondary():
    body = "Trade grew.\n\nMore later.\n\n“It will last,” said Rabia Khattak."

    assert salience(body, headline="A good year")["person:rabia-khattak"] == "secondary"


def test_entities_come_most_salient_first():
    result = analysed("Nepal sold power. Egypt paid. Egypt paid again.", headline="Kenya grows")

    assert [entity["salience"] for entity in result["entities"]] == ["principal", "secondary", "secondary"]
