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
    if warnings:
        return Decoded(text, encoding, tuple(warnings))
    signs = _legacy_signs(text, data if encoding in ("utf-8", "utf-8-sig") else None)
    if signs != "":
        # Valid UTF-8 can still spell a legacy font's code points: "Bé Tµi chÝnh" pasted from a
        # .doc typed in .VnTime (see loader.formats.legacy.fix_legacy).
        text, legacy = fix_legacy(text, signs)
        if legacy is not None:
            warnings = [legacy.warning]
    return Decoded(text, encoding, tuple(warnings))


# fix_legacy converts only a text with one of the Latin-1 characters its _LEGACY_SIGN lists ("µ" of
# TCVN3 "Tµi", "ø" of VNI "Taøi"), and searching a text for them is a third of reading it. The
# same question costs half as much in bytes: the text's Latin-1 characters as bytes (the others
# dropped by the encoder in C), and those left once the bytes of all other characters are deleted
# are its signs, which fix_legacy is told (a few it then looks for as literals).
# Only for a pattern made of Latin-1 characters, case-sensitive; any other asks fix_legacy itself.
_LEGACY_SIGN_IN_LATIN1 = (
    not _LEGACY_SIGN.flags & re.IGNORECASE
    and "\\" not in _LEGACY_SIGN.pattern
    and max(map(ord, _LEGACY_SIGN.pattern)) <= 0xFF
)
_NOT_LEGACY_SIGN = bytes(code for code in range(0x100) if not _LEGACY_SIGN.match(chr(code)))
# In the UTF-8 bytes the text was decoded from, the question costs less again (a third less on
# the synthetic corpus, half on real texts). Each of those characters is two bytes there, C2 or C3
# then one more ("µ" U+00B5 is C2 B5, "Ð" U+00D0 is C3 90), and in valid UTF-8 a C2 or C3 byte
# always starts a character: a lead byte followed by one of its sign bytes is exactly a sign
# character. No Vietnamese letter starts with C2, so a text rarely has one and a memchr scan
# answers for it; each pattern starts with its literal lead byte, which the engine skips to.
_SIGN_CODES = [code for code in range(0x100) if code not in _NOT_LEGACY_SIGN]


def _sign_pattern(lead: int) -> re.Pattern[bytes]:
    """The UTF-8 of the sign characters whose first byte is ``lead``."""
    tails = bytes(chr(code).encode()[1] for code in _SIGN_CODES if chr(code).encode()[0] == lead)
    return re.compile(re.escape(bytes([lead])) + b"[" + re.escape(tails) + b"]")


_SIGN_UTF8 = tuple(
    (bytes([lead]), _sign_pattern(lead))
    for lead in (0xC2, 0xC3)
    if any(chr(code).encode()[0] == lead for code in _SIGN_CODES)
)
# ... unless an ASCII character were a sign (it has no lead byte).
_SIGN_IN_UTF8 = _LEGACY_SIGN_IN_LATIN1 and all(code >= 0x80 for code in _SIGN_CODES)


def _legacy_signs(text: str, utf8: bytes | None = None) -> str | None:
    """The characters of ``text`` that send a text to the legacy check, each once; None when
    only fix_legacy can tell.

    ``utf8``, when given, is what ``text`` was decoded from as UTF-8 (a BOM before it or not).

    >>> _legacy_signs("Boä Taøi chính"), _legacy_signs("Bộ Tài chính")
    ('äø', '')
    >>> [_legacy_signs(t, t.encode()) for t in ("Boä Taøi chính", "NÐ-CP", "Bộ Tài chính")]
    ['äø', 'Ð', '']
    """
    if not _LEGACY_SIGN_IN_LATIN1:
        return None
    if utf8 is not None and _SIGN_IN_UTF8:
        found: set[bytes] = set()
        for lead, pattern in _SIGN_UTF8:
            if lead in utf8:
                found.update(pattern.findall(utf8))
        return "".join(sorted(sign.decode() for sign in found)) if found else ""
    codes = set(text.encode("latin-1", "ignore").translate(None, _NOT_LEGACY_SIGN))
    return bytes(sorted(codes)).decode("latin-1")


def _check_binary(data: bytes, path: str) -> None:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    if data.find(b"\x00", 0, BINARY_SNIFF_BYTES) >= 0:  # the head, without copying it
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
