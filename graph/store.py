"""The store contract every backend implements (embedded default, Neo4j).

Writes happen one text at a time and are atomic: :meth:`GraphStore.write_text` replaces everything
the text asserted before (its own node's fields, its edges, tasks, mentions and aliases) or, if it
fails, leaves the store as it was. Reads return the model classes of :mod:`graph.model`, or for the
many documents and edges of a walk light rows of them (:class:`DocumentRow`, :class:`EdgeRow`); the
named queries in :mod:`queries` use only the methods below, so they answer the same on every store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol, runtime_checkable

from graph.claims import StoredClaims
from graph.model import Alias, Document, Edge, Mention, Node, TextGraph


class StoreError(Exception):
    """Base class of the errors a store raises."""


class StoreUnavailable(StoreError):
    """The store cannot be opened or reached (missing directory, server down, bad credentials)."""


class StoreCorrupt(StoreError):
    """The store on disk is not a graph store this version can read."""


class TextRefused(ValueError):
    """:meth:`GraphStore.write_texts` refused a text (an edge names a node that is neither in it
    nor in the store): ``written`` are the results of the texts before it, which did land."""

    def __init__(self, message: str, source_path: str, written: list[WriteResult]) -> None:
        super().__init__(message)
        self.source_path = source_path
        self.written = written


@dataclass(frozen=True, slots=True)
class TextRecord:
    """A loaded source text as the store remembers it."""

    source_path: str
    sha256: str
    doc_id: str
    loaded_at: str
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()
    asked: tuple[str, ...] = ()  # TextGraph.asked: the names it looked up, sorted
    answered: tuple[str, ...] = ()  # TextGraph.answered: "name=document id", sorted
    format: str = "text"
    ocr: bool = False
    content_sha256: str = ""
    # None for the text of record of ``doc_id`` (the one whose edges and tasks are in the graph);
    # else the source_path of that text, of which this file is another source (TextGraph.same_as).
    same_as: str | None = None

    @property
    def of_record(self) -> bool:
        """Whether this text's edges and tasks are the graph's (it is its document's text)."""
        return self.same_as is None


@dataclass(slots=True)
class WriteResult:
    """What :meth:`GraphStore.write_text` did: ``unchanged`` when the same content was loaded."""

    source_path: str
    doc_id: str
    unchanged: bool = False
    edges_added: int = 0
    edges_removed: int = 0
    stub_upgraded: bool = False
    same_as: str | None = None  # recorded as another source of the document of this text
    copy_of: str | None = None  # an exact copy of this loaded text: nothing written
    demoted: str | None = None  # the text of record it took over from (now one of its sources)


@dataclass(slots=True)
class StoreStats:
    """Counts for ``python -m graph stats`` and the loader's summary."""

    texts: int = 0  # texts of record: one per loaded document
    other_sources: int = 0  # further files of loaded documents (TextRecord.same_as)
    documents: int = 0
    stubs: int = 0
    tasks: int = 0
    agencies: int = 0
    edges_by_type: dict[str, int] = field(default_factory=dict)
    mentions_by_status: dict[str, int] = field(default_factory=dict)

    @property
    def edges(self) -> int:
        return sum(self.edges_by_type.values())


# Read rows are named tuples, not dataclasses: a walk two hops around a much-cited law makes
# thousands of them, and a frozen dataclass of ten fields costs four times as much to build.
class DocumentRow(NamedTuple):
    """A document as a list or a drawing shows it: what names it, its dates and whether its text
    is loaded, read for many ids at once (:meth:`GraphStore.document_rows`).

    A walk around Hiến pháp 2013 reaches thousands of documents, and turning each into a full
    :class:`graph.model.Document` was three quarters of its time (issue 14). The fields are
    Document's of the same names; ``status`` is a derived status label
    (:data:`graph.model.STATUSES`) when the query that made the row knew all that it rests on,
    else None (:func:`queries.status` gives it, with its reasons).

    >>> DocumentRow("vn:749/QD-TTG@2020", "decision", "749/QĐ-TTg", 2020).label
    'Quyết định 749/QĐ-TTg (2020)'
    """

    id: str
    doc_type: str = "unknown"
    number: str | None = None
    year: int | None = None
    name: str | None = None
    issuer: str | None = None
    issued_date: str | None = None  # ISO yyyy-mm-dd
    effective_date: str | None = None
    source_path: str | None = None  # None for a stub, as Document.source_path
    status: str | None = None

    @property
    def is_stub(self) -> bool:
        return self.source_path is None

    @property
    def label(self) -> str:
        """How an officer names it (:attr:`graph.model.Document.label`)."""
        return Document(self.id, self.doc_type, self.number, self.year, self.name).label

    @classmethod
    def of(cls, document: Document, status: str | None = None) -> DocumentRow:
        """The row of a full document."""
        return cls(
            document.id,
            document.doc_type,
            document.number,
            document.year,
            document.name,
            document.issuer,
            document.issued_date,
            document.effective_date,
            document.source_path,
            status,
        )

    def document(self) -> Document:
        """A Document with the row's fields and no others (issuer, signer, field, aliases
        unknown): what :func:`graph.status.derive_status` reads, never a document to show."""
        return Document(
            self.id,
            self.doc_type,
            self.number,
            self.year,
            self.name,
            self.issuer,
            self.issued_date,
            self.effective_date,
            source_path=self.source_path,
        )


class EdgeRow(NamedTuple):
    """An edge as a walk follows it: its ends, type and the text that asserted it, without the
    evidence sentence and dates of :class:`graph.model.Edge` (:meth:`GraphStore.edges_with_keys`
    reads those for the edges a page shows)."""

    source: str
    target: str
    type: str
    origin: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.type)


