"""The derived status (graph/status.py): one row per condition of its table, the decisions it
documents, the DocType table it reads, and a dated supersession scenario end to end on every
store backend.

The scenario (:data:`DATED_TEXTS`, also used by the task and app tests): Nghị định 42/2022/NĐ-CP
replaces 43/2011/NĐ-CP from 01/08/2022; Nghị định 14/2022/NĐ-CP repeals khoản 2 Điều 21 of
Nghị định 15/2020/NĐ-CP and amends its Điều 5 from 28/01/2022; Thông tư 22/2024/TT-BTTTT takes
effect on 05/02/2025; the Prime Minister suspends Quyết định 20/2024/QĐ-UBND from 01/09/2024; a
press report and a Báo cáo have no legal status.
"""

from __future__ import annotations

import datetime as dt
import doctest
from collections.abc import Sequence
from dataclasses import replace

import pytest

import graph.identity
import graph.model
import graph.status
from graph.identity import doc_type_from_number, file_document_id
from graph.model import (
    DOC_TYPE_TABLE,
    DOC_TYPES,
    SCOPE_PARTIAL,
    SCOPE_WHOLE,
    STATUS_ENDING,
    STATUS_IN_FORCE,
    STATUS_NOT_APPLICABLE,
    STATUS_NOT_IN_FORCE,
    STATUS_NOT_YET_IN_FORCE,
    STATUS_PARTLY_ENDING,
    STATUS_PARTLY_IN_FORCE,
    STATUS_PARTLY_SUSPENDED,
    STATUS_SUSPENDED,
    STATUS_UNKNOWN,
    STATUSES,
    Document,
    Edge,
    TextGraph,
)
from graph.status import derive_status, export_statuses
from graph.store import GraphStore
from queries import status
from tests.factories import doc, text_graph

# -- the scenario -------------------------------------------------------------------------------


def loaded(
    number: str,
    *,
    name: str,
    effective: str | None = None,
    issued: str | None = None,
    year: int | None = None,
) -> Document:
    """A document whose text is loaded (``source_path`` set by :func:`text_graph`)."""
    made = doc(number, year=year, name=name, issued_date=issued, source_path=f"{number}.txt")
    return replace(made, effective_date=effective)


def dated(
    text: TextGraph,
    target: Document,
    kind: str,
    *,
    scope: str = SCOPE_WHOLE,
    provisions: Sequence[str] = (),
    effective: str | None = None,
) -> TextGraph:
    """``text`` with its ``kind`` edge to ``target`` given a scope, provisions and a day, as the
    loader reads them from "bãi bỏ khoản 2 Điều 21 … kể từ ngày 28 tháng 01 năm 2022"."""
    text.edges = [
        replace(e, scope=scope, provisions=tuple(provisions), effective_date=effective)
        if (e.target, e.type) == (target.id, kind)
        else e
        for e in text.edges
    ]
    return text


