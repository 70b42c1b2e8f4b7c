"""``python -m sendemast.evaluation.meta``: voice separation always, judge agreement with a judge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sendemast.evaluation.meta import main
from tests.evaluation.conftest import enqueue_verdicts


def test_meta_reports_voice_separation_and_skips_the_judge(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert main(["--no-checker", "--no-embeddings", "--json", "-"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["voice"]["views"]["tfidf"]["auc"] >= 0.9
    assert "skipped" in result["judge"]


def test_meta_measures_judge_agreement_with_the_labels(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    enqueue_verdicts(n=100)  # a judge that always says 4
    assert main(["--no-checker", "--no-embeddings", "--judge-model", "fake/judge"]) == 0
    out = capsys.readouterr().out
    assert "Judge agreement (fake/judge" in out and "tone" in out and "pass/fail agreement" in out
    assert "Voice scorer:" in out and "tfidf" in out
    assert main(["--no-checker", "--no-embeddings", "--judge-model", "fake/small-judge"]) == 0
    assert "too small" in capsys.readouterr().out
