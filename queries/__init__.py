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
from queries.search import suggest
from queries.tasks import (
    Dependency,
    DocumentDependencies,
    Replacement,
    StaleGroup,
    TaskDependencies,
    TaskImpact,
    TaskRow,
    dependent_tasks,
    document_dependencies,
    find_tasks,
    group_stale,
    stale_tasks,
    task_dependencies,
    tasks_by_agency,
    tasks_by_field,
    tasks_due,
    tasks_of_document,
)
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
    "Dependency",
    "DocumentDependencies",
    "DocumentStatus",
    "Hop",
    "InvalidArgument",
    "Param",
    "Query",
    "QueryError",
    "Replacement",
    "StaleGroup",
    "Subgraph",
    "SupersessionChain",
    "TaskDependencies",
    "TaskImpact",
    "TaskRow",
    "UnknownDocument",
    "UnknownRelation",
    "cited_by",
    "cites",
    "dependent_tasks",
    "document_dependencies",
    "find",
    "find_tasks",
    "group_stale",
    "most_cited",
    "neighbourhood",
    "path",
    "query",
    "resolve",
    "stale_tasks",
    "status",
    "suggest",
    "supersession_chain",
    "task_dependencies",
    "tasks_by_agency",
    "tasks_by_field",
    "tasks_due",
    "tasks_of_document",
]