DECREE_15 = loaded(
    "15/2020/NĐ-CP",
    name="Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực bưu chính, viễn thông",
    issued="2020-02-03",
    effective="2020-04-15",
)
DECREE_14 = loaded(
    "14/2022/NĐ-CP",
    name="Nghị định sửa đổi, bổ sung một số điều của Nghị định số 15/2020/NĐ-CP",
    issued="2022-01-27",
    effective="2022-01-28",
)
DECREE_43 = loaded(
    "43/2011/NĐ-CP",
    name="Nghị định quy định về việc cung cấp thông tin và dịch vụ công trực tuyến",
    issued="2011-06-13",
    effective="2011-08-01",
)
DECREE_42 = loaded(
    "42/2022/NĐ-CP",
    name="Nghị định quy định về việc cung cấp thông tin và dịch vụ công trực tuyến",
    issued="2022-06-24",
    effective="2022-08-01",
)
CIRCULAR_22 = loaded(
    "22/2024/TT-BTTTT",
    name="Thông tư quy định về quản lý chất lượng dịch vụ viễn thông",
    issued="2024-12-20",
    effective="2025-02-05",
)
DECISION_20 = loaded(
    "20/2024/QĐ-UBND",
    name="Quyết định ban hành Quy định quản lý hoạt động quảng cáo ngoài trời",
    issued="2024-03-20",
    effective="2024-04-01",
)
SUSPENDING_1234 = loaded(
    "1234/QĐ-TTg",
    year=2024,
    name="Quyết định đình chỉ thi hành Quyết định số 20/2024/QĐ-UBND",
    issued="2024-08-20",
)
REPEALING_30 = loaded(
    "30/2024/QĐ-UBND",
    name="Quyết định bãi bỏ Quyết định số 20/2024/QĐ-UBND",
    issued="2024-08-25",
    effective="2025-03-01",
)
REPORT_436 = loaded(
    "436/BC-UBVHXH15",
    year=2023,
    name="Báo cáo thẩm tra dự án Luật Viễn thông (sửa đổi)",
    issued="2023-05-20",
    effective="2023-05-20",
)
NEWS = Document(
    file_document_id("bao-dich-vu-cong.txt", "news"),
    "news",
    year=2022,
    name="Nghị định 42/2022/NĐ-CP thay thế Nghị định 43/2011/NĐ-CP",
    issued_date="2022-06-30",
    effective_date="2022-06-30",
)

PARTLY_REPEALED = ("khoản 2 Điều 21",)
AMENDED = ("Điều 5",)

DATED_TEXTS: list[TextGraph] = [
    text_graph("nd-15-2020.txt", DECREE_15),
    dated(
        dated(
            text_graph(
                "nd-14-2022.txt", DECREE_14, [("REPEALS", DECREE_15), ("AMENDS", DECREE_15)]
            ),
            DECREE_15,
            "REPEALS",
            scope=SCOPE_PARTIAL,
            provisions=PARTLY_REPEALED,
            effective="2022-01-28",
        ),
        DECREE_15,
        "AMENDS",
        scope=SCOPE_PARTIAL,
        provisions=AMENDED,
        effective="2022-01-28",
    ),
    text_graph("nd-43-2011.txt", DECREE_43),
    dated(
        text_graph("nd-42-2022.txt", DECREE_42, [("REPLACES", DECREE_43)]),
        DECREE_43,
        "REPLACES",
        effective="2022-08-01",
    ),
    text_graph("tt-22-2024.txt", CIRCULAR_22),
    text_graph("qd-20-2024.txt", DECISION_20),
    dated(
        text_graph("qd-1234-2024.txt", SUSPENDING_1234, [("SUSPENDS", DECISION_20)]),
        DECISION_20,
        "SUSPENDS",
        effective="2024-09-01",
    ),
    # The province then repeals the suspended decision, from the day its own text takes effect.
    text_graph("qd-30-2024.txt", REPEALING_30, [("REPEALS", DECISION_20)]),
    text_graph("bc-436.txt", REPORT_436),
    # A press report saying what the decree does asserts the edge too ("third party"): still a
    # press report, with no status of its own.
    text_graph("bao-dich-vu-cong.txt", NEWS, third_party=[(DECREE_42, "REPLACES", DECREE_43)]),
]
TEXTS_IN_STORE = len(DATED_TEXTS)

# -- derive_status, one row per condition ------------------------------------------------------

DAY = dt.date(2024, 6, 1)


def edge(kind: str, source: Document, target: Document) -> Edge:
    """An edge as a text asserts it, without scope, provisions or day."""
    return Edge(source.id, target.id, kind, f"{source.label} {kind.lower()} {target.label}.")


def effect(kind: str, source: Document, target: Document, **fields: object) -> Edge:
    """An edge with what the loader read of its effect: scope, provisions, day."""
    return replace(edge(kind, source, target), **fields)  # type: ignore[arg-type]


STUB_43 = replace(DECREE_43, source_path=None)
# An acting text whose effective date nobody knows.
UNDATED_91 = loaded(
    "91/2022/NĐ-CP", name="Nghị định về dịch vụ công trực tuyến", issued="2022-06-24"
)
UNKNOWN_TYPE = replace(DECREE_43, doc_type="unknown")
ACTORS = {d.id: d for d in (DECREE_42, UNDATED_91, DECREE_14, SUSPENDING_1234)}

