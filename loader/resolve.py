"""Stage 4, resolve: references → canonical document ids (dates shared, coreference, aliases).

Pure functions of the text, its references and its own identity. The year of a year-less number
comes from its own date, a coordinated neighbour's date, or another dated reference to the same
number in the same text — never from the citing text's own year (DESIGN.md, Identity); when nothing
dates it, the id stays year-less (``vn:01/NQ-CP@?``) and the reference is marked ambiguous.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from graph import identity
from graph.identity import canonical_number, fold_name
from graph.model import DOC_TYPE_TABLE, Alias, Document
from loader.find import TIME_SCOPE, Reference, fold_for_scan, fold_sentences

Span = tuple[int, int]
# Names recur in a text and across texts (the same laws are cited everywhere): fold each once.
_fold = functools.lru_cache(maxsize=16384)(fold_name)
# So are numbers, and the ids made of them (twice for each numbered reference).
number_key = functools.lru_cache(maxsize=16384)(identity.number_key)
number_year = functools.lru_cache(maxsize=16384)(identity.number_year)
document_id = functools.lru_cache(maxsize=16384)(identity.document_id)
# fold_for_scan keeps the last few texts it folded, for every stage: names folded through it would
# push the text out.
_fold_scan = functools.lru_cache(maxsize=16384)(fold_for_scan.__wrapped__)
# Consult the store before giving up: folded name (graph.identity.fold_name) → document id.
# (Re-exported by loader.relate, where the contract names it.)
AliasLookup = Callable[[str], str | None]

# Between two references, only a coordinator: "Nghị quyết số 01/NQ-CP và Nghị quyết số 02/NQ-CP
# ngày 08/01/2025" (seed 003) — the date after the pair belongs to both.
COORDINATOR = re.compile(r"(?:[\s,;]|\bva\b|\bhoac\b|\bcung\s+nhu\b)*", re.IGNORECASE)

# A numbered decision "phê duyệt" a named programme: "Quyết định số 749/QĐ-TTg ngày 03/6/2020 phê
# duyệt Chương trình Chuyển đổi số quốc gia" (seed 001) makes the name an alias of 749/QĐ-TTg.
APPROVES = re.compile(r"[^;.\n]{0,160}?\bphe duyet\s*[:“\"]?\s*$", re.IGNORECASE)
# A named programme followed by the decision that carries it: "Kế hoạch hành động quốc gia … theo
# Quyết định số 1437/QĐ-TTg" (seed 003).
# No two runs of white space side by side (one run, then what may follow it): a long run of
# spaces cannot be split between them in every way before the match fails (issue 13).
CARRIED_BY = re.compile(
    r"\s*(?:[”\"]\s*)?(?:,\s*)?"
    r"(?:(?:duoc\s+)?(?:ban hanh\s+)?(?:kem\s+)?theo|(?:duoc\s+)?phe duyet\s+(?:tai|theo)|tai)\s*$",
    re.IGNORECASE,
)
# Fewest words of a name a bare type word cannot be ("Chiến lược theo Quyết định …" names nothing).
MIN_ALIAS_WORDS = 3
# Fewest words of a name learnt as an alias, or asked of the store as a prefix: a short name
# ("Đề án tìm kiếm …") is generic across texts; "Chương trình chuyển đổi số quốc gia" is not.
MIN_SHARED_ALIAS_WORDS = 5
# A decision approving or issuing a policy makes the policy part of itself: "Phê duyệt Đề án bồi
# dưỡng cán bộ …" (its title, or "Điều 1. Phê duyệt …"), "Ban hành kèm theo Quyết định này Kế hoạch
# hành động …".
APPROVED_HERE = re.compile(
    r"(?:^|[\n.:]\s*)\W*(?:Dieu\s+1\.?\s*)?(?:phe\s+duyet|ban\s+hanh(?:\s+kem\s+theo\s+"
    r"(?:quyet\s+dinh|nghi\s+quyet|thong\s+tu)\s+nay(?:\s+la)?)?)\s*[“\"]?\s*$",
    re.IGNORECASE,
)
APPROVING_TYPES = frozenset(row.code for row in DOC_TYPE_TABLE if row.approves)
# The symbol a ministry signs with: "Thông tư số 98/2013/TT-BXD … của Bộ Tài chính" is a misprint
# of 98/2013/TT-BTC when the text also writes 98/2013/TT-BTC (dev vb_6711e3512e).
ISSUER_SYMBOLS: dict[str, str] = {
    "bo tai chinh": "BTC",
    "bo xay dung": "BXD",
    "bo lao dong - thuong binh va xa hoi": "BLDTBXH",
    "bo noi vu": "BNV",
    "bo y te": "BYT",
    "bo giao duc va dao tao": "BGDDT",
    "bo thong tin va truyen thong": "BTTTT",
    "bo cong an": "BCA",
    "bo quoc phong": "BQP",
    "bo tu phap": "BTP",
    "bo ke hoach va dau tu": "BKHDT",
    "bo cong thuong": "BCT",
    "bo giao thong van tai": "BGTVT",
    "bo tai nguyen va moi truong": "BTNMT",
    "bo khoa hoc va cong nghe": "BKHCN",
    "bo van hoa the thao va du lich": "BVHTTDL",
    "bo nong nghiep va phat trien nong thon": "BNNPTNT",
    "thu tuong chinh phu": "TTG",
    "chinh phu": "CP",
}


# Not frozen, as loader.find.Reference: one is made for every reference; none is changed or hashed.
@dataclass(slots=True)
class Resolved:
    """A reference with the document it designates.

    ``status``: ``"resolved"``; ``"ambiguous"`` (a year-less number nothing dates); ``"self"`` (the
    text's own number); ``"skipped"`` (inside the text's own identity lines or the web title, or a
    policy name no alias explains). ``nested`` marks a reference inside another one's name ("Luật
    Tổ chức Chính phủ" inside "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ …").
    """

    ref: Reference
    doc_id: str | None
    status: str
    year: int | None = None
    name: str | None = None
    nested: bool = False
    via_alias: bool = False  # a name standing for a numbered document ("Chương trình … " = 749)


@dataclass(slots=True)
class Resolution:
    refs: list[Resolved]
    aliases: list[Alias]


def _inside(pos: int, spans: Iterable[Span | None]) -> bool:
    return any(span is not None and span[0] <= pos < span[1] for span in spans)


def share_coordinated_dates(folded: str, refs: list[Reference]) -> list[Reference]:
    """Give a dateless numbered reference the date of the coordinated one right after it."""
    out = list(refs)
    for i in range(len(out) - 2, -1, -1):
        left, right = out[i], out[i + 1]
        if left.kind != "numbered" or right.kind != "numbered" or left.year is not None:
            continue
        if right.date is None or left.tail_end > right.start:
            continue
        if COORDINATOR.fullmatch(folded, left.tail_end, right.start):
            out[i] = replace(left, date=right.date, year=right.year, year_source="coordinated")
    return out


def _year_by_number(refs: list[Reference]) -> dict[str, int]:
    """number key → year, from references whose own date dates them (one year only)."""
    years: dict[str, set[int]] = {}
    for ref in refs:
        if ref.kind == "numbered" and ref.number and ref.year_source in ("date", "coordinated"):
            years.setdefault(number_key(ref.number), set()).add(ref.year)  # type: ignore[arg-type]
    return {key: next(iter(ys)) for key, ys in years.items() if len(ys) == 1}


def core_name(name: str) -> str:
    """A policy name without its time scope: "Chương trình Chuyển đổi số quốc gia đến năm 2025,
    định hướng đến năm 2030" → "Chương trình Chuyển đổi số quốc gia"."""
    folded = _fold_scan(name)
    scope = TIME_SCOPE.search(folded)
    return name[: scope.start()].strip() if scope else name


