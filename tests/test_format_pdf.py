"""PDF reader: text layers read as the text they print, scans read by Tesseract, no number invented.

The fixtures (``tests/fixtures/formats/pdf_*``) are samples/000 (Chỉ thị 01/CT-BTTTT of 2024)
typeset on A4 pages with a Công báo running header, page numbers and words broken at line ends,
and a page of it printed and scanned to an image; ``pdf_make_fixtures.py`` there made them and
says how. The reference the text layer is held to is the sample itself read as a .txt. The OCR
rows of the confusion and doubt tables are real readings by Tesseract 5 (``vie``) of the scanned
Quyết định 25/QĐ-TTg of 2010 (``../shared/corpus/formats/vbf_6fb3a56a17.pdf``) and of the
fixtures, copied from its hOCR.
"""

from __future__ import annotations

import doctest
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import bench.ocr_accuracy
import loader.formats.ocr
import loader.formats.pdf
from graph.model import TextGraph
from loader.errors import (
    CorruptFile,
    EmptyFile,
    FileTooLarge,
    LoaderError,
    MissingTool,
    ProtectedFile,
)
from loader.formats.ocr import REPLACEMENT, Step, doubtful_digits, mend_symbol, settle_digits
from loader.formats.pdf import Line, Page, Word, drop_chrome, join_pages, reading_order
from loader.pipeline import extract
from loader.read import SourceText, read_bytes, read_path
from tests.conftest import require_tool
from tests.factories import edge_keys, own_identity

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "formats"
SAMPLE = ROOT / "samples" / "000_35021ff682a48c90.txt"
SHARED_SCAN = ROOT.parent / "shared" / "corpus" / "formats" / "vbf_6fb3a56a17.pdf"
TEXT_LAYER = FIXTURES / "pdf_text_layer.pdf"
SCAN = FIXTURES / "pdf_scan.pdf"

TESSERACT = ("tesseract", "tesseract-ocr tesseract-ocr-vie")
RELATIONS = {"CITES", "BASED_ON", "IMPLEMENTS", "GUIDES", "AMENDS", "REPLACES", "REPEALS"}

identity = own_identity
edges = edge_keys


def printed_lines(path: Path) -> list[str]:
    """The lines as the PDF prints them (words on one baseline, header cells and all), before
    the reader puts them in order and joins them."""
    document = pdfium.PdfDocument(path)
    lines: list[str] = []
    for page in document:
        textpage = page.get_textpage()
        lines += [line.text for line in loader.formats.pdf._text_lines(textpage, page.get_height())]
    document.close()
    return lines


@pytest.fixture(scope="module")
def reference() -> TextGraph:
    graph = extract(read_path(SAMPLE))
    assert identity(graph) == (
        "vn:01/CT-BTTTT@2024",
        "directive",
        "01/CT-BTTTT",
        2024,
        "2024-01-20",
    )
    assert len(edges(graph)) > 30  # citations and tasks: a comparison that can fail
    return graph


@pytest.fixture(scope="module")
def text_layer() -> SourceText:
    return read_path(TEXT_LAYER)


@pytest.fixture(scope="module")
def scan() -> tuple[SourceText, list[tuple[int, int]]]:
    require_tool(*TESSERACT)
    calls: list[tuple[int, int]] = []
    source = read_path(SCAN, lambda done, total: calls.append((done, total)))
    return source, calls


# --- 1. a text layer reads as the text ------------------------------------------------------------


def test_text_layer_gives_the_identity_and_edges_of_the_text(
    text_layer: SourceText, reference: TextGraph
) -> None:
    graph = extract(text_layer)
    assert identity(graph) == identity(reference)
    assert edges(graph) == edges(reference)


def test_text_layer_gives_the_texts_paragraphs_one_a_line(text_layer: SourceText) -> None:
    # Every paragraph of the sample is one line of the PDF's text, none more: the header reads
    # a column at a time, so only the order of its cells may differ.
    sample = [line.strip() for line in SAMPLE.read_text(encoding="utf-8").split("\n")]
    assert Counter(line for line in text_layer.text.split("\n") if line) == Counter(
        line for line in sample if line
    )
    assert (text_layer.format, text_layer.encoding, text_layer.ocr) == (
        "pdf",
        "PDF text layer",
        False,
    )