Case = tuple[Document, list[Edge], dt.date, str, str | None, tuple[str, ...], list[str], list[str]]

CASES: dict[str, Case] = {
    # id: (document, incoming, on, label, since, provisions, acts it rests on, explanation bits)
    "news-has-no-status-even-when-replaced": (
        NEWS,
        [effect("REPLACES", DECREE_42, NEWS, effective_date="2022-08-01")],
        DAY,
        STATUS_NOT_APPLICABLE,
        None,
        (),
        [],
        ["Tin báo chí không có hiệu lực pháp lý riêng"],
    ),
    "report-has-no-status": (
        REPORT_436,
        [],
        DAY,
        STATUS_NOT_APPLICABLE,
        None,
        (),
        [],
        ["Báo cáo không có hiệu lực pháp lý riêng"],
    ),
    "whole-replacement-in-effect": (
        DECREE_43,
        [effect("REPLACES", DECREE_42, DECREE_43, effective_date="2022-08-01")],
        DAY,
        STATUS_NOT_IN_FORCE,
        "2022-08-01",
        (),
        [DECREE_42.id],
        ["Đã bị thay thế bởi Nghị định 42/2022/NĐ-CP từ 01/08/2022."],
    ),
    "undated-edge-takes-the-acting-text's-effective-date": (
        DECREE_43,
        [edge("REPLACES", DECREE_42, DECREE_43)],
        dt.date(2022, 7, 1),
        STATUS_ENDING,
        "2022-08-01",
        (),
        [DECREE_42.id],
        ["Sẽ bị thay thế bởi Nghị định 42/2022/NĐ-CP từ 01/08/2022. Có hiệu lực từ 01/08/2011"],
    ),
    "no-day-anywhere-counts-from-issue-and-says-so": (
        DECREE_43,
        [edge("REPLACES", UNDATED_91, DECREE_43)],
        dt.date(2022, 7, 1),
        STATUS_NOT_IN_FORCE,
        None,
        (),
        [UNDATED_91.id],
        ["Đã bị thay thế bởi Nghị định 91/2022/NĐ-CP (chưa rõ từ ngày nào)."],
    ),
    "act-not-yet-issued-says-nothing": (
        DECREE_43,
        [edge("REPLACES", UNDATED_91, DECREE_43)],
        dt.date(2022, 6, 1),
        STATUS_IN_FORCE,
        "2011-08-01",
        (),
        [],
        ["theo 7 văn bản trong kho; không có văn bản nào trong kho thay thế, bãi bỏ"],
    ),
    "replacement-dated-later": (
        DECREE_43,
        [effect("REPLACES", DECREE_42, DECREE_43, effective_date="2022-08-01")],
        dt.date(2022, 7, 31),
        STATUS_ENDING,
        "2022-08-01",
        (),
        [DECREE_42.id],
        ["đến khi đó, theo 7 văn bản trong kho"],
    ),
    "a-stub-is-not-said-to-be-in-force-until-then": (
        STUB_43,
        [effect("REPLACES", DECREE_42, STUB_43, effective_date="2022-08-01")],
        dt.date(2022, 7, 1),
        STATUS_UNKNOWN,
        None,
        (),
        [],
        ["Văn bản chỉ được dẫn chiếu", "Sẽ bị thay thế bởi Nghị định 42/2022/NĐ-CP từ 01/08/2022"],
    ),
    "partial-repeal-names-its-provisions": (
        DECREE_15,
        [effect("REPEALS", DECREE_14, DECREE_15, scope=SCOPE_PARTIAL, provisions=PARTLY_REPEALED)],
        DAY,
        STATUS_PARTLY_IN_FORCE,
        "2022-01-28",
        PARTLY_REPEALED,
        [DECREE_14.id],
        ["Khoản 2 Điều 21 đã bị bãi bỏ bởi Nghị định 14/2022/NĐ-CP từ 28/01/2022."],
    ),
    "provisions-without-a-scope-are-partial": (
        DECREE_15,
        [effect("REPLACES", DECREE_14, DECREE_15, provisions=("Phụ lục II",))],
        DAY,
        STATUS_PARTLY_IN_FORCE,
        "2022-01-28",
        ("Phụ lục II",),
        [DECREE_14.id],
        ["Phụ lục II đã bị thay thế bởi"],
    ),
    "partial-scope-without-provisions": (
        DECREE_15,
        [effect("REPEALS", DECREE_14, DECREE_15, scope=SCOPE_PARTIAL)],
        DAY,
        STATUS_PARTLY_IN_FORCE,
        "2022-01-28",
        (),
        [DECREE_14.id],
        ["Một phần đã bị bãi bỏ bởi Nghị định 14/2022/NĐ-CP"],
    ),
    "whole-replacement-beats-partial-repeal": (
        DECREE_43,
        [
            effect("REPEALS", DECREE_14, DECREE_43, scope=SCOPE_PARTIAL, provisions=("Điều 9",)),
            effect("REPLACES", DECREE_42, DECREE_43, scope=SCOPE_WHOLE),
        ],
        DAY,
        STATUS_NOT_IN_FORCE,
        "2022-08-01",
        (),
        [DECREE_42.id],
        ["Đã bị thay thế bởi Nghị định 42/2022/NĐ-CP", "Điều 9 đã bị bãi bỏ bởi"],
    ),
    "what-has-ended-beats-what-will": (
        DECREE_15,
        [
            effect("REPEALS", DECREE_14, DECREE_15, scope=SCOPE_PARTIAL, provisions=("Điều 9",)),
            effect("REPLACES", DECREE_42, DECREE_15, effective_date="2030-01-01"),
        ],
        DAY,
        STATUS_PARTLY_IN_FORCE,
        "2022-01-28",
        ("Điều 9",),
        [DECREE_14.id],
        ["Sẽ bị thay thế bởi Nghị định 42/2022/NĐ-CP từ 01/01/2030"],
    ),
    "partial-repeal-dated-later": (
        DECREE_15,
        [effect("REPEALS", DECREE_14, DECREE_15, provisions=("Điều 9",))],
        dt.date(2022, 1, 27),
        STATUS_PARTLY_ENDING,
        "2022-01-28",
        ("Điều 9",),
        [DECREE_14.id],
        ["Điều 9 sẽ bị bãi bỏ bởi Nghị định 14/2022/NĐ-CP từ 28/01/2022"],
    ),
    "suspended": (
        DECISION_20,
        [effect("SUSPENDS", SUSPENDING_1234, DECISION_20, effective_date="2024-09-01")],
        dt.date(2024, 9, 1),
        STATUS_SUSPENDED,
        "2024-09-01",
        (),
        [SUSPENDING_1234.id],
        ["Đã bị đình chỉ thi hành bởi Quyết định 1234/QĐ-TTg (2024) từ 01/09/2024."],
    ),
    "partly-suspended": (
        DECISION_20,
        [
            effect(
                "SUSPENDS",
                SUSPENDING_1234,
                DECISION_20,
                provisions=("Điều 3",),
                effective_date="2024-09-01",
            )
        ],
        dt.date(2024, 10, 1),
        STATUS_PARTLY_SUSPENDED,
        "2024-09-01",
        ("Điều 3",),
        [SUSPENDING_1234.id],
        ["Điều 3 đã bị đình chỉ thi hành bởi"],
    ),
    "amendment-never-ends-force": (
        DECREE_15,
        [effect("AMENDS", DECREE_14, DECREE_15, scope=SCOPE_WHOLE)],
        DAY,
        STATUS_IN_FORCE,
        "2020-04-15",
        (),
        [],
        ["Đã được sửa đổi, bổ sung bởi Nghị định 14/2022/NĐ-CP từ 28/01/2022."],
    ),
    "correction-never-ends-force": (
        DECREE_15,
        [effect("CORRECTS", DECREE_14, DECREE_15)],
        DAY,
        STATUS_IN_FORCE,
        "2020-04-15",
        (),
        [],
        ["Đã được đính chính bởi Nghị định 14/2022/NĐ-CP"],
    ),
    "own-effective-date-later": (
        CIRCULAR_22,
        [],
        dt.date(2025, 2, 4),
        STATUS_NOT_YET_IN_FORCE,
        "2025-02-05",
        (),
        [],
        ["Có hiệu lực từ 05/02/2025."],
    ),
    "not-yet-in-force-beats-a-partial-repeal": (
        CIRCULAR_22,
        [effect("REPEALS", DECREE_14, CIRCULAR_22, provisions=("Điều 2",))],
        dt.date(2025, 1, 1),
        STATUS_NOT_YET_IN_FORCE,
        "2025-02-05",
        (),
        [],
        ["Có hiệu lực từ 05/02/2025. Điều 2 đã bị bãi bỏ"],
    ),
    "whole-repeal-beats-not-yet-in-force": (
        CIRCULAR_22,
        [effect("REPEALS", DECREE_42, CIRCULAR_22, effective_date="2025-01-01")],
        dt.date(2025, 1, 1),
        STATUS_NOT_IN_FORCE,
        "2025-01-01",
        (),
        [DECREE_42.id],
        ["Đã bị bãi bỏ bởi"],
    ),
    "an-act-the-store-knows-nothing-about-acts-at-once": (
        DECREE_43,
        [edge("REPEALS", Document("vn:99/2011/ND-CP"), DECREE_43)],
        DAY,
        STATUS_NOT_IN_FORCE,
        None,
        (),
        ["vn:99/2011/ND-CP"],
        ["Đã bị bãi bỏ bởi vn:99/2011/ND-CP (chưa rõ từ ngày nào)."],
    ),
    "partial-repeals-on-two-days-count-from-the-first": (
        DECREE_15,
        [
            effect("REPEALS", DECREE_42, DECREE_15, provisions=("Điều 7",)),
            effect("REPEALS", DECREE_14, DECREE_15, provisions=("Điều 9", "Điều 10")),
        ],
        DAY,
        STATUS_PARTLY_IN_FORCE,
        "2022-01-28",
        ("Điều 9", "Điều 10", "Điều 7"),
        [DECREE_14.id, DECREE_42.id],
        ["Điều 9, Điều 10 đã bị bãi bỏ bởi Nghị định 14/2022/NĐ-CP từ 28/01/2022."],
    ),
    "no-effective-date-issued-later": (
        SUSPENDING_1234,
        [],
        dt.date(2024, 8, 19),
        STATUS_NOT_YET_IN_FORCE,
        None,
        (),
        [],
        ["Ban hành ngày 20/08/2024, sau ngày 19/08/2024."],
    ),
    "no-effective-date-is-never-a-guess": (
        SUSPENDING_1234,
        [],
        dt.date(2024, 10, 1),
        STATUS_UNKNOWN,
        None,
        (),
        [],
        ["Chưa biết ngày có hiệu lực của văn bản (ban hành ngày 20/08/2024)."],
    ),
    "a-bare-year-is-no-effective-date": (
        replace(DECREE_43, effective_date="2011"),
        [],
        DAY,
        STATUS_UNKNOWN,
        None,
        (),
        [],
        ["Chưa biết ngày có hiệu lực"],
    ),
    "stub": (
        STUB_43,
        [],
        DAY,
        STATUS_UNKNOWN,
        None,
        (),
        [],
        ["Văn bản chỉ được dẫn chiếu, nội dung chưa được nạp vào kho."],
    ),
    "unknown-type": (
        UNKNOWN_TYPE,
        [],
        DAY,
        STATUS_UNKNOWN,
        None,
        (),
        [],
        ["Chưa xác định được loại văn bản."],
    ),
    "in-force": (
        DECREE_43,
        [edge("CITES", DECREE_42, DECREE_43), edge("BASED_ON", DECREE_14, DECREE_43)],
        DAY,
        STATUS_IN_FORCE,
        "2011-08-01",
        (),
        [],
        [
            "Có hiệu lực từ 01/08/2011, theo 7 văn bản trong kho; không có văn bản nào trong kho"
            " thay thế, bãi bỏ."
        ],
    ),
    "a-text-does-not-replace-itself": (
        DECREE_43,
        [edge("REPLACES", DECREE_43, DECREE_43)],
        DAY,
        STATUS_IN_FORCE,
        "2011-08-01",
        (),
        [],
        ["không có văn bản nào trong kho thay thế"],
    ),
}


