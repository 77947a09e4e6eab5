"""Queries about one document: finding it, what it cites, what cites it, its status.

Every function takes the store first and uses only the :class:`graph.store.GraphStore` methods, so
it answers the same on the embedded store and on Neo4j.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from graph.model import RELATION_TYPES, Document, Edge, RelationType
from graph.status import FORCE_TAKING_TYPES, SUPERSESSION_TYPES, Status, derive_status
from graph.store import DocumentRow, GraphStore
from queries.errors import AmbiguousDocument, InvalidArgument, UnknownDocument, UnknownRelation
from queries.registry import Param, query
from queries.search import search, suggest

# Relation types strongest claim first (REPLACES before CITES): the order groups are shown in.
RELATION_ORDER: tuple[str, ...] = tuple(t.value for t in RelationType)

RELATIONS_PARAM = Param(
    "relations", "relations", "only these relation types, e.g. REPLACES,AMENDS (default: all)"
)
ON_PARAM = Param(
    "on", "day", "answer as of this day, e.g. 30/6/2025 or 2025-06-30 (default: today)"
)

# A whole day as people type it: "2025-06-30", "30/6/2025".
_DAY_FORMS: tuple[tuple[re.Pattern[str], tuple[int, int, int]], ...] = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), (1, 2, 3)),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})"), (3, 2, 1)),
)


@dataclass(frozen=True, slots=True)
class Citation:
    """One edge seen from a document: the document at its other end and the edge itself
    (``edge.evidence`` is the sentence that proves it). :func:`cites` and :func:`cited_by`
    name the other end by its row (Hiến pháp 2013 is cited by tens of thousands of texts)."""

    document: Document | DocumentRow
    edge: Edge


@dataclass(frozen=True, slots=True)
class CitationCount:
    """A document and the number of distinct documents citing it."""

    document: Document
    count: int


@dataclass(frozen=True, slots=True)
class DocumentStatus:
    """The derived status of a document on a day, and the documents that decide it.

    ``derived`` is :func:`graph.status.derive_status`'s answer: label, day, explanation, the
    effects of every supersession edge. ``superseded_by`` are the documents that replace, repeal
    or suspend it by that day or from a later one (the successors a stale task should name);
    ``amended_by`` the ones that amend it, which leave it in force.
    """

    document: Document
    derived: Status
    superseded_by: tuple[Citation, ...] = ()
    amended_by: tuple[Citation, ...] = ()

    @property
    def status(self) -> str:
        """The label: ``Còn hiệu lực``, ``Hết hiệu lực một phần`` … (graph.model.STATUSES)."""
        return self.derived.label


def full_day(text: str) -> dt.date | None:
    """The day ``text`` names, written ``2025-06-30`` or ``30/6/2025``; None otherwise.

    >>> full_day("1/8/2022"), full_day("6/2025")
    (datetime.date(2022, 8, 1), None)
    """
    for pattern, (year, month, day) in _DAY_FORMS:
        if m := pattern.fullmatch(text.strip()):
            try:
                return dt.date(int(m[year]), int(m[month]), int(m[day]))
            except ValueError:
                return None
    return None


def as_day(on: str | dt.date | None) -> dt.date | None:
    """A query's ``on`` argument as a day (None: today), or :class:`InvalidArgument`."""
    if on is None or isinstance(on, dt.date):
        return on
    day = full_day(on)
    if day is None:
        raise InvalidArgument(f"không đọc được ngày {on!r} (ví dụ: 30/6/2025 hoặc 2025-06-30)")
    return day


def relation_types(relations: Iterable[str] | None) -> tuple[str, ...]:
    """The relation types to follow: all of them for None, else the given ones, checked.

    >>> relation_types(["replaces", "AMENDS"])
    ('REPLACES', 'AMENDS')
    """
    if relations is None:
        return RELATION_ORDER
    chosen = []
    for name in relations:
        upper = name.strip().upper()
        if upper not in RELATION_TYPES:
            raise UnknownRelation(
                f"không có loại quan hệ {name!r}; các loại: {', '.join(RELATION_ORDER)}"
            )
        if upper not in chosen:
            chosen.append(upper)
    return tuple(chosen)


def require_document(store: GraphStore, doc_id: str) -> Document:
    """The document with this id, or :class:`UnknownDocument`."""
    document = store.document(doc_id)
    if document is None:
        raise UnknownDocument(f"không có văn bản nào mã {doc_id!r}")
    return document


def documents_by_id(store: GraphStore, ids: Iterable[str]) -> dict[str, Document]:
    """The documents with these ids; an id the store does not hold as a document (an edge to a
    node of another kind) gets a bare placeholder so callers never lose an edge."""
    wanted = list(dict.fromkeys(ids))
    found = {doc.id: doc for doc in store.documents(wanted)}
    return {i: found.get(i) or Document(id=i) for i in wanted}


def rows_by_id(store: GraphStore, ids: Iterable[str]) -> dict[str, DocumentRow]:
    """The light rows of these documents (:meth:`GraphStore.document_rows`), in the order
    given; an id the store does not hold as a document gets a bare row, as in
    :func:`documents_by_id`."""
    wanted = list(dict.fromkeys(ids))
    found = store.document_rows(wanted)
    return {i: found.get(i) or DocumentRow(i) for i in wanted}


