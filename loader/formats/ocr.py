"""OCR of a page image with Tesseract and its Vietnamese model, numbers never invented.

Tesseract (Debian ``tesseract-ocr`` + ``tesseract-ocr-vie``) runs as a subprocess, one page at a
time, with a time limit. It writes hOCR: lines of words with boxes, a confidence for each word
and, with ``lstm_choice_mode=2``, the characters its network weighed at each step of a word
with their confidences. From these :func:`settle_digits` decides what becomes of each number:

- a number read clearly is kept as read (``01/1997/QH10``);
- a number whose digits cannot be trusted becomes U+FFFD REPLACEMENT CHARACTER, one for each
  character of its digit run, so that nothing downstream takes it for a real number. Quyết định
  25/QĐ-TTg of 2010 has its số written by hand, "Số: 25 /QĐ-TTg"; Tesseract reads "¿5", and the
  text says "Số: �� /QĐ-TTg" — never "5/QĐ-TTg" or "¿5";
- a few confusions inside a number that is otherwise clear are corrected, from a table
  (:data:`DIGIT_CONFUSIONS`): ``20/2004/QHI1`` is ``20/2004/QH11``, ``ngày l7`` is ``ngày 17``.

A digit is judged by the network's own weighing of it where the steps of the word can be matched
to its characters (:func:`doubtful_digits`), and by the word's confidence where they cannot:
the word confidence alone is too blunt (a clearly read "10/2003/QH11" can score 0 when
Tesseract's dictionary pass rewrote "QHI1").
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from io import BytesIO

from lxml import etree
from PIL import Image

from loader.errors import MissingTool, ToolFailed

TESSERACT = "tesseract"
LANGUAGE = "vie"
INSTALL_TESSERACT = "apt-get install tesseract-ocr tesseract-ocr-vie"
INSTALL_VIETNAMESE = "apt-get install tesseract-ocr-vie"

# The longest Tesseract may take over one page. An A4 page at 300 dpi takes 1.5-5 s on one
# core (the scanned Quyết định 25/QĐ-TTg of 2010: 1.5 s a page; a page of 10-point type packed
# with 5,000 characters: 5 s), more beside other work; two minutes is a page that will never
# finish (a poster-sized scan, a page of noise), not a slow one.
PAGE_TIMEOUT_SECONDS = 120

# --- how far a digit is believed -----------------------------------------------------------------
# A digit is clear when the network's best choice at its step is that digit (or a look-alike of
# it, with the digit weighed too) with at least this confidence (0-100), and no character that
# would make it another digit comes near it. Typed digits read right on the real scan and the
# fixtures score 81-99 (the "1" of a typed "01" at 81, its look-alikes "l" at 80 and "]" at 76).
MIN_DIGIT_CONFIDENCE = 70
# "Near" is a rival with at least this share of the best choice's confidence (and at least
# MIN_RIVAL_CONFIDENCE). Quyết định 25/QĐ-TTg of 2010, Điều 1: "579/QĐ-TTg" is read "379", "3"
# at 84 with "5" at 78 (0.93); its receipt stamp's handwritten "1" is read "4" at 93 with "-" at
# 86 (in one rendering of the page; in another "4" at 85 with "⁄" at 52 passes). Where
# digits are read right, other rivals stay below three quarters ("1997": "9" at 95, "2" at 26; a
# typed "2024" scanned with specks: "4" at 86, "1" at 57).
MIN_RIVAL_SHARE = 0.8
MIN_RIVAL_CONFIDENCE = 50
# Characters the network weighs against a digit that leave its value alone: a "1" that might be
# an "I" is still a one. Each seen on the real scan: "tháng 01" ("1" at 81, "l" 80, "]" 76),
# "QH11" ("1" 85, "I" 83), "tháng 5" ("5" 91, "Š" 80), "“5." (best "$" 87, "5" 80), "(5b)"
# (best "S" 84, "5" 83), "01/1997" ("0" 95, "Ö" 40, "O").
LOOK_ALIKES = {"0": "OÖØ", "1": "Il]", "5": "SŠ$§"}
# Below this word confidence, the digits of a word are not believed where the steps cannot be
# matched to its characters, and must reach CLEAR_DIGIT_CONFIDENCE where they can. Real readings
# of the same page: the handwritten date "07" read as "Ú7" at 27, the receipt stamp's "152" read
# as "5..." at 0 and its "2010" as "-u1..." at 9 ("1" at 81); typed numbers score 52
# ("622/QĐ-TTg") to 97, or 0 for a "10/2003/QH11" whose digits all score 89-95.
MIN_WORD_CONFIDENCE = 40
CLEAR_DIGIT_CONFIDENCE = 85

# Letters read for digits, and the digit each stands for. They are corrected only inside a run
# of digits that is otherwise clear, standing alone (not after a letter: "CO2" is carbon
# dioxide) or as the legislature's term after "QH". Each has a test row from a real reading.
DIGIT_CONFUSIONS = {
    "l": "1",  # "ngày l7 tháng 5 năm 2009" (Quyết định 25/QĐ-TTg of 2010, Điều 1)
    "I": "1",  # "20/2004/QHI1" (the same text's preamble)
}

# Letters of a số hiệu's symbol that Tesseract doubles, and what they stand for. Two code points
# of one letter side by side occur in no typed text: "579/QĐÐ-TTg" (U+0110 U+00D0; Quyết định
# 25/QĐ-TTg of 2010, page 1) is "579/QĐ-TTg".
SYMBOL_CONFUSIONS = {"ĐÐ": "Đ", "ÐĐ": "Đ"}

# A "word" smaller both ways than this share of the page's usual line height is a speck of dust
# or toner on the scan: Tesseract reads 4 x 4 pixel specks as "-" (confidence 92), "'", "`" or
# "ï" on a page of 50-pixel lines, where a real dash is 11 x 5 and an "a" 20 x 20.
SPECK_SHARE = 0.15

# Characters that may stand next to the digits of a number: separators of symbols and dates,
# signs of units and amounts ("17.000 tỷ đồng", "25%", "100.000đ", "25°C", "m²"), the blank
# of a form ("2024_").
_NUMBER_NEIGHBOURS = frozenset("/.,:;-–—_()[]%'\"“”‘’+×°²³&*#…đĐ")

_XHTML = "{http://www.w3.org/1999/xhtml}"
_LINE_CLASSES = frozenset({"ocr_line", "ocr_textfloat", "ocr_header", "ocr_caption"})
_BBOX = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
_WORD_CONFIDENCE = re.compile(r"x_wconf (\d+)")
_CHOICE_CONFIDENCE = re.compile(r"x_confs ([\d.]+)")
REPLACEMENT = "\ufffd"

# The characters weighed at one step of a word, best first, each with its confidence.
Step = list[tuple[str, float]]


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One word as Tesseract read it, its digits settled, with its box in pixels."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    confidence: float


def tesseract_command(path: str) -> str:
    """The Tesseract executable with the Vietnamese model, or :class:`MissingTool` saying which
    package to install."""
    found = shutil.which(TESSERACT)
    if found is None:
        raise MissingTool(
            path, f"is a scanned PDF: reading it needs Tesseract OCR ({INSTALL_TESSERACT})"
        )
    if LANGUAGE not in _languages(found, os.environ.get("TESSDATA_PREFIX")):
        raise MissingTool(
            path,
            "is a scanned PDF: reading it needs Tesseract's Vietnamese model "
            f"({INSTALL_VIETNAMESE})",
        )
    return found


@functools.cache
def _languages(command: str, tessdata: str | None) -> frozenset[str]:
    """The models this Tesseract has (``tessdata`` keys the cache: it changes the answer)."""
    try:
        listed = subprocess.run(
            [command, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    # The first line says where the models are; then one model a line.
    return frozenset(line.strip() for line in listed.stdout.splitlines()[1:])


def ocr_image(image: Image.Image, dpi: int, path: str, page: int) -> list[list[OcrWord]]:
    """The lines of words Tesseract reads in ``image`` (a page rendered at ``dpi``), numbers
    settled (:func:`settle_digits`). ``page`` (from 1) names the page in messages."""
    command = tesseract_command(path)
    buffer = BytesIO()
    # PNG at the fastest compression: a 300 dpi A4 page is 0.2 MB through the pipe, not 8.
    image.save(buffer, format="PNG", compress_level=1)
    # One thread: Tesseract's OpenMP threads cost more than they give (page 1 of the scanned
    # Quyết định 25/QĐ-TTg: 1.9 s with one, 7 s with its default threads on 2 cores), and the
    # loader's workers already keep the cores busy with a file each.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    args = [command, "stdin", "stdout", "--dpi", str(dpi), "-l", LANGUAGE, "--psm", "3"]
    args += ["-c", "lstm_choice_mode=2", "hocr"]
    try:
        done = subprocess.run(
            args,
            input=buffer.getvalue(),
            capture_output=True,
            timeout=PAGE_TIMEOUT_SECONDS,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise MissingTool(
            path, f"is a scanned PDF: reading it needs Tesseract OCR ({INSTALL_TESSERACT})"
        ) from None
    except subprocess.TimeoutExpired:
        raise ToolFailed(
            path, f"Tesseract took more than {PAGE_TIMEOUT_SECONDS} s over page {page}"
        ) from None
    if done.returncode != 0 or not done.stdout.strip():
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        last = f": {said[-1]}" if said else ""
        raise ToolFailed(path, f"Tesseract failed on page {page} (exit {done.returncode}{last})")
    return parse_hocr(done.stdout)


def parse_hocr(hocr: bytes) -> list[list[OcrWord]]:
    """Lines of words from Tesseract's hOCR, in its order, numbers settled, specks dropped."""
    root = etree.fromstring(hocr, etree.XMLParser(resolve_entities=False, no_network=True))
    lines: list[tuple[int, list[OcrWord]]] = []
    for element in root.iter(f"{_XHTML}span"):
        if element.get("class") not in _LINE_CLASSES:
            continue
        box = _BBOX.search(element.get("title", ""))
        height = int(box.group(4)) - int(box.group(2)) if box else 0
        words = [
            word
            for child in element
            if child.get("class") == "ocrx_word" and (word := _word(child)) is not None
        ]
        if words:
            lines.append((height, words))
    if not lines:
        return []
    speck = SPECK_SHARE * statistics.median(height for height, _ in lines)
    kept = [[w for w in words if not _is_speck(w, speck)] for _, words in lines]
    return [words for words in kept if words]


