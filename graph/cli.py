"""The ``newsgraph`` command: a thin click layer over the library.

Each command parses its options, calls the library, prints. Results go to stdout;
progress, warnings and the summary go to stderr. A ``NewsgraphError`` becomes one line,
``Error: ...``, and a non-zero exit.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from graph.errors import NewsgraphError
from graph.ingest import DEFAULT_MAX_BYTES, summarize
from ontology.ids import DEFAULT_BASE

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger("newsgraph")

DEFAULT_OUT = "out"


def _err(message: str) -> None:
    click.echo(message, err=True)


def friendly_errors(func: F) -> F:
    """Turn the library's own errors into one clear line and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NewsgraphError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


def extraction_options(func: F) -> F:
    """Options shared by every command that extracts."""
    func = click.option(
        "-j",
        "--jobs",
        default=os.cpu_count() or 1,
        show_default="all cores",
        type=click.IntRange(1, None),
        help="Processes that parse in parallel.",
    )(func)
    func = click.option(
        "--fast",
        is_flag=True,
        help="Gazetteer and rules only, no statistical model: ~15x faster, known names only.",
    )(func)
    func = click.option(
        "--model",
        default="en_core_web_sm",
        show_default=True,
        help="Installed spaCy pipeline (package name or path).",
    )(func)
    func = click.option(
        "--entities",
        "entities",
        multiple=True,
        type=click.Path(dir_okay=False),
        help="Extra gazetteer YAML file (repeatable).",
    )(func)
    func = click.option(
        "--max-bytes",
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        help="Skip input files larger than this.",
    )(func)
    func = click.option("--strict", is_flag=True, help="Exit non-zero if any input was skipped.")(
        func
    )
    return func


def _check_base_iri(value: str) -> str:
    """An absolute IRI ending in / or #, or a one-line usage error."""
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    bad = set(' <>"{}|\\^`') & set(value)
    if not parts.scheme or not (parts.netloc or parts.scheme == "urn") or bad:
        raise click.BadParameter(
            f"{value!r} is not an absolute IRI (for example https://data.example.org/kg/)"
        )
    return value if value.endswith(("/", "#")) else value + "/"


def html_options(func: F) -> F:
    """Options of the HTML page, for every command that writes one."""
    func = click.option(
        "--html-nodes",
        default=500,
        show_default=True,
        help="HTML page: nodes drawn at first (the most important; the rest by search).",
    )(func)
    return click.option(
        "--title", default="newsgraph", show_default=True, help="HTML page: the title."
    )(func)


def store_option(func: F) -> F:
    return click.option(
        "--store",
        "store_dir",
        default=DEFAULT_OUT,
        show_default=True,
        type=click.Path(file_okay=False),
        help="Output folder of a previous 'newsgraph build'.",
    )(func)


def _extractor(model: str, entities: tuple[str, ...], fast: bool = False) -> Any:
    from graph.extract import Extractor

    for path in entities:
        if not Path(path).is_file():
            raise NewsgraphError(f"{path}: entity file not found")
    return Extractor(model=model, entities=entities, fast=fast)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does.")
