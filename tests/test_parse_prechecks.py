"""The cheap tests parse runs before a pattern hold whatever the pattern can match.

Issue 14 put literal pre-checks in front of several of parse's patterns (a pattern that is not
even tried costs nothing). Each copies a fact about its pattern; these tests pin the facts, so that
a word added to a pattern without its pre-check fails here instead of being silently skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loader import parse as p
from tests.test_parse import parse_text


def test_every_signer_title_holds_a_letter_the_tail_is_checked_for() -> None:
    for title in p._SIGNER_TITLES:
        assert any(letter in title for letter in p._SIGNER_TITLE_LETTERS), title


@pytest.mark.parametrize("word", ["đến", "tới", "tầm nhìn", "từ"])
def test_a_horizon_word_ends_in_a_letter_the_year_check_looks_for(word: str) -> None:
    assert word in p._NOT_OWN_YEAR.pattern
    assert word[-1] in p._NOT_OWN_YEAR_ENDS and word[-1].upper() in p._NOT_OWN_YEAR_ENDS


@pytest.mark.parametrize("law", ["Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"])
def test_a_law_of_the_year_pattern_is_one_the_check_finds(law: str) -> None:
    assert law in p._NOT_OWN_YEAR.pattern
    assert p._may_name_law(f"theo {law.upper()} Đất đai") and p._may_name_law(f"theo {law}")


# One line per branch of _HEADINGS, as real texts write them, and the number parse gives it.
HEADING_LINES = [
    ("Phần thứ nhất QUY ĐỊNH CHUNG", "Phần thứ nhất"),
    ("Chương II QUYỀN VÀ NGHĨA VỤ", "Chương II"),
    ("B. NHIỆM VỤ VÀ GIẢI PHÁP", "B"),
    ("IV. TỔ CHỨC THỰC HIỆN", "IV"),
    ("Mục 2 THANH TRA", "Mục 2"),
    ("Điều 5. Hiệu lực thi hành", "Điều 5"),
    ("2.1. Lĩnh vực bưu chính", "2.1"),
    ("3.2 Thời gian thực hiện", "3.2"),
    ("**Điều 7.** Trách nhiệm thi hành", "Điều 7"),
    ("## Điều 8. Điều khoản chuyển tiếp", "Điều 8"),
]


def test_every_kind_of_heading_passes_the_line_filter(tmp_path: Path) -> None:
    # _sections passes over a line whose first two characters open no heading of _HEADINGS
    # before it tries them: each kind of heading must still be found.
    body = "\n\n".join(f"{line}\n\nNội dung của phần này." for line, _ in HEADING_LINES)
    parsed = parse_text(
        tmp_path,
        "BỘ TÀI CHÍNH\n\nSố: 12/2024/TT-BTC\n\nTHÔNG TƯ\n\nQuy định thử\n\n" + body + "\n",
    )
    numbers = [s.number for s in parsed.sections]
    for _, number in HEADING_LINES:
        assert number in numbers, (number, numbers)