@pytest.mark.parametrize(("case"), CASES.values(), ids=CASES.keys())
def test_derive_status(case: Case) -> None:
    document, incoming, on, label, since, provisions, rests_on, bits = case
    derived = derive_status(document, incoming, on, acting=ACTORS, loaded=7)
    assert (derived.label, derived.since, derived.provisions) == (label, since, provisions)
    assert [e.source for e in derived.rests_on] == rests_on
    assert derived.on == on.isoformat()
    for bit in bits:
        assert bit in derived.explanation
    assert "\n" not in derived.explanation  # one line, in the CLI as in the app


def test_every_label_has_a_case() -> None:
    assert {case[3] for case in CASES.values()} == set(STATUSES)


@pytest.mark.parametrize(
    ("incoming", "headline"),
    [
        ([effect("REPLACES", DECREE_42, DECREE_43, effective_date="2022-08-01")], STATUS_ENDING),
        ([effect("REPEALS", DECREE_42, DECREE_43, provisions=("Điều 2",))], STATUS_PARTLY_ENDING),
    ],
)
def test_headline_gives_the_day_of_what_is_coming(incoming: list[Edge], headline: str) -> None:
    derived = derive_status(DECREE_43, incoming, dt.date(2022, 7, 1), acting=ACTORS)
    assert derived.headline == f"{headline} từ 01/08/2022"
    ended = derive_status(DECREE_43, incoming, dt.date(2022, 8, 1), acting=ACTORS)
    assert ended.headline == ended.label  # what has happened needs no "từ"


