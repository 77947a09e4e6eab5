"""HTML and markdown made from document text, which comes from the web and is never trusted.

Every piece of text goes through :func:`html.escape` before it is joined with our own tags, so a
page that copied ``<script>`` or ``<img onerror=…>`` into a law's text shows those characters and
runs nothing. Labels that Streamlit renders as markdown (``st.page_link``) go through
:func:`plain_markdown` so a title such as ``Quyết định *khẩn* [1](javascript:…)`` is shown as typed.

A text saved as markdown (thuvienphapluat copies: the header as a table, ``|---|---|``, ``**Số
hiệu:**``) is shown as the text it is, not as its markup: :func:`source_syntax` finds the marks
of the syntax, and :func:`highlight` leaves them out (or draws a table's cell boundary as a gap)
while the text keeps its offsets, so the citations still land on their words. Nothing is rendered
from the text: the syntax is dropped, never obeyed.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

# Characters markdown gives a meaning to; a backslash makes each one literal.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")
# What GitHub-flavoured markdown makes a link of without any markdown character: a bare address
# ("http://…", "www.…", "ai@…"; backslashes do not stop it). A word joiner (U+2060, invisible)
# inside each breaks the pattern and nothing the reader sees.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(?=\\://)|(?<=\bwww)(?=\\\.)|(?<=@)")
WORD_JOINER = "\u2060"


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of a text to highlight: a citation (linked to the cited document) or a mention the
    loader could not pin down (``href`` None)."""

    start: int
    end: int
    title: str
    href: str | None = None
    kind: str = "citation"


@dataclass(frozen=True, slots=True)
class Syntax:
    """A span of a text that is markup (``**``, ``|``, ``# ``, a ``|---|`` line) and the HTML of
    ours shown instead: nothing, a line break, or a table's cell gap."""

    start: int
    end: int
    html: str = ""


# The cell boundary of a markdown table, drawn as a gap with a rule (views/document.py STYLE).
CELL_GAP = '<span class="cell"></span>'

# A table's separator line: "|---|---|", "|---|", "---|---", ":---:|".
_TABLE_RULE = re.compile(
    r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?)?[ \t]*(?:\n|$)", re.M
)
# A table row: a line that starts with "|".
_TABLE_ROW = re.compile(r"^[ \t]*\|.*$", re.M)
_HEADING = re.compile(r"^[ \t]*#{1,6}(?:[ \t]+|$)", re.M)
# "**Số hiệu:**", "**\nTHƯ VIỆN PHÁP LUẬT**" (copies wrap inside the markers, or leave one
# unpaired), "****" (an empty pair): every such run goes, but not a "********" rule under an
# issuer's name.
_STRONG = re.compile(r"(?<!\*)\*{2,4}(?!\*)")
# "*Chương trình* theo", "*Hà Tĩnh, ngày\n24 tháng 11 năm 2025 *", "*Chú thích: *", "* *": a
# pair within a paragraph, the closing one after a letter or at the end of a line; a bullet
# ("* Nhiệm vụ năm 2025", how texts write a task block) or a footnote mark ("Luật Thuế2*") is
# not one.
_EMPHASIS = re.compile(
    r"(?<![*\w])\*(?:[^*\n]|\n(?![ \t]*\n))*?"
    r"(?:(?<=\S)\*(?=[\s.,;:)]|$)|\*(?=[ \t]*(?:\n|$)))",
    re.M,
)
# "[Quyết định 749](https://…)" and "![logo](logo.png)": the words stay, the address goes.
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\s]*(?:[ \t]+\"[^\"\n]*\")?\)")
# Formatting tags a markdown copy carries over from the web page; any other tag (<script>,
# <img …>) is shown as the characters it is.
_FORMAT_TAG = re.compile(
    r"</?(?:b|i|u|em|strong|span|div|p|font|sup|sub|small|big|center)(?:[ \t][^<>\n]*)?>",
    re.I,
)
_LINE_BREAK = re.compile(r"<br[ \t]*/?>", re.I)
_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{1,6}|#[xX][0-9A-Fa-f]{1,6});")


