"""Past posts: Markdown with front matter, JSON Lines, LinkedIn Shares.csv and the X archive."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from sendemast.errors import CorpusError
from tests.corpus.builders import DANISH, ENGLISH, LINKEDIN_HEADER, load, tweet, tweets_js

POST = f"""---
date: 2025-03-12
channel: LinkedIn
url: https://www.linkedin.com/posts/123
---
I dag har vi vedtaget retningslinjer for kunstig intelligens.

{DANISH}

#fjordmark #ledelse
"""


def test_markdown_post_is_one_document_with_metadata(tmp_path: Path) -> None:
    [doc] = load(tmp_path, "posts/linkedin/2025-03-12-ai.md", POST, "posts")
    assert doc.id == "posts:posts/linkedin/2025-03-12-ai.md"
    assert doc.source == "posts/linkedin/2025-03-12-ai.md"
    assert doc.title == "I dag har vi vedtaget retningslinjer for kunstig intelligens."
    assert doc.text.startswith("I dag har vi") and doc.text.endswith("#fjordmark #ledelse")
    assert doc.metadata == {
        "kind": "posts", "source": "posts/linkedin/2025-03-12-ai.md", "title": doc.title,
        "date": "2025-03-12", "channel": "linkedin", "url": "https://www.linkedin.com/posts/123",
        "language": "da",
    }


def test_markdown_post_fields_are_normalised(tmp_path: Path) -> None:
    text = f"---\ndate: '2025-05-15T09:30:00+02:00'\nchannel: twitter\ntitle: Trust\n---\n{ENGLISH}\n"
    [doc] = load(tmp_path, "p.md", text, "posts")
    assert (doc.metadata["date"], doc.metadata["channel"], doc.title) == ("2025-05-15", "x", "Trust")
    assert doc.metadata["language"] == "en"
    [doc] = load(tmp_path, "p.md", f"---\nlanguage: en\n---\n{DANISH}", "posts")
    assert doc.metadata["language"] == "en", "a declared language wins over detection"


def test_markdown_post_channel_comes_from_the_folder_when_not_declared(tmp_path: Path) -> None:
    [doc] = load(tmp_path, "posts/x/2025-01-22.md", f"---\ndate: 2025-01-22\n---\n{DANISH}", "posts")
    assert doc.metadata["channel"] == "x"
    [doc] = load(tmp_path, "posts/andet/2025-01-22.md", DANISH, "posts")
    assert (doc.metadata["channel"], doc.metadata["date"]) == ("", "")


def test_long_first_line_is_trimmed_to_a_title(tmp_path: Path) -> None:
    [doc] = load(tmp_path, "p.md", DANISH, "posts")
    assert len(doc.title) <= 81 and doc.title.endswith("…")
    assert DANISH.startswith(doc.title[:-1])


@pytest.mark.parametrize(("content", "reason"), [
    ("---\ndate: 2025-01-01\nchannel: [x\n---\nTekst", "front matter: invalid YAML at line 3"),
    ("---\ndate: 2025-01-01\n---\n   \n", "post has no text"),
    ("---\ndate: sidste tirsdag\n---\nTekst", "front matter: date 'sidste tirsdag' is not a date"),
    ("---\nchannel: facebook\n---\nTekst",
     "front matter: channel 'facebook' is not linkedin, x, bluesky, mastodon or threads"),
    ("---\nlanguage: de\n---\nTekst", "front matter: language 'de' is not da or en"),
    ("---\nurl: [a, b]\n---\nTekst", "front matter: url must be a single value, not list"),
    ("---\ndate: 2025-13-45\n---\nTekst", "front matter: invalid value"),
])
def test_markdown_post_problems(tmp_path: Path, content: str, reason: str) -> None:
    with pytest.raises(CorpusError) as caught:
        load(tmp_path, "posts/p.md", content, "posts")
    assert caught.value.message.startswith(reason), caught.value.message
    assert caught.value.path == "posts/p.md"


def jsonl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n"


def test_json_lines_posts(tmp_path: Path) -> None:
    content = jsonl(
        {"id": "a1", "text": DANISH, "date": "2025-02-26", "channel": "linkedin", "url": "https://l.in/1"},
        "",
        {"text": ENGLISH, "channel": "X"},
    )
    first, second = load(tmp_path, "posts/misc/posts.jsonl", content, "posts")
    assert first.id == "posts:posts/misc/posts.jsonl#a1"
    assert (first.metadata["date"], first.metadata["channel"], first.metadata["url"]) == (
        "2025-02-26", "linkedin", "https://l.in/1")
    assert second.source == "posts/misc/posts.jsonl#3", "no id: the line number"
    meta = second.metadata
    assert (meta["channel"], meta["language"], meta["date"]) == ("x", "en", "")


@pytest.mark.parametrize(("lines", "reason"), [
    ([{"id": 1, "text": "ok"}, '{"id": 2, "text": "mangler slut'], "line 2: invalid JSON"),
    (['["en", "liste"]'], "line 1: expected a JSON object"),
    ([{"id": 1}], 'line 1: no "text" string'),
    ([{"id": 1, "text": 5}], 'line 1: "text" must be a string'),
    ([{"id": 1, "text": "  "}], "line 1: post has no text"),
    ([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}], "line 2: id 'a' already used on line 1"),
    ([{"id": 1, "text": "x", "date": "maj"}], "line 1: date 'maj' is not a date"),
    (["[" * 100_000], "line 1: invalid JSON"),
])
def test_json_lines_problems_fail_the_whole_file(tmp_path: Path, lines: list[object], reason: str) -> None:
    with pytest.raises(CorpusError) as caught:
        load(tmp_path, "posts.jsonl", jsonl(*lines), "posts")
    assert caught.value.message.startswith(reason), caught.value.message


def shares_csv(*rows: tuple[str, str, str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(LINKEDIN_HEADER.split(","))
    for date, link, text in rows:
        writer.writerow([date, link, text, "", "", "MEMBER_NETWORK"])
    return buffer.getvalue()


SHARE = "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A"


def test_linkedin_shares(tmp_path: Path) -> None:
    content = shares_csv(
        ("2025-06-02 08:15:00", f"{SHARE}1", f"{DANISH}\n\nNy linje."),
        ("2025-06-03 10:00:00", f"{SHARE}2", ""),  # a repost
        ("2025-06-04 12:00:00", "", 'Hun sagde "tak" til os.'),
    )
    first, second = load(tmp_path, "posts/linkedin-export/Shares.csv", content, "posts")
    assert first.source == "posts/linkedin-export/Shares.csv#https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1"
    assert first.id == f"posts:{first.source}"
    assert first.text == f"{DANISH}\n\nNy linje."
    assert (first.metadata["date"], first.metadata["channel"], first.metadata["url"]) == (
        "2025-06-02", "linkedin", "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1")
    assert second.source == "posts/linkedin-export/Shares.csv#2025-06-04 12:00:00", "no link: the Date"
    assert second.text == 'Hun sagde "tak" til os.'


def test_linkedin_extra_quoting_is_undone(tmp_path: Path) -> None:
    # LinkedIn wraps each line in quotes and doubles the quotes inside, on top of CSV quoting.
    wrapped = '"Første linje med ""citat"""\n""\n"Tredje linje"'
    content = shares_csv(("2025-01-01 09:00:00", "https://l.in/a", wrapped),
                         ("2025-01-02 09:00:00", "https://l.in/b", '"Citat" sagde hun, "ja"'))
    first, second = load(tmp_path, "Shares.csv", content, "posts")
    assert first.text == 'Første linje med "citat"\n\nTredje linje'
    assert second.text == '"Citat" sagde hun, "ja"', "quotes that are not LinkedIn's escaping stay"


