"""Stage 1, read: a file on disk → :class:`SourceText` (decoded, NFC, page chrome stripped).

Three verbs: :func:`read_path` (a file), :func:`read_bytes` (an upload) and :func:`iter_text_files`
(folders → the text files in them). Everything that can go wrong with the input is raised here as a
:class:`loader.errors.LoaderError` subclass whose message names the file.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.identity import clean
from loader.errors import (
    BinaryFile,
    EmptyFile,
    FileTooLarge,
    UndecodableFile,
    UnreadableFile,
    UnsupportedFile,
)


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


TEXT_SUFFIXES: frozenset[str] = frozenset({".txt", ".md"})

# The biggest real legal texts, annexes included, are a few MB (a consolidated Nghị định with its
# tables of allowance rates is ~1 MB); 20 MiB leaves room for any of them and refuses a log or a
# database dump renamed to .txt before it is read into memory.
MAX_TEXT_BYTES = 20 * 1024 * 1024

# NUL bytes never occur in UTF-8 or Windows-1258 text; a .txt that has them in its first 8 KiB is a
# Word document or an image renamed (UTF-16, where NUL is normal, is recognised by its BOM first).
BINARY_SNIFF_BYTES = 8 * 1024

# What a renamed non-text file starts with, and what to call it in the message.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .xlsx is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)

# A Windows-1258 file decodes letters as base + combining tone mark ("ế" = "ê" + U+0301), which NFC
# composes to Vietnamese letters. Invalid UTF-8 that is *not* Vietnamese cp1258 text (UTF-8 with one
# corrupted byte decodes to mojibake such as "Quyáº¿t") leaves mostly other characters, so at least
# this share of the non-ASCII characters must be Vietnamese letters for the fallback to be believed.
CP1258_MIN_VIETNAMESE_SHARE = 0.8
_VIETNAMESE_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
)
CP1258_WARNING = "decoded as Windows-1258: check the diacritics"

# Invisible characters that web copies carry inside words and numbers ("01/CT\u200b-BTTTT"): they
# would split a số hiệu in two for every later regular expression.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# --- page chrome -------------------------------------------------------------------------------
# Single lines of web-page furniture, removed wherever they stand. Each alternative is a whole
# line; a line made only of these pieces (joined by "|", "·" or spaces) is chrome too. Real
# example, the first line of seed 002: "A- A A+ | Chia sẻ bài viết lên facebook Chia sẻ bài viết
# lên twitter Chia sẻ bài viết lên google+ Tăng tương phản Giảm tương phản".
_CHROME_PIECE = (
    r"(?:A-\s*A\s*A\+"
    r"|Chia sẻ(?: bài viết)?(?: lên)?(?: (?:facebook|twitter|google\+|zalo|linkedin|email))?"
    r"|Tăng tương phản|Giảm tương phản|Tăng cỡ chữ|Giảm cỡ chữ|Cỡ chữ"
    r"|In bài viết|In trang|Bản in|In văn bản|Gửi email|Gửi bài viết|Gửi cho bạn bè|Lưu bài viết"
    r"|Lên đầu trang|Về đầu trang|Quay lại|Trở về"
    r"|Click để đánh giá bài viết|Đánh giá bài viết"
    r"|(?:Số )?lượt (?:xem|truy cập|đọc)\s*:?\s*[\d.,]*)"
)
_CHROME_LINE = re.compile(
    rf"^[ \t]*{_CHROME_PIECE}(?:[ \t]*[|·•][ \t]*{_CHROME_PIECE}|[ \t]+{_CHROME_PIECE})*"
    r"[ \t]*[|·•]?[ \t]*$",
    re.IGNORECASE,
)

# Lines that open the page's trailing furniture: everything from the first of them to the end is
# cut. Seed 003 ends its directive with "…theo quy định./." then "Download", "Văn bản khác liên
# quan" and five titles of unrelated documents; seed 002 ends with "Tổng số điểm của bài viết là: 2
# trong 2 đánh giá", "Tin liên quan", "Thống kê truy cập", "Hôm nay : 1.012".
_TRAILING_CHROME_START = re.compile(
    r"^[ \t]*(?:Tin liên quan|Tin cùng chuyên mục|Các tin khác|Tin khác|Bài viết liên quan"
    r"|Văn bản khác liên quan|Văn bản liên quan|Download|Tải về|Tải văn bản"
    r"|Thống kê truy cập|Thăm dò ý kiến|Tổng số điểm của bài viết là\b.*"
    r"|Click để đánh giá bài viết)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# Only a marker in the last part of the text opens trailing chrome: a line "Văn bản liên quan" in
# the first half is more likely a heading of the text itself than the page's footer.
TRAILING_CHROME_MIN_POSITION = 0.5


def read_path(path: str | os.PathLike[str]) -> SourceText:
    """Read one ``.txt`` / ``.md`` file into a :class:`SourceText`.

    The size is checked with ``stat()`` before anything is read, and a file that vanishes or
    cannot be opened between listing and reading raises :class:`UnreadableFile`.
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
    _check_suffix(name)
    _check_size(name, info.st_size)
    try:
        with open(name, "rb") as handle:
            # Read one byte past the limit: a file that grew since stat() is still refused.
            data = handle.read(MAX_TEXT_BYTES + 1)
    except FileNotFoundError:
        raise UnreadableFile(name, "vanished before it could be read") from None
    except PermissionError:
        raise UnreadableFile(name, "permission denied") from None
    except IsADirectoryError:
        raise UnreadableFile(name, "is a directory, not a text file") from None
    except OSError as error:
        raise UnreadableFile(name, f"cannot be read ({error.strerror or error})") from None
    return read_bytes(data, name)


