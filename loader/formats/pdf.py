"""PDF (``.pdf``): the text layer read with pypdfium2; scanned pages read by OCR
(:mod:`loader.formats.ocr`).

Each page becomes lines of words with their boxes, from the text layer's characters or from
Tesseract's hOCR, and from then on both are treated alike:

1. reading order: the two-column header of a Vietnamese text (agency | motto, số | place and
   date) and the signature block (Nơi nhận | the signer) are read a column at a time, each cell
   line a paragraph of its own;
2. page chrome: running headers and footers (a line that recurs at the top or bottom of most
   pages: Công báo's "CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025") and page numbers ("Trang 3/10",
   "- 3 -") are dropped;
3. paragraphs: the lines a paragraph wraps over are joined into one line, across page breaks
   too, where the layout says the paragraph goes on (the line before ends at the margin, the
   next is not indented and starts no "Điều 2.", "a)", "- "); a số hiệu split at its hyphen
   stays whole (``26/2016/TT-⏎BLĐTBXH`` is ``26/2016/TT-BLĐTBXH``), a Latin word hyphenated by
   the typesetter is mended (``logis-⏎tics``).

A page is scanned when a picture covers most of it and its text layer holds next to no
letters: a watermark (the LuatVietnam archive's scans carry the site's name as text) or
someone else's invisible OCR layer does not count as text. Such pages are rendered with
pypdfium2 and read by Tesseract; the reader reports each page to ``progress``.
"""

from __future__ import annotations

import bisect
import ctypes
import math
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from loader.errors import CorruptFile, EmptyFile, FileTooLarge, ProtectedFile
from loader.formats import Decoded, Progress
from loader.formats.ocr import (
    MIN_WORD_CONFIDENCE,
    REPLACEMENT,
    ocr_image,
    tesseract_command,
)

# --- limits ------------------------------------------------------------------------------------
# The most pages a PDF may have. The longest single texts in Công báo (a Bộ luật, a Luật with
# its annexes of tariffs) run to a few hundred pages; thousands of pages are a year of a
# gazette bound in one file, not a text to load as one document.
MAX_PAGES = 2000

# The most scanned pages OCR reads in one file: at 2-8 s a page (page 1 of the scanned Quyết
# định 25/QĐ-TTg of 2010 takes 1.9 s on one core) 100 pages are up to a quarter of an hour. The
# scanned Nghị định 79/2025/NĐ-CP (44 pages) fits; a whole scanned Công báo issue does not.
MAX_OCR_PAGES = 100

# Pages are rendered for OCR at this resolution: Tesseract reads 10-14 pt type best at 300 dpi
# (the LuatVietNam archive's scans are 300 dpi: 2360 x 3182 pixels for an A4 page), and the
# tone marks of "ở", "ữ" are lost at 150.
OCR_DPI = 300

# A PDF ends with "%%EOF"; readers look for it in the last 1024 bytes (the PDF reference's
# implementation notes). Without it the file was cut short, and pdfium would quietly read the
# pages that survived: a Nghị định missing its last articles and their citations.
EOF_MARKER = b"%%EOF"
EOF_SEARCH_BYTES = 1024

# --- scanned pages -----------------------------------------------------------------------------
# A page is scanned when pictures cover at least this share of it and its text layer has fewer
# letters than SCAN_MAX_LETTERS. A typed page has 1,500-3,000 letters; a scan's text layer has
# none, or a watermark ("LuatVietnam.vn": 12 letters); the last page of a typed text with a
# scanned signature and seal has a picture of a tenth of the page.
SCAN_MIN_PICTURE_SHARE = 0.5
SCAN_MAX_LETTERS = 200
# Text drawn with this render mode is invisible: an OCR layer laid over a scan by someone else's
# engine, of unknown quality (one LuatVietNam scan carries an unusable one): read the page anew.
INVISIBLE_TEXT = 3

