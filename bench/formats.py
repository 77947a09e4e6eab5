"""How fast each reader turns files into text, against the read stage on the same text as .txt.

    python -m bench.formats                    # the shared formats set, dev2's pages, the fixtures
    python -m bench.formats FILE... [--runs 5]

For every file: its format, the bytes read, the median seconds of ``loader.read.read_path`` over
``--runs`` runs, the throughput (MB of file a second; seconds a page for a scan read by OCR), and
the ratio to the limit measured beside it: the same extracted text saved as UTF-8 ``.txt`` and
read by the same stage (what the file would cost if it had been plain text). A benchmark, not a
test: nothing here is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from loader.formats import FORMATS
from loader.read import read_path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"

# What each format's reader is built on, for the table.
LIBRARIES = {
    "text": "codecs (+ legacy tables)",
    "html": "lxml",
    "docx": "python-docx (lxml)",
    "doc": "antiword",
    "rtf": "own tokenizer",
    "pdf": "pypdfium2",
}


@dataclass(frozen=True, slots=True)
class Row:
    path: Path
    format: str
    ocr: bool
    size: int
    pages: int
    seconds: float  # median, the whole read stage
    plain: float  # median, the same text read as .txt

    @property
    def library(self) -> str:
        return "pypdfium2 + Tesseract (vie)" if self.ocr else LIBRARIES[self.format]

    def cells(self) -> list[str]:
        rate = (
            f"{self.seconds / self.pages:.2f} s/page"
            if self.ocr
            else (f"{self.size / self.seconds / 1e6:.2f} MB/s")
        )
        return [
            self.path.name,
            self.format + (" (OCR)" if self.ocr else ""),
            self.library,
            f"{self.size / 1024:.0f} KiB",
            f"{self.seconds * 1000:.1f} ms",
            rate,
            f"{self.plain / self.seconds:.2g}",
        ]


def default_files() -> list[Path]:
    files = []
    if SHARED.is_dir():
        files += sorted((SHARED / "formats").iterdir())
        files += sorted((SHARED / "dev2").glob("*.html"))
    fixtures = ROOT / "tests" / "fixtures" / "formats"
    files += sorted(p for p in fixtures.glob("*_000.*"))
    files += [fixtures / "pdf_text_layer.pdf", fixtures / "pdf_scan.pdf"]
    return [p for p in files if p.is_file()]


def _median_seconds(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read_path(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(path: Path, runs: int) -> Row:
    source = read_path(path)  # a warm-up, and the text the limit is measured on
    seconds = _median_seconds(path, 1 if source.ocr else runs)
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "same.txt"
        plain.write_text(source.text, encoding="utf-8")
        limit = _median_seconds(plain, runs)
    pages = 1
    if source.format == "pdf":
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(str(path)))
    return Row(path, source.format, source.ocr, path.stat().st_size, pages, seconds, limit)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.formats", description=__doc__)
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE")
    parser.add_argument("--runs", type=int, default=5, help="timed runs a file (OCR: one)")
    args = parser.parse_args(argv)
    files = args.files or default_files()
    header = ["file", "format", "read with", "size", "read", "throughput", "× .txt"]
    rows = []
    for path in files:
        print(f"reading {path}", file=sys.stderr)
        rows.append(measure(path, args.runs).cells())
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for line in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
    known = ", ".join(sorted(FORMATS))
    print(f"\n× .txt: the read stage on the same text saved as .txt, divided by this ({known})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
