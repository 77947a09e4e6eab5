"""Stage 2, parse: :class:`SourceText` → :class:`ParsedText` (identity, metadata and structure).

A text says who it is in one or more of these places, tried in this order of trust:

1. the thuvienphapluat block (``Số hiệu 01/CT-BTTTT`` / ``Ngày ban hành 20/01/2024`` / …), also
   as a page dump flattens it (``**Số hiệu:**`` / ``|`` / ``79/2025/QĐ-UBND``);
2. the official header, plain or as a markdown table (``Số: 836/VBHN-BLĐTBXH`` | ``Hà Nội, ngày 05
   tháng 3 năm 2024``, the issuer in capitals in the first cell, ``V/v …`` for a letter), or
   LuatVietNam's byline under the type line (``THÔNG TƯ`` / ``CỦA BỘ TÀI CHÍNH SỐ 08/2010/TT-BTC
   NGÀY 14 THÁNG 01 NĂM 2010``); in a scan, a number whose digits OCR could not read (``Số: ��
   /QĐ-TTg``) is None and listed for review, never guessed;
3. a first line naming the text (``Chỉ thị số 01/CT-BTTTT của Bộ Thông tin và Truyền thông: …``);
4. the type line (``CHỈ THỊ``) and the content, for a text with no number at all (seed 001);
5. for a press report (seeds 002, 004): the report's own date.
"""

from __future__ import annotations

import functools
import re
import string
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from operator import attrgetter

