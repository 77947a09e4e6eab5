"""The first app page, driven by Streamlit's AppTest on a store built from the samples."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.embedded import EmbeddedStore
from loader import load_paths

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    store_dir = tmp_path / "store"
    with EmbeddedStore(store_dir) as store:
        load_paths(store, [ROOT / "samples"])
    monkeypatch.setenv("LEGAL_GRAPH_STORE", str(store_dir))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    return at.run()


def test_lists_the_loaded_documents(app: AppTest) -> None:
    assert not app.exception
    table = app.dataframe[0].value
    labels = list(table["Văn bản"])
    assert "Chỉ thị 01/CT-BTTTT (2024)" in labels
    assert "Chỉ thị 01/CT-BTTTT (2025)" in labels


def test_search_without_diacritics_finds_the_decision(app: AppTest) -> None:
    app.text_input[0].input("quyet dinh 749").run()
    labels = list(app.dataframe[0].value["Văn bản"])
    assert labels and all("749/QĐ-TTg" in label for label in labels)


def test_relations_show_evidence(app: AppTest) -> None:
    app.selectbox[0].select("vn:01/CT-BTTTT@2024").run()
    texts = [t.value for t in app.text]
    assert any("01/NQ-CP" in t for t in texts)
