"""Reading speed of the ingest readers (no extraction).

Run: .venv/bin/python benchmarks/bench_ingest.py [PATH...]
Default: the JSON Lines corpora in ../shared/corpora and the HTML/feed fixtures.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from graph.ingest import read, read_bytes, summarize

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
GOOD = ROOT / "tests" / "fixtures" / "ingest" / "good"


def bench_paths(paths: list[Path]) -> None:
    started = time.perf_counter()
    reading = read(paths)
    count = sum(1 for _ in reading)
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in paths if p.is_file())
    print(
        f"{count:,} articles from {len(paths)} files ({size / 1e6:.1f} MB) in {seconds:.2f}s: "
        f"{count / seconds:,.0f} articles/s; {summarize(reading.skipped)}"
    )


def bench_format(name: str, repeat: int = 200) -> None:
    data = (GOOD / name).read_bytes()
    started = time.perf_counter()
    for _ in range(repeat):
        read_bytes(data, name)
    per = (time.perf_counter() - started) / repeat
    print(f"{name}: {per * 1000:.1f} ms per document ({len(data) / 1024:.1f} KB)")


if __name__ == "__main__":
    args = [Path(p) for p in sys.argv[1:]] or sorted(CORPORA.glob("*/*.jsonl"))
    bench_paths(args)
    for fixture in ("gpu-cloud-page.html", "ai-chips.rss", "datacenter-power.atom"):
        bench_format(fixture)
