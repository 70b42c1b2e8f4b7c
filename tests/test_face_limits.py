"""The CLI and the studio accept the same values: the plan's weeks and the number of variants are limits
of the library (``planning.core.MAX_WEEKS``, ``drafting.types.MAX_VARIANTS``), and both faces ask it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sendemast.drafting.types import MAX_VARIANTS
from sendemast.planning.core import MAX_WEEKS
from tests.support.cli import run_cli

BASE = "http://127.0.0.1:8000"
NOTES = "- besøg på Plejecenter Engbo\n- 48 boliger med vasketoiletter"


@pytest.fixture
def client(example_workspace: Path) -> Any:
    from fastapi.testclient import TestClient

    from sendemast.studio import create_app
    from sendemast.workspace import load_workspace

    app = create_app(load_workspace(example_workspace), model_id="fake/draft")
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("weeks", [0, MAX_WEEKS + 1])
def test_the_plan_refuses_the_same_weeks_in_both_faces(example_workspace: Path, client: Any, capsys: Any,
                                                       monkeypatch: Any, weeks: int) -> None:
    code, out, err = run_cli(capsys, monkeypatch, "-w", str(example_workspace), "plan", "--weeks", str(weeks))
    assert code == 2 and out == ""
    assert f"--weeks must be between 1 and {MAX_WEEKS} (got {weeks})" in err
    page = client.get(f"/plan?weeks={weeks}")
    assert page.status_code == 400 and f"fra 1 til {MAX_WEEKS}, ikke &#39;{weeks}&#39;" in page.text
    assert f'max="{MAX_WEEKS}"' in page.text  # the field offers the same limit


@pytest.mark.parametrize("variants", [0, MAX_VARIANTS + 1])
def test_draft_refuses_the_same_variants_in_both_faces(example_workspace: Path, client: Any, capsys: Any,
                                                       monkeypatch: Any, variants: int) -> None:
    code, _, err = run_cli(capsys, monkeypatch, "-w", str(example_workspace), "draft",
                           "--model", "fake/draft", "-n", str(variants), "--", NOTES)
    message = f"variants must be between 1 and {MAX_VARIANTS} (got {variants})"
    assert code == 2 and message in err
    if variants:  # 0 in the form is "the default", as an empty field
        answer = client.post("/api/drafts", data={"text": NOTES, "variants": str(variants)})
        assert answer.status_code == 400 and message in answer.json()["error"]


def test_the_studio_takes_as_many_variants_as_the_cli(client: Any) -> None:
    assert f'max="{MAX_VARIANTS}"' in client.get("/").text
    answer = client.post("/api/drafts", data={"text": NOTES, "variants": "5"})  # the studio stopped at 3
    assert answer.status_code == 202, answer.text
    from tests.studio.team_support import finished_job

    assert finished_job(client, answer.json()["job"]) is not None  # done before the app closes
