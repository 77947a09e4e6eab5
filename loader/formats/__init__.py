"""Readers, one per file format, behind the one read stage (:mod:`loader.read`).

An officer's folder holds what the portals and the mail give them: thuvienphapluat / vbpl pages
saved as ``.html``, ``.docx`` and Word 97 ``.doc`` files, RTF files named ``.doc``, Công báo
PDFs (often scanned). Each format has one reader here, a function ``(data, path, progress) →``
:class:`Decoded`; :data:`FORMATS` is the one table of them (what each is called, its file
suffixes, its size limit, its reader). :func:`sniff` decides a file's format from its first
bytes, the suffix second: an RTF file named ``.doc`` is RTF, a web page renamed ``.txt`` is HTML.

Readers return text as it should be read (paragraphs and table cells on lines of their own, in
reading order); the read stage then normalises it (NFC, look-alikes) and strips page chrome, the
same for every format, so everything after ``read`` is format-blind.
"""

from __future__ import annotations

import importlib
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from types import ModuleType
from typing import Protocol

from loader.errors import ProtectedFile, UnsupportedFile

# (pages done, pages in all): OCR takes seconds a page, so a reader of scans reports each page.
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Decoded:
    """What a reader made of a file: the text before normalisation, and how it was got."""

    text: str
    encoding: str  # how the characters were decoded: "utf-8", "cp1258", "TCVN3", "UTF-16 (docx)"
    warnings: tuple[str, ...] = ()
    # The text was read by OCR from page images: its digits cannot be trusted the way typed text
    # is (Tesseract reads a handwritten "25" as "¿5"), and a typed copy of the same document is
    # the better text of record.
    ocr: bool = False


class Reader(Protocol):
    def __call__(self, data: bytes, path: str, progress: Progress | None = None) -> Decoded: ...


MIB = 2**20


@dataclass(frozen=True, slots=True)
class Format:
    """One readable file format: one row of :data:`FORMATS`."""

    code: str
    name: str  # in English, for the CLI's messages: "a Word document (.docx)"
    name_vi: str  # in Vietnamese, for the app: "tài liệu Word (.docx)"
    suffixes: tuple[str, ...]
    reader: str  # "module:function", imported on first use (lxml or pypdfium2 only when needed)
    # The largest file of this format the loader reads. A legal text is at most a few MB of
    # text; Word and PDF files carry images (scans of signatures and stamps, whole scanned pages).
    max_bytes: int

    def read(self, data: bytes, path: str, progress: Progress | None = None) -> Decoded:
        name, _, function = self.reader.partition(":")
        module = _MODULES.get(name)
        if module is None:
            module = _MODULES[name] = importlib.import_module(name)
        reader: Reader = getattr(module, function)
        return reader(data, path, progress)


# The reader modules imported so far, by name: the read stage asks for a reader once a file, and
# importlib's lookup (through its import lock) costs a few microseconds each time. The function
# itself is looked up each time, so a test that replaces it is heard.
_MODULES: dict[str, ModuleType] = {}


# The one table of formats. The first suffix is the usual one.
FORMATS: dict[str, Format] = {
    f.code: f
    for f in (
        Format(
            "text",
            "a plain text file (.txt, .md)",
            "văn bản thuần (.txt, .md)",
            (".txt", ".md"),
            "loader.formats.text:read_text",
            20 * MIB,  # a consolidated Nghị định with its tables of rates is ~1 MB
        ),
        Format(
            "html",
            "a web page (.html)",
            "trang web (.html)",
            (".html", ".htm", ".xhtml"),
            "loader.formats.web:read_html",
            40 * MIB,  # a saved thuvienphapluat page is ~0.5 MB, 95% of it page chrome
        ),
        Format(
            "docx",
            "a Word document (.docx)",
            "tài liệu Word (.docx)",
            (".docx",),
            "loader.formats.word:read_docx",
            100 * MIB,
        ),
        Format(
            "doc",
            "a Word 97-2003 document (.doc)",
            "tài liệu Word 97-2003 (.doc)",
            (".doc",),
            "loader.formats.word:read_doc",
            100 * MIB,
        ),
        Format(
            "rtf",
            "an RTF document (.rtf)",
            "tài liệu RTF (.rtf)",
            (".rtf",),
            "loader.formats.rtf:read_rtf",
            100 * MIB,  # RTF spells images out in hex: a 2-page Thông tư with a logo is 1.5 MB
        ),
        Format(
            "pdf",
            "a PDF document (.pdf)",
            "tài liệu PDF (.pdf)",
            (".pdf",),
            "loader.formats.pdf:read_pdf",
            200 * MIB,  # a scanned Công báo issue of 100 pages
        ),
    )
}

