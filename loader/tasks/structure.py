"""The shape of a text's body as tasks read it: its sections as a tree, and its lines.

Sections come from :mod:`loader.parse` ("2.1. Lĩnh vực Bưu chính", "Điều 5. …", "* Nhiệm vụ năm
2025 …"); each line of the body is a :class:`Block` (bullet stripped) that knows its innermost
section and whether it is a heading. The web page's chrome after the body, the distribution
list and a form's blanks are no lines of it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from loader.find import WRAPPED_LINE, fold_sentences
from loader.parse import ParsedText, Section
from loader.tasks.leads import Text
from loader.tasks.words import IMPERATIVE_AT
from loader.text import fold_lower

# Lines after which the body is over (web-page chrome), and lines that are never tasks: the
# distribution list "Nơi nhận: …" may be followed by an attached plan (dev vb_6711e3512e).
_END_OF_BODY = re.compile(r"^\W*(?:download|van ban khac lien quan|tin lien quan)\b")
_NOT_BODY_LINE = re.compile(r"^\W*(?:noi nhan|kinh gui)\b")
# Where an act's forms begin ("MẪU SỐ: 01", "Phụ lục số 1"): the "Đề nghị các cơ quan chức năng
# xem xét …" of a blank form (dev vb_032a81c57e) is the applicant's, not a task. A directive's
# annex of tasks is a table, read nowhere here.
_FORMS = re.compile(r"^\W*(?:mau so|mau \d|phu luc)\b")
BULLET = re.compile(
    r"^(?:[-+•–*]\s*|[a-zđ]\)\s*|\(?[a-zđ]\)\s*|\d{1,2}(?:\.\d{1,2})*(?:\.[a-zđ])?\.\s*|"
    r"\d{1,2}(?:\.\d{1,2})+\s+|[IVX]{1,5}\.\s+|[A-HJ-UWYZĐ]\.\s+)"
)
# What a line that ends a sentence, a clause, a heading's number or a list's introduction ends
# with (markdown's "*" and "_" aside).
_LINE_STOPS = frozenset(".;:!?…)]|")
# A line that ends with a unit or a date's word goes on with its number.
_UNIT_WORD = re.compile(r"\b(?:khoan|diem|dieu|muc|chuong|phu luc|so|ngay|thang|nam)[\s*_]*$")
_OPENING_QUOTES = frozenset("“\"'‘(«")
_NUMBER_LINE = re.compile(r"[\W\d]*|[IVXLC]+\.?")
# How a heading without a number opens: its field, or the block of tasks it heads.
_HEADING_OPENING = re.compile(
    r"[\W_]*(?:ve\s+)?(?:linh vuc|cong tac|nganh|nhiem vu|giai phap|to chuc thuc hien)\b"
)
# Characters a bullet or a list item's number takes at most: "2.1.3.4. ", "IV. ".
BULLET_REACH = 16
# Characters a heading's number may take before its text: "**Điều 12.** ", "2.1.3.4. ".
HEADING_NUMBER_MAX = 40
# Cells a line of a table has at least ("1962-1965 | Thiếu tướng (1974) | Chánh Văn phòng …").
TABLE_CELLS_MIN = 3
# A heading longer than this is a paragraph that happens to open with a number.
HEADING_MAX = 200
# Characters after the marks that open a line which the tests of its opening read at most: "van
# ban khac lien quan" (22) and the one after it (``\b``); and where :meth:`Structure._opening`
# looks for a space to cut a long line's fold at.
OPENING_READ = 32
OPENING_CUT = 48
# The marks before a line's first word.
_NOT_WORD_RUN = re.compile(r"\W*")


@dataclass(slots=True)
class Context:
    """What a section tells the tasks inside it."""

    leads: tuple[str, ...] = ()
    lead_how: str = ""
    partners: tuple[str, ...] = ()
    deadline: str | None = None
    due: str | None = None


@dataclass(slots=True)
class Block:
    """A non-empty line of the body, bullet marker stripped. Not frozen, as one is made per line
    (a frozen dataclass's __init__ costs 1.5 against 0.65 µs); never changed once made, only
    copied with :func:`dataclasses.replace`."""

    start: int
    end: int
    bulleted: bool
    section: int | None  # index of the innermost section holding it
    heading_of: int | None  # index of the section this line heads, if it is a heading line


class Structure:
    """Sections as a tree, and the body's lines. With ``forms_end_body``, the body ends where
    the act's forms or annexes begin."""

    def __init__(self, parsed: ParsedText, t: Text, forms_end_body: bool = True) -> None:
        self.t = t
        self.forms_end_body = forms_end_body
        self.sections: tuple[Section, ...] = parsed.sections
        # headings folded once: every block asks its chain of sections what they are
        self.folded: tuple[str, ...] = tuple(self._fold_heading(s) for s in self.sections)
        # Sections by (start, index): the innermost holding a position is the last one that
        # starts at or before it and still runs past it. Walking back from there, a section that
        # ended before the position sends the walk to the nearest earlier one ending later
        # (``_outer``): those in between end sooner still. Articles "Điều 1 … Điều 300" of a code
        # are then one step each, not a scan of all earlier ones.
        self._order = sorted(range(len(self.sections)), key=lambda i: self.sections[i].start)
        self._starts = [self.sections[i].start for i in self._order]
        self._ends = [max(self.sections[i].end, self.sections[i].start + 1) for i in self._order]
        self._outer: list[int] = []
        open_: list[int] = []
        for k, end in enumerate(self._ends):
            while open_ and self._ends[open_[-1]] <= end:
                open_.pop()
            self._outer.append(open_[-1] if open_ else -1)
            open_.append(k)
        self.parent: list[int | None] = [
            self.innermost(section.start, exclude=i) for i, section in enumerate(self.sections)
        ]
        # each section's direct subsections, in order: a directive's section looks for its task
        # block among them (a scan of every section per section was the square of their count)
        self.children: dict[int | None, list[int]] = {}
        for i, parent in enumerate(self.parent):
            self.children.setdefault(parent, []).append(i)
        # :meth:`chain` by section, made once: every line of a section asks it, several times
        self._chains: dict[int | None, tuple[int, ...]] = {}
        self._heads = {s.start for s in self.sections}
        self.blocks = list(self._blocks(parsed))
        self._join_lines()

    def _join_lines(self) -> None:
        """The line ends inside a block read as spaces by every rule that matches ``t.low`` and
        ``t.lowered``: a name runs on across them ("Giao Thường trực Hội đồng nhân dân tỉnh, các
        Ban ⏎ của Hội đồng nhân dân tỉnh …", dev2 vb2_58abb15520)."""
        t = self.t
        ends: list[int] = []
        for b in self.blocks:
            at = t.text.find("\n", b.start, b.end)
            while at >= 0:
                ends.append(at)
                at = t.text.find("\n", at + 1, b.end)
        if ends:
            t.low, t.lowered = _spaced(t.low, ends), _spaced(t.lowered, ends)

    def innermost(self, pos: int, exclude: int | None = None) -> int | None:
        """The section holding ``pos`` that starts last (the later one of two that start
        together); with ``exclude``, one that does not start where that section does."""
        excluded = self.sections[exclude].start if exclude is not None else None
        k = bisect.bisect_right(self._starts, pos) - 1
        while k >= 0:
            if self._starts[k] == excluded:
                k -= 1
            elif pos < self._ends[k]:
                return self._order[k]
            else:
                k = self._outer[k]
        return None

    def _fold_heading(self, section: Section) -> str:
        """The heading folded: read off the folded text where the heading stands after its
        number ("Điều 12. ", "2.1.3. ", "**III.** "), else folded on its own."""
        text = self.t.text
        heading = section.heading
        at = text.find(heading, section.start, section.start + len(heading) + HEADING_NUMBER_MAX)
        return self.t.folded(at, at + len(heading)) if at >= 0 else fold_lower(heading)

    def chain(self, index: int | None) -> tuple[int, ...]:
        """``index`` and its ancestors, innermost first."""
        found = self._chains.get(index)
        if found is None:
            out: list[int] = []
            at = index
            while at is not None and at not in out:
                out.append(at)
                at = self.parent[at]
            found = self._chains[index] = tuple(out)
        return found

    def _lines(self, parsed: ParsedText) -> Iterator[tuple[int, int]]:
        """The body's lines as ``(start, end)``, a line wrapped at the page width joined to the
        next ("… tổ chức ra quân dọn dẹp vệ sinh môi trường sau lũ, thu gom ⏎ rác thải, …"): a
        line end :func:`loader.find.fold_sentences` reads as a space, before a lower-case word
        that starts no section. A capital after a long line may open a paragraph as well as go on
        with a name, and a heading is long enough to look wrapped. Empty lines are left out (half
        the lines of a text: the blank one between its paragraphs); they hold no block and go on
        with no next line."""
        text = self.t.text
        joined = fold_sentences(text)
        heads = self._heads
        start = parsed.body_start
        while start < len(text):
            if text[start] == "\n":
                start += 1
                continue
            end = text.find("\n", start)
            line = _next_content(text, start)
            while 0 <= end < len(text) - 1:
                nxt = _next_content(text, end + 1)
                if nxt in heads or not self._continues(text, joined, line, end, nxt):
                    break
                line, end = nxt, text.find("\n", end + 1)
            if end < 0:
                end = len(text)
            yield start, end
            start = end + 1

    def _continues(self, text: str, joined: str, line: int, end: int, nxt: int) -> bool:
        """Whether the line from ``line`` to ``end`` goes on at ``nxt``, the next line: a wrapped
        line before a lower-case word; or a line with no stop at its end (neither a heading nor
        a list's introduction) before a capital that opens no list item ("- Phối hợp Bộ Chỉ huy ⏎
        Quân sự tỉnh, Công an tỉnh …", real1k). A blank line, a table row or a number ends it."""
        first = text[nxt : nxt + 1]
        if first in _OPENING_QUOTES:  # "- Chuẩn bị và phân phối ⏎ “túi thuốc chống lũ” …"
            first = text[nxt + 1 : nxt + 2]
        # where the line's content ends, markdown's "*" and "_" aside (not ``rstrip`` of a slice:
        # a line may be a paragraph of thousands of characters)
        stop = end
        while stop > line and text[stop - 1] in " \t*_":
            stop -= 1
        if stop == line or BULLET.match(text[nxt : nxt + BULLET_REACH]):
            return False
        if first.isdigit() and (joined[end] == " " or _UNIT_WORD.search(self.t.low, line, end)):
            return True  # "… số 412/QĐ-UBND ngày ⏎ 15/8/2025 của …", "… tại khoản ⏎ 3 Điều 13 …"
        if joined[end] == " " and first.islower():
            return True
        if text[stop - 1] in _LINE_STOPS or _NUMBER_LINE.fullmatch(text, line, stop):
            return False
        if first.islower():
            return True  # "… khu vực có nguy cơ sạt ⏎ lở."
        if not first.isupper() or line in self._heads:
            return False
        # a short line is a heading ("b) Công tác khoa học và công nghệ") unless it opens with
        # an action; a long one may be, if it names its field ("c) Công tác tài chính, …")
        bullet = BULLET.match(text[line:stop])
        opening = line + (bullet.end() if bullet else 0)
        low = self.t.low
        if _HEADING_OPENING.match(low, opening):
            return False
        return end - line >= WRAPPED_LINE or IMPERATIVE_AT.match(low, opening) is not None

    def _opening(self, start: int, end: int) -> str:
        """``t.folded(start, end)`` of a line, or as much of its beginning as the tests of a line's
        opening read (:data:`_END_OF_BODY`, :data:`_NOT_BODY_LINE`, :data:`_FORMS`: the marks
        before its first word, then a few words). A line the scan fold leaves non-ASCII (a “ or
        an emoji in a paragraph of a news page) is folded the exact, slow way, 70 µs a long
        paragraph, where its first fifty characters are enough.

        The exact fold of ``text[start:cut]`` is the beginning of that of ``text[start:end]`` when
        a space is at ``cut``: nothing composes with a space (NFC, NFD's reordering), and each
        other step maps a character on its own (a final sigma before the space is final in
        both)."""
        t = self.t
        low = t.low[start:end]
        if low.isascii():
            return low  # what t.folded returns
        cut = t.text.find(" ", start + OPENING_CUT, end)
        if cut > 0:
            opening = t.folded(start, cut)
            marks = _NOT_WORD_RUN.match(opening)
            if marks is not None and len(opening) - marks.end() > OPENING_READ:
                return opening
        return t.folded(start, end)

    def _blocks(self, parsed: ParsedText) -> Iterator[Block]:
        text = self.t.text
        spans = (parsed.title_span, parsed.preamble_span, parsed.web_title_span)
        # a title or preamble the body starts after skips no line of it
        skip = [s for s in spans if s and s[1] > parsed.body_start]
        heads = {s.start: i for i, s in enumerate(self.sections)}
        recipients = False
        for start, line_end in self._lines(parsed):
            line = text[start:line_end]
            content = line.strip()
            if not content:
                continue
            lead_ws = len(line) - len(line.lstrip())
            first = line.find("\n")
            first_line = content if first < 0 else line[:first].strip()
            folded = self._opening(start + lead_ws, start + lead_ws + len(first_line))
            if _END_OF_BODY.match(folded):
                return
            if _NOT_BODY_LINE.match(folded):
                # "Nơi nhận: ⏎ - Bộ Nội vụ; ⏎ … ⏎ Trịnh Mạnh Linh": the list and the signature,
                # up to an attached text's first section (dev vb_6711e3512e)
                recipients = folded.lstrip("|*_ ").startswith("noi nhan")
                continue
            if recipients and start + lead_ws not in heads:
                continue
            recipients = False
            if self.forms_end_body and _FORMS.match(folded):
                return
            if content.startswith("|") or content.count(" | ") >= TABLE_CELLS_MIN - 1:
                continue  # a table's row, with or without its outer bars
            if content.isupper():
                continue  # a heading in capitals ("**TỔ CHỨC THỰC HIỆN**"): no task
            if skip and any(a <= start < b for a, b in skip):
                continue
            s = start + lead_ws
            end = start + len(line.rstrip())
            raw = text[s:end]
            unmarked = raw.lstrip("#").strip()
            stripped = unmarked.replace("**", "  ")
            offset = len(raw) - len(unmarked)
            # "**11.**", "**2.** **Sở Xây dựng:**": the number after the emphasis is the bullet
            pad = len(stripped) - len(stripped.lstrip())
            stripped = stripped[pad:]
            s += offset + pad
            bullet = BULLET.match(stripped)
            body_start = s + (bullet.end() if bullet else 0)
            if body_start >= end:
                continue
            index = heads.get(start + lead_ws)
            heading_of = None
            if index is not None:
                section = self.sections[index]
                leaf = section.end <= end + 1
                if not leaf and len(section.heading) <= HEADING_MAX:
                    heading_of = index
            yield Block(
                start=body_start,
                end=end,
                bulleted=bullet is not None,
                section=self.innermost(body_start),
                heading_of=heading_of,
            )


def _spaced(text: str, positions: list[int]) -> str:
    """``text`` with a space at each of ``positions`` (ascending)."""
    parts: list[str] = []
    pos = 0
    for at in positions:
        parts.append(text[pos:at])
        parts.append(" ")
        pos = at + 1
    parts.append(text[pos:])
    return "".join(parts)


def _next_content(text: str, pos: int) -> int:
    """Where the line starting at ``pos`` has its first character that is not a space."""
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos
