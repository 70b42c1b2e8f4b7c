"""``sendemast profile style``: the leader's voice as learnt from the past posts (the style card)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from sendemast.cli.app import app
from sendemast.cli.common import LeaderOpt

if TYPE_CHECKING:
    from rich.console import Console

    from sendemast.drafting.style import StyleCard
    from sendemast.leaders import Leader

profile_app = typer.Typer(
    help="What sendemast knows about the leader: the voice of the past posts.", no_args_is_help=True
)
app.add_typer(profile_app, name="profile")

_LABELS: dict[str, dict[str, Any]] = {
    "da": {
        "title": "Stilkort",
        "all": "alle kanaler",
        "posts": "opslag",
        "baseline": "sammenlignet med {n} opslag af andre forfattere",
        "fallback": "for få opslag på {channel} ({n}); viser alle kanaler",
        "measure": "mål",
        "value": "værdi",
        "words_post": "ord pr. opslag (median)",
        "sentence": "ord pr. sætning (median / p90)",
        "question": "opslag med et spørgsmål",
        "i": "sætninger med jeg/mig/min (opslag)",
        "we": "sætninger med vi/os/vores (opslag)",
        "emoji": "opslag med emoji (pr. opslag)",
        "emoji_where": "hvor emoji står",
        "tags": "hashtags pr. opslag (median)",
        "tags_end": "hashtags til sidst",
        "paragraphs": "afsnit pr. opslag (median)",
        "blank": "tomme linjer mellem afsnit",
        "openings": "Åbninger",
        "closings": "Afslutninger",
        "phrases": "genbrugelige vendinger (uden fakta)",
        "words": "Foretrukne ord",
        "channels": "Pr. kanal",
        "channel_line": "{posts} opslag · {words} ord · {sentence} ord pr. sætning · "
        "{tags} hashtags · emoji i {emoji} · spørgsmål i {question}",
        "guidance": "Stilen i korte træk",
        "none": "ingen",
        "where": {"line_start": "linjestart", "line_end": "linjeslut", "inline": "inde i sætningen"},
        "kinds": {
            "fact": "konkret faktum",
            "time": "tid og sted",
            "quote": "citat",
            "question": "spørgsmål",
            "statement": "konstatering",
            "thanks": "tak",
            "invitation": "invitation",
            "lesson": "læring",
        },
    },
    "en": {
        "title": "Style card",
        "all": "all channels",
        "posts": "posts",
        "baseline": "against {n} posts by other authors",
        "fallback": "too few posts on {channel} ({n}); showing all channels",
        "measure": "measure",
        "value": "value",
        "words_post": "words per post (median)",
        "sentence": "words per sentence (median / p90)",
        "question": "posts with a question",
        "i": "sentences with I/me/my (posts)",
        "we": "sentences with we/us/our (posts)",
        "emoji": "posts with emoji (per post)",
        "emoji_where": "where emoji stand",
        "tags": "hashtags per post (median)",
        "tags_end": "hashtags at the end",
        "paragraphs": "paragraphs per post (median)",
        "blank": "blank lines between paragraphs",
        "openings": "Openings",
        "closings": "Closings",
        "phrases": "reusable phrases (no facts)",
        "words": "Favoured words",
        "channels": "Per channel",
        "channel_line": "{posts} posts · {words} words · {sentence} words per "
        "sentence · {tags} hashtags · emoji in {emoji} · questions in {question}",
        "guidance": "The voice in brief",
        "none": "none",
        "where": {"line_start": "line start", "line_end": "line end", "inline": "mid-sentence"},
        "kinds": {
            "fact": "concrete fact",
            "time": "time and place",
            "quote": "quote",
            "question": "question",
            "statement": "statement",
            "thanks": "thanks",
            "invitation": "invitation",
            "lesson": "lesson",
        },
    },
}


@profile_app.command("style")
def style_command(
    ctx: typer.Context,
    channel: Annotated[
        str | None,
        typer.Option("--channel", "-c", help="Learn from one channel's posts (default: every channel)."),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="da or en: the posts' language (default: the profile's first language)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the card as JSON.")] = False,
    leader_id: LeaderOpt = None,
) -> None:
    """The style card: openings, closings, sentence length, questions, emoji, hashtags, I/we, words."""
    from sendemast.cli.common import leader_from, print_json, stdout_console, workspace_from
    from sendemast.drafting.style import MIN_CHANNEL_POSTS, load_style_card, style_guidance
    from sendemast.errors import CorpusError, UsageError
    from sendemast.guidelines.channels.count import CHANNELS

    if lang is not None and lang not in ("da", "en"):
        raise UsageError(f"unknown language {lang!r} (expected da or en)")
    if channel is not None and channel not in CHANNELS:
        raise UsageError(f"unknown channel {channel!r} (known: {', '.join(CHANNELS)})")
    workspace = workspace_from(ctx)
    leader = leader_from(ctx, workspace, leader_id)
    lang = lang or _profile_language(leader)
    card = load_style_card(workspace, lang, channel, leader)
    if card.posts == 0:
        language = "Danish" if lang == "da" else "English"
        raise CorpusError(
            f"no {language} past posts in the workspace to learn a style from",
            hint="put past posts in posts/ (Markdown, Shares.csv, tweets.js or JSON Lines)",
        )
    if as_json:
        print_json(
            {
                **card.model_dump(mode="json"),
                "requested_channel": channel,
                "guidance": style_guidance(card, lang),
            }
        )
        return
    out = stdout_console()
    labels = _LABELS[lang]
    if channel is not None and card.channel is None:
        shown = card.by_channel.get(channel)
        out.print(
            f"[yellow]{labels['fallback'].format(channel=channel, n=shown.posts if shown else 0)}"
            f"[/yellow] (< {MIN_CHANNEL_POSTS})",
            highlight=False,
        )
    _render(out, card, labels, style_guidance(card, lang))


def _profile_language(leader: Leader) -> str:
    """The profile's first language; Danish when the profile is missing or invalid (``check`` says why)."""
    from sendemast.errors import SendemastError

    try:
        languages = leader.profile.languages
    except (SendemastError, OSError):
        return "da"
    return languages[0] if languages else "da"


