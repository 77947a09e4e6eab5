"""The Graph page's drawing surface: a Streamlit component of our own, in ``views/graph_frontend/``.

Cytoscape.js 3.34 (MIT, ``cytoscape.min.js`` as published, its licence beside it) and ``graph.js``,
served by the Streamlit server itself: the page asks for nothing outside the machine. The
component draws the elements at the positions :mod:`views.network` gave them, shows each
element's hover text as plain text, and reports the node a person clicks. It has no panel, button
or word of its own: what is said about the clicked node is said by the page, in Vietnamese.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit.components.v1 as components

FRONTEND = Path(__file__).resolve().parent / "graph_frontend"
# Zoom the fitted picture stops at: three nodes are not blown up to fill the frame.
MAX_FIT_ZOOM = 1.25

_component = components.declare_component("graph_canvas", path=str(FRONTEND))


def graph_canvas(
    elements: dict[str, list[dict[str, Any]]],
    style: list[dict[str, Any]],
    *,
    height: int,
    selected: str | None,
    key: str,
) -> dict[str, Any] | None:
    """Draw ``elements`` with the Cytoscape ``style``; the last click, ``{"selected": id, "at":
    milliseconds}``, or None before any."""
    value = _component(
        elements=elements,
        style=style,
        height=height,
        selected=selected,
        max_zoom=MAX_FIT_ZOOM,
        key=key,
        default=None,
    )
    return value if isinstance(value, dict) else None