HARD_CASES = [
    # case, a printed line ends so, the next printed line starts so, one line of the text holds
    (
        "số hiệu broken at its own hyphen",
        "Nghị quyết 02/NQ-",
        "CP ngày 05/01/2024",
        "và Nghị quyết 02/NQ-CP ngày 05/01/2024 của Chính phủ",
    ),
    (
        "Latin word hyphenated by the typesetter",
        "bưu chính và logist-",
        "ics hiệu quả.",
        "chuỗi cung ứng bưu chính và logistics hiệu quả.",
    ),
    (
        "paragraph running on over a page break (footer and header between)",
        "Nâng cao hiệu quả cung cấp dịch vụ",
        "công trực tuyến, đẩy mạnh",
        "Nâng cao hiệu quả cung cấp dịch vụ công trực tuyến, đẩy mạnh triển khai",
    ),
    (
        "centred title over two lines",
        "VỀ ĐỊNH HƯỚNG PHÁT TRIỂN NGÀNH THÔNG TIN VÀ TRUYỀN THÔNG",
        "NĂM 2024",
        "VỀ ĐỊNH HƯỚNG PHÁT TRIỂN NGÀNH THÔNG TIN VÀ TRUYỀN THÔNG NĂM 2024",
    ),
    (
        "header table printed row by row, read a column at a time",
        "BỘ THÔNG TIN VÀ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TRUYỀN THÔNG Độc lập - Tự do - Hạnh phúc",
        "BỘ THÔNG TIN VÀ\nTRUYỀN THÔNG\n-------\nSố: 01/CT-BTTTT\nCỘNG HÒA XÃ HỘI",
    ),
]


@pytest.mark.parametrize(
    ("ends", "starts", "expected"), [row[1:] for row in HARD_CASES], ids=[r[0] for r in HARD_CASES]
)
def test_text_layer_mends_what_printing_broke(
    text_layer: SourceText, ends: str, starts: str, expected: str
) -> None:
    printed = printed_lines(TEXT_LAYER)
    assert any(line.endswith(ends) for line in printed)  # the fixture has the case
    assert any(line.startswith(starts) for line in printed)
    assert expected in text_layer.text


CHROME = [
    # case, printed on a page of the fixture
    (
        "Công báo's running header, page number outside (odd page)",
        "CÔNG BÁO/Số 85 + 86/Ngày 31-01-2024 3",
    ),
    ("the same on an even page", "2 CÔNG BÁO/Số 85 + 86/Ngày 31-01-2024"),
    ("footer", "Trang 3/4"),
]


@pytest.mark.parametrize("line", [row[1] for row in CHROME], ids=[row[0] for row in CHROME])
def test_text_layer_drops_running_headers_and_page_numbers(
    text_layer: SourceText, line: str
) -> None:
    assert line in printed_lines(TEXT_LAYER)
    assert line not in text_layer.text
    assert "CÔNG BÁO" not in text_layer.text


def page_of(*texts: str, words_top: float = 100.0) -> Page:
    """A page of one-word-per-line lines, each a line height (12) below the last, full width."""
    lines = [
        Line([Word(text, 50.0, words_top + 14 * i, 500.0, words_top + 14 * i + 12)])
        for i, text in enumerate(texts)
    ]
    return Page(lines)


PAGE_CHROME = [
    # case, first line of each of three pages, last line of each, what is kept of them
    ("page numbers '- 3 -'", ["- 1 -", "- 2 -", "- 3 -"], ["x", "y", "z"], {"x", "y", "z"}),
    ("'Trang 2/10'", ["a", "b", "c"], ["Trang 1/10", "Trang 2/10", "Trang 3/10"], {"a", "b", "c"}),
    (
        "Công báo header even and odd",
        ["CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025 35", "36 CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025", "x"],
        ["a", "b", "c"],
        {"x", "a", "b", "c"},
    ),
    (
        "a line on every page's top",
        ["Chỉ thị 01/CT-BTTTT", "Chỉ thị 01/CT-BTTTT", "Chỉ thị 01/CT-BTTTT"],
        ["a", "b", "c"],
        {"a", "b", "c"},
    ),
    (
        "the motto on every page is the text's",
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] * 3,
        ["a", "b", "c"],
        {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "a", "b", "c"},
    ),
    (
        "a line on one page only",
        ["Phụ lục", "b", "c"],
        ["x", "y", "z"],
        {"Phụ lục", "b", "c", "x", "y", "z"},
    ),
    (
        "articles' headings atop pages are the text's",
        ["Điều 2", "Điều 5", "Điều 9"],
        ["a", "b", "c"],
        {"Điều 2", "Điều 5", "Điều 9", "a", "b", "c"},
    ),
]


