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

# Công báo prints the type word before "số:", no place-date in the header, and dates a resolution
# of the Standing Committee by its adoption in the last lines.
GAZETTE_RESOLUTION = """CÔNG BÁO/Số 612 + 613/Ngày 20-5-2025
5

VĂN BẢN QUY PHẠM PHÁP LUẬT
ỦY BAN THƯỜNG VỤ QUỐC HỘI

ỦY BAN THƯỜNG VỤ QUỐC HỘI

Nghị quyết số: 64/2025/UBTVQH15

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

NGHỊ QUYẾT
Về việc điều chỉnh mức phụ cấp đối với đại biểu Hội đồng nhân dân
các cấp trong thời gian chuyển tiếp

ỦY BAN THƯỜNG VỤ QUỐC HỘI
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13 đã được sửa đổi, bổ sung
một số điều theo Luật số 65/2020/QH14;
Sau khi xem xét Tờ trình số 201/TTr-CP ngày 02/4/2025 của Chính phủ; Báo cáo
thẩm tra số 512/BC-UBTCNS15 ngày 18/4/2025 của Ủy ban Tài chính, Ngân sách;
QUYẾT NGHỊ:
Điều 1. Điều chỉnh mức phụ cấp
Mức phụ cấp hằng tháng của đại biểu Hội đồng nhân dân được điều chỉnh từ ngày 01 tháng 7 năm 2025.
Điều 2. Hiệu lực thi hành
Nghị quyết này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.
Nghị quyết này được Ủy ban Thường vụ Quốc hội nước Cộng hòa xã hội chủ
nghĩa Việt Nam khóa XV, phiên họp thứ 44 thông qua ngày 24 tháng 4 năm 2025.

TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI
CHỦ TỊCH
"""

TABLE_HEADER_TYPED_NUMBER = f"""{REPUBLIC_ROW.format("ỦY BAN NHÂN DÂN TỈNH LÀO CAI -------")}
|---|---|
| Quyết định số: 27/2016/QĐ-UBND | Lào Cai, ngày 12 tháng 5 năm 2016 |

QUYẾT ĐỊNH

BAN HÀNH QUY CHẾ PHỐI HỢP QUẢN LÝ CỤM CÔNG NGHIỆP TRÊN ĐỊA BÀN TỈNH LÀO CAI

Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp quản lý cụm công nghiệp.
"""

# Công báo's header of a decree: no rule lines, the issuer repeated under the gazette's section,
# a sentence-case title, and "Căn cứ" clauses cut at the page width.
GAZETTE_DECREE = """CÔNG BÁO/Số 733 + 734/Ngày 20-6-2025
3

VĂN BẢN QUY PHẠM PHÁP LUẬT

CHÍNH PHỦ

CHÍNH PHỦ


Số: 141/2025/NĐ-CP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Hà Nội, ngày 12 tháng 6 năm 2025

 NGHỊ ĐỊNH
Quy định chi tiết một số điều của Luật Việc làm về bảo hiểm
thất nghiệp

Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
Căn cứ Luật Việc làm ngày 16 tháng 6 năm 2025; Luật sửa đổi,
bổ sung một số điều của Luật Bảo hiểm xã hội ngày 29 tháng 6 năm 2024;
Căn cứ Nghị quyết số 142/2024/QH15 ngày 29 tháng 6 năm 2024
của Quốc hội về Kỳ họp thứ 7, Quốc hội khóa XV;
Theo đề nghị của Bộ trưởng Bộ Nội vụ;
Chính phủ ban hành Nghị định quy định chi tiết một số điều của Luật Việc làm
về bảo hiểm thất nghiệp.

Chương I
NHỮNG QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
"""

