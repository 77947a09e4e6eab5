"""Dependency reports as officers file and forward them: an Excel workbook (.xlsx, openpyxl) and a
Word document (.docx, python-docx), from the answer of :func:`queries.tasks.task_dependencies` or
:func:`queries.tasks.document_dependencies`.

One :class:`Report` is built from the answer (Vietnamese headings, dates ``dd/mm/yyyy``, each
document with how the task rests on it, the sentence that shows it, its status and the line that
says on what the status rests, and the acts that replace it from when), then written in either
format, so the two files and the pages never say different things. The command line
(``python -m queries task_dependencies … --xlsx FILE --docx FILE``) and the download buttons of the
Nhiệm vụ page use the same functions.

Text from documents is untrusted: a cell never becomes a formula (``=HYPERLINK(…)`` copied from a
web page is kept as text), and characters a workbook or a Word file cannot hold are dropped.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.identity import fold_name
from graph.model import Document, Task
from graph.status import Status, format_day
from queries.tasks import (
    DIRECT,
    INHERITED,
    Dependency,
    DocumentDependencies,
    TaskDependencies,
    replacement_text,
)

if TYPE_CHECKING:
    from openpyxl.styles import Font
    from openpyxl.worksheet.worksheet import Worksheet

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Column headings of a dependency, in the order a row gives them.
COL_NO = "STT"
COL_WARNING = "Cảnh báo"
COL_DOCUMENT = "Văn bản"
COL_NUMBER = "Số hiệu"
COL_ISSUED = "Ngày ban hành"
COL_BASIS = "Nêu trực tiếp / kế thừa"
COL_PATH = "Kế thừa qua"
COL_EVIDENCE = "Câu dẫn chứng"
COL_STATUS = "Hiệu lực"
COL_WHY = "Căn cứ xác định hiệu lực"
COL_REPLACED = "Văn bản thay thế, bãi bỏ, đình chỉ"
COL_SINCE = "Từ ngày"
DEPENDENCY_COLUMNS: tuple[str, ...] = (
    COL_NO,
    COL_WARNING,
    COL_DOCUMENT,
    COL_NUMBER,
    COL_ISSUED,
    COL_BASIS,
    COL_PATH,
    COL_EVIDENCE,
    COL_STATUS,
    COL_WHY,
    COL_REPLACED,
    COL_SINCE,
)
# A task's own columns, before its dependencies', in the report of a document.
COL_SECTION = "Mục"
COL_TASK = "Nhiệm vụ"
COL_LEAD = "Cơ quan chủ trì"
COL_DEADLINE = "Thời hạn"
TASK_COLUMNS: tuple[str, ...] = (COL_SECTION, COL_TASK, COL_LEAD, COL_DEADLINE)

# Widths (characters) of the workbook's columns; the long texts wrap.
WIDTHS: dict[str, int] = {
    COL_NO: 5,
    COL_WARNING: 22,
    COL_DOCUMENT: 36,
    COL_NUMBER: 16,
    COL_ISSUED: 13,
    COL_BASIS: 14,
    COL_PATH: 40,
    COL_EVIDENCE: 60,
    COL_STATUS: 20,
    COL_WHY: 50,
    COL_REPLACED: 36,
    COL_SINCE: 13,
    COL_SECTION: 8,
    COL_TASK: 60,
    COL_LEAD: 24,
    COL_DEADLINE: 16,
}
# What the Word file puts in its tables; the long texts follow each table as paragraphs.
DOCX_TABLE: tuple[str, ...] = (
    COL_NO,
    COL_SECTION,
    COL_DOCUMENT,
    COL_BASIS,
    COL_STATUS,
    COL_REPLACED,
    COL_SINCE,
)
DOCX_DETAILS: tuple[str, ...] = (COL_TASK, COL_LEAD, COL_PATH, COL_EVIDENCE, COL_WHY)

STALE_WARNING = "⚠ Căn cứ không còn nguyên hiệu lực"
SOON_WARNING = "⌛ Căn cứ sắp hết hiệu lực"
NO_OWN_DEPENDENCY = "Không dẫn chiếu văn bản nào ngoài căn cứ của văn bản giao"
# Said under every report: a status is what the loaded texts say, no more.
CAVEAT = (
    "Hiệu lực do chương trình suy ra từ các văn bản đã nạp vào kho, tính đến ngày ghi trên; "
    "“Chưa rõ” nghĩa là kho chưa có đủ văn bản để kết luận. Cần đối chiếu với nguồn chính thức "
    "trước khi sử dụng."
)

# Colours of a row whose basis is gone (red) or going (orange), as the pages show them.
STALE_RGB = "C00000"
SOON_RGB = "C65911"
HEADER_FILL = "D9E2F3"
FACT_SPAN = 8  # the facts' values run over this many columns of the sheet
FONT = "Times New Roman"  # the font of Vietnamese administrative texts (Nghị định 30/2020/NĐ-CP)

# Characters no .xlsx or .docx may hold (XML 1.0): C0 controls but tab, line feed, return.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a table: column heading → text; ``mark`` is ``stale``, ``soon`` or ""."""

    cells: dict[str, str]
    mark: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A titled table of a report (a workbook sheet, a Word heading and table)."""

    title: str
    sheet: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    empty: str = "Không có văn bản nào."


@dataclass(frozen=True, slots=True)
class Report:
    """A dependency report: its title, the facts about what it is about, and its tables."""

    title: str
    subject: str
    facts: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    made: dt.date = field(default_factory=dt.date.today)

    def filename(self, extension: str) -> str:
        """``can-cu-nhiem-vu-01-ct-btttt-2025-muc-2-5.xlsx``: ASCII, so every system keeps it."""
        slug = re.sub(r"[^a-z0-9]+", "-", fold_name(self.subject)).strip("-")[:60].strip("-")
        return f"{slug or 'bao-cao'}.{extension}"


# -- building ------------------------------------------------------------------------------------


def _day(value: str | None) -> str:
    if not value:
        return ""
    try:
        return format_day(value)
    except ValueError:
        return value  # a bare year


def _document_line(document: Document) -> str:
    issued = _day(document.issued_date)
    return f"{document.label}, ban hành ngày {issued}" if issued else document.label


def dependency_cells(dep: Dependency) -> dict[str, str]:
    """A dependency as the report's columns say it."""
    return {
        COL_WARNING: STALE_WARNING if dep.stale else SOON_WARNING if dep.soon else "",
        COL_DOCUMENT: dep.document.label,
        COL_NUMBER: dep.document.number or "",
        COL_ISSUED: _day(dep.document.issued_date),
        COL_BASIS: dep.basis,
        COL_PATH: dep.path_text,
        COL_EVIDENCE: dep.evidence,
        COL_STATUS: dep.derived.headline,
        COL_WHY: dep.derived.explanation,
        COL_REPLACED: "; ".join(replacement_text(r) for r in dep.replaced_by),
        COL_SINCE: "; ".join(_day(r.day) or "chưa rõ" for r in dep.replaced_by),
    }


