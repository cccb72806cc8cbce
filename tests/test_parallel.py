"""Extraction on worker processes and on a real Dask cluster gives the same facts, in order."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.extract import Extractor
from graph.ingest import read
from graph.model import Article, ArticleFacts
from graph.parallel import MIN_PARALLEL, extract_parallel, ordered
from tests.test_runner import corpus


def comparable(facts: ArticleFacts) -> dict:
    record = facts.to_dict()
    record.pop("extractor")  # holds the extraction time
    return record


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    path = corpus(tmp_path_factory.mktemp("corpus") / "c.jsonl", MIN_PARALLEL + 8)
    return list(read([path]))


def test_ordered_keeps_input_order_with_results_finishing_out_of_order() -> None:
    done: list[Future] = []

    def submit(chunk: list[int]) -> Future:
        f: Future = Future()
        done.append(f)
        f.set_result([x * 10 for x in chunk])
        return f

    assert list(ordered(submit, range(10), window=3, batch=4)) == [x * 10 for x in range(10)]
    assert len(done) == 3


def test_worker_processes_give_the_same_facts(articles: list[Article]) -> None:
    extractor = Extractor(fast=True)
    one = [comparable(f) for f in extract_parallel(articles, extractor, jobs=1)]
    two = [comparable(f) for f in extract_parallel(articles, extractor, jobs=2)]
    assert len(one) == len(articles)
    assert one == two


def test_the_main_process_leaves_the_model_to_its_workers(articles: list[Article]) -> None:
    extractor = Extractor()
    facts = list(extract_parallel(articles, extractor, jobs=2))
    assert len(facts) == len(articles)
    assert extractor._nlp is None  # never loaded here: the workers parse
    # the model named in every cache key is the one that parses, read without loading it
    meta = extractor.nlp.meta
    assert extractor.model_name == f"{meta['lang']}_{meta['name']}"
    assert extractor.model_version == meta["version"]


def test_build_on_a_local_dask_cluster(tmp_path: Path, articles: list[Article]) -> None:
    distributed = pytest.importorskip("distributed")
    src = corpus(tmp_path / "c.jsonl", 40)
    with (
        distributed.LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        result = CliRunner().invoke(
            main,
            [
                "build",
                str(src),
                "-o",
                str(tmp_path / "dask"),
                "--scheduler",
                cluster.scheduler_address,
            ],
        )
        assert result.exit_code == 0, result.output
        assert "40 extracted" in result.output
        # the work ran on the cluster's worker, not here
        assert (
            sum(client.run(lambda: len(__import__("graph.parallel").parallel._extractors)).values())
            == 1
        )
    local = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "local"), "-j", "1"])
    assert local.exit_code == 0, local.output
    for name in ("graph.graphml", "graph.gexf"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_an_unreachable_scheduler_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr("graph.parallel.CONNECT_TIMEOUT", 1.0)
    src = corpus(tmp_path / "c.jsonl", 3)
    result = CliRunner().invoke(
        main, ["build", str(src), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler" in result.output
    assert "Traceback" not in result.output
