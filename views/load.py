"""Load: upload texts into the current store, with a result or an error for every file; take a
loaded file out again.

An upload goes through the loader's own stages (``loader.read.read_bytes`` → ``extract`` → one
store transaction), so a text uploaded here and the same text loaded by ``python -m loader`` give
the same graph: an exact copy of a loaded text writes nothing ("Văn bản này đã có trong kho"),
another file of a loaded document is recorded as one more source of it, and a bad file is
reported while the others still load.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import streamlit as st

from graph.messages import store_message
from graph.store import GraphStore, StoreError, TextRecord, WriteResult
from loader import errors
from loader.formats import FORMATS, MAX_FILE_BYTES, MIB, Progress
from loader.pipeline import load_source, remove_source
from loader.read import read_bytes
from views import session
from views.markup import document_href, plain_markdown

# Uploaded texts are keyed as "upload/<file name>": uploading a corrected file of the same name
# replaces what the earlier one asserted, as re-loading a changed file does.
UPLOAD_PREFIX = "upload/"

DOCUMENT_URL = session.URL_PATHS[session.DOCUMENT_PAGE]

LOADED = "Đã nạp"
UNCHANGED = "Không đổi (đã nạp trước đó)"
COPY = "Đã có trong kho"
SAME_DOCUMENT = "Một tệp khác của văn bản đã nạp"
FAILED = "Lỗi"

# What the uploader takes: every suffix of every format the loader reads (it sniffs the bytes
# anyway: an RTF file named .doc is read as RTF).
UPLOAD_TYPES = [suffix.lstrip(".") for f in FORMATS.values() for suffix in f.suffixes]

# Why a file was refused, in Vietnamese, by error class (the loader's own message is English,
# for the command line). One row per LoaderError subclass: a test checks that none is missing.
REFUSALS: dict[type[errors.LoaderError], str] = {
    errors.UnreadableFile: "Không đọc được tệp",
    errors.EmptyFile: "Tệp không có nội dung văn bản",
    errors.BinaryFile: "Tệp không phải văn bản (tệp nhị phân)",
    errors.FileTooLarge: "Tệp quá lớn so với một văn bản pháp luật",
    errors.UndecodableFile: "Không nhận ra bảng mã của tệp: hãy lưu lại dưới dạng UTF-8",
    errors.UnsupportedFile: "Không phải định dạng văn bản mà chương trình đọc được",
    errors.CorruptFile: "Tệp bị hỏng, không đọc được",
    errors.ProtectedFile: "Tệp có mật khẩu bảo vệ: hãy gỡ mật khẩu rồi nạp lại",
    errors.MissingTool: "Máy chưa cài công cụ cần để đọc loại tệp này",
    errors.ToolFailed: "Công cụ đọc tệp gặp lỗi hoặc chạy quá thời gian cho phép",
    errors.NoLegalText: "Trang không chứa văn bản pháp luật",
    errors.IdentityConflict: (
        "Trùng số hiệu với một văn bản đã có trong kho nhưng nội dung khác, nên không gộp: hãy "
        "kiểm tra số hiệu, hoặc gỡ tệp kia khỏi kho trước"
    ),
    errors.ExtractionTooLong: (
        "Phân tích văn bản quá thời gian cho phép; tệp khác vẫn được nạp (hãy báo lại tệp này)"
    ),
}

# The Debian packages a missing tool comes in, as the loader's message names them.
_PACKAGES = re.compile(r"apt-get install ((?:[a-z0-9][\w.+-]*)(?: [a-z0-9][\w.+-]*)*)")
_OTHER_FILE = re.compile(r"already loaded from (.+?), but")

# What the readers warn of, in Vietnamese, by how their English warning starts.
WARNINGS: tuple[tuple[str, str], ...] = (
    ("decoded as Windows-1258", "đã đọc theo bảng mã Windows-1258: hãy kiểm tra dấu"),
    ("converted from TCVN3", "đã chuyển từ bảng mã TCVN3 (ABC): hãy kiểm tra dấu"),
    ("converted from VNI", "đã chuyển từ bảng mã VNI: hãy kiểm tra dấu"),
)
_OTHER_WARNING = "có cảnh báo khi đọc tệp"
OCR_NOTE = "đọc bằng OCR từ bản quét: hãy đối chiếu số hiệu và ngày tháng với bản giấy"

# The formats, for the page's caption: "văn bản thuần (.txt, .md), trang web (.html), …".
FORMAT_NAMES = ", ".join(f.name_vi for f in FORMATS.values())

# The largest file the loader reads (a scanned PDF), in MiB: the uploader refuses a larger one
# before sending it (.streamlit/config.toml's server.maxUploadSize is the same number).
MAX_UPLOAD_MIB = MAX_FILE_BYTES // MIB


def size_limits() -> str:
    """Each format's own limit, as the uploader states it: "tối đa mỗi tệp: .txt, .md 20 MB; …".

    >>> size_limits().split("; ")[0]
    'Tối đa mỗi tệp: .txt, .md 20 MB'
    """
    by_size: dict[int, list[str]] = {}
    for fmt in FORMATS.values():
        by_size.setdefault(fmt.max_bytes // MIB, []).extend(fmt.suffixes)
    limits = "; ".join(f"{', '.join(s)} {mib} MB" for mib, s in sorted(by_size.items()))
    return f"Tối đa mỗi tệp: {limits}"


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def uploader_style() -> str:
    """CSS that puts Vietnamese on the uploader Streamlit draws in English: its button
    ("Upload") and its line of limits ("200MB per file • TXT, MD, …"), by their test ids. The
    words drawn while a file is dragged over it and the per-file refusals ("File must be …") have
    no hook and stay English; the page's caption says the same in Vietnamese."""
    dropzone = "[data-testid=stFileUploaderDropzone]"
    button = f"{dropzone} button [data-testid=stMarkdownContainer] p"
    limits = f"{dropzone} [data-testid=stFileUploaderDropzoneInstructions] span"
    return (
        "<style>"
        f"{button}, {limits} {{font-size: 0}}"
        f"{button}::after {{content: {_css_string('Chọn tệp')}; font-size: .875rem}}"
        f"{limits}::after {{content: {_css_string(size_limits())}; font-size: .875rem}}"
        "</style>"
    )


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one uploaded file."""

    file: str
    result: str
    doc_id: str | None = None
    detail: str = ""


def refusal(error: errors.LoaderError) -> str:
    """Why a file was refused, for the officer: Vietnamese, and the package to install or the
    file it conflicts with when the loader named one."""
    reason = REFUSALS.get(type(error), "Không nạp được tệp")
    if isinstance(error, errors.MissingTool) and (found := _PACKAGES.search(error.problem)):
        reason += f" (cài đặt: sudo apt-get install {found.group(1)})"
    if isinstance(error, errors.IdentityConflict) and (found := _OTHER_FILE.search(error.problem)):
        reason += f" (tệp đã có: {found.group(1).removeprefix(UPLOAD_PREFIX)})"
    return reason


def warning_text(warning: str) -> str:
    """A reader's warning in Vietnamese."""
    return next((vi for en, vi in WARNINGS if warning.startswith(en)), _OTHER_WARNING)


