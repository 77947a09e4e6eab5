"""Stage 1, read: encodings, normalisation, page chrome and every way a file can be bad."""

from __future__ import annotations

import hashlib
import io
import os
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from loader.errors import (
    BinaryFile,
    CorruptFile,
    EmptyFile,
    FileTooLarge,
    LoaderError,
    UndecodableFile,
    UnreadableFile,
    UnsupportedFile,
)
from loader.read import (
    CP1258_WARNING,
    MAX_TEXT_BYTES,
    list_files,
    read_bytes,
    read_path,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"

BASIS = (
    "Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ phê duyệt "
    "Chương trình Chuyển đổi số quốc gia;"
)

# cp1258 spells a toned letter as base letter + combining tone mark: "ế" is "ê" + U+0301.
_CP1258_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258_bytes(text: str) -> bytes:
    """``text`` as a Windows-1258 editor saves it (letters with their hats, tones combining)."""
    out: list[str] = []
    base = 0  # index in ``out`` of the last base letter
    for ch in unicodedata.normalize("NFD", text):
        if ch in _CP1258_TONES:
            out.append(ch)
        elif unicodedata.combining(ch):  # circumflex, breve, horn: part of the letter in cp1258
            out[base] = unicodedata.normalize("NFC", out[base] + ch)
        else:
            base = len(out)
            out.append(ch)
    return "".join(out).encode("cp1258")


ENCODINGS: list[tuple[str, bytes, str, str, tuple[str, ...]]] = [
    # id-like name, raw bytes, expected text, expected encoding, expected warnings
    ("utf-8", BASIS.encode("utf-8"), BASIS, "utf-8", ()),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + BASIS.encode("utf-8"), BASIS, "utf-8-sig", ()),
    ("utf-16 LE with BOM", b"\xff\xfe" + BASIS.encode("utf-16-le"), BASIS, "utf-16-le", ()),
    ("utf-16 BE with BOM", b"\xfe\xff" + BASIS.encode("utf-16-be"), BASIS, "utf-16-be", ()),
    ("Windows-1258", cp1258_bytes(BASIS), BASIS, "cp1258", (CP1258_WARNING,)),
    ("NFD input", unicodedata.normalize("NFD", BASIS).encode("utf-8"), BASIS, "utf-8", ()),
    (
        "Icelandic eth for Đ",
        "Nghị định số 43/2011/NÐ-CP".encode(),
        "Nghị định số 43/2011/NĐ-CP",
        "utf-8",
        (),
    ),
    (
        "CRLF and en dash",
        "Số: 19/CT–TTg\r\nHà Nội, ngày 16 tháng 7 năm 2021\r\n".encode(),
        "Số: 19/CT-TTg\nHà Nội, ngày 16 tháng 7 năm 2021",
        "utf-8",
        (),
    ),
    (
        "zero-width space inside a number",
        "Chỉ thị số 01/CT\u200b-BTTTT".encode(),
        "Chỉ thị số 01/CT-BTTTT",
        "utf-8",
        (),
    ),
]


@pytest.mark.parametrize(
    ("raw", "text", "encoding", "warnings"),
    [row[1:] for row in ENCODINGS],
    ids=[row[0] for row in ENCODINGS],
)
def test_decodes_to_nfc_with_its_encoding(
    tmp_path: Path, raw: bytes, text: str, encoding: str, warnings: tuple[str, ...]
) -> None:
    path = tmp_path / "van_ban.txt"
    path.write_bytes(raw)
    source = read_path(path)
    assert source.text == text + "\n"
    assert unicodedata.is_normalized("NFC", source.text)
    assert source.encoding == encoding
    assert source.warnings == warnings
    assert source.sha256 == hashlib.sha256(raw).hexdigest()
    assert source.path == str(path)


def test_cp1258_bytes_really_are_not_utf8() -> None:
    # Guards the Windows-1258 row above: it must exercise the fallback, not the UTF-8 path.
    with pytest.raises(UnicodeDecodeError):
        cp1258_bytes(BASIS).decode("utf-8")


SEED_002_FIRST_LINE = (
    "A- A A+ | Chia sẻ bài viết lên facebook Chia sẻ bài viết lên twitter Chia sẻ bài viết lên "
    "google+ Tăng tương phản Giảm tương phản"
)
BODY = (
    "Ngày 03/01/2020, Bộ trưởng Bộ Thông tin và Truyền thông Nguyễn Mạnh Hùng ký ban hành Chỉ thị "
    "số 01/CT-BTTTT về định hướng phát triển ngành Thông tin và Truyền thông năm 2020.\n\n"
    "Lĩnh vực bưu chính: Phát triển hạ tầng bưu chính theo hướng đẩy mạnh chuyển đổi số.\n\n"
    "Lĩnh vực viễn thông: Năm 2020, mạng thông tin di động 5G ở Việt Nam được triển khai.\n\n"
    "Chỉ thị yêu cầu các cơ quan, tổ chức, doanh nghiệp triển khai thực hiện các nhiệm vụ./."
)

