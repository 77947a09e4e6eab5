"""Errors the named queries raise; the CLI and the app turn them into one-line messages."""

from __future__ import annotations


class QueryError(Exception):
    """Base class: a query cannot answer as asked."""


class UnknownDocument(QueryError):
    """No document in the store has this id, or matches what the user typed."""


class AmbiguousDocument(QueryError):
    """What the user typed matches several documents (``01/CT-BTTTT`` of 2020, 2024 and 2025)."""


class UnknownRelation(QueryError):
    """A relation name that is not a :class:`graph.model.RelationType`."""


class InvalidArgument(QueryError):
    """A parameter outside its range (a negative depth, an unknown direction)."""
