"""Stage 3, find: a text → the references it makes to documents (numbered or named).

One pass: a single compiled pattern runs ``finditer`` over a *folded* copy of the text (diacritics
stripped, case kept, same length, so every offset is an offset of the text itself). What follows a
match (its date, its issuer, the end of a name) is read from a bounded window after the match, never
by rescanning the text, so finding stays linear.

The vocabulary is data: :data:`TYPE_WORDS`, :data:`NAMED_TYPE_WORDS`, :data:`ISSUERS`,
:data:`CONGRESS_YEARS`. A new way of writing a citation is a new row, not new code.
"""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass, replace

from graph.identity import canonical_number, doc_type_from_number, number_year, strip_diacritics
from graph.model import DOC_TYPE_TABLE, WRITTEN_TYPES
from loader.text import (
    AS_LETTER,
    OTHER_CASES,
    fold_for_scan,
    iso_date,
    lower_same_length,
    squash,
)

# Type words written before a number, folded (no diacritics), matched case-insensitively, longest
# first so "Thông tư liên tịch" wins over "Thông tư": the spellings of graph.model.DOC_TYPE_TABLE,
# and two words that are no type of ours. None = take the type from the symbol: "văn bản số
# 349/TB-VPCP" is an announcement, "Văn bản số 152/CV-TCTW" an official letter; "Xét Tờ trình số
# 4189/LS-LĐTBXH-TC" names a type outside the vocabulary.
TYPE_WORDS: tuple[tuple[str, str | None], ...] = tuple(
    sorted(
        [
            *((strip_diacritics(spelling).lower(), code) for spelling, code in WRITTEN_TYPES),
            ("van ban", None),
            ("to trinh", "unknown"),
        ],
        key=lambda pair: -len(pair[0]),
    )
)

# Abbreviated type words, upper case only: "theo QĐ số 22/2013/QĐ-TTg" (dev vb_8c4197cb3e).
TYPE_ABBREVIATIONS: dict[str, str] = {
    abbreviation: row.code for row in DOC_TYPE_TABLE for abbreviation in row.abbreviations
}

# Type words that introduce a document cited by name: "Luật Viễn thông năm 2023", "Bộ luật Lao
# động". Title case only (folded), because lower case "pháp luật" is law in general.
NAMED_TYPE_WORDS: dict[str, str] = {
    strip_diacritics(row.name): row.code for row in DOC_TYPE_TABLE if row.cited_by_name == "act"
}

# Policy documents cited by name: "Chiến lược phát triển Bưu chính đến năm 2025 và định hướng đến
# năm 2030". Title case only; without a quoted name or a time scope ("đến năm", "giai đoạn",
# "thời kỳ") the phrase is usually generic ("lập Đề án hỗ trợ người có công …", dev vb_6711e3512e).
POLICY_TYPE_WORDS: dict[str, str] = {
    strip_diacritics(row.name): row.code for row in DOC_TYPE_TABLE if row.cited_by_name == "policy"
}

# Party congresses by ordinal: "Nghị quyết Đại hội XIII của Đảng" is the 2021 resolution.
CONGRESS_YEARS: dict[str, int] = {
    "VI": 1986,
    "VII": 1991,
    "VIII": 1996,
    "IX": 2001,
    "X": 2006,
    "XI": 2011,
    "XII": 2016,
    "XIII": 2021,
    "XIV": 2026,
}

# Issuers written after a reference ("… ngày 05/01/2024 của Chính phủ"), folded, most specific
# first; a ministry is "Bộ" plus its name up to the next clause word.
ISSUERS: tuple[str, ...] = (
    "Thu tuong Chinh phu",
    "Van phong Chinh phu",
    "Chinh phu",
    "Bo Chinh tri",
    "Ban Bi thu",
    "Ban Chap hanh Trung uong",
    "Uy ban Thuong vu Quoc hoi",
    "Quoc hoi",
)

# How far after a reference its date may start: "Chỉ thị số 34/CT-TW ngày 07/4/2014".
DATE_WINDOW = 40
# How far a name may run: the longest real ones ("Luật sửa đổi, bổ sung một số điều của Luật Tổ
# chức Chính phủ và Luật Tổ chức chính quyền địa phương") are about 120 characters.
NAME_WINDOW = 220
# A date this close before a year-less reference, in the same sentence, dates it: "Ngày 03/01/2020,
# Bộ trưởng … ký ban hành Chỉ thị số 01/CT-BTTTTvề …" (seed 002).
PRECEDING_DATE_WINDOW = 120

# OCR writes U+FFFD (REPLACEMENT CHARACTER) for a digit it could not read: the handwritten "Số: 25
# /QĐ-TTg" of a scanned decision arrives as "Số: �� /QĐ-TTg". A number touching one is not the
# number its readable digits spell ("�5/QĐ-TTg" may be 15/QĐ-TTg or 25/QĐ-TTg): never a citation.
UNREADABLE = "\ufffd"

_ORD = r"\d{1,5}"
# One symbol token: upper case and digits, "TTg" keeps its lower-case g and "TTr" (Tờ trình,
# "Tờ trình số 609/TTr-BYT") its r; stops before a glued lower-case word ("01/CT-BTTTTvề", seed
# 002). A lower-case g may stand inside a department's code: "Văn bản số 1605/TTr-SNgV" (Sở
# Ngoại vụ, dev2 vb2_2c904e400f).
_TOK = r"[A-Z][A-Z0-9&]*(?:g(?![a-z])[A-Z0-9&]*|r(?=[-/][A-Z]))?"
# Between tokens: "-" or "/", or a dash with OCR spaces before an upper-case token
# ("290/2005/QĐ- TTg", "3210/QĐ - UBND"), or a hyphen that ends a printed line ("Thông tư số
# 26/2016/TT-⏎BLĐTBXH", Công báo).
_SEP = r"(?:[-/]|\s?-\s?(?=[A-Z]{2})|-[ \t]*\n[ \t]*(?=[A-Z]{2}))"
_NUMBER_BODY = (
    rf"{_ORD}(?:\s?/\s?(?:19|20)\d\d)?\s?/\s?{_TOK}(?:{_SEP}{_TOK})*"
    rf"|{_ORD}-{_TOK}/{_TOK}(?:-{_TOK})*"
)
_NUMBER = rf"(?P<num>{_NUMBER_BODY})"
# Words of a type word may be split by a printed line end ("Quyết ⏎định số 1480/QĐ-TTg").
_TYPE_ALT = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word, _ in TYPE_WORDS)
_TYPE_OF = dict(TYPE_WORDS)
_ABBR_ALT = "|".join(sorted(TYPE_ABBREVIATIONS, key=len, reverse=True))
_SO = r"(?i:so)\s*[:.]?\s*"
_NAMED_ALT = "|".join(
    re.escape(w) for w in sorted({**NAMED_TYPE_WORDS, **POLICY_TYPE_WORDS}, key=len, reverse=True)
)

