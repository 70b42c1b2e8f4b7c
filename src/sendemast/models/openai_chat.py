"""``openai/<model>``: the OpenAI SDK through LangChain's ChatOpenAI, for OpenAI and compatible servers.

``OPENAI_API_KEY`` and ``OPENAI_BASE_URL`` are read when a model is built, never at import. The SDK's own
retries are switched off (``max_retries=0``) so that ours — tenacity, capped exponential backoff with
jitter, honouring ``Retry-After`` — are the only ones, and can be counted and logged. When we give up the
caller gets one :class:`ModelError` line; the API key never appears in it.
"""

from __future__ import annotations

import email.utils
import logging
import os
import random
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sendemast.errors import ModelError
from sendemast.models.base import ChatModel, Completion, ModelRequest
from sendemast.models.deadline import remaining, total
from sendemast.models.registry import register

if TYPE_CHECKING:
    from sendemast.settings import Settings

log = logging.getLogger("sendemast.models.openai")

MAX_WAIT_S = 30.0  # one backoff sleep never exceeds this, whatever Retry-After says
_KEYLIKE = re.compile(r"\b(sk|key|pk)-[A-Za-z0-9_\-*]{4,}")


@register("openai")
class OpenAIChatModel(ChatModel):
    def __init__(
        self,
        name: str,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout_s: float = 60.0,
        max_retries: int = 4,
        temperature: float = 0.7,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(name)
        self.api_key = api_key
        self.base_url = base_url or None
        self.timeout_s = timeout_s
        self.max_retries = max_retries
        self.temperature = temperature
        self.sleep = sleep
        self.last_attempts = 0  # observable by tests and the CLI: how many HTTP calls the last request made
        self._llm: Any = None

    @classmethod
    def from_id(cls, name: str, settings: Settings | None = None) -> OpenAIChatModel:
        from sendemast.settings import ModelSettings

        ms = settings.model if settings is not None else ModelSettings()
        return cls(
            name,
            api_key=os.environ.get("OPENAI_API_KEY"),
            base_url=os.environ.get("OPENAI_BASE_URL"),
            timeout_s=ms.timeout_s,
            max_retries=ms.max_retries,
            temperature=ms.temperature,
        )

    def _chat_openai(self) -> Any:
        if self._llm is None:
            from langchain_openai import ChatOpenAI
            from pydantic import SecretStr

            key = self.api_key
            if not key:
                if not self.base_url:
                    raise ModelError(
                        f"{self.model_id}: OPENAI_API_KEY is not set",
                        hint="set it, set OPENAI_BASE_URL for a compatible server, or pick --model local/...",
                    )
                key = "not-needed"  # local OpenAI-compatible servers accept any key
            self._llm = ChatOpenAI(
                model=self.name,
                api_key=SecretStr(key),
                base_url=self.base_url,
                timeout=self.timeout_s,
                max_retries=0,
                use_responses_api=False,
            )
        return self._llm

    def execute(self, request: ModelRequest) -> Completion:
        import tenacity
        from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

        llm = self._chat_openai()
        kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
        messages = [kinds[m.role](content=m.content) for m in request.as_messages()]
        kwargs: dict[str, Any] = {
            "temperature": self.temperature if request.temperature is None else request.temperature,
            "max_completion_tokens": request.max_tokens,
        }
        if self.base_url:
            # Compatible servers (llama.cpp, vLLM, Ollama) still read the older max_tokens field.
            kwargs["extra_body"] = {"max_tokens": request.max_tokens}
        if request.stop:
            kwargs["stop"] = list(request.stop)
        if request.seed is not None:
            kwargs["seed"] = request.seed
        if request.json_mode:
            kwargs["response_format"] = {"type": "json_object"}
            if self.base_url and request.json_schema:
                # llama.cpp's server (and others) turn a schema into a grammar; OpenAI itself takes none here.
                kwargs["response_format"]["schema"] = request.json_schema

        self.last_attempts = 0

        def stop(state: Any) -> bool:  # out of attempts, or out of the draft's time
            left = remaining()
            return state.attempt_number >= self.max_retries + 1 or (left is not None and left <= 0.05)

        def attempt_timeout() -> float:
            left = remaining()
            if left is None:
                return self.timeout_s
            if left <= 0.05:
                raise self._deadline_error()
            return min(self.timeout_s, left)

        retrying = tenacity.Retrying(
            stop=stop,
            wait=self._wait,
            retry=tenacity.retry_if_exception(_retryable),
            sleep=self.sleep,
            before_sleep=self._log_retry,
            reraise=True,
        )
        started = time.perf_counter()
        try:
            for attempt in retrying:
                with attempt:
                    self.last_attempts = attempt.retry_state.attempt_number
                    reply = llm.invoke(messages, **kwargs, timeout=attempt_timeout())
        except ModelError:
            raise
        except Exception as exc:
            left = remaining()
            if left is not None and left <= 0.05:
                raise self._deadline_error() from None
            raise self._error(exc) from None
        usage = getattr(reply, "usage_metadata", None) or {}
        meta = getattr(reply, "response_metadata", None) or {}
        content = reply.content if isinstance(reply.content, str) else str(reply.content)
        return Completion(
            text=content,
            model=self.model_id,
            prompt_tokens=usage.get("input_tokens"),
            completion_tokens=usage.get("output_tokens"),
            elapsed_s=time.perf_counter() - started,
            finish_reason=meta.get("finish_reason"),
            attempts=self.last_attempts,
        )

    def _deadline_error(self) -> ModelError:
        whole = total()
        return ModelError(
            f"{self.model_id}: no answer within the draft's deadline of {whole:g} s",
            hint="try again later, or raise [model] deadline_s in sendemast.toml",
        )

    def _wait(self, state: Any) -> float:
        exc = state.outcome.exception() if state.outcome else None
        retry_after = _retry_after_s(exc)
        if retry_after is not None:
            wait = min(retry_after, MAX_WAIT_S)
        else:
            # full jitter: spreads clients that failed together (AWS's "Exponential Backoff and Jitter")
            wait = random.uniform(0, min(MAX_WAIT_S, 0.5 * 2 ** (state.attempt_number - 1)))
        left = remaining()
        return wait if left is None else min(wait, left)

    def _log_retry(self, state: Any) -> None:
        exc = state.outcome.exception() if state.outcome else None
        wait = getattr(state.next_action, "sleep", None)
        log.warning(
            "%s: %s; retry %d of %d%s",
            self.model_id,
            self._describe(exc),
            state.attempt_number,
            self.max_retries,
            f" in {wait:.1f} s" if isinstance(wait, int | float) else "",
        )

    def _describe(self, exc: BaseException | None) -> str:
        import openai

        status = getattr(exc, "status_code", None)
        if isinstance(exc, openai.APITimeoutError):
            text = f"timed out after {self.timeout_s:g} s"
        elif isinstance(exc, openai.APIConnectionError) and _cut_mid_answer(exc):
            text = "the server closed the connection in the middle of its answer"
        elif isinstance(exc, openai.APIConnectionError):
            text = f"cannot connect to {self.base_url or 'the OpenAI API'}"
        elif isinstance(exc, openai.AuthenticationError):
            text = "authentication failed (HTTP 401): check OPENAI_API_KEY"
        elif isinstance(exc, openai.RateLimitError):
            text = "rate limited (HTTP 429)"
        elif isinstance(exc, openai.NotFoundError):
            text = f"model {self.name!r} not found (HTTP 404)"
        elif status is not None:
            detail = " ".join(str(getattr(exc, "message", "") or exc).split())[:200]
            text = f"HTTP {status}: {detail}"
        elif isinstance(exc, ValueError) and type(exc).__name__ == "JSONDecodeError":
            text = f"the server's answer is not valid JSON ({' '.join(str(exc).split())[:120]})"
        else:
            text = f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
        return self._scrub(text)

    def _scrub(self, text: str) -> str:
        """Never let the key, or anything shaped like one, into a message or log."""
        if self.api_key:
            text = text.replace(self.api_key, "***")
        return _KEYLIKE.sub("***", text)

    def _error(self, exc: BaseException) -> ModelError:
        tries = f" — gave up after {self.last_attempts} attempts" if self.last_attempts > 1 else ""
        return ModelError(f"{self.model_id}: {self._describe(exc)}{tries}")


def _retryable(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError | openai.RateLimitError):
        return True
    status = getattr(exc, "status_code", None)
    return isinstance(exc, openai.APIStatusError) and status is not None and status >= 500


def _retry_after_s(exc: BaseException | None) -> float | None:
    """Seconds from ``Retry-After`` (seconds or an HTTP date) or ``retry-after-ms``; None without one."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):  # neither seconds nor a date: behave as if there were no header
        return None
    return max(0.0, parsed.timestamp() - time.time())


def _cut_mid_answer(exc: BaseException) -> bool:
    """The SDK wraps a dropped connection mid-response (httpx's RemoteProtocolError and kin) in the same
    APIConnectionError as a refused one; the cause tells them apart."""
    seen: BaseException | None = exc
    for _ in range(8):  # LangChain and the SDK each add a link to the chain
        if seen is None:
            return False
        if type(seen).__name__ in {"RemoteProtocolError", "ReadError", "IncompleteRead"}:
            return True
        seen = seen.__cause__ or seen.__context__
    return False
