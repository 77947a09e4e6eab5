"""Queries about tasks: what a task rests on, which tasks a change affects, who does what, when.

A task rests on documents in two ways, and an officer must know which:

- *nêu trực tiếp*: its own sentence cites the document ("Cục Phát thanh … rà soát … theo Nghị
  định số 43/2011/NĐ-CP"); the evidence is that sentence;
- *kế thừa*: it inherits the document from the text that assigns it, whose "Căn cứ …" or
  "triển khai thực hiện …" names it ("Chỉ thị 01/CT-BTTTT → triển khai thực hiện Quyết định
  749/QĐ-TTg"), or from a document it cites, which rests on it in turn (a plan → its căn cứ);
  the evidence is the sentence of that text, and the path says how it was reached.

So a task's dependencies are a walk outwards from it (level 1: what it cites and what its
assigning text rests on; each further level: what *loaded* documents of the level before are
BASED_ON, IMPLEMENT or GUIDE), and the tasks a document affects the same walk inwards. Each
dependency carries its derived status on a day (:func:`queries.documents.status`, that is
:func:`graph.status.derive_status`, one rule for the whole app) and, when it has been replaced,
repealed or suspended, in whole or in part, or is about to be, the acts that do it and from when:
"this task cites Nghị định 43/2011/NĐ-CP, replaced by 42/2022/NĐ-CP from 01/08/2022".

Every function uses only :class:`graph.store.GraphStore` methods, so it answers the same on the
embedded store and on Neo4j.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from graph.identity import fold_name
from graph.model import (
    Agency,
    Document,
    Edge,
    RelationType,
    Task,
    TaskEdgeType,
)
from graph.status import ACTIVE, FORCE_TAKING_TYPES, Effect, Status, format_day
from graph.store import GraphStore
from loader.agencies import agency_id, canonical_agency
from loader.tasks.extract import CONFIDENCE
from queries.documents import (
    ON_PARAM,
    RELATION_ORDER,
    as_day,
    documents_by_id,
    full_day,
    require_document,
    statuses,
)
from queries.errors import InvalidArgument, QueryError
from queries.registry import Param, query
from queries.render import RENDERERS, _doc, _evidence
from queries.traversal import MAX_DEPTH

# What a loaded document rests on, for the walk beyond a task's own citations: the decision a
# directive implements, the law a decree guides, the "Căn cứ" of a circular. A document that only
# CITES another does not rest on it.
RESTS_ON: tuple[str, ...] = (
    RelationType.BASED_ON,
    RelationType.IMPLEMENTS,
    RelationType.GUIDES,
)
_DEPENDS = (TaskEdgeType.DEPENDS_ON,)
_HAS_TASK = (TaskEdgeType.HAS_TASK,)
_ROLES = {TaskEdgeType.LED_BY: "chủ trì", TaskEdgeType.SUPPORTED_BY: "phối hợp"}

# The loader draws a DEPENDS_ON from the task's own sentence ("… theo Nghị định số
# 43/2011/NĐ-CP") with its "depends" confidence, and one from the list's introduction or the
# letter's context ("Để triển khai Nghị quyết 01/NQ-CP …, yêu cầu: …", the task naming nothing)
# with its lower "context" confidence: anything above the latter is a citation of the task's own.
CONTEXT_CONFIDENCE: float = CONFIDENCE["context"]

# How an officer says a task rests on a document.
DIRECT = "nêu trực tiếp"
INHERITED = "kế thừa"

# How each step of a path reads, from the document before it: "Chỉ thị 01/CT-BTTTT → triển khai
# thực hiện Quyết định 749/QĐ-TTg", "Kế hoạch 10/KH-BTTTT → căn cứ Nghị định 13/2023/NĐ-CP".
STEP_WORDS: dict[str, str] = {
    RelationType.BASED_ON: "căn cứ",
    RelationType.IMPLEMENTS: "triển khai thực hiện",
    RelationType.GUIDES: "hướng dẫn",
    RelationType.CITES: "dẫn chiếu",
    RelationType.CONSOLIDATES: "hợp nhất",
    TaskEdgeType.DEPENDS_ON: "dẫn chiếu",
    **ACTIVE,
}


class UnknownTask(QueryError):
    """No task has this id, or its text contains what the user typed."""


class AmbiguousTask(QueryError):
    """What the user typed is in the text of several tasks."""


@dataclass(frozen=True, slots=True)
class Replacement:
    """An act that ends or suspends a dependency, in whole or in part, now or from a later day
    (``effect.applies``): "Nghị định 42/2022/NĐ-CP thay thế, từ 01/08/2022"."""

    document: Document
    effect: Effect

    @property
    def relation(self) -> str:
        """What the act does, as it says it: ``thay thế``, ``bãi bỏ``, ``đình chỉ thi hành``."""
        return ACTIVE.get(self.effect.edge.type, self.effect.edge.type)

    @property
    def day(self) -> str | None:
        """The day it takes hold (ISO), None when no text says."""
        return self.effect.day

    @property
    def provisions(self) -> tuple[str, ...]:
        return self.effect.provisions


@dataclass(frozen=True, slots=True)
class Dependency:
    """A document a task rests on, ``depth`` levels away, with its derived status on the day
    asked about.

    ``via`` are the edges walked from the task to it and ``path`` the document each one reaches
    (``path[-1]`` is ``document``): a DEPENDS_ON first when the task cites it or a document
    resting on it; HAS_TASK (its ``source`` is the assigning text, ``path[0]``) first when it is
    inherited from the text that assigns the task. ``inherited`` is False only for a document
    the task's own sentence cites (*nêu trực tiếp*); ``evidence`` is the sentence that shows the
    link: the task's own, or that of the text it is inherited from ("Căn cứ …"); empty when no
    stored sentence names it.

    ``successors`` are the documents that end or suspend it, now (``stale``) or from a later day
    (``soon``): what the task should rest on instead; ``replaced_by`` says what each does, to
    which provisions, from when.
    """

    document: Document
    derived: Status
    depth: int
    via: tuple[Edge, ...]
    successors: tuple[Document, ...] = ()
    inherited: bool = False
    path: tuple[Document, ...] = ()
    evidence: str = ""
    replaced_by: tuple[Replacement, ...] = ()

    @property
    def status(self) -> str:
        return self.derived.label

    @property
    def stale(self) -> bool:
        """Replaced, repealed or suspended on that day, in whole or in part (the provisions are
        ``derived.provisions``)."""
        return self.derived.stale

    @property
    def soon(self) -> bool:
        """To be replaced or repealed from a later day (``derived.since``)."""
        return self.derived.soon

    @property
    def basis(self) -> str:
        """``nêu trực tiếp`` or ``kế thừa``."""
        return INHERITED if self.inherited else DIRECT

    @property
    def path_text(self) -> str:
        """How an inherited dependency is reached, for people: ``Chỉ thị 01/CT-BTTTT (2025) →
        triển khai thực hiện Quyết định 749/QĐ-TTg (2020)``; empty for a direct one."""
        return path_text(self.via, self.path) if self.inherited else ""


def path_text(via: tuple[Edge, ...], path: tuple[Document, ...]) -> str:
    """The steps of a walk from a task, each document named with what leads to it.

    The assigning text opens the path by its name; a document the task cites is "Nhiệm vụ dẫn
    chiếu …"; every other step is the relation of the document before it (:data:`STEP_WORDS`).
    """
    parts = []
    for k, (edge, document) in enumerate(zip(via, path, strict=True)):
        if edge.type == TaskEdgeType.HAS_TASK:
            parts.append(document.label)
        elif k == 0:
            parts.append(f"Nhiệm vụ dẫn chiếu {document.label}")
        else:
            parts.append(f"{STEP_WORDS.get(edge.type, edge.type)} {document.label}")
    return " → ".join(parts)


@dataclass(frozen=True, slots=True)
class TaskDependencies:
    """A task, the document that assigns it, and what it rests on: stale ones first, then
    those soon to be, then the nearest, direct before inherited."""

    task: Task
    source: Document | None
    dependencies: tuple[Dependency, ...]

    @property
    def stale(self) -> tuple[Dependency, ...]:
        return tuple(d for d in self.dependencies if d.stale)

    @property
    def soon(self) -> tuple[Dependency, ...]:
        return tuple(d for d in self.dependencies if d.soon)

    @property
    def direct(self) -> tuple[Dependency, ...]:
        return tuple(d for d in self.dependencies if not d.inherited)

    @property
    def inherited(self) -> tuple[Dependency, ...]:
        return tuple(d for d in self.dependencies if d.inherited)


@dataclass(frozen=True, slots=True)
class DocumentDependencies:
    """A document, its status, what it rests on (as a task inherits it) and, for each task it
    assigns, what that task rests on beyond the document's own căn cứ."""

    document: Document
    derived: Status
    dependencies: tuple[Dependency, ...]
    tasks: tuple[TaskDependencies, ...]

    @property
    def stale(self) -> tuple[Dependency, ...]:
        """Every stale dependency of the document and of its tasks, each once."""
        seen: dict[str, Dependency] = {}
        for dep in (*self.dependencies, *(d for t in self.tasks for d in t.dependencies)):
            if dep.stale:
                seen.setdefault(dep.document.id, dep)
        return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class TaskRow:
    """A task in a list, with the document that assigns it and, when listed by agency, the
    agency's part in it (``chủ trì`` or ``phối hợp``)."""

    task: Task
    source: Document | None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class TaskImpact:
    """A task affected by a document: ``via`` leads from the task to the document, through a
    DEPENDS_ON (the task cites it or a document resting on it) or a HAS_TASK (the text assigning
    the task rests on it: the task inherits it)."""

    task: Task
    source: Document | None
    via: tuple[Edge, ...]

    @property
    def inherited(self) -> bool:
        """Whether the task's own sentence does not cite the document itself."""
        first = self.via[0]
        return len(self.via) > 1 or first.type != TaskEdgeType.DEPENDS_ON or not cited(first)

    @property
    def depth(self) -> int:
        """The level of :func:`task_dependencies` at which the task reaches the document."""
        return len(self.via) - (self.via[0].type == TaskEdgeType.HAS_TASK)


