"""Stage 5, relate: resolved references → typed edges with evidence (BASED_ON … CITES).

The kind of a citation is read from the words around it. The relation verbs are one table,
:data:`loader.verbs.VERBS`, from which the cue tables here are built; the other words (clause
openers, planning words, lead-ins) are data here. Three situations:

- *coordinated* ("Nghị quyết số 01/NQ-CP và Nghị quyết số 02/NQ-CP"): the second shares the first's
  kind; after ";" the kind of the list's item, not of a document its description named;
- *described* ("Nghị định số 60/2003/NĐ-CP … quy định chi tiết và hướng dẫn thi hành Luật Ngân
  sách nhà nước"): the words between describe the first document, so this text only CITES the
  second, and a supersession or guidance verb there is a third-party edge first → second (turned
  round in the passive, "… được sửa đổi, bổ sung bởi Luật số 96/2025/QH15");
- *independent*: the clause before the reference says what this text does with it ("Căn cứ …",
  "triển khai thực hiện …", its own title "Hướng dẫn thực hiện …", "Nghị định này thay thế …",
  its enacting formula "Chính phủ ban hành Nghị định sửa đổi, bổ sung …", a final provision
  "Bãi bỏ khoản 2 Điều 21 Nghị định số …", a list "… và thay thế các Quyết định sau:").

Direction is the point (DESIGN.md): a planned act ("Xây dựng Nghị định sửa đổi Nghị định số
91/2020/NĐ-CP") only CITES. Supersession edges carry their scope, the provisions they touch and the
day the effect takes hold (:mod:`loader.effects`).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from itertools import accumulate, repeat
from operator import add

from graph.identity import strip_diacritics
from graph.messages import year_unknown_reason
from graph.model import DOC_TYPE_TABLE, Alias, Document, Edge, Mention, RelationType
from loader import effects
from loader.find import TYPE_WORDS, Reference, find_references, fold_sentences, lower_twin
from loader.parse import ParsedText
from loader.read import SourceText
from loader.resolve import AliasLookup, Resolved, resolve_references
from loader.text import is_nfc, squash
from loader.verbs import SUPERSESSION, is_phrase, rows

R = RelationType


def _lower(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without IGNORECASE, for the lower twin of the text (:func:`lower_twin`), where
    it matches exactly where ``pattern`` matches the text. Its letters must all be lower case."""
    letters = re.sub(r"\\.|\(\?P[<=]", "", pattern.pattern)  # escapes ("\W") and group syntax
    assert not re.search(r"[A-Z]", letters) and "(?-" not in letters, pattern.pattern
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


# Strongest claim first: one edge per (source, target) keeps the strongest kind found.
PRECEDENCE: tuple[str, ...] = (
    R.REPLACES,
    R.REPEALS,
    R.AMENDS,
    R.CORRECTS,
    R.SUSPENDS,
    R.CONSOLIDATES,
    R.GUIDES,
    R.BASED_ON,
    R.IMPLEMENTS,
    R.CITES,
)
_RANK = {kind: i for i, kind in enumerate(PRECEDENCE)}

# Confidence by rule: how often the rule is right on the texts we read.
CONFIDENCE: dict[str, float] = {
    "based_on": 0.95,
    "title": 0.9,
    "own_subject": 0.9,
    "formula": 0.9,
    "expires": 0.85,
    "imperative": 0.8,
    "list": 0.8,
    "consolidated": 0.9,
    "footnote": 0.85,
    "lead_in": 0.75,
    "coordinated": 0.75,
    "cites": 0.9,
    "named": 0.8,
    "ambiguous": 0.5,
    "third_party": 0.7,
}
# Rules by which the text says what it does itself: in a consolidated text, or in the quoted
# wording of another act, the acting document is that act.
OWN_EFFECT_RULES = frozenset({"own_subject", "formula", "imperative", "expires", "list"})

# The relation verbs (loader.verbs), by where they are read.
TITLE_CUES = rows(context="title")
DESCRIBED_CUES = rows(context="described")
IMPERATIVE_CUES = rows(context="imperative")
PASSIVE_CUES = rows(context="passive")
LAPSE_CUES = rows(context="lapse")

# Type words (loader.find.TYPE_WORDS) and what they name: "<type> này" is the text itself, "ban
# hành <type>" its enacting formula.
_TYPE_OF: dict[str, str] = {word: code for word, code in TYPE_WORDS if code is not None}
_TYPES = "|".join(w.replace(" ", r"\s+") for w in sorted(_TYPE_OF, key=len, reverse=True))
_OWN_SUBJECT = re.compile(rf"(?<![a-z])(?:{_TYPES}|van\s+ban)\s+nay\b", re.IGNORECASE)
_OWN_SUBJECT_LOW = _lower(_OWN_SUBJECT)

# Texts whose own provisions can change other acts (a directive or a letter only plans to).
NORMATIVE_TYPES = frozenset(row.code for row in DOC_TYPE_TABLE if row.changes_acts)

# Planning words before a supersession verb: the act does not exist yet ("ban hành Nghị định thay
# thế Nghị định số 43/2011/NĐ-CP", seed 001).
PLANNING_WORDS = r"xay dung|soan thao|du thao|nghien cuu|de xuat|lap de nghi|trinh|ban hanh"
# Not a plan: an act already issued ("đã ban hành", "Quy định ban hành kèm theo Quyết định số …");
# "trình" only as submitting to someone ("các công trình có lưu lượng khai thác …", "quy trình").
PLANNING = re.compile(
    r"\b(?:xay\s+dung|soan\s+thao|du\s+thao|nghien\s+cuu|de\s+xuat|lap\s+de\s+nghi|"
    r"trinh(?=\s+(?:chinh\s+phu|thu\s+tuong|quoc\s+hoi|uy\s+ban|hoi\s+dong|bo\s+truong|"
    rf"cap\s+co|co\s+quan|ban\s+hanh|thong\s+qua|phe\s+duyet|{_TYPES}))|"
    r"ban\s+hanh(?!\s+kem)|se|du\s+kien)\b",
    re.IGNORECASE,
)
_PLANNING_LOW = _lower(PLANNING)
_DONE = re.compile(r"\b(?:da|duoc)\s+$", re.IGNORECASE)


