"""How well one post follows a style card's habits, and whether those habits tell the leader from others.

:func:`style_fit` scores a post (a draft, say) against a card: for each habit, how likely the post's
choice is under the card — a question where the leader asks one in 27 % of posts scores 0.27, no question
0.73; sentence length, post length, paragraphs and hashtags by closeness to the leader's medians; favoured
words by how many appear. The score is the mean. :func:`cross_fitted_auc` measures what the card captures:
cards learnt on half the leader's posts (favoured words against half the other authors' posts) score the
held-out halves, and the AUC says how often a held-out leader post outscores another author's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sendemast.drafting.style.card import (
    CLOSING_KINDS,
    MIN_CHANNEL_POSTS,
    PostLike,
    StyleCard,
    cues,
    median,
)
from sendemast.drafting.style.learn import learn_style
from sendemast.separation import auc


@dataclass
class StyleFit:
    score: float
    habits: dict[str, float] = field(default_factory=dict)


def _likelihood(present: bool, share: float) -> float:
    return share if present else 1.0 - share


def _closeness(value: float, typical: float) -> float:
    return max(0.0, 1.0 - abs(value - typical) / typical) if typical else float(value == 0)


def style_fit(card: StyleCard, text: str) -> StyleFit:
    """The share of the card's habits ``text`` follows, 0 to 1 (see the module's docstring)."""
    from sendemast.drafting.style.learn import closing_kinds
    from sendemast.drafting.style.text import (
        is_question,
        letter_words,
        opening_kind,
        person,
        shape,
        word_count,
    )

    post = shape(text)
    if not post.sentences or card.posts == 0:
        return StyleFit(0.0)
    lang = card.lang
    table = cues()
    time_cues = list(table["openings"].get(lang, {}).get("time", []))
    last_two = post.sentences[-2:]
    moves = {k for s in last_two for k in closing_kinds(s, lang, table)}
    words = {w.lower() for s in post.sentences for w in letter_words(s)}
    favoured = sum(w.word in words for w in card.favoured_words)
    singular = any(person(s, lang, table["first_person"])[0] for s in post.sentences)
    habits = {
        "sentence_length": _closeness(
            median([word_count(s) for s in post.sentences]), card.sentences.median_words
        ),
        "post_length": _closeness(post.words, card.words_per_post),
        "paragraphs": _closeness(len(post.paragraphs), card.layout.paragraphs_median),
        "hashtags": _closeness(len(post.hashtags), card.hashtags.median),
        "first_person": _likelihood(singular, card.person.singular_post_share),
        "opening": card.openings.kinds.get(opening_kind(post.sentences[0], lang, time_cues), 0.0),
        "closing": sum(_likelihood(k in moves, card.closings.kinds.get(k, 0.0)) for k in CLOSING_KINDS)
        / len(CLOSING_KINDS),
        "question": _likelihood(any(is_question(s) for s in post.sentences), card.question_share),
        "emoji": _likelihood(bool(post.emoji), card.emoji.post_share),
    }
    if card.favoured_words:
        habits["favoured_words"] = min(1.0, favoured / 3)
    return StyleFit(round(sum(habits.values()) / len(habits), 4), {k: round(v, 4) for k, v in habits.items()})




@dataclass
class Separation:
    """How well cards learnt on held-out halves tell the leader's posts from other authors'."""

    auc: float
    own_posts: int
    other_posts: int
    habits: dict[str, float] = field(default_factory=dict)  # the AUC of each habit alone
    without_length: float = 0.0  # the AUC with post length and paragraphs left out: more than "longer"


def cross_fitted_auc(own: Sequence[PostLike], others: Sequence[PostLike], lang: str) -> Separation:
    """Two folds, each post scored by cards learnt on the other fold only (the baseline's half included)."""
    own = [p for p in own if p.language == lang]
    others = [p for p in others if p.language == lang]
    fits: tuple[list[StyleFit], list[StyleFit]] = ([], [])
    for fold in (0, 1):
        train_own = [p for i, p in enumerate(own) if i % 2 != fold]
        train_others = [p for i, p in enumerate(others) if i % 2 != fold]
        cards: dict[str | None, StyleCard] = {None: learn_style(train_own, lang, None, train_others)}  # type: ignore[arg-type]
        for channel in {p.channel for p in train_own}:
            if sum(p.channel == channel for p in train_own) >= MIN_CHANNEL_POSTS:
                cards[channel] = learn_style(train_own, lang, channel, train_others)  # type: ignore[arg-type]
        for side, posts in enumerate((own, others)):
            fits[side].extend(
                style_fit(cards.get(p.channel) or cards[None], p.text)
                for i, p in enumerate(posts)
                if i % 2 == fold
            )
    names = {k for f in fits[0] + fits[1] for k in f.habits}
    habits = {
        k: round(auc([f.habits.get(k, 0.0) for f in fits[0]], [f.habits.get(k, 0.0) for f in fits[1]]), 3)
        for k in sorted(names)
    }
    overall = auc([f.score for f in fits[0]], [f.score for f in fits[1]])
    length = ("post_length", "paragraphs")

    def rest(f: StyleFit) -> float:
        kept = [v for k, v in f.habits.items() if k not in length]
        return sum(kept) / len(kept) if kept else 0.0

    without = auc([rest(f) for f in fits[0]], [rest(f) for f in fits[1]])
    return Separation(round(overall, 3), len(fits[0]), len(fits[1]), habits, round(without, 3))
