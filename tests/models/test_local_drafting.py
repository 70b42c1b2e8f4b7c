"""The bundled model drafting from the example workspace, in Danish and in English, fully offline."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.local_model]

if importlib.util.find_spec("llama_cpp") is None:
    pytest.skip("llama-cpp-python is not installed (pip install 'sendemast[local]')", allow_module_level=True)


@pytest.mark.parametrize(
    ("notes", "lang"), [("besoeg-plejecenter.md", "da"), ("english-conference.md", "en")]
)
def test_bundled_model_drafts_from_the_example_workspace(
    copy_of_ingested: Path, notes: str, lang: str
) -> None:
    from sendemast.drafting import DraftRequest, run
    from sendemast.guidelines.channels.count import count_length
    from sendemast.lang import detect_language
    from sendemast.models import BUNDLED_DEFAULT, get_model
    from sendemast.retrieval import open_retriever
    from sendemast.team.history import HistoryStore
    from sendemast.workspace import load_workspace

    ws = load_workspace(copy_of_ingested)
    model = get_model(BUNDLED_DEFAULT, ws.settings)
    text = (ws.root / "notes" / notes).read_text(encoding="utf-8")
    result = run(
        DraftRequest(text=text, lang=lang, channel="linkedin", max_tokens=120, seed=7),  # type: ignore[arg-type]
        model=model,
        profile=ws.profile,
        retriever=open_retriever(ws),
        history=HistoryStore.for_workspace(ws),
        settings=ws.settings,
    )
    assert result.model_is_demo and len(result.drafts) == 1  # one variant with the bundled model
    draft = result.drafts[0]
    count, limit, _ = count_length(draft.text, "linkedin")
    assert 40 <= count <= limit
    assert detect_language(draft.text, default="da" if lang == "en" else "en") == lang
    assert draft.sources and all(s.kind in ("values", "posts") for s in draft.sources)
    assert draft.check["verdict"] in ("block", "review", "pass")
    # the bundled model is not capable: the composer writes the post sentence by sentence, each verified
    assert not model.capable and result.prompt_name == "compose-sentence"
    assert draft.composition and draft.facts is not None and draft.facts["invented"] == []
