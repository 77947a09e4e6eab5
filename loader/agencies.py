"""Agencies: one node per public body, whatever a text calls it.

Texts name the same body many ways: ``Bộ Thông tin và Truyền thông`` = ``Bộ TTTT`` = ``Bộ TT&TT``
= ``BTTTT`` = ``bộ Thông tin và truyền thông``; ``Bộ trưởng Bộ Tài chính`` acts for ``Bộ Tài
chính``; dictated press copy spells ``Cục chuyển đối số quốc giá`` and ``Cục Tần số vô truyến
điện`` (seed 004). :func:`canonical_agency` maps each to one canonical name, and :func:`agency_node`
to the :class:`Agency` whose id is ``agency:`` + the folded canonical name.

:func:`issuer_from_number` reads who issued a document from its symbol (``749/QĐ-TTg`` → ``Thủ
tướng Chính phủ``, ``18-NQ/TW`` → ``Ban Chấp hành Trung ương``, ``24/2023/QH15`` → ``Quốc hội``).
"""

from __future__ import annotations

import functools
import re

from graph.identity import clean, fold_name, strip_diacritics
from graph.model import Agency

# The ministries in their official spelling (also used by loader.parse to restore the capitals of
# a title printed in capitals: "… CỦA BỘ XÂY DỰNG …").
MINISTRIES: tuple[str, ...] = (
    "Bộ Quốc phòng",
    "Bộ Công an",
    "Bộ Ngoại giao",
    "Bộ Nội vụ",
    "Bộ Tư pháp",
    "Bộ Kế hoạch và Đầu tư",
    "Bộ Tài chính",
    "Bộ Công Thương",
    "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Giao thông vận tải",
    "Bộ Xây dựng",
    "Bộ Tài nguyên và Môi trường",
    "Bộ Thông tin và Truyền thông",
    "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Khoa học và Công nghệ",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Y tế",
)

# Bodies texts name often, in their official spelling. A name that folds to (or within a typo or
# two of) one of these becomes it; any other name is kept as written, re-cased.
KNOWN_AGENCIES: tuple[str, ...] = (
    # Party, State, Government
    "Ban Chấp hành Trung ương",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Ban Tổ chức Trung ương",
    "Ban Tuyên giáo Trung ương",
    "Văn phòng Trung ương Đảng",
    "Quốc hội",
    "Ủy ban Thường vụ Quốc hội",
    "Văn phòng Quốc hội",
    "Chủ tịch nước",
    "Văn phòng Chủ tịch nước",
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Văn phòng Chính phủ",
    "Thanh tra Chính phủ",
    "Kiểm toán Nhà nước",
    "Tòa án nhân dân tối cao",
    "Viện kiểm sát nhân dân tối cao",
    "Ngân hàng Nhà nước Việt Nam",
    "Kho bạc Nhà nước",
    "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
    "Mặt trận Tổ quốc Việt Nam",
    "Trung ương Hội Cựu chiến binh Việt Nam",
    "Hội Chữ thập đỏ Việt Nam",
    "Ủy ban Dân tộc",
    *MINISTRIES,
    # Units of the Ministry of Information and Communications (seeds 000-004)
    "Văn phòng Bộ",
    "Thanh tra Bộ",
    "Cục Báo chí",
    "Cục Viễn thông",
    "Cục Tần số Vô tuyến điện",
    "Cục An toàn thông tin",
    "Cục Chuyển đổi số quốc gia",
    "Cục Bưu điện Trung ương",
    "Cục Xuất bản, In và Phát hành",
    "Cục Phát thanh, truyền hình và thông tin điện tử",
    "Cục Thông tin đối ngoại",
    "Cục Thông tin cơ sở",
    "Cục Công nghiệp Công nghệ thông tin và Truyền thông",
    "Vụ Kế hoạch - Tài chính",
    "Vụ Tổ chức cán bộ",
    "Vụ Hợp tác quốc tế",
    "Vụ Pháp chế",
    "Vụ Bưu chính",
    "Vụ Khoa học và Công nghệ",
    "Vụ Kinh tế số và Xã hội số",
    "Trung tâm Chứng thực điện tử quốc gia",
    "Trung tâm Internet Việt Nam",
    "Tổng Công ty Truyền thông đa phương tiện VTC",
    "Hội Tin học Việt Nam",
)

