"""Stage 6, tasks: the action items a directive, plan or meeting conclusion assigns.

For each task: its text, section and field (from the heading), lead agency ("X chủ trì"),
partners ("phối hợp với Y, Z"), deadline, and DEPENDS_ON edges to every document it cites.

Where tasks come from depends on what the text is (:data:`IMPERATIVE_TYPES`):

- a directive, plan, conclusion or announcement assigns work sentence by sentence: under "*
  Nhiệm vụ năm 2025 …" (seeds 000, 003) every sentence that opens with an action verb ("Tổ chức
  đánh giá …", "Tiếp tục triển khai …") is a task, with or without a named lead;
- any text (a letter, a press report, a circular's "Tổ chức thực hiện") assigns work where it
  names who does it: "Cục Báo chí chủ trì xây dựng …" (seed 004), "Bộ Quốc phòng: Chủ trì, phối
  hợp với …", "Ủy ban nhân dân cấp xã có trách nhiệm …", "đề nghị quý Bộ khẩn trương …", a section
  headed by an agency ("2. Bộ Quốc phòng", "1.1. Ủy ban nhân dân Thành phố:"), a plan's "Cơ quan
  chủ trì" block, or a list introduced by "… đề nghị Ủy ban nhân dân các tỉnh thực hiện một số
  nội dung sau đây:".

A sentence that names no document of its own but belongs to a list introduced by one that does
rests on what the introduction cites; in a letter, on what the letter's context cites ("Văn
phòng Chính phủ đề nghị quý Bộ khẩn trương có báo cáo …" after "… văn bản số 349/TB-VPCP …").
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from graph.identity import strip_diacritics
from graph.model import DOC_TYPE_TABLE, Agency, Document, Edge, Task, TaskEdgeType
from loader.agencies import (
    KNOWN_AGENCIES,
    agency_key,
    agency_node,
    issuer_from_number,
)
from loader.find import fold_for_scan, fold_sentences
from loader.parse import ParsedText, Section
from loader.relate import Citations, CitedSpan

T = TaskEdgeType


@dataclass(slots=True)
class TaskExtraction:
    """Tasks of one text, the agencies they name, and their edges (HAS_TASK from the text's own
    document, DEPENDS_ON to cited documents, LED_BY / SUPPORTED_BY to agencies, ISSUED_BY from the
    document to its issuer)."""

    tasks: list[Task] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


# --- what kind of text assigns what ---------------------------------------------------------------

# Where a text's tasks are (graph.model.DocType.tasks). Texts whose body is a list of things to
# do: a sentence opening with an action verb is a task.
IMPERATIVE_TYPES = frozenset(row.code for row in DOC_TYPE_TABLE if "imperative" in row.tasks)
# Letters chase or hand out work and lean on what they cite ("đề nghị quý Bộ khẩn trương có báo
# cáo về tình hình thực hiện ý kiến chỉ đạo …" rests on the 349/TB-VPCP named just before).
LETTER_TYPES = frozenset(row.code for row in DOC_TYPE_TABLE if "letter" in row.tasks)
# Acts whose articles are law, not work: only an article about who implements them ("Trách nhiệm
# của …", "Tổ chức thực hiện") assigns tasks; a circular or a decision assigns in any article.
STATUTE_TYPES = frozenset(row.code for row in DOC_TYPE_TABLE if "statute" in row.tasks)
_STATUTE_TASK_ARTICLE = re.compile(r"trach nhiem|to chuc thuc hien|trien khai thuc hien")

# Confidence of each way a task's lead was found.
CONFIDENCE: dict[str, float] = {
    "subject": 0.9,  # "Cục Báo chí chủ trì …"
    "label": 0.9,  # "Bộ Quốc phòng: Chủ trì …"
    "assigned": 0.85,  # "đề nghị quý Bộ khẩn trương …"
    "heading": 0.85,  # "2. Bộ Quốc phòng" over the paragraph
    "block": 0.8,  # a plan's "Cơ quan chủ trì" block
    "lead_in": 0.8,  # "… đề nghị UBND các tỉnh thực hiện một số nội dung sau đây:"
    "none": 0.7,  # an imperative sentence of a directive, nobody named
    "depends": 0.9,  # a document cited inside the task
    "context": 0.6,  # a document its introduction or letter cites
    "issuer_named": 0.9,  # "Cơ quan ban hành: Bộ Thông tin và Truyền thông"
    "issuer_symbol": 0.8,  # "749/QĐ-TTg" → Thủ tướng Chính phủ
}

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


def _boilerplate(low: str) -> bool:
    return any(w in low for w in _BOILERPLATE_WORDS) and BOILERPLATE.search(low) is not None


# Sections whose sentences state aims, not work: "A. MỤC ĐÍCH, YÊU CẦU" (dev vb_01f9b82b1d).
NOT_TASK_SECTION = re.compile(
    r"^\W*(?:muc dich|yeu cau|quan diem|muc tieu|tinh hinh|ket qua|danh gia|boi canh|"
    r"pham vi|doi tuong|giai thich)\b"
)
# A sub-block that holds a section's tasks ("* Nhiệm vụ năm 2025 và định hướng đến năm 2026"):
# the paragraphs before it describe the field ("Bưu chính đang từng bước khẳng định …").
TASK_BLOCK = re.compile(r"^\W*(?:nhiem vu|giai phap|to chuc (?:trien khai )?thuc hien)\b")

# Lines after which the body is over (web-page chrome), and lines that are never tasks: the
# distribution list "Nơi nhận: …" may be followed by an attached plan (dev vb_6711e3512e).
_END_OF_BODY = re.compile(r"^\W*(?:download|van ban khac lien quan|tin lien quan)\b")
_NOT_BODY_LINE = re.compile(r"^\W*(?:noi nhan|kinh gui)\b")
# Where an act's forms begin ("MẪU SỐ: 01", "Phụ lục số 1"): the "Đề nghị các cơ quan chức năng
# xem xét …" of a blank form (dev vb_032a81c57e) is the applicant's, not a task. A directive's
# annex of tasks is a table, read nowhere here.
_FORMS = re.compile(r"^\W*(?:mau so|mau \d|phu luc)\b")


# --- words --------------------------------------------------------------------------------------


def _words(table: str) -> tuple[str, ...]:
    """A "|"-separated table of phrases, written over several lines, as a tuple."""
    return tuple(" ".join(w.split()) for w in table.split("|") if w.strip())


# Verbs a task opens with, folded: "Tổ chức đánh giá Chiến lược …", "Tiếp tục triển khai …",
# "Hoàn thành các chỉ tiêu đề ra tại Quyết định 749/QĐ-TTg …" (seed 003).
IMPERATIVES: tuple[str, ...] = _words(
    """to chuc|tiep tuc|trien khai|day manh|xay dung|hoan thanh|hoan thien|nghien cuu|tap trung|
    thuc hien|lap|ra soat|chi dao|huong dan|tang cuong|nang cao|phat trien|ban hanh|trinh|de xuat|
    phoi hop|bao dam|dam bao|kiem tra|theo doi|chu dong|khan truong|pho cap|hien dai hoa|
    do luong|thuc day|cung co|sua doi|bo sung|tham muu|quan ly|ho tro|bo tri|niem yet|tong hop|
    bao cao|tham dinh|thanh tra|thanh lap|kien toan|giam sat|don doc|cung cap|tuyen truyen|
    pho bien|quan triet|trang bi|hai hoa|cai thien|cai cach|doi moi|sap xep|thu hut|dao tao|
    boi duong|danh gia|cong bo|xu ly|ngan chan|phong chong|uu tien|tao|dua|mo rong|ket noi|
    chuan bi|tich cuc|nghiem tuc|kip thoi|thuong xuyen|xac dinh|dieu chinh|hoan tat|giai quyet|
    phat dong|huong ung|phan dau|khuyen khich|tiep nhan|thu thap|so hoa|khao sat|thi diem|
    nhan rong|trao doi|chia se|dam phan|van dong|khai thac|ap dung|tong ket|so ket|khen thuong|
    bieu duong|to chuc trien khai|lam tot|phat huy|duy tri|tuan thu|tham gia|rut ngan|
    tung buoc|hoc tap|trien khai thuc hien|chi dinh|uy quyen|phan bo|quyet toan|thanh toan|
    tam ung|giai ngan|tham van|lay y kien|soan thao|du thao|xay dung va|phe duyet|cap nhat|
    van hanh|nang cap|dau tu|bao ve|dam nhan|nhan manh|yeu cau|de nghi|chu tri|giup|
    tiep tuc"""
)

# Where a subject ends: a verb or a word that starts the predicate ("Cục Báo chí | chủ trì",
# "Hội Chữ thập đỏ Việt Nam | căn cứ", "Ủy ban nhân dân cấp xã | có trách nhiệm").
STOP_WORDS: tuple[str, ...] = (
    *IMPERATIVES,
    *_words(
        """chu tri|co trach nhiem|chiu trach nhiem|phu trach|can cu|quyet dinh|tien hanh|xem xet|
    phan cong|xet duyet|dong thoi"""
    ),
)
# One-syllable words that end a subject, matched with their diacritics: folded, "tại" would be
# "tài" and cut "bộ tài chính" short (seed 004).
SHORT_STOPS: tuple[str, ...] = _words(
    """gửi|giao|sẽ|cần|phải|đã|đang|được|là|có|nhằm|để|theo|tại|trong|về|khi|nếu|thì|ngoài|
    làm|rút|nộp|tiếp|từ|với|cho|như|bằng|qua|ký|của|giúp"""
)
_NOT_STOP = ("co lien quan", "co tham quyen", "cap tinh", "cap huyen", "cap xa", "cap bo")

# Words after a subject that do not make it the doer of a task.
NOT_ACTIONS = frozenset(
    _words(
        """la|da|dang|duoc|co|cho|voi|nhu|bang|qua|tu|theo|tai|trong|ve|khi|neu|thi|de|nham|
        ngoai|tiep|ky|cua|gui|cap|lam|rut|nop|dong thoi|giao|de nghi|yeu cau|phan cong"""
    )
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
ASSIGNERS = re.compile(r"\b(?:de nghi|yeu cau|giao cho|giao|phan cong cho|phan cong)\s+")
# Words one of which every match of ASSIGNERS holds: a sentence without any is not searched.
_ASSIGNER_WORDS = ("de nghi", "yeu cau", "giao", "phan cong")
_NOT_ASSIGNING = re.compile(r"(?:theo|xet|co|cac|duoc|cua|tren co so|nhiem vu)\s+$")

# Strong markers of a lead: where a second one starts, a sentence holds a second task ("Vụ Kế
# hoạch - Tài chính chủ trì … Nghị quyết số 01/NQ-CP và Viện Chiến lược TTTT chủ trì … 02/NQ-CP").
STRONG_MARKERS = ("chu tri", "co trach nhiem", "chiu trach nhiem", "phu trach")

# Head words of a public body, lower case with diacritics, longest first. A lower-case head must
# be a known body ("bộ tài chính" in dictated text) unless a capitalised name follows it.
HEADS: tuple[str, ...] = tuple(
    sorted(
        _words(
            """ủy ban nhân dân|hội đồng nhân dân|ban chỉ đạo|ban chấp hành|ủy ban|hội đồng|
        bộ chính trị|bộ chỉ huy|bộ|cục|tổng cục|chi cục|vụ|viện|sở|phòng|văn phòng|ban|hội|
        trung tâm|kho bạc|
        ngân hàng|thanh tra|học viện|quỹ|mặt trận|đoàn|trung ương|tổng công ty|tập đoàn|bưu điện|
        công an|tòa án|chính phủ|quốc hội|thủ tướng chính phủ|kiểm toán nhà nước|đội|liên đoàn|
        thành đoàn|tỉnh ủy|thành ủy|đài|nhà xuất bản|ubnd|hđnd"""
        ),
        key=len,
        reverse=True,
    )
)
# A head followed by one of these is a common noun, not a body: "Hội nghị", "phòng, chống",
# "ban hành", "bộ phận", "sở hữu", "viện dẫn", "đoàn kết", "Bộ luật".
_HEAD_NOT_BODY = re.compile(
    r"(?:hoi nghi|hoi thao|hoi cho|hoi vien|phong chong|phong ngua|phong chay|phong hop|"
    r"phong tranh|phong khi|ban hanh|ban dau|ban dem|ban ngay|bo phan|bo may|bo tieu chi|"
    r"bo co so|bo chi so|bo cong cu|bo luat|bo doi|bo ho so|bo du lieu|so huu|so di|so thich|"
    r"vien dan|vien tro|vien phi|doan ket|doan vien|quy dat|quy luong|quy dinh|quy trinh|"
    r"trung uong dang|cong an nhan dan|dai dien|dai hoi|doi ngu|doi tuong|doi voi|doi moi|"
    r"tong cuc truong|cuc bo|vu viec|phong su|phong vien)\b"
)
# Collective subjects: "các cơ quan, tổ chức, đơn vị thuộc ngành TTTT", "các Bộ, ngành, địa
# phương", "các thôn ấp, tổ dân phố" (dev vb_6711e3512e), "tất cả các cơ quan …" (seed 003).
COLLECTIVE = re.compile(
    r"(?:tat ca |toan bo )?(?:cac|nhung|quy)\s+(?:co quan|don vi|dia phuong|doanh nghiep|"
    r"to chuc|nganh|bo|so|cuc|vu|vien|hoi|ban|thon|ap|to dan pho|cap uy|chinh quyen|tinh|"
    r"quan khu|doi|uy ban|truong|hiep hoi|chi bo|dang bo|luc luong)\b"
)
# Words that continue a collective after a comma: "các Bộ, ngành, địa phương, đơn vị".
CONTINUATIONS = re.compile(
    r"(?:nganh|dia phuong|don vi|co quan|to chuc|doanh nghiep|to dan pho|phuong|thi tran|huyen|"
    r"xa|quan doi|quan|thanh pho|tinh|hoi|hiep hoi|doan the|cap)\b"
)
# A subject is a name, not a clause: longest real one (dev vb_01f9b82b1d) "các Bộ, ngành, địa
# phương, đơn vị, Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam, Trung ương Hội Cựu chiến binh Việt
# Nam" has 24 words.
MAX_ITEM_WORDS = 14
MAX_SUBJECT_WORDS = 30
# An inline label "Các hội, hiệp hội, tổ chức hoạt động trong lĩnh vực TTTT: Đề cao …" (seed 003).
MAX_LABEL_WORDS = 16

# Deictic leads a letter uses for its addressee: "quý Bộ" (dev vb_c7f265f894), "các địa phương"
# in a letter to "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương" (dev vb_8c4197cb3e).
DEICTIC = re.compile(r"^(?:quy\s+(?P<head>\w+(?:\s\w+)?)|(?:cac\s+)?(?P<local>dia phuong))$")
_ADDRESSEE = re.compile(r"Kính gửi\s*:?\s*\|?\s*:?\s*\|?(?P<to>[^\n]+)", re.IGNORECASE)

_PARTNERS = re.compile(r"\bphoi\s+(?:voi\s+)?hop(?:\s+chat\s+che)?(?:\s+voi)?\s+")
_FIELD = re.compile(
    r"\W*(?:(?:trong|ve|doi voi|tai)\s+)?linh vuc\s+(?P<field>[^,.;:]{2,80}?)\s*[,:]"
)
_FIELD_HEADING = re.compile(r"^\W*(?:ve\s+)?(?:linh vuc|cong tac|nganh)\s+(?P<field>.+)$")
GROUNDED = re.compile(r"(?:can cu|tren co so)\b")
# A leading adverbial before the action verb: "Trong năm 2025, tập trung rà soát …", "Hàng năm,
# …", "Căn cứ …, …" (at most this long).
_ADVERBIAL = re.compile(
    r"(?:trong|tu|den|truoc|sau|ngay tu|hang|hang nam|dinh ky|can cu|tren co so|vi vay|"
    r"ngoai ra|tiep theo|dong thoi|ben canh do|doi voi|theo)\b[^,;:]{0,160},\s*"
)
_BULLET = re.compile(
    r"^(?:[-+•–*]\s*|[a-zđ]\)\s*|\(?[a-zđ]\)\s*|\d{1,2}(?:\.\d{1,2})*(?:\.[a-zđ])?\.\s*|"
    r"\d{1,2}(?:\.\d{1,2})+\s+|[IVX]{1,5}\.\s+|[A-HJ-UWYZĐ]\.\s+)"
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)]*\s+(?=[\"“(\-+]?[A-ZÀ-ỸĐ0-9])")
_RESPONSIBLE = re.compile(
    r"^\W*(?:[a-dđ]\)\s*)?(?:(?:co quan|don vi)\s+)?(?P<role>chu tri|phoi hop|thuc hien)"
    r"(?:\s*,\s*(?:phoi hop|thuc hien))?(?:\s+thuc hien)?\s*(?::\s*(?P<rest>.*))?$"
)
_DEADLINE_LABEL = re.compile(
    r"\b(?:thoi han(?: hoan thanh| thuc hien)?|thoi gian(?: thuc hien| hoan thanh| hoan tat)|"
    r"tien do(?: thuc hien)?)\s*:\s*(?P<value>[^\n]+?)\s*\.?\s*$"
)
# (kind, words one of which every match holds, pattern): a sentence without the words is not
# searched, and most sentences name no deadline.
_DUE_PATTERNS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    (
        "date",
        ("truoc", "cham nhat", "han"),
        re.compile(
            r"(?:truoc|cham nhat(?: la)?|han chot|han)\s+(?:ngay\s+)?(?P<d>\d{1,2})\s*[/.-]\s*"
            r"(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d\d)\b"
        ),
    ),
    (
        "date",
        ("truoc", "cham nhat"),
        re.compile(
            r"(?:truoc|cham nhat(?: la)?)\s+ngay\s+(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})"
            r"\s+nam\s+(?P<y>(?:19|20)\d\d)\b"
        ),
    ),
    (
        "quarter",
        ("quy",),
        re.compile(r"\bquy\s+(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|\s+nam\s+)(?P<y>\d{4,5})"),
    ),
    ("week", ("tuan",), re.compile(r"\btuan\s+(?P<w>\d{1,2})\s+(?:nam\s+)?(?P<y>\d{4,5})\b")),
    (
        "month",
        ("thang",),
        re.compile(
            r"(?<!ngay )(?<!\d )\bthang\s+(?P<m>\d{1,2})\s*(?:/|\s+nam\s+)(?P<y>(?:19|20)\d\d)"
        ),
    ),
    ("year", ("nam",), re.compile(r"\b(?:trong|het|cuoi)\s+nam\s+(?P<y>(?:19|20)\d\d)\b")),
)
# Words one of which every match of _DEADLINE_LABEL holds, besides its colon.
_DEADLINE_WORDS = ("thoi han", "thoi gian", "tien do")


def _deadline_label(low: str) -> re.Match[str] | None:
    if ":" not in low or not any(w in low for w in _DEADLINE_WORDS):
        return None
    return _DEADLINE_LABEL.search(low)


def _due_match(low: str) -> tuple[str, re.Match[str]] | None:
    """The first kind of deadline ``low`` states, and where."""
    for kind, words, pattern in _DUE_PATTERNS:
        if any(w in low for w in words):
            m = pattern.search(low)
            if m:
                return kind, m
    return None


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# Characters a heading's number may take before its text: "**Điều 12.** ", "2.1.3.4. ".
HEADING_NUMBER_MAX = 40
TASK_TEXT_MAX = 1500  # characters of a task's text kept on the node
EVIDENCE_MAX = 300


# --- the text, folded once ------------------------------------------------------------------------


def _lower(folded: str) -> str:
    """``folded`` in lower case, character by character, so that it keeps its length."""
    low = folded.lower()
    # "İ" lowers to two characters (it keeps its case); "Σ" lowers by context in a whole string
    if len(low) != len(folded) or "Σ" in folded:
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    return low


def _text_fold(text: str) -> str:
    """:func:`fold_for_scan` of a whole text, rebuilt from :func:`fold_sentences`, which find and
    relate have just computed (and cached) for it: the two differ only where a line end of
    ``text`` became a space. Folding anew costs a dictionary look-up per character; this costs
    one slice per line."""
    joined = fold_sentences(text)
    if joined.count("\n") == text.count("\n"):
        return joined  # no wrapped line was joined
    parts: list[str] = []
    pos = 0
    for line in text.split("\n"):
        parts.append(joined[pos : pos + len(line)])
        pos += len(line) + 1
    return "\n".join(parts)


class _Text:
    """The text and its folded lower-case twin (same length), for matching rules. ``folded`` is
    :func:`fold_for_scan` of ``text``, if the caller has it."""

    def __init__(self, text: str, folded: str | None = None) -> None:
        self.text = text
        self.low = _lower(fold_for_scan(text) if folded is None else folded)
        lowered = text.lower().replace("uỷ", "ủy").replace("hoà", "hòa")
        self.lowered = lowered if len(lowered) == len(text) else text
        # the predicate word at a position, once read: a list's words are read again by each
        # clause that reaches them
        self.stops: dict[int, str | None] = {}

    def words(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        for match in _LABEL_WORD.finditer(self.low, start, end):
            yield match.start(), match.end()

    def folded(self, start: int, end: int) -> str:
        """``strip_diacritics(text[start:end]).lower()``, read off ``low`` when that is ASCII."""
        low = self.low[start:end]
        return low if low.isascii() else strip_diacritics(self.text[start:end]).lower()


_LABEL_WORD = re.compile(r"[^\s,;:.()\"“”]+")


def _fold_lower(text: str) -> str:
    """``strip_diacritics(text).lower()`` in one ``str.translate`` for the usual text.

    The scan fold maps every precomposed Latin letter, dash and no-break space exactly as
    :func:`strip_diacritics` does (each letter is its own NFC form and composes with nothing
    after it), so where it leaves only ASCII the two agree; anything else (a combining mark
    of NFD text, "⁄", "“") takes the slow, exact way.
    """
    low = fold_for_scan(text).lower()
    return low if low.isascii() else strip_diacritics(text).lower()


# One alternation, longest name first: the regex engine tries the names in order at a position,
# as a loop over one pattern per name would, without a Python call per name.
_KNOWN = re.compile(
    "|".join(
        r"(?:[\s,&-]|\bva\b|\bgach ngang\b)+".join(re.escape(w) for w in agency_key(name).split())
        + r"\b"
        for name in sorted(KNOWN_AGENCIES, key=len, reverse=True)
    )
)


def _phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern for a table of phrases: the first (in table order) that the text holds at a
    position as whole words ("to chuc" in "to chuc trien khai", not "to" in "tong hop")."""
    # "[^\W_]" is a letter or digit (str.isalnum), which must not continue the phrase
    return re.compile("(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![^\W_])")


