"""Vietnamese 8-bit font encodings from before Unicode: TCVN3 (ABC) and VNI, found and converted.

Until Quyết định 72/2002/QĐ-TTg made Unicode (TCVN 6909:2001) the one encoding of state
documents, offices typed in fonts whose 8-bit code points stood for Vietnamese letters: the ABC
fonts (``.VnTime``, ``.VnArial``; the TCVN 5712:1993 tables, "TCVN3") in the ministries and the
North, the VNI fonts (``VNI-Times``) in the South. Such a file read in any standard code page is
nonsense: "Bộ Tài chính" is ``Bé Tµi chÝnh`` in TCVN3 and ``Boä Taøi chính`` in VNI.

One table per encoding (:data:`TCVN3`, :data:`VNI`), and a measure of how Vietnamese a text reads
(:func:`vietnamese_share`: the share of its accented words that are Vietnamese syllables) to tell
which reading is right:

- :func:`read_bytes_legacy`, for a ``.txt`` that is not UTF-8: the bytes as TCVN3 or VNI;
- :func:`fix_legacy`, for text already decoded to Unicode that still spells a legacy font's code
  points (antiword's output of a ``.doc`` typed in ``.VnTime``, a ``.docx`` run in it);
- :func:`font_encoding`, for readers that know each run's font (RTF, ``.docx``).

>>> TCVN3.convert("Bé Tµi chÝnh")
'Bộ Tài chính'
>>> VNI.convert("Boä Taøi chính")
'Bộ Tài chính'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "TCVN3",
    "VNI",
    "LegacyEncoding",
    "Reading",
    "fix_legacy",
    "font_encoding",
    "read_bytes_legacy",
    "vietnamese_share",
]


@dataclass(frozen=True, slots=True)
class LegacyEncoding:
    """One legacy encoding: its names and how its text becomes Unicode."""

    code: str  # for SourceText.encoding: "TCVN3", "VNI"
    name: str  # in messages, as Vietnamese users know it: "TCVN3 (ABC)", "VNI"
    _convert: Callable[[str], str]

    def convert(self, text: str) -> str:
        """``text`` whose characters U+0000-U+00FF are this encoding's bytes, in Unicode (NFC)."""
        return unicodedata.normalize("NFC", self._convert(text))

    @property
    def warning(self) -> str:
        """The warning a converted text carries (:attr:`loader.formats.Decoded.warnings`)."""
        return f"converted from {self.name}: check the diacritics"


# --- TCVN3 (ABC) ---------------------------------------------------------------------------
# TCVN 5712:1993, table VN1, bytes 0x80-0xFF, 16 to a row (glibc's iconv codec TCVN5712-1 reads
# every one of them the same; tests/test_format_legacy.py checks it when iconv is there). The ABC
# fonts implement VN3, a subset of VN1 at the same places: every small letter, and of the capitals
# only Ă Â Ê Ô Ơ Ư Đ. Toned capitals were typed in the "H" fonts (.VnTimeH), which draw the small
# letters' code points as capitals: the bytes of "BỘ TÀI CHÍNH" typed there are those of
# "bé tµi chÝnh" (see font_encoding). 0xB0-0xB4 are VN1's combining tone marks.
_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"  # 0x80
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"  # 0x90
    "\xa0ĂÂÊÔƠƯĐăâêôơưđẰ"  # 0xA0
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # 0xB0
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # 0xC0
    "éẹềểễếệìỉỄẾỒĩíịò"  # 0xD0
    "Ổỏõóọồổỗốộờởỡớợù"  # 0xE0
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # 0xF0
)
# VN1 also puts twelve capitals in C0 control positions, which a text never holds as controls
# (tab, line feed and carriage return are not among them).
_TCVN3_LOW = {
    0x01: "Ú",
    0x02: "Ụ",
    0x04: "Ừ",
    0x05: "Ử",
    0x06: "Ữ",
    0x11: "Ứ",
    0x12: "Ự",
    0x13: "Ỳ",
    0x14: "Ỷ",
    0x15: "Ỹ",
    0x16: "Ý",
    0x17: "Ỵ",
}
_TCVN3_TABLE = {**_TCVN3_LOW, **{0x80 + i: ch for i, ch in enumerate(_TCVN3_HIGH)}}