def test_the_same_act_reported_twice_is_one_effect() -> None:
    # Nghị định 42/2022/NĐ-CP's own text and a press report both say it replaces 43/2011.
    told = effect("REPLACES", DECREE_42, DECREE_43, origin="nd-42.txt")
    derived = derive_status(DECREE_43, [told, replace(told, origin="bao.txt")], DAY, acting=ACTORS)
    assert len(derived.effects) == 1
    assert derived.explanation.count("Nghị định 42/2022/NĐ-CP") == 1


def test_effects_are_listed_oldest_first_undated_last() -> None:
    incoming = [
        edge("CORRECTS", UNDATED_91, DECREE_15),
        effect("AMENDS", DECREE_14, DECREE_15, effective_date="2023-01-01"),
        effect("REPEALS", DECREE_14, DECREE_15, provisions=("Điều 9",)),
    ]
    derived = derive_status(DECREE_15, incoming, DAY, acting=ACTORS)
    assert [(e.edge.type, e.day) for e in derived.effects] == [
        ("REPEALS", "2022-01-28"),
        ("AMENDS", "2023-01-01"),
        ("CORRECTS", None),
    ]


def test_the_day_defaults_to_today() -> None:
    assert derive_status(DECREE_43, []).on == dt.date.today().isoformat()


