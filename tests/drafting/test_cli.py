"""``sendemast draft``, ``rewrite`` and ``history`` as a user runs them (fake model, real everything else)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.models.fake_openai_server import FakeOpenAIServer
from tests.support.cli import run_cli
from tests.support.team import history_entries, history_entry

CPR = "120385-0006"
PRESS = (
    "Fjordmark Kommune åbner den 1. marts 2026 plejecentret Havbakken med 40 boliger. Byggeriet har kostet "
    "212 mio. kr. Læs mere på https://fjordmark.dk/havbakken."
)


cli = run_cli


def test_draft_json_shape_for_linkedin_and_x(copy_of_ingested: Path, capsys: Any, monkeypatch: Any) -> None:
    notes = str(copy_of_ingested / "notes" / "besoeg-plejecenter.md")
    for channel in ("linkedin", "x"):
        code, out, _ = cli(
            capsys,
            monkeypatch,
            "-w",
            str(copy_of_ingested),
            "draft",
            notes,
            "--channel",
            channel,
            "--model",
            "fake/draft",
            "--variants",
            "2",
            "--json",
        )
        assert code == 0
        data = json.loads(out)
        assert (
            data["model"] == "fake/draft" and data["prompt"]["name"] == "draft" and data["prompt"]["version"]
        )
        assert len(data["drafts"]) == 2
        for draft in data["drafts"]:
            assert set(draft) >= {"text", "channel", "hashtags", "sources", "check"}
            assert draft["channel"] == channel
            assert draft["check"]["length"]["count"] <= draft["check"]["length"]["limit"]
            assert draft["sources"] and {"id", "kind", "title"} <= set(draft["sources"][0])
            assert draft["check"]["verdict"] in ("block", "review", "pass")


def test_human_output_is_printed_after_the_history_entry_is_saved(
    example_workspace: Path, capsys: Any, monkeypatch: Any
) -> None:
    import sendemast.cli.draft_cmd as draft_cmd

    printed: list[Any] = []
    real = draft_cmd._print_human

    def spy(result: Any) -> None:
        entry = history_entry(example_workspace, result.history_id)
        printed.append(entry["status"])
        real(result)

    monkeypatch.setattr(draft_cmd, "_print_human", spy)
    code, out, err = cli(
        capsys,
        monkeypatch,
        "-w",
        str(example_workspace),
        "draft",
        "--model",
        "fake/small-draft",
        "--",
        "- 40 nye boliger i Bredstrand",
    )
    assert code == 0 and printed == ["ok"]
    assert "Draft 1/1" in out and "Scorecard:" in out and "Model: fake/small-draft" in out
    assert "small bundled demonstration model" in out
    assert "drafting without the corpus" in err  # not ingested: said, not fatal

    code, out, _ = cli(capsys, monkeypatch, "-w", str(example_workspace), "history", "list")
    assert code == 0 and "draft" in out and "ok" in out
    entry_id = out.split()[0]
    code, out, _ = cli(
        capsys, monkeypatch, "-w", str(example_workspace), "history", "show", entry_id, "--json"
    )
    assert code == 0 and json.loads(out)["inputs"]["text"] == "- 40 nye boliger i Bredstrand"


def test_rewrite_keeps_numbers_and_dates_and_shows_a_diff(
    example_workspace: Path, capsys: Any, monkeypatch: Any
) -> None:
    code, out, _ = cli(
        capsys, monkeypatch, "-w", str(example_workspace), "rewrite", PRESS, "--model", "fake/draft", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["original"] == PRESS and data["diff"].startswith("--- original")
    text = data["drafts"][0]["text"]
    for fact in ("1. marts 2026", "40", "212 mio. kr.", "https://fjordmark.dk/havbakken"):
        assert fact in text
    assert not [f for f in data["drafts"][0]["check"]["findings"] if f["rule"] == "rewrite.fact_lost"]


def test_an_unchanged_press_release_is_not_a_rewrite(
    example_workspace: Path, capsys: Any, monkeypatch: Any
) -> None:
    # fake/draft returns the original's sentences under an opening: what the composer did before issue 25
    args = ["-w", str(example_workspace), "rewrite", PRESS, "--model", "fake/draft"]
    code, out, _ = cli(capsys, monkeypatch, *args, "--json")
    assert code == 0
    draft = json.loads(out)["drafts"][0]
    assert draft["check"]["verdict"] != "pass"
    (pasted,) = [f for f in draft["check"]["findings"] if f["rule"] == "voice.pasted"]
    assert pasted["message"].startswith("Teksten er ikke skrevet om") and pasted["severity"] == "review"
    written = draft["check"]["written"]
    assert written == draft["written"] and written["copied_share"] >= 0.6
    assert set(written) == {"copied_share", "fragments", "first_person_share", "institutional"}
    code, out, _ = cli(capsys, monkeypatch, *args)
    assert code == 0 and "Skrevet: " in out and "ordret fra originalen" in out


def test_a_draft_of_pasted_notes_says_so(example_workspace: Path, capsys: Any, monkeypatch: Any) -> None:
    notes = str(example_workspace / "notes" / "besoeg-plejecenter.md")
    code, out, _ = cli(capsys, monkeypatch, "-w", str(example_workspace), "draft", notes,
                       "--model", "fake/draft", "--variants", "1", "--json")
    assert code == 0
    draft = json.loads(out)["drafts"][0]
    assert draft["written"]["copied_share"] >= 0.6 and "institutional" not in draft["written"]
    assert draft["check"]["verdict"] != "pass"
    assert any(f["message"].startswith("Udkastet er mest noterne selv") for f in draft["check"]["findings"])


@pytest.fixture
def openai_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-key")
        yield server


def test_cpr_to_openai_is_refused_with_one_line_and_exit_1(
    example_workspace: Path, capsys: Any, monkeypatch: Any, openai_server: FakeOpenAIServer
) -> None:
    notes = example_workspace / "cpr.md"
    notes.write_text(f"- besøg hos borger\n- borgerens CPR er {CPR}\n", encoding="utf-8")
    code, out, err = cli(
        capsys, monkeypatch, "-w", str(example_workspace), "draft", str(notes), "--allow-personal-data"
    )
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(
        "error: refusing to send personal data to openai/gpt-4o-mini"
    )
    assert "12xxxx-xxxx" in err and "notes line 2" in err and CPR not in err
    assert openai_server.requests == []
    (entry,) = history_entries(example_workspace)
    assert entry["status"] == "refused" and CPR not in json.dumps(entry)


def test_failed_model_call_is_on_record(
    example_workspace: Path, capsys: Any, monkeypatch: Any, openai_server: FakeOpenAIServer
) -> None:
    from tests.models.fake_openai_server import Reply, error

    openai_server.then(*[Reply(400, body=error(400, "bad request"))] * 3)
    code, _, err = cli(
        capsys,
        monkeypatch,
        "-w",
        str(example_workspace),
        "draft",
        "--variants",
        "1",
        "--",
        "- noter om skolen",
    )
    assert code == 1 and "HTTP 400" in err
    (entry,) = history_entries(example_workspace)
    assert entry["status"] == "failed" and "HTTP 400" in entry["error"]


def test_the_scorecard_says_what_the_draft_kept_and_what_the_notes_kept_out(
    copy_of_ingested: Path, capsys: Any, monkeypatch: Any
) -> None:
    notes = (
        "- Besøg tirsdag på Plejecenter Engbo i Egeslev: 48 boliger med vasketoiletter.\n"
        "- internt: budgettet er ikke vedtaget – nævn det ikke\n"
        "- Tak til Jens Hansen, der er tilbage efter sygemelding med stress.\n"
    )
    args = ["-w", str(copy_of_ingested), "draft", "--model", "fake/small-completion-draft", "--", notes]
    code, out, _ = cli(capsys, monkeypatch, *args)
    assert code == 0
    assert "fakta fra noterne er med" in out
    assert "Læst som instruks" in out and "budgettet er ikke vedtaget" in out
    assert "Udeladt:" in out and "sygemelding" in out
    post = out.split("Scorecard:")[0]
    assert "budget" not in post and "sygemelding" not in post and "Jens Hansen" in post
    code, out, _ = cli(capsys, monkeypatch, *args[:-2], "--json", "--", notes)
    data = json.loads(out)
    draft = data["drafts"][0]
    assert draft["facts"]["missing"] == [] and draft["facts"]["invented"] == []
    assert {c["origin"] for c in draft["composition"]} <= {"model", "rules", "notes", "template"}
    assert [o["reason"] for o in data["notes"]["omitted"]] == ["privacy.sensitive"]
    assert data["notes"]["instructions"][0]["checkable"] is True