# Abbreviations inside names, keyed by the token without diacritics, "&" or "-": "TT&TT", "TTTT"
# and "TT-TT" are all "Thông tin và Truyền thông" (seed 003 "Bộ TTTT", seed 004 "Bộ TT&TT").
ABBREVIATIONS: dict[str, str] = {
    "TTTT": "Thông tin và Truyền thông",
    "TTVATT": "Thông tin và Truyền thông",
    "LDTBXH": "Lao động - Thương binh và Xã hội",
    "KHDT": "Kế hoạch và Đầu tư",
    "PTTHTTDT": "Phát thanh, truyền hình và thông tin điện tử",
    "UBND": "Ủy ban nhân dân",
    "HDND": "Hội đồng nhân dân",
    "TW": "Trung ương",
    "KBNN": "Kho bạc Nhà nước",
    "NHNN": "Ngân hàng Nhà nước",
    "MTTQ": "Mặt trận Tổ quốc",
    "GDDT": "Giáo dục và Đào tạo",
    "TNMT": "Tài nguyên và Môi trường",
    "NNPTNT": "Nông nghiệp và Phát triển nông thôn",
    "GTVT": "Giao thông vận tải",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch",
    "KHCN": "Khoa học và Công nghệ",
    "BCD": "Ban Chỉ đạo",
    "CNTT": "Công nghệ thông tin",
    "TP": "Thành phố",
    "HCCB": "Hội Cựu chiến binh",
}

# Symbol tokens of a số hiệu → the issuer (folded, upper case). "01/CT-BTTTT" is the Ministry's;
# letters carry the issuer first ("2428/BXD-QLN", "4773/TC-CSTC", "710/CP-CN").
SYMBOL_ISSUERS: dict[str, str] = {
    "TTG": "Thủ tướng Chính phủ",
    "CP": "Chính phủ",
    "TW": "Ban Chấp hành Trung ương",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "CTN": "Chủ tịch nước",
    "VPCP": "Văn phòng Chính phủ",
    "TTCP": "Thanh tra Chính phủ",
    "KTNN": "Kiểm toán Nhà nước",
    "TANDTC": "Tòa án nhân dân tối cao",
    "VKSNDTC": "Viện kiểm sát nhân dân tối cao",
    "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "TCTW": "Ban Tổ chức Trung ương",
    "BTGTW": "Ban Tuyên giáo Trung ương",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BTC": "Bộ Tài chính",
    "TC": "Bộ Tài chính",  # letters before 2003: "4773/TC-CSTC"
    "BXD": "Bộ Xây dựng",
    "BLDTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "LDTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BQP": "Bộ Quốc phòng",
    "BCA": "Bộ Công an",
    "BNG": "Bộ Ngoại giao",
    "BNV": "Bộ Nội vụ",
    "BTP": "Bộ Tư pháp",
    "BKHDT": "Bộ Kế hoạch và Đầu tư",
    "BCT": "Bộ Công Thương",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BGTVT": "Bộ Giao thông vận tải",
    "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BGDDT": "Bộ Giáo dục và Đào tạo",
    "BYT": "Bộ Y tế",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "UBDT": "Ủy ban Dân tộc",
}

# Type codes that stand before the issuer in a symbol ("CT" in "01/CT-BTTTT", "NQ" in "18-NQ/TW").
_TYPE_CODES = frozenset(
    ("CT", "QD", "ND", "NQ", "TT", "KH", "KL", "TB", "BC", "HD", "CTR", "CV", "CD", "VBHN", "PL")
    + ("L", "QC", "TTR", "DA", "CTRHD")
)
# A joint circular has several issuers ("16/2006/TTLT/BLĐTBXH-BGD-ĐT-BTC"): none is *the* issuer.
_JOINT_CODES = frozenset({"TTLT", "NQLT"})