# The scanner starts only where a reference can start (a digit or the capital of a named type
# word): the leading look-ahead lets the engine skip every other position fast. It is matched only
# at the places :func:`_scanner_matches` finds. The type word and "số" before a number are read
# afterwards from a short window (:func:`_prefix`).
_SCANNER = re.compile(
    rf"(?=[\dLBPHCDQKN])(?:(?<![\w/.-])(?<!\d:){_NUMBER}"
    rf"|(?<![A-Za-z])(?<![Pp][Hh][Aa][Pp] )(?P<nw>{_NAMED_ALT}|LUAT|BO LUAT|PHAP LENH)"
    rf"(?=\s+[\"“A-Za-z]|(?<=phap)\s*[;,.)])"
    rf"(?!\s+{_SO}\d)"
    rf"|(?<![A-Za-z])(?P<congress>[Nn](?i:ghi quyet dai hoi))(?=\s))"
)
_NAMED_WORDS = (*sorted({**NAMED_TYPE_WORDS, **POLICY_TYPE_WORDS}), "LUAT", "BO LUAT", "PHAP LENH")
# Where the scanner may match but for a number: the capital of a named type word, the "N" of
# "Nghị quyết Đại hội". Each branch opens with its letter, so the engine skips to those letters;
# only the letter is taken, so that a word inside another ("LUAT" of "BO LUAT") is found too.
_NAMED_START = re.compile(
    "|".join(f"{re.escape(word[0])}(?={re.escape(word[1:])})" for word in _NAMED_WORDS)
    + "|N(?=(?i:ghi quyet dai hoi))"
)
# What a number holds before its first "/": its ordinal, then a symbol after "-" ("18-NQ/TW"),
# or a space ("3210 /QĐ-UBND"): digits (any \d, str.isdecimal), the characters of _TOK and "-".
_BEFORE_SLASH = frozenset(string.ascii_uppercase + string.digits + "&gr-")
# A "/" after one of those, or after one and a space: what the loop below walks back from (a
# pattern that opens with "/" is searched for it at C speed; "///…" costs nothing in Python).
_SLASH = re.compile(r"/(?:(?<=[\dA-Z&gr\-]/)|(?<=[\dA-Z&gr\-]\s/))")


def _number_starts(folded: str, at: int) -> bool:
    """Whether a number may start at ``at``: a digit with no word character, "/", "." or "-"
    before it (the scanner's look-behind; \\w is str.isalnum and "_")."""
    return folded[at].isdecimal() and (
        at == 0 or not (folded[at - 1].isalnum() or folded[at - 1] in "_/.-")
    )


def _scanner_matches(folded: str) -> list[re.Match[str]]:
    """``list(_SCANNER.finditer(folded))``, trying the scanner only where it can match.

    The scanner tries every digit and every capital of the text (0.43 s for real1k, 13.9 MB), and
    a number is the only reference with a digit: every number has a "/", a few characters after
    its start (0.1 % of real1k's characters; found at C speed). So the scanner is tried, as
    ``finditer`` would go on, at the start of each run of digits just before a "/" and at each
    letter :data:`_NAMED_START` finds (real1k: 4 of those and 13 "/" a text).
    """
    starts = [match.start() for match in _NAMED_START.finditer(folded)]
    for slash in _SLASH.finditer(folded):
        # back over what a number may hold before its first "/", to where it may start
        run = slash.start()
        if folded[run - 1].isspace():
            run -= 1
        end = run
        while run and (folded[run - 1] in _BEFORE_SLASH or folded[run - 1].isdecimal()):
            run -= 1
        # Inside the run every character before a digit is one the loop walked over: a letter, a
        # digit or "-", which forbid a start (_number_starts), or "&", which does not ("A&1/…",
        # rare); so only the run's first character is tried, unless an "&" is in it (trying each
        # character of the run cost a Python step a character).
        tried = range(run, end) if "&" in folded[run:end] else range(run, min(run + 1, end))
        starts.extend(at for at in tried if _number_starts(folded, at))
    found: list[re.Match[str]] = []
    pos = 0
    for at in sorted(starts):
        if at >= pos and (match := _SCANNER.match(folded, at)) is not None:
            found.append(match)
            pos = match.end()  # no match is empty
    return found


# Each letter as the class IGNORECASE matches.
_CASES: dict[str, str] = {
    letter: f"[{letter}{letter.upper()}{OTHER_CASES.get(letter, '')}]"
    for letter in string.ascii_lowercase
}


def _caseless(word: str) -> str:
    """``(?i:word)`` without IGNORECASE, each letter its class, a space any run of white space.

    An alternative that opens with a class is skipped by the engine at a glance when the class
    does not hold; an IGNORECASE one is tried (the type word before every number: 0.041 s →
    0.028 s for 300 texts), and a pattern that opens with a class is searched by skipping ahead
    to it.

    >>> print(_caseless("to trinh"))
    [tT][oO]\\s+[tT][rR][iIİı][nN][hH]
    """
    return "".join(
        _CASES[ch] if ch in _CASES else (r"\s+" if ch == " " else re.escape(ch)) for ch in word
    )


_TYPE_WORD_CASELESS = f"{'|'.join(_caseless(word) for word, _ in TYPE_WORDS)}|{_ABBR_ALT}"
_PREFIX = re.compile(
    rf"(?:(?<![A-Za-z])(?P<tw>{_TYPE_WORD_CASELESS})"
    rf"\s+)?(?:(?<![A-Za-z]){_caseless('so')}\s*[:.]?\s*)?\Z"
)
PREFIX_WINDOW = 40  # "Thông tư liên tịch số " is the longest prefix
# :func:`_prefix` reads a prefix from its end: a type word alone, matched where it must end.
_TYPE_WORD_AT = re.compile(rf"(?<![A-Za-z])(?:{_TYPE_WORD_CASELESS})")
# Every type word is at most this many words ("Thông tư liên tịch"), and starts with one of these.
TYPE_WORD_WORDS = max(len(word.split()) for word, _ in TYPE_WORDS)
_FIRST_WORDS = frozenset(
    [word.split()[0] for word, _ in TYPE_WORDS] + [abbr.lower() for abbr in TYPE_ABBREVIATIONS]
)
_ASCII_LETTERS = frozenset(string.ascii_letters)
_LETTERS = string.ascii_letters
_S_CASES = frozenset("sS" + OTHER_CASES["s"])
_OTHER_CASE_LETTERS = "".join(OTHER_CASES.values())


