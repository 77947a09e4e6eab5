"""Stage 2, parse: identity and metadata per header style, spans, sections, gold identities."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.identity import document_id, file_document_id, number_key
from loader.parse import ParsedText, Span, parse
from loader.read import read_path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "eval" / "gold"
DEV = SHARED / "corpus" / "dev"


def sample(prefix: str) -> ParsedText:
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return parse(read_path(path))


def parse_text(tmp_path: Path, text: str, name: str = "van_ban.md") -> ParsedText:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse(read_path(path))


def span_text(parsed: ParsedText, span: Span | None) -> str | None:
    return None if span is None else parsed.text[span[0] : span[1]]


# --- one row per header style ---------------------------------------------------------------------

# The republic's motto column of a markdown header; some copies lose the closing "|".
REPUBLIC_ROW_OPEN = (
    "| {} | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------"
)
REPUBLIC_ROW = REPUBLIC_ROW_OPEN + " |"

PLAIN_HEADER = """BỘ THÔNG TIN VÀ
TRUYỀN THÔNG
-------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Số: 01/CT-BTTTT

Hà Nội, ngày 20 tháng 01 năm 2024

CHỈ THỊ

VỀ ĐỊNH HƯỚNG PHÁT TRIỂN NGÀNH THÔNG TIN VÀ TRUYỀN THÔNG NĂM 2024

Năm 2023 là năm dữ liệu số quốc gia, tạo ra giá trị mới từ dữ liệu.

1. Ngay từ những ngày đầu, tháng đầu năm 2024, các cơ quan tổ chức quán triệt Chỉ thị này.
"""

TABLE_HEADER_CONSOLIDATED = f"""# 836_2024_VBHN_BLDTBXH_preamble


{REPUBLIC_ROW_OPEN.format("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI --------")}
|---|---|
| Số: 836/VBHN-BLĐTBXH | Hà Nội, ngày 05 tháng 3 năm 2024

THÔNG TƯ

HƯỚNG DẪN THỰC HIỆN QUYẾT ĐỊNH SỐ 170/2008/QĐ-TTG NGÀY 18 THÁNG 12 NĂM 2008 CỦA THỦ TƯỚNG CHÍNH PHỦ

Căn cứ Quyết định số 170/2008/QĐ-TTg ngày 18 tháng 12 năm 2008 của Thủ tướng Chính phủ;

Bộ Lao động - Thương binh và Xã hội hướng dẫn việc lập hồ sơ như sau:

# 836_2024_VBHN_BLDTBXH_art1

Điều 1. Đối tượng
"""

TABLE_HEADER_LETTER = f"""# V/v điều chỉnh mức trợ cấp hàng tháng theo Quyết định số \
142/2008/QĐ-TTg

{REPUBLIC_ROW.format("THỦ TƯỚNG CHÍNH PHỦ -------")}
|---|---|
| Số: 2403/TTg-KGVX V/v Điều chỉnh mức trợ cấp hàng tháng theo Quyết định số 142/2008/QĐ-TTg \
| Hà Nội, ngày 03 tháng 12 năm 2009 |

| Kính gửi: | - Bộ Quốc phòng; - Bộ Tài chính |
|---|---|

1. Từ ngày 01 tháng 01 năm 2009, điều chỉnh tăng thêm 15% mức trợ cấp hàng tháng.
"""

TABLE_HEADER_PLAN = f"""# Về việc phê duyệt Đề án tìm kiếm, quy tập hài cốt liệt sĩ từ nay \
đến năm 2020

{REPUBLIC_ROW.format("BAN CHỈ ĐẠO QUỐC GIA VỀ TÌM KIẾM, QUY TẬP HÀI CỐT LIỆT SĨ -------")}
|---|---|
| Số: 252/KH-BCĐQG1237 | Hà Nội, ngày 11 tháng 11 năm 2013 |

KẾ HOẠCH

TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 1237/QĐ-TTG NGÀY 27 THÁNG 7 NĂM 2013 CỦA THỦ TƯỚNG CHÍNH PHỦ

