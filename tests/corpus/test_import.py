"""``sendemast import``: export archives built from the platforms' published formats, imported for one
leader of the example organisation, found for her and not for her colleague; re-imports and broken
archives change nothing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from sendemast.corpus.importers import read_archive
from sendemast.errors import CorpusError
from tests.support.archives import (
    ACTOR,
    OWN_X_ID,
    bluesky_car,
    linkedin_zip,
    mastodon_zip,
    note,
    tweet,
    x_zip,
)
from tests.support.cli import run_cli

cli = run_cli


def _imported(ws: Path, leader: str = "hanne") -> list[Path]:
    folder = ws / "leaders" / leader / "posts" / "imported"
    return sorted(folder.glob("*")) if folder.is_dir() else []


def _search(capsys: Any, monkeypatch: Any, ws: Path, leader: str, query: str) -> list[dict[str, Any]]:
    code, out, err = cli(capsys, monkeypatch, "-w", str(ws), "search", "--leader", leader, "--kind", "posts",
                         query, "--json", "-k", "5")
    assert code == 0, err
    return list(json.loads(out)["results"])


LINKEDIN_ROWS = [
    ("2026-03-02 08:00:00", "7430000000000000001",
     "Kvæsthavnstræning: hele akutteamet øvede sig i snevejr. ☕ /Hanne"),
    ("2026-03-09 08:00:00", "7430000000000000002", ""),  # a repost without a comment of her own
    ("2026-03-16 08:00:00", "7430000000000000003", "Rosenkålsfest på Fjordly. 31 om bordet 🍽️ /Hanne"),
]


def test_a_linkedin_export_zip_lands_with_one_leader_only(
        copy_of_ingested: Path, tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    archive = linkedin_zip(tmp_path / "Basic_LinkedInDataExport.zip", LINKEDIN_ROWS)
    code, out, err = cli(capsys, monkeypatch, "-w", str(copy_of_ingested), "import", str(archive),
                         "--leader", "hanne", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert (summary["imported"], summary["skipped"], summary["duplicates"]) == (2, 1, 0)
    assert summary["ingest"]["failed"] == [] and summary["ingest"]["added"] >= 1
    assert [p.suffix for p in _imported(copy_of_ingested)] == [".jsonl"]
    hits = _search(capsys, monkeypatch, copy_of_ingested, "hanne", "kvæsthavnstræning")
    assert "Kvæsthavnstræning" in hits[0]["text"]
    assert all("leaders/hanne/" in h["source"] for h in hits)
    others = _search(capsys, monkeypatch, copy_of_ingested, "birgitte", "kvæsthavnstræning")
    assert not any("Kvæsthavnstræning" in h["text"] for h in others)
    # A second import of the same archive adds nothing, and the index is untouched.
    code, out, err = cli(capsys, monkeypatch, "-w", str(copy_of_ingested), "import", str(archive),
                         "-l", "hanne", "--json")
    again = json.loads(out)
    assert code == 0, err
    assert (again["imported"], again["duplicates"]) == (0, 2)
    assert again["ingest"]["added"] == again["ingest"]["updated"] == again["ingest"]["removed"] == 0
    assert len(_imported(copy_of_ingested)) == 1


def test_an_x_archive_leaves_out_replies_and_retweets_unless_asked(
        copy_of_ingested: Path, tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    parts = [
        [tweet("1700000000000000001", "Morgenmøde med nattevagten i Distrikt Vest: snefnug og stearinlys ❄️"),
         tweet("1700000000000000002", "RT @fjordmark: Ny sygeplejeklinik åbner i dag"),
         tweet("1700000000000000003", "Tak, godt spørgsmål! Svar følger.", reply_to_user="42")],
        [tweet("1700000000000000004", "2/2 Og stearinlysene var elektriske. Brandvæsnet kan slappe af 😅",
               reply_to_user=OWN_X_ID)],  # her own thread: kept
    ]
    archive = x_zip(tmp_path / "twitter-2026-03-20.zip", parts)
    code, out, err = cli(capsys, monkeypatch, "-w", str(copy_of_ingested), "-l", "hanne", "import",
                         str(archive), "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert (summary["imported"], summary["skipped"], summary["duplicates"]) == (2, 2, 0)
    texts = [json.loads(line)["text"] for p in _imported(copy_of_ingested)
             for line in p.read_text(encoding="utf-8").splitlines()]
    assert any("snefnug" in t for t in texts) and any("elektriske" in t for t in texts)
    assert not any(t.startswith("RT @") or "godt spørgsmål" in t for t in texts)
    hits = _search(capsys, monkeypatch, copy_of_ingested, "hanne", "snefnug stearinlys")
    assert any("snefnug" in h["text"] for h in hits)
    assert not any("snefnug" in h["text"] for h in
                   _search(capsys, monkeypatch, copy_of_ingested, "birgitte", "snefnug stearinlys"))
    code, out, _ = cli(capsys, monkeypatch, "-w", str(copy_of_ingested), "import", str(archive), "-l",
                       "hanne", "--include-replies", "--json")
    summary = json.loads(out)
    assert code == 0 and (summary["imported"], summary["duplicates"]) == (2, 2)


def _zip_with(name: str, text: str) -> Any:
    def make(path: Path) -> None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(name, text)
    return make


@pytest.mark.parametrize("make, problem", [
    (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "not a readable ZIP archive"),
    (_zip_with("README.txt", "hej"), "holds no posts sendemast knows"),
    (_zip_with("data/tweets.js", "window.YTD.tweets.part0 = [{"), "invalid JSON"),
    (_zip_with("Shares.csv", "Name,Email\nHanne,h@x.dk\n"), "missing column Date"),
])
def test_a_broken_or_foreign_archive_is_one_line_and_copies_nothing(
        example_workspace: Path, tmp_path: Path, capsys: Any, monkeypatch: Any, make: Any,
        problem: str) -> None:
    archive = tmp_path / "export.zip"
    make(archive)
    code, out, err = cli(capsys, monkeypatch, "-w", str(example_workspace), "import", str(archive),
                         "-l", "hanne")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and problem in err, err
    assert _imported(example_workspace) == []
    assert not (example_workspace / ".sendemast" / "chroma").exists()  # nothing was ingested either


def test_ingest_of_a_path_outside_the_workspace_points_to_import(
        example_workspace: Path, tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    outside = tmp_path / "Downloads" / "Shares.csv"
    outside.parent.mkdir()
    outside.write_text("Date,ShareLink,ShareCommentary\n", encoding="utf-8")
    code, _, err = cli(capsys, monkeypatch, "-w", str(example_workspace), "ingest", str(outside),
                       "--kind", "posts")
    assert code == 2 and "outside the workspace" in err and "sendemast import" in err


def test_a_mastodon_archive_keeps_public_statuses_and_threads(tmp_path: Path) -> None:
    items = [
        note(1, "<p>Kl. 7 i Distrikt Syd.</p><p>Ni besøg. <a href=\"https://social.fjordmark.dk/tags/hjemmepleje\""
                " class=\"mention hashtag\">#<span>hjemmepleje</span></a></p>"),
        note(2, "<p>Svar til en anden</p>", in_reply_to="https://andet.social/users/x/statuses/9"),
        note(3, "<p>2/2 og en kat</p>", in_reply_to=f"{ACTOR}/statuses/1001"),
        note(4, "<p>Kun for følgere</p>", public=False),
        {"type": "Announce", "actor": ACTOR, "object": "https://andet.social/users/x/statuses/7"},
    ]
    archive = read_archive(mastodon_zip(tmp_path / "archive-20260320.zip", items))
    assert archive.format == "mastodon" and archive.unreadable == 2  # the boost and the followers-only note
    first, reply, thread = archive.posts
    assert first.text == "Kl. 7 i Distrikt Syd.\n\nNi besøg. #hjemmepleje" and first.date == "2026-03-01"
    assert first.channel == "mastodon" and first.url.endswith("/@hanne/1001")
    assert reply.reply and not thread.reply and not first.reply


def test_bluesky_repository_export(tmp_path: Path) -> None:
    did = "did:plc:fjordmarkhanne"
    other = {"uri": "at://did:plc:andre/app.bsky.feed.post/3kz", "cid": "bafy"}
    mine = {"uri": f"at://{did}/app.bsky.feed.post/3kaaa", "cid": "bafy"}
    car = bluesky_car(tmp_path / "repo.car", did, [
        ("app.bsky.feed.post/3kaaa", {"$type": "app.bsky.feed.post", "text": "Kl. 7 på Engbo ☕",
                                      "createdAt": "2026-03-01T07:00:00.000Z"}),
        ("app.bsky.feed.post/3kaab", {"$type": "app.bsky.feed.post", "text": "Svar til en anden",
                                      "createdAt": "2026-03-02T07:00:00.000Z",
                                      "reply": {"root": other, "parent": other}}),
        ("app.bsky.feed.post/3kaac", {"$type": "app.bsky.feed.post", "text": "2/2 og kaffen var kold",
                                      "createdAt": "2026-03-02T08:00:00.000Z",
                                      "reply": {"root": mine, "parent": mine}}),
        ("app.bsky.feed.repost/3kaad", {"$type": "app.bsky.feed.repost", "subject": other,
                                        "createdAt": "2026-03-03T07:00:00.000Z"}),
        ("app.bsky.actor.profile/self", {"$type": "app.bsky.actor.profile", "displayName": "Hanne"}),
    ])
    archive = read_archive(car)
    assert archive.format == "bluesky" and archive.unreadable == 1  # the repost
    posts = {p.text: p for p in archive.posts}
    assert set(posts) == {"Kl. 7 på Engbo ☕", "Svar til en anden", "2/2 og kaffen var kold"}
    first = posts["Kl. 7 på Engbo ☕"]
    assert first.url == f"https://bsky.app/profile/{did}/post/3kaaa" and first.date == "2026-03-01"
    assert posts["Svar til en anden"].reply and not posts["2/2 og kaffen var kold"].reply
    (tmp_path / "broken.car").write_bytes(b"\x0anot a car file at all")
    with pytest.raises(CorpusError, match="not a Bluesky repository export"):
        read_archive(tmp_path / "broken.car")


def test_single_files_shares_csv_tweets_js_and_json_lines(tmp_path: Path) -> None:
    shares = tmp_path / "Shares.csv"
    shares.write_text("Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
                      "2026-01-02 10:00:00,https://www.linkedin.com/feed/update/1,Hej fra Engbo,,,MEMBERS\n",
                      encoding="utf-8")
    assert [p.text for p in read_archive(shares).posts] == ["Hej fra Engbo"]
    tweets = tmp_path / "tweets.js"
    tweets.write_text("window.YTD.tweets.part0 = " + json.dumps(
        [tweet("1", "Egen tweet"), tweet("2", "@x svar", reply_to_user="7")]), encoding="utf-8")
    posts = read_archive(tweets).posts
    assert [(p.text, p.reply) for p in posts] == [("Egen tweet", False), ("@x svar", True)]
    lines = tmp_path / "mine.jsonl"
    lines.write_text(json.dumps({"id": "a", "text": "Fra Bluesky", "channel": "bluesky",
                                 "date": "2026-02-01"}) + "\n", encoding="utf-8")
    (post,) = read_archive(lines).posts
    assert (post.id, post.channel, post.date) == ("a", "bluesky", "2026-02-01")
    (tmp_path / "notes.docx").write_bytes(b"x")
    with pytest.raises(CorpusError, match="not a format sendemast imports"):
        read_archive(tmp_path / "notes.docx")
