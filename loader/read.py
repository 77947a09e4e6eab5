"""Stage 1, read: a file on disk → :class:`SourceText` (decoded, NFC, page chrome stripped).

Three verbs: :func:`read_path` (a file), :func:`read_bytes` (an upload) and :func:`list_files`
(files and folders → the files to load, and those skipped with the reason). A file's format is
sniffed from its bytes (:func:`loader.formats.sniff`) and its reader
(:data:`loader.formats.FORMATS`) turns it into text: the rest of the pipeline is format-blind.
Everything that can go wrong with the input is raised here as a
:class:`loader.errors.LoaderError` subclass whose message names the file.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.identity import clean, content_digest
from loader.errors import (
    EmptyFile,
    FileTooLarge,
    LoaderError,
    UnreadableFile,
)
from loader.formats import (
    FORMATS,
    MAX_FILE_BYTES,
    SNIFF_BYTES,
    Format,
    Progress,
    sniff,
    suffix_format,
)
from loader.formats.text import CP1258_WARNING

__all__ = [
    "CP1258_WARNING",
    "MAX_TEXT_BYTES",
    "FileList",
    "SourceText",
    "content_digest",
    "list_files",
    "normalise",
    "read_bytes",
    "read_path",
    "strip_chrome",
]


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded text. Offsets everywhere downstream index into ``text``.

    ``text`` is NFC, with look-alikes folded (``Ð`` → ``Đ``), line endings ``\\n``, and web-page
    chrome (share buttons, visitor counters, "Tin liên quan", a trailing "Download / Văn bản khác
    liên quan" list) removed.
    """

    path: str  # as given by the caller (the store keys texts by this string)
    text: str
    sha256: str  # of the raw bytes: an unchanged file is recognised before decoding
    encoding: str
    warnings: tuple[str, ...] = field(default=())
    format: str = "text"  # a code of loader.formats.FORMATS
    ocr: bool = False  # read from page images by OCR (loader.formats.Decoded.ocr)

    @property
    def content_sha256(self) -> str:
        """Of the cleaned text: copies of one text under other names, in other encodings or
        formats that read the same, are recognised by it (:func:`content_digest`)."""
        return content_digest(self.text)


# The limit of plain text files (a consolidated Nghị định with its tables of allowance rates is
# ~1 MB; 20 MiB refuses a log or a database dump renamed to .txt). Other formats have their own
# (loader.formats.FORMATS), since Word and PDF files carry images.
MAX_TEXT_BYTES = FORMATS["text"].max_bytes
# A file up to this size is within every format's limit.
_SMALLEST_LIMIT = min(f.max_bytes for f in FORMATS.values())

# Invisible characters that web copies carry inside words and numbers ("01/CT\u200b-BTTTT"): they
# would split a số hiệu in two for every later regular expression.
# Each is looked for with ``in`` (a memchr-speed scan, six of them cost less than one regular
# expression pass over a text) and deleted only where found, which is rarely.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

