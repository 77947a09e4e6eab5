"""Word documents: ``.docx`` through python-docx, Word 97-2003 ``.doc`` through Debian's antiword.

Both come out as the read stage wants them: one paragraph a line, in reading order, tables
included. Tables matter: most decisions print their số hiệu and date in the header table
(QĐ 5134/QĐ-UBND of 2010: "Số: 5134/QĐ-UBND" in its left cell, "TP. Hồ Chí Minh, ngày 17 tháng 11
năm 2010" in its right one), and python-docx's own ``cell.text`` drops text inside smart tags (the
"NAM" of "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" there), so the body is walked in its XML.

:func:`layout_table` is the one layout of tables for every Word-like format (RTF too):

- the official header (issuer and "Số: …" on the left, the republic's motto and "Hà Nội, ngày …"
  on the right) gives each cell's lines in turn, left cell first: the shape of a plain-text copy,
  which :mod:`loader.parse` reads;
- any other table gives a row a line, cells between ``|`` as in a Markdown table: the signature
  block "| Nơi nhận: … | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Trung Tín |".

Text typed in the legacy ``.VnTime`` / ``VNI-Times`` fonts is converted (:mod:`.legacy`).
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from io import BytesIO
from typing import Any

from loader.errors import (
    CorruptFile,
    FileTooLarge,
    LoaderError,
    MissingTool,
    ProtectedFile,
    ToolFailed,
    UnsupportedFile,
)
from loader.formats import Decoded, Progress, sniff
from loader.formats.legacy import LegacyEncoding, fix_legacy, font_encoding

__all__ = ["finish_text", "layout_table", "read_doc", "read_docx"]

# --- tables ----------------------------------------------------------------------------------

# What marks a table as the official header: the republic's name or motto, or the "Số:" line
# (a letter's header may carry only "Số: 2403/TTg-KGVX" and "Hà Nội, ngày …").
_HEADER_MARK = re.compile(
    r"CỘNG\s+H(?:OÀ|ÒA)\s+XÃ\s+HỘI|Độc\s+lập\s*[-–]\s*Tự\s+do|^\s*Số\s*:",
    re.IGNORECASE | re.MULTILINE,
)
# The header is one or two rows (issuer | motto, then Số | date); a table of more rows that
# mentions "Số:" is a list of documents, laid out as rows.
MAX_HEADER_ROWS = 3
# A cell longer than this is body text laid out in a table (some offices set a whole Điều, or the
# whole text, in a bordered table): its paragraphs stay lines of their own instead of being joined
# into one row. The longest cell of a real row is a "Nơi nhận:" list: 770 characters in the dev
# corpus (vb_e7f259d0b2, twenty-odd recipients), so twice that still reads as a row.
MAX_ROW_CELL_CHARS = 2000

Cell = Sequence[str]  # the lines of one cell
Row = Sequence[Cell]


def layout_table(rows: Sequence[Row]) -> list[str]:
    """The lines of a table (rows of cells of lines), laid out as described in the module.

    >>> layout_table([[["BỘ TÀI CHÍNH", "Số: 07/2010/TT-BTC"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA …"]]])
    ['BỘ TÀI CHÍNH', 'Số: 07/2010/TT-BTC', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA …']
    >>> layout_table([[["Nơi nhận:", "- Như Điều 3;"], ["KT. BỘ TRƯỞNG", "Đỗ Hoàng Anh Tuấn"]]])
    ['| Nơi nhận: - Như Điều 3; | KT. BỘ TRƯỞNG Đỗ Hoàng Anh Tuấn |']
    """
    cells = [[[line.strip() for line in cell if line.strip()] for cell in row] for row in rows]
    if _as_lines(cells):
        return [line for row in cells for cell in row for line in cell]
    lines = []
    for row in cells:
        texts = [" ".join(cell) for cell in row]
        if any(texts):
            lines.append("| " + " | ".join(texts) + " |")
    return lines


def _as_lines(rows: list[list[list[str]]]) -> bool:
    if all(len(row) <= 1 for row in rows):
        return True  # a one-column table is a frame around paragraphs
    if any(len("\n".join(cell)) > MAX_ROW_CELL_CHARS for row in rows for cell in row):
        return True
    if len(rows) > MAX_HEADER_ROWS:
        return False
    return any(_HEADER_MARK.search("\n".join(cell)) for row in rows for cell in row)


def finish_text(lines: Iterable[str], encoding: str, warnings: Sequence[str] = ()) -> Decoded:
    """The reader's result: lines stripped, runs of blank lines made one, legacy fonts converted."""
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if line or (out and out[-1]):
            out.append(line)
    text, legacy = fix_legacy("\n".join(out).strip("\n"))
    found = list(warnings)
    if legacy is not None and legacy.warning not in found:
        found.append(legacy.warning)
    return Decoded(text + "\n" if text else "", encoding, tuple(found))


# --- .docx -----------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# The largest a .docx may grow when unzipped. A 100 MB file of scanned pages unzips to about its
# own size (JPEGs do not compress); text XML compresses some tenfold, so the 3 MB XML of the
# largest Nghị định with tables is 300 KB zipped. A "zip bomb" of a few MB that unzips to
# gigabytes would take the machine's memory: refused before python-docx reads it.
MAX_UNZIPPED_BYTES = 1024 * 2**20

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Children of a paragraph (and of the containers in it) that hold runs, walked into; the deleted
# runs of tracked changes (w:del, w:moveFrom) and the paragraph's properties are not.
_INLINE_CONTAINERS = frozenset(
    _W + tag
    for tag in ("hyperlink", "smartTag", "ins", "moveTo", "customXml", "fldSimple", "bdo", "dir")
)
_BLOCK_CONTAINERS = frozenset(_W + tag for tag in ("customXml", "ins", "moveTo"))
# Characters a run spells as elements: the tab, the soft line break (Shift+Enter, which many
# headers use: "BỘ THÔNG TIN VÀ⏎TRUYỀN THÔNG"), the carriage return, the non-breaking hyphen.
_RUN_CHARACTERS = {
    _W + "tab": "\t",
    _W + "ptab": "\t",
    _W + "br": "\n",
    _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
}


def read_docx(data: bytes, path: str, progress: Progress | None = None) -> Decoded:
    """The text of a Word 2007+ document: its body's paragraphs and tables in reading order,
    text boxes after the paragraph they are anchored in (see the module)."""
    if data.startswith(_OLE):
        # An encrypted .docx (sniff says so) or a Word 97 file given as a .docx: read as it is.
        return sniff(data, path).read(data, path, progress)
    _check_unzipped_size(data, path)
    body, styles = _open_docx(data, path)
    walker = _DocxWalker(_Fonts(styles))
    lines = walker.blocks(body)
    return finish_text(lines, "utf-8 (docx)", [e.warning for e in walker.converted])


ENCRYPTED_MESSAGE = (
    "is password-protected (an encrypted Office document): open it in Word, remove the "
    "password and save it again"
)


def _check_unzipped_size(data: bytes, path: str) -> None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, EOFError, ValueError):
        return  # python-docx names the damage (below)
    if size > MAX_UNZIPPED_BYTES:
        raise FileTooLarge(
            path,
            f"unzips to {size / 2**20:.0f} MiB, more than the {MAX_UNZIPPED_BYTES // 2**20} MiB "
            "a Word document can plausibly hold",
        )


def _open_docx(data: bytes, path: str) -> tuple[Any, Any]:
    """The body element of the main document, and its styles element (or None)."""
    # Imported here, like every reader's library: loading a folder of .txt files needs neither.
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import OpcError
    from docx.package import Package
    from lxml import etree

    try:
        package = Package.open(BytesIO(data))
        part = package.main_document_part
        element = _element(part, etree)
        styles = None
        with suppress(KeyError, ValueError):  # a document without styles: direct formatting only
            styles = _element(part.part_related_by(RT.STYLES), etree)
    except (zipfile.BadZipFile, zlib.error):  # zlib: a member's compressed bytes are damaged
        raise CorruptFile(
            path, "is a damaged Word document: its ZIP archive is broken (cut short?)"
        ) from None
    except etree.XMLSyntaxError as error:
        raise CorruptFile(
            path, f"is a damaged Word document: its XML is broken ({error.msg})"
        ) from None
    except (KeyError, ValueError, OpcError, EOFError, zipfile.LargeZipFile) as error:
        reason = str(error).strip("'\"") or type(error).__name__
        raise CorruptFile(path, f"is a damaged Word document ({reason})") from None
    body = element.find(_W + "body")
    if body is None:
        raise CorruptFile(path, "is a damaged Word document: its main part has no body")
    return body, styles


def _element(part: Any, etree: Any) -> Any:
    element = getattr(part, "element", None)
    if element is not None:
        return element
    # A part python-docx does not model (a .docm's main part): parse its bytes, entities off.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.fromstring(part.blob, parser)


class _Fonts:
    """Which legacy encoding a run's font means, through the styles (run, paragraph, defaults).

    Word picks the font of a character U+0080-U+00FF from ``w:hAnsi`` (``w:ascii`` below): the
    code points that ``.VnTime`` text is made of.
    """

    def __init__(self, styles: Any) -> None:
        self._style_font: dict[str, str | None] = {}
        self._based_on: dict[str, str] = {}
        self.default_paragraph_style: str | None = None
        self.default_font: str | None = None
        if styles is None:
            return
        defaults = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        if defaults is not None:
            self.default_font = _direct_font(defaults)
        for style in styles.iterfind(_W + "style"):
            style_id = style.get(_W + "styleId")
            if style_id is None:
                continue
            rpr = style.find(_W + "rPr")
            self._style_font[style_id] = _direct_font(rpr) if rpr is not None else None
            based = style.find(_W + "basedOn")
            if based is not None and based.get(_W + "val"):
                self._based_on[style_id] = based.get(_W + "val")
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true"):
                self.default_paragraph_style = style_id

    def style_font(self, style_id: str | None) -> str | None:
        seen: set[str] = set()
        while style_id is not None and style_id not in seen:
            seen.add(style_id)
            font = self._style_font.get(style_id)
            if font:
                return font
            style_id = self._based_on.get(style_id)
        return None

    def legacy(self, run: Any, paragraph_style: str | None) -> tuple[LegacyEncoding, bool] | None:
        rpr = run.find(_W + "rPr")
        font = _direct_font(rpr) if rpr is not None else None
        if font is None and rpr is not None:
            run_style = rpr.find(_W + "rStyle")
            if run_style is not None:
                font = self.style_font(run_style.get(_W + "val"))
        font = (
            font
            or self.style_font(paragraph_style or self.default_paragraph_style)
            or self.default_font
        )
        if font is None:
            return None
        found = font_encoding(font)
        if found is not None and rpr is not None and rpr.find(_W + "caps") is not None:
            return found[0], True
        return found


def _direct_font(rpr: Any) -> str | None:
    fonts = rpr.find(_W + "rFonts")
    if fonts is None:
        return None
    return fonts.get(_W + "hAnsi") or fonts.get(_W + "ascii")


class _DocxWalker:
    """Lines of a body, a table cell or a text box, in reading order."""

    def __init__(self, fonts: _Fonts) -> None:
        self.fonts = fonts
        self.converted: list[LegacyEncoding] = []  # the legacy encodings of runs converted

    def blocks(self, container: Any) -> list[str]:
        lines: list[str] = []
        for child in container:
            tag = child.tag
            if tag == _W + "p":
                lines.extend(self.paragraph(child))
            elif tag == _W + "tbl":
                lines.extend(layout_table(self.table(child)))
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    lines.extend(self.blocks(content))
            elif tag in _BLOCK_CONTAINERS:
                lines.extend(self.blocks(child))
            elif tag == _MC + "AlternateContent":
                lines.extend(self.blocks(_chosen(child)))
        return lines

    def table(self, table: Any) -> list[list[list[str]]]:
        """Rows of cells of lines. A cell merged with the one above (``w:vMerge``) holds nothing
        of its own, and a cell spanning columns (``w:gridSpan``) is one cell: nothing repeats."""
        return [
            [self.blocks(cell) for cell in _children(row, _W + "tc")]
            for row in _children(table, _W + "tr")
        ]

    def paragraph(self, paragraph: Any) -> list[str]:
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        style_id = style.get(_W + "val") if style is not None else None
        parts: list[str] = []
        boxes: list[str] = []
        self._inline(paragraph, style_id, parts, boxes)
        return "".join(parts).split("\n") + boxes

    def _inline(self, element: Any, style: str | None, parts: list[str], boxes: list[str]) -> None:
        for child in element:
            tag = child.tag
            if tag == _W + "r":
                self._run(child, style, parts, boxes)
            elif tag in _INLINE_CONTAINERS:
                self._inline(child, style, parts, boxes)
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self._inline(content, style, parts, boxes)
            elif tag == _MC + "AlternateContent":
                self._inline(_chosen(child), style, parts, boxes)

    def _run(self, run: Any, style: str | None, parts: list[str], boxes: list[str]) -> None:
        legacy = self.fonts.legacy(run, style)
        for child in run:
            tag = child.tag
            if tag == _W + "t":
                text = child.text or ""
                if legacy is not None:
                    encoding, capitals = legacy
                    text = encoding.convert(text)
                    text = text.upper() if capitals else text
                    if encoding not in self.converted:
                        self.converted.append(encoding)
                parts.append(text)
            elif tag in _RUN_CHARACTERS:
                parts.append(_RUN_CHARACTERS[tag])
            elif tag == _MC + "AlternateContent":
                for box in _text_boxes(_chosen(child)):
                    boxes.extend(self.blocks(box))
            elif tag in (_W + "drawing", _W + "pict", _W + "object"):
                for box in _text_boxes(child):
                    boxes.extend(self.blocks(box))


def _children(element: Any, tag: str) -> Iterator[Any]:
    """The ``tag`` children of ``element``, also those wrapped in content controls and custom
    XML (a row or cell inside ``w:sdt``)."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in _BLOCK_CONTAINERS:
            yield from _children(child, tag)


def _chosen(alternate: Any) -> Any:
    """The branch of ``mc:AlternateContent`` to read: Word writes a text box twice, as DrawingML
    (the first ``mc:Choice``) and as VML (``mc:Fallback``); reading both would double it."""
    for branch in alternate:
        if len(branch):
            return branch
    return alternate


def _text_boxes(element: Any) -> Iterator[Any]:
    """The outermost ``w:txbxContent`` elements inside ``element`` (a nested box is read when
    its own container is)."""
    for child in element:
        if child.tag == _W + "txbxContent":
            yield child
        elif child.tag == _MC + "AlternateContent":
            yield from _text_boxes(_chosen(child))
        else:
            yield from _text_boxes(child)


# --- .doc --------------------------------------------------------------------------------------

# antiword reads a 30 KB Thông tư in 2 ms and a 5 MB one full of scanned images in well under a
# second; a file that keeps it busy this long is one it is stuck on.
ANTIWORD_SECONDS = 30
# -x db: DocBook XML, always UTF-8, one paragraph per <para> with no hard wrapping, and tables as
# rows of entries. The text mode (-w 0 -m UTF-8.txt: no wrapping, UTF-8) gives paragraphs a line
# too, but draws a table as padded columns side by side, so the header's "BỘ THÔNG TIN VÀ" and
# "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" share a line and long cells are wrapped: it is only the
# fallback for a document whose XML comes out unreadable.
ANTIWORD_OPTIONS = ("-x", "db")
ANTIWORD_TEXT_OPTIONS = ("-w", "0", "-m", "UTF-8.txt")
ANTIWORD_PACKAGE = "antiword"
# antiword refuses to write UTF-8 text under a non-UTF-8 locale ("Can't set the UTF-8 locale!").
_ANTIWORD_ENV = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}

# antiword's messages (stderr) and what they mean for the user; the first that matches wins.
_ANTIWORD_FAILURES: tuple[tuple[str, type[LoaderError], str], ...] = (
    ("Encrypted documents are not supported", ProtectedFile, ENCRYPTED_MESSAGE),
    (
        "fast saved documents are not supported",
        UnsupportedFile,
        "is a 'fast saved' Word document antiword cannot read: open it in Word and save it as "
        ".docx",
    ),
    (
        "This version of Word is not supported",
        UnsupportedFile,
        "is from a Word version antiword cannot read (Word 2 or older): save it as .docx",
    ),
    (
        "is not a Word Document",
        CorruptFile,
        "is a damaged Word 97-2003 document (antiword cannot find its text)",
    ),
    (
        "This OLE file does not contain a Word document",
        CorruptFile,
        "is a damaged Word 97-2003 document (antiword finds no Word text in it)",
    ),
    ("I can't find the text of this document", CorruptFile, "is a damaged Word 97-2003 document"),
    (
        # antiword does not read text kept in the OLE "mini stream", where Word puts the text of a
        # document of a paragraph or two (a one-line Thông báo).
        "the text stream of this file is too small",
        ToolFailed,
        "is a Word 97-2003 document too short for antiword to read: save it as .docx",
    ),
)
# DocBook elements that hold no text of the document: antiword's metadata (the author's name,
# the date saved) and footnotes (skipped as in .docx and RTF).
_DOCBOOK_SKIPPED = frozenset(("bookinfo", "footnote", "colspec"))
_DOCBOOK_TABLES = frozenset(("informaltable", "table"))


def read_doc(data: bytes, path: str, progress: Progress | None = None) -> Decoded:
    """The text of a Word 97-2003 document, by antiword (``apt-get install antiword``)."""
    from lxml import etree

    with tempfile.TemporaryDirectory(prefix="loader-doc-") as folder:
        copy = os.path.join(folder, "document.doc")  # antiword reads a file, not a pipe
        with open(copy, "wb") as handle:
            handle.write(data)
        xml = _run_antiword(copy, path, ANTIWORD_OPTIONS).stdout
        parser = etree.XMLParser(
            recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
        )
        root = etree.fromstring(xml, parser) if xml.strip() else None
        if root is None:
            text = _run_antiword(copy, path, ANTIWORD_TEXT_OPTIONS).stdout.decode(
                "utf-8", "replace"
            )
            return finish_text(text.split("\n"), "utf-8 (antiword)")
    return finish_text(_docbook_blocks(root), "utf-8 (antiword)")


def _docbook_blocks(element: Any) -> list[str]:
    lines: list[str] = []
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _DOCBOOK_SKIPPED:
            continue
        if tag in _DOCBOOK_TABLES:
            lines.extend(layout_table(_docbook_rows(child)))
        elif tag in ("para", "title", "entry"):
            # antiword sets a paragraph's text on lines of its own inside <para>: strip those.
            lines.extend(_docbook_text(child).strip().split("\n"))
            for table in child.iter(*_DOCBOOK_TABLES):
                lines.extend(layout_table(_docbook_rows(table)))
        else:
            lines.extend(_docbook_blocks(child))
    return lines


def _docbook_text(element: Any) -> str:
    """The text of a paragraph, without the tables and footnotes inside it."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag not in _DOCBOOK_TABLES and tag not in _DOCBOOK_SKIPPED:
            parts.append(_docbook_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _docbook_rows(table: Any) -> list[list[list[str]]]:
    return [
        [
            _docbook_blocks(entry) if len(entry) else (entry.text or "").split("\n")
            for entry in row.iter("entry")
        ]
        for row in table.iter("row")
    ]


def _run_antiword(
    copy: str, path: str, options: Sequence[str]
) -> subprocess.CompletedProcess[bytes]:
    try:
        result = subprocess.run(
            ["antiword", *options, copy],
            capture_output=True,
            timeout=ANTIWORD_SECONDS,
            env={**os.environ, **_ANTIWORD_ENV},
            check=False,
        )
    except FileNotFoundError:
        raise MissingTool(
            path,
            f"needs antiword to read a Word 97-2003 document: apt-get install {ANTIWORD_PACKAGE}",
        ) from None
    except subprocess.TimeoutExpired:
        raise ToolFailed(
            path, f"antiword took more than {ANTIWORD_SECONDS} s to read it and was stopped"
        ) from None
    complaint = result.stderr.decode("utf-8", errors="replace").replace(copy, "the file")
    for sign, error, problem in _ANTIWORD_FAILURES:
        if sign in complaint:
            raise error(path, problem)
    if result.returncode != 0:
        first = next((line.strip() for line in complaint.splitlines() if line.strip()), "")
        raise ToolFailed(
            path,
            f"antiword could not read it (exit status {result.returncode}: "
            f"{first or 'no message'})",
        )
    return result