def _alias_keys(name: str) -> list[str]:
    keys = [_fold(name)]
    core = _fold(core_name(name))
    if core != keys[0] and len(core.split()) >= MIN_SHARED_ALIAS_WORDS:
        keys.append(core)
    return keys


def _find_alias(
    name: str, certain: bool, local: dict[str, str], lookup: AliasLookup | None
) -> str | None:
    keys = _alias_keys(name)
    for key in keys:
        if key in local:
            return local[key]
    folded = keys[0]
    # an uncertain policy phrase runs on past its name: match the longest known name it starts with
    for key, doc_id in sorted(local.items(), key=lambda kv: -len(kv[0])):
        if folded.startswith(key + " ") or (not certain and key.startswith(folded + " ")):
            return doc_id
    if lookup is None:
        return None
    for key in keys:
        found = lookup(key)
        if found:
            return found
    words = folded.split()
    for size in range(len(words) - 1, MIN_SHARED_ALIAS_WORDS - 1, -1):
        found = lookup(" ".join(words[:size]))
        if found:
            return found
    return None


def _nested_flags(refs: list[Reference]) -> list[bool]:
    """Which references sit inside a preceding named reference's name."""
    flags = []
    outer: Reference | None = None
    for ref in refs:
        nested = outer is not None and outer.start <= ref.start < outer.end
        if not nested and (ref.kind == "named" or ref.amending):
            outer = ref
        flags.append(nested)
    return flags


