"""Every Cypher statement the Neo4j store runs, as named constants and builders.

Values are always parameters (``$origin``, ``UNWIND $rows AS row``). Labels and relationship types
cannot be parameters in Cypher, so the builders format them in, but only names of the fixed
vocabulary (:data:`NODE_KINDS`, :data:`graph.model.EDGE_TYPES`), checked by :func:`label` and
:func:`relationship_type` first: a type read from a text ("CITES]->() DETACH DELETE n //") can
never become Cypher. ``tests/test_neo4j_store.py`` pins the text of each statement.

The graph in Neo4j:

- ``(:Node:Document)``, ``(:Node:Task)``, ``(:Node:Agency)``: one node per model node, its fields
  as properties (``None`` and empty lists left out), plus ``kind`` and, for documents, the folded
  ``number_key`` / ``name_key`` that :meth:`find_documents` and :meth:`named_documents` look up.
  ``:Node`` carries the one uniqueness constraint on ``id``: ids are unique across kinds.
- ``(:Node)-[:CITES {origin, evidence, start, end, confidence}]->(:Node)`` and the other types of
  :data:`graph.model.EDGE_TYPES` (supersession edges also ``scope``, ``provisions`` and
  ``effective_date`` where known); ``origin`` is the text that asserted the edge.
- ``(:Text {source_path, sha256, doc_id, loaded_at, encoding, warnings, content, asked,
  answered, format, ocr, content_sha256, same_as})``, ``(:Mention {origin, …})`` and
  ``(:Alias {key, name, doc_id, origin})``: owned by their text and linked to nothing, so they
  never count as graph edges. A ``Text`` with ``same_as`` is another file of a document whose
  text of record is that path: it owns nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.identity import fold_name, number_key
from graph.model import EDGE_TYPES, Document, Node, node_to_dict

# Model node kinds, which are also their Neo4j labels (graph.model.node_kind).
NODE_KINDS: tuple[str, ...] = ("Document", "Task", "Agency")
NODE_LABEL = "Node"  # on every model node: the label of the uniqueness constraint on id
TEXT_LABEL = "Text"
MENTION_LABEL = "Mention"
ALIAS_LABEL = "Alias"

# Relationship types in a fixed order, so that every statement built from them is the same text
# (and the server's query cache keeps one plan for it).
RELATIONSHIP_TYPES: tuple[str, ...] = tuple(sorted(str(t) for t in EDGE_TYPES))


def node_properties(node: Node) -> dict[str, Any]:
    """A node's properties in Neo4j: its fields and ``kind`` without the empty ones (Neo4j has no
    null property), and for a document the folded key that finds it (``number_key`` of a
    numbered one, ``name_key`` of a ``Luật Viễn thông (2023)`` known by name)."""
    props = {k: v for k, v in node_to_dict(node).items() if v is not None and v != []}
    if isinstance(node, Document):
        if node.number:
            props["number_key"] = number_key(node.number)
        elif node.name:
            props["name_key"] = fold_name(node.name)
    return props


class CypherVocabularyError(ValueError):
    """A label or relationship type outside the fixed vocabulary was about to become Cypher."""


def label(kind: str) -> str:
    """``kind`` if it is a node kind of the model, else :class:`CypherVocabularyError`.

    >>> label("Document")
    'Document'
    """
    if kind not in NODE_KINDS:
        raise CypherVocabularyError(f"not a node kind of the graph model: {kind!r}")
    return kind


def relationship_type(name: str) -> str:
    """``name`` if it is an edge type of the model, else :class:`CypherVocabularyError`.

    >>> relationship_type("REPLACES")
    'REPLACES'
    """
    if name not in EDGE_TYPES:
        raise CypherVocabularyError(f"not an edge type of the graph model: {name!r}")
    return str(name)


def type_pattern(types: Iterable[str] | None) -> str:
    """The ``:A|B`` part of a relationship pattern; empty (any type) for None.

    >>> type_pattern(["REPLACES", "AMENDS", "REPLACES"])
    ':AMENDS|REPLACES'
    """
    if types is None:
        return ""
    names = sorted({relationship_type(t) for t in types})
    if not names:
        raise CypherVocabularyError("an empty set of relationship types matches nothing")
    return ":" + "|".join(names)


# -- schema ----------------------------------------------------------------------------------------
def schema_statements() -> tuple[str, ...]:
    """Constraints and indexes, each idempotent (``IF NOT EXISTS``), in the order to run them.

    The relationship index on ``origin`` is one per type (Neo4j indexes relationship properties
    per type): re-loading a text finds the edges it asserted without scanning every edge.
    """
    statements = [
        f"CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:{NODE_LABEL}) REQUIRE n.id IS UNIQUE",
        f"CREATE CONSTRAINT text_source_path IF NOT EXISTS "
        f"FOR (t:{TEXT_LABEL}) REQUIRE t.source_path IS UNIQUE",
        "CREATE INDEX document_number_key IF NOT EXISTS FOR (d:Document) ON (d.number_key)",
        "CREATE INDEX document_name_key IF NOT EXISTS FOR (d:Document) ON (d.name_key)",
        "CREATE INDEX document_year IF NOT EXISTS FOR (d:Document) ON (d.year)",
        "CREATE INDEX task_source_path IF NOT EXISTS FOR (t:Task) ON (t.source_path)",
        f"CREATE INDEX text_doc_id IF NOT EXISTS FOR (x:{TEXT_LABEL}) ON (x.doc_id)",
        f"CREATE INDEX text_content IF NOT EXISTS FOR (x:{TEXT_LABEL}) ON (x.content_sha256)",
        f"CREATE INDEX text_same_as IF NOT EXISTS FOR (x:{TEXT_LABEL}) ON (x.same_as)",
        f"CREATE INDEX mention_origin IF NOT EXISTS FOR (m:{MENTION_LABEL}) ON (m.origin)",
        f"CREATE INDEX mention_status IF NOT EXISTS FOR (m:{MENTION_LABEL}) ON (m.status)",
        f"CREATE INDEX alias_key IF NOT EXISTS FOR (a:{ALIAS_LABEL}) ON (a.key)",
        f"CREATE INDEX alias_origin IF NOT EXISTS FOR (a:{ALIAS_LABEL}) ON (a.origin)",
        # Search as people type it: "luật viễn thông", "749/QĐ-TTg" (not used by queries/, which
        # must answer alike on every store; for users of Neo4j Browser and Bloom).
        # Eventually consistent: Lucene applies updates in the background instead of inside each
        # commit, which otherwise costs ~10 ms per text and dominates a load.
        "CREATE FULLTEXT INDEX document_search IF NOT EXISTS "
        "FOR (d:Document) ON EACH [d.name, d.number, d.aliases] "
        "OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}}",
    ]
    statements.extend(
        f"CREATE INDEX edge_origin_{t} IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.origin)"
        for t in RELATIONSHIP_TYPES
    )
    return tuple(statements)


# -- writing texts ---------------------------------------------------------------------------------
# Every keyed statement of a write names its index (USING INDEX SEEK). The planner plans a
# statement from the statistics of the moment it first runs and keeps the plan until they change
# a lot: planned while a load into an emptied database was starting (0 rows estimated either
# way), LOCK_DOCUMENTS read the whole id index once for each id of a group (6.6 million index
# entries for the 774 ids of one group of 1,000 synthetic texts) and delete_contributions every
# DEPENDS_ON edge for each text loaded again: from none to half of the server's time in a load,
# as the moment of planning fell. USING INDEX alone still lets the planner scan the index.
def _seek(variable: str, label_: str, key: str) -> str:
    return f"USING INDEX SEEK {variable}:{label_}({key})"


_BY_PATH = _seek("x", TEXT_LABEL, "source_path")
_BY_ID = _seek("n", NODE_LABEL, "id")

# The records of the texts $origins that are loaded already.
TEXT_RECORDS_OF = f"""
UNWIND $origins AS origin
MATCH (x:{TEXT_LABEL} {{source_path: origin}}) {_BY_PATH}
RETURN x.source_path AS source_path, x.sha256 AS sha256, x.doc_id AS doc_id,
       x.loaded_at AS loaded_at, x.encoding AS encoding, x.warnings AS warnings, x.asked AS asked,
       x.answered AS answered, x.format AS format, x.ocr AS ocr,
       x.content_sha256 AS content_sha256, x.same_as AS same_as
