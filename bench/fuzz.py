"""Fuzzing the whole extraction: real texts mutated at random, read and extracted as a worker does.

    python -m bench.fuzz                  # 10,000 texts, seed 0
    python -m bench.fuzz -n 500 --seed 7  # others
    python -m bench.fuzz --save DIR       # also write the texts that raised or took over 1 s

Each case takes one of the project's texts (``samples/`` and the readable texts of
``tests/fixtures/formats``) and applies a few mutations: slices inserted, deleted or duplicated,
runs of spaces (text copied out of a PDF) anywhere or right after a số hiệu, brackets and quotes
(nested or not), citation fragments repeated (``Nghị định số 1/2020/NĐ-CP và``, ``khoản 2 Điều
3``, ``Căn cứ``), control characters and random Unicode, a window cut out. The text is then
encoded as UTF-8 and goes through what a worker of ``python -m loader`` does with a file:
:func:`loader.read.read_bytes` (sniff, decode, normalise, strip chrome), then
:func:`loader.pipeline.extract`.

A reader refusing a text (a :class:`loader.errors.LoaderError`: NUL bytes, no text) is a one-line
failure, as intended, and is counted apart; any other exception is a bug. Printed: how many raised,
the CPU time of each text's extraction (max, p99, p50) and how many took over 1 s. Each case is
built from ``(seed, index)`` alone (:func:`fuzz_case`), so a case can be rebuilt by its number;
tests/hostile/test_fuzz.py runs the first 200 of seed 0. A benchmark, not a test: nothing here is
asserted. Every case runs under the loader's extraction budget, so a runaway case ends there.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from loader.budget import EXTRACTION_BUDGET_SECONDS, extraction_budget
from loader.errors import ExtractionTooLong, LoaderError
from loader.pipeline import extract
from loader.read import read_bytes, read_path

ROOT = Path(__file__).resolve().parents[1]
# Formats read without an outside tool (antiword, Tesseract) or OCR's seconds a page.
SEED_SUFFIXES = (".txt", ".html", ".htm", ".rtf", ".docx")
SLOW_SECONDS = 1.0  # the threshold: a text over it is reported

# Pieces of legal prose that the citation patterns read: repeated, they make long lists,
# long sentences and runs of coordinators.
FRAGMENTS = (
    "Nghị định số 1/2020/NĐ-CP",
    "Quyết định số 749/QĐ-TTg ngày 03/6/2020",
    "Thông tư 01/2016/TTLT-BTC-BLĐTBXH",
    "Chỉ thị 01/CT-BTTTT",
    "18-NQ/TW",
    "Căn cứ ",
    "và ",
    "hoặc ",
    ", ",
    "; ",
    "khoản 2 Điều 21 ",
    "điểm a ",
    "số ",
    "ngày 20 tháng 01 năm 2024 ",
    "của Chính phủ ",
    "sửa đổi, bổ sung ",
    "thay thế ",
    "bãi bỏ ",
    "Luật Viễn thông năm 2023",
    "Chương trình Chuyển đổi số quốc gia",
    "Cục Báo chí chủ trì, phối hợp với ",
    "hoàn thành trong Quý II/2025",
    "Số: ",
    "\n1. ",
    "\n- ",
    "\n* Nhiệm vụ năm 2025\n",
)
BRACKETS = tuple((pair[0], pair[1]) for pair in ("()", "[]", "{}", "“”", '""', "«»", "‘’", "<>"))
SPACES = (" ", "\t", "\u00a0", " \n", "\u3000", "\u2003")
CONTROLS = [chr(c) for c in (*range(1, 9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0))]
# Code points a Vietnamese text may meet, and some it should not: combining marks, look-alikes,
# invisibles, right-to-left marks, CJK, emoji, private use.
UNICODE_RANGES = (
    (0x0300, 0x036F),
    (0x00C0, 0x024F),
    (0x1EA0, 0x1EF9),
    (0x2000, 0x206F),
    (0x0590, 0x06FF),
    (0x4E00, 0x4FFF),
    (0x1F300, 0x1F64F),
    (0xE000, 0xE0FF),
    (0xFE00, 0xFE0F),
    (0xFFF0, 0xFFFD),
)
MAX_CASE_CHARS = 200_000  # a mutated text is cut to this (a Bộ luật is ~1 MB; most are 5-60 KB)


@cache
def seed_texts() -> tuple[str, ...]:
    """The texts cases start from: the samples and the readable fixtures, as the loader reads
    them (a .docx's text, not its bytes)."""
    paths = sorted((ROOT / "samples").glob("*.txt"))
    fixtures = sorted((ROOT / "tests" / "fixtures" / "formats").iterdir())
    paths += [p for p in fixtures if p.suffix in SEED_SUFFIXES]
    texts = []
    for path in paths:
        try:
            texts.append(read_path(path).text)
        except LoaderError:
            continue  # a fixture made to fail
    return tuple(texts)


def _at(rng: random.Random, text: str) -> int:
    return rng.randint(0, len(text))


def _slice(rng: random.Random, text: str, longest: int = 2_000) -> tuple[int, int]:
    start = _at(rng, text)
    return start, min(len(text), start + rng.randint(0, longest))


def _insert(text: str, at: int, piece: str) -> str:
    return text[:at] + piece + text[at:]


def _insert_slice(rng: random.Random, text: str) -> str:
    source = rng.choice(seed_texts()) if rng.random() < 0.3 else text
    start, end = _slice(rng, source)
    return _insert(text, _at(rng, text), source[start:end])


def _delete_slice(rng: random.Random, text: str) -> str:
    start, end = _slice(rng, text)
    return text[:start] + text[end:]


def _duplicate_slice(rng: random.Random, text: str) -> str:
    start, end = _slice(rng, text, 300)
    return _insert(text, end, text[start:end] * rng.randint(2, 30))


def _space_run(rng: random.Random, text: str) -> str:
    run = rng.choice(SPACES) * rng.choice((10, 200, 1_000, 5_000, 20_000))
    return _insert(text, _at(rng, text), run)


# A số hiệu ("1/2020/NĐ-CP", "749/QĐ-TTg", "18-NQ/TW"): where the citation patterns start
# reading. A run of spaces between two references (text copied out of a PDF) made relate.py's
# patterns backtrack with the square or the cube of the run (issue 13).
_NUMBER = re.compile(r"\d+(?:/\d{4})?[/-][A-ZĐ]+(?:[/-][A-Za-zĐ]+)*")


def _around_reference(rng: random.Random, text: str) -> str:
    found = [m.end() for m in _NUMBER.finditer(text)]
    at = rng.choice(found) if found else _at(rng, text)
    filler = rng.choice((*SPACES, ", ", " và ", "; ", " hoặc "))
    return _insert(text, at, filler * rng.choice((100, 800, 3_200, 10_000)))


def _brackets(rng: random.Random, text: str) -> str:
    opening, closing = rng.choice(BRACKETS)
    depth = rng.choice((1, 5, 50, 500, 3_000))
    start, end = _slice(rng, text, 500)
    if rng.random() < 0.3:  # unbalanced
        return _insert(text, start, opening * depth)
    return text[:start] + opening * depth + text[start:end] + closing * depth + text[end:]


def _fragments(rng: random.Random, text: str) -> str:
    chosen = [rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 4))]
    separator = rng.choice(("", " ", ", ", " và ", "\n", " " * 40))
    piece = separator.join(chosen * rng.choice((2, 20, 200, 1_000)))
    return _insert(text, _at(rng, text), piece)


