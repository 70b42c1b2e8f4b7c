"""Suite files: the shipped suites load, and every mistake names the file, the case and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendemast.evaluation.suite import default_suite_paths, load_suite, read_input
from sendemast.evaluation.types import SuiteError
from tests.evaluation.conftest import REPO, write_suite

GOOD_CASE = """
  - id: ok
    task: check
    input: Jeg var på besøg i dag.
"""


def test_shipped_suites_load_and_reference_existing_notes() -> None:
    example_ws = REPO / "corpus" / "example-workspace"
    for path in (REPO / "evals" / "smoke.yaml", REPO / "evals" / "example.yaml",
                 example_ws / "evals" / "suite.yaml"):
        suite = load_suite(path)
        assert suite.cases
        for case in suite.cases:
            assert read_input(suite, case, example_ws).strip()


def test_example_suite_has_every_task_and_matches_the_workspace_copy() -> None:
    suite = load_suite(REPO / "evals" / "example.yaml")
    assert 12 <= len(suite.cases) <= 20
    assert {c.task for c in suite.cases} == {"draft", "rewrite", "check"}
    shipped = REPO / "corpus" / "example-workspace" / "evals" / "suite.yaml"
    repo_copy = REPO / "evals" / "example.yaml"
    assert shipped.read_text(encoding="utf-8") == repo_copy.read_text(encoding="utf-8")


@pytest.mark.parametrize(("body", "case", "field", "words"), [
    ("  - id: first\n    task: check\n    input: hej\n  - id: second\n    task: draft\n    input: hej\n"
     "    expect:\n      tips_min: {tone: lots}\n", "'second' (#2)", "expect.tips_min.tone", "number"),
    ("  - id: first\n    task: check\n    input: hej\n    expect:\n      must_mentoin: [x]\n",
     "'first' (#1)", "expect.must_mentoin", "extra"),
    ("  - id: x\n    task: publish\n    input: hej\n", "'x' (#1)", "task", "draft"),
    ("  - id: x\n    task: check\n", "'x' (#1)", "(the case)", "exactly one of input and input_file"),
    ("  - id: x\n    task: check\n    input: a\n    input_file: b.md\n", "'x' (#1)", "(the case)",
     "exactly one"),
    ("  - id: x\n    task: draft\n    input: a\n    expect:\n      judge_min: {tone: 7}\n", "'x' (#1)",
     "expect.judge_min", "between 1 and 5"),
    ("  - id: bad id!\n    task: check\n    input: a\n", "'bad id!' (#1)", "id", "pattern"),
])
def test_errors_name_file_case_and_field(tmp_path: Path, body: str, case: str, field: str,
                                         words: str) -> None:
    path = write_suite(tmp_path / "suite.yaml", "name: t\ncases:\n" + body)
    with pytest.raises(SuiteError) as caught:
        load_suite(path)
    message = caught.value.one_line()
    assert str(path) in message and f"case {case}" in message and field in message, message
    assert words.lower() in message.lower(), message
    assert caught.value.exit_code == 2


def test_top_level_errors(tmp_path: Path) -> None:
    with pytest.raises(SuiteError, match="no such suite file"):
        load_suite(tmp_path / "missing.yaml")
    with pytest.raises(SuiteError, match="invalid YAML at line 3"):
        load_suite(write_suite(tmp_path / "a.yaml", "name: t\ncases: [\n"))
    with pytest.raises(SuiteError, match="cases"):
        load_suite(write_suite(tmp_path / "b.yaml", "name: t\ncases: []\n"))
    with pytest.raises(SuiteError, match="duplicate case id 'ok'"):
        load_suite(write_suite(tmp_path / "c.yaml", "name: t\ncases:\n" + GOOD_CASE + GOOD_CASE))
    with pytest.raises(SuiteError, match="surprise"):
        load_suite(write_suite(tmp_path / "d.yaml", "name: t\nsurprise: 1\ncases:\n" + GOOD_CASE))


def test_defaults_fill_what_a_case_leaves_unset(tmp_path: Path) -> None:
    path = write_suite(tmp_path / "s.yaml", """
name: t
defaults:
  expect:
    rules_not_fired: ["privacy.*"]
    voice_min: 0.05
cases:
  - id: inherits
    task: draft
    input: hej
  - id: overrides
    task: check
    input: hej
    expect:
      rules_not_fired: []
      rules_fired: [privacy.cpr]
""")
    suite = load_suite(path)
    inherits, overrides = (suite.expectation(c) for c in suite.cases)
    assert inherits.rules_not_fired == ["privacy.*"] and inherits.voice_min == 0.05
    assert overrides.rules_not_fired == [] and overrides.rules_fired == ["privacy.cpr"]
    assert overrides.voice_min == 0.05
    assert suite.line_of("overrides") == 11  # the text opens with a blank line


def test_input_file_is_found_next_to_the_suite_then_in_the_workspace(tmp_path: Path) -> None:
    (tmp_path / "evals").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.md").write_text("fra workspace", encoding="utf-8")
    (tmp_path / "evals" / "b.md").write_text("ved siden af", encoding="utf-8")
    path = write_suite(tmp_path / "evals" / "s.yaml", """
name: t
cases:
  - {id: a, task: check, input_file: notes/a.md}
  - {id: b, task: check, input_file: b.md}
  - {id: c, task: check, input_file: nowhere.md}
""")
    suite = load_suite(path)
    a, b, c = suite.cases
    assert read_input(suite, a, tmp_path) == "fra workspace"
    assert read_input(suite, b, tmp_path) == "ved siden af"
    with pytest.raises(SuiteError, match="case c: input_file"):
        read_input(suite, c, tmp_path)


def test_default_suite_is_the_workspace_one_else_the_example(tmp_path: Path) -> None:
    assert default_suite_paths(None)[0].name == "suite.yaml"
    assert default_suite_paths(tmp_path)[0].parent.parent.name == "example-workspace"
    (tmp_path / "evals").mkdir()
    write_suite(tmp_path / "evals" / "mine.yaml", "name: t\ncases:\n" + GOOD_CASE)
    assert default_suite_paths(tmp_path) == [tmp_path / "evals" / "mine.yaml"]
    write_suite(tmp_path / "evals" / "suite.yaml", "name: t\ncases:\n" + GOOD_CASE)
    assert default_suite_paths(tmp_path) == [tmp_path / "evals" / "suite.yaml"]


def test_the_example_workspace_ships_a_suite_and_a_ci_workflow(example_workspace: Path) -> None:
    import yaml

    assert load_suite(example_workspace / "evals" / "suite.yaml").name == "fjordmark-example"
    workflow_file = example_workspace / ".github" / "workflows" / "evals.yml"
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["eval"]["steps"]
    run = next(s for s in steps if s.get("name") == "Run the evaluation suite")
    assert run["env"]["OPENAI_API_KEY"] == "${{ secrets.OPENAI_API_KEY }}"
    assert "--html eval-report.html" in run["run"] and "--min-pass-rate" in run["run"]
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert "eval-report.html" in upload["with"]["path"] and upload["if"] == "always()"
    assert any("pip install sendemast" in str(s.get("run", "")) for s in steps)