# The largest file of any format: more is refused before it is read into memory.
MAX_FILE_BYTES = max(f.max_bytes for f in FORMATS.values())

SNIFF_BYTES = 8 * 1024

_BY_SUFFIX: dict[str, Format] = {s: f for f in FORMATS.values() for s in f.suffixes}

# File signatures of formats the loader does not read, and what to call them.
_NOT_LEGAL_TEXT: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_NOT_LEGAL_MAGICS = tuple(magic for magic, _ in _NOT_LEGAL_TEXT)  # one startswith for all
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The name of a Word 97 file's main stream, as the OLE directory spells it (UTF-16 LE).
_WORD_STREAM = "WordDocument".encode("utf-16-le")
# The stream that holds an encrypted .docx / .xlsx / .pptx inside its OLE container.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title")
_LONGEST_HTML_START = max(map(len, _HTML_STARTS))
_XML_START = b"<?xml"


def suffix_format(path: str) -> Format | None:
    """The format a file's suffix names, if any (``.DOCX`` too)."""
    return _BY_SUFFIX.get(_suffix(path).lower())


def _suffix(path: str) -> str:
    """``Path(path).suffix``, without building a Path: sniff asks it of every file, and a Path
    costs more than the rest of sniffing a text.

    >>> [_suffix(p) for p in ("a/QĐ.12.DOCX", "a/.bashrc", "a/b.", "a/b.txt/", "a/b.md/.", "..")]
    ['.DOCX', '', '', '.txt', '.md', '']
    """
    # Path itself for a path that is not a str (a caller's Path), or that ends in "/" or "/."
    # ("a/b.txt/", "a/b.txt/."), whose name Path takes from the part before.
    name = path.rpartition("/")[2] if _POSIX_PATHS and isinstance(path, str) else ""
    if not name or name == ".":
        return Path(path).suffix
    dot = name.rfind(".")  # the rule of PurePath.suffix
    return name[dot:] if 0 < dot < len(name) - 1 else ""


# Only "/" separates a POSIX path's parts; elsewhere (Windows' "\\", "C:") Path is asked.
_POSIX_PATHS = os.sep == "/" and os.altsep is None


