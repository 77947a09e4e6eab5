"""Score citation extraction on the seed and dev texts against the hand-made gold.

    python -m bench.score_dev [--export /tmp/score_dev.json] [--quiet]

Reads each text of ``../shared/corpus/seeds`` and ``../shared/corpus/dev``, parses it, extracts its
citations, writes one node-link export in memory → JSON (own document with ``source_path`` = the
file, cited stubs, edges), then runs ``../shared/eval/score.py`` on it. No store is involved, so
the figure measures find → resolve → relate alone. The last line printed is score.py's SUMMARY.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from graph.identity import document_id, file_document_id, number_year
from graph.model import Document, edge_to_dict, node_to_dict
from loader.parse import ParsedText
from loader.read import SourceText
from loader.relate import Citations, extract_citations

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = (SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev")
GOLD = SHARED / "eval" / "gold"
SCORER = SHARED / "eval" / "score.py"


def parse_file(path: Path) -> ParsedText:
    """The project's read → parse; a crude stand-in only while those stages are unfinished."""
    try:
        from loader.parse import parse
        from loader.read import read_path

        return parse(read_path(str(path)))
    except (ImportError, NotImplementedError):
        return _stand_in(path)


def _stand_in(path: Path) -> ParsedText:
    import hashlib
    import re

    from graph.identity import canonical_number, clean, doc_type_from_number

    raw = path.read_bytes()
    text = clean(raw.decode("utf-8", errors="replace")).replace("\r\n", "\n")
    head = re.search(r"Số(?: hiệu)?\s*:?\s*(\d+\s?/[^\s|,]+)", text[:3000])
    number = canonical_number(head.group(1)) if head else None
    year_match = re.search(r"ngày \d{1,2} tháng \d{1,2} năm (\d{4})", text[:3000])
    year = number_year(number) if number else None
    year = year or (int(year_match.group(1)) if year_match else None)
    doc_type = doc_type_from_number(number) if number else "unknown"
    doc_id = document_id(number, year) if number else file_document_id(str(path), doc_type)
    document = Document(
        id=doc_id, doc_type=doc_type, number=number, year=year, source_path=str(path)
    )
    source = SourceText(str(path), text, hashlib.sha256(raw).hexdigest(), "utf-8")
    own = (head.span(),) if head else ()
    return ParsedText(source=source, document=document, own_spans=own)


def export(paths: list[Path]) -> tuple[dict[str, Any], list[str]]:
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[dict[str, Any]] = []
    problems: list[str] = []
    for path in paths:
        try:
            parsed = parse_file(path)
        except Exception as error:  # a bench reports every failure and goes on
            problems.append(f"{path.name}: {type(error).__name__}: {error}")
            continue
        own = parsed.document
        citations: Citations = extract_citations(parsed)
        for stub in citations.cited:
            if stub.id != own.id and stub.id not in nodes:
                nodes[stub.id] = node_to_dict(stub)
        nodes[own.id] = node_to_dict(replace(own, source_path=str(path)))
        edges.extend(edge_to_dict(edge) for edge in citations.edges)
    return {"nodes": list(nodes.values()), "edges": edges}, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", default="/tmp/score_dev.json", help="where to write the export")
    parser.add_argument("--quiet", action="store_true", help="no per-text misses and extras")
    args = parser.parse_args(argv)
    if not SCORER.exists():
        print(f"{SCORER} not found: the shared corpus and gold are needed", file=sys.stderr)
        return 2
    paths = sorted(p for corpus in CORPORA for p in corpus.iterdir() if p.suffix in (".txt", ".md"))
    data, problems = export(paths)
    for problem in problems:
        print(f"failed: {problem}", file=sys.stderr)
    Path(args.export).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    command = [sys.executable, str(SCORER), args.export, str(GOLD)]
    if not args.quiet:
        command.append("--verbose")
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
