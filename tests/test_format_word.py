"""Word (.docx, .doc) and RTF readers: a document reads the same in every format, tables and all.

The fixtures (``tests/fixtures/formats/word_*``, ``rtf_*``) are samples/000 (Chỉ thị 01/CT-BTTTT)
from its official header on, as a .docx with the header in a two-column table, and LibreOffice's
Word 97 and RTF of it; ``word_make_fixtures.py`` there made them and says how. The reference every
format is held to is the sample itself (:data:`SAMPLE_TEXT`) read as a .txt.
"""

from __future__ import annotations

import doctest
import os
import stat
import unicodedata
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

import loader.formats.rtf
import loader.formats.word
from loader.errors import (
    CorruptFile,
    EmptyFile,
    FileTooLarge,
    LoaderError,
    MissingTool,
    ProtectedFile,
    ToolFailed,
    UnsupportedFile,
)
from loader.formats.legacy import vietnamese_share
from loader.pipeline import extract
from loader.read import SourceText, read_bytes, read_path
from tests.conftest import require_tool
from tests.factories import identity_and_edges

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "formats"
SHARED_FORMATS = ROOT.parent / "shared" / "corpus" / "formats"
SAMPLE = ROOT / "samples" / "000_35021ff682a48c90.txt"
# The sample from its official header on: its first lines are thuvienphapluat's metadata block,
# which would give the identity away whatever became of the header table.
HEADER_LINE = 10
SAMPLE_TEXT = "\n".join(SAMPLE.read_text(encoding="utf-8").split("\n")[HEADER_LINE:])
HEADER_LINES = 11  # "BỘ THÔNG TIN VÀ" … "Hà Nội, ngày 20 tháng 01 năm 2024"


# --- building .docx files --------------------------------------------------------------------


def docx_bytes(document: docx.document.Document) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read_docx_document(document: docx.document.Document) -> SourceText:
    return read_bytes(docx_bytes(document), "van_ban.docx")


# --- the same document in every format -------------------------------------------------------


@pytest.fixture(scope="module")
def reference() -> tuple[tuple[object, ...], set[tuple[str, str, str]]]:
    found = identity_and_edges(extract(read_bytes(SAMPLE_TEXT.encode(), "000.txt")))
    assert found[0] == ("vn:01/CT-BTTTT@2024", "directive", "01/CT-BTTTT", 2024, "2024-01-20")
    assert len(found[1]) > 30  # citations and tasks: a comparison that can fail
    return found


SAME_DOCUMENT = [
    # fixture, format sniffed, Debian tool it needs (command, package) or None
    ("word_000.docx", "docx", None),
    ("word_000.doc", "doc", ("antiword", "antiword")),
    ("rtf_000.rtf", "rtf", None),
]


@pytest.mark.parametrize(
    ("fixture", "form", "tool"), SAME_DOCUMENT, ids=[row[0] for row in SAME_DOCUMENT]
)
def test_each_format_gives_the_edges_and_identity_of_the_text(
    fixture: str,
    form: str,
    tool: tuple[str, str] | None,
    reference: tuple[tuple[object, ...], set[tuple[str, str, str]]],
) -> None:
    if tool is not None:
        require_tool(*tool)
    source = read_path(FIXTURES / fixture)
    assert source.format == form
    identity, edges = identity_and_edges(extract(source))
    assert identity == reference[0]
    assert edges == reference[1]


@pytest.mark.parametrize(
    ("fixture", "tool"),
    [(row[0], row[2]) for row in SAME_DOCUMENT],
    ids=[row[0] for row in SAME_DOCUMENT],
)
def test_the_header_table_reads_as_the_left_cell_then_the_right(
    fixture: str, tool: tuple[str, str] | None
) -> None:
    if tool is not None:
        require_tool(*tool)
    lines = read_path(FIXTURES / fixture).text.split("\n")
    start = lines.index("BỘ THÔNG TIN VÀ")
    assert lines[start : start + 8] == [
        "BỘ THÔNG TIN VÀ",
        "TRUYỀN THÔNG",
        "-------",
        "Số: 01/CT-BTTTT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "---------------",
        "Hà Nội, ngày 20 tháng 01 năm 2024",
    ]