def _grouped(
    store: GraphStore, doc_id: str, direction: str, relations: Iterable[str] | None
) -> dict[str, list[Citation]]:
    require_document(store, doc_id)
    types = relation_types(relations)
    edges = store.edges_of(doc_id, direction, types)
    others = rows_by_id(store, (e.target if direction == "out" else e.source for e in edges))
    groups: dict[str, list[Citation]] = {}
    for kind in types:
        rows = [
            Citation(others[e.target if direction == "out" else e.source], e)
            for e in edges
            if e.type == kind
        ]
        if rows:
            rows.sort(key=lambda c: (c.document.label, c.edge.start))
            groups[kind] = rows
    return groups


# -- finding a document from what a user types ----------------------------------------------------


@query("find", params=(Param("text", "text", "an id, a số hiệu or words of a name"),))
def find(store: GraphStore, text: str) -> list[Document]:
    """Documents matching what a user typed: an id, a số hiệu in any form, or words of a name.

    Parameters
    ----------
    store : GraphStore
    text : str
        ``vn:43/2011/ND-CP``; ``749/QD-TTg`` or ``19/CT-TTG`` (case, diacritics and look-alikes
        do not matter); ``01/CT-BTTTT 2024`` (a year narrows a year-less number); or words of a
        name or label, with or without diacritics (``luat vien thong``).

    Returns
    -------
    list of Document
        Exact matches (id, number, whole name or alias) first, loaded documents before stubs;
        then documents containing every word, in any order, ranked by how well their number
        matches (``22/2013`` puts 22/2013/QĐ-TTg before a text that only cites it) and whether
        the words come together (:func:`queries.search.search`). Empty when nothing matches:
        :func:`queries.search.suggest` names what may have been meant.

    Examples
    --------
    >>> [d.label for d in find(store, "01/ct-btttt 2024")]
    ['Chỉ thị 01/CT-BTTTT (2024)']
    >>> [d.label for d in find(store, "chuyen doi so quoc gia")][:1]
    ['Quyết định 749/QĐ-TTg (2020)']
    """
    exact, partial = search(store, text)
    return exact + partial


def resolve(store: GraphStore, text: str) -> str:
    """The id of the one document ``text`` designates, for front ends.

    Raises :class:`UnknownDocument` when nothing matches (naming what the user may have meant:
    :func:`queries.search.suggest`) and :class:`AmbiguousDocument` when several match
    (``01/CT-BTTTT`` alone, with texts of 2024 and 2025 loaded).

    >>> resolve(store, "794/QD-TTg")
    Traceback (most recent call last):
    ...
    queries.errors.UnknownDocument: ...; có phải bạn muốn tìm: Quyết định 749/QĐ-TTg (2020)?
    """
    exact, partial = search(store, text)
    candidates = exact or partial
    if len(candidates) == 1:
        return candidates[0].id
    if not candidates:
        close = suggest(store, text)
        hint = "; có phải bạn muốn tìm: " + "; ".join(d.label for d in close) + "?" if close else ""
        raise UnknownDocument(f"không tìm thấy văn bản {text!r}{hint}")
    shown = "; ".join(f"{d.label} [{d.id}]" for d in candidates[:AMBIGUOUS_SHOWN])
    more = (
        f" và {len(candidates) - AMBIGUOUS_SHOWN} văn bản khác"
        if (len(candidates) > AMBIGUOUS_SHOWN)
        else ""
    )
    raise AmbiguousDocument(f"{text!r} khớp {len(candidates)} văn bản: {shown}{more}")


# "01/CT-BTTTT" matches the directives of 2020, 2024 and 2025: name a few, not hundreds of stubs.
AMBIGUOUS_SHOWN = 5


# -- what a document cites and what cites it --------------------------------------------------


@query("cites", params=(Param("doc_id", "document", "the citing document"), RELATIONS_PARAM))
def cites(
    store: GraphStore, doc_id: str, relations: Iterable[str] | None = None
) -> dict[str, list[Citation]]:
    """What a document cites, grouped by relation, each with its evidence sentence.

    Parameters
    ----------
    store : GraphStore
    doc_id : str
        Id of the citing document.
    relations : iterable of str, optional
        Relation types to keep (``"REPLACES"``, ``"BASED_ON"`` …); all by default.

    Returns
    -------
    dict of str to list of Citation
        Relation type → the cited documents with their edges, strongest relation first.

    Examples
    --------
    >>> store = EmbeddedStore("data/graph")  # after: python -m loader samples
    >>> [c.document.label for c in cites(store, "vn:01/CT-BTTTT@2024")["IMPLEMENTS"]][-1]
    'Quyết định 654/QĐ-TTg'
    """
    return _grouped(store, doc_id, "out", relations)


