"""Who does the work: the bodies a sentence names as its doer, and which of them are agencies.

A sentence names its lead as a subject before a predicate ("Cục Báo chí chủ trì …"), as a label
("Bộ Quốc phòng: Chủ trì, phối hợp …"), or as the object of an assigner ("đề nghị quý Bộ khẩn
trương …"); partners follow "phối hợp với". A name runs from a body's head word ("Cục", "Ủy ban
nhân dân", "các Bộ") or a known body (:data:`loader.agencies.KNOWN_AGENCIES`) to the first
predicate word. Everything is matched on :class:`Text`, the text with a folded lower-case twin of
the same length.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from graph.identity import strip_diacritics
from loader.agencies import KNOWN_AGENCIES, MINISTRIES, agency_key, canonical_agency
from loader.find import fold_sentences
from loader.tasks.words import (
    ADVERBIAL,
    ASSIGNER_WORDS,
    ASSIGNERS,
    ASSIGNMENT_VERBS,
    COLLECTIVE,
    CONTINUATIONS,
    HEAD_AT,
    HEAD_BY_OPENING,
    HEAD_NOT_BODY,
    HEADS,
    IMPERATIVE_AT,
    IMPERATIVES,
    MODALS,
    NOT_ACTIONS,
    NOT_ASSIGNING,
    NOT_STOP,
    NOT_STOP_AT,
    PASSIVE_THEN_MARKER,
    PERSON,
    SHORT_STOP_BY_OPENING,
    SHORT_STOPS,
    STATE_CLASS,
    STOP_BY_OPENING,
    STRONG_AT,
    STRONG_MARKERS,
    by_opening,
)
from loader.text import fold_for_scan, lower_same_length, squash

# A subject is a name, not a clause: longest real one (dev vb_01f9b82b1d) "các Bộ, ngành, địa
# phương, đơn vị, Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam, Trung ương Hội Cựu chiến binh Việt
# Nam" has 24 words.
MAX_ITEM_WORDS = 14
MAX_SUBJECT_WORDS = 30
# An inline label "Các hội, hiệp hội, tổ chức hoạt động trong lĩnh vực TTTT: Đề cao …" (seed 003).
MAX_LABEL_WORDS = 16


# --- the text, folded once ------------------------------------------------------------------------


def text_fold(text: str) -> str:
    """:func:`fold_for_scan` of a whole text, rebuilt from :func:`fold_sentences`, which find and
    relate have just computed (and cached) for it: the two differ only where a line end of
    ``text`` became a space. Folding anew costs a dictionary look-up per character; this costs
    one slice per line."""
    joined = fold_sentences(text)
    if joined.count("\n") == text.count("\n"):
        return joined  # no wrapped line was joined
    parts: list[str] = []
    pos = 0
    for line in text.split("\n"):
        parts.append(joined[pos : pos + len(line)])
        pos += len(line) + 1
    return "\n".join(parts)


class Text:
    """The text and its folded lower-case twin (same length), for matching rules. ``folded`` is
    :func:`fold_for_scan` of ``text``, if the caller has it."""

    def __init__(self, text: str, folded: str | None = None) -> None:
        self.text = text
        self.low = lower_same_length(fold_for_scan(text) if folded is None else folded)
        lowered = text.lower().replace("uỷ", "ủy").replace("hoà", "hòa")
        self.lowered = lowered if len(lowered) == len(text) else text
        # the predicate word at a position, once read: a list's words are read again by each
        # clause that reaches them
        self.stops: dict[int, str | None] = {}

    def words(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        for match in _LABEL_WORD.finditer(self.low, start, end):
            yield match.start(), match.end()

    def folded(self, start: int, end: int) -> str:
        """``strip_diacritics(text[start:end]).lower()``, read off ``low`` when that is ASCII."""
        low = self.low[start:end]
        return low if low.isascii() else strip_diacritics(self.text[start:end]).lower()


_LABEL_WORD = re.compile(r"[^\s,;:.()\"“”]+")


# --- names ----------------------------------------------------------------------------------------

# Each known body as a pattern on ``low``, longest name first.
_KNOWN_NAMES_LONGEST = sorted(KNOWN_AGENCIES, key=len, reverse=True)
_KNOWN_WAYS = [
    r"(?:[\s,&-]|\bva\b|\bgach ngang\b)+".join(re.escape(w) for w in agency_key(name).split())
    + r"\b"
    for name in _KNOWN_NAMES_LONGEST
]
# One alternation, longest name first: the regex engine tries the names in order at a position,
# as a loop over one pattern per name would, without a Python call per name.
_KNOWN = re.compile("|".join(_KNOWN_WAYS))


# :data:`_KNOWN` cut by the first two letters of each name (:func:`by_opening`, its first word's:
# a name is found only whole-word): _KNOWN alone tries the 19 ministries one by one at every "bo"
# (1.5 µs a position).
_KNOWN_BY_OPENING = {
    opening: re.compile("|".join(ways))
    for opening, ways in by_opening(
        (agency_key(name).split()[0], way)
        for name, way in zip(_KNOWN_NAMES_LONGEST, _KNOWN_WAYS, strict=True)
    ).items()
}

# The first words of the titles of PERSON: "Giám đốc Sở …" starts a body's name too.
_PERSON_WORDS = ("pho", "bo", "thu", "chu", "giam", "chanh", "vu", "cuc", "vien", "truong", "lanh")

# The first word (folded) of every way a body's name can start: a collective ("tất cả các …",
# "các Bộ"), a head word ("Ủy ban", "Sở"), a known body ("Bộ Tài chính"). Where none starts,
# no name does, and most clause openings ("đồng thời, …", "trong đó …") are let go at once.
# Sound on ``low`` for heads matched on ``lowered``: each of their letters folds the same from
# either case ("Ủ"/"ủ" → "u").
_BODY_HINT = re.compile(
    "|".join(
        sorted(
            {"tat", "toan", "cac", "nhung", "quy"}
            | {fold_for_scan(h).split()[0] for h in HEADS}
            | set(_PERSON_WORDS)
            | {agency_key(name).split()[0] for name in KNOWN_AGENCIES},
            key=len,
            reverse=True,
        )
    )
)
# Where a list of names can start: spaces, then a body's first word.
NAME_HINT = re.compile(r" *(?:" + _BODY_HINT.pattern + ")")
# The same with the first word whole, for the clause openings of a sentence: every way a name
# starts (_NAME_START) ends its first word before a space, a mark or the text's end. Two in three
# openings that pass NAME_HINT ("phối hợp", "doanh nghiệp", "chưa đáp ứng", "nhằm thúc đẩy")
# fail it, and :func:`names_at` is not asked there.
_SUBJECT_HINT = re.compile(NAME_HINT.pattern + r"(?![^\W_])")
# Where a name can start at all: a person's title, a collective, a head word (folded: each head
# of HEAD_AT on ``lowered`` matches folded on ``low``) or a known body. One match that fails
# stands for the five of :func:`_head_at` and :func:`_known_at` on most clause openings ("tập
# trung …", "công tác …"), which pass NAME_HINT and name nobody.
_NAME_START = re.compile(
    "(?:"
    + "|".join(
        (
            PERSON.pattern,
            COLLECTIVE.pattern,
            "(?:"
            + "|".join(sorted({re.escape(fold_for_scan(h)) for h in HEADS}, key=len, reverse=True))
            + r")(?![^\W_])",
            _KNOWN.pattern,
        )
    )
    + ")"
)


def starts_with(low: str, pos: int, table: re.Pattern[str]) -> str | None:
    """The phrase of ``table`` that ``low`` holds at ``pos``, if any."""
    m = table.match(low, pos)
    return m.group(0) if m else None


def _head_at(t: Text, pos: int) -> int | None:
    """End of a body's head word at ``pos`` ("Cục", "Ủy ban nhân dân", "các cơ quan"), or None.
    A person's title is no body, unless a body follows it: "Thủ trưởng các cơ quan, đơn vị …
    kịp thời phổ biến" (seed 001), "Giám đốc Sở Tài chính có trách nhiệm …" act for them."""
    if not _BODY_HINT.match(t.low, pos):
        return None
    person = PERSON.match(t.low, pos)
    if person:
        body = _skip_spaces(t.low, person.end(), len(t.low))
        return _head_at(t, body) if body > person.end() else None
    collective = COLLECTIVE.match(t.low, pos)
    if collective:
        noun = t.low.rfind(" ", pos, collective.end() - 1) + 1
        return None if HEAD_NOT_BODY.match(t.low, noun) else collective.end()
    heads = HEAD_BY_OPENING.get(t.lowered[pos : pos + 2])  # HEAD_AT's that can be here
    head = heads.match(t.lowered, pos) if heads is not None else None
    if head is None:
        return None
    end = head.end()
    if HEAD_NOT_BODY.match(t.low, pos):
        return None
    capital = t.text[pos].isupper()
    after = _NEXT_WORD.match(t.text, end, end + 3)
    named = bool(after and after.group(1).isupper())
    if capital or named:
        return end
    # dictated copy writes "bộ tài chính": a known body, ending where the predicate starts
    known = _known_at(t, pos)
    if known is not None:
        gap = _SPACES_COMMAS.match(t.low, known)
        nxt = gap.end() if gap else known
        if nxt >= len(t.low) or t.low[nxt] in ".;:)" or stop_at(t, nxt):
            return end
    return None