from graph.identity import (
    canonical_number,
    doc_type_from_number,
    document_id,
    file_document_id,
    fold_name,
    number_key,
    number_year,
    strip_diacritics,
)
from graph.model import WRITTEN_TYPES, Document, Mention
from loader.agencies import KNOWN_AGENCIES, MINISTRIES, issuer_from_number
from loader.effects import own_effective_date
from loader.find import UNREADABLE, fold_sentences, lower_twin
from loader.read import SourceText
from loader.text import AS_LETTER, fold_for_scan, iso_date, squash

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered or headed part of the body: ``2.1. Lĩnh vực Bưu chính``, ``Điều 3.``,
    ``A. MỤC ĐÍCH``."""

    start: int
    end: int
    number: str | None  # "2.1", "3", "A", "Điều 3"
    heading: str  # the heading line without its number


@dataclass(frozen=True, slots=True)
class ParsedText:
    """The text with what the later stages need to know about it.

    - ``document``: the text's own identity and metadata, ``id`` set by :mod:`graph.identity`
      (``source_path`` set, so it is a full node).
    - ``own_spans``: spans that state the text's own identity (``Số hiệu 01/CT-BTTTT``, ``Số:
      01/CT-BTTTT``, the title line ``Chỉ thị số 01/CT-BTTTT của Bộ …``): never citations.
    - ``web_title_span``: a markdown ``# …`` heading or first line copied from a web page; it may
      be another document's title (dev ``vb_01f9b82b1d``), so relation verbs in it do not apply to
      this text.
    - ``title_span``: the text's own title under its type line (``CHỈ THỊ`` / ``VỀ VIỆC TỔ CHỨC
      TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 19/CT-TTG …``): verbs there describe this text.
    - ``preamble_span``: the "Căn cứ …" / "Xét đề nghị …" block before the body.
    - ``body_start``: where the running text begins (after header, title and preamble).
    - ``review``: what a person must look at before the identity can be trusted: the "Số:" line
      of a scan whose digits OCR could not read ("Số: �� /QĐ-TTg"); the number is then None.
    """

    source: SourceText
    document: Document
    own_spans: tuple[Span, ...] = ()
    web_title_span: Span | None = None
    title_span: Span | None = None
    preamble_span: Span | None = None
    body_start: int = 0
    sections: tuple[Section, ...] = field(default=())
    review: tuple[Mention, ...] = ()

    @property
    def text(self) -> str:
        return self.source.text


# --- vocabulary -----------------------------------------------------------------------------------

# Type words as written, upper case → doc_type code (graph.model.WRITTEN_TYPES: "QUY CHẾ" is a
# regulation, "CÔNG ĐIỆN" an official letter).
_TYPE_WORDS: dict[str, str] = {spelling.upper(): code for spelling, code in WRITTEN_TYPES}
_TYPE_WORD_ALTERNATION = "|".join(re.escape(w) for w in sorted(_TYPE_WORDS, key=len, reverse=True))

# A số hiệu: digits, then "/" or "-" separated symbol tokens ("01/CT-BTTTT", "252/KH-BCĐQG1237",
# "18-NQ/TW"). One space is allowed around a separator because copies from PDFs give "3210/QĐ -
# UBND"; a letter is required so that dates ("20/01/2024") never pass.
_NUMBER = r"\d{1,5}(?:[ ]?[/-][ ]?[0-9A-Za-zĐđ&]+)+"
_NUMBER_RE = re.compile(_NUMBER)

# How much of the start of a text can hold its header: the longest real header (seed 000: the
# thuvienphapluat block, the two-column header and the title) ends before character 1,500; a web
# title plus a long "V/v" subject stays well under this.
HEADER_WINDOW = 4000

# How far after "Số: …" the header's "Hà Nội, ngày … tháng … năm …" can stand: past a letter's
# "V/v" subject (the longest in the dev corpus is ~200 characters) and the table's cell border.
HEADER_DATE_REACH = 500

# The thuvienphapluat metadata labels (seed 000, lines 3-9; the attribute table of its pages,
# dev2 vb2_20d7bc1408: "**Số hiệu:**", "**Nơi ban hành:**", "**Tình trạng:**").
_PORTAL_LABELS: dict[str, str] = {
    "số hiệu": "number",
    "ngày ban hành": "issued",
    "ngày có hiệu lực": "effective",
    "ngày hiệu lực": "effective",
    "loại văn bản": "type",
    "cơ quan ban hành": "issuer",
    # "Nơi ban hành: Tỉnh Hà Tĩnh" names the province as often as the body ("Thủ tướng Chính
    # phủ"): the header says who issued, this only when nothing else does.
    "nơi ban hành": "place",
    "người ký": "signer",
    "lĩnh vực": "field",
    "lĩnh vực, ngành": "field",
    "ngày hợp nhất": "consolidated",
    "ngày công báo": "gazette_date",
    "số công báo": "gazette_number",
    "tình trạng": "status",
}
_PORTAL_LABEL = "|".join(
    re.escape(label) for label in sorted(_PORTAL_LABELS, key=len, reverse=True)
)
_PORTAL_LINE = re.compile(
    rf"^[ \t|*]*(?P<label>{_PORTAL_LABEL})(?!\w)[ \t*]*:?[ \t|*]*(?P<value>[^|\n]*?)[ \t|*]*$",
    re.MULTILINE | re.IGNORECASE,
)
# One cell of the block: a label and its value on one line ("Số hiệu 01/CT-BTTTT"), in one table
# row ("| Số hiệu | 01/CT-BTTTT |") or, in a page dump that flattened the table, each on its own
# line between lines of cell borders ("**Số hiệu:**⏎|⏎79/2025/QĐ-UBND⏎|"); a label may even be
# cut from its emphasis ("**⏎Ngày hiệu lực:**").
_PORTAL_CELL = re.compile(r"[^|\n]+")
# A label written with a letter IGNORECASE takes for an ASCII one ("ſố hiệu", a web copy's long
# s) matches _PORTAL_ENTRY, and must find its key.
_AS_LETTER = str.maketrans(AS_LETTER)


def _label_key(label: str) -> str:
    """The key of :data:`_PORTAL_LABELS` of a label _PORTAL_ENTRY matched.

    >>> _label_key("ſố Hiệu")
    'số hiệu'
    """
    return label.translate(_AS_LETTER).lower()


_PORTAL_ENTRY = re.compile(
    rf"(?P<label>{_PORTAL_LABEL})(?!\w)[ \t]*:?[ \t]*(?P<value>.*)", re.IGNORECASE
)
_CELL_MARKUP = " \t*#_"
# A cell that opens with a label: after a line break, after a border, at the window's start. Every
# label _PORTAL_ENTRY reads opens such a cell, so a window with fewer than MIN_PORTAL_LABELS of
# them has no block (most real pages: 10 µs, where the loop over every cell takes 70). Each
# pattern opens with its delimiter, a literal the engine skips ahead to (a class of the two is
# tried at every character, as slow as the loop); a look at the first letter of the labels turns
# most lines away before the labels are tried one by one (half the time).
_PORTAL_LABEL_INITIALS = "".join(sorted({label[0] for label in _PORTAL_LABELS}))
_PORTAL_CELL_LABELS = tuple(
    re.compile(
        rf"{opening}[ \t*#_]*(?=[{_PORTAL_LABEL_INITIALS}])(?:{_PORTAL_LABEL})", re.IGNORECASE
    )
    for opening in (r"\n", r"\|", "")
)


def _portal_label_cells(window: str) -> int:
    """How many cells of ``window`` open with a label (each cell starts after one delimiter or at
    the start, so none is counted twice): never fewer than the labels :func:`_portal_block` reads.
    """
    after_break, after_border, at_start = _PORTAL_CELL_LABELS
    count = len(after_break.findall(window)) + (at_start.match(window) is not None)
    if "|" in window:
        count += len(after_border.findall(window))
    return count


# "Lĩnh vực bưu chính: Phát triển …" is a sentence of seed 002, not metadata: a real block has
# several labels in a row.
MIN_PORTAL_LABELS = 3

# "Số: 01/CT-BTTTT"; Công báo and some sites print the type word before it: "Nghị quyết số:
# 78/2025/UBTVQH15", "Quyết định số: 15/QĐ-UBND" (the number is still the text's own). A page
# dump that flattened the header table puts the number on the next line, maybe past a line of
# cell borders ("Số:⏎79/2025/QĐ-UBND", dev2 vb2_20d7bc1408). In a scan, OCR writes U+FFFD for
# the digits it could not read ("Số: �� /QĐ-TTg"): such a number is matched to be set aside.
_SO_GAP = r"[ \t*_]*(?:\n[ \t|*_]*){0,2}"
_SYMBOL_TOKEN = rf"[0-9A-Za-zĐđ&{UNREADABLE}]+"
_ORDINAL_AS_READ = rf"[\d{UNREADABLE}]{{1,5}}"
# In a scan the ordinal is often written by hand in a blank before the symbol ("Số: 25 /QĐ-TTg"),
# but a dash with spaces around it is a rule's piece OCR read beside the number ("Số: 25 /QĐ-TTg
# — TT “TT" of Quyết định 25/QĐ-TTg, 2010), not a separator as in a typed "3210/QĐ - UBND".
_NUMBER_PATTERNS = {
    False: rf"{_ORDINAL_AS_READ}(?:[ ]?[/-][ ]?{_SYMBOL_TOKEN})+",
    True: rf"{_ORDINAL_AS_READ}[ ]?/[ ]?{_SYMBOL_TOKEN}(?:[/-]{_SYMBOL_TOKEN})*",
}
UNREAD_NUMBER = "số hiệu không đọc được"  # why a scan's "Số:" line is listed for review
_SO_LINES = {
    ocr: re.compile(
        rf"(?:^|\|)[ \t#*_]*(?P<so>(?:(?i:{_TYPE_WORD_ALTERNATION})[ \t]+số|Số)[ \t]*:"
        rf"{_SO_GAP}(?P<number>{pattern}))",
        re.MULTILINE,
    )
    for ocr, pattern in _NUMBER_PATTERNS.items()
}
# Opened by "ố", a literal the engine skips ahead to ("[Ss]ố", a class, is tried at every
# character): a header window without "Số:" is passed over in 2 µs instead of 22.
_SO_COLON = re.compile(r"ố(?<=[Ss]ố)[ \t]*:")
# A letter's subject follows its number, in the same cell or on the next printed line (dev
# vb_f507e03f8e: "Số: 2403/TTg-KGVX V/v …"; "Số: 2844/VPCP-KSTT⏎V/v đề xuất …").
_VV = re.compile(
    r"[ \t]*\n?[ \t]*V/v[ \t]*:?[ \t]*(?P<subject>[^|\n]+?)[ \t]*(?=\||$)", re.MULTILINE
)
# Between the words of a date: spaces and line breaks ("ngày⏎24 tháng11 năm 2025", dev2
# vb2_20d7bc1408), markdown emphasis ("_Hà Nội, ngày 25_ _tháng 3_ _năm 2019_") and the cell
# border of a table row the date wrapped over ("ngày 31 tháng 8 năm |⏎|   |2010", dev2
# vb2_019eaba2ff). A day or month may have its digits set apart ("ngày 26 tháng 0 6 năm 2018").
_GAP = r"[\s*_|]*"
_DAY_OR_MONTH = r"(\d(?:[ ]?\d)?)"
_DATE_WORDS_PATTERN = (
    rf"ngày{_GAP}{_DAY_OR_MONTH}{_GAP}tháng{_GAP}{_DAY_OR_MONTH}{_GAP}năm{_GAP}((?:19|20)\d\d)"
)
_DATE_WORDS = re.compile(_DATE_WORDS_PATTERN)
_PLACE_DATE = re.compile(rf",{_GAP}{_DATE_WORDS_PATTERN}")
# OCR reads a digit of a scanned date as a letter of its shape: "Hà Nội, ngày Ú7 tháng 01 năm
# 2010" is the 7th (Quyết định 25/QĐ-TTg). Read so only in OCR'd text and only in the date: a
# number read this way would be a guess at another document. A day it could not read at all
# ("ngày �� tháng 01 năm 2010", the same scan) leaves the date unknown and its year known.
OCR_DIGIT_LOOKALIKES: dict[str, str] = {
    **dict.fromkeys("OoÔôÓóÒòÕõƠơUuÚúÙùDQ", "0"),
    **dict.fromkeys("lI", "1"),
}
_OCR_DIGIT = "[\\d" + "".join(OCR_DIGIT_LOOKALIKES) + UNREADABLE + "]"
_OCR_DAY_OR_MONTH = rf"({_OCR_DIGIT}(?:[ ]?{_OCR_DIGIT})?)"
_OCR_PLACE_DATE = re.compile(
    rf",{_GAP}ngày{_GAP}{_OCR_DAY_OR_MONTH}{_GAP}tháng{_GAP}{_OCR_DAY_OR_MONTH}{_GAP}năm{_GAP}"
    r"((?:19|20)\d\d)"
)
_OCR_DIGITS = str.maketrans(OCR_DIGIT_LOOKALIKES)
_DATE_DIGITS = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
# Headers typed by hand also write the place-date in digits: "Hà Nội, ngày 17/6/2020",
# "Đà Nẵng, ngày 02-07-2014".
_PLACE_DATE_DIGITS = re.compile(r",\s*ngày\s+(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)\b")

# "Chỉ thị số 01/CT-BTTTT của Bộ Thông tin và Truyền thông: Chỉ thị về …" (seed 003) and the
# thuvienphapluat page title "Chỉ thị 01/CT-BTTTT định hướng … do Bộ Thông tin và Truyền thông ban
# hành" (seed 000): a first line that names a document by type and number.
_TITLE_LINE = re.compile(
    rf"^[ \t#]*(?P<head>(?P<type>{_TYPE_WORD_ALTERNATION})[ \t]+(?:số[ \t]+)?(?P<number>{_NUMBER}))"
    r"(?P<rest>[^\n]*)$",
    re.IGNORECASE,
)

# The caps line after the title that names who enacts ("CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ
# MINH" in dev vb_6711e3512e, "CỤC TRƯỞNG CỤC THUẾ" in dev2 vb2_89c953ecd0): it ends the title.
_AUTHORITY_LINE = re.compile(
    r"^(?:CHỦ TỊCH|THỦ TƯỚNG|BỘ TRƯỞNG|BỘ |ỦY BAN|UỶ BAN|CHÍNH PHỦ|HỘI ĐỒNG|BAN CHẤP HÀNH"
    r"|QUỐC HỘI|TỔNG GIÁM ĐỐC|GIÁM ĐỐC|THỐNG ĐỐC|CHÁNH ÁN|VIỆN TRƯỞNG|TỔNG KIỂM TOÁN"
    r"|(?:TỔNG |CHI )?CỤC TRƯỞNG|VỤ TRƯỞNG|CHÁNH THANH TRA|TRƯỞNG BAN)"
)
# A title line is a caps line; web copies keep a few lower-case letters ("TTg" in "QĐ-TTg").
MIN_CAPS_SHARE = 0.9

# The type line alone, or with a footnote mark glued to it by a PDF copy ("NGHỊ ĐỊNH1" of a
# consolidated text whose footnote 1 lists what it consolidates; "LUẬT[1]").
_FOOTNOTE_ENDS = frozenset("0123456789]")
_FOOTNOTE_MARK = re.compile(r"(?:\d{1,2}|\[\d{1,2}\])$")
# A sentence-case title starts with a capital and is not a basis clause or a numbered heading:
# "Về việc sắp xếp thôn, tổ dân phố …", "Quy định chi tiết …", "Kiện toàn Ban Chỉ đạo …".
_NOT_A_TITLE_START = re.compile(
    r"^(?:Căn cứ|Xét|Theo đề nghị|Thực hiện|Sau khi|Trên cơ sở|Kính gửi)\b"
)
# The longest sentence-case title in the Công báo texts we have seen runs over 3 printed lines; a
# paragraph of body text under a bare type line runs longer or ends with a full stop.
MAX_SENTENCE_TITLE_LINES = 4

_PREAMBLE_OPENER = re.compile(
    r"^[ \t*_]*(?:Căn cứ|Xét đề nghị|Theo đề nghị|Xét Tờ trình|Xét tờ trình|Thực hiện|Sau khi"
    # "Trên cơ sở kết quả biểu quyết của các Thành viên Chính phủ." closes a Government
    # resolution's preamble.
    r"|Trên cơ sở)\b"
)
# A Văn bản hợp nhất printed without its number (Công báo puts "VĂN BẢN HỢP NHẤT - BỘ …" over the
# header; a web copy may lose the header) still says what it is: by that head line, by the formula
# under its title that names what it consolidates ("Thông tư số 32/2016/TT-BLĐTBXH ngày 25 tháng
# 10 năm 2016 …, có hiệu lực từ ngày 10 tháng 12 năm 2016, được sửa đổi, bổ sung bởi:"), or by its
# first footnote ("Văn bản này được hợp nhất từ 02 Nghị định sau:").
_CONSOLIDATED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("VĂN BẢN HỢP NHẤT", re.compile(r"^[ \t#*]*VĂN BẢN HỢP NHẤT\b", re.MULTILINE)),
    (
        "bởi",
        re.compile(
            r"có(?<!\wcó)\s+hiệu\s+lực\b[^;:]{0,120}?,\s*được\s+sửa\s+đổi,?\s+bổ\s+sung\s+bởi\s*:"
        ),
    ),
    (
        "Văn bản này được hợp nhất từ",
        re.compile(r"Văn bản này được hợp nhất từ(?<!\wVăn bản này được hợp nhất từ)\b"),
    ),
)
# Each pattern comes with a word it spells as written: a header without it is not searched. The
# patterns open with their first word ("\bcó" is "có" with no word character before it), which the
# engine skips ahead to; the first opens with "^", which it tries at every character.


def _says_consolidated(text: str) -> bool:
    window = text[:HEADER_WINDOW]
    return any(
        word in window and pattern.search(text, 0, HEADER_WINDOW) is not None
        for word, pattern in _CONSOLIDATED
    )


# "Bộ trưởng Bộ Thông tin và Truyền thông yêu cầu các cơ quan …" (seed 001, which has no header).
# Opened by "trưởng", a literal the engine skips ahead to, the head's word checked behind it (a
# pattern that opens with "\b" is tried at every character of the text's opening).
_ENACTING_MINISTER = re.compile(
    r"trưởng(?:(?<=\bBộ trưởng)|(?<=\bThủ trưởng))\s+(?P<issuer>Bộ\s+[^,.;:()\n]+?)\s+"
    r"(?:yêu cầu|chỉ thị|quyết định|ban hành|đề nghị)\b"
)
# What marks a press report rather than a legal text (seed 002 "Ngày 03/01/2020, Bộ trưởng … ký
# ban hành Chỉ thị số 01/CT-BTTTT", "Tác giả: Mỹ Hạnh"; seed 004 " date 2023-05", "phát biểu chỉ
# đạo Hội nghị"). Reports on a document add: "vừa ký ban hành", "Thủ tướng Chính phủ đã ký Quyết
# định số 62/2009/QĐ-TTg", a lede "Ngày 24/4/2023, UBND tỉnh ban hành Quyết định số …", a link to
# the full text ("Toàn văn quyết định tại đây", "Xem chi tiết nội dung Quyết định tại đây!") and a
# page's date stamp ("Thứ năm - 08/04/2021 05:04"). Not "Theo đó", which legal texts write too
# (seed 003). Words are looked up as substrings of the lower-cased window (a regex alternation of
# words is several times slower); the rest are patterns.
_REPORT_WORDS: tuple[str, ...] = ("ký ban hành",)
# Words of any press report; a legal text may quote a speech ("phát biểu") or ask to be told
# ("đề nghị … cho biết ý kiến"), so these alone do not unmake a text that names itself.
_NEWS_WORDS: tuple[str, ...] = (*_REPORT_WORDS, "phát biểu", "cho biết", "phóng viên", "ảnh:")
_NEWS_LINE = re.compile(  # searched in "\n" + window, so that each starts at a line
    r"\n[ \t]*(?:date\s+\d{4}-\d{2}\b|Tác giả\s*:|Nguồn\s*:"
    r"|Ngày\s+\d{1,2}/\d{1,2}/(?:19|20)\d\d\s*,[^\n]{0,120}?\bban hành\b"
    r"|(?:Thứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy)|Chủ nhật)\s*[-,]\s*"
    r"\d{1,2}/\d{1,2}/(?:19|20)\d\d)"
)
_NEWS_PHRASE = re.compile(
    r"\bvừa\s+(?:ký\s+)?ban hành\b"
    rf"|\bđã\s+ký\s+(?:ban hành\s+)?(?:{_TYPE_WORD_ALTERNATION})\b"
    r"|\b(?:Toàn văn|Xem|Chi tiết|Tải)\b[^\n]{0,60}?\btại đây\b",
    re.IGNORECASE,
)
# The same, to search the window in lower case (the same length), a pattern per branch: each
# opens with its word, a literal the engine skips ahead to, where IGNORECASE, or one alternation
# of the branches, tries every character ("\bvừa" is "vừa" with no word character before it).
_NEWS_PHRASES_LOW: tuple[re.Pattern[str], ...] = (
    re.compile(r"vừa(?<!\wvừa)\s+(?:ký\s+)?ban hành\b"),
    re.compile(rf"đã(?<!\wđã)\s+ký\s+(?:ban hành\s+)?(?:{_TYPE_WORD_ALTERNATION.lower()})\b"),
    *(
        re.compile(rf"{word}(?<!\w{word})\b[^\n]{{0,60}}?\btại đây\b")
        for word in ("toàn văn", "xem", "chi tiết", "tải")
    ),
)
# Where IGNORECASE and str.lower differ on the letters of those words: "İ" lowers to two
# characters, and IGNORECASE reads "ı" as "i" and "ſ" as "s" (the ``re`` docs).
_CASE_APART = ("ı", "ſ")


def _same_as_lowered(window: str, lowered: str) -> bool:
    """Whether an IGNORECASE search of ``window`` for :data:`_NEWS_PHRASE` finds what a plain
    search of ``lowered`` (``window.lower()``) for :data:`_NEWS_PHRASES_LOW` does."""
    return len(lowered) == len(window) and not any(c in window for c in _CASE_APART)


# The enacting line of a text whose type line is lost: "NGHỊ ĐỊNH:", "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:".
_ENACTING_TYPES = {"NGHỊ ĐỊNH": "decree", "QUYẾT ĐỊNH": "decision", "QUYẾT NGHỊ": "resolution"}
_ENACTING_WORD = re.compile(
    rf"^[ \t*#]*(?P<word>{'|'.join(_ENACTING_TYPES)})[ \t*]*:[ \t*]*$", re.MULTILINE
)
_NEWS_DATE_STAMP = re.compile(r"^\s*date\s+((?:19|20)\d\d)-(\d\d)\b")

# A year a text speaks of as its own working period: "nhiệm vụ công tác năm 2021", "quý IV năm
# 2021" (seed 001). Not a horizon ("đến năm 2025"), not a date or a named law ("Luật Báo chí năm
# 2016"), not a cited document.
# "\bnăm" written as "năm" and no word character before it: a pattern that opens with a literal
# lets the engine skip to each "năm", where "\b" first has it try every character of the text.
_YEAR_PHRASE = re.compile(r"năm(?<!\wnăm)\s+((?:19|20)\d\d)\b(?!\s*[-–]\s*\d)")
_NOT_OWN_YEAR = re.compile(
    r"(?:\b(?:đến|tới|tầm nhìn|từ)|\btháng\s+\d{1,2})\s*$"
    r"|\b(?:Luật|Bộ luật|Pháp lệnh|Hiến pháp)(?:\s+[^\s,.;:()]+){0,6}\s*$",
    re.IGNORECASE,
)
# Its month branch: most of those years are a date's ("ngày 17 tháng 5 năm 2025"), whose month is
# found in the last few characters; the whole pattern is searched only when it is not there
# (searched over 80 characters, the pattern tries every one: 8 µs a year, 0.1 s for real1k).
_MONTH_BEFORE = re.compile(r"\btháng\s+\d{1,2}\s*$", re.IGNORECASE)
MONTH_TAIL = 20  # "tháng 12 " and a few more spaces
# The last letters of "đến", "tới", "tầm nhìn", "từ" in the cases IGNORECASE matches ("İ" and "ı"
# are an "i" to it); a new word of _NOT_OWN_YEAR must add its own.
_NOT_OWN_YEAR_ENDS = frozenset("nNiIİıừỪ")
# The laws of _NOT_OWN_YEAR in lower case; "İ" and "ı", which IGNORECASE reads as "i" and lower()
# does not turn into one, leave the question to the pattern.
_LAW_WORDS_LOWER = ("luật", "pháp lệnh", "hiến pháp", "\u0131", "i\u0307")


def _may_name_law(before: str) -> bool:
    """Whether ``before`` may hold a law that _NOT_OWN_YEAR matches (it never does without)."""
    lowered = before.lower()
    return any(word in lowered for word in _LAW_WORDS_LOWER)


# The gazette's running head: "CÔNG BÁO/Số 347 + 348/Ngày 25-02-2025".
_GAZETTE_STAMP = re.compile(
    r"^[ \t]*CÔNG BÁO/Số[^\n]{0,40}?/Ngày \d{1,2}-\d{1,2}-((?:19|20)\d\d)\b", re.MULTILINE
)
# A law or a resolution of an elected body is dated by its adoption, which its last lines state:
# "Nghị quyết này được Ủy ban Thường vụ Quốc hội … phiên họp thứ 45 thông qua ngày 17 tháng 5
# năm 2025." A Công báo copy may print no date in the header.
_ADOPTED = re.compile(
    r"\b(?:Luật|Bộ luật|Pháp lệnh|Hiến pháp|Nghị quyết) này (?:đã )?được[^.]{0,250}?"
    r"\bthông qua ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d)"
)
# How far from the end the adoption sentence stands: before the signature and a short annex list.
ADOPTED_REACH = 3000
# Not a consolidated text, whose closing sentence dates the law it consolidates.
ADOPTED_TYPES = frozenset({"constitution", "code", "law", "ordinance", "resolution"})
_TITLE_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d\d)\s*$", re.IGNORECASE)

_MARKDOWN_MARKER = re.compile(r"^#+\s*[\w.-]*_[\w.-]*\s*$")  # "# 836_2024_VBHN_BLDTBXH_art1_2"
_RULE_LINE = re.compile(r"^[\s\-_*=|]+$")  # "-------", "|---|---|", "********"
MIN_RULE_CHARS = 3  # "---" rules a header; "**" is emphasis a page dump cut off its words

# Issuers whose capitals a rule would get wrong; key: folded with spaces removed, so that the
# spaced-out "ỦY B AN NHÂN D Â N T HÀNH P HỐ HỒ C H Í M I NH" of dev vb_6711e3512e is recognised.
_KNOWN_ISSUERS: tuple[str, ...] = (
    "Quốc hội",
    "Ủy ban Thường vụ Quốc hội",
    "Chủ tịch nước",
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Văn phòng Chính phủ",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Ban Chấp hành Trung ương",
    "Ngân hàng Nhà nước Việt Nam",
    "Thanh tra Chính phủ",
    "Kiểm toán Nhà nước",
    "Tòa án nhân dân tối cao",
    "Viện kiểm sát nhân dân tối cao",
    "Ủy ban nhân dân Thành phố Hồ Chí Minh",
    "Ủy ban nhân dân thành phố Hà Nội",
    *MINISTRIES,
)
_PROPER_NOUNS: tuple[str, ...] = _KNOWN_ISSUERS + (
    "Việt Nam",
    "Đảng",
    "Nhà nước",
    "Hà Nội",
    "Thành phố Hồ Chí Minh",
    "Thông tin và Truyền thông",
    "Lao động - Thương binh và Xã hội",
)


def _squeeze_key(name: str) -> str:
    return fold_name(name).replace(" ", "").replace("-", "")


_ISSUER_BY_KEY = {_squeeze_key(name): name for name in _KNOWN_ISSUERS}

# Section headings, outermost first; the level decides where a section ends (at the next heading
# of the same or an outer level).
_HEADINGS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(r"^(?P<number>Phần\s+(?:thứ\s+)?[\wIVXLC]+)\b[.:]?\s*(?P<heading>.*)$")),
    (1, re.compile(r"^(?P<number>Chương\s+[IVXLC\d]+)\b[.:]?\s*(?P<heading>.*)$")),
    (2, re.compile(r"^(?P<number>[A-HJ-UWYZĐ])\.\s+(?P<heading>\S.*)$")),
    (3, re.compile(r"^(?P<number>[IVX]{1,5})\.\s+(?P<heading>\S.*)$")),
    (4, re.compile(r"^(?P<number>Mục\s+\d+)\b[.:]?\s*(?P<heading>.*)$")),
    (5, re.compile(r"^(?P<number>Điều\s+\d+[a-zđ]?)\s*[.:]?\s*(?P<heading>.*)$")),
    # "1.", "2.1.", "1.1 Thời gian": sub-numbers of at most two digits, so that a money amount at
    # the start of a line ("1.600.000 đồng", dev vb_725071f59e) is not a heading.
    (6, re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\.\s+(?P<heading>\S.*)$")),
    (6, re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})+)\s+(?P<heading>[^\d\s].*)$")),
    # "* Nhiệm vụ năm 2024 và định hướng đến năm 2025" (seeds 000, 003): inside any numbered part.
    (20, re.compile(r"^\*\s*(?P<heading>[^*\s].{0,200})$")),
    # "- Lĩnh vực Bưu chính:" (seed 001): a short dash line ending in a colon heads a group.
    (21, re.compile(r"^-\s+(?P<heading>[^\n]{3,100}):$")),
)

# The patterns of _HEADINGS as one alternation, tried in the same order at the line's start: the
# first branch that matches wins, as in a loop over them, in one regex call a line instead of up
# to ten. Branch ``i`` names its groups ``n{i}`` (the number) and ``h{i}`` (the heading), which
# closes last, so ``lastgroup`` tells the branch.
_HEADING_ANY = re.compile(
    "|".join(
        "(?:"
        + pattern.pattern.replace("(?P<number>", f"(?P<n{i}>").replace("(?P<heading>", f"(?P<h{i}>")
        + ")"
        for i, (_, pattern) in enumerate(_HEADINGS)
    )
)
# Branch i's last group, h{i}, → (its level, the name of its number group if it has one, h{i}).
_HEADING_BRANCHES: dict[str, tuple[int, str | None, str]] = {
    f"h{i}": (level, f"n{i}" if "(?P<number>" in pattern.pattern else None, f"h{i}")
    for i, (level, pattern) in enumerate(_HEADINGS)
}


# Not frozen: one is made per line of every text, and a frozen dataclass's __init__ sets each field
# through object.__setattr__ (0.65 against 0.28 µs); no _Line is changed or hashed once made.
@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def bare(self) -> str:
        """Without markdown emphasis around it: "*Căn cứ Luật Tổ chức Chính phủ …;*" of a page
        dump, "**THỦ TƯỚNG CHÍNH PHỦ**"."""
        return self.text.strip().strip("*_").strip()


@dataclass(frozen=True, slots=True)
class _Header:
    """What the official header says."""

    number: str | None = None
    number_span: Span | None = None
    subject_span: Span | None = None  # "V/v …" of an official letter
    issued: str | None = None
    year: int | None = None  # of a date whose day OCR could not read ("ngày �� tháng 01 năm 2010")
    issuer: str | None = None
    place: str | None = None  # "Tuyên Quang" of "Tuyên Quang, ngày 18 tháng 3 năm 2011"
    end: int = 0
    unreadable: Span | None = None  # the "Số: �� /QĐ-TTg" line of a scan whose digits OCR lost


@dataclass(frozen=True, slots=True)
class _TypeLine:
    doc_type: str
    word: str  # "Chỉ thị"
    span: Span  # the type line and the title lines under it
    title: str | None  # the caps title under the type line, whitespace collapsed
    title_span: Span | None
    authority: str | None  # "CHỦ TỊCH ỦY BAN NHÂN DÂN …" after the title
    caps_title: bool = True  # False for a Công báo title in sentence case
    byline: _Header | None = None  # "CỦA BỘ TÀI CHÍNH SỐ 08/2010/TT-BTC NGÀY …" under the type word


# --- entry point ----------------------------------------------------------------------------------


# --- a header typed without diacritics ---------------------------------------------------------

# How far a header reaches: the lines before the preamble or the body.
_ASCII_HEADER_CHARS = 1500
# The words a header is read by, as they are written without diacritics, line by line: the
# issuer's and the country's lines, the type line, "Căn cứ" (restored as written, each the same
# length: an offset in one text is an offset in the other).
_HEADER_LINES: tuple[str, ...] = (
    *MINISTRIES,
    *KNOWN_AGENCIES,
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    *(spelling for spelling, _ in WRITTEN_TYPES),
)
_ACCENTED: dict[str, str] = {strip_diacritics(line).upper(): line for line in _HEADER_LINES}
_ASCII_LINE = re.compile(r"^([ \t#*_|]*)([A-Za-z][A-Za-z ,&-]*?)([ \t*_|:]*)$", re.MULTILINE)
_ASCII_NUMBER_LINE = re.compile(r"^([ \t#*_|]*)(So|SO)([ \t]*:)", re.MULTILINE)
_ASCII_DATE = re.compile(
    r"\b(ngay|NGAY|Ngay)(\s+\d{1,2}\s+)(thang|THANG)(\s+\d{1,2}\s+)(nam|NAM)(?=\s+(?:19|20)\d\d)"
)
_ASCII_BASIS = re.compile(r"^([ \t]*)(Can cu|CAN CU)\b", re.MULTILINE)


def _in_case_of(ascii_word: str, accented: str) -> str:
    """``accented`` in the case ``ascii_word`` is written in."""
    if ascii_word.isupper():
        return accented.upper()
    if ascii_word[:1].isupper():
        return accented[:1].upper() + accented[1:]
    return accented.lower()


def restore_header(text: str) -> str | None:
    r"""``text`` with the words its header is read by given back their diacritics, when the header
    was typed without any ("So: 46/2012/TT-BTC", "THONG TU", "BO TAI CHINH", "ngay 16 thang 3 nam
    2012"); None when the header has diacritics. Same length, same offsets.

    >>> restore_header("BO TAI CHINH\nSo: 46/2012/TT-BTC\nngay 16 thang 3 nam 2012\nTHONG TU\n")
    'BỘ TÀI CHÍNH\nSố: 46/2012/TT-BTC\nngày 16 tháng 3 năm 2012\nTHÔNG TƯ\n'
    >>> restore_header("Số: 46/2012/TT-BTC") is None
    True
    """
    head = text[:_ASCII_HEADER_CHARS]
    if not head.isascii() or not _ASCII_NUMBER_LINE.search(head):
        return None

    def line(match: re.Match[str]) -> str:
        words = match.group(2)
        accented = _ACCENTED.get(" ".join(words.upper().split()))
        if accented is None or len(accented) != len(words):
            return match.group()
        return match.group(1) + _in_case_of(words, accented) + match.group(3)

    restored = _ASCII_LINE.sub(line, head)
    restored = _ASCII_NUMBER_LINE.sub(
        lambda m: m.group(1) + _in_case_of(m.group(2), "Số") + m.group(3), restored, count=1
    )
    restored = _ASCII_DATE.sub(
        lambda m: (
            _in_case_of(m.group(1), "ngày")
            + m.group(2)
            + _in_case_of(m.group(3), "tháng")
            + m.group(4)
            + _in_case_of(m.group(5), "năm")
        ),
        restored,
        count=1,
    )
    rest = _ASCII_BASIS.sub(
        lambda m: m.group(1) + _in_case_of(m.group(2), "Căn cứ"), text[len(head) :]
    )
    restored = _ASCII_BASIS.sub(lambda m: m.group(1) + _in_case_of(m.group(2), "Căn cứ"), restored)
    return restored + rest


def parse(source: SourceText) -> ParsedText:
    """Identity, metadata, header spans and sections of one text."""
    restored = restore_header(source.text)
    if restored is not None:
        # Read the header as if typed with its diacritics; keep the text as it is written.
        return replace(_parse(replace(source, text=restored)), source=source)
    return _parse(source)


def _parse(source: SourceText) -> ParsedText:
    text = source.text
    lines = _lines(text)
    portal = _portal_block(text)
    type_line = _type_line(text, lines)
    header = _official_header(text, lines, type_line.span[0] if type_line else None, source.ocr)
    if header.number_span is None and type_line is not None and type_line.byline is not None:
        # "THÔNG TƯ⏎CỦA BỘ TÀI CHÍNH SỐ 08/2010/TT-BTC NGÀY 14 THÁNG 01 NĂM 2010⏎…"
        header = replace(type_line.byline, issuer=type_line.byline.issuer or header.issuer)
    first = next((line for line in lines if line.stripped), None)
    title_line = _TITLE_LINE.match(first.text) if first is not None else None
    headline: Span | None = None
    if (
        title_line is not None
        and first is not None
        and not portal
        and header.number_span is None
        and type_line is None
        and _is_press_report(text, _REPORT_WORDS)
    ):
        # "Quyết định số 505/QĐ-TTg của Thủ tướng Chính phủ ngày 22 tháng 4 năm 2022 về …⏎…⏎Toàn
        # văn quyết định tại đây": a report that opens with the title of what it reports on is
        # not that document, which would have a header, a type line or a portal block. Its
        # headline is its name, and the document it names there is cited, not skipped.
        headline = (first.start + title_line.start("head"), first.start + len(first.text.rstrip()))
        title_line = None

    number = _first(portal.get("number", (None, None))[0], header.number)
    own_spans: list[Span] = []
    if "number" in portal:
        own_spans.append(portal["number"][1])
    if header.number_span is not None:
        own_spans.append(header.number_span)
    if title_line is not None and first is not None:
        line_number = canonical_number(title_line["number"])
        if number is None:
            number = line_number
        if number_key(line_number) == number_key(number):
            own_spans.append(
                (first.start + title_line.start("head"), first.start + title_line.end("head"))
            )
        else:
            title_line = None  # another document's title copied above this one
    if number is not None:
        number = canonical_number(number)

    web_title_span = _web_title_span(first, title_line, portal, header, type_line)
    if headline is not None:
        web_title_span = None
    doc_type = _doc_type(number, portal, type_line, title_line, header, text)
    issued = _first(_iso_from_digits(portal.get("issued", (None, None))[0]), header.issued)
    if issued is None and doc_type in ADOPTED_TYPES:
        adopted = _ADOPTED.search(text, max(0, len(text) - ADOPTED_REACH))
        issued = iso_date(adopted[1], adopted[2], adopted[3]) if adopted else None
    if doc_type == "news":
        issued = None
    issued_year = int(issued[:4]) if issued else header.year
    year = _year(number, issued_year, doc_type, text, type_line, title_line)
    title_span = _title_span(type_line, title_line, header, first)
    if web_title_span and title_span and web_title_span[0] <= title_span[0] < web_title_span[1]:
        # "Chỉ thị số 01/CT-BTTTT của Bộ …: Chỉ thị về …" (seed 003) names this text's own number,
        # so its title is this text's title, not a web page's that might be another document's.
        web_title_span = None
    preamble_span = _preamble_span(lines, title_span or (0, header.end))
    body_start = _body_start(
        text, [*own_spans, web_title_span, title_span, preamble_span, (0, header.end)]
    )
    if preamble_span is not None:
        body_start = _body_start(text, [preamble_span])

    name = _name(text, type_line, title_line, header, first, doc_type, web_title_span or headline)
    authority = type_line.authority if type_line else None
    if authority is None and (header.issuer is None or _BARE_LOCAL.match(header.issuer)):
        authority = _enacting_authority(text, lines, header.end)
    if number is not None:
        doc_id = document_id(number, year, doc_type, name)
    else:
        doc_id = file_document_id(source.path, doc_type)
    issuer = None
    if doc_type != "news":
        issuer = _issuer(text, portal, header, authority, title_line)
        issuer = _as_written(_fuller_issuer(issuer, number), text)
    review: list[Mention] = []
    if header.unreadable is not None:
        begin, end = header.unreadable
        review.append(
            Mention(
                origin=source.path,
                text=text[begin:end],
                start=begin,
                end=end,
                status="unresolved",
                reason=UNREAD_NUMBER,
            )
        )
    document = Document(
        id=doc_id,
        doc_type=doc_type,
        number=number,
        year=year,
        name=name,
        issuer=issuer,
        issued_date=issued,
        effective_date=_effective_date(text, doc_type, issued, body_start, portal),
        signer=_first(portal.get("signer", (None, None))[0], _signer(text)),
        field=portal.get("field", (None, None))[0],
        source_path=source.path,
    )
    return ParsedText(
        source=source,
        document=document,
        own_spans=tuple(sorted(set(own_spans))),
        web_title_span=web_title_span,
        title_span=title_span,
        preamble_span=preamble_span,
        body_start=body_start,
        sections=tuple(_sections(text, lines, body_start)),
        review=tuple(review),
    )


def _effective_date(
    text: str,
    doc_type: str,
    issued: str | None,
    body_start: int,
    portal: dict[str, tuple[str, Span]],
) -> str | None:
    """The text's own effect clause ("Quyết định này có hiệu lực thi hành sau 10 ngày, kể từ
    ngày ký"), else the portal's "Ngày hiệu lực". A consolidated text's effect clauses are those
    of the act it consolidates, and a press report has none of its own."""
    written = None
    if doc_type not in ("consolidated_text", "news", "unknown"):
        written = own_effective_date(fold_sentences(text), doc_type, issued, body_start)
    return written or _iso_from_digits(portal.get("effective", (None, None))[0])


# --- header pieces --------------------------------------------------------------------------------


def _lines(text: str) -> list[_Line]:
    out, start = [], 0
    for piece in text.split("\n"):
        out.append(_Line(start, start + len(piece), piece))
        start += len(piece) + 1
    return out


def _portal_block(text: str) -> dict[str, tuple[str, Span]]:
    """The thuvienphapluat metadata block: field → (value, span of its label and value)."""
    if _portal_label_cells(text[:HEADER_WINDOW]) < MIN_PORTAL_LABELS:
        return {}  # fewer cells that open with a label than a block has: it has none
    cells: list[tuple[str, int, int]] = []  # content without markup, start, end
    for match in _PORTAL_CELL.finditer(text, 0, HEADER_WINDOW):
        cell = match.group()
        content = cell.strip(_CELL_MARKUP)
        if content:  # it starts where the markup before it ends
            start = match.start() + len(cell) - len(cell.lstrip(_CELL_MARKUP))
            cells.append((content, start, start + len(content)))
    groups: list[list[tuple[str, str, Span]]] = [[]]  # runs of labels, each with its value
    index = 0
    while index < len(cells):
        content, start, end = cells[index]
        index += 1
        entry = _PORTAL_ENTRY.fullmatch(content)
        if entry is None:
            if groups[-1]:
                groups.append([])
            continue
        value = entry["value"]
        if (
            not value.strip()
            and index < len(cells)
            and not _PORTAL_ENTRY.fullmatch(cells[index][0])
        ):
            value, end = cells[index][0], cells[index][2]
            index += 1
        groups[-1].append((_PORTAL_LABELS[_label_key(entry["label"])], value, (start, end)))
    for group in groups:
        if len(group) < MIN_PORTAL_LABELS:
            continue
        found: dict[str, tuple[str, Span]] = {}
        for key, raw, span in group:
            value = _collapse(raw)
            if value and not _is_placeholder(value) and key not in found:
                found[key] = (value, span)
        return found
    return {}


def _is_placeholder(value: str) -> bool:
    # thuvienphapluat writes "Đã biết" / "Đang cập nhật" where it withholds or lacks a value.
    return fold_name(value) in {"da biet", "dang cap nhat", "khong xac dinh", "khong ro"}


def _official_header(
    text: str, lines: list[_Line], type_line_start: int | None, ocr: bool = False
) -> _Header:
    window = text[:HEADER_WINDOW]
    end = type_line_start or HEADER_WINDOW
    # every "Số:" line has "số:" or "Số:": the header pattern, which opens with "^" (tried at every
    # character), is searched only in a window that has one
    so = _SO_LINES[ocr].search(window, 0, end) if _SO_COLON.search(window, 0, end) else None
    if so is None or not re.search(r"[A-Za-zĐđ]", so["number"]):
        # A header without a number still names its issuer over the republic's motto (a
        # consolidated text in Công báo: "VĂN BẢN HỢP NHẤT -⏎BỘ LAO ĐỘNG - …⏎CỘNG HÒA …").
        stop = type_line_start or HEADER_WINDOW
        motto = None
        # (the pattern, an alternation, is tried at every character: only where a word of it is)
        if window.find("CỘNG", 0, stop) >= 0 or window.find("Độc lập", 0, stop) >= 0:
            motto = _REPUBLIC.search(window, 0, stop)
        return _Header(issuer=_header_issuer(window[: motto.start()]) if motto else None)
    number = so["number"]
    unreadable = None
    if UNREADABLE in number:
        # the line as written, to the end of its cell: "Số: �� /QĐ-TTg — TT “TT"
        begin = so.start("so")
        stop = min(_line_end(window, begin), _cell_end(window, begin))
        unreadable = (begin, begin + len(window[begin:stop].rstrip()))
    subject = _VV.match(window, so.end())
    subject_span = (subject.start("subject"), subject.end("subject")) if subject else None
    # The place and date follow the number within the header, never past the type line: a header
    # without a date must not take "Căn cứ Luật … ngày 19 tháng 6 năm 2015" as its own.
    reach = min(so.end() + HEADER_DATE_REACH, type_line_start or HEADER_WINDOW)
    date = (
        _PLACE_DATE.search(window, so.end(), reach)
        or _PLACE_DATE_DIGITS.search(window, so.end(), reach)
        or _DATE_WORDS.search(window, so.end(), reach)
        or (_OCR_PLACE_DATE.search(window, so.end(), reach) if ocr else None)
    )
    issued, year = None, None
    if date is not None:
        day, month, year_written = (date[i].translate(_OCR_DIGITS) for i in (1, 2, 3))
        if UNREADABLE in day + month:
            year = int(year_written)
        else:
            issued = iso_date(day, month, year_written)
    end_at = date.end() if date else so.end()
    end = next((line.end for line in lines if line.end >= end_at), end_at)
    place = None
    if date is not None and date.group(0).startswith(","):
        cell_start = max(window.rfind("\n", 0, date.start()), window.rfind("|", 0, date.start()))
        place = _collapse(window[cell_start + 1 : date.start()].strip(_CELL_MARKUP)) or None
    return _Header(
        number=None if unreadable else canonical_number(number),
        number_span=(so.start("so"), so.end("so")),
        subject_span=subject_span,
        issued=issued,
        year=year,
        issuer=_header_issuer(window[: so.start()]),
        place=place,
        end=end,
        unreadable=unreadable,
    )


def _line_end(text: str, position: int) -> int:
    newline = text.find("\n", position)
    return len(text) if newline < 0 else newline


def _cell_end(text: str, position: int) -> int:
    border = text.find("|", position)
    return len(text) if border < 0 else border


def _header_issuer(before: str) -> str | None:
    """The issuer's name in capitals from the header's first column (table cell or plain lines).

    Plain lines: the block of capitals that a rule line or the republic's motto ends; a header
    printed without either (Công báo: "CHÍNH PHỦ⏎ ⏎Số: 158/2025/NĐ-CP") ends at the number, and
    its last block of capitals is the issuer, under the gazette's running head ("VĂN BẢN QUY
    PHẠM PHÁP LUẬT⏎ỦY BAN THƯỜNG VỤ QUỐC HỘI").
    """
    blocks: list[list[str]] = [[]]
    for raw in before.split("\n"):
        line = raw.strip()
        if len(line) < MIN_RULE_CHARS or not _RULE_LINE.match(line):
            # markdown emphasis cut from its words by a page dump ("**ỦY BAN NHÂN⏎DÂN **", dev2
            # vb2_20d7bc1408): "**" alone is no rule line
            line = line.strip("*_ \t")
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if cells and not _RULE_LINE.match(line):
                candidate = _strip_rules(_before_republic(cells[0]))
                if candidate and _is_caps(candidate):
                    return _issuer_case(candidate)
            continue
        if not line:
            if blocks[-1]:
                blocks.append([])
            continue
        if line.startswith("#"):
            continue
        republic = _before_republic(line)
        if _RULE_LINE.match(line) or republic != line:
            head = _strip_rules(republic)
            if republic != line and head and _is_caps(head):
                blocks[-1].append(head)
            if any(blocks):
                return _block_issuer(blocks)
            continue
        if _is_caps(line) and not _PORTAL_LINE.match(line):
            blocks[-1].append(line)
        else:
            blocks = [[]]
    return _block_issuer(blocks) if any(blocks) else None


# The gazette prints its section over the issuer: "VĂN BẢN QUY PHẠM PHÁP LUẬT", "VĂN BẢN PHÁP LUẬT
# KHÁC", "VĂN BẢN HỢP NHẤT - BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" (Công báo, 2025).
_GAZETTE_SECTION = re.compile(
    r"^(?:VĂN BẢN QUY PHẠM PHÁP LUẬT|VĂN BẢN PHÁP LUẬT KHÁC|VĂN BẢN HỢP NHẤT)\b[\s\-–]*"
)
# A block that starts with a place ("TỈNH NGHỆ AN") continues the block above it ("ỦY BAN NHÂN
# DÂN"), which a copy may have set apart with a blank line.
_PLACE_UNIT = re.compile(r"^(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG)\b")


def _block_issuer(blocks: list[list[str]]) -> str | None:
    names = [_GAZETTE_SECTION.sub("", " ".join(block)).strip() for block in blocks if block]
    names = [name for name in names if name]
    if not names:
        return None
    name = names[-1]
    if len(names) > 1 and _PLACE_UNIT.match(name):
        name = f"{names[-2]} {name}"
    return _issuer_case(name)


# The republic's name and motto that stand beside the issuer: "CỘNG HÒA" (the usual spelling) and
# "CỘNG HOÀ" (the older one).
_REPUBLIC = re.compile(r"CỘNG\s+H(?:OÀ|ÒA)|Độc lập\s*-")


def _before_republic(cell: str) -> str:
    match = _REPUBLIC.search(cell)
    return cell[: match.start()].strip() if match else cell


def _strip_rules(cell: str) -> str:
    # Also the cell border of a table row that lost its leading "|": "ỦY BAN NHÂN DÂN | CỘNG HÒA …".
    return re.sub(r"[\s\-_*=|]{2,}$|[\-_*=|]+$", "", cell).strip()


def _is_caps(line: str) -> bool:
    # Counted by str methods mapped in C, not a Python loop per character.
    if line.isupper():
        return sum(map(str.isalpha, line)) >= 2
    capitals = sum(map(str.isupper, line))
    if capitals < 2:
        return False
    small = sum(map(str.islower, line))
    return capitals >= MIN_CAPS_SHARE * (capitals + small)


# A line that may be a type line: the type word, maybe its footnote mark, and nothing else but
# spaces and markup (what _type_line strips). Searched from the line break before it (a literal
# the engine skips ahead to), it finds where the loop over the lines can start: a real page has
# none in most cases, and the loop tried every line of its header window (50 µs a page).
_TYPE_LINE_BODY = (
    rf"(?:[^\S\n]|[#*_])*(?:{_TYPE_WORD_ALTERNATION})(?:\d{{1,2}}|\[\d{{1,2}}\])?"
    r"(?:[^\S\n]|[#*_])*(?![^\n])"
)
_TYPE_LINE_AT_START = re.compile(_TYPE_LINE_BODY)
_TYPE_LINE_AFTER_BREAK = re.compile(rf"\n{_TYPE_LINE_BODY}")


def _first_type_line_candidate(text: str) -> int | None:
    """Where the first line that may be a type line starts, among those that start within the
    header window; None when there is none."""
    if _TYPE_LINE_AT_START.match(text) is not None:
        return 0
    # the last line read is the one that holds the window's last character
    found = _TYPE_LINE_AFTER_BREAK.search(text, 0, _line_end(text, HEADER_WINDOW))
    return found.start() + 1 if found is not None else None


def _type_line(text: str, lines: list[_Line]) -> _TypeLine | None:
    """The caps type line (``CHỈ THỊ``) and the title lines under it: in capitals, or in sentence
    case as Công báo prints them ("NGHỊ QUYẾT⏎Về thanh toán các chi phí khám bệnh, chữa bệnh …⏎
    vượt dự toán …⏎ ⏎CHÍNH PHỦ"), after a byline that states issuer, number and date."""
    first = _first_type_line_candidate(text)
    if first is None:
        return None
    for index in range(bisect_left(lines, first, key=_line_start), len(lines)):
        line = lines[index]
        if line.start > HEADER_WINDOW:
            return None
        if line.stripped.startswith("|"):
            continue
        word = line.stripped.strip("#*_ ").strip()
        if word[-1:] in _FOOTNOTE_ENDS:
            word = _FOOTNOTE_MARK.sub("", word)
        if word not in _TYPE_WORDS:
            continue
        byline = _byline(text, lines, index + 1)
        if byline is not None:
            title_lines, authority = _title_lines(byline[1], 0)
        else:
            title_lines, authority = _title_lines(lines, index + 1)
        offset = line.text.index(word)
        type_span = (line.start + offset, line.start + offset + len(word))
        if title_lines:
            title_span: Span | None = (title_lines[0].start, title_lines[-1].end)
            title = _collapse(" ".join(t.bare for t in title_lines))
            span = (type_span[0], title_lines[-1].end)
        else:
            title_span, title = None, None
            span = (type_span[0], byline[0].end) if byline else type_span
        return _TypeLine(
            doc_type=_TYPE_WORDS[word],
            word=word.capitalize(),
            span=span,
            title=title,
            title_span=title_span,
            authority=authority,
            caps_title=bool(title_lines) and _is_caps(title_lines[0].bare),
            byline=byline[0] if byline else None,
        )
    return None


# LuatVietNam's title names issuer, number and date under the type word: "THÔNG TƯ⏎CỦA BỘ TÀI
# CHÍNH SỐ 08/2010/TT-BTC NGÀY 14 THÁNG 01 NĂM 2010⏎HƯỚNG DẪN …" (dev2 vb2_57348d26d6),
# "NGHỊ ĐỊNH⏎CỦA CHÍNH PHỦ SỐ 05/2010/NĐ-CP NGÀY 18 THÁNG 01 NĂM 2010"; the date may take the
# next line ("CỦA NGÂN HÀNG NHÀ NƯỚC SỐ 01/2010/TT-NHNN⏎NGÀY 06 THÁNG 01 NĂM 2010") and the
# issuer two lines in a Word export ("CỦA BỘ KẾ HOẠCH VÀ ĐẦU⏎TƯ SỐ 02/2010/TT-BKH").
MAX_BYLINE_ISSUER_CHARS = 120  # "CỦA BỘ TRƯỞNG BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN" and more
_BYLINE = re.compile(
    rf"[ \t*_]*(?P<line>(?:CỦA\s+(?P<issuer>[^\d:;|]{{2,{MAX_BYLINE_ISSUER_CHARS}}}?)\s+)?"
    rf"SỐ[ \t]*:?[ \t]*(?P<number>{_NUMBER})"
    r"(?:\s+NGÀY\s+(?P<day>\d{1,2})\s+THÁNG\s+(?P<month>\d{1,2})\s+NĂM\s+(?P<year>(?:19|20)\d\d))?)"
)
# A head who signs for the body that issues: "CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH" is the Ministry's, "CỦA
# THỐNG ĐỐC NGÂN HÀNG NHÀ NƯỚC" the State Bank's (the Prime Minister and a chairman deciding in
# their own name stay: "Thủ tướng Chính phủ", "Chủ tịch Ủy ban nhân dân …").
_HEAD_FOR_BODY = re.compile(r"^(?:BỘ TRƯỞNG|THỐNG ĐỐC)\s+(?=\S)")


def _byline(text: str, lines: list[_Line], index: int) -> tuple[_Header, list[_Line]] | None:
    """The byline under a type line, as a header, and the lines of the title after it."""
    at = _next_content(lines, index)
    if at is None:
        return None
    match = _BYLINE.match(text, lines[at].start)
    if match is None or (match["issuer"] and not _is_caps(match["issuer"])):
        return None
    issuer = None
    if match["issuer"]:
        issuer = _issuer_case(_HEAD_FOR_BODY.sub("", _collapse(match["issuer"])))
    issued = iso_date(match["day"], match["month"], match["year"]) if match["day"] else None
    end = match.end()
    last = next(i for i in range(at, len(lines)) if lines[i].end >= end)
    rest = [_Line(end, lines[last].end, text[end : lines[last].end]), *lines[last + 1 :]]
    header = _Header(
        number=canonical_number(match["number"]),
        number_span=(match.start("line"), end),
        issued=issued,
        issuer=issuer,
        end=end,
    )
    return header, rest


def _title_lines(lines: list[_Line], first: int) -> tuple[list[_Line], str | None]:
    """The title under a type line and the authority line that ends it, if any."""
    title_lines: list[_Line] = []
    sentence_case = False  # set by the first title line
    closed = False  # a sentence-case title is one paragraph, closed by a blank or a rule line
    ruled = False
    for follower in lines[first:]:
        content = follower.bare
        if not content or _MARKDOWN_MARKER.match(content):
            closed = sentence_case
            continue
        caps = _is_caps(content)
        if (
            closed
            and not ruled
            and content[:1].islower()
            and len(title_lines) < MAX_SENTENCE_TITLE_LINES
        ):
            # A copy that double-spaces its lines: "Về việc bãi bỏ các văn bản của Ủy ban nhân
            # dân⏎⏎thành phố Hồ Chí Minh quy định thủ tục …" (dev2 vb2_019eaba2ff).
            closed = False
            title_lines.append(follower)
            continue
        if closed or (sentence_case and _RULE_LINE.match(content)):
            ruled = ruled or bool(_RULE_LINE.match(content))
            if closed and caps and _AUTHORITY_LINE.match(content):
                return title_lines, content
            closed = True
            if _RULE_LINE.match(content):
                continue
            break
        if content.startswith("|"):
            break
        if not caps:
            if title_lines and not sentence_case:
                break
            if (
                _NOT_A_TITLE_START.match(content)
                or _is_heading(content)
                or (not title_lines and not content[:1].isupper())
            ):
                break
            title_lines.append(follower)
            sentence_case = True
            if len(title_lines) > MAX_SENTENCE_TITLE_LINES or content.endswith((".", ";", ":")):
                return [], None  # running text, not a title
            continue
        if title_lines and _AUTHORITY_LINE.match(content):
            return title_lines, content
        if not title_lines and _AUTHORITY_LINE.match(content) and content.startswith("BỘ "):
            break
        if sentence_case:
            break  # capitals after a sentence-case title: "QUYẾT ĐỊNH:" or the like
        title_lines.append(follower)
    return title_lines, None


def _web_title_span(
    first: _Line | None,
    title_line: re.Match[str] | None,
    portal: dict[str, tuple[str, Span]],
    header: _Header,
    type_line: _TypeLine | None,
) -> Span | None:
    """The first line when it was copied from the web page around the text, not from the text."""
    if first is None:
        return None
    content = first.stripped
    lead = first.text.index(content)
    if content.startswith("#"):
        if _MARKDOWN_MARKER.match(content):
            return None
        heading = content.lstrip("#").strip()
        return (first.start + first.text.index(heading), first.start + lead + len(content))
    if type_line is not None and first.start <= type_line.span[0] < first.end:
        return None
    if header.number_span is not None and first.start <= header.number_span[0] < first.end:
        return None
    portal_start = min((span[0] for _, span in portal.values()), default=None)
    headline = (
        title_line is not None
        or (portal_start is not None and first.end <= portal_start)
        or (header.number_span is None and type_line is None and _looks_like_headline(content))
    )
    return (first.start + lead, first.start + lead + len(content)) if headline else None


def _looks_like_headline(line: str) -> bool:
    # "Định hướng phát triển ngành Thông tin và Truyền thông năm 2020" (seed 002): short, no final
    # full stop, not a metadata stamp like seed 004's " date 2023-05 …".
    return (
        len(line) <= 250 and not line.endswith((".", ":", ";")) and not _NEWS_DATE_STAMP.match(line)
    )


def _title_span(
    type_line: _TypeLine | None,
    title_line: re.Match[str] | None,
    header: _Header,
    first: _Line | None,
) -> Span | None:
    if type_line is not None:
        return type_line.span
    if title_line is not None and first is not None:
        rest = title_line["rest"]
        colon = rest.find(":")
        if colon >= 0:
            start = first.start + title_line.start("rest") + colon + 1
            while start < first.end and first.text[start - first.start].isspace():
                start += 1
            return (start, first.start + len(first.text.rstrip()))
    return header.subject_span


def _preamble_span(lines: list[_Line], after: Span) -> Span | None:
    """From the first "Căn cứ …;" after the title to the last clause of the block, before the
    enacting line ("QUYẾT ĐỊNH:", "Bộ trưởng Bộ Tài chính ban hành Thông tư … như sau:").

    A clause runs over the printed lines that a PDF copy cut at the page width ("Căn cứ Luật Bảo
    hiểm y tế ngày 14 tháng 11 năm 2008; Luật sửa đổi,⏎bổ sung một số điều …;"): a line that
    does not end the clause with ";" or "." goes on into the next, unless that one opens a
    clause, enacts ("Chính phủ ban hành Nghị định …", "QUYẾT NGHỊ:") or heads a part.

    A clause ending in a colon is an enacting or opening line ("Thực hiện Quyết định số
    22/2013/QĐ-TTg …, Bộ Xây dựng đề nghị … sau đây:" opens dev letter vb_8c4197cb3e), except
    when it starts with "Căn cứ": dev vb_b688a03f15 runs its basis and its enacting clause
    together on one line.
    """
    start = end = None
    index = next((i for i, line in enumerate(lines) if line.start >= after[1]), len(lines))
    while index < len(lines):
        line = lines[index]
        content = line.stripped
        if not content or _MARKDOWN_MARKER.match(content):
            index += 1
            continue
        opener = _PREAMBLE_OPENER.match(line.text)
        if opener is None:
            if start is not None:
                # "Để chấn chỉnh công tác thanh tra, kiểm tra đối với các⏎doanh nghiệp;" between
                # two bases is a clause of the preamble too.
                last = _clause_end(lines, index)
                following = _next_content(lines, last + 1)
                if not lines[last].bare.endswith(";") or following is None:
                    break
                if not _PREAMBLE_OPENER.match(lines[following].text):
                    break
                end = lines[last].end
                index = following
                continue
            if _is_heading(content) or line.start > after[1] + HEADER_WINDOW:
                return None
            index += 1
            continue
        last = _clause_end(lines, index)
        clause_end = lines[last].bare
        if clause_end.endswith(":") and not content.startswith("Căn cứ"):
            if start is None:
                return None
            break
        if start is None:
            start = line.start + len(line.text) - len(line.text.lstrip())
        end = lines[last].end
        if clause_end.endswith(":"):
            break
        index = last + 1
    return (start, end) if start is not None and end is not None else None


# Where a clause of the preamble ends and the next part begins: "QUYẾT ĐỊNH:", "NGHỊ ĐỊNH:",
# "Chính phủ ban hành Nghị định quy định chi tiết …", "Bộ trưởng Bộ Nội vụ ban hành Thông tư …".
_ENACTING_SENTENCE = re.compile(
    r"^[ \t*#]*(?:Chính phủ|Quốc hội|Ủy ban|Uỷ ban|Hội đồng|Bộ trưởng|Thủ tướng|Chủ tịch|Tổng"
    r"|Thống đốc|Chánh án|Viện trưởng)\b[^;:\n]{0,150}?\bban hành\b"
)
# "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:", "NGHỊ ĐỊNH:": a short line in capitals that ends in a colon.
MAX_ENACTING_WORD_CHARS = 30


def _enacts(line: _Line) -> bool:
    content = line.stripped.strip("*#_ ")
    if content.endswith(":") and len(content) <= MAX_ENACTING_WORD_CHARS:
        return _is_caps(content)
    return _ENACTING_SENTENCE.match(line.text) is not None


# How many printed lines one basis clause can run over: a long "Căn cứ Luật sửa đổi, bổ sung một
# số điều của Luật Đấu thầu, Luật Đầu tư theo phương thức đối tác công tư, …" runs over five.
MAX_CLAUSE_LINES = 12


def _clause_end(lines: list[_Line], index: int) -> int:
    """The index of the last printed line of the clause that starts at ``lines[index]``."""
    last = index
    for _ in range(MAX_CLAUSE_LINES):
        content = lines[last].bare
        if content.endswith((";", ".", ":")):
            return last
        following = _next_content(lines, last + 1)
        if following is None or following - last > 1:
            return last  # a blank line closes a paragraph
        nxt = lines[following]
        if _PREAMBLE_OPENER.match(nxt.text) or _enacts(nxt) or _is_heading(nxt.stripped):
            return last
        last = following
    return last


def _next_content(lines: list[_Line], index: int) -> int | None:
    return next((i for i in range(index, len(lines)) if lines[i].stripped), None)


def _body_start(text: str, spans: list[Span | None]) -> int:
    ends = [span[1] for span in spans if span is not None]
    position = max(ends, default=0)
    if position and position < len(text):
        newline = text.find("\n", position)
        position = len(text) if newline < 0 else newline + 1
    while position < len(text) and text[position].isspace():
        position += 1
    return position


# --- identity -------------------------------------------------------------------------------------


def _doc_type(
    number: str | None,
    portal: dict[str, tuple[str, Span]],
    type_line: _TypeLine | None,
    title_line: re.Match[str] | None,
    header: _Header,
    text: str,
) -> str:
    if number is not None and doc_type_from_number(number) == "consolidated_text":
        # A Văn bản hợp nhất keeps the type line of what it consolidates ("THÔNG TƯ", dev
        # vb_032a81c57e) but is a document of its own kind.
        return "consolidated_text"
    if "type" in portal and portal["type"][0].upper() in _TYPE_WORDS:
        return _TYPE_WORDS[portal["type"][0].upper()]
    if number is None and _says_consolidated(text):
        return "consolidated_text"
    if type_line is not None:
        return type_line.doc_type
    if title_line is not None:
        return _TYPE_WORDS[title_line["type"].upper()]
    if number is not None:
        if header.subject_span is not None:
            return "official_letter"
        return doc_type_from_number(number)
    enacting: re.Match[str] | None = None
    if any(text.find(word, 0, 2 * HEADER_WINDOW) >= 0 for word in _ENACTING_TYPES):
        # (the pattern opens with "^", tried at every character: only where its word is written)
        enacting = _ENACTING_WORD.search(text, 0, 2 * HEADER_WINDOW)
    if enacting:
        # "CHÍNH PHỦ⏎Căn cứ …⏎NGHỊ ĐỊNH:" of a decree copied without header or type line.
        return _ENACTING_TYPES[enacting["word"]]
    if _is_press_report(text):
        return "news"
    return "unknown"


def _is_press_report(text: str, words: tuple[str, ...] = _NEWS_WORDS) -> bool:
    """Whether the text reads as a press report; ``words`` narrowed to :data:`_REPORT_WORDS`
    asks whether it reports on a document whose title it opens with."""
    # a text no longer than a window is both windows: read once
    windows = (
        (text,) if len(text) <= HEADER_WINDOW else (text[:HEADER_WINDOW], text[-HEADER_WINDOW:])
    )
    for window in windows:
        lowered = window.lower()
        if any(word in lowered for word in words) or _NEWS_LINE.search("\n" + window):
            return True
        if ("vừa" in lowered or "đã ký" in lowered or "tại đây" in lowered) and (
            any(phrase.search(lowered) for phrase in _NEWS_PHRASES_LOW)
            if _same_as_lowered(window, lowered)
            else _NEWS_PHRASE.search(window)
        ):
            return True
    return False


def _year(
    number: str | None,
    issued_year: int | None,
    doc_type: str,
    text: str,
    type_line: _TypeLine | None,
    title_line: re.Match[str] | None,
) -> int | None:
    if number is not None and number_year(number) is not None:
        return number_year(number)
    if issued_year is not None:
        return issued_year
    if doc_type == "news":
        return _report_year(text) or _content_year(text)
    # (the pattern opens with "^", tried at every character: only where the running head is)
    if text.find("CÔNG BÁO/Số", 0, HEADER_WINDOW) >= 0 and (
        stamp := _GAZETTE_STAMP.search(text, 0, HEADER_WINDOW)
    ):
        # Printed in Công báo with neither number nor date: the gazette's year is the text's.
        return int(stamp[1])
    titles = (type_line.title if type_line else None, title_line["rest"] if title_line else None)
    for title in titles:
        if title and (match := _TITLE_YEAR.search(title)):
            # An annual directive's title names its year ("… NĂM 2025", seed 003).
            return int(match[1])
    return _content_year(text)


def _report_year(text: str) -> int | None:
    """A press report's date: its stamp (" date 2023-05", seed 004) or the first date it gives
    ("Ngày 03/01/2020, Bộ trưởng … ký ban hành …", seed 002)."""
    if stamp := _NEWS_DATE_STAMP.match(text):
        return int(stamp[1])
    opening = text[:HEADER_WINDOW]
    dates = [m for m in (_DATE_DIGITS.search(opening), _DATE_WORDS.search(opening)) if m]
    if dates:
        return int(min(dates, key=lambda m: m.start())[3])
    return None


def _content_year(text: str) -> int | None:
    """The year the text speaks of most as its own working period ("nhiệm vụ công tác năm 2021",
    "quý IV năm 2021" four times in seed 001), leaving out horizons ("đến năm 2025"), dates and
    years that belong to a cited document or a named law ("Luật Báo chí năm 2016"). The most
    frequent, not the latest: seed 001 also names the national aim "vào năm 2045" once. A tie goes
    to the later year, since a plan speaks of the past year's results as well as its own."""
    counts: Counter[int] = Counter()
    for match in _YEAR_PHRASE.finditer(text):
        before = text[max(0, match.start() - 80) : match.start()]
        # Both patterns end in "\s*$": what they match ends where the words before the year end,
        # with a digit (a month) or a letter of _NOT_OWN_YEAR_ENDS (a horizon), or it names a
        # law; a year after other words is counted without trying them.
        last = before.rstrip()[-1:]
        if last.isdecimal():  # a date's month, "\d" of both patterns
            if _MONTH_BEFORE.search(before, max(0, len(before) - MONTH_TAIL)) or (
                _NOT_OWN_YEAR.search(before)
            ):
                continue
        elif (last in _NOT_OWN_YEAR_ENDS or _may_name_law(before)) and _NOT_OWN_YEAR.search(before):
            continue
        counts[int(match[1])] += 1
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))


