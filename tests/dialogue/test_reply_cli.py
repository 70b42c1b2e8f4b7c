from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support.cli import run_cli

THREAD = """Inge Mortensen: Min mor på 84 har demens og har ikke fået besøg af hjemmeplejen i fire dage.

Bo Kristensen: I er nogle inkompetente idioter på rådhuset. Skam jer.

Jan Frandsen: Hvem stemmer du på?

Sara Kamp, Fjordmark Avis: Jeg er journalist. Kan du bekræfte, at budgettet skærer i ældreplejen?
Det er vel ikke besluttet?

Kirsten Aagaard: Flot arbejde! Som kollega er jeg imponeret.

Crypto King: I made $5000 in a week with this bitcoin bot! DM me
"""


def test_reply_json_for_a_whole_thread(
    workspace_root: Path, tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    thread = tmp_path / "thread.txt"
    thread.write_text(THREAD, encoding="utf-8")
    code, out, err = run_cli(capsys, monkeypatch, "-w", str(workspace_root), "reply", str(thread), "--json")
    assert code == 0, err
    data = json.loads(out)
    classes = [c["class"] for c in data["comments"]]
    assert classes == ["case", "abuse", "political", "press", "praise", "spam"]
    for comment in data["comments"]:
        assert {"author", "text", "class", "action", "why", "replies"} <= set(comment)
        for reply in comment["replies"]:
            assert {"text", "check"} <= set(reply) and reply["check"]["verdict"] in ("pass", "review")
    assert data["comments"][5]["replies"] == []


def test_one_comment_from_standard_input_for_another_leader(
    workspace_root: Path, capsys: Any, monkeypatch: Any
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(THREAD.encode("utf-8"))))
    code, out, err = run_cli(
        capsys, monkeypatch, "-w", str(workspace_root), "reply", "-", "--comment", "1", "--leader", "hanne"
    )
    assert code == 0, err
    assert "Enkeltsag" in out and "sundhed@fjordmark.dk" in out and "demens" not in out.split("→")[1]


def test_a_missing_comment_is_one_clear_line(workspace_root: Path, capsys: Any, monkeypatch: Any) -> None:
    code, _, err = run_cli(capsys, monkeypatch, "-w", str(workspace_root), "reply", "Hej", "--comment", "4")
    assert code == 2 and err.strip() == "error: no comment 4: the thread has 1"


def test_a_model_writes_replies_and_failing_ones_are_dropped(
    workspace_root: Path, capsys: Any, monkeypatch: Any
) -> None:
    from sendemast.models import get_model

    model = get_model("fake/remote-reply")
    model.enqueue(
        json.dumps(
            {
                "replies": [
                    "Jeg er ked af at høre om din mors demens, Inge. Skriv til borgerservice@fjordmark.dk.",
                    "Tak fordi du skriver, Inge. Skriv til borgerservice@fjordmark.dk, så ser vi på det.",
                ]
            }
        )
    )
    text = "Inge Mortensen: Min mor har demens. Mit CPR er 120378-1234."
    code, out, err = run_cli(
        capsys,
        monkeypatch,
        "-w",
        str(workspace_root),
        "reply",
        text,
        "--model",
        "fake/remote-reply",
        "--json",
    )
    assert code == 0, err
    sent = model.calls[-1].as_text()
    assert "120378-1234" not in sent and "[CPR]" in sent  # CPR numbers never reach a remote model
    replies = json.loads(out)["comments"][0]["replies"]
    assert "demens" not in " ".join(r["text"] for r in replies)  # the leaking draft was dropped
    assert replies[0]["source"] == "fake/remote-reply"
    assert "dropped" in err
