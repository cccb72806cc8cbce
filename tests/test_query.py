"""SPARQL over the store: example queries, output formats, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner

from exports.rdf import publish
from graph.build import build_graph
from graph.cli import main
from graph.errors import QueryError
from graph.model import ArticleFacts
from graph.query import format_result, load_query, run_query, with_prefixes
from graph.store import Store

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted((ROOT / "examples" / "queries").glob("*.rq"))
FIXTURE = Path(__file__).parent / "fixtures" / "linked-data-facts.jsonl"


def small_graph() -> nx.DiGraph:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    graph = build_graph([ArticleFacts.from_dict(json.loads(line)) for line in lines])
    graph.add_edge("chip/h100", "company/nvidia", kind="madeBy", weight=1)
    return graph


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("store")
    store = Store(out)
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    facts = [ArticleFacts.from_dict(json.loads(line)) for line in lines]
    store.facts.put_many((f.article.id, f) for f in facts)
    publish(small_graph(), store)
    store.close()
    return out


@pytest.fixture(scope="module")
def store(store_dir: Path) -> Store:
    return Store(store_dir, create=False)


@pytest.fixture(scope="module")
def rdflib_dataset(store: Store) -> rdflib.Dataset:
    import pyoxigraph as ox

    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=store.rdf.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    return ds


def test_there_are_at_least_ten_documented_examples():
    assert len(QUERIES) >= 10
    for path in QUERIES:
        assert path.read_text(encoding="utf-8").startswith("# "), f"{path.name}: no comment"


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_example_query_same_rows_in_rdflib_and_the_store(path, store, rdflib_dataset):
    query = load_query(str(path))
    ours = run_query(store.rdf, query)
    theirs = rdflib_dataset.query(with_prefixes(query))
    ours_rows = sorted(tuple(_text(t) for t in row) for row in ours.rows)
    theirs_rows = sorted(tuple(_text(t) for t in row) for row in theirs)
    assert ours_rows, f"{path.name} returned nothing on a graph made to answer it"
    assert ours_rows == theirs_rows


def _text(term) -> str:
    """A term's text as rdflib normalises it (``...Z`` and ``+00:00`` are one time)."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        datatype = None if term.language else term.datatype.value
        term = rdflib.Literal(term.value, datatype=datatype, lang=term.language)
    elif isinstance(term, ox.NamedNode):
        term = rdflib.URIRef(term.value)
    return str(term)


def test_claims_by_person_lists_the_speakers_claims(store):
    result = run_query(store.rdf, load_query(str(ROOT / "examples/queries/claims-by-person.rq")))
    kinds = sorted(row[0].value for row in result.rows)
    assert kinds == ["prediction", "prediction", "quantitative"]


def test_quantitative_claims_carry_decimal_values(store):
    path = ROOT / "examples/queries/quantitative-claims.rq"
    result = run_query(store.rdf, load_query(str(path)))
    by_company = {(r[0].value, r[1].value, r[2].value) for r in result.rows}
    assert ("OpenAI", "700000", "USD") in by_company
    assert result.rows[0][1].datatype.value.endswith("#decimal")


def test_output_formats(store):
    result = run_query(store.rdf, "SELECT ?name WHERE { ?c a ng:Company ; rdfs:label ?name }")
    names = {"Nvidia", "OpenAI", "Tesla"}
    rows = list(csv.reader(io.StringIO(format_result(result, "csv"))))
    assert rows[0] == ["name"] and {r[0] for r in rows[1:]} == names
    tsv = format_result(result, "tsv").splitlines()
    assert tsv[0] == "name" and set(tsv[1:]) == names
    data = json.loads(format_result(result, "json"))
    assert {b["name"]["value"] for b in data["results"]["bindings"]} == names
    table = format_result(result, "table").splitlines()
    assert table[0].strip() == "name" and table[-1] == "(3 rows)"


def test_syntax_error_names_line_and_column(store):
    with pytest.raises(QueryError) as info:
        run_query(store.rdf, "SELECT ?s\nWHERE { ?s ?p }")
    message = str(info.value)
    assert message.startswith("SPARQL syntax error at line 2, column ")
    assert "\n" not in message


def test_cli_query_file_and_inline(store_dir):
    runner = CliRunner()
    path = ROOT / "examples/queries/publishers.rq"
    result = runner.invoke(main, ["query", str(path), "--store", str(store_dir), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "publisher,articles,first,last",
        "Bloomberg L.P.,2,2023-07-21T14:21:00Z,2024-03-12T21:53:00Z",
    ]
    inline = runner.invoke(
        main, ["query", "ASK { ?x a ng:Claim }", "--store", str(store_dir), "-f", "json"]
    )
    assert json.loads(inline.output) == {"head": {}, "boolean": True}


def test_cli_query_error_is_one_line(store_dir, tmp_path):
    runner = CliRunner()
    bad = runner.invoke(main, ["query", "SELECT * WHERE {", "--store", str(store_dir)])
    assert bad.exit_code == 1
    assert bad.output.startswith("Error: SPARQL syntax error at line 1, column ")
    assert len(bad.output.strip().splitlines()) == 1
    missing = runner.invoke(main, ["query", "SELECT * {}", "--store", str(tmp_path / "none")])
    assert missing.exit_code == 1
    assert "no newsgraph store here" in missing.output


def test_stats_counts_kinds(store_dir):
    result = CliRunner().invoke(main, ["stats", "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line.split()[1] for line in result.output.splitlines()[2:-1]}
    assert lines["Company"] == "3" and lines["Claim"] == "4" and lines["Article"] == "3"
