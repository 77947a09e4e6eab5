"""The dependency reports an officer files and forwards, opened back with openpyxl and
python-docx: Vietnamese headings, dates written dd/mm/yyyy, each document with how the task rests
on it, the sentence that shows it, its status and on what that rests, and what replaced it from
when; stale rows in red. The store is the inheriting scenario of tests/test_task_queries.py
(a directive BASED_ON Nghị định 15/2020/NĐ-CP, partly repealed, whose first task cites Nghị định
43/2011/NĐ-CP, replaced by 42/2022/NĐ-CP from 01/08/2022).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document as Word
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook

from graph.embedded import EmbeddedStore
from graph.store import GraphStore
from queries import document_dependencies, task_dependencies
from queries.reports import (
    CAVEAT,
    COL_BASIS,
    COL_DOCUMENT,
    COL_EVIDENCE,
    COL_ISSUED,
    COL_PATH,
    COL_REPLACED,
    COL_SINCE,
    COL_STATUS,
    COL_WARNING,
    COL_WHY,
    DEPENDENCY_COLUMNS,
    NO_OWN_DEPENDENCY,
    STALE_RGB,
    STALE_WARNING,
    Report,
    document_report,
    task_report,
    to_docx,
    to_xlsx,
)
from tests.factories import named, task, text_graph
from tests.test_status import loaded
from tests.test_task_queries import (
    BASED_15,
    CITES_43,
    DIRECTIVE_09,
    INHERITING_TEXTS,
    REPORTS,
)

MADE = dt.date(2025, 1, 2)
ON = "1/8/2022"
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
TASK_TEXT = "Rà soát cổng thông tin điện tử"
EVIDENCE_43 = "Rà soát cổng thông tin điện tử theo Nghị định 43/2011/NĐ-CP."


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    with EmbeddedStore(tmp_path_factory.mktemp("reports") / "graph") as opened:
        for text in INHERITING_TEXTS:
            opened.write_text(text)
        yield opened


@pytest.fixture(scope="module")
def report(store: GraphStore) -> Report:
    return task_report(task_dependencies(store, CITES_43, depth=2, on=ON), made=MADE)


def sheet_rows(sheet: Any) -> list[list[str]]:
    return [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]


def table_after(rows: list[list[str]], columns: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows under the header row ``columns``, as dicts, up to the first blank row."""
    start = next(i for i, row in enumerate(rows) if tuple(row[: len(columns)]) == columns)
    found = []
    for row in rows[start + 1 :]:
        if not any(row):
            break
        found.append(dict(zip(columns, row, strict=False)))
    return found


