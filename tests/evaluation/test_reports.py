"""Reports: the JSON shape, JUnit that parses, HTML that escapes everything, no API key anywhere, and
GitHub annotations."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sendemast.models import get_model
from tests.evaluation.conftest import FAKE_KEY, cli, enqueue_verdicts, write_suite

SUITE = f"""
name: reports
cases:
  - id: script
    task: check
    description: a post with markup <b>in the description</b>
    input: |
      Jeg lærte i dag, at <script>alert("x")</script> og <img src=x onerror=alert(1)> ikke hører hjemme her.
    expect:
      verdict_max: review
      judge_min: {{tone: 3}}
  - id: cpr
    task: check
    input: "Tak til borgeren med CPR 120385-1234 for [bold red]snakken[/] & kaffen."
    expect:
      verdict_max: review
  - id: leaky
    task: draft
    input: "- Besøg på Engbo i dag.\\n- Nøglen er {FAKE_KEY}"
"""


@pytest.fixture(scope="module")
def reports(warm_example: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One run of SUITE with a fake key in the environment and a model error that quotes it."""
    from sendemast.errors import ModelError
    from sendemast.models.fake import FakeModel

    ws = tmp_path_factory.mktemp("reports") / "ws"
    shutil.copytree(warm_example, ws)
    suite = write_suite(ws / "reports.yaml", SUITE)
    out = ws / "out"
    mp = pytest.MonkeyPatch()
    mp.setenv("OPENAI_API_KEY", FAKE_KEY)
    mp.setenv("GITHUB_ACTIONS", "true")
    FakeModel.reset()
    get_model("fake/leaky").enqueue(*[ModelError(f"401 for key {FAKE_KEY}")] * 3)  # type: ignore[attr-defined]
    enqueue_verdicts(text=json.dumps({"reasoning": f"God tone. {FAKE_KEY} <script>x</script>", "score": 4}))
    import contextlib
    import io
    import sys
    from unittest.mock import patch

    from sendemast.cli import main

    stdout, stderr = io.StringIO(), io.StringIO()
    argv = ["sendemast", "-w", str(ws), "eval", str(suite), "--model", "fake/leaky",
            "--judge-model", "fake/judge", "--json", str(out / "r.json"), "--junit", str(out / "r.xml"),
            "--html", str(out / "r.html")]
    redirected = contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr)
    with patch.object(sys, "argv", argv), redirected[0], redirected[1]:
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
    mp.undo()
    FakeModel.reset()
    return {"code": code, "stdout": stdout.getvalue(), "stderr": stderr.getvalue(), "out": out,
            "json": json.loads((out / "r.json").read_text(encoding="utf-8"))}


def test_json_report_shape(reports: dict) -> None:
    data = reports["json"]
    assert {"suite", "model", "judge_model", "cases", "summary"} <= set(data)
    assert (data["suite"], data["model"], data["judge_model"]) == ("reports", "fake/leaky", "fake/judge")
    for case in data["cases"]:
        assert {"id", "passed", "scores", "findings", "output"} <= set(case)
    assert data["summary"] == {**data["summary"], "passed": 1, "failed": 2, "pass_rate": round(1 / 3, 4)}
    by_id = {c["id"]: c for c in data["cases"]}
    assert by_id["script"]["passed"] and by_id["script"]["scores"]["judge.tone"]["status"] == "passed"
    assert by_id["cpr"]["scores"]["checker"]["status"] == "failed"
    assert by_id["leaky"]["error"] and by_id["leaky"]["output"] is None
    assert reports["code"] == 0  # no --min-pass-rate, no baseline: failures alone do not fail the command


