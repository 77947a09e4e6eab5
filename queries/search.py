"""Finding documents from what a person types, ranked, and what they may have meant.

What an officer types is rarely a document's exact name: ``chuyen doi so quoc gia`` (no
diacritics, the middle of "Chương trình Chuyển đổi số quốc gia", which 749/QĐ-TTg approves),
``22/2013`` (the start of a số hiệu), ``749/QD-TTh`` (a typo). :func:`search` matches words in any
order and with or without diacritics, and ranks numbers by how well they match: a number that
starts with what was typed (``22/2013/QĐ-TTg``) before a name that merely mentions it
(``Hướng dẫn thực hiện Quyết định số 22/2013/QĐ-TTg``). :func:`suggest` offers the near misses
("Có phải bạn muốn tìm …") when nothing matches.

Only :class:`graph.store.GraphStore` methods are used, so both stores answer alike: a whole số
hiệu is an index look-up (``find_documents``, the ``number_key`` column); words are matched as
``store.documents()`` streams by, keeping only the documents that match (about 50 µs a document
on the samples' machine: half a second for 10,000). A store method over a word index (SQLite FTS5
beside ``name_key``; Neo4j's full-text index ``document_search``) would answer without reading
every document; it belongs in the stores, not here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from graph.identity import doc_type_from_number, fold_name, number_key, number_year
from graph.model import DOC_TYPES, RELATION_TYPES, Document
from graph.store import GraphStore

# A số hiệu inside what a user typed: digits, then parts joined by "/" or "-" ("749/QĐ-TTg",
# "18-NQ/TW", "43/2011/NĐ-CP", "01/TTLT-BTC-BLĐTBXH"). At least one part must hold a letter, so a
# period such as "Chiến lược 2021-2030" is not taken for a number.
_NUMBER = re.compile(r"(?<![\w/])\d+(?:\s*[/-]\s*[^\W_][\w&.]*)+")
# The start of a số hiệu, letters or not: "22/2013", "749", "01/CT".
_NUMBER_START = re.compile(r"(?<![\w/])\d+(?:\s*[/-]\s*[^\W_][\w&.]*)*")
_LETTER = re.compile(r"[^\W\d_]")
# A year typed beside a year-less number: "01/CT-BTTTT 2024", "01/CT-BTTTT năm 2024",
# "vn:01/CT-BTTTT@2024".
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

# The last word typed may be unfinished ("luat vien thon"): from this many letters it matches
# the words it starts ("thong"); one letter would match half the store.
PREFIX_MIN_CHARS = 2

# Equally good matches are ordered by how many documents cite them, so "22/2013" puts the
# decision four texts cite (22/2013/QĐ-TTg) before the decree one text cites (22/2013/NĐ-CP).
# Counting needs each one's citing edges: only this many tied leaders are counted.
CITED_TIEBREAK_MAX = 20

# Suggestions: how many, and how alike they must be (rapidfuzz scores, 0-100). A số hiệu is
# within one edit of the one typed (a digit swapped, "794/QĐ-TTg" for 749/QĐ-TTg; a letter,
# "749/QD-TTh"; Damerau-Levenshtein, 90), two for a long one ("22/2031/QĐ-TTh", 86), never
# three ("411/QĐ-TTg" for 749/QĐ-TTg: 70). A misspelt name ("luat vein thong") scores 93 against
# "luật viễn thông" (token-set ratio), two names of one kind ("luật viễn thông", "luật báo chí") 59.
SUGGESTIONS_SHOWN = 3
NUMBER_SIMILARITY = 85
NAME_SIMILARITY = 85

# Match tiers of a number, best first (see _number_tier).
_EXACT, _PREFIX, _INSIDE, _WORDS = range(4)


@dataclass(frozen=True, slots=True)
class Match:
    """A document found, and how well: lower tiers first (see :func:`rank`)."""

    document: Document
    number_tier: int  # 0 the whole số hiệu, 1 its start, 2 a part of it, 3 words only
    phrase_tier: int  # 0 the words typed appear together, in order, 1 scattered

    @property
    def key(self) -> tuple[int, int, bool]:
        return (self.number_tier, self.phrase_tier, self.document.is_stub)


def words(text: str) -> list[str]:
    """The folded words of ``text``: no case, diacritics or punctuation.

    >>> words("Quyết định 749/QĐ-TTg"), words("22/2013")
    (['quyet', 'dinh', '749', 'qd', 'ttg'], ['22', '2013'])
    """
    return [w for w in fold_name(text).split() if w != "-"]


def _names(document: Document, aliases: Iterable[str]) -> list[str]:
    """What a document is called: label, name, number, and every alias, in full."""
    implied = doc_type_from_number(document.number) if document.number else ""
    kinds = {DOC_TYPES.get(implied, ""), DOC_TYPES.get(document.doc_type, "")} - {""}
    numbered = [f"{kind} {document.number}" for kind in kinds] if document.number else []
    names = [document.label, document.name or "", *numbered, *document.aliases, *aliases]
    return [n for n in dict.fromkeys(names) if n]


def _number_tier(document: Document, typed: str | None) -> int:
    """How well the số hiệu typed (``typed``, folded by :func:`number_key`) matches the document's:
    all of it, its start ("22/2013" of 22/2013/QĐ-TTg), a whole part of it, or not at all."""
    if not typed or not document.number:
        return _WORDS
    own = number_key(document.number)
    if own == typed:
        return _EXACT
    if own.startswith((typed + "/", typed + "-")):
        return _PREFIX
    if re.search(rf"(?:^|[/-]){re.escape(typed)}(?:$|[/-])", own):
        return _INSIDE
    return _WORDS


def _contains(haystack: set[str], wanted: list[str]) -> bool:
    """Every word wanted is a word of the haystack; the last may be the start of one."""
    *whole, last = wanted
    if any(w not in haystack for w in whole):
        return False
    if last in haystack:
        return True
    return len(last) >= PREFIX_MIN_CHARS and any(h.startswith(last) for h in haystack)


def _alias_names(store: GraphStore) -> dict[str, list[str]]:
    """The names texts taught for each document (``Chương trình Chuyển đổi số quốc gia`` for
    749/QĐ-TTg): its :attr:`Document.aliases` may not hold them."""
    found: dict[str, list[str]] = {}
    for alias in store.aliases():
        found.setdefault(alias.doc_id, []).append(alias.name)
    return found


def _matches(store: GraphStore, text: str) -> Iterator[Match]:
    """Every document holding all the words of ``text``, with its tiers."""
    wanted = words(text)
    if not wanted:
        return
    phrase = " ".join(wanted)
    start = _NUMBER_START.search(text)
    typed = number_key(start.group(0)) if start else None
    taught = _alias_names(store)
    for document in store.documents():
        raw = _names(document, taught.get(document.id, ()))
        # One fold of all the names decides most documents (they lack a word); the names one by
        # one only for those that match, to see whether the words come together.
        if not _contains(set(words(" ".join(raw))), wanted):
            continue
        names = [" ".join(words(n)) for n in raw]
        together = any(re.search(rf"(?:^| ){re.escape(phrase)}", n) for n in names)
        yield Match(document, _number_tier(document, typed), 0 if together else 1)


def _citing(store: GraphStore, doc_ids: list[str]) -> dict[str, int]:
    """How many distinct documents cite each of these (one round trip)."""
    edges = store.edges_of_many(doc_ids, "in", sorted(RELATION_TYPES))
    return {i: len({e.source for e in edges[i]}) for i in doc_ids}


def rank(store: GraphStore, found: Iterable[Match]) -> list[Document]:
    """Best match first: the number tier, then the words together, then loaded texts before
    stubs, then the label; the leaders that tie on all that, by how many documents cite them."""
    ordered = sorted(found, key=lambda m: (*m.key, m.document.label, m.document.id))
    if not ordered:
        return []
    tied = [m for m in ordered if m.key == ordered[0].key]
    if 1 < len(tied) <= CITED_TIEBREAK_MAX:
        cited = _citing(store, [m.document.id for m in tied])
        tied.sort(key=lambda m: -cited[m.document.id])  # stable: label order among equals
        ordered[: len(tied)] = tied
    return [m.document for m in ordered]


def _sort_key(document: Document) -> tuple[bool, str, str]:
    # Loaded documents before stubs: the text a user most likely means is one we have read.
    return (document.is_stub, document.label, document.id)


def _by_number(store: GraphStore, text: str, number: re.Match[str]) -> list[Document]:
    """The documents of the whole số hiệu typed, narrowed by a year typed beside it."""
    found = store.find_documents(number_key(number.group(0)))
    rest = text[: number.start()] + " " + text[number.end() :]
    year_match = _YEAR.search(rest)
    if year_match and number_year(number.group(0)) is None:
        year = int(year_match.group(0))
        dated = [d for d in found if d.year == year]
        # A year-less node ("01/NQ-CP" that nothing dated) may be the one meant.
        found = dated or [d for d in found if d.year is None]
    return sorted(found, key=_sort_key)


def search(store: GraphStore, text: str) -> tuple[list[Document], list[Document]]:
    """Documents matching ``text``, as (exact matches, partial matches), best first.

    Exact: the id itself, a whole số hiệu (in any spelling, narrowed by a year typed beside it),
    or a name or alias equal to ``text`` once folded. Partial: every folded word of ``text``, in
    any order, is a word of the document's label, name, number, type or aliases (the last word
    typed may be unfinished); ranked by :func:`rank`.

    >>> exact, partial = search(store, "chuyen doi so quoc gia")
    >>> [d.label for d in exact], [d.label for d in partial][:1]
    ([], ['Quyết định 749/QĐ-TTg (2020)'])
    """
    text = text.strip()
    if not text:
        return [], []
    document = store.document(text)
    if document is not None:
        return [document], []
    number = next((m for m in _NUMBER.finditer(text) if _LETTER.search(m.group(0))), None)
    if number is not None and (numbered := _by_number(store, text, number)):
        return numbered, []
    folded = fold_name(text)
    exact_ids = {a.doc_id for a in store.aliases(folded)}
    exact: list[Document] = []
    partial: list[Match] = []
    for match in _matches(store, text):
        doc = match.document
        if doc.id in exact_ids or folded in {fold_name(n) for n in (doc.label, doc.name) if n}:
            exact.append(doc)
        elif number is None:  # a whole số hiệu typed that no document has matches no words
            partial.append(match)
    missing = exact_ids - {d.id for d in exact}
    exact.extend(store.documents(sorted(missing)))
    return sorted(exact, key=_sort_key), rank(store, partial)


def suggest(store: GraphStore, text: str, limit: int = SUGGESTIONS_SHOWN) -> list[Document]:
    """What the user may have meant when :func:`search` finds nothing: documents whose số hiệu
    (for a number typed) or name (for words) is close to ``text``, closest first.

    A số hiệu is compared whole, folded (``749/QD-TTh`` ~ ``749/QD-TTG``, ``794/QĐ-TTg`` ~
    ``749/QĐ-TTg``); words in any order (rapidfuzz's token-set ratio), a misspelt word still
    close (``luat vein thong`` ~ ``Luật Viễn thông``).

    >>> [d.label for d in suggest(store, "749/QD-TTh")]
    ['Quyết định 749/QĐ-TTg (2020)']
    >>> [d.label for d in suggest(store, "luat vein thong")][:1]
    ['Luật Viễn thông (2023)']
    """
    text = text.strip()
    if not text:
        return []
    number = next((m for m in _NUMBER.finditer(text) if _LETTER.search(m.group(0))), None)
    if number is not None:
        scores = _close_numbers(store, number_key(number.group(0)))
    else:
        scores = _close_names(store, " ".join(words(text)))
    best = sorted(scores, key=lambda i: (-scores[i][0], scores[i][1], i))[:limit]
    found = {d.id: d for d in store.documents(best)}
    return [found[i] for i in best if i in found]


def _close_numbers(store: GraphStore, typed: str) -> dict[str, tuple[float, str]]:
    """Documents whose số hiệu is within a typo or two of ``typed``: id → (score, label)."""
    scores: dict[str, tuple[float, str]] = {}
    for document in store.documents():
        if document.number:
            own = number_key(document.number)
            score = 100 * DamerauLevenshtein.normalized_similarity(typed, own)
            if score >= NUMBER_SIMILARITY:
                scores[document.id] = (score, document.label)
    return scores


def _close_names(store: GraphStore, typed: str) -> dict[str, tuple[float, str]]:
    """Documents with a name close to the words ``typed``: id → (score, label)."""
    if len(typed) < PREFIX_MIN_CHARS:
        return {}
    taught = _alias_names(store)
    scores: dict[str, tuple[float, str]] = {}
    for document in store.documents():
        names = [" ".join(words(n)) for n in _names(document, taught.get(document.id, ()))]
        best = process.extractOne(
            typed, names, scorer=fuzz.token_set_ratio, score_cutoff=NAME_SIMILARITY
        )
        if best is not None:
            scores[document.id] = (best[1], document.label)
    return scores
