"""Where the Graph page puts each node: a force layout, then no two boxes overlapping.

Computed here rather than in the browser so that the same view always gets the same picture (a
click that reruns the page moves nothing), and so that a test can check the picture without a
browser. Each node is a box: its disc, and its caption under it (``Quyết định 1437/QĐ-TTg (2024)``
is wider than any disc). The layout is Fruchterman–Reingold from rings around the centre (one ring
per hop, so a neighbourhood opens out from its centre), scaled so that an edge is about
:data:`EDGE_LENGTH` long; then overlapping boxes are pushed apart along the axis they overlap
least, until none overlaps. Four hundred nodes take a few tenths of a second.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

# Pixels between two nodes' boxes, and the length an edge is scaled to: long enough for an edge's
# caption ("Văn bản được triển khai thực hiện") to sit between two nodes.
GAP = 8.0
EDGE_LENGTH = 170.0
# Force-layout rounds: enough for four hundred nodes to untangle from their rings.
SPRING_ROUNDS = 60
# Rounds of pushing boxes apart before the whole picture is spread out (SPREAD) and tried again,
# in batches that each look at the pairs near one another when the batch begins.
PUSH_ROUNDS = 120
BATCH = 10
SPREAD = 1.15
# Beyond this many nodes the layout's pairwise arrays (n² numbers) stop being cheap, and nobody
# looks at the picture: the page draws at most 400 (views.network.MAX_NODES); the Export page asks
# views.network.graph_view for a whole view's documents. Those are set on a grid.
MAX_LAID_OUT = 1500
# The share of the picture the boxes may cover before the layout pushes them apart.
DENSITY = 0.4
SPREAD_TRIES = 30


@dataclass(frozen=True, slots=True)
class Box:
    """A node as the layout sees it: its disc's diameter and its caption's size under it."""

    size: float
    label_width: float = 0.0
    label_height: float = 0.0
    label_margin: float = 0.0

    @property
    def width(self) -> float:
        return max(self.size, self.label_width)

    @property
    def height(self) -> float:
        caption = self.label_margin + self.label_height if self.label_height else 0.0
        return self.size + caption

    @property
    def offset(self) -> float:
        """How far below the node's centre its box's centre is (the caption hangs below)."""
        return (self.height - self.size) / 2


def layout(
    ids: Sequence[str],
    boxes: Mapping[str, Box],
    edges: Sequence[tuple[str, str]],
    centre: str,
    distance: Mapping[str, int] | None = None,
) -> dict[str, tuple[float, float]]:
    """A position (pixels, the centre at 0, 0) for each node, no two boxes overlapping.

    Parameters
    ----------
    ids : sequence of str
        The nodes, in a fixed order (the layout is a function of its arguments).
    boxes : mapping of str to Box
        Each node's disc and caption.
    edges : sequence of (str, str)
        Pairs of nodes; an edge naming a node not in ``ids`` is ignored.
    centre : str
        The node that stays at (0, 0).
    distance : mapping of str to int, optional
        Hops from the centre: the ring each node starts on (1 for every node when not given).

    Examples
    --------
    >>> boxes = {i: Box(20, 60, 12, 3) for i in "abc"}
    >>> spots = layout("abc", boxes, [("a", "b"), ("a", "c")], "a")
    >>> spots["a"], overlaps(spots, boxes)
    ((0.0, 0.0), [])
    """
    order = list(dict.fromkeys(ids))
    if not order:
        return {}
    index = {node: k for k, node in enumerate(order)}
    fixed = index.get(centre, 0)
    width = np.array([boxes[i].width for i in order]) + GAP
    height = np.array([boxes[i].height for i in order]) + GAP
    offset = np.array([boxes[i].offset for i in order])
    if len(order) > MAX_LAID_OUT:
        spots = _grid(np.zeros((len(order), 2)), width, height, fixed)
        spots[:, 1] -= offset
        return _spots(order, spots - spots[fixed])
    pairs = np.array(
        [(index[a], index[b]) for a, b in edges if a in index and b in index and a != b],
        dtype=np.int64,
    ).reshape(-1, 2)
    unit = _spring(_rings(order, centre, distance or {}), pairs, fixed)
    spots = unit * max(_scale(unit, pairs), _room(unit, width, height))
    spots[:, 1] += offset  # work on the boxes' centres
    spots = _separate(spots, width, height, fixed)
    spots[:, 1] -= offset
    return _spots(order, spots - spots[fixed])


def _spots(order: list[str], spots: np.ndarray) -> dict[str, tuple[float, float]]:
    return {
        node: (round(float(x), 1), round(float(y), 1))
        for node, (x, y) in zip(order, spots, strict=True)
    }


def _rings(order: list[str], centre: str, distance: Mapping[str, int]) -> np.ndarray:
    """Starting positions: the centre at the origin, each hop on a ring around it."""
    rings: dict[int, list[int]] = {}
    for k, node in enumerate(order):
        if node != centre:
            rings.setdefault(max(distance.get(node, 1), 1), []).append(k)
    spots = np.zeros((len(order), 2))
    for hops, members in rings.items():
        for j, k in enumerate(members):
            # Each ring turned a little, so that no two rings line their nodes up.
            angle = 2 * math.pi * j / len(members) + hops * 0.7
            spots[k] = (hops * math.cos(angle), hops * math.sin(angle))
    return spots / max(len(rings), 1)


def _spring(start: np.ndarray, pairs: np.ndarray, fixed: int) -> np.ndarray:
    """Fruchterman–Reingold from ``start``, the node ``fixed`` held in place."""
    x = start[:, 0].astype(np.float32)
    y = start[:, 1].astype(np.float32)
    n = len(x)
    if n < 2:
        return start.copy()
    k2 = np.float32(1.0 / n)  # the ideal distance, squared, in a unit square
    k = math.sqrt(1.0 / n)
    step = 0.1
    cooling = step / (SPRING_ROUNDS + 1)
    a, b = pairs[:, 0], pairs[:, 1]
    for _ in range(SPRING_ROUNDS):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        force = dx * dx
        force += dy * dy
        np.maximum(force, np.float32(1e-4), out=force)
        np.divide(k2, force, out=force)
        px = (dx * force).sum(axis=1)
        py = (dy * force).sum(axis=1)
        if len(pairs):
            ax, ay = x[a] - x[b], y[a] - y[b]
            length = np.hypot(ax, ay) / k
            np.add.at(px, a, -ax * length)
            np.add.at(px, b, ax * length)
            np.add.at(py, a, -ay * length)
            np.add.at(py, b, ay * length)
        length = np.maximum(np.hypot(px, py), np.float32(0.01))
        factor = np.minimum(length, np.float32(step)) / length
        factor[fixed] = 0.0
        x += px * factor
        y += py * factor
        step -= cooling
    return np.stack([x, y], axis=1).astype(np.float64)


def _scale(unit: np.ndarray, pairs: np.ndarray) -> float:
    """Pixels per layout unit: the median edge :data:`EDGE_LENGTH` long."""
    if len(pairs):
        along = unit[pairs[:, 0]] - unit[pairs[:, 1]]
        median = float(np.median(np.hypot(along[:, 0], along[:, 1])))
    else:
        median = 1.0 / math.sqrt(max(len(unit), 1))
    return EDGE_LENGTH / max(median, 1e-6)


def _room(unit: np.ndarray, width: np.ndarray, height: np.ndarray) -> float:
    """Pixels per layout unit for the boxes to cover at most :data:`DENSITY` of the picture: at
    four hundred nodes the edges' length alone would pile the captions up."""
    extent = np.ptp(unit, axis=0) if len(unit) > 1 else np.ones(2)
    area = float(max(extent[0], 1e-6) * max(extent[1], 1e-6))
    return math.sqrt(float((width * height).sum()) / DENSITY / area)