def _prefix(folded: str, lo: int, end: int) -> tuple[int, str | None]:
    """Where the prefix of a number at ``end`` starts, and its type word: the start and the
    ``tw`` group of ``_PREFIX.search(folded, lo, end)``, read backwards from ``end``.

    The search tried every position of the window, each against every type word (5.3 µs a
    number); a prefix ends where the number starts, so its "số" is read off the end, and its type
    word can only start at one of the last few words before that.

    >>> _prefix("theo Nghi dinh so 43/2011", 0, 18), _prefix("ngay 43", 0, 5)
    ((5, 'Nghi dinh'), (5, None))
    """
    # "số", and what may follow it: "\s*[:.]?\s*" read from the end, which leaves one way
    i = end
    while i > lo and folded[i - 1].isspace():
        i -= 1
    if i > lo and folded[i - 1] in ":.":
        i -= 1
        while i > lo and folded[i - 1].isspace():
            i -= 1
    so: int | None = None
    if (
        i - 2 >= lo
        and folded[i - 1] in "oO"
        and folded[i - 2] in _S_CASES
        and (i == 2 or folded[i - 3] not in _ASCII_LETTERS)
    ):
        so = i - 2
    # the type word ends where the white space before "số" (or before the number) begins
    tail = end if so is None else so
    word_end = tail
    while word_end > lo and folded[word_end - 1].isspace():
        word_end -= 1
    if word_end == tail:
        return (end, None) if so is None else (so, None)
    run = folded[lo:word_end]
    if not run.isascii() and any(other in run for other in _OTHER_CASE_LETTERS):
        # "İ", "ı", "ſ" or a Kelvin sign: a letter of a type word, none of [A-Za-z]; rare
        prefix = _PREFIX.search(folded, lo, end)
        assert prefix is not None  # the empty prefix at the end matches at least
        return prefix.start(), prefix["tw"]
    # Its first word is one of the last few whole words (str.split knows "\s"), or what follows
    # the last character that is no letter in one ("(Quyết định số …").
    starts: list[int] = []
    pos = word_end
    for word in reversed(run.rsplit(None, TYPE_WORD_WORDS)[-TYPE_WORD_WORDS:]):
        pos = folded.rfind(word, lo, pos)
        letters = word.lstrip(_LETTERS)
        if not letters:
            if word.lower() in _FIRST_WORDS:
                starts.append(pos)
            continue
        cut = len(word.rstrip(_LETTERS))
        if cut < len(word) and word[cut:].lower() in _FIRST_WORDS:
            starts.append(pos + cut)
        break
    for start in reversed(starts):
        if _TYPE_WORD_AT.fullmatch(folded, start, word_end):
            return start, folded[start:word_end]
    return (end, None) if so is None else (so, None)


# The words before a number recur, in a text and across texts ("Căn cứ Nghị định số ", "theo quy
# định tại Quyết định "): each window is read once (two in three numbers of the synthetic corpus,
# one in five of real1k's, have a window read before).
PREFIX_CACHE = 8192  # windows kept; each at most PREFIX_WINDOW + 1 characters
_window_prefix = functools.lru_cache(maxsize=PREFIX_CACHE)(_prefix)


def _cached_prefix(folded: str, lo: int, end: int) -> tuple[int, str | None]:
    """:func:`_prefix`, of the window alone: it reads ``folded[lo:end]`` and the character before
    it (its look-behinds, "(?<![A-Za-z])"), or that the window opens the text.

    >>> _cached_prefix("theo Nghi dinh so 43/2011", 3, 18), _cached_prefix("ngay 43", 0, 5)
    ((5, 'Nghi dinh'), (5, None))
    """
    base = lo - 1 if lo else 0
    start, type_word = _window_prefix(folded[base:end], lo - base, end - base)
    return start + base, type_word


# Possessive spaces: they are neither "," nor "(" nor "n", so giving some back never helps, and
# three free "\s*" in a row tried every split of a run of spaces (the cube of its length).
_DATE = re.compile(
    r"\s*+,?\s*+\(?\s*+(?i:ngay)\s+(?P<d>\d{1,2})\s*(?:[/.-]|\s+(?i:thang)\s+)(?P<m>\d{1,2})"
    r"\s*(?:[/.-]|\s+(?i:nam)\s+)(?P<y>(?:19|20)\d\d)(?!\d)"
)
# Searched, so its first word a class (_caseless), which the engine skips ahead to.
_ANY_DATE = re.compile(
    rf"{_caseless('ngay')}\s+(?P<d>\d{{1,2}})\s*(?:[/.-]|\s+{_caseless('thang')}\s+)"
    rf"(?P<m>\d{{1,2}})\s*(?:[/.-]|\s+{_caseless('nam')}\s+)(?P<y>(?:19|20)\d\d)(?!\d)"
)
_ISSUER = re.compile(
    r"\s*,?\s*(?i:cua)\s+(?P<iss>(?i:"
    + "|".join(re.escape(i) for i in ISSUERS)
    + r")|(?i:(?:Bo truong |Lien )?(?:Bo|Uy ban nhan dan|UBND|Ban|So)) [A-Z][\w&]*"
    # the words that end an issuer's name: what the sentence goes on to say ("… của Bộ Y tế hết
    # hiệu lực kể từ ngày …", "… của Ủy ban nhân dân tỉnh được thay thế bởi …")
    r"(?: (?!(?i:ve |quy |huong |ban hanh|phe duyet|sua doi|bo sung|thong bao|tai |theo |va cac |"
    r"het |co hieu|duoc |bi |thay the|bai bo|huy bo|ke tu|tu ngay|ngay |dinh chi|tam ngung|"
    r"dinh chinh|nay )|da )"  # lower case "đã", not "Đà Nẵng"
    r"[\w&-]+){0,7})"
)
# A sentence or clause ends before the last of these (found with rfind, no backtracking).
_SENTENCE_ENDS = (". ", ".\n", ".\t", "; ", ";\n", ";\t", "\n ", "\n\n", "\n\t")
_YEAR_AFTER = re.compile(r"\s*,?\s*(?:(?i:nam)\s+)?(?P<y>(?:19|20)\d\d)(?![\d/])")
_ROMAN = re.compile(r"\s+(?:(?i:dai bieu toan quoc)\s+)?(?:(?i:lan thu)\s+)?(?P<r>[IVX]{1,5})\b")
_OF_PARTY = re.compile(r"\s+(?i:cua dang)\b")

