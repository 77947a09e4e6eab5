"""The derived status of a document as of a day, and what it rests on (DESIGN.md: supersession
edges set the status of their target).

One function, :func:`derive_status`, gives it to every store's export, to :mod:`queries` (so to
the CLI and the app's pages) and to the export page, so they never disagree on whether Nghị định
43/2011/NĐ-CP is in force, and say why in the same words. It never claims more than the store's
texts say: a wrong *Còn hiệu lực* is the worst bug this product can have.

The first condition that holds gives the label (``…`` are the acting texts and their days):

 1. its type has no legal force (press report, report, official letter …)
    → *Không áp dụng*: "Tin báo chí không có hiệu lực pháp lý riêng: …"
 2. a whole REPLACES or REPEALS in effect on the day
    → *Hết hiệu lực*: "Đã bị thay thế bởi … từ …"
 3. its own effective date is later (with none known: its issued date)
    → *Chưa có hiệu lực*: "Có hiệu lực từ …" / "Ban hành ngày …, sau ngày …"
 4. a whole SUSPENDS in effect
    → *Tạm ngưng hiệu lực*: "Đã bị đình chỉ thi hành bởi … từ …"
 5. a partial REPLACES or REPEALS in effect
    → *Hết hiệu lực một phần*: "Khoản 2 Điều 21 đã bị bãi bỏ bởi … từ …"
 6. a partial SUSPENDS in effect
    → *Tạm ngưng hiệu lực một phần*: "Điều 5 đã bị đình chỉ thi hành bởi … từ …"
 7. a stub, a type nobody knows, or a text whose effective date nobody knows
    → *Chưa rõ*: "Văn bản chỉ được dẫn chiếu …" / "Chưa biết ngày có hiệu lực của văn bản …"
 8. a whole REPLACES or REPEALS dated after the day
    → *Sắp hết hiệu lực từ …*: "Sẽ bị thay thế bởi … từ …. Có hiệu lực từ … đến khi đó, theo N
    văn bản trong kho"
 9. a partial one dated after the day
    → *Sắp hết hiệu lực một phần từ …*: "Khoản 2 Điều 21 sẽ bị bãi bỏ bởi … từ …. …"
10. otherwise (a loaded text with legal force, in effect, that nothing in the store ends)
    → *Còn hiệu lực*: "Có hiệu lực từ …, theo N văn bản trong kho; không có văn bản nào trong kho
    thay thế, bãi bỏ"

Every other supersession edge is one more sentence of the explanation (``Đã được sửa đổi, bổ
sung bởi Nghị định 13/2023/NĐ-CP``): AMENDS and CORRECTS never end force.

Decisions, and why:

- *Which types have legal force* (:attr:`graph.model.DocType.has_legal_force`): the forms of the
  Luật Ban hành văn bản quy phạm pháp luật (Hiến pháp … Thông tư liên tịch, Lệnh), and the texts
  that state when they take effect and that a later text replaces ("Chỉ thị này thay thế Chỉ thị
  số 05/CT-TTg", "Kế hoạch này có hiệu lực kể từ ngày ký"): decisions, directives, plans,
  conclusions (Kết luận 34-KL/TW), regulations, programmes, strategies, schemes, master plans and
  guidance (Hướng dẫn 05-HD/TW). Press reports, reports, official letters (Công văn) and
  announcements (Thông báo) inform or ask, they do not bind: *Không áp dụng*, as the portals'
  "Đã biết". A Văn bản hợp nhất has no force of its own (its force is that of the texts it
  consolidates): *Không áp dụng* too. An ``unknown`` type may be either: *Chưa rõ*.
- *A loaded text with no known effective date* is *Chưa rõ*, never *Còn hiệu lực* on a guess:
  a decree takes effect 45 days or more after signing, a law months later (Bộ luật Dân sự
  2015, passed 24/11/2015, from 01/01/2017), a directive usually on signing. Its issued date
  only bounds it: before that day it is *Chưa có hiệu lực*.
- *When an effect takes hold*: the edge's ``effective_date``, else the acting text's own
  effective date. When no text says, the effect is counted from the acting text's issued date
  (a text does nothing before it exists), or at once if that is unknown too, and the
  explanation says "chưa rõ từ ngày nào": the store holds a text saying 43/2011/NĐ-CP is
  replaced, only the day is missing. An acting text issued after the day says nothing about it.
- *Precedence*: the whole ending beats everything (a whole REPLACES in force beats a partial
  REPEALS: nothing of the text is left); then a text not yet in force (what is partly repealed
  before it starts is still not in force); then suspensions and partial endings; the future
  (*Sắp hết hiệu lực*) only where *Còn hiệu lực* would otherwise be said, since it claims that
  much until that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graph.model import (
    SCOPE_PARTIAL,
    STATUS_ENDING,
    STATUS_IN_FORCE,
    STATUS_NOT_APPLICABLE,
    STATUS_NOT_IN_FORCE,
    STATUS_NOT_YET_IN_FORCE,
    STATUS_PARTLY_ENDING,
    STATUS_PARTLY_IN_FORCE,
    STATUS_PARTLY_SUSPENDED,
    STATUS_SUSPENDED,
    STATUS_UNKNOWN,
    Document,
    Edge,
    Node,
    RelationType,
    doc_type_info,
)

# Edges that end force: "Nghị định 42/2022/NĐ-CP thay thế Nghị định 43/2011/NĐ-CP" (REPLACES),
# "Bãi bỏ Quyết định 1819/QĐ-TTg" (REPEALS).
ENDING_TYPES: frozenset[str] = frozenset({RelationType.REPLACES, RelationType.REPEALS})
# "Đình chỉ thi hành Quyết định số 15/2023/QĐ-UBND" stops force for a while, ends nothing.
SUSPENDING_TYPES: frozenset[str] = frozenset({RelationType.SUSPENDS})
# Edges that take force away, now or from a later day: what a stale task rests on.
FORCE_TAKING_TYPES: frozenset[str] = ENDING_TYPES | SUSPENDING_TYPES
# Every supersession edge (DESIGN.md); AMENDS ("sửa đổi, bổ sung một số điều") and CORRECTS
# ("đính chính") leave the text in force, in its new wording.
SUPERSESSION_TYPES: frozenset[str] = FORCE_TAKING_TYPES | {
    RelationType.AMENDS,
    RelationType.CORRECTS,
}

# How a supersession edge reads, seen from its target ("… bị thay thế bởi Nghị định 42/2022/NĐ-CP")
# and from its source ("Nghị định 42/2022/NĐ-CP thay thế …").
PASSIVE: dict[str, str] = {
    RelationType.REPLACES: "bị thay thế bởi",
    RelationType.REPEALS: "bị bãi bỏ bởi",
    RelationType.SUSPENDS: "bị đình chỉ thi hành bởi",
    RelationType.AMENDS: "được sửa đổi, bổ sung bởi",
    RelationType.CORRECTS: "được đính chính bởi",
}
ACTIVE: dict[str, str] = {
    RelationType.REPLACES: "thay thế",
    RelationType.REPEALS: "bãi bỏ",
    RelationType.SUSPENDS: "đình chỉ thi hành",
    RelationType.AMENDS: "sửa đổi, bổ sung",
    RelationType.CORRECTS: "đính chính",
}

# Labels under which a task resting on the document is stale (its basis is gone or stopped, in
# whole or in part), and under which it is about to be.
STALE_STATUSES: frozenset[str] = frozenset(
    {STATUS_NOT_IN_FORCE, STATUS_PARTLY_IN_FORCE, STATUS_SUSPENDED, STATUS_PARTLY_SUSPENDED}
)
SOON_STATUSES: frozenset[str] = frozenset({STATUS_ENDING, STATUS_PARTLY_ENDING})

_TYPE_ORDER: tuple[str, ...] = tuple(RelationType)


def format_day(day: str) -> str:
    """An ISO day as Vietnamese texts write it.

    >>> format_day("2022-08-01")
    '01/08/2022'
    """
    return dt.date.fromisoformat(day).strftime("%d/%m/%Y")


def _iso(text: str | None) -> str | None:
    """``text`` if it is an ISO day, else None: a bare year says no day."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _sentence(*parts: str) -> str:
    text = " ".join(p for p in parts if p)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class Effect:
    """A supersession edge seen from its target on a day: what it does, by which act, from when.

    ``day`` is when it takes hold (ISO), None when no text says; ``applies`` whether it is in
    effect on the day the status is for (else it is announced for a later day).
    """

    edge: Edge
    by: str
    day: str | None
    applies: bool

    @property
    def partial(self) -> bool:
        """Whether it touches some provisions only ("bãi bỏ khoản 2 Điều 21"); a text that names
        provisions without saying the scope touches those."""
        scope = self.edge.scope
        return scope == SCOPE_PARTIAL or (scope is None and bool(self.edge.provisions))

    @property
    def provisions(self) -> tuple[str, ...]:
        return self.edge.provisions if self.partial else ()

    @property
    def sentence(self) -> str:
        """``khoản 2 Điều 21 đã bị bãi bỏ bởi Nghị định 10/2025/NĐ-CP từ 01/03/2025``."""
        what = ", ".join(self.provisions) or ("một phần" if self.partial else "")
        tense = "đã" if self.applies else "sẽ"
        when = f"từ {format_day(self.day)}" if self.day else "(chưa rõ từ ngày nào)"
        return " ".join(p for p in (what, tense, PASSIVE[self.edge.type], self.by, when) if p)