"""

# Which file is the text of record of each document among $ids (a document's source_path).
DOCUMENT_OWNERS = f"""
UNWIND $ids AS id
MATCH (n:{NODE_LABEL} {{id: id}}) {_BY_ID}
WHERE n:Document AND n.source_path IS NOT NULL
RETURN id, n.source_path AS owner
"""

# A text of record taken over by another file (rows of {owner, to}): it and the files recorded
# as its sources become sources of the new one; it looks nothing up any more.
DEMOTE_TEXTS = f"""
UNWIND $rows AS row
CALL (row) {{
  MATCH (x:{TEXT_LABEL} {{source_path: row.owner}}) {_BY_PATH} RETURN x
  UNION
  MATCH (x:{TEXT_LABEL} {{same_as: row.owner}}) {_seek("x", TEXT_LABEL, "same_as")} RETURN x
}}
SET x.same_as = row.to, x.asked = [], x.answered = [], x.claims = null
"""

# Files recorded as sources of a text that is itself now a source (rows of {from, to}).
REPOINT_SOURCES = f"""
UNWIND $rows AS row
MATCH (x:{TEXT_LABEL} {{same_as: row.from}}) {_seek("x", TEXT_LABEL, "same_as")}
SET x.same_as = row.to
"""


def delete_contributions() -> str:
    """Delete the edges, tasks, mentions and aliases each text of ``$origins`` asserted.

    Returns a row per origin: its ``edges`` as ``[source, target, type]`` lists and the ids of
    its deleted ``tasks``. A task goes with its edges (DETACH): an edge another text drew to it
    would otherwise point at nothing (the embedded store keeps such a dangling row).
    """
    branches = "\n      UNION ALL\n".join(
        f"      MATCH ()-[r:{t} {{origin: origin}}]->() {_seek('r', t, 'origin')} RETURN r"
        for t in RELATIONSHIP_TYPES
    )
    return f"""
