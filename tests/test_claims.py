"""Claims from real parses of small, hand-written news texts."""

from __future__ import annotations

import pytest

from graph.extract import Extractor
from graph.extract.claims import find_claims
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


def _claims_of(extractor: Extractor, body: str) -> list[Claim]:
    facts = extractor.extract(Article.create(title="Speakers", body=body, source="s.txt"))
    return list(facts.claims)


def _speaker(claims: list[Claim], start_of_text: str) -> str | None:
    c = _claim(claims, start_of_text)
    return c.speaker.label if c.speaker is not None else None


def _claims_missing(extractor: Extractor, body: str, missed: str) -> list[Claim]:
    """Claims as if the entity extractor had recognised neither ``missed`` nor any person."""
    article = Article.create(title="Speakers", body=body, source="s.txt")
    doc = extractor.nlp(article.text)
    facts = extractor.facts(doc, article)
    kept = [e for e in facts.entities if e.label != missed and e.type != "Person"]
    return list(find_claims(doc, kept, article))


def test_a_name_the_entity_extractor_missed_is_still_the_speaker(extractor: Extractor):
    claims = _claims_missing(
        extractor,
        "Acme Robotics builds its own accelerators.\n"
        "According to Wendell Farrowby, speaking to Reuters, custom chips cut its costs "
        "by 30%.\n"
        "\u201cIt also gives us more than one supplier,\u201d Farrowby said.\n"
        "\u201cThat is leverage.\u201d\n"
        "However, Farrowby noted that the chips will not train large models.",
        missed="Wendell Farrowby",
    )
    for start in ("According to", "\u201cIt also", "\u201cThat is", "However"):
        assert _speaker(claims, start) == "Wendell Farrowby", start
    c = _claim(claims, "According to")
    assert c.speaker is not None and c.speaker.id == "person/wendell-farrowby"
    assert "Wendell Farrowby" not in {a.label for a in c.about}


def test_a_missed_name_keeps_its_particles(extractor: Extractor):
    claims = _claims_missing(
        extractor,
        "Acme shares fell on Monday.\n"
        "Analyst Pieter van der Moolen of Delta Bank said the results were weak.",
        missed="Pieter van der Moolen",
    )
    assert _speaker(claims, "Analyst") == "Pieter van der Moolen"


def test_an_honorific_marks_a_person_over_the_body_they_sit_on(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "\u201cThis decision hands our rivals the best chips we have,\u201d said Rep. Dana "
        "Okafrey, the ranking member of the House Energy Committee.",
    )
    assert _speaker(claims, "\u201cThis decision") == "Dana Okafrey"


def test_a_report_speaks_for_its_publisher(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "Nvidia may delay its next chip.\n"
        "The report comes from The Daily Wafer, citing people familiar with the matter.\n"
        "The story says Nvidia will ship the chip three months late.\n"
        "Customers have already ordered chips worth $10 billion, according to the report.",
    )
    for start in ("The story says", "Customers have"):
        label = _speaker(claims, start)
        assert label is not None and label.removeprefix("The ") == "Daily Wafer", start


def test_a_dateline_is_not_the_speaker(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "SAN JOSE, California, May 3 (Reuters) - Nvidia said on Friday that shipments of "
        "its new chip would start in 2026.",
    )
    assert _speaker(claims, "SAN JOSE") == "Nvidia"


def test_the_company_at_the_end_is_the_subject_of_its_own_sentence(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "Intel's new foundry line will compete with rival TSMC for orders next year, "
        "the company said on Monday.",
    )
    assert _speaker(claims, "Intel's new foundry") == "Intel"


def test_unnamed_sources_do_not_lend_their_words_to_whom_they_report_on(
    extractor: Extractor,
):
    claims = _claims_of(
        extractor, "In May several reports said Micron expected to ship the memory in 2026."
    )
    assert _speaker(claims, "In May") is None


def test_a_pronoun_continues_the_speaker_of_the_sentence_before(extractor: Extractor):
    claims = _claims_missing(
        extractor,
        "Acme makes servers.\n"
        "Orin Vasquel, Acme's vice president for servers, noted that demand doubled.\n"
        "Vasquel highlighted the value of the new accelerators.\n"
        "\u201cWe are relentless in our pace of innovation,\u201d he stated.",
        missed="Orin Vasquel",
    )
    for start in ("Orin", "Vasquel highlighted", "\u201cWe are"):
        assert _speaker(claims, start) == "Orin Vasquel", start


def test_a_quoted_term_does_not_borrow_the_next_quotation_speaker(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "The startup plans to build what it calls \u201cAI factories\u201d next year.\n"
        "\u201cWe are growing fast,\u201d said Jensen Huang.",
    )
    assert _speaker(claims, "The startup") is None
    assert _speaker(claims, "\u201cWe are") == "Jensen Huang"