# Name ends (folded, lower case): a date or year, "của", a verb, a clause word, "và" before
# another document or a lower-case word ("Luật Xuất bản và các văn bản hướng dẫn").
_NAME_STOP_WORDS = (
    "ngay +\\d+|cua|theo(?! phuong thuc)|tai|thi|la|da|dang|se|duoc|nay|hien hanh|quy dinh|"
    "huong dan|ban hanh|sua doi|bo sung|thay the|thay doi|co hieu luc|de|nhu|ma|khi|ve|doi voi|"
    "trong|tren|nham|so *:? *\\d+|va +(?:cac|nhung|(?:bo luat|luat|phap lenh|nghi dinh|nghi quyet|"
    "quyet dinh|thong tu|chi thi)\\b)"
)
# From the start of a run of spaces only (what follows can only begin after the run): searched
# from inside one, "\s+" backtracked over the rest of it, the square of its length.
_NAME_STOP = re.compile(
    r"(?<!\s)\s+(?=(?i:(?:nam\s+)?(?:19|20)\d\d\b|(?:"
    + _NAME_STOP_WORDS.replace(" +", r"\s+").replace(" *", r"\s*").replace(" ", r"\s+")
    + r")\b)|va\s+[a-z])"
)
# What may follow a name continued after a comma ("Luật Cán bộ, công chức ngày 24 tháng 6 năm
# 2025", "Pháp lệnh Phí, lệ phí số 38/2001/PL-UBTVQH10", "Luật Thuế xuất khẩu, thuế nhập khẩu,
# Luật Đầu tư"): a date, a year, a number, the end of the clause or the next law. "Luật Xuất bản,
# các văn bản hướng dẫn" is followed by none, so its name stops at the comma.
# The spaces before it are taken whole or not at all (possessively): "\s*,?\s*" tried every split
# of a run of spaces, the square of its length (20,000 em spaces pasted after "Chương trình thúc
# đẩy, hỗ trợ chuyển đổi": 3 s a call, found by bench/fuzz.py). "và" needs spaces before it.
_NAME_FOLLOWER = re.compile(
    r"(\s++)?(?:,?\s*\(?(?i:ngay)\s+\d|,?\s*(?:(?i:nam)\s+)?(?:19|20)\d\d\b"
    r"|,?\s*(?i:so)\s*+(?::\s*)?\d|[;.]"
    r"|(?:,|(?(1)va|(?!)))\s+(?:Bo luat|Luat|Phap lenh)\s|\Z)"
)
# A law cited by name and number: "Luật Tổ chức Quốc hội số 57/2014/QH13" is 57/2014/QH13.
_NAMED_NUMBER = re.compile(rf"\s*,?\s*(?i:so)\s*:?\s*(?P<num>{_NUMBER_BODY})(?![\w/])")
# "Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân và Ủy ban nhân dân ngày 03
# tháng 12 năm 2004": the name runs through "của …" when a date, not an issuer, follows.
_OF_WHOM = re.compile(r"\s+(?i:cua)\s+[^;:.()\n\d“”\"]{1,80}?(?=\s*,?\s*\(?(?i:ngay)\s+\d)")
# A capital after a comma continues a name ("Luật Tổ chức Hội đồng nhân dân, Uỷ ban nhân dân
# ngày …") unless it starts another document ("Luật Doanh nghiệp, Luật Hợp tác xã").
_TYPE_START = re.compile(rf"(?i:{_TYPE_ALT}|bo luat|hien phap)\b|{_ABBR_ALT}\b")
# The councils a law of local government is "of" are part of its name, with or without a date
# after: "Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Uỷ ban nhân dân;".
_OF_COUNCILS = re.compile(
    r"\s+cua\s+Hoi\s+dong\s+nhan\s+dan\s*(?:,|\s+va)\s*Uy\s+ban\s+nhan\s+dan\b"
)
_FOOTNOTE_MARK = re.compile(r"(?<=[a-z])\d{1,2}$")
_HARD_STOP = re.compile(r"[;:.()\[\n“”\"?!,]")  # "[1]": a footnote mark ends a name
_POLICY_HARD_STOP = re.compile(r"[;:.()\n“”\"?!]")
# "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ …": the amending law's name runs
# through the names of the laws it amends.
_AMENDING = re.compile(
    r"\s+sua doi(?:,\s*bo sung)?(?:\s+mot so dieu)?(?:\s+cua)?\s+(?:cac\s+)?"
    r"(?=(?:Bo luat|Luat|Phap lenh)\s)"
)
_AMENDED_LAW = re.compile(r"(?:Bo luat|Luat|Phap lenh)\s+")
# "… số 87/2025/QH15" after an amending law's name is the amending law's own number ("Căn cứ Luật
# sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật số 87/2025/QH15",
# dev2 vb2_58abb15520), except in the enacting formula of that law itself.
_ENACTED = re.compile(r"\bban\s+hanh\s+$", re.IGNORECASE)
_AND_LAW = re.compile(r"\s*(?:,|\s+va)\s+(?=(?:Bo luat|Luat|Phap lenh)\s)")
# A time scope ends a policy name: "… đến năm 2025 và định hướng đến năm 2030", "… thời kỳ 2021 -
# 2030, tầm nhìn đến năm 2050", "… từ nay đến năm 2020 và những năm tiếp theo".
TIME_SCOPE = re.compile(
    r"\s(?:tu nay\s+)?(?:den nam|giai doan|thoi ky)\s+(?:19|20)\d\d"
    r"(?:\s*(?:-|den)\s*(?:19|20)?\d\d)?"
    r"(?:\s*,?\s*(?:va\s+)?(?:dinh huong|tam nhin)\s+(?:den nam\s+)?(?:19|20)\d\d"
    r"|\s+va\s+nhung nam tiep theo"
    r"|\s*,?\s*va\s+giai doan\s+(?:19|20)\d\d(?:\s*-\s*(?:19|20)?\d\d)?)*",
    re.IGNORECASE,
)