def test_any_csv_with_the_shares_columns_is_accepted(tmp_path: Path) -> None:
    content = shares_csv(("2025-01-01 09:00:00", "https://l.in/a", DANISH))
    assert len(load(tmp_path, "linkedin-2025.csv", "\ufeff" + content, "posts")) == 1


@pytest.mark.parametrize(("content", "reason"), [
    ("Date,Link,Message\n2025-01-01,x,y\n", "not a LinkedIn Shares.csv: missing column ShareLink"),
    ("Date,ShareLink,Visibility\n", "not a LinkedIn Shares.csv: missing column ShareCommentary"),
    (LINKEDIN_HEADER + "\r\n", "no posts: only a header row"),
    (LINKEDIN_HEADER + "\r\n2025-01-01,https://l.in/a,,,,\r\n", "no posts: all 1 rows are reposts"),
    (LINKEDIN_HEADER + "\r\nigår,https://l.in/a,Tekst,,,\r\n", "line 2: Date 'igår' is not a date"),
    (LINKEDIN_HEADER + '\r\n2025-01-01,https://l.in/a,"' + "y" * 200_000 + '",,,\r\n',
     "malformed CSV at line"),
])
def test_linkedin_problems(tmp_path: Path, content: str, reason: str) -> None:
    with pytest.raises(CorpusError) as caught:
        load(tmp_path, "Shares.csv", content, "posts")
    assert caught.value.message.startswith(reason), caught.value.message


