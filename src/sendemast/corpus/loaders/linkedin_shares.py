"""Past posts from the LinkedIn data export, ``Shares.csv``.

Columns ``Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility``; any ``.csv`` with the first
three is accepted, whatever its name. Rows with an empty ShareCommentary are reposts without a comment and
are skipped; a file with no post left raises :class:`CorpusError` saying why.

LinkedIn's quoting is odd: on top of normal CSV quoting, multi-line commentary often comes out with every
line wrapped in quotes and inner quotes doubled once more (``"Line 1"\\n""\\n"Line 3"``).
:func:`clean_commentary` undoes that, but only when every quote in the text is part of such escaping, so
that a post which merely starts and ends with a quotation keeps its quotes.
"""

from __future__ import annotations

import csv
import io
import re

from sendemast.corpus.documents import Document
from sendemast.corpus.loaders.fields import FieldError, iso_date, utc_time
from sendemast.corpus.loaders.posts import Post, post_documents
from sendemast.corpus.loaders.source import SourceFile

REQUIRED_COLUMNS = ("Date", "ShareLink", "ShareCommentary")
_QUOTE_RUN = re.compile(r'"+')


def load_linkedin_shares(src: SourceFile) -> list[Document]:
    """One post per row with commentary; ``source`` is ``{rel}#{ShareLink}`` (or the Date if no link)."""
    reader = csv.reader(io.StringIO(src.text(), newline=""))
    try:
        header = [column.strip() for column in next(reader, [])]
        for column in REQUIRED_COLUMNS:
            if column not in header:
                raise src.fail(f"not a LinkedIn Shares.csv: missing column {column}")
        index = {column: header.index(column) for column in REQUIRED_COLUMNS}
        posts = []
        reposts = 0
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            cells = {column: row[i].strip() if i < len(row) else "" for column, i in index.items()}
            text = clean_commentary(cells["ShareCommentary"])
            if not text:
                reposts += 1
                continue
            try:
                date = iso_date(cells["Date"], "Date")
            except FieldError as exc:
                raise src.fail(f"line {reader.line_num}: {exc}") from None
            link = cells["ShareLink"]
            posts.append(Post(text=text, post_id=link or cells["Date"] or f"line-{reader.line_num}",
                              date=date, channel="linkedin", url=link,
                              posted_at=utc_time(cells["Date"])))
    except csv.Error as exc:
        raise src.fail(f"malformed CSV at line {reader.line_num}: {exc}") from None
    if not posts:
        raise src.fail(f"no posts: all {reposts} rows are reposts without commentary" if reposts
                       else "no posts: only a header row")
    return post_documents(src.rel, posts)


def clean_commentary(raw: str) -> str:
    """ShareCommentary without LinkedIn's extra layer of quoting (see the module docstring)."""
    text = raw.strip()
    if '"' not in text:
        return text
    unwrapped = text
    if len(text) >= 2 and text[0] == text[-1] == '"':
        unwrapped = text[1:-1].replace('"\n"', "\n")
    if all(len(run) % 2 == 0 for run in _QUOTE_RUN.findall(unwrapped)):
        return unwrapped.replace('""', '"').strip()
    return text
