"""One node per document, one text of record: copies and other files of a document.

An officer's folder holds ``chi_thi.txt`` and ``chi_thi (1).txt``, and a decision both as the
thuvienphapluat page and as the ``.docx`` the ministry mailed. Loading each as a text of its own
counted the document ten times (Chỉ thị 01/CT-BTTTT with 230 tasks instead of 23). Before a group
of texts is written, :func:`arbitrate` decides, against the store and the texts before it in the
batch:

- a text whose cleaned content is that of a loaded text (:func:`graph.identity.content_digest`)
  is an exact **copy**: reported ``unchanged: copy of FILE``, nothing written;
- a text of a document that another file is the text of record of (same id: type, số hiệu,
  year) is **the same document** if nothing says otherwise (:func:`conflict`: same issuer, same
  title, most of its wording): the better one by
  :func:`keep_rank` is the text of record, the other is recorded as one more source of it
  (``TextGraph.same_as``) with its content and contributes nothing;
- two texts that claim one identity but are not one document (:func:`conflict`: two provinces'
  Quyết định 1397/QĐ-UBND of 2021, a number misread in one of them) are a **conflict**: the later
  one fails with a message naming both files, and nothing of it is written. Never merged
  silently: a missed merge is a line to read, a wrong one would hide a document.

The store keeps the invariant (one text of record per document, see
:meth:`graph.store.GraphStore.write_text`); this module makes the choices.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from graph.identity import fold_name, strip_diacritics
from graph.model import DOC_TYPES, Document, TextGraph
from graph.store import GraphStore, TextRecord, WriteResult

# Word n-grams compared between two texts of one document. Three words are enough that two
# different decisions of one province do not share them by their boilerplate alone ("Căn cứ Luật
# Tổ chức chính quyền địa phương" is one sentence, a handful of 3-grams), and few enough that OCR
# noise ("Ngân hằng" for "Ngân hàng") spoils only the three n-grams around each bad word.
SHINGLE_WORDS = 3

# The share of the longer text's word 3-grams that the other must hold for the two to be one
# document's texts. Measured: the .html, .docx, .doc, RTF and text-layer PDF of seed 000 share
# 97-99.6% with its .txt, the real scan of Quyết định 25/QĐ-TTg read by OCR 91% with a hand
# transcription. Between 1,128 pairs of different real documents (seeds, dev, dev2,
# formats) the median is 3%, but two thuvienphapluat dumps of Hà Tĩnh decisions, full of the
# same site text, share 87%: wording alone cannot tell such texts apart, so issuer and title are
# compared first (:func:`conflict`), and this catches a number misread onto another text.
SAME_DOCUMENT_MIN_SHARED = 0.5

_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[tuple[str, ...]]:
    """The word 3-grams of a text, folded (no case, no diacritics): what :func:`shared_share`
    compares.

    >>> sorted(shingles("Căn cứ Luật Tổ chức"))
    [('can', 'cu', 'luat'), ('cu', 'luat', 'to'), ('luat', 'to', 'chuc')]
    """
    words = _WORD.findall(strip_diacritics(text).lower())
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def shared_share(a: str, b: str) -> float:
    """The share of the longer text's word 3-grams found in the other: high only when each text
    holds most of the other (a text that merely contains another, plus a 60-page one, is not it).

    >>> shared_share("Căn cứ Luật Tổ chức Chính phủ", "căn cứ luật tổ chức chính phủ;")
    1.0
    >>> shared_share("Căn cứ Luật Tổ chức Chính phủ", "Bãi bỏ Quyết định số 09/2022")
    0.0
    """
    first, second = shingles(a), shingles(b)
    if not first or not second:
        return 1.0 if first == second else 0.0
    return len(first & second) / max(len(first), len(second))


# The share of the shorter title's words that the other title must hold. Two files of one
# decision name it alike, give or take the type word and the number a web page puts in front
# ("Quyết định 2083/QĐ-UBND năm 2016 công bố …" / "Về việc công bố …") and OCR's broken words
# ("Sửa đối Quyết định …"); two decisions that happen to share a number are about other things.
TITLE_MIN_SHARED_WORDS = 0.7


def conflict(document: Document, content: str, other: Document, other_content: str) -> str | None:
    """Why two texts that claim one identity (type, số hiệu, year) are not one document, or None
    when they are: their issuers differ (DESIGN.md: a document is its type, số hiệu, year *and*
    issuer; UBND numbers restart with each province), their titles differ, or their wording
    does (:func:`shared_share`: a number misread on a text with no title).

    >>> a = Document("vn:1397/QD-UBND@2021", "decision", issuer="Ủy ban nhân dân tỉnh Nam Định")
    >>> b = Document("vn:1397/QD-UBND@2021", "decision", issuer="Ủy ban nhân dân tỉnh Bình Định")
    >>> conflict(a, "…", b, "…")
    'issued by Ủy ban nhân dân tỉnh Nam Định, not Ủy ban nhân dân tỉnh Bình Định'
    """
    if document.issuer and other.issuer:
        mine, theirs = fold_name(document.issuer), fold_name(other.issuer)
        if mine not in theirs and theirs not in mine:
            return f"issued by {document.issuer}, not {other.issuer}"
    if document.name and other.name:
        share = _shared_words(document.name, other.name)
        if share < TITLE_MIN_SHARED_WORDS:
            return f"titled “{document.name}”, not “{other.name}”"
    share = shared_share(content, other_content)
    if share < SAME_DOCUMENT_MIN_SHARED:
        return f"the two texts share only {share:.0%} of their wording"
    return None


def _shared_words(a: str, b: str) -> float:
    first, second = set(fold_name(a).split()), set(fold_name(b).split())
    if not first or not second:
        return 1.0
    return len(first & second) / min(len(first), len(second))


def keep_rank(text: TextGraph) -> tuple[int, int, int]:
    """Which of two files of one document is its text of record: the one of higher rank.

    1. a typed text over one read by OCR (a scan's digits are guesses);
    2. the one whose header gave more of the document's identity (its date, issuer, signer and
       title: a ``.docx`` with its header table over a page that lost it);
    3. the longer text (more of the document: its annexes, its tables).

    On a tie the text of record stays what it was (or, in one batch, the first in file order).
    """
    doc = text.document
    header = sum(v is not None for v in (doc.issued_date, doc.issuer, doc.signer, doc.name))
    return (0 if text.ocr else 1, header, len(text.content))


@dataclass(slots=True)
class _Holder:
    """The text of record of a document as the arbitration goes: stored, or earlier in the
    batch (``text``)."""

    path: str
    document: Document
    content: str
    rank: tuple[int, int, int]
    text: TextGraph | None = None


@dataclass(slots=True)
class Arbitration:
    """What :func:`arbitrate` decided for a group of texts."""

    texts: list[TextGraph] = field(default_factory=list)  # to write, some with same_as set
    copies: list[WriteResult] = field(default_factory=list)  # exact copies: nothing to write
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (path, problem)
    # The texts of record this batch takes over from (path → the text that takes over).
    takes_over: dict[str, str] = field(default_factory=dict)
    # Documents whose text of record is now another document's or a copy: if other files of
    # them are recorded, one of those must become their text of record (loader.pipeline.promote).
    released: set[str] = field(default_factory=set)


def arbitrate(store: GraphStore, texts: Sequence[TextGraph]) -> Arbitration:
    """Decide, for freshly extracted texts in file order, which to write as texts of record,
    which as further sources of a document, which are copies and which conflict (see the
    module). Four round trips to the store for the whole group."""
    done = Arbitration()
    if not texts:
        return done
    by_content = store.texts_with_content({t.content_sha256 for t in texts})
    by_doc = store.sources({t.document.id for t in texts})
    stored_holders = {
        doc_id: records[0]
        for doc_id, records in by_doc.items()
        if records and records[0].same_as is None
    }
    contents = store.text_contents(r.source_path for r in stored_holders.values())
    documents = {d.id: d for d in store.documents(stored_holders)}
    holders: dict[str, _Holder] = {}
    for doc_id, kept in stored_holders.items():
        if kept.source_path in contents and doc_id in documents:
            content = contents[kept.source_path]
            document = documents[doc_id]
            rank = _stored_rank(kept, document, content)
            holders[doc_id] = _Holder(kept.source_path, document, content, rank)
    records = store.text_records(t.source_path for t in texts)
    seen: dict[str, TextGraph] = {}  # content digest → the first text of this batch with it
    for text in texts:
        path = text.source_path
        record = records.get(path)
        if record is not None and record.same_as is None and record.doc_id != text.document.id:
            done.released.add(record.doc_id)
        copy = _copy_of(text, by_content.get(text.content_sha256, ()), seen)
        if copy is not None:
            copy_path, doc_id, of_record = copy
            if record is None:
                done.copies.append(WriteResult(path, doc_id, unchanged=True, copy_of=copy_path))
                continue
            # Loaded before with other content, now a copy of another file: what it asserted
            # goes, and it stays recorded as a source of that file's document.
            if record.same_as is None:
                done.released.add(record.doc_id)
            text.same_as = of_record
            done.texts.append(text)
            continue
        seen.setdefault(text.content_sha256, text)
        holder = holders.get(text.document.id)
        if holder is None or holder.path == path:
            _keep(done, holders, text)
            continue
        why = conflict(text.document, text.content, holder.document, holder.content)
        if why is not None:
            done.conflicts.append((path, conflict_message(text.document, holder.path, why)))
            continue
        if keep_rank(text) > holder.rank:
            if holder.text is not None:  # earlier in this batch: now one of this text's sources
                holder.text.same_as = path
                done.texts.remove(holder.text)
                for old, new in done.takes_over.items():
                    if new == holder.path:
                        done.takes_over[old] = path
            else:
                done.takes_over[holder.path] = path
            _keep(done, holders, text)
            if holder.text is not None:
                done.texts.append(holder.text)
        else:
            text.same_as = holder.path
            done.texts.append(text)
    return done


def _keep(done: Arbitration, holders: dict[str, _Holder], text: TextGraph) -> None:
    text.same_as = None
    done.texts.append(text)
    holders[text.document.id] = _Holder(
        text.source_path, text.document, text.content, keep_rank(text), text
    )


def _copy_of(
    text: TextGraph, stored: Iterable[TextRecord], seen: dict[str, TextGraph]
) -> tuple[str, str, str] | None:
    """The loaded text ``text`` is an exact copy of, if any: (its path, its document id, the
    path of that document's text of record)."""
    for record in stored:
        if record.source_path != text.source_path:
            return record.source_path, record.doc_id, record.same_as or record.source_path
    earlier = seen.get(text.content_sha256)
    if earlier is not None and earlier.source_path != text.source_path:
        of_record = earlier.same_as or earlier.source_path
        return earlier.source_path, earlier.document.id, of_record
    return None


def _stored_rank(record: TextRecord, document: Document, content: str) -> tuple[int, int, int]:
    """:func:`keep_rank` of a stored text of record, from its record, node and content."""
    header = sum(
        v is not None
        for v in (document.issued_date, document.issuer, document.signer, document.name)
    )
    return (0 if record.ocr else 1, header, len(content))


def conflict_message(document: Document, other: str, why: str) -> str:
    """Why a text was not merged with the text of record of the document it claims to be."""
    kind = DOC_TYPES.get(document.doc_type, document.doc_type)
    named = document.label if document.number else f"{kind} {document.id}"
    return (
        f"claims to be {named}, already loaded from {other}, but is not the same document "
        f"({why}): not merged. Two documents with one số hiệu, or a number misread in one of "
        "them? Check the số hiệu, or remove the other file first (python -m loader remove)"
    )