def _mark(dep: Dependency) -> str:
    return "stale" if dep.stale else "soon" if dep.soon else ""


def _dependency_rows(dependencies: Sequence[Dependency]) -> tuple[Row, ...]:
    return tuple(
        Row({COL_NO: str(k), **dependency_cells(dep)}, _mark(dep))
        for k, dep in enumerate(dependencies, 1)
    )


def _summary(dependencies: Sequence[Dependency]) -> str:
    direct = sum(not d.inherited for d in dependencies)
    stale = sum(d.stale for d in dependencies)
    soon = sum(d.soon for d in dependencies)
    return (
        f"{len(dependencies)} văn bản làm căn cứ: {direct} {DIRECT}, "
        f"{len(dependencies) - direct} {INHERITED}; {stale} đã hết hiệu lực hoặc tạm ngưng hiệu "
        f"lực (toàn bộ hay một phần), {soon} sắp hết hiệu lực."
    )


def _on(dependencies: Sequence[Dependency], fallback: Status | None = None) -> str:
    day = dependencies[0].derived.on if dependencies else fallback.on if fallback else None
    return format_day(day) if day else format_day(dt.date.today().isoformat())


def _task_facts(task: Task) -> list[tuple[str, str]]:
    facts = [(COL_TASK, task.text)]
    if task.section:
        facts.append((COL_SECTION, task.section))
    if task.lead:
        facts.append((COL_LEAD, task.lead))
    if task.partners:
        facts.append(("Cơ quan phối hợp", ", ".join(task.partners)))
    if task.deadline:
        facts.append((COL_DEADLINE, task.deadline))
    return facts


