"""Stage 5, relate: resolved references → typed edges with evidence (BASED_ON … CITES).

The kind of a citation is read from the words around it, with rules as data (:data:`TITLE_CUES`,
:data:`OWN_SUBJECT_CUES`, :data:`LEAD_IN_CUES`, :data:`THIRD_PARTY_CUES`). Three situations:

- *coordinated* ("Nghị quyết số 01/NQ-CP và Nghị quyết số 02/NQ-CP"): the second shares the first's
  kind;
- *described* ("Nghị định số 60/2003/NĐ-CP … quy định chi tiết và hướng dẫn thi hành Luật Ngân
  sách nhà nước"): the words between describe the first document, so this text only CITES the
  second, and a supersession or guidance verb there is a third-party edge first → second;
- *independent*: the clause before the reference says what this text does with it ("Căn cứ …",
  "triển khai thực hiện …", its own title "Hướng dẫn thực hiện …", "Nghị định này thay thế …").

Direction is the point (DESIGN.md): a planned act ("Xây dựng Nghị định sửa đổi Nghị định số
91/2020/NĐ-CP") only CITES.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field, replace

from graph.model import Alias, Document, Edge, Mention, RelationType
from loader.find import find_references, fold_sentences
from loader.parse import ParsedText
from loader.read import SourceText
from loader.resolve import AliasLookup, Resolved, resolve_references

R = RelationType

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
    "expires": 0.85,
    "imperative": 0.8,
    "consolidated": 0.9,
    "lead_in": 0.75,
    "coordinated": 0.75,
    "cites": 0.9,
    "named": 0.8,
    "ambiguous": 0.5,
    "third_party": 0.7,
}

# The text's own title says what it does: "HƯỚNG DẪN THỰC HIỆN QUYẾT ĐỊNH SỐ 170/2008/QĐ-TTG"
# (GUIDES), "VỀ VIỆC TỔ CHỨC TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 19/CT-TTG" (IMPLEMENTS). The cue
# nearest the reference wins; on a tie the longer one.
TITLE_CUES: tuple[tuple[str, str], ...] = (
    (r"sua doi,? bo sung(?: mot so dieu(?: cua)?)?", R.AMENDS),
    (r"sua doi", R.AMENDS),
    (r"thay the", R.REPLACES),
    (r"bai bo", R.REPEALS),
    (r"dinh chinh", R.CORRECTS),
    # "HƯỚNG DẪN BỔ SUNG VIỆC THỰC HIỆN QUYẾT ĐỊNH SỐ …" guides: longer than "thực hiện" at the
    # same end, so it wins the tie
    (
        r"huong dan(?: bo sung)?(?: (?:viec )?(?:thuc hien|thi hanh))?|quy dinh chi tiet",
        R.GUIDES,
    ),
    (r"trien khai(?: thuc hien)?|thuc hien|thi hanh", R.IMPLEMENTS),
)

# "<type word> này <verb> …": the text says what it does to another ("Nghị định này thay thế Nghị
# định số 43/2011/NĐ-CP", "Thông tư này hướng dẫn thực hiện Quyết định số 22/2013/QĐ-TTg").
_OWN_TYPES = (
    r"(?:thong tu lien tich|thong tu|nghi dinh|quyet dinh|chi thi|nghi quyet|bo luat|luat|"
    r"phap lenh|van ban|ke hoach|cong van)"
)
OWN_SUBJECT_CUES: tuple[tuple[str, str], ...] = (
    (rf"{_OWN_TYPES} nay\b[^;]*\bsua doi", R.AMENDS),
    (rf"{_OWN_TYPES} nay\b[^;]*\bthay the", R.REPLACES),
    (rf"{_OWN_TYPES} nay\b[^;]*\bbai bo", R.REPEALS),
    (rf"{_OWN_TYPES} nay\b[^;]*\b(?:huong dan|quy dinh chi tiet)", R.GUIDES),
)

# The promulgation formula of a decree or circular names what it details or guides: "Chính phủ ban
# hành Nghị định quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm xã hội".
PROMULGATES = re.compile(
    r"^\W*(?:chinh phu|thu tuong chinh phu|bo truong\b[^;]{0,80}?|thong doc\b[^;]{0,80}?|"
    r"[^;]{0,60}?\bbo truong)\s+ban\s+hanh\s+(?:nghi\s+dinh|thong\s+tu(?:\s+lien\s+tich)?|"
    r"quyet\s+dinh)\s+(?:[^;]{0,40}?\s)?(?:quy\s+dinh\s+chi\s+tiet|huong\s+dan)",
    re.IGNORECASE,
)

# A reference at the start of a final provision: "Bãi bỏ Quyết định số …", "Thay thế …".
IMPERATIVE_CUES: tuple[tuple[str, str], ...] = (
    (r"^\W*(?:\d+\.\s*)?bai bo\b", R.REPEALS),
    (r"^\W*(?:\d+\.\s*)?thay the\b", R.REPLACES),
)
# Texts whose final provisions can repeal or replace (a directive or a letter only plans to).
NORMATIVE_TYPES = frozenset(
    {
        "constitution",
        "code",
        "law",
        "ordinance",
        "resolution",
        "decree",
        "decision",
        "circular",
        "joint_circular",
        "order",
    }
)

# "Nghị định số 58/2019/NĐ-CP … hết hiệu lực thi hành kể từ ngày Nghị định này có hiệu lực"
# (dev vb_c4da68dcd5): the text replaces it.
EXPIRES = re.compile(r"^[^;]{0,300}?\bhet hieu luc\b[^;]{0,80}?\bnay co hieu luc", re.IGNORECASE)

# The clause before an independent reference; nearest cue wins. CITES rows are there to *stop* a
# farther cue: "Mức chi thực hiện theo quy định tại Thông tư số 139/2010/TT-BTC" only cites, and
# "Xây dựng Nghị định sửa đổi … Nghị định số 91/2020/NĐ-CP" plans an act, so it only cites.
LEAD_IN_CUES: tuple[tuple[str, str], ...] = (
    (r"trien khai(?: thuc hien)?|thuc hien|thi hanh|quan triet|hien thuc hoa", R.IMPLEMENTS),
    (r"theo tinh than(?: cua)?", R.IMPLEMENTS),
    (r"(?:de ra|dat ra|duoc giao|nhiem vu) (?:tai|trong|cua)", R.IMPLEMENTS),
    (r"(?:viec|tinh hinh|ket qua|qua|sau) (?:\w+ ){0,2}thuc hien", R.CITES),
    (r"thuc hien (?:\w+ ){0,3}theo(?: quy dinh| qui dinh)?(?: tai| cua)?", R.CITES),
    (r"huong dan (?:thuc hien|thi hanh)", R.CITES),
    (r"(?:quy dinh|qui dinh) (?:tai|cua)", R.CITES),
    (
        r"xay dung|soan thao|du thao|nghien cuu|de xuat|lap de nghi|trinh|ban hanh|sua doi|"
        r"thay the|bai bo|bo sung|thay doi|sua",
        R.CITES,
    ),
)

# Words between two references that describe the first: a third-party edge first → second.
THIRD_PARTY_CUES: tuple[tuple[str, str], ...] = (
    (r"sua doi,? bo sung|sua doi", R.AMENDS),
    (r"thay the", R.REPLACES),
    (r"bai bo", R.REPEALS),
    (r"huong dan(?: thuc hien| thi hanh)?|quy dinh chi tiet", R.GUIDES),
)
# The same verbs in the passive turn the edge around: "Luật Tổ chức Quốc hội số 57/2014/QH13 đã
# được sửa đổi, bổ sung một số điều theo Luật số 65/2020/QH14" (65 amends 57), "Thông tư số
# 26/2016/TT-BLĐTBXH đã được bổ sung tại khoản 3 Điều 1 Thông tư số 06/2024/TT-BLĐTBXH", "Quyết
# định 119/QĐ-UBND … đã được thay thế bởi Quyết định 366/QĐ-UBND".
PASSIVE_CUES: tuple[tuple[str, str], ...] = (
    (r"duoc (?:sua doi|bo sung)", R.AMENDS),
    (r"duoc thay the", R.REPLACES),
    (r"duoc bai bo", R.REPEALS),
    (r"duoc (?:huong dan|quy dinh chi tiet)", R.GUIDES),
)
# "(sau đây gọi tắt là Thông tư số 06/2024/TT-BLĐTBXH)": a name given, not another document
# described.
DEFINES = re.compile(
    r"\(\s*(?:sau\s+day\s+)?(?:duoc\s+)?(?:goi|viet)(?:\s+(?:tat|chung))?\s+la\s*$", re.IGNORECASE
)
# Planning words before a supersession verb: the act does not exist yet ("ban hành Nghị định thay
# thế Nghị định số 43/2011/NĐ-CP", seed 001).
PLANNING = re.compile(
    r"\b(?:xay dung|soan thao|du thao|nghien cuu|de xuat|lap de nghi|trinh|ban hanh|se|du kien)\b",
    re.IGNORECASE,
)
# A future act named in the words between two references: "… có văn bản số 349/TB-VPCP thông báo
# … xây dựng, ban hành Thông tư liên tịch hướng dẫn … theo quy định của Pháp lệnh người có công"
# (dev vb_c7f265f894): the guiding is the future circular's, not 349's.
PLANNED_ACT = re.compile(
    rf"\b(?:xay dung|soan thao|du thao|nghien cuu|de xuat|trinh|ban hanh)\b(?:,? \w+){{0,2}} "
    rf"{_OWN_TYPES}\b",
    re.IGNORECASE,
)

# "Căn cứ …" opening a clause of the preamble; "Xét đề nghị …" is procedural, so it only cites.
CLAUSE_OPENERS: tuple[tuple[str, str], ...] = (
    (r"^\W*can cu\b", R.BASED_ON),
    (r"^\W*(?:xet|theo de nghi)\b", R.CITES),
)

# A consolidated text's opening paragraph: "Thông tư số 24/2009/… có hiệu lực … được sửa đổi, bổ
# sung bởi:" followed by one paragraph per amending act (dev vb_032a81c57e), numbered or not ("1.
# Luật Quy hoạch số 21/2017/QH14 …"). Wherever it is written, each amending act AMENDS the first.
AMENDED_BY = re.compile(r"\bduoc\s+sua\s+doi,?\s+bo\s+sung(?:,?\s+bai\s+bo)?(?:\s+boi)?\s*:", re.I)
# Between a list line's start and its amending act: "1. ", "- ", "a) ".
_LIST_ITEM = re.compile(r"\n\s*(?:(?:\d{1,2}[.)]|[a-z][)]|[-+*•])\s*)?")
_LIST_END = re.compile(r"\s*(?:Can cu|Theo|Xet|Dieu|Chuong|Muc|[A-Z ]{4,}$)", re.M)
LIST_MAX = 3000  # characters an amending list may run
# Before "ban hành" in a promulgation formula: someone asks for an act, none is made here.
_ASKS = re.compile(r"\b(?:de nghi|tham muu|giao|yeu cau|trinh|xay dung|se|du kien)\b", re.I)
# "… về sửa đổi, bổ sung khoản 2, Điều 8, Nghị định số 13/2008/NĐ-CP": the articles an act amends
# end in a comma, yet what follows is the amended act, not another item of a list.
_AMENDS_PARTS = re.compile(
    r"\b(?:sua\s+doi|bo\s+sung|bai\s+bo|thay\s+the)\b(?:[\s,]+(?:mot\s+so\s+|cac\s+)?"
    r"(?:khoan|dieu|diem|muc|chuong|phu\s+luc)\b[\s\w.]{0,12}?)+[\s,]*(?:cua\s*)?$",
    re.IGNORECASE,
)
_LAST_AND = re.compile(r".*\bva\s", re.DOTALL)
# The enacting line closes the preamble: "QUYẾT ĐỊNH:", "Chính phủ ban hành Nghị định …", "Điều 1".
# A basis clause wrapped over printed lines ("Căn cứ Quyết định số 23/2023/QĐ-TTg ngày 18 tháng 9
# năm 2023 của ⏎Thủ tướng Chính phủ …") stays in it.
PREAMBLE_END = re.compile(
    r"\n[ \t*#_]*(?:(?:QUYET DINH|NGHI DINH|QUYET NGHI|CHI THI|THONG TU|NGHI QUYET|LENH)\b"
    r"[^\n]{0,3}:"
    r"|(?:Dieu|Chuong|Muc)\s+(?:1|I)\b|(?!Can cu|Theo|Xet)[A-Z][^\n]{0,120}?\bban hanh\b)"
)
PREAMBLE_WINDOW = 8000

_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“(\-+*0-9A-Z])|\n")
_CLAUSE_BREAK = re.compile(r"[;:]\s|,\s*dong thoi\b|\n", re.IGNORECASE)
_COORD_END = re.compile(r"(?:,|;|\bva|\bhoac|\bcung nhu)\s*$", re.IGNORECASE)
_COORD_ONLY = re.compile(r"\s*(?:,|;|\bva\b|\bhoac\b|\s)*\s*", re.IGNORECASE)
# Words between a document and the one its description names: "Nghị định số 60/2003/NĐ-CP ngày
# 06/6/2003 của Chính phủ quy định chi tiết và hướng dẫn thi hành Luật Ngân sách nhà nước" is 60.
THIRD_PARTY_GAP_MAX = 250
LEAD_IN_MAX = 160  # characters of clause considered before a reference
EVIDENCE_MAX = 300  # characters of evidence kept around a reference


_GAP = r"\s+"  # between the words of a cue


@dataclass(frozen=True, slots=True)
class _Cues:
    """One cue table compiled as a single alternation (one scan per clause, not one per row); the
    row that matched is the group that matched. Words may be split by a printed line end."""

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
        parts = [f"(?P<c{i}>{rows[i][0].replace(' ', _GAP)})" for i in order]
        # every cue starts a word: the look-behind lets the engine skip the inside of words
        pattern = re.compile(f"(?<![a-z])(?:{'|'.join(parts)})", re.IGNORECASE)
        return cls(pattern, tuple(k for _, k in rows))

    def kind(self, match: re.Match[str]) -> str:
        return self.kinds[int(match.lastgroup[1:])]  # type: ignore[index]


_TITLE = _Cues.of(TITLE_CUES)
_OWN_SUBJECT = _Cues.of(OWN_SUBJECT_CUES)
_IMPERATIVE = _Cues.of(IMPERATIVE_CUES)
_LEAD_IN = _Cues.of(LEAD_IN_CUES, stoppers_first=True)
_THIRD = _Cues.of(THIRD_PARTY_CUES)
_PASSIVE = _Cues.of(PASSIVE_CUES)
_OPENERS = _Cues.of(CLAUSE_OPENERS)


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


@dataclass(frozen=True, slots=True)
class _Claim:
    """What one reference says: own kind, and possibly a third-party edge."""

    kind: str
    rule: str
    third_source: int | None = None  # index of the reference that is the third-party source
    third_kind: str | None = None
    reversed: bool = False  # passive ("được sửa đổi bởi …"): this reference is the source


def nearest_cue(cues: _Cues, text: str) -> str | None:
    """The kind of the cue ending nearest the end of ``text`` (ties: the longest)."""
    best: tuple[int, int] | None = None
    kind: str | None = None
    for match in cues.pattern.finditer(text):
        score = (match.end(), match.end() - match.start())
        if best is None or score > best:
            best, kind = score, cues.kind(match)
    return kind


def first_cue(cues: _Cues, text: str) -> str | None:
    """The kind of the first cue found (rows that start at the same place: the earlier row)."""
    match = cues.pattern.search(text)
    return cues.kind(match) if match else None


class _Context:
    """The text, folded, with its sentence boundaries found once."""

    def __init__(self, parsed: ParsedText, text: str) -> None:
        self.parsed = parsed
        self.text = text
        self.folded = fold_sentences(text)
        self.bounds = [m.end() for m in _SENTENCE_END.finditer(self.folded)]
        self.preamble_end = self._preamble_end()

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
        snippet = " ".join(self.text[s_start:s_end].split())
        return f"{'…' if cut_start else ''}{snippet}{'…' if cut_end else ''}"


def _independent(ctx: _Context, ref_start: int, lead_from: int, own_type: str) -> tuple[str, str]:
    """Own kind of a reference whose clause starts at ``lead_from``."""
    parsed, folded = ctx.parsed, ctx.folded
    if ctx.in_span(ref_start, parsed.title_span) and not ctx.in_span(
        ref_start, parsed.web_title_span
    ):
        title_from = max(lead_from, parsed.title_span[0])  # type: ignore[index]
        kind = nearest_cue(_TITLE, folded[title_from:ref_start])
        if kind:
            return kind, "title"
    lead = folded[max(lead_from, ref_start - LEAD_IN_MAX) : ref_start]
    breaks = list(_CLAUSE_BREAK.finditer(lead))
    clause = lead[breaks[-1].end() :] if breaks else lead
    if "nay" in clause:
        kind = first_cue(_OWN_SUBJECT, clause)
        if kind:
            return kind, "own_subject"
    if own_type in NORMATIVE_TYPES:
        promulgates = PROMULGATES.search(clause)
        if promulgates and not _ASKS.search(clause, 0, promulgates.end()):
            return R.GUIDES, "own_subject"
        if not PLANNING.search(clause):
            kind = first_cue(_IMPERATIVE, clause)
            if kind:
                return kind, "imperative"
    opener = first_cue(_OPENERS, clause)
    if opener == R.BASED_ON and (
        parsed.preamble_span is None or parsed.preamble_span[0] <= ref_start < ctx.preamble_end
    ):
        return R.BASED_ON, "based_on"
    if opener is not None:
        return R.CITES, "cites"
    kind = nearest_cue(_LEAD_IN, clause)
    if kind and kind != R.CITES:
        return kind, "lead_in"
    return R.CITES, "cites"


def _described(
    ctx: _Context, refs: list[Resolved], head_index: int, ref_start: int, s_start: int
) -> _Claim:
    """The words between two references describe the first ("Nghị định số 60/2003/NĐ-CP … quy
    định chi tiết … Luật Ngân sách nhà nước"): this text only cites the second, and a verb there
    is a third-party edge."""
    folded = ctx.folded
    head = refs[head_index]
    gap = folded[head.ref.tail_end : ref_start]
    third = nearest_cue(_THIRD, gap) if len(gap) <= THIRD_PARTY_GAP_MAX else None
    # a named head may be a future act ("xây dựng Luật X thay thế … Luật Y"); a numbered one exists
    planned = head.ref.kind == "named" and PLANNING.search(
        folded[max(s_start, head.ref.start - 40) : head.ref.start]
    )
    if third and head.status == "resolved" and not planned and not PLANNED_ACT.search(gap):
        return _Claim(R.CITES, "cites", head_index, third)
    # "… về hội nhập quốc tế và các mục tiêu đề ra của Nghị quyết số 26-NQ/TW": a new clause
    joined = _LAST_AND.search(gap)
    if joined:
        kind = nearest_cue(_LEAD_IN, gap[joined.end() :])
        if kind and kind != R.CITES:
            return _Claim(kind, "lead_in")
    return _Claim(R.CITES, "cites")


def _claims(ctx: _Context, refs: list[Resolved], own_type: str) -> list[_Claim | None]:
    folded = ctx.folded
    claims: list[_Claim | None] = []
    prev: int | None = None  # index of the previous top-level reference in the same sentence
    for i, res in enumerate(refs):
        ref = res.ref
        s_start, s_end = ctx.sentence(ref.start)
        if prev is not None and refs[prev].ref.tail_end > ref.start:
            prev_ok = False
        else:
            prev_ok = prev is not None and refs[prev].ref.start >= s_start
        if res.nested:
            claims.append(_Claim(R.CITES, "cites") if res.status != "skipped" else None)
            continue
        claim: _Claim
        if prev_ok and prev is not None:
            head = refs[prev]
            gap = folded[head.ref.tail_end : ref.start]
            head_claim = claims[prev]
            breaks = [b for b in _CLAUSE_BREAK.finditer(gap) if b.end() < len(gap)]
            passive = (
                nearest_cue(_PASSIVE, gap)
                if not breaks and len(gap) <= THIRD_PARTY_GAP_MAX and "duoc" in gap
                else None
            )
            if DEFINES.search(gap):
                claim = _Claim(R.CITES, "cites")
            elif _COORD_ONLY.fullmatch(gap) or (
                _COORD_END.search(gap) and not breaks and not _AMENDS_PARTS.search(gap)
            ):
                if head_claim is not None:
                    rule = "coordinated" if head_claim.rule != "cites" else "cites"
                    claim = replace(head_claim, rule=rule)
                    if gap.rstrip().endswith(";"):
                        # "…; Quyết định số 53/2010/QĐ-TTg": the kind of a list item carries
                        # over, what the previous item's own description said does not
                        claim = replace(claim, third_source=None, third_kind=None, reversed=False)
                else:
                    kind, rule = _independent(ctx, ref.start, head.ref.tail_end, own_type)
                    claim = _Claim(kind, rule)
            elif passive and head.status in ("resolved", "self"):
                claim = _Claim(R.CITES, "cites", prev, passive, reversed=True)
            elif breaks or head.status in ("self", "skipped"):
                lead_from = head.ref.tail_end + (breaks[-1].end() if breaks else 0)
                kind, rule = _independent(ctx, ref.start, lead_from, own_type)
                claim = _Claim(kind, rule)
            else:
                claim = _described(ctx, refs, prev, ref.start, s_start)
        else:
            kind, rule = _independent(ctx, ref.start, s_start, own_type)
            claim = _Claim(kind, rule)
        if claim.kind == R.CITES and ref.kind == "numbered":
            after = folded[ref.tail_end : min(s_end, ref.tail_end + 400)]
            nxt = refs[i + 1].ref.start if i + 1 < len(refs) else len(folded)
            if nxt >= ref.tail_end and EXPIRES.match(after[: max(0, nxt - ref.tail_end)]):
                claim = _Claim(R.REPLACES, "expires")
        claims.append(claim)
        prev = i
    return claims


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
    folded = ctx.folded
    pairs: list[tuple[int, int]] = []
    if "duoc sua doi" not in folded:
        return pairs
    for marker in AMENDED_BY.finditer(folded):
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


def _stub(res: Resolved, prior: Document | None) -> Document:
    ref = res.ref
    if res.via_alias:
        # what the name stands for is known elsewhere (its numbered reference, or the store)
        return prior or Document(id=res.doc_id or "")
    fresh = Document(
        id=res.doc_id or "",
        doc_type=ref.doc_type,
        number=ref.number,
        year=res.year,
        name=res.name if ref.kind == "named" else ref.name,
        issuer=ref.issuer,
        issued_date=ref.date,
    )
    if prior is None:
        return fresh
    return Document(
        id=prior.id,
        doc_type=prior.doc_type if prior.doc_type != "unknown" or not ref.typed else ref.doc_type,
        number=prior.number or fresh.number,
        year=prior.year or fresh.year,
        name=prior.name or fresh.name,
        issuer=prior.issuer or fresh.issuer,
        issued_date=prior.issued_date or fresh.issued_date,
    )


def _normalised(parsed: ParsedText) -> tuple[ParsedText, list[int] | None]:
    """NFC copy of a text given in NFD, with a map back to the given offsets."""
    text = parsed.text
    if unicodedata.is_normalized("NFC", text):
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


def extract_citations(parsed: ParsedText, lookup: AliasLookup | None = None) -> Citations:
    """Find, resolve and type every citation of ``parsed``.

    Edges from the text's own document carry the strongest kind found for each target, with the
    sentence of the reference that gave it; edges between third parties carry ``origin`` = the
    text. ``lookup`` resolves policy names learnt from other texts (an alias in the store).
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
    claims = _claims(ctx, resolved, own.doc_type)

    live = _live(ctx, resolved)
    amended = dict(_amended_by(ctx, resolved, live))
    consolidated: int | None = None
    if own.doc_type == "consolidated_text" and live:
        consolidated = live[0]

    def at(pos: int) -> int:
        return back[pos] if back is not None else pos

    best: dict[str, tuple[int, str, float, int]] = {}  # target → (rank, kind, confidence, ref)
    third: dict[tuple[str, str, str], tuple[float, int]] = {}
    stubs: dict[str, Document] = {}
    mentions: dict[str, Mention] = {}
    spans: list[CitedSpan] = []
    for i, (res, claim) in enumerate(zip(resolved, claims, strict=True)):
        if claim is None or res.status not in ("resolved", "ambiguous") or res.doc_id is None:
            continue
        target = res.doc_id
        stubs[target] = _stub(res, stubs.get(target))
        kind, rule = claim.kind, claim.rule
        amended_id = resolved[amended[i]].doc_id if i in amended else None
        if amended_id is not None and amended_id != target:
            third[(target, amended_id, R.AMENDS)] = (CONFIDENCE["consolidated"], i)
            kind, rule = R.CITES, "cites"
        if consolidated is not None:
            con = resolved[consolidated].doc_id
            if i == consolidated:
                kind, rule = R.CONSOLIDATES, "consolidated"
            elif rule in ("own_subject", "imperative", "expires") and con is not None:
                # "Nghị định này" in a consolidated text is the consolidated decree
                third[(con, target, kind)] = (CONFIDENCE[rule], i)
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
                    reason=f"no date for {res.ref.number} and no dated mention of it in this text",
                    target=target,
                ),
            )
        spans.append(CitedSpan(at(res.ref.start), at(res.ref.end), target, str(kind)))
        confidence = CONFIDENCE["named" if rule == "cites" and res.ref.kind == "named" else rule]
        rank = _RANK[kind]
        if target not in best or rank < best[target][0]:
            best[target] = (rank, kind, confidence, i)
        if claim.third_source is not None and claim.third_kind is not None:
            source, to = resolved[claim.third_source].doc_id, target
            if claim.reversed:
                source, to = to, source
            if source is not None and to is not None and source != to and source != own.id:
                third.setdefault((source, to, claim.third_kind), (CONFIDENCE["third_party"], i))

    edges: list[Edge] = []
    for target, (_, kind, confidence, i) in best.items():
        ref = resolved[i].ref
        edges.append(
            Edge(
                source=own.id,
                target=target,
                type=str(kind),
                evidence=ctx.evidence(ref.start, ref.end),
                start=at(ref.start),
                end=at(ref.end),
                confidence=confidence,
                origin=origin,
            )
        )
    for (source, target, kind), (confidence, i) in third.items():
        ref = resolved[i].ref
        edges.append(
            Edge(
                source=source,
                target=target,
                type=str(kind),
                evidence=ctx.evidence(ref.start, ref.end),
                start=at(ref.start),
                end=at(ref.end),
                confidence=confidence,
                origin=origin,
            )
        )
    return Citations(
        cited=list(stubs.values()),
        edges=edges,
        mentions=list(mentions.values()),
        aliases=resolution.aliases,
        spans=spans,
    )
