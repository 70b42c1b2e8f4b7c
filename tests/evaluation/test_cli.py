"""``sendemast eval`` as a user runs it: exit codes, the default suite, the baseline gate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sendemast.resources import bundled
from tests.evaluation.conftest import cli, write_suite

SUITE = """
name: gate
cases:
  - id: engbo
    task: draft
    input: "- Besøg på Plejecenter Engbo i Egeslev.\\n- 48 boliger har fået vasketoiletter."
    expect: {must_mention: [Engbo], grounded: true}
  - id: own-post
    task: check
    input: "I dag var jeg på Engbo. Tak for kaffen og for de ærlige svar."
"""


def test_a_worse_prompt_version_fails_against_the_baseline(ws: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    suite = write_suite(ws / "gate.yaml", SUITE)
    base = ["-w", str(ws), "eval", str(suite), "--model", "fake/draft"]
    code, out, err = cli([*base, "--json", str(ws / "baseline.json")], capsys)
    assert code == 0, err
    assert json.loads((ws / "baseline.json").read_text(encoding="utf-8"))["summary"]["pass_rate"] == 1.0
    # the same prompt, but version 2 forgets to give the model the notes
    original = (bundled("prompts") / "draft.yaml").read_text(encoding="utf-8")
    worse = re.sub(r'^version: "[^"]+"', 'version: "2.0.0"', original, count=1, flags=re.M)
    worse = worse.replace('{{ notes | fence("noter") }}', "")
    assert worse.count("2.0.0") == 1 and worse != original
    (ws / "prompts").mkdir()
    (ws / "prompts" / "draft.yaml").write_text(worse, encoding="utf-8")
    gated = [*base, "--baseline", str(ws / "baseline.json"), "--json", str(ws / "worse.json")]
    code, out, err = cli(gated, capsys)
    assert code == 1
    assert "regression: engbo passed in the baseline and fails now" in out
    report = json.loads((ws / "worse.json").read_text(encoding="utf-8"))
    assert report["run"]["prompts"] == ["draft@2.0.0"]
    assert {r["kind"] for r in report["baseline"]["regressions"]} >= {"case", "pass_rate"}
    # against itself, the worse run has no regression; the pass-rate gate still catches it
    code, _, _ = cli([*base, "--baseline", str(ws / "worse.json")], capsys)
    assert code == 0
    code, _, err = cli([*base, "--min-pass-rate", "0.9"], capsys)
    assert code == 1 and "below --min-pass-rate 90%" in err


def test_default_suite_is_the_workspace_one(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (ws / "evals" / "suite.yaml").is_file()  # init --example ships one
    write_suite(ws / "evals" / "suite.yaml",
                "name: mine\ncases:\n  - {id: a, task: check, input: 'Jeg var på besøg i dag.'}\n")
    code, out, err = cli(["-w", str(ws), "eval", "--json"], capsys)
    assert code == 0, err
    assert json.loads(out)["suite"] == "mine"


@pytest.mark.parametrize(("args", "message"), [
    (["broken.yaml"], "case 'a' (#1): task"),
    (["missing.yaml"], "no such suite file"),
    (["ok.yaml", "--baseline", "nowhere.json"], "no baseline file"),
    (["ok.yaml", "--baseline", "ok.yaml"], "cannot read the baseline"),
    (["ok.yaml", "--concurrency", "0"], "concurrency"),
    (["ok.yaml", "--repeat", "0"], "repeat"),
    (["ok.yaml", "--min-pass-rate", "2"], "min-pass-rate"),
    (["drafty.yaml", "--model", "nonsense"], "is not provider/name"),
])
def test_usage_errors_exit_2_with_one_line(ws: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch, args: list[str],
                                          message: str) -> None:
    monkeypatch.chdir(ws)
    write_suite(ws / "broken.yaml", "name: t\ncases:\n  - {id: a, task: tweet, input: x}\n")
    write_suite(ws / "ok.yaml", "name: t\ncases:\n  - {id: a, task: check, input: 'Jeg var på besøg.'}\n")
    write_suite(ws / "drafty.yaml", "name: t\ncases:\n  - {id: a, task: draft, input: 'noter'}\n")
    code, _, err = cli(["-w", str(ws), "eval", *args], capsys)
    assert code == 2, err
    assert message in err
    assert "Traceback" not in err


def test_multiple_suites_merge_into_one_report(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = "cases:\n  - {id: a, task: check, input: '%s'}\n"
    one = write_suite(ws / "one.yaml", "name: one\n" + case % "Jeg var på besøg.")
    two = write_suite(ws / "two.yaml", "name: two\n" + case % "CPR 120385-1234")
    code, out, _ = cli(["-w", str(ws), "eval", str(one), str(two), "--json"], capsys)
    report = json.loads(out)
    assert code == 0 and report["suite"] == "one + two"
    assert [c["id"] for c in report["cases"]] == ["one/a", "two/a"]
    assert report["summary"]["total"] == 2


def test_the_median_copied_share_is_reported_per_suite(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = ("cases:\n  - id: a\n    task: draft\n    input: \"%s\"\n"
            "    expect: {written: {copied_share_max: 0.35}}\n")
    engbo = "- Besøg på Engbo i Egeslev med personalet i Afsnit Øst.\\n- Vasketoiletter i alle 48 boliger."
    unge = "- Karrieredag på Fjordmark Gymnasium med 300 elever.\\n- 62 unge i sommerjob i år hos os."
    one = write_suite(ws / "one.yaml", "name: one\n" + case % engbo)
    two = write_suite(ws / "two.yaml", "name: two\n" + case % unge)
    _, out, _ = cli(["-w", str(ws), "eval", str(one), "--model", "fake/draft", "--json"], capsys)
    single = json.loads(out)
    assert single["summary"]["written"]["draft"]["cases"] == 1  # fake/draft pastes: the case fails
    assert single["cases"][0]["scores"]["written"]["status"] == "failed"
    _, out, _ = cli(["-w", str(ws), "eval", str(one), str(two), "--model", "fake/draft", "--json"], capsys)
    merged = json.loads(out)["summary"]["written_by_suite"]
    assert set(merged) == {"one", "two"} and merged["two"]["draft"]["median_copied_share"] > 0.35


def test_without_a_workspace_drafts_are_refused_and_checks_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    drafty = write_suite(tmp_path / "d.yaml", "name: t\ncases:\n  - {id: a, task: draft, input: 'noter'}\n")
    code, _, err = cli(["eval", str(drafty), "--cache-dir", str(tmp_path / "c")], capsys)
    assert code == 2 and "need a workspace" in err and "sendemast init DIR --example" in err
    checks = write_suite(tmp_path / "c.yaml",
                         "name: t\ncases:\n  - {id: a, task: check, input: 'Jeg var her.'}\n")
    code, out, err = cli(["eval", str(checks), "--cache-dir", str(tmp_path / "c"), "--json"], capsys)
    assert code == 0, err
    assert json.loads(out)["summary"]["passed"] == 1


def test_a_workspace_without_a_suite_runs_the_example_suite_and_says_so(
        ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (ws / "evals" / "suite.yaml").unlink()
    code, _, err = cli(["-w", str(ws), "eval", "--model", "nonsense"], capsys)
    assert "has no evals/suite.yaml, so the example suite runs" in err
    assert code == 2 and "is not provider/name" in err  # it got as far as choosing the model