def _issuer(
    text: str,
    portal: dict[str, tuple[str, Span]],
    header: _Header,
    authority: str | None,
    title_line: re.Match[str] | None,
) -> str | None:
    if "issuer" in portal:
        return portal["issuer"][0]
    issuer = header.issuer
    if authority and issuer:
        body = re.sub(r"^CHỦ TỊCH\s+", "", authority)
        if _BARE_LOCAL.match(issuer) and _squeeze_key(body).startswith(_squeeze_key(issuer)):
            # A header cell that lost its place ("ỦY BAN NHÂN DÂN | CỘNG HÒA …") over the full
            # name of who enacts ("ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN⏎Căn cứ …").
            issuer = _issuer_case(body)
        issuer = _complete_local(issuer, header.place, text)
        # "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH" under a header "ỦY BAN NHÂN DÂN THÀNH
        # PHỐ HỒ CHÍ MINH": the chairman decides in his own name (dev vb_6711e3512e), also when
        # the line shortens the body ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" of Bạc Liêu's committee).
        chaired = _squeeze_key(re.sub(r"^CHỦ TỊCH\s*", "", authority))
        if (
            authority.startswith("CHỦ TỊCH")
            and chaired
            and _squeeze_key(issuer).startswith(chaired)
        ):
            return "Chủ tịch " + issuer
        return issuer
    if issuer:
        return _complete_local(issuer, header.place, text)
    if authority:
        return _issuer_case(re.sub(r"^BỘ TRƯỞNG\s+", "", authority))
    if title_line is not None:
        found = re.match(r"\s*của\s+([^:]+?)\s*:", title_line["rest"]) or re.search(
            r"\bdo\s+(.+?)\s+ban hành\s*$", title_line["rest"]
        )
        if found:
            return _collapse(found[1])
    opening = text[: HEADER_WINDOW * 2]
    if minister := _ENACTING_MINISTER.search(opening):
        return _collapse(minister["issuer"])
    if "place" in portal and not _PLACE_UNIT.match(portal["place"][0].upper()):
        return portal["place"][0]  # "Nơi ban hành: Bộ Quốc phòng", not "Tỉnh Hà Tĩnh"
    return None