# --- .docx: what the body walk must get right, one case a row ----------------------------------

BASIS = (
    "Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ phê duyệt "
    "Chương trình Chuyển đổi số quốc gia;"
)
SIGNATURE = ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Huy Dũng")


def _signature_table(document: docx.document.Document) -> None:
    recipients, signer = document.add_table(rows=1, cols=2).rows[0].cells
    recipients.paragraphs[0].text = "Nơi nhận:"
    recipients.add_paragraph("- Như Điều 3;")
    signer.paragraphs[0].text = SIGNATURE[0]
    for line in SIGNATURE[1:]:
        signer.add_paragraph(line)


def _order(document: docx.document.Document) -> None:
    document.add_paragraph("CHỈ THỊ")
    _signature_table(document)
    document.add_paragraph("Điều 2. Chỉ thị này có hiệu lực từ ngày ký.")


def _vertical_merge(document: docx.document.Document) -> None:
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "Bộ Công an"
    for row, task in enumerate(("Chủ trì", "Phối hợp", "Báo cáo")):
        table.cell(row, 1).text = task


def _horizontal_merge(document: docx.document.Document) -> None:
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Phụ lục I"
    for col, text in enumerate(("STT", "Nhiệm vụ", "Thời hạn")):
        table.cell(1, col).text = text


def _nested(document: docx.document.Document) -> None:
    outer = document.add_table(rows=1, cols=2).rows[0].cells
    outer[0].text = "Nhiệm vụ"
    inner = outer[1].add_table(rows=2, cols=1)
    inner.cell(0, 0).text = "Quý I/2024"
    inner.cell(1, 0).text = "Quý II/2024"


# A text box as Word 2010+ writes it: DrawingML in mc:Choice, the same text again in VML in
# mc:Fallback for older readers.
_TEXT_BOX = (
    f"<w:r {nsdecls('w')} "
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml">'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
    "<w:p><w:r><w:t>Số: 01/CT-BTTTT</w:t></w:r></w:p>"
    "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
    "<w:p><w:r><w:t>Số: 01/CT-BTTTT</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)


def _text_box(document: docx.document.Document) -> None:
    paragraph = document.add_paragraph("BỘ THÔNG TIN VÀ TRUYỀN THÔNG")
    paragraph._p.append(parse_xml(_TEXT_BOX))


def _tracked_changes(document: docx.document.Document) -> None:
    paragraph = document.add_paragraph("Căn cứ Luật ")
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="VP" w:date="2024-01-01T00:00:00Z">'
            "<w:r><w:delText>Viễn thông năm 2009</w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="2" w:author="VP" w:date="2024-01-01T00:00:00Z">'
            "<w:r><w:t>Viễn thông năm 2023</w:t></w:r></w:ins>"
        )
    )


def _one_column(document: docx.document.Document) -> None:
    frame = document.add_table(rows=1, cols=1).cell(0, 0)
    frame.paragraphs[0].text = "Điều 1. Phạm vi điều chỉnh"
    frame.add_paragraph(BASIS)


def _vntime(document: docx.document.Document) -> None:
    # Typed with the ABC keyboard in the legacy fonts: TCVN3 code points (iconv's TCVN5712-1),
    # capitals drawn by the "H" font from the lower-case codes.
    heading = document.add_paragraph().add_run("bé tµi chÝnh")
    heading.font.name = ".VnTimeH"
    body = document.add_paragraph().add_run("Bé Tµi chÝnh h­íng dÉn")
    body.font.name = ".VnTime"


