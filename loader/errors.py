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
    """The file is larger than any legal text we expect (``loader.formats.FORMATS`` limits), or
    has more pages than a reader takes."""


class UndecodableFile(LoaderError):
    """No supported encoding decodes the file."""


class UnsupportedFile(LoaderError):
    """The file is not in a format the loader reads (an image, a spreadsheet, an unknown suffix)."""


class CorruptFile(LoaderError):
    """The file is in a format the loader reads but is damaged (a truncated .docx or PDF)."""


class ProtectedFile(LoaderError):
    """The file is password-protected or encrypted, so its text cannot be read."""


class MissingTool(LoaderError):
    """Reading the file needs a program that is not installed (antiword, Tesseract); the message
    names the Debian package to install."""


class ToolFailed(LoaderError):
    """A program the reader runs (antiword, Tesseract) failed or took longer than its limit."""


class NoLegalText(LoaderError):
    """The file was read but holds no legal text (a web page of site chrome only)."""


class IdentityConflict(LoaderError):
    """The text claims the identity of a loaded document (type, số hiệu, year) but does not share
    its wording: not merged (``loader.sources``)."""


class ExtractionTooLong(LoaderError):
    """Extracting the text took more CPU time than its budget (:mod:`loader.budget`)."""
