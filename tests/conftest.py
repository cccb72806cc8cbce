"""Shared fixtures: the spaCy pipeline loads once per test session."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from graph.extract import Extractor
from graph.ingest import read
from graph.model import ArticleFacts

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def example_facts(extractor: Extractor) -> list[ArticleFacts]:
    return list(extractor.extract_many(read([EXAMPLES])))


@pytest.fixture(scope="session")
def example_graph(example_facts: list[ArticleFacts], extractor: Extractor) -> nx.DiGraph:
    from graph.build import build_graph

    return build_graph(example_facts, extractor.gazetteer)


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder made by the real ``newsgraph build`` on the example corpus."""
    from click.testing import CliRunner

    from graph.cli import main

    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["build", str(EXAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out
