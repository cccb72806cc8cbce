"""One visual vocabulary for every export that draws: colour by node type.

The HTML view and the Gephi files use the same colours, so a user who knows one
reads the other.
"""

from __future__ import annotations

COLORS = {
    "Company": "#1f77b4",
    "Organization": "#17becf",
    "Person": "#d62728",
    "Chip": "#2ca02c",
    "Product": "#9467bd",
    "Place": "#8c564b",
    "Article": "#7f7f7f",
    "Claim": "#ff7f0e",
    "Publisher": "#bcbd22",
    "Topic": "#e377c2",
}
"""Node colour by type (matplotlib's tab10, so neighbouring types stay distinct)."""

OTHER_COLOR = "#999999"
"""Colour of a node whose type is not in ``COLORS``."""
