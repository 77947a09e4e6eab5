"""The HTML reader (:mod:`loader.formats.web`): pages built from the project's samples read as the
samples do; page shapes read as expected; pages without a legal text are refused by name; the
real thuvienphapluat pages of ../shared give their documents and none of their chrome.

The fixtures ``tests/fixtures/formats/html_*`` were made from ``samples/`` by
``tests/fixtures/formats/html_make_fixtures.py``; they copy the layout of the real pages (a saved
thuvienphapluat page, Word's "Save as Web Page", a news site), never their text.
"""

from __future__ import annotations

import doctest
import re
import unicodedata
from pathlib import Path

import lxml.html
import pytest

import loader.formats.web
from graph.identity import clean
from graph.model import Document, TextGraph
from loader.errors import CorruptFile, EmptyFile, LoaderError, NoLegalText, UndecodableFile
from loader.formats.text import CP1258_WARNING
from loader.formats.web import MAX_DEPTH, MISLABELLED_WARNING, read_html
from loader.pipeline import extract
from loader.read import read_bytes, read_path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "formats"
SAMPLES = ROOT / "samples"
SHARED_DEV2 = ROOT.parent / "shared" / "corpus" / "dev2"


# --- 1. a page of a sample text reads as the text itself ---------------------------------------

SAME_AS_TEXT = [
    pytest.param("html_tvpl_000.html", "000_35021ff682a48c90.txt", id="thuvienphapluat-page"),
    pytest.param("html_word_001.htm", "001_4af1794179d674ae.txt", id="word-export-cp1258"),
    pytest.param("html_news_002.html", "002_923357323978f796.txt", id="news-article"),
]


def identity(document: Document) -> tuple[object, ...]:
    # A text without a number of its own (seed 001, a press report) is named by its file, which
    # differs between the page and the text; a numbered one must get the very same id.
    own_id = document.id if document.number else None
    return (own_id, document.doc_type, document.number, document.year, document.issued_date)


def relations(graph: TextGraph) -> set[tuple[str, str, str]]:
    """(source, target, type) of every edge, the text's own id written "<self>" (see above)."""
    own = graph.document.id
    return {
        (e.source.replace(own, "<self>"), e.target.replace(own, "<self>"), e.type)
        for e in graph.edges
    }


@pytest.mark.parametrize(("page", "text"), SAME_AS_TEXT)
def test_page_gives_the_edges_and_identity_of_its_text(page: str, text: str) -> None:
    from_page = extract(read_path(FIXTURES / page))
    from_text = extract(read_path(SAMPLES / text))
    assert relations(from_text), "the sample must cite something for the comparison to mean much"
    assert identity(from_page.document) == identity(from_text.document)
    assert relations(from_page) == relations(from_text)


# The chrome of the fixtures names documents and words that the text never does: the menu's
# "Nghị định 13/2023/NĐ-CP", the "Lược đồ" tab's "bị thay thế" 01/CT-BTTTT of 2023, the
# "Văn bản liên quan" list, a licence number in the footer, numbers inside scripts, a hidden div.
CHROME = [
    pytest.param(
        "html_tvpl_000.html",
        (
            "13/2023/NĐ-CP", "749/QĐ-TTg", "24/2023/QH15", "48/2022/NĐ-CP", "1028/QĐ-BTTTT",
            "03/2024/TT-BTTTT", "52/CT-BTTTT", "27/GP-TTĐT", "100/QĐ-TVPL", "Văn bản liên quan",
            "Lược đồ", "Đăng nhập", "Tải Văn bản", "MỤC LỤC", "Tình trạng", "Đã biết",
        ),
        id="thuvienphapluat-page",
    ),
    pytest.param(
        "html_news_002.html",
        (
            "47/2020/NĐ-CP", "749/QĐ-TTg", "24/2019/TT-BTTTT", "52-NQ/TW", "2289/QĐ-TTg",
            "50/QĐ-STTTT", "12/GP-TTĐT", "Tin liên quan", "Trang chủ", "Thăm dò", "Hôm nay",
            "Chia sẻ",
        ),
        id="news-article",
    ),
    pytest.param("html_word_001.htm", ("28/CT-BTTTT", "07/CT-BTTTT", "Calibri"), id="word-export"),
]  # fmt: skip


