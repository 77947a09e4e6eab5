"""Export formats and the ``python -m graph`` CLI: round trips, neo4j-admin headers, exit codes."""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from graph.embedded import EmbeddedStore
from graph.export import (
    ExportError,
    _csv_field,
    from_json,
    import_arguments,
    store_to_csv,
    to_graphml,
    to_json,
)
from graph.model import (
    STATUS_IN_FORCE,
    STATUS_NOT_IN_FORCE,
    STATUS_UNKNOWN,
    Document,
    Edge,
)
from graph.status import derive_status
from tests.factories import doc, named, task, text_graph

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"

DECREE_42 = doc("42/2022/NĐ-CP", name="Nghị định về cung cấp thông tin và dịch vụ công trực tuyến")
DECREE_43 = doc("43/2011/NĐ-CP")
DECREE_13 = doc("13/2023/NĐ-CP", name="Nghị định về bảo vệ dữ liệu cá nhân")
LAW_2023 = named("law", "Luật Giao dịch điện tử", 2023)
DECISION_749 = doc("749/QĐ-TTg", year=2020)
PLAN = doc("156/KH-UBND", year=2024, name="Kế hoạch chuyển đổi số năm 2024")


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[EmbeddedStore]:
    """A store with a replacement, an amendment, a name-only stub, tasks and mentions."""
    with EmbeddedStore(tmp_path / "store") as store:
        store.write_text(
            text_graph(
                "samples/nd-42.txt",
                DECREE_42,
                [("REPLACES", DECREE_43), ("BASED_ON", LAW_2023)],
                third_party=[(DECREE_13, "AMENDS", DECISION_749)],
            )
        )
        store.write_text(text_graph("samples/nd-13.txt", DECREE_13, [("CITES", DECREE_42)]))
        store.write_text(
            text_graph(
                "samples/kh-156.txt",
                PLAN,
                [("IMPLEMENTS", DECISION_749), ("AMENDS", DECREE_13)],
                tasks=[
                    task(
                        "2.5",
                        "Xây dựng Nghị định sửa đổi Nghị định 43/2011/NĐ-CP;\nbáo cáo Thủ tướng",
                        "Bộ Thông tin và Truyền thông",
                        partners=["Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"],
                        depends_on=[DECREE_43],
                        deadline="2024-12-31",
                    )
                ],
                mentions=[
                    ("Nghị quyết số 01/NQ-CP", "ambiguous", "số hiệu không kèm năm"),
                    ("Đề án 06", "unresolved", "tên không đủ để xác định văn bản"),
                    ("Chỉ thị số 05/CT-TTg", "ambiguous", "số hiệu không kèm năm"),
                ],
            )
        )
        yield store


# The rules the export relies on (every rule of graph/status.py: tests/test_status.py).
@pytest.mark.parametrize(
    ("document", "incoming", "status"),
    [
        (
            Document("vn:43/2011/ND-CP", "decree", source_path="nd-43.txt"),
            ["REPLACES"],
            STATUS_NOT_IN_FORCE,
        ),
        (Document("vn:43/2011/ND-CP", "decree"), ["CITES", "REPEALS"], STATUS_NOT_IN_FORCE),
        (
            Document(
                "vn:13/2023/ND-CP", "decree", source_path="nd-13.txt", effective_date="2023-07-01"
            ),
            ["AMENDS"],
            STATUS_IN_FORCE,
        ),
        (Document("vn:749/QD-TTG@2020", "decision"), ["IMPLEMENTS", "AMENDS"], STATUS_UNKNOWN),
        (
            Document(
                "vn:42/2022/ND-CP", "decree", source_path="nd-42.txt", effective_date="2022-08-01"
            ),
            [],
            STATUS_IN_FORCE,
        ),
        # Loaded, but its text says no effective date: never "Còn hiệu lực" on a guess.
        (Document("vn:42/2022/ND-CP", "decree", source_path="nd-42.txt"), [], STATUS_UNKNOWN),
    ],
    ids=[
        "replaced",
        "repealed-stub",
        "amended-still-in-force",
        "stub",
        "loaded-uncited",
        "no-effective-date",
    ],
)
def test_derive_status(document: Document, incoming: list[str], status: str) -> None:
    edges = [Edge("vn:1/2024/ND-CP", document.id, kind) for kind in incoming]
    assert derive_status(document, edges, dt.date(2024, 6, 1)).label == status


def test_export_is_sorted_and_carries_status(filled: EmbeddedStore) -> None:
    data = filled.export()
    ids = [n["id"] for n in data["nodes"]]
    assert ids == sorted(ids)
    keys = [(e["source"], e["target"], e["type"], e["origin"]) for e in data["edges"]]
    assert keys == sorted(keys)
    status = {n["id"]: n.get("status") for n in data["nodes"]}
    assert status[DECREE_43.id] == STATUS_NOT_IN_FORCE
    assert status[DECREE_13.id] == STATUS_UNKNOWN  # loaded, but no effective date is known
    assert status[LAW_2023.id] == STATUS_UNKNOWN
    documents = [n for n in data["nodes"] if n["kind"] == "Document"]
    # As of the day of the export, with the line the CLI and the app show.
    assert {n["status_on"] for n in documents} == {dt.date.today().isoformat()}
    assert all(n["status_explanation"] for n in documents)


