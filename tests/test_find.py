"""Finding and resolving references: one row per way of writing a citation.

Each row is a sentence and the documents it cites, as (number or name, year, doc_type). Adding a
case is adding a line.
"""

from __future__ import annotations

import doctest
import unicodedata

import pytest

import loader.find
from graph.identity import document_id
from graph.model import WRITTEN_TYPES, Document
from loader.find import find_references, fold_for_scan
from loader.parse import ParsedText
from loader.read import SourceText
from loader.relate import Citations, extract_citations

OWN_NUMBER = "15/2024/TT-BTTTT"


def parsed(
    text: str, number: str | None = OWN_NUMBER, doc_type: str = "circular", year: int | None = 2024
) -> ParsedText:
    """A parsed text with its own identity, as parse would give it."""
    doc_id = document_id(number, year) if number else "file:unknown:test.txt"
    document = Document(
        id=doc_id, doc_type=doc_type, number=number, year=year, source_path="test.txt"
    )
    return ParsedText(source=SourceText("test.txt", text, "0" * 64, "utf-8"), document=document)


def cited(citations: Citations) -> set[tuple[str | None, int | None, str]]:
    return {(d.number or d.name, d.year, d.doc_type) for d in citations.cited}


FIND_CASES = [
    # number shapes, with their dates
    (
        "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ;",
        {("43/2011/NĐ-CP", 2011, "decree")},
    ),
    (
        "Tiếp tục triển khai Quyết định số 45/2016/QĐ-TTg ngày 19/10/2016 của Thủ tướng Chính phủ.",
        {("45/2016/QĐ-TTg", 2016, "decision")},
    ),
    (
        "theo Quyết định số 749/QĐ-TTg ngày 03/06/2020 của Thủ tướng Chính phủ.",
        {("749/QĐ-TTg", 2020, "decision")},
    ),
    (
        "Luật số 24/2023/QH15 ngày 24 tháng 11 năm 2023 của Quốc hội.",
        {("24/2023/QH15", 2023, "law")},
    ),
    (
        "Pháp lệnh số 26/2005/PL-UBTVQH11 ngày 29/6/2005.",
        {("26/2005/PL-UBTVQH11", 2005, "ordinance")},
    ),
    (
        "quy định tại Điều 2 Pháp lệnh số 02/2020/UBTVQH14 ngày 09 tháng 12 năm 2020 của Ủy ban",
        {("02/2020/UBTVQH14", 2020, "ordinance")},
    ),
    (
        "ban hành Thông tư liên tịch số 29/2010/TTLT-BGDĐT-BTC-BLĐTBXH hướng dẫn",
        {("29/2010/TTLT-BGDĐT-BTC-BLĐTBXH", 2010, "joint_circular")},
    ),
    (
        "vẫn thực hiện theo Thông tư Liên tịch số 16/2006/TTLT/BLĐTBXH-BGD-ĐT-BTC./.",
        {("16/2006/TTLT/BLĐTBXH-BGD-ĐT-BTC", 2006, "joint_circular")},
    ),
    (
        "Bộ Tài chính (Văn bản số 4773/TC-CSTC ngày 25/5/2001), Bộ Lao động",
        {("4773/TC-CSTC", 2001, "official_letter")},
    ),
    (
        "Ban tổ chức Trung ương Đảng (Văn bản số 152/CV-TCTW ngày 6/6/2001)",
        {("152/CV-TCTW", 2001, "official_letter")},
    ),
    (
        "được sự đồng ý của Thủ tướng Chính phủ (Văn bản số 710/CP-CN ngày 6/8/2001).",
        {("710/CP-CN", 2001, "official_letter")},
    ),
    (
        "trước ngày 5/7/1994 (ngày Nghị định số 61/CP có hiệu lực thi hành)",
        {("61/CP", 1994, "decree")},
    ),
    ("và Thông tư số 03/NV ngày 1/2/1963 của Bộ Nội vụ", {("03/NV", 1963, "circular")}),
    (
        "theo Văn bản hợp nhất số 01/VBHN-BLĐTBXH ngày 10/01/2020 của Bộ",
        {("01/VBHN-BLĐTBXH", 2020, "consolidated_text")},
    ),
    (
        "theo tinh thần của Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương",
        {("18-NQ/TW", 2017, "resolution")},
    ),
    (
        "theo tinh thần Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị",
        {("05-CT/TW", 2016, "directive")},
    ),
    (
        "Để tiếp tục thực hiện tốt Chỉ thị số 34/CT-TW ngày 07/4/2014 của Bộ Chính trị",
        {("34/CT-TW", 2014, "directive")},
    ),
    (
        "theo Kế hoạch số 252/KH-BCĐQG1237 ngày 11/11/2013 của Ban Chỉ đạo",
        {("252/KH-BCĐQG1237", 2013, "plan")},
    ),
    (
        "Xét đề nghị của Sở Xây dựng tại Công văn số 4236/SXD-QLN&CS ngày 22 tháng 5 năm 2014,",
        {("4236/SXD-QLN&CS", 2014, "official_letter")},
    ),
    (
        "theo Quyết định số 290/2005/QĐ- TTg ngày 08 tháng 11 năm 2005 của Thủ tướng Chính phủ.",
        {("290/2005/QĐ-TTg", 2005, "decision")},
    ),
    (
        "Hoàn thành các chỉ tiêu đề ra tại Quyết định 942/QĐ-TTg ngày 15/06/2021 của Thủ tướng",
        {("942/QĐ-TTg", 2021, "decision")},
    ),
    (
        "Thực hiện Kết luận số 34-KL/TW ngày 18 tháng 5 năm 2026 của Bộ Chính trị về sắp xếp thôn",
        {("34-KL/TW", 2026, "conclusion")},
    ),
    (
        "Ngày 03/01/2020, Bộ trưởng ký ban hành Chỉ thị số 01/CT-BTTTTvề định hướng phát triển",
        {("01/CT-BTTTT", 2020, "directive")},
    ),
    (
        "VỀ VIỆC TỔ CHỨC TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 19/CT-TTG NGÀY 16/7/2021 CỦA THỦ TƯỚNG",
        {("19/CT-TTg", 2021, "directive")},
    ),
    (
        "Cục báo chí xây dựng kế hoạch triển khai chỉ thị số 07/CT-TTg ngày 21/3/2023 của Thủ "
        "tướng",
        {("07/CT-TTg", 2023, "directive")},
    ),
    (
        "V/v: Hỗ trợ người có công với cách mạng về nhà ở theo QĐ số 22/2013/QĐ-TTg",
        {("22/2013/QĐ-TTg", 2013, "decision")},
    ),
    (
        "Xét Tờ trình số 6925/LĐTBXH-CS ngày 25 tháng 11 năm 2008 của Sở Lao động",
        {("6925/LĐTBXH-CS", 2008, "unknown")},
    ),
    (
        "Ngày 19 tháng 9 năm 2013, Văn phòng Chính phủ có văn bản số 349/TB-VPCP thông báo ý kiến",
        {("349/TB-VPCP", 2013, "announcement")},
    ),
    # look-alikes, lost diacritics, decomposed input
    (
        "Quyet dinh so 749/QD-TTg ngay 3 thang 6 nam 2020 cua Thu tuong",
        {("749/QĐ-TTg", 2020, "decision")},
    ),
    (
        "Căn cứ Quyết định số 1237/QÐ-TTg ngày 27 tháng 7 năm 2013;",  # Ð is U+00D0
        {("1237/QĐ-TTg", 2013, "decision")},
    ),
    (
        unicodedata.normalize(
            "NFD", "Xây dựng Nghị định sửa đổi Nghị định số 91/2020/NĐ-CP ngày 14/8/2020"
        ),
        {("91/2020/NĐ-CP", 2020, "decree")},
    ),
    # a date shared by a coordinated pair, and a later undated mention of the same number
    (
        "triển khai thực hiện Nghị quyết số 01/NQ-CP và Nghị quyết số 02/NQ-CP ngày 08/01/2025 của "
        "Chính phủ. Báo cáo tình hình thực hiện Nghị quyết số 01/NQ-CP.",
        {("01/NQ-CP", 2025, "resolution"), ("02/NQ-CP", 2025, "resolution")},
    ),
    (
        "Thực hiện Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ. Tổng kết Nghị quyết "
        "17/NQ-CP.",
        {("17/NQ-CP", 2019, "resolution")},
    ),
    # nothing dates it: year-less, never the citing text's own year (2024)
    (
        "Tổ chức đánh giá Chiến lược theo Quyết định số 654/QĐ-TTg của Thủ tướng Chính phủ.",
        {("654/QĐ-TTg", None, "decision")},
    ),
    # documents cited by name
    (
        "Xây dựng Nghị định của Chính phủ hướng dẫn Luật Viễn thông năm 2023 và các Thông tư",
        {("Luật Viễn thông", 2023, "law")},
    ),
    (
        "hoàn thiện hành lang pháp lý thi hành Luật Giao dịch điện tử 2023",
        {("Luật Giao dịch điện tử", 2023, "law")},
    ),
    (
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
        {("Luật Tổ chức Chính phủ", 2015, "law")},
    ),
    (
        "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;",
        {("Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân", 2003, "law")},
    ),
    (
        "số ngày được chi ăn thêm là ngày nghỉ lễ, tết theo quy định của Bộ luật Lao động.",
        {("Bộ luật Lao động", None, "code")},
    ),
    (
        "về việc thực hiện Pháp lệnh ưu đãi người có công với cách mạng năm 2012.",
        {("Pháp lệnh ưu đãi người có công với cách mạng", 2012, "ordinance")},
    ),
    (
        "Thực hiện nghiêm quy định của Luật Xuất bản và các văn bản hướng dẫn thi hành",
        {("Luật Xuất bản", None, "law")},
    ),
    (
        "bám sát quan điểm phát triển theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII "
        "của Đảng",
        {("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", 2021, "resolution")},
    ),
    (
        "hoàn thành nhiệm vụ chính trị theo tinh thần Nghị quyết Đại hội XIII của Đảng",
        {("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", 2021, "resolution")},
    ),
    (
        "cần hiện thực hóa các mục tiêu đề ra trong Chiến lược phát triển Bưu chính đến năm 2025 "
        "và "
        "định hướng đến năm 2030, đồng thời",
        {
            (
                "Chiến lược phát triển Bưu chính đến năm 2025 và định hướng đến năm 2030",
                None,
                "strategy",
            )
        },
    ),
    (
        "tập trung triển khai hiệu quả Đề án “Phát triển nguồn nhân lực ngành công nghiệp bán "
        "dẫn đến "
        "năm 2030, định hướng đến năm 2050”, Đề án",
        {
            (
                "Đề án Phát triển nguồn nhân lực ngành công nghiệp bán dẫn đến năm 2030, định "
                "hướng đến năm "
                "2050",
                None,
                "scheme",
            )
        },
    ),
    # more number shapes and dates
    (
        "Thực hiện Thông tư liên tịch số 01/2016/TTLT-BTC-BLĐTBXH ngày 15/01/2016 của liên Bộ",
        {("01/2016/TTLT-BTC-BLĐTBXH", 2016, "joint_circular")},
    ),
    (
        "Căn cứ Quyết định số 20/2000/QĐ-TTg ngày 3 tháng 2 năm 2000 của Thủ tướng Chính phủ;",
        {("20/2000/QĐ-TTg", 2000, "decision")},
    ),
    (
        "Theo đề nghị của Bộ trưởng Bộ Y tế tại Tờ trình số 609/TTr-BYT ngày 13 tháng 4 năm 2026;",
        {("609/TTR-BYT", 2026, "unknown")},
    ),
    (
        "Sau khi xem xét Báo cáo thẩm tra số 436/BC-UBVHXH15 ngày 15/5/2025 của Ủy ban Văn hóa",
        {("436/BC-UBVHXH15", 2025, "report")},
    ),
    (
        "quy định tại Nghị định số 66/HĐBT ngày 02 tháng 3 năm 1992 của Hội đồng Bộ trưởng",
        {("66/HĐBT", 1992, "decree")},
    ),
    # text printed from PDF (Công báo): lines wrapped at the page width
    (
        "Điều 6. Quyết định này có hiệu lực thi hành kể từ ngày ký và thay thế Quyết \nđịnh số "
        "1480/QĐ-TTg ngày 03 tháng 7 năm 2025 của Thủ tướng Chính phủ.",
        {("1480/QĐ-TTg", 2025, "decision")},
    ),
    (
        "kể cả cá nhân và nhóm kinh doanh quy định tại Nghị\nđịnh số 66/HĐBT ngày 02 tháng 3 năm "
        "1992 của Hội đồng Bộ trưởng",
        {("66/HĐBT", 1992, "decree")},
    ),
    (
        "theo quy định tại khoản 1 Điều 11 Thông tư số 26/2016/TT-\nBLĐTBXH ngày 01 tháng 9 năm "
        "2016 của Bộ Lao động",
        {("26/2016/TT-BLĐTBXH", 2016, "circular")},
    ),
    (
        "Nghị định này quy định chi tiết một số điều của Luật \nBảo hiểm xã hội về bảo hiểm xã "
        "hội bắt buộc.",
        {("Luật Bảo hiểm xã hội", None, "law")},
    ),
    (
        "Căn cứ Luật Thuế giá trị gia \ntăng ngày 26 tháng 11 năm 2024;",
        {("Luật Thuế giá trị gia tăng", 2024, "law")},
    ),
    (
        "Chính phủ ban hành Nghị định quy định chi tiết thi hành một số điều của Luật Thuế giá "
        "trị gia tăng2.",
        {("Luật Thuế giá trị gia tăng", None, "law")},
    ),
    # laws by name and number, names with a comma, names that run through "của …"
    (
        "Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13;",
        {("57/2014/QH13", 2014, "law")},
    ),
    (
        "Căn cứ Pháp lệnh Phí, lệ phí số 38/2001/PL-UBTVQH10 ngày 28 tháng 8 năm 2001;",
        {("38/2001/PL-UBTVQH10", 2001, "ordinance")},
    ),
    (
        "Về việc ghi nhận thời gian đóng bảo hiểm xã hội trước ngày Luật Bảo hiểm xã hội số "
        "41/2024/QH15 có hiệu lực, theo quy định của Luật Bảo hiểm xã hội.",
        {("41/2024/QH15", 2024, "law")},
    ),
    (
        "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025; Luật Tổ chức Chính phủ số "
        "63/2025/QH15 quy định",
        {("63/2025/QH15", 2025, "law")},
    ),
    (
        "Căn cứ Luật Cán bộ, công chức ngày 24 tháng 6 năm 2025;",
        {("Luật Cán bộ, công chức", 2025, "law")},
    ),
    (
        "và Luật Quản lý, sử dụng tài sản công ngày 25 tháng 6 năm 2025;",
        {("Luật Quản lý, sử dụng tài sản công", 2025, "law")},
    ),
    (
        "Thực hiện nghiêm Luật Xuất bản, các văn bản hướng dẫn thi hành và quy chế của Bộ.",
        {("Luật Xuất bản", None, "law")},
    ),
    (
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân và Ủy ban nhân dân "
        "ngày 03 tháng 12 năm 2004;",
        {
            (
                "Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân và Ủy ban nhân dân",
                2004,
                "law",
            )
        },
    ),
    (
        "doanh nghiệp hoạt động theo Luật Doanh nghiệp, Luật Doanh nghiệp Nhà nước và Luật Hợp "
        "tác xã được miễn tiền thuê đất",
        {
            ("Luật Doanh nghiệp", None, "law"),
            ("Luật Doanh nghiệp Nhà nước", None, "law"),
            ("Luật Hợp tác xã", None, "law"),
        },
    ),
    (
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật Đầu tư theo phương thức "
        "đối tác công tư, Luật Hải quan ngày 25 tháng 6 năm 2025;",
        {
            (
                "Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật Đầu tư theo phương thức "
                "đối tác công tư, Luật Hải quan",
                2025,
                "law",
            ),
            ("Luật Đấu thầu", None, "law"),
            ("Luật Đầu tư theo phương thức đối tác công tư", None, "law"),
            ("Luật Hải quan", None, "law"),
        },
    ),
    (
        "Căn cứ Luật Tổ chức Hội đồng nhân dân, Uỷ ban nhân dân ngày 26 tháng 11 năm 2003;",
        {("Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân", 2003, "law")},
    ),
    (
        "Căn cứ Luật Tổ chức HĐND và UBND ngày 26 tháng 11 năm 2003;",
        {("Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân", 2003, "law")},
    ),
    (
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
        {("Hiến pháp", None, "constitution")},
    ),
    # a symbol misprinted, corrected from the issuer written beside it and the right spelling
    (
        "Căn cứ Thông tư số 98/2013/TT-BXD ngày 24 tháng 7 năm 2013 của Bộ Tài chính hướng dẫn "
        "việc quản lý nguồn vốn;\nĐiều 4 của Quyết định số 22/2013/QĐ-TTg và Thông tư số "
        "98/2013/TT-BTC ngày 24 tháng 7 năm 2013 của Bộ Tài chính.",
        {("98/2013/TT-BTC", 2013, "circular"), ("22/2013/QĐ-TTg", 2013, "decision")},
    ),
    # an article or clause of a document cites the whole document
    (
        "Đối tượng quy định tại khoản 2 Điều 4 Thông tư số 09/2013/TT-BXD được hỗ trợ.",
        {("09/2013/TT-BXD", 2013, "circular")},
    ),
    # never a citation
    ("CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025", set()),
    ("VĂN BẢN PHÁP LUẬT KHÁC", set()),
    ("Nghị quyết số: 78/2025/UBTVQH15 \n\nNGHỊ QUYẾT", set()),
    ("Thông tư số......./TT-BTC ngày ... tháng ... năm 2013 của Bộ Tài chính", set()),
    ("(Ban hành kèm theo Thông tư số 15/2024/TT-BTTTT ngày 24 tháng 7 năm 2024 của Bộ)", set()),
    ("(Ban hành kèm theo Thông tư số 15 /2024/TT-BTTTT ngày 09/03/2024 của Bộ )", set()),
    ("Hộ gia đình tự cam kết và chịu trách nhiệm trước pháp luật về cam kết của mình.", set()),
    (
        "Sở Xây dựng lập Đề án hỗ trợ người có công với cách mạng về nhà ở trên địa bàn Thành phố.",
        set(),
    ),
    ("Luật này có hiệu lực từ ngày 01 tháng 7 năm 2024.", set()),
    ("theo quy định tại khoản 2 Điều 169 của Bộ luật này và Mẫu số 04-A.", set()),
    # a number may start after "&" (the scanner's look-behind allows it), inside a run of
    # letters and digits before a "/"
    (
        "Căn cứ Quyết định số 01&02/QĐ-UBND ngày 05/3/2020 của Ủy ban nhân dân tỉnh;",
        {("02/QĐ-UBND", 2020, "decision")},
    ),
    # digits OCR could not read (U+FFFD) make no number, nor does what is left of it
    ("Số: \ufffd\ufffd /QĐ-TTg", set()),
    (
        "Sửa đổi Quyết định số \ufffd5/QĐ-TTg và Quyết định số 622/QĐ-TTg ngày 17/5/2009.",
        {("622/QĐ-TTg", 2009, "decision")},
    ),
    ("Căn cứ Nghị định số 2\ufffd/2010/NĐ-CP ngày 12/01/2010 của Chính phủ;", set()),
    ("theo Quyết định số 25/QĐ-T\ufffdg ngày 07/01/2010", set()),
]


