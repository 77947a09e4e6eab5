"""The extraction budget (issue 13): a text whose extraction runs away fails with one line in
its worker, ``failed: FILE: extraction took longer than N s``, and the batch goes on.

No test here is timed. The budget is CPU time, and each case is far on one side of it: a
runaway regular expression (~10 s of CPU) against a budget of 0.2-0.3 s, or a 9 MB text (seconds
of CPU) against 0.3 s while the other texts take ~0.01 s each.
"""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.model import TextGraph
from loader import budget, load_paths, load_source, pipeline
from loader.budget import describe_budget, extraction_budget, guard_available
from loader.errors import ExtractionTooLong
from loader.read import SourceText, read_path
from loader.relate import AliasLookup
from tests.test_loader import SAMPLE_FILES, run_cli

# relate.py's _COORD_ONLY before issue 13, fully matched against a run of spaces: its cost grows
# with the cube of the run (3,200 spaces, 51 s). 2,000 take ~10 s of CPU, fifty times the
# budgets below, and end: without the guard a test fails instead of hanging.
RUNAWAY = re.compile(r"\s*(?:,|;|\bva\b|\bhoac\b|\s)*\s*")
RUNAWAY_INPUT = " " * 2_000 + "x"
SMALL = [SAMPLE_FILES[i] for i in (0, 2, 4)]  # ~0.005-0.01 s of CPU each
BIG_COPIES = 200  # seed 003 (47 KB) this many times: 9 MB, a few seconds of CPU
BUDGET = 0.3


def runaway() -> None:
    RUNAWAY.fullmatch(RUNAWAY_INPUT)
    raise AssertionError("the runaway pattern finished")


def test_the_guard_interrupts_a_runaway_regular_expression() -> None:
    with pytest.raises(ExtractionTooLong) as raised, extraction_budget("cham.txt", 0.2):
        runaway()
    assert str(raised.value) == "cham.txt: extraction took longer than 0.2 s"


def test_the_guard_leaves_a_quick_extraction_alone_and_disarms() -> None:
    with extraction_budget("nhanh.txt", 5):
        pass
    with extraction_budget("nhanh.txt", 0.05):
        pass
    # Once out of the block, the same amount of work is not interrupted.
    sum(range(3_000_000))


def test_no_budget_and_other_threads_are_not_guarded() -> None:
    assert describe_budget(60.0) == "extraction took longer than 60 s"
    assert guard_available()
    seen: list[bool] = []
    thread = threading.Thread(target=lambda: seen.append(guard_available()))
    thread.start()
    thread.join()
    assert seen == [False]  # a Streamlit script thread: signals reach only the main thread


def _runaway_on(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction of the file called ``name`` runs away; the others are extracted as ever."""
    extract = pipeline.extract

    def extract_or_run_away(source: SourceText, lookup: AliasLookup | None = None) -> TextGraph:
        if Path(source.path).name == name:
            runaway()
        return extract(source, lookup)

    monkeypatch.setattr(pipeline, "extract", extract_or_run_away)


def test_a_runaway_text_fails_alone_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # -j 1: extraction in the loader's own process, under the module's default budget.
    folder = tmp_path / "kho"
    folder.mkdir()
    for sample in SMALL:
        shutil.copy(sample, folder)
    shutil.copy(SAMPLE_FILES[1], folder / "cham.txt")
    _runaway_on("cham.txt", monkeypatch)
    monkeypatch.setattr(budget, "EXTRACTION_BUDGET_SECONDS", BUDGET)
    failures: list[str] = []
    with EmbeddedStore(tmp_path / "g") as store:
        report = load_paths(
            store, [folder], workers=1, on_failure=lambda p, m: failures.append(f"{p}: {m}")
        )
        assert failures == [f"{folder / 'cham.txt'}: extraction took longer than {BUDGET:g} s"]
        assert report.counts["loaded"] == len(SMALL) and not report.ok
        assert {Path(r.source_path).name for r in store.texts()} == {p.name for p in SMALL}


def test_a_runaway_upload_fails_with_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # load_source (an upload, or load_text) is guarded too, where it runs in a main thread.
    _runaway_on("cham.txt", monkeypatch)
    monkeypatch.setattr(budget, "EXTRACTION_BUDGET_SECONDS", BUDGET)
    source = read_path(SAMPLE_FILES[1])
    with EmbeddedStore(tmp_path / "g") as store:
        with pytest.raises(ExtractionTooLong, match=r"^upload/cham\.txt: extraction took"):
            load_source(store, SourceText("upload/cham.txt", source.text, source.sha256, "utf-8"))
        assert store.stats().texts == 0


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["2", "1"])
def test_cli_a_text_over_budget_fails_with_one_line_and_the_rest_load(
    tmp_path: Path, jobs: str
) -> None:
    folder = tmp_path / "kho"
    folder.mkdir()
    for sample in SMALL:
        shutil.copy(sample, folder)
    big = folder / "bo_luat.txt"
    big.write_text(SAMPLE_FILES[3].read_text(encoding="utf-8") * BIG_COPIES, encoding="utf-8")
    store = tmp_path / "g"
    result = run_cli(
        "-m", "loader", str(folder), "--store", str(store), "-j", jobs,
        "--extraction-budget", str(BUDGET),
    )  # fmt: skip
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert failed == [f"failed: {big}: extraction took longer than {BUDGET:g} s"]
    assert f"Texts: {len(SMALL)} loaded, 0 unchanged, 1 failed" in result.stdout
    with EmbeddedStore(store) as loaded:
        assert {Path(r.source_path).name for r in loaded.texts()} == {p.name for p in SMALL}
        assert loaded.text_record(str(big)) is None  # nothing of it in the store


def test_cli_documents_the_budget() -> None:
    result = run_cli("-m", "loader", "--help")
    assert result.returncode == 0
    assert "--extraction-budget SECONDS" in result.stdout
    assert "extraction took longer than" in " ".join(result.stdout.split())
    assert "--extraction-budget" in (Path(__file__).parents[2] / "README.md").read_text("utf-8")