_NEXT_WORD = re.compile(r"\s+(\S)")
_SPACES_COMMAS = re.compile(r"[\s,]*")


def _known_at(t: Text, pos: int) -> int | None:
    known = _KNOWN_BY_OPENING.get(t.low[pos : pos + 2])
    match = known.match(t.low, pos) if known is not None else None
    return match.end() if match else None


@dataclass(slots=True)
class Names:
    """Agency names found at a position: each item's span, and where the phrase ends. Not
    frozen, as one is made per name list read (a frozen dataclass's __init__ costs twice as
    much); never changed once made."""

    items: tuple[tuple[int, int], ...]
    end: int


def stop_at(t: Text, pos: int) -> str | None:
    """The folded predicate word starting at ``pos``, if one does ("chu tri", "co", "tai")."""
    if pos in t.stops:
        return t.stops[pos]
    found: str | None = None
    low = t.low
    opening = low[pos : pos + 2]
    if not (
        t.text[pos : pos + 1].isupper()
        or (opening in _NOT_STOP_OPENINGS and NOT_STOP_AT.match(low, pos))
    ):
        verbs = STOP_BY_OPENING.get(opening)  # the verbs that can be here
        verb = verbs.match(low, pos) if verbs is not None else None
        if verb is not None:
            found = verb.group(0)
            if found == "quan ly" and _MANAGING_NOUN.search(low, max(0, pos - 12), pos):
                found = None  # "các đơn vị thuộc phạm vi quản lý", "cơ quan quản lý nhà nước"
        if not found:
            words = SHORT_STOP_BY_OPENING.get(t.lowered[pos : pos + 2])  # the short stops here
            short = words.match(t.lowered, pos) if words is not None else None
            found = _SHORT_FOLDED[short.group(0)] if short else None
    t.stops[pos] = found
    return found