@query("cited_by", params=(Param("doc_id", "document", "the cited document"), RELATIONS_PARAM))
def cited_by(
    store: GraphStore, doc_id: str, relations: Iterable[str] | None = None
) -> dict[str, list[Citation]]:
    """What cites a document, grouped by relation, each with its evidence sentence.

    Parameters
    ----------
    store : GraphStore
    doc_id : str
        Id of the cited document.
    relations : iterable of str, optional
        Relation types to keep; all by default.

    Returns
    -------
    dict of str to list of Citation
        Relation type → the citing documents with their edges (``REPLACES`` lists the
        successors).

    Examples
    --------
    >>> [c.document.label for c in cited_by(store, "vn:749/QD-TTG@2020")["IMPLEMENTS"]][:1]
    ['Chỉ thị 01/CT-BTTTT (2025)']
    """
    return _grouped(store, doc_id, "in", relations)


@query("most_cited", params=(Param("limit", "int", "how many documents", 10), RELATIONS_PARAM))
def most_cited(
    store: GraphStore, limit: int = 10, relations: Iterable[str] | None = None
) -> list[CitationCount]:
    """The documents cited by the most distinct documents, most cited first.

    Parameters
    ----------
    store : GraphStore
    limit : int
        How many to return.
    relations : iterable of str, optional
        Count only these relation types; all by default.

    Returns
    -------
    list of CitationCount
        Ties are broken by id, so every store gives the same list.

    Examples
    --------
    >>> [(r.document.label, r.count) for r in most_cited(store, limit=1)]
    [('Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng (2021)', 3)]
    """
    degrees = store.in_degrees(relation_types(relations))
    top = sorted(degrees.items(), key=lambda item: (-item[1], item[0]))[: max(limit, 0)]
    docs = documents_by_id(store, (doc_id for doc_id, _ in top))
    return [CitationCount(docs[doc_id], count) for doc_id, count in top if count > 0]


@query("status", params=(Param("doc_id", "document", "the document"), ON_PARAM))
def status(store: GraphStore, doc_id: str, on: str | dt.date | None = None) -> DocumentStatus:
    """Whether a document is in force on a day, why, and what replaces, repeals or amends it.

    Parameters
    ----------
    store : GraphStore
    doc_id : str
    on : str or datetime.date, optional
        The day to answer for (``30/6/2025``, ``2025-06-30``); today by default.

    Returns
    -------
    DocumentStatus
        ``derived`` is :func:`graph.status.derive_status` of the edges entering the document
        (``label``, ``headline``, ``explanation``, ``effects``): *Hết hiệu lực* when a whole
        replacement or repeal is in effect (``superseded_by`` names the successors), *Sắp hết
        hiệu lực từ …* when one is dated later, *Hết hiệu lực một phần* naming the provisions,
        *Còn hiệu lực* only for a loaded text in effect that nothing in the store ends, *Chưa
        rõ* for a stub or a text whose effective date nobody knows, *Không áp dụng* for texts
        without legal force.

    Examples
    --------
    >>> status(store, "vn:749/QD-TTG@2020").status  # cited by the samples, not loaded
    'Chưa rõ'
    >>> report = status(store, "vn:43/2011/ND-CP", on="1/7/2022")  # 42/2022/NĐ-CP loaded
    >>> report.derived.headline, [c.document.label for c in report.superseded_by]
    ('Chưa rõ', ['Nghị định 42/2022/NĐ-CP'])
    >>> status(store, "vn:43/2011/ND-CP", on="1/8/2022").derived.headline  # replaced from then
    'Hết hiệu lực'
    """
    return statuses(store, [doc_id], on)[doc_id]


def statuses(
    store: GraphStore,
    doc_ids: Iterable[str],
    on: str | dt.date | None = None,
    *,
    loaded: int | None = None,
) -> dict[str, DocumentStatus]:
    """:func:`status` of many documents in a few round trips, whatever their number (a task's
    dependencies, level by level), by id in the order given.

    ``loaded`` is how many texts the store holds (asked of it when not given: a caller asking
    level after level asks once). Raises :class:`UnknownDocument` for an id the store holds no
    document for.
    """
    day = as_day(on)
    wanted = list(dict.fromkeys(doc_ids))
    if not wanted:
        return {}
    found = {doc.id: doc for doc in store.documents(wanted)}
    for doc_id in wanted:
        if doc_id not in found:
            raise UnknownDocument(f"không có văn bản nào mã {doc_id!r}")
    incoming = store.edges_of_many(wanted, "in", sorted(SUPERSESSION_TYPES))
    others = documents_by_id(store, (e.source for i in wanted for e in incoming[i]))
    if loaded is None:
        loaded = store.stats().texts
    answers = {}
    for doc_id in wanted:
        derived = derive_status(found[doc_id], incoming[doc_id], day, acting=others, loaded=loaded)

        def citing(types: Iterable[str], derived: Status = derived) -> tuple[Citation, ...]:
            chosen = set(types)
            return tuple(
                Citation(others[e.edge.source], e.edge)
                for e in derived.effects
                if e.edge.type in chosen
            )

        answers[doc_id] = DocumentStatus(
            document=found[doc_id],
            derived=derived,
            superseded_by=citing(FORCE_TAKING_TYPES),
            amended_by=citing([RelationType.AMENDS]),
        )
    return answers
