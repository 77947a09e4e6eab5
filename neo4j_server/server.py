"""Fetch Neo4j Community's jars from Maven Central and run a throwaway server on them.

No Neo4j installation, no Docker: ``pom.xml`` names the one dependency ``org.neo4j:neo4j``; Maven
copies it and its runtime dependencies into a cache outside the clone (CI clones fresh, the jars
are 120 MB), and Java 17 runs ``org.neo4j.server.CommunityEntryPoint`` as Neo4j's own launcher
would, in a home directory of our choosing, listening on 127.0.0.1 only.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import DriverError, Neo4jError

from graph.cypher import DELETE_EVERYTHING
from graph.export import import_arguments

# 5.26 is the LTS line, the last to run on Java 17 (2025.x needs Java 21). Maven Central has
# every 5.26 patch release; this one was current when the project pinned it.
NEO4J_VERSION = "5.26.30"
MIN_JAVA = 17
POM = Path(__file__).with_name("pom.xml")


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "vn-legal-graph" / "neo4j"


# Where the jars (and the home of `python -m neo4j_server start`) live, outside any clone.
CACHE_DIR = Path(os.environ.get("VN_LEGAL_GRAPH_NEO4J_CACHE") or _default_cache())

# What Neo4j's launcher adds for Java 17 (bin/neo4j's default server.jvm.additional): the
# --add-opens let Netty and the page cache use direct buffers.
JVM_OPTIONS: tuple[str, ...] = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)
# A test graph is a few thousand nodes; a 100,000-text benchmark needs the 1 GiB heap (its
# transactions are capped at 70% of it) more than page cache.
HEAP = "1g"
PAGE_CACHE = "256m"
# A cold JVM on a busy 2-core machine takes ~10 s to open bolt; first start also creates the
# system database.
START_TIMEOUT_SECONDS = 120.0
STOP_TIMEOUT_SECONDS = 60.0
MAVEN_TIMEOUT_SECONDS = 900.0
LOG_TAIL_LINES = 15


class ServerSetupError(Exception):
    """Java, Maven or the jars are missing, or the server did not start: the message says which."""


def java_command() -> str:
    """The ``java`` to run Neo4j with (``$JAVA_HOME/bin/java`` first), checked to be ≥ 17."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if not java or not Path(java).exists():
        where = f"in JAVA_HOME={home}" if home else "on PATH"
        raise ServerSetupError(f"no java {where}: apt-get install -y openjdk-17-jre-headless")
    shown = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    found = re.search(r'version "(\d+)', shown.stderr + shown.stdout)
    if not found or int(found.group(1)) < MIN_JAVA:
        raise ServerSetupError(
            f"{java} is not Java {MIN_JAVA} or later ({shown.stderr.strip()[:80]}); "
            "apt-get install -y openjdk-17-jre-headless"
        )
    return java


def fetch_jars(version: str = NEO4J_VERSION, cache: Path = CACHE_DIR) -> Path:
    """The directory of Neo4j's runtime jars, downloaded with Maven on first use.

    The download lands in a temporary directory renamed into place at the end, so an interrupted
    one is never taken for complete.
    """
    lib = cache / version / "lib"
    if (lib / ".complete").exists():
        return lib
    mvn = shutil.which("mvn")
    if not mvn:
        raise ServerSetupError("no mvn on PATH to fetch the Neo4j jars: apt-get install -y maven")
    partial = cache / version / "lib.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    command = [
        mvn,
        "-B",
        "-q",
        "-f",
        str(POM),
        "dependency:copy-dependencies",
        "-DincludeScope=runtime",
        f"-Dneo4j.version={version}",
        f"-DoutputDirectory={partial}",
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=MAVEN_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise ServerSetupError(f"Maven did not fetch Neo4j {version} in time") from exc
    if done.returncode != 0 or not any(partial.glob("neo4j-*.jar")):
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-LOG_TAIL_LINES:])
        raise ServerSetupError(f"Maven could not fetch Neo4j {version}:\n{tail}")
    (partial / ".complete").write_text(version + "\n", encoding="utf-8")
    shutil.rmtree(lib, ignore_errors=True)
    partial.rename(lib)
    return lib