def test_xlsx_of_a_task(report: Report) -> None:
    book = load_workbook(io.BytesIO(to_xlsx(report)))
    assert book.sheetnames == ["Căn cứ của nhiệm vụ"]
    sheet = book.active
    rows = sheet_rows(sheet)
    assert rows[0][0] == "BÁO CÁO CĂN CỨ CỦA NHIỆM VỤ"
    facts = {row[0]: row[1] for row in rows[1:10] if row[0]}
    assert facts["Nhiệm vụ"] == TASK_TEXT
    assert facts["Cơ quan chủ trì"] == "Cục Chuyển đổi số quốc gia"
    assert facts["Văn bản giao nhiệm vụ"] == "Chỉ thị 09/CT-BTTTT (2022), ban hành ngày 01/03/2022"
    assert facts["Hiệu lực tính đến ngày"] == "01/08/2022"
    assert facts["Ngày lập báo cáo"] == "02/01/2025"
    assert facts["Tóm tắt"].startswith("3 văn bản làm căn cứ: 1 nêu trực tiếp, 2 kế thừa; 2 đã hết")
    table = table_after(rows, DEPENDENCY_COLUMNS)
    assert [(r[COL_DOCUMENT], r[COL_BASIS], r[COL_STATUS]) for r in table] == [
        ("Nghị định 43/2011/NĐ-CP", "nêu trực tiếp", "Hết hiệu lực"),
        ("Nghị định 15/2020/NĐ-CP", "kế thừa", "Hết hiệu lực một phần"),
        ("Kế hoạch 12/KH-BTTTT (2022)", "kế thừa", "Chưa rõ"),
    ]
    first, second, third = table
    assert first[COL_WARNING] == STALE_WARNING and first[COL_ISSUED] == "13/06/2011"
    assert first[COL_EVIDENCE] == EVIDENCE_43 and first[COL_PATH] == ""
    assert first[COL_WHY] == "Đã bị thay thế bởi Nghị định 42/2022/NĐ-CP từ 01/08/2022."
    assert first[COL_REPLACED] == "Nghị định 42/2022/NĐ-CP thay thế, từ 01/08/2022"
    assert first[COL_SINCE] == "01/08/2022"
    assert second[COL_PATH] == "Chỉ thị 09/CT-BTTTT (2022) → căn cứ Nghị định 15/2020/NĐ-CP"
    assert second[COL_EVIDENCE] == BASED_15
    assert second[COL_REPLACED] == "Nghị định 14/2022/NĐ-CP bãi bỏ khoản 2 Điều 21, từ 28/01/2022"
    assert third[COL_WARNING] == "" and third[COL_REPLACED] == ""
    # Stale rows in red, the others not; the headings stay in view.
    header = next(i for i, row in enumerate(rows, 1) if row[0] == "STT")
    assert sheet.cell(row=header + 1, column=3).font.color.rgb.endswith(STALE_RGB)
    third_font = sheet.cell(row=header + 3, column=3).font
    assert third_font.color is None or not str(third_font.color.rgb).endswith(STALE_RGB)
    assert sheet.freeze_panes == f"A{header + 1}"
    everything = "\n".join(str(c) for row in rows for c in row)
    assert CAVEAT in everything and not ISO_DAY.search(everything)


def test_docx_of_a_task(report: Report) -> None:
    word = Word(io.BytesIO(to_docx(report)))
    paragraphs = [p.text for p in word.paragraphs]
    assert paragraphs[0] == "BÁO CÁO CĂN CỨ CỦA NHIỆM VỤ"
    assert word.paragraphs[0].style.name == "Heading 1"
    assert "Văn bản làm căn cứ của nhiệm vụ" in paragraphs
    assert word.sections[0].orientation == WD_ORIENT.LANDSCAPE
    facts = {r.cells[0].text: r.cells[1].text for r in word.tables[0].rows}
    assert facts["Nhiệm vụ"] == TASK_TEXT and facts["Hiệu lực tính đến ngày"] == "01/08/2022"
    table = word.tables[1]
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Văn bản",
        "Nêu trực tiếp / kế thừa",
        "Hiệu lực",
        "Văn bản thay thế, bãi bỏ, đình chỉ",
        "Từ ngày",
    ]
    assert [c.text for c in table.rows[1].cells] == [
        "1",
        "Nghị định 43/2011/NĐ-CP",
        "nêu trực tiếp",
        "Hết hiệu lực",
        "Nghị định 42/2022/NĐ-CP thay thế, từ 01/08/2022",
        "01/08/2022",
    ]
    stale_run = table.rows[1].cells[1].paragraphs[0].runs[0]
    assert str(stale_run.font.color.rgb) == STALE_RGB and stale_run.bold
    assert table.rows[3].cells[1].paragraphs[0].runs[0].font.color.rgb is None
    # Under the table, each row's long texts: the evidence sentence, the path, the reasons.
    assert f"Câu dẫn chứng: “{EVIDENCE_43}”" in paragraphs
    assert "Kế thừa qua: Chỉ thị 09/CT-BTTTT (2022) → căn cứ Nghị định 15/2020/NĐ-CP" in paragraphs
    assert (
        "Căn cứ xác định hiệu lực: Đã bị thay thế bởi Nghị định 42/2022/NĐ-CP từ 01/08/2022."
        in paragraphs
    )
    assert paragraphs[-1] == CAVEAT
    everything = "\n".join(
        paragraphs + [c.text for t in word.tables for r in t.rows for c in r.cells]
    )
    assert not ISO_DAY.search(everything)


