"""CPU time and peak memory of this process *and* the processes it started, for the benchmark.

``time.process_time()`` counts this process alone, and ``RUSAGE_CHILDREN`` only the children this
process has waited for. :func:`loader.pipeline.load_paths` extracts in worker processes started by
a multiprocessing *forkserver* (a child of this process that lives as long as it does): the
forkserver, not this process, waits for the workers, so their CPU time lands in the forkserver's
``cutime``/``cstime`` (``/proc/PID/stat``) and never reaches our ``RUSAGE_CHILDREN``; ``time
python -m loader`` undercounts a load the same way. :func:`tree_cpu_seconds` therefore adds, to
this process and the children it reaped, every live descendant's own time and its reaped
children's, read from ``/proc``. The same holds for memory: a worker's peak is known to the
forkserver only, so :func:`watched` samples the live descendants' ``VmHWM`` (each process's own
high-water mark) while it runs.

Linux only for the descendants (``/proc``); elsewhere they count as nothing.
"""

from __future__ import annotations

import os
import resource
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# How often watched() reads the descendants' peak memory. A worker's high-water mark only grows,
# so a late sample still sees it; only what a worker gains in the last interval of its life can
# be missed, and load_paths' workers live until the whole load is done.
SAMPLE_SECONDS = 0.2

_PROC = Path("/proc")
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
# /proc/PID/stat after the ")" that closes the command name: field 3 (state) is index 0, so
# utime, stime, cutime, cstime (fields 14–17) are indexes 11–14.
_UTIME_INDEX = 11


@dataclass(slots=True)
class Clock:
    """CPU and wall seconds, summed over every stretch timed with :meth:`timing`.

    >>> clock = Clock()
    >>> with clock.timing():
    ...     _ = sum(range(1000))
    >>> clock.cpu >= 0 and clock.wall >= 0
    True
    """

    cpu: float = 0.0
    wall: float = 0.0

    @contextmanager
    def timing(self) -> Iterator[None]:
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            yield
        finally:
            self.cpu += time.process_time() - cpu
            self.wall += time.perf_counter() - wall


def _children(pid: int) -> list[int]:
    """The live children of ``pid``: each thread lists the children it started."""
    found: list[int] = []
    try:
        threads = list((_PROC / str(pid) / "task").iterdir())
    except OSError:
        return found
    for thread in threads:
        try:
            found.extend(int(child) for child in (thread / "children").read_text().split())
        except (OSError, ValueError):
            continue  # the thread ended, or a kernel without CONFIG_PROC_CHILDREN
    return found


def descendants(pid: int | None = None) -> list[int]:
    """The live processes started by ``pid`` (this process by default), and by those, and so on."""
    found: list[int] = []
    waiting = _children(os.getpid() if pid is None else pid)
    while waiting:
        child = waiting.pop()
        found.append(child)
        waiting.extend(_children(child))
    return found


def _stat_seconds(pid: int) -> float:
    """CPU seconds of a live process and of the children it has waited for (0 if it is gone)."""
    try:
        fields = (_PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return sum(int(f) for f in fields[_UTIME_INDEX : _UTIME_INDEX + 4]) / _TICKS


def tree_cpu_seconds() -> float:
    """CPU seconds (user + system) of this process, the children it reaped, and every live
    descendant with the children each of them reaped. Take the difference of two readings; the
    processes of a pool must have ended (been joined) by the second one, or what they did since
    the last tick is missed."""
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    live = sum(_stat_seconds(pid) for pid in descendants())
    return time.process_time() + reaped.ru_utime + reaped.ru_stime + live


def _peak_kib(pid: int) -> int:
    """``VmHWM`` of a live process, in KiB (0 if it is gone)."""
    try:
        for line in (_PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def peak_rss_mb() -> float:
    """The largest peak resident memory, in MiB, of this process, of the children it reaped, and
    of the live descendants: the largest single process, not their sum."""
    mine = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    live = max((_peak_kib(pid) for pid in descendants()), default=0)
    return max(mine, reaped, live) / 1024


@dataclass(slots=True)
class Usage:
    """What :func:`watched` measured: CPU and wall seconds, and the peak memory in MiB."""

    cpu: float = 0.0
    wall: float = 0.0
    peak_mb: float = 0.0


@contextmanager
def watched() -> Iterator[Usage]:
    """Measure a stretch of work done here and in processes started from here.

    >>> with watched() as usage:
    ...     _ = sum(range(1000))
    >>> usage.cpu >= 0 and usage.peak_mb > 0
    True
    """
    usage = Usage()
    stop = threading.Event()
    peaks: dict[int, int] = {}  # pid -> largest VmHWM seen, KiB

    def sample() -> None:
        while not stop.wait(SAMPLE_SECONDS):
            for pid in descendants():
                peaks[pid] = max(peaks.get(pid, 0), _peak_kib(pid))

    sampler = threading.Thread(target=sample, name="bench-peak-memory", daemon=True)
    cpu, wall = tree_cpu_seconds(), time.perf_counter()
    sampler.start()
    try:
        yield usage
    finally:
        stop.set()
        sampler.join()
        usage.cpu = tree_cpu_seconds() - cpu
        usage.wall = time.perf_counter() - wall
        usage.peak_mb = max(peak_rss_mb(), max(peaks.values(), default=0) / 1024)