@pytest.mark.parametrize(("text", "expected"), FIND_CASES, ids=[c[0][:48] for c in FIND_CASES])
def test_cited_documents(text: str, expected: set[tuple[str | None, int | None, str]]) -> None:
    assert cited(extract_citations(parsed(text))) == expected


def test_year_less_number_is_recorded_as_ambiguous() -> None:
    citations = extract_citations(parsed("theo Quyết định số 654/QĐ-TTg của Thủ tướng Chính phủ."))
    assert [m.status for m in citations.mentions] == ["ambiguous"]
    assert citations.mentions[0].target == "vn:654/QD-TTG@?"
    assert [e.target for e in citations.edges] == ["vn:654/QD-TTG@?"]


def test_same_number_of_different_years_stays_two_documents() -> None:
    text = (
        "Chỉ thị số 01/CT-BTTTT ngày 03/01/2020 và Chỉ thị số 01/CT-BTTTT ngày 20/01/2024 "
        "của Bộ Thông tin và Truyền thông."
    )
    ids = {d.id for d in extract_citations(parsed(text, number=None)).cited}
    assert ids == {"vn:01/CT-BTTTT@2020", "vn:01/CT-BTTTT@2024"}


def test_fold_keeps_offsets() -> None:
    text = "Quyết định số 749/QĐ-TTg – Ð"
    folded = fold_for_scan(text)
    assert len(folded) == len(text)
    assert folded == "Quyet dinh so 749/QD-TTg - D"


