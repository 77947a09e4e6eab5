"""The physical limits each loader stage is measured beside, in the same run, over the same files
(issue 14): what the work would cost if the stage did nothing but the unavoidable part of it.

- :func:`plain_read`: a file's bytes, decoded from UTF-8 and NFC-normalised. The floor of
  :func:`loader.read.read_path`, which also sniffs the format and encoding, folds look-alikes
  (``Ð`` → ``Đ``) and strips web-page chrome.
- :data:`NUMBER`, :func:`count_numbers`: one compiled ``re`` pass for số hiệu over a decoded text.
  The floor of the citation stages, which must at least look at every character once.
- :func:`edge_schema`, :func:`copy_edges`: the rows of a store's ``edges`` table inserted into a
  new SQLite file in one transaction, with the pragmas the store uses, under the store's own
  table and indexes or under a bare table of the same columns. The floor of
  ``EmbeddedStore.write_texts``, which writes those rows a text per transaction, along with the
  texts' nodes, mentions and content.

:func:`read_and_scan` times the first two over a list of files. Each limit is timed in CPU
seconds (:class:`bench.usage.Clock`), as the stages are, and each is the median of
:data:`LIMIT_REPEATS` timings.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from bench.usage import Clock
from graph.embedded import CACHE_KIB

# One compiled pattern for the số hiệu of every format the loader meets: "43/2011/NĐ-CP",
# "749/QĐ-TTg", "18-NQ/TW", "01/2016/TTLT-BTC-BLĐTBXH", "61/2024/QH15". Not the loader's
# pattern (loader/find.py reads a folded copy and much more around each match): the cheapest
# scan that still finds them, so that a stage's ratio to it says how much more than one pass the
# stage spends. No \b before the digits: it keeps the engine from skipping ahead to a digit
# (34 against 49 MB/s on the synthetic corpus, the same matches there), and a slower limit would
# flatter every ratio.
NUMBER = re.compile(r"\d{1,5}(?:/\d{4})?[/-][^\W\d_][^\W_]{0,11}(?:[-/][^\W\d_][^\W_]{0,11})*")

# Files read before each scan: the clocks time loops over this many texts rather than single
# calls (a call to process_time() costs about what scanning 50 bytes does), while memory stays
# bounded at 100,000 texts (~1.3 GB of text).
SCAN_CHUNK = 200

# The pragmas graph.embedded.EmbeddedStore sets on its connection (WAL, synchronous=NORMAL: a
# commit writes the WAL without an fsync; its page cache). Not readable back from the store's file,
# which keeps only the journal mode.
STORE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    f"PRAGMA cache_size=-{CACHE_KIB}",
)
# The table the store keeps its edges in.
EDGES_TABLE = "edges"
# Rows fetched from the store at a time, outside the clock, then inserted inside it.
COPY_CHUNK = 10_000
# Each limit is timed this many times and the median kept. A limit is short where the stages take
# seconds: 1,000 texts (13 MB) read plainly in 0.08 s of CPU, real1k's 4,900 edges insert in
# 0.04 s, and a neighbour's burst on a shared core moved one such figure by a third between runs.
LIMIT_REPEATS = 3


def median_clock(clocks: Sequence[Clock]) -> Clock:
    """The clock of median CPU time among repeats of one measurement.

    >>> median_clock([Clock(0.3, 0.4), Clock(0.1, 0.1), Clock(0.2, 0.9)])
    Clock(cpu=0.2, wall=0.9)
    """
    return sorted(clocks, key=lambda clock: clock.cpu)[len(clocks) // 2]


def plain_read(path: str | Path) -> str:
    """A file's text: its bytes, decoded from UTF-8 (undecodable bytes replaced, as no stage
    would pay less), NFC-normalised.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:  # "ị" saved decomposed, as i + two marks
    ...     path = Path(folder, "nd.txt")
    ...     _ = path.write_bytes(unicodedata.normalize("NFD", "Nghị định").encode())
    ...     plain_read(path) == "Nghị định"
    True
    """
    data = Path(path).read_bytes()
    return unicodedata.normalize("NFC", data.decode("utf-8", errors="replace"))


def count_numbers(text: str) -> int:
    """The số hiệu :data:`NUMBER` finds in ``text``, in one ``finditer`` pass.

    >>> count_numbers("Căn cứ Nghị định số 43/2011/NĐ-CP và Nghị quyết số 18-NQ/TW;")
    2
    """
    return sum(1 for _ in NUMBER.finditer(text))


def read_and_scan(
    paths: Sequence[str | Path], repeats: int = LIMIT_REPEATS
) -> tuple[Clock, Clock, int]:
    """Time :func:`plain_read` over every file (the first clock) and :func:`count_numbers` over
    what it read (the second), :data:`SCAN_CHUNK` files at a time, ``repeats`` times (the median
    of each kept); also return the matches."""
    readings, scans = [], []
    matches = 0
    for _ in range(repeats):
        reading, scanning = Clock(), Clock()
        matches = 0
        for start in range(0, len(paths), SCAN_CHUNK):
            chunk = paths[start : start + SCAN_CHUNK]
            with reading.timing():
                texts = [plain_read(path) for path in chunk]
            with scanning.timing():
                for text in texts:
                    matches += count_numbers(text)
        readings.append(reading)
        scans.append(scanning)
    return median_clock(readings), median_clock(scans), matches


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def edge_schema(store_db: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """The statements that create a store's ``edges`` table and its indexes, and the table's
    columns (name, declared type), read from the store's own SQLite file: the limit follows the
    store's schema when it changes, without reaching into :mod:`graph.embedded`.

    The bare variant of the table is :func:`bare_schema` of the columns.
    """
    with closing(sqlite3.connect(f"file:{store_db}?mode=ro", uri=True)) as conn:
        statements = [
            sql
            for (sql,) in conn.execute(
                # The table first, then its indexes; an index SQLite made for a UNIQUE
                # constraint has no statement of its own (the table's creates it).
                "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL "
                "ORDER BY type = 'table' DESC, name",
                (EDGES_TABLE,),
            )
        ]
        columns = [
            (name, declared)
            for _, name, declared, *_ in conn.execute(f"PRAGMA table_info({EDGES_TABLE})")
        ]
    return statements, columns


def bare_schema(columns: Sequence[tuple[str, str]]) -> list[str]:
    """A table of the same columns and types, without constraints or indexes.

    >>> bare_schema([("source", "TEXT"), ("end", "INTEGER")])
    ['CREATE TABLE "edges" ("source" TEXT, "end" INTEGER)']
    """
    body = ", ".join(f"{_quoted(name)} {declared}".rstrip() for name, declared in columns)
    return [f"CREATE TABLE {_quoted(EDGES_TABLE)} ({body})"]


def copy_edges(
    store_db: Path, target_db: Path, schema: Sequence[str], repeats: int = LIMIT_REPEATS
) -> tuple[Clock, int]:
    """Insert every row of the store's ``edges`` table, in the order the store wrote them, into a
    new SQLite file ``target_db`` created with ``schema`` and :data:`STORE_PRAGMAS`, all in one
    transaction; ``repeats`` times, each into a new file, the median kept. The file is removed.

    Only the inserts and the commit are timed: the rows are fetched from the store
    :data:`COPY_CHUNK` at a time outside the clock, so memory stays bounded. Returns the clock
    and the number of rows.
    """
    _, columns = edge_schema(store_db)
    # in the order the store wrote them, a text's edges together (the edges table has no rowid
    # since schema 7)
    copy = _table_copy(EDGES_TABLE, [name for name, _ in columns], "ORDER BY origin")
    return _timed_copies(store_db, target_db, schema, [copy], repeats)


def copy_store(store_db: Path, target_db: Path, repeats: int = LIMIT_REPEATS) -> tuple[Clock, int]:
    """Insert every row of every table of the store (texts, nodes, edges, mentions, aliases,
    lookups …) into a new SQLite file ``target_db`` made with the store's own tables and indexes
    (their statements read from its file) and :data:`STORE_PRAGMAS`, all in one transaction;
    ``repeats`` times, the median kept, as :func:`copy_edges` does for the edges alone. What
    SQLite takes to hold exactly what the store holds, in the order the store wrote it (by rowid,
    or by ``origin`` for a table without one).

    Returns the clock and the number of rows.
    """
    with closing(sqlite3.connect(f"file:{store_db}?mode=ro", uri=True)) as conn:
        tables = list(
            conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
            )
        )
        indexes = [
            sql
            for (sql,) in conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                "ORDER BY rowid"
            )
        ]
        copies = []
        for name, _ in tables:
            columns = [c for _, c, *_ in conn.execute(f"PRAGMA table_info({_quoted(name)})")]
            copies.append(_table_copy(name, columns, _write_order(conn, name, columns)))
    schema = [sql for _, sql in tables] + indexes
    return _timed_copies(store_db, target_db, schema, copies, repeats)


def _table_copy(table: str, columns: Sequence[str], order: str) -> tuple[str, str]:
    """(the SELECT that reads ``table``'s rows in ``order``, the INSERT that writes one)."""
    names = ", ".join(_quoted(column) for column in columns)
    marks = ", ".join("?" * len(columns))
    return (
        f"SELECT {names} FROM {_quoted(table)} {order}",
        f"INSERT INTO {_quoted(table)} ({names}) VALUES ({marks})",
    )


def _write_order(conn: sqlite3.Connection, table: str, columns: Sequence[str]) -> str:
    """The ORDER BY that reads ``table`` in the order its rows were written, as near as the file
    tells: by rowid, or by the text that wrote them for a table without one."""
    try:
        conn.execute(f"SELECT rowid FROM {_quoted(table)} LIMIT 1").fetchall()
    except sqlite3.OperationalError:  # WITHOUT ROWID
        return "ORDER BY origin" if "origin" in columns else ""
    return "ORDER BY rowid"


def _timed_copies(
    store_db: Path,
    target_db: Path,
    schema: Sequence[str],
    copies: Sequence[tuple[str, str]],
    repeats: int,
) -> tuple[Clock, int]:
    """Each (select, insert) of ``copies`` run from the store into a new file ``target_db`` made
    with ``schema`` and :data:`STORE_PRAGMAS`, in one transaction, ``repeats`` times; the inserts
    and the commit timed, the median kept, the file removed. Returns the clock and the rows."""
    clocks = []
    rows = 0
    for _ in range(repeats):
        _remove_database(target_db)
        clock = Clock()
        rows = 0
        source = sqlite3.connect(f"file:{store_db}?mode=ro", uri=True)
        target = sqlite3.connect(target_db, isolation_level=None)
        try:
            for pragma in STORE_PRAGMAS:
                target.execute(pragma)
            for statement in schema:
                target.execute(statement)
            with clock.timing():
                target.execute("BEGIN")
            for select, insert in copies:
                cursor = source.execute(select)
                while chunk := cursor.fetchmany(COPY_CHUNK):
                    rows += len(chunk)
                    with clock.timing():
                        target.executemany(insert, chunk)
            with clock.timing():
                target.execute("COMMIT")
        finally:
            source.close()
            target.close()
        clocks.append(clock)
    # At 100,000 texts such a file is gigabytes.
    _remove_database(target_db)
    return median_clock(clocks), rows


def _remove_database(path: Path) -> None:
    """A SQLite file and its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
