"""Placeholder: the reader of this format is being written."""

from __future__ import annotations

from loader.errors import UnsupportedFile
from loader.formats import Decoded, Progress


def read_rtf(data: bytes, path: str, progress: Progress | None = None) -> Decoded:
    raise UnsupportedFile(path, "this format is not read yet")
