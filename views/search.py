"""Search: a document by số hiệu, name or words of its title, with type, issuer and year filters.

Matching is the ``find`` query's: case, diacritics, look-alike letters and the order of the words
do not matter, so "quyet dinh 749" finds "Quyết định 749/QĐ-TTg" and "chuyen doi so quoc gia"
finds the decision that approves the "Chương trình Chuyển đổi số quốc gia"; the best matches come
first ("22/2013" lists 22/2013/QĐ-TTg before a text that cites it). When nothing matches, the
page asks "Có phải bạn muốn tìm …" with the documents whose số hiệu or name is close.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import streamlit as st

from graph.model import RELATION_TYPES, Document
from graph.store import GraphStore
from queries import REGISTRY, suggest
from views import session
from views.dates import display_date
from views.markup import plain_markdown
from views.network import type_name

# A page of results: "Nghị định" alone matches thousands of documents; nobody reads past fifty.
RESULTS_SHOWN = 50


@dataclass(frozen=True, slots=True)
class Filters:
    """What the user narrowed the results to; empty means no narrowing."""

    types: tuple[str, ...] = ()
    issuers: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    loaded_only: bool = False

    def keep(self, doc: Document) -> bool:
        if self.types and doc.doc_type not in self.types:
            return False
        if self.issuers and (doc.issuer or "") not in self.issuers:
            return False
        if self.years and (doc.year is None or not self.years[0] <= doc.year <= self.years[1]):
            return False
        return not (self.loaded_only and doc.is_stub)


def candidates(store: GraphStore, text: str) -> list[Document]:
    """Documents matching ``text`` (the ``find`` query), or every loaded document when empty."""
    if text.strip():
        found: list[Document] = REGISTRY["find"].function(store, text)
        return found
    return sorted((d for d in store.documents() if not d.is_stub), key=lambda d: d.label)


def apply(documents: Iterable[Document], filters: Filters) -> list[Document]:
    return [d for d in documents if filters.keep(d)]


def describe(doc: Document) -> str:
    """One line under a result: type, issuer, date, and whether its text was loaded."""
    parts = [
        type_name(doc.doc_type),
        doc.issuer or "",
        display_date(doc.issued_date) or (str(doc.year) if doc.year else ""),
        "chỉ được dẫn chiếu" if doc.is_stub else "đã nạp nội dung",
        doc.id,
    ]
    return " · ".join(p for p in parts if p)


def filter_widgets(found: Sequence[Document]) -> Filters:
    """The filter row, with choices taken from what matched."""
    types = sorted({d.doc_type for d in found}, key=type_name)
    issuers = sorted({d.issuer for d in found if d.issuer})
    years = sorted({d.year for d in found if d.year})
    col_type, col_issuer, col_year, col_loaded = st.columns([2, 3, 2, 2])
    chosen_types = col_type.multiselect(
        "Loại văn bản", types, format_func=type_name, key="f_type", placeholder="Tất cả"
    )
    chosen_issuers = col_issuer.multiselect(
        "Cơ quan ban hành", issuers, key="f_issuer", placeholder="Tất cả"
    )
    year_range: tuple[int, int] | None = None
    if len(years) > 1:
        low, high = col_year.select_slider(
            "Năm ban hành", options=years, value=(years[0], years[-1]), key="f_year"
        )
        if (low, high) != (years[0], years[-1]):
            year_range = (low, high)
    loaded_only = col_loaded.checkbox("Chỉ văn bản đã nạp", key="f_loaded")
    return Filters(tuple(chosen_types), tuple(chosen_issuers), year_range, loaded_only)


def show_suggestions(store: GraphStore, text: str) -> None:
    """The page's "Có phải bạn muốn tìm …": the documents whose số hiệu or name is close to what
    was typed (a digit swapped, a misspelt word), each a link."""
    close = suggest(store, text)
    if not close:
        return
    st.markdown("Có phải bạn muốn tìm:")
    for doc in close:
        st.page_link(
            session.DOCUMENT_PAGE, label=plain_markdown(doc.label), query_params={"id": doc.id}
        )


def render() -> None:
    st.title("Tìm văn bản")
    store = session.current_store()
    if store is None:
        return
    stats = store.stats()
    relations = sum(n for kind, n in stats.edges_by_type.items() if kind in RELATION_TYPES)
    st.caption(
        f"{stats.texts} văn bản đã nạp · {stats.documents + stats.stubs} văn bản trong đồ thị "
        f"({stats.stubs} chỉ được dẫn chiếu) · {relations} quan hệ giữa văn bản · kho: "
        f"{session.store_location()}"
    )
    text = st.text_input(
        "Số hiệu, tên hoặc từ trong trích yếu (có dấu hay không dấu)",
        key="search_text",
        placeholder="ví dụ: quyet dinh 749, 01/CT-BTTTT 2024, luật viễn thông",
    )
    found = candidates(store, text)
    shown = apply(found, filter_widgets(found))
    if not shown:
        st.info("Không tìm thấy văn bản nào." if text.strip() else "Kho chưa có văn bản nào.")
        if text.strip() and not found:
            show_suggestions(store, text)
        return
    heading = f"{len(shown)} văn bản" + (f" khớp “{text.strip()}”" if text.strip() else "")
    st.subheader(heading)
    if len(shown) > RESULTS_SHOWN:
        st.caption(f"Hiển thị {RESULTS_SHOWN} văn bản đầu; thu hẹp bằng bộ lọc để xem thêm.")
    for doc in shown[:RESULTS_SHOWN]:
        st.page_link(
            session.DOCUMENT_PAGE, label=plain_markdown(doc.label), query_params={"id": doc.id}
        )
        st.caption(plain_markdown(describe(doc)))


if __name__ == "__main__":
    render()
