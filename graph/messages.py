"""Store errors as one Vietnamese line, for the edge: the three CLIs' ``lỗi: …`` and the app;
and why a mention is listed for review, as ``python -m graph stats`` and the Document page say it.

The stores raise :class:`graph.store.StoreError` with an English message that names the path, the
server or the operation (``no graph store at data/grpah; build one with …``); the officer reads
Vietnamese. Each known form is a row of :data:`STORE_MESSAGES`: a pattern of the store's message
and the Vietnamese line it becomes, with the same names and numbers in it. A message of no known
form keeps its words after a Vietnamese lead (``lỗi kho dữ liệu: …``), so nothing is ever hidden;
tests/test_messages.py makes each store raise each error and checks that it is translated.
"""

from __future__ import annotations

import errno
import re
import shlex
from collections.abc import Callable
from pathlib import Path

from graph.store import StoreError

# How the loader builds a store, for a directory that holds none (the CLIs' error and the app's
# page say the same).
BUILD_COMMAND = "python3 -m loader TỆP_HOẶC_THƯ_MỤC... --store {store}"
SAMPLES_COMMAND = "python3 -m loader samples --store {store}"

# What a store was doing when it failed ("cannot read the store: database is locked").
_DOING: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"open the store"), "mở kho"),
    (re.compile(r"read the store"), "đọc kho"),
    (re.compile(r"create the store"), "tạo kho"),
    (re.compile(r"upgrade the store to version (\d+)"), r"nâng kho lên phiên bản \1"),
    (re.compile(r"set up the schema"), "tạo chỉ mục và ràng buộc"),
    (re.compile(r"connect"), "kết nối"),
    (re.compile(r"write (.+)"), r"ghi \1"),
    (re.compile(r"remove (.+)"), r"gỡ \1"),
)


def doing_vi(doing: str) -> str:
    """An operation the stores name, in Vietnamese.

    >>> doing_vi("upgrade the store to version 5"), doing_vi("write samples/qd.txt")
    ('nâng kho lên phiên bản 5', 'ghi samples/qd.txt')
    """
    for pattern, vietnamese in _DOING:
        if pattern.fullmatch(doing):
            return pattern.sub(vietnamese, doing)
    return doing


def build_command(store: str | Path, *, samples: bool = False) -> str:
    """The command that builds a store in ``store``, quoted for a shell.

    >>> build_command("data/graph", samples=True)
    'python3 -m loader samples --store data/graph'
    >>> build_command("kho văn bản")
    "python3 -m loader TỆP_HOẶC_THƯ_MỤC... --store 'kho văn bản'"
    """
    return (SAMPLES_COMMAND if samples else BUILD_COMMAND).format(store=shlex.quote(str(store)))


# What the operating system says went wrong (its own words are English), by errno.
_OS_REASONS = {
    errno.ENOENT: "không có tệp hay thư mục đó",
    errno.EACCES: "không có quyền",
    errno.EPERM: "không được phép",
    errno.ENOSPC: "hết chỗ trên đĩa",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EISDIR: "đó là một thư mục",
    errno.EEXIST: "đã có tệp trùng tên",
    errno.ELOOP: "vòng lặp liên kết tượng trưng",
    errno.ENAMETOOLONG: "tên quá dài",
}


def os_reason(error: OSError) -> str:
    """Why the system refused a file, in Vietnamese when the error is a common one.

    >>> os_reason(PermissionError(errno.EACCES, "Permission denied"))
    'không có quyền'
    """
    return _OS_REASONS.get(error.errno or 0) or error.strerror or str(error)


# What SQLite says went wrong (inside the stores' messages), in Vietnamese.
_SQLITE_REASONS = {
    "file is not a database": "tệp không phải cơ sở dữ liệu SQLite",
    "database disk image is malformed": "tệp cơ sở dữ liệu bị hỏng",
    "database is locked": "kho đang bị một chương trình khác khóa",
    "unable to open database file": "không mở được tệp cơ sở dữ liệu",
    "attempt to write a readonly database": "kho chỉ cho đọc",
    "disk I/O error": "lỗi đọc ghi đĩa",
    "database or disk is full": "hết chỗ trên đĩa",
}


def _why(reason: str) -> str:
    return _SQLITE_REASONS.get(reason, reason)


def _no_store(m: re.Match[str]) -> str:
    return f"không có kho dữ liệu ở {m['store']}; dựng kho bằng: {build_command(m['store'])}"


def _cannot(m: re.Match[str]) -> str:
    return f"{m['where']}: không {doing_vi(m['doing'])} được: {_why(m['why'])}"


def _unreadable(m: re.Match[str]) -> str:
    return f"{m['path']}: không phải kho dữ liệu đọc được ({_why(m['why'])})"


def _unreachable(m: re.Match[str]) -> str:
    return (
        f"{m['uri']}: không có máy chủ Neo4j nào trả lời (không {doing_vi(m['doing'])} được); "
        "máy chủ đã chạy chưa? (máy chủ dùng thử: python3 -m neo4j_server start)"
    )


def _silent(m: re.Match[str]) -> str:
    return (
        f"{m['uri']}: máy chủ Neo4j không trả lời sau {m['seconds']} giây (không "
        f"{doing_vi(m['doing'])} được); máy chủ có đang bị dừng hay quá tải không?"
    )


def _not_allowed(m: re.Match[str]) -> str:
    return f"{m['uri']}: không được phép {doing_vi(m['doing'])}: {m['why']}"


