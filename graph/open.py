"""``open_store``: the one place the CLIs and the app turn a ``--store`` argument into a store."""

from __future__ import annotations

import os
from types import TracebackType
from typing import Protocol, Self

from graph.embedded import EmbeddedStore
from graph.store import GraphStore, StoreUnavailable

# `--store bolt://localhost:7687` names a Neo4j server, anything else a directory.
NEO4J_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


class OpenedStore(GraphStore, Protocol):
    """A :class:`GraphStore` that closes itself at the end of a ``with`` block."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


def open_store(path: str | os.PathLike[str], *, create: bool = True) -> OpenedStore:
    """The store ``path`` names: for now always the embedded store in that directory.

    With ``create=False`` a directory that holds no store raises :class:`StoreUnavailable`
    (``python -m graph stats --store data/grpah`` must not report an empty graph).

    Examples
    --------
    >>> import tempfile
    >>> with open_store(tempfile.mkdtemp()) as store:
    ...     store.stats().edges
    0
    """
    if str(path).startswith(NEO4J_SCHEMES):
        raise StoreUnavailable(f"{path}: Neo4j stores cannot be opened from the command line yet")
    return EmbeddedStore(path, create=create)
