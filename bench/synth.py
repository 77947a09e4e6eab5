"""A seeded synthetic corpus of Vietnamese legal texts, for benchmarks at sizes no real corpus has.

``generate(n, seed)`` yields ``(filename, text)`` pairs; ``python -m bench.synth N OUTDIR`` writes
them. The texts imitate what the loader meets in the wild (``samples/``, the dev corpus): official
headers as plain lines, as a markdown table or under a thuvienphapluat.vn metadata block, Party
headers, numbers of every format (``43/2011/NĐ-CP``, ``749/QĐ-TTg``, ``18-NQ/TW``,
``01/2016/TTLT-BTC-BLĐTBXH``, ``01/VBHN-BTTTT``), dates in every style, named laws (``Luật Viễn
thông năm 2023``), "Căn cứ" preambles, supersession chains (a decree "thay thế Nghị định số X", a
later one replacing it in turn), amendments, guidance, plans implementing decisions, and task
sections ("2.1. Lĩnh vực …", "X chủ trì, phối hợp với Y …").

Texts cite earlier texts by preferential attachment, so the graph is connected and a few
documents are cited a great deal, as Hiến pháp 2013 and Luật Tổ chức Chính phủ are in reality.
The same ``(n, seed)`` always gives the same texts.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

# Sizes of real texts: a two-page official letter is ~2 KB, a decree with appendices ~60 KB;
# the dev corpus's median is near 10 KB. Target sizes are log-normal around the median, clipped.
MIN_BYTES = 2_000
MAX_BYTES = 60_000
MEDIAN_BYTES = 10_000
SIZE_SIGMA = 0.75

# The corpus spans these dates; documents are generated in date order so a text only ever cites
# documents issued before it (a 2012 decree cannot cite Luật Viễn thông năm 2023).
FIRST_DAY = date(2010, 1, 4)
LAST_DAY = date(2025, 6, 30)

# Share of citations whose number is mistyped the way web copies are: "19/CT-TTG", "749/QD-TTg"
# (diacritics lost), "Ð" (U+00D0) for "Đ", an en dash for the hyphen.
MISSPELT_NUMBERS = 0.06
# Share of citations that go to documents outside the corpus (official letters, old circulars):
# they become stubs, as in any real load.
OUTSIDE_CITATIONS = 0.15
# Each new document enters the citation pool this many times; every citation adds one more, so
# the much-cited get cited more (preferential attachment → power-law-ish in-degrees).
POOL_ENTRY_WEIGHT = 1
FAMOUS_WEIGHT = 30
# The other citations go to a recent document, uniformly: a 2024 plan mostly cites 2023-2024
# decisions, and pure preferential attachment would let the first decrees of 2010 swallow all.
PREFERENTIAL = 0.5
RECENT_WINDOW = 1500


@dataclass(frozen=True, slots=True)
class Issuer:
    name: str  # "Bộ Thông tin và Truyền thông"
    header: tuple[str, ...]  # the issuer's lines in the header: ("BỘ THÔNG TIN VÀ", "TRUYỀN THÔNG")
    code: str  # symbol code: "BTTTT", "CP", "TTg", "UBND", "TW"
    place: str
    signer_title: str  # "BỘ TRƯỞNG"
    signers: tuple[str, ...]
    units: tuple[str, ...]  # bodies tasks are assigned to
    party: bool = False


GOVERNMENT = Issuer(
    "Chính phủ",
    ("CHÍNH PHỦ",),
    "CP",
    "Hà Nội",
    "TM. CHÍNH PHỦ\nTHỦ TƯỚNG",
    ("Nguyễn Tấn Dũng", "Nguyễn Xuân Phúc", "Phạm Minh Chính"),
    (
        "Bộ Tài chính",
        "Bộ Kế hoạch và Đầu tư",
        "Bộ Tư pháp",
        "Bộ Nội vụ",
        "Văn phòng Chính phủ",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
    ),
)
PRIME_MINISTER = Issuer(
    "Thủ tướng Chính phủ",
    ("THỦ TƯỚNG CHÍNH PHỦ",),
    "TTg",
    "Hà Nội",
    "THỦ TƯỚNG",
    ("Nguyễn Tấn Dũng", "Nguyễn Xuân Phúc", "Phạm Minh Chính"),
    (
        "Bộ Thông tin và Truyền thông",
        "Bộ Công an",
        "Bộ Tài chính",
        "Bộ Kế hoạch và Đầu tư",
        "Bộ Giáo dục và Đào tạo",
        "Bộ Y tế",
        "Văn phòng Chính phủ",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
    ),
)
MINISTRIES: tuple[Issuer, ...] = (
    Issuer(
        "Bộ Thông tin và Truyền thông",
        ("BỘ THÔNG TIN VÀ", "TRUYỀN THÔNG"),
        "BTTTT",
        "Hà Nội",
        "BỘ TRƯỞNG",
        ("Nguyễn Bắc Son", "Trương Minh Tuấn", "Nguyễn Mạnh Hùng"),
        (
            "Cục Viễn thông",
            "Cục Bưu điện Trung ương",
            "Cục An toàn thông tin",
            "Cục Chuyển đổi số quốc gia",
            "Cục Tần số vô tuyến điện",
            "Vụ Kế hoạch - Tài chính",
            "Vụ Pháp chế",
            "Văn phòng Bộ",
            "Thanh tra Bộ",
            "Trung tâm Internet Việt Nam",
            "Cục Báo chí",
            "Viện Chiến lược Thông tin và Truyền thông",
        ),
    ),
    Issuer(
        "Bộ Tài chính",
        ("BỘ TÀI CHÍNH",),
        "BTC",
        "Hà Nội",
        "BỘ TRƯỞNG",
        ("Đinh Tiến Dũng", "Hồ Đức Phớc"),
        (
            "Vụ Ngân sách nhà nước",
            "Vụ Chính sách thuế",
            "Tổng cục Thuế",
            "Kho bạc Nhà nước",
            "Vụ Pháp chế",
            "Cục Quản lý công sản",
            "Văn phòng Bộ",
        ),
    ),
    Issuer(
        "Bộ Lao động - Thương binh và Xã hội",
        ("BỘ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"),
        "BLĐTBXH",
        "Hà Nội",
        "BỘ TRƯỞNG",
        ("Phạm Thị Hải Chuyền", "Đào Ngọc Dung"),
        (
            "Cục Người có công",
            "Cục Bảo trợ xã hội",
            "Vụ Bảo hiểm xã hội",
            "Vụ Lao động - Tiền lương",
            "Vụ Pháp chế",
            "Thanh tra Bộ",
        ),
    ),
    Issuer(
        "Bộ Xây dựng",
        ("BỘ XÂY DỰNG",),
        "BXD",
        "Hà Nội",
        "BỘ TRƯỞNG",
        ("Trịnh Đình Dũng", "Phạm Hồng Hà", "Nguyễn Thanh Nghị"),
        (
            "Cục Quản lý nhà và thị trường bất động sản",
            "Vụ Quy hoạch - Kiến trúc",
            "Cục Kinh tế xây dựng",
            "Vụ Pháp chế",
            "Thanh tra Bộ",
        ),
    ),
    Issuer(
        "Bộ Giáo dục và Đào tạo",
        ("BỘ GIÁO DỤC VÀ ĐÀO TẠO",),
        "BGDĐT",
        "Hà Nội",
        "BỘ TRƯỞNG",
        ("Phạm Vũ Luận", "Phùng Xuân Nhạ", "Nguyễn Kim Sơn"),
        (
            "Vụ Giáo dục Tiểu học",
            "Vụ Giáo dục Trung học",
            "Cục Quản lý chất lượng",
            "Cục Công nghệ thông tin",
            "Vụ Pháp chế",
        ),
    ),
    Issuer(
        "Bộ Y tế",
        ("BỘ Y TẾ",),
        "BYT",
        "Hà Nội",
        "BỘ TRƯỞNG",
        ("Nguyễn Thị Kim Tiến", "Nguyễn Thanh Long", "Đào Hồng Lan"),
        (
            "Cục Quản lý Khám, chữa bệnh",
            "Cục Y tế dự phòng",
            "Vụ Bảo hiểm y tế",
            "Cục Quản lý Dược",
            "Vụ Pháp chế",
        ),
    ),
)
PROVINCES: tuple[Issuer, ...] = (
    Issuer(
        "Ủy ban nhân dân thành phố Hà Nội",
        ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"),
        "UBND",
        "Hà Nội",
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        ("Nguyễn Đức Chung", "Trần Sỹ Thanh"),
        (
            "Sở Thông tin và Truyền thông",
            "Sở Tài chính",
            "Sở Kế hoạch và Đầu tư",
            "Sở Lao động - Thương binh và Xã hội",
            "Ủy ban nhân dân các quận, huyện, thị xã",
        ),
    ),
    Issuer(
        "Ủy ban nhân dân Thành phố Hồ Chí Minh",
        ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"),
        "UBND",
        "TP. Hồ Chí Minh",
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        ("Nguyễn Thị Thu Hà", "Phan Văn Mãi"),
        (
            "Sở Thông tin và Truyền thông",
            "Sở Tài chính",
            "Sở Nội vụ",
            "Ủy ban nhân dân thành phố Thủ Đức và các quận, huyện",
        ),
    ),
)
POLITBURO = Issuer(
    "Bộ Chính trị",
    ("BAN CHẤP HÀNH TRUNG ƯƠNG", "*"),
    "TW",
    "Hà Nội",
    "T/M BỘ CHÍNH TRỊ\nTỔNG BÍ THƯ",
    ("Nguyễn Phú Trọng", "Tô Lâm"),
    (
        "Ban Tuyên giáo Trung ương",
        "Ban Tổ chức Trung ương",
        "Đảng đoàn Quốc hội",
        "Ban cán sự đảng Chính phủ",
    ),
    party=True,
)
CENTRAL_COMMITTEE = Issuer(
    "Ban Chấp hành Trung ương Đảng",
    ("BAN CHẤP HÀNH TRUNG ƯƠNG", "*"),
    "TW",
    "Hà Nội",
    "T/M BAN CHẤP HÀNH TRUNG ƯƠNG\nTỔNG BÍ THƯ",
    ("Nguyễn Phú Trọng", "Tô Lâm"),
    POLITBURO.units,
    party=True,
)

FIELDS: dict[str, tuple[str, ...]] = {
    "Công nghệ thông tin": (
        "chuyển đổi số quốc gia",
        "phát triển Chính phủ số",
        "bảo đảm an toàn thông tin mạng",
        "phát triển hạ tầng số",
        "cung cấp dịch vụ công trực tuyến toàn trình",
        "phát triển kinh tế số và xã hội số",
        "kết nối, chia sẻ dữ liệu giữa các cơ sở dữ liệu quốc gia",
    ),
    "Viễn thông": (
        "quản lý thuê bao di động",
        "xử lý tin nhắn rác, cuộc gọi rác",
        "quy hoạch tần số vô tuyến điện",
        "phát triển mạng 5G",
        "cung cấp dịch vụ viễn thông công ích",
    ),
    "Lao động - Tiền lương": (
        "chế độ ưu đãi người có công với cách mạng",
        "điều chỉnh lương hưu, trợ cấp bảo hiểm xã hội",
        "hỗ trợ người lao động mất việc làm",
        "trợ cấp xã hội hằng tháng",
    ),
    "Xây dựng - Đô thị": (
        "hỗ trợ cải thiện nhà ở",
        "quản lý chất lượng công trình xây dựng",
        "phát triển nhà ở xã hội",
        "quy hoạch đô thị",
    ),
    "Tài chính nhà nước": (
        "quản lý, sử dụng tài sản công",
        "lập dự toán ngân sách nhà nước",
        "thực hành tiết kiệm, chống lãng phí",
        "quản lý nợ công",
    ),
    "Giáo dục": (
        "đổi mới chương trình giáo dục phổ thông",
        "chuyển đổi số trong giáo dục",
        "phát triển đội ngũ nhà giáo",
        "kiểm định chất lượng giáo dục",
    ),
    "Thể thao - Y tế": (
        "khám bệnh, chữa bệnh bảo hiểm y tế",
        "phòng, chống dịch bệnh truyền nhiễm",
        "quản lý giá thuốc",
        "phát triển y tế cơ sở",
    ),
}
MINISTRY_FIELDS: dict[str, tuple[str, ...]] = {
    "BTTTT": ("Công nghệ thông tin", "Viễn thông"),
    "BTC": ("Tài chính nhà nước",),
    "BLĐTBXH": ("Lao động - Tiền lương",),
    "BXD": ("Xây dựng - Đô thị",),
    "BGDĐT": ("Giáo dục",),
    "BYT": ("Thể thao - Y tế",),
}

TYPE_WORDS: dict[str, str] = {
    "decree": "Nghị định",
    "decision": "Quyết định",
    "directive": "Chỉ thị",
    "circular": "Thông tư",
    "joint_circular": "Thông tư liên tịch",
    "resolution": "Nghị quyết",
    "plan": "Kế hoạch",
    "conclusion": "Kết luận",
    "consolidated_text": "Văn bản hợp nhất",
    "law": "Luật",
    "official_letter": "Công văn",
    "news": "Tin",
}

# How often each kind of text appears (a real download skews to decisions and circulars).
TYPE_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("decision", 24),
    ("circular", 16),
    ("decree", 14),
    ("directive", 9),
    ("plan", 11),
    ("resolution", 6),
    ("joint_circular", 3),
    ("consolidated_text", 3),
    ("official_letter", 6),
    ("conclusion", 2),
    ("law", 2),
    ("news", 4),
)


@dataclass(slots=True)
class Doc:
    """A document of the corpus (or a famous one outside it) as the generator knows it."""

    doc_type: str
    number: str | None
    issued: date
    issuer: Issuer
    title: str  # lower-case subject: "quy định chi tiết một số điều của Luật Viễn thông"
    field: str
    name: str | None = None  # laws and programmes are cited by name
    in_corpus: bool = True
    amended: list[int] = dataclasses.field(default_factory=list)  # indices of amending decrees


def _famous() -> list[Doc]:
    """Documents outside the corpus that every text of a field cites (they become stubs)."""
    qh = Issuer("Quốc hội", ("QUỐC HỘI",), "QH", "Hà Nội", "CHỦ TỊCH QUỐC HỘI", ("",), ())
    congress = Issuer("Đại hội đại biểu toàn quốc", ("ĐẠI HỘI",), "TW", "Hà Nội", "", ("",), ())
    it = "Công nghệ thông tin"
    return [
        Doc(
            "law", None, date(2013, 11, 28), qh, "hiến pháp", it, name="Hiến pháp", in_corpus=False
        ),
        Doc(
            "law",
            None,
            date(2001, 12, 25),
            qh,
            "tổ chức chính phủ",
            it,
            name="Luật Tổ chức Chính phủ",
            in_corpus=False,
        ),
        Doc(
            "law",
            None,
            date(2015, 6, 19),
            qh,
            "tổ chức chính phủ",
            it,
            name="Luật Tổ chức Chính phủ",
            in_corpus=False,
        ),
        Doc(
            "law",
            None,
            date(2015, 6, 22),
            qh,
            "ban hành văn bản quy phạm pháp luật",
            it,
            name="Luật Ban hành văn bản quy phạm pháp luật",
            in_corpus=False,
        ),
        Doc(
            "law",
            None,
            date(2006, 6, 29),
            qh,
            "công nghệ thông tin",
            it,
            name="Luật Công nghệ thông tin",
            in_corpus=False,
        ),
        Doc(
            "law",
            None,
            date(2009, 11, 23),
            qh,
            "viễn thông",
            "Viễn thông",
            name="Luật Viễn thông",
            in_corpus=False,
        ),
        Doc(
            "law",
            None,
            date(2023, 11, 24),
            qh,
            "viễn thông",
            "Viễn thông",
            name="Luật Viễn thông",
            in_corpus=False,
        ),
        Doc(
            "law",
            "58/2014/QH13",
            date(2014, 11, 20),
            qh,
            "bảo hiểm xã hội",
            "Lao động - Tiền lương",
            name="Luật Bảo hiểm xã hội",
            in_corpus=False,
        ),
        Doc(
            "resolution",
            None,
            date(2016, 1, 28),
            congress,
            "đại hội đại biểu toàn quốc lần thứ XII",
            it,
            name="Nghị quyết Đại hội đại biểu toàn quốc lần thứ XII của Đảng",
            in_corpus=False,
        ),
        Doc(
            "resolution",
            None,
            date(2021, 2, 1),
            congress,
            "đại hội đại biểu toàn quốc lần thứ XIII",
            it,
            name="Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
            in_corpus=False,
        ),
        Doc(
            "decision",
            "749/QĐ-TTg",
            date(2020, 6, 3),
            PRIME_MINISTER,
            "phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030",
            it,
            name="Chương trình Chuyển đổi số quốc gia",
            in_corpus=False,
        ),
        Doc(
            "resolution",
            "52-NQ/TW",
            date(2019, 9, 27),
            POLITBURO,
            "một số chủ trương, chính sách chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư",
            it,
            in_corpus=False,
        ),
        Doc(
            "resolution",
            "36-NQ/TW",
            date(2014, 7, 1),
            POLITBURO,
            "đẩy mạnh ứng dụng, phát triển công nghệ thông tin đáp ứng yêu cầu phát triển bền vững "
            "và hội nhập quốc tế",
            it,
            in_corpus=False,
        ),
        Doc(
            "resolution",
            "18-NQ/TW",
            date(2017, 10, 25),
            CENTRAL_COMMITTEE,
            "một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị "
            "tinh gọn, hoạt động hiệu lực, hiệu quả",
            it,
            in_corpus=False,
        ),
        Doc(
            "decree",
            "43/2011/NĐ-CP",
            date(2011, 6, 13),
            GOVERNMENT,
            "quy định về việc cung cấp thông tin và dịch vụ công trực tuyến trên trang thông tin "
            "điện tử hoặc cổng thông tin điện tử của cơ quan nhà nước",
            it,
            in_corpus=False,
        ),
    ]


# -- writing ------------------------------------------------------------------------------------


def _date_phrase(rng: random.Random, day: date) -> str:
    """Every way the texts write a date."""
    style = rng.randrange(6)
    if style == 0:
        return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    if style == 1:
        return f"ngày {day.day} tháng {day.month} năm {day.year}"
    if style == 2:
        return f"ngày {day.day:02d}/{day.month:02d}/{day.year}"
    if style == 3:
        return f"ngày {day.day}/{day.month}/{day.year}"
    if style == 4:
        return f"ngày {day.day:02d}-{day.month:02d}-{day.year}"
    return f"ngày {day.day} tháng {day.month:02d} năm {day.year}"


def _misspell(rng: random.Random, number: str) -> str:
    """A web copy's spelling of a number: ``19/CT-TTG``, ``749/QD-TTg``, ``Ð``, en dash."""
    variant = rng.randrange(4)
    if variant == 0 and "TTg" in number:
        return number.replace("TTg", "TTG")
    if variant == 1 and "Đ" in number:
        return number.replace("Đ", "D")
    if variant == 2 and "Đ" in number:
        return number.replace("Đ", "Ð")  # U+00D0
    return number.replace("-", "–", 1)