# Not frozen: one is made for every reference of every text (~80 a synthetic text), and a frozen
# dataclass's __init__ sets each of its 16 fields through object.__setattr__ (4.9 against 1.7 µs).
# No Reference is changed or hashed once made: a changed one is a new one (dataclasses.replace).
@dataclass(slots=True)
class Reference:
    """One place where a text refers to a document.

    ``start``/``end`` cover the reference as written ("Nghị quyết số 01/NQ-CP", "Luật Viễn thông
    năm 2023"); ``tail_end`` also covers its date and issuer, where the description of the cited
    document begins. ``certain`` is False for a policy name with no quote and no time scope: it
    counts only if an alias makes it a known document.
    """

    start: int
    end: int
    tail_end: int
    kind: str  # "numbered" | "named"
    doc_type: str
    text: str
    number: str | None = None  # canonical: graph.identity.canonical_number
    name: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd of the date written after it
    year: int | None = None
    issuer: str | None = None
    typed: bool = False  # a type word was written ("Nghị định số …", not a bare number)
    certain: bool = True
    year_source: str | None = None  # "number" | "date" | "name" | "preceding_date" | …
    # written as an identity line ("Nghị quyết số: 78/2025/UBTVQH15" opening a line of the
    # header): the text's own number even when the header was not recognised, never a citation
    header: bool = False
    # the name of an amending law ("Luật sửa đổi, bổ sung một số điều của Luật Đất đai …"): the
    # laws named inside it are the laws it amends
    amending: bool = False


# A printed line end inside a sentence is a space for every rule that reads words: Công báo text is
# wrapped at the page width ("của Bộ Chính ⏎trị", "thay thế Quyết ⏎định số 1480/QĐ-TTg", "Luật Thuế
# giá trị gia ⏎tăng"). Joined: a line ending in a word or a comma before a lower-case word or a
# number that opens no list item ("a) …", "2. …") and no footnote ("2 Điều này được bổ sung …"); a
# long line (wrapped at the width) before a capitalised word that opens no article, basis clause
# or recipients list.
# A line end after a stop, a colon, a table's "|" … (or after a blank line after one) is never
# joined (the checks of ``join`` below all need a word, a comma or a hyphen there), so it is not
# matched: two line ends in three on real1k, each a Python call that gave "\n" back.
_NEVER_JOINED = r'.:;!?)\]|*"”'
_LINE_END = re.compile(
    # the look-behinds come after the line end, which the engine finds by a fast search for it
    rf"\n(?<![{_NEVER_JOINED}]\n)(?<![{_NEVER_JOINED}\n]\n\n)"
    r"(?=[ \t]*(?:(?P<low>[a-z](?![a-z]?[).])|\d(?!\d?[.)]\s)(?!\d*[ \t]+[A-Z]))"
    r"|(?P<part>(?:[IVXLC]{1,6}[a-z]?|Dieu[ \t]+\d{1,3}[a-z]?)(?![\w.:)]))"
    r"|(?!(?:Dieu|Chuong|Muc|Phan|Can cu|Theo de nghi|Xet|Noi nhan)\b)[A-Z][a-z]))"
)
# A line that ends with a unit goes on with its number or the larger unit: "… bãi bỏ số thứ tự
# thứ 5 Phụ lục⏎IIb Danh mục …" (dev2 vb2_f28ae3e659), "theo quy định tại khoản 3⏎Điều 16 Nghị định
# số 62/2025/NĐ-CP" (dev2 vb2_769d51d87b).
_UNIT_END = re.compile(
    r"(?<![\w])(?:phu luc|muc|chuong|phan|(?:khoan|diem)[ \t]+\w{1,4})[ \t]*$", re.IGNORECASE
)
_HEADING_LINE = re.compile(r"[ \t]*(?:Dieu|Chuong|Muc|Phan)\s")
WRAPPED_LINE = 55  # characters of a line wrapped at the page width, at least
UNIT_REACH = 16  # "khoản 12a " before a line end
_PROVISION_END = re.compile(
    r"(?<![\w])(?:dieu|khoan|diem|muc|chuong|phan|phu luc)[ \t]+\w{1,6}[ \t]*$", re.IGNORECASE
)
# A basis clause goes on until its ";" whatever the length of its first line: page dumps of
# thuvienphapluat break the first line of a paragraph short ("*Căn cứ Luật Tổ chức⏎Chính phủ số
# 63/2025/QH15;*", "*Căn cứ các Nghị định của⏎Chính phủ: Nghị định số 88/2024/NĐ-CP …", dev2).
_BASIS_START = re.compile(r"(?:^|\n)[ \t*_>]*Can cu\b")
_CLAUSE_CLOSE = re.compile(r"[;.][ \t*_]*\n")
BASIS_REACH = 800  # the longest basis clause of dev2 (four decrees and their titles) is ~700


def _in_basis_clause(folded: str, at: int) -> bool:
    """Whether the line end at ``at`` falls inside a "Căn cứ …;" clause."""
    lo = max(0, at - BASIS_REACH)
    opening = None
    for opening in _BASIS_START.finditer(folded, lo, at):  # noqa: B007
        pass
    return opening is not None and _CLAUSE_CLOSE.search(folded, opening.end(), at + 1) is None


def _join_wrapped(folded: str) -> str:
    def join(match: re.Match[str]) -> str:
        at = match.start()
        before = at - 1
        while before >= 0 and folded[before] in " \t":
            before -= 1
        last = folded[before] if before >= 0 else "\n"
        if match["low"] is not None:
            return " " if last.isascii() and (last.isalnum() or last == ",") else "\n"
        if match["part"] is not None:
            joined = _UNIT_END.search(folded, max(0, at - UNIT_REACH), at)
            return " " if joined else "\n"
        word = match.end()
        while word < len(folded) and folded[word] in " \t":
            word += 1
        if _PROVISION_END.search(folded, max(0, at - UNIT_REACH), at) and _TYPE_START.match(
            folded, word
        ):
            return " "  # "… khoản 2 Điều 8⏎Quyết định số 142/2008/QĐ-TTg": its provisions
        if not (last.islower() or last in ",-"):
            return "\n"
        line = folded.rfind("\n", 0, at) + 1
        if "|" not in folded[line:at] and _in_basis_clause(folded, at):
            return " "  # "*Căn cứ Luật Tổ chức⏎Chính phủ số 63/2025/QH15;*": a clause goes on
        if at - line < WRAPPED_LINE or "|" in folded[line:at] or _HEADING_LINE.match(folded, line):
            return "\n"
        return " "

    return _LINE_END.sub(join, folded)