@dataclass(frozen=True, slots=True)
class Status:
    """A document's derived status on the day ``on`` (ISO), and what it rests on.

    ``label`` is one of :data:`graph.model.STATUSES`; ``since`` the day its state began or
    begins (the ``từ …`` of *Sắp hết hiệu lực từ …*), None when unknown; ``provisions`` those
    no longer (or soon no longer) in force for a partial label; ``effects`` every supersession
    edge that reaches the document by that day, oldest first; ``rests_on`` the edges that decide
    the label (none for *Còn hiệu lực*, which rests on their absence); ``explanation`` one line
    of Vietnamese saying all that.
    """

    label: str
    on: str
    explanation: str
    since: str | None = None
    provisions: tuple[str, ...] = ()
    effects: tuple[Effect, ...] = ()
    rests_on: tuple[Edge, ...] = ()

    @property
    def headline(self) -> str:
        """The label, with its day when it speaks of the future: ``Sắp hết hiệu lực từ
        01/08/2022``."""
        if self.label in SOON_STATUSES and self.since:
            return f"{self.label} từ {format_day(self.since)}"
        return self.label

    @property
    def stale(self) -> bool:
        """A task resting on the document no longer can, in whole or in part."""
        return self.label in STALE_STATUSES

    @property
    def soon(self) -> bool:
        """A task resting on the document will be stale from :attr:`since`."""
        return self.label in SOON_STATUSES