@dataclass(frozen=True, slots=True)
class StaleGroup:
    """Stale tasks of one assigning document and one lead agency (None: nobody named)."""

    source: Document | None
    lead: str | None
    reports: tuple[TaskDependencies, ...]


# -- helpers --------------------------------------------------------------------------------------


def _task(store: GraphStore, task_id: str) -> Task | None:
    node = store.node(task_id)
    return node if isinstance(node, Task) else None


def resolve_task(store: GraphStore, text: str) -> Task:
    """The task ``text`` designates: its id, or words of its text (folded) found in one task.

    Raises :class:`UnknownTask` or :class:`AmbiguousTask`.
    """
    found = _task(store, text.strip())
    if found is not None:
        return found
    words = fold_name(text).split()
    if not words:
        raise UnknownTask("no task named")
    matches = [
        t
        for t in store.nodes(kind="Task")
        if isinstance(t, Task) and all(w in fold_name(t.text).split() for w in words)
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UnknownTask(f"không tìm thấy nhiệm vụ {text!r}")
    raise AmbiguousTask(f"{text!r} khớp {len(matches)} nhiệm vụ; hãy dùng mã nhiệm vụ (task:…)")


def _sources(store: GraphStore, task_ids: Iterable[str]) -> dict[str, Document | None]:
    """The document assigning each task (two round trips for a whole list of tasks)."""
    wanted = list(task_ids)
    if not wanted:
        return {}
    edges = store.edges_of_many(wanted, "in", [TaskEdgeType.HAS_TASK])
    first = {i: edges[i][0].source for i in wanted if edges[i]}
    docs = {d.id: d for d in store.documents(first.values())}
    return {i: docs.get(first[i]) if i in first else None for i in wanted}


def _rows(
    store: GraphStore, tasks: Iterable[Task], roles: dict[str, str] | None = None
) -> list[TaskRow]:
    listed = list(tasks)
    sources = _sources(store, (t.id for t in listed))
    rows = [TaskRow(t, sources[t.id], (roles or {}).get(t.id)) for t in listed]
    return sorted(rows, key=lambda r: (r.source.id if r.source else "", _order(r.task.id)))


def _order(task_id: str) -> tuple[tuple[int, int, str], ...]:
    """Tasks in text order: ``…:2.10:1`` after ``…:2.9:3``; a number sorts before a word in the
    same place (``…:0:3`` before ``…:B.I.1:2``), so ids of any shape compare."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[:.]", task_id))


def _check_depth(depth: int) -> None:
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidArgument(f"độ sâu phải từ 1 đến {MAX_DEPTH}, không phải {depth}")


def cited(edge: Edge) -> bool:
    """Whether a DEPENDS_ON edge is a citation in the task's own sentence (*nêu trực tiếp*), not
    one the loader drew from the list's introduction or the letter around it."""
    return edge.confidence > CONTEXT_CONFIDENCE


# A document reached by a walk: the edges from the start to it, and whether it is inherited.
Reach = tuple[tuple[Edge, ...], bool]


def _strength(edge: Edge) -> tuple[int, int, str]:
    return (RELATION_ORDER.index(edge.type), edge.start, edge.target)


Span = tuple[str | None, int, int]


def _task_spans(out: Iterable[Edge]) -> list[Span]:
    """Where the tasks a text assigns lie in it: its HAS_TASK edges' text and offsets."""
    return [
        (e.origin, e.start, e.end)
        for e in out
        if e.type == TaskEdgeType.HAS_TASK and e.end > e.start
    ]


def _in_a_task(edge: Edge, spans: list[Span]) -> bool:
    """Whether ``edge`` is said inside one of the tasks (an edge another text reports, with
    offsets into that text, is not)."""
    return any(o == edge.origin and a <= edge.start and edge.end <= b for o, a, b in spans)


def own_basis(out: Iterable[Edge]) -> list[Edge]:
    """What a loaded text itself rests on, from its out-edges (with its HAS_TASK edges): its
    BASED_ON, IMPLEMENTS and GUIDES edges but those said inside one of the tasks it assigns.

    "Cục Báo chí chủ trì … thực hiện hiệu quả Chiến lược chuyển đổi số báo chí đến năm 2030" (seed
    003) makes the directive IMPLEMENT the strategy, but only that task rests on it; its "Để tiếp
    tục thực hiện tốt Chỉ thị số 34/CT-TW …" (seed 001) or a "Căn cứ …" is every task's basis.
    """
    edges = list(out)
    spans = _task_spans(edges)
    return sorted(
        (e for e in edges if e.type in RESTS_ON and not _in_a_task(e, spans)), key=_strength
    )


def _dependency_order(dep: Dependency) -> tuple[bool, bool, int, bool, str, str]:
    """Stale first, then soon stale, then the nearest, direct before inherited, by name."""
    document = dep.document
    return (not dep.stale, not dep.soon, dep.depth, dep.inherited, document.label, document.id)


def _level(
    store: GraphStore,
    reached: Mapping[str, Reach],
    depth: int,
    on: dt.date | None,
    loaded: int,
    known: dict[str, Document],
) -> dict[str, Dependency]:
    """The documents of one level of a walk, as dependencies with their statuses on ``on``
    (looked up for the whole level at once); ``known`` holds the documents met so far, so each
    edge of a path names the document it reaches, and learns this level's."""
    found = {}
    for doc_id, report in statuses(store, reached, on, loaded=loaded).items():
        known[doc_id] = report.document
        via, inherited = reached[doc_id]
        path = tuple(known[e.source if e.type == TaskEdgeType.HAS_TASK else e.target] for e in via)
        last = via[-1]
        # The loader's context DEPENDS_ON carries the task's sentence, which does not name it.
        evidence = "" if inherited and last.type == TaskEdgeType.DEPENDS_ON else last.evidence
        deciding = report.derived.rests_on
        # statuses() names the acting documents whole (cites/cited_by name theirs by a row)
        acts = {
            c.document.id: c.document
            for c in report.superseded_by
            if isinstance(c.document, Document)
        }
        replaced_by = tuple(
            Replacement(acts[e.edge.source], e)
            for e in report.derived.effects
            if e.edge in deciding and e.edge.source in acts
        )
        successors = tuple(dict.fromkeys(r.document for r in replaced_by))
        found[doc_id] = Dependency(
            report.document,
            report.derived,
            depth,
            via,
            successors,
            inherited=inherited,
            path=path,
            evidence=evidence,
            replaced_by=replaced_by,
        )
    return found


def _levels(
    store: GraphStore,
    first: dict[str, Reach],
    depth: int,
    on: dt.date | None,
    loaded: int,
    known: dict[str, Document],
    skip: set[str],
) -> list[Dependency]:
    """A walk from its first level along what loaded documents rest on, ``depth`` levels in
    all, one status look-up and one edge read per level; ``skip`` are ids never to reach (the
    task, its assigning text, the document the walk starts from)."""
    reached = first
    found = _level(store, reached, 1, on, loaded, known)
    for level in range(2, depth + 1):
        # nobody has read a stub: what it rests on is unknown
        readable = [i for i in reached if not found[i].document.is_stub]
        if not readable:
            break
        out = store.edges_of_many(readable, "out", [*RESTS_ON, *_HAS_TASK])
        following: dict[str, Reach] = {}
        for doc_id in readable:
            for edge in own_basis(out[doc_id]):
                if edge.target in found or edge.target in following or edge.target in skip:
                    continue
                following[edge.target] = ((*reached[doc_id][0], edge), True)
        reached = following
        found.update(_level(store, reached, level, on, loaded, known))
    return sorted(found.values(), key=_dependency_order)


# -- a task's dependencies ------------------------------------------------------------------------


@query(
    "task_dependencies",
    params=(
        Param("task_id", "text", "a task id (task:…) or words of its text"),
        Param("depth", "int", "how far beyond what the task and its assigning text cite", 2),
        ON_PARAM,
    ),
)
def task_dependencies(
    store: GraphStore, task_id: str, depth: int = 2, on: str | dt.date | None = None
) -> TaskDependencies:
    """What a task depends on, to a depth, each document with its status and successors.

    Parameters
    ----------
    store : GraphStore
    task_id : str
        The task's id, or words of its text that only it contains.
    depth : int
        1 gives the documents the task cites (DEPENDS_ON: *nêu trực tiếp* when its own sentence
        names them) and those it inherits from the text assigning it (what that text is
        BASED_ON, IMPLEMENTS or GUIDES: *kế thừa*); each further level adds what the documents
        of the level before, when loaded, rest on in the same way. At most ``MAX_DEPTH``.
    on : str or datetime.date, optional
        The day the statuses are for (``30/6/2025``); today by default.

    Returns
    -------
    TaskDependencies
        The task, the document assigning it, and its dependencies: stale first, then those soon
        to be, then nearest first, direct before inherited. Each says how it is reached
        (``inherited``, ``path``, ``evidence``); one replaced, repealed or suspended (in whole
        or in part) is ``stale``, one to be replaced or repealed later is ``soon``; both name
        their ``successors`` and what each does from when (``replaced_by``).

    Examples
    --------
    >>> report = task_dependencies(store, "ban hành Nghị định thay thế Nghị định số 43/2011")
    >>> stale = report.dependencies[0]  # Nghị định 42/2022/NĐ-CP replaced it
    >>> stale.document.label, stale.status, stale.basis, stale.successors[0].label
    ('Nghị định 43/2011/NĐ-CP', 'Hết hiệu lực', 'nêu trực tiếp', 'Nghị định 42/2022/NĐ-CP')
    >>> [d.document.label for d in report.inherited]  # the directive's title and opening
    ['Chỉ thị 19/CT-TTg (2021)', 'Chỉ thị 34/CT-TW (2014)']
    >>> report.inherited[1].path_text.split(" → ")[1], report.inherited[1].evidence[:40]
    ('triển khai thực hiện Chỉ thị 34/CT-TW (2014)', 'Để tiếp tục thực hiện tốt Chỉ thị số 34/')
    """
    _check_depth(depth)
    return _walk(store, resolve_task(store, task_id), depth, as_day(on), store.stats().texts)


def _walk(
    store: GraphStore, task: Task, depth: int, on: dt.date | None, loaded: int
) -> TaskDependencies:
    """:func:`task_dependencies` of a task, on a day, in a store holding ``loaded`` texts."""
    assigned = sorted(store.edges_of(task.id, "in", _HAS_TASK), key=lambda e: e.source)
    has_task = assigned[0] if assigned else None
    source = store.document(has_task.source) if has_task else None
    # What the task cites and what its assigning text says, in one read.
    ids = [task.id] + ([source.id] if source else [])
    out = store.edges_of_many(ids, "out", [*_DEPENDS, *_HAS_TASK, *RELATION_ORDER])
    depends = sorted(
        (e for e in out[task.id] if e.type == TaskEdgeType.DEPENDS_ON),
        key=lambda e: (e.start, e.target),
    )
    assigning = out[source.id] if source else []
    basis = own_basis(assigning)
    # The assigning text's sentence about each document it names: what it rests on first, then
    # its strongest other edge.
    said: dict[str, Edge] = {e.target: e for e in reversed(basis)}
    spans = _task_spans(assigning)
    relations = sorted((e for e in assigning if e.type in RELATION_ORDER), key=_strength)
    for edge in sorted(relations, key=lambda e: _in_a_task(e, spans)):
        said.setdefault(edge.target, edge)
    first: dict[str, Reach] = {}
    for edge in depends:
        if cited(edge):
            first.setdefault(edge.target, ((edge,), False))
    for edge in depends:
        if not cited(edge):
            # From the introduction or the letter around the task: the assigning text's own
            # sentence about the document is the evidence ("Để triển khai Nghị quyết …").
            if has_task is None:
                first.setdefault(edge.target, ((edge,), True))
            else:
                first.setdefault(edge.target, ((has_task, said.get(edge.target, edge)), True))
    if has_task is not None and source is not None:
        for edge in basis:
            if edge.target not in (task.id, source.id):
                first.setdefault(edge.target, ((has_task, edge), True))
    known = {source.id: source} if source else {}
    skip = {task.id} | ({source.id} if source else set())
    found = _levels(store, first, depth, on, loaded, known, skip) if first else []
    return TaskDependencies(task, source, tuple(found))


@query(
    "document_dependencies",
    params=(
        Param("doc_id", "document", "the document (a directive, a plan)"),
        Param("depth", "int", "how far beyond what it and its tasks cite", 2),
        ON_PARAM,
    ),
)
def document_dependencies(
    store: GraphStore, doc_id: str, depth: int = 2, on: str | dt.date | None = None
) -> DocumentDependencies:
    """What a document rests on and what each of its tasks rests on, with statuses on a day.

    Parameters
    ----------
    store : GraphStore
    doc_id : str
        The document: a directive, plan or letter that assigns tasks, or any loaded text.
    depth : int
        1 gives what the document is BASED_ON, IMPLEMENTS or GUIDES, and what each task cites;
        each further level what the loaded ones of the level before rest on. At most
        ``MAX_DEPTH``.
    on : str or datetime.date, optional
        The day the statuses are for; today by default.

    Returns
    -------
    DocumentDependencies
        The document's own status and dependencies (every task of it inherits them) and, for
        each task in text order, what its own sentence cites and what it rests on beyond them
        (what the introduction of its list cites, what the documents it cites rest on).

    Examples
    --------
    >>> report = document_dependencies(store, "file:directive:001_4af1794179d674ae.txt")
    >>> [d.document.label for d in report.dependencies]  # its title's and its opening's
    ['Chỉ thị 19/CT-TTg (2021)', 'Chỉ thị 34/CT-TW (2014)']
    >>> [t.task.text[:40] for t in report.tasks if t.stale]
    ['Hoàn thiện môi trường pháp lý cho Chính ']
    """
    _check_depth(depth)
    document = require_document(store, doc_id)
    day = as_day(on)
    loaded = store.stats().texts
    derived = statuses(store, [doc_id], day, loaded=loaded)[doc_id].derived
    out = store.edges_of(doc_id, "out", [*RESTS_ON, *_HAS_TASK])
    first: dict[str, Reach] = {}
    for edge in own_basis(out):
        if edge.target != doc_id:
            first.setdefault(edge.target, ((edge,), False))
    known = {doc_id: document}
    own = _levels(store, first, depth, day, loaded, known, {doc_id}) if first else []
    own_ids = {d.document.id for d in own}
    edges = [e for e in out if e.type == TaskEdgeType.HAS_TASK]
    tasks = sorted((t for t in (_task(store, e.target) for e in edges) if t), key=_by_order)
    reports = []
    for task in tasks:
        report = _walk(store, task, depth, day, loaded)
        beyond = tuple(
            d for d in report.dependencies if not d.inherited or d.document.id not in own_ids
        )
        reports.append(TaskDependencies(task, document, beyond))
    return DocumentDependencies(document, derived, tuple(own), tuple(reports))


def _by_order(task: Task) -> tuple[tuple[int, int, str], ...]:
    return _order(task.id)


# -- the tasks a document affects -----------------------------------------------------------------


@query(
    "dependent_tasks",
    params=(
        Param("doc_id", "document", "the document that changed"),
        Param("depth", "int", "how many levels from a task to the document", 3),
    ),
)
def dependent_tasks(store: GraphStore, doc_id: str, depth: int = 3) -> list[TaskImpact]:
    """The tasks that depend on a document, directly or through the documents that rest on it.

    Parameters
    ----------
    store : GraphStore
    doc_id : str
        The document (amended, replaced, about to change).
    depth : int
        1 gives the tasks citing it and the tasks of the loaded texts BASED_ON, IMPLEMENTING
        or GUIDING it (which inherit it); 2 adds the tasks citing those texts and the tasks of
        the texts resting on them; and so on, at most ``MAX_DEPTH``: the tasks whose
        :func:`task_dependencies` at that depth reach the document.

    Returns
    -------
    list of TaskImpact
        Each task once, by its shortest chain (a citation of its own before an inheritance);
        nearest first, then in text order.

    Examples
    --------
    >>> [(i.task.text[:28], i.inherited) for i in dependent_tasks(store, "vn:43/2011/ND-CP", 1)]
    [('Hoàn thiện môi trường pháp l', False)]
    >>> impacts = dependent_tasks(store, "vn:34/CT-TW@2014", depth=1)
    >>> len(impacts) > 50, impacts[-1].inherited  # every task of seed 001 inherits it
    (True, True)
    """
    _check_depth(depth)
    require_document(store, doc_id)
    # levels[k]: the loaded documents resting on doc_id in k steps, each with its chain to it
    chains: dict[str, tuple[Edge, ...]] = {doc_id: ()}
    levels: list[list[str]] = [[doc_id]]
    # the tasks of each text reached, also where they lie in it (a text rests on what it cites
    # outside its tasks: own_basis)
    assigned: dict[str, list[Edge]] = {}
    for _ in range(depth):
        frontier = levels[-1]
        if not frontier:
            break
        incoming = store.edges_of_many(frontier, "in", RESTS_ON)
        sources = documents_by_id(store, (e.source for t in frontier for e in incoming[t]))
        loaded = sorted(i for i, d in sources.items() if not d.is_stub and i not in chains)
        assigned.update(store.edges_of_many(loaded, "out", _HAS_TASK) if loaded else {})
        following: list[str] = []
        for target in frontier:
            for edge in sorted(incoming[target], key=lambda e: e.source):
                if edge.source in chains or sources[edge.source].is_stub:
                    continue
                if _in_a_task(edge, _task_spans(assigned[edge.source])):
                    continue  # said in one of its tasks: that task's, not the whole text's
                chains[edge.source] = (edge, *chains[target])
                following.append(edge.source)
        levels.append(following)
    citable = [d for level in levels[:depth] for d in level]
    assigning = [d for level in levels[1 : depth + 1] for d in level]
    citing = store.edges_of_many(citable, "in", _DEPENDS)
    candidates: list[tuple[Edge, tuple[Edge, ...]]] = [
        (e, (e, *chains[d])) for d in citable for e in citing[d]
    ]
    candidates += [(e, (e, *chains[d])) for d in assigning for e in assigned[d]]
    found: dict[str, tuple[Task, tuple[Edge, ...]]] = {}
    known: dict[str, Document] = {}
    for edge, via in sorted(candidates, key=_impact_order):
        task_id = edge.target if edge.type == TaskEdgeType.HAS_TASK else edge.source
        if task_id in found:
            continue
        task = _task(store, task_id)
        if task is not None:
            found[task_id] = (task, via)
    # The assigning text of a task reached through it is the HAS_TASK's source.
    need = [i for i, (_, via) in found.items() if via[0].type != TaskEdgeType.HAS_TASK]
    sources_of = _sources(store, need)
    known = {d.id: d for d in store.documents(assigning)} if assigning else {}
    impacts = [
        TaskImpact(
            task,
            known.get(via[0].source) if via[0].type == TaskEdgeType.HAS_TASK else sources_of[i],
            via,
        )
        for i, (task, via) in found.items()
    ]
    return sorted(impacts, key=lambda i: (i.depth, i.inherited, _order(i.task.id)))


def _impact_order(candidate: tuple[Edge, tuple[Edge, ...]]) -> tuple[object, ...]:
    edge, via = candidate
    impact_depth = len(via) - (edge.type == TaskEdgeType.HAS_TASK)
    own = edge.type == TaskEdgeType.DEPENDS_ON and cited(edge) and len(via) == 1
    return (impact_depth, not own, edge.type != TaskEdgeType.DEPENDS_ON, edge.source, edge.target)


@query(
    "stale_tasks",
    params=(Param("depth", "int", "how far a dependency may be", 1), ON_PARAM),
)
def stale_tasks(
    store: GraphStore, depth: int = 1, on: str | dt.date | None = None
) -> list[TaskDependencies]:
    """Tasks resting on a document replaced, repealed or suspended (or partly), or soon to be.

    Parameters
    ----------
    store : GraphStore
    depth : int
        1 looks at the documents tasks cite and those their assigning texts rest on; more
        follows BASED_ON / IMPLEMENTS / GUIDES of loaded documents, as
        :func:`task_dependencies` does.
    on : str or datetime.date, optional
        The day the statuses are for; today by default.

    Returns
    -------
    list of TaskDependencies
        Each task with only its ``stale`` and ``soon`` dependencies (and the acts that end
        them), in text order; :func:`group_stale` groups them by assigning document and lead.

    Examples
    --------
    >>> [r.task.text[:40] for r in stale_tasks(store)]  # 42/2022/NĐ-CP replaces 43/2011/NĐ-CP
    ['Hoàn thiện môi trường pháp lý cho Chính ']
    """
    _check_depth(depth)
    day = as_day(on)
    loaded = store.stats().texts
    # Only these edges take force away: the tasks reaching their targets are all there is to see.
    ended = sorted({e.target for e in store.edges(FORCE_TAKING_TYPES)})
    affected: dict[str, Task] = {}
    for doc_id in ended:
        if store.document(doc_id) is None:
            continue
        for impact in dependent_tasks(store, doc_id, depth):
            affected.setdefault(impact.task.id, impact.task)
    out = []
    for task_id in sorted(affected, key=_order):
        report = _walk(store, affected[task_id], depth, day, loaded)
        flagged = tuple(d for d in report.dependencies if d.stale or d.soon)
        if flagged:
            out.append(TaskDependencies(report.task, report.source, flagged))
    return out


def group_stale(reports: Iterable[TaskDependencies]) -> list[StaleGroup]:
    """Stale tasks by assigning document, then lead agency (tasks naming none last), each group
    in text order: the stale-tasks page and the command line list them so.

    >>> [(g.source.label[:23], g.lead, len(g.reports)) for g in group_stale(stale_tasks(store))]
    [('Chỉ thị về việc tổ chức', None, 1)]
    """
    groups: dict[tuple[str, str], list[TaskDependencies]] = {}
    for report in reports:
        key = (report.source.id if report.source else "", report.task.lead or "")
        groups.setdefault(key, []).append(report)

    def order(item: tuple[tuple[str, str], list[TaskDependencies]]) -> tuple[object, ...]:
        (_, lead), rows = item
        source = rows[0].source
        return (source is None, source.label if source else "", lead == "", fold_name(lead))

    return [
        StaleGroup(rows[0].source, lead or None, tuple(rows))
        for (_, lead), rows in sorted(groups.items(), key=order)
    ]


def opening_task(
    store: GraphStore, doc_id: str | None = None, on: str | dt.date | None = None
) -> str | None:
    """The task a page about tasks opens on: a stale one if there is one (of ``doc_id`` when
    given), else the first, in the most recent assigning text, that cites a document itself,
    else the first that rests on anything; None when there is no task.

    >>> task_dependencies(store, opening_task(store)).stale[0].document.label
    'Nghị định 43/2011/NĐ-CP'
    """
    stale = [
        r
        for r in stale_tasks(store, on=on)
        if doc_id is None or (r.source is not None and r.source.id == doc_id)
    ]
    if stale:
        return min(stale, key=lambda r: (not r.stale, _order(r.task.id))).task.id
    if doc_id is not None:
        ids = [e.target for e in store.edges_of(doc_id, "out", _HAS_TASK)]
        depends = store.edges_of_many(ids, "out", _DEPENDS) if ids else {}
        edges = [e for i in ids for e in depends[i]]
    else:
        edges = list(store.edges(_DEPENDS))
        ids = sorted({e.source for e in edges})
    if not ids:
        return None
    sources = _sources(store, {e.source for e in edges} | set(ids))

    def order(task_id: str) -> tuple[object, ...]:
        source = sources[task_id]
        # The most recent text first (ISO days compare as text): what an officer works on now.
        day = (source.issued_date or str(source.year or "")) if source else ""
        return (tuple(-ord(c) for c in day), source.id if source else "", _order(task_id))

    for wanted in (cited, lambda e: True):
        chosen = {e.source for e in edges if wanted(e)}
        if chosen:
            return min(chosen, key=order)
    return min(ids, key=order)


# -- finding a task by typing ---------------------------------------------------------------------


@query(
    "find_tasks",
    params=(Param("text", "text", "words of a task, of its agency or of its assigning text"),),
)
def find_tasks(store: GraphStore, text: str) -> list[TaskRow]:
    """Tasks matching what a user typed: words of their text, their agencies or the document
    assigning them.

    Parameters
    ----------
    store : GraphStore
    text : str
        Words with or without diacritics, in any order, the last one possibly unfinished
        (``chuyen doi so``, ``Cục Báo chí``, ``01/CT-BTTTT 2025 an toàn thông tin``); an agency
        in any spelling the loader knows (``Bộ TT&TT``).

    Returns
    -------
    list of TaskRow
        Tasks whose own text holds every word first, then those the agency or the assigning
        document completes; each group by document, in text order.

    Examples
    --------
    >>> [r.task.lead for r in find_tasks(store, "cuc bao chi")][:1]
    ['Cục báo chí']
    """
    words = fold_name(text).split()
    if not words:
        raise InvalidArgument("hãy nhập vài từ của nhiệm vụ, cơ quan hoặc văn bản giao")
    tasks = [t for t in store.nodes(kind="Task") if isinstance(t, Task)]
    sources = _sources(store, (t.id for t in tasks))
    agency = canonical_agency(text)
    named = {fold_name(agency)} if agency else set()
    tiers: list[tuple[int, TaskRow]] = []
    for task in tasks:
        source = sources[task.id]
        own = _words(task.text)
        agencies = _words(" ".join(a for a in (task.lead, *task.partners) if a))
        assigning = (
            _words(" ".join(x for x in (source.label, source.name, *source.aliases) if x))
            if source
            else set()
        )
        led = named & {fold_name(a) for a in (task.lead, *task.partners) if a}
        if _all_in(words, own):
            tier = 0
        elif led or _all_in(words, own | agencies):
            tier = 1
        elif _all_in(words, own | agencies | assigning):
            tier = 2
        else:
            continue
        tiers.append((tier, TaskRow(task, source)))
    tiers.sort(key=lambda r: (r[0], r[1].source.id if r[1].source else "", _order(r[1].task.id)))
    return [row for _, row in tiers]


def _words(text: str) -> set[str]:
    return set(fold_name(text).split())


def _all_in(words: list[str], have: set[str]) -> bool:
    """Every word but the last is a whole word of ``have``; the last may be the start of one
    (the user is still typing it)."""
    *whole, last = words
    return all(w in have for w in whole) and (last in have or any(h.startswith(last) for h in have))


# -- lists of tasks -------------------------------------------------------------------------------


def _agencies_matching(store: GraphStore, name: str) -> list[Agency]:
    canonical = canonical_agency(name)
    if canonical is not None:
        node = store.node(agency_id(canonical))
        if isinstance(node, Agency):
            return [node]
    words = fold_name(name).split()
    return [
        a
        for a in store.nodes(kind="Agency")
        if isinstance(a, Agency) and words and all(w in fold_name(a.name).split() for w in words)
    ]


@query("tasks_by_agency", params=(Param("agency", "text", "an agency, in any spelling"),))
def tasks_by_agency(store: GraphStore, agency: str) -> list[TaskRow]:
    """The tasks an agency leads or supports, with the document that assigns each.

    Parameters
    ----------
    store : GraphStore
    agency : str
        Its name in any form the loader recognises (``Bộ TT&TT``, ``BTTTT``, ``Cục báo chí``),
        or words of it (``bao chi``).

    Returns
    -------
    list of TaskRow
        ``role`` is ``chủ trì`` (LED_BY) or ``phối hợp`` (SUPPORTED_BY); by document, in text
        order.

    Examples
    --------
    >>> [(r.task.lead, r.role) for r in tasks_by_agency(store, "Cục Báo chí")][:1]
    [('Cục báo chí', 'chủ trì')]
    """
    roles: dict[str, str] = {}
    agencies = [node.id for node in _agencies_matching(store, agency)]
    edges = store.edges_of_many(agencies, "in", list(_ROLES)) if agencies else {}
    for agency_node in agencies:
        for edge in edges[agency_node]:
            if roles.get(edge.source) != "chủ trì":
                roles[edge.source] = _ROLES[TaskEdgeType(edge.type)]
    tasks = [t for t in (_task(store, i) for i in roles) if t is not None]
    return _rows(store, tasks, roles)


@query("tasks_by_field", params=(Param("field", "text", "words of a field, e.g. bưu chính"),))
def tasks_by_field(store: GraphStore, field: str) -> list[TaskRow]:
    """The tasks of a field (``Bưu chính``, ``Chính phủ số``), from the headings that hold them.

    Parameters
    ----------
    store : GraphStore
    field : str
        Words of the field, with or without diacritics.

    Returns
    -------
    list of TaskRow
        Tasks whose field contains every word, by document, in text order.

    Examples
    --------
    >>> {r.task.field for r in tasks_by_field(store, "buu chinh")}
    {'Bưu chính'}
    """
    words = fold_name(field).split()
    if not words:
        raise InvalidArgument("hãy nêu một lĩnh vực")
    tasks = [
        t
        for t in store.nodes(kind="Task")
        if isinstance(t, Task) and t.field and all(w in fold_name(t.field).split() for w in words)
    ]
    return _rows(store, tasks)


@query("tasks_of_document", params=(Param("doc_id", "document", "the assigning document"),))
def tasks_of_document(store: GraphStore, doc_id: str) -> list[TaskRow]:
    """The tasks a document assigns, in the order the text gives them.

    Parameters
    ----------
    store : GraphStore
    doc_id : str
        The directive, plan, letter or press report.

    Returns
    -------
    list of TaskRow
        Empty when the document assigns nothing (or its text is not loaded).

    Examples
    --------
    >>> rows = tasks_of_document(store, "vn:01/CT-BTTTT@2025")
    >>> [r.task.lead for r in rows if r.task.text.startswith("Viện Chiến lược TTTT chủ trì")]
    ['Viện Chiến lược TTTT']
    """
    require_document(store, doc_id)
    edges = store.edges_of(doc_id, "out", [TaskEdgeType.HAS_TASK])
    tasks = [t for t in (_task(store, e.target) for e in edges) if t is not None]
    return _rows(store, tasks)


# A month or a year a user types for "due by" ("6/2025", "2025-06", "2025"); a whole day is
# queries.documents.full_day's.
_DATE_FORMS: tuple[tuple[str, str], ...] = (
    (r"(\d{4})-(\d\d)", "ym"),
    (r"(\d{1,2})/(\d{4})", "my"),
    (r"(\d{4})", "y"),
)


def due_end(due: str) -> dt.date | None:
    """The last day a task's normalised ``due`` allows (:attr:`graph.model.Task.due`).

    >>> due_end("2025-Q2"), due_end("2023-W15"), due_end("2013-12"), due_end("2025")
    (datetime.date(2025, 6, 30), datetime.date(2023, 4, 16), datetime.date(2013, 12, 31), datetime.date(2025, 12, 31))
    """  # noqa: E501
    try:
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", due):
            return _month_end(int(m[1]), int(m[2]) * 3)
        if m := re.fullmatch(r"(\d{4})-W(\d\d)", due):
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 7)
        return parse_day(due)
    except ValueError:
        return None