DOCX_CASES: list[tuple[str, Callable[[docx.document.Document], None], list[str]]] = [
    # case, what to put in the document, lines the text must have (in this order, each once)
    (
        "paragraphs and tables in body order",
        _order,
        [
            "CHỈ THỊ",
            "| Nơi nhận: - Như Điều 3; | KT. BỘ TRƯỞNG THỨ TRƯỞNG Nguyễn Huy Dũng |",
            "Điều 2. Chỉ thị này có hiệu lực từ ngày ký.",
        ],
    ),
    (
        "a vertically merged cell once",
        _vertical_merge,
        ["| Bộ Công an | Chủ trì |", "| | Phối hợp |", "| | Báo cáo |"],
    ),
    (
        "a cell spanning columns once",
        _horizontal_merge,
        ["| Phụ lục I |", "| STT | Nhiệm vụ | Thời hạn |"],
    ),
    ("a nested table in its cell", _nested, ["| Nhiệm vụ | Quý I/2024 Quý II/2024 |"]),
    (
        "a text box once, after its paragraph",
        _text_box,
        ["BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 01/CT-BTTTT"],
    ),
    ("deleted text out, inserted text in", _tracked_changes, ["Căn cứ Luật Viễn thông năm 2023"]),
    ("a one-column table frames paragraphs", _one_column, ["Điều 1. Phạm vi điều chỉnh", BASIS]),
    (".VnTime and .VnTimeH runs converted", _vntime, ["BỘ TÀI CHÍNH", "Bộ Tài chính hướng dẫn"]),
]


@pytest.mark.parametrize(
    ("build", "expected"), [row[1:] for row in DOCX_CASES], ids=[row[0] for row in DOCX_CASES]
)
def test_docx_body_walk(
    build: Callable[[docx.document.Document], None], expected: list[str]
) -> None:
    document = docx.Document()
    build(document)
    lines = [line for line in read_docx_document(document).text.split("\n") if line]
    # the cells of a row with empty ones: "|  | Phối hợp |" as "| | Phối hợp |"
    lines = [" ".join(line.split()) for line in lines]
    assert lines == expected


def test_a_converted_docx_says_so() -> None:
    document = docx.Document()
    _vntime(document)
    source = read_docx_document(document)
    assert source.warnings == ("converted from TCVN3 (ABC): check the diacritics",)


# --- RTF: escapes, code pages, fonts, skipped destinations, one case a row --------------------

_FONTS = (
    rb"{\fonttbl{\f0\froman\fcharset0 Times New Roman;}"
    rb"{\f1\froman\fcharset238 Times New Roman CE{\*\falt Times New Roman};}"
    rb"{\f2\froman\fcharset163 Times New Roman (Vietnamese);}"
    rb"{\f3\fnil\fcharset0 .VnTime;}{\f4\fnil\fcharset0 .VnTimeH;}{\f5\fnil\fcharset0 VNI-Times;}}"
)


def rtf(body: bytes, codepage: bytes = rb"\ansicpg1252") -> bytes:
    return rb"{\rtf1\ansi" + codepage + rb"\deff0" + _FONTS + body + b"}"