def _number_text(rng: random.Random, doc: Doc) -> str:
    assert doc.number is not None
    return _misspell(rng, doc.number) if rng.random() < MISSPELT_NUMBERS else doc.number


def cite(rng: random.Random, doc: Doc, full: bool | None = None) -> str:
    """How another text names ``doc``: ``Nghị định số 43/2011/NĐ-CP ngày 13 tháng 6 năm 2011 của
    Chính phủ quy định …``, ``Quyết định 749/QĐ-TTg``, ``Luật Viễn thông năm 2023`` …"""
    full = rng.random() < 0.6 if full is None else full
    # Laws are mostly cited by name and year ("Luật Viễn thông năm 2023"); a programme now and
    # then by its name alone ("Chương trình Chuyển đổi số quốc gia"), which only an alias learnt
    # from the approving decision resolves.
    by_name = doc.name is not None and (
        doc.number is None
        or (doc.doc_type == "law" and rng.random() < 0.7)
        or (doc.doc_type != "law" and rng.random() < 0.1)
    )
    if by_name:
        base = doc.name or doc.title
        if doc.doc_type == "law" and base != "Hiến pháp":
            form = rng.randrange(3)
            if form == 0:
                return f"{base} năm {doc.issued.year}"
            if form == 1:
                return f"{base} {_date_phrase(rng, doc.issued)}"
            return f"{base} số {doc.number}" if doc.number else f"{base} năm {doc.issued.year}"
        if doc.doc_type == "decision":
            return base
        return f"{base} năm {doc.issued.year}"
    assert doc.number is not None
    word = TYPE_WORDS[doc.doc_type] if doc.doc_type != "news" else "Văn bản"
    so = "số " if rng.random() < 0.8 else ""
    number = _number_text(rng, doc)
    if not full:
        if "/" in doc.number and doc.number.count("/") == 1 and rng.random() < 0.3:
            return f"{word} {so}{number} năm {doc.issued.year}"
        return f"{word} {so}{number}"
    return f"{word} {so}{number} {_date_phrase(rng, doc.issued)} của {doc.issuer.name} {doc.title}"