@functools.lru_cache(maxsize=4)
def fold_sentences(text: str) -> str:
    """:func:`fold_for_scan`, and a printed line end inside a sentence becomes a space (same
    length): what find, resolve and relate read."""
    folded = fold_for_scan(text)
    return _join_wrapped(folded) if "\n" in folded else folded


@functools.lru_cache(maxsize=4)
def lower_twin(folded: str) -> str:
    """``folded`` in lower case (same length), each letter that IGNORECASE matches to an ASCII
    letter written as that letter; every other character keeps whether it is a word, space or
    digit character. So a lower-case pattern matches the twin, case-sensitively, exactly where it
    matches ``folded`` with IGNORECASE; and it runs several times faster: the engine skips an
    alternative whose first letter differs without trying it, and finds a literal start by a
    fast search (relate reads its cues at every reference).

    >>> lower_twin("Quyet dinh NAY co hieu luc")
    'quyet dinh nay co hieu luc'
    """
    low = lower_same_length(folded)
    if not low.isascii():
        # a str.replace for each such letter written: ``str.translate`` of a whole text looks
        # every character up in its table (8 ms for a 4 MB text of real1k)
        for other, letter in AS_LETTER.items():
            if other in low:
                low = low.replace(other, letter)
    return low


def _issuer_after(text: str, folded: str, pos: int) -> tuple[str | None, int]:
    match = _ISSUER.match(folded, pos, min(len(folded), pos + 120))
    if not match:
        return None, pos
    return text[match.start("iss") : match.end("iss")].strip(), match.end()


def _date_after(folded: str, pos: int) -> tuple[str | None, int | None, int]:
    match = _DATE.match(folded, pos, min(len(folded), pos + DATE_WINDOW))
    if not match:
        return None, None, pos
    day, month, year = match.group("d", "m", "y")
    return _iso_date(day, month, year), int(year), match.end()


def _numbered(
    text: str, folded: str, match: re.Match[str], floor: int, unreadable: bool = True
) -> Reference | None:
    """A numbered reference; ``unreadable``: whether the text holds an :data:`UNREADABLE` at all
    (most hold none, and then no number touches one)."""
    num_start = match.start("num")
    raw_number = text[num_start : match.end("num")]
    end = match.end()
    if unreadable and UNREADABLE in folded[max(0, num_start - 1) : end + 1]:
        return None  # "�5/QĐ-TTg", "25/QĐ-T�g": digits OCR could not read
    if end < len(folded) and folded[end].islower() and len(re.split(r"[-/]", raw_number)[-1]) == 1:
        return None  # "CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025": a word, not a symbol
    number = _canonical(raw_number)
    lo = max(floor, match.start() - PREFIX_WINDOW)
    start, type_word = _cached_prefix(folded, lo, match.start())
    doc_type = _type_of_word(type_word) if type_word else None
    if doc_type is None:
        doc_type = _doc_type_of_number(number)
    pos = match.end()
    date, year, pos = _date_after(folded, pos)
    issuer, pos = _issuer_after(text, folded, pos)
    if year is None:  # "… của Thủ tướng Chính phủ ngày 27/3/2021" also occurs
        date, year, after = _date_after(folded, pos)
        pos = after if year else pos
    own_year = _number_year(number)
    header = False
    if ":" in folded[start : match.start()]:
        line_start = folded.rfind("\n", 0, start) + 1
        header = _LINE_LEAD.fullmatch(folded, line_start, start) is not None
    return Reference(
        start=start,
        end=match.end(),
        tail_end=pos,
        kind="numbered",
        doc_type=doc_type,
        text=text[start : match.end()],
        number=number,
        date=date,
        year=own_year or year,
        issuer=issuer,
        typed=bool(type_word),
        year_source="number" if own_year else ("date" if year else None),
        header=header,
    )


@functools.lru_cache(maxsize=256)
def _type_of_word(type_word: str) -> str | None:
    """The type a type word as written names ("Nghi  dinh", "QD"); a text writes a few, often."""
    key = " ".join(type_word.lower().split())
    return TYPE_ABBREVIATIONS.get(type_word) or _TYPE_OF.get(key)


# Only layout before an identity line: "| Số: 21/CT-TTg |", "**Nghị quyết số: 78/2025/UBTVQH15**".
_LINE_LEAD = re.compile(r"[\s|*#>_-]*")


@functools.lru_cache(maxsize=4096)
def _canonical(raw: str) -> str:
    return canonical_number(raw)


# A text writes the same numbers and dates again and again.
_number_year = functools.lru_cache(maxsize=4096)(number_year)
_doc_type_of_number = functools.lru_cache(maxsize=4096)(doc_type_from_number)
_iso_date = functools.lru_cache(maxsize=4096)(iso_date)
_FIRST_WORD = re.compile(r"\S+")


def _law_name_end(text: str, folded: str, start: int, continued: int = 2) -> int:
    """End of a law's name that starts at ``start`` (the first word after the type word)."""
    limit = min(len(folded), start + NAME_WINDOW)
    hard = _HARD_STOP.search(folded, start, limit)
    stop = hard.start() if hard else limit
    piece = folded[start:stop]
    # the first word always belongs to the name ("Luật Ban hành văn bản …")
    first = _FIRST_WORD.match(piece)
    if first is None or (first.group().islower() and _NAME_STOP.match(" " + piece)):
        return start  # "Luật này", "Chiến lược theo …": no name follows
    skip = first.end()
    cut = _NAME_STOP.search(piece, skip)
    while cut is not None and not _stops(text, start + cut.end(), piece, cut.end()):
        cut = _NAME_STOP.search(piece, cut.end())
    end = start + (cut.start() if cut else len(piece))
    end = start + len(folded[start:end].rstrip(" -"))
    glued = _FOOTNOTE_MARK.search(folded, start, end)
    if glued:  # "Luật Thuế giá trị gia tăng2": a footnote mark printed against the last word
        end = glued.start()
    if continued and cut is None and hard is not None and folded[stop] == ",":
        # "Luật Cán bộ, công chức ngày …": a comma before a lower-case word may continue it
        after = stop + 1
        while after < limit and folded[after] == " ":
            after += 1
        if after < limit and (folded[after].islower() or not _TYPE_START.match(folded, after)):
            longer = _law_name_end(text, folded, after, continued - 1)
            if longer > after and _NAME_FOLLOWER.match(folded, longer):
                return longer
    return end