def test_no_api_key_in_any_report_or_output(reports: dict) -> None:
    out: Path = reports["out"]  # type: ignore[assignment]
    texts = [p.read_text(encoding="utf-8") for p in out.iterdir()] + [reports["stdout"], reports["stderr"]]
    logs = list((Path(out).parent / ".sendemast" / "eval" / "logs").glob("*.json"))
    texts += [p.read_text(encoding="utf-8") for p in logs]
    assert len(texts) >= 6 and logs
    for text in texts:
        assert FAKE_KEY not in text
        assert FAKE_KEY[:20] not in text
    assert "***" in json.dumps(reports["json"])


def test_junit_has_one_testcase_per_case_and_scorer(reports: dict) -> None:
    root = ET.parse(Path(reports["out"]) / "r.xml").getroot()  # type: ignore[arg-type]
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    expected = sum(len(c["scores"]) for c in reports["json"]["cases"])
    assert len(cases) == expected == int(suite.get("tests", "0"))
    names = {(c.get("classname"), c.get("name")) for c in cases}
    assert ("reports.cpr", "checker") in names and ("reports.script", "judge.tone") in names
    failed = [c for c in cases if c.find("failure") is not None]
    errors = [c for c in cases if c.find("error") is not None]
    assert [(c.get("classname"), c.get("name")) for c in failed] == [("reports.cpr", "checker")]
    assert [(c.get("classname"), c.get("name")) for c in errors] == [("reports.leaky", "solve")]
    assert suite.get("failures") == "1" and suite.get("errors") == "1"


def test_html_escapes_everything_and_highlights_findings(reports: dict) -> None:
    html = (Path(reports["out"]) / "r.html").read_text(encoding="utf-8")  # type: ignore[arg-type]
    assert "<script" not in html.lower() and "<img" not in html.lower() and "<b>in" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert '<mark class="block" title="privacy.cpr' in html and ">120385-1234</mark>" in html
    assert "http://" not in html and "https://" not in html  # no external assets
    assert "God tone." in html  # the judge's reasoning is shown


def test_console_prints_content_literally(reports: dict) -> None:
    assert "1/3 passed" in reports["stdout"]
    assert "✗ cpr · checker" in reports["stdout"]


def test_github_annotations_point_at_the_failing_cases(reports: dict) -> None:
    lines = [line for line in reports["stdout"].splitlines() if line.startswith("::error")]
    assert len(lines) == 2
    cpr = next(line for line in lines if "cpr" in line)
    assert cpr.startswith("::error file=") and ",line=" in cpr and "title=sendemast eval%3A cpr::" in cpr


def test_annotation_values_are_escaped() -> None:
    from sendemast.evaluation.reports.github import annotation_lines, emit_annotations

    report = {"run": {}, "cases": [{"id": "a,b:c", "passed": False, "scores": {
        "x": {"status": "failed", "explanation": "100% wrong\nsecond line"}}}]}
    (line,) = annotation_lines(report)
    assert line == "::error title=sendemast eval%3A a%2Cb%3Ac::x: 100%25 wrong%0Asecond line"
    import io

    stream = io.StringIO()
    assert emit_annotations(report, stream, environ={}) == 0 and stream.getvalue() == ""


def test_bare_report_flags_get_default_paths(ws: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    suite = write_suite(ws / "s.yaml",
                        "name: t\ncases:\n  - {id: a, task: check, input: 'Jeg var på besøg.'}\n")
    monkeypatch.chdir(ws)
    code, out, err = cli(["-w", str(ws), "eval", "--json", "--junit", "--html", str(suite)], capsys)
    assert code == 0, err
    assert json.loads(out)["suite"] == "t"  # JSON alone on standard output; the table went to stderr
    assert (ws / "eval-junit.xml").is_file() and (ws / "eval-report.html").is_file()
    assert "wrote eval-junit.xml, eval-report.html" in err
    # a bare flag never swallows a suite that follows it, and a report is never written over a suite
    code, _, err = cli(["-w", str(ws), "eval", "--junit", str(suite), "--html=x.yaml"], capsys)
    assert code == 2 and "looks like a suite" in err
    assert suite.read_text(encoding="utf-8").startswith("name: t")
