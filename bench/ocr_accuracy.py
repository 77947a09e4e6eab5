"""How well the loader reads a scanned PDF: share of characters right, and seconds a page.

    python3 bench/ocr_accuracy.py SCAN.pdf TRANSCRIPTION.txt
    python3 -m bench.ocr_accuracy SCAN.pdf TRANSCRIPTION.txt

Reads ``SCAN.pdf`` as the loader does (:func:`loader.read.read_path`: OCR of its scanned pages,
numbers settled, page chrome dropped) and compares the text with a transcription made by hand
from the page images: the share of characters right is 1 - edit distance / length of the
transcription, after the normalisation the loader applies to every text (NFC, look-alikes
folded) and with every run of whitespace made one space, so that line breaks and paragraph
joins do not count. The transcription holds the text in reading order (columns of the header
one after the other) without page numbers, which the loader drops.

Also printed: the digits of the transcription the loader got right, those it marked unread
(U+FFFD) and those it got wrong, from an alignment of the two texts (difflib's, approximate
where the texts differ a lot). A benchmark, never asserted in the tests.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loader.formats.ocr import REPLACEMENT  # noqa: E402
from loader.read import normalise, read_path  # noqa: E402


def comparable(text: str) -> str:
    """The loader's normalisation, whitespace runs made one space, ends trimmed."""
    return re.sub(r"\s+", " ", normalise(text)).strip()


def edit_distance(one: str, other: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions all cost 1).

    >>> edit_distance("Số: 25 /QĐ-TTg", "Số: �� /QĐ-TTg")
    2
    >>> edit_distance("QH11", "QHI1")
    1
    """
    if len(one) < len(other):
        one, other = other, one
    previous = list(range(len(other) + 1))
    for i, char in enumerate(one, 1):
        current = [i]
        for j, other_char in enumerate(other, 1):
            current.append(
                min(
                    previous[j] + 1,
                    current[j - 1] + 1,
                    previous[j - 1] + (char != other_char),
                )
            )
        previous = current
    return previous[-1]


def digit_counts(truth: str, read: str) -> tuple[int, int, int]:
    """Digits of ``truth`` read right, read as U+FFFD (unread) and read as something else."""
    right = unread = wrong = 0
    matcher = difflib.SequenceMatcher(None, truth, read, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        digits = sum(ch.isdigit() for ch in truth[i1:i2])
        if tag == "equal":
            right += digits
            continue
        marked = min(digits, read[j1:j2].count(REPLACEMENT))
        unread += marked
        wrong += digits - marked
    return right, unread, wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scan", type=Path, help="a scanned PDF")
    parser.add_argument("transcription", type=Path, help="its text, typed by hand (UTF-8)")
    args = parser.parse_args(argv)
    pages = 0

    def count(done: int, total: int) -> None:
        nonlocal pages
        pages = total

    start = time.perf_counter()
    source = read_path(args.scan, count)
    seconds = time.perf_counter() - start
    truth = comparable(args.transcription.read_text(encoding="utf-8"))
    read = comparable(source.text)
    distance = edit_distance(truth, read)
    right, unread, wrong = digit_counts(truth, read)
    print(f"{args.scan.name}: {pages} pages, read as {source.encoding}")
    print(f"characters right: {1 - distance / len(truth):.3f} ({distance} edits over {len(truth)})")
    print(f"digits: {right} right, {unread} marked unread ({REPLACEMENT}), {wrong} wrong or lost")
    print(f"seconds a page: {seconds / max(pages, 1):.2f} ({seconds:.1f} s in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
