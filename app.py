"""The explorer: ``streamlit run app.py``.

Thin on purpose: the page menu and the store's location. Each page lives in ``views/`` (not
``pages/``, which would switch Streamlit's older multipage mode on) and reads the graph only
through :mod:`queries`. The store is the embedded one in ``LEGAL_GRAPH_STORE`` (default
``./data/graph``), or Neo4j when secrets or ``NEO4J_URI`` name a server (see ``views/session.py``).
A page and its document are in the URL, so ``…/document?id=vn:01/CT-BTTTT@2024`` can be shared.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from views import session

# The favicon is a file of ours: an emoji or Material icon would be fetched from a CDN, and the
# pages' own icons would become the favicon if none were set.
FAVICON = Path(__file__).parent / "views" / "favicon.png"
st.set_page_config(page_title="Lược đồ văn bản pháp luật", page_icon=str(FAVICON), layout="wide")


def page(path: str, title: str, icon: str, default: bool = False) -> st.Page:
    # The default page lives at "/" whatever its url_path says.
    url_path = None if default else session.URL_PATHS[path]
    return st.Page(path, title=title, icon=icon, url_path=url_path, default=default)


PAGES = [
    page(session.SEARCH_PAGE, "Tìm kiếm", ":material/search:", default=True),
    page(session.DOCUMENT_PAGE, "Văn bản", ":material/description:"),
    page(session.GRAPH_PAGE, "Đồ thị", ":material/hub:"),
    page(session.TIMELINE_PAGE, "Dòng thời gian", ":material/timeline:"),
    page(session.TASKS_PAGE, "Nhiệm vụ", ":material/task_alt:"),
    page(session.STALE_TASKS_PAGE, "Nhiệm vụ cần rà soát", ":material/assignment_late:"),
    page(session.LOAD_PAGE, "Nạp văn bản", ":material/upload_file:"),
    page(session.EXPORT_PAGE, "Xuất dữ liệu", ":material/download:"),
]
st.navigation(PAGES).run()