def free_port() -> int:
    """A TCP port nothing listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wipe(driver: Driver, database: str = "neo4j") -> None:
    """Delete every node and edge (a Community server has one database: tests share it)."""
    with driver.session(database=database) as session:
        for statement in DELETE_EVERYTHING:
            session.run(statement).consume()


@dataclass(slots=True)
class Neo4jServer:
    """A Neo4j Community server in ``home``, on ``127.0.0.1:port``.

    With a ``password`` authentication is on (user ``neo4j``, the password set before the first
    start, as ``neo4j-admin dbms set-initial-password`` does); without, it is off.

    Examples
    --------
    >>> with Neo4jServer(Path("/tmp/neo4j-home"), port=free_port(), password="s3cret") as server:
    ...     print(server.uri)  # doctest: +SKIP
    bolt://127.0.0.1:41234
    """

    home: Path
    port: int = 7687
    password: str | None = None
    version: str = NEO4J_VERSION
    heap: str = HEAP
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def auth(self) -> tuple[str, str] | None:
        return None if self.password is None else ("neo4j", self.password)

    @property
    def log_path(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def pid_path(self) -> Path:
        return self.home / "run" / "neo4j_server.pid"

    def command(self, java: str, lib: Path) -> list[str]:
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{self.port}",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "dbms.usage_report.enabled": "false",
            "server.memory.pagecache.size": PAGE_CACHE,
            "dbms.security.auth_enabled": "true" if self.password else "false",
            # Three wrong passwords lock the user for 5 s by default: the tests try wrong ones
            # on purpose, and a local throwaway server has nobody to lock out.
            "dbms.security.auth_max_failed_attempts": "0",
            # Transaction logs are kept two days by default, for incremental backups this
            # throwaway server never takes: an hour of benchmark loads left 16 GB of them. Keep
            # only what recovery after a crash needs.
            "db.tx_log.rotation.retention_policy": "keep_none",
        }
        return [
            java,
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            *JVM_OPTIONS,
            "-cp",
            f"{lib}/*",
            "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={self.home}",
            f"--config-dir={self.home / 'conf'}",
            "--console-mode",
            *(arg for key, value in settings.items() for arg in ("-c", f"{key}={value}")),
        ]

    def start(self, *, detach: bool = False) -> None:
        """Start the server and return once it answers bolt with the credentials.

        ``detach`` leaves it running after this process exits (``python -m neo4j_server start``);
        its pid goes to :attr:`pid_path`. Raises :class:`ServerSetupError` with the end of the
        server's log if it stops or does not answer within ``START_TIMEOUT_SECONDS``.
        """
        java = java_command()
        lib = fetch_jars(self.version)
        (self.home / "conf").mkdir(parents=True, exist_ok=True)
        (self.home / "conf" / "neo4j.conf").touch()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        # Before the system database exists (a new home, or one that only holds an import).
        if self.password and not (self.home / "data" / "databases" / "system").exists():
            self._set_initial_password(java, lib)
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                self.command(java, lib),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=detach,
            )
        self.pid_path.parent.mkdir(parents=True, exist_ok=True)
        self.pid_path.write_text(f"{self.process.pid} {self.port}\n", encoding="utf-8")
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise

    def _set_initial_password(self, java: str, lib: Path) -> None:
        # What `neo4j-admin dbms set-initial-password` runs: it writes data/dbms/auth.ini, which
        # the server reads when it creates the system database on its first start.
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}
        assert self.password is not None
        done = subprocess.run(
            [java, "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool", "dbms", "set-initial-password"]
            # "--" ends the options: a password may start with "-" (token_urlsafe gives one in 64).
            + ["--", self.password],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise ServerSetupError(f"could not set the initial password: {done.stderr.strip()}")

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        assert self.process is not None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerSetupError(
                    f"Neo4j stopped with status {self.process.returncode} while starting:\n"
                    + self.log_tail()
                )
            if self._answers():
                return
            time.sleep(0.5)
        raise ServerSetupError(
            f"Neo4j did not answer on {self.uri} within {START_TIMEOUT_SECONDS:.0f} s:\n"
            + self.log_tail()
        )

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                pass
            with (
                GraphDatabase.driver(self.uri, auth=self.auth) as driver,
                driver.session(database="neo4j") as session,
            ):
                # Bolt opens before the default database is online: wait for the database.
                session.run("RETURN 1").consume()
        except (OSError, DriverError, Neo4jError):
            return False
        return True

    def log_tail(self) -> str:
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(lines[-LOG_TAIL_LINES:])

    def stop(self, *, kill: bool = False) -> None:
        """Stop the server this object started: SIGTERM (Neo4j checkpoints and exits, which
        takes ~10 s), or with ``kill`` SIGKILL at once (a throwaway test home; a restart on it
        recovers from the transaction log, as after a crash)."""
        if self.process is None:
            return
        process = self.process
        if kill:
            process.kill()
        else:
            _terminate(process.pid, lambda: process.poll() is not None)
        process.wait()
        self.process = None
        self.pid_path.unlink(missing_ok=True)

    def __enter__(self) -> Neo4jServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def import_csv(home: Path, directory: Path, database: str = "neo4j") -> str:
    """``neo4j-admin database import full`` of the CSV files :func:`graph.export.store_to_csv`
    wrote into ``directory``, into the database ``database`` of the (stopped) server in ``home``;
    returns the tool's summary.

    The server must not be running and the database must not exist yet (the tool refuses
    otherwise: it writes the store files directly, which is what makes it fast). Raises
    :class:`ServerSetupError` with the tool's own message when it fails.
    """
    java = java_command()
    lib = fetch_jars()
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").touch()
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    done = subprocess.run(
        [java, "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool", "database", "import", "full"]
        + import_arguments(directory, database),
        env=env,
        cwd=home,  # where it writes its import.report, not the caller's working directory
        capture_output=True,
        text=True,
        check=False,
        timeout=MAVEN_TIMEOUT_SECONDS,
    )
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        tail = "\n".join(output.splitlines()[-LOG_TAIL_LINES:])
        raise ServerSetupError(f"neo4j-admin database import failed:\n{tail}")
    summary = output[output.rfind("IMPORT DONE") :] if "IMPORT DONE" in output else output
    return summary.strip()


def _terminate(pid: int, stopped: Callable[[], bool]) -> None:
    """SIGTERM ``pid``, then SIGKILL if it has not stopped within ``STOP_TIMEOUT_SECONDS``."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if stopped():
            return
        time.sleep(0.2)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return


def stop_detached(home: Path) -> int | None:
    """Stop the server ``python -m neo4j_server start`` left running in ``home``; its pid, or
    None if none was running."""
    pid_path = home / "run" / "neo4j_server.pid"
    try:
        pid = int(pid_path.read_text(encoding="utf-8").split()[0])
    except (OSError, ValueError, IndexError):
        return None

    def gone() -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False

    if gone():
        pid_path.unlink(missing_ok=True)
        return None
    _terminate(pid, gone)
    pid_path.unlink(missing_ok=True)
    return pid
