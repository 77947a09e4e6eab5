"""Graph: an interactive node-link view of a document's neighbourhood.

Cytoscape.js through ``streamlit-cytoscape``, whose JavaScript ships inside its wheel (nothing is
fetched from a CDN). Nodes are coloured by document type and sized by how many documents cite
them; clicking one shows it under the graph with a link to open it.
"""

from __future__ import annotations

import html
import io
from typing import Any

import streamlit as st
from streamlit_cytoscape import EdgeStyle, Event, InfopanelAction, NodeStyle, streamlit_cytoscape

from graph.export import to_json
from graph.model import RELATION_LABELS
from graph.store import GraphStore
from queries import REGISTRY, Subgraph
from queries.documents import RELATION_ORDER
from views import session
from views.markup import plain_markdown
from views.network import (
    CAPTION,
    DEFAULT_COLOUR,
    MAX_NODES,
    RELATION_COLOURS,
    TYPE_COLOURS,
    GraphView,
    graph_view,
    subgraph_export,
    type_name,
)

DEPTHS = (1, 2, 3)
# Above this many documents one whole-store count (~0.2 s on 10,000 texts) beats asking for each
# document's incoming edges: three hops around Nghị định 01/2010/NĐ-CP reach 34,000 documents.
WHOLE_STORE_DEGREES_FROM = 2000
DIRECTIONS = {
    "both": "Cả hai chiều",
    "out": "Văn bản này dẫn chiếu",
    "in": "Dẫn chiếu đến văn bản này",
}
GRAPH_HEIGHT = 620
# "fcose" is bundled with the component; it lays out a few hundred nodes in well under a second.
LAYOUT = {"name": "fcose", "animate": False, "fit": True, "padding": 30, "nodeRepulsion": 8000}

# Session-state keys: the clicked node, the component's last handled event, the view's settings
# (the Export page offers "the current view").
CLICKED = "graph_clicked"
HANDLED = "graph_handled"
VIEW = "graph_view_params"
COMPONENT_KEY = "graph_component"

# What the component reports: a node tapped, or the info panel's "open" button.
TAP_EVENT = "chon"
OPEN_ACTION = "mo_van_ban"


def node_styles(view: GraphView) -> list[NodeStyle]:
    size = {
        "width": "data(_size)",
        "height": "data(_size)",
        "font-size": 9,
        "text-wrap": "ellipsis",
        "text-max-width": 140,
    }
    return [
        NodeStyle(
            type_name(t), TYPE_COLOURS.get(t, DEFAULT_COLOUR), caption=CAPTION, custom_styles=size
        )
        for t in view.types
    ]


def edge_styles(view: GraphView) -> list[EdgeStyle]:
    return [
        EdgeStyle(r, RELATION_COLOURS.get(r, DEFAULT_COLOUR), directed=True) for r in view.relations
    ]


def build(
    store: GraphStore,
    doc_id: str,
    depth: int = 1,
    relations: list[str] | None = None,
    direction: str = "both",
) -> tuple[Subgraph, dict[str, int]]:
    """The neighbourhood and each of its documents' in-degree in the whole store (what sizes
    the nodes); with :func:`views.network.graph_view`, what the page draws and the benchmark
    times."""
    sub: Subgraph = REGISTRY["neighbourhood"].function(
        store, doc_id, depth=depth, relations=relations, direction=direction
    )
    if len(sub.nodes) > WHOLE_STORE_DEGREES_FROM:
        return sub, store.in_degrees(RELATION_ORDER)
    # Distinct citing documents: a text that both "căn cứ" and "triển khai" a decision counts
    # once (as in_degrees counts them).
    incoming = store.edges_of_many([d.id for d in sub.nodes], "in", RELATION_ORDER)
    in_degree = {d.id: len({e.source for e in incoming[d.id]}) for d in sub.nodes}
    return sub, in_degree


def _handle(event: Any) -> None:
    """React once to a component event: remember a tapped node, open the one asked for."""
    if not isinstance(event, dict) or event.get("timestamp") == st.session_state.get(HANDLED):
        return
    st.session_state[HANDLED] = event.get("timestamp")
    data = event.get("data") or {}
    if event.get("action") == TAP_EVENT and data.get("target_group") == "nodes":
        st.session_state[CLICKED] = data.get("target_id")
    elif event.get("action") == OPEN_ACTION and data.get("element_group") == "nodes":
        st.switch_page(session.DOCUMENT_PAGE, query_params={"id": str(data.get("element_id"))})


