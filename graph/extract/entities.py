"""Entity candidates from a parsed document: cleaned, typed, junk dropped.

Gazetteer spans are taken as they are. Spans of the statistical NER are cleaned
(descriptors, articles and possessives trimmed, split at line breaks), then typed by
evidence, strongest first:

1. the gazetteer, if the cleaned text is a known name;
2. the name's own form: company suffixes (Inc., Corp., Network, Labs ...) and
   organisation words (University, Center, Ministry ...);
3. titles and roles around it ("CEO", "founder", "researcher at");
4. the model's label, last.

Junk is dropped: bare "AI", lower-case fragments, all-caps headline runs, spans holding a
verb or pronoun, dates and numbers.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from spacy.lookups import Table
from spacy.tokens import Doc, Span, Token

from ontology.gazetteer import Gazetteer, GazetteerEntry
from ontology.ids import entity_id
from ontology.towns import cities, towns

MODEL_LABELS = {
    "PERSON": "Person",
    "ORG": "Company",
    "GPE": "Place",
    "LOC": "Place",
    "PRODUCT": "Product",
}

LEGAL_SUFFIXES = {
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "ltd",
    "ltd.",
    "llc",
    "plc",
    "ag",
    "sa",
    "s.a.",
    "gmbh",
    "nv",
    "n.v.",
    "bv",
    "limited",
    "incorporated",
    "lp",
    "l.p.",
    "llp",
    "l.l.p.",
}
"""Legal-form suffixes: a name ending in one is a company's, whatever else it says."""

COMPANY_SUFFIXES = LEGAL_SUFFIXES | {
    "group",
    "holdings",
    "technologies",
    "technology",
    "labs",
    "lab",
    "network",
    "networks",
    "systems",
    "capital",
    "partners",
    "ventures",
    "semiconductor",
    "semiconductors",
    "electronics",
    "motors",
    "energy",
    "airlines",
    "bank",
    "computing",
    "software",
    "platforms",
    "solutions",
    "industries",
    "media",
    "communications",
    "telecom",
    "pharmaceuticals",
    "robotics",
    "ai",
    "cloud",
    "devices",
    "micro",
    "foundry",
    "studios",
    "games",
    "entertainment",
    "enterprises",
    "global",
    "securities",
    "investments",
    "biz",
    "digital",
    "press",
    "microelectronics",
    "photonics",
    "analytics",
    "materials",
    "instruments",
    "infrastructure",
    "hyperscale",
    "datacenters",
    "mining",
    "management",
    "advisers",
    "advisors",
    "crypto",
    "electric",
    "financial",
    "chemical",
    "chemicals",
    "power",
    "auto",
    "automotive",
    "airways",
    "steel",
    "pharma",
    "cooperative",
    "co-op",
    "internet",
    "generation",
}
"""Last words that make an organisation name a company's ("Akash Network", "Acme Inc.")."""

ORGANIZATION_WORDS = {
    "university",
    "institute",
    "center",
    "centre",
    "council",
    "agency",
    "department",
    "ministry",
    "ministries",
    "commission",
    "committee",
    "foundation",
    "association",
    "society",
    "government",
    "parliament",
    "congress",
    "senate",
    "party",
    "union",
    "court",
    "bureau",
    "administration",
    "authority",
    "office",
    "federation",
    "league",
    "board",
    "school",
    "college",
    "academy",
    "laboratory",
    "organisation",
    "organization",
    "reserve",
    "forum",
    "nations",
    "assembly",
    "police",
    "army",
    "navy",
    "force",
    "cabinet",
    "tribunal",
    "regulator",
    "observatory",
    "consortium",
    "alliance",
    "initiative",
    "club",
    "chamber",
    "service",
    "operator",
    "iea",
    "opec",
    "nato",
    "fbi",
    "cia",
    "directorate",
    "nasa",
    "who",
    "imf",
    "wto",
    "sec",
    "ftc",
    "fcc",
}
"""Words that make an organisation name a non-company's ("Center for the Governance of AI")."""

_ORGANIZATION_ACRONYMS = {
    "iea", "opec", "nato", "fbi", "cia", "nasa", "who", "imf", "wto", "sec", "ftc", "fcc",
}  # fmt: skip
"""The organisations among those words ("Opec", "Nasa"), as against kinds ("Union")."""

PERSON_TITLES = {
    "ceo",
    "cfo",
    "cto",
    "coo",
    "founder",
    "co-founder",
    "cofounder",
    "chairman",
    "chairwoman",
    "chair",
    "president",
    "director",
    "researcher",
    "analyst",
    "author",
    "professor",
    "executive",
    "chief",
    "head",
    "minister",
    "secretary",
    "senator",
    "governor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "engineer",
    "scientist",
    "investor",
    "economist",
    "administrator",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
}

JUNK = {
    "ai",
    "exclusive",
    "breaking",
    "member states",
    "member state",
    "a.i.",
    "a.i",  # "A.I." with its full stop trimmed
    "public benefit corporation",
    "kingdom",  # "the Kingdom": a country named before, or a title
    "republic",
    "supercomputer",  # "its Taipei-1 Supercomputer facility": a noun, capitalised
    "mou",  # a memorandum of understanding
    "mous",
    "ddos",
    "mbps",
    "gbps",
    "ceos",
    "cfos",
    "ctos",
    "artificial intelligence",
    "gpu",
    "gpus",
    "cpu",
    "llm",
    "llms",
    "ml",
    "nlp",
    "genai",
    "gen ai",
    "ceo",
    "cfo",
    "cto",
    "api",
    "apis",
    "saas",
    "iot",
    "ar",
    "vr",
    "covid",
    "covid-19",
    "ev",
    "evs",
    "ipo",
    "etf",
    "esg",
    "q1",
    "q2",
    "q3",
    "q4",
    "fy",
    "podcast",
    "newsletter",
    "crypto",
    "web3",
    "blockchain",
    "bitcoin",
    "the cloud",
    "cloud",
    "data",
    "internet",
    "tech",
    "ai triad",
    "ex",
    "north",
    "south",
    "east",
    "west",
    "pm",
    "am",
    "et",
    "pt",
    "gmt",
    "utc",
    "compute",
    "computing",
    "exascale",
    "zettascale",
    "petascale",
    "semiconductor",
    "semiconductors",
    "robotics",
    "biotech",
    "fintech",
    "quantum",
    "metaverse",
    "startup",
    "founder",
    "co-founder",
    "cofounder",
    "chairman",
    "president",
    "analyst",
    "analysts",
    "investors",
    "wall street",
    "big tech",
    "silicon",
    "chips",
    "chip",
    "hardware",
    "software",
    "machine learning",
    "deep learning",
    "generative ai",
    "cloud computing",
    "data center",
    "data centers",
    "data centre",
    "tb",
    "gb",
    "mb",
    "pb",
    "kb",
    "gt",
    "gw",
    "mw",
    "kw",
    "twh",
    "gwh",
    "mwh",
    "kwh",
    "nm",
    "ghz",
    "mhz",
    "tflops",
    "pflops",
    "exaflops",
    "petaflops",
    "teraflops",
    "gt/s",
    "tops",
    "gan",
    "sic",
    "vc",
    "vcs",
    "black",
    "hispanic",
    "latino",
    # trade shows and conferences, which are events, not entities of the graph
    "computex", "ces", "mwc", "gtc", "vivatech", "africacom", "hot chips", "semicon west",
    "web summit", "re:invent", "ignite", "google i/o", "wwdc", "sc24", "sc25",
    "isscc", "iedm", "ocp summit",
    # technical terms and formulas the model takes for names
    "nox", "sox", "co2", "serdes", "pue", "hvdc", "hbm", "dram", "nand", "euv", "duv",
}  # fmt: skip
"""Lower-cased texts that are never entities on their own."""

_ABSTRACT_ENDINGS = (
    "ology",
    "ologies",
    "ism",
    "isms",
    "ness",
    "ment",
    "ments",
    "ity",
    "ities",
    "ics",
    "ation",
    "ations",
)
"""A lone capitalised word ending so is a field or quality ("Nanotechnology"), not a name."""

CHIP_NOUNS = {
    "processor",
    "processors",
    "chip",
    "chips",
    "gpu",
    "gpus",
    "accelerator",
    "accelerators",
    "cpu",
    "cpus",
    "superchip",
    "superchips",
    "microprocessor",
    "microprocessors",
    "npu",
    "tpu",
    "asic",
    "soc",
    "die",
}
"""Head nouns that make the name before them a chip's: "the Cell processor"."""

PRODUCT_NOUNS = {
    "software",
    "app",
    "apps",
    "platform",
    "operating",
    "os",
    "chatbot",
    "model",
    "models",
    "supercomputer",
    "supercomputers",
    "browser",
    "smartphone",
    "smartphones",
    "phone",
    "phones",
    "console",
    "consoles",
    "service",
    "assistant",
    "engine",
    "framework",
    "library",
    "benchmark",
    "server",
    "servers",
    "laptop",
    "laptops",
    "tablet",
    "handset",
    "blockchain",
    "protocol",
    "sdk",
    "api",
    "language",
    "machine",
    "machines",
    "system",
    "interconnect",
    "interconnects",
    "instance",
    "instances",
    "cluster",
    "clusters",
    "supercluster",
    "device",
    "devices",
    "headset",
    "glasses",
    "suite",
    "agent",
    "chatbots",
    "toolkit",
}
"""Head nouns that make the name before them a product's: "the Solaris operating system"."""

PLACE_WORDS = {
    "park", "valley", "county", "province", "prefecture", "district", "island", "islands",
    "river", "bay", "lake", "peninsula", "coast", "strait", "canal", "airport", "harbor",
    "harbour", "desert", "mountains", "region", "area", "sea", "ocean", "station", "dam",
    "campus", "dams", "parks", "valleys", "rivers", "lakes", "airports", "stations",
    "complex", "avenue", "street", "road", "boulevard", "site",
}  # fmt: skip
"""Last words that make a name a place's: "Southern Taiwan Science Park", "Loudoun County",
"two Hoover Dams" (a plural is the place, counted)."""

FACILITY_WORDS = {"fab", "plant", "factory", "campus", "site", "building", "highway", "route"}
"""First words of numbered facilities, which are places: "Fab 34", "Plant 6"."""

NAME_PRODUCT_WORDS = {"sdk", "os", "api", "grid"}
"""Last words that make a name a product's: "Cosmos SDK", "World Community Grid"."""

EVENT_WORDS = {
    "expo", "conference", "summit", "show", "festival", "fair", "keynote", "hackathon",
    "symposium", "convention", "awards", "speech", "week", "award", "prize", "fellowship",
    "crisis", "war", "pandemic", "recession", "depression", "bubble", "roundtable",
    "investigation", "investigations", "inquiry",
}  # fmt: skip
"""Last words of events, which are not entities of the graph: "the AI Summit", "the Great
Financial Crisis"."""

LAW_WORDS = {
    "act", "bill", "law", "rule", "rules", "order", "treaty", "directive", "regulation", "list",
    "strategy", "mission", "code",
}  # fmt: skip
"""Last words of laws, rules and the lists they keep, which are not entities of the graph:
"the CHIPS Act", "the Strategic Items List"."""

_RANK_WORDS = {
    "tier", "phase", "stage", "level", "class", "grade", "round", "step", "category", "type",
}  # fmt: skip
"""Words that, with a number, name a rank or a step, not a thing: "Tier 1", "Phase 2"."""

COMPANY_DESCRIPTORS = {
    "company", "firm", "startup", "start-up", "chipmaker", "chipmakers", "maker",
    "manufacturer", "provider", "supplier", "vendor", "operator", "consultancy",
    "brokerage", "lender", "insurer", "utility", "conglomerate", "subsidiary", "biz",
    "outfit", "hyperscaler", "neocloud", "foundry", "carmaker", "automaker", "retailer",
    "giant", "designer", "developer", "miner", "publisher", "newspaper", "broadcaster",
    "unicorn", "incumbent", "spinoff", "spin-off", "affiliate",
}  # fmt: skip
"""Nouns right before a name that make it a company's: "consultancy Knight Frank"."""

_PLURAL_DESCRIPTORS = {"firms", "companies", "startups", "investors", "funds", "backers"}
_ANY_DESCRIPTOR = COMPANY_DESCRIPTORS | _PLURAL_DESCRIPTORS
"""A company noun, singular or plural: "chipmaker Nvidia", "trading firms Jane Street ..."."""

COMPANY_ROLES_AFTER = {
    "ceo", "cfo", "cto", "coo", "founder", "co-founder", "cofounder", "analyst", "analysts",
    "spokesperson", "spokesman", "spokeswoman", "chief", "chairman", "chairwoman",
    "executives", "engineers", "researchers",
}  # fmt: skip
"""Roles right after a name that make it an employer's: "Bernstein analyst Ada Lin"."""

ROLE_WORDS = PERSON_TITLES | {
    "attorney", "general", "officer", "vice", "senior", "deputy", "assistant", "judge",
    "justice", "commissioner", "mayor", "ambassador", "representative", "partner",
    "correspondent", "reporter", "editor", "manager", "lead", "leader", "co-ceo", "co-ceos",
    "interim", "acting", "former", "prime", "premier", "chancellor", "treasurer",
    "billionaire", "tycoon",
}  # fmt: skip
"""Words of a role the model took into a person's name: "Attorney General Ada Lin",
"Billionaire Mukesh Ambani"."""

_HONORIFICS = {
    "dr", "mr", "mrs", "ms", "prof", "sir", "dame", "lord", "lady", "sheikh", "sheik", "rep", "sen",
    "gov", "rev",
}  # fmt: skip
_NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "our"}
_POSSESSIVE = {"'s", "’s", "‘s", "'", "’"}
_TRIM = " \t\n\r\"'“”‘’()[]{}<>,.;:!?-–—•*|/\\"
_HAS_LETTER = re.compile(r"[A-Za-z]")
_NUMBER_WITH_UNIT = re.compile(r"^\d[\d.,]*\s?[A-Za-z/]{1,6}$")


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("newsgraph.text")
    if text is None:
        text = doc.user_data["newsgraph.text"] = doc.text
    return text


@dataclass(frozen=True)
class Candidate:
    """One entity mention found in a document, before in-article linking."""

    start: int  # character offsets into the document text
    end: int
    text: str
    type: str
    id: str
    label: str
    source: str  # gazetteer | pattern | model
    entry: GazetteerEntry | None = None
    token_start: int = 0
    token_end: int = 0
    weight: int = 1
    """How strongly the evidence backs the type, when one name gets two types."""

    @classmethod
    def of_span(
        cls,
        span: Span,
        type_: str,
        label: str | None = None,
        *,
        source: str = "model",
        weight: int = 1,
    ) -> Candidate:
        """A candidate for ``span`` typed ``type_``, its ID minted from its label."""
        label = label if label is not None else normalize_label(span.text)
        return cls(
            span.start_char,
            span.end_char,
            span.text,
            type_,
            entity_id(type_, _id_key(label)),
            label,
            source,
            None,
            span.start,
            span.end,
            weight,
        )

    def linked_to(self, target: Candidate) -> Candidate:
        """This mention, as a mention of ``target``'s entity."""
        return replace(
            self,
            id=target.id,
            type=target.type,
            label=target.label,
            entry=target.entry,
            source=target.source,
        )


def candidates(doc: Doc, gazetteer: Gazetteer, names: dict[str, GazetteerEntry]) -> list[Candidate]:
    """Every typed entity mention in ``doc``, in text order."""
    out: list[Candidate] = []
    shorts = short_forms(gazetteer)
    headlines = _headline_lines(doc)
    plain_text = _outside(doc_text(doc), headlines)
    lower: set[str] = set()  # the article's lower-case words, made when first needed
    for ent in doc.ents:
        if ent.id_:
            entry = gazetteer.get(ent.id_)
            if entry is not None:
                out.append(_versioned(ent, entry) or _from_entry(ent, entry, "gazetteer"))
            continue
        label = ent.label_  # a widened span is a new Span, without the label
        if label == "FAC" and len(ent) > 1 and ent[-1].lower_ in _FAC_COMPANY_ENDINGS:
            label = "ORG"  # "Abu Dhabi's Mubadala Capital": a building, the model thought
        if label not in MODEL_LABELS:
            continue
        ent = _widen_joined(ent)
        if label == "PERSON":
            ent = _widen_person(ent)
        elif label == "ORG":
            ent = _widen_portfolios(_widen_and(_widen_of(_widen_number(ent))))
            ent = _before_title(_widen_second_field(ent))
        else:
            ent = _widen_number(ent)
        for piece in _clean(ent):
            cand = _from_model(piece, label, names, shorts)
            if cand is None or (cand.source == "model" and _names_a_share(piece)):
                continue
            if (
                cand.source == "model"
                and cand.weight == 1
                and len(piece) == 1
                and cand.type != "Person"
                and (
                    piece.text.lower() in (lower := lower or _lower_words(doc))
                    or _kinds_of_company(piece.text.lower())
                )
            ):
                continue  # "the emptiness of Space" where the article also writes "space"
            # In a Title Case headline every word looks like a name: believe the model
            # only for names the article also writes in running text.
            if any(a <= cand.start < b for a, b in headlines) and cand.text not in plain_text:
                continue
            out.append(cand)
    out = _model_variants(doc, _family_words(doc, out, names))
    out = _product_lines(doc, _place_forms(doc, _longer_names(doc, out, headlines)))
    out.extend(_described_companies(doc, out, shorts))
    out = _listed_products(doc, _headed_products(doc, _described_products(doc, out)))
    out = _numbered_after_maker(doc, out)
    out = _employers(doc, out, shorts)
    out = _appositive_companies(doc, out, shorts)
    out = _bylines(doc, _suffixed_companies(doc, _partnerships(doc, out), headlines))
    out = _city_registered_names(doc, _firm_named_companies(doc, out, headlines))
    out = _listed_committees(doc, _headed_organisations(doc, out, headlines))
    out = _social_network(doc, _code_names(doc, _told_publications(doc, out)))
    out = _listed_companies(doc, out, shorts)
    out = _drop_nested(_names_around_places(doc, out, headlines, plain_text))
    out = _kinds_of_place(doc, out)
    out = _places_by_last_word(doc, out, headlines)
    out = [c for c in _coordinated(doc, out, shorts) if c.weight > 0]
    administrations = _administrations(doc)
    governments = administrations + _governments(doc, out)
    if governments:
        covered = {i for g in governments for i in range(g.token_start, g.token_end)}
        out = [c for c in out if not covered.intersection(range(c.token_start, c.token_end))]
        out.extend(governments)
    if administrations:
        out = _leaders(doc, out, administrations)
    out.extend(_honorific_persons(doc, out))
    out = _styled_persons(doc, _department_heads(doc, _titled_persons(doc, out)))
    out.sort(key=lambda c: c.start)
    out = _not_names(doc, _tickers(doc, _cut_short(doc, out)))
    out = _towns(doc, _joined_by_particles(doc, out))
    out = _lone_towns(doc, _known_towns(doc, _longer_towns(doc, _dateline_towns(doc, out))))
    out = _acronyms(doc, _regional_products(doc, _short_for(doc, out)))
    return _unify_types(_former_names(doc, out))


def _kinds_of_company(word: str) -> bool:
    """ "Neoclouds", "Manufacturers": a company noun in the plural is no one's name, though
    a sentence's start capitalises it."""
    return word in _PLURAL_DESCRIPTORS or (word.endswith("s") and word[:-1] in COMPANY_DESCRIPTORS)


_FAC_COMPANY_ENDINGS = COMPANY_SUFFIXES - PLACE_WORDS - FACILITY_WORDS - {"power", "energy"}
"""Last words of a model's facility that make it a company: not "... Power" (a station)."""

_LOWER_WORD = re.compile(r"(?<![\w-])[a-z]+(?![\w-])")


def _lower_words(doc: Doc) -> set[str]:
    """The words the article writes in lower case, as common nouns ("space", not
    "space-based")."""
    return set(_LOWER_WORD.findall(doc_text(doc)))


_SHARE_AFTER = re.compile(
    r"\s*(?:(?:and|&)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}\s+)?"  # "Computer and Tablet"
    r"(?:(?:business|businesses|segment|segments|division|unit|category|products?)\s+)?"
    r"(?:(?:contributed|accounted\s+for|made\s+up|represented|was|were)\s+)?"
    r"\d[\d.,]*\s*(?:%|percent\b|per\s+cent\b|pct\b)"
)


def _names_a_share(span: Span) -> bool:
    """A category in a breakdown of a total, not a name.

    "Consumer Electronics business contributed 42.6 percent, Smartphone 24.9 percent,
    Computer and Tablet 16.4 percent": the model calls such capitalised segments
    organisations.
    """
    doc = span.doc
    end = span[-1].idx if len(span) > 1 and span[-1].like_num else span.end_char
    return _SHARE_AFTER.match(doc_text(doc), end) is not None


_FORMERLY = re.compile(
    r"(?:,|\()\s*(?:formerly|previously|once|also)(?:\s+(?:known|called|named))?(?:\s+as)?\s+"
    r"|\s+(?:operates|trades|goes)\s+under\s+(?:the\s+)?(?:aliases|names)(?:\s+including)?\s+"
    r"|(?:,|\()\s*(?:a\.k\.a\.|aka)\s+"
)


_FORMER_CUES = re.compile(r"formerly|previously|once|known as|under (?:the )?(?:aliases|names)|aka")


