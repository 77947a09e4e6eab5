"""What writing one text decides, made once for both stores (issue 14).

Writing a text of record (:meth:`graph.store.GraphStore.write_text`) restates what the store holds
in a fixed order of steps; each store runs them its own way (:mod:`graph.embedded` in SQLite, row
by row of a transaction; :mod:`graph.neo4j_store` in a plan of the whole group sent in batches).
The decisions that do not depend on how a store keeps its rows are made here, and both stores
take them from here so that they cannot drift: the document the text declares, what it claims of
the documents it cites, which of its edges are kept, whether every edge's ends exist, and what
the write reports.

>>> from graph.model import Document, Edge, TextGraph
>>> text = TextGraph("nd.txt", "0" * 64, Document("vn:43/2011/ND-CP@2011", "decree"))
>>> plan_text(text).own.source_path
'nd.txt'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, replace

from graph import claims
from graph.claims import text_claims
from graph.model import Document, Edge, TextGraph
from graph.store import WriteResult

# (source, target, type) of an edge: a text asserts at most one edge of each.
EdgeKey = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class TextPlan:
    """What a text of record asserts, from the text alone: its own document (its path the text's),
    what it claims of each document it cites (:func:`graph.claims.text_claims`) and its edges,
    one per :data:`EdgeKey`."""

    origin: str
    own: Document
    said: dict[str, claims.Claim]
    edges: dict[EdgeKey, Edge]


def plan_text(text: TextGraph) -> TextPlan:
    """The :class:`TextPlan` of ``text``."""
    origin = text.source_path
    own = text.document
    if own.source_path != origin:
        own = replace(own, source_path=origin)
    return TextPlan(origin, own, text_claims(text), unique_edges(text.edges))


def unique_edges(edges: Iterable[Edge]) -> dict[EdgeKey, Edge]:
    """One edge per (source, target, type), in the text's order: when "Nghị định 43/2011/NĐ-CP"
    is cited in Điều 1 and again in Điều 5, the first sentence is the evidence."""
    unique: dict[EdgeKey, Edge] = {}
    for edge in edges:
        unique.setdefault((edge.source, edge.target, str(edge.type)), edge)
    return unique


def local_ids(text: TextGraph) -> set[str]:
    """The nodes a text brings with it: its document, those it cites, its tasks and agencies."""
    local = {text.document.id, *(d.id for d in text.cited), *(t.id for t in text.tasks)}
    local.update(a.id for a in text.agencies)
    return local


def check_ends(text: TextGraph, known: Set[str], exist: Callable[[set[str]], Set[str]]) -> None:
    """Refuse ``text`` (ValueError, naming its first such edge) if an edge names a node that is
    neither in ``known`` (the nodes the text brings) nor among those ``exist`` says the store
    holds (asked once, with every other end)."""
    ends = {end for edge in text.edges for end in (edge.source, edge.target)} - known
    if not ends:
        return
    found = exist(ends)
    for edge in text.edges:
        for end in (edge.source, edge.target):
            if end in ends and end not in found:
                raise ValueError(
                    f"{text.source_path}: edge {edge.source} -{edge.type}-> {edge.target} "
                    f"names {end}, which is neither in the text's nodes nor in the store"
                )


def not_a_document(origin: str, doc_id: str, kind: str) -> ValueError:
    """The refusal of a text that cites or declares, as a document, a node of another kind."""
    return ValueError(f"{origin}: document id {doc_id} is already a {kind}")


def record_lists(text: TextGraph) -> tuple[list[str], list[str]]:
    """The names a text's record keeps as looked up and as answered; another source of a document
    (``same_as``) looks nothing up."""
    if text.same_as is not None:
        return [], []
    return sorted(set(text.asked)), sorted(set(text.answered))


def result_of_record(
    plan: TextPlan,
    old_keys: Set[EdgeKey],
    *,
    stub_upgraded: bool,
    demoted: str | None,
) -> WriteResult:
    """What writing a text of record reports: its edges added and removed, by key."""
    new_keys = plan.edges.keys()
    return WriteResult(
        source_path=plan.origin,
        doc_id=plan.own.id,
        edges_added=len(new_keys - old_keys),
        edges_removed=len(old_keys - new_keys),
        stub_upgraded=stub_upgraded,
        demoted=demoted,
    )


def result_of_source(text: TextGraph, old_keys: Set[EdgeKey]) -> WriteResult:
    """What recording another source of a document (``same_as``) reports: its old edges gone."""
    return WriteResult(
        source_path=text.source_path,
        doc_id=text.document.id,
        edges_removed=len(old_keys),
        same_as=text.same_as,
    )
