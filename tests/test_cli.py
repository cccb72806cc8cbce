"""The command line: what a user types and sees."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graph.cli import main
from graph.runner import BUILD_OUTPUTS
from tests.conftest import EXAMPLES, ROOT


def test_build_writes_every_output_and_summarises(built_store: Path) -> None:
    for name in BUILD_OUTPUTS:
        assert (built_store / name).stat().st_size > 0, name
    assert (built_store / "store").is_dir()


def test_rebuild_of_an_unchanged_corpus_extracts_nothing(built_store: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(EXAMPLES), "-o", str(built_store)])
    assert result.exit_code == 0, result.output
    assert "(0 extracted, 9 cached)" in result.stderr


def test_extract_prints_the_json_lines_contract() -> None:
    result = CliRunner().invoke(main, ["extract", str(EXAMPLES / "002_abaeb747f16ce5cf.txt")])
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    record = json.loads(line)
    assert set(record) >= {"article", "entities", "claims", "related"}
    assert set(record["article"]) >= {"id", "title", "url", "published", "publisher", "source"}
    nvidia = next(e for e in record["entities"] if e["label"] == "Nvidia")
    assert nvidia["type"] == "Company" and nvidia["wikidata"] == "Q182477"
    m = nvidia["mentions"][0]
    assert record["article"]["text"][m["start"] : m["end"]] == m["text"]
    assert "1 articles extracted" in result.stderr


def test_bad_inputs_are_one_line_each_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Nvidia beats forecasts\n\nNvidia said sales rose.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.bin").write_bytes(b"\x00\x01\x02\xff" * 10)
    out = tmp_path / "out"
    args = [
        "build",
        str(tmp_path / "good.txt"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "binary.bin"),
        str(tmp_path / "missing.txt"),
        "-o",
        str(out),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 3
    assert any("missing.txt" in line and "no such file" in line for line in skipped)
    assert "Traceback" not in result.output
    assert (out / "graph.ttl").exists()
    strict = CliRunner().invoke(main, [*args, "--strict"])
    assert strict.exit_code != 0
    assert "skipped (--strict)" in strict.stderr


def test_a_model_that_is_not_installed_is_one_error_line(tmp_path: Path) -> None:
    for command in ("extract", "build"):
        args = [command, str(EXAMPLES), "--model", "en_no_such_model"]
        result = CliRunner().invoke(main, [*args, *(["-o", str(tmp_path)] * (command == "build"))])
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
        assert "en_no_such_model" in result.stderr and "pip install" in result.stderr


def test_a_bad_entity_file_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "e.yaml"
    bad.write_text("type: Gadget\nentries:\n  - name: X\n")
    result = CliRunner().invoke(main, ["extract", str(EXAMPLES), "--entities", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "e.yaml" in result.stderr and "Gadget" in result.stderr


def test_every_command_has_help_with_an_example_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, _command in main.commands.items():
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output, name
        assert f"newsgraph {name}" in readme, f"'newsgraph {name}' is not in the README"


def test_export_passes_gephi_and_html_options_through(built_store: Path, tmp_path: Path) -> None:
    import networkx as nx

    gexf = tmp_path / "entities.gexf"
    args = [
        "export",
        "--format",
        "gexf",
        "--store",
        str(built_store),
        "-o",
        str(gexf),
        "--projection",
        "entities",
        "--static",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    kinds = {d.get("type") for _, d in nx.read_gexf(gexf).nodes(data=True)}
    assert kinds and not kinds & {"Article", "Claim", "Publisher", "Topic"}

    page = tmp_path / "g.html"
    args = [
        "export",
        "--format",
        "html",
        "--store",
        str(built_store),
        "-o",
        str(page),
        "--title",
        "<script>alert(1)</script> chips",
    ]
    assert CliRunner().invoke(main, args).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; chips" in html
    assert "<script>alert(1)</script>" not in html


def test_fast_mode_finds_known_names_without_the_model() -> None:
    path = EXAMPLES / "002_abaeb747f16ce5cf.txt"
    result = CliRunner().invoke(main, ["extract", "--fast", str(path)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    labels = {e["label"] for e in record["entities"]}
    assert {"Nvidia", "OpenAI", "Elon Musk", "Akash Network"} <= labels
    assert all(e["source"] in ("gazetteer", "pattern") for e in record["entities"])
    assert record["extractor"]["model"] == "blank"


def test_parallel_extraction_gives_the_same_facts(tmp_path: Path) -> None:
    from graph.parallel import MIN_PARALLEL

    body = (EXAMPLES / "004_67c62c84f95dd876.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in body.split("\n") if len(p.split()) > 40]
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(MIN_PARALLEL + 4):
            text = paragraphs[i % len(paragraphs)]
            fh.write(json.dumps({"title": f"Power story {i}", "text": text}) + "\n")
    runs = {}
    for jobs in ("1", "2"):
        result = CliRunner().invoke(main, ["extract", "-j", jobs, str(corpus)])
        assert result.exit_code == 0, result.output
        runs[jobs] = [
            (
                json.loads(line)["article"]["title"],
                sorted(e["id"] for e in json.loads(line)["entities"]),
                [c["text"] for c in json.loads(line)["claims"]],
            )
            for line in result.stdout.splitlines()
        ]
    assert len(runs["1"]) == MIN_PARALLEL + 4
    assert runs["1"] == runs["2"]


def test_user_mistakes_are_one_line_errors(built_store: Path, tmp_path: Path) -> None:
    cases = [
        (
            ["build", str(EXAMPLES), "-o", str(tmp_path / "o"), "--base-iri", "not an iri"],
            "'not an iri' is not an absolute IRI",
        ),
        (
            ["build", str(EXAMPLES), "-o", "/proc/newsgraph-out"],
            "/proc/newsgraph-out: cannot create the output folder",
        ),
        (
            ["query", "DELETE WHERE { ?s ?p ?o }", "--store", str(built_store)],
            "SPARQL updates (INSERT, DELETE, LOAD, CLEAR, ...) are not allowed",
        ),
    ]
    for args, message in cases:
        result = CliRunner().invoke(main, args)
        assert result.exit_code != 0, args
        assert message in result.stderr, result.stderr
        assert "Traceback" not in result.output
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1 and message in errors[0]


def test_export_describes_entities_with_the_gazetteer_files_of_the_build(tmp_path: Path) -> None:
    corpus = tmp_path / "a.txt"
    corpus.write_text(
        "Zorblax Compute expands\n\nZorblax Compute said on Monday it will rent 4,000 GPUs "
        "to researchers in Lisbon.\n",
        encoding="utf-8",
    )
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "type: Company\nentries:\n  - name: Zorblax Compute\n"
        "    description: A GPU cloud only this test knows\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    built = CliRunner().invoke(
        main, ["build", str(corpus), "-o", str(out), "--entities", str(extra)]
    )
    assert built.exit_code == 0, built.output
    page = tmp_path / "g.graphml"
    args = ["export", "--format", "graphml", "--store", str(out), "-o", str(page)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "A GPU cloud only this test knows" in page.read_text(encoding="utf-8")

    extra.unlink()  # the build's file is gone: said once, and the export goes on
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "mine.yaml" in result.stderr and "gone" in result.stderr
    assert "A GPU cloud only this test knows" not in page.read_text(encoding="utf-8")

    bad = tmp_path / "bad.yaml"
    bad.write_text("type: Gadget\nentries:\n  - name: X\n", encoding="utf-8")
    result = CliRunner().invoke(main, [*args, "--entities", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "bad.yaml" in result.stderr
