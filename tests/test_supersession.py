"""Supersession a lawyer can rely on (issue 11): one row per way a text says it amends, replaces,
repeals, suspends or corrects another, each from a real sentence; one sample per row of
:data:`loader.verbs.VERBS`; and the supersession scenario loaded from texts end to end, with its
dates, on every store backend.

A row is (text, options, supersession edges, other edges). Supersession edges are (source, target,
kind, scope, provisions, effective date), where "self" is the text's own document and others are
named by their number or name (as in tests/test_relate.py); the other edges are (source, target,
kind) and none of them may be a supersession edge. Options are those of
:func:`tests.test_relate.parsed`, and ``issued`` / ``effective``: the acting text's issue date and
own effective date, as :mod:`loader.parse` reads them from its header and effect clause.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graph.model import (
    STATUS_IN_FORCE,
    STATUS_NOT_APPLICABLE,
    STATUS_NOT_IN_FORCE,
    STATUS_NOT_YET_IN_FORCE,
    STATUS_PARTLY_IN_FORCE,
)
from graph.store import GraphStore
from loader import load_paths
from loader.find import fold_sentences
from loader.parse import ParsedText
from loader.relate import Citations, extract_citations
from loader.verbs import SUPERSESSION, VERBS, Verb
from queries import status
from tests.test_relate import S, parsed

Effect = tuple[str, str, str, str | None, tuple[str, ...], str | None]
Other = tuple[str, str, str]
Case = tuple[str, dict[str, Any], set[Effect], set[Other]]

WHOLE, PARTIAL = "whole", "partial"
AMENDS, REPLACES, REPEALS = "AMENDS", "REPLACES", "REPEALS"
SUSPENDS, CORRECTS = "SUSPENDS", "CORRECTS"

# The acting texts (real numbers, dates as their headers and effect clauses give them).
LAW_32_2013 = {
    "number": "32/2013/QH13",
    "doc_type": "law",
    "year": 2013,
    "name": "Luật sửa đổi, bổ sung một số điều của Luật Thuế thu nhập doanh nghiệp",
}
CIRCULAR_04_2014 = {
    "number": "04/2014/TT-BCA",
    "doc_type": "circular",
    "year": 2014,
    "issued": "2014-01-21",
    "effective": "2014-03-10",
}
DECREE_03_2010 = {
    "number": "03/2010/NĐ-CP",
    "doc_type": "decree",
    "year": 2010,
    "issued": "2010-01-13",
    "effective": "2010-04-15",
}
PROVINCE_456 = {"number": "456/QĐ-UBND", "year": 2024}  # a provincial People's Committee's
DIRECTIVE = {"number": "01/CT-BTTTT", "doc_type": "directive", "year": 2025}
VBHN_92 = {"number": "92/VBHN-BQP", "doc_type": "consolidated_text", "year": 2025}

CASES: dict[str, Case] = {
    # -- AMENDS ------------------------------------------------------------------------------------
    # the enacting formula of an amending act says what the act amends
    "enacting-formula-of-an-amending-law": (
        "Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Thuế thu nhập doanh nghiệp "
        "số 14/2008/QH12.",
        LAW_32_2013,
        {(S, "14/2008/QH12", AMENDS, PARTIAL, (), None)},
        set(),
    ),
    "enacting-formula-naming-two-acts": (
        "Chính phủ ban hành Nghị định sửa đổi, bổ sung một số điều của Nghị định số 63/2010/NĐ-CP "
        "ngày 08 tháng 6 năm 2010 của Chính phủ về kiểm soát thủ tục hành chính; Nghị định số "
        "20/2008/NĐ-CP ngày 14 tháng 02 năm 2008 của Chính phủ về tiếp nhận, xử lý phản ánh, kiến "
        "nghị.",
        {"number": "48/2013/NĐ-CP", "doc_type": "decree", "year": 2013},
        {
            (S, "63/2010/NĐ-CP", AMENDS, PARTIAL, (), None),
            (S, "20/2008/NĐ-CP", AMENDS, PARTIAL, (), None),
        },
        set(),
    ),
    # dev2 vb2_6355e0ac4f, its date the circular's own
    "enacting-formula-of-a-minister": (
        "Bộ trưởng Bộ Công an ban hành Thông tư sửa đổi, bổ sung  một  số  điều\ncủa Thông tư số "
        "35/2010/TT-BCA ngày 11/10/2010 của Bộ trưởng Bộ Công an  quy\nđịnh về cấp giấy phép vận "
        "chuyển vật liệu nổ công nghiệp và hàng  nguy  hiểm.",
        CIRCULAR_04_2014,
        {(S, "35/2010/TT-BCA", AMENDS, PARTIAL, (), "2014-03-10")},
        set(),
    ),
    "title-of-an-amending-decree": (
        "Sửa đổi, bổ sung một số điều Nghị định số 164/2003/NĐ-CP\n",
        {"number": "152/2004/NĐ-CP", "doc_type": "decree", "year": 2004, "title": True},
        {(S, "164/2003/NĐ-CP", AMENDS, PARTIAL, (), None)},
        set(),
    ),
    # dev2 vb2_6355e0ac4f: the items of the amending article name what changes, in both orders
    "amending-article-lists-its-items": (
        "Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 35/2010/TT-BCA ngày 11/10/2010 của "
        "Bộ trưởng Bộ Công an như sau:\n"
        "1. Bổ sung khoản 3 vào Điều 3 như sau:\n“3. Hồ sơ đề nghị cấp giấy phép.”\n"
        "2. Điều 4 được sửa đổi, bổ sung như sau:\n“Điều 4. Điều kiện cấp giấy phép”\n"
        "Điều 2. Hiệu lực thi hành\n"
        "Thông tư này có hiệu lực thi hành kể từ ngày 10 tháng 3 năm 2014.\n",
        CIRCULAR_04_2014,
        {(S, "35/2010/TT-BCA", AMENDS, PARTIAL, ("khoản 3 Điều 3", "Điều 4"), "2014-03-10")},
        set(),
    ),
    # dev2 vb2_89c953ecd0 (Cục Thuế Hà Nội)
    "article-adjusting-an-earlier-decision": (
        "Điều 3. Điều chỉnh chương xe đã ban hành tại quyết định số 19902/QĐ-CT-THNVDT ngày "
        "17/11/2009 của Cục Thuế TP Hà Nội:",
        {
            "number": "20574/QĐ-CT-THNVDT",
            "year": 2009,
            "issued": "2009-11-26",
            "effective": "2009-11-26",
        },
        {(S, "19902/QĐ-CT-THNVDT", AMENDS, PARTIAL, (), "2009-11-26")},
        set(),
    ),
    # real1k: provisions written before the amended act, the amending act after "bởi"
    "third-party-amendment-in-the-passive": (
        "Theo quy định tại Điều 4 Nghị định 15/2020/NĐ-CP được bổ sung bởi điểm b khoản 5 Điều 1 "
        "Nghị định 14/2022/NĐ-CP quy định thời hiệu xử phạt vi phạm hành chính cụ thể như sau:",
        DIRECTIVE,
        {("14/2022/NĐ-CP", "15/2020/NĐ-CP", AMENDS, PARTIAL, ("Điều 4",), None)},
        {(S, "15/2020/NĐ-CP", "CITES"), (S, "14/2022/NĐ-CP", "CITES")},
    ),
    # dev2 vb2_ff03db2b30
    "basis-amended-by-a-later-law": (
        "Căn cứ Luật Các tổ chức tín dụng số 32/2024/QH15 được sửa đổi, bổ sung bởi Luật số "
        "96/2025/QH15;",
        {"number": "304/2025/NĐ-CP", "doc_type": "decree", "year": 2025},
        {("96/2025/QH15", "32/2024/QH15", AMENDS, PARTIAL, (), None)},
        {(S, "32/2024/QH15", "BASED_ON"), (S, "96/2025/QH15", "BASED_ON")},
    ),
    # words changed, not provisions: AMENDS, whatever the verb
    "phrase-replaced": (
        "Thay thế cụm từ “Lao động - Thương binh và Xã hội” bằng cụm từ “Nội vụ” tại Điều 5 "
        "Quyết định số 12/2020/QĐ-UBND",
        {"number": "22/2025/QĐ-UBND", "year": 2025},
        {(S, "12/2020/QĐ-UBND", AMENDS, PARTIAL, ("Điều 5",), None)},
        set(),
    ),
    # dev2 vb2_776c2df5ae: the act in the article's heading, the words and place in its item
    "phrase-repealed": (
        "**Điều 2.\nThay thế, bãi bỏ một số từ, cụm từ, quy định tại Nghị quyết và Quy định kèm\n"
        "theo Nghị quyết số 10/2022/NQ-HĐND ngày 14 tháng 7 năm 2022 của Hội đồng nhân\ndân tỉnh "
        "(nay là thành phố Huế)**\n4. Bãi bỏ cụm từ “Ủy ban nhân\ndân cấp huyện” tại điểm a "
        "khoản 2 Điều 1.\n**Điều 3. Điều\nkhoản thi hành**\nNghị quyết này có hiệu lực từ\nngày "
        "28 tháng 11 năm 2025.\n",
        {
            "number": "34/2025/NQ-HĐND",
            "doc_type": "resolution",
            "year": 2025,
            "issued": "2025-11-18",
            "effective": "2025-11-28",
        },
        {(S, "10/2022/NQ-HĐND", AMENDS, PARTIAL, ("điểm a khoản 2 Điều 1",), "2025-11-28")},
        set(),
    ),
    # dev2 vb2_55b4f1ca23: a consolidated text's footnotes name the amending act and its date; the
    # marks stand in the provisions changed ("a[2])" under "2." in Điều 1; "**Điều 2a****[3].**")
    "consolidated-text-footnotes": (
        "Quyết định số 142/2008/QĐ-TTg ngày 27 tháng 10 năm 2008 của Thủ tướng Chính phủ về thực "
        "hiện chế độ đối với quân nhân, được sửa đổi, bổ sung bởi:\nQuyết định số 38/2010/QĐ-TTg "
        "ngày 06/5/2010 của Thủ tướng Chính phủ về việc sửa đổi, bổ sung Quyết định số "
        "142/2008/QĐ-TTg ngày 27 tháng 10 năm 2008 của Thủ tướng Chính phủ.\n**QUYẾT ĐỊNH:**\n"
        "**Điều 1.**\n1. Phạm vi điều chỉnh\n2. Đối tượng không áp dụng\na[2])\nNhững người đang "
        "hưởng chế độ hưu trí.\n**Điều 2a****[3].**\nĐối tượng được hưởng chế độ.\n"
        "[2] Điểm\nnày được sửa đổi, thay thế theo quy định tại khoản 1 Điều 1 Quyết định số\n"
        "38/2010/QĐ-TTg sửa đổi, bổ sung Quyết định số 142/2008/QĐ-TTg ngày 27 tháng 10\nnăm "
        "2008 của Thủ tướng Chính phủ, có hiệu lực kể từ ngày 01 tháng 7 năm 2010.\n[3] Điều\nnày "
        "được bổ sung theo quy định tại khoản 2 Điều 1 Quyết định số 38/2010/QĐ-TTg\nsửa đổi, bổ "
        "sung Quyết định số 142/2008/QĐ-TTg ngày 27 tháng 10 năm 2008 của Thủ\ntướng Chính phủ, "
        "có hiệu lực kể từ ngày 01 tháng 7 năm 2010.\n",
        VBHN_92,
        {
            (
                "38/2010/QĐ-TTg",
                "142/2008/QĐ-TTg",
                AMENDS,
                PARTIAL,
                ("điểm a khoản 2 Điều 1", "Điều 2a"),
                "2010-07-01",
            )
        },
        {(S, "142/2008/QĐ-TTg", "CONSOLIDATES"), (S, "38/2010/QĐ-TTg", "CITES")},
    ),
    # -- REPLACES ----------------------------------------------------------------------------------
    # the days of the listed decisions are filled in; the effect is dated the day of signing + 10
    "effect-article-replacing-a-list": (
        "Điều 2. Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký và thay thế các Quyết định: "
        "Quyết định số 110/2005/QĐ-UBND ngày 20 tháng 10 năm 2005; Quyết định số 49/2007/QĐ-UBND "
        "ngày 10 tháng 5 năm 2007 của Ủy ban nhân dân tỉnh.",
        {"number": "12/2010/QĐ-UBND", "year": 2010, "issued": "2010-03-05"},
        {
            (S, "110/2005/QĐ-UBND", REPLACES, WHOLE, (), "2010-03-15"),
            (S, "49/2007/QĐ-UBND", REPLACES, WHOLE, (), "2010-03-15"),
        },
        set(),
    ),
    # Nghị định 75/2021/NĐ-CP, in force from 15/9/2021: the act lapses on that day
    "lapses-when-this-decree-takes-effect": (
        "4. Nghị định số 58/2019/NĐ-CP ngày 01 tháng 7 năm 2019 của Chính phủ hết hiệu lực thi "
        "hành kể từ ngày Nghị định này có hiệu lực thi hành.",
        {
            "number": "75/2021/NĐ-CP",
            "doc_type": "decree",
            "year": 2021,
            "issued": "2021-07-24",
            "effective": "2021-09-15",
        },
        {(S, "58/2019/NĐ-CP", REPLACES, WHOLE, (), "2021-09-15")},
        set(),
    ),
    # formats vbf_1af11fe58c.doc: "lực" dropped by the printer
    "lapses-hết-hiệu-without-lực": (
        "1. Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 3 năm 2010. Quyết định số "
        "1744/2008/QĐ-BKH ngày 29 tháng 12 năm 2008 của Bộ Kế hoạch và Đầu tư ban hành Mẫu hồ sơ "
        "mời thầu gói thầu xây lắp quy mô nhỏ hết hiệu kể từ ngày Thông tư này có hiệu lực thi "
        "hành.",
        {
            "number": "02/2010/TT-BKH",
            "doc_type": "circular",
            "year": 2010,
            "issued": "2010-01-19",
            "effective": "2010-03-15",
        },
        {(S, "1744/2008/QĐ-BKH", REPLACES, WHOLE, (), "2010-03-15")},
        set(),
    ),
    # test_relate's row: the edge turns round, the replacement has no day here
    "replaced-in-the-passive": (
        "Quyết định 119/QĐ-UBND bổ sung thủ tục hành chính đã được thay thế bởi Quyết định "
        "366/QĐ-UBND bãi bỏ Quyết định công bố thủ tục hành chính.",
        {"number": "119/QĐ-UBND", "year": 2009},
        {("366/QĐ-UBND", S, REPLACES, WHOLE, (), None)},
        {(S, "366/QĐ-UBND", "CITES")},
    ),
    # dev2 vb2_f28ae3e659: one effect article replaces one act and repeals one row of another's
    # annex; "Phụ lục IIb" alone would say the whole annex went
    "replaces-one-act-repeals-an-annex-row": (
        "2. Quyết định này thay thế Quyết định số\n25/2025/QĐ-UBND ngày 18 tháng 3 năm 2025 của "
        "Ủy ban nhân dân tỉnh Đồng Nai ban\nhành Bảng giá tính thuế tài nguyên.\n3. Quyết định "
        "này bãi bỏ số thứ tự thứ 5 Phụ lục\nIIb Danh mục các văn bản quy phạm pháp luật được lựa "
        "chọn áp dụng trên địa bàn\ntỉnh Đồng Nai mới ban hành kèm theo Quyết định số "
        "2432/QĐ-UBND ngày 30 tháng 6\nnăm 2025 của Ủy ban nhân dân tỉnh.",
        {
            "number": "62/2025/QĐ-UBND",
            "year": 2025,
            "issued": "2025-11-17",
            "effective": "2026-01-01",
        },
        {
            (S, "25/2025/QĐ-UBND", REPLACES, WHOLE, (), "2026-01-01"),
            (
                S,
                "2432/QĐ-UBND",
                REPEALS,
                PARTIAL,
                ("số thứ tự 5 Phụ lục IIb",),
                "2026-01-01",
            ),
        },
        set(),
    ),
    # -- REPEALS -----------------------------------------------------------------------------------
    "effect-clause-repealing-an-article": (
        "Nghị định này có hiệu lực thi hành kể từ ngày 15 tháng 4 năm 2010 và bãi bỏ Điều 3 của "
        "Nghị định số 16/2019/NĐ-CP",
        {"number": "31/2010/NĐ-CP", "doc_type": "decree", "year": 2010},
        {(S, "16/2019/NĐ-CP", REPEALS, PARTIAL, ("Điều 3",), "2010-04-15")},
        set(),
    ),
    # dev2 vb2_797e96f26e: the repeal is dated by the decree's own effect clause
    "repeal-of-a-clause": (
        "      1. Nghị định này có hiệu lực thi hành kể từ ngày 15 tháng 4 năm 2010.\n"
        "      2. Bãi bỏ khoản 2 Điều 21 Nghị định số 40/2004/NĐ-CP ngày 13 tháng  02\nnăm 2004 "
        "của Chính phủ quy định chi tiết và hướng dẫn thi hành một  số  điều\ncủa Luật Thống "
        "kê.\n",
        DECREE_03_2010,
        {(S, "40/2004/NĐ-CP", REPEALS, PARTIAL, ("khoản 2 Điều 21",), "2010-04-15")},
        {(S, "Luật Thống kê", "CITES"), ("40/2004/NĐ-CP", "Luật Thống kê", "GUIDES")},
    ),
    # dev2 vb2_6355e0ac4f: one act amended in Điều 1 and repealed in part in Điều 2; the edge kept
    # is REPEALS, with only the provisions repealed (not khoản 3 Điều 3 or Điều 6a, added)
    "repeals-some-provisions-and-adds-others": (
        "Điều 1. Sửa đổi, bổ sung một số điều của Thông  tư  số  35/2010/TT-BCA\nngày 11/10/2010 "
        "của Bộ trưởng Bộ Công an như sau:\n      1. Bổ sung khoản 3 vào Điều 3 như sau:\n"
        "      “3. Hồ sơ đề nghị cấp giấy phép.”\n      5. Bổ sung Điều 6a vào sau Điều 6 như "
        "sau:\n      “Điều 6a. Thu hồi giấy phép vận chuyển vật liệu nổ công nghiệp”\n"
        "      Điều 2. Hiệu lực thi hành\n      Thông tư này có hiệu lực thi hành kể từ ngày 10 "
        "tháng 3 năm 2014.\n      Bãi bỏ Điều 4, 5, 6, khoản 4 Điều 7,  khoản  3  Điều  8  "
        "Thông  tư  số\n35/2010/TT-BCA.\n",
        CIRCULAR_04_2014,
        {
            (
                S,
                "35/2010/TT-BCA",
                REPEALS,
                PARTIAL,
                ("Điều 4", "Điều 5", "Điều 6", "khoản 4 Điều 7", "khoản 3 Điều 8"),
                "2014-03-10",
            )
        },
        set(),
    ),
    # dev2 vb2_57348d26d6: a point of a circular and a whole letter; "sau 45 ngày, kể từ ngày ký"
    # gave the circular its own effective date
    "repeal-of-a-point-and-of-a-letter": (
        "      1. Thông tư này có hiệu lực thi hành sau 45 ngày, kể từ ngày ký.\n      2. Bãi bỏ "
        "điểm 1.5 khoản 1 mục II Thông  tư  số  162/2007/TT-BTC  ngày\n31/12/2007 và công văn số "
        "8153/BTC-PC ngày 14/7/2008 của Bộ Tài chính.",
        {
            "number": "08/2010/TT-BTC",
            "doc_type": "circular",
            "year": 2010,
            "issued": "2010-01-14",
            "effective": "2010-02-28",
        },
        {
            (S, "162/2007/TT-BTC", REPEALS, PARTIAL, ("điểm 1.5 khoản 1 mục II",), "2010-02-28"),
            (S, "8153/BTC-PC", REPEALS, WHOLE, (), "2010-02-28"),
        },
        set(),
    ),
    # dev2 vb2_d879449684: "kể từ ngày ký ban hành" is the day of signing
    "repeal-from-the-day-of-signing": (
        "1. Quyết định này có hiệu lực thi hành kể từ ngày\nký ban hành; bãi bỏ Quyết định số "
        "1229/QĐ-TTg\nngày 15 tháng 7 năm 2021 của Thủ tướng Chính phủ về việc thành lập Ban Quản "
        "lý\ncác Khu kinh tế và Khu công nghiệp tỉnh Quảng Nam.",
        {"number": "2609/QĐ-TTg", "year": 2025, "issued": "2025-11-28"},
        {(S, "1229/QĐ-TTg", REPEALS, WHOLE, (), "2025-11-28")},
        set(),
    ),
    # dev2 vb2_58abb15520: the acts repealed listed one per line
    "repeal-of-listed-resolutions": (
        "4. Nghị quyết này có hiệu lực từ ngày 28 tháng 11\nnăm 2025.\n5. Nghị quyết này bãi bỏ "
        "các Nghị quyết:\na) Nghị quyết số 11/2024/NQ-HĐND\nngày 29 tháng 6 năm 2024 của Hội đồng "
        "nhân dân tỉnh Trà Vinh quy định mức thu học\nphí.\nb) Nghị quyết số 15/2024/NQ-HĐND\n"
        "ngày 12 tháng 7 năm 2024 của Hội đồng nhân dân tỉnh Bến Tre quy định mức thu học\nphí.\n",
        {
            "number": "20/2025/NQ-HĐND",
            "doc_type": "resolution",
            "year": 2025,
            "issued": "2025-11-18",
            "effective": "2025-11-28",
        },
        {
            (S, "11/2024/NQ-HĐND", REPEALS, WHOLE, (), "2025-11-28"),
            (S, "15/2024/NQ-HĐND", REPEALS, WHOLE, (), "2025-11-28"),
        },
        set(),
    ),
    # dev2 vb2_20d7bc1408: "toàn bộ" is whole; the act repealed had itself repealed a part
    "whole-repeal-of-a-partial-repealer": (
        "1. Bãi bỏ toàn bộ Quyết định số 09/2022/QĐ-UBND\nngày 25/3/2022 của Ủy ban nhân dân tỉnh "
        "ban hành Quy định chức năng, nhiệm vụ,\nquyền hạn và cơ cấu tổ chức Sở Tư pháp.\n2. Bãi "
        "bỏ toàn bộ Quyết định số 08/2025/QĐ-UBND\nngày 01/3/2025 của Ủy ban nhân dân tỉnh bãi bỏ "
        "một phần Quy định chức năng,\nnhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Tư pháp ban "
        "hành kèm theo Quyết\nđịnh số 09/2022/QĐ-UBND ngày 25/3/2022 của Ủy ban nhân dân tỉnh.\n",
        {
            "number": "79/2025/QĐ-UBND",
            "year": 2025,
            "issued": "2025-11-24",
            "effective": "2025-12-05",
        },
        {
            (S, "09/2022/QĐ-UBND", REPEALS, WHOLE, (), "2025-12-05"),
            (S, "08/2025/QĐ-UBND", REPEALS, WHOLE, (), "2025-12-05"),
            ("08/2025/QĐ-UBND", "09/2022/QĐ-UBND", REPEALS, PARTIAL, (), None),
        },
        set(),
    ),
    # dev2 vb2_c2b7774173: the formula and Điều 1 say it twice, the body's "toàn bộ" decides
    "enacting-formula-of-a-repealing-resolution": (
        "*Hội đồng nhân dân ban hành Nghị quyết bãi bỏ\nNghị quyết số 30/2013/NQ-HĐND ngày 06 "
        "tháng 12 năm 2013 của Hội đồng nhân dân\nthành phố Hà Nội về xây dựng khu vực phòng thủ "
        "thành phố Hà Nội.*\n**Điều 1.** Bãi bỏ toàn bộ Nghị quyết số\n30/2013/NQ-HĐND ngày 06 "
        "tháng 12 năm 2013 của Hội đồng nhân dân thành phố Hà\nNội.\n",
        {
            "number": "74/2025/NQ-HĐND",
            "doc_type": "resolution",
            "year": 2025,
            "issued": "2025-11-27",
            "effective": "2025-11-27",
        },
        {(S, "30/2013/NQ-HĐND", REPEALS, WHOLE, (), "2025-11-27")},
        set(),
    ),
    # -- SUSPENDS ----------------------------------------------------------------------------------
    "suspends-a-district-decision": (
        "Điều 1. Đình chỉ thi hành Quyết định số 123/QĐ-UBND ngày 05 tháng 3 năm 2024 của Ủy ban "
        "nhân dân huyện Tân Phú.",
        PROVINCE_456,
        {(S, "123/QĐ-UBND", SUSPENDS, WHOLE, (), None)},
        set(),
    ),
    "suspends-its-force": (
        "Điều 1. Tạm ngưng hiệu lực Quyết định số 123/QĐ-UBND ngày 05 tháng 3 năm 2024 của Ủy ban "
        "nhân dân huyện Tân Phú.",
        PROVINCE_456,
        {(S, "123/QĐ-UBND", SUSPENDS, WHOLE, (), None)},
        set(),
    ),
    "title-of-a-suspending-decision": (
        "VỀ VIỆC ĐÌNH CHỈ QUYẾT ĐỊNH SỐ 123/QĐ-UBND NGÀY 05 THÁNG 3 NĂM 2024\n",
        {**PROVINCE_456, "title": True},
        {(S, "123/QĐ-UBND", SUSPENDS, WHOLE, (), None)},
        set(),
    ),
    # -- CORRECTS ----------------------------------------------------------------------------------
    # dev2 vb2_7717932b04: its title, and its Điều 1
    "title-of-a-correcting-decision": (
        "VỀ VIỆC ĐÍNH CHÍNH QUYẾT ĐỊNH SỐ 3288/QĐ-BTC\n      NGÀY 31 THÁNG 12 NĂM 2013 VỀ VIỆC "
        "CÔNG BỐ TỔ CHỨC TƯ VẤN ĐỊNH GIÁ\n",
        {
            "number": "219/QĐ-BTC",
            "year": 2014,
            "title": True,
            "issued": "2014-01-25",
            "effective": "2014-01-25",
        },
        {(S, "3288/QĐ-BTC", CORRECTS, PARTIAL, (), "2014-01-25")},
        set(),
    ),
    "article-correcting-a-decision": (
        "      Điều 1. Đính chính danh sách các tổ chức tư vấn định giá được cung cấp\ndịch vụ xác "
        "định giá trị doanh nghiệp để cổ  phần  hóa  năm  2014  kèm  theo\nQuyết định số "
        "3288/QĐ-BTC ngày 31 tháng 12 năm 2013 của  Bộ  Tài  chính như sau:",
        {"number": "219/QĐ-BTC", "year": 2014, "issued": "2014-01-25", "effective": "2014-01-25"},
        {(S, "3288/QĐ-BTC", CORRECTS, PARTIAL, (), "2014-01-25")},
        set(),
    ),
    # -- no supersession ---------------------------------------------------------------------------
    # a plan names an act to come: only cited (DESIGN.md, Direction)
    "planned-amending-decree": (
        "- Xây dựng Nghị định sửa đổi Nghị định số 91/2020/NĐ-CP",
        DIRECTIVE,
        set(),
        {(S, "91/2020/NĐ-CP", "CITES")},
    ),
    # dev2 vb2_234d63dc0c
    "guides-is-no-supersession": (
        "      Căn cứ Nghị định số 04/2013/NĐ-CP ngày 07 tháng 01 năm 2013 của  Chính\nphủ quy "
        "định chi tiết và hướng dẫn thi  hành  một  số  điều  của  Luật  Công\nchứng;",
        {"number": "01/2014/TT-BTP", "doc_type": "circular", "year": 2014},
        set(),
        {
            (S, "04/2013/NĐ-CP", "BASED_ON"),
            (S, "Luật Công chứng", "CITES"),
            ("04/2013/NĐ-CP", "Luật Công chứng", "GUIDES"),
        },
    ),
    # dev KH 252/KH-BCĐQG1237
    "implements-is-no-supersession": (
        "TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 1237/QĐ-TTG NGÀY 27 THÁNG 7 NĂM 2013 CỦA THỦ TƯỚNG "
        "CHÍNH PHỦ\n",
        {"number": "252/KH-BCĐQG1237", "doc_type": "plan", "year": 2013, "title": True},
        set(),
        {(S, "1237/QĐ-TTg", "IMPLEMENTS")},
    ),
}

# Rows the loader gets wrong, with why the row says what a lawyer reads (strict: a fix shows).
LOADER_BUGS: dict[str, str] = {}


def acting(
    text: str, issued: str | None = None, effective: str | None = None, **options: Any
) -> ParsedText:
    """:func:`tests.test_relate.parsed`, the acting document dated as its header and effect clause
    date it."""
    text_parsed = parsed(text, **options)
    document = replace(text_parsed.document, issued_date=issued, effective_date=effective)
    return replace(text_parsed, document=document)


def split_edges(citations: Citations, own_id: str) -> tuple[set[Effect], set[Other]]:
    """(supersession edges with scope, provisions and day; the other edges)."""
    label = {d.id: d.number or d.name or d.id for d in citations.cited}
    label[own_id] = S
    effects: set[Effect] = set()
    others: set[Other] = set()
    for e in citations.edges:
        source, target = label.get(e.source, e.source), label.get(e.target, e.target)
        if e.type in SUPERSESSION:
            effects.add((source, target, e.type, e.scope, e.provisions, e.effective_date))
        else:
            assert (e.scope, e.provisions, e.effective_date) == (None, (), None), e
            others.add((source, target, e.type))
    return effects, others


def run(name: str) -> tuple[set[Effect], set[Other]]:
    text, options, _, _ = CASES[name]
    text_parsed = acting(text, **options)
    return split_edges(extract_citations(text_parsed), text_parsed.document.id)


def case_params() -> list[Any]:
    return [
        pytest.param(
            name,
            id=name,
            marks=[pytest.mark.xfail(strict=True, reason=LOADER_BUGS[name])]
            if name in LOADER_BUGS
            else [],
        )
        for name in CASES
    ]


@pytest.mark.parametrize("name", case_params())
def test_supersession_edges(name: str) -> None:
    _, _, expected, others = CASES[name]
    assert run(name) == (expected, others)


def test_known_loader_bugs_are_rows() -> None:
    assert set(LOADER_BUGS) <= set(CASES)


# -- loader/verbs.py: every row has a case --------------------------------------------------------

# One sample per row of VERBS, in its order: (case, the verb as that case's text writes it).
# Adding a row to VERBS without a case here fails.
VERB_SAMPLES: list[tuple[str, str]] = [
    ("phrase-replaced", "Thay thế cụm từ"),
    ("enacting-formula-naming-two-acts", "sửa đổi, bổ sung một số điều của"),
    ("third-party-amendment-in-the-passive", "được bổ sung bởi"),
    ("article-adjusting-an-earlier-decision", "Điều chỉnh"),
    ("effect-article-replacing-a-list", "thay thế"),
    ("repeal-of-a-clause", "Bãi bỏ"),
    ("title-of-a-correcting-decision", "ĐÍNH CHÍNH"),
    ("suspends-a-district-decision", "Đình chỉ thi hành"),
    ("title-of-a-suspending-decision", "ĐÌNH CHỈ"),
    ("guides-is-no-supersession", "quy định chi tiết và hướng dẫn thi  hành"),
    ("implements-is-no-supersession", "TRIỂN KHAI THỰC HIỆN"),
]


def test_every_verb_row_has_a_sample() -> None:
    assert len(VERB_SAMPLES) == len(VERBS)


@pytest.mark.parametrize(
    ("verb", "sample"),
    list(zip(VERBS, VERB_SAMPLES, strict=False)),
    ids=[f"{i}-{v.kind}" for i, v in enumerate(VERBS)],
)
def test_each_verb_row_is_read_in_a_case(verb: Verb, sample: tuple[str, str]) -> None:
    name, written = sample
    text = CASES[name][0]
    assert written in text
    pattern = verb.forms.replace(" ", r"\s+")
    assert re.search(pattern, fold_sentences(written), re.IGNORECASE), (verb.forms, written)
    effects, others = run(name)
    assert verb.kind in {edge[2] for edge in effects} | {edge[2] for edge in others}


def test_every_kind_of_verb_has_a_supersession_case() -> None:
    kinds = {kind for _, _, expected, _ in CASES.values() for _, _, kind, *_ in expected}
    assert {str(v.kind) for v in VERBS if v.kind in SUPERSESSION} <= kinds
    assert kinds == set(SUPERSESSION)


# -- the scenario, loaded from texts, on every store ----------------------------------------------

HEADER = (
    "CHÍNH PHỦ\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "---------------\nSố: {number}\nHà Nội, ngày {day}\n\n{kind}\n\n{title}\n\n"
)

# Nghị định 42/2022/NĐ-CP replaces 43/2011/NĐ-CP from 01/08/2022; Nghị định 03/2010/NĐ-CP repeals
# khoản 2 Điều 21 of 40/2004/NĐ-CP from 15/04/2010 (dev2 vb2_797e96f26e); Thông tư 22/2024/TT-BTTTT
# takes effect on 05/02/2025; a press report tells of the replacement.
SCENARIO_TEXTS: dict[str, str] = {
    "nd-43-2011.txt": HEADER.format(
        number="43/2011/NĐ-CP",
        day="13 tháng 6 năm 2011",
        kind="NGHỊ ĐỊNH",
        title="QUY ĐỊNH VỀ VIỆC CUNG CẤP THÔNG TIN VÀ DỊCH VỤ CÔNG TRỰC TUYẾN",
    )
    + "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định về việc cung cấp thông tin.\n"
    "Điều 2. Hiệu lực thi hành\nNghị định này có hiệu lực thi hành kể từ ngày 01 tháng 8 năm "
    "2011.\n",
    "nd-42-2022.txt": HEADER.format(
        number="42/2022/NĐ-CP",
        day="24 tháng 6 năm 2022",
        kind="NGHỊ ĐỊNH",
        title="QUY ĐỊNH VỀ VIỆC CUNG CẤP THÔNG TIN VÀ DỊCH VỤ CÔNG TRỰC TUYẾN",
    )
    + "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định về việc cung cấp thông tin.\n"
    "Điều 2. Hiệu lực thi hành\nNghị định này có hiệu lực thi hành kể từ ngày 01 tháng 8 năm 2022 "
    "và thay thế Nghị định số 43/2011/NĐ-CP ngày 13 tháng 6 năm 2011 của Chính phủ.\n",
    "nd-40-2004.txt": HEADER.format(
        number="40/2004/NĐ-CP",
        day="13 tháng 02 năm 2004",
        kind="NGHỊ ĐỊNH",
        title="QUY ĐỊNH CHI TIẾT VÀ HƯỚNG DẪN THI HÀNH MỘT SỐ ĐIỀU CỦA LUẬT THỐNG KÊ",
    )
    + "Điều 21. Tổ chức thống kê\n1. Thống kê Bộ, Ngành.\n2. Thống kê tập trung.\n"
    "Điều 30. Hiệu lực thi hành\nNghị định này có hiệu lực thi hành kể từ ngày 01 tháng 3 năm "
    "2004.\n",
    "nd-03-2010.txt": HEADER.format(
        number="03/2010/NĐ-CP",
        day="13 tháng 01 năm 2010",
        kind="NGHỊ ĐỊNH",
        title="QUY ĐỊNH NHIỆM VỤ, QUYỀN HẠN VÀ TỔ CHỨC THỐNG KÊ BỘ, CƠ QUAN NGANG BỘ",
    )
    + "Điều 6. Hiệu lực thi hành\n1. Nghị định này có hiệu lực thi hành kể từ ngày 15 tháng 4 "
    "năm 2010.\n2. Bãi bỏ khoản 2 Điều 21 Nghị định số 40/2004/NĐ-CP ngày 13 tháng 02 năm 2004 "
    "của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thống kê.\n",
    "tt-22-2024.txt": HEADER.replace("CHÍNH PHỦ", "BỘ THÔNG TIN VÀ TRUYỀN THÔNG", 1).format(
        number="22/2024/TT-BTTTT",
        day="20 tháng 12 năm 2024",
        kind="THÔNG TƯ",
        title="QUY ĐỊNH VỀ QUẢN LÝ CHẤT LƯỢNG DỊCH VỤ VIỄN THÔNG",
    )
    + "Điều 1. Phạm vi điều chỉnh\nThông tư này quy định về quản lý chất lượng dịch vụ.\n"
    "Điều 2. Hiệu lực thi hành\nThông tư này có hiệu lực thi hành kể từ ngày 05 tháng 02 năm "
    "2025.\n",
    "bao-dich-vu-cong.txt": "Ngày 24/6/2022, Chính phủ ban hành Nghị định số 42/2022/NĐ-CP quy "
    "định về việc cung cấp thông tin và dịch vụ công trực tuyến, thay thế Nghị định số "
    "43/2011/NĐ-CP.\nTheo đó, Nghị định có hiệu lực từ ngày 01/8/2022.\nXem chi tiết nội dung "
    "Nghị định tại đây!\n",
}

DECREE_43 = "vn:43/2011/ND-CP"
DECREE_40 = "vn:40/2004/ND-CP"
CIRCULAR_22 = "vn:22/2024/TT-BTTTT"
REPEALED = ("khoản 2 Điều 21",)


@pytest.fixture
def loaded_store(fresh_store: GraphStore, tmp_path: Path) -> GraphStore:
    """:data:`SCENARIO_TEXTS` written to files and loaded by the loader, on each backend."""
    folder = tmp_path / "van_ban"
    folder.mkdir()
    for name, content in SCENARIO_TEXTS.items():
        (folder / name).write_text(content, encoding="utf-8")
    report = load_paths(fresh_store, [folder], workers=1)
    assert report.ok, report
    return fresh_store


def test_the_loaded_edges_carry_scope_provisions_and_day(loaded_store: GraphStore) -> None:
    replaced = loaded_store.edges_of(DECREE_43, "in", ["REPLACES"])
    # the decree's own text dates it; the press report tells of it without a day
    told = {(Path(e.origin or "").name, e.source, e.scope, e.effective_date) for e in replaced}
    assert told == {
        ("nd-42-2022.txt", "vn:42/2022/ND-CP", WHOLE, "2022-08-01"),
        ("bao-dich-vu-cong.txt", "vn:42/2022/ND-CP", WHOLE, None),
    }
    (repeal,) = loaded_store.edges_of(DECREE_40, "in", ["REPEALS"])
    assert (repeal.source, repeal.scope, repeal.provisions, repeal.effective_date) == (
        "vn:03/2010/ND-CP",
        PARTIAL,
        REPEALED,
        "2010-04-15",
    )


# (document, day, headline, provisions)
STATUS_ON_A_DAY: list[tuple[str, str, str, tuple[str, ...]]] = [
    # before the replacement is signed, between signing and effect, after
    (DECREE_43, "1/6/2022", STATUS_IN_FORCE, ()),
    (DECREE_43, "1/7/2022", "Sắp hết hiệu lực từ 01/08/2022", ()),
    (DECREE_43, "1/8/2022", STATUS_NOT_IN_FORCE, ()),
    (DECREE_40, "1/3/2010", "Sắp hết hiệu lực một phần từ 15/04/2010", REPEALED),
    (DECREE_40, "1/5/2010", STATUS_PARTLY_IN_FORCE, REPEALED),
    (CIRCULAR_22, "1/1/2025", STATUS_NOT_YET_IN_FORCE, ()),
    (CIRCULAR_22, "5/2/2025", STATUS_IN_FORCE, ()),
]


@pytest.mark.parametrize(("doc_id", "on", "headline", "provisions"), STATUS_ON_A_DAY)
def test_status_of_loaded_texts_on_a_day(
    loaded_store: GraphStore, doc_id: str, on: str, headline: str, provisions: tuple[str, ...]
) -> None:
    derived = status(loaded_store, doc_id, on=on).derived
    assert (derived.headline, derived.provisions) == (headline, provisions)


def test_press_report_has_no_status(loaded_store: GraphStore) -> None:
    (report,) = [d for d in loaded_store.documents() if d.doc_type == "news"]
    assert status(loaded_store, report.id, on="1/1/2025").status == STATUS_NOT_APPLICABLE