# A consolidated text in Công báo: "VĂN BẢN HỢP NHẤT - BỘ …" over the header and no number.
GAZETTE_CONSOLIDATED = """                 CÔNG BÁO/Số 215 + 216/Ngày 14-3-2024

41

VĂN BẢN PHÁP LUẬT KHÁC

VĂN BẢN HỢP NHẤT -
BỘ TÀI CHÍNH


CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

THÔNG TƯ
Hướng dẫn chế độ quản lý, sử dụng kinh phí bảo đảm trật tự
an toàn giao thông

Thông tư số 01/2021/TT-BTC ngày 07 tháng 01 năm 2021 của Bộ trưởng
Bộ Tài chính hướng dẫn chế độ quản lý, sử dụng kinh phí bảo đảm trật tự an toàn
giao thông, có hiệu lực từ ngày 25 tháng 02 năm 2021, được sửa đổi, bổ sung bởi:
Thông tư số 16/2023/TT-BTC ngày 17 tháng 3 năm 2023 của Bộ trưởng Bộ Tài chính
sửa đổi, bổ sung một số điều của Thông tư số 01/2021/TT-BTC, có hiệu lực từ
ngày 01 tháng 5 năm 2023.
Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;
Căn cứ Nghị định số 87/2017/NĐ-CP ngày 26 tháng 7 năm 2017 của Chính
phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tài chính;
Theo đề nghị của Vụ trưởng Vụ Tài chính hành chính sự nghiệp;
Bộ trưởng Bộ Tài chính ban hành Thông tư hướng dẫn chế độ quản lý, sử dụng
kinh phí bảo đảm trật tự an toàn giao thông1.

Điều 1. Phạm vi điều chỉnh
"""

# A web copy of a consolidated law that lost its header: only the formula under the title says
# what it is.
CONSOLIDATED_BY_FORMULA = """|
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
LUẬT
ĐẤT ĐAI
Luật Đất đai số 31/2024/QH15 ngày 18 tháng 01 năm 2024 của Quốc hội, có hiệu lực kể từ
ngày 01 tháng 01 năm 2025, được sửa đổi, bổ sung bởi:
1. Luật số 43/2024/QH15 ngày 29 tháng 6 năm 2024 của Quốc hội sửa đổi, bổ sung một số điều \
của Luật Đất đai số 31/2024/QH15, có hiệu lực kể từ ngày 01 tháng 8 năm 2024.
Căn cứ Hiến pháp nước
Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật Đất đai[1].
"""

# A consolidated decree whose footnote mark sticks to its type line and whose first footnote
# says what it consolidates.
CONSOLIDATED_BY_FOOTNOTE = """CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

NGHỊ ĐỊNH1
Quy định về quản lý, sử dụng hóa đơn điện tử
______________
Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
Theo đề nghị của Bộ trưởng Bộ Tài chính;
Chính phủ ban hành Nghị định quy định về quản lý, sử dụng hóa đơn điện tử.

1 Văn bản này được hợp nhất từ 02 Nghị định sau:
Điều 1. Phạm vi điều chỉnh
"""

# A province's page that summarises a decision under its title and links to the full text.
NEWS_UNDER_A_TITLE = """Quyết định số 1420/QĐ-TTg của Thủ tướng Chính phủ ngày 09 tháng 8 năm 2021 \
về Ngày Sách và Văn hóa đọc Việt Nam
Ngày Sách và Văn hóa đọc Việt Nam được tổ chức hằng năm nhằm:
1. Khuyến khích, phát triển phong trào đọc sách trong cộng đồng.
2. Nâng cao nhận thức của xã hội về vai trò của sách và văn hóa đọc.
Toàn văn quyết định tại đây
"""

NEWS_BULLETIN = """Số 21.2010 (478) ngày 28/05/2010

 CHÍNH PHỦ

Hỗ trợ lãi suất vay mua máy nông nghiệp - Ngày 24/05/2010, Thủ tướng Chính phủ đã ký Quyết định \
số 23/2010/QĐ-TTg, theo đó các hộ nông dân được vay vốn mua máy móc với lãi suất ưu đãi.
Quyết định này có hiệu lực thi hành từ ngày 15/07/2010.
"""

NEWS_LEDE = """Ngày 12/9/2022, UBND tỉnh ban hành Quyết định số 31/2022/QĐ-UBND về việc bãi bỏ \
một số văn bản quy phạm pháp luật do UBND tỉnh ban hành.
Theo đó, 12 văn bản không còn phù hợp sẽ bị bãi bỏ kể từ ngày 25/9/2022.
Xem chi tiết nội dung Quyết định tại đây!
"""

NEWS_PAGE_STAMP = """Chuyển đổi số trong cải cách hành chính, nhìn từ một năm thực hiện

Thứ hai - 15/03/2021 08:30 0
Tháng 2/2021 là tròn 01 năm triển khai Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ.
"""

