"""The app with the hostile pack loaded, in Debian's Chromium (issue 13): nothing a document or a
URL says is rendered as markup.

The store holds the samples and the hostile pack (tests/hostile/pack.py), whose texts put
markdown images and links (``![x](http://attacker.example/x.png)``, ``[Đăng nhập lại](…)``), raw
``<img>`` and ``<script>`` into titles, signers, fields, evidence sentences, tasks and agency
names. Every page is opened on those documents, and on a shared link whose ``?id=`` is markup;
after each: no request left this machine, no element of any frame links to or loads from the
attacker's host, and no script ran. Skipped without Chromium or Playwright, failed under CI
(tests/browser.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest

from graph.embedded import EmbeddedStore
from loader import load_paths
from tests.browser import (
    Browser,
    Server,
    assert_stayed_local,
    browser_session,
    require_browser,
    serving,
    wait_idle,
)
from tests.hostile.pack import ATTACKER, MARKUP_COPY_ID, MARKUP_DIRECTIVE_ID, make_pack
from tests.test_graph_browser import NODES, drawing, offset

pytestmark = pytest.mark.slow

HOSTILE_ID = f"![r](http://{ATTACKER}/x.png)[Đăng nhập lại](http://{ATTACKER}/p)"
SEARCH_LABEL = "Số hiệu, tên hoặc từ trong trích yếu (có dấu hay không dấu)"
# Any element that would link to, load, or send to the attacker's host.
FROM_ATTACKER = ", ".join(
    f"[{attribute}*='{ATTACKER}' i]"
    for attribute in ("href", "src", "srcset", "action", "formaction", "poster", "data", "style")
)
# Each element as HTML, and whether it is an <a> whose text is its own address (an autolink).
DESCRIBE = """elements => elements.map(e => [
  e.outerHTML.slice(0, 300),
  e.tagName === 'A' && e.getAttribute('href').slice(0, 20) === e.textContent.slice(0, 20)
])"""
SCRIPTS_NAMING_ATTACKER = (
    f"() => [...document.scripts].filter(s => s.text.includes('{ATTACKER}')).length"
)


class Autolinked(AssertionError):
    """The only elements pointing at the attacker are bare addresses markdown made links of."""


def doc_url(page: str, doc_id: str) -> str:
    return f"{page}?id={quote(doc_id, safe='')}"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    require_browser()
    work = tmp_path_factory.mktemp("hostile-browser")
    pack = make_pack(work / "kho")
    store_dir = work / "store"
    with EmbeddedStore(store_dir) as store:
        report = load_paths(store, [pack.folder], workers=1)
        assert {MARKUP_DIRECTIVE_ID, MARKUP_COPY_ID} <= {r.doc_id for r in report.results}
    # tests/browser.py starts Streamlit on 127.0.0.1 with --browser.gatherUsageStats=false, so
    # no telemetry leaves the machine whatever .streamlit/config.toml says.
    yield from serving(store_dir, work / "streamlit.log")


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[Browser]:
    yield from browser_session(server)


@pytest.fixture(scope="module")
def dialogs(browser: Browser) -> list[str]:
    """The messages of every alert(), confirm() or prompt() a page opened: a script ran."""
    opened: list[str] = []

    def on_dialog(dialog: Any) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    browser.page.on("dialog", on_dialog)
    return opened


@pytest.fixture(autouse=True)
def requests_of_this_test(browser: Browser) -> None:
    """Each test checks the requests of its own pages (a failure names the page that made it)."""
    browser.requests.urls.clear()


def injected(page: Any) -> list[tuple[str, bool]]:
    """The elements, in every frame of the page (the graph is an iframe), that point at the
    attacker's host, and the scripts that name it: (HTML, whether it is an autolink)."""
    found: list[tuple[str, bool]] = []
    for frame in page.frames:
        found += [
            (html, bool(auto)) for html, auto in frame.eval_on_selector_all(FROM_ATTACKER, DESCRIBE)
        ]
        if frame.evaluate(SCRIPTS_NAMING_ATTACKER):
            found.append((f"a <script> naming {ATTACKER} in {frame.url}", False))
    return found


def shown_text(page: Any) -> str:
    """The page's text, with the cells of its tables (drawn on a canvas; their text is in the
    grid's accessible copy)."""
    cells = page.locator("[data-testid=stDataFrame] [role=gridcell]").all_inner_texts()
    return "\n".join([page.locator("body").inner_text(), *cells])


def nothing_injected(browser: Browser, dialogs: list[str]) -> None:
    page = browser.page
    page.wait_for_timeout(500)  # an image or a script would have been fetched by now
    assert_stayed_local(browser)
    assert dialogs == []
    assert injected(page) == []


@pytest.mark.parametrize(
    "path",
    [
        doc_url("document", MARKUP_DIRECTIVE_ID),
        doc_url("document", MARKUP_COPY_ID),
        pytest.param(doc_url("tasks", MARKUP_DIRECTIVE_ID)),
        doc_url("tasks", MARKUP_COPY_ID),
    ],
)
def test_a_hostile_document_is_shown_as_text(
    browser: Browser, dialogs: list[str], path: str
) -> None:
    page = browser.open(path)
    # The markup is on the page, as the characters it is made of …
    assert f"http://{ATTACKER}/" in shown_text(page)
    # … and nothing of it was obeyed.
    nothing_injected(browser, dialogs)


@pytest.mark.parametrize("page_name", ["document", "graph", "timeline", "tasks"])
def test_a_shared_link_with_a_hostile_id_is_shown_as_text(
    browser: Browser, dialogs: list[str], page_name: str
) -> None:
    page = browser.open(doc_url(page_name, HOSTILE_ID))
    assert "Đăng nhập lại" in shown_text(page)
    nothing_injected(browser, dialogs)


def test_searching_lists_hostile_titles_as_text(browser: Browser, dialogs: list[str]) -> None:
    page = browser.open("")
    box = page.get_by_label(SEARCH_LABEL)
    box.fill("bao dam an toan thong tin")
    box.press("Enter")
    wait_idle(page)
    page.get_by_text("Chỉ thị 09/CT-BTTTT").first.wait_for()
    nothing_injected(browser, dialogs)
    box.fill(HOSTILE_ID)  # what is typed is markup too
    box.press("Enter")
    wait_idle(page)
    nothing_injected(browser, dialogs)


def test_a_hostile_node_of_the_graph_is_shown_as_text(browser: Browser, dialogs: list[str]) -> None:
    # 10/CT-BTTTT implements 09/CT-BTTTT: clicking 09's node shows its title under the graph and
    # in the component's own panel.
    page = browser.open(doc_url("graph", MARKUP_COPY_ID))
    frame = drawing(page)
    nodes = {n["id"]: n for n in frame.evaluate(NODES)}
    left, top = offset(page)
    page.mouse.click(left + nodes[MARKUP_DIRECTIVE_ID]["x"], top + nodes[MARKUP_DIRECTIVE_ID]["y"])
    page.locator(".st-key-graph_details").get_by_text("Chỉ thị 09/CT-BTTTT").first.wait_for()
    wait_idle(page)
    nothing_injected(browser, dialogs)


@pytest.mark.parametrize(
    "path", [doc_url("timeline", MARKUP_DIRECTIVE_ID), "load", "export", "tasks"]
)
def test_the_other_pages_with_the_hostile_pack_loaded(
    browser: Browser, dialogs: list[str], path: str
) -> None:
    # The timeline shows documents by their labels; the tasks page without a document lists
    # every agency, some named with markup.
    browser.open(path)
    nothing_injected(browser, dialogs)
