"""The spaCy pipeline: tokenizer rules newsgraph adds."""

from __future__ import annotations

from pathlib import Path

from graph.extract import Extractor
from graph.model import Article, ArticleFacts
from tests.helpers import types_of as _labels


def _gazetteer_file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _facts(extractor: Extractor, body: str) -> ArticleFacts:
    return extractor.extract(Article.create(title="", body=body, source="t.txt"))


def test_a_possessive_written_with_a_left_quote_mark_splits_off(extractor: Extractor) -> None:
    tokens = [t.text for t in extractor.nlp.make_doc("SpaceX‘s Gwynne Shotwell and Nvidia’s chips")]
    assert tokens[:2] == ["SpaceX", "‘s"]
    assert tokens[-3:-1] == ["Nvidia", "’s"]


def test_a_company_with_a_left_quote_possessive_is_found(extractor: Extractor) -> None:
    ents = _labels(
        extractor,
        "Industry leaders, including SpaceX‘s Gwynne Shotwell and Qualcomm‘s Cristiano "
        "Amon, voiced support for the plan.",
    )
    assert ents["SpaceX"] == "Company"
    assert ents["Qualcomm"] == "Company"
    assert not any("‘" in label for label in ents)


def test_the_fast_pipeline_splits_the_possessive_too() -> None:
    facts = _facts(Extractor(fast=True), "SpaceX‘s launch went well.")
    assert [e.label for e in facts.entities] == ["SpaceX"]


def test_a_maker_and_its_chip_by_short_forms_vouch_for_each_other(tmp_path) -> None:
    companies = _gazetteer_file(
        tmp_path,
        "companies.yaml",
        "type: Company\nentries:\n  - name: Brightline Silicon Inc\n"
        "    short_forms: [Brightline]\n",
    )
    chips = _gazetteer_file(
        tmp_path,
        "chips.yaml",
        "type: Chip\nentries:\n  - name: Brightline Falcon\n    short_forms: [Falcon]\n"
        "    maker: Brightline Silicon Inc\n",
    )
    ex = Extractor(entities=[companies, chips])
    both = _facts(ex, "Brightline said its chip, Falcon, beats GPUs.")
    found = {e.label: e.type for e in both.entities}
    assert found["Brightline Silicon Inc"] == "Company"
    assert found["Brightline Falcon"] == "Chip"
    alone = _facts(ex, "A Falcon flew over the stadium in Orlando.")
    assert "Brightline Falcon" not in {e.label for e in alone.entities}


def test_lemmas_are_the_same_as_spacys_own_lemmatizer(extractor: Extractor) -> None:
    from graph.extract.pipeline import load_model

    text = (
        "AT&T. said it was buying 40,000 GPUs, and analysts expected larger orders. "
        'Nvidia\'s chips were "STABLE" again; Brazil"s regulators are reviewing deals.\n'
        "Shares rose 5% as the companies announced better-than-expected results."
    )
    bare = load_model()(text)
    ours = extractor.nlp(text)
    assert "lemmatizer" not in extractor.nlp.pipe_names  # the lean one runs instead
    assert [t.text for t in ours] == [t.text for t in bare]
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in bare]


def test_a_name_matched_as_written_wins_over_a_shorter_name_and_its_suffix(tmp_path) -> None:
    companies = _gazetteer_file(
        tmp_path,
        "companies.yaml",
        "type: Company\nentries:\n  - name: Brightline Group\n    aliases: [Brightline]\n"
        "  - name: Brightline Corp.\n    aliases: [Brightline Corp]\n",
    )
    ex = Extractor(entities=[companies])
    facts = _facts(ex, "Brightline said its telecom unit, Brightline Corp, will build the cluster.")
    found = {e.label: [m.text for m in e.mentions] for e in facts.entities}
    assert found["Brightline Corp."] == ["Brightline Corp"]
    assert found["Brightline Group"] == ["Brightline"]
