"""Every page of the explorer run by Streamlit's AppTest on stores built from real texts: the
samples, and a decree that replaces another (the supersession the samples lack); the status on a
day on the dated scenario of tests/test_status.py (its effects carry days and provisions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedStore
from loader import errors, load_paths
from tests.app_texts import DECREE_42, DIRECTIVE_TASKS, HOSTILE
from tests.test_status import DATED_TEXTS, DECREE_15, DECREE_43, NEWS, TEXTS_IN_STORE
from views import load, session
from views.graph import CLICKED, VIEW
from views.markup import plain_markdown

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")

CT01_2024 = "vn:01/CT-BTTTT@2024"


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store_dir = tmp_path_factory.mktemp("samples") / "store"
    with EmbeddedStore(store_dir) as store:
        load_paths(store, [ROOT / "samples"])
    return store_dir


@pytest.fixture(scope="module")
def decree_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    texts = tmp_path_factory.mktemp("decree")
    (texts / "42_2022_ND-CP.txt").write_text(DECREE_42, encoding="utf-8")
    store_dir = texts / "store"
    with EmbeddedStore(store_dir) as store:
        load_paths(store, [texts / "42_2022_ND-CP.txt"])
    return store_dir


AppFactory = Callable[..., AppTest]


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppFactory:
    """``app(store_dir, page=None, id=None)``: the app run once on that page."""

    def make(store_dir: Path, page: str | None = None, doc_id: str | None = None) -> AppTest:
        monkeypatch.setenv(session.STORE_ENV, str(store_dir))
        # A Neo4j server named in the environment (the Neo4j suite's) would win over the store.
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


def banner(headline: str, explanation: str) -> str:
    """A status banner as the Document page writes it: the headline over the explanation."""
    return f"**{plain_markdown(headline)}**  \n{plain_markdown(explanation)}"


def links(at: AppTest) -> list[str]:
    return [link.value for link in at.page_link]


def html(at: AppTest) -> str:
    return "\n".join(h.value for h in at.html)


# -- Search -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("quyet dinh 749", "Quyết định 749/QĐ-TTg (2020)"),
        ("QUYẾT ĐỊNH 749", "Quyết định 749/QĐ-TTg (2020)"),
        ("01/ct-btttt 2024", "Chỉ thị 01/CT-BTTTT (2024)"),
        ("luat vien thong", "Luật Viễn thông (2023)"),
        ("nghi quyet 01/NQ-CP 2025", "Nghị quyết 01/NQ-CP (2025)"),
    ],
)
def test_search_ignores_case_and_diacritics(
    app: AppFactory, samples_store: Path, typed: str, first: str
) -> None:
    at = app(samples_store)
    at.text_input(key="search_text").input(typed).run()
    assert links(at)[0] == plain_markdown(first)


def test_search_lists_loaded_texts_when_empty_and_says_when_nothing_matches(
    app: AppFactory, samples_store: Path
) -> None:
    at = app(samples_store)
    assert plain_markdown("Chỉ thị 01/CT-BTTTT (2025)") in links(at)
    assert len(links(at)) == 5  # the five seeds, no stubs
    at.text_input(key="search_text").input("nghị định 999/2099/NĐ-CP").run()
    assert [i.value for i in at.info] == ["Không tìm thấy văn bản nào."]


@pytest.mark.parametrize(
    ("widget", "value", "expected"),
    [
        ("f_type", ["news"], ["Tin báo chí (2023)", "Định hướng phát triển ngành Thông tin"]),
        ("f_issuer", ["Bộ Thông tin và Truyền thông"], ["Chỉ thị 01/CT-BTTTT (2024)"]),
        ("f_year", (2024, 2025), ["Chỉ thị 01/CT-BTTTT (2024)", "Chỉ thị 01/CT-BTTTT (2025)"]),
    ],
)
def test_search_filters(
    app: AppFactory, samples_store: Path, widget: str, value: Any, expected: list[str]
) -> None:
    at = app(samples_store)
    if widget == "f_year":
        at.select_slider(key=widget).set_range(*value).run()
    else:
        at.multiselect(key=widget).set_value(value).run()
    shown = links(at)
    for label in expected:
        assert any(link.startswith(plain_markdown(label)) for link in shown), (label, shown)
    if widget == "f_type":
        assert len(shown) == 2


# -- Document -----------------------------------------------------------------------------------


def test_document_deep_link_shows_metadata_status_and_luoc_do(
    app: AppFactory, samples_store: Path
) -> None:
    at = app(samples_store, session.DOCUMENT_PAGE, CT01_2024)
    assert at.title[0].value == plain_markdown("Chỉ thị 01/CT-BTTTT (2024)")
    # In force, and on what that rests: its own effective date and the five texts of the store.
    assert [s.value for s in at.success] == [
        banner(
            "Còn hiệu lực",
            "Có hiệu lực từ 20/01/2024, theo 5 văn bản trong kho; không có văn bản nào trong kho "
            "thay thế, bãi bỏ.",
        )
    ]
    body = html(at)
    assert "Bộ Thông tin và Truyền thông" in body and "20/01/2024" in body
    boxes = [m.value for m in at.markdown]
    assert "**Văn bản được triển khai thực hiện** (3)" in boxes
    assert "**Văn bản được dẫn chiếu** (4)" in boxes
    assert plain_markdown("Nghị quyết 01/NQ-CP (2024)") in links(at)
    # The evidence sentence of the edge, and the citation in the text linked to its document.
    assert "Nghị quyết số 01/NQ-CP" in body
    assert '<a class="citation" href="document?id=vn%3A01%2FNQ-CP%402024"' in body
    assert at.session_state[session.SELECTED] == CT01_2024


def test_cited_only_document_says_its_status_is_unknown(
    app: AppFactory, samples_store: Path
) -> None:
    at = app(samples_store, session.DOCUMENT_PAGE, "vn:749/QD-TTG@2020")
    assert at.info[0].value.startswith(banner("Chưa rõ", "Văn bản chỉ được dẫn chiếu"))
    assert "**Văn bản triển khai thực hiện** (2)" in [m.value for m in at.markdown]


def test_press_report_has_no_legal_status(app: AppFactory, samples_store: Path) -> None:
    at = app(samples_store, session.DOCUMENT_PAGE, "file:news:004_3510211049161906.txt")
    assert at.info[0].value.startswith(banner("Không áp dụng", "Tin báo chí không có hiệu lực"))
    assert not at.success


def test_replaced_decree_names_its_successor(app: AppFactory, decree_store: Path) -> None:
    at = app(decree_store, session.DOCUMENT_PAGE, "vn:43/2011/ND-CP")
    # The day is the loader's to read ("có hiệu lực thi hành kể từ ngày 01 tháng 8 năm 2022").
    assert at.error[0].value.startswith(
        banner("Hết hiệu lực", "Đã bị thay thế bởi Nghị định 42/2022/NĐ-CP")
    )
    assert plain_markdown("Xem văn bản thay thế: Nghị định 42/2022/NĐ-CP") in links(at)
    assert "**Văn bản thay thế** (1)" in [m.value for m in at.markdown]


@pytest.fixture(scope="module")
def dated_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store_dir = tmp_path_factory.mktemp("dated") / "store"
    with EmbeddedStore(store_dir) as store:
        for text in DATED_TEXTS:
            store.write_text(text)
    return store_dir


@pytest.mark.parametrize(
    ("day", "element", "shown", "acts"),
    [
        # Nghị định 42/2022/NĐ-CP is not written yet: the page lists no act.
        (
            dt.date(2022, 6, 1),
            "success",
            banner(
                "Còn hiệu lực",
                f"Có hiệu lực từ 01/08/2011, theo {TEXTS_IN_STORE} văn bản trong kho; không có văn "
                "bản nào trong kho thay thế, bãi bỏ.",
            ),
            0,
        ),
        (
            dt.date(2022, 7, 1),
            "warning",
            banner(
                "Sắp hết hiệu lực từ 01/08/2022",
                "Sẽ bị thay thế bởi Nghị định 42/2022/NĐ-CP từ 01/08/2022. Có hiệu lực từ "
                f"01/08/2011 đến khi đó, theo {TEXTS_IN_STORE} văn bản trong kho.",
            ),
            1,
        ),
        (
            dt.date(2022, 8, 1),
            "error",
            banner("Hết hiệu lực", "Đã bị thay thế bởi Nghị định 42/2022/NĐ-CP từ 01/08/2022."),
            1,
        ),
    ],
)
def test_document_status_on_the_day_picked(
    app: AppFactory, dated_store: Path, day: dt.date, element: str, shown: str, acts: int
) -> None:
    at = app(dated_store, session.DOCUMENT_PAGE, DECREE_43.id)
    at.date_input(key="d_on").set_value(day).run()
    assert not at.exception
    assert [e.value for e in getattr(at, element)] == [shown]
    tables = [d.value for d in at.dataframe]
    assert [list(t["Văn bản"]) for t in tables] == [["Nghị định 42/2022/NĐ-CP"]] * acts
    assert [list(t["Từ ngày"]) for t in tables] == [["01/08/2022"]] * acts


def test_partly_repealed_decree_lists_provisions_acts_and_days(
    app: AppFactory, dated_store: Path
) -> None:
    at = app(dated_store, session.DOCUMENT_PAGE, DECREE_15.id)
    assert at.warning[0].value.startswith(
        banner(
            "Hết hiệu lực một phần",
            "Khoản 2 Điều 21 đã bị bãi bỏ bởi Nghị định 14/2022/NĐ-CP từ 28/01/2022.",
        )
    )
    table = at.dataframe[0].value
    assert [tuple(row) for row in table.itertuples(index=False)] == [
        ("khoản 2 Điều 21", "Bị bãi bỏ", "Nghị định 14/2022/NĐ-CP", "28/01/2022", "Đã có hiệu lực"),
        (
            "Điều 5",
            "Được sửa đổi, bổ sung",
            "Nghị định 14/2022/NĐ-CP",
            "28/01/2022",
            "Đã có hiệu lực",
        ),
    ]
    assert plain_markdown("Xem văn bản bãi bỏ: Nghị định 14/2022/NĐ-CP") in links(at)


def test_press_report_in_a_dated_store_has_no_status(app: AppFactory, dated_store: Path) -> None:
    at = app(dated_store, session.DOCUMENT_PAGE, NEWS.id)
    assert at.info[0].value.startswith(f"**{plain_markdown('Không áp dụng')}**")


@pytest.mark.parametrize(
    ("typed", "title", "warning"),
    [
        ("quyet dinh 749", "Quyết định 749/QĐ-TTg (2020)", None),
        ("01/CT-BTTTT 2025", "Chỉ thị 01/CT-BTTTT (2025)", None),
        ("01/CT-BTTTT", None, "khớp 3 văn bản"),  # 2020 (cited), 2024, 2025
        ("thông tư 99/2099/TT-BTC", None, "không tìm thấy"),
    ],
)
def test_document_picker(
    app: AppFactory, samples_store: Path, typed: str, title: str | None, warning: str | None
) -> None:
    at = app(samples_store, session.DOCUMENT_PAGE)
    assert at.info[0].value.startswith("Chưa chọn văn bản")
    at.text_input(key="doc_picker").input(typed).run()
    if title:
        assert at.title[0].value == plain_markdown(title)
        assert at.query_params["id"]
    if warning:
        assert warning in at.warning[0].value


def test_unknown_id_in_a_link_is_reported(app: AppFactory, samples_store: Path) -> None:
    at = app(samples_store, session.DOCUMENT_PAGE, "vn:1/ND-CP@1990")
    assert at.warning[0].value == plain_markdown("Kho dữ liệu không có văn bản 'vn:1/ND-CP@1990'.")


# -- Graph --------------------------------------------------------------------------------------


def graph_summary(at: AppTest) -> str:
    return next(c.value for c in at.caption if "quan hệ" in c.value and "văn bản ·" in c.value)


def test_graph_takes_the_document_from_the_session(app: AppFactory, samples_store: Path) -> None:
    at = app(samples_store)
    at.session_state[session.SELECTED] = CT01_2024
    at.switch_page(session.GRAPH_PAGE).run()
    assert not at.exception
    assert at.markdown[0].value == "Tâm: **" + plain_markdown("Chỉ thị 01/CT-BTTTT (2024)") + "**"
    assert graph_summary(at) == "8 văn bản · 7 quan hệ"
    assert at.session_state[VIEW]["id"] == CT01_2024
    assert at.query_params["id"] == CT01_2024  # the URL now names it: shareable


@pytest.mark.parametrize(
    ("widget", "value", "summary"),
    [
        ("g_depth", 2, "10 văn bản · 10 quan hệ"),
        ("g_direction", "in", "1 văn bản · 0 quan hệ"),
        ("g_relations", ["IMPLEMENTS"], "4 văn bản · 3 quan hệ"),
        ("g_types", ["resolution"], "4 văn bản · 3 quan hệ"),
    ],
)
def test_graph_filters(
    app: AppFactory, samples_store: Path, widget: str, value: Any, summary: str
) -> None:
    at = app(samples_store, session.GRAPH_PAGE, CT01_2024)
    if widget in ("g_depth", "g_direction"):
        at.selectbox(key=widget).set_value(value).run()
    else:
        at.multiselect(key=widget).set_value(value).run()
    assert graph_summary(at) == summary


def test_clicked_node_is_shown_with_links(app: AppFactory, samples_store: Path) -> None:
    at = app(samples_store, session.GRAPH_PAGE, CT01_2024)
    assert any(c.value.startswith("Bấm vào một nút để xem văn bản") for c in at.caption)
    at.session_state[CLICKED] = "vn:01/NQ-CP@2024"
    at.run()
    assert "**" + plain_markdown("Nghị quyết 01/NQ-CP (2024)") + "**" in [
        m.value for m in at.markdown
    ]
    assert {"Mở trang văn bản", "Đặt làm tâm đồ thị"} <= set(links(at))


# -- Tasks --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tasks_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    texts = tmp_path_factory.mktemp("tasks")
    (texts / "42_2022_ND-CP.txt").write_text(DECREE_42, encoding="utf-8")
    (texts / "07_CT-BTTTT.txt").write_text(DIRECTIVE_TASKS, encoding="utf-8")
    store_dir = texts / "store"
    with EmbeddedStore(store_dir) as store:
        load_paths(store, [texts])
    return store_dir


DIRECTIVE_07 = "vn:07/CT-BTTTT@2024"


def test_task_resting_on_a_replaced_decree_is_flagged(app: AppFactory, tasks_store: Path) -> None:
    at = app(tasks_store, session.TASKS_PAGE, DIRECTIVE_07)
    assert not at.exception
    assert next(c.value for c in at.caption if "nhiệm vụ" in c.value) == "2 / 2 nhiệm vụ"
    # the page opens on the stale task of the directive, the stale basis first, in red
    assert at.error[0].value == (
        "**⚠ Căn cứ không còn nguyên hiệu lực: Nghị định 43/2011/NĐ\\-CP** (nêu trực tiếp)  \n"
        "Đã bị thay thế bởi Nghị định 42/2022/NĐ\\-CP từ 01/08/2022\\."
    )
    assert plain_markdown("Thay bằng: Nghị định 42/2022/NĐ-CP thay thế, từ 01/08/2022") in links(at)
    assert ":red[**Hết hiệu lực**] · nêu trực tiếp · ban hành ngày 13/06/2011" in [
        m.value for m in at.markdown
    ]


@pytest.mark.parametrize(
    ("widget", "value", "shown"),
    [
        ("t_agency", ["Trung tâm Thông tin"], "1 / 2 nhiệm vụ"),
        # "hoàn thành trong Quý II/2024" ends on 30 June, as "trước ngày 30/6/2024" does.
        ("t_deadline", "30/6/2024", "2 / 2 nhiệm vụ"),
        ("t_deadline", "5/2024", "0 / 2 nhiệm vụ"),
        ("t_field", ["chuyển đổi số"], "2 / 2 nhiệm vụ"),
    ],
)
def test_task_filters(
    app: AppFactory, tasks_store: Path, widget: str, value: Any, shown: str
) -> None:
    at = app(tasks_store, session.TASKS_PAGE, DIRECTIVE_07)
    if widget == "t_deadline":
        at.text_input(key=widget).input(value).run()
    else:
        at.multiselect(key=widget).set_value(value).run()
    assert next(c.value for c in at.caption if "nhiệm vụ" in c.value) == shown


def test_unreadable_deadline_is_explained(app: AppFactory, tasks_store: Path) -> None:
    at = app(tasks_store, session.TASKS_PAGE, DIRECTIVE_07)
    at.text_input(key="t_deadline").input("cuối quý").run()
    assert at.warning[0].value.startswith("không đọc được ngày 'cuối quý'")


def test_impact_of_a_document_lists_the_tasks_resting_on_it(
    app: AppFactory, tasks_store: Path
) -> None:
    at = app(tasks_store, session.TASKS_PAGE, "vn:43/2011/ND-CP")
    assert any(m.value.startswith("**1 nhiệm vụ** dựa trên Nghị định 43/2011") for m in at.markdown)
    assert any("Cục Chuyển đổi số quốc gia chủ trì" in m.value for m in at.markdown)
    assert at.info[0].value.startswith("Văn bản này không giao nhiệm vụ nào")


# -- Timeline -----------------------------------------------------------------------------------


def test_timeline_of_a_replaced_decree(app: AppFactory, decree_store: Path) -> None:
    at = app(decree_store, session.TIMELINE_PAGE, "vn:43/2011/ND-CP")
    assert at.get("plotly_chart")
    events = [m.value for m in at.markdown]
    assert (
        # The day the replacement takes effect ("có hiệu lực thi hành kể từ ngày 01 tháng 8 năm
        # 2022"), not the day the decree was signed (24/6/2022).
        plain_markdown("01/08/2022: Nghị định 42/2022/NĐ-CP thay thế Nghị định 43/2011/NĐ-CP")
        in events
    )
    assert "Nghị định 42/2022/NĐ\\-CP" in at.caption[0].value  # the one in force


def test_timeline_without_changes_says_so(app: AppFactory, samples_store: Path) -> None:
    at = app(samples_store, session.TIMELINE_PAGE, CT01_2024)
    assert at.info[0].value.startswith("Không có văn bản nào thay thế")


# -- Load and Export ----------------------------------------------------------------------------


def test_upload_then_read_the_text_escaped(app: AppFactory, tmp_path: Path) -> None:
    EmbeddedStore(tmp_path / "store").close()  # an empty store (a missing one is refused)
    at = app(tmp_path / "store", session.LOAD_PAGE)
    at.file_uploader(key="uploads").set_value(
        [
            ("05_CT-BTTTT.txt", HOSTILE.encode("utf-8"), "text/plain"),
            ("trong.txt", b"", "text/plain"),
        ]
    )
    at.button[0].click().run()
    assert not at.exception
    assert at.warning[0].value == "1 tệp nạp được, 1 tệp lỗi."
    table = at.dataframe[0].value
    assert list(table["Kết quả"]) == ["Đã nạp", "Lỗi"]
    assert table["Chi tiết"][1] == "Tệp không có nội dung văn bản"
    doc_id = table["Mở"][0].split("id=")[1]
    at.query_params["id"] = doc_id.replace("%3A", ":").replace("%2F", "/").replace("%40", "@")
    at.switch_page(session.DOCUMENT_PAGE).run()
    body = html(at)
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "<script>" not in body and "<img" not in body


def test_upload_of_a_loaded_text_changes_nothing(app: AppFactory, samples_store: Path) -> None:
    # Seed 000 was loaded by the command line (samples_store); uploading the same text under
    # another name, twice, writes nothing and says where the text already is.
    with EmbeddedStore(samples_store) as store:
        before = store.export()
    at = app(samples_store, session.LOAD_PAGE)
    seed = (ROOT / "samples" / "000_35021ff682a48c90.txt").read_bytes()
    at.file_uploader(key="uploads").set_value(
        [("chi_thi_01.txt", seed, "text/plain"), ("chi_thi_01 (1).txt", seed, "text/plain")]
    )
    at.button[0].click().run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Kết quả"]) == [load.COPY, load.COPY]
    assert table["Chi tiết"][0].startswith(
        "Văn bản này đã có trong kho: Chỉ thị 01/CT-BTTTT (2024)"
    )
    with EmbeddedStore(samples_store) as store:
        assert store.export() == before


def test_remove_a_loaded_text_from_the_load_page(app: AppFactory, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    with EmbeddedStore(store_dir) as store:
        load_paths(store, [ROOT / "samples" / "000_35021ff682a48c90.txt"])
    at = app(store_dir, session.LOAD_PAGE)
    choice = at.selectbox(key="remove_choice")
    assert [o.split(" — ")[1] for o in choice.options] == ["Chỉ thị 01/CT-BTTTT (2024) (bản chính)"]
    choice.set_value(choice.options[0])
    at.button[1].click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Đã gỡ ")
    with EmbeddedStore(store_dir) as store:
        assert store.stats().texts == 0 and store.document(CT01_2024) is None


def test_every_refusal_has_a_vietnamese_reason() -> None:
    def subclasses(cls: type) -> set[type]:
        return {c for s in cls.__subclasses__() for c in {s, *subclasses(s)}}

    assert subclasses(errors.LoaderError) == set(load.REFUSALS)
    missing = errors.MissingTool(
        "a.pdf", "needs Tesseract: apt-get install tesseract-ocr tesseract-ocr-vie"
    )
    assert load.refusal(missing).endswith(
        "(cài đặt: sudo apt-get install tesseract-ocr tesseract-ocr-vie)"
    )


def test_export_offers_the_current_view_after_the_graph_page(
    app: AppFactory, samples_store: Path
) -> None:
    at = app(samples_store, session.EXPORT_PAGE)
    assert at.radio(key="export_scope").options == ["Toàn bộ đồ thị"]
    at.query_params["id"] = CT01_2024
    at.switch_page(session.GRAPH_PAGE).run()
    at.switch_page(session.EXPORT_PAGE).run()
    assert at.radio(key="export_scope").options == [
        "Toàn bộ đồ thị",
        "Vùng đang xem trên trang Đồ thị",
    ]
    assert at.radio(key="export_format").options == ["JSON", "GraphML", "CSV (neo4j-admin, zip)"]


def test_export_of_the_view_holds_its_documents(samples_store: Path) -> None:
    from views.export import view_data

    params = {"id": CT01_2024, "depth": 1, "direction": "both", "relations": [], "types": ["law"]}
    with EmbeddedStore(samples_store) as store:
        data = view_data(store, params)
    assert sorted(n["id"] for n in data["nodes"]) == [
        "name:law:luat buu chinh",
        "name:law:luat vien thong@2023",
        CT01_2024,
    ]
    assert {n["status"] for n in data["nodes"]} == {"Còn hiệu lực", "Chưa rõ"}
    assert {n["status_on"] for n in data["nodes"]} == {dt.date.today().isoformat()}
    own = next(n for n in data["nodes"] if n["id"] == CT01_2024)
    assert "theo 5 văn bản trong kho" in own["status_explanation"]  # the store's, not the view's
    assert len(data["edges"]) == 2


@pytest.mark.parametrize(
    ("variable", "location"),
    [
        # A directory holding something that is not a store.
        (session.STORE_ENV, "{tmp}/graph"),
        # NEO4J_URI wins over the embedded store; nothing listens on this local port.
        (session.NEO4J_URI_ENV, "bolt://127.0.0.1:9"),
    ],
)
def test_store_that_cannot_be_opened_is_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, variable: str, location: str
) -> None:
    not_a_store = tmp_path / "graph"
    not_a_store.mkdir()
    (not_a_store / "graph.sqlite").write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv(session.STORE_ENV, str(not_a_store))
    monkeypatch.delenv(session.NEO4J_URI_ENV, raising=False)
    monkeypatch.setenv(variable, location.format(tmp=tmp_path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.error[0].value.startswith(
        plain_markdown(f"Không mở được kho dữ liệu {location.format(tmp=tmp_path)}")
    )