def _effects(
    doc_id: str, incoming: Iterable[Edge], day: str, acting: Mapping[str, Document]
) -> tuple[Effect, ...]:
    found: dict[tuple[object, ...], Effect] = {}
    for edge in sorted(incoming, key=lambda e: (e.source, e.type, e.origin or "")):
        if edge.type not in SUPERSESSION_TYPES or edge.source == doc_id:
            continue
        actor = acting.get(edge.source)
        when = _iso(edge.effective_date) or _iso(actor.effective_date if actor else None)
        issued = _iso(actor.issued_date if actor else None)
        applies = when <= day if when else issued is None or issued <= day
        if not applies and issued is not None and issued > day:
            continue  # not issued yet on that day: it said nothing then
        effect = Effect(edge, actor.label if actor else edge.source, when, applies)
        # Two texts reporting the same act ("Nghị định 42/2022/NĐ-CP thay thế Nghị định
        # 43/2011/NĐ-CP" in 42's own text and in a directive): one effect.
        found.setdefault((edge.source, edge.type, effect.provisions, when), effect)
    return tuple(
        sorted(
            found.values(),
            key=lambda e: (e.day is None, e.day or "", _TYPE_ORDER.index(e.edge.type)),
        )
    )


def _in_store(loaded: int | None) -> str:
    counted = "các" if loaded is None else str(loaded)
    return f"theo {counted} văn bản trong kho"