# --- page chrome -------------------------------------------------------------------------------
# Single lines of web-page furniture, removed wherever they stand. Each alternative is a whole
# line; a line made only of these pieces (joined by "|", "·" or spaces) is chrome too. Real
# example, the first line of seed 002: "A- A A+ | Chia sẻ bài viết lên facebook Chia sẻ bài viết
# lên twitter Chia sẻ bài viết lên google+ Tăng tương phản Giảm tương phản".
_CHROME_PIECES = (
    r"A-\s*A\s*A\+",
    r"Chia sẻ(?: bài viết)?(?: lên)?(?: (?:facebook|twitter|google\+|zalo|linkedin|email))?",
    *("Tăng tương phản", "Giảm tương phản", "Tăng cỡ chữ", "Giảm cỡ chữ", "Cỡ chữ"),
    *("In bài viết", "In trang", "Bản in", "In văn bản", "Gửi email", "Gửi bài viết"),
    *("Gửi cho bạn bè", "Lưu bài viết", "Lên đầu trang", "Về đầu trang", "Quay lại", "Trở về"),
    *("Click để đánh giá bài viết", "Đánh giá bài viết"),
    r"Số lượt (?:xem|truy cập|đọc)\s*:?\s*[\d.,]*",
    r"lượt (?:xem|truy cập|đọc)\s*:?\s*[\d.,]*",
)
_CHROME_PIECE = "(?:" + "|".join(_CHROME_PIECES) + ")"
_CHROME_LINE = re.compile(
    rf"^[ \t]*{_CHROME_PIECE}(?:[ \t]*[|·•][ \t]*{_CHROME_PIECE}|[ \t]+{_CHROME_PIECE})*"
    r"[ \t]*[|·•]?[ \t]*$",
    re.IGNORECASE,
)
# Most texts have no chrome line at all, and matching each of their thousands of lines costs more
# than the rest of the read stage: one search finds whether any line starts with a piece (a
# chrome line does), and only then are the lines matched one by one. The search looks for the
# "\n" that opens a line, which the engine skips to at memchr speed, then at the line's first
# letter, which every piece spells literally (the first line, with no "\n" before it, is matched
# on its own).
_CHROME_FIRST_LETTERS = "".join(sorted({piece[0] for piece in _CHROME_PIECES}))
_CHROME_LINE_START = re.compile(
    rf"\n[ \t]*(?=[{_CHROME_FIRST_LETTERS}]){_CHROME_PIECE}", re.IGNORECASE
)
_CHROME_FIRST_LINE_START = re.compile(rf"[ \t]*{_CHROME_PIECE}", re.IGNORECASE)

# Lines that open the page's trailing furniture: everything from the first of them to the end is
# cut. Seed 003 ends its directive with "…theo quy định./." then "Download", "Văn bản khác liên
# quan" and five titles of unrelated documents; seed 002 ends with "Tổng số điểm của bài viết là: 2
# trong 2 đánh giá", "Tin liên quan", "Thống kê truy cập", "Hôm nay : 1.012". The pattern starts
# with the "\n" before such a line: the engine skips from one "\n" to the next at memchr speed
# instead of trying the alternatives at every character.
_TRAILING_CHROME_MARKERS = (
    *("Tin liên quan", "Tin cùng chuyên mục", "Các tin khác", "Tin khác", "Bài viết liên quan"),
    *("Văn bản khác liên quan", "Văn bản liên quan", "Download", "Tải về", "Tải văn bản"),
    *("Thống kê truy cập", "Thăm dò ý kiến", r"Tổng số điểm của bài viết là\b.*"),
    # A thuvienphapluat dump's attachment footer, bold in markdown ("**FILE ĐƯỢC ĐÍNH KÈM THEO
    # VĂN BẢN**"), is followed by the site's footer: "cộng đồng Dân Luật Việt Nam" is no law.
    "FILE ĐƯỢC ĐÍNH KÈM THEO VĂN BẢN",
    "Click để đánh giá bài viết",
)
# As for the chrome lines, a look at the line's first letter (which every marker spells
# literally) turns most lines away before the alternatives are tried one by one: half the cost
# of the search.
_TRAILING_CHROME_FIRST_LETTERS = "".join(sorted({marker[0] for marker in _TRAILING_CHROME_MARKERS}))
_TRAILING_CHROME_START = re.compile(
    rf"\n[ \t*]*(?=[{_TRAILING_CHROME_FIRST_LETTERS}])(?:{'|'.join(_TRAILING_CHROME_MARKERS)})"
    r"[ \t*]*:?[ \t*]*$",
    re.IGNORECASE | re.MULTILINE,
)
# Only a marker in the last part of the text opens trailing chrome: a line "Văn bản liên quan" in
# the first half is more likely a heading of the text itself than the page's footer.
TRAILING_CHROME_MIN_POSITION = 0.5


