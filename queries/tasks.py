"""Queries about tasks: what a task rests on, which tasks a change affects, who does what, when.

A task DEPENDS_ON the documents it cites; a *loaded* document rests in turn on what it is BASED_ON,
IMPLEMENTS or GUIDES, so a task's dependencies are a walk outwards from it, and the tasks a
document affects a walk inwards to it. Each dependency carries its derived status on a day
(:func:`queries.documents.status`, one rule for the whole app) and, when it has been replaced,
repealed or suspended, in whole or in part, or is about to be, the acts that do it: "this task
cites Nghị định 43/2011/NĐ-CP, replaced by 42/2022/NĐ-CP from 01/08/2022".

Every function uses only :class:`graph.store.GraphStore` methods, so it answers the same on the
embedded store and on Neo4j.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
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
from graph.status import FORCE_TAKING_TYPES, Status
from graph.store import GraphStore
from loader.agencies import agency_id, canonical_agency
from queries.documents import (
    ON_PARAM,
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
_ROLES = {TaskEdgeType.LED_BY: "chủ trì", TaskEdgeType.SUPPORTED_BY: "phối hợp"}


class UnknownTask(QueryError):
    """No task has this id, or its text contains what the user typed."""


class AmbiguousTask(QueryError):
    """What the user typed is in the text of several tasks."""


@dataclass(frozen=True, slots=True)
class Dependency:
    """A document a task rests on, ``depth`` hops away along ``via`` (DEPENDS_ON first), with
    its derived status on the day asked about.

    ``successors`` are the documents that end or suspend it, now (``stale``) or from a later day
    (``soon``): what the task should rest on instead.
    """

    document: Document
    derived: Status
    depth: int
    via: tuple[Edge, ...]
    successors: tuple[Document, ...] = ()

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


@dataclass(frozen=True, slots=True)
class TaskDependencies:
    """A task, the document that assigns it, and what it rests on, nearest first."""

    task: Task
    source: Document | None
    dependencies: tuple[Dependency, ...]

    @property
    def stale(self) -> tuple[Dependency, ...]:
        return tuple(d for d in self.dependencies if d.stale)

    @property
    def soon(self) -> tuple[Dependency, ...]:
        return tuple(d for d in self.dependencies if d.soon)


@dataclass(frozen=True, slots=True)
class TaskRow:
    """A task in a list, with the document that assigns it and, when listed by agency, the
    agency's part in it (``chủ trì`` or ``phối hợp``)."""

    task: Task
    source: Document | None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class TaskImpact:
    """A task affected by a document: ``via`` leads from the task (DEPENDS_ON) to the document."""

    task: Task
    source: Document | None
    via: tuple[Edge, ...]


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


def _dependencies(
    store: GraphStore,
    reached: dict[str, tuple[Edge, ...]],
    depth: int,
    on: dt.date | None,
    loaded: int,
) -> dict[str, Dependency]:
    """The documents of one level of the walk, each with the edges that reach it, as
    dependencies with their statuses on ``on`` (looked up for the whole level at once)."""
    found = {}
    for doc_id, report in statuses(store, reached, on, loaded=loaded).items():
        deciding = {e.source for e in report.derived.rests_on}
        successors = tuple(c.document for c in report.superseded_by if c.document.id in deciding)
        found[doc_id] = Dependency(
            report.document, report.derived, depth, reached[doc_id], successors
        )
    return found


# -- a task's dependencies ------------------------------------------------------------------------


