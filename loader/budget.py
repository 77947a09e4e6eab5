"""The extraction budget: a text whose extraction runs away fails alone, and the batch goes on.

Extraction is meant to take time linear in the text (tests/test_growth.py), ~1 ms a KB. Until
issue 13, a 6 KB text with a run of 3,200 spaces between two citations (text copied out of a
PDF: ``Căn cứ Nghị định số 1/2020/NĐ-CP      …      của Chính phủ và Nghị định số 2/2020/NĐ-CP``)
took 213 s of CPU in one backtracking pattern and held its whole group of a hundred texts. The
patterns were rewritten; this guard is for the next one nobody has found yet.

The clock is the CPU time of the process (``ITIMER_PROF``), not the wall clock: a busy machine
shares its cores among processes, and a text must not fail because the box is loaded. When the
budget is spent, ``SIGPROF`` interrupts whatever runs, a regular expression's match included
(``re`` looks for signals while it backtracks), and :func:`extraction_budget` raises
:class:`loader.errors.ExtractionTooLong` naming the file. Signals reach only the main thread of
a process: that is where the loader's worker processes run their tasks, and where ``-j 1`` runs
them. Elsewhere (a Streamlit script thread) and on a platform without ``setitimer`` the guard
does nothing.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from loader.errors import ExtractionTooLong

# The CPU seconds one text's extraction may take (``python -m loader --extraction-budget``).
# The largest real text, a ~1 MB consolidated Nghị định, takes about one second; sixty leaves
# room for a slow machine and a text ten times larger than any seen, and still stops a runaway
# before it stalls a batch (issue 13's 6 KB text: 213 s).
EXTRACTION_BUDGET_SECONDS = 60.0


class _OverBudget(BaseException):
    """Raised by the SIGPROF handler: a BaseException, so that no ``except Exception`` (or
    ``except ValueError``) inside extraction can swallow it."""


_armed = False  # whether a budget is running: a SIGPROF delivered after it ended is ignored


def _on_sigprof(signum: int, frame: FrameType | None) -> None:
    if _armed:
        raise _OverBudget


def _quiet_unraisable(hook: Any) -> Any:
    """``sys.unraisablehook`` that drops an :class:`_OverBudget` raised where Python cannot
    propagate it (a generator finalised by the garbage collector): the budget fires again."""

    def unraisable(info: Any) -> None:
        if not isinstance(info.exc_value, _OverBudget):
            hook(info)

    return unraisable


def guard_available() -> bool:
    """Whether :func:`extraction_budget` can interrupt here (a main thread, ``setitimer``)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def describe_budget(seconds: float) -> str:
    """The problem a text over budget fails with.

    >>> describe_budget(60.0)
    'extraction took longer than 60 s'
    """
    return f"extraction took longer than {seconds:g} s"


def budget_seconds(seconds: float | None) -> float:
    """A budget as given, or :data:`EXTRACTION_BUDGET_SECONDS` for ``None`` (looked up when
    called, so that a test can lower it)."""
    return EXTRACTION_BUDGET_SECONDS if seconds is None else seconds


@contextmanager
def extraction_budget(path: str, seconds: float | None = None) -> Iterator[None]:
    """Run the block with ``seconds`` of CPU time (``None``: :data:`EXTRACTION_BUDGET_SECONDS`);
    raise :class:`ExtractionTooLong` naming ``path`` if it takes more. ``0``, or no way to
    interrupt here (see the module): no limit."""
    global _armed
    seconds = budget_seconds(seconds)
    if seconds <= 0 or not guard_available():
        yield
        return
    if signal.getsignal(signal.SIGPROF) is not _on_sigprof:
        # Installed and left: restoring the previous (default) handler could race with a signal
        # already on its way, and SIGPROF's default action ends the process.
        signal.signal(signal.SIGPROF, _on_sigprof)
    hook = sys.unraisablehook
    try:
        try:
            sys.unraisablehook = _quiet_unraisable(hook)
            _armed = True
            # Fires again every `seconds` after the first, in case the first landed where it
            # could not propagate (see _quiet_unraisable).
            signal.setitimer(signal.ITIMER_PROF, seconds, seconds)
            yield
        finally:
            _armed = False
            signal.setitimer(signal.ITIMER_PROF, 0)
            sys.unraisablehook = hook
    except _OverBudget:
        raise ExtractionTooLong(path, describe_budget(seconds)) from None