def _former_names(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "Starcloud, formerly known as Lumen Orbit": the old name is the same company."""
    text = doc_text(doc)
    if not _FORMER_CUES.search(text):
        return cands
    out = list(cands)
    for c in cands:
        if c.type not in ("Company", "Organization", "Product"):
            continue
        m = _FORMERLY.match(text, c.end)
        if m is None or (m.group(0).strip(" ,(").startswith("also") and "known" not in m.group(0)):
            continue
        first = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        while first is not None and _name_word(doc[first.start]):
            end = first.start
            while end < len(doc) and end - first.start < 5 and _name_word(doc[end]):
                end += 1
                if "\n" in doc[end - 1].whitespace_:
                    break
            old = doc[first.start : end]
            out = [o for o in out if o.token_end <= old.start or o.token_start >= old.end]
            out.append(Candidate.of_span(old, c.type).linked_to(c))
            # more of them in a list: "under aliases including A and B"
            if end + 1 < len(doc) and doc[end].lower_ in ("and", ",", "or"):
                first = doc[end + 1 : end + 2]
            else:
                first = None
    return sorted(out, key=lambda c: c.start)


_NAME_PARTICLES = {"dos", "das", "da", "do", "de", "del", "della", "di", "du", "von", "van"}


def _merge_pairs(
    cands: list[Candidate], join: Callable[[Candidate, Candidate], Candidate | None]
) -> list[Candidate]:
    """``cands`` with each mention that ``join`` merges into the one before it merged."""
    out: list[Candidate] = []
    for c in cands:
        merged = join(out[-1], c) if out else None
        if merged is not None:
            out[-1] = merged
        else:
            out.append(c)
    return out


def _joined_by_particles(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "Casa dos Ventos", "Banco do Brasil": two names the model split at a lower-case
    particle between them are one name."""

    def join(prev: Candidate, c: Candidate) -> Candidate | None:
        if (
            prev.source == "model"
            and c.source == "model"
            and c.token_start == prev.token_end + 1
            and doc[prev.token_end].text in _NAME_PARTICLES
            and doc[c.token_start].is_title
        ):
            type_ = prev.type if prev.type == c.type else "Company"
            whole = doc[prev.token_start : c.token_end]
            return Candidate.of_span(whole, type_, weight=max(prev.weight, c.weight))
        return None

    out = _merge_pairs(cands, join)
    # a name the model ended at the particle: "Banco" + "do Brasil"
    taken = {i for c in out for i in range(c.token_start, c.token_end)}
    for k, c in enumerate(out):
        j = c.token_end
        if (
            c.source != "model"
            or j + 1 >= len(doc)
            or doc[j].text not in _NAME_PARTICLES
            or j + 1 in taken
            or not _name_word(doc[j + 1])
        ):
            continue
        end = j + 1
        while end < len(doc) and end - j <= 2 and end not in taken and _name_word(doc[end]):
            end += 1
        out[k] = Candidate.of_span(doc[c.token_start : end], c.type, weight=c.weight)
    return out


def _towns(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "Sakai, Osaka", "Palo, Iowa": a name the model guessed, written before a comma and
    a known place, is a town in that place."""
    text = doc_text(doc)
    out = list(cands)
    for k, c in enumerate(cands[:-1]):
        nxt = cands[k + 1]
        if (
            c.source == "model"
            and c.type in ("Company", "Organization", "Person")
            and c.weight <= 1
            and c.token_end - c.token_start == 1
            and nxt.type == "Place"
            and nxt.source == "gazetteer"
            and text[c.end : nxt.start] == ", "
            and text[nxt.end : nxt.end + 1] != "-"
        ):
            out[k] = Candidate.of_span(doc[c.token_start : c.token_end], "Place", weight=2)
    return out


_DATELINE_TOWN = re.compile(r"(?m)^([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,2})(?=:|,| [—–-] | \()")


def _dateline_towns(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "ISLAMABAD: The launch ...", "KARACHI, Pakistan —": a town's name in capitals at the
    start of a paragraph, before a colon, comma, dash or bracket, is the dateline's town."""
    text = doc_text(doc)
    taken = {i for c in cands for i in range(c.token_start, c.token_end)}
    names = towns()
    out = list(cands)
    for m in _DATELINE_TOWN.finditer(text):
        span = doc.char_span(m.start(1), m.end(1))
        if span is None or taken.intersection(range(span.start, span.end)):
            continue
        name = string.capwords(m.group(1))
        if name in names:
            out.append(Candidate.of_span(span, "Place", name, weight=2))
    return sorted(out, key=lambda c: c.start) if len(out) > len(cands) else cands


def _known_towns(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "Invercargill", "Kouvola", "Porto Alegre": a name of a town of 15,000 people or more
    (GeoNames) that the model alone called a company, a product or, in two words or more, a
    person, is a place.

    Town names that are also dictionary words ("Delta", "Mission", "Liberty") are left to
    the model, as is anything a rule or the gazetteer typed, unless the town is a city of
    half a million people that is not also an English word or name ("Santiago", not
    "Phoenix").
    """
    out = list(cands)
    names = towns()
    big = cities()
    for k, c in enumerate(cands):
        if (
            c.source == "model"
            and c.weight <= 1
            and (c.type in ("Company", "Product") or (c.type == "Person" and " " in c.text))
            and c.text in names
            and (
                not _common_word(doc, c.text.lower())
                or (c.text in big and c.text not in _CITIES_THAT_ARE_WORDS)
            )
        ):
            out[k] = Candidate.of_span(doc[c.token_start : c.token_end], "Place", weight=2)
    return out


def _lone_towns(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "reviewed Gwangju, South Jeolla", "Among them is Kraków", "Nottingham could
    become the site": a town's name that the model took for a lone first or last name, or
    missed at the start of a sentence, is the town.

    The word must be a town of 15,000 people or more that no dictionary gives (or a city
    of half a million that is no common word or name either: "Santiago"), standing
    alone (no capitalised word beside it), and no part of a person's name in the article:
    "Perry" after "Rick Perry" is him, whatever Georgia's Perry says.
    """
    names = towns()
    taken = {i for c in cands for i in range(c.token_start, c.token_end)}
    name_parts = {w for c in cands if c.type == "Person" for w in c.text.split() if c.text != w} | {
        w for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for w in e.text.split()
    }
    guessed = {e.start for e in doc.ents if e.label_ == "PERSON" and len(e) == 1}
    added: list[Candidate] = []
    for tok in doc:
        i = tok.i
        if i in taken or tok.text not in names or tok.text in name_parts:
            continue
        if i not in guessed and not (
            (tok.is_sent_start or i == 0 or "\n" in doc[i - 1].whitespace_)
            and i + 1 < len(doc)
            and doc[i + 1].pos_ in ("AUX", "VERB")
        ):
            continue
        before = doc[i - 1] if i > 0 and not tok.is_sent_start else None
        after = doc[i + 1] if i + 1 < len(doc) else None
        if (
            not tok.is_title
            or not tok.is_alpha
            or (
                _common_word(doc, tok.lower_)
                and (tok.text not in cities() or tok.text in _CITIES_THAT_ARE_WORDS)
            )
            or (before is not None and _name_word(before))
            or (after is not None and (after.is_title or after.text in ("'s", "’s")))
        ):
            continue
        added.append(Candidate.of_span(doc[i : i + 1], "Place", weight=2))
    return sorted(cands + added, key=lambda c: c.start) if added else cands


_CITIES_THAT_ARE_WORDS = {
    "Phoenix", "Victoria", "Charlotte", "Kennedy", "Hamilton", "Salem", "Van", "Pest",
    "Perm", "Queens", "Carrefour", "Serra", "Natal", "Surrey", "Columbus", "Kingston",
    "Salvador", "Aba", "Kota", "Fes", "Oran", "Sofia", "Lima", "Cali", "Mobile", "Surat",
}  # fmt: skip
"""Big cities' names that are also common words, given names or companies' names."""


def _longer_towns(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "Navi Mumbai", where the model saw "Navi" as a place of its own: a place and the
    capitalised word after (or before) it are one town when the two words name one. A
    compass word does not join: "East London" in a British story is part of London."""
    names = towns()
    taken = {i for c in cands for i in range(c.token_start, c.token_end)}
    one_word_places = {
        c.token_start: c for c in cands if c.type == "Place" and c.token_end - c.token_start == 1
    }
    out: list[Candidate] = []
    merged: set[int] = set()
    for c in cands:
        if c.token_start in merged:
            continue
        i, j = c.token_start, c.token_end
        if (
            c.type == "Place"
            and c.text.lower() not in _COMPASS
            and j < len(doc)
            and (j not in taken or j in one_word_places)
            and _town_word(doc, j, j - 1)
            and f"{c.text} {doc[j].text}" in names
        ):
            c = Candidate.of_span(doc[i : j + 1], "Place", weight=2)
            merged.add(j)
        elif (
            c.type == "Place"
            and i > 0
            and i - 1 not in taken
            and _town_word(doc, i - 1, i)
            and doc[i - 1].lower_ not in _COMPASS
            and f"{doc[i - 1].text} {c.text}" in names
        ):
            c = Candidate.of_span(doc[i - 1 : j], "Place", weight=2)
        out.append(c)
    return out


def _town_word(doc: Doc, i: int, joined_to: int) -> bool:
    """Whether token ``i`` is a capitalised word on the same line as token ``joined_to``."""
    first = min(i, joined_to)
    return doc[i].is_alpha and doc[i].is_title and "\n" not in doc[first].whitespace_


def _regional_products(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "Stargate Norway", "Stargate UAE": a known programme or product with a country
    or region right after it is that place's own instance of it, a product of its own.
    So is a company's: "Airtel Nigeria", "Equinix West Africa" are subsidiaries, companies
    of their own, unless the place begins a name or owns what follows ("Nvidia China's")."""

    def join(prev: Candidate, c: Candidate) -> Candidate | None:
        if (
            c.type != "Place"
            or c.source != "gazetteer"
            or c.token_start != prev.token_end
            or doc[prev.token_end - 1].whitespace_ != " "
        ):
            return None
        if prev.type == "Product" and prev.source == "gazetteer":
            return Candidate.of_span(doc[prev.token_start : c.token_end], "Product", weight=3)
        nxt = doc[c.token_end] if c.token_end < len(doc) else None
        if (
            prev.type == "Company"
            and c.entry is not None
            and (c.entry.description or "").startswith(_NATIONS)
            and (nxt is None or not (nxt.is_title or nxt.text in _POSSESSIVE))
        ):
            return Candidate.of_span(doc[prev.token_start : c.token_end], "Company", weight=3)
        return None

    return _merge_pairs(cands, join)


_NATIONS = ("Country", "Continent", "City-state", "Island state")

_SHORT_FOR = re.compile(r"\b(?:short for|shorthand for|an acronym for)\s+")


def _short_for(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "O-RAN, short for Open Radio Access Network": a term and its spelling out,
    neither of them a name (unless the gazetteer knows the term)."""
    text = doc_text(doc)
    if "short" not in text and "acronym" not in text:
        return cands
    drop: set[int] = set()
    for m in _SHORT_FOR.finditer(text):
        ends = [text.find(p, m.end()) for p in (",", ".", ")", ";")]
        stop = min((e for e in ends if e >= 0), default=len(text))
        drop.update(
            k
            for k, c in enumerate(cands)
            if c.source == "model"
            and (
                m.end() <= c.start < stop
                or (c.end <= m.start() and not text[c.end : m.start()].strip(" ,("))
            )
        )
    return [c for k, c in enumerate(cands) if k not in drop] if drop else cands


def _leaders(doc: Doc, cands: list[Candidate], administrations: list[Candidate]) -> list[Candidate]:
    """ "Biden" in an article about "the Biden administration" is the president, a person."""
    leaders = {doc[a.token_start].text for a in administrations}
    return [
        Candidate.of_span(doc[c.token_start : c.token_end], "Person", weight=3)
        if c.source == "model"
        and c.type != "Person"
        and c.token_end - c.token_start == 1
        and c.text in leaders
        else c
        for c in cands
    ]


def _cut_short(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A model name one word short of a name the article gives in full is that name.

    "the World Community Grid" once and "The World Community Grid will ..." where the
    model stopped at "Community": the second is the first's entity, not a company.
    """
    full = {c.text: c for c in cands if c.token_end - c.token_start >= 2}
    if not full:
        return cands
    starts = {c.token_start for c in cands}
    out = []
    for c in cands:
        j = c.token_end
        if (
            c.source == "model"
            and j < len(doc)
            and j not in starts
            and doc[j].is_title
            and "\n" not in doc[j - 1].whitespace_
        ):
            whole = doc[c.token_start : j + 1]
            target = full.get(whole.text)
            if target is not None:
                c = Candidate.of_span(whole, target.type, weight=target.weight).linked_to(target)
        out.append(c)
    return out


_RIC = re.compile(r"^[A-Z0-9]{1,6}\.[A-Z]{1,2}$")
"""A Reuters instrument code: "INTC.O", "9984.T", "005930.KS"."""


def _tickers(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "Intel (INTC.O)": a ticker in brackets after a company is that company."""
    text = doc_text(doc)
    out: list[Candidate] = []
    for c in cands:
        if (
            _RIC.match(c.text)
            and c.start > 0
            and text[c.start - 1] == "("
            and text[c.end : c.end + 1] == ")"
        ):
            before = next((o for o in reversed(out) if text[o.end : c.start].strip() == "("), None)
            if before is not None and before.type == "Company":
                out.append(c.linked_to(before))
            continue
        out.append(c)
    return out


_PLURAL_ACRONYM = re.compile(r"\s?\([A-Z]{2,6}s\)")
_TICKER_AFTER = re.compile(r":\s?[A-Z0-9.]{1,8}\)")
_EXPANSION = re.compile(r"\s?\(([A-Z][A-Za-z]*(?:[ -][A-Za-z]+){1,6})\)")
_CAPITALS = re.compile(r"[A-Z]")
_NAME_TAIL_WORDS = COMPANY_SUFFIXES | ORGANIZATION_WORDS | PLACE_WORDS


DICTIONARY_TABLE = "newsgraph_dictionary_words"
"""The ``doc.vocab.lookups`` table of common English nouns and adjectives (pipeline.py)."""

_TERM_JOINERS = {"of", "from", "on", "for", "and", "a", "the", "to", "in", "-", "&"}
_NAME_ENDINGS = LEGAL_SUFFIXES | ORGANIZATION_WORDS | {
    "partners", "capital", "ventures", "holdings", "technologies", "labs", "investments",
    "associates", "brothers", "bank", "trust", "fund", "foundation", "company", "companies",
    "corporation", "association", "society", "alliance", "consortium",
}  # fmt: skip


def _spelt_out_term(doc: Doc, text: str, c: Candidate) -> bool:
    """ "Software Development Kit (SDK)", "Funds From Operations (FFO)": a name the model
    guessed, spelt out before its acronym and made only of dictionary words, is a term
    (or a company's segment: "Client Solutions Group (CSG)"), not a name. A person is
    never introduced that way: "High Bandwidth Flash (HBF)" is not one either."""
    if (
        c.source != "model"
        or c.token_end - c.token_start < 2
        or c.type not in ("Company", "Organization", "Person")
    ):
        return False
    m = _DEFINED.match(text, c.end)
    if m is None or not m.group(1).isupper():
        return False
    lookups = doc.vocab.lookups
    if not lookups.has_table(DICTIONARY_TABLE):
        return False
    words = lookups.get_table(DICTIONARY_TABLE)
    span = doc[c.token_start : c.token_end]
    content = [t for t in span if t.lower_ not in _TERM_JOINERS]
    initials = "".join(t.text[0] for t in content)
    every = "".join(t.text[0] for t in span if t.text[0].isupper())  # "Funds From Operations"
    return (
        (initials.endswith(m.group(1)) or every.endswith(m.group(1)))  # "Core Funds ... (FFO)"
        and content[-1].lower_ not in _NAME_ENDINGS
        and not any(t.lower_ in ORGANIZATION_WORDS for t in content)
        and all(_in_dictionary(t.lower_, words) for t in content)
    )


def _common_word(doc: Doc, word: str) -> bool:
    """Whether ``word`` is in the model's dictionary (every word is, without the table)."""
    lookups = doc.vocab.lookups
    if not lookups.has_table(DICTIONARY_TABLE):
        return True
    return _in_dictionary(word, lookups.get_table(DICTIONARY_TABLE))


def _in_dictionary(word: str, words: Table) -> bool:
    """Whether ``word`` or its singular is in the table (proper nouns keep their plural
    as their lemma: "Solutions")."""
    return (
        word in words
        or (word.endswith("ies") and word[:-3] + "y" in words)
        or (word.endswith("s") and word[:-1] in words)
    )


_EVENT_AFTER = {"conference", "summit", "expo", "keynote", "hackathon"}
"""Words right after a name that make it an event's: "the GTC AI conference"."""


def _names_an_event(doc: Doc, c: Candidate) -> bool:
    """Whether a model's company, organisation or product is an event's name, with the
    event's word after it (names ending in one are not typed at all: ``EVENT_WORDS``)."""
    return (
        c.type in ("Company", "Organization", "Product")
        and c.token_end < len(doc)
        and doc[c.token_end].lower_ in _EVENT_AFTER
    )


def _not_names(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Drop mentions that are not names in use.

    A model's company that names an event ("the GTC AI conference") is dropped: events
    are not entities here.

    An exchange in a ticker ("Microsoft (NASDAQ: MSFT)") is a market code, not a
    mention of the exchange. A mixed-case acronym the text spells out in brackets
    ("InFO (Integrated Fan-Out)", "WoS (Wafer-on-Substrate)") is a technical term,
    not a company, unless the spelt-out form ends like a name ("... Holdings").
    """
    text = doc_text(doc)
    terms = set()
    drop = set()
    offices = _ministers_offices(doc, text)
    kept: list[Candidate] = []
    for c in cands:
        office = next((b for a, b in offices if a <= c.token_start < b), None)
        if c.source == "model" and office is not None:
            drop.add(c.start)  # "Minister of Investment, Trade and Industry": a title
            if c.type == "Person" and c.token_end > office:  # "... Finance Jane Doe"
                kept.append(Candidate.of_span(doc[office : c.token_end], "Person", weight=2))
            continue
        if c.source == "model" and _names_an_event(doc, c):
            drop.add(c.start)  # "the GTC AI conference"
            continue
        if c.source == "model" and (_defined_lower_case(text, c) or _names_a_security(doc, c)):
            drop.add(c.start)  # "decentralized finance (DeFi)", "Treasury yields"
            continue
        if c.source == "model" and _in_a_law_title(doc, c):
            drop.add(c.start)  # "the Act on Restriction of Special Taxation"
            continue
        if (
            c.source == "model"
            and c.type != "Chip"  # "Nvidia's N1 chip"
            and _PROCESS_NODE.fullmatch(c.text)
            and _names_nodes(doc, c)
        ):
            terms.add(c.text)  # "its A14 and A16P nodes": manufacturing processes
            continue
        if c.source == "model" and _PLURAL_ACRONYM.match(text, c.end):
            drop.add(c.start)  # "Coolant Distribution Units (CDUs)": a kind of thing
            continue
        if _spelt_out_term(doc, text, c):
            drop.add(c.start)
            continue
        if c.end < len(text) and text[c.end] == ":" and c.start > 0 and text[c.start - 1] == "(":
            if _TICKER_AFTER.match(text, c.end):
                drop.add(c.start)
            continue
        if (
            c.source != "model"
            or c.token_end - c.token_start != 1
            or c.text.isupper()
            or not c.text[:1].isupper()
        ):
            continue
        m = _EXPANSION.match(text, c.end)
        if m is None:
            continue
        words = re.split(r"[ -]", m.group(1))
        initials = "".join(w[0] for w in words if w[0].isupper())
        if (
            initials == "".join(_CAPITALS.findall(c.text))
            and len(initials) >= 2
            and words[-1].lower() not in _NAME_TAIL_WORDS
        ):
            terms.add(c.text)
    if not drop and not terms:
        return cands
    out = [
        c for c in cands if c.start not in drop and not (c.source == "model" and c.text in terms)
    ]
    return sorted(out + kept, key=lambda c: c.start) if kept else out


_SPELT_BEFORE = re.compile(r"((?:[A-Za-z][\w-]* ){1,4}[A-Za-z][\w-]*) \($")
"""Up to five words, then " (": the words an acronym in brackets may spell out."""


def _defined_lower_case(text: str, c: Candidate) -> bool:
    """ "Decentralized finance (DeFi)", "power usage effectiveness (PUE)": an acronym the
    text spells out in lower-case words is a common noun's, not a name. The first word may
    be capitalised, as at a sentence's start."""
    if c.end >= len(text) or text[c.end] != ")" or " " in c.text:
        return False
    m = _SPELT_BEFORE.search(text, max(0, c.start - 60), c.start)
    if m is None:
        return False
    words = m.group(1).split()
    if any(w[:1].isupper() for w in words[1:]):
        return False  # "Decentralized Finance (DeFi)" is written as a name
    initials = "".join(w[0] for w in re.split(r"[ -]", m.group(1))).upper()
    capitals = "".join(ch for ch in c.text if ch.isupper())
    return len(capitals) >= 2 and initials.endswith(capitals)


_SECURITIES = {"yields", "yield", "bonds", "bond", "bills", "notes", "securities", "market"}


def _names_a_security(doc: Doc, c: Candidate) -> bool:
    """ "Treasury yields", "Treasury bills": a kind of bond, not the department."""
    return (
        c.text in ("Treasury", "Treasuries")
        and c.token_end < len(doc)
        and doc[c.token_end].lower_ in _SECURITIES
    )


_LAW_HEADS = {"Act", "Law", "Bill", "Ordinance", "Regulation", "Regulations", "Rules"}


def _in_a_law_title(doc: Doc, c: Candidate) -> bool:
    """``c`` ends a law's title: "the Act on" + "Restriction of Special Taxation"."""
    i = c.token_start
    return (
        i >= 2
        and doc[i - 1].lower_ in ("on", "of", "for", "governing")
        and doc[i - 2].text in _LAW_HEADS
    )


_PROCESS_NODE = re.compile(r"(?:N|A|SF|Intel ?)\d{1,2}[A-Z]{0,2}|\d{1,2}A")
"""What a chipmaker's manufacturing process is called: "N2P", "A16", "SF2", "18A"."""
_NODE_WORDS = {"node", "nodes", "process", "processes"}


def _names_nodes(doc: Doc, c: Candidate) -> bool:
    """The sentence of ``c`` is about manufacturing processes ("nodes", "process")."""
    sent = doc[c.token_start].sent
    return any(t.lower_ in _NODE_WORDS for t in sent)


_MINISTER_OF = re.compile(r"\b(?:Minister|Secretary|Commissioner)s? (?:of|for) (?=[A-Z])")


def _ministers_offices(doc: Doc, text: str) -> list[tuple[int, int]]:
    """The token ranges of titles like "Minister of Communications, Innovation and Digital
    Economy": a minister's title names fields, not organisations, though the model makes
    companies of them."""
    out = []
    for m in _MINISTER_OF.finditer(text):
        title = doc.char_span(m.start(), m.end() - 1, alignment_mode="expand")
        if title is None:
            continue
        i = title.end
        best = i
        if i < len(doc) and doc[i].is_title and doc[i].lower_ in _PORTFOLIOS:
            best = i + 1
        elif i + 1 < len(doc) and doc[i].is_title and doc[i + 1].lower_ in _PORTFOLIOS:
            best = i + 2  # "Minister of Digital Economy"
        if best == i:
            continue
        for k in range(best + 1, min(len(doc), i + 14) + 1):
            if doc[k - 1].text in (".", ";", "(", ")") or "\n" in doc[k - 1].text:
                break
            if _portfolio_fields(list(doc[i:k])) is not None:
                best = k
        out.append((title.start, best))
    return out


_SHORT_FORMS: dict[str, dict[str, GazetteerEntry]] = {}


def short_forms(gazetteer: Gazetteer) -> dict[str, GazetteerEntry]:
    """Short forms that name exactly one gazetteer entry -> that entry (cached)."""
    found = _SHORT_FORMS.get(gazetteer.fingerprint)
    if found is None:
        seen: dict[str, list[GazetteerEntry]] = {}
        for entry in gazetteer:
            for form in entry.short_forms:
                seen.setdefault(form, []).append(entry)
        found = _SHORT_FORMS[gazetteer.fingerprint] = {
            form: entries[0] for form, entries in seen.items() if len(entries) == 1
        }
    return found


_LONGER_TAILS = (
    COMPANY_SUFFIXES | ORGANIZATION_WORDS | PLACE_WORDS | {"americas", "campus", "laboratories"}
)


def _longer_names(
    doc: Doc, cands: list[Candidate], headlines: list[tuple[int, int]]
) -> list[Candidate]:
    """A known name that starts a longer one: "Goldman Sachs Asset Management".

    When one to three capitalised words follow a known company or organisation on the
    same line and the last is a name's last word (a company suffix, an organisation or
    place word), the whole is the entity, typed by that word.
    """
    # A place may sit inside the longer name: "Shell Canada Ltd", "Acme Japan Holdings".
    taken = {i for c in cands if c.type != "Place" for i in range(c.token_start, c.token_end)}
    out = []
    for c in cands:
        if (
            c.source != "gazetteer"
            or c.type not in ("Company", "Organization")
            or any(a <= c.start < b for a, b in headlines)
        ):
            out.append(c)
            continue
        j = c.token_end
        head = None
        while j < len(doc) and j - c.token_end < 3 and j not in taken:
            tok = doc[j]
            if (
                not (tok.is_title and tok.is_alpha)
                or (tok.pos_ != "PROPN" and tok.lower_ not in COMPANY_SUFFIXES)
                or tok.is_stop
                or "\n" in doc[j - 1].whitespace_
            ):
                break
            if tok.lower_ in _LONGER_TAILS:
                head = j
            j += 1
        if head is None or all(
            t.lower_ in LEGAL_SUFFIXES for t in doc[c.token_end : head + 1]
        ):  # "SoftBank Group Corp" is SoftBank Group
            out.append(c)
            continue
        span = _widen_of(doc[c.token_start : head + 1])  # "EU Court" + "of Justice"
        type_ = type_by_evidence(span, "ORG") or c.type
        out.append(Candidate.of_span(span, type_, weight=3))
        taken.update(range(c.token_end, span.end))
    return out


def _place_forms(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Known places in longer forms of their names.

    "the Commonwealth of Pennsylvania" is a mention of Pennsylvania; "Indiana County" is a
    county of its own, not the state; "R-Indiana" after a senator's name is a party and
    a state, not a mention of the place.
    """
    places = [c for c in cands if c.type == "Place" and c.source == "gazetteer"]
    if not places:
        return cands
    replaced: dict[Candidate, Candidate | None] = {}
    for c in places:
        i, j = c.token_start, c.token_end
        if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].text in _STATE_FORMS:
            span = doc[i - 2 : j]
            replaced[c] = replace(c, start=span.start_char, text=span.text, token_start=i - 2)
        elif j < len(doc) and doc[j].text in _COUNTY_WORDS and "\n" not in doc[j - 1].whitespace_:
            replaced[c] = Candidate.of_span(doc[i : j + 1], "Place", weight=3)
        elif (
            i >= 2
            and doc[i - 1].text == "-"
            and doc[i - 2].text in ("R", "D", "I")
            and not doc[i - 2].whitespace_
            and not doc[i - 1].whitespace_
        ):
            replaced[c] = None
    if not replaced:
        return cands
    kept = [c for c in cands if c not in replaced]
    new = [n for n in replaced.values() if n is not None]
    kept = [
        c
        for c in kept
        if c.source != "model" or not any(n.start < c.end and c.start < n.end for n in new)
    ]
    return sorted(kept + new, key=lambda c: c.start)


def _product_lines(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A known product or chip with an edition word after it is that edition, one of its
    own: "Spectrum-X Photonics", "Gemini Ultra", "Claude Pro"."""
    taken = {i for c in cands for i in range(c.token_start, c.token_end)}
    found = []
    for c in cands:
        j = c.token_end
        if (
            c.source == "gazetteer"
            and c.type in ("Product", "Chip")
            and not (c.entry is not None and c.entry.generic)
            and j < len(doc)
            and j not in taken
            and doc[j].text in _EDITION_WORDS
            and doc[j - 1].whitespace_ == " "
        ):
            found.append(Candidate.of_span(doc[c.token_start : j + 1], c.type, weight=3))
    return _in_place_of(cands, found)


_EDITION_WORDS = {"Photonics", "Ultra", "Pro", "Max", "Plus", "Mini", "Lite", "Studio"}


_STATE_FORMS = {
    "Commonwealth", "State", "Republic", "Kingdom", "Emirate", "Sultanate", "Principality",
}  # fmt: skip
_COUNTY_WORDS = {"County", "Parish", "Township", "Prefecture", "Borough"}


_PARTNERSHIP = re.compile(
    r"\b[A-Z][A-Za-z'’-]+(?:,?\s+[A-Z][A-Za-z'’-]+){0,5},?\s+"
    # after "&" one or two names; after "and" one: "Jane Street and Situational
    # Awareness LP" are two firms
    r"(?:&\s+[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+)?|and\s+[A-Z][A-Za-z'’-]+)"
    r",?\s+(?:LLP|LLC|L\.L\.P\.|LP)\b"
)


def _partnerships(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "Latham & Watkins LLP", "Skadden Arps Slate Meagher & Flom LLP": a firm named
    for its partners, one name however the model cut it."""
    text = doc_text(doc)
    if "LLP" not in text and "LLC" not in text and "LP" not in text:
        return cands
    found = []
    for m in _PARTNERSHIP.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
        if span is not None and "\n" not in span.text:
            found.append(Candidate.of_span(span, "Company", weight=3))
    if not found:
        return cands
    kept = [
        c
        for c in cands
        if not any(f.start < c.end and c.start < f.end and c.source != "gazetteer" for f in found)
    ]
    taken = [(c.start, c.end) for c in kept]
    found = [f for f in found if not any(a < f.end and f.start < b for a, b in taken)]
    return sorted(kept + found, key=lambda c: c.start)


def _suffixed_companies(
    doc: Doc, cands: list[Candidate], headlines: list[tuple[int, int]]
) -> list[Candidate]:
    """ "RUTILEA Inc.", "Modrall Sperling Ltd": capitalised words before a legal suffix are
    a company's name, where nothing else took them (headlines aside: every word there is
    capitalised). The name without its suffix is the company found already, if any."""
    suffixes = [m.start() for m in _SUFFIX_WORD.finditer(doc_text(doc))]
    if not suffixes:
        return cands
    taken = {i for c in cands for i in range(c.token_start, c.token_end)}
    known = {c.text: c for c in cands if c.type == "Company"}
    ends = {
        c.token_end: c
        for c in cands
        if c.source == "model" and c.type in ("Company", "Organization")
    }
    parents = {c.token_end: c for c in cands if c.type == "Company" and c.source == "gazetteer"}
    dropped: set[Candidate] = set()
    found = []
    for t in _tokens_at(doc, suffixes, headlines):
        if t.text not in _SUFFIX_TOKENS or not t.i:
            continue
        if t.i in taken:
            # "CG Power and Industrial Solutions Limited", which the model cut at "and"
            second = ends.get(t.i + 1)
            parent = parents.get(second.token_start) if second is not None else None
            if parent is not None and doc[parent.token_end - 1].whitespace_:
                # "Vishay UK Holdings Limited": a known company's subsidiary, one name
                dropped.update((parent, second))
                found.append(
                    Candidate.of_span(doc[parent.token_start : t.i + 1], "Company", weight=3)
                )
                continue
            first = ends.get(second.token_start - 1) if second is not None else None
            if first is not None and doc[second.token_start - 1].lower_ == "and":
                dropped.update((first, second))
                found.append(
                    Candidate.of_span(doc[first.token_start : t.i + 1], "Company", weight=3)
                )
            continue
        name_end = t.i - 1 if doc[t.i - 1].text == "," else t.i  # "Hitachi, Ltd."
        start = name_end
        while (
            start > 0
            and name_end - start < 4
            and start - 1 not in taken
            and (doc[start - 1].is_title or (doc[start - 1].is_upper and len(doc[start - 1]) > 1))
            and doc[start - 1].is_alpha
            and not doc[start - 1].is_stop
            and "\n" not in doc[start - 1].whitespace_
        ):
            start -= 1
        if start == name_end:
            continue
        parent = parents.get(start)
        if parent is not None and doc[start - 1].whitespace_:
            # "Vishay UK Holdings Limited": a known company's subsidiary, one name
            dropped.add(parent)
            start = parent.token_start
        first = ends.get(start - 1) if doc[start - 1].lower_ == "and" else ends.get(start)
        if first is not None:  # the model's name stopped at "and" or short of the suffix
            dropped.add(first)
            start = first.token_start
        cand = Candidate.of_span(doc[start : t.i + 1], "Company", weight=3)
        named = known.get(doc[start:name_end].text) if first is None else None
        found.append(cand.linked_to(named) if named is not None else cand)
        taken.update(range(start, t.i + 1))
    if not found:
        return cands
    return sorted([c for c in cands if c not in dropped] + found, key=lambda c: c.start)


def _tokens_at(doc: Doc, offsets: list[int], headlines: list[tuple[int, int]]) -> Iterator[Token]:
    """The token at each character offset, headlines aside (every word there is
    capitalised, so no rule that looks for capitals may trust them)."""
    for at in offsets:
        span = doc.char_span(at, at + 1, alignment_mode="expand")
        if span is not None and not any(a <= at < b for a, b in headlines):
            yield span[0]


def _city_registered_names(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "Shanghai Iluvatar CoreX Semiconductor", "MTN Nigeria Communications Plc": a city or
    country right before a company's name that ends in a firm's word is part of the
    company's registered name (Chinese firms register under their city, subsidiaries under
    their country), not a place of the story."""
    text = doc_text(doc)
    taken = {i for c in cands for i in range(c.token_start, c.token_end)}
    out: list[Candidate] = []
    for c in cands:
        place = out[-1] if out else None
        words = c.label.split()
        if (
            place is None
            or place.type != "Place"
            or c.type != "Company"
            or len(words) < 2
            or words[-1].lower() not in COMPANY_SUFFIXES
            or place.token_end != c.token_start
            or text[place.end : c.start] != " "
        ):
            out.append(c)
            continue
        out.pop()
        parent = _parent_word(doc, place.token_start, out, taken)
        whole = doc[place.token_start : c.token_end]
        if parent is None and all(w.lower() in COMPANY_SUFFIXES for w in words):
            out.append(Candidate.of_span(whole, "Company", weight=3))  # "Nigeria Telecom Plc"
        elif parent is None:  # keeps the firm's own label, which links it to its short name
            out.append(replace(c, start=whole.start_char, text=whole.text, token_start=whole.start))
        else:  # "MTN Nigeria Communications Plc": the parent's name too
            if out and out[-1].token_start == parent.i:
                out.pop()
            out.append(Candidate.of_span(doc[parent.i : c.token_end], "Company", weight=3))
    return out


def _parent_word(doc: Doc, i: int, found: list[Candidate], taken: set[int]) -> Token | None:
    """The capitalised word before token ``i`` when it is free or the model's one-word
    company or organisation, as "MTN" before "Nigeria Communications Plc"."""
    if not i:
        return None
    t = doc[i - 1]
    owner = found[-1] if found and found[-1].token_end == i else None
    free = t.i not in taken or (
        owner is not None
        and owner.source == "model"
        and owner.token_start == t.i
        and owner.type in ("Company", "Organization")
    )
    if (
        free
        and (t.is_upper or t.is_title)
        and t.is_alpha
        and not t.is_stop
        and not t.is_sent_start
        and "\n" not in t.whitespace_
    ):
        return t
    return None


_FIRM_WORD = re.compile(
    r"(?<=[\w&+]) (?:Capital|Partners|Ventures|Holdings|Securities|Investments|Advisors"
    r"|Advisers|Technologies|Labs|Networks|Systems|Energy)\b"
)


def _firm_named_companies(
    doc: Doc, cands: list[Candidate], headlines: list[tuple[int, int]]
) -> list[Candidate]:
    """ "Hong Kong's GAW Capital", "TD Securities": a firm's word after a name the model
    missed makes the pair a company's name. The name must be one no dictionary gives
    (capitals, digits, a foreign word), so "Venture Capital" and "Clean Energy" stay
    common nouns; a run that goes on ("Crane Clean Energy Center") is not taken."""
    found_at = [m.start() + 1 for m in _FIRM_WORD.finditer(doc_text(doc))]
    if not found_at:
        return cands
    taken = {i for c in cands for i in range(c.token_start, c.token_end)}
    found = []
    for t in _tokens_at(doc, found_at, headlines):
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if t.i in taken or t.i < 1 or (nxt is not None and (nxt.is_title or nxt.is_upper)):
            continue
        start = t.i
        while (
            start > 0
            and t.i - start < 3
            and start - 1 not in taken
            and (doc[start - 1].is_title or doc[start - 1].is_upper)
            and doc[start - 1].text[0].isalnum()
            and not doc[start - 1].is_stop
            and "." not in doc[start - 1].text
            and "\n" not in doc[start - 1].whitespace_
        ):
            start -= 1
        name = doc[start : t.i]
        if not len(name) or not any(
            (tok.is_upper and len(tok) > 1)
            or any(ch.isdigit() for ch in tok.text)
            or not _common_word(doc, tok.lower_)
            for tok in name
        ):
            continue
        found.append(Candidate.of_span(doc[start : t.i + 1], "Company", weight=2))
        taken.update(range(start, t.i + 1))
    return sorted(cands + found, key=lambda c: c.start) if found else cands


_ORGANISATION_HEAD = re.compile(
    r"\b(?:Commission|Ministry|Department|Agency|Council|Authority|Court|Municipality"
    r"|Bureau|Committee|Tribunal|Operator|Service|Stock Exchange|Office(?= (?:of|for) ))\b"
)
"""Capitalised words that end an organisation's name: "Public Utilities Commission"."""

_NAME_JOINERS = {"of", "for", "on"}


def _headed_organisations(
    doc: Doc, cands: list[Candidate], headlines: list[tuple[int, int]]
) -> list[Candidate]:
    """ "The Public Utilities Commission of Ohio", "the Shanghai Stock Exchange", "Ministry
    of Commerce": a run of capitalised words ending in a word that heads a body's name, with
    the "of ..." that follows, is an organisation where nothing else took the head word.

    The model misses such names as often as it finds them, depending on the words around.
    Places inside the run ("Ohio") are part of the name; any other name found inside stops
    the run ("Nvidia Department" is no body's name).
    """
    heads = list(_ORGANISATION_HEAD.finditer(doc_text(doc)))
    if not heads:
        return cands
    owner = {i: c for c in cands for i in range(c.token_start, c.token_end)}
    found = []
    for m in heads:
        head = doc.char_span(m.end() - 1, m.end(), alignment_mode="expand")
        if head is None or any(a <= m.start() < b for a, b in headlines):
            continue
        h = head[0].i
        if h in owner or not doc[h].is_title:
            continue
        after = doc[h + 1] if h + 1 < len(doc) else None
        if after is not None and after.is_title and after.lower_ not in _TITLE_WORDS:
            continue  # the name goes on: "Public Service Commission", "... Service Agreement"
        start = h - (m.group().count(" "))
        while start > 0 and h - start < 5:
            prev = doc[start - 1]
            c = owner.get(prev.i)
            if prev.text == "People" and doc[start].text in ("'s", "’s"):
                start -= 1  # the model's guess "People" in "People’s Committee"
            elif c is not None:
                if c.type != "Place":
                    break
                start = c.token_start
            elif prev.text in ("'", "’") and start > 1 and doc[start - 2].text.endswith("s"):
                start -= 1  # "Ohio Consumers’ Counsel"
            elif (
                prev.text in ("'s", "’s")
                and start > 1
                and (doc[start - 2].i not in owner or doc[start - 2].text == "People")
            ):
                start -= 1  # "U.S. Attorney’s Office", "People’s Committee", not "Ohio’s ..."
            elif prev.text in ("and", "&") and start > 1 and doc[start - 2].is_title:
                start -= 1  # "Securities and Exchange Commission"
            elif (
                prev.text == "-"
                and start > 1
                and not prev.whitespace_
                and not doc[start - 2].whitespace_
                and doc[start - 2].is_title
                and doc[start - 2].is_alpha
            ):
                start -= 2  # "National High-Performance Computing Committee"
            elif (prev.is_title or (prev.is_upper and len(prev) > 1)) and prev.is_alpha:
                if prev.is_stop or "\n" in prev.whitespace_:
                    break
                start -= 1
            else:
                break
        end = h + 1
        if end + 1 < len(doc) and doc[end].lower_ in _NAME_JOINERS:
            k = end + 1 + (doc[end + 1].lower_ == "the")
            run_end = k
            while run_end < len(doc) and run_end - k < 5:
                t = doc[run_end]
                c = owner.get(t.i)
                if c is not None:
                    if c.type != "Place":
                        break
                    run_end = c.token_end
                elif t.is_title and t.is_alpha and not t.is_stop:
                    run_end += 1
                elif t.lower_ in ("of", "and") and run_end > k and run_end + 1 < len(doc):
                    if not doc[run_end + 1].is_title:
                        break
                    run_end += 1  # "for the District of Massachusetts"
                else:
                    break
                if "\n" in doc[run_end - 1].whitespace_:
                    break
            if run_end > k:
                end = run_end
        if start == h - m.group().count(" ") and end == h + 1:
            continue  # "the Commission": a body named before, or a kind of body
        span = doc[start:end]
        if span.text.lower() in JUNK:
            continue
        found.append(Candidate.of_span(span, "Organization", source="pattern", weight=3))
        for i in range(start, end):
            owner.setdefault(i, found[-1])
    if not found:
        return cands
    kept = [c for c in cands if not any(f.start <= c.start and c.end <= f.end for f in found)]
    return sorted(kept + found, key=lambda c: c.start)


_LISTED_COMMITTEE = re.compile(
    r"\b(?:(?:U\.S\. )?[A-Z][a-z]+ )?[A-Z][a-z]+(?:, [A-Z][a-z]+)+,? and [A-Z][a-z]+"
    r"(?: [A-Z][a-z]+)? (?:Committee|Subcommittee)\b"
)


def _listed_committees(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "the Senate Commerce, Science and Transportation Committee": a committee named by a
    list of its subjects is one organisation, where the model cut it at the commas."""
    found = []
    for m in _LISTED_COMMITTEE.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end())
        if span is not None:
            found.append(Candidate.of_span(span, "Organization", source="pattern", weight=3))
    if not found:
        return cands
    kept = [c for c in cands if not any(c.start < f.end and f.start < c.end for f in found)]
    return sorted(kept + found, key=lambda c: c.start)


def _in_place_of(cands: list[Candidate], found: list[Candidate]) -> list[Candidate]:
    """``cands`` with ``found`` in the place of every candidate they overlap, in text order."""
    if not found:
        return cands
    kept = [c for c in cands if not any(f.start < c.end and c.start < f.end for f in found)]
    return sorted(kept + found, key=lambda c: c.start)


def _bylines(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """The publication a paragraph opens with: "By Brasil 247 - ", "By Naija247news
    Business Desk – ", "Investing.com -- ". A byline naming a person is left alone."""
    text = doc_text(doc)
    found = []
    for m in _BYLINE.finditer(text):
        name = m.group("name")
        if not (m.group("desk") or _PUBLICATION_NAME.search(name)):
            continue  # "By Jane Smith - ": a reporter
        if _DATELINE.match(name):
            continue  # "SINGAPORE Dec 17 - ": where and when, not who
        span = doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand")
        if span is not None:
            found.append(Candidate.of_span(span, "Company", weight=3))
    return _in_place_of(cands, found)


def _told_publications(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """The publication a source spoke to: "a Google spokesperson told Mongabay.",
    "Prieto told Mexico Business News.", "Speaking with CCN, ...", "According to
    TechBuzz, ...". A company, as publishers are.

    Only names ending at a clause's end count, and of those only one word, a name
    beginning "The" or one with a media word ("News", "Times"); not a surname of a
    person the article names. A name the gazetteer knows, or the model calls a person,
    an organisation or a company, keeps its type ("told Musk.", "told Congress.").
    After "according to", which names people as often, only a name nothing else found
    is taken.
    """
    found = []
    for m in _TOLD.finditer(doc_text(doc)):
        span = doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand")
        if span is None or _is_junk(span) or is_title([t.lower_ for t in span]):
            continue
        words = m.group("name").split()
        if not (len(words) == 1 or words[0] == "The" or _MEDIA_WORDS.intersection(words)):
            continue  # "according to Yee Jiun Song,": as likely a person as a publication
        if words[-1].lower() in ORGANIZATION_WORDS:
            # "According to the Ministry,": no publication, but the body named before in
            # full ("the Ministry of Economy, Trade and Industry"), if there is one
            body = _named_before(cands, span) if len(words) == 1 else None
            if body is not None:
                found.append(Candidate.of_span(span, body.type).linked_to(body))
            continue
        if any(c.type == "Person" and c.text.split()[-1] == words[-1] for c in cands):
            continue  # "according to Shanmugam." after "Law Minister K Shanmugam"
        told = not m.group("cue").lower().startswith("according")
        inside = [c for c in cands if c.start < span.end_char and span.start_char < c.end]
        if (inside and not told) or any(not _gives_way(c, span) for c in inside):
            continue
        found.append(Candidate.of_span(span, "Company", source="pattern", weight=3))
    return _in_place_of(cands, found)


def _named_before(cands: list[Candidate], word: Span) -> Candidate | None:
    """The last organisation before ``word`` whose name starts with it: "Ministry" for
    "the Ministry of Economy, Trade and Industry"."""
    return next(
        (
            c
            for c in reversed(cands)
            if c.end <= word.start_char
            and c.type == "Organization"
            and c.text.split()[0] == word.text
        ),
        None,
    )


def _gives_way(c: Candidate, run: Span) -> bool:
    """Whether a candidate inside a publication's name is a guess the name replaces."""
    if c.source != "model":
        # "Mexico" opening "Mexico Business News"; a known name is itself
        return c.type == "Place" and c.start == run.start_char and c.end < run.end_char
    if c.type == "Company":  # confirmed ("CCN", which alone would pass for an acronym)
        return (c.start, c.end) == (run.start_char, run.end_char)
    return c.type in ("Product", "Chip", "Place")


def _code_names(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "its next Maia AI chip, code-named “Braga,”": a code name is a chip's when a chip
    noun comes just before, else a product's; a known name keeps its own type."""
    found = []
    for m in _CODE_NAMED.finditer(doc_text(doc)):
        span = doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand")
        if span is None or any(
            c.source != "model" and c.start < span.end_char and span.start_char < c.end
            for c in cands
        ):
            continue
        before = doc[max(0, span.start - 9) : span.start]
        type_ = "Chip" if any(t.lower_ in CHIP_NOUNS for t in before) else "Product"
        found.append(Candidate.of_span(span, type_, weight=3))
    return _in_place_of(cands, found)


def _social_network(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "said in a post on X", "revealed on X that", "said on the platform X", "X, formerly
    known as Twitter": the social network, a product (its old name there is the same one).
    The business ("xAI acquired the social media platform X") is the company.
    A lone "X" anywhere else ("King Frederik X", "Spectrum-X") is left alone."""
    found = []
    for m in _LONE_X.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end())
        if span is None:
            continue
        t = span[0]
        if t.i and not doc[t.i - 1].whitespace_:
            continue
        nxt = doc[t.i + 1].lower_ if t.i + 1 < len(doc) else ""
        window = doc[max(0, t.i - 6) : t.i]
        on = t.i > 0 and doc[t.i - 1].lower_ == "on"
        posted = {w.lower_ for w in window} & _POSTING or any(
            w.text.startswith("@") for w in window
        )  # "picked up by insider @handle on X"
        formerly = _FORMERLY_TWITTER.match(doc.text, t.idx + 1)
        if not (
            (on and nxt in (".", ",", ";", "that"))
            or (posted and t.i > 0 and doc[t.i - 1].lower_ in ("on", "platform"))
            or nxt in _POSTS
            or formerly
        ):
            continue
        found.append(Candidate.of_span(doc[t.i : t.i + 1], "Product", source="pattern"))
        old = doc.char_span(formerly.start("old"), formerly.end("old")) if formerly else None
        if old is not None:
            found.append(Candidate.of_span(old, "Product", "X", source="pattern"))
    return _in_place_of(cands, found)


_FORMERLY_TWITTER = re.compile(r",? \(?formerly (?:known as |called )?(?P<old>Twitter)\b")
_POSTING = {
    "post", "posts", "posted", "said", "says", "wrote", "writes", "writing", "statement",
    "announced", "shared", "tweeted", "message", "video", "account", "revealed", "insider",
}  # fmt: skip
_LONE_X = re.compile(r"(?<![\w-])X(?![\w-])")
_POSTS = {"post", "posts", "account", "user", "users", "followers", "thread", "feed"}


_TOLD = re.compile(
    r"\b(?P<cue>told|[Ss]peaking (?:with|to)|(?:says|said) to|in an interview with"
    r"|[Aa]ccording to) (?:the )?"
    r"(?P<name>(?:The )?[A-Z][\w.&'’+-]*(?: [A-Z][\w&'’+-]*){0,3})"
    r"(?=\s?[.:,;](?:\s|$)|\s(?:in|on|last|this|earlier)\b)"
)
"""A cue of speaking to a publication, then a capitalised name at a clause's end."""

_MEDIA_WORDS = {
    "News", "Times", "Journal", "Post", "Daily", "Herald", "Insider", "Wire", "Weekly",
    "Magazine", "Tribune", "Gazette", "Telegraph", "Observer", "Today", "Media", "TV",
    "Radio", "Review", "Report", "Chronicle", "Street", "Register", "Verge",
}  # fmt: skip
"""Words that make a name of several words after a speaking cue a publication's: "told
Mexico Business News" (a bare "told Jane Doe" may name a person)."""

_CODE_NAMED = re.compile(
    r"\b(?:[Cc]ode-?named|under the code ?name)\s+[“\"‘']?"
    r"(?P<name>[A-Z][\w-]*(?: [A-Z0-9][\w-]*){0,2})"
)

_BYLINE = re.compile(
    r"(?:^|\n\n)(?:By )?(?P<name>[A-Z][\w.&'’]*(?: [A-Z0-9][\w.&'’]*){0,3}?)"
    r"(?P<desk> (?:Business |News |Markets |Tech |Politics )?(?:Desk|Staff|Bureau))?"
    r" ?(?:--|[-–—]) "
)
_DATELINE = re.compile(
    r"^[A-Z]{2,}\b|.*\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d"
)
_PUBLICATION_NAME = re.compile(r"\d|\.(?:com|net|org|io|co)$|[Nn]ews$")
"""A byline's name that is a publication's: with a figure, a web address, ending in news."""

_SUFFIX_TOKENS = {
    "Inc.", "Inc", "Corp.", "Corp", "Ltd.", "Ltd", "LLC", "Plc", "PLC", "GmbH", "Limited",
}  # fmt: skip
_SUFFIX_WORD = re.compile(r"\b(?:Inc|Corp|Ltd|LLC|Plc|PLC|GmbH|Limited)\b")


_DESCRIBED = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _ANY_DESCRIPTOR), key=len, reverse=True)) + r")"
    r" (?=[A-Z0-9][\w&.-]*[A-Za-z])"
)


def _described_companies(
    doc: Doc, found: list[Candidate], shorts: dict[str, GazetteerEntry]
) -> list[Candidate]:
    """Names the model missed right after a company noun: "the consultancy Knight Frank".

    One to four capitalised proper nouns after a lower-case company noun are a company's
    name (a gazetteer short form, when it is one: "the miner Hut").
    """
    taken = {i for c in found for i in range(c.token_start, c.token_end)}
    out = []
    for m in _DESCRIBED.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end() - 1)
        if span is None or len(span) != 1 or span.end in taken:
            continue
        i = span.end
        j = i
        while j < len(doc) and j - i < 4 and j not in taken and _named_word(doc[j]):
            if j > i and "\n" in doc[j - 1].whitespace_:
                break
            j += 1
        if j == i or (j < len(doc) and j not in taken and doc[j].is_title and doc[j].is_alpha):
            continue  # nothing, or a longer run than a name ("startup Founders Fund Said")
        out.extend(_company_run(_widen_joined(doc[i:j]), shorts))
        taken.update(range(i, j))
    return out


_ROLE_AFTER = re.compile(
    r" (?:CEO|CFO|CTO|COO|[Ff]ounder|[Cc]o-founder|analysts?|spokesperson|spokes(?:wo)?man)"
    r" (?=[A-Z])"
)


def _employers(
    doc: Doc, found: list[Candidate], shorts: dict[str, GazetteerEntry]
) -> list[Candidate]:
    """Names the model missed right before an employee's role: "Corvane analyst Ada Lin".

    A name the model took for a person there is the employer too when a person's name
    follows the role: "William Blair analyst Sebastien Naji".
    """
    taken = {i for c in found for i in range(c.token_start, c.token_end)}
    people = {c.token_end: c for c in found if c.source == "model" and c.type == "Person"}
    retyped: dict[int, Candidate] = {}
    out = []
    for m in _ROLE_AFTER.finditer(doc_text(doc)):
        role = doc.char_span(m.start() + 1, m.end() - 1)
        if role is None or len(role) != 1:
            continue
        i = j = role.start
        person = people.get(i)
        if person is not None and _proper_run(doc, i + 1, 1, set()) is not None:
            span = doc[person.token_start : person.token_end]
            retyped[person.token_start] = Candidate.of_span(span, "Company", weight=3)
            continue
        while (
            j > 0
            and i - j < 3
            and j - 1 not in taken
            and _name_word(doc[j - 1])
            and doc[j - 1].lower_ not in ROLE_WORDS
            and "\n" not in doc[j - 1].whitespace_
        ):
            j -= 1
        if j == i or (
            j > 0 and j - 1 not in taken and doc[j - 1].is_title and not doc[j].is_sent_start
        ):
            continue  # nothing, or a run going on to the left
        if j > 1 and doc[j - 1].text == "of" and doc[j - 2].text in _LOCAL_BODIES:
            # "City of Cape Town spokesperson ...": the town's council, not a company
            out.append(Candidate.of_span(doc[j - 2 : i], "Organization", weight=3))
            taken.update(range(j - 2, i))
            continue
        out.extend(_company_run(doc[j:i], shorts))
        taken.update(range(j, i))
    return _with_retyped(found, retyped, out)


_LOCAL_BODIES = {"City", "Town", "County", "Municipality", "Province", "State", "Borough"}
"""Words that open a local government's name: "City of Cape Town", "County of Maui"."""
_COUNCILS = {"City", "Town", "Municipality", "Borough"}
"""Of those, the ones whose "<word> of <town>" is the council even with no role after it
(a "State of ..." or "County of ..." is as often the land)."""


def _with_retyped(
    found: list[Candidate], retyped: dict[int, Candidate], added: list[Candidate]
) -> list[Candidate]:
    """``found`` with the candidates a rule retyped (by first token) in place, then the
    ones it added."""
    kept = [retyped.get(c.token_start, c) for c in found] if retyped else found
    return kept + added if added else kept


_APPOSITION_START = re.compile(r",\s(?:a|an|the|A|An|The)\s")
_APPOSITION_WORDS = {"ADJ", "ADV", "NOUN", "NUM", "SYM", "PROPN"}


def _appositive_companies(
    doc: Doc, found: list[Candidate], shorts: dict[str, GazetteerEntry]
) -> list[Candidate]:
    """Names the model missed before an apposition that calls them a company: "led by
    TWG Global, a relatively new $40 billion investment firm".

    One to four name words right before ", a/an/the", where the apposition's first noun
    phrase ends on a company noun ("firm", "startup", "chipmaker") within eight words.
    """
    taken = {i for c in found for i in range(c.token_start, c.token_end)}
    guessed = {c.token_end: c for c in found if c.source == "model" and c.type != "Company"}
    retyped: dict[int, Candidate] = {}
    out = []
    n = len(doc)
    for m in _APPOSITION_START.finditer(doc_text(doc)):
        comma = doc.char_span(m.start(), m.start() + 1)
        if comma is None or comma.start + 2 >= n:
            continue
        k = comma.start
        j = k + 2
        while j < min(n, k + 14) and (
            doc[j].pos_ in _APPOSITION_WORDS or doc[j].text in "$-" or doc[j - 1].text == "-"
        ):  # "a Seattle-based startup"
            if doc[j].lower_ in COMPANY_DESCRIPTORS and doc[j].pos_ == "NOUN":
                break
            j += 1
        if j >= n or doc[j].lower_ not in COMPANY_DESCRIPTORS or doc[j].pos_ != "NOUN":
            continue
        if j + 1 < n and (
            doc[j + 1].pos_ == "NOUN"
            or doc[j + 1].text in _POSSESSIVE
            or doc[j + 1].tag_ in ("VBZ", "VBD", "VBP", "MD")
        ):
            # "a chipmaker stock", "the company's CEO": not the head noun; "..., the
            # startup builds chips": a new clause's subject, not an apposition
            continue
        model = guessed.get(k)
        if model is not None and model.text.split()[-1].lower() not in EVENT_WORDS:
            # "Korvane Peak, a Seattle-based startup": not a person
            span = doc[model.token_start : model.token_end]
            retyped[model.token_start] = Candidate.of_span(span, "Company", model.label, weight=3)
            continue
        i = k
        while i > 0 and k - i < 4 and i - 1 not in taken and _name_word(doc[i - 1]):
            if "\n" in doc[i - 1].whitespace_:
                break
            i -= 1
        if i == k or (i > 0 and (i - 1 in taken or doc[i - 1].is_title or doc[i - 1].is_upper)):
            continue  # nothing, a run going on to the left, or a known name's tail
        if doc[i].is_sent_start and i + 1 == k and doc[i].is_title:
            continue  # one capitalised word opening a sentence: too weak alone
        out.extend(_company_run(doc[i:k], shorts))
        taken.update(range(i, k))
    return _with_retyped(found, retyped, out)


_PRODUCT_NOUNS = {"framework", "chatbot", "app", "library", "toolkit"}
"""Lower-case nouns right before a product's name: "the deep-learning framework Caffe"."""
_PRODUCT_NOUN = re.compile(r"\b(?:" + "|".join(sorted(_PRODUCT_NOUNS)) + r") (?=[A-Z])")


def _described_products(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """Names the model missed right after a product noun: "the framework Caffe".

    One or two capitalised proper nouns, nothing known among them and no more capitalised
    words after, following a lower-case product noun, are a product's name.
    """
    taken = {i for c in found for i in range(c.token_start, c.token_end)}
    out = []
    for m in _PRODUCT_NOUN.finditer(doc_text(doc)):  # a scan of the text, not of every token
        noun = doc.char_span(m.start(), m.end() - 1)
        if noun is None or len(noun) != 1:
            continue
        i = j = noun.end
        while j < len(doc) and j - i < 2 and j not in taken and _name_word(doc[j]):
            j += 1
        if j == i or (j < len(doc) and (j in taken or _name_word(doc[j]))):
            continue
        run = doc[i:j]
        if not _is_junk(run) and run.text.lower() not in JUNK:
            out.append(Candidate.of_span(run, "Product", weight=2))
            taken.update(range(i, j))
    return _named_products(doc, found + out)


_HEAD_PRODUCT_NOUNS = {
    "model", "models", "system", "chatbot", "assistant", "supercomputer", "app", "framework",
    "agent", "platform", "interface", "service",
}  # fmt: skip
"""Head nouns that name what the capitalised words before them are: "its V3.1 model"."""
_HEAD_PRODUCT_NOUN = re.compile(r"(?<=[\w.] )(?:" + "|".join(sorted(_HEAD_PRODUCT_NOUNS)) + r")\b")
_NOT_PRODUCT_ENTS = {"GPE", "NORP", "LOC", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY"}
_OWNERS = {"its", "their", "his", "her", "our", "the"}


def _headed_products(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """Names before a product's head noun, after an owner: "its updated V3.1 model", "its
    innovative Aegaeon pooling system", "its Pangu Pro MoE model", "the Nemotron 3 family
    of open models". A name the model typed as a company, person or place is retyped; one
    it missed (or called a building) is added."""
    by_span = {(c.token_start, c.token_end): c for c in found}
    taken = {i for c in found for i in range(c.token_start, c.token_end)}
    retyped: dict[int, Candidate] = {}
    out = []
    for m in _HEAD_PRODUCT_NOUN.finditer(doc_text(doc)):  # a scan of the text, not of every token
        head = doc.char_span(m.start(), m.end())
        if head is None or len(head) != 1:
            continue
        end = head.start
        j = end - 1
        while j > end - 3 and j > 0 and doc[j].is_lower and doc[j].pos_ == "ADJ":
            j -= 1
        if j >= 2 and doc[j].lower_ == "of" and doc[j - 1].lower_ in ("family", "series"):
            end = j - 1  # "the Nemotron 3 family of open models"
        elif end >= 2 and doc[end - 1].is_lower and doc[end - 1].pos_ == "NOUN":
            end -= 1  # "Aegaeon pooling system": one noun of the compound between
        start = end
        while start > 0 and end - start < 3 and _head_name_word(doc[start - 1], start == end):
            start -= 1
        if start == end or start == 0:
            continue
        owner = start - 1
        while (
            owner > 0
            and start - owner <= 4
            and (
                (doc[owner].is_lower and doc[owner].pos_ in ("ADJ", "ADV", "VERB"))
                or _joins_compound(doc[owner])
            )
        ):
            owner -= 1  # "its updated", "its innovative", "its open-source"
        if doc[owner].lower_ not in _OWNERS and doc[owner].text not in _POSSESSIVE:
            continue
        run = doc[start:end]
        known = by_span.get((start, end))
        if known is not None:
            if known.source == "model" and known.type in ("Company", "Person", "Place"):
                retyped[start] = Candidate.of_span(run, "Product", known.label, weight=3)
            continue
        if (
            taken.intersection(range(start, end))
            or _is_junk(run)
            or any(t.ent_type_ in _NOT_PRODUCT_ENTS for t in run)
            or not _coined_name(doc, run)
        ):
            continue
        out.append(Candidate.of_span(run, "Product", weight=2))
        taken.update(range(start, end))
    return _with_retyped(found, retyped, out)


_LIST_OF_PRODUCTS = re.compile(
    r"\b(?:models|systems|versions|variants|products|tools|platforms|editions|apps|chatbots"
    r"|agents|assistants)\s?:\s(?=[A-Z])"
)


def _listed_products(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """ "two proprietary systems: DataForge, which generates examples, and Atropos", "three
    versions: Llama 4 Scout, Llama 4 Maverick, and Llama 4 Behemoth": the names listed
    after a plural product noun and a colon are products. A name the model typed as a
    company, person or place is retyped; a known name with a word after it ("Llama 4" +
    "Scout") is the longer product; one nobody found is added."""
    text = doc_text(doc)
    out = list(found)
    for m in _LIST_OF_PRODUCTS.finditer(text):
        first = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        i: int | None = first.start if first is not None else None
        while i is not None:
            end = i
            while end < len(doc) and end - i < 5 and _head_name_word(doc[end], end > i):
                end += 1
            if end == i:
                break
            run = doc[i:end]
            inside = [c for c in out if i <= c.token_start and c.token_end <= end]
            if _listed_product(doc, run, inside, out):
                whole = next((c for c in inside if (c.token_start, c.token_end) == (i, end)), None)
                out = [c for c in out if c not in inside]
                label = whole.label if whole is not None else None
                out.append(Candidate.of_span(run, "Product", label, weight=3))
            # the next item follows ",", "and" or ", and", maybe after a clause about this
            # one ("DataForge, which generates examples, and Atropos"), in the same sentence
            i = None
            for j in range(end, min(len(doc) - 1, end + 15)):
                if doc[j].text in (";", ".") or doc[j + 1].is_sent_start:
                    break
                if doc[j].text == "," or doc[j].lower_ == "and":
                    nxt = j + 2 if doc[j + 1].lower_ == "and" else j + 1
                    if nxt < len(doc) and _head_name_word(doc[nxt], False):
                        i = nxt
                        break
            if i is None:
                break
    return sorted(out, key=lambda c: c.start)


def _listed_product(doc: Doc, run: Span, inside: list[Candidate], found: list[Candidate]) -> bool:
    """Whether a listed ``run`` is a product to add: the model's guess of another type
    (its own name), a known product with more words, or a name no dictionary gives."""
    if any(c.token_start < run.end and c.token_end > run.start for c in found if c not in inside):
        return False  # a name that runs on past the item
    if _is_junk(run) or any(t.ent_type_ in _NOT_PRODUCT_ENTS for t in run):
        return False
    if any(c.type == "Product" and c.text == run.text for c in inside):
        return False  # already a product
    if any(
        c.type not in ("Product", "Company", "Person", "Place")
        or (c.source != "model" and c.type != "Product")
        for c in inside
    ):
        return False  # "Nvidia" in "Nvidia and AMD chips": a known company stays one
    if any(c.source == "model" and c.text == run.text for c in inside):
        return True
    return _coined_name(doc, run)


def _coined_name(doc: Doc, run: Span) -> bool:
    """ "V3.1", "Aegaeon", "DataForge": a run shaped like a product's name, or with a word
    no dictionary gives; "the Chinese model" is neither."""
    return _product_shaped(run.text) or not all(_common_word(doc, t.lower_) for t in run)


def _head_name_word(token: Token, last: bool) -> bool:
    """A word of a name before a head noun: capitalised ("Aegaeon", "MoE", "V3.1"), or a
    version number after one ("Nemotron 3")."""
    if token.is_punct or "\n" in token.whitespace_:
        return False
    if token.text[:1].isupper():
        return True
    return last and token.like_num and token.i > 0 and token.doc[token.i - 1].text[:1].isupper()


_NAMED_CUE = re.compile(
    r"\b(?:" + "|".join(sorted(PRODUCT_NOUNS, key=len, reverse=True)) + r")"
    r"(?:,|\s[–—-])?\s(?:known as|named|called|dubbed)\s[‘'\"“]?(?=[A-Z])"
)


def _named_products(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """ "Another system, known as Equinox", "the machine – named Isambard-AI": a product
    noun, then "known as", "named" or "called", then the product's name. A name the model
    typed otherwise is retyped; one it missed is added."""
    by_start = {c.token_start: c for c in found}
    taken = {i for c in found for i in range(c.token_start, c.token_end)}
    retyped: dict[int, Candidate] = {}
    out = []
    for m in _NAMED_CUE.finditer(doc_text(doc)):
        first = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if first is None:
            continue
        i = first.start
        known = by_start.get(i)
        if known is not None:
            if known.source == "model" and known.type in ("Company", "Place", "Person"):
                span = doc[known.token_start : known.token_end]
                retyped[i] = Candidate.of_span(span, "Product", known.label, weight=3)
            continue
        j = i
        while j < len(doc) and j - i < 3 and j not in taken and _name_word(doc[j]):
            j += 1
        if j == i:
            continue
        run = _widen_joined(doc[i:j])
        if taken.intersection(range(run.start, run.end)) or _is_junk(run):
            continue
        out.append(Candidate.of_span(run, "Product", weight=3))
        taken.update(range(run.start, run.end))
    return _with_retyped(found, retyped, out)


_NUMBERED = re.compile(r"\b([A-Z][A-Za-z]{2,})-(\d{1,2})\b(?!-|\.\d)")


def _numbered_after_maker(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """ "Starcloud-1": a company's name with a number is a product of that company."""
    text = doc_text(doc)
    companies = {c.label for c in found if c.type == "Company"}
    if not companies or "-" not in text:
        return found
    out = list(found)
    for m in _NUMBERED.finditer(text):
        if m.group(1) not in companies:
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or span.end_char > m.end() + 1:
            continue
        out = [c for c in out if c.end <= m.start() or c.start >= m.end()]
        out.append(Candidate.of_span(span, "Product", weight=3))
    return sorted(out, key=lambda c: c.start)


_LIST_INTRO = re.compile(
    r"\b(?:" + "|".join(sorted(_PLURAL_DESCRIPTORS | {
        "chipmakers", "hyperscalers", "providers", "suppliers", "vendors", "makers",
        "operators", "customers", "clients", "rivals", "competitors", "labs",
    })) + r"),? (?:including|such as|like) (?=[A-Z])"
)  # fmt: skip
"""A plural company noun, then a list: "Indian startups, including Sarvam, Gnani, ..."."""


def _listed_companies(
    doc: Doc, found: list[Candidate], shorts: dict[str, GazetteerEntry]
) -> list[Candidate]:
    """The names listed after a plural company noun: "Several Indian startups,
    including Sarvam, Gnani and Soket AI Labs", "customers such as Acme and Zorb".

    Each item is a company: a name nothing found is added, and the model's guess of
    another type is retyped. A known name keeps its type, and so does a person the model
    named in full ("investors including Peter Thiel").
    """
    by_start = {c.token_start: c for c in found}
    taken = {i for c in found for i in range(c.token_start, c.token_end)}
    retyped: dict[int, Candidate] = {}
    added: list[Candidate] = []
    for m in _LIST_INTRO.finditer(doc_text(doc)):
        first = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        i = first.start if first is not None else len(doc)
        while i < len(doc):
            known = by_start.get(i)
            if known is not None:
                j = known.token_end
                full_name = known.type == "Person" and len(known.text.split()) > 1
                if known.source == "model" and known.type != "Company" and not full_name:
                    span = doc[known.token_start : j]
                    retyped[i] = Candidate.of_span(span, "Company", known.label, weight=3)
            else:
                j = i
                while j < len(doc) and j - i < 4 and j not in taken and _named_word(doc[j]):
                    j += 1
                if j == i:
                    break
                added.extend(_company_run(doc[i:j], shorts))
            # the next item: after ", ", ", and ", " and " or " or "
            k = j
            if k < len(doc) and doc[k].text == ",":
                k += 1
            if k < len(doc) and doc[k].lower_ in ("and", "or"):
                k += 1
            if k == j or k >= len(doc) or not _named_word(doc[k]):
                break
            i = k
    return _with_retyped(found, retyped, added)


def _company_run(run: Span, shorts: dict[str, GazetteerEntry]) -> list[Candidate]:
    """A run of name words that context says is a company: the gazetteer's company when a
    short form of one, else a company of its own unless it is junk or an organisation."""
    entry = shorts.get(run.text)
    if entry is not None and entry.type == "Company":
        return [_from_entry(run, entry, "gazetteer")]
    if not _is_junk(run) and not any(w.lower_ in ORGANIZATION_WORDS for w in run):
        return [Candidate.of_span(run, "Company", weight=3)]
    return []


def _name_word(token: Token) -> bool:
    """A word of a proper name: capitalised or CamelCase, tagged a proper noun."""
    return (
        token.pos_ == "PROPN"
        and (token.is_title or _product_shaped(token.text))
        and token.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL")
        and token.text not in _POSSESSIVE
    )


_MODEL_NAME_LABELS = {"ORG", "FAC", "PRODUCT", "GPE", "LOC", "PERSON", "WORK_OF_ART"}


def _named_word(token: Token) -> bool:
    """A word of a proper name, or a capitalised word the model put inside a name though
    it tagged it otherwise ("energy developer Intersect", tagged an adjective)."""
    return _name_word(token) or (
        token.is_title and token.is_alpha and token.ent_type_ in _MODEL_NAME_LABELS
    )


_NO_RETYPE = {("Place", "Person"), ("Person", "Place"), ("Place", "Product"), ("Place", "Chip")}
"""(model type, list type) pairs too far apart for a list to overrule the model."""


def _coordinated(
    doc: Doc, cands: list[Candidate], shorts: dict[str, GazetteerEntry]
) -> list[Candidate]:
    """Names in one list are of one kind: the known ones type the model's guesses.

    In "investors CoinFund, Protocol Labs, Canonical Crypto and Eden Block", Protocol
    Labs is a known company, so the model's "Eden Block" (a person, it thought) is a
    company too, and so is "Canonical Crypto", which it did not mark at all. Only the
    model's weakly evidenced guesses are retyped, and only when the known names of the
    list agree.
    """
    if not any(c.source == "model" and c.weight <= 1 for c in cands) and (
        not any(c.source != "model" for c in cands) or " and " not in doc_text(doc)
    ):
        return cands
    by_start = {c.token_start: c for c in cands}
    taken = {i for c in cands for i in range(c.token_start, c.token_end)}
    n = len(doc)
    retyped: dict[int, Candidate] = {}
    added: list[Candidate] = []
    seen: set[int] = set()
    for c in sorted(cands, key=lambda c: c.token_start):
        if c.token_start in seen:
            continue
        chain: list[Candidate | Span] = [c]
        joined = False  # a list has an "and" or "or"; commas alone may be an apposition
        while not joined:
            j = k = chain[-1].end if isinstance(chain[-1], Span) else chain[-1].token_end
            if k < n and doc[k].text == ",":
                if len(chain) == 1 and _after_according_to(doc, c.token_start):
                    break  # "According to the DOJ, Chuan Geng and Shiwei Yang ...": a clause
                k += 1
            if k < n and doc[k].lower_ in ("and", "or", "&"):
                k += 1
                joined = True
            nxt = _list_item(doc, k, by_start, taken) if k > j else None
            if nxt is None or "\n" in doc[j:k].text_with_ws or nxt in chain:
                joined = False
                break
            end = nxt.end if isinstance(nxt, Span) else nxt.token_end
            if end < n and doc[end].text in _POSSESSIVE:
                joined = False  # "A and Korea's B": Korea is B's owner, not an item
                break
            chain.append(nxt)
            seen.add(k)
        if len(chain) < 2 or not joined:
            continue
        known = [
            m.type
            for m in chain
            if isinstance(m, Candidate) and (m.source != "model" or m.weight >= 3)
        ]
        if not known and _pair_of_people(doc, chain):
            known = ["Person"]
        if not known or len(set(known)) != 1:
            continue
        type_ = known[0]
        if type_ == "Chip":
            continue  # part numbers in lists are chips.py's
        for m in chain:
            if isinstance(m, Span):
                new = _unmarked_item(m, type_, shorts)
                if new is not None:
                    added.append(new)
            elif (
                m.source == "model"
                and m.weight <= 1
                and m.type != type_
                and ((m.type, type_) not in _NO_RETYPE or _mostly(chain, type_))
                and not _before_its_region(doc, m, by_start)
            ):
                span = doc[m.token_start : m.token_end]
                entry = shorts.get(m.text) if type_ == "Company" else None
                retyped[m.token_start] = (
                    _from_entry(span, entry, "gazetteer")
                    if entry is not None and entry.type == type_
                    else Candidate.of_span(span, type_, m.label, weight=2)
                )
            elif m.weight == 0:
                retyped[m.token_start] = replace(m, weight=2)
    if not retyped and not added:
        return cands
    kept = [retyped.get(c.token_start, c) if c.source == "model" else c for c in cands]
    return sorted(kept + added, key=lambda c: c.start)


def _after_according_to(doc: Doc, i: int) -> bool:
    """``doc[i]`` follows "according to" or "according to the"."""
    j = i - 1 if i and doc[i - 1].lower_ == "the" else i
    return j >= 2 and doc[j - 1].lower_ == "to" and doc[j - 2].lower_ == "according"


def _pair_of_people(doc: Doc, chain: list[Candidate | Span]) -> bool:
    """ "Archie Manoharan and Erin Henderson": two full names, one of them the model's
    person, the other a name of its guess no dictionary knows."""
    items = [m for m in chain if isinstance(m, Candidate)]
    if len(chain) != 2 or len(items) != 2:
        return False
    spans = [doc[m.token_start : m.token_end] for m in items]
    if not all(2 <= len(s) <= 3 and all(t.is_alpha and t.is_title for t in s) for s in spans):
        return False
    people = [s for m, s in zip(items, spans) if m.type == "Person"]
    return len(people) == 1 and all(
        not _common_word(doc, t.lower_) for s in spans if s is not people[0] for t in s
    )


def _mostly(chain: list[Candidate | Span], type_: str) -> bool:
    """Three or more of a list's names are of ``type_``: enough to overrule the model even
    where it saw a person and the list says place ("Atlanta, Grand Rapids, and Austin")."""
    return sum(isinstance(m, Candidate) and m.type == type_ for m in chain) >= 3


def _before_its_region(doc: Doc, c: Candidate, by_start: dict[int, Candidate]) -> bool:
    """ "Houston, Texas": a place the model saw, then a comma and a place: a town, whatever
    list it stands in ("the Tennessee Valley Authority and Houston, Texas-based ...")."""
    k = c.token_end
    region = by_start.get(k + 1) if k < len(doc) and doc[k].text == "," else None
    return c.type == "Place" and region is not None and region.type == "Place"


def _list_item(doc: Doc, k: int, by_start: dict[int, Candidate], taken: set[int]):
    """The list item starting at token ``k``: a candidate, or a name no one marked."""
    found = by_start.get(k)
    if found is not None or k >= len(doc) or k in taken:
        return found
    j = k
    if doc[k].like_num and k + 1 < len(doc) and doc[k + 1].is_title:
        j += 1  # "1789 Capital"
    while j < len(doc) and j - k < 4 and j not in taken and _name_word(doc[j]):
        if "\n" in doc[j].whitespace_:
            j += 1
            break
        j += 1
    if j == k or not _name_word(doc[j - 1]):
        return None
    if j < len(doc) and doc[j].lower_ not in (",", "and", "or", ".", ";", "&"):
        return None  # the name goes on past a lower-case word: not a bare name
    return doc[k:j]


def _unmarked_item(span: Span, type_: str, shorts: dict[str, GazetteerEntry]) -> Candidate | None:
    """A name in a list the model left out, as a name of the list's kind."""
    if type_ not in ("Company", "Organization", "Person", "Place") or _is_junk(span):
        return None
    if len(span) == 1 and span.text.lower().rstrip(".") in LEGAL_SUFFIXES:
        return None  # "Samsung Electronics Co., Ltd. and ...": the name's own suffix
    entry = shorts.get(span.text)
    if entry is not None and entry.type == type_:
        return _from_entry(span, entry, "gazetteer")
    if type_ == "Person" and len(span) < 2:
        return None
    return Candidate.of_span(span, type_, weight=2)


_DEFINED = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9]{1,7}|[A-Z0-9]{2,6} [A-Z][a-z]{2,})\s*\)")
"""An acronym in brackets after a name, alone or with one word: "(NRC)", "(CPP Investments)"."""
_DIGITS = re.compile(r"\d+")


def _described_before(doc: Doc, c: Candidate) -> bool:
    """Whether the word before a name says it is a company's: "South Korea-based SKC",
    "chipmaker SKC"."""
    if c.token_start == 0:
        return False
    before = doc[c.token_start - 1]
    if before.lower_ == "based":  # the tokenizer splits "Korea-based" at its hyphen
        return c.token_start > 1 and doc[c.token_start - 2].text == "-"
    return before.lower_ in COMPANY_DESCRIPTORS


def _acronyms(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Acronyms the text defines are the named entity; undefined ones are dropped.

    "the Nuclear Regulatory Commission (NRC)" makes every later "NRC" that commission.
    A bare acronym the gazetteer does not know and the text does not define ("DUV",
    "SMR", "XPU") is more often a technical term than a company, so the model's guess
    is not kept, unless the word before calls it a company ("Seoul-based SKC").
    """
    defined: dict[str, Candidate] = {}
    for c in cands:
        # "Nuclear Regulatory Commission (NRC)"; a one-word name only for a chip or
        # product shortened with its number: "Trainium2 (T2)", never "Hopper (H100)".
        if c.token_end - c.token_start < 2 and c.type not in ("Chip", "Product"):
            continue
        m = _DEFINED.match(doc_text(doc), c.end)
        if (
            m
            and m.group(1)[0] == c.label[0]
            and len(m.group(1)) < len(c.text)
            and all(d in c.label for d in _DIGITS.findall(m.group(1)))
            and (c.token_end - c.token_start > 1 or _DIGITS.search(m.group(1)))
        ):
            defined.setdefault(m.group(1), c)
    out = []
    for c in cands:
        if c.source == "model" and c.text in defined and defined[c.text] is not c:
            c = c.linked_to(defined[c.text])
        elif (
            c.source == "model"
            and c.type in ("Company", "Organization")
            and c.token_end - c.token_start == 1
            and c.text.isalpha()
            and c.text.isupper()
            and 2 <= len(c.text) <= 5
            and not _described_before(doc, c)
        ):
            continue
        out.append(c)
    if not defined:
        return out
    # Defined acronyms the model did not mark at all.
    taken = {i for c in out for i in range(c.token_start, c.token_end)}
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, defined)) + r")\b")
    for m in pattern.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end())
        if span is None or span.start in taken:
            continue
        t = defined[m.group(0)]
        out.append(
            replace(
                t,
                start=m.start(),
                end=m.end(),
                text=m.group(0),
                token_start=span.start,
                token_end=span.end,
            )
        )
    out.sort(key=lambda c: c.start)
    return out


_TITLE_NOUNS = PERSON_TITLES - {
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "head",
    "chief",
    "chair",
    "executive",
} | {
    "founders", "co-founders", "cofounders", "analysts", "economists", "researchers",
    "chief executive", "chief executive officer",
}  # fmt: skip
"""Role words before or after a name; plurals before a list ("one of its founders, S.V.
Sreenivasan,", "analysts Mandeep Singh and Robert Biggar")."""


_TITLE_RE = re.compile(
    r"\b(?:"
    + "|".join(sorted(map(re.escape, _TITLE_NOUNS), key=len, reverse=True))
    + r"|(?-i:chief|Chair))\b",  # "financial chief Brice Hill", "PUCO Chair Jenifer French"
    re.IGNORECASE,
)


_HONORIFIC = re.compile(
    r"\b(?:(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame|Sheikh)\.?|(?:Rep|Sen|Gov|Gen|Rev)\.)\s+(?=[A-Z])"
)
_ADMINISTRATION = re.compile(r"\b([A-Z][a-z]+)\s+([Aa]dministration|government)\b")

DEMONYMS = {
    "american": "United States",
    "chinese": "China",
    "taiwanese": "Taiwan",
    "japanese": "Japan",
    "korean": "South Korea",
    "south korean": "South Korea",
    "dutch": "Netherlands",
    "german": "Germany",
    "french": "France",
    "british": "United Kingdom",
    "irish": "Ireland",
    "italian": "Italy",
    "spanish": "Spain",
    "indian": "India",
    "saudi": "Saudi Arabia",
    "emirati": "United Arab Emirates",
    "israeli": "Israel",
    "russian": "Russia",
    "ukrainian": "Ukraine",
    "canadian": "Canada",
    "australian": "Australia",
    "malaysian": "Malaysia",
    "singaporean": "Singapore",
    "vietnamese": "Vietnam",
    "indonesian": "Indonesia",
    "mexican": "Mexico",
    "brazilian": "Brazil",
    "swiss": "Switzerland",
    "swedish": "Sweden",
    "polish": "Poland",
    "argentine": "Argentina", "argentinian": "Argentina", "chilean": "Chile",
    "colombian": "Colombia", "peruvian": "Peru", "uruguayan": "Uruguay",
    "kenyan": "Kenya", "nigerian": "Nigeria", "south african": "South Africa",
    "egyptian": "Egypt", "moroccan": "Morocco", "ethiopian": "Ethiopia", "rwandan": "Rwanda",
    "turkish": "Turkey", "thai": "Thailand", "philippine": "Philippines",
    "pakistani": "Pakistan", "bangladeshi": "Bangladesh", "norwegian": "Norway",
    "danish": "Denmark", "finnish": "Finland", "austrian": "Austria", "belgian": "Belgium",
    "portuguese": "Portugal", "greek": "Greece", "czech": "Czech Republic",
    "hungarian": "Hungary", "romanian": "Romania", "qatari": "Qatar", "kuwaiti": "Kuwait",
    "omani": "Oman", "bahraini": "Bahrain", "jordanian": "Jordan", "iranian": "Iran",
    "iraqi": "Iraq", "new zealand": "New Zealand", "icelandic": "Iceland",
    "estonian": "Estonia", "kazakh": "Kazakhstan", "mongolian": "Mongolia",
    "ghanaian": "Ghana", "tanzanian": "Tanzania", "ugandan": "Uganda", "zambian": "Zambia",
    "senegalese": "Senegal", "ivorian": "Ivory Coast", "algerian": "Algeria",
    "tunisian": "Tunisia", "lebanese": "Lebanon", "armenian": "Armenia",
    "azerbaijani": "Azerbaijan", "uzbek": "Uzbekistan",
    "lithuanian": "Lithuania", "latvian": "Latvia", "slovak": "Slovakia",
    "slovenian": "Slovenia", "croatian": "Croatia", "serbian": "Serbia",
    "bulgarian": "Bulgaria", "luxembourgish": "Luxembourg", "maltese": "Malta",
    "cypriot": "Cyprus", "filipino": "Philippines", "cambodian": "Cambodia",
    "laotian": "Laos", "burmese": "Myanmar", "sri lankan": "Sri Lanka", "nepali": "Nepal",
    "ecuadorian": "Ecuador", "venezuelan": "Venezuela", "bolivian": "Bolivia",
    "paraguayan": "Paraguay", "costa rican": "Costa Rica", "panamanian": "Panama",
    "dominican": "Dominican Republic", "jamaican": "Jamaica",
}  # fmt: skip
"""Adjectives of the countries in chip and AI news: "the Dutch government". Not "Georgian":
its government would share an ID with the US state's ("Georgia government")."""


def _honorific_persons(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """ "Dr Michael Goff", "Mr Huang": an honorific vouches for one to three names."""
    taken = {i for c in found for i in range(c.token_start, c.token_end)}
    out = []
    for m in _HONORIFIC.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        start = span.end  # "Sen. Majority Leader Joe Pittman": past the title
        while start < len(doc) and doc[start].lower_.rstrip(".") in _TITLE_WORDS:
            start += 1
        run = _proper_run(doc, start, 1, taken, least=1)
        if run is not None:
            out.append(Candidate.of_span(run, "Person", weight=3))
            taken.update(range(run.start, run.end))
    return out


_MALAY_STYLES = re.compile(
    r"\b(?:(?:Tengku|Tunku|Tun|Tan Sri|Toh Puan|Datuk|Dato['’]?|Datin|Seri|Sri|Paduka|Haji"
    r"|Hajah|Dr\.?) )*(?:Tengku|Tunku|Tan Sri|Toh Puan|Datuk|Dato['’]?|Datin)(?: (?:Seri|Sri"
    r"|Paduka|Haji|Hajah|Dr\.?))* (?=[A-Z])"
)
"""Malaysian styles before a name: "Datuk Seri Anwar Ibrahim", "Tengku Datuk Seri Zafrul"."""


def _styled_persons(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "Datuk Seri Anwar Ibrahim": a Malaysian style and the name after it are one mention
    of the person, labelled by the name ("Anwar Ibrahim"), where the model took the style
    for a person of its own or left it out."""
    out = list(cands)
    for m in _MALAY_STYLES.finditer(doc_text(doc)):
        style = doc.char_span(m.start(), m.end() - 1)
        if style is None:
            continue
        inside = [c for c in out if style.start <= c.token_start < style.end]
        after = [c for c in out if c.token_start == style.end and c.type == "Person"]
        if after:
            name = doc[after[0].token_start : after[0].token_end]
            label = after[0].label
        else:
            run = _proper_run(doc, style.end, 1, set(), least=1)
            if run is None:
                continue
            name, label = run, normalize_label(run.text)
        whole = doc[style.start : name.end]
        out = [c for c in out if c not in inside and c not in after]
        out.append(Candidate.of_span(whole, "Person", label, weight=3))
    return sorted(out, key=lambda c: c.start)


def _administrations(doc: Doc) -> list[Candidate]:
    """ "the Biden administration": a government named after its leader is an organisation."""
    out = []
    for m in _ADMINISTRATION.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end())
        if span is None or span[0].pos_ != "PROPN":
            continue
        if span[0].ent_type_ not in ("PERSON", "Person", "ORG", ""):
            continue
        label = f"{m.group(1)} {m.group(2).lower()}"
        out.append(Candidate.of_span(span, "Organization", label, weight=3))
    return out


def _governments(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """ "the US government", "the government of China", "the Dutch government".

    A country's government is an organisation, not the place: one node per country
    however it is written ("<Country> government").
    """
    out = []
    n = len(doc)
    for c in found:
        if c.type != "Place":
            continue
        a, b = c.token_start, c.token_end
        # A place the model guessed must be followed by a lower-case "government":
        # "Good Government" is a name of its own.
        known = c.source == "gazetteer"
        if b < n and doc[b].lower_ == "government" and (known or doc[b].text == "government"):
            span = doc[a : b + 1]
        elif known and a >= 2 and doc[a - 1].lower_ in ("the", "of") and _is_government_of(doc, a):
            span = doc[a - 3 if doc[a - 1].lower_ == "the" else a - 2 : b]
        else:
            continue
        out.append(Candidate.of_span(span, "Organization", f"{c.label} government", weight=3))
    for m in _GOVERNMENT.finditer(doc_text(doc)):
        word = doc.char_span(m.start(), m.end())
        if word is None or word.start == 0:
            continue
        tok = word[0]
        start = tok.i - 1
        words = doc[start].lower_
        if start > 0 and f"{doc[start - 1].lower_} {words}" in DEMONYMS:
            start -= 1
            words = f"{doc[start].lower_} {words}"
        country = DEMONYMS.get(words)
        if any(o.token_start <= start < o.token_end for o in out):
            continue  # "the New Zealand government", found by its place already
        if country is not None and doc[start].text[:1].isupper():
            span = doc[start : tok.i + 1]
            out.append(Candidate.of_span(span, "Organization", f"{country} government", weight=3))
    return out


_GOVERNMENT = re.compile(r"\b[Gg]overnment\b")


def _is_government_of(doc: Doc, start: int) -> bool:
    """``doc[start]`` follows "government of" or "government of the"."""
    i = start - 1
    if doc[i].lower_ == "the":
        i -= 1
    return i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ == "government"


def _titled_persons(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """``found`` with the people a role vouches for, added or retyped.

    "Lennart Heim, a researcher at ..." (apposition) and "founder Greg Osuri" (title
    before the name): two or three capitalised proper nouns next to a role word. A
    name the model marked with another type is retyped: the role is better evidence.
    """
    # The model's one-word people are open to a longer name ("CFO Dado Alonso", where it
    # saw only "Alonso"); a person it named in full is taken.
    model_spans = {
        (c.token_start, c.token_end): c
        for c in found
        if c.source == "model" and (c.type != "Person" or c.token_end - c.token_start == 1)
    }
    taken = {
        i
        for c in found
        for i in range(c.token_start, c.token_end)
        if (c.token_start, c.token_end) not in model_spans
    }
    retyped: dict[tuple[int, int], Candidate] = {}
    dropped: set[tuple[int, int]] = set()
    out: list[Candidate] = []
    for m in _TITLE_RE.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        t, after = span.start, span.end  # "co-founder" is three tokens
        runs = [_proper_run(doc, after, 1, taken)]  # "founder Greg Osuri"
        # "Lennart Heim, a researcher", "Brent Mayo, an xAI engineer", "Ada Lin, Acme's
        # corporate vice president": back over a determiner and up to five modifiers
        # to the comma of an apposition.
        comma = after  # "co-founder, César Maklary,"
        if after + 2 < len(doc) and doc[after].lower_ in ("of", "at"):
            # "the Executive Vice President of Corfo, José Miguel Benavente, said": past
            # the employer's capitalised words to the comma after them
            k = after + 1
            while k < len(doc) and k - after <= 4 and doc[k].is_title:
                k += 1
            comma = k if k > after + 1 else after
        if comma + 1 < len(doc) and doc[comma].text == ",":
            # "Fluidstack's co-founder, César Maklary, said": a name between commas
            run = _proper_run(doc, comma + 1, 1, taken)
            if run is not None and run.end < len(doc) and doc[run.end].text == ",":
                runs.append(run)
        j = t - 1
        for _ in range(5):
            if j >= 0 and not doc[j].is_punct and doc[j].lower_ not in ("a", "an", "the"):
                j -= 1
        if j >= 0 and doc[j].lower_ in ("a", "an", "the"):
            j -= 1
        if (
            j >= 1
            and doc[j].text == ","
            # not "India AI Mission, Chief Executive Officer (CEO) Sunil Gupta": a title
            # with its holder's name after it
            and not _name_follows(doc, after)
            and not any(w.lower_ in ("and", "or", "&") for w in doc[j + 1 : t])
            and not any(w.pos_ in _NOT_IN_APPOSITION for w in doc[j + 1 : t])
        ):
            # not "A, B and Guggenheim Partners founder": there the comma ends a list item;
            # nor "led by Constructor Capital, with backing from existing investor ...":
            # an apposition describes, it does not go on with the sentence
            runs.append(_proper_run(doc, j - 1, -1, taken))
        for run in runs:
            if run is None or any(t.lower_ in ROLE_WORDS for t in run):
                continue  # "chief Financial Officer": more of the role, not a name
            if run[-1].lower_ in _FIRM_ENDINGS or run[-1].lower_ in _EVENT_ENDINGS:
                continue  # "existing investor IP Group": investors are firms too
            key = (run.start, run.end)
            inside = [(a, b) for a, b in model_spans if run.start <= a and b <= run.end]
            if key in model_spans:
                if model_spans[key].type != "Person":
                    retyped[key] = Candidate.of_span(run, "Person", weight=3)
            elif not taken.intersection(range(run.start, run.end)) and not any(
                a < run.end and run.start < b and (a, b) not in inside for a, b in model_spans
            ):
                # "KR Sridhar" with the model's organisation "Sridhar" inside: the
                # whole name replaces the model's piece of it.
                dropped.update(inside)
                out.append(Candidate.of_span(run, "Person"))
            taken.update(range(run.start, run.end))
    kept = [
        retyped.get((c.token_start, c.token_end), c)
        for c in found
        if c.source != "model" or (c.token_start, c.token_end) not in dropped
    ]
    return kept + out


def _name_follows(doc: Doc, i: int) -> bool:
    """A proper name starts at token ``i``, or after the bracketed acronym there:
    "Chief Executive Officer (CEO) Sunil Gupta"."""
    if i + 3 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
        i += 3
    return i < len(doc) and _name_word(doc[i]) and doc[i].pos_ == "PROPN"


_DEPARTMENT_TITLE = re.compile(
    r"\b(?:Vice President|President|Director|Head|Minister|Secretary|Commissioner|Chair"
    r"|Chairman|Chairwoman|Manager|Officer|Dean|Lead)\s(?:of|for)\s(?=[A-Z])"
)


def _department_heads(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """People named after their title and its department: "ERCOT Vice President of System
    Planning and Weatherization Kristi Hobbs said", "AWS Vice President of Infrastructure
    Prasad Kalyanaraman". The name is the run's last two words, the first no dictionary
    word; the model's pieces of the run ("System Planning and") go."""
    text = doc_text(doc)
    if " of " not in text and " for " not in text:
        return found
    known = {i for c in found if c.source != "model" for i in range(c.token_start, c.token_end)}
    people = {i for c in found if c.type == "Person" for i in range(c.token_start, c.token_end)}
    added: list[Candidate] = []
    cleared: list[tuple[int, int]] = []
    for m in _DEPARTMENT_TITLE.finditer(text):
        first = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if first is None:
            continue
        i = k = first.start
        while (
            k < len(doc)
            and k - i < 8
            and (
                (doc[k].is_alpha and (doc[k].is_title or doc[k].is_upper))
                or (doc[k].lower_ in ("and", "&") and k > i)
            )
        ):
            if "\n" in doc[k].whitespace_:
                break
            k += 1
        name = doc[k - 2 : k]
        if (
            k - 2 <= i
            or (k < len(doc) and (doc[k].text == "-" or doc[k].text in _POSSESSIVE))
            or not all(t.is_title and t.is_alpha for t in name)
            or _common_word(doc, name[0].lower_)
            or known.intersection(range(name.start, name.end))
            or people.intersection(range(i, k))
        ):
            continue
        added.append(Candidate.of_span(name, "Person", weight=3))
        cleared.append((i, k))
    if not added:
        return found
    kept = [
        c
        for c in found
        if c.source != "model" or not any(c.token_start < b and a < c.token_end for a, b in cleared)
    ]
    return sorted(kept + added, key=lambda c: c.start)


_NOT_IN_APPOSITION = {"ADP", "VERB", "AUX", "PRON", "SCONJ", "CCONJ"}

_FIRM_ENDINGS = LEGAL_SUFFIXES | {
    "capital", "group", "partners", "ventures", "holdings", "labs", "technologies",
    "securities", "investments", "management", "advisors", "advisers",
}  # fmt: skip
"""Last words no person's name has, though a role word comes before: "investor IP Group"."""
_EVENT_ENDINGS = {"roundtable", "conference", "summit", "expo", "symposium", "hackathon"}


def _proper_run(doc: Doc, i: int, step: int, taken: set[int], least: int = 2) -> Span | None:
    """Two or three title-case proper nouns from token ``i`` in direction ``step``."""
    idx = []
    while 0 <= i < len(doc) and len(idx) < 3:
        tok = doc[i]
        # initials begin a name: first going forwards, last going backwards
        initials = (not idx if step == 1 else bool(idx)) and _initials(doc, i, taken)
        # "David Heard": the tagger's verb inside a person the model named is the surname
        named = tok.pos_ == "PROPN" or (idx and tok.ent_type_ == "PERSON" and tok.ent_iob_ == "I")
        if i in taken or not named or not (tok.is_alpha or initials):
            break
        if not tok.is_title and not initials:
            break
        if idx and "\n" in doc[min(i, idx[-1])].whitespace_:
            break
        idx.append(i)
        if initials and step == -1:
            break
        i += step
        if step == 1 and _hyphen_joins(doc, i) and i + 1 not in taken:
            idx.append(i + 1)  # "Kwak Noh-Jung": a hyphenated name is one name
            i += 2
    if len(idx) < least:
        return None
    return doc[min(idx) : max(idx) + 1]


def _initials(doc: Doc, i: int, taken: set[int]) -> bool:
    """``doc[i]`` is a given name written as capital initials before a surname: "KR
    Sridhar", "S.V. Sreenivasan"."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    text = doc[i].text
    return (
        (
            (len(text) == 2 and text.isupper())
            or (_DOTTED_INITIALS.match(text) is not None and text not in _DOTTED_PLACES)
        )
        and nxt is not None
        and i + 1 not in taken
        and nxt.is_title
        and nxt.is_alpha
        and "\n" not in doc[i].whitespace_
    )


_DOTTED_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")
_DOTTED_PLACES = {"U.S.", "U.K.", "U.N.", "E.U.", "U.A.E.", "D.C."}


def _hyphen_joins(doc: Doc, i: int) -> bool:
    """``doc[i]`` is a hyphen joining a given name's two syllables with no space:
    "Noh-Jung", and, as Korean names are often romanised, "Yung-rok"; not "Musk-backed"."""
    if not (
        0 < i < len(doc) - 1
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i - 1].is_title
        and doc[i + 1].is_alpha
    ):
        return False
    after = doc[i + 1]
    return after.is_title or (
        after.is_lower
        and len(after) <= 5
        and not after.lower_.endswith("ed")
        and after.lower_ not in _HYPHEN_WORDS
    )


_HYPHEN_WORDS = {
    "run", "made", "born", "like", "style", "era", "free", "wide", "scale", "size", "class",
    "level", "grade", "type", "only", "in", "up", "out", "off", "on", "to", "and", "or", "the",
    "year", "old", "term", "time", "linked", "ish", "esque", "tied", "proof", "ready", "first",
    "wing", "win", "loss",
}  # fmt: skip
"""Lower-case words that follow a name and a hyphen in English: "Musk-run", "Trump-era"."""


def _headline_lines(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of lines set in Title Case (headlines, section headings)."""
    ranges = []
    pos = 0
    for line in doc_text(doc).split("\n"):
        if len(line) > 200 or line.rstrip().endswith((".", '."', ".”")):  # a paragraph
            pos += len(line) + 1
            continue
        words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            ranges.append((pos, pos + len(line)))
        pos += len(line) + 1
    return ranges


def _outside(text: str, ranges: list[tuple[int, int]]) -> str:
    if not ranges:
        return text
    parts, pos = [], 0
    for a, b in ranges:
        parts.append(text[pos:a])
        pos = b
    parts.append(text[pos:])
    return "\n".join(parts)


def _widen_person(ent: Span) -> Span:
    """Take in given names the model left out: "Lennart" of "Lennart Heim"."""
    doc = ent.doc
    start = ent.start
    while (
        start > 0
        and doc[start - 1].tag_ not in ("NNS", "NNPS")  # "Economic Affairs Kang Wi-won"
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].is_title
        and doc[start - 1].ent_type_ in ("", "PERSON")
        and doc[start - 1].lower_.rstrip(".") not in _HONORIFICS
        and doc[start - 1].lower_ not in ROLE_WORDS
        and start > ent.start - 2
        and "\n" not in doc[start - 1].whitespace_
    ):
        start -= 1
    end = _widen_particles(doc, ent.end)
    if len(ent) >= 2 and ent[-1].lower_ in PARTICLES and ent[-1].is_title:
        # "Amal El Fallah Seghrouchni", where the model stopped after "El": the particle's
        # surname, and one more capitalised word of it
        end = _widen_particles(doc, ent.end - 1)
        if (
            end > ent.end
            and end < len(doc)
            and doc[end].is_title
            and doc[end].is_alpha
            and doc[end].pos_ == "PROPN"
            and "\n" not in doc[end - 1].whitespace_
        ):
            end += 1
    if _hyphen_joins(doc, end):
        end += 2  # "Kim Yung-rok": the model stopped at the hyphen
    if end < len(doc) and doc[end].lower_ in _NAME_SUFFIXES:
        end += 1
    elif end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in _NAME_SUFFIXES:
        end += 2
    return doc[start:end] if (start, end) != (ent.start, ent.end) else ent


PARTICLES = {
    "bin", "bint", "ibn", "al", "el", "van", "von", "de", "da", "del", "der", "di", "du", "le",
}  # fmt: skip


def _widen_particles(doc: Doc, end: int) -> int:
    """The end of a name that goes on with particles: "Mohamed bin Zayed al-Nahyan"."""
    j = end
    while j + 1 < len(doc) and doc[j].lower_ in PARTICLES and "\n" not in doc[j].whitespace_:
        k = j + 1
        if doc[k].text == "-" and k + 1 < len(doc) and not doc[j].whitespace_:
            k += 1
        if not (doc[k].is_title and doc[k].is_alpha) or "\n" in doc[k - 1].whitespace_:
            break
        end = j = k + 1
    return end


def _widen_and(ent: Span) -> Span:
    """ "Asthma and Allergy Foundation of America": the model often starts such a name
    after its "and"; one capitalised word and the "and" before it belong to it. So do two
    that the model took for an organisation of their own, when they name no organisation
    ("Intellectual Property" + "and Commercial Court")."""
    doc, i = ent.doc, ent.start
    if i < 2 or doc[i - 1].lower_ != "and" or not any(t.lower_ in ORGANIZATION_WORDS for t in ent):
        return ent
    if _free_title_word(doc[i - 2]) and not doc[i - 2].ent_type_:
        return doc[i - 2 : ent.end]
    pair = doc[i - 3 : i - 1] if i >= 3 else None
    if (
        pair is not None
        and all(_free_title_word(t) and t.ent_type_ == "ORG" and not t.ent_id_ for t in pair)
        and pair[0].ent_iob_ == "B"
        and not any(t.lower_ in _FIELD_STOPS for t in pair)
    ):
        return doc[i - 3 : ent.end]
    return ent


def _free_title_word(token: Token) -> bool:
    """A capitalised word that may open a name: not a sentence's first, not a stop word,
    not at a line's end."""
    return (
        token.is_title
        and token.is_alpha
        and not token.is_sent_start
        and not token.is_stop
        and "\n" not in token.whitespace_
    )


def _widen_of(ent: Span) -> Span:
    """Take in the "of"/"on"/"for" part of an organisation's name.

    "House Select Committee" + "on China", "Ministry" + "of Commerce": the model often
    stops at the organisation word; the name goes on with a preposition and one to
    three capitalised words.
    """
    doc = ent.doc
    end = ent.end
    if (
        end - 2 > ent.start
        and doc[end - 1].lower_ in ("of", "on", "for")
        and doc[end - 2].lower_ in _OF_HEADS
    ):
        end -= 1  # "Foundation of" + "America": the model stopped at a known place
    if end + 1 >= len(doc) or doc[end - 1].lower_ not in _OF_HEADS:
        return ent
    if doc[end].lower_ not in ("of", "on", "for") or "\n" in doc[end - 1].whitespace_:
        return ent
    j = end + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    k = j
    while k < len(doc) and k - j < 5 and doc[k].is_title and doc[k].is_alpha:
        if "\n" in doc[k - 1].whitespace_ or doc[k].ent_type_ in ("DATE", "TIME"):
            break
        k += 1
        # "Organisation for Economic Co-operation and Development"
        if k + 1 < len(doc) and doc[k].lower_ == "and" and doc[k + 1].is_title:
            k += 1
        # "Court for the Northern District of California": a district of somewhere
        if (
            k + 1 < len(doc)
            and doc[k].lower_ == "of"
            and doc[k - 1].lower_ in PLACE_WORDS
            and doc[k + 1].is_title
            and doc[k + 1].is_alpha
        ):
            k += 1
    return doc[ent.start : k] if k > j else ent


_OF_HEADS = ORGANIZATION_WORDS | {"bank"}
"""Last words of a name that goes on with "of": "Ministry of Commerce", "Development Bank
of Japan"."""


def _one_organisation(ent: Span) -> bool:
    """ "Asthma and Allergy Foundation", "National Science and Technology Council": one
    name with an "and" in it, not a list. One or two capitalised words the model knows
    nothing else of stand before the "and", and the name ends in an organisation word."""
    if " and " not in ent.text:
        return False
    cut = next((t.i for t in ent if t.lower_ in ("of", "for")), ent.end)
    words = [t for t in ent.doc[ent.start : cut] if t.lower_ not in _DETERMINERS]
    ands = [k for k, t in enumerate(words) if t.lower_ == "and"]
    return (
        len(ands) == 1
        and ands[0] in (1, 2)
        and not any(t.text == "," for t in ent)
        and all(t.is_title and not t.ent_id_ for t in words[: ands[0]])
        and (ands[0] == 1 or words[1].lower_ not in COMPANY_SUFFIXES)  # not "Acme Corp and"
        and len(words) >= ands[0] + 2
        and words[-1].lower_ in ORGANIZATION_WORDS
    )


NEWSPAPER_WORDS = {
    "tribune", "herald", "gazette", "chronicle", "courier", "examiner", "inquirer",
    "observer", "dispatch", "sentinel",
}  # fmt: skip
"""Last words of newspapers' names after their town: "the Amarillo Tribune"."""
_AFTER_PLACE_TAILS = (
    PLACE_WORDS | ORGANIZATION_WORDS | NEWSPAPER_WORDS | (COMPANY_SUFFIXES - {"global", "ai"})
)


def _names_around_places(
    doc: Doc,
    cands: list[Candidate],
    headlines: list[tuple[int, int]] = (),
    plain_text: str = "",
) -> list[Candidate]:
    """A place inside a longer name: "Southern Taiwan Science Park", "Arizona State University".

    When capitalised words after a known place end in a place or organisation word,
    the whole name is the entity (with one capitalised word before the place, such as
    "Southern" or "National"), typed by that last word. In a Title Case headline every
    word is capitalised, so there the longer name must also be in the running text.
    """
    known = {i for c in cands if c.source != "model" for i in range(c.token_start, c.token_end)}
    out = []
    for c in cands:
        if c.type != "Place" or c.source != "gazetteer":
            out.append(c)
            continue
        if (
            any(a <= c.start < b for a, b in headlines)
            and _names_around_places(doc, [c])[0].text not in plain_text
        ):
            out.append(c)  # "... Surges 34% As China Semiconductor Demand Grows"
            continue
        head = None
        j = c.token_end
        # Up to four words: "Canada Pension Plan Investment Board"; six with an "and"
        # inside: "Texas Senate Business and Commerce Committee".
        while j < len(doc) and j - c.token_end < 6 and j not in known:
            if doc[j].lower_ in ("and", "&") and j > c.token_end and _and_organization(doc, j):
                j += 1
                continue
            if (
                not (doc[j].is_title and doc[j].is_alpha)
                or "\n" in doc[j - 1].whitespace_
                or (
                    j - c.token_end >= 4
                    and not any(t.lower_ in ("and", "&") for t in doc[c.token_end : j])
                )
            ):
                break
            if doc[j].lower_ in _AFTER_PLACE_TAILS:
                head = j  # "Southern Taiwan Science Park", "Pakistan International Airlines"
            j += 1
        start = c.token_start
        before = doc[start - 1] if start > 0 else None
        if head is None:
            # "West Memphis", "Southern California": a compass word makes another place.
            if before is None or before.lower_ not in _COMPASS or not _free_word(before, known):
                out.append(c)
                continue
            out.append(Candidate.of_span(doc[start - 1 : c.token_end], "Place", weight=3))
            continue
        if (
            before is not None
            and before.i not in known
            and before.ent_type_ not in ("DATE", "TIME")
            and before.is_title
            and before.is_alpha
            and before.lower_ not in _DETERMINERS
            and not before.is_sent_start
            and "\n" not in before.whitespace_
            and doc[head].lower_ != "government"  # "Pay US Government" in a headline
        ):
            start -= 1
        word = doc[head].lower_
        type_ = (
            "Place"
            if word in PLACE_WORDS
            else "Organization"
            if word in ORGANIZATION_WORDS
            else "Company"
        )
        if start == c.token_start and head == c.token_end and word in LEGAL_SUFFIXES:
            out.append(c)  # "Canada Inc" alone is some company's tail: "Acme Canada Inc"
            continue
        name = doc[start : head + 1]
        if head + 1 < len(doc) and doc[head + 1].lower_ in _ROLES_IN_NAME | ROLE_WORDS:
            out.append(c)  # "U.S. Energy Secretary": a title, not a company
            continue
        if type_ == "Company" and any(t.lower_ in _ROLES_IN_NAME for t in name):
            out.append(c)  # "Ohio Governor Press Secretary": a role, not a company
            continue
        if word == "government" and (start, head) == (c.token_start, c.token_end):
            # "US Government": the country's government, one node however written
            label = f"{c.label} government"
            out.append(Candidate.of_span(name, type_, label, weight=3))
            continue
        if type_ == "Organization":
            name = _widen_of(name)  # "U.S. District Court" + "for the Northern District"
        out.append(Candidate.of_span(name, type_, weight=3))
    return out


def _and_organization(doc: Doc, j: int) -> bool:
    """Whether the capitalised words after the "and" at ``j`` end an organisation's name:
    "Energy and Public Utilities Committee", not "Board and Brookfield"."""
    k = j + 1
    while k < len(doc) and k - j <= 3 and doc[k].is_title and doc[k].is_alpha:
        if doc[k].lower_ in ORGANIZATION_WORDS:
            return True
        k += 1
    return False


_PLACE_WORD = re.compile(
    r"(?<= )(?:" + "|".join(sorted(w.capitalize() for w in PLACE_WORDS)) + r")\b"
)


_PLACE_KINDS = (
    "city|town|village|municipality|district|province|prefecture|county|region|state"
    "|commune|suburb|island|islands|borough|township|emirate|canton|oblast|port"
)
_KIND_OF = re.compile(r"\b(?:" + _PLACE_KINDS + r") of (?=[A-Z])")
"""A lower-case kind of place before a name: "the southern city of Hamina"."""
_KIND_AFTER = re.compile(r"(?<=[a-z]) (?:district|province|prefecture|municipality)\b")
"""A lower-case kind of place after a name: "of Cu Chi district"."""
_PLACE_PARTICLES = {"do", "da", "de", "del", "dos", "das", "di", "la", "le", "el", "sur", "am"}


def _kinds_of_place(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "the municipality of Eldorado do Sul", "the Brazilian state of Rio Grande do Sul",
    "Tan Phu Trung Industrial Park of Cu Chi district": a name the text calls a city, town,
    state or district is a place, whatever the model guessed. A name the gazetteer or a
    rule typed as something else keeps its type."""
    text = doc_text(doc)
    spans = []
    for m in _KIND_OF.finditer(text):
        start = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if start is not None:
            spans.append(_place_run(doc, start.start, 1))
    for m in _KIND_AFTER.finditer(text):
        end = doc.char_span(m.start() - 1, m.start(), alignment_mode="expand")
        if end is not None:
            spans.append(_place_run(doc, end.end - 1, -1))
    if not spans:
        return cands
    by_token = {i: c for c in cands for i in range(c.token_start, c.token_end)}
    found = []
    for span in spans:
        if span is None:
            continue
        inside = {by_token[i] for i in range(span.start, span.end) if i in by_token}
        if any(c.source != "model" and c.type != "Place" for c in inside):
            continue
        if any(c.token_start < span.start or c.token_end > span.end for c in inside):
            continue  # a longer name runs past the run: "the state of New York Power Authority"
        if len(inside) == 1 and next(iter(inside)).type == "Place":
            continue
        found.append(Candidate.of_span(span, "Place", source="pattern", weight=3))
    return _in_place_of(cands, found)


def _place_run(doc: Doc, k: int, step: int) -> Span | None:
    """The capitalised name starting (``step`` 1) or ending (``step`` -1) at token ``k``, with
    the particles of Portuguese, Spanish and French names inside it ("Eldorado do Sul")."""
    first = doc[k]
    if not first.is_title or not first.is_alpha or first.is_stop:
        return None  # "The municipality attracted ..."
    i = j = k
    while 0 <= j < len(doc) and abs(j - k) < 5:
        t = doc[j]
        if j != k and t.ent_iob_ == "B" and t.ent_type_ == "PERSON":
            break  # "the city of West Lafayette Erin Easter": the mayor's name begins
        if t.is_title and t.is_alpha and not (t.is_stop and t.lower_ not in _PLACE_PARTICLES):
            i = j
        elif not (
            t.lower_ in _PLACE_PARTICLES and 0 <= j + step < len(doc) and doc[j + step].is_title
        ):
            break
        gap = t.whitespace_ if step > 0 else (doc[j - 1].whitespace_ if j else "")
        if "\n" in gap:
            break  # a name does not run across a line
        j += step
    return doc[min(i, k) : max(i, k) + 1]


def _places_by_last_word(
    doc: Doc, cands: list[Candidate], headlines: list[tuple[int, int]]
) -> list[Candidate]:
    """ "Lingang Special Area", "Research Triangle Park": capitalised words ending in a
    place word name a place, where the model saw nothing or only a piece of it.

    Words of a known name are not taken, nor a line set in Title Case.
    """
    text = doc_text(doc)
    known = {i for c in cands if c.source != "model" for i in range(c.token_start, c.token_end)}
    found = []
    for m in _PLACE_WORD.finditer(text):
        if any(a <= m.start() < b for a, b in headlines):
            continue
        last = doc.char_span(m.start(), m.end())
        if last is None or len(last) != 1 or last.start in known:
            continue
        i = last.start
        while (
            i > 0
            and last.start - i < 3
            and (i - 1) not in known
            and doc[i - 1].is_title
            and doc[i - 1].is_alpha
            and not doc[i - 1].is_stop
            and (doc[i - 1].pos_ == "PROPN" or not doc[i - 1].is_sent_start)
            and doc[i - 1].ent_type_ not in ("DATE", "TIME")
            and "\n" not in doc[i - 2].whitespace_
        ):
            i -= 1
        if i == last.start:
            continue
        if i > 0 and doc[i - 1].lower_ in _ANY_DESCRIPTOR:
            continue  # "trading firm Jane Street": a company's name, not a street
        found.append(Candidate.of_span(doc[i : last.end], "Place", weight=3))
    if not found:
        return cands
    out = [
        c
        for c in cands
        if not (c.source == "model" and any(f.start <= c.start and c.end <= f.end for f in found))
    ]
    taken = [(c.start, c.end) for c in out]
    out.extend(f for f in found if not any(a < f.end and f.start < b for a, b in taken))
    return sorted(out, key=lambda c: c.start)


_COMPASS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "greater",
}  # fmt: skip


def _free_word(token: Token, known: set[int]) -> bool:
    """A capitalised word, inside a sentence, that no known name has taken."""
    return (
        token.i not in known
        and token.is_title
        and not token.is_sent_start
        and "\n" not in token.whitespace_
        and token.ent_type_ not in ("DATE", "TIME")
    )


def _drop_nested(cands: list[Candidate]) -> list[Candidate]:
    """Mentions inside a longer mention (a widened name) are part of it, not their own."""
    nested = set()
    cover = (-1, -1)  # the span reaching furthest right so far
    for a, b in sorted({(c.token_start, c.token_end) for c in cands}, key=lambda t: (t[0], -t[1])):
        if b <= cover[1] and (a, b) != cover:
            nested.add((a, b))
        elif b > cover[1]:
            cover = (a, b)
    if not nested:
        return cands
    return [c for c in cands if (c.token_start, c.token_end) not in nested]


def _before_title(ent: Span) -> Span:
    """ "USAID Administrator Samantha Power", "Acme President Ada Lin": an organisation the
    model ran on through a title into a person's name is the part before the title; the
    title then vouches for the person (``_titled_persons``)."""
    doc = ent.doc
    for i in range(ent.start + 1, ent.end - 2):
        if doc[i].lower_ in _TITLE_NOUNS and doc[i].is_title and doc[i - 1].whitespace_:
            name = doc[i + 1 : ent.end]
            if len(name) <= 3 and all(t.is_title and t.is_alpha for t in name):
                return doc[ent.start : i]
            break
    return ent


def _widen_number(ent: Span) -> Span:
    """Take in a model or generation number: "PlayStation 3", "Gaudi 3", "Xeon 6"."""
    doc = ent.doc
    end = ent.end
    if (
        end < len(doc)
        and doc[end].is_digit
        and len(doc[end].text) <= 2
        and not doc[end].ent_type_
        and "\n" not in doc[end - 1].whitespace_
        and doc[end - 1].is_title
    ):
        return doc[ent.start : end + 1]
    return ent


_TYPE_PRIORITY = ("Person", "Company", "Organization", "Chip", "Product", "Place")


def _unify_types(cands: list[Candidate]) -> list[Candidate]:
    """One type per name within an article: the model's most frequent label wins."""
    votes: dict[str, dict[str, int]] = {}
    for c in cands:
        if c.source == "model":
            key = _id_key(c.label).lower()
            votes.setdefault(key, {}).setdefault(c.type, 0)
            votes[key][c.type] += c.weight
    out = []
    for c in cands:
        tally = votes.get(_id_key(c.label).lower()) if c.source == "model" else None
        if tally and len(tally) > 1:
            best = max(tally, key=lambda t: (tally[t], -_TYPE_PRIORITY.index(t)))
            if best != c.type:
                c = replace(c, type=best, id=entity_id(best, _id_key(c.label)))
        out.append(c)
    return out


def _family_words(
    doc: Doc, cands: list[Candidate], names: dict[str, GazetteerEntry]
) -> list[Candidate]:
    """A named chip written with its family's word is a mention of both: "Blackwell GPUs"
    is the Blackwell chip and the GPU family, as "H100 GPUs" is the H100 and the family."""
    out: list[Candidate] = []
    for c in cands:
        last = doc[c.token_end - 1] if c.token_end - c.token_start > 1 else None
        family = names.get(last.lower_) if last is not None and c.type == "Chip" else None
        if (
            family is None
            or not family.generic
            or family.type != "Chip"
            or c.entry is None
            or c.entry.generic
        ):
            out.append(c)
            continue
        chip = doc[c.token_start : c.token_end - 1]
        out.append(replace(c, end=chip.end_char, text=chip.text, token_end=chip.end))
        out.append(_from_entry(doc[last.i : last.i + 1], family, "gazetteer"))
    return out


_SIZED_MODEL = re.compile(
    r"(?<![\w.\-‑])[A-Za-z][A-Za-z0-9.]+(?:[-‑][A-Za-z0-9][A-Za-z0-9.]*)*?"
    r"[-‑]\d+(?:\.\d+)?[BbMT](?:[-‑][A-Za-z0-9.]+)*(?![\w\-‑])"
)
"""A model named with its size in parameters: "gpt-oss-120b", "Covenant-72B",
"Qwen3-235B-A22B"."""
_VARIANT_TAIL = re.compile(
    r"[-‑](?:Max|Pro|Preview|Mini|mini|Turbo|Flash|Lite|Instruct|Plus|Ultra)\b"
)


def _model_variants(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Models named by their size or a variant the gazetteer does not list: "gpt-oss-120b"
    and "Covenant-72B" (a name, then its parameter count, in one word) and "Qwen 2.5-Max"
    (a known model, then a tier) are products of their own."""
    text = doc_text(doc)
    found: list[Span] = []
    for m in _SIZED_MODEL.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and span.start_char == m.start() and span.end_char == m.end():
            found.append(span)
    for c in cands:
        if c.type != "Product" or c.entry is None or c.end >= len(text):
            continue
        m = _VARIANT_TAIL.match(text, c.end)
        span = doc.char_span(c.start, m.end(), alignment_mode="expand") if m else None
        if span is not None and span.end_char == m.end():
            found.append(span)
    if not found:
        return cands
    kept = [
        c
        for c in cands
        if not any(s.start <= c.token_start and c.token_end <= s.end for s in found)
    ]
    taken = {i for c in kept for i in range(c.token_start, c.token_end)}
    added = [
        Candidate.of_span(s, "Product", s.text.replace("‑", "-"), source="pattern", weight=3)
        for s in found
        if not taken.intersection(range(s.start, s.end))
    ]
    return sorted(kept + added, key=lambda c: c.start)


def _from_entry(span: Span, entry: GazetteerEntry, source: str) -> Candidate:
    return Candidate(
        span.start_char,
        span.end_char,
        span.text,
        entry.type,
        entry.id,
        entry.name,
        source,
        entry,
        span.start,
        span.end,
    )


_VERSION = re.compile(r"^(?:\d{1,4}(?:\.\d{1,2})?[A-Z]?|[vV]\d{1,2}[a-z]?|[A-Z]\d{1,2}[A-Z]?)$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_QUANTITY_WORDS = {
    "%", "percent", "per", "times", "x", "million", "billion", "trillion", "thousand",
    "gb", "tb", "mb", "nm", "w", "kw", "mw", "gw", "years", "months", "weeks", "days",
    "hours", "units", "servers", "racks", "nodes", "cores",
}  # fmt: skip
"""Words after a number that make it a count or a measure, not a model number."""
_TIERS = {
    "Turbo", "Pro", "Mini", "mini", "Max", "Ultra", "Flash", "Lite", "Plus", "Nano", "Elite", "Gen",
}  # fmt: skip
"""Tier words after a model's version that are part of its name: "Gemini 2.5 Flash"."""


def _versioned(span: Span, entry: GazetteerEntry) -> Candidate | None:
    """A chip or product family named with a generation or model number after it.

    "MTIA 300", "Xeon 6", "Neoverse V2", "Llama 5": a node of its own, of the family's
    type, when the gazetteer does not list that version.
    """
    if entry.type not in ("Chip", "Product") or entry.generic:
        return None
    doc = span.doc
    end = span.end
    if end >= len(doc) or "\n" in doc[end - 1].whitespace_ or not doc[end - 1].whitespace_:
        return None
    version = doc[end].text
    if not _VERSION.match(version) or _YEAR.match(version):
        return None
    if version.isdigit() and end + 1 < len(doc) and doc[end + 1].lower_ in _QUANTITY_WORDS:
        return None
    last = end + 1
    if last < len(doc) and doc[last].text in _TIERS and "\n" not in doc[end].whitespace_:
        last += 1  # "Ernie X1 Turbo", "Gemini 2.5 Pro"
        if last < len(doc) and doc[last].is_digit and len(doc[last]) <= 2:
            last += 1  # "Snapdragon 8 Elite 2", "Snapdragon 8 Gen 3"
    # The family as written when that is a name of its own: "Claude Haiku 4.5" and
    # "Claude Sonnet 4.5" are two models, not both "Claude 4.5".
    family = entry.name if span.text.lower() == entry.name.lower() else span.text
    whole = doc[span.start : last]
    label = " ".join([family, *(t.text for t in doc[end:last])])
    return Candidate.of_span(whole, entry.type, label, source="pattern")


def _listed_portfolio(ent: Span) -> bool:
    """ "Ministry of Investment, Trade and Industry", "Ministry of Economy and Finance",
    "Ministries of Science and Economic Affairs": an office named for a list of fields.

    Its commas and its "and" do not separate names: after "<organisation word> of" come
    fields of one or two capitalised words, each ending in a portfolio, joined by commas
    and a final "and".
    """
    words = [t for t in ent if t.text != "the" and t.text not in _POSSESSIVE]
    at = next((k for k, t in enumerate(words) if t.lower_ == "of"), None)
    if at is None or at == 0 or words[at - 1].lower_ not in _PORTFOLIO_HEADS:
        return False
    fields = _portfolio_fields(words[at + 1 :])
    return fields is not None and len(fields) >= 2


def _portfolio_fields(tail: list[Token]) -> list[list[Token]] | None:
    """``tail`` cut into its fields ("Education", "Culture", "Economic Affairs"), or None
    if it is not a list of portfolios ending in "and <field>"."""
    fields: list[list[Token]] = [[]]
    seps: list[str] = []
    for t in tail:
        if t.text == "," or t.lower_ == "and":
            if fields[-1]:
                fields.append([])
                seps.append(t.lower_)
            elif t.lower_ == "and" and seps:
                seps[-1] = "and"  # the Oxford comma: ", and"
            continue
        fields[-1].append(t)
    if not fields[-1] or not seps or seps[-1] != "and" or "and" in seps[:-1]:
        return None
    if all(
        1 <= len(f) <= 2
        and all(t.is_title and t.is_alpha for t in f)
        and f[-1].lower_ in _PORTFOLIOS
        for f in fields
    ):
        return fields
    return None


_PORTFOLIO_HEADS = ORGANIZATION_WORDS | {"departments", "committees"}


def _widen_portfolios(ent: Span) -> Span:
    """ "Ministry of Education" + ", Culture, Sports, Science and Technology": the model
    cut an office named for a list of fields at the list's first comma."""
    doc = ent.doc
    # the last field is one or two words: "Ministry of Economic Affairs" + " and Climate
    # Action"; the model may have kept a first comma: "Ministry of Economy, Trade" + ", and"
    of = next((k for k in range(2, 8) if len(ent) > k and ent[-k].lower_ == "of"), None)
    if (
        of is None
        or ent[-of - 1].lower_ not in _PORTFOLIO_HEADS
        or ent[-1].lower_ not in _PORTFOLIOS
        or not all(t.is_title or t.text == "," for t in ent[-of + 1 :])
    ):
        return ent
    best = ent.end
    for k in range(ent.end + 1, min(len(doc), ent.end + 14) + 1):
        if "\n" in doc[k - 1].text or doc[k - 1].text in (".", ";", "(", ")"):
            break
        fields = _portfolio_fields(list(doc[ent.end - of + 1 : k]))
        if fields is not None and (k == len(doc) or not doc[k].is_title):
            best = k
    return doc[ent.start : best]


def _widen_second_field(ent: Span) -> Span:
    """ "Institute for Science" + " and International Security", "Directorate for Research"
    + " and Development": the model cut a body named for two fields at their "and"."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != "and":
        return ent
    for k in range(ent.end + 2, min(len(doc), ent.end + 4) + 1):
        if (k == len(doc) or not doc[k].is_title) and _named_for_two_fields(doc[ent.start : k]):
            return doc[ent.start : k]
    return ent


def _named_for_two_fields(ent: Span) -> bool:
    """ "Institute for Science and International Security", "Jazari Institute for
    Artificial Intelligence and Energy Transition": a body named for two fields, one name.

    After "<organisation word> of/for" come one to three capitalised words, "and", and one
    to three more that name nothing of their own: no known entity, place or person, and
    not ending in an organisation word, company suffix or place word ("the University of
    Tokyo and Kyoto University" is two names).
    """
    doc = ent.doc
    ands = [t.i for t in ent if t.lower_ == "and"]
    if len(ands) != 1:
        return False
    second = doc[ands[0] + 1 : ent.end]
    if not (
        1 <= len(second) <= 3
        and second[-1].lower_ not in _FIELD_STOPS
        and all(
            t.is_title and t.is_alpha and not t.ent_id_ and t.ent_type_ not in _NOT_A_FIELD
            for t in second
        )
    ):
        return False
    # the first field: one to three capitalised words after the last "<organisation> of"
    for at in range(ands[0] - 2, max(ent.start, ands[0] - 5), -1):
        if doc[at].lower_ in ("of", "for") and doc[at - 1].lower_ in _OF_HEADS:
            return all(
                t.is_title and t.is_alpha and "\n" not in t.whitespace_
                for t in doc[at + 1 : ands[0]]
            )
    return False


_NOT_A_FIELD = {"GPE", "LOC", "PERSON", "NORP", "FAC", "DATE", "TIME", "MONEY", "CARDINAL"}
_FIELD_STOPS = ORGANIZATION_WORDS | COMPANY_SUFFIXES | PLACE_WORDS


_PORTFOLIOS = {
    "trade", "industry", "investment", "energy", "commerce", "economy", "science",
    "technology", "innovation", "information", "communications", "finance", "defence",
    "defense", "security", "health", "education", "research", "transport", "infrastructure",
    "digital", "affairs", "planning", "development", "labour", "labor", "environment",
    "climate", "agriculture", "mines", "resources", "culture", "tourism", "justice",
    "electronics", "telecommunications", "space", "water", "power", "housing", "employment",
    "sports", "youth", "welfare", "interior", "fisheries", "forestry", "mining", "statistics",
    "action", "enforcement",
}  # fmt: skip
"""Fields a ministry or committee is named for: "Ministry of Economy, Trade and Industry"."""


def _clean(ent: Span) -> list[Span]:
    """The parts of a model span worth keeping: split at line breaks, trimmed."""
    doc = ent.doc
    pieces: list[Span] = []
    start = ent.start
    one_name = _listed_portfolio(ent) or _one_organisation(ent) or _named_for_two_fields(ent)
    for i in range(ent.start, ent.end + 1):
        # Lists the model ran together ("Alphabet, Meta"), line breaks, brackets
        # ("Board of Investment (BoI") and spaced dashes ("MENAFN- Live Mint") split a span.
        breaks = (
            i == ent.end
            or "\n" in doc[i].text
            or (doc[i].text in _SPAN_BREAKS and not (one_name and doc[i].text in (",", "and")))
            or (doc[i].text in _DASHES and (doc[i].whitespace_ or doc[i - 1].whitespace_))
        )
        if i < ent.end - 1 and doc[i].text in _POSSESSIVE:  # "Lambda’s AI": the owner only
            if i > start:
                pieces.append(doc[start:i])
            break
        if breaks or "\n" in doc[i].whitespace_ or _ends_in_dash(doc[i]):
            end = i if breaks else i + 1
            if end > start:
                pieces.append(doc[start:end])
            start = i + 1
    out = []
    for piece in pieces:
        s, e = piece.start, piece.end
        # Leading descriptors, articles, honorifics: "chipmaker Nvidia", "Dr Paniccia".
        while s < e and (
            doc[s].lower_ in _DETERMINERS
            or doc[s].lower_.rstrip(".") in _HONORIFICS
            or (doc[s].lower_ in _FURNITURE and s + 1 < e and doc[s + 1].is_punct)
            or doc[s].is_punct
            or (doc[s].text[:1].islower() and not doc[s].like_num)
        ):
            s += 1
        while e > s and (
            doc[e - 1].text in _POSSESSIVE
            or doc[e - 1].is_punct
            or doc[e - 1].is_space
            or (
                doc[e - 1].is_lower and doc[e - 1].is_alpha and doc[e - 2].whitespace_ and e - 1 > s
            )
        ):
            e -= 1
        if e > s:
            out.append(doc[s:e])
    return out


def _ends_in_dash(token: Token) -> bool:
    """ "MENAFN- Live Mint": a word with a dash and then a space ends a name."""
    return len(token.text) > 1 and token.text[-1] in "-–—" and bool(token.whitespace_)


_SPAN_BREAKS = {",", ";", "and", "(", ")"}
_DASHES = {"-", "–", "—", "--"}


def _is_junk(span: Span) -> bool:
    text = span.text.strip(_TRIM)
    lower = text.lower()
    if len(text) < 2 or not _HAS_LETTER.search(text) or lower in JUNK:
        return True
    if len(span) > 6 and not (_listed_portfolio(span) or _named_for_two_fields(span)):
        return True
    if text[:1].islower():
        return True
    if "http" in lower or "@" in text:
        return True
    if len(span) == 1 and lower.endswith(_ABSTRACT_ENDINGS) and _common_word(span.doc, lower):
        return True  # "Economics", not "Absolics" (a company's made-up word)
    if len(span) == 2 and span[0].lower_ in _RANK_WORDS and _is_rank(span[1].text):
        return True
    if is_title([t.lower_ for t in span if not t.is_punct]):
        return True  # "Majority Leader", "Vice Gov.": a title without its holder
    if _NUMBER_WITH_UNIT.match(text):  # "500MW", "30TB": a figure (part numbers: chips.py)
        return True
    if "/" in text and all(_NUMBER_WITH_UNIT.match(p) or p.isdigit() for p in text.split("/")):
        return True  # "64B/640B", "400G/800G": figures side by side
    if _is_figure(span) or _is_adjective_phrase(span):
        return True
    if any(t.pos_ in ("VERB", "AUX", "PRON") or t.like_url or t.like_email for t in span):
        return True
    # A run of a headline set in capitals ("BAHIA COCOA REVIEW") is not a name.
    words = [t for t in span if t.is_alpha]
    if len(words) > 1 and all(t.is_upper for t in words) and len(text) > 8:
        return True
    return bool(all(t.like_num or t.is_punct or t.ent_type_ == "DATE" for t in span))


_TITLE_WORDS = ROLE_WORDS | _HONORIFICS | {"majority", "minority", "whip", "speaker"}


def is_title(words: list[str]) -> bool:
    """Lower-case ``words`` make up a title and nothing else: "vice gov.", "majority leader"."""
    return bool(words) and all(w.rstrip(".") in _TITLE_WORDS for w in words)


_FURNITURE = {"exclusive", "breaking", "update", "updated", "analysis", "opinion", "explainer"}
"""Labels a wire service puts before a headline: "Exclusive-Cerebras likely to ..."."""

_CURRENCY_CODES = {
    "usd", "eur", "gbp", "jpy", "cny", "rmb", "inr", "krw", "twd", "hkd", "aud", "cad", "chf",
    "sgd", "myr", "rs.", "nt$", "a$", "us$", "s$", "hk$", "c$", "rm", "r$", "rp", "brl", "sek",
    "zar", "aed", "sar", "idr", "thb", "nzd", "pln", "zł",
}  # fmt: skip
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_DIRECTION_ADJECTIVES = {"eastern", "western", "northern", "southern", "central"}
_GENERIC_AFTER_DEMONYM = {"ai", "tech", "chip", "chips", "semiconductor", "semiconductors"}


CURRENCY_AMOUNT = re.compile(
    r"^(?:" + "|".join(sorted(map(re.escape, _CURRENCY_CODES), key=len, reverse=True)) + r")\d",
    re.IGNORECASE,
)


def _is_figure(span: Span) -> bool:
    """An amount, not a name: "INR 40,000", "RMB 1.2", "CNY688", "21,000 crore"."""
    return (
        span[0].lower_ in _CURRENCY_CODES
        or bool(CURRENCY_AMOUNT.match(span[0].text))
        or any(_THOUSANDS.match(t.text) for t in span)
    )


def _is_adjective_phrase(span: Span) -> bool:
    """A demonym or direction adjective, not a name: "American AI", "Middle Eastern"."""
    words = [t.lower_ for t in span if not t.is_punct]
    if not words:
        return False
    if words[-1] in _DIRECTION_ADJECTIVES and (len(words) == 1 or words[0] == "middle"):
        return True
    return (
        len(words) >= 2 and " ".join(words[:-1]) in DEMONYMS and words[-1] in _GENERIC_AFTER_DEMONYM
    )


def _widen_joined(span: Span) -> Span:
    """Take in a name's part joined without a space: "Run:ai", "North Rhine-Westphalia".

    The tokenizer splits at the colon or hyphen and the model often keeps one half.
    Only a lower-case tail after a colon ("Run:ai") or a capitalised word after a hyphen
    ("Rhine-Westphalia"), with no space on either side, is taken in.
    """
    doc = span.doc
    end = span.end
    if end > span.start + 1 and doc[end - 1].text == "-" and not doc[end - 1].whitespace_:
        end -= 1  # the model stopped at the hyphen: "North Rhine-"
    if end + 1 >= len(doc) or doc[end - 1].whitespace_ or doc[end].whitespace_:
        return span
    sep, tail = doc[end], doc[end + 1]
    if not tail.is_alpha:
        return span
    if (sep.text == ":" and tail.is_lower and len(tail) <= 4) or (
        sep.text == "-" and tail.is_title and tail.ent_type_ != "ORG"
    ):
        return doc[span.start : end + 2]
    return span


_OFFICE_AFTER = {"secretary", "minister", "ministry", "department", "commissioner"}
_GOVERNMENT_ROLES = _OFFICE_AFTER | {"governor", "consul", "ambassador", "head", "undersecretary"}
_ROLES_IN_NAME = {
    "secretary", "minister", "governor", "senator", "consul", "ambassador", "commissioner",
    "mayor", "chancellor", "president", "ceo", "cfo", "cto", "spokesman", "spokeswoman",
    "spokesperson", "professor", "chair", "chairman", "chairwoman",
}  # fmt: skip
_ROMAN = re.compile(r"^(?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")
_NAME_NUMBER = re.compile(r"^[A-Za-z][A-Za-z]+-\d{1,3}$")


def _not_a_company(span: Span) -> bool:
    """An ORG span that names a role, a government office or a numbered thing.

    "Consul General", "Ohio Governor Press" (a role in the name), "Commerce" in
    "Commerce Secretary Ada Lin" or "Secretary of Commerce" (a department), "Mod 1",
    "Carlyle Partners VI" (a numbered building or fund).
    """
    doc = span.doc
    words = [t.lower_ for t in span]
    if any(w in ORGANIZATION_WORDS for w in words):
        return False
    if any(w in _ROLES_IN_NAME for w in words):
        return True
    if span.end < len(doc) and doc[span.end].lower_ in _OFFICE_AFTER:
        return True
    if (
        span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lower_ in _GOVERNMENT_ROLES
    ):
        return True
    return len(span) > 1 and (span[-1].is_digit or bool(_ROMAN.match(span[-1].text)))


def _is_rank(text: str) -> bool:
    """ "1", "IV", "A": what follows "Tier" or "Phase" in a rank."""
    return text.isdigit() or bool(_ROMAN.match(text)) or (len(text) == 1 and text.isupper())


def _is_bare_acronym(span: Span) -> bool:
    """One all-capitals token of two to five letters: "DUV", "SMR", "NRC"."""
    return (
        len(span) == 1 and span.text.isalpha() and span.text.isupper() and 2 <= len(span.text) <= 5
    )


def _from_model(
    span: Span,
    label: str,
    names: dict[str, GazetteerEntry],
    shorts: dict[str, GazetteerEntry] | None = None,
) -> Candidate | None:
    if label == "PERSON":
        span = _without_role(span)
        if span[-1].lower_ in _ROLES_IN_NAME:
            return None  # "Press Secretary", "Finance Minister": a role, not a name
    if _is_junk(span):
        return None
    if label == "ORG" and span.end < len(span.doc) and span.doc[span.end].lower_ in _OFFICES:
        return None  # "U.S. Energy Secretary", "Texas Land Commissioner": a title
    if _a_department(span):
        return None  # "Head of Advanced Energy at Google": a part of the company
    if span.end < len(span.doc) and span.doc[span.end].lower_ in _LICENCE_WORDS:
        return None  # "the Apache 2.0 license": terms of use, not a product
    if " + " in span.text or span.text.lower().endswith("action plan"):
        return None  # "Cloud + AI" (a division), "AI Opportunities Action Plan" (a policy)
    text = span.text
    state = _STATE_CODES.get(text) if len(span) == 1 and span.start >= 2 else None
    if state is not None and span.doc[span.start - 1].text == "," and state.lower() in names:
        # "Henrico County, VA": a US state's postal code after its town is the state
        return _from_entry(span, names[state.lower()], "gazetteer")
    entry = names.get(text.lower())
    if entry is None and text.endswith("s") and len(text) > 3:
        plural_of = names.get(text[:-1].lower())  # "MI355Xs" is the MI355X, "UALinks" UALink
        if (
            plural_of is not None
            and plural_of.type in ("Chip", "Product")
            and text[:-1] in plural_of.names
        ):
            return _from_entry(span, plural_of, "gazetteer")
    if len(span) == 1 and text.lower() in _GENERIC_ALONE and text.lower() not in names:
        return None  # "Digital", "Energy", "Capital", "the State" alone: a word, not a name
    if entry is None and _SPACED_PART.match(text):
        entry = names.get(text.replace(" ", "").lower())  # "MI 300x" is the MI300X
        if entry is not None and entry.type == "Chip":
            return _from_entry(span, entry, "gazetteer")
    if entry is not None and (
        not entry.case_sensitive
        or text in entry.names
        or text == text.upper()
        or any(is_camel_variant(text, name) for name in entry.names)
    ):
        return _from_entry(span, entry, "gazetteer")
    by_context = _type_by_head_noun(span) or _type_by_neighbours(span, label)
    short = shorts.get(text) if shorts else None
    if (
        short is not None
        and short.type in ("Company", "Organization")
        and (
            short.type == by_context
            or (label == "ORG" and not by_context)
            or (label in ("GPE", "LOC") and not by_context and text not in towns())
        )
    ):
        # A short form the model (or the words around it) vouches for: "Altimeter" as ORG.
        # A place the model made of it that no town list knows is its guess for a name it
        # has not seen: "Eaton will open a campus" is the power-equipment maker.
        return _from_entry(span, short, "gazetteer")
    type_ = by_context or type_by_evidence(span, label)
    if type_ is None:
        if label == "PERSON" and len(span) == 1 and _capitalised(span[0]):
            # Too weak alone; kept on trial for a list of names to decide (_coordinated).
            return Candidate.of_span(span, "Person", weight=0)
        return None
    return Candidate.of_span(span, type_, weight=3 if by_context else 2 if _by_form(span) else 1)


_GENERIC_ALONE = COMPANY_SUFFIXES | {
    "state", "county", "city", "town", "village", "district", "province", "company", "firm",
    "federal", "street", "reit",
}  # fmt: skip
"""Words that end names ("Aramco Digital", "Harris County") but alone are common nouns.
Not "Commission" or "Court": those stand for the commission or court the article names."""

_HEADS = {"head", "director", "president", "chief", "lead", "manager", "officer", "vp"}


def _a_department(span: Span) -> bool:
    """ "Head of Advanced Energy at Google", "vice president of Cloud Infrastructure at
    Oracle": what follows a role and "of", before "at" and an employer, is a department."""
    doc = span.doc
    i, j = span.start, span.end
    return (
        i >= 2
        and doc[i - 1].lower_ == "of"
        and doc[i - 2].lower_ in _HEADS
        and j < len(doc)
        and doc[j].lower_ in ("at", ",")
    )


_OFFICES = {
    "secretary", "minister", "governor", "senator", "commissioner", "mayor", "chancellor",
    "undersecretary", "ambassador", "consul",
}  # fmt: skip
"""Government offices after a name that make the name part of a title."""

_SPACED_PART = re.compile(r"^[A-Za-z]{1,4} \d{2,4}[A-Za-z]{0,2}$")


def _by_form(span: Span) -> bool:
    """The name's own words say what it is: "Stars Microelectronics", "Ames Research Center"."""
    words = [t.lower_ for t in span if not t.is_punct]
    return len(words) > 1 and (
        words[-1] in COMPANY_SUFFIXES
        or words[-1] in PLACE_WORDS
        or any(w in ORGANIZATION_WORDS for w in words)
    )


def _without_role(span: Span) -> Span:
    """ "Attorney General Ada Lin" -> "Ada Lin": a role the model took into a name."""
    cut = max((t.i for t in span[:-2] if t.lower_ in ROLE_WORDS), default=-1)
    return span.doc[cut + 1 : span.end] if cut >= 0 else span


def _type_by_neighbours(span: Span, label: str) -> str | None:
    """Company, Person or Place by the words right around a name.

    "consultancy Knight Frank" (a company noun before it), "Bernstein analyst Ada Lin"
    (an employee's role after it), "Ada Lin, 34, of Tampa" (an age after it), "the
    Bristol-based chipmaker", "headquartered in Nijmegen" and "TSMC's Longtan factory"
    (where something is).
    """
    doc = span.doc
    start, end = span.start, span.end
    if (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].lower_ in _LOCATED
        and any(t.lower_ in COMPANY_DESCRIPTORS for t in doc[end + 2 : end + 5])
    ):
        return "Place"  # "the Bristol-based chipmaker", not "EUV-based manufacturing"
    if (
        start > 1
        and doc[start - 1].lower_ == "in"
        and doc[start - 2].lower_ in _LOCATED_AT
        and (end == len(doc) or doc[end].text not in _POSSESSIVE)
    ):
        return "Place"  # "headquartered in Nijmegen", "a startup based in Espoo"
    if (
        end < len(doc)
        and doc[end].lower_ in _PLANT_NOUNS
        and start > 0
        and doc[start - 1].text in _POSSESSIVE
    ):
        return "Place"
    if (
        start > 0
        and "\n" not in doc[start - 1].whitespace_
        and doc[start - 1].lower_ in _ANY_DESCRIPTOR
        and doc[start - 1].is_lower
    ):
        return "Company"
    if (
        start > 0
        and doc[start - 1].text in _PRODUCT_NOUNS
        and "\n" not in doc[start - 1].whitespace_
    ):
        return "Product"  # "the deep-learning framework Caffe"
    if end + 2 < len(doc) and "\n" not in doc[end - 1].whitespace_:
        nxt = doc[end]
        if (
            nxt.lower_ in COMPANY_ROLES_AFTER
            and not (label == "PERSON" and len(span) > 1)
            and not any(t.lower_ in ORGANIZATION_WORDS for t in span)
        ):
            return "Company"
        if nxt.text == "," and _is_age(doc[end + 1]) and doc[end + 2].text == ",":
            return "Person"
    return None


_LOCATED = {"based", "headquartered"}
"""Words after "<name>-" that, before a company noun, make the name a place ("a
Bristol-based chipmaker")."""
_LOCATED_AT = _LOCATED | {"located"}
"""Words before "in <name>" that make the name a place: "headquartered in Nijmegen"."""
_PLANT_NOUNS = {"factory", "factories", "fab", "fabs", "plant", "plants"}
"""Nouns after "<company>'s <name>" that make the name a place: "TSMC's Longtan factory"."""


def _is_age(token: Token) -> bool:
    return token.is_digit and len(token.text) == 2 and 18 <= int(token.text) <= 99


def type_by_evidence(span: Span, model_label: str) -> str | None:
    """Our type for a span the gazetteer does not know, or None if it is not one."""
    words = [t.lower_ for t in span if not t.is_punct]
    if not words:
        return None
    by_context = _type_by_head_noun(span)
    if by_context is not None:
        return by_context
    last = words[-1]
    # The head of "Bank of Rockland County" is "Bank": the word before "of".
    cut = next((i for i, w in enumerate(words) if w in ("of", "for", "on") and i), len(words))
    head = words[cut - 1]
    if len(words) > 1 and (last in EVENT_WORDS or last in LAW_WORDS or _YEAR.match(last)):
        return None  # an event or a law: "Computex 2024", "the Export Control Reform Act"
    if len(words) > 2 and span[0].text in _COUNCILS and words[1] == "of":
        return "Organization"  # "the City of Ryde said": the town's council, not the place
    if len(words) > 1 and words[0] in FACILITY_WORDS and span[-1].like_num:
        return "Place"  # "Fab 34", "Plant 6"
    if len(words) > 1 and span[0].text == "Project" and span[1].is_title:
        return "Product"  # "Project Rainier", "Project Kuiper": a named programme
    if len(words) > 2 and tuple(words[-2:]) in _POWER_PLANT_TAILS:
        return "Place"  # "Clinton Clean Energy Center": a power station
    if len(words) == 2 and span[0].text == "Plant" and span[1].is_title:
        return "Place"  # "Plant Vogtle", "Plant Scherer": power stations named the Southern way
    if (
        len(words) > 2
        and tuple(words[-2:]) in _OPERATOR_TAILS
        and not any(w in ORGANIZATION_WORDS for w in words)
    ):
        return "Company"  # "Open Access Data Centres": the plural names an operator
    if model_label in ("ORG", "PERSON", "PRODUCT", "GPE", "LOC") and len(words) > 1:
        if last in LEGAL_SUFFIXES:
            return "Company"
        if head in PLACE_WORDS:
            return "Place"
        if head in NAME_PRODUCT_WORDS:
            return "Product"
        if any(w in ORGANIZATION_WORDS for w in words):
            return "Organization"
        if head in _PRODUCT_TAILS:
            return "Product"
        if last in COMPANY_SUFFIXES:
            return "Company"
    if model_label == "ORG":
        if (
            len(words) == 1
            and words[0] in ORGANIZATION_WORDS
            and words[0] not in _ORGANIZATION_ACRONYMS
            and span.end < len(span.doc)
            and span.doc[span.end].lower_ in ROLE_WORDS
        ):
            return None  # "Union Minister", "Cabinet Secretary": part of a title
        if any(w in ORGANIZATION_WORDS for w in words):
            return "Organization"
        if _NAME_NUMBER.match(span.text):
            return "Product"  # "INTELLECT-1", "Llama-3": a numbered release
        return None if _not_a_company(span) else "Company"
    if model_label == "PERSON":
        # "Kim Yung-rok": a syllable after a hyphen is part of the word before it
        name = [
            t
            for t in span
            if not (_hyphen_joins(span.doc, t.i) or _hyphen_joins(span.doc, t.i - 1))
        ]
        if words[-1] in ROLE_WORDS:
            return None  # "GMI Cloud Founder and CEO Alex Yeh": the model's "Cloud Founder"
        if _has_title_before(span) or (
            len(words) >= 2
            and _capitalised(name[0])
            and _capitalised(name[-1])
            and all(_capitalised(t) or not t.is_alpha or t.lower_ in PARTICLES for t in name)
        ):
            return "Person"
        return None  # a lone capitalised word the model guessed is a person: too weak
    if model_label == "PRODUCT" and len(words) == 1 and not _product_shaped(span[0].text):
        return None
    if model_label in ("GPE", "LOC") and (
        _COINED.match(span.text) or (_CAMEL.match(span.text) and not _NAME_PREFIX.match(span.text))
    ):
        return None  # "InvestAI", "SparseCore": a coined brand, never a place's name
    if (
        model_label in ("GPE", "LOC")
        and _ACRONYM.match(span.text)
        and not _line_start(span)
        and span.doc[span.start - 1].text != ","
    ):
        # "New Zealand's BWD", "M13", "ST's flagship fab": places known by letters are in
        # the gazetteer (NSW, KSA); a dateline ("ACCRA, GHANA") starts a line, and a
        # state's code follows its town ("Santa Clara, CA")
        return None if span.doc[span.start - 1].lower_ == "the" else "Company"
    return MODEL_LABELS.get(model_label)


_ACRONYM = re.compile(r"^(?=.*[A-Z])[A-Z0-9]{2,4}$")

_LICENCE_WORDS = {"license", "licence", "licenses", "licences"}

_STATE_CODES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington State",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "DC": "Washington, D.C.",
}  # fmt: skip
"""US postal codes of the states, read as states only after a town and a comma."""


def _line_start(span: Span) -> bool:
    return span.start == 0 or "\n" in span.doc[span.start - 1].whitespace_


_COINED = re.compile(r"^[A-Z][a-z]+[A-Z]{2,}$")
"""A word ending in capitals after lower-case letters: "InvestAI", not "McAllen"."""
_CAMEL = re.compile(r"^[A-Z][a-z]+[A-Z][a-z]+$")
"""One word with a capital inside: "SparseCore", "SmartEstimate"."""
_NAME_PREFIX = re.compile(r"^(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von)[A-Z]")
"""Places and people written that way: "McAllen", "DeKalb", "LaGrange"."""


_OPERATOR_TAILS = {("data", "centers"), ("data", "centres")}

_PRODUCT_TAILS = {"project", "system", "cable", "gigafactory"}
"""Last words that make a name without an organisation word a product's: "Human Proteome
Folding Project", "Bifrost Cable System" (but "Federal Reserve System" is an
organisation's)."""

_POWER_PLANT_TAILS = {
    ("energy", "center"), ("energy", "centre"), ("power", "plant"), ("nuclear", "plant"),
    ("power", "station"), ("generating", "station"),
}  # fmt: skip
"""Last words of power stations' names, which are places: "Crane Clean Energy Center"."""


def _product_shaped(text: str) -> bool:
    """ "iPhone", "GPT-4", "PyTorch", "A320": a digit or an inner capital."""
    return any(ch.isdigit() for ch in text) or any(ch.isupper() for ch in text[1:])


def _capitalised(token: Token) -> bool:
    """ "Heim", "McCredie", "DeVries": a capital first letter, not all capitals."""
    return token.text[:1].isupper() and not (token.is_upper and len(token) > 1)


def _type_by_head_noun(span: Span) -> str | None:
    """Chip or Product when a chip or product noun vouches for the name.

    The name modifies the noun after a determiner, a possessive or a maker ("the Cell
    processor", "IBM's prototype Blue Gene/L machine"), or an apposition names the
    noun ("Solaris, the operating system owned by Sun").
    """
    doc = span.doc
    end = span.end
    if end >= len(doc):
        return None
    # a closing quote may stand on either side of the comma: '"Cristal," an AI system'
    after = end + 1 if doc[end].text in _CLOSING_QUOTES else end
    if after < len(doc) and doc[after].text == ",":
        after += 2 if after + 1 < len(doc) and doc[after + 1].text in _CLOSING_QUOTES else 1
        if after + 1 < len(doc) and doc[after].lower_ in _DETERMINERS:
            return _kind_of_noun(_apposition_head(doc, after + 1).lower_)
    if (
        span.start >= 2
        and doc[end].text == ","
        and doc[span.start - 1].text == ","
        and doc[span.start - 2].lower_ in PRODUCT_NOUNS
        and doc[span.start - 2].is_lower
    ):
        return "Product"  # "its image generation model, GLM-Image, is ..."
    introducers = [doc[i] for i in range(max(0, span.start - 2), span.start)]
    if not any(
        t.lower_ in _DETERMINERS or t.text in _POSSESSIVE or t.ent_type_ == "ORG"
        for t in introducers
    ):
        return None
    noun = doc[end]
    if noun.lower_ in _OFFERING_NOUNS and noun.is_lower and not _is_bare_acronym(span):
        return "Product"  # but not "their SMR technology": a kind of thing
    return _kind_of_noun(noun.lower_)


_CLOSING_QUOTES = {'"', "”", "’", "'"}

_OFFERING_NOUNS = {"technology", "offering", "offerings", "product", "products"}
"""Lower-case nouns after a possessive's or determiner's name that make it a product:
"his startup's NuLink technology", "its ServiceFabric offerings". ("Technology" with a
capital ends company names.)"""


_MODIFIER_TAGS = {"ADJ", "NOUN", "PROPN", "ADV", "NUM"}


def _apposition_head(doc: Doc, i: int) -> Token:
    """The head noun of the phrase starting at ``i``: the last of its run of modifiers
    and nouns ("a computing platform that ..." -> "platform", "a chip designer" ->
    "designer"), at most six words on."""
    head = doc[i]
    words = 0
    for token in doc[i : min(i + 9, len(doc))]:
        if _joins_compound(token):
            continue  # "an open-source language model": "open-source" is one modifier
        if words == 6 or (
            token.pos_ not in _MODIFIER_TAGS and not (token.tag_ == "VBG" and token.i == i)
        ):
            break
        words += 1
        head = token
        if (
            token.lower_ in CHIP_NOUNS
            and token.i + 1 < len(doc)
            and doc[token.i + 1].pos_ != "NOUN"
        ):
            break
    return head


def _joins_compound(token: Token) -> bool:
    """A hyphen written inside a compound word: the "-" of "open-source"."""
    doc = token.doc
    return (
        token.text == "-"
        and 0 < token.i < len(doc) - 1
        and not doc[token.i - 1].whitespace_
        and not token.whitespace_
    )


def _kind_of_noun(noun: str) -> str | None:
    if noun in CHIP_NOUNS:
        return "Chip"
    if noun in PRODUCT_NOUNS:
        return "Product"
    return None


def is_camel_variant(surface: str, name: str) -> bool:
    """ "Coreweave" for "CoreWeave": a CamelCase name written with one capital."""
    return (
        len(name) >= 5
        and " " not in name
        and any(c.isupper() for c in name[1:])
        and surface == name.capitalize()
    )


def _has_title_before(span: Span) -> bool:
    doc = span.doc
    return any(doc[i].lower_ in PERSON_TITLES for i in range(max(0, span.start - 3), span.start))


def normalize_label(text: str) -> str:
    """A display label for a model entity: single spaces, no possessive or quotes; the
    point of "Jr." and "Sr." stays, as it is part of the name."""
    whole = " ".join(text.split())
    text = whole.strip(_TRIM)
    if text.endswith((" Jr", " Sr")) and whole.lstrip(_TRIM).startswith(text + "."):
        text += "."
    for suffix in ("'s", "’s", "‘s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text


def _id_key(label: str) -> str:
    """The part of a label its ID is minted from: "The New Yorker" and "New Yorker" agree."""
    words = label.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words)


def is_capitalised_word(token: Token) -> bool:
    return token.is_alpha and token.text[:1].isupper()
