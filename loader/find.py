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
from dataclasses import dataclass, replace

from graph.identity import canonical_number, doc_type_from_number, number_year, strip_diacritics

# Type words written before a number, folded (no diacritics), matched case-insensitively, longest
# first so "Thông tư liên tịch" wins over "Thông tư". None = take the type from the symbol:
# "văn bản số 349/TB-VPCP" is an announcement, "Văn bản số 152/CV-TCTW" an official letter.
TYPE_WORDS: tuple[tuple[str, str | None], ...] = (
    ("thong tu lien tich", "joint_circular"),
    ("van ban hop nhat", "consolidated_text"),
    ("nghi quyet", "resolution"),
    ("nghi dinh", "decree"),
    ("quyet dinh", "decision"),
    ("chi thi", "directive"),
    ("thong tu", "circular"),
    ("bo luat", "code"),
    ("hien phap", "constitution"),
    ("phap lenh", "ordinance"),
    ("luat", "law"),
    ("cong van", "official_letter"),
    ("cong dien", "official_letter"),
    ("van ban", None),
    ("to trinh", "unknown"),  # "Xét Tờ trình số 4189/LS-LĐTBXH-TC": no type in the vocabulary
    ("ke hoach", "plan"),
    ("thong bao", "announcement"),
    ("ket luan", "conclusion"),
    ("quy che", "regulation"),
    ("quy dinh", "regulation"),
    ("chuong trinh", "program"),
    ("chien luoc", "strategy"),
    ("de an", "scheme"),
    ("quy hoach", "master_plan"),
    ("bao cao", "report"),
    ("huong dan", "guidance"),
    ("lenh", "order"),
)

# Abbreviated type words, upper case only: "theo QĐ số 22/2013/QĐ-TTg" (dev vb_8c4197cb3e).
TYPE_ABBREVIATIONS: dict[str, str] = {
    "QD": "decision",
    "ND": "decree",
    "NQ": "resolution",
    "TTLT": "joint_circular",
    "CV": "official_letter",
}

# Type words that introduce a document cited by name: "Luật Viễn thông năm 2023", "Bộ luật Lao
# động". Title case only (folded), because lower case "pháp luật" is law in general.
NAMED_TYPE_WORDS: dict[str, str] = {
    "Bo luat": "code",
    "Hien phap": "constitution",
    "Phap lenh": "ordinance",
    "Luat": "law",
}

