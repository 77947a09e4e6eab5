"""The explorer in a real browser: Debian's Chromium driven by Playwright against ``streamlit run``.

Each test walks what an officer does (search, open, click a node in the graph, follow a link,
upload a text), saves a screenshot under ``artifacts/`` and checks that the page asked for
nothing outside this machine. Skipped with a reason when Chromium or Playwright is missing, except
under CI, where that fails (see tests/browser.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from graph.embedded import EmbeddedStore
from loader import load_paths
from tests.app_texts import DECREE_42, HOSTILE
from tests.browser import (
    Browser,
    Server,
    assert_stayed_local,
    browser_session,
    copy_samples,
    require_browser,
    serving,
    wait_idle,
)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CT01_2024 = "vn:01/CT-BTTTT@2024"
NQ01_2024 = "vn:01/NQ-CP@2024"
SEARCH_LABEL = "Số hiệu, tên hoặc từ trong trích yếu (có dấu hay không dấu)"

# Cytoscape draws on a canvas: a node's position comes from the instance the component keeps on
# its container (cytoscape.js stores it as ``_cyreg.cy``), relative to the #cy element.
NODES_DRAWN = """() => {
  const box = document.getElementById('cy');
  const cy = box && box._cyreg && box._cyreg.cy;
  return !!cy && cy.nodes().length > 0;
}"""
NODE_POSITIONS = """() => {
  const box = document.getElementById('cy');
  const origin = box.getBoundingClientRect();
  return box._cyreg.cy.nodes().map(n => ({
    id: n.id(), x: origin.x + n.renderedPosition().x, y: origin.y + n.renderedPosition().y
  }));
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    require_browser()
    work = tmp_path_factory.mktemp("browser")
    store_dir = work / "store"
    with EmbeddedStore(store_dir) as store:
        load_paths(store, [copy_samples(work / "samples")])
    yield from serving(store_dir, work / "streamlit.log")


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[Browser]:
    yield from browser_session(server)


@pytest.fixture(autouse=True)
def stays_local(browser: Browser) -> Iterator[None]:
    """After every test: no request left localhost (no CDN, no telemetry, no web font)."""
    yield
    assert_stayed_local(browser)


def doc_url(page: str, doc_id: str) -> str:
    return f"{page}?id={quote(doc_id, safe='')}"


def heading(page: Any) -> str:
    text: str = page.locator("h1").first.inner_text()
    return text.strip()


def test_search_without_diacritics_then_open(browser: Browser) -> None:
    page = browser.open("")
    box = page.get_by_label(SEARCH_LABEL)
    box.fill("quyet dinh 749")
    box.press("Enter")
    wait_idle(page)
    result = page.get_by_role("link", name="Quyết định 749/QĐ-TTg (2020)")
    result.wait_for()
    browser.screenshot("search.png")
    result.click()
    page.wait_for_url("**/document?id=*")
    wait_idle(page)
    assert heading(page) == "Quyết định 749/QĐ-TTg (2020)"
    assert page.get_by_text("Văn bản triển khai thực hiện").first.is_visible()
    browser.screenshot("document_stub.png")


def test_document_deep_link_and_citation_link(browser: Browser) -> None:
    page = browser.open(doc_url("document", CT01_2024))
    assert heading(page) == "Chỉ thị 01/CT-BTTTT (2024)"
    assert page.get_by_text("Còn hiệu lực").is_visible()
    browser.screenshot("document.png")
    citation = page.locator(f'a.citation[href="{doc_url("document", NQ01_2024)}"]')
    citation.scroll_into_view_if_needed()
    browser.screenshot("document_text.png")
    citation.click()
    page.wait_for_url(f"**/{doc_url('document', NQ01_2024)}")
    wait_idle(page)
    assert heading(page) == "Nghị quyết 01/NQ-CP (2024)"


def test_click_a_node_in_the_graph(browser: Browser) -> None:
    page = browser.open(doc_url("graph", CT01_2024))
    frame_element = page.wait_for_selector("iframe[title*=graph_canvas]")
    frame = frame_element.content_frame()
    frame.wait_for_function(NODES_DRAWN)
    positions = {n["id"]: n for n in frame.evaluate(NODE_POSITIONS)}
    assert set(positions) >= {CT01_2024, NQ01_2024}
    box = frame_element.bounding_box()
    node = positions[NQ01_2024]
    page.mouse.click(box["x"] + node["x"], box["y"] + node["y"])
    details = page.locator(".st-key-graph_details").get_by_text(
        "Nghị quyết 01/NQ-CP (2024)", exact=True
    )
    details.wait_for()
    wait_idle(page)
    # Under the pointer, the node's hover text names it too.
    assert frame.locator("#tip").get_by_text("Nghị quyết 01/NQ-CP (2024)").first.is_visible()
    browser.screenshot("graph.png")
    page.get_by_role("link", name="Mở trang văn bản").click()
    page.wait_for_url(f"**/{doc_url('document', NQ01_2024)}")
    wait_idle(page)
    assert heading(page) == "Nghị quyết 01/NQ-CP (2024)"


def test_upload_a_word_file_and_a_copy_of_a_loaded_text(browser: Browser) -> None:
    # The samples are loaded: seed 000 as a .docx is another file of Chỉ thị 01/CT-BTTTT (2024),
    # seed 002 under another name is a copy. Neither makes a second document.
    formats = ROOT / "tests" / "fixtures" / "formats"
    page = browser.open("load")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        [
            {
                "name": "chi_thi_01_2024.docx",
                "mimeType": DOCX_MIME,
                "buffer": (formats / "word_000.docx").read_bytes(),
            },
            {
                "name": "tin_bai (1).txt",
                "mimeType": "text/plain",
                "buffer": (ROOT / "samples" / "002_923357323978f796.txt").read_bytes(),
            },
        ]
    )
    page.get_by_text("chi_thi_01_2024.docx").first.wait_for()
    page.get_by_role("button", name="Nạp vào kho").click()
    page.get_by_text("2 tệp nạp được, 0 tệp lỗi.").wait_for()
    wait_idle(page)
    browser.screenshot("load_formats.png")
    # The result table is drawn on a canvas; its cells are in the grid's accessible copy.
    grid = page.locator("[data-testid=stDataFrame] [role=gridcell]")
    grid.first.wait_for(state="attached")
    cells = grid.all_inner_texts()
    assert "Một tệp khác của văn bản đã nạp" in cells and "Đã có trong kho" in cells