# A title line and a speech quoted: a legal text naming itself is not unmade by a news word.
TITLE_LINE_QUOTING_A_SPEECH = """Chỉ thị số 05/CT-BNV của Bộ Nội vụ: Chỉ thị về đẩy mạnh cải cách \
hành chính năm 2024
Thực hiện ý kiến phát biểu chỉ đạo của Thủ tướng Chính phủ tại Hội nghị trực tuyến, Bộ trưởng Bộ \
Nội vụ yêu cầu các cơ quan, đơn vị thực hiện tốt các nhiệm vụ sau đây:
1. Rà soát, đơn giản hóa thủ tục hành chính trong năm 2024.
"""

# A header row that lost its leading "|" and its place; the committee's full name stands above
# the preamble where the type line and title were lost.
BARE_COMMITTEE = """ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 45/2007/QĐ-UBND | Tam Kỳ, ngày 10 tháng 9 năm 2007 |
BAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ HOẠT ĐỘNG QUẢNG CÁO TRÊN ĐỊA BÀN TỈNH QUẢNG NAM
ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM
Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26/11/2003;
Theo đề nghị của Giám đốc Sở Văn hóa, Thể thao và Du lịch,
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy định về quản lý hoạt động quảng cáo.
"""

# Neither the header nor the line above the preamble names the province; the place of the
# header's date and the body do.
BARE_COMMITTEE_PLACE = """UỶ BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 09/2012/QĐ-UBND | Yên Bái, ngày 04 tháng 6 năm 2012 |
UỶ BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức Hội đồng nhân dân và Uỷ ban nhân dân ngày 26 tháng 11 năm 2003;
Xét đề nghị của Giám đốc Sở Nội vụ về việc ban hành Quy chế công tác văn thư, lưu trữ thuộc \
thẩm quyền của Uỷ ban nhân dân tỉnh Yên Bái,
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế công tác văn thư, lưu trữ.
"""

