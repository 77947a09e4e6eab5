"""The tasks stage's shortcuts give what the full pass gives, on every text we have.

Two shortcuts of :mod:`loader.tasks.extract` skip work whose result they can tell in advance
(issue 14): a report none of whose sentences holds a marker of assignment yields no task
(``_tells_of_assignment``), and a decree or law without an article on who implements it yields
none (``_has_task_article``). Each text is read here as if it were of such a type, with the
shortcut and without it (the full pass), and the two must give the same tasks and edges. A
marker word missing from ``_MARKER_WORDS`` while the patterns that make a strong draft match it
would make the first differ.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.model import DOC_TYPE_TABLE
from loader.errors import LoaderError
from loader.parse import parse
from loader.read import read_path
from loader.relate import extract_citations
from loader.tasks import extract as tasks_extract
from tests.extraction_digests import SHARED_CORPORA, corpus_files

ALL_TYPES = frozenset(row.code for row in DOC_TYPE_TABLE)
# (the module's set of types, the shortcut that set switches on)
SHORTCUTS = {
    "report": ("REPORTING_TYPES", "_tells_of_assignment"),
    "statute": ("STATUTE_TYPES", "_has_task_article"),
}


def _texts(corpus: str) -> Iterator[tuple[str, object, object]]:
    with tempfile.TemporaryDirectory(prefix="shortcuts-") as workdir:
        files = corpus_files(corpus, Path(workdir))
        if files is None:
            reason = f"needs ../shared/corpus/{corpus}, which a fresh clone lacks"
            if os.environ.get("CI"):
                pytest.fail(f"CI is set, so this test must run: {reason}", pytrace=False)
            pytest.skip(reason)
        for path in files:
            try:
                parsed = parse(read_path(str(path)))
            except LoaderError:
                continue
            yield path.name, parsed, extract_citations(parsed)


@pytest.mark.parametrize("shortcut", sorted(SHORTCUTS))
@pytest.mark.parametrize(
    "corpus",
    [
        "samples",
        "synthetic",
        *(pytest.param(name, marks=pytest.mark.shared) for name in SHARED_CORPORA),
    ],
)
def test_a_shortcut_gives_what_the_full_pass_gives(
    corpus: str, shortcut: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    types, method = SHORTCUTS[shortcut]
    monkeypatch.setattr(tasks_extract, types, ALL_TYPES)  # every text read as that type
    real = getattr(tasks_extract._Extractor, method)
    said: list[bool] = []  # what the shortcut said of each text it was asked about

    def asked(self: object) -> bool:
        said.append(real(self))
        return said[-1]

    monkeypatch.setattr(tasks_extract._Extractor, method, asked)
    differ: list[str] = []
    for name, parsed, citations in _texts(corpus):
        fast = tasks_extract.extract_tasks(parsed, citations)  # type: ignore[arg-type]
        with monkeypatch.context() as full:
            full.setattr(tasks_extract._Extractor, method, lambda self: True)
            whole = tasks_extract.extract_tasks(parsed, citations)  # type: ignore[arg-type]
        if fast != whole:
            differ.append(name)
    assert not differ, f"{len(differ)} texts differ: {differ[:10]}"
    # A shortcut never taken would test nothing (when it says True, the full pass runs anyway).
    assert False in said, "no text took the shortcut"
