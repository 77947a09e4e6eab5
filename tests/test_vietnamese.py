"""Vietnamese everywhere a person reads (issue 12, point 5): dates as ``dd/mm/yyyy``, the
Timeline's axis, the uploader, a markdown copy shown as its text, "Có phải bạn muốn tìm …" on the
Search page, the review reasons of ``python -m graph stats`` and the three CLIs' errors.

The pages run in Streamlit's AppTest on stores built by the loader from the samples, a decree that
replaces another (tests/app_texts.py) and a directive saved as markdown, as thuvienphapluat copies
are (its header a table, ``**`` around the headings).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.__main__ import main as graph_main
from graph.embedded import DB_FILENAME, EmbeddedStore
from graph.messages import store_message
from graph.open import open_store
from graph.store import StoreError
from loader import load_paths
from loader.__main__ import main as loader_main
from queries.__main__ import main as queries_main
from tests.app_texts import DECREE_42
from tests.browser import free_port
from views import load, session
from views.dates import AXIS_TICK_FORMATS
from views.markup import plain_markdown

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
CT01_2024 = "vn:01/CT-BTTTT@2024"
ISO_DAY = re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d\b")

# A directive as a thuvienphapluat copy saves it: markdown, its header a table.
MARKDOWN_DIRECTIVE = """\
# Về việc đẩy mạnh chuyển đổi số trong ngành Thông tin và Truyền thông

| BỘ THÔNG TIN VÀ TRUYỀN THÔNG ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - \
Hạnh phúc --------------- |
|---|---|
| Số: 07/CT-BTTTT | Hà Nội, ngày 15 tháng 3 năm 2024 |

**CHỈ THỊ**

**Về việc đẩy mạnh chuyển đổi số trong ngành Thông tin và Truyền thông**

Thực hiện Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt "Chương \
trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030", Bộ trưởng Bộ Thông tin và \
Truyền thông yêu cầu các cơ quan, đơn vị thuộc Bộ thực hiện các nhiệm vụ sau:

1. Cục Tin học hóa chủ trì hướng dẫn các đơn vị triển khai *Chương trình* theo đúng tiến độ.

| **Nơi nhận:** - Như trên; - Lưu: VT. | **BỘ TRƯỞNG** Nguyễn Mạnh Hùng |
|---|---|
"""


def _store(folder: Path, texts: dict[str, str]) -> Path:
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    store_dir = folder / "store"
    with EmbeddedStore(store_dir) as store:
        report = load_paths(store, [folder / name for name in texts], workers=1)
    assert not report.failures
    return store_dir


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store_dir = tmp_path_factory.mktemp("samples") / "store"
    with EmbeddedStore(store_dir) as store:
        load_paths(store, [ROOT / "samples"], workers=1)
    return store_dir


@pytest.fixture(scope="module")
def decree_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _store(tmp_path_factory.mktemp("decree"), {"42_2022_ND-CP.txt": DECREE_42})


@pytest.fixture(scope="module")
def markdown_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _store(tmp_path_factory.mktemp("markdown"), {"ct_07_2024.md": MARKDOWN_DIRECTIVE})


AppFactory = Callable[..., AppTest]


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppFactory:
    """``app(store_dir, page=None, id=None)``: the app run once on that page."""

    def make(store_dir: Path, page: str | None = None, doc_id: str | None = None) -> AppTest:
        monkeypatch.setenv(session.STORE_ENV, str(store_dir))
        monkeypatch.delenv(session.NEO4J_URI_ENV, raising=False)
        at = AppTest.from_file(APP, default_timeout=60).run()
        assert not at.exception
        if page:
            if doc_id:
                at.query_params["id"] = doc_id
            at.switch_page(page).run()
            assert not at.exception, at.exception
        return at

    return make


def everything_shown(at: AppTest) -> str:
    """Every text the page puts in front of the officer (markdown, captions, HTML, tables)."""
    parts = [e.value for e in [*at.markdown, *at.caption, *at.html, *at.info, *at.warning]]
    parts += [str(d.value.to_dict()) for d in at.dataframe]
    return "\n".join(str(p) for p in parts)


# -- dates ----------------------------------------------------------------------------------------


def test_the_document_page_writes_days_as_vietnamese_do(
    app: AppFactory, samples_store: Path
) -> None:
    at = app(samples_store, session.DOCUMENT_PAGE, CT01_2024)
    shown = everything_shown(at)
    assert "<td>Ngày ban hành</td><td>20/01/2024</td>" in shown
    assert not ISO_DAY.findall(shown)


def test_the_search_page_writes_days_as_vietnamese_do(app: AppFactory, samples_store: Path) -> None:
    at = app(samples_store)
    captions = [c.value for c in at.caption]
    assert any("20/01/2024" in c for c in captions)
    assert not ISO_DAY.findall("\n".join(captions))


def test_the_timeline_speaks_vietnamese(app: AppFactory, decree_store: Path) -> None:
    at = app(decree_store, session.TIMELINE_PAGE, "vn:43/2011/ND-CP")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    xaxis = spec["layout"]["xaxis"]
    assert [stop["value"] for stop in xaxis["tickformatstops"]] == [
        stop["value"] for stop in AXIS_TICK_FORMATS
    ]
    # No English month name anywhere: plotly writes "Jul 2019" for %b, and for an unset format.
    assert not re.search(r"%[bBaA]", json.dumps(spec))
    hovered = [day for trace in spec["data"] for day in trace["customdata"]]
    assert hovered == ["13/06/2011", "24/06/2022"]  # the hover box's day, as the list writes it
    milestones = [m.value for m in at.markdown]
    assert plain_markdown(
        "01/08/2022: Nghị định 42/2022/NĐ-CP thay thế Nghị định 43/2011/NĐ-CP"
    ) in (milestones)
    assert not ISO_DAY.findall(everything_shown(at))


@pytest.fixture(scope="module")
def both_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples and the decree that replaces 43/2011/NĐ-CP: issued, effective and replacement
    days on every page."""
    folder = tmp_path_factory.mktemp("both")
    (folder / "42_2022_ND-CP.txt").write_text(DECREE_42, encoding="utf-8")
    store_dir = folder / "store"
    with EmbeddedStore(store_dir) as store:
        load_paths(store, [ROOT / "samples", folder / "42_2022_ND-CP.txt"], workers=1)
    return store_dir