def _is_speck(word: OcrWord, size: float) -> bool:
    return word.right - word.left < size and word.bottom - word.top < size


def _word(element: etree._Element) -> OcrWord | None:
    title = element.get("title", "")
    box = _BBOX.search(title)
    found = _WORD_CONFIDENCE.search(title)
    text = (element.text or "").strip()
    steps: list[Step] = []
    for child in element:
        if child.get("class") == "ocrx_cinfo":
            steps.append([(choice.text or "", _choice_confidence(choice)) for choice in child])
        text += (child.tail or "").strip()
    if not text or box is None:
        return None
    confidence = float(found.group(1)) if found else 0.0
    left, top, right, bottom = (int(v) for v in box.groups())
    settled = settle_digits(text, confidence, doubtful_digits(text, steps, confidence))
    return OcrWord(mend_symbol(settled), left, top, right, bottom, confidence)


def _choice_confidence(choice: etree._Element) -> float:
    found = _CHOICE_CONFIDENCE.search(choice.get("title", ""))
    return float(found.group(1)) if found else 0.0


def doubtful_digits(
    text: str, steps: list[Step], confidence: float = 100.0
) -> frozenset[int] | None:
    """Positions in ``text`` of the digits the network did not read clearly, or None when its
    steps cannot be matched to the characters of ``text``.

    ``steps`` holds, for each step of Tesseract's network over the word, the characters it
    weighed with their confidence, best first (hOCR with ``lstm_choice_mode=2``). Steps that
    read a space belong to the gap before the word; the others match the characters one to
    one, or not at all. A digit is doubtful when its step's best choice is neither it nor one of
    its :data:`LOOK_ALIKES` weighed together with it, when that choice is weak
    (:data:`MIN_DIGIT_CONFIDENCE`, or :data:`CLEAR_DIGIT_CONFIDENCE` in a word whose
    ``confidence`` is below :data:`MIN_WORD_CONFIDENCE`), or when a character that would make it
    another digit comes near (:data:`MIN_RIVAL_SHARE`).

    >>> sorted(doubtful_digits("379", [[("3", 84.0), ("5", 78.0)], [("7", 95.0)], [("9", 94.0)]]))
    [0]
    >>> sorted(doubtful_digits("11", [[("1", 85.0), ("I", 83.0)], [("1", 94.0), ("]", 66.0)]]))
    []
    >>> doubtful_digits("17", [[("1", 96.0)]]) is None
    True
    """
    steps = [step for step in steps if step and step[0][0] != " "]
    if len(steps) != len(text):
        return None
    floor = MIN_DIGIT_CONFIDENCE if confidence >= MIN_WORD_CONFIDENCE else CLEAR_DIGIT_CONFIDENCE
    doubtful = set()
    for index, (char, step) in enumerate(zip(text, steps, strict=True)):
        if not _is_digit(char):
            continue
        same = {char, *LOOK_ALIKES.get(char, "")}
        best, best_confidence = step[0]
        weighed = max((p for c, p in step if c == char), default=0.0)
        # A best choice that is no look-alike of the digit is its own strongest rival.
        rival = max((p for c, p in step if c.strip() and c not in same), default=0.0)
        if (
            (best != char and weighed < MIN_RIVAL_CONFIDENCE)
            or best_confidence < floor
            or (rival >= MIN_RIVAL_CONFIDENCE and rival >= MIN_RIVAL_SHARE * best_confidence)
        ):
            doubtful.add(index)
    return frozenset(doubtful)


