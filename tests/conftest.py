"""Store fixtures shared by the test modules: every store contract test runs on every backend.

``store`` (and ``fresh_store``) is an empty store of each backend in turn: the embedded store in a
temporary directory, and the Neo4j store on a real Neo4j Community server that the session starts
once (``neo4j_server``), with authentication on, in a temporary home on a free port. Each Neo4j
test starts from an emptied database (Community has only one).

Without Java 17 or Maven the Neo4j cases are skipped with the reason; when ``CI`` is set they
fail instead, so a CI run can never pass without having run them.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver, GraphDatabase

from graph.embedded import EmbeddedStore
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore
from neo4j_server import Neo4jServer, ServerSetupError, free_port, wipe

NEO4J_DATABASE = "neo4j"
BACKENDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "neo4j: needs a Neo4j server (started by the session; Java 17 and Maven)"
    )


def neo4j_unavailable(reason: str) -> None:
    """Skip, or fail under CI: a CI run that skipped the Neo4j suite would prove nothing."""
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so the Neo4j tests must run: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """One real server for the session, with authentication on (a random initial password).

    The password starts with "-" on purpose: the admin tool once read such a one as an option.
    """
    server = Neo4jServer(
        tmp_path_factory.mktemp("neo4j-home"),
        port=free_port(),
        password="-" + secrets.token_urlsafe(12),
        heap="512m",
    )
    try:
        server.start()
    except ServerSetupError as exc:
        neo4j_unavailable(f"no Neo4j server for the tests: {exc}")
    yield server
    server.stop(kill=True)  # its home is thrown away: no checkpoint to wait for


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: Neo4jServer) -> Iterator[Driver]:
    with GraphDatabase.driver(neo4j_server.uri, auth=neo4j_server.auth) as driver:
        # Constraints and indexes once: emptying the database between tests keeps them.
        Neo4jStore(driver, NEO4J_DATABASE, uri=neo4j_server.uri).close()
        yield driver


@pytest.fixture
def neo4j_store(neo4j_server: Neo4jServer, neo4j_driver: Driver) -> Iterator[Neo4jStore]:
    """An empty Neo4j store (for the tests of what only it does, or comparisons)."""
    wipe(neo4j_driver, NEO4J_DATABASE)
    with Neo4jStore(neo4j_driver, NEO4J_DATABASE, uri=neo4j_server.uri, setup=False) as store:
        yield store


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fresh_store(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path
) -> Iterator[GraphStore]:
    """An empty store of ``backend``."""
    store: EmbeddedStore | Neo4jStore
    if backend == "embedded":
        store = EmbeddedStore(tmp_path / "graph")
    else:
        store = request.getfixturevalue("neo4j_store")
    yield store
    store.close()


@pytest.fixture
def store(fresh_store: GraphStore) -> GraphStore:
    """An empty store of each backend (modules may override it with a loaded one)."""
    return fresh_store


def require_tool(command: str, package: str) -> str:
    """The path of a Debian tool a reader needs (antiword, tesseract); skipped without it, or
    failed when ``CI`` is set (``.ci/run`` installs it, so a CI run without it proves nothing)."""
    import shutil

    found = shutil.which(command)
    if found is None:
        reason = f"needs {command} (apt-get install {package})"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so this test must run: {reason}", pytrace=False)
        pytest.skip(reason)
    return found
