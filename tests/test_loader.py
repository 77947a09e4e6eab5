"""The pipeline end to end on the sample texts: CLI, batches with bad files, idempotent re-loads."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bench.synth import write_corpus
from graph.embedded import EmbeddedStore
from graph.model import Document, Edge, TextGraph
from graph.store import GraphStore
from loader import load_paths, load_text, pipeline
from loader.read import MAX_TEXT_BYTES, SourceText
from loader.relate import AliasLookup
from tests.factories import doc, text_graph

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    with EmbeddedStore(tmp_path / "store") as s:
        yield s


FORMATS = ROOT / "tests" / "fixtures" / "formats"


def bad_files(folder: Path) -> dict[str, str]:
    """Files an officer's folder really holds that cannot be loaded, and a word of the one line
    each must give: made here, or the fixtures of tests/fixtures/formats."""
    folder.mkdir(parents=True, exist_ok=True)
    whole = (FORMATS / "word_000.docx").read_bytes()
    (folder / "quyet_dinh_hong.docx").write_bytes(whole[: len(whole) // 2])
    shutil.copy(FORMATS / "word_encrypted.docx", folder / "co_mat_khau.docx")
    shutil.copy(FORMATS / "pdf_protected.pdf", folder / "co_mat_khau.pdf")
    shutil.copy(FORMATS / "pdf_zero_pages.pdf", folder / "khong_trang.pdf")
    shutil.copy(FORMATS / "pdf_truncated.pdf", folder / "cat_ngang.pdf")
    login = "<html><head><title>Đăng nhập</title></head><body><form>Mật khẩu</form></body></html>"
    (folder / "dang_nhap.html").write_text(login, encoding="utf-8")
    return {
        "quyet_dinh_hong.docx": "damaged",
        "co_mat_khau.docx": "password",
        "co_mat_khau.pdf": "password",
        "khong_trang.pdf": "no pages",
        "cat_ngang.pdf": "cut short",
        "dang_nhap.html": "no legal",
    }


def test_cli_bad_files_fail_one_line_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    expected = bad_files(folder)
    shutil.copy(SAMPLE_FILES[0], folder)
    (folder / "bang.xlsx").write_bytes(b"PK\x03\x04")
    store = tmp_path / "g"
    result = run_cli("-m", "loader", str(folder), "--store", str(store), "-j", "1")
    assert result.returncode == 1, result.stderr
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == len(expected) and "Traceback" not in result.stderr
    for name, word in expected.items():
        (line,) = [f for f in failed if f.startswith(f"failed: {folder / name}: ")]
        assert word in line.lower(), line
    assert f"skipped: {folder / 'bang.xlsx'}: not a legal text format" in result.stderr
    assert "Texts: 1 loaded, 0 unchanged, 6 failed, 1 skipped" in result.stdout
    with EmbeddedStore(store) as loaded:
        assert [Path(r.source_path).name for r in loaded.texts()] == [SAMPLE_FILES[0].name]


def test_cli_odd_directory_entries_fail_one_line_each(tmp_path: Path) -> None:
    # Issue 13's odd entries: each used to lose the whole batch (a traceback, or a hang).
    folder = tmp_path / "kho"
    folder.mkdir()
    shutil.copy(SAMPLE_FILES[0], folder)
    with open(os.fsencode(folder) + b"/qd_\xe9\xff.txt", "wb") as handle:  # not UTF-8
        handle.write(SAMPLE_FILES[2].read_bytes())
    os.symlink(folder / "vong_b.txt", folder / "vong_a.txt")  # a link loop
    os.symlink(folder / "vong_a.txt", folder / "vong_b.txt")
    os.mkfifo(folder / "ong.txt")  # reading it would block forever
    result = run_cli("-m", "loader", str(folder), "--store", str(tmp_path / "g"), "-j", "1")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    failed = sorted(line for line in result.stderr.splitlines() if line.startswith("failed: "))
    assert failed == [
        f"failed: {folder}/ong.txt: is not a regular file (a pipe, socket or device)",
        f"failed: {folder}/qd_\\xe9\\xff.txt: {pipeline.UNDECODABLE_NAME}",
        f"failed: {folder}/vong_a.txt: cannot be opened (Too many levels of symbolic links)",
        f"failed: {folder}/vong_b.txt: cannot be opened (Too many levels of symbolic links)",
    ]
    assert "Texts: 1 loaded, 0 unchanged, 4 failed" in result.stdout


def test_cli_prints_what_the_readers_warn_of(tmp_path: Path) -> None:
    # The app showed "decoded as Windows-1258: check the diacritics"; the CLI said nothing.
    from tests.test_read import BASIS, cp1258_bytes

    path = tmp_path / "cu.txt"
    path.write_bytes(cp1258_bytes(BASIS))
    result = run_cli("-m", "loader", str(path), "--store", str(tmp_path / "g"))
    assert result.returncode == 0, result.stderr
    assert f"warning: {path}: decoded as Windows-1258: check the diacritics" in result.stderr


def test_cli_a_folder_of_unsupported_files_reports_each(tmp_path: Path) -> None:
    folder = tmp_path / "kho"
    folder.mkdir()
    for name in ("anh.jpg", "bang.xlsx", "ghi_chu.csv"):
        (folder / name).write_bytes(b"\xff\xd8\xff" if name.endswith("jpg") else b"a,b\n1,2\n")
    result = run_cli("-m", "loader", str(folder), "--store", str(tmp_path / "g"))
    assert result.returncode == 0, result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == 3
    assert "Texts: 0 loaded, 0 unchanged, 0 failed, 3 skipped" in result.stdout


def test_cli_remove_a_file_and_a_document(tmp_path: Path) -> None:
    store = tmp_path / "g"
    folder = tmp_path / "kho"
    folder.mkdir()
    for path in (SAMPLE_FILES[0], FORMATS / "word_000.docx", SAMPLE_FILES[3]):
        shutil.copy(path, folder)
    assert run_cli("-m", "loader", str(folder), "--store", str(store)).returncode == 0
    kept = folder / SAMPLE_FILES[0].name
    result = run_cli("-m", "loader", "remove", str(kept), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"removed: {kept} [vn:01/CT-BTTTT@2024]; {folder / 'word_000.docx'} is now its text of "
        "record"
    )
    result = run_cli("-m", "loader", "remove", "01/CT-BTTTT 2025", "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"removed: {folder / SAMPLE_FILES[3].name} [")
    again = run_cli("-m", "loader", "remove", str(kept), "--store", str(store))
    assert again.returncode == 1 and "failed: " in again.stderr
    with EmbeddedStore(store) as loaded:
        assert [Path(r.source_path).name for r in loaded.texts()] == ["word_000.docx"]


def _descendants(pid: int) -> set[int]:
    """The processes under ``pid`` (workers, and the fork server they start from), from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent's bookkeeping is left