def test_without_a_count_of_texts_it_still_says_what_it_rests_on() -> None:
    assert "theo các văn bản trong kho" in derive_status(DECREE_43, [], DAY).explanation


# -- the DocType table: adding a type is one row there and one row here -----------------------

# code: (a số hiệu of that type, or None when the type has no symbol of its own; the status of
# such a text, loaded, in effect since 2020, with nothing in the store against it)
TYPE_CASES: dict[str, tuple[str | None, str]] = {
    "constitution": (None, STATUS_IN_FORCE),
    "code": (None, STATUS_IN_FORCE),
    "law": ("24/2023/QH15", STATUS_IN_FORCE),
    "ordinance": ("26/2005/PL-UBTVQH11", STATUS_IN_FORCE),
    "resolution": ("18-NQ/TW", STATUS_IN_FORCE),
    "decree": ("43/2011/NĐ-CP", STATUS_IN_FORCE),
    "decision": ("749/QĐ-TTg", STATUS_IN_FORCE),
    "directive": ("01/CT-BTTTT", STATUS_IN_FORCE),
    "circular": ("22/2024/TT-BTTTT", STATUS_IN_FORCE),
    "joint_circular": ("01/2016/TTLT-BTC-BLĐTBXH", STATUS_IN_FORCE),
    "order": ("05/L-CTN", STATUS_IN_FORCE),
    "plan": ("252/KH-BCĐQG1237", STATUS_IN_FORCE),
    "conclusion": ("34-KL/TW", STATUS_IN_FORCE),
    "regulation": (None, STATUS_IN_FORCE),
    "official_letter": ("152/CV-TCTW", STATUS_NOT_APPLICABLE),
    "announcement": ("349/TB-VPCP", STATUS_NOT_APPLICABLE),
    "program": ("01/CTr-UBND", STATUS_IN_FORCE),
    "strategy": (None, STATUS_IN_FORCE),
    "scheme": (None, STATUS_IN_FORCE),
    "master_plan": (None, STATUS_IN_FORCE),
    "report": ("436/BC-UBVHXH15", STATUS_NOT_APPLICABLE),
    "guidance": ("05-HD/TW", STATUS_IN_FORCE),
    "consolidated_text": ("01/VBHN-BTTTT", STATUS_NOT_APPLICABLE),
    "news": (None, STATUS_NOT_APPLICABLE),
    "unknown": (None, STATUS_UNKNOWN),
}


