"""Nhiệm vụ: a task and every document it rests on, as an officer checks it before acting on it.

The page opens on a task worth reading (:func:`queries.tasks.opening_task`: a stale one if any,
else one that cites a document itself), of the document in the URL when there is one; the task
travels in the URL (``?task=…``) so a link to it can be shared. Any other task is found by typing
words of its text, its agency or its assigning document (``find_tasks``), or picked in the table
of its document's tasks.

Each document it rests on says whether the task names it (*nêu trực tiếp*, with the task's
sentence) or inherits it from the text assigning it (*kế thừa*, with the path and that text's
sentence), its status on the day picked (:func:`graph.status.derive_status`, the words the whole
app uses: *Chưa rõ* when the store cannot tell), and, when it has been replaced, repealed or
suspended, the act that did it and from when, each a link to its page; a stale one is shown
first, in red. The report downloads as .xlsx and .docx (:mod:`queries.reports`).

The page reads the graph only through :mod:`queries` (the registry's ``task_dependencies``,
``find_tasks``, ``tasks_of_document``, ``dependent_tasks`` and the helpers of
:mod:`queries.tasks`). Text from documents is shown as text: markdown escaped, HTML escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence

import streamlit as st

from graph.model import STATUS_IN_FORCE, Document, Task
from graph.store import GraphStore
from queries import REGISTRY, InvalidArgument, UnknownDocument
from queries.documents import require_document
from queries.reports import (
    DOCX_MIME,
    XLSX_MIME,
    Report,
    document_report,
    task_report,
    to_docx,
    to_xlsx,
)
from queries.tasks import (
    DIRECT,
    INHERITED,
    Dependency,
    TaskDependencies,
    TaskImpact,
    TaskRow,
    UnknownTask,
    due_end,
    opening_task,
    parse_day,
    replacement_text,
    resolve_task,
)
from views import session
from views.dates import display_date
from views.markup import plain_markdown

# A task's text can run to a paragraph; lists show its start.
TASK_LABEL_MAX = 110
DEPTHS = (1, 2, 3)
# The URL parameter naming the task shown: "…/tasks?task=…" can be shared.
TASK_PARAM = "task"
FOUND_SHOWN = 15  # tasks listed under the search box; typing more words narrows them
INHERITED_SHOWN = 40  # a directive carrying out twenty programmes gives every task twenty
# Nghị định 01/2010/NĐ-CP in the 10,000-text benchmark corpus has thousands of dependent tasks.
IMPACT_SHOWN = 100
DOC_REPORT = "t_doc_report_made"  # session key: the document report made, and for what

# The flags of a dependency whose basis is gone (in whole or in part, or stopped) or going.
STALE_FLAG = ":red[**⚠ căn cứ không còn nguyên hiệu lực**]"
SOON_FLAG = ":orange[**⌛ căn cứ sắp hết hiệu lực**]"

# The evidence sentence, set off as a quotation (the same look as the Document page's).
STYLE = """<style>
.evidence { border-left: 3px solid #bbb; padding: 0.1rem 0 0.1rem 0.6rem; margin: 0.2rem 0;
            color: #333; font-size: 0.92rem; }
</style>"""


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


def status_markdown(dep: Dependency) -> str:
    """The status in its colour: red when the basis is gone, orange when going, green only for
    *Còn hiệu lực*, grey otherwise (*Chưa rõ* claims nothing)."""
    colour = (
        "red"
        if dep.stale
        else "orange"
        if dep.soon
        else "green"
        if dep.status == STATUS_IN_FORCE
        else "gray"
    )
    return f":{colour}[**{plain_markdown(dep.derived.headline)}**]"


def dependency_line(dep: Dependency, labels: Mapping[str, str] | None = None) -> str:
    """``- Nghị định 43/2011/NĐ-CP — Hết hiệu lực ⚠ …: Đã bị thay thế bởi … từ 01/08/2022.``:
    a dependency on one markdown line (the stale-tasks page's), indented by its depth."""
    line = "    " * (dep.depth - 1) + "- " + plain_markdown(dep.document.label)
    line += plain_markdown(f" — {dep.derived.headline}")
    if dep.inherited and dep.path_text:
        line += plain_markdown(f" ({INHERITED}: {dep.path_text})")
    if dep.stale or dep.soon:
        line += f" {STALE_FLAG if dep.stale else SOON_FLAG}"
        line += plain_markdown(f": {dep.derived.explanation}")
    return line


def evidence_html(evidence: str) -> str:
    return f'<div class="evidence">“{html.escape(evidence)}”</div>' if evidence else ""


def document_link(document: Document, label: str | None = None, icon: str | None = None) -> None:
    st.page_link(
        session.DOCUMENT_PAGE,
        label=plain_markdown(label or document.label),
        query_params={"id": document.id},
        icon=icon,
    )


def show_replacements(dep: Dependency) -> None:
    """Each act that ends or suspends the dependency, what it does from when, as a link."""
    for replacement in dep.replaced_by:
        document_link(
            replacement.document,
            f"Thay bằng: {replacement_text(replacement)}",
            icon=":material/arrow_forward:",
        )


def show_stale_banner(report: TaskDependencies) -> None:
    """The stale and soon-stale dependencies first, in red and orange, with what replaces them."""
    for dep in report.stale:
        st.error(
            f"**⚠ Căn cứ không còn nguyên hiệu lực: {plain_markdown(dep.document.label)}** "
            f"({dep.basis})  \n{plain_markdown(dep.derived.explanation)}",
            icon=":material/warning:",
        )
        show_replacements(dep)
    for dep in report.soon:
        st.warning(
            f"**⌛ Căn cứ sắp hết hiệu lực: {plain_markdown(dep.document.label)}** "
            f"({dep.basis})  \n{plain_markdown(dep.derived.explanation)}",
            icon=":material/schedule:",
        )
        show_replacements(dep)


def show_dependency(dep: Dependency, quoted: set[str]) -> None:
    """One document the task rests on: a link to it, its status, how the task rests on it and
    the sentence that shows it (quoted once: a task citing five documents in one sentence
    shows it under the first, ``quoted`` are those shown)."""
    with st.container(border=True):
        document_link(dep.document, icon=":material/description:")
        issued = display_date(dep.document.issued_date)
        day = f" · ban hành ngày {issued}" if issued else ""
        st.markdown(f"{status_markdown(dep)} · {dep.basis}{plain_markdown(day)}")
        st.caption(plain_markdown(dep.derived.explanation))
        if dep.inherited and dep.path_text:
            st.markdown(f"Kế thừa qua: {plain_markdown(dep.path_text)}")
        if dep.evidence in quoted:
            st.caption("Nêu trong cùng câu đã trích ở trên.")
        elif dep.evidence:
            quoted.add(dep.evidence)
            st.html(evidence_html(dep.evidence))
        elif dep.inherited:
            st.caption("Không có câu nào trong kho nêu văn bản này cho nhiệm vụ.")
        show_replacements(dep)


def show_task(task: Task, source: Document | None) -> None:
    with st.container(key="task_card"):
        st.subheader("Nhiệm vụ")
        st.markdown(plain_markdown(" ".join(task.text.split())))
        facts = []
        if task.section:
            facts.append(f"Mục {task.section}")
        if task.lead:
            facts.append(f"Chủ trì: {task.lead}")
        if task.partners:
            facts.append(f"Phối hợp: {', '.join(task.partners)}")
        if task.deadline:
            facts.append(f"Thời hạn: {task.deadline}")
        if task.field:
            facts.append(f"Lĩnh vực: {task.field}")
        if facts:
            st.caption(plain_markdown(" · ".join(facts)))
        if source is not None:
            document_link(source, f"Giao tại: {source.label}", icon=":material/assignment:")


def show_dependencies(report: TaskDependencies) -> None:
    st.subheader("Nhiệm vụ này dựa trên")
    if not report.dependencies:
        st.caption(
            "Nhiệm vụ này không dẫn chiếu văn bản nào, văn bản giao nhiệm vụ cũng không nêu căn cứ."
        )
        return
    show_stale_banner(report)
    st.markdown(
        f"**{len(report.dependencies)} văn bản**: {len(report.direct)} {DIRECT} (câu của nhiệm "
        f"vụ nêu văn bản), {len(report.inherited)} {INHERITED} (từ căn cứ của văn bản giao "
        "nhiệm vụ hoặc của văn bản được dẫn chiếu)."
    )
    downloads(task_report(report), "t_task")
    quoted: set[str] = set()
    if report.direct:
        st.markdown(f"##### Nêu trực tiếp ({len(report.direct)})")
        for dep in report.direct:
            show_dependency(dep, quoted)
    if report.inherited:
        st.markdown(f"##### Kế thừa ({len(report.inherited)})")
        for dep in report.inherited[:INHERITED_SHOWN]:
            show_dependency(dep, quoted)
        if len(report.inherited) > INHERITED_SHOWN:
            st.caption(
                f"… và {len(report.inherited) - INHERITED_SHOWN} văn bản khác (có trong báo cáo "
                "tải về)."
            )


def downloads(made: Report, key: str) -> None:
    """A report as the files an officer keeps: Excel and Word, written when clicked."""
    left, right = st.columns(2)
    left.download_button(
        "Tải báo cáo Excel (.xlsx)",
        data=lambda: to_xlsx(made),
        file_name=made.filename("xlsx"),
        mime=XLSX_MIME,
        icon=":material/table_view:",
        on_click="ignore",
        key=f"{key}_xlsx",
    )
    right.download_button(
        "Tải báo cáo Word (.docx)",
        data=lambda: to_docx(made),
        file_name=made.filename("docx"),
        mime=DOCX_MIME,
        icon=":material/description:",
        on_click="ignore",
        key=f"{key}_docx",
    )


def document_downloads(store: GraphStore, doc: Document, depth: int, on: dt.date | None) -> None:
    """The report of a document and all its tasks: made on request (a directive may give a
    hundred tasks), then offered as Excel and Word."""
    wanted = (doc.id, depth, on)
    if st.button("Lập báo cáo căn cứ của văn bản và mọi nhiệm vụ", key="t_doc_report"):
        result = REGISTRY["document_dependencies"].function(store, doc.id, depth=depth, on=on)
        st.session_state[DOC_REPORT] = (wanted, document_report(result))
    made = st.session_state.get(DOC_REPORT)
    if made is not None and made[0] == wanted:
        downloads(made[1], "t_doc")


def show_impact(store: GraphStore, doc: Document, depth: int) -> None:
    impacts: list[TaskImpact] = REGISTRY["dependent_tasks"].function(store, doc.id, depth=depth)
    st.markdown(
        f"**{len(impacts)} nhiệm vụ** dựa trên {plain_markdown(doc.label)} "
        "(nêu trực tiếp, hoặc kế thừa qua văn bản giao hay văn bản căn cứ vào nó)"
    )
    for k, impact in enumerate(impacts[:IMPACT_SHOWN]):
        origin = f" ({impact.source.label})" if impact.source else ""
        how = INHERITED if impact.inherited else DIRECT
        label = f"{task_label(impact.task)}{origin} — {how}"
        task_button(impact.task, impact.source, label, f"t_impact_{k}")
    if len(impacts) > IMPACT_SHOWN:
        st.caption(f"… và {len(impacts) - IMPACT_SHOWN} nhiệm vụ khác.")


def task_link(task: Task, source: Document | None, label: str | None = None) -> None:
    """A link to the Nhiệm vụ page showing ``task``, from another page."""
    params = {TASK_PARAM: task.id} | ({"id": source.id} if source else {})
    st.page_link(
        session.TASKS_PAGE,
        label=plain_markdown(label or task_label(task)),
        query_params=params,
        icon=":material/task_alt:",
    )


def _show(task_id: str, source_id: str | None) -> None:
    """Callback of a task button: that task, and its document, become the page's."""
    st.query_params[TASK_PARAM] = task_id
    if source_id:
        st.query_params["id"] = source_id


def task_button(task: Task, source: Document | None, label: str, key: str) -> None:
    """A task to show on this page (a link to the page it is on would not reload it)."""
    st.button(
        plain_markdown(label),
        key=key,
        on_click=_show,
        args=(task.id, source.id if source else None),
        type="tertiary",
        icon=":material/task_alt:",
    )


def finder(store: GraphStore) -> None:
    """Find a task by typing: words of its text, its agency or its assigning document."""
    typed = st.text_input(
        "Tìm nhiệm vụ",
        key="t_find",
        placeholder="từ trong nội dung, cơ quan chủ trì hoặc văn bản giao: báo chí, Cục Viễn "
        "thông, 01/CT-BTTTT 2025 …",
    )
    if not typed.strip():
        return
    try:
        rows: list[TaskRow] = REGISTRY["find_tasks"].function(store, typed)
    except InvalidArgument as exc:
        st.warning(plain_markdown(str(exc)))
        return
    if not rows:
        st.info("Không tìm thấy nhiệm vụ nào.")
        return
    st.caption(
        f"{len(rows)} nhiệm vụ khớp"
        + (f", {FOUND_SHOWN} đầu tiên:" if len(rows) > FOUND_SHOWN else ":")
    )
    for k, row in enumerate(rows[:FOUND_SHOWN]):
        where = f" — {row.source.label}" if row.source else ""
        lead = f" ({row.task.lead})" if row.task.lead else ""
        task_button(row.task, row.source, f"{task_label(row.task)}{lead}{where}", f"t_found_{k}")


def current_document(store: GraphStore) -> Document | None:
    """The document in the URL or the session, if the store holds it (else said why)."""
    doc_id = session.selected_id()
    if not doc_id:
        return None
    try:
        return require_document(store, doc_id)
    except UnknownDocument:
        # The id comes from the URL anyone can send: shown as text, never as markdown.
        st.warning(plain_markdown(f"Kho dữ liệu không có văn bản {doc_id!r}."))
        return None


def current_task(store: GraphStore, doc: Document | None, on: dt.date | None) -> Task | None:
    """The task of the URL, else the page's opening task (of ``doc`` when there is one, else of
    the whole store, else one resting on ``doc``), written into the URL so reruns keep it."""
    wanted = st.query_params.get(TASK_PARAM)
    if wanted:
        try:
            return resolve_task(store, wanted)
        except UnknownTask:
            # The id comes from a URL anyone can send: never echoed.
            st.warning(
                "Kho dữ liệu không có nhiệm vụ mà đường dẫn nêu; đang hiển thị nhiệm vụ khác."
            )
    chosen = opening_task(store, doc.id if doc else None, on=on)
    if chosen is None and doc is not None:
        impacts: list[TaskImpact] = REGISTRY["dependent_tasks"].function(store, doc.id, depth=1)
        chosen = impacts[0].task.id if impacts else opening_task(store, on=on)
    if chosen is None:
        return None
    st.query_params[TASK_PARAM] = chosen
    return resolve_task(store, chosen)


def document_tasks(
    store: GraphStore, doc: Document, shown: Task | None, depth: int, on: dt.date | None
) -> None:
    """The tasks a document assigns, filtered, each a link, and its report; and the tasks
    resting on it."""
    assigned, impact = st.tabs(
        [f"Nhiệm vụ {plain_markdown(doc.label)} giao", "Nhiệm vụ dựa trên văn bản này"]
    )
    with impact:
        impact_depth = st.selectbox("Độ sâu", DEPTHS, index=0, key="t_impact_depth")
        show_impact(store, doc, impact_depth)
    with assigned:
        rows: list[TaskRow] = REGISTRY["tasks_of_document"].function(store, doc.id)
        if not rows:
            st.info("Văn bản này không giao nhiệm vụ nào (hoặc chưa nạp nội dung).")
            return
        document_downloads(store, doc, depth, on)
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
            kept = [r for r in rows if keep(r, fields, agency, deadline)]
        except InvalidArgument as exc:
            st.warning(plain_markdown(str(exc)))  # quotes what was typed
            kept = rows
        st.caption(f"{len(kept)} / {len(rows)} nhiệm vụ")
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
                for r in kept
            ],
            hide_index=True,
            width="stretch",
        )
        with st.expander("Xem căn cứ của một nhiệm vụ khác trong danh sách"):
            for k, row in enumerate(kept):
                if shown is None or row.task.id != shown.id:
                    task_button(row.task, doc, task_label(row.task), f"t_listed_{k}")


def render() -> None:
    st.title("Nhiệm vụ")
    store = session.current_store()
    if store is None:
        return
    st.html(STYLE)
    finder(store)
    left, middle, _ = st.columns([1, 1, 2])
    on = left.date_input(
        "Hiệu lực tính đến ngày", value=dt.date.today(), key="t_on", format="DD/MM/YYYY"
    )
    day = on if isinstance(on, dt.date) else None
    depth = middle.selectbox("Độ sâu", DEPTHS, index=1, key="t_depth")
    doc = current_document(store)
    task = current_task(store, doc, day)
    if task is None:
        st.info("Kho dữ liệu chưa có nhiệm vụ nào: hãy nạp chỉ thị, kế hoạch, văn bản giao việc.")
        return
    report: TaskDependencies = REGISTRY["task_dependencies"].function(
        store, task.id, depth=depth, on=day
    )
    show_task(report.task, report.source)
    show_dependencies(report)
    listed = doc or report.source
    if listed is not None:
        st.divider()
        document_tasks(store, listed, report.task, depth, day)


if __name__ == "__main__":
    render()
