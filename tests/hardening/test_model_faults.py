"""Fault injection against ``openai/…`` models: a local OpenAI-compatible server that rate-limits, fails,
hangs, sends broken JSON or drops the connection mid-answer.

The model is built the way the CLI builds it (``get_model`` with settings from the environment,
``OPENAI_BASE_URL`` and ``OPENAI_API_KEY``), and the whole ``sendemast draft`` runs in a subprocess to show
that a failed call is on record with everything the user typed.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import time
from pathlib import Path

import pytest

from sendemast.errors import ModelError
from sendemast.models import Message, get_model
from sendemast.models.base import ChatModel
from sendemast.settings import load_settings
from tests.hardening.conftest import KEY, openai_env, sendemast
from tests.support.faulty_openai import (
    FaultyOpenAI,
    cut_stream,
    hang,
    malformed_json,
    ok,
    status,
)

# Notes with what a person really types: Danish letters, a dash list, quotes, an emoji, a blank line.
NOTES = (
    "- Besøg på Plejecenter Engbo tirsdag kl. 10 – 48 boliger med vasketoiletter\n"
    '- "Vi løfter 10 gange færre pr. vagt," sagde Aisha fra Afsnit Øst 👏\n'
    "\n"
    "- Tak til terapeuterne & plejepersonalet <3\n"
)


@pytest.fixture
def model_env(monkeypatch: pytest.MonkeyPatch, faulty_openai: FaultyOpenAI) -> FaultyOpenAI:
    """The environment a user sets for a compatible server; timeouts and retries kept small for speed."""
    import langchain_openai  # noqa: F401  imported before any clock starts: timings measure retries only
    import tenacity  # noqa: F401

    monkeypatch.setenv("OPENAI_BASE_URL", faulty_openai.url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("SENDEMAST_MODEL__TIMEOUT_S", "1")
    monkeypatch.setenv("SENDEMAST_MODEL__MAX_RETRIES", "2")
    return faulty_openai


def model(name: str = "openai/x") -> ChatModel:
    return get_model(name, load_settings(None))  # settings from the environment, as the CLI reads them


def ask(chat: ChatModel) -> str:
    return chat.generate([Message("user", "Skriv et kort opslag om Engbo.")], max_tokens=60).text


def gaps(server: FaultyOpenAI) -> list[float]:
    arrivals = [r.at for r in server.chat_requests]
    return [later - earlier for earlier, later in itertools.pairwise(arrivals)]


def assert_one_clear_line(error: ModelError) -> str:
    line = error.one_line()
    assert line and "\n" not in line and "Traceback" not in line
    assert line.startswith("openai/x: ")
    assert KEY not in line and "RECOGNISABLE" not in line
    return line


# --- the test server itself ------------------------------------------------------------------------------


def test_the_faulty_server_speaks_the_openai_protocol(faulty_openai: FaultyOpenAI) -> None:
    """The fixture is trustworthy: the real SDK lists models, completes, streams, and notices a cut stream."""
    import openai

    client = openai.OpenAI(base_url=faulty_openai.url, api_key=KEY, max_retries=0, timeout=5)
    assert [m.id for m in client.models.list()] == ["faulty"]

    messages = [{"role": "user", "content": "hej"}]
    faulty_openai.enqueue(ok("Hej tilbage"), ok("Et længere svar, der kommer i bidder. Æøå!"), cut_stream())
    reply = client.chat.completions.create(model="x", messages=messages)  # type: ignore[arg-type]
    assert reply.choices[0].message.content == "Hej tilbage"
    stream = client.chat.completions.create(model="x", messages=messages, stream=True)  # type: ignore[arg-type]
    streamed = "".join(c.choices[0].delta.content or "" for c in stream)
    assert streamed == "Et længere svar, der kommer i bidder. Æøå!"
    cut = client.chat.completions.create(model="x", messages=messages, stream=True)  # type: ignore[arg-type]
    with pytest.raises(openai.APIConnectionError):  # the SDK's wrapper of httpx's incomplete chunked read
        "".join(c.choices[0].delta.content or "" for c in cut)

    faulty_openai.enqueue(status(429, retry_after=7), malformed_json())
    with pytest.raises(openai.RateLimitError) as limited:
        client.chat.completions.create(model="x", messages=messages)  # type: ignore[arg-type]
    assert limited.value.response.headers["retry-after"] == "7"
    with pytest.raises(Exception):  # noqa: B017  the SDK's own choice of error for a broken body
        client.chat.completions.create(model="x", messages=messages)  # type: ignore[arg-type]
    chats = faulty_openai.chat_requests
    assert len(chats) == 5 and chats[0].body["messages"] == messages
    assert chats[0].headers["authorization"] == f"Bearer {KEY}"


# --- retries and backoff ----------------------------------------------------------------------------------


def test_429_waits_as_long_as_retry_after_says_then_succeeds(model_env: FaultyOpenAI) -> None:
    model_env.enqueue(status(429, retry_after=1), ok("Andet forsøg lykkedes."))
    chat = model()
    completion = chat.execute(chat_request())
    assert completion.text == "Andet forsøg lykkedes." and completion.attempts == 2
    (gap,) = gaps(model_env)
    assert 0.95 <= gap < 5.0, gap  # Retry-After was honoured: the jittered first backoff is at most 0.5 s


def chat_request() -> object:
    from sendemast.models.base import ModelRequest

    return ModelRequest(messages=(Message("user", "Skriv et kort opslag."),), max_tokens=40)


def test_an_absurd_retry_after_is_capped(model_env: FaultyOpenAI) -> None:
    from sendemast.models.openai_chat import MAX_WAIT_S

    model_env.enqueue(status(429, retry_after=3600), ok("ok"))
    chat = model()
    slept: list[float] = []
    chat.sleep = slept.append  # type: ignore[attr-defined]  # an hour is not waited for real
    assert ask(chat) == "ok"
    assert slept == [MAX_WAIT_S] and MAX_WAIT_S <= 60


def test_5xx_backoff_is_exponential_capped_and_jittered(
    model_env: FaultyOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sendemast.models.openai_chat import MAX_WAIT_S

    monkeypatch.setenv("SENDEMAST_MODEL__MAX_RETRIES", "8")

    def run_once() -> list[float]:
        model_env.enqueue(*[status(500)] * 9)
        chat = model()
        slept: list[float] = []
        chat.sleep = slept.append  # type: ignore[attr-defined]
        with pytest.raises(ModelError, match="gave up after 9 attempts"):
            ask(chat)
        return slept

    jittered = [run_once(), run_once()]
    ceilings = [min(MAX_WAIT_S, 0.5 * 2**n) for n in range(8)]
    for slept in jittered:
        assert len(slept) == 8
        assert all(0 <= s <= ceiling for s, ceiling in zip(slept, ceilings, strict=True)), slept
    assert jittered[0] != jittered[1]  # full jitter: clients that failed together do not retry together
    # with the randomness pinned at its top, the schedule itself shows: doubling, then the cap
    monkeypatch.setattr(random, "uniform", lambda low, high: high)
    assert run_once() == ceilings == [0.5, 1, 2, 4, 8, 16, MAX_WAIT_S, MAX_WAIT_S]
    assert len(model_env.chat_requests) == 27


def test_persistent_500s_give_up_with_one_line_within_a_bounded_time(model_env: FaultyOpenAI) -> None:
    model_env.enqueue(*[status(500, message=f"upstream exploded; key was {KEY}")] * 10)
    started = time.monotonic()
    with pytest.raises(ModelError) as caught:
        ask(model())
    elapsed = time.monotonic() - started
    line = assert_one_clear_line(caught.value)
    assert "HTTP 500" in line and "gave up after 3 attempts" in line
    assert len(model_env.chat_requests) == 3  # SDK retries are off: ours are the only ones
    # two backoff sleeps of at most 0.5 s and 1 s; generous slack for a busy shared machine
    assert elapsed < 1.5 + 3.0, elapsed


def test_a_hang_past_the_timeout_is_a_clear_timeout_error(model_env: FaultyOpenAI) -> None:
    model_env.enqueue(*[hang(30)] * 3)
    started = time.monotonic()
    with pytest.raises(ModelError) as caught:
        ask(model())
    elapsed = time.monotonic() - started
    line = assert_one_clear_line(caught.value)
    assert "timed out after 1 s" in line and "gave up after 3 attempts" in line
    assert len(model_env.chat_requests) == 3
    assert 3 * 0.9 <= elapsed < 3 * 1 + 1.5 + 4.0, elapsed  # three 1-s timeouts, two short backoffs


def test_one_hang_then_an_answer_recovers(model_env: FaultyOpenAI) -> None:
    model_env.enqueue(hang(30), ok("Efter en pause."))
    chat = model()
    assert ask(chat) == "Efter en pause."
    assert chat.last_attempts == 2  # type: ignore[attr-defined]


def test_malformed_json_is_a_clear_one_line_error(model_env: FaultyOpenAI) -> None:
    model_env.enqueue(*[malformed_json()] * 3)
    started = time.monotonic()
    with pytest.raises(ModelError) as caught:
        ask(model())
    line = assert_one_clear_line(caught.value)
    assert "JSON" in line
    assert time.monotonic() - started < 5


def test_malformed_json_says_the_server_sent_invalid_json(model_env: FaultyOpenAI) -> None:
    model_env.enqueue(*[malformed_json()] * 3)
    with pytest.raises(ModelError) as caught:
        ask(model())
    line = caught.value.one_line()
    assert "JSONDecodeError" not in line
    assert re.search(r"(invalid|malformed|not valid) JSON", line, re.I), line


def test_an_answer_cut_mid_way_is_retried_then_reported(model_env: FaultyOpenAI) -> None:
    model_env.enqueue(cut_stream(), ok("Hele svaret denne gang."))
    chat = model()
    assert ask(chat) == "Hele svaret denne gang." and chat.last_attempts == 2  # type: ignore[attr-defined]

    model_env.enqueue(*[cut_stream()] * 3)
    with pytest.raises(ModelError) as caught:
        ask(model())
    assert "gave up after 3 attempts" in assert_one_clear_line(caught.value)


def test_an_answer_cut_mid_way_is_not_called_a_connection_failure(model_env: FaultyOpenAI) -> None:
    model_env.enqueue(*[cut_stream()] * 3)
    with pytest.raises(ModelError) as caught:
        ask(model())
    assert "cannot connect" not in caught.value.one_line()


# --- through the CLI: nothing the user typed is lost ------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (status(500, message="upstream down"), r"HTTP 500: .*upstream down — gave up after 3 attempts"),
        (hang(30), r"timed out after 1 s — gave up after 3 attempts"),
    ],
    ids=["500", "hang"],
)
def test_a_failed_draft_keeps_the_request_in_history(
    copy_of_ingested: Path, faulty_openai: FaultyOpenAI, fault: object, expected: str
) -> None:
    notes_file = copy_of_ingested / "mine-noter.md"
    notes_file.write_text(NOTES, encoding="utf-8")
    faulty_openai.enqueue(*[fault] * 3)  # type: ignore[list-item]
    env = openai_env(faulty_openai)
    ws = ["-w", str(copy_of_ingested)]

    ran = sendemast(*ws, "draft", str(notes_file), "--model", "openai/x", "--variants", "1", env=env)
    assert ran.code == 1 and ran.out == "", ran
    assert "Traceback" not in ran.err
    (line,) = ran.error_lines()
    assert re.fullmatch(rf"error: openai/x: {expected}", line), line
    assert ran.err.rstrip("\n").endswith(line)  # the last word is the one clear line
    # The two retries were announced as warnings, in the CLI's own shape, before the error.
    retries = [entry for entry in ran.err.splitlines() if entry.startswith("warning: openai/x: ")]
    assert [bool(re.search(r"retry \d of 2 in \d+\.\d s$", r)) for r in retries] == [True, True], ran.err
    assert len(faulty_openai.chat_requests) == 3
    assert ran.elapsed < 60, ran.elapsed  # bounded even on a busy machine; typically ~8 s

    listed = sendemast(*ws, "history", "list", "--json", env=env)
    assert listed.code == 0, listed
    (entry,) = json.loads(listed.out)["entries"]
    assert (entry["command"], entry["status"], entry["model"]) == ("draft", "failed", "openai/x")

    shown = sendemast(*ws, "history", "show", entry["id"], "--json", env=env)
    assert shown.code == 0, shown
    full = json.loads(shown.out)
    assert full["inputs"]["text"] == NOTES  # every character the user typed, blank line and emoji too
    assert full["inputs"]["variants"] == 1
    assert full["error"] == line.removeprefix("error: ")
    assert notes_file.read_text(encoding="utf-8") == NOTES

    human = sendemast(*ws, "history", "show", entry["id"][:15], env=env)
    assert human.code == 0 and "status: failed" in human.out and "Aisha fra Afsnit Øst" in human.out
