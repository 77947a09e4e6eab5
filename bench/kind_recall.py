"""Typed recall per relation kind of a graph export against a gold set.

    python -m bench.kind_recall EXPORT.json ../shared/eval/gold-dev2

score.py gives one typed figure for all kinds; a wrong AMENDS hides among a hundred right
BASED_ON. This counts, for each kind the gold names (a citation's ``relation``, and a
third-party relation's), how many the export gives with that kind (or one the gold also
accepts), using score.py's own matching so the two never disagree on what a hit is.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


def scorer(path: Path = SCORER) -> ModuleType:
    """score.py as a module (it lives beside the gold, outside the project)."""
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"error: {path}: cannot load score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def kind_recall(export: dict[str, Any], gold_dir: Path, score: ModuleType) -> dict[str, Counter]:
    """{kind: Counter(total=…, typed=…, found=…)} over the citations and third-party relations."""
    nodes = {str(n["id"]): n for n in export["nodes"]}
    edges = export["edges"]
    by_file: dict[str, set[str]] = {}
    for node in nodes.values():
        if node.get("source_path"):
            by_file.setdefault(Path(str(node["source_path"])).name, set()).add(str(node["id"]))
    counts: dict[str, Counter] = {}
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        own = by_file.get(gold["file"], set())
        out: dict[str, set[str]] = {}
        for e in edges:
            if str(e["source"]) in own and str(e["target"]) in nodes:
                out.setdefault(str(e["target"]), set()).add(e["type"])
        for c in gold["citations"]:
            tally = counts.setdefault(c["relation"], Counter())
            tally["total"] += 1
            hits = [n for n in out if score.target_matches(c["target"], nodes[n])]
            if hits:
                tally["found"] += 1
                if any(out[h] & {c["relation"], *c.get("also_ok", [])} for h in hits):
                    tally["typed"] += 1
        for tp in gold.get("third_party_relations", []):
            tally = counts.setdefault(f"{tp['relation']} (third party)", Counter())
            tally["total"] += 1
            src = {k: tp.get(f"source_{k}") for k in ("number", "year", "name")}
            dst = {k: tp.get(f"target_{k}") for k in ("number", "year", "name")}
            ok = {tp["relation"], *tp.get("also_ok", [])}
            pairs = [
                (nodes.get(str(e["source"])), nodes.get(str(e["target"])), e["type"]) for e in edges
            ]
            matched = [
                kind
                for a, b, kind in pairs
                if a is not None
                and b is not None
                and score.target_matches(src, a)
                and score.target_matches(dst, b)
            ]
            if matched:
                tally["found"] += 1
                if set(matched) & ok:
                    tally["typed"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", type=Path, help="a JSON export (python -m graph export)")
    parser.add_argument("gold", type=Path, help="a gold directory of ../shared/eval")
    parser.add_argument(
        "--scorer", type=Path, default=SCORER, help="score.py (default: ../shared/eval/score.py)"
    )
    args = parser.parse_args(argv)
    export = json.loads(args.export.read_text(encoding="utf-8"))
    counts = kind_recall(export, args.gold, scorer(args.scorer))
    print(f"{'kind':28} {'gold':>5} {'found':>6} {'typed':>6} {'recall':>7}")
    total, typed = 0, 0
    for kind in sorted(counts):
        tally = counts[kind]
        total, typed = total + tally["total"], typed + tally["typed"]
        print(
            f"{kind:28} {tally['total']:5} {tally['found']:6} {tally['typed']:6} "
            f"{tally['typed'] / tally['total']:7.2f}"
        )
    print(f"{'all':28} {total:5} {'':6} {typed:6} {typed / total if total else 0:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