# Stop words that fold like words of a name: "tại" stops "Luật Quản lý, sử dụng tài sản công" only
# as "tại", never as "tài"; a text written without diacritics cannot tell, so there they stop.
_STOP_SPELLINGS: dict[str, frozenset[str]] = {
    folded: frozenset(spellings.split())
    for folded, spellings in (
        ("tai", "tại"),
        ("la", "là"),
        ("da", "đã"),
        ("de", "để"),
        ("ve", "về"),
        ("ma", "mà"),
        ("thi", "thì"),
        ("se", "sẽ"),
        ("cua", "của"),
        ("dang", "đang"),
        ("nhu", "như"),
        ("tren", "trên"),
        ("nham", "nhằm"),
        ("duoc", "được"),
    )
}
_WORD = re.compile(r"\w+")


def _stops(text: str, at: int, piece: str, piece_at: int) -> bool:
    """Whether the stop word found at ``at`` is spelt as that stop word in the text."""
    found = _WORD.match(piece, piece_at)
    if found is None or found.group().lower() not in _STOP_SPELLINGS:
        return True
    written = text[at : at + len(found.group())].lower()
    return written == found.group().lower() or written in _STOP_SPELLINGS[found.group().lower()]


def _named(
    text: str, folded: str, match: re.Match[str], numbered_ok: bool = True
) -> Reference | None:
    """A document cited by name; ``numbered_ok``: a number after the name may be its own (not
    inside an amending law's name that takes the number itself)."""
    word = match["nw"]
    doc_type = NAMED_TYPE_WORDS.get(word) or POLICY_TYPE_WORDS.get(word)
    if doc_type is None:  # upper-case "LUẬT …" in a title
        doc_type = NAMED_TYPE_WORDS[word.capitalize()] if word != "BO LUAT" else "code"
    start = match.start()
    name_start = match.end() + 1
    while name_start < len(folded) and folded[name_start] == " ":
        name_start += 1
    if name_start < len(folded) and folded[name_start] == "\n" and word not in POLICY_TYPE_WORDS:
        # "Luật ⏎Bảo hiểm xã hội": a type word ending a printed line names what the next begins
        name_start += 1
        while name_start < len(folded) and folded[name_start] in " \t":
            name_start += 1
    if word in POLICY_TYPE_WORDS:
        return _policy(text, folded, start, name_start, doc_type)
    amending = _AMENDING.match(folded, match.end())
    if amending:
        # the amended laws' names, joined by "và" or commas
        pos = amending.end()
        while True:
            law = _AMENDED_LAW.match(folded, pos)
            if not law:
                break
            pos = _law_name_end(text, folded, law.end())
            more = _AND_LAW.match(folded, pos)
            if not more:
                break
            pos = more.end()
        end = pos
    else:
        end = _law_name_end(text, folded, name_start)
    if doc_type == "constitution" and end <= name_start:
        end = match.end()  # "Căn cứ Hiến pháp;"
    if end <= name_start and doc_type != "constitution":
        return None
    # "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam (năm 2013)" is the Constitution
    name = "Hiến pháp" if doc_type == "constitution" else _law_name(text[start:end])
    pos = end
    numbered = _NAMED_NUMBER.match(folded, pos, pos + 60) if numbered_ok else None
    if numbered and amending and _ENACTED.search(folded, max(0, start - 20), start):
        # "Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Thuế thu nhập doanh
        # nghiệp số 14/2008/QH12": the formula never writes the act's own number; it is the
        # amended law's
        numbered = None
    if numbered:
        found = _named_number(text, folded, start, name, doc_type, numbered)
        return replace(found, amending=bool(amending))
    councils = None if amending else _OF_COUNCILS.match(folded, pos)
    if councils:
        end = pos = councils.end()
        name = _law_name(text[start:end])
    date, year, after = _date_after(folded, pos)
    if year is None and not amending and doc_type != "constitution":
        of_whom = _OF_WHOM.match(folded, pos, pos + 100)
        if of_whom and not _ISSUER.match(folded, pos, pos + 120):
            date, year, after = _date_after(folded, of_whom.end())
            if year is not None:
                end = of_whom.end()
                name = _law_name(text[start:end])
    source = "date" if year else None
    if year is None and not amending:
        bare = _YEAR_AFTER.match(folded, pos, min(len(folded), pos + 12))
        if bare:
            year, after, source = int(bare["y"]), bare.end(), "name"
    issuer, tail = _issuer_after(text, folded, after)
    return Reference(
        start=start,
        end=end,
        tail_end=tail,
        kind="named",
        doc_type=doc_type,
        text=text[start:end],
        name=name,
        date=date,
        year=year,
        issuer=issuer,
        typed=True,
        year_source=source,
        amending=bool(amending),
    )


# Abbreviations written in law names: "Luật Tổ chức HĐND và UBND ngày 26 tháng 11 năm 2003" is
# "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân", one law for every text that cites it.
NAME_ABBREVIATIONS: dict[str, str] = {
    "HĐND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
}
_ABBREVIATION = re.compile(r"\b(?:" + "|".join(NAME_ABBREVIATIONS) + r")\b")


def _law_name(written: str) -> str:
    name = squash(written)
    name = name if not name.isupper() else name.capitalize()
    name = _ABBREVIATION.sub(lambda m: NAME_ABBREVIATIONS[m.group()], name)
    # "Hội đồng nhân dân, Uỷ ban nhân dân" and "… và Ủy ban nhân dân" are one name
    return _COUNCIL_PAIR.sub("Hội đồng nhân dân và Ủy ban nhân dân", name)


_COUNCIL_PAIR = re.compile(r"Hội đồng nhân dân\s*(?:,|và)\s*(?:Ủy|Uỷ) ban nhân dân")


def _named_number(
    text: str, folded: str, start: int, name: str, doc_type: str, numbered: re.Match[str]
) -> Reference:
    """ "Luật Bảo hiểm xã hội số 41/2024/QH15": the number is the identity, the name its name."""
    number = _canonical(text[numbered.start("num") : numbered.end("num")])
    end = numbered.end()
    date, year, pos = _date_after(folded, end)
    issuer, pos = _issuer_after(text, folded, pos)
    own_year = _number_year(number)
    return Reference(
        start=start,
        end=end,
        tail_end=pos,
        kind="numbered",
        doc_type=doc_type,
        text=text[start:end],
        number=number,
        name=name,
        date=date,
        year=own_year or year,
        issuer=issuer,
        typed=True,
        year_source="number" if own_year else ("date" if year else None),
    )