# The first two letters of NOT_STOP's phrases: elsewhere NOT_STOP_AT is not tried.
_NOT_STOP_OPENINGS = frozenset(w[:2] for w in NOT_STOP)
# Each one-syllable stop folded, as stop_at returns it.
_SHORT_FOLDED = {w: strip_diacritics(w) for w in SHORT_STOPS}

# Nouns that "quản lý" qualifies rather than follows as a verb.
_MANAGING_NOUN = re.compile(r"\b(?:pham vi|co quan|don vi|cap|bo phan) $")

# Heads that name a body on their own: "Bộ cần lập chương trình hành động" (the Ministry),
# "Chính phủ", "các địa phương".
_BARE_BODIES = frozenset(
    {"bo", "chinh phu", "quoc hoi", "thu tuong chinh phu", "kiem toan nha nuoc", "ubnd"}
)


def _bare_head_is_body(t: Text, start: int, end: int) -> bool:
    person = PERSON.match(t.low, start, end)
    if person:
        start = _skip_spaces(t.low, person.end(), end)  # "Thủ trưởng | các cơ quan"
    words = t.low[start:end].strip()
    return (
        words in _BARE_BODIES
        or COLLECTIVE.fullmatch(words) is not None
        or _known_at(t, start) is not None
    )


def _skip_spaces(low: str, pos: int, limit: int) -> int:
    while pos < limit and low[pos] == " ":
        pos += 1
    return pos


_WORD = re.compile(r"[^\s,;:.()\"“”!?]+")
_JOINER = re.compile(r"(?:va|gach ngang)\s+")
_SEPARATOR = re.compile(r"\s*(?:,|;|\bva\b|\bgach ngang\b)\s*")


