"""Score ``newsgraph extract`` output against hand-labelled gold.

The gold file has the format of ``seeds_gold.json``: per article its ``file`` (and
``title``; JSON Lines articles are told apart by title), its entities (canonical name,
type, the surface forms in the text) and its claims. Entities of an article's
``related:`` entries count as the article's own, as in the gold.

Usage:

    python benchmarks/evaluate.py --gold ../shared/seeds_gold.json examples/articles
    python benchmarks/evaluate.py --gold benchmarks/heldout/gold.json \
        benchmarks/heldout/articles.jsonl
    python benchmarks/evaluate.py --gold G.json --predictions facts.jsonl   # extract output
    python benchmarks/evaluate.py --gold G.json --baseline PATHS            # bare spaCy NER

An entity is a true hit when its type agrees with a gold entity's and its label or one
of its mention texts is that entity's name or one of its surface forms (case, a leading
"The", possessives and punctuation aside). Each gold entity is matched at most once, so
a second node for the same entity counts as a false hit.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TYPES = ("Company", "Organization", "Person", "Chip", "Product", "Place")


def norm(text: str) -> str:
    """Comparison form of a name."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").lower().strip()
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"[^\w@]+", " ", text)
    return " ".join(text.split())


def title_key(title: str) -> str:
    return norm(title)[:80]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EntityScore:
    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Counts:
        total = Counts()
        for c in self.by_type.values():
            total.tp += c.tp
            total.fp += c.fp
            total.fn += c.fn
        return total


# -- grouping predictions by gold article -------------------------------------------------


def _file_of(source: str) -> str:
    base = source.split("#", 1)[0]
    base = re.sub(r":\d+$", "", base)
    return Path(base).name


def group_predictions(records: Iterable[dict]) -> dict[tuple[str, str], list[dict]]:
    """(file name, main article title key) -> the extract records of it and its related."""
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    parent_title: dict[str, str] = {}
    records = list(records)
    for r in records:
        a = r["article"]
        if "#related" not in a["source"]:
            parent_title[a["source"]] = title_key(a["title"])
    for r in records:
        a = r["article"]
        src = a["source"]
        main = src.split("#related", 1)[0]
        key = parent_title.get(main, title_key(a["title"]))
        groups[(_file_of(src), key)].append(r)
    return groups


def find_group(gold_article: dict, groups: dict[tuple[str, str], list[dict]]) -> list[dict]:
    file = Path(gold_article.get("file", "")).name
    same_file = [k for k in groups if k[0] == file]
    if len(same_file) == 1:
        return groups[same_file[0]]
    key = title_key(gold_article.get("title", ""))
    for k in same_file or groups:
        if k[1] == key or (key and (k[1].startswith(key[:60]) or key.startswith(k[1][:60]))):
            return groups[k]
    return []


# -- entity scoring -----------------------------------------------------------------------


def score_entities(gold: dict, groups: dict[tuple[str, str], list[dict]]) -> EntityScore:
    score = EntityScore()
    for ga in gold["articles"]:
        preds = []
        for record in find_group(ga, groups):
            preds.extend(record["entities"])
        _score_article(ga, preds, score)
    return score


def _score_article(ga: dict, preds: list[dict], score: EntityScore) -> None:
    gold_entities = ga["entities"]
    forms = [
        {norm(g["name"]), *(norm(a) for a in g.get("aliases_in_text", ()))} for g in gold_entities
    ]
    matched = [False] * len(gold_entities)
    where = ga.get("title", ga.get("file", ""))[:50]
    # Gazetteer-labelled and longer-mentioned predictions first, so duplicates are the FPs.
    for p in sorted(preds, key=lambda p: -len(p.get("mentions", ()))):
        names = {norm(p["label"]), *(norm(m["text"]) for m in p.get("mentions", ()))}
        hit = None
        for i, g in enumerate(gold_entities):
            if not matched[i] and g["type"] == p["type"] and names & forms[i]:
                hit = i
                break
        if hit is None:
            score.by_type[p["type"]].fp += 1
            # Same entity with the wrong type is worth saying so.
            wrong = next(
                (g for i, g in enumerate(gold_entities) if names & forms[i]),
                None,
            )
            note = f" (gold: {wrong['name']} as {wrong['type']})" if wrong else ""
            score.false_hits.append(f"{where}: {p['label']} [{p['type']}]{note}")
        else:
            matched[hit] = True
            score.by_type[p["type"]].tp += 1
    for i, g in enumerate(gold_entities):
        if not matched[i]:
            score.by_type[g["type"]].fn += 1
            score.misses.append(f"{where}: {g['name']} [{g['type']}]")


