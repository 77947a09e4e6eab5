"""One node per document, one text of record, on every store: copies under other names, the
same document in other formats, conflicts, removal (``loader.sources``, ``loader.pipeline``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.store import GraphStore
from loader import load_paths, remove_document, remove_source
from loader.errors import IdentityConflict
from loader.pipeline import load_text, source_key
from loader.read import read_path
from loader.sources import conflict, keep_rank, shared_share

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
FIXTURES = ROOT / "tests" / "fixtures" / "formats"
SEED_000 = ROOT / "samples" / "000_35021ff682a48c90.txt"  # Chỉ thị 01/CT-BTTTT (2024)
SEED_003 = ROOT / "samples" / "003_766d5551e8bb995b.txt"  # Chỉ thị 01/CT-BTTTT (2025)
CT01_2024 = "vn:01/CT-BTTTT@2024"
# Seed 000 in other formats (made from it by tests/fixtures/formats/*_make_fixtures.py): one
# document in four files. The .txt is the text of record (loader.sources.keep_rank: its header
# gives the signer too, and it is the longest); the .rtf reads exactly as the .docx: a copy.
SAME_DOCUMENT = [
    SEED_000,
    FIXTURES / "word_000.docx",
    FIXTURES / "html_tvpl_000.html",
    FIXTURES / "rtf_000.rtf",
]


def graph_of(store: GraphStore) -> tuple[object, ...]:
    """What must not depend on how many copies were loaded: counts of nodes and edges."""
    s = store.stats()
    return (s.texts, s.documents, s.stubs, s.tasks, s.agencies, sorted(s.edges_by_type.items()))


def reference(tmp_path: Path, files: list[Path]) -> tuple[object, ...]:
    with EmbeddedStore(tmp_path / "reference") as store:
        assert load_paths(store, files).ok
        return graph_of(store)


def copies(files: list[Path], folder: Path, n: int) -> None:
    """Each file ``n`` times, under the names officers' folders give copies."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in files:
        for i in range(n):
            name = path.name if i == 0 else f"{path.stem} ({i}){path.suffix}"
            shutil.copy(path, folder / name)


def test_copies_under_other_names_load_as_the_graph_of_the_texts(
    store: GraphStore, tmp_path: Path
) -> None:
    copies(SAMPLES, tmp_path / "kho", 4)
    notes: list[tuple[str, str]] = []
    report = load_paths(store, [tmp_path / "kho"], on_note=lambda *note: notes.append(note))
    assert report.ok
    assert report.counts["loaded"] == len(SAMPLES)
    assert report.counts["copies"] == 3 * len(SAMPLES)
    assert sum(label == "unchanged" and ": copy of " in m for label, m in notes) == 15
    assert graph_of(store) == reference(tmp_path, SAMPLES)
    assert store.stats().other_sources == 0  # an exact copy is not even recorded
    again = load_paths(store, [tmp_path / "kho"])
    assert again.counts["loaded"] == 0 and again.counts["unchanged"] == 4 * len(SAMPLES)
    assert graph_of(store) == reference(tmp_path, SAMPLES)


@pytest.mark.shared
@pytest.mark.skipif(
    not (ROOT.parent / "shared" / "corpus" / "dev").is_dir(),
    reason="needs ../shared (the 20 texts of seeds and dev), which a fresh clone does not have",
)
def test_twenty_texts_copied_ten_times_are_the_graph_of_the_twenty(tmp_path: Path) -> None:
    shared = ROOT.parent / "shared" / "corpus"
    texts = sorted([*(shared / "seeds").iterdir(), *(shared / "dev").iterdir()])
    assert len(texts) == 20
    copies(texts, tmp_path / "kho", 10)
    with EmbeddedStore(tmp_path / "store") as store:
        report = load_paths(store, [tmp_path / "kho"])
        assert report.ok and report.counts["copies"] == 180
        assert graph_of(store) == reference(tmp_path, texts)


def test_a_copy_of_a_loaded_text_is_recognised_whatever_its_name_or_format(
    store: GraphStore, tmp_path: Path
) -> None:
    # The same text as UTF-8 with a BOM and CRLF line ends reads the same: a copy.
    load_text(store, SEED_000)
    windows = tmp_path / "Chỉ thị 01.txt"
    windows.write_bytes(b"\xef\xbb\xbf" + SEED_000.read_bytes().replace(b"\n", b"\r\n"))
    result = load_text(store, windows)
    assert result.unchanged and result.copy_of == source_key(SEED_000)
    assert store.text_record(source_key(windows)) is None  # nothing written


