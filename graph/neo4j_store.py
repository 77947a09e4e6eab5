"""The Neo4j store: the same contract and the same answers as the embedded store, on a server.

Teams share one graph and legal IT departments already run Neo4j; :class:`Neo4jStore` is handed a
driver of the official ``neo4j`` package and passes the database to every call. Every write is a
managed transaction (``session.execute_write``), so the driver retries it on transient errors (a
leader switch on Aura, a deadlock between two loaders) and a failure leaves nothing of the text
behind: one per text, or one per group of texts with :meth:`Neo4jStore.write_texts`, planned in
Python so that the group ends exactly as its texts written one by one would.

The semantics are :class:`graph.embedded.EmbeddedStore`'s, exactly: re-loading a text replaces
the edges it asserted (edges carry their ``origin``), a stub upgrades in place, stubs and agencies
that no edge touches any more are deleted, reads are sorted the same way. The Cypher is in
:mod:`graph.cypher`; :func:`connect` turns a URI and credentials into a store and each way of
failing into one :class:`StoreUnavailable` message.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, LiteralString, Self, TypeVar, cast

import neo4j
from neo4j import (
    Driver,
    GraphDatabase,
    ManagedTransaction,
    NotificationMinimumSeverity,
    Query,
    RoutingControl,
    unit_of_work,
)
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph import claims, cypher
from graph.identity import content_digest, fold_name
from graph.identity import number_key as fold_number
from graph.model import (
    Agency,
    Alias,
    Document,
    Edge,
    Mention,
    Node,
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
from graph.status import export_statuses
from graph.store import (
    DocumentRow,
    EdgeRow,
    Fan,
    StoreError,
    StoreStats,
    StoreUnavailable,
    TextRecord,
    TextRefused,
    WriteResult,
)

# The driver logs each retry of a transaction as a warning; with no logging configured (the
# CLIs) Python would print them to stderr above the one-line error the store raises in the end.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

DEFAULT_DATABASE = "neo4j"
DEFAULT_USERNAME = "neo4j"

# A transaction of write_texts holds at most this many texts, or texts of this much content: 100
# synthetic texts (~80 edges each) load as fast as 500 on a 2-core machine, and a group must fit
# the server's transaction memory (dbms.memory.transaction.total.max, 70% of a 512 MiB heap)
# even when the texts are 300-page Bộ luật.
TEXTS_PER_TRANSACTION = 100
CHARS_PER_TRANSACTION = 5_000_000

# Rows per `UNWIND $rows` statement. A 300-page Bộ luật cites ~2,000 documents; sent as one list
# its parameters would be one multi-megabyte message the server must hold at once. Chunks of this
# size keep each message small while a typical text (20-80 edges) still takes one statement.
WRITE_BATCH_SIZE = 1000

# How often a group is planned again when another loader created one of its new stubs first.
CREATE_RACE_RETRIES = 5

# How long the driver keeps retrying a transaction that fails transiently. An Aura leader switch
# takes a few seconds; a server that is really gone should be reported, not waited for.
MAX_RETRY_SECONDS = 15.0
CONNECT_TIMEOUT_SECONDS = 10.0
# How long to wait for a connection from the pool, its Bolt handshake included: a port that
# accepts and never answers (a frozen server, another service) took the driver's default of 60 s.
ACQUIRE_TIMEOUT_SECONDS = 15.0

# How long a query or a write may go without the server answering before the store gives up on
# it: a server stopped mid-query (SIGSTOP, a VM paused, a dead network path that still accepts
# packets) never answers, and the driver has no read time-out of its own (136 s then a vague
# error, or forever). A slow query on a live server is ended by the server first
# (TRANSACTION_TIMEOUT_SECONDS); the export of a whole national store gets longer.
QUERY_TIMEOUT_SECONDS = 25.0
TRANSACTION_TIMEOUT_SECONDS = 20.0
EXPORT_TIMEOUT_SECONDS = 600.0
# A group of texts (TEXTS_PER_TRANSACTION) may hold a 300-page Bộ luật: its write gets longer.
WRITE_TIMEOUT_SECONDS = 120.0

# Neo4j status codes that have their own message.
_DATABASE_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"
_SECURITY = "Neo.ClientError.Security."

T = TypeVar("T")


class ServerUnreachable(StoreUnavailable):
    """No Neo4j server answers at the URI (not started, wrong host or port, connection cut)."""


class ServerSilent(ServerUnreachable):
    """The Neo4j server stopped answering in the middle of a query or a write."""


class AuthenticationFailed(StoreUnavailable):
    """The Neo4j server refused the user name or password."""


class DatabaseMissing(StoreUnavailable):
    """The server has no database of the requested name."""


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    """Where and as whom to connect: from the environment, a CLI option or the app's secrets.

    Examples
    --------
    >>> Neo4jSettings.from_env({"NEO4J_URI": "bolt://db:7687", "NEO4J_PASSWORD": "s3cret"})
    Neo4jSettings(uri='bolt://db:7687', username='neo4j', password=***, database='neo4j')
    """

    uri: str
    username: str = DEFAULT_USERNAME
    password: str | None = None
    database: str = DEFAULT_DATABASE

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, uri: str | None = None
    ) -> Neo4jSettings:
        """``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``, as the
        Neo4j tools read them; ``uri`` (from ``--neo4j``) wins over ``NEO4J_URI``."""
        env = os.environ if env is None else env
        chosen = uri or env.get("NEO4J_URI")
        if not chosen:
            raise StoreUnavailable("no Neo4j server named: give --neo4j URI or set NEO4J_URI")
        return cls(
            uri=chosen,
            username=env.get("NEO4J_USERNAME") or DEFAULT_USERNAME,
            password=env.get("NEO4J_PASSWORD") or None,
            database=env.get("NEO4J_DATABASE") or DEFAULT_DATABASE,
        )

    def __repr__(self) -> str:
        # Settings get printed in tracebacks and logs; the password must not be.
        shown = "None" if self.password is None else "***"
        return (
            f"Neo4jSettings(uri={self.uri!r}, username={self.username!r}, password={shown}, "
            f"database={self.database!r})"
        )


def connect(settings: Neo4jSettings, *, create: bool = True) -> Neo4jStore:
    """A store on the server ``settings`` name, checked to answer; the store owns the driver.

    Raises :class:`ServerUnreachable`, :class:`AuthenticationFailed` or :class:`DatabaseMissing`
    with a message saying what to do. With ``create`` the schema (constraints and indexes) is set
    up if missing; without, nothing is written (a read-only user can query).
    """
    auth = None if settings.password is None else (settings.username, settings.password)
    try:
        driver = GraphDatabase.driver(
            settings.uri,
            auth=auth,
            max_transaction_retry_time=MAX_RETRY_SECONDS,
            connection_timeout=CONNECT_TIMEOUT_SECONDS,
            connection_acquisition_timeout=ACQUIRE_TIMEOUT_SECONDS,
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        )
    except (ConfigurationError, ValueError) as exc:
        raise StoreUnavailable(f"{settings.uri}: not a Neo4j URI ({exc})") from exc
    try:
        return Neo4jStore(
            driver, settings.database, uri=settings.uri, owns_driver=True, setup=create
        )
    except BaseException:
        driver.close()
        raise


def _node(props: Mapping[str, Any]) -> Node:
    return node_from_dict(dict(props))


def _edge(record: Mapping[str, Any]) -> Edge:
    props = record["props"]
    return Edge(
        source=record["source"],
        target=record["target"],
        type=record["type"],
        evidence=props.get("evidence", ""),
        start=props.get("start", 0),
        end=props.get("end", 0),
        confidence=props.get("confidence", 1.0),
        origin=props.get("origin"),
        scope=props.get("scope"),
        provisions=tuple(props.get("provisions") or ()),
        effective_date=props.get("effective_date"),
    )


def _edge_sort_key(edge: Edge) -> tuple[str, str, str, str]:
    # The embedded store's ORDER BY source, target, type, origin (SQLite compares code points,
    # as Python does; Neo4j's ORDER BY compares UTF-16 units, so sorting happens here).
    return (edge.source, edge.target, edge.type, edge.origin or "")


def _record(row: Mapping[str, Any]) -> TextRecord:
    return TextRecord(
        source_path=row["source_path"],
        sha256=row["sha256"],
        doc_id=row["doc_id"],
        loaded_at=row["loaded_at"],
        encoding=row["encoding"],
        warnings=tuple(row["warnings"] or ()),
        asked=tuple(row["asked"] or ()),
        answered=tuple(row["answered"] or ()),
        format=row["format"] or "text",
        ocr=bool(row["ocr"]),
        content_sha256=row["content_sha256"] or "",
        same_as=row["same_as"],
    )


def _source_order(record: TextRecord) -> tuple[bool, str]:
    # The embedded store's ORDER BY same_as IS NOT NULL, source_path.
    return (record.same_as is not None, record.source_path)


class _Rows(list[Any]):
    """The rows of one write statement, sent as the list they are.

    The driver formats every statement's parameters for a debug log line whether or not anything
    logs at debug level (neo4j 6.4, ``Bolt5x5.run``: ``" ".join(map(repr, fields))``): for 1,000
    texts, 30 MB of text (their content, every edge's evidence sentence) built and thrown away,
    0.5 s of the loader's 3 s. A list whose repr is its length is packed all the same.
    """

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _batches(rows: Sequence[T], size: int = WRITE_BATCH_SIZE) -> Iterator[_Rows]:
    for i in range(0, len(rows), size):
        yield _Rows(rows[i : i + size])


def _edge_batches(
    by_source: Mapping[str, list[list[Any]]], size: int = WRITE_BATCH_SIZE
) -> Iterator[tuple[_Rows, int]]:
    """``[source, rows]`` groups for :func:`cypher.create_edges`, at most ``size`` rows per
    statement (a source with more is split), and the number of rows in each."""
    groups = _Rows()
    count = 0
    for source, rows in by_source.items():
        for i in range(0, len(rows), size):
            chunk = rows[i : i + size]
            if count + len(chunk) > size:
                yield groups, count
                groups, count = _Rows(), 0
            groups.append([source, chunk])
            count += len(chunk)
    if groups:
        yield groups, count


def _run_statement(tx: ManagedTransaction, statement: str) -> None:
    tx.run(statement).consume()


def _named_ids(text: TextGraph) -> set[str]:
    """Every node id a text names: its document, cited documents, tasks, agencies, edge ends."""
    ids = local_ids(text)
    ids.update(end for e in text.edges for end in (e.source, e.target))
    return ids


def _unchanged(record: TextRecord) -> WriteResult:
    return WriteResult(source_path=record.source_path, doc_id=record.doc_id, unchanged=True)


# What a text asserted, as deleted: its edges' (source, target, type) and its tasks' ids.
Contribution = tuple[set[tuple[str, str, str]], set[str]]


def _record_row(
    text: TextGraph, doc_id: str, said: Mapping[str, claims.Claim] | None = None
) -> dict[str, Any]:
    """A text's record as the properties of its ``:Text`` node (None leaves one out)."""
    asked, answered = record_lists(text)
    return {
        "source_path": text.source_path,
        "sha256": text.sha256,
        "doc_id": doc_id,
        "loaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "encoding": text.encoding,
        "warnings": list(text.warnings),
        "content": text.content,
        "asked": asked,
        "answered": answered,
        "format": text.format,
        "ocr": text.ocr,
        "content_sha256": text.content_sha256 or content_digest(text.content),
        "same_as": text.same_as,
        "claims": claims.dumps(said or {}),
    }


def _collectable(node: Node) -> bool:
    # Both exist only because an edge names them: the stub of "Nghị định 43/2011/NĐ-CP" once no
    # loaded text cites it, "Bộ Tài chính" once no task is led by it.
    return isinstance(node, Agency) or (isinstance(node, Document) and node.is_stub)


class _GroupPlan:
    """What writing a group of texts one after another does, computed before anything is written.

    Starts from the stored nodes the texts name (``state``) and which of them edges of other texts
    touch (``linked``); :meth:`write` applies one text as the embedded store would (its old edges
    gone, its nodes upserted, its orphans collected) and accumulates the rows to send.
    """

    def __init__(
        self,
        origins: Sequence[str],
        state: dict[str, Node],
        linked: set[str],
        said_before: dict[str, dict[str, claims.Claim]],
    ) -> None:
        self.origin_index = {origin: i for i, origin in enumerate(origins)}
        self.state = state
        # Each stored document's tally and own fields (graph.claims), and what each text of the
        # group (and each text of record it takes over from) claimed before.
        self.tallies: dict[str, claims.Tally] = {}
        self.owns: dict[str, Document | None] = {}
        self.said_before = said_before
        self.stored = set(state)  # the nodes the database holds before the group
        self.linked = linked
        self.degree: Counter[str] = Counter()  # edges of this group's texts, old and new
        self.changed: dict[str, Node] = {}
        self.collected: set[str] = set()
        # Edge rows by type and source, each [target, origin index, evidence, start, end,
        # confidence, scope, provisions, effective date] (cypher.create_edges).
        self.edge_rows: dict[str, dict[str, list[list[Any]]]] = {}
        self.mention_rows: list[dict[str, Any]] = []
        self.alias_rows: list[dict[str, Any]] = []
        self.record_rows: list[dict[str, Any]] = []
        self.repoint_rows: list[dict[str, str]] = []  # sources following a text that became one
        self.demote_rows: list[dict[str, str]] = []  # texts of record taken over
        self.demoted: set[str] = set()  # their paths: their contribution is gone already

    def _demote(self, own_id: str, to: str, deleted: Mapping[str, Contribution]) -> str | None:
        """If another file is the text of record of ``own_id``, ``to`` takes over from it: its
        edges (deleted with the group's) stop counting, and what only they kept alive is
        collected. Returns that file's path, or None."""
        found = self.state.get(own_id)
        owner = found.source_path if isinstance(found, Document) else None
        if owner is None or owner == to:
            return None
        keys, tasks = deleted.get(owner, (set(), set()))
        self.count_edges(keys, -1)
        unsaid = self.said_before.pop(owner, {})
        self._recount(unsaid, {}, {}, owner)
        self._collect({end for key in keys for end in key[:2]} - tasks | set(unsaid))
        self.demote_rows.append({"owner": owner, "to": to})
        self.demoted.add(owner)
        return owner

    def write_source(
        self,
        text: TextGraph,
        old: TextRecord | None,
        old_keys: set[tuple[str, str, str]],
        old_tasks: set[str],
    ) -> WriteResult:
        """Record ``text`` as another source of its document (``same_as``): what it contributed
        before goes, and it contributes nothing."""
        origin = text.source_path
        assert text.same_as is not None
        self.remove(origin, old, old_keys, old_tasks)
        self.repoint_rows.append({"from": origin, "to": text.same_as})
        self.record_rows.append(_record_row(text, text.document.id))
        return result_of_source(text, old_keys)

    def remove(
        self,
        origin: str,
        old: TextRecord | None,
        old_keys: set[tuple[str, str, str]],
        old_tasks: set[str],
    ) -> None:
        """What ``origin`` contributed goes: its edges, its claims, its own document's fields
        (a stub now, if cited)."""
        self.count_edges(old_keys, -1)
        touched = {end for key in old_keys for end in key[:2]} - old_tasks
        owns: dict[str, Document | None] = {}
        if old is not None:
            if self._owned(old.doc_id, origin):
                owns[old.doc_id] = None
            touched.add(old.doc_id)
        unsaid = self.said_before.pop(origin, {})
        self._recount(unsaid, {}, owns, origin)
        self._collect(touched | set(unsaid))

    def _owned(self, doc_id: str, origin: str) -> bool:
        found = self.state.get(doc_id)
        return isinstance(found, Document) and found.source_path == origin

    def _recount(
        self,
        unsaid: Mapping[str, claims.Claim],
        said: Mapping[str, claims.Claim],
        owns: Mapping[str, Document | None],
        origin: str,
    ) -> None:
        """Plan the documents a text's write touches (:func:`graph.claims.retally`).

        Each is settled once, when the group is sent (:meth:`properties`), from its final tally
        and own fields, as the embedded store does: "Luật Tổ chức Chính phủ", cited by 40 texts
        of a group, was settled 40 times (20,020 settles for 1,000 synthetic texts, 8,493 now).
        Until then the plan holds what the other steps read of it, its kind and whether it is a
        stub: its own fields, or a bare stub.
        """

        def stored(doc_id: str) -> tuple[claims.Tally, Document | None] | None:
            found = self.state.get(doc_id)
            if found is None:
                return None
            if not isinstance(found, Document):
                raise not_a_document(origin, doc_id, node_kind(found))
            return self.tallies.get(doc_id, {}), self.owns.get(doc_id)

        for doc_id, tally, own in claims.retally(unsaid, said, owns, stored):
            self.tallies[doc_id] = tally
            self.owns[doc_id] = own
            self.put(own if own is not None else Document(id=doc_id))

    def properties(self, node: Node) -> dict[str, Any]:
        """A node's properties as stored: a document settled (:func:`graph.claims.settle`),
        with its tally and own fields."""
        if isinstance(node, Document):
            node = claims.settle(node.id, self.tallies.get(node.id, {}), self.owns.get(node.id))
        props = cypher.node_properties(node)
        if isinstance(node, Document):
            for name, value in (
                ("claims", claims.dumps(self.tallies.get(node.id, {}))),
                ("own", claims.own_json(self.owns.get(node.id))),
            ):
                if value is not None:
                    props[name] = value
        return props

    def count_edges(self, keys: Iterable[tuple[str, str, str]], step: int) -> None:
        for source, target, _ in keys:
            self.degree[source] += step
            self.degree[target] += step

    def put(self, node: Node) -> None:
        self.state[node.id] = node
        self.changed[node.id] = node
        self.collected.discard(node.id)  # collected earlier in the group, named again now

    def write(
        self,
        text: TextGraph,
        old: TextRecord | None,
        old_keys: set[tuple[str, str, str]],
        old_tasks: set[str],
        deleted: Mapping[str, Contribution],
    ) -> WriteResult:
        plan = plan_text(text)
        origin, own, said = plan.origin, plan.own, plan.said
        self.count_edges(old_keys, -1)
        touched = {end for key in old_keys for end in key[:2]} - old_tasks
        demoted = self._demote(own.id, origin, deleted)
        found = self.state.get(own.id)
        stub_upgraded = isinstance(found, Document) and found.is_stub
        owns: dict[str, Document | None] = {own.id: own}
        if old is not None and old.doc_id != own.id:
            if self._owned(old.doc_id, origin):
                owns[old.doc_id] = None  # the text no longer declares it: a stub now
            touched.add(old.doc_id)
        unsaid = self.said_before.pop(origin, {})
        self._recount(unsaid, said, owns, origin)
        touched.update(unsaid)
        self._put_nodes(text)
        # every node the text brings is in the plan's state now
        check_ends(text, set(), lambda ends: ends & self.state.keys())
        index = self.origin_index[origin]
        for (source, target, type_), edge in plan.edges.items():
            by_source = self.edge_rows.setdefault(cypher.relationship_type(type_), {})
            by_source.setdefault(source, []).append(
                [target, index, edge.evidence, int(edge.start), int(edge.end)]
                + [float(edge.confidence), edge.scope, list(edge.provisions) or None]
                + [edge.effective_date]
            )
        self.count_edges(plan.edges, +1)
        self.mention_rows.extend(_mention_row(m, origin) for m in text.mentions)
        self.alias_rows.extend(
            {"key": a.key, "name": a.name, "doc_id": a.doc_id, "origin": origin}
            for a in text.aliases
        )
        touched.update(said)
        touched.update(agency.id for agency in text.agencies)
        self._collect(touched)
        self.record_rows.append(_record_row(text, own.id, said))
        return result_of_record(plan, old_keys, stub_upgraded=stub_upgraded, demoted=demoted)

    def _put_nodes(self, text: TextGraph) -> None:
        """The text's agencies (shared: created once, kept) and tasks (its own)."""
        origin = text.source_path
        for agency in text.agencies:
            if agency.id not in self.state:  # "Bộ Tài chính" is shared: created once, kept
                self.put(agency)
        for task in text.tasks:
            self.put(task if task.source_path == origin else replace(task, source_path=origin))

    def _collect(self, candidates: Iterable[str]) -> None:
        for node_id in sorted(candidates):
            node = self.state.get(node_id)
            if node is None or not _collectable(node):
                continue
            if node_id in self.linked or self.degree[node_id] > 0:
                continue
            del self.state[node_id]
            self.changed.pop(node_id, None)
            self.tallies.pop(node_id, None)
            self.owns.pop(node_id, None)
            self.collected.add(node_id)


def _claims(tx: ManagedTransaction, origins: Sequence[str]) -> dict[str, dict[str, claims.Claim]]:
    """What each loaded text of ``origins`` claims of the documents it cites."""
    if not origins:
        return {}
    return {
        row["origin"]: claims.loads(row["claims"])
        for row in tx.run(cypher.TEXT_CLAIMS, origins=list(origins))
    }


def _plan(
    tx: ManagedTransaction,
    origins: Sequence[str],
    ids: Iterable[str],
    said_before: dict[str, dict[str, claims.Claim]],
) -> _GroupPlan:
    """A plan starting from the stored nodes among ``ids`` (documents locked, in id order)."""
    state: dict[str, Node] = {}
    linked: set[str] = set()
    plan = _GroupPlan(origins, state, linked, said_before)
    tx.run(cypher.LOCK_DOCUMENTS, ids=sorted(ids)).consume()
    for row in tx.run(cypher.NODE_STATES, ids=sorted(ids)):
        props = row["n"]
        node = _node(props)
        state[node.id] = node
        if isinstance(node, Document):
            plan.tallies[node.id] = claims.loads(props.get("claims"))
            plan.owns[node.id] = claims.own_from_json(props.get("own"))
        if row["linked"]:
            linked.add(node.id)
    plan.stored.update(state)
    return plan


def _send_nodes(tx: ManagedTransaction, plan: _GroupPlan, origins: Sequence[str]) -> None:
    """Write the plan's nodes and edges, and delete what it collected.

    A task's id is its text's (task:<document>:<section>:<n>), and a document new to the store
    is created outright: if another loader created the same stub meanwhile, the uniqueness
    constraint fails the transaction and the group is planned again from what is stored then
    (MERGE would silently replace that loader's tally with ours). Agencies carry nothing a
    loader counts: MERGE.
    """
    node_rows = []
    created: dict[str, list[dict[str, Any]]] = {"Task": [], "Document": []}
    for node in plan.changed.values():
        props = plan.properties(node)
        if node.id in plan.stored or isinstance(node, Agency):
            node_rows.append({"id": node.id, "kind": node_kind(node), "props": props})
        else:
            created[node_kind(node)].append(props)
    for batch in _batches(node_rows):
        tx.run(cypher.put_nodes(), rows=batch).consume()
    for kind, rows in created.items():
        for batch in _batches(rows):
            tx.run(cypher.create_nodes(kind), rows=batch).consume()
    for type_, by_source in sorted(plan.edge_rows.items()):
        for groups, count in _edge_batches(by_source):
            found = tx.run(cypher.create_edges(type_), groups=groups, origins=origins)
            if found.single(strict=True)["created"] != count:
                # The plan's endpoint check prevents this; never commit fewer edges.
                raise StoreError(f"{origins[0]}: {type_} edges without both ends")
    for ids_batch in _batches(sorted(plan.collected)):
        tx.run(cypher.DELETE_NODES, ids=ids_batch).consume()


class Neo4jStore:
    """A :class:`graph.store.GraphStore` in a Neo4j database.

    Parameters
    ----------
    driver : neo4j.Driver
        The caller's driver (closed by :meth:`close` only when ``owns_driver``).
    database : str
        Passed to every session: a Community server has only ``neo4j``.
    uri : str, optional
        Only for messages ("bolt://localhost:7687: …").
    owns_driver : bool
        Close the driver with the store (what :func:`connect` does).
    setup : bool
        Create the constraints and indexes if missing (idempotent).

    Examples
    --------
    >>> from neo4j import GraphDatabase
    >>> driver = GraphDatabase.driver("bolt://localhost:7687", auth=("neo4j", "password"))
    >>> with Neo4jStore(driver, "neo4j") as store:  # doctest: +SKIP
    ...     store.stats().texts
    0
    """

    def __init__(
        self,
        driver: Driver,
        database: str = DEFAULT_DATABASE,
        *,
        uri: str | None = None,
        owns_driver: bool = False,
        setup: bool = True,
    ) -> None:
        self._driver = driver
        self.database = database
        self.uri = uri or "neo4j"
        self._owns_driver = owns_driver
        # Sessions share one bookmark manager: a read sees the writes made before it, even on a
        # cluster where it may be routed to another member.
        self._bookmarks = GraphDatabase.bookmark_manager()
        self._check_database()
        if setup:
            self.ensure_schema()

    @property
    def driver(self) -> Driver:
        """The driver, for what the store does not do (an administrator's Cypher, emptying a
        test database)."""
        return self._driver

    # -- sessions and errors ---------------------------------------------------------------------
    def _session(self) -> neo4j.Session:
        # No notifications: the server would otherwise warn, on an empty database, that the
        # property `sha256` does not exist yet, and the driver log every warning.
        return self._driver.session(
            database=self.database,
            bookmark_manager=self._bookmarks,
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        )

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Driver and server failures as the store errors of :mod:`graph.store`."""
        where = f"{self.uri} (database {self.database!r})"
        try:
            yield
        except AuthError as exc:
            raise AuthenticationFailed(
                f"{self.uri}: the Neo4j server refused the user name or password; set "
                "NEO4J_USERNAME and NEO4J_PASSWORD"
            ) from exc
        except (ServiceUnavailable, SessionExpired) as exc:
            raise ServerUnreachable(
                f"{self.uri}: no Neo4j server answers (cannot {doing}); is it running? "
                "(a throwaway one: python -m neo4j_server start)"
            ) from exc
        except Neo4jError as exc:
            code = exc.code or ""
            if code == _DATABASE_NOT_FOUND:
                raise DatabaseMissing(
                    f"{self.uri}: the server has no database {self.database!r}; set "
                    "NEO4J_DATABASE (a Community server has only 'neo4j')"
                ) from exc
            if code.startswith(_SECURITY):
                raise AuthenticationFailed(
                    f"{self.uri}: not allowed to {doing}: {exc.message}"
                ) from exc
            raise StoreError(f"{where}: cannot {doing}: {exc.message or exc}") from exc
        except DriverError as exc:
            raise StoreUnavailable(f"{where}: cannot {doing}: {exc}") from exc

    def _within(
        self,
        seconds: float,
        doing: str,
        work: Callable[[neo4j.Session], T] | None = None,
        call: Callable[[], T] | None = None,
    ) -> T:
        """``work(session)`` in a session of its own (or ``call()``, which needs none), or
        :class:`ServerSilent` when the server has not answered in ``seconds``.

        The work runs in a daemon thread that is abandoned, with its session, if the server never
        answers: the driver cannot be interrupted in a blocking read (closing the session would
        block too), and a process that ends does not wait for it. A write abandoned so may still
        commit if the server wakes; every write is idempotent (re-loading a text changes
        nothing), so the next run puts things right.
        """
        box: list[Any] = []
        done = threading.Event()

        def run() -> None:
            try:
                if call is not None:
                    box.append((True, call()))
                else:
                    assert work is not None
                    with self._session() as session:
                        box.append((True, work(session)))
            except BaseException as exc:  # handed to the caller's thread
                box.append((False, exc))
            finally:
                done.set()

        threading.Thread(target=run, name=f"neo4j: {doing}", daemon=True).start()
        if not done.wait(seconds):
            raise ServerSilent(
                f"{self.uri}: the Neo4j server has not answered for {seconds:g} s (cannot "
                f"{doing}); is it stopped or overloaded?"
            )
        ok, value = box[0]
        if not ok:
            raise value
        return cast(T, value)

    def _read(
        self,
        work: Callable[[ManagedTransaction], T],
        doing: str,
        seconds: float | None = None,
    ) -> T:
        seconds = QUERY_TIMEOUT_SECONDS if seconds is None else seconds
        timed = unit_of_work(timeout=max(seconds - 5.0, 1.0))(work)
        with self._errors(doing):
            return self._within(seconds, doing, lambda session: session.execute_read(timed))

    def _records(self, query: str, doing: str = "read the store", **params: Any) -> list[Any]:
        """The records of one read query. ``execute_query`` is a managed transaction too (retried
        on transient errors) and costs a third less than ``execute_read``: the queries of
        :mod:`queries` walk the graph one ``edges_of`` at a time, hundreds per neighbourhood."""
        query_ = Query(cast(LiteralString, query), timeout=TRANSACTION_TIMEOUT_SECONDS)
        with self._errors(doing):
            records, _, _ = self._within(
                QUERY_TIMEOUT_SECONDS,
                doing,
                call=lambda: self._driver.execute_query(
                    query_,
                    params,
                    database_=self.database,
                    routing_=RoutingControl.READ,
                    bookmark_manager_=self._bookmarks,
                ),
            )
        return list(records)

    def _rows(self, query: str, doing: str = "read the store", **params: Any) -> list[Any]:
        """The records of one read query, as lists of values."""
        return [record.values() for record in self._records(query, doing, **params)]

    def _check_database(self) -> None:
        # A trivial query checks the server, the credentials and the database at once, and, run
        # outside a managed transaction, fails at once instead of being retried for
        # MAX_RETRY_SECONDS: a server that is not there when we start is not coming.
        with self._errors("connect"):
            self._within(
                QUERY_TIMEOUT_SECONDS, "connect", lambda session: session.run("RETURN 1").consume()
            )

    def ensure_schema(self) -> None:
        """Create the constraints and indexes that are missing, then wait until they are online
        (an index still populating would make the first loads scan)."""
        with self._errors("set up the schema"), self._session() as session:
            for statement in cypher.schema_statements():
                session.execute_write(_run_statement, statement)
            session.run("CALL db.awaitIndexes(300)").consume()

    def close(self) -> None:
        if self._owns_driver:
            self._driver.close()

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
        return f"Neo4jStore({self.uri!r}, database={self.database!r})"

    # -- writing ---------------------------------------------------------------------------------
    def write_text(self, text: TextGraph, *, force: bool = False) -> WriteResult:
        """Atomically replace what ``text.source_path`` contributed with ``text``.

        One managed transaction (see :meth:`write_texts`, of which this is a group of one). The
        same ``sha256`` as the stored text writes nothing (``unchanged=True``) unless ``force``.
        Raises ValueError (nothing written) if an edge names a node that is neither in ``text``
        nor in the store.
        """
        return self._write_group([text], force)[0]

    def write_texts(self, texts: Iterable[TextGraph], *, force: bool = False) -> list[WriteResult]:
        """Write texts as :meth:`write_text` one after another would, up to
        :data:`TEXTS_PER_TRANSACTION` per transaction.

        A transaction costs a commit and a handful of round trips whatever it holds, so a group
        loads many times faster than its texts one by one; each text stays atomic, because the
        group is. If a text is refused, its group is written again one text at a time: the texts
        before it land and :class:`TextRefused` says which text it was, as a loop of
        ``write_text`` would stop at it.
        """
        results: list[WriteResult] = []
        group: list[TextGraph] = []
        chars = 0
        for text in texts:
            full = len(group) >= TEXTS_PER_TRANSACTION or chars + len(text.content) > (
                CHARS_PER_TRANSACTION
            )
            # A text twice in one group would be replaced by itself inside one plan, and two
            # files of one document take turns as its text of record: start anew.
            again = any(
                t.source_path == text.source_path or t.document.id == text.document.id
                for t in group
            )
            if group and (full or again):
                self._write_group_or_each(group, force, results)
                group, chars = [], 0
            group.append(text)
            chars += len(text.content)
        if group:
            self._write_group_or_each(group, force, results)
        return results

    def _write_group_or_each(
        self, group: list[TextGraph], force: bool, results: list[WriteResult]
    ) -> None:
        try:
            results.extend(self._write_group(group, force))
            return
        except ValueError as exc:
            if len(group) == 1:
                raise TextRefused(str(exc), group[0].source_path, results) from exc
        for text in group:
            try:
                results.extend(self._write_group([text], force))
            except ValueError as exc:
                raise TextRefused(str(exc), text.source_path, results) from exc

    def _write_group(self, group: Sequence[TextGraph], force: bool) -> list[WriteResult]:
        doing = f"write {group[0].source_path}" + (
            f" and {len(group) - 1} more texts" if len(group) > 1 else ""
        )
        with self._errors(doing):
            for attempt in range(CREATE_RACE_RETRIES):
                try:
                    return self._within(
                        WRITE_TIMEOUT_SECONDS,
                        doing,
                        lambda session: session.execute_write(
                            lambda tx: self._write_in(tx, group, force)
                        ),
                    )
                except ConstraintError:
                    # Another loader created a stub this group was creating (_send_nodes): plan
                    # again from what is stored now.
                    if attempt == CREATE_RACE_RETRIES - 1:
                        raise
            raise AssertionError("unreachable")

    def _write_in(
        self, tx: ManagedTransaction, group: Sequence[TextGraph], force: bool
    ) -> list[WriteResult]:
        """The transaction function of a group: read, plan in Python, then write in batches.

        Reading first lets the plan reproduce the embedded store's one-text-at-a-time semantics
        for the whole group (stubs merged in order, orphans collected after each text); the
        writes are then one ``UNWIND`` per kind of row for all the texts together.
        """
        origins = [t.source_path for t in group]
        records = {
            row["source_path"]: _record(row)
            for row in tx.run(cypher.TEXT_RECORDS_OF, origins=origins)
        }
        changing = [
            t
            for t in group
            if force or (old := records.get(t.source_path)) is None or old.sha256 != t.sha256
        ]
        if not changing:
            return [_unchanged(records[t.source_path]) for t in group]
        # A text of record of a document another file is the text of record of takes over from
        # it (_GroupPlan.write): that file's contribution is deleted with the group's.
        kept = {t.document.id: t.source_path for t in changing if t.same_as is None}
        owners = {
            row["owner"]
            for row in tx.run(cypher.DOCUMENT_OWNERS, ids=sorted(kept))
            if row["owner"] != kept[row["id"]]
        }
        # Only a loaded text has edges, tasks, mentions and aliases to delete (they are written
        # with its record, in one transaction): a first load skips the 15 index seeks per text.
        deleted: dict[str, Contribution] = {t.source_path: (set(), set()) for t in changing}
        reloaded = [t.source_path for t in changing if t.source_path in records]
        outside = sorted(owners - set(reloaded))
        deleted.update((owner, (set(), set())) for owner in outside)
        reloaded += outside
        if reloaded:
            for row in tx.run(cypher.delete_contributions(), origins=reloaded):
                deleted[row["origin"]] = (
                    {(s, t, k) for s, t, k in row["edges"]},
                    set(row["tasks"]),
                )
        ids: set[str] = set()
        for text in changing:
            ids.update(_named_ids(text))
            old = records.get(text.source_path)
            if old is not None:
                ids.add(old.doc_id)
        for old_keys, _ in deleted.values():
            ids.update(end for key in old_keys for end in key[:2])
        said_before = _claims(tx, reloaded)
        for said in said_before.values():
            ids.update(said)
        plan = _plan(tx, origins, ids, said_before)
        for old_keys, _ in deleted.values():
            plan.count_edges(old_keys, +1)  # still there until their own text's turn comes
        written: dict[str, WriteResult] = {}
        for text in changing:
            old_keys, old_tasks = deleted[text.source_path]
            if text.source_path in plan.demoted:  # taken over earlier in the group
                old_keys, old_tasks = set(), set()
            old = records.get(text.source_path)
            if text.same_as is not None:
                written[text.source_path] = plan.write_source(text, old, old_keys, old_tasks)
            else:
                written[text.source_path] = plan.write(text, old, old_keys, old_tasks, deleted)

        _send_nodes(tx, plan, origins)
        for batch in _batches(plan.mention_rows):
            tx.run(cypher.CREATE_MENTIONS, rows=batch).consume()
        for batch in _batches(plan.alias_rows):
            tx.run(cypher.CREATE_ALIASES, rows=batch).consume()
        for text_batch in _batches(plan.demote_rows):
            tx.run(cypher.DEMOTE_TEXTS, rows=text_batch).consume()
        for text_batch in _batches(plan.repoint_rows):
            tx.run(cypher.REPOINT_SOURCES, rows=text_batch).consume()
        for batch in _batches(plan.record_rows):
            tx.run(cypher.PUT_TEXT_RECORDS, rows=batch).consume()
        return [written.get(t.source_path) or _unchanged(records[t.source_path]) for t in group]

    def remove_text(self, source_path: str) -> bool:
        """Atomically remove everything a text contributed; its document becomes a stub if cited.

        Returns False if no such text was loaded.
        """

        def work(tx: ManagedTransaction) -> bool:
            found = tx.run(cypher.TEXT_RECORD, origin=source_path).single()
            if found is None:
                return False
            old = _record(found)
            deleted = tx.run(cypher.delete_contributions(), origins=[source_path]).single(
                strict=True
            )
            keys = {(s, t, k) for s, t, k in deleted["edges"]}
            said_before = _claims(tx, [source_path])
            ids = {end for key in keys for end in key[:2]} | {old.doc_id}
            ids.update(*said_before.values())
            plan = _plan(tx, [source_path], ids, said_before)
            plan.count_edges(keys, +1)
            plan.remove(source_path, old, keys, set(deleted["tasks"]))
            _send_nodes(tx, plan, [source_path])
            tx.run(cypher.DELETE_TEXT_RECORD, origin=source_path).consume()
            return True

        doing = f"remove {source_path}"
        with self._errors(doing):
            return self._within(
                WRITE_TIMEOUT_SECONDS, doing, lambda session: session.execute_write(work)
            )

    # -- reading ---------------------------------------------------------------------------------
    def stored_claims(self) -> claims.StoredClaims:
        def work(tx: ManagedTransaction) -> claims.StoredClaims:
            documents = list(tx.run(cypher.DOCUMENT_CLAIMS))
            texts = list(tx.run(cypher.TEXTS_CLAIMS))
            return claims.StoredClaims(
                tallies={r["id"]: r["claims"] for r in documents if r["claims"]},
                owns={r["id"]: r["own"] for r in documents if r["own"]},
                said={r["source_path"]: r["claims"] for r in texts},
            )

        return self._read(work, "read the store")

    def text_record(self, source_path: str) -> TextRecord | None:
        found = self._records(cypher.TEXT_RECORD, origin=source_path)
        return _record(found[0]) if found else None

    def text_records(self, source_paths: Iterable[str]) -> dict[str, TextRecord]:
        """The records of those of ``source_paths`` that are loaded, by path (one round trip)."""
        found = self._records(cypher.TEXT_RECORDS_OF, origins=sorted(set(source_paths)))
        return {row["source_path"]: _record(row) for row in found}

    def sources(self, doc_ids: Iterable[str]) -> dict[str, list[TextRecord]]:
        """The loaded files of each document, its text of record first, then by path."""
        return self._records_by(cypher.SOURCES_OF, doc_ids, lambda r: r.doc_id)

    def texts_with_content(self, digests: Iterable[str]) -> dict[str, list[TextRecord]]:
        """The loaded texts whose content digest is one of these, texts of record first."""
        return self._records_by(cypher.TEXTS_WITH_CONTENT, digests, lambda r: r.content_sha256)

    def _records_by(
        self, query: str, values: Iterable[str], key: Callable[[TextRecord], str]
    ) -> dict[str, list[TextRecord]]:
        """The text records ``query`` finds for ``$values``, grouped by ``key``, texts of record
        first, then by path (the embedded store's order)."""
        found: dict[str, list[TextRecord]] = {}
        wanted = sorted(set(values))
        if wanted:
            for row in self._records(query, values=wanted):
                record = _record(row)
                found.setdefault(key(record), []).append(record)
        for records in found.values():
            records.sort(key=_source_order)
        return dict(sorted(found.items()))

    def texts(self) -> Iterator[TextRecord]:
        found = [_record(row) for row in self._records(cypher.TEXT_RECORDS)]
        return iter(sorted(found, key=lambda r: r.source_path))

    def text_content(self, source_path: str) -> str | None:
        """The cleaned text a loaded file contributed (the offsets of its edges index into it)."""
        rows = self._rows(cypher.TEXT_CONTENT, origin=source_path)
        return rows[0][0] if rows else None

    def texts_asking(self, names: Iterable[str]) -> set[str]:
        """The loaded texts that looked up one of these folded names (a scan of the texts)."""
        wanted = sorted(set(names))
        if not wanted:
            return set()
        return {row[0] for row in self._rows(cypher.TEXTS_ASKING, names=wanted)}

    def text_contents(self, source_paths: Iterable[str]) -> dict[str, str]:
        """:meth:`text_content` of those of ``source_paths`` that are loaded (one round trip)."""
        rows = self._rows(cypher.TEXT_CONTENTS, origins=sorted(set(source_paths)))
        return dict(rows)  # [origin, content] pairs

    def _nodes(self, query: str, **params: Any) -> list[Node]:
        nodes = [_node(row[0]) for row in self._rows(query, **params)]
        return sorted(nodes, key=lambda n: n.id)

    def _documents(self, query: str, **params: Any) -> list[Document]:
        return [n for n in self._nodes(query, **params) if isinstance(n, Document)]

    def node(self, node_id: str) -> Node | None:
        found = self._nodes(cypher.NODE, id=node_id)
        return found[0] if found else None

    def document(self, doc_id: str) -> Document | None:
        node = self.node(doc_id)
        return node if isinstance(node, Document) else None

    def documents(self, ids: Iterable[str] | None = None) -> Iterator[Document]:
        """All documents (full and stubs), or those with the given ids that exist."""
        if ids is None:
            return iter(self._documents(cypher.nodes_of_kind("Document")))
        wanted = sorted(set(ids))
        return iter(self._documents(cypher.DOCUMENTS_BY_ID, ids=wanted))

    def find_documents(self, number_key: str) -> list[Document]:
        """Documents whose folded số hiệu (:func:`graph.identity.number_key`) equals this."""
        return self._documents(cypher.DOCUMENTS_BY_NUMBER, key=fold_number(number_key))

    def named_documents(self, name_key: str) -> list[Document]:
        """Number-less documents whose folded name is ``name_key`` or starts with it and a space."""
        return self._documents(cypher.DOCUMENTS_BY_NAME, key=fold_name(name_key))

    def named_documents_many(self, name_keys: Iterable[str]) -> dict[str, list[Document]]:
        """:meth:`named_documents` for many keys in one round trip, keyed as given."""
        given = sorted(set(name_keys))
        by_folded: dict[str, list[str]] = {}
        for key in given:
            by_folded.setdefault(fold_name(key), []).append(key)
        found: dict[str, list[Document]] = {key: [] for key in given}
        if not given:
            return found
        for folded, props in self._rows(cypher.DOCUMENTS_BY_NAMES, keys=sorted(by_folded)):
            node = _node(props)
            if isinstance(node, Document):
                for key in by_folded[folded]:
                    found[key].append(node)
        for documents in found.values():
            documents.sort(key=lambda d: d.id)
        return found

    def nodes(self, kind: str | None = None) -> Iterator[Node]:
        if kind is None:
            return iter(self._nodes(cypher.ALL_NODES))
        if kind not in cypher.NODE_KINDS:
            return iter(())  # the embedded store answers an unknown kind with nothing, too
        return iter(self._nodes(cypher.nodes_of_kind(kind)))

    def _edges(self, query: str, **params: Any) -> list[Edge]:
        return sorted(map(_edge, self._records(query, **params)), key=_edge_sort_key)

    def edges(self, types: Iterable[str] | None = None) -> Iterator[Edge]:
        wanted = _known_types(types)
        if wanted is not None and not wanted:
            return iter(())
        return iter(self._edges(cypher.all_edges(wanted)))

    def edges_of(
        self, node_id: str, direction: str = "out", types: Iterable[str] | None = None
    ) -> list[Edge]:
        """Edges leaving (``out``) or entering (``in``) a node, optionally of some types only."""
        if direction not in ("out", "in"):
            raise ValueError(f"direction must be 'out' or 'in', not {direction!r}")
        wanted = _known_types(types)
        if wanted is not None and not wanted:
            return []
        return self._edges(cypher.edges_of(direction, wanted), id=node_id)

    def edges_of_many(
        self, node_ids: Iterable[str], direction: str = "out", types: Iterable[str] | None = None
    ) -> dict[str, list[Edge]]:
        """:meth:`edges_of` for many nodes in one round trip: every id a key, its edges in
        :meth:`edges_of`'s order (a depth-2 neighbourhood is then 4 statements, not ~300)."""
        if direction not in ("out", "in"):
            raise ValueError(f"direction must be 'out' or 'in', not {direction!r}")
        found: dict[str, list[Edge]] = {node_id: [] for node_id in sorted(set(node_ids))}
        wanted = _known_types(types)
        if not found or (wanted is not None and not wanted):
            return found
        for row in self._records(cypher.edges_of_many(direction, wanted), ids=list(found)):
            found[row["key"]].append(_edge(row))
        for edges in found.values():
            edges.sort(key=_edge_sort_key)
        return found

    def fan_out(
        self, node_ids: Iterable[str], directions: Sequence[str], types: Sequence[str], limit: int
    ) -> dict[str, Fan]:
        """Each node's edges to at most ``limit`` of its related documents, and how many those
        are (:meth:`graph.store.GraphStore.fan_out`): one statement for the frontier, the
        ranking done by the server (ids compared as Neo4j compares strings, which is Python's
        order for every id made of letters of the Basic Multilingual Plane, as ids are)."""
        for direction in directions:
            if direction not in ("out", "in"):
                raise ValueError(f"direction must be 'out' or 'in', not {direction!r}")
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        found = {node_id: Fan() for node_id in sorted(set(node_ids))}
        ranked = [t for t in dict.fromkeys(str(t) for t in types) if t in cypher.RELATIONSHIP_TYPES]
        if not found or not directions or not ranked:
            return found
        kept: dict[str, list[EdgeRow]] = {}
        related: dict[str, int] = {}
        for row in self._records(
            cypher.fan_out(directions, ranked),
            ids=list(found),
            rank={t: place for place, t in enumerate(ranked)},
            limit=limit,
        ):
            kept.setdefault(row["key"], []).append(
                EdgeRow(row["source"], row["target"], row["type"], row["origin"])
            )
            related[row["key"]] = row["related"]
        for node, edges in kept.items():
            found[node] = Fan(tuple(sorted(edges)), related[node])
        return found

    def document_rows(self, ids: Iterable[str]) -> dict[str, DocumentRow]:
        """:class:`DocumentRow` of those of ``ids`` that are documents, by id (one statement)."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        return {
            row["id"]: DocumentRow(*row.values())
            for row in self._records(cypher.DOCUMENT_ROWS, ids=wanted)
        }

    def edges_with_keys(
        self, keys: Iterable[tuple[str, str, str]]
    ) -> dict[tuple[str, str, str], list[Edge]]:
        """Every edge whose (source, target, type) is one of ``keys``, whole, by key, in
        :meth:`edges_of`'s order (one statement)."""
        wanted = sorted({key for key in keys if key[2] in cypher.RELATIONSHIP_TYPES})
        found: dict[tuple[str, str, str], list[Edge]] = {}
        if not wanted:
            return found
        for edge in self._edges(cypher.EDGES_WITH_KEYS, keys=[list(key) for key in wanted]):
            found.setdefault(edge.key, []).append(edge)
        return found

    def in_degrees(self, types: Iterable[str] | None = None) -> dict[str, int]:
        """Number of distinct citing documents per target id (for most-cited)."""
        wanted = _known_types(types)
        if wanted is not None and not wanted:
            return {}
        return {row[0]: row[1] for row in self._rows(cypher.in_degrees(wanted))}

    def aliases(self, key: str | None = None) -> list[Alias]:
        """Aliases learnt from texts, all or those of one folded name (folded again here)."""
        if key is None:
            rows = self._rows(cypher.ALIASES)
        else:
            rows = self._rows(cypher.ALIASES_BY_KEY, key=fold_name(key))
        found = [Alias(**row[0]) for row in rows]
        return sorted(found, key=lambda a: (a.key, a.doc_id, a.origin or "", a.name))

    def mentions(self, status: str | None = None, origin: str | None = None) -> list[Mention]:
        if origin is not None:
            rows = self._rows(cypher.MENTIONS_BY_ORIGIN, origin=origin)
        elif status is not None:
            rows = self._rows(cypher.MENTIONS_BY_STATUS, status=status)
        else:
            rows = self._rows(cypher.MENTIONS)
        found = [Mention(**row[0]) for row in rows if status is None or row[0]["status"] == status]
        return sorted(found, key=lambda m: (m.origin, m.start, m.text))

    def stats(self) -> StoreStats:
        def work(tx: ManagedTransaction) -> StoreStats:
            counts = {
                name: tx.run(query).single(strict=True)["n"]
                for name, query in cypher.count_statements().items()
            }
            statuses = {row["status"]: row["n"] for row in tx.run(cypher.MENTIONS_BY_STATUS_COUNT)}
            return StoreStats(
                texts=counts["texts"],
                other_sources=counts["other_sources"],
                documents=counts["Document"] - counts["stubs"],
                stubs=counts["stubs"],
                tasks=counts["Task"],
                agencies=counts["Agency"],
                edges_by_type={t: counts[t] for t in cypher.RELATIONSHIP_TYPES if counts[t]},
                mentions_by_status=dict(sorted(statuses.items())),
            )

        return self._read(work, "read the store")

    def export(self) -> dict[str, Any]:
        """The whole graph as node-link JSON (DESIGN.md, Export format), sorted by id, read in one
        transaction; the same data as the embedded store's export of the same texts."""

        def work(tx: ManagedTransaction) -> tuple[list[Node], list[Edge]]:
            nodes = [_node(record["n"]) for record in tx.run(cypher.ALL_NODES)]
            edges = [_edge(record) for record in tx.run(cypher.all_edges())]
            return nodes, edges

        nodes, edges = self._read(work, "export the store", EXPORT_TIMEOUT_SECONDS)
        nodes.sort(key=lambda n: n.id)
        edges.sort(key=_edge_sort_key)
        statuses = export_statuses(nodes, edges)  # as of today: README, Export format
        node_dicts = []
        for node in nodes:
            data = node_to_dict(node)
            data.update(statuses.get(node.id, {}))
            node_dicts.append(data)
        return {"nodes": node_dicts, "edges": [edge_to_dict(edge) for edge in edges]}


def _mention_row(mention: Mention, origin: str) -> dict[str, Any]:
    row = {
        "origin": origin,
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "status": mention.status,
        "reason": mention.reason,
    }
    if mention.target is not None:
        row["target"] = mention.target
    return row


def _known_types(types: Iterable[str] | None) -> list[str] | None:
    """The requested edge types that exist in the vocabulary (the embedded store simply finds no
    edge of an unknown type); None for all types."""
    if types is None:
        return None
    return sorted({str(t) for t in types} & set(cypher.RELATIONSHIP_TYPES))
