"""The Nhiệm vụ and Nhiệm vụ cần rà soát pages, run by Streamlit's AppTest on the samples, alone
and with Nghị định 42/2022/NĐ-CP, which replaces the Nghị định 43/2011/NĐ-CP a task of seed 001
cites (the supersession the samples lack).

What an officer must be able to trust: the page opens on a task that rests on something (a stale
one first); each document is a link, with its status, whether the task names it or inherits it,
and the sentence; a stale one is at the top, in red, with what replaced it and from when; no
internal id is ever shown; the pages read the graph only through ``queries``.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedStore
from loader import load_paths
from tests.app_texts import DECREE_42
from tests.test_task_queries import INHERITING_TEXTS
from views import session
from views.markup import plain_markdown

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
SEED_001 = "file:directive:001_4af1794179d674ae.txt"
CT01_2024 = "vn:01/CT-BTTTT@2024"
# What an id looks like ("vn:43/2011/ND-CP", "task:vn:01/CT-BTTTT@2025:2.5:1", "name:law:…",
# "file:directive:…"), escaped for markdown or not: none may reach a person's eyes.
INTERNAL_ID = re.compile(r"\b(?:vn|task|file|name|agency)\\?:\S")


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store_dir = tmp_path_factory.mktemp("samples") / "store"
    with EmbeddedStore(store_dir) as store:
        assert load_paths(store, [ROOT / "samples"], workers=1).ok
    return store_dir


@pytest.fixture(scope="module")
def replaced_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples and Nghị định 42/2022/NĐ-CP, which replaces 43/2011/NĐ-CP from 01/08/2022."""
    folder = tmp_path_factory.mktemp("replaced")
    decree = folder / "42_2022_ND-CP.txt"
    decree.write_text(DECREE_42, encoding="utf-8")
    store_dir = folder / "store"
    with EmbeddedStore(store_dir) as store:
        assert load_paths(store, [ROOT / "samples", decree], workers=1).ok
    return store_dir


AppFactory = Callable[..., AppTest]


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppFactory:
    """``app(store_dir, page, **query_params)``: the app run once on that page."""

    def make(store_dir: Path, page: str, **params: str) -> AppTest:
        monkeypatch.setenv(session.STORE_ENV, str(store_dir))
        monkeypatch.delenv(session.NEO4J_URI_ENV, raising=False)
        at = AppTest.from_file(APP, default_timeout=60).run()
        for name, value in params.items():
            at.query_params[name] = value
        at.switch_page(page).run()
        assert not at.exception, at.exception
        return at

    return make


def links(at: AppTest) -> list[tuple[str, str, dict[str, list[str]]]]:
    """Each page link: its label, the page it opens and its query parameters."""
    return [(a.value, a.proto.page, parse_qs(a.proto.query_string)) for a in at.page_link]


def shown_text(at: AppTest) -> str:
    """Everything a person reads on the page (labels of widgets and links included)."""
    parts: list[str] = []
    for element in at.main:
        for attribute in ("value", "label", "body"):
            value = getattr(element, attribute, None)
            if isinstance(value, str):
                parts.append(value)
        proto = getattr(element, "proto", None)
        for attribute in ("label", "placeholder", "body"):
            value = getattr(proto, attribute, None)
            if isinstance(value, str):
                parts.append(value)
    parts += [t.label for t in at.tabs] + [e.label for e in at.expander]
    return "\n".join(parts)


def kinds(at: AppTest) -> list[str]:
    return [type(e).__name__ for e in at.main]


# -- Nhiệm vụ -----------------------------------------------------------------------------------


def test_the_page_opens_on_a_task_that_rests_on_something(
    app: AppFactory, samples_store: Path
) -> None:
    at = app(samples_store, session.TASKS_PAGE)
    assert [s.value for s in at.subheader][:2] == ["Nhiệm vụ", "Nhiệm vụ này dựa trên"]
    summary = next(m.value for m in at.markdown if " văn bản**: " in m.value)
    assert not summary.startswith("**0 ")
    assert not any("không dẫn chiếu văn bản nào" in c.value for c in at.caption)
    assert "task" in at.query_params  # the task is in the URL, so the link can be shared
    # each document it rests on is a link to its page
    to_documents = [link for link in links(at) if link[1] == "document"]
    assert len(to_documents) >= 2 and all("id" in query for _, _, query in to_documents)
    assert at.get("download_button")


def test_a_document_in_the_url_opens_on_one_of_its_tasks(
    app: AppFactory, samples_store: Path
) -> None:
    at = app(samples_store, session.TASKS_PAGE, id=CT01_2024)
    giver = next(link for link in links(at) if link[0].startswith("Giao tại"))
    assert giver[2] == {"id": [CT01_2024]}
    assert at.query_params["task"].startswith(f"task:{CT01_2024}:")
    assert at.tabs[0].label == f"Nhiệm vụ {plain_markdown('Chỉ thị 01/CT-BTTTT (2024)')} giao"