@dataclass(frozen=True, slots=True)
class Fan:
    """A node's edges to the documents a walk follows from it, and how many it is related to.

    ``edges`` link the node to its first ``limit`` related documents (:meth:`GraphStore.fan_out`);
    ``related`` counts them all: Hiến pháp 2013, cited by a third of the national corpus, has a
    ``related`` of tens of thousands and edges to ``limit`` documents.
    """

    edges: tuple[EdgeRow, ...] = ()
    related: int = 0


@runtime_checkable
class GraphStore(Protocol):
    """The contract. ``direction`` arguments are ``"out"`` (edges from the node) or ``"in"``."""

    # -- writing ---------------------------------------------------------------------------------
    def write_text(self, text: TextGraph, *, force: bool = False) -> WriteResult:
        """Atomically replace what ``text.source_path`` contributed with ``text``.

        A text already stored with the same ``sha256`` is left alone (``unchanged=True``) unless
        ``force``: the loader re-resolves an unchanged text when the store has learnt an alias
        for a name it cites.

        One document has one text of record. A text with ``same_as`` set is recorded (its record
        and content) as another source of its document and contributes nothing else; anything it
        contributed before goes. A text without, whose document is the text of record of another
        file, takes over: that file's edges, tasks, mentions and aliases go, and it and the files
        recorded as its sources become sources of this text (``WriteResult.demoted``). Which file
        should be the text of record is the loader's decision (``loader.pipeline.keep_rank``).
        """
        ...

    def write_texts(self, texts: Iterable[TextGraph], *, force: bool = False) -> list[WriteResult]:
        """Write texts as :meth:`write_text` one after another would, one result per text.

        A server store groups them into fewer transactions (each text stays atomic: its group
        lands whole or not at all). If a text is refused, the texts before it are written and
        :class:`TextRefused` (a ValueError) says which text and what the others did, as a loop
        of :meth:`write_text` would stop at it.
        """
        ...

    def remove_text(self, source_path: str) -> bool:
        """Atomically remove everything a text contributed; its document becomes a stub if cited."""
        ...

    def text_record(self, source_path: str) -> TextRecord | None: ...

    def stored_claims(self) -> StoredClaims:
        """Every document's tally of claims and own fields, and every text's claims
        (:mod:`graph.claims`)."""
        ...

    def sources(self, doc_ids: Iterable[str]) -> dict[str, list[TextRecord]]:
        """The loaded files of each of these documents, its text of record first, then the other
        files by path; a document with none is not a key (one round trip)."""
        ...

    def texts_with_content(self, digests: Iterable[str]) -> dict[str, list[TextRecord]]:
        """The loaded texts whose ``content_sha256`` is one of these, by digest, texts of record
        first, then by path: an exact copy of a loaded text is recognised by it."""
        ...

    def text_records(self, source_paths: Iterable[str]) -> dict[str, TextRecord]:
        """The records of those of ``source_paths`` that are loaded, by path (one round trip)."""
        ...

    def texts(self) -> Iterator[TextRecord]: ...

    def text_content(self, source_path: str) -> str | None:
        """The cleaned text a loaded file contributed (the offsets of its edges index into it)."""
        ...

    def texts_asking(self, names: Iterable[str]) -> set[str]:
        """The loaded texts that looked up one of these folded names (:attr:`TextRecord.asked`):
        the ones a text teaching such a name may have put out of date."""
        ...

    def text_contents(self, source_paths: Iterable[str]) -> dict[str, str]:
        """:meth:`text_content` of those of ``source_paths`` that are loaded, by path (one round
        trip: re-resolution reads every text that cites a newly named programme)."""
        ...

    # -- reading ---------------------------------------------------------------------------------
    def node(self, node_id: str) -> Node | None: ...

    def document(self, doc_id: str) -> Document | None: ...

    def documents(self, ids: Iterable[str] | None = None) -> Iterator[Document]:
        """All documents (full and stubs), or those with the given ids that exist."""
        ...

    def find_documents(self, number_key: str) -> list[Document]:
        """Documents whose folded số hiệu (:func:`graph.identity.number_key`) equals this."""
        ...

    def named_documents(self, name_key: str) -> list[Document]:
        """Number-less documents whose folded name (:func:`graph.identity.fold_name`) is
        ``name_key`` or starts with ``name_key`` followed by a space."""
        ...

    def named_documents_many(self, name_keys: Iterable[str]) -> dict[str, list[Document]]:
        """:meth:`named_documents` for many keys at once (one round trip for the names a group
        of texts taught): every key given is a key of the answer, as given."""
        ...

    def nodes(self, kind: str | None = None) -> Iterator[Node]: ...

    def edges(self, types: Iterable[str] | None = None) -> Iterator[Edge]: ...

    def edges_of(
        self, node_id: str, direction: str = "out", types: Iterable[str] | None = None
    ) -> list[Edge]:
        """Edges leaving (``out``) or entering (``in``) a node, optionally of some types only."""
        ...

    def edges_of_many(
        self, node_ids: Iterable[str], direction: str = "out", types: Iterable[str] | None = None
    ) -> dict[str, list[Edge]]:
        """:meth:`edges_of` for many nodes at once (a walk asks for a whole frontier in one
        round trip): every requested id is a key, its edges ordered as :meth:`edges_of` orders
        them, ``[]`` for a node without such edges or not in the store."""
        ...

    def fan_out(
        self, node_ids: Iterable[str], directions: Sequence[str], types: Sequence[str], limit: int
    ) -> dict[str, Fan]:
        """Each node's edges to at most ``limit`` of the documents it is related to, and how many
        those are in all (one round trip for a walk's whole frontier, however much cites it).

        ``directions`` are ``"out"`` and/or ``"in"``, ``types`` the relation types to follow,
        strongest first, ``limit`` at least 1. The related documents are those at the other end
        of such an edge (the node itself, for an edge from it to itself); the ones kept are
        those whose strongest relation with the node comes first in ``types``, then by id (as
        Python compares strings: the stores compare the ids, all of the Basic Multilingual
        Plane, alike), and every such edge between the node and a kept one is returned as an
        :class:`EdgeRow`, ordered by source, target, type and origin. Every requested id is a
        key, ``Fan()`` for a node without such edges or not in the store.
        """
        ...

    def document_rows(self, ids: Iterable[str]) -> dict[str, DocumentRow]:
        """:class:`DocumentRow` of those of ``ids`` that are documents, by id (``status`` None):
        a few fields read for many documents at once, never a whole document."""
        ...

    def edges_with_keys(
        self, keys: Iterable[tuple[str, str, str]]
    ) -> dict[tuple[str, str, str], list[Edge]]:
        """Every edge whose (source, target, type) is one of ``keys``, whole (evidence, dates,
        scope), by key, one per text asserting it in :meth:`edges_of`'s order; a key without
        such an edge is not a key of the answer (one round trip for a page's edges)."""
        ...

    def in_degrees(self, types: Iterable[str] | None = None) -> dict[str, int]:
        """Number of distinct citing documents per target id (for most-cited)."""
        ...

    def aliases(self, key: str | None = None) -> list[Alias]: ...

    def mentions(self, status: str | None = None, origin: str | None = None) -> list[Mention]:
        """Mentions left for a person, optionally of one status and/or from one text only."""
        ...

    def stats(self) -> StoreStats: ...

    def export(self) -> dict[str, Any]:
        """The whole graph as node-link JSON (DESIGN.md, Export format)."""
        ...

    def close(self) -> None: ...
