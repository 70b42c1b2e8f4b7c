"""The errors of channel statistics: each is one line the CLI and the studio show as it is."""

from __future__ import annotations

from sendemast.errors import UsageError


class StatsImportError(UsageError):
    """An export that cannot be read as it stands; nothing of it was stored. ``path`` names the file."""

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message, hint=hint)
        self.path = path


class UnknownLayout(StatsImportError):
    """A file that is none of the layouts sendemast reads (a foreign workbook, a CSV of other columns)."""


class MissingSheet(StatsImportError):
    """A LinkedIn analytics workbook without a sheet it needs."""


class BadValue(StatsImportError):
    """A number or date in a cell that cannot be read, or dates that mix day-first and month-first."""
