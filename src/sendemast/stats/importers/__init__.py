"""Read an analytics export, whatever its layout, into an :class:`~sendemast.stats.models.Export`.

Layouts: LinkedIn's analytics workbook (``.xlsx``; :mod:`.linkedin`), X's post analytics CSV (the
``account_analytics_content`` export and the older ``tweet_activity_metrics`` one; :mod:`.x_csv`) and the
plain CSV ``url,date,impressions,reactions,comments,reposts,clicks`` (:mod:`.plain_csv`). A file is
read whole before anything is stored, so a bad cell stops the import with nothing written.
"""

from __future__ import annotations

from pathlib import Path

from sendemast.stats.errors import StatsImportError, UnknownLayout
from sendemast.stats.models import Export

MAX_BYTES = 50 * 2**20


def read_export(path: Path) -> Export:
    if not path.is_file():
        raise StatsImportError(f"no such file: {path}")
    if path.stat().st_size > MAX_BYTES:
        raise StatsImportError("the file is over 50 MB; an analytics export is far smaller", path=path.name)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from sendemast.stats.importers.linkedin import read_linkedin

        return read_linkedin(path)
    if suffix in (".csv", ".txt", ".tsv"):
        from sendemast.stats.importers.csvfile import read_rows
        from sendemast.stats.importers.plain_csv import PLAIN_COLUMNS, matches_plain, read_plain
        from sendemast.stats.importers.x_csv import matches_x, read_x

        header, rows = read_rows(path)
        if matches_x(header):
            return read_x(path.name, header, rows)
        if matches_plain(header):
            return read_plain(path.name, header, rows)
        raise UnknownLayout(
            f"a CSV with the columns {', '.join(header[:8])}{' …' if len(header) > 8 else ''} is none of "
            "the layouts sendemast reads", path=path.name,
            hint=f"X's post analytics export, or a plain CSV with {','.join(PLAIN_COLUMNS)}")
    raise UnknownLayout(f"{suffix or 'a file without a suffix'} is not an analytics export sendemast reads",
                        path=path.name, hint="LinkedIn's .xlsx, X's .csv or the plain .csv")
