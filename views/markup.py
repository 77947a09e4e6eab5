"""HTML and markdown made from document text, which comes from the web and is never trusted.

Every piece of text goes through :func:`html.escape` before it is joined with our own tags, so a
page that copied ``<script>`` or ``<img onerror=…>`` into a law's text shows those characters and
runs nothing. Labels that Streamlit renders as markdown (``st.page_link``) go through
:func:`plain_markdown` so a title such as ``Quyết định *khẩn* [1](javascript:…)`` is shown as typed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

# Characters markdown gives a meaning to; a backslash makes each one literal.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of a text to highlight: a citation (linked to the cited document) or a mention the
    loader could not pin down (``href`` None)."""

    start: int
    end: int
    title: str
    href: str | None = None
    kind: str = "citation"


def document_href(page: str, doc_id: str) -> str:
    """A relative link to a page about a document: ``document?id=vn%3A01%2FCT-BTTTT%402024``."""
    return f"{page}?{urlencode({'id': doc_id})}"


def plain_markdown(text: str) -> str:
    """``text`` with every markdown character escaped, for labels Streamlit renders as markdown.

    >>> plain_markdown("Nghị định 43/2011/NĐ-CP [sửa đổi]")
    'Nghị định 43/2011/NĐ\\\\-CP \\\\[sửa đổi\\\\]'
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def highlight(text: str, marks: Iterable[Mark]) -> str:
    """``text`` as HTML, each mark wrapped in a link (or a highlight), everything escaped.

    Marks that overlap one already placed are skipped (two edges proved by the same words), and
    marks outside the text are ignored, so stale offsets never break the page.

    >>> highlight("Căn cứ Luật <b>;", [Mark(7, 11, "Luật A", "?id=a")])
    'Căn cứ <a class="citation" href="?id=a" target="_self" title="Luật A">Luật</a> &lt;b&gt;;'
    """
    parts: list[str] = []
    position = 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        if mark.start < position or mark.end > len(text) or mark.end <= mark.start:
            continue
        parts.append(html.escape(text[position : mark.start]))
        words = html.escape(text[mark.start : mark.end])
        title = html.escape(mark.title, quote=True)
        if mark.href is None:
            parts.append(f'<mark class="{mark.kind}" title="{title}">{words}</mark>')
        else:
            href = html.escape(mark.href, quote=True)
            parts.append(
                f'<a class="{mark.kind}" href="{href}" target="_self" title="{title}">{words}</a>'
            )
        position = mark.end
    parts.append(html.escape(text[position:]))
    return "".join(parts)