def _size_target(rng: random.Random) -> int:
    size = rng.lognormvariate(math.log(MEDIAN_BYTES), SIZE_SIGMA)
    return int(min(MAX_BYTES, max(MIN_BYTES, size)))


VERBS = (
    "Tăng cường",
    "Đẩy mạnh",
    "Nâng cao hiệu quả",
    "Tiếp tục hoàn thiện",
    "Tổ chức triển khai",
    "Rà soát, sửa đổi, bổ sung",
    "Bảo đảm nguồn lực cho",
    "Kiện toàn bộ máy thực hiện",
    "Tập trung chỉ đạo",
    "Hướng dẫn, kiểm tra việc",
)
QUALIFIERS = (
    "bảo đảm đồng bộ, thống nhất từ Trung ương đến địa phương",
    "gắn với cải cách hành chính và chuyển đổi số",
    "đáp ứng yêu cầu phát triển kinh tế - xã hội trong tình hình mới",
    "bảo đảm công khai, minh bạch, đúng quy định của pháp luật",
    "phù hợp với điều kiện thực tế của từng ngành, từng địa phương",
    "lấy người dân và doanh nghiệp làm trung tâm",
    "trong đó chú trọng nâng cao chất lượng nguồn nhân lực",
)
OPENINGS = (
    "Trong thời gian qua, các bộ, ngành và địa phương đã tích cực triển khai",
    "Bên cạnh những kết quả đạt được, công tác",
    "Để khắc phục những tồn tại, hạn chế nêu trên và tiếp tục",
    "Nhằm thực hiện có hiệu quả các mục tiêu, nhiệm vụ đã đề ra về",
    "Qua sơ kết, đánh giá cho thấy việc",
)
CONCERNS = (
    "vẫn còn một số tồn tại, hạn chế như: nhận thức của một bộ phận cán bộ chưa đầy đủ; "
    "sự phối hợp giữa các cơ quan có lúc chưa chặt chẽ; nguồn lực đầu tư còn hạn chế",
    "đã đạt được những kết quả quan trọng, góp phần hoàn thành các chỉ tiêu kế hoạch đề ra",
    "cần được tiếp tục quan tâm chỉ đạo quyết liệt, có trọng tâm, trọng điểm",
    "còn chậm so với yêu cầu, chưa đáp ứng được kỳ vọng của người dân và doanh nghiệp",
)
DEADLINES = (
    "Quý I/{y}",
    "Quý II/{y}",
    "Quý III/{y}",
    "Quý IV/{y}",
    "tháng 6/{y}",
    "tháng 12/{y}",
    "năm {y}",
    "thường xuyên",
)