def test_a_saved_page_renamed_txt_is_read_as_the_page(store: GraphStore, tmp_path: Path) -> None:
    # Renamed .txt, a thuvienphapluat page used to load as "file:unknown:…", its căn cứ turned
    # into CITES and its <title> into evidence: sniffed by its bytes, it is the page.
    renamed = tmp_path / "chi_thi.txt"
    shutil.copy(FIXTURES / "html_tvpl_000.html", renamed)
    result = load_text(store, renamed)
    assert result.doc_id == CT01_2024
    assert store.text_record(source_key(renamed)).format == "html"  # type: ignore[union-attr]
    assert not any("<title>" in e.evidence for e in store.edges())


@pytest.mark.parametrize("order", [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2]], ids=str)
def test_one_document_in_four_formats_is_one_document_in_any_order(
    store: GraphStore, tmp_path: Path, order: list[int]
) -> None:
    notes: list[tuple[str, str]] = []
    for i in order:  # one load per file: the decision is made against the store
        load_paths(store, [SAME_DOCUMENT[i]], on_note=lambda *note: notes.append(note))
    assert graph_of(store)[:5] == reference(tmp_path, [SEED_000])[:5]
    assert graph_of(store) == reference(tmp_path, [SEED_000])
    sources = store.sources([CT01_2024])[CT01_2024]
    assert [s.source_path for s in sources][0] == source_key(SEED_000)  # the text of record
    copy, original = copy_of(notes)
    assert {copy, original} == {source_key(p) for p in SAME_DOCUMENT[1::2]}  # .docx and .rtf
    assert {s.source_path for s in sources} | {copy} == {source_key(p) for p in SAME_DOCUMENT}
    assert [s.same_as for s in sources[1:]] == [source_key(SEED_000)] * 2
    document = store.document(CT01_2024)
    assert document is not None and document.source_path == source_key(SEED_000)
    assert all(e.origin == source_key(SEED_000) for e in store.edges())
    said = [m for label, m in notes if label in ("same document", "loaded")]
    assert all("same document as" in m for m in said) and len(said) >= 2


def copy_of(notes: list[tuple[str, str]]) -> tuple[str, str]:
    """(copy, original) of the one note that said a file is a copy of another."""
    (said,) = [m for label, m in notes if ": copy of " in m]
    copy, original = said.split(": copy of ")
    return copy, original


def test_one_document_in_four_formats_in_one_batch(store: GraphStore, tmp_path: Path) -> None:
    report = load_paths(store, list(reversed(SAME_DOCUMENT)), workers=1)
    assert report.ok
    # .rtf, .html and .docx first: the .rtf stands for the document until the .html (its
    # header names the signer) and then the .txt take over; the .docx reads as the .rtf.
    assert report.counts["loaded"] == 1 and report.counts["same document"] == 2
    assert report.counts["copies"] == 1 and report.counts["unchanged"] == 1
    assert store.stats().other_sources == 2
    assert graph_of(store) == reference(tmp_path, [SEED_000])
    assert store.document(CT01_2024).source_path == source_key(SEED_000)  # type: ignore[union-attr]


def test_the_better_text_takes_over_and_a_removed_one_hands_over(store: GraphStore) -> None:
    load_text(store, FIXTURES / "word_000.docx")
    result = load_text(store, SEED_000)  # longer, and its header names the signer
    assert result.demoted == source_key(FIXTURES / "word_000.docx")
    assert store.document(CT01_2024).signer == "Nguyễn Mạnh Hùng"  # type: ignore[union-attr]
    removal = remove_source(store, source_key(SEED_000))
    assert removal.promoted == source_key(FIXTURES / "word_000.docx")
    document = store.document(CT01_2024)
    assert document is not None and document.source_path == removal.promoted
    assert {e.origin for e in store.edges()} == {removal.promoted}
    assert [r.source_path for r in store.texts()] == [removal.promoted]


def test_a_text_of_record_that_becomes_another_document_hands_over(
    store: GraphStore, tmp_path: Path
) -> None:
    # chi_thi.txt held the 2024 directive, with its .docx recorded beside it; then the file is
    # overwritten with the 2025 directive. The .docx becomes the 2024 directive's text.
    text = tmp_path / "chi_thi.txt"
    shutil.copy(SEED_000, text)
    load_paths(store, [text, FIXTURES / "word_000.docx"])
    shutil.copy(SEED_003, text)
    report = load_paths(store, [text])
    assert report.ok and report.counts["loaded"] == 1
    docx = source_key(FIXTURES / "word_000.docx")
    assert store.document(CT01_2024).source_path == docx  # type: ignore[union-attr]
    assert store.document("vn:01/CT-BTTTT@2025").source_path == source_key(text)  # type: ignore[union-attr]
    assert {r.source_path: r.same_as for r in store.texts()} == {docx: None, source_key(text): None}
    assert {e.origin for e in store.edges()} == {docx, source_key(text)}


