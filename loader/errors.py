"""Errors raised where input enters the loader; turned into one-line messages only at the edge."""

from __future__ import annotations


class LoaderError(Exception):
    """Base class: a text could not be loaded. ``str(error)`` names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class UnreadableFile(LoaderError):
    """The file cannot be read (missing, vanished mid-batch, no permission, a directory)."""


class EmptyFile(LoaderError):
    """The file holds no text (zero bytes, or only whitespace and page chrome)."""


class BinaryFile(LoaderError):
    """The file is not text (NUL bytes, a PDF, an image, a zip)."""


class FileTooLarge(LoaderError):
    """The file is larger than any legal text we expect (see ``loader.read.MAX_TEXT_BYTES``)."""


class UndecodableFile(LoaderError):
    """No supported encoding decodes the file."""


class UnsupportedFile(LoaderError):
    """The file's extension is not one the loader reads (``.txt``, ``.md``)."""