def _planned(low: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``low[start:end]`` plans an act ("Xây dựng Nghị định …", "ban hành Nghị định thay
    thế …", "sẽ bãi bỏ …"); ``low``: a lower twin (:func:`lower_twin`)."""
    for match in _PLANNING_LOW.finditer(low, start, len(low) if end is None else end):
        if not (
            match.group().startswith("ban")
            and _DONE.search(low, max(0, match.start() - 8), match.start())
        ):
            return True
    return False


# The clause before an independent reference; nearest cue wins. CITES rows are there to *stop* a
# farther cue: "Mức chi thực hiện theo quy định tại Thông tư số 139/2010/TT-BTC" only cites, and
# "Xây dựng Nghị định sửa đổi … Nghị định số 91/2020/NĐ-CP" plans an act, so it only cites (every
# verb a planned act may be named with, from the verb table).
LEAD_IN_CUES: tuple[tuple[str, str], ...] = (
    (r"trien khai(?: thuc hien)?|thuc hien|thi hanh|quan triet|hien thuc hoa", R.IMPLEMENTS),
    (r"theo tinh than(?: cua)?", R.IMPLEMENTS),
    (r"(?:de ra|dat ra|duoc giao|nhiem vu) (?:tai|trong|cua)", R.IMPLEMENTS),
    (r"(?:viec|tinh hinh|ket qua|qua|sau) (?:\w+ ){0,2}thuc hien", R.CITES),
    (r"thuc hien (?:\w+ ){0,3}theo(?: quy dinh| qui dinh)?(?: tai| cua)?", R.CITES),
    (r"(?:quy dinh|qui dinh) (?:tai|cua)", R.CITES),
    (PLANNING_WORDS, R.CITES),
    *((pattern, R.CITES) for pattern, _ in rows(context="planned")),
    (r"thay doi|sua", R.CITES),
)

# "(sau đây gọi tắt là Thông tư số 06/2024/TT-BLĐTBXH)": a name given, not another document
# described.
DEFINES = re.compile(
    r"\(\s*(?:sau\s+day\s+)?(?:duoc\s+)?(?:goi|viet)(?:\s+(?:tat|chung))?\s+la\s*$", re.IGNORECASE
)
# A future act named in the words between two references: "… có văn bản số 349/TB-VPCP thông báo
# … xây dựng, ban hành Thông tư liên tịch hướng dẫn … theo quy định của Pháp lệnh người có công"
# (dev vb_c7f265f894): the guiding is the future circular's, not 349's.
PLANNED_ACT = re.compile(
    rf"\b(?:xay dung|soan thao|du thao|nghien cuu|de xuat|trinh|ban hanh)\b(?:,? \w+){{0,2}} "
    rf"(?:{_TYPES}|van ban)\b",
    re.IGNORECASE,
)
_PLANNED_ACT_LOW = _lower(PLANNED_ACT)

# "Căn cứ …" opening a clause of the preamble; "Xét đề nghị …" is procedural, so it only cites.
CLAUSE_OPENERS: tuple[tuple[str, str], ...] = (
    (r"^\W*can cu\b", R.BASED_ON),
    (r"^\W*(?:xet|theo de nghi)\b", R.CITES),
)

# The enacting formula names what the act does: "Chính phủ ban hành Nghị định quy định chi tiết …
# Luật Bảo hiểm xã hội", "Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Thuế thu
# nhập doanh nghiệp số 14/2008/QH12", "Ủy ban nhân dân tỉnh Quảng Ninh ban hành Quyết định sửa đổi,
# bổ sung một số điều của Quy định … ban hành kèm theo Quyết định số 40/2024/QĐ-UBND" (dev2
# vb2_769d51d87b). The type word must be the text's own; "đã ban hành" tells of another act.
ENACTS = re.compile(
    rf"(?<![a-z])(?<!da )(?<!duoc )ban\s+hanh\s+(?P<type>{_TYPES})(?![a-z])", re.IGNORECASE
)
_ENACTS_LOW = _lower(ENACTS)
# Before "ban hành" in a promulgation formula: someone asks for an act, none is made here.
_ASKS = re.compile(r"\b(?:de nghi|tham muu|giao|yeu cau|trinh|xay dung|se|du kien)\b", re.I)
_ASKS_LOW = _lower(_ASKS)
FORMULA_REACH = 400  # characters from "ban hành" to the last act it names
FORMULA_VERB_GAP = 40  # "ban hành Thông tư liên tịch hướng dẫn …": the verb follows the type

# A final provision that opens with its verb: "Bãi bỏ Quyết định số …", "Điều 1. Nay bãi bỏ các
# văn bản …", "2. Thay thế cụm từ …", "**Điều 1.** **Bãi bỏ toàn bộ các Quyết định**".
_ITEM_HEAD = r"[\W_]*(?:(?:dieu\s+\d{1,3}[a-z]?|\d{1,3}|[a-z])\s*[.):][\W_]*)?(?:nay\s+)?"
# What may not stand between such a verb and the act it acts on: the new wording ("… như sau:
# “…”"), the act something is done by ("Bổ sung … thực hiện theo quy định tại Điều 12 Nghị định
# số 45/2020/NĐ-CP", real1k). Quoted words may ("Thay thế cụm từ “…” bằng cụm từ “…” tại …").
_IMPERATIVE_STOP = re.compile(r":|(?<!\bkem)(?<!\s)\s+theo\b|\bcan\s+cu\b", re.IGNORECASE)
_IMPERATIVE_STOP_LOW = _lower(_IMPERATIVE_STOP)
# "Bãi bỏ thủ tục … (eleven procedures and their codes, ";"-separated) … ban hành kèm theo Quyết
# định số 3492/QĐ-UBND" (dev2 vb2_019eaba2ff): the act is named 1,400 characters after the verb.
IMPERATIVE_REACH = 2000
PARAGRAPH_INDENT = 12  # spaces before a continued line's first word (antiword keeps the indent)

# After a reference, the target first and no agent: this text ends it ("Nghị định số
# 58/2019/NĐ-CP … hết hiệu lực thi hành kể từ ngày Nghị định này có hiệu lực", dev vb_c4da68dcd5).
# On the day the text takes effect it takes the act's place: REPLACES; otherwise REPEALS. "Đã hết
# hiệu lực" states a fact. Only ever ``match``ed, at the act or the line it reads from: no "^",
# which ``match(text, pos)`` never finds at a ``pos`` past the text's start (a list of lapsing
# acts after the first line was read as mere citations, Nghị định 158/2025/NĐ-CP, Điều 30).
LAPSE = re.compile(
    r"[^;]{0,300}?(?<![a-z])(?<!da )(?:"
    + "|".join(p.replace(" ", r"\s+") for p, _ in LAPSE_CUES)
    + r")(?![a-z])",
    re.IGNORECASE,
)
LAPSE_REACH = 400  # characters from an act to the words that end it
_TAKES_PLACE = re.compile(r"[^;]{0,80}?\bnay\s+co\s+hieu\s+luc", re.IGNORECASE)
_LAPSE_LOW = _lower(LAPSE)
_TAKES_PLACE_LOW = _lower(_TAKES_PLACE)

# A consolidated text's opening paragraph: "Thông tư số 24/2009/… có hiệu lực … được sửa đổi, bổ
# sung bởi:" followed by one paragraph per amending act (dev vb_032a81c57e), numbered or not ("1.
# Luật Quy hoạch số 21/2017/QH14 …"). Wherever it is written, each amending act AMENDS the first.
AMENDED_BY = re.compile(r"\bduoc\s+sua\s+doi,?\s+bo\s+sung(?:,?\s+bai\s+bo)?(?:\s+boi)?\s*:", re.I)
# The same for the lower twin, opening with its word (the "\b" read after it: "duoc" ends in a
# word character), which the engine finds by a fast search instead of trying every place.
_AMENDED_BY_LOW = _lower(
    re.compile(r"duoc(?<!\wduoc)\s+sua\s+doi,?\s+bo\s+sung(?:,?\s+bai\s+bo)?(?:\s+boi)?\s*:", re.I)
)
# Between a list line's start and its act: "1. ", "- ", "a) ", "*- Tại khoản 1 Điều 7 " (the
# provisions are checked by loader.effects.only_provisions).
_LIST_ITEM = re.compile(r"\n\s*(?:(?:\d{1,2}[.)]|[a-z][)]|[-+*•])\s*)?")
_ITEM_LEAD = re.compile(
    r"[ \t*_>|]*(?:(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|[-+•])?[ \t*_]*(?:tai\s+)?", re.IGNORECASE
)
_ITEM_MARK = re.compile(r"[ \t*_>|]*(?:(?:\d{1,2}|[a-z])[.)]|[-+•])\s", re.IGNORECASE)
_LIST_END = re.compile(r"\s*(?:Can cu|Theo|Xet|Dieu|Chuong|Muc|[A-Z ]{4,}$)", re.M)
LIST_MAX = 3000  # characters a list of acts may run
# A line that announces a list: "5. Nghị quyết này bãi bỏ các Nghị quyết:", "Quyết định này có
# hiệu lực kể từ ngày ký và thay thế các Quyết định sau:", "… tại các điều, khoản, điểm sau đây:*".
_LIST_HEAD = re.compile(r":[ \t*_]*\n")
LIST_HEAD_MAX = 600  # characters of the line that announces it
_NEW_WORDING = re.compile(r"\bnhu\s+sau\s*$", re.IGNORECASE)

# "… về sửa đổi, bổ sung khoản 2, Điều 8, Nghị định số 13/2008/NĐ-CP": the articles an act amends
# end in a comma, yet what follows is the amended act, not another item of a list.
_AND = re.compile(r"\bva\s", re.IGNORECASE)
_AND_LOW = _lower(_AND)
# The enacting line closes the preamble: "QUYẾT ĐỊNH:", "Chính phủ ban hành Nghị định …", "Điều 1".
# A basis clause wrapped over printed lines ("Căn cứ Quyết định số 23/2023/QĐ-TTg ngày 18 tháng 9
# năm 2023 của ⏎Thủ tướng Chính phủ …") stays in it.
PREAMBLE_END = re.compile(
    r"\n[ \t*#_]*(?:(?:QUYET DINH|NGHI DINH|QUYET NGHI|CHI THI|THONG TU|NGHI QUYET|LENH)\b"
    r"[^\n]{0,3}:"
    r"|(?:Dieu|Chuong|Muc)\s+(?:1|I)\b|(?!Can cu|Theo|Xet)[A-Z][^\n]{0,120}?\bban hanh\b)"
)
PREAMBLE_WINDOW = 8000

# Quoted wording ("… quy định như sau: “Điều 4. … 2. Thay thế cụm từ …”"): what it does is the
# quoted act's, not this text's (dev2 vb2_55b4f1ca23, footnote 7 quotes Quyết định 22/2025/QĐ-TTg).
_AS_FOLLOWS = re.compile(r"\bnhu\s+sau\s*:[\s*_]*“", re.IGNORECASE)
_AS_FOLLOWS_LOW = _lower(re.compile(r"nhu(?<!\wnhu)\s+sau\s*:[\s*_]*“", re.IGNORECASE))
_QUOTE_MARK = re.compile("[“”]")
QUOTE_MAX = 20000
# A consolidated text's footnote: "[4] Cụm từ “…” được thay thế bằng cụm từ “Nội vụ” theo quy định
# tại khoản 2 Điều 4 của Quyết định số 22/2025/QĐ-TTg …, có hiệu lực kể từ ngày 10 tháng 7 năm
# 2025." Its mark ("Nội vụ[4]") stands in the provision it changed.
_FOOTNOTE = re.compile(
    r"^[ \t*_]*\[(?P<n>\d{1,3})\][ \t*_]*(?P<subject>cum tu|tu|diem|khoan|dieu|muc|chuong|phan|"
    r"phu luc|noi dung)?",
    re.IGNORECASE | re.MULTILINE,
)
FOOTNOTE_MAX = 3000
_ARTICLE_LINE = re.compile(r"^[ \t*_#>|]*Dieu\s+(?P<n>\d{1,3}[a-z]?)\s*(?:[.:*]|$)", re.MULTILINE)
_CLAUSE_LINE = re.compile(r"^[ \t*_>|]*(?P<n>\d{1,3})\.\s", re.MULTILINE)
_POINT_MARK = re.compile(r"[\s*_](?P<n>[a-z])\[\d{1,3}\]\)")  # "a[2])": the mark on point a

_AFTER_STOP = r"(?=\s+[\"“(\-+*0-9A-Z])"  # spaces, then what opens a sentence
_SENTENCE_END = re.compile(rf"[.!?]{_AFTER_STOP}|\n")
# Its first branch alone, once for each stop (the line ends, the other branch, are counted in C,
# _sentence_bounds): a pattern that opens with a character, not a class, is searched for it at C
# speed, where the class is tried at every character (0.07 s against 0.03 s for real1k).
_STOP_ENDS = tuple(re.compile(re.escape(stop) + _AFTER_STOP) for stop in ".!?")
_CLAUSE_BREAK = re.compile(r"[;:]\s|,\s*dong thoi\b|\n", re.IGNORECASE)
_CLAUSE_BREAK_LOW = _lower(_CLAUSE_BREAK)
_COORD_END = re.compile(r"(?:,|;|\bva|\bhoac|\bcung nhu)\s*$", re.IGNORECASE)
# Only coordinators between two references (one character or word at a time: linear).
_COORD_ONLY = re.compile(r"(?:[\s,;]|\bva\b|\bhoac\b)*", re.IGNORECASE)
# Words between a document and the one its description names: "Nghị định số 60/2003/NĐ-CP ngày
# 06/6/2003 của Chính phủ quy định chi tiết và hướng dẫn thi hành Luật Ngân sách nhà nước" is 60.
THIRD_PARTY_GAP_MAX = 250
LEAD_IN_MAX = 160  # characters of clause considered before a reference
EVIDENCE_MAX = 300  # characters of evidence kept around a reference

# The order of legal force (Luật Ban hành văn bản quy phạm pháp luật): a decree details a law, a
# circular a decree; an act amends, replaces or repeals acts of its rank or below. "Nghị định số
# 102/2024/NĐ-CP quy định chi tiết … Luật Đất đai được sửa đổi, bổ sung bởi Nghị định số
# 226/2025/NĐ-CP" (dev2 vb2_769d51d87b): a decree amends no law, so 226 amends 102.
FORCE: dict[str, float] = {row.code: row.force for row in DOC_TYPE_TABLE if row.force is not None}
# Decisions and resolutions rank by who issues them, which their symbol tells: the Prime
# Minister's decisions stand between decrees and circulars, a province's below every central act
# ("Quyết định 2842/QĐ-UBND thông qua phương án đơn giản hóa thủ tục hành chính: Sửa đổi khoản 2
# Điều 10 Thông tư số 28/2012/TT-BKHCN" proposes; it amends no circular, real1k). Other issuers'
# decisions (a minister's, before 2008 as binding as a circular) are not ranked.
SYMBOL_FORCE: dict[tuple[str, str], float] = {
    ("decision", "TTG"): 3.5,
    ("decision", "UBND"): 6,
    ("decision", "UB"): 6,
    ("resolution", "QH"): 1,
    ("resolution", "UBTVQH"): 2,
    ("resolution", "CP"): 3,
    ("resolution", "HDND"): 6,
}


def force(doc_type: str, number: str | None) -> float | None:
    """Rank of an act in the order of legal force (lower is stronger), None when unknown.

    >>> force("decision", "749/QĐ-TTg"), force("decision", "58/2010/QĐ-UBND"), force("law", None)
    (3.5, 6, 1)
    """
    if number:
        for token in re.split(r"[-/]", strip_diacritics(number).upper()):
            # "QĐ-CTUBND": the chairman of a province's committee decides as the province
            symbol = re.sub(r"\d+$", "", token).removeprefix("CT")
            found = SYMBOL_FORCE.get((doc_type, symbol))
            if found is not None:
                return found
    return FORCE.get(doc_type)


# The same few (type, number) pairs are ranked for every claim that ends or guides an act.
_force = functools.lru_cache(maxsize=4096)(force)

_ENDS_FORCE = frozenset({R.AMENDS, R.REPLACES, R.REPEALS, R.SUSPENDS})


_GAP = r"\s+"  # between the words of a cue


@dataclass(frozen=True, slots=True)
class _Cues:
    """One cue table compiled as a single alternation (one scan per clause, not one per row); the
    row that matched is the group that matched. Words may be split by a printed line end.

    The pattern reads the lower twin of the text (:func:`lower_twin`), each row's group an empty
    one after it: an alternative that opens with a letter, not a group, is skipped by the engine
    at a glance when its first letter differs (four times faster on the lead-in cues, read
    before every reference). The last group matched is the row's."""

    pattern: re.Pattern[str]
    kinds: tuple[str, ...]

    @classmethod
    def of(cls, rows: tuple[tuple[str, str], ...], stoppers_first: bool = False) -> _Cues:
        """``stoppers_first``: at one position the CITES rows are tried first, so that "thực hiện
        theo quy định" (only cites) is not read as "thực hiện" (implements)."""
        order = (
            sorted(range(len(rows)), key=lambda i: rows[i][1] != R.CITES)
            if stoppers_first
            else range(len(rows))
        )
        parts = [f"(?:{rows[i][0].replace(' ', _GAP)})(?P<c{i}>)" for i in order]
        # every cue starts and ends a word: the look-behind lets the engine skip inside words
        pattern = re.compile(f"(?<![a-z])(?:{'|'.join(parts)})(?![a-z])", re.IGNORECASE)
        return cls(_lower(pattern), tuple(k for _, k in rows))

    def kind(self, match: re.Match[str]) -> str:
        return self.kinds[int(match.lastgroup[1:])]  # type: ignore[index]


_TITLE = _Cues.of(TITLE_CUES)
_DESCRIBED = _Cues.of(DESCRIBED_CUES)
_IMPERATIVE = _Cues.of(IMPERATIVE_CUES)
_LEAD_IN = _Cues.of(LEAD_IN_CUES, stoppers_first=True)
_PASSIVE = _Cues.of(PASSIVE_CUES)
_OPENERS = _Cues.of(CLAUSE_OPENERS)
assert all(row.startswith("^") for row, _ in CLAUSE_OPENERS)  # _clause_opener matches at the start
_IMPERATIVE_OPEN = _lower(re.compile(rf"{_ITEM_HEAD}(?={_IMPERATIVE.pattern.pattern})", re.I))


def _opening(low: str, start: int, end: int) -> re.Match[str] | None:
    """The verb a clause or a paragraph opens with, after its number ("Điều 1. Nay bãi bỏ …");
    ``low``: the lower twin."""
    head = _IMPERATIVE_OPEN.match(low, start, end)
    return _IMPERATIVE.pattern.match(low, head.end(), end) if head else None


@dataclass(slots=True)
class Citations:
    """What a text cites and how: stubs of the cited documents, edges (from the text's own
    document, or between third parties it reports), mentions left for a person, aliases learnt."""

    cited: list[Document] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    # Every reference that designates a cited document, in text order, with its offsets: a task
    # depends on the documents referred to inside its own span, which the one-edge-per-target
    # ``edges`` do not tell.
    spans: list[CitedSpan] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CitedSpan:
    """One reference in the text (``start``/``end`` offsets) and the document it designates."""

    start: int
    end: int
    doc_id: str
    kind: str  # the relation this reference claims (CITES when it only describes)


# Not frozen: one is made for every reference, and a frozen one costs three times as much to make.
@dataclass(slots=True)
class _Claim:
    """What one reference says: own kind, and possibly a third-party edge.

    ``verb`` is where the verb that makes a supersession claim is written: what follows it up to
    the reference names the provisions it touches, and its sentence may say from when.
    ``actor`` is the reference whose act this is, when the words are quoted from it.
    """

    kind: str
    rule: str
    third_source: int | None = None  # index of the reference that is the third-party source
    third_kind: str | None = None
    reversed: bool = False  # passive ("được sửa đổi bởi …"): this reference is the source
    described: bool = False  # named in another reference's description, no item of a list
    verb: tuple[int, int] | None = None
    third_verb: tuple[int, int] | None = None
    phrase: bool = False  # "thay thế cụm từ …": words changed, a partial AMENDS
    actor: int | None = None
    item: tuple[int, int] | None = None  # an item of a list: (the list's colon, the item's line)


def nearest_cue(cues: _Cues, text: str) -> str | None:
    """The kind of the cue ending nearest the end of ``text`` (ties: the longest)."""
    return _nearest_kind(cues, lower_twin.__wrapped__(text))


def _nearest_kind(cues: _Cues, low: str) -> str | None:
    """:func:`nearest_cue` of a lower twin."""
    match = _nearest(cues, low, 0, len(low))
    return cues.kind(match) if match else None


def _nearest(cues: _Cues, low: str, start: int, end: int) -> re.Match[str] | None:
    """The cue ending nearest ``end`` in ``low[start:end]`` (ties: the longest); ``low``: a lower
    twin."""
    # The matches of one scan do not overlap and none is empty (every cue is a word), so each
    # ends after the one before: the last is the one ending nearest (no tie is left to break).
    found: re.Match[str] | None = None
    for found in cues.pattern.finditer(low, start, end):  # noqa: B007
        pass
    return found


def _last(
    pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text[start:end]`` (one scan, no backtracking)."""
    found = None
    for found in pattern.finditer(text, start, len(text) if end is None else end):  # noqa: B007
        pass
    return found


def first_cue(cues: _Cues, text: str) -> str | None:
    """The kind of the first cue found (rows that start at the same place: the earlier row)."""
    return _first_kind(cues, lower_twin.__wrapped__(text))


def _first_kind(cues: _Cues, low: str) -> str | None:
    """:func:`first_cue` of a lower twin."""
    match = cues.pattern.search(low)
    return cues.kind(match) if match else None


def _verb_claim(
    cues: _Cues, match: re.Match[str], rule: str, offset: int = 0, **more: object
) -> _Claim:
    """The claim a verb cue makes, with where it is written (``offset``: of the string matched)."""
    return _Claim(
        cues.kind(match),
        rule,
        verb=(offset + match.start(), offset + match.end()),
        phrase=is_phrase(match.group()),
        **more,  # type: ignore[arg-type]
    )


def _sentence_bounds(flow: str) -> list[int]:
    """The end of every match of :data:`_SENTENCE_END` in ``flow``, in order.

    Its matches are one character each, so they are the stops that :data:`_STOP_ENDS` find and
    the line ends. A text has a line end every 60 characters or so: a match object for each cost
    more than finding them, so they come from the lengths of the lines, summed in C.
    """
    lines = list(accumulate(map(add, map(len, flow.split("\n")), repeat(1))))
    lines.pop()  # the text after the last line end ends no line
    stops = [match.end() for stop in _STOP_ENDS for match in stop.finditer(flow)]
    return sorted(lines + stops) if stops else lines


class _Context:
    """The text, folded, with its sentence boundaries found once.

    ``folded`` is what find and resolve read; ``flow`` is the same text as relate reads its
    clauses: the line ends inside the text's own title are spaces too ("HƯỚNG DẪN THỰC HIỆN QUYẾT
    ĐỊNH SỐ 93/2009/QĐ-TTG NGÀY 10/7/2009 CỦA THỦ ⏎ TƯỚNG CHÍNH PHỦ SỬA ĐỔI, BỔ SUNG KHOẢN 4 ĐIỀU
    21 QUYẾT ĐỊNH SỐ 33/2009/QĐ-TTG", dev2 vb2_57348d26d6, is one sentence).
    """

    def __init__(self, parsed: ParsedText, text: str) -> None:
        self.parsed = parsed
        self.text = text
        self.folded = fold_sentences(text)
        title = parsed.title_span
        if title is not None and "\n" in self.folded[title[0] : title[1]]:
            joined = self.folded[title[0] : title[1]].replace("\n", " ")
            self.flow = self.folded[: title[0]] + joined + self.folded[title[1] :]
        else:
            self.flow = self.folded
        self.effect_clauses = effects.EffectClauses(self.flow)
        self.verb_words = effects.VerbWords(self.flow)
        self.preamble_end = self._preamble_end()
        document = parsed.document
        self.issued = document.issued_date
        self.effective = document.effective_date

    # The lower twin and the sentence bounds are made when a rule first reads them: a text that
    # cites nothing needs neither (270 of real1k's 1,000 pages; both cost 0.1 s for all 1,000).
    @functools.cached_property
    def low(self) -> str:
        """What the cue patterns read (:func:`lower_twin`): the same offsets, matched faster."""
        return lower_twin(self.flow)

    @functools.cached_property
    def bounds(self) -> list[int]:
        """Where each sentence of the flow ends (:func:`_sentence_bounds`)."""
        return _sentence_bounds(self.flow)

    def _preamble_end(self) -> int:
        """Where the preamble ends: parse's span, or on to the enacting line when a basis clause
        wrapped over printed lines cut parse's span short."""
        span = self.parsed.preamble_span
        if span is None:
            return 0
        start = max(span[0], span[1] - 1)
        end = PREAMBLE_END.search(self.folded, start, span[0] + PREAMBLE_WINDOW)
        return max(span[1], end.start() + 1) if end else span[1]

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.bounds, pos)
        start = self.bounds[i - 1] if i > 0 else 0
        end = self.bounds[i] if i < len(self.bounds) else len(self.text)
        return start, end

    def line_start(self, pos: int) -> int:
        return self.flow.rfind("\n", 0, pos) + 1

    def paragraph_start(self, pos: int, reach: int) -> int:
        """Where the paragraph of ``pos`` begins: a printed line that ends a ";"-item and goes
        on in lower case ("… mã số hồ sơ 094040;⏎thủ tục Cấp phép …", dev2 vb2_019eaba2ff)
        continues it."""
        line = self.line_start(pos)
        while line > 0 and pos - line < reach:
            head = self.flow[line : line + PARAGRAPH_INDENT].lstrip(" \t")
            if not head[:1].islower() or self._last_char(line - 1) not in ";,":
                break
            line = self.line_start(line - 1)
        return line

    def _last_char(self, end: int) -> str:
        """``flow[:end].rstrip(" \\t")[-1:]`` without copying the text before ``end``."""
        flow = self.flow
        end -= 1
        while end >= 0 and flow[end] in " \t":
            end -= 1
        return flow[end] if end >= 0 else ""

    def in_span(self, pos: int, span: tuple[int, int] | None) -> bool:
        return span is not None and span[0] <= pos < span[1]

    def evidence(self, start: int, end: int) -> str:
        """The sentence around a reference; a long one is cut at word boundaries, marked ``…``."""
        s_start, s_end = self.sentence(start)
        cut_start = start - EVIDENCE_MAX // 2 > s_start
        if cut_start:
            s_start = start - EVIDENCE_MAX // 2
            space = self.text.find(" ", s_start, start)
            s_start = space + 1 if space >= 0 else s_start
        s_end = max(s_end, end)
        cut_end = s_end > s_start + EVIDENCE_MAX
        if cut_end:
            s_end = max(end, s_start + EVIDENCE_MAX)
            space = self.text.rfind(" ", end, s_end)
            s_end = space if space >= 0 else s_end
        snippet = squash(self.text[s_start:s_end])
        return f"{'…' if cut_start else ''}{snippet}{'…' if cut_end else ''}"


# What a clause before a reference says, by its words alone: the same clauses ("thực hiện ", "Căn
# cứ ", "theo quy định tại ") open reference after reference, in text after text (a fourth of the
# lead-in clauses of real1k, nine in ten of the synthetic corpus's, are read again), so each is
# read once. Each is a function of the clause string only (its matches' offsets are the clause's).
CLAUSE_CACHE = 8192  # distinct clauses kept; each at most LEAD_IN_MAX characters


@functools.lru_cache(maxsize=CLAUSE_CACHE)
def _clause_lead_in(clause: str) -> str | None:
    """:func:`_nearest_kind` of the lead-in cues in ``clause`` (a lower twin)."""
    return _nearest_kind(_LEAD_IN, clause)


@functools.lru_cache(maxsize=CLAUSE_CACHE)
def _clause_planned(clause: str) -> bool:
    """:func:`_planned` of the whole of ``clause`` (a lower twin)."""
    return _planned(clause)


@functools.lru_cache(maxsize=CLAUSE_CACHE)
def _clause_opener(clause: str) -> str | None:
    """The kind of the opener ``clause`` (a lower twin) starts with ("Căn cứ …"), if any: every
    opener is anchored at the clause's start ("^"), so it is matched there, not searched for at
    each of its positions (the same answer)."""
    match = _OPENERS.pattern.match(clause)
    return _OPENERS.kind(match) if match else None


@functools.lru_cache(maxsize=CLAUSE_CACHE)
def _clause_opening(clause: str) -> re.Match[str] | None:
    """:func:`_opening` of the whole of ``clause`` (a lower twin)."""
    return _opening(clause, 0, len(clause))


# How many colons back the clause before a reference is read for what is done with what follows
# ("Căn cứ các Nghị định của Chính phủ: Nghị định số …"). The 1,045 texts of the dev corpora go
# three back at most; a text of "Số: Số: Số: …" went back a thousand, past Python's recursion
# limit (found by bench/fuzz.py).
MAX_COLON_HOPS = 10


def _independent(
    ctx: _Context,
    ref_start: int,
    lead_from: int,
    own_type: str,
    prev_end: int = -1,
    hops: int = MAX_COLON_HOPS,
) -> _Claim:
    """Own claim of a reference whose clause starts at ``lead_from`` (``prev_end``: where the
    previous reference ends; ``hops``: how many more colons back to read)."""
    parsed, flow, low = ctx.parsed, ctx.flow, ctx.low
    if ctx.in_span(ref_start, parsed.title_span) and not ctx.in_span(
        ref_start, parsed.web_title_span
    ):
        title_from = max(lead_from, parsed.title_span[0])  # type: ignore[index]
        match = _nearest(_TITLE, low, title_from, ref_start)
        if match:
            return _verb_claim(_TITLE, match, "title")
    lead_start = max(lead_from, ref_start - LEAD_IN_MAX)
    last_break = _last(_CLAUSE_BREAK_LOW, low, lead_start, ref_start)
    clause_start = last_break.end() if last_break else lead_start
    clause = low[clause_start:ref_start]
    # a press report's "Quy định này thay thế …" is the reported act's (real1k)
    own = _last(_OWN_SUBJECT_LOW, clause) if own_type != "news" and "nay" in clause else None
    if own is not None:
        match = _nearest(_DESCRIBED, clause, own.end(), len(clause))
        if match:
            return _verb_claim(_DESCRIBED, match, "own_subject", clause_start)
    elif last_break is None and lead_start > lead_from and own_type != "news":
        far = _far_subject(ctx, ref_start, lead_from)
        if far is not None:
            return far
    if own_type in NORMATIVE_TYPES:
        formula = _formula(ctx, ref_start, max(lead_from, prev_end), own_type)
        if formula is not None:
            return formula
        if not _clause_planned(clause):
            match = _clause_opening(clause)
            if match and not _IMPERATIVE_STOP_LOW.search(
                low, clause_start + match.end(), ref_start
            ):
                return _verb_claim(_IMPERATIVE, match, "imperative", clause_start)
        opening = _opening_verb(ctx, ref_start, prev_end)
        if opening is not None:
            return opening
    opener = _clause_opener(clause)
    if opener == R.BASED_ON and (
        parsed.preamble_span is None or parsed.preamble_span[0] <= ref_start < ctx.preamble_end
    ):
        return _Claim(R.BASED_ON, "based_on")
    if opener is not None:
        return _Claim(R.CITES, "cites")
    kind = _clause_lead_in(clause)
    if kind and kind != R.CITES:
        return _Claim(kind, "lead_in")
    if (
        kind is None
        and hops > 0
        and last_break is not None
        and flow[last_break.start()] == ":"
        and last_break.start() > lead_from
    ):
        # "Căn cứ các Nghị định của Chính phủ: Nghị định số 88/2024/NĐ-CP …" (dev2
        # vb2_769d51d87b), "… và thay thế các Quyết định: Quyết định số 110/2005/QĐ-UBND …":
        # what comes before the colon says what is done with what follows it (a basis or an
        # effect; "Yêu cầu, điều kiện thực hiện thủ tục hành chính: (Điều 9 Nghị định số
        # 11/2016/NĐ-CP)" implements nothing)
        before = _independent(ctx, last_break.start(), lead_from, own_type, prev_end, hops - 1)
        if before.kind in SUPERSESSION or before.kind == R.BASED_ON:
            return before
    return _Claim(R.CITES, "cites")


def _far_subject(ctx: _Context, ref_start: int, lead_from: int) -> _Claim | None:
    """ "<type> này <verb>" further back than a clause is read, when the verb is the first after
    it and the last before the reference: "3. Quyết định này bãi bỏ số thứ tự thứ 5 Phụ lục IIb
    Danh mục các văn bản quy phạm pháp luật … ban hành kèm theo Quyết định số 2432/QĐ-UBND"
    (dev2 vb2_f28ae3e659)."""
    low = ctx.low
    start = max(lead_from, ref_start - FORMULA_REACH)
    cut = _last(_CLAUSE_BREAK_LOW, low, start, ref_start)
    start = cut.end() if cut else start
    own = _last(_OWN_SUBJECT_LOW, low, start, ref_start)
    if own is None:
        return None
    first = _DESCRIBED.pattern.search(low, own.end(), ref_start)
    if first is None or first.start() - own.end() > FORMULA_VERB_GAP:
        return None
    nearest = _nearest(_DESCRIBED, low, own.end(), ref_start)
    if nearest is None or _DESCRIBED.kind(nearest) != _DESCRIBED.kind(first):
        return None
    return _verb_claim(_DESCRIBED, first, "own_subject")


def _formula(ctx: _Context, ref_start: int, lead_from: int, own_type: str) -> _Claim | None:
    """The enacting formula before the reference, if it says what the text does to it."""
    low = ctx.low
    start = max(lead_from, ref_start - FORMULA_REACH)
    if low.find("hanh", start, ref_start) < 0:
        return None  # no "ban hành": no formula (found at once, not by trying every place)
    enacts = _last(_ENACTS_LOW, low, start, ref_start)
    if enacts is None or _TYPE_OF.get(" ".join(enacts["type"].split())) != own_type:
        return None
    if ";" in low[enacts.end() : ref_start]:
        return None
    line = ctx.line_start(enacts.start())
    if _ASKS_LOW.search(low, max(line, enacts.start() - LEAD_IN_MAX), enacts.start()):
        return None  # "Giao Bộ Tư pháp tham mưu Chính phủ ban hành Nghị định hướng dẫn …"
    first = _DESCRIBED.pattern.search(low, enacts.end(), ref_start)
    if first is None or first.start() - enacts.end() > FORMULA_VERB_GAP:
        return None
    nearest = _nearest(_DESCRIBED, low, enacts.end(), ref_start)
    if nearest is not None and _DESCRIBED.kind(nearest) != _DESCRIBED.kind(first):
        # "ban hành Nghị định sửa đổi, bổ sung một số điều của các Nghị định quy định chi tiết
        # thi hành Luật Đất đai": the law is what the amended decrees detail
        return _Claim(R.CITES, "cites")
    return _verb_claim(_DESCRIBED, first, "formula")


def _opening_verb(ctx: _Context, ref_start: int, prev_end: int) -> _Claim | None:
    """A final provision that opens with its verb and names its first act further on: "Bãi bỏ
    thủ tục … tại mục III, mục X Phần I Bộ thủ tục hành chính chung … ban hành kèm theo Quyết định
    số 3492/QĐ-UBND" (dev2 vb2_019eaba2ff), "Điều 1. Sửa đổi, bổ sung một số điều của Quy định …
    ban hành kèm theo Quyết định số 40/2024/QĐ-UBND"."""
    low = ctx.low
    line = ctx.paragraph_start(ref_start, IMPERATIVE_REACH)
    if line <= prev_end or ref_start - line > IMPERATIVE_REACH:
        return None  # another act was named first in this paragraph
    match = _opening(low, line, ref_start)
    if match is None:
        return None
    between = low[match.end() : ref_start]
    if _IMPERATIVE_STOP_LOW.search(between) or _planned(low, line, ref_start):
        return None
    return _verb_claim(_IMPERATIVE, match, "imperative")


def _ranked(kind: str, rank: float | None, target: Reference) -> bool:
    """Whether an act of ``rank`` may do ``kind`` to ``target`` by the order of legal force."""
    other = _force(target.doc_type, target.number)
    if rank is None or other is None:
        return True
    if kind == R.GUIDES:
        return rank > other
    return kind not in _ENDS_FORCE or rank <= other


def _plausible(kind: str, source: Reference, target: Reference) -> bool:
    """Whether ``source`` can do ``kind`` to ``target``: by the order of legal force, and no act
    acts on a later one."""
    if not _ranked(kind, _force(source.doc_type, source.number), target):
        return False
    if source.year is not None and target.year is not None:
        if source.year != target.year:
            return source.year > target.year
        if source.date is not None and target.date is not None:
            return source.date >= target.date
    return True


def _climb(
    refs: list[Resolved], claims: list[_Claim | None], source: int, kind: str, index: int
) -> tuple[int | None, str | None]:
    """The description a reference belongs to: ``source``'s, or, where ``source`` cannot do
    ``kind`` to it, the description ``source`` itself is named in ("Nghị định số 187/2025/NĐ-CP …
    sửa đổi, bổ sung một số điều của Nghị định số 78/2025/NĐ-CP … hướng dẫn thi hành Luật Ban hành
    văn bản quy phạm pháp luật và Nghị định số 79/2025/NĐ-CP": a decree guides no decree, so 187
    amends 79). (None, None): it describes nothing; it is an item of the list ``source`` is in."""
    seen = 0
    while seen < len(refs):
        if _plausible(kind, refs[source].ref, refs[index].ref):
            return source, kind
        claim = claims[source]
        if claim is None or claim.third_source is None or claim.third_kind is None:
            return None, None
        if claim.reversed:
            return None, None
        source, kind = claim.third_source, claim.third_kind
        seen += 1
    return None, None


def _described(
    ctx: _Context,
    refs: list[Resolved],
    claims: list[_Claim | None],
    head_index: int,
    ref_start: int,
    s_start: int,
    own_type: str,
) -> _Claim:
    """The words between two references describe the first ("Nghị định số 60/2003/NĐ-CP … quy
    định chi tiết … Luật Ngân sách nhà nước"): this text only cites the second, and a verb there
    is a third-party edge."""
    low = ctx.low
    head = refs[head_index]
    gap_start = head.ref.tail_end
    third = (
        _nearest(_DESCRIBED, low, gap_start, ref_start)
        if ref_start - gap_start <= THIRD_PARTY_GAP_MAX
        else None
    )
    gap = low[gap_start:ref_start]
    # a named head may be a future act ("xây dựng Luật X thay thế … Luật Y"); a numbered one exists
    planned = head.ref.kind == "named" and _planned(
        low, max(s_start, head.ref.start - 40), head.ref.start
    )
    if third and head.status == "resolved" and not planned and not _PLANNED_ACT_LOW.search(gap):
        kind = _DESCRIBED.kind(third)
        verb = (third.start(), third.end())
        head_claim = claims[head_index]
        joined = _last(_AND_LOW, low, gap_start, third.start())
        if (
            head_claim is not None
            and joined is not None
            and low[joined.end() : third.start()].strip(" ,") == ""
        ):
            # "… và bãi bỏ một phần Quyết định số 24/2019/QĐ-UBND": a second verb of the act
            # the head was named by, or of this text
            if head_claim.third_source is not None and not head_claim.reversed:
                up, up_kind = _climb(refs, claims, head_claim.third_source, kind, len(claims))
                if up is not None and up_kind is not None:
                    return _Claim(R.CITES, "cites", up, up_kind, described=True, third_verb=verb)
            elif head_claim.rule in OWN_EFFECT_RULES and kind in SUPERSESSION:
                return _verb_claim(_DESCRIBED, third, head_claim.rule)
        source, source_kind = _climb(refs, claims, head_index, kind, len(claims))
        if source is not None:
            return _Claim(
                R.CITES,
                "cites",
                source,
                source_kind,
                described=True,
                third_verb=verb,
                phrase=is_phrase(third.group()),
            )
        return _item_of(claims, head_index)
    # "… về hội nhập quốc tế và các mục tiêu đề ra của Nghị quyết số 26-NQ/TW": a new clause
    joined = _last(_AND_LOW, gap)
    if joined:
        lead_in = _nearest_kind(_LEAD_IN, gap[joined.end() :])
        if lead_in and lead_in != R.CITES:
            return _Claim(lead_in, "lead_in")
    return _Claim(R.CITES, "cites", described=True)


def _item_of(claims: list[_Claim | None], head: int) -> _Claim:
    """The claim of a reference that is another item of the list ``head`` is in."""
    claim = claims[head]
    while claim is not None and claim.described and claim.third_source is not None:
        claim = claims[claim.third_source]
    if claim is None:
        return _Claim(R.CITES, "cites")
    rule = "coordinated" if claim.rule != "cites" else "cites"
    return _Claim(claim.kind, rule, verb=claim.verb, phrase=claim.phrase)


def _claims(
    ctx: _Context, refs: list[Resolved], own_type: str, quoted: list[tuple[int, int, int | None]]
) -> list[_Claim | None]:
    flow, low = ctx.flow, ctx.low
    claims: list[_Claim | None] = []
    prev: int | None = None  # index of the previous top-level reference in the same sentence
    last_end = -1  # where the previous top-level reference ends, in any sentence
    outer: int | None = None  # the last reference whose name may hold others
    for i, res in enumerate(refs):
        ref = res.ref
        s_start, s_end = ctx.sentence(ref.start)
        if prev is not None and refs[prev].ref.tail_end > ref.start:
            prev_ok = False
        else:
            prev_ok = prev is not None and refs[prev].ref.start >= s_start
        if res.nested:
            claims.append(_nested(low, refs, outer, i) if res.status != "skipped" else None)
            continue
        if ref.kind == "named" or ref.amending:
            outer = i
        block = next((q for q in quoted if q[0] <= ref.start < q[1]), None) if quoted else None
        acting_type = own_type
        if block is not None:
            actor = block[2]
            acting_type = refs[actor].ref.doc_type if actor is not None else "unknown"
        claim: _Claim
        if prev_ok and prev is not None:
            head = refs[prev]
            gap = flow[head.ref.tail_end : ref.start]
            gap_low = low[head.ref.tail_end : ref.start]
            head_claim = claims[prev]
            breaks = [b for b in _CLAUSE_BREAK_LOW.finditer(gap_low) if b.end() < len(gap)]
            passive = (
                _nearest(_PASSIVE, gap_low, 0, len(gap))
                if not breaks and len(gap) <= THIRD_PARTY_GAP_MAX and "duoc" in gap
                else None
            )
            self_verb = (
                _nearest(_DESCRIBED, low, head.ref.tail_end, ref.start)
                if head.status == "self" and not breaks and not _PLANNED_ACT_LOW.search(gap_low)
                else None
            )
            if DEFINES.search(gap):
                claim = _Claim(R.CITES, "cites")
            elif _COORD_ONLY.fullmatch(gap) or (
                _COORD_END.search(gap) and not breaks and not _names_parts(ctx, head, ref.start)
            ):
                if head_claim is not None:
                    claim = _coordinated(refs, claims, prev, i, gap)
                else:
                    claim = _independent(ctx, ref.start, head.ref.tail_end, acting_type, last_end)
            elif passive and head.status in ("resolved", "self"):
                claim = _passive(refs, claims, prev, i, passive, head.ref.tail_end)
            elif self_verb is not None and self_verb.start() - head.ref.tail_end < LEAD_IN_MAX:
                # "Nghị định 311/2025/NĐ-CP sửa đổi, bổ sung … Nghị định 71/2020/NĐ-CP" in 311
                claim = _verb_claim(_DESCRIBED, self_verb, "own_subject")
            elif breaks or head.status in ("self", "skipped"):
                lead_from = head.ref.tail_end + (breaks[-1].end() if breaks else 0)
                claim = _independent(ctx, ref.start, lead_from, acting_type, last_end)
            else:
                claim = _described(ctx, refs, claims, prev, ref.start, s_start, acting_type)
        else:
            claim = _independent(ctx, ref.start, s_start, acting_type, last_end)
        if claim.kind == R.CITES and ref.kind == "numbered" and acting_type in NORMATIVE_TYPES:
            after = low[ref.tail_end : min(s_end, ref.tail_end + LAPSE_REACH)]
            head_words = after[: _next_act(refs, i) - ref.tail_end]
            # every lapse verb is "hết …": without one, no place is worth trying
            lapse = _LAPSE_LOW.match(head_words) if "het" in head_words else None
            if lapse:
                kind = R.REPLACES if _TAKES_PLACE_LOW.match(after, lapse.end()) else R.REPEALS
                verb = (ref.tail_end + lapse.end() - 1, ref.tail_end + lapse.end())
                amended = claim.third_source
                lapsing = claims[amended] if amended is not None and claim.reversed else None
                if (
                    amended is not None
                    and lapsing is not None
                    and lapsing.kind == R.CITES
                    and claim.third_kind == R.AMENDS
                ):
                    # "Luật Đất đai số 45/2013/QH13 đã được sửa đổi, bổ sung một số điều theo
                    # Luật số 35/2018/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực": the
                    # amended law lapses, with its amendments; the amending one is a description
                    claims[amended] = _Claim(kind, "expires", verb=verb)
                else:
                    claim = _Claim(kind, "expires", verb=verb)
        if block is not None and claim.rule in OWN_EFFECT_RULES:
            claim = (
                replace(claim, actor=block[2])
                if block[2] is not None and block[2] != i
                else _Claim(R.CITES, "cites")
            )
        claims.append(claim)
        prev = i
        last_end = max(last_end, ref.tail_end)
    return claims


def _nested(low: str, refs: list[Resolved], outer: int | None, index: int) -> _Claim:
    """A reference inside another's name is cited; inside an amending law's name ("Luật sửa đổi,
    bổ sung một số điều của Luật Ngân hàng Nhà nước Việt Nam số 10/2003/QH11", formats
    vbf_6fb3a56a17) it is amended, by that law, or by this text when the name is its own
    ("Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Thuế thu nhập doanh nghiệp số
    14/2008/QH12")."""
    if outer is None or not refs[outer].ref.amending:
        return _Claim(R.CITES, "cites")
    name = refs[outer].ref
    verb = _DESCRIBED.pattern.search(low, name.start, name.end)
    where = (verb.start(), verb.end()) if verb else None
    if refs[outer].status == "self":
        return _Claim(R.AMENDS, "formula", verb=where)
    # "Lập đề nghị xây dựng Luật sửa đổi, bổ sung Luật Xuất bản năm 2012" (seed 001): a law to
    # come amends nothing yet ("Quốc hội ban hành Luật sửa đổi …" is this law's own formula)
    before = max(0, name.start - 40)
    stop = max(low.rfind(mark, before, name.start) for mark in ".;\n")
    if name.kind == "named" and _planned(low, max(before, stop + 1), name.start):
        return _Claim(R.CITES, "cites")
    return _Claim(R.CITES, "cites", outer, R.AMENDS, described=True, third_verb=where)


def _next_act(refs: list[Resolved], index: int) -> int:
    """Where the next act named after reference ``index`` begins ("Bộ Kế hoạch và Đầu tư" in its
    issuer names none)."""
    tail = refs[index].ref.tail_end
    for j in range(index + 1, len(refs)):
        if refs[j].ref.start >= tail and refs[j].status != "skipped":
            return refs[j].ref.start
    return tail + LAPSE_REACH


def _names_parts(ctx: _Context, head: Resolved, ref_start: int) -> bool:
    """ "… về sửa đổi, bổ sung khoản 2, Điều 8, Nghị định số 13/2008/NĐ-CP": the gap ends with
    the provisions a verb names, so what follows is the act they belong to."""
    flow = ctx.flow
    verb = _nearest(_IMPERATIVE, ctx.low, head.ref.tail_end, ref_start)
    return (
        verb is not None
        and effects.PROVISION.search(flow, verb.end(), ref_start) is not None
        and effects.only_provisions(flow, verb.end(), ref_start)
    )


def _coordinated(
    refs: list[Resolved], claims: list[_Claim | None], head: int, index: int, gap: str
) -> _Claim:
    """The claim of a reference joined to the previous one by a coordinator only."""
    head_claim = claims[head]
    assert head_claim is not None
    rule = "coordinated" if head_claim.rule != "cites" else "cites"
    if gap.rstrip().endswith(";"):
        # "…; Quyết định số 53/2010/QĐ-TTg": the kind of a list item carries over, what the
        # previous item's own description said does not
        return _item_of(claims, head)
    if head_claim.third_source is not None and head_claim.third_kind is not None:
        # "… Luật Ban hành văn bản quy phạm pháp luật và Nghị định số 79/2025/NĐ-CP": another
        # object of the verb that named the head, if that verb can act on it
        if head_claim.reversed:
            return replace(head_claim, rule=rule)
        source, kind = _climb(refs, claims, head_claim.third_source, head_claim.third_kind, index)
        if source is None:
            return _item_of(claims, head)
        return replace(head_claim, rule=rule, third_source=source, third_kind=kind)
    return replace(head_claim, rule=rule)


def _passive(
    refs: list[Resolved],
    claims: list[_Claim | None],
    head: int,
    index: int,
    verb: re.Match[str],
    offset: int,
) -> _Claim:
    """ "<head> được sửa đổi, bổ sung bởi <reference>": the reference acts on the head. In a
    basis clause the amending act is part of the basis ("Căn cứ Luật Các tổ chức tín dụng số
    32/2024/QH15 được sửa đổi, bổ sung bởi Luật số 96/2025/QH15", dev2 vb2_ff03db2b30)."""
    kind = _PASSIVE.kind(verb)
    target = head
    seen = 0
    while not _plausible(kind, refs[index].ref, refs[target].ref) and seen < len(refs):
        # "Nghị định số 35/2003/NĐ-CP … quy định chi tiết … Luật Phòng cháy và chữa cháy đã
        # được sửa đổi, bổ sung theo Nghị định số 46/2012/NĐ-CP": a decree amends no law
        up = claims[target]
        if up is None or up.third_source is None or up.reversed:
            break
        target, seen = up.third_source, seen + 1
    head_claim = claims[target]
    own: str = R.CITES
    if head_claim is not None and head_claim.kind in (R.BASED_ON, R.IMPLEMENTS, R.GUIDES):
        own = head_claim.kind
    rule = "coordinated" if own != R.CITES else "cites"
    where = (offset + verb.start(), offset + verb.end())
    return _Claim(
        own,
        rule,
        target,
        kind,
        reversed=True,
        third_verb=where,
        phrase=is_phrase(verb.group()),
    )


def _live(ctx: _Context, refs: list[Resolved]) -> list[int]:
    title = ctx.parsed.title_span
    return [
        i
        for i, r in enumerate(refs)
        if r.status in ("resolved", "ambiguous")
        and not r.nested
        and not ctx.in_span(r.ref.start, title)
    ]


def _amended_by(ctx: _Context, refs: list[Resolved], live: list[int]) -> list[tuple[int, int]]:
    """(amending act, amended act) from every "… được sửa đổi, bổ sung bởi:" list, one act a line
    ("Nghị định số 55/2023/NĐ-CP … sửa đổi, bổ sung một số điều của Nghị định số 75/2021/NĐ-CP"
    follows the paragraph of 75/2021)."""
    folded = ctx.flow
    pairs: list[tuple[int, int]] = []
    if "duoc sua doi" not in folded:
        return pairs
    for marker in _AMENDED_BY_LOW.finditer(ctx.low):
        paragraph = folded.rfind("\n", 0, marker.start()) + 1
        heads = [
            i
            for i in live
            if refs[i].ref.end > paragraph and refs[i].ref.tail_end <= marker.start()
        ]
        if not heads:
            continue
        pos = marker.end()
        for i in live:
            ref = refs[i].ref
            if ref.start < pos:
                continue  # before the list
            line = folded.rfind("\n", 0, ref.start)
            if line < pos - 1 or not _LIST_ITEM.fullmatch(folded, line, ref.start):
                if _LIST_END.match(folded, line + 1) or ref.start - marker.end() > LIST_MAX:
                    break  # "Căn cứ Hiến pháp …": the list is over
                continue  # inside an amending act's description
            pairs.append((i, heads[0]))
    return pairs


def _lists(
    ctx: _Context,
    refs: list[Resolved],
    live: list[int],
    own_type: str,
    quoted: list[tuple[int, int, int | None]],
) -> dict[int, _Claim]:
    """The acts listed one a line after a line that says what is done to them: "5. Nghị quyết
    này bãi bỏ các Nghị quyết:⏎a) Nghị quyết số 11/2024/NQ-HĐND …⏎b) …" (dev2 vb2_58abb15520),
    "… có hiệu lực kể từ ngày ký và thay thế các Quyết định sau:⏎- Quyết định số 18/QĐ-UBND …"."""
    flow = ctx.flow
    out: dict[int, _Claim] = {}
    starts = [refs[i].ref.start for i in live]
    for head in _LIST_HEAD.finditer(flow):
        colon = head.start()
        line = ctx.line_start(colon)
        first = bisect.bisect_left(starts, line)
        if first == len(starts):
            break  # no act is named from this line on: no list of acts follows this or a later head
        if colon - line > LIST_HEAD_MAX or _AMENDED_BY_LOW.search(ctx.low, line, head.end()):
            continue
        if starts[first] < colon:
            continue  # "Bãi bỏ các điều sau của Quyết định số …:": provisions follow, not acts
        opening = _opening(ctx.low, line, colon)
        named = opening.end() if opening else line  # after "**Điều 2.** Bãi bỏ"
        if _NEW_WORDING.search(flow, line, colon) and effects.PROVISION.search(flow, named, colon):
            continue  # "1. Bổ sung Điều 6a vào sau Điều 6 như sau:": new wording follows
        block = next((q for q in quoted if q[0] <= colon < q[1]), None)
        acting = own_type
        if block is not None:
            if block[2] is None:
                continue  # quoted wording of an amended act
            acting = refs[block[2]].ref.doc_type
        lapse = LAPSE.match(flow, line, colon) if acting in NORMATIVE_TYPES else None
        if lapse is not None:
            # "Các Quyết định sau đây hết hiệu lực kể từ ngày Quyết định này có hiệu lực:"
            kind = R.REPLACES if _TAKES_PLACE.match(flow, lapse.end(), colon) else R.REPEALS
            claim = _Claim(kind, "expires", verb=(lapse.end() - 1, lapse.end()))
        else:
            claim = _independent(ctx, colon, line, acting)
        if claim.kind not in SUPERSESSION:
            continue
        rule = "list" if claim.rule != "expires" else "expires"
        seen = head.end()  # lines before this were read
        for pos in range(first, len(live)):
            i = live[pos]
            ref = refs[i].ref
            if ref.start - seen > LIST_MAX:
                break  # a list of 53 repealed decisions (real1k) runs on item after item
            item = ctx.line_start(ref.start)
            if item < head.end():
                continue
            if _ends_list(flow, seen, item):
                break
            seen = max(seen, flow.find("\n", ref.start) + 1 or len(flow))
            lead = _ITEM_LEAD.match(flow, item, ref.start)
            if lead is not None and (
                lead.end() == ref.start or effects.only_provisions(flow, lead.end(), ref.start)
            ):
                actor = block[2] if block is not None else None
                out[i] = replace(claim, rule=rule, item=(colon, item), actor=actor)
    return out


def _ends_list(flow: str, start: int, line: int) -> bool:
    """Whether a line from ``start`` up to the line at ``line`` (the next act's) ends a list:
    an article, a basis clause, a heading, or an item that names no act ("- Ủy ban Thường vụ
    Quốc hội;")."""
    pos = start
    while pos <= line:
        if _LIST_END.match(flow, pos) or (pos < line and _ITEM_MARK.match(flow, pos)):
            return True
        nxt = flow.find("\n", pos, line)
        if nxt < 0:
            break
        pos = nxt + 1
    return pos == line and _LIST_END.match(flow, pos) is not None


def _quoted(ctx: _Context, refs: list[Resolved]) -> list[tuple[int, int, int | None]]:
    """Spans of quoted wording and the reference whose wording it is ("Điều 4 và Điều 5 của
    Quyết định số 22/2025/QĐ-TTg … quy định như sau: “…”"), None when the quote gives the new
    wording of an amended provision ("1. Sửa đổi khoản 2 Điều 5 như sau: “…”")."""
    flow = ctx.flow
    out: list[tuple[int, int, int | None]] = []
    if "“" not in flow:
        return out  # every quote opens with "“": no text without one is worth a scan
    starts = [r.ref.start for r in refs]
    for intro in _AS_FOLLOWS_LOW.finditer(ctx.low):
        open_at = intro.end() - 1
        if out and open_at < out[-1][1]:
            continue
        # the quote closes, or a new article of this text begins ("**Điều 2.**" when a closing
        # quote mark was lost, dev2 vb2_776c2df5ae)
        article = _ARTICLE_LINE.search(flow, open_at, open_at + QUOTE_MAX)
        depth = 0
        end = article.start() if article else min(len(flow), open_at + QUOTE_MAX)
        # only the quote marks count: found by the engine, not a character at a time in Python
        for mark in _QUOTE_MARK.finditer(flow, open_at, end):
            if mark.group() == "“":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    end = mark.start()
                    break
        s_start = ctx.line_start(intro.start())
        actor = None
        first = bisect.bisect_left(starts, s_start)
        if first < len(refs) and refs[first].ref.start < intro.start():
            ref = refs[first]
            lead = _FOOTNOTE.match(flow, s_start)
            lead_end = lead.end("n") + 1 if lead is not None else s_start
            if (
                ref.ref.kind == "numbered"
                and ref.status == "resolved"
                and lead_end <= ref.ref.start
                and effects.only_provisions(flow, lead_end, ref.ref.start)
            ):
                actor = first
        out.append((open_at, end, actor))
    return out


def _footnotes(
    ctx: _Context, refs: list[Resolved], live: list[int]
) -> list[tuple[int, str, tuple[str, ...], str | None, tuple[int, int]]]:
    """A consolidated text's footnotes that say which act changed a provision: (the act's
    reference, kind, the provisions changed, from when, the footnote's span)."""
    flow = ctx.flow
    found = []
    marks = list(_FOOTNOTE.finditer(flow))
    for n, note in enumerate(marks):
        end = marks[n + 1].start() if n + 1 < len(marks) else len(flow)
        end = min(end, note.start() + FOOTNOTE_MAX)
        acts = [i for i in live if note.end() <= refs[i].ref.start < end]
        if not acts:
            continue
        first = refs[acts[0]].ref
        verb = _nearest(_PASSIVE, ctx.low, note.end(), first.start)
        if verb is None:
            continue  # "[1] Quyết định số 38/2010/QĐ-TTg sửa đổi …": a description, read as such
        subject = " ".join((note["subject"] or "").lower().split())
        phrase = subject in ("cum tu", "tu") or is_phrase(verb.group())
        kind = R.AMENDS if phrase else _PASSIVE.kind(verb)
        where = _marked_provision(ctx, note["n"], marks[0].start(), subject)
        date = effects.effect_date(flow, note.end(), end, None, None)
        found.append((acts[0], kind, where, date, (note.start(), end)))
    return found


def _marked_provision(ctx: _Context, mark: str, notes_start: int, subject: str) -> tuple[str, ...]:
    """The provision a footnote mark stands in: "a[2])" under "2. …" in "**Điều 1.**" is điểm a
    khoản 2 Điều 1; a mark on an article heading ("**Điều 2a****[3].**") is that article."""
    flow = ctx.flow
    at = flow.rfind(f"[{mark}]", 0, notes_start)
    if at < 0:
        return ()
    article = _last(_ARTICLE_LINE, flow, max(0, at - effects.ARTICLE_MAX), at + 1)
    if article is None:
        return ()
    parts = [f"Điều {ctx.text[article.start('n') : article.end('n')]}"]
    if subject == "dieu" or ctx.line_start(at) == ctx.line_start(article.start()):
        return (parts[0],)
    clause = _last(_CLAUSE_LINE, flow, article.end(), at)
    if clause is not None:
        parts.insert(0, f"khoản {clause['n']}")
    point = _POINT_MARK.match(flow, at - 2)
    if point is not None and subject != "khoan":
        parts.insert(0, f"điểm {point['n'].lower()}")
    return (" ".join(parts),)


def _stub(res: Resolved, prior: Document | None) -> Document:
    ref = res.ref
    if res.via_alias:
        # what the name stands for is known elsewhere (its numbered reference, or the store)
        return prior or Document(id=res.doc_id or "")
    name = res.name if ref.kind == "named" else ref.name
    if prior is None:
        return Document(
            id=res.doc_id or "",
            doc_type=ref.doc_type,
            number=ref.number,
            year=res.year,
            name=name,
            issuer=ref.issuer,
            issued_date=ref.date,
        )
    doc_type = prior.doc_type if prior.doc_type != "unknown" or not ref.typed else ref.doc_type
    number = prior.number or ref.number
    year = prior.year or res.year
    name = prior.name or name
    issuer = prior.issuer or ref.issuer
    issued_date = prior.issued_date or ref.date
    if (doc_type, number, year, name, issuer, issued_date) == (
        prior.doc_type,
        prior.number,
        prior.year,
        prior.name,
        prior.issuer,
        prior.issued_date,
    ):
        # A document cited again most often adds nothing, and every stub is made here of these
        # fields only: the one it has is the merged one (a Document costs some 4 µs to make,
        # and 300 texts cite 6,400 times).
        return prior
    return Document(
        id=prior.id,
        doc_type=doc_type,
        number=number,
        year=year,
        name=name,
        issuer=issuer,
        issued_date=issued_date,
    )


def _normalised(parsed: ParsedText) -> tuple[ParsedText, list[int] | None]:
    """NFC copy of a text given in NFD, with a map back to the given offsets."""
    text = parsed.text
    if is_nfc(text):
        return parsed, None
    out: list[str] = []
    back: list[int] = []
    forward = [0] * (len(text) + 1)
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        chunk = unicodedata.normalize("NFC", text[i:j])
        for k in range(i, j):
            forward[k] = len(back)
        for _ in chunk:
            back.append(i)
        out.append(chunk)
        i = j
    forward[len(text)] = len(back)
    back.append(len(text))

    def fwd(span: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if span is None else (forward[span[0]], forward[span[1]])

    source = SourceText(
        parsed.source.path, "".join(out), parsed.source.sha256, parsed.source.encoding
    )
    moved = ParsedText(
        source=source,
        document=parsed.document,
        own_spans=tuple(s for s in (fwd(s) for s in parsed.own_spans) if s is not None),
        web_title_span=fwd(parsed.web_title_span),
        title_span=fwd(parsed.title_span),
        preamble_span=fwd(parsed.preamble_span),
        body_start=forward[min(parsed.body_start, len(text))],
        sections=parsed.sections,
    )
    return moved, back


@dataclass(slots=True)
class _Effect:
    """An edge being gathered from the references that claim it."""

    kind: str
    confidence: float
    ref: int  # the reference whose sentence is the evidence
    provisions: list[str] = field(default_factory=list)
    whole: bool = False
    partial: bool = False
    effective_date: str | None = None

    def add(self, written: tuple[str, ...], scope: str | None, date: str | None) -> None:
        self.provisions.extend(p for p in written if p not in self.provisions)
        self.whole = self.whole or scope == "whole"
        self.partial = self.partial or scope == "partial"
        self.effective_date = self.effective_date or date

    def edge(
        self, source: str, target: str, evidence: str, start: int, end: int, origin: str
    ) -> Edge:
        if self.kind not in SUPERSESSION:
            return Edge(
                source, target, str(self.kind), evidence, start, end, self.confidence, origin
            )
        # "Bãi bỏ toàn bộ Quyết định số 24/2019/QĐ-UBND" in the body outweighs a title that reads
        # as if only a part went (dev2 vb2_87abc246de)
        scope = "whole" if self.whole else ("partial" if self.partial else None)
        return Edge(
            source,
            target,
            str(self.kind),
            evidence,
            start,
            end,
            self.confidence,
            origin,
            scope=scope,
            provisions=tuple(self.provisions) if scope == "partial" else (),
            effective_date=self.effective_date,
        )


class _Effects:
    """Scope, provisions and effect date of the supersession claims of one text."""

    def __init__(self, ctx: _Context, refs: list[Resolved]) -> None:
        self.ctx = ctx
        self.refs = refs
        self.body_start = ctx.parsed.body_start
        self.actor_dates: dict[int, str | None] = {}

    def floor(self, index: int) -> int:
        """Where the words about reference ``index`` may begin: after the reference before it."""
        return self.refs[index - 1].ref.tail_end if index > 0 else 0

    def of_claim(
        self, claim: _Claim, index: int, effective: str | None
    ) -> tuple[tuple[str, ...], str | None, str | None]:
        """(provisions, scope, effect date) of an own (or actor's) claim."""
        if claim.kind not in SUPERSESSION or claim.verb is None:
            return (), None, None
        ctx, ref = self.ctx, self.refs[index].ref
        verb_start, verb_end = claim.verb
        words_end, window = ref.start, verb_end
        if claim.item is not None:
            words_end, window = claim.item  # the list's announcing line; the item's own line
        start = max(window, self.floor(index))
        written = (
            effects.provisions(ctx.text, ctx.flow, start, ref.start) if start < ref.start else ()
        )
        if not written and verb_start >= ref.tail_end:
            # the verb after the act: "… các quy định tại Chương II Quyết định số 20/2016/QĐ-UBND
            # hết hiệu lực thi hành"
            written = effects.provisions_before(ctx.text, ctx.flow, ref.start, self.floor(index))
        if (
            not written
            and claim.kind == R.AMENDS
            and claim.rule in ("imperative", "own_subject", "formula")
            and ref.start >= self.body_start
        ):
            # "Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 35/2010/TT-BCA …:⏎1. Bổ sung
            # khoản 3 Điều 3 …": the items name what changes
            written = effects.listed_changes(ctx.text, ctx.flow, ref.tail_end)
        # the words from the verb to the reference: effects.scope of
        # f"{ctx.flow[verb_start:words_end]} {ctx.flow[start : ref.start]}"
        scope = ctx.verb_words.scope(
            claim.kind, written, verb_start, words_end, ctx.flow[start : ref.start], claim.phrase
        )
        s_start, s_end = ctx.sentence(verb_start)
        date = effects.effect_date(
            ctx.flow, s_start, s_end, ctx.issued, effective, ctx.effect_clauses
        )
        return written, scope, date or effective

    def of_third(self, claim: _Claim, index: int) -> tuple[tuple[str, ...], str | None]:
        """(provisions, scope) of a third-party claim made by a description."""
        kind = claim.third_kind
        if kind not in SUPERSESSION or claim.third_source is None:
            return (), None
        ctx = self.ctx
        if claim.reversed:
            # "Điều 6 Thông tư số 44/2017/TT-BTC được sửa đổi, bổ sung bởi Điều 1 Thông tư số
            # 41/2024/TT-BTC": the provisions are written before the amended act
            target = self.refs[claim.third_source].ref
            verb_at = claim.third_verb[0] if claim.third_verb else target.tail_end
            direct = not any(
                target.tail_end <= r.ref.start < verb_at and not r.nested for r in self.refs
            )
            written: tuple[str, ...] = ()
            if direct:  # not "Điều 12 Nghị định số 35/2003/NĐ-CP … Luật … đã được sửa đổi"
                written = effects.provisions_before(
                    ctx.text, ctx.flow, target.start, self.floor(claim.third_source)
                )
            return written, effects.scope(kind, written, "", claim.phrase)
        ref = self.refs[index].ref
        verb = claim.third_verb
        if verb is None:
            return (), effects.scope(kind, (), "", claim.phrase)
        start = max(verb[1], self.floor(index))
        found: tuple[str, ...] = ()
        if start < ref.start:
            found = effects.provisions(ctx.text, ctx.flow, start, ref.start)
        # effects.scope of ctx.flow[verb[0] : ref.start] (a space after it changes nothing)
        return found, ctx.verb_words.scope(kind, found, verb[0], ref.start, "", claim.phrase)

    def actor_date(self, actor: int, quoted: list[tuple[int, int, int | None]]) -> str | None:
        """The effective date of a quoted act: its introduction's ("…, có hiệu lực thi hành từ
        ngày 10 tháng 7 năm 2025, quy định như sau:") or its quoted effect clause's."""
        if actor not in self.actor_dates:
            ctx = self.ctx
            date = None
            for start, end, who in quoted:
                if who == actor:
                    intro = ctx.line_start(start)
                    date = effects.effect_date(ctx.flow, intro, start, None, None)
                    date = date or effects.own_effective_date(
                        ctx.flow[:end], self.refs[actor].ref.doc_type, None, start
                    )
                    break
            self.actor_dates[actor] = date
        return self.actor_dates[actor]


def _settled(kind: str, scope: str | None) -> str:
    """A part of an act replaced is the act amended ("thay thế mẫu VC02 … ban hành kèm theo Thông
    tư số 35/2010/TT-BCA", "Thay thế, bãi bỏ một số khoản, cụm từ tại các điều, khoản Quy định …
    ban hành kèm theo Quyết định số 40/2024/QĐ-UBND", dev2): REPLACES is the whole act's."""
    return R.AMENDS if kind == R.REPLACES and scope == "partial" else kind


def extract_citations(parsed: ParsedText, lookup: AliasLookup | None = None) -> Citations:
    """Find, resolve and type every citation of ``parsed``.

    Edges from the text's own document carry the strongest kind found for each target, with the
    sentence of the reference that gave it; edges between third parties carry ``origin`` = the
    text. Supersession edges carry their scope, provisions and effect date. ``lookup`` resolves
    policy names learnt from other texts (an alias in the store).
    """
    parsed, back = _normalised(parsed)
    text = parsed.text
    own = parsed.document
    origin = parsed.source.path
    ctx = _Context(parsed, text)
    refs = find_references(text, ctx.folded)
    resolution = resolve_references(
        text,
        refs,
        own,
        parsed.own_spans,
        parsed.web_title_span,
        lookup,
        origin,
        ctx.folded,
        parsed.title_span,
    )
    resolved = resolution.refs
    if not resolved:
        # nothing cited: every rule below reads the references, so each would find nothing
        return Citations(cited=[], edges=[], mentions=[], aliases=resolution.aliases, spans=[])
    live = _live(ctx, resolved)
    consolidated: int | None = None
    acting = own.doc_type  # whose provisions the text's own words are
    if own.doc_type == "consolidated_text" and live:
        consolidated = live[0]
        acting = resolved[consolidated].ref.doc_type
    quoted = _quoted(ctx, resolved)
    claims = _claims(ctx, resolved, acting, quoted)
    for i, listed in _lists(ctx, resolved, live, acting, quoted).items():
        claims[i] = listed
    amended = dict(_amended_by(ctx, resolved, live))
    notes = _footnotes(ctx, resolved, live) if consolidated is not None else []
    own_rank = _force(own.doc_type, own.number)
    measure = _Effects(ctx, resolved)

    def at(pos: int) -> int:
        return back[pos] if back is not None else pos

    best: dict[str, tuple[int, _Effect]] = {}  # target → (rank, effect)
    third: dict[tuple[str, str, str], _Effect] = {}
    stubs: dict[str, Document] = {}
    mentions: dict[str, Mention] = {}
    spans: list[CitedSpan] = []

    def third_party(
        key: tuple[str, str, str],
        confidence: float,
        index: int,
        written: tuple[str, ...] = (),
        scope: str | None = None,
        date: str | None = None,
    ) -> None:
        source, to, kind = key
        if source == to or source == own.id:
            return
        key = (source, to, _settled(kind, scope))
        effect = third.setdefault(key, _Effect(key[2], confidence, index))
        effect.add(written, scope, date)

    for i, (res, claim) in enumerate(zip(resolved, claims, strict=True)):
        if claim is None or res.status not in ("resolved", "ambiguous") or res.doc_id is None:
            continue
        target = res.doc_id
        stubs[target] = _stub(res, stubs.get(target))
        kind, rule = claim.kind, claim.rule
        amended_id = resolved[amended[i]].doc_id if i in amended else None
        if amended_id is not None and amended_id != target:
            s_start, s_end = ctx.sentence(res.ref.start)
            date = effects.effect_date(
                ctx.flow, res.ref.start, s_end, None, None, ctx.effect_clauses
            )
            third_party(
                (target, amended_id, R.AMENDS), CONFIDENCE["consolidated"], i, (), "partial", date
            )
            kind, rule = R.CITES, "cites"
        actor = claim.actor
        if consolidated is not None and actor is None:
            if i == consolidated:
                kind, rule = R.CONSOLIDATES, "consolidated"
            elif rule in OWN_EFFECT_RULES:
                # "Nghị định này" in a consolidated text is the act it consolidates
                actor = consolidated
        if kind in _ENDS_FORCE or kind == R.GUIDES:
            doer = resolved[actor].ref if actor is not None else None
            rank = _force(doer.doc_type, doer.number) if doer is not None else own_rank
            if not _ranked(kind, rank, res.ref):
                kind, rule = R.CITES, "cites"
        if actor is not None and rule in OWN_EFFECT_RULES:
            source = resolved[actor].doc_id
            if source is not None:
                date = measure.actor_date(actor, quoted) if claim.actor is not None else None
                written, scope, when = measure.of_claim(claim, i, date)
                third_party((source, target, kind), CONFIDENCE[rule], i, written, scope, when)
            kind, rule = R.CITES, "cites"
        if res.status == "ambiguous":
            rule = "ambiguous"
            mentions.setdefault(
                target,
                Mention(
                    origin=origin,
                    text=res.ref.text,
                    start=at(res.ref.start),
                    end=at(res.ref.end),
                    status="ambiguous",
                    reason=year_unknown_reason(res.ref.number or res.ref.text),
                    target=target,
                ),
            )
        measured = None
        if kind in SUPERSESSION:
            measured = measure.of_claim(replace(claim, kind=kind), i, own.effective_date)
            kind = _settled(kind, measured[1])
        spans.append(CitedSpan(at(res.ref.start), at(res.ref.end), target, str(kind)))
        confidence = CONFIDENCE["named" if rule == "cites" and res.ref.kind == "named" else rule]
        rank = _RANK[kind]
        if target not in best or rank < best[target][0]:
            best[target] = (rank, _Effect(kind, confidence, i))
        if measured is not None:
            written, scope, date = measured
            # Only the provisions of the kind the edge keeps: "Bãi bỏ Điều 4, 5, 6 …" beside
            # "Bổ sung Điều 6a …" of one act repeals Điều 4, 5 and 6, not Điều 6a (dev2
            # vb2_6355e0ac4f)
            if rank == best[target][0]:
                best[target][1].add(written, scope, date)
        if claim.third_source is not None and claim.third_kind is not None:
            source, to = resolved[claim.third_source].doc_id, target
            if claim.reversed:
                source, to = to, source
            if source is not None and to is not None:
                written, scope = measure.of_third(claim, i)
                third_party(
                    (source, to, claim.third_kind), CONFIDENCE["third_party"], i, written, scope
                )
    if consolidated is not None:
        con = resolved[consolidated].doc_id
        for i, kind, written, date, _ in notes:
            source = resolved[i].doc_id
            if source is not None and con is not None:
                scope = effects.scope(kind, written, "")
                third_party((source, con, kind), CONFIDENCE["footnote"], i, written, scope, date)

    edges: list[Edge] = []
    for target, (_, effect) in best.items():
        ref = resolved[effect.ref].ref
        evidence = ctx.evidence(ref.start, ref.end)
        edges.append(effect.edge(own.id, target, evidence, at(ref.start), at(ref.end), origin))
    for (source, target, _), effect in third.items():
        ref = resolved[effect.ref].ref
        evidence = ctx.evidence(ref.start, ref.end)
        edges.append(effect.edge(source, target, evidence, at(ref.start), at(ref.end), origin))
    return Citations(
        cited=list(stubs.values()),
        edges=edges,
        mentions=list(mentions.values()),
        aliases=resolution.aliases,
        spans=spans,
    )
