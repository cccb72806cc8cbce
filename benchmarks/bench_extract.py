"""Extraction speed against the bare spaCy pipeline on the same texts, in one run.

The ceiling is ``nlp.pipe`` of the same model with nothing of ours; newsgraph adds its
gazetteer component and the Python work after it (typing, linking, chips, claims). The
two are timed alternately, several rounds, and the best round of each is compared, so
a busy machine slows both alike.

    python benchmarks/bench_extract.py [--corpus FILE.jsonl] [--limit N] [--rounds R]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc" / "sample-200.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--fast", action="store_true", help="also time the no-model fast mode")
    args = ap.parse_args(argv)

    from graph.extract import Extractor
    from graph.extract.pipeline import load_model
    from graph.ingest import read

    articles = list(read([args.corpus]))[: args.limit]
    words = sum(len(a.text.split()) for a in articles)
    bare = load_model()
    ours = Extractor()
    texts = [a.text for a in articles]
    list(bare.pipe(texts[:5]))  # warm up both
    list(ours.extract_many(articles[:5]))

    best_bare = best_ours = float("inf")
    entities = claims = 0
    for _ in range(args.rounds):
        # each side starts from a collected heap, so neither pays for the other's garbage
        gc.collect()
        t = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=64):
            pass
        best_bare = min(best_bare, time.perf_counter() - t)
        gc.collect()
        t = time.perf_counter()
        entities = claims = 0
        for f in ours.extract_many(articles, batch_size=64):
            entities += len(f.entities)
            claims += len(f.claims)
        best_ours = min(best_ours, time.perf_counter() - t)

    print(f"corpus: {args.corpus} ({len(articles)} articles, {words:,} words)")
    print(
        f"bare spaCy nlp.pipe : {best_bare:7.2f} s  {len(articles) / best_bare:7.1f} art/s  "
        f"{words / best_bare:9,.0f} words/s"
    )
    print(
        f"newsgraph extract   : {best_ours:7.2f} s  {len(articles) / best_ours:7.1f} art/s  "
        f"{words / best_ours:9,.0f} words/s  ({entities} entities, {claims} claims)"
    )
    print(
        f"overhead            : {100 * (best_ours / best_bare - 1):+.1f}%  "
        f"(ours at {100 * best_bare / best_ours:.0f}% of the bare pipeline's speed)"
    )
    if args.fast:
        fast = Extractor(fast=True)
        t = time.perf_counter()
        list(fast.extract_many(articles))
        tf = time.perf_counter() - t
        print(
            f"fast mode (no model): {tf:7.2f} s  {len(articles) / tf:7.1f} art/s  "
            f"{words / tf:9,.0f} words/s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