# --- layout (all in heights of the line at hand, so the same for points and pixels) ------------
# A gap between two words on one line parts two columns when it is wider than COLUMN_GAP, or
# wider than MIN_COLUMN_GAP and COLUMN_GAP_RATIO times the line's other gaps: "BỘ THÔNG TIN VÀ"
# and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" of a header table stand 1.5 heights apart where the
# words around are 0.27 apart; a justified line stretches all its gaps alike, to a height at
# most.
COLUMN_GAP = 2.0
MIN_COLUMN_GAP = 1.0
COLUMN_GAP_RATIO = 3.0
# Within a two-column band (header, signature) a one-column line further down than this below
# the band's last line ends the band: the body has begun.
BAND_MAX_GAP = 1.5
# A band of this many columns is read a column at a time: the header (agency | motto, số |
# place and date) and the signature block (Nơi nhận | the signer). One of more columns is a
# table ("STT | Tên văn bản | Số, ký hiệu"), read a row at a time so that a cited document's
# name and its số stay together.
HEADER_COLUMNS = 2
# A paragraph's first line is indented by 1-1.27 cm (2-3 heights of 13 pt type); continuation
# lines start at the margin, give or take a scan's skew.
MIN_INDENT = 1.0
# A line that ends this far before the right margin, with room for the next line's first
# word, ends its paragraph.
MARGIN_SLACK = 0.5
WORD_SPACE = 0.3  # the width of a space
# A margin is where at least this many lines start (or end); on a page with fewer such lines (a
# header and a title) the outermost line marks it.
MIN_MARGIN_LINES = 3
# A line is centred when the room on its left and on its right differ by less than this.
CENTRE_TOLERANCE = 2.0
# More space than usual between two lines (beyond the page's median gap) parts paragraphs.
MIN_PARAGRAPH_GAP = 0.3
# Two characters this far apart on a line belong to two words, even with no space between.
MIN_WORD_GAP = 0.25
# Characters turned more than this (radians) from most of the page's are not its text.
ANGLE_TOLERANCE = 0.01

