"""Tasks: what a document assigns (by field, agency and deadline), what each task rests on with
stale dependencies (replaced, repealed or suspended, in whole or in part) and soon-stale ones
flagged, and the acts that do it named, and which tasks depend on the document.

Built on the task queries of the registry (``tasks_of_document``, ``task_dependencies``,
``dependent_tasks``); the deadline filter reads a task's normalised ``due`` the way
``tasks_due`` does.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from graph.model import Edge, Task
from graph.store import GraphStore
from queries import REGISTRY, InvalidArgument
from queries.tasks import Dependency, TaskImpact, TaskRow, due_end, parse_day
from views import session
from views.markup import plain_markdown

# A task's text can run to a paragraph; the picker shows its start.
TASK_LABEL_MAX = 110
DEPTHS = (1, 2, 3)


def task_label(task: Task) -> str:
    text = " ".join(task.text.split())
    head = f"{task.section}. " if task.section else ""
    short = text if len(text) <= TASK_LABEL_MAX else text[:TASK_LABEL_MAX].rsplit(" ", 1)[0] + "…"
    return head + short


def agencies(task: Task) -> list[str]:
    return [a for a in (task.lead, *task.partners) if a]


def due_by(task: Task, limit: str) -> bool:
    """Whether the task's deadline falls on or before ``limit`` ("30/6/2025", "2025")."""
    day = parse_day(limit)
    if day is None:
        raise InvalidArgument(f"không đọc được ngày {limit!r} (ví dụ: 30/6/2025, 6/2025, 2025)")
    end = due_end(task.due) if task.due else None
    return end is not None and end <= day


def keep(row: TaskRow, fields: Sequence[str], agency: Sequence[str], deadline: str) -> bool:
    task = row.task
    if fields and (task.field or "") not in fields:
        return False
    if agency and not set(agency) & set(agencies(task)):
        return False
    return not deadline.strip() or due_by(task, deadline.strip())


def chain_text(via: Sequence[Edge], labels: dict[str, str]) -> str:
    """`` — qua Chỉ thị 01/CT-BTTTT``: the documents between a task and what it rests on
    (``via`` runs from the task, DEPENDS_ON first, to the document)."""
    between = [labels.get(e.target, e.target) for e in via[:-1]]
    return f" — qua {', '.join(between)}" if between else ""


# The flags of a dependency whose basis is gone (in whole or in part, or stopped) or going.
STALE_FLAG = ":red[**⚠ căn cứ không còn nguyên hiệu lực**]"
SOON_FLAG = ":orange[**⌛ căn cứ sắp hết hiệu lực**]"


def dependency_line(dep: Dependency, labels: dict[str, str]) -> str:
    """``- Nghị định 43/2011/NĐ-CP — Hết hiệu lực ⚠ …: Đã bị thay thế bởi … từ 01/08/2022.``"""
    line = "    " * (dep.depth - 1) + "- " + plain_markdown(dep.document.label)
    line += plain_markdown(f" — {dep.derived.headline}{chain_text(dep.via, labels)}")
    if dep.stale or dep.soon:
        line += f" {STALE_FLAG if dep.stale else SOON_FLAG}"
        line += plain_markdown(f": {dep.derived.explanation}")
    return line


def show_dependencies(store: GraphStore, task: Task, depth: int) -> None:
    report = REGISTRY["task_dependencies"].function(store, task.id, depth=depth)
    if not report.dependencies:
        st.caption("Nhiệm vụ này không dẫn chiếu văn bản nào.")
        return
    if report.stale:
        st.error(
            f"{len(report.stale)} văn bản làm căn cứ đã hết hiệu lực hoặc tạm ngưng hiệu lực "
            "(toàn bộ hay một phần).",
            icon=":material/warning:",
        )
    if report.soon:
        st.warning(
            f"{len(report.soon)} văn bản làm căn cứ sắp hết hiệu lực.", icon=":material/schedule:"
        )
    labels = {d.document.id: d.document.label for d in report.dependencies}
    for dep in report.dependencies:
        st.markdown(dependency_line(dep, labels))


