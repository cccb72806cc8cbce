"""Claims from real parses of small, hand-written news texts."""

from __future__ import annotations

import pytest

from graph.extract import Extractor
from graph.model import Article, Claim

BODY = (
    "Nvidia said on Monday that its new chip would ship in March. "
    "Jensen Huang told reporters the company expects demand to keep rising. "
    "He warned that power supply will run short by 2027.\n"
    "\u201cWe cannot build data centers fast enough. Every customer wants more,\u201d "
    "said Huang.\n"
    "According to OpenAI, running ChatGPT costs more than $700,000 a day.\n"
    "The company also uses 500,000 kilowatt-hours per day.\n"
    "Shares of AMD rose 12% on the news.\n"
    "The weather in Santa Clara was mild."
)


@pytest.fixture(scope="module")
def claims(extractor: Extractor) -> list[Claim]:
    article = Article.create(title="Nvidia ships a chip", body=BODY, source="test.txt")
    facts = extractor.extract(article)
    for c in facts.claims:
        assert facts.article.text[c.start : c.end] == c.text
    return list(facts.claims)


def _claim(claims: list[Claim], start_of_text: str) -> Claim:
    found = [c for c in claims if c.text.startswith(start_of_text)]
    assert found, f"no claim starts with {start_of_text!r}: {[c.text for c in claims]}"
    return found[0]


def test_attributed_statement_names_its_speaker_and_cue(claims):
    c = _claim(claims, "Nvidia said on Monday")
    assert c.speaker is not None and c.speaker.label == "Nvidia"
    assert c.cue == "said"
    assert c.kind == "prediction"  # "would" in reported speech


def test_pronoun_speaker_resolves_to_the_last_person(claims):
    c = _claim(claims, "He warned")
    assert c.speaker is not None and c.speaker.label == "Jensen Huang"
    assert c.kind == "prediction"


def test_every_sentence_of_a_quotation_gets_the_speaker(claims):
    first = _claim(claims, "\u201cWe cannot build")
    second = _claim(claims, "Every customer")
    assert {first.kind, second.kind} == {"quote"}
    assert first.speaker == second.speaker
    assert first.speaker is not None and first.speaker.label == "Jensen Huang"


def test_according_to_and_quantities_are_normalised(claims):
    c = _claim(claims, "According to OpenAI")
    assert c.kind == "quantitative"
    assert c.speaker is not None and c.speaker.label == "OpenAI"
    assert c.cue == "according to"
    [q] = c.quantities
    assert (q.value, q.unit, q.per, q.qualifier) == (700_000, "USD", "day", "more than")
    assert "OpenAI" not in {a.label for a in c.about}  # the speaker is not what it is about


def test_unattributed_number_is_a_claim_without_speaker(claims):
    c = _claim(claims, "Shares of AMD")
    assert c.speaker is None
    assert c.kind == "quantitative"
    assert [a.label for a in c.about] == ["AMD"]
    assert c.quantities[0].unit == "%"


def test_plain_narrative_and_the_headline_are_not_claims(claims):
    texts = [c.text for c in claims]
    assert not any("weather" in t for t in texts)
    assert "Nvidia ships a chip" not in texts


def test_embedded_post_is_quoted_by_its_author(extractor: Extractor):
    body = (
        "Analysts were watching the market.\n"
        "The AI race is heating up and nobody has enough GPUs\n"
        "\u2014 Elon Musk (@elonmusk)\n"
        "Nvidia did not comment."
    )
    facts = extractor.extract(Article.create(title="Posts", body=body, source="post.txt"))
    c = _claim(list(facts.claims), "The AI race")
    assert c.kind == "quote"
    assert c.speaker is not None and c.speaker.label == "Elon Musk"


def test_claims_are_in_the_extract_json(claims, extractor: Extractor):
    data = claims[0].to_dict()
    assert set(data) >= {"id", "text", "kind", "speaker", "about", "quantities", "start", "end"}
    assert data["id"].startswith("claim/")


def test_expects_to_is_a_prediction_and_the_company_is_what_it_is_about(claims):
    c = _claim(claims, "Jensen Huang told")
    assert c.kind == "prediction"
    assert c.speaker is not None and c.speaker.label == "Jensen Huang"
    assert "Nvidia" in {a.label for a in c.about}  # "the company"