# A 1990s decree copied without header, number or type line: its enacting line says what it is.
DECREE_WITHOUT_HEADER = """CHÍNH PHỦ
Căn cứ Luật tổ chức Chính phủ ngày 30 tháng 9 năm 1992;
Căn cứ Pháp lệnh Thanh tra ngày 01 tháng 4 năm 1990;
Để tăng cường quản lý nhà nước đối với hoạt động kiểm tra tại các
doanh nghiệp;
Theo đề nghị của Tổng Thanh tra Nhà nước,
NGHỊ ĐỊNH:
CHƯƠNG I
NHỮNG QUY ĐỊNH CHUNG
Điều 1. Việc kiểm tra doanh nghiệp phải đúng thẩm quyền.
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
    (
        "type word before 'số:' (Công báo), dated by its adoption",
        lambda tmp: parse_text(tmp, GAZETTE_RESOLUTION, "nghi_quyet.txt"),
        "64/2025/UBTVQH15",
        2025,
        "resolution",
        "Ủy ban Thường vụ Quốc hội",
        "2025-04-24",
    ),
    (
        "type word before 'số:' in a markdown table",
        lambda tmp: parse_text(tmp, TABLE_HEADER_TYPED_NUMBER),
        "27/2016/QĐ-UBND",
        2016,
        "decision",
        "Ủy ban nhân dân tỉnh Lào Cai",
        "2016-05-12",
    ),
    (
        "Công báo header without rule lines",
        lambda tmp: parse_text(tmp, GAZETTE_DECREE, "nghi_dinh.txt"),
        "141/2025/NĐ-CP",
        2025,
        "decree",
        "Chính phủ",
        "2025-06-12",
    ),
    (
        "consolidated text under 'VĂN BẢN HỢP NHẤT - BỘ …', no number",
        lambda tmp: parse_text(tmp, GAZETTE_CONSOLIDATED, "vbhn.txt"),
        None,
        2024,
        "consolidated_text",
        "Bộ Tài chính",
        None,
    ),
    (
        "consolidated text known by the formula under its title",
        lambda tmp: parse_text(tmp, CONSOLIDATED_BY_FORMULA),
        None,
        None,
        "consolidated_text",
        None,
        None,
    ),
    (
        "consolidated text known by its footnote, mark glued to the type line",
        lambda tmp: parse_text(tmp, CONSOLIDATED_BY_FOOTNOTE, "vbhn.txt"),
        None,
        None,
        "consolidated_text",
        None,
        None,
    ),
    (
        "press report under the title of the decision it reports on",
        lambda tmp: parse_text(tmp, NEWS_UNDER_A_TITLE),
        None,
        2021,
        "news",
        None,
        None,
    ),
    (
        "press bulletin: 'Thủ tướng Chính phủ đã ký'",
        lambda tmp: parse_text(tmp, NEWS_BULLETIN),
        None,
        2010,
        "news",
        None,
        None,
    ),
    (
        "press report: a lede and a link to the full text",
        lambda tmp: parse_text(tmp, NEWS_LEDE),
        None,
        2022,
        "news",
        None,
        None,
    ),
    (
        "press report: a page's date stamp",
        lambda tmp: parse_text(tmp, NEWS_PAGE_STAMP),
        None,
        2021,
        "news",
        None,
        None,
    ),
    (
        "title line of a directive that quotes a speech",
        lambda tmp: parse_text(tmp, TITLE_LINE_QUOTING_A_SPEECH),
        "05/CT-BNV",
        2024,
        "directive",
        "Bộ Nội vụ",
        None,
    ),
    (
        "committee without its place in the header, named above the preamble",
        lambda tmp: parse_text(tmp, BARE_COMMITTEE),
        "45/2007/QĐ-UBND",
        2007,
        "decision",
        "Ủy ban nhân dân tỉnh Quảng Nam",
        "2007-09-10",
    ),
    (
        "committee without its place anywhere in the header: the date's place",
        lambda tmp: parse_text(tmp, BARE_COMMITTEE_PLACE),
        "09/2012/QĐ-UBND",
        2012,
        "decision",
        "Ủy ban nhân dân tỉnh Yên Bái",
        "2012-06-04",
    ),
    (
        "decree without header or type line: its enacting line",
        lambda tmp: parse_text(tmp, DECREE_WITHOUT_HEADER, "nghi_dinh.txt"),
        None,
        None,
        "decree",
        "Chính phủ",
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
    year: int | None,
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


WRAPPED_RESOLUTION = """NGHỊ QUYẾT
Về việc sử dụng dự phòng ngân sách trung ương năm 2026

CHÍNH PHỦ

Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;
Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015; Luật sửa đổi,
bổ sung một số điều của Luật Ngân sách nhà nước ngày 19 tháng 02 năm
2025;
Theo đề nghị của Bộ trưởng Bộ Tài chính tại Tờ trình số 75/TTr-BTC ngày
02 tháng 3 năm 2026;
Trên cơ sở kết quả biểu quyết của các Thành viên Chính phủ.