@pytest.mark.parametrize(
    ("firsts", "lasts", "kept"), [row[1:] for row in PAGE_CHROME], ids=[r[0] for r in PAGE_CHROME]
)
def test_page_chrome_goes_the_text_stays(
    firsts: list[str], lasts: list[str], kept: set[str]
) -> None:
    pages = [
        page_of(
            first, *(f"Khoản {3 * n + i}. Căn cứ Luật số {n}{i}/2015/QH13;" for i in range(3)), last
        )
        for n, (first, last) in enumerate(zip(firsts, lasts, strict=True))
    ]
    drop_chrome(pages)
    left = {line.text for page in pages for line in page.lines if not line.text.startswith("Khoản")}
    assert left == kept
    body = [line for page in pages for line in page.lines if line.text.startswith("Khoản")]
    assert len(body) == 9  # the body is all there


def test_progress_hears_of_every_page() -> None:
    calls: list[tuple[int, int]] = []
    read_path(TEXT_LAYER, lambda done, total: calls.append((done, total)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_a_text_layer_needs_no_tesseract(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text_layer: SourceText
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert read_path(TEXT_LAYER).text == text_layer.text


def line(text: str, left: float, right: float, row: int) -> Line:
    """A printed line of ``text`` from ``left`` to ``right`` (points), on the ``row``-th line
    of a page set 14 points apart in 12-point lines."""
    return Line([Word(text, left, 100.0 + 14 * row, right, 112.0 + 14 * row)])


JOINS = [
    # case, printed lines (text, left, right), the text
    (
        "số hiệu broken at its hyphen (README: text printed from PDF, Công báo)",
        [
            ("Căn cứ Thông tư số 26/2016/TT-", 80, 500),
            ("BLĐTBXH ngày 01 tháng 9 năm 2016;", 50, 300),
        ]
        + [("Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;", 80, 500)],
        "Căn cứ Thông tư số 26/2016/TT-BLĐTBXH ngày 01 tháng 9 năm 2016;\n"
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;\n",
    ),
    (
        "an item after a sentence's end starts a paragraph though the line before is full",
        [("1. Quyết định này có hiệu lực kể từ ngày ký ban hành và thay thế", 80, 500)]
        + [("Quyết định số 1480/QĐ-TTg ngày 12 tháng 8 năm 2008 đã ban hành.", 50, 500)]
        + [("2. Thống đốc Ngân hàng Nhà nước Việt Nam chịu trách nhiệm thi hành.", 50, 460)],
        "1. Quyết định này có hiệu lực kể từ ngày ký ban hành và thay thế Quyết định số "
        "1480/QĐ-TTg ngày 12 tháng 8 năm 2008 đã ban hành.\n"
        "2. Thống đốc Ngân hàng Nhà nước Việt Nam chịu trách nhiệm thi hành.\n",
    ),
    (
        "a line out of the text's column on the left (a receipt stamp) is no continuation",
        [("Căn cứ Nghị định số 78/2002/NĐ-CP ngày 04 tháng 10 năm 2002 của", 80, 500)]
        + [("Chính phủ về tín dụng đối với người nghèo và các đối tượng chính", 50, 500)]
        + [("sách khác; Căn cứ Nghị quyết số 30/2008/NQ-CP ngày 12 tháng 11", 50, 500)]
        + [("CÔNG VĂN ĐẾN Số: 152", 10, 480), ("năm 2008 của Chính phủ;", 50, 200)],
        "Căn cứ Nghị định số 78/2002/NĐ-CP ngày 04 tháng 10 năm 2002 của Chính phủ về tín dụng "
        "đối với người nghèo và các đối tượng chính sách khác; Căn cứ Nghị quyết số "
        "30/2008/NQ-CP ngày 12 tháng 11\nCÔNG VĂN ĐẾN Số: 152\nnăm 2008 của Chính phủ;\n",
    ),
]


@pytest.mark.parametrize(("printed", "expected"), [r[1:] for r in JOINS], ids=[r[0] for r in JOINS])
def test_lines_join_into_paragraphs_where_the_layout_says(
    printed: list[tuple[str, float, float]], expected: str
) -> None:
    page = Page([line(text, left, right, row) for row, (text, left, right) in enumerate(printed)])
    assert join_pages([page]) == expected


def cells(*rows: tuple[str, ...]) -> list[Line]:
    """Printed lines of a page: each row's cells (a text, or "" for none) in columns 200 points
    apart, words 40 points apart, rows 14 points apart."""
    lines = []
    for row, texts in enumerate(rows):
        top = 100 + 14 * row
        for column, text in enumerate(texts):
            left = 50 + 200 * column
            words = [
                Word(w, left + 40 * i, top, left + 40 * i + 30, top + 12)
                for i, w in enumerate(text.split())
            ]
            if words:
                lines.append(Line(words))
    return lines


ORDERS = [
    # case, printed rows (cells left to right), the lines in reading order
    (
        "two columns (the header) read a column at a time",
        [("BỘ TÀI CHÍNH", "CỘNG HÒA XÃ HỘI"), ("Số: 07/2010/TT-BTC", "Hà Nội, ngày 14")],
        ["BỘ TÀI CHÍNH", "Số: 07/2010/TT-BTC", "CỘNG HÒA XÃ HỘI", "Hà Nội, ngày 14"],
    ),
    (
        "three columns (a table) read a row at a time",
        [("STT", "Tên văn bản", "Số"), ("1", "Quyết định", "02/QĐ-PCLB"), ("2", "Chỉ thị", "")],
        ["STT", "Tên văn bản", "Số", "1", "Quyết định", "02/QĐ-PCLB", "2", "Chỉ thị"],
    ),
]


@pytest.mark.parametrize(("rows", "expected"), [r[1:] for r in ORDERS], ids=[r[0] for r in ORDERS])
def test_columns_are_read_in_order(rows: list[tuple[str, ...]], expected: list[str]) -> None:
    assert [line.text for line in reading_order(cells(*rows))] == expected


# --- 2. scans: OCR with Tesseract -----------------------------------------------------------------


def test_scan_gives_the_identity_and_citations_despite_ocr(
    scan: tuple[SourceText, list[tuple[int, int]]], reference: TextGraph
) -> None:
    source, calls = scan
    assert (source.format, source.encoding, source.ocr) == ("pdf", "OCR (Tesseract, vie)", True)
    assert calls == [(1, 1)]
    graph = extract(source)
    assert identity(graph) == identity(reference)
    on_page_one = {"vn:01/NQ-CP@2024", "vn:02/NQ-CP@2024"}
    cited = {e for e in edges(reference) if e[2] in RELATIONS and e[1] in on_page_one}
    assert len(cited) == 2
    assert cited <= edges(graph)


def test_scan_gives_the_pages_paragraphs_one_a_line(
    scan: tuple[SourceText, list[tuple[int, int]]],
) -> None:
    # Header cells a column at a time, the title, then each paragraph on the page whole: specks
    # of toner read as "ï" or ":" at a line's end break none of them.
    sample = [p.strip() for p in SAMPLE.read_text(encoding="utf-8").split("\n") if p.strip()]
    body = sample[sample.index("CHỈ THỊ") + 2 :]
    paragraphs = [
        "BỘ THÔNG TIN VÀ",
        "TRUYỀN THÔNG",
        "Số: 01/CT-BTTTT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 20 tháng 01 năm 2024",
        "CHỈ THỊ",
        "VỀ ĐỊNH HƯỚNG PHÁT TRIỂN NGÀNH THÔNG TIN VÀ TRUYỀN THÔNG NĂM 2024",
        *body[: next(i for i, p in enumerate(body) if p.startswith("1. ")) + 1],
    ]
    lines = scan[0].text.rstrip("\n").split("\n")
    assert [" ".join(line.split()[:2]) for line in lines] == [
        " ".join(p.split()[:2]) for p in paragraphs
    ]


def test_a_handwritten_number_is_unread_never_invented() -> None:
    require_tool(*TESSERACT)
    source = read_path(FIXTURES / "pdf_scan_handwritten.pdf")
    line = next(line for line in source.text.split("\n") if "/CT" in line)
    number = re.search(r"[Ss]ố:\s*(\S*)\s*/CT", line)
    assert number is not None, line
    assert number.group(1) and set(number.group(1)) == {REPLACEMENT}, line
    assert any("could not read" in warning for warning in source.warnings)
    document = extract(source).document
    assert document.number is None or not re.search(r"\d", document.number)


def test_a_watermark_is_no_text_layer() -> None:
    require_tool(*TESSERACT)
    path = FIXTURES / "pdf_scan_watermark.pdf"
    document = pdfium.PdfDocument(path)
    layer = document[0].get_textpage().get_text_range()
    document.close()
    # Its text layer has more letters than a page of text must, most of them at 30°, and an
    # upright "LuatVietnam.vn" with fewer: only both rules together tell it from a text.
    assert sum(ch.isalnum() for ch in layer) >= loader.formats.pdf.SCAN_MAX_LETTERS
    assert layer.count("LuatVietnam.vn") > 1
    source = read_path(path)
    assert source.ocr
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in source.text
    assert "BỘ THÔNG TIN VÀ\nTRUYỀN THÔNG" in source.text
    assert "LuatVietnam" not in source.text


def test_someone_elses_ocr_layer_is_read_anew() -> None:
    require_tool(*TESSERACT)
    path = FIXTURES / "pdf_scan_ocr_layer.pdf"
    document = pdfium.PdfDocument(path)
    layer = document[0].get_textpage().get_text_range()
    document.close()
    assert "So: 0l/CT-BTTTT" in layer  # invisible, and enough letters to pass for a text
    assert sum(ch.isalnum() for ch in layer) >= loader.formats.pdf.SCAN_MAX_LETTERS
    source = read_path(path)
    assert source.ocr
    assert "0l/CT" not in source.text and "Số: 01/CT" in source.text


def test_without_tesseract_a_scan_says_which_package_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a real machine without it: nothing on the PATH
    with pytest.raises(MissingTool) as raised:
        read_path(SCAN)
    message = str(raised.value)
    assert "apt-get install tesseract-ocr tesseract-ocr-vie" in message
    assert message.startswith(str(SCAN)) and "\n" not in message


def test_without_the_vietnamese_model_a_scan_says_which_package_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    require_tool(*TESSERACT)
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a model folder without vie
    with pytest.raises(MissingTool) as raised:
        read_path(SCAN)
    assert "apt-get install tesseract-ocr-vie" in str(raised.value)
    assert "tesseract-ocr " not in str(raised.value)


# --- 3. numbers: kept, corrected or unread, from real readings ------------------------------------

QD25 = "Quyết định 25/QĐ-TTg of 2010 (vbf_6fb3a56a17), page 1"

SETTLED: list[tuple[str, str, float, list[Step] | None, str]] = [
    # where it was read, word as read, word confidence, steps of the network (None: not
    # matched), the word as the reader gives it
    (
        f"{QD25}, handwritten 'Số: 25'",
        "¿5",
        62,
        [[(" ", 94)], [("¿", 68), (";", 62), ("Z", 51)], [("5", 94), ("Š", 57), ("§", 41)]],
        "��",
    ),
    (
        f"{QD25}, handwritten date 'ngày 07'",
        "Ú7",
        27,
        [[(" ", 96)], [("Ú", 84), ("Ö", 76), ("Ô", 70)], [("7", 92), ("?", 0), ("Z", 0)]],
        "��",
    ),
    (
        f"{QD25}, Điều 1 '579/QĐ-TTg' read '379' with '5' close behind",
        "379/QĐ-TTg",
        82,
        [[("3", 84), ("5", 78), ("S", 13)], [("7", 95)], [("9", 94), ("2", 33)], [("/", 96)]]
        + [[("Q", 94)], [("Đ", 99)], [("-", 99)], [("T", 99)], [("T", 98)], [("g", 99)]],
        "���/QĐ-TTg",
    ),
    (
        f"{QD25}, receipt stamp's handwritten month '1' read '4'",
        "4",
        13,
        [[("4", 93), ("-", 86), ("Ä", 0)]],
        "�",
    ),
    (
        f"{QD25}, receipt stamp's handwritten '2010': '1' at 81 in a word at 9",
        "-u1...",
        9,
        [[("-", 83), (".", 77)], [("u", 95)], [("1", 81), ("t", 42), ("4", 38)], [(".", 76)]]
        + [[(".", 96)], [(".", 87)]],
        "-u�...",
    ),
    (
        f"{QD25}, receipt stamp's '152' (steps do not match the word)",
        "5...",
        0,
        [[("X", 76)], [(" ", 86), ("-", 47)], [(" ", 76), (".", 40)], [(" ", 94)]],
        "�...",
    ),
    (
        f"{QD25}, typed '10/2003/QH11' at word confidence 0, every digit clear",
        "10/2003/QH11",
        0,
        [[(" ", 93)], [("1", 93), ("I", 3)], [("0", 91)], [("/", 93)], [("2", 95)], [("0", 95)]]
        + [[("0", 89)], [("3", 95)], [("/", 93)], [("Q", 92)], [("H", 94)]]
        + [[("I", 91), ("1", 55)], [("1", 94), ("]", 66), ("l", 41)]],
        "10/2003/QH11",
    ),
    (
        "the same, had the network not weighed a '1' at all (not seen, kept out all the same)",
        "10/2003/QH11",
        0,
        [[(" ", 93)], [("1", 93), ("I", 3)], [("0", 91)], [("/", 93)], [("2", 95)], [("0", 95)]]
        + [[("0", 89)], [("3", 95)], [("/", 93)], [("Q", 92)], [("H", 94)]]
        + [[("I", 91), ("!", 55)], [("1", 94), ("]", 66), ("l", 41)]],
        "10/2003/QH��",
    ),
    (
        "'“5.' had the best choice been no look-alike of a 5 (not seen, kept out all the same)",
        "“5.",
        53,
        [[("“", 94), ("*", 35)], [("%", 87), ("5", 80), ("§", 74)], [(".", 93), (",", 47)]],
        "“�.",
    ),
    (
        f"{QD25}, typed 'tháng 01': '1' at 81 among its look-alikes",
        "01",
        57,
        [[(" ", 95)], [("0", 95), ("Ö", 40), ("Ú", 19)], [("1", 81), ("l", 80), ("]", 76)]],
        "01",
    ),
    (
        f"{QD25}, Điều 1 'ngày l7' (confusion table: l)",
        "l7",
        92,
        [[(" ", 94)], [("l", 87), ("1", 55), ("]", 38)], [("7", 94), ("/", 0)]],
        "17",
    ),
    (
        f"{QD25}, preamble '20/2004/QHI1' (confusion table: I)",
        "20/2004/QHI1",
        73,
        None,
        "20/2004/QH11",
    ),
    (
        f"{QD25} page 2, 'KTTH (5b)': best 'S' at 84 in a word at 7, not clear enough",
        "(5b).",
        7,
        [[(" ", 91)], [("(", 94)], [("S", 84), ("5", 83)], [("b", 95)], [(")", 93)], [(".", 89)]],
        "(�b).",
    ),
    (
        f"{QD25} page 2, item '“5.': best '$' at 87, a look-alike, with '5' weighed at 80",
        "“5.",
        53,
        [[("“", 94), ("*", 35)], [("$", 87), ("5", 80), ("§", 74)], [(".", 93), (",", 47)]],
        "“5.",
    ),
    (
        "fixture pdf_scan_handwritten, the pen's '01'",
        "0ƒ",
        79,
        [[(" ", 97)], [("0", 94), ("9", 64), ("Ó", 62)], [("ƒ", 88), ("/", 53), ("f", 48)]],
        "��",
    ),
    ("a letter before a digit is no confusion: carbon dioxide", "CO2", 90, None, "CO2"),
]


@pytest.mark.parametrize(
    ("text", "confidence", "steps", "expected"),
    [row[1:] for row in SETTLED],
    ids=[r[0] for r in SETTLED],
)
def test_numbers_are_kept_corrected_or_unread(
    text: str, confidence: float, steps: list[Step] | None, expected: str
) -> None:
    doubtful = None if steps is None else doubtful_digits(text, steps, confidence)
    assert settle_digits(text, confidence, doubtful) == expected


def test_a_doubled_letter_of_a_symbol_is_mended() -> None:
    # Quyết định 25/QĐ-TTg of 2010, page 1: "579/QĐÐ- TTg" (U+0110 U+00D0) for "579/QĐ-TTg".
    assert mend_symbol("579/QĐ\u00d0-") == "579/QĐ-"
    assert mend_symbol("QĐ\u00d0") == "QĐ\u00d0"  # not a số hiệu: left alone


# --- 4. files that cannot be read -----------------------------------------------------------------


def _damaged_page() -> bytes:
    # Found by fuzzing: the file opens, but a page dictionary is garbage ("Failed to load page").
    data = bytearray((FIXTURES / "pdf_text_layer.pdf").read_bytes())
    second = [m.start() for m in re.finditer(rb"/Type\s*/Page\b", data)][1]
    data[second : second + 10] = b"/Type /Xyz"
    return bytes(data)


BAD_FILES: list[tuple[str, Callable[[], bytes], type[LoaderError], str]] = [
    ("password", lambda: (FIXTURES / "pdf_protected.pdf").read_bytes(), ProtectedFile, "password"),
    ("truncated", lambda: (FIXTURES / "pdf_truncated.pdf").read_bytes(), CorruptFile, "cut short"),
    ("zero pages", lambda: (FIXTURES / "pdf_zero_pages.pdf").read_bytes(), EmptyFile, "no pages"),
    ("a damaged page", _damaged_page, CorruptFile, "page cannot be read"),
    (
        "damaged beyond repair",
        lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF\n",
        CorruptFile,
        "damaged",
    ),
]


@pytest.mark.parametrize(
    ("data", "error", "word"), [row[1:] for row in BAD_FILES], ids=[row[0] for row in BAD_FILES]
)
def test_bad_files_fail_with_one_line(
    data: Callable[[], bytes], error: type[LoaderError], word: str
) -> None:
    with pytest.raises(error) as raised:
        read_bytes(data(), "van_ban.pdf")
    message = str(raised.value)
    assert message.startswith("van_ban.pdf: ") and word in message and "\n" not in message


LIMITS = [
    # limit, set to, file, words of the message
    ("MAX_PAGES", 3, TEXT_LAYER, "4 pages"),
    ("MAX_OCR_PAGES", 0, SCAN, "1 scanned page;"),
]


@pytest.mark.parametrize(("limit", "value", "path", "words"), LIMITS, ids=[r[0] for r in LIMITS])
def test_limits_refuse_with_a_message(
    monkeypatch: pytest.MonkeyPatch, limit: str, value: int, path: Path, words: str
) -> None:
    if path == SCAN:
        require_tool(*TESSERACT)
    monkeypatch.setattr(loader.formats.pdf, limit, value)
    with pytest.raises(FileTooLarge, match=words):
        read_path(path)


# --- 5. the real scan of ../shared ----------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_scan() -> SourceText:
    if not SHARED_SCAN.exists():
        pytest.skip("needs ../shared/corpus/formats (the real scan), which a fresh clone lacks")
    require_tool(*TESSERACT)
    return read_path(SHARED_SCAN)


@pytest.mark.shared
def test_the_real_scans_handwritten_number_is_unread(shared_scan: SourceText) -> None:
    # "Số: 25 /QĐ-TTg" with "25" by hand, which Tesseract reads "¿5".
    lines = shared_scan.text.split("\n")
    assert next(line for line in lines if line.startswith("Số:")) == "Số: �� /QĐ-TTg"
    # The date, its day also by hand, is a line of its own beside the receipt stamp's lines.
    assert "Hà Nội, ngày �� tháng 01 năm 2010" in lines
    # The header is read a column at a time, past the rules "————" under the agency's name.
    assert lines.index("Số: �� /QĐ-TTg") < lines.index("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")


@pytest.mark.shared
def test_the_real_scan_gives_its_type_and_its_can_cu(shared_scan: SourceText) -> None:
    graph = extract(shared_scan)
    assert graph.document.doc_type == "decision"
    # The routing note "TTĐT" written at the top right is no part of the issuer's name.
    assert graph.document.issuer == "Thủ tướng Chính phủ"
    cited = {target for _, target, kind in edges(graph) if kind in RELATIONS}
    assert {
        "vn:01/1997/QH10",
        "vn:10/2003/QH11",
        "vn:02/1997/QH10",
        "vn:20/2004/QH11",
        "vn:78/2002/ND-CP",
        "vn:30/2008/NQ-CP",
        "vn:622/QD-TTG@2009",
        "vn:579/QD-TTG@2009",
    } <= cited
    assert not any(REPLACEMENT in target or "QDD" in target for target in cited)


@pytest.mark.shared
def test_the_real_scan_gives_its_year(shared_scan: SourceText) -> None:
    # "Hà Nội, ngày �� tháng 01 năm 2010": the day is handwritten, the year typed.
    assert "tháng 01 năm 2010" in shared_scan.text
    assert extract(shared_scan).document.year == 2010


# --- 6. docstrings --------------------------------------------------------------------------------


@pytest.mark.parametrize("module", [loader.formats.ocr, loader.formats.pdf, bench.ocr_accuracy])
def test_docstring_examples(module: object) -> None:
    failed, _ = doctest.testmod(module)  # type: ignore[arg-type]
    assert failed == 0
