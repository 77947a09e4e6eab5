"""Extraction takes time linear in the text, whatever the text (issue 13): a property over the
families of input that made the old patterns backtrack — runs of spaces (text copied out of a
PDF), long sentences, repeated words, coordinators, brackets and quotes — put in each place a
pattern reads: between two references, after one, in a task, in a list, in the header.

Growth, not speed: each case times the same text at two sizes, eight times apart, in one run,
and asks for far less than the 64 times a quadratic pattern costs (a cubic one, 512). A ratio
measured beside itself needs no fixed budget, so a slow or busy machine does not fail it.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]

HEADER = (
    "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 12/CT-BTTTT\nHà Nội, ngày 10 tháng 5 năm 2024\n\nCHỈ THỊ\n\n"
)
# Where a filler goes: each family is a text with one hole.
FAMILIES: dict[str, Callable[[str], str]] = {
    "between two references": lambda f: (
        f"{HEADER}Căn cứ Nghị định số 1/2020/NĐ-CP{f}của Chính phủ và Nghị định số 2/2020/NĐ-CP.\n"
    ),
    "between two references, words after": lambda f: (
        f"{HEADER}Căn cứ Nghị định số 1/2020/NĐ-CP ngày 01/02/2020{f}để thực hiện Nghị định số "
        "2/2020/NĐ-CP.\n"
    ),
    "before a verb that ends an act": lambda f: (
        f"{HEADER}2. Quyết định số 3/2019/QĐ-UBND ngày 05/7/2019{f}hết hiệu lực kể từ ngày "
        "Quyết định này có hiệu lực.\n"
    ),
    "inside a quoted name": lambda f: (
        f"{HEADER}Thực hiện Chiến lược “Chính phủ số{f}” theo Quyết định số 942/QĐ-TTg.\n"
    ),
    "after a named policy": lambda f: (
        f"{HEADER}Thực hiện Chiến lược phát triển Chính phủ số đến năm 2025{f}Quyết định số "
        "942/QĐ-TTg ngày 15/6/2021.\n"
    ),
    "in a task": lambda f: (
        f"{HEADER}1. Cục Báo chí chủ trì,{f}phối hợp với Vụ Pháp chế triển khai Quyết định số "
        "749/QĐ-TTg ngày 03/6/2020.\n"
    ),
    "in a list": lambda f: (
        f"{HEADER}Bãi bỏ các Quyết định sau:{f}\n- Quyết định số 5/2010/QĐ-UBND;\n"
        "- Quyết định số 6/2011/QĐ-UBND.\n"
    ),
    "in the provisions": lambda f: (
        f"{HEADER}Bãi bỏ khoản 2{f}Điều 21, điểm a{f}khoản 1 Nghị định số 40/2004/NĐ-CP.\n"
    ),
    "after the number line": lambda f: f"{HEADER.replace('Số: 12/CT-BTTTT', 'Số:' + f)}Nội dung.\n",
    # One verb, then reference after reference in one sentence: the words from the verb to each
    # and the effect clause were searched once per reference (bench/fuzz.py).
    "references after one verb": lambda f: (
        f"{HEADER}Điều 2. Bãi bỏ toàn bộ các văn bản sau: Quyết định số 5/2010/QĐ-UBND{f}; "
        "Quyết định này có hiệu lực kể từ ngày ký.\n"
    ),
    # A label, then words that might be a list of names (tasks.leads.is_name_list).
    "after a label": lambda f: f"{HEADER}1. Bộ Công an:{f}.\n",
}
PIECES = [" ", "  ", "\t", " \n", ", ", "; ", ": ", " và ", " hoặc ", "(", ")", "“", "”", "abc "]
PIECES += ["số ", "Điều 1 ", "khoản 2 ", "của ", "được ", "đã ", "theo ", "quy định tại "]
PIECES += [", Nghị định số 1/2020/NĐ-CP", " Tiếp tục hưởng ứng", " Tài chính,"]
SMALL = 1_500  # characters of filler in the smaller text
TIMES = 8  # the larger has eight times as much
MAX_RATIO = 24  # linear is ~8, quadratic 64
TIMEOUT = 60  # seconds: a cubic pattern would take hours on the larger text

# Timed in a child process, so that a pattern gone cubic fails at the time-out instead of holding
# the suite for hours (a regular expression cannot be interrupted).
_TIMER = """
import sys, time
from loader.parse import parse
from loader.read import SourceText, normalise
from loader.relate import extract_citations
from loader.tasks import extract_tasks
source = SourceText("growth.txt", normalise(sys.stdin.read()), "0" * 64, "utf-8")
best = float("inf")
for _ in range(3):
    start = time.process_time()
    parsed = parse(source)
    extract_tasks(parsed, extract_citations(parsed))
    best = min(best, time.process_time() - start)
print(best)
"""


def cost(text: str) -> float:
    """CPU seconds to extract ``text``'s citations and tasks, the least of three runs."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _TIMER],
            input=text,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            cwd=ROOT,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return float("inf")
    return float(done.stdout)


# The shapes that once backtracked, always tried; hypothesis adds its own mixtures.
KNOWN = [(family, filler) for family in FAMILIES for filler in (" ", " \n\t", ", ")]
KNOWN += [
    ("references after one verb", ", Nghị định số 1/2020/NĐ-CP"),
    ("references after one verb", ", Quyết định số 7/2011/QĐ-UBND ngày 01/02/2011"),
    ("after a label", " Tiếp tục hưởng ứng"),
    ("after a label", " Tài chính,"),
]


@settings(max_examples=12, deadline=None, derandomize=True, database=None)
@given(
    family=st.sampled_from(sorted(FAMILIES)),
    filler=st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map("".join),
)
def test_extraction_time_grows_linearly(family: str, filler: str) -> None:
    grows_linearly(family, filler)


@pytest.mark.parametrize(("family", "filler"), KNOWN)
def test_the_shapes_that_backtracked_grow_linearly(family: str, filler: str) -> None:
    grows_linearly(family, filler)


def grows_linearly(family: str, filler: str) -> None:
    make = FAMILIES[family]
    small = make(filler * (SMALL // len(filler) + 1))
    large = make(filler * (TIMES * SMALL // len(filler) + 1))
    small_cost, large_cost = cost(small), cost(large)
    assert small_cost < TIMEOUT, (
        f"{family}: {filler!r} takes over {TIMEOUT} s on {len(small)} chars"
    )
    ratio = large_cost / max(small_cost, 1e-4)
    assert ratio < MAX_RATIO, f"{family}: {filler!r} × {TIMES} costs {ratio:.0f}×"
