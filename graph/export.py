"""Export formats of the node-link data a store's ``export()`` returns (DESIGN.md, Export format).

- JSON: the node-link data itself, what ``../shared/eval/score.py`` reads; :func:`from_json` reads
  it back into model objects.
- GraphML, for Gephi and yEd: GraphML attributes are scalars, so a missing value is left out and
  a list (a task's ``partners``) becomes one ``"; "``-joined string.
- CSV for ``neo4j-admin database import``: ``documents.csv``, ``tasks.csv``, ``agencies.csv`` and
  ``relationships.csv``, in one global ID space (node ids are unique across kinds)::

      neo4j-admin database import full neo4j --nodes=documents.csv --nodes=tasks.csv \\
          --nodes=agencies.csv --relationships=relationships.csv
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import IO, Any

import networkx as nx

from graph.model import (
    Agency,
    Document,
    Edge,
    Node,
    Task,
    edge_from_dict,
    node_from_dict,
)

NodeLink = Mapping[str, Sequence[Mapping[str, Any]]]

# GraphML cannot hold a list: "Bộ Tài chính; Bộ Kế hoạch và Đầu tư" stands for a task's partners.
GRAPHML_LIST_SEPARATOR = "; "

# neo4j-admin's default --array-delimiter; agency names never contain it.
NEO4J_ARRAY_DELIMITER = ";"

# Line breaks inside a field would need `--multiline-fields=true`; an evidence sentence broken
# over two lines of the source ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6\nnăm 2015") reads
# the same joined by a space.
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")

# Property types neo4j-admin must be told; every other property is a string.
_NEO4J_TYPES: dict[str, str] = {
    "year": "int",
    "start": "int",
    "end": "int",
    "confidence": "float",
    "aliases": "string[]",
    "partners": "string[]",
}

# Node CSV files: (file name, label, model class); extra columns follow the class's fields.
_NODE_FILES: tuple[tuple[str, str, type[Document] | type[Task] | type[Agency]], ...] = (
    ("documents.csv", "Document", Document),
    ("tasks.csv", "Task", Task),
    ("agencies.csv", "Agency", Agency),
)
RELATIONSHIPS_FILE = "relationships.csv"
_EDGE_PROPERTIES = ("evidence", "start", "end", "confidence", "origin")

Target = str | os.PathLike[str]


# -- JSON ----------------------------------------------------------------------------------------
def to_json(data: NodeLink, out: Target | IO[str]) -> None:
    """Write node-link data as pretty UTF-8 JSON (Vietnamese left readable, not ``\\u`` escaped)."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if isinstance(out, str | os.PathLike):
        Path(out).write_text(text, encoding="utf-8")
    else:
        out.write(text)


def from_json(path: Target) -> tuple[list[Node], list[Edge]]:
    """Read a JSON export back into model objects (derived fields such as ``status`` dropped).

    Raises ValueError if the file is not node-link JSON.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "nodes" not in data:
        raise ValueError(f"{path}: not a node-link export (no 'nodes')")
    edges: list[dict[str, Any]] = data.get("edges") or data.get("links") or []
    return [node_from_dict(n) for n in data["nodes"]], [edge_from_dict(e) for e in edges]


# -- GraphML -------------------------------------------------------------------------------------
def _graphml_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return GRAPHML_LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def graphml_graph(data: NodeLink) -> nx.MultiDiGraph:
    """A networkx graph of node-link data whose attributes GraphML can hold.

    ``None`` values are left out and lists joined by :data:`GRAPHML_LIST_SEPARATOR`; the edge key
    is ``TYPE|origin`` so parallel edges (CITES and BASED_ON between the same two documents)
    stay apart.
    """
    graph = nx.MultiDiGraph()
    for node in data["nodes"]:
        attrs = {
            k: _graphml_value(v) for k, v in node.items() if k != "id" and v not in (None, [], ())
        }
        graph.add_node(str(node["id"]), **attrs)
    for edge in data["edges"]:
        attrs = {
            k: _graphml_value(v)
            for k, v in edge.items()
            if k not in ("source", "target") and v is not None
        }
        if "confidence" in attrs:
            # 1 and 0.9 in one column would declare it int, then fail on the float.
            attrs["confidence"] = float(attrs["confidence"])
        key = f"{edge['type']}|{edge.get('origin') or ''}"
        graph.add_edge(str(edge["source"]), str(edge["target"]), key=key, **attrs)
    return graph


def to_graphml(data: NodeLink, out: Target | IO[bytes]) -> None:
    """Write node-link data as GraphML (UTF-8), readable by Gephi, yEd and networkx."""
    nx.write_graphml(graphml_graph(data), out, encoding="utf-8")


# -- CSV for neo4j-admin -------------------------------------------------------------------------
def _csv_value(value: Any) -> str:
    if value is None:
        return ""  # an empty field: neo4j-admin sets no property
    if isinstance(value, list | tuple):
        return NEO4J_ARRAY_DELIMITER.join(_LINE_BREAKS.sub(" ", str(v)) for v in value)
    return _LINE_BREAKS.sub(" ", str(value))


def _header(name: str) -> str:
    kind = _NEO4J_TYPES.get(name)
    return f"{name}:{kind}" if kind else name


def to_csv(data: NodeLink, directory: Target) -> list[Path]:
    """Write ``neo4j-admin database import`` CSV files into ``directory`` (created if missing).

    Node files have ``id:ID`` (one global ID space, the id kept as a property), ``:LABEL`` and one
    column per field; Documents also get their derived ``status``. ``relationships.csv`` has
    ``:START_ID``, ``:END_ID``, ``:TYPE`` and the edge's evidence, offsets, confidence and origin.
    Returns the files written.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, label, cls in _NODE_FILES:
        columns = [f.name for f in fields(cls) if f.name != "id"]
        if cls is Document:
            columns.append("status")
        path = out / file_name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id:ID", ":LABEL", *(_header(c) for c in columns)])
            for node in data["nodes"]:
                if node.get("kind", "Document") == label:
                    row = [node["id"], label, *(node.get(c) for c in columns)]
                    writer.writerow([_csv_value(v) for v in row])
        written.append(path)
    path = out / RELATIONSHIPS_FILE
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([":START_ID", ":END_ID", ":TYPE", *map(_header, _EDGE_PROPERTIES)])
        for edge in data["edges"]:
            row = [edge["source"], edge["target"], edge["type"]]
            row.extend(edge.get(p) for p in _EDGE_PROPERTIES)
            writer.writerow([_csv_value(v) for v in row])
    written.append(path)
    return written