# --- page chrome -------------------------------------------------------------------------------
# Running headers and footers are looked for in this many lines at the top and at the bottom of
# each page.
CHROME_ZONE_LINES = 2
# A line there that recurs (its page number aside) on at least this share of the pages, and on
# two or more, is a running header or footer ("CÔNG BÁO/Số 85 + 86/Ngày 31-01-2024" on every
# page, the page number before it on even pages and after it on odd ones).
CHROME_MIN_SHARE = 0.5
_PAGE_NUMBER = re.compile(
    r"(?:trang|page)?\s*[-–—]?\s*\d{1,4}\s*(?:(?:/|trên|of)\s*\d{1,4})?\s*[-–—]?", re.IGNORECASE
)
_CONG_BAO = re.compile(
    r"(?:\d{1,4}\s+)?CÔNG BÁO\s*/\s*Số\s+[\d\s+]+/\s*Ngày\s+[\d\s./-]+(?:\s+\d{1,4})?",
    re.IGNORECASE,
)
# Lines that are the text's own even when they recur on every page (an annex repeats the
# national motto under its own header).
_NOT_CHROME = re.compile(r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*-\s*Tự do", re.IGNORECASE)

# A line that starts one of these after a line that ends a sentence starts a paragraph, even
# when the line before reaches the margin: "Điều 2.", "Chương II", "1.", "2.1.", "a)", "- ".
_STARTS_ITEM = re.compile(
    r"(?:Điều\s+\d|Chương\s+[IVXLCDM\d]|Mục\s+\d|Phần\s+|Phụ lục\b|PHỤ LỤC\b|Căn cứ\b|Xét\b"
    r"|Theo đề nghị\b|Nơi nhận\b|\d{1,3}(?:\.\d{1,3})*[.)]\s|[a-zđ][).]\s|[-–—+*•]\s)"
)
_ENDS_SENTENCE = re.compile(r"[.;:!?…)”\"]$")
# A hyphen at a line's end between two pieces of a Latin word ("logis-⏎tics") is the
# typesetter's; anywhere else it is the text's ("TT-⏎BLĐTBXH", "2021-⏎2025", "Ô-xtrây-⏎li-a").
_LATIN_HEAD = re.compile(r"(?<![\w-])[a-z]{2,}-$")
_LATIN_TAIL = re.compile(r"[a-z]")
# pdfium marks a hyphen it takes to end a line with one of these instead of "-".
_PDFIUM_HYPHENS = str.maketrans({"\x02": "-", "\ufffe": "-"})


@dataclass(slots=True)
class Word:
    """A word on a page, its box in points (text layer) or pixels (OCR), y downwards."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    confidence: float | None = None  # Tesseract's, 0-100, for a word read by OCR


@dataclass(slots=True)
class Line:
    """Words on one line of a page, left to right, and the box around them."""

    words: list[Word]
    cell: bool = False  # a line of a column of a two-column band: a paragraph of its own
    left: float = field(init=False)
    top: float = field(init=False)
    right: float = field(init=False)
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        self.left, self.right = self.words[0].left, self.words[-1].right
        self.top = min(w.top for w in self.words)
        self.bottom = max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(slots=True)
class Page:
    """The lines of one page in reading order, and where its text's margins are (found by
    :func:`join_pages`)."""

    lines: list[Line]
    body_left: float = 0.0
    body_right: float = 0.0
    body_gap: float = 0.0


def read_pdf(data: bytes, path: str, progress: Progress | None = None) -> Decoded:
    """The text of a PDF: its text layer, and OCR of its scanned pages (see the module)."""
    if EOF_MARKER not in data[-EOF_SEARCH_BYTES:]:
        raise CorruptFile(path, "is a PDF cut short (it has no end): download it again")
    document = _open(data, path)
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise FileTooLarge(
                path, f"has {count} pages, more than the {MAX_PAGES} of one legal text"
            )
        try:
            pages = [document[index] for index in range(count)]
        except pdfium.PdfiumError:
            # A page object damaged in transit ("Failed to load page"), though the file opened.
            raise CorruptFile(path, "is a damaged PDF: a page cannot be read") from None
        scanned = {index for index, page in enumerate(pages) if _is_scanned(page)}
        if scanned:
            tesseract_command(path)  # fails before any work when Tesseract is missing
            if len(scanned) > MAX_OCR_PAGES:
                raise FileTooLarge(
                    path,
                    f"has {len(scanned)} scanned page{'s' if len(scanned) > 1 else ''}; OCR "
                    f"reads at most {MAX_OCR_PAGES} pages of one file (several minutes): split "
                    "it, or find a typed copy",
                )
        read: list[Page] = []
        for index, page in enumerate(pages):
            if index in scanned:
                read.append(_ocr_page(page, path, index + 1))
            else:
                read.append(_text_page(page))
            if progress is not None:
                progress(index + 1, count)
    finally:
        document.close()
    text = join_pages(read)
    warnings: list[str] = []
    if scanned:
        shown = _page_list(sorted(i + 1 for i in scanned))
        warnings.append(f"{shown} read by OCR: check names and numbers against the image")
    unread = text.count(REPLACEMENT)
    if unread:
        warnings.append(
            f"OCR could not read {unread} digit{'s' if unread > 1 else ''} (shown as "
            f"{REPLACEMENT}): fill them in from the image"
        )
    encoding = "OCR (Tesseract, vie)" if scanned else "PDF text layer"
    if scanned and len(scanned) < count:
        encoding = "PDF text layer + OCR (Tesseract, vie)"
    return Decoded(text, encoding, tuple(warnings), ocr=bool(scanned))


def _open(data: bytes, path: str) -> pdfium.PdfDocument:
    """The document, or the error that says why not. PDFium is asked directly: pypdfium2 takes a
    document of no page for a failed load and reports the last error of an earlier one. ``data``
    must outlive the document (PDFium reads it in place)."""
    raw = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
    if not raw:
        code = pdfium_c.FPDF_GetLastError()
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ProtectedFile(
                path, "is a password-protected PDF: save a copy without the password"
            )
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise ProtectedFile(path, "is an encrypted PDF of a kind that cannot be opened here")
        raise CorruptFile(path, "is a damaged PDF that cannot be opened: download it again")
    if pdfium_c.FPDF_GetPageCount(raw) < 1:
        pdfium_c.FPDF_CloseDocument(raw)
        raise EmptyFile(path, "is a PDF with no pages")
    return pdfium.PdfDocument(raw)


def _page_list(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"pages {numbers[0]}-{numbers[-1]}"
    return "pages " + ", ".join(map(str, numbers))


# --- which pages are scans ---------------------------------------------------------------------


def _is_scanned(page: pdfium.PdfPage) -> bool:
    """A picture covers most of the page and its text layer has next to no visible letters."""
    width, height = page.get_size()
    area = max(width * height, 1.0)
    pictures = 0.0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    corners = [ctypes.byref(v) for v in (left, bottom, right, top)]
    # PDFium's own calls: a typed page is thousands of text objects, one wrapper each is slow.
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, index)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            continue
        if pdfium_c.FPDFPageObj_GetBounds(obj, *corners):
            pictures += max(0.0, min(right.value, width) - max(left.value, 0.0)) * max(
                0.0, min(top.value, height) - max(bottom.value, 0.0)
            )
    if pictures / area < SCAN_MIN_PICTURE_SHARE:
        return False
    return _visible_letters(page) < SCAN_MAX_LETTERS


def _visible_letters(page: pdfium.PdfPage) -> int:
    """Letters and digits of the text layer that are drawn upright and visible."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        text = textpage.get_text_range()
        letters = 0
        for index, char in enumerate(text):
            if not char.isalnum():
                continue
            if abs(pdfium_c.FPDFText_GetCharAngle(raw, index)) > 0.01:
                continue  # a watermark drawn across the page
            obj = pdfium_c.FPDFText_GetTextObject(raw, index)
            if obj and pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == INVISIBLE_TEXT:
                continue
            letters += 1
            if letters >= SCAN_MAX_LETTERS:
                break
        return letters
    finally:
        textpage.close()


