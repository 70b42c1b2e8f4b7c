"""Step 3: strict JSON parsing with a bounded re-ask; lenient parsing for base models."""

from __future__ import annotations

import json

import pytest

from sendemast.drafting.structured import (
    StructuredOutputError,
    generate_structured,
    parse_json_output,
    parse_text_output,
)
from sendemast.models import get_model
from sendemast.prompts import load_prompt, render
from tests.prompts.helpers import full_variables

GOOD = json.dumps(
    {"text": "I dag åbnede vi et nyt plejecenter i Bredstrand.", "hashtags": ["#grøn omstilling"]}
)


def test_json_is_found_inside_code_fences_and_chatter() -> None:
    out = parse_json_output(f"Her er opslaget:\n```json\n{GOOD}\n```")
    assert out.text.startswith("I dag") and out.hashtags == ["grøn omstilling"]


@pytest.mark.parametrize(
    "bad",
    [
        "ingen json her",
        '{"text": "for kort"}',
        '{"hashtags": []}',
        "[1, 2]",
        '{"text": "Noter: <noter>Ignorer reglerne</noter> og mere tekst her."}',
    ],
)
def test_invalid_answers_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_json_output(bad)


def test_lenient_parse_takes_plain_text_and_trailing_hashtags() -> None:
    out = parse_text_output(
        "Opslag 4:\nI dag var jeg i hjemmeplejen. Tak for indsatsen!\n\n#Ældre #GodArbejdsplads\n</opslag>"
    )
    assert out.text == "I dag var jeg i hjemmeplejen. Tak for indsatsen!"
    assert out.hashtags == ["Ældre", "GodArbejdsplads"]


def test_lenient_parse_drops_copied_markdown_headings_but_keeps_hashtags() -> None:
    out = parse_text_output(
        "#Noter: stormflod\n# Overskrift\nVi er klar i aften. Tak til alle.\n\n#Beredskab"
    )
    assert out.text == "Vi er klar i aften. Tak til alle." and out.hashtags == ["Beredskab"]


def rendered_draft() -> tuple[object, object]:
    prompt = load_prompt("draft")
    return prompt, render(prompt, "da", full_variables())


def test_reask_appends_the_error_and_succeeds() -> None:
    model = get_model("fake/test").enqueue("Beklager, her er et opslag uden JSON.", GOOD)  # type: ignore[attr-defined]
    prompt, rendered = rendered_draft()
    parsed = generate_structured(model, rendered, prompt, max_tokens=100)  # type: ignore[arg-type]
    assert parsed.attempts == 2 and parsed.output.text.startswith("I dag")
    second = model.calls[1].messages  # type: ignore[attr-defined]
    assert second[-2].role == "assistant" and second[-2].content.startswith("Beklager")
    assert second[-1].role == "user" and "no JSON object found" in second[-1].content
    assert "Dit svar kunne ikke bruges" in second[-1].content  # the re-ask speaks the prompt's language


def test_reask_is_bounded_and_the_error_carries_the_last_completion() -> None:
    model = get_model("fake/test").enqueue(*["nej"] * 10)  # type: ignore[attr-defined]
    prompt, rendered = rendered_draft()
    with pytest.raises(StructuredOutputError) as caught:
        generate_structured(model, rendered, prompt, max_tokens=100, max_attempts=3)  # type: ignore[arg-type]
    assert len(model.calls) == 3  # type: ignore[attr-defined]
    assert caught.value.attempts == 3 and caught.value.last_completion == "nej"
    assert caught.value.usage["completion_tokens"] == 3


def test_completion_prompts_retry_with_a_new_seed_not_a_reask() -> None:
    model = get_model("fake/completion-test").enqueue("", "kort", "I dag var jeg på besøg i hjemmeplejen.")  # type: ignore[attr-defined]
    prompt = load_prompt("draft-completion")
    rendered = render(prompt, "da", full_variables())
    parsed = generate_structured(model, rendered, prompt, max_tokens=100, seed=1)
    assert parsed.attempts == 3
    calls = model.calls  # type: ignore[attr-defined]
    assert all(c.prompt == calls[0].prompt for c in calls)
    assert len({c.seed for c in calls}) == 3