RTF_CASES: list[tuple[str, bytes, str]] = [
    # case, the RTF, its text as read (NFC, one line a paragraph)
    ("\\uN with its ? fallback skipped", rtf(rb"\uc1 C\u259\'3fn c\u7913\'3f\par"), "Căn cứ"),
    ("\\uc2: two fallback bytes", rtf(rb"\uc2 Lu\u7853\'61\'3ft\par"), "Luật"),
    ("\\uc0: no fallback", rtf(rb"\uc0 \u272\u7845u th\u7847u\par"), "Đấu thầu"),
    ("\\uc is scoped by its group", rtf(rb"{\uc2 \u272\'44\'44}\u7845\'3fu\par"), "Đấu"),
    ("negative \\uN (Symbol-font bullet U+F0B7)", rtf(rb"\u-3913\'b7 X\par"), "\uf0b7 X"),
    ("a surrogate pair", rtf(rb"\u-10179\'3f\u-8694\'3f\par"), "\U0001f60a"),
    (
        "\\'xx in the document's \\ansicpg1258",
        rtf(rb"C\'e3n c\'fd\'ec\par", rb"\ansicpg1258"),
        "Căn cứ",
    ),
    (
        "\\'xx in a cp1250 font (Word 2003's Times New Roman CE)",
        rtf(rb"{\f1 C\'e3n c}\u7913\'3f Lu\u7853\'3f{\f1 t \'d0}\u7845\'3fu th\u7847\'3fu\par"),
        "Căn cứ Luật Đấu thầu",
    ),
    ("\\'xx in a cp1258 font", rtf(rb"{\f2 TH\'d4NG T\'dd}\par"), "THÔNG TƯ"),
    ("a .VnTime run is TCVN3", rtf(rb"{\f3 B\'e9 T\'b5i ch\'ddnh}\par"), "Bộ Tài chính"),
    (
        "a .VnTimeH run is TCVN3 in capitals",
        rtf(rb"{\f4 b\'e9 t\'b5i ch\'ddnh}\par"),
        "BỘ TÀI CHÍNH",
    ),
    ("a VNI-Times run, a letter split over an escape", rtf(rb"{\f5 Vie\'e4t Nam}\par"), "Việt Nam"),
    ("a picture skipped", rtf(rb"A{\pict\pngblip 89504e47deadbeef}B\par"), "AB"),
    ("a starred picture skipped", rtf(rb"A{\*\shppict{\pict\wmetafile8 0100cafe}}B\par"), "AB"),
    ("\\bin data skipped, braces and all", rtf(rb"A{\pict\bin2 {{}B\par"), "AB"),
    (
        "header and footer skipped",
        rtf(rb"{\header Trang 1}{\footer In ngay}Ch\u7881\'3f th\u7883\'3f\par"),
        "Chỉ thị",
    ),
    ("an unknown starred destination skipped", rtf(rb"{\*\bkmkstart _GoBack}S\'f4\par"), "Sô"),
    ("escaped braces inside a skipped group", rtf(rb"A{\*\comment x\}y\{z}B\par"), "AB"),
    (
        "a field's result kept, its instruction not",
        rtf(
            rb"{\field{\*\fldinst HYPERLINK \"http://x\"}"
            rb"{\fldrslt Ngh\u7883\'3f quy\u7871\'3ft}}\par"
        ),
        "Nghị quyết",
    ),
    ("escaped braces and backslash", rtf(rb"\{a\}\\b\par"), "{a}\\b"),
    ("a malformed hex escape does not end the reading", rtf(rb"A\'zzB\par C\par"), "AzzB\nC"),
    (
        "a soft line break and a tab",
        rtf(rb"S\u7889\'3f:\tab 01\line H\'e0 N\u7897\'3fi\par"),
        "Số:\t01\nHà Nội",
    ),
    ("a backslash at the end of a line ends a paragraph", rtf(b"M\\'f4t\\\nHai\\par"), "Môt\nHai"),
    (
        "a table row, cells between bars",
        rtf(
            rb"\trowd\cellx3000\cellx6000\pard\intbl N\u417\'3fi nh\u7853\'3fn:\cell "
            rb"B\u7896\'3f TR\u431\'3f\u7902\'3fNG\cell\row\pard Sau\par"
        ),
        "| Nơi nhận: | BỘ TRƯỞNG |\n\nSau",
    ),
    (
        "the header table, left cell then right",
        rtf(
            rb"\trowd\cellx3000\cellx6000\pard\intbl B\u7896\'3f T\'c0I CH\'cdNH\par "
            rb"S\u7889\'3f: 07/2010/TT-BTC\cell"
            rb" C\u7896\'3fNG H\'d2A X\'c3 H\u7896\'3fI CH\u7910\'3f"
            rb" NGH\u296\'3fA VI\u7878\'3fT NAM"
            rb"\par H\'e0 N\u7897\'3fi, ng\'e0y 14 th\'e1ng 01 n"
            rb"\u259\'3fm 2010\cell\row\pard TH\'d4NG T\u431\'3f\par"
        ),
        "BỘ TÀI CHÍNH\nSố: 07/2010/TT-BTC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Hà Nội, ngày 14 tháng 01 năm 2010\n\nTHÔNG TƯ",
    ),
]