def _tcvn3(text: str) -> str:
    return text.translate(_TCVN3_TABLE)


TCVN3 = LegacyEncoding("TCVN3", "TCVN3 (ABC)", _tcvn3)

# --- VNI -----------------------------------------------------------------------------------
# VNI Windows (VNI Software's fonts, "VNI-Times"): a toned letter is its base letter followed by
# one byte for its marks, so "Việt" is "Vie" + 0xE4 + "t" ("Vieät"); ơ ư đ and the toned i's and
# ỵ are single bytes. The mark bytes, by the Latin-1 character each shows as, are below; the
# letters they make agree one by one with the VNI table of Đào Hải Lâm's xvnkb keyboard (vni.h),
# and tests/test_format_legacy.py holds them to words as other converters print them.
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_CIRCUMFLEX = {
    "â": "",
    "á": "\u0301",
    "à": "\u0300",
    "å": "\u0309",
    "ã": "\u0303",
    "ä": "\u0323",
}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_SINGLE = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
}
# Bases that take a tone byte; ơ and ư are themselves single bytes ("ôù" is ớ, "öø" is ừ).
_VNI_TONED = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "ơ", "ö": "ư"}


def _vni_sequences() -> dict[str, str]:
    lower: dict[str, str] = dict(_VNI_SINGLE)
    for base, letter in _VNI_TONED.items():
        for mark, tone in _VNI_TONES.items():
            lower[base + mark] = letter + tone
    for base in "aeo":
        for mark, tone in _VNI_CIRCUMFLEX.items():
            lower[base + mark] = base + "\u0302" + tone
    for mark, tone in _VNI_BREVE.items():
        lower["a" + mark] = "a\u0306" + tone
    table = {}
    for key, letter in lower.items():
        composed = unicodedata.normalize("NFC", letter)
        table[key] = composed
        table[key.upper()] = composed.upper()  # capitals take the capital mark bytes: "VIEÄT"
    return table


_VNI_TABLE = _vni_sequences()
_VNI_MARKS = "".join({*_VNI_TONES, *_VNI_CIRCUMFLEX, *_VNI_BREVE})
_VNI_BASES = "".join(_VNI_TONED)
# A base letter and a mark byte first, then a single byte: "ôù" is ớ, not ơ + a stray tone. Two
# character classes rather than an alternation of the 300 spellings: twice as fast.
_VNI_TOKEN = re.compile(
    f"[{_VNI_BASES}{_VNI_BASES.upper()}][{_VNI_MARKS}{_VNI_MARKS.upper()}]"
    f"|[{''.join(k for k in _VNI_TABLE if len(k) == 1)}]"
)


def _vni_letter(match: re.Match[str]) -> str:
    spelled = match.group()
    found = _VNI_TABLE.get(spelled)
    if found is None:  # a mark the base letter does not take ("uâ"): the base alone, if single
        return _VNI_TABLE.get(spelled[0], spelled[0]) + spelled[1:]
    return found


def _vni(text: str) -> str:
    return _VNI_TOKEN.sub(_vni_letter, text)


VNI = LegacyEncoding("VNI", "VNI", _vni)
ENCODINGS = (TCVN3, VNI)

# --- fonts ---------------------------------------------------------------------------------
# The font families that mean a legacy encoding, by how their names start (".VnTime", ".VnArial",
# ".VnTimeH"; "VNI-Times", "VNI-Helve"). An ABC font whose name ends in "H" draws capitals.
_ABC_FONT = re.compile(r"^\.?Vn[A-Z]", re.IGNORECASE)
_VNI_FONT = re.compile(r"^VNI[-\s]", re.IGNORECASE)


def font_encoding(font: str) -> tuple[LegacyEncoding, bool] | None:
    """The legacy encoding a font's name means, and whether the font draws capitals only.

    >>> font_encoding(".VnTimeH")[0].name, font_encoding(".VnTimeH")[1]
    ('TCVN3 (ABC)', True)
    >>> font_encoding("VNI-Times")[0].name
    'VNI'
    >>> font_encoding("Times New Roman") is None
    True
    """
    name = font.strip()
    if name.startswith(".") and _ABC_FONT.match(name):
        return TCVN3, name.endswith("H")
    if _VNI_FONT.match(name):
        return VNI, False
    return None


