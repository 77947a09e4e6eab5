"""Quotations of a loaded text kept as where they are in it (the embedded store's layout).

An edge's evidence is the sentence around a reference, its whitespace squashed and, when long, cut
at a word with ``…`` (``loader/relate.py``, ``_Context.evidence``); a task's text is its paragraph,
squashed and cut the same way (``loader/tasks/extract.py``). Each is therefore
``squash(content[start:end])`` of the cleaned text the store keeps anyway, with ``…`` before or
after: the store keeps the span and its form (a :data:`Span`), not the sentence, and rebuilds it
on read with :func:`quote`. On 1,000 synthetic texts that was 176 bytes of evidence on every one
of 80,676 edges (29,927 distinct sentences); a span is five.

A span counts bytes of the text's UTF-8, the form the store compresses: a read decompresses a text
only up to the last span it needs and decodes only the sentences, not the whole text. Most
sentences are in the text as they are (94% of the synthetic corpus's) and are sliced; the others
(a sentence over a line break) are squashed again.

>>> content = "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6\\nnăm 2015;".encode()
>>> said = "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;"
>>> span = Quotes(content.decode()).span(said, near=7)
>>> span, quote(content, span) == said
((0, 70, 4), True)
"""

from __future__ import annotations

ELLIPSIS = "…"
# The bits of a :data:`Span`'s third member, its form: ``…`` before the words, ``…`` after them,
# their whitespace squashed.
CUT_BEFORE = 1
CUT_AFTER = 2
SQUASHED = 4

# (start, end, form): ``content[start:end]``, ``content`` the text's UTF-8, squashed if
# ``form & SQUASHED``, with ``…`` before it if ``form & CUT_BEFORE`` and after it if
# ``form & CUT_AFTER``.
Span = tuple[int, int, int]

# Characters between two UTF-8 offsets a text keeps (a 300-page Luật: 250 of them).
STRIDE = 4096


def quote(content: bytes, span: Span) -> str:
    """The quotation ``span`` stands for in ``content`` (a text's UTF-8, or the start of it up
    to the span's end at least).

    >>> quote("Thực hiện  Kế hoạch số 10/KH-UBND\\nngày 5/01/2024".encode(), (15, 49, 6))
    'Kế hoạch số 10/KH-UBND ngày…'
    """
    start, end, form = span
    said = content[start:end].decode("utf-8")
    if form & SQUASHED:
        said = " ".join(said.split())
    if form & CUT_BEFORE:
        said = ELLIPSIS + said
    if form & CUT_AFTER:
        said += ELLIPSIS
    return said


class Quotes:
    """Finds quotations in one text: :meth:`span` is the :data:`Span` of a sentence, or None.

    ``encoded``: the text's UTF-8 when the caller has it already.
    """

    def __init__(self, text: str, encoded: bytes | None = None) -> None:
        self.text = text
        self.content = text.encode("utf-8") if encoded is None else encoded
        # The UTF-8 length of the text before every STRIDE-th character: made when a quotation
        # spans a line break or a run of spaces, once per text.
        self._marks: list[int] | None = None
        # said -> (the UTF-8 length of its words, a search's start, the first place they are at
        # from it, its form): the references of one sentence share it as their evidence ("Căn cứ
        # Luật …; Nghị định …; Nghị định …": 2.7 edges a sentence in the synthetic corpus), each
        # looked for from its own offset, and a search from any start between the two finds
        # that place again.
        self._found: dict[str, tuple[int, int, int, int]] = {}

    def span(self, said: str, near: int = 0) -> Span | None:
        """Where ``said`` is quoted from, as :func:`quote` rebuilds it exactly; an occurrence that
        ends after ``near`` (a character offset) is preferred: the evidence of a reference at
        ``near`` is the sentence around it. None when no span gives ``said`` back (an ISSUED_BY
        edge's issuer where the text writes it otherwise)."""
        known = self._found.get(said)
        if known is not None:
            size, searched, at, cut = known
            if searched <= max(0, near - size) <= at:
                return (at, at + size, cut)
        forms = [(said, 0)]
        cut = (CUT_BEFORE if said.startswith(ELLIPSIS) else 0) | (
            CUT_AFTER if len(said) > 1 and said.endswith(ELLIPSIS) else 0
        )
        if cut:
            core = said[1 if cut & CUT_BEFORE else 0 : -1 if cut & CUT_AFTER else None]
            forms.insert(0, (core, cut))
        for core, cut in forms:  # the words as they are in the text: exact by construction
            plain = self._plain(core, near)
            if plain is not None:
                start, end, searched = plain
                if end > start:  # (the empty words of "…" are at 0, wherever looked for)
                    self._found[said] = (end - start, searched, start, cut)
                return (start, end, cut)
        for core, cut in forms:  # a sentence over a line break or a run of spaces
            found = self._squash(core, near)
            if found is not None and quote(self.content, (*found, cut | SQUASHED)) == said:
                return (*found, cut | SQUASHED)
        return None

    def _plain(self, core: str, near: int) -> tuple[int, int, int] | None:
        """(start, end) of the first place of ``core``'s UTF-8 from a little before ``near``, or
        from the start of the text if it is not there, and where that search started."""
        if not core:
            return (0, 0, 0)
        data = core.encode("utf-8")
        # A character offset is at most its byte offset: this starts before the sentence.
        start = max(0, near - len(data))
        at = self.content.find(data, start)
        if at < 0:
            # not from ``start`` on: the first place from 0 is also the first from anywhere
            # before it
            at, start = self.content.find(data), 0
        return None if at < 0 else (at, at + len(data), start)

    def _squash(self, core: str, near: int) -> tuple[int, int] | None:
        words = core.split(" ")
        text = self.text
        for origin in (max(0, near - 2 * len(core)), 0):
            at = text.find(words[0], origin)
            while at >= 0:
                end = self._words_at(words, at)
                if end is not None:
                    return self._byte(at), self._byte(end)
                at = text.find(words[0], at + 1)
        return None

    def _words_at(self, words: list[str], at: int) -> int | None:
        """Where ``words``, the first at ``at``, each of the others after some whitespace, end
        in the text; None if they are not there (a regular expression of them cost a
        millisecond to compile, for a task's 250 words)."""
        text = self.text
        end = at + len(words[0])
        for word in words[1:]:
            after = end
            while after < len(text) and text[after].isspace():
                after += 1
            if after == end or not text.startswith(word, after):
                return None
            end = after + len(word)
        return end

    def _byte(self, at: int) -> int:
        """The UTF-8 offset of the text's character ``at``."""
        text = self.text
        if self._marks is None:
            self._marks = [0]
            for start in range(0, len(text), STRIDE):
                self._marks.append(self._marks[-1] + len(text[start : start + STRIDE].encode()))
        before = at - at % STRIDE
        return self._marks[at // STRIDE] + len(text[before:at].encode("utf-8"))
