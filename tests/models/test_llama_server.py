"""The openai/… path end to end against a real OpenAI-compatible server: llama-cpp-python's own
``python -m llama_cpp.server`` serving the bundled GGUF on a free loopback port, spoken to by the real
OpenAI SDK through LangChain, found through ``OPENAI_BASE_URL``."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sendemast.errors import PrivacyError

pytestmark = [pytest.mark.slow, pytest.mark.server, pytest.mark.local_model]

if importlib.util.find_spec("llama_cpp") is None:
    pytest.skip("llama-cpp-python is not installed (pip install 'sendemast[local]')", allow_module_level=True)
if importlib.util.find_spec("fastapi") is None or importlib.util.find_spec("uvicorn") is None:
    pytest.skip(
        "llama-cpp-python's server extra is not installed (pip install 'llama-cpp-python[server]')",
        allow_module_level=True,
    )


@dataclass
class LlamaServer:
    base_url: str
    log: Path

    def chat_requests(self) -> int:
        return self.log.read_text(errors="replace").count("POST /v1/chat/completions")


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    from sendemast.models import BUNDLED_DEFAULT, get_model
    from tests.support.servers import free_port, running

    path = get_model(BUNDLED_DEFAULT).path  # type: ignore[attr-defined]
    port = free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    cmd = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(path),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "2048",
        "--n_threads",
        "2",
    ]
    with running(cmd, f"http://127.0.0.1:{port}/v1/models", log, timeout=120):
        yield LlamaServer(f"http://127.0.0.1:{port}/v1", log)


@pytest.fixture
def via_server(llama_server: LlamaServer, monkeypatch: pytest.MonkeyPatch) -> LlamaServer:
    monkeypatch.setenv("OPENAI_BASE_URL", llama_server.base_url)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)  # a local server needs no key
    return llama_server


def test_the_real_sdk_talks_to_the_real_server(via_server: LlamaServer) -> None:
    from sendemast.models import Message, get_model

    model = get_model("openai/bundled")
    before = via_server.chat_requests()
    done = model.generate([Message("user", "Skriv én sætning om en god arbejdsdag.")], max_tokens=24, seed=1)
    assert done.text.strip() and done.completion_tokens and done.completion_tokens <= 24
    assert via_server.chat_requests() == before + 1


def test_a_draft_through_the_server_with_a_json_grammar(
    via_server: LlamaServer, profile_and_retriever: Any
) -> None:
    from sendemast.drafting import DraftRequest, run
    from sendemast.models import get_model
    from tests.drafting.conftest import Verdicts

    profile, retriever = profile_and_retriever
    # The checker is stubbed to "pass": this test is about the HTTP path, and a revise round would double it.
    result = run(
        DraftRequest(text="- nyt plejecenter i Bredstrand\n- 40 boliger", variants=1, max_tokens=80, seed=3),
        model=get_model("openai/bundled"),
        profile=profile,
        retriever=retriever,
        checker=Verdicts(),
    )
    (draft,) = result.drafts
    assert len(draft.text) >= 20 and draft.check["verdict"] in ("block", "review", "pass")
    assert result.prompt_name == "draft"


def test_cpr_is_refused_and_nothing_reaches_the_listening_server(
    via_server: LlamaServer, profile_and_retriever: Any
) -> None:
    from sendemast.drafting import DraftRequest, run
    from sendemast.models import get_model

    profile, retriever = profile_and_retriever
    before = via_server.chat_requests()
    with pytest.raises(PrivacyError):
        run(
            DraftRequest(text="- borger 120385-0006 ringede i går", variants=1),
            model=get_model("openai/bundled"),
            profile=profile,
            retriever=retriever,
        )
    assert via_server.chat_requests() == before


@pytest.fixture
def profile_and_retriever() -> tuple[Any, Any]:
    from sendemast.profile import Profile
    from tests.drafting.conftest import FakeRetriever, hit

    profile = Profile(name="Birgitte Vang Holst", title="Kommunaldirektør", organisation="Fjordmark Kommune")
    return profile, FakeRetriever(posts=[hit("posts/1.md", "posts", "I dag besøgte jeg hjemmeplejen. Tak!")])
