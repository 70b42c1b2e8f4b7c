"""A CSV file read whole: UTF-8 (with or without BOM) or UTF-16 as Excel saves it, comma, semicolon or
tab separated; the header and the non-empty rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sendemast.stats.errors import StatsImportError, UnknownLayout


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    raw = path.read_bytes()
    text = None
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None or "\x00" in text:
        raise UnknownLayout("not a text CSV file", path=path.name)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        lines = list(reader)
    except csv.Error as exc:
        raise StatsImportError(f"not a readable CSV ({exc})", path=path.name) from None
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise UnknownLayout("the CSV has no header row", path=path.name)
    header = [cell.strip() for cell in lines[0]]
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        rows.append((number, {name: (cells[i].strip() if i < len(cells) else "")
                              for i, name in enumerate(header)}))
    return header, rows


def column(header: list[str], *names: str) -> str | None:
    """The header's spelling of the first of ``names`` it has (case and spacing ignored)."""
    folded = {" ".join(h.lower().split()): h for h in header}
    for name in names:
        if name in folded:
            return folded[name]
    return None