def outcome_of(result: WriteResult, label: str) -> Outcome:
    """An upload's :class:`Outcome` from what the loader did; ``label`` names its document."""
    name = result.source_path.removeprefix(UPLOAD_PREFIX)
    if result.copy_of is not None:
        where = result.copy_of.removeprefix(UPLOAD_PREFIX)
        detail = f"Văn bản này đã có trong kho: {label} (tệp {where}); không ghi gì thêm"
        return Outcome(name, COPY, result.doc_id, detail)
    if result.unchanged:
        return Outcome(name, UNCHANGED, result.doc_id)
    if result.same_as is not None:
        kept = result.same_as.removeprefix(UPLOAD_PREFIX)
        detail = (
            f"Cùng văn bản {label} với tệp {kept}, tệp đó vẫn là bản chính; tệp này được ghi "
            "nhận là một nguồn khác của văn bản"
        )
        return Outcome(name, SAME_DOCUMENT, result.doc_id, detail)
    detail = f"+{result.edges_added} / −{result.edges_removed} quan hệ"
    if result.demoted is not None:
        demoted = result.demoted.removeprefix(UPLOAD_PREFIX)
        detail += f"; thay tệp {demoted} làm bản chính của văn bản"
    return Outcome(name, LOADED, result.doc_id, detail)


def load_upload(
    store: GraphStore, name: str, data: bytes, progress: Progress | None = None
) -> Outcome:
    """Load one uploaded file; a problem with the file is an :class:`Outcome`, not an exception.

    Store errors (disk full, server gone) are not the file's fault and propagate.
    """
    try:
        source = read_bytes(data, UPLOAD_PREFIX + name, progress)
        result = load_source(store, source)
    except errors.LoaderError as exc:
        return Outcome(name, FAILED, detail=refusal(exc))
    except StoreError:
        raise
    except Exception as exc:  # noqa: BLE001 - an extractor bug on one upload must not stop the rest
        return Outcome(name, FAILED, detail=f"lỗi nội bộ ({type(exc).__name__})")
    document = store.document(result.doc_id)
    outcome = outcome_of(result, document.label if document else result.doc_id)
    notes = [OCR_NOTE] if source.ocr else []
    notes += [warning_text(w) for w in source.warnings]
    if notes and outcome.result == LOADED:
        detail = "; ".join([outcome.detail, *notes])
        outcome = Outcome(outcome.file, outcome.result, outcome.doc_id, detail)
    return outcome


