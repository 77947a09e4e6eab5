"""Factories of graph-model objects for tests: real-looking documents, citations and tasks.

Tests describe a text by what it says, not by rows::

    decree = doc("42/2022/NĐ-CP", name="Nghị định về cung cấp thông tin và dịch vụ công trực tuyến")
    text = text_graph("42-2022-ND-CP.txt", decree, [("REPLACES", doc("43/2011/NĐ-CP"))])

:func:`text_graph` writes the text's content, one sentence per relation ("Căn cứ Nghị định
43/2011/NĐ-CP …;"), points each edge's evidence and offsets into it, and derives ``sha256`` from
the content, so two texts built from the same arguments are the same text to a store and a text
built from different arguments is a changed one. Ids come from :mod:`graph.identity`, as the
loader makes them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from graph.identity import (
    canonical_number,
    doc_type_from_number,
    document_id,
    fold_name,
    number_year,
)
from graph.model import Agency, Alias, Document, Edge, Mention, Task, TextGraph

# How a text states each relation, with {target} the cited document's label and {own} the text's
# own document ("Nghị định này thay thế Nghị định 43/2011/NĐ-CP").
SENTENCES: dict[str, str] = {
    "BASED_ON": "Căn cứ {target};",
    "IMPLEMENTS": "Để triển khai thực hiện {target}, ban hành kế hoạch này.",
    "GUIDES": "Thông tư này hướng dẫn thi hành {target}.",
    "AMENDS": "Sửa đổi, bổ sung một số điều của {target}.",
    "REPLACES": "{own} thay thế {target}.",
    "REPEALS": "Bãi bỏ {target}.",
    "CORRECTS": "Đính chính {target}.",
    "SUSPENDS": "Đình chỉ thi hành {target}.",
    "CONSOLIDATES": "Văn bản này hợp nhất {target}.",
    "CITES": "Thực hiện theo quy định tại {target}.",
}


def doc(
    number: str,
    *,
    year: int | None = None,
    doc_type: str | None = None,
    name: str | None = None,
    source_path: str | None = None,
    issued_date: str | None = None,
    issuer: str | None = None,
) -> Document:
    """A numbered document as the loader identifies it (a stub unless ``source_path`` is given).

    >>> doc("749/QD-TTg", year=2020).id
    'vn:749/QD-TTG@2020'
    """
    number = canonical_number(number)
    year = year if year is not None else number_year(number)
    doc_type = doc_type or doc_type_from_number(number)
    return Document(
        id=document_id(number, year, doc_type),
        doc_type=doc_type,
        number=number,
        year=year,
        name=name,
        issuer=issuer,
        issued_date=issued_date,
        source_path=source_path,
    )


def named(doc_type: str, name: str, year: int | None = None) -> Document:
    """A document cited by name only ("Luật Viễn thông năm 2023") as a stub."""
    return Document(
        id=document_id(None, year, doc_type, name), doc_type=doc_type, name=name, year=year
    )


def agency(name: str) -> Agency:
    """An agency node with the id the loader gives it (``agency:`` + folded name)."""
    return Agency(id=f"agency:{fold_name(name)}", name=name)


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """A task a text assigns: built into a Task node and its edges by :func:`text_graph`."""

    section: str
    text: str
    lead: str
    partners: tuple[str, ...] = ()
    depends_on: tuple[Document, ...] = ()
    deadline: str | None = None


def task(
    section: str,
    text: str,
    lead: str,
    *,
    partners: Sequence[str] = (),
    depends_on: Sequence[Document] = (),
    deadline: str | None = None,
) -> TaskSpec:
    """``task("2.5", "Xây dựng Nghị định sửa đổi Nghị định 43/2011/NĐ-CP", "Bộ TTTT", …)``."""
    return TaskSpec(section, text, lead, tuple(partners), tuple(depends_on), deadline)


@dataclass(slots=True)
class _Writer:
    """Accumulates a text's content so every evidence sentence has its true offsets."""

    parts: list[str] = field(default_factory=list)
    length: int = 0

    def sentence(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text + "\n")
        self.length += len(text) + 1
        return start, start + len(text)

    @property
    def content(self) -> str:
        return "".join(self.parts)


