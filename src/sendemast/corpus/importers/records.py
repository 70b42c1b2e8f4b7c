"""What every importer returns: the posts it found, each marked when it is a reply to others or a repost."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ImportedPost:
    id: str  # the platform's id (a ShareLink, an id_str, a status or at:// URI): unique in its archive
    text: str
    date: str = ""  # ISO date
    channel: str = ""
    url: str = ""
    reply: bool = False  # a reply to someone else (a reply to oneself is a thread, and kept)
    repost: bool = False  # a repost, retweet or boost of someone else's words

    def record(self) -> dict[str, str]:
        """The JSON Lines record the posts loader reads back (corpus/loaders/json_lines.py)."""
        return {"id": self.id, "text": self.text, "date": self.date, "channel": self.channel,
                "url": self.url}


@dataclass
class Archive:
    """An archive read whole: its format, its posts, and what it left out before the reply filter."""

    format: str  # linkedin, x, mastodon, bluesky, jsonl
    posts: list[ImportedPost] = field(default_factory=list)
    unreadable: int = 0  # entries with no text of their own (media only, a repost without comment)
