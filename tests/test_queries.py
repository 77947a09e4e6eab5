"""Named queries, answered from a small graph built on every store backend, and their CLI.

The graph: a supersession chain Nghị định 43/2011 ← 42/2022 ← 10/2025 (each REPLACES the one
before, from the day the newer takes effect), an amendment of 42/2022 and one of 10/2025, a
repealed circular, two directives
01/CT-BTTTT (2024 and 2025) citing decisions and each other, a law cited by name, an alias
("Chương trình Chuyển đổi số quốc gia" → 749/QĐ-TTg) and a loaded decision that nothing links.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.model import (
    STATUS_IN_FORCE,
    STATUS_NOT_IN_FORCE,
    STATUS_UNKNOWN,
    Document,
)
from graph.store import GraphStore
from queries import (
    REGISTRY,
    AmbiguousDocument,
    Citation,
    InvalidArgument,
    UnknownDocument,
    UnknownRelation,
    cited_by,
    cites,
    find,
    most_cited,
    neighbourhood,
    path,
    resolve,
    status,
    supersession_chain,
)
from queries.__main__ import build_parser, main
from queries.render import RENDERERS
from tests.factories import doc, named, text_graph

ROOT = Path(__file__).resolve().parents[1]

# Each decree's effective date ("Nghị định này có hiệu lực thi hành kể từ ngày 01 tháng 8 năm
# 2022") dates the replacement it makes.
DECREE_43 = replace(
    doc(
        "43/2011/NĐ-CP", name="Nghị định về cung cấp thông tin trực tuyến", issued_date="2011-06-13"
    ),
    effective_date="2011-08-01",
)
DECREE_42 = replace(
    doc(
        "42/2022/NĐ-CP",
        name="Nghị định về cung cấp thông tin và dịch vụ công trực tuyến",
        issued_date="2022-06-24",
    ),
    effective_date="2022-08-01",
)
DECREE_10 = replace(
    doc("10/2025/NĐ-CP", name="Nghị định về dịch vụ công trực tuyến", issued_date="2025-01-10"),
    effective_date="2025-03-01",
)
AMENDING_13 = doc(
    "13/2023/NĐ-CP", name="Nghị định sửa đổi Nghị định 42/2022/NĐ-CP", issued_date="2023-04-17"
)
AMENDING_20 = doc(
    "20/2025/NĐ-CP", name="Nghị định sửa đổi Nghị định 10/2025/NĐ-CP", issued_date="2025-05-02"
)
CIRCULAR_05 = doc("05/2024/TT-BTTTT", name="Thông tư về báo cáo thống kê", issued_date="2024-03-01")
CIRCULAR_12 = doc("12/2015/TT-BTTTT")
DECISION_749 = doc("749/QĐ-TTg", year=2020)
RESOLUTION_18 = doc("18-NQ/TW", year=2017)
DIRECTIVE_19 = doc("19/CT-TTg", year=2023)
# A decision approving a strategy: its label says "Chiến lược 411/QĐ-TTg", people type "quyết định".
STRATEGY_411 = doc("411/QĐ-TTg", year=2022, doc_type="strategy")
TELECOM_LAW = named("law", "Luật Viễn thông", 2023)
DIRECTIVE_2024 = doc(
    "01/CT-BTTTT",
    year=2024,
    name="Chỉ thị về định hướng phát triển năm 2024",
    issued_date="2024-01-20",
)
DIRECTIVE_2025 = doc(
    "01/CT-BTTTT",
    year=2025,
    name="Chỉ thị về định hướng phát triển năm 2025",
    issued_date="2025-01-15",
)
LONELY = replace(
    doc("5/QĐ-UBND", year=2024, name="Quyết định về lịch tiếp công dân", issued_date="2024-02-01"),
    effective_date="2024-02-01",
)
PROGRAMME = "Chương trình Chuyển đổi số quốc gia"

TEXTS = [
    text_graph("nd-43-2011.txt", DECREE_43),
    text_graph("nd-42-2022.txt", DECREE_42, [("REPLACES", DECREE_43)]),
    text_graph("nd-10-2025.txt", DECREE_10, [("REPLACES", DECREE_42)]),
    text_graph("nd-13-2023.txt", AMENDING_13, [("AMENDS", DECREE_42)]),
    text_graph("nd-20-2025.txt", AMENDING_20, [("AMENDS", DECREE_10)]),
    text_graph("tt-05-2024.txt", CIRCULAR_05, [("REPEALS", CIRCULAR_12)]),
    text_graph(
        "ct-01-2024.txt",
        DIRECTIVE_2024,
        [
            ("BASED_ON", DECISION_749),
            ("IMPLEMENTS", RESOLUTION_18),
            ("CITES", DECREE_42),
            ("CITES", DIRECTIVE_19),
        ],
        aliases=[(PROGRAMME, DECISION_749)],
    ),
    text_graph(
        "ct-01-2025.txt",
        DIRECTIVE_2025,
        [
            ("BASED_ON", TELECOM_LAW),
            ("IMPLEMENTS", STRATEGY_411),
            ("CITES", DECISION_749),
            ("CITES", DIRECTIVE_2024),
        ],
    ),
    text_graph("qd-5-2024.txt", LONELY),
]


@pytest.fixture
def store(fresh_store: GraphStore) -> GraphStore:
    """The graph above, on each backend (``fresh_store`` of tests/conftest.py)."""
    for text in TEXTS:
        fresh_store.write_text(text)
    return fresh_store


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    """An embedded store on disk, for the CLI."""
    directory = tmp_path / "cli-graph"
    with EmbeddedStore(directory) as opened:
        for text in TEXTS:
            opened.write_text(text)
    return directory


def ids(documents: list[Document] | tuple[Document, ...]) -> list[str]:
    return [d.id for d in documents]


# -- find ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("vn:43/2011/ND-CP", [DECREE_43]),  # the id itself
        ("43/2011/NĐ-CP", [DECREE_43]),
        ("Nghị định số 43/2011/nd-cp", [DECREE_43]),  # type word, lower case, no diacritics
        ("749/QD-TTg", [DECISION_749]),  # "QĐ" typed without its bar
        ("19/CT-TTG", [DIRECTIVE_19]),  # "TTg" in capitals, as web copies write it
        ("01/CT-BTTTT", [DIRECTIVE_2024, DIRECTIVE_2025]),  # numbers restart every year
        ("01/CT-BTTTT 2024", [DIRECTIVE_2024]),
        ("Chỉ thị 01/CT-BTTTT năm 2025", [DIRECTIVE_2025]),
        ("luat vien thong", [TELECOM_LAW]),  # words of a name, folded
        ("chương trình chuyển đổi số quốc gia", [DECISION_749]),  # an alias learnt from a text
        ("quyet dinh 749", [DECISION_749]),  # words of the label
        ("quyet dinh 411", [STRATEGY_411]),  # the type its number implies
        ("Chiến lược 2021-2030", []),  # a period, not a số hiệu
        ("02/CT-BTTTT 2024", []),
        ("   ", []),
    ],
)
def test_find(store: GraphStore, typed: str, expected: list[Document]) -> None:
    assert ids(find(store, typed)) == ids(expected)


def test_resolve_refuses_an_ambiguous_or_unknown_name(store: GraphStore) -> None:
    assert resolve(store, "01/CT-BTTTT năm 2024") == DIRECTIVE_2024.id
    with pytest.raises(AmbiguousDocument, match="2024.*2025"):
        resolve(store, "01/CT-BTTTT")
    with pytest.raises(UnknownDocument):
        resolve(store, "Nghị định 99/2099/NĐ-CP")


# -- cites / cited_by --------------------------------------------------------------------------


def test_cites_groups_by_relation_strongest_first(store: GraphStore) -> None:
    groups = cites(store, DIRECTIVE_2024.id)
    assert list(groups) == ["BASED_ON", "IMPLEMENTS", "CITES"]
    assert ids([c.document for c in groups["CITES"]]) == [DIRECTIVE_19.id, DECREE_42.id]
    based_on = groups["BASED_ON"][0]
    assert based_on.document.id == DECISION_749.id
    assert "749/QĐ-TTg" in based_on.edge.evidence


@pytest.mark.parametrize(
    ("function", "doc_id", "relations", "expected"),
    [
        (cites, DIRECTIVE_2024.id, ["based_on"], {"BASED_ON": [DECISION_749.id]}),
        (cites, DECREE_42.id, None, {"REPLACES": [DECREE_43.id]}),
        (cites, LONELY.id, None, {}),
        (
            cited_by,
            DECREE_42.id,
            None,
            {"REPLACES": [DECREE_10.id], "AMENDS": [AMENDING_13.id], "CITES": [DIRECTIVE_2024.id]},
        ),
        (
            cited_by,
            DECISION_749.id,
            None,
            {"BASED_ON": [DIRECTIVE_2024.id], "CITES": [DIRECTIVE_2025.id]},
        ),
        (
            cited_by,
            DECREE_42.id,
            ["REPLACES", "AMENDS"],
            {"REPLACES": [DECREE_10.id], "AMENDS": [AMENDING_13.id]},
        ),
    ],
)
def test_cites_and_cited_by(
    store: GraphStore,
    function: Callable[..., dict[str, list[Citation]]],
    doc_id: str,
    relations: list[str] | None,
    expected: dict[str, list[str]],
) -> None:
    groups = function(store, doc_id, relations)
    assert {k: [c.document.id for c in v] for k, v in groups.items()} == expected
    assert all(c.edge.evidence for rows in groups.values() for c in rows)


def test_unknown_document_and_relation_are_refused(store: GraphStore) -> None:
    with pytest.raises(UnknownDocument):
        cites(store, "vn:99/2099/ND-CP")
    with pytest.raises(UnknownRelation):
        cited_by(store, DECREE_42.id, ["SUPERSEDES"])


# -- most_cited --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "relations", "expected"),
    [
        (2, None, [(DECREE_42.id, 3), (DECISION_749.id, 2)]),
        # Ties broken by id, so every store lists them alike.
        (10, ["REPLACES"], [(DECREE_42.id, 1), (DECREE_43.id, 1)]),
        (0, None, []),
    ],
)
def test_most_cited(
    store: GraphStore, limit: int, relations: list[str] | None, expected: list[tuple[str, int]]
) -> None:
    rows = most_cited(store, limit=limit, relations=relations)
    assert [(r.document.id, r.count) for r in rows] == expected


# -- status ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "on", "headline", "superseded_by", "amended_by"),
    [
        (DECREE_43, "2024-01-01", STATUS_NOT_IN_FORCE, [DECREE_42.id], []),
        (DECREE_43, "1/8/2011", STATUS_IN_FORCE, [], []),  # 42/2022 not yet written
        (DECREE_42, "1/6/2024", STATUS_IN_FORCE, [], [AMENDING_13.id]),  # amended, in force
        (DECREE_42, "1/2/2025", "Sắp hết hiệu lực từ 01/03/2025", [DECREE_10.id], [AMENDING_13.id]),
        (DECREE_42, "1/3/2025", STATUS_NOT_IN_FORCE, [DECREE_10.id], [AMENDING_13.id]),
        (DECREE_10, "1/6/2025", STATUS_IN_FORCE, [], [AMENDING_20.id]),
        (CIRCULAR_12, "1/6/2025", STATUS_NOT_IN_FORCE, [CIRCULAR_05.id], []),  # never loaded
        (DECISION_749, "1/6/2025", STATUS_UNKNOWN, [], []),  # a stub nobody's text describes
        (LONELY, "1/6/2025", STATUS_IN_FORCE, [], []),
        (LONELY, "31/1/2024", "Chưa có hiệu lực", [], []),
    ],
)
def test_status(
    store: GraphStore,
    document: Document,
    on: str,
    headline: str,
    superseded_by: list[str],
    amended_by: list[str],
) -> None:
    report = status(store, document.id, on=on)
    assert report.derived.headline == headline
    assert report.status == report.derived.label
    assert [c.document.id for c in report.superseded_by] == superseded_by
    assert [c.document.id for c in report.amended_by] == amended_by


def test_status_rests_on_the_store(store: GraphStore) -> None:
    derived = status(store, DECREE_10.id, on="2025-06-01").derived
    assert derived.explanation == (
        f"Có hiệu lực từ 01/03/2025, theo {len(TEXTS)} văn bản trong kho; không có văn bản nào"
        " trong kho thay thế, bãi bỏ. Đã được sửa đổi, bổ sung bởi Nghị định 20/2025/NĐ-CP"
        " (chưa rõ từ ngày nào)."
    )
    assert status(store, DECREE_10.id).derived.on == dt.date.today().isoformat()
    with pytest.raises(InvalidArgument, match="không đọc được ngày"):
        status(store, DECREE_10.id, on="6/2025")


# -- supersession_chain ------------------------------------------------------------------------


@pytest.mark.parametrize("member", [DECREE_43, DECREE_42, DECREE_10])
def test_supersession_chain_from_any_member(store: GraphStore, member: Document) -> None:
    chain = supersession_chain(store, member.id)
    assert ids(chain.documents) == [DECREE_43.id, DECREE_42.id, DECREE_10.id]
    assert ids(chain.current) == [DECREE_10.id]
    assert {(e.source, e.target) for e in chain.edges} == {
        (DECREE_42.id, DECREE_43.id),
        (DECREE_10.id, DECREE_42.id),
    }


def test_supersession_chain_of_a_document_outside_any(store: GraphStore) -> None:
    chain = supersession_chain(store, DIRECTIVE_2024.id)
    assert ids(chain.documents) == [DIRECTIVE_2024.id]
    assert chain.edges == ()


def test_supersession_chain_survives_a_cycle(fresh_store: GraphStore) -> None:
    # A mis-read text can claim both "Quyết định 100 thay thế Quyết định 200" and the reverse.
    first = doc("100/QĐ-UBND", year=2019, issued_date="2019-02-01")
    second = doc("200/QĐ-UBND", year=2019, issued_date="2019-05-01")
    fresh_store.write_text(text_graph("qd-100.txt", first, [("REPLACES", second)]))
    fresh_store.write_text(text_graph("qd-200.txt", second, [("REPLACES", first)]))
    chain = supersession_chain(fresh_store, second.id)
    assert ids(chain.documents) == [first.id, second.id]  # by date once the cycle stops order
    assert chain.current == ()


# -- neighbourhood -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("center", "depth", "relations", "direction", "expected"),
    [
        (DIRECTIVE_2024, 0, None, "both", {DIRECTIVE_2024: 0}),
        (
            DIRECTIVE_2024,
            1,
            None,
            "both",
            {
                DIRECTIVE_2024: 0,
                DECISION_749: 1,
                RESOLUTION_18: 1,
                DECREE_42: 1,
                DIRECTIVE_19: 1,
                DIRECTIVE_2025: 1,
            },
        ),
        (
            DIRECTIVE_2024,
            2,
            None,
            "out",
            {
                DIRECTIVE_2024: 0,
                DECISION_749: 1,
                RESOLUTION_18: 1,
                DECREE_42: 1,
                DIRECTIVE_19: 1,
                DECREE_43: 2,
            },
        ),
        (DECREE_43, 5, ["REPLACES"], "in", {DECREE_43: 0, DECREE_42: 1, DECREE_10: 2}),
        (
            DECREE_42,
            1,
            ["AMENDS", "REPLACES"],
            "both",
            {DECREE_42: 0, DECREE_43: 1, DECREE_10: 1, AMENDING_13: 1},
        ),
    ],
)
def test_neighbourhood(
    store: GraphStore,
    center: Document,
    depth: int,
    relations: list[str] | None,
    direction: str,
    expected: dict[Document, int],
) -> None:
    sub = neighbourhood(store, center.id, depth=depth, relations=relations, direction=direction)
    assert sub.distance == {d.id: hops for d, hops in expected.items()}
    assert ids(sub.nodes)[0] == center.id
    assert set(ids(sub.nodes)) == set(sub.distance)
    # Every edge joins two documents of the answer.
    assert all(e.source in sub.distance and e.target in sub.distance for e in sub.edges)


def test_neighbourhood_refuses_bad_arguments(store: GraphStore) -> None:
    with pytest.raises(InvalidArgument):
        neighbourhood(store, DECREE_42.id, depth=-1)
    with pytest.raises(InvalidArgument):
        neighbourhood(store, DECREE_42.id, direction="sideways")


# -- path --------------------------------------------------------------------------------------


def test_path_ignores_direction_and_keeps_evidence(store: GraphStore) -> None:
    hops = path(store, DECREE_43.id, DIRECTIVE_2025.id)
    assert hops is not None
    assert [(h.source.id, h.target.id, h.edge.type, h.forward) for h in hops] == [
        (DECREE_43.id, DECREE_42.id, "REPLACES", False),
        (DECREE_42.id, DIRECTIVE_2024.id, "CITES", False),
        (DIRECTIVE_2024.id, DIRECTIVE_2025.id, "CITES", False),
    ]
    assert "thay thế" in hops[0].edge.evidence


@pytest.mark.parametrize(
    ("source", "target", "relations", "expected_length"),
    [
        (DECREE_43, DECREE_43, None, 0),
        (DECREE_43, DECREE_10, ["REPLACES"], 2),
        (DECREE_43, DIRECTIVE_2025, ["REPLACES"], None),  # only CITES reach the directive
        (DECREE_43, LONELY, None, None),
        (TELECOM_LAW, RESOLUTION_18, None, 3),  # law ← 2025 → 2024 → resolution
    ],
)
def test_path_lengths(
    store: GraphStore,
    source: Document,
    target: Document,
    relations: list[str] | None,
    expected_length: int | None,
) -> None:
    hops = path(store, source.id, target.id, relations)
    assert (None if hops is None else len(hops)) == expected_length


# -- the registry, its documentation and the CLI ---------------------------------------------


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_query_has_a_docstring_and_a_renderer(name: str) -> None:
    entry = REGISTRY[name]
    assert entry.summary and "Parameters" in entry.doc and "Examples" in entry.doc
    assert name in RENDERERS


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_query_is_listed_in_the_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Queries\n(.*?)(?=^## |\Z)", readme, re.S | re.M)
    assert section, "README.md has no '## Queries' section"
    assert f"`{name}`" in section.group(1), f"README's Queries section does not list `{name}`"


def test_help_lists_every_query(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["--help"])
    assert exit_.value.code == 0
    shown = capsys.readouterr().out
    for name, entry in REGISTRY.items():
        assert name in shown and entry.summary[:30] in " ".join(shown.split())


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (
            ["status", "43/2011/ND-CP"],
            ["Hết hiệu lực", "Văn bản thay thế: Nghị định 42/2022/NĐ-CP"],
        ),
        (
            ["cites", "01/CT-BTTTT", "2024"],
            ["Văn bản căn cứ (BASED_ON, 1):", "Quyết định 749/QĐ-TTg (2020)"],
        ),
        (
            ["cited_by", "vn:42/2022/ND-CP", "--relations", "replaces"],
            ["Văn bản thay thế (REPLACES, 1):", "Nghị định 10/2025/NĐ-CP"],
        ),
        (
            ["supersession_chain", "10/2025/NĐ-CP"],
            ["Nghị định 10/2025/NĐ-CP [vn:10/2025/ND-CP] ← cuối chuỗi"],
        ),
        (
            ["status", "42/2022/NĐ-CP", "--on", "1/2/2025"],
            [
                ": Sắp hết hiệu lực từ 01/03/2025",
                "Sẽ bị thay thế bởi Nghị định 10/2025/NĐ-CP từ 01/03/2025.",
                "Tính đến ngày 01/02/2025.",
            ],
        ),
        (
            ["status", "42/2022/NĐ-CP", "--on", "2025-03-01"],
            [": Hết hiệu lực\n", "Đã bị thay thế bởi Nghị định 10/2025/NĐ-CP từ 01/03/2025."],
        ),
        (["path", "43/2011/NĐ-CP", "5/QĐ-UBND"], ["Không có chuỗi quan hệ nào"]),
        (["find", "luat", "vien", "thong"], ["Luật Viễn thông (2023)"]),
        (["most_cited", "--limit", "1"], ["3  Nghị định 42/2022/NĐ-CP"]),
        (
            ["neighbourhood", "42/2022/NĐ-CP", "--relations", "AMENDS"],
            ["[1] Nghị định 13/2023/NĐ-CP", "Văn bản bị sửa đổi, bổ sung (AMENDS)"],
        ),
    ],
)
def test_cli_prints_labels_and_vietnamese_relation_names(
    store_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str], shown: list[str]
) -> None:
    assert main([*argv, "--store", str(store_dir)]) == 0
    out = capsys.readouterr().out
    for fragment in shown:
        assert fragment in out


def test_cli_json(store_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cited_by", "749/QĐ-TTg", "--json", "--store", str(store_dir)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [row["document"]["id"] for row in data["BASED_ON"]] == [DIRECTIVE_2024.id]
    assert data["BASED_ON"][0]["edge"]["type"] == "BASED_ON"
    assert data["BASED_ON"][0]["document"]["label"] == "Chỉ thị 01/CT-BTTTT (2024)"


def test_cli_json_of_a_status(store_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["status", "42/2022/NĐ-CP", "--on", "1/2/2025", "--json", "--store", str(store_dir)]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == data["derived"]["label"] == "Sắp hết hiệu lực"
    assert data["derived"]["headline"] == "Sắp hết hiệu lực từ 01/03/2025"
    assert (data["derived"]["on"], data["derived"]["since"]) == ("2025-02-01", "2025-03-01")
    # Dated effects first; the amendment says no day.
    assert [e["edge"]["source"] for e in data["derived"]["effects"]] == [
        DECREE_10.id,
        AMENDING_13.id,
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["status", "Nghị định 99/2099/NĐ-CP"], "không tìm thấy văn bản"),
        (["status", "43/2011/NĐ-CP", "--on", "13/2025"], "không đọc được ngày '13/2025'"),
        (["cites", "01/CT-BTTTT"], "khớp 2 văn bản"),
        (["cites", "vn:43/2011/ND-CP", "--relations", "SUPERSEDES"], "không có loại quan hệ"),
    ],
)
def test_cli_refuses_with_one_line_and_status_2(
    store_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main([*argv, "--store", str(store_dir)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_cli_refuses_a_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["find", "749/QĐ-TTg", "--store", str(tmp_path / "no-such-store")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("lỗi: không có kho dữ liệu ở") and "python3 -m loader" in err
    assert not (tmp_path / "no-such-store" / "graph.sqlite").exists()
