"""The relation verbs: one table, from which :mod:`loader.relate` builds its cue tables.

A row is one way of saying what an act does to another, folded (no diacritics, lower case; a space
stands for any run of white space, so a verb split by a printed line end still matches):

- ``forms``: the active verb, as the text says what it does itself ("Nghị định này **thay thế**
  Nghị định số 43/2011/NĐ-CP"), what another act does ("Nghị định số 09/1998/NĐ-CP **sửa đổi, bổ
  sung** Nghị định số 50/CP") or what its own title says ("**ĐÍNH CHÍNH** THÔNG TƯ SỐ …");
- ``passive``: the same verb with the target first ("Quyết định 119/QĐ-UBND đã **được thay thế
  bởi** Quyết định 366/QĐ-UBND"): the edge turns round;
- ``lapse``: the target first and no agent: the text itself acts ("Nghị định số 58/2019/NĐ-CP …
  **hết hiệu lực** kể từ ngày Nghị định này có hiệu lực");
- ``imperative``: the verb opens a final provision of a normative act ("**Bãi bỏ** khoản 2 Điều 21
  Nghị định số 40/2004/NĐ-CP", "Điều 1. **Sửa đổi, bổ sung** một số điều của …");
- ``described``: the verb may describe another act (third party, or the text's own subject); the
  rows that are only imperative or only title words are not ("Tổng cục **điều chỉnh** giá …"
  describes no act);
- ``title``: the verb says what the text does when its own title uses it ("HƯỚNG DẪN THỰC HIỆN
  QUYẾT ĐỊNH SỐ 170/2008/QĐ-TTG");
- ``planned``: a plan may name an act to come with it ("Xây dựng Nghị định **sửa đổi** Nghị định
  số 91/2020/NĐ-CP"): after a planning word the reference is only cited (DESIGN.md, Direction);
- ``phrase``: the verb changes words, not provisions ("**Thay thế cụm từ** “Lao động - Thương
  binh và Xã hội” bằng cụm từ “Nội vụ” tại Điều 5 …"): a partial AMENDS whatever the verb.

Adding a way of saying a relation is adding a row here and a row in ``tests/test_relate.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import RelationType

R = RelationType


@dataclass(frozen=True, slots=True)
class Verb:
    """One relation verb and where it may be read (see the module docstring)."""

    kind: str
    forms: str
    passive: str | None = None
    lapse: str | None = None
    imperative: bool = False
    described: bool = True
    title: bool = True
    planned: bool = True
    phrase: bool = False


# Order matters where two rows match at one place: the earlier row wins, so the phrase-level rows
# come before the verbs they start with ("thay thế cụm từ" is no "thay thế").
_WORDS = r"(?:mot so |cac )?(?:tu ngu|cum tu|tu(?! ngay))(?:, cum tu)?"
VERBS: tuple[Verb, ...] = (
    # "Thay thế cụm từ “Lao động - Thương binh và Xã hội” bằng cụm từ “Nội vụ” …", "Bãi bỏ từ
    # “huyện” tại điểm c khoản 7 Điều 2", "Điều 2. Thay thế, bãi bỏ một số từ, cụm từ, quy định
    # tại Nghị quyết … số 10/2022/NQ-HĐND" (dev2 vb2_776c2df5ae); not "bãi bỏ từ ngày …"
    Verb(
        R.AMENDS,
        rf"(?:thay the|bai bo|bo|sua doi)(?:,? (?:va )?(?:thay the|bai bo|bo|sua doi|bo sung))*"
        rf" {_WORDS}",
        passive=rf"duoc thay the bang {_WORDS}",
        imperative=True,
        phrase=True,
    ),
    Verb(
        R.AMENDS,
        # "Luật Nhập cảnh, xuất cảnh … sửa đổi 2019" names the amended law, it amends nothing
        # "sửa đổi, bổ sung, bãi bỏ một số điều của Nghị định số 15/2018/NĐ-CP" amends it
        r"sua doi,? bo sung(?:,? (?:va )?bai bo)?(?: mot so dieu(?: cua)?)?|"
        r"sua doi(?: mot so dieu(?: cua)?)?(?! (?:nam )?(?:19|20)\d\d)",
        passive=r"duoc sua doi(?:,? bo sung)?",
        imperative=True,
    ),
    # "bổ sung" alone describes too much ("Quyết định 119/QĐ-UBND bổ sung thủ tục hành chính")
    Verb(R.AMENDS, r"bo sung", passive=r"duoc bo sung", imperative=True, described=False),
    # "Điều 3. Điều chỉnh chương xe đã ban hành tại quyết định số 19902/QĐ-CT-THNVDT" (dev2
    # vb2_89c953ecd0); in a title it adjusts prices or plans as often as acts
    Verb(R.AMENDS, r"dieu chinh", imperative=True, described=False, title=False),
    Verb(
        R.REPLACES,
        r"thay the",
        passive=r"duoc thay the(?: boi| bang)?",
        imperative=True,
    ),
    # "Quyết định số 1744/2008/QĐ-BKH … hết hiệu kể từ ngày Thông tư này có hiệu lực thi hành"
    # (formats vbf_1af11fe58c: "lực" dropped by the printer)
    Verb(
        R.REPEALS,
        r"bai bo|huy bo",
        passive=r"(?:duoc|bi) (?:bai bo|huy bo)",
        lapse=r"het hieu luc|het hieu(?= ke tu)",
        imperative=True,
    ),
    Verb(R.CORRECTS, r"dinh chinh", passive=r"duoc dinh chinh", imperative=True),
    Verb(
        R.SUSPENDS,
        r"(?:tam )?dinh chi (?:viec )?thi hanh|tam ngung (?:viec )?thi hanh|"
        r"(?:tam )?(?:dinh chi|ngung) hieu luc",
        passive=r"bi (?:tam )?dinh chi(?: (?:viec )?thi hanh)?|bi tam ngung(?: thi hanh)?",
        imperative=True,
    ),
    # "ĐÌNH CHỈ QUYẾT ĐỊNH SỐ …" as a title; "đình chỉ" alone also stops a licence or a business
    Verb(R.SUSPENDS, r"(?:tam )?dinh chi|tam ngung", described=False),
    # "HƯỚNG DẪN BỔ SUNG VIỆC THỰC HIỆN QUYẾT ĐỊNH SỐ …" guides: longer than "bổ sung" or "thực
    # hiện" ending at the same place, so it wins the tie
    Verb(
        R.GUIDES,
        r"huong dan(?: bo sung)?(?: (?:viec )?(?:thuc hien|thi hanh))?|"
        r"quy dinh chi tiet(?: (?:viec )?thi hanh)?",
        passive=r"duoc (?:huong dan|quy dinh chi tiet)",
    ),
    # "VỀ VIỆC TỔ CHỨC TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 19/CT-TTG" (seed 001): a title word only;
    # a plan implements ("Kế hoạch triển khai thực hiện Nghị quyết …" is no act to come)
    Verb(
        R.IMPLEMENTS,
        r"trien khai(?: thuc hien)?|thuc hien|thi hanh",
        described=False,
        planned=False,
    ),
)

# Relations that end or change another act's force (DESIGN.md, Relations): they carry scope,
# provisions and effect date.
SUPERSESSION: frozenset[str] = frozenset({R.AMENDS, R.REPLACES, R.REPEALS, R.SUSPENDS, R.CORRECTS})


def rows(*, context: str) -> tuple[tuple[str, str], ...]:
    """(pattern, kind) rows of the verbs usable in ``context``: "title", "described",
    "imperative", "passive", "lapse" or "planned" (the verbs a planned act is named with).

    >>> ("dinh chinh", "CORRECTS") in rows(context="imperative")
    True
    >>> [kind for _, kind in rows(context="lapse")]
    ['REPEALS']
    """
    out: list[tuple[str, str]] = []
    for verb in VERBS:
        if context == "passive":
            pattern = verb.passive
        elif context == "lapse":
            pattern = verb.lapse
        else:
            usable = {
                "title": verb.title,
                "described": verb.described,
                "imperative": verb.imperative,
                "planned": verb.planned,
            }[context]
            pattern = verb.forms if usable else None
        if pattern is not None:
            out.append((pattern, str(verb.kind)))
    return tuple(out)


# The phrase-level rows' active and passive forms, compiled once: a space stands for any run.
_PHRASES = re.compile(
    "|".join(
        "(?:" + form.replace(" ", r"\s+") + ")"
        for verb in VERBS
        if verb.phrase
        for form in (verb.forms, verb.passive)
        if form is not None
    ),
    re.IGNORECASE,
)


def is_phrase(words: str) -> bool:
    """Whether folded ``words`` are a phrase-level change ("thay thế cụm từ …").

    >>> is_phrase("thay the cum tu"), is_phrase("thay the")
    (True, False)
    """
    return _PHRASES.fullmatch(words.strip()) is not None
