"""What citing texts say about a document, and the one rule that turns it into the node's fields.

A document known only because texts cite it (a *stub*) has no text of its own to say its date or
its name: each citing text says something ("Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng
Chính phủ", or only "Quyết định 749"). What a text says of a document is its *claim*; a store
keeps, on each document, how many loaded texts claim each value of each field (the *tally*), and
the node's fields are a pure function of that tally and, for a loaded document, of what its own
text says (issue 13: the graph is the same whatever order the texts were loaded in, and a stub's
date does not outlive the text that gave it).

The rule, for every field the document's own text leaves empty: the value the most citing texts
give; between values given equally often, the smallest (for ISO dates, the earliest; a year, the
lowest). Aliases are all the names any citing text gave, after the text's own, in sorted order.

Examples
--------
>>> a = Document("vn:749/QD-TTG@2020", "decision", "749/QĐ-TTg", 2020, issued_date="2020-06-03")
>>> b = Document("vn:749/QD-TTG@2020", "decision", "749/QĐ-TTg", 2020, issued_date="2020-06-30")
>>> tally = count({}, claim_of(a), +1)
>>> tally = count(tally, claim_of(b), +1)
>>> settle("vn:749/QD-TTG@2020", tally).issued_date  # one text each: the earlier
'2020-06-03'
>>> tally = count(tally, claim_of(b), +1)
>>> settle("vn:749/QD-TTG@2020", tally).issued_date  # two texts say the 30th
'2020-06-30'
>>> settle("vn:749/QD-TTG@2020", count(tally, claim_of(b), -2)).issued_date
'2020-06-03'
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, cast

from graph.model import Document, TextGraph, node_from_dict, node_to_dict

# field -> {value as JSON text -> number of loaded texts that claim it}
Tally = dict[str, dict[str, int]]
# field -> value, only the fields a text says something about ("aliases": a list of names)
Claim = dict[str, Any]

# Fields a citing text can claim; `id` is what the claim is about, `source_path` is never claimed.
CLAIMED_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(Document) if f.name not in ("id", "source_path")
)


def claim_of(doc: Document) -> Claim:
    """What a citing text says of ``doc``: its non-empty fields (an ``unknown`` type says nothing).

    >>> claim_of(Document("vn:x", "decree", "1/2020/NĐ-CP", 2020, aliases=("Nghị định 1",)))
    {'doc_type': 'decree', 'number': '1/2020/NĐ-CP', 'year': 2020, 'aliases': ['Nghị định 1']}
    """
    claim: Claim = {}
    for name in CLAIMED_FIELDS:
        value = getattr(doc, name)
        if name == "aliases":
            if value:
                claim[name] = sorted(set(value))
        elif name == "doc_type":
            if value != "unknown":
                claim[name] = value
        elif value is not None:
            claim[name] = value
    return claim


def text_claims(text: TextGraph) -> dict[str, Claim]:
    """What ``text`` claims of each document it cites (a text naming itself claims nothing)."""
    own = text.document.id
    return {doc.id: claim_of(doc) for doc in text.cited if doc.id != own}


# json.dumps(value, ensure_ascii=False) of a string is this function's result (it is what the
# encoder calls for one); json.dumps builds an encoder per call, and a group of 100 texts counts
# some 7,000 values ("Luật Tổ chức Chính phủ" alone, its name and aliases, 40 times).
_encode_string = json.encoder.encode_basestring


def _key(value: Any) -> str:
    """A claimed value as a tally's key: its JSON text, as ``json.dumps(value,
    ensure_ascii=False)`` writes it.

    >>> _key("Nghị định 43/2011/NĐ-CP"), _key(2011), _key(None)
    ('"Nghị định 43/2011/NĐ-CP"', '2011', 'null')
    """
    kind = type(value)
    if kind is str:
        return _encode_string(value)
    if kind is int:  # (not bool, which json writes as true / false)
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False)


# Distinct values a write settles from their keys: a load sees each name, date and year again and
# again, in text after text.
KEYS_DECODED = 65536


@functools.lru_cache(maxsize=KEYS_DECODED)
def _value(key: str) -> Any:
    """Inverse of :func:`_key`, kept for the next time (a key's value is a string or a number,
    never shared mutable state)."""
    return json.loads(key)


def count(tally: Mapping[str, Mapping[str, int]], claim: Claim, step: int) -> Tally:
    """A new tally with ``claim`` counted ``step`` times (negative: a text that said it is gone).

    Counts never go below zero, and values no text claims any more leave the tally.

    >>> count({}, {"issued_date": "2020-06-03", "aliases": ["A", "B"]}, +1)
    {'issued_date': {'"2020-06-03"': 1}, 'aliases': {'"A"': 1, '"B"': 1}}
    >>> count({"issued_date": {'"2020-06-03"': 1}}, {"issued_date": "2020-06-03"}, -1)
    {}
    """
    # The fields the claim leaves alone are shared with ``tally``, not copied (a tally is never
    # changed in place: each field counted is a new dict): a group of 100 texts restates "Luật
    # Tổ chức Chính phủ" 40 times, and copied its tally of 200 names 40 times.
    out = cast(Tally, dict(tally))
    for name, value in claim.items():
        values = value if name == "aliases" else [value]
        counts = dict(out.get(name, ()))
        for one in values:
            key = _key(one)
            left = counts.get(key, 0) + step
            if left > 0:
                counts[key] = left
            else:
                counts.pop(key, None)
        if counts:
            out[name] = counts
        else:
            out.pop(name, None)
    return out


def _winner(counts: Mapping[str, int]) -> Any:
    # the most claimed value; ties to the smallest (an ISO date: the earliest)
    if len(counts) == 1:  # what one text, or every text, says
        (key,) = counts
        return _value(key)
    best = min(counts.items(), key=lambda item: (-item[1], _order(_value(item[0]))))
    return _value(best[0])


def _order(value: Any) -> tuple[int, Any]:
    return (0, value) if isinstance(value, int) else (1, str(value))


def settle(
    doc_id: str, tally: Mapping[str, Mapping[str, int]], own: Document | None = None
) -> Document:
    """The node of ``doc_id``: ``own`` (the document as its loaded text says, if loaded) with every
    field it leaves empty taken from the tally; a stub (``own`` None) is the tally alone.

    >>> own = Document("vn:1/2020/ND-CP@2020", "decree", "1/2020/NĐ-CP", 2020, name="Nghị định",
    ...                source_path="nd1.txt")
    >>> tally = count({}, {"name": "Nghị định về X", "issued_date": "2020-01-02"}, +1)
    >>> node = settle(own.id, tally, own)
    >>> node.name, node.issued_date, node.source_path
    ('Nghị định', '2020-01-02', 'nd1.txt')
    """
    claimed: dict[str, Any] = {}
    for name, counts in tally.items():
        if name not in CLAIMED_FIELDS or not counts:
            continue
        if name == "aliases":
            claimed[name] = tuple(sorted(_value(key) for key in counts))
        else:
            claimed[name] = _winner(counts)
    if own is None:
        return Document(id=doc_id, **claimed)
    changes: dict[str, Any] = {}
    for name, value in claimed.items():
        mine = getattr(own, name)
        if name == "aliases":
            merged = tuple(dict.fromkeys((*mine, *value)))
            if merged != mine:
                changes[name] = merged
        elif name == "doc_type":
            if mine == "unknown":
                changes[name] = value
        elif mine is None:
            changes[name] = value
    return replace(own, **changes) if changes else own


@dataclass(frozen=True, slots=True)
class StoredClaims:
    """What a store keeps to restate its documents, as stored (JSON texts, :func:`dumps`): each
    document's tally and, if loaded, own fields, and each text's claims. Carried along when a
    store is copied into another (``graph.export.store_to_csv``)."""

    tallies: dict[str, str] = field(default_factory=dict)  # doc id -> tally
    owns: dict[str, str] = field(default_factory=dict)  # doc id -> own fields
    said: dict[str, str] = field(default_factory=dict)  # source path -> claims


# What a store holds of a document for :func:`recount`: its tally and own fields, None when it has
# no node of that id; a node of another kind raises ValueError.
Stored = Callable[[str], tuple[Mapping[str, Mapping[str, int]], Document | None] | None]


def retally(
    unsaid: Mapping[str, Claim],
    said: Mapping[str, Claim],
    owns: Mapping[str, Document | None],
    stored: Stored,
) -> Iterator[tuple[str, Tally, Document | None]]:
    """The documents one text's write touches: (id, new tally, own fields) of each, in id order.

    The text's old claims (``unsaid``) leave their tallies and its new ones (``said``) enter
    them; the documents of ``owns`` get those own fields (None: no text of their own any more).
    A cited document the store has no node of yet is created; one that is gone and that the
    text no longer names is left alone. The node is ``settle(id, tally, own)``, a pure function
    of the two: a store writing many texts at once may settle each document once, after the
    last of them (:func:`recount` settles after each).
    """
    for doc_id in sorted({*unsaid, *said, *owns}):
        found = stored(doc_id)
        if found is None and doc_id not in said and owns.get(doc_id) is None:
            continue  # gone already: nothing to restate
        tally, kept = found if found is not None else ({}, None)
        own = owns.get(doc_id, kept)  # None in owns: no text of its own any more
        new = count(tally, unsaid.get(doc_id) or {}, -1)
        if doc_id in said:
            new = count(new, said[doc_id], +1)
        yield doc_id, new, own


def recount(
    unsaid: Mapping[str, Claim],
    said: Mapping[str, Claim],
    owns: Mapping[str, Document | None],
    stored: Stored,
) -> Iterator[tuple[Document, Tally, Document | None]]:
    """The documents one text's write touches, restated, for a store to write back: (node,
    tally, own fields) of each, in id order (:func:`retally`, each settled). Both stores write
    with these, so they cannot drift.
    """
    for doc_id, tally, own in retally(unsaid, said, owns, stored):
        yield settle(doc_id, tally, own), tally, own


def own_json(doc: Document | None) -> str | None:
    """A loaded document as its own text says it, as stored beside the tally (None: a stub)."""
    if doc is None:
        return None
    return json.dumps(node_to_dict(doc), ensure_ascii=False, sort_keys=True)


# Own fields a store keeps decoded: a loaded document is read again by each group of texts that
# cites it (a Luật cited by most texts of a load: once a group).
OWNS_DECODED = 4096


@functools.lru_cache(maxsize=OWNS_DECODED)
def own_from_json(stored: str | None) -> Document | None:
    """Inverse of :func:`own_json` (a document is frozen: the same one is handed out again for
    the same JSON)."""
    if not stored:
        return None
    node = node_from_dict(json.loads(stored))
    return node if isinstance(node, Document) else None


def dumps(value: Mapping[str, Any]) -> str | None:
    """A tally or a text's claims as stored (JSON with sorted keys; None when empty).

    >>> dumps({}) is None, dumps({"b": 1, "a": 2})
    (True, '{"a": 2, "b": 1}')
    """
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None


def loads(stored: str | None) -> dict[str, Any]:
    """Inverse of :func:`dumps`."""
    return json.loads(stored) if stored else {}
