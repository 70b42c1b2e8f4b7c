"""Fuzz every loader: whatever the bytes, ``load_file`` returns valid documents or raises CorpusError with a
one-line reason, and never its last-resort "internal error" (which would mean a loader bug)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendemast.corpus.documents import Document
from sendemast.corpus.loaders import load_file
from sendemast.errors import CorpusError
from tests.corpus.builders import DANISH, ENGLISH, LINKEDIN_HEADER, docx_bytes, pdf_bytes, tweet, tweets_js

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
METADATA_TYPES = (str, int, float, bool)


def _samples() -> dict[tuple[str, str], bytes]:
    post = f"---\ndate: 2025-03-12\nchannel: linkedin\nurl: https://l.in/1\ntitle: Et opslag\n---\n{DANISH}\n"
    jsonl = "\n".join(json.dumps(r, ensure_ascii=False) for r in (
        {"id": "a", "text": DANISH, "date": "2025-01-01", "channel": "x"}, {"text": ENGLISH}))
    shares = (f"{LINKEDIN_HEADER}\r\n2025-06-02 08:15:00,https://l.in/a,\"{DANISH}\n\"\"Citat\"\"\",,,PUBLIC\r\n"
              f"2025-06-03 08:15:00,https://l.in/b,,,,\r\n")
    tweets = tweets_js([tweet("1", "Hej &amp; https://t.co/a", urls=[("https://t.co/a", "https://x.dk")]),
                        tweet("2", "RT @x: nej")])
    return {
        ("values.md", "values"): f"---\ntitle: Politik\n---\n# Politik\n\n{DANISH}\n\n## Afsnit\n\n{DANISH}\n"
                                 .encode(),
        ("values.txt", "values"): f"Notat\n=====\n\n{DANISH}\n".encode(),
        ("values.html", "values"): f"<h1>Titel</h1><p>{DANISH}</p><h2>Del</h2><ul><li>{ENGLISH}</li></ul>"
                                   .encode(),
        ("values.pdf", "values"): pdf_bytes([("h1", "Politik"), ("p", DANISH), ("h2", "Del"), ("p", DANISH)],
                                            title="Politik"),
        ("values.docx", "values"): docx_bytes([("Title", "Strategi"), ("p", DANISH), ("Heading 1", "Del"),
                                               ("table", [["a", "b"]])]),
        ("post.md", "posts"): post.encode(),
        ("posts.jsonl", "posts"): jsonl.encode(),
        ("Shares.csv", "posts"): shares.encode(),
        ("tweets.js", "posts"): tweets.encode(),
    }


SAMPLES = _samples()
FORMATS = list(SAMPLES)
TEXT_FORMATS = [f for f in FORMATS if not f[0].endswith((".pdf", ".docx"))]


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as directory:
        yield Path(directory)


def check(workdir: Path, name: str, kind: str, data: bytes) -> None:
    """The contract: valid documents, or a one-line CorpusError that is not a loader bug."""
    path = workdir / name
    path.write_bytes(data)
    try:
        documents = load_file(path, name, kind, chunk_tokens=80, chunk_overlap=15)  # type: ignore[arg-type]
    except CorpusError as exc:
        assert exc.path == name
        assert exc.message and "\n" not in exc.message and "\r" not in exc.message
        assert not exc.message.startswith("internal error"), exc.message
        return
    assert_valid(documents, name, kind)


def assert_valid(documents: list[Document], name: str, kind: str) -> None:
    assert documents
    assert len({d.id for d in documents}) == len(documents), "ids are unique"
    for doc in documents:
        assert doc.kind == kind and doc.text.strip() and doc.source.startswith(name)
        expected_id = f"values:{name}#{doc.metadata['chunk']}" if kind == "values" else f"posts:{doc.source}"
        assert doc.id == expected_id
        for key in ("kind", "source", "title", "date", "channel", "language", "url"):
            assert isinstance(doc.metadata[key], str)
        assert all(isinstance(v, METADATA_TYPES) for v in doc.metadata.values())
        assert doc.metadata["language"] in ("da", "en")
        assert doc.metadata["channel"] in ("", "linkedin", "x")
        assert len(doc.metadata["date"]) in (0, 10)
        doc.text.encode("utf-8")


@pytest.mark.parametrize(("name", "kind"), FORMATS)
@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes(workdir: Path, name: str, kind: str, data: bytes) -> None:
    check(workdir, name, kind, data)


@pytest.mark.parametrize(("name", "kind"), TEXT_FORMATS)
@FUZZ
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=2000))
def test_random_text(workdir: Path, name: str, kind: str, text: str) -> None:
    check(workdir, name, kind, text.encode("utf-8", "surrogatepass"))


_MUTATION = st.tuples(st.sampled_from(["delete", "insert", "replace", "duplicate", "truncate"]),
                      st.floats(0, 1), st.integers(1, 64), st.binary(min_size=1, max_size=16))


def mutate(data: bytes, mutations: list[tuple[str, float, int, bytes]]) -> bytes:
    for op, where, length, noise in mutations:
        at = int(where * len(data))
        if op == "delete":
            data = data[:at] + data[at + length:]
        elif op == "insert":
            data = data[:at] + noise + data[at:]
        elif op == "replace":
            data = data[:at] + noise + data[at + len(noise):]
        elif op == "duplicate":
            data = data[:at] + data[at:at + length] + data[at:]
        else:
            data = data[:at]
    return data


@pytest.mark.parametrize(("name", "kind"), FORMATS)
@FUZZ
@given(mutations=st.lists(_MUTATION, min_size=1, max_size=4))
def test_mutated_valid_files(workdir: Path, name: str, kind: str,
                             mutations: list[tuple[str, float, int, bytes]]) -> None:
    check(workdir, name, kind, mutate(SAMPLES[(name, kind)], mutations))


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children,
                                                                         max_size=4),
    max_leaves=12,
)
_FIELD_VALUES = _JSON | st.sampled_from(["2025-03-05", "Wed Mar 05 07:41:12 +0000 2025", "LinkedIn", "x",
                                         "da", "en", "", "RT @a", "&amp;", "2025-02-30"])


@FUZZ
@given(fields=st.dictionaries(st.sampled_from(["id", "text", "date", "channel", "url", "title", "language",
                                               "other"]), _FIELD_VALUES, max_size=7),
       lines=st.integers(1, 3))
def test_json_lines_with_random_fields(workdir: Path, fields: dict[str, object], lines: int) -> None:
    check(workdir, "posts.jsonl", "posts", "\n".join([json.dumps(fields)] * lines).encode())


@FUZZ
@given(tweets=st.lists(st.one_of(_JSON, st.dictionaries(
    st.sampled_from(["id_str", "id", "full_text", "text", "created_at", "entities"]),
    _FIELD_VALUES | st.fixed_dictionaries({"urls": st.lists(st.dictionaries(
        st.sampled_from(["url", "expanded_url"]), _FIELD_VALUES), max_size=3)})).map(lambda t: {"tweet": t})),
    max_size=4))
def test_x_archive_with_random_tweets(workdir: Path, tweets: list[object]) -> None:
    check(workdir, "tweets.js", "posts", f"window.YTD.tweets.part0 = {json.dumps(tweets)}".encode())


_YAML_VALUES = st.sampled_from(["2025-03-05", "'2025-03-05'", "[a, b", "{x: 1}", "linkedin", "X", "twitter",
                                "da", "&a x", "*a", "!!python/object:os.system", "2025-13-45", "", "|",
                                "- a", ": :", "'", "\"", "null", "12", "1e400"])


@FUZZ
@given(fields=st.lists(st.tuples(st.sampled_from(["date", "channel", "url", "title", "language", "x"]),
                                 _YAML_VALUES | st.text(max_size=20)), max_size=6),
       body=st.text(max_size=200), kind=st.sampled_from(["values", "posts"]))
def test_front_matter_with_random_yaml(workdir: Path, fields: list[tuple[str, str]], body: str,
                                       kind: str) -> None:
    front = "\n".join(f"{key}: {value}" for key, value in fields)
    check(workdir, "note.md", kind, f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass"))


_CELL = st.text(alphabet=st.sampled_from('ab æ"\n\r,;'), max_size=20) | st.sampled_from(
    ["2025-06-02 08:15:00", "https://l.in/x", '"', '""', '"\n"', ""])


@FUZZ
@given(rows=st.lists(st.lists(_CELL, min_size=0, max_size=7), max_size=5), quote=st.booleans())
def test_linkedin_shares_with_random_rows(workdir: Path, rows: list[list[str]], quote: bool) -> None:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if quote else value

    body = "\r\n".join(",".join(cell(c) for c in row) for row in rows)
    check(workdir, "Shares.csv", "posts", f"{LINKEDIN_HEADER}\r\n{body}".encode("utf-8", "surrogatepass"))