def parse_day(text: str) -> dt.date | None:
    """The last day ``text`` names: ``30/6/2025`` → 2025-06-30, ``6/2025`` → 2025-06-30,
    ``2025`` → 2025-12-31; None if it names no day."""
    text = text.strip()
    if day := full_day(text):
        return day
    for pattern, form in _DATE_FORMS:
        m = re.fullmatch(pattern, text)
        if not m:
            continue
        try:
            if form == "ym":
                return _month_end(int(m[1]), int(m[2]))
            if form == "my":
                return _month_end(int(m[2]), int(m[1]))
            return dt.date(int(m[1]), 12, 31)
        except ValueError:
            return None
    return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


@query("tasks_due", params=(Param("by", "text", "a day, month or year: 30/6/2025, 2025"),))
def tasks_due(store: GraphStore, by: str) -> list[TaskRow]:
    """The tasks whose deadline falls on or before a day, soonest first.

    Parameters
    ----------
    store : GraphStore
    by : str
        ``2025-06-30``, ``30/6/2025``, ``6/2025`` (the month's last day) or ``2025`` (31
        December).

    Returns
    -------
    list of TaskRow
        Tasks with a deadline the loader could read ("trước ngày 30/6/2025", "Quý II/2025",
        "tuần 15 năm 2023", "trong năm 2025"), by the last day it allows.

    Examples
    --------
    >>> [r.task.deadline.lower() for r in tasks_due(store, "2025")][:1]
    ['trong năm 2025']
    """
    limit = parse_day(by)
    if limit is None:
        raise InvalidArgument(
            f"không đọc được ngày, tháng hay năm {by!r} (ví dụ: 30/6/2025, 6/2025 hoặc 2025)"
        )
    dated: list[tuple[dt.date, Task]] = []
    for task in store.nodes(kind="Task"):
        if isinstance(task, Task) and task.due:
            end = due_end(task.due)
            if end is not None and end <= limit:
                dated.append((end, task))
    dated.sort(key=lambda item: (item[0], _order(item[1].id)))
    sources = _sources(store, (t.id for _, t in dated))
    return [TaskRow(t, sources[t.id]) for _, t in dated]


