"""The helpers every stage reads a text with (loader.text), and the stages that use them.

A date that does not exist is no date, wherever it is read: after a cited document's number
(find), in a text's header (parse), as a task's deadline (tasks).
"""

from __future__ import annotations

import hashlib

import pytest

from loader.find import find_references
from loader.parse import parse
from loader.read import SourceText
from loader.tasks import parse_deadline
from loader.text import fold_for_scan, fold_lower, iso_date, lower_same_length, sentence_spans


@pytest.mark.parametrize(
    ("day", "month", "year", "iso"),
    [
        ("26", "06", "2018", "2018-06-26"),
        ("26", "0 6", "2018", "2018-06-26"),  # digits a copy set apart
        ("29", "2", "2024", "2024-02-29"),
        ("29", "2", "2025", None),
        ("31", "02", "2025", None),  # no such day
        ("31", "4", "2025", None),
        ("0", "1", "2025", None),
        ("12", "13", "2025", None),
    ],
)
def test_iso_date(day: str, month: str, year: str, iso: str | None) -> None:
    assert iso_date(day, month, year) == iso


@pytest.mark.parametrize(
    ("sentence", "date", "year"),
    [
        ("theo Quyết định số 12/QĐ-UBND ngày 28/02/2025 của Ủy ban", "2025-02-28", 2025),
        ("theo Quyết định số 12/QĐ-UBND ngày 31/02/2025 của Ủy ban", None, 2025),  # no such day
        ("theo Quyết định số 12/QĐ-UBND ngày 30 tháng 02 năm 2025", None, 2025),
    ],
)
def test_a_reference_dated_a_day_that_does_not_exist_has_no_date(
    sentence: str, date: str | None, year: int
) -> None:
    (ref,) = [r for r in find_references(sentence) if r.number]
    assert (ref.date, ref.year) == (date, year)


@pytest.mark.parametrize(
    ("written", "issued"),
    [("ngày 28 tháng 02 năm 2025", "2025-02-28"), ("ngày 31 tháng 02 năm 2025", None)],
)
def test_a_header_dated_a_day_that_does_not_exist_has_no_issue_date(
    written: str, issued: str | None
) -> None:
    text = (
        f"BỘ TÀI CHÍNH\nSố: 46/2025/TT-BTC\nHà Nội, {written}\nTHÔNG TƯ\n"
        "HƯỚNG DẪN QUẢN LÝ KINH PHÍ\nĐiều 1. Phạm vi điều chỉnh\n"
    )
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    parsed = parse(SourceText("tt.txt", text, digest, "utf-8"))
    assert parsed.document.issued_date == issued


def test_a_deadline_on_a_day_that_does_not_exist_is_kept_as_written() -> None:
    assert parse_deadline("hoàn thành trước ngày 31/02/2025.") == ("trước ngày 31/02/2025", None)


def test_folds_keep_every_offset() -> None:
    text = "Ủy ban nhân dân – Hà Nội\u00a0Bộ TT&TT"
    folded = fold_for_scan(text)
    assert folded == "Uy ban nhan dan - Ha Noi Bo TT&TT" and len(folded) == len(text)
    assert lower_same_length(folded) == folded.lower()
    assert fold_lower("Cục Báo chí") == "cuc bao chi"


def test_sentence_spans() -> None:
    text = "Tổ chức đánh giá “Chiến lược”. Tiếp tục triển khai “Quyết định”. 2. Hoàn thành."
    assert [text[a:b] for a, b in sentence_spans(text, 0, len(text))] == [
        "Tổ chức đánh giá “Chiến lược”.",
        "Tiếp tục triển khai “Quyết định”.",
        "2.",  # a number then a capital: a list item's number is a sentence of its own
        "Hoàn thành.",
    ]
