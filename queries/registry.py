"""The registry of named queries: name → function, summary and parameters.

The CLI (``python -m queries``) and the app build their menus from :data:`REGISTRY`; a test checks
that every entry is documented in the README and answers the same on every store.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

# Kinds of parameter a front end must know how to ask for:
# - "document": what a user types to name a document ("749/QĐ-TTg", "Luật Viễn thông 2023"),
#   resolved to an id with :func:`queries.documents.find` before the query runs;
# - "text": free text passed as is; "int": a whole number;
# - "relations": a set of relation types (``RelationType`` values), all of them when omitted;
# - "choice": one of ``Param.choices``;
# - "day": a day as people write it ("30/6/2025", "2025-06-30"), today when omitted.
PARAM_KINDS = frozenset({"document", "text", "int", "relations", "choice", "day"})


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a named query, after the store."""

    name: str
    kind: str
    help: str
    default: Any = None
    choices: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        """Documents and texts are what the query is about: always given, positionally."""
        return self.kind in ("document", "text")


@dataclass(frozen=True, slots=True)
class Query:
    """A named query: ``function(store, *args)``, its one-line summary and parameter spec."""

    name: str
    function: Callable[..., Any]
    summary: str
    params: tuple[Param, ...] = ()

    @property
    def doc(self) -> str:
        return self.function.__doc__ or ""


class RegistryError(Exception):
    """A query was registered wrongly (a programming error, raised at import time)."""


REGISTRY: dict[str, Query] = {}

F = TypeVar("F", bound=Callable[..., Any])


def query(name: str, params: tuple[Param, ...] = ()) -> Callable[[F], F]:
    """Register the decorated function as the named query ``name``; its docstring's first line
    is the summary the menus show."""

    def register(function: F) -> F:
        if name in REGISTRY:
            raise RegistryError(f"query {name!r} registered twice")
        summary = (function.__doc__ or "").strip().splitlines()
        if not summary:
            raise RegistryError(f"query {name!r} has no docstring")
        # Front ends call ``function(store, **{param.name: value})``: the spec must name the
        # function's own arguments.
        arguments = list(inspect.signature(function).parameters)[1:]
        for param in params:
            if param.kind not in PARAM_KINDS:
                raise RegistryError(f"query {name!r}: unknown parameter kind {param.kind!r}")
            if param.name not in arguments:
                raise RegistryError(f"query {name!r}: {param.name!r} is not an argument")
        REGISTRY[name] = Query(name=name, function=function, summary=summary[0], params=params)
        return function

    return register