def test_reports_of_a_document(store: GraphStore) -> None:
    made = document_report(document_dependencies(store, DIRECTIVE_09.id, on=ON), made=MADE)
    book = load_workbook(io.BytesIO(to_xlsx(made)))
    assert book.sheetnames == ["Căn cứ của văn bản", "Căn cứ riêng của nhiệm vụ"]
    own = table_after(sheet_rows(book["Căn cứ của văn bản"]), DEPENDENCY_COLUMNS)
    assert [(r[COL_DOCUMENT], r[COL_BASIS]) for r in own] == [
        ("Nghị định 15/2020/NĐ-CP", "nêu trực tiếp"),
        ("Nghị định 43/2011/NĐ-CP", "kế thừa"),
        ("Kế hoạch 12/KH-BTTTT (2022)", "nêu trực tiếp"),
    ]
    per_task = sheet_rows(book["Căn cứ riêng của nhiệm vụ"])
    columns = tuple(next(row for row in per_task if row[0] == "STT"))
    tasks = table_after(per_task, tuple(c for c in columns if c))
    assert [(r["Nhiệm vụ"], r[COL_DOCUMENT]) for r in tasks] == [
        (TASK_TEXT, "Nghị định 43/2011/NĐ-CP"),
        ("Triển khai Kế hoạch 12/KH-BTTTT", "Kế hoạch 12/KH-BTTTT (2022)"),
        ("Tổng hợp, báo cáo kết quả thực hiện Chỉ thị", ""),
        ("Cung cấp dịch vụ công trực tuyến mức độ toàn trình", "Nghị định 42/2022/NĐ-CP"),
    ]
    assert (
        tasks[2][COL_BASIS] == NO_OWN_DEPENDENCY and tasks[2]["Cơ quan chủ trì"] == "Văn phòng Bộ"
    )
    word = Word(io.BytesIO(to_docx(made)))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "BÁO CÁO CĂN CỨ CỦA VĂN BẢN VÀ CÁC NHIỆM VỤ",
        "Văn bản làm căn cứ của văn bản (mọi nhiệm vụ đều kế thừa)",
        "Căn cứ riêng của từng nhiệm vụ",
    ]
    assert made.filename("xlsx") == "can-cu-chi-thi-09-ct-btttt-2022.xlsx"


def test_a_task_resting_on_nothing(store: GraphStore) -> None:
    bare = task_report(task_dependencies(store, REPORTS, depth=1, on="1/1/2021"), made=MADE)
    assert len(bare.sections[0].rows) == 2  # the directive's căn cứ, both inherited
    assert Word(io.BytesIO(to_docx(bare))).paragraphs


HOSTILE_NAME = '=HYPERLINK("http://attacker.example/x","Bấm vào đây")\x07'


def test_text_from_documents_stays_text(tmp_path: Path) -> None:
    law = named("law", HOSTILE_NAME)
    plan = loaded("3/KH-UBND", year=2024, name="Kế hoạch về chuyển đổi số", issued="2024-01-05")
    with EmbeddedStore(tmp_path / "graph") as opened:
        opened.write_text(
            text_graph(
                "kh-3.txt",
                plan,
                tasks=[task("1", "Thực hiện =1+1 \x0b", "Sở TTTT", depends_on=[law])],
            )
        )
        made = task_report(task_dependencies(opened, f"task:{plan.id}:1", depth=1))
    sheet = load_workbook(io.BytesIO(to_xlsx(made))).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    hostile = [c for c in cells if c.value.startswith("=")]
    assert hostile and all(c.data_type == "s" for c in hostile)  # text, never a formula
    assert not any("\x07" in c.value or "\x0b" in c.value for c in cells)
    word = Word(io.BytesIO(to_docx(made)))
    assert any(HOSTILE_NAME.rstrip("\x07") in c.text for r in word.tables[1].rows for c in r.cells)
    assert re.fullmatch(r"[a-z0-9-]+\.docx", made.filename("docx"))
