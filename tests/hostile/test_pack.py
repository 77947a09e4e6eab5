"""The hostile pack through the command line (issue 13): a folder of good texts in every format
beside every odd entry at once. Every good text is loaded, each odd entry fails with one line
naming it, nothing prints a traceback, the exit status is 1, and the run ends.

The odd entries are tested one by one elsewhere (tests/test_loader.py, tests/test_read.py); this
is the combined run, in worker processes, as an officer's folder would be loaded.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from tests.hostile.pack import FORMATS, make_pack, vanish_after
from tests.test_loader import run_cli

pytestmark = pytest.mark.slow

SPACE_RUNS_ID = "vn:12/CT-TTG@2024"  # tests/hostile/pack.py's SPACE_RUNS


def test_the_hostile_pack_loads_every_good_text_and_fails_each_odd_entry_once(
    tmp_path: Path,
) -> None:
    pack = make_pack(tmp_path / "kho")
    store = tmp_path / "g"
    # run_cli's time-out (300 s) is a guard against a hang, not a measure: the run takes seconds.
    result = run_cli("-c", vanish_after(pack), str(pack.folder), "--store", str(store), "-j", "2")

    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 1, output
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    named = {
        entry: [line for line in failed if line.startswith(f"failed: {entry}: ")]
        for entry in pack.bad
    }
    for entry, word in pack.bad.items():
        assert len(named[entry]) == 1, (entry, failed)
        assert word in named[entry][0].lower(), named[entry][0]
    assert len(failed) == len(pack.bad), failed  # and no good text failed

    with EmbeddedStore(store) as loaded:
        assert {r.source_path for r in loaded.texts()} == {str(p.resolve()) for p in pack.good}

    # The text whose space runs once took minutes is read as any other: its three citations.
    cites = run_cli("-m", "queries", "cites", SPACE_RUNS_ID, "--store", str(store), "--json")
    assert cites.returncode == 0, cites.stderr
    cited = {row["document"]["id"] for rows in json.loads(cites.stdout).values() for row in rows}
    assert cited == {"vn:01/2020/ND-CP", "vn:02/2020/ND-CP", "vn:03/2020/ND-CP"}


class Writes:
    """A stderr that keeps each ``write`` call apart."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def write(self, text: str) -> int:
        self.calls.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def test_each_line_reaches_stderr_in_one_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Unbuffered (PYTHONUNBUFFERED, as .ci/run sets it), every write is a system call, and the
    # workers share the loader's stderr: a line written as its text and then its newline let a
    # worker's "ocr: …" line glue itself to the front of a "failed: …" line, which then named
    # no entry (seen once in this suite's combined run).
    from loader.__main__ import main

    folder = tmp_path / "kho"
    folder.mkdir()
    shutil.copy(FORMATS / "pdf_text_layer.pdf", folder)  # its reader reports each page
    (folder / "rong.txt").write_bytes(b"")
    writes = Writes()
    monkeypatch.setattr(sys, "stderr", writes)
    status = main([str(folder), "--store", str(tmp_path / "g"), "-j", "1"])
    assert status == 1
    lines = [call for call in writes.calls if call.strip()]
    assert any(line.startswith("failed: ") for line in lines)
    assert any(line.startswith("ocr: ") for line in lines)
    assert all(line.endswith("\n") and line.count("\n") == 1 for line in lines), lines
