"""Search as an officer types it, on every store backend: words in any order, with or without
diacritics, partial names and numbers ranked by how well they match, and "Có phải bạn muốn tìm …"
for near misses (queries/search.py).

Two graphs: the samples as the loader stores them (the alias "Chương trình Chuyển đổi số quốc gia"
of 749/QĐ-TTg is learnt from seed 000), and the dev corpus's 22/2013 case built with the factories:
Quyết định 22/2013/QĐ-TTg, cited by three loaded texts whose names mention it, and Nghị định
22/2013/NĐ-CP, cited by one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.model import Document
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from loader import load_paths
from neo4j_server import wipe
from queries import UnknownDocument, find, resolve, suggest
from queries.search import search
from tests.conftest import BACKENDS, NEO4J_DATABASE
from tests.factories import doc, text_graph

ROOT = Path(__file__).resolve().parents[1]

DECISION_749 = "vn:749/QD-TTG@2020"
TELECOM_LAW = "name:law:luat vien thong@2023"
CT01_2024 = "vn:01/CT-BTTTT@2024"
NQ01_2025 = "vn:01/NQ-CP@2025"


@pytest.fixture(scope="module", params=BACKENDS)
def samples(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    """The samples loaded once per backend for this module (the tests only read)."""
    store: EmbeddedStore | Neo4jStore
    if request.param == "embedded":
        store = EmbeddedStore(tmp_path_factory.mktemp("search") / "graph")
    else:
        server = request.getfixturevalue("neo4j_server")
        driver = request.getfixturevalue("neo4j_driver")
        wipe(driver, NEO4J_DATABASE)
        store = Neo4jStore(driver, NEO4J_DATABASE, uri=server.uri, setup=False)
    report = load_paths(store, [ROOT / "samples"], workers=1)
    assert not report.failures
    yield store
    store.close()


def ids(documents: list[Document]) -> list[str]:
    return [d.id for d in documents]


# -- found, first among the results ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # The middle of the programme's name, without diacritics (issue 12).
        ("chuyen doi so quoc gia", DECISION_749),
        ("quoc gia chuyen doi so", DECISION_749),  # the words in another order
        ("CHUYỂN ĐỔI SỐ QUỐC GIA", DECISION_749),
        ("quyet dinh 749", DECISION_749),
        ("749", DECISION_749),  # the start of a số hiệu
        ("luat vien thon", TELECOM_LAW),  # the last word not finished yet
        ("thong vien luat", TELECOM_LAW),
        ("01/ct-btttt 2024", CT01_2024),
        ("nghi quyet 01/NQ-CP 2025", NQ01_2025),
    ],
)
def test_found_first(samples: GraphStore, typed: str, expected: str) -> None:
    assert ids(find(samples, typed))[:1] == [expected]


@pytest.mark.parametrize(
    "typed", ["nghị định 999/2099/NĐ-CP", "luật không có thật", "02/CT-BTTTT 2024"]
)
def test_nothing_found(samples: GraphStore, typed: str) -> None:
    assert find(samples, typed) == []


# -- near misses: "Có phải bạn muốn tìm …" --------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("794/QĐ-TTg", DECISION_749),  # two digits swapped
        ("749/QD-TTh", DECISION_749),  # a letter of the symbol
        ("luat vein thong", TELECOM_LAW),  # a misspelt word
        ("chuong trinh chuyen doi so quoc gai", DECISION_749),  # through the alias learnt
    ],
)
def test_near_miss_is_suggested(samples: GraphStore, typed: str, meant: str) -> None:
    assert find(samples, typed) == []
    assert ids(suggest(samples, typed))[:1] == [meant]
    with pytest.raises(UnknownDocument, match="có phải bạn muốn tìm: .*"):
        resolve(samples, typed)


@pytest.mark.parametrize("typed", ["nghị định 999/2099/NĐ-CP", "411/QĐ-BTC", "xyz", ""])
def test_far_misses_suggest_nothing(samples: GraphStore, typed: str) -> None:
    assert suggest(samples, typed) == []


# -- ranking numbers: the dev corpus's "22/2013" --------------------------------------------------

QD_22 = doc("22/2013/QĐ-TTg")
ND_22 = doc("22/2013/NĐ-CP")
ND_122 = doc("122/2013/NĐ-CP")
TT_98 = doc(
    "98/2013/TT-BTC",
    name="Hướng dẫn việc quản lý nguồn vốn hỗ trợ người có công với cách mạng về nhà ở theo "
    "Quyết định số 22/2013/QĐ-TTg",
)
CV_2428 = doc(
    "2428/BXD-QLN",
    year=2013,
    name="V/v hỗ trợ người có công với cách mạng về nhà ở theo QĐ số 22/2013/QĐ-TTg",
)
QD_3210 = doc(
    "3210/QĐ-UBND",
    year=2014,
    name="Hướng dẫn thực hiện Quyết định số 22/2013/QĐ-TTg ngày 26 tháng 4 năm 2013",
)
TEXTS_22 = [
    text_graph("tt-98-2013.md", TT_98, [("GUIDES", QD_22), ("BASED_ON", ND_122)]),
    text_graph("cv-2428-2013.md", CV_2428, [("IMPLEMENTS", QD_22)]),
    text_graph("qd-3210-2014.md", QD_3210, [("IMPLEMENTS", QD_22), ("CITES", ND_22)]),
]


@pytest.fixture
def store(fresh_store: GraphStore) -> GraphStore:
    for text in TEXTS_22:
        fresh_store.write_text(text)
    return fresh_store


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # Numbers that start with what was typed first, the most cited of them first (three texts
        # cite the decision, one the decree), then the loaded texts that only name it; 122/2013
        # is another number.
        ("22/2013", [QD_22, ND_22, CV_2428, QD_3210, TT_98]),
        # Công văn 2428 writes "QĐ số 22/2013/QĐ-TTg": not the words typed.
        ("quyet dinh 22/2013", [QD_22, QD_3210, TT_98]),
        ("98/2013", [TT_98]),
        ("22/2013/QD-TTg", [QD_22]),  # the whole số hiệu: only it
        ("22/2013/QĐ-TTh", []),
    ],
)
def test_numbers_ranked_by_how_well_they_match(
    store: GraphStore, typed: str, expected: list[Document]
) -> None:
    assert ids(find(store, typed)) == ids(expected)


def test_a_whole_number_is_exact_and_a_start_is_partial(store: GraphStore) -> None:
    assert search(store, "22/2013/QĐ-TTg") == ([store.document(QD_22.id)], [])
    exact, partial = search(store, "22/2013")
    assert exact == [] and ids(partial)[:2] == [QD_22.id, ND_22.id]


def test_a_typo_in_a_long_number_is_suggested(store: GraphStore) -> None:
    assert ids(suggest(store, "22/2031/QĐ-TTh")) == [QD_22.id]