@pytest.mark.parametrize(
    ("text", "span_text"),
    [
        ("Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011;", "Nghị định số 43/2011/NĐ-CP"),
        ("theo QĐ số 22/2013/QĐ-TTg", "QĐ số 22/2013/QĐ-TTg"),
        ("đặc biệt là Luật Quảng cáo và thực hiện", "Luật Quảng cáo"),
    ],
)
def test_reference_spans_cover_what_is_written(text: str, span_text: str) -> None:
    (ref,) = find_references(text)
    assert text[ref.start : ref.end] == span_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a short form the text gives a document: later mentions of it are that document
        (
            "triển khai Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ về phát triển Chính "
            "phủ điện tử giai đoạn 2019-2020 (Nghị quyết 17). Nghị quyết 17 là văn bản quan trọng.",
            [("Nghị quyết số 17/NQ-CP", "17/NQ-CP", 2019), ("Nghị quyết 17", "17/NQ-CP", 2019)],
        ),
        (
            "Căn cứ Quyết định số 20/2000/QĐ-TTg ngày 3 tháng 2 năm 2000 (sau đây gọi tắt là QĐ "
            "20); các đối tượng theo QĐ 20 được hỗ trợ.",
            [
                ("Quyết định số 20/2000/QĐ-TTg", "20/2000/QĐ-TTg", 2000),
                ("QĐ 20", "20/2000/QĐ-TTg", 2000),
            ],
        ),
        # without the definition "Nghị quyết 17" is no reference
        ("Nghị quyết 17 là văn bản đặc biệt quan trọng.", []),
    ],
)
def test_short_forms_a_text_defines(text: str, expected: list[tuple[str, str, int]]) -> None:
    assert [(r.text, r.number, r.year) for r in find_references(text)] == expected