class _Writer:
    """Writes one text, choosing what it cites from the corpus so far."""

    def __init__(self, rng: random.Random, docs: list[Doc], pool: list[int]) -> None:
        self.rng = rng
        self.docs = docs
        self.pool = pool

    # -- citations --------------------------------------------------------------------------

    def pick(self, before: date, exclude: int) -> Doc:
        """A document issued before ``before``, the much-cited more likely (preferential)."""
        rng = self.rng
        if rng.random() < OUTSIDE_CITATIONS:
            return self.outsider(before)
        for _ in range(8):
            if rng.random() < PREFERENTIAL:
                index = self.pool[rng.randrange(len(self.pool))]
            else:
                index = rng.randrange(max(0, exclude - RECENT_WINDOW), exclude)
            doc = self.docs[index]
            citable = doc.number is not None or doc.name is not None  # not a press report
            if index != exclude and doc.issued < before and citable:
                self.pool.append(index)
                return doc
        return self.outsider(before)

    def outsider(self, before: date) -> Doc:
        """A document outside the corpus: an official letter, an older circular or decision."""
        rng = self.rng
        year = rng.randint(2000, before.year - 1) if before.year > 2000 else 2000
        day = date(year, rng.randint(1, 12), rng.randint(1, 28))
        issuer = rng.choice(MINISTRIES)
        field = rng.choice(MINISTRY_FIELDS[issuer.code])
        topic = rng.choice(FIELDS[field])
        kind = rng.randrange(4)
        ordinal = rng.randint(1, 9999)
        if kind == 0:
            unit = "".join(w[0] for w in rng.choice(issuer.units).split() if w[0].isupper())
            return Doc(
                "official_letter",
                f"{ordinal}/{issuer.code}-{unit}",
                day,
                issuer,
                f"về việc {topic}",
                field,
                in_corpus=False,
            )
        if kind == 1:
            return Doc(
                "circular",
                f"{ordinal % 60 + 1:02d}/{year}/TT-{issuer.code}",
                day,
                issuer,
                f"hướng dẫn {topic}",
                field,
                in_corpus=False,
            )
        if kind == 2:
            return Doc(
                "decision",
                f"{ordinal}/QĐ-TTg",
                day,
                PRIME_MINISTER,
                f"phê duyệt Đề án {topic}",
                field,
                in_corpus=False,
            )
        return Doc(
            "decision",
            f"{ordinal}/QĐ-{issuer.code}",
            day,
            issuer,
            f"về việc {topic}",
            field,
            in_corpus=False,
        )

    # -- prose ------------------------------------------------------------------------------

    def sentence(self, doc: Doc, cited: Doc | None = None) -> str:
        rng = self.rng
        topic = rng.choice(FIELDS[doc.field])
        if cited is None:
            if rng.random() < 0.5:
                return f"{rng.choice(OPENINGS)} {topic} {rng.choice(CONCERNS)}."
            return f"{rng.choice(VERBS)} {topic}, {rng.choice(QUALIFIERS)}."
        form = rng.randrange(5)
        mention = cite(rng, cited)
        if form == 0:
            verb = rng.choice(VERBS).lower()
            return f"Thực hiện {mention}, {verb} {topic}, {rng.choice(QUALIFIERS)}."
        if form == 1:
            return (
                f"Theo quy định tại Điều {rng.randint(1, 30)} {mention}, các cơ quan, đơn vị "
                f"có trách nhiệm {rng.choice(VERBS).lower()} {topic}."
            )
        if form == 2:
            return f"{rng.choice(VERBS)} {topic} theo đúng tinh thần {mention}."
        if form == 3:
            return (
                f"Việc {topic} được thực hiện theo {mention} và các văn bản hướng dẫn có liên quan."
            )
        return (
            f"Sau {rng.randint(2, 10)} năm triển khai {mention}, việc {topic} "
            f"{rng.choice(CONCERNS)}."
        )

    def paragraph(self, doc: Doc, index: int, citing: float = 0.35) -> str:
        rng = self.rng
        sentences = []
        for _ in range(rng.randint(2, 5)):
            cited = self.pick(doc.issued, index) if rng.random() < citing else None
            sentences.append(self.sentence(doc, cited))
        return " ".join(sentences)

    def task(self, doc: Doc, index: int) -> str:
        rng = self.rng
        lead, *partners = rng.sample(doc.issuer.units, k=min(3, len(doc.issuer.units)))
        topic = rng.choice(FIELDS[doc.field])
        deadline = rng.choice(DEADLINES).format(y=doc.issued.year)
        partner = f", phối hợp với {' và '.join(partners[: rng.randint(1, 2)])}" if partners else ""
        basis = ""
        if rng.random() < 0.3:
            basis = f" theo {cite(rng, self.pick(doc.issued, index), full=False)}"
        return (
            f"- {lead} chủ trì{partner} {rng.choice(VERBS).lower()} {topic}{basis}; "
            f"hoàn thành trong {deadline}."
        )