@pytest.mark.parametrize("doc_id", [CT01_2024, "vn:43/2011/ND-CP"])
@pytest.mark.parametrize("page", list(session.URL_PATHS))
def test_no_page_writes_an_iso_day(
    app: AppFactory, both_store: Path, page: str, doc_id: str
) -> None:
    at = app(both_store, page, doc_id)
    shown = everything_shown(at) + "\n".join(e.value for e in [*at.error, *at.success])
    assert not ISO_DAY.findall(shown)


# -- search: "Có phải bạn muốn tìm …" --------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("794/QĐ-TTg", "Quyết định 749/QĐ-TTg (2020)"),  # two digits swapped
        ("luat vein thong", "Luật Viễn thông (2023)"),  # a misspelt word
    ],
)
def test_search_suggests_what_was_meant(
    app: AppFactory, samples_store: Path, typed: str, meant: str
) -> None:
    at = app(samples_store)
    at.text_input(key="search_text").input(typed).run()
    assert [i.value for i in at.info] == ["Không tìm thấy văn bản nào."]
    assert [m.value for m in at.markdown][-1:] == ["Có phải bạn muốn tìm:"]
    assert [link.value for link in at.page_link][-1:] == [plain_markdown(meant)]


def test_search_finds_words_of_a_name_in_its_middle(app: AppFactory, samples_store: Path) -> None:
    at = app(samples_store)
    at.text_input(key="search_text").input("chuyen doi so quoc gia").run()
    assert [link.value for link in at.page_link][:1] == [
        plain_markdown("Quyết định 749/QĐ-TTg (2020)")
    ]
    assert "Có phải bạn muốn tìm:" not in [m.value for m in at.markdown]


def test_nothing_close_suggests_nothing(app: AppFactory, samples_store: Path) -> None:
    at = app(samples_store)
    at.text_input(key="search_text").input("nghị định 999/2099/NĐ-CP").run()
    assert [i.value for i in at.info] == ["Không tìm thấy văn bản nào."]
    assert not at.page_link


# -- the text of a markdown copy, and the uploader ------------------------------------------------


def test_a_markdown_copy_is_shown_as_its_text(app: AppFactory, markdown_store: Path) -> None:
    at = app(markdown_store, session.DOCUMENT_PAGE, "vn:07/CT-BTTTT@2024")
    (text,) = [h.value for h in at.html if 'class="doctext"' in h.value]
    for markup in ("|---|", "| ", " |", "**", "# ", "*Chương"):
        assert markup not in text, markup
    assert 'Số: 07/CT-BTTTT<span class="cell"></span>Hà Nội, ngày 15 tháng 3 năm 2024' in text
    assert "\nCHỈ THỊ\n" in text and "triển khai Chương trình theo đúng tiến độ" in text
    # The citation still lands on its words.
    assert '">Quyết định số 749/QĐ-TTg</a> ngày 03/6/2020' in text


def test_the_uploader_states_the_loaders_limits(app: AppFactory, samples_store: Path) -> None:
    at = app(samples_store, session.LOAD_PAGE)
    (uploader,) = at.get("file_uploader")
    assert uploader.proto.max_upload_size_mb == load.MAX_UPLOAD_MIB == 200
    assert uploader.proto.help == load.size_limits()
    assert uploader.proto.help.startswith("Tối đa mỗi tệp: .txt, .md 20 MB; ")
    assert load.uploader_style() in [h.value for h in at.html]


