"""What an act that changes another touches, and from when: provisions, scope and effect dates.

Pure functions of the folded text (:func:`loader.find.fold_sentences`: no diacritics, same length
as the text, so an offset in one is an offset in the other); the written forms are read from the
text itself.

- :func:`provisions`: the Điều / khoản / điểm / mục / Phụ lục an effect names before its target
  ("Bãi bỏ **khoản 2 Điều 21** Nghị định số 40/2004/NĐ-CP"), each completed with the larger units
  written after it ("điểm a, điểm b khoản 1" → "điểm a khoản 1", "điểm b khoản 1");
- :func:`listed_changes`: the provisions an amending article lists item by item ("1. Bổ sung
  khoản 3 Điều 3 như sau: …");
- :func:`scope`: "whole" or "partial";
- :func:`effect_date`: the day an effect clause gives ("hết hiệu lực kể từ ngày 01/01/2026",
  "có hiệu lực sau 10 ngày, kể từ ngày ký"), and :func:`own_effective_date`, the text's own.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterator

from graph.model import RelationType
from loader.find import TYPE_WORDS

R = RelationType

# The units of a legal text, smallest first, with how they are written in a list of provisions
# ("điểm a khoản 1 Điều 9", "mục III Phần I", "Phụ lục IIb").
UNITS: dict[str, str] = {
    "so thu tu": "số thứ tự",  # a row of an annex's table: "số thứ tự thứ 5 Phụ lục IIb"
    "diem": "điểm",
    "khoan": "khoản",
    "dieu": "Điều",
    "muc": "mục",
    "chuong": "Chương",
    "phan": "Phần",
    "phu luc": "Phụ lục",
}
_RANK = {unit: rank for rank, unit in enumerate(UNITS)}
_RANK["phu luc"] = _RANK["phan"]  # an annex stands beside the parts, not inside them

# A unit and its number: "khoản 2", "Điều 6a", "mục II", "Phụ lục IIb"; a point's letter or
# number ("điểm đ", "điểm 1.5"). Roman numerals are upper case ("điều chỉnh chương xe" names no
# chapter, dev2 vb2_89c953ecd0); a letter is a point's only ("tài khoản ở nước ngoài", dev2
# vb2_a503175007).
_NUMBER = r"\d{1,3}(?:\.\d{1,3})*[a-z]?"
_ROMAN = r"[IVXLC]{1,6}[a-zA-Z]?"
PROVISION = re.compile(
    rf"(?<![\w])(?:(?P<unit>(?i:khoan|dieu|muc|chuong|phan|phu\s+luc|so\s+thu\s+tu))"
    rf"(?i:\s+thu)?\s+(?P<value>{_NUMBER}|{_ROMAN})"
    rf"|(?i:(?P<point>diem))\s+(?P<letter>[a-zA-Z]|{_NUMBER}))(?![\w/])"
)
# Between two provisions of one item ("khoản 2 Điều 21", "khoản 2 của Điều 21") or between items
# ("Điều 4, 5, 6, khoản 4 Điều 7"; "khoản 1 và khoản 2"); more values of the unit before
# ("Điều 4, 5, 6", "điểm a, c khoản 1").
_SAME_ITEM = re.compile(r"\s*(?:cua\s+)?", re.IGNORECASE)
_NEXT_ITEM = re.compile(r"\s*(?:,|;|\bva\b|\bhoac\b)[\s,;]*(?:(?:va|hoac)\s+)?", re.IGNORECASE)
_BARE_VALUE = re.compile(
    rf"(?:(?P<number>{_NUMBER}|{_ROMAN})|(?P<letter>[a-z]))(?![\w/])[\s,;]*(?:(?:va|hoac)\s+)?"
)
# Quoted words are changed words, not provisions: "Thay thế cụm từ “Điều 5” bằng …".
_QUOTED = re.compile(r"“[^”\n]{0,300}”|\"[^\"\n]{0,300}\"")
# How far before its target an effect may name provisions: "Bãi bỏ thủ tục … (eleven procedures
# and their codes) … tại mục III, mục X Phần I Bộ thủ tục hành chính chung … ban hành kèm theo
# Quyết định số 3492/QĐ-UBND" (dev2 vb2_019eaba2ff) names them 1,400 characters before it.
PROVISIONS_WINDOW = 2000

# "Bãi bỏ toàn bộ Quyết định số …" is whole; "bãi bỏ một phần", "sửa đổi một số điều" partial.
_WHOLE = re.compile(r"\btoan\s+bo\b", re.IGNORECASE)
# "Nghị định này bãi bỏ các quy định về đào tạo, bồi dưỡng công chức quy định tại Nghị định số
# 101/2017/NĐ-CP" (real1k) repeals a part.
# Parts of an act named by what they are: "thay thế mẫu VC02 … ban hành kèm theo Thông tư số
# 35/2010/TT-BCA" (dev2 vb2_6355e0ac4f), "bãi bỏ số thứ tự thứ 5 Phụ lục IIb", "bãi bỏ thủ tục …".
_PART = re.compile(
    r"\b(?:mot\s+(?:phan|so\s+(?:dieu|khoan|noi\s+dung|quy\s+dinh))|cac\s+quy\s+dinh|"
    r"(?:bieu\s+)?mau|phu\s+luc|danh\s+muc|thu\s+tuc|so\s+thu\s+tu|noi\s+dung)\b",
    re.IGNORECASE,
)
# Kinds that never end a whole act: an amendment changes parts of it, a correction some words.
_ALWAYS_PARTIAL = frozenset({R.AMENDS, R.CORRECTS})


def provisions(text: str, folded: str, start: int, end: int) -> tuple[str, ...]:
    """The provisions named in ``folded[start:end]``, as written, each completed with the larger
    units written after it.

    >>> t = "Bãi bỏ khoản 2 Điều 21 Nghị định số 40/2004/NĐ-CP"
    >>> from loader.find import fold_sentences
    >>> provisions(t, fold_sentences(t), 7, 23)
    ('khoản 2 Điều 21',)
    >>> t = "Tại điểm a, điểm b khoản 1, khoản 3 Điều 9 Quyết định số 62/2011/QĐ-TTg"
    >>> provisions(t, fold_sentences(t), 0, len(t))
    ('điểm a khoản 1 Điều 9', 'điểm b khoản 1 Điều 9', 'khoản 3 Điều 9')
    >>> t = "Bãi bỏ Điều 4, 5, 6 Thông tư số 35/2010/TT-BCA"
    >>> provisions(t, fold_sentences(t), 0, len(t))
    ('Điều 4', 'Điều 5', 'Điều 6')
    >>> t = "sửa đổi điểm a, c khoản 1 Điều 3 Quy định"
    >>> provisions(t, fold_sentences(t), 0, len(t))
    ('điểm a khoản 1 Điều 3', 'điểm c khoản 1 Điều 3')
    """
    start = max(start, end - PROVISIONS_WINDOW)
    window = _QUOTED.sub(lambda m: " " * len(m.group()), folded[start:end])
    items: list[list[tuple[str, str]]] = []
    last_end = 0
    for match in PROVISION.finditer(window):
        if match["point"]:
            value = text[start + match.start("letter") : start + match.end("letter")]
            piece = ("diem", value.lower() if len(value) == 1 else value)
        else:
            value = text[start + match.start("value") : start + match.end("value")]
            piece = (" ".join(match["unit"].lower().split()), value)
        between = window[last_end : match.start()]
        gap_at = start + last_end
        last_end = match.end()
        if items and _SAME_ITEM.fullmatch(between) and _outranks(piece, items[-1]):
            items[-1].append(piece)
            continue
        if items:
            used = _more_values(text, gap_at, between, items)
            if used and _SAME_ITEM.fullmatch(between, used) and _outranks(piece, items[-1]):
                items[-1].append(piece)  # "điểm a, c khoản 1 Điều 3"
                continue
        items.append([piece])
    if items:
        _more_values(text, start + last_end, window[last_end:], items)
    # "khoản 1, khoản 2 Điều 7": an item takes the larger units of the item after it
    for i in range(len(items) - 2, -1, -1):
        top = _RANK[items[i][-1][0]]
        items[i] = items[i] + [p for p in items[i + 1] if _RANK[p[0]] > top]
    out: list[str] = []
    for item in items:
        written = " ".join(f"{UNITS[unit]} {value}" for unit, value in item)
        if written not in out:
            out.append(written)
    return tuple(out)


def _outranks(piece: tuple[str, str], item: list[tuple[str, str]]) -> bool:
    return _RANK[piece[0]] > _RANK[item[-1][0]]


def _more_values(text: str, offset: int, between: str, items: list[list[tuple[str, str]]]) -> int:
    """Bare values after the last item, of its first unit ("Điều 4, 5, 6", "điểm a, c"): added
    as items; how much of ``between`` they take (0: none)."""
    glue = _NEXT_ITEM.match(between)
    if glue is None:
        return 0
    unit = items[-1][0][0]
    pos, used = glue.end(), 0
    while pos < len(between):
        bare = _BARE_VALUE.match(between, pos)
        if bare is None or (bare["letter"] is not None) != (unit == "diem"):
            break
        group = "letter" if bare["letter"] is not None else "number"
        items.append([(unit, text[offset + bare.start(group) : offset + bare.end(group)])])
        pos = used = bare.end()
    return used


# An item of an amending article: "1. Bổ sung khoản 3 Điều 3 như sau:", "b) Sửa đổi điểm a khoản
# 1 Điều 14 như sau:", "3. Bãi bỏ khoản 2 Điều 15." What is changed ends where the new wording
# or the place of an insertion begins ("như sau", ":", "vào sau Điều 6").
_NEXT_LINE = r"(?:[ \t*_>|-]*(?:(?:\d{1,3}|[a-z])[.)]|Dieu\s)|\n)"
_CHANGE_ITEM = re.compile(
    r"^[ \t*_>|-]*(?:\d{1,3}|[a-z])[.)][ \t*_]*"
    r"(?:sua\s+doi|bo\s+sung|bai\s+bo|thay\s+the|bo|dieu\s+chinh|dinh\s+chinh)\b"
    # what is changed runs over printed lines ("Thay thế cụm từ “toàn tỉnh”⏎thành “toàn thành
    # phố” tại Điều 5."), not into the next item or article
    rf"(?P<what>(?:[^:\n]|\n(?!{_NEXT_LINE})){{0,400}}?)"
    rf"(?=\s+nhu\s+sau|\s+vao\b|:|\n{_NEXT_LINE}|\Z)"
    # "1. Bổ sung khoản 3 vào Điều 3": the article it goes into
    r"(?:\s+vao\s+(?:sau\s+|truoc\s+|cuoi\s+)?(?P<into>dieu\s+\d{1,3}[a-z]?))?",
    re.IGNORECASE | re.MULTILINE,
)
# An item that names the provisions first and changes them in the passive: "2. Điều 4 được sửa
# đổi, bổ sung như sau:", "6. Khoản 4 Điều 7 được sửa đổi, bổ sung như sau:" (dev2 vb2_6355e0ac4f).
_CHANGED_ITEM = re.compile(
    r"^[ \t*_>|-]*(?:\d{1,3}|[a-z])[.)][ \t*_]*"
    r"(?P<what>(?:diem|khoan|dieu|muc|chuong|phan|phu\s+luc)\s[^:\n]{0,200}?)"
    r"\s+(?:duoc|bi)\s+(?:sua\s+doi|bo\s+sung|bai\s+bo|thay\s+the|dieu\s+chinh|dinh\s+chinh)\b",
    re.IGNORECASE | re.MULTILINE,
)
# A top-level article heading ends the amending article: "Điều 2. …", "**Điều 2.**"; a quoted
# new article ("“Điều 6a. …") does not.
_ARTICLE = re.compile(r"^[ \t*_#>|]*Dieu\s+\d+[a-z]?\s*[.:]", re.MULTILINE)
# How far an amending article may run (dev2 vb2_769d51d87b: Điều 1 holds a flattened table).
ARTICLE_MAX = 40000


def listed_changes(text: str, folded: str, start: int) -> tuple[str, ...]:
    """The provisions the items of the amending article that goes on at ``start`` change.

    >>> t = "Điều 1. Sửa đổi Thông tư số 35/2010/TT-BCA như sau:\\n1. Bổ sung khoản 3 Điều 3 như "
    >>> t += "sau:\\n“3. Hồ sơ …”\\n2. Bãi bỏ Điều 6.\\nĐiều 2. Hiệu lực"
    >>> from loader.find import fold_sentences
    >>> listed_changes(t, fold_sentences(t), t.index("như"))
    ('khoản 3 Điều 3', 'Điều 6')
    >>> t = "Điều 1. Sửa đổi Thông tư số 35/2010/TT-BCA như sau:\\n1. Khoản 4 Điều 7 được sửa "
    >>> t += "đổi như sau:\\n“4. Cục trưởng …”\\nĐiều 2. Hiệu lực"
    >>> listed_changes(t, fold_sentences(t), t.index("như"))
    ('khoản 4 Điều 7',)
    """
    heading = _ARTICLE.search(folded, start, start + ARTICLE_MAX)
    end = heading.start() if heading else min(len(folded), start + ARTICLE_MAX)
    out: list[str] = []
    items = [*_CHANGE_ITEM.finditer(folded, start, end)]
    items += _CHANGED_ITEM.finditer(folded, start, end)
    for item in sorted(items, key=lambda m: m.start()):
        passive = item.re is _CHANGED_ITEM
        if passive and not only_provisions(folded, item.start("what"), item.end("what")):
            continue  # "1. Điều 12 Nghị định số 35/2003/NĐ-CP được …": another act's
        found = provisions(text, folded, item.start("what"), item.end("what"))
        if not passive and item["into"] and len(found) == 1 and not found[0].startswith("Điều"):
            into = text[item.start("into") : item.end("into")]
            found = (f"{found[0]} Điều {into.split()[-1]}",)
        for written in found:
            if written not in out:
                out.append(written)
    return tuple(out)


def scope(kind: str, written: tuple[str, ...], words: str, phrase: bool = False) -> str:
    """ "whole" or "partial" for an effect of ``kind`` that names ``written`` provisions, said in
    folded ``words`` (the verb and what follows it up to the target).

    >>> scope("REPEALS", (), "bai bo toan bo "), scope("REPEALS", ("khoản 2 Điều 21",), "bai bo ")
    ('whole', 'partial')
    >>> scope("AMENDS", (), "sua doi "), scope("REPLACES", (), "thay the ")
    ('partial', 'whole')
    """
    if phrase or kind in _ALWAYS_PARTIAL:
        return "partial"
    if _WHOLE.search(words):
        return "whole"
    if written or _PART.search(words):
        return "partial"
    return "whole"


# The most words a phrase of _WHOLE or _PART has ("mot so noi dung", "mot so quy dinh").
PHRASE_WORDS = 4
_WORD_CHAR = re.compile(r"\w")
_RUN = re.compile(r"\S+")


class VerbWords:
    """:func:`scope` of the words from one verb to each of many references, in one text.

    The words about a reference run from the verb to it ("bãi bỏ toàn bộ các văn bản sau: …,
    Nghị định 1, …, Nghị định 2000"): searched afresh for each, a long list costs the square of
    its length (2 s on a 75,000-character sentence of citations; bench/fuzz.py). Here each
    verb keeps its last answer: a match that ends before the last end searched stays a match,
    and with none, a new one must end past it, so it starts at most PHRASE_WORDS runs of
    non-spaces before it. What the slices give, found in time linear in the text.
    """

    def __init__(self, flow: str) -> None:
        self.flow = flow
        self._runs: list[int] | None = None
        # (pattern, verb start) -> (end searched, the leftmost match in flow[verb start:end])
        self._last: dict[tuple[re.Pattern[str], int], tuple[int, re.Match[str] | None]] = {}

    def scope(
        self, kind: str, written: tuple[str, ...], verb: int, end: int, tail: str, phrase: bool
    ) -> str:
        """``scope(kind, written, f"{flow[verb:end]} {tail}", phrase)``."""
        if phrase or kind in _ALWAYS_PARTIAL:
            return "partial"
        if self._found(_WHOLE, verb, end, tail):
            return "whole"
        if written or self._found(_PART, verb, end, tail):
            return "partial"
        return "whole"

    def _run_back(self, pos: int, verb: int) -> int:
        """The start of the run of non-spaces PHRASE_WORDS runs before ``pos``, not before
        ``verb``."""
        if self._runs is None:
            self._runs = [m.start() for m in _RUN.finditer(self.flow)]
        index = bisect_left(self._runs, pos) - 1 - PHRASE_WORDS
        return max(verb, self._runs[index]) if index >= 0 else verb

    def _found(self, pattern: re.Pattern[str], verb: int, end: int, tail: str) -> bool:
        flow = self.flow
        if verb > 0 and verb < len(flow) and _WORD_CHAR.match(flow[verb - 1]):
            # A search from inside a word reads the letter before it; the slice does not.
            return pattern.search(f"{flow[verb:end]} {tail}") is not None
        last = self._last.get((pattern, verb))
        if last is not None and last[0] <= end:
            searched, match = last
            if match is not None and match.end() < searched:
                pass  # it ends inside what was searched: still a match
            elif match is None:
                match = pattern.search(flow, self._run_back(searched, verb), end)
            else:
                match = pattern.search(flow, verb, end)
        else:
            match = pattern.search(flow, verb, end)
        self._last[(pattern, verb)] = (end, match)
        if match is not None:
            return True
        # the words across the join, and the tail
        joined = f"{flow[self._run_back(end, verb) : end]} {tail}"
        return pattern.search(joined) is not None


_DATE = (
    r"(?P<d>\d{1,2})\s*(?:[/.-]|\s+thang\s+)(?P<m>\d{1,2})\s*(?:[/.-]|\s+nam\s+)"
    r"(?P<y>(?:19|20)\d\d)"
)
_OWN_TYPES = "|".join(
    sorted({w.replace(" ", r"\s+") for w, t in TYPE_WORDS if t is not None}, key=len, reverse=True)
)
# When an effect takes hold, as a clause of the effect article says it. "kể từ" or "hiệu lực"
# must lead in: "áp dụng từ ngày 01/01/2020" in a description is no effect date. Signing, passing
# ("từ ngày được Quốc hội thông qua") and issuing are the issue date; "ngày công bố" or "đăng Công
# báo" is not known from the text, so it gives no date.
_EFFECT = re.compile(
    r"(?:\bhieu\s+luc(?:\s+thi\s+hanh)?\s*,?\s*|\bke\s+)"
    r"(?:(?P<after>sau\s+(?P<n>\d{1,3})\s+ngay\s*,?\s*(?:ke\s+)?tu\s+ngay\s+"
    r"(?:duoc\s+)?(?:[\w ]{0,30}?\s)?(?:ky|thong\s+qua|ban\s+hanh)\b)"
    rf"|(?:ke\s+)?tu\s+ngay\s+(?:(?P<own>(?:{_OWN_TYPES})\s+nay\s+co\s+hieu\s+luc)"
    rf"|{_DATE}|(?P<signed>(?:duoc\s+)?(?:[\w ]{{0,30}}?\s)?(?:ky|thong\s+qua|ban\s+hanh)\b)))",
    re.IGNORECASE,
)


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


class EffectClauses:
    """The effect clauses of one folded text, searched for many references of one sentence.

    A sentence of N references asked N times for its first clause after each: N searches of the
    whole sentence, the square of its length when it is long (a 185,000-character sentence of
    citations took 6 s; bench/fuzz.py). The leftmost match found from ``s`` is the leftmost from
    any start in ``[s, match.start()]`` (a search's start is no slice: look-behinds see before
    it), so each answer is kept, by the sentence's end, until a start passes it.
    """

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self._last: dict[int, tuple[int, re.Match[str] | None]] = {}

    def first(self, start: int, end: int) -> re.Match[str] | None:
        """``_EFFECT.search(folded, start, end)``."""
        last = self._last.get(end)
        if last is not None:
            searched, match = last
            if searched <= start and (match is None or start <= match.start()):
                return match
        match = _EFFECT.search(self.folded, start, end)
        self._last[end] = (start, match)
        return match


def effect_date(
    folded: str,
    start: int,
    end: int,
    issued: str | None,
    effective: str | None,
    clauses: EffectClauses | None = None,
) -> str | None:
    """The day the first effect clause in ``folded[start:end]`` gives, or None: a date, the
    issue date (``issued``) for "kể từ ngày ký", ``issued`` plus N days for "sau N ngày kể từ
    ngày ký", the text's own ``effective`` date for "kể từ ngày Nghị định này có hiệu lực".

    >>> effect_date("co hieu luc sau 10 ngay, ke tu ngay ky.", 0, 40, "2010-08-31", None)
    '2010-09-10'
    >>> effect_date("het hieu luc ke tu ngay 01/01/2026", 0, 40, None, None)
    '2026-01-01'
    >>> effect_date("co hieu luc ke tu ngay cong bo", 0, 40, "2010-08-31", None)
    """
    if clauses is not None:
        assert clauses.folded is folded
        match = clauses.first(start, end)
    else:
        match = _EFFECT.search(folded, start, end)
    if match is None:
        return None
    if match["after"]:
        if issued is None:
            return None
        day = dt.date.fromisoformat(issued) + dt.timedelta(days=int(match["n"]))
        return day.isoformat()
    if match["own"]:
        return effective
    if match["signed"]:
        return issued
    return _iso(match["d"], match["m"], match["y"])


def own_effective_date(
    folded: str, doc_type: str, issued: str | None, start: int = 0
) -> str | None:
    """The text's own effective date, from its effect clause ("Nghị quyết này có hiệu lực từ
    ngày 28 tháng 11 năm 2025", "Quyết định này có hiệu lực thi hành kể từ ngày ký"): the first
    "<its type> này có hiệu lực" after ``start`` (the body) whose clause gives a day.

    >>> own_effective_date("Dieu 2. Quyet dinh nay co hieu luc thi hanh ke tu ngay ky.",
    ...                    "decision", "2025-11-17")
    '2025-11-17'
    """
    for match in _own_effect_clauses(folded, _own_effect_pattern(doc_type), start):
        end = _clause_end(folded, match.end())
        found = effect_date(folded, match.start(), end, issued, None)
        if found is not None:
            return found
    return None


# "<its type> này có hiệu lực" by document type, compiled once per type.
_OWN_EFFECT: dict[str, re.Pattern[str]] = {}
# The end of every match of those patterns: the type word opens with no literal the engine can
# skip ahead to (IGNORECASE, \b, an alternation), this does; 0.09 ms a text against 0.5 ms.
_OWN_EFFECT_CORE = re.compile(r"nay\s+co\s+hieu\s+luc\b", re.IGNORECASE)


def _own_effect_pattern(doc_type: str) -> re.Pattern[str]:
    pattern = _OWN_EFFECT.get(doc_type)
    if pattern is None:
        words = [w.replace(" ", r"\s+") for w, t in TYPE_WORDS if t == doc_type] + [r"van\s+ban"]
        pattern = re.compile(rf"\b(?:{'|'.join(words)})\s+nay\s+co\s+hieu\s+luc\b", re.IGNORECASE)
        _OWN_EFFECT[doc_type] = pattern
    return pattern


def _own_effect_clauses(
    folded: str, pattern: re.Pattern[str], start: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(folded, start)`` for an :func:`_own_effect_pattern`, its scan started
    near its first possible match. Every match ends with an :data:`_OWN_EFFECT_CORE`, and before
    its core holds only the type word and spaces, letters all: so no match starts before the run
    of letters, digits and spaces that ends at the first core, and searching from there finds
    the one that searching from ``start`` does. Each run walked back lies after the previous
    match: the walks read each character once at most."""
    pos = start
    while True:
        core = _OWN_EFFECT_CORE.search(folded, pos)
        if core is None:
            return  # no core, no match
        lo = core.start()
        while lo > pos and _in_type_word_run(folded[lo - 1]):
            lo -= 1
        match = pattern.search(folded, lo)
        if match is None:
            return
        yield match
        pos = match.end()


# Characters other than letters, digits and spaces that a type word holds (none today).
_TYPE_WORD_MARKS = frozenset(
    ch for word, _ in TYPE_WORDS for ch in word if not (ch.isalnum() or ch.isspace())
)


def _in_type_word_run(ch: str) -> bool:
    return ch.isalnum() or ch.isspace() or ch == "_" or ch in _TYPE_WORD_MARKS


_CLAUSE_END = re.compile(r"[.;](?!\d)|\n(?![ \t]*[a-z])")
EFFECT_CLAUSE_MAX = 200  # "có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2026, trừ …"


def _clause_end(folded: str, pos: int) -> int:
    end = _CLAUSE_END.search(folded, pos, pos + EFFECT_CLAUSE_MAX)
    return end.start() if end else min(len(folded), pos + EFFECT_CLAUSE_MAX)


# Words that may stand between provisions and the act they belong to, or open an item of a list
# of targets: "- Tại khoản 1, khoản 2 Điều 7, khoản 2 Điều 8 Quyết định số 142/2008/QĐ-TTg".
_GLUE_WORDS = frozenset({"va", "hoac", "cua", "tai", "cac"})
_TOKEN = re.compile(r"[^\s,;.*_()]+")


def only_provisions(folded: str, start: int, end: int) -> bool:
    """Whether ``folded[start:end]`` holds nothing but provisions and the words that join them
    ("Tại điểm a khoản 1, khoản 2 Điều 8 ").

    >>> only_provisions("Tai dieu 5 cua ", 0, 15), only_provisions("Ve viec dieu 5 ", 0, 15)
    (True, False)
    """
    rest = PROVISION.sub(" ", folded[start:end])
    return all(
        token.lower() in _GLUE_WORDS or _BARE_NUMBER.fullmatch(token)
        for token in _TOKEN.findall(rest)
    )


_BARE_NUMBER = re.compile(r"\d{1,3}[a-z]?|[IVXLC]{1,6}")
# How far before a document its provisions are written: "Điều 6 Thông tư số 44/2017/TT-BTC được
# sửa đổi, bổ sung bởi Điều 1 Thông tư số 41/2024/TT-BTC" (dev2 vb2_f28ae3e659).
PROVISIONS_BEFORE = 160
_RUN_START = re.compile(
    r"(?<![\w])(?:diem|khoan|dieu|muc|chuong|phan|phu\s+luc|so\s+thu\s+tu)\s", re.IGNORECASE
)


def provisions_before(text: str, folded: str, pos: int, floor: int = 0) -> tuple[str, ...]:
    """The provisions written right before ``pos`` (only joining words between them and it).

    >>> t = "theo quy định tại Điều 6 Thông tư số 44/2017/TT-BTC"
    >>> from loader.find import fold_sentences
    >>> provisions_before(t, fold_sentences(t), t.index("Thông"))
    ('Điều 6',)
    """
    lo = max(floor, pos - PROVISIONS_BEFORE)
    for run in _RUN_START.finditer(folded, lo, pos):
        if only_provisions(folded, run.start(), pos):
            return provisions(text, folded, run.start(), pos)
    return ()
