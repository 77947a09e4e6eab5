"""What every stage reads a text with: the scan fold, sentence bounds, dates.

The rules of find, relate and tasks match folded text (no diacritics, dashes and no-break spaces
plain) whose every offset is an offset of the text itself, so a match's span is the span to quote.
:func:`fold_for_scan` keeps case; :func:`lower_same_length` lowers a folded text without moving an
offset; :func:`fold_lower` is both at once for a short phrase. A date that a text writes with
numbers becomes ISO only if the day exists (:func:`iso_date`: 31/02/2025 is no date).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

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


# find, relate and tasks all scan the folded text; folding is per character, so it is done once
# per text.
@functools.lru_cache(maxsize=4)
def fold_for_scan(text: str) -> str:
    """``Quyết định số 749/QĐ-TTg`` → ``Quyet dinh so 749/QD-TTg``: same length, same case, same
    lines.

    >>> fold_for_scan("Ủy ban nhân dân – Hà Nội")
    'Uy ban nhan dan - Ha Noi'
    """
    return text.translate(_FOLD)


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
    """
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters and an ellipsis.

    >>> shorten("Cục Báo chí chủ trì xây dựng kế hoạch", 20)
    'Cục Báo chí chủ trì…'
    """
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,;:-") + "…"


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
    for match in SENTENCE_END.finditer(text, start, end):
        out.append((pos, match.start() + 1))
        pos = match.end()
    if pos < end:
        out.append((pos, end))
    return [(s, e) for s, e in out if text[s:e].strip(" ./")]


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