# -- rendering ------------------------------------------------------------------------------------


def _task_line(task: Task, source: Document | None) -> list[str]:
    head = f"[{task.id}]"
    lines = [head, f"  {task.text[:300]}{'…' if len(task.text) > 300 else ''}"]
    facts = []
    if task.lead:
        facts.append(f"chủ trì: {task.lead}")
    if task.partners:
        facts.append(f"phối hợp: {', '.join(task.partners)}")
    if task.deadline:
        facts.append(f"thời hạn: {task.deadline}")
    if task.field:
        facts.append(f"lĩnh vực: {task.field}")
    if facts:
        lines.append("  " + " · ".join(facts))
    if source is not None:
        lines.append(f"  giao tại: {_doc(source)}")
    return lines


# How a dependency is marked in a terminal: its basis is gone (in whole or in part), or soon.
STALE_MARK = "⚠ "
SOON_MARK = "⌛ "


def replacement_text(replacement: Replacement) -> str:
    """``Nghị định 42/2022/NĐ-CP thay thế, từ 01/08/2022`` (``khoản 2 Điều 21`` when partial;
    ``chưa rõ từ ngày nào`` when no text says)."""
    what = f" {', '.join(replacement.provisions)}" if replacement.provisions else ""
    when = f"từ {format_day(replacement.day)}" if replacement.day else "chưa rõ từ ngày nào"
    return f"{replacement.document.label} {replacement.relation}{what}, {when}"


