"""The words tasks are read by: verbs a task opens with, the markers of a lead, the head words of a
public body, the sentences and sections that are never tasks.

Each table is folded (no diacritics, lower case) unless it says otherwise; a new way of writing
an assignment is a new row. The patterns compiled from them (``*_AT``) match a table's phrase at a
position as whole words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar


def words(table: str) -> tuple[str, ...]:
    """A "|"-separated table of phrases, written over several lines, as a tuple.

    >>> words("chu tri|co trach nhiem|\\n    phu trach")
    ('chu tri', 'co trach nhiem', 'phu trach')
    """
    return tuple(" ".join(w.split()) for w in table.split("|") if w.strip())


def phrases(table: Iterable[str]) -> re.Pattern[str]:
    """One pattern for a table of phrases: the first (in table order) that the text holds at a
    position as whole words ("to chuc" in "to chuc trien khai", not "to" in "tong hop")."""
    # "[^\W_]" is a letter or digit (str.isalnum), which must not continue the phrase
    return re.compile("(?:" + "|".join(re.escape(p) for p in table) + r")(?![^\W_])")


_T = TypeVar("_T")


def by_opening(items: Iterable[tuple[str, _T]]) -> dict[str, list[_T]]:
    """Items by the first two letters of their text, in the order given: ``(text, item)`` pairs.

    A table's alternation tries every entry that opens with the letter at a position, one by one
    (1 µs at a word of a long table); cut by two letters, a position tries only the entries that
    can match there, and the first of them (in table order) that does is the one the whole
    alternation finds.

    >>> by_opening([("chu tri", 1), ("co", 2), ("chiu trach nhiem", 3)])
    {'ch': [1, 3], 'co': [2]}
    """
    groups: dict[str, list[_T]] = {}
    for text, item in items:
        if len(text) < 2:
            raise ValueError(f"{text!r}: an entry is found by its first two letters")
        groups.setdefault(text[:2], []).append(item)
    return groups


def phrases_by_opening(table: Iterable[str]) -> dict[str, re.Pattern[str]]:
    """:func:`phrases` of ``table``, cut by the first two letters of each phrase
    (:func:`by_opening`).

    >>> sorted(phrases_by_opening(["chu tri", "co", "chiu trach nhiem"]))
    ['ch', 'co']
    """
    groups = by_opening((phrase, phrase) for phrase in table)
    return {opening: phrases(group) for opening, group in groups.items()}


# --- verbs and markers ----------------------------------------------------------------------------

# Verbs a task opens with, folded: "Tổ chức đánh giá Chiến lược …", "Tiếp tục triển khai …",
# "Hoàn thành các chỉ tiêu đề ra tại Quyết định 749/QĐ-TTg …" (seed 003).
IMPERATIVES: tuple[str, ...] = words(
    """to chuc|tiep tuc|trien khai|day manh|xay dung|hoan thanh|hoan thien|nghien cuu|tap trung|
    thuc hien|lap|ra soat|chi dao|huong dan|tang cuong|nang cao|phat trien|ban hanh|trinh|de xuat|
    phoi hop|bao dam|dam bao|kiem tra|theo doi|chu dong|khan truong|pho cap|hien dai hoa|
    do luong|thuc day|cung co|sua doi|bo sung|tham muu|quan ly|ho tro|bo tri|niem yet|tong hop|
    bao cao|tham dinh|thanh tra|thanh lap|kien toan|giam sat|don doc|cung cap|tuyen truyen|
    pho bien|quan triet|trang bi|hai hoa|cai thien|cai cach|doi moi|sap xep|thu hut|dao tao|
    boi duong|danh gia|cong bo|xu ly|ngan chan|phong chong|uu tien|tao|dua|mo rong|ket noi|
    chuan bi|tich cuc|nghiem tuc|kip thoi|thuong xuyen|xac dinh|dieu chinh|hoan tat|giai quyet|
    phat dong|huong ung|khuyen khich|tiep nhan|thu thap|so hoa|khao sat|thi diem|
    nhan rong|trao doi|chia se|dam phan|van dong|khai thac|ap dung|tong ket|so ket|khen thuong|
    bieu duong|to chuc trien khai|lam tot|phat huy|duy tri|tuan thu|tham gia|rut ngan|
    tung buoc|hoc tap|trien khai thuc hien|chi dinh|uy quyen|phan bo|quyet toan|thanh toan|
    tam ung|giai ngan|tham van|lay y kien|soan thao|du thao|xay dung va|phe duyet|cap nhat|
    van hanh|nang cap|dau tu|bao ve|dam nhan|nhan manh|yeu cau|de nghi|chu tri|giup|
    tiep tuc|chu trong|day nhanh|de cao|quan tam"""
)
# Verbs that end a subject and make it no doer of a task: a target's ("Phấn đấu tỷ lệ xã, phường,
# thị trấn có đài truyền thanh cơ sở đạt 92%", seed 001; "Bộ TTTT phấn đấu hoàn thành toàn diện kế
# hoạch", seed 003) and a power's ("Ủy ban Thường vụ Quốc hội quyết định sắp xếp …", "Viện trưởng
# Viện kiểm sát nhân dân tối cao quy định cơ cấu tổ chức …", "UBND cấp xã cấp giấy phép xây dựng
# đối với công trình cấp III …", real1k): who decides, prescribes, licenses, approves or appoints.
TARGET_VERBS: tuple[str, ...] = words(
    "phan dau|quyet dinh|quyet nghi|quy dinh|cap giay phep|cap phep|phe duyet|chi dinh"
)

# Where a subject ends: a verb or a word that starts the predicate ("Cục Báo chí | chủ trì",
# "Hội Chữ thập đỏ Việt Nam | căn cứ", "Ủy ban nhân dân cấp xã | có trách nhiệm").
STOP_WORDS: tuple[str, ...] = (
    *IMPERATIVES,
    *words(
        """chu tri|co trach nhiem|chiu trach nhiem|phu trach|can cu|quyet dinh|tien hanh|xem xet|
    phan cong|xet duyet|dong thoi"""
    ),
    *TARGET_VERBS,
)
# One-syllable words that end a subject, matched with their diacritics: folded, "tại" would be
# "tài" and cut "bộ tài chính" short (seed 004).
SHORT_STOPS: tuple[str, ...] = words(
    """gửi|giao|sẽ|cần|phải|đã|đang|được|là|có|nhằm|để|theo|tại|trong|về|khi|nếu|thì|ngoài|
    làm|rút|nộp|tiếp|từ|với|cho|như|bằng|qua|ký|của|giúp"""
)
# Words that look like a predicate and qualify a name: "các cơ quan có liên quan", "cấp tỉnh",
# "các cơ quan, đơn vị, doanh nghiệp trong ngành Thông tin và Truyền thông" (seed 001).
NOT_STOP: tuple[str, ...] = ("co lien quan", "co tham quyen", "cap tinh", "cap huyen", "cap xa")
NOT_STOP += ("cap bo", "trong nganh", "trong toan nganh")

# Words after a subject that do not make it the doer of a task.
NOT_ACTIONS = frozenset(
    words(
        """la|da|dang|duoc|co|cho|voi|nhu|bang|qua|tu|theo|tai|trong|ve|khi|neu|thi|de|nham|
        ngoai|tiep|ky|cua|gui|cap|lam|rut|nop|dong thoi|giao|de nghi|yeu cau|phan cong"""
    )
    + TARGET_VERBS
)
MODALS = frozenset({"se", "can", "phai", "dang"})
PASSIVE_THEN_MARKER = re.compile(
    r"\s*duoc\s+[^,;.]{0,60}?\b(?P<marker>co trach nhiem|chiu trach nhiem)\b"
)
# Verbs that make a body named mid-sentence the doer even after an action verb opened it.
ASSIGNMENT_VERBS = frozenset(
    {"chu tri", "co trach nhiem", "chiu trach nhiem", "phu trach", "khan truong", "chu dong"}
)
# People, not bodies: "Bộ trưởng Nguyễn Mạnh Hùng phát biểu …" (seed 004), "Chủ tịch …".
PERSON = re.compile(
    r"(?:pho\s+)?(?:bo truong|thu truong|thu tuong(?! chinh phu)|chu tich|giam doc|chanh van phong|"
    r"vu truong|cuc truong|vien truong|truong ban|lanh dao)\b"
)

# "X đề nghị / yêu cầu / giao Y làm …": Y leads ("Văn phòng Chính phủ đề nghị quý Bộ khẩn trương
# …", "Phó Thủ tướng … yêu cầu Bộ Lao động - Thương binh và Xã hội khẩn trương …").
# Each word's "\b" checked after its first letter ("d(?<!\wd)e nghi": no word character before
# the "d"), so that the regex engine looks for the words' first letters, not tries every position.
ASSIGNERS = re.compile(
    r"(?:d(?<!\wd)e nghi|y(?<!\wy)eu cau|g(?<!\wg)iao cho|g(?<!\wg)iao|p(?<!\wp)han cong cho|"
    r"p(?<!\wp)han cong)\s+"
)
# Words one of which every match of ASSIGNERS holds: a sentence without any is not searched.
ASSIGNER_WORDS = ("de nghi", "yeu cau", "giao", "phan cong")
NOT_ASSIGNING = re.compile(r"(?:theo|xet|co|cac|duoc|cua|tren co so|nhiem vu)\s+$")

# Strong markers of a lead: where a second one starts, a sentence holds a second task ("Vụ Kế
# hoạch - Tài chính chủ trì … Nghị quyết số 01/NQ-CP và Viện Chiến lược TTTT chủ trì … 02/NQ-CP").
STRONG_MARKERS = ("chu tri", "co trach nhiem", "chiu trach nhiem", "phu trach")

# "Căn cứ …" / "Trên cơ sở …" opening a sentence: it says what the work rests on.
GROUNDED = re.compile(r"(?:can cu|tren co so)\b")
# A leading adverbial before the action verb: "Trong năm 2025, tập trung rà soát …", "Hàng năm,
# …", "Căn cứ …, …" (at most this long).
ADVERBIAL = re.compile(
    r"(?:trong|tu|den|truoc|sau|ngay tu|hang|hang nam|dinh ky|can cu|tren co so|vi vay|"
    r"ngoai ra|tiep theo|dong thoi|ben canh do|doi voi|theo)\b[^,;:]{0,160},\s*"
)

IMPERATIVE_AT = phrases(IMPERATIVES)
STRONG_AT = phrases(STRONG_MARKERS)
NOT_STOP_AT = phrases(NOT_STOP)
# The verbs and the one-syllable stops, longest first, by their first two letters: for
# :func:`loader.tasks.leads.stop_at`, asked at every word of a name.
STOP_BY_OPENING = phrases_by_opening(sorted(set(STOP_WORDS), key=len, reverse=True))
SHORT_STOP_BY_OPENING = phrases_by_opening(SHORT_STOPS)


# --- the names of bodies --------------------------------------------------------------------------

# Head words of a public body, lower case with diacritics, longest first. A lower-case head must
# be a known body ("bộ tài chính" in dictated text) unless a capitalised name follows it.
HEADS: tuple[str, ...] = tuple(
    sorted(
        words(
            """ủy ban nhân dân|hội đồng nhân dân|ban chỉ đạo|ban chấp hành|ủy ban|hội đồng|
        bộ chính trị|bộ chỉ huy|bộ|cục|tổng cục|chi cục|vụ|viện|sở|phòng|văn phòng|ban|hội|
        trung tâm|kho bạc|
        ngân hàng|thanh tra|học viện|quỹ|mặt trận|đoàn|trung ương|tổng công ty|tập đoàn|bưu điện|
        công an|tòa án|chính phủ|quốc hội|thủ tướng chính phủ|kiểm toán nhà nước|đội|liên đoàn|
        thành đoàn|tỉnh ủy|thành ủy|đài|nhà xuất bản|ubnd|hđnd|thường trực"""
        ),
        key=len,
        reverse=True,
    )
)
# Head words matched on the text lower-cased with its diacritics, longest first.
HEAD_AT = phrases(HEADS)
# The same by their first two letters, for :func:`loader.tasks.leads.names_at`.
HEAD_BY_OPENING = phrases_by_opening(HEADS)
# A head followed by one of these is a common noun, not a body: "Hội nghị", "phòng, chống",
# "ban hành", "bộ phận", "sở hữu", "viện dẫn", "đoàn kết", "Bộ luật".
HEAD_NOT_BODY = re.compile(
    r"(?:hoi nghi|hoi thao|hoi cho|hoi vien|phong chong|phong ngua|phong chay|phong hop|"
    r"phong tranh|phong khi|ban hanh|ban dau|ban dem|ban ngay|bo phan|bo may|bo tieu chi|"
    r"bo co so|bo chi so|bo cong cu|bo luat|bo doi|bo ho so|bo du lieu|so huu|so di|so thich|"
    r"vien dan|vien tro|vien phi|doan ket|doan vien|quy dat|quy luong|quy dinh|quy trinh|"
    r"trung uong dang|cong an nhan dan|dai dien|dai hoi|doi ngu|doi tuong|doi voi|doi moi|"
    r"tong cuc truong|cuc bo|vu viec|phong su|phong vien)\b"
)
# Collective subjects: "các cơ quan, tổ chức, đơn vị thuộc ngành TTTT", "các Bộ, ngành, địa
# phương", "các thôn ấp, tổ dân phố" (dev vb_6711e3512e), "tất cả các cơ quan …" (seed 003). The
# nouns of the State's bodies make a class of them that a text can task ("đề nghị các Bộ, ngành,
# địa phương lập danh sách", dev vb_b688a03f15); the generic ones name nobody in particular.
STATE_BODY_NOUNS: tuple[str, ...] = words(
    """bo|so|cuc|vu|vien|ban|nganh|dia phuong|tinh|uy ban|thon|ap|to dan pho|cap uy|chinh quyen|
    quan khu|chi bo|dang bo|truong"""
)
GENERIC_BODY_NOUNS: tuple[str, ...] = words(
    "co quan|don vi|doanh nghiep|to chuc|hoi|hiep hoi|luc luong|doi"
)
_COLLECTIVE_OPENING = r"(?:tat ca |toan bo )?(?:cac|nhung|quy)\s+"
COLLECTIVE = re.compile(
    _COLLECTIVE_OPENING
    + "(?:"
    + "|".join(sorted(STATE_BODY_NOUNS + GENERIC_BODY_NOUNS, key=len, reverse=True))
    + r")\b"
)
# A class of the State's bodies: its first noun is one ("các Bộ, ngành, …"), and it is no
# letter's "quý Bộ" (your ministry: which one, the addressee says).
STATE_CLASS = re.compile(
    r"(?:tat ca |toan bo )?(?:cac|nhung)\s+(?:"
    + "|".join(sorted(STATE_BODY_NOUNS, key=len, reverse=True))
    + r")\b"
)
# Words that continue a collective after a comma: "các Bộ, ngành, địa phương, đơn vị".
CONTINUATIONS = re.compile(
    r"(?:nganh|dia phuong|don vi|co quan|to chuc|doanh nghiep|to dan pho|phuong|thi tran|huyen|"
    r"xa|quan doi|quan|thanh pho|tinh|hoi|hiep hoi|doan the|cap)\b"
)
# Deictic leads a letter uses for its addressee: "quý Bộ" (dev vb_c7f265f894), "các địa phương"
# in a letter to "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương" (dev vb_8c4197cb3e).
DEICTIC = re.compile(r"^(?:quy\s+(?P<head>\w+(?:\s\w+)?)|(?:cac\s+)?(?P<local>dia phuong))$")


# --- what is never a task -------------------------------------------------------------------------

# Sentences that look like assignments and are not: the enacting clause of a decision ("Chánh
# Văn phòng …, Giám đốc Sở … chịu trách nhiệm thi hành Quyết định này"), entry into force, the
# closing "nếu có khó khăn, vướng mắc … phản ánh về Bộ Tài chính", "Trên đây là Kế hoạch …".
BOILERPLATE = re.compile(
    r"\bthi hanh (?:quyet dinh|thong tu|nghi dinh|chi thi|nghi quyet|van ban|luat|ke hoach|"
    r"cong van)(?: lien tich)? nay\b"
    r"|\bco hieu luc(?: thi hanh)?(?: ke)? tu\b"
    r"|\b(?:neu|khi) co (?:phat sinh|kho khan|vuong mac)"
    r"|^\W*tren day la\b"
    r"|\.{4,}|…{2,}",  # a blank to fill in: "đối với ông (bà):………… theo quy định"
)
# Words one of which every match of BOILERPLATE holds: a sentence without any is not searched.
_BOILERPLATE_WORDS: tuple[str, ...] = ("thi hanh", "hieu luc", "phat sinh", "kho khan")
_BOILERPLATE_WORDS += ("vuong mac", "tren day la", "....", "……")


def boilerplate(low: str, hints: tuple[str, ...] = _BOILERPLATE_WORDS) -> bool:
    """Whether a folded lower-case sentence is an enacting, entry-into-force or closing clause.
    ``hints``: the words of :func:`boilerplate_hints` of the text the sentence is part of.

    >>> boilerplate("quyet dinh nay co hieu luc ke tu ngay ky.")
    True
    """
    # a loop, not ``any`` over a generator: asked of every sentence
    for w in hints:
        if w in low:
            return BOILERPLATE.search(low) is not None
    return False


def boilerplate_hints(low: str) -> tuple[str, ...]:
    """The words of boilerplate that the folded lower-case text ``low`` holds: a sentence of it
    holds no others, and most texts hold one or two."""
    return tuple(w for w in _BOILERPLATE_WORDS if w in low)


# Sections whose sentences state aims, not work: "A. MỤC ĐÍCH, YÊU CẦU" (dev vb_01f9b82b1d).
NOT_TASK_SECTION = re.compile(
    r"^\W*(?:muc dich|yeu cau|quan diem|muc tieu|tinh hinh|ket qua|danh gia|boi canh|"
    r"pham vi|doi tuong|giai thich)\b"
)
# A sub-block that holds a section's tasks ("* Nhiệm vụ năm 2025 và định hướng đến năm 2026"):
# the paragraphs before it describe the field ("Bưu chính đang từng bước khẳng định …").
TASK_BLOCK = re.compile(r"^\W*(?:nhiem vu|giai phap|to chuc (?:trien khai )?thuc hien)\b")
