"""The leader's voice as a style card, learnt from past posts: how posts open and close, sentence length,
questions, emoji and hashtag habits, "I" against "we", favoured words, paragraphs — one language at a time,
per channel where the data allows.

The entry point is a pure function of posts, :func:`learn_style`, so a card for any leader of an
organisation is one call; :func:`load_style_card` is the cached card of a workspace's own posts and
:func:`card_for_drafting` the one a draft is written with. :func:`style_guidance` says it in a few plain
lines for a prompt, :func:`opening_for` / :func:`closing_for` give fact-free phrases of the leader's own
that a composer may reuse, and :func:`style_fit` scores a text against a card.
``python -m sendemast.drafting.style`` compares the example leader's card with other authors' posts.

The rooms: ``card`` (the card and its cues), ``text`` (one post read for the card), ``learn`` (many posts
into a card), ``cache`` (a workspace's card, cached), ``guidance`` (the card in words), ``fit`` (a text
against a card) and ``report`` (the comparison ``make eval`` prints).
"""

from sendemast.drafting.style.cache import card_for_drafting, load_style_card
from sendemast.drafting.style.card import MIN_CHANNEL_POSTS, StyleCard, closing_for, cues, opening_for
from sendemast.drafting.style.fit import style_fit
from sendemast.drafting.style.guidance import style_guidance
from sendemast.drafting.style.learn import learn_style

__all__ = [
    "MIN_CHANNEL_POSTS",
    "StyleCard",
    "card_for_drafting",
    "closing_for",
    "cues",
    "learn_style",
    "load_style_card",
    "opening_for",
    "style_fit",
    "style_guidance",
]
