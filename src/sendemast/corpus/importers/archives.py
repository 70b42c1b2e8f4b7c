"""Which format a path is, and reading it whole: nothing is written until every post has been read.

A ZIP is opened with the standard library and only the members that hold posts are read, each with a
size limit checked before reading (an X archive's media can be gigabytes; its tweets are not).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

from sendemast.corpus.importers.records import Archive, ImportedPost
from sendemast.errors import CorpusError

MEMBER_MAX_BYTES = 256 * 2**20
_TWEETS = re.compile(r"tweets?(?:-part\d+)?\.js")
FORMATS = "a LinkedIn export ZIP or Shares.csv, an X archive ZIP or tweets.js, a Mastodon archive ZIP " \
          "or outbox.json, a Bluesky repo .car, or a .jsonl file"


def _text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise CorpusError(f"{name} is not UTF-8 text") from None


def _read_file(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MEMBER_MAX_BYTES:
        raise CorpusError(f"{path.name} is {size / 2**20:.0f} MB, over the {MEMBER_MAX_BYTES >> 20} MB limit")
    return path.read_bytes()


def read_archive(path: Path) -> Archive:
    """Every post in ``path``, or a CorpusError saying in one line why it cannot be read."""
    if not path.exists():
        raise CorpusError(f"{path} does not exist")
    if path.is_dir():
        raise CorpusError(f"{path} is a folder; give the export file itself ({FORMATS})")
    name = path.name.lower()
    try:
        if name.endswith(".zip") or zipfile.is_zipfile(path):
            return _read_zip(path)
        if name.endswith(".car"):
            from sendemast.corpus.importers.bluesky import read_car

            return read_car(_read_file(path), path.name)
        if name.endswith(".csv"):
            from sendemast.corpus.importers.linkedin import read_shares

            return read_shares(_text(_read_file(path), path.name), path.name)
        if _TWEETS.fullmatch(name):
            from sendemast.corpus.importers.x_twitter import read_tweets

            return read_tweets([(path.name, _text(_read_file(path), path.name))], None)
        if name.endswith(".json"):
            from sendemast.corpus.importers.mastodon import read_outbox

            return read_outbox(_text(_read_file(path), path.name), None, path.name)
        if name.endswith(".jsonl"):
            return _read_jsonl(_read_file(path), path)
    except OSError as exc:
        raise CorpusError(f"cannot read {path}: {exc.strerror or exc}") from None
    raise CorpusError(f"{path.name}: not a format sendemast imports (expected {FORMATS})")


def _read_jsonl(data: bytes, path: Path) -> Archive:
    from sendemast.corpus.loaders.json_lines import load_json_lines
    from sendemast.corpus.loaders.source import SourceFile

    documents = load_json_lines(SourceFile(path=path, rel=path.name, kind="posts", data=data))
    archive = Archive("jsonl")
    for doc in documents:
        meta = doc.metadata
        archive.posts.append(ImportedPost(
            id=doc.source.split("#", 1)[-1], text=doc.text, date=str(meta.get("date", "")),
            channel=str(meta.get("channel", "")), url=str(meta.get("url", ""))))
    return archive


def _read_zip(path: Path) -> Archive:
    try:
        with zipfile.ZipFile(path) as zf:
            members = {info.filename: info for info in zf.infolist() if not info.is_dir()}

            def read(member: str) -> str:
                info = members[member]
                if info.file_size > MEMBER_MAX_BYTES:
                    raise CorpusError(f"{path.name}: {member} is over the {MEMBER_MAX_BYTES >> 20} MB limit")
                with zf.open(info) as handle:
                    data = handle.read(MEMBER_MAX_BYTES + 1)
                return _text(data, f"{path.name}: {member}")

            by_name: dict[str, list[str]] = {}
            for member in sorted(members):
                by_name.setdefault(PurePosixPath(member).name.lower(), []).append(member)
            shares = by_name.get("shares.csv")
            if shares:
                from sendemast.corpus.importers.linkedin import read_shares

                return read_shares(read(shares[0]), f"{path.name}: {shares[0]}")
            tweets = [m for m in sorted(members) if _TWEETS.fullmatch(PurePosixPath(m).name.lower())
                      and PurePosixPath(m).parent.name == "data"]
            if tweets:
                from sendemast.corpus.importers.x_twitter import account_id, read_tweets

                account = next((m for m in by_name.get("account.js", [])), None)
                own = account_id(read(account), account) if account else None
                return read_tweets([(f"{path.name}: {m}", read(m)) for m in tweets], own)
            outbox = by_name.get("outbox.json")
            if outbox:
                from sendemast.corpus.importers.mastodon import read_outbox

                folder = PurePosixPath(outbox[0]).parent
                actor = str(folder / "actor.json") if folder.name else "actor.json"
                return read_outbox(read(outbox[0]), read(actor) if actor in members else None,
                                   f"{path.name}: {outbox[0]}")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise CorpusError(f"{path.name} is not a readable ZIP archive ({exc})") from None
    except (RuntimeError, NotImplementedError) as exc:  # encrypted members, unknown compression
        raise CorpusError(f"{path.name}: cannot read the archive ({exc})") from None
    raise CorpusError(
        f"{path.name} holds no posts sendemast knows: no Shares.csv (LinkedIn), data/tweets.js (X) or "
        "outbox.json (Mastodon)"
    )
