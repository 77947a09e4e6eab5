"""What the command-line tools print of a hostile text or file name never reaches the terminal as
a control sequence (issue 13): a screen clear, a cursor move, a hyperlink, a bidi override."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_loader import run_cli as run

ESC = "\x1b"
CLEAR = f"{ESC}[2J{ESC}[H"
LINK = f"{ESC}]8;;http://attacker.example/{ESC}\\Bấm vào đây{ESC}]8;;{ESC}\\"
HOSTILE = (
    "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\n"
    "Số: 05/CT-BTTTT\n"
    "Hà Nội, ngày 10 tháng 5 năm 2024\n\n"
    f"CHỈ THỊ\nVỀ VIỆC BẢO ĐẢM AN TOÀN{CLEAR} THÔNG TIN {LINK}\u202e\n\n"
    f"Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;{CLEAR}\n"
    "1. Cục An toàn thông tin chủ trì triển khai Quyết định số 749/QĐ-TTg.\n"
    "2. Các Sở thực hiện Công văn số 12/STTTT-BCVT.\n"  # no year: listed by graph stats
)


def test_no_control_sequence_reaches_the_terminal(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / f"chi_thi{ESC}[31m.txt").write_text(HOSTILE, encoding="utf-8")
    (texts / f"trong{ESC}]0;title{ESC}\\.txt").write_text("", encoding="utf-8")
    store = str(tmp_path / "store")
    outputs = [
        run("-m", "loader", str(texts), "--store", store),
        run("-m", "queries", "cited_by", "749/QĐ-TTg", "--store", store),
        run("-m", "queries", "--json", "cited_by", "749/QĐ-TTg", "--store", store),
        run("-m", "queries", "find", "an toàn thông tin", "--store", store),
        run("-m", "queries", "status", f"05/CT-BTTTT{ESC}[2J", "--store", store),
        run("-m", "graph", "stats", "--store", store),
        run("-m", "loader", "remove", f"x{ESC}[2J.txt", "--store", store),
    ]
    for result in outputs:
        printed = result.stdout + result.stderr
        assert ESC not in printed and "\u202e" not in printed, result.args
    loaded, cited_by, as_json = outputs[0], outputs[1], outputs[2]
    assert "failed: " in loaded.stderr and "\\u001b]0;title" in loaded.stderr
    assert "\\u001b[2J" in cited_by.stdout  # the evidence sentence, its escape shown
    assert "chi_thi\\u001b[31m.txt" in outputs[5].stdout  # the file of an ambiguous mention
    answer = json.loads(as_json.stdout)  # the escapes are JSON's own: still valid, same text
    assert answer["BASED_ON"][0]["edge"]["evidence"].endswith(CLEAR)
