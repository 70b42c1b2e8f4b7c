"""The composer's training data and its tools: every example passes the product's own verifier, the
held-out notes are apart from it, the blind reading hides and then counts the systems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sendemast.training.blind import count, prepare
from sendemast.training.dataset import Example, checked, load_examples, summary, verdict
from sendemast.training.heldout import HELDOUT, copied_share, load_heldout


@pytest.fixture(scope="module")
def examples() -> list[Example]:
    return load_examples()


def test_every_example_passes_the_composers_verifier(examples: list[Example]) -> None:
    kept, refused = checked(examples)
    assert not refused, [(e.id, reason) for e, reason in refused[:5]]
    counts = summary(kept, refused)
    assert counts["by_lang"]["da"] >= 1500 and counts["by_lang"]["en"] >= 300
    assert 0.05 <= counts["by_split"]["dev"] / len(kept) <= 0.15


def test_the_verifier_refuses_what_the_data_must_not_teach() -> None:
    note = "Besøg tirsdag kl. 13-15 på Plejecenter Engbo – 48 boliger"
    good = Example("x", "da", "draft", "hook", "visit", note,
                   "Tirsdag kl. 13-15 var jeg på Plejecenter Engbo, hvor der er 48 boliger.")
    assert verdict(good) == ""
    invented = Example("y", "da", "draft", "hook", "visit", note,
                       "Tirsdag kl. 13-15 var jeg på Plejecenter Engbo, hvor 52 beboere bor i 48 boliger.")
    assert verdict(invented).startswith("added")
    lost = Example("z", "da", "draft", "hook", "visit", note, "Tirsdag var jeg på Plejecenter Engbo.")
    assert verdict(lost).startswith("lost")


def test_the_held_out_notes_are_not_in_the_training_data(examples: list[Example]) -> None:
    trained = {" ".join(e.note.lower().split()) for e in examples}
    for path in (HELDOUT, HELDOUT.with_name("heldout-2-sentences.jsonl")):
        heldout = load_heldout(path)
        assert len(heldout) >= 60
        assert not [h.id for h in heldout if " ".join(h.note.lower().split()) in trained]


def test_copied_share_of_one_sentence() -> None:
    note = "ny cykelsti ved Solbakken Skole åbner 3. maj"
    assert copied_share("Ny cykelsti ved Solbakken Skole åbner 3. maj.", note) == 1.0
    assert copied_share("Jeg glæder mig til, at cykelstien åbner den 3. maj.", note) == 0.0


def test_the_blind_reading_hides_the_systems_and_counts_them(tmp_path: Path) -> None:
    runs = tmp_path / "run.jsonl"
    rows = [{"id": f"n{i}", "model": model, "note": f"note {i}", "sentence": f"{model} sætning {i}",
             "ok": i < 2}
            for i in range(4) for model in ("tuned", "base")]
    runs.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    sheet = tmp_path / "sheet"
    assert prepare([runs], sheet) == 8
    items = [json.loads(line) for line in (sheet / "sheet.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(set(item) == {"item", "note", "text"} for item in items)  # nothing says which system
    key = json.loads((sheet / "key.json").read_text(encoding="utf-8"))["items"]
    ratings = [
        {"item": i["item"], "rating": "publishable" if key[i["item"]]["model"] == "tuned" else "unusable"}
        for i in items
    ]
    (sheet / "ratings.jsonl").write_text("".join(json.dumps(r) + "\n" for r in ratings), encoding="utf-8")
    counted = count(sheet)
    assert counted["tuned"]["acceptable"] == 1.0 and counted["base"]["acceptable"] == 0.0
    # the verifier's verdict travels in the key, so the accepted sentences are counted apart
    assert counted["tuned"]["verifier_accepted"]["rated"] == 2
    assert counted["base"]["verifier_accepted"]["acceptable"] == 0.0


def test_the_verifier_is_measured_against_the_blind_reading(tmp_path: Path) -> None:
    """training.verifier: the precision of what the verifier accepts, by the reader's ratings."""
    from sendemast.training.verifier import agreement

    heldout = tmp_path / "notes.jsonl"
    note = {"id": "h1", "lang": "da", "task": "draft", "role": "body", "kind": "goal",
            "note": "mål: 95 % af 112-opkald besvaret inden 15 sek.", "reference": ""}
    heldout.write_text(json.dumps(note, ensure_ascii=False) + "\n", encoding="utf-8")
    sheet = tmp_path / "sheet"
    sheet.mkdir()
    texts = {
        "a": ("model", "Vores mål er, at 95 % af 112-opkald bliver besvaret inden 15 sekunder.",
              "publishable"),
        "b": ("model", "95 % af 112-opkald besvaret inden 15 sek.", "unusable"),  # the note pasted
        "c": ("reference", "Målet er, at vi besvarer 95 % af 112-opkald inden 15 sekunder.", "publishable"),
    }
    (sheet / "key.json").write_text(json.dumps({"kind": "sentences", "items": {
        item: {"model": model, "id": "h1"} for item, (model, _, _) in texts.items()}}), encoding="utf-8")
    (sheet / "sheet.jsonl").write_text("".join(json.dumps({"item": i, "note": note["note"], "text": t},
                                                          ensure_ascii=False) + "\n"
                                               for i, (_, t, _) in texts.items()), encoding="utf-8")
    (sheet / "ratings.jsonl").write_text("".join(json.dumps({"item": i, "rating": r}) + "\n"
                                                 for i, (_, _, r) in texts.items()), encoding="utf-8")
    report = agreement(sheet, heldout)
    assert report["accepted"] == 1 and report["precision"] == 1.0 and report["accepted_unusable"] == 0
    assert report["references_accepted"] == 1


def test_the_tuned_model_loads_its_adapter_and_the_default_stays_plain() -> None:
    from sendemast.models.local_llama import LocalLlamaModel
    from sendemast.models.weights import adapter_path

    tuned, plain = LocalLlamaModel("gemma-3-270m-tuned"), LocalLlamaModel("gemma-3-270m")
    assert plain.adapter is None and plain.tuned_prompt is None
    path = adapter_path("gemma-3-270m-tuned")
    assert path is not None  # shipped in the package, a few MB
    assert tuned.adapter == path and tuned.tuned_prompt == "compose-sentence-tuned"
    provenance = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert provenance["base_sha256"] and provenance["data_sha256"] and provenance["chosen_epoch"] >= 1
    assert provenance["epochs"][-1]["dev_loss"] < provenance["epochs"][0]["dev_loss"]
