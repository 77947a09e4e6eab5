"""Plain text (``.txt``, ``.md``): UTF-8 (with or without BOM), UTF-16 with BOM, and for a file
that is not UTF-8, the 8-bit encodings Vietnamese texts were saved in: Windows-1258, or the
legacy font encodings TCVN3 (ABC) and VNI (:mod:`loader.formats.legacy`), each believed only when
it reads as Vietnamese."""

from __future__ import annotations

import codecs
import re

from graph.identity import clean
from loader.errors import BinaryFile, UndecodableFile
from loader.formats import Decoded, Progress
from loader.formats.legacy import (
    _LEGACY_SIGN,
    MIN_VIETNAMESE_SHARE,
    fix_legacy,
    read_bytes_legacy,
    vietnamese_share,
)

# NUL bytes never occur in UTF-8 or Windows-1258 text; a .txt that has them in its first 8 KiB is a
# Word document or an image renamed (UTF-16, where NUL is normal, is recognised by its BOM first).
BINARY_SNIFF_BYTES = 8 * 1024

# A Windows-1258 file decodes letters as base + combining tone mark ("ế" = "ê" + U+0301), which NFC
# composes to Vietnamese letters. Invalid UTF-8 that is *not* Vietnamese cp1258 text (UTF-8 with one
# corrupted byte decodes to mojibake such as "Quyáº¿t") leaves mostly other characters, so at least
# this share of the non-ASCII characters must be Vietnamese letters for the fallback to be believed.
CP1258_MIN_VIETNAMESE_SHARE = 0.8
VIETNAMESE_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
)
CP1258_WARNING = "decoded as Windows-1258: check the diacritics"


def read_text(data: bytes, path: str, progress: Progress | None = None) -> Decoded:
    """Decode a plain text file (see the module)."""
    _check_binary(data, path)
    text, encoding, warnings = decode(data, path)
    if not warnings and _may_spell_legacy(text):
        # Valid UTF-8 can still spell a legacy font's code points: "Bé Tµi chÝnh" pasted from a
        # .doc typed in .VnTime (see loader.formats.legacy.fix_legacy).
        text, legacy = fix_legacy(text)
        if legacy is not None:
            warnings = [legacy.warning]
    return Decoded(text, encoding, tuple(warnings))


# fix_legacy converts only a text with one of the Latin-1 characters its _LEGACY_SIGN lists ("µ" of
# TCVN3 "Tµi", "ø" of VNI "Taøi"), and searching a text for them is a third of reading it. The
# same question costs half as much in bytes: the text's Latin-1 characters as bytes (the others
# dropped by the encoder in C), and any left once the bytes of all other characters are deleted.
# Only for a pattern made of Latin-1 characters, case-sensitive; any other asks fix_legacy itself.
_LEGACY_SIGN_IN_LATIN1 = (
    not _LEGACY_SIGN.flags & re.IGNORECASE
    and "\\" not in _LEGACY_SIGN.pattern
    and max(map(ord, _LEGACY_SIGN.pattern)) <= 0xFF
)
_NOT_LEGACY_SIGN = bytes(code for code in range(0x100) if not _LEGACY_SIGN.match(chr(code)))


def _may_spell_legacy(text: str) -> bool:
    """False when ``text`` has none of the characters that send a text to the legacy check."""
    if not _LEGACY_SIGN_IN_LATIN1:
        return True
    return bool(text.encode("latin-1", "ignore").translate(None, _NOT_LEGACY_SIGN))


def _check_binary(data: bytes, path: str) -> None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise BinaryFile(
            path, "is not text: it contains NUL bytes (a binary file, or UTF-16 without a BOM)"
        )


def decode(data: bytes, path: str) -> tuple[str, str, list[str]]:
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
    # Bytes of the 1990s: TCVN3 or VNI, when either reads as Vietnamese better than cp1258 does.
    legacy = read_bytes_legacy(data)
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError as error:
        if legacy.share >= MIN_VIETNAMESE_SHARE:
            return legacy.text, legacy.encoding.code, [legacy.encoding.warning]
        if legacy.share >= LEGACY_HINT_SHARE:
            raise _legacy_refused(path, where, legacy.encoding.name, legacy.share) from None
        raise UndecodableFile(
            path,
            f"is neither UTF-8 ({where}) nor Windows-1258 (byte 0x{data[error.start]:02x} at "
            f"offset {error.start} is undefined there); re-save it as UTF-8",
        ) from None
    cp1258_share = vietnamese_share(text) if looks_vietnamese(text) else 0.0
    if legacy.share >= MIN_VIETNAMESE_SHARE and legacy.share > cp1258_share:
        return legacy.text, legacy.encoding.code, [legacy.encoding.warning]
    if not looks_vietnamese(text):
        if legacy.share >= LEGACY_HINT_SHARE:
            raise _legacy_refused(path, where, legacy.encoding.name, legacy.share)
        raise UndecodableFile(
            path,
            f"is not valid UTF-8 ({where}) and does not read as Windows-1258 Vietnamese either; "
            "re-save it as UTF-8",
        )
    return text, "cp1258", [CP1258_WARNING]


# A legacy reading that makes this share of the words Vietnamese, but not MIN_VIETNAMESE_SHARE, is
# most likely that encoding mixed with another (part TCVN3, part VNI, as when two offices' texts
# are pasted together): refused, naming it, rather than loaded half right.
LEGACY_HINT_SHARE = 0.5


def _legacy_refused(path: str, where: str, name: str, share: float) -> UndecodableFile:
    return UndecodableFile(
        path,
        f"is not valid UTF-8 ({where}); it reads best as {name}, but only {share:.0%} of its "
        "words come out Vietnamese: convert it to Unicode (UniKey's converter) and load it again",
    )


def looks_vietnamese(text: str) -> bool:
    """True when most non-ASCII letters of ``text`` are Vietnamese ones (or there are none)."""
    composed = clean(text)
    non_ascii = [ch for ch in composed if ord(ch) > 127 and not ch.isspace()]
    if not non_ascii:
        return True
    vietnamese = sum(ch in VIETNAMESE_LETTERS for ch in non_ascii)
    return vietnamese / len(non_ascii) >= CP1258_MIN_VIETNAMESE_SHARE