# Policy documents cited by name: "Chiến lược phát triển Bưu chính đến năm 2025 và định hướng đến
# năm 2030". Title case only; without a quoted name or a time scope ("đến năm", "giai đoạn",
# "thời kỳ") the phrase is usually generic ("lập Đề án hỗ trợ người có công …", dev vb_6711e3512e).
POLICY_TYPE_WORDS: dict[str, str] = {
    "Chien luoc": "strategy",
    "Chuong trinh": "program",
    "De an": "scheme",
    "Quy hoach": "master_plan",
    "Ke hoach": "plan",
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

_ORD = r"\d{1,5}"
# One symbol token: upper case and digits, "TTg" keeps its lower-case g; stops before a glued
# lower-case word ("01/CT-BTTTTvề", seed 002).
_TOK = r"[A-Z][A-Z0-9&]*(?:g(?![a-z]))?"
# Between tokens: "-" or "/", or a dash with OCR spaces before an upper-case token
# ("290/2005/QĐ- TTg", "3210/QĐ - UBND").
_SEP = r"(?:[-/]|\s?-\s?(?=[A-Z]{2}))"
_NUMBER = (
    rf"(?P<num>{_ORD}(?:\s?/\s?(?:19|20)\d\d)?\s?/\s?{_TOK}(?:{_SEP}{_TOK})*"
    rf"|{_ORD}-{_TOK}/{_TOK}(?:-{_TOK})*)"
)
_TYPE_ALT = "|".join(re.escape(word) for word, _ in TYPE_WORDS)
_ABBR_ALT = "|".join(sorted(TYPE_ABBREVIATIONS, key=len, reverse=True))
_SO = r"(?i:so)\s*[:.]?\s*"
_NAMED_ALT = "|".join(
    re.escape(w) for w in sorted({**NAMED_TYPE_WORDS, **POLICY_TYPE_WORDS}, key=len, reverse=True)
)

# The scanner starts only where a reference can start (a digit or the capital of a named type
# word): the leading look-ahead lets the engine skip every other position fast. The type word and
# "số" before a number are read afterwards from a short window (:data:`_PREFIX`).
_SCANNER = re.compile(
    rf"(?=[\dLBPHCDQKN])(?:(?<![\w/.-])(?<!\d:){_NUMBER}"
    rf"|(?<![A-Za-z])(?<!phap )(?P<nw>{_NAMED_ALT}|LUAT|BO LUAT|PHAP LENH)(?=\s+[\"“A-Za-z])"
    rf"(?!\s+{_SO}\d)"
    rf"|(?<![A-Za-z])(?P<congress>[Nn](?i:ghi quyet dai hoi))(?=\s))"
)
_PREFIX = re.compile(
    rf"(?:(?<![A-Za-z])(?P<tw>(?i:{_TYPE_ALT})|{_ABBR_ALT})\s+)?(?:(?<![A-Za-z]){_SO})?\Z"
)
PREFIX_WINDOW = 40  # "Thông tư liên tịch số " is the longest prefix

_DATE = re.compile(
    r"\s*,?\s*\(?\s*(?i:ngay)\s+(?P<d>\d{1,2})\s*(?:[/.-]|\s+(?i:thang)\s+)(?P<m>\d{1,2})"
    r"\s*(?:[/.-]|\s+(?i:nam)\s+)(?P<y>(?:19|20)\d\d)(?!\d)"
)
_ANY_DATE = re.compile(
    r"(?i:ngay)\s+(?P<d>\d{1,2})\s*(?:[/.-]|\s+(?i:thang)\s+)(?P<m>\d{1,2})"
    r"\s*(?:[/.-]|\s+(?i:nam)\s+)(?P<y>(?:19|20)\d\d)(?!\d)"
)
_ISSUER = re.compile(
    r"\s*,?\s*(?i:cua)\s+(?P<iss>(?i:"
    + "|".join(re.escape(i) for i in ISSUERS)
    + r")|(?i:(?:Bo truong |Lien )?(?:Bo|Uy ban nhan dan|UBND|Ban|So)) [A-Z][\w&]*"
    r"(?: (?!(?i:ve |quy |huong |ban hanh|phe duyet|sua doi|thong bao|tai |theo |va cac ))"
    r"[\w&-]+){0,7})"
)
_SENTENCE_TAIL = re.compile(r".*[.;\n]\s", re.DOTALL)
_YEAR_AFTER = re.compile(r"\s*,?\s*(?:(?i:nam)\s+)?(?P<y>(?:19|20)\d\d)(?![\d/])")
_ROMAN = re.compile(r"\s+(?:(?i:dai bieu toan quoc)\s+)?(?:(?i:lan thu)\s+)?(?P<r>[IVX]{1,5})\b")
_OF_PARTY = re.compile(r"\s+(?i:cua dang)\b")

# Name ends (folded, lower case): a date or year, "của", a verb, a clause word, "và" before
# another document or a lower-case word ("Luật Xuất bản và các văn bản hướng dẫn").
_NAME_STOP = re.compile(
    r"\s+(?=(?i:(?:nam\s+)?(?:19|20)\d\d\b|ngay\s+\d|cua\b|theo\b|tai\b|thi\b|la\b|da\b|dang\b|"
    r"se\b|duoc\b|nay\b|hien hanh|quy dinh\b|huong dan\b|ban hanh\b|sua doi\b|bo sung\b|"
    r"thay the\b|thay doi\b|co hieu luc|de\b|nhu\b|ma\b|khi\b|ve\b|doi voi\b|trong\b|tren\b|"
    r"nham\b|va\s+(?:cac|nhung|(?:bo luat|luat|phap lenh|nghi dinh|nghi quyet|quyet dinh|thong tu|"
    r"chi thi)\b))|va\s+[a-z])"
)
_HARD_STOP = re.compile(r"[;:.()\n“”\"?!,]")
_POLICY_HARD_STOP = re.compile(r"[;:.()\n“”\"?!]")
# "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ …": the amending law's name runs
# through the names of the laws it amends.
_AMENDING = re.compile(
    r"\s+sua doi(?:,\s*bo sung)?(?:\s+mot so dieu)?(?:\s+cua)?\s+(?:cac\s+)?"
    r"(?=(?:Bo luat|Luat|Phap lenh)\s)"
)
_AMENDED_LAW = re.compile(r"(?:Bo luat|Luat|Phap lenh)\s+")
_AND_LAW = re.compile(r"\s+va\s+(?=(?:Bo luat|Luat|Phap lenh)\s)")
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


@dataclass(frozen=True, slots=True)
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


_FOLD = _fold_table()


# find and relate both scan the folded text; folding is per character, so it is done once per text.
@functools.lru_cache(maxsize=4)
def fold_for_scan(text: str) -> str:
    """``Quyết định số 749/QĐ-TTg`` → ``Quyet dinh so 749/QD-TTg``: same length, same case."""
    return text.translate(_FOLD)


def _iso(day: str, month: str, year: str) -> str | None:
    d, m, y = int(day), int(month), int(year)
    if not (1 <= d <= 31 and 1 <= m <= 12):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _issuer_after(text: str, folded: str, pos: int) -> tuple[str | None, int]:
    match = _ISSUER.match(folded, pos, min(len(folded), pos + 120))
    if not match:
        return None, pos
    return text[match.start("iss") : match.end("iss")].strip(), match.end()


def _date_after(folded: str, pos: int) -> tuple[str | None, int | None, int]:
    match = _DATE.match(folded, pos, min(len(folded), pos + DATE_WINDOW))
    if not match:
        return None, None, pos
    return _iso(match["d"], match["m"], match["y"]), int(match["y"]), match.end()


def _numbered(text: str, folded: str, match: re.Match[str], floor: int) -> Reference:
    raw_number = text[match.start("num") : match.end("num")]
    number = canonical_number(raw_number)
    lo = max(floor, match.start() - PREFIX_WINDOW)
    prefix = _PREFIX.search(folded, lo, match.start())
    start = prefix.start() if prefix else match.start()
    type_word = prefix["tw"] if prefix else None
    doc_type: str | None = None
    if type_word:
        key = type_word.lower()
        doc_type = TYPE_ABBREVIATIONS.get(type_word) or dict(TYPE_WORDS).get(key)
    if doc_type is None:
        doc_type = doc_type_from_number(number)
    pos = match.end()
    date, year, pos = _date_after(folded, pos)
    issuer, pos = _issuer_after(text, folded, pos)
    if date is None:  # "… của Thủ tướng Chính phủ ngày 27/3/2021" also occurs
        date, year, after = _date_after(folded, pos)
        pos = after if date else pos
    own_year = number_year(number)
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
    )


