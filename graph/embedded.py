"""The embedded store: one SQLite file in a directory the user names.

SQLite (standard library) holds the truth. :meth:`EmbeddedStore.write_texts` writes a group of
texts (the loader's 100) in one ``BEGIN IMMEDIATE … COMMIT`` transaction, each text inside a
``SAVEPOINT``: a refused text is rolled back alone, any other failure (a SQLite error, Ctrl-C, a
kill) takes the whole group with it, so a load killed half-way loses at most the group in flight
and never leaves half a text. A write touches only the rows of its texts, so loading text 10,001
costs what loading text 1 did; the documents a group touches are read once, restated in memory by
each text and written back once before COMMIT. :attr:`EmbeddedStore.graph` is a networkx
``MultiDiGraph`` of the whole graph, built from SQLite when asked, for what networkx computes.

Layout of ``graph.sqlite`` (version 7: issue 14, a store under 2.5 times the text it holds):

- ``meta``: schema name and version (versions 3 to 6 are upgraded; anything else is
  :class:`StoreCorrupt`).
- ``texts``: one row per loaded text, numbered (``id``: what every row a text owns names as its
  ``origin``, instead of the path), with its cleaned content zlib-compressed, the names it
  looked up (``asked``) and the keys of its edges (``edge_keys``): a rewrite finds its edges and
  lookups from these two, without an index by origin.
- ``nodes``: documents (full, or stubs with ``source_path`` NULL), tasks (``origin``: their
  text) and agencies; the fields that identify or own a node are columns, the others that are
  not their default a JSON object, a task's text as its span in its text's content
  (:mod:`graph.quotes`); a document's tally of what citing texts say of it and its own text's
  fields, from which its fields are restated (:mod:`graph.claims`; each text's claims are in
  ``texts.claims``).
- ``edges``: keyed by (source, target, type, origin) without a rowid; ``origin`` is the text
  that asserted it; the evidence is a span of that text's content, rebuilt on read
  (:mod:`graph.quotes`), or the sentence itself where it is not one.
- ``mentions``, ``aliases`` and ``lookups`` (the names of ``texts.asked``, indexed): owned by
  their text (``origin``), replaced with it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import MISSING, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

import networkx as nx

from graph import claims
from graph.identity import fold_name
from graph.identity import number_key as fold_number
from graph.model import (
    Agency,
    Alias,
    Document,
    Edge,
    Mention,
    Node,
    Task,
    TextGraph,
    edge_to_dict,
    node_from_dict,
    node_kind,
    node_to_dict,
)
from graph.plan import (
    check_ends,
    local_ids,
    not_a_document,
    plan_text,
    record_lists,
    result_of_record,
    result_of_source,
)
from graph.quotes import Quotes, quote
from graph.status import export_statuses
from graph.store import (
    DocumentRow,
    EdgeRow,
    Fan,
    StoreCorrupt,
    StoreError,
    StoreStats,
    StoreUnavailable,
    TextRecord,
    TextRefused,
    WriteResult,
)

# Where `python -m loader` and `python -m graph` look when no --store is given.
DEFAULT_STORE_DIR = Path("data") / "graph"
DB_FILENAME = "graph.sqlite"
SCHEMA_NAME = "vn-legal-graph"
# 4: texts.asked and lookups; 5: a text's format, content digest and same_as (one text of record
# per document), an edge's scope, provisions and effective date; 6: what each text claims of the
# documents it cites (texts.claims) and each document's tally of claims and own fields
# (graph.claims), so that a stub is a pure function of the texts that cite it; 7: texts numbered
# and named by number, evidence and task texts kept as spans of the content, edges without a
# rowid (issue 14). Versions 3 to 6 are upgraded.
SCHEMA_VERSION = 7

# The app reads while `python -m loader` writes a 300-page Luật: a reader or a second writer waits
# this long for the write lock instead of failing with "database is locked".
BUSY_TIMEOUT_SECONDS = 30.0

# A connection's page cache, in KiB. A group of 100 texts dirties some 7 MB of pages (8,000 edges
# and their indexes, 2,000 nodes, the texts' content), held until its COMMIT: in SQLite's default
# 2 MB they spilled to the WAL mid-transaction and were written again (a tenth of the CPU time of
# writing a group). SQLite takes the memory as it needs it, up to this.
CACHE_KIB = 32_000

# Ids per `IN (…)` list: far below SQLite's limit on bound variables (32766 since 3.32, 999 before).
IDS_PER_QUERY = 500
# Texts whose content one query reads (compressed, a 300-page Luật is some 300 KB of it).
TEXTS_PER_QUERY = 50

# Bytes of texts' content a store keeps decompressed between reads (the evidence of an edge is
# rebuilt from its text's content): the app showing the 3,000 edges into "Thủ tướng Chính phủ"
# again reads the same 900 texts (13 MB of synthetic text). A 300-page Luật is 1.5 MB.
CONTENT_CACHE_BYTES = 32 * 1024 * 1024

# Much-cited nodes whose edge counts a store keeps between walks, until a write commits (see
# EmbeddedStore.fan_out): counting the edges of "Luật Tổ chức Chính phủ" reads all of them, and
# most neighbourhoods of a large store reach it. A few integers each.
HUB_COUNTS = 4096
# Paths of texts a store keeps for the walks (see EmbeddedStore._text_paths): 100,000 of them is
# some 15 MB.
TEXT_PATHS = 200_000

# zlib level of a text's content, claims and edge keys. On real1k (13.4 MB of text) level 6, zlib's
# default, took 0.43 s of CPU for 3.88 MB of content, level 1 0.17 s for 4.58 MB: a fifth of the
# CPU of writing those texts, for 0.05 times the text in store (synthetic: 0.09 s for 0.03 times).
ZLIB_LEVEL = 1

_SCHEMA = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- texts: the columns read with every record first, the large ones last (a column after the
-- content is read through its overflow pages).
CREATE TABLE texts (
    id INTEGER PRIMARY KEY,          -- the origin of every row the text owns
    source_path TEXT NOT NULL UNIQUE,
    content_sha256 TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    loaded_at TEXT NOT NULL,
    encoding TEXT NOT NULL,
    warnings TEXT NOT NULL,          -- JSON list of strings
    asked TEXT NOT NULL DEFAULT '[]', -- JSON list: TextGraph.asked, also in lookups
    answered TEXT NOT NULL DEFAULT '[]', -- JSON list: TextGraph.answered
    format TEXT NOT NULL DEFAULT 'text',
    ocr INTEGER NOT NULL DEFAULT 0,
    -- same_as: NULL for the text of record of doc_id, else that text's path
    same_as TEXT,
    claims BLOB,                     -- zlib(JSON {doc id: claim}) of the documents it cites
    edge_keys BLOB,                  -- zlib(JSON [[source, target, type], …]) of its edges
    content BLOB NOT NULL
);
CREATE INDEX texts_by_doc_id ON texts (doc_id);
CREATE INDEX texts_by_content ON texts (content_sha256);
CREATE INDEX texts_by_same_as ON texts (same_as);
-- nodes.claims: a document's tally of what the texts citing it say (graph.claims), nodes.own:
-- JSON of a loaded document as its own text says it. (No comment after the last column of a
-- table: SQLite's DROP COLUMN, which the tests use to make older stores, cannot parse it.)
CREATE TABLE nodes (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('Document', 'Task', 'Agency')),
    data TEXT NOT NULL,              -- JSON object of the other fields not at their default
    source_path TEXT,                -- a loaded document's text, NULL for stubs and agencies
    origin INTEGER,                  -- a task's text (texts.id)
    number_key TEXT,                 -- graph.identity.number_key(number), for find_documents
    name_key TEXT,                   -- graph.identity.fold_name(name) of a number-less document
    claims TEXT,
    own TEXT
);
-- Partial: a task has none of these keys, an index entry for each was a third of the index.
CREATE INDEX nodes_by_number_key ON nodes (number_key) WHERE number_key IS NOT NULL;
CREATE INDEX nodes_by_name_key ON nodes (name_key) WHERE name_key IS NOT NULL;
CREATE INDEX nodes_by_source_path ON nodes (source_path) WHERE source_path IS NOT NULL;
CREATE INDEX nodes_by_origin ON nodes (origin) WHERE origin IS NOT NULL;
-- No index on kind: three values, and SQLite would prefer it to the selective indexes above
-- ("kind = 'Task' AND source_path = ?" scanned every task of the store on each write).
-- edges: the key is the table (no rowid, no second copy of it in a UNIQUE index), and
-- edges_by_target holds (target, type, source, origin). A text's edges are found from its
-- texts.edge_keys, not from an index by origin: one more copy of every key (origin first) was a
-- sixth of the store.
-- The evidence: said_start, said_end (bytes of the UTF-8) and said_form, a graph.quotes.Span of
-- the origin's content, or, where no span of it gives the sentence back, the sentence itself.
CREATE TABLE edges (
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    type TEXT NOT NULL,
    origin INTEGER NOT NULL,         -- texts.id
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL NOT NULL,
    said_start INTEGER,
    said_end INTEGER,
    said_form INTEGER,
    evidence TEXT,
    scope TEXT,                      -- supersession edges: whole | partial
    provisions TEXT,                 -- JSON list of the provisions touched, NULL for none
    effective_date TEXT,             -- ISO day the effect takes hold
    PRIMARY KEY (source, target, type, origin)
) WITHOUT ROWID;
CREATE INDEX edges_by_target ON edges (target, type);
CREATE TABLE mentions (
    origin INTEGER NOT NULL,
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
    origin INTEGER NOT NULL
);
CREATE INDEX aliases_by_key ON aliases (key);
CREATE INDEX aliases_by_origin ON aliases (origin);
-- lookups: a text's are the names of its texts.asked (no index by origin, as for edges).
CREATE TABLE lookups (
    key TEXT NOT NULL,
    origin INTEGER NOT NULL,
    PRIMARY KEY (key, origin)
) WITHOUT ROWID;
"""

# Version 3 → 4: the names each text looked up. Texts loaded before have none recorded (they are
# still found through the stubs of the names they cite).
_UPGRADE_FROM_3 = """
ALTER TABLE texts ADD COLUMN asked TEXT NOT NULL DEFAULT '[]';
ALTER TABLE texts ADD COLUMN answered TEXT NOT NULL DEFAULT '[]';
CREATE TABLE lookups (
    key TEXT NOT NULL,
    origin TEXT NOT NULL
);
CREATE INDEX lookups_by_key ON lookups (key);
CREATE INDEX lookups_by_origin ON lookups (origin);
UPDATE meta SET value = '4' WHERE key = 'version'
"""

# Version 4 → 5: each text's format, the digest of its content (filled in by _upgrade_from_4) and
# same_as (a document loaded from two files keeps one of them as its text of record); the scope,
# provisions and effective date of supersession edges.
_UPGRADE_FROM_4 = """
ALTER TABLE texts ADD COLUMN format TEXT NOT NULL DEFAULT 'text';
ALTER TABLE texts ADD COLUMN ocr INTEGER NOT NULL DEFAULT 0;
ALTER TABLE texts ADD COLUMN content_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE texts ADD COLUMN same_as TEXT;
ALTER TABLE edges ADD COLUMN scope TEXT;
ALTER TABLE edges ADD COLUMN provisions TEXT;
ALTER TABLE edges ADD COLUMN effective_date TEXT;
CREATE INDEX texts_by_doc_id ON texts (doc_id);
CREATE INDEX texts_by_content ON texts (content_sha256);
CREATE INDEX texts_by_same_as ON texts (same_as);
UPDATE meta SET value = '5' WHERE key = 'version'
"""