# (the store's message, its Vietnamese line): a template with the pattern's groups, or a function
# of the match. First match wins, so the specific forms come before "X: cannot DOING: WHY".
STORE_MESSAGES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"no graph store at (?P<store>.+); build one with .*"), _no_store),
    (
        re.compile(r"(?P<path>.+): cannot create the store directory: (?P<why>.+)"),
        r"\g<path>: không tạo được thư mục kho: \g<why>",
    ),
    (re.compile(r"(?P<path>.+): not a readable graph store \((?P<why>.+)\)"), _unreadable),
    (
        re.compile(r"(?P<path>.+): an SQLite file, but not a graph store"),
        r"\g<path>: là tệp SQLite nhưng không phải kho dữ liệu của chương trình",
    ),
    (
        re.compile(
            r"(?P<path>.+): graph store version (?P<old>.+), this program reads version "
            r"(?P<new>\d+); .*"
        ),
        r"\g<path>: kho phiên bản \g<old>, chương trình này đọc phiên bản \g<new>; hãy nạp lại "
        "các văn bản vào một thư mục --store mới",
    ),
    (
        re.compile(r"(?P<uri>\S+): no Neo4j server answers \(cannot (?P<doing>.+?)\); .*"),
        _unreachable,
    ),
    (
        re.compile(
            r"(?P<uri>\S+): the Neo4j server has not answered for (?P<seconds>\S+) s "
            r"\(cannot (?P<doing>.+?)\); .*"
        ),
        _silent,
    ),
    (
        re.compile(r"(?P<uri>\S+): the Neo4j server refused the user name or password; .*"),
        r"\g<uri>: máy chủ Neo4j từ chối tên người dùng hoặc mật khẩu; hãy đặt NEO4J_USERNAME "
        "và NEO4J_PASSWORD",
    ),
    (
        re.compile(r"(?P<uri>\S+): the server has no database (?P<db>.+?); set NEO4J_DATABASE .*"),
        r"\g<uri>: máy chủ không có cơ sở dữ liệu \g<db>; hãy đặt NEO4J_DATABASE (máy chủ bản "
        "Community chỉ có 'neo4j')",
    ),
    (re.compile(r"(?P<uri>\S+): not allowed to (?P<doing>.+?): (?P<why>.+)"), _not_allowed),
    (
        re.compile(r"no Neo4j server named: .*"),
        "chưa chỉ định máy chủ Neo4j: dùng --neo4j URI hoặc đặt NEO4J_URI",
    ),
    (
        re.compile(r"(?P<uri>\S+): not a Neo4j URI \((?P<why>.+)\)"),
        r"\g<uri>: không phải địa chỉ máy chủ Neo4j (\g<why>)",
    ),
    (
        re.compile(r"(?P<uri>\S+): not a store: a URI, but not a Neo4j one .*"),
        r"\g<uri>: không phải kho dữ liệu: một địa chỉ, nhưng không phải của Neo4j (dùng "
        "bolt://MÁY:7687 hoặc neo4j+s://MÁY; http:// là cổng của Neo4j Browser, không phải của "
        "cơ sở dữ liệu)",
    ),
    (re.compile(r"(?P<where>.+?): cannot (?P<doing>.+?): (?P<why>.+)"), _cannot),
)


def store_message(error: StoreError) -> str:
    """The Vietnamese line saying what went wrong with the store.

    >>> from graph.store import StoreUnavailable
    >>> store_message(StoreUnavailable("no graph store at kho; build one with python -m loader …"))
    'không có kho dữ liệu ở kho; dựng kho bằng: python3 -m loader TỆP_HOẶC_THƯ_MỤC... --store kho'
    >>> store_message(StoreError("a failure nobody foresaw"))
    'lỗi kho dữ liệu: a failure nobody foresaw'
    """
    message = " ".join(str(error).split())
    for pattern, vietnamese in STORE_MESSAGES:
        if m := pattern.fullmatch(message):
            return m.expand(vietnamese) if isinstance(vietnamese, str) else vietnamese(m)
    return f"lỗi kho dữ liệu: {message}"


# -- why a mention is listed for a person to check ---------------------------------------------

# Stores loaded before the reasons were Vietnamese hold them in English (loader/relate.py).
_LEGACY_YEAR_UNKNOWN = re.compile(
    r"no date for (?P<number>.+) and no dated mention of it in this text"
)

# How a mention's status reads: "ambiguous" (which document is meant is unclear), "unresolved".
MENTION_STATUS_VI = {"ambiguous": "chưa rõ văn bản nào", "unresolved": "chưa xác định"}


def year_unknown_reason(number: str) -> str:
    """Why a year-less number ("Nghị quyết số 01/NQ-CP", when 01/NQ-CP of 2024 and of 2025
    exist) is listed for review: nothing in the text says which year's document it is.

    >>> year_unknown_reason("01/NQ-CP")
    'số hiệu không kèm năm: văn bản không ghi ngày của 01/NQ-CP ở lần nhắc nào'
    """
    return f"số hiệu không kèm năm: văn bản không ghi ngày của {number} ở lần nhắc nào"


def review_reason(reason: str) -> str:
    """A stored review reason in Vietnamese (one from an older load may be English).

    >>> review_reason("no date for 654/QĐ-TTg and no dated mention of it in this text")
    'số hiệu không kèm năm: văn bản không ghi ngày của 654/QĐ-TTg ở lần nhắc nào'
    >>> review_reason("số hiệu không đọc được")
    'số hiệu không đọc được'
    """
    if m := _LEGACY_YEAR_UNKNOWN.fullmatch(reason):
        return year_unknown_reason(m["number"])
    return reason