CHROME: list[tuple[str, str, str]] = [
    # case, text as downloaded, text after stripping
    ("seed 002 share and font-size bar", f"{SEED_002_FIRST_LINE}\n\n{BODY}", BODY),
    (
        "seed 002 rating, related news and visitor statistics at the end",
        f"{BODY}\n\n\nTác giả: Mỹ Hạnh\nTổng số điểm của bài viết là: 2 trong 2 đánh giá\n"
        "Click để đánh giá bài viết\nTin liên quan\nThăm dò ý kiến\n"
        "Theo bạn thông tin nội dung của website thế nào?\nThống kê truy cập\nHôm nay : 1.012\n"
        "Hôm qua : 983\nNăm 2020 : 155.695",
        f"{BODY}\n\n\nTác giả: Mỹ Hạnh",
    ),
    (
        "seed 003 download and other documents list",
        f"{BODY}\nDownload\nVăn bản khác liên quan\nVề tổ chức đón Tết Nguyên đán Ất Tỵ năm 2025\n"
        "Ban hành Khung tiêu chí và phương pháp đánh giá, xét công nhận mức độ chuyển đổi số cấp "
        "huyện và cấp xã (Phiên bản 1.0)",
        BODY,
    ),
    (
        "visitor counter and print/email line in the middle",
        "Lượt xem: 1234\nIn bài viết | Gửi email\n" + BODY,
        BODY,
    ),
    (
        "a sentence that merely mentions sharing is content",
        "Chia sẻ kinh nghiệm triển khai Chỉ thị số 01/CT-BTTTT giữa các Sở.\n" + BODY,
        "Chia sẻ kinh nghiệm triển khai Chỉ thị số 01/CT-BTTTT giữa các Sở.\n" + BODY,
    ),
    (
        "a thuvienphapluat dump's bold attachment footer, then the site's own",
        f"{BODY}\n|\n**FILE ĐƯỢC ĐÍNH KÈM THEO VĂN BẢN**\n|\n"
        "Tham gia cộng đồng Dân Luật Việt Nam\nLuật sư tư vấn",
        f"{BODY}\n|",
    ),
    (
        "a 'Văn bản liên quan' heading early in the text is not the page footer",
        "Văn bản liên quan\n" + BODY,
        "Văn bản liên quan\n" + BODY,
    ),
]


@pytest.mark.parametrize(
    ("downloaded", "expected"), [row[1:] for row in CHROME], ids=[row[0] for row in CHROME]
)
def test_strips_page_chrome(tmp_path: Path, downloaded: str, expected: str) -> None:
    path = tmp_path / "tin_bai.txt"
    path.write_text(downloaded, encoding="utf-8")
    assert read_path(path).text == expected + "\n"


def test_real_seeds_lose_their_chrome_and_keep_their_content() -> None:
    news = read_path(SAMPLES / "002_923357323978f796.txt").text
    assert news.startswith("Định hướng phát triển ngành Thông tin và Truyền thông năm 2020\n")
    assert "Thống kê truy cập" not in news and "Tin liên quan" not in news
    assert "phấn đấu hoàn thành các nhiệm vụ được giao./." in news
    directive = read_path(SAMPLES / "003_766d5551e8bb995b.txt").text
    assert directive.endswith("Văn phòng Chính phủ theo quy định./.\n")
    assert "Download" not in directive and "Văn bản khác liên quan" not in directive


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return make


def _too_large(tmp_path: Path) -> Path:
    path = tmp_path / "nhat_ky.txt"
    with open(path, "wb") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)  # sparse: nothing is written
    return path


def _vanished(tmp_path: Path) -> Path:
    path = tmp_path / "da_xoa.txt"
    path.write_text(BASIS, encoding="utf-8")
    path.unlink()
    return path


def _directory(tmp_path: Path) -> Path:
    path = tmp_path / "thu_muc.txt"
    path.mkdir()
    return path


# UTF-8 with one byte lost (the lead byte of "đ" cut off). Read as cp1258, the first one hits a
# byte cp1258 leaves undefined; the second decodes, but to mojibake ("Báº£o Ä'áº£m …"), which the
# plausibility check must refuse rather than load with a warning.
UTF8_CUT_UNDEFINED = "Quyết định phê duyệt Đề án tìm kiếm".encode().replace(b"\xc4\x91", b"\x91", 1)
UTF8_CUT_MOJIBAKE = "Bảo đảm an toàn, an ninh mạng cho các hệ thống".encode().replace(
    b"\xc4\x91", b"\x91", 1
)