def names_at(t: Text, pos: int, limit: int, label: bool = False) -> Names | None:
    """The agency phrase starting at ``pos``: "Bộ Quốc phòng", "các Bộ, ngành, địa phương, đơn
    vị, Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "Sở Lao động - Thương binh và Xã hội, Sở
    Tài chính". A name runs to the first lower-case predicate word ("chủ trì", "có trách
    nhiệm", "tại"). None if no body is named at ``pos``."""
    low = t.low
    if not NAME_HINT.match(low, pos):
        return None  # no body's name starts here
    p = _skip_spaces(low, pos, limit)
    if not _NAME_START.match(low, p):
        return None  # neither a head nor a known body: the loop below would find no item
    items: list[tuple[int, int]] = []
    # words of the items before the last one, and of all of them (not summed anew per item)
    before = counted = 0
    joined = False  # this item continues the previous one: "các Bộ, | ngành"
    most = MAX_LABEL_WORDS if label else MAX_ITEM_WORDS
    # (where, _head_at there, _known_at there), as read after a separator: the next item's
    # opening, read again at the loop's top
    ahead: tuple[int, int | None, int | None] | None = None
    while True:
        p = _skip_spaces(low, p, limit)
        start = p
        if ahead is not None and ahead[0] == p:
            _, head_end, known_end = ahead
        else:
            head_end = _head_at(t, p)
            known_end = _known_at(t, p)
        if head_end is None and known_end is None:
            cont = CONTINUATIONS.match(low, p) if items else None
            if cont is None:
                break
            if stop_at(t, p) and stop_at(t, _skip_spaces(low, cont.end(), limit)):
                break  # "các thôn ấp, tổ dân phố, | tổ chức phổ biến …": a verb, not a body
            head_end, joined = cont.end(), True
        p = last = max(head_end or p, known_end or p)
        words = 0
        while p < limit:
            ch = low[p]
            if ch == " ":
                p += 1
                continue
            if ch in ',;:()"“”\n?!' or (ch == "." and not low[p + 1 : p + 2].isdigit()):
                break
            joiner = _JOINER.match(low, p, limit) if ch in "vg" else None  # "va", "gach ngang"
            if joiner:
                nxt = joiner.end()
                if _head_at(t, nxt) is not None or _known_at(t, nxt) is not None:
                    break  # "Thanh tra Bộ | và các đơn vị liên quan"
                if stop_at(t, nxt):
                    break
                p = nxt
                continue
            if not label and stop_at(t, p):
                break
            word = _WORD.match(low, p)
            p = last = word.end() if word else p + 1
            words += 1
            if words > most:
                return None if not items else Names(tuple(items), items[-1][1])
        if joined and items:
            first = items[-1][0]
            items[-1] = (first, last)
            counted = before + len(t.text[first:last].split())
        elif last > start and (words or _bare_head_is_body(t, start, last)):
            items.append((start, last))
            before = counted
            counted += len(t.text[start:last].split())
        elif not items:
            return None  # "Thanh tra, kiểm tra, xử lý …": a verb that looks like a head
        joined = False
        if counted > MAX_SUBJECT_WORDS:
            return None
        sep = _SEPARATOR.match(low, last, limit)
        if not sep:
            break
        nxt = sep.end()
        ahead = (nxt, _head_at(t, nxt), _known_at(t, nxt))
        if ahead[1] is None and ahead[2] is None and CONTINUATIONS.match(low, nxt) is None:
            break
        p = nxt
    if not items:
        return None
    return Names(tuple(items), items[-1][1])


_BEFORE_VERB = re.compile(r"[\s.…]*,?\s*")


def verb_follows(t: Text, pos: int, limit: int) -> str | None:
    """The action verb right after a subject ending at ``pos`` (a stray comma allowed): "Cục Báo
    chí | chủ trì". A copula or a past tense is not an assignment ("Bộ TT&TT sẽ là Bộ làm mẫu",
    "Các doanh nghiệp đã có hợp tác …"); a modal counts when an action follows ("sẽ phối hợp")."""
    # a subject's name may run past ``limit`` ("… Bộ Tài | chính"): then nothing is skipped
    gap = _BEFORE_VERB.match(t.low, pos, limit)
    p = gap.end() if gap else pos
    verb = stop_at(t, p)
    if verb in MODALS:
        nxt = p + len(verb) + 1
        action = starts_with(t.low, nxt, IMPERATIVE_AT) or starts_with(t.low, nxt, STRONG_AT)
        return action
    if verb in NOT_ACTIONS:
        return None
    return verb


# --- which names are agencies ---------------------------------------------------------------------

_MINISTRIES = frozenset(MINISTRIES)


def first_ministry(t: Text) -> str | None:
    """The first ministry ``t`` names: the one a press report's bare "Bộ" is ("… do Bộ Thông tin
    & Truyền thông (TT&TT) tổ chức … Bộ cần lập chương trình hành động …", seed 004)."""
    for match in _KNOWN.finditer(t.low):
        if match.start() and t.low[match.start() - 1].isalnum():
            continue
        name = canonical_agency(t.text[match.start() : match.end()])
        if name in _MINISTRIES:
            return name
    return None


_KNOWN_NAMES = frozenset(KNOWN_AGENCIES)


