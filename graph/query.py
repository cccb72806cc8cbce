"""SPARQL over the store, with results as a table, CSV, TSV or SPARQL JSON.

The usual prefixes (ng, schema, prov, skos, owl, rdfs, xsd, wd...) are declared for
you; the default graph is the union of all named graphs.

>>> result = run_query(Store("out").rdf, "SELECT ?c WHERE { ?c a ng:Company }")  # doctest: +SKIP
>>> print(format_result(result, "csv"))                                          # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.errors import QueryError
from ontology.vocab import PREFIXES

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")
_PREFIX_DECL = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w-]*)?:", re.I | re.M)


@dataclass
class QueryResult:
    """Variables and rows of a SELECT (terms as pyoxigraph objects), or a boolean."""

    variables: list[str]
    rows: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | None]]
    boolean: bool | None = None


def with_prefixes(query: str) -> str:
    """The query with PREFIX lines added for the standard prefixes it does not declare."""
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(query)}
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared]
    return "\n".join([*lines, query])


def load_query(text_or_file: str) -> str:
    """A query given inline, or the text of a ``.rq``/``.sparql`` file."""
    path = Path(text_or_file)
    if text_or_file.endswith((".rq", ".sparql")) or (len(text_or_file) < 256 and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"{text_or_file}: cannot read query file ({exc})") from exc
    return text_or_file


_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)
_PROLOGUE = re.compile(r"^\s*(?:#[^\n]*\n\s*|(?:PREFIX|BASE)\s[^\n]*\n\s*)*", re.I)


def _strip_prologue(query: str) -> str:
    """The query after its comments and PREFIX/BASE lines."""
    return query[_PROLOGUE.match(query).end() :]


def run_query(store: ox.Store, query: str) -> QueryResult:
    """Run a read-only SPARQL query; syntax errors name their line and column."""
    if _UPDATE.match(_strip_prologue(query)):
        raise QueryError(
            "SPARQL updates (INSERT, DELETE, LOAD, CLEAR, ...) are not allowed: the store is "
            "read-only; change the articles and run 'newsgraph build' again"
        )
    try:
        result = store.query(with_prefixes(query), use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise syntax_error(exc, query) from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from exc
    if isinstance(result, (bool, ox.QueryBoolean)):
        return QueryResult([], [], boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = [[solution[v] for v in variables] for solution in result]
        return QueryResult(variables, rows)
    # CONSTRUCT / DESCRIBE: present the triples as rows
    rows = [[t.subject, t.predicate, t.object] for t in result]
    return QueryResult(["subject", "predicate", "object"], rows)


def syntax_error(exc: SyntaxError, query: str) -> QueryError:
    """The parser's error for ``with_prefixes(query)``, positioned in the user's text."""
    added = with_prefixes(query).count("\n") - query.count("\n")
    return QueryError(_syntax_message(str(exc), added))


def _syntax_message(message: str, added_lines: int) -> str:
    """Shift a parser position back to the user's own lines."""
    first = message.strip().splitlines()[0] if message.strip() else "syntax error"
    m = re.search(r"error at (\d+):(\d+): (.*)", first)
    if m:
        line = max(1, int(m.group(1)) - added_lines)
        detail = m.group(3)
        if len(detail) > 120:
            detail = detail[:117] + "..."
        return f"SPARQL syntax error at line {line}, column {m.group(2)}: {detail}"
    return "SPARQL syntax error: " + first


def term_text(term: object) -> str:
    """A term as plain text: an IRI, a literal's lexical form, or empty for unbound."""
    if term is None:
        return ""
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return str(term)


def term_json(term: object) -> dict[str, str] | None:
    """A term in the SPARQL 1.1 JSON results format."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as ``table`` (aligned text), ``csv``, ``tsv`` or ``json``."""
    if fmt not in OUTPUT_FORMATS:
        raise QueryError(
            f"unknown output format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}"
        )
    if result.boolean is not None:
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        return "true" if result.boolean else "false"
    if fmt == "json":
        bindings = [
            {v: term_json(t) for v, t in zip(result.variables, row) if t is not None}
            for row in result.rows
        ]
        return json.dumps(
            {"head": {"vars": result.variables}, "results": {"bindings": bindings}},
            ensure_ascii=False,
            indent=1,
        )
    table = [[term_text(t) for t in row] for row in result.rows]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows(table)
        return buf.getvalue().rstrip("\n")
    return _aligned(result.variables, table)


def _aligned(header: list[str], rows: list[list[str]], max_width: int = 60) -> str:
    def cut(s: str) -> str:
        s = " ".join(s.split())
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    cells = [[cut(c) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    numeric = [
        bool(cells) and all(_is_number(r[i]) for r in cells if r[i]) for i in range(len(header))
    ]

    def line(values: list[str]) -> str:
        return "  ".join(
            (v.rjust(w) if num else v.ljust(w)) for v, w, num in zip(values, widths, numeric)
        ).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True
