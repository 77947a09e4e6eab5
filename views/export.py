"""Export: the whole graph or the neighbourhood the Graph page shows, as JSON, GraphML or CSV.

The formats are :mod:`graph.export`'s (DESIGN.md, Export format): JSON for ``score.py`` and other
programs, GraphML for Gephi and yEd, CSV (zipped) for ``neo4j-admin database import``. Files are
built only when the button is pressed: a 10,000-text graph takes seconds to serialise.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from graph.export import store_to_csv, to_csv, to_graphml, to_json
from graph.status import SUPERSESSION_TYPES, export_statuses
from graph.store import GraphStore
from queries import REGISTRY, Subgraph
from queries.documents import documents_by_id
from queries.traversal import only_types, with_evidence
from views import session
from views.graph import VIEW
from views.markup import plain_markdown
from views.network import subgraph_export

WHOLE = "Toàn bộ đồ thị"
CURRENT_VIEW = "Vùng đang xem trên trang Đồ thị"


def to_json_bytes(data: dict[str, Any]) -> bytes:
    out = io.StringIO()
    to_json(data, out)
    return out.getvalue().encode("utf-8")


def to_graphml_bytes(data: dict[str, Any]) -> bytes:
    out = io.BytesIO()
    to_graphml(data, out)
    return out.getvalue()


def _zipped(write: Callable[[str], list[Path]]) -> bytes:
    out = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(out, "w") as archive:
        for path in write(tmp):
            archive.write(path, Path(path).name)
    return out.getvalue()


def to_csv_zip(data: dict[str, Any]) -> bytes:
    """The neo4j-admin CSV files of some node-link data, zipped into one download."""
    return _zipped(lambda tmp: to_csv(data, tmp))


def store_csv_zip(store: GraphStore) -> bytes:
    """The neo4j-admin CSV files of the whole store, texts included (an import of them is a
    Neo4j store the loader can go on updating), zipped into one download."""
    return _zipped(lambda tmp: store_to_csv(store, tmp))


CSV_FORMAT = "CSV (neo4j-admin, zip)"


# Format name → (file suffix, MIME type, serialiser).
FORMATS: dict[str, tuple[str, str, Callable[[dict[str, Any]], bytes]]] = {
    "JSON": ("json", "application/json", to_json_bytes),
    "GraphML": ("graphml", "application/xml", to_graphml_bytes),
    CSV_FORMAT: ("zip", "application/zip", to_csv_zip),
}


def view_data(store: GraphStore, params: dict[str, Any]) -> dict[str, Any]:
    """Node-link data of what the Graph page shows with ``params``, with each document's status
    as of today, derived from the whole store (what replaces a document may be out of view)."""
    walked: Subgraph = REGISTRY["neighbourhood"].function(
        store,
        params["id"],
        depth=params["depth"],
        relations=params["relations"] or None,
        direction=params["direction"],
    )
    sub = with_evidence(store, only_types(walked, params["types"]) if params["types"] else walked)
    kept = documents_by_id(store, (d.id for d in sub.nodes))
    data = subgraph_export(sub, kept)
    incoming = store.edges_of_many(kept, "in", sorted(SUPERSESSION_TYPES))
    edges = [e for doc_id in kept for e in incoming[doc_id]]
    statuses = export_statuses(
        kept.values(),
        edges,
        acting=documents_by_id(store, (e.source for e in edges)),
        loaded=store.stats().texts,
    )
    for node in data["nodes"]:
        node.update(statuses[node["id"]])
    return data


def render() -> None:
    st.title("Xuất dữ liệu")
    store = session.current_store()
    if store is None:
        return
    params = st.session_state.get(VIEW)
    scopes = [WHOLE, CURRENT_VIEW] if params else [WHOLE]
    scope = st.radio("Phạm vi", scopes, key="export_scope")
    if params and scope == CURRENT_VIEW:
        centre = store.document(params["id"])
        st.caption(
            plain_markdown(
                f"Tâm {centre.label if centre else params['id']}, độ sâu {params['depth']}; "
                "mọi văn bản của vùng, kể cả phần trang Đồ thị không vẽ."
            )
        )
    elif not params:
        st.caption("Mở trang Đồ thị để xuất riêng vùng lân cận của một văn bản.")
    name = st.radio("Định dạng", list(FORMATS), key="export_format", horizontal=True)
    suffix, mime, serialise = FORMATS[name]

    def build() -> bytes:
        if params and scope == CURRENT_VIEW:
            return serialise(view_data(store, params))
        if name == CSV_FORMAT:
            return store_csv_zip(store)
        return serialise(store.export())

    st.download_button(
        f"Tải tệp {name}",
        data=build,
        file_name=f"luoc-do.{suffix}",
        mime=mime,
        on_click="ignore",
        icon=":material/download:",
    )


if __name__ == "__main__":
    render()
