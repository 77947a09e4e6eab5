"""Task queries on texts loaded by the real loader, on every store backend.

The store holds a directive of the Ministry whose tasks cite Nghị định 43/2011/NĐ-CP, a plan
and a decision (Quyết định 749/QĐ-TTg, by name of its programme); the plan is loaded too and is
BASED_ON Nghị định 13/2023/NĐ-CP. The supersession scenario then loads Nghị định 42/2022/NĐ-CP,
which replaces 43/2011, and the task that rests on 43/2011 is flagged with its successor.

Dated effects (a replacement not yet in force, a partial repeal) are checked on the dated
scenario of tests/test_status.py, with a directive whose tasks rest on its decrees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.model import STATUS_NOT_IN_FORCE, STATUS_UNKNOWN, Document
from graph.store import GraphStore
from loader.pipeline import load_text
from queries import (
    REGISTRY,
    dependent_tasks,
    stale_tasks,
    task_dependencies,
    tasks_by_agency,
    tasks_by_field,
    tasks_due,
    tasks_of_document,
)
from queries.__main__ import main
from queries.errors import InvalidArgument
from queries.render import render
from queries.tasks import AmbiguousTask, UnknownTask, due_end, parse_day
from tests.factories import task, text_graph
from tests.test_status import (
    CIRCULAR_22,
    DATED_TEXTS,
    DECISION_20,
    DECREE_14,
    DECREE_15,
    DECREE_42,
    DECREE_43,
    PARTLY_REPEALED,
    SUSPENDING_1234,
    loaded,
)

DIRECTIVE = """BỘ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 05/CT-BTTTT
Hà Nội, ngày 10 tháng 01 năm 2025
CHỈ THỊ
VỀ ĐỊNH HƯỚNG PHÁT TRIỂN NĂM 2025
Năm 2024, ngành Thông tin và Truyền thông đã đạt được nhiều kết quả quan trọng.
2. Nhiệm vụ, giải pháp chủ yếu năm 2025
2.1. Lĩnh vực Thông tin điện tử
Thông tin điện tử đang phát triển mạnh.
* Nhiệm vụ năm 2025
Cục Phát thanh, truyền hình và thông tin điện tử chủ trì, phối hợp với Thanh tra Bộ rà soát các \
trang thông tin điện tử theo Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ, hoàn thành \
trong Quý II/2025.
Triển khai Kế hoạch số 10/KH-BTTTT ngày 05/01/2025 của Bộ Thông tin và Truyền thông về cung cấp \
dịch vụ công trực tuyến trước ngày 30/6/2025.
2.2. Lĩnh vực Bưu chính
* Nhiệm vụ năm 2025
Cục Bưu điện Trung ương chủ trì đánh giá Chiến lược phát triển bưu chính theo Quyết định số \
654/QĐ-TTg ngày 12/5/2022 của Thủ tướng Chính phủ trong năm 2025.
"""

PLAN = """BỘ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 10/KH-BTTTT
Hà Nội, ngày 05 tháng 01 năm 2025
KẾ HOẠCH
CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN NĂM 2025
Căn cứ Nghị định số 13/2023/NĐ-CP ngày 17 tháng 4 năm 2023 của Chính phủ về bảo vệ dữ liệu cá nhân;
Bộ Thông tin và Truyền thông ban hành Kế hoạch cung cấp dịch vụ công trực tuyến năm 2025.
1. Cục Chuyển đổi số quốc gia chủ trì hướng dẫn các bộ, ngành cung cấp dịch vụ công trực tuyến.
"""

DECREE = """CHÍNH PHỦ
Số: 42/2022/NĐ-CP
Hà Nội, ngày 24 tháng 6 năm 2022
NGHỊ ĐỊNH
QUY ĐỊNH VỀ VIỆC CUNG CẤP THÔNG TIN VÀ DỊCH VỤ CÔNG TRỰC TUYẾN CỦA CƠ QUAN NHÀ NƯỚC
Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;
Chính phủ ban hành Nghị định quy định về việc cung cấp thông tin và dịch vụ công trực tuyến.
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định về việc cung cấp thông tin và dịch vụ công trực tuyến.
Điều 2. Hiệu lực thi hành
1. Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 8 năm 2022.
2. Nghị định này thay thế Nghị định số 43/2011/NĐ-CP ngày 13 tháng 6 năm 2011 của Chính phủ quy \
định về việc cung cấp thông tin và dịch vụ công trực tuyến trên trang thông tin điện tử.
"""

DIRECTIVE_ID = "vn:05/CT-BTTTT@2025"
REVIEW = f"task:{DIRECTIVE_ID}:2.1:1"  # rests on 43/2011
PORTAL = f"task:{DIRECTIVE_ID}:2.1:2"  # rests on the plan, which is BASED_ON 13/2023
POSTAL = f"task:{DIRECTIVE_ID}:2.2:1"


@pytest.fixture
def texts(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "texts"
    folder.mkdir()
    out = {}
    for name, content in (("ct.txt", DIRECTIVE), ("kh.txt", PLAN), ("nd.txt", DECREE)):
        out[name] = folder / name
        out[name].write_text(content, encoding="utf-8")
    return out


@pytest.fixture
def store(fresh_store: GraphStore, texts: dict[str, Path]) -> GraphStore:
    """A store of each backend (tests/conftest.py) holding the directive and the plan."""
    load_text(fresh_store, texts["ct.txt"])
    load_text(fresh_store, texts["kh.txt"])
    return fresh_store


def test_supersession_flags_the_task_with_its_successor(
    store: GraphStore, texts: dict[str, Path]
) -> None:
    before = task_dependencies(store, REVIEW, depth=1)
    assert [(d.document.id, d.status) for d in before.dependencies] == [
        ("vn:43/2011/ND-CP", STATUS_UNKNOWN)
    ]
    assert stale_tasks(store) == []

    load_text(store, texts["nd.txt"])  # Nghị định 42/2022/NĐ-CP thay thế Nghị định 43/2011/NĐ-CP

    after = task_dependencies(store, REVIEW, depth=1)
    (dependency,) = after.dependencies
    assert dependency.stale and dependency.status == STATUS_NOT_IN_FORCE
    assert [d.id for d in dependency.successors] == ["vn:42/2022/ND-CP"]
    assert dependency.via[0].type == "DEPENDS_ON" and "43/2011/NĐ-CP" in dependency.via[0].evidence
    (stale,) = stale_tasks(store)
    assert stale.task.id == REVIEW and stale.source is not None
    assert stale.source.id == DIRECTIVE_ID
    assert [d.successors[0].label for d in stale.dependencies] == ["Nghị định 42/2022/NĐ-CP"]


@pytest.mark.parametrize(
    ("task_id", "depth", "expected"),
    [
        # The plan says when it was issued, not when it takes effect: nobody knows if it is in
        # force yet, so it is not said to be.
        (PORTAL, 1, [("vn:10/KH-BTTTT@2025", 1, STATUS_UNKNOWN)]),
        (
            PORTAL,
            2,
            [("vn:10/KH-BTTTT@2025", 1, STATUS_UNKNOWN), ("vn:13/2023/ND-CP", 2, STATUS_UNKNOWN)],
        ),
        (REVIEW, 3, [("vn:43/2011/ND-CP", 1, STATUS_UNKNOWN)]),  # a stub: nothing beyond it
    ],
)
def test_dependencies_through_loaded_documents(
    store: GraphStore, task_id: str, depth: int, expected: list[tuple[str, int, str]]
) -> None:
    report = task_dependencies(store, task_id, depth=depth)
    assert [(d.document.id, d.depth, d.status) for d in report.dependencies] == expected
    assert all(d.via[0].source == task_id for d in report.dependencies)


@pytest.mark.parametrize(
    ("doc_id", "depth", "expected"),
    [
        ("vn:43/2011/ND-CP", 1, [REVIEW]),
        ("vn:13/2023/ND-CP", 1, []),
        ("vn:13/2023/ND-CP", 2, [PORTAL]),  # the task rests on the plan that rests on it
        ("vn:654/QD-TTG@2022", 1, [POSTAL]),
    ],
)
def test_dependent_tasks(store: GraphStore, doc_id: str, depth: int, expected: list[str]) -> None:
    impacts = dependent_tasks(store, doc_id, depth=depth)
    assert [i.task.id for i in impacts] == expected
    for impact in impacts:
        assert impact.via[0].type == "DEPENDS_ON" and len(impact.via) <= depth


@pytest.mark.parametrize(
    ("agency", "expected"),
    [
        ("Cục PTTH&TTĐT", [(REVIEW, "chủ trì")]),
        ("cuc phat thanh", [(REVIEW, "chủ trì")]),  # words of the name, no diacritics
        ("Thanh tra Bộ", [(REVIEW, "phối hợp")]),
        ("Cục Chuyển đổi số quốc gia", [("task:vn:10/KH-BTTTT@2025:1:1", "chủ trì")]),
        ("Bộ Tài chính", []),
    ],
)
def test_tasks_by_agency(store: GraphStore, agency: str, expected: list[tuple[str, str]]) -> None:
    assert [(r.task.id, r.role) for r in tasks_by_agency(store, agency)] == expected


def test_tasks_by_field_and_document(store: GraphStore) -> None:
    assert [r.task.id for r in tasks_by_field(store, "thong tin dien tu")] == [REVIEW, PORTAL]
    assert [r.task.id for r in tasks_of_document(store, DIRECTIVE_ID)] == [REVIEW, PORTAL, POSTAL]
    with pytest.raises(InvalidArgument):
        tasks_by_field(store, " ")


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("30/6/2025", [REVIEW, PORTAL]),  # Quý II/2025 and "trước ngày 30/6/2025" both end 30/6
        ("2025-06-29", []),
        ("2025", [REVIEW, PORTAL, POSTAL]),
    ],
)
def test_tasks_due(store: GraphStore, by: str, expected: list[str]) -> None:
    assert [r.task.id for r in tasks_due(store, by)] == expected


def test_tasks_due_refuses_what_is_no_day(store: GraphStore) -> None:
    with pytest.raises(InvalidArgument):
        tasks_due(store, "sớm")


@pytest.mark.parametrize(
    ("due", "last_day"),
    [("2025-Q2", "2025-06-30"), ("2023-W15", "2023-04-16"), ("2013-12", "2013-12-31")],
)
def test_due_end(due: str, last_day: str) -> None:
    end = due_end(due)
    assert end is not None and end.isoformat() == last_day


@pytest.mark.parametrize(("typed", "day"), [("6/2025", "2025-06-30"), ("31/2/2025", None)])
def test_parse_day(typed: str, day: str | None) -> None:
    parsed = parse_day(typed)
    assert (parsed.isoformat() if parsed else None) == day


def test_a_task_can_be_named_by_its_words(store: GraphStore) -> None:
    assert task_dependencies(store, "rà soát các trang thông tin điện tử").task.id == REVIEW
    with pytest.raises(UnknownTask):
        task_dependencies(store, "xây dựng nhà máy điện hạt nhân")
    with pytest.raises(AmbiguousTask):
        task_dependencies(store, "chủ trì")
    with pytest.raises(InvalidArgument):
        task_dependencies(store, REVIEW, depth=0)


@pytest.mark.parametrize(
    "name",
    [n for n in REGISTRY if "task" in n],
)
def test_task_queries_are_registered(name: str) -> None:
    assert REGISTRY[name].function.__module__ == "queries.tasks"


def test_cli(tmp_path: Path, texts: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    directory = tmp_path / "cli-graph"
    opened = EmbeddedStore(directory)
    for name in ("ct.txt", "kh.txt", "nd.txt"):
        load_text(opened, texts[name])
    opened.close()
    assert main(["stale_tasks", "--store", str(directory)]) == 0
    out = capsys.readouterr().out
    assert "⚠ [1] Nghị định 43/2011/NĐ-CP" in out and "Nghị định 42/2022/NĐ-CP" in out
    assert main(["tasks_by_agency", "Cục", "PTTH&TTĐT", "--store", str(directory)]) == 0
    assert "(chủ trì)" in capsys.readouterr().out
    assert main(["task_dependencies", "task:nope", "--store", str(directory)]) == 2
    assert "không tìm thấy nhiệm vụ" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (["t:d:2.10:1", "t:d:2.9:3", "t:d:2.9:1"], ["t:d:2.9:1", "t:d:2.9:3", "t:d:2.10:1"]),
        # section paths of different shapes in one document: digits and words in the same place
        (
            ["t:d:B.I.1:2", "t:d:0:3", "t:d:Dieu-5.1:1"],
            ["t:d:0:3", "t:d:B.I.1:2", "t:d:Dieu-5.1:1"],
        ),
    ],
)
def test_tasks_sort_in_text_order_whatever_their_section_shape(
    ids: list[str], expected: list[str]
) -> None:
    from queries.tasks import _order

    assert sorted(ids, key=_order) == expected


# -- dated effects: soon-stale and partly stale tasks ---------------------------------------------

DIRECTIVE_05 = loaded(
    "05/CT-BTTTT",
    year=2022,
    name="Chỉ thị về đẩy mạnh cung cấp dịch vụ công trực tuyến",
    issued="2022-01-10",
    effective="2022-01-10",
)
ON_43 = f"task:{DIRECTIVE_05.id}:1"
ON_15 = f"task:{DIRECTIVE_05.id}:2"
ON_20 = f"task:{DIRECTIVE_05.id}:4"
DIRECTIVE_05_TEXT = text_graph(
    "ct-05-2022.txt",
    DIRECTIVE_05,
    tasks=[
        task(
            "1",
            "Rà soát cổng thông tin điện tử theo Nghị định 43/2011/NĐ-CP",
            "Cục Chuyển đổi số quốc gia",
            depends_on=[DECREE_43],
        ),
        task(
            "2",
            "Xử phạt vi phạm hành chính theo Nghị định 15/2020/NĐ-CP",
            "Thanh tra Bộ",
            depends_on=[DECREE_15],
        ),
        task(
            "3",
            "Quản lý chất lượng dịch vụ theo Thông tư 22/2024/TT-BTTTT",
            "Cục Viễn thông",
            depends_on=[CIRCULAR_22],
        ),
        task(
            "4",
            "Cấp phép quảng cáo ngoài trời theo Quyết định 20/2024/QĐ-UBND",
            "Sở Văn hóa và Thể thao",
            depends_on=[DECISION_20],
        ),
    ],
)

Flag = tuple[str, str, str, tuple[str, ...], list[Document]]


@pytest.fixture
def dated_store(fresh_store: GraphStore) -> GraphStore:
    """The dated scenario and the directive, on each backend."""
    for text in [*DATED_TEXTS, DIRECTIVE_05_TEXT]:
        fresh_store.write_text(text)
    return fresh_store


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        # Nghị định 14/2022/NĐ-CP is not yet issued, nor 42/2022: nothing to flag.
        ("1/1/2022", []),
        (
            "27/1/2022",
            [
                (
                    ON_15,
                    "soon",
                    "Sắp hết hiệu lực một phần từ 28/01/2022",
                    PARTLY_REPEALED,
                    [DECREE_14],
                )
            ],
        ),
        (
            "1/7/2022",
            [
                (ON_43, "soon", "Sắp hết hiệu lực từ 01/08/2022", (), [DECREE_42]),
                (ON_15, "stale", "Hết hiệu lực một phần", PARTLY_REPEALED, [DECREE_14]),
            ],
        ),
        (
            "1/8/2022",
            [
                (ON_43, "stale", "Hết hiệu lực", (), [DECREE_42]),
                (ON_15, "stale", "Hết hiệu lực một phần", PARTLY_REPEALED, [DECREE_14]),
            ],
        ),
        # The Prime Minister's suspension stops the decision the fourth task rests on.
        (
            "1/9/2024",
            [
                (ON_43, "stale", "Hết hiệu lực", (), [DECREE_42]),
                (ON_15, "stale", "Hết hiệu lực một phần", PARTLY_REPEALED, [DECREE_14]),
                # Quyết định 30/2024/QĐ-UBND repeals it only from 01/03/2025: not its successor yet.
                (ON_20, "stale", "Tạm ngưng hiệu lực", (), [SUSPENDING_1234]),
            ],
        ),
    ],
)
def test_stale_and_soon_stale_tasks_on_a_day(
    dated_store: GraphStore, on: str, expected: list[Flag]
) -> None:
    found = []
    for report in stale_tasks(dated_store, on=on):
        (dep,) = report.dependencies
        flag = "stale" if dep.stale else "soon" if dep.soon else ""
        found.append((report.task.id, flag, dep.derived.headline, dep.derived.provisions))
        assert [d.id for d in dep.successors] == [d.id for d in expected[len(found) - 1][4]]
    assert found == [row[:4] for row in expected]


def test_a_partly_stale_dependency_names_its_provisions(dated_store: GraphStore) -> None:
    report = task_dependencies(dated_store, ON_15, depth=1, on="1/7/2022")
    assert [d.status for d in report.stale] == ["Hết hiệu lực một phần"] and report.soon == ()
    out = render("task_dependencies", report)
    assert "⚠ [1] Nghị định 15/2020/NĐ-CP [vn:15/2020/ND-CP]: Hết hiệu lực một phần" in out
    assert "Khoản 2 Điều 21 đã bị bãi bỏ bởi Nghị định 14/2022/NĐ-CP từ 28/01/2022." in out


def test_cli_stale_tasks_on_a_day(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with EmbeddedStore(tmp_path / "graph") as opened:
        for text in [*DATED_TEXTS, DIRECTIVE_05_TEXT]:
            opened.write_text(text)
    assert main(["stale_tasks", "--on", "1/7/2022", "--store", str(tmp_path / "graph")]) == 0
    out = capsys.readouterr().out
    assert (
        "⌛ [1] Nghị định 43/2011/NĐ-CP [vn:43/2011/ND-CP]: Sắp hết hiệu lực từ 01/08/2022" in out
    )
    assert "Sẽ bị thay thế bởi Nghị định 42/2022/NĐ-CP từ 01/08/2022." in out
    assert main(["stale_tasks", "--on", "1/1/2022", "--store", str(tmp_path / "graph")]) == 0
    assert "Không có nhiệm vụ nào" in capsys.readouterr().out