def _fuller_issuer(issuer: str | None, number: str | None) -> str | None:
    """The full name of a body a title shortens, as its số hiệu names it: "NGÂN HÀNG NHÀ NƯỚC"
    of 01/2010/TT-NHNN is the "Ngân hàng Nhà nước Việt Nam" (dev2 vb2_a503175007)."""
    symbol = issuer_from_number(number)
    if issuer and symbol and _squeeze_key(symbol).startswith(_squeeze_key(issuer)):
        return symbol
    return issuer


def _as_written(issuer: str | None, text: str) -> str | None:
    """The issuer as the text itself writes it in lower case, when it does, most often: the header
    prints "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", the body "Ủy ban nhân dân thành phố Hồ Chí
    Minh" (dev2 vb2_019eaba2ff). Only the case of letters changes, never a word."""
    if not issuer:
        return issuer
    if issuer.split():
        matches = _word_start_matches(*_issuer_patterns(issuer), text)
    else:  # the pattern would match the empty string
        matches = re.finditer(r"(?<!\w)(?!\w)", text, re.IGNORECASE)
    spellings = Counter(
        " ".join(match.group().split()) for match in matches if not _is_caps(match.group())
    )
    if not spellings:
        return issuer
    (best, count), *others = spellings.most_common()
    if others and others[0][1] == count and issuer in spellings:
        return issuer  # a tie keeps the spelling of the known name
    return best


