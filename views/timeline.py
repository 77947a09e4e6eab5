"""Timeline: the documents that replaced one another around a document, and the texts that
amended or repealed them, on a time axis (plotly) and as a dated list."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from graph.model import Document, Edge, RelationType
from graph.status import ACTIVE, SUPERSESSION_TYPES
from graph.store import GraphStore
from queries import REGISTRY, SupersessionChain
from queries.documents import documents_by_id
from views import session
from views.dates import AXIS_TICK_FORMATS, display_date
from views.markup import plain_markdown
from views.network import DEFAULT_COLOUR, RELATION_COLOURS, TYPE_COLOURS, type_name

# Edges that change another document's force or wording, beyond the REPLACES chain itself.
CHANGES: tuple[str, ...] = tuple(sorted(SUPERSESSION_TYPES - {RelationType.REPLACES}))


@dataclass(frozen=True, slots=True)
class Event:
    """One dated change: ``source`` did ``type`` to ``target``, or to its ``provisions`` (dates are
    ISO, or a bare year): the day it takes hold when a text says, else the acting text's date."""

    date: str | None
    source: str
    target: str
    type: str
    source_label: str
    target_label: str
    provisions: tuple[str, ...] = ()

    @property
    def sentence(self) -> str:
        """``Nghị định 10/2025/NĐ-CP bãi bỏ khoản 2 Điều 21 của Nghị định 42/2022/NĐ-CP``."""
        what = f"{', '.join(self.provisions)} của " if self.provisions else ""
        verb = ACTIVE.get(self.type, self.type)
        return f"{self.source_label} {verb} {what}{self.target_label}"


@dataclass(frozen=True, slots=True)
class Timeline:
    """The documents of the chain and around it, oldest first, with the events between them."""

    chain: SupersessionChain
    dates: dict[str, str | None]  # document id → its date, if known
    labels: dict[str, str]
    types: dict[str, str]
    events: tuple[Event, ...]


def _date(issued: str | None, year: int | None) -> str | None:
    return issued or (str(year) if year else None)


def _event_date(edge: Edge, source: Document) -> str | None:
    """When the change takes hold: the edge's day ("có hiệu lực kể từ ngày 01 tháng 8 năm 2022"),
    the acting text's effective date, else its issued date or year."""
    return edge.effective_date or source.effective_date or _date(source.issued_date, source.year)


def timeline(store: GraphStore, doc_id: str) -> Timeline:
    """The supersession chain of ``doc_id`` plus every amendment or repeal of its documents."""
    chain: SupersessionChain = REGISTRY["supersession_chain"].function(store, doc_id)
    members = {d.id for d in chain.documents}
    edges = list(chain.edges)
    changing = store.edges_of_many(members, "in", CHANGES)
    for member in members:
        edges.extend(changing[member])
    edges.extend(e for e in store.edges_of(doc_id, "out", CHANGES) if e.target not in members)
    docs = documents_by_id(
        store, [*members, *(e.source for e in edges), *(e.target for e in edges)]
    )
    dates = {i: _date(d.issued_date, d.year) for i, d in docs.items()}
    events = sorted(
        {
            Event(
                _event_date(e, docs[e.source]),
                e.source,
                e.target,
                e.type,
                docs[e.source].label,
                docs[e.target].label,
                e.provisions,
            )
            for e in edges
        },
        key=lambda ev: (ev.date or "9999", ev.source, ev.target, ev.type),
    )
    return Timeline(
        chain=chain,
        dates=dates,
        labels={i: d.label for i, d in docs.items()},
        types={i: d.doc_type for i, d in docs.items()},
        events=tuple(events),
    )


def _axis_date(date: str) -> str:
    """Plotly wants full dates: a bare year sits on 1 January."""
    return date if len(date) > 4 else f"{date}-01-01"


def figure(line: Timeline, centre: str) -> go.Figure:
    """Each dated document a point on its own row; each event an arrow from the acting document."""
    dated = sorted(
        ((i, d) for i, d in line.dates.items() if d), key=lambda item: (item[1] or "", item[0])
    )
    fig = go.Figure()
    for doc_type in sorted({line.types[i] for i, _ in dated}, key=type_name):
        ids = [i for i, _ in dated if line.types[i] == doc_type]
        fig.add_trace(
            go.Scatter(
                x=[_axis_date(line.dates[i] or "") for i in ids],
                y=[line.labels[i] for i in ids],
                mode="markers",
                name=type_name(doc_type),
                marker={
                    "size": [18 if i == centre else 12 for i in ids],
                    "color": TYPE_COLOURS.get(doc_type, DEFAULT_COLOUR),
                    "line": {"width": [3 if i == centre else 0 for i in ids], "color": "#222"},
                },
                hovertext=[line.labels[i] for i in ids],
                # The day as written here (a bare year stays a year, not "01/01/2020").
                customdata=[display_date(line.dates[i]) for i in ids],
                hovertemplate="%{hovertext}<br>%{customdata}<extra></extra>",
            )
        )
    for event in line.events:
        source_date, target_date = line.dates.get(event.source), line.dates.get(event.target)
        if not (source_date and target_date):
            continue
        fig.add_annotation(
            x=_axis_date(source_date),
            y=line.labels[event.source],
            ax=_axis_date(target_date),
            ay=line.labels[event.target],
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            showarrow=True,
            arrowhead=2,
            arrowwidth=1.5,
            arrowcolor=RELATION_COLOURS.get(event.type, DEFAULT_COLOUR),
            text="",
        )
    fig.update_layout(
        height=max(260, 60 * len(dated) + 120),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis_title="Ngày ban hành",
        legend_title="Loại văn bản",
    )
    fig.update_yaxes(categoryorder="array", categoryarray=[line.labels[i] for i, _ in dated])
    fig.update_xaxes(tickformatstops=list(AXIS_TICK_FORMATS))
    return fig


def render() -> None:
    st.title("Dòng thời gian hiệu lực")
    picked = session.store_and_document()
    if picked is None:
        return
    store, doc = picked
    line = timeline(store, doc.id)
    st.markdown(f"**{plain_markdown(doc.label)}**")
    if len(line.chain.documents) > 1:
        # Nothing in the store replaces the last of the chain; whether it is in force is its
        # status's to say (a stub at the end is "Chưa rõ").
        last = [
            f"{d.label} ({REGISTRY['status'].function(store, d.id).derived.headline})"
            for d in line.chain.current
        ]
        st.caption(plain_markdown(f"Văn bản cuối chuỗi thay thế: {', '.join(last)}"))
    if not line.events:
        st.info(
            "Không có văn bản nào thay thế, sửa đổi hoặc bãi bỏ văn bản này, hay bị nó thay thế."
        )
        return
    st.plotly_chart(figure(line, doc.id), width="stretch")
    st.subheader("Các mốc")
    for event in line.events:
        st.markdown(
            plain_markdown(f"{display_date(event.date) or 'không rõ ngày'}: {event.sentence}")
        )


if __name__ == "__main__":
    render()
