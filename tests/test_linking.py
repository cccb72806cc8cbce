"""In-article linking of short forms."""

from __future__ import annotations

from graph.extract import Extractor
from graph.model import Article
from tests.helpers import entities_of as _entities
from tests.helpers import facts_of


def test_a_given_name_after_the_full_name_is_the_same_person(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Cloud services are key infrastructure, said Narit Therdsteerasukdi, "
        "secretary-general of the agency. Both companies are in talks with the "
        "government, said Mr Narit.",
    )
    assert ents["Narit Therdsteerasukdi"][0] == "Person"
    assert "Narit" in ents["Narit Therdsteerasukdi"][1]
    assert "Narit" not in ents


def test_a_known_place_named_with_its_kind_word_keeps_its_qid(extractor: Extractor) -> None:
    facts = extractor.extract(
        Article.create(
            title="Drills",
            body="Ships sailed near Taiwan Province. Taiwan protested.",
            source="a.txt",
        )
    )
    (taiwan,) = [e for e in facts.entities if e.type == "Place" and "Taiwan" in e.label]
    assert (taiwan.label, taiwan.wikidata) == ("Taiwan", "Q865")
    assert [m.text for m in taiwan.mentions] == ["Taiwan Province", "Taiwan"]


def test_a_second_surname_or_byname_inside_a_full_name_is_that_person(
    extractor: Extractor,
) -> None:
    ents = _entities(
        extractor,
        "President Claudia Sheinbaum Pardo announced the plan. Sheinbaum said it is part of "
        "the Mexico Plan. President Luiz Inácio Lula da Silva was there. “Why can’t we have "
        "our own?” Lula asked.",
    )
    assert ents["Claudia Sheinbaum Pardo"] == (
        "Person",
        ["Claudia Sheinbaum Pardo", "Sheinbaum"],
    )
    assert ents["Luiz Inácio Lula da Silva"] == ("Person", ["Luiz Inácio Lula da Silva", "Lula"])


def test_a_given_name_the_model_took_for_a_company_is_the_person(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Analyst Vivek Arya raised his target. Vivek expects higher memory pricing. The "
        "plant is in Haenam, where Haenam Solaseado is being built.",
    )
    assert ents["Vivek Arya"] == ("Person", ["Vivek Arya", "Vivek"])
    assert "Vivek" not in ents
    assert ents.get("Haenam", ("", []))[0] != "Person"  # a place keeps its own name


def test_a_given_name_two_people_share_links_to_neither(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Mark Zuckerberg met Mark Carney in Ottawa. Later Mark said the talks went well.",
    )
    assert "Mark" not in ents.get("Mark Zuckerberg", ("", []))[1]
    assert "Mark" not in ents.get("Mark Carney", ("", []))[1]


def test_a_registered_name_is_the_company_the_article_names(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "A partnership between Kelvion and OpenAI will build the campus. Led by Kelvion "
        "Global Holdings Ltd., the project will house 100,000 GPUs.",
    )
    assert "Kelvion Global Holdings Ltd." in ents["Kelvion"][1]
    assert not any(label.startswith("Kelvion ") for label in ents)


def test_a_short_form_goes_to_the_organisation_the_article_names(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "The Texas Senate passed the bill on Monday. The Senate will now send it to the House.",
    )
    assert ents["Texas Senate"][1] == ["Texas Senate", "Senate"]
    assert "United States Senate" not in ents


def test_a_link_to_a_name_that_was_linked_on_follows_it(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Zentra Networks builds switches. Zentra Inc. filed for a listing on Monday. Zentra "
        "expects revenue to double.",
    )
    assert ents["Zentra Networks"][1] == ["Zentra Networks", "Zentra Inc.", "Zentra"]


def test_a_surname_with_a_particle_is_the_person(extractor: Extractor) -> None:
    ents = _entities(
        extractor, "CEO Fabrizio Del Maffeo reflects on the milestone. Del Maffeo says it works."
    )
    assert ents["Fabrizio Del Maffeo"] == ("Person", ["Fabrizio Del Maffeo", "Del Maffeo"])


def test_a_person_a_plant_is_named_after_is_the_plant(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "NextEra will restart the Duane Arnold Energy Center in Iowa. Duane Arnold was shut "
        "down in 2020.",
    )
    assert ents["Duane Arnold Energy Center"][1] == ["Duane Arnold Energy Center", "Duane Arnold"]
    assert "Duane Arnold" not in ents


def test_a_given_name_with_a_possessive_is_the_person(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Meta appointed banker Dina Powell McCormick as president. \"Dina's experience "
        'in global finance is unique," Mark Zuckerberg said.',
    )
    assert ents["Dina Powell McCormick"] == ("Person", ["Dina Powell McCormick", "Dina"])
    assert "Dina" not in ents


def test_a_speaker_named_by_one_word_is_the_person_named_in_full(extractor: Extractor) -> None:
    facts = facts_of(
        extractor,
        "Indonesia will expand its zones, says Minister Airlangga Hartarto. "
        "“The zone has already sold out,” Airlangga reportedly told a forum in Jakarta.",
    )
    people = {e.label: e for e in facts.entities if e.type == "Person"}
    assert set(people) == {"Airlangga Hartarto"}
    assert "Airlangga" in [m.text for m in people["Airlangga Hartarto"].mentions]
    quote = next(c for c in facts.claims if "sold out" in c.text)
    assert quote.speaker is not None and quote.speaker.label == "Airlangga Hartarto"


def test_a_speaker_found_in_full_takes_in_the_surname_the_model_typed_otherwise(
    extractor: Extractor,
) -> None:
    facts = facts_of(
        extractor,
        '"This has been a six-month fight," Meredith Sharp with community group Protect '
        "Franklin said. Sharp says Google's decision shows the power of the people.",
    )
    by_label = {e.label: e for e in facts.entities}
    assert "Sharp" not in by_label  # not a company of its own
    assert [m.text for m in by_label["Meredith Sharp"].mentions] == ["Meredith Sharp", "Sharp"]
    speakers = {c.speaker.label for c in facts.claims if c.speaker is not None}
    assert speakers <= {"Meredith Sharp"}


def test_a_place_without_its_kind_word_is_the_same_place(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "The zones in Batam Island are full. Batam lies near Singapore. The plant in "
        "Indiana County will supply power across Indiana.",
    )
    # the gazetteer knows "Batam": the longer form is a mention of it
    assert ents["Batam"] == ("Place", ["Batam Island", "Batam"])
    assert "Batam Island" not in ents
    assert ents["Indiana"][0] == "Place"  # a state is not short for its namesake county
    assert ents["Indiana County"][1] == ["Indiana County"]


def test_a_known_town_is_not_its_county_nor_a_new_city_of_its_name(
    extractor: Extractor,
) -> None:
    ents = _entities(
        extractor,
        "Investigators searched sites in Taipei City, New Taipei City, Hsinchu City and "
        "Hsinchu County. Hsinchu is home to TSMC.",
    )
    assert ents["Taipei"] == ("Place", ["Taipei City"])
    assert ents["New Taipei City"] == ("Place", ["New Taipei City"])
    assert ents["Hsinchu"] == ("Place", ["Hsinchu City", "Hsinchu"])
    assert ents["Hsinchu County"] == ("Place", ["Hsinchu County"])
