"""ISSUED_BY: who issued the text's own document and each document it cites.

The issuer is the one a text names ("Cơ quan ban hành: Bộ Thông tin và Truyền thông", "… ngày
05/01/2024 của Chính phủ") or, failing that, the one the symbol says (``749/QĐ-TTg`` → Thủ tướng
Chính phủ, :func:`loader.agencies.issuer_from_number`). A joint issuer ("Liên Bộ …") is nobody's
in particular.
"""

from __future__ import annotations

from graph.model import Agency, Document, Edge, TaskEdgeType
from loader.agencies import agency_node, issuer_from_number
from loader.parse import ParsedText
from loader.relate import EVIDENCE_MAX, Citations
from loader.text import shorten

# Confidence of each way an issuer is known.
CONFIDENCE: dict[str, float] = {
    "issuer_named": 0.9,  # "Cơ quan ban hành: Bộ Thông tin và Truyền thông"
    "issuer_symbol": 0.8,  # "749/QĐ-TTg" → Thủ tướng Chính phủ
}


def issued_by(parsed: ParsedText, citations: Citations) -> tuple[list[Edge], list[Agency]]:
    """ISSUED_BY from the text's own document and from cited documents whose issuer is known
    (named beside the reference, or read from the symbol), and the issuers' nodes."""
    own = parsed.document
    origin = parsed.source.path
    edges: list[Edge] = []
    nodes: list[Agency] = []
    evidence = {e.target: e for e in citations.edges if e.source == own.id}
    own_span = parsed.own_spans[0] if parsed.own_spans else (0, 0)
    candidates: list[tuple[Document, tuple[int, int], str]] = [
        (own, own_span, own.number or own.issuer or "")
    ]
    for doc in citations.cited:
        cited = evidence.get(doc.id)
        span = (cited.start, cited.end) if cited else (0, 0)
        candidates.append((doc, span, cited.evidence if cited else doc.number or ""))
    seen: set[str] = set()
    for doc, (start, end), said in candidates:
        if doc.id in seen:
            continue
        seen.add(doc.id)
        named = doc.issuer if doc.issuer and not doc.issuer.startswith("Liên ") else None
        issuer = named or issuer_from_number(doc.number)
        node = agency_node(issuer) if issuer else None
        if node is None:
            continue
        nodes.append(node)
        how = "issuer_named" if named else "issuer_symbol"
        edges.append(
            Edge(
                source=doc.id,
                target=node.id,
                type=str(TaskEdgeType.ISSUED_BY),
                evidence=shorten(said or issuer or "", EVIDENCE_MAX),
                start=start,
                end=end,
                confidence=CONFIDENCE[how],
                origin=origin,
            )
        )
    return edges, nodes
