"""Named queries over any graph store, in one registry the CLI and the app build menus from.

>>> from queries import REGISTRY
>>> REGISTRY["cites"].summary
'What a document cites, grouped by relation, each with its evidence sentence.'
"""

from queries.documents import (
    Citation,
    CitationCount,
    DocumentStatus,
    cited_by,
    cites,
    find,
    most_cited,
    resolve,
    status,
)
from queries.errors import (
    AmbiguousDocument,
    InvalidArgument,
    QueryError,
    UnknownDocument,
    UnknownRelation,
)
from queries.registry import REGISTRY, Param, Query, query
from queries.traversal import (
    Hop,
    Subgraph,
    SupersessionChain,
    neighbourhood,
    path,
    supersession_chain,
)

__all__ = [
    "REGISTRY",
    "AmbiguousDocument",
    "Citation",
    "CitationCount",
    "DocumentStatus",
    "Hop",
    "InvalidArgument",
    "Param",
    "Query",
    "QueryError",
    "Subgraph",
    "SupersessionChain",
    "UnknownDocument",
    "UnknownRelation",
    "cited_by",
    "cites",
    "find",
    "most_cited",
    "neighbourhood",
    "path",
    "query",
    "resolve",
    "status",
    "supersession_chain",
]