Căn cứ Chỉ thị số 24-CT/TW ngày 15 tháng 5 năm 2013 của Bộ Chính trị;

Căn cứ Quyết định số 1237/QĐ-TTg ngày 27 tháng 7 năm 2013 của Thủ tướng Chính phủ;

A. MỤC ĐÍCH, YÊU CẦU

1. Mục đích
"""

HEADER_STYLES = [
    # style, how to get the parsed text, number, year, doc_type, issuer, issued date
    (
        "thuvienphapluat block (seed 000)",
        lambda tmp: sample("000"),
        "01/CT-BTTTT",
        2024,
        "directive",
        "Bộ Thông tin và Truyền thông",
        "2024-01-20",
    ),
    (
        "official header, plain lines",
        lambda tmp: parse_text(tmp, PLAIN_HEADER, "chi_thi.txt"),
        "01/CT-BTTTT",
        2024,
        "directive",
        "Bộ Thông tin và Truyền thông",
        "2024-01-20",
    ),
    (
        "official header as markdown table, consolidated text under THÔNG TƯ",
        lambda tmp: parse_text(tmp, TABLE_HEADER_CONSOLIDATED),
        "836/VBHN-BLĐTBXH",
        2024,
        "consolidated_text",
        "Bộ Lao động - Thương binh và Xã hội",
        "2024-03-05",
    ),
    (
        "official letter, V/v in the number cell",
        lambda tmp: parse_text(tmp, TABLE_HEADER_LETTER),
        "2403/TTg-KGVX",
        2009,
        "official_letter",
        "Thủ tướng Chính phủ",
        "2009-12-03",
    ),
    (
        "header date in digits, year-less number (2/QĐ-TTg of 2014)",
        lambda tmp: parse_text(
            tmp,
            TABLE_HEADER_LETTER.replace("2403/TTg-KGVX", "2/QĐ-TTg")
            .replace("ngày 03 tháng 12 năm 2009", "ngày 02-07-2014")
            .replace("V/v Điều chỉnh", "Điều chỉnh"),
        ),
        "2/QĐ-TTg",
        2014,
        "decision",
        "Thủ tướng Chính phủ",
        "2014-07-02",
    ),
    (
        "plan of a steering committee",
        lambda tmp: parse_text(tmp, TABLE_HEADER_PLAN),
        "252/KH-BCĐQG1237",
        2013,
        "plan",
        "Ban Chỉ đạo quốc gia về tìm kiếm, quy tập hài cốt liệt sĩ",
        "2013-11-11",
    ),
    (
        "title line only (seed 003)",
        lambda tmp: sample("003"),
        "01/CT-BTTTT",
        2025,
        "directive",
        "Bộ Thông tin và Truyền thông",
        None,
    ),
    (
        "no number: type line and content (seed 001)",
        lambda tmp: sample("001"),
        None,
        2021,
        "directive",
        "Bộ Thông tin và Truyền thông",
        None,
    ),
    (
        "press report of a directive (seed 002)",
        lambda tmp: sample("002"),
        None,
        2020,
        "news",
        None,
        None,
    ),
    (
        "press report with a date stamp (seed 004)",
        lambda tmp: sample("004"),
        None,
        2023,
        "news",
        None,
        None,
    ),
]


@pytest.mark.parametrize(
    ("make", "number", "year", "doc_type", "issuer", "issued"),
    [row[1:] for row in HEADER_STYLES],
    ids=[row[0] for row in HEADER_STYLES],
)
def test_identity_from_each_header_style(
    tmp_path: Path,
    make,
    number: str | None,
    year: int,
    doc_type: str,
    issuer: str | None,
    issued: str | None,
) -> None:
    parsed = make(tmp_path)
    doc = parsed.document
    assert (doc.number, doc.year, doc.doc_type) == (number, year, doc_type)
    assert doc.issuer == issuer
    assert doc.issued_date == issued
    assert doc.source_path == parsed.source.path
    if number is None:
        assert doc.id == file_document_id(parsed.source.path, doc_type)
    else:
        assert doc.id == document_id(number, year)


def test_same_number_in_three_years_is_three_documents() -> None:
    of_2024, of_2025, news_2020 = sample("000").document, sample("003").document, sample("002")
    of_2020 = document_id("01/CT-BTTTT", 2020)  # the directive seed 002 reports on
    assert number_key(of_2024.number or "") == number_key(of_2025.number or "")
    assert len({of_2024.id, of_2025.id, of_2020, news_2020.document.id}) == 4
    assert (of_2024.year, of_2025.year) == (2024, 2025)


def test_thuvienphapluat_block_gives_all_metadata() -> None:
    doc = sample("000").document
    assert doc.effective_date == "2024-01-20"
    assert doc.signer == "Nguyễn Mạnh Hùng"
    assert doc.field == "Công nghệ thông tin"
    assert doc.name == "Chỉ thị về định hướng phát triển ngành Thông tin và Truyền thông năm 2024"


# --- spans ----------------------------------------------------------------------------------------


def test_seed_000_spans() -> None:
    parsed = sample("000")
    own = [span_text(parsed, s) for s in parsed.own_spans]
    assert own == ["Chỉ thị 01/CT-BTTTT", "Số hiệu 01/CT-BTTTT", "Số: 01/CT-BTTTT"]
    web = span_text(parsed, parsed.web_title_span) or ""
    assert web.startswith("Chỉ thị 01/CT-BTTTT định hướng") and web.endswith("ban hành")
    title = span_text(parsed, parsed.title_span) or ""
    assert title.startswith("CHỈ THỊ") and title.endswith("TRUYỀN THÔNG NĂM 2024")
    assert parsed.preamble_span is None
    assert parsed.text[parsed.body_start :].startswith("Năm 2023 là năm dữ liệu số quốc gia")


def test_title_line_names_own_number_and_title(tmp_path: Path) -> None:
    parsed = sample("003")
    assert [span_text(parsed, s) for s in parsed.own_spans] == ["Chỉ thị số 01/CT-BTTTT"]
    assert span_text(parsed, parsed.title_span) == (
        "Chỉ thị về định hướng phát triển ngành Thông tin và Truyền thông năm 2025"
    )
    assert parsed.document.name == span_text(parsed, parsed.title_span)
    assert parsed.web_title_span is None  # the line is this text's own title, not the page's


def test_markdown_section_marker_is_not_a_title(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, TABLE_HEADER_CONSOLIDATED)
    assert parsed.web_title_span is None
    assert [span_text(parsed, s) for s in parsed.own_spans] == ["Số: 836/VBHN-BLĐTBXH"]
    assert parsed.document.name == (
        "Thông tư hướng dẫn thực hiện Quyết định số 170/2008/QĐ-TTg ngày 18 tháng 12 năm 2008 "
        "của Thủ tướng Chính phủ"
    )
    preamble = span_text(parsed, parsed.preamble_span)
    assert preamble == (
        "Căn cứ Quyết định số 170/2008/QĐ-TTg ngày 18 tháng 12 năm 2008 của Thủ tướng Chính phủ;"
    )
    assert parsed.text[parsed.body_start :].startswith("Bộ Lao động - Thương binh và Xã hội hướng")
    assert [(s.number, s.heading) for s in parsed.sections] == [("Điều 1", "Đối tượng")]


def test_official_letter_subject_is_its_title(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, TABLE_HEADER_LETTER)
    assert span_text(parsed, parsed.web_title_span) == (
        "V/v điều chỉnh mức trợ cấp hàng tháng theo Quyết định số 142/2008/QĐ-TTg"
    )
    assert span_text(parsed, parsed.title_span) == (
        "Điều chỉnh mức trợ cấp hàng tháng theo Quyết định số 142/2008/QĐ-TTg"
    )
    assert [span_text(parsed, s) for s in parsed.own_spans] == ["Số: 2403/TTg-KGVX"]


def test_preamble_runs_from_first_basis_to_enacting_line(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, TABLE_HEADER_PLAN)
    preamble = span_text(parsed, parsed.preamble_span) or ""
    assert preamble.startswith("Căn cứ Chỉ thị số 24-CT/TW")
    assert preamble.endswith("của Thủ tướng Chính phủ;")
    assert parsed.text[parsed.body_start :].startswith("A. MỤC ĐÍCH, YÊU CẦU")


def test_press_report_headline_is_web_title_and_name() -> None:
    parsed = sample("002")
    headline = "Định hướng phát triển ngành Thông tin và Truyền thông năm 2020"
    assert span_text(parsed, parsed.web_title_span) == headline
    assert parsed.document.name == headline
    assert parsed.own_spans == ()


# --- issuer in capitals ---------------------------------------------------------------------------

ISSUERS = [
    ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Bộ Lao động - Thương binh và Xã hội"),
    ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("BỘ TÀI CHÍNH", "Bộ Tài chính"),
    ("ỦY B AN NHÂN D Â N T HÀNH P HỐ HỒ C H Í M I NH", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
    ("ỦY BAN NHÂN DÂN TỈNH HÀ NAM", "Ủy ban nhân dân tỉnh Hà Nam"),
    ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"),
]


@pytest.mark.parametrize(("caps", "expected"), ISSUERS)
def test_issuer_capitals_are_title_cased(tmp_path: Path, caps: str, expected: str) -> None:
    text = (
        f"| {caps} ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |\n"
        "|---|---|\n| Số: 15/QĐ-UBND | Hà Nội, ngày 02 tháng 01 năm 2015 |\n\nQUYẾT ĐỊNH\n\n"
        "VỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế.\n"
    )
    assert parse_text(tmp_path, text).document.issuer == expected


def test_chairman_deciding_in_his_own_name(tmp_path: Path) -> None:
    text = (
        "| ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "|---|---|\n| Số: 3210/QĐ - UBND | Thành phố Hồ Chí Minh, ngày 28 tháng 6 năm 2014 |\n\n"
        "QUYẾT ĐỊNH\n\nVỀ BAN HÀNH KẾ HOẠCH TRIỂN KHAI THỰC HIỆN THÔNG TƯ SỐ 09/2013/TT-BXD\n\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH\n\n"
        "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;\n\n"
        "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n"
    )
    doc = parse_text(tmp_path, text).document
    assert doc.number == "3210/QĐ-UBND"
    assert doc.issuer == "Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh"
    assert doc.name == (
        "Quyết định về ban hành kế hoạch triển khai thực hiện Thông tư số 09/2013/TT-BXD"
    )


# --- year of a text without a number or date ------------------------------------------------------

YEARS = [
    (
        "its own tasks outnumber a national aim",
        "phấn đấu hoàn thành nhiệm vụ công tác năm 2021. Trong quý IV năm 2021, đẩy mạnh chuyển "
        "đổi số; Việt Nam trở thành nước phát triển, có thu nhập cao vào năm 2045.",
        2021,
    ),
    (
        "horizons and named laws are not its year",
        "Thực hiện nhiệm vụ năm 2022 theo Đề án đến năm 2025, tầm nhìn đến năm 2030; sửa đổi Luật "
        "Báo chí năm 2016 và Luật Xuất bản năm 2012.",
        2022,
    ),
    (
        "dates of cited documents are not its year",
        "Triển khai Chỉ thị số 19/CT-TTg ngày 16 tháng 7 năm 2019 trong năm 2020.",
        2020,
    ),
]


@pytest.mark.parametrize(("content", "year"), [r[1:] for r in YEARS], ids=[r[0] for r in YEARS])
def test_year_of_a_directive_without_number(tmp_path: Path, content: str, year: int) -> None:
    text = f"CHỈ THỊ\nVỀ VIỆC ĐẨY MẠNH CÔNG TÁC THI ĐUA\nBộ trưởng Bộ Tư pháp yêu cầu:\n{content}\n"
    doc = parse_text(tmp_path, text, "chi_thi.txt").document
    assert (doc.number, doc.doc_type, doc.year) == (None, "directive", year)
    assert doc.issuer == "Bộ Tư pháp"


# --- sections -------------------------------------------------------------------------------------


def test_seed_000_sections_nest_and_cover_their_content() -> None:
    parsed = sample("000")
    by_number = {s.number: s for s in parsed.sections if s.number}
    postal, telecom = by_number["2.1"], by_number["2.2"]
    assert postal.heading == "Lĩnh vực Bưu chính"
    postal_text = parsed.text[postal.start : postal.end]
    assert "Xây dựng Hệ tri thức về bưu chính" in postal_text
    assert "Lĩnh vực Viễn thông" not in postal_text
    assert parsed.text[postal.end : telecom.start].strip() == ""
    stars = [s for s in parsed.sections if s.number is None]
    assert stars[0].heading == "Nhiệm vụ năm 2024 và định hướng đến năm 2025"
    assert postal.start < stars[0].start < stars[0].end <= postal.end
    assert by_number["2"].start < postal.start and by_number["2"].end >= telecom.end


STRUCTURED = """QUYẾT ĐỊNH