def _pct(value: float) -> str:
    return f"{round(value * 100)} %"


def _num(value: float) -> str:
    return f"{round(value, 1):g}"


def _render(out: Console, card: StyleCard, labels: dict[str, Any], guidance: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    where = card.channel or labels["all"]
    baseline = f" · {labels['baseline'].format(n=card.baseline_posts)}" if card.baseline_posts else ""
    out.print(
        f"[bold]{labels['title']}[/bold] · {card.lang} · {where} · {card.posts} {labels['posts']}{baseline}",
        highlight=False,
    )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column(labels["measure"])
    table.add_column(labels["value"], overflow="fold")
    p, e, h, lay = card.person, card.emoji, card.hashtags, card.layout
    positions = ", ".join(f"{labels['where'][k]} {_pct(v)}" for k, v in e.positions.items() if v)
    rows = [
        (labels["words_post"], f"{card.words_per_post:g}"),
        (labels["sentence"], f"{card.sentences.median_words:g} / {card.sentences.p90_words}"),
        (labels["question"], _pct(card.question_share)),
        (labels["i"], f"{_pct(p.singular_share)} ({_pct(p.singular_post_share)})"),
        (labels["we"], f"{_pct(p.plural_share)} ({_pct(p.plural_post_share)})"),
        (labels["emoji"], f"{_pct(e.post_share)} ({_num(e.per_post)})  {' '.join(c.text for c in e.usual)}"),
        (labels["emoji_where"], positions or labels["none"]),
        (
            labels["tags"],
            f"{_num(h.per_post)} ({h.median:g})  " + " ".join(f"#{c.text}" for c in h.usual[:5]),
        ),
        (labels["tags_end"], _pct(h.at_end_share)),
        (labels["paragraphs"], f"{lay.paragraphs_median:g}"),
        (labels["blank"], _pct(lay.blank_line_share)),
    ]
    for name, value in rows:
        table.add_row(escape(name), escape(value))
    out.print(table)
    for title, kinds, phrases in (
        (labels["openings"], card.openings.kinds, card.openings.phrases),
        (labels["closings"], card.closings.kinds, card.closings.phrases),
    ):
        out.rule(title)
        out.print(
            "  "
            + ", ".join(
                f"{labels['kinds'][k]} {_pct(v)}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])
            ),
            markup=False,
            highlight=False,
        )
        if phrases:
            out.print(f"  [dim]{labels['phrases']}:[/dim]", highlight=False)
            for phrase in phrases:
                out.print(
                    f"    {labels['kinds'][phrase.kind]:<14} {phrase.text}", markup=False, highlight=False
                )
    if card.favoured_words:
        out.rule(labels["words"])
        out.print(
            "  " + ", ".join(f"{w.word} ({w.posts})" for w in card.favoured_words),
            markup=False,
            highlight=False,
        )
    if card.by_channel:
        out.rule(labels["channels"])
        for name, summary in card.by_channel.items():
            line = labels["channel_line"].format(
                posts=summary.posts,
                words=f"{summary.words_median:g}",
                sentence=f"{summary.sentence_median_words:g}",
                tags=_num(summary.hashtags_per_post),
                emoji=_pct(summary.emoji_post_share),
                question=_pct(summary.question_share),
            )
            out.print(f"  {name:<9} {line}", markup=False, highlight=False)
    if guidance:
        out.rule(labels["guidance"])
        out.print(guidance, markup=False, highlight=False)
