"""Task queries on texts loaded by the real loader, on every store backend.

The store holds a directive of the Ministry whose tasks cite Nghị định 43/2011/NĐ-CP, a plan
and a decision (Quyết định 749/QĐ-TTg, by name of its programme); the plan is loaded too and is
BASED_ON Nghị định 13/2023/NĐ-CP. The supersession scenario then loads Nghị định 42/2022/NĐ-CP,
which replaces 43/2011, and the task that rests on 43/2011 is flagged with its successor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.model import STATUS_IN_FORCE, STATUS_NOT_IN_FORCE, STATUS_UNKNOWN
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
from queries.tasks import AmbiguousTask, UnknownTask, due_end, parse_day

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
        (PORTAL, 1, [("vn:10/KH-BTTTT@2025", 1, STATUS_IN_FORCE)]),
        (
            PORTAL,
            2,
            [("vn:10/KH-BTTTT@2025", 1, STATUS_IN_FORCE), ("vn:13/2023/ND-CP", 2, STATUS_UNKNOWN)],
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