def test_docstring_examples() -> None:
    assert doctest.testmod(loader.find).failed == 0


@pytest.mark.parametrize(
    ("spelling", "code"), WRITTEN_TYPES, ids=[spelling for spelling, _ in WRITTEN_TYPES]
)
def test_every_spelling_of_the_type_table_is_read(spelling: str, code: str) -> None:
    # One row of graph.model.DOC_TYPE_TABLE is all a new type or spelling needs: the finder reads
    # it before a number, in any case, however the words are spaced.
    text = f"theo {spelling}  số 12/2020/XX-YY ngày 01/02/2020; {spelling.upper()} số 13/XX-YY."
    refs = find_references(text, fold_for_scan(text))
    assert [(ref.number, ref.doc_type) for ref in refs] == [
        ("12/2020/XX-YY", code),
        ("13/XX-YY", code),
    ]


ISSUER_ENDS = [
    # the issuer's name ends where the sentence goes on
    (
        "Thông tư số 30/2014/TT-BYT ngày 04 tháng 9 năm 2014 của Bộ trưởng Bộ Y tế hết hiệu lực "
        "kể từ ngày Thông tư này có hiệu lực thi hành.",
        "Bộ trưởng Bộ Y tế",
    ),
    (
        "Quyết định số 08/2025/QĐ-UBND ngày 10/02/2025 của UBND TỈNH BÃI BỎ MỘT PHẦN Quyết định",
        "UBND TỈNH",
    ),
    ("Văn bản số 737/BTG-NV2 của Ban Tôn giáo Chính phủ ngày 5/6/2020", "Ban Tôn giáo Chính phủ"),
    # "Đà Nẵng" is no "đã"
    (
        "Quyết định số 24/2019/QĐ-UBND ngày 05/7/2019 của Ủy ban nhân dân Thành phố Đà Nẵng đã "
        "được thay thế",
        "Ủy ban nhân dân Thành phố Đà Nẵng",
    ),
]


@pytest.mark.parametrize(("text", "issuer"), ISSUER_ENDS, ids=[c[1] for c in ISSUER_ENDS])
def test_issuer_name_ends_where_the_sentence_goes_on(text: str, issuer: str) -> None:
    (ref,) = find_references(text, fold_for_scan(text))
    assert ref.issuer == issuer