@pytest.mark.slow
def test_killed_loader_leaves_no_worker_behind(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(400, corpus, seed=3)
    loader = subprocess.Popen(
        [sys.executable, "-m", "loader", str(corpus), "--store", str(tmp_path / "g"), "-j", "2"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while len(workers) < 2 and time.monotonic() < deadline and loader.poll() is None:
            time.sleep(0.05)
            workers = _descendants(loader.pid)
        assert len(workers) >= 2, "the loader never started its workers"
        store_files = [
            os.readlink(fd)
            for pid in workers
            for fd in Path(f"/proc/{pid}").glob("fd/*")
            if os.path.exists(fd) and "graph.sqlite" in os.readlink(fd)
        ]
        assert store_files == []  # a worker must not hold the loader's store open
    finally:
        loader.kill()
        loader.wait()
    deadline = time.monotonic() + 10 * pipeline.PARENT_CHECK_SECONDS
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]


def test_samples_are_the_five_seeds() -> None:
    assert [p.name[:3] for p in SAMPLE_FILES] == ["000", "001", "002", "003", "004"]


def test_cli_loads_samples_and_summarises(tmp_path: Path) -> None:
    result = run_cli("-m", "loader", str(SAMPLES), "--store", str(tmp_path / "g"))
    assert result.returncode == 0, result.stderr
    assert "Texts: 5 loaded, 0 unchanged, 0 failed" in result.stdout
    assert "Edges by type:" in result.stdout and "IMPLEMENTS" in result.stdout
    again = run_cli("-m", "loader", str(SAMPLES), "--store", str(tmp_path / "g"))
    assert again.returncode == 0
    assert "Texts: 0 loaded, 5 unchanged, 0 failed" in again.stdout


def test_cli_reports_each_bad_file_and_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE_FILES[0], folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.md").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    result = run_cli("-m", "loader", str(folder), "--store", str(tmp_path / "g"))
    assert result.returncode == 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == 2
    assert any("empty.txt" in line for line in failed)
    assert any("binary.md" in line for line in failed)
    assert "Texts: 1 loaded, 0 unchanged, 2 failed" in result.stdout


def test_cli_missing_path_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    result = run_cli("-m", "loader", str(tmp_path / "nope.txt"), "--store", str(tmp_path / "g"))
    assert result.returncode == 1
    assert "nope.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_file_vanishing_mid_batch_is_reported_and_the_rest_load(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for p in SAMPLE_FILES[:3]:
        shutil.copy(p, folder / p.name)
    doomed = folder / SAMPLE_FILES[1].name

    def progress(files: Iterable[str]) -> Iterator[str]:
        for path in files:
            if path == str(doomed):
                doomed.unlink()  # vanishes between listing and reading
            yield path

    report = load_paths(store, [folder], progress=progress)
    assert [Path(p).name for p, _ in report.failures] == [doomed.name]
    assert report.counts["loaded"] == 2
    assert store.stats().texts == 2


def test_oversized_file_is_rejected_before_reading(store: EmbeddedStore, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # a 50 MB file, sparse so the test is cheap
    assert big.stat().st_size > MAX_TEXT_BYTES
    report = load_paths(store, [big, SAMPLE_FILES[0]])
    assert [Path(p).name for p, _ in report.failures] == ["big.txt"]
    assert store.stats().texts == 1


def test_reload_unchanged_changes_nothing(store: EmbeddedStore) -> None:
    load_paths(store, [SAMPLES])
    before = store.export()
    report = load_paths(store, [SAMPLES])
    assert report.counts["unchanged"] == 5
    assert store.export() == before


def test_changed_text_replaces_its_edges(store: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "chi_thi.txt"
    original = SAMPLE_FILES[1].read_text(encoding="utf-8")
    cited = "Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ"
    assert original.count(cited) == 1
    path.write_text(original, encoding="utf-8")
    first = load_text(store, path)
    targets = {e.target for e in store.edges_of(first.doc_id, "out")}
    assert "vn:43/2011/ND-CP" in targets
    # The officer's corrected copy no longer cites Nghị định 43/2011/NĐ-CP.
    path.write_text(original.replace(cited, "các nghị định hiện hành"), encoding="utf-8")
    second = load_text(store, path)
    assert not second.unchanged
    assert second.doc_id == first.doc_id
    targets_after = {e.target for e in store.edges_of(second.doc_id, "out")}
    assert targets_after == targets - {"vn:43/2011/ND-CP"}
    assert store.document("vn:43/2011/ND-CP") is None  # the orphaned stub is gone too


DECISION_749 = """\
| THỦ TƯỚNG CHÍNH PHỦ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
|---|---|
| Số: 749/QĐ-TTg | Hà Nội, ngày 03 tháng 6 năm 2020 |

QUYẾT ĐỊNH

PHÊ DUYỆT "CHƯƠNG TRÌNH CHUYỂN ĐỔI SỐ QUỐC GIA ĐẾN NĂM 2025, ĐỊNH HƯỚNG ĐẾN NĂM 2030"

THỦ TƯỚNG CHÍNH PHỦ

Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;

QUYẾT ĐỊNH:

Điều 1. Phê duyệt "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030".
"""


def test_a_re_run_completes_a_load_cut_before_it_extracted_texts_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The server went away after some texts were written with answers a later group changed,
    # before they were extracted again. Running the same command again must finish the job,
    # although every text is unchanged: each record keeps what its text was answered.
    corpus = tmp_path / "corpus"
    files = sorted(write_corpus(400, corpus, seed=3))
    monkeypatch.setattr(pipeline, "GROUP_TEXTS", 7)
    with EmbeddedStore(tmp_path / "whole") as store:
        assert load_paths(store, files, workers=1).ok
        expected = _edge_set(store)
    with EmbeddedStore(tmp_path / "cut") as store:
        with monkeypatch.context() as cut:
            cut.setattr(pipeline._Loader, "_extract_again", lambda self, origins: None)
            assert load_paths(store, files, workers=1).ok
        assert _edge_set(store) != expected  # what the cut left out of date
        again = load_paths(store, files, workers=1)
        assert again.counts["unchanged"] == len(files) and again.ok
        assert _edge_set(store) == expected


# Names the programme without a number or quotes: only a text that says which decision approved
# it (DECISION_749) lets the loader cite that decision.
DIRECTIVE_NAMING_THE_PROGRAMME = """\
| BỘ TÀI CHÍNH ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
|---|---|
| Số: 05/CT-BTC | Hà Nội, ngày 10 tháng 3 năm 2024 |

CHỈ THỊ

Về tăng cường quản lý nợ công

Thực hiện Chương trình Chuyển đổi số quốc gia, tăng cường quản lý nợ công, gắn với cải cách \
hành chính và chuyển đổi số.
"""


@pytest.mark.parametrize("one_by_one", [False, True], ids=["load_paths", "load_text"])
@pytest.mark.parametrize("decision_first", [True, False], ids=["decision-first", "directive-first"])
def test_a_name_taught_in_a_later_load_reaches_the_texts_loaded_before(
    fresh_store: GraphStore, tmp_path: Path, one_by_one: bool, decision_first: bool
) -> None:
    # Yesterday's directive named the programme; today's load brings the decision approving it.
    directive, decision = tmp_path / "ct_05.md", tmp_path / "qd_749.md"
    directive.write_text(DIRECTIVE_NAMING_THE_PROGRAMME, encoding="utf-8")
    decision.write_text(DECISION_749, encoding="utf-8")
    for path in [decision, directive] if decision_first else [directive, decision]:
        if one_by_one:
            load_text(fresh_store, path)
        else:
            assert load_paths(fresh_store, [path], workers=1).ok  # a load of its own
    cited = {(e.target, e.type) for e in fresh_store.edges_of("vn:05/CT-BTC@2024")}
    assert ("vn:749/QD-TTG@2020", "IMPLEMENTS") in cited
    record = fresh_store.text_record(str(directive))
    assert record is not None and record.asked == ("chuong trinh chuyen doi so quoc gia",)


@pytest.mark.parametrize("decision_first", [True, False], ids=["decision-first", "directive-first"])
def test_a_name_taught_earlier_in_a_group_is_answered_at_the_first_extraction(
    fresh_store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, decision_first: bool
) -> None:
    # One group: the decision teaches the programme's name, the directive names it. Taught
    # earlier in the group, the directive is answered at once; taught after it, the directive is
    # extracted again once the group is written. Either way the store ends the same.
    directive, decision = tmp_path / "ct_05.md", tmp_path / "qd_749.md"
    directive.write_text(DIRECTIVE_NAMING_THE_PROGRAMME, encoding="utf-8")
    decision.write_text(DECISION_749, encoding="utf-8")
    order = [str(decision), str(directive)] if decision_first else [str(directive), str(decision)]
    first = pipeline.extract_group(order, {}, {})
    directive_first = next(t for t in first.texts if t.source_path == str(directive))
    answered = ["chuong trinh chuyen doi so quoc gia=vn:749/QD-TTG@2020"]
    assert (directive_first.answered == answered) is decision_first
    again: list[str] = []
    real = pipeline._stored_sources

    def counting(store: GraphStore, origins: Iterable[str], **kw: bool) -> list[SourceText]:
        again.extend(origins)
        return real(store, origins, **kw)

    monkeypatch.setattr(pipeline, "_stored_sources", counting)
    assert load_paths(fresh_store, order, workers=1).ok
    assert again == ([] if decision_first else [str(directive)])
    cited = {(e.target, e.type) for e in fresh_store.edges_of("vn:05/CT-BTC@2024")}
    assert ("vn:749/QD-TTG@2020", "IMPLEMENTS") in cited


def test_a_load_that_changes_no_answer_extracts_no_earlier_text_again(
    fresh_store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load_paths(fresh_store, SAMPLE_FILES, workers=1).ok
    again: list[str] = []
    real = pipeline._stored_sources  # every text extracted again is read back through it

    def counting(store: GraphStore, origins: Iterable[str]) -> list[SourceText]:
        again.extend(origins)
        return real(store, origins)

    monkeypatch.setattr(pipeline, "_stored_sources", counting)
    directive = tmp_path / "ct_05.md"  # looks a name up, teaches none
    directive.write_text(DIRECTIVE_NAMING_THE_PROGRAMME, encoding="utf-8")
    assert load_paths(fresh_store, [directive], workers=1).ok
    assert again == []


def test_stub_upgrades_in_place_when_its_text_is_loaded(
    store: EmbeddedStore, tmp_path: Path
) -> None:
    load_text(store, SAMPLE_FILES[3])  # seed 003 cites Quyết định 749/QĐ-TTg ngày 03/06/2020
    stub = store.document("vn:749/QD-TTG@2020")
    assert stub is not None and stub.is_stub
    citing = store.edges_of(stub.id, "in")
    assert citing
    decision = tmp_path / "qd_749.md"
    decision.write_text(DECISION_749, encoding="utf-8")
    result = load_text(store, decision)
    assert result.doc_id == stub.id and result.stub_upgraded
    full = store.document(stub.id)
    assert full is not None and not full.is_stub
    assert full.source_path == str(decision)
    assert full.issued_date == "2020-06-03"
    assert store.edges_of(stub.id, "in") == citing  # what cited the stub now cites the full node


def test_same_number_in_other_years_stays_apart(store: EmbeddedStore) -> None:
    # Seed 002 (a press report) cites Chỉ thị 01/CT-BTTTT of 2020; seeds 000 and 003 are the
    # 2024 and 2025 directives with the same number.
    load_paths(store, [SAMPLE_FILES[0], SAMPLE_FILES[2], SAMPLE_FILES[3]])
    docs = {d.id: d for d in store.documents() if d.number == "01/CT-BTTTT"}
    assert set(docs) == {"vn:01/CT-BTTTT@2020", "vn:01/CT-BTTTT@2024", "vn:01/CT-BTTTT@2025"}
    assert docs["vn:01/CT-BTTTT@2020"].is_stub
    assert not docs["vn:01/CT-BTTTT@2024"].is_stub and not docs["vn:01/CT-BTTTT@2025"].is_stub


def test_export_of_samples_is_the_design_format(store: EmbeddedStore) -> None:
    load_paths(store, [SAMPLES])
    data = json.loads(json.dumps(store.export(), ensure_ascii=False))
    assert set(data) == {"nodes", "edges"}
    kinds = {n["kind"] for n in data["nodes"]}
    assert "Document" in kinds
    for edge in data["edges"]:
        assert {"source", "target", "type", "evidence", "start", "end", "confidence"} <= set(edge)
        assert edge["evidence"], edge


def test_alias_learnt_from_another_text_resolves_a_name(store: EmbeddedStore) -> None:
    # Seed 003 says the "Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số …" is the
    # content of Quyết định 942/QĐ-TTg; seed 001 names the strategy only. Loaded after 003, its
    # mention resolves to the decision through the store.
    load_text(store, SAMPLE_FILES[3])
    assert any(a.doc_id == "vn:942/QD-TTG@2021" for a in store.aliases())
    result = load_text(store, SAMPLE_FILES[1])
    targets = {e.target: e.type for e in store.edges_of(result.doc_id, "out")}
    assert targets.get("vn:942/QD-TTG@2021") == "IMPLEMENTS"


def test_alias_learnt_later_re_resolves_texts_loaded_before(store: EmbeddedStore) -> None:
    # The other order: seed 001 first (the strategy is only a name), then seed 003 teaches that
    # the name is Quyết định 942/QĐ-TTg; 001 is re-resolved from its stored content.
    first = load_text(store, SAMPLE_FILES[1])
    load_text(store, SAMPLE_FILES[3])
    targets = {e.target: e.type for e in store.edges_of(first.doc_id, "out")}
    assert targets.get("vn:942/QD-TTG@2021") == "IMPLEMENTS"


def _export_bytes(store: GraphStore) -> str:
    """The whole export (nodes, stubs' fields, edges with their evidence), as the file says it."""
    return json.dumps(store.export(), ensure_ascii=False, sort_keys=True)


def test_batch_gives_the_same_graph_in_any_order(tmp_path: Path) -> None:
    # Byte for byte, stubs included: a stub's date is what most texts citing it say, not what
    # the first of them happened to say (issue 13).
    exports = set()
    for order, name in ((SAMPLE_FILES, "forward"), (SAMPLE_FILES[::-1], "backward")):
        with EmbeddedStore(tmp_path / name) as s:
            load_paths(s, order)
            exports.add(_export_bytes(s))
    assert len(exports) == 1


def _edge_set(store: GraphStore) -> list[tuple[str, str, str, str | None]]:
    return sorted((e.source, e.target, e.type, e.origin) for e in store.edges())


# Group sizes, extracting processes and file order for the next test. Seed 001 only names the
# e-government strategy; seed 003 says it is Quyết định 942/QĐ-TTg. One text per group extracted
# here; a group boundary between 001 and 003; backwards, one text per group (001 is extracted
# before 003, which teaches the name, is written, and written after it: it must be re-resolved
# after its own write); everything in one group (003 teaches 001 only after both were
# extracted).
GROUPINGS = [
    pytest.param(1, 1, False, id="1-per-group-inline"),
    pytest.param(2, 2, False, id="2-per-group-2-workers"),
    pytest.param(1, 3, True, id="backwards-1-per-group"),
    pytest.param(100, 2, False, id="one-group"),
]


@pytest.mark.parametrize(("group_texts", "workers", "backwards"), GROUPINGS)
def test_grouped_load_gives_the_graph_of_loading_one_by_one(
    fresh_store: GraphStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    group_texts: int,
    workers: int,
    backwards: bool,
) -> None:
    with EmbeddedStore(tmp_path / "one-by-one") as reference:
        for path in SAMPLE_FILES:
            load_text(reference, path)
        expected = _edge_set(reference)
    monkeypatch.setattr(pipeline, "GROUP_TEXTS", group_texts)
    order = SAMPLE_FILES[::-1] if backwards else SAMPLE_FILES
    report = load_paths(fresh_store, order, workers=workers)
    assert report.ok and report.counts["loaded"] == len(SAMPLE_FILES)
    assert ("vn:942/QD-TTG@2021", "IMPLEMENTS") in {
        (e.target, e.type) for e in fresh_store.edges() if e.origin == str(SAMPLE_FILES[1])
    }
    assert _edge_set(fresh_store) == expected
    again = load_paths(fresh_store, SAMPLE_FILES[::-1])
    assert again.counts["unchanged"] == len(SAMPLE_FILES) and again.counts["loaded"] == 0
    assert _edge_set(fresh_store) == expected


def test_a_text_the_store_refuses_fails_alone_in_its_group(
    fresh_store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An extractor bug that draws an edge to a node it never declared: the store refuses that
    # text (nothing of it is written), the texts before and after it in the group still load.
    broken = str(SAMPLE_FILES[2])
    real_extract = pipeline.extract

    def extract_with_a_bug(source: SourceText, lookup: AliasLookup | None = None) -> TextGraph:
        text = real_extract(source, lookup)
        if source.path != broken:
            return text
        ghost = Edge(text.document.id, "vn:does-not-exist", "CITES", "Căn cứ …", 0, 9)
        return replace(text, edges=[*text.edges, ghost])

    monkeypatch.setattr(pipeline, "extract", extract_with_a_bug)
    failures: list[tuple[str, str]] = []
    # In this process (workers start from a fresh fork server: the patch would not reach them).
    report = load_paths(
        fresh_store, SAMPLE_FILES, on_failure=lambda p, m: failures.append((p, m)), workers=1
    )
    assert [p for p, _ in failures] == [broken]
    assert "vn:does-not-exist" in failures[0][1] and not failures[0][1].startswith(broken)
    assert report.counts["loaded"] == len(SAMPLE_FILES) - 1
    assert fresh_store.text_record(broken) is None
    assert not any(e.origin == broken for e in fresh_store.edges())
    assert {r.source_path for r in fresh_store.texts()} == {
        str(p) for p in SAMPLE_FILES if str(p) != broken
    }


def test_the_number_of_workers_never_changes_the_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A synthetic corpus with programmes named before the decisions that teach their names, and
    # year-less numbers that aliases resolve: what a text resolves depends on the groups written
    # before it was extracted, which must depend on the files alone, not on -j.
    corpus = tmp_path / "corpus"
    write_corpus(150, corpus, seed=0)  # 11 edges differed when -j set how far ahead to extract
    monkeypatch.setattr(pipeline, "GROUP_TEXTS", 5)
    graphs = []
    for workers in (1, 2, 3):
        with EmbeddedStore(tmp_path / f"store-{workers}") as store:
            assert load_paths(store, [corpus], workers=workers).ok
            graphs.append(store.export())
    assert graphs[0] == graphs[1] == graphs[2]


@pytest.mark.parametrize("group_texts", [1, 7, 100])
def test_the_order_of_the_files_never_changes_the_edges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, group_texts: int
) -> None:
    # The synthetic corpus names programmes before and after the decisions that approve them,
    # and teaches some names for two decisions: forwards and backwards differed on 49 and 50 of
    # 33,660 edges, from texts that looked a name up before a later text taught it.
    corpus = tmp_path / "corpus"
    files = sorted(write_corpus(400, corpus, seed=3))
    monkeypatch.setattr(pipeline, "GROUP_TEXTS", group_texts)
    exports = []
    for name, order in (("forwards", files), ("backwards", files[::-1])):
        with EmbeddedStore(tmp_path / name) as store:
            assert load_paths(store, order, workers=1).ok
            exports.append(_export_bytes(store))
    assert exports[0] == exports[1]


PROGRAMME = "Chương trình Chuyển đổi số quốc gia"
DOC_749 = doc("749/QD-TTg", year=2020)
DOC_942 = doc("942/QD-TTg", year=2021)

# (file, what it teaches now): one row per write, in order.
ALIAS_WRITES = [
    pytest.param([("a.txt", [(PROGRAMME, DOC_749)])], id="one-name"),
    pytest.param(  # two texts teach one name two ways: the least id answers, as in the store
        [("a.txt", [(PROGRAMME, DOC_942)]), ("b.txt", [(PROGRAMME, DOC_749)])],
        id="one-name-two-documents",
    ),
    pytest.param(  # a changed text that no longer teaches it: the other text's answer comes back
        [
            ("a.txt", [(PROGRAMME, DOC_749)]),
            ("b.txt", [(PROGRAMME, DOC_942)]),
            ("a.txt", []),
        ],
        id="a-text-stops-teaching",
    ),
    pytest.param(  # two texts teach the same pair; one stops: still known
        [
            ("a.txt", [(PROGRAMME, DOC_749)]),
            ("b.txt", [(PROGRAMME, DOC_749)]),
            ("b.txt", [("Chiến lược dữ liệu", DOC_942)]),
        ],
        id="same-pair-twice",
    ),
    pytest.param(
        [("a.txt", [(PROGRAMME, DOC_749)]), ("a.txt", [(PROGRAMME, DOC_942)])],
        id="a-text-changes-its-answer",
    ),
]


def test_a_group_guesses_the_answers_the_alias_book_gives_once_it_is_written() -> None:
    # extract_group answers the names its earlier texts teach as the book will after the group
    # is written (new texts: the least id of a name's teachers); a wrong guess costs a second
    # extraction of each text that asked.
    book = pipeline.AliasBook([])
    answers = book.snapshot()
    taught = [[(PROGRAMME, DOC_942)], [(PROGRAMME, DOC_749)], [("Chiến lược dữ liệu", DOC_942)]]
    for n, aliases in enumerate(taught):
        text = text_graph(f"{n}.txt", doc(f"{10 + n}/CT-TTg", year=2024), [], aliases=aliases)
        pipeline._learn(answers, text.aliases)
        book.wrote([text])
        assert answers == book.snapshot()


@pytest.mark.parametrize("writes", ALIAS_WRITES)
def test_the_alias_book_answers_as_the_store_does(
    fresh_store: GraphStore, writes: list[tuple[str, list[tuple[str, Document]]]]
) -> None:
    # The loader keeps the aliases in memory during a load instead of reading them all from
    # the store for every group: after each write it must answer what reading them would.
    strategy = ("Chiến lược dữ liệu quốc gia đến năm 2030", DOC_942)
    fresh_store.write_text(text_graph("seed.txt", doc("1/CT-TTg", year=2020), aliases=[strategy]))
    book = pipeline.AliasBook(fresh_store.aliases())
    assert book.changed() == set()  # what the store held already is no change
    for n, (path, aliases) in enumerate(writes):
        own = doc(f"{10 + n}/CT-TTg", year=2024, source_path=path)
        text = replace(text_graph(path, own, [], aliases=aliases), sha256=f"v{n}")
        before = book.snapshot()
        fresh_store.write_text(text)
        book.wrote([text])
        # The oracle is the store's own look-up (not alias_snapshot, which is built by the book).
        lookup = pipeline.store_lookup(fresh_store)
        assert book.snapshot() == {a.key: lookup(a.key) for a in fresh_store.aliases()}
        after = book.snapshot()
        assert book.changed() == {k for k in {*before, *after} if before.get(k) != after.get(k)}