@pytest.mark.parametrize(("page", "absent"), CHROME)
def test_page_chrome_is_not_read(page: str, absent: tuple[str, ...]) -> None:
    data = (FIXTURES / page).read_bytes()
    text = clean(read_html(data, page).text)
    assert [word for word in absent if word in text] == []
    raw = data.decode("utf-8" if page.endswith(".html") else "cp1258")
    assert all(word in clean(raw) for word in absent), "the fixture must hold what is left out"


def test_thuvienphapluat_page_gives_the_lines_of_its_text_dump() -> None:
    """Title, the attribute lines the parser knows (in the dump's order, withheld values left
    out, the others after them), then the official header's cells, left then right."""
    text = read_path(FIXTURES / "html_tvpl_000.html").text
    assert text.startswith(
        "Chỉ thị 01/CT-BTTTT định hướng phát triển ngành Thông tin và Truyền thông năm 2024 do Bộ"
        " Thông tin và Truyền thông ban hành\n\n"
        "Số hiệu: 01/CT-BTTTT\nNgày ban hành: 20/01/2024\nLoại văn bản: Chỉ thị\n"
        "Người ký: Nguyễn Mạnh Hùng\nNơi ban hành: Bộ Thông tin và Truyền thông\n\n"
        "BỘ THÔNG TIN VÀ\nTRUYỀN THÔNG\n-------\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n\n"
        "Số: 01/CT-BTTTT\n\nHà Nội, ngày 20 tháng 01 năm 2024\n\nCHỈ THỊ\n\n"
        "VỀ ĐỊNH HƯỚNG PHÁT TRIỂN NGÀNH THÔNG TIN VÀ TRUYỀN THÔNG NĂM 2024\n\n"
        "Năm 2023 là năm dữ liệu số quốc gia, tạo ra giá trị mới từ dữ liệu. Năm 2023 cũng là"
    )


def test_word_export_is_read_as_windows_1258() -> None:
    source = read_path(FIXTURES / "html_word_001.htm")
    assert (source.encoding, source.warnings) == ("cp1258", ())
    assert source.text.startswith(
        "CHỈ THỊ\n\nVỀ VIỆC TỔ CHỨC TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 19/CT-TTG NGÀY 16/7/2021"
    )
    # Word's list number stands between "downlevel-revealed" conditional comments.
    assert "\n1. Tiếp tục quán triệt, tuyên truyền đường lối, chủ trương của Đảng" in source.text


# --- 2. shapes of pages → text -------------------------------------------------------------------

