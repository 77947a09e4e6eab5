"""The task pages in a real browser: Debian's Chromium driven by Playwright against ``streamlit
run``, on the samples and Nghị định 42/2022/NĐ-CP (which replaces the Nghị định 43/2011/NĐ-CP a
task of seed 001 cites), so the stale-tasks page shows a real case.

An officer opens Nhiệm vụ (a stale task, its replaced basis first in red), downloads the report
as Excel and Word and opens them, finds another task by typing, and goes from Nhiệm vụ cần rà
soát to the task. Screenshots ``tasks.png`` and ``stale_tasks.png`` go to ``artifacts/``; no
request may leave this machine. Skipped with a reason when Chromium or Playwright is missing,
except under CI, where that fails (tests/browser.py).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from docx import Document as Word
from openpyxl import load_workbook

from graph.embedded import EmbeddedStore
from loader import load_paths
from tests.app_texts import DECREE_42
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

STALE = "Căn cứ không còn nguyên hiệu lực: Nghị định 43/2011/NĐ-CP"
SUCCESSOR = "Thay bằng: Nghị định 42/2022/NĐ-CP thay thế, từ 01/08/2022"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    require_browser()
    work = tmp_path_factory.mktemp("browser-tasks")
    texts = copy_samples(work / "samples")
    (texts / "42_2022_ND-CP.txt").write_text(DECREE_42, encoding="utf-8")
    store_dir = work / "store"
    with EmbeddedStore(store_dir) as store:
        assert load_paths(store, [texts], workers=1).ok
    yield from serving(store_dir, work / "streamlit.log")


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[Browser]:
    yield from browser_session(server)


@pytest.fixture(autouse=True)
def stays_local(browser: Browser) -> Iterator[None]:
    yield
    assert_stayed_local(browser)


def download(page: Any, label: str) -> tuple[str, bytes]:
    with page.expect_download() as started:
        page.get_by_role("button", name=label).first.click()
    saved = started.value
    return saved.suggested_filename, saved.path().read_bytes()


def test_a_stale_task_and_its_reports(browser: Browser) -> None:
    page = browser.open("tasks")
    page.get_by_text("Nhiệm vụ này dựa trên").wait_for()
    alert = page.locator("[data-testid=stAlertContentError]").first
    assert STALE in alert.inner_text()
    # red, as an error is drawn: far more red than green or blue
    red, green, blue = (
        int(v)
        for v in alert.evaluate(
            "e => getComputedStyle(e.closest('[data-testid=stAlertContainer]') || e).color"
        )
        .removeprefix("rgb(")
        .removesuffix(")")
        .split(",")[:3]
    )
    assert red > green + 40 and red > blue + 40
    assert page.get_by_role("link", name=SUCCESSOR).first.is_visible()
    assert page.get_by_text("nêu trực tiếp").first.is_visible()
    assert page.get_by_text("Kế thừa qua: ").first.is_visible()
    # Streamlit scrolls inside its own frame: a tall window shows the list under the banner.
    page.set_viewport_size({"width": 1400, "height": 2600})
    wait_idle(page)
    browser.screenshot("tasks.png")
    page.set_viewport_size({"width": 1400, "height": 1000})

    name, data = download(page, "Tải báo cáo Excel (.xlsx)")
    assert name.endswith(".xlsx") and name.isascii()
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value == "BÁO CÁO CĂN CỨ CỦA NHIỆM VỤ"
    assert "Nghị định 43/2011/NĐ-CP" in [c.value for row in sheet.iter_rows() for c in row]
    name, data = download(page, "Tải báo cáo Word (.docx)")
    assert name.endswith(".docx")
    assert Word(io.BytesIO(data)).paragraphs[0].text == "BÁO CÁO CĂN CỨ CỦA NHIỆM VỤ"


def test_find_a_task_by_typing(browser: Browser) -> None:
    page = browser.open("tasks")
    box = page.get_by_label("Tìm nhiệm vụ")
    box.fill("vien chien luoc tttt")
    box.press("Enter")
    wait_idle(page)
    result = page.get_by_role("button", name="Viện Chiến lược TTTT chủ trì").first
    result.wait_for()
    result.click()
    page.wait_for_url(lambda url: "01%2FCT-BTTTT%402025" in url)
    wait_idle(page)
    page.get_by_text("Nhiệm vụ này dựa trên").wait_for()
    assert page.get_by_role("link", name="Giao tại: Chỉ thị 01/CT-BTTTT (2025)").is_visible()
    shown = page.locator(".st-key-task_card [data-testid=stMarkdown] p")
    assert shown.first.inner_text().startswith("Viện Chiến lược TTTT chủ trì triển khai thực hiện")


def test_stale_tasks_page_leads_to_the_task(browser: Browser) -> None:
    page = browser.open("stale-tasks")
    assert page.locator("h1").first.inner_text().strip() == "Nhiệm vụ cần rà soát"
    alert = page.locator("[data-testid=stAlertContentError]").first
    assert "Nghị định 43/2011/NĐ-CP — Hết hiệu lực" in alert.inner_text()
    assert page.get_by_role("link", name=SUCCESSOR).first.is_visible()
    browser.screenshot("stale_tasks.png")
    page.get_by_role("link", name="Hoàn thiện môi trường pháp lý").first.click()
    page.wait_for_url("**/tasks?task=*")
    wait_idle(page)
    page.get_by_text("Nhiệm vụ này dựa trên").wait_for()
    assert STALE in page.locator("[data-testid=stAlertContentError]").first.inner_text()