def show_impact(store: GraphStore, doc_id: str, label: str, depth: int) -> None:
    impacts: list[TaskImpact] = REGISTRY["dependent_tasks"].function(store, doc_id, depth=depth)
    st.markdown(
        f"**{len(impacts)} nhiệm vụ** dựa trên {plain_markdown(label)} "
        "(trực tiếp hoặc qua văn bản căn cứ vào nó)"
    )
    shown = impacts[:IMPACT_SHOWN]
    between = {e.target for i in shown for e in i.via[:-1]}
    labels = {d.id: d.label for d in store.documents(between)}
    for impact in shown:
        origin = f" ({impact.source.label})" if impact.source else ""
        via = chain_text(impact.via, labels)
        st.markdown("- " + plain_markdown(f"{task_label(impact.task)}{origin}{via}"))
    if len(impacts) > IMPACT_SHOWN:
        st.caption(f"… và {len(impacts) - IMPACT_SHOWN} nhiệm vụ khác.")


# Nghị định 01/2010/NĐ-CP in the 10,000-text benchmark corpus has thousands of dependent tasks.
IMPACT_SHOWN = 100


def render() -> None:
    st.title("Nhiệm vụ")
    picked = session.store_and_document()
    if picked is None:
        return
    store, doc = picked
    st.markdown(f"**{plain_markdown(doc.label)}**")
    assigned, impact = st.tabs(["Nhiệm vụ văn bản giao", "Nhiệm vụ dựa trên văn bản này"])
    with impact:
        impact_depth = st.selectbox("Độ sâu", DEPTHS, index=2, key="t_impact_depth")
        show_impact(store, doc.id, doc.label, impact_depth)
    with assigned:
        rows: list[TaskRow] = REGISTRY["tasks_of_document"].function(store, doc.id)
        if not rows:
            st.info("Văn bản này không giao nhiệm vụ nào (hoặc chưa nạp nội dung).")
            return
        cols = st.columns(3)
        fields = cols[0].multiselect(
            "Lĩnh vực",
            sorted({r.task.field for r in rows if r.task.field}),
            key="t_field",
            placeholder="Tất cả",
        )
        agency = cols[1].multiselect(
            "Cơ quan",
            sorted({a for r in rows for a in agencies(r.task)}),
            key="t_agency",
            placeholder="Tất cả",
        )
        deadline = cols[2].text_input(
            "Hạn đến ngày", key="t_deadline", placeholder="30/6/2025, 6/2025, 2025"
        )
        try:
            shown = [r for r in rows if keep(r, fields, agency, deadline)]
        except InvalidArgument as exc:
            st.warning(plain_markdown(str(exc)))  # quotes what was typed
            shown = rows
        st.caption(f"{len(shown)} / {len(rows)} nhiệm vụ")
        st.dataframe(
            [
                {
                    "Mục": r.task.section or "",
                    "Nhiệm vụ": r.task.text,
                    "Lĩnh vực": r.task.field or "",
                    "Chủ trì": r.task.lead or "",
                    "Phối hợp": "; ".join(r.task.partners),
                    "Thời hạn": r.task.deadline or "",
                }
                for r in shown
            ],
            hide_index=True,
            width="stretch",
        )
        if not shown:
            return
        by_id = {r.task.id: r.task for r in shown}
        left, right = st.columns([5, 1])
        chosen = left.selectbox(
            "Nhiệm vụ", list(by_id), format_func=lambda i: task_label(by_id[i]), key="t_task"
        )
        depth = right.selectbox("Độ sâu", DEPTHS, index=1, key="t_depth")
        st.subheader("Nhiệm vụ này dựa trên")
        show_dependencies(store, by_id[chosen], depth)


if __name__ == "__main__":
    render()
