"""Graph: a document's neighbourhood, or a task and what it rests on, drawn so it explains itself.

What is drawn is what :func:`queries.neighbourhood` finds with the page's filters, at every depth,
and the caption counts exactly what is drawn; under it, how many relations of the documents with
more than a page can draw (Hiến pháp 2013) the walk did not follow. Each edge is captioned with its
relation's
Vietnamese name; hovering it shows the sentence that proves it and its dates; the centre is the
largest node, ringed in black; the panel beside the graph says what the clicked node is, its
status as :func:`graph.status.derive_status` says it, and links to its page. Centred on a task
(``graph?task=…``), the documents its own sentence cites hang from it by solid edges, those it
inherits by dashed ones. The drawing is Cytoscape.js in a component of ours
(:mod:`views.graph_canvas`), served from this machine.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable
from typing import Any

import streamlit as st

from graph.export import to_json
from graph.model import Document, Task
from graph.store import DocumentRow, GraphStore
from queries import REGISTRY, Subgraph
from queries.documents import RELATION_ORDER, documents_by_id
from queries.render import left_out_phrase, left_out_summary
from queries.tasks import DIRECT, INHERITED, TaskDependencies, UnknownTask
from queries.traversal import only_types, with_evidence
from views import session
from views.dates import display_date
from views.graph_canvas import graph_canvas
from views.markup import plain_markdown
from views.network import (
    ASSIGNS,
    ASSIGNS_COLOUR,
    CENTRE_BORDER,
    DEFAULT_COLOUR,
    DEPENDS_COLOUR,
    MAX_NODES,
    RELATION_COLOURS,
    TYPE_COLOURS,
    GraphView,
    graph_view,
    relation_name,
    stylesheet,
    subgraph_export,
    task_caption,
    task_view,
    type_name,
)

DEPTHS = (1, 2, 3)
# Above this many documents one whole-store count (~0.2 s on 10,000 texts) beats asking for each
# document's incoming edges. A walk of the page's depths holds far fewer since issue 14 (about
# 1,000 at depth 3: queries.traversal.MAX_NEIGHBOURS); three hops around Nghị định 01/2010/NĐ-CP
# reached 34,000 before.
WHOLE_STORE_DEGREES_FROM = 2000
DIRECTIONS = {
    "both": "Cả hai chiều",
    "out": "Văn bản này dẫn chiếu",
    "in": "Dẫn chiếu đến văn bản này",
}
GRAPH_HEIGHT = 620

# ``graph?task=task:…``: the graph centred on a task (the Nhiệm vụ page links here).
TASK_PARAM = "task"

# Session-state keys: the clicked node, the component's last handled click, the view's settings
# (the Export page offers "the current view").
CLICKED = "graph_clicked"
HANDLED = "graph_handled"
VIEW = "graph_view_params"
COMPONENT_KEY = "graph_component"

HINT = (
    "Bấm vào một nút để xem văn bản ở đây; di chuột lên một cạnh để đọc câu trích dẫn và ngày "
    "có hiệu lực."
)


def build(
    store: GraphStore,
    doc_id: str,
    depth: int = 1,
    relations: list[str] | None = None,
    direction: str = "both",
) -> tuple[Subgraph, dict[str, int]]:
    """The neighbourhood, its edges whole (the page shows their sentences), and each of its
    documents' in-degree in the whole store (what sizes the nodes); with
    :func:`views.network.graph_view`, what the page draws and the benchmark times."""
    walked: Subgraph = REGISTRY["neighbourhood"].function(
        store, doc_id, depth=depth, relations=relations, direction=direction
    )
    sub = with_evidence(store, walked)
    if len(sub.nodes) > WHOLE_STORE_DEGREES_FROM:
        return sub, store.in_degrees(RELATION_ORDER)
    return sub, in_degrees(store, [d.id for d in sub.nodes])


def in_degrees(store: GraphStore, doc_ids: Iterable[str]) -> dict[str, int]:
    """How many distinct documents cite each one: a text that both "căn cứ" and "triển khai" a
    decision counts once (as :meth:`GraphStore.in_degrees` counts them)."""
    wanted = list(doc_ids)
    incoming = store.edges_of_many(wanted, "in", RELATION_ORDER)
    return {i: len({e.source for e in incoming[i]}) for i in wanted}


def summary(view: GraphView) -> str:
    """The caption over the graph: what is drawn, counted."""
    return f"{view.shown_nodes} văn bản · {view.shown_edges} quan hệ"


# Documents named under the caption as not having all their relations drawn; the others are
# counted in the line before them.
LEFT_OUT_NAMED = 5


def left_out_note(view: GraphView) -> str | None:
    """Under the caption: the relations of the drawn documents that the walk did not follow
    (more than a page can draw), the documents with most of them named; None when none."""
    if not view.left_out:
        return None
    named = sorted(view.left_out.items(), key=lambda item: (-item[1], item[0]))[:LEFT_OUT_NAMED]
    lines = [left_out_summary(view.left_out)]
    lines.extend(f"{view.documents[i].label}: {left_out_phrase(count)}" for i, count in named)
    return "\n\n".join(lines)


def _handle(event: dict[str, Any] | None) -> None:
    """Remember the node a click chose, once per click."""
    if not event or event.get("at") == st.session_state.get(HANDLED):
        return
    st.session_state[HANDLED] = event.get("at")
    st.session_state[CLICKED] = event.get("selected")


def _chosen(view: GraphView) -> str:
    """The node the panel speaks of: the one clicked, while it is drawn; else the centre."""
    clicked = st.session_state.get(CLICKED)
    if clicked and (clicked in view.documents or clicked == view.centre):
        return str(clicked)
    return view.centre


# -- the panel ------------------------------------------------------------------------------------


def _fact(name: str, value: str | None) -> None:
    if value:
        st.markdown(f"{name}: {plain_markdown(value)}")


def document_panel(store: GraphStore, doc: Document | DocumentRow, centre: bool) -> None:
    """A document as the panel shows it: name, type, issuer, dates, status and links."""
    st.markdown(f"**{plain_markdown(doc.label)}**")
    st.caption(plain_markdown(type_name(doc.doc_type) + (" · văn bản ở tâm" if centre else "")))
    if doc.name and doc.name != doc.label:
        st.markdown(plain_markdown(doc.name))
    _fact("Cơ quan ban hành", doc.issuer)
    _fact("Ngày ban hành", display_date(doc.issued_date))
    _fact("Ngày có hiệu lực", display_date(doc.effective_date))
    derived = REGISTRY["status"].function(store, doc.id).derived
    st.markdown(f"Hiệu lực: **{plain_markdown(derived.headline)}**")
    st.caption(plain_markdown(derived.explanation))
    st.page_link(
        session.DOCUMENT_PAGE,
        label="Mở trang văn bản",
        icon=":material/description:",
        query_params={"id": doc.id},
    )
    if not centre:
        st.page_link(
            session.GRAPH_PAGE,
            label="Đặt làm tâm đồ thị",
            icon=":material/my_location:",
            query_params={"id": doc.id},
        )


def task_panel(report: TaskDependencies) -> None:
    """The task at the centre: its text, who does it, by when, where it is assigned."""
    task: Task = report.task
    st.markdown(f"**{plain_markdown(task_caption(task))}**")
    st.markdown(plain_markdown(task.text))
    _fact("Chủ trì", task.lead)
    _fact("Phối hợp", ", ".join(task.partners))
    _fact("Thời hạn", task.deadline)
    direct = sum(not d.inherited for d in report.dependencies)
    inherited = len(report.dependencies) - direct
    st.caption(f"Văn bản {DIRECT}: {direct} · {INHERITED}: {inherited}")
    if report.source is not None:
        st.page_link(
            session.DOCUMENT_PAGE,
            label=f"Giao tại: {plain_markdown(report.source.label)}",
            icon=":material/description:",
            query_params={"id": report.source.id},
        )


def side_panel(store: GraphStore, view: GraphView, report: TaskDependencies | None = None) -> None:
    """Beside the graph: the clicked node (the centre until one is clicked), in Vietnamese."""
    chosen = _chosen(view)
    with st.container(border=True, key="graph_details"):
        if report is not None and chosen == report.task.id:
            task_panel(report)
        else:
            document_panel(store, view.documents[chosen], chosen == view.centre)
    st.caption(HINT)


# -- the two views --------------------------------------------------------------------------------


def _type_options(present: Iterable[str]) -> list[str]:
    """The type filter's choices: the types found, and any chosen before (a type chosen at depth
    1 stays chosen at depth 3, and one no longer found stays a valid choice)."""
    chosen = st.session_state.get("g_types") or []
    return sorted({*present, *chosen}, key=type_name)


def _draw(store: GraphStore, view: GraphView, key: str, report: TaskDependencies | None) -> None:
    left, right = st.columns([3, 1])
    with left:
        event = graph_canvas(
            view.elements,
            stylesheet(),
            height=GRAPH_HEIGHT,
            selected=st.session_state.get(CLICKED),
            key=key,
        )
        _handle(event)
    with right:
        side_panel(store, view, report)
    legend(view, task=report is not None)


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
        format_func=relation_name,
        key="g_relations",
        placeholder="Tất cả",
    )
    sub, in_degree = build(store, doc_id, depth, relations or list(RELATION_ORDER), direction)
    types = cols[3].multiselect(
        "Loại văn bản",
        _type_options(d.doc_type for d in sub.nodes),
        format_func=type_name,
        key="g_types",
        placeholder="Tất cả",
    )
    view = graph_view(sub, in_degree, types or None)
    st.session_state[VIEW] = {
        "id": doc_id,
        "depth": depth,
        "direction": direction,
        "relations": relations,
        "types": types or None,
    }
    st.caption(summary(view))
    note = left_out_note(view)
    if note:
        st.caption(plain_markdown(note))
    if view.dropped:
        st.warning(
            f"Vùng lân cận có {view.total_nodes} văn bản; chỉ vẽ {MAX_NODES} văn bản gần tâm nhất "
            f"(ưu tiên văn bản được dẫn chiếu nhiều). Giảm độ sâu hoặc lọc quan hệ, loại văn bản "
            f"để xem phần còn lại; trang Xuất dữ liệu xuất đủ {view.total_nodes} văn bản."
        )
    _draw(store, view, f"{COMPONENT_KEY}_{doc_id}", None)
    shown = only_types(sub, types) if types else sub
    st.download_button(
        "Tải vùng đang xem (JSON)",
        data=lambda: _json(store, shown, view),
        file_name="vung-lan-can.json",
        mime="application/json",
        on_click="ignore",
    )


@st.fragment
def task_section(store: GraphStore, report: TaskDependencies) -> None:
    """A task at the centre: what its sentence cites and what it inherits, to a depth."""
    depth = st.columns([1, 8])[0].selectbox("Độ sâu", DEPTHS, key="g_task_depth")
    if depth != 1:
        report = REGISTRY["task_dependencies"].function(store, report.task.id, depth=depth)
    view = task_view(report, in_degrees(store, [d.document.id for d in report.dependencies]))
    direct = sum(not d.inherited for d in report.dependencies)
    st.caption(
        f"1 nhiệm vụ · {view.shown_nodes - 1} văn bản · {view.shown_edges} quan hệ "
        f"({DIRECT}: {direct}, {INHERITED}: {len(report.dependencies) - direct})"
    )
    _draw(store, view, f"{COMPONENT_KEY}_{report.task.id}", report)


def _json(store: GraphStore, sub: Subgraph, view: GraphView) -> str:
    out = io.StringIO()
    to_json(subgraph_export(sub, documents_by_id(store, view.documents), view.documents), out)
    return out.getvalue()


def _swatch(colour: str, mark: str, words: str) -> str:
    return f'<span style="color:{colour}">{mark}</span> {html.escape(words)} &nbsp; '


def legend(view: GraphView, task: bool = False) -> None:
    """What the colours, sizes and lines mean."""
    types = "".join(
        _swatch(TYPE_COLOURS.get(t, DEFAULT_COLOUR), "●", type_name(t)) for t in view.drawn_types
    )
    relations = "".join(
        _swatch(RELATION_COLOURS.get(r, DEFAULT_COLOUR), "➝", relation_name(r))
        for r in view.relations
        if r in RELATION_COLOURS
    )
    lines = [
        "Màu theo loại văn bản, cỡ theo số văn bản dẫn chiếu đến; "
        f'<span style="color:{CENTRE_BORDER}">◉</span> viền đen đậm: tâm đồ thị.',
        types,
        relations,
    ]
    if task:
        direct = f"nét liền: {DIRECT} (câu của nhiệm vụ dẫn chiếu)"
        inherited = f"nét đứt: {INHERITED} (từ văn bản giao nhiệm vụ, từ văn bản căn cứ)"
        lines.append(
            _swatch(DEPENDS_COLOUR, "━━", direct)
            + _swatch(DEPENDS_COLOUR, "╍╍", inherited)
            + _swatch(ASSIGNS_COLOUR, "┈┈", ASSIGNS)
        )
    st.html(f'<div style="font-size:.85rem;color:#555">{"<br>".join(lines)}</div>')


def render() -> None:
    st.title("Đồ thị quan hệ")
    task_id = st.query_params.get(TASK_PARAM)
    if task_id:
        store = session.current_store()
        if store is None:
            return
        try:
            report = REGISTRY["task_dependencies"].function(store, task_id, depth=1)
        except UnknownTask:
            # The id comes from a URL anyone can send: not echoed.
            st.warning("Kho dữ liệu không có nhiệm vụ mà đường dẫn này nêu.")
            return
        st.markdown(f"Tâm: **{plain_markdown(task_caption(report.task))}**")
        task_section(store, report)
        return
    picked = session.store_and_document()
    if picked is None:
        return
    store, doc = picked
    st.markdown(f"Tâm: **{plain_markdown(doc.label)}**")
    graph_section(store, doc.id)


if __name__ == "__main__":
    render()