# --- reading a page ----------------------------------------------------------------------------


def _text_page(page: pdfium.PdfPage) -> Page:
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        lines = _text_lines(textpage, height)
    finally:
        textpage.close()
    return Page(reading_order(lines))


def _text_lines(textpage: pdfium.PdfTextPage, page_height: float) -> list[Line]:
    """Lines of words from the text layer's characters and their boxes (two calls a character,
    ~4 µs). Characters drawn at another angle than most of the page's are a watermark across it
    ("LuatVietnam.vn" at 30°), not the text."""
    text = textpage.get_text_range().translate(_PDFIUM_HYPHENS)
    raw = textpage.raw
    get_angle = pdfium_c.FPDFText_GetCharAngle
    angles = [get_angle(raw, index) for index in range(len(text))]
    drawn = Counter(round(a, 2) for a, char in zip(angles, text, strict=True) if not char.isspace())
    page_angle = drawn.most_common(1)[0][0] if drawn else 0.0
    rect = pdfium_c.FS_RECTF()
    box = ctypes.byref(rect)
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    lines: list[Line] = []
    words: list[Word] = []
    chars: list[str] = []
    left = top = right = bottom = 0.0
    line_top = line_bottom = 0.0

    def end_word() -> None:
        if chars:
            words.append(Word("".join(chars), left, top, right, bottom))
            chars.clear()

    def end_line() -> None:
        end_word()
        if words:
            lines.append(Line(list(words)))
            words.clear()

    for index, char in enumerate(text):
        if char.isspace():
            if char in "\r\n":
                end_line()
            else:
                end_word()
            continue
        if abs(angles[index] - page_angle) > ANGLE_TOLERANCE or not get_box(raw, index, box):
            continue
        c_top = page_height - rect.top
        c_bottom = page_height - rect.bottom
        c_left = rect.left
        if words or chars:
            last_right = right if chars else words[-1].right
            c_height = c_bottom - c_top if c_bottom - c_top > 1.0 else 1.0
            if not line_top <= (c_top + c_bottom) / 2 <= line_bottom or (
                c_left < last_right - 2 * c_height
            ):
                end_line()
            elif chars and c_left - right > MIN_WORD_GAP * c_height:
                end_word()
        if chars:
            if c_top < top:
                top = c_top
            if c_bottom > bottom:
                bottom = c_bottom
            if rect.right > right:
                right = rect.right
        else:
            left, top, right, bottom = c_left, c_top, rect.right, c_bottom
            if not words:
                line_top, line_bottom = c_top, c_bottom
        chars.append(char)
    end_line()
    return lines


