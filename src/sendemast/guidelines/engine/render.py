"""Human output: the post with its findings marked, the findings, a scorecard of the six tips, the verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sendemast.guidelines.engine.model import SEVERITY_RANK, TIP_NAMES

if TYPE_CHECKING:
    from rich.console import Console

    from sendemast.guidelines.engine.model import CheckResult, Finding

_STYLE = {
    "block": "bold white on red",
    "review": "black on yellow",
    "warn": "underline cyan",
    "info": "underline dim",
}
_WORDS = {
    "da": {
        "findings": "Fund",
        "none": "Ingen fund.",
        "tips": "De seks tips",
        "length": "Længde",
        "lix": "LIX",
        "block": "STOP – må ikke offentliggøres",
        "review": "GENNEMSYN – en person skal godkende før udgivelse",
        "pass": "OK – klar til at blive udgivet",
        "suggestion": "Forslag",
        "mandate": "Mandat",
        "audience": "Målgruppe",
        "topics": "Strategiske emner",
        "tone": "Personlig tone",
        "value": "Værdi for fællesskabet",
        "channel": "Kanal",
        "sev.block": "STOP",
        "sev.review": "GENNEMSYN",
        "sev.warn": "ADVARSEL",
        "sev.info": "INFO",
        "unit.characters": "tegn",
        "unit.graphemes": "tegn",
        "unit.weighted": "vægtede tegn",
    },
    "en": {
        "findings": "Findings",
        "none": "No findings.",
        "tips": "The six tips",
        "length": "Length",
        "lix": "LIX",
        "block": "BLOCK – do not publish",
        "review": "REVIEW – a person must approve before publishing",
        "pass": "PASS – ready to publish",
        "suggestion": "Suggestion",
        "mandate": "Mandate",
        "audience": "Audience",
        "topics": "Strategic topics",
        "tone": "Personal tone",
        "value": "Value to the community",
        "channel": "Channel",
        "sev.block": "BLOCK",
        "sev.review": "REVIEW",
        "sev.warn": "WARN",
        "sev.info": "INFO",
        "unit.weighted": "weighted characters",
    },
}
_VERDICT_STYLE = {"block": "bold white on red", "review": "bold black on yellow", "pass": "bold green"}


def render(console: Console, result: CheckResult, *, title: str | None = None) -> None:
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    words = _WORDS.get(result.language, _WORDS["en"])
    marked = Text(result.text.rstrip())
    for finding in sorted(result.findings, key=lambda f: -SEVERITY_RANK[f.severity]):
        if _is_marked(finding, result.text):
            marked.stylize(_STYLE[finding.severity], finding.start, finding.end)
    length = result.length
    unit = words.get(f"unit.{length.unit}", length.unit)
    subtitle = (
        f"{result.channel} · {words['length']} {length.count}/{length.limit} {unit} · "
        f"{words['lix']} {result.lix:g} · {result.language}"
    )
    console.print(Panel(marked, title=escape(title) if title else None, subtitle=subtitle, expand=False))

    if result.findings:
        console.print(f"[bold]{words['findings']}[/]")
        for finding in result.findings:
            line, column = _line_column(result.text, finding.start)
            label = words[f"sev.{finding.severity}"]
            where = f"{line}:{column}"
            excerpt = ""
            if _is_marked(finding, result.text):
                excerpt = " " + escape(repr_excerpt(result.text[finding.start : finding.end]))
            console.print(
                f"  [{_STYLE[finding.severity]}] {label} [/] {where} [dim]{finding.rule}[/]{excerpt}"
            )
            console.print(f"      {escape(finding.message)}", soft_wrap=True)
            if finding.suggestion:
                console.print(
                    f"      [dim]{words['suggestion']}:[/] {escape(finding.suggestion)}", soft_wrap=True
                )
    else:
        console.print(words["none"])

    table = Table(title=words["tips"], show_header=False, box=None, padding=(0, 1))
    for name in TIP_NAMES:
        score = result.tips[name]
        filled = round(score * 10)
        colour = "green" if score >= 0.7 else ("yellow" if score >= 0.4 else "red")
        table.add_row(
            words[name], f"[{colour}]{'■' * filled}[/][dim]{'□' * (10 - filled)}[/]", f"{score:.2f}"
        )
    console.print(table)
    if result.written is not None:
        console.print(escape(written_line(result.written.to_dict(), result.language)), soft_wrap=True)
    console.print(f"[{_VERDICT_STYLE[result.verdict]}] {words[result.verdict]} [/]")


def written_line(written: dict[str, Any], lang: str) -> str:
    """The measure of "written" in one line of the post's language (``check``, ``draft``, ``rewrite``)."""
    da = lang != "en"

    def pct(value: Any) -> str:
        return f"{round(float(value) * 100)} %" if da else f"{round(float(value) * 100)}%"

    institutional = written.get("institutional")
    parts = []
    copied = written.get("copied_share")
    if isinstance(copied, int | float):
        where = ("originalen", "the original") if institutional is not None else ("noterne", "the notes")
        parts.append(
            f"{pct(copied)} ordret fra {where[0]}" if da else f"{pct(copied)} verbatim from {where[1]}"
        )
    fragments = int(written.get("fragments") or 0)
    if da:
        parts.append(f"{fragments} {'sætning' if fragments == 1 else 'sætninger'} i noteform")
    else:
        parts.append(f"{fragments} note-style {'fragment' if fragments == 1 else 'fragments'}")
    share = written.get("first_person_share") or 0.0
    parts.append(f"{pct(share)} i første person eller til læseren" if da
                 else f"{pct(share)} in first person or to the reader")
    if isinstance(institutional, dict):
        count = int(institutional.get("count") or 0)
        parts.append(f"{count} institutionelle vendinger (passiv, institutionen som grundled)" if da
                     else f"{count} institutional phrases (passive, the institution as subject)")
    return ("Skrevet: " if da else "Written: ") + " · ".join(parts)


def _is_marked(finding: Finding, text: str) -> bool:
    """Findings about the whole post (no first person, LIX) are listed, not marked."""
    return finding.end > finding.start and not (finding.start == 0 and finding.end == len(text))


def repr_excerpt(excerpt: str, width: int = 60) -> str:
    flat = " ".join(excerpt.split())
    return f"»{flat if len(flat) <= width else flat[: width - 1] + '…'}«"


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