def _law_name_end(folded: str, start: int) -> int:
    """End of a law's name that starts at ``start`` (the first word after the type word)."""
    limit = min(len(folded), start + NAME_WINDOW)
    hard = _HARD_STOP.search(folded, start, limit)
    stop = hard.start() if hard else limit
    piece = folded[start:stop]
    # the first word always belongs to the name ("Luật Ban hành văn bản …")
    first = re.match(r"\S+", piece)
    if first is None or (first.group().islower() and _NAME_STOP.match(" " + piece)):
        return start  # "Luật này", "Chiến lược theo …": no name follows
    skip = first.end()
    cut = _NAME_STOP.search(piece, skip)
    end = start + (cut.start() if cut else len(piece))
    return start + len(folded[start:end].rstrip(" -"))


def _named(text: str, folded: str, match: re.Match[str]) -> Reference | None:
    word = match["nw"]
    doc_type = NAMED_TYPE_WORDS.get(word) or POLICY_TYPE_WORDS.get(word)
    if doc_type is None:  # upper-case "LUẬT …" in a title
        doc_type = NAMED_TYPE_WORDS[word.capitalize()] if word != "BO LUAT" else "code"
    start = match.start()
    name_start = match.end() + 1
    while name_start < len(folded) and folded[name_start] == " ":
        name_start += 1
    if word in POLICY_TYPE_WORDS:
        return _policy(text, folded, start, name_start, doc_type)
    amending = _AMENDING.match(folded, match.end())
    if amending:
        # the amended laws' names, joined by "và"
        pos = amending.end()
        while True:
            law = _AMENDED_LAW.match(folded, pos)
            if not law:
                break
            pos = _law_name_end(folded, law.end())
            more = _AND_LAW.match(folded, pos)
            if not more:
                break
            pos = more.end()
        end = pos
    else:
        end = _law_name_end(folded, name_start)
    if end <= name_start:
        return None
    name = re.sub(r"\s+", " ", text[start:end]).strip()
    pos = end
    date, year, after = _date_after(folded, pos)
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
        name=name if not name.isupper() else name.capitalize(),
        date=date,
        year=year,
        issuer=issuer,
        typed=True,
        year_source=source,
    )


def _policy(text: str, folded: str, start: int, name_start: int, doc_type: str) -> Reference | None:
    if name_start < len(folded) and folded[name_start] in '“"':
        close = re.compile(r"[”\"]").search(folded, name_start + 1, name_start + NAME_WINDOW)
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
        if scope and not re.search(r"\b(?:cua|theo|tai|cho)\b", folded[name_start : scope.start()]):
            end, certain = scope.end(), True
        else:
            end, certain = _law_name_end(folded, name_start), False
        name = re.sub(r"\s+", " ", text[start:end]).strip()
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
    sentence = _SENTENCE_TAIL.search(window)
    if sentence:
        window = window[sentence.end() :]
    dates = list(_ANY_DATE.finditer(window))
    return int(dates[-1]["y"]) if dates else None


def find_references(text: str, folded: str | None = None) -> list[Reference]:
    """Every reference to a document in ``text``, in order of position.

    >>> [r.number for r in find_references("Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011;")]
    ['43/2011/NĐ-CP']
    """
    folded = fold_for_scan(text) if folded is None else folded
    found: list[Reference] = []
    last_end = 0
    for match in _SCANNER.finditer(folded):
        if match.start() < last_end and match["nw"] is None:
            continue
        ref: Reference | None
        if match["num"] is not None:
            ref = _numbered(text, folded, match, last_end)
        elif match["congress"] is not None:
            ref = _congress(text, folded, match)
        else:
            ref = _named(text, folded, match)
        if ref is None:
            continue
        if ref.kind == "numbered" and ref.year is None:
            year = _preceding_year(folded, ref, found[-1].tail_end if found else 0)
            if year is not None:
                ref = replace(ref, year=year, year_source="preceding_date")
        found.append(ref)
        last_end = max(last_end, ref.end)
    return found
