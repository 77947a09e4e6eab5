"""Stores as version 6 of the embedded store wrote them, for the upgrade tests.

Version 7 (issue 14) made every table anew: an older store can no longer be made by dropping
columns of a fresh one. :func:`downgrade_to_6` writes the graph of a store into a file of the
version-6 schema, frozen here as that version created it; older versions are made from that one by
dropping columns (tests/test_store.py), as before.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

from graph.embedded import DB_FILENAME, EmbeddedStore
from graph.model import node_kind, node_to_dict

# graph/embedded.py's _SCHEMA at version 6.
SCHEMA_6 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE texts (
    source_path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    loaded_at TEXT NOT NULL,
    encoding TEXT NOT NULL,
    warnings TEXT NOT NULL,
    content BLOB NOT NULL,
    asked TEXT NOT NULL DEFAULT '[]',
    answered TEXT NOT NULL DEFAULT '[]',
    format TEXT NOT NULL DEFAULT 'text',
    ocr INTEGER NOT NULL DEFAULT 0,
    content_sha256 TEXT NOT NULL DEFAULT '',
    same_as TEXT,
    claims TEXT
);
CREATE INDEX texts_by_doc_id ON texts (doc_id);
CREATE INDEX texts_by_content ON texts (content_sha256);
CREATE INDEX texts_by_same_as ON texts (same_as);
CREATE TABLE nodes (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('Document', 'Task', 'Agency')),
    data TEXT NOT NULL,
    source_path TEXT,
    number_key TEXT,
    name_key TEXT,
    claims TEXT,
    own TEXT
);
CREATE INDEX nodes_by_number_key ON nodes (number_key);
CREATE INDEX nodes_by_name_key ON nodes (name_key);
CREATE INDEX nodes_by_source_path ON nodes (source_path);
CREATE TABLE edges (
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    type TEXT NOT NULL,
    origin TEXT NOT NULL,
    evidence TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL NOT NULL,
    scope TEXT,
    provisions TEXT,
    effective_date TEXT,
    UNIQUE (source, target, type, origin)
);
CREATE INDEX edges_by_target ON edges (target, type);
CREATE INDEX edges_by_origin ON edges (origin);
CREATE TABLE mentions (
    origin TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    target TEXT
);
CREATE INDEX mentions_by_origin ON mentions (origin);
CREATE INDEX mentions_by_status ON mentions (status);
CREATE TABLE aliases (
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    origin TEXT NOT NULL
);
CREATE INDEX aliases_by_key ON aliases (key);
CREATE INDEX aliases_by_origin ON aliases (origin);
CREATE TABLE lookups (
    key TEXT NOT NULL,
    origin TEXT NOT NULL
);
CREATE INDEX lookups_by_key ON lookups (key);
CREATE INDEX lookups_by_origin ON lookups (origin);
"""

# Columns of a version-6 node that its JSON did not repeat.
_NODE_COLUMNS = ("id", "kind", "source_path")


def downgrade_to_6(directory: Path) -> None:
    """Make the store in ``directory`` one that version 6 wrote: the same graph, texts, claims,
    mentions, aliases and lookups, each row naming its text by path, every edge with its evidence
    sentence, every node with all its fields in its JSON. Texts and nodes keep their order."""
    with EmbeddedStore(directory) as store:
        stored = store.stored_claims()
        nodes = {node.id: node for node in store.nodes()}
        edges = list(store.edges())
        mentions = store.mentions()
        aliases = store.aliases()
        conn = store._conn
        texts = conn.execute(
            "SELECT source_path, sha256, doc_id, loaded_at, encoding, warnings, content, asked, "
            "answered, format, ocr, content_sha256, same_as FROM texts ORDER BY id"
        ).fetchall()
        node_rows = conn.execute(
            "SELECT rowid, id, number_key, name_key, claims, own FROM nodes ORDER BY rowid"
        ).fetchall()
        lookups = conn.execute(
            "SELECT l.key, t.source_path FROM lookups l JOIN texts t ON t.id = l.origin"
        ).fetchall()
    db = directory / DB_FILENAME
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    conn = sqlite3.connect(db)
    with conn:
        conn.executescript(SCHEMA_6)
        conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [("schema", "vn-legal-graph"), ("version", "6")],
        )
        conn.executemany(
            "INSERT INTO texts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    *row[:6],
                    zlib.compress(zlib.decompress(row[6])),
                    *row[7:],
                    stored.said.get(row[0]),
                )
                for row in texts
            ],
        )
        for rowid, node_id, number_key, name_key, tally, own in node_rows:
            node = nodes[node_id]
            data = node_to_dict(node)
            for column in _NODE_COLUMNS:
                data.pop(column, None)
            conn.execute(
                "INSERT INTO nodes (rowid, id, kind, data, source_path, number_key, name_key, "
                "claims, own) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    rowid,
                    node_id,
                    node_kind(node),
                    json.dumps(data, ensure_ascii=False, sort_keys=True),
                    getattr(node, "source_path", None),
                    number_key,
                    name_key,
                    tally,
                    own,
                ),
            )
        conn.executemany(
            "INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    e.source,
                    e.target,
                    e.type,
                    e.origin,
                    e.evidence,
                    e.start,
                    e.end,
                    e.confidence,
                    e.scope,
                    json.dumps(list(e.provisions), ensure_ascii=False) if e.provisions else None,
                    e.effective_date,
                )
                for e in edges
            ],
        )
        conn.executemany(
            'INSERT INTO mentions (origin, text, start, "end", status, reason, target) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(m.origin, m.text, m.start, m.end, m.status, m.reason, m.target) for m in mentions],
        )
        conn.executemany(
            "INSERT INTO aliases (key, name, doc_id, origin) VALUES (?, ?, ?, ?)",
            [(a.key, a.name, a.doc_id, a.origin) for a in aliases],
        )
        conn.executemany("INSERT INTO lookups (key, origin) VALUES (?, ?)", lookups)
    conn.close()
