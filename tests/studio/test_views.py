"""What the pages compute before they render: marks over findings, the LinkedIn fold, X threads (split by
the library: tests/guidelines/test_x_thread.py)."""

from __future__ import annotations

from pathlib import Path

from sendemast.guidelines.channels.xcount import weighted_length
from sendemast.studio.views import diff_lines, linkedin_preview, marked_segments, x_preview


def test_marks_cover_exactly_the_findings_and_the_worst_wins() -> None:
    text = "Mit CPR er 010203-1234, ring 12345678."
    findings = [
        {"rule": "privacy.cpr", "severity": "block", "message": "CPR", "start": 11, "end": 22},
        {"rule": "x.wide", "severity": "warn", "message": "bred", "start": 4, "end": 22},
        {"rule": "tone", "severity": "warn", "message": "hele opslaget", "start": 0, "end": len(text)},
    ]
    segments = marked_segments(text, findings)
    assert "".join(s.text for s in segments) == text
    by_text = {s.text: s for s in segments}
    assert by_text["010203-1234"].severity == "block"
    assert "CPR" in by_text["010203-1234"].note and "bred" in by_text["010203-1234"].note
    assert by_text["CPR er "].severity == "warn"
    assert by_text["Mit "].severity is None  # a finding about the whole post is not marked


def test_linkedin_fold_cuts_at_a_word_near_the_hook_length() -> None:
    text = ("Ord " * 100).strip()
    preview = linkedin_preview(text, 210)
    assert len(preview.shown) <= 210 and preview.shown.endswith("Ord")
    assert preview.shown + " " + preview.hidden == text
    assert linkedin_preview("Kort opslag.", 210).hidden == ""


def test_x_counts_as_twitter_text_and_offers_a_numbered_thread() -> None:
    short = "Tak til alle på Engbo plejecenter 💙 https://fjordmark.dk/engbo"
    assert x_preview(short).count == weighted_length(short)
    assert not x_preview(short).over
    long = " ".join(f"Sætning nummer {i} om plejecentre i Fjordmark Kommune." for i in range(40))
    preview = x_preview(long)
    assert preview.over
    n = len(preview.parts)
    assert n >= 7
    for i, (part, weight) in enumerate(preview.parts, start=1):
        assert part.endswith(f" {i}/{n}")
        assert weight == weighted_length(part) <= 280
    # nothing lost, nothing added but the numbers; parts end at sentences here
    body = " ".join(p.rsplit(" ", 1)[0] for p, _ in preview.parts)
    assert body.split() == long.split()
    assert all(p.rsplit(" ", 1)[0].endswith(".") for p, _ in preview.parts)


def test_diff_lines_are_classified() -> None:
    diff = "--- original\n+++ post\n@@ -1 +1 @@\n-Kommunen har\n+Jeg har\n samme"
    assert diff_lines(diff) == [("hunk", "@@ -1 +1 @@"), ("del", "-Kommunen har"), ("add", "+Jeg har"),
                                ("same", " samme")]


def test_a_draft_shows_facts_and_composition_when_present_and_tolerates_absence(
    example_workspace: Path,
) -> None:
    from sendemast.studio import create_app
    from sendemast.studio.drafts import draft_html
    from sendemast.workspace import load_workspace

    studio = create_app(load_workspace(example_workspace)).state.studio
    plain = {"text": "Jeg besøgte Engbo i dag. Tak til personalet.", "channel": "linkedin", "hashtags": [],
             "sources": [], "check": {}}
    html = draft_html(plain, 1, "draft", "da", studio)
    assert "<article" in html and "Fakta" not in html and "Sammensætning" not in html
    rich = {**plain, "facts": {"kept": ["Engbo"], "missing": ["40 boliger"], "invented": ["<b>2027</b>"]},
            "composition": [{"text": "Jeg besøgte Engbo i dag.", "origin": "model"}]}
    html = draft_html(rich, 1, "draft", "en", studio)
    assert "Kept (1)" in html and "Missing (1)" in html and "40 boliger" in html
    assert "&lt;b&gt;2027&lt;/b&gt;" in html and "<b>2027" not in html
    assert "Composition" in html and "(model)" in html