def test_export_has_the_fields_score_py_reads(filled: EmbeddedStore) -> None:
    data = filled.export()
    for node in data["nodes"]:
        assert {"id", "kind"} <= node.keys()
        if node["kind"] == "Document":
            assert {"doc_type", "number", "year", "name", "source_path"} <= node.keys()
        if node["kind"] == "Task":
            assert {"text", "lead", "source_path"} <= node.keys()
    for edge in data["edges"]:
        assert {"source", "target", "type", "evidence", "start", "end", "confidence"} <= edge.keys()
    own = next(n for n in data["nodes"] if n["id"] == DECREE_42.id)
    assert (own["number"], own["year"], own["doc_type"]) == ("42/2022/NĐ-CP", 2022, "decree")
    assert own["source_path"] == "samples/nd-42.txt"


def test_json_round_trip(filled: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    to_json(filled.export(), path)
    assert "Nghị định" in path.read_text(encoding="utf-8")  # not \u-escaped
    nodes, edges = from_json(path)
    assert sorted(nodes, key=lambda n: n.id) == list(filled.nodes())
    assert edges == list(filled.edges())


def test_graphml_round_trip(filled: EmbeddedStore, tmp_path: Path) -> None:
    data = filled.export()
    path = tmp_path / "graph.graphml"
    to_graphml(data, path)
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.number_of_nodes() == len(data["nodes"])
    assert graph.number_of_edges() == len(data["edges"])
    assert graph.nodes[DECREE_42.id]["number"] == "42/2022/NĐ-CP"
    assert graph.nodes[DECREE_42.id]["year"] == 2022
    assert "issuer" not in graph.nodes[DECREE_42.id]  # None is left out, not written as "None"
    task_id = f"task:{PLAN.id}:2.5"
    assert graph.nodes[task_id]["partners"] == "Bộ Tài chính; Bộ Kế hoạch và Đầu tư"
    types = {d["type"] for _, _, d in graph.edges(DECREE_42.id, data=True)}
    assert types == {"REPLACES", "BASED_ON"}


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_for_neo4j_admin_import(filled: EmbeddedStore, tmp_path: Path) -> None:
    written = store_to_csv(filled, tmp_path / "csv")
    assert [p.name for p in written] == [
        "documents.csv",
        "tasks.csv",
        "agencies.csv",
        "relationships.csv",
        "texts.csv",
        "mentions.csv",
        "aliases.csv",
    ]
    documents, tasks, agencies, relationships, texts, mentions, aliases = map(_read_csv, written)
    assert documents[0][:2] == ["id:ID", ":LABEL"] and "year:int" in documents[0]
    # A whole store's copy carries what it restates its documents from (graph.claims).
    assert "aliases:string[]" in documents[0] and documents[0][-5:] == [
        "kind",
        "number_key",
        "name_key",
        "claims",
        "own",
    ]
    assert tasks[0] == [
        "id:ID",
        ":LABEL",
        "text",
        "section",
        "field",
        "lead",
        "partners:string[]",
        "deadline",
        "source_path",
        "due",
        "kind",
    ]
    assert agencies[0] == ["id:ID", ":LABEL", "name", "kind"]
    assert relationships[0] == [
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "evidence",
        "start:int",
        "end:int",
        "confidence:float",
        "origin",
        "scope",
        "provisions:string[]",
        "effective_date",
    ]
    assert texts[0][0] == "source_path:ID(Text)" and texts[0][-9:] == [
        "warnings:string[]",
        "content",
        "asked:string[]",
        "answered:string[]",
        "format",
        "ocr:boolean",
        "content_sha256",
        "same_as",
        "claims",
    ]
    assert mentions[0][0] == ":ID(Mention)" and aliases[0][0] == ":ID(Alias)"
    data = filled.export()
    kinds = [n["kind"] for n in data["nodes"]]
    assert len(documents) - 1 == kinds.count("Document")
    assert len(tasks) - 1 == kinds.count("Task") == 1
    assert len(agencies) - 1 == kinds.count("Agency") == 3
    assert len(relationships) - 1 == len(data["edges"])
    assert len(texts) - 1 == filled.stats().texts
    assert len(mentions) - 1 == len(filled.mentions()) and len(aliases) - 1 == len(filled.aliases())
    row = dict(zip(tasks[0], tasks[1], strict=True))
    assert row["partners:string[]"] == "Bộ Tài chính;Bộ Kế hoạch và Đầu tư"
    assert row[":LABEL"] == "Node;Task" and row["kind"] == "Task"
    decree = dict(
        zip(documents[0], next(r for r in documents if r[0] == DECREE_42.id), strict=True)
    )
    assert decree["number_key"] == "42/2022/ND-CP" and decree["name_key"] == ""


# Each row: a value, and the field neo4j-admin must read back as that value.
CSV_FIELDS = [
    pytest.param(None, "", id="no-property"),  # unquoted nothing: no property at all
    pytest.param("", '""', id="empty-string"),  # quoted: a property whose value is ""
    pytest.param('Quy định về "dữ liệu mở"', '"Quy định về ""dữ liệu mở"""', id="quotes"),
    pytest.param("ngày 19 tháng 6\nnăm 2015", '"ngày 19 tháng 6\nnăm 2015"', id="line-break"),
    pytest.param(2022, "2022", id="int"),
    pytest.param(0.9, "0.9", id="float"),
    pytest.param(("Bộ Tài chính", "Bộ Công an"), '"Bộ Tài chính;Bộ Công an"', id="list"),
]


@pytest.mark.parametrize(("value", "field"), CSV_FIELDS)
def test_csv_fields_keep_every_value_as_the_store_holds_it(value: object, field: str) -> None:
    assert _csv_field(value) == field


def test_a_list_item_holding_the_array_delimiter_is_refused() -> None:
    with pytest.raises(ExportError, match="array delimiter"):
        _csv_field(("Bộ Tài chính; Bộ Công an",))


def test_import_arguments_name_every_file_and_keep_line_breaks(
    filled: EmbeddedStore, tmp_path: Path
) -> None:
    store_to_csv(filled, tmp_path)
    arguments = import_arguments(tmp_path)
    # The database first: --relationships takes several files and would take it for one.
    assert arguments[:2] == ["neo4j", "--multiline-fields=true"]
    named = sorted(Path(a.split("=", 1)[1]).name for a in arguments if a.startswith("--nodes"))
    assert named == sorted(
        ["documents.csv", "tasks.csv", "agencies.csv", "texts.csv", "mentions.csv", "aliases.csv"]
    )
    assert arguments[-1] == f"--relationships={tmp_path / 'relationships.csv'}"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graph", *args], cwd=REPO, capture_output=True, text=True
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["stats", "--store", "{missing}"], "lỗi: không có kho dữ liệu ở"),
        (["export", "--store", "{missing}"], "lỗi: không có kho dữ liệu ở"),
        (["export", "--store", "{store}", "--format", "csv"], "lỗi: --format csv"),
        (
            ["export", "--store", "{store}", "--out", "{store}/graph.sqlite/x.json"],
            "lỗi: không ghi được",
        ),
        (["export", "--format", "pdf"], "lỗi: argument --format"),
    ],
    ids=[
        "stats-missing-store",
        "export-missing-store",
        "csv-needs-out",
        "unwritable-out",
        "bad-format",
    ],
)
def test_cli_errors_are_one_line_and_exit_2(
    filled: EmbeddedStore, tmp_path: Path, args: list[str], message: str
) -> None:
    paths = {"missing": str(tmp_path / "no-such-store"), "store": str(filled.path)}
    result = run_cli(*(a.format(**paths) for a in args))
    assert result.returncode == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
    assert not (tmp_path / "no-such-store").exists()