def _header(rng: random.Random, doc: Doc, style: str) -> list[str]:
    issuer = doc.issuer
    number = doc.number or ""
    # Headers mostly write "ngày 20 tháng 01 năm 2024"; some copies use the other styles.
    when = (
        f"ngày {doc.issued.day:02d} tháng {doc.issued.month:02d} năm {doc.issued.year}"
        if rng.random() < 0.7
        else _date_phrase(rng, doc.issued)
    )
    dated = f"{issuer.place}, {when}"
    if issuer.party:
        return [*issuer.header, f"Số {number}", "", "ĐẢNG CỘNG SẢN VIỆT NAM", dated, ""]
    if style == "table":
        left = " ".join(issuer.header) + " -------"
        return [
            f"| {left} | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
            "--------------- |",
            "|---|---|",
            f"| Số: {number} | {dated} |",
            "",
        ]
    return [
        *issuer.header,
        "-------",
        "",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "---------------",
        "",
        f"Số: {number}",
        "",
        dated,
        "",
        " ",
    ]


def _tvpl_block(doc: Doc, title_line: str) -> list[str]:
    """The metadata block thuvienphapluat.vn pages put above the text (seed 000)."""
    effective = doc.issued + timedelta(days=45 if doc.doc_type in ("decree", "circular") else 0)
    return [
        title_line,
        "",
        f"Số hiệu {doc.number}",
        f"Ngày ban hành {doc.issued.day:02d}/{doc.issued.month:02d}/{doc.issued.year}",
        f"Ngày có hiệu lực {effective.day:02d}/{effective.month:02d}/{effective.year}",
        f"Loại văn bản {TYPE_WORDS[doc.doc_type]}",
        f"Cơ quan ban hành {doc.issuer.name}",
        f"Người ký {doc.issuer.signers[-1]}",
        f"Lĩnh vực {doc.field}",
        "",
    ]


