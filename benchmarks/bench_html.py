"""Benchmark the HTML view on a real corpus: build time in Python, load time in Chromium.

    .venv/bin/python benchmarks/bench_html.py [--corpus FILE] [--out DIR] [--max-nodes N]

The first run extracts every article (several minutes on 2 cores) and caches the facts in
``--out/facts.sqlite``; later runs only rebuild the graph. "Interactive" is measured from
navigation to the moment the network has drawn once and a search typed into the box has
listed its results, in headless Debian Chromium with no network.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from exports.html import importance, layout, write_html
from graph.pipeline import build_corpus

CORPUS = str(Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc" / "bbc-2225.jsonl")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def time_to_interactive(path: Path, query: str, runs: int = 3) -> list[float]:
    """Seconds from navigation to first drawing plus a working search, per run."""
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            requests: list[str] = []
            errors: list[str] = []
            page.on("request", lambda r, seen=requests: seen.append(r.url))
            page.on("pageerror", lambda e, seen=errors: seen.append(str(e)))
            start = time.perf_counter()
            page.goto(path.resolve().as_uri(), wait_until="commit")
            page.wait_for_selector("body[data-ready]", state="attached", timeout=60000)
            page.fill("#search", query)
            page.wait_for_selector("#results li", timeout=60000)
            times.append(time.perf_counter() - start)
            assert len(requests) == 1 and not errors, (requests, errors)
            page.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=CORPUS)
    parser.add_argument("--out", default="/tmp/bench-html-out")
    parser.add_argument("--max-nodes", type=int, default=500)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    t = time.perf_counter()
    result = build_corpus([args.corpus], out)
    g = result.graph
    print(
        f"graph: {result.articles} articles, {g.number_of_nodes()} nodes, "
        f"{g.number_of_edges()} edges (build {time.perf_counter() - t:.1f} s, "
        f"{result.extracted} extracted, {result.cached} cached)"
    )

    t = time.perf_counter()
    rank = importance(g)
    t_rank = time.perf_counter() - t
    core = sorted(g, key=lambda n: -rank[n])[: args.max_nodes]
    t = time.perf_counter()
    layout(g, core)
    t_layout = time.perf_counter() - t
    print(
        f"python: PageRank {t_rank:.2f} s, layout of all {g.number_of_nodes()} nodes "
        f"(first {len(core)} pinned) {t_layout:.2f} s"
    )

    page = out / "graph.html"
    t = time.perf_counter()
    write_html(g, page, title="BBC news", max_nodes=args.max_nodes)
    print(f"write_html: {time.perf_counter() - t:.2f} s, {page.stat().st_size / 1e6:.1f} MB")

    query = str(g.nodes[core[0]].get("label", ""))[:4]
    times = time_to_interactive(page, query)
    print(
        f"chromium: interactive in {statistics.median(times):.2f} s "
        f"(median of {len(times)}: {', '.join(f'{x:.2f}' for x in times)})"
    )


if __name__ == "__main__":
    main()