def _said(evidence: str) -> str:
    return _evidence(Edge("", "", "", evidence))


def _dependency_lines(dep: Dependency) -> list[str]:
    mark = STALE_MARK if dep.stale else SOON_MARK if dep.soon else ""
    lines = [f"  {mark}[{dep.depth}] {_doc(dep.document)}: {dep.derived.headline}"]
    if dep.stale or dep.soon:
        # "Khoản 2 Điều 21 đã bị bãi bỏ bởi Nghị định 10/2025/NĐ-CP từ 01/03/2025."
        lines.append(f"      {dep.derived.explanation}")
        lines.extend(
            f"      thay bằng: {replacement_text(r)} [{r.document.id}]" for r in dep.replaced_by
        )
    if dep.inherited:
        lines.append(f"      {INHERITED}: {dep.path_text}")
    else:
        lines.append(f"      {DIRECT} trong câu của nhiệm vụ:")
    lines.append("  " + _said(dep.evidence))
    return lines


def _render_dependencies(result: TaskDependencies) -> list[str]:
    lines = _task_line(result.task, result.source)
    if not result.dependencies:
        return [*lines, "Nhiệm vụ không dẫn chiếu văn bản nào, văn bản giao cũng không nêu căn cứ."]
    lines.append(
        f"Căn cứ của nhiệm vụ ({len(result.dependencies)}: {len(result.direct)} {DIRECT}, "
        f"{len(result.inherited)} {INHERITED}):"
    )
    for dep in result.dependencies:
        lines.extend(_dependency_lines(dep))
    return lines