@dataclass(frozen=True, slots=True)
class _Plan:
    """What a text does beyond citing: the document it replaces, amends, repeals, guides,
    implements or consolidates (indices into the corpus)."""

    replaces: int | None = None
    amends: int | None = None
    repeals: int | None = None
    guides: int | None = None
    implements: int | None = None
    consolidates: int | None = None


def _text(writer: _Writer, index: int, doc: Doc, plan: _Plan) -> tuple[str, str]:
    """The text of ``doc`` and its file extension."""
    rng = writer.rng
    docs = writer.docs
    target = _size_target(rng)
    type_word = TYPE_WORDS[doc.doc_type]
    title_line = f"{type_word} {doc.number} {doc.title} do {doc.issuer.name} ban hành"
    if doc.doc_type == "news":
        return _news(writer, index, doc, target), ".txt"
    style = rng.choice(("plain", "table", "tvpl"))
    lines: list[str] = []
    if style == "table":
        lines += [f"# {doc.title[0].upper()}{doc.title[1:]}", ""]
    elif style == "tvpl":
        lines += _tvpl_block(doc, title_line)
    lines += _header(rng, doc, style)
    heading = "VĂN BẢN HỢP NHẤT" if doc.doc_type == "consolidated_text" else type_word.upper()
    lines += [heading, "", doc.title.upper(), ""]

    if plan.consolidates is not None:
        base = docs[plan.consolidates]
        lines.append(
            f"{cite(rng, base, full=True)}, có hiệu lực kể từ "
            f"{_date_phrase(rng, base.issued + timedelta(days=45))}, được sửa đổi, bổ sung bởi:"
        )
        lines.append("")
        for amender in base.amended:
            lines.append(
                f"{cite(rng, docs[amender], full=True)}, có hiệu lực kể từ "
                f"{_date_phrase(rng, docs[amender].issued + timedelta(days=45))}."
            )
            lines.append("")

    normative = doc.doc_type in (
        "decree",
        "circular",
        "joint_circular",
        "decision",
        "consolidated_text",
        "law",
    )
    if normative:
        for _ in range(rng.randint(1, 4)):
            lines += [f"Căn cứ {cite(rng, writer.pick(doc.issued, index), full=True)};", ""]
        for special in (plan.guides, plan.implements):
            if special is not None:
                lines += [f"Căn cứ {cite(rng, docs[special], full=True)};", ""]
        lines += [f"Theo đề nghị của {rng.choice(doc.issuer.units)};", ""]
        enact = {"decree": "Chính phủ ban hành Nghị định", "law": "Quốc hội ban hành Luật"}
        if doc.doc_type in enact:
            lines += [f"{enact[doc.doc_type]} {doc.title}.", ""]
        elif doc.doc_type == "decision":
            lines += ["QUYẾT ĐỊNH:", ""]
        else:
            lines += [
                f"{doc.issuer.signer_title.split(chr(10))[-1].capitalize()} "
                f"{doc.issuer.name} ban hành {type_word} {doc.title}.",
                "",
            ]
        article = 1
        if plan.amends is not None:
            lines += [
                f"Điều {article}. Sửa đổi, bổ sung một số điều của "
                f"{cite(rng, docs[plan.amends], full=False)}",
                "",
            ]
            article += 1
        while _size(lines) < target * 0.85:
            lines += [f"Điều {article}. {rng.choice(FIELDS[doc.field]).capitalize()}", ""]
            for clause in range(1, rng.randint(2, 5)):
                lines += [f"{clause}. {writer.paragraph(doc, index)}", ""]
            article += 1
        effect = (
            f"Điều {article}. Hiệu lực thi hành\n\n1. {type_word} này có hiệu lực thi hành "
            f"kể từ {_date_phrase(rng, doc.issued + timedelta(days=45))}."
        )
        if plan.replaces is not None:
            effect += f" {type_word} này thay thế {cite(rng, docs[plan.replaces], full=True)}."
        if plan.repeals is not None:
            effect += f"\n\n2. Bãi bỏ {cite(rng, docs[plan.repeals], full=False)}."
        lines += [effect, ""]
    else:
        if plan.implements is not None:
            lines += [
                f"Thực hiện {cite(rng, docs[plan.implements], full=True)}, "
                f"{doc.issuer.name} ban hành {type_word} triển khai thực hiện như sau:",
                "",
            ]
        if plan.replaces is not None:
            lines += [f"{type_word} này thay thế {cite(rng, docs[plan.replaces], full=True)}.", ""]
        lines += [writer.paragraph(doc, index), ""]
        sections = ("I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ VÀ GIẢI PHÁP", "III. TỔ CHỨC THỰC HIỆN")
        lines += [sections[0], "", writer.paragraph(doc, index, citing=0.1), "", sections[1], ""]
        sub = 1
        while _size(lines) < target * 0.9:
            topic = rng.choice(FIELDS[doc.field])
            lines += [f"2.{sub}. Lĩnh vực {topic}", "", writer.paragraph(doc, index), ""]
            for _ in range(rng.randint(1, 4)):
                lines += [writer.task(doc, index), ""]
            sub += 1
        lines += [
            sections[2],
            "",
            f"Giao {rng.choice(doc.issuer.units)} theo dõi, đôn đốc, "
            f"tổng hợp tình hình thực hiện {type_word} này, báo cáo định kỳ./.",
            "",
        ]
    lines += [doc.issuer.signer_title, "", rng.choice(doc.issuer.signers)]
    return "\n".join(lines) + "\n", ".md" if style == "table" else ".txt"