def details(store: GraphStore, view: GraphView) -> None:
    """The clicked node under the graph: what it is, and links to open it or re-centre on it."""
    clicked = st.session_state.get(CLICKED)
    doc = view.documents.get(clicked) if clicked else None
    if doc is None:
        st.caption("Bấm vào một nút để xem văn bản.")
        return
    with st.container(border=True, key="graph_details"):
        st.markdown(f"**Văn bản đã chọn: {plain_markdown(doc.label)}**")
        status = REGISTRY["status"].function(store, doc.id)
        facts = [type_name(doc.doc_type), doc.issuer or "", doc.issued_date or "", status.status]
        st.caption(plain_markdown(" · ".join(f for f in facts if f)))
        if doc.name and doc.name != doc.label:
            st.caption(plain_markdown(doc.name))
        left, right = st.columns(2)
        left.page_link(
            session.DOCUMENT_PAGE,
            label="Mở văn bản",
            icon=":material/description:",
            query_params={"id": doc.id},
        )
        right.page_link(
            session.GRAPH_PAGE,
            label="Đặt làm tâm đồ thị",
            icon=":material/my_location:",
            query_params={"id": doc.id},
        )


@st.fragment
def graph_section(store: GraphStore, doc_id: str) -> None:
    """Filters, the graph and the clicked node: a fragment, so a click or a filter reruns only
    this part of the page."""
    cols = st.columns([1, 2, 3, 3])
    depth = cols[0].selectbox("Độ sâu", DEPTHS, key="g_depth")
    direction = cols[1].selectbox(
        "Chiều", list(DIRECTIONS), format_func=DIRECTIONS.__getitem__, key="g_direction"
    )
    relations = cols[2].multiselect(
        "Quan hệ",
        list(RELATION_ORDER),
        default=list(RELATION_ORDER),
        format_func=lambda r: RELATION_LABELS[r][0],
        key="g_relations",
        placeholder="Tất cả",
    )
    sub, in_degree = build(store, doc_id, depth, relations or list(RELATION_ORDER), direction)
    present = sorted({d.doc_type for d in sub.nodes}, key=type_name)
    types = cols[3].multiselect(
        "Loại văn bản",
        present,
        default=present,
        format_func=type_name,
        key="g_types",
        placeholder="Tất cả",
    )
    view = graph_view(sub, in_degree, types)
    st.session_state[VIEW] = {
        "id": doc_id,
        "depth": depth,
        "direction": direction,
        "relations": relations,
        "types": types,
    }
    summary = f"{view.shown_nodes} văn bản · {len(view.elements['edges'])} quan hệ"
    st.caption(summary)
    if view.dropped:
        st.warning(
            f"Vùng lân cận có {view.total_nodes} văn bản; chỉ vẽ {MAX_NODES} văn bản gần tâm nhất "
            f"(ưu tiên văn bản được dẫn chiếu nhiều). Giảm độ sâu hoặc lọc quan hệ, loại văn bản "
            f"để xem phần còn lại; trang Xuất dữ liệu xuất đủ {view.total_nodes} văn bản."
        )
    event = streamlit_cytoscape(
        view.elements,
        layout=LAYOUT,
        node_styles=node_styles(view),
        edge_styles=edge_styles(view),
        height=GRAPH_HEIGHT,
        key=f"{COMPONENT_KEY}_{doc_id}",
        events=[Event(TAP_EVENT, "tap", "node")],
        infopanel_actions=[InfopanelAction(OPEN_ACTION, "Mở văn bản", icon="description")],
    )
    _handle(event)
    details(store, view)
    legend(view)
    st.download_button(
        "Tải vùng đang xem (JSON)",
        data=lambda: _json(sub, view),
        file_name="vung-lan-can.json",
        mime="application/json",
        on_click="ignore",
    )


def _json(sub: Subgraph, view: GraphView) -> str:
    out = io.StringIO()
    to_json(subgraph_export(sub, view.documents), out)
    return out.getvalue()


def legend(view: GraphView) -> None:
    """Colour of each document type drawn, and of each relation."""
    types = "".join(
        f'<span style="color:{TYPE_COLOURS.get(t, DEFAULT_COLOUR)}">●</span> '
        f"{html.escape(type_name(t))} &nbsp; "
        for t in view.types
    )
    relations = "".join(
        f'<span style="color:{RELATION_COLOURS.get(r, DEFAULT_COLOUR)}">➝</span> '
        f"{html.escape(RELATION_LABELS.get(r, (r, r))[0])} &nbsp; "
        for r in view.relations
    )
    st.html(
        '<div style="font-size:.85rem;color:#555">Màu theo loại văn bản, cỡ theo số văn bản dẫn '
        f"chiếu đến.<br>{types}<br>{relations}</div>"
    )


def render() -> None:
    st.title("Đồ thị quan hệ")
    picked = session.store_and_document()
    if picked is None:
        return
    store, doc = picked
    st.markdown(f"Tâm: **{plain_markdown(doc.label)}**")
    graph_section(store, doc.id)


if __name__ == "__main__":
    render()
