"""Text from a shared link or from what a user types is shown as text, never run as markdown.

Streamlit renders the messages of ``st.warning`` / ``st.error`` as markdown: an id in a link such
as ``…/document?id=![r](http://attacker.example/x.png)[Đăng nhập lại](http://attacker.example/p)``
made the browser fetch the attacker's image and showed a phishing link (issue 13).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedStore
from loader import load_paths
from views import session

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")

HOSTILE_IDS = [
    "![r](http://attacker.example/x.png)[Đăng nhập lại](http://attacker.example/p)",
    "<img src=http://attacker.example/x.png>",
    "[**Bấm vào đây**](javascript:alert(1))",
]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("injection") / "store"
    with EmbeddedStore(folder) as store:
        load_paths(store, [ROOT / "samples"], workers=1)
    return folder


@pytest.fixture
def fresh_app(monkeypatch: pytest.MonkeyPatch, store_dir: Path) -> AppTest:
    """The app on the samples store, not yet run."""
    monkeypatch.setenv(session.STORE_ENV, str(store_dir))
    monkeypatch.delenv(session.NEO4J_URI_ENV, raising=False)
    return AppTest.from_file(APP, default_timeout=60)


def _link_or_image(markdown: str) -> bool:
    """Whether markdown would render a link or an image: an unescaped ``](`` or ``<img``."""
    unescaped = re.sub(r"\\.", "", markdown)  # "\](" is shown as "](": drop escaped characters
    return "](" in unescaped or "<img" in unescaped


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
@pytest.mark.parametrize("page", [session.DOCUMENT_PAGE, session.GRAPH_PAGE, session.TIMELINE_PAGE])
def test_an_id_from_the_url_is_shown_as_text(fresh_app: AppTest, page: str, hostile: str) -> None:
    at = fresh_app
    at.query_params["id"] = hostile
    at.switch_page(page).run()
    assert not at.exception
    shown = [w.value for w in at.warning]
    assert shown and all(not _link_or_image(value) for value in shown), shown


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
def test_what_is_typed_in_the_picker_is_shown_as_text(fresh_app: AppTest, hostile: str) -> None:
    at = fresh_app
    at.switch_page(session.DOCUMENT_PAGE).run()
    at.text_input(key="doc_picker").set_value(hostile).run()
    assert not at.exception
    shown = [w.value for w in at.warning]
    assert shown and all(not _link_or_image(value) for value in shown), shown


@pytest.mark.parametrize("hostile", HOSTILE_IDS)
def test_a_deadline_typed_in_the_task_filter_is_shown_as_text(
    fresh_app: AppTest, hostile: str
) -> None:
    at = fresh_app
    at.query_params["id"] = "vn:01/CT-BTTTT@2025"
    at.switch_page(session.TASKS_PAGE).run()
    at.text_input(key="t_deadline").input(hostile).run()
    assert not at.exception
    shown = [w.value for w in at.warning]
    assert shown and all(not _link_or_image(value) for value in shown), shown