def _render_document(result: DocumentDependencies) -> list[str]:
    lines = [f"{_doc(result.document)}: {result.derived.headline}"]
    lines.append(f"Văn bản làm căn cứ ({len(result.dependencies)}; mọi nhiệm vụ đều kế thừa):")
    for dep in result.dependencies:
        lines.extend(_dependency_lines(dep))
    lines.append(f"Nhiệm vụ ({len(result.tasks)}), với căn cứ riêng của từng nhiệm vụ:")
    for report in result.tasks:
        lines.extend(_task_line(report.task, None))
        for dep in report.dependencies:
            lines.extend(_dependency_lines(dep))
    return lines


def _render_impacts(result: list[TaskImpact]) -> list[str]:
    if not result:
        return ["Không có nhiệm vụ nào phụ thuộc văn bản này."]
    lines: list[str] = []
    for impact in result:
        lines.extend(_task_line(impact.task, impact.source))
        chain = " → ".join(e.type for e in impact.via)
        lines.append(f"  {INHERITED if impact.inherited else DIRECT}, qua: {chain}")
    return lines


def _render_stale(result: list[TaskDependencies]) -> list[str]:
    if not result:
        return ["Không có nhiệm vụ nào dựa trên văn bản đã hoặc sắp hết hiệu lực."]
    lines: list[str] = []
    for group in group_stale(result):
        source = _doc(group.source) if group.source else "(không rõ văn bản giao)"
        lead = group.lead or "chưa rõ cơ quan chủ trì"
        lines.append(f"== {source} — chủ trì: {lead} ({len(group.reports)} nhiệm vụ)")
        for report in group.reports:
            lines.extend(_task_line(report.task, None))
            for dep in report.dependencies:
                lines.extend(_dependency_lines(dep))
    return lines


def _render_found(result: list[TaskRow]) -> list[str]:
    return _render_rows(result) if result else ["Không tìm thấy nhiệm vụ nào."]


def _render_rows(result: list[TaskRow]) -> list[str]:
    if not result:
        return ["Không có nhiệm vụ nào."]
    lines: list[str] = []
    for row in result:
        task_lines = _task_line(row.task, row.source)
        if row.role:
            task_lines[0] += f" ({row.role})"
        lines.extend(task_lines)
    return lines


# The CLI and the app print every registered query with a renderer of :mod:`queries.render`.
RENDERERS.update(
    {
        "task_dependencies": _render_dependencies,
        "document_dependencies": _render_document,
        "find_tasks": _render_found,
        "dependent_tasks": _render_impacts,
        "stale_tasks": _render_stale,
        "tasks_by_agency": _render_rows,
        "tasks_by_field": _render_rows,
        "tasks_of_document": _render_rows,
        "tasks_due": _render_rows,
    }
)