def print_entity_score(score: EntityScore, *, out=sys.stdout) -> None:
    print("Entities (typed)", file=out)
    print(f"  {'type':<13}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}", file=out)
    for t in TYPES:
        c = score.by_type.get(t)
        if c is None or not (c.tp or c.fp or c.fn):
            continue
        print(
            f"  {t:<13}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{c.tp:6}{c.fp:5}{c.fn:5}",
            file=out,
        )
    c = score.overall
    print(
        f"  {'overall':<13}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{c.tp:6}{c.fp:5}{c.fn:5}",
        file=out,
    )
    if score.misses:
        print(f"\n  misses ({len(score.misses)}):", file=out)
        for m in score.misses:
            print("    -", m, file=out)
    if score.false_hits:
        print(f"\n  false hits ({len(score.false_hits)}):", file=out)
        for m in score.false_hits:
            print("    +", m, file=out)


# -- producing predictions ----------------------------------------------------------------


def predict(paths: list[str], entities: list[str]) -> list[dict]:
    from graph.extract import Extractor
    from graph.ingest import read

    extractor = Extractor(entities=entities)
    return [f.to_dict() for f in extractor.extract_many(read(paths))]


def predict_baseline(paths: list[str]) -> list[dict]:
    """The bare spaCy model: its NER labels mapped to our types, nothing else."""
    from graph.extract.pipeline import load_model
    from graph.ingest import read

    mapping = {
        "ORG": "Company",
        "PERSON": "Person",
        "GPE": "Place",
        "LOC": "Place",
        "PRODUCT": "Product",
    }
    nlp = load_model()
    out = []
    articles = list(read(paths))
    for doc, a in nlp.pipe(((a.text, a) for a in articles), as_tuples=True):
        ents: dict[tuple[str, str], dict] = {}
        for e in doc.ents:
            if e.label_ in mapping:
                key = (e.text, mapping[e.label_])
                ents.setdefault(key, {"label": e.text, "type": key[1], "mentions": []})
                ents[key]["mentions"].append({"text": e.text})
        out.append({"article": a.to_dict(), "entities": list(ents.values()), "claims": []})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", help="inputs to extract (files or folders)")
    ap.add_argument("--gold", required=True, help="gold file (format of seeds_gold.json)")
    ap.add_argument("--predictions", help="JSON Lines from 'newsgraph extract' instead of PATHS")
    ap.add_argument("--entities", action="append", default=[], help="extra gazetteer file")
    ap.add_argument("--baseline", action="store_true", help="score the bare spaCy NER")
    ap.add_argument("--quiet", action="store_true", help="figures only, no misses list")
    args = ap.parse_args(argv)

    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    if args.predictions:
        with open(args.predictions, encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh if line.strip()]
    elif args.paths:
        records = (
            predict_baseline(args.paths) if args.baseline else predict(args.paths, args.entities)
        )
    else:
        ap.error("give PATHS to extract or --predictions FILE")
    groups = group_predictions(records)
    missing = [
        ga.get("title") or ga.get("file") for ga in gold["articles"] if not find_group(ga, groups)
    ]
    if missing:
        print(
            f"warning: no predictions for {len(missing)} gold article(s): {missing[:5]}",
            file=sys.stderr,
        )
    score = score_entities(gold, groups)
    if args.quiet:
        score.misses.clear()
        score.false_hits.clear()
    print_entity_score(score)
    if not args.baseline:
        try:
            from benchmarks.claims_eval import print_claim_score, score_claims
        except ImportError:
            pass
        else:
            print()
            print_claim_score(score_claims(gold, groups), quiet=args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