# Sentences of samples 000 and 003, in the markup that real pages wrap them in.
SHAPES = [
    pytest.param(
        "<p>Căn cứ Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ &amp; Nghị quyết&nbsp;"
        "02/NQ-CP; chủ đề &ldquo;L&#224;m g&#x01b0;&#x01a1;ng, K&#7927; c&#432;&#417;ng&rdquo;"
        " &hellip;</p>",
        "Căn cứ Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ & Nghị quyết 02/NQ-CP; chủ "
        "đề “Làm gương, Kỷ cương” …",
        id="entities",
    ),
    pytest.param(
        "<p>Năm 2023 là năm dữ liệu số quốc gia,\n   tạo ra giá trị mới từ <b>dữ\nliệu</b>."
        "</p>\n<p>Triển khai Nghị quyết số\n01/NQ-CP ngày 05/01/2024.</p>",
        "Năm 2023 là năm dữ liệu số quốc gia, tạo ra giá trị mới từ dữ liệu.\n\n"
        "Triển khai Nghị quyết số 01/NQ-CP ngày 05/01/2024.",
        id="hard-wrapped-source",
    ),
    pytest.param(
        "<p><b>BỘ THÔNG TIN VÀ<br>TRUYỀN THÔNG<br>-------</b></p><div>Số: 01/CT-BTTTT</div>"
        "<p>a<br><br>b</p>",
        "BỘ THÔNG TIN VÀ\nTRUYỀN THÔNG\n-------\n\nSố: 01/CT-BTTTT\n\na\n\nb",
        id="br",
    ),
    pytest.param(
        "<table><tr><td><p>BỘ THÔNG TIN VÀ<br>TRUYỀN THÔNG<br>-------</p><p>Số: 01/CT-BTTTT</p>"
        "</td><td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</p>"
        "<p><i>Hà Nội, ngày 20 tháng 01 năm 2024</i></p></td></tr></table>",
        "BỘ THÔNG TIN VÀ\nTRUYỀN THÔNG\n-------\n\nSố: 01/CT-BTTTT\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Hà Nội, ngày 20 tháng 01 năm 2024",
        id="header-table-one-row",
    ),
    pytest.param(
        "<p>Chỉ tiêu của Chỉ thị 01/CT-BTTTT:</p><table>"
        "<tr><th>STT</th><th>Chỉ tiêu</th><th>Năm 2024</th></tr>"
        "<tr><td>1</td><td>Tỷ lệ hộ gia đình<br>có cáp quang</td><td>80%</td></tr>"
        "<tr><td>2</td><td>Phủ sóng 5G</td><td></td></tr>"
        "<tr><td>3</td><td><table><tr><td>Thuê bao</td><td>di động</td></tr></table></td>"
        "<td>85%</td></tr></table>",
        "Chỉ tiêu của Chỉ thị 01/CT-BTTTT:\n\n| STT | Chỉ tiêu | Năm 2024 |\n"
        "| 1 | Tỷ lệ hộ gia đình có cáp quang | 80% |\n"
        "| 2 | Phủ sóng 5G |  |\n| 3 | Thuê bao di động | 85% |",
        id="data-table-nested-table",
    ),
    pytest.param(
        "<p>Điều 3. Thi hành.</p><table><tr><td><p><b>Nơi nhận:</b><br>- Như trên;<br>"
        "- Lưu: VT.</p></td>"
        "<td><p><b>BỘ TRƯỞNG<br><br><br>Nguyễn Mạnh Hùng</b></p></td></tr></table>",
        "Điều 3. Thi hành.\n\n| Nơi nhận: - Như trên; - Lưu: VT. | BỘ TRƯỞNG Nguyễn Mạnh Hùng |",
        id="signature-table",
    ),
    pytest.param(
        "<table><tr><td><p>Điều 1. Ban hành kèm theo Chỉ thị này.</p><p>Điều 2. Hiệu lực.</p>"
        "</td></tr><tr><td>Điều 3. Thi hành.</td></tr></table>",
        "Điều 1. Ban hành kèm theo Chỉ thị này.\n\nĐiều 2. Hiệu lực.\n\nĐiều 3. Thi hành.",
        id="one-column-frame",
    ),
    pytest.param(
        "<table><tr><td><b>Số hiệu:</b></td><td>01/CT-BTTTT</td><td></td><td><b>Loại văn bản:"
        "</b></td><td>Chỉ thị</td></tr><tr><td><b>Ngày công báo:</b></td><td>Đang cập nhật</td>"
        "<td></td><td><b>Người ký:</b></td><td>Nguyễn Mạnh Hùng</td></tr><tr><td>"
        "<b>Ngày ban hành:</b></td><td>20/01/2024</td><td></td><td><b>Tình trạng:</b></td>"
        "<td>Còn hiệu lực</td></tr></table>",
        "Số hiệu: 01/CT-BTTTT\nNgày ban hành: 20/01/2024\nLoại văn bản: Chỉ thị\n"
        "Người ký: Nguyễn Mạnh Hùng\nTình trạng: Còn hiệu lực",
        id="attribute-table",
    ),
    pytest.param(
        "<div id='divThuocTinh'><table><tr><td><b>Số hiệu:</b></td><td>Khongso</td><td></td>"
        "<td><b>Loại văn bản:</b></td><td>Hiến pháp</td></tr><tr><td><b>Nơi ban hành:</b></td>"
        "<td>Quốc hội</td><td></td><td><b>Người ký:</b></td><td>Nguyễn Sinh Hùng</td></tr>"
        "</table></div><div id='divContentDoc'><p>HIẾN PHÁP</p><p>Điều 1. Nước Cộng hòa xã "
        "hội chủ nghĩa Việt Nam là một nước độc lập.</p></div>",
        "Chỉ thị\n\nLoại văn bản: Hiến pháp\nNgười ký: Nguyễn Sinh Hùng\nNơi ban hành: Quốc hội"
        "\n\nHIẾN PHÁP\n\nĐiều 1. Nước Cộng hòa xã hội chủ nghĩa Việt Nam là một nước độc lập.",
        id="thuvienphapluat-text-without-number",
    ),
    pytest.param(
        "<ol><li>Bưu chính</li><li>Viễn thông<ol type='a'><li>hạ tầng số</li><li>5G</li></ol>"
        "</li></ol><ol start='3' type='I'><li>TỔ CHỨC THỰC HIỆN</li></ol>"
        "<ul><li>Lập đề nghị xây dựng Luật Bưu chính sửa đổi</li><li></li><li><p>Triển khai "
        "thương mại hóa 5G.</p></li></ul>",
        "1. Bưu chính\n\n2. Viễn thông\n\na) hạ tầng số\n\nb) 5G\n\nIII. TỔ CHỨC THỰC HIỆN\n\n"
        "- Lập đề nghị xây dựng Luật Bưu chính sửa đổi\n\n- Triển khai thương mại hóa 5G.",
        id="lists",
    ),
    pytest.param(
        "<p>Điều 1. Hiệu lực.</p><div style='display: none'>Thay thế Chỉ thị 52/CT-BTTTT</div>"
        "<p hidden>Nghị định 13/2023/NĐ-CP</p><p><span style='mso-hide:all'>Bản nháp 2</span>"
        "Điều 2. Thi hành.</p><script>var x = '24/2023/QH15';</script><style>p {}</style>"
        "<!-- Chỉ thị 28/CT-BTTTT --><noscript>Bật JavaScript</noscript>",
        "Điều 1. Hiệu lực.\n\nĐiều 2. Thi hành.",
        id="hidden-scripts-comments",
    ),
    pytest.param(
        "<p class=MsoListParagraph><![if !supportLists]><span>1.<span style='font:7.0pt'>"
        "&nbsp;&nbsp;&nbsp; </span></span><![endif]>Quán triệt Chỉ thị số 34/CT-TW<o:p></o:p></p>"
        "<!--[if gte mso 9]><xml><o:Title>Chỉ thị 07/CT-BTTTT</o:Title></xml><![endif]-->",
        "1. Quán triệt Chỉ thị số 34/CT-TW",
        id="word-conditional-comments",
    ),
    pytest.param(
        "<pre>Điều 1. Ban hành\n  1. Bưu chính\n\n  2. Viễn thông</pre>",
        "Điều 1. Ban hành\n1. Bưu chính\n\n2. Viễn thông",
        id="pre",
    ),
    pytest.param(
        "<header><a href='/'>Trang chủ</a></header><div class='breadcrumb'><a>Tin tức</a></div>"
        "<main><article><header><h1>Định hướng phát triển năm 2020</h1><time>03/01/2020</time>"
        "</header><p>Bộ trưởng ký ban hành Chỉ thị số 01/CT-BTTTT.</p><div class='share'>"
        "Chia sẻ</div><div><h3>Tin liên quan</h3><p>Quyết định 749/QĐ-TTg</p></div>"
        "<ul><li><a>Nghị định 47/2020/NĐ-CP</a></li><li><a>Thông tư 24/2019/TT-BTTTT</a></li>"
        "<li><a>Nghị quyết 52-NQ/TW</a></li></ul><p>Nguồn: Bộ TTTT</p></article></main>"
        "<aside><a>Văn bản mới: Quyết định 2289/QĐ-TTg</a></aside><footer>GP 12/GP-TTĐT</footer>",
        "Định hướng phát triển năm 2020\n\n03/01/2020\n\n"
        "Bộ trưởng ký ban hành Chỉ thị số 01/CT-BTTTT.\n\nNguồn: Bộ TTTT",
        id="news-article-chrome",
    ),
    pytest.param(
        "<div class='top'><a href='/'>Trang chủ</a> | <a href='/vb'>Văn bản</a> | <a href='/tt'>"
        "Tin tức</a></div><div class='col-main'><h1>Định hướng phát triển năm 2020</h1><p>Bộ "
        "trưởng ký ban hành Chỉ thị số 01/CT-BTTTT.</p></div><div class='col-right'><div><h3>"
        "Văn bản mới</h3><ul><li><a>Nghị quyết 52-NQ/TW</a></li><li><a>Quyết định 2289/QĐ-TTg"
        "</a></li></ul></div><div><h3>Thăm dò ý kiến</h3><p>Theo bạn website thế nào?</p></div>"
        "</div><div class='bottom'><p>Bản quyền thuộc Sở Thông tin và Truyền thông. Giấy phép "
        "số 12/GP-TTĐT.</p></div>",
        "Định hướng phát triển năm 2020\n\nBộ trưởng ký ban hành Chỉ thị số 01/CT-BTTTT.",
        id="news-page-without-semantic-tags",
    ),
    pytest.param(
        "<div class='fulltext'><div class='vbInfo'><ul><li>Hiệu lực: Còn hiệu lực</li></ul></div>"
        "<div id='toanvancontent'><p>Số: 01/CT-BTTTT</p><p>Điều 1. Ban hành.</p></div></div>"
        "<div class='vbProperties'><table><tr><td colspan='4' class='title'>Định hướng 2024</td>"
        "</tr><tr><td class='label'>Số ký hiệu</td><td>01/CT-BTTTT</td><td class='label'>Ngày "
        "ban hành</td><td>20/01/2024</td></tr><tr><td class='label'>Loại văn bản</td><td>Chỉ "
        "thị</td><td class='label'>Ngày có hiệu lực</td><td>20/01/2024</td></tr><tr><td "
        "class='label'>Cơ quan ban hành/ Chức danh / Người ký</td><td>Bộ Thông tin và Truyền "
        "thông</td><td>Bộ trưởng</td><td>Nguyễn Mạnh Hùng</td></tr></table></div>"
        "<div class='vbLienQuan'><a>Quyết định 749/QĐ-TTg</a></div>",
        "Số hiệu: 01/CT-BTTTT\nNgày ban hành: 20/01/2024\nNgày có hiệu lực: 20/01/2024\n"
        "Loại văn bản: Chỉ thị\nCơ quan ban hành: Bộ Thông tin và Truyền thông\n"
        "Người ký: Nguyễn Mạnh Hùng\nChức danh: Bộ trưởng\n\nSố: 01/CT-BTTTT\n\nĐiều 1. Ban hành.",
        id="vbpl-page",
    ),
]


