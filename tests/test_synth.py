"""The benchmark's synthetic corpus: deterministic, realistic in form, and connected."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest

from bench.synth import MAX_BYTES, generate, main

CORPUS_SIZE = 300


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, str]]:
    return list(generate(CORPUS_SIZE, seed=0))


def test_same_seed_same_corpus_other_seed_other_corpus() -> None:
    assert list(generate(40, seed=7)) == list(generate(40, seed=7))
    assert list(generate(40, seed=7)) != list(generate(40, seed=8))


@pytest.mark.parametrize(
    ("what", "pattern"),
    [
        ("markdown table header", r"^\| Số: \S+ \| .+, ngày"),
        ("plain header", r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"),
        ("thuvienphapluat block", r"^Số hiệu \S+\nNgày ban hành \d\d/\d\d/\d{4}\n"),
        ("Party header", r"^Số \d+-(NQ|CT|KL)/TW\n\nĐẢNG CỘNG SẢN VIỆT NAM"),
        ("decree number", r"Nghị định (số )?\d\d/20\d\d/NĐ-CP"),
        ("Prime Minister's decision", r"Quyết định (số )?\d+/QĐ-TTg"),
        ("Party resolution", r"Nghị quyết (số )?\d+-NQ/TW"),
        ("joint circular", r"\d\d/20\d\d/TTLT-[A-ZĐ]+-[A-ZĐ]+"),
        ("consolidated text", r"Số: \d\d/VBHN-[A-ZĐ]+"),
        ("misspelt number", r"\d+/(QD|QÐ)-|/CT-TTG\b|\d+/\w+–"),
        ("named law with year", r"Luật [A-ZĐ][\w ]+ năm 20\d\d"),
        ("date in words", r"ngày \d{1,2} tháng \d{1,2} năm \d{4}"),
        ("date with slashes", r"ngày \d{1,2}/\d{1,2}/\d{4}"),
        ("date with dashes", r"ngày \d\d-\d\d-\d{4}"),
        ("preamble", r"^Căn cứ .+;$"),
        ("replacement", r"này thay thế (Nghị định|Thông tư|Quyết định|Chỉ thị|Kế hoạch) "),
        ("amendment", r"sửa đổi, bổ sung một số điều của Nghị định số"),
        ("guidance", r"hướng dẫn thi hành Nghị định số"),
        ("task section", r"^2\.\d+\. Lĩnh vực "),
        ("task", r"^- .+ chủ trì, phối hợp với .+; hoàn thành trong "),
    ],
)
def test_the_corpus_has_every_form(corpus: list[tuple[str, str]], what: str, pattern: str) -> None:
    assert any(re.search(pattern, text, re.M) for _, text in corpus), what


def test_sizes_are_realistic(corpus: list[tuple[str, str]]) -> None:
    sizes = [len(text.encode("utf-8")) for _, text in corpus]
    assert min(sizes) >= 1_500 and max(sizes) <= MAX_BYTES * 1.1
    assert 7_000 <= statistics.median(sizes) <= 14_000


def test_files_are_named_once_as_txt_or_md(corpus: list[tuple[str, str]]) -> None:
    names = [name for name, _ in corpus]
    assert len(set(names)) == len(names)
    assert all(name.endswith((".txt", ".md")) for name in names)
    assert any(name.endswith(".md") for name in names)


def _own_number(text: str) -> str | None:
    match = re.search(r"^Số(?: hiệu|:)? (\S+)$", text, re.M)
    return match.group(1) if match else None


# Any số hiệu in running text: "43/2011/NĐ-CP", "749/QĐ-TTg", "18-NQ/TW".
NUMBER = re.compile(r"(?<![\w/])\d+(?:[/-][\w&]+)+")


def test_texts_cite_one_another(corpus: list[tuple[str, str]]) -> None:
    own = {name: n for name, text in corpus if (n := _own_number(text))}
    citing: dict[str, int] = {}
    for name, text in corpus:
        for number in set(NUMBER.findall(text)) - {own.get(name)}:
            citing[number] = citing.get(number, 0) + 1
    # Most documents of the corpus are cited by another text of it: the graph is connected.
    assert sum(1 for n in own.values() if citing.get(n)) >= 0.8 * len(own)
    # Preferential attachment: the most cited document is cited far more than the median one.
    # Only numbers carrying their year count: "01/NQ-CP" of every year would pool together.
    counts = sorted(
        (citing.get(n, 0) for n in own.values() if re.search(r"/20\d\d/", n)), reverse=True
    )
    assert counts[0] >= 5 * max(1, statistics.median(counts))


def test_cli_writes_the_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["12", str(tmp_path / "corpus"), "--seed", "5"]) == 0
    files = sorted((tmp_path / "corpus").iterdir())
    assert [f.name for f in files] == [name for name, _ in generate(12, seed=5)]
    assert files[0].read_text(encoding="utf-8") == next(generate(12, seed=5))[1]
    assert "12 texts" in capsys.readouterr().out