def read_path(path: str | os.PathLike[str], progress: Progress | None = None) -> SourceText:
    """Read one file of any format :data:`loader.formats.FORMATS` lists into a
    :class:`SourceText`.

    The size is checked with ``stat()`` before anything is read, and a file that vanishes or
    cannot be opened between listing and reading raises :class:`UnreadableFile`. ``progress``
    hears of the pages of a scan as OCR reads them.
    """
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise UnreadableFile(name, "no such file (was it moved or deleted?)") from None
    except PermissionError:
        raise UnreadableFile(name, "permission denied") from None
    except OSError as error:
        raise UnreadableFile(name, f"cannot be opened ({error.strerror or error})") from None
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableFile(name, "is a directory, not a text file")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO named .txt would block the loader forever; a device is not a text either.
        raise UnreadableFile(name, "is not a regular file (a pipe, socket or device)")
    if info.st_size > _SMALLEST_LIMIT:  # else within every limit, whatever the suffix says
        _check_size(name, info.st_size, suffix_format(name))
    try:
        # os.open rather than open(): a buffered file object (its buffer, and the fstat, ioctl
        # and lseek it asks the system for) makes getting a 10 kB text from the page cache a
        # third slower.
        handle = os.open(name, _OPEN_FLAGS)
        try:
            # Read one byte past the limit: a file that grew since stat() is still refused. The
            # size stat() gave is asked for first (and a byte more, to see the end): a read of
            # MAX_FILE_BYTES allocates that much before reading, which costs more than reading a
            # text of 10 kB does.
            data = _read_up_to(handle, info.st_size + 1)
            if len(data) > info.st_size:  # it grew since stat()
                data += _read_up_to(handle, MAX_FILE_BYTES + 1 - len(data))
        finally:
            os.close(handle)
    except FileNotFoundError:
        raise UnreadableFile(name, "vanished before it could be read") from None
    except PermissionError:
        raise UnreadableFile(name, "permission denied") from None
    except IsADirectoryError:
        raise UnreadableFile(name, "is a directory, not a text file") from None
    except OSError as error:
        raise UnreadableFile(name, f"cannot be read ({error.strerror or error})") from None
    return read_bytes(data, name, progress)


# O_BINARY: Windows' os.open would otherwise turn "\r\n" into "\n" (open() in "rb" mode adds it).
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def _read_up_to(handle: int, size: int) -> bytes:
    """Up to ``size`` bytes of an open file, fewer only at its end (as a buffered ``read``)."""
    data = os.read(handle, size)
    if not data or len(data) == size:
        return data
    # A short read is the end of the file, or a pause (a file on a network share): read on.
    chunks = [data]
    while size > len(data):
        size -= len(data)
        data = os.read(handle, size)
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks)


def read_bytes(data: bytes, path: str, progress: Progress | None = None) -> SourceText:
    """Sniff, decode, normalise and strip the bytes of a file named ``path`` (an upload or a
    file on disk)."""
    if not data:
        raise EmptyFile(path, "is empty (0 bytes)")
    if len(data) > MAX_FILE_BYTES:
        _check_size(path, len(data), None)
    form = sniff(data, path)
    _check_size(path, len(data), form)
    decoded = form.read(data, path, progress)
    if _blank(decoded.text):
        raise EmptyFile(path, _NOTHING_READ.get(form.code, "holds only whitespace"))
    text = strip_chrome(normalise(decoded.text))
    if _blank(text):
        raise EmptyFile(path, "holds only web-page chrome, no text")
    return SourceText(
        path=path,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        warnings=decoded.warnings,
        format=form.code,
        ocr=decoded.ocr,
    )


# What an empty reading means, by format.
_NOTHING_READ = {
    "text": "holds only whitespace",
    "html": "is a web page with no text in it",
    "docx": "is a Word document with no text in it",
    "doc": "is a Word document with no text in it",
    "rtf": "is an RTF document with no text in it",
    "pdf": "is a PDF with no text in it",
}


@dataclass(slots=True)
class FileList:
    """What :func:`list_files` found: the files to load, and those skipped with the reason."""

    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)


