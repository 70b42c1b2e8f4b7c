"""Schemathesis fuzzes the team studio's JSON API from its own OpenAPI document, logged in as an
adviser and with her CSRF token: whatever it sends, the studio never answers 5xx."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from tests.studio.team_support import add_accounts, cli_drafts, login, session_csrf

BASE = "http://127.0.0.1:8000"
SEEN: Counter[int] = Counter()
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def logged_in(ingested_example: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from fastapi.testclient import TestClient

    from sendemast.studio.team_mode import create_team_app
    from sendemast.workspace import load_workspace

    root = tmp_path_factory.mktemp("fuzz") / "ws"
    shutil.copytree(ingested_example, root)
    add_accounts(root)
    cli_drafts(root)
    # bound to every address (any Host header): schemathesis' ASGI client calls itself "testserver"
    app = create_team_app(load_workspace(root), model_id="fake/draft", host="0.0.0.0")
    client = TestClient(app, base_url=BASE, raise_server_exceptions=False)
    login(client, "anna")
    app.state.fuzz_auth = {"cookies": {"sendemast_session": client.cookies["sendemast_session"]},
                           "headers": {"x-csrf-token": session_csrf(client)}}
    return app


def test_the_api_never_answers_5xx(logged_in: Any) -> None:
    from hypothesis import given

    schema = schemathesis.openapi.from_asgi("/api/openapi.json", logged_in)
    auth = logged_in.state.fuzz_auth
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def fuzz(case: Any) -> None:
            response = case.call(base_url=BASE, headers=auth["headers"], cookies=auth["cookies"])
            SEEN[response.status_code] += 1
            assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])

        fuzz()


def test_the_fuzzing_got_past_the_login_and_the_csrf_check() -> None:
    # the fuzz would prove nothing if every request had been turned away at the door
    assert SEEN, "the fuzz test did not run"
    print("status codes seen:", dict(sorted(SEEN.items())))
    assert SEEN[200] + SEEN[201] > 0 and SEEN[401] == 0, dict(SEEN)
