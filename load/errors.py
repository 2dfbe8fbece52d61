"""The one exception a loader raises for an input that cannot become a report."""

from __future__ import annotations


class LoadError(Exception):
    """An input that cannot become a report. The message names the problem, not the file."""
