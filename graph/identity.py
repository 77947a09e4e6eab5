"""Identity rules: one canonical form per số hiệu, one id per document (DESIGN.md, Identity).

Non-normative numbers restart every year, so ``01/CT-BTTTT`` of 2020, 2024 and 2025 are three
documents: an id joins the folded number with the year whenever the number does not carry one.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from graph.model import DOC_TYPE_TABLE

# Look-alikes and typographic variants seen in texts copied from the web.
_LOOKALIKES = str.maketrans(
    {
        "Ð": "Đ",  # U+00D0 (Icelandic eth) for U+0110
        "ð": "đ",
        "–": "-",  # en dash
        "—": "-",  # em dash
        "‐": "-",
        "‑": "-",
        "−": "-",
        "⁄": "/",
        "\u00a0": " ",
    }
)

# "Chỉ thị số 01/CT-BTTTT", "Chỉ thị 05-CT/TW": ordinals below ten are written with a leading zero.
ORDINAL_DIGITS = 2

_YEAR_IN_NUMBER = re.compile(r"/(19|20)\d\d/")

# Symbol tokens whose usual spelling is not plain upper case, or whose diacritics get lost
# ("Quyet dinh so 749/QD-TTg" must display as 749/QĐ-TTg). Keys are folded upper case.
_TOKEN_SPELLING: dict[str, str] = {
    "TTG": "TTg",
    "QD": "QĐ",
    "ND": "NĐ",
    "BLDTBXH": "BLĐTBXH",
    "LDTBXH": "LĐTBXH",
    "BGDDT": "BGDĐT",
    "HDND": "HĐND",
    "BCDQG": "BCĐQG",
    "VPCP": "VPCP",
    "DT": "ĐT",
    "DTBXH": "ĐTBXH",
}


# The same look-alikes as one character class, for short strings (a name, a number): one scan
# and a replacement only where one is found; ``str.translate`` with a dict costs a lookup per
# character.
_LOOKALIKE_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _LOOKALIKES) + "]")
# ... and as pairs, for a whole text: ``in`` scans for one character at memchr speed, so nine of
# them cost less than one pass of the character class over a text of thousands of characters
# (though more over a short string, below this length).
_LOOKALIKE_PAIRS = tuple((chr(code), str(plain)) for code, plain in _LOOKALIKES.items())
_LONG_TEXT = 100


def _lookalike(match: re.Match[str]) -> str:
    return str(_LOOKALIKES[ord(match.group())])


def clean(text: str) -> str:
    """NFC, look-alikes folded (``Ð`` → ``Đ``, dashes → ``-``), no-break spaces → spaces.

    >>> clean("Nghị định 43/2011/NÐ\u2013CP\u00a0ngày")
    'Nghị định 43/2011/NĐ-CP ngày'
    """
    if text.isascii():  # already NFC, and every look-alike is outside ASCII
        return text
    text = unicodedata.normalize("NFC", text)
    if len(text) < _LONG_TEXT:
        return _LOOKALIKE_CHARS.sub(_lookalike, text)
    for char, plain in _LOOKALIKE_PAIRS:
        if char in text:
            text = text.replace(char, plain)
    return text


def _base_letter(ch: str) -> str:
    if ch in "Đđ":
        return "D" if ch == "Đ" else "d"
    return "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")


# Every precomposed Latin letter (Latin-1 to Latin Extended Additional, where Vietnamese lives)
# mapped to its base letter, so folding is one str.translate instead of a per-character loop:
# the extractor folds every number and name it meets.
_FOLD_TABLE = {
    cp: _base_letter(chr(cp))
    for cp in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00))
    if _base_letter(chr(cp)) != chr(cp)
}


def strip_diacritics(text: str) -> str:
    """``Quyết định`` → ``Quyet dinh``; ``Đ``/``đ`` become ``D``/``d``."""
    text = clean(text).translate(_FOLD_TABLE)
    if text.isascii():
        return text
    # Combining marks left over (a base letter outside the table with its own mark).
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def fold_name(name: str) -> str:
    """Comparison key of a name: lower case, no diacritics, no quotes or punctuation, single spaces.

    ``“Chương trình Chuyển đổi số quốc gia”`` → ``chuong trinh chuyen doi so quoc gia``.
    """
    text = strip_diacritics(name).lower()
    text = _NOT_NAME_CHARACTER.sub(" ", text)
    text = _DASH_IN_NAME.sub(" - ", text)
    return _SPACES.sub(" ", text).strip()


_NOT_NAME_CHARACTER = re.compile(r"[^\w\s-]")
_DASH_IN_NAME = re.compile(r"\s*-\s*")
_SPACES = re.compile(r"\s+")
_ORDINAL = re.compile(r"^0*(\d+)")
_SYMBOL_SEPARATOR = re.compile(r"[/-]")
_SEPARATOR = re.compile(r"([/-])")  # kept by split: canonical_number joins the parts again


@functools.lru_cache(maxsize=65536)
def number_key(number: str) -> str:
    """Comparison key of a số hiệu: ``749/QĐ-TTg``, ``749/QD-TTG`` and ``749 / QĐ – TTg`` agree.

    The ordinal is written with two digits at least, as officials write it (``5/2000/TT-BXD`` =
    ``05/2000/TT-BXD``, ``001/CT`` = ``01/CT``), so ids read the way the documents are cited.
    """
    key = strip_diacritics(number).upper()
    key = _SPACES.sub("", key)
    return _ORDINAL.sub(lambda m: m.group(1).rjust(ORDINAL_DIGITS, "0"), key)


def canonical_number(number: str) -> str:
    """The display form: cleaned, spaces dropped, symbol tokens spelled as usual.

    ``19/CT-TTG`` → ``19/CT-TTg``; ``749/QD-TTg`` → ``749/QĐ-TTg``; ``290/2005/QĐ- TTg`` →
    ``290/2005/QĐ-TTg``.
    """
    text = _SPACES.sub("", clean(number))
    parts = _SEPARATOR.split(text)
    out = []
    for part in parts:
        if part in "/-" or part.isdigit():
            out.append(part)
            continue
        upper = part.upper()
        folded = strip_diacritics(upper)
        if folded in _TOKEN_SPELLING and (upper == folded or folded == "TTG"):
            out.append(_TOKEN_SPELLING[folded])
        else:
            out.append(upper)
    return "".join(out)


def number_year(number: str) -> int | None:
    """The year a số hiệu carries (``43/2011/NĐ-CP`` → 2011), else None."""
    match = _YEAR_IN_NUMBER.search(number)
    return int(match.group(0).strip("/")) if match else None


def document_id(
    number: str | None, year: int | None, doc_type: str = "unknown", name: str | None = None
) -> str:
    """The id of a document from what identifies it.

    >>> document_id("43/2011/NĐ-CP", 2011)
    'vn:43/2011/ND-CP'
    >>> document_id("01/CT-BTTTT", 2024)
    'vn:01/CT-BTTTT@2024'
    >>> document_id("01/NQ-CP", None)
    'vn:01/NQ-CP@?'
    >>> document_id(None, 2023, "law", "Luật Viễn thông")
    'name:law:luat vien thong@2023'
    """
    if number:
        key = number_key(number)
        if number_year(number) is not None:
            return f"vn:{key}"
        return f"vn:{key}@{year if year is not None else '?'}"
    if not name:
        raise ValueError("a document id needs a number or a name")
    base = f"name:{doc_type}:{fold_name(name)}"
    return f"{base}@{year}" if year is not None else base


def content_digest(text: str) -> str:
    """What recognises copies of one text (DESIGN.md, Identity: "copies of a text (same normalised
    content) are one text"): SHA-256 of its cleaned text in UTF-8, whatever the file's name,
    encoding or format."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_document_id(source_path: str, doc_type: str) -> str:
    """Id of a loaded text that carries no number of its own (seed 001, a press report)."""
    from pathlib import PurePath

    return f"file:{doc_type}:{PurePath(source_path).name}"