def page(body: str, charset: str = "utf-8") -> bytes:
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>Chỉ thị</title></head>'
        f"<body>{body}</body></html>"
    ).encode(charset)


@pytest.mark.parametrize(("body", "expected"), SHAPES)
def test_shape_of_page_gives_text(body: str, expected: str) -> None:
    assert clean(read_html(page(body), "page.html").text) == expected + "\n"


# Sample 000's header as each charset writes it.
HEADER = "BỘ THÔNG TIN VÀ TRUYỀN THÔNG - Số: 01/CT-BTTTT, Hà Nội, ngày 20 tháng 01 năm 2024"
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Windows-1258 as Word writes it: â ê ô ơ ư ă đ are letters of their own, the tone a
    combining mark after the letter ("ế" = "ê" + U+0301)."""
    out = bytearray()
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out += (base + "".join(c for c in parts if c in _TONES)).encode("cp1258")
    return bytes(out)


CHARSETS = [
    pytest.param(page(f"<p>{HEADER}</p>"), "utf-8", (), id="meta-charset-utf8"),
    pytest.param(b"\xef\xbb\xbf" + page(f"<p>{HEADER}</p>"), "utf-8-sig", (), id="utf8-bom"),
    pytest.param(
        b"\xff\xfe" + f"<html><body><p>{HEADER}</p></body></html>".encode("utf-16-le"),
        "utf-16-le",
        (),
        id="utf16-bom",
    ),
    pytest.param(
        b'<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1258">'
        + cp1258(f"</head><body><p>{HEADER}</p></body></html>"),
        "cp1258",
        (),
        id="word-windows-1258",
    ),
    pytest.param(
        cp1258(f"<html><body><p>{HEADER}</p></body></html>"),
        "cp1258",
        (CP1258_WARNING,),
        id="undeclared-windows-1258",
    ),
    pytest.param(
        page(f"<p>{HEADER}</p>").replace(b'charset="utf-8"', b'charset="iso-8859-1"'),
        "utf-8",
        (MISLABELLED_WARNING.format(declared="cp1252"),),
        id="utf8-declared-latin1",
    ),
    pytest.param(
        f'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
        f"<body><p>{HEADER}</p></body></html>".encode(),
        "utf-8",
        (),
        id="xhtml-declaration",
    ),
]


@pytest.mark.parametrize(("data", "encoding", "warnings"), CHARSETS)
def test_charset_of_page(data: bytes, encoding: str, warnings: tuple[str, ...]) -> None:
    source = read_bytes(data, "page.html")
    assert (source.text, source.encoding, source.warnings) == (HEADER + "\n", encoding, warnings)


# --- 3. pages without a legal text ----------------------------------------------------------------

BAD_PAGES = [
    pytest.param(
        page(
            "<div id='login'><h2>Đăng nhập</h2><p>Tên truy cập: <input name='u'></p><p>Mật "
            "khẩu: <input type='password'></p><p><a href='/quen'>Quên mật khẩu?</a></p></div>"
        ),
        NoLegalText,
        "login",
        id="login-page",
    ),
    pytest.param(
        page("<h1>404</h1><p>Không tìm thấy trang bạn yêu cầu.</p><p><a>Về trang chủ</a></p>"),
        NoLegalText,
        "names no legal document",
        id="404-page",
    ),
    pytest.param(
        page(
            "<div id='divThuocTinh'><table><tr><td>Số hiệu:</td><td>01/CT-BTTTT</td></tr>"
            "</table></div><div id='divContentDoc'><div class='content1'> </div></div>"
        ),
        NoLegalText,
        "thuvienphapluat.vn page without the document",
        id="portal-page-without-text",
    ),
    pytest.param(page(""), EmptyFile, "empty <body>", id="empty-body"),
    pytest.param(
        page("<div>" * (MAX_DEPTH + 1) + "Điều 1. Hiệu lực." + "</div>" * (MAX_DEPTH + 1)),
        CorruptFile,
        f"more than {MAX_DEPTH} deep",
        id="nested-too-deep",
    ),
    pytest.param(
        "<html><head><script src='app.js'></script></head><body><div id='root'></div>"
        "<script>render('Quyết định 749/QĐ-TTg')</script></body></html>".encode(),
        EmptyFile,
        "JavaScript",
        id="only-scripts",
    ),
    pytest.param(
        # 0x81 and 0x8A are undefined in Windows-1258.
        b'<html><head><meta charset="windows-1258"></head><body><p>Ch\x81 th\x8a 01/CT-BTTTT'
        b"</p></body></html>",
        UndecodableFile,
        "charset cp1258",
        id="not-the-declared-charset",
    ),
]


@pytest.mark.parametrize(("data", "error", "words"), BAD_PAGES)
def test_page_without_legal_text_is_refused(
    data: bytes, error: type[LoaderError], words: str
) -> None:
    with pytest.raises(error) as raised:
        read_bytes(data, "trang.html")
    message = str(raised.value)
    assert message.startswith("trang.html: ") and "\n" not in message
    assert words in message


def test_docstring_examples() -> None:
    assert doctest.testmod(loader.formats.web).failed == 0


# --- 4. the real thuvienphapluat pages of ../shared -----------------------------------------------

DEV2 = [
    pytest.param("vb2_748d915f30.html", "decision", "1397/QĐ-UBND", 2021, id="QĐ 1397 Nam Định"),
    pytest.param(
        "vb2_89c953ecd0.html", "decision", "20574/QĐ-CT-THNVDT", 2009, id="QĐ 20574 Cục Thuế"
    ),
    pytest.param("vb2_f0c58d5fbc.html", "decision", "2083/QĐ-UBND", 2016, id="QĐ 2083 Bạc Liêu"),
    pytest.param("vb2_f9974ff811.html", "decision", "715/QĐ-UBND", 2023, id="QĐ 715 Bình Định"),
]
_NUMBER = re.compile(r"\b\d{1,5}(?:/\d{4})?/[A-ZĐ][A-ZĐa-z0-9-]*")


@pytest.mark.shared
@pytest.mark.parametrize(("name", "doc_type", "number", "year"), DEV2)
def test_real_thuvienphapluat_page(name: str, doc_type: str, number: str, year: int) -> None:
    path = SHARED_DEV2 / name
    if not path.exists():
        pytest.skip("needs ../shared/corpus/dev2 (real saved pages), which a fresh clone lacks")
    source = read_path(path)
    document = extract(source).document
    assert (document.doc_type, document.number, document.year) == (doc_type, number, year)
    assert "Văn bản liên quan" not in source.text
    # Numbers that the page names only outside the document (its related lists, tabs, menus)
    # must not reach the text; every one that the document names must.
    tree = lxml.html.document_fromstring(path.read_bytes().decode("utf-8"))
    content = clean(tree.get_element_by_id("divContentDoc").text_content())
    everything = clean(tree.text_content())
    chrome_only = set(_NUMBER.findall(everything)) - set(_NUMBER.findall(content))
    assert chrome_only, "the page's chrome names other documents"
    read = set(_NUMBER.findall(source.text))
    assert sorted(chrome_only & read) == []
    assert set(_NUMBER.findall(content)) <= read