def _named_years(refs: list[Reference], nested: list[bool]) -> dict[tuple[str, str], int]:
    years: dict[tuple[str, str], set[int]] = {}
    for ref, inside in zip(refs, nested, strict=True):
        if inside and ref.year_source == "date":
            continue  # the date after "Luật sửa đổi … Luật X" dates the amending law
        if ref.kind == "named" and ref.name and ref.year is not None:
            years.setdefault((ref.doc_type, _fold(ref.name)), set()).add(ref.year)
    return {key: next(iter(ys)) for key, ys in years.items() if len(ys) == 1}


def _shorten_to_known(refs: list[Reference]) -> list[Reference]:
    """ "Bộ luật Lao động sống cô đơn" after "Bộ luật Lao động": the known name is the name."""
    known: dict[tuple[str, str], str] = {}  # (doc_type, folded name) → name as first written
    # (doc_type, first two words) of each known name: every shorter name tried below opens with
    # the two first words of the name, so without a known name that does, none is known
    openings: set[tuple[str, str]] = set()
    out = []
    for ref in refs:
        if ref.kind == "named" and ref.name and ref.certain:
            words = _fold(ref.name).split()
            written = _fold_scan(ref.name).split()
            tried = (ref.doc_type, " ".join(words[:2])) in openings
            for size in range(len(words) - 1 if tried else 0, 1, -1):
                shorter = known.get((ref.doc_type, " ".join(words[:size])))
                # only a lower-case run-on: "Luật Doanh nghiệp Nhà nước" is another law
                if shorter is not None and words[size] != "sua" and _lower_tail(written, size):
                    ref = replace(ref, name=shorter)
                    break
            else:
                if not ref.text.isupper():  # a heading's line breaks cut names anywhere
                    known.setdefault((ref.doc_type, " ".join(words)), ref.name or "")
                    openings.add((ref.doc_type, " ".join(words[:2])))
        out.append(ref)
    return out


def _lower_tail(words: list[str], size: int) -> bool:
    return len(words) > size and words[size][:1].islower()


def _numbered_names(refs: list[Reference], ids: dict[int, str]) -> dict[tuple[str, str], str]:
    """(type, folded name) → id of a law cited by name and number ("Luật Bảo hiểm xã hội số
    41/2024/QH15"): later mentions of the name alone are that law."""
    names: dict[tuple[str, str], set[str]] = {}
    for i, ref in enumerate(refs):
        if ref.kind == "numbered" and ref.name and i in ids:
            names.setdefault((ref.doc_type, _fold(ref.name)), set()).add(ids[i])
    return {key: next(iter(found)) for key, found in names.items() if len(found) == 1}


@functools.lru_cache(maxsize=1024)
def _issuer_symbol(issuer: str) -> str | None:
    """The symbol of an issuer as written ("Bộ Tài chính" → "BTC"); a text names a few, often."""
    return ISSUER_SYMBOLS.get(_fold(issuer.removeprefix("Bộ trưởng ")))


def _correct_misprints(refs: list[Reference]) -> list[Reference]:
    """A number whose symbol disagrees with the issuer written beside it, when the text also
    writes the number with the issuer's symbol, is that number."""
    keys: set[str] | None = None  # the text's numbers, made when a symbol disagrees (rarely)
    out = []
    for ref in refs:
        symbol = _issuer_symbol(ref.issuer) if ref.issuer else None
        if symbol and ref.number and "-" in ref.number:
            head, _, last = ref.number.rpartition("-")
            fixed = f"{head}-{symbol}"
            if number_key(last) != number_key(symbol):
                if keys is None:
                    keys = {number_key(r.number) for r in refs if r.kind == "numbered" and r.number}
                if number_key(fixed) in keys:
                    ref = replace(ref, number=canonical_number(fixed))
        out.append(ref)
    return out


def _own_title_name(ref: Reference, own: Document, title_span: Span | None) -> bool:
    """ "LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG" in the text's own header, or "Quốc hội ban hành Luật
    Tổ chức chính quyền địa phương" anywhere in it, names the text itself."""
    if not (own.name and ref.name and ref.doc_type == own.doc_type):
        return False
    mine, written = _fold(own.name), _fold(ref.name)
    if written == mine:
        return True
    if not (title_span and _inside(ref.start, [title_span])):
        return False
    return len(written.split()) >= 2 and (mine.startswith(written) or written.startswith(mine))