def test_a_stale_dependency_is_first_in_red_with_what_replaced_it(
    app: AppFactory, replaced_store: Path
) -> None:
    at = app(replaced_store, session.TASKS_PAGE)
    # the store's one stale task (seed 001 plans to replace 43/2011; 42/2022 did)
    assert at.query_params["task"].startswith(f"task:{SEED_001}:")
    assert at.error[0].value == (
        f"**⚠ Căn cứ không còn nguyên hiệu lực: {plain_markdown('Nghị định 43/2011/NĐ-CP')}** "
        "(nêu trực tiếp)  \n"
        + plain_markdown("Đã bị thay thế bởi Nghị định 42/2022/NĐ-CP từ 01/08/2022.")
    )
    order = kinds(at)
    statuses = [m.value for m in at.markdown if m.value.startswith(":")]
    assert order.index("Error") < order.index("DownloadButton")  # above the list
    assert statuses[0].startswith(":red[**Hết hiệu lực**] · nêu trực tiếp")
    assert all(not s.startswith(":green[") for s in statuses)  # nothing the samples say is in force
    successor = (
        plain_markdown("Thay bằng: Nghị định 42/2022/NĐ-CP thay thế, từ 01/08/2022"),
        "document",
        {"id": ["vn:42/2022/ND-CP"]},
    )
    assert successor in links(at)
    assert (
        plain_markdown("Nghị định 43/2011/NĐ-CP"),
        "document",
        {"id": ["vn:43/2011/ND-CP"]},
    ) in (links(at))
    # the task's own sentence, escaped
    assert any("Nghị định thay thế Nghị định số 43/2011/NĐ-CP" in h.value for h in at.html)


def test_inherited_dependencies_say_by_which_path(app: AppFactory, replaced_store: Path) -> None:
    at = app(replaced_store, session.TASKS_PAGE)
    paths = [m.value for m in at.markdown if m.value.startswith("Kế thừa qua: ")]
    assert any(
        p.endswith(plain_markdown("→ triển khai thực hiện Chỉ thị 34/CT-TW (2014)")) for p in paths
    )
    assert any(
        h.value.startswith('<div class="evidence">“Để tiếp tục thực hiện tốt Chỉ thị số 34')
        for h in at.html
    )
    assert any(m.value == "##### Kế thừa (2)" for m in at.markdown)


@pytest.mark.parametrize("page", [session.TASKS_PAGE, session.STALE_TASKS_PAGE])
def test_no_internal_id_is_shown(app: AppFactory, replaced_store: Path, page: str) -> None:
    at = app(replaced_store, page)
    shown = shown_text(at)
    assert shown and not INTERNAL_ID.findall(shown), INTERNAL_ID.findall(shown)[:5]


def test_a_task_is_found_by_typing(app: AppFactory, samples_store: Path) -> None:
    at = app(samples_store, session.TASKS_PAGE)
    at.text_input(key="t_find").input("vien chien luoc tttt").run()
    first = at.button(key="t_found_0")
    assert plain_markdown("Viện Chiến lược TTTT chủ trì") in first.label
    assert first.label.endswith(plain_markdown(" — Chỉ thị 01/CT-BTTTT (2025)"))
    first.click().run()  # shows that task, and its directive below
    assert at.query_params["task"].startswith("task:vn:01/CT-BTTTT@2025:")
    assert at.query_params["id"] == "vn:01/CT-BTTTT@2025"
    assert at.markdown[0].value.startswith(plain_markdown("Viện Chiến lược TTTT chủ trì"))
    at.text_input(key="t_find").input("khong co nhiem vu nao nhu the").run()
    assert [i.value for i in at.info][:1] == ["Không tìm thấy nhiệm vụ nào."]


def test_another_task_of_the_document_is_one_click_away(
    app: AppFactory, samples_store: Path
) -> None:
    at = app(samples_store, session.TASKS_PAGE, id=CT01_2024)
    shown = at.query_params["task"]
    listed = [b for b in at.button if b.key and b.key.startswith("t_listed_")]
    assert len(listed) >= 5
    listed[-1].click().run()
    assert at.query_params["task"] != shown
    assert at.query_params["task"].startswith(f"task:{CT01_2024}:")


HOSTILE = "![r](http://attacker.example/x.png)[Đăng nhập lại](http://attacker.example/p)"


def test_what_comes_from_the_url_or_the_box_is_never_markdown(
    app: AppFactory, samples_store: Path
) -> None:
    at = app(samples_store, session.TASKS_PAGE, task=HOSTILE)
    assert at.warning[0].value == (
        "Kho dữ liệu không có nhiệm vụ mà đường dẫn nêu; đang hiển thị nhiệm vụ khác."
    )
    at.text_input(key="t_find").input(HOSTILE).run()
    assert [i.value for i in at.info] == ["Không tìm thấy nhiệm vụ nào."]
    rendered = [
        e.value
        for e in [*at.markdown, *at.caption, *at.info, *at.warning, *at.error, *at.page_link]
    ]
    unescaped = [re.sub(r"\\.", "", value) for value in rendered]  # "\](" is shown as "]("
    assert not [v for v in unescaped if "](" in v or "<img" in v]


