"""What every stage reads a text with: the scan fold, sentence bounds, dates.

The rules of find, relate and tasks match folded text (no diacritics, dashes and no-break spaces
plain) whose every offset is an offset of the text itself, so a match's span is the span to quote.
:func:`fold_for_scan` keeps case; :func:`lower_same_length` lowers a folded text without moving an
offset; :func:`fold_lower` is both at once for a short phrase. A date that a text writes with
numbers becomes ISO only if the day exists (:func:`iso_date`: 31/02/2025 is no date).
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import re
import unicodedata

from graph.identity import strip_diacritics


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        folded = strip_diacritics(char)
        if len(folded) == 1 and folded.isascii():
            table[code] = folded
    for char in "–—‐‑−":
        table[ord(char)] = "-"
    table[0xA0] = " "
    return table


# A string indexed by code point translates about twice as fast as a dict; characters past its
# end (emoji, CJK) stay as they are.
_FOLD_TABLE = _fold_table()
_FOLD = "".join(_FOLD_TABLE.get(code, chr(code)) for code in range(max(_FOLD_TABLE) + 1))


# A whole text is folded through a one-byte code instead. ``str.translate`` looks every character
# of a text that is not pure ASCII up in its table one by one (40 ns each: 0.08 s for 300
# synthetic texts, 3.8 MB), while the charmap codec maps characters to bytes and bytes back to
# characters in C loops (0.02 s): a text is encoded with ASCII as itself and these characters as
# the codes 0x80-0xFE, then decoded with a table that gives each code the fold of its character.
# The codes go to every Vietnamese letter in lower case, the capitals that take no tone mark, the
# punctuation legal texts use, and the toned capitals most frequent in real texts (real1k); any
# other character (a rarer capital, "²", Chinese) is encoded as the escape byte 0xFF, decoded as
# _ESCAPED, and folded with ``str.translate`` afterwards, so the result is always that of
# ``text.translate(_FOLD)``.
_CODED = (
    "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    "ĐĂÂÊÔƠƯ"
    "“”‘’…•°§"
    "ỦÁẤẢỞỘÀỆÝỊẾỨỀÍÚỐẬÉỤỚỔẠÃÓỰĨỬÒỜẨỢỒỈÌỌỂẦẪẮỮỄẶỪỖỲ"
)
_ASCII = "".join(map(chr, range(0x80)))
_UNMAPPED = "\ufffe"  # what codecs.charmap_build reads as "no character has this code"
_ESCAPED = "\uffff"
_ESCAPE_BYTE = b"\xff"
_ENCODING_MAP = codecs.charmap_build(_ASCII + _CODED + _UNMAPPED)
_DECODING_TABLE = _ASCII + _CODED.translate(_FOLD) + _ESCAPED
_ESCAPED_RUN = re.compile(_ESCAPED + "+")
_ESCAPE_ERRORS = "loader.text.fold_escape"


def _escape(error: UnicodeError) -> tuple[bytes, int]:
    """The error handler of the fold's encoding: a run of characters without a code, escaped."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return _ESCAPE_BYTE * (error.end - error.start), error.end


codecs.register_error(_ESCAPE_ERRORS, _escape)
# Below this length the setup of the codec costs more than the lookups it saves.
_CODEC_MIN_LENGTH = 64


# find, relate and tasks all scan the folded text; folding is per character, so it is done once
# per text.
@functools.lru_cache(maxsize=4)
def fold_for_scan(text: str) -> str:
    """``Quyết định số 749/QĐ-TTg`` → ``Quyet dinh so 749/QD-TTg``: same length, same case, same
    lines.

    >>> fold_for_scan("Ủy ban nhân dân – Hà Nội")
    'Uy ban nhan dan - Ha Noi'
    """
    if text.isascii():  # nothing to fold
        return text
    if len(text) < _CODEC_MIN_LENGTH:
        return text.translate(_FOLD)
    return _coded_fold(text)[0]


@functools.lru_cache(maxsize=4)
def _coded_fold(text: str) -> tuple[str, bool]:
    """:func:`fold_for_scan` of a long text through the codec, and whether every character of
    it had a code (none was escaped)."""
    coded, _ = codecs.charmap_encode(text, _ESCAPE_ERRORS, _ENCODING_MAP)
    folded, _ = codecs.charmap_decode(coded, "strict", _DECODING_TABLE)
    at = folded.find(_ESCAPED)
    if at < 0:
        return folded, True
    # Each run of escapes is found with str.find: ``_ESCAPED_RUN`` searched for the first one
    # character by character (0.04 s for the 232 texts of real1k that have one, 5.3 MB).
    pieces: list[str] = []
    done = 0
    while at >= 0:
        end = _ESCAPED_RUN.match(folded, at).end()  # type: ignore[union-attr]
        pieces.append(folded[done:at])
        pieces.append(text[at:end].translate(_FOLD))
        done = end
        at = folded.find(_ESCAPED, end)
    pieces.append(folded[done:])
    return "".join(pieces), False


def is_nfc(text: str) -> bool:
    """``unicodedata.is_normalized("NFC", text)``, known at once for a text whose characters all
    have a code of the fold (its fold is kept for the stage that reads it next).

    Those are ASCII, letters and marks of punctuation, each NFC, none a combining mark, and none
    composing with the one before it (checked below), so a text of them only is NFC: a mark
    never stands between two of them to let one compose across it. Reading a whole text for that
    cost as much as folding it (real1k: 0.05 s, 1,000 texts, three in four coded throughout).

    >>> is_nfc("Quyết định"), is_nfc(unicodedata.normalize("NFD", "Quyết định số 12/QĐ-TTg " * 3))
    (True, False)
    >>> coded = _ASCII + _CODED
    >>> all(unicodedata.combining(c) == 0 for c in coded)
    True
    >>> all(unicodedata.is_normalized("NFC", a + b) for a in coded for b in coded)
    True
    """
    if text.isascii():
        return True
    if len(text) >= _CODEC_MIN_LENGTH and _coded_fold(text)[1]:
        return True
    return unicodedata.is_normalized("NFC", text)