def task_report(result: TaskDependencies, made: dt.date | None = None) -> Report:
    """The report of one task: the task, then every document it rests on (stale ones first).

    >>> from queries.tasks import task_dependencies
    >>> report = task_report(task_dependencies(store, "ban hành Nghị định thay thế Nghị định số 43/2011"))
    >>> row = report.sections[0].rows[0]
    >>> row.mark, row.cells["Văn bản"], row.cells["Văn bản thay thế, bãi bỏ, đình chỉ"]
    ('stale', 'Nghị định 43/2011/NĐ-CP', 'Nghị định 42/2022/NĐ-CP thay thế, từ 01/08/2022')
    """  # noqa: E501
    made = made or dt.date.today()
    facts = _task_facts(result.task)
    if result.source is not None:
        facts.append(("Văn bản giao nhiệm vụ", _document_line(result.source)))
    facts += [
        ("Hiệu lực tính đến ngày", _on(result.dependencies)),
        ("Ngày lập báo cáo", made.strftime("%d/%m/%Y")),
        ("Tóm tắt", _summary(result.dependencies)),
    ]
    section = Section(
        "Văn bản làm căn cứ của nhiệm vụ",
        "Căn cứ của nhiệm vụ",
        DEPENDENCY_COLUMNS,
        _dependency_rows(result.dependencies),
        "Nhiệm vụ không dẫn chiếu văn bản nào, văn bản giao cũng không nêu căn cứ.",
    )
    source = result.source.label if result.source else ""
    subject = f"can cu nhiem vu {source} muc {result.task.section or ''}"
    return Report("BÁO CÁO CĂN CỨ CỦA NHIỆM VỤ", subject, tuple(facts), (section,), made)


def document_report(result: DocumentDependencies, made: dt.date | None = None) -> Report:
    """The report of a document: its status, what it rests on (every task of it inherits that),
    and for each task it assigns what that task rests on of its own.

    >>> from queries.tasks import document_dependencies
    >>> report = document_report(document_dependencies(store, "vn:01/CT-BTTTT@2025", depth=1))
    >>> [s.sheet for s in report.sections], report.filename("docx")
    (['Căn cứ của văn bản', 'Căn cứ riêng của nhiệm vụ'], 'can-cu-chi-thi-01-ct-btttt-2025.docx')
    """
    made = made or dt.date.today()
    document = result.document
    facts = [(COL_DOCUMENT, document.name or document.label)]
    if document.number:
        facts.append((COL_NUMBER, document.number))
    if document.issuer:
        facts.append(("Cơ quan ban hành", document.issuer))
    if document.issued_date:
        facts.append((COL_ISSUED, _day(document.issued_date)))
    facts += [
        (COL_STATUS, f"{result.derived.headline}. {result.derived.explanation}"),
        ("Hiệu lực tính đến ngày", format_day(result.derived.on)),
        ("Ngày lập báo cáo", made.strftime("%d/%m/%Y")),
        ("Tóm tắt", f"{_summary(result.dependencies)} {len(result.tasks)} nhiệm vụ được giao."),
    ]
    rows: list[Row] = []
    for task in result.tasks:
        head = {
            COL_SECTION: task.task.section or "",
            COL_TASK: task.task.text,
            COL_LEAD: task.task.lead or "",
            COL_DEADLINE: task.task.deadline or "",
        }
        if not task.dependencies:
            rows.append(Row({COL_NO: str(len(rows) + 1), **head, COL_BASIS: NO_OWN_DEPENDENCY}))
        for dep in task.dependencies:
            rows.append(
                Row({COL_NO: str(len(rows) + 1), **head, **dependency_cells(dep)}, _mark(dep))
            )
    sections = (
        Section(
            "Văn bản làm căn cứ của văn bản (mọi nhiệm vụ đều kế thừa)",
            "Căn cứ của văn bản",
            DEPENDENCY_COLUMNS,
            _dependency_rows(result.dependencies),
            "Văn bản không nêu căn cứ nào.",
        ),
        Section(
            "Căn cứ riêng của từng nhiệm vụ",
            "Căn cứ riêng của nhiệm vụ",
            (COL_NO, *TASK_COLUMNS, *DEPENDENCY_COLUMNS[1:]),
            tuple(rows),
            "Văn bản không giao nhiệm vụ nào.",
        ),
    )
    return Report(
        "BÁO CÁO CĂN CỨ CỦA VĂN BẢN VÀ CÁC NHIỆM VỤ",
        f"can cu {document.label}",
        tuple(facts),
        sections,
        made,
    )


# -- writing -------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _UNWRITABLE.sub("", text)


def to_xlsx(report: Report) -> bytes:
    """The report as an Excel workbook: a sheet per table, the facts above it, its headings
    frozen, stale rows in red and soon-stale ones in orange.

    >>> from openpyxl import load_workbook
    >>> from queries.tasks import task_dependencies
    >>> report = task_report(task_dependencies(store, "ban hành Nghị định thay thế Nghị định số 43/2011"))
    >>> sheet = load_workbook(io.BytesIO(to_xlsx(report))).active
    >>> sheet["A1"].value, sheet.freeze_panes is not None
    ('BÁO CÁO CĂN CỨ CỦA NHIỆM VỤ', True)
    """  # noqa: E501
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for section in report.sections:
        _write_sheet(book.create_sheet(_sheet_name(section.sheet)), report, section)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _put(sheet: Worksheet, row: int, column: int, text: str, font: Font | None = None) -> None:
    from openpyxl.styles import Alignment

    cell = sheet.cell(row=row, column=column, value=_clean(text))
    # A sentence copied from the web that starts with "=" stays text, never a formula.
    cell.data_type = "s"
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if font is not None:
        cell.font = font