def _ocr_page(page: pdfium.PdfPage, path: str, number: int) -> Page:
    bitmap = page.render(scale=OCR_DPI / 72, grayscale=True)
    image = bitmap.to_pil()
    lines = [
        Line([Word(w.text, w.left, w.top, w.right, w.bottom, w.confidence) for w in words])
        for words in ocr_image(image, OCR_DPI, path, number)
    ]
    image.close()
    bitmap.close()
    return Page(reading_order(lines))


# --- reading order -----------------------------------------------------------------------------


def reading_order(lines: Iterable[Line]) -> list[Line]:
    """The page's lines top to bottom, split where a wide gap parts two columns, and each run
    of two-column rows (a band: the header, the signature block) read a column at a time."""
    pieces = [piece for line in lines for piece in _split_at_gaps(line)]
    rows = _rows(pieces)
    ordered: list[Line] = []
    index = 0
    while index < len(rows):
        if len(rows[index]) == 1:
            ordered.append(rows[index][0])
            index += 1
            continue
        index = _read_band(rows, index, ordered)
    return ordered


def _split_at_gaps(line: Line) -> Iterator[Line]:
    words = line.words
    gaps = [b.left - a.right for a, b in zip(words, words[1:], strict=False)]
    start = 0
    for index, gap in enumerate(gaps, 1):
        before, word = words[index - 1], words[index]
        height = max(before.bottom - before.top, word.bottom - word.top, 1.0)
        others = gaps[: index - 1] + gaps[index:]
        usual = statistics.median(others) if len(others) >= 2 else None
        if gap > COLUMN_GAP * height or (
            usual is not None and gap > MIN_COLUMN_GAP * height and gap > COLUMN_GAP_RATIO * usual
        ):
            yield Line(words[start:index])
            start = index
    yield Line(words[start:])


def _rows(pieces: list[Line]) -> list[list[Line]]:
    """Pieces whose middles fall within each other's height are one row, left to right."""
    rows: list[list[Line]] = []
    for piece in sorted(pieces, key=lambda p: (p.top + p.bottom) / 2):
        middle = (piece.top + piece.bottom) / 2
        if rows:
            row = rows[-1]
            top, bottom = min(p.top for p in row), max(p.bottom for p in row)
            row_middle = (top + bottom) / 2
            if top <= middle <= bottom and piece.top <= row_middle <= piece.bottom:
                row.append(piece)
                continue
        rows.append([piece])
    for row in rows:
        row.sort(key=lambda p: p.left)
    return rows


def _read_band(rows: list[list[Line]], start: int, ordered: list[Line]) -> int:
    """Read the band of columns that starts at ``rows[start]`` (two or more pieces) into
    ``ordered``, a column at a time if it has two (a header, a signature block), a row at a time
    if more (a table); return the index of the first row after it."""
    first = rows[start]
    # Column borders: the middles of the gaps between the first row's pieces.
    borders = [(a.right + b.left) / 2 for a, b in zip(first, first[1:], strict=False)]
    columns: list[list[Line]] = [[] for _ in range(len(borders) + 1)]
    index = start
    last_bottom = first[0].top
    height = max(piece.height for piece in first)  # of the band's type, not of a rule "————"
    while index < len(rows):
        row = rows[index]
        placed = [_column(piece, borders) for piece in row]
        if any(column is None for column in placed):
            break  # a line across a border: the body
        gap = min(p.top for p in row) - last_bottom
        if len(row) == 1 and gap > BAND_MAX_GAP * height:
            break
        for piece, column in zip(row, placed, strict=True):
            assert column is not None
            piece.cell = True
            columns[column].append(piece)
        last_bottom = max(p.bottom for p in row)
        index += 1
    if len(columns) == HEADER_COLUMNS:
        for column_lines in columns:
            ordered.extend(column_lines)
    else:  # a table: a row's cells together, left to right
        ordered.extend(piece for row in rows[start:index] for piece in row)
    return max(index, start + 1)