def test_every_type_has_a_row_and_a_test_row() -> None:
    assert [row.code for row in DOC_TYPE_TABLE] == list(DOC_TYPES)
    assert set(TYPE_CASES) == set(DOC_TYPES)


@pytest.mark.parametrize("code", TYPE_CASES)
def test_type_symbol_and_status(code: str) -> None:
    number, expected = TYPE_CASES[code]
    if number is not None:
        assert doc_type_from_number(number) == code
    text = Document(f"t:{code}", code, source_path=f"{code}.txt", effective_date="2020-01-01")
    assert derive_status(text, [], DAY).label == expected


def test_type_code_comes_before_the_issuer_code() -> None:
    # "123/QĐ-CT": a decision of Cục Thuế (CT), not a directive; "15/KH-CT" its plan.
    assert doc_type_from_number("123/QĐ-CT") == "decision"
    assert doc_type_from_number("15/KH-CT") == "plan"


@pytest.mark.parametrize("row", DOC_TYPE_TABLE, ids=lambda row: row.code)
def test_type_rows_are_complete(row: graph.model.DocType) -> None:
    assert row.name and row.colour.startswith("#") and len(row.colour) == len("#rrggbb")


# -- exports ------------------------------------------------------------------------------------


def test_export_statuses_count_loaded_texts_and_name_acts() -> None:
    nodes = [DECREE_43, DECREE_42, Document("vn:99/2099/ND-CP")]
    edges = [effect("REPLACES", DECREE_42, DECREE_43, effective_date="2022-08-01")]
    fields = export_statuses(nodes, edges, DAY)
    assert fields[DECREE_43.id] == {
        "status": STATUS_NOT_IN_FORCE,
        "status_on": "2024-06-01",
        "status_since": "2022-08-01",
        "status_explanation": "Đã bị thay thế bởi Nghị định 42/2022/NĐ-CP từ 01/08/2022.",
    }
    assert "theo 2 văn bản trong kho" in fields[DECREE_42.id]["status_explanation"]
    assert fields["vn:99/2099/ND-CP"]["status"] == STATUS_UNKNOWN


def test_docstring_examples() -> None:
    for module in (graph.status, graph.model, graph.identity):
        assert doctest.testmod(module).failed == 0, module.__name__


# -- the scenario on every store ----------------------------------------------------------------


