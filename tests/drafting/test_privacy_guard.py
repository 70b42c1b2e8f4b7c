"""The privacy guard: CPR numbers never reach a hosted model; other personal data only when allowed."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from sendemast.drafting.chain import build_chain
from sendemast.drafting.privacy_guard import mask
from sendemast.errors import PrivacyError
from sendemast.models import get_model
from tests.drafting.conftest import FakeRetriever, hit
from tests.models.fake_openai_server import FakeOpenAIServer

CPR = "120385-0006"  # a valid date, and valid modulus 11: the kind a checker must not miss
REMOTE = "fake/remote-draft"


def sent(model_id: str = REMOTE) -> str:
    return "\n".join(m.content for c in get_model(model_id).calls for m in c.messages)  # type: ignore[attr-defined]


def test_mask_keeps_two_characters() -> None:
    assert mask(CPR) == "12xxxx-xxxx" and mask("20 30 40 50") == "20 xx xx xx"


def test_cpr_in_notes_is_refused_before_anything_is_sent(make_job: Callable[..., Any]) -> None:
    with pytest.raises(PrivacyError) as caught:
        build_chain().invoke(make_job(f"- god dag i hjemmeplejen\n- borger {CPR} ringede", model=REMOTE))
    line = caught.value.one_line()
    assert "CPR number 12xxxx-xxxx in notes line 2" in line and "nothing was sent" in line
    assert CPR not in line and caught.value.exit_code == 1
    assert get_model(REMOTE).calls == []  # type: ignore[attr-defined]


def test_cpr_in_retrieved_text_is_refused(make_job: Callable[..., Any], retriever: FakeRetriever) -> None:
    retriever.values.append(hit("values/sag.md#3", "values", f"Sagen om borger {CPR} er lukket."))
    retriever.values.reverse()
    with pytest.raises(PrivacyError, match=r"CPR number 12xxxx-xxxx in source values/sag.md#3"):
        build_chain().invoke(make_job(model=REMOTE))
    assert get_model(REMOTE).calls == []  # type: ignore[attr-defined]


def test_allow_personal_data_never_covers_cpr(make_job: Callable[..., Any]) -> None:
    with pytest.raises(PrivacyError) as caught:
        build_chain().invoke(make_job(f"- {CPR}", model=REMOTE, allow_personal_data=True))
    assert "--allow-personal-data does not cover CPR numbers" in caught.value.one_line()


def test_other_personal_data_refuses_unless_allowed(make_job: Callable[..., Any]) -> None:
    notes = "- ring til mig på 20 30 40 50 om plejecentret"
    with pytest.raises(PrivacyError) as caught:
        build_chain().invoke(make_job(notes, model=REMOTE))
    assert re.search(
        r"phone number 20 xx xx xx in notes line 1.*--allow-personal-data", caught.value.one_line()
    )
    build_chain().invoke(make_job(notes, model=REMOTE, allow_personal_data=True, variants=1))
    assert "20 30 40 50" in sent()


def test_redact_replaces_with_placeholders_and_restores_nothing(
    make_job: Callable[..., Any], retriever: FakeRetriever
) -> None:
    retriever.posts.append(hit("posts/x.md", "posts", "Skriv til anne.holm@gmail.com for mere."))
    job = build_chain().invoke(
        make_job(
            f"- borger {CPR} og tlf. 20 30 40 50 ringede", model=REMOTE, redact=True, variants=1, examples_k=5
        )
    )
    text = sent()
    assert CPR not in text and "20 30 40 50" not in text and "anne.holm@gmail.com" not in text
    assert "[CPR]" in text and "[TELEFON]" in text and "[EMAIL]" in text
    assert "[CPR]" in job.drafts[0].text  # placeholders stay in the draft: nothing is restored
    assert {r["placeholder"] for r in job.redactions} == {"[CPR]", "[TELEFON]", "[EMAIL]"}


def test_local_models_are_exempt_but_a_cpr_number_is_never_post_material(
    make_job: Callable[..., Any],
) -> None:
    # a local model is not refused (the guard screens what leaves the machine) ...
    job = build_chain().invoke(make_job(f"- borger {CPR} ringede om sin sag", model="fake/draft", variants=1))
    # ... but the notes' reader leaves the CPR number out of the material, and says so
    assert CPR not in sent("fake/draft") and CPR not in job.drafts[0].text
    assert [o.reason for o in job.notes.omissions] == ["privacy.cpr"]


@pytest.fixture
def openai_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-key")
        yield server


def test_cpr_never_arrives_at_an_openai_compatible_server(
    make_job: Callable[..., Any], openai_env: FakeOpenAIServer
) -> None:
    with pytest.raises(PrivacyError):
        build_chain().invoke(make_job(f"- {CPR}", model="openai/gpt-4o-mini"))
    assert openai_env.requests == []
    job = build_chain().invoke(
        make_job(f"- borger {CPR} ringede", model="openai/gpt-4o-mini", redact=True, variants=1)
    )
    # the draft, and the revision its fact accounting may ask for: none of them carries the number
    assert openai_env.posts and all(CPR not in str(post.body) for post in openai_env.posts)
    assert job.drafts[0].text.startswith("Et helt almindeligt opslag")
