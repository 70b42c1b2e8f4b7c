"""The scorers, one by one, on hand-made outputs (no drafting chain involved)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendemast.evaluation.registry import ScoreContext
from sendemast.evaluation.scorers import registered
from sendemast.evaluation.services import Services
from sendemast.evaluation.suite import Case, Expect
from sendemast.evaluation.types import TaskOutput
from sendemast.profile import load_profile
from sendemast.settings import load_settings
from tests.evaluation.conftest import REPO

PROFILE = load_profile(REPO / "corpus" / "example-workspace" / "profile.yaml")
NOTES = """- Besøg på Plejecenter Engbo i Egeslev tirsdag.
- 48 boliger har vasketoiletter; personalet løfter ca. 10 gange færre pr. vagt.
- Tak til Afsnit Øst."""


def context(task: str, text: str, *, source: str = NOTES, expect: Expect | None = None,
            sources: list[dict[str, str]] | None = None, services: Services | None = None) -> ScoreContext:
    case = Case(id="c", task=task, input=source)  # type: ignore[arg-type]
    output = TaskOutput(text=text, input=source, lang="da", channel="linkedin", sources=sources or [])
    services = services or Services(settings=load_settings(None), profile=PROFILE,
                                    prompt_folders=[REPO / "prompts"])
    return ScoreContext(case=case, expect=expect or Expect(), output=output, services=services)


def score(name: str, ctx: ScoreContext) -> dict:
    return registered()[name].fn(ctx)


def test_scorers_are_registered_by_name_for_their_tasks() -> None:
    specs = registered()
    assert list(specs) == [
        "checker", "facts", "faithful", "grounded", "mentions", "written", "voice", "judge"
    ]
    assert specs["written"].tasks == ("draft", "rewrite")
    assert specs["faithful"].tasks == ("draft", "rewrite")
    assert specs["facts"].tasks == ("rewrite",)
    assert "check" not in specs["grounded"].tasks


def test_a_place_out_of_nowhere_is_an_ungrounded_finding() -> None:
    text = ("I tirsdags var jeg på Plejecenter Engbo i Egeslev. 48 boliger har vasketoiletter. "
            "Næste år kopierer Odense Kommune vores løsning. "
            "Tak til Afsnit Øst i Fjordmark Kommunes hjemmepleje."
            "\n\n#Velfærdsteknologi #FjordmarkKommune")
    result = score("grounded", context("draft", text))["grounded"]
    assert result.status == "failed"
    assert [f["fact"]["text"] for f in result.findings] == ["Odense Kommune"]
    finding = result.findings[0]
    assert text[finding["start"]:finding["end"]] == "Odense Kommune"
    assert "Odense Kommune" in result.explanation and 0 < float(result.value) < 1


def test_facts_from_sources_and_profile_are_grounded() -> None:
    text = ("Jeg var på Engbo. Det passer til Strategi 2030, som Birgitte Vang Holst har talt om. "
            "Tre ud af 48.")
    sources = [{"id": "v1", "kind": "values", "title": "Strategi", "text": "Strategi 2030 for Fjordmark"}]
    result = score("grounded", context("draft", text, sources=sources))["grounded"]
    assert result.status == "passed", result.explanation
    assert score("grounded", context("draft", "Jeg holdt møde med Anders Fogh.",
                                     expect=Expect(grounded=False)))["grounded"].status == "info"


def test_fact_preservation_for_rewrites() -> None:
    original = ("Centret åbner den 3. marts 2026 og betjener ca. 1.200 borgere. "
                "Læs mere på fjordmark.dk/borger.")
    kept = "Den 3. marts 2026 åbner vi centret. Vi betjener omkring 1200 borgere – se fjordmark.dk/borger."
    lost = "Vi åbner snart et nyt center for mange borgere."
    assert score("facts", context("rewrite", kept, source=original))["facts"].status == "passed"
    result = score("facts", context("rewrite", lost, source=original))["facts"]
    assert result.status == "failed" and result.value == 0.0
    assert {f["rule"] for f in result.findings} == {"rewrite.fact_lost"}
    listed = score("facts", context("rewrite", lost.replace("snart", "den 3. marts 2026"), source=original,
                                    expect=Expect(facts=["3. marts 2026", "1.200"])))["facts"]
    assert listed.status == "failed" and listed.metadata["missing"] == ["1.200"] and listed.value == 0.5


def test_written_measures_the_copied_share_and_fails_above_the_ceiling() -> None:
    from sendemast.evaluation.suite import WrittenExpect

    pasted = "Jeg vil gerne dele noget. " + " ".join(line[2:] for line in NOTES.splitlines())
    hand = ("I tirsdags var jeg på Engbo i Egeslev. Nu har alle 48 boliger fået vasketoilet, og personalet "
            "slipper for omkring 10 tunge løft på hver vagt. Tak til jer i Afsnit Øst!")
    ceiling = Expect(written=WrittenExpect(copied_share_max=0.35))
    failed = score("written", context("draft", pasted, expect=ceiling))["written"]
    assert failed.status == "failed" and float(failed.value) >= 0.6  # type: ignore[arg-type]
    assert "verbatim from the notes" in failed.explanation and "at most 35%" in failed.explanation
    assert score("written", context("draft", hand, expect=ceiling))["written"].status == "passed"
    measured = score("written", context("draft", pasted))["written"]
    assert measured.status == "info" and set(measured.metadata) >= {"copied_share", "fragments"}
    rewrite = score("written", context("rewrite", NOTES, expect=ceiling))["written"]
    assert rewrite.value == 1.0 and "institutional" in rewrite.metadata
    with pytest.raises(ValueError):
        WrittenExpect(copied_share_max=1.5)


def test_the_run_reports_the_median_copied_share_per_task() -> None:
    from sendemast.evaluation.scorers.written import written_summary
    from sendemast.evaluation.types import CaseResult, Score

    def case(task: str, share: float) -> CaseResult:
        return CaseResult(id=f"{task}{share}", task=task, passed=True, output="x", input="y",
                          scores={"written": Score(share)})

    cases = [case("draft", 0.1), case("draft", 0.8), case("draft", 0.65), case("rewrite", 0.9),
             CaseResult(id="c", task="check", passed=True, output="x", input="y", scores={})]
    assert written_summary(cases) == {
        "draft": {"cases": 3, "median_copied_share": 0.65, "mostly_pasted": 2},
        "rewrite": {"cases": 1, "median_copied_share": 0.9, "mostly_pasted": 1},
    }


def test_mentions() -> None:
    ctx = context("draft", "Tak til Engbo. Odense er også fin.",
                  expect=Expect(must_mention=["engbo", "Egeslev"], must_not_mention=["Odense"]))
    result = score("mentions", ctx)["mentions"]
    assert result.status == "failed"
    assert "missing: Egeslev" in result.explanation and "Odense" in result.explanation
    assert result.findings[0]["start"] == ctx.output.text.index("Odense")
    assert score("mentions", context("draft", "hej")) == {}


def test_checker_expectations() -> None:
    cpr = "Tak til borgeren med CPR 120385-1234 for en god snak i dag."
    fired = score("checker", context("check", cpr, expect=Expect(rules_fired=["privacy.*"])))
    assert fired["checker"].status == "passed" and fired["checker"].value == "block"
    assert set(fired) == {"checker", *(f"tip.{t}" for t in ("mandate", "audience", "topics", "tone", "value",
                                                            "channel"))}
    # a draft that would block fails even when its case sets no checker expectation at all
    assert score("checker", context("draft", cpr))["checker"].status == "failed"
    forbidden = score("checker", context("check", cpr, expect=Expect(rules_not_fired=["privacy.cpr"])))
    assert "privacy.cpr fired" in forbidden["checker"].explanation
    tips = score("checker", context("check", cpr, expect=Expect(tips_min={"mandate": 0.5})))
    assert tips["tip.mandate"].status == "failed" and tips["tip.tone"].status == "info"
    clean = score("checker", context("check", "Jeg besøgte Engbo i dag. Tak for kaffen!"))
    assert clean["checker"].status == "info"


def test_voice_is_skipped_without_past_posts() -> None:
    result = score("voice", context("draft", "Jeg var på besøg."))["voice"]
    assert result.status == "skipped" and "no workspace" in result.explanation


def test_scorer_errors_become_error_scores_not_crashes(tmp_path: Path) -> None:
    from sendemast.evaluation.runner import case_result
    from sendemast.evaluation.suite import load_suite

    path = tmp_path / "s.yaml"
    path.write_text("name: t\ncases:\n  - {id: a, task: check, input: '   x'}\n", encoding="utf-8")
    suite = load_suite(path)
    services = Services(settings=load_settings(None))
    result = case_result(suite.cases[0], suite, "  ", services)  # the checker refuses an empty post
    assert not result.passed and result.scores["checker"].status == "error"


@pytest.mark.parametrize("answer", [
    '{"reasoning": "fint", "score": 4}', '```json\n{"reasoning": "fint", "score": "4"}\n```',
    'Her er mit svar: {"score": 4.0, "reasoning": "fint", "extra": true}'])
def test_verdicts_parse_leniently_around_a_strict_core(answer: str) -> None:
    from sendemast.evaluation.judge import parse_verdict

    assert parse_verdict(answer).score == 4


@pytest.mark.parametrize("answer", ["ingen json her", '{"score": 6, "reasoning": "x"}', '{"score": 3}',
                                    "[1, 2]"])
def test_bad_verdicts_are_rejected(answer: str) -> None:
    from pydantic import ValidationError

    from sendemast.evaluation.judge import parse_verdict

    with pytest.raises((ValueError, ValidationError)):
        parse_verdict(answer)
