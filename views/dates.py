"""Dates as a Vietnamese reader writes them: ``20/01/2024`` on every page, ``tháng 7/2019`` on
the Timeline's axis.

The store keeps ISO days (``2024-01-20``, what the export and the queries compare); a page shows
them through :func:`display_date`. Plotly names months in English ("Jul 2019") unless told
otherwise, and the locale files that would translate them are not part of Streamlit's plotly.js:
:data:`AXIS_TICK_FORMATS` writes every zoom level with numbers and Vietnamese words only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from graph.status import format_day

# A tick's format by the distance between ticks (plotly's tickformatstops: milliseconds, or "M1"
# / "M12" for a month and a year): days under a month apart, months under a year, else years.
_DAY_MS = 24 * 60 * 60 * 1000
AXIS_TICK_FORMATS: tuple[dict[str, Any], ...] = (
    {"dtickrange": [None, 28 * _DAY_MS], "value": "%d/%m/%Y"},
    {"dtickrange": [28 * _DAY_MS, "M12"], "value": "tháng %m/%Y"},
    {"dtickrange": ["M12", None], "value": "năm %Y"},
)


def display_date(value: str | None) -> str | None:
    """An ISO day as ``dd/mm/yyyy``; a bare year, or a date written some other way, as it is.

    >>> display_date("2024-01-20"), display_date("2024"), display_date(None)
    ('20/01/2024', '2024', None)
    """
    if not value:
        return value
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return value
    return format_day(value)