def _controls(rng: random.Random, text: str) -> str:
    pool = CONTROLS + ["\x00"] if rng.random() < 0.1 else CONTROLS  # NUL: a reader refuses it
    for _ in range(rng.randint(1, 50)):
        text = _insert(text, _at(rng, text), rng.choice(pool))
    return text


def _unicode(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 50)):
        low, high = rng.choice(UNICODE_RANGES)
        piece = "".join(chr(rng.randint(low, high)) for _ in range(rng.randint(1, 20)))
        text = _insert(text, _at(rng, text), piece)
    return text


def _window(rng: random.Random, text: str) -> str:
    start, end = _slice(rng, text, rng.choice((200, 3_000, 20_000)))
    return text[start:end]


def _lines_joined(rng: random.Random, text: str) -> str:
    start, end = _slice(rng, text, 10_000)
    return text[:start] + text[start:end].replace("\n", rng.choice((" ", "  ", ""))) + text[end:]


def _without_diacritics(rng: random.Random, text: str) -> str:
    start, end = _slice(rng, text, 5_000)
    plain = "".join(
        c for c in unicodedata.normalize("NFD", text[start:end]) if not unicodedata.combining(c)
    )
    return text[:start] + plain.replace("đ", "d").replace("Đ", "D") + text[end:]


def _case_swapped(rng: random.Random, text: str) -> str:
    start, end = _slice(rng, text, 5_000)
    return text[:start] + text[start:end].swapcase() + text[end:]


MUTATIONS: dict[str, Callable[[random.Random, str], str]] = {
    "insert slice": _insert_slice,
    "delete slice": _delete_slice,
    "duplicate slice": _duplicate_slice,
    "space run": _space_run,
    "run after a reference": _around_reference,
    "brackets": _brackets,
    "citation fragments": _fragments,
    "control characters": _controls,
    "random unicode": _unicode,
    "window": _window,
    "lines joined": _lines_joined,
    "without diacritics": _without_diacritics,
    "case swapped": _case_swapped,
}