# --- how Vietnamese a text reads -----------------------------------------------------------
# A Vietnamese syllable: an onset, a vowel group Vietnamese has, a coda ("nghiêng", "người",
# "quốc"); at most one tone mark. Wrong readings fail it: TCVN3 read as Latin-1 has "Tµi", VNI has
# "Taøi", and VNI read as TCVN3 has vowel groups no word has ("Vieät" as "Vieọt", "Taøi" as "Taứi").
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx]"
# Longest first, so that the alternation tries "ươi" before "ươ" and "ư".
_VOWELS = (
    *("iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu"),
    *("ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi"),
    *("oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê"),
    *("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"),
)
_SYLLABLE = re.compile(rf"(?:{_ONSET})?(?:{'|'.join(_VOWELS)})(?:ch|ng|nh|[cmnpt])?")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# A word, as the scorer sees one: letters, and the Latin-1 symbols that legacy fonts use as
# letters (TCVN3 "x·" is "xã", "­" (the soft hyphen) is "ư", "×" is "ì").
_WORD = re.compile(r"(?:[^\W\d_]|[\u00a1-\u00bf\u00d7\u00f7\u0300-\u0323])+")


_VOWEL = re.compile("[aăâeêioôơuưy]")


@lru_cache(maxsize=2**16)
def _is_syllable(word: str) -> bool | None:
    """Whether ``word`` is a Vietnamese syllable; None for a word without a vowel, which says
    nothing either way (the abbreviations "NĐ", "QĐ", "HĐND", the unit "km²")."""
    if not (word.islower() or word.isupper() or word.istitle()):
        return False  # "chÝnh": TCVN3's í read as cp1258 lands mid-word in capitals
    decomposed = unicodedata.normalize("NFD", word.lower())
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    if not _VOWEL.search(bare):
        return None
    if sum(ch in _TONE_MARKS for ch in decomposed) > 1:
        return False
    return _SYLLABLE.fullmatch(bare) is not None


# How much of a text the share is judged on: a text's encoding does not change halfway, and some
# ten thousand words settle it (a 1 MB Nghị định with its tables would take half a second whole).
SHARE_SAMPLE_CHARS = 100_000


def vietnamese_share(text: str) -> float:
    """The share of the words with non-ASCII letters in the first :data:`SHARE_SAMPLE_CHARS` of
    ``text`` that are Vietnamese syllables (0.0 when there are none).

    >>> vietnamese_share("Bộ Tài chính hướng dẫn")
    1.0
    >>> vietnamese_share("Bé Tµi chÝnh h\xadíng dÉn")
    0.2
    """
    sample = unicodedata.normalize("NFC", text[:SHARE_SAMPLE_CHARS])
    words = [w for w in _WORD.findall(sample) if not w.isascii()]
    judged = [verdict for verdict in map(_is_syllable, words) if verdict is not None]
    if not judged:
        return 0.0
    return sum(judged) / len(judged)


# A legacy reading is believed when this share of its accented words are Vietnamese syllables.
# Real texts score 0.93 and up (99% of the 1,034 Vietnamese texts of the shared corpus; the lowest,
# 0.83, is a news report full of Portuguese names, "Mineração", "João"); the wrong reading of a
# legacy text scores under 0.45 (VNI read as TCVN3, "Vieät" as "Vieọt": 0.31-0.41; TCVN3 read
# as VNI: 0.22-0.33), so the bar sits between.
MIN_VIETNAMESE_SHARE = 0.8
# A reading this much better than the text as it stands means the legacy font is there; less may
# be a Unicode text with a few odd symbols in it ("µm", "±5%"), which stays as it is.
MIN_GAIN = 0.3


@dataclass(frozen=True, slots=True)
class Reading:
    """A text read in one legacy encoding, and how Vietnamese it reads
    (:func:`vietnamese_share`)."""

    encoding: LegacyEncoding
    text: str
    share: float


def read_bytes_legacy(data: bytes) -> Reading:
    """The best reading of 8-bit bytes as TCVN3 or VNI (believe it only when
    ``share >= MIN_VIETNAMESE_SHARE``).

    >>> reading = read_bytes_legacy("Bé Tµi chÝnh".encode("latin-1"))
    >>> reading.encoding.name, reading.text
    ('TCVN3 (ABC)', 'Bộ Tài chính')
    """
    raw = data.decode("latin-1")  # every byte as the code point of its value
    sample = raw[:SHARE_SAMPLE_CHARS]
    best = max(ENCODINGS, key=lambda e: vietnamese_share(e.convert(sample)))
    return Reading(best, best.convert(raw), vietnamese_share(best.convert(sample)))