# People who act for a body: "Bộ trưởng Bộ Tài chính" is the Ministry, "Chủ tịch Ủy ban nhân dân
# Thành phố Hồ Chí Minh" the People's Committee (dev vb_6711e3512e), "Giám đốc Sở Xây dựng" the
# Department. Folded, so "BỘ TRƯỞNG" and the dictated "Bộ Trường" (seed 004) are caught too.
_PERSON_TITLE = re.compile(
    r"^(?:(?:kt|tl|tm)\.?\s+)?(?:pho\s+)?"
    r"(?:bo truong|thu truong|thu tuong|chu tich|giam doc|chanh van phong|chanh thanh tra|"
    r"vu truong|cuc truong|vien truong|tong giam doc|truong ban|thu truong cac|thu truong)\b\s*"
)
# "Thủ tướng Chính phủ" is itself an issuing authority, not a person acting for "Chính phủ".
_PM = "thu tuong chinh phu"

# Head words of more than one word, so that re-casing capitalises the proper name after the whole
# head: "ủy ban nhân dân thành phố" → "Ủy ban nhân dân Thành phố", not "Ủy Ban …".
_LONG_HEADS: tuple[str, ...] = (
    "uy ban nhan dan",
    "hoi dong nhan dan",
    "ban chi dao",
    "uy ban",
    "hoi dong",
    "van phong",
    "tong cuc",
    "chi cuc",
    "trung tam",
    "kho bac",
    "ngan hang",
    "thanh tra",
    "hoc vien",
    "tong cong ty",
    "mat tran",
    "bo chi huy",
)

# Words that qualify a generic head and stay lower case: "Ủy ban nhân dân cấp xã", "các tỉnh".
_QUALIFIERS = frozenset(
    ("cap", "cac", "tinh", "huyen", "xa", "quan", "phuong", "thi", "co", "lien", "chuc", "nang")
    + ("thuoc", "truc", "tai", "o", "nhan", "dan")
)

# A typo of dictation is at most this many letters off a known name per this many letters:
# "Cục Tần số vô truyến điện" is one letter off "Cục Tần số Vô tuyến điện" (24 letters).
TYPO_LETTERS_PER_EDIT = 12
MAX_TYPO_EDITS = 2

_ABBREVIATION = re.compile(r"(?<![\w&])[A-ZĐ][A-ZĐ&-]*[A-ZĐ](?![\w&])")
_DICTATED_DASH = re.compile(r"\s+gạch\s+ngang\s+", re.IGNORECASE)


def agency_key(name: str) -> str:
    """Comparison key: folded, with the joiners "và", "&", "-" and commas dropped, so that "Bộ
    Kế hoạch và Đầu tư", "bộ kế hoạch gạch ngang đầu tư" and "Bộ Kế hoạch - Đầu tư" agree."""
    text = fold_name(_DICTATED_DASH.sub(" - ", name))
    text = re.sub(r"(?:\s-\s|\bva\b|&)", " ", text)
    return re.sub(r"\s+", " ", text).strip()


_KNOWN_BY_KEY: dict[str, str] = {agency_key(name): name for name in KNOWN_AGENCIES}


def expand_abbreviations(name: str) -> str:
    """``Bộ TT&TT`` → ``Bộ Thông tin và Truyền thông``; ``UBND cấp xã`` → ``Ủy ban nhân dân cấp
    xã``; a whole-name symbol (``BTTTT``) becomes the body it stands for."""
    whole = _squeeze(name.strip())
    if whole in SYMBOL_ISSUERS and whole not in ("CP", "TW", "TC"):
        return SYMBOL_ISSUERS[whole]

    def expand(match: re.Match[str]) -> str:
        return ABBREVIATIONS.get(_squeeze(match.group(0)), match.group(0))

    return _ABBREVIATION.sub(expand, name)


def _squeeze(token: str) -> str:
    return re.sub(r"[&\s-]", "", strip_diacritics(token).upper())