QUYẾT NGHỊ:
Điều 1. Sử dụng dự phòng ngân sách trung ương năm 2026.
"""

WRAPPED_OPENING_LINE = """KẾ HOẠCH
THỰC HIỆN CHỈ THỊ SỐ 19/CT-TTG NGÀY 16 THÁNG 7 NĂM 2021 CỦA THỦ TƯỚNG CHÍNH PHỦ
Thực hiện Chỉ thị số 19/CT-TTg ngày 16/7/2021 của Thủ tướng Chính phủ về việc phát động thi
đua, Ủy ban nhân dân tỉnh ban hành Kế hoạch tổ chức thực hiện như sau:
I. MỤC ĐÍCH, YÊU CẦU
"""

# text, how the preamble starts and ends (None: no preamble), where the body starts
WRAPPED_PREAMBLES = [
    (
        "a clause cut at the page width, then the enacting sentence",
        GAZETTE_DECREE,
        ("Căn cứ Luật Tổ chức Chính phủ", "Theo đề nghị của Bộ trưởng Bộ Nội vụ;"),
        "Chính phủ ban hành Nghị định quy định chi tiết",
    ),
    (
        "'Sau khi xem xét …; Báo cáo⏎thẩm tra …;' then 'QUYẾT NGHỊ:'",
        GAZETTE_RESOLUTION,
        ("Căn cứ Hiến pháp", "của Ủy ban Tài chính, Ngân sách;"),
        "QUYẾT NGHỊ:",
    ),
    (
        "a year alone on a line; 'Trên cơ sở …' closes the preamble",
        WRAPPED_RESOLUTION,
        ("Căn cứ Luật Tổ chức Chính phủ", "biểu quyết của các Thành viên Chính phủ."),
        "QUYẾT NGHỊ:",
    ),
    (
        "a clause of purpose between the bases",
        DECREE_WITHOUT_HEADER,
        ("Căn cứ Luật tổ chức Chính phủ", "Theo đề nghị của Tổng Thanh tra Nhà nước,"),
        "NGHỊ ĐỊNH:",
    ),
    (
        "a consolidated text: after the formula, before the minister's enacting sentence",
        GAZETTE_CONSOLIDATED,
        ("Căn cứ Luật Ngân sách nhà nước", "Vụ Tài chính hành chính sự nghiệp;"),
        "Bộ trưởng Bộ Tài chính ban hành Thông tư",
    ),
    (
        "a wrapped opening line that ends in a colon is not a preamble",
        WRAPPED_OPENING_LINE,
        None,
        "Thực hiện Chỉ thị số 19/CT-TTg",
    ),
]


@pytest.mark.parametrize(
    ("text", "bounds", "body"),
    [row[1:] for row in WRAPPED_PREAMBLES],
    ids=[row[0] for row in WRAPPED_PREAMBLES],
)
def test_preamble_runs_over_wrapped_lines_to_the_enacting_line(
    tmp_path: Path, text: str, bounds: tuple[str, str] | None, body: str
) -> None:
    parsed = parse_text(tmp_path, text, "van_ban.txt")
    preamble = span_text(parsed, parsed.preamble_span)
    if bounds is None:
        assert preamble is None
    else:
        assert preamble is not None
        assert preamble.startswith(bounds[0]) and preamble.endswith(bounds[1])
    assert parsed.text[parsed.body_start :].startswith(body)


# text, the name the text gets (its type word and title)
TITLES = [
    (
        "sentence-case title under the type line (Công báo)",
        GAZETTE_RESOLUTION,
        "Nghị quyết về việc điều chỉnh mức phụ cấp đối với đại biểu Hội đồng nhân dân các cấp "
        "trong thời gian chuyển tiếp",
    ),
    (
        "sentence-case title whose capitals are kept",
        GAZETTE_DECREE,
        "Nghị định quy định chi tiết một số điều của Luật Việc làm về bảo hiểm thất nghiệp",
    ),
    (
        "running text under a bare type line is not a title",
        "CHỈ THỊ\nNăm 2023 là năm dữ liệu số quốc gia, tạo ra giá trị mới từ dữ liệu.\n"
        "1. Các cơ quan, đơn vị quán triệt Chỉ thị này.\n",
        "Chỉ thị",
    ),
    (
        "a letter's subject on the line under its number",
        "VĂN PHÒNG CHÍNH PHỦ\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n\nSố: 2871/VPCP-KSTT\n"
        "V/v đề xuất xây dựng Đề án phát triển dữ liệu số\n\nHà Nội, ngày 04 tháng 5 năm 2021\n\n"
        "Kính gửi: Bộ Thông tin và Truyền thông.\n",
        "V/v đề xuất xây dựng Đề án phát triển dữ liệu số",
    ),
]


@pytest.mark.parametrize(
    ("text", "name"), [row[1:] for row in TITLES], ids=[row[0] for row in TITLES]
)
def test_name_from_type_line_and_title(tmp_path: Path, text: str, name: str) -> None:
    assert parse_text(tmp_path, text, "van_ban.txt").document.name == name


def test_press_report_under_a_title_cites_what_it_reports_on(tmp_path: Path) -> None:
    parsed = parse_text(tmp_path, NEWS_UNDER_A_TITLE)
    headline = NEWS_UNDER_A_TITLE.split("\n", 1)[0]
    assert parsed.document.name == headline
    # Neither its own number nor a web title to skip: "Quyết định số 1420/QĐ-TTg" is a citation.
    assert parsed.own_spans == ()
    assert parsed.web_title_span is None
    assert parsed.title_span is None


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
