"""The knowledge base: every ISO country, the curated files, extra records from the later slice, and its cache."""

import pycountry

from tribune.analysis.extraction import analyse, build_knowledge_base, default_knowledge_base, knowledge_base_with
from tribune.analysis.extraction.knowledge import EntityRecord, person_record


def test_every_iso_country_is_an_entity():
    kb = default_knowledge_base()

    assert all(f"country:{country.alpha_3}" in kb.entities for country in pycountry.countries)


def test_countries_are_shown_by_their_everyday_names():
    kb = default_knowledge_base()

    assert [kb.name_of(code) for code in ("country:RUS", "country:KOR", "country:IRN", "country:COD")] == [
        "Russia",
        "South Korea",
        "Iran",
        "Democratic Republic of the Congo",
    ]


def test_names_written_without_diacritics_match_too():
    kb = default_knowledge_base()

    assert kb.lookup_exact("Cote d'Ivoire").entity_id == "country:CIV"
    assert kb.lookup_exact("Turkiye").entity_id == "country:TUR"


def test_extra_records_add_people_and_aliases_for_the_later_slice():
    contributor = person_record("Rabia Khattak", entity_id="person:contributor-42", aliases=["R. Khattak"])
    alias_of_seed = EntityRecord("country:PAK", "Pakistan", (("Pakland", "name"),))
    kb = build_knowledge_base([contributor, alias_of_seed])

    result = analyse("", "", "Rabia Khattak wrote about Pakland. Khattak was right.", knowledge=kb).as_json()
    mentions = {(m["text"], entity["id"]) for entity in result["entities"] for m in entity["mentions"]}

    assert mentions == {
        ("Rabia Khattak", "person:contributor-42"),
        ("Khattak", "person:contributor-42"),
        ("Pakland", "country:PAK"),
    }
    assert kb.name_of("country:PAK") == "Pakistan"


def test_the_knowledge_base_is_built_once_and_cached_per_set_of_extra_records():
    extra = (person_record("Jane Doe"),)

    assert default_knowledge_base() is default_knowledge_base()
    assert knowledge_base_with(extra) is knowledge_base_with(extra)
    assert knowledge_base_with(extra) is not default_knowledge_base()