VỀ NÂNG MỨC TRỢ CẤP

Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;

QUYẾT ĐỊNH:

Chương I

QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh

1. Mức chi điều dưỡng 2.220.000 đồng/người/lần, bao gồm:

1.600.000 đồng tiền ăn.

a) Tiền ăn sáng và 02 bữa chính.

## Điều 2. Đối tượng áp dụng

Chương II

MỨC HƯỞNG

**Điều 3.** Mức chuẩn
"""


def test_sections_of_chapters_articles_and_clauses(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, STRUCTURED)
    got = [(s.number, s.heading) for s in parsed.sections]
    assert got == [
        ("Chương I", "QUY ĐỊNH CHUNG"),
        ("Điều 1", "Phạm vi điều chỉnh"),
        ("1", "Mức chi điều dưỡng 2.220.000 đồng/người/lần, bao gồm:"),
        ("Điều 2", "Đối tượng áp dụng"),
        ("Chương II", "MỨC HƯỞNG"),
        ("Điều 3", "Mức chuẩn"),
    ]
    chapter_one, article_one, clause, article_two = parsed.sections[:4]
    assert chapter_one.end > article_two.start  # the chapter holds both articles
    assert parsed.text[article_one.start : article_one.end].endswith("02 bữa chính.")
    assert clause.end == article_one.end


# --- gold identities ------------------------------------------------------------------------------

GOLD_FILES = sorted(GOLD.glob("*.gold.json")) if GOLD.exists() else []


def _text_of(gold_file: Path) -> Path:
    name = gold_file.name.removesuffix(".gold.json")
    return SAMPLES / name if (SAMPLES / name).exists() else DEV / name


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared (dev corpus and gold identities)")
@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=[p.name[:16] for p in GOLD_FILES])
def test_identity_matches_gold(gold_file: Path) -> None:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))["identity"]
    doc = parse(read_path(_text_of(gold_file))).document
    accepted = [gold] + ([gold["reports_on"]] if "reports_on" in gold else [])
    got = (number_key(doc.number) if doc.number else None, doc.year, doc.doc_type)
    wanted = [
        (number_key(g["number"]) if g["number"] else None, g["year"], g["doc_type"])
        for g in accepted
    ]
    assert got in wanted
    if gold.get("issued_date") and doc.doc_type != "news":
        assert doc.issued_date == gold["issued_date"]


def test_gold_files_are_all_found() -> None:
    if not SHARED.exists():
        pytest.skip("needs ../shared (dev corpus and gold identities)")
    assert len(GOLD_FILES) == 20
    assert all(_text_of(g).exists() for g in GOLD_FILES)


def test_header_without_date_does_not_borrow_a_cited_date(tmp_path: Path) -> None:
    text = (
        "| BỘ TƯ PHÁP ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"
        "| Số: 15/QĐ-BTP | |\n\nQUYẾT ĐỊNH\n\nVỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC\n\n"
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc năm 2016.\n"
    )
    doc = parse_text(tmp_path, text).document
    assert (doc.number, doc.issued_date, doc.issuer) == ("15/QĐ-BTP", None, "Bộ Tư pháp")