@pytest.fixture
def store(fresh_store: GraphStore) -> GraphStore:
    """:data:`DATED_TEXTS` on each backend (``fresh_store`` of tests/conftest.py)."""
    for text in DATED_TEXTS:
        fresh_store.write_text(text)
    return fresh_store


SCENARIO: list[tuple[Document, str, str, tuple[str, ...], str]] = [
    # (document, day, headline, provisions, a piece of the explanation)
    (DECREE_43, "1/6/2022", STATUS_IN_FORCE, (), f"theo {TEXTS_IN_STORE} văn bản trong kho"),
    (DECREE_43, "1/7/2022", "Sắp hết hiệu lực từ 01/08/2022", (), "Sẽ bị thay thế bởi Nghị"),
    (DECREE_43, "1/8/2022", STATUS_NOT_IN_FORCE, (), "Đã bị thay thế bởi Nghị định 42/2022/NĐ-CP"),
    (DECREE_15, "27/1/2022", "Sắp hết hiệu lực một phần từ 28/01/2022", PARTLY_REPEALED, "sẽ bị"),
    (
        DECREE_15,
        "2022-02-01",
        STATUS_PARTLY_IN_FORCE,
        PARTLY_REPEALED,
        "Khoản 2 Điều 21 đã bị bãi bỏ bởi Nghị định 14/2022/NĐ-CP từ 28/01/2022. Điều 5 đã được "
        "sửa đổi, bổ sung bởi Nghị định 14/2022/NĐ-CP từ 28/01/2022.",
    ),
    (CIRCULAR_22, "1/1/2025", STATUS_NOT_YET_IN_FORCE, (), "Có hiệu lực từ 05/02/2025"),
    (CIRCULAR_22, "5/2/2025", STATUS_IN_FORCE, (), "Có hiệu lực từ 05/02/2025, theo"),
    (DECISION_20, "24/8/2024", STATUS_IN_FORCE, (), "Sẽ bị đình chỉ thi hành bởi Quyết định"),
    (DECISION_20, "31/8/2024", "Sắp hết hiệu lực từ 01/03/2025", (), "Sẽ bị đình chỉ thi hành"),
    # Suspended now beats repealed later.
    (DECISION_20, "1/9/2024", STATUS_SUSPENDED, (), "Sẽ bị bãi bỏ bởi Quyết định 30/2024/QĐ-UBND"),
    (DECISION_20, "1/3/2025", STATUS_NOT_IN_FORCE, (), "Đã bị bãi bỏ bởi Quyết định 30/2024"),
    (REPORT_436, "1/1/2025", STATUS_NOT_APPLICABLE, (), "Báo cáo không có hiệu lực pháp lý"),
    (NEWS, "1/1/2025", STATUS_NOT_APPLICABLE, (), "Tin báo chí không có hiệu lực pháp lý"),
]


@pytest.mark.parametrize(("document", "on", "headline", "provisions", "said"), SCENARIO)
def test_status_on_a_day(
    store: GraphStore,
    document: Document,
    on: str,
    headline: str,
    provisions: tuple[str, ...],
    said: str,
) -> None:
    derived = status(store, document.id, on=on).derived
    assert (derived.headline, derived.provisions) == (headline, provisions)
    assert said in derived.explanation


def test_export_writes_the_status_as_of_the_export_day(store: GraphStore) -> None:
    today = dt.date.today().isoformat()
    nodes = {n["id"]: n for n in store.export()["nodes"] if n["kind"] == "Document"}
    assert {n["status_on"] for n in nodes.values()} == {today}
    for document in (DECREE_43, DECREE_15, NEWS, REPORT_436, CIRCULAR_22):
        derived = status(store, document.id).derived
        assert nodes[document.id]["status"] == derived.label
        assert nodes[document.id]["status_explanation"] == derived.explanation
    # Every press report and report in the store, whatever its edges: no legal status.
    for node in nodes.values():
        if node["doc_type"] in ("news", "report"):
            assert node["status"] == STATUS_NOT_APPLICABLE
