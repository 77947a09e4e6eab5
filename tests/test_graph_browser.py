"""The Graph page in Debian's Chromium (issue 12, point 3): what a person sees and hovers.

One server on a store holding the samples, a directive whose sentence carries markup copied from
the web (tests/app_texts.py HOSTILE) and a synthetic neighbourhood of 410 documents
(tests/test_graph_page.py). Positions, sizes and styles are read from the Cytoscape instance the
page draws with (cytoscape.js keeps it on its container as ``_cyreg.cy``); hovering is done with
the mouse. Screenshots: ``artifacts/graph_labels.png`` (captions on every edge),
``graph_hover.png`` (an edge's evidence on hover), ``graph_task.png`` (a task's direct and
inherited dependencies). Skipped with a reason without Chromium, failed under CI.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from graph.embedded import EmbeddedStore
from graph.model import RELATION_LABELS
from loader import load_paths
from queries import neighbourhood
from queries.traversal import with_evidence
from tests.app_texts import HOSTILE
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
from tests.test_graph_page import SYNTH_CENTRE, TASK_91, synthetic_texts
from views.network import CENTRE_BORDER_WIDTH, MAX_NODES

pytestmark = pytest.mark.slow

CT01_2024 = "vn:01/CT-BTTTT@2024"
NQ01_2024 = "vn:01/NQ-CP@2024"
CT05_2024 = "vn:05/CT-BTTTT@2024"
CANVAS = "iframe[title*=graph_canvas]"

# Cytoscape.js draws on a canvas: what is drawn is read from its instance, positions relative to
# the page (the frame's own offset is added by the caller).
INSTANCE = "document.getElementById('cy')._cyreg.cy"
EDGES = f"""() => {{
  const cy = {INSTANCE};
  const box = document.getElementById('cy').getBoundingClientRect();
  return cy.edges().map(e => ({{
    source: e.source().id(), target: e.target().id(), classes: e.classes(),
    label: e.style('label'), lineStyle: e.style('line-style'), width: e.style('width'),
    x: box.x + e.renderedMidpoint().x, y: box.y + e.renderedMidpoint().y,
  }}));
}}"""
NODES = f"""() => {{
  const cy = {INSTANCE};
  const box = document.getElementById('cy').getBoundingClientRect();
  return cy.nodes().map(n => {{
    const b = n.renderedBoundingBox({{includeLabels: false, includeOverlays: false}});
    return {{
      id: n.id(), classes: n.classes(), label: n.style('label'),
      width: n.renderedWidth(), border: n.style('border-width'),
      borderColour: n.style('border-color'),
      x: box.x + n.renderedPosition().x, y: box.y + n.renderedPosition().y,
      x1: b.x1, x2: b.x2, y1: b.y1, y2: b.y2,
    }};
  }});
}}"""
# Pairs of node discs that overlap on screen, counted in the page (400 nodes: 80,000 pairs).
OVERLAPS = f"""() => {{
  const boxes = {INSTANCE}.nodes().map(
    n => n.renderedBoundingBox({{includeLabels: false, includeOverlays: false}}));
  const found = [];
  for (let i = 0; i < boxes.length; i++) {{
    for (let j = i + 1; j < boxes.length; j++) {{
      const a = boxes[i], b = boxes[j];
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) found.push([i, j]);
    }}
  }}
  return found;
}}"""


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_browser()
    work = tmp_path_factory.mktemp("graph-browser")
    texts = copy_samples(work / "texts")
    (texts / "05_CT-BTTTT.txt").write_text(HOSTILE, encoding="utf-8")
    store_dir = work / "store"
    with EmbeddedStore(store_dir) as store:
        load_paths(store, [texts], workers=1)
        store.write_texts(synthetic_texts())
    return store_dir


@pytest.fixture(scope="module")
def server(store_dir: Path) -> Iterator[Server]:
    yield from serving(store_dir, store_dir.parent / "streamlit.log")


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[Browser]:
    yield from browser_session(server)


@pytest.fixture(autouse=True)
def stays_local(browser: Browser) -> Iterator[None]:
    """After every test: no request left localhost (Cytoscape.js comes from this server)."""
    yield
    assert_stayed_local(browser)


def graph_url(**params: str) -> str:
    return "graph?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())


def open_graph(browser: Browser, nodes: int | None = None, **params: str) -> tuple[Any, Any]:
    """The page and the drawing's frame, once the drawing is done (``nodes`` of them)."""
    page = browser.open(graph_url(**params))
    return page, drawing(page, nodes)


def drawing(page: Any, nodes: int | None = None) -> Any:
    frame = page.wait_for_selector(CANVAS).content_frame()
    selector = f"body[data-drawn='{nodes}']" if nodes else "body[data-drawn]"
    frame.wait_for_selector(selector, state="attached")
    return frame


def offset(page: Any) -> tuple[float, float]:
    box = page.locator(CANVAS).bounding_box()
    return box["x"], box["y"]


def screenshot_whole_graph(browser: Browser, name: str) -> None:
    """A screenshot tall enough for the whole drawing (the page scrolls inside Streamlit's own
    container, which a full-page screenshot does not unroll)."""
    size = browser.page.viewport_size
    browser.page.set_viewport_size({"width": size["width"], "height": 1200})
    try:
        browser.page.wait_for_timeout(300)
        browser.screenshot(name)
    finally:
        browser.page.set_viewport_size(size)


def hover(page: Any, frame: Any, x: float, y: float) -> str:
    """Move the mouse to (x, y) of the drawing; the hover text shown."""
    left, top = offset(page)
    page.mouse.move(left + x, top + y)
    tip = frame.locator("#tip")
    tip.wait_for(state="visible")
    text: str = tip.inner_text()
    return text


