"""Legacy Vietnamese 8-bit encodings (TCVN3/ABC, VNI): the tables, the detector, and .txt files.

The tables are held to sources other than themselves: glibc's iconv codec TCVN5712-1 for TCVN3,
and words as other converters print them. ``legacy_000_tcvn3.txt`` was encoded by iconv;
``legacy_000_vni.txt`` by the inverse of the VNI table (see ``tests/fixtures/formats/
word_make_fixtures.py``), so the VNI rows below are what keep that table honest.
"""

from __future__ import annotations

import doctest
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

import loader.formats.legacy
from loader.errors import UndecodableFile
from loader.formats.legacy import (
    TCVN3,
    VNI,
    fix_legacy,
    font_encoding,
    read_bytes_legacy,
    vietnamese_share,
)
from loader.pipeline import extract
from loader.read import CP1258_WARNING, read_bytes, read_path
from tests.factories import identity_and_edges

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "formats"
SAMPLE = ROOT / "samples" / "000_35021ff682a48c90.txt"
HEADER_LINE = 10  # the sample from its official header on (as tests/test_format_word.py)
# TCVN3 and VNI have no curly quotes: the legacy fixtures have straight ones.
SAMPLE_TEXT = (
    "\n".join(SAMPLE.read_text(encoding="utf-8").split("\n")[HEADER_LINE:])
    .replace("\u201c", '"')
    .replace("\u201d", '"')
)
TCVN3_WARNING = "converted from TCVN3 (ABC): check the diacritics"
VNI_WARNING = "converted from VNI: check the diacritics"


# --- the tables --------------------------------------------------------------------------------

# The bytes glibc's TCVN5712-1 decodes to letters: 0x80-0xFF less the no-break space and VN1's
# combining tone marks (0xB0-0xB4, which glibc composes with the letter before), and the twelve
# capitals VN1 puts in C0.
_TCVN3_LETTER_BYTES = [b for b in range(0x80, 0x100) if b != 0xA0 and not 0xB0 <= b <= 0xB4] + [
    0x01,
    0x02,
    0x04,
    0x05,
    0x06,
    0x11,
    0x12,
    0x13,
    0x14,
    0x15,
    0x16,
    0x17,
]


def test_tcvn3_table_is_the_one_glibc_has() -> None:
    if shutil.which("iconv") is None:
        pytest.skip("needs glibc's iconv (Debian libc-bin)")
    raw = bytes(_TCVN3_LETTER_BYTES)
    glibc = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=raw, capture_output=True, check=False
    )
    if glibc.returncode != 0:
        pytest.skip("this iconv has no TCVN5712-1 codec")
    expected = unicodedata.normalize("NFC", glibc.stdout.decode())
    assert len(expected) == len(raw)
    assert TCVN3.convert(raw.decode("latin-1")) == expected