_CLOSE_QUOTE = re.compile(r"[”\"]")
# A time scope after "của", "theo", "tại", "cho" is the scope of what they name, not the policy's.
_ATTACHED = re.compile(r"\b(?:cua|theo|tai|cho)\b")


def _policy(text: str, folded: str, start: int, name_start: int, doc_type: str) -> Reference | None:
    if name_start < len(folded) and folded[name_start] in '“"':
        close = _CLOSE_QUOTE.search(folded, name_start + 1, name_start + NAME_WINDOW)
        if not close:
            return None
        inner = text[name_start + 1 : close.start()].strip()
        name = f"{text[start:name_start].strip()} {inner}"
        end = close.end()
        certain = True
    else:
        limit = min(len(folded), name_start + NAME_WINDOW)
        hard = _POLICY_HARD_STOP.search(folded, name_start, limit)
        stop = hard.start() if hard else limit
        scope = TIME_SCOPE.search(folded, name_start - 1, stop)
        if scope and not _ATTACHED.search(folded[name_start : scope.start()]):
            end, certain = scope.end(), True
        else:
            end, certain = _law_name_end(text, folded, name_start), False
        name = squash(text[start:end])
    if end <= name_start:
        return None
    return Reference(
        start=start,
        end=end,
        tail_end=end,
        kind="named",
        doc_type=doc_type,
        text=text[start:end],
        name=name,
        typed=True,
        certain=certain,
    )


def _congress(text: str, folded: str, match: re.Match[str]) -> Reference | None:
    roman = _ROMAN.match(folded, match.end(), min(len(folded), match.end() + 40))
    if not roman or roman["r"] not in CONGRESS_YEARS:
        return None
    end = roman.end()
    party = _OF_PARTY.match(folded, end)
    end = party.end() if party else end
    ordinal = roman["r"]
    return Reference(
        start=match.start(),
        end=end,
        tail_end=end,
        kind="named",
        doc_type="resolution",
        text=text[match.start() : end],
        name=f"Nghị quyết Đại hội đại biểu toàn quốc lần thứ {ordinal} của Đảng",
        year=CONGRESS_YEARS[ordinal],
        typed=True,
        year_source="congress",
    )


def _preceding_year(folded: str, ref: Reference, floor: int) -> int | None:
    """The year of a date just before a year-less reference, in the same sentence, with no other
    reference between."""
    lo = max(floor, ref.start - PRECEDING_DATE_WINDOW)
    window = folded[lo : ref.start]
    if "ngay" not in window.lower():
        return None  # every date opens with "ngày" (most numbers have none before them)
    cut = max(window.rfind(end) for end in _SENTENCE_ENDS)
    if cut >= 0:
        window = window[cut + 2 :]
    dates = list(_ANY_DATE.finditer(window))
    return int(dates[-1]["y"]) if dates else None


def find_references(text: str, folded: str | None = None) -> list[Reference]:
    """Every reference to a document in ``text``, in order of position.

    >>> [r.number for r in find_references("Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011;")]
    ['43/2011/NĐ-CP']
    """
    folded = fold_sentences(text) if folded is None else folded
    found: list[Reference] = []
    last_end = 0
    numbered_by = 0  # an amending law's name with its number runs to here
    unreadable = UNREADABLE in folded
    for match in _scanner_matches(folded):
        if match.start() < last_end and match["nw"] is None:
            continue
        ref: Reference | None
        if match["num"] is not None:
            ref = _numbered(text, folded, match, last_end, unreadable)
        elif match["congress"] is not None:
            ref = _congress(text, folded, match)
        else:
            ref = _named(text, folded, match, numbered_ok=match.start() >= numbered_by)
            if ref is not None and ref.amending and ref.number:
                numbered_by = ref.end
        if ref is None:
            continue
        if ref.kind == "numbered" and ref.year is None:
            year = _preceding_year(folded, ref, found[-1].tail_end if found else 0)
            if year is not None:
                ref = replace(ref, year=year, year_source="preceding_date")
        found.append(ref)
        last_end = max(last_end, ref.end)
    if "(" in folded and found:
        found = _with_short_forms(text, folded, found)
    return found


# A short form a text gives a document it cites: "Nghị quyết số 17/NQ-CP ngày 07/3/2019 … (Nghị
# quyết 17)", "Quyết định số 20/2000/QĐ-TTg … (sau đây gọi tắt là QĐ 20)": later "Nghị quyết 17"
# is that document. Only a type word and a bare ordinal; a full number is found anyway.
_SHORT_FORM = re.compile(
    r"\(\s*(?:(?i:sau\s+day)\s+)?(?:(?i:duoc)\s+)?(?:(?i:goi|viet)(?:\s+(?i:tat|chung))?\s+(?i:la)\s+)?"
    rf"(?P<short>(?:(?i:{_TYPE_ALT})|{_ABBR_ALT})\s+(?:(?i:so)\s+)?\d{{1,5}})\s*\)"
)
SHORT_FORM_WINDOW = 400  # how far after a reference its short form may be given


def _with_short_forms(text: str, folded: str, found: list[Reference]) -> list[Reference]:
    shorts: dict[str, tuple[Reference, int]] = {}
    for i, ref in enumerate(found):
        if ref.kind != "numbered":
            continue
        limit = min(len(folded), ref.tail_end + SHORT_FORM_WINDOW)
        if i + 1 < len(found):
            limit = min(limit, found[i + 1].start)
        at = folded.find("(", ref.tail_end, limit)
        definition = _SHORT_FORM.match(folded, at, limit) if at >= 0 else None
        if definition:
            key = " ".join(definition["short"].lower().split())
            shorts.setdefault(key, (ref, definition.end()))
    if not shorts:
        return found
    words = "|".join(
        r"\s+".join(re.escape(w) for w in key.split())
        for key in sorted(shorts, key=len, reverse=True)
    )
    pattern = re.compile(rf"(?<![\w/])(?i:{words})(?![\w/])")
    taken = [(r.start, r.end) for r in found]
    added = []
    for match in pattern.finditer(folded):
        ref, defined_at = shorts[" ".join(match.group().lower().split())]
        if match.start() < defined_at or any(a <= match.start() < b for a, b in taken):
            continue
        added.append(
            replace(
                ref,
                start=match.start(),
                end=match.end(),
                tail_end=match.end(),
                text=text[match.start() : match.end()],
                issuer=None,
                header=False,
                year_source="short_form",
            )
        )
    return sorted(found + added, key=lambda r: r.start) if added else found