def test_edges_are_captioned_in_vietnamese_and_hover_shows_the_evidence(
    browser: Browser, store_dir: Path
) -> None:
    page, frame = open_graph(browser, id=CT01_2024)
    with EmbeddedStore(store_dir) as store:
        found = with_evidence(store, neighbourhood(store, CT01_2024, 1))  # the walk's are light
    edges = frame.evaluate(EDGES)
    assert len(edges) == len(found.edges)
    names = {label for label, _ in RELATION_LABELS.values()}
    assert all(e["label"] in names for e in edges), [e["label"] for e in edges]
    screenshot_whole_graph(browser, "graph_labels.png")
    to_resolution = next(e for e in edges if e["target"] == NQ01_2024)
    evidence = next(e.evidence for e in found.edges if e.target == NQ01_2024)
    shown = hover(page, frame, to_resolution["x"], to_resolution["y"])
    assert shown.splitlines()[0] == RELATION_LABELS["IMPLEMENTS"][0]
    assert f"“{evidence}”" in shown
    assert "Chỉ thị 01/CT-BTTTT (2024) có hiệu lực từ 20/01/2024" in shown
    browser.screenshot("graph_hover.png")


def test_a_sentence_with_markup_is_shown_as_text(browser: Browser) -> None:
    dialogs: list[str] = []
    page, frame = open_graph(browser, id=CT05_2024)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    (edge,) = [e for e in frame.evaluate(EDGES) if e["target"] == NQ01_2024]
    shown = hover(page, frame, edge["x"], edge["y"])
    assert "<img src=x onerror=alert(1)>" in shown  # the characters, as the text has them
    assert frame.locator("#tip img, #tip script").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []


def test_the_centre_is_the_largest_node_with_a_thick_ring(browser: Browser) -> None:
    page, frame = open_graph(browser, id=CT01_2024)
    nodes = {n["id"]: n for n in frame.evaluate(NODES)}
    centre = nodes.pop(CT01_2024)
    assert all(centre["width"] > n["width"] for n in nodes.values())
    assert centre["border"] == f"{CENTRE_BORDER_WIDTH}px"
    assert all(n["border"] != centre["border"] for n in nodes.values())
    assert centre["borderColour"] == "rgb(17,17,17)"


def test_a_click_fills_the_panel_in_vietnamese(browser: Browser) -> None:
    page, frame = open_graph(browser, id=CT01_2024)
    panel = page.locator(".st-key-graph_details")
    assert "Chỉ thị 01/CT-BTTTT (2024)" in panel.inner_text()  # the centre, before any click
    nodes = {n["id"]: n for n in frame.evaluate(NODES)}
    left, top = offset(page)
    page.mouse.click(left + nodes[NQ01_2024]["x"], top + nodes[NQ01_2024]["y"])
    panel.get_by_text("Nghị quyết 01/NQ-CP (2024)", exact=True).wait_for()
    wait_idle(page)
    text = panel.inner_text()
    assert "Hiệu lực: Chưa rõ" in text
    assert "vn:" not in text and "@" not in text
    # The drawing has no words of its own: no panel, no English button or help.
    page.mouse.move(0, 0)
    assert frame.locator("body").inner_text().strip() == ""
    assert frame.locator("[title]").count() == 0
    panel.get_by_role("link", name="Mở trang văn bản").click()
    page.wait_for_url("**/document?id=*")
    wait_idle(page)
    assert page.locator("h1").first.inner_text().strip() == "Nghị quyết 01/NQ-CP (2024)"


def test_a_task_draws_direct_solid_and_inherited_dashed(browser: Browser) -> None:
    page, frame = open_graph(browser, task=TASK_91)
    edges = frame.evaluate(EDGES)
    direct = [e for e in edges if "direct" in e["classes"]]
    inherited = [e for e in edges if "inherited" in e["classes"]]
    assert [e["target"] for e in direct] == ["vn:91/2020/ND-CP"]
    assert {e["lineStyle"] for e in direct} == {"solid"}
    assert len(inherited) >= 2 and {e["lineStyle"] for e in inherited} == {"dashed"}
    assert float(direct[0]["width"].rstrip("px")) > float(inherited[0]["width"].rstrip("px"))
    assert direct[0]["label"] == "nêu trực tiếp"
    assert all(e["label"].endswith("(kế thừa)") for e in inherited)
    shown = hover(page, frame, inherited[0]["x"], inherited[0]["y"])
    assert "Nhiệm vụ kế thừa văn bản này" in shown
    page.mouse.move(0, 0)
    screenshot_whole_graph(browser, "graph_task.png")


def test_four_hundred_nodes_do_not_overlap(browser: Browser) -> None:
    page, frame = open_graph(browser, id=SYNTH_CENTRE.id)
    page.get_by_label("Độ sâu").click()  # the drop-down of depths
    page.get_by_role("option", name="2").click()
    wait_idle(page)
    frame = drawing(page, MAX_NODES)
    assert page.get_by_text("chỉ vẽ 400 văn bản gần tâm nhất").is_visible()
    assert frame.evaluate(OVERLAPS) == []
    nodes = frame.evaluate(NODES)
    assert len(nodes) == MAX_NODES
    # Every node is inside the frame: the picture was fitted to it.
    width, height = frame.evaluate("() => [innerWidth, innerHeight]")
    assert all(n["x1"] >= -1 and n["x2"] <= width + 1 for n in nodes)
    assert all(n["y1"] >= -1 and n["y2"] <= height + 1 for n in nodes)