def load_uploads(
    store: GraphStore, files: Iterable[tuple[str, bytes]], progress: Progress | None = None
) -> list[Outcome]:
    return [load_upload(store, name, data, progress) for name, data in files]


def show_outcomes(store: GraphStore, outcomes: list[Outcome]) -> None:
    failed = sum(o.result == FAILED for o in outcomes)
    summary = f"{len(outcomes) - failed} tệp nạp được, {failed} tệp lỗi."
    (st.warning if failed else st.success)(summary)
    labels = {d.id: d.label for d in store.documents({o.doc_id for o in outcomes if o.doc_id})}
    st.dataframe(
        [
            {
                "Tệp": o.file,
                "Kết quả": o.result,
                "Văn bản": labels.get(o.doc_id, o.doc_id) if o.doc_id else "",
                "Chi tiết": o.detail,
                "Mở": document_href(DOCUMENT_URL, o.doc_id) if o.doc_id else None,
            }
            for o in outcomes
        ],
        hide_index=True,
        width="stretch",
        column_config={"Mở": st.column_config.LinkColumn("Mở", display_text="Xem văn bản")},
    )


def text_choice(record: TextRecord, labels: dict[str, str]) -> str:
    """How a loaded file is offered for removal: its name, its document, and its role."""
    name = record.source_path.removeprefix(UPLOAD_PREFIX)
    role = "bản chính" if record.same_as is None else "tệp khác của văn bản"
    return f"{name} — {labels.get(record.doc_id, record.doc_id)} ({role})"


def render_removal(store: GraphStore) -> None:
    """Take one loaded file out of the store (``python -m loader remove PATH``)."""
    st.subheader("Gỡ văn bản khỏi kho")
    if message := st.session_state.pop("remove_message", None):
        st.success(message)
    records = list(store.texts())
    if not records:
        st.caption("Kho chưa có văn bản nào.")
        return
    labels = {d.id: d.label for d in store.documents({r.doc_id for r in records})}
    choices = {text_choice(r, labels): r.source_path for r in records}
    st.caption(
        "Gỡ một tệp lấy đi các quan hệ và nhiệm vụ nó khai báo; văn bản còn lại dưới dạng "
        '"chỉ được dẫn chiếu" nếu văn bản khác còn dẫn chiếu nó. Nếu văn bản còn tệp khác '
        "trong kho, tệp tốt nhất trong số đó trở thành bản chính."
    )
    with st.form("remove"):
        chosen = st.selectbox(
            "Tệp cần gỡ",
            list(choices),
            index=None,
            key="remove_choice",
            placeholder="Chọn một tệp đã nạp",
        )
        submitted = st.form_submit_button("Gỡ khỏi kho")
    if submitted and chosen:
        removal = remove_source(store, choices[chosen])
        message = f"Đã gỡ {choices[chosen].removeprefix(UPLOAD_PREFIX)} khỏi kho."
        if removal.promoted is not None:
            promoted = removal.promoted.removeprefix(UPLOAD_PREFIX)
            message += f" Tệp {promoted} nay là bản chính của văn bản."
        st.session_state["remove_message"] = message
        st.rerun()
    elif submitted:
        st.warning("Chưa chọn tệp nào để gỡ.")


def render() -> None:
    st.title("Nạp văn bản")
    store = session.current_store()
    if store is None:
        return
    st.html(uploader_style())
    st.caption(
        f"Kho: {session.store_location()}. Đọc được: {FORMAT_NAMES}; bản quét PDF được đọc bằng "
        "OCR. Nạp lại một tệp cùng tên thay thế các quan hệ nó đã khai báo; một bản sao của văn "
        "bản đã có không ghi gì thêm."
    )
    with st.form("upload", clear_on_submit=True):
        files = st.file_uploader(
            "Chọn văn bản (kéo thả tệp vào ô dưới đây, hoặc bấm Chọn tệp)",
            type=UPLOAD_TYPES,
            accept_multiple_files=True,
            key="uploads",
            help=size_limits(),
            max_upload_size=MAX_UPLOAD_MIB,
        )
        submitted = st.form_submit_button("Nạp vào kho")
    if submitted and files:
        bar = st.progress(0.0, text="Đang nạp…")

        def pages(done: int, total: int) -> None:
            bar.progress(done / total, text=f"Đang đọc bản quét bằng OCR: trang {done}/{total}")

        try:
            outcomes = load_uploads(store, ((f.name, f.getvalue()) for f in files), pages)
        except StoreError as exc:
            # The store's message names uploaded files: text, never markdown.
            st.error(plain_markdown(f"Kho dữ liệu lỗi, dừng nạp: {store_message(exc)}"))
            return
        finally:
            bar.empty()
        st.session_state["load_outcomes"] = outcomes
    elif submitted:
        st.warning("Chưa chọn tệp nào.")
    if shown := st.session_state.get("load_outcomes"):
        show_outcomes(store, shown)
    render_removal(store)


if __name__ == "__main__":
    render()