# -- the command lines --------------------------------------------------------------------------


def test_graph_stats_gives_its_reasons_in_vietnamese(
    samples_store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert graph_main(["stats", "--store", str(samples_store), "--limit", "0"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("cần kiểm tra (tệp, trích dẫn, lý do):")
    listed = lines[start + 1 :]
    assert len(listed) == 2  # the README's "2 ambiguous"
    for line in listed:
        assert "[chưa rõ văn bản nào]" in line and "số hiệu không kèm năm: văn bản không" in line
        assert not re.search(r"\b(?:no|and|of|in|this|text|ambiguous)\b", line.split("»")[1])


def _under_a_file(tmp_path: Path) -> Path:
    (tmp_path / "tep.txt").write_text("x", encoding="utf-8")
    return tmp_path / "tep.txt" / "kho"


def _corrupt(tmp_path: Path) -> Path:
    (tmp_path / DB_FILENAME).write_bytes(b"x" * 4096)
    return tmp_path


def _other_sqlite(tmp_path: Path) -> Path:
    with sqlite3.connect(tmp_path / DB_FILENAME) as conn:
        conn.execute("CREATE TABLE bang (a)")
    return tmp_path


def _newer_version(tmp_path: Path) -> Path:
    EmbeddedStore(tmp_path).close()
    with sqlite3.connect(tmp_path / DB_FILENAME) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'version'")
    return tmp_path


@pytest.mark.parametrize(
    ("make", "create", "expected"),
    [
        (lambda tmp: tmp / "khong-co", False, "không có kho dữ liệu ở {tmp}/khong-co; dựng kho"),
        (_under_a_file, True, "{tmp}/tep.txt/kho: không tạo được thư mục kho: "),
        (_corrupt, False, "{tmp}/graph.sqlite: không phải kho dữ liệu đọc được ("),
        (_other_sqlite, False, "{tmp}/graph.sqlite: là tệp SQLite nhưng không phải kho dữ liệu"),
        (_newer_version, False, "{tmp}/graph.sqlite: kho phiên bản 99, chương trình này đọc"),
        (
            lambda tmp: "http://127.0.0.1:7474",
            False,
            "http://127.0.0.1:7474: không phải kho dữ liệu",
        ),
        (
            lambda tmp: f"bolt://127.0.0.1:{free_port()}",
            False,
            ": không có máy chủ Neo4j nào trả lời (không kết nối được); máy chủ đã chạy chưa?",
        ),
    ],
    ids=["missing", "cannot-create", "corrupt", "other-sqlite", "newer", "http", "closed-port"],
)
def test_store_errors_read_in_vietnamese(
    tmp_path: Path, make: Callable[[Path], Path | str], create: bool, expected: str
) -> None:
    target = make(tmp_path)
    with pytest.raises(StoreError) as raised, open_store(target, create=create):
        pass
    message = store_message(raised.value)
    assert expected.format(tmp=tmp_path) in message, message
    assert not re.search(r"\b(?:cannot|not a|no graph|build one|answers|running)\b", message)


@pytest.mark.parametrize(
    ("cli", "argv", "expected"),
    [
        (graph_main, ["stats", "--store", "{missing}"], "lỗi: không có kho dữ liệu ở {missing}"),
        (queries_main, ["find", "749", "--store", "{missing}"], "lỗi: không có kho dữ liệu ở"),
        (loader_main, ["remove", "x.txt", "--store", "{missing}"], "lỗi: không có kho dữ liệu ở"),
        (
            queries_main,
            ["neighbourhood", "01/CT-BTTTT 2024", "--depth", "9", "--store", "{store}"],
            "lỗi: độ sâu phải từ 0 đến",
        ),
        (
            queries_main,
            ["cites", "01/CT-BTTTT 2024", "--relations", "THAYTHE", "--store", "{store}"],
            "lỗi: không có loại quan hệ 'THAYTHE'; các loại: REPLACES",
        ),
        (
            queries_main,
            ["status", "794/QD-TTg", "--store", "{store}"],
            "lỗi: không tìm thấy văn bản '794/QD-TTg'; có phải bạn muốn tìm: Quyết định 749/QĐ-TTg",
        ),
    ],
    ids=["graph-missing", "queries-missing", "loader-remove-missing", "depth", "relation", "typo"],
)
def test_cli_errors_are_one_vietnamese_line(
    samples_store: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    cli: Callable[[list[str]], int],
    argv: list[str],
    expected: str,
) -> None:
    paths = {"missing": str(tmp_path / "khong-co"), "store": str(samples_store)}
    assert cli([a.format(**paths) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(expected.format(**paths)) and err.count("\n") == 1, err
    assert not (tmp_path / "khong-co").exists()


@pytest.fixture(autouse=True)
def _no_neo4j_uri(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # The Neo4j suite's server named in the environment would be opened instead of the store.
    monkeypatch.delenv("NEO4J_URI", raising=False)
    yield