@query(
    "task_dependencies",
    params=(
        Param("task_id", "text", "a task id (task:…) or words of its text"),
        Param("depth", "int", "how far beyond the documents the task cites", 2),
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
        1 gives the documents the task cites (DEPENDS_ON); each further level adds what those
        documents, when loaded, are BASED_ON, IMPLEMENT or GUIDE. At most ``MAX_DEPTH``.
    on : str or datetime.date, optional
        The day the statuses are for (``30/6/2025``); today by default.

    Returns
    -------
    TaskDependencies
        The task, the document assigning it, and its dependencies nearest first; a dependency
        replaced, repealed or suspended (in whole or in part) is ``stale``, one to be replaced
        or repealed later is ``soon``; both name their ``successors``.

    Examples
    --------
    >>> report = task_dependencies(store, "task:vn:01/CT-BTTTT@2025:2.5:1", depth=1)
    >>> [(d.document.label, d.status) for d in report.dependencies]
    [('Nghị định 91/2020/NĐ-CP', 'Chưa rõ')]
    """
    _check_depth(depth)
    return _walk(store, resolve_task(store, task_id), depth, as_day(on), store.stats().texts)


def _walk(
    store: GraphStore, task: Task, depth: int, on: dt.date | None, loaded: int
) -> TaskDependencies:
    """:func:`task_dependencies` of a task, on a day, in a store holding ``loaded`` texts."""
    # Level by level: the documents reached (the first chain in visiting order wins), then
    # their statuses and what the loaded ones rest on, each asked for the whole level at once.
    reached: dict[str, tuple[Edge, ...]] = {}
    for edge in sorted(store.edges_of(task.id, "out", _DEPENDS), key=lambda e: (e.start, e.target)):
        reached.setdefault(edge.target, (edge,))
    found = _dependencies(store, reached, 1, on, loaded)
    for level in range(2, depth + 1):
        # nobody has read a stub: what it rests on is unknown
        readable = [i for i in reached if not found[i].document.is_stub]
        out = store.edges_of_many(readable, "out", RESTS_ON) if readable else {}
        following: dict[str, tuple[Edge, ...]] = {}
        for doc_id in readable:
            for edge in sorted(out[doc_id], key=lambda e: e.target):
                if edge.target in found or edge.target in following or edge.target == task.id:
                    continue
                following[edge.target] = (*reached[doc_id], edge)
        reached = following
        found.update(_dependencies(store, reached, level, on, loaded))
    ordered = sorted(found.values(), key=lambda d: (d.depth, d.document.label, d.document.id))
    return TaskDependencies(task, _sources(store, [task.id])[task.id], tuple(ordered))


# -- the tasks a document affects -----------------------------------------------------------------


@query(
    "dependent_tasks",
    params=(
        Param("doc_id", "document", "the document that changed"),
        Param("depth", "int", "how many hops from a task to the document", 3),
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
        1 gives the tasks citing it; 2 adds the tasks citing a loaded document BASED_ON,
        IMPLEMENTING or GUIDING it; and so on, at most ``MAX_DEPTH``.

    Returns
    -------
    list of TaskImpact
        Each task once, by its shortest chain; nearest first, then in text order.

    Examples
    --------
    >>> [i.task.id for i in dependent_tasks(store, "vn:91/2020/ND-CP", depth=1)]
    ['task:vn:01/CT-BTTTT@2025:2.5:1']
    """
    _check_depth(depth)
    require_document(store, doc_id)
    # documents resting on doc_id, with the chain of edges from each to it
    chains: dict[str, tuple[Edge, ...]] = {doc_id: ()}
    frontier = [doc_id]
    for _ in range(depth - 1):
        if not frontier:
            break
        incoming = store.edges_of_many(frontier, "in", RESTS_ON)
        sources = documents_by_id(store, (e.source for t in frontier for e in incoming[t]))
        following: list[str] = []
        for target in frontier:
            for edge in sorted(incoming[target], key=lambda e: e.source):
                if edge.source in chains or sources[edge.source].is_stub:
                    continue
                chains[edge.source] = (edge, *chains[target])
                following.append(edge.source)
        frontier = following
    nearest_first = sorted(chains.items(), key=lambda item: len(item[1]))
    citing = store.edges_of_many(chains, "in", _DEPENDS)
    found: dict[str, tuple[Task, tuple[Edge, ...]]] = {}
    for document, chain in nearest_first:
        for edge in sorted(citing[document], key=lambda e: e.source):
            if edge.source in found:
                continue
            task = _task(store, edge.source)
            if task is not None:
                found[task.id] = (task, (edge, *chain))
    assigning = _sources(store, found)
    impacts = [TaskImpact(task, assigning[task.id], via) for task, via in found.values()]
    return sorted(impacts, key=lambda i: (len(i.via), _order(i.task.id)))


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
        1 looks at the documents tasks cite; more follows BASED_ON / IMPLEMENTS / GUIDES of
        loaded documents, as :func:`task_dependencies` does.
    on : str or datetime.date, optional
        The day the statuses are for; today by default.

    Returns
    -------
    list of TaskDependencies
        Each task with only its ``stale`` and ``soon`` dependencies (and the acts that end
        them), in text order.

    Examples
    --------
    >>> [r.task.id for r in stale_tasks(store)]  # once 42/2022/NĐ-CP replaces 43/2011/NĐ-CP
    ['task:file:directive:001_4af1794179d674ae.txt:7:23']
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
    >>> [r.task.text[:29] for r in tasks_of_document(store, "vn:01/CT-BTTTT@2025")][1:2]
    ['Trong năm 2025, tập trung rà ']
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
    >>> [r.task.deadline for r in tasks_due(store, "2025")][:1]
    ['Trong năm 2025']
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


def _dependency_lines(dep: Dependency) -> list[str]:
    mark = STALE_MARK if dep.stale else SOON_MARK if dep.soon else ""
    lines = [f"  {mark}[{dep.depth}] {_doc(dep.document)}: {dep.derived.headline}"]
    if dep.stale or dep.soon:
        # "Khoản 2 Điều 21 đã bị bãi bỏ bởi Nghị định 10/2025/NĐ-CP từ 01/03/2025."
        lines.append(f"      {dep.derived.explanation}")
    lines.append("  " + _evidence(dep.via[-1]))
    return lines


def _render_dependencies(result: TaskDependencies) -> list[str]:
    lines = _task_line(result.task, result.source)
    if not result.dependencies:
        return [*lines, "Nhiệm vụ không dẫn chiếu văn bản nào."]
    lines.append(f"Căn cứ của nhiệm vụ ({len(result.dependencies)}):")
    for dep in result.dependencies:
        lines.extend(_dependency_lines(dep))
    return lines


def _render_impacts(result: list[TaskImpact]) -> list[str]:
    if not result:
        return ["Không có nhiệm vụ nào phụ thuộc văn bản này."]
    lines: list[str] = []
    for impact in result:
        lines.extend(_task_line(impact.task, impact.source))
        chain = " → ".join(e.type for e in impact.via)
        lines.append(f"  qua: {chain}")
    return lines


def _render_stale(result: list[TaskDependencies]) -> list[str]:
    if not result:
        return ["Không có nhiệm vụ nào dựa trên văn bản đã hoặc sắp hết hiệu lực."]
    lines: list[str] = []
    for report in result:
        lines.extend(_task_line(report.task, report.source))
        for dep in report.dependencies:
            lines.extend(_dependency_lines(dep))
    return lines


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
        "dependent_tasks": _render_impacts,
        "stale_tasks": _render_stale,
        "tasks_by_agency": _render_rows,
        "tasks_by_field": _render_rows,
        "tasks_of_document": _render_rows,
        "tasks_due": _render_rows,
    }
)