def settle_digits(text: str, confidence: float, doubtful: frozenset[int] | None = None) -> str:
    """The word ``text`` with each of its digit runs kept, corrected or replaced.

    A digit run is a stretch of digits with the characters read among them: letters of the
    confusion table and stray marks (``¿5``, ``Ú7``, ``l7``). A run is replaced by U+FFFD, a
    character for a character, when it holds a stray mark, when one of its digits is
    ``doubtful`` (positions in ``text``: :func:`doubtful_digits`) or, when that is unknown
    (None), when the word's ``confidence`` is below :data:`MIN_WORD_CONFIDENCE`. A clear run
    whose only flaw is a letter of :data:`DIGIT_CONFUSIONS` is corrected.

    >>> settle_digits("¿5", 74.9)
    '��'
    >>> settle_digits("20/2004/QHI1", 73.5)
    '20/2004/QH11'
    >>> settle_digits("01/1997/QH10", 96.0)
    '01/1997/QH10'
    """
    chars = list(text)
    start = 0
    while start < len(chars):
        end = start
        while end < len(chars) and _in_run(chars[end]):
            end += 1
        if end == start:
            start += 1
            continue
        run = chars[start:end]
        if any(_is_digit(ch) for ch in run):
            unclear = (
                confidence < MIN_WORD_CONFIDENCE
                if doubtful is None
                else any(i in doubtful for i in range(start, end))
            )
            if unclear or any(_is_stray(ch) for ch in run):
                chars[start:end] = [REPLACEMENT] * (end - start)
            elif _stands_alone(text, start, end):
                chars[start:end] = [DIGIT_CONFUSIONS.get(ch, ch) for ch in run]
        start = end
    return "".join(chars)


def mend_symbol(text: str) -> str:
    """A số hiệu read with a letter of its symbol doubled, mended (:data:`SYMBOL_CONFUSIONS`).

    >>> mend_symbol("579/QĐÐ-")
    '579/QĐ-'
    """
    if "/" not in text or not any(_is_digit(ch) for ch in text):
        return text
    for wrong, right in SYMBOL_CONFUSIONS.items():
        text = text.replace(wrong, right)
    return text


def _is_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def _in_run(ch: str) -> bool:
    return _is_digit(ch) or ch in DIGIT_CONFUSIONS or _is_stray(ch)


def _is_stray(ch: str) -> bool:
    """A mark that is no part of a number: not an ASCII letter or digit, not a separator or
    unit sign, not a space (``¿`` for a handwritten "2", ``Ú`` for a "0")."""
    return not (ch.isascii() and ch.isalnum()) and not ch.isspace() and ch not in _NUMBER_NEIGHBOURS


def _stands_alone(text: str, start: int, end: int) -> bool:
    """The run is a number of its own, or the legislature's term after "QH" (``QHI1``)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if after.isalpha():
        return False
    return not before.isalpha() or text[:start].endswith("QH")