_IMPERATIVE_AT = _phrases(IMPERATIVES)
_STRONG_AT = _phrases(STRONG_MARKERS)
_NOT_STOP_AT = _phrases(_NOT_STOP)
_STOP_AT = _phrases(sorted(set(STOP_WORDS), key=len, reverse=True))
_SHORT_STOP_AT = _phrases(SHORT_STOPS)
# Head words matched on the text lower-cased with its diacritics, longest first.
_HEAD_AT = _phrases(HEADS)


# The first word (folded) of every way a body's name can start: a collective ("tất cả các …",
# "các Bộ"), a head word ("Ủy ban", "Sở"), a known body ("Bộ Tài chính"). Where none starts,
# no name does, and most clause openings ("đồng thời, …", "trong đó …") are let go at once.
# Sound on ``low`` for heads matched on ``lowered``: each of their letters folds the same from
# either case ("Ủ"/"ủ" → "u").
_BODY_HINT = re.compile(
    "|".join(
        sorted(
            {"tat", "toan", "cac", "nhung", "quy"}
            | {fold_for_scan(h).split()[0] for h in HEADS}
            | {agency_key(name).split()[0] for name in KNOWN_AGENCIES},
            key=len,
            reverse=True,
        )
    )
)


# Where a list of names can start: spaces, then a body's first word.
_NAME_HINT = re.compile(r" *(?:" + _BODY_HINT.pattern + ")")


