"""Score extracted claims against hand-labelled gold (called by ``benchmarks/evaluate.py``).

Matching: a gold claim is found when an extracted claim of its article overlaps it by at
least half of the shorter of the two texts (gold texts are located in the article with
``str.find``). Precision counts the extracted claims that overlap some gold claim, recall
the gold claims found; one extracted sentence may thus cover a multi-sentence gold quote.

Over the found gold claims, against the best-overlapping extracted claim:

- speaker accuracy: both have no speaker, or the speaker's label or one of its mention
  texts is the gold speaker's name or one of its surface forms (the entity scorer's test);
- kind accuracy;
- quantities: a gold quantity (a surface string) is found when a quantity of the claim
  overlaps it in the text; its value and unit are right when they equal what our parser
  reads from the gold string alone (``parse_quantity``). The parser's own correctness is
  checked against hand-written values in ``tests/test_quantities.py``.

Run directly, it is ``benchmarks/evaluate.py``, which prints these figures with the
entity scores.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.evaluate import find_group, norm
from graph.extract.quantities import parse_quantity

MIN_OVERLAP = 0.5


@dataclass
class ClaimScore:
    tp_pred: int = 0
    fp: int = 0
    found: int = 0
    gold: int = 0
    speaker_ok: int = 0
    kind_ok: int = 0
    q_gold: int = 0
    q_found: int = 0
    q_right: int = 0
    q_unreadable: int = 0
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)
    speaker_errors: list[str] = field(default_factory=list)
    kind_errors: list[str] = field(default_factory=list)
    quantity_errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp_pred / (self.tp_pred + self.fp) if self.tp_pred + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.found if self.found else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_ok / self.found if self.found else 0.0

    @property
    def quantity_recall(self) -> float:
        return self.q_found / self.q_gold if self.q_gold else 0.0

    @property
    def quantity_accuracy(self) -> float:
        return self.q_right / self.q_found if self.q_found else 0.0


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return inter / shorter if inter > 0 and shorter > 0 else 0.0


def _forms(name: str | None, gold_entities: list[dict]) -> set[str]:
    if name is None:
        return set()
    forms = {norm(name)}
    for g in gold_entities:
        if norm(g["name"]) == norm(name):
            forms |= {norm(a) for a in g.get("aliases_in_text", ())}
    return forms


def _speaker_agrees(gold_name: str | None, pred: dict, record: dict, gold_ents: list) -> bool:
    speaker = pred.get("speaker")
    if gold_name is None or speaker is None:
        return gold_name is None and speaker is None
    names = {norm(speaker["label"])}
    for e in record.get("entities", ()):
        if e["id"] == speaker["id"]:
            names |= {norm(m["text"]) for m in e.get("mentions", ())}
    return bool(names & _forms(gold_name, gold_ents))


def score_claims(gold: dict, groups: dict[tuple[str, str], list[dict]]) -> ClaimScore:
    """Claim precision/recall, speaker, kind and quantity accuracy over all gold articles."""
    score = ClaimScore()
    for ga in gold["articles"]:
        records = [r for r in find_group(ga, groups) if "#related" not in r["article"]["source"]]
        where = ga.get("title", ga.get("file", ""))[:40]
        preds = [(r, c) for r in records for c in r.get("claims", ())]
        text = records[0]["article"]["text"] if records else ""
        spans = []
        for gc in ga.get("claims", ()):
            at = text.find(gc["text"])
            spans.append((at, at + len(gc["text"])) if at >= 0 else None)
        for _, c in preds:
            if any(s and _overlap(s, (c["start"], c["end"])) >= MIN_OVERLAP for s in spans):
                score.tp_pred += 1
            else:
                score.fp += 1
                score.false_hits.append(f"{where}: [{c['kind']}] {c['text'][:90]}")
        for gc, span in zip(ga.get("claims", ()), spans):
            score.gold += 1
            matches = [
                (_overlap(span, (c["start"], c["end"])), r, c) for r, c in preds if span is not None
            ]
            matches = [m for m in matches if m[0] >= MIN_OVERLAP]
            if not matches:
                score.misses.append(f"{where}: [{gc['kind']}] {gc['text'][:90]}")
                score.q_gold += len(gc.get("quantities", ()))
                continue
            score.found += 1
            _, record, best = max(matches, key=lambda m: m[0])
            if _speaker_agrees(gc.get("speaker"), best, record, ga.get("entities", [])):
                score.speaker_ok += 1
            else:
                got = best["speaker"]["label"] if best.get("speaker") else None
                score.speaker_errors.append(
                    f"{where}: gold {gc.get('speaker')!r}, got {got!r}: {gc['text'][:60]}"
                )
            if best["kind"] == gc["kind"]:
                score.kind_ok += 1
            else:
                score.kind_errors.append(f"{where}: gold {gc['kind']}, got {best['kind']}: "
                                         f"{gc['text'][:60]}")  # fmt: skip
            _score_quantities(gc, span, [c for _, _, c in matches], text, score, where)
    return score


def _score_quantities(
    gc: dict, span: tuple[int, int], claims: list[dict], text: str, score: ClaimScore, where: str
) -> None:
    located = []
    for c in claims:
        for q in c.get("quantities", ()):
            at = text.find(q["text"], c["start"], c["end"])
            if at >= 0:
                located.append(((at, at + len(q["text"])), q))
    for surface in gc.get("quantities", ()):
        score.q_gold += 1
        at = text.find(surface, span[0], span[1])
        gspan = (at, at + len(surface))
        hits = [q for s, q in located if at >= 0 and _overlap(gspan, s) > 0]
        if not hits:
            score.quantity_errors.append(f"{where}: not found {surface!r}")
            continue
        score.q_found += 1
        expected = parse_quantity(surface)
        if expected is None:
            score.q_unreadable += 1
            score.quantity_errors.append(f"{where}: gold {surface!r} unreadable by the parser")
            continue
        if any(
            q["unit"] == expected.unit and math.isclose(q["value"], expected.value, rel_tol=1e-6)
            for q in hits
        ):
            score.q_right += 1
        else:
            got = [(q["value"], q["unit"]) for q in hits]
            score.quantity_errors.append(
                f"{where}: {surface!r} expected {(expected.value, expected.unit)}, got {got}"
            )


def print_claim_score(score: ClaimScore, *, quiet: bool = False, out=sys.stdout) -> None:
    """Print the figures and, unless quiet, the misses, false hits and errors."""
    print("Claims (text overlap >= 50% of the shorter)", file=out)
    print(f"  {'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}", file=out)
    print(
        f"  {score.precision:7.3f}{score.recall:7.3f}{score.f1:7.3f}{score.tp_pred:6}"
        f"{score.fp:5}{score.gold - score.found:5}",
        file=out,
    )
    print(f"  speaker accuracy   {score.speaker_accuracy:.3f} ({score.speaker_ok}/{score.found})",
          file=out)  # fmt: skip
    print(f"  kind accuracy      {score.kind_accuracy:.3f} ({score.kind_ok}/{score.found})",
          file=out)  # fmt: skip
    print(f"  quantities found   {score.quantity_recall:.3f} ({score.q_found}/{score.q_gold})",
          file=out)  # fmt: skip
    print(f"  value+unit right   {score.quantity_accuracy:.3f} ({score.q_right}/{score.q_found})",
          file=out)  # fmt: skip
    if quiet:
        return
    for title, items, mark in (
        ("misses", score.misses, "-"),
        ("false hits", score.false_hits, "+"),
        ("speaker errors", score.speaker_errors, "~"),
        ("kind errors", score.kind_errors, "~"),
        ("quantity errors", score.quantity_errors, "~"),
    ):
        if items:
            print(f"\n  {title} ({len(items)}):", file=out)
            for item in items:
                print(f"    {mark} {item}", file=out)


if __name__ == "__main__":
    from benchmarks.evaluate import main

    sys.exit(main())
