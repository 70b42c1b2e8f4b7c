"""Fixtures for the evaluation tests: an ingested example workspace whose voice-model embeddings are
already cached (embedding the leader's posts once per session, not once per test), the fake models reset
around every test, and a recognisable fake API key."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SMOKE = REPO / "evals" / "smoke.yaml"
FAKE_KEY = "sk-test-SENDEMAST-FAKE-KEY-0123456789abcdef"
VERDICT = json.dumps({"reasoning": "Personlig, konkret og varm.", "score": 4}, ensure_ascii=False)


@pytest.fixture(autouse=True)
def _fresh_fake_models() -> Iterator[None]:
    from sendemast.models.fake import FakeModel

    FakeModel.reset()
    yield
    FakeModel.reset()


@pytest.fixture(scope="session")
def warm_example(ingested_example: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the ingested example workspace with the voice scorer's reference embeddings cached."""
    from sendemast.evaluation.services import Services
    from sendemast.workspace import load_workspace

    target = tmp_path_factory.mktemp("eval-ws") / "ws"
    shutil.copytree(ingested_example, target)
    workspace = load_workspace(target)
    services = Services(settings=workspace.settings, workspace=workspace, profile=workspace.profile,
                        cache_root=workspace.state_dir / "eval")
    model, error = services.voice_model()
    assert model is not None, error
    return target


@pytest.fixture
def ws(warm_example: Path, tmp_path: Path) -> Path:
    """A writable copy of the warm example workspace (index and embedding cache included)."""
    target = tmp_path / "ws"
    shutil.copytree(warm_example, target)
    return target


def enqueue_verdicts(name: str = "fake/judge", n: int = 200, text: str = VERDICT) -> object:
    from sendemast.models import get_model

    model = get_model(name)
    model.enqueue(*[text] * n)  # type: ignore[attr-defined]
    return model


def write_suite(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``sendemast ARGS`` in-process through ``main`` (errors mapped to exit codes, as for users)."""
    import sys
    from unittest.mock import patch

    from sendemast.cli import main

    with patch.object(sys, "argv", ["sendemast", *args]):
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    captured = capsys.readouterr()
    return code, captured.out, captured.err