def doc_type_from_number(number: str) -> str:
    """Guess the document type from the symbol: ``749/QĐ-TTg`` → decision, ``18-NQ/TW`` →
    resolution, ``24/2023/QH15`` → law, ``4773/TC-CSTC`` → official_letter (an agency code alone).

    The type code is the first symbol token that is one (:attr:`graph.model.DocType.symbols`): a
    số hiệu writes the type before the issuer, so ``123/QĐ-CT`` (Cục Thuế) is a decision.

    >>> [doc_type_from_number(n) for n in ("01/2016/TTLT-BTC-BLĐTBXH", "26/2005/PL-UBTVQH11")]
    ['joint_circular', 'ordinance']
    """
    tokens = [t for t in _SYMBOL_SEPARATOR.split(number_key(number)) if t and not t.isdigit()]
    for token in tokens:
        for pattern, doc_type in _SYMBOL_PATTERNS:
            if pattern.fullmatch(token):
                return doc_type
    if tokens:
        # "710/CP-CN", "4773/TC-CSTC", "2403/TTg-KGVX": agency-unit symbols are official letters.
        return "official_letter"
    return "unknown"


# Symbol codes → document types (graph.model.DOC_TYPE_TABLE), for numbers cited without a type
# word ("theo 749/QĐ-TTg").
_SYMBOL_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(symbol), row.code) for row in DOC_TYPE_TABLE for symbol in row.symbols
)