# by name: the resolved leads and partners of a text's tasks are mostly the same few bodies
@functools.lru_cache(maxsize=4096)
def is_agency(name: str) -> bool:
    """Whether ``name`` designates a body a task can be given to: a body of the agency table
    (:data:`loader.agencies.KNOWN_AGENCIES`, in any spelling), a head word with its name ("Cục
    Báo chí", "Ủy ban nhân dân cấp xã"), or a class of the State's bodies ("các Bộ, ngành, địa
    phương"). Not a bare head ("Bộ": which one?), a generic collective ("tất cả các cơ quan, tổ
    chức, đơn vị …", "các đơn vị"), a letter's unresolved "quý Bộ", nor a person's title.

    >>> is_agency("Bộ TT&TT"), is_agency("Bộ"), is_agency("các đơn vị liên quan")
    (True, False, False)
    """
    canonical = canonical_agency(name)
    if canonical is None:
        return False
    if canonical in _KNOWN_NAMES:
        return True
    t = Text(canonical)
    if COLLECTIVE.match(t.low) or t.low.startswith(("tat ca ", "toan bo ")):
        return STATE_CLASS.match(t.low) is not None
    head = HEAD_AT.match(t.lowered)
    if head is None or HEAD_NOT_BODY.match(t.low):
        return False
    return bool(canonical[head.end() :].strip(" ,;.:-*_|"))


def known_at(t: Text, pos: int) -> bool:
    """Whether a body of the agency table is named at ``pos`` ("Thanh tra Chính phủ;" is a
    body, though "thanh tra" is a verb too)."""
    return _known_at(t, pos) is not None


# --- leads ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lead:
    """The names a sentence gives as its doer, how (a key of the extractor's ``CONFIDENCE``), and
    where the names stand."""

    names: tuple[str, ...]
    how: str
    start: int = 0
    end: int = 0


# "\s+va" starts only at a run's first space: from every space of a long run (text copied out of a
# PDF) it would rescan the run each time.
_CLAUSE = re.compile(r"(?:[,;]\s+|(?<!\s)\s+va\s+|:\s+)")
# The two ways of _CLAUSE apart: a punctuation mark and its spaces (what :func:`_mark_ends`
# finds, by str.find), the word "va" (opening with what the regex engine can look for fast).
_CLAUSE_MARK = re.compile(r"[,;:]\s+")
_CLAUSE_VA = re.compile(r"va\s+")


def clause_ends(low: str, start: int, end: int) -> list[int]:
    r"""Where each match of :data:`_CLAUSE` in ``low[start:end]`` ends (``finditer``'s matches):
    at the marks, and at each "va" after a run of spaces that starts inside the range and after
    no space, the matches that start after the previous one's end. Scanned as one pattern, every
    space of a sentence is a place to try "\s+va" (35 ns a character of the text).

    No mark is ever passed over: a mark holds no space before its spaces, and a "va" match holds
    no mark. A "va" match is passed over where its run of spaces is a mark's (", va …": the
    mark's spaces run up to the "va") or the previous "va" match's ("va va …"), and only there.

    >>> clause_ends("bo a, bo b va  so c: d", 0, 22)
    [6, 15, 21]
    """
    ends = _mark_ends(low, start, end)
    if low.find("va", start, end) < 0:
        return ends
    added = False
    last = start  # where the last "va" match taken ends
    for m in _CLAUSE_VA.finditer(low, start, end):
        run = m.start()
        while run > 0 and low[run - 1].isspace():  # str.isspace is what \s matches
            run -= 1
        if not start <= run < m.start() or run < last:
            continue
        if run > start and low[run - 1] in ",;:":
            continue  # the spaces after a mark in the range: that mark's match holds them
        ends.append(m.end())
        last = m.end()
        added = True
    if added:
        ends.sort()
    return ends


def _mark_ends(low: str, start: int, end: int) -> list[int]:
    r"""Where each match of :data:`_CLAUSE_MARK` in ``low[start:end]`` ends, ascending: a mark
    and the whitespace after it (``str.isspace`` is what ``\s`` matches). Found by ``str.find``
    of each mark, which skips the letters between at memchr's speed; ``finditer`` costs twice as
    much on a sentence (2.4 µs), most of it in making match objects.

    >>> _mark_ends("a, b;c: d  e:", 0, 13)
    [3, 8]
    >>> s = "x ,\t y;: z, "
    >>> _mark_ends(s, 1, 12) == [m.end() for m in _CLAUSE_MARK.finditer(s, 1, 12)]
    True
    """
    ends: list[int] = []
    for mark in ",;:":
        at = low.find(mark, start, end)
        while at >= 0:
            after = at + 1
            while after < end and low[after].isspace():
                after += 1
            if after > at + 1:
                ends.append(after)
            at = low.find(mark, after, end)
    ends.sort()
    return ends