# Version 5 → 6: the claims (filled in by _upgrade_from_5).
_UPGRADE_FROM_5 = """
ALTER TABLE texts ADD COLUMN claims TEXT;
ALTER TABLE nodes ADD COLUMN claims TEXT;
ALTER TABLE nodes ADD COLUMN own TEXT;
UPDATE meta SET value = '6' WHERE key = 'version'
"""

# A text's record (TextRecord), in its fields' order.
_RECORD_SELECT = (
    "SELECT source_path, sha256, doc_id, loaded_at, encoding, warnings, asked, answered, format, "
    "ocr, content_sha256, same_as FROM texts"
)

# Columns of `nodes` that are not repeated inside its JSON `data`.
_NODE_COLUMNS = ("id", "kind", "source_path")
# The key of a task's text in its JSON `data` when it is kept as a span of its text's content.
_TASK_SPAN = "text_span"
# A node as node() and nodes() select it: a task's path and content digest from its text.
_NODE_SELECT = (
    "SELECT n.id, n.kind, n.data, COALESCE(n.source_path, t.source_path), n.origin, "
    "t.content_sha256 FROM nodes n LEFT JOIN texts t ON t.id = n.origin"
)
_EDGE_INSERT = (
    'INSERT INTO edges (source, target, type, origin, start, "end", confidence, said_start, '
    "said_end, said_form, evidence, scope, provisions, effective_date) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# An edge as the reads select it (`edges e` joined to its origin `texts t`, see _ORIGIN_JOIN), in
# the order of _edge_from_row: the origin's path, then what rebuilds the evidence.
_EDGE_FIELDS = (
    'e.source, e.target, e.type, t.source_path, e.start, e."end", e.confidence, e.scope, '
    "e.provisions, e.effective_date, e.origin, t.content_sha256, e.said_start, e.said_end, "
    "e.said_form, e.evidence"
)
# CROSS JOIN: SQLite takes the edges first, then one seek of their text each.
_ORIGIN_JOIN = "CROSS JOIN texts t ON t.id = e.origin"
_MENTION_COLUMNS = 'origin, text, start, "end", status, reason, target'
_MENTION_FIELDS = 't.source_path, m.text, m.start, m."end", m.status, m.reason, m.target'

# A text's record and, last, its claims and number: what a write reads of the text it replaces.
_RECORD_AND_CLAIMS_SELECT = _RECORD_SELECT.replace(
    " FROM texts", ", claims, id FROM texts WHERE source_path = ?"
)

# A document's row, written back once a transaction is done with it (upsert: a stub becomes the
# full node in place, keeping its kind and its rowid).
_DOCUMENT_UPSERT = (
    "INSERT INTO nodes (id, kind, data, source_path, number_key, name_key, claims, own) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET data = excluded.data, source_path = excluded.source_path, "
    "number_key = excluded.number_key, name_key = excluded.name_key, claims = excluded.claims, "
    "own = excluded.own"
)
# The same, for a row already stored whose indexed columns stay as they are (a stub cited once more,
# a loaded document cited): three columns instead of six, no index touched.
_DOCUMENT_UPDATE = "UPDATE nodes SET data = ?, claims = ?, own = ? WHERE id = ?"


@dataclass(frozen=True, slots=True)
class _Held:
    """A document as a write transaction holds it: its tally, own fields and source path (its
    node, written back once, is :func:`graph.claims.settle` of the first two). ``stored``: the
    indexed columns (source path, number key, name key) of its row in the file, None when it has
    none; ``read``: its other columns as read (data, claims, own), so that a row nothing changed
    (a text loaded again that says what it said) is not written again."""

    tally: Mapping[str, Mapping[str, int]]
    own: Document | None
    source_path: str | None
    stored: tuple[str | None, str | None, str | None] | None = None
    read: tuple[str, str | None, str | None] | None = None


class _Pending:
    """The documents one write transaction touches, held in memory until it commits.

    A group of 100 texts cites "Luật Tổ chức Chính phủ" 40 times: its row is read once, restated
    by each of the 40 texts here, and written back once before COMMIT. Every read of a document
    during the transaction goes through this (:meth:`document`, :meth:`existing`), so each text
    sees what the texts before it in the group wrote. Each text runs between :meth:`begin` and
    :meth:`release`, or :meth:`rollback` when it is refused: its changes here go with its
    savepoint.
    """

    def __init__(self, conn: sqlite3.Connection, doing: str) -> None:
        self.conn = conn
        self.doing = doing  # what the transaction does, for its error message
        self._held: dict[str, _Held | None] = {}  # None: no document of that id (any more)
        self._dirty: set[str] = set()  # ids whose row must be written back (or deleted)
        # The text in flight: id -> what was held before it changed it (None: nothing was).
        self._journal: dict[str, tuple[_Held | None, bool] | None] | None = None
        # Agencies known to have a row in the file: "Bộ Tài chính" is named by text after text
        # of a group (9,679 agencies named by 1,000 synthetic texts, 95 distinct) and is inserted
        # once. An id leaves it when a row of that id is deleted or made a task's.
        self.agencies: set[str] = set()

    def begin(self) -> None:
        self._journal = {}

    def release(self) -> None:
        self._journal = None

    def rollback(self) -> None:
        """Forget what the text in flight did (its savepoint is rolled back)."""
        self.agencies.clear()  # (the agencies it inserted are gone with it)
        for doc_id, before in (self._journal or {}).items():
            self._dirty.discard(doc_id)
            if before is None:
                self._held.pop(doc_id, None)
            else:
                self._held[doc_id], dirty = before
                if dirty:
                    self._dirty.add(doc_id)
        self._journal = None

    def _remember(self, doc_id: str) -> None:
        if self._journal is not None and doc_id not in self._journal:
            held = doc_id in self._held
            self._journal[doc_id] = (self._held[doc_id], doc_id in self._dirty) if held else None

    def fetch(self, ids: Iterable[str]) -> dict[str, str]:
        """Read the rows of those of ``ids`` not held yet (one query a chunk); returns the kind
        of those that are nodes of another kind (never held)."""
        others: dict[str, str] = {}
        for chunk in _chunks(sorted(set(ids).difference(self._held))):
            marks = ", ".join("?" * len(chunk))
            found: dict[str, _Held | None] = dict.fromkeys(chunk)
            for node_id, kind, data, tally, own, *stored in self.conn.execute(
                "SELECT id, kind, data, claims, own, source_path, number_key, name_key FROM nodes "
                f"WHERE id IN ({marks})",
                chunk,
            ):
                if kind == "Document":
                    found[node_id] = _Held(
                        claims.loads(tally),
                        claims.own_from_json(own),
                        stored[0],
                        stored=(stored[0], stored[1], stored[2]),
                        read=(data, tally, own),
                    )
                else:
                    others[node_id] = kind
                    del found[node_id]
            for node_id, held in found.items():
                self._remember(node_id)
                self._held[node_id] = held
        return others

    def document(self, doc_id: str) -> _Held | None:
        """The document of that id as the transaction sees it, or None (none, or another kind)."""
        if doc_id not in self._held:
            self.fetch([doc_id])
        return self._held.get(doc_id)

    def note_agencies(self, ids: Iterable[str]) -> None:
        """Read which of ``ids`` (agencies a group names) have their row (one query a chunk)."""
        for chunk in _chunks(sorted(set(ids).difference(self.agencies))):
            marks = ", ".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT id FROM nodes WHERE id IN ({marks}) AND kind = 'Agency'", chunk
            )
            self.agencies.update(row[0] for row in rows)

    def existing(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` that are nodes (of any kind) as the transaction sees them."""
        wanted = set(ids)
        found = {i for i in wanted.intersection(self._held) if self._held[i] is not None}
        for chunk in _chunks(sorted(wanted.difference(self._held))):
            marks = ", ".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT id FROM nodes WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def holds(self, doc_id: str) -> bool:
        return doc_id in self._held

    def put(
        self, doc_id: str, tally: Mapping[str, Mapping[str, int]], own: Document | None
    ) -> None:
        """A document's tally and own fields after a text's write (:func:`graph.claims.retally`):
        its node is settled from them once, when it is written back."""
        before = self._held.get(doc_id)
        stored, read = (before.stored, before.read) if before is not None else (None, None)
        self._remember(doc_id)
        source_path = own.source_path if own is not None else None
        self._held[doc_id] = _Held(tally, own, source_path, stored=stored, read=read)
        self._dirty.add(doc_id)

    def delete(self, doc_id: str) -> None:
        """A held document no edge touches any more (garbage)."""
        self._remember(doc_id)
        self._held[doc_id] = None
        self._dirty.add(doc_id)

    def write_through(self, ids: Iterable[str]) -> None:
        """Write back and stop holding those of ``ids`` held: a task or agency of the same id is
        about to be written over them, as it would be over a written row."""
        clash = sorted(set(ids).intersection(self._held))
        if not clash:
            return
        self._write(clash)
        for node_id in clash:
            self._remember(node_id)
            del self._held[node_id]

    def flush(self) -> None:
        """Write back every document restated or deleted (before COMMIT)."""
        self._write(sorted(self._dirty))

    def _write(self, ids: Sequence[str]) -> None:
        upserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        deletes: list[tuple[str]] = []
        for doc_id in ids:
            if doc_id not in self._dirty:
                continue
            self._remember(doc_id)
            self._dirty.discard(doc_id)
            held = self._held[doc_id]
            if held is None:
                deletes.append((doc_id,))
            else:
                tally, own = claims.dumps(held.tally), claims.own_json(held.own)
                row = _node_row(claims.settle(doc_id, held.tally, held.own))
                if held.stored != row[3:]:
                    upserts.append((*row, tally, own))
                elif (row[2], tally, own) != held.read:  # (not a row nothing changed)
                    updates.append((row[2], tally, own, doc_id))
        if upserts:  # (a store being upgraded to version 6 has no column for a tally yet)
            self.conn.executemany(_DOCUMENT_UPSERT, upserts)
        if updates:
            self.conn.executemany(_DOCUMENT_UPDATE, updates)
        if deletes:
            self.conn.executemany("DELETE FROM nodes WHERE id = ?", deletes)
            self.agencies.difference_update(row[0] for row in deletes)


def _delete_contribution_before_7(conn: sqlite3.Connection, origin: str) -> set[str]:
    """What :meth:`EmbeddedStore._delete_contribution` did in stores of versions 4 to 6, where
    rows named their text by its path: the ids the deleted edges touched."""
    touched = {
        end
        for source, target in conn.execute(
            "SELECT source, target FROM edges WHERE origin = ?", (origin,)
        )
        for end in (source, target)
    }
    conn.execute("DELETE FROM edges WHERE origin = ?", (origin,))
    tasks = conn.execute(
        "SELECT id FROM nodes WHERE kind = 'Task' AND source_path = ?", (origin,)
    ).fetchall()
    conn.execute("DELETE FROM nodes WHERE kind = 'Task' AND source_path = ?", (origin,))
    touched.difference_update(row[0] for row in tasks)
    for table in ("mentions", "aliases", "lookups"):
        conn.execute(f"DELETE FROM {table} WHERE origin = ?", (origin,))
    return touched


def _sqlite_error(exc: sqlite3.Error, where: Path, doing: str) -> StoreError:
    """The store error a SQLite failure means for the user."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
        return StoreCorrupt(f"{where}: not a readable graph store ({exc})")
    return StoreUnavailable(f"{where}: cannot {doing}: {exc}")


def _digest(content: bytes) -> str:
    """The content digest of a text (:func:`graph.identity.content_digest`), from its UTF-8."""
    return hashlib.sha256(content).hexdigest()


# What a node's JSON leaves out: each field at its default (a task's deadline, due, field, lead and
# partners are mostly empty), as node_to_dict writes it.
_DEFAULTS: dict[type, dict[str, Any]] = {
    cls: {
        f.name: list(f.default) if isinstance(f.default, tuple) else f.default
        for f in fields(cls)
        if f.default is not MISSING
    }
    for cls in (Document, Task, Agency)
}
# The fields of each kind a node's JSON holds (not its columns), each with its default as
# node_to_dict writes it (MISSING: none).
_DATA_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {
    cls: tuple(
        (f.name, _DEFAULTS[cls].get(f.name, MISSING))
        for f in fields(cls)
        if f.name not in _NODE_COLUMNS
    )
    for cls in (Document, Task, Agency)
}
# json.dumps(…, ensure_ascii=False, sort_keys=True), without making an encoder per row (a group of
# 100 texts writes some 2,000 node rows).
_node_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode

NodeRow = tuple[str, str, str, str | None, str | None, str | None]
_T = TypeVar("_T")


def _node_row(node: Node, quotes: Quotes | None = None) -> NodeRow:
    """(id, kind, data, source_path, number_key, name_key) of a node; a task's text as its span
    in ``quotes`` where it is one."""
    # node_to_dict less the columns and the fields at their default, made in one pass
    data: dict[str, Any] = {}
    for field_name, default in _DATA_FIELDS[type(node)]:
        value = getattr(node, field_name)
        if isinstance(value, tuple):
            value = list(value)
        if default is MISSING or value != default:
            data[field_name] = value
    if quotes is not None and isinstance(node, Task):
        span = quotes.span(node.text)
        if span is not None:
            del data["text"]
            data[_TASK_SPAN] = list(span)
    number = node.number if isinstance(node, Document) else None
    name = node.name if isinstance(node, Document) and not number else None
    return (
        node.id,
        node_kind(node),
        _node_json(data),
        getattr(node, "source_path", None),
        fold_number(number) if number else None,
        fold_name(name) if name else None,
    )


# Agencies recur in text after text ("Bộ Thông tin và Truyền thông" leads tasks in most plans of a
# load): the row of each is made once, not once per text naming it.
AGENCY_ROWS_CACHED = 4096


@functools.lru_cache(maxsize=AGENCY_ROWS_CACHED)
def _agency_row(agency: Agency) -> NodeRow:
    return _node_row(agency)


def _node_from_row(
    row: Sequence[Any], data: dict[str, Any] | None = None, content: bytes | None = None
) -> Node:
    """A node of (id, kind, data, source_path) (:data:`_NODE_SELECT`'s first four); ``data``:
    its JSON read already, ``content``: its text's UTF-8 (up to the span at least), for a task
    whose text is kept as a span of it."""
    node_id, kind, source_path = row[0], row[1], row[3]
    data = json.loads(row[2]) if data is None else data
    data["id"] = node_id
    data["kind"] = kind
    if kind != "Agency":
        data["source_path"] = source_path
    span = data.pop(_TASK_SPAN, None)
    if span is not None:
        assert content is not None, f"{node_id}: its text's content was not read"
        data["text"] = quote(content, (span[0], span[1], span[2]))
    return node_from_dict(data)


def _edge_from_row(row: Sequence[Any], evidence: str) -> Edge:
    """An edge of a row of :data:`_EDGE_FIELDS`, with its evidence."""
    source, target, type_, origin, start, end, confidence, scope, provisions = row[:9]
    touched = tuple(json.loads(provisions)) if provisions else ()
    return Edge(
        source,
        target,
        type_,
        evidence,
        start,
        end,
        confidence,
        origin,
        scope,
        touched,
        row[9],
    )


def _edge_row(edge: Edge, origin: int, quotes: Quotes) -> tuple[Any, ...]:
    """An edge as :data:`_EDGE_INSERT` writes it: its evidence as a span of its text's content,
    or the sentence itself where no span gives it back."""
    span = quotes.span(edge.evidence, int(edge.start))
    return (
        edge.source,
        edge.target,
        str(edge.type),
        origin,
        int(edge.start),
        int(edge.end),
        float(edge.confidence),
        *(span or (None, None, None)),
        None if span else edge.evidence,
        edge.scope,
        json.dumps(list(edge.provisions), ensure_ascii=False) if edge.provisions else None,
        edge.effective_date,
    )


def _pack(value: Any) -> bytes:
    """JSON of ``value``, zlib-compressed (a text's edge keys)."""
    return zlib.compress(json.dumps(value, ensure_ascii=False).encode("utf-8"), ZLIB_LEVEL)


def _unpack(stored: bytes | None) -> Any:
    return json.loads(zlib.decompress(stored)) if stored else None


def _pack_claims(said: Mapping[str, claims.Claim]) -> bytes | None:
    """A text's claims as stored: :func:`graph.claims.dumps`, compressed."""
    text = claims.dumps(said)
    return None if text is None else zlib.compress(text.encode("utf-8"), ZLIB_LEVEL)


def _claims_json(stored: bytes | None) -> str | None:
    """Inverse of :func:`_pack_claims`: the claims as :func:`graph.claims.dumps` wrote them."""
    return zlib.decompress(stored).decode("utf-8") if stored else None


def _chunks(items: Sequence[_T], size: int = IDS_PER_QUERY) -> Iterator[Sequence[_T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _type_filter(types: Iterable[str] | None, column: str = "type") -> tuple[str, list[str]]:
    """A ``column IN (?, …)`` clause and its parameters, or nothing when ``types`` is None."""
    if types is None:
        return "", []
    wanted = sorted({str(t) for t in types})
    return f"{column} IN ({', '.join('?' * len(wanted))})", wanted


class EmbeddedStore:
    """The default :class:`graph.store.GraphStore`: a directory holding ``graph.sqlite``.

    Parameters
    ----------
    path : str or PathLike
        The store directory, created if missing (unless ``create`` is False).
    create : bool
        When False, a directory without a store is an error (:class:`StoreUnavailable`) instead
        of a new empty store: ``python -m graph export`` must not answer "0 documents" for a typo.

    Examples
    --------
    >>> import tempfile
    >>> with EmbeddedStore(tempfile.mkdtemp()) as store:
    ...     store.stats().texts
    0
    """

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_STORE_DIR, *, create: bool = True):
        self.path = Path(path)
        self.db_path = self.path / DB_FILENAME
        self._lock = threading.RLock()
        self._graph: nx.MultiDiGraph | None = None
        self._graph_version: tuple[int, int] | None = None
        # (number, content digest) -> the start of the UTF-8 of the texts read last (_contents_of)
        self._contents: OrderedDict[tuple[int, str], bytes] = OrderedDict()
        self._contents_bytes = 0
        self._commits = 0  # write transactions this store committed (the view's other half)
        # (node, sides, types) -> its edges per (side, type) and the documents it is related to,
        # for the much-cited nodes fan_out ranks in SQLite; read at _walks_version
        self._hubs: OrderedDict[tuple[Any, ...], tuple[dict[tuple[str, str], int], int]] = (
            OrderedDict()
        )
        self._walks_version: tuple[int, int] | None = None
        # texts.id -> source_path of the texts walks have named, read at _walks_version too (a
        # removed text's number can be given to the next text loaded)
        self._paths: dict[int, str] = {}
        if not create and not self.db_path.is_file():
            raise StoreUnavailable(
                f"no graph store at {self.path}; build one with "
                f"python -m loader PATH... --store {self.path}"
            )
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(
                f"{self.path}: cannot create the store directory: {exc.strerror or exc}"
            ) from exc
        try:
            # check_same_thread=False: Streamlit shares one cached store between its script
            # threads; self._lock serialises every use of the connection instead.
            self._conn = sqlite3.connect(
                self.db_path,
                timeout=BUSY_TIMEOUT_SECONDS,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise _sqlite_error(exc, self.db_path, "open the store") from exc
        try:
            self._prepare()
        except BaseException:
            self._conn.close()
            raise

    # -- opening ---------------------------------------------------------------------------------
    def _prepare(self) -> None:
        try:
            self._conn.execute("PRAGMA journal_mode=WAL")
            # WAL + synchronous=NORMAL: a commit survives the process being killed (the WAL is in
            # the OS cache), and a power cut can lose at most the last few commits but never
            # corrupts the file. Losing them is harmless because loading is idempotent: re-running
            # `python -m loader` reloads exactly the texts that are missing. FULL would pay an
            # fsync per text, which dominates loading 10,000 short Công văn.
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            tables = {
                row[0]
                for row in self._conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not tables:
                self._create_schema()
                return
            if "meta" not in tables:
                raise StoreCorrupt(f"{self.db_path}: an SQLite file, but not a graph store")
            meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            raise _sqlite_error(exc, self.db_path, "open the store") from exc
        if meta.get("schema") != SCHEMA_NAME:
            raise StoreCorrupt(f"{self.db_path}: an SQLite file, but not a graph store")
        if meta.get("version") == "3":
            self._upgrade_from_3()
            meta["version"] = "4"
        if meta.get("version") == "4":
            self._upgrade_from_4()
            meta["version"] = "5"
        if meta.get("version") == "5":
            self._upgrade_from_5()
            meta["version"] = "6"
        if meta.get("version") == "6":
            if self._upgrade_from_6():
                self._compact("upgrade the store to version 7")
            meta["version"] = str(SCHEMA_VERSION)
        if meta.get("version") != str(SCHEMA_VERSION):
            raise StoreCorrupt(
                f"{self.db_path}: graph store version {meta.get('version')}, this program reads "
                f"version {SCHEMA_VERSION}; load the texts again into a new --store directory"
            )

    def _upgrade_from_3(self) -> None:
        with self._transaction("upgrade the store to version 4"):
            version = self._conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if version is None or version[0] != "3":
                return  # another process upgraded it between our look and our lock
            for statement in _UPGRADE_FROM_3.split(";"):
                if statement.strip():
                    self._conn.execute(statement)

    def _upgrade_from_4(self) -> None:
        with self._transaction("upgrade the store to version 5") as pending:
            version = self._conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if version is None or version[0] != "4":
                return
            for statement in _UPGRADE_FROM_4.split(";"):
                if statement.strip():
                    self._conn.execute(statement)
            rows = self._conn.execute("SELECT source_path, content FROM texts").fetchall()
            self._conn.executemany(
                "UPDATE texts SET content_sha256 = ? WHERE source_path = ?",
                [(_digest(zlib.decompress(content)), path) for path, content in rows],
            )
            # Before version 5 two files of one document both kept their edges and tasks (the
            # same Chỉ thị loaded as "chi_thi.txt" and "chi_thi (1).txt" had its 23 tasks twice):
            # the file that owns the document node stays its text, the others become its sources.
            doubled = self._conn.execute(
                "SELECT t.source_path, n.source_path FROM texts t JOIN nodes n ON n.id = t.doc_id "
                "WHERE n.source_path IS NOT NULL AND n.source_path != t.source_path"
            ).fetchall()
            for path, owner in doubled:
                touched = _delete_contribution_before_7(self._conn, path)
                self._collect_garbage(touched, pending)
                self._conn.execute(
                    "UPDATE texts SET same_as = ? WHERE source_path = ?", (owner, path)
                )

    def _upgrade_from_5(self) -> None:
        with self._transaction("upgrade the store to version 6"):
            version = self._conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if version is None or version[0] != "5":
                return
            for statement in _UPGRADE_FROM_5.split(";"):
                if statement.strip():
                    self._conn.execute(statement)
            # A store made before version 6 does not know what each text said of the documents it
            # cites: each citing text is taken to have said what the stub holds now (of a loaded
            # document, only its type, number and year), and a loaded document's own fields are
            # the ones it has. Nothing shown changes; `python -m loader --force` on the same
            # folders makes the tallies exact.
            documents = {
                node.id: node
                for node in map(
                    _node_from_row,
                    self._conn.execute(
                        "SELECT id, kind, data, source_path FROM nodes WHERE kind = 'Document'"
                    ).fetchall(),
                )
                if isinstance(node, Document)
            }
            tallies: dict[str, claims.Tally] = {}
            cited_by: dict[str, dict[str, claims.Claim]] = {}
            for origin, own_id in self._conn.execute(
                "SELECT source_path, doc_id FROM texts WHERE same_as IS NULL"
            ).fetchall():
                said: dict[str, claims.Claim] = {}
                for source, target in self._conn.execute(
                    "SELECT source, target FROM edges WHERE origin = ?", (origin,)
                ).fetchall():
                    for end in (source, target):
                        doc = documents.get(end)
                        if doc is None or end == own_id or end in said:
                            continue
                        if not doc.is_stub:
                            doc = Document(doc.id, doc.doc_type, doc.number, doc.year)
                        said[end] = claims.claim_of(doc)
                for doc_id, claim in said.items():
                    tallies[doc_id] = claims.count(tallies.get(doc_id, {}), claim, +1)
                cited_by[origin] = said
            self._conn.executemany(
                "UPDATE texts SET claims = ? WHERE source_path = ?",
                [(claims.dumps(said), origin) for origin, said in cited_by.items()],
            )
            self._conn.executemany(
                "UPDATE nodes SET claims = ?, own = ? WHERE id = ?",
                [
                    (
                        claims.dumps(tallies.get(doc.id, {})),
                        None if doc.is_stub else claims.own_json(doc),
                        doc.id,
                    )
                    for doc in documents.values()
                ],
            )

    def _upgrade_from_6(self) -> bool:
        """Version 6 → 7 (issue 14), in one transaction: the old tables are renamed, the new ones
        made and filled from them, the old ones dropped. Texts keep their rowid as their number,
        nodes their rowid; evidence and task texts become spans of their text's content (those
        that are none keep their words), claims are compressed, nodes lose their fields at
        defaults. Nothing shown changes. Returns whether it upgraded the store (another process
        may have, between our look and our lock)."""
        with self._transaction("upgrade the store to version 7"):
            conn = self._conn
            version = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if version is None or version[0] != "6":
                return False
            tables = ("texts", "nodes", "edges", "mentions", "aliases", "lookups")
            for table in tables:
                conn.execute(f"ALTER TABLE {table} RENAME TO {table}_6")
            creates = [part.strip() for part in _SCHEMA.split(";")]
            tables_first = [
                sql for sql in creates if "CREATE TABLE" in sql and "CREATE TABLE meta" not in sql
            ]
            for sql in tables_first:
                conn.execute(sql)
            conn.execute(
                "INSERT INTO texts (id, source_path, content_sha256, sha256, doc_id, loaded_at, "
                "encoding, warnings, asked, answered, format, ocr, same_as, claims, content) "
                "SELECT rowid, source_path, content_sha256, sha256, doc_id, loaded_at, encoding, "
                "warnings, asked, answered, format, ocr, same_as, NULL, content FROM texts_6 "
                "ORDER BY rowid"
            )
            conn.executemany(
                "UPDATE texts SET claims = ? WHERE id = ?",
                [
                    (zlib.compress(said.encode("utf-8"), ZLIB_LEVEL), text_id)
                    for text_id, said in conn.execute(
                        "SELECT rowid, claims FROM texts_6 WHERE claims IS NOT NULL"
                    ).fetchall()
                ],
            )
            numbers = dict(conn.execute("SELECT source_path, id FROM texts").fetchall())
            quotes: dict[str, Quotes] = {}

            def quotes_of(path: str) -> Quotes:
                if path not in quotes:
                    quotes.clear()  # a text's tasks are written together: one text at a time
                    (stored,) = conn.execute(
                        "SELECT content FROM texts_6 WHERE source_path = ?", (path,)
                    ).fetchone()
                    content = zlib.decompress(stored)
                    quotes[path] = Quotes(content.decode("utf-8"), content)
                return quotes[path]

            for rowid, *row, number_key, name_key, tally, own in conn.execute(
                "SELECT rowid, id, kind, data, source_path, number_key, name_key, claims, own "
                "FROM nodes_6 ORDER BY rowid"
            ).fetchall():
                node = _node_from_row(row)
                task = isinstance(node, Task) and node.source_path in numbers
                new = _node_row(node, quotes_of(row[3]) if task else None)
                conn.execute(
                    "INSERT INTO nodes (rowid, id, kind, data, source_path, origin, number_key, "
                    "name_key, claims, own) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        rowid,
                        *new[:3],
                        None if task else row[3],
                        numbers[row[3]] if task else None,
                        number_key,
                        name_key,
                        tally,
                        own,
                    ),
                )
            for path, number in numbers.items():
                edges = [
                    Edge(s, t, k, said, a, b, c, path, scope, tuple(json.loads(hit or "[]")), on)
                    for s, t, k, said, a, b, c, scope, hit, on in conn.execute(
                        'SELECT source, target, type, evidence, start, "end", confidence, scope, '
                        "provisions, effective_date FROM edges_6 WHERE origin = ?",
                        (path,),
                    )
                ]
                if not edges:
                    continue
                found = quotes_of(path)
                conn.executemany(_EDGE_INSERT, [_edge_row(edge, number, found) for edge in edges])
                conn.execute(
                    "UPDATE texts SET edge_keys = ? WHERE id = ?",
                    (_pack(sorted(edge.key for edge in edges)), number),
                )
            for table, columns in (
                ("mentions", 'text, start, "end", status, reason, target'),
                ("aliases", "key, name, doc_id"),
                ("lookups", "key"),
            ):
                picked = ", ".join(f"x.{column.strip()}" for column in columns.split(","))
                conn.execute(
                    f"INSERT OR IGNORE INTO {table} ({columns}, origin) SELECT {picked}, t.id "
                    f"FROM {table}_6 x JOIN texts t ON t.source_path = x.origin ORDER BY x.rowid"
                )
            for table in tables:
                conn.execute(f"DROP TABLE {table}_6")
            for sql in creates:
                if "CREATE INDEX" in sql:
                    conn.execute(sql)
            conn.execute("UPDATE meta SET value = '7' WHERE key = 'version'")
        return True

    def _compact(self, doing: str) -> None:
        """``VACUUM``, after an upgrade made every table anew: the old tables' pages are free but
        still in the file (10,000 synthetic texts: 952 MB of file for 265 MB of store; 2 s)."""
        with self._lock:
            try:
                self._conn.execute("VACUUM")
            except sqlite3.Error as exc:
                raise _sqlite_error(exc, self.db_path, doing) from exc

    def _create_schema(self) -> None:
        with self._transaction("create the store"):
            # Another process may have created it between our look and our lock.
            exists = self._conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
            ).fetchone()
            if exists:
                return
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._conn.execute(statement)
            self._conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [("schema", SCHEMA_NAME), ("version", str(SCHEMA_VERSION))],
            )

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[_Pending]:
        """One ``BEGIN IMMEDIATE … COMMIT``: all of a write lands, or none of it. Yields the
        documents it touches (:class:`_Pending`), written back before COMMIT."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _sqlite_error(exc, self.db_path, doing) from exc
            pending = _Pending(self._conn, doing)
            changes = self._conn.total_changes
            try:
                yield pending
                pending.flush()
                self._conn.execute("COMMIT")
            except BaseException as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise _sqlite_error(exc, self.db_path, pending.doing) from exc
                raise
            if self._conn.total_changes != changes:  # (a group of unchanged texts changes nothing)
                self._commits += 1

    @contextmanager
    def _savepoint(self, pending: _Pending) -> Iterator[None]:
        """One text of a group: if it is refused (ValueError), it alone is rolled back."""
        self._conn.execute("SAVEPOINT text")
        pending.begin()
        try:
            yield
        except ValueError:
            self._conn.execute("ROLLBACK TO text")
            self._conn.execute("RELEASE text")
            pending.rollback()
            raise
        self._conn.execute("RELEASE text")
        pending.release()

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """A read transaction: several queries see one state even if the loader commits between."""
        with self._lock:
            started = not self._conn.in_transaction
            if started:
                self._rows("BEGIN")
            try:
                yield
            except BaseException:
                # what went wrong inside is the error to tell; a corrupt page may make the
                # rollback fail too (issue 13: a 41-line traceback hid StoreCorrupt)
                if started and self._conn.in_transaction:
                    with suppress(sqlite3.Error):
                        self._conn.execute("ROLLBACK")
                raise
            if started and self._conn.in_transaction:
                try:
                    self._conn.execute("COMMIT")
                except sqlite3.Error as exc:
                    raise _sqlite_error(exc, self.db_path, "read the store") from exc

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise _sqlite_error(exc, self.db_path, "read the store") from exc

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            self._graph = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"EmbeddedStore({str(self.path)!r})"

    # -- writing ---------------------------------------------------------------------------------
    def write_text(self, text: TextGraph, *, force: bool = False) -> WriteResult:
        """Atomically replace what ``text.source_path`` contributed with ``text``.

        The same ``sha256`` as the stored text writes nothing (``unchanged=True``) unless ``force``
        (the same text resolved again, after the store learnt an alias it names). Otherwise every
        edge, task, mention and alias the text asserted before is deleted and the new ones
        inserted, in one transaction. Raises ValueError (nothing written) if an edge names a node
        that is neither in ``text`` nor in the store.

        One text of record per document (:meth:`graph.store.GraphStore.write_text`): a text with
        ``same_as`` is only recorded; a text of a document another file is the text of record of
        takes over from it, in the same transaction.
        """
        written, refusal = self._write_group([text], force)
        if refusal is not None:
            raise refusal[1]
        return written[0]

    def write_texts(self, texts: Iterable[TextGraph], *, force: bool = False) -> list[WriteResult]:
        """:meth:`write_text` for each text in turn, all in one transaction (a COMMIT per text
        was a tenth of a load's time), each text in a savepoint of its own.

        A refused text is rolled back alone: the texts before it are committed and
        :class:`TextRefused` reports them; the texts after it are not written. Any other failure
        (a SQLite error, Ctrl-C) rolls back the whole group.
        """
        written, refusal = self._write_group(texts, force)
        if refusal is not None:
            text, exc = refusal
            raise TextRefused(str(exc), text.source_path, written) from exc
        return written

    def _write_group(
        self, texts: Iterable[TextGraph], force: bool
    ) -> tuple[list[WriteResult], tuple[TextGraph, ValueError] | None]:
        """Write ``texts`` in one transaction up to the first refused one (a ValueError, rolled
        back to its savepoint): the results of the texts written, and the refusal if any."""
        written: list[WriteResult] = []
        refusal: tuple[TextGraph, ValueError] | None = None
        texts = list(texts)
        with self._transaction("write texts") as pending:
            # The documents the texts declare and cite, read in one query a chunk for the group
            # rather than one a text (before any text's savepoint: what is read here is what the
            # file held, whatever text is rolled back).
            pending.fetch(
                doc_id
                for text in texts
                if text.same_as is None
                for doc_id in (text.document.id, *(doc.id for doc in text.cited))
            )
            pending.note_agencies(agency.id for text in texts for agency in text.agencies)
            for text in texts:
                pending.doing = f"write {text.source_path}"
                try:
                    written.append(self._write_one(text, force, pending))
                except ValueError as exc:
                    refusal = (text, exc)
                    break
            if len(written) > 1:  # what failed, if the COMMIT does
                pending.doing = (
                    f"write {len(written)} texts "
                    f"({written[0].source_path} … {written[-1].source_path})"
                )
        return written, refusal

    def _write_one(self, text: TextGraph, force: bool, pending: _Pending) -> WriteResult:
        """One text of a group (see :meth:`write_text`), in a savepoint of its own."""
        origin = text.source_path
        old, unsaid, number = self._stored_text(origin)
        if old is not None and old.sha256 == text.sha256 and not force:
            return WriteResult(source_path=origin, doc_id=old.doc_id, unchanged=True)
        if number is None:  # a new text: the next number (the write lock is ours)
            number = self._conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM texts").fetchone()[0]
        with self._savepoint(pending):
            if text.same_as is not None:
                return self._write_source(text, number, old, unsaid, pending)
            return self._write_of_record(text, number, old, unsaid, pending)

    def _stored_text(
        self, origin: str
    ) -> tuple[TextRecord | None, dict[str, claims.Claim], int | None]:
        """The record of the loaded text ``origin``, what it claims of the documents it cites and
        its number (one look-up)."""
        row = self._conn.execute(_RECORD_AND_CLAIMS_SELECT, (origin,)).fetchone()
        if row is None:
            return None, {}, None
        return self._record(row[:-2]), claims.loads(_claims_json(row[-2])), row[-1]

    def _write_of_record(
        self,
        text: TextGraph,
        number: int,
        old: TextRecord | None,
        unsaid: dict[str, claims.Claim],
        pending: _Pending,
    ) -> WriteResult:
        """Write ``text`` as the text of record of its document (see :meth:`write_text`);
        ``number``: its ``texts.id``."""
        plan = plan_text(text)
        origin, own, said = plan.origin, plan.own, plan.said
        old_keys, touched = self._delete_contribution(number, pending)
        demoted = self._demote_owner(own.id, origin, touched, pending)
        found = pending.document(own.id)
        stub_upgraded = found is not None and found.source_path is None
        owns: dict[str, Document | None] = {own.id: own}
        if old is not None and old.doc_id != own.id and self._owns(old.doc_id, origin, pending):
            owns[old.doc_id] = None  # the text no longer declares it: a stub now
            touched.add(old.doc_id)
        self._recount(unsaid, said, owns, origin, pending)
        quotes = Quotes(text.content)
        self._put_nodes(text, number, quotes, pending)
        self._put_edges(plan.edges.values(), number, quotes)
        check_ends(text, local_ids(text), pending.existing)
        self._put_annotations(text, number)
        touched.update(unsaid)
        touched.update(said)
        touched.update(agency.id for agency in text.agencies)
        # The ends of the edges just written are linked: no garbage among them.
        touched.difference_update(end for key in plan.edges for end in key[:2])
        self._collect_garbage(touched, pending)
        self._put_text_record(text, number, own.id, said, plan.edges, quotes.content)
        return result_of_record(plan, old_keys, stub_upgraded=stub_upgraded, demoted=demoted)

    def _write_source(
        self,
        text: TextGraph,
        number: int,
        old: TextRecord | None,
        unsaid: dict[str, claims.Claim],
        pending: _Pending,
    ) -> WriteResult:
        """Record ``text`` as another source of its document (see :meth:`write_text`)."""
        origin = text.source_path
        old_keys, touched = self._delete_contribution(number, pending)
        owns: dict[str, Document | None] = {}
        if old is not None and self._owns(old.doc_id, origin, pending):
            owns[old.doc_id] = None
            touched.add(old.doc_id)
        self._recount(unsaid, {}, owns, origin, pending)
        touched.update(unsaid)
        self._collect_garbage(touched, pending)
        # Files recorded as sources of this one follow it to the text it is a source of.
        self._conn.execute("UPDATE texts SET same_as = ? WHERE same_as = ?", (text.same_as, origin))
        self._put_text_record(text, number, text.document.id, {}, set())
        return result_of_source(text, old_keys)

    def _demote_owner(
        self, doc_id: str, origin: str, touched: set[str], pending: _Pending
    ) -> str | None:
        """If another file is the text of record of ``doc_id``, make it (and its sources) sources
        of ``origin``: its contribution goes. Returns that file's path, or None."""
        found = pending.document(doc_id)
        owner = found.source_path if found is not None else None
        if owner is None or owner == origin:
            return None
        number, unsaid = self._claims_of(owner)
        if number is not None:
            _, owned = self._delete_contribution(number, pending)
            touched.update(owned)
        self._recount(unsaid, {}, {}, owner, pending)
        touched.update(unsaid)
        self._conn.execute(
            "UPDATE texts SET same_as = ?, claims = NULL, edge_keys = NULL "
            "WHERE source_path = ? OR same_as = ?",
            (origin, owner, owner),
        )
        return str(owner)

    def remove_text(self, source_path: str) -> bool:
        """Atomically remove everything a text contributed; its document becomes a stub if cited.

        Returns False if no such text was loaded.
        """
        with self._lock:
            old = self.text_record(source_path)
            if old is None:
                return False
            with self._transaction(f"remove {source_path}") as pending:
                number, unsaid = self._claims_of(source_path)
                if number is None:  # removed by another process since we looked
                    return False
                _, touched = self._delete_contribution(number, pending)
                owns: dict[str, Document | None] = {}
                if self._owns(old.doc_id, source_path, pending):
                    owns[old.doc_id] = None  # a stub now, if cited
                self._recount(unsaid, {}, owns, source_path, pending)
                touched.add(old.doc_id)
                touched.update(unsaid)
                self._collect_garbage(touched, pending)
                self._conn.execute("DELETE FROM texts WHERE id = ?", (number,))
        return True

    def _delete_contribution(
        self, number: int, pending: _Pending
    ) -> tuple[set[tuple[str, str, str]], set[str]]:
        """Delete the edges, tasks, mentions, aliases and lookups the text ``number`` asserted
        (its edges and lookups are those its record lists, ``edge_keys`` and ``asked``: a seek
        of the key each).

        Returns the (source, target, type) of the deleted edges and the ids they touched, the only
        nodes that can have become orphans.
        """
        conn = self._conn
        row = conn.execute("SELECT edge_keys, asked FROM texts WHERE id = ?", (number,)).fetchone()
        keys, asked = (_unpack(row[0]) or (), json.loads(row[1])) if row is not None else ((), ())
        old_edges = [(source, target, type_) for source, target, type_ in keys]
        conn.executemany(
            "DELETE FROM edges WHERE source = ? AND target = ? AND type = ? AND origin = ?",
            [(*key, number) for key in old_edges],
        )
        touched = {end for source, target, _ in old_edges for end in (source, target)}
        tasks = conn.execute(
            "SELECT id FROM nodes WHERE origin = ? AND kind = 'Task'", (number,)
        ).fetchall()
        conn.execute("DELETE FROM nodes WHERE origin = ? AND kind = 'Task'", (number,))
        touched.difference_update(row[0] for row in tasks)
        pending.agencies.difference_update(row[0] for row in tasks)
        conn.execute("DELETE FROM mentions WHERE origin = ?", (number,))
        conn.execute("DELETE FROM aliases WHERE origin = ?", (number,))
        conn.executemany(
            "DELETE FROM lookups WHERE key = ? AND origin = ?", [(key, number) for key in asked]
        )
        return set(old_edges), touched

    def _claims_of(self, origin: str) -> tuple[int | None, dict[str, claims.Claim]]:
        """The number of the loaded text ``origin`` and what it claims of each document it
        cites."""
        row = self._conn.execute(
            "SELECT id, claims FROM texts WHERE source_path = ?", (origin,)
        ).fetchone()
        return (row[0], claims.loads(_claims_json(row[1]))) if row is not None else (None, {})

    def _owns(self, doc_id: str, origin: str, pending: _Pending) -> bool:
        """Whether ``origin`` is the text of record of ``doc_id`` (when two files hold the same
        Nghị định, the one loaded last is)."""
        found = pending.document(doc_id)
        return found is not None and found.source_path == origin

    def _recount(
        self,
        unsaid: Mapping[str, claims.Claim],
        said: Mapping[str, claims.Claim],
        owns: Mapping[str, Document | None],
        origin: str,
        pending: _Pending,
    ) -> None:
        """Restate the documents a text's write touches (:func:`graph.claims.recount`), in
        ``pending`` until the transaction commits; those not held yet are read in one query."""
        others = pending.fetch([*unsaid, *said, *owns])

        def stored(doc_id: str) -> tuple[Mapping[str, Mapping[str, int]], Document | None] | None:
            if doc_id in others:
                raise not_a_document(origin, doc_id, others[doc_id])
            found = pending.document(doc_id)
            return None if found is None else (found.tally, found.own)

        for doc_id, tally, own in claims.retally(unsaid, said, owns, stored):
            pending.put(doc_id, tally, own)

    def _put_nodes(self, text: TextGraph, number: int, quotes: Quotes, pending: _Pending) -> None:
        """The text's agencies (shared: created once, kept) and tasks (its own: their ``origin``
        is its number, their text a span of its content)."""
        tasks = [(*_node_row(task, quotes)[:3], number) for task in text.tasks]
        pending.write_through([*(a.id for a in text.agencies), *(task.id for task in text.tasks)])
        agencies = [_agency_row(a) for a in text.agencies if a.id not in pending.agencies]
        self._conn.executemany(
            "INSERT INTO nodes (id, kind, data, source_path, number_key, name_key) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            agencies,
        )
        pending.agencies.update(row[0] for row in agencies)
        pending.agencies.difference_update(task.id for task in text.tasks)
        self._conn.executemany(
            "INSERT INTO nodes (id, kind, data, origin) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, data = excluded.data, "
            "source_path = NULL, origin = excluded.origin, number_key = NULL, name_key = NULL",
            tasks,
        )

    def _put_edges(self, edges: Iterable[Edge], number: int, quotes: Quotes) -> None:
        """A text's edges (:func:`graph.plan.unique_edges`), their evidence a span of its
        content."""
        self._conn.executemany(_EDGE_INSERT, [_edge_row(edge, number, quotes) for edge in edges])

    def _put_annotations(self, text: TextGraph, number: int) -> None:
        self._conn.executemany(
            f"INSERT INTO mentions ({_MENTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(number, m.text, m.start, m.end, m.status, m.reason, m.target) for m in text.mentions],
        )
        self._conn.executemany(
            "INSERT INTO aliases (key, name, doc_id, origin) VALUES (?, ?, ?, ?)",
            [(a.key, a.name, a.doc_id, number) for a in text.aliases],
        )
        self._conn.executemany(
            "INSERT INTO lookups (key, origin) VALUES (?, ?)",
            [(key, number) for key in sorted(set(text.asked))],
        )

    def _put_text_record(
        self,
        text: TextGraph,
        number: int,
        doc_id: str,
        said: Mapping[str, claims.Claim],
        edge_keys: Iterable[tuple[str, str, str]],
        content: bytes | None = None,
    ) -> None:
        """The text's row; ``content``: its UTF-8 when the caller has it already (the
        :class:`Quotes` of its edges made it: 13 MB encoded once, not twice, for real1k)."""
        if content is None:
            content = text.content.encode("utf-8")
        asked, answered = record_lists(text)
        keys = sorted(edge_keys)
        self._conn.execute(
            "INSERT OR REPLACE INTO texts "
            "(id, source_path, content_sha256, sha256, doc_id, loaded_at, encoding, warnings, "
            "asked, answered, format, ocr, same_as, claims, edge_keys, content) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                text.source_path,
                text.content_sha256 or _digest(content),
                text.sha256,
                doc_id,
                datetime.now(UTC).isoformat(timespec="seconds"),
                text.encoding,
                json.dumps(list(text.warnings), ensure_ascii=False),
                json.dumps(asked, ensure_ascii=False),
                json.dumps(answered, ensure_ascii=False),
                text.format,
                int(text.ocr),
                text.same_as,
                _pack_claims(said),
                _pack(keys) if keys else None,
                zlib.compress(content, ZLIB_LEVEL),
            ),
        )

    def _collect_garbage(self, candidates: Iterable[str], pending: _Pending) -> None:
        """Delete the stubs and agencies among ``candidates`` that no edge touches any more.

        Both exist only because an edge names them: the stub of "Nghị định 43/2011/NĐ-CP" once no
        loaded text cites it, "Bộ Tài chính" once no task is led by it. Only nodes a write touched
        are looked at, so the cost does not grow with the store; a query a chunk, not a node.
        """
        wanted = sorted(set(candidates))
        collectable: list[str] = []
        for node_id in wanted:
            if pending.holds(node_id):
                found = pending.document(node_id)
                if found is not None and found.source_path is None:
                    collectable.append(node_id)
        for chunk in _chunks([node_id for node_id in wanted if not pending.holds(node_id)]):
            marks = ", ".join("?" * len(chunk))
            collectable.extend(
                node_id
                for node_id, kind, source_path in self._conn.execute(
                    f"SELECT id, kind, source_path FROM nodes WHERE id IN ({marks})", chunk
                )
                if kind == "Agency" or (kind == "Document" and source_path is None)
            )
        unlinked: list[str] = []
        for chunk in _chunks(collectable):
            values = ", ".join(["(?)"] * len(chunk))
            linked = {
                row[0]
                for row in self._conn.execute(
                    f"SELECT c.column1 FROM (VALUES {values}) AS c "
                    "WHERE EXISTS (SELECT 1 FROM edges WHERE source = c.column1) "
                    "OR EXISTS (SELECT 1 FROM edges WHERE target = c.column1)",
                    chunk,
                )
            }
            unlinked.extend(node_id for node_id in chunk if node_id not in linked)
        pending.agencies.difference_update(unlinked)
        for node_id in unlinked:
            if pending.holds(node_id):
                pending.delete(node_id)
        self._conn.executemany(
            "DELETE FROM nodes WHERE id = ?",
            [(node_id,) for node_id in unlinked if not pending.holds(node_id)],
        )

    # -- the networkx view -----------------------------------------------------------------------
    @property
    def graph(self) -> nx.MultiDiGraph:
        """All node ids (attribute ``kind``) and edges (key ``(type, origin)``, attribute ``type``),
        for what networkx computes (whole-graph measures); the store's own reads and writes do
        not use it.

        Built from SQLite when asked, and kept until a write commits: one through this store
        (counted), or another process's (``python -m loader`` while the app runs: ``PRAGMA
        data_version``). Treat it as read-only.
        """
        with self._lock:
            version = self._version()
            if self._graph is None or version != self._graph_version:
                self._graph = self._build_graph()
                self._graph_version = version
            return self._graph

    def _version(self) -> tuple[int, int]:
        """What changes when a write commits: PRAGMA data_version (another connection's) and the
        commits of this store (its own, which data_version does not count)."""
        return self._data_version(), self._commits

    def _data_version(self) -> int:
        # Changes when another connection commits, never for this connection's own writes.
        return int(self._rows("PRAGMA data_version")[0][0])

    def _build_graph(self) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(
            (node_id, {"kind": kind}) for node_id, kind in self._rows("SELECT id, kind FROM nodes")
        )
        graph.add_edges_from(
            (source, target, (type_, origin), {"type": type_, "origin": origin})
            for source, target, type_, origin in self._rows(
                f"SELECT e.source, e.target, e.type, t.source_path FROM edges e {_ORIGIN_JOIN}"
            )
        )
        return graph

    # -- reading ---------------------------------------------------------------------------------
    def stored_claims(self) -> claims.StoredClaims:
        with self._snapshot():
            documents = self._rows(
                "SELECT id, claims, own FROM nodes WHERE kind = 'Document' "
                "AND (claims IS NOT NULL OR own IS NOT NULL)"
            )
            texts = self._rows("SELECT source_path, claims FROM texts WHERE claims IS NOT NULL")
        return claims.StoredClaims(
            tallies={i: tally for i, tally, _ in documents if tally},
            owns={i: own for i, _, own in documents if own},
            said={path: str(_claims_json(said)) for path, said in texts},
        )

    def text_record(self, source_path: str) -> TextRecord | None:
        rows = self._rows(
            _RECORD_SELECT + " WHERE source_path = ?",
            (source_path,),
        )
        return self._record(rows[0]) if rows else None

    def text_records(self, source_paths: Iterable[str]) -> dict[str, TextRecord]:
        """The records of those of ``source_paths`` that are loaded, by path."""
        wanted = sorted(set(source_paths))
        found: dict[str, TextRecord] = {}
        for chunk in _chunks(wanted):
            marks = ", ".join("?" * len(chunk))
            for row in self._rows(
                _RECORD_SELECT + f" WHERE source_path IN ({marks})",
                chunk,
            ):
                found[row[0]] = self._record(row)
        return found

    def texts(self) -> Iterator[TextRecord]:
        rows = self._rows(_RECORD_SELECT + " ORDER BY source_path")
        return (self._record(row) for row in rows)

    @staticmethod
    def _record(row: Sequence[Any]) -> TextRecord:
        path, sha, doc_id, loaded_at, encoding, warnings, asked, answered = row[:8]
        form, ocr, content_sha256, same_as = row[8:]
        return TextRecord(
            path,
            sha,
            doc_id,
            loaded_at,
            encoding,
            tuple(json.loads(warnings)),
            tuple(json.loads(asked)),
            tuple(json.loads(answered)),
            form,
            bool(ocr),
            content_sha256,
            same_as,
        )

    def sources(self, doc_ids: Iterable[str]) -> dict[str, list[TextRecord]]:
        """The loaded files of each document, its text of record first, then by path."""
        return self._records_by("doc_id", doc_ids)

    def texts_with_content(self, digests: Iterable[str]) -> dict[str, list[TextRecord]]:
        """The loaded texts whose content digest is one of these, texts of record first."""
        return self._records_by("content_sha256", digests)

    def _records_by(self, column: str, values: Iterable[str]) -> dict[str, list[TextRecord]]:
        """Text records grouped by ``column`` (one of the indexed ``doc_id``,
        ``content_sha256``), texts of record first, then by path."""
        assert column in ("doc_id", "content_sha256")  # a column name, never a value
        found: dict[str, list[TextRecord]] = {}
        for chunk in _chunks(sorted(set(values))):
            marks = ", ".join("?" * len(chunk))
            rows = self._rows(
                _RECORD_SELECT + f" WHERE {column} IN ({marks}) "
                f"ORDER BY {column}, same_as IS NOT NULL, source_path",
                chunk,
            )
            for row in rows:
                record = self._record(row)
                found.setdefault(getattr(record, column), []).append(record)
        return found

    def texts_asking(self, names: Iterable[str]) -> set[str]:
        """The loaded texts that looked up one of these folded names."""
        found: set[str] = set()
        for chunk in _chunks(sorted(set(names))):
            marks = ", ".join("?" * len(chunk))
            select = (
                "SELECT DISTINCT t.source_path FROM lookups l CROSS JOIN texts t "
                f"ON t.id = l.origin WHERE l.key IN ({marks})"
            )
            found.update(row[0] for row in self._rows(select, chunk))
        return found

    def text_content(self, source_path: str) -> str | None:
        """The cleaned text a loaded file contributed (the offsets of its edges index into it)."""
        rows = self._rows("SELECT content FROM texts WHERE source_path = ?", (source_path,))
        return zlib.decompress(rows[0][0]).decode("utf-8") if rows else None

    def text_contents(self, source_paths: Iterable[str]) -> dict[str, str]:
        """:meth:`text_content` of those of ``source_paths`` that are loaded, by path."""
        found: dict[str, str] = {}
        for chunk in _chunks(sorted(set(source_paths))):
            marks = ", ".join("?" * len(chunk))
            select = f"SELECT source_path, content FROM texts WHERE source_path IN ({marks})"
            for path, content in self._rows(select, chunk):
                found[path] = zlib.decompress(content).decode("utf-8")
        return found

    def node(self, node_id: str) -> Node | None:
        with self._snapshot():
            nodes = self._nodes(self._rows(f"{_NODE_SELECT} WHERE n.id = ?", (node_id,)))
        return nodes[0] if nodes else None

    def document(self, doc_id: str) -> Document | None:
        node = self.node(doc_id)
        return node if isinstance(node, Document) else None

    def documents(self, ids: Iterable[str] | None = None) -> Iterator[Document]:
        """All documents (full and stubs), or those with the given ids that exist."""
        select = "SELECT id, kind, data, source_path FROM nodes WHERE kind = 'Document'"
        if ids is None:
            rows = self._rows(f"{select} ORDER BY id")
        else:
            wanted = sorted(set(ids))
            rows = []
            for chunk in _chunks(wanted):
                marks = ", ".join("?" * len(chunk))
                rows.extend(self._rows(f"{select} AND id IN ({marks}) ORDER BY id", chunk))
        for row in rows:
            node = _node_from_row(row)
            assert isinstance(node, Document)
            yield node

    def find_documents(self, number_key: str) -> list[Document]:
        """Documents whose folded số hiệu (:func:`graph.identity.number_key`) equals this.

        The argument is folded again, so ``749/QĐ-TTg`` finds what ``749/QD-TTG`` finds.
        """
        rows = self._rows(
            "SELECT id, kind, data, source_path FROM nodes "
            "WHERE number_key = ? AND kind = 'Document' ORDER BY id",
            (fold_number(number_key),),
        )
        return [node for node in map(_node_from_row, rows) if isinstance(node, Document)]

    def named_documents(self, name_key: str) -> list[Document]:
        """Number-less documents whose folded name is ``name_key`` or starts with it and a space
        (``chuong trinh chuyen doi so quoc gia`` finds the programme named with its time scope)."""
        key = fold_name(name_key)
        rows = self._rows(
            "SELECT id, kind, data, source_path FROM nodes WHERE kind = 'Document' "
            "AND (name_key = ? OR (name_key >= ? AND name_key < ?)) ORDER BY id",
            (key, key + " ", key + "!"),  # "!" sorts right after " "
        )
        return [node for node in map(_node_from_row, rows) if isinstance(node, Document)]

    def named_documents_many(self, name_keys: Iterable[str]) -> dict[str, list[Document]]:
        """:meth:`named_documents` for many keys (each an index range here), keyed as given."""
        return {key: self.named_documents(key) for key in sorted(set(name_keys))}

    def nodes(self, kind: str | None = None) -> Iterator[Node]:
        with self._snapshot():
            if kind is None:
                rows = self._rows(f"{_NODE_SELECT} ORDER BY n.id")
            else:
                rows = self._rows(f"{_NODE_SELECT} WHERE n.kind = ? ORDER BY n.id", (kind,))
            return iter(self._nodes(rows))

    def _nodes(self, rows: Sequence[Sequence[Any]]) -> list[Node]:
        """Nodes of rows of :data:`_NODE_SELECT`, in their order; the content of each text whose
        tasks are among them decompressed once."""
        nodes: list[Node | None] = [None] * len(rows)
        tasks: dict[int, list[tuple[int, dict[str, Any]]]] = {}  # text -> its tasks' rows
        wanted: dict[int, tuple[str, int]] = {}  # text -> (digest, bytes of it to read)
        for i, row in enumerate(rows):
            data = json.loads(row[2])
            span = data.get(_TASK_SPAN)
            if span is None:
                nodes[i] = _node_from_row(row, data)
            else:
                tasks.setdefault(row[4], []).append((i, data))
                wanted[row[4]] = (row[5], max(span[1], wanted.get(row[4], ("", 0))[1]))
        for number, content in self._contents_of(wanted):
            for i, data in tasks[number]:
                nodes[i] = _node_from_row(rows[i], data, content)
        return [node for node in nodes if node is not None]

    def _contents_of(self, wanted: Mapping[int, tuple[str, int]]) -> Iterator[tuple[int, bytes]]:
        """(number, content) of each text of ``wanted`` (number -> (content digest, bytes
        needed)): its UTF-8 up to the bytes needed at least, from the store's cache of the texts
        read last, else decompressed that far, :data:`TEXTS_PER_QUERY` texts read at a time. Only
        the cache stays: the export of 10,000 texts does not hold them all."""
        cache = self._contents
        missing: list[int] = []
        for number, (digest, needed) in wanted.items():
            content = cache.get((number, digest))
            if content is None or len(content) < needed:
                missing.append(number)
            else:
                cache.move_to_end((number, digest))
                yield number, content
        for chunk in _chunks(missing, TEXTS_PER_QUERY):
            marks = ", ".join("?" * len(chunk))
            for number, digest, stored in self._rows(
                f"SELECT id, content_sha256, content FROM texts WHERE id IN ({marks})", chunk
            ):
                # the start of the text only: the sentences quoted are often its "Căn cứ" lines
                content = zlib.decompressobj().decompress(stored, wanted[number][1])
                self._contents_bytes += len(content) - len(cache.pop((number, digest), b""))
                cache[(number, digest)] = content
                while self._contents_bytes > CONTENT_CACHE_BYTES and len(cache) > 1:
                    self._contents_bytes -= len(cache.popitem(last=False)[1])
                yield number, content

    def _edges(self, rows: Sequence[Sequence[Any]]) -> list[Edge]:
        """Edges of rows of :data:`_EDGE_FIELDS`, in their order, each evidence rebuilt from its
        text's content (:func:`graph.quotes.quote`; each content decompressed once)."""
        evidence: list[str] = [row[15] for row in rows]
        quoted: dict[int, list[int]] = {}  # text -> rows whose evidence is a span of it
        wanted: dict[int, tuple[str, int]] = {}  # text -> (digest, bytes of it to read)
        for i, row in enumerate(rows):
            if row[15] is None:
                quoted.setdefault(row[10], []).append(i)
                wanted[row[10]] = (row[11], max(row[13], wanted.get(row[10], ("", 0))[1]))
        for number, content in self._contents_of(wanted):
            for i in quoted[number]:
                row = rows[i]
                evidence[i] = quote(content, (row[12], row[13], row[14]))
        return [_edge_from_row(row, said) for row, said in zip(rows, evidence, strict=True)]

    def edges(self, types: Iterable[str] | None = None) -> Iterator[Edge]:
        clause, params = _type_filter(types, "e.type")
        where = f"WHERE {clause}" if clause else ""
        with self._snapshot():
            rows = self._rows(
                f"SELECT {_EDGE_FIELDS} FROM edges e {_ORIGIN_JOIN} {where} "
                "ORDER BY e.source, e.target, e.type, t.source_path",
                params,
            )
            return iter(self._edges(rows))

    def edges_of(
        self, node_id: str, direction: str = "out", types: Iterable[str] | None = None
    ) -> list[Edge]:
        """Edges leaving (``out``) or entering (``in``) a node, optionally of some types only."""
        if direction not in ("out", "in"):
            raise ValueError(f"direction must be 'out' or 'in', not {direction!r}")
        column = "source" if direction == "out" else "target"
        clause, params = _type_filter(types, "e.type")
        extra = f" AND {clause}" if clause else ""
        with self._snapshot():
            rows = self._rows(
                f"SELECT {_EDGE_FIELDS} FROM edges e {_ORIGIN_JOIN} WHERE e.{column} = ?{extra} "
                "ORDER BY e.source, e.target, e.type, t.source_path",
                [node_id, *params],
            )
            return self._edges(rows)

    def edges_of_many(
        self, node_ids: Iterable[str], direction: str = "out", types: Iterable[str] | None = None
    ) -> dict[str, list[Edge]]:
        """:meth:`edges_of` for many nodes: every id a key, its edges in that method's order."""
        if direction not in ("out", "in"):
            raise ValueError(f"direction must be 'out' or 'in', not {direction!r}")
        column = "source" if direction == "out" else "target"
        clause, params = _type_filter(types, "e.type")
        extra = f" AND {clause}" if clause else ""
        found: dict[str, list[Edge]] = {node_id: [] for node_id in sorted(set(node_ids))}
        with self._snapshot():
            for chunk in _chunks(list(found)):
                marks = ", ".join("?" * len(chunk))
                rows = self._rows(
                    # The queried column first: SQLite reads the index in that order instead of
                    # sorting every edge of the frontier (same order within each node's list).
                    f"SELECT {_EDGE_FIELDS} FROM edges e {_ORIGIN_JOIN} "
                    f"WHERE e.{column} IN ({marks}){extra} "
                    f"ORDER BY e.{column}, e.source, e.target, e.type, t.source_path",
                    [*chunk, *params],
                )
                for edge in self._edges(rows):
                    found[edge.source if direction == "out" else edge.target].append(edge)
        return found

    # The two ends of an edge as a walk reads it: (the node's column, the other end's column).
    _SIDES: dict[str, tuple[str, str]] = {"out": ("source", "target"), "in": ("target", "source")}
    # A node with at most this many edges is read whole and ranked in Python, even when SQLite
    # could rank it: one statement for all such nodes costs less than three for each (two hops
    # around a directive citing 200 documents rank 200 of them, each given a share of two).
    _READ_WHOLE = 100

    def fan_out(
        self, node_ids: Iterable[str], directions: Sequence[str], types: Sequence[str], limit: int
    ) -> dict[str, Fan]:
        """Each node's edges to at most ``limit`` of its related documents, and how many those
        are (:meth:`graph.store.GraphStore.fan_out`), read in one transaction.

        The edges of the frontier are first counted per node and type from the indexes. The
        nodes with few edges are read whole in one statement and ranked here, making a Python
        object only of the edges kept. When the edges are indexed in (target, type, source)
        order, each node with more (Luật Công nghệ thông tin 2006, cited by one text in six)
        is ranked by SQLite instead, which counts its related documents from the index and
        reads only the first ``limit`` of each relation type, in id order; the kept ones are
        chosen among those here and their edges read. Without that index every node is read
        whole: SQLite would have to read a much-cited node's edges three times to rank them.
        Counting such a node's edges and related documents reads all of its index entries: the
        counts are kept (:data:`HUB_COUNTS`) until a write commits, here or in another process.
        """
        for direction in directions:
            if direction not in self._SIDES:
                raise ValueError(f"direction must be 'out' or 'in', not {direction!r}")
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        sides = [self._SIDES[side] for side in self._SIDES if side in directions]
        ranked = list(dict.fromkeys(str(t) for t in types))
        found = {node_id: Fan() for node_id in sorted(set(node_ids))}
        if not found or not sides or not ranked:
            return found
        with self._snapshot():
            # Read before any count: what the counts are read from is at least as new as this,
            # and a commit after it changes it, which forgets what the walks kept on the next
            # call.
            version = self._version()
            if version != self._walks_version:
                self._hubs.clear()
                self._paths.clear()
                self._walks_version = version
            return self._fan_out(found, sides, ranked, limit)

    def _fan_out(
        self,
        found: dict[str, Fan],
        sides: Sequence[tuple[str, str]],
        ranked: list[str],
        limit: int,
    ) -> dict[str, Fan]:
        kinds = ", ".join("?" * len(ranked))
        counted: dict[str, dict[tuple[str, str], int]] = {}  # node -> (side, type) -> edges
        # the much-cited nodes among them whose counts are kept: their edges are not counted again
        shape = (tuple(near for near, _ in sides), tuple(ranked))
        hubs: dict[str, int] = {}  # node -> documents related to it, of those
        for node in found:
            hub = self._hubs.get((node, *shape))
            if hub is not None:
                counted[node], hubs[node] = hub
                self._hubs.move_to_end((node, *shape))
        for chunk in _chunks([node for node in found if node not in hubs]):
            marks = ", ".join("?" * len(chunk))
            for near, _ in sides:
                for node, type_, count in self._rows(
                    f"SELECT {near}, type, COUNT(*) FROM edges "
                    f"WHERE {near} IN ({marks}) AND type IN ({kinds}) GROUP BY {near}, type",
                    [*chunk, *ranked],
                ):
                    counted.setdefault(node, {})[(near, type_)] = count
        # edges_by_target holds (target, type, source, origin) (the key of a table without
        # rowid follows an index's columns): SQLite ranks a large node's fan reading ``limit``
        # of its entries per type, and counts them from the index alone
        read_whole = max(limit, self._READ_WHOLE)

        def whole(counts: Mapping[tuple[str, str], int]) -> bool:
            return sum(counts.values()) <= read_whole

        small = sorted(node for node, counts in counted.items() if whole(counts))
        # (node, other, source, target, type, origin): a set, as an edge from a node to itself
        # comes from both sides. The origin is the text's number: the paths of the edges kept
        # are read after (two hops around a directive read ~4,000 rows to keep a few hundred,
        # and a path looked up per row was a third of reading them).
        read: dict[str, set[tuple[Any, ...]]] = {}
        for chunk in _chunks(small):
            marks = ", ".join("?" * len(chunk))
            for near, far in sides:
                for row in self._rows(
                    f"SELECT {near}, {far}, source, target, type, origin FROM edges "
                    f"WHERE {near} IN ({marks}) AND type IN ({kinds})",
                    [*chunk, *ranked],
                ):
                    read.setdefault(row[0], set()).add(row)
        strength = {t: k for k, t in enumerate(ranked)}
        chosen: dict[str, set[tuple[Any, ...]]] = {}
        related: dict[str, int] = {}
        for node, rows in read.items():
            place: dict[str, int] = {}  # each related document's strongest relation
            for row in rows:
                place[row[1]] = min(place.get(row[1], len(ranked)), strength[row[4]])
            related[node] = len(place)
            if len(place) > limit:
                followed = set(sorted(place, key=lambda o: (place[o], o))[:limit])
                rows = {row for row in rows if row[1] in followed}
            chosen[node] = rows
        paths = self._text_paths({row[5] for rows in chosen.values() for row in rows})
        kept: dict[str, set[EdgeRow]] = {
            node: {EdgeRow(row[2], row[3], row[4], paths[row[5]]) for row in rows}
            for node, rows in chosen.items()
        }
        large = {node: counts for node, counts in counted.items() if not whole(counts)}
        if large:
            related.update((node, hubs[node]) for node in large if node in hubs)
            counting = sorted(node for node in large if node not in hubs)
            if counting:
                related.update(self._related_counts(counting, sides, ranked))
            for node in counting:
                self._hubs[(node, *shape)] = (large[node], related[node])
            while len(self._hubs) > HUB_COUNTS:
                self._hubs.popitem(last=False)
            pairs = self._strongest(large, ranked, limit)
            for node, edge in self._edges_between(pairs, sides, ranked):
                kept.setdefault(node, set()).add(edge)
        for node, edges in kept.items():
            found[node] = Fan(tuple(sorted(edges)), related[node])  # origin is never NULL
        return found

    def _text_paths(self, numbers: Iterable[int]) -> dict[int, str]:
        """The paths of the texts numbered ``numbers`` (``texts.id``), those of earlier walks
        kept (:attr:`_paths`, emptied with the hubs' counts when a write commits): a seek of a
        text's row in a 3 GB store reads pages no cache holds."""
        known = self._paths
        if len(known) > TEXT_PATHS:
            known.clear()
        for chunk in _chunks(sorted(set(numbers).difference(known))):
            marks = ", ".join("?" * len(chunk))
            known.update(
                self._rows(f"SELECT id, source_path FROM texts WHERE id IN ({marks})", chunk)
            )
        return known

    def _related_counts(
        self, nodes: Sequence[str], sides: Sequence[tuple[str, str]], ranked: Sequence[str]
    ) -> dict[str, int]:
        """How many distinct documents each of ``nodes`` is related to on ``sides``."""
        kinds = ", ".join("?" * len(ranked))
        found: dict[str, int] = {}
        for chunk in _chunks(nodes):
            marks = ", ".join("?" * len(chunk))
            linked = " UNION ALL ".join(
                f"SELECT {near} AS node, {far} AS other FROM edges "
                f"WHERE {near} IN ({marks}) AND type IN ({kinds})"
                for near, far in sides
            )
            found.update(
                self._rows(
                    f"SELECT node, COUNT(DISTINCT other) FROM ({linked}) GROUP BY node",
                    [*chunk, *ranked] * len(sides),
                )
            )
        return found

    def _strongest(
        self, counts: Mapping[str, Mapping[tuple[str, str], int]], ranked: list[str], limit: int
    ) -> list[tuple[str, str]]:
        """(node, other) of the ``limit`` documents each node keeps: those whose strongest
        relation with it comes first in ``ranked``, then by id. They are among the first
        ``limit`` others of each side and type in id order (a kept one has fewer than ``limit``
        others before it in the list of its strongest relation)."""
        best: dict[str, dict[str, int]] = {}
        for near, far in self._SIDES.values():
            terms = sorted(
                (node, type_)
                for node, counted in counts.items()
                for side, type_ in counted
                if side == near
            )
            for start in range(0, len(terms), IDS_PER_QUERY):
                chunk = terms[start : start + IDS_PER_QUERY]
                for node, type_, other in self._first_others(chunk, near, far, limit):
                    place = ranked.index(type_)
                    others = best.setdefault(node, {})
                    if place < others.get(other, len(ranked)):
                        others[other] = place
        return [
            (node, other)
            for node, others in best.items()
            for other in sorted(others, key=lambda o: (others[o], o))[:limit]
        ]

    def _first_others(
        self, terms: Sequence[tuple[str, str]], near: str, far: str, limit: int
    ) -> Iterator[tuple[str, str, str]]:
        """(node, type, other) of the first ``limit`` distinct others, in id order, of each
        (node, type) of ``terms`` on one side: the ``limit``-th of each first, then the others up
        to it (all of them where there are fewer)."""
        values = ", ".join("(?, ?)" for _ in terms)
        lasts = self._rows(
            f"WITH k (node, type) AS (VALUES {values}) SELECT k.node, k.type, "
            f"(SELECT DISTINCT {far} FROM edges WHERE {near} = k.node AND type = k.type "
            f"ORDER BY {far} LIMIT 1 OFFSET ?) FROM k",
            [*(value for term in terms for value in term), limit - 1],
        )
        bounded = [row for row in lasts if row[2] is not None]
        whole = [row[:2] for row in lasts if row[2] is None]
        for rows, columns, bound in (
            (bounded, "node, type, last", f" AND e.{far} <= k.last"),
            (whole, "node, type", ""),
        ):
            if rows:
                marks = ", ".join("(" + ", ".join("?" * len(rows[0])) + ")" for _ in rows)
                yield from self._rows(
                    f"WITH k ({columns}) AS (VALUES {marks}) SELECT DISTINCT k.node, k.type, "
                    f"e.{far} FROM k CROSS JOIN edges e "
                    f"ON e.{near} = k.node AND e.type = k.type{bound}",
                    [value for row in rows for value in row],
                )

    def _edges_between(
        self,
        pairs: Sequence[tuple[str, str]],
        sides: Sequence[tuple[str, str]],
        ranked: Sequence[str],
    ) -> Iterator[tuple[str, EdgeRow]]:
        """(node, edge) of every edge of ``ranked`` types between each (node, other) pair, on
        ``sides`` of the node: a seek of the unique (source, target) index per pair."""
        kinds = ", ".join("?" * len(ranked))
        for start in range(0, len(pairs), IDS_PER_QUERY):
            chunk = pairs[start : start + IDS_PER_QUERY]
            values = ", ".join("(?, ?)" for _ in chunk)
            select = " UNION ALL ".join(
                "SELECT k.node, e.source, e.target, e.type, e.origin "
                "FROM k CROSS JOIN edges e "
                # "+e.type": one seek per pair, not one per pair and type
                f"ON e.{near} = k.node AND e.{far} = k.other AND +e.type IN ({kinds})"
                for near, far in sides
            )
            rows = self._rows(
                f"WITH k (node, other) AS (VALUES {values}) {select}",
                [*(v for pair in chunk for v in pair), *(list(ranked) * len(sides))],
            )
            paths = self._text_paths(row[4] for row in rows)
            for node, source, target, type_, origin in rows:
                yield node, EdgeRow(source, target, type_, paths[origin])

    def edges_with_keys(
        self, keys: Iterable[tuple[str, str, str]]
    ) -> dict[tuple[str, str, str], list[Edge]]:
        """Every edge whose (source, target, type) is one of ``keys``, whole, by key, in
        :meth:`edges_of`'s order (a seek of the unique index per key)."""
        wanted = sorted(set(keys))
        found: dict[tuple[str, str, str], list[Edge]] = {}
        for start in range(0, len(wanted), IDS_PER_QUERY):
            chunk = wanted[start : start + IDS_PER_QUERY]
            values = ", ".join("(?, ?, ?)" for _ in chunk)
            with self._snapshot():
                rows = self._rows(
                    # CROSS JOIN: the keys first, then the unique index (a row-value IN list made
                    # SQLite scan every edge)
                    f"WITH k (source, target, type) AS (VALUES {values}) SELECT {_EDGE_FIELDS} "
                    "FROM k CROSS JOIN edges e "
                    "ON e.source = k.source AND e.target = k.target AND e.type = k.type "
                    f"{_ORIGIN_JOIN} ORDER BY e.source, e.target, e.type, t.source_path",
                    [value for key in chunk for value in key],
                )
                for edge in self._edges(rows):
                    found.setdefault(edge.key, []).append(edge)
        return found

    def document_rows(self, ids: Iterable[str]) -> dict[str, DocumentRow]:
        """:class:`DocumentRow` of those of ``ids`` that are documents, by id: the fields are
        read out of each node's JSON by SQLite, never the whole node by Python."""
        fields = ", ".join(
            f"json_extract(data, '$.{name}')"
            for name in (
                "doc_type",
                "number",
                "year",
                "name",
                "issuer",
                "issued_date",
                "effective_date",
            )
        )
        found: dict[str, DocumentRow] = {}
        for chunk in _chunks(sorted(set(ids))):
            marks = ", ".join("?" * len(chunk))
            for row in self._rows(
                f"SELECT id, {fields}, source_path FROM nodes "
                f"WHERE id IN ({marks}) AND kind = 'Document'",
                chunk,
            ):
                found[row[0]] = DocumentRow(*row)
        return found

    def in_degrees(self, types: Iterable[str] | None = None) -> dict[str, int]:
        """Number of distinct citing documents per target id (for most-cited).

        Only edges whose source is a Document count (a task's DEPENDS_ON is not a citation);
        ``types`` None means edges of every type.
        """
        clause, params = _type_filter(types, "e.type")
        where = f"WHERE {clause}" if clause else ""
        rows = self._rows(
            "SELECT e.target, COUNT(DISTINCT e.source) FROM edges e "
            "JOIN nodes n ON n.id = e.source AND n.kind = 'Document' "
            f"{where} GROUP BY e.target",
            params,
        )
        return dict(rows)

    def aliases(self, key: str | None = None) -> list[Alias]:
        """Aliases learnt from texts, all or those of one folded name (folded again here)."""
        select = (
            "SELECT a.key, a.name, a.doc_id, t.source_path FROM aliases a "
            "CROSS JOIN texts t ON t.id = a.origin"
        )
        order = " ORDER BY a.key, a.doc_id, t.source_path, a.name"
        if key is None:
            rows = self._rows(select + order)
        else:
            rows = self._rows(f"{select} WHERE a.key = ?{order}", (fold_name(key),))
        return [Alias(*row) for row in rows]

    def mentions(self, status: str | None = None, origin: str | None = None) -> list[Mention]:
        wanted = [("m.status", status), ("t.source_path", origin)]
        where = [f"{column} = ?" for column, value in wanted if value is not None]
        params = [value for _, value in wanted if value is not None]
        rows = self._rows(
            f"SELECT {_MENTION_FIELDS} FROM mentions m JOIN texts t ON t.id = m.origin"
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + " ORDER BY t.source_path, m.start, m.text",
            params,
        )
        return [Mention(*row) for row in rows]

    def stats(self) -> StoreStats:
        with self._snapshot():
            return self._stats()

    def _stats(self) -> StoreStats:
        counts = dict(
            self._rows(
                "SELECT CASE WHEN kind = 'Document' AND source_path IS NULL THEN 'stub' "
                "ELSE kind END, COUNT(*) FROM nodes GROUP BY 1"
            )
        )
        return StoreStats(
            texts=self._rows("SELECT COUNT(*) FROM texts WHERE same_as IS NULL")[0][0],
            other_sources=self._rows("SELECT COUNT(*) FROM texts WHERE same_as IS NOT NULL")[0][0],
            documents=counts.get("Document", 0),
            stubs=counts.get("stub", 0),
            tasks=counts.get("Task", 0),
            agencies=counts.get("Agency", 0),
            edges_by_type=dict(
                self._rows("SELECT type, COUNT(*) FROM edges GROUP BY type ORDER BY type")
            ),
            mentions_by_status=dict(
                self._rows("SELECT status, COUNT(*) FROM mentions GROUP BY status ORDER BY status")
            ),
        )

    def export(self) -> dict[str, Any]:
        """The whole graph as node-link JSON (DESIGN.md, Export format), sorted by id.

        Documents carry their derived ``status`` (:func:`graph.status.derive_status`).
        """
        with self._snapshot():
            nodes = list(self.nodes())
            edges = list(self.edges())
        statuses = export_statuses(nodes, edges)  # as of today: README, Export format
        node_dicts = []
        for node in nodes:
            data = node_to_dict(node)
            data.update(statuses.get(node.id, {}))
            node_dicts.append(data)
        return {"nodes": node_dicts, "edges": [edge_to_dict(edge) for edge in edges]}
