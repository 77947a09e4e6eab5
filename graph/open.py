"""``open_store``: the one place the CLIs and the app turn a ``--store`` / ``--neo4j`` argument
(or the app's settings) into a store."""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self

from graph.embedded import DB_FILENAME, EmbeddedStore
from graph.store import GraphStore, StoreUnavailable

if TYPE_CHECKING:
    from graph.neo4j_store import Neo4jSettings

# `--store bolt://localhost:7687` names a Neo4j server, anything else a directory.
NEO4J_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")

# Any other scheme ("http://", "https://", "file://"): never a store directory.
_OTHER_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

# The --neo4j option of the three CLIs.
NEO4J_HELP = (
    "use the Neo4j server at URI (bolt://localhost:7687, neo4j+s://ID.databases.neo4j.io) "
    "instead of --store; user, password and database from NEO4J_USERNAME, NEO4J_PASSWORD and "
    "NEO4J_DATABASE (default neo4j)"
)


class OpenedStore(GraphStore, Protocol):
    """A :class:`GraphStore` that closes itself at the end of a ``with`` block."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


def is_neo4j_uri(target: str | os.PathLike[str]) -> bool:
    """Whether ``target`` names a Neo4j server rather than a directory.

    >>> is_neo4j_uri("neo4j+s://abcd1234.databases.neo4j.io"), is_neo4j_uri("data/graph")
    (True, False)
    """
    return str(target).startswith(NEO4J_SCHEMES)


def store_missing(target: str | os.PathLike[str]) -> bool:
    """Whether ``target`` names a directory holding no embedded store yet: what
    ``open_store(target, create=False)`` refuses, and the app answers with how to build one.

    >>> import tempfile
    >>> store_missing(tempfile.mkdtemp()), store_missing("bolt://localhost:7687")
    (True, False)
    """
    if is_neo4j_uri(target) or _OTHER_URI.match(str(target)):
        return False
    return not (Path(target) / DB_FILENAME).is_file()


def open_store(
    target: str | os.PathLike[str] | Neo4jSettings, *, create: bool = True
) -> OpenedStore:
    """The store ``target`` names: an embedded store directory, a Neo4j URI, or Neo4j settings.

    A URI (``bolt://localhost:7687``, ``neo4j+s://….databases.neo4j.io``) takes the user name,
    password and database from ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``;
    :class:`graph.neo4j_store.Neo4jSettings` give them explicitly (the app's secrets). With
    ``create=False`` a directory that holds no store raises :class:`StoreUnavailable`
    (``python -m graph stats --store data/grpah`` must not report an empty graph), and a Neo4j
    database is only read (no schema set up). An unreachable server, refused credentials or a
    missing database raise :class:`StoreUnavailable` subclasses with a message saying which.

    Examples
    --------
    >>> import tempfile
    >>> with open_store(tempfile.mkdtemp()) as store:
    ...     store.stats().edges
    0
    """
    if not isinstance(target, str | os.PathLike):
        from graph.neo4j_store import connect

        return connect(target, create=create)
    if is_neo4j_uri(target):
        from graph.neo4j_store import Neo4jSettings, connect

        return connect(Neo4jSettings.from_env(uri=str(target)), create=create)
    if _OTHER_URI.match(str(target)):
        # "--neo4j http://127.0.0.1:7687" wrote a new SQLite store under ./http:/127.0.0.1:7687.
        raise StoreUnavailable(
            f"{target}: not a store: a URI, but not a Neo4j one (give bolt://HOST:7687 or "
            "neo4j+s://HOST; http:// is the port of Neo4j Browser, not of the database)"
        )
    return EmbeddedStore(target, create=create)