_WORD_CHARACTER = re.compile(r"\w")
ISSUER_PATTERNS = 1024  # issuers whose patterns are kept compiled


@functools.lru_cache(maxsize=ISSUER_PATTERNS)
def _issuer_patterns(issuer: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """What :func:`_as_written` searches a text for: the words of ``issuer`` with IGNORECASE, and
    their :func:`_twin_pattern`, made once for all the texts of one body (13 issuers for the
    1,000 synthetic texts)."""
    words = issuer.split()
    pattern = r"\s+".join(re.escape(word) for word in words)
    return re.compile(rf"{pattern}(?!\w)", re.IGNORECASE), _twin_pattern(words)


# Letters whose every IGNORECASE match is, folded (loader.text.fold_for_scan) and in the lower
# twin (loader.find.lower_twin), the letter's own folded lower case: ASCII ("ſ", "ı", "İ" and the
# Kelvin sign, which IGNORECASE takes for s, i and k, the twin writes as those) and Vietnamese; not
# "ṡ", which IGNORECASE takes for "ẛ" (re's extra cases: Greek, Cyrillic, "µ", "ṡ", ligatures).
# Checked over every code point when written, with: the twin keeps every white space character
# white space, and makes no other character a word character.
_VIETNAMESE_LETTERS = "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
_TWIN_SAFE = frozenset(
    string.ascii_letters
    + string.digits
    + string.punctuation
    + _VIETNAMESE_LETTERS
    + _VIETNAMESE_LETTERS.upper()
)


def _twin_pattern(words: list[str]) -> re.Pattern[str] | None:
    """The words folded and in lower case, as a case-sensitive pattern of the lower twin of the
    folded text: it matches there wherever ``words`` match the text with IGNORECASE, and at a few
    more places ("Bo" for "Bộ" and "Bô"). None when a word holds a character outside
    :data:`_TWIN_SAFE`, for which that is not known."""
    if not all(_TWIN_SAFE.issuperset(word) for word in words):
        return None
    # the functions under their caches, which keep the last few whole texts' folds: a word
    # would push one of them out
    twins = (lower_twin.__wrapped__(fold_for_scan.__wrapped__(word)) for word in words)
    return re.compile(r"\s+".join(re.escape(twin) for twin in twins) + r"(?!\w)")


def _word_start_matches(
    pattern: re.Pattern[str], twin: re.Pattern[str] | None, text: str
) -> Iterator[re.Match[str]]:
    """``re.finditer(rf"(?<!\\w){pattern}", text)`` for a pattern that cannot match the empty
    string, with the lookbehind checked here: a pattern that opens with a letter lets the engine
    skip from one place that letter stands to the next, while one that opens with a lookbehind is
    tried at every character (a third of the time over a whole text).

    An IGNORECASE pattern has no letter to skip to either: the engine tried it at every character
    of the text (a seventh of parse on the synthetic corpus). ``twin``, its :func:`_twin_pattern`,
    is searched for in the lower twin of the folded text (which relate reads too, most often)
    by a fast search of its first letters, and the pattern tried only where the twin matches: the
    leftmost place it matches from a position is the leftmost the search finds."""
    low = lower_twin(fold_sentences(text)) if twin is not None else ""
    position = 0
    while True:
        if twin is None:
            match = pattern.search(text, position)
        else:
            found = twin.search(low, position)
            if found is None:
                return
            match = pattern.match(text, found.start())
            if match is None:
                position = found.start() + 1  # "Bô Xây dựng" for "Bộ Xây dựng"
                continue
        if match is None:
            return
        start = match.start()
        if start > 0 and _WORD_CHARACTER.match(text, start - 1):
            position = start + 1  # inside a word: look on from the next character, as finditer
            continue
        yield match
        position = match.end()


# A local council or committee named without its place: "Ủy ban nhân dân", "Ủy ban nhân dân tỉnh".
_BARE_LOCAL = re.compile(
    r"^(?P<body>(?:Ủy|Uỷ) ban nhân dân|Hội đồng nhân dân)(?:\s+(?:tỉnh|thành phố))?$"
)


def _complete_local(issuer: str, place: str | None, text: str) -> str:
    """ "Ủy ban nhân dân" of a header dated "Tuyên Quang, ngày …" is the committee the text
    names in full with that place ("… thuộc thẩm quyền của Uỷ ban nhân dân tỉnh Tuyên Quang")."""
    bare = _BARE_LOCAL.match(issuer)
    if bare is None or not place:
        return issuer
    head = r"(?:Ủy|Uỷ) ban nhân dân" if bare["body"] != "Hội đồng nhân dân" else bare["body"]
    named = re.search(rf"{head}\s+(?:tỉnh|thành phố)\s+{re.escape(place)}\b", text, re.IGNORECASE)
    return _issuer_case(named[0]) if named else issuer


# _PREAMBLE_OPENER from the line break before the line.
_OPENER_AFTER_BREAK = re.compile("\n" + _PREAMBLE_OPENER.pattern.removeprefix("^"))
_LINE_END = attrgetter("end")


def _enacting_authority(text: str, lines: list[_Line], after: int) -> str | None:
    """The caps line that names who enacts just above the preamble, where a copy lost the type
    line that it would otherwise follow ("ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN⏎Căn cứ …"; "CHÍNH
    PHỦ⏎Căn cứ Luật tổ chức Chính phủ …" of a 1990s decree printed without a header).

    Read among the lines that end past ``after`` and start by ``after + HEADER_WINDOW``: the
    line with words just before the first that opens a clause."""
    first = bisect_right(lines, after, key=_LINE_END)
    bound = after + HEADER_WINDOW
    if first == len(lines) or lines[first].start > bound:
        return None
    opener = first
    if not _PREAMBLE_OPENER.match(lines[first].text):
        # the other lines' openers, from the line breaks before them: a literal the engine skips
        # ahead to, where a loop tried each line (most real pages have no clause to find)
        found = _OPENER_AFTER_BREAK.search(text, lines[first].start, _line_end(text, bound))
        if found is None:
            return None
        opener = bisect_left(lines, found.start() + 1, key=_line_start)
    for index in range(opener - 1, first - 1, -1):
        content = lines[index].stripped
        if content:
            return content if _AUTHORITY_LINE.match(content) and _is_caps(content) else None
    return None


def _issuer_case(caps: str) -> str:
    """``BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI`` → ``Bộ Lao động - Thương binh và Xã hội``.

    >>> _issuer_case("TỔNG CỤC THUẾ CỤC THUẾ TP HÀ NỘI")
    'Cục Thuế thành phố Hà Nội'
    """
    caps = _CITY_ABBREVIATION.sub("THÀNH PHỐ ", _collapse(caps))
    unit = _last(_UNIT_HEAD, caps)
    if unit is not None:
        caps = caps[unit.start() :]  # the unit, not the body above it
    known = _ISSUER_BY_KEY.get(_squeeze_key(caps))
    if known:
        return known
    lower = caps.lower()
    if lower.startswith("chủ tịch ") and len(lower) > len("chủ tịch "):
        return "Chủ tịch " + _issuer_case(caps[len("chủ tịch ") :])
    for prefix in ("ủy ban nhân dân ", "uỷ ban nhân dân ", "hội đồng nhân dân "):
        if lower.startswith(prefix):
            place = lower[len(prefix) :]
            # One spelling of the body for one body: "Uỷ ban" (older) is written "Ủy ban".
            head = prefix.capitalize().replace("Uỷ", "Ủy")
            return f"{head}{_place_case(place)}".strip()
    for prefix in _UNIT_HEADS:
        if lower.startswith(prefix + " "):
            # "Cục Thuế thành phố Hà Nội", "Sở Y tế tỉnh Nghệ An": the unit's own name starts
            # with a capital, its place is cased as a place.
            return f"{prefix.capitalize()} {_place_case(_parts_case(lower[len(prefix) + 1 :]))}"
    if lower.startswith("bộ ") and not lower.startswith("bộ trưởng"):
        return "Bộ " + _parts_case(lower[3:])
    if lower.startswith("ban ") and len(lower.split()) > 1:
        first, _, rest = lower[4:].partition(" ")
        return f"Ban {first.capitalize()} {rest}".strip()
    return _recase(lower[:1].upper() + lower[1:])


def _title(words: str) -> str:
    return " ".join(w.capitalize() for w in words.split())


# A unit under the body above it in the header's first column: "TỔNG CỤC THUẾ⏎CỤC THUẾ TP HÀ
# NỘI" (dev2 vb2_89c953ecd0), "UBND TỈNH NGHỆ AN⏎SỞ Y TẾ", "BỘ TÀI CHÍNH⏎TỔNG CỤC HẢI QUAN":
# the unit issues. Not "CỤC" inside "TỔNG CỤC", nor "VỤ" inside "ỦY BAN THƯỜNG VỤ QUỐC HỘI".
_UNIT_HEADS: tuple[str, ...] = ("tổng cục", "chi cục", "cục", "sở", "vụ", "ban quản lý")
_UNIT_HEAD = re.compile(
    r"(?<=\s)(?<!TỔNG )(?<!CHI )(?<!THƯỜNG )(?:"
    + "|".join(head.upper() for head in _UNIT_HEADS)
    + r")\s"
)
_CITY_ABBREVIATION = re.compile(r"\bTP\.?\s*(?=[A-ZĐ])")  # "CỤC THUẾ TP HÀ NỘI", "TP. HỒ CHÍ MINH"
# "Thành phố Hồ Chí Minh" is the city's name and keeps its capital (dev vb_6e755becd5: "Ủy ban
# nhân dân Thành phố Hồ Chí Minh"); other cities are "thành phố Đà Nẵng", "thành phố Huế".
_CITIES_NAMED_THANH_PHO = frozenset({"Hồ Chí Minh"})


# Lower case: "Xã hội" of "Sở Lao động - Thương binh và Xã hội" is a part of a name, no commune.
_PLACE_WORD = re.compile(
    r"(?<!\w)(?P<unit>tỉnh|thành phố|thị xã|thị trấn|huyện|quận|xã|phường)\s+(?=\w)"
)


def _place_case(words: str) -> str:
    """The place at the end of a body's name in its usual case: ``tỉnh quảng ninh`` → ``tỉnh
    Quảng Ninh``, ``thành phố đà nẵng`` → ``thành phố Đà Nẵng``; the words before as they are
    (the last place word counts: "xã hội tỉnh nghệ an")."""
    place = _last(_PLACE_WORD, words)
    if place is None:
        return words
    name, unit = _title(words[place.end() :]), place["unit"]
    if name in _CITIES_NAMED_THANH_PHO:
        unit = "Thành phố"
    return f"{words[: place.start()]}{unit} {name}"


def _parts_case(lower: str) -> str:
    """Each coordinated part of a name starts with a capital: "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Lao động - Thương binh và Xã hội"."""
    parts = re.split(r"(, | và | - )", lower)
    return "".join(p if i % 2 else p[:1].upper() + p[1:] for i, p in enumerate(parts))


_SIGNER_TITLES: tuple[str, ...] = (
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "CHỦ TỊCH",
    "THỦ TƯỚNG",
    "CHỦ NHIỆM",
    "TRƯỞNG BAN",
    "GIÁM ĐỐC",
    "CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "CHÁNH VĂN PHÒNG",
)
_SIGNER_TITLE = re.compile(rf"(?:{'|'.join(_SIGNER_TITLES)})[ \t]+")
# Each title holds one of these capitals (a new title must too): a tail without any has no
# signature block, which the pattern (an alternation, tried at every character: 10 µs a tail)
# would find only by reading it.
_SIGNER_TITLE_LETTERS = ("Ư", "Ủ", "Á")


def _signer(text: str) -> str | None:
    """The name under the signature block's title ("KT. BỘ TRƯỞNG THỨ TRƯỞNG Bùi Hồng Lĩnh")."""
    tail = text[-1500:]
    found = None
    if not any(letter in tail for letter in _SIGNER_TITLE_LETTERS):
        return None
    for match in _SIGNER_TITLE.finditer(tail):
        tokens = []
        for token in re.split(r"[ \t]+", tail[match.end() :].split("\n")[0].split("|")[0]):
            if token.isalpha() and token[0].isupper() and token[1:].islower():
                tokens.append(token)
            else:
                break
        if 2 <= len(tokens) <= 5:
            found = " ".join(tokens)
    return found


def _name(
    text: str,
    type_line: _TypeLine | None,
    title_line: re.Match[str] | None,
    header: _Header,
    first: _Line | None,
    doc_type: str,
    web_title_span: Span | None,
) -> str | None:
    if type_line is not None and type_line.title:
        if not type_line.caps_title:  # "Về thanh toán …" as Công báo prints it
            return f"{type_line.word} {type_line.title[:1].lower()}{type_line.title[1:]}"
        return f"{type_line.word} {_recased_title(text, type_line)}"
    if title_line is not None:
        rest = title_line["rest"]
        if ":" in rest:
            return _collapse(rest.split(":", 1)[1])
        without_issuer = re.sub(r"\s+do\s+.+?\s+ban hành\s*$", "", rest).strip()
        if without_issuer:
            return f"{title_line['type'].capitalize()} {_collapse(without_issuer)}"
    if header.subject_span is not None:
        return "V/v " + _collapse(text[header.subject_span[0] : header.subject_span[1]])
    if doc_type == "news" and web_title_span is not None:
        return _collapse(text[web_title_span[0] : web_title_span[1]])
    if type_line is not None:
        return type_line.word
    return None


def _recased_title(text: str, type_line: _TypeLine) -> str:
    """The caps title in the case a reader expects, taken from a mixed-case copy of the same words
    elsewhere in the text (the web title of seed 000 and of most dev texts), else sentence case
    with số hiệu and known proper nouns restored."""
    assert type_line.title is not None
    title = type_line.title
    lead = re.match(r"(?i)(về việc|về)\s+", title)
    lead_text = lead[1].lower() + " " if lead else ""
    core = title[lead.end() :] if lead else title
    words = core.split()
    if len(words) >= 3:
        for start, end in _phrase_spans(words, text):
            if (
                type_line.title_span
                and start >= type_line.title_span[0]
                and (end <= type_line.title_span[1])
            ):
                continue
            if not _is_caps(text[start:end]):
                found = _collapse(text[start:end])
                if len(found) > 1 and not found.split()[0].isupper():
                    found = found[0].lower() + found[1:]
                return lead_text + found
    return lead_text + _recase(core.lower())


@functools.lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(re.escape(word), re.IGNORECASE)


_WHITESPACE = re.compile(r"\s+")


def _phrase_spans(words: list[str], text: str) -> Iterator[Span]:
    """The spans of ``re.finditer(r"\\s+".join(map(re.escape, words)), text, re.IGNORECASE)``,
    matched a word at a time with a pattern per word, compiled once for every text that has the
    word: a title's own pattern, compiled anew for each text, cost more than the search. Each
    word is matched as a whole and the spaces between them in full (a word never starts with a
    space), so a start gives one match or none, as in the one pattern."""
    first, rest = _word_pattern(words[0]), [_word_pattern(word) for word in words[1:]]
    position = 0
    while (match := first.search(text, position)) is not None:
        end = match.end()
        for word in rest:
            space = _WHITESPACE.match(text, end)
            following = word.match(text, space.end()) if space is not None else None
            if following is None:
                break
            end = following.end()
        else:
            yield match.start(), end
            position = end
            continue
        position = match.start() + 1


def _recase(lower: str) -> str:
    """Sentence case back to the usual spelling of numbers, cited documents ("Chỉ thị số
    19/CT-TTg"), ordinals ("lần thứ XIII") and known proper nouns."""
    out = _NUMBER_RE.sub(lambda m: canonical_number(m[0]), lower)
    out = re.sub(
        rf"\b({_TYPE_WORD_ALTERNATION})(?=\s+(?:số\s+)?\d)",
        lambda m: m[1].capitalize(),
        out,
        flags=re.IGNORECASE,
    )
    out = re.sub(r"\b(thứ|khóa|khoá)\s+([ivxlc]+)\b", lambda m: f"{m[1]} {m[2].upper()}", out)
    for pattern, noun in _PROPER_NOUN_PATTERNS:
        out = pattern.sub(noun, out)
    return out


_PROPER_NOUN_PATTERNS = tuple(
    (re.compile(rf"\b{re.escape(noun)}\b", re.IGNORECASE), noun) for noun in _PROPER_NOUNS
)


# --- sections -------------------------------------------------------------------------------------


def _is_heading(content: str) -> bool:
    """Whether ``content`` is a heading (:func:`_heading` is not None), without reading it."""
    return _HEADING_ANY.match(content) is not None


def _heading(content: str) -> tuple[int, str | None, str] | None:
    """The first of :data:`_HEADINGS` that ``content`` matches: its level, number and heading."""
    match = _HEADING_ANY.match(content)
    if match is None:
        return None
    level, number_group, heading_group = _HEADING_BRANCHES[match.lastgroup]  # type: ignore[index]
    number = match[number_group] if number_group is not None else None
    if number and number[0].isdigit():
        level += number.count(".")  # "2.1" sits inside "2"
    return level, number, _collapse(match[heading_group] or "")


# A heading that opens with a capital has one of these after it: "Phần", "Chương" (h), "Mục" (ụ),
# "Điều" (i), "A." (.), "IV." (I, V, X, .). A new branch of _HEADINGS must be let through here.
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")
_HEADING_SECOND_LETTERS = frozenset("hụi.IVX")


def _sections(text: str, lines: list[_Line], body_start: int) -> Iterator[Section]:
    found: list[tuple[int, int, str | None, str]] = []  # level, start, number, heading
    # The lines are in order: the body's are those from the first that starts in it.
    for index in range(bisect_left(lines, body_start, key=_line_start), len(lines)):
        line = lines[index]
        content = line.text.strip()
        if not content or content[0] == "|":
            continue
        opening = content[0]  # the line's first character that is not a space
        # What no heading of _HEADINGS opens with is passed over before the markup is taken off
        # and the pattern tried: running text ("Người lao động …", "Cụ thể, …", "(a) …"), nearly
        # half the lines of a real page that hold words.
        if opening in _CAPITALS:
            if content[1:2] not in _HEADING_SECOND_LETTERS:
                continue
        elif opening not in "#*-" and not opening.isdecimal():  # "#" markup, "* …", "- …:", "\d"
            continue
        if opening == "#":
            if _MARKDOWN_MARKER.match(content):
                continue
            # Markdown copies may mark headings up: "## Điều 1. Phạm vi", "**Điều 2.** Đối tượng".
            content = content.lstrip("#").strip()
        if content.startswith("**"):
            content = content.replace("**", "").strip()
        heading = _heading(content)
        if heading is None:
            continue
        level, number, title = heading
        if not title and number is not None and number.startswith(("Chương", "Phần", "Mục")):
            following = next((n.stripped for n in lines[index + 1 :] if n.stripped), "")
            title = _collapse(following)
        start = line.start + line.text.find(opening)  # where the spaces before it end
        found.append((level, start, number, title))
    # A section ends where the next heading of the same or an outer level starts; a stack of the
    # open sections finds that in one pass.
    ends = [len(text)] * len(found)
    open_sections: list[int] = []
    for position, (level, start, _, _) in enumerate(found):
        while open_sections and found[open_sections[-1]][0] >= level:
            ends[open_sections.pop()] = start
        open_sections.append(position)
    for (_, start, number, title), end in zip(found, ends, strict=True):
        yield Section(start=start, end=_trim_end(text, end), number=number, heading=title)


def _line_start(line: _Line) -> int:
    return line.start


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


# --- small conversions ----------------------------------------------------------------------------


def _collapse(value: str) -> str:
    return squash(value)


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return max(pattern.finditer(text), key=lambda match: match.start(), default=None)


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _iso_from_digits(value: str | None) -> str | None:
    if not value:
        return None
    match = _DATE_DIGITS.search(value)
    return iso_date(match[1], match[2], match[3]) if match else None
