"""The benchmark's stages beside their limits (``bench/run.py``, ``bench/limits.py``,
``bench/usage.py``): every limit and ratio is measured and printed, a row per stage. Which figure
a run gives is never asserted: a benchmark, not a timed test."""

from __future__ import annotations

import json
import math
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench import run
from bench.limits import STORE_PRAGMAS, bare_schema, copy_store, count_numbers, edge_schema
from bench.usage import descendants
from graph.embedded import EmbeddedStore

# Enough texts to cite one another and make every figure non-zero; few enough for seconds.
TEXTS = 20


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return run.measure(TEXTS, 0, tmp_path_factory.mktemp("bench"))


def test_the_limits_are_those_issue_14_names() -> None:
    assert set(run.LIMIT_KEYS) == {
        "plain_read_mb_s",  # read + decode + NFC
        "re_pass_mb_s",  # one compiled re pass for số hiệu
        "sqlite_edges_s",  # the same rows, the store's schema, one transaction
        "bare_edges_s",  # ... a bare table
        "store_copy_edges_s",  # every table's rows, the store's schema, one transaction
        "re_pass_cpu_s",  # the whole load against one re pass
        "corpus_mb",  # the store against the text
    }


# Two synthetic runs: the load's CPU per text grows by a quarter, the re pass's by a fifth.
_SMALL = {"corpus": run.SYNTHETIC, "n": 1000, "load_cpu_ms_per_text": 12.0, "load_re_ratio": 60.0}
_LARGE = {"corpus": run.SYNTHETIC, "n": 10000, "load_cpu_ms_per_text": 15.0, "load_re_ratio": 62.5}


def test_flatness_compares_the_largest_synthetic_size_with_the_smallest() -> None:
    real = {"corpus": "real1k", "n": 1000, "load_cpu_ms_per_text": 1.0, "load_re_ratio": 1.0}
    found = run.flatness([_SMALL, real, _LARGE])
    assert found == {
        "load_cpu_ms_per_text 10000/1000": pytest.approx(0.8),
        "load_re_ratio 10000/1000": pytest.approx(0.96),
    }
    assert run.flatness([_SMALL, real]) == {}


@pytest.mark.parametrize(
    "key",
    sorted({*run.LIMIT_KEYS, *run.RATIO_KEYS, *(row.key for row in run.STAGE_ROWS)}),
)
def test_every_figure_limit_and_ratio_is_measured(measured: dict[str, Any], key: str) -> None:
    value = measured[key]
    assert isinstance(value, float)
    assert math.isfinite(value)
    assert value > 0


def test_a_run_is_json(measured: dict[str, Any]) -> None:
    # The per-run subprocess hands its result to the parent as JSON (and --out writes it).
    assert json.loads(json.dumps(measured)) == measured


def test_the_stage_table_has_a_row_per_stage(measured: dict[str, Any]) -> None:
    lines = run.stage_table([measured]).splitlines()
    assert lines[0].split()[:3] == ["corpus", "stage", "unit"]
    body = lines[1:]
    assert len(body) == len(run.STAGE_ROWS)
    for line, row in zip(body, run.STAGE_ROWS, strict=True):
        assert line.startswith(f"N={TEXTS} ")
        assert f" {row.stage} " in line
        assert row.unit in line


def test_every_target_is_judged_or_said_not_to_apply(measured: dict[str, Any]) -> None:
    rows = run.stage_rows(measured)
    for found, row in zip(rows, run.STAGE_ROWS, strict=True):
        assert found["result"] in (("pass", "FAIL", "n/a") if row.target else ("",))


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Nghị định số 43/2011/NĐ-CP", 1),
        ("Quyết định 749/QĐ-TTg ngày 03/6/2020", 1),
        ("Nghị quyết số 18-NQ/TW", 1),
        ("Thông tư liên tịch 01/2016/TTLT-BTC-BLĐTBXH", 1),
        ("Luật số 61/2024/QH15 và Nghị định 43/2011/NĐ-CP", 2),
        ("ngày 20/1/2024, ngày 20-01-2024", 0),  # dates are not numbers
        ("phạt từ 18-20 triệu đồng, 80 miligam/100 milít máu", 0),
    ],
)
def test_the_re_pass_finds_numbers(text: str, numbers: int) -> None:
    assert count_numbers(text) == numbers


def test_the_store_copy_holds_every_row_of_every_table(tmp_path: Path) -> None:
    from loader.pipeline import load_paths

    samples = Path(__file__).resolve().parents[1] / "samples"
    with EmbeddedStore(tmp_path / "store") as store:
        load_paths(store, [str(samples)], workers=1)
        db = store.db_path
    with sqlite3.connect(db) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {
            name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables
        }
    assert {"texts", "nodes", "edges", "mentions"} <= {t for t, n in counts.items() if n}
    clock, rows = copy_store(db, tmp_path / "copy.sqlite", repeats=1)
    assert rows == sum(counts.values())
    assert clock.cpu > 0
    assert not (tmp_path / "copy.sqlite").exists()


def test_the_write_limit_uses_the_stores_own_edges_table(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "store") as store:
        db = store.db_path
    schema, columns = edge_schema(db)
    assert schema[0].startswith("CREATE TABLE edges")
    assert any(statement.startswith("CREATE INDEX") for statement in schema[1:])
    names = [name for name, _ in columns]
    assert names[:4] == ["source", "target", "type", "origin"]
    bare = bare_schema(columns)
    assert len(bare) == 1
    assert "UNIQUE" not in bare[0]
    assert "NOT NULL" not in bare[0]


def test_the_write_limit_runs_under_the_stores_pragmas(tmp_path: Path) -> None:
    """The reference inserts run with the settings the store's connection has (a bigger page
    cache alone makes inserts faster: a reference without it flatters the ratio)."""
    with EmbeddedStore(tmp_path / "store") as store:
        conn = store._conn  # (the store's own connection: the settings are per connection)
        held = {
            name: str(conn.execute(f"PRAGMA {name}").fetchone()[0]).lower()
            for name in ("journal_mode", "synchronous", "cache_size")
        }
    said = dict(p.removeprefix("PRAGMA ").split("=") for p in STORE_PRAGMAS)
    assert said.keys() == held.keys()
    assert said["journal_mode"].lower() == held["journal_mode"]
    assert {"normal": "1"}.get(said["synchronous"].lower()) == held["synchronous"]
    assert said["cache_size"] == held["cache_size"]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="bench.usage reads Linux's /proc")
def test_descendants_are_seen() -> None:
    # The load's workers are the forkserver's children: bench.usage finds them through /proc.
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in descendants()
    finally:
        child.kill()
        child.wait()
