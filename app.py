"""The explorer (first version): the documents in the store and what each cites.

Run with ``streamlit run app.py`` (store directory from ``LEGAL_GRAPH_STORE``, default
``./data/graph``). The full multipage explorer is issue 6; this page already reads only through
:mod:`queries`, so the later pages reuse the same calls.
"""

from __future__ import annotations

import os

import streamlit as st

from graph.embedded import DEFAULT_STORE_DIR
from graph.model import DOC_TYPES, RELATION_LABELS
from graph.open import open_store
from graph.store import GraphStore, StoreError
from queries import REGISTRY

STORE_DIR = os.environ.get("LEGAL_GRAPH_STORE", str(DEFAULT_STORE_DIR))


@st.cache_resource
def get_store(path: str) -> GraphStore:
    return open_store(path)


def main() -> None:
    st.set_page_config(page_title="Lược đồ văn bản pháp luật", layout="wide")
    st.title("Lược đồ văn bản pháp luật")
    try:
        store = get_store(STORE_DIR)
    except StoreError as exc:
        st.error(f"Không mở được kho dữ liệu {STORE_DIR}: {exc}")
        return
    stats = store.stats()
    st.caption(
        f"{stats.texts} văn bản đã nạp · {stats.documents} tài liệu · {stats.stubs} văn bản "
        f"chỉ được dẫn chiếu · {stats.edges} quan hệ · kho: {STORE_DIR}"
    )
    needle = st.text_input("Tìm văn bản (số hiệu hoặc tên, có dấu hay không dấu)", "")
    docs = REGISTRY["find"].function(store, needle) if needle.strip() else list(store.documents())
    loaded = [d for d in docs if not d.is_stub] + [d for d in docs if d.is_stub]
    rows = [
        {
            "Văn bản": d.label,
            "Loại": DOC_TYPES.get(d.doc_type, d.doc_type),
            "Năm": d.year,
            "Cơ quan ban hành": d.issuer or "",
            "Nạp từ tệp": "có" if not d.is_stub else "",
            "id": d.id,
        }
        for d in loaded
    ]
    st.dataframe(rows, hide_index=True, width="stretch")
    choice = st.selectbox(
        "Xem quan hệ của", [d.id for d in loaded], format_func=lambda i: store_label(store, i)
    )
    if choice:
        show_relations(store, choice)


def store_label(store: GraphStore, doc_id: str) -> str:
    doc = store.document(doc_id)
    return doc.label if doc else doc_id


def show_relations(store: GraphStore, doc_id: str) -> None:
    """Both directions of the Lược đồ, grouped by relation, each edge with its evidence."""
    for direction, title in (("out", "Văn bản này dẫn chiếu"), ("in", "Văn bản dẫn chiếu đến")):
        edges = store.edges_of(doc_id, direction)
        st.subheader(f"{title} ({len(edges)})")
        for edge in sorted(edges, key=lambda e: (e.type, e.target)):
            other = edge.target if direction == "out" else edge.source
            label = RELATION_LABELS.get(edge.type, (edge.type, edge.type))[direction == "in"]
            # Names and evidence come from texts found on the web: st.text never renders them as
            # HTML or markdown.
            st.text(f"{label}: {store_label(store, other)}\n    “{edge.evidence}”")


main()