def test_removing_a_document_leaves_a_stub_where_it_is_cited(store: GraphStore) -> None:
    # Seed 002, a press report, cites Chỉ thị 01/CT-BTTTT of 2020; load the 2020 directive's
    # stand-in: seed 000 is the 2024 one, cited by nothing, so it goes entirely.
    load_paths(store, [*SAME_DOCUMENT[:2], SEED_003])
    removal = remove_document(store, CT01_2024)
    assert sorted(removal.removed) == sorted(source_key(p) for p in SAME_DOCUMENT[:2])
    assert store.document(CT01_2024) is None
    assert store.sources([CT01_2024]) == {}
    assert {r.source_path for r in store.texts()} == {source_key(SEED_003)}
    with pytest.raises(Exception, match="only cited|no loaded text"):
        remove_document(store, CT01_2024)


def test_a_text_claiming_a_loaded_identity_with_other_content_is_a_conflict(
    store: GraphStore, tmp_path: Path
) -> None:
    # Seed 003's directive (of 2025) under seed 000's header: the số hiệu and year of 2024
    # misread onto another text. Not merged, reported, nothing of it written.
    seed_000, seed_003 = read_path(SEED_000).text, read_path(SEED_003).text
    header = seed_000[: seed_000.index("CHỈ THỊ")]
    misdated = tmp_path / "chi_thi_01_2024.txt"
    misdated.write_text(header + seed_003, encoding="utf-8")
    load_text(store, SEED_000)
    before = store.export()
    failures: list[tuple[str, str]] = []
    report = load_paths(store, [misdated], on_failure=lambda *f: failures.append(f))
    assert not report.ok
    assert failures[0][0] == source_key(misdated)
    assert "already loaded from" in failures[0][1] and "not merged" in failures[0][1]
    assert store.export() == before
    with pytest.raises(IdentityConflict):
        load_text(store, misdated)


# Each row: two documents' fields as two files claiming one identity give them, and whether
# they are one document. From real cases: Quyết định numbers restart with each province.
CONFLICTS = [
    pytest.param(
        ("Ủy ban nhân dân tỉnh Nam Định", "Phê duyệt kế hoạch sử dụng đất năm 2021"),
        ("Ủy ban nhân dân tỉnh Bình Định", "Phê duyệt kế hoạch sử dụng đất năm 2021"),
        "issued by",
        id="two provinces",
    ),
    pytest.param(
        ("Chủ tịch Ủy ban nhân dân tỉnh Bạc Liêu", "Công bố thủ tục hành chính"),
        ("Ủy ban nhân dân tỉnh Bạc Liêu", "Quyết định 2083/QĐ-UBND công bố thủ tục hành chính"),
        None,
        id="the chairman signs for the committee; a web title in front",
    ),
    pytest.param(
        ("Thủ tướng Chính phủ", "Sửa đối Quyết định số 622/QĐ-TTg"),  # OCR: "đối"
        ("Thủ tướng Chính phủ", "Sửa đổi Quyết định số 622/QĐ-TTg ngày 17 tháng 5 năm 2009"),
        None,
        id="OCR noise in the title",
    ),
    pytest.param(
        ("Bộ Tài chính", "Hướng dẫn chế độ tài chính đối với khu kinh tế cửa khẩu"),
        ("Bộ Tài chính", "Quy định về phí thẩm định cấp giấy phép"),
        "titled",
        id="two circulars, one number",
    ),
]


@pytest.mark.parametrize(("mine", "theirs", "why"), CONFLICTS)
def test_conflict_compares_issuer_title_and_wording(
    mine: tuple[str, str], theirs: tuple[str, str], why: str | None
) -> None:
    from graph.model import Document

    a = Document("vn:x", "decision", issuer=mine[0], name=mine[1])
    b = Document("vn:x", "decision", issuer=theirs[0], name=theirs[1])
    text = read_path(SEED_000).text
    found = conflict(a, text, b, text)
    assert found is None if why is None else found.startswith(why)


def test_wording_shared_by_formats_of_one_text_and_not_by_two_texts() -> None:
    txt = read_path(SEED_000).text
    for path in SAME_DOCUMENT[1:]:
        assert shared_share(txt, read_path(path).text) > 0.95, path
    # Seed 000 and 003 are the directives 01/CT-BTTTT of 2024 and 2025: one ministry, one
    # subject, a year apart.
    assert shared_share(txt, read_path(SEED_003).text) < 0.5


def test_keep_rank_prefers_typed_then_fuller_header_then_longer() -> None:
    from dataclasses import replace

    from loader.pipeline import extract

    texts = {p.suffix: extract(read_path(p)) for p in SAME_DOCUMENT}
    ranks = {suffix: keep_rank(text) for suffix, text in texts.items()}
    assert ranks[".txt"] > ranks[".html"] > ranks[".docx"]
    # A scan read by OCR loses to a typed text whatever its header or length.
    assert keep_rank(replace(texts[".txt"], ocr=True)) < ranks[".docx"]