def main(verbose: bool) -> None:
    """newsgraph: news articles -> a knowledge graph of companies, chips, people and
    claims, for SPARQL, an interactive web page and Gephi.

    Example: newsgraph build examples/articles -o out
    """
    logging.basicConfig(
        level=logging.INFO if verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
    )


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--out",
    default=DEFAULT_OUT,
    show_default=True,
    type=click.Path(file_okay=False),
    help="Output folder.",
)
@click.option(
    "--base-iri",
    default=DEFAULT_BASE,
    show_default=True,
    callback=lambda ctx, param, value: _check_base_iri(value),
    help="Base IRI of the nodes in the RDF.",
)
@click.option(
    "--store",
    "store_url",
    metavar="URL",
    default=None,
    help="Publish to this SPARQL 1.1 Graph Store Protocol endpoint (e.g. "
    "http://host:7878/store) instead of the local store in OUT.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Extract on the Dask distributed cluster at ADDRESS (tcp://host:8786) "
    "instead of --jobs local processes.",
)
@html_options
@extraction_options
@friendly_errors
def build(
    paths: tuple[str, ...],
    out: str,
    base_iri: str,
    store_url: str | None,
    scheduler: str | None,
    title: str,
    html_nodes: int,
    model: str,
    entities: tuple[str, ...],
    max_bytes: int,
    strict: bool,
    fast: bool,
    jobs: int,
) -> None:
    """Build the knowledge graph of PATHS (files, folders, or - for stdin) into OUT.

    Writes graph.ttl, graph.trig, graph.jsonld, graph.gexf, graph.graphml, graph.html
    and the store that 'query', 'export' and 'serve' read. Articles already extracted
    by an earlier build into the same OUT are not extracted again, a build that was
    killed carries on where it stopped, and an unchanged corpus rewrites nothing.

    Example: newsgraph build examples/articles -o out
    """
    from graph.runner import BuildOptions, run_build

    started = time.perf_counter()
    if store_url:
        from graph.remote import check_url

        check_url(store_url)
    extractor = _extractor(model, entities, fast)
    progress = _Progress()
    report = run_build(
        paths,
        out,
        extractor=extractor,
        options=BuildOptions(base_iri, title, html_nodes, store_url),
        jobs=jobs,
        scheduler=scheduler,
        max_bytes=max_bytes,
        on_skip=lambda s: _err(f"skipped {s}"),
        on_article=progress.tick,
        on_extracted=progress.done,
    )
    progress.done()
    if report.publish is not None:
        p = report.publish
        _err(
            f"  store{' ' + store_url if store_url else ''}: {p.added} graphs added, "
            f"{p.replaced} replaced, {p.removed} removed, {p.unchanged} unchanged"
        )
    _err(
        f"{report.articles} articles ({report.extracted} extracted, {report.cached} cached), "
        f"{summarize(report.skipped)}; {report.nodes} nodes, "
        f"{report.edges} edges, {report.quads} quads in {time.perf_counter() - started:.1f}s"
    )
    _err("  " + ", ".join(f"{k} {v}" for k, v in sorted(report.kinds.items())))
    if report.up_to_date:
        _err(f"  nothing changed: {out} is up to date")
    else:
        _err(f"  wrote {', '.join(str(p) for p in report.outputs)}")
    log.info("timings: %s", ", ".join(f"{k} {v:.2f}s" for k, v in report.timings.items()))
    if strict and report.skipped:
        raise click.ClickException(f"{len(report.skipped)} input(s) skipped (--strict)")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@extraction_options
@friendly_errors
def extract(
    paths: tuple[str, ...],
    model: str,
    entities: tuple[str, ...],
    max_bytes: int,
    strict: bool,
    fast: bool,
    jobs: int,
) -> None:
    """Print the facts of each article in PATHS as JSON Lines (see DESIGN.md).

    One object per article: the article, its entities with mentions and offsets,
    its claims and its related articles. Nothing is written to disk.

    Example: newsgraph extract examples/articles > facts.jsonl
    """
    from graph import ingest
    from graph.parallel import extract_parallel

    extractor = _extractor(model, entities, fast)
    reading = ingest.read(paths, max_bytes=max_bytes, on_skip=lambda s: _err(f"skipped {s}"))
    count = 0
    for facts in extract_parallel(reading, extractor, jobs=jobs):
        click.echo(json.dumps(facts.to_dict(), ensure_ascii=False))
        count += 1
    _err(f"{count} articles extracted, {summarize(reading.skipped)}")
    if strict and reading.skipped:
        raise click.ClickException(f"{len(reading.skipped)} input(s) skipped (--strict)")


@main.command()
@click.argument("query")
@store_option
@click.option(
    "-f",
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "csv", "tsv", "json"]),
    help="Output format.",
)
@friendly_errors
def query(query: str, store_dir: str, fmt: str) -> None:
    """Run a SPARQL QUERY (inline text or a .rq file) against a built store.

    The prefixes ng:, schema:, prov:, skos:, owl:, rdfs:, xsd: and wd: are declared
    for you.

    Example: newsgraph query examples/queries/comentions-nvidia.rq --format csv
    """
    from graph.query import format_result, load_query, run_query
    from graph.store import Store

    store = Store(store_dir, create=False)
    result = run_query(store.rdf, load_query(query))
    click.echo(format_result(result, fmt))


@main.command()
@store_option
@friendly_errors
def stats(store_dir: str) -> None:
    """Count what a built store holds, by kind of node and edge.

    Example: newsgraph stats --store out
    """
    from graph.query import format_result, run_query
    from graph.store import Store

    store = Store(store_dir, create=False)
    result = run_query(
        store.rdf,
        "SELECT ?kind (COUNT(DISTINCT ?s) AS ?nodes) WHERE "
        "{ ?s a ?k . BIND(STRAFTER(STR(?k), '#') AS ?kind) } "
        "GROUP BY ?kind ORDER BY DESC(?nodes)",
    )
    click.echo(format_result(result, "table"))


