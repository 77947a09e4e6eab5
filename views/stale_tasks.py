"""Nhiệm vụ cần rà soát: every task of the store resting on a document that has been replaced,
repealed or suspended (in whole or in part) on the day picked, or soon will be, whether the
task names the document itself or inherits it from the text assigning it.

Grouped by the assigning document, then the lead agency (:func:`queries.tasks.group_stale`), the
stale ones first in red, those soon to be in orange; each says what replaced what and from when,
links to the documents, and links to the task's own page. Read only through :mod:`queries`.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from graph.status import format_day
from queries import REGISTRY
from queries.tasks import StaleGroup, TaskDependencies, group_stale, replacement_text
from views import session
from views.markup import plain_markdown
from views.tasks import DEPTHS, document_link, task_link

NO_LEAD = "Chưa rõ cơ quan chủ trì"


def dependency_box(report: TaskDependencies) -> None:
    """A task and each of its stale or soon-stale dependencies: what ends it, from when."""
    with st.container(border=True):
        task_link(report.task, report.source)
        for dep in report.dependencies:
            how = dep.basis + (f", qua {dep.path_text}" if dep.inherited and dep.path_text else "")
            text = (
                f"**{'⚠' if dep.stale else '⌛'} {plain_markdown(dep.document.label)} — "
                f"{plain_markdown(dep.derived.headline)}** ({plain_markdown(how)})  \n"
                f"{plain_markdown(dep.derived.explanation)}"
            )
            if dep.stale:
                st.error(text, icon=":material/warning:")
            else:
                st.warning(text, icon=":material/schedule:")
            document_link(dep.document, f"Văn bản làm căn cứ: {dep.document.label}")
            for replacement in dep.replaced_by:
                document_link(
                    replacement.document,
                    f"Thay bằng: {replacement_text(replacement)}",
                    icon=":material/arrow_forward:",
                )


def show_groups(groups: list[StaleGroup]) -> None:
    """Groups of one assigning document under its heading, one lead agency each."""
    current: str | None = None
    for group in groups:
        source_id = group.source.id if group.source else ""
        if source_id != current:
            current = source_id
            if group.source is not None:
                st.markdown(f"#### {plain_markdown(group.source.label)}")
                document_link(
                    group.source, "Mở văn bản giao nhiệm vụ", icon=":material/description:"
                )
            else:
                st.markdown("#### Không rõ văn bản giao")
        lead = group.lead or NO_LEAD
        st.markdown(f"**Chủ trì: {plain_markdown(lead)}** ({len(group.reports)} nhiệm vụ)")
        for report in group.reports:
            dependency_box(report)


def render() -> None:
    st.title("Nhiệm vụ cần rà soát")
    store = session.current_store()
    if store is None:
        return
    left, middle, _ = st.columns([1, 1, 2])
    on = left.date_input(
        "Hiệu lực tính đến ngày", value=dt.date.today(), key="s_on", format="DD/MM/YYYY"
    )
    day = on if isinstance(on, dt.date) else dt.date.today()
    depth = middle.selectbox("Độ sâu", DEPTHS, index=0, key="s_depth")
    reports: list[TaskDependencies] = REGISTRY["stale_tasks"].function(store, depth=depth, on=day)
    when = format_day(day.isoformat())
    if not reports:
        st.success(
            f"Tính đến ngày {when}, không nhiệm vụ nào dựa trên văn bản đã hoặc sắp hết hiệu lực "
            "(theo các văn bản trong kho).",
            icon=":material/check_circle:",
        )
        return
    stale = [r for r in reports if r.stale]
    soon = [r for r in reports if not r.stale]
    st.caption(
        f"Tính đến ngày {when}: {len(stale)} nhiệm vụ dựa trên văn bản đã hết hiệu lực hoặc tạm "
        f"ngưng hiệu lực (toàn bộ hay một phần), {len(soon)} nhiệm vụ dựa trên văn bản sắp hết "
        "hiệu lực; kể cả văn bản nhiệm vụ kế thừa từ văn bản giao."
    )
    if stale:
        st.subheader(f"Căn cứ đã hết hiệu lực hoặc tạm ngưng ({len(stale)})")
        show_groups(group_stale(stale))
    if soon:
        st.subheader(f"Căn cứ sắp hết hiệu lực ({len(soon)})")
        show_groups(group_stale(soon))


if __name__ == "__main__":
    render()
