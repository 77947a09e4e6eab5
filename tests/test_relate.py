"""Typing citations: one row per relation rule, each a real-looking sentence.

A row is (text, expected edges, options): edges as (source, target, type) where "self" is the
text's own document and other documents are named by their number or name. Options set the own
document's type, a title line, or an alias the store knows. Adding a case is adding a line.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any, Literal

import pytest

from graph.identity import document_id
from graph.model import Document
from loader.parse import ParsedText
from loader.read import SourceText
from loader.relate import Citations, extract_citations

SHARED = Path(__file__).resolve().parents[2] / "shared"
MAIN = Path(__file__).resolve().parents[1]


def parsed(
    text: str,
    number: str = "100/2024/QĐ-UBND",
    doc_type: str = "decision",
    year: int = 2024,
    title: bool = False,
    preamble_lines: int = 0,
    name: str | None = None,
) -> ParsedText:
    """A parsed text; ``title`` makes the first line its own title (as parse's ``title_span``);
    ``preamble_lines`` the first lines its preamble (parse stops it at a line a wrapped basis clause
    continues on)."""
    document = Document(
        id=document_id(number, year),
        doc_type=doc_type,
        number=number,
        year=year,
        name=name,
        source_path="test.md",
    )
    title_span = (0, text.find("\n") if "\n" in text else len(text)) if title else None
    preamble_span = None
    if preamble_lines:
        ends = [i for i, c in enumerate(text) if c == "\n"]
        preamble_span = (0, ends[preamble_lines - 1])
    return ParsedText(
        source=SourceText("test.md", text, "0" * 64, "utf-8"),
        document=document,
        title_span=title_span,
        preamble_span=preamble_span,
    )


def edges(citations: Citations, own_id: str) -> set[tuple[str, str, str]]:
    label = {d.id: d.number or d.name or d.id for d in citations.cited}
    label[own_id] = "self"
    return {
        (label.get(e.source, e.source), label.get(e.target, e.target), e.type)
        for e in citations.edges
    }


S = "self"
DECREE = {"number": "75/2021/NĐ-CP", "doc_type": "decree", "year": 2021}
CIRCULAR = {"number": "08/2023/TT-BLĐTBXH", "doc_type": "circular", "year": 2023}
DIRECTIVE = {"number": "01/CT-BTTTT", "doc_type": "directive", "year": 2025}
E_GOV_942 = "vn:942/QD-TTG@2021"
VBHN = {"number": "834/VBHN-BLĐTBXH", "doc_type": "consolidated_text", "year": 2024}
LAW_2004 = "Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân và Ủy ban nhân dân"
AMENDING_2019 = (
    "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa "
    "phương"
)

RELATE_CASES: list[tuple[str, set[tuple[str, str, str]], dict[str, Any]]] = [
    # BASED_ON from "Căn cứ", also for coordinated references; a document named in the description
    # of another is only cited (and the description is a third-party edge)
    (
        "Căn cứ Nghị định số 118/2008/NĐ-CP ngày 27/11/2008 của Chính phủ quy định chức năng;",
        {(S, "118/2008/NĐ-CP", "BASED_ON")},
        {},
    ),
    (
        "Căn cứ Nghị định số 60/2003/NĐ-CP ngày 06/6/2003 của Chính phủ quy định chi tiết và "
        "hướng dẫn "
        "thi hành Luật Ngân sách nhà nước;",
        {
            (S, "60/2003/NĐ-CP", "BASED_ON"),
            (S, "Luật Ngân sách nhà nước", "CITES"),
            ("60/2003/NĐ-CP", "Luật Ngân sách nhà nước", "GUIDES"),
        },
        {},
    ),
    (
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số "
        "điều của "
        "Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
        {
            (S, "Luật Tổ chức Chính phủ", "BASED_ON"),
            (
                S,
                "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
                "chính "
                "quyền địa phương",
                "BASED_ON",
            ),
            (S, "Luật Tổ chức chính quyền địa phương", "CITES"),
            # the amending law amends the laws its name names
            (AMENDING_2019, "Luật Tổ chức Chính phủ", "AMENDS"),
            (AMENDING_2019, "Luật Tổ chức chính quyền địa phương", "AMENDS"),
        },
        {},
    ),
    (
        "Căn cứ Quyết định số 22/2013/QĐ-TTg và Thông tư số 09/2013/TT-BXD;",
        {(S, "22/2013/QĐ-TTg", "BASED_ON"), (S, "09/2013/TT-BXD", "BASED_ON")},
        {},
    ),
    (
        "Xét đề nghị của Bộ Quốc phòng tại công văn số 5865/BQP-TC ngày 30 tháng 10 năm 2009,",
        {(S, "5865/BQP-TC", "CITES")},
        {},
    ),
    # IMPLEMENTS cues, and cues that only cite
    (
        "tổ chức quán triệt, triển khai thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của "
        "Chính phủ",
        {(S, "01/NQ-CP", "IMPLEMENTS")},
        DIRECTIVE,
    ),
    (
        "Để tiếp tục thực hiện tốt Chỉ thị số 34/CT-TW ngày 07/4/2014 của Bộ Chính trị về việc",
        {(S, "34/CT-TW", "IMPLEMENTS")},
        DIRECTIVE,
    ),
    (
        "+ Thực hiện các nhiệm vụ được giao tại Chỉ thị số 01/CT-TTg ngày 14/01/2020 của Thủ tướng",
        {(S, "01/CT-TTg", "IMPLEMENTS")},
        DIRECTIVE,
    ),
    (
        "+ Hoàn thành tốt các mục tiêu đề ra tại Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính "
        "phủ",
        {(S, "17/NQ-CP", "IMPLEMENTS")},
        DIRECTIVE,
    ),
    (
        "gắn với việc học tập theo tinh thần Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính "
        "trị; Chỉ "
        "thị số 39/CT-TTg ngày 15/10/2024 về việc đẩy mạnh phong trào thi đua",
        {(S, "05-CT/TW", "IMPLEMENTS"), (S, "39/CT-TTg", "IMPLEMENTS")},
        DIRECTIVE,
    ),
    (
        "Thực hiện Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013 về hỗ trợ người có công với cách "
        "mạng về "
        "nhà ở và Thông tư số 09/2013/TT-BXD ngày 01/7/2013 của Bộ Xây dựng",
        {(S, "22/2013/QĐ-TTg", "IMPLEMENTS"), (S, "09/2013/TT-BXD", "IMPLEMENTS")},
        {"number": "2428/BXD-QLN", "doc_type": "official_letter", "year": 2013},
    ),
    (
        "Mức chi thực hiện theo quy định Thông tư số 58/2011/TT-BTC ngày 11/5/2011 của Bộ Tài "
        "chính",
        {(S, "58/2011/TT-BTC", "CITES")},
        {},
    ),
    ("+ Tổng kết đánh giá việc thực hiện Luật Báo chí", {(S, "Luật Báo chí", "CITES")}, DIRECTIVE),
    (
        "như thanh niên xung phong chống Mỹ theo Quyết định số 290/2005/QĐ-TTg ngày 08/11/2005",
        {(S, "290/2005/QĐ-TTg", "CITES")},
        {},
    ),
    # the text's own title
    (
        "HƯỚNG DẪN THỰC HIỆN QUYẾT ĐỊNH SỐ 170/2008/QĐ-TTG NGÀY 18 THÁNG 12 NĂM 2008 CỦA "
        "THỦ TƯỚNG\n",
        {(S, "170/2008/QĐ-TTg", "GUIDES")},
        {"doc_type": "circular", "title": True},
    ),
    (
        "VỀ BAN HÀNH KẾ HOẠCH TRIỂN KHAI THỰC HIỆN THÔNG TƯ SỐ 09/2013/TT-BXD NGÀY 01 THÁNG 7 "
        "NĂM 2013 "
        "CỦA BỘ XÂY DỰNG VỀ HƯỚNG DẪN THỰC HIỆN QUYẾT ĐỊNH SỐ 22/2013/QĐ-TTG\n",
        {
            (S, "09/2013/TT-BXD", "IMPLEMENTS"),
            (S, "22/2013/QĐ-TTg", "CITES"),
            ("09/2013/TT-BXD", "22/2013/QĐ-TTg", "GUIDES"),
        },
        {"title": True},
    ),
    (
        "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 75/2021/NĐ-CP NGÀY 24 THÁNG 7 NĂM 2021\n",
        {(S, "75/2021/NĐ-CP", "AMENDS")},
        {"number": "55/2023/NĐ-CP", "doc_type": "decree", "year": 2023, "title": True},
    ),
    # the same words describing the cited document do not make this text guide it
    (
        "Thông tư số 09/2013/TT-BXD ngày 01/7/2013 của Bộ Xây dựng hướng dẫn thực hiện Quyết "
        "định số "
        "22/2013/QĐ-TTg.",
        {
            (S, "09/2013/TT-BXD", "CITES"),
            (S, "22/2013/QĐ-TTg", "CITES"),
            ("09/2013/TT-BXD", "22/2013/QĐ-TTg", "GUIDES"),
        },
        {},
    ),
    # final provisions: replace, repeal, expire
    (
        "Nghị định này có hiệu lực từ ngày 01/01/2022 và thay thế Nghị định số 43/2011/NĐ-CP ngày "
        "13/6/2011 của Chính phủ.",
        {(S, "43/2011/NĐ-CP", "REPLACES")},
        {**DECREE, "year": 2021},
    ),
    (
        "Thông tư này sửa đổi, bổ sung một số điều của Thông tư số 24/2009/TT-BLĐTBXH ngày "
        "10/7/2009.",
        {(S, "24/2009/TT-BLĐTBXH", "AMENDS")},
        CIRCULAR,
    ),
    (
        "2. Bãi bỏ Quyết định số 503/QĐ-UB ngày 01 tháng 02 năm 2002 của Ủy ban nhân dân thành "
        "phố.",
        {(S, "503/QĐ-UB", "REPEALS")},
        {},
    ),
    (
        "4. Nghị định số 58/2019/NĐ-CP ngày 01 tháng 7 năm 2019 của Chính phủ hết hiệu lực thi "
        "hành kể "
        "từ ngày Nghị định này có hiệu lực thi hành.",
        {(S, "58/2019/NĐ-CP", "REPLACES")},
        DECREE,
    ),
    # a list of lapsing acts after the first line of the text (Nghị định 158/2025/NĐ-CP, Điều 30:
    # read as mere citations while the lapse pattern could match only at the text's start)
    (
        "Điều 30. Hiệu lực thi hành\n"
        "2. Kể từ ngày Nghị định này có hiệu lực thi hành, các Nghị định của Chính phủ và các điều "
        "khoản sau đây hết hiệu lực thi hành:\n"
        "a) Nghị định số 115/2015/NĐ-CP ngày 11 tháng 11 năm 2015 của Chính phủ quy định chi tiết "
        "một số điều của Luật Bảo hiểm xã hội về bảo hiểm xã hội bắt buộc;\n"
        "b) Các khoản 7, 8 và 9 Điều 38 của Nghị định số 33/2023/NĐ-CP ngày 10 tháng 6 năm 2023 "
        "của Chính phủ.",
        {
            (S, "115/2015/NĐ-CP", "REPEALS"),
            (S, "33/2023/NĐ-CP", "REPEALS"),
            (S, "Luật Bảo hiểm xã hội", "CITES"),
            ("115/2015/NĐ-CP", "Luật Bảo hiểm xã hội", "GUIDES"),
        },
        {"number": "158/2025/NĐ-CP", "doc_type": "decree", "year": 2025},
    ),
    # the amended law lapses, not the law that amended it (Luật Đất đai 2024, Điều 252)
    (
        "2. Luật Đất đai số 45/2013/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số "
        "35/2018/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.",
        {
            (S, "45/2013/QH13", "REPLACES"),
            (S, "35/2018/QH14", "CITES"),
            ("35/2018/QH14", "45/2013/QH13", "AMENDS"),
        },
        {"number": "31/2024/QH15", "doc_type": "law", "year": 2024},
    ),
    # amending, supplementing and repealing some articles is amending the act
    (
        "Chính phủ ban hành Nghị định sửa đổi, bổ sung, bãi bỏ một số điều của Nghị định số "
        "15/2018/NĐ-CP ngày 02 tháng 02 năm 2018 của Chính phủ.",
        {(S, "15/2018/NĐ-CP", "AMENDS")},
        {"number": "50/2024/NĐ-CP", "doc_type": "decree", "year": 2024},
    ),
    # planned acts only cite
    (
        "- Xây dựng Nghị định sửa đổi một số điều của Nghị định số 91/2020/NĐ-CP tiến tới hoàn "
        "thiện",
        {(S, "91/2020/NĐ-CP", "CITES")},
        DIRECTIVE,
    ),
    (
        "Nghiên cứu sửa đổi hoặc ban hành Nghị định thay thế Nghị định số 43/2011/NĐ-CP ngày "
        "13/6/2011 "
        "của Chính phủ",
        {(S, "43/2011/NĐ-CP", "CITES")},
        DIRECTIVE,
    ),
    ("- Lập đề nghị xây dựng Luật Bưu chính sửa đổi", {(S, "Luật Bưu chính", "CITES")}, DIRECTIVE),
    # a law to come, named for what it will amend, amends nothing yet (seed 001)
    (
        "Lập đề nghị xây dựng Luật sửa đổi, bổ sung Luật Xuất bản năm 2012; Tổ chức tổng kết.",
        {(S, "Luật sửa đổi, bổ sung Luật Xuất bản", "CITES"), (S, "Luật Xuất bản", "CITES")},
        DIRECTIVE,
    ),
    (
        "cụ thể: Nghiên cứu, sửa đổi Luật Giao dịch điện tử;",
        {(S, "Luật Giao dịch điện tử", "CITES")},
        DIRECTIVE,
    ),
    (
        "Nghiên cứu xây dựng Luật Công nghiệp công nghệ số thay thế phần phát triển công nghệ "
        "thông tin "
        "trong Luật Công nghệ thông tin.",
        {(S, "Luật Công nghiệp công nghệ số", "CITES"), (S, "Luật Công nghệ thông tin", "CITES")},
        DIRECTIVE,
    ),
    ("2. Bãi bỏ Quyết định số 12/2020/QĐ-UBND.", {(S, "12/2020/QĐ-UBND", "CITES")}, DIRECTIVE),
    # third-party facts
    (
        "Nghị định 42/2022/NĐ-CP thay thế Nghị định 43/2011/NĐ-CP.",
        {
            (S, "42/2022/NĐ-CP", "CITES"),
            (S, "43/2011/NĐ-CP", "CITES"),
            ("42/2022/NĐ-CP", "43/2011/NĐ-CP", "REPLACES"),
        },
        DIRECTIVE,
    ),
    (
        "Bộ ban hành Thông tư liên tịch số 29/2010/TTLT-BGDĐT-BTC-BLĐTBXH hướng dẫn thực hiện "
        "một số "
        "điều của Nghị định số 49/2010/NĐ-CP ngày 14 tháng 5 năm 2010 của Chính phủ",
        {
            (S, "29/2010/TTLT-BGDĐT-BTC-BLĐTBXH", "CITES"),
            (S, "49/2010/NĐ-CP", "CITES"),
            ("29/2010/TTLT-BGDĐT-BTC-BLĐTBXH", "49/2010/NĐ-CP", "GUIDES"),
        },
        {"number": "284/LĐTBXH-NCC", "doc_type": "official_letter", "year": 2011},
    ),
    # a consolidated text consolidates; the amending act is a third-party edge
    (
        "NGHỊ ĐỊNH\n\nNghị định số 75/2021/NĐ-CP ngày 24 tháng 7 năm 2021 của Chính phủ quy "
        "định mức "
        "hưởng trợ cấp, có hiệu lực kể từ ngày 15 tháng 9 năm 2021, được sửa đổi, bổ sung bởi:\n\n"
        "Nghị định số 55/2023/NĐ-CP ngày 21 tháng 7 năm 2023 của Chính phủ sửa đổi, bổ sung một số "
        "điều của Nghị định số 75/2021/NĐ-CP, có hiệu lực kể từ ngày 05 tháng 9 năm 2023.\n",
        {
            (S, "75/2021/NĐ-CP", "CONSOLIDATES"),
            (S, "55/2023/NĐ-CP", "CITES"),
            ("55/2023/NĐ-CP", "75/2021/NĐ-CP", "AMENDS"),
        },
        VBHN,
    ),
    # self references are no citations
    (
        "(Ban hành kèm theo Thông tư số 98/2013/TT-BTC ngày 24 tháng 7 năm 2013 của Bộ Tài chính)",
        set(),
        {"number": "98/2013/TT-BTC", "doc_type": "circular", "year": 2013},
    ),
    # passive voice turns a third-party edge around
    (
        "Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13 đã được sửa đổi, bổ sung một số điều theo "
        "Luật số 65/2020/QH14 và Luật số 62/2025/QH15;",
        {
            (S, "57/2014/QH13", "BASED_ON"),
            (S, "65/2020/QH14", "BASED_ON"),
            (S, "62/2025/QH15", "BASED_ON"),
            ("65/2020/QH14", "57/2014/QH13", "AMENDS"),
            ("62/2025/QH15", "57/2014/QH13", "AMENDS"),
        },
        {},
    ),
    (
        "theo quy định tại Điều 9a Thông tư số 26/2016/TT-BLĐTBXH đã được bổ sung tại khoản 3 "
        "Điều 1 Thông tư số 06/2024/TT-BLĐTBXH ngày 30 tháng 7 năm 2024 của Bộ trưởng.",
        {
            (S, "26/2016/TT-BLĐTBXH", "CITES"),
            (S, "06/2024/TT-BLĐTBXH", "CITES"),
            ("06/2024/TT-BLĐTBXH", "26/2016/TT-BLĐTBXH", "AMENDS"),
        },
        CIRCULAR,
    ),
    (
        "Quyết định 119/QĐ-UBND bổ sung thủ tục hành chính đã được thay thế bởi Quyết định "
        "366/QĐ-UBND bãi bỏ Quyết định công bố thủ tục hành chính.",
        {(S, "366/QĐ-UBND", "CITES"), ("366/QĐ-UBND", S, "REPLACES")},
        {"number": "119/QĐ-UBND", "year": 2009},
    ),
    # a list item inherits the kind, not the previous item's own description; "và" inherits both
    (
        "theo Quyết định số 38/2010/QĐ-TTg ngày 06 tháng 5 năm 2010 của Thủ tướng Chính phủ về "
        "việc sửa đổi, bổ sung Quyết định số 142/2008/QĐ-TTg ngày 27 tháng 10 năm 2008 về chế độ "
        "đối với quân nhân; Quyết định số 53/2010/QĐ-TTg ngày 20 tháng 8 năm 2010 của Thủ tướng "
        "Chính phủ quy định về chế độ đối với cán bộ, chiến sĩ Công an nhân dân;",
        {
            (S, "38/2010/QĐ-TTg", "CITES"),
            (S, "142/2008/QĐ-TTg", "CITES"),
            (S, "53/2010/QĐ-TTg", "CITES"),
            ("38/2010/QĐ-TTg", "142/2008/QĐ-TTg", "AMENDS"),
        },
        DECREE,
    ),
    (
        "Căn cứ Nghị định số 21/2024/NĐ-CP ngày 23 tháng 02 năm 2024 của Chính phủ sửa đổi, bổ "
        "sung một số điều của Nghị định số 51/2016/NĐ-CP ngày 13 tháng 6 năm 2016 của Chính phủ "
        "quy định quản lý lao động và Nghị định số 52/2016/NĐ-CP ngày 13 tháng 6 năm 2016;",
        {
            (S, "21/2024/NĐ-CP", "BASED_ON"),
            (S, "51/2016/NĐ-CP", "CITES"),
            (S, "52/2016/NĐ-CP", "CITES"),
            ("21/2024/NĐ-CP", "51/2016/NĐ-CP", "AMENDS"),
            ("21/2024/NĐ-CP", "52/2016/NĐ-CP", "AMENDS"),
        },
        CIRCULAR,
    ),
    (
        "Căn cứ Nghị định số 13/2008/NĐ-CP ngày 04 tháng 02 năm 2008 của Chính phủ; Nghị định số "
        "16/2009/NĐ-CP ngày 16 tháng 02 năm 2009 của Chính phủ về sửa đổi, bổ sung khoản 2, Điều "
        "8, Nghị định số 13/2008/NĐ-CP ngày 04 tháng 02 năm 2008 của Chính phủ;",
        {
            (S, "13/2008/NĐ-CP", "BASED_ON"),
            (S, "16/2009/NĐ-CP", "BASED_ON"),
            ("16/2009/NĐ-CP", "13/2008/NĐ-CP", "AMENDS"),
        },
        {},
    ),
    (
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Uỷ ban nhân dân "
        "ngày 03 tháng 12 năm 2004;\nCăn cứ Nghị định số 91/2006/NĐ-CP ngày 06 tháng 9 năm 2006 "
        "của Chính phủ quy định chi tiết thi hành một số điều của Luật Ban hành văn bản quy phạm "
        "pháp luật của Hội đồng nhân dân, Uỷ ban nhân dân;",
        {
            (S, LAW_2004, "BASED_ON"),
            (S, "91/2006/NĐ-CP", "BASED_ON"),
            ("91/2006/NĐ-CP", LAW_2004, "GUIDES"),
        },
        {},
    ),
    # a name given is no description: "(sau đây gọi tắt là …)" makes no third-party edge
    (
        "và Thông tư số 27/2016/TT-BLĐTBXH ngày 01 tháng 9 năm 2016 hướng dẫn thực hiện chế độ "
        "tiền lương đối với người quản lý công ty (sau đây gọi tắt là Thông tư số "
        "06/2024/TT-BLĐTBXH).",
        {(S, "27/2016/TT-BLĐTBXH", "CITES"), (S, "06/2024/TT-BLĐTBXH", "CITES")},
        CIRCULAR,
    ),
    # a new clause after "và" says what this text does
    (
        "Góp phần thực hiện các nhiệm vụ của Nghị quyết số 59-NQ/TW ngày 24 tháng 01 năm 2025 của "
        "Bộ Chính trị về hội nhập quốc tế và các mục tiêu đề ra của Nghị quyết số 26-NQ/TW ngày "
        "19 tháng 5 năm 2018 về xây dựng đội ngũ cán bộ.",
        {(S, "59-NQ/TW", "IMPLEMENTS"), (S, "26-NQ/TW", "IMPLEMENTS")},
        {},
    ),
    # printed line ends inside a sentence do not cut it
    (
        "Điều 6. Quyết định này có hiệu lực thi hành kể từ ngày ký và thay thế Quyết \nđịnh số "
        "1480/QĐ-TTg ngày 03 tháng 7 năm 2025 của Thủ tướng Chính phủ kiện toàn Ban Chỉ đạo.",
        {(S, "1480/QĐ-TTg", "REPLACES")},
        {"number": "798/QĐ-TTg", "year": 2026},
    ),
    (
        "b) Người hưởng trợ cấp theo quy định tại Nghị định số 09/1998/NĐ-CP \nngày 23 tháng 01 "
        "năm 1998 của Chính phủ sửa đổi, bổ sung Nghị định số 50/CP \nngày 26 tháng 7 năm 1995 "
        "của Chính phủ;",
        {
            (S, "09/1998/NĐ-CP", "CITES"),
            (S, "50/CP", "CITES"),
            ("09/1998/NĐ-CP", "50/CP", "AMENDS"),
        },
        DECREE,
    ),
    # a preamble whose basis clause wraps over printed lines runs to the enacting line
    (
        "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\nCăn cứ Quyết định số "
        "23/2023/QĐ-TTg ngày 18 tháng 9 năm 2023 của \nThủ tướng Chính phủ về tổ chức phối hợp "
        "liên ngành;\nCăn cứ Quyết định số 666/QĐ-TTg ngày 09 tháng 4 năm 2026;\nQUYẾT ĐỊNH:\n"
        "Điều 1. Căn cứ Quyết định số 12/2020/QĐ-UBND, các sở rà soát.\n",
        {
            (S, "Luật Tổ chức Chính phủ", "BASED_ON"),
            (S, "23/2023/QĐ-TTg", "BASED_ON"),
            (S, "666/QĐ-TTg", "BASED_ON"),
            (S, "12/2020/QĐ-UBND", "CITES"),
        },
        {"number": "798/QĐ-TTg", "year": 2026, "preamble_lines": 2},
    ),
    # the promulgation formula names what a decree details; a request to promulgate does not
    (
        "Chính phủ ban hành Nghị định quy định chi tiết và hướng dẫn thi hành một số điều của "
        "Luật Bảo hiểm xã hội về bảo hiểm xã hội bắt buộc.",
        {(S, "Luật Bảo hiểm xã hội", "GUIDES")},
        {"number": "158/2025/NĐ-CP", "doc_type": "decree", "year": 2025},
    ),
    (
        "Giao Bộ Tư pháp tham mưu Chính phủ ban hành Nghị định hướng dẫn Luật Xử lý vi phạm hành "
        "chính.",
        {(S, "Luật Xử lý vi phạm hành chính", "CITES")},
        {},
    ),
    (
        "HƯỚNG DẪN BỔ SUNG VIỆC THỰC HIỆN QUYẾT ĐỊNH SỐ 170/2008/QĐ-TTG NGÀY 18 THÁNG 12\n",
        {(S, "170/2008/QĐ-TTg", "GUIDES")},
        {"doc_type": "circular", "title": True},
    ),
    (
        "Thông tư này hướng dẫn thực hiện Quyết định số 22/2013/QĐ-TTg ngày 26/4/2013.",
        {(S, "22/2013/QĐ-TTg", "GUIDES")},
        CIRCULAR,
    ),
    (
        "ĐÍNH CHÍNH THÔNG TƯ SỐ 24/2009/TT-BLĐTBXH NGÀY 10 THÁNG 7 NĂM 2009\n",
        {(S, "24/2009/TT-BLĐTBXH", "CORRECTS")},
        {**CIRCULAR, "title": True},
    ),
    # an amending list, numbered, in a consolidated text
    (
        "Luật Tổ chức chính quyền địa phương số 77/2015/QH13 ngày 19 tháng 6 năm 2015 của Quốc "
        "hội, có hiệu lực kể từ ngày 01 tháng 01 năm 2016, được sửa đổi, bổ sung bởi:\n1. Luật Quy "
        "hoạch số 21/2017/QH14 ngày 24 tháng 11 năm 2017 của Quốc hội;\n2. Luật số 47/2019/QH14 "
        "ngày 22 tháng 11 năm 2019 của Quốc hội sửa đổi Luật Tổ chức Chính phủ;\n3. Nghị quyết "
        "số 96/2023/QH15 ngày 23 tháng 6 năm 2023 của Quốc hội.\nCăn cứ Hiến pháp;\n",
        {
            (S, "77/2015/QH13", "CONSOLIDATES"),
            (S, "21/2017/QH14", "CITES"),
            (S, "47/2019/QH14", "CITES"),
            (S, "96/2023/QH15", "CITES"),
            (S, "Luật Tổ chức Chính phủ", "CITES"),
            (S, "Hiến pháp", "BASED_ON"),
            ("21/2017/QH14", "77/2015/QH13", "AMENDS"),
            ("47/2019/QH14", "77/2015/QH13", "AMENDS"),
            ("96/2023/QH15", "77/2015/QH13", "AMENDS"),
            ("47/2019/QH14", "Luật Tổ chức Chính phủ", "AMENDS"),
        },
        {"number": "32/VBHN-VPQH", "doc_type": "consolidated_text", "year": 2023},
    ),
    # an amending list in a text that is no consolidated text still says who amended what
    (
        "Thông tư số 32/2016/TT-BLĐTBXH ngày 25 tháng 10 năm 2016 của Bộ trưởng, có hiệu lực từ "
        "ngày 10 tháng 12 năm 2016, được sửa đổi, bổ sung bởi:\n- Thông tư số 12/2024/TT-BLĐTBXH "
        "ngày 14 tháng 11 năm 2024 của Bộ trưởng.\nCăn cứ Nghị định số 62/2022/NĐ-CP;\n",
        {
            (S, "32/2016/TT-BLĐTBXH", "CITES"),
            (S, "12/2024/TT-BLĐTBXH", "CITES"),
            (S, "62/2022/NĐ-CP", "BASED_ON"),
            ("12/2024/TT-BLĐTBXH", "32/2016/TT-BLĐTBXH", "AMENDS"),
        },
        CIRCULAR,
    ),
    # what the text approves or issues is part of it; the text's own name is no citation
    (
        "Điều 1. Phê duyệt “Đề án bồi dưỡng cán bộ, công chức làm công tác đối ngoại giai đoạn "
        "2026 - 2031” (sau đây gọi là Đề án) với những nội dung sau:",
        set(),
        {"number": "892/QĐ-TTg", "year": 2026},
    ),
    (
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch hành động vì sự tiến bộ phụ nữ tỉnh "
        "Ninh Thuận giai đoạn 2006 - 2010.",
        set(),
        {"number": "55/2007/QĐ-UBND", "year": 2007},
    ),
    (
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành Luật Tổ chức "
        "chính quyền địa phương[1].",
        {(S, "Hiến pháp", "BASED_ON")},
        {
            "number": "77/2015/QH13",
            "doc_type": "law",
            "year": 2015,
            "name": "Luật Tổ chức chính quyền địa phương",
        },
    ),
    # aliases: the approved programme is the decision
    (
        "theo Quyết định số 749/QĐ-TTg ngày 03/6/2020 phê duyệt Chương trình Chuyển đổi số quốc "
        "gia "
        "đến năm 2025, định hướng đến năm 2030.\nThực hiện Chương trình chuyển đổi số quốc gia.",
        {(S, "749/QĐ-TTg", "IMPLEMENTS")},
        DIRECTIVE,
    ),
    (
        "Kế hoạch hành động quốc gia phát triển kinh tế số giai đoạn 2024 – 2025 theo Quyết định "
        "số "
        "1437/QĐ-TTg ngày 20/11/2024 của Thủ tướng Chính phủ.",
        {(S, "1437/QĐ-TTg", "CITES")},
        DIRECTIVE,
    ),
    (
        "Thực hiện các mục tiêu đặt ra tại Chiến lược phát triển Chính phủ điện tử hướng tới "
        "Chính phủ "
        "số giai đoạn 2021 - 2025, định hướng đến năm 2030.",
        {(S, "vn:942/QD-TTG@2021", "IMPLEMENTS")},
        {
            **DIRECTIVE,
            "aliases": {
                "chien luoc phat trien chinh phu dien tu huong toi chinh phu so": E_GOV_942
            },
        },
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "options"), RELATE_CASES, ids=[c[0][:48] for c in RELATE_CASES]
)
def test_relations(text: str, expected: set[tuple[str, str, str]], options: dict[str, Any]) -> None:
    options = dict(options)
    known: dict[str, str] = options.pop("aliases", {})
    text_parsed = parsed(text, **options)
    citations = extract_citations(text_parsed, lookup=known.get if known else None)
    assert edges(citations, text_parsed.document.id) == expected


ALIAS_CASES: list[tuple[str, dict[str, Any], set[tuple[str, str]]]] = [
    (
        "theo Quyết định số 749/QĐ-TTg ngày 03/6/2020 phê duyệt Chương trình Chuyển đổi số quốc "
        "gia đến năm 2025, định hướng đến năm 2030.",
        {},
        {
            (
                "chuong trinh chuyen doi so quoc gia den nam 2025 dinh huong den nam 2030",
                "vn:749/QD-TTG@2020",
            ),
            ("chuong trinh chuyen doi so quoc gia", "vn:749/QD-TTG@2020"),
        },
    ),
    # the decision approving a scheme is what the scheme's name stands for in other texts
    (
        "Điều 1. Phê duyệt “Đề án bồi dưỡng cán bộ, công chức làm công tác đối ngoại giai đoạn "
        "2026 - 2031” (sau đây gọi là Đề án) với những nội dung sau:",
        {"number": "892/QĐ-TTg", "year": 2026},
        {
            (
                "de an boi duong can bo cong chuc lam cong tac doi ngoai giai doan 2026 - 2031",
                "vn:892/QD-TTG@2026",
            ),
            ("de an boi duong can bo cong chuc lam cong tac doi ngoai", "vn:892/QD-TTG@2026"),
        },
    ),
    # a name this short is generic across texts: "Đề án tìm kiếm" teaches nothing
    (
        "Quyết định 1237/QĐ-TTg ngày 27/7/2013 về việc phê duyệt Đề án tìm kiếm; Quyết định số "
        "1753/QĐ-TTg của Thủ tướng Chính phủ",
        {},
        set(),
    ),
]


@pytest.mark.parametrize(
    ("text", "options", "expected"), ALIAS_CASES, ids=[c[0][:48] for c in ALIAS_CASES]
)
def test_aliases_learnt(text: str, options: dict[str, Any], expected: set[tuple[str, str]]) -> None:
    aliases = extract_citations(parsed(text, **options)).aliases
    assert {(a.key, a.doc_id) for a in aliases} == expected


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_every_edge_has_its_sentence_and_offsets(form: Literal["NFC", "NFD"]) -> None:
    text = unicodedata.normalize(
        form,
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
        "Thực hiện Quyết định số 1227/QĐ-TTg ngày 22/7/2011 của Thủ tướng Chính phủ;\n",
    )
    citations = extract_citations(parsed(text))
    assert len(citations.edges) == 2
    for edge in citations.edges:
        written = unicodedata.normalize("NFC", text[edge.start : edge.end])
        assert written in ("Luật Tổ chức Chính phủ", "Quyết định số 1227/QĐ-TTg")
        assert written in edge.evidence and len(edge.evidence) <= 300
        assert edge.origin == "test.md" and 0 < edge.confidence <= 1


def test_one_edge_per_target_with_the_strongest_kind() -> None:
    text = (
        "Căn cứ Quyết định số 20/2000/QĐ-TTg ngày 3 tháng 2 năm 2000;\n"
        "Đối tượng quy định tại Quyết định số 20/2000/QĐ-TTg được hỗ trợ.\n"
    )
    (edge,) = extract_citations(parsed(text)).edges
    assert (edge.type, edge.start) == ("BASED_ON", text.index("Quyết định"))


@pytest.mark.shared
@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared (dev corpus and gold)")
def test_seed_and_dev_citation_f1(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "bench.score_dev", "--quiet", "--export", str(tmp_path / "e.json")],
        cwd=MAIN,
        capture_output=True,
        text=True,
        check=True,
    )
    summary = run.stdout.strip().splitlines()[-1]
    f1 = float(re.search(r"citation_f1=([\d.]+)", summary).group(1))  # type: ignore[union-attr]
    assert f1 >= 0.9, summary
    assert "violations=0" in summary, summary


def test_provisions_written_before_an_act_that_lapses() -> None:
    # The verb after the act: what lapses is what is written before it, not the whole act.
    text = (
        "Kể từ ngày Quyết định này có hiệu lực, các quy định tại Chương II Quyết định số "
        "20/2016/QĐ-UBND ngày 05 tháng 4 năm 2016 hết hiệu lực thi hành.\n"
        "Quyết định số 31/2018/QĐ-UBND ngày 12 tháng 9 năm 2018 hết hiệu lực thi hành.\n"
    )
    edges = {e.target: e for e in extract_citations(parsed(text)).edges}
    partial, whole = edges["vn:20/2016/QD-UBND"], edges["vn:31/2018/QD-UBND"]
    assert (partial.type, partial.scope, partial.provisions) == (
        "REPEALS",
        "partial",
        ("Chương II",),
    )
    assert (whole.type, whole.scope, whole.provisions) == ("REPEALS", "whole", ())
