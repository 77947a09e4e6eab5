"""The explorer's building blocks, without a page: escaping, the graph view, search filters,
uploads, exports and where the store is. The pages themselves: test_app_pages.py (AppTest) and
test_browser.py (Chromium)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from graph.embedded import EmbeddedStore
from graph.model import DOC_TYPE_TABLE, STATUS_IN_FORCE, STATUSES, Document, Edge
from graph.status import derive_status
from queries import Subgraph
from queries.tasks import Dependency
from views.document import BANNERS, effect_rows
from views.export import store_csv_zip, to_csv_zip, to_graphml_bytes, to_json_bytes
from views.load import FAILED, LOADED, UNCHANGED, load_upload
from views.markup import Mark, document_href, highlight, plain_markdown
from views.network import (
    DEFAULT_COLOUR,
    MAX_NODES,
    MAX_SIZE,
    MIN_SIZE,
    TYPE_COLOURS,
    graph_view,
    node_size,
)
from views.search import Filters, apply
from views.tasks import SOON_FLAG, STALE_FLAG, dependency_line

ROOT = Path(__file__).resolve().parents[1]
SEED_000 = ROOT / "samples" / "000_35021ff682a48c90.txt"

# -- escaping: texts come from the web ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "marks", "present", "absent"),
    [
        # A page that copied a script into the law's text shows it, runs nothing.
        (
            "Căn cứ Luật Viễn thông<script>alert('x')</script>;",
            [Mark(7, 22, "Văn bản căn cứ: Luật Viễn thông (2023)", "document?id=a")],
            ["&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", ">Luật Viễn thông</a>"],
            ["<script>"],
        ),
        # Markup inside the cited words themselves is escaped inside the link.
        (
            'Thực hiện Nghị quyết <img src=x onerror="alert(1)"> số 01/NQ-CP',
            [Mark(10, 51, "Văn bản được triển khai thực hiện", "document?id=b")],
            ["&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"],
            ["<img"],
        ),
        # A title attribute cannot be broken out of.
        (
            "Theo Quyết định 749/QĐ-TTg",
            [Mark(5, 26, 'x" onmouseover="alert(1)', "document?id=c")],
            ['title="x&quot; onmouseover=&quot;alert(1)"'],
            ['" onmouseover="'],
        ),
        # An href built from an id with quotes stays one attribute.
        (
            "Căn cứ Hiến pháp",
            [Mark(7, 16, "Hiến pháp", document_href("document", 'x"><script>'))],
            ['href="document?id=x%22%3E%3Cscript%3E"'],
            ["<script>"],
        ),
        # Overlapping and out-of-range marks are skipped, never garbling the text.
        (
            "Căn cứ Nghị định 43/2011/NĐ-CP",
            [Mark(7, 30, "a", "?id=a"), Mark(17, 30, "b", "?id=b"), Mark(25, 99, "c", "?id=c")],
            ['title="a"'],
            ['title="b"', 'title="c"'],
        ),
        # A mention the loader could not pin down is highlighted, not linked.
        (
            "theo Nghị quyết số 01/NQ-CP",
            [Mark(5, 27, "Cần kiểm tra: năm không rõ", None, "mention")],
            ['<mark class="mention" title="Cần kiểm tra: năm không rõ">'],
            ["<a "],
        ),
    ],
)
def test_highlight_escapes_every_piece_of_text(
    text: str, marks: list[Mark], present: list[str], absent: list[str]
) -> None:
    out = highlight(text, marks)
    for piece in present:
        assert piece in out
    for piece in absent:
        assert piece not in out


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Nghị định 43/2011/NĐ-CP", "Nghị định 43/2011/NĐ\\-CP"),
        ("Chương trình *trọng điểm* [xem](javascript:alert(1))", "Chương trình \\*trọng điểm\\*"),
        ("Nghị quyết 18-NQ/TW", "Nghị quyết 18\\-NQ/TW"),
    ],
)
def test_plain_markdown_makes_labels_literal(label: str, expected: str) -> None:
    assert plain_markdown(label).startswith(expected)
    assert "](" not in plain_markdown(label)


# -- the graph view -----------------------------------------------------------------------------


def star(n: int, centre: str = "vn:01/CT-BTTTT@2024") -> Subgraph:
    """A directive citing ``n`` decisions, each cited by one plan two hops away."""
    docs = [Document(centre, "directive", "01/CT-BTTTT", 2024)]
    edges = []
    distance = {centre: 0}
    for i in range(n):
        decision = f"vn:{i}/QD-TTG@2020"
        docs.append(Document(decision, "decision", f"{i}/QĐ-TTg", 2020))
        edges.append(Edge(centre, decision, "IMPLEMENTS", "Triển khai thực hiện Quyết định"))
        distance[decision] = 1
    for i in range(n):
        plan = f"vn:{i}/KH-UBND@2021"
        docs.append(Document(plan, "plan", f"{i}/KH-UBND", 2021))
        edges.append(Edge(plan, f"vn:{i}/QD-TTG@2020", "IMPLEMENTS"))
        distance[plan] = 2
    return Subgraph(centre, tuple(docs), tuple(edges), distance)


def test_small_neighbourhood_is_drawn_whole() -> None:
    view = graph_view(star(5), {})
    assert (view.shown_nodes, view.dropped, len(view.elements["edges"])) == (11, 0, 10)
    assert set(view.types) == {"directive", "plan", "decision"}


def test_large_neighbourhood_is_capped_nearest_first() -> None:
    sub = star(300)  # 601 documents
    most_cited = "vn:7/KH-UBND@2021"
    view = graph_view(sub, {most_cited: 50})
    kept = {n["data"]["id"] for n in view.elements["nodes"]}
    assert view.shown_nodes == MAX_NODES and view.dropped == 601 - MAX_NODES
    assert sub.center in kept
    assert all(f"vn:{i}/QD-TTG@2020" in kept for i in range(300))  # one hop before two
    assert most_cited in kept  # then the most cited
    assert all(
        e["data"]["source"] in kept and e["data"]["target"] in kept for e in view.elements["edges"]
    )


def test_type_filter_keeps_the_centre_and_what_is_reached_through_the_types_kept() -> None:
    # The plans are reached only through the decisions: a walk entering no decision finds none.
    view = graph_view(star(3), {}, doc_types=["plan"])
    assert [n["data"]["label"] for n in view.elements["nodes"]] == ["Chỉ thị 01/CT-BTTTT (2024)"]
    assert view.elements["edges"] == []
    view = graph_view(star(3), {}, doc_types=["decision"])
    assert (view.shown_nodes, view.shown_edges) == (4, 3)
    assert set(view.types) == {"directive", "plan", "decision"}  # what the filter offers


@pytest.mark.parametrize(
    ("in_degree", "biggest", "expected"),
    [(0, 0, MIN_SIZE), (0, 40, MIN_SIZE), (40, 40, MAX_SIZE), (10, 40, (MIN_SIZE + MAX_SIZE) / 2)],
)
def test_node_size_grows_with_citations(in_degree: int, biggest: int, expected: float) -> None:
    assert node_size(in_degree, biggest) == pytest.approx(expected)


def test_type_colours_come_from_the_type_table() -> None:
    assert {row.code: row.colour for row in DOC_TYPE_TABLE} == TYPE_COLOURS
    assert (
        graph_view(star(1), {}).elements["nodes"][0]["data"]["colour"] == TYPE_COLOURS["directive"]
    )
    assert TYPE_COLOURS["unknown"] == DEFAULT_COLOUR


# -- status on the pages ------------------------------------------------------------------------


def test_every_status_has_a_banner_and_only_in_force_is_green() -> None:
    assert set(BANNERS) == set(STATUSES)
    assert [s for s, (element, _) in BANNERS.items() if element == "success"] == [STATUS_IN_FORCE]


DECREE = Document(
    "vn:43/2011/ND-CP",
    "decree",
    "43/2011/NĐ-CP",
    2011,
    effective_date="2011-08-01",
    source_path="nd-43.txt",
)
# A title copied from the web with markdown in it: shown as typed, never as a link.
HOSTILE_ACT = Document(
    "vn:42/2022/ND-CP",
    "decree",
    "42/2022/NĐ-CP [x](javascript:alert(1))",
    2022,
    effective_date="2022-08-01",
)
REPLACED = Edge(HOSTILE_ACT.id, DECREE.id, "REPLACES", effective_date="2022-08-01")
PARTLY = Edge(HOSTILE_ACT.id, DECREE.id, "REPEALS", provisions=("khoản 2 Điều 21",))


@pytest.mark.parametrize(
    ("edges", "on", "flag", "absent"),
    [
        ([REPLACED], dt.date(2022, 8, 1), STALE_FLAG, SOON_FLAG),
        ([PARTLY], dt.date(2022, 8, 1), STALE_FLAG, SOON_FLAG),
        ([REPLACED], dt.date(2022, 7, 1), SOON_FLAG, STALE_FLAG),
    ],
)
def test_dependency_line_flags_and_escapes(
    edges: list[Edge], on: dt.date, flag: str, absent: str
) -> None:
    derived = derive_status(DECREE, edges, on, acting={HOSTILE_ACT.id: HOSTILE_ACT})
    line = dependency_line(Dependency(DECREE, derived, 1, ()), {})
    assert flag in line and absent not in line
    assert "](" not in line and "\\[x\\]" in line  # the act's label, escaped


def test_in_force_dependency_is_not_flagged() -> None:
    derived = derive_status(DECREE, [], dt.date(2020, 1, 1))
    line = dependency_line(Dependency(DECREE, derived, 2, ()), {})
    assert line == "    - Nghị định 43/2011/NĐ\\-CP — Còn hiệu lực"


def test_effect_rows_say_which_provisions_by_which_act_from_when() -> None:
    derived = derive_status(
        DECREE, [PARTLY, REPLACED], dt.date(2022, 7, 1), acting={HOSTILE_ACT.id: HOSTILE_ACT}
    )
    assert [tuple(r.values()) for r in effect_rows(derived.effects)] == [
        # Same day: the stronger act first (REPLACES before REPEALS, as the Lược đồ orders them).
        ("Toàn bộ văn bản", "Bị thay thế", HOSTILE_ACT.label, "01/08/2022", "Chưa đến ngày"),
        ("khoản 2 Điều 21", "Bị bãi bỏ", HOSTILE_ACT.label, "01/08/2022", "Chưa đến ngày"),
    ]


# -- search filters -----------------------------------------------------------------------------

DOCS = [
    Document(
        "vn:01/CT-BTTTT@2024",
        "directive",
        "01/CT-BTTTT",
        2024,
        issuer="Bộ Thông tin và Truyền thông",
        source_path="a.txt",
    ),
    Document("vn:749/QD-TTG@2020", "decision", "749/QĐ-TTg", 2020, issuer="Thủ tướng Chính phủ"),
    Document("vn:01/NQ-CP@2024", "resolution", "01/NQ-CP", 2024, issuer="Chính phủ"),
]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["vn:01/CT-BTTTT@2024", "vn:749/QD-TTG@2020", "vn:01/NQ-CP@2024"]),
        (Filters(types=("decision",)), ["vn:749/QD-TTG@2020"]),
        (Filters(issuers=("Chính phủ",)), ["vn:01/NQ-CP@2024"]),
        (Filters(years=(2021, 2025)), ["vn:01/CT-BTTTT@2024", "vn:01/NQ-CP@2024"]),
        (Filters(loaded_only=True), ["vn:01/CT-BTTTT@2024"]),
        (
            Filters(types=("directive", "resolution"), years=(2024, 2024)),
            ["vn:01/CT-BTTTT@2024", "vn:01/NQ-CP@2024"],
        ),
    ],
)
def test_filters(filters: Filters, expected: list[str]) -> None:
    assert [d.id for d in apply(DOCS, filters)] == expected


# -- uploads ------------------------------------------------------------------------------------

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"


@pytest.mark.parametrize(
    ("name", "data", "result", "detail"),
    [
        ("000.txt", SEED_000.read_bytes(), LOADED, "quan hệ"),
        ("000.docx", (FORMATS / "word_000.docx").read_bytes(), LOADED, "quan hệ"),
        ("000.html", (FORMATS / "html_tvpl_000.html").read_bytes(), LOADED, "quan hệ"),
        ("trong.txt", b"", FAILED, "Tệp không có nội dung văn bản"),
        ("scan.txt", b"%PDF-1.7\n\x00\x00\x01binary", FAILED, "Tệp bị hỏng"),
        ("bang.xlsx", b"PK\x03\x04", FAILED, "Không phải định dạng văn bản"),
        ("kin.docx", (FORMATS / "word_encrypted.docx").read_bytes(), FAILED, "mật khẩu"),
    ],
)
def test_upload_outcomes(tmp_path: Path, name: str, data: bytes, result: str, detail: str) -> None:
    with EmbeddedStore(tmp_path / "store") as store:
        outcome = load_upload(store, name, data)
        assert (outcome.file, outcome.result) == (name, result)
        assert detail in outcome.detail
        if result == LOADED:
            assert outcome.doc_id == "vn:01/CT-BTTTT@2024"
            assert load_upload(store, name, data).result == UNCHANGED


def test_upload_gives_the_same_graph_as_the_loader(tmp_path: Path) -> None:
    from loader import load_text

    with EmbeddedStore(tmp_path / "a") as uploaded, EmbeddedStore(tmp_path / "b") as loaded:
        load_upload(uploaded, SEED_000.name, SEED_000.read_bytes())
        load_text(loaded, SEED_000)
        key = lambda e: (e.source, e.target, e.type, e.evidence)  # noqa: E731
        assert sorted(map(key, uploaded.edges())) == sorted(map(key, loaded.edges()))


# -- exports ------------------------------------------------------------------------------------


def test_exports_read_back(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store") as store:
        load_upload(store, SEED_000.name, SEED_000.read_bytes())
        data = store.export()
    assert len(json.loads(to_json_bytes(data))["edges"]) == len(data["edges"])
    graph = nx.read_graphml(io.BytesIO(to_graphml_bytes(data)))
    assert graph.number_of_edges() == len(data["edges"])
    with zipfile.ZipFile(io.BytesIO(to_csv_zip(data))) as archive:
        assert sorted(archive.namelist()) == [
            "agencies.csv",
            "documents.csv",
            "relationships.csv",
            "tasks.csv",
        ]
        rows = archive.read("relationships.csv").decode("utf-8").splitlines()
    assert rows[0].startswith(":START_ID,:END_ID,:TYPE")
    with EmbeddedStore(tmp_path / "store") as store:
        whole = store_csv_zip(store)  # the whole store: an import of it is a store to update
    with zipfile.ZipFile(io.BytesIO(whole)) as archive:
        assert {"texts.csv", "mentions.csv", "aliases.csv"} <= set(archive.namelist())
        texts = archive.read("texts.csv").decode("utf-8")
    assert SEED_000.name in texts and texts.count("\n") > 2  # content keeps its line breaks
    assert len(rows) == len(data["edges"]) + 1
