"""The derived status of a document (DESIGN.md: supersession edges set the status of their target).

One rule, used by every store's export and by :mod:`queries`, so the app, the CLI and the JSON
export never disagree on whether ``Nghị định 43/2011/NĐ-CP`` is still in force.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.model import (
    STATUS_IN_FORCE,
    STATUS_NOT_IN_FORCE,
    STATUS_UNKNOWN,
    Document,
    RelationType,
)

# Incoming edges that end a document's force. "Nghị định 42/2022/NĐ-CP thay thế Nghị định
# 43/2011/NĐ-CP" (REPLACES) and "bãi bỏ Quyết định 1819/QĐ-TTg" (REPEALS) do; AMENDS does not:
# a decree amended by "sửa đổi, bổ sung một số điều" is still in force, in its amended wording.
SUPERSEDING_TYPES: frozenset[str] = frozenset({RelationType.REPLACES, RelationType.REPEALS})


def derive_status(document: Document, incoming_types: Iterable[str]) -> str:
    """Status of ``document`` given the types of the edges that enter it.

    Parameters
    ----------
    document : Document
        The node; a stub (``source_path`` None) is one whose text the store has not seen.
    incoming_types : iterable of str
        The ``type`` of every edge whose target is the document.

    Returns
    -------
    str
        ``Hết hiệu lực`` if something replaces or repeals it; else ``Còn hiệu lực`` for a loaded
        document and ``Chưa rõ`` for a stub, whose text nobody has read.

    Examples
    --------
    >>> derive_status(Document("vn:43/2011/ND-CP", source_path="43.txt"), ["CITES", "REPLACES"])
    'Hết hiệu lực'
    >>> derive_status(Document("vn:43/2011/ND-CP", source_path="43.txt"), ["AMENDS"])
    'Còn hiệu lực'
    >>> derive_status(Document("vn:749/QD-TTG@2020"), ["BASED_ON"])
    'Chưa rõ'
    """
    if any(kind in SUPERSEDING_TYPES for kind in incoming_types):
        return STATUS_NOT_IN_FORCE
    return STATUS_UNKNOWN if document.is_stub else STATUS_IN_FORCE
