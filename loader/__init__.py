"""Texts → documents, citations and tasks.

The pipeline is one module per stage (``read`` → ``parse`` → ``find`` → ``resolve`` → ``relate``);
each stage is a pure function of the previous stage's output and only :func:`load_text` /
:func:`load_paths` touch a store.
"""

from loader.pipeline import (
    LoadReport,
    extract,
    load_paths,
    load_source,
    load_text,
    remove_document,
    remove_source,
)

__all__ = [
    "LoadReport",
    "extract",
    "load_paths",
    "load_source",
    "load_text",
    "remove_document",
    "remove_source",
]
