from __future__ import annotations

import pytest

from sendemast.dialogue.thread import parse_thread, pick
from sendemast.errors import UsageError


def test_blocks_with_and_without_a_name() -> None:
    comments = parse_thread(
        "Inge Mortensen: Hvor mange er med?\n\nFlot arbejde!\nGodt gået.\n\n\n"
        "Sara Kamp, Fjordmark Avis: Har du tid til et interview?"
    )
    assert [(c.index, c.author) for c in comments] == [
        (1, "Inge Mortensen"),
        (2, ""),
        (3, "Sara Kamp, Fjordmark Avis"),
    ]
    assert comments[1].text == "Flot arbejde! Godt gået."
    assert comments[0].first_name == "Inge" and comments[2].first_name == "Sara"
    assert comments[1].first_name == ""


def test_a_colon_inside_a_sentence_is_not_an_author() -> None:
    (comment,) = parse_thread("Det er simpelthen for dårligt, og jeg siger det bare: I må gøre noget.")
    assert comment.author == ""


def test_json_lines() -> None:
    comments = parse_thread('{"author": "Jan", "text": "Hvem stemmer du på?"}\n{"text": "Spam"}\n')
    assert [(c.author, c.text) for c in comments] == [("Jan", "Hvem stemmer du på?"), ("", "Spam")]


@pytest.mark.parametrize("text", ["", "  \n\n ", '{"author": "x"}'])
def test_empty_or_malformed_threads_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError):
        parse_thread(text)


def test_pick_one_comment() -> None:
    comments = parse_thread("a\n\nb")
    assert [c.text for c in pick(comments, 2)] == ["b"]
    with pytest.raises(UsageError, match="has 2"):
        pick(comments, 3)


def test_a_thread_too_long_for_either_face_is_refused() -> None:
    from sendemast.dialogue.thread import MAX_COMMENTS, MAX_THREAD_CHARS

    with pytest.raises(UsageError, match="too long"):
        parse_thread("x" * (MAX_THREAD_CHARS + 1))
    with pytest.raises(UsageError, match="at most"):
        parse_thread("\n\n".join(["Tak!"] * (MAX_COMMENTS + 1)))