def _starts_with(low: str, pos: int, phrases: re.Pattern[str]) -> str | None:
    m = phrases.match(low, pos)
    return m.group(0) if m else None


def _head_at(t: _Text, pos: int) -> int | None:
    """End of a body's head word at ``pos`` ("Cục", "Ủy ban nhân dân", "các cơ quan"), or None."""
    if not _BODY_HINT.match(t.low, pos) or PERSON.match(t.low, pos):
        return None
    collective = COLLECTIVE.match(t.low, pos)
    if collective:
        noun = t.low.rfind(" ", pos, collective.end() - 1) + 1
        return None if _HEAD_NOT_BODY.match(t.low, noun) else collective.end()
    head = _HEAD_AT.match(t.lowered, pos)
    if head is None:
        return None
    end = head.end()
    if _HEAD_NOT_BODY.match(t.low, pos):
        return None
    capital = t.text[pos].isupper()
    after = _NEXT_WORD.match(t.text, end, end + 3)
    named = bool(after and after.group(1).isupper())
    if capital or named:
        return end
    # dictated copy writes "bộ tài chính": a known body, ending where the predicate starts
    known = _known_at(t, pos)
    if known is not None:
        gap = _SPACES_COMMAS.match(t.low, known)
        nxt = gap.end() if gap else known
        if nxt >= len(t.low) or t.low[nxt] in ".;:)" or _stop_at(t, nxt):
            return end
    return None