# ASSIGNER_WORDS as one pattern: a search for them in a sentence costs a third less than a
# ``str.find`` for each.
_ASSIGNER_WORD = re.compile("|".join(ASSIGNER_WORDS))


def explicit_lead(t: Text, start: int, end: int) -> Lead | None:
    """Who the sentence ``[start, end)`` says does the work, earliest mention first (a label
    opens the sentence; a subject counts only before the body an assigner names)."""
    low = t.low
    # "Bộ Quốc phòng: Chủ trì, phối hợp …", "Các cơ quan báo chí, xuất bản: Làm tốt …"
    colon = low.find(":", start, end)
    if colon > start and len(t.text[start:colon].split()) <= MAX_LABEL_WORDS:
        names = names_at(t, start, colon, label=True)
        label = t.text[start:colon]
        if (
            names
            and not any(stop_at(t, a) for a, _ in t.words(names.end, colon))
            and _LABEL_GAP.match(low, colon + 1, end)
            and not is_name_list(t.text, colon + 1, end)
        ):
            return Lead((clean_name(label),), "label", start, colon)
    assigned: Lead | None = None
    assigning = _ASSIGNER_WORD.search(low, start, end) is not None
    opening: int | None = None  # where the sentence's verb or subject stands
    for match in ASSIGNERS.finditer(low, start, end) if assigning else ():
        # (the "giáo" first: three in four of syn's matches, and the cheaper test)
        if t.lowered.startswith(_GIAO_FOLDED, match.start()):
            continue  # "giáo", not "giao": "Ban Tuyên giáo Trung ương" (real1k)
        if NOT_ASSIGNING.search(low[max(start, match.start() - 14) : match.start()]):
            continue
        if opening is None:
            adverbial = ADVERBIAL.match(low, start, end)
            opening = adverbial.end() if adverbial else start
        if _describes_assignment(low, opening, match):
            continue
        names = names_at(t, match.end(), end)
        if names and (verb_follows(t, names.end, end) or names.end >= end - 1):
            assigned = Lead(texts(t, names), "assigned", match.end(), names.end)
            break
    # A sentence that opens with an action verb addresses the reader; a body named in a list
    # inside it is an object ("Xây dựng … các chương trình, nghị quyết Đảng, Chính phủ, Thủ tướng
    # Chính phủ triển khai …"), unless a marker of assignment follows it ("…, các cơ quan, tổ
    # chức, đơn vị thuộc Bộ TTTT khẩn trương xây dựng …", seed 003).
    imperative: bool | None = None  # read only once a later clause names a body
    for pos in _subject_openings(low, start, end):
        if assigned is not None and pos >= assigned.start:
            break
        names = names_at(t, pos, end)
        if not names:
            continue
        verb = verb_follows(t, names.end, end)
        if verb is None:
            verb = passive_marker(t, names.end, end)
        if verb is None:
            continue
        if low.count("(", start, pos) > low.count(")", start, pos):
            continue  # "(… tài sản công do … Hội đồng nhân dân thành phố quản lý)" (real1k)
        if pos > start and verb not in ASSIGNMENT_VERBS:
            if imperative is None:
                opener = ADVERBIAL.match(low, start, end)
                at = opener.end() if opener else start
                imperative = starts_with(low, at, IMPERATIVE_AT) is not None
            if imperative:
                continue
        return Lead(texts(t, names), "subject", pos, names.end)
    return assigned


def _subject_openings(low: str, start: int, end: int) -> Iterator[int]:
    """The clauses' openings whose first word can start a body's name: most clauses open with
    none ("đồng thời, …", "trong đó …"); the sentence's own opening first, and the others read
    only if it names no doer ("Cục Báo chí chủ trì …" needs no look at its clauses)."""
    if _SUBJECT_HINT.match(low, start):
        yield start
    for at in clause_ends(low, start, end):
        if _SUBJECT_HINT.match(low, at):
            yield at


# After a label, its work: an action, a marker or what it rests on ("Bộ Quốc phòng: Chủ trì, phối
# hợp …", "Ủy ban nhân dân Thành phố: Căn cứ Quyết định số 22/2013/QĐ-TTg …"); not a list of names
# ("Các Bộ: Xây dựng, Tài chính;", "các Vụ: CN, KTTH, NN", recipients in real1k).
_LABEL_GAP = re.compile(
    r"[\s*_]*(?:(?:se|can|phai)\s+)?(?:"
    + "|".join(re.escape(w) for w in sorted(IMPERATIVES + STRONG_MARKERS, key=len, reverse=True))
    + r"|can cu|tren co so)(?![^\W_])"
)