def _xlsx() -> bytes:
    """A real (minimal) Excel workbook's ZIP: what an officer's folder holds beside the texts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


XLSX = _xlsx()

BAD_FILES: list[tuple[str, Callable[[Path], Path], type[LoaderError], str]] = [
    # case, how to make it, error, a word the message must contain
    ("empty", _write("rong.txt", b""), EmptyFile, "empty"),
    ("whitespace only", _write("trang.txt", b" \r\n\t\n  \n"), EmptyFile, "whitespace"),
    ("only page chrome", _write("vo.txt", SEED_002_FIRST_LINE.encode()), EmptyFile, "chrome"),
    ("NUL bytes", _write("word.txt", b"Ch\x00i th\x00i " * 10), BinaryFile, "NUL"),
    # Sniffed by their bytes, whatever the suffix: a PDF cut short named .txt is a damaged PDF.
    (
        "PDF cut short",
        _write("chi_thi.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        CorruptFile,
        "PDF",
    ),
    ("PNG", _write("anh.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), UnsupportedFile, "PNG image"),
    ("zip cut short", _write("vb.txt", b"PK\x03\x04\x14\x00\x06\x00"), UnsupportedFile, "ZIP"),
    ("spreadsheet", _write("bang.xlsx", XLSX), UnsupportedFile, "Excel workbook"),
    (
        "invalid UTF-8 with a byte cp1258 leaves undefined",
        _write("hong.txt", UTF8_CUT_UNDEFINED),
        UndecodableFile,
        "is undefined there",
    ),
    (
        "invalid UTF-8 that reads as cp1258 mojibake",
        _write("hong.md", UTF8_CUT_MOJIBAKE),
        UndecodableFile,
        "does not read as Windows-1258 Vietnamese",
    ),
    ("larger than MAX_TEXT_BYTES", _too_large, FileTooLarge, "MiB"),
    ("vanished before reading", _vanished, UnreadableFile, "no such file"),
    ("a directory", _directory, UnreadableFile, "directory"),
    ("unsupported extension", _write("chi_thi.docx", BASIS.encode()), UnsupportedFile, ".docx"),
    ("no extension", _write("README", BASIS.encode()), UnsupportedFile, "no extension"),
]


@pytest.mark.parametrize(
    ("make", "error", "word"), [row[1:] for row in BAD_FILES], ids=[row[0] for row in BAD_FILES]
)
def test_bad_input_raises_a_named_error_naming_the_file(
    tmp_path: Path, make: Callable[[Path], Path], error: type[LoaderError], word: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(error) as caught:
        read_path(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert word in message
    assert caught.value.path == str(path)


def test_read_bytes_names_the_uploaded_file() -> None:
    with pytest.raises(CorruptFile, match=r"^upload/chi_thi\.txt: .*PDF"):
        read_bytes(b"%PDF-1.4", "upload/chi_thi.txt")
    source = read_bytes(BASIS.encode(), "upload/chi_thi.md")
    assert source.path == "upload/chi_thi.md" and source.text == BASIS + "\n"


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "CHI_THI.TXT"
    path.write_text(BASIS, encoding="utf-8")
    assert read_path(path).text == BASIS + "\n"


def test_list_files_takes_legal_formats_and_says_why_it_skips_the_rest(tmp_path: Path) -> None:
    tree = tmp_path / "kho"
    pdf = (ROOT / "tests" / "fixtures" / "formats" / "pdf_text_layer.pdf").read_bytes()
    for rel, data in [
        ("b/2024/chi_thi.txt", BASIS.encode()),
        ("b/ghi_chu.MD", BASIS.encode()),
        ("a.txt", BASIS.encode()),
        ("quyet_dinh.DOCX", b"PK\x03\x04"),  # by its suffix: its reader will say it is damaged
        ("trang.htm", b"<html></html>"),
        ("cong_bao", pdf),  # no suffix, but a PDF by its bytes
        ("anh.png", b"\x89PNG\r\n\x1a\n"),
        ("bang.xlsx", XLSX),
        ("README", BASIS.encode()),
        ("~$quyet_dinh.docx", b"\x00" * 162),
        ("rong", b""),
        (".an.txt", BASIS.encode()),
        (".git/HEAD.txt", BASIS.encode()),
        ("b/.nhap/tam.txt", BASIS.encode()),
    ]:
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree / rel).write_bytes(data)
    os.mkfifo(tree / "b" / "ong.pdf")  # a FIFO named .pdf: listed, and refused when read
    os.symlink(tree, tree / "b" / "vong")  # a link loop: links to folders are not followed
    named = tmp_path / "bao_cao.xlsx"
    missing = tmp_path / "khong_co.txt"
    found = list_files([named, tree, str(missing)])
    assert found.files == [
        str(named),  # named explicitly: reading it reports the problem
        os.path.join(tree, "a.txt"),
        os.path.join(tree, "b", "2024", "chi_thi.txt"),
        os.path.join(tree, "b", "ghi_chu.MD"),
        os.path.join(tree, "b", "ong.pdf"),
        os.path.join(tree, "cong_bao"),
        os.path.join(tree, "quyet_dinh.DOCX"),
        os.path.join(tree, "trang.htm"),
        str(missing),
    ]
    assert [(os.path.relpath(p, tree), why) for p, why in found.skipped] == [
        (
            "README",
            "not a legal text format (no extension; the loader reads .txt, .html, .docx, .doc, "
            ".rtf, .pdf)",
        ),
        ("anh.png", "not a legal text format (a PNG image)"),
        ("bang.xlsx", "not a legal text format (an Excel workbook)"),
        ("rong", "empty (0 bytes)"),
        ("~$quyet_dinh.docx", "not a legal text (a lock file Word keeps beside an open document)"),
    ]
    with pytest.raises(UnreadableFile, match="not a regular file"):
        read_path(tree / "b" / "ong.pdf")
