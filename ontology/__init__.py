"""What things are: the vocabulary, the ontology and SHACL shapes, and the gazetteer.

This package depends on nothing else of newsgraph's.
"""

from __future__ import annotations

from pathlib import Path

ONTOLOGY_DIR = Path(__file__).parent
GAZETTEER_DIR = ONTOLOGY_DIR / "gazetteer"

ENTITY_TYPES = ("Company", "Organization", "Person", "Chip", "Product", "Place")
"""The entity types of the data model, in the order the docs list them."""

NODE_KINDS = (*ENTITY_TYPES, "Article", "Publisher", "Topic", "Claim")
"""Every kind of node in the built graph."""
