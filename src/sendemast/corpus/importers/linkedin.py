"""LinkedIn's data export: ``Shares.csv`` (in the export ZIP or on its own).

Rows without commentary are reposts: nothing of the leader's own to import. The CSV parsing and
LinkedIn's odd extra quoting are the posts loader's (``corpus/loaders/linkedin_shares.py``).
"""

from __future__ import annotations

import csv
import io

from sendemast.corpus.importers.records import Archive, ImportedPost
from sendemast.corpus.loaders.fields import FieldError, clean_text, iso_date
from sendemast.corpus.loaders.linkedin_shares import REQUIRED_COLUMNS, clean_commentary
from sendemast.errors import CorpusError


def read_shares(text: str, name: str) -> Archive:
    archive = Archive("linkedin")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip() for column in next(reader, [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise CorpusError(f"{name} is not a LinkedIn Shares.csv: missing column {missing[0]}")
        index = {column: header.index(column) for column in REQUIRED_COLUMNS}
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            cells = {column: row[i].strip() if i < len(row) else "" for column, i in index.items()}
            body = clean_text(clean_commentary(cells["ShareCommentary"]))
            if not body:
                archive.unreadable += 1  # a repost without a comment of one's own
                continue
            try:
                date = iso_date(cells["Date"], "Date")
            except FieldError as exc:
                raise CorpusError(f"{name}, line {reader.line_num}: {exc}") from None
            link = cells["ShareLink"]
            archive.posts.append(ImportedPost(id=link or f"{cells['Date']}#{reader.line_num}", text=body,
                                              date=date, channel="linkedin", url=link))
    except csv.Error as exc:
        raise CorpusError(f"{name}: malformed CSV at line {reader.line_num}: {exc}") from None
    return archive