def test_upload_texts_then_read_them(browser: Browser) -> None:
    dialogs: list[str] = []
    page = browser.open("load")

    def on_dialog(dialog: Any) -> None:  # an alert() would mean the text ran as code
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        [
            {"name": "05_CT-BTTTT.txt", "mimeType": "text/plain", "buffer": HOSTILE.encode()},
            {"name": "42_2022_ND-CP.txt", "mimeType": "text/plain", "buffer": DECREE_42.encode()},
        ]
    )
    page.get_by_text("42_2022_ND-CP.txt").first.wait_for()
    page.get_by_role("button", name="Nạp vào kho").click()
    page.get_by_text("2 tệp nạp được, 0 tệp lỗi.").wait_for()
    wait_idle(page)
    browser.screenshot("load.png")

    page = browser.open(doc_url("document", "vn:05/CT-BTTTT@2024"))
    assert heading(page).startswith("Chỉ thị 05/CT-BTTTT")
    shown = page.locator(".doctext").inner_text()
    assert "<script>alert('xss')</script>" in shown  # shown as text …
    assert page.locator(".doctext script, .doctext img").count() == 0  # … never as markup
    page.wait_for_timeout(500)
    assert dialogs == []

    page = browser.open(doc_url("timeline", "vn:43/2011/ND-CP"))
    page.locator(".js-plotly-plot").first.wait_for()
    assert page.get_by_text("Nghị định 42/2022/NĐ-CP thay thế Nghị định 43/2011/NĐ-CP").is_visible()
    browser.screenshot("timeline.png")


def test_tasks_of_a_directive(browser: Browser) -> None:
    # The task pages' own walk (a stale task, the reports, the stale-tasks page) and their
    # screenshots are in tests/test_browser_tasks.py.
    page = browser.open(doc_url("tasks", CT01_2024))
    assert page.get_by_role("tab", name="Nhiệm vụ Chỉ thị 01/CT-BTTTT (2024) giao").is_visible()
    page.get_by_text("Nhiệm vụ này dựa trên").wait_for()


def test_export_page_offers_every_format(browser: Browser) -> None:
    page = browser.open("export")
    for name in ("JSON", "GraphML", "CSV (neo4j-admin, zip)"):
        assert page.get_by_text(name, exact=True).is_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Tải tệp JSON").click()
    assert download.value.suggested_filename == "luoc-do.json"
    browser.screenshot("export.png")
