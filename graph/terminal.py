"""Text from documents and file names made safe to print on a terminal.

A stored document may hold anything its file held, and a file name anything the file system
allows: an escape sequence clears the screen, moves the cursor, or writes a hyperlink; a
bidirectional override makes a line read other than it is. The command-line tools print such
text through :func:`printable`, which writes each of these characters as its ``\\uXXXX`` escape
(the same escape JSON uses, so a JSON answer stays valid JSON and means the same).
"""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, C1 controls, the bidirectional embeddings, overrides
# and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""``text`` with every character a terminal would act on written as its escape.

    >>> printable("Quyết định\x1b[2J 749/QĐ-TTg\tdòng\nsau")
    'Quyết định\\u001b[2J 749/QĐ-TTg\tdòng\nsau'
    >>> printable("a\u202eb")
    'a\\u202eb'
    """
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
