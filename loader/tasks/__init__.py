"""Stage 6, tasks: the action items a directive, plan or meeting conclusion assigns.

For each task: its text, section and field (from the heading), lead agency ("X chủ trì"),
partners ("phối hợp với Y, Z"), deadline, and DEPENDS_ON edges to every document it cites.

One module per job: :mod:`~loader.tasks.words` (the word tables), :mod:`~loader.tasks.leads`
(who a sentence names as its doer, and which names are agencies), :mod:`~loader.tasks.deadlines`,
:mod:`~loader.tasks.structure` (sections and lines), :mod:`~loader.tasks.extract` (the
extractor) and :mod:`~loader.tasks.issuers` (ISSUED_BY edges).
"""

from __future__ import annotations

from loader.tasks.deadlines import parse_deadline
from loader.tasks.extract import TaskExtraction, extract_tasks

__all__ = ["TaskExtraction", "extract_tasks", "parse_deadline"]