def _news(writer: _Writer, index: int, doc: Doc, target: int) -> str:
    """A press report (seed 004): no header, a date line, citations in running text."""
    lines = [f" date {doc.issued.year}-{doc.issued.month:02d} {writer.paragraph(doc, index)}", ""]
    while _size(lines) < target:
        lines += [writer.paragraph(doc, index, citing=0.25), ""]
    return "\n".join(lines) + "\n"


def _size(lines: list[str]) -> int:
    return sum(len(line.encode()) + 1 for line in lines)


# -- the corpus ---------------------------------------------------------------------------------


class _Numbers:
    """Ordinals per (symbol, year), so that no two corpus documents share an id."""

    def __init__(self) -> None:
        self.next: dict[tuple[str, int], int] = {}

    def take(self, symbol: str, year: int) -> int:
        key = (symbol, year)
        self.next[key] = self.next.get(key, 0) + 1
        return self.next[key]


def _new_doc(rng: random.Random, numbers: _Numbers, day: date, kind: str) -> Doc:
    ministry = rng.choice(MINISTRIES)
    field = rng.choice(MINISTRY_FIELDS[ministry.code])
    topic = rng.choice(FIELDS[field])
    y = day.year
    if kind == "decree":
        n = numbers.take("NĐ-CP", y)
        return Doc(kind, f"{n:02d}/{y}/NĐ-CP", day, GOVERNMENT, f"quy định về {topic}", field)
    if kind == "decision":
        if rng.random() < 0.5:
            n = numbers.take("QĐ-TTg", y)
            programme = rng.choice(("Chương trình", "Đề án", "Chiến lược"))
            name = f"{programme} {topic} đến năm {y + 5}"
            return Doc(
                kind, f"{n}/QĐ-TTg", day, PRIME_MINISTER, f"phê duyệt {name}", field, name=name
            )
        issuer = rng.choice((ministry, *PROVINCES))
        n = numbers.take(f"QĐ-{issuer.code}", y)
        field = field if issuer is ministry else rng.choice(tuple(FIELDS))
        return Doc(kind, f"{n}/QĐ-{issuer.code}", day, issuer, f"về việc {topic}", field)
    if kind == "directive":
        issuer = rng.choice((PRIME_MINISTER, ministry, POLITBURO))
        sep = "-CT/" if issuer.party else "/CT-"
        n = numbers.take(f"CT{issuer.code}", y)
        return Doc(
            kind, f"{n:02d}{sep}{issuer.code}", day, issuer, f"về việc tăng cường {topic}", field
        )
    if kind == "circular":
        n = numbers.take(f"TT-{ministry.code}", y)
        return Doc(
            kind, f"{n:02d}/{y}/TT-{ministry.code}", day, ministry, f"quy định {topic}", field
        )
    if kind == "joint_circular":
        other = rng.choice([m for m in MINISTRIES if m is not ministry])
        n = numbers.take("TTLT", y)
        return Doc(
            kind,
            f"{n:02d}/{y}/TTLT-{ministry.code}-{other.code}",
            day,
            ministry,
            f"hướng dẫn liên tịch về {topic}",
            field,
        )
    if kind == "resolution":
        if rng.random() < 0.3:
            issuer = rng.choice((POLITBURO, CENTRAL_COMMITTEE))
            n = numbers.take("NQ/TW", y)
            return Doc(
                kind,
                f"{n}-NQ/TW",
                day,
                issuer,
                f"về {topic} đến năm {y + 10}, tầm nhìn đến năm {y + 25}",
                field,
            )
        n = numbers.take("NQ-CP", y)
        return Doc(
            kind,
            f"{n:02d}/NQ-CP",
            day,
            GOVERNMENT,
            f"về nhiệm vụ, giải pháp chủ yếu về {topic}",
            field,
        )
    if kind == "conclusion":
        n = numbers.take("KL/TW", y)
        return Doc(kind, f"{n}-KL/TW", day, POLITBURO, f"về tiếp tục thực hiện {topic}", field)
    if kind == "plan":
        issuer = rng.choice((ministry, *PROVINCES))
        n = numbers.take(f"KH-{issuer.code}", y)
        field = field if issuer is ministry else rng.choice(tuple(FIELDS))
        return Doc(
            kind,
            f"{n}/KH-{issuer.code}",
            day,
            issuer,
            f"triển khai {rng.choice(FIELDS[field])} năm {y}",
            field,
        )
    if kind == "consolidated_text":
        n = numbers.take(f"VBHN-{ministry.code}", y)
        return Doc(
            kind,
            f"{n:02d}/VBHN-{ministry.code}",
            day,
            ministry,
            f"hợp nhất quy định về {topic}",
            field,
        )
    if kind == "official_letter":
        unit = "".join(w[0] for w in rng.choice(ministry.units).split() if w[0].isupper())
        n = numbers.take(f"{ministry.code}-{unit}", y)
        return Doc(kind, f"{n}/{ministry.code}-{unit}", day, ministry, f"về việc {topic}", field)
    if kind == "law":
        n = numbers.take("QH", y)
        legislature = 12 + (y - 2007) // 5
        name = f"Luật {topic[0].upper()}{topic[1:]}"
        return Doc(
            kind,
            f"{n}/{y}/QH{legislature}",
            day,
            Issuer(
                "Quốc hội",
                ("QUỐC HỘI",),
                "QH",
                "Hà Nội",
                "CHỦ TỊCH QUỐC HỘI",
                ("Nguyễn Thị Kim Ngân", "Vương Đình Huệ"),
                GOVERNMENT.units,
            ),
            name.lower(),
            field,
            name=name,
        )
    return Doc("news", None, day, ministry, f"tin hoạt động về {topic}", field)