def read_bytes(data: bytes, path: str) -> SourceText:
    """Decode, normalise and strip the bytes of a text named ``path`` (an upload or a file)."""
    _check_suffix(path)
    _check_size(path, len(data))
    if not data:
        raise EmptyFile(path, "is empty (0 bytes)")
    _check_binary(data, path)
    raw, encoding, warnings = _decode(data, path)
    if not raw.strip():
        raise EmptyFile(path, "holds only whitespace")
    text = strip_chrome(normalise(raw))
    if not text.strip():
        raise EmptyFile(path, "holds only web-page chrome, no text")
    return SourceText(
        path=path,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        warnings=tuple(warnings),
    )


def iter_text_files(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Expand folders to the ``.txt`` / ``.md`` files under them; keep named files as given.

    Folders are walked recursively in sorted order, skipping hidden files and folders (``.git``);
    a file named explicitly is kept even with another suffix or when missing, so that reading it
    reports the problem instead of the file silently disappearing from a batch.
    """
    found: list[str] = []
    for entry in paths:
        name = os.fspath(entry)
        if not os.path.isdir(name):
            found.append(name)
            continue
        inner: list[str] = []
        for root, dirs, files in os.walk(name):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            inner.extend(
                os.path.join(root, f)
                for f in files
                if not f.startswith(".") and Path(f).suffix.lower() in TEXT_SUFFIXES
            )
        found.extend(sorted(inner))
    return found


def normalise(text: str) -> str:
    """NFC and look-alikes (:func:`graph.identity.clean`), ``\\n`` line endings, no invisibles."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    return clean(text)


def strip_chrome(text: str) -> str:
    """Cut the page's trailing furniture and drop single chrome lines (see the patterns above)."""
    for match in _TRAILING_CHROME_START.finditer(text):
        if match.start() >= len(text) * TRAILING_CHROME_MIN_POSITION:
            text = text[: match.start()]
            break
    lines = [line for line in text.split("\n") if not _CHROME_LINE.match(line)]
    return "\n".join(lines).strip("\n").rstrip() + "\n"


def _check_suffix(path: str) -> None:
    suffix = Path(path).suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "no extension"
        raise UnsupportedFile(path, f"{shown} is not a supported text file (use .txt or .md)")


def _check_size(path: str, size: int) -> None:
    if size > MAX_TEXT_BYTES:
        raise FileTooLarge(
            path,
            f"is {size / 2**20:.1f} MiB, more than the {MAX_TEXT_BYTES // 2**20} MiB a legal text "
            "can plausibly be",
        )


def _check_binary(data: bytes, path: str) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryFile(path, f"is not text: it looks like {what}")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise BinaryFile(
            path, "is not text: it contains NUL bytes (a binary file, or UTF-16 without a BOM)"
        )


def _decode(data: bytes, path: str) -> tuple[str, str, list[str]]:
    """The text, the codec name and any warnings; UTF-8 first, Windows-1258 as the fallback."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", data[len(codecs.BOM_UTF8) :]
    elif data.startswith(codecs.BOM_UTF16_LE):
        encoding, body = "utf-16-le", data[2:]
    elif data.startswith(codecs.BOM_UTF16_BE):
        encoding, body = "utf-16-be", data[2:]
    else:
        encoding, body = "utf-8", data
    try:
        return body.decode(encoding.removesuffix("-sig")), encoding, []
    except UnicodeDecodeError as error:
        if encoding != "utf-8":
            raise UndecodableFile(
                path,
                f"starts with a {encoding} byte-order mark but is not {encoding}: {error.reason}",
            ) from None
        utf8_error = error
    where = f"byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}"
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as error:
        raise UndecodableFile(
            path,
            f"is neither UTF-8 ({where}) nor Windows-1258 (byte 0x{data[error.start]:02x} at "
            f"offset {error.start} is undefined there); re-save it as UTF-8",
        ) from None
    if not _looks_vietnamese(text):
        raise UndecodableFile(
            path,
            f"is not valid UTF-8 ({where}) and does not read as Windows-1258 Vietnamese either; "
            "re-save it as UTF-8",
        )
    return text, "cp1258", [CP1258_WARNING]


def _looks_vietnamese(text: str) -> bool:
    composed = clean(text)
    non_ascii = [ch for ch in composed if ord(ch) > 127 and not ch.isspace()]
    if not non_ascii:
        return True
    vietnamese = sum(ch in _VIETNAMESE_LETTERS for ch in non_ascii)
    return vietnamese / len(non_ascii) >= CP1258_MIN_VIETNAMESE_SHARE
