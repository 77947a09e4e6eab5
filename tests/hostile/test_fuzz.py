"""A fuzz target for the whole extraction (issue 13): real texts mutated at random (slices
inserted, deleted and duplicated, space runs, brackets, repeated citation fragments, control
characters, random Unicode; see bench/fuzz.py), read and extracted as a worker of the loader does.

A reader may refuse a mutated text with its one-line problem (NUL bytes, nothing left); any other
exception fails. The cases are fixed (seed 0, the first :data:`CASES`), so a failure names a case
that ``python -m bench.fuzz`` rebuilds; the benchmark runs 10,000 and times them. Each case runs
under the loader's extraction budget: a runaway case fails there instead of holding the suite.
"""

from __future__ import annotations

import pytest

from bench.fuzz import MUTATIONS, Case, fuzz_case, run_case

CASES = 200
HEADER = (
    "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 12/CT-BTTTT\nHà Nội, ngày 10 tháng 5 năm 2024\n\nCHỈ THỊ\n\n"
)
# What the benchmark's 10,000 cases found, each a case of its own, reduced to its shape.
FOUND = {
    # find.py's _NAME_FOLLOWER tried every split of the run: 20,000 em spaces took 17 s, these
    # 200,000 would take half an hour and now end at the budget if it comes back (seed 0, case
    # 4568: a space run in seed 003).
    "em spaces after a name continued past a comma": (
        "Ban hành Chương trình thúc đẩy, hỗ trợ chuyển đổi" + "\u2003" * 200_000 + "IPv6 cho cơ "
        "quan nhà nước.\n"
    ),
    # relate.py's _independent read back one colon at a time, recursing past Python's limit
    # (RecursionError; case 7069: "Số: " repeated by the citation fragments).
    "a thousand colons before a reference": "Số: " * 3_000 + "Nghị định số 1/2020/NĐ-CP.\n",
    # tasks.leads' _NAME_LIST tried every way of cutting the words after a label into names, any
    # accented letter opening one: 68 s for this line with four repeats, hours for twelve (cases
    # 316, 1660, 3307 and 8332: "1. Bộ Công an: Tiếp tục hưởng ứng …" in seed 003).
    "words after a label that might be names": (
        "1. Bộ Công an: Tiếp tục" + " hưởng ứng Học tập" * 12 + " va lam theo tu tuong cho nen.\n"
    ),
}


def test_the_cases_are_the_same_on_every_run_and_use_every_mutation() -> None:
    assert fuzz_case(7) == fuzz_case(7) != fuzz_case(8)
    used = {name for index in range(CASES) for name in fuzz_case(index).mutations}
    assert used == set(MUTATIONS)


@pytest.mark.parametrize("index", range(CASES))
def test_a_fuzzed_text_is_extracted_or_refused_in_one_line(index: int) -> None:
    case = fuzz_case(index)
    outcome = run_case(case)
    assert outcome.error is None, f"case {index} ({', '.join(case.mutations)}): {outcome.error}"


@pytest.mark.parametrize("shape", sorted(FOUND))
def test_what_the_benchmark_found_is_extracted(shape: str) -> None:
    outcome = run_case(Case(0, (shape,), HEADER + FOUND[shape]))
    assert outcome.refused is None and outcome.error is None, outcome
