"""The openai/… adapter against a recording fake server: retries, Retry-After, timeouts, clean errors."""

from __future__ import annotations

import pytest

from sendemast.errors import ModelError
from sendemast.models import Message
from sendemast.models.openai_chat import OpenAIChatModel
from tests.models.fake_openai_server import FakeOpenAIServer, Reply, completion, error

KEY = "sk-test-SECRETSECRETSECRET1234"


def model_for(server: FakeOpenAIServer, **kw: object) -> tuple[OpenAIChatModel, list[float]]:
    slept: list[float] = []
    model = OpenAIChatModel("gpt-4o-mini", api_key=KEY, base_url=server.base_url, sleep=slept.append, **kw)  # type: ignore[arg-type]
    return model, slept


def ask(model: OpenAIChatModel) -> str:
    return model.generate(
        [Message("system", "Du skriver opslag."), Message("user", "Hej")], max_tokens=50
    ).text


def test_success_sends_messages_key_and_token_limit(fake_openai: FakeOpenAIServer) -> None:
    model, _ = model_for(fake_openai)
    fake_openai.then(Reply(body=completion("hej tilbage")))
    assert ask(model) == "hej tilbage"
    (request,) = fake_openai.posts
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert [m["role"] for m in request.body["messages"]] == ["system", "user"]
    assert request.body["max_tokens"] == 50  # compatible servers read the older field
    assert model.last_attempts == 1


def test_429_honours_retry_after_then_succeeds(fake_openai: FakeOpenAIServer) -> None:
    model, slept = model_for(fake_openai)
    fake_openai.then(
        Reply(429, {"Retry-After": "3"}, error(429, "slow down", "rate_limit")), Reply(body=completion("ok"))
    )
    assert ask(model) == "ok"
    assert len(fake_openai.posts) == 2
    assert slept == [3.0]


def test_5xx_backs_off_with_capped_jitter(fake_openai: FakeOpenAIServer) -> None:
    model, slept = model_for(fake_openai)
    fake_openai.then(
        Reply(500, body=error(500, "boom")), Reply(503, body=error(503, "busy")), Reply(body=completion("ok"))
    )
    assert ask(model) == "ok"
    assert len(fake_openai.posts) == 3 and model.last_attempts == 3
    assert len(slept) == 2 and all(0 <= s <= 30 for s in slept)


def test_gives_up_with_one_clean_line(fake_openai: FakeOpenAIServer) -> None:
    model, slept = model_for(fake_openai, max_retries=2)
    fake_openai.then(*[Reply(500, body=error(500, f"internal error for key {KEY}"))] * 5)
    with pytest.raises(ModelError) as caught:
        ask(model)
    message = caught.value.one_line()
    assert len(fake_openai.posts) == 3 and len(slept) == 2
    assert "gave up after 3 attempts" in message and "HTTP 500" in message
    assert KEY not in message and "SECRET" not in message and "\n" not in message


def test_auth_error_is_not_retried_and_never_leaks_the_key(fake_openai: FakeOpenAIServer) -> None:
    model, slept = model_for(fake_openai)
    fake_openai.then(
        Reply(401, body=error(401, f"Incorrect API key provided: {KEY}", "invalid_request_error"))
    )
    with pytest.raises(ModelError) as caught:
        ask(model)
    assert len(fake_openai.posts) == 1 and slept == []
    assert "401" in caught.value.one_line() and KEY not in caught.value.one_line()


def test_timeout_is_retried_then_reported(fake_openai: FakeOpenAIServer) -> None:
    model, _ = model_for(fake_openai, timeout_s=0.3, max_retries=1)
    fake_openai.then(Reply(delay_s=1.0), Reply(delay_s=1.0))
    with pytest.raises(ModelError, match=r"timed out after 0\.3 s"):
        ask(model)
    assert len(fake_openai.posts) == 2


def test_no_key_and_no_base_url_is_a_clear_error() -> None:
    model = OpenAIChatModel("gpt-4o-mini", api_key=None, base_url=None)
    with pytest.raises(ModelError, match="OPENAI_API_KEY is not set"):
        ask(model)


def test_from_id_reads_environment_at_call_time(
    monkeypatch: pytest.MonkeyPatch, fake_openai: FakeOpenAIServer
) -> None:
    from sendemast.models import get_model

    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    model = get_model("openai/gpt-4o-mini")
    assert isinstance(model, OpenAIChatModel) and not model.is_local and model.capable
    assert ask(model)  # type: ignore[arg-type]
    assert fake_openai.posts[0].body["model"] == "gpt-4o-mini"


def test_json_mode_asks_for_a_json_object(fake_openai: FakeOpenAIServer) -> None:
    model, _ = model_for(fake_openai)
    model.generate([Message("user", "JSON please")], json_mode=True)
    assert fake_openai.posts[0].body["response_format"] == {"type": "json_object"}


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "2"}, 2.0),
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after": "soon"}, None),
        ({}, None),
    ],
)
def test_retry_after_forms(headers: dict[str, str], expected: float | None) -> None:
    import httpx

    from sendemast.models.openai_chat import _retry_after_s

    class Exc(Exception):
        response = httpx.Response(429, headers=headers)

    assert _retry_after_s(Exc()) == expected


def test_retry_after_as_an_http_date() -> None:
    import email.utils
    import time

    import httpx

    from sendemast.models.openai_chat import _retry_after_s

    class Exc(Exception):
        response = httpx.Response(
            503, headers={"retry-after": email.utils.formatdate(time.time() + 10, usegmt=True)}
        )

    assert 8 <= (_retry_after_s(Exc()) or 0) <= 10


def test_a_hanging_server_holds_a_draft_one_deadline(fake_openai: FakeOpenAIServer) -> None:
    import time

    from sendemast.models.deadline import deadline

    model, _ = model_for(fake_openai, timeout_s=5.0, max_retries=4)
    fake_openai.then(*[Reply(delay_s=3.0) for _ in range(5)])
    started = time.monotonic()
    with deadline(1.0), pytest.raises(ModelError, match=r"deadline of 1 s"):
        ask(model)
    assert time.monotonic() - started < 2.5  # not 5 tries of 5 s
    with deadline(1.0), pytest.raises(ModelError, match="deadline"):  # a second call in the same draft …
        time.sleep(1.05)
        ask(model)  # … finds no time left and does not call at all
    assert len(fake_openai.posts) == 1
