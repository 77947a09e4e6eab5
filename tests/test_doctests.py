"""Every docstring example of the project is run: the modules with ``>>>`` lines are found by
walking the packages, so a new module's examples run without anyone remembering to list it.

The query examples read ``store = EmbeddedStore("data/graph")`` after ``python -m loader samples``,
as the README's first command leaves it, and a decree that replaces another (tests/app_texts.py:
the supersession the samples lack): they run in a directory where exactly that store is built,
with ``store`` open.
"""

from __future__ import annotations

import doctest
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from loader import load_paths
from tests.app_texts import DECREE_42

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("graph", "loader", "queries", "views", "bench", "neo4j_server")


def modules_with_examples() -> list[str]:
    names = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if ">>> " in path.read_text(encoding="utf-8"):
                parts = path.relative_to(ROOT).with_suffix("").parts
                names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


MODULES = modules_with_examples()


@pytest.fixture(scope="module")
def samples_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding ``data/graph``: the samples, loaded."""
    home = tmp_path_factory.mktemp("home")
    decree = home / "42_2022_ND-CP.txt"
    decree.write_text(DECREE_42, encoding="utf-8")
    with EmbeddedStore(home / "data" / "graph") as store:
        report = load_paths(store, [ROOT / "samples", decree], workers=1)
    assert not report.failures
    return home


@pytest.fixture
def store(samples_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[EmbeddedStore]:
    monkeypatch.chdir(samples_home)
    with EmbeddedStore(samples_home / "data" / "graph") as opened:
        yield opened


def test_the_walk_finds_the_modules_with_examples() -> None:
    assert {"graph.terminal", "loader.effects", "loader.verbs", "queries.documents"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str, store: EmbeddedStore) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(
        module,
        extraglobs={"store": store, "EmbeddedStore": EmbeddedStore},
        optionflags=doctest.ELLIPSIS,
    )
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed"