def list_files(paths: Iterable[str | os.PathLike[str]]) -> FileList:
    """Expand folders to the files in them that hold a legal text format; keep named files.

    Folders are walked recursively in sorted order, skipping hidden files and folders (``.git``)
    silently. A file in a folder is taken if its suffix is one the loader reads, or if its first
    bytes say it is one (a PDF saved without a suffix); anything else is listed in
    :attr:`FileList.skipped` with the reason (``bảng.xlsx: not a legal text format (an Excel
    workbook)``). A file named explicitly is kept whatever its suffix, or when missing, so that
    reading it reports the problem instead of the file silently disappearing from a batch.
    Symbolic links to folders are not followed (a link loop would never end).
    """
    found = FileList()
    for entry in paths:
        name = os.fspath(entry)
        if not os.path.isdir(name):
            found.files.append(name)
            continue
        inner: list[str] = []
        for root, dirs, files in os.walk(name):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for file in files:
                if file.startswith("."):
                    continue
                path = os.path.join(root, file)
                why = _why_skipped(path, file)
                if why is None:
                    inner.append(path)
                else:  # a name that is not UTF-8 shown with \xNN escapes, so it can be printed
                    shown = os.fsencode(path).decode("utf-8", "backslashreplace")
                    found.skipped.append((shown, why))
        found.files.extend(sorted(inner))
    found.skipped.sort()
    return found


def iter_text_files(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The files :func:`list_files` would load (without the skipped ones)."""
    return list_files(paths).files


# Word keeps "~$nh.docx" beside a document it has open: a lock file of a few bytes, not a text.
_OFFICE_LOCK_PREFIX = "~$"


def _why_skipped(path: str, file: str) -> str | None:
    """None if a file found in a folder is to be loaded, else why not."""
    if file.startswith(_OFFICE_LOCK_PREFIX):
        return "not a legal text (a lock file Word keeps beside an open document)"
    if suffix_format(file) is not None:
        return None
    try:
        if not os.path.isfile(path):
            return "not a regular file"
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if not head:
        return "empty (0 bytes)"
    try:
        form = sniff(head, path)
    except LoaderError as error:
        return error.problem
    if form.code == "text":  # only a text under a text suffix: README, .csv, .py are not
        return "not a legal text format"
    return None


def normalise(text: str) -> str:
    """NFC and look-alikes (:func:`graph.identity.clean`), ``\\n`` line endings, no invisibles."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char in _INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    return clean(text)


def strip_chrome(text: str) -> str:
    """Cut the page's trailing furniture and drop single chrome lines (see the patterns above)."""
    # The first marker whose line starts at TRAILING_CHROME_MIN_POSITION or later: searched from
    # the "\n" just before that position.
    start = math.ceil(len(text) * TRAILING_CHROME_MIN_POSITION) - 1
    marker = _TRAILING_CHROME_START.search(text, max(start, 0))
    if marker is not None:  # cut before the marker's line, keeping the "\n" of the line before
        text = text[: marker.start() + 1]
    if _CHROME_LINE_START.search(text) or _CHROME_FIRST_LINE_START.match(text):
        text = "\n".join(line for line in text.split("\n") if not _CHROME_LINE.match(line))
    if text[-1:] == "\n" and not text[-2:-1].isspace() and text[:1] != "\n":
        # What the line below makes of it, without copying the text twice: a text that ends
        # its last line with one "\n" and does not start with a blank line is left as it is.
        return text
    return text.strip("\n").rstrip() + "\n"


def _blank(text: str) -> bool:
    """``not text.strip()`` without copying the text."""
    return not text or text.isspace()


def _check_size(path: str, size: int, form: Format | None) -> None:
    limit = form.max_bytes if form is not None else MAX_FILE_BYTES
    if size > limit:
        what = form.name if form is not None else "a file"
        raise FileTooLarge(
            path,
            f"is {size / 2**20:.1f} MiB, more than the {limit // 2**20} MiB {what} holding a "
            "legal text can plausibly be",
        )
