"""Document: metadata, whether it is in force (and what replaced it), its Lược đồ in both
directions with the sentence proving each edge, the tasks it assigns, and its text with every
citation highlighted and linked."""

from __future__ import annotations

import html
from collections.abc import Sequence

import streamlit as st

from graph.model import (
    RELATION_LABELS,
    STATUS_IN_FORCE,
    STATUS_NOT_IN_FORCE,
    STATUS_PARTLY_IN_FORCE,
    Document,
    Task,
    TaskEdgeType,
)
from graph.store import GraphStore
from queries import REGISTRY, Citation, DocumentStatus
from queries.documents import RELATION_ORDER
from views import session
from views.markup import Mark, document_href, highlight, plain_markdown
from views.network import type_name

# Edges shown per relation group before "và N văn bản khác": Hiến pháp 2013 is the căn cứ of
# thousands of texts; the Graph page and the export hold the rest.
GROUP_SHOWN = 30

# How a successor ended the document's force, as the portals word it.
ENDED_BY: dict[str, str] = {"REPLACES": "bị thay thế bởi", "REPEALS": "bị bãi bỏ bởi"}

# Styles of the evidence quotes and the highlighted text (our own CSS; no text goes in here).
STYLE = """
<style>
.evidence {margin: 0 0 .6rem 1rem; padding-left: .6rem; border-left: 3px solid #ccc;
  color: #555; font-size: .9rem}
.doctext {white-space: pre-wrap; font-size: .95rem; line-height: 1.5}
.doctext a.citation {background: #e3f0ff; border-radius: 3px; text-decoration: none}
.doctext mark.mention {background: #fff2b3}
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
        ("Ngày ban hành", doc.issued_date or (str(doc.year) if doc.year else None)),
        ("Ngày hiệu lực", doc.effective_date),
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
    """Còn / hết hiệu lực (một phần), naming the successors and the amending texts."""
    amended = ", ".join(c.document.label for c in report.amended_by)
    if report.status == STATUS_NOT_IN_FORCE:
        ended = "; ".join(
            f"{ENDED_BY.get(c.edge.type, 'bị thay thế bởi')} {c.document.label}"
            for c in report.superseded_by
        )
        st.error(
            plain_markdown(f"Hết hiệu lực: {ended}" if ended else "Hết hiệu lực"),
            icon=":material/block:",
        )
    elif report.status == STATUS_PARTLY_IN_FORCE:
        st.warning(plain_markdown(f"Hết hiệu lực một phần. Sửa đổi, bổ sung: {amended}"))
    elif report.status == STATUS_IN_FORCE:
        note = f" (được sửa đổi, bổ sung bởi {amended})" if amended else ""
        st.success(plain_markdown(f"Còn hiệu lực{note}"), icon=":material/check_circle:")
    else:
        st.info(
            plain_markdown(
                f"{report.status}: văn bản chỉ được dẫn chiếu, nội dung chưa được nạp vào kho"
            ),
            icon=":material/info:",
        )
    for citation in report.superseded_by:
        st.page_link(
            session.DOCUMENT_PAGE,
            label=plain_markdown(f"Xem văn bản thay thế: {citation.document.label}"),
            query_params={"id": citation.document.id},
        )


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
                Mark(mention.start, mention.end, f"Cần kiểm tra: {mention.reason}", href, "mention")
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
    status_banner(REGISTRY["status"].function(store, doc.id))
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
            st.html(f'<div class="doctext">{highlight(content, text_marks(store, doc))}</div>')


if __name__ == "__main__":
    render()