def _plan(rng: random.Random, doc: Doc, index: int, docs: list[Doc], replaced: set[int]) -> _Plan:
    """Pick what ``doc`` supersedes, amends or implements among earlier corpus documents."""

    def earlier(match: object, kinds: tuple[str, ...], skip: set[int] | None = None) -> int | None:
        # Look back over a bounded window: recent documents of the same kind and issuer.
        for _ in range(12):
            j = rng.randrange(max(0, index - 400), index) if index else None
            if j is None:
                return None
            other = docs[j]
            if (
                other.in_corpus
                and other.doc_type in kinds
                and (match is None or other.issuer is match)
                and (skip is None or j not in skip)
            ):
                return j
        return None

    replaces = amends = repeals = guides = implements = consolidates = None
    if (
        doc.doc_type in ("decree", "circular", "decision", "directive", "plan")
        and rng.random() < 0.3
    ):
        replaces = earlier(doc.issuer, (doc.doc_type,), replaced)
        if replaces is not None:
            replaced.add(replaces)
    if doc.doc_type == "decree" and replaces is None and rng.random() < 0.25:
        amends = earlier(GOVERNMENT, ("decree",))
        if amends is not None:
            docs[amends].amended.append(index)
            doc.title = f"sửa đổi, bổ sung một số điều của Nghị định số {docs[amends].number}"
    if doc.doc_type in ("circular", "decision") and rng.random() < 0.08:
        repeals = earlier(doc.issuer, ("circular", "decision"), replaced)
    if doc.doc_type in ("circular", "joint_circular") and rng.random() < 0.5:
        guides = earlier(GOVERNMENT, ("decree",))
        if guides is not None:
            doc.title = f"hướng dẫn thi hành Nghị định số {docs[guides].number}"
    if doc.doc_type in ("plan", "directive") and rng.random() < 0.6:
        implements = earlier(None, ("decision", "resolution", "directive"))
    if doc.doc_type == "consolidated_text":
        candidates = [j for j in range(max(0, index - 2000), index) if docs[j].amended]
        consolidates = rng.choice(candidates) if candidates else None
    return _Plan(replaces, amends, repeals, guides, implements, consolidates)


def generate(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """Yield ``n`` synthetic texts as ``(filename, text)``, oldest first.

    Parameters
    ----------
    n : int
        How many texts.
    seed : int
        The same seed gives the same corpus, byte for byte.

    Examples
    --------
    >>> name, text = next(generate(1, seed=1))
    >>> "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text or " date " in text
    True
    """
    rng = random.Random(seed)
    docs = _famous()
    pool = [i for i in range(len(docs)) for _ in range(FAMOUS_WEIGHT)]
    kinds, weights = zip(*TYPE_WEIGHTS, strict=True)
    numbers = _Numbers()
    replaced: set[int] = set()
    writer = _Writer(rng, docs, pool)
    span = (LAST_DAY - FIRST_DAY).days
    for i in range(n):
        day = FIRST_DAY + timedelta(days=span * i // max(n, 1))
        kind = rng.choices(kinds, weights)[0]
        doc = _new_doc(rng, numbers, day, kind)
        index = len(docs)
        docs.append(doc)
        plan = _plan(rng, doc, index, docs, replaced)
        text, ext = _text(writer, index, doc, plan)
        if doc.number is not None:  # press reports are not cited
            pool.extend([index] * POOL_ENTRY_WEIGHT)
        yield f"{i:06d}_{kind}{ext}", text


def write_corpus(n: int, outdir: Path, seed: int = 0) -> list[Path]:
    """Write ``generate(n, seed)`` into ``outdir`` (created); return the paths."""
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate(n, seed):
        path = outdir / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.synth", description="Write N synthetic Vietnamese legal texts."
    )
    parser.add_argument("n", type=int, metavar="N", help="how many texts")
    parser.add_argument("outdir", type=Path, metavar="OUTDIR", help="directory to write into")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    args = parser.parse_args(argv)
    paths = write_corpus(args.n, args.outdir, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} texts, {size / 1e6:.1f} MB in {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