def test_as_per_attributes_like_according_to(extractor: Extractor):
    claims = _claims_of(
        extractor, "As per the Greater Tulsa Chamber, xAI will add 500 jobs at the site."
    )
    label = _speaker(claims, "As per")
    assert label is not None and label.endswith("Tulsa Chamber")


# -- attribution rules: who speaks, and when no one does ----------------------------------


def test_agreeing_to_a_deal_is_news_not_a_statement(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "Nvidia has agreed to acquire a small software startup for $700 million.\n"
        "Intel agreed that the market will grow by 2027.",
    )
    assert _speaker(claims, "Nvidia has agreed") is None
    assert _speaker(claims, "Intel agreed") == "Intel"


def test_a_reporting_verb_in_a_clause_of_time_reports_an_event(extractor: Extractor):
    claims = _claims_of(
        extractor, "Shares of AMD rose 9% on Monday after the company announced a deal with Dell."
    )
    assert _speaker(claims, "Shares of AMD") is None


def test_a_reporting_verb_used_as_an_adjective_is_no_cue(extractor: Extractor):
    claims = _claims_of(
        extractor, "The price represents 20 times Intel's estimated earnings for next year."
    )
    assert _speaker(claims, "The price") is None


def test_a_thing_someone_announced_is_not_their_claim(extractor: Extractor):
    claims = _claims_of(
        extractor, "The chips, which Google first announced last year, will be twice as fast."
    )
    assert _speaker(claims, "The chips") is None


def test_as_reported_by_names_the_reporter(extractor: Extractor):
    claims = _claims_missing(
        extractor,
        "As first reported by Wafer Weekly, Microsoft has hired a nuclear power team of 20.",
        missed="Wafer Weekly",
    )
    label = _speaker(claims, "As first reported")
    assert label is not None and "Wafer Weekly" in label


def test_two_speakers_together_make_no_single_speaker(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "Nvidia shipped the chip.\n"
        "\u201cWe will run on carbon-free energy by 2030,\u201d Jensen Huang and Lisa Su "
        "wrote in a joint post.",
    )
    assert _speaker(claims, "\u201cWe will run") is None


def test_a_list_of_sources_is_not_one_of_them(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "Local press including Bloomberg and Reuters are reporting that Intel will close "
        "the plant next year.",
    )
    assert _speaker(claims, "Local press") is None


def test_the_company_led_by_a_person_is_the_company(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "Nvidia makes most AI chips.\n"
        "Since then, the company led by Jensen Huang has announced plans to invest "
        "$5 billion in Intel.",
    )
    assert _speaker(claims, "Since then") == "Nvidia"


def test_a_misparsed_double_subject_prefers_the_person(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "SoftBank bought Graphcore in July.\n"
        "Graphcore\u2019s co-founder and CEO Nigel Toon views the sale as a fresh start, "
        "stating that demand for AI compute will keep growing.",
    )
    assert _speaker(claims, "Graphcore") == "Nigel Toon"


def test_a_spokesperson_speaks_for_the_company(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "AWS launched the chip in December.\n"
        "An AWS spokesperson informed us that the figure of 20 petaflops is for dense models.",
    )
    assert _speaker(claims, "An AWS spokesperson") == "Amazon Web Services"


def test_executives_on_the_call_are_the_company(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "Cisco reported strong orders on Wednesday.\n"
        "According to executives on the company\u2019s earnings call, two-thirds of the "
        "$600 million in orders were systems.",
    )
    label = _speaker(claims, "According to executives")
    assert label is not None and label.startswith("Cisco")


def test_a_possessive_source_speaks_through_its_analysts(extractor: Extractor):
    claims = _claims_missing(
        extractor,
        "Acme controls just 3 per cent of the market, according to Bernstein\u2019s analysts.",
        missed="Bernstein",
    )
    assert _speaker(claims, "Acme controls") == "Bernstein"


def test_its_view_is_the_company_speaking(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "Arm reported revenue of $939 million.\n"
        "But the chip designer maintained its full-year view of $4 billion in revenue.",
    )
    assert _speaker(claims, "But the chip designer") == "Arm Holdings"


def test_an_outlook_in_the_present_tense_is_attributed(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "Arm reported revenue of $939 million.\n"
        "For the next quarter, Arm sees revenue of $780 million to $830 million.",
    )
    assert _speaker(claims, "For the next quarter") == "Arm Holdings"


def test_what_someone_calls_a_quoted_phrase_is_theirs(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "The AI250 promises what Qualcomm calls \u201ca generational leap in efficiency\u201d "
        "with much lower power use.",
    )
    assert _speaker(claims, "The AI250") == "Qualcomm"


def test_indicated_that_attributes(extractor: Extractor):
    claims = _claims_missing(
        extractor,
        "Acme Photonics raised $400 million.\n"
        "Co-founder Wendell Farrowby indicated that this could be the last private round.",
        missed="Wendell Farrowby",
    )
    assert _speaker(claims, "Co-founder") == "Wendell Farrowby"