def derive_status(
    document: Document,
    incoming: Iterable[Edge],
    on: dt.date | None = None,
    *,
    acting: Mapping[str, Document] | None = None,
    loaded: int | None = None,
) -> Status:
    """Status of ``document`` on the day ``on`` (today by default), from the edges entering it.

    Parameters
    ----------
    document : Document
        The node; a stub (``source_path`` None) is one whose text the store has not seen.
    incoming : iterable of Edge
        Edges whose target is the document (any type; the supersession ones count).
    on : datetime.date, optional
        The day to answer for.
    acting : mapping of str to Document, optional
        The documents the edges come from, by id: their labels name them, their dates date the
        effects an edge does not date.
    loaded : int, optional
        How many texts the store holds: what *Còn hiệu lực* rests on ("theo 5 văn bản trong kho").

    Returns
    -------
    Status
        See the table at the top of this module.

    Examples
    --------
    >>> decree = Document("vn:43/2011/ND-CP", "decree", effective_date="2011-08-01", source_path="43")
    >>> derive_status(decree, [], dt.date(2020, 1, 1), loaded=2).explanation
    'Có hiệu lực từ 01/08/2011, theo 2 văn bản trong kho; không có văn bản nào trong kho thay thế, bãi bỏ.'
    >>> replaced = Edge("vn:42/2022/ND-CP", decree.id, "REPLACES", effective_date="2022-08-01")
    >>> [derive_status(decree, [replaced], dt.date(y, 9, 1)).headline for y in (2021, 2022)]
    ['Sắp hết hiệu lực từ 01/08/2022', 'Hết hiệu lực']
    >>> derive_status(Document("file:news:a.txt", "news", source_path="a.txt"), []).label
    'Không áp dụng'
    """  # noqa: E501
    day = (on or dt.date.today()).isoformat()
    effects = _effects(document.id, incoming, day, acting or {})
    kind = doc_type_info(document.doc_type)
    if kind.has_legal_force is False:
        return _made(
            STATUS_NOT_APPLICABLE,
            day,
            [f"{kind.name} không có hiệu lực pháp lý riêng: trạng thái hiệu lực không áp dụng"],
            effects,
        )
    now = [e for e in effects if e.applies]
    later = [e for e in effects if not e.applies]

    def pick(among: list[Effect], types: frozenset[str], partial: bool) -> list[Effect]:
        return [e for e in among if e.edge.type in types and e.partial == partial]

    if ended := pick(now, ENDING_TYPES, False):
        return _made(STATUS_NOT_IN_FORCE, day, [], effects, ended)
    own, own_since, own_sentence = _own_state(document, kind.has_legal_force, day)
    if own == STATUS_NOT_YET_IN_FORCE:
        return _made(own, day, [own_sentence], effects, since=own_since)
    for label, types, partial in (
        (STATUS_SUSPENDED, SUSPENDING_TYPES, False),
        (STATUS_PARTLY_IN_FORCE, ENDING_TYPES, True),
        (STATUS_PARTLY_SUSPENDED, SUSPENDING_TYPES, True),
    ):
        if deciding := pick(now, types, partial):
            return _made(label, day, [], effects, deciding)
    if own != STATUS_IN_FORCE:
        return _made(own, day, [own_sentence], effects)
    for label, partial in ((STATUS_ENDING, False), (STATUS_PARTLY_ENDING, True)):
        if deciding := pick(later, ENDING_TYPES, partial):
            rest = f"{own_sentence} đến khi đó, {_in_store(loaded)}"
            return _made(label, day, [rest], effects, deciding, first=True)
    unchallenged = (
        f"{own_sentence}, {_in_store(loaded)}; không có văn bản nào trong kho thay thế, bãi bỏ"
    )
    return _made(STATUS_IN_FORCE, day, [unchallenged], effects, since=own_since)


