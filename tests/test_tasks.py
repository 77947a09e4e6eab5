"""Task extraction: one row per way a text assigns work, each a real-looking text.

A row is (kind of text, body, expected tasks). The kind picks a real header (a directive of the
Ministry, a letter of the Government Office with its "Kính gửi", a circular, a press report, a
plan, a decision); each expected task gives only what the row is about (lead, partners,
deadline, documents it depends on …). Then the seeds' real task sections, ids, and the gold.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from graph.model import Task, TaskEdgeType, TextGraph
from loader.pipeline import extract
from loader.read import SourceText, read_path
from loader.tasks import parse_deadline

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"

HEADS = {
    "directive": "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 05/CT-BTTTT\n"
    "Hà Nội, ngày 10 tháng 01 năm 2025\nCHỈ THỊ\nVỀ ĐỊNH HƯỚNG PHÁT TRIỂN NĂM 2025\n",
    "letter": "VĂN PHÒNG CHÍNH PHỦ\nSố: 8794/VPCP-KGVX\nV/v báo cáo tình hình thực hiện\n"
    "Hà Nội, ngày 21 tháng 10 năm 2013\nKính gửi: Bộ Lao động - Thương binh và Xã hội\n",
    "circular": "BỘ TÀI CHÍNH\nSố: 98/2013/TT-BTC\nHà Nội, ngày 24 tháng 7 năm 2013\nTHÔNG TƯ\n"
    "HƯỚNG DẪN VIỆC QUẢN LÝ NGUỒN VỐN HỖ TRỢ NGƯỜI CÓ CÔNG VỚI CÁCH MẠNG VỀ NHÀ Ở\n",
    "news": " date 2023-05 Hội nghị giao ban quý I của Bộ Thông tin và Truyền thông đã diễn ra. "
    "Bộ trưởng phát biểu chỉ đạo các nhiệm vụ.\n",
    "plan": "BAN CHỈ ĐẠO QUỐC GIA\nSố: 252/KH-BCĐQG1237\nHà Nội, ngày 11 tháng 11 năm 2013\n"
    "KẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 1237/QĐ-TTG NGÀY 27 THÁNG 7 NĂM 2013\n",
    "decision": "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 100/QĐ-UBND\n"
    "An Giang, ngày 02 tháng 01 năm 2024\nQUYẾT ĐỊNH\nVỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC\n",
    # a page of a legal Q&A site: no header, typed unknown (real1k)
    "qa": "Ai có trách nhiệm xây dựng hệ thống Tổng đài 112?\n"
    "Căn cứ khoản 1 Điều 4 Nghị định 140/2025/NĐ-CP quy định như sau:\n",
}


def extract_text(kind: str, body: str) -> TextGraph:
    text = HEADS[kind] + body
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return extract(SourceText(f"{kind}-{digest[:8]}.txt", text, digest, "utf-8"))


def summary(graph: TextGraph) -> list[dict[str, Any]]:
    """Each task as the rows state it: its fields and the documents it depends on."""
    label = {d.id: d.number or d.name or d.id for d in graph.cited}
    rows = []
    for task in graph.tasks:
        depends = sorted(
            label.get(e.target, e.target)
            for e in graph.edges
            if e.source == task.id and e.type == TaskEdgeType.DEPENDS_ON
        )
        rows.append(
            {
                "text": task.text,
                "lead": task.lead,
                "partners": list(task.partners),
                "deadline": task.deadline,
                "due": task.due,
                "section": task.section,
                "field": task.field,
                "depends": depends,
            }
        )
    return rows


def matches(row: dict[str, Any], expected: dict[str, Any]) -> bool:
    for key, value in expected.items():
        if key == "starts":
            if not row["text"].startswith(value):
                return False
        elif row[key] != value:
            return False
    return True


CASES: list[tuple[str, str, str, list[dict[str, Any]]]] = [
    (
        "numbered section, '* Nhiệm vụ' block: only the action sentences are tasks",
        "directive",
        "2. Nhiệm vụ, giải pháp chủ yếu năm 2025\n2.1. Lĩnh vực Bưu chính\n"
        "Bưu chính đang từng bước khẳng định là hạ tầng thiết yếu của nền kinh tế số.\n"
        "* Nhiệm vụ năm 2025 và định hướng đến năm 2026\n"
        "Tổ chức đánh giá Chiến lược phát triển bưu chính theo Quyết định số 654/QĐ-TTg ngày "
        "12/5/2022 của Thủ tướng Chính phủ. Tiếp tục triển khai thực hiện có hiệu quả Quyết định "
        "số 45/2016/QĐ-TTg ngày 19/10/2016 của Thủ tướng Chính phủ.\n",
        [
            {"section": "2.1", "field": "Bưu chính", "lead": None, "depends": ["654/QĐ-TTg"]},
            {"starts": "Tiếp tục triển khai", "depends": ["45/2016/QĐ-TTg"]},
        ],
    ),
    (
        "bullets '-' and 'a)' in a directive, deadlines in the sentence",
        "directive",
        "3. Công tác tổng hợp\n- Hoàn thành các chỉ tiêu đề ra tại Quyết định 749/QĐ-TTg ngày "
        "03/06/2020 của Thủ tướng Chính phủ trong Quý II/2025.\n"
        "a) Tổ chức sơ kết việc thực hiện Chỉ thị trong năm 2025;\n",
        [
            {
                "section": "3",
                "due": "2025-Q2",
                "deadline": "Quý II/2025",
                "depends": ["749/QĐ-TTg"],
            },
            {"starts": "Tổ chức sơ kết", "due": "2025", "depends": []},
        ],
    ),
    (
        "'X chủ trì' in a press report, the deadline in the next sentence",
        "news",
        "Cục Báo chí chủ trì xây dựng kế hoạch triển khai Chỉ thị số 07/CT-TTg ngày 21/3/2023 "
        "của Thủ tướng Chính phủ về việc tăng cường công tác truyền thông chính sách. Thời hạn "
        "hoàn thành: tuần 15 năm 2023.\n",
        [
            {
                "lead": "Cục Báo chí",
                "depends": ["07/CT-TTg"],
                "deadline": "tuần 15 năm 2023",
                "due": "2023-W15",
            }
        ],
    ),
    (
        "'yêu cầu X chủ trì, phối hợp với Y' in dictated copy, after a field",
        "news",
        "Lĩnh vực Chuyển đổi số quốc gia, Bộ trưởng yêu cầu Cục chuyển đối số quốc giá chủ trì, "
        "phối hợp với Tổng Công ty Truyền thông đa phương tiện VTC triển khai thử nghiệm Nền "
        "tảng học trực tuyến mở đại trà.\n",
        [
            {
                "lead": "Cục chuyển đối số quốc giá",
                "partners": ["Tổng Công ty Truyền thông đa phương tiện VTC"],
                "field": "Chuyển đổi số quốc gia",
            }
        ],
    ),
    (
        "a report of what was done is no task",
        "news",
        "Các doanh nghiệp đã có hợp tác với các bộ, ngành, địa phương trong năm 2022. Bộ TT&TT sẽ "
        "là Bộ làm mẫu về vấn đề dữ liệu.\n",
        [],
    ),
    (
        "'X: Chủ trì, phối hợp với Y, Z' with the decision it carries out",
        "plan",
        "D. TỔ CHỨC THỰC HIỆN\n1. Bộ Quốc phòng: Chủ trì, phối hợp với Bộ Tài chính, Bộ Lao động "
        "- Thương binh và Xã hội thực hiện các nhiệm vụ quy định tại Quyết định số 1237/QĐ-TTg "
        "ngày 27/7/2013 của Thủ tướng Chính phủ.\n",
        [
            {
                "lead": "Bộ Quốc phòng",
                "partners": ["Bộ Tài chính", "Bộ Lao động - Thương binh và Xã hội"],
                "depends": ["1237/QĐ-TTg"],
            }
        ],
    ),
    (
        "an agency heading leads the paragraphs under it",
        "plan",
        "Kế hoạch này cụ thể hóa các nhiệm vụ của Đề án.\n"
        "D. TỔ CHỨC THỰC HIỆN\n2. Bộ Quốc phòng\nChủ trì nghiên cứu, đề xuất các văn bản về "
        "cơ chế, chính sách; thực hiện các nội dung quy định tại Quyết định số 1237/QĐ-TTg "
        "ngày 27/7/2013.\nChỉ đạo đẩy nhanh tiến độ giải mã ký hiệu, phiên hiệu đơn vị quân đội.\n",
        [
            {"lead": "Bộ Quốc phòng", "section": "D.2", "depends": ["1237/QĐ-TTg"]},
            {"lead": "Bộ Quốc phòng", "starts": "Chỉ đạo đẩy nhanh"},
        ],
    ),
    (
        "a plan's 'Cơ quan chủ trì, phối hợp' and 'Thời gian thực hiện' blocks",
        "plan",
        "Kế hoạch này cụ thể hóa các nhiệm vụ của Đề án.\n"
        "I. CÔNG TÁC QUÁN TRIỆT\n1. Nội dung, biện pháp\na) Tổ chức Hội nghị quán triệt Chỉ thị "
        "số 24-CT/TW ngày 15/5/2013 của Bộ Chính trị;\n2. Cơ quan chủ trì, phối hợp\n"
        "a) Cơ quan chủ trì\n- Ban Chỉ đạo quốc gia.\n- Ban Chỉ đạo các tỉnh.\n"
        "b) Cơ quan phối hợp\n- Hội Cựu chiến binh các cấp.\n"
        "3. Thời gian thực hiện: Tháng 12/2013 và thường xuyên.\n",
        [
            {
                "lead": "Ban Chỉ đạo quốc gia; Ban Chỉ đạo các tỉnh",
                "partners": ["Hội Cựu chiến binh các cấp"],
                "deadline": "Tháng 12/2013 và thường xuyên",
                "due": "2013-12",
                "depends": ["24-CT/TW"],
            }
        ],
    ),
    (
        "'Ủy ban nhân dân cấp xã có trách nhiệm …' in a circular's article",
        "circular",
        "Điều 5. Lập dự toán\n1. Ủy ban nhân dân cấp xã có trách nhiệm lập danh sách người có "
        "công với cách mạng được hỗ trợ về nhà ở theo quy định tại Quyết định số "
        "22/2013/QĐ-TTg, gửi Phòng Lao động - Thương binh và Xã hội chủ trì xét duyệt.\n"
        "2. Kinh phí hỗ trợ được hạch toán vào quyết toán ngân sách cấp xã.\n",
        [{"lead": "Ủy ban nhân dân cấp xã", "section": "Điều 5.1", "depends": ["22/2013/QĐ-TTg"]}],
    ),
    (
        "'Hàng năm, X căn cứ …' names its doer after an adverbial",
        "circular",
        "Điều 5. Điều khoản thi hành\n1. Hàng năm, Hội Chữ thập đỏ Việt Nam căn cứ Quyết định số "
        "1227/QĐ-TTg ngày 22/7/2011 phê duyệt chỉ tiêu đào tạo của từng tỉnh.\n",
        [{"lead": "Hội Chữ thập đỏ Việt Nam", "depends": ["1227/QĐ-TTg"]}],
    ),
    (
        "'đề nghị quý Bộ …' is the addressee's task; it rests on the document the letter chases",
        "letter",
        "Ngày 19 tháng 9 năm 2013, Văn phòng Chính phủ có văn bản số 349/TB-VPCP thông báo ý "
        "kiến chỉ đạo của Phó Thủ tướng.\n"
        "Văn phòng Chính phủ đề nghị quý Bộ khẩn trương báo cáo tình hình thực hiện trước ngày "
        "30/6/2014.\n",
        [
            {
                "lead": "Bộ Lao động - Thương binh và Xã hội",
                "depends": ["349/TB-VPCP"],
                "due": "2014-06-30",
            }
        ],
    ),
    (
        "a list introduced by '… đề nghị X thực hiện … sau đây:' inherits X and its documents",
        "letter",
        "Thực hiện Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013, Bộ Xây dựng đề nghị Ủy ban nhân "
        "dân các tỉnh, thành phố trực thuộc Trung ương thực hiện một số nội dung sau đây:\n"
        "1. Khẩn trương chỉ đạo các cơ quan chức năng lập, phê duyệt Đề án hỗ trợ về nhà ở.\n"
        "2. Theo công văn số 14774/BTC-NSNN ngày 30/10/2013 của Bộ Tài chính, kinh phí mới được "
        "tạm ứng 50%. Vì vậy, đề nghị các địa phương ưu tiên hỗ trợ nhà ở hư hỏng nặng.\n",
        [
            {
                "lead": "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
                "depends": ["22/2013/QĐ-TTg"],
            },
            {"starts": "Theo công văn số 14774", "depends": ["14774/BTC-NSNN"]},
        ],
    ),
    (
        "two assignments in one sentence are two tasks",
        "directive",
        "5. Tổ chức triển khai thực hiện\nVụ Kế hoạch - Tài chính chủ trì xây dựng báo cáo về tình "
        "hình thực hiện Nghị quyết số 01/NQ-CP ngày 08/01/2025 và Viện Chiến lược TTTT chủ trì "
        "triển khai thực hiện Nghị quyết số 02/NQ-CP ngày 08/01/2025.\n",
        [
            {"lead": "Vụ Kế hoạch - Tài chính", "depends": ["01/NQ-CP"]},
            {"lead": "Viện Chiến lược TTTT", "depends": ["02/NQ-CP"], "starts": "Viện Chiến lược"},
        ],
    ),
    (
        "a directive's preamble, before its first section, is orientation given to nobody",
        "directive",
        "Năm 2024 là năm dữ liệu số quốc gia.\n"
        "Tập trung rà soát kỹ, phát hiện các bất cập, vướng mắc, kiến nghị sửa đổi các quy định.\n"
        "1. Tổ chức quán triệt, triển khai thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024.\n",
        [{"starts": "Tổ chức quán triệt", "section": "1", "depends": ["01/NQ-CP"]}],
    ),
    (
        "a target is no task; a field's label before the verb is no obstacle",
        "directive",
        "2. Công tác tổng hợp\n- Phấn đấu tỷ lệ xã có đài truyền thanh cơ sở đạt 92%.\n"
        "- Công tác tổ chức cán bộ: Tiếp tục đổi mới, sắp xếp tổ chức bộ máy của Bộ.\n",
        [{"starts": "Công tác tổ chức cán bộ: Tiếp tục", "field": "tổ chức cán bộ"}],
    ),
    (
        "a collective is no lead ('tất cả các cơ quan, tổ chức, đơn vị …'); a class of bodies is",
        "directive",
        "1. Tất cả các cơ quan, tổ chức, đơn vị thuộc ngành TTTT tổ chức quán triệt Chỉ thị.\n"
        "2. Các Bộ, ngành, địa phương chủ động xây dựng kế hoạch thực hiện.\n",
        [{"lead": None}, {"lead": "Các Bộ, ngành, địa phương"}],
    ),
    (
        "a 'giao' mid-sentence tells of work given before: the reader does it, not the Bộ",
        "directive",
        "3. Công tác văn phòng\nTheo dõi, đôn đốc các đơn vị xây dựng đề án trong Chương trình "
        "công tác của Chính phủ, Thủ tướng Chính phủ giao Bộ thực hiện năm 2025.\n",
        [{"starts": "Theo dõi", "lead": None}],
    ),
    (
        "a press report's bare 'Bộ' is the ministry it is about",
        "news",
        "Năm 2023 là năm thực thi các chiến lược đã ký. Vì vậy, Bộ cần lập chương trình hành "
        "động cho mình. Cục Báo chí chủ trì xây dựng kế hoạch. Cục Viễn thông chủ trì rà soát.\n",
        [
            {"starts": "Vì vậy, Bộ cần", "lead": "Bộ Thông tin và Truyền thông"},
            {"lead": "Cục Báo chí"},
            {"lead": "Cục Viễn thông"},
        ],
    ),
    (
        "a press report of what bodies did assigns nothing",
        "news",
        "Ngày 30 tháng 10 năm 2017, Bộ Quốc phòng quyết định điều chuyển lại nguyên trạng. Chính "
        "phủ ban hành Nghị định 119/2024/NĐ-CP ngày 30/9/2024 về thanh toán điện tử. Công an Việt "
        "Nam Dân chủ Cộng hòa thường xuyên bắt giữ các thành viên Việt Cách vì tội tống tiền.\n",
        [],
    ),
    (
        "a page of unknown kind quoting a decree's 'X chủ trì' assigns nothing itself",
        "qa",
        "Bộ Quốc phòng chủ trì, phối hợp với Bộ Khoa học và Công nghệ xây dựng, triển khai hệ "
        "thống Tổng đài 112 tiếp nhận thông tin.\n",
        [],
    ),
    (
        "a decision's enacting clause is boilerplate, not a task",
        "decision",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\nĐiều 3. Chánh Văn phòng Ủy ban nhân "
        "dân tỉnh, Giám đốc Sở Tài chính và Chủ tịch Ủy ban nhân dân các huyện chịu trách nhiệm "
        "thi hành Quyết định này.\n",
        [],
    ),
]


@pytest.mark.parametrize(
    ("kind", "body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_tasks(kind: str, body: str, expected: list[dict[str, Any]]) -> None:
    rows = summary(extract_text(kind, body))
    assert len(rows) == len(expected), rows
    for row, want in zip(rows, expected, strict=True):
        assert matches(row, want), (row, want)


@pytest.mark.parametrize(
    ("sentence", "deadline", "due"),
    [
        ("báo cáo Thủ tướng Chính phủ trước ngày 30/6/2025.", "trước ngày 30/6/2025", "2025-06-30"),
        (
            "hoàn thành trước ngày 30 tháng 5 năm 2013.",
            "trước ngày 30 tháng 5 năm 2013",
            "2013-05-30",
        ),
        ("đưa vào vận hành trong Quý II/2025.", "Quý II/2025", "2025-Q2"),
        ("Thời hạn hoàn thành: tuần 15 năm 2023.", "tuần 15 năm 2023", "2023-W15"),
        ("Thời hạn hoàn thành: tuần 15 năm 20223.", "tuần 15 năm 20223", None),  # seed 004's typo
        ("hoàn thành trong năm 2025.", "trong năm 2025", "2025"),
        (
            "Thời gian thực hiện: Tháng 12/2013 và thường xuyên.",
            "Tháng 12/2013 và thường xuyên",
            "2013-12",
        ),
        ("Căn cứ Quyết định ngày 15 tháng 5 năm 2013 của Bộ.", None, None),  # a date, no deadline
    ],
)
def test_deadline(sentence: str, deadline: str | None, due: str | None) -> None:
    assert parse_deadline(sentence) == (deadline, due)


# -- the seeds' real task sections --------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> dict[str, TextGraph]:
    return {p.name[:3]: extract(read_path(p)) for p in sorted(SAMPLES.glob("*.txt"))}


def _task(graph: TextGraph, starts: str) -> Task:
    found = [t for t in graph.tasks if t.text.startswith(starts)]
    assert len(found) == 1, [t.text[:60] for t in graph.tasks]
    return found[0]


def _depends(graph: TextGraph, task: Task) -> set[str]:
    return {e.target for e in graph.edges if e.source == task.id and e.type == "DEPENDS_ON"}


@pytest.mark.parametrize(
    ("seed", "starts", "lead", "section", "depends"),
    [
        ("003", "Tổ chức đánh giá Chiến lược phát triển bưu chính", None, "2.1", {"654/QD-TTG"}),
        ("003", "Hoàn thành các chỉ tiêu đề ra tại Quyết định 749", None, "2.3", {"749/QD-TTG"}),
        ("003", "Xây dựng Nghị định sửa đổi một số điều", None, "2.5", {"91/2020/ND-CP"}),
        ("003", "Vụ Kế hoạch - Tài chính chủ trì", "Vụ Kế hoạch - Tài chính", "5", {"01/NQ-CP"}),
        ("003", "Viện Chiến lược TTTT chủ trì", "Viện Chiến lược TTTT", "5", {"02/NQ-CP"}),
        ("000", "Lập đề nghị xây dựng Luật Bưu chính sửa đổi", None, "2.1", {"luat buu chinh"}),
        ("004", "Cục báo chí chủ trì xây dựng kế hoạch", "Cục báo chí", None, {"07/CT-TTG"}),
    ],
)
def test_seed_tasks(
    seeds: dict[str, TextGraph],
    seed: str,
    starts: str,
    lead: str | None,
    section: str | None,
    depends: set[str],
) -> None:
    graph = seeds[seed]
    task = _task(graph, starts)
    assert (task.lead, task.section) == (lead, section)
    targets = _depends(graph, task)
    assert all(any(key in target for target in targets) for key in depends), targets


def test_seed_descriptions_are_not_tasks(seeds: dict[str, TextGraph]) -> None:
    texts = [t.text for t in seeds["003"].tasks]
    assert not any(t.startswith("Bưu chính đang từng bước khẳng định") for t in texts)
    # the preamble repeats the Government's orientation: nobody is given it
    assert not any("tập trung rà soát kỹ" in t.lower() for t in texts)


def test_ids_are_stable_and_unique(seeds: dict[str, TextGraph]) -> None:
    again = extract(read_path(SAMPLES / "003_766d5551e8bb995b.txt"))
    ids = [t.id for t in seeds["003"].tasks]
    assert ids == [t.id for t in again.tasks]
    assert len(ids) == len(set(ids))
    assert ids[0].startswith("task:vn:01/CT-BTTTT@2025:")
    assert "task:vn:01/CT-BTTTT@2025:2.1:1" in ids


def test_every_task_hangs_off_its_document(seeds: dict[str, TextGraph]) -> None:
    for graph in seeds.values():
        has = {e.target for e in graph.edges if e.type == TaskEdgeType.HAS_TASK}
        assert has == {t.id for t in graph.tasks}
        assert all(
            e.source == graph.document.id for e in graph.edges if e.type == TaskEdgeType.HAS_TASK
        )


def test_own_document_is_issued_by_its_issuer(seeds: dict[str, TextGraph]) -> None:
    issued = {(e.source, e.target) for e in seeds["003"].edges if e.type == TaskEdgeType.ISSUED_BY}
    assert ("vn:01/CT-BTTTT@2025", "agency:bo thong tin va truyen thong") in issued
    assert ("vn:749/QD-TTG@2020", "agency:thu tuong chinh phu") in issued


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared (the dev corpus and gold)")
def test_gold_task_dependencies(tmp_path: Path) -> None:
    store, export = tmp_path / "store", tmp_path / "graph.json"
    corpus = SHARED / "corpus"
    run = [sys.executable, "-m"]
    subprocess.run(
        [*run, "loader", str(corpus / "seeds"), str(corpus / "dev"), "--store", str(store), "-q"],
        cwd=ROOT,
        check=True,
    )
    subprocess.run(
        [*run, "graph", "export", "--store", str(store), "--format", "json", "--out", str(export)],
        cwd=ROOT,
        check=True,
    )
    assert json.loads(export.read_text(encoding="utf-8"))["nodes"]
    scored = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            str(export),
            str(SHARED / "eval" / "gold"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    summary_line = scored.stdout.strip().splitlines()[-1]
    recall = float(summary_line.split("task_dep_recall=")[1].split()[0])
    assert recall >= 0.9, summary_line