def test_x_archive(tmp_path: Path) -> None:
    content = tweets_js([
        tweet("1897190642808088948", "Nye elbiler i hjemmeplejen &amp; mere: https://t.co/abc https://t.co/pic",
              urls=[("https://t.co/abc", "https://fjordmark.dk/elbiler")], media=["https://t.co/pic"]),
        tweet("1897190642808088949", "RT @fjordmark: Det er ikke mine ord"),
        tweet("1897190642808088950", "https://t.co/onlypic", media=["https://t.co/onlypic"]),
        tweet("1897190642808088951", ENGLISH, created_at="Sun Dec 31 23:59:59 +0000 2023"),
    ])
    first, second = load(tmp_path, "posts/x-archive/tweets.js", content, "posts")
    assert first.id == "posts:posts/x-archive/tweets.js#1897190642808088948"
    assert first.text == "Nye elbiler i hjemmeplejen & mere: https://fjordmark.dk/elbiler"
    assert first.metadata["date"] == "2025-03-05"
    assert first.metadata["channel"] == "x"
    assert first.metadata["url"] == "https://x.com/i/web/status/1897190642808088948"
    assert (second.metadata["date"], second.metadata["language"]) == ("2023-12-31", "en")


@pytest.mark.parametrize("name", ["tweets.js", "tweet.js", "tweets-part1.js", "Tweets.js"])
def test_x_archive_file_names(tmp_path: Path, name: str) -> None:
    content = tweets_js([tweet("1", DANISH)], variable="tweet" if name == "tweet.js" else "tweets")
    assert len(load(tmp_path, name, content, "posts")) == 1


def test_older_archives_without_the_tweet_wrapper(tmp_path: Path) -> None:
    content = "window.YTD.tweet.part0 = " + json.dumps([tweet("7", DANISH)])
    [doc] = load(tmp_path, "tweet.js", content, "posts")
    assert doc.source == "tweet.js#7"


@pytest.mark.parametrize(("content", "reason"), [
    ('{"tweet": {}}', "malformed tweets.js: expected 'window.YTD.tweets.part0 = [...]'"),
    ("window.YTD.tweets.part0 = {}", "malformed tweets.js: expected 'window.YTD.tweets.part0 = [...]'"),
    ("window.YTD.tweets.part0 = [ {", "malformed tweets.js: invalid JSON at line 1"),
    ('window.YTD.tweets.part0 = [{"tweet": {"id_str": "1"}}]',
     "malformed tweets.js: tweet 1 has no full_text"),
    ('window.YTD.tweets.part0 = [{"tweet": {"full_text": "x"}}]',
     "malformed tweets.js: tweet 1 has no id_str"),
    ('window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "full_text": "x", "created_at": "i går"}}]',
     "malformed tweets.js: tweet 1 has created_at 'i går'"),
    ("window.YTD.tweets.part0 = []", "no posts: the archive is empty"),
    ('window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "full_text": "RT @a: b"}}]',
     "no posts: all 1 tweets are retweets or media only"),
])
def test_x_archive_problems(tmp_path: Path, content: str, reason: str) -> None:
    with pytest.raises(CorpusError) as caught:
        load(tmp_path, "tweets.js", content, "posts")
    assert caught.value.message.startswith(reason), caught.value.message
