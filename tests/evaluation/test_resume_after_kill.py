"""An eval run killed half-way (SIGKILL, no chance to clean up) resumes without redoing finished cases.

The judge is a real OpenAI client talking to a local stub server that answers after a delay, so the run
takes long enough to kill, and the stub counts exactly which requests the second run makes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.evaluation.conftest import FAKE_KEY, cli, write_suite
from tests.evaluation.openai_stub import openai_stub

CASES = 8


def _journaled(ws: Path) -> set[str]:
    return {p.stem for p in (ws / ".sendemast" / "eval" / "runs").glob("*/cases/*.json")}


@pytest.mark.server
def test_killed_run_resumes_without_redoing_finished_cases(ws: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    cases = "".join(f"  - {{id: post-{i}, task: check, input: 'Jeg besøgte team nummer {i} i dag. Tak!'}}\n"
                    for i in range(CASES))
    suite = write_suite(ws / "judged.yaml",
                        "name: judged\ndefaults:\n  expect:\n    judge_min: {tone: 3}\ncases:\n" + cases)
    with openai_stub(delay=0.4) as stub:
        env = {**os.environ, "OPENAI_BASE_URL": stub.url, "OPENAI_API_KEY": FAKE_KEY,
               "ANONYMIZED_TELEMETRY": "False"}
        command = [sys.executable, "-m", "sendemast", "-w", str(ws), "eval", str(suite),
                   "--judge-model", "openai/stub-judge", "--concurrency", "1"]
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 90
        while len(_journaled(ws)) < 3 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        finished = _journaled(ws)
        log = process.stderr.read().decode() if process.stderr else ""
        assert 3 <= len(finished) < CASES, (finished, log)
        assert all(r["headers"].get("authorization") == f"Bearer {FAKE_KEY}" for r in stub.requests)

        stub.reset()
        monkeypatch.setenv("OPENAI_BASE_URL", stub.url)
        monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
        code, out, err = cli(["-w", str(ws), "eval", str(suite), "--judge-model", "openai/stub-judge",
                              "--concurrency", "1", "--json", str(ws / "resumed.json")], capsys)
        assert code == 0, err
        report = json.loads((ws / "resumed.json").read_text(encoding="utf-8"))
        resumed = {c["id"] for c in report["cases"] if c["resumed"]}
        assert resumed == finished
        assert report["run"]["resumed"] == len(finished) and report["summary"]["passed"] == CASES
        # only unfinished cases reached the server (a case killed after its call is served from the cache)
        asked = stub.prompts()
        assert len(asked) <= CASES - len(finished)
        for case_id in finished:
            number = case_id.split("-")[1]
            assert not any(f"team nummer {number} " in prompt for prompt in asked)
        assert FAKE_KEY not in out + err + (ws / "resumed.json").read_text(encoding="utf-8")
