"""A throwaway Neo4j Community server for tests, benchmarks and trying the Neo4j store.

``python -m neo4j_server start`` (see ``--help``); from Python::

    from neo4j_server import Neo4jServer, free_port
    with Neo4jServer(home, port=free_port(), password="s3cret") as server:
        ...  # server.uri, server.auth
"""

from neo4j_server.server import (
    CACHE_DIR,
    NEO4J_VERSION,
    Neo4jServer,
    ServerSetupError,
    fetch_jars,
    free_port,
    import_csv,
    java_command,
    stop_detached,
    wipe,
)

__all__ = [
    "CACHE_DIR",
    "NEO4J_VERSION",
    "Neo4jServer",
    "ServerSetupError",
    "fetch_jars",
    "free_port",
    "import_csv",
    "java_command",
    "stop_detached",
    "wipe",
]
