"""Entity extraction: gazetteer, typing, junk, linking, user entity files."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.extract import Extractor
from graph.model import Article
from tests.helpers import entities_of as _entities


def test_one_node_for_every_way_of_writing_a_company(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "NVIDIA posted record sales. Chipmaker Nvidia said demand was strong, "
        "and Nvidia's chips sold out. Analysts expect Nvidia to grow.",
    )
    assert ents["Nvidia"][0] == "Company"
    assert sorted(set(ents["Nvidia"][1])) == ["NVIDIA", "Nvidia"]
    assert len(ents["Nvidia"][1]) == 4
    assert not any(label.lower().startswith("chipmaker") for label in ents)


def test_surname_after_full_name_is_the_same_person(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Elon Musk warned of a power shortage. Musk said transformers were scarce.",
    )
    assert ents["Elon Musk"] == ("Person", ["Elon Musk", "Musk"])
    assert "Musk" not in ents


def test_two_people_sharing_a_surname_are_not_merged(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Rupert Murdoch, the chairman, spoke first. Then Lachlan Murdoch, the chief "
        "executive, replied. Murdoch added that sales rose.",
    )
    persons = {k for k, v in ents.items() if v[0] == "Person"}
    assert {"Rupert Murdoch", "Lachlan Murdoch"} <= persons
    # the lone "Murdoch" goes to the one named most recently before it
    assert ents["Lachlan Murdoch"][1][-1] == "Murdoch"
    assert ents["Rupert Murdoch"][1] == ["Rupert Murdoch"]


def test_model_errors_are_corrected_by_the_gazetteer(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "OpenAI and Akash Network are rivals of a sort. Akash is a decentralised cloud.",
    )
    assert ents["OpenAI"][0] == "Company"
    assert ents["Akash Network"] == ("Company", ["Akash Network", "Akash"])


def test_bare_ai_and_lowercase_fragments_are_not_entities(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "AI is everywhere. The AI boom lifted chip stocks as AI demand grew in the cloud.",
    )
    assert "AI" not in ents
    assert all(label[:1].isupper() or label[:1].isdigit() for label in ents)


def test_generic_chip_mentions_link_to_a_family_node(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Graphics processing units (GPUs) are scarce, and neural network chips even more.",
    )
    assert ents["GPU"][0] == "Chip"
    assert set(ents["GPU"][1]) == {"Graphics processing units", "GPUs"}
    assert ents["AI accelerator"][0] == "Chip"


def test_part_numbers_in_chip_context_are_chips(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "The startup trained on XR700 accelerators, and said the QZ90s were next.",
    )
    assert ents["XR700"][0] == "Chip"
    assert "QZ90" in ents  # the plural names the part
    quiet = _entities(extractor, "Revenue in Q4 rose, and COVID19 cases fell in 2021.")
    assert not any(v[0] == "Chip" for v in quiet.values())


def test_titles_and_appositions_vouch_for_people(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Maren Okafor, a researcher at the Institute for Compute Policy, disagreed. "
        "Its founder Tavi Lindqvist declined to comment.",
    )
    assert ents["Maren Okafor"][0] == "Person"
    assert ents["Tavi Lindqvist"][0] == "Person"
    assert ents["Institute for Compute Policy"][0] == "Organization"


def test_handles_link_to_the_person_they_follow(extractor: Extractor) -> None:
    ents = _entities(extractor, "A post by Zara Quill (@zquill) went viral.\n— Zara Quill")
    assert "@zquill" in ents["Zara Quill"][1]


def test_no_entity_crosses_a_line_break(extractor: Extractor) -> None:
    text = "Nvidia Blackwell\nMicrosoft Azure Sales Team\nGoogle\nOpenAI Research Lab"
    facts = extractor.extract(Article.create(title="", body=text, source="t.txt"))
    for e in facts.entities:
        for m in e.mentions:
            assert "\n" not in m.text
            assert text[m.start : m.end] == m.text


def test_offsets_point_into_the_article_text(example_facts: list) -> None:
    for f in example_facts:
        for e in f.entities:
            for m in e.mentions:
                assert f.article.text[m.start : m.end] == m.text


def test_a_user_adds_a_company_with_a_yaml_file(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "type: Company\nentries:\n  - name: Quibblenet Compute\n    wikidata: Q999999\n"
        "    aliases: [QNC]\n",
        encoding="utf-8",
    )
    ex = Extractor(entities=[extra])
    facts = ex.extract(
        Article.create(title="", body="QNC signed a deal with Nvidia.", source="x.txt")
    )
    found = {e.label: e for e in facts.entities}
    assert found["Quibblenet Compute"].type == "Company"
    assert found["Quibblenet Compute"].wikidata == "Q999999"


def test_a_broken_entity_file_is_one_clear_error(tmp_path: Path) -> None:
    from graph.errors import GazetteerError

    bad = tmp_path / "bad.yaml"
    bad.write_text("type: Company\nentries:\n  - name: Foo\n    type: Spaceship\n")
    with pytest.raises(GazetteerError, match=r"bad\.yaml.*Spaceship"):
        Extractor(entities=[bad])


def test_examples_hold_the_expected_entities(example_facts: list) -> None:
    found = {(e.label, e.type) for f in example_facts for e in f.entities}
    for label, type_ in [
        ("Nvidia", "Company"), ("Akash Network", "Company"), ("Render Network", "Company"),
        ("OpenAI", "Company"), ("Tesla", "Company"), ("Elon Musk", "Person"),
        ("Greg Osuri", "Person"), ("Lennart Heim", "Person"), ("Chris Miller", "Person"),
        ("ChatGPT", "Product"),
    ]:  # fmt: skip
        assert (label, type_) in found
    assert not any(label == "AI" for label, _ in found)


def test_an_acronym_the_text_defines_is_that_entity(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "The Federal Compute Safety Commission (FCSC) approved the plan. "
        "The FCSC said the reactor was safe, while SMR designs and DUV tools were debated.",
    )
    commission = ents["Federal Compute Safety Commission"]
    assert commission[0] == "Organization"
    assert commission[1].count("FCSC") == 2
    assert "SMR" not in ents and "DUV" not in ents  # undefined acronyms: not companies


def test_units_and_figures_are_not_entities(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "The campus will draw 500MW and store 30 TB per rack, moving data at 9.2 GT/s "
        "across 1,000 H100 chips.",
    )
    assert "H100" in ents
    assert not {"500MW", "TB", "GT", "GT/s"} & set(ents)


def test_honorifics_and_administrations(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Dr Oriana Velt, an adviser, said the Biden administration would review the deal.",
    )
    assert ents["Oriana Velt"][0] == "Person"
    assert ents["Biden administration"][0] == "Organization"


def test_a_head_noun_types_a_name_the_model_mislabels(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "The Zorbix processor beat rivals, and the lab ran it on Quarlin, the operating "
        "system it also builds.",
    )
    assert ents["Zorbix"][0] == "Chip"
    assert ents.get("Quarlin", ("Product",))[0] == "Product"


def test_an_apposition_with_modifiers_vouches_for_a_person(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Brenna Tolliver, an Acme Robotics engineer, said the cluster was ready. "
        "Dr Tolliver added that more racks were coming.",
    )
    assert ents["Brenna Tolliver"][0] == "Person"
    # "Dr Tolliver" is the same person, not a second one with an honorific
    assert ents["Brenna Tolliver"][1][-1] == "Tolliver"
    assert not any(label.startswith("Dr") for label in ents)


def test_a_country_government_is_one_organisation(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "The US government told the firm to stop. Later the government of the United "
        "States relented, the Dutch government agreed, and the Trump administration, "
        "led by Donald Trump, signed.",
    )
    us = ents["United States government"]
    assert us == ("Organization", ["US government", "government of the United States"])
    assert ents["Netherlands government"][0] == "Organization"
    assert ents["Trump administration"][0] == "Organization"
    assert ents["Donald Trump"][0] == "Person"
    assert "United States" not in ents


def test_a_family_with_a_version_number_is_its_own_chip_or_product(
    extractor: Extractor,
) -> None:
    ents = _entities(
        extractor,
        "Meta showed MTIA 300 chips, Intel shipped Xeon 6 processors and Meta will "
        "release Llama 7 soon. Rivals bought 500 H100 GPUs.",
    )
    assert ents["MTIA 300"][0] == "Chip"
    assert ents["Xeon 6"][0] == "Chip"
    assert ents["Llama 7"][0] == "Product"
    assert "H100" in ents and not any(label.startswith("H100 ") for label in ents)


def test_a_makers_name_licenses_its_products_short_form(extractor: Extractor) -> None:
    ents = _entities(extractor, "Google unveiled a chip. Dubbed Axion, it is built on Arm.")
    assert ents["Google Axion"] == ("Chip", ["Axion"])
    ents = _entities(extractor, "Dubbed Axion, the new rocket is ready.")
    assert "Google Axion" not in ents


def test_name_shapes_type_what_the_model_mislabels(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "The firm moved work to the Northern Qelvar Science Park and readied Fab 71 "
        "there. Investors included Brindle Global and Orsk Securities, and the chain "
        "was written with the Tavrin SDK. Its chief spoke at Quorvex 2031 and at the "
        "annual Zentara Expo.",
    )
    assert ents["Fab 71"][0] == "Place"
    assert ents["Brindle Global"][0] == "Company"
    assert ents["Orsk Securities"][0] == "Company"
    assert ents["Tavrin SDK"][0] == "Product"
    assert not any("Quorvex" in label or "Zentara" in label for label in ents)


def test_a_known_place_inside_a_longer_name(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "The plant sits in the Southern Taiwan Science Park, and engineers trained at "
        "Arizona State University.",
    )
    assert ents["Southern Taiwan Science Park"][0] == "Place"
    assert ents["Arizona State University"][0] == "Organization"
    assert "Taiwan" not in ents and "Arizona" not in ents


def test_names_with_particles_honorifics_and_of_phrases(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "The president of the country, Sheikh Mohamed bin Zayed al-Nahyan, met the "
        "lawmaker Rep. Raja Krishnamoorthi of the House Select Committee on China "
        "at the Lancium Clean Campus in Texas.",
    )
    assert ents["Mohamed bin Zayed al-Nahyan"][0] == "Person"
    assert ents["Raja Krishnamoorthi"][0] == "Person"
    assert ents["House Select Committee on China"][0] == "Organization"
    assert "Lancium Clean Campus" in ents


def test_person_names_with_inner_capitals_hyphens_and_titles(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "The plan was set out on stage. Brad McCredie, the firm's corporate vice "
        "president, spoke first; the venture will be led by chief executive Park "
        "Sung-hyun. The country's President Sheikh Mohamed bin Zayed al-Nahyan agreed.",
    )
    assert ents["Brad McCredie"][0] == "Person"
    assert ents["Park Sung-hyun"][0] == "Person"
    assert ents["Mohamed bin Zayed al-Nahyan"][0] == "Person"
    assert not any(label.startswith("President") for label in ents)


def test_a_named_project_is_a_product(extractor: Extractor) -> None:
    ents = _entities(extractor, "Microsoft said that Project Velbrin would train its models.")
    assert ents["Project Velbrin"][0] == "Product"


def test_model_guesses_need_evidence_of_their_shape(extractor: Extractor) -> None:
    from graph.extract.entities import type_by_evidence

    doc = extractor.nlp.make_doc("Calcutta and the Peoples Bank of Kern County and ZX81")
    assert type_by_evidence(doc[0:1], "PRODUCT") is None  # a lone common-looking word
    assert type_by_evidence(doc[9:10], "PRODUCT") == "Product"  # a model number
    assert type_by_evidence(doc[3:8], "ORG") == "Company"  # head "Bank", not "County"


def test_a_compass_word_before_a_known_place_makes_another_place(extractor: Extractor) -> None:
    ents = _entities(extractor, "The firm broke ground in West Memphis, near the river.")
    assert ents["West Memphis"][0] == "Place"
    assert "Memphis" not in ents


def test_a_company_noun_before_a_name_makes_it_a_company(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Rents rose by a third, according to the property consultancy Harrow Vale. "
        "The trading company Quill Tarn built a GPU cluster in 2021.",
    )
    assert ents["Harrow Vale"][0] == "Company"
    assert ents["Quill Tarn"][0] == "Company"


def test_a_role_after_a_name_makes_it_the_employer(extractor: Extractor) -> None:
    ents = _entities(
        extractor, "The deal may set a precedent for miners, said Corvane analyst Mira Tolsen."
    )
    assert ents["Corvane"][0] == "Company"
    assert ents["Mira Tolsen"][0] == "Person"


def test_names_in_one_list_share_the_known_names_type(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Other investors in the round are Nvidia, Protocol Labs, Brisk Orrin and Teller Quay.",
    )
    assert ents["Brisk Orrin"][0] == "Company"
    assert ents["Teller Quay"][0] == "Company"


def test_an_age_after_a_name_makes_it_a_person(extractor: Extractor) -> None:
    ents = _entities(
        extractor, "The two accused are Hal Ning Vo, 34, who lives in Ohio, and a partner."
    )
    assert ents["Hal Ning Vo"][0] == "Person"


def test_a_role_is_trimmed_from_a_persons_name(extractor: Extractor) -> None:
    ents = _entities(
        extractor, '"It is a crime," Assistant Attorney General Rolf Aldana said on Monday.'
    )
    assert ents["Rolf Aldana"][0] == "Person"
    assert not any("Attorney" in label for label in ents)


def test_a_known_name_starting_a_longer_name_gives_way(extractor: Extractor) -> None:
    ents = _entities(
        extractor, "The unit was sold by Goldman Sachs Asset Management to a rival last year."
    )
    assert ents["Goldman Sachs Asset Management"][0] == "Company"
    assert "Goldman Sachs" not in ents


def test_a_chip_shortened_in_brackets_is_one_chip(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "AWS announced its Trainium2 (T2) chips. A server with 16 T2 chips is faster.",
    )
    assert ents["Trainium2"][0] == "Chip"
    assert ents["Trainium2"][1].count("T2") == 2
    assert "T2" not in ents


def test_laws_are_not_entities(extractor: Extractor) -> None:
    ents = _entities(
        extractor, "They broke the Export Control Reform Act, prosecutors in Florida said."
    )
    assert not any(label.endswith("Act") for label in ents)


def test_a_family_with_a_model_size_is_its_own_product(extractor: Extractor) -> None:
    ents = _entities(extractor, "Meta said its Llama 405B model runs faster on the new servers.")
    assert ents["Llama 405B"][0] == "Product"


def test_amounts_and_adjectives_are_not_entities(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Zentro will invest INR 40,000 crore in the plant. Middle Eastern buyers want "
        "American AI technology, the Zentro board said.",
    )
    assert not any("40,000" in label for label in ents)
    assert "Middle Eastern" not in ents
    assert "American AI" not in ents


def test_government_offices_are_not_companies(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Commerce Secretary Ada Lin met the Consul General of Peru and Ohio Governor Press "
        "Secretary Dan Brell in Columbus on Monday.",
    )
    assert ents.get("Commerce", ("",))[0] != "Company"
    assert "Consul General" not in ents
    assert "Ohio Governor Press" not in ents


def test_an_organisation_shortened_to_its_head_noun_is_one_node(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "The European Commission approved the deal on Friday. The Commission said the "
        "merger raised no concerns, and the EU Commission closed the case.",
    )
    assert ents["European Commission"][0] == "Organization"
    assert "Commission" not in ents
    assert "EU Commission" not in ents


def test_a_name_joined_by_a_colon_or_hyphen_is_kept_whole(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Nvidia bought the Israeli startup Run:ai last year. The plant is in "
        "North Rhine-Westphalia's west.",
    )
    assert "Run" not in ents
    assert "North Rhine" not in ents


def test_a_speaker_retyped_as_a_company_gets_a_company_id_and_its_claims_follow() -> None:
    from graph.extract import _missed_speakers, _respeak
    from graph.model import Claim, EntityRef

    text = "Bernstein analysts said demand would double."
    claim = Claim(
        "claim/x", text, "prediction", 0, len(text), EntityRef("person/bernstein", "Bernstein")
    )
    missed = _missed_speakers(text, [], [claim])
    [entity] = missed.values()
    assert (entity.id, entity.type) == ("company/bernstein", "Company")
    [moved] = _respeak([claim], missed)
    assert moved.speaker == EntityRef("company/bernstein", "Bernstein")