# Words that fold to the assigner "giao" and are no assigning: "Tuyên giáo", "giáo dục".
_GIAO_FOLDED = ("giáo", "giạo", "giảo")


def _opens_name(ch: str) -> bool:
    # [A-ZĐÀ-Ỹ]: the range À-Ỹ holds the lowercase accented letters too
    return "A" <= ch <= "Z" or ch == "Đ" or "À" <= ch <= "Ỹ"


def _after_word(states: set[Any]) -> set[Any]:
    # a word may end its item ("end"), and an item its part of the list ("between")
    out = set(states)
    if any(isinstance(s, tuple) and s[0] == "word" for s in states):
        out.update(("end", "between"))
    if "end" in states:
        out.add("between")
    return out


def is_name_list(text: str, start: int, end: int) -> bool:
    r"""Whether ``text[start:end]`` is a list of names, not work: "các Sở: Xây dựng, Tài chính,
    Nội vụ." — items of one to four words, each opening with a capital (``*``/``_`` before it
    allowed), separated by at most one of ``,;.`` and spaces.

    The language of ``\s*(?:[*_]*[A-ZĐÀ-Ỹ][^\s,;.]*(?: [^\s,;.]+){0,3}[*_]*[,;.]?\s*)+`` read
    by a small automaton, one character at a time: the pattern tried every way of cutting a
    sentence into items, exponential in its words (20 s on one real line of 40 words, found by
    bench/fuzz.py).

    >>> is_name_list("Xây dựng, Tài chính, Nội vụ.", 0, 28)
    True
    >>> is_name_list("So ke hoach dau tu", 0, 18)  # five words, one opening a name
    False
    """
    states: set[Any] = {"start"}
    for i in range(start, end):
        ch = text[i]
        space = ch.isspace()
        word = not space and ch not in ",;."
        new: set[Any] = set()
        for state in _after_word(states):
            if state in ("start", "between"):
                if space:
                    new.add(state)
                elif ch in "*_":
                    new.add("stars")
                elif _opens_name(ch):
                    new.add(("word", 1))
            elif state == "stars":
                if ch in "*_":
                    new.add("stars")
                elif _opens_name(ch):
                    new.add(("word", 1))
            elif state == "end":
                if ch in ",;.":
                    new.add("between")
            elif state[0] == "word":
                if word:
                    new.add(state)
                elif ch == " " and state[1] < 4:
                    new.add(("joined", state[1]))
            elif word:  # ("joined", k): one space inside an item
                new.add(("word", state[1] + 1))
        if not new:
            return False
        states = new
    return bool(_after_word(states) & {"end", "between"})


def _describes_assignment(low: str, opening: int, match: re.Match[str]) -> bool:
    """Whether a "giao" in a sentence that opens with an action verb tells of work given before,
    mid-clause: "Thực hiện đúng … 100% các đề án trong Chương trình công tác của Chính phủ, Thủ
    tướng Chính phủ giao cho Bộ thực hiện" (seed 003) is the reader's task, not the Ministry's.
    A "giao" opening a clause ("…; giao Sở Tài chính chủ trì …") gives work."""
    if not match.group(0).startswith(("giao", "phan cong")) or match.start() <= opening:
        return False
    if starts_with(low, opening, IMPERATIVE_AT) is None:
        return False
    before = low[opening : match.start()].rstrip()
    return not before.endswith((",", ";", ":"))


def passive_marker(t: Text, pos: int, end: int) -> str | None:
    """ "Các cơ quan, đơn vị thuộc Bộ | được giao chủ trì nhiệm vụ | có trách nhiệm xây dựng …"
    (seed 003): a subject with a passive relative clause, then its marker."""
    m = PASSIVE_THEN_MARKER.match(t.low, pos, end)
    return m.group("marker") if m else None


# by name: a text names the same few bodies again and again
@functools.lru_cache(maxsize=8192)
def clean_name(name: str) -> str:
    """A name as written, without the dictation artefact "gạch ngang" for "-" (seed 004).

    >>> clean_name("Vụ kế hoạch gạch ngang tài chính, ")
    'Vụ kế hoạch - tài chính'
    """
    # every match holds the "ạ" of "gạch" (or its capital, the only letters IGNORECASE takes
    # for it): a name without one is not searched, and few are dictated
    if "ạ" in name or "Ạ" in name:
        name = _DICTATED_DASH.sub(" - ", name)
    return squash(name).strip(" ,;:.")