KNOWN_WORDS = [
    # encoding, as the legacy font spells it (Latin-1), in Unicode
    # A public TCVN3 converter's examples (place names of Lào Cai):
    (TCVN3, "B¶o Th¾ng", "Bảo Thắng"),
    (TCVN3, "M\xadêng Kh\xad¬ng", "Mường Khương"),  # ư is 0xAD, the (invisible) soft hyphen
    (TCVN3, "B¸t X¸t", "Bát Xát"),
    # As countless mis-decoded .doc files show the republic's name:
    (TCVN3, "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    (TCVN3, "§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    (TCVN3, "Bé Tµi chÝnh h\xadíng dÉn", "Bộ Tài chính hướng dẫn"),
    # The README of the npm package vietnamese-conversion: "Xin chào các bạn" in VNI.
    (VNI, "Xin chaøo caùc baïn", "Xin chào các bạn"),
    (VNI, "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    (VNI, "Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    (VNI, "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (VNI, "Ngöôøi kyù: Nguyeãn Maïnh Huøng", "Người ký: Nguyễn Mạnh Hùng"),
    (VNI, "quyeát ñònh, khuyeán khích, thuôû, aên", "quyết định, khuyến khích, thuở, ăn"),
]


@pytest.mark.parametrize(
    ("encoding", "spelled", "unicode"),
    KNOWN_WORDS,
    ids=[f"{row[0].code}: {row[2]}" for row in KNOWN_WORDS],
)
def test_known_words(encoding: loader.formats.legacy.LegacyEncoding, spelled: str, unicode: str):
    assert encoding.convert(spelled) == unicode


FONTS = [
    # font name, encoding code or None, capitals only
    (".VnTime", "TCVN3", False),
    (".VnTimeH", "TCVN3", True),
    (".VnArial NarrowH", "TCVN3", True),
    ("VNI-Times", "VNI", False),
    ("VNI-Helve-Condense", "VNI", False),
    ("Times New Roman", None, False),
    ("Vni", None, False),
]


@pytest.mark.parametrize(("font", "code", "capitals"), FONTS, ids=[row[0] for row in FONTS])
def test_font_encoding(font: str, code: str | None, capitals: bool) -> None:
    found = font_encoding(font)
    assert ((found[0].code, found[1]) if found else (None, False)) == (code, capitals)


# --- how Vietnamese a text reads ---------------------------------------------------------------

SHARES = [
    # case, text, lowest share, highest share
    ("Unicode Vietnamese", "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;", 1.0, 1.0),
    ("abbreviations say nothing", "Nghị định 43/2011/NĐ-CP và QĐ của HĐND", 1.0, 1.0),
    ("TCVN3 as Latin-1", "C¨n cø LuËt Tæ chøc ChÝnh phñ ngµy 19 th¸ng 6 n¨m 2015;", 0.0, 0.2),
    (
        "VNI as Latin-1",
        "Caên cöù Luaät Toå chöùc Chính phuû ngaøy 19 thaùng 6 naêm 2015;",
        0.0,
        0.3,
    ),
    ("no accented word", "Chi thi 01/CT-BTTTT", 0.0, 0.0),
]


@pytest.mark.parametrize(
    ("text", "low", "high"), [r[1:] for r in SHARES], ids=[r[0] for r in SHARES]
)
def test_vietnamese_share(text: str, low: float, high: float) -> None:
    assert low <= vietnamese_share(text) <= high


# --- .txt files in a legacy encoding ---------------------------------------------------------


@pytest.fixture(scope="module")
def reference() -> tuple[tuple[object, ...], set[tuple[str, str, str]]]:
    found = identity_and_edges(extract(read_bytes(SAMPLE_TEXT.encode(), "000.txt")))
    assert found[0] == ("vn:01/CT-BTTTT@2024", "directive", "01/CT-BTTTT", 2024, "2024-01-20")
    assert len(found[1]) > 30
    return found


LEGACY_FILES = [
    # fixture, encoding code, warning
    ("legacy_000_tcvn3.txt", "TCVN3", TCVN3_WARNING),
    ("legacy_000_vni.txt", "VNI", VNI_WARNING),
]


@pytest.mark.parametrize(
    ("fixture", "code", "warning"), LEGACY_FILES, ids=[row[0] for row in LEGACY_FILES]
)
def test_legacy_txt_reads_as_the_text(
    fixture: str,
    code: str,
    warning: str,
    reference: tuple[tuple[object, ...], set[tuple[str, str, str]]],
) -> None:
    source = read_path(FIXTURES / fixture)
    assert (source.encoding, source.warnings) == (code, (warning,))
    assert source.text == read_bytes(SAMPLE_TEXT.encode(), "000.txt").text
    assert identity_and_edges(extract(source)) == reference


def _cp1258(text: str) -> bytes:
    """``text`` as a Windows-1258 editor saves it: letters with their hats, tones combining."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out: list[str] = []
    base = 0  # where the last base letter is: "ậ" decomposes as a, dot below, circumflex
    for ch in unicodedata.normalize("NFD", text):
        if ch in tones:
            out.append(ch)
        elif unicodedata.combining(ch):
            out[base] = unicodedata.normalize("NFC", out[base] + ch)
        else:
            base = len(out)
            out.append(ch)
    return "".join(out).encode("cp1258")


_LINE = "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
_OTHER = "Bộ Tài chính hướng dẫn sửa đổi, bổ sung Thông tư số 45/2008/TT-BTC như sau:\n"


def _tcvn3(text: str) -> bytes:
    return bytes(_TCVN3_BYTE[ch] if ch in _TCVN3_BYTE else ord(ch) for ch in text)


# The inverse of the table under test is fine for these rows: the table itself is held to iconv
# above, and each row checks the reading, not the spelling.
_TCVN3_BYTE = {
    TCVN3.convert(chr(b)): b
    for b in [*range(0x01, 0x18), *range(0x80, 0x100)]
    if TCVN3.convert(chr(b)) != chr(b) and not unicodedata.combining(TCVN3.convert(chr(b)))
}


TXT_READINGS = [
    # case, bytes, text, encoding, warnings
    ("Windows-1258 stays Windows-1258", _cp1258(_LINE), _LINE, "cp1258", (CP1258_WARNING,)),
    (
        "TCVN3 in capitals and small letters",
        _tcvn3(_LINE.upper() + _LINE),
        _LINE.upper() + _LINE,
        "TCVN3",
        (TCVN3_WARNING,),
    ),
    (
        "UTF-8 that spells TCVN3 code points",
        "Bé Tµi chÝnh h\xadíng dÉn\n".encode(),
        "Bộ Tài chính hướng dẫn\n",
        "utf-8",
        (TCVN3_WARNING,),
    ),
    (
        "UTF-8 with symbols Latin-1 has, unchanged",
        "Nhiệt độ 25°C ± 2, hạt 5 µm × 3; § 2\n".encode(),
        "Nhiệt độ 25°C ± 2, hạt 5 µm × 3; § 2\n",
        "utf-8",
        (),
    ),
    (
        "UTF-8 of plain Latin-1 letters, unchanged",
        "Ký hiệu: Tân, Cà Mau, Hà Nội\n".encode(),
        "Ký hiệu: Tân, Cà Mau, Hà Nội\n",
        "utf-8",
        (),
    ),
]


@pytest.mark.parametrize(
    ("data", "text", "encoding", "warnings"),
    [row[1:] for row in TXT_READINGS],
    ids=[row[0] for row in TXT_READINGS],
)
def test_txt_readings(data: bytes, text: str, encoding: str, warnings: tuple[str, ...]) -> None:
    source = read_bytes(data, "van_ban.txt")
    assert (source.text, source.encoding, source.warnings) == (text, encoding, warnings)


def test_half_tcvn3_half_vni_is_refused_naming_the_encoding() -> None:
    vni = VNI_SPELLED[_OTHER]
    data = _tcvn3(_LINE) + vni
    with pytest.raises(UndecodableFile) as caught:
        read_bytes(data, "tron.txt")
    message = str(caught.value)
    assert "reads best as TCVN3 (ABC)" in message or "reads best as VNI" in message
    assert "UniKey" in message


# "Bộ Tài chính hướng dẫn sửa đổi, bổ sung …" as the VNI fonts spell it (by hand, as typed).
VNI_SPELLED = {
    _OTHER: "Boä Taøi chính höôùng daãn söûa ñoåi, boå sung Thoâng tö soá 45/2008/TT-BTC nhö "
    "sau:\n".encode("latin-1")
}


def test_vni_spelling_of_the_refused_line_is_right() -> None:
    # Guards the refusal test above: its VNI half must be real VNI.
    assert VNI.convert(VNI_SPELLED[_OTHER].decode("latin-1")) == _OTHER


# --- the detector on text already decoded -----------------------------------------------------

FIXES = [
    # case, text in, text out, encoding found (code) or None
    (
        "antiword's output of a .VnTime paragraph",
        "Bé Tµi chÝnh h\xadíng dÉn",
        "Bộ Tài chính hướng dẫn",
        "TCVN3",
    ),
    ("a VNI paragraph", "Boä Taøi chính höôùng daãn", "Bộ Tài chính hướng dẫn", "VNI"),
    (
        "old and new lines: only the old converted",
        "Bé Tµi chÝnh\nBộ Tài chính hướng dẫn",
        "Bộ Tài chính\nBộ Tài chính hướng dẫn",
        "TCVN3",
    ),
    ("a Unicode text stays", "Giá ½ suất; nhiệt độ ≤ 25°C", "Giá ½ suất; nhiệt độ ≤ 25°C", None),
]


@pytest.mark.parametrize(
    ("text", "fixed", "code"), [row[1:] for row in FIXES], ids=[row[0] for row in FIXES]
)
def test_fix_legacy(text: str, fixed: str, code: str | None) -> None:
    out, encoding = fix_legacy(text)
    assert (out, encoding.code if encoding else None) == (fixed, code)


def test_read_bytes_legacy_picks_the_better_reading() -> None:
    assert read_bytes_legacy(_tcvn3(_LINE)).encoding is TCVN3
    assert read_bytes_legacy(VNI_SPELLED[_OTHER]).encoding is VNI


def test_docstring_examples() -> None:
    failed, _ = doctest.testmod(loader.formats.legacy)
    assert failed == 0
