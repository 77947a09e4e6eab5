"""The explorer stays on the officer's machine (issue 12, point 4).

The committed ``.streamlit/config.toml`` turns Streamlit's usage statistics off, listens on
127.0.0.1 only and hides the developer toolbar ("Deploy"). These tests read it as Streamlit does,
start the app with the README's own command (so that file, and no flag, decides), check the
socket it listens on, and walk every page of app.py in Chromium recording every request: none may
leave this machine. A store path that holds no store is a page saying how to build one, never a
new empty store.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from streamlit.testing.v1 import AppTest

from graph.embedded import DB_FILENAME, EmbeddedStore
from graph.messages import build_command
from loader import load_paths
from tests.browser import (
    Browser,
    Server,
    browser_session,
    copy_samples,
    option_variable,
    readme_overrides,
    require_browser,
    start_as_readme,
)
from views import session
from views.load import MAX_UPLOAD_MIB

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / ".streamlit" / "config.toml"
APP = str(ROOT / "app.py")
CT01_2024 = "vn:01/CT-BTTTT@2024"

# What the committed configuration must say, as `streamlit config show` prints it.
LOCAL_ONLY = {
    "browser.gatherUsageStats": "false",
    "server.address": '"127.0.0.1"',
    "client.toolbarMode": '"minimal"',
    "server.maxUploadSize": str(MAX_UPLOAD_MIB),
}


def committed() -> dict[str, object]:
    """The options of .streamlit/config.toml, as "section.name" → value."""
    data = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    return {f"{section}.{k}": v for section, values in data.items() for k, v in values.items()}


# -- the configuration ----------------------------------------------------------------------------


def test_streamlit_reads_the_committed_configuration() -> None:
    """What Streamlit itself reads in the README's directory, not just what the file says."""
    shown = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "HOME": str(ROOT / "no-home")},  # no user config, no flags
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    for option, value in LOCAL_ONLY.items():
        name = option.split(".")[1]
        assert re.search(rf"^{name} = {re.escape(value)}$", shown, re.M), option


def test_the_upload_limit_is_the_loaders() -> None:
    # A scanned PDF may be 200 MiB (loader.formats); the uploader refuses nothing the loader reads.
    assert committed()["server.maxUploadSize"] == MAX_UPLOAD_MIB


def test_the_readme_launch_overrides_no_committed_setting() -> None:
    overridden = set(readme_overrides(8501))
    assert overridden.isdisjoint({option_variable(o) for o in committed()})


def test_the_readme_launches_with_that_configuration() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 -m streamlit run app.py" in readme
    # The same command, from the directory that holds .streamlit/ (and app.py).
    assert CONFIG.parent.parent == Path(APP).parent


# -- a store that does not exist ----------------------------------------------------------------


AppOn = Callable[..., AppTest]


@pytest.fixture
def app_on(monkeypatch: pytest.MonkeyPatch) -> AppOn:
    """``app_on(store_dir, page=None)``: the app run once on that store (and page)."""

    def run(store_dir: Path, page: str | None = None) -> AppTest:
        monkeypatch.setenv(session.STORE_ENV, str(store_dir))
        monkeypatch.delenv(session.NEO4J_URI_ENV, raising=False)
        at = AppTest.from_file(APP, default_timeout=60).run()
        assert not at.exception
        if page:
            at.switch_page(page).run()
            assert not at.exception
        return at

    return run


@pytest.mark.parametrize("page", [None, session.DOCUMENT_PAGE, session.LOAD_PAGE])
def test_a_missing_store_is_a_page_saying_how_to_build_it(
    app_on: AppOn, tmp_path: Path, page: str | None
) -> None:
    missing = tmp_path / "kho chua co"
    at = app_on(missing, page)
    assert [e.value for e in at.error] == [r"Chưa có kho dữ liệu ở " + _escaped(missing) + r"\."]
    assert [c.value for c in at.code] == [build_command(missing, samples=True)]
    assert at.code[0].value.endswith("kho chua co'")  # quoted for the shell
    assert not missing.exists()  # no new, empty store


