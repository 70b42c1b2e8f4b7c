"""The style card in a few plain lines, Danish or English, for a chat prompt (and for people)."""

from __future__ import annotations

from typing import Any

from sendemast.drafting.style.card import StyleCard

_TEXT: dict[str, dict[str, Any]] = {
    "da": {
        "person_i": "Skriv som «jeg»: jeg/mig/min i {i_posts} af opslagene ({i} af sætningerne); "
        "vi/os/vores i {we} af sætningerne.",
        "person_we": "Skriv mest som «vi»: vi/os/vores i {we_posts} af opslagene, jeg/mig/min i {i_posts}.",
        "person_few": "Sjældent jeg eller vi: jeg/mig/min i {i_posts} af opslagene, "
        "vi/os/vores i {we_posts}.",
        "sentences": "Sætningerne er typisk {median} ord lange og sjældent over {p90}.",
        "opening": "Åbn som regel med {kind} ({share} af opslagene).",
        "closing": "Slut med {moves}.",
        "emoji_none": "Ingen emoji.",
        "emoji": "Emoji i {share} af opslagene{examples}.",
        "hashtags_none": "Ingen hashtags.",
        "hashtags": "Typisk {count} hashtags{where}{examples}.",
        "hashtag_one": "Typisk ét hashtag{where}{examples}.",
        "hashtags_rare": "Sjældent hashtags{where}{examples}.",
        "at_end": " til sidst",
        "paragraphs": "Typisk {count} korte afsnit{blank}.",
        "blank": " med en tom linje imellem",
        "words": "Ord, der går igen: {words}.",
        "examples": ", fx {items}",
        "and": "og",
        "opening_kinds": {
            "fact": "et konkret tal, navn eller sted",
            "time": "tid og sted («I dag …»)",
            "question": "et spørgsmål",
            "quote": "et citat",
            "statement": "en kort konstatering",
        },
        "closing_kinds": {
            "thanks": "tak til nogen ({share})",
            "question": "et spørgsmål til læserne ({share})",
            "invitation": "en invitation ({share})",
            "lesson": "hvad du tager med dig ({share})",
        },
    },
    "en": {
        "person_i": 'Write as "I": I/me/my in {i_posts} of posts ({i} of sentences); we/us/our in {we} '
        "of sentences.",
        "person_we": 'Write mostly as "we": we/us/our in {we_posts} of posts, I/me/my in {i_posts}.',
        "person_few": "Seldom I or we: I/me/my in {i_posts} of posts, we/us/our in {we_posts}.",
        "sentences": "Sentences are typically {median} words long and rarely over {p90}.",
        "opening": "Usually open with {kind} ({share} of posts).",
        "closing": "Close with {moves}.",
        "emoji_none": "No emoji.",
        "emoji": "Emoji in {share} of posts{examples}.",
        "hashtags_none": "No hashtags.",
        "hashtags": "Typically {count} hashtags{where}{examples}.",
        "hashtag_one": "Typically one hashtag{where}{examples}.",
        "hashtags_rare": "Hashtags seldom{where}{examples}.",
        "at_end": " at the end",
        "paragraphs": "Typically {count} short paragraphs{blank}.",
        "blank": " with a blank line between them",
        "words": "Words that recur: {words}.",
        "examples": ", e.g. {items}",
        "and": "and",
        "opening_kinds": {
            "fact": "a concrete number, name or place",
            "time": 'time and place ("Today …")',
            "question": "a question",
            "quote": "a quote",
            "statement": "a short statement",
        },
        "closing_kinds": {
            "thanks": "thanks to someone ({share})",
            "question": "a question to readers ({share})",
            "invitation": "an invitation ({share})",
            "lesson": "what you take away ({share})",
        },
    },
}
CLOSING_SHOWN = 0.25  # a closing move in at least this share of posts is worth saying


def _pct(value: float, lang: str) -> str:
    return f"{round(value * 100)} %" if lang == "da" else f"{round(value * 100)}%"


def _number(value: float, lang: str) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",") if lang == "da" else f"{value:.1f}"


def _join(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def describe(card: StyleCard, lang: str) -> str:
    if card.posts == 0:
        return ""
    t = _TEXT[lang]
    lines = []
    person = card.person
    # "I" in most posts is a first-person voice even when "we" (the organisation) fills more sentences
    key = (
        "person_i"
        if person.singular_post_share >= 0.5
        else "person_we"
        if person.plural_post_share >= 0.5
        else "person_few"
    )
    lines.append(
        t[key].format(
            i=_pct(person.singular_share, lang),
            we=_pct(person.plural_share, lang),
            i_posts=_pct(person.singular_post_share, lang),
            we_posts=_pct(person.plural_post_share, lang),
        )
    )
    lines.append(
        t["sentences"].format(median=_number(card.sentences.median_words, lang), p90=card.sentences.p90_words)
    )
    if card.openings.kinds:
        kind, value = max(card.openings.kinds.items(), key=lambda kv: kv[1])
        lines.append(t["opening"].format(kind=t["opening_kinds"][kind], share=_pct(value, lang)))
    moves = [
        t["closing_kinds"][k].format(share=_pct(v, lang))
        for k, v in sorted(card.closings.kinds.items(), key=lambda kv: -kv[1])
        if v >= CLOSING_SHOWN
    ]
    if moves:
        lines.append(t["closing"].format(moves=_join(moves, t["and"])))
    habits = []
    if card.emoji.post_share == 0:
        habits.append(t["emoji_none"])
    else:
        items = " ".join(c.text for c in card.emoji.usual[:3])
        habits.append(
            t["emoji"].format(
                share=_pct(card.emoji.post_share, lang),
                examples=t["examples"].format(items=items) if items else "",
            )
        )
    if card.hashtags.per_post == 0:
        habits.append(t["hashtags_none"])
    else:
        tags = " ".join(f"#{c.text}" for c in card.hashtags.usual[:3])
        typical = int(card.hashtags.median + 0.5)  # a whole number of hashtags: 0.5 is one
        key = {0: "hashtags_rare", 1: "hashtag_one"}.get(typical, "hashtags")
        habits.append(
            t[key].format(
                count=typical,
                where=t["at_end"] if card.hashtags.at_end_share >= 0.5 else "",
                examples=t["examples"].format(items=tags) if tags else "",
            )
        )
    lines.append(" ".join(habits))
    if card.layout.paragraphs_median > 1:
        lines.append(
            t["paragraphs"].format(
                count=_number(card.layout.paragraphs_median, lang),
                blank=t["blank"] if card.layout.blank_line_share >= 0.5 else "",
            )
        )
    if card.favoured_words:
        lines.append(t["words"].format(words=", ".join(w.word for w in card.favoured_words[:6])))
    return "\n".join(f"- {line}" for line in lines)


def style_guidance(card: StyleCard, lang: str = "da") -> str:
    """A few plain lines describing the voice, in Danish or English, for a prompt to include."""
    return describe(card, "en" if lang == "en" else "da")
