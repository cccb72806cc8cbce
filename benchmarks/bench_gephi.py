"""Benchmark: how long the Gephi exports take next to the build they come from.

Builds a graph from a real corpus (default: the 2,225 BBC articles), then times
``write_gexf`` and ``write_graphml`` and prints their share of the build time.

The extracted facts are cached in ``--out`` (``facts.sqlite``), so only the first run
pays for spaCy (default folder: ``$TMPDIR/newsgraph-bench-gephi``); the build time of
that first, uncached run is kept in ``--out/build-timings.json`` and re-used as the denominator by later runs.

Run::

    .venv/bin/python benchmarks/bench_gephi.py            # first run: several minutes
    .venv/bin/python benchmarks/bench_gephi.py            # later runs: seconds
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc" / "bbc-2225.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", default=[str(DEFAULT_CORPUS)])
    # outside the work tree: a `newsgraph build` or a clean-up of ./out must not wipe the cache
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "newsgraph-bench-gephi"))
    parser.add_argument("--dynamic", action="store_true", help="also time the dynamic GEXF")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    from graph.pipeline import build_corpus

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    record = out / "build-timings.json"
    result = build_corpus(args.corpus, out)
    uncached = result.extracted > 0
    if uncached or not record.exists():
        record.write_text(
            json.dumps(
                {
                    "articles": result.articles,
                    "extracted": result.extracted,
                    "timings": result.timings,
                },
                indent=2,
            )
        )
    first = json.loads(record.read_text())
    build_s = sum(first["timings"].values())

    from exports.gephi import write_gexf, write_graphml

    g = result.graph
    rows: list[tuple[str, float]] = []
    t = time.perf_counter()
    write_gexf(g, out / "graph.gexf")
    rows.append(("GEXF, defaults (analysis + layout + write)", time.perf_counter() - t))
    t = time.perf_counter()
    write_graphml(g, out / "graph.graphml")
    rows.append(("GraphML, defaults (analysis re-used)", time.perf_counter() - t))
    if args.dynamic:
        t = time.perf_counter()
        write_gexf(g, out / "graph-dynamic.gexf", dynamic=True)
        rows.append(("GEXF, dynamic=True (analysis re-used)", time.perf_counter() - t))

    print(f"corpus: {', '.join(args.corpus)}")
    print(f"articles: {first['articles']} (extracted in the first run: {first['extracted']})")
    print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    print(f"build (read+extract+build, first uncached run): {build_s:8.2f} s")
    for name, secs in rows:
        print(f"{name:<46} {secs:8.2f} s  {100 * secs / build_s:5.2f} % of build")
    both = rows[0][1] + rows[1][1]
    print(f"{'GEXF + GraphML':<46} {both:8.2f} s  {100 * both / build_s:5.2f} % of build")


if __name__ == "__main__":
    main()