def sniff(data: bytes, path: str) -> Format:
    """The format of a file from its first bytes, the suffix second.

    Raises :class:`UnsupportedFile` naming what the file looks like when it is not a legal text
    format (an image, a spreadsheet, an archive, or text under a suffix we do not read).

    >>> sniff(b"{\\\\rtf1\\\\ansi ...", "10209656.doc").code
    'rtf'
    >>> sniff(b"<!DOCTYPE html><html>...", "quyet-dinh.txt").code
    'html'
    >>> sniff(b"Ch\\xe1\\xbb\\x89 th\\xe1\\xbb\\x8b", "chi_thi.md").code
    'text'
    """
    # Every signature is shorter than SNIFF_BYTES: data.startswith(magic) asks what
    # data[:SNIFF_BYTES].startswith(magic) would, without copying the head.
    if data.startswith(b"%PDF"):
        return FORMATS["pdf"]
    opening = _opening(data)
    if opening.startswith(b"{\\rtf"):
        return FORMATS["rtf"]
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data, path)
    if data.startswith(_OLE):
        if _ENCRYPTED_STREAM in data:
            # Word, Excel and PowerPoint 2007+ encrypt a file with a password by wrapping it in an
            # OLE container: it looks like an old .doc, but no reader can open it.
            raise ProtectedFile(
                path,
                "is password-protected (an encrypted Office document): open it in Word, remove "
                "the password and save it again",
            )
        if _WORD_STREAM in data:
            return FORMATS["doc"]
        raise UnsupportedFile(
            path,
            "not a legal text format (an old Office file that is not a Word document: an "
            ".xls workbook or a .ppt presentation?)",
        )
    if data.startswith(_NOT_LEGAL_MAGICS):
        what = next(what for magic, what in _NOT_LEGAL_TEXT if data.startswith(magic))
        raise UnsupportedFile(path, f"not a legal text format ({what})")
    if _looks_like_html(opening):
        return FORMATS["html"]
    named = suffix_format(path)
    if named is not None and named.code in ("text", "html"):
        return named
    suffix = Path(path).suffix.lower()
    if named is not None:
        # A .docx that is not a zip, a .pdf without %PDF: damaged, or something else renamed.
        raise UnsupportedFile(path, f"named {suffix} but is not {named.name}: damaged, or renamed?")
    shown = f"'{suffix}'" if suffix else "no extension"
    usual = ", ".join(f.suffixes[0] for f in FORMATS.values())
    raise UnsupportedFile(path, f"not a legal text format ({shown}; the loader reads {usual})")


def _zip_format(data: bytes, path: str) -> Format:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError):
        if suffix_format(path) is FORMATS["docx"]:
            return FORMATS["docx"]  # its reader says what is wrong with it
        raise UnsupportedFile(path, "not a legal text format (a damaged ZIP archive)") from None
    if "word/document.xml" in names:
        return FORMATS["docx"]
    if any(n.startswith("xl/") for n in names):
        what = "an Excel workbook"
    elif any(n.startswith("ppt/") for n in names):
        what = "a PowerPoint presentation"
    elif "content.xml" in names:
        what = "an OpenDocument file: save it as .docx"
    else:
        what = "a ZIP archive: unpack it and load the folder"
    raise UnsupportedFile(path, f"not a legal text format ({what})")


# What may stand before a file's first real byte: a UTF-8 BOM, blank lines.
_BLANK_START = b"\xef\xbb\xbf \t\r\n"
# The bytes of a file looked at first: enough for the RTF signature after a few blank lines.
_FIRST_BYTES = 64


def _opening(data: bytes) -> bytes:
    """The head of a file (:data:`SNIFF_BYTES`) from its first byte that is no BOM or blank, or
    as much of it as tells the RTF signature when it does not open with "<".

    A web page opens with "<" ("<!DOCTYPE", "<html", "<?xml", a comment), and its comments are
    looked past, up to the end of the head; anything else is told by its first five bytes, without
    copying its 8 KiB head twice (as it is, then stripped) as every text's sniffing did.

    >>> _opening(b"\\xef\\xbb\\xbf\\r\\n{\\\\rtf1 ..."), _opening(b"\\n<html>" + 9000 * b"x")[:6]
    (b'{\\\\rtf1 ...', b'<html>')
    """
    start = data[:_FIRST_BYTES].lstrip(_BLANK_START)
    if len(start) >= len(b"{\\rtf") and not start.startswith(b"<"):
        return start  # a prefix of the whole head stripped
    return data[:SNIFF_BYTES].lstrip(_BLANK_START)


def _looks_like_html(opening: bytes) -> bool:
    """Whether the head of a file, after its BOM and blank lines, opens a web page."""
    # Only the starts are compared case-blind: lowering the whole head (8 KiB) would cost more
    # than the rest of sniffing a text. Lower case moves no byte, so the offsets are the same.
    start = opening
    if start[: len(_XML_START)].lower() == _XML_START:
        start = start[start.find(b">") + 1 :].lstrip()
    while start.startswith(b"<!--"):
        end = start.find(b"-->")
        if end < 0:
            return False
        start = start[end + 3 :].lstrip()
    return start[:_LONGEST_HTML_START].lower().startswith(_HTML_STARTS)
