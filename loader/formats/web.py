"""Saved web pages (``.html``): thuvienphapluat.vn and vbpl.vn document pages, Word "Save as web
page" exports, news articles, any HTML with body text.

A saved thuvienphapluat page is ~0.5 MB of which the document is 2-15%: menus, a login panel,
search boxes, scripts, and the "Văn bản liên quan" and "Lược đồ" tabs that name dozens of *other*
documents. A portal's page is therefore read from its known containers only (:data:`PORTALS`):
its attribute table ("Số hiệu:" | "1397/QĐ-UBND" | "Loại văn bản:" | "Quyết định") becomes the
attribute lines of the portal's text dumps, its document container the body. Any other page is
read from its ``<article>`` or ``<main>``, else its ``<body>``, without navigation, asides,
footers, share buttons, boxes of related pages and lists of links.

The text comes out in the shape of the project's text dumps (``samples/000_35021ff682a48c90.txt``):
a paragraph a line with a blank line between paragraphs, a ``<br>`` a line end, and tables laid
out as :func:`loader.formats.word.layout_table` lays out a Word document's, so that a page and a
``.docx`` of one document read alike: the official header table gives its cells' lines (issuer,
motto, "Số: …", place and date), any other table a row a line, ``| cell | cell |``.

Markup is read by lxml's HTML parser, never by regular expressions: entities, unclosed ``<p>``
tags and Word's conditional comments are the parser's business.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeAlias

import lxml.etree
import lxml.html

from graph.identity import clean, fold_name
from graph.model import WRITTEN_TYPES
from loader.errors import CorruptFile, EmptyFile, NoLegalText, UndecodableFile
from loader.formats import Decoded, Progress
from loader.formats.text import decode as decode_text

__all__ = ["CELL_SEPARATOR", "PORTALS", "Portal", "decode_html", "page_text", "read_html"]

Element: TypeAlias = lxml.html.HtmlElement

# --- decoding ---------------------------------------------------------------------------------

# How far into the file the page's <meta charset> is looked for. Browsers look at the first
# 1,024 bytes, but a saved thuvienphapluat page declares its charset after 1.5 KB of <link
# rel="icon"> tags (vb2_748d915f30.html), and Word writes its <meta> after its XML namespaces.
CHARSET_PRESCAN_BYTES = 16 * 1024

# Labels that browsers read as another charset (the WHATWG Encoding standard): a page that says
# "iso-8859-1" is shown as Windows-1252 by every browser, so that is what its author saw.
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
# Western charsets that Vietnamese pages declare by mistake while they hold UTF-8 (an old
# template's "iso-8859-1" over a "Quyết định" typed in a UTF-8 editor). Valid UTF-8 that is not
# plain ASCII is practically never Windows-1252 text, so such a page is read as UTF-8.
_WESTERN = frozenset({"cp1252", "latin_1", "ascii"})
MISLABELLED_WARNING = "declares the charset {declared} but is UTF-8: read as UTF-8"

# How deep libxml2 reads nested elements (without its XML_PARSE_HUGE option, which lxml's HTML
# parser leaves off). A saved thuvienphapluat page nests 37 deep (vb2_748d915f30.html), a Word
# export a handful.
MAX_DEPTH = 256

# --- layout -----------------------------------------------------------------------------------

# A table of data is a row a line, "| cell | cell |": the shape of the markdown tables in the
# project's text dumps (dev vb_e7f259d0b2.md: "| Số: 170/2008/QĐ-TTg | Hà Nội, ngày 18 tháng 12
# năm 2008 |") and of loader.formats.word's tables. The parser reads header cells in that shape,
# the citation finder never joins a line holding a bar to the next one, and the leading bar keeps
# a row "| 1.1 | Đất trồng lúa | 9.279,76 |" from reading as a section "1.1". A số hiệu never
# holds a bar.
CELL_SEPARATOR = " | "

# The official header: the republic's name or motto, or a "Số:" line (a letter's header may hold
# only "Số: 2403/TTg-KGVX" and "Hà Nội, ngày …"). Its cells are read as lines, left cell then
# right cell, row after row: "ỦY BAN NHÂN DÂN⏎TỈNH NAM ĐỊNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
# NAM⏎Độc lập - Tự do - Hạnh phúc", "Số: 1397/QĐ-UBND", "Nam Định, ngày 02 tháng 7 năm 2021"
# (vb2_748d915f30.html, a table of 2 rows of 2 cells).
_HEADER_MARK = re.compile(
    r"CỘNG\s+H(?:OÀ|ÒA)\s+XÃ\s+HỘI|Độc\s+lập\s*[-–]\s*Tự\s+do|^\s*Số\s*:", re.I | re.M
)
# A table of more rows that says "Số:" is a list of documents, laid out as rows.
MAX_HEADER_ROWS = 3
# A cell longer than this is body text laid out in a table (a whole Điều in a bordered table, an
# old site's page in a <table>: menu | article | ads): its paragraphs stay paragraphs. The longest
# cell of a real row is a "Nơi nhận:" list of some thirty bodies, about 1,500 characters; the
# longest data cell of the dev2 pages is 244 (vb2_f9974ff811.html).
MAX_ROW_CELL_CHARS = 2000

# Elements whose content is never text to read.
_NOT_TEXT = frozenset(
    {
        "head", "title", "script", "style", "noscript", "template", "iframe", "object",
        "embed", "svg", "math", "canvas", "map", "audio", "video", "picture", "img",
        "input", "select", "option", "textarea", "button", "datalist", "meta", "link",
    }
)  # fmt: skip
# Elements that end a paragraph before and after them.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
        "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
# Hidden by the page's own style: thuvienphapluat's collapsed table of contents ("MỤC LỤC VĂN
# BẢN", display: none), Word's hidden text (mso-hide: all).
_HIDDEN_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all)\b", re.I
)
# Whitespace as HTML collapses it, with the no-break space that Word and thuvienphapluat write
# for empty paragraphs and after labels: "Số:&nbsp;01/CT-BTTTT" reads "Số: 01/CT-BTTTT".
_SPACES = re.compile(r"[ \t\n\r\f\v\xa0\u2007\u202f]+")

# --- portals ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Portal:
    """Where a legal portal's saved document page keeps the document (XPath expressions; the
    first that finds something wins)."""

    name: str
    marks: tuple[str, ...]  # any of these found: the page is this portal's
    content: tuple[str, ...]  # the document's own text
    attributes: tuple[str, ...]  # its attribute tables ("Số hiệu:" | "1397/QĐ-UBND" | …)
    title: tuple[str, ...]  # its title line ("Quyết định 1397/QĐ-UBND 2021 Quy hoạch …")


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


PORTALS: tuple[Portal, ...] = (
    # The four pages of dev2: the document is #divContentDoc in the "Nội dung" tab (#tab1); the
    # other tabs (#tab2 English, #tab4 "Lược đồ", #tab5/#tab6 related documents, #tab8 "Tải
    # về") and the "Văn bản liên quan" list (.GridBaseVBCT) stay out. The <h1> of the attribute
    # tab is empty on some pages (vb2_748d915f30.html); the <title> then names the document.
    Portal(
        "thuvienphapluat.vn",
        marks=("//*[@id='divContentDoc']", "//*[@id='divThuocTinh']"),
        content=("//*[@id='divContentDoc']", f"//*[@id='tab1']//*[{_has_class('content1')}]"),
        attributes=("//*[@id='divThuocTinh']//table",),
        title=("//*[@id='divThuocTinh']//h1", "//head/title"),
    ),
    # vbpl.vn's "Toàn văn" page keeps the text in #toanvancontent; its "Thuộc tính" page the
    # attributes in .vbProperties ("Số ký hiệu" | "01/2024/TT-BTC" | "Ngày ban hành" | …).
    Portal(
        "vbpl.vn",
        marks=("//*[@id='toanvancontent']", f"//*[{_has_class('vbProperties')}]"),
        content=("//*[@id='toanvancontent']", f"//*[{_has_class('toanvancontent')}]"),
        attributes=(f"//*[{_has_class('vbProperties')}]//table",),
        title=(),
    ),
)

# Attribute labels of the portals → the label of the thuvienphapluat text dumps, which the
# parser reads (seed 000: "Số hiệu 01/CT-BTTTT", "Ngày ban hành 20/01/2024", …), in that order.
# "Nơi ban hành" is kept as it is: its value is a place ("Tỉnh Nam Định"), not the issuer that
# the official header names ("ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH").
_KNOWN_LABELS: dict[str, str] = {
    "so hieu": "Số hiệu",
    "so ky hieu": "Số hiệu",
    "ngay ban hanh": "Ngày ban hành",
    "ngay co hieu luc": "Ngày có hiệu lực",
    "ngay hieu luc": "Ngày có hiệu lực",
    "loai van ban": "Loại văn bản",
    "co quan ban hanh": "Cơ quan ban hành",
    "nguoi ky": "Người ký",
    "linh vuc": "Lĩnh vực",
    "linh vuc nganh": "Lĩnh vực",
}
_LABEL_ORDER = tuple(dict.fromkeys(_KNOWN_LABELS.values()))
# A table with this many known labels is an attribute table wherever it stands (the parser
# believes a block of at least as many: loader.parse.MIN_PORTAL_LABELS).
MIN_ATTRIBUTE_LABELS = 3
# A label the list above does not know is a short cell ending in a colon: "Ngày công báo:",
# "Tình trạng:" (thuvienphapluat), without digits.
MAX_LABEL_CHARS = 40
# What the portals write where they withhold or lack a value: "Ngày hiệu lực: Đã biết" (shown to
# members only), "Số công báo: Đang cập nhật", and thuvienphapluat's "Số hiệu: Khongso" for a
# text without a number (Hiến pháp năm 2013). Such a line says nothing about the document, and
# "Khongso" would become its số hiệu.
_PLACEHOLDERS = frozenset(
    {"da biet", "dang cap nhat", "khong xac dinh", "khong ro", "khong co", "khongso", "khong so"}
)

# --- chrome of other pages ------------------------------------------------------------------------

# Elements that are a page's furniture wherever they stand (not <form>: an ASP.NET site wraps its
# whole page in one).
_CHROME_TAGS = frozenset({"nav", "aside", "footer", "menu"})
# Outside an <article> or <main>, the page's <header> is its masthead and menu.
_PAGE_CHROME_TAGS = _CHROME_TAGS | {"header"}
# Class or id words of furniture ("box-related", "social-share", "breadcrumb", "relatedNews").
_CHROME_WORDS = frozenset(
    {
        "nav", "navbar", "navigation", "menu", "mainmenu", "submenu", "sidebar", "breadcrumb",
        "breadcrumbs", "footer", "share", "sharing", "social", "comment", "comments", "related",
        "relate", "lienquan", "login", "signin", "register", "banner", "advert",
        "advertisement", "ads", "quangcao", "popup", "modal", "cookie", "cookies", "tags",
        "hidden", "d-none", "sr-only", "toolbar", "pagination", "rating",
    }
)  # fmt: skip
# Titles of boxes of other pages: "Tin liên quan" under a news article, "Văn bản liên quan" beside
# a legal text, a sidebar's "Văn bản mới" and "Thăm dò ý kiến" (seed 002's page). The title
# goes, and the box it heads when that box is small (RELATED_BOX_MAX_CHARS).
_CHROME_HEADINGS = frozenset(
    fold_name(h)
    for h in (
        "Văn bản liên quan", "Văn bản khác liên quan", "Văn bản cùng lĩnh vực", "Văn bản mới",
        "Văn bản mới ban hành", "Tin liên quan", "Bài viết liên quan", "Tin cùng chuyên mục",
        "Tin khác", "Các tin khác", "Tin mới", "Tin mới nhất", "Tin nổi bật", "Đọc nhiều",
        "Xem nhiều", "Xem thêm", "Lược đồ", "Tải về", "Tải văn bản", "Văn bản gốc",
        "Văn bản tiếng Anh", "Chia sẻ", "Bình luận", "Từ khóa", "Tags", "Thăm dò ý kiến",
        "Thống kê truy cập", "Liên kết website",
    )
)  # fmt: skip
# A box that a chrome title heads is dropped with it when it holds no more than this: a "Tin
# liên quan" box of ten headlines is ~1,000 characters, a legal text many times more.
RELATED_BOX_MAX_CHARS = 2500
# A site's copyright line, where no <footer> says it is one: "Bản quyền thuộc Sở Thông tin và
# Truyền thông. Giấy phép số 12/GP-TTĐT." (whose licence number would read as a document).
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b|bản quyền thuộc\b)", re.I)
COPYRIGHT_MAX_CHARS = 300
# A list that is mostly the text of its links is a menu or a list of other pages ("Quyết định
# 749/QĐ-TTg …", "Nghị định 47/2020/NĐ-CP …"). Paragraphs are never judged so: a basis clause may
# link all it cites ("Căn cứ các Nghị định số 43/2014/NĐ-CP, 01/2017/NĐ-CP, 148/2020/NĐ-CP").
LINK_LIST_MIN_LINKS = 3
LINK_LIST_MIN_SHARE = 0.6
_LINK_LIST_TAGS = frozenset({"ul", "ol", "dl", "div", "section", "table", "td"})

# --- legal text -------------------------------------------------------------------------------

# A page holds legal text when it names a legal document: a số hiệu ("01/CT-BTTTT",
# "43/2011/NĐ-CP", "18-NQ/TW"), a document type before its number or name ("Quyết định số",
# "Luật Đất đai"), an article ("Điều 1.") or a basis clause ("Căn cứ"). A login page ("Tên
# đăng nhập", "Mật khẩu") or a 404 page ("Không tìm thấy trang") names none.
_TYPE_NAMES = "|".join(spelling for spelling, _ in WRITTEN_TYPES)
_LEGAL_SIGN = re.compile(
    r"\b\d{1,5}(?:/(?:19|20)\d\d)?/[A-ZĐ]{1,10}[A-ZĐa-z0-9&-]*"
    r"|\b\d{1,5}-[A-ZĐ]{1,6}/[A-ZĐ]{1,6}\b"
    rf"|\b(?:{_TYPE_NAMES}|{_TYPE_NAMES.upper()})[ \t]+(?:số\b|[A-ZĐ0-9])"
    r"|^[ \t]*Điều[ \t]+\d+"
    r"|\bCăn cứ\b",
    re.MULTILINE,
)
# How much of the page's <title> a NoLegalText message quotes.
MESSAGE_TITLE_CHARS = 80


def read_html(data: bytes, path: str, progress: Progress | None = None) -> Decoded:
    """Decode a saved web page and read the text of the document in it (see the module).

    Raises :class:`EmptyFile` for a page with no text at all (an empty body, only scripts),
    :class:`NoLegalText` for a page whose text names no legal document (a login or 404 page, a
    portal page saved without the document's text), :class:`UndecodableFile` when the charset
    it declares does not decode it.
    """
    text, encoding, warnings = decode_html(data, path)
    root = _parse(text, path)
    shown = _shows_text(root)
    body = page_text(root, path)
    if not body.strip():
        if shown:
            raise NoLegalText(path, "is a web page of site chrome only (menus, a login box, links)")
        if root.xpath("boolean(//script)"):
            raise EmptyFile(
                path,
                "is a web page with no text in it, only scripts (a page that writes its text "
                "with JavaScript: save it from the browser once the text shows)",
            )
        raise EmptyFile(path, "is a web page with no text in it (an empty <body>)")
    if not _LEGAL_SIGN.search(clean(body)):
        title = _squash(root.findtext(".//title") or "")
        named = f' ("{_shorten(title, MESSAGE_TITLE_CHARS)}")' if title else ""
        raise NoLegalText(
            path,
            f"is a web page{named} that names no legal document: a login, search or error "
            "page, or site chrome only?",
        )
    return Decoded(body, encoding, tuple(warnings))


def _shows_text(root: Element) -> bool:
    """Whether the page's body shows any text at all (before its chrome is cut)."""
    body = root.find("body")
    for element in body.iter() if body is not None else ():
        tag = _tag(element)
        if tag not in _NOT_TEXT and tag is not None and (element.text or "").strip():
            return True
        parent = element.getparent()
        if (element.tail or "").strip() and parent is not None and _tag(parent) not in _NOT_TEXT:
            return True
    return False


def page_text(root: Element, path: str = "<page>") -> str:
    """The text of a parsed page: a portal's document under its attribute lines, else the page's
    main content (see the module). Changes ``root`` (chrome is cut out of it).

    >>> page = lxml.html.document_fromstring(
    ...     "<body><nav><a href='/'>Trang chủ</a></nav><p>Căn cứ Luật Đất đai<br>ngày 29 "
    ...     "tháng 11 năm 2013;</p><table><tr><td>1</td><td>Đất ở</td><td>12,5</td></tr>"
    ...     "<tr><td>2</td><td>Đất rừng</td><td>7,0</td></tr></table><p>Điều&nbsp;1. …</p>")
    >>> print(page_text(page), end="")
    Căn cứ Luật Đất đai
    ngày 29 tháng 11 năm 2013;
    <BLANKLINE>
    | 1 | Đất ở | 12,5 |
    | 2 | Đất rừng | 7,0 |
    <BLANKLINE>
    Điều 1. …
    """
    for portal in PORTALS:
        if any(root.xpath(mark) for mark in portal.marks):
            return _portal_text(root, portal, path)
    container, in_content = _main_content(root)
    _drop_chrome(container, in_content)
    return _join(_Renderer().render(container))


def decode_html(data: bytes, path: str) -> tuple[str, str, list[str]]:
    """The page's text, the codec that decoded it and any warnings: a byte-order mark first, the
    charset the page declares second, else UTF-8 (or Windows-1258 Vietnamese).

    >>> text, codec, warnings = decode_html(
    ...     b'<meta charset="windows-1258"><p>Quy\\xea\\xect \\xf0i\\xf2nh', "a.htm")
    >>> codec, clean(text)[-10:]
    ('cp1258', 'Quyết định')
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, path)  # the mark beats any declaration
    declared = _declared_charset(data[:CHARSET_PRESCAN_BYTES])
    if declared is None or declared.startswith("utf_"):
        # A page without a BOM that says UTF-16 is read as UTF-8 by browsers too.
        return decode_text(data, path)
    if declared in _WESTERN and not data.isascii():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return text, "utf-8", [MISLABELLED_WARNING.format(declared=declared)]
    try:
        return data.decode(declared), declared, []
    except UnicodeDecodeError as error:
        raise UndecodableFile(
            path,
            f"declares the charset {declared} but byte 0x{data[error.start]:02x} at offset "
            f"{error.start} is not {declared}; re-save the page as UTF-8",
        ) from None


def _declared_charset(head: bytes) -> str | None:
    """The Python codec of the charset a page declares (``<meta charset>``, ``<meta
    http-equiv="Content-Type" content="…; charset=…">``, an XML declaration), if Python knows it."""
    # Latin-1 maps each byte to one character, so the markup of any ASCII-compatible charset
    # reads the same; only the <meta> tags' attributes are looked at.
    text = head.decode("latin-1").lstrip()
    labels: list[str] = []
    if text.startswith("<?xml"):
        declaration, _, text = text.partition("?>")
        found = re.search(r"encoding\s*=\s*[\"']?([\w.:-]+)", declaration)
        if found:
            labels.append(found[1])
    try:
        page = lxml.html.document_fromstring(text)
    except lxml.etree.ParserError:  # nothing but whitespace and comments
        page = None
    for meta in page.iter("meta") if page is not None else ():
        if meta.get("charset"):
            labels.append(meta.get("charset", ""))
        elif (meta.get("http-equiv") or "").lower() == "content-type":
            found = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", meta.get("content") or "", re.I)
            if found:
                labels.append(found[1])
    for label in labels:
        name = label.strip().lower()
        try:
            return codecs.lookup(_CHARSET_ALIASES.get(name, name)).name.replace("-", "_")
        except LookupError:
            continue  # "x-user-defined", a typo: the next declaration, or none
    return None


def _parse(text: str, path: str) -> Element:
    # lxml refuses a str that still carries an XML declaration naming an encoding (XHTML).
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<?xml"):
        text = stripped.partition("?>")[2]
    parser = lxml.html.HTMLParser()  # one per page: a parser's error log is its own
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except lxml.etree.ParserError:
        raise EmptyFile(path, "is a web page with no text in it (no elements at all)") from None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        # libxml2 stops reading at this depth and says so only in its log: the rest of the
        # page would be lost without a word.
        raise CorruptFile(
            path,
            f"nests its elements more than {MAX_DEPTH} deep, past what the HTML parser reads "
            "(not a page as a browser saves it)",
        )
    return root


# --- rendering --------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _tag(element: Element) -> str | None:
    """The lower-case tag name; None for comments and processing instructions."""
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else None


def _hidden(element: Element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def _rows(table: Element) -> list[list[Element]]:
    """The cells of the table's own rows (not of nested tables' rows), empty rows left out."""
    rows = []
    for row in table.iter("tr"):
        if next(row.iterancestors("table"), None) is table:
            cells = [cell for cell in row if _tag(cell) in ("td", "th")]
            if cells:
                rows.append(cells)
    return rows


class _Renderer:
    """The text of an element as lines: "" between paragraphs, a ``<br>`` a line end.

    ``flat`` reads tables as paragraphs without bars: the content of a table cell, which becomes
    one cell of a row.
    """

    def __init__(self, flat: bool = False) -> None:
        self.flat = flat
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.pre = 0  # inside <pre>: its line ends are the text's own
        self.marker = ""  # a list item's "1. " or "- ", for the item's first line

    def render(self, element: Element) -> list[str]:
        """Lines of ``element``'s content (``element`` itself is read even if hidden: a portal's
        content container may sit in a tab that the saved page shows collapsed)."""
        self._content(element)
        self._paragraph()
        return self.lines

    def _end_line(self) -> None:
        line = _squash("".join(self.parts))
        self.parts.clear()
        if line:
            self.lines.append(self.marker + line)
            self.marker = ""
        elif self.lines and self.lines[-1]:
            self.lines.append("")  # "<br><br>" is a paragraph break

    def _paragraph(self) -> None:
        self._end_line()
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def _text(self, text: str | None) -> None:
        if not text:
            return
        if not self.pre:
            self.parts.append(text)
            return
        first, *rest = text.split("\n")
        self.parts.append(first)
        for line in rest:
            self._end_line()
            self.parts.append(line)

    def _content(self, element: Element) -> None:
        self._text(element.text)
        for child in element:
            self._element(child)
            self._text(child.tail)

    def _element(self, element: Element) -> None:
        tag = _tag(element)
        if tag is None or tag in _NOT_TEXT or _hidden(element):
            return  # a comment, a script: its tail is read by the caller
        if tag == "br":
            self._end_line()
            return
        if tag == "table" and not self.flat:
            self._paragraph()
            self._table(element)
            self._paragraph()
            return
        block = tag in _BLOCKS
        if block:
            self._paragraph()
        if tag == "li":
            self.marker = _marker(element)  # "<li><p>…</p></li>" too
        self.pre += tag == "pre"
        self._content(element)
        self.pre -= tag == "pre"
        if block:
            self._paragraph()
        if tag == "li":
            self.marker = ""  # an empty item

    def _table(self, table: Element) -> None:
        rows = _rows(table)
        attributes = _attributes(rows)
        if sum(label in _LABEL_ORDER for label, _ in attributes) >= MIN_ATTRIBUTE_LABELS:
            self.lines += [f"{label}: {value}" for label, value in attributes]
            return
        cells = [[_Renderer().render(cell) for cell in row] for row in rows]
        if _as_paragraphs(cells):
            for row_cells in cells:
                for lines in row_cells:
                    self._paragraph()
                    self.lines += lines
            return
        for row in rows:
            texts = [_squash(" ".join(_Renderer(flat=True).render(cell))) for cell in row]
            if any(texts):
                self.lines.append(f"| {CELL_SEPARATOR.join(texts)} |")


def _as_paragraphs(rows: list[list[list[str]]]) -> bool:
    """Whether a table frames paragraphs (the official header, a one-column frame, a page laid
    out in a table) rather than rows of data; the rules of loader.formats.word.layout_table."""
    if all(len(row) <= 1 for row in rows):
        return True
    texts = ["\n".join(lines) for row in rows for lines in row]
    if any(len(text) > MAX_ROW_CELL_CHARS for text in texts):
        return True
    return len(rows) <= MAX_HEADER_ROWS and any(_HEADER_MARK.search(text) for text in texts)


def _marker(item: Element) -> str:
    """What a browser shows before a list item: "1. ", "a) " or "II. " in an <ol>, "- " else."""
    parent = item.getparent()
    if parent is None or _tag(parent) != "ol":
        return "- "
    try:
        first = int(parent.get("start") or 1)
    except ValueError:
        first = 1
    number = first + [child for child in parent if _tag(child) == "li"].index(item)
    kind = parent.get("type") or "1"
    if kind in ("a", "A") and 1 <= number <= len(_LETTERS):
        letter = _LETTERS[number - 1]
        return f"{letter.upper() if kind == 'A' else letter}) "
    if kind in ("i", "I") and number >= 1:
        roman = _roman(number)
        return f"{roman if kind == 'I' else roman.lower()}. "
    return f"{number}. "


# Vietnamese points are lettered without the Vietnamese letters: "điểm a, b, c … đ" follows the
# Latin alphabet as HTML numbers a list.
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN: tuple[tuple[int, str], ...] = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _roman(number: int) -> str:
    """``_roman(14)`` → ``'XIV'``: the parts of a text ("II. NHIỆM VỤ") in an <ol type="I">."""
    out = []
    for value, numeral in _ROMAN:
        count, number = divmod(number, value)
        out.append(numeral * count)
    return "".join(out)


def _join(lines: Iterable[str]) -> str:
    """The lines as one text, without blank lines at its ends ("" when there is none)."""
    kept = list(lines)
    while kept and not kept[-1]:
        kept.pop()
    while kept and not kept[0]:
        kept.pop(0)
    return "\n".join(kept) + "\n" if kept else ""


# --- portal pages -----------------------------------------------------------------------------


def _portal_text(root: Element, portal: Portal, path: str) -> str:
    content = next((found[0] for xpath in portal.content if (found := root.xpath(xpath))), None)
    body = _Renderer().render(content) if content is not None else []
    if not any(body):
        raise NoLegalText(
            path,
            f"is a {portal.name} page without the document's text (its content is empty: a "
            "page of attributes or related documents only, or saved before the text loaded)",
        )
    lines: list[str] = []
    titles = (_squash(e.text_content()) for xpath in portal.title for e in root.xpath(xpath))
    title = next((title for title in titles if title), "")
    if title:
        lines += [title, ""]
    rows = [
        row for xpath in portal.attributes for table in root.xpath(xpath) for row in _rows(table)
    ]
    attributes = [f"{label}: {value}" for label, value in _attributes(rows)]
    if attributes:
        lines += [*attributes, ""]
    return _join([*lines, *body])


def _attributes(rows: list[list[Element]]) -> list[tuple[str, str]]:
    """(label, value) of attribute rows: those the parser knows first, in the text dumps' order,
    then the others as the page has them; withheld values left out."""
    pairs = [
        pair for row in rows for pair in _row_attributes([_squash(c.text_content()) for c in row])
    ]
    known = {label: value for label, value in reversed(pairs) if label in _LABEL_ORDER}
    others = [(label, value) for label, value in pairs if label not in _LABEL_ORDER]
    return [(label, known[label]) for label in _LABEL_ORDER if label in known] + others


def _row_attributes(cells: list[str]) -> Iterator[tuple[str, str]]:
    """Labels and values of one row: "Số hiệu:" | "1397/QĐ-UBND" | "" | "Loại văn bản:" | …; a
    label of several fields takes as many cells ("Cơ quan ban hành/ Chức danh / Người ký" | "Bộ
    Tài chính" | "Thứ trưởng" | "Đỗ Hoàng Anh Tuấn" on vbpl.vn)."""
    at = 0
    while at < len(cells):
        labels = _labels(cells[at])
        if not labels:
            at += 1
            continue
        values = cells[at + 1 : at + 1 + len(labels)]
        for label, value in zip(labels, values, strict=False):
            if value and fold_name(value) not in _PLACEHOLDERS and not _labels(value):
                yield label, value
        at += 1 + len(labels)


def _labels(cell: str) -> list[str]:
    """The field labels a cell holds (["Số hiệu"] for "Số hiệu:"), or [] for a value."""
    if re.search(r"\d", cell):
        return []  # "01/CT-BTTTT", "20/01/2024": values
    names = [name.strip().rstrip(":").strip() for name in cell.split("/")]
    names = [name for name in names if name]
    if any(fold_name(name) in _KNOWN_LABELS for name in names):
        return [_KNOWN_LABELS.get(fold_name(name), name) for name in names]
    if cell.endswith(":") and len(cell) <= MAX_LABEL_CHARS:
        return [cell.rstrip(":").strip()]
    return []


# --- other pages ------------------------------------------------------------------------------


def _main_content(root: Element) -> tuple[Element, bool]:
    """The page's content: its longest <article>, its <main>, else its <body>; and whether that
    is a content element (whose <header> holds the article's own title and date)."""
    for xpath in ("//article", "//main", "//*[@role='main']"):
        found = root.xpath(xpath)
        if found:
            return max(found, key=lambda e: len(e.text_content())), True
    body = root.find("body")
    return (body if body is not None else root), False


def _class_words(element: Element) -> set[str]:
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    names = re.sub(r"([a-z])([A-Z])", r"\1 \2", names).lower()  # "relatedNews" → "related news"
    return set(re.split(r"[^a-z0-9]+", names)) | set(names.split())  # "d-none" as it is too


def _drop_chrome(container: Element, in_content: bool) -> None:
    """Cut a page's furniture out of ``container``: menus, asides, share buttons, boxes headed
    "Tin liên quan", lists of links."""
    chrome_tags = _CHROME_TAGS if in_content else _PAGE_CHROME_TAGS
    sizes = _link_sizes(container)
    doomed: list[Element] = []
    for element in container.iterdescendants():
        tag = _tag(element)
        if tag is None:
            continue
        total, linked, links = sizes[element]
        if total <= MAX_LABEL_CHARS and fold_name(element.text_content()) in _CHROME_HEADINGS:
            box = element.getparent()
            heads_box = (
                box is not None
                and box is not container
                and next(box.iterchildren("*"), None) is element
                and sizes[box][0] <= RELATED_BOX_MAX_CHARS
            )
            doomed.append(box if heads_box and box is not None else element)
        elif (
            tag in chrome_tags
            or _class_words(element) & _CHROME_WORDS
            or (
                total <= COPYRIGHT_MAX_CHARS
                and tag in _BLOCKS
                and _COPYRIGHT.match(_squash(element.text_content()))
            )
            or (
                tag in _LINK_LIST_TAGS
                and links >= LINK_LIST_MIN_LINKS
                and linked >= total * LINK_LIST_MIN_SHARE
            )
        ):
            doomed.append(element)
    for element in doomed:
        if any(ancestor is container for ancestor in element.iterancestors()):
            element.drop_tree()  # keeps its tail text; not again inside a dropped one


def _link_sizes(container: Element) -> dict[Element, tuple[int, int, int]]:
    """Each element's characters of text, characters inside links and number of links, in one
    pass (a text_content() per element would read a deep page quadratically)."""
    sizes: dict[Element, tuple[int, int, int]] = {}

    def visit(element: Element, in_link: bool) -> tuple[int, int, int]:
        tag = _tag(element)
        in_link = in_link or tag == "a"
        total = len(_squash(element.text or "")) if tag not in _NOT_TEXT else 0
        linked, links = (total if in_link else 0), int(tag == "a")
        for child in element:
            if _tag(child) is not None:
                sub_total, sub_linked, sub_links = visit(child, in_link)
                total, linked, links = total + sub_total, linked + sub_linked, links + sub_links
            tail = len(_squash(child.tail or ""))
            total, linked = total + tail, linked + (tail if in_link else 0)
        sizes[element] = (total, linked, links)
        return total, linked, links

    visit(container, False)
    return sizes
