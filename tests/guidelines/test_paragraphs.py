"""The live check as the user types: a check through a ParagraphCache equals a full check, post after
post and edit after edit, and re-runs the local rules only on the paragraphs that changed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from sendemast.guidelines import check_post, load_ruleset
from sendemast.guidelines.engine.paragraphs import ParagraphCache
from sendemast.guidelines.engine.post import paragraph_spans

LABELLED = Path(__file__).resolve().parents[2] / "evals" / "labelled"
EXAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "example-workspace"


def _texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(LABELLED.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts += [str(p["text"]) for p in data.get("posts", []) if isinstance(p, dict) and p.get("text")]
    return texts


TEXTS = _texts()


def _same(a: dict, b: dict) -> None:  # type: ignore[type-arg]
    assert a["findings"] == b["findings"]
    assert a["tips"] == b["tips"] and a["verdict"] == b["verdict"]
    assert a.get("spelling") == b.get("spelling")


def test_paragraph_spans() -> None:
    text = "Første afsnit.\nSamme afsnit.\n\n  \nAndet afsnit.\n\n"
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["Første afsnit.\nSamme afsnit.", "Andet afsnit."]


def _profile():  # type: ignore[no-untyped-def]
    from sendemast.profile import load_profile

    return load_profile(EXAMPLE / "profile.yaml")


@pytest.mark.parametrize("seed", range(6))
def test_incremental_equals_full_on_posts_built_from_the_labelled_sets(seed: int) -> None:
    rng = random.Random(seed)
    rs = load_ruleset()
    profile = _profile() if seed % 2 else None  # the tips read the profile's topics, audiences, values
    cache = ParagraphCache()
    for _ in range(40):
        text = "\n\n".join(rng.sample(TEXTS, rng.randint(1, 5)))
        channel = rng.choice(["linkedin", "x", "bluesky"])
        full = check_post(text, channel, profile, ruleset=rs).to_dict()
        fast = check_post(text, channel, profile, ruleset=rs, paragraphs=cache).to_dict()
        _same(full, fast)


def test_a_keystroke_re_checks_one_paragraph_and_answers_as_a_full_check() -> None:
    rng = random.Random(7)
    rs = load_ruleset()
    paragraphs = rng.sample(TEXTS, 6)
    cache = ParagraphCache()
    profile = _profile()
    text = "\n\n".join(paragraphs)
    check_post(text, profile=profile, ruleset=rs, paragraphs=cache)
    for step in range(30):  # type a sentence into paragraph 2, one character at a time
        i = 2
        paragraphs[i] += " Tak til alle medarbjderne i Qvistrup for 12 timer ekstra"[step % 57]
        text = "\n\n".join(paragraphs)
        before = cache.misses
        fast = check_post(text, profile=profile, ruleset=rs, paragraphs=cache).to_dict()
        assert cache.misses - before == 1  # only the paragraph being typed in
        _same(check_post(text, profile=profile, ruleset=rs).to_dict(), fast)


def test_a_phrase_never_runs_across_a_blank_line() -> None:
    rs = load_ruleset()
    across = "Sagen er stadig ikke\n\nbesluttet endnu, men vi arbejder på det."
    within = "Sagen er stadig ikke besluttet endnu, men jeg kan sige, at vi arbejder på det."
    assert "confidential.internal" in {f.rule for f in check_post(within, ruleset=rs).findings}
    assert "confidential.internal" not in {f.rule for f in check_post(across, ruleset=rs).findings}


def test_a_sentence_that_refers_back_across_a_blank_line_is_still_found() -> None:
    text = "Jeg talte med Karen Holm fra Nørreby i går.\n\nHun er sygemeldt med stress."
    rs = load_ruleset()
    fast = check_post(text, ruleset=rs, paragraphs=ParagraphCache()).to_dict()
    assert "privacy.sensitive" in {f["rule"] for f in fast["findings"]}
    _same(check_post(text, ruleset=rs).to_dict(), fast)
