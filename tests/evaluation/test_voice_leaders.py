"""Voice across leaders: the example organisation's two leaders, same values and topics, told apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sendemast.evaluation.meta import main


def test_each_leaders_held_out_posts_score_above_her_colleagues(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert main(["--no-checker", "--json", "-"]) == 0
    pairs = json.loads(capsys.readouterr().out)["voice_leaders"]["pairs"]
    assert {(p["leader"], p["other"]) for p in pairs} == {("birgitte", "hanne"), ("hanne", "birgitte")}
    for pair in pairs:
        assert pair["leader_posts"] >= 30 and pair["other_posts"] >= 30, pair
        combined = pair["views"]["combined"]
        assert combined["auc"] >= 0.85, pair
        assert combined["gap"] > 0.03, pair
        assert set(pair["views"]) == {"combined", "tfidf", "embedding"}


def test_a_colleagues_post_scores_below_the_leaders_own_in_drafting_evals(example_workspace: Path) -> None:
    """The eval's voice scorer (Services) puts the colleagues' posts in the contrast set."""
    from sendemast.evaluation.services import Services
    from sendemast.workspace import load_workspace

    ws = load_workspace(example_workspace)
    services = Services(settings=ws.settings, workspace=ws, leader=ws.leader("birgitte"),
                        use_embeddings=False)
    model, error = services.voice_model()
    assert model is not None, error
    assert sum(p.author == "colleague" for p in model.generic) >= 30
    hers = next(p for p in model.own if "vasketoiletter" in p.text.lower())
    colleague = next(p for p in model.generic if p.author == "colleague" and "vasketoilet" in p.text.lower())
    assert model.score(hers.text, exclude_own=[hers.id]).lift > \
        model.score_many([colleague.text], exclude_generic=[colleague.id])[0].lift