def text_graph(
    source_path: str,
    own: Document,
    relations: Sequence[tuple[str, Document]] = (),
    *,
    third_party: Sequence[tuple[Document, str, Document]] = (),
    tasks: Sequence[TaskSpec] = (),
    mentions: Sequence[tuple[str, str, str]] = (),
    aliases: Sequence[tuple[str, Document]] = (),
    confidence: float = 0.9,
) -> TextGraph:
    """The TextGraph the loader would produce for a text saying these things.

    Parameters
    ----------
    source_path : str
        The text's key in the store; also the ``source_path`` of ``own``.
    own : Document
        The text's own document.
    relations : sequence of (type, Document)
        ``own`` → document edges, one sentence each; the targets become ``cited`` stubs.
    third_party : sequence of (Document, type, Document)
        Edges the text reports between two other documents ("Nghị định 42/2022/NĐ-CP thay thế
        Nghị định 43/2011/NĐ-CP").
    tasks : sequence of TaskSpec
        Each gives a Task, HAS_TASK from ``own``, LED_BY / SUPPORTED_BY agencies and DEPENDS_ON
        documents.
    mentions : sequence of (mention text, status, reason)
        Citations the loader could not pin down.
    aliases : sequence of (name, Document)
        Names the text teaches ("Chương trình Chuyển đổi số quốc gia" → 749/QĐ-TTg).
    """
    own = replace(own, source_path=source_path)
    writer = _Writer()
    writer.sentence(own.name or own.label)
    cited: dict[str, Document] = {}
    edges: list[Edge] = []
    agencies: dict[str, Agency] = {}
    task_nodes: list[Task] = []

    def edge(source: str, target: str, type_: str, evidence: str) -> None:
        start, end = writer.sentence(evidence)
        edges.append(Edge(source, target, type_, evidence, start, end, confidence, source_path))

    def cite(document: Document) -> None:
        if document.id != own.id:
            cited.setdefault(document.id, document)

    for type_, target in relations:
        cite(target)
        sentence = SENTENCES[type_].format(own=own.label, target=target.label)
        edge(own.id, target.id, type_, sentence)
    for source, type_, target in third_party:
        cite(source)
        cite(target)
        sentence = SENTENCES[type_].format(own=source.label, target=target.label)
        edge(source.id, target.id, type_, sentence)
    for spec in tasks:
        node = Task(
            id=f"task:{own.id}:{spec.section}",
            text=spec.text,
            section=spec.section,
            lead=spec.lead,
            partners=spec.partners,
            deadline=spec.deadline,
            source_path=source_path,
        )
        task_nodes.append(node)
        edge(own.id, node.id, "HAS_TASK", f"{spec.section}. {spec.text}")
        lead = agencies.setdefault(spec.lead, agency(spec.lead))
        edge(node.id, lead.id, "LED_BY", f"{lead.name} chủ trì.")
        for partner in spec.partners:
            supporter = agencies.setdefault(partner, agency(partner))
            edge(node.id, supporter.id, "SUPPORTED_BY", f"{supporter.name} phối hợp.")
        for target in spec.depends_on:
            cite(target)
            edge(node.id, target.id, "DEPENDS_ON", f"{spec.text} theo {target.label}.")
    found: list[Mention] = []
    for text, status, reason in mentions:
        start, end = writer.sentence(f"Thực hiện {text}.")
        found.append(Mention(source_path, text, start + 10, end - 1, status, reason))
    learnt = [Alias(fold_name(name), name, target.id, source_path) for name, target in aliases]
    content = writer.content
    return TextGraph(
        source_path=source_path,
        sha256=hashlib.sha256(content.encode("utf-8")).hexdigest(),
        document=own,
        cited=list(cited.values()),
        edges=edges,
        tasks=task_nodes,
        agencies=list(agencies.values()),
        mentions=found,
        aliases=learnt,
        content=content,
    )


# A pool of documents that batches of generated texts cite, so stubs are shared between texts.
_POOL = tuple(
    doc(number)
    for number in (
        "43/2011/NĐ-CP",
        "42/2022/NĐ-CP",
        "24/2023/QH15",
        "13/2023/NĐ-CP",
        "06/QĐ-TTg",
        "749/QĐ-TTg",
        "18-NQ/TW",
    )
)
_BATCH_TYPES = ("BASED_ON", "CITES", "IMPLEMENTS", "AMENDS")


def batch_text(i: int) -> TextGraph:
    """The ``i``-th of a deterministic series of small decisions (crash and bulk tests).

    Text ``i`` is Quyết định ``{i+1}/QĐ-UBND`` of 2024 and cites ``1 + i % 5`` documents of a
    shared pool, so ``len(batch_text(i).edges)`` is what the store must hold for it.
    """
    own = doc(f"{i + 1}/QĐ-UBND", year=2024, name=f"Quyết định số {i + 1} về chuyển đổi số")
    relations = [
        (_BATCH_TYPES[(i + k) % len(_BATCH_TYPES)], _POOL[(i + k) % len(_POOL)])
        for k in range(1 + i % 5)
    ]
    return text_graph(f"batch/qd-{i + 1:05d}.txt", own, relations)


# -- one document in every format ----------------------------------------------------------------

Identity = tuple[object, ...]
EdgeKeys = set[tuple[str, str, str]]


def own_identity(graph: TextGraph) -> Identity:
    """What a text's own document is: what every file of the same document must give alike."""
    d = graph.document
    return (d.id, d.doc_type, d.number, d.year, d.issued_date)


def edge_keys(graph: TextGraph) -> EdgeKeys:
    """(source, target, type) of every edge a text gives: alike for every file of a document."""
    return {(e.source, e.target, e.type) for e in graph.edges}


def identity_and_edges(graph: TextGraph) -> tuple[Identity, EdgeKeys]:
    return own_identity(graph), edge_keys(graph)