@pytest.mark.parametrize(
    ("data", "expected"), [row[1:] for row in RTF_CASES], ids=[row[0] for row in RTF_CASES]
)
def test_rtf_reading(data: bytes, expected: str) -> None:
    source = read_bytes(data, "thong_tu.doc")  # RTF named .doc, as the portals serve it
    assert source.format == "rtf"
    assert source.text == unicodedata.normalize("NFC", expected) + "\n"


def test_rtf_cut_short_is_read_with_a_warning() -> None:
    data = rtf(rb"{\b Ch\u7881\'3f th\u7883\'3f\par {\i N\u259\'3fm 2024")[:-1]
    source = read_bytes(data, "cut.rtf")
    assert source.text == "Chỉ thị\nNăm 2024\n"
    assert any("cut short" in warning for warning in source.warnings)


# --- .doc through antiword ---------------------------------------------------------------------


def test_doc_typed_in_vntime_is_converted() -> None:
    require_tool("antiword", "antiword")
    source = read_path(FIXTURES / "word_vntime.doc")
    assert source.format == "doc"
    assert "Năm 2023 là năm dữ liệu số quốc gia, tạo ra giá trị mới từ dữ liệu." in source.text
    assert source.warnings == ("converted from TCVN3 (ABC): check the diacritics",)


def test_missing_antiword_names_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without antiword on it
    with pytest.raises(MissingTool) as caught:
        read_path(FIXTURES / "word_000.doc")
    assert "apt-get install antiword" in str(caught.value)


