"""Calibration of the voice scorer: leave-one-out over the example leader's own posts and other authors'
posts (evals/generic-public-sector). The leader's held-out posts must score clearly above the others'."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from sendemast.evaluation.meta import voice_calibration
from sendemast.evaluation.voice import VoiceModel, mask_content
from sendemast.separation import auc, separation


@pytest.fixture(scope="module")
def voice_model(warm_example: Path) -> VoiceModel:
    """The leader's voice against the calibration set this file names — other authors' posts
    (evals/generic-public-sector) — as the README's calibration figures are. In an organisation eval runs
    add the colleagues' posts to the contrast (tests/evaluation/test_voice_leaders.py measures that)."""
    from sendemast.corpus.past_posts import generic_posts, leader_posts
    from sendemast.retrieval.embedders import get_embedder
    from sendemast.workspace import load_workspace

    workspace = load_workspace(warm_example)
    return VoiceModel(leader_posts(workspace), generic_posts(), get_embedder(workspace.settings.embedder))


def test_the_leaders_posts_score_clearly_above_other_authors(voice_model: VoiceModel) -> None:
    result = voice_calibration(voice_model)
    assert result["leader_posts"] >= 40 and result["other_posts"] >= 15
    combined = result["views"]["combined"]
    assert combined["auc"] >= 0.9, combined
    assert combined["own_mean"] > 2 * combined["other_mean"], combined
    assert combined["d_prime"] >= 1.2, combined
    assert combined["own_mean"] > 0.05 > combined["other_mean"], combined  # the lift is on a usable scale
    assert set(result["views"]) == {"combined", "tfidf", "embedding"}


def test_a_press_release_rewrite_of_a_leader_post_scores_lower(voice_model: VoiceModel) -> None:
    own = next(p for p in voice_model.own if "skærmvagten" in p.text)
    press = ("Fjordmark Kommune oplyser, at direktionen har gennemført et besøg i hjemmeplejens skærmvagt i "
             "Distrikt Nord. Formålet med besøget var at opnå indsigt i anvendelsen af skærmbesøg. "
             "Yderligere oplysninger kan fås ved henvendelse til Sundhed og Omsorg.")
    personal = voice_model.score(own.text, exclude_own=[own.id])
    institutional = voice_model.score(press)
    assert personal.lift > institutional.lift + 0.05, (personal, institutional)


def test_names_and_numbers_are_masked_before_comparing() -> None:
    masked = mask_content("I går var jeg i Fjordmark Kommune med Anne Holm. 17 besøg den 3. marts. "
                          "Se https://fjordmark.dk #FjordmarkKommune @BirgitteVHolst")
    assert "Fjordmark" not in masked and "Anne" not in masked and "17" not in masked and "marts" not in masked
    assert "http" not in masked and "#" not in masked and "@" not in masked
    assert masked.startswith("I går var jeg i Navn med Navn.")


def test_separation_statistics() -> None:
    assert auc([3, 4], [1, 2]) == 1.0 and auc([1], [1]) == 0.5
    stats = separation([0.1, 0.12, 0.09], [0.02, 0.03, 0.01])
    assert stats["auc"] == 1.0 and stats["own_above_other_max"] == 1.0
    assert 0.03 < stats["best_threshold"] <= 0.09
    gap = statistics.fmean([0.1, 0.12, 0.09]) - statistics.fmean([0.02, 0.03, 0.01])
    assert gap == pytest.approx(stats["gap"], abs=1e-4)
