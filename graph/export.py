"""Export formats of the node-link data a store's ``export()`` returns (DESIGN.md, Export format).

- JSON: the node-link data itself, what ``../shared/eval/score.py`` reads; :func:`from_json` reads
  it back into model objects.
- GraphML, for Gephi and yEd: GraphML attributes are scalars, so a missing value is left out and
  a list (a task's ``partners``) becomes one ``"; "``-joined string.
- CSV for ``neo4j-admin database import``: ``documents.csv``, ``tasks.csv``, ``agencies.csv`` and
  ``relationships.csv``, in one global ID space (node ids are unique across kinds), and from a
  whole store (:func:`store_to_csv`) ``texts.csv``, ``mentions.csv`` and ``aliases.csv`` too, so
  that the imported database is a Neo4j store the loader can go on updating::

      neo4j-admin database import full neo4j --multiline-fields=true --nodes=documents.csv \\
          --nodes=tasks.csv --nodes=agencies.csv --nodes=texts.csv --nodes=mentions.csv \\
          --nodes=aliases.csv --relationships=relationships.csv
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import IO, Any

import networkx as nx

from graph.claims import StoredClaims
from graph.cypher import ALIAS_LABEL, MENTION_LABEL, NODE_LABEL, TEXT_LABEL, node_properties
from graph.model import (
    Agency,
    Document,
    Edge,
    Node,
    Task,
    edge_from_dict,
    node_from_dict,
)
from graph.store import GraphStore

NodeLink = Mapping[str, Sequence[Mapping[str, Any]]]

# GraphML cannot hold a list: "Bộ Tài chính; Bộ Kế hoạch và Đầu tư" stands for a task's partners.
GRAPHML_LIST_SEPARATOR = "; "

# neo4j-admin's default --array-delimiter; agency names never contain it.
NEO4J_ARRAY_DELIMITER = ";"

# A text's content keeps its line breaks (the offsets of its edges index into it), and so does an
# evidence sentence broken over two lines ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6\nnăm
# 2015"): fields may span lines. Each file is read whole, not split between threads, too.
NEO4J_IMPORT_OPTIONS: tuple[str, ...] = ("--multiline-fields=true",)

# Property types neo4j-admin must be told; every other property is a string.
_NEO4J_TYPES: dict[str, str] = {
    "year": "int",
    "start": "int",
    "end": "int",
    "confidence": "float",
    "aliases": "string[]",
    "partners": "string[]",
    "provisions": "string[]",
}

# Node CSV files: (file name, label, model class); extra columns follow the class's fields.
_NODE_FILES: tuple[tuple[str, str, type[Document] | type[Task] | type[Agency]], ...] = (
    ("documents.csv", "Document", Document),
    ("tasks.csv", "Task", Task),
    ("agencies.csv", "Agency", Agency),
)
RELATIONSHIPS_FILE = "relationships.csv"
TEXTS_FILE = "texts.csv"
MENTIONS_FILE = "mentions.csv"
ALIASES_FILE = "aliases.csv"
_EDGE_PROPERTIES = (
    "evidence",
    "start",
    "end",
    "confidence",
    "origin",
    "scope",
    "provisions",
    "effective_date",
)

Target = str | os.PathLike[str]


class ExportError(ValueError):
    """A value the format cannot hold (a list item containing the CSV array delimiter)."""


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
def _csv_field(value: Any) -> str:
    """One field as neo4j-admin reads it: nothing at all for no property, a number as is, text
    quoted (so that an empty string stays a property, as the store wrote it)."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        for item in value:
            if NEO4J_ARRAY_DELIMITER in str(item):
                raise ExportError(
                    f"{item!r} contains {NEO4J_ARRAY_DELIMITER!r}, neo4j-admin's array delimiter"
                )
        value = NEO4J_ARRAY_DELIMITER.join(str(item) for item in value)
    return '"' + str(value).replace('"', '""') + '"'


def _header(name: str) -> str:
    kind = _NEO4J_TYPES.get(name)
    return f"{name}:{kind}" if kind else name


def _none(value: Any) -> Any:
    """``None`` for an empty list (no property in Neo4j), else the value (0 stays 0)."""
    return None if value == [] else value


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(header) + "\n")
        for row in rows:
            handle.write(",".join(map(_csv_field, row)) + "\n")
    return path


def _stored_properties(node: Node, stored: StoredClaims | None) -> dict[str, Any]:
    props = node_properties(node)
    if stored is not None:
        props["claims"] = stored.tallies.get(node.id)
        props["own"] = stored.owns.get(node.id)
    return props