def test_antiword_time_out_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A stand-in antiword that hangs, as the real one may on a damaged file.
    hanging = tmp_path / "antiword"
    hanging.write_text("#!/bin/sh\nsleep 5\n")
    hanging.chmod(hanging.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(loader.formats.word, "ANTIWORD_SECONDS", 0.2)
    with pytest.raises(ToolFailed) as caught:
        read_path(FIXTURES / "word_000.doc")
    assert "took more than 0.2 s" in str(caught.value)
    assert "\n" not in str(caught.value)


# --- bad files ---------------------------------------------------------------------------------


def _fixture_part(
    name: str, make: Callable[[bytes], bytes], as_name: str
) -> Callable[[Path], Path]:
    def write(tmp_path: Path) -> Path:
        path = tmp_path / as_name
        path.write_bytes(make((FIXTURES / name).read_bytes()))
        return path

    return write


def _written(name: str, data: Callable[[], bytes]) -> Callable[[Path], Path]:
    def write(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(data())
        return path

    return write


def _zeroed_middle(data: bytes) -> bytes:
    # Keeps the OLE header and the directory (which names "WordDocument"), loses the text.
    start, end = 512, len(data) // 2
    return data[:start] + bytes(end - start) + data[end:]


def _broken_xml() -> bytes:
    original = (FIXTURES / "word_000.docx").read_bytes()
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(original)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]  # cut mid-element
            target.writestr(item, data)
    return out.getvalue()


def _damaged_member() -> bytes:
    # Found by fuzzing: the ZIP's directory is whole, but the compressed bytes of
    # word/document.xml are not (zlib: "invalid distance too far back").
    data = bytearray((FIXTURES / "word_000.docx").read_bytes())
    with zipfile.ZipFile(BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 100, start + 140):
        data[i] ^= 0x55
    return bytes(data)


BAD_FILES: list[tuple[str, Callable[[Path], Path], type[LoaderError], str, str | None]] = [
    # case, how to make it, error, a word the message must contain, Debian tool needed
    (
        "truncated .docx",
        _fixture_part("word_000.docx", lambda d: d[: len(d) // 2], "cut.docx"),
        CorruptFile,
        "damaged",
        None,
    ),
    ("a .docx with broken XML", _written("hong.docx", _broken_xml), CorruptFile, "XML", None),
    ("a damaged ZIP member", _written("nen.docx", _damaged_member), CorruptFile, "ZIP", None),
    (
        "encrypted .docx",
        _fixture_part("word_encrypted.docx", lambda d: d, "mat_khau.docx"),
        ProtectedFile,
        "password",
        None,
    ),
    (
        "a .docx with no text",
        _written("rong.docx", lambda: docx_bytes(docx.Document())),
        EmptyFile,
        "no text",
        None,
    ),
    (
        "encrypted .doc",
        _fixture_part("word_encrypted.doc", lambda d: d, "mat_khau.doc"),
        ProtectedFile,
        "password",
        "antiword",
    ),
    (
        "a .doc antiword cannot read",
        _fixture_part("word_000.doc", _zeroed_middle, "hong.doc"),
        CorruptFile,
        "damaged",
        "antiword",
    ),
    (
        "a .doc of one line, too short for antiword",
        _fixture_part("word_short.doc", lambda d: d, "ngan.doc"),
        ToolFailed,
        "too short",
        "antiword",
    ),
    (
        "an .rtf that is not RTF",
        _written("thong_tu.rtf", lambda: BASIS.encode()),
        UnsupportedFile,
        "not an RTF document",
        None,
    ),
    (
        "an RTF with no text",
        _written("rong.rtf", lambda: rtf(rb"{\pict 00}\par")),
        EmptyFile,
        "no text",
        None,
    ),
]


@pytest.mark.parametrize(
    ("make", "error", "word", "tool"),
    [row[1:] for row in BAD_FILES],
    ids=[row[0] for row in BAD_FILES],
)
def test_bad_files_raise_a_named_error(
    tmp_path: Path,
    make: Callable[[Path], Path],
    error: type[LoaderError],
    word: str,
    tool: str | None,
) -> None:
    if tool is not None:
        require_tool(tool, tool)
    path = make(tmp_path)
    with pytest.raises(error) as caught:
        read_path(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert word in message
    assert "\n" not in message and "Traceback" not in message


def test_a_docx_that_unzips_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    size = len((FIXTURES / "word_000.docx").read_bytes())
    monkeypatch.setattr(loader.formats.word, "MAX_UNZIPPED_BYTES", size)  # it unzips to more
    with pytest.raises(FileTooLarge) as caught:
        read_path(FIXTURES / "word_000.docx")
    assert "unzips to" in str(caught.value)


def test_read_rtf_alone_refuses_what_is_not_rtf() -> None:
    with pytest.raises(CorruptFile):
        loader.formats.rtf.read_rtf(BASIS.encode(), "x.rtf")


# --- the real files of the shared corpus ---------------------------------------------------------

REAL_FILES = [
    # file, format, số hiệu, issued, Debian tool
    ("vbf_1a94233bc2.docx", "docx", "5134/QĐ-UBND", "2010-11-17", None),
    ("vbf_e6c798e1de.doc", "doc", "07/2010/TT-BTC", "2010-01-14", "antiword"),
    ("vbf_1af11fe58c.doc", "rtf", "02/2010/TT-BKH", "2010-01-19", None),
]


@pytest.mark.shared
@pytest.mark.skipif(
    not SHARED_FORMATS.is_dir(),
    reason="needs ../shared/corpus/formats (real Word and RTF files), which a fresh clone lacks",
)
@pytest.mark.parametrize(
    ("name", "form", "number", "issued", "tool"), REAL_FILES, ids=[row[0] for row in REAL_FILES]
)
def test_real_files(name: str, form: str, number: str, issued: str, tool: str | None) -> None:
    if tool is not None:
        require_tool(tool, tool)
    source = read_path(SHARED_FORMATS / name)
    assert source.format == form
    document = extract(source).document
    assert (document.number, document.issued_date) == (number, issued)
    if form == "rtf":
        # Its letters are \uN escapes with "?" fallbacks and cp1250 / cp1258 bytes: none of the
        # fallbacks may show, and every accented word must be Vietnamese.
        assert "?" not in source.text
        assert "Căn cứ Luật Đấu thầu số 61/2005/QH11" in source.text
        assert vietnamese_share(source.text) > 0.99


# --- docstring examples -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "module", [loader.formats.word, loader.formats.rtf], ids=lambda m: m.__name__
)
def test_docstring_examples(module: object) -> None:
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert failed == 0