def test_the_minister_is_the_person_of_that_title(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "IT Minister Ashwini Vaishnaw announced the approval on Thursday.\n"
        "Tata will build the plant with Renesas Electronics and Stars Microelectronics.\n"
        "The unit will make 48 million chips a day, the minister said.",
    )
    assert _speaker(claims, "The unit will") == "Ashwini Vaishnaw"


def test_it_after_a_sentence_about_a_thing_is_the_body_named_there(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "ASML sells lithography machines to China.\n"
        "The ban came after years of pressure from the European Commission. "
        "It announced last October that it would limit exports of chip tools.",
    )
    assert _speaker(claims, "It announced") == "European Commission"


def test_the_report_is_the_publication_cited_before(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "Arm has signed Meta as its first chip customer, according to the Financial Times.\n"
        "The chip will be made by TSMC from 2026, the report said.",
    )
    assert _speaker(claims, "The chip will") == "Financial Times"


def test_a_company_s_own_letter_speaks_for_it(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "Arm issued light guidance on Wednesday.\n"
        "Revenue grew 39% in the quarter, according to a shareholder letter.",
    )
    assert _speaker(claims, "Revenue grew") == "Arm Holdings"


def test_the_department_is_not_a_company_qualifying_the_subject(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "The Justice Department charged four men on Thursday.\n"
        "Some 400 Nvidia A100 GPUs were exported in two shipments, the department said.",
    )
    label = _speaker(claims, "Some 400")
    assert label is not None and "Justice" in label


def test_a_suffix_of_a_known_name_is_not_a_new_speaker(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "SK hynix Inc., the world's largest maker of memory chips, announced today that it "
        "will invest $2 billion in Ohio.",
    )
    assert _speaker(claims, "SK hynix") == "SK Hynix"


def test_a_report_of_its_own_speaks_for_its_owner(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "Microsoft bought 13 GW of clean energy, according to its latest sustainability report.",
    )
    assert _speaker(claims, "Microsoft bought") == "Microsoft"


def test_an_agency_is_the_body_just_named(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "China's State Administration for Market Regulation announced Monday that Nvidia "
        "broke the law.\nThe agency said it will investigate further.",
    )
    assert _speaker(claims, "The agency") not in (None, "Nvidia")


def test_sees_of_a_thing_is_no_outlook(extractor: Extractor):
    claims = _claims_of(
        extractor,
        "The government will pay $8 billion for the project, which also sees TSMC building "
        "a second plant.",
    )
    assert _speaker(claims, "The government") is None


def test_a_clause_with_no_verb_has_no_subject_and_the_search_ends() -> None:
    """spaCy makes a new Token object on every access, so walking up to the root must
    compare positions: a verbless fragment once looped for ever here."""
    import signal

    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from graph.extract.claims import _clause_subject

    doc = Doc(
        Vocab(),
        words=["His", "parting", "statement"],
        heads=[2, 2, 2],
        deps=["poss", "amod", "ROOT"],
        pos=["PRON", "ADJ", "NOUN"],
    )
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("_clause_subject did not return"))
    signal.alarm(5)
    try:
        assert _clause_subject(doc[0]) == []
    finally:
        signal.alarm(0)


def test_a_date_before_a_dateline_is_not_the_speaker(extractor: Extractor):
    body = (
        "Feb 13 (Reuters) - Applied Materials AMAT.O forecast second-quarter revenue below "
        "market estimates on Thursday, expecting escalating geopolitical tensions to weigh on "
        "sales of its chipmaking equipment."
    )
    facts = extractor.extract(Article.create(title="A forecast", body=body, source="s.txt"))
    assert _speaker(list(facts.claims), "Feb 13") == "Applied Materials"
    assert "Feb" not in {e.label for e in facts.entities}


def test_an_owners_announced_plan_is_not_a_statement_of_the_owner(extractor: Extractor):
    body = "Last year, Constellation’s announced plan to restart the reactor became national news."
    facts = extractor.extract(Article.create(title="A plan", body=body, source="s.txt"))
    assert all(c.speaker is None for c in facts.claims)


def test_a_unit_the_model_took_for_a_name_is_not_a_speaker(extractor: Extractor) -> None:
    body = (
        "Fluidstack will take more than 200 megawatts (MW) of load.\n\n"
        "The deployment plan includes 40 MW set to go online, with the full capacity of "
        "over 200 MW expected to be operational by the end of 2026."
    )
    facts = extractor.extract(Article.create(title="", body=body, source="t.txt"))
    assert not [e for e in facts.entities if e.label == "MW"]
    assert all(c.speaker is None or c.speaker.label != "MW" for c in facts.claims)


def test_according_to_a_title_the_speaker_is_the_person_in_apposition(extractor: Extractor):
    (c,) = _claims_of(
        extractor,
        "According to the Minister of Communications, Innovation and Digital Economy, Dr. "
        "Bosun Tijani, the hub will train 5,000 engineers by 2027.",
    )
    assert c.speaker is not None and c.speaker.label == "Bosun Tijani"