def resolve_references(
    text: str,
    refs: list[Reference],
    own: Document,
    own_spans: Iterable[Span] = (),
    web_title_span: Span | None = None,
    lookup: AliasLookup | None = None,
    origin: str | None = None,
    folded: str | None = None,
    title_span: Span | None = None,
) -> Resolution:
    """Assign each reference its document id; learn aliases ("phê duyệt Chương trình X")."""
    folded = fold_sentences(text) if folded is None else folded
    spans = list(own_spans)
    refs = _correct_misprints(refs)
    refs = share_coordinated_dates(folded, refs)
    refs = _shorten_to_known(refs)
    by_number = _year_by_number(refs)
    nested_flags = _nested_flags(refs)
    by_name = _named_years(refs, nested_flags)
    own_key = number_key(own.number) if own.number else None

    # aliases learnt in this text: named reference ↔ the numbered decision next to it
    local: dict[str, str] = {}
    aliases: list[Alias] = []
    alias_target: dict[int, str] = {}
    numbered_ids: dict[int, str] = {}
    for i, ref in enumerate(refs):
        if ref.kind == "numbered" and ref.number:
            year = ref.year or by_number.get(number_key(ref.number))
            numbered_ids[i] = document_id(ref.number, year)
    by_numbered_name = _numbered_names(refs, numbered_ids)
    for i, ref in enumerate(refs):
        if ref.kind != "named" or not ref.name or ref.doc_type not in _ALIASABLE:
            continue
        if len(_fold(ref.name).split()) < MIN_ALIAS_WORDS:
            continue  # "Chiến lược theo Quyết định …": a bare type word names nothing
        target = None
        before = refs[i - 1] if i > 0 else None
        if own.doc_type in APPROVING_TYPES and APPROVED_HERE.search(
            folded, max(0, ref.start - 60), ref.start
        ):
            target = own.id
        if (
            before is not None
            and i - 1 in numbered_ids
            and before.tail_end <= ref.start
            and APPROVES.match(folded, before.tail_end, ref.start)
        ):
            target = numbered_ids[i - 1]
        if target is None and i + 1 in numbered_ids and ref.end <= refs[i + 1].start:
            nxt = refs[i + 1]
            if nxt.doc_type == "decision" and CARRIED_BY.match(folded, ref.end, nxt.start):
                target = numbered_ids[i + 1]
        if target is None:
            continue
        alias_target[i] = target
        for key in _alias_keys(ref.name):
            if len(key.split()) < MIN_SHARED_ALIAS_WORDS:
                continue
            if key not in local:
                local[key] = target
                aliases.append(Alias(key=key, name=ref.name, doc_id=target, origin=origin))

    out: list[Resolved] = []
    outer: Reference | None = None
    skipped = [*spans, web_title_span]
    for i, ref in enumerate(refs):
        nested = nested_flags[i]
        if not nested and (ref.kind == "named" or ref.amending):
            outer = ref
        if ref.header or _inside(ref.start, skipped):
            out.append(Resolved(ref, None, "skipped", nested=nested))
            continue
        if ref.kind == "numbered" and ref.number:
            year = ref.year
            if number_year(ref.number) is None and ref.year_source not in ("date", "coordinated"):
                year = by_number.get(number_key(ref.number), year)
            if (
                own_key
                and number_key(ref.number) == own_key
                and (
                    year is None or own.year is None or year == own.year or number_year(ref.number)
                )
            ):
                out.append(Resolved(ref, own.id, "self", year, nested=nested))
                continue
            status = "resolved" if year is not None else "ambiguous"
            out.append(Resolved(ref, document_id(ref.number, year), status, year, nested=nested))
            continue
        name: str = ref.name or ref.text
        if _own_title_name(ref, own, title_span):
            out.append(Resolved(ref, own.id, "self", ref.year, name, nested))
            continue
        year = ref.year
        if nested and outer is not None and ref.year_source == "date" and ref.date == outer.date:
            year = None  # the date after "Luật sửa đổi … Luật X" dates the amending law
        if year is None:
            year = by_name.get((ref.doc_type, _fold(name)))
        numbered_id = by_numbered_name.get((ref.doc_type, _fold(name)))
        if numbered_id is not None and (year is None or number_year(numbered_id) == year):
            out.append(Resolved(ref, numbered_id, "resolved", year, name, nested, via_alias=True))
            continue
        doc_id = alias_target.get(i) or (
            _find_alias(name, ref.certain, local, lookup) if ref.doc_type in _ALIASABLE else None
        )
        if doc_id is None and not ref.certain:
            out.append(Resolved(ref, None, "skipped", nested=nested))
            continue
        via_alias = doc_id is not None
        if doc_id is None:
            doc_id = document_id(None, year, ref.doc_type, name)
        if doc_id == own.id:
            out.append(Resolved(ref, doc_id, "self", year, name, nested))
            continue
        out.append(Resolved(ref, doc_id, "resolved", year, name, nested, via_alias))
    return Resolution(out, aliases)


# Named documents that a decision can carry ("phê duyệt Chiến lược …"); laws never are.
_ALIASABLE = frozenset(row.code for row in DOC_TYPE_TABLE if row.cited_by_name == "policy")