# From the start of a run of spaces only: tried inside one, "\s+" backtracked over the rest of
# it, the square of its length (bench/fuzz.py).
_DICTATED_DASH = re.compile(r"(?<!\s)\s+gạch\s+ngang\s+", re.IGNORECASE)


def texts(t: Text, names: Names) -> tuple[str, ...]:
    """Each name of ``names`` as written."""
    return tuple(clean_name(t.text[s:e]) for s, e in names.items)


def second_subject(t: Text, start: int, end: int, after: int) -> int | None:
    """Where a second task starts inside a sentence: a new subject with a strong marker ("… và
    Viện Chiến lược TTTT chủ trì …"), at a clause boundary after ``after``."""
    # "Bộ Quốc phòng chủ trì, phối hợp với Bộ Lao động - Thương binh và Xã hội, Bộ Tài chính chịu
    # trách nhiệm hướng dẫn …" (dev vb_f507e03f8e): one task, whose partners run to the marker
    low = t.low
    first = _NEXT_CLAUSE.search(low, after, end)
    if first is None:
        return None  # no clause after the first subject
    # A second subject's marker comes after the first clause boundary (the first subject's own
    # "chủ trì" comes before it) and at most a modal and a space past the sentence's end, when
    # the sentence ends in a full stop: no name runs across one. At a line's end it may
    # ("… và Bộ Thông tin và ⏎ Truyền thông chủ trì …"), so there every clause is read.
    closed = low[end - 1 : end] in SENTENCE_STOPS
    window = end + MARKER_OVERRUN
    if closed and not any(low.find(m, first.end(), window) >= 0 for m in STRONG_MARKERS):
        return None
    # where partner lists run, merged: a clause boundary inside one opens no second subject
    covered: list[list[int]] = []
    for match in _partner_matches(low, start, end):
        names = names_at(t, match.end(), end)
        if not names:
            continue
        if covered and match.end() <= covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], names.end)
        else:
            covered.append([match.end(), names.end])
    starts = [a for a, _ in covered]
    for match in _NEXT_CLAUSE.finditer(low, after, end):
        pos = match.end()
        at = bisect_right(starts, pos) - 1
        if at >= 0 and pos < covered[at][1]:
            continue
        names = names_at(t, pos, end)
        if names and verb_follows(t, names.end, end) in STRONG_MARKERS:
            return match.start()
    return None


# What a second task's piece opens with before its subject: "…, | và Viện Chiến lược …".
LEADING = re.compile(r"(?:[\s,;]|va\s)+")
# ``(?:[,;]\s+|(?<!\s)\s+va\s+)`` ((?<!\s): see _DICTATED_DASH) with the first character of each
# way taken out in front: a pattern that opens with a class lets the regex engine skip the
# letters between without trying the ways there; (?<=[,;]) and (?<=\s) say which way it opened.
_NEXT_CLAUSE = re.compile(r"[,;\s](?:(?<=[,;])\s+|(?<=\s)(?<!\s\s)\s*va\s+)")
# What a sentence ends with, which no agency's name holds.
SENTENCE_STOPS = frozenset(".!?…")
# How far past a sentence's end its last subject's marker can reach: a modal ("phải", 4
# letters), a space, and the marker's own length.
MARKER_OVERRUN = 5 + max(len(m) for m in STRONG_MARKERS)

# ``\bphoi …`` with its word boundary after the literal ("(?<!\wphoi)": no word character before
# the "p"), so that the regex engine looks for "phoi" as a whole, not at every position.
_PARTNERS = re.compile(r"phoi(?<!\wphoi)\s+(?:voi\s+)?hop(?:\s+chat\s+che)?(?:\s+voi)?\s+")


def _partner_matches(low: str, start: int, end: int) -> Iterable[re.Match[str]]:
    """Every "phối hợp với" in ``[start, end)``."""
    return _PARTNERS.finditer(low, start, end) if low.find("phoi", start, end) >= 0 else ()


def partners(t: Text, start: int, end: int, lead: tuple[str, ...]) -> tuple[str, ...]:
    """The bodies "phối hợp với" names in ``[start, end)``, other than the lead."""
    out: list[str] = []
    for match in _partner_matches(t.low, start, end):
        names = names_at(t, match.end(), end)
        if names:
            out.extend(n for n in texts(t, names) if n not in lead and n not in out)
    return tuple(out)