def test_the_page_works_once_the_store_is_built(app_on: AppOn, tmp_path: Path) -> None:
    store_dir = tmp_path / "graph"
    assert [e.value for e in app_on(store_dir).error]
    with EmbeddedStore(store_dir) as store:
        load_paths(store, [ROOT / "samples"], workers=1)
    at = app_on(store_dir)
    assert not at.error and len(at.get("page_link")) >= 5  # the refusal was not cached


def _escaped(path: Path) -> str:
    from views.markup import plain_markdown

    return plain_markdown(str(path))


# -- the running server: where it listens, what the pages ask for ---------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    work = tmp_path_factory.mktemp("local-only")
    store_dir = work / "store"
    with EmbeddedStore(store_dir) as store:
        load_paths(store, [copy_samples(work / "samples")], workers=1)
    assert (store_dir / DB_FILENAME).is_file()
    running = start_as_readme(store_dir, work / "streamlit.log")
    try:
        yield running
    finally:
        running.stop()


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on ``port`` (Linux's /proc/net/tcp{,6})."""
    found = set()
    for table, width in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        lines = Path(table).read_text().splitlines()[1:] if Path(table).exists() else []
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state != "0A" or int(hex_port, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            # The kernel prints each 32-bit word in host (little-endian) order.
            packed = b"".join(raw[i : i + 4][::-1] for i in range(0, width, 4))
            found.add(str(ipaddress.ip_address(packed)))
    return found


@pytest.mark.slow
def test_the_server_listens_on_this_machine_only(server: Server) -> None:
    port = int(server.url.rsplit(":", 1)[1])
    assert listening_addresses(port) == {"127.0.0.1"}
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert "Network URL" not in log and "External URL" not in log
    # Any other address of this machine is refused.
    try:
        found = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:  # a host name that does not resolve: nothing more to try
        found = []
    others = {str(info[4][0]) for info in found}
    for address in others - {"127.0.0.1"}:
        with pytest.raises(OSError), socket.create_connection((address, port), timeout=2):
            pass


@pytest.fixture(scope="module")
def browser(server: Server) -> Iterator[Browser]:
    require_browser()
    yield from browser_session(server)


# Every page of app.py, each with a document, so the pages about one show it.
PAGES = [f"{path}?id={quote(CT01_2024, safe='')}" for path in session.URL_PATHS.values()]
DEVELOPER_TOOLS = "[data-testid=stAppDeployButton], [data-testid=stMainMenu]"


@pytest.mark.slow
def test_no_page_asks_for_anything_outside_this_machine(browser: Browser) -> None:
    asked: dict[str, list[str]] = {}
    for path in PAGES:
        before = len(browser.requests.urls)
        page = browser.open(path)
        page.wait_for_timeout(1500)  # what a page asks for after it has drawn (statistics)
        asked[path] = browser.requests.urls[before:]
        assert page.locator(DEVELOPER_TOOLS).count() == 0, path  # no "Deploy", no menu
        assert page.get_by_text("Deploy", exact=True).count() == 0, path
    assert all(asked.values()), asked  # each page was really loaded
    assert browser.requests.outside() == []


@pytest.mark.slow
def test_the_uploader_speaks_vietnamese(browser: Browser) -> None:
    page = browser.open("load")
    dropzone = "[data-testid=stFileUploaderDropzone]"
    button = page.locator(f"{dropzone} button [data-testid=stMarkdownContainer] p").first
    limits = page.locator(f"{dropzone} [data-testid=stFileUploaderDropzoneInstructions] span")

    def shown(locator: Any) -> tuple[str, str]:
        style = "e => [getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content]"
        size, after = locator.evaluate(style)
        return size, after

    assert shown(button) == ("0px", '"Chọn tệp"')  # "Upload" is not drawn
    size, after = shown(limits.first)
    assert size == "0px" and after.startswith('"Tối đa mỗi tệp: .txt, .md 20 MB')  # not "200MB"
    browser.screenshot("load_vi.png")
