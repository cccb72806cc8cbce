"""Extraction speed against the bare spaCy pipeline on the same texts, in one run.

The ceiling is ``nlp.pipe`` of the same model with nothing of ours; newsgraph adds its
gazetteer component and the Python work after it (typing, linking, chips, claims).

On a shared machine a whole round can land in a busy spell, so the texts are cut into
slices of ``--slice`` articles and the two sides take turns slice by slice, every round;
each side's figure is the sum over slices of its best time for the slice. Process CPU
time is used beside wall time: other tenants' load slows wall time but barely CPU time.

    python benchmarks/bench_extract.py [--corpus FILE.jsonl] [--limit N] [--rounds R]
        [--slice S]
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
    ap.add_argument("--slice", type=int, default=25, help="articles per timed slice")
    ap.add_argument("--fast", action="store_true", help="also time the no-model fast mode")
    args = ap.parse_args(argv)

    from graph.extract import Extractor
    from graph.extract.pipeline import load_model
    from graph.ingest import read

    articles = list(read([args.corpus]))[: args.limit]
    if not articles:
        print(f"error: {args.corpus}: no articles to time", file=sys.stderr)
        return 1
    words = sum(len(a.text.split()) for a in articles)
    bare = load_model()
    ours = Extractor()
    texts = [a.text for a in articles]
    list(bare.pipe(texts[:5]))  # warm up both
    list(ours.extract_many(articles[:5]))

    slices = [
        range(i, min(i + args.slice, len(articles))) for i in range(0, len(articles), args.slice)
    ]
    inf = float("inf")
    best = {side: [[inf, inf] for _ in slices] for side in ("bare", "ours")}  # [wall, cpu]
    entities = claims = 0
    for _ in range(args.rounds):
        for k, part in enumerate(slices):
            # each side starts from a collected heap, so neither pays for the other's garbage
            gc.collect()
            w, c = time.perf_counter(), time.process_time()
            for _doc in bare.pipe([texts[i] for i in part], batch_size=64):
                pass
            _keep_best(best["bare"][k], w, c)
            gc.collect()
            w, c = time.perf_counter(), time.process_time()
            for f in ours.extract_many([articles[i] for i in part], batch_size=64):
                entities += len(f.entities)
                claims += len(f.claims)
            _keep_best(best["ours"][k], w, c)
    entities //= args.rounds
    claims //= args.rounds
    best_bare, cpu_bare = (sum(x) for x in zip(*best["bare"]))
    best_ours, cpu_ours = (sum(x) for x in zip(*best["ours"]))

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
    print(
        f"overhead, CPU time  : {100 * (cpu_ours / cpu_bare - 1):+.1f}%  "
        f"(bare {cpu_bare:.2f} s, ours {cpu_ours:.2f} s)"
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


def _keep_best(best: list[float], wall_start: float, cpu_start: float) -> None:
    best[0] = min(best[0], time.perf_counter() - wall_start)
    best[1] = min(best[1], time.process_time() - cpu_start)


if __name__ == "__main__":
    raise SystemExit(main())
