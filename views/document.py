"""Document: metadata, whether it is in force on a day and on what that rests (which acts replace,
repeal, suspend or amend which provisions, from when), its Lược đồ in both directions with the
sentence proving each edge, the tasks it assigns, and its text with every citation highlighted
and linked."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import Any

import streamlit as st

from graph.messages import review_reason
from graph.model import (
    RELATION_LABELS,
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
    Task,
    TaskEdgeType,
)
from graph.status import PASSIVE, Effect, format_day
from graph.store import GraphStore
from queries import REGISTRY, Citation, DocumentStatus
from queries.documents import RELATION_ORDER
from views import session
from views.dates import display_date
from views.markup import Mark, document_href, highlight, plain_markdown, source_syntax
from views.network import type_name

# Edges shown per relation group before "và N văn bản khác": Hiến pháp 2013 is the căn cứ of
# thousands of texts; the Graph page and the export hold the rest.
GROUP_SHOWN = 30

# How each status is shown (Streamlit element, icon): green only for Còn hiệu lực, red for a
# text no longer in force, amber for one partly so or about to be, blue where the store cannot
# say (a stub, a text whose effective date nobody knows) or nothing is to be said (a press report).
BANNERS: dict[str, tuple[str, str]] = {
    STATUS_IN_FORCE: ("success", ":material/check_circle:"),
    STATUS_NOT_IN_FORCE: ("error", ":material/block:"),
    STATUS_PARTLY_IN_FORCE: ("warning", ":material/rule:"),
    STATUS_SUSPENDED: ("warning", ":material/pause_circle:"),
    STATUS_PARTLY_SUSPENDED: ("warning", ":material/pause_circle:"),
    STATUS_ENDING: ("warning", ":material/schedule:"),
    STATUS_PARTLY_ENDING: ("warning", ":material/schedule:"),
    STATUS_NOT_YET_IN_FORCE: ("info", ":material/schedule:"),
    STATUS_UNKNOWN: ("info", ":material/help:"),
    STATUS_NOT_APPLICABLE: ("info", ":material/info:"),
}

# The day the status is asked for (the Document page's date picker), in the first of these
# columns: a day needs no more than a quarter of the page.
ON_KEY = "d_on"
DATE_COLUMNS = (1, 3)

# Styles of the evidence quotes and the highlighted text (our own CSS; no text goes in here).
STYLE = """
<style>
.evidence {margin: 0 0 .6rem 1rem; padding-left: .6rem; border-left: 3px solid #ccc;
  color: #555; font-size: .9rem}
.doctext {white-space: pre-wrap; font-size: .95rem; line-height: 1.5}
.doctext a.citation {background: #e3f0ff; border-radius: 3px; text-decoration: none}
.doctext mark.mention {background: #fff2b3}
.doctext span.cell {display: inline-block; width: 1px; height: 1em; margin: 0 .8rem;
  vertical-align: middle; background: #bbb}
table.meta td {padding: .15rem .8rem .15rem 0; vertical-align: top}
table.meta td:first-child {color: #666; white-space: nowrap}
</style>
"""


def metadata_rows(doc: Document, other_files: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(field, value) pairs of what the store knows about a document, empty fields left out;
    ``other_files`` are the further files of it the store records (its .docx beside the .html
    that is its text of record)."""
    rows = [
        ("Số hiệu", doc.number),
        ("Loại văn bản", type_name(doc.doc_type)),
        ("Trích yếu", doc.name),
        ("Cơ quan ban hành", doc.issuer),
        ("Ngày ban hành", display_date(doc.issued_date) or (str(doc.year) if doc.year else None)),
        ("Ngày hiệu lực", display_date(doc.effective_date)),
        ("Người ký", doc.signer),
        ("Lĩnh vực", doc.field),
        ("Tên gọi khác", "; ".join(doc.aliases) if doc.aliases else None),
        ("Tệp nguồn", doc.source_path or "chưa nạp (chỉ được dẫn chiếu)"),
        ("Tệp khác của văn bản", "; ".join(other_files) if other_files else None),
        ("Mã", doc.id),
    ]
    return [(name, value) for name, value in rows if value]


def metadata_html(doc: Document, other_files: Sequence[str] = ()) -> str:
    cells = "".join(
        f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
        for k, v in metadata_rows(doc, other_files)
    )
    return f'<table class="meta">{cells}</table>'


def status_banner(report: DocumentStatus) -> None:
    """The status on the day asked about, and the one line saying on what it rests."""
    derived = report.derived
    element, icon = BANNERS[derived.label]
    text = f"**{plain_markdown(derived.headline)}**  \n{plain_markdown(derived.explanation)}"
    getattr(st, element)(text, icon=icon)
    for citation in report.superseded_by:
        # "Xem văn bản thay thế: Nghị định 42/2022/NĐ-CP", as the Lược đồ names the relation.
        relation = RELATION_LABELS[citation.edge.type][1].lower()
        st.page_link(
            session.DOCUMENT_PAGE,
            label=plain_markdown(f"Xem {relation}: {citation.document.label}"),
            query_params={"id": citation.document.id},
        )


def effect_rows(effects: Sequence[Effect]) -> list[dict[str, Any]]:
    """One row per act that replaces, repeals, suspends, amends or corrects the document: which
    provisions, what it does, by which act, from when."""
    return [
        {
            "Phạm vi": ", ".join(e.provisions) or ("Một phần" if e.partial else "Toàn bộ văn bản"),
            "Tác động": PASSIVE[e.edge.type].removesuffix(" bởi").capitalize(),
            "Văn bản": e.by,
            "Từ ngày": format_day(e.day) if e.day else "Chưa rõ",
            "Tình trạng": "Đã có hiệu lực" if e.applies else "Chưa đến ngày",
        }
        for e in effects
    ]


def show_status(store: GraphStore, doc: Document) -> None:
    """The day picker, the banner and the acts that decide it."""
    on = st.columns(DATE_COLUMNS)[0].date_input(
        "Hiệu lực tính đến ngày", value=dt.date.today(), key=ON_KEY, format="DD/MM/YYYY"
    )
    day = on if isinstance(on, dt.date) else None
    report: DocumentStatus = REGISTRY["status"].function(store, doc.id, on=day)
    status_banner(report)
    if report.derived.effects:
        st.markdown("**Văn bản tác động đến hiệu lực**")
        st.dataframe(effect_rows(report.derived.effects), hide_index=True, width="stretch")


def evidence_html(evidence: str) -> str:
    return f'<div class="evidence">“{html.escape(evidence)}”</div>' if evidence else ""


def relation_group(kind: str, direction: str, rows: Sequence[Citation]) -> None:
    """One box of the Lược đồ: a relation kind seen from this document, each edge's evidence."""
    label = RELATION_LABELS.get(kind, (kind, kind))[0 if direction == "out" else 1]
    with st.container(border=True):
        st.markdown(f"**{plain_markdown(label)}** ({len(rows)})")
        for citation in rows[:GROUP_SHOWN]:
            st.page_link(
                session.DOCUMENT_PAGE,
                label=plain_markdown(citation.document.label),
                query_params={"id": citation.document.id},
            )
            if citation.edge.evidence:
                st.html(evidence_html(citation.edge.evidence))
        if len(rows) > GROUP_SHOWN:
            st.caption(
                f"… và {len(rows) - GROUP_SHOWN} văn bản khác (xem trang Đồ thị hoặc Xuất dữ liệu)."
            )


def luoc_do(store: GraphStore, doc: Document) -> None:
    """The Lược đồ: what the document rests on (out) and what rests on it (in)."""
    outgoing = REGISTRY["cites"].function(store, doc.id)
    incoming = REGISTRY["cited_by"].function(store, doc.id)
    st.subheader("Lược đồ")
    left, right = st.columns(2)
    for column, groups, direction, title in (
        (left, outgoing, "out", "Văn bản này dẫn chiếu đến"),
        (right, incoming, "in", "Văn bản dẫn chiếu đến văn bản này"),
    ):
        with column:
            count = sum(len(rows) for rows in groups.values())
            st.markdown(f"##### {title} ({count})")
            if not groups:
                st.caption("Không có.")
            for kind, rows in groups.items():
                relation_group(kind, direction, rows)


def text_marks(store: GraphStore, doc: Document) -> list[Mark]:
    """Citations this document's text makes (linked) and mentions the loader could not pin down."""
    if doc.source_path is None:
        return []
    marks = []
    # Relations only: a task's span (HAS_TASK) covers the citations inside it.
    edges = [
        e
        for e in store.edges_of(doc.id, "out", RELATION_ORDER)
        if e.origin == doc.source_path and e.end > e.start
    ]
    labels = {d.id: d.label for d in store.documents({e.target for e in edges})}
    for edge in edges:
        relation = RELATION_LABELS.get(edge.type, (edge.type, edge.type))[0]
        marks.append(
            Mark(
                edge.start,
                edge.end,
                f"{relation}: {labels.get(edge.target, edge.target)}",
                document_href(session.URL_PATHS[session.DOCUMENT_PAGE], edge.target),
            )
        )
    for mention in store.mentions(origin=doc.source_path) if doc.source_path else []:
        if mention.end > mention.start:
            href = (
                document_href(session.URL_PATHS[session.DOCUMENT_PAGE], mention.target)
                if mention.target
                else None
            )
            marks.append(
                Mark(
                    mention.start,
                    mention.end,
                    f"Cần kiểm tra: {review_reason(mention.reason)}",
                    href,
                    "mention",
                )
            )
    return marks


def tasks_of(store: GraphStore, doc: Document) -> list[Task]:
    ids = [e.target for e in store.edges_of(doc.id, "out", [TaskEdgeType.HAS_TASK.value])]
    nodes = (store.node(i) for i in ids)
    return [n for n in nodes if isinstance(n, Task)]


def show_tasks(tasks: Sequence[Task]) -> None:
    st.subheader(f"Nhiệm vụ văn bản giao ({len(tasks)})")
    st.dataframe(
        [
            {
                "Nhiệm vụ": t.text,
                "Lĩnh vực": t.field or "",
                "Chủ trì": t.lead or "",
                "Phối hợp": "; ".join(t.partners),
                "Thời hạn": t.deadline or "",
            }
            for t in tasks
        ],
        hide_index=True,
        width="stretch",
    )


def render() -> None:
    st.html(STYLE)
    picked = session.store_and_document()
    if picked is None:
        return
    store, doc = picked
    st.title(plain_markdown(doc.label))
    show_status(store, doc)
    links = st.columns(4)
    links[0].page_link(
        session.GRAPH_PAGE, label="Xem đồ thị", icon=":material/hub:", query_params={"id": doc.id}
    )
    links[1].page_link(
        session.TIMELINE_PAGE,
        label="Xem dòng thời gian",
        icon=":material/timeline:",
        query_params={"id": doc.id},
    )
    files = store.sources([doc.id]).get(doc.id, [])
    st.html(metadata_html(doc, [f.source_path for f in files if f.same_as is not None]))
    luoc_do(store, doc)
    tasks = tasks_of(store, doc)
    if tasks:
        show_tasks(tasks)
    content = store.text_content(doc.source_path) if doc.source_path else None
    if content:
        st.subheader("Nội dung")
        st.caption(
            "Trích dẫn được tô màu và dẫn tới văn bản được dẫn chiếu; màu vàng: cần kiểm tra."
        )
        with st.container(height=600):
            # A markdown copy is shown as its text: no "|---|---|", "**", "# " (views/markup.py).
            marked = highlight(content, text_marks(store, doc), source_syntax(content))
            st.html(f'<div class="doctext">{marked}</div>')


if __name__ == "__main__":
    render()