def test_the_document_report_is_made_on_request(app: AppFactory, samples_store: Path) -> None:
    at = app(samples_store, session.TASKS_PAGE, id=CT01_2024)
    assert [b.proto.label for b in at.get("download_button")] == [
        "Tải báo cáo Excel (.xlsx)",
        "Tải báo cáo Word (.docx)",
    ]
    at.button(key="t_doc_report").click().run()
    assert not at.exception
    assert len(at.get("download_button")) == 4
    names = [b.proto.label for b in at.get("download_button")]
    assert names.count("Tải báo cáo Word (.docx)") == 2


# -- Nhiệm vụ cần rà soát ------------------------------------------------------------------------


def test_stale_tasks_grouped_with_what_replaced_what(app: AppFactory, replaced_store: Path) -> None:
    at = app(replaced_store, session.STALE_TASKS_PAGE)
    assert at.title[0].value == "Nhiệm vụ cần rà soát"
    assert [s.value for s in at.subheader] == ["Căn cứ đã hết hiệu lực hoặc tạm ngưng (1)"]
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert headings == [
        "#### "
        + plain_markdown(
            "Chỉ thị về việc tổ chức triển khai thực hiện Chỉ thị số 19/CT-TTg ngày 16/7/2021 "
            "của Thủ…"
        )
    ]
    assert "**Chủ trì: Chưa rõ cơ quan chủ trì** (1 nhiệm vụ)" in [m.value for m in at.markdown]
    (error,) = at.error
    assert error.value.startswith(
        f"**⚠ {plain_markdown('Nghị định 43/2011/NĐ-CP — Hết hiệu lực')}** (nêu trực tiếp)"
    )
    assert "từ 01/08/2022" in error.value
    found = links(at)
    to_task = [link for link in found if link[1] == "tasks"]
    assert len(to_task) == 1 and to_task[0][2]["task"][0].startswith(f"task:{SEED_001}:")
    assert (
        plain_markdown("Thay bằng: Nghị định 42/2022/NĐ-CP thay thế, từ 01/08/2022"),
        "document",
        {"id": ["vn:42/2022/ND-CP"]},
    ) in found
    assert ("Mở văn bản giao nhiệm vụ", "document", {"id": [SEED_001]}) in found


@pytest.fixture(scope="module")
def inheriting_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directive of tests/test_task_queries.py whose four tasks inherit its partly repealed
    căn cứ (Nghị định 15/2020/NĐ-CP), the first also citing 43/2011/NĐ-CP."""
    store_dir = tmp_path_factory.mktemp("inheriting") / "store"
    with EmbeddedStore(store_dir) as store:
        for text in INHERITING_TEXTS:
            store.write_text(text)
    return store_dir


def test_stale_tasks_by_lead_stale_before_soon(app: AppFactory, inheriting_store: Path) -> None:
    at = app(inheriting_store, session.STALE_TASKS_PAGE)
    at.date_input(key="s_on").set_value(dt.date(2022, 7, 1)).run()
    assert [s.value for s in at.subheader] == ["Căn cứ đã hết hiệu lực hoặc tạm ngưng (4)"]
    assert [m.value for m in at.markdown if m.value.startswith("**Chủ trì")] == [
        "**Chủ trì: Cục Chuyển đổi số quốc gia** (2 nhiệm vụ)",
        "**Chủ trì: Trung tâm Thông tin** (1 nhiệm vụ)",
        "**Chủ trì: Văn phòng Bộ** (1 nhiệm vụ)",
    ]
    # the first task: the inherited căn cứ partly repealed (red), then its own 43/2011, to be
    # replaced from 01/08/2022 (orange)
    order = kinds(at)
    assert order.index("Error") < order.index("Warning")
    assert at.error[0].value.startswith(
        f"**⚠ {plain_markdown('Nghị định 15/2020/NĐ-CP — Hết hiệu lực một phần')}** (kế thừa, qua "
    )
    assert at.warning[0].value.startswith(
        f"**⌛ {plain_markdown('Nghị định 43/2011/NĐ-CP — Sắp hết hiệu lực từ 01/08/2022')}** "
        "(nêu trực tiếp)"
    )
    assert len(at.error) == 4 and len(at.warning) == 1


def test_no_stale_task_says_so(app: AppFactory, samples_store: Path) -> None:
    at = app(samples_store, session.STALE_TASKS_PAGE)
    (success,) = at.success
    assert success.value.startswith("Tính đến ngày ") and "không nhiệm vụ nào" in success.value


# -- reading only through queries -----------------------------------------------------------------


@pytest.mark.parametrize("module", ["views/tasks.py", "views/stale_tasks.py"])
def test_the_task_pages_read_only_through_queries(module: str) -> None:
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    calls: list[Any] = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "store"
    ]
    assert calls == [], [f"store.{c.attr} (line {c.lineno})" for c in calls]
    imported = {
        alias.name if isinstance(node, ast.Import) else node.module or ""
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not {"graph.embedded", "graph.neo4j_store", "graph.cypher"} & imported
