"""A pasted thread, as comments: blank-line separated blocks (each may start "Navn:") or JSON Lines.

Text copied from LinkedIn, X, Bluesky or Mastodon arrives as blocks of lines; an author's name before a
colon on the first line is taken as the author. JSON Lines give ``{"author", "text"}`` per line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sendemast.errors import UsageError

# "Inge Mortensen: …", "Sara Kamp, Fjordmark Avis: …", "@jens@mastodon.social: …": a name-like head of
# at most eight words and no sentence punctuation, before the first colon of the block.
_AUTHOR = re.compile(r"^\s*(?P<name>[@\w][\w .,'’\-@]{0,80}?)\s*:\s+(?P<rest>\S.*)$", re.DOTALL)
# Limits both faces share (the CLI and the studio's form): a thread is a page of comments, not an archive.
MAX_THREAD_CHARS = 30_000
MAX_COMMENTS = 200
_NOT_NAMES = frozenset({"ps", "nb", "obs", "fx", "link", "https", "http", "note", "update", "edit", "svar"})


@dataclass(frozen=True)
class Comment:
    """One comment: its place in the thread (1-based), who wrote it (may be empty) and what."""

    index: int
    author: str
    text: str

    @property
    def first_name(self) -> str:
        """The name to address the commenter by: the first word of a person's name, else empty."""
        name = self.author.split(",")[0].strip().lstrip("@")
        if not name or "@" in name or any(c.isdigit() for c in name):
            return ""
        first = name.split()[0]
        return first if first[:1].isupper() and len(name.split()) <= 4 else ""


def _split_author(block: str) -> tuple[str, str]:
    match = _AUTHOR.match(block)
    if match:
        name = match.group("name").strip()
        words = name.replace(",", " ").split()
        if 0 < len(words) <= 8 and name.lower() not in _NOT_NAMES and not name.lower().startswith("http"):
            return name, match.group("rest").strip()
    return "", block.strip()


def _from_jsonl(text: str) -> list[Comment]:
    comments: list[Comment] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"thread line {number}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row["text"].strip():
            raise UsageError(f'thread line {number}: expected an object with "text" (and "author")')
        author = row.get("author") or ""
        comments.append(Comment(len(comments) + 1, str(author).strip(), row["text"].strip()))
    return comments


def parse_thread(text: str) -> list[Comment]:
    """The comments of ``text``; an empty thread is a UsageError."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\ufeff")
    if not text.strip():
        raise UsageError("the thread is empty: paste comments separated by blank lines, or JSON Lines")
    if len(text) > MAX_THREAD_CHARS:
        raise UsageError(f"the thread is too long: {len(text)} characters (at most {MAX_THREAD_CHARS})")
    if text.lstrip().startswith("{"):
        comments = _from_jsonl(text)
    else:
        blocks = [b.strip() for b in re.split(r"\n[ \t]*\n", text) if b.strip()]
        comments = []
        for block in blocks:
            author, body = _split_author(block)
            if body:
                comments.append(Comment(len(comments) + 1, author, " ".join(body.split())))
    if not comments:
        raise UsageError("the thread has no comments")
    if len(comments) > MAX_COMMENTS:
        raise UsageError(f"the thread has {len(comments)} comments (at most {MAX_COMMENTS}): split it")
    return comments


def pick(comments: list[Comment], number: int | None) -> list[Comment]:
    """All comments, or only comment ``number`` (1-based), with a clear error when there is none."""
    if number is None:
        return comments
    if not 1 <= number <= len(comments):
        raise UsageError(f"no comment {number}: the thread has {len(comments)}")
    return [comments[number - 1]]
