"""The whole build job: incremental, deterministic, and safe to kill at any point."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.extract import Extractor
from graph.runner import BUILD_OUTPUTS, run_build
from graph.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
RUN = "https://newsgraph.example/id/run/"
VOLATILE = (
    "http://www.w3.org/ns/prov#wasGeneratedBy",  # names the run, whose IRI hashes its time
    "http://www.w3.org/ns/prov#endedAtTime",
)


def corpus(path: Path, n: int) -> Path:
    """``n`` articles made of the example articles' paragraphs, each with its own title."""
    paragraphs = [
        p
        for f in sorted(EXAMPLES.glob("*.txt"))
        for p in f.read_text(encoding="utf-8").split("\n")
        if len(p.split()) > 25
    ]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = "\n\n".join(paragraphs[(i + k) % len(paragraphs)] for k in range(3))
            fh.write(json.dumps({"title": f"Story {i}", "text": text}) + "\n")
    return path


def stable_quads(out: Path) -> set[str]:
    """The store's quads, without those that name an extraction run (they hash its time)."""
    store = ox.Store.read_only(str(out / "store"))
    return {
        str(q)
        for q in store.quads_for_pattern(None, None, None)
        if q.predicate.value not in VOLATILE and not str(q.subject.value).startswith(RUN)
    }


def build(args: list[str]) -> str:
    result = CliRunner().invoke(main, ["build", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def fast() -> Extractor:
    return Extractor(fast=True)


def test_an_unchanged_corpus_rewrites_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build([str(EXAMPLES), "-o", str(out), "-j", "1"])
    assert "9 extracted" in first
    mtimes = {name: (out / name).stat().st_mtime_ns for name in BUILD_OUTPUTS}
    second = build([str(EXAMPLES), "-o", str(out), "-j", "1"])
    assert "0 extracted, 9 cached" in second
    assert "up to date" in second
    counts = re.compile(r"(\d+) nodes, (\d+) edges, (\d+) quads")
    assert counts.search(second).groups() == counts.search(first).groups()  # type: ignore[union-attr]
    assert {name: (out / name).stat().st_mtime_ns for name in BUILD_OUTPUTS} == mtimes


def test_a_changed_option_rewrites_the_outputs_without_extracting(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([str(EXAMPLES), "-o", str(out), "-j", "1"])
    again = build([str(EXAMPLES), "-o", str(out), "-j", "1", "--title", "Compute news"])
    assert "0 extracted" in again and "up to date" not in again
    assert "Compute news" in (out / "graph.html").read_text(encoding="utf-8")


def test_a_rebuild_from_the_cache_publishes_the_same_graph(tmp_path: Path, fast: Extractor) -> None:
    # duplicates (the same text read twice) used to make the second build differ
    src = corpus(tmp_path / "c.jsonl", 40)
    dup = tmp_path / "dup.jsonl"
    dup.write_text(src.read_text(encoding="utf-8").splitlines()[3] + "\n", encoding="utf-8")
    out = tmp_path / "out"
    first = run_build([src, dup], out, extractor=fast)
    assert first.extracted == 40 and first.cached == 1
    (out / "graph.html").unlink()  # force a full second build from the cache
    second = run_build([src, dup], out, extractor=fast)
    assert second.extracted == 0 and not second.up_to_date
    assert second.publish is not None
    assert second.publish.replaced == 0 and second.publish.added == 0
    assert (second.nodes, second.edges, second.quads) == (first.nodes, first.edges, first.quads)


def test_an_interrupted_publish_is_redone_in_full(
    tmp_path: Path, fast: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = corpus(tmp_path / "c.jsonl", 12)
    clean = tmp_path / "clean"
    run_build([src], clean, extractor=fast)

    out = tmp_path / "out"
    real = ox.Store.bulk_load
    calls = {"n": 0}

    def dies_half_way(self: ox.Store, data: str, fmt: ox.RdfFormat, **options: bool) -> None:
        calls["n"] += 1
        lines = data.splitlines(keepends=True)
        real(self, "".join(lines[: len(lines) // 2]), fmt, **options)
        raise KeyboardInterrupt

    monkeypatch.setattr(ox.Store, "bulk_load", dies_half_way)
    with pytest.raises(KeyboardInterrupt):
        run_build([src], out, extractor=fast)
    monkeypatch.setattr(ox.Store, "bulk_load", real)
    assert calls["n"] == 1
    report = run_build([src], out, extractor=fast)
    assert report.extracted == 0
    assert stable_quads(out) == stable_quads(clean)


def test_export_rebuilds_the_graph_in_build_order(tmp_path: Path, fast: Extractor) -> None:
    src = corpus(tmp_path / "c.jsonl", 10)
    out = tmp_path / "out"
    run_build([src], out, extractor=fast)
    result = CliRunner().invoke(
        main, ["export", "-f", "graphml", "--store", str(out), "-o", str(tmp_path / "g.graphml")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.graphml").read_bytes() == (out / "graph.graphml").read_bytes()


def _build_cmd(src: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "graph.cli", "build", str(src), "-o", str(out), "--fast", "-j1"]


def test_a_build_killed_at_any_point_is_finished_by_the_next(tmp_path: Path) -> None:
    """SIGKILL a real build at several moments; the next build must equal a clean one."""
    src = corpus(tmp_path / "c.jsonl", 400)
    clean = tmp_path / "clean"
    t = time.perf_counter()
    subprocess.run(_build_cmd(src, clean), check=True, capture_output=True)
    duration = time.perf_counter() - t
    want = stable_quads(clean)
    with Store(clean) as store:
        want_facts = len(store.facts)
    killed_in_flight = 0
    for fraction in (0.45, 0.7, 0.9):
        out = tmp_path / f"out-{fraction}"
        proc = subprocess.Popen(
            _build_cmd(src, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(duration * fraction)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            killed_in_flight += 1
        proc.wait()
        subprocess.run(_build_cmd(src, out), check=True, capture_output=True)
        assert stable_quads(out) == want, fraction
        with Store(out) as store:
            assert len(store.facts) == want_facts
        assert not list(out.glob(".*.partial"))
        for name in BUILD_OUTPUTS:
            assert (out / name).stat().st_size > 0
    assert killed_in_flight >= 2
