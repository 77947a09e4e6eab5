"""The extractor: a parsed text and its citations → its tasks, their agencies and edges.

Where tasks come from depends on what the text is (:data:`IMPERATIVE_TYPES`):

- a directive, plan, conclusion or announcement assigns work sentence by sentence: under "*
  Nhiệm vụ năm 2025 …" (seeds 000, 003) every sentence that opens with an action verb ("Tổ chức
  đánh giá …", "Tiếp tục triển khai …") is a task, with or without a named lead;
- any text (a letter, a press report, a circular's "Tổ chức thực hiện") assigns work where it
  names who does it: "Cục Báo chí chủ trì xây dựng …" (seed 004), "Bộ Quốc phòng: Chủ trì, phối
  hợp với …", "Ủy ban nhân dân cấp xã có trách nhiệm …", "đề nghị quý Bộ khẩn trương …", a section
  headed by an agency ("2. Bộ Quốc phòng", "1.1. Ủy ban nhân dân Thành phố:"), a plan's "Cơ quan
  chủ trì" block, or a list introduced by "… đề nghị Ủy ban nhân dân các tỉnh thực hiện một số
  nội dung sau đây:".

A sentence that names no document of its own but belongs to a list introduced by one that does
rests on what the introduction cites; in a letter, on what the letter's context cites ("Văn
phòng Chính phủ đề nghị quý Bộ khẩn trương có báo cáo …" after "… văn bản số 349/TB-VPCP …").
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field, replace

from graph.identity import strip_diacritics
from graph.model import DOC_TYPE_TABLE, Agency, Edge, Task, TaskEdgeType, doc_type_info
from loader.agencies import agency_node
from loader.parse import ParsedText
from loader.relate import EVIDENCE_MAX, Citations, CitedSpan
from loader.tasks.deadlines import deadline, deadline_label, parse_deadline
from loader.tasks.issuers import issued_by
from loader.tasks.leads import (
    LEADING,
    MARKER_OVERRUN,
    MAX_SUBJECT_WORDS,
    Lead,
    Text,
    explicit_lead,
    first_ministry,
    is_agency,
    known_at,
    names_at,
    partners,
    passive_marker,
    second_subject,
    starts_with,
    text_fold,
    texts,
)
from loader.tasks.structure import BULLET, Block, Context, Structure
from loader.tasks.words import (
    ADVERBIAL,
    ASSIGNER_WORDS,
    ASSIGNMENT_VERBS,
    DEICTIC,
    GROUNDED,
    IMPERATIVE_AT,
    NOT_TASK_SECTION,
    TASK_BLOCK,
    boilerplate,
    boilerplate_hints,
    phrases,
)
from loader.text import fold_lower, sentence_spans, shorten, squash

T = TaskEdgeType
# The edge types as plain strings (an edge's ``type`` is a str, not the enum member), made once
# and not once an edge.
_HAS_TASK, _DEPENDS_ON = str(T.HAS_TASK), str(T.DEPENDS_ON)
_LED_BY, _SUPPORTED_BY = str(T.LED_BY), str(T.SUPPORTED_BY)


@dataclass(slots=True)
class TaskExtraction:
    """Tasks of one text, the agencies they name, and their edges (HAS_TASK from the text's own
    document, DEPENDS_ON to cited documents, LED_BY / SUPPORTED_BY to agencies, ISSUED_BY from the
    document to its issuer)."""

    tasks: list[Task] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


# --- what kind of text assigns what ---------------------------------------------------------------

# Where a text's tasks are (graph.model.DocType.tasks). Texts whose body is a list of things to
# do: a sentence opening with an action verb is a task.
IMPERATIVE_TYPES = frozenset(row.code for row in DOC_TYPE_TABLE if "imperative" in row.tasks)
# Letters chase or hand out work and lean on what they cite ("đề nghị quý Bộ khẩn trương có báo
# cáo về tình hình thực hiện ý kiến chỉ đạo …" rests on the 349/TB-VPCP named just before).
LETTER_TYPES = frozenset(row.code for row in DOC_TYPE_TABLE if "letter" in row.tasks)
# Acts whose articles are law, not work: only an article about who implements them ("Trách nhiệm
# của …", "Tổ chức thực hiện") assigns tasks; a circular or a decision assigns in any article.
STATUTE_TYPES = frozenset(row.code for row in DOC_TYPE_TABLE if "statute" in row.tasks)
_STATUTE_TASK_ARTICLE = re.compile(r"trach nhiem|to chuc thuc hien|trien khai thuc hien")
# Texts that are nobody's act (no legal force of their own, no place for tasks in the table): a
# press report, a report, a page of unknown kind. They assign nothing themselves; a press report
# tells of work given elsewhere only where it names who does it ("Bộ trưởng yêu cầu Cục chuyển
# đổi số quốc gia chủ trì …", "Cục Báo chí chủ trì xây dựng kế hoạch …", seed 004).
REPORTING_TYPES = frozenset(
    row.code
    for row in DOC_TYPE_TABLE
    if row.has_legal_force is not True and row.tasks == frozenset({"article"})
)
# A text we cannot type is no assigning text: a legal Q&A explainer quoting a decree's "Bộ Quốc
# phòng chủ trì …", a history article ("Công an Việt Nam Dân chủ Cộng hòa thường xuyên bắt giữ
# các thành viên Việt Cách …", real1k).
SILENT_TYPES = frozenset({"unknown"})
# In a report, a body doing these has done them: "Ngày 21 tháng 1 năm 2025, Thủ tướng Chính phủ
# ban hành Quyết định 202/QĐ-TTg …", "Chính phủ ban hành Nghị định 119/2024/NĐ-CP …" (real1k).
_REPORTED_ACT = re.compile(r"(?:da\s+)?(?:ban hanh|quyet dinh|phat dong|phe duyet|ky)\b")
_VERB_GAP = re.compile(r"[\s,:*]*(?:(?:se|can|phai|tiep tuc)\s+)?")
_ASSIGNMENT_AT = phrases(sorted(ASSIGNMENT_VERBS, key=len, reverse=True))
# Assignments with their markers a report must tell of before its bodies' other doings count.
REPORTED_ASSIGNMENTS_MIN = 2
# A sentence opening with a day tells what happened that day: "Ngày 8 tháng 2 năm 2007, Chính
# phủ …", "Ngày 30/10/2017, Bộ Quốc phòng …" (a year alone may be the one a plan is for).
_DATED = re.compile(r"\W*(?:(?:vao|tu|den|sau|truoc)\s+)?ngay\s+\d")

# Confidence of each way a task's lead was found.
CONFIDENCE: dict[str, float] = {
    "subject": 0.9,  # "Cục Báo chí chủ trì …"
    "label": 0.9,  # "Bộ Quốc phòng: Chủ trì …"
    "assigned": 0.85,  # "đề nghị quý Bộ khẩn trương …"
    "heading": 0.85,  # "2. Bộ Quốc phòng" over the paragraph
    "block": 0.8,  # a plan's "Cơ quan chủ trì" block
    "lead_in": 0.8,  # "… đề nghị UBND các tỉnh thực hiện một số nội dung sau đây:"
    "none": 0.7,  # an imperative sentence of a directive, nobody named
    "depends": 0.9,  # a document cited inside the task
    "context": 0.6,  # a document its introduction or letter cites
}
PARTNER_CONFIDENCE = 0.8

TASK_TEXT_MAX = 1500  # characters of a task's text kept on the node
# A list introduced as what a body may do is its powers and functions, not work given to it:
# "Quỹ Phát triển doanh nghiệp nhỏ và vừa thực hiện các chức năng sau đây:" (real1k), "… có
# nhiệm vụ, quyền hạn sau:"; "… căn cứ vào chức năng, nhiệm vụ:" introduces work all the same.
_POWERS = re.compile(
    r"(?<!can cu )(?<!can cu vao )\b(?:(?:cac|co) chuc nang|chuc nang(?:,| va) nhiem vu sau|"
    r"nhiem vu(?:,| va) quyen han|quyen han sau|tham quyen sau)\b"
)
# A heading on powers: "Nội dung phân cấp", "Thẩm quyền …", "Chức năng, nhiệm vụ và quyền hạn";
# not "các cơ quan chức năng", "cấp có thẩm quyền".
_POWERS_HEADING = re.compile(
    r"\b(?:phan cap|(?<!co )tham quyen|quyen han|chuc nang(?:,| va) nhiem vu)\b"
)
# Characters a heading on powers has at most: a numbered paragraph is no heading.
POWERS_HEADING_MAX = 80
# A line of the body this short that ends in ":" and holds a deadline label is that label.
DEADLINE_LINE_MAX = 160
# A bulleted line ending in ":" this long introduces a list ("… thực hiện một số nội dung sau
# đây:"); a shorter one is an item's own label.
LEAD_IN_BULLET_MIN = 80
# A section heading this short can be an aim ("A. MỤC ĐÍCH, YÊU CẦU") or a deadline label.
SHORT_HEADING = 120

_ADDRESSEE = re.compile(r"Kính gửi\s*:?\s*\|?\s*:?\s*\|?(?P<to>[^\n]+)", re.IGNORECASE)
_RESPONSIBLE = re.compile(
    r"^\W*(?:[a-dđ]\)\s*)?(?:(?:co quan|don vi)\s+)?(?P<role>chu tri|phoi hop|thuc hien)"
    r"(?:\s*,\s*(?:phoi hop|thuc hien))?(?:\s+thuc hien)?\s*(?::\s*(?P<rest>.*))?$"
)
_FIELD = re.compile(
    r"\W*(?:(?:trong|ve|doi voi|tai)\s+)?linh vuc\s+(?P<field>[^,.;:]{2,80}?)\s*[,:]"
)
_FIELD_HEADING = re.compile(r"^\W*(?:ve\s+)?(?:linh vuc|cong tac|nganh)\s+(?P<field>.+)$")
# "Công tác cải cách hành chính: …" opening a task names its field.
_FIELD_LABEL = re.compile(r"\s*(?:công tác|lĩnh vực)\s+([^:]{2,80}):", re.IGNORECASE)
# What an agency heading may open with before its body: "1. Đối với Ủy ban nhân dân các cấp".
_HEADING_PREFIX = re.compile(r"(?i)(?:đối với|trách nhiệm của|nhiệm vụ của)\s+")
_FIELD_LABEL_FOLDED = re.compile(r"(?:cong tac|linh vuc)\s+[^:.;]{2,80}:\s*")

LeadIn = tuple[Lead | None, tuple[str, ...], int | None, int]
# (lead, cited docs, section of the lead-in, position)


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    block: Block
    lead: Lead | None = None
    context_docs: tuple[str, ...] = ()
    segments: list[tuple[int, int]] = field(default_factory=list)
    # in a report, a sentence that names its doer without a marker of assignment ("Cục chuyển
    # đổi số quốc gia tiếp tục nghiên cứu …"): a task only among reported assignments
    weak: bool = False


class _Extractor:
    def __init__(self, parsed: ParsedText, citations: Citations) -> None:
        self.parsed = parsed
        self.own = parsed.document
        self.origin = parsed.source.path
        doc_type = self.own.doc_type
        self.imperative = doc_type in IMPERATIVE_TYPES
        self.letter = doc_type in LETTER_TYPES
        self.reporting = doc_type in REPORTING_TYPES
        self.silent = doc_type in SILENT_TYPES
        self.enacting = "ban hanh " + fold_lower(doc_type_info(doc_type).name) + " "
        self._task_sections: dict[int | None, tuple[bool, int | None]] = {}
        self._powers: dict[int | None, bool] = {}
        self.spans = sorted(citations.spans, key=lambda s: s.start)
        self.span_starts = [s.start for s in self.spans]
        self.citations = citations
        self._start_pass()
        # evidence by span: a task's HAS_TASK, LED_BY and SUPPORTED_BY edges quote the same text
        self._evidence: dict[tuple[int, int], str] = {}
        # deictic names as resolved (the addressees, the issuer and the text's first ministry
        # decide, and none of them changes)
        self._resolved: dict[str, str] = {}
        # the agencies among a lead's or partners' names, and a section's path, once each: a
        # text's tasks name the same few bodies and sit in the same few sections
        self._agency_names: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._paths: dict[int | None, str | None] = {}
        # a report's first pass reads only the sentences that can assign (_tells_of_assignment)
        self._markers_only = False

    def _start_pass(self) -> None:
        """What a pass over the blocks learns as it goes, empty: a report's first pass
        (:meth:`_tells_of_assignment`) leaves it to the full one."""
        self.contexts: dict[int, Context] = {}
        self.responsibility: set[int] = set()  # sections that list who leads and supports
        # :meth:`_inherited` by section, emptied when a context changes
        self._merged: dict[int | None, Context] = {}
        # what a block's section says of its sentences, asked once a section, not once a line
        self._skipped: dict[int | None, bool] = {}

    # The text read for tasks, made at the first look: a text of a kind that assigns nothing
    # (:data:`SILENT_TYPES`, most pages of the web) needs neither its folds nor its lines.

    @functools.cached_property
    def t(self) -> Text:
        """The text with its folded lower-case twins."""
        return Text(self.parsed.text, text_fold(self.parsed.text))

    @functools.cached_property
    def addressees(self) -> tuple[str, ...]:
        return self._addressees()

    @functools.cached_property
    def structure(self) -> Structure:
        """The text's sections and lines."""
        return Structure(self.parsed, self.t, forms_end_body=not self.imperative)

    @functools.cached_property
    def boilerplate_hints(self) -> tuple[str, ...]:
        # after Structure, which reads the line ends inside a block as spaces in ``t.low``
        return boilerplate_hints(self.structure.t.low)

    # -- context from the structure ---------------------------------------------------------------

    def _addressees(self) -> tuple[str, ...]:
        match = _ADDRESSEE.search(self.parsed.text, 0, max(self.parsed.body_start + 2000, 0))
        if not match:
            return ()
        raw = match.group("to").replace("|", ";")
        parts = [p.strip(" -;.,:") for p in raw.split(";")]
        return tuple(p for p in parts if p and agency_node(p) is not None)

    def _section_contexts(self) -> None:
        """Agency headings, "Cơ quan chủ trì" blocks and "Thời gian thực hiện" lines."""
        st = self.structure
        t = self.t
        for i, section in enumerate(st.sections):
            heading_start = section.start
            line_end = t.text.find("\n", heading_start)
            line_end = section.end if line_end < 0 else min(line_end, section.end)
            folded = st.folded[i]
            role = _RESPONSIBLE.match(folded)
            parent = st.parent[i]
            if role and parent is not None:
                self._responsibility(i, parent, role.group("role"))
                self.responsibility.add(i)
                continue
            label = deadline_label(folded)
            if label and len(folded) < DEADLINE_LINE_MAX:
                written, due = parse_deadline(section.heading)
                target = parent if section.end <= line_end + 1 else i
                if target is not None:
                    ctx = self.contexts.setdefault(target, Context())
                    ctx.deadline, ctx.due = ctx.deadline or written, ctx.due or due
                continue
            lead = self._heading_lead(i)
            if lead:
                ctx = self.contexts.setdefault(i, Context())
                ctx.leads, ctx.lead_how = lead, "heading"
        self._merged.clear()  # the contexts just made: nothing merged before them stands

    def _heading_lead(self, index: int) -> tuple[str, ...] | None:
        """An agency heading, of section ``index``: "2. Bộ Quốc phòng", "1.1. Ủy ban nhân dân
        Thành phố:", "1. Đối với Ủy ban nhân dân các cấp", "3. Trách nhiệm của các Bộ, ngành, địa
        phương; …"."""
        # (by index, not ``sections.index(section)``: a scan of the sections per heading)
        return _heading_lead(self.structure.sections[index].heading, self.structure.folded[index])

    def _responsibility(self, index: int, parent: int, role: str) -> None:
        """A plan's "2. Cơ quan chủ trì, phối hợp / a) Cơ quan chủ trì / - Ban Chỉ đạo quốc gia."
        block (dev vb_01f9b82b1d): its agencies lead (or support) the parent section's tasks."""
        section = self.structure.sections[index]
        t = self.t
        ctx = self.contexts.setdefault(parent, Context())
        leads: list[str] = list(ctx.leads)
        partners: list[str] = list(ctx.partners)
        current = "lead" if role in ("chu tri", "thuc hien") else "partner"
        lines = t.text[section.start : section.end].splitlines()
        for number, line in enumerate(lines):
            content = line.strip().strip("|").strip()
            if not content:
                continue
            folded = fold_lower(content)
            if number == 0:
                heading = re.sub(r"^\S+\s+", "", content, count=1)
                m = _RESPONSIBLE.match(fold_lower(heading))
                rest = m.group("rest") if m else None
                if rest:
                    self._add_names(heading[len(heading) - len(rest) :], current, leads, partners)
                continue
            m = _RESPONSIBLE.match(folded)
            if m:
                current = "lead" if m.group("role") in ("chu tri",) else "partner"
                if m.group("role") == "thuc hien" and not leads:
                    current = "lead"
                rest = m.group("rest")
                if rest:
                    self._add_names(content[len(content) - len(rest) :], current, leads, partners)
                continue
            bullet = BULLET.match(content)
            self._add_names(content[bullet.end() if bullet else 0 :], current, leads, partners)
        ctx.leads = tuple(leads)
        ctx.lead_how = "block"
        ctx.partners = tuple(p for p in partners if p not in leads)

    @staticmethod
    def _add_names(value: str, role: str, leads: list[str], partners: list[str]) -> None:
        value = re.sub(r"\(.*?\)", "", value)
        for part in re.split(r";", value):
            name = squash(part).strip(" .,;:-")
            if name and len(name.split()) <= MAX_SUBJECT_WORDS:
                (leads if role == "lead" else partners).append(name)

    # -- sentences ---------------------------------------------------------------------------------

    def _imperative(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` opens with an action verb, after an adverbial ("Trong năm
        2025, …") or the label of its field ("Công tác tổ chức cán bộ: Tiếp tục đổi mới …")."""
        low = self.t.low
        pos = start
        label = _FIELD_LABEL_FOLDED.match(low, pos, end)
        if label:
            pos = label.end()
        adverbial = ADVERBIAL.match(low, pos, end)
        if adverbial:
            pos = adverbial.end()
        return starts_with(low, pos, IMPERATIVE_AT) is not None and not known_at(self.t, pos)

    def _skipped_section(self, index: int | None) -> bool:
        """Whether no line of section ``index`` holds tasks: a block of names ("a) Cơ quan chủ
        trì / - Ban Chỉ đạo quốc gia."), an article of a statute on no implementation."""
        skipped = self._skipped.get(index)
        if skipped is None:
            chain = self.structure.chain(index)
            skipped = any(i in self.responsibility for i in chain) or not self._statute_allows(
                index
            )
            self._skipped[index] = skipped
        return skipped

    def _task_section(self, block: Block) -> bool:
        """Whether a directive's sentence here can be a task by its verb alone: inside its
        numbered sections, out of those that state aims, and in a field's task block if it has
        one. The paragraphs before the first section are the preamble: the year's account and
        the orientation the directive repeats ("Tập trung rà soát kỹ, phát hiện các bất cập …",
        seeds 000 and 003), given to nobody."""
        known = self._task_sections.get(block.section)
        if known is None:
            known = self._task_sections[block.section] = self._task_section_of(block.section)
        allowed, task_block = known
        # "2.1. Lĩnh vực Bưu chính" describes the field before its "* Nhiệm vụ …" block
        return allowed and (task_block is None or block.start >= task_block)

    def _task_section_of(self, index: int | None) -> tuple[bool, int | None]:
        """:meth:`_task_section` of section ``index``: whether its lines can be tasks by their
        verb, and where its first task block starts (lines before it cannot), if it has one."""
        st = self.structure
        if index is None and st.sections:
            return False, None
        chain = st.chain(index)
        for i in chain:
            heading = st.folded[i]
            if len(heading) < SHORT_HEADING and NOT_TASK_SECTION.match(heading):
                return False, None
        task_block = None
        if chain:
            inner = chain[0]
            section = st.sections[inner]
            blocks = [
                j
                for j in st.children.get(inner, ())
                if TASK_BLOCK.match(st.folded[j]) and st.sections[j].start > section.start
            ]
            if blocks:
                task_block = st.sections[blocks[0]].start
        return self.own.doc_type not in STATUTE_TYPES, task_block

    def _powers_section(self, block: Block) -> bool:
        """Whether ``block`` is in a section on powers: what its bodies may decide is no work
        given to them ("Điều 2. Nội dung phân cấp ⏎ 1. Sở Tài chính ⏎ a) Giao tài sản bằng hiện
        vật …", real1k; "Chức năng, nhiệm vụ và quyền hạn")."""
        powers = self._powers.get(block.section)
        if powers is None:
            st = self.structure
            powers = self._powers[block.section] = any(
                len(st.folded[i]) < POWERS_HEADING_MAX and _POWERS_HEADING.search(st.folded[i])
                for i in st.chain(block.section)
            )
        return powers

    def _statute_allows(self, index: int | None) -> bool:
        if self.own.doc_type not in STATUTE_TYPES:
            return True
        st = self.structure
        for i in st.chain(index):
            heading = st.folded[i]
            number = st.sections[i].number
            if number and number.startswith("Điều"):
                return bool(_STATUTE_TASK_ARTICLE.search(heading))
        return False

    def _inherited(self, block: Block) -> Context:
        """What the sections holding ``block`` tell it, the innermost first: merged once a
        section while no section's context changes (every line of a section asks; the answer is
        read, never changed)."""
        merged = self._merged.get(block.section)
        if merged is None:
            merged = self._merged[block.section] = self._merge_contexts(block.section)
        return merged

    def _merge_contexts(self, index: int | None) -> Context:
        merged = Context()
        for i in self.structure.chain(index):
            ctx = self.contexts.get(i)
            if ctx is None:
                continue
            if not merged.leads and ctx.leads:
                merged.leads, merged.lead_how = ctx.leads, ctx.lead_how
                merged.partners = merged.partners or ctx.partners
            if not merged.deadline and ctx.deadline:
                merged.deadline, merged.due = ctx.deadline, ctx.due
        return merged

    # -- the main pass -----------------------------------------------------------------------------

    def drafts(self) -> list[_Draft]:
        if self.silent:
            return []
        if self.reporting and not self._tells_of_assignment():
            return []
        if self.own.doc_type in STATUTE_TYPES and not self._has_task_article():
            return []
        return self._drafts()

    def _has_task_article(self) -> bool:
        """Whether a statute has an article :meth:`_statute_allows` (on who implements it): if
        not, every line of it is skipped, and neither its folds nor its lines need be made (most
        decrees and laws: all 61 of syn's statutes, 50 ms of its tasks stage). Read off the parsed
        headings, each folded both ways :attr:`Structure.folded` may fold it (the fold of the
        text's slice where it is ASCII, else the exact one)."""
        for section in self.parsed.sections:
            if not (section.number and section.number.startswith("Điều")):
                continue
            heading = section.heading
            if _STATUTE_TASK_ARTICLE.search(fold_lower(heading)) or _STATUTE_TASK_ARTICLE.search(
                strip_diacritics(heading).lower()
            ):
                return True
        return False

    def _tells_of_assignment(self) -> bool:
        """Whether a report tells of an assignment with its marker (a "strong" draft, see
        :meth:`_reported`): if not, :meth:`_drop_lone_weak` leaves none of its drafts, and most
        press reports tell of none (114 of real1k's 132, half the time of its tasks stage).
        Asked by a pass over the sentences that hold a marker's words only: whether one is
        strong depends on its words and section alone, not on the drafts before it."""
        self._markers_only = True
        strong = any(not d.weak for d in self._drafts())
        self._markers_only = False
        # that pass gave sections the deadlines of drafts the full pass may not make
        self._start_pass()
        return strong

    def _drafts(self) -> list[_Draft]:
        self._section_contexts()
        t = self.t
        drafts: list[_Draft] = []
        lead_in: LeadIn | None = None
        for block in self.structure.blocks:
            if block.heading_of is not None:
                continue
            if self._markers_only and not _holds_marker(t.low, block.start, block.end):
                continue  # no sentence of it can be strong (and a report's leads are its own)
            if self._skipped_section(block.section):
                continue
            text = t.text[block.start : block.end]
            low = t.low[block.start : block.end]
            if lead_in is not None and not self._in_lead_in_scope(block, lead_in):
                lead_in = None
            if len(low) < DEADLINE_LINE_MAX and deadline_label(low):
                written, due = parse_deadline(text)
                target = block.section
                if target is not None and written:
                    ctx = self.contexts.setdefault(target, Context())
                    if drafts and drafts[-1].block.section == target:
                        ctx.deadline, ctx.due = ctx.deadline or written, ctx.due or due
                        self._merged.clear()
                continue
            introduces = low.rstrip(" *_").endswith(":")  # "UBND các xã, phường:**"
            if introduces and (not block.bulleted or len(low) > LEAD_IN_BULLET_MIN):
                # only the last sentence introduces the list: "… các cơ quan, đơn vị … căn cứ
                # nhiệm vụ chính trị được giao … để tổ chức phong trào thi đua … . Đặc biệt, …
                # phấn đấu hoàn thành các mục tiêu thuộc 7 lĩnh vực trọng tâm sau:" (seed 001)
                sentences = sentence_spans(t.text, block.start, block.end)
                last = sentences[-1][0] if sentences else block.start
                if last > block.start:
                    drafts.extend(self._block_drafts(replace(block, end=last), lead_in))
                lead = explicit_lead(t, last, block.end)
                if _POWERS.search(low):
                    lead = None  # "Quỹ … thực hiện các chức năng sau đây:" lists no tasks
                docs = tuple(s.doc_id for s in self._spans_in(block.start, block.end))
                lead_in = (lead, docs, block.section, block.start)
                continue
            drafts.extend(self._block_drafts(block, lead_in))
        if self.reporting:
            drafts = self._drop_lone_weak(drafts)
        return drafts

    def _in_lead_in_scope(self, block: Block, lead_in: LeadIn) -> bool:
        _, _, section, position = lead_in
        st = self.structure
        if section is not None:
            s = st.sections[section]
            if not (s.start <= block.start < s.end):
                return False
        if block.bulleted:
            return True
        inner = block.section
        return inner is not None and st.sections[inner].start > position

    def _block_drafts(self, block: Block, lead_in: LeadIn | None) -> list[_Draft]:
        t = self.t
        inherited = self._inherited(block)
        inherited_lead: Lead | None = None
        context_docs: tuple[str, ...] = ()
        if inherited.leads:
            inherited_lead = Lead(inherited.leads, inherited.lead_how)
        if lead_in is not None:
            if lead_in[0] is not None and inherited_lead is None:
                inherited_lead = Lead(lead_in[0].names, "lead_in")
            context_docs = lead_in[1]
        by_verb = self.imperative and self._task_section(block)
        powers = self._powers_section(block)
        if powers:  # "Điều 2. Nội dung phân cấp ⏎ 1. Sở Tài chính ⏎ a) Giao tài sản …"
            inherited_lead = None
        drafts: list[_Draft] = []
        pending: list[tuple[int, int]] = []
        block_lead: Lead | None = None  # "- Các đơn vị …: Ban hành … . Nghiêm túc …"
        for s_start, s_end in sentence_spans(t.text, block.start, block.end):
            if self._markers_only and not _holds_marker(t.low, s_start, s_end):
                continue  # no strong draft, the only thing that pass looks for
            low = t.low[s_start:s_end]
            if boilerplate(low, self.boilerplate_hints) or low.rstrip(" *_").endswith("?"):
                pending = []  # "Hội đồng chấm thi … có trách nhiệm và quyền hạn gì?" asks
                continue
            pieces = [(s_start, s_end)]
            lead = explicit_lead(t, s_start, s_end)
            if lead is not None:
                cut = second_subject(t, s_start, s_end, lead.end)
                if cut is not None:
                    pieces = [(s_start, cut), (cut, s_end)]
            if lead is not None and self._enacts(lead, s_end):
                pending = []
                continue
            for p_start, p_end in pieces:
                leading = LEADING.match(t.low, p_start, p_end)
                p_start = leading.end() if leading else p_start
                own = explicit_lead(t, p_start, p_end) if len(pieces) > 1 else lead
                if powers and own is not None and self._reported(own, p_start, p_end) != "strong":
                    own = None  # what a body may do, not work given to it
                if own is not None and own.how == "label" and not drafts:
                    block_lead = own
                fallback = block_lead or inherited_lead
                starts_task = own is not None or (
                    (by_verb or fallback is not None) and self._imperative(p_start, p_end)
                )
                reported = None
                if self.reporting:
                    reported = self._reported(own, p_start, p_end) if own is not None else None
                    starts_task = reported is not None
                elif (
                    not starts_task
                    and inherited_lead is not None
                    and not drafts
                    and not pending
                    and (self.imperative or GROUNDED.match(t.low, p_start))
                ):
                    # the first sentence under an agency heading is that agency's work; in an
                    # act, only when it says on what ("- Căn cứ Quyết định số 22/2013/QĐ-TTg …
                    # tổ chức lập và phê duyệt Đề án", under "1.1. Ủy ban nhân dân Thành phố:")
                    starts_task = True
                if starts_task:
                    # "Theo công văn số 14774/BTC-NSNN …, thì … . Vì vậy, đề nghị các địa phương
                    # …" (dev vb_8c4197cb3e): the item's opening sentence is the task's premise
                    premise = pending if own is not None and block.bulleted else []
                    draft = _Draft(
                        start=premise[0][0] if premise else p_start,
                        end=p_end,
                        block=block,
                        lead=own or fallback or Lead((), "none"),
                        context_docs=context_docs,
                        segments=[*premise, (p_start, p_end)],
                        weak=reported == "weak",
                    )
                    drafts.append(draft)
                    pending = []
                elif drafts:
                    drafts[-1].end = p_end
                    drafts[-1].segments.append((p_start, p_end))
                else:
                    pending.append((p_start, p_end))
        return drafts

    def _enacts(self, lead: Lead, end: int) -> bool:
        """Whether a sentence is the text's enacting formula, its issuer issuing it: "Bộ trưởng
        Bộ Tư pháp ban hành Thông tư hướng dẫn tập sự hành nghề công chứng." (in that circular,
        dev2 vb2_234d63dc0c), "Ủy ban nhân dân tỉnh ban hành Quyết định bãi bỏ …"."""
        if lead.how != "subject":
            return False
        gap = _VERB_GAP.match(self.t.low, lead.end, end)
        at = gap.end() if gap else lead.end
        return self.t.low.startswith(self.enacting, at)

    def _reported(self, lead: Lead, start: int, end: int) -> str | None:
        """How a report's sentence ``[start, end)`` tells of work given to ``lead``: "strong"
        with a marker of assignment ("Bộ trưởng yêu cầu Cục … chủ trì", "Cục Viễn thông chủ trì
        …", "Sở Xây dựng: Chịu trách nhiệm …"), "weak" with an action verb only ("Cục chuyển đổi
        số quốc gia tiếp tục nghiên cứu …", seed 004), None for what a body did ("Ngày 30 tháng
        10 năm 2017, Bộ Quốc phòng quyết định …", "Chính phủ ban hành Nghị định …") or a label
        that is no doer ("Mặt trận Củ Chi (Tây Bắc): do Sư đoàn 25 …", real1k)."""
        t, low = self.t, self.t.low
        if _DATED.match(low, start, end):
            return None
        if lead.how == "assigned":
            return "strong"
        after = _VERB_GAP.match(low, lead.end, end)
        verb = after.end() if after else lead.end
        if lead.how == "subject" and _REPORTED_ACT.match(low, verb, end):
            return None
        if starts_with(low, verb, _ASSIGNMENT_AT) or (
            lead.how == "subject" and passive_marker(t, lead.end, end)
        ):
            return "strong"
        if lead.how == "label" and starts_with(low, verb, IMPERATIVE_AT) is None:
            return None
        return "weak" if self._agencies(lead.names) else None

    def _drop_lone_weak(self, drafts: list[_Draft]) -> list[_Draft]:
        """A report that tells of fewer than :data:`REPORTED_ASSIGNMENTS_MIN` assignments with
        their markers tells of none: its bodies doing things are its story ("Mặt trận Tổ quốc
        Việt Nam cũng tích cực tham gia cải tạo …", a history page)."""
        strong = sum(not d.weak for d in drafts)
        return drafts if strong >= REPORTED_ASSIGNMENTS_MIN else [d for d in drafts if not d.weak]

    def _spans_in(self, start: int, end: int) -> list[CitedSpan]:
        i = bisect.bisect_left(self.span_starts, start)
        out = []
        while i < len(self.spans) and self.spans[i].start < end:
            if self.spans[i].doc_id != self.own.id:
                out.append(self.spans[i])
            i += 1
        return out

    # -- building the nodes ------------------------------------------------------------------------

    def build(self) -> TaskExtraction:
        drafts = self.drafts()
        result = TaskExtraction()
        agencies: dict[str, Agency] = {}
        counters: dict[str, int] = {}
        task_spans = [(d.start, d.end) for d in drafts]
        letter_context = self._letter_context(task_spans) if self.letter else ()
        field_carry: tuple[int | None, str | None] = (None, None)
        for draft in drafts:
            t = self.t
            text = squash(t.text[draft.start : draft.end])
            if not text:
                continue
            # folding and lower-casing keep every whitespace character whitespace and no other
            # character becomes one, so this is the folded twin of ``text``
            low = squash(t.low[draft.start : draft.end])
            section_path = self._section_path(draft.block.section)
            key = section_path or "0"
            counters[key] = counters.get(key, 0) + 1
            task_id = f"task:{self.own.id}:{_id_part(key)}:{counters[key]}"
            lead = draft.lead or Lead((), "none")
            names = self._agencies(lead.names)
            found_partners = self._task_partners(draft, names)
            written, due = deadline(text, low)
            if written is None:
                inherited = self._inherited(draft.block)
                written, due = inherited.deadline, inherited.due
            field_name = self._field(draft)
            if field_name is None and field_carry[0] == draft.block.section:
                field_name = field_carry[1]
            field_carry = (draft.block.section, field_name)
            task = Task(
                id=task_id,
                text=shorten(text, TASK_TEXT_MAX),
                section=section_path,
                field=field_name,
                lead="; ".join(names) or None,
                partners=found_partners,
                deadline=written,
                source_path=self.origin,
                due=due,
            )
            result.tasks.append(task)
            result.edges.append(
                self._edge(self.own.id, task_id, _HAS_TASK, draft.start, draft.end, 1.0)
            )
            for name in names:
                node = agency_node(name)
                if node is None:
                    continue
                agencies.setdefault(node.id, node)
                result.edges.append(
                    self._edge(
                        task_id,
                        node.id,
                        _LED_BY,
                        draft.start,
                        draft.end,
                        CONFIDENCE[lead.how or "none"],
                    )
                )
            for name in found_partners:
                node = agency_node(name)
                if node is None or any(e.target == node.id for e in result.edges[-5:]):
                    continue
                agencies.setdefault(node.id, node)
                result.edges.append(
                    self._edge(
                        task_id,
                        node.id,
                        _SUPPORTED_BY,
                        draft.start,
                        draft.end,
                        PARTNER_CONFIDENCE,
                    )
                )
            result.edges.extend(self._dependencies(task_id, draft, letter_context))
        issued, issuers = issued_by(self.parsed, self.citations)
        for node in issuers:
            agencies.setdefault(node.id, node)
        result.edges.extend(issued)
        result.agencies = list(agencies.values())
        return result

    def _task_partners(self, draft: _Draft, names: tuple[str, ...]) -> tuple[str, ...]:
        found: list[str] = []
        for s, e in draft.segments:
            for p in partners(self.t, s, e, names):
                if p not in found:
                    found.append(p)
        if not found and draft.lead is not None and draft.lead.how in ("block", "heading"):
            found = list(self._inherited(draft.block).partners)
        return tuple(p for p in self._agencies(tuple(found)) if p not in names)

    def _agencies(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """The agencies among ``names``, each deictic one resolved ("quý Bộ", a bare "Bộ"):
        a lead or a partner is a body (:func:`~loader.tasks.leads.is_agency`), never "tất cả
        các cơ quan, tổ chức, đơn vị …"."""
        found = self._agency_names.get(names)
        if found is None:
            resolved = (self._resolve_deictic(n) for n in names)
            found = self._agency_names[names] = tuple(
                dict.fromkeys(n for n in resolved if is_agency(n))
            )
        return found

    def _resolve_deictic(self, name: str) -> str:
        """:meth:`_resolve_name` of ``name``, once a name: a text's tasks name the same few
        bodies."""
        resolved = self._resolved.get(name)
        if resolved is None:
            resolved = self._resolved[name] = self._resolve_name(name)
        return resolved

    def _resolve_name(self, name: str) -> str:
        folded = fold_lower(name).strip()
        issuer = self.own.issuer or ""
        if folded == "bo" and not self.addressees:
            if issuer.startswith("Bộ "):
                return issuer  # "… giao Bộ thực hiện" in the Ministry's own directive
            return first_ministry(self.t) or name  # a press report's "Bộ cần lập …" (seed 004)
        m = DEICTIC.match(folded)
        if not m or not self.addressees:
            return name
        if m.group("local"):
            local = [a for a in self.addressees if re.match(r"(?i)(ủy|uỷ) ban nhân dân|ubnd", a)]
            return local[0] if len(local) == 1 else name
        head = m.group("head")
        same = [a for a in self.addressees if strip_diacritics(a).lower().startswith(head)]
        if len(same) == 1:
            return same[0]
        return self.addressees[0] if len(self.addressees) == 1 else name

    def _letter_context(self, task_spans: list[tuple[int, int]]) -> tuple[str, ...]:
        """Documents a letter's non-task sentences cite (else all its body cites)."""
        body = [s for s in self.spans if s.start >= self.parsed.body_start]
        outside = [s for s in body if not any(a <= s.start < b for a, b in task_spans)]
        chosen = outside or body
        return tuple(dict.fromkeys(s.doc_id for s in chosen if s.doc_id != self.own.id))

    def _dependencies(
        self, task_id: str, draft: _Draft, letter_context: tuple[str, ...]
    ) -> list[Edge]:
        edges: list[Edge] = []
        seen: set[str] = set()
        for s, e in draft.segments:
            for span in self._spans_in(s, e):
                if span.doc_id in seen:
                    continue
                seen.add(span.doc_id)
                edges.append(
                    self._edge(
                        task_id,
                        span.doc_id,
                        _DEPENDS_ON,
                        span.start,
                        span.end,
                        CONFIDENCE["depends"],
                        evidence_span=(s, e),
                    )
                )
        if seen:
            return edges
        for doc_id in draft.context_docs or letter_context:
            if doc_id in seen or doc_id == self.own.id:
                continue
            seen.add(doc_id)
            edges.append(
                self._edge(
                    task_id, doc_id, _DEPENDS_ON, draft.start, draft.end, CONFIDENCE["context"]
                )
            )
        return edges

    def _section_path(self, index: int | None) -> str | None:
        if index not in self._paths:
            self._paths[index] = self._path_of(index)
        return self._paths[index]

    def _path_of(self, index: int | None) -> str | None:
        st = self.structure
        numbers = [st.sections[i].number for i in reversed(st.chain(index))]
        parts: list[str] = []
        for number in numbers:
            if not number:
                continue
            if parts and number.startswith(parts[-1] + "."):
                parts[-1] = number
            else:
                parts.append(number)
        return ".".join(parts) or None

    def _field(self, draft: _Draft) -> str | None:
        t = self.t
        for s, e in draft.segments:
            m = _FIELD.match(t.low, s, e)
            if m:
                return t.text[m.start("field") : m.end("field")].strip()
        label = _FIELD_LABEL.match(t.text, draft.start)
        if label:
            return label.group(1).strip()
        st = self.structure
        for i in st.chain(draft.block.section):
            heading = st.sections[i].heading
            hm = _FIELD_HEADING.match(st.folded[i])
            if hm and st.sections[i].number is not None:
                return heading[hm.start("field") :].strip(" :.")
        return None

    def _edge(
        self,
        source: str,
        target: str,
        kind: str,
        start: int,
        end: int,
        confidence: float,
        evidence_span: tuple[int, int] | None = None,
    ) -> Edge:
        span = evidence_span or (start, end)
        evidence = self._evidence.get(span)
        if evidence is None:
            said = squash(self.t.text[span[0] : span[1]])
            evidence = self._evidence[span] = shorten(said, EVIDENCE_MAX)
        return Edge(
            source=source,
            target=target,
            type=kind,
            evidence=evidence,
            start=start,
            end=end,
            confidence=confidence,
            origin=self.origin,
        )


# By heading: what a heading says depends on its words alone, and texts of a kind share their
# headings ("Tổ chức thực hiện", "Điều khoản thi hành", "1. Bộ Tài chính").
@functools.lru_cache(maxsize=8192)
def _heading_lead(heading: str, folded: str) -> tuple[str, ...] | None:
    """:meth:`_Extractor._heading_lead` of a section's ``heading``, folded ``folded``."""
    heading = heading.rstrip(" :.")
    if not heading or len(heading.split()) > MAX_SUBJECT_WORDS:
        return None
    if _POWERS.search(folded):
        return None  # "2. Quỹ Phát triển doanh nghiệp nhỏ và vừa thực hiện các chức năng …"
    prefix = _HEADING_PREFIX.match(heading)
    body = heading[prefix.end() :] if prefix else heading
    t = Text(body)
    names = names_at(t, 0, len(body), label=True)
    if names is None or t.low[names.end :].strip(" .,;:"):
        return None
    found = texts(t, names)
    # a heading of generic bodies leads nothing ("… tại cơ quan, tổ chức của mình và các cơ
    # quan, tổ chức, đơn vị thuộc phạm vi quản lý", a line read as an article's heading)
    return found if any(is_agency(n) for n in found) else None


# The words one of which every marker of assignment that makes a report's sentence a "strong"
# draft holds (:meth:`_Extractor._reported`): the assigner before the doer ("đề nghị quý Bộ …",
# ASSIGNERS of an "assigned" lead), or the verb after it ("Cục Viễn thông chủ trì …",
# _ASSIGNMENT_AT; "… được giao chủ trì nhiệm vụ có trách nhiệm …", PASSIVE_THEN_MARKER, whose
# markers are assignment verbs too).
_MARKER_WORDS = (*ASSIGNER_WORDS, *sorted(ASSIGNMENT_VERBS))


def _holds_marker(low: str, start: int, end: int) -> bool:
    """Whether the sentence ``[start, end)`` of the folded ``low`` holds a word of
    :data:`_MARKER_WORDS`. A marker stands inside its sentence (a doer's name ends before the
    sentence's closing space); the window reaches :data:`MARKER_OVERRUN` past it all the same, as
    :func:`~loader.tasks.leads.second_subject` does."""
    window = low[start : end + MARKER_OVERRUN]
    return any(word in window for word in _MARKER_WORDS)


@functools.lru_cache(maxsize=4096)  # a text's tasks share their few sections' keys
def _id_part(key: str) -> str:
    return re.sub(r"\s+", "-", strip_diacritics(key))


def extract_tasks(parsed: ParsedText, citations: Citations) -> TaskExtraction:
    """The tasks ``parsed`` assigns; ``citations.spans`` says which documents each one cites."""
    return _Extractor(parsed, citations).build()