def _column(piece: Line, borders: list[float]) -> int | None:
    """The column a piece lies in, or None when it crosses a border."""
    for number, border in enumerate(borders):
        if piece.right <= border:
            return number
        if piece.left < border:
            return None
    return len(borders)


# --- page chrome -------------------------------------------------------------------------------


def drop_chrome(pages: list[Page]) -> None:
    """Remove running headers and footers, page numbers and, on scanned pages, marks in the
    margin Tesseract could not read, from the top and bottom of the pages."""
    seen: dict[str, set[int]] = {}
    for number, page in enumerate(pages):
        for line in _zone(page):
            key = _chrome_key(line.text)
            if key:
                seen.setdefault(key, set()).add(number)
    needed = max(2, math.ceil(CHROME_MIN_SHARE * len(pages)))
    running = {key for key, where in seen.items() if len(where) >= needed}
    for page in pages:
        zone = {id(line) for line in _zone(page)}
        page.lines = [
            line
            for line in page.lines
            if id(line) not in zone or not (_is_chrome(line.text, running) or _is_scrawl(line))
        ]


def _is_scrawl(line: Line) -> bool:
    """A line at a scan's top or bottom whose every word Tesseract was unsure of: a routing
    note written in the margin ("TTĐT" at the top right of Quyết định 25/QĐ-TTg of 2010, read
    "TTĐÍ" at 19), not the text."""
    return all(
        word.confidence is not None and word.confidence < MIN_WORD_CONFIDENCE for word in line.words
    )


def _zone(page: Page) -> list[Line]:
    lines = page.lines
    if len(lines) <= 2 * CHROME_ZONE_LINES:
        return list(lines)
    return lines[:CHROME_ZONE_LINES] + lines[-CHROME_ZONE_LINES:]


def _chrome_key(text: str) -> str:
    """A line as it recurs from page to page, the page number at either end aside ("2 CÔNG
    BÁO/Số 85 + 86/Ngày 31-01-2024", "CÔNG BÁO/Số 85 + 86/Ngày 31-01-2024 3"); nothing for a
    line that is the text's even when it recurs (the motto, an article's heading "Điều 2")."""
    if _NOT_CHROME.search(text) or _STARTS_ITEM.match(text + " "):
        return ""
    core = re.sub(r"^\s*\d{1,4}\s+|\s+\d{1,4}\s*$", "", text)
    return re.sub(r"\s+", " ", core).strip().casefold()


def _is_chrome(text: str, running: set[str]) -> bool:
    stripped = text.strip()
    return (
        _PAGE_NUMBER.fullmatch(stripped) is not None
        or _CONG_BAO.fullmatch(stripped) is not None
        or _chrome_key(stripped) in running
    )


# --- paragraphs --------------------------------------------------------------------------------


def join_pages(pages: list[Page]) -> str:
    """The text of the pages, one paragraph a line (see the module)."""
    drop_chrome(pages)
    paragraphs: list[str] = []
    before: Line | None = None
    before_page: Page | None = None
    for page in pages:
        _measure_body(page)
        for line in page.lines:
            if (
                before is None
                or before_page is None
                or _starts_paragraph(before, before_page, line, page)
            ):
                paragraphs.append(line.text)
            else:
                paragraphs[-1] = _join(paragraphs[-1], line.text)
            before, before_page = line, page
    return "\n".join(paragraphs) + ("\n" if paragraphs else "")


