"""RTF, also the RTF files that portals serve named ``.doc`` (the format is sniffed from the bytes).

A small RTF reader of its own rather than striprtf: a Vietnamese RTF spells its letters three
ways in one paragraph, and each needs the font it is in. TT 02/2010/TT-BKH, saved by Word 2003,
writes "Căn cứ Luật Đấu thầu" as::

    {\\f392 C\\'e3n c}{\\u7913\\'3f Lu\\u7853\\'3f}{\\f392 t \\'d0}{\\u7845\\'3fu ...

- ``\\uN`` is a Unicode letter (negative N for code points over 32767), followed by ``\\ucN``
  characters of fallback for older readers (the ``\\'3f``, a "?") that must be skipped;
- ``\\'xx`` is a byte in the code page of the run's *font*: ``\\f392`` is "Times New Roman CE"
  (``\\fcharset238``, Windows-1250, where 0xE3 is "ă" and 0xD0 "Đ"), ``\\f400`` "Times New Roman
  (Vietnamese)" (``\\fcharset163``, Windows-1258); striprtf decodes every byte in one code page;
- runs in the legacy ``.VnTime`` / ``VNI-Times`` fonts are TCVN3 / VNI (:mod:`.legacy`).

Pictures (``\\pict``, in hex: 1.4 of that file's 1.5 MB), headers, footers, footnotes, field
instructions and the other destinations that are not body text are jumped over whole. Paragraphs
end lines; table rows are laid out by :func:`loader.formats.word.layout_table`, like ``.docx``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace
from functools import partial

from loader.errors import CorruptFile
from loader.formats import Decoded, Progress
from loader.formats.legacy import LegacyEncoding, font_encoding
from loader.formats.word import finish_text, layout_table

__all__ = ["read_rtf"]

# One token: a control word (letters, an optional signed number, and the one space that may end
# it), a hex byte, a control symbol, a brace, line ends (which RTF ignores), or a run of text.
_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"
    rb"|\\'([0-9a-fA-F]{2})"
    rb"|\\(.)"  # after the two above: any other character, even a malformed \'zz
    rb"|([{}])"
    rb"|[\r\n]+"
    rb"|([^\\{}\r\n]+)",
    re.DOTALL,
)
# What the skipping of a group looks at: braces, escaped braces and backslashes, and \binN (raw
# bytes, which may hold braces).
_BRACES = re.compile(rb"\\[\\{}]|\\bin(\d+) ?|[{}]")

# Destinations that are not body text, skipped with everything in them. Any destination starred
# ("{\*\...") that is not known is skipped too, as the RTF specification asks.
_SKIPPED = frozenset(
    b"fonttbl colortbl stylesheet info pict nonshppict object objdata header headerl headerr "
    b"headerf footer footerl footerr footerf footnote annotation fldinst xe tc txe rxe pntxta "
    b"pntxtb listtable listoverridetable revtbl rsidtbl themedata colorschememapping datastore "
    b"latentstyles filetbl pgdsctbl xmlnstbl mmathPr nonesttables ftnsep ftnsepc aftnsep "
    b"aftnsepc ftncn aftncn private userprops docvar generator template datafield "
    b"wgrffmtfilter passwordhash shpinst shprslt".split()
)

# \fcharsetN → the code page of the font's \'xx bytes (the RTF specification's table).
_CHARSET_CODEPAGES = {
    77: "mac_roman",
    128: "cp932",
    129: "cp949",
    130: "johab",
    134: "gbk",
    136: "big5",
    161: "cp1253",
    162: "cp1254",
    163: "cp1258",
    177: "cp1255",
    178: "cp1256",
    186: "cp1257",
    204: "cp1251",
    222: "cp874",
    238: "cp1250",
    254: "cp437",
    255: "cp437",
}
# Charsets 0 (ANSI) and 1 (default) mean the document's own code page, \ansicpgN.
_DOCUMENT_CHARSETS = (0, 1)
_DEFAULT_CODEPAGE = "cp1252"

# Control words that stand for a character.
_SYMBOLS = {
    b"tab": "\t",
    b"line": "\n",  # a soft line break: "BỘ TÀI CHÍNH⏎Số: 07/2010/TT-BTC" in one cell
    b"emdash": "—",
    b"endash": "–",
    b"bullet": "•",
    b"lquote": "‘",
    b"rquote": "’",
    b"ldblquote": "“",
    b"rdblquote": "”",
    b"emspace": " ",
    b"enspace": " ",
    b"qmspace": " ",
    b"zwj": "\u200d",
    b"zwnj": "\u200c",
}
_CONTROL_SYMBOLS = {b"~": "\xa0", b"_": "-", b"-": "", b"\\": "\\", b"{": "{", b"}": "}"}
_PARAGRAPH_ENDS = frozenset((b"par", b"sect", b"page"))


@dataclass(frozen=True, slots=True)
class _Font:
    codepage: str | None  # None: the document's \ansicpg
    legacy: tuple[LegacyEncoding, bool] | None = None  # a .VnTime / VNI-Times font


@dataclass(slots=True)
class _State:
    """What a group carries and restores when it closes."""

    font: _Font = field(default_factory=lambda: _Font(None))
    skip_per_unicode: int = 1  # \ucN
    in_table: bool = False  # \intbl of the paragraph


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.codepage = _DEFAULT_CODEPAGE
        self.fonts: dict[int, _Font] = {}
        self.default_font: int | None = None
        self.state = _State()
        self.stack: list[_State] = []
        self.skip = 0  # fallback characters still to skip after a \uN
        # The text being built: bytes waiting for their code page, the paragraph, the table.
        self.pending = bytearray()
        self.pending_font: _Font | None = None
        self.paragraph: list[str] = []
        self.cell: list[str] = []
        self.row: list[list[str]] = []
        self.rows: list[list[list[str]]] = []
        self.lines: list[str] = []
        self.open_groups = 0
        self.converted: list[LegacyEncoding] = []  # the legacy encodings of runs converted

    def read(self) -> list[str]:
        data, pos, end = self.data, 0, len(self.data)
        group_start = False  # the last token opened a group: a destination word may follow
        starred = False
        while pos < end:
            match = _TOKEN.match(data, pos)
            if match is None:  # a lone backslash at the very end
                break
            pos = match.end()
            word, number, hex_byte, symbol, brace, text = match.groups()
            if word is not None:
                if group_start and (word in _SKIPPED or starred):
                    skip = self._font_table if word == b"fonttbl" else partial(_skip_group, data)
                    pos = skip(pos)
                    self._close_group()
                    group_start = starred = False
                    continue
                group_start = starred = False
                self._control(word, number)
            elif hex_byte is not None:
                group_start = False
                if self.skip:
                    self.skip -= 1
                else:
                    self._byte(int(hex_byte, 16))
            elif symbol is not None:
                if symbol == b"*" and group_start:
                    starred = True  # an ignorable destination follows
                    continue
                group_start = False
                if self.skip:
                    self.skip -= 1
                elif symbol in b"\r\n":  # a backslash ending a line is a \par
                    self._end_paragraph()
                elif symbol in _CONTROL_SYMBOLS:
                    self._text(_CONTROL_SYMBOLS[symbol])
            elif brace is not None:
                self.skip = 0
                if brace == b"{":
                    self.stack.append(replace(self.state))
                    self.open_groups += 1
                    group_start, starred = True, False
                else:
                    self._close_group()
                    group_start = False
            elif text is not None:
                group_start = False
                if self.skip:
                    dropped = min(self.skip, len(text))
                    self.skip -= dropped
                    text = text[dropped:]
                if text:
                    self._bytes(text)
        self._end_paragraph()
        self._end_table()
        return self.lines

    # --- groups and control words -----------------------------------------------------------

    def _close_group(self) -> None:
        if self.stack:
            self.state = self.stack.pop()
            self.open_groups -= 1

    def _control(self, word: bytes, number: bytes | None) -> None:
        value = int(number) if number is not None else None
        if word == b"u" and value is not None:
            self._flush()
            self.paragraph.append(chr(value + 0x10000 if value < 0 else value))
            self.skip = self.state.skip_per_unicode
            return
        if self.skip:  # a control word inside the fallback counts as one character of it
            self.skip -= 1
            return
        if word == b"uc" and value is not None:
            self.state.skip_per_unicode = value
        elif word == b"f" and value is not None:
            self.state.font = self.fonts.get(value, _Font(None))
        elif word == b"plain" and self.default_font is not None:
            self.state.font = self.fonts.get(self.default_font, _Font(None))
        elif word == b"ansicpg" and value is not None:
            self.codepage = _codepage(value) or self.codepage
        elif word == b"deff" and value is not None:
            self.default_font = value
        elif word in _PARAGRAPH_ENDS:
            self._end_paragraph()
        elif word == b"pard":
            self.state.in_table = False
        elif word == b"intbl":
            self.state.in_table = True
        elif word == b"itap":
            self.state.in_table = bool(value)
        elif word == b"cell":
            self._end_paragraph(in_cell=True)
            self.row.append(self.cell)
            self.cell = []
        elif word == b"nestcell":
            self._end_paragraph(in_cell=True)  # a nested table's cells are lines of the outer one
        elif word == b"row":
            self._flush()
            if self.cell:  # text after the row's last \cell
                self.row.append(self.cell)
                self.cell = []
            self.rows.append(self.row)
            self.row = []
        elif word in _SYMBOLS:
            self._text(_SYMBOLS[word])

    def _font_table(self, pos: int) -> int:
        """Read ``{\\fonttbl {\\f0\\fcharset0 Times New Roman;} …}`` from ``pos``; return the
        position after it."""
        depth = 1
        number: int | None = None
        charset: int | None = None
        codepage: str | None = None
        name = bytearray()
        data = self.data
        while depth and pos < len(data):
            match = _TOKEN.match(data, pos)
            if match is None:
                break
            pos = match.end()
            word, value, hex_byte, symbol, brace, text = match.groups()
            if brace == b"{":
                depth += 1
                following = _TOKEN.match(data, pos)
                if following is not None and following.group(4) == b"*":
                    pos = _skip_group(data, following.end())  # {\*\panose …}, {\*\falt …}
                    depth -= 1
            elif brace == b"}":
                depth -= 1
            elif word == b"f" and value is not None:
                number, charset, codepage, name = int(value), None, None, bytearray()
            elif word == b"fcharset" and value is not None:
                charset = int(value)
            elif word == b"cpg" and value is not None:
                codepage = _codepage(int(value))
            elif hex_byte is not None:
                name.append(int(hex_byte, 16))
            elif text is not None and number is not None:
                name.extend(text)
                if b";" in name:
                    font_name = bytes(name.split(b";")[0]).decode("latin-1").strip()
                    if codepage is None and charset not in (None, *_DOCUMENT_CHARSETS):
                        codepage = _CHARSET_CODEPAGES.get(charset or 0)
                    self.fonts[number] = _Font(codepage, font_encoding(font_name))
                    number = None
        if self.default_font is not None:
            self.state.font = self.fonts.get(self.default_font, self.state.font)
        return pos

    # --- text -------------------------------------------------------------------------------

    def _byte(self, value: int) -> None:
        font = self.state.font
        if self.pending and self.pending_font != font:
            self._flush()
        self.pending_font = font
        self.pending.append(value)

    def _bytes(self, text: bytes) -> None:
        # Plain text in the file is ASCII, except in old files written by hand; it joins the
        # pending bytes so that a VNI letter split as "Vie\'e4t" is converted whole.
        font = self.state.font
        if self.pending and self.pending_font != font:
            self._flush()
        self.pending_font = font
        self.pending.extend(text)

    def _text(self, text: str) -> None:
        self._flush()
        self.paragraph.append(text)

    def _flush(self) -> None:
        if not self.pending:
            return
        font = self.pending_font or _Font(None)
        raw = bytes(self.pending)
        self.pending.clear()
        if font.legacy is not None:
            encoding, capitals = font.legacy
            if encoding not in self.converted:
                self.converted.append(encoding)
            text = encoding.convert(raw.decode("latin-1"))
            self.paragraph.append(text.upper() if capitals else text)
            return
        codec = font.codepage or self.codepage
        self.paragraph.append(codecs.decode(raw, codec, errors="replace"))

    def _end_paragraph(self, in_cell: bool = False) -> None:
        self._flush()
        # \uN of code points over U+FFFF come as two surrogates ("\u-10179\u-8869"): pair them.
        text = "".join(self.paragraph).encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        self.paragraph = []
        if in_cell or self.state.in_table:
            self.cell.extend(text.split("\n"))
            return
        self._end_table()
        self.lines.extend(text.split("\n"))

    def _end_table(self) -> None:
        if self.cell:
            self.row.append(self.cell)
            self.cell = []
        if self.row:
            self.rows.append(self.row)
            self.row = []
        if self.rows:
            self.lines.extend(layout_table(self.rows))
            self.lines.append("")
            self.rows = []


def _codepage(number: int) -> str | None:
    name = f"cp{number}"
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def _skip_group(data: bytes, pos: int) -> int:
    """The position after the group that is open at ``pos`` (its opening brace already read)."""
    depth = 1
    while depth:
        match = _BRACES.search(data, pos)
        if match is None:
            return len(data)
        pos = match.end()
        if match.group(1) is not None:
            pos += int(match.group(1))  # \binN: N raw bytes follow
        elif match.group() == b"{":
            depth += 1
        elif match.group() == b"}":
            depth -= 1
    return pos


# An RTF reader this simple still reads a document cut short; more than this many groups left
# open at the end means the file lost its end, which the reader says.
MAX_OPEN_GROUPS_AT_END = 1


def read_rtf(data: bytes, path: str, progress: Progress | None = None) -> Decoded:
    r"""The text of an RTF document (see the module).

    >>> read_rtf(rb"{\rtf1\ansi\uc1 C\u259\'3fn c\u7913\'3f\par}", "x.rtf").text
    'Căn cứ\n'
    """
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise CorruptFile(path, "is not an RTF document: it does not start with {\\rtf")
    reader = _Reader(data)
    lines = reader.read()
    warnings = [encoding.warning for encoding in reader.converted]
    if reader.open_groups > MAX_OPEN_GROUPS_AT_END:
        warnings.append("the RTF document ends early (cut short?): its end may be missing")
    return finish_text(lines, "rtf", warnings)
