"""Deadlines: when a task is due, as written and normalised.

A sentence states its deadline ("trước ngày 30/6/2025", "trong Quý II/2025", "trong năm 2025")
or a line labels one ("Thời hạn hoàn thành: tuần 15 năm 2023", "Thời gian thực hiện: Tháng
12/2013 và thường xuyên"). The normalised form sorts: ``2025-06-30``, ``2025-Q2``, ``2023-W15``,
``2013-12``, ``2025``; a date that does not exist, a week past 53 or a typo'd year ("năm 20223",
seed 004) keeps only the written form.
"""

from __future__ import annotations

import re

from loader.text import fold_for_scan, iso_date, lower_same_length

_DEADLINE_LABEL = re.compile(
    r"\b(?:thoi han(?: hoan thanh| thuc hien)?|thoi gian(?: thuc hien| hoan thanh| hoan tat)|"
    r"tien do(?: thuc hien)?)\s*:\s*(?P<value>[^\n]+?)\s*\.?\s*$"
)
# (kind, words one of which every match holds, pattern): a sentence without the words is not
# searched, and most sentences name no deadline. A pattern opens with its literal words and
# checks the word boundary before them after them ("quy(?<!\wquy)" is "\bquy"; "thang(?<!ngay
# thang)" is "(?<!ngay )thang"), so that the regex engine looks for those words, not tries every
# position: the words are as common as "quy định" and "năm".
_DUE_PATTERNS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    (
        "date",
        ("truoc", "cham nhat", "han"),
        re.compile(
            r"(?:truoc|cham nhat(?: la)?|han chot|han)\s+(?:ngay\s+)?(?P<d>\d{1,2})\s*[/.-]\s*"
            r"(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d\d)\b"
        ),
    ),
    (
        "date",
        ("truoc", "cham nhat"),
        re.compile(
            r"(?:truoc|cham nhat(?: la)?)\s+ngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})"
            r"\s+nam\s+(?P<y>(?:19|20)\d\d)\b"
        ),
    ),
    (
        "quarter",
        ("quy",),
        re.compile(r"quy(?<!\wquy)\s+(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|\s+nam\s+)(?P<y>\d{4,5})"),
    ),
    (
        "week",
        ("tuan",),
        re.compile(r"tuan(?<!\wtuan)\s+(?P<w>\d{1,2})\s+(?:nam\s+)?(?P<y>\d{4,5})\b"),
    ),
    (
        "month",
        ("thang",),
        re.compile(
            r"thang(?<!ngay thang)(?<!\d thang)(?<!\wthang)\s+(?P<m>\d{1,2})\s*(?:/|\s+nam\s+)"
            r"(?P<y>(?:19|20)\d\d)"
        ),
    ),
    (
        "year",
        ("nam",),
        re.compile(r"(?:t(?<!\wt)rong|h(?<!\wh)et|c(?<!\wc)uoi)\s+nam\s+(?P<y>(?:19|20)\d\d)\b"),
    ),
)
# Words one of which every match of _DEADLINE_LABEL holds, besides its colon.
_DEADLINE_WORDS = ("thoi han", "thoi gian", "tien do")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# A labelled deadline without a date may still name its year ("Năm 2025"), if it is short.
_LABEL_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
LABEL_YEAR_MAX = 40


def deadline_label(low: str) -> re.Match[str] | None:
    """A "Thời hạn hoàn thành: …" label in the folded lower-case ``low``, its value as ``value``."""
    if ":" not in low:
        return None
    # loops, not ``any`` over a generator: asked of every task's text (its cost was a third of
    # :func:`deadline`'s)
    for w in _DEADLINE_WORDS:
        if w in low:
            return _DEADLINE_LABEL.search(low)
    return None


def _due_match(low: str) -> tuple[str, re.Match[str]] | None:
    """The first kind of deadline ``low`` states, and where."""
    for kind, words, pattern in _DUE_PATTERNS:
        for w in words:
            if w in low:
                m = pattern.search(low)
                if m:
                    return kind, m
                break  # the pattern is searched once, whichever of its words is there
    return None


def _due(kind: str, m: re.Match[str]) -> str | None:
    year = int(m["y"])
    if not 1900 <= year <= 2100:
        return None  # "tuần 15 năm 20223" (seed 004): kept as text only
    if kind == "date":
        return iso_date(m["d"], m["m"], m["y"])
    if kind == "quarter":
        q = m["q"]
        return f"{year}-Q{_ROMAN.get(q, q if q.isdigit() else 0)}"
    if kind == "week":
        week = int(m["w"])
        return f"{year}-W{week:02d}" if 1 <= week <= 53 else None
    if kind == "month":
        month = int(m["m"])
        return f"{year}-{month:02d}" if 1 <= month <= 12 else None
    return str(year)


def parse_deadline(text: str) -> tuple[str | None, str | None]:
    """(deadline as written, normalised due) of a sentence, or (None, None).

    >>> parse_deadline("báo cáo Thủ tướng Chính phủ trước ngày 30 tháng 5 năm 2013.")
    ('trước ngày 30 tháng 5 năm 2013', '2013-05-30')
    >>> parse_deadline("Thời hạn hoàn thành: tuần 15 năm 2023.")
    ('tuần 15 năm 2023', '2023-W15')
    >>> parse_deadline("hoàn thành trước ngày 31/02/2025.")  # no such day
    ('trước ngày 31/02/2025', None)
    """
    return deadline(text, lower_same_length(fold_for_scan(text)))


def deadline(text: str, low: str) -> tuple[str | None, str | None]:
    """:func:`parse_deadline` of ``text``, whose folded lower-case twin ``low`` is at hand."""
    label = deadline_label(low)
    if label:
        value = text[label.start("value") : label.end("value")].strip()
        found = _due_match(lower_same_length(fold_for_scan(value)))
        if found:
            return value, _due(*found)
        year = _LABEL_YEAR.search(value)
        return value, year.group(0) if year and len(value) < LABEL_YEAR_MAX else None
    found = _due_match(low)
    if found:
        m = found[1]
        return text[m.start() : m.end()].strip(), _due(*found)
    return None, None
