"""A whole store exported as CSV and imported with ``neo4j-admin database import`` is a Neo4j store
like one the loader filled: every query answers as on the store it came from, and the loader
keeps it up to date afterwards (the way to a first load of millions of documents).

The import runs the real tool from the same jars as the test server, into a home of its own, and
a second server is started on it.
"""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from bench.synth import generate
from graph.embedded import EmbeddedStore
from graph.export import store_to_csv
from graph.neo4j_store import Neo4jStore
from loader.pipeline import load_paths
from neo4j_server import Neo4jServer, ServerSetupError, free_port, import_csv
from tests.conftest import neo4j_unavailable
from tests.test_parity import _compare
from tests.test_read import cp1258_bytes

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
SYNTH_TEXTS, MORE_TEXTS = 30, 33
# What CSV quoting and neo4j-admin could lose on the way: a line break inside an evidence
# sentence, double quotes, an empty field that is a value, and a text in Windows-1258 (its
# warning is a list property).
AWKWARD_TEXT = """\
BỘ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 07/2024/TT-BTTTT
Hà Nội, ngày 10 tháng 5 năm 2024

THÔNG TƯ
Quy định về "dữ liệu mở" của cơ quan nhà nước

Căn cứ Nghị định số 48/2022/NĐ-CP ngày 26 tháng 7 năm 2022 của Chính phủ quy định chức năng,
nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Thông tin và Truyền thông;

Căn cứ Nghị định số 47/2020/NĐ-CP ngày 09 tháng 4 năm 2020 của Chính phủ về quản lý, kết nối và
chia sẻ dữ liệu số của cơ quan nhà nước;

Thông tư này hướng dẫn Nghị định số 47/2020/NĐ-CP về "dữ liệu mở".
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in SAMPLES:
        shutil.copy(path, folder / path.name)
    # One synthetic corpus, its first 30 texts loaded and imported, the other 33 loaded later:
    # two corpora generated apart would number different documents alike (Nghị định
    # 01/2010/NĐ-CP twice), which the loader reports as a conflict instead of loading.
    for index, (name, text) in enumerate(generate(SYNTH_TEXTS + MORE_TEXTS, seed=11)):
        where = folder / "synth" if index < SYNTH_TEXTS else tmp_path / "later"
        where.mkdir(exist_ok=True)
        (where / name).write_text(text, encoding="utf-8")
    (folder / "tt-07-2024.txt").write_bytes(cp1258_bytes(AWKWARD_TEXT))
    return folder


@pytest.fixture
def imported_server(tmp_path: Path) -> Iterator[Neo4jServer]:
    """A server on a home whose database is made by importing ``tmp_path / 'csv'``."""
    home = tmp_path / "home"
    try:
        import_csv(home, tmp_path / "csv")
    except ServerSetupError as exc:
        neo4j_unavailable(f"neo4j-admin import did not run: {exc}")
    server = Neo4jServer(home, port=free_port(), password=secrets.token_urlsafe(12), heap="512m")
    try:
        server.start()
    except ServerSetupError as exc:
        neo4j_unavailable(f"no Neo4j server on the imported home: {exc}")
    yield server
    server.stop(kill=True)


@pytest.mark.neo4j
@pytest.mark.slow
def test_an_imported_export_answers_alike_and_the_loader_updates_it(
    corpus: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    with EmbeddedStore(tmp_path / "embedded") as embedded:
        assert load_paths(embedded, [corpus]).ok
        assert any(r.warnings for r in embedded.texts())  # the Windows-1258 text
        store_to_csv(embedded, tmp_path / "csv")
        server: Neo4jServer = request.getfixturevalue("imported_server")
        with (
            GraphDatabase.driver(server.uri, auth=server.auth) as driver,
            Neo4jStore(driver, "neo4j", uri=server.uri) as imported,
        ):
            assert imported.stats() == embedded.stats()
            assert _compare(embedded, imported) == []
            # and what the loader restates stubs from, so later edits count as they would have
            assert imported.stored_claims() == embedded.stored_claims()

            # Kept up to date by the loader: unchanged texts are recognised, a changed text
            # replaces exactly its edges, a new text lands beside the imported ones.
            changed = corpus / SAMPLES[2].name
            with changed.open("a", encoding="utf-8") as text:
                text.write("\nChỉ thị này thay thế Chỉ thị số 05/CT-BTTTT ngày 10/3/2020.\n")
            shutil.move(tmp_path / "later", corpus / "more")
            for store in (embedded, imported):
                report = load_paths(store, [corpus])
                assert report.ok and report.counts["loaded"] == 1 + 33
            assert _compare(embedded, imported) == []
            assert imported.stored_claims() == embedded.stored_claims()