UNWIND $origins AS origin
CALL (origin) {{
  CALL (origin) {{
{branches}
  }}
  WITH r, [startNode(r).id, endNode(r).id, type(r)] AS key
  DELETE r
  RETURN collect(key) AS edges
}}
CALL (origin) {{
  MATCH (t:Task {{source_path: origin}}) {_seek("t", "Task", "source_path")}
  WITH t, t.id AS id
  DETACH DELETE t
  RETURN collect(id) AS tasks
}}
CALL (origin) {{
  MATCH (m:{MENTION_LABEL} {{origin: origin}}) {_seek("m", MENTION_LABEL, "origin")}
  DELETE m
}}
CALL (origin) {{
  MATCH (a:{ALIAS_LABEL} {{origin: origin}}) {_seek("a", ALIAS_LABEL, "origin")}
  DELETE a
}}
RETURN origin, edges, tasks
"""


# The stored nodes among $ids, and whether an edge touches each (after the texts' own edges are
# deleted: what is left belongs to other texts, and keeps a stub alive). Run after
# LOCK_DOCUMENTS.
NODE_STATES = f"""
UNWIND $ids AS id
MATCH (n:{NODE_LABEL} {{id: id}}) {_BY_ID}
RETURN properties(n) AS n, EXISTS {{ (n)--() }} AS linked
"""

# Write-lock the stored documents among $ids (in the order given) until the transaction ends:
# two loaders counting their claims on the same stub take turns instead of one losing a count
# (a read does not block a write under Neo4j's read-committed isolation; a SET takes the lock).
LOCK_DOCUMENTS = f"""
UNWIND $ids AS id
MATCH (n:{NODE_LABEL} {{id: id}}) {_BY_ID}
WHERE n:Document
SET n.locked = true
REMOVE n.locked
"""

# Every document's tally and own fields, every text's claims (graph.claims), for a copy.
DOCUMENT_CLAIMS = """
MATCH (n:Document) WHERE n.claims IS NOT NULL OR n.own IS NOT NULL
RETURN n.id AS id, n.claims AS claims, n.own AS own
"""
TEXTS_CLAIMS = f"""
MATCH (x:{TEXT_LABEL}) WHERE x.claims IS NOT NULL
RETURN x.source_path AS source_path, x.claims AS claims
"""

# What each text of $origins claims of the documents it cites (graph.claims), as stored.
TEXT_CLAIMS = f"""
UNWIND $origins AS origin
MATCH (x:{TEXT_LABEL} {{source_path: origin}}) {_BY_PATH}
RETURN origin, x.claims AS claims
"""


def _when(test: str, update: str) -> str:
    # FOREACH over a one-element list runs an update only for the rows where `test` holds: one
    # statement (one round trip) for rows of every label or type.
    return f"FOREACH (_ IN CASE WHEN {test} THEN [1] ELSE [] END | {update})"


def put_nodes() -> str:
    """Create or replace nodes: ``$rows`` of ``{id, kind, props}``; all properties are replaced
    and the kind label set (a node changes kind only when a text says it is something else)."""
    lines = [
        "UNWIND $rows AS row",
        f"MERGE (n:{NODE_LABEL} {{id: row.id}})",
        "SET n = row.props",
    ]
    for kind in NODE_KINDS:
        others = ":".join(label(k) for k in NODE_KINDS if k != kind)
        lines.append(_when(f"row.kind = '{label(kind)}'", f"REMOVE n:{others} SET n:{kind}"))
    lines.append("RETURN count(n) AS written")
    return "\n".join(lines)


def create_edges(type_: str) -> str:
    """Create edges of one type from ``$groups`` of ``[source, rows]``, each row ``[target,
    origin, evidence, start, end, confidence, scope, provisions, effective_date]``, ``origin``
    an index into ``$origins`` (a null scope, provisions or date sets no property).

    Grouped by source, because most of a text's edges leave its own document or one of its
    tasks: the source is found once per group instead of once per edge. Lists rather than maps,
    and each text's path sent once: the driver packs every key and value of every row in Python,
    and a path repeated on 80 edges of a text costs more than the edge. The properties are the
    CREATE's own map (a null leaves its property out), not a SET after it: the edge is written
    with them instead of being updated after, 15% less server time for the edges of 1,000
    texts. Returns how many rows found both endpoints; the store checks it against the rows sent.
    """
    name = relationship_type(type_)
    return f"""
