"""Entities: the hard cases of the issue, each checked on real output."""

import pytest

from .conftest import analysed, linked


def ids(body: str, **zones) -> set[str]:
    return {entity_id for _, entity_id in linked(body, **zones)}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Piracy is rising in the Gulf of Guinea.", [("Gulf of Guinea", "region:gulf-of-guinea")]),
        (
            "Papua New Guinea and Equatorial Guinea signed.",
            [("Papua New Guinea", "country:PNG"), ("Equatorial Guinea", "country:GNQ")],
        ),
        ("Guinea-Bissau and Guinea held talks.", [("Guinea-Bissau", "country:GNB"), ("Guinea", "country:GIN")]),
        ("South Sudan and Sudan share a border.", [("South Sudan", "country:SSD"), ("Sudan", "country:SDN")]),
        (
            "The East African Community met; East African farmers waited.",
            [("East African Community", "org:eac"), ("East African", "region:east-africa")],
        ),
    ],
)
def test_the_longest_name_wins(body, expected):
    assert linked(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The Pak-Russia deal stalled.", [("Pak", "country:PAK"), ("Russia", "country:RUS")]),
        ("Sino-Indian trade grew.", [("Sino", "country:CHN"), ("Indian", "country:IND")]),
        ("India-Pakistan relations are frozen.", [("India", "country:IND"), ("Pakistan", "country:PAK")]),
        ("A Franco-German plan emerged.", [("Franco", "country:FRA"), ("German", "country:DEU")]),
        ("Afghan-Pakistan trade fell.", [("Afghan", "country:AFG"), ("Pakistan", "country:PAK")]),
    ],
)
def test_hyphenated_pairs_name_both_countries(body, expected):
    assert linked(body) == expected


def test_a_combining_form_may_close_a_pair():
    assert linked("The Sino-Pak corridor stalled.") == [("Sino", "country:CHN"), ("Pak", "country:PAK")]


def test_capitals_in_a_title_case_headline_are_still_read_for_what_they_do():
    assert linked("", headline="Why Islamabad Is Betting On Beijing Again") == [
        ("Islamabad", "country:PAK"),
        ("Beijing", "country:CHN"),
    ]


def test_a_combining_form_alone_is_nothing():
    assert linked("Pak and Sino are not words on their own.") == []


def test_a_surname_after_the_full_name_is_that_person():
    body = "Prime Minister Jane Doe met donors on Monday. “We will pay,” Doe said. Critics doubt Doe."

    assert linked(body) == [("Jane Doe", "person:jane-doe"), ("Doe", "person:jane-doe"), ("Doe", "person:jane-doe")]


def test_a_surname_goes_to_the_person_last_named_in_full_with_it():
    body = (
        "Nawaz Sharif founded the party. Later Shehbaz Sharif led it. Sharif said little. "
        "Analyst Rabia Khattak disagreed; Khattak called it a truce."
    )

    mentions = linked(body)

    assert ("Sharif", "person:shehbaz-sharif") in mentions
    assert ("Sharif", "person:nawaz-sharif") not in mentions
    assert mentions[-1] == ("Khattak", "person:rabia-khattak")


@pytest.mark.parametrize(
    "body",
    [
        "The company is based in Atlanta, Georgia, and sells wine.",
        "Georgia's governor signed the bill.",
        "Voters in the state of Georgia went to the polls.",
        "Savannah, Georgia, is a port.",
    ],
)
def test_the_us_state_of_georgia_is_not_the_country(body):
    assert "country:GEO" not in ids(body)


def test_georgia_the_country_is_found_beside_the_caucasus():
    assert ids("Georgia's government in Tbilisi has drifted from the EU.") == {"country:GEO", "org:eu"}


def test_georgia_in_an_article_only_about_the_us_state_is_the_state_throughout():
    body = "Atlanta, Georgia, hosted the convention. Georgia has the busiest airport in the South."

    assert "country:GEO" not in ids(body)


def test_chad_as_a_given_name_is_not_the_country():
    mentions = linked("“Sales doubled,” said Chad Miller, an importer. Chad Miller expects more. Chad borders Niger.")

    assert mentions[0] == ("Chad Miller", "person:chad-miller")
    assert ("Chad", "country:TCD") in mentions
    assert mentions.count(("Chad", "country:TCD")) == 1