def to_csv(data: NodeLink, directory: Target, stored: StoredClaims | None = None) -> list[Path]:
    """Write the graph of node-link data (a store's export, or the part of it a page shows) as
    ``neo4j-admin database import`` CSV files into ``directory`` (created if missing).

    Node files have ``id:ID`` (one ID space: ids are unique across kinds), ``:LABEL`` (``Node``
    and the kind) and one column per property, as :class:`graph.neo4j_store.Neo4jStore` writes
    them (a derived ``status`` is left out: it would go stale in a database kept up to date);
    ``relationships.csv`` has ``:START_ID``, ``:END_ID``, ``:TYPE`` and the edge's evidence,
    offsets, confidence and origin. With ``stored`` (a whole store's copy), documents also
    carry the tallies and own fields the store restates them from (:mod:`graph.claims`).
    Returns the files written.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    nodes = [node_from_dict(dict(n)) for n in data["nodes"]]
    written = []
    for file_name, label, cls in _NODE_FILES:
        columns = [f.name for f in fields(cls) if f.name != "id"]
        columns += ["kind", *(("number_key", "name_key") if cls is Document else ())]
        if cls is Document and stored is not None:
            columns += ["claims", "own"]
        labels = f"{NODE_LABEL}{NEO4J_ARRAY_DELIMITER}{label}"
        rows = (
            [node.id, labels, *(props.get(c) for c in columns)]
            for node in nodes
            if isinstance(node, cls)
            for props in (_stored_properties(node, stored),)
        )
        header = ["id:ID", ":LABEL", *map(_header, columns)]
        written.append(_write_csv(out / file_name, header, rows))
    edge_rows = (
        # An empty list is no property, as the Neo4j store writes it.
        [
            e["source"],
            e["target"],
            e["type"],
            *(_none(e.get(p)) for p in _EDGE_PROPERTIES),
        ]
        for e in data["edges"]
    )
    edge_header = [":START_ID", ":END_ID", ":TYPE", *map(_header, _EDGE_PROPERTIES)]
    written.append(_write_csv(out / RELATIONSHIPS_FILE, edge_header, edge_rows))
    return written


def store_to_csv(store: GraphStore, directory: Target) -> list[Path]:
    """Everything ``store`` holds as ``neo4j-admin database import`` CSV files: the graph
    (:func:`to_csv`), and ``texts.csv``, ``mentions.csv`` and ``aliases.csv``, what each loaded
    text contributed besides it.

    The database the import makes is a Neo4j store like one the loader filled (same labels,
    properties and text records; :class:`graph.neo4j_store.Neo4jStore` creates its constraints
    and indexes on first use), so a first load of millions of documents built with the embedded
    store is imported offline and then kept up to date with ``python -m loader --neo4j``. Texts
    keep their line breaks (the offsets of edges index into them), hence
    :data:`NEO4J_IMPORT_OPTIONS`; :func:`import_arguments` gives the whole command line.
    """
    stored = store.stored_claims()
    written = to_csv(store.export(), directory, stored)
    out = Path(directory)
    texts = (
        (r.source_path, TEXT_LABEL, r.sha256, r.doc_id, r.loaded_at, r.encoding, r.warnings)
        + (store.text_content(r.source_path), r.asked, r.answered, r.format, r.ocr)
        + (r.content_sha256, r.same_as, stored.said.get(r.source_path))
        for r in store.texts()
    )
    text_header = ["source_path:ID(Text)", ":LABEL", "sha256", "doc_id", "loaded_at"]
    text_header += ["encoding", "warnings:string[]", "content", "asked:string[]"]
    text_header += ["answered:string[]", "format", "ocr:boolean", "content_sha256", "same_as"]
    text_header += ["claims"]
    written.append(_write_csv(out / TEXTS_FILE, text_header, texts))
    mentions = (
        [i, MENTION_LABEL, m.origin, m.text, m.start, m.end, m.status, m.reason, m.target]
        for i, m in enumerate(store.mentions())
    )
    mention_header = [":ID(Mention)", ":LABEL", "origin", "text", "start:int", "end:int"]
    mention_header += ["status", "reason", "target"]
    written.append(_write_csv(out / MENTIONS_FILE, mention_header, mentions))
    aliases = (
        [i, ALIAS_LABEL, a.key, a.name, a.doc_id, a.origin] for i, a in enumerate(store.aliases())
    )
    alias_header = [":ID(Alias)", ":LABEL", "key", "name", "doc_id", "origin"]
    written.append(_write_csv(out / ALIASES_FILE, alias_header, aliases))
    return written


def import_arguments(directory: Target, database: str = "neo4j") -> list[str]:
    """The arguments of ``neo4j-admin database import full`` for the files :func:`to_csv` or
    :func:`store_to_csv` wrote into ``directory``."""
    out = Path(directory)
    nodes = [name for name, _, _ in _NODE_FILES]
    nodes += [name for name in (TEXTS_FILE, MENTIONS_FILE, ALIASES_FILE) if (out / name).exists()]
    # The database first: the file options take several values, and would take it for a file.
    return [
        database,
        *NEO4J_IMPORT_OPTIONS,
        *(f"--nodes={out / name}" for name in nodes),
        f"--relationships={out / RELATIONSHIPS_FILE}",
    ]