def _edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it is certainly larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _known(key: str) -> str | None:
    found = _KNOWN_BY_KEY.get(key)
    if found or not key:
        return found
    limit = min(MAX_TYPO_EDITS, len(key) // TYPO_LETTERS_PER_EDIT)
    if limit == 0:
        return None
    best: tuple[int, str] | None = None
    for known_key, name in _KNOWN_BY_KEY.items():
        # a typo keeps the head word: "Cục …" is never "Vụ …"
        if known_key.split()[0] != key.split()[0]:
            continue
        distance = _edits(key, known_key, limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, name)
    return best[1] if best else None


def _recase(name: str) -> str:
    """Official casing for a name written all in capitals or all in lower case: the head word
    and the first word of the proper name are capitalised (``CỤC BÁO CHÍ``, ``cục báo chí`` →
    ``Cục Báo chí``); collectives (``Các Bộ, ngành``) start in lower case."""
    words = name.split()
    if not words:
        return name
    if words[0].lower() in ("các", "tất", "những"):
        return name[0].lower() + name[1:]
    letters = [w for w in words[1:] if any(c.isalpha() for c in w)]
    all_caps = name.isupper()
    all_lower = all(w == w.lower() for w in letters)
    if not (all_caps or all_lower):
        return name[0].upper() + name[1:]
    out = [w.lower() for w in words]
    out[0] = out[0].capitalize()
    folded = fold_name(" ".join(out))
    head = next((h for h in _LONG_HEADS if folded == h or folded.startswith(h + " ")), "")
    first = max(1, len(head.split()))
    if len(out) > first and strip_diacritics(out[first]).strip(",;.") not in _QUALIFIERS:
        out[first] = out[first].capitalize()
    return " ".join(out)


@functools.lru_cache(maxsize=4096)
def canonical_agency(name: str) -> str | None:
    """The one name of the body ``name`` designates, or None if nothing is left of it.

    >>> canonical_agency("Bộ TT&TT")
    'Bộ Thông tin và Truyền thông'
    >>> canonical_agency("Bộ trưởng Bộ Lao động - Thương binh và Xã hội")
    'Bộ Lao động - Thương binh và Xã hội'
    >>> canonical_agency("Cục chuyển đối số quốc giá")
    'Cục Chuyển đổi số quốc gia'
    """
    text = clean(name)
    text = _DICTATED_DASH.sub(" - ", text)
    text = re.sub(r"\s+", " ", text).strip(" \t.,;:-–")
    folded = fold_name(text)
    if not folded.startswith(_PM):
        title = _PERSON_TITLE.match(folded)
        if title:
            # drop as many words as the title has: folding keeps word boundaries
            text = " ".join(text.split()[len(title.group(0).split()) :])
    if not text:
        return None
    text = expand_abbreviations(text)
    known = _known(agency_key(text))
    return known or _recase(text)


def agency_id(name: str) -> str:
    """``agency:`` + the folded canonical name (``agency:bo thong tin va truyen thong``)."""
    return f"agency:{fold_name(name)}"


# Every task names its lead and partners: the same few bodies, text after text.
@functools.lru_cache(maxsize=4096)
def agency_node(name: str) -> Agency | None:
    """The :class:`Agency` ``name`` designates (None for a bare title such as ``Bộ trưởng``)."""
    canonical = canonical_agency(name)
    if canonical is None:
        return None
    return Agency(id=agency_id(canonical), name=canonical)


# By symbol: a text's citations and the texts after it cite the same few documents again.
@functools.lru_cache(maxsize=8192)
def issuer_from_number(number: str | None) -> str | None:
    """Who issued a document, read from its symbol; None when the symbol does not say.

    >>> issuer_from_number("749/QĐ-TTg"), issuer_from_number("01/CT-BTTTT")
    ('Thủ tướng Chính phủ', 'Bộ Thông tin và Truyền thông')
    >>> issuer_from_number("18-NQ/TW"), issuer_from_number("24/2023/QH15")
    ('Ban Chấp hành Trung ương', 'Quốc hội')
    >>> issuer_from_number("3210/QĐ-UBND") is None  # which province's committee?
    True
    """
    if not number:
        return None
    tokens = [t for t in re.split(r"[/-]", strip_diacritics(number).upper().replace(" ", "")) if t]
    tokens = [t for t in tokens[1:] if not t.isdigit()]
    for token in tokens:
        if token in _JOINT_CODES:
            return None
        if token in _TYPE_CODES:
            continue
        base = re.sub(r"\d+$", "", token)  # "QH15" → "QH", "UBTVQH11" → "UBTVQH"
        return SYMBOL_ISSUERS.get(token) or SYMBOL_ISSUERS.get(base)
    return None
