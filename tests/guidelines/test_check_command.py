"""``sendemast check`` as a user meets it: exit codes, JSON, batches, standard input, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sendemast.cli import app
from sendemast.errors import SendemastError

CPR_POST = "Jeg fik i går et brev med cpr 120384-1234 i emnefeltet. Det minder mig om Digital Post."
CLEAN_POST = (
    "Jeg cyklede på arbejde i dag for første gang i år. 14 km og én punktering. Vi ses på cykelstien!"
)
REVIEW_POST = "Venstres forslag om at lukke de små skoler er dybt uansvarligt, siger jeg."


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    error: str


def run(args: list[str], input: str | bytes | None = None) -> Outcome:
    """Invoke the CLI in-process, mapping sendemast's errors to exit codes as ``sendemast.cli.main`` does."""
    result = CliRunner().invoke(app, args, input=input)
    exc = result.exception
    if isinstance(exc, SendemastError):
        return Outcome(exc.exit_code, result.stdout, exc.one_line())
    if exc is not None and not isinstance(exc, SystemExit):
        raise exc
    return Outcome(result.exit_code, result.stdout, "")


@pytest.fixture(autouse=True)
def _outside_any_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_a_cpr_number_blocks_with_exit_1_and_the_span_marked(tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    post.write_text(CPR_POST, encoding="utf-8")
    outcome = run(["check", str(post)])
    assert outcome.exit_code == 1
    assert "»120384-1234«" in outcome.stdout and "privacy.cpr" in outcome.stdout
    assert "STOP" in outcome.stdout  # the verdict, in the post's language


def test_a_clean_personal_post_passes_with_exit_0() -> None:
    outcome = run(["check", "-"], input=CLEAN_POST)
    assert outcome.exit_code == 0
    assert "OK" in outcome.stdout and "Mandat" in outcome.stdout  # the scorecard of the six tips


def test_standard_input_is_read_without_arguments() -> None:
    outcome = run(["check", "--json"], input=CPR_POST)
    assert outcome.exit_code == 1
    assert json.loads(outcome.stdout)["verdict"] == "block"


def test_json_output_shape() -> None:
    outcome = run(["check", "--json", "--channel", "x", "-"], input=CPR_POST)
    data = json.loads(outcome.stdout)
    assert set(data) == {
        "channel", "language", "length", "lix", "findings", "tips", "written", "spelling", "verdict"
    }
    assert data["written"]["copied_share"] is None  # no --source: nothing to compare with
    assert data["channel"] == "x" and data["length"]["unit"] == "weighted"
    finding = data["findings"][0]
    assert finding["rule"] == "privacy.cpr" and CPR_POST[finding["start"] : finding["end"]] == "120384-1234"


def test_several_files_give_a_json_list_with_ids(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(CLEAN_POST, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REVIEW_POST, encoding="utf-8")
    outcome = run(["check", "--json", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    data = json.loads(outcome.stdout)
    assert [d["verdict"] for d in data] == ["pass", "review"]
    assert data[0]["id"].endswith("a.txt")
    assert outcome.exit_code == 0  # review does not reach the default --fail-on block


@pytest.mark.parametrize(
    "fail_on, post, code",
    [
        ("review", REVIEW_POST, 1),
        ("block", REVIEW_POST, 0),
        ("warn", "Kommunen har åbnet et nyt bibliotek i Vestby.", 1),
        ("review", "Kommunen har åbnet et nyt bibliotek i Vestby.", 0),
    ],
)
def test_fail_on(fail_on: str, post: str, code: int) -> None:
    assert run(["check", "--fail-on", fail_on, "-"], input=post).exit_code == code


@pytest.mark.parametrize(
    "args, input, message",
    [
        (["check", "-"], "", "empty"),
        (["check", "-"], "  \n\t ", "empty"),
        (["check", "--channel", "myspace", "-"], CLEAN_POST, "unknown channel 'myspace'"),
        (["check", "/no/such/file.txt"], None, "cannot read /no/such/file.txt"),
        (["check", "--fail-on", "sometimes", "-"], CLEAN_POST, "--fail-on must be one of"),
        (["check", "--audience", "borgere", "-"], CLEAN_POST, "needs a workspace"),
        (["check", "--batch", "x.jsonl", "post.txt"], None, "either FILE arguments or --batch"),
    ],
)
def test_usage_errors_exit_2_with_one_clear_line(args: list[str], input: str | None, message: str) -> None:
    outcome = run(args, input=input)
    assert outcome.exit_code == 2
    assert message in outcome.error and "\n" not in outcome.error


def test_binary_and_non_utf8_files_are_usage_errors(tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Jeg så en rød bil".encode("latin-1"))
    assert "not a text file" in run(["check", str(binary)]).error
    assert "not UTF-8" in run(["check", str(latin1)]).error
    assert run(["check", str(tmp_path)]).exit_code == 2  # a folder


def test_batch_writes_one_result_per_line_with_the_same_id(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "text": CLEAN_POST},
        {"id": "b", "text": CPR_POST, "channel": "x"},
        {"id": 3, "text": REVIEW_POST, "channel": "bluesky"},
    ]
    batch = tmp_path / "posts.jsonl"
    batch.write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n\n", encoding="utf-8"
    )
    outcome = run(["check", "--batch", str(batch)])
    results = [json.loads(line) for line in outcome.stdout.splitlines()]
    assert [r["id"] for r in results] == ["a", "b", 3]
    assert [r["channel"] for r in results] == ["linkedin", "x", "bluesky"]
    assert [r["verdict"] for r in results] == ["pass", "block", "review"]
    assert outcome.exit_code == 1


def test_batch_reports_malformed_lines_and_carries_on() -> None:
    text = "\n".join(
        [
            json.dumps({"id": "ok", "text": CLEAN_POST}),
            "{not json",
            json.dumps({"id": "empty", "text": "  "}),
            json.dumps({"id": "bad-channel", "text": CLEAN_POST, "channel": "myspace"}),
            json.dumps(["a", "list"]),
            json.dumps({"id": "also-ok", "text": CLEAN_POST}),
        ]
    )
    outcome = run(["check", "--batch", "-"], input=text)
    results = [json.loads(line) for line in outcome.stdout.splitlines()]
    assert [r["id"] for r in results] == ["ok", 2, "empty", "bad-channel", 5, "also-ok"]
    errors = [r for r in results if "error" in r]
    assert [r["line"] for r in errors] == [2, 3, 4, 5]
    assert "unknown channel" in errors[2]["error"]
    assert outcome.exit_code == 2 and "4 of 6 batch line(s)" in outcome.error


def test_workspace_channel_rules_and_profile_apply(tmp_path: Path) -> None:
    from sendemast.workspace import init_workspace

    root = init_workspace(tmp_path / "ws")
    toml = root / "sendemast.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8")
        .replace('channel = "linkedin"', 'channel = "x"')
        .replace('rules = ""', 'rules = "guidelines.yaml"'),
        encoding="utf-8",
    )
    (root / "guidelines.yaml").write_text(
        "words:\n  da:\n    attack_person_words: [skvadderhoved]\n", encoding="utf-8"
    )
    outcome = run(
        ["--workspace", str(root), "check", "--json", "-"], input="Han er et skvadderhoved, siger jeg."
    )
    data = json.loads(outcome.stdout)
    assert data["channel"] == "x"
    assert "civility.attack" in {f["rule"] for f in data["findings"]}
    assert (
        run(["--workspace", str(root), "check", "--audience", "nobody", "-"], input=CLEAN_POST).exit_code == 2
    )


def test_the_installed_command_never_shows_a_traceback(tmp_path: Path) -> None:
    """End to end through ``sendemast.cli.main``: the exit code and one line on standard error."""
    command = [sys.executable, "-m", "sendemast", "check", "--channel", "nope", "-"]
    done = subprocess.run(command, input=CLEAN_POST, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        == "error: unknown channel 'nope' (known: linkedin, x, bluesky, mastodon, threads)"
    )
    done = subprocess.run(
        [sys.executable, "-m", "sendemast", "check", "--json", "-"],
        input=CPR_POST,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert (
        done.returncode == 1
        and json.loads(done.stdout)["verdict"] == "block"
        and "Traceback" not in done.stderr
    )


def test_source_says_how_much_of_the_post_is_its_notes(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("- Besøg i Borgerservice tirsdag.\n- Personalet: tre skemaer, ingen læser.\n", "utf-8")
    draft = "Jeg var der. Besøg i Borgerservice tirsdag. Personalet: tre skemaer, ingen læser."
    outcome = run(["check", "--json", "--source", str(notes), "--fail-on", "review", "-"], input=draft)
    data = json.loads(outcome.stdout)
    assert outcome.exit_code == 1 and data["verdict"] == "review"
    assert data["written"]["copied_share"] >= 0.6 and data["written"]["fragments"] >= 2
    assert "voice.pasted" in {f["rule"] for f in data["findings"]}
    human = run(["check", "--source", str(notes), "-"], input=draft)
    assert "Udkastet er mest noterne selv" in human.stdout and "ordret fra noterne" in human.stdout
    original = run(["check", "--json", "--source", str(notes), "--source-kind", "original", "-"],
                   input=notes.read_text("utf-8"))
    assert "institutional" in json.loads(original.stdout)["written"]
    assert run(["check", "--source-kind", "memo", "-"], input=draft).exit_code == 2
    assert run(["check", "--source", "-", "-"], input=draft).exit_code == 2
    line = {"id": "a", "text": draft, "source": notes.read_text("utf-8")}
    batch = run(["check", "--batch", "-"], input=json.dumps(line))
    assert json.loads(batch.stdout)["written"]["copied_share"] >= 0.6
