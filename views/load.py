"""Load: upload texts into the current store, with a result or an error for every file.

An upload goes through the loader's own stages (``loader.read.read_bytes`` → ``extract`` → one
store transaction), so a text uploaded here and the same text loaded by ``python -m loader`` give
the same graph; a bad file is reported and the others still load.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import streamlit as st

from graph.store import GraphStore, StoreError
from loader.errors import LoaderError
from loader.pipeline import load_source
from loader.read import read_bytes
from views import session
from views.markup import document_href

# Uploaded texts are keyed as "upload/<file name>": uploading a corrected file of the same name
# replaces what the earlier one asserted, as re-loading a changed file does.
UPLOAD_PREFIX = "upload/"

DOCUMENT_URL = session.URL_PATHS[session.DOCUMENT_PAGE]

LOADED = "Đã nạp"
UNCHANGED = "Không đổi (đã nạp trước đó)"
FAILED = "Lỗi"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one uploaded file."""

    file: str
    result: str
    doc_id: str | None = None
    detail: str = ""


def load_upload(store: GraphStore, name: str, data: bytes) -> Outcome:
    """Load one uploaded file; a problem with the file is an :class:`Outcome`, not an exception.

    Store errors (disk full, server gone) are not the file's fault and propagate.
    """
    try:
        source = read_bytes(data, UPLOAD_PREFIX + name)
    except LoaderError as exc:
        return Outcome(name, FAILED, detail=exc.problem)
    try:
        result = load_source(store, source)
    except StoreError:
        raise
    except Exception as exc:  # noqa: BLE001 - an extractor bug on one upload must not stop the rest
        return Outcome(name, FAILED, detail=f"lỗi nội bộ ({type(exc).__name__}: {exc})")
    if result.unchanged:
        return Outcome(name, UNCHANGED, result.doc_id)
    warnings = "; ".join(source.warnings)
    detail = f"+{result.edges_added} / −{result.edges_removed} quan hệ"
    return Outcome(name, LOADED, result.doc_id, f"{detail}; {warnings}" if warnings else detail)


def load_uploads(store: GraphStore, files: Iterable[tuple[str, bytes]]) -> list[Outcome]:
    return [load_upload(store, name, data) for name, data in files]


def show_outcomes(store: GraphStore, outcomes: list[Outcome]) -> None:
    failed = sum(o.result == FAILED for o in outcomes)
    summary = f"{len(outcomes) - failed} tệp nạp được, {failed} tệp lỗi."
    (st.warning if failed else st.success)(summary)
    labels = {d.id: d.label for d in store.documents({o.doc_id for o in outcomes if o.doc_id})}
    st.dataframe(
        [
            {
                "Tệp": o.file,
                "Kết quả": o.result,
                "Văn bản": labels.get(o.doc_id, o.doc_id) if o.doc_id else "",
                "Chi tiết": o.detail,
                "Mở": document_href(DOCUMENT_URL, o.doc_id) if o.doc_id else None,
            }
            for o in outcomes
        ],
        hide_index=True,
        width="stretch",
        column_config={"Mở": st.column_config.LinkColumn("Mở", display_text="Xem văn bản")},
    )


def render() -> None:
    st.title("Nạp văn bản")
    store = session.current_store()
    if store is None:
        return
    st.caption(
        f"Kho: {session.store_location()}. Tệp .txt hoặc .md (UTF-8, UTF-16, Windows-1258); "
        "nạp lại một tệp cùng tên thay thế các quan hệ nó đã khai báo."
    )
    with st.form("upload", clear_on_submit=True):
        files = st.file_uploader(
            "Chọn văn bản", type=["txt", "md"], accept_multiple_files=True, key="uploads"
        )
        submitted = st.form_submit_button("Nạp vào kho")
    if submitted and files:
        with st.spinner("Đang nạp…"):
            try:
                outcomes = load_uploads(store, ((f.name, f.getvalue()) for f in files))
            except StoreError as exc:
                st.error(f"Kho dữ liệu lỗi, dừng nạp: {exc}")
                return
        st.session_state["load_outcomes"] = outcomes
    elif submitted:
        st.warning("Chưa chọn tệp nào.")
    if shown := st.session_state.get("load_outcomes"):
        show_outcomes(store, shown)


if __name__ == "__main__":
    render()