@dataclass(frozen=True, slots=True)
class Case:
    """One fuzzed text: its number, the mutations applied (in order) and the text."""

    index: int
    mutations: tuple[str, ...]
    text: str

    @property
    def name(self) -> str:
        return f"fuzz_{self.index:05d}.txt"


def fuzz_case(index: int, seed: int = 0) -> Case:
    """Case ``index`` of ``seed``: the same text on every machine and run."""
    rng = random.Random(f"{seed}:{index}")
    text = rng.choice(seed_texts())
    applied = []
    for _ in range(rng.randint(1, 6)):
        name = rng.choice(sorted(MUTATIONS))
        text = MUTATIONS[name](rng, text)[:MAX_CASE_CHARS]
        applied.append(name)
    return Case(index, tuple(applied), text)


@dataclass(slots=True)
class Outcome:
    """What reading and extracting one case did."""

    cpu: float  # seconds of CPU of the extraction (0 if the reader refused the text)
    refused: str | None = None  # the reader's one-line problem
    error: str | None = None  # an exception other than LoaderError: a bug


def run_case(case: Case, budget: float | None = EXTRACTION_BUDGET_SECONDS) -> Outcome:
    """Read ``case`` as a file's bytes and extract it, as a worker of the loader does (under the
    extraction budget)."""
    try:
        source = read_bytes(case.text.encode("utf-8"), case.name)
    except LoaderError as exc:
        return Outcome(0.0, refused=exc.problem)
    except Exception as exc:  # noqa: BLE001 - what the fuzzer is looking for
        return Outcome(0.0, error=f"read: {type(exc).__name__}: {exc}")
    start = time.process_time()
    try:
        with extraction_budget(case.name, budget):
            extract(source)
    except ExtractionTooLong as exc:
        return Outcome(time.process_time() - start, error=exc.problem)
    except Exception as exc:  # noqa: BLE001 - what the fuzzer is looking for
        return Outcome(time.process_time() - start, error=f"{type(exc).__name__}: {exc}")
    return Outcome(time.process_time() - start)


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.fuzz", description=__doc__.split("\n")[0]
    )
    parser.add_argument("-n", type=int, default=10_000, help="cases (default 10,000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save", type=Path, metavar="DIR", help="write the bad and slow texts")
    parser.add_argument("--out", type=Path, metavar="JSON", help="also write the figures")
    args = parser.parse_args(argv)

    cpu: list[float] = []
    errors: list[tuple[int, str, tuple[str, ...]]] = []
    refused: Counter[str] = Counter()
    slow: list[tuple[float, int, int]] = []  # (seconds, case, characters)
    started = time.monotonic()
    for index in range(args.n):
        case = fuzz_case(index, args.seed)
        outcome = run_case(case)
        if outcome.refused is not None:
            refused[outcome.refused.split(" (")[0].split(":")[0]] += 1
            continue
        cpu.append(outcome.cpu)
        if outcome.error is not None:
            errors.append((index, outcome.error, case.mutations))
        if outcome.cpu > SLOW_SECONDS:
            slow.append((outcome.cpu, index, len(case.text)))
        if args.save and (outcome.error is not None or outcome.cpu > SLOW_SECONDS):
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / case.name).write_text(case.text, "utf-8")
        if (index + 1) % 500 == 0:
            print(f"{index + 1} cases, {time.monotonic() - started:.0f} s", file=sys.stderr)

    figures = {
        "cases": args.n,
        "seed": args.seed,
        "extracted": len(cpu),
        "refused by a reader": sum(refused.values()),
        "raised": len(errors),
        "cpu max s": max(cpu, default=0.0),
        "cpu p99 s": percentile(cpu, 0.99),
        "cpu p50 s": percentile(cpu, 0.50),
        f"over {SLOW_SECONDS:g} s": len(slow),
    }
    for name, value in figures.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{name:>22}: {shown}")
    for problem, count in refused.most_common():
        print(f"  refused, {count}: {problem}")
    for index, error, mutations in errors[:20]:
        print(f"  raised, case {index} ({', '.join(mutations)}): {error}")
    for seconds, index, size in sorted(slow, reverse=True)[:20]:
        print(f"  slow, case {index}: {seconds:.2f} s, {size} characters")
    if args.out:
        figures["errors"] = [list(e) for e in errors]
        figures["slow"] = [list(s) for s in slow]
        args.out.write_text(json.dumps(figures, ensure_ascii=False, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