_NEXT_WORD = re.compile(r"\s+(\S)")
_SPACES_COMMAS = re.compile(r"[\s,]*")


def _known_at(t: _Text, pos: int) -> int | None:
    match = _KNOWN.match(t.low, pos) if _BODY_HINT.match(t.low, pos) else None
    return match.end() if match else None


@dataclass(frozen=True, slots=True)
class _Names:
    """Agency names found at a position: each item's span, and where the phrase ends."""

    items: tuple[tuple[int, int], ...]
    end: int


def _stop_at(t: _Text, pos: int) -> str | None:
    """The folded predicate word starting at ``pos``, if one does ("chu tri", "co", "tai")."""
    if pos in t.stops:
        return t.stops[pos]
    found: str | None = None
    if not (t.text[pos : pos + 1].isupper() or _starts_with(t.low, pos, _NOT_STOP_AT)):
        found = _starts_with(t.low, pos, _STOP_AT)
        if not found:
            short = _starts_with(t.lowered, pos, _SHORT_STOP_AT)
            found = strip_diacritics(short) if short else None
    t.stops[pos] = found
    return found


# Heads that name a body on their own: "Bộ cần lập chương trình hành động" (the Ministry),
# "Chính phủ", "các địa phương".
_BARE_BODIES = frozenset(
    {"bo", "chinh phu", "quoc hoi", "thu tuong chinh phu", "kiem toan nha nuoc", "ubnd"}
)


def _bare_head_is_body(t: _Text, start: int, end: int) -> bool:
    words = t.low[start:end].strip()
    return (
        words in _BARE_BODIES
        or COLLECTIVE.fullmatch(words) is not None
        or _known_at(t, start) is not None
    )


def _skip_spaces(low: str, pos: int, limit: int) -> int:
    while pos < limit and low[pos] == " ":
        pos += 1
    return pos


_WORD = re.compile(r"[^\s,;:.()\"“”!?]+")
_JOINER = re.compile(r"(?:va|gach ngang)\s+")
_SEPARATOR = re.compile(r"\s*(?:,|;|\bva\b|\bgach ngang\b)\s*")


def _names(t: _Text, pos: int, limit: int, label: bool = False) -> _Names | None:
    """The agency phrase starting at ``pos``: "Bộ Quốc phòng", "các Bộ, ngành, địa phương, đơn
    vị, Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "Sở Lao động - Thương binh và Xã hội, Sở
    Tài chính". A name runs to the first lower-case predicate word ("chủ trì", "có trách
    nhiệm", "tại"). None if no body is named at ``pos``."""
    low = t.low
    if not _NAME_HINT.match(low, pos):
        return None  # no body's name starts here
    items: list[tuple[int, int]] = []
    p = pos
    joined = False  # this item continues the previous one: "các Bộ, | ngành"
    most = MAX_LABEL_WORDS if label else MAX_ITEM_WORDS
    while True:
        p = _skip_spaces(low, p, limit)
        start = p
        head_end = _head_at(t, p)
        known_end = _known_at(t, p)
        if head_end is None and known_end is None:
            cont = CONTINUATIONS.match(low, p) if items else None
            if cont is None:
                break
            if _stop_at(t, p) and _stop_at(t, _skip_spaces(low, cont.end(), limit)):
                break  # "các thôn ấp, tổ dân phố, | tổ chức phổ biến …": a verb, not a body
            head_end, joined = cont.end(), True
        p = last = max(head_end or p, known_end or p)
        words = 0
        while p < limit:
            ch = low[p]
            if ch == " ":
                p += 1
                continue
            if ch in ',;:()"“”\n?!' or (ch == "." and not low[p + 1 : p + 2].isdigit()):
                break
            joiner = _JOINER.match(low, p, limit)
            if joiner:
                nxt = joiner.end()
                if _head_at(t, nxt) is not None or _known_at(t, nxt) is not None:
                    break  # "Thanh tra Bộ | và các đơn vị liên quan"
                if _stop_at(t, nxt):
                    break
                p = nxt
                continue
            if not label and _stop_at(t, p):
                break
            word = _WORD.match(low, p)
            p = last = word.end() if word else p + 1
            words += 1
            if words > most:
                return None if not items else _Names(tuple(items), items[-1][1])
        if joined and items:
            items[-1] = (items[-1][0], last)
        elif last > start and (words or _bare_head_is_body(t, start, last)):
            items.append((start, last))
        elif not items:
            return None  # "Thanh tra, kiểm tra, xử lý …": a verb that looks like a head
        joined = False
        if sum(len(t.text[a:b].split()) for a, b in items) > MAX_SUBJECT_WORDS:
            return None
        sep = _SEPARATOR.match(low, last, limit)
        if not sep:
            break
        nxt = sep.end()
        if (
            _head_at(t, nxt) is None
            and _known_at(t, nxt) is None
            and CONTINUATIONS.match(low, nxt) is None
        ):
            break
        p = nxt
    if not items:
        return None
    return _Names(tuple(items), items[-1][1])


_BEFORE_VERB = re.compile(r"[\s.…]*,?\s*")


def _verb_follows(t: _Text, pos: int, limit: int) -> str | None:
    """The action verb right after a subject ending at ``pos`` (a stray comma allowed): "Cục Báo
    chí | chủ trì". A copula or a past tense is not an assignment ("Bộ TT&TT sẽ là Bộ làm mẫu",
    "Các doanh nghiệp đã có hợp tác …"); a modal counts when an action follows ("sẽ phối hợp")."""
    # a subject's name may run past ``limit`` ("… Bộ Tài | chính"): then nothing is skipped
    gap = _BEFORE_VERB.match(t.low, pos, limit)
    p = gap.end() if gap else pos
    verb = _stop_at(t, p)
    if verb in MODALS:
        nxt = p + len(verb) + 1
        action = _starts_with(t.low, nxt, _IMPERATIVE_AT) or _starts_with(t.low, nxt, _STRONG_AT)
        return action
    if verb in NOT_ACTIONS:
        return None
    return verb


# --- leads ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lead:
    names: tuple[str, ...]
    how: str  # a key of CONFIDENCE
    start: int = 0
    end: int = 0


def _clause_starts(t: _Text, start: int, end: int) -> Iterator[int]:
    yield start
    for match in _CLAUSE.finditer(t.low, start, end):
        yield match.end()


# "\s+va" starts only at a run's first space: from every space of a long run (text copied out of a
# PDF) it would rescan the run each time.
_CLAUSE = re.compile(r"(?:[,;]\s+|(?<!\s)\s+va\s+|:\s+)")


def _explicit_lead(t: _Text, start: int, end: int) -> _Lead | None:
    """Who the sentence ``[start, end)`` says does the work, earliest mention first (a label
    opens the sentence; a subject counts only before the body an assigner names)."""
    low = t.low
    # "Bộ Quốc phòng: Chủ trì, phối hợp …", "Các cơ quan báo chí, xuất bản: Làm tốt …"
    colon = low.find(":", start, end)
    if colon > start and len(t.text[start:colon].split()) <= MAX_LABEL_WORDS:
        names = _names(t, start, colon, label=True)
        label = t.text[start:colon]
        if names and not any(_stop_at(t, a) for a, _ in t.words(names.end, colon)):
            return _Lead((_clean_name(label),), "label", start, colon)
    assigned: _Lead | None = None
    assigning = any(low.find(w, start, end) >= 0 for w in _ASSIGNER_WORDS)
    for match in ASSIGNERS.finditer(low, start, end) if assigning else ():
        if _NOT_ASSIGNING.search(low[max(start, match.start() - 14) : match.start()]):
            continue
        names = _names(t, match.end(), end)
        if names and (_verb_follows(t, names.end, end) or names.end >= end - 1):
            assigned = _Lead(_texts(t, names), "assigned", match.end(), names.end)
            break
    # A sentence that opens with an action verb addresses the reader; a body named in a list
    # inside it is an object ("Xây dựng … các chương trình, nghị quyết Đảng, Chính phủ, Thủ tướng
    # Chính phủ triển khai …"), unless a marker of assignment follows it ("…, các cơ quan, tổ
    # chức, đơn vị thuộc Bộ TTTT khẩn trương xây dựng …", seed 003).
    imperative: bool | None = None  # read only once a later clause names a body
    for pos in _clause_starts(t, start, end):
        if assigned is not None and pos >= assigned.start:
            break
        if not _NAME_HINT.match(low, pos):
            continue  # most clauses open with no body's name: "đồng thời, …", "trong đó …"
        names = _names(t, pos, end)
        if not names:
            continue
        verb = _verb_follows(t, names.end, end)
        if verb is None:
            verb = _passive_then_marker(t, names.end, end)
        if verb is None:
            continue
        if pos > start and verb not in ASSIGNMENT_VERBS:
            if imperative is None:
                opener = _ADVERBIAL.match(low, start, end)
                at = opener.end() if opener else start
                imperative = _starts_with(low, at, _IMPERATIVE_AT) is not None
            if imperative:
                continue
        return _Lead(_texts(t, names), "subject", pos, names.end)
    return assigned