def _write_sheet(sheet: Worksheet, report: Report, section: Section) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    _put(sheet, 1, 1, report.title, Font(name=FONT, bold=True, size=14))
    line = 2
    for label, value in report.facts:
        _put(sheet, line, 1, label, Font(name=FONT, bold=True))
        _put(sheet, line, 2, value, Font(name=FONT))
        sheet.merge_cells(start_row=line, start_column=2, end_row=line, end_column=FACT_SPAN)
        line += 1
    _put(sheet, line + 1, 1, section.title, Font(name=FONT, bold=True, size=12))
    header = line + 2
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for column, heading in enumerate(section.columns, 1):
        _put(sheet, header, column, heading, Font(name=FONT, bold=True))
        sheet.cell(row=header, column=column).fill = fill
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS.get(heading, 20)
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    if not section.rows:
        _put(sheet, header + 1, 1, section.empty, Font(name=FONT, italic=True))
    for offset, row in enumerate(section.rows, 1):
        colour = {"stale": STALE_RGB, "soon": SOON_RGB}.get(row.mark)
        font = Font(name=FONT, color=colour, bold=bool(colour))
        for column, heading in enumerate(section.columns, 1):
            _put(sheet, header + offset, column, row.cells.get(heading, ""), font)
    _put(sheet, header + max(len(section.rows), 1) + 2, 1, CAVEAT, Font(name=FONT, italic=True))


def _sheet_name(title: str) -> str:
    """A sheet name Excel accepts: 31 characters at most, none of ``[]:*?/\\``."""
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]


def to_docx(report: Report) -> bytes:
    """The report as a Word document: the title, the facts, then per table a heading, the table
    and, under it, each row's long texts (the task, the path, the evidence sentence, on what
    the status rests).

    >>> from docx import Document as Word
    >>> from queries.tasks import task_dependencies
    >>> report = task_report(task_dependencies(store, "ban hành Nghị định thay thế Nghị định số 43/2011"))
    >>> word = Word(io.BytesIO(to_docx(report)))
    >>> word.paragraphs[0].text, word.tables[1].rows[0].cells[1].text
    ('BÁO CÁO CĂN CỨ CỦA NHIỆM VỤ', 'Văn bản')
    """  # noqa: E501
    from docx import Document as Word
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt, RGBColor

    word = Word()
    normal = word.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    page = word.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = page.page_height, page.page_width

    colours = {"stale": RGBColor.from_string(STALE_RGB), "soon": RGBColor.from_string(SOON_RGB)}
    word.add_heading(_clean(report.title), level=1)
    facts = word.add_table(rows=0, cols=2)
    facts.style = "Table Grid"
    for label, value in report.facts:
        cells = facts.add_row().cells
        cells[0].paragraphs[0].add_run(_clean(label)).bold = True
        cells[1].text = _clean(value)
    for section in report.sections:
        word.add_heading(_clean(section.title), level=2)
        if not section.rows:
            word.add_paragraph(_clean(section.empty)).runs[0].italic = True
            continue
        columns = [c for c in DOCX_TABLE if c in section.columns]
        table = word.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, heading in zip(table.rows[0].cells, columns, strict=True):
            cell.paragraphs[0].add_run(heading).bold = True
        for row in section.rows:
            cells = table.add_row().cells
            for cell, heading in zip(cells, columns, strict=True):
                run = cell.paragraphs[0].add_run(_clean(row.cells.get(heading, "")))
                if row.mark:
                    run.font.color.rgb = colours[row.mark]
                    run.bold = True
        word.add_paragraph("Chi tiết").runs[0].bold = True
        for row in section.rows:
            head = word.add_paragraph()
            title = f"{row.cells.get(COL_NO, '')}. {row.cells.get(COL_DOCUMENT, '')}".strip()
            status = row.cells.get(COL_STATUS, "")
            run = head.add_run(_clean(f"{title} — {status}" if status else title))
            run.bold = True
            if row.mark:
                run.font.color.rgb = colours[row.mark]
            for heading in DOCX_DETAILS:
                text = row.cells.get(heading, "")
                if heading in section.columns and text:
                    line = word.add_paragraph(style="List Bullet")
                    line.add_run(f"{heading}: ").bold = True
                    line.add_run(_clean(f"“{text}”" if heading == COL_EVIDENCE else text))
    word.add_paragraph(CAVEAT).runs[0].italic = True
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