def _own_state(document: Document, has_force: bool | None, day: str) -> tuple[str, str | None, str]:
    """What the document's own text says: (label, since, sentence), before any edge."""
    if document.is_stub:
        return STATUS_UNKNOWN, None, "văn bản chỉ được dẫn chiếu, nội dung chưa được nạp vào kho"
    if has_force is None:
        return STATUS_UNKNOWN, None, "chưa xác định được loại văn bản"
    effective = _iso(document.effective_date)
    if effective is not None:
        label = STATUS_NOT_YET_IN_FORCE if day < effective else STATUS_IN_FORCE
        return label, effective, f"có hiệu lực từ {format_day(effective)}"
    issued = _iso(document.issued_date)
    if issued is not None and day < issued:
        return (
            STATUS_NOT_YET_IN_FORCE,
            None,
            f"ban hành ngày {format_day(issued)}, sau ngày {format_day(day)}",
        )
    signed = f" (ban hành ngày {format_day(issued)})" if issued else ""
    return STATUS_UNKNOWN, None, f"chưa biết ngày có hiệu lực của văn bản{signed}"


def _made(
    label: str,
    day: str,
    own: list[str],
    effects: tuple[Effect, ...],
    deciding: list[Effect] | tuple[Effect, ...] = (),
    *,
    since: str | None = None,
    first: bool = False,
) -> Status:
    """The status: the deciding effects' sentences, then the document's own (``first``: after
    them), then every other effect's, as one line."""
    told = [e.sentence for e in deciding]
    others = [e.sentence for e in effects if e not in deciding]
    sentences = [*told, *own, *others] if first or not own else [*own, *told, *others]
    days = [e.day for e in deciding]
    if deciding:
        since = None if None in days else min(d for d in days if d)
    provisions = tuple(dict.fromkeys(p for e in deciding for p in e.provisions))
    return Status(
        label=label,
        on=day,
        explanation=". ".join(_sentence(s) for s in sentences) + ".",
        since=since,
        provisions=provisions,
        effects=effects,
        rests_on=tuple(e.edge for e in deciding),
    )


def status_fields(status: Status) -> dict[str, Any]:
    """A status as the node-link export writes it on a Document (README, Export format)."""
    return {
        "status": status.label,
        "status_on": status.on,
        "status_since": status.since,
        "status_explanation": status.explanation,
    }


def export_statuses(
    nodes: Iterable[Node],
    edges: Iterable[Edge],
    on: dt.date | None = None,
    *,
    acting: Mapping[str, Document] | None = None,
    loaded: int | None = None,
) -> dict[str, dict[str, Any]]:
    """:func:`status_fields` of every document among ``nodes``, by id, as of ``on`` (today).

    ``edges`` must hold every edge entering those documents. ``acting`` and ``loaded`` default to
    the documents among ``nodes`` and how many of them are loaded: right for a whole store's
    export; a part of the graph passes the store's.
    """
    documents = {n.id: n for n in nodes if isinstance(n, Document)}
    incoming: dict[str, list[Edge]] = {}
    for edge in edges:
        if edge.target in documents:
            incoming.setdefault(edge.target, []).append(edge)
    if loaded is None:
        loaded = sum(1 for d in documents.values() if not d.is_stub)
    return {
        doc_id: status_fields(
            derive_status(
                document,
                incoming.get(doc_id, ()),
                on,
                acting=documents if acting is None else acting,
                loaded=loaded,
            )
        )
        for doc_id, document in documents.items()
    }
