"""End to end: ``newsgraph build`` on a real corpus against the bare-spaCy ceiling.

Prints, from one run on one machine:

- the build's articles/s and words/s end to end (the real CLI in a subprocess, wall
  time from start to exit, model loading included);
- the same for bare spaCy ``nlp.pipe`` of the same model on the same texts with the
  same number of processes (the ceiling: parsing and nothing else), and the ratio;
- peak memory of the build (the proportional set size of its whole process tree,
  sampled every 0.2 s);
- the time of each stage (read, extract, build, store, each output file);
- a second build of the unchanged corpus, as a share of the first;
- ``--jobs 2`` against ``--jobs 1`` on a slice of the corpus.

    python benchmarks/bench_build.py [CORPUS.jsonl ...] [--scale N] [--jobs J]
        [--no-ceiling] [--no-scaling] [--fast] [--work DIR]

``--scale N`` repeats the corpus N times as distinct articles (memory growth).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPORA = ROOT.parent / "shared" / "corpora"
DEFAULT_CORPUS = [
    CORPORA / "bbc" / "bbc-2225.jsonl",
    CORPORA / "reuters21578" / "reuters21578-01.jsonl",
    CORPORA / "reuters21578" / "reuters21578-02.jsonl",
]
NEWSGRAPH = [sys.executable, "-m", "graph.cli"]


def scaled_corpus(paths: list[Path], scale: int, dest: Path, limit: int | None = None) -> Path:
    """A folder of JSONL files: the articles of ``paths``, ``scale`` times as distinct
    articles, one file per copy (each stays under the reader's per-file size limit)."""
    records = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            records.extend(json.loads(line) for line in fh if line.strip())
    if limit:
        records = records[:limit]
    dest.mkdir(parents=True, exist_ok=True)
    for copy in range(scale):
        with (dest / f"copy{copy}.jsonl").open("w", encoding="utf-8") as fh:
            for r in records:
                if copy:
                    r = {**r, "id": f"{r.get('id', '')}-copy{copy}"}
                    r["title"] = f"{r.get('title', '')} ({copy})"
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return dest


def tree_memory(pid: int) -> int:
    """Memory of a process and its children: the sum of their proportional set sizes (a
    page shared by k processes, as after a fork, counts 1/k in each), else of RSS."""
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            try:
                total += p.memory_full_info().pss
            except (psutil.AccessDenied, AttributeError):
                total += p.memory_info().rss
    return total


def run_build(corpus: Path, out: Path, jobs: int, fast: bool) -> dict:
    """Run the real CLI; wall time, peak tree memory, its stage timings and counts."""
    cmd = [*NEWSGRAPH, "-v", "build", str(corpus), "-o", str(out), "-j", str(jobs)]
    if fast:
        cmd.append("--fast")
    peak = 0
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_memory(proc.pid))
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{err}")
    timings = {}
    m = re.search(r"timings: (.*)", err)
    if m:
        for part in m.group(1).split(", "):
            name, secs = part.rsplit(" ", 1)
            timings[name] = float(secs.rstrip("s"))
    counts = re.search(r"(\d+) articles \((\d+) extracted, (\d+) cached\)", err)
    return {
        "wall": wall,
        "peak": peak,
        "timings": timings,
        "articles": int(counts.group(1)) if counts else 0,
        "extracted": int(counts.group(2)) if counts else 0,
        "summary": err.strip().splitlines()[-4:],
    }


def ceiling(corpus: Path, jobs: int) -> tuple[float, int, int]:
    """Seconds for bare ``nlp.pipe`` over the corpus's texts; articles and words."""
    import spacy

    from graph.extract.pipeline import load_model
    from graph.ingest import read

    texts = [a.text for a in read([corpus])]
    words = sum(len(t.split()) for t in texts)
    nlp = load_model()
    assert isinstance(nlp, spacy.language.Language)
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64, n_process=jobs):
        pass
    return time.perf_counter() - t, len(texts), words


def words_in(corpus: Path) -> int:
    from graph.ingest import read

    return sum(len(a.text.split()) for a in read([corpus]))


def mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="*", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--scale", type=int, default=1, help="repeat the corpus N times")
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--fast", action="store_true", help="build with --fast")
    ap.add_argument("--no-ceiling", action="store_true", help="skip the bare-spaCy run")
    ap.add_argument("--no-scaling", action="store_true", help="skip --jobs 1 vs 2")
    ap.add_argument("--scaling-articles", type=int, default=600)
    ap.add_argument("--work", type=Path, default=None, help="folder for the builds")
    args = ap.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = scaled_corpus(args.corpus, args.scale, work / "corpus", args.limit)
    words = words_in(corpus)
    print(f"corpus: {corpus} ({args.scale}x), {words:,} words; jobs {args.jobs}")

    out = work / "out"
    first = run_build(corpus, out, args.jobs, args.fast)
    n = first["articles"]
    print(
        f"build:   {first['wall']:7.1f} s  {n / first['wall']:7.1f} articles/s  "
        f"{words / first['wall']:8,.0f} words/s  peak memory {mb(first['peak'])}"
    )
    for line in first["summary"]:
        print(f"         {line.strip()}")
    print("stages:  " + ", ".join(f"{k} {v:.1f}s" for k, v in first["timings"].items()))

    if not args.no_ceiling and not args.fast:
        secs, n_texts, w = ceiling(corpus, args.jobs)
        print(
            f"ceiling: {secs:7.1f} s  {n_texts / secs:7.1f} articles/s  {w / secs:8,.0f} words/s"
            f"  (bare nlp.pipe, n_process={args.jobs})"
        )
        print(f"ratio:   build runs at {secs / first['wall']:.1%} of the ceiling")

    again = run_build(corpus, out, args.jobs, args.fast)
    print(
        f"rebuild: {again['wall']:7.1f} s  ({again['wall'] / first['wall']:.1%} of the first; "
        f"{again['extracted']} extracted)"
    )

    if not args.no_scaling:
        part = scaled_corpus(args.corpus, 1, work / "slice", args.scaling_articles)
        walls = {}
        for jobs in (1, 2):
            r = run_build(part, work / f"out-j{jobs}", jobs, args.fast)
            walls[jobs] = (r["wall"], r["timings"].get("extract", 0.0))
        print(
            f"jobs:    {args.scaling_articles} articles: -j1 {walls[1][0]:.1f}s "
            f"(extract {walls[1][1]:.1f}s), -j2 {walls[2][0]:.1f}s (extract {walls[2][1]:.1f}s); "
            f"speed-up {walls[1][0] / walls[2][0]:.2f}x end to end, "
            f"{walls[1][1] / max(walls[2][1], 1e-9):.2f}x extraction"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
