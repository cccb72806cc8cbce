"""Benchmark: full build vs. a rebuild after adding one article, and every example query.

Runs the real ``newsgraph build`` twice on a corpus (from scratch, then with one more
article added), then times each query in ``examples/queries/`` against the store
(best of three, after one warm-up run) on the store that includes the added article.

    python benchmarks/bench_sparql.py ../shared/corpora/bbc/bbc-2225.jsonl \
        --work /tmp/bench-sparql-out

Prints a Markdown table and writes ``results.json`` into the work folder. Use
``--reuse`` to skip the full build when the work folder already holds one.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted((ROOT / "examples" / "queries").glob("*.rq"))
EXTRA = next(  # the added article: one naming Nvidia and OpenAI, so the queries have rows
    p for p in sorted((ROOT / "examples" / "articles").glob("*.txt")) if "Nvidia" in p.read_text()
)


def build(corpus: Path, out: Path) -> tuple[float, str]:
    """Run ``newsgraph build``; (seconds, its summary on stderr)."""
    t = time.perf_counter()
    cmd = [sys.executable, "-m", "graph.cli", "build", str(corpus), "-o", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"build failed: {done.stderr.strip()}")
    return time.perf_counter() - t, done.stderr.strip()


def time_queries(out: Path) -> dict[str, dict[str, float]]:
    from graph.query import load_query, run_query
    from graph.store import Store

    store = Store(out, create=False)
    results = {}
    for path in QUERIES:
        query = load_query(str(path))
        rows = len(run_query(store.rdf, query).rows)  # warm-up
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            run_query(store.rdf, query)
            best = min(best, time.perf_counter() - t)
        results[path.stem] = {"seconds": best, "rows": rows}
    store.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a JSONL file or folder of articles")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-sparql-out"))
    parser.add_argument("--reuse", action="store_true", help="keep an existing full build")
    args = parser.parse_args()

    corpus_dir, out = args.work / "corpus", args.work / "out"
    figures: dict[str, object] = {}
    previous = args.work / "results.json"
    if args.reuse and previous.is_file():  # keep the full build's figures of the earlier run
        old = json.loads(previous.read_text(encoding="utf-8"))
        figures.update({k: v for k, v in old.items() if k.startswith("full_")})
    if not args.reuse or not (out / "store").is_dir():
        shutil.rmtree(args.work / "corpus", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        corpus_dir.mkdir(parents=True)
        shutil.copy(args.corpus, corpus_dir)
        figures["full_build_s"], figures["full_summary"] = build(corpus_dir, out)
    extra = corpus_dir / ("extra-" + EXTRA.name)
    for stale in corpus_dir.glob("extra-*"):
        stale.unlink()
    figures["unchanged_rebuild_s"], figures["unchanged_summary"] = build(corpus_dir, out)
    shutil.copy(EXTRA, extra)
    figures["plus_one_rebuild_s"], figures["plus_one_summary"] = build(corpus_dir, out)
    figures["queries"] = queries = time_queries(out)
    extra.unlink()
    (args.work / "results.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")

    if "full_build_s" in figures:
        full, plus = figures["full_build_s"], figures["plus_one_rebuild_s"]
        print(f"full build:                {full:8.1f} s")
        print(
            f"rebuild, one article added: {plus:7.1f} s  ({100 * plus / full:.1f}% of the full build)"
        )
        print(figures["full_summary"])
    print(f"rebuild, nothing changed:  {figures['unchanged_rebuild_s']:8.1f} s")
    print(figures["plus_one_summary"])
    print("\n| query | rows | seconds |\n|---|---:|---:|")
    for name, q in queries.items():
        print(f"| {name} | {q['rows']} | {q['seconds']:.3f} |")


if __name__ == "__main__":
    main()