def lower_same_length(folded: str) -> str:
    """``folded`` in lower case, character by character, so that it keeps its length.

    >>> lower_same_length("İ Σ A")  # "İ" lowers to two characters; "Σ" by its context
    'İ σ a'
    """
    low = folded.lower()
    if len(low) != len(folded) or "Σ" in folded:
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    return low


def fold_lower(text: str) -> str:
    """``strip_diacritics(text).lower()`` in one ``str.translate`` for the usual text.

    The scan fold maps every precomposed Latin letter, dash and no-break space exactly as
    :func:`strip_diacritics` does (each letter is its own NFC form and composes with nothing
    after it), so where it leaves only ASCII the two agree; anything else (a combining mark
    of NFD text, "⁄", "“") takes the slow, exact way.

    >>> fold_lower("Bộ Thông tin và Truyền thông")
    'bo thong tin va truyen thong'
    """
    low = fold_for_scan(text).lower()
    return low if low.isascii() else strip_diacritics(text).lower()


def squash(text: str) -> str:
    """Each run of whitespace one space, none at the ends: ``re.sub(r"\\s+", " ", text).strip()``
    (``str.split`` and ``\\s`` know the same whitespace), without a replacement per word.

    >>> squash("  Cục Báo chí\\n chủ trì ")
    'Cục Báo chí chủ trì'
    >>> squash(" Thực hiện  Luật "), squash(" Căn cứ Luật;")
    ('Thực hiện Luật', 'Căn cứ Luật;')
    """
    # Most strings come squashed already (a heading line, a name), or but for white space at
    # their ends (a sentence between two stops, " Thực hiện Luật …;⏎"). Every whitespace character
    # but the space is a control or separator character, which ``str.isprintable`` refuses, so
    # a printable string without two spaces together or one at either end is its own squash; the
    # check costs a tenth of splitting a heading into words and joining them again. (``strip``
    # returns the string itself when there is nothing to strip.)
    body = text.strip()
    if body.isprintable() and "  " not in body:
        return body
    return " ".join(body.split())


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters and an ellipsis.

    >>> shorten("Cục Báo chí chủ trì xây dựng kế hoạch", 20)
    'Cục Báo chí chủ trì…'
    """
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,;:-") + "…"


# What ``re.IGNORECASE`` matches for an ASCII letter besides its two cases (the ``re`` docs):
# "İ" and "ı" for i, "ſ" for s, the Kelvin sign for k. A text read for its words ("ſố hiệu" of a
# web copy) takes them for their letter, as a caseless pattern does.
OTHER_CASES: dict[str, str] = {"i": "İı", "s": "ſ", "k": "\u212a"}
# Each of them written as its letter.
AS_LETTER: dict[str, str] = {
    other: letter for letter, others in OTHER_CASES.items() for other in others
}


# Where a sentence ends: its stop (and a closing quote or bracket), spaces, then what opens the
# next one, a capital or a number ("… năm 2025. Tiếp tục triển khai …", "…” 2. …").
SENTENCE_END = re.compile(r"[.!?…]+[\"”’)]*\s+(?=[\"“(\-+]?[A-ZÀ-ỸĐ0-9])")


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` (a paragraph), each ``(start, end)`` with its stop,
    leaving out those that are only punctuation.

    >>> t = "Tổ chức đánh giá. Tiếp tục triển khai …"
    >>> [t[a:b] for a, b in sentence_spans(t, 0, len(t))]
    ['Tổ chức đánh giá.', 'Tiếp tục triển khai …']
    """
    out: list[tuple[int, int]] = []
    pos = start
    # A stop needs whitespace and the next sentence's opening after it, so none ends a sentence
    # in the last two characters: a line without a stop before them (three lines in four of
    # real1k, a list item "- Tổ chức đánh giá …;") is one sentence, and four ``str.find`` cost
    # less than half the regex's scan.
    last = end - 2
    if all(text.find(stop, start, last) < 0 for stop in _STOPS):
        return [(start, end)] if start < end and _has_words(text, start, end) else []
    for match in SENTENCE_END.finditer(text, start, end):
        stop = match.start() + 1
        if _has_words(text, pos, stop):
            out.append((pos, stop))
        pos = match.end()
    if pos < end and _has_words(text, pos, end):
        out.append((pos, end))
    return out


# What a sentence of only punctuation holds; SENTENCE_END's stops.
_NOT_WORDS = " ./"
_STOPS = ".?!…"


def _has_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (not empty) is more than punctuation: a sentence opening with
    a word holds one, and needs no slice of it stripped."""
    return text[start] not in _NOT_WORDS or bool(text[start:end].strip(_NOT_WORDS))


def iso_date(day: str, month: str, year: str) -> str | None:
    """The ISO form of a date written with numbers, None if no such day exists; digits a copy
    set apart are one number.

    >>> iso_date("26", "0 6", "2018"), iso_date("29", "2", "2024")
    ('2018-06-26', '2024-02-29')
    >>> iso_date("31", "02", "2025") is None, iso_date("29", "2", "2025") is None
    (True, True)
    """
    try:
        return dt.date(
            int(year.replace(" ", "")), int(month.replace(" ", "")), int(day.replace(" ", ""))
        ).isoformat()
    except ValueError:
        return None
