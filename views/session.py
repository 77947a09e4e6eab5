"""What every page shares: the store, and the document the user is looking at.

The store is opened once per server process (``@st.cache_resource``) through
:func:`graph.open.open_store`: the Neo4j server ``NEO4J_URI`` names (in the environment or at the
root of Streamlit's secrets), else the embedded store in ``LEGAL_GRAPH_STORE`` (default
``./data/graph``).

The current document travels in the URL (``?id=vn:01/CT-BTTTT@2024``) so a page can be shared,
and in ``st.session_state`` so the Graph or Timeline page opened from the menu shows the document
the Document page was showing.
"""

from __future__ import annotations

import os

import streamlit as st

from graph.embedded import DEFAULT_STORE_DIR
from graph.messages import build_command, store_message
from graph.model import Document
from graph.open import is_neo4j_uri, open_store, store_missing
from graph.store import GraphStore, StoreError
from queries import AmbiguousDocument, UnknownDocument, resolve
from views.markup import plain_markdown

STORE_ENV = "LEGAL_GRAPH_STORE"
NEO4J_URI_ENV = "NEO4J_URI"

# Page scripts, relative to app.py: st.navigation registers them and st.page_link /
# st.switch_page name them.
SEARCH_PAGE = "views/search.py"
DOCUMENT_PAGE = "views/document.py"
GRAPH_PAGE = "views/graph.py"
TASKS_PAGE = "views/tasks.py"
STALE_TASKS_PAGE = "views/stale_tasks.py"
TIMELINE_PAGE = "views/timeline.py"
LOAD_PAGE = "views/load.py"
EXPORT_PAGE = "views/export.py"

# URL paths of the pages: what a shared link names ("…/document?id=vn:43/2011/ND-CP").
URL_PATHS: dict[str, str] = {
    SEARCH_PAGE: "",  # the default page, at "/"
    DOCUMENT_PAGE: "document",
    GRAPH_PAGE: "graph",
    TASKS_PAGE: "tasks",
    STALE_TASKS_PAGE: "stale-tasks",
    TIMELINE_PAGE: "timeline",
    LOAD_PAGE: "load",
    EXPORT_PAGE: "export",
}

# Session-state keys.
SELECTED = "doc_id"
_PICKER = "doc_picker"
_PICKER_ERROR = "doc_picker_error"


def store_location() -> str:
    """Where the store is: the Neo4j server ``NEO4J_URI`` names, else a directory.

    Root-level keys of ``.streamlit/secrets.toml`` (``NEO4J_URI``, ``NEO4J_USERNAME``,
    ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) are exported by Streamlit as environment variables,
    so a deployment can keep the password out of the shell; loading the file first makes sure
    they are there.
    """
    st.secrets.load_if_toml_exists()
    uri = os.environ.get(NEO4J_URI_ENV)
    if uri:
        return uri
    return os.environ.get(STORE_ENV) or str(DEFAULT_STORE_DIR)


@st.cache_resource(show_spinner="Đang mở kho dữ liệu…")
def cached_store(location: str) -> GraphStore:
    """One store per location for the whole server: every session and page shares it.

    A directory that holds no store is refused (``create=False``, as the CLIs do): a mistyped
    ``LEGAL_GRAPH_STORE`` must not become a new, empty store that finds nothing. A refusal is not
    cached, so the page works once the store is built. A Neo4j database gets its indexes set up.
    """
    return open_store(location, create=is_neo4j_uri(location))


def missing_store_page(location: str) -> None:
    """What the app says when the store it is pointed at has not been built: how to build it."""
    st.error(plain_markdown(f"Chưa có kho dữ liệu ở {location}."), icon=":material/error:")
    st.markdown(
        "Hãy nạp văn bản vào kho bằng lệnh dưới đây (chạy trong thư mục của chương trình; thay "
        "`samples` bằng thư mục văn bản của bạn), rồi tải lại trang này:"
    )
    st.code(build_command(location, samples=True), language="bash")
    st.caption(
        f"Kho dữ liệu do biến môi trường {STORE_ENV} chỉ định (mặc định: {DEFAULT_STORE_DIR}); "
        f"hoặc một máy chủ Neo4j qua {NEO4J_URI_ENV}."
    )


def current_store() -> GraphStore | None:
    """The store, or None after telling the user why it cannot be opened."""
    location = store_location()
    try:
        return cached_store(location)
    except StoreError as exc:
        if store_missing(location):
            missing_store_page(location)
        else:
            st.error(plain_markdown(f"Không mở được kho dữ liệu {location}: {store_message(exc)}"))
        return None


def select(doc_id: str) -> None:
    """Make ``doc_id`` the current document, in the session and in the URL."""
    st.session_state[SELECTED] = doc_id
    st.query_params["id"] = doc_id


def selected_id() -> str | None:
    """The current document's id: the URL's ``?id=`` first (a shared link), else the session's."""
    from_url = st.query_params.get("id")
    return from_url or st.session_state.get(SELECTED)


def _pick() -> None:
    """Callback of the picker: resolve what was typed into one document."""
    text = st.session_state.get(_PICKER, "").strip()
    st.session_state[_PICKER_ERROR] = None
    if not text:
        return
    store = cached_store(store_location())
    try:
        select(resolve(store, text))
    except (UnknownDocument, AmbiguousDocument) as exc:
        st.session_state[_PICKER_ERROR] = str(exc)


def store_and_document() -> tuple[GraphStore, Document] | None:
    """What every page about one document starts with: the store and the picked document, or
    None once the page has said why there is none."""
    store = current_store()
    if store is None:
        return None
    doc = document_picker(store)
    return None if doc is None else (store, doc)


def document_picker(store: GraphStore) -> Document | None:
    """A box to name a document, and the current document (from the URL, the session or the box).

    Returns None, after saying why, when no document is chosen or the id is not in the store.
    """
    st.text_input(
        "Văn bản (số hiệu, tên hoặc id)",
        key=_PICKER,
        on_change=_pick,
        placeholder="ví dụ: 01/CT-BTTTT 2024, quyet dinh 749, Luật Viễn thông",
    )
    if error := st.session_state.get(_PICKER_ERROR):
        # It quotes what was typed and the labels of stored documents: text, never markdown.
        st.warning(plain_markdown(error))
    doc_id = selected_id()
    if not doc_id:
        st.info("Chưa chọn văn bản: nhập số hiệu hoặc tên ở trên, hoặc tìm ở trang Tìm kiếm.")
        return None
    document = store.document(doc_id)
    if document is None:
        # The id comes from the URL anyone can send: "?id=![r](http://attacker.example/x.png)"
        # rendered as markdown made the browser fetch the attacker's address.
        st.warning(plain_markdown(f"Kho dữ liệu không có văn bản {doc_id!r}."))
        return None
    select(document.id)
    return document