def source_syntax(text: str) -> list[Syntax]:
    r"""The markup of a markdown (or web-copied) text: what :func:`highlight` leaves out.

    >>> text = "| Số: 01 | Hà Nội |\n|---|---|\n**Điều 1.** Nội dung"
    >>> spans = source_syntax(text)
    >>> [(text[s.start : s.end], s.html) for s in spans]  # doctest: +NORMALIZE_WHITESPACE
    [('| ', ''), (' | ', '<span class="cell"></span>'), (' |', ''), ('|---|---|\n', ''),
     ('**', ''), ('**', '')]
    """
    found: list[Syntax] = []
    rules = [(m.start(), m.end()) for m in _TABLE_RULE.finditer(text)]
    found.extend(Syntax(a, b) for a, b in rules)
    ruled = {a for a, _ in rules}
    for row in _TABLE_ROW.finditer(text):
        if (
            row.start() in ruled
            or row.start() + len(row.group(0)) - len(row.group(0).lstrip()) in ruled
        ):
            continue
        line = row.group(0)
        pipes = list(re.finditer(r"[ \t]*\|[ \t]*", line))
        for k, pipe in enumerate(pipes):
            first, last = k == 0, k == len(pipes) - 1 and not line[pipe.end() :].strip()
            gap = "" if first or last else CELL_GAP
            found.append(Syntax(row.start() + pipe.start(), row.start() + pipe.end(), gap))
    found.extend(Syntax(m.start(), m.end()) for m in _HEADING.finditer(text))
    found.extend(Syntax(m.start(), m.end()) for m in _STRONG.finditer(text))
    for m in _EMPHASIS.finditer(text):
        found.append(Syntax(m.start(), m.start() + 1))
        found.append(Syntax(m.end() - 1, m.end()))
    for m in _LINK.finditer(text):
        found.append(Syntax(m.start(), m.start(1)))
        found.append(Syntax(m.end(1), m.end()))
    found.extend(Syntax(m.start(), m.end()) for m in _FORMAT_TAG.finditer(text))
    found.extend(Syntax(m.start(), m.end(), "\n") for m in _LINE_BREAK.finditer(text))
    found.extend(
        Syntax(m.start(), m.end(), html.escape(html.unescape(m.group(0))))
        for m in _ENTITY.finditer(text)
    )
    # One reading of each character: the first span found keeps a place another overlaps.
    kept: list[Syntax] = []
    for span in sorted(found, key=lambda s: (s.start, -s.end)):
        if span.end > span.start and (not kept or span.start >= kept[-1].end):
            kept.append(span)
    return kept


class _Renderer:
    """Escapes ranges of one text, putting each syntax span wholly inside a range's HTML in place
    of its characters (a span cut by a mark's edge is shown as the characters it is)."""

    def __init__(self, text: str, syntax: Sequence[Syntax]) -> None:
        self.text = text
        self.syntax = sorted(syntax, key=lambda s: s.start)
        self.starts = [s.start for s in self.syntax]

    def __call__(self, lo: int, hi: int) -> str:
        parts: list[str] = []
        position = lo
        for span in self.syntax[bisect.bisect_left(self.starts, lo) :]:
            if span.start >= hi:
                break
            if span.end > hi or span.start < position:
                continue
            parts.append(html.escape(self.text[position : span.start]))
            parts.append(span.html)
            position = span.end
        parts.append(html.escape(self.text[position:hi]))
        return "".join(parts)


def document_href(page: str, doc_id: str) -> str:
    """A relative link to a page about a document: ``document?id=vn%3A01%2FCT-BTTTT%402024``."""
    return f"{page}?{urlencode({'id': doc_id})}"


def plain_markdown(text: str) -> str:
    """``text`` with every markdown character escaped, for labels Streamlit renders as markdown.

    >>> plain_markdown("Nghị định 43/2011/NĐ-CP [sửa đổi]")
    'Nghị định 43/2011/NĐ\\\\-CP \\\\[sửa đổi\\\\]'

    A bare address stays text too (markdown would make a link of it):

    >>> plain_markdown("xem http://attacker.example/p") == (
    ...     "xem http\\u2060\\\\://attacker\\\\.example/p")
    True
    """
    return _AUTOLINK.sub(WORD_JOINER, _MARKDOWN_SPECIAL.sub(r"\\\1", text))


def highlight(text: str, marks: Iterable[Mark], syntax: Sequence[Syntax] = ()) -> str:
    """``text`` as HTML, each mark wrapped in a link (or a highlight), everything escaped, and
    the ``syntax`` spans (:func:`source_syntax`) shown as their HTML instead of their characters.

    Marks that overlap one already placed are skipped (two edges proved by the same words), and
    marks outside the text are ignored, so stale offsets never break the page.

    >>> highlight("Căn cứ Luật <b>;", [Mark(7, 11, "Luật A", "?id=a")])
    'Căn cứ <a class="citation" href="?id=a" target="_self" title="Luật A">Luật</a> &lt;b&gt;;'
    """
    render = _Renderer(text, syntax)
    parts: list[str] = []
    position = 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.start < position or mark.end > len(text) or mark.end <= mark.start:
            continue
        parts.append(render(position, mark.start))
        words = render(mark.start, mark.end)
        title = html.escape(mark.title, quote=True)
        if mark.href is None:
            parts.append(f'<mark class="{mark.kind}" title="{title}">{words}</mark>')
        else:
            href = html.escape(mark.href, quote=True)
            parts.append(
                f'<a class="{mark.kind}" href="{href}" target="_self" title="{title}">{words}</a>'
            )
        position = mark.end
    parts.append(render(position, len(text)))
    return "".join(parts)
