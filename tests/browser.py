"""A real Streamlit server and Debian's Chromium driven by Playwright, for tests/test_browser.py.

Chromium comes from ``apt-get install chromium`` (``.ci/run``), never from ``playwright install``;
the server runs ``streamlit run app.py`` on a free port of 127.0.0.1 against a store built in a
temporary directory. Without CI these tests are skipped when Chromium or Playwright is missing;
with ``CI`` set that is a failure, so the suite can never pass in CI by not running.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
# Streamlit needs a few seconds to start on a 2-core machine; a cold Chromium as many again.
SERVER_START_TIMEOUT_S = 60
PAGE_TIMEOUT_MS = 30_000
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def require_browser() -> None:
    """Skip (or, under CI, fail) when Chromium or Playwright is missing."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install -y chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install -r requirements-dev.txt)")
    if missing:
        reason = "browser tests need " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must run them", pytrace=False)
        pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    """A running ``streamlit run app.py``."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_server(store_dir: Path, log: Path) -> Server:
    """Start Streamlit on a free local port and wait until ``/_stcore/health`` answers."""
    port = free_port()
    # NEO4J_URI (set for the Neo4j suite) would point the app at that server instead.
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    env.update(LEGAL_GRAPH_STORE=str(store_dir), PYTHONUNBUFFERED="1")
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
        "--global.developmentMode=false",
    ]
    return _launch(command, env, f"http://127.0.0.1:{port}", log)


def start_as_readme(store_dir: Path, log: Path) -> Server:
    """Start the explorer with the README's command, ``python3 -m streamlit run app.py`` in the
    project's directory, so the committed ``.streamlit/config.toml`` decides how it runs.

    Only what that file leaves unset comes from the environment: a free port (a developer's
    explorer may hold 8501), no browser to open, no file watcher (CPU); a test asserts that none
    of these is a setting of the file.
    """
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI" and not k.startswith(ENV_PREFIX)}
    env.update(LEGAL_GRAPH_STORE=str(store_dir), PYTHONUNBUFFERED="1", **readme_overrides(port))
    command = [sys.executable, "-m", "streamlit", "run", "app.py"]
    return _launch(command, env, f"http://127.0.0.1:{port}", log)


# Streamlit reads an option "section.someName" from the variable STREAMLIT_SECTION_SOME_NAME.
ENV_PREFIX = "STREAMLIT_"


def option_variable(option: str) -> str:
    """``server.fileWatcherType`` → ``STREAMLIT_SERVER_FILE_WATCHER_TYPE``."""
    snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", option.replace(".", "_"))
    return ENV_PREFIX + snake.upper()


def readme_overrides(port: int) -> dict[str, str]:
    """What :func:`start_as_readme` sets besides the committed configuration."""
    return {
        option_variable("server.port"): str(port),
        option_variable("server.headless"): "true",
        option_variable("server.fileWatcherType"): "none",
    }


def _launch(command: list[str], env: dict[str, str], url: str, log: Path) -> Server:
    handle = log.open("wb")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}: {log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return Server(url, process, log)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"streamlit did not answer on {url} within {SERVER_START_TIMEOUT_S} s")


@dataclass
class RequestLog:
    """Every URL the page asked for; :meth:`outside` lists those that left this machine."""

    urls: list[str] = field(default_factory=list)

    def record(self, request: Any) -> None:
        self.urls.append(request.url)

    def outside(self) -> list[str]:
        return [
            u
            for u in self.urls
            if urlsplit(u).scheme in ("http", "https", "ws", "wss")
            and urlsplit(u).hostname not in LOCAL_HOSTS
        ]


def wait_idle(page: Any) -> None:
    """Wait until Streamlit has finished running the page's script."""
    page.wait_for_selector(
        "[data-testid=stApp][data-test-script-state=notRunning]", timeout=PAGE_TIMEOUT_MS
    )
    # A rerun may start right after the first one ends (query params written back).
    page.wait_for_timeout(300)
    page.wait_for_selector(
        "[data-testid=stApp][data-test-script-state=notRunning]", timeout=PAGE_TIMEOUT_MS
    )


@dataclass
class Browser:
    """One Chromium page pointed at the server, with every request recorded."""

    server: Server
    page: Any
    requests: RequestLog

    def open(self, path: str = "") -> Any:
        self.page.goto(f"{self.server.url}/{path}", timeout=PAGE_TIMEOUT_MS)
        wait_idle(self.page)
        return self.page

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=True)
        return path


def serving(store_dir: Path, log: Path) -> Iterator[Server]:
    """A server on ``store_dir`` for a module's tests (``yield from`` in its fixture), stopped
    after them."""
    running = start_server(store_dir, log)
    try:
        yield running
    finally:
        running.stop()


def assert_stayed_local(browser: Browser) -> None:
    """The pages made requests, and none left this machine (no CDN, telemetry or web font)."""
    assert browser.requests.urls, "the browser made no request at all"
    assert browser.requests.outside() == []


def browser_session(server: Server) -> Iterator[Browser]:
    """A Chromium page on ``server``; closed, with its context, at the end."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_FLAGS), headless=True
        )
        context = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        requests = RequestLog()
        page.on("request", requests.record)
        try:
            yield Browser(server, page, requests)
        finally:
            context.close()
            chromium.close()


def copy_samples(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for sample in sorted((ROOT / "samples").glob("*.txt")):
        shutil.copy(sample, target / sample.name)
    return target
