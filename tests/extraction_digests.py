"""Digests of what the extractor makes of every text we have, to prove a speed-up changed nothing.

``python -m tests.extraction_digests`` prints, for each corpus, which texts now extract
differently from the digests kept in ``tests/fixtures/extraction_digests.json``;
``--update`` rewrites that file (do it only when a change of output is intended, and say why in
the commit). ``tests/test_extraction_stable.py`` runs the same comparison.

A text's digest is the SHA-256 of the ``repr`` of its :class:`graph.model.TextGraph` (every
field: document, citations, edges with their evidence and offsets, tasks, agencies, mentions,
aliases, warnings, the cleaned content), extracted with no store behind it, with the file's path
replaced by its name so that the digest does not depend on where the corpus lies.

The corpora: the samples (in the repository), a synthetic corpus (:mod:`bench.synth`, 300 texts
of seed 0) and, when ``../shared`` is beside the repository, its ``dev``, ``dev2`` and ``real1k``
corpora (never copied here: only their digests are kept).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DIGESTS = ROOT / "tests" / "fixtures" / "extraction_digests.json"
SYNTHETIC_TEXTS = 300
SYNTHETIC_SEED = 0
# Corpora of ../shared, by name: absent from a fresh clone.
SHARED_CORPORA = ("dev", "dev2", "real1k")


def digest_of(path: Path) -> str:
    """The digest of what the extractor makes of the file at ``path`` (16 hex digits), or of the
    error it raises (a file the loader refuses is refused the same way)."""
    from loader.errors import LoaderError
    from loader.pipeline import extract
    from loader.read import read_path

    try:
        made = repr(extract(read_path(str(path))))
    except LoaderError as exc:
        made = f"refused: {exc}"
    made = made.replace(str(path), path.name)
    return hashlib.sha256(made.encode("utf-8")).hexdigest()[:16]


def corpus_files(name: str, workdir: Path) -> list[Path] | None:
    """The files of corpus ``name``, or None when it is not on this machine."""
    if name == "samples":
        return sorted(p for p in (ROOT / "samples").iterdir() if p.is_file())
    if name == "synthetic":
        from bench.synth import write_corpus

        return sorted(write_corpus(SYNTHETIC_TEXTS, workdir / "synthetic", SYNTHETIC_SEED))
    directory = SHARED / "corpus" / name
    if not directory.is_dir():
        return None
    return sorted(p for p in directory.iterdir() if p.is_file())


def corpora() -> tuple[str, ...]:
    return ("samples", "synthetic", *SHARED_CORPORA)


def digests(name: str) -> dict[str, str] | None:
    """``{file name: digest}`` of corpus ``name`` as the extractor makes it now."""
    with tempfile.TemporaryDirectory(prefix="digests-") as workdir:
        files = corpus_files(name, Path(workdir))
        if files is None:
            return None
        return {path.name: digest_of(path) for path in files}


def kept() -> dict[str, dict[str, str]]:
    loaded: dict[str, dict[str, str]] = json.loads(DIGESTS.read_text(encoding="utf-8"))
    return loaded


def differences(name: str, now: dict[str, str], before: dict[str, str]) -> Iterator[str]:
    for file in sorted(now.keys() | before.keys()):
        if file not in before:
            yield f"{name}/{file}: new (no digest kept)"
        elif file not in now:
            yield f"{name}/{file}: kept, but the file is gone"
        elif now[file] != before[file]:
            yield f"{name}/{file}: extracts differently"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.extraction_digests", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--update", action="store_true", help=f"rewrite {DIGESTS.name}")
    args = parser.parse_args(argv)
    old = kept() if DIGESTS.exists() else {}
    new: dict[str, dict[str, str]] = {}
    changed = 0
    for name in corpora():
        now = digests(name)
        if now is None:
            print(f"{name}: not on this machine, kept as it was", file=sys.stderr)
            if name in old:
                new[name] = old[name]
            continue
        new[name] = now
        if not args.update:
            for line in differences(name, now, old.get(name, {})):
                changed += 1
                print(line)
        print(f"{name}: {len(now)} texts", file=sys.stderr)
    if args.update:
        DIGESTS.write_text(json.dumps(new, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return 0
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
