"""Task queries on texts loaded by the real loader, on every store backend.

The store holds a directive of the Ministry whose tasks cite Nghị định 43/2011/NĐ-CP, a plan
and a decision (Quyết định 749/QĐ-TTg, by name of its programme); the plan is loaded too and is
BASED_ON Nghị định 13/2023/NĐ-CP, so the task citing the plan inherits (*kế thừa*) the decree
beyond what its own sentence cites (*nêu trực tiếp*); the directive's "Triển khai Kế hoạch số
10/KH-BTTTT …" is one of its tasks, so the others do not inherit the plan. The supersession
scenario then loads Nghị định 42/2022/NĐ-CP, which replaces 43/2011, and the task that rests on
43/2011 is flagged with its successor.

Dated effects (a replacement not yet in force, a partial repeal) are checked on the dated
scenario of tests/test_status.py, with a directive whose tasks rest on its decrees; direct and
inherited dependencies, their paths, evidence, statuses and successors on a directive built with
tests/factories.py whose căn cứ and cited plan rest on decrees of that scenario, and on a real
directive whose introduction cites the decree its tasks carry out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.model import STATUS_NOT_IN_FORCE, STATUS_UNKNOWN, Document, Edge
from graph.store import GraphStore
from loader.pipeline import load_text
from queries import (
    REGISTRY,
    dependent_tasks,
    document_dependencies,
    find_tasks,
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
from queries.tasks import (
    CONTEXT_CONFIDENCE,
    DIRECT,
    INHERITED,
    AmbiguousTask,
    UnknownTask,
    cited,
    due_end,
    group_stale,
    opening_task,
    parse_day,
    replacement_text,
)
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
    assert [(d.document.id, d.status) for d in before.direct] == [
        ("vn:43/2011/ND-CP", STATUS_UNKNOWN)
    ]
    # The directive IMPLEMENTS the plan in another task's sentence only: not this task's basis.
    assert before.inherited == ()
    assert stale_tasks(store) == []

    load_text(store, texts["nd.txt"])  # Nghị định 42/2022/NĐ-CP thay thế Nghị định 43/2011/NĐ-CP

    after = task_dependencies(store, REVIEW, depth=1)
    dependency = after.dependencies[0]  # the stale one first
    assert after.stale == (dependency,) and not dependency.inherited
    assert dependency.stale and dependency.status == STATUS_NOT_IN_FORCE
    assert [d.id for d in dependency.successors] == ["vn:42/2022/ND-CP"]
    assert dependency.via[0].type == "DEPENDS_ON" and "43/2011/NĐ-CP" in dependency.via[0].evidence
    (stale,) = stale_tasks(store)
    assert stale.task.id == REVIEW and stale.source is not None
    assert stale.source.id == DIRECTIVE_ID
    assert [d.successors[0].label for d in stale.dependencies] == ["Nghị định 42/2022/NĐ-CP"]


PLAN_ID = "vn:10/KH-BTTTT@2025"


@pytest.mark.parametrize(
    ("task_id", "depth", "expected"),
    [
        # The plan says when it was issued, not when it takes effect: nobody knows if it is in
        # force yet, so it is not said to be.
        (PORTAL, 1, [(PLAN_ID, 1, STATUS_UNKNOWN, DIRECT)]),
        (
            PORTAL,
            2,
            [
                (PLAN_ID, 1, STATUS_UNKNOWN, DIRECT),
                ("vn:13/2023/ND-CP", 2, STATUS_UNKNOWN, INHERITED),
            ],
        ),
        # 43/2011 is a stub: nothing beyond it; the plan is another task's, not inherited
        (REVIEW, 3, [("vn:43/2011/ND-CP", 1, STATUS_UNKNOWN, DIRECT)]),
    ],
)
def test_dependencies_through_loaded_documents(
    store: GraphStore, task_id: str, depth: int, expected: list[tuple[str, int, str, str]]
) -> None:
    report = task_dependencies(store, task_id, depth=depth)
    assert [(d.document.id, d.depth, d.status, d.basis) for d in report.dependencies] == expected
    for dep in report.dependencies:
        first = dep.via[0]
        if dep.inherited and first.type == "HAS_TASK":  # from the directive assigning it
            assert (first.source, first.target) == (DIRECTIVE_ID, task_id)
        else:
            assert (first.type, first.source) == ("DEPENDS_ON", task_id)
        assert dep.path[-1] == dep.document and len(dep.path) == len(dep.via)


PLAN_TASK = f"task:{PLAN_ID}:1:1"


@pytest.mark.parametrize(
    ("doc_id", "depth", "expected"),
    [
        ("vn:43/2011/ND-CP", 1, [(REVIEW, False)]),
        # the plan is BASED_ON it: the plan's task inherits it
        ("vn:13/2023/ND-CP", 1, [(PLAN_TASK, True)]),
        # … and the directive's task citing the plan (the directive names the plan only in that
        # task: its other tasks do not rest on it)
        ("vn:13/2023/ND-CP", 2, [(PLAN_TASK, True), (PORTAL, True)]),
        (PLAN_ID, 1, [(PORTAL, False)]),
        ("vn:654/QD-TTG@2022", 1, [(POSTAL, False)]),
    ],
)
def test_dependent_tasks(
    store: GraphStore, doc_id: str, depth: int, expected: list[tuple[str, bool]]
) -> None:
    impacts = dependent_tasks(store, doc_id, depth=depth)
    assert [(i.task.id, i.inherited) for i in impacts] == expected
    for impact in impacts:
        assert impact.via[0].type in ("DEPENDS_ON", "HAS_TASK") and impact.depth <= depth
        assert impact.via[-1].target == doc_id
        # the same walk outwards reaches the document at that depth
        reached = task_dependencies(store, impact.task.id, depth=impact.depth).dependencies
        assert doc_id in {d.document.id for d in reached}


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


# -- direct and inherited: paths, evidence, statuses and successors -------------------------------

# A plan resting on Nghị định 43/2011/NĐ-CP, whose text says when it was issued but not when it
# takes effect (so its status is Chưa rõ, never Còn hiệu lực on a guess), and a directive BASED_ON
# Nghị định 15/2020/NĐ-CP and carrying out the plan, whose four tasks cite 43/2011, the plan,
# nothing, and 42/2022; the dated scenario of tests/test_status.py replaces and repeals around it.
PLAN_12 = loaded(
    "12/KH-BTTTT",
    year=2022,
    name="Kế hoạch triển khai dịch vụ công trực tuyến năm 2022",
    issued="2022-02-01",
)
DIRECTIVE_09 = loaded(
    "09/CT-BTTTT",
    year=2022,
    name="Chỉ thị về đẩy mạnh chuyển đổi số",
    issued="2022-03-01",
    effective="2022-03-01",
)
CITES_43 = f"task:{DIRECTIVE_09.id}:1"
CITES_PLAN = f"task:{DIRECTIVE_09.id}:2"
REPORTS = f"task:{DIRECTIVE_09.id}:3"
CITES_42 = f"task:{DIRECTIVE_09.id}:4"
INHERITING_TEXTS = [
    *DATED_TEXTS,
    text_graph("kh-12-2022.txt", PLAN_12, [("BASED_ON", DECREE_43)]),
    text_graph(
        "ct-09-2022.txt",
        DIRECTIVE_09,
        [("BASED_ON", DECREE_15), ("IMPLEMENTS", PLAN_12)],
        tasks=[
            task(
                "1",
                "Rà soát cổng thông tin điện tử",
                "Cục Chuyển đổi số quốc gia",
                depends_on=[DECREE_43],
            ),
            task(
                "2",
                "Triển khai Kế hoạch 12/KH-BTTTT",
                "Cục Chuyển đổi số quốc gia",
                depends_on=[PLAN_12],
            ),
            task("3", "Tổng hợp, báo cáo kết quả thực hiện Chỉ thị", "Văn phòng Bộ"),
            task(
                "4",
                "Cung cấp dịch vụ công trực tuyến mức độ toàn trình",
                "Trung tâm Thông tin",
                depends_on=[DECREE_42],
            ),
        ],
    ),
]


@pytest.fixture
def inheriting_store(fresh_store: GraphStore) -> GraphStore:
    for text in INHERITING_TEXTS:
        fresh_store.write_text(text)
    return fresh_store


# What the directive says of its căn cứ and of the plan (tests/factories.py SENTENCES), and what
# the plan says of its own.
BASED_15 = "Căn cứ Nghị định 15/2020/NĐ-CP;"
BASED_43 = "Căn cứ Nghị định 43/2011/NĐ-CP;"
CARRIES_PLAN = "Để triển khai thực hiện Kế hoạch 12/KH-BTTTT (2022), ban hành kế hoạch này."
VIA_DIRECTIVE = "Chỉ thị 09/CT-BTTTT (2022) → "
REPLACED_43 = ("Nghị định 42/2022/NĐ-CP thay thế, từ 01/08/2022",)
REPEALED_15 = ("Nghị định 14/2022/NĐ-CP bãi bỏ khoản 2 Điều 21, từ 28/01/2022",)
STALE_15 = (
    "Nghị định 15/2020/NĐ-CP",
    INHERITED,
    "Hết hiệu lực một phần",
    VIA_DIRECTIVE + "căn cứ Nghị định 15/2020/NĐ-CP",
    BASED_15,
    REPEALED_15,
)
INHERITED_PLAN = (
    "Kế hoạch 12/KH-BTTTT (2022)",
    INHERITED,
    STATUS_UNKNOWN,
    VIA_DIRECTIVE + "triển khai thực hiện Kế hoạch 12/KH-BTTTT (2022)",
    CARRIES_PLAN,
    (),
)
# label, basis, headline, path, evidence, what replaces it and from when
Row = tuple[str, str, str, str, str, tuple[str, ...]]


@pytest.mark.parametrize(
    ("task_id", "on", "expected"),
    [
        pytest.param(
            CITES_43,
            "1/8/2022",
            [
                (
                    "Nghị định 43/2011/NĐ-CP",
                    DIRECT,
                    "Hết hiệu lực",
                    "",
                    "Rà soát cổng thông tin điện tử theo Nghị định 43/2011/NĐ-CP.",
                    REPLACED_43,
                ),
                STALE_15,
                INHERITED_PLAN,  # 43/2011 again through the plan: once, as the task says it
            ],
            id="direct-stale-first",
        ),
        pytest.param(
            CITES_43,
            "1/7/2022",
            [
                STALE_15,  # what is stale before what will be
                (
                    "Nghị định 43/2011/NĐ-CP",
                    DIRECT,
                    "Sắp hết hiệu lực từ 01/08/2022",
                    "",
                    "Rà soát cổng thông tin điện tử theo Nghị định 43/2011/NĐ-CP.",
                    REPLACED_43,
                ),
                INHERITED_PLAN,
            ],
            id="soon-stale",
        ),
        pytest.param(
            CITES_PLAN,
            "1/8/2022",
            [
                STALE_15,
                (
                    "Nghị định 43/2011/NĐ-CP",
                    INHERITED,
                    "Hết hiệu lực",
                    "Nhiệm vụ dẫn chiếu Kế hoạch 12/KH-BTTTT (2022) → căn cứ Nghị định "
                    "43/2011/NĐ-CP",
                    BASED_43,
                    REPLACED_43,
                ),
                (
                    "Kế hoạch 12/KH-BTTTT (2022)",
                    DIRECT,
                    STATUS_UNKNOWN,
                    "",
                    "Triển khai Kế hoạch 12/KH-BTTTT theo Kế hoạch 12/KH-BTTTT (2022).",
                    (),
                ),
            ],
            id="inherited-through-a-cited-plan",
        ),
        pytest.param(
            REPORTS,
            "1/8/2022",
            [
                STALE_15,
                (
                    "Nghị định 43/2011/NĐ-CP",
                    INHERITED,
                    "Hết hiệu lực",
                    VIA_DIRECTIVE + "triển khai thực hiện Kế hoạch 12/KH-BTTTT (2022) → căn cứ "
                    "Nghị định 43/2011/NĐ-CP",
                    BASED_43,
                    REPLACED_43,
                ),
                INHERITED_PLAN,
            ],
            id="citing-nothing-inherits-everything",
        ),
        pytest.param(
            CITES_42,
            "1/8/2022",
            [
                STALE_15,
                (
                    "Nghị định 43/2011/NĐ-CP",
                    INHERITED,
                    "Hết hiệu lực",
                    VIA_DIRECTIVE + "triển khai thực hiện Kế hoạch 12/KH-BTTTT (2022) → căn cứ "
                    "Nghị định 43/2011/NĐ-CP",
                    BASED_43,
                    REPLACED_43,
                ),
                # in force only because its own text is loaded, dated, and nothing ends it
                (
                    "Nghị định 42/2022/NĐ-CP",
                    DIRECT,
                    "Còn hiệu lực",
                    "",
                    "Cung cấp dịch vụ công trực tuyến mức độ toàn trình theo Nghị định "
                    "42/2022/NĐ-CP.",
                    (),
                ),
                INHERITED_PLAN,
            ],
            id="in-force-only-when-the-store-says",
        ),
    ],
)
def test_direct_and_inherited_dependencies(
    inheriting_store: GraphStore, task_id: str, on: str, expected: list[Row]
) -> None:
    report = task_dependencies(inheriting_store, task_id, depth=2, on=on)
    assert report.source is not None and report.source.id == DIRECTIVE_09.id
    found = [
        (
            d.document.label,
            d.basis,
            d.derived.headline,
            d.path_text,
            d.evidence,
            tuple(replacement_text(r) for r in d.replaced_by),
        )
        for d in report.dependencies
    ]
    assert found == expected
    for dep in report.dependencies:
        assert [s.id for s in dep.successors] == [r.document.id for r in dep.replaced_by]
        assert dep.path[-1].id == dep.document.id


def test_the_first_level_holds_what_the_assigning_text_rests_on(
    inheriting_store: GraphStore,
) -> None:
    report = task_dependencies(inheriting_store, REPORTS, depth=1, on="1/8/2022")
    assert [(d.document.label, d.depth, d.via[0].type) for d in report.dependencies] == [
        ("Nghị định 15/2020/NĐ-CP", 1, "HAS_TASK"),
        ("Kế hoạch 12/KH-BTTTT (2022)", 1, "HAS_TASK"),
    ]


def test_stale_tasks_include_inherited_ones_grouped_by_source_and_lead(
    inheriting_store: GraphStore,
) -> None:
    reports = stale_tasks(inheriting_store, on="1/8/2022")
    # All four tasks inherit the partly repealed căn cứ of the directive; the dated scenario's
    # directive is not loaded here.
    assert [r.task.id for r in reports] == [CITES_43, CITES_PLAN, REPORTS, CITES_42]
    groups = group_stale(reports)
    assert [
        (g.source.id if g.source else None, g.lead, [r.task.id for r in g.reports]) for g in groups
    ] == [
        (DIRECTIVE_09.id, "Cục Chuyển đổi số quốc gia", [CITES_43, CITES_PLAN]),
        (DIRECTIVE_09.id, "Trung tâm Thông tin", [CITES_42]),
        (DIRECTIVE_09.id, "Văn phòng Bộ", [REPORTS]),
    ]
    # each lists only what is stale or soon: the first task its own 43/2011 and the inherited
    # 15/2020, not the plan
    assert [d.document.label for d in reports[0].dependencies] == [
        "Nghị định 43/2011/NĐ-CP",
        "Nghị định 15/2020/NĐ-CP",
    ]
    assert all(d.stale or d.soon for r in reports for d in r.dependencies)
    # before Nghị định 14/2022/NĐ-CP was issued nothing of the scenario had changed yet
    assert stale_tasks(inheriting_store, on="1/1/2022") == []


@pytest.mark.parametrize(
    ("doc_id", "on", "expected"),
    [
        (None, "1/8/2022", CITES_43),  # stale first, its own citation before inherited ones
        (DIRECTIVE_09.id, "1/8/2022", CITES_43),
        (PLAN_12.id, "1/8/2022", None),  # the plan assigns nothing
    ],
)
def test_opening_task_is_a_stale_one(
    inheriting_store: GraphStore, doc_id: str | None, on: str, expected: str | None
) -> None:
    assert opening_task(inheriting_store, doc_id, on=on) == expected


@pytest.mark.parametrize(
    ("doc_id", "expected"),
    [
        (None, REVIEW),  # nothing stale: the newest text's first task citing a document itself
        (DIRECTIVE_ID, REVIEW),
        (PLAN_ID, PLAN_TASK),  # it cites nothing: still the document's first task
    ],
)
def test_opening_task_rests_on_something(
    store: GraphStore, doc_id: str | None, expected: str
) -> None:
    assert opening_task(store, doc_id) == expected
    assert task_dependencies(store, expected).dependencies


def test_document_dependencies(inheriting_store: GraphStore) -> None:
    report = document_dependencies(inheriting_store, DIRECTIVE_09.id, on="1/8/2022")
    assert report.derived.label == "Còn hiệu lực"
    assert [(d.document.label, d.basis, d.depth) for d in report.dependencies] == [
        ("Nghị định 15/2020/NĐ-CP", DIRECT, 1),
        ("Nghị định 43/2011/NĐ-CP", INHERITED, 2),
        ("Kế hoạch 12/KH-BTTTT (2022)", DIRECT, 1),
    ]
    # each task with what its sentence cites and what it rests on beyond the directive's own
    assert [(t.task.id, [d.document.label for d in t.dependencies]) for t in report.tasks] == [
        (CITES_43, ["Nghị định 43/2011/NĐ-CP"]),
        # 43/2011 through the plan is the directive's too: listed once, above
        (CITES_PLAN, ["Kế hoạch 12/KH-BTTTT (2022)"]),
        (REPORTS, []),
        (CITES_42, ["Nghị định 42/2022/NĐ-CP"]),
    ]
    assert [d.document.label for d in report.stale] == [
        "Nghị định 15/2020/NĐ-CP",
        "Nghị định 43/2011/NĐ-CP",
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ra soat trang thong tin", [REVIEW]),  # words of the text, no diacritics
        ("Cục Bưu điện", [POSTAL]),
        ("cuc buu d", [POSTAL]),  # the last word still being typed
        ("Cục PTTH&TTĐT", [REVIEW]),  # the lead in another spelling
        ("10/KH-BTTTT", [PORTAL, PLAN_TASK]),  # named in the text first, then assigned by it
        ("05/CT-BTTTT 2025", [REVIEW, PORTAL, POSTAL]),  # the assigning document
        ("nhà máy điện hạt nhân", []),
    ],
)
def test_find_tasks(store: GraphStore, typed: str, expected: list[str]) -> None:
    assert [r.task.id for r in find_tasks(store, typed)] == expected


def test_find_tasks_needs_words(store: GraphStore) -> None:
    with pytest.raises(InvalidArgument):
        find_tasks(store, " ;; ")


@pytest.mark.parametrize(
    ("confidence", "direct"), [(0.9, True), (0.85, True), (CONTEXT_CONFIDENCE, False)]
)
def test_a_citation_of_the_task_is_told_from_one_of_its_context(
    confidence: float, direct: bool
) -> None:
    assert cited(Edge("task:x:1", "vn:1/ND-CP@2020", "DEPENDS_ON", confidence=confidence)) is direct


# A real directive: its opening carries out Quyết định 749/QĐ-TTg, its first list Nghị định
# 43/2011/NĐ-CP (which Nghị định 42/2022/NĐ-CP replaces, DECREE above); one task cites a circular.
DIRECTIVE_08 = """BỘ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 08/CT-BTTTT
Hà Nội, ngày 20 tháng 02 năm 2025
CHỈ THỊ
VỀ VIỆC ĐẨY MẠNH CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN
Thực hiện Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình \
Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030, Bộ trưởng Bộ Thông tin và Truyền \
thông chỉ thị:
1. Để triển khai Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ, các đơn vị thực hiện \
các nhiệm vụ sau:
- Cục Chuyển đổi số quốc gia chủ trì rà soát các cổng thông tin điện tử của Bộ, hoàn thành trong \
Quý II/2025.
- Trung tâm Thông tin chủ trì cập nhật dịch vụ công trực tuyến theo Thông tư số 22/2024/TT-BTTTT \
ngày 10/12/2024 của Bộ Thông tin và Truyền thông.
2. Văn phòng Bộ chủ trì tổng hợp, báo cáo kết quả thực hiện Chỉ thị này trước ngày 15/12/2025.
"""


def test_inherited_from_a_real_directive_with_its_own_sentence(
    fresh_store: GraphStore, tmp_path: Path
) -> None:
    for name, content in (("ct-08.txt", DIRECTIVE_08), ("nd-42.txt", DECREE)):
        (tmp_path / name).write_text(content, encoding="utf-8")
        load_text(fresh_store, tmp_path / name)
    rows = tasks_of_document(fresh_store, "vn:08/CT-BTTTT@2025")
    assert len(rows) == 3
    for row in rows:
        report = task_dependencies(fresh_store, row.task.id, depth=1)
        by_id = {d.document.id: d for d in report.dependencies}
        # Every task inherits both from the directive, with the directive's own sentence.
        for doc_id, said in (
            ("vn:43/2011/ND-CP", "Để triển khai Nghị định số 43/2011/NĐ-CP"),
            ("vn:749/QD-TTG@2020", "Thực hiện Quyết định số 749/QĐ-TTg"),
        ):
            dep = by_id[doc_id]
            assert dep.inherited and dep.evidence.startswith(said), (row.task.text, dep)
            assert dep.path_text.startswith("Chỉ thị 08/CT-BTTTT (2025) → ")
        assert by_id["vn:43/2011/ND-CP"].stale
        assert [s.label for s in by_id["vn:43/2011/ND-CP"].successors] == [
            "Nghị định 42/2022/NĐ-CP"
        ]
        assert by_id["vn:749/QD-TTG@2020"].status == STATUS_UNKNOWN  # cited, never loaded
    circular = task_dependencies(fresh_store, rows[1].task.id, depth=1).direct
    assert [(d.document.id, d.evidence[:24]) for d in circular] == [
        ("vn:22/2024/TT-BTTTT", "Trung tâm Thông tin chủ ")
    ]


# -- the command line: grouped stale tasks, JSON, and the reports an officer files ---------------


def test_cli_dependencies_json_and_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "graph"
    with EmbeddedStore(directory) as opened:
        for text in INHERITING_TEXTS:
            opened.write_text(text)
    xlsx, docx_file = tmp_path / "bao-cao.xlsx", tmp_path / "bao-cao.docx"
    args = ["task_dependencies", CITES_PLAN, "--on", "1/8/2022", "--store", str(directory)]
    assert main([*args, "--json", "--xlsx", str(xlsx), "--docx", str(docx_file)]) == 0
    captured = capsys.readouterr()
    answer = json.loads(captured.out)
    deps = answer["dependencies"]
    assert [(d["document"]["label"], d["inherited"]) for d in deps] == [
        ("Nghị định 15/2020/NĐ-CP", True),
        ("Nghị định 43/2011/NĐ-CP", True),
        ("Kế hoạch 12/KH-BTTTT (2022)", False),
    ]
    assert deps[1]["evidence"] == BASED_43
    assert [p["label"] for p in deps[1]["path"]] == [
        "Kế hoạch 12/KH-BTTTT (2022)",
        "Nghị định 43/2011/NĐ-CP",
    ]
    assert deps[1]["replaced_by"][0]["document"]["label"] == "Nghị định 42/2022/NĐ-CP"
    assert f"đã ghi báo cáo: {xlsx}" in captured.err
    assert xlsx.read_bytes()[:2] == b"PK" and docx_file.read_bytes()[:2] == b"PK"

    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Căn cứ của nhiệm vụ (3: 1 nêu trực tiếp, 2 kế thừa):" in out
    assert (
        "kế thừa: Nhiệm vụ dẫn chiếu Kế hoạch 12/KH-BTTTT (2022) → căn cứ Nghị định 43/2011/NĐ-CP"
        in out
    )
    assert "thay bằng: Nghị định 42/2022/NĐ-CP thay thế, từ 01/08/2022" in out

    assert main(["stale_tasks", "--on", "1/8/2022", "--store", str(directory)]) == 0
    out = capsys.readouterr().out
    assert (
        "== Chỉ thị 09/CT-BTTTT (2022) [vn:09/CT-BTTTT@2022] — chủ trì: Cục Chuyển đổi số quốc "
        "gia (2 nhiệm vụ)" in out
    )
    report = tmp_path / "van-ban.docx"
    assert main(["document_dependencies", "09/CT-BTTTT", "--store", str(directory)]) == 0
    assert "Văn bản làm căn cứ (3; mọi nhiệm vụ đều kế thừa):" in capsys.readouterr().out
    unwritable = ["--docx", str(tmp_path / "no" / "such" / "dir.docx")]
    assert (
        main(["document_dependencies", "09/CT-BTTTT", "--store", str(directory), *unwritable]) == 2
    )
    assert "lỗi: không ghi được" in capsys.readouterr().err
    assert not report.exists()


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("1/1/2022", ON_43),  # nothing flagged yet: the first task citing a document itself
        ("27/1/2022", ON_15),  # the one soon to be stale, not the first
        ("1/7/2022", ON_15),  # stale before soon (43/2011 is only to be replaced by then)
    ],
)
def test_opening_task_prefers_stale_to_soon_to_first(
    dated_store: GraphStore, on: str, expected: str
) -> None:
    assert opening_task(dated_store, on=on) == expected
    assert opening_task(dated_store, DIRECTIVE_05.id, on=on) == expected
