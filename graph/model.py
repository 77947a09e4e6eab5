"""The graph model: nodes, edges and the unit of loading, owned by no store.

Everything here is a frozen dataclass with explicit string ids (``../shared/DESIGN.md``, Nodes and
Relations). The loader produces a :class:`TextGraph` per source text; a store writes it
atomically and answers queries with the same classes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any


@dataclass(frozen=True, slots=True)
class DocType:
    """What a document type means to every part of the project: one row per type.

    - ``name`` and ``spellings``: how a text writes the type before a number or a name ("Nghị
      định số …", "QUY CHẾ", "Công điện số …"); the name is what the app shows.
    - ``symbols``: the type codes of a số hiệu (folded, upper case: ``QD`` in ``749/QĐ-TTg``), each
      a whole token or a regular expression matched against a whole token (``QH\\d+`` in
      ``24/2023/QH15``); ``abbreviations``: the codes also written, upper case, in place of the
      type word ("theo QĐ số 22/2013/QĐ-TTg").
    - ``has_legal_force``: whether a derived status (hiệu lực) applies (:mod:`graph.status` gives
      the reasons): True for the texts that take effect and that a later text can replace or
      repeal, False for those that never have force of their own (DESIGN.md: "Không áp dụng —
      press reports, reports and other non-normative texts"), None when the type is unknown.
    - ``changes_acts``: its own provisions can amend, replace or repeal other acts (a directive
      or a letter only plans to: DESIGN.md, Direction); ``force``: its rank in the order of legal
      force (lower is stronger; None where the issuer decides, see :mod:`loader.relate`).
    - ``cited_by_name``: how it is cited without a number: ``"act"`` ("Luật Viễn thông năm
      2023"), ``"policy"`` ("Chiến lược phát triển Bưu chính đến năm 2025": a decision approving
      it may carry its name), None.
    - ``approves``: its article may approve or issue a named policy, which then stands for it.
    - ``tasks``: where its tasks are (:mod:`loader.tasks`): ``"imperative"`` (its sentences
      assign work), ``"letter"`` (a letter chasing work, leaning on what it cites; an
      announcement is both), ``"statute"`` (only an article on who implements it assigns), or
      ``"article"`` (any article).
    - ``colour``: its colour in the app's graph and timeline.
    """

    code: str
    name: str
    has_legal_force: bool | None
    colour: str
    symbols: tuple[str, ...] = ()
    spellings: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    changes_acts: bool = False
    force: float | None = None
    cited_by_name: str | None = None
    approves: bool = False
    tasks: frozenset[str] = frozenset({"article"})


_IMPERATIVE = frozenset({"imperative"})
_STATUTE = frozenset({"statute"})

# DESIGN.md, "Document types". Colours: colour-blind-safe Okabe–Ito for the commonest types, muted
# tones for the rest, so a plan that implements a decision reads apart from the decision at a
# glance. Order is DESIGN.md's (menus and legends follow it). Force: Luật Ban hành văn bản quy
# phạm pháp luật (decisions and resolutions rank by their issuer, loader.relate.SYMBOL_FORCE).
DOC_TYPE_TABLE: tuple[DocType, ...] = (
    DocType(
        "constitution",
        "Hiến pháp",
        True,
        "#003f63",
        changes_acts=True,
        force=0,
        cited_by_name="act",
        tasks=_STATUTE,
    ),
    DocType(
        "code",
        "Bộ luật",
        True,
        "#0072B2",
        changes_acts=True,
        force=1,
        cited_by_name="act",
        tasks=_STATUTE,
    ),
    DocType(
        "law",
        "Luật",
        True,
        "#0072B2",
        (r"QH\d+",),
        changes_acts=True,
        force=1,
        cited_by_name="act",
        tasks=_STATUTE,
    ),
    DocType(
        "ordinance",
        "Pháp lệnh",
        True,
        "#3d8fc4",
        ("PL", r"UBTVQH\d+"),
        changes_acts=True,
        force=2,
        cited_by_name="act",
        tasks=_STATUTE,
    ),
    DocType(
        "resolution",
        "Nghị quyết",
        True,
        "#56B4E9",
        ("NQ",),
        abbreviations=("NQ",),
        changes_acts=True,
        approves=True,
    ),
    DocType(
        "decree",
        "Nghị định",
        True,
        "#D55E00",
        ("ND",),
        abbreviations=("ND",),
        changes_acts=True,
        force=3,
        tasks=_STATUTE,
    ),
    DocType(
        "decision",
        "Quyết định",
        True,
        "#E69F00",
        ("QD",),
        abbreviations=("QD",),
        changes_acts=True,
        approves=True,
    ),
    DocType("directive", "Chỉ thị", True, "#009E73", ("CT",), tasks=_IMPERATIVE),
    DocType(
        "circular",
        "Thông tư",
        True,
        "#CC79A7",
        ("TT",),
        changes_acts=True,
        force=4,
        approves=True,
    ),
    DocType(
        "joint_circular",
        "Thông tư liên tịch",
        True,
        "#b0608f",
        ("TTLT",),
        abbreviations=("TTLT",),
        changes_acts=True,
        force=4,
    ),
    DocType("order", "Lệnh", True, "#2a5783", ("L",), changes_acts=True),
    DocType(
        "plan", "Kế hoạch", True, "#7a9e3b", ("KH",), cited_by_name="policy", tasks=_IMPERATIVE
    ),
    DocType("conclusion", "Kết luận", True, "#4c72b0", ("KL",), tasks=_IMPERATIVE),
    DocType("regulation", "Quy định", True, "#8172b3", spellings=("Quy chế",)),
    DocType(
        "official_letter",
        "Công văn",
        False,
        "#888888",
        ("CV",),
        spellings=("Công điện",),
        abbreviations=("CV",),
        tasks=frozenset({"letter"}),
    ),
    DocType(
        "announcement",
        "Thông báo",
        False,
        "#999999",
        ("TB",),
        tasks=frozenset({"imperative", "letter"}),
    ),
    DocType(
        "program",
        "Chương trình",
        True,
        "#c9a227",
        ("CTR",),
        cited_by_name="policy",
        tasks=_IMPERATIVE,
    ),
    DocType("strategy", "Chiến lược", True, "#a6761d", cited_by_name="policy", tasks=_IMPERATIVE),
    DocType("scheme", "Đề án", True, "#8c6d31", cited_by_name="policy", tasks=_IMPERATIVE),
    DocType("master_plan", "Quy hoạch", True, "#6b4c9a", cited_by_name="policy"),
    DocType("report", "Báo cáo", False, "#aaaaaa", ("BC",)),
    DocType("guidance", "Hướng dẫn", True, "#64b5cd", ("HD",)),
    DocType("consolidated_text", "Văn bản hợp nhất", False, "#5f9ea0", ("VBHN",), tasks=_STATUTE),
    DocType("news", "Tin báo chí", False, "#bbbbbb"),
    DocType("unknown", "Không rõ", None, "#666666"),
)
# The types a text may name as such (a press report or an unknown type is never written before a
# number): their spellings as written, longest first ("Thông tư liên tịch" before "Thông tư").
WRITTEN_TYPES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        (
            (spelling, row.code)
            for row in DOC_TYPE_TABLE
            if row.code not in ("news", "unknown")
            for spelling in (row.name, *row.spellings)
        ),
        key=lambda pair: -len(pair[0]),
    )
)
DOC_TYPE_INFO: dict[str, DocType] = {row.code: row for row in DOC_TYPE_TABLE}
UNKNOWN_TYPE = DOC_TYPE_INFO["unknown"]

# Document types: code -> Vietnamese name.
DOC_TYPES: dict[str, str] = {row.code: row.name for row in DOC_TYPE_TABLE}


def doc_type_info(code: str) -> DocType:
    """The row of a type code; a code outside the table is an unknown type.

    >>> doc_type_info("decree").name, doc_type_info("news").has_legal_force
    ('Nghị định', False)
    """
    return DOC_TYPE_INFO.get(code, UNKNOWN_TYPE)


class RelationType(StrEnum):
    """Document → document relations (DESIGN.md, "Relations"), strongest claims first."""

    REPLACES = "REPLACES"
    REPEALS = "REPEALS"
    AMENDS = "AMENDS"
    CORRECTS = "CORRECTS"
    SUSPENDS = "SUSPENDS"
    CONSOLIDATES = "CONSOLIDATES"
    GUIDES = "GUIDES"
    BASED_ON = "BASED_ON"
    IMPLEMENTS = "IMPLEMENTS"
    CITES = "CITES"


class TaskEdgeType(StrEnum):
    """Edges that hang tasks and agencies off documents."""

    HAS_TASK = "HAS_TASK"
    DEPENDS_ON = "DEPENDS_ON"
    LED_BY = "LED_BY"
    SUPPORTED_BY = "SUPPORTED_BY"
    ISSUED_BY = "ISSUED_BY"


RELATION_TYPES: frozenset[str] = frozenset(RelationType)
EDGE_TYPES: frozenset[str] = RELATION_TYPES | frozenset(TaskEdgeType)

# Vietnamese labels of the relations as the portals' "Lược đồ" shows them (source → target, and the
# same edge seen from its target).
RELATION_LABELS: dict[str, tuple[str, str]] = {
    "BASED_ON": ("Văn bản căn cứ", "Văn bản được căn cứ"),
    "IMPLEMENTS": ("Văn bản được triển khai thực hiện", "Văn bản triển khai thực hiện"),
    "GUIDES": ("Văn bản được hướng dẫn", "Văn bản hướng dẫn"),
    "AMENDS": ("Văn bản bị sửa đổi, bổ sung", "Văn bản sửa đổi, bổ sung"),
    "REPLACES": ("Văn bản bị thay thế", "Văn bản thay thế"),
    "REPEALS": ("Văn bản bị bãi bỏ", "Văn bản bãi bỏ"),
    "CORRECTS": ("Văn bản bị đính chính", "Văn bản đính chính"),
    "SUSPENDS": ("Văn bản bị đình chỉ", "Văn bản đình chỉ"),
    "CONSOLIDATES": ("Văn bản được hợp nhất", "Văn bản hợp nhất"),
    "CITES": ("Văn bản được dẫn chiếu", "Văn bản dẫn chiếu"),
}

# Derived status of a document as of a day (DESIGN.md: supersession edges set the status of their
# target); graph/status.py says which condition gives which.
STATUS_IN_FORCE = "Còn hiệu lực"
STATUS_NOT_YET_IN_FORCE = "Chưa có hiệu lực"
STATUS_ENDING = "Sắp hết hiệu lực"
STATUS_PARTLY_ENDING = "Sắp hết hiệu lực một phần"
STATUS_NOT_IN_FORCE = "Hết hiệu lực"
STATUS_PARTLY_IN_FORCE = "Hết hiệu lực một phần"
STATUS_SUSPENDED = "Tạm ngưng hiệu lực"
STATUS_PARTLY_SUSPENDED = "Tạm ngưng hiệu lực một phần"
STATUS_UNKNOWN = "Chưa rõ"
STATUS_NOT_APPLICABLE = "Không áp dụng"
STATUSES: tuple[str, ...] = (
    STATUS_IN_FORCE,
    STATUS_NOT_YET_IN_FORCE,
    STATUS_ENDING,
    STATUS_PARTLY_ENDING,
    STATUS_NOT_IN_FORCE,
    STATUS_PARTLY_IN_FORCE,
    STATUS_SUSPENDED,
    STATUS_PARTLY_SUSPENDED,
    STATUS_UNKNOWN,
    STATUS_NOT_APPLICABLE,
)

# Edge.scope of a supersession edge: "Nghị định này thay thế Nghị định 43/2011/NĐ-CP" is whole,
# "Bãi bỏ khoản 2 Điều 21 Nghị định …" partial.
SCOPE_WHOLE = "whole"
SCOPE_PARTIAL = "partial"


# A title can run to 400 characters (seed 001's "Chỉ thị về việc tổ chức triển khai thực hiện Chỉ
# thị số 19/CT-TTg … theo Nghị quyết Đại hội … lần thứ XIII của Đảng"); a label is for lists.
LABEL_MAX = 90


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,;:-") + "…"


@dataclass(frozen=True, slots=True)
class Document:
    """A legal document (or a press report): a full node when its text was loaded, else a stub.

    ``source_path`` is None for a *stub*, a document known only because something cites it.
    """

    id: str
    doc_type: str = "unknown"
    number: str | None = None
    year: int | None = None
    name: str | None = None
    issuer: str | None = None
    issued_date: str | None = None  # ISO yyyy-mm-dd
    effective_date: str | None = None
    signer: str | None = None
    field: str | None = None
    source_path: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def is_stub(self) -> bool:
        return self.source_path is None

    @property
    def label(self) -> str:
        """How an officer names it: ``Quyết định 749/QĐ-TTg`` or ``Luật Viễn thông (2023)``."""
        kind = DOC_TYPES.get(self.doc_type, "")
        if self.number:
            head = (
                f"{kind} {self.number}".strip()
                if self.doc_type not in ("unknown", "news")
                else self.number
            )
            return (
                head
                if self.year is None or str(self.year) in self.number
                else f"{head} ({self.year})"
            )
        base = _shorten(self.name or kind or self.id, LABEL_MAX)
        return f"{base} ({self.year})" if self.year and str(self.year) not in base else base


@dataclass(frozen=True, slots=True)
class Task:
    """An action item a directive, plan or meeting conclusion assigns."""

    id: str
    text: str
    section: str | None = None
    field: str | None = None
    lead: str | None = None
    partners: tuple[str, ...] = ()
    deadline: str | None = None  # as the text says it: "trước ngày 30/6/2025", "Quý II/2025"
    source_path: str | None = None
    # The deadline made comparable, when the text gives one that can be: "2025-06-30", "2025-Q2",
    # "2023-W15" (tuần 15 năm 2023), "2013-12" (tháng 12/2013), "2025" (trong năm 2025).
    due: str | None = None


@dataclass(frozen=True, slots=True)
class Agency:
    """A normalised public body (``Bộ Thông tin và Truyền thông`` = ``Bộ TTTT`` = ``Bộ TT&TT``)."""

    id: str
    name: str


Node = Document | Task | Agency


@dataclass(frozen=True, slots=True)
class Edge:
    """A typed edge with the sentence that proves it.

    ``origin`` is the ``source_path`` of the text that asserted the edge: re-loading that text
    replaces exactly the edges it asserted, including third-party edges it reports
    ("Nghị định 42/2022/NĐ-CP thay thế Nghị định 43/2011/NĐ-CP" gives 42 → 43, origin = the text).
    """

    source: str
    target: str
    type: str
    evidence: str = ""
    start: int = 0
    end: int = 0
    confidence: float = 1.0
    origin: str | None = None
    # Supersession edges (AMENDS, REPLACES, REPEALS, SUSPENDS, CORRECTS; DESIGN.md): "whole" or
    # "partial", the provisions touched as written ("khoản 2 Điều 21"), and when the effect takes
    # hold (ISO day). None / () on other edges, and where the text does not say.
    scope: str | None = None
    provisions: tuple[str, ...] = ()
    effective_date: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.type)


@dataclass(frozen=True, slots=True)
class Mention:
    """A citation the loader could not pin to one document, kept so a person can fix it.

    ``status`` is ``"ambiguous"`` (e.g. a year-less ``01/NQ-CP`` that nothing dates) or
    ``"unresolved"`` (a document named too vaguely to identify).
    """

    origin: str
    text: str
    start: int
    end: int
    status: str
    reason: str
    target: str | None = None  # the year-less or provisional node the edge went to, if any


@dataclass(frozen=True, slots=True)
class Alias:
    """A name that designates a numbered document, learned from a text.

    "Quyết định 749/QĐ-TTg … phê duyệt Chương trình Chuyển đổi số quốc gia" makes
    ``Chương trình Chuyển đổi số quốc gia`` an alias of 749/QĐ-TTg, for every text in the store.
    """

    key: str  # folded name (graph.identity.fold_name)
    name: str
    doc_id: str
    origin: str | None = None


@dataclass(slots=True)
class TextGraph:
    """Everything one source text contributes to the graph: the unit a store writes atomically."""

    source_path: str
    sha256: str
    document: Document
    cited: list[Document] = field(default_factory=list)  # stubs (or partial) of cited documents
    edges: list[Edge] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    content: str = ""  # the cleaned text the offsets index into, kept so the app can highlight it
    # Folded names the text looked up among those other texts taught (loader.pipeline.extract):
    # when one of them is taught or changes answer later, the text is extracted again.
    asked: list[str] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)  # "name=document id" of the names answered
    format: str = "text"  # the file's format (loader.formats.FORMATS): "html", "docx", "pdf" …
    ocr: bool = False  # read from page images by OCR
    content_sha256: str = ""  # of ``content``: copies of a text under other names are one text
    # Another file of the same document (its .docx beside its .html): the source_path of the
    # document's text of record. Such a text is recorded as one more source of the document, with
    # its content, and contributes nothing else: one document, one set of edges and tasks.
    same_as: str | None = None


def node_kind(node: Node) -> str:
    return type(node).__name__


def node_to_dict(node: Node) -> dict[str, Any]:
    """Node-link JSON form of a node: its fields plus ``kind`` (DESIGN.md, Export format)."""
    # Fields are strings, numbers and tuples of strings, so a shallow copy is what asdict's deep
    # one would give, at a tenth of the cost (a grouped Neo4j write converts ~17 nodes per text).
    data = {
        name: list(value) if isinstance(value, tuple) else value
        for name in _FIELD_NAMES[type(node)]
        for value in (getattr(node, name),)
    }
    data["kind"] = node_kind(node)
    return data


def edge_to_dict(edge: Edge) -> dict[str, Any]:
    data = asdict(edge)
    data["provisions"] = list(edge.provisions)
    return data


_NODE_CLASSES: dict[str, type[Document] | type[Task] | type[Agency]] = {
    "Document": Document,
    "Task": Task,
    "Agency": Agency,
}
_FIELD_NAMES: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in fields(cls)) for cls in _NODE_CLASSES.values()
}


def node_from_dict(data: dict[str, Any]) -> Node:
    """Inverse of :func:`node_to_dict`; unknown keys (such as a derived ``status``) are ignored."""
    cls = _NODE_CLASSES[data.get("kind", "Document")]
    names = {f.name for f in fields(cls)}
    kwargs: dict[str, Any] = {
        k: (tuple(v) if isinstance(v, list) else v) for k, v in data.items() if k in names
    }
    return cls(**kwargs)


def edge_from_dict(data: dict[str, Any]) -> Edge:
    names = {f.name for f in fields(Edge)}
    kwargs = {k: v for k, v in data.items() if k in names}
    if isinstance(kwargs.get("provisions"), list):
        kwargs["provisions"] = tuple(kwargs["provisions"])
    return Edge(**kwargs)