UNWIND $groups AS g
MATCH (s:{NODE_LABEL} {{id: g[0]}}) {_seek("s", NODE_LABEL, "id")}
UNWIND g[1] AS row
MATCH (t:{NODE_LABEL} {{id: row[0]}}) {_seek("t", NODE_LABEL, "id")}
CREATE (s)-[r:{name} {{origin: $origins[row[1]], evidence: row[2], start: row[3], `end`: row[4],
    confidence: row[5], scope: row[6], provisions: row[7], effective_date: row[8]}}]->(t)
RETURN count(r) AS created
"""


def create_nodes(kind: str) -> str:
    """Create nodes of one kind that are not in the store: ``$rows`` of their properties.

    A group's tasks and the stubs of documents cited for the first time are most of its nodes;
    creating them skips :func:`put_nodes`' merge and the label juggling it needs.
    """
    return f"""
UNWIND $rows AS props
CREATE (n:{NODE_LABEL}:{label(kind)})
SET n = props
RETURN count(n) AS written
"""


# Stubs and agencies the writes left without any edge (plain DELETE: one that still has an edge
# fails the transaction instead of losing the edge).
DELETE_NODES = f"""
UNWIND $ids AS id
MATCH (n:{NODE_LABEL} {{id: id}}) {_BY_ID}
DELETE n
"""

CREATE_MENTIONS = f"""
UNWIND $rows AS row
CREATE (m:{MENTION_LABEL})
SET m = row
"""

CREATE_ALIASES = f"""
UNWIND $rows AS row
CREATE (a:{ALIAS_LABEL})
SET a = row
"""

# Stubs and agencies among $ids that no edge touches any more: they existed only for an edge.
COLLECT_GARBAGE = f"""
UNWIND $ids AS id
MATCH (n:{NODE_LABEL} {{id: id}}) {_BY_ID}
WHERE (n:Agency OR (n:Document AND n.source_path IS NULL)) AND NOT EXISTS {{ (n)--() }}
DELETE n
RETURN count(n) AS deleted
"""

PUT_TEXT_RECORDS = f"""
UNWIND $rows AS row
MERGE (x:{TEXT_LABEL} {{source_path: row.source_path}})
SET x = row
"""

DELETE_TEXT_RECORD = f"MATCH (x:{TEXT_LABEL} {{source_path: $origin}}) {_BY_PATH} DELETE x"

# -- reading ---------------------------------------------------------------------------------------
_RECORD_FIELDS = (
    "x.source_path AS source_path, x.sha256 AS sha256, x.doc_id AS doc_id, "
    "x.loaded_at AS loaded_at, x.encoding AS encoding, x.warnings AS warnings, x.asked AS asked, "
    "x.answered AS answered, x.format AS format, x.ocr AS ocr, "
    "x.content_sha256 AS content_sha256, x.same_as AS same_as"
)
# A scan of the texts (no index holds list elements): the loader asks once per load, and once
# per text loaded alone, which names changed answer.
TEXTS_ASKING = f"""
MATCH (x:{TEXT_LABEL})
WHERE any(name IN coalesce(x.asked, []) WHERE name IN $names)
RETURN x.source_path AS origin
"""
TEXT_RECORD = f"MATCH (x:{TEXT_LABEL} {{source_path: $origin}}) RETURN {_RECORD_FIELDS}"
TEXT_RECORDS = f"MATCH (x:{TEXT_LABEL}) RETURN {_RECORD_FIELDS}"
# The loaded files of the documents $values (their doc_id), and the texts whose content digest
# is one of $values: both through an index of :Text.
SOURCES_OF = f"UNWIND $values AS id MATCH (x:{TEXT_LABEL} {{doc_id: id}}) RETURN {_RECORD_FIELDS}"
TEXTS_WITH_CONTENT = (
    f"UNWIND $values AS digest MATCH (x:{TEXT_LABEL} {{content_sha256: digest}}) "
    f"RETURN {_RECORD_FIELDS}"
)
TEXT_CONTENT = f"MATCH (x:{TEXT_LABEL} {{source_path: $origin}}) RETURN x.content AS content"
TEXT_CONTENTS = f"""
UNWIND $origins AS origin
MATCH (x:{TEXT_LABEL} {{source_path: origin}})
RETURN origin, x.content AS content
"""

NODE = f"MATCH (n:{NODE_LABEL} {{id: $id}}) RETURN properties(n) AS n"
ALL_NODES = f"MATCH (n:{NODE_LABEL}) RETURN properties(n) AS n"
# Matched on :Node, the label of the uniqueness constraint on id: on :Document the planner has no
# index for id and scans every document once per id (~1 ms each, 800 ms for a neighbourhood).
DOCUMENTS_BY_ID = (
    f"UNWIND $ids AS id MATCH (n:{NODE_LABEL} {{id: id}}) WHERE n:Document "
    "RETURN properties(n) AS n"
)
DOCUMENTS_BY_NUMBER = "MATCH (n:Document {number_key: $key}) RETURN properties(n) AS n"
DOCUMENTS_BY_NAME = """
MATCH (n:Document)
WHERE n.name_key = $key OR n.name_key STARTS WITH $key + ' '
RETURN properties(n) AS n
"""
DOCUMENTS_BY_NAMES = """
UNWIND $keys AS key
MATCH (n:Document)
WHERE n.name_key = key OR n.name_key STARTS WITH key + ' '
RETURN key, properties(n) AS n
"""


def nodes_of_kind(kind: str) -> str:
    """All nodes of one kind (label)."""
    return f"MATCH (n:{label(kind)}) RETURN properties(n) AS n"


_EDGE_FIELDS = "s.id AS source, t.id AS target, type(r) AS type, properties(r) AS props"


def all_edges(types: Iterable[str] | None = None) -> str:
    """Every edge, optionally of some types only."""
    return (
        f"MATCH (s:{NODE_LABEL})-[r{type_pattern(types)}]->(t:{NODE_LABEL}) RETURN {_EDGE_FIELDS}"
    )


def _edges_match(direction: str, types: Iterable[str] | None, node_id: str) -> str:
    """The MATCH of edges leaving (``out``) or entering (``in``) the node whose id is
    ``node_id`` (a parameter or a variable)."""
    pattern = type_pattern(types)
    if direction == "out":
        return f"MATCH (s:{NODE_LABEL} {{id: {node_id}}})-[r{pattern}]->(t:{NODE_LABEL})"
    if direction == "in":
        return f"MATCH (s:{NODE_LABEL})-[r{pattern}]->(t:{NODE_LABEL} {{id: {node_id}}})"
    raise ValueError(f"direction must be 'out' or 'in', not {direction!r}")


def edges_of(direction: str, types: Iterable[str] | None = None) -> str:
    """Edges leaving (``out``) or entering (``in``) the node ``$id``."""
    return f"{_edges_match(direction, types, '$id')} RETURN {_EDGE_FIELDS}"


def edges_of_many(direction: str, types: Iterable[str] | None = None) -> str:
    """Edges leaving (``out``) or entering (``in``) each node of ``$ids``, with the ``key`` (the
    id asked for) they belong to."""
    return f"UNWIND $ids AS key {_edges_match(direction, types, 'key')} RETURN key, {_EDGE_FIELDS}"


# fan_out: the pattern from the node n to a related document o, per walked direction(s).
_FAN_PATTERNS: dict[tuple[str, ...], str] = {
    ("out",): "(n)-[r{types}]->(o:{label})",
    ("in",): "(n)<-[r{types}]-(o:{label})",
    ("in", "out"): "(n)-[r{types}]-(o:{label})",
}


def fan_out(directions: Iterable[str], types: Iterable[str]) -> str:
    """Each node of ``$ids``: how many documents it is related to by ``types`` in
    ``directions`` (``related``), and its edges to the first ``$limit`` of them, ranked by
    their strongest relation (``$rank``: type → place, strongest 0), then id; one row per edge,
    with the ``key`` asked for. A node of a hub's size is read whole by the server, never sent.
    """
    chosen = tuple(sorted(set(directions)))
    if chosen not in _FAN_PATTERNS:
        raise ValueError(f"directions must be 'out' and/or 'in', not {chosen!r}")
    pattern = _FAN_PATTERNS[chosen].format(types=type_pattern(types), label=NODE_LABEL)
    return (
        f"UNWIND $ids AS key MATCH (n:{NODE_LABEL} {{id: key}}) "
        f"CALL (n) {{ MATCH {pattern} WITH o, min($rank[type(r)]) AS rank ORDER BY rank, o.id "
        "RETURN count(o) AS related, collect(o)[..$limit] AS kept } "
        f"UNWIND kept AS o MATCH {pattern} "
        "RETURN DISTINCT key, related, startNode(r).id AS source, endNode(r).id AS target, "
        "type(r) AS type, r.origin AS origin"
    )


# The light rows of documents (graph.store.DocumentRow), matched on :Node as DOCUMENTS_BY_ID.
DOCUMENT_ROWS = (
    f"UNWIND $ids AS id MATCH (n:{NODE_LABEL} {{id: id}}) WHERE n:Document "
    "RETURN n.id AS id, n.doc_type AS doc_type, n.number AS number, n.year AS year, "
    "n.name AS name, n.issuer AS issuer, n.issued_date AS issued_date, "
    "n.effective_date AS effective_date, n.source_path AS source_path"
)
# Whole edges by (source, target, type): $keys is a list of such triples.
EDGES_WITH_KEYS = (
    f"UNWIND $keys AS key MATCH (s:{NODE_LABEL} {{id: key[0]}})-[r]->"
    f"(t:{NODE_LABEL} {{id: key[1]}}) WHERE type(r) = key[2] RETURN {_EDGE_FIELDS}"
)


def in_degrees(types: Iterable[str] | None = None) -> str:
    """Distinct citing documents per target (a task's DEPENDS_ON is not a citation)."""
    return (
        f"MATCH (s:Document)-[r{type_pattern(types)}]->(t:{NODE_LABEL}) "
        "RETURN t.id AS target, count(DISTINCT s) AS citing"
    )


ALIASES = f"MATCH (a:{ALIAS_LABEL}) RETURN properties(a) AS a"
ALIASES_BY_KEY = f"MATCH (a:{ALIAS_LABEL} {{key: $key}}) RETURN properties(a) AS a"
MENTIONS = f"MATCH (m:{MENTION_LABEL}) RETURN properties(m) AS m"
MENTIONS_BY_STATUS = f"MATCH (m:{MENTION_LABEL} {{status: $status}}) RETURN properties(m) AS m"
MENTIONS_BY_ORIGIN = f"MATCH (m:{MENTION_LABEL} {{origin: $origin}}) RETURN properties(m) AS m"


def count_statements() -> dict[str, str]:
    """What :meth:`stats` counts, each a statement returning one ``n`` (label and type counts
    come from Neo4j's count store, in constant time whatever the size of the graph)."""
    counts = {
        "texts": f"MATCH (x:{TEXT_LABEL}) WHERE x.same_as IS NULL RETURN count(x) AS n",
        "other_sources": f"MATCH (x:{TEXT_LABEL}) WHERE x.same_as IS NOT NULL RETURN count(x) AS n",
        "stubs": "MATCH (d:Document) WHERE d.source_path IS NULL RETURN count(d) AS n",
    }
    for kind in NODE_KINDS:
        counts[kind] = f"MATCH (n:{label(kind)}) RETURN count(n) AS n"
    for name in RELATIONSHIP_TYPES:
        counts[name] = f"MATCH ()-[r:{name}]->() RETURN count(r) AS n"
    return counts


MENTIONS_BY_STATUS_COUNT = f"MATCH (m:{MENTION_LABEL}) RETURN m.status AS status, count(*) AS n"

# Everything, for tests and benchmarks that need an empty database (Community has one): edges
# first, then nodes, each in transactions of a bounded size. DETACH DELETE of 1,000 nodes at once
# held every edge of "Bộ Thông tin và Truyền thông" (~100,000 at 10,000 texts) in one
# transaction and ran out of the server's transaction memory.
DELETE_EVERYTHING = (
    "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
)
