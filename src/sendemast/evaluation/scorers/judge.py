"""``judge.<tip>``: an LLM judge per tip the case sets a floor for (``judge_min``), on a 1-5 rubric.

With ``--repeat N`` each tip is judged N times: the score is the mean, the metadata carries every verdict,
the spread and the reasoning, and the case is *flaky* when the verdicts straddle the floor. Without a
capable judge model the scores are *skipped*, which never counts as passed.
"""

from __future__ import annotations

from sendemast.evaluation.registry import ScoreContext, scorer
from sendemast.evaluation.types import Score, checked

CHANNEL_NAMES = {"linkedin": "LinkedIn", "x": "X", "bluesky": "Bluesky", "mastodon": "Mastodon",
                 "threads": "Threads"}


def _variables(ctx: ScoreContext) -> dict[str, object]:
    from sendemast.guidelines.channels.count import count_length

    profile = ctx.services.profile
    channel = ctx.output.channel
    audience = ctx.output.audience
    topic = ctx.output.topic
    limit = count_length("", channel)[1]
    return {
        "profile": ctx.services.profile_data,
        "channel": {"id": channel, "name": CHANNEL_NAMES.get(channel, channel), "limit": limit},
        "audience": profile.audience(audience).model_dump() if profile is not None and audience else None,
        "topic": profile.topic(topic).model_dump() if profile is not None and topic else None,
        "post": ctx.output.text,
    }


@scorer("judge")
def llm_judge(ctx: ScoreContext) -> dict[str, Score]:
    """LLM judge per tip: mean of N verdicts (1-5), spread, flakiness and reasoning."""
    from sendemast.errors import SendemastError
    from sendemast.evaluation.judge import judge_tip, load_rubric

    floors = ctx.expect.judge_min
    if not floors:
        return {}
    services = ctx.services
    judge = services.judge
    if judge is None or services.profile is None:
        reason = services.judge_skip_reason or "no workspace profile to judge against"
        return {f"judge.{tip}": Score(None, f"skipped: {reason}", status="skipped") for tip in floors}
    scores: dict[str, Score] = {}
    variables = _variables(ctx)
    for tip, floor in floors.items():
        try:
            rubric = load_rubric(tip, services.prompt_folders)
            outcome = judge_tip(judge, rubric, tip=tip, floor=floor, repeat=services.repeat,
                                lang=ctx.output.lang, variables=variables)
        except SendemastError as exc:
            scores[f"judge.{tip}"] = Score(None, exc.one_line(), status="error")
            continue
        reasons = [v.reasoning for v in outcome.verdicts]
        flaky = " — flaky: the verdicts straddle the floor" if outcome.flaky else ""
        explanation = f"{outcome.mean:.2f} (floor {floor:g}; verdicts {outcome.scores}){flaky}. {reasons[0]}"
        scores[f"judge.{tip}"] = Score(
            round(outcome.mean, 4), explanation, status=checked(outcome.passed), scale=(1.0, 5.0),
            metadata={"verdicts": outcome.scores, "reasoning": reasons, "spread": outcome.spread,
                      "stdev": round(outcome.stdev, 4), "flaky": outcome.flaky, "floor": floor,
                      "rubric": {"name": rubric.name, "version": rubric.version}})
    return scores