@pytest.mark.slow
def test_cli_export_json_to_stdout(filled: EmbeddedStore) -> None:
    result = run_cli("export", "--store", str(filled.path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == filled.export()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "graphml", "csv"])
def test_cli_export_to_out(filled: EmbeddedStore, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    result = run_cli("export", "--store", str(filled.path), "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "relationships.csv").is_file() if fmt == "csv" else out.stat().st_size > 0


@pytest.mark.slow
def test_cli_stats_lists_mentions_to_review(filled: EmbeddedStore) -> None:
    result = run_cli("stats", "--store", str(filled.path), "--limit", "2")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "texts      3",
        "documents  3",
        "stubs      3",
        "tasks      1",
        "agencies   3",
        "edges      11",
    ]
    assert "mentions   2 ambiguous, 1 unresolved" in lines
    listed = [line for line in lines if "samples/kh-156.txt" in line]
    assert len(listed) == 2 and "«Nghị quyết số 01/NQ-CP»  số hiệu không kèm năm" in listed[0]
    assert "cần kiểm tra (tệp, trích dẫn, lý do):" in lines
    assert "[chưa rõ văn bản nào]" in listed[0]
    assert lines[-1] == "... và 1 trích dẫn khác (--limit 0: xem hết)"


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared/eval/score.py (not in the repo)")
def test_score_py_reads_the_export(filled: EmbeddedStore, tmp_path: Path) -> None:
    export = tmp_path / "graph.json"
    to_json(filled.export(), export)
    result = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            str(export),
            str(SHARED / "eval" / "gold"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("SUMMARY citation_f1=")
