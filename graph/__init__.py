"""newsgraph: news articles in, a knowledge graph of companies, chips, people and claims out.

The stages, each usable on its own from a notebook:

>>> from graph import ingest, extract, build   # doctest: +SKIP
>>> articles = list(ingest.read(["examples/articles"]))
>>> facts = list(extract.Extractor().extract_many(articles))
>>> g = build.build_graph(facts)

or all at once with the build cache: ``graph.pipeline.build_corpus``.
"""

from __future__ import annotations

__version__ = "0.1.0"
