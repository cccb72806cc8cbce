"""The SPARQL endpoint, driven by a real client (SPARQLWrapper) over HTTP on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, POST, TSV, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from exports.rdf import publish
from graph.build import build_graph
from graph.model import ArticleFacts
from graph.serve import Limits, SparqlServer, make_server
from graph.store import Store

FIXTURE = Path(__file__).parent / "fixtures" / "linked-data-facts.jsonl"
COMPANIES = "SELECT ?name WHERE { ?c a ng:Company ; rdfs:label ?name } ORDER BY ?name"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    out = tmp_path_factory.mktemp("serve")
    writer = Store(out)
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    facts = [ArticleFacts.from_dict(json.loads(line)) for line in lines]
    writer.facts.put_many((f.article.id, f) for f in facts)
    publish(build_graph(facts), writer)
    writer.close()
    reader = Store(out, create=False)
    yield reader
    reader.close()


def running(server: SparqlServer) -> SparqlServer:
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def endpoint(store: Store) -> Iterator[str]:
    server = running(make_server(store.rdf, port=0))
    yield server.url
    server.shutdown()
    server.server_close()


def client(url: str, fmt: str = JSON, method: str | None = None) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url)
    sparql.setReturnFormat(fmt)
    if method:
        sparql.setMethod(method)
    return sparql


def test_binds_to_loopback_by_default(endpoint):
    assert endpoint.startswith("http://127.0.0.1:")


@pytest.mark.parametrize("method", [None, POST])
def test_select_as_json_by_get_and_post(endpoint, method):
    sparql = client(endpoint, JSON, method)
    sparql.setQuery(COMPANIES)
    data = sparql.queryAndConvert()
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == [
        "Nvidia",
        "OpenAI",
        "Tesla",
    ]


def test_select_as_xml_csv_tsv(endpoint):
    sparql = client(endpoint, XML)
    sparql.setQuery(COMPANIES)
    xml = sparql.queryAndConvert()
    assert [n.firstChild.data for n in xml.getElementsByTagName("literal")] == [
        "Nvidia",
        "OpenAI",
        "Tesla",
    ]
    for fmt, delimiter in ((CSV, ","), (TSV, "\t")):
        sparql = client(endpoint, fmt)
        sparql.setQuery(COMPANIES)
        text = sparql.queryAndConvert().decode("utf-8")
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert len(rows) == 4 and rows[0][0].lstrip("?") == "name"


def test_ask_and_construct(endpoint):
    sparql = client(endpoint, JSON)
    sparql.setQuery("ASK { ?c ng:claimKind 'prediction' }")
    assert sparql.queryAndConvert()["boolean"] is True
    sparql = client(endpoint, XML)
    sparql.setQuery("CONSTRUCT { ?c rdfs:label ?n } WHERE { ?c a ng:Company ; rdfs:label ?n }")
    graph = sparql.queryAndConvert()
    assert len(graph) == 3


def test_updates_are_refused(endpoint, store):
    before = len(store.rdf)
    sparql = client(endpoint)
    sparql.setMethod(POST)
    sparql.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as info:
        sparql.query()
    assert "403" in str(info.value)
    request = urllib.request.Request(
        endpoint,
        data=b"update=DELETE+WHERE+%7B+%3Fs+%3Fp+%3Fo+%7D",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with pytest.raises(urllib.error.HTTPError) as http:
        urllib.request.urlopen(request, timeout=10)
    assert http.value.code == 403
    assert len(store.rdf) == before


def test_syntax_error_is_a_400_naming_the_position(endpoint):
    sparql = client(endpoint)
    sparql.setQuery("SELECT * WHERE { ?s ?p }")
    with pytest.raises(QueryBadFormed) as info:
        sparql.query()
    assert "line 1, column" in str(info.value)


def test_accept_header_that_cannot_be_met_is_a_406(endpoint):
    request = urllib.request.Request(endpoint + "?query=ASK%7B%7D", headers={"Accept": "image/png"})
    with pytest.raises(urllib.error.HTTPError) as http:
        urllib.request.urlopen(request, timeout=10)
    assert http.value.code == 406


def _get(url: str) -> urllib.error.HTTPError:
    with pytest.raises(urllib.error.HTTPError) as http:
        urllib.request.urlopen(url, timeout=30)
    return http.value


def test_result_size_cap_is_a_413(store):
    server = running(make_server(store.rdf, port=0, limits=Limits(max_bytes=2000)))
    try:
        error = _get(server.url + "?query=SELECT+*+WHERE+%7B+%3Fs+%3Fp+%3Fo+%7D")
        assert error.code == 413
        assert "larger than 2000 bytes" in error.read().decode()
    finally:
        server.shutdown()
        server.server_close()


def test_slow_query_times_out_with_a_503(store):
    big = ox.Store()  # a cross product of 9 million rows: a second or more, then it ends
    big.bulk_extend(
        ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(str(i)))
        for i in range(3000)
    )
    server = running(make_server(big, port=0, limits=Limits(timeout=0.2)))
    try:
        query = "SELECT+(COUNT(*)+AS+%3Fn)+WHERE+%7B+%3Fa+%3Fp+%3Fx+.+%3Fb+%3Fp+%3Fy+%7D"
        error = _get(server.url + "?query=" + query)
        assert error.code == 503
        assert "timed out after 0.2 s" in error.read().decode()
    finally:
        server.shutdown()
        server.server_close()