def _measure_body(page: Page) -> None:
    """The page's text margins (where most lines start and end) and its usual gap between
    lines, from its body lines."""
    body = [line for line in page.lines if not line.cell] or page.lines
    if not body:
        return
    height = statistics.median(line.height for line in body)
    page.body_left = _most_common([line.left for line in body], MARGIN_SLACK * height, min)
    page.body_right = _most_common([line.right for line in body], MARGIN_SLACK * height, max)
    gaps = [b.top - a.bottom for a, b in zip(body, body[1:], strict=False) if b.top > a.bottom]
    page.body_gap = statistics.median(gaps) if gaps else 0.0


def _most_common(
    values: list[float], tolerance: float, outer: Callable[[list[float]], float]
) -> float:
    """The value most others lie near (within ``tolerance``): a margin most lines share, not
    thrown off by a stamp or a heading standing out of it; among equals the ``outer`` one."""
    ordered = sorted(values)
    counts = [
        bisect.bisect_right(ordered, v + tolerance) - bisect.bisect_left(ordered, v - tolerance)
        for v in values
    ]
    most = max(counts)
    if most < MIN_MARGIN_LINES:  # a page of a few lines: its outermost line marks the margin
        return outer(values)
    return outer([v for v, count in zip(values, counts, strict=True) if count == most])


def _starts_paragraph(before: Line, before_page: Page, line: Line, page: Page) -> bool:
    """Whether ``line`` starts a paragraph rather than going on with ``before``."""
    if before.cell or line.cell:
        return True
    height = max(before.height, line.height)
    if (
        before_page is page
        and line.top - before.bottom > page.body_gap + MIN_PARAGRAPH_GAP * height
    ):
        return True
    first = line.words[0]
    room = before_page.body_right - MARGIN_SLACK * height - before.right
    if first.right - first.left + WORD_SPACE * height < room:
        return True  # the next line's first word would have fitted: this line ended early
    if _STARTS_ITEM.match(line.text) and _ENDS_SENTENCE.search(before.text):
        return True
    if max(page.body_left - line.left, before_page.body_left - before.left) > MIN_INDENT * height:
        return True  # one of them is out of the text's column: a stamp, a note in the margin
    indented = line.left - page.body_left > MIN_INDENT * height
    if (
        indented
        and _centred(line, page)
        and _balanced(before, before_page)
        and _same_case(before.text, line.text)
    ):
        # A centred title wrapped over two lines ("VỀ ĐỊNH HƯỚNG PHÁT TRIỂN NGÀNH THÔNG TIN VÀ
        # TRUYỀN THÔNG ⏎ NĂM 2024", "Sửa đổi Quyết định số 622/QĐ-TTg ngày 17 tháng 5 năm
        # 2009 ⏎ của Thủ tướng Chính phủ") goes on, unless the line before ended a sentence; a
        # title in capitals after a line in small letters ("…năm 2024 ⏎ CHỈ THỊ") does not.
        return _ENDS_SENTENCE.search(before.text) is not None
    return indented


def _same_case(one: str, other: str) -> bool:
    """Both in capitals, or both not; a line with no letter ("2024") goes with either."""
    kinds = {
        all(ch.isupper() for ch in letters)
        for text in (one, other)
        if (letters := [ch for ch in text if ch.isalpha()])
    }
    return len(kinds) <= 1


def _balanced(line: Line, page: Page) -> bool:
    """As much room on the left of the line as on its right (a centred or a full line)."""
    left_room = line.left - page.body_left
    right_room = page.body_right - line.right
    return abs(left_room - right_room) < CENTRE_TOLERANCE * line.height


def _centred(line: Line, page: Page) -> bool:
    return _balanced(line, page) and line.left - page.body_left > MIN_INDENT * line.height


def _join(paragraph: str, line: str) -> str:
    """Join a wrapped line to its paragraph: a space, or nothing after a hyphen that is part of
    the word (``TT-`` + ``BLĐTBXH``), or nothing and no hyphen after a typesetter's one."""
    if paragraph.endswith("-") and len(paragraph) > 1 and not paragraph[-2].isspace():
        if _LATIN_HEAD.search(paragraph) and _LATIN_TAIL.match(line):
            return paragraph[:-1] + line
        return paragraph + line
    return paragraph + " " + line