def _passive_then_marker(t: _Text, pos: int, end: int) -> str | None:
    """ "Các cơ quan, đơn vị thuộc Bộ | được giao chủ trì nhiệm vụ | có trách nhiệm xây dựng …"
    (seed 003): a subject with a passive relative clause, then its marker."""
    m = PASSIVE_THEN_MARKER.match(t.low, pos, end)
    return m.group("marker") if m else None


def _clean_name(name: str) -> str:
    """A name as written, without the dictation artefact "gạch ngang" for "-" (seed 004)."""
    name = _DICTATED_DASH.sub(" - ", name)
    return _squash(name).strip(" ,;:.")


_DICTATED_DASH = re.compile(r"\s+gạch\s+ngang\s+", re.IGNORECASE)


def _texts(t: _Text, names: _Names) -> tuple[str, ...]:
    return tuple(_clean_name(t.text[s:e]) for s, e in names.items)


def _second_subject(t: _Text, start: int, end: int, after: int) -> int | None:
    """Where a second task starts inside a sentence: a new subject with a strong marker ("… và
    Viện Chiến lược TTTT chủ trì …"), at a clause boundary after ``after``."""
    # "Bộ Quốc phòng chủ trì, phối hợp với Bộ Lao động - Thương binh và Xã hội, Bộ Tài chính chịu
    # trách nhiệm hướng dẫn …" (dev vb_f507e03f8e): one task, whose partners run to the marker
    low = t.low
    first = _NEXT_CLAUSE.search(low, after, end)
    if first is None:
        return None  # no clause after the first subject
    # A second subject's marker comes after the first clause boundary (the first subject's own
    # "chủ trì" comes before it) and at most a modal and a space past the sentence's end, when
    # the sentence ends in a full stop: no name runs across one. At a line's end it may
    # ("… và Bộ Thông tin và ⏎ Truyền thông chủ trì …"), so there every clause is read.
    closed = low[end - 1 : end] in SENTENCE_STOPS
    window = end + MARKER_OVERRUN
    if closed and not any(low.find(m, first.end(), window) >= 0 for m in STRONG_MARKERS):
        return None
    partner_lists = []
    for match in _partner_matches(low, start, end):
        names = _names(t, match.end(), end)
        if names:
            partner_lists.append((match.end(), names.end))
    for match in _NEXT_CLAUSE.finditer(low, after, end):
        pos = match.end()
        if any(a <= pos < b for a, b in partner_lists):
            continue
        names = _names(t, pos, end)
        if names and _verb_follows(t, names.end, end) in STRONG_MARKERS:
            return match.start()
    return None


# What a second task's piece opens with before its subject: "…, | và Viện Chiến lược …".
_LEADING = re.compile(r"(?:[\s,;]|va\s)+")
_NEXT_CLAUSE = re.compile(r"(?:[,;]\s+|\s+va\s+)")
# What a sentence ends with, which no agency's name holds.
SENTENCE_STOPS = frozenset(".!?…")
# How far past a sentence's end its last subject's marker can reach: a modal ("phải", 4
# letters), a space, and the marker's own length.
MARKER_OVERRUN = 5 + max(len(m) for m in STRONG_MARKERS)


def _partner_matches(low: str, start: int, end: int) -> Iterable[re.Match[str]]:
    """Every "phối hợp với" in ``[start, end)``."""
    return _PARTNERS.finditer(low, start, end) if low.find("phoi", start, end) >= 0 else ()