def _separate(spots: np.ndarray, width: np.ndarray, height: np.ndarray, fixed: int) -> np.ndarray:
    """Boxes (centres ``spots``) pushed apart until none overlaps; ``fixed`` does not move.

    Each round looks only at the pairs that were near one another when the round's batch began
    (four hundred nodes make 80,000 pairs, of which a few hundred are near), then the whole
    picture is checked again.
    """
    spots = spots.copy()
    n = len(spots)
    if n < 2:
        return spots
    reach = float(max(width.max(), height.max()))
    for _ in range(SPREAD_TRIES):
        for _ in range(PUSH_ROUNDS // BATCH):
            i, j = _near(spots, width, height, reach)
            if not len(i):
                return spots
            for _ in range(BATCH):
                if not _push(spots, width, height, fixed, i, j):
                    break
        if not len(_near(spots, width, height, 0.0)[0]):
            return spots
        centre = spots[fixed].copy()
        spots = (spots - centre) * SPREAD + centre
    return _grid(spots, width, height, fixed)


def _near(
    spots: np.ndarray, width: np.ndarray, height: np.ndarray, margin: float
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) whose boxes, grown by ``margin``, overlap."""
    i, j = np.triu_indices(len(spots), 1)
    over_x = (width[i] + width[j]) / 2 + margin - np.abs(spots[j, 0] - spots[i, 0])
    over_y = (height[i] + height[j]) / 2 + margin - np.abs(spots[j, 1] - spots[i, 1])
    close = (over_x > 0) & (over_y > 0)
    return i[close], j[close]


def _push(
    spots: np.ndarray,
    width: np.ndarray,
    height: np.ndarray,
    fixed: int,
    i: np.ndarray,
    j: np.ndarray,
) -> bool:
    """One round on the pairs ``i``, ``j``: each overlapping pair parts along the axis it
    overlaps least, half the overlap each (a pixel more, so that touching boxes part too); a
    node pushed by several neighbours moves by their mean. Whether any pair overlapped."""
    dx = spots[j, 0] - spots[i, 0]
    dy = spots[j, 1] - spots[i, 1]
    over_x = (width[i] + width[j]) / 2 - np.abs(dx)
    over_y = (height[i] + height[j]) / 2 - np.abs(dy)
    hit = (over_x > 0) & (over_y > 0)
    if not hit.any():
        return False
    i, j, dx, dy, over_x, over_y = i[hit], j[hit], dx[hit], dy[hit], over_x[hit], over_y[hit]
    sideways = over_x <= over_y
    # Two nodes on the same spot part along x, the later one to the right.
    sx = np.where(dx == 0, 1.0, np.sign(dx))
    sy = np.where(dy == 0, 1.0, np.sign(dy))
    push = np.zeros((len(i), 2))
    push[:, 0] = np.where(sideways, sx * (over_x / 2 + 0.5), 0.0)
    push[:, 1] = np.where(sideways, 0.0, sy * (over_y / 2 + 0.5))
    moved = np.zeros_like(spots)
    np.add.at(moved, j, push)
    np.add.at(moved, i, -push)
    crowd = np.bincount(np.concatenate([i, j]), minlength=len(spots)).astype(float)
    moved /= np.maximum(crowd, 1.0)[:, None]
    moved[fixed] = 0.0
    spots += moved
    return True


def _grid(spots: np.ndarray, width: np.ndarray, height: np.ndarray, fixed: int) -> np.ndarray:
    """Box centres on a grid of cells as large as the largest box, in the order the nodes lie
    (row by row): no two boxes can share one. The last resort of :func:`_separate` (never needed
    in practice), and the whole layout beyond :data:`MAX_LAID_OUT` nodes."""
    n = len(spots)
    columns = max(1, math.ceil(math.sqrt(n)))
    cell_w, cell_h = float(width.max()), float(height.max())
    order = np.lexsort((spots[:, 0], np.round(spots[:, 1] / cell_h)))
    placed = np.zeros_like(spots)
    for rank, k in enumerate(order):
        placed[k] = ((rank % columns) * cell_w, (rank // columns) * cell_h)
    return placed - placed[fixed]


def overlaps(
    spots: Mapping[str, tuple[float, float]], boxes: Mapping[str, Box], gap: float = 0.0
) -> list[tuple[str, str]]:
    """Pairs of nodes whose boxes (at ``spots``) overlap, or come closer than ``gap``.

    >>> overlaps({"a": (0, 0), "b": (10, 0)}, {"a": Box(20), "b": Box(20)})
    [('a', 'b')]
    """
    found = []
    items = sorted(spots.items())
    for k, (a, (xa, ya)) in enumerate(items):
        ba = boxes[a]
        for b, (xb, yb) in items[k + 1 :]:
            bb = boxes[b]
            over_x = (ba.width + bb.width) / 2 + gap - abs(xa - xb)
            over_y = (ba.height + bb.height) / 2 + gap - abs((ya + ba.offset) - (yb + bb.offset))
            if over_x > 1e-6 and over_y > 1e-6:
                found.append((a, b))
    return found