@main.command("export")
@click.option(
    "-f",
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "xml", "gexf", "graphml", "html"]),
    help="ttl, nt, nq, trig, jsonld or xml (RDF: the whole store); gexf, graphml or html.",
)
@store_option
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write."
)
@html_options
@click.option(
    "--projection",
    type=click.Choice(["full", "entities"]),
    default="full",
    show_default=True,
    help="gexf/graphml: the whole graph, or entities and their co-mentions only.",
)
@click.option(
    "--min-weight",
    default=1,
    show_default=True,
    help="gexf/graphml: drop co-mentions seen in fewer articles.",
)
@click.option(
    "--dynamic/--static",
    default=None,
    help="gexf: dates for Gephi's Timeline (default: when articles have dates).",
)
@click.option(
    "--entities",
    "entities",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="gexf/graphml/html: extra gazetteer YAML file (repeatable); default: the build's.",
)
@friendly_errors
def export_cmd(
    fmt: str,
    store_dir: str,
    output: str,
    title: str,
    html_nodes: int,
    projection: str,
    min_weight: int,
    dynamic: bool | None,
    entities: tuple[str, ...],
) -> None:
    """Export a built store to one file: RDF in six syntaxes, or Gephi/HTML.

    RDF formats write the whole store: nq, trig and jsonld keep one named graph per
    article; ttl, nt and xml hold the union of all graphs. gexf, graphml and html are
    rebuilt from the stored facts.

    Example: newsgraph export --format nq --store out -o graph.nq

    Example: newsgraph export --format gexf --projection entities --min-weight 2 -o g.gexf
    """
    from graph.store import Store

    store = Store(store_dir, create=False)
    t = time.perf_counter()
    if fmt in ("gexf", "graphml", "html"):
        from exports import export
        from graph.errors import GazetteerError
        from graph.pipeline import graph_from_cache
        from graph.runner import stored_build_order, stored_entity_files
        from ontology.gazetteer import GazetteerFileError, load_gazetteer

        files = list(entities)
        if not files:
            # the build's own extra gazetteers describe its entities (QIDs, makers)
            for path in stored_entity_files(store):
                if Path(path).is_file():
                    files.append(path)
                else:
                    _err(f"warning: {path}: gazetteer file of the build is gone; not used")
        try:
            gazetteer = load_gazetteer(files)
        except (GazetteerFileError, OSError) as exc:
            raise GazetteerError(str(exc)) from exc
        graph = graph_from_cache(stored_build_order(store), store.facts, gazetteer)
        export(
            graph,
            fmt,
            output,
            title=title,
            max_nodes=html_nodes,
            projection=projection,
            min_weight=min_weight,
            dynamic=dynamic,
        )
    else:
        from exports.rdf import prefixes, rdf_format

        store.export(output, rdf_format(fmt), prefixes())
    store.close()
    _err(f"wrote {output} ({fmt}) in {time.perf_counter() - t:.1f}s")


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, help="Port (0: any free port).")
@click.option(
    "--timeout", default=10.0, show_default=True, help="Seconds a query may run before a 503."
)
@click.option(
    "--max-bytes",
    default=50 * 1024 * 1024,
    show_default=True,
    help="Largest result sent; bigger ones get a 413.",
)
@friendly_errors
def serve(store_dir: str, host: str, port: int, timeout: float, max_bytes: int) -> None:
    """Serve a built store as a read-only SPARQL 1.1 endpoint at /sparql.

    GET or POST queries; results as JSON, XML, CSV or TSV by Accept header. Updates
    are refused. Listens on 127.0.0.1 unless --host says otherwise.

    Example: newsgraph serve --store out --port 7878
    """
    from graph.serve import Limits, make_server
    from graph.store import Store

    store = Store(store_dir, create=False)
    try:
        server = make_server(store.rdf, host, port, Limits(timeout=timeout, max_bytes=max_bytes))
    except OSError as exc:
        raise NewsgraphError(f"{host}:{port}: cannot listen ({exc.strerror or exc})") from exc
    _err(f"SPARQL endpoint at {server.url} (read-only; Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        store.close()


class _Progress:
    """A progress bar on a terminal; silence otherwise."""

    def __init__(self) -> None:
        self.count = 0
        self._bar = None
        if sys.stderr.isatty():
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.completed} articles"),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                transient=True,
            )
            self._task = self._bar.add_task("extract", total=None, rate="")
            self._bar.start()
            self._t0 = time.perf_counter()

    def tick(self, cached: bool) -> None:
        self.count += 1
        if self._bar is not None:
            rate = self.count / max(1e-6, time.perf_counter() - self._t0)
            self._bar.update(self._task, completed=self.count, rate=f"{rate:.1f}/s")

    def done(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


if __name__ == "__main__":  # pragma: no cover
    main()