def _partners(t: _Text, start: int, end: int, lead: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for match in _partner_matches(t.low, start, end):
        names = _names(t, match.end(), end)
        if names:
            out.extend(n for n in _texts(t, names) if n not in lead and n not in out)
    return tuple(out)


# --- deadlines ------------------------------------------------------------------------------------


def _due(kind: str, m: re.Match[str]) -> str | None:
    try:
        year = int(m["y"])
        if not 1900 <= year <= 2100:
            return None  # "tuần 15 năm 20223" (seed 004): kept as text only
        if kind == "date":
            return dt.date(year, int(m["m"]), int(m["d"])).isoformat()
        if kind == "quarter":
            q = m["q"]
            return f"{year}-Q{_ROMAN.get(q, q if q.isdigit() else 0)}"
        if kind == "week":
            week = int(m["w"])
            return f"{year}-W{week:02d}" if 1 <= week <= 53 else None
        if kind == "month":
            month = int(m["m"])
            return f"{year}-{month:02d}" if 1 <= month <= 12 else None
        return str(year)
    except ValueError:
        return None


def parse_deadline(text: str) -> tuple[str | None, str | None]:
    """(deadline as written, normalised due) of a sentence, or (None, None).

    >>> parse_deadline("báo cáo Thủ tướng Chính phủ trước ngày 30 tháng 5 năm 2013.")
    ('trước ngày 30 tháng 5 năm 2013', '2013-05-30')
    >>> parse_deadline("Thời hạn hoàn thành: tuần 15 năm 2023.")
    ('tuần 15 năm 2023', '2023-W15')
    """
    return _deadline(text, _lower(fold_for_scan(text)))


def _deadline(text: str, low: str) -> tuple[str | None, str | None]:
    """:func:`parse_deadline` of ``text``, whose folded lower-case twin ``low`` is at hand."""
    label = _deadline_label(low)
    if label:
        value = text[label.start("value") : label.end("value")].strip()
        found = _due_match(_lower(fold_for_scan(value)))
        if found:
            return value, _due(*found)
        year = re.search(r"\b(?:19|20)\d\d\b", value)
        return value, year.group(0) if year and len(value) < 40 else None
    found = _due_match(low)
    if found:
        m = found[1]
        return text[m.start() : m.end()].strip(), _due(*found)
    return None, None


# --- structure ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Context:
    """What a section tells the tasks inside it."""

    leads: tuple[str, ...] = ()
    lead_how: str = ""
    partners: tuple[str, ...] = ()
    deadline: str | None = None
    due: str | None = None


@dataclass(frozen=True, slots=True)
class _Block:
    """A non-empty line of the body, bullet marker stripped."""

    start: int
    end: int
    bulleted: bool
    section: int | None  # index of the innermost section holding it
    heading_of: int | None  # index of the section this line heads, if it is a heading line


@dataclass(slots=True)
class _Draft:
    start: int
    end: int
    block: _Block
    lead: _Lead | None = None
    context_docs: tuple[str, ...] = ()
    segments: list[tuple[int, int]] = field(default_factory=list)


class _Structure:
    """Sections as a tree, and the body's lines."""

    def __init__(self, parsed: ParsedText, t: _Text) -> None:
        self.t = t
        self.sections: tuple[Section, ...] = parsed.sections
        # headings folded once: every block asks its chain of sections what they are
        self.folded: tuple[str, ...] = tuple(self._fold_heading(s) for s in self.sections)
        # Sections by (start, index): the innermost holding a position is the last one that
        # starts at or before it and still runs past it. Walking back from there, a section that
        # ended before the position sends the walk to the nearest earlier one ending later
        # (``_outer``): those in between end sooner still. Articles "Điều 1 … Điều 300" of a code
        # are then one step each, not a scan of all earlier ones.
        self._order = sorted(range(len(self.sections)), key=lambda i: self.sections[i].start)
        self._starts = [self.sections[i].start for i in self._order]
        self._ends = [max(self.sections[i].end, self.sections[i].start + 1) for i in self._order]
        self._outer: list[int] = []
        open_: list[int] = []
        for k, end in enumerate(self._ends):
            while open_ and self._ends[open_[-1]] <= end:
                open_.pop()
            self._outer.append(open_[-1] if open_ else -1)
            open_.append(k)
        self.parent: list[int | None] = [
            self.innermost(section.start, exclude=i) for i, section in enumerate(self.sections)
        ]
        self.blocks = list(self._blocks(parsed))

    def innermost(self, pos: int, exclude: int | None = None) -> int | None:
        """The section holding ``pos`` that starts last (the later one of two that start
        together); with ``exclude``, one that does not start where that section does."""
        excluded = self.sections[exclude].start if exclude is not None else None
        k = bisect.bisect_right(self._starts, pos) - 1
        while k >= 0:
            if self._starts[k] == excluded:
                k -= 1
            elif pos < self._ends[k]:
                return self._order[k]
            else:
                k = self._outer[k]
        return None

    def _fold_heading(self, section: Section) -> str:
        """The heading folded: read off the folded text where the heading stands after its
        number ("Điều 12. ", "2.1.3. ", "**III.** "), else folded on its own."""
        text = self.t.text
        heading = section.heading
        at = text.find(heading, section.start, section.start + len(heading) + HEADING_NUMBER_MAX)
        return self.t.folded(at, at + len(heading)) if at >= 0 else _fold_lower(heading)

    def chain(self, index: int | None) -> list[int]:
        """``index`` and its ancestors, innermost first."""
        out: list[int] = []
        while index is not None and index not in out:
            out.append(index)
            index = self.parent[index]
        return out

    def _blocks(self, parsed: ParsedText) -> Iterator[_Block]:
        text = self.t.text
        spans = (parsed.title_span, parsed.preamble_span, parsed.web_title_span)
        # a title or preamble the body starts after skips no line of it
        skip = [s for s in spans if s and s[1] > parsed.body_start]
        heads = {s.start: i for i, s in enumerate(self.sections)}
        pos = parsed.body_start
        for line in text[parsed.body_start :].splitlines(keepends=True):
            start, pos = pos, pos + len(line)
            content = line.strip()
            if not content:
                continue
            lead_ws = len(line) - len(line.lstrip())
            folded = self.t.folded(start + lead_ws, start + lead_ws + len(content))
            if _END_OF_BODY.match(folded):
                return
            if _NOT_BODY_LINE.match(folded):
                continue
            if _FORMS.match(folded) and parsed.document.doc_type not in IMPERATIVE_TYPES:
                return
            if content.startswith("|") or (skip and any(a <= start < b for a, b in skip)):
                continue
            s = start + lead_ws
            raw = text[s : start + len(line.rstrip())]
            stripped = raw.lstrip("#").strip().replace("**", "  ")
            offset = len(raw) - len(raw.lstrip("#").strip())
            s += offset
            bullet = _BULLET.match(stripped)
            body_start = s + (bullet.end() if bullet else 0)
            end = start + len(line.rstrip())
            if body_start >= end:
                continue
            index = heads.get(start + lead_ws)
            heading_of = None
            if index is not None:
                section = self.sections[index]
                leaf = section.end <= end + 1
                if not leaf and len(section.heading) <= 200:
                    heading_of = index
            yield _Block(
                start=body_start,
                end=end,
                bulleted=bullet is not None,
                section=self.innermost(body_start),
                heading_of=heading_of,
            )


# --- extraction -----------------------------------------------------------------------------------


class _Extractor:
    def __init__(self, parsed: ParsedText, citations: Citations) -> None:
        self.parsed = parsed
        self.own = parsed.document
        self.origin = parsed.source.path
        self.t = _Text(parsed.text, _text_fold(parsed.text))
        self.structure = _Structure(parsed, self.t)
        self.spans = sorted(citations.spans, key=lambda s: s.start)
        self.span_starts = [s.start for s in self.spans]
        self.citations = citations
        self.contexts: dict[int, _Context] = {}
        # evidence by span: a task's HAS_TASK, LED_BY and SUPPORTED_BY edges quote the same text
        self._evidence: dict[tuple[int, int], str] = {}
        self.responsibility: set[int] = set()  # sections that list who leads and supports
        self.addressees = self._addressees()
        doc_type = self.own.doc_type
        self.imperative = doc_type in IMPERATIVE_TYPES
        self.letter = doc_type in LETTER_TYPES

    # -- context from the structure ---------------------------------------------------------------

    def _addressees(self) -> tuple[str, ...]:
        match = _ADDRESSEE.search(self.t.text, 0, max(self.parsed.body_start + 2000, 0))
        if not match:
            return ()
        raw = match.group("to").replace("|", ";")
        parts = [p.strip(" -;.,:") for p in raw.split(";")]
        return tuple(p for p in parts if p and agency_node(p) is not None)

    def _section_contexts(self) -> None:
        """Agency headings, "Cơ quan chủ trì" blocks and "Thời gian thực hiện" lines."""
        st = self.structure
        t = self.t
        for i, section in enumerate(st.sections):
            heading_start = section.start
            line_end = t.text.find("\n", heading_start)
            line_end = section.end if line_end < 0 else min(line_end, section.end)
            folded = st.folded[i]
            role = _RESPONSIBLE.match(folded)
            parent = st.parent[i]
            if role and parent is not None:
                self._responsibility(i, parent, role.group("role"))
                self.responsibility.add(i)
                continue
            label = _deadline_label(folded)
            if label and len(folded) < 160:
                written, due = parse_deadline(section.heading)
                target = parent if section.end <= line_end + 1 else i
                if target is not None:
                    ctx = self.contexts.setdefault(target, _Context())
                    ctx.deadline, ctx.due = ctx.deadline or written, ctx.due or due
                continue
            lead = self._heading_lead(section)
            if lead:
                ctx = self.contexts.setdefault(i, _Context())
                ctx.leads, ctx.lead_how = lead, "heading"

    def _heading_lead(self, section: Section) -> tuple[str, ...] | None:
        """An agency heading: "2. Bộ Quốc phòng", "1.1. Ủy ban nhân dân Thành phố:", "1. Đối với
        Ủy ban nhân dân các cấp", "3. Trách nhiệm của các Bộ, ngành, địa phương; …"."""
        heading = section.heading.rstrip(" :.")
        if not heading or len(heading.split()) > MAX_SUBJECT_WORDS:
            return None
        prefix = re.match(r"(?i)(?:đối với|trách nhiệm của|nhiệm vụ của)\s+", heading)
        body = heading[prefix.end() :] if prefix else heading
        t = _Text(body)
        names = _names(t, 0, len(body), label=True)
        if names is None or t.low[names.end :].strip(" .,;:"):
            return None
        return _texts(t, names)

    def _responsibility(self, index: int, parent: int, role: str) -> None:
        """A plan's "2. Cơ quan chủ trì, phối hợp / a) Cơ quan chủ trì / - Ban Chỉ đạo quốc gia."
        block (dev vb_01f9b82b1d): its agencies lead (or support) the parent section's tasks."""
        section = self.structure.sections[index]
        t = self.t
        ctx = self.contexts.setdefault(parent, _Context())
        leads: list[str] = list(ctx.leads)
        partners: list[str] = list(ctx.partners)
        current = "lead" if role in ("chu tri", "thuc hien") else "partner"
        first_line_end = t.text.find("\n", section.start, section.end)
        lines = t.text[section.start : section.end].splitlines()
        for number, line in enumerate(lines):
            content = line.strip().strip("|").strip()
            if not content:
                continue
            folded = strip_diacritics(content).lower()
            if number == 0:
                heading = re.sub(r"^\S+\s+", "", content, count=1)
                m = _RESPONSIBLE.match(strip_diacritics(heading).lower())
                rest = m.group("rest") if m else None
                if rest:
                    self._add_names(heading[len(heading) - len(rest) :], current, leads, partners)
                continue
            m = _RESPONSIBLE.match(folded)
            if m:
                current = "lead" if m.group("role") in ("chu tri",) else "partner"
                if m.group("role") == "thuc hien" and not leads:
                    current = "lead"
                rest = m.group("rest")
                if rest:
                    self._add_names(content[len(content) - len(rest) :], current, leads, partners)
                continue
            bullet = _BULLET.match(content)
            self._add_names(content[bullet.end() if bullet else 0 :], current, leads, partners)
        del first_line_end
        ctx.leads = tuple(leads)
        ctx.lead_how = "block"
        ctx.partners = tuple(p for p in partners if p not in leads)

    @staticmethod
    def _add_names(value: str, role: str, leads: list[str], partners: list[str]) -> None:
        value = re.sub(r"\(.*?\)", "", value)
        for part in re.split(r";", value):
            name = _squash(part).strip(" .,;:-")
            if name and len(name.split()) <= MAX_SUBJECT_WORDS:
                (leads if role == "lead" else partners).append(name)

    # -- sentences ---------------------------------------------------------------------------------

    def _sentences(self, block: _Block) -> list[tuple[int, int]]:
        t = self.t
        out: list[tuple[int, int]] = []
        pos = block.start
        for match in _SENTENCE_END.finditer(t.text, block.start, block.end):
            out.append((pos, match.start() + 1))
            pos = match.end()
        if pos < block.end:
            out.append((pos, block.end))
        return [(s, e) for s, e in out if t.text[s:e].strip(" ./")]

    def _imperative(self, start: int, end: int) -> bool:
        low = self.t.low
        pos = start
        adverbial = _ADVERBIAL.match(low, pos, end)
        if adverbial:
            pos = adverbial.end()
        return _starts_with(low, pos, _IMPERATIVE_AT) is not None

    def _task_section(self, block: _Block) -> bool:
        """Whether a directive's sentence here can be a task by its verb alone."""
        st = self.structure
        chain = st.chain(block.section)
        for i in chain:
            heading = st.folded[i]
            if len(heading) < 120 and NOT_TASK_SECTION.match(heading):
                return False
        if chain:
            inner = chain[0]
            section = st.sections[inner]
            # "2.1. Lĩnh vực Bưu chính" describes the field before its "* Nhiệm vụ …" block
            blocks = [
                j
                for j, s in enumerate(st.sections)
                if st.parent[j] == inner
                and TASK_BLOCK.match(st.folded[j])
                and s.start > section.start
            ]
            if blocks and block.start < st.sections[blocks[0]].start:
                return False
        return self.own.doc_type not in STATUTE_TYPES

    def _statute_allows(self, block: _Block) -> bool:
        if self.own.doc_type not in STATUTE_TYPES:
            return True
        st = self.structure
        for i in st.chain(block.section):
            heading = st.folded[i]
            if st.sections[i].number and st.sections[i].number.startswith("Điều"):  # type: ignore[union-attr]
                return bool(_STATUTE_TASK_ARTICLE.search(heading))
        return False

    def _inherited(self, block: _Block) -> _Context:
        merged = _Context()
        for i in self.structure.chain(block.section):
            ctx = self.contexts.get(i)
            if ctx is None:
                continue
            if not merged.leads and ctx.leads:
                merged.leads, merged.lead_how = ctx.leads, ctx.lead_how
                merged.partners = merged.partners or ctx.partners
            if not merged.deadline and ctx.deadline:
                merged.deadline, merged.due = ctx.deadline, ctx.due
        return merged

    # -- the main pass -----------------------------------------------------------------------------

    def drafts(self) -> list[_Draft]:
        self._section_contexts()
        t = self.t
        drafts: list[_Draft] = []
        lead_in: tuple[_Lead | None, tuple[str, ...], int | None, int] | None = None
        # (lead, cited docs, section of the lead-in, position)
        for block in self.structure.blocks:
            if block.heading_of is not None:
                continue
            if any(i in self.responsibility for i in self.structure.chain(block.section)):
                continue  # "a) Cơ quan chủ trì / - Ban Chỉ đạo quốc gia." names, not tasks
            if not self._statute_allows(block):
                continue
            text = t.text[block.start : block.end]
            low = t.low[block.start : block.end]
            if lead_in is not None and not self._in_lead_in_scope(block, lead_in):
                lead_in = None
            if len(low) < 160 and _deadline_label(low):
                written, due = parse_deadline(text)
                target = block.section
                if target is not None and written:
                    ctx = self.contexts.setdefault(target, _Context())
                    if drafts and drafts[-1].block.section == target:
                        ctx.deadline, ctx.due = ctx.deadline or written, ctx.due or due
                continue
            if (
                low.rstrip().endswith(":")
                and not block.bulleted
                or (low.rstrip().endswith(":") and len(low) > 80)
            ):
                lead = _explicit_lead(t, block.start, block.end)
                docs = tuple(s.doc_id for s in self._spans_in(block.start, block.end))
                lead_in = (lead, docs, block.section, block.start)
                continue
            drafts.extend(self._block_drafts(block, lead_in))
        return drafts

    def _in_lead_in_scope(
        self, block: _Block, lead_in: tuple[_Lead | None, tuple[str, ...], int | None, int]
    ) -> bool:
        _, _, section, position = lead_in
        st = self.structure
        if section is not None:
            s = st.sections[section]
            if not (s.start <= block.start < s.end):
                return False
        if block.bulleted:
            return True
        inner = block.section
        return inner is not None and st.sections[inner].start > position

    def _block_drafts(
        self, block: _Block, lead_in: tuple[_Lead | None, tuple[str, ...], int | None, int] | None
    ) -> list[_Draft]:
        t = self.t
        inherited = self._inherited(block)
        inherited_lead: _Lead | None = None
        context_docs: tuple[str, ...] = ()
        if inherited.leads:
            inherited_lead = _Lead(inherited.leads, inherited.lead_how)
        if lead_in is not None:
            if lead_in[0] is not None and inherited_lead is None:
                inherited_lead = _Lead(lead_in[0].names, "lead_in")
            context_docs = lead_in[1]
        by_verb = self.imperative and self._task_section(block)
        drafts: list[_Draft] = []
        pending: list[tuple[int, int]] = []
        block_lead: _Lead | None = None  # "- Các đơn vị …: Ban hành … . Nghiêm túc …"
        for s_start, s_end in self._sentences(block):
            low = t.low[s_start:s_end]
            if _boilerplate(low):
                pending = []
                continue
            pieces = [(s_start, s_end)]
            lead = _explicit_lead(t, s_start, s_end)
            if lead is not None:
                cut = _second_subject(t, s_start, s_end, lead.end)
                if cut is not None:
                    pieces = [(s_start, cut), (cut, s_end)]
            for p_start, p_end in pieces:
                leading = _LEADING.match(t.low, p_start, p_end)
                p_start = leading.end() if leading else p_start
                own = _explicit_lead(t, p_start, p_end) if len(pieces) > 1 else lead
                if own is not None and own.how == "label" and not drafts:
                    block_lead = own
                fallback = block_lead or inherited_lead
                starts_task = own is not None or (
                    (by_verb or fallback is not None) and self._imperative(p_start, p_end)
                )
                if (
                    not starts_task
                    and inherited_lead is not None
                    and not drafts
                    and not pending
                    and (self.imperative or GROUNDED.match(t.low, p_start))
                ):
                    # the first sentence under an agency heading is that agency's work; in an
                    # act, only when it says on what ("- Căn cứ Quyết định số 22/2013/QĐ-TTg …
                    # tổ chức lập và phê duyệt Đề án", under "1.1. Ủy ban nhân dân Thành phố:")
                    starts_task = True
                if starts_task:
                    # "Theo công văn số 14774/BTC-NSNN …, thì … . Vì vậy, đề nghị các địa phương
                    # …" (dev vb_8c4197cb3e): the item's opening sentence is the task's premise
                    premise = pending if own is not None and block.bulleted else []
                    draft = _Draft(
                        start=premise[0][0] if premise else p_start,
                        end=p_end,
                        block=block,
                        lead=own or fallback or _Lead((), "none"),
                        context_docs=context_docs,
                        segments=[*premise, (p_start, p_end)],
                    )
                    drafts.append(draft)
                    pending = []
                elif drafts:
                    drafts[-1].end = p_end
                    drafts[-1].segments.append((p_start, p_end))
                else:
                    pending.append((p_start, p_end))
        return drafts

    def _spans_in(self, start: int, end: int) -> list[CitedSpan]:
        i = bisect.bisect_left(self.span_starts, start)
        out = []
        while i < len(self.spans) and self.spans[i].start < end:
            if self.spans[i].doc_id != self.own.id:
                out.append(self.spans[i])
            i += 1
        return out

    # -- building the nodes ------------------------------------------------------------------------

    def build(self) -> TaskExtraction:
        drafts = self.drafts()
        result = TaskExtraction()
        agencies: dict[str, Agency] = {}
        counters: dict[str, int] = {}
        task_spans = [(d.start, d.end) for d in drafts]
        letter_context = self._letter_context(task_spans) if self.letter else ()
        field_carry: tuple[int | None, str | None] = (None, None)
        for draft in drafts:
            t = self.t
            text = _squash(t.text[draft.start : draft.end])
            if not text:
                continue
            # folding and lower-casing keep every whitespace character whitespace and no other
            # character becomes one, so this is the folded twin of ``text``
            low = _squash(t.low[draft.start : draft.end])
            section_path = self._section_path(draft.block.section)
            key = section_path or "0"
            counters[key] = counters.get(key, 0) + 1
            task_id = f"task:{self.own.id}:{_id_part(key)}:{counters[key]}"
            lead = draft.lead or _Lead((), "none")
            names = tuple(self._resolve_deictic(n) for n in lead.names)
            partners = self._task_partners(draft, names)
            deadline, due = _deadline(text, low)
            if deadline is None:
                inherited = self._inherited(draft.block)
                deadline, due = inherited.deadline, inherited.due
            field_name = self._field(draft)
            if field_name is None and field_carry[0] == draft.block.section:
                field_name = field_carry[1]
            field_carry = (draft.block.section, field_name)
            task = Task(
                id=task_id,
                text=_shorten(text, TASK_TEXT_MAX),
                section=section_path,
                field=field_name,
                lead="; ".join(names) or None,
                partners=partners,
                deadline=deadline,
                source_path=self.origin,
                due=due,
            )
            result.tasks.append(task)
            result.edges.append(
                self._edge(self.own.id, task_id, T.HAS_TASK, draft.start, draft.end, 1.0)
            )
            for name in names:
                node = agency_node(name)
                if node is None:
                    continue
                agencies.setdefault(node.id, node)
                result.edges.append(
                    self._edge(
                        task_id,
                        node.id,
                        T.LED_BY,
                        draft.start,
                        draft.end,
                        CONFIDENCE[lead.how or "none"],
                    )
                )
            for name in partners:
                node = agency_node(name)
                if node is None or any(e.target == node.id for e in result.edges[-5:]):
                    continue
                agencies.setdefault(node.id, node)
                result.edges.append(
                    self._edge(task_id, node.id, T.SUPPORTED_BY, draft.start, draft.end, 0.8)
                )
            result.edges.extend(self._dependencies(task_id, draft, letter_context))
        issued, issuers = self._issued_by()
        for node in issuers:
            agencies.setdefault(node.id, node)
        result.edges.extend(issued)
        result.agencies = list(agencies.values())
        return result

    def _task_partners(self, draft: _Draft, names: tuple[str, ...]) -> tuple[str, ...]:
        found: list[str] = []
        for s, e in draft.segments:
            for p in _partners(self.t, s, e, names):
                if p not in found:
                    found.append(p)
        if not found and draft.lead is not None and draft.lead.how in ("block", "heading"):
            found = list(self._inherited(draft.block).partners)
        resolved = [self._resolve_deictic(p) for p in found]
        return tuple(p for p in resolved if p not in names)

    def _resolve_deictic(self, name: str) -> str:
        folded = _fold_lower(name).strip()
        issuer = self.own.issuer or ""
        if folded == "bo" and not self.addressees and issuer.startswith("Bộ "):
            return issuer  # "… giao Bộ thực hiện" in the Ministry's own directive (seed 003)
        m = DEICTIC.match(folded)
        if not m or not self.addressees:
            return name
        if m.group("local"):
            local = [a for a in self.addressees if re.match(r"(?i)(ủy|uỷ) ban nhân dân|ubnd", a)]
            return local[0] if len(local) == 1 else name
        head = m.group("head")
        same = [a for a in self.addressees if strip_diacritics(a).lower().startswith(head)]
        if len(same) == 1:
            return same[0]
        return self.addressees[0] if len(self.addressees) == 1 else name

    def _letter_context(self, task_spans: list[tuple[int, int]]) -> tuple[str, ...]:
        """Documents a letter's non-task sentences cite (else all its body cites)."""
        body = [s for s in self.spans if s.start >= self.parsed.body_start]
        outside = [s for s in body if not any(a <= s.start < b for a, b in task_spans)]
        chosen = outside or body
        return tuple(dict.fromkeys(s.doc_id for s in chosen if s.doc_id != self.own.id))

    def _dependencies(
        self, task_id: str, draft: _Draft, letter_context: tuple[str, ...]
    ) -> list[Edge]:
        edges: list[Edge] = []
        seen: set[str] = set()
        for s, e in draft.segments:
            for span in self._spans_in(s, e):
                if span.doc_id in seen:
                    continue
                seen.add(span.doc_id)
                edges.append(
                    self._edge(
                        task_id,
                        span.doc_id,
                        T.DEPENDS_ON,
                        span.start,
                        span.end,
                        CONFIDENCE["depends"],
                        evidence_span=(s, e),
                    )
                )
        if seen:
            return edges
        for doc_id in draft.context_docs or letter_context:
            if doc_id in seen or doc_id == self.own.id:
                continue
            seen.add(doc_id)
            edges.append(
                self._edge(
                    task_id, doc_id, T.DEPENDS_ON, draft.start, draft.end, CONFIDENCE["context"]
                )
            )
        return edges

    def _issued_by(self) -> tuple[list[Edge], list[Agency]]:
        """ISSUED_BY from the text's own document and from cited documents whose issuer is known
        (named beside the reference, or read from the symbol)."""
        edges: list[Edge] = []
        nodes: list[Agency] = []
        evidence = {e.target: e for e in self.citations.edges if e.source == self.own.id}
        own_span = self.parsed.own_spans[0] if self.parsed.own_spans else (0, 0)
        candidates: list[tuple[Document, tuple[int, int], str]] = [
            (self.own, own_span, self.own.number or self.own.issuer or "")
        ]
        for doc in self.citations.cited:
            cited = evidence.get(doc.id)
            span = (cited.start, cited.end) if cited else (0, 0)
            candidates.append((doc, span, cited.evidence if cited else doc.number or ""))
        seen: set[str] = set()
        for doc, (start, end), said in candidates:
            if doc.id in seen:
                continue
            seen.add(doc.id)
            named = doc.issuer if doc.issuer and not doc.issuer.startswith("Liên ") else None
            issuer = named or issuer_from_number(doc.number)
            node = agency_node(issuer) if issuer else None
            if node is None:
                continue
            nodes.append(node)
            how = "issuer_named" if named else "issuer_symbol"
            edges.append(
                Edge(
                    source=doc.id,
                    target=node.id,
                    type=str(T.ISSUED_BY),
                    evidence=_shorten(said or issuer or "", EVIDENCE_MAX),
                    start=start,
                    end=end,
                    confidence=CONFIDENCE[how],
                    origin=self.origin,
                )
            )
        return edges, nodes

    def _section_path(self, index: int | None) -> str | None:
        st = self.structure
        numbers = [st.sections[i].number for i in reversed(st.chain(index))]
        parts: list[str] = []
        for number in numbers:
            if not number:
                continue
            if parts and number.startswith(parts[-1] + "."):
                parts[-1] = number
            else:
                parts.append(number)
        return ".".join(parts) or None

    def _field(self, draft: _Draft) -> str | None:
        t = self.t
        for s, e in draft.segments:
            m = _FIELD.match(t.low, s, e)
            if m:
                return t.text[m.start("field") : m.end("field")].strip()
        label = _FIELD_LABEL.match(t.text, draft.start)
        if label:
            return label.group(1).strip()
        st = self.structure
        for i in st.chain(draft.block.section):
            heading = st.sections[i].heading
            hm = _FIELD_HEADING.match(st.folded[i])
            if hm and st.sections[i].number is not None:
                return heading[hm.start("field") :].strip(" :.")
        return None

    def _edge(
        self,
        source: str,
        target: str,
        kind: str,
        start: int,
        end: int,
        confidence: float,
        evidence_span: tuple[int, int] | None = None,
    ) -> Edge:
        span = evidence_span or (start, end)
        evidence = self._evidence.get(span)
        if evidence is None:
            said = _squash(self.t.text[span[0] : span[1]])
            evidence = self._evidence[span] = _shorten(said, EVIDENCE_MAX)
        return Edge(
            source=source,
            target=target,
            type=str(kind),
            evidence=evidence,
            start=start,
            end=end,
            confidence=confidence,
            origin=self.origin,
        )


# "Công tác cải cách hành chính: …" opening a task names its field.
_FIELD_LABEL = re.compile(r"\s*(?:công tác|lĩnh vực)\s+([^:]{2,80}):", re.IGNORECASE)


def _squash(text: str) -> str:
    """Each run of whitespace one space, none at the ends: ``re.sub(r"\\s+", " ", text).strip()``
    (``str.split`` and ``\\s`` know the same whitespace), without a replacement per word."""
    return " ".join(text.split())


def _id_part(key: str) -> str:
    return re.sub(r"\s+", "-", strip_diacritics(key))


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,;:-") + "…"


def extract_tasks(parsed: ParsedText, citations: Citations) -> TaskExtraction:
    """The tasks ``parsed`` assigns; ``citations.spans`` says which documents each one cites."""
    return _Extractor(parsed, citations).build()