# Characters Latin-1 has and Vietnamese never writes in Unicode: their presence is what sends a
# text to the legacy check at all (a Unicode text uses only à á â ã è é ê ì í ò ó ô õ ù ú ý of
# Latin-1). TCVN3 "Tµi" has µ, VNI "Taøi" has ø.
_LEGACY_SIGN = re.compile(
    "[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df"
    "\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]"
)
# Letters only Unicode text has (ă đ ĩ ũ ơ ư and the Latin Extended Additional block): a line with
# any is Unicode already, whatever else it holds.
_UNICODE_ONLY = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)


# Up to this many signs in a text are looked for one by one (see fix_legacy); a text typed in a
# legacy font has dozens, on every line, and one scan for the class of them all finds them faster.
_LITERAL_SIGNS = 4


def fix_legacy(text: str, signs: str | None = None) -> tuple[str, LegacyEncoding | None]:
    """Convert the lines of a Unicode text that still spell TCVN3 or VNI code points.

    Word keeps the characters of a run in ``.VnTime`` as the Latin-1 characters of their bytes, so
    a ``.doc`` typed in the nineties comes out of antiword as "Bé Tµi chÝnh". The encoding is
    chosen on all such lines together; then each is converted unless it reads less Vietnamese
    converted. Lines with letters only Unicode has are left alone (a document whose old parts are
    in ``.VnTime`` and new parts in Times New Roman). Returns the text and the encoding it was
    converted from, or the text unchanged and None.

    ``signs``, when the caller knows them, are the characters of ``text`` that :data:`_LEGACY_SIGN`
    matches, each once ("" for none). Most Unicode texts that have any have one, in a line or
    two: the "Ð" (U+00D0) a web copy writes for "Đ" in "NÐ-CP", the "°" of "25°C".

    >>> text, encoding = fix_legacy("Bé Tµi chÝnh\\nTP. Hồ Chí Minh")
    >>> text.split("\\n"), encoding.name
    (['Bộ Tài chính', 'TP. Hồ Chí Minh'], 'TCVN3 (ABC)')
    """
    if signs == "":
        return text, None
    # A few signs are searched for one by one as literals, which the engine skips to: each
    # search costs a twentieth of one for the class of them all.
    if signs is not None and len(signs) <= _LITERAL_SIGNS:
        finders = [re.compile(re.escape(sign)) for sign in signs]
    else:
        finders = [_LEGACY_SIGN]
    # Only the lines with a sign are visited, found by searching on from the end of the last
    # one: a Unicode text of thousands of lines has a handful with one, and matching every line
    # costs more than reading the text.
    lines_with_sign: set[tuple[int, int]] = set()  # (start, end) of a line, without its "\n"
    for finder in finders:
        sign = finder.search(text)
        while sign is not None:
            start = text.rfind("\n", 0, sign.start()) + 1
            end = text.find("\n", sign.end())
            if end < 0:
                end = len(text)
            lines_with_sign.add((start, end))
            sign = finder.search(text, end)
    suspects = [
        (start, end)
        for start, end in sorted(lines_with_sign)
        if not _UNICODE_ONLY.search(text, start, end)
    ]
    if not suspects:
        return text, None
    lines = [text[start:end] for start, end in suspects]
    sample = "\n".join(lines)
    as_is = vietnamese_share(sample)
    best = max(ENCODINGS, key=lambda e: vietnamese_share(e.convert(sample)))
    share = vietnamese_share(best.convert(sample))
    if share < MIN_VIETNAMESE_SHARE or share < as_is + MIN_GAIN:
        return text, None
    pieces: list[str] = []  # the text, with each line that reads better converted replaced
    done = 0
    for (start, end), line in zip(suspects, lines, strict=True):
        converted = best.convert(line)
        if vietnamese_share(converted) >= vietnamese_share(line):
            pieces += (text[done:start], converted)
            done = end
    pieces.append(text[done:])
    return "".join(pieces), best