@pytest.mark.parametrize(
    "body",
    [
        "Talks were held in Moscow.",
        "The minister arrived in Beijing on Sunday.",
        "Talks held in Islamabad ended.",
        "Exporters from Tbilisi came.",
        "A Dhaka-based charity helps.",
        "She flew to Kabul.",
        "The Washington Post reported it.",
    ],
)
def test_a_capital_used_as_a_place_is_not_the_state(body):
    assert not [entity_id for _, entity_id in linked(body) if entity_id.startswith("country:")]


@pytest.mark.parametrize(
    ("body", "country"),
    [
        ("Moscow said it would respond.", "country:RUS"),
        ("Beijing has warned against interference.", "country:CHN"),
        ("Islamabad's position is stronger than it looks.", "country:PAK"),
        ("Relations between Kabul and Tehran are tense.", "country:AFG"),
        ("The Kremlin wants a contract.", "country:RUS"),
        ("The White House said nothing.", "country:USA"),
    ],
)
def test_a_capital_or_seat_of_power_acting_is_the_state(body, country):
    assert country in ids(body)


def test_the_bird_and_the_porcelain_are_not_countries():
    body = "Families roasted a turkey and set out fine china. Turkey is a Thanksgiving staple."

    assert ids(body) == set()


def test_country_names_are_matched_with_their_capital_letter():
    assert ids("China and Türkiye, also called Turkey, met.") == {"country:CHN", "country:TUR"}


def test_demonyms_adjectives_and_common_names_link_to_the_country():
    assert linked("Pakistani and Chinese officials met Emiratis from the UAE and the United States.") == [
        ("Pakistani", "country:PAK"),
        ("Chinese", "country:CHN"),
        ("Emiratis", "country:ARE"),
        ("UAE", "country:ARE"),
        ("United States", "country:USA"),
    ]


def test_the_security_council_is_an_entity_of_its_own_that_is_part_of_the_un():
    result = analysed("The UN Security Council met. The UN then adjourned.")
    entities = {entity["id"]: entity for entity in result["entities"]}

    assert entities["org:un-security-council"]["part_of"] == "org:un"
    assert [m["text"] for m in entities["org:un"]["mentions"]] == ["UN"]


def test_opec_and_opec_plus_are_separate_entities():
    assert linked("OPEC+ cut output; OPEC's core members pay.") == [("OPEC+", "org:opec-plus"), ("OPEC", "org:opec")]


def test_regions_and_groupings_are_found():
    assert ids("The SCO and BRICS court the Global South, from the Sahel to Central Asia and the Indo-Pacific.") == {
        "org:sco",
        "org:brics",
        "region:global-south",
        "region:sahel",
        "region:central-asia",
        "region:indo-pacific",
    }


def test_an_organisation_name_is_one_mention_even_with_a_place_inside():
    assert linked("She works at the Centre for Himalayan Studies and the Abuja Maritime Policy Centre.") == [
        ("Centre for Himalayan Studies", "org:centre-for-himalayan-studies"),
        ("Abuja Maritime Policy Centre", "org:abuja-maritime-policy-centre"),
    ]


def test_people_introduced_by_a_role_are_found_without_a_model():
    assert linked("Energy analyst Rabia Khattak disagreed.") == [("Rabia Khattak", "person:rabia-khattak")]


def test_the_west_is_a_region_only_after_the():
    assert linked("Western diplomats and the West agree; the East-West pipeline and West Asia do not count.") == [
        ("Western", "region:west"),
        ("West", "region:west"),
        ("West Asia", "region:middle-east"),
    ]


def test_us_before_a_dollar_sign_is_the_currency_not_the_country():
    assert ids("The fund lent US$32 billion.") == set()


def test_every_mention_keeps_its_offsets_and_sentence():
    result = analysed("Trade grew. Pakistan exported more.", headline="Exports", standfirst="A good year.")
    mention = result["entities"][0]["mentions"][0]
    text = "Exports\n\nA good year.\n\nTrade grew. Pakistan exported more."

    assert text[mention["start"] : mention["end"]] == "Pakistan"
    assert text[mention["sentence"]["start"] : mention["sentence"]["end"]] == "Pakistan exported more."


def test_a_country_name_as_the_surname_of_a_person_opening_the_sentence_is_no_mention_of_the_country():
    found = linked("Michael Jordan visited Jordan. Visiting Jordan last week, officials spoke of aid.")

    assert found == [("Michael Jordan", "person:michael-jordan"), ("Jordan", "country:JOR"), ("Jordan", "country:JOR")]
