"""The patterns rewritten to run in linear time (issue 13) answer what the old ones answered.

Each rewrite is compared with the pattern it replaced, kept here as the specification, on random
strings made of the pieces that matter to it; the fuzzing benchmark (``python -m bench.fuzz``)
measures the time, these tests the meaning.
"""

from __future__ import annotations

import random
import re

import pytest

from loader import effects, find
from loader.tasks.leads import is_name_list

# tasks.leads before: exponential in the words of a sentence.
OLD_NAME_LIST = re.compile(r"\s*(?:[*_]*[A-ZĐÀ-Ỹ][^\s,;.]*(?: [^\s,;.]+){0,3}[*_]*[,;.]?\s*)+")
NAME_PIECES = ["A", "B", "a", "à", "Đ", "x", " ", " ", "  ", "\n", ",", ".", ";", "*", "_", ":"]


def _strings(pieces: list[str], count: int, longest: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(pieces) for _ in range(rng.randint(0, longest))) for _ in range(count)
    ]


def test_is_name_list_is_the_old_pattern() -> None:
    rng = random.Random(1)
    for text in _strings(NAME_PIECES, 20_000, 14, seed=2):
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        expected = OLD_NAME_LIST.fullmatch(text, start, end) is not None
        assert is_name_list(text, start, end) == expected, (text, start, end)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Xây dựng, Tài chính, Nội vụ.", True),  # "các Sở: Xây dựng, Tài chính, Nội vụ."
        (" Bộ Công an Bộ Quốc phòng", True),
        ("Tiếp tục, va lam theo tu tuong", False),  # five words, none opening a name
        ("So ke hoach dau", True),  # a name of four words
        ("So ke hoach dau tu", False),  # five
        # The class [À-Ỹ] holds accented lower-case letters too: read as names (as it always was).
        ("Tiếp tục hưởng ứng cuộc vận động", True),
        ("", False),
    ],
)
def test_is_name_list_rows(text: str, names: bool) -> None:
    assert is_name_list(text, 0, len(text)) is names


SCOPE_WORDS = ["TOAN", "Bo", "đ", "1", "_", "toan", "bo", "mot", "so", "dieu", "noi", "dung"]
SCOPE_WORDS += ["mau", "bieu", "quy", "dinh", "cac", "phan", "x", "(", ",", "ab", "toanbo"]
SCOPE_GAPS = [" ", " ", "  ", "\n", "", ",", "   \t "]


@pytest.mark.parametrize("seed", range(4))
def test_verb_words_scope_is_scope_of_the_words(seed: int) -> None:
    # effects.VerbWords answers effects.scope(kind, written, f"{flow[verb:end]} {tail}", phrase)
    # for many ends of one verb, in any order, without searching the words afresh.
    rng = random.Random(seed)
    for _ in range(600):
        flow = "".join(
            rng.choice(SCOPE_WORDS) + rng.choice(SCOPE_GAPS) for _ in range(rng.randint(1, 40))
        )
        words = effects.VerbWords(flow)
        for _ in range(3):
            verb = rng.randint(0, len(flow))
            ends = sorted(rng.randint(0, len(flow)) for _ in range(6))
            if rng.random() < 0.3:
                rng.shuffle(ends)
            for end in ends:
                a = rng.randint(0, len(flow))
                tail = flow[a : rng.randint(a, len(flow))]
                for kind in ("REPEALS", "REPLACES", "AMENDS"):
                    written = () if rng.random() < 0.7 else ("Điều 1",)
                    phrase = rng.random() < 0.1
                    expected = effects.scope(kind, written, f"{flow[verb:end]} {tail}", phrase)
                    found = words.scope(kind, written, verb, end, tail, phrase)
                    assert found == expected, (flow, verb, end, tail, kind)


def test_name_stop_from_a_run_start_is_the_old_search() -> None:
    # find._NAME_STOP is searched from the end of a word or of a match; "(?<!\s)" changes
    # nothing there and stops the search trying every start inside a run of spaces.
    old = re.compile(find._NAME_STOP.pattern.replace("(?<!\\s)", "", 1))
    assert old.pattern != find._NAME_STOP.pattern
    words = ["nam", "2020", "va", "ban", "tai", "la", "x", "Luat", "cua", "theo", "quy"]
    words += ["dinh", "so", "ngay", "19", "20", "b"]
    rng = random.Random(3)
    for _ in range(20_000):
        piece = "".join(
            rng.choice(words) + rng.choice([" ", "  ", "\n", "   "])
            for _ in range(rng.randint(1, 12))
        )
        first = re.match(r"\S+", piece)
        assert first is not None
        assert (old.match(" " + piece) is None) == (find._NAME_STOP.match(" " + piece) is None)
        a, b = old.search(piece, first.end()), find._NAME_STOP.search(piece, first.end())
        while a is not None or b is not None:
            assert a is not None and b is not None and a.span() == b.span(), piece
            a, b = old.search(piece, a.end()), find._NAME_STOP.search(piece, b.end())


def test_date_with_possessive_spaces_is_the_old_pattern() -> None:
    old = re.compile(find._DATE.pattern.replace("*+", "*"))
    assert old.pattern != find._DATE.pattern
    pieces = [" ", "  ", ",", "(", "ngay", "Ngay", "3", "12", "/", "-", "thang", "nam", "2020", "x"]
    for text in _strings(pieces, 20_000, 12, seed=4):
        a, b = old.match(text), find._DATE.match(text)
        assert (a and a.groupdict()) == (b and b.groupdict()), text
