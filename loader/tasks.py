"""Stage 6, tasks: the action items a directive, plan or meeting conclusion assigns.

For each task: its text, section and field (from the heading), lead agency ("X chủ trì"),
partners ("phối hợp với Y, Z"), deadline, and DEPENDS_ON edges to every document it cites.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model import Agency, Edge, Task
from loader.parse import ParsedText
from loader.relate import Citations


@dataclass(slots=True)
class TaskExtraction:
    """Tasks of one text, the agencies they name, and their edges (HAS_TASK from the text's own
    document, DEPENDS_ON to cited documents, LED_BY / SUPPORTED_BY to agencies, ISSUED_BY from the
    document to its issuer)."""

    tasks: list[Task] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def extract_tasks(parsed: ParsedText, citations: Citations) -> TaskExtraction:
    """The tasks ``parsed`` assigns; ``citations.spans`` says which documents each one cites."""
    return TaskExtraction()
