"""``build --store URL``: publishing to a real SPARQL 1.1 store (the oxigraph server)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from SPARQLWrapper import JSON, SPARQLWrapper

from graph.cli import main
from graph.runner import BUILD_OUTPUTS
from tests.test_runner import corpus

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """An oxigraph server on 127.0.0.1 with an empty store; yields its base URL."""
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    port = free_port()
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def ask(base: str, query: str) -> list[dict]:
    client = SPARQLWrapper(base + "/query")
    client.setQuery(query)
    client.setReturnFormat(JSON)
    return client.query().convert()["results"]["bindings"]  # type: ignore[index,call-overload]


GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) (COUNT(*) AS ?q) WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_build_publishes_every_named_graph_to_the_store(server: str, tmp_path: Path) -> None:
    src = corpus(tmp_path / "c.jsonl", 6)
    local = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "local"), "-j1"])
    assert local.exit_code == 0, local.output
    remote = CliRunner().invoke(
        main,
        ["build", str(src), "-o", str(tmp_path / "r"), "-j1", "--store", server + "/store"],
    )
    assert remote.exit_code == 0, remote.output
    assert "7 graphs added" in remote.output
    [row] = ask(server, GRAPHS)
    assert int(row["n"]["value"]) == 7  # the corpus graph and one per article
    quads = int(row["q"]["value"])
    assert f"{quads} quads" in local.output
    # a claim query answers from the remote store as from the local one
    rows = ask(
        server,
        "PREFIX ng: <https://newsgraph.example/ontology#> SELECT (COUNT(?c) AS ?n) "
        "WHERE { GRAPH ?g { ?c a ng:Claim } }",
    )
    assert int(rows[0]["n"]["value"]) > 0


def test_only_changed_graphs_are_sent_and_removed_ones_deleted(server: str, tmp_path: Path) -> None:
    src = corpus(tmp_path / "c.jsonl", 6)
    out = tmp_path / "r"
    args = ["build", str(src), "-o", str(out), "-j1", "--store", server + "/store"]
    assert CliRunner().invoke(main, args).exit_code == 0
    lines = src.read_text(encoding="utf-8").splitlines()
    src.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one article gone
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert "1 removed" in again.output
    assert "5 unchanged" in again.output  # the 5 articles left; the corpus graph changed
    [row] = ask(server, GRAPHS)
    assert int(row["n"]["value"]) == 6


def test_an_unreachable_store_is_one_line_and_the_files_are_still_written(
    tmp_path: Path,
) -> None:
    src = corpus(tmp_path / "c.jsonl", 2)
    args = ["build", str(src), "-o", str(tmp_path / "o"), "-j1"]
    result = CliRunner().invoke(main, [*args, "--store", "http://127.0.0.1:9/store"])
    assert result.exit_code == 1
    assert "cannot reach the store" in result.output
    assert "Traceback" not in result.output
    for name in BUILD_OUTPUTS:
        assert (tmp_path / "o" / name).stat().st_size > 0
    # nothing was published, so the next build is not "up to date": it tries again
    again = CliRunner().invoke(main, [*args, "--store", "http://127.0.0.1:9/store"])
    assert again.exit_code == 1 and "cannot reach the store" in again.output


def test_a_store_url_must_be_http(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "x", "-o", str(tmp_path), "--store", "out2"])
    assert result.exit_code == 1
    assert "http://" in result.output
