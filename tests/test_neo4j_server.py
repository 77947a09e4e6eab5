"""The throwaway Neo4j server of ``neo4j_server`` is configured as its docstring says: on
127.0.0.1 only, no usage report, and no transaction logs kept beyond what crash recovery needs
(the default keeps two days of them for backups: an hour of benchmark loads left 16 GB)."""

from __future__ import annotations

import pytest
from neo4j import Driver

pytestmark = pytest.mark.neo4j

EXPECTED = {
    "server.default_listen_address": "127.0.0.1",
    "server.http.enabled": "false",
    "dbms.usage_report.enabled": "false",
    "db.tx_log.rotation.retention_policy": "keep_none",
}


def test_server_settings_as_documented(neo4j_driver: Driver) -> None:
    records, _, _ = neo4j_driver.execute_query(
        "SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value",
        names=list(EXPECTED),
        database_="system",
    )
    assert {record["name"]: record["value"] for record in records} == EXPECTED
