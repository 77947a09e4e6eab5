"""The extractor makes the same graph of every text we have as when the digests were kept.

Speed work on the loader (issue 14) must not change one output: each corpus's texts are
extracted and compared with ``tests/fixtures/extraction_digests.json`` (see
:mod:`tests.extraction_digests`, which also rewrites the file when a change is intended).
"""

from __future__ import annotations

import os

import pytest

from tests.extraction_digests import SHARED_CORPORA, differences, digests, kept


@pytest.mark.parametrize(
    "corpus",
    [
        "samples",
        "synthetic",
        *(pytest.param(name, marks=pytest.mark.shared) for name in SHARED_CORPORA),
    ],
)
def test_every_text_extracts_as_before(corpus: str) -> None:
    now = digests(corpus)
    if now is None:
        reason = f"needs ../shared/corpus/{corpus}, which a fresh clone lacks"
        if os.environ.get("CI"):
            pytest.fail(f"CI is set, so this test must run: {reason}", pytrace=False)
        pytest.skip(reason)
    changed = list(differences(corpus, now, kept()[corpus]))
    assert not changed, "\n".join(changed[:20])
