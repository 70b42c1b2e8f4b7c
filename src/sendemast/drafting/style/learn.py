"""Aggregate many posts' shapes (:mod:`sendemast.drafting.style.text`) into a :class:`StyleCard`."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sendemast.drafting.style.card import (
    CLOSING_KINDS,
    EMOJI_POSITIONS,
    MIN_CHANNEL_POSTS,
    OPENING_KINDS,
    ChannelSummary,
    Closings,
    EmojiHabits,
    HashtagHabits,
    Layout,
    Openings,
    PersonStats,
    Phrase,
    PostLike,
    SentenceStats,
    StyleCard,
    WordScore,
    cues,
    median,
    nearest_rank,
    select,
    share,
    top,
)
from sendemast.drafting.style.text import (
    PostShape,
    clean_phrase,
    contains,
    is_question,
    letter_words,
    opening_kind,
    person,
    shape,
    split_sentences,
    starts_with,
    word_count,
)
from sendemast.lang import Language

# Pseudo-counts of the informative prior in the favoured-word log-odds, spread over words by their
# frequency in both corpora: enough to keep a word seen twice from topping the list, little enough that
# a baseline of a few thousand words can still tell.
PRIOR_MASS = 100.0


def learn(
    posts: Sequence[PostLike],
    baseline: Sequence[PostLike],
    lang: str,
    channel: str | None,
    cues: dict[str, Any],
) -> StyleCard:
    shapes = [shape(p.text) for p in posts]
    shapes = [s for s in shapes if s.sentences]
    card = StyleCard(lang=lang, channel=channel, posts=len(shapes), baseline_posts=len(baseline))  # type: ignore[arg-type]
    if not shapes:
        return card
    n = len(shapes)
    sentences = [s for sh in shapes for s in sh.sentences]
    lengths = [word_count(s) for s in sentences]
    card.words_per_post = median([sh.words for sh in shapes])
    card.sentences = SentenceStats(
        count=len(sentences), median_words=median(lengths), p90_words=int(nearest_rank(lengths, 0.9))
    )
    card.question_share = share(sum(any(is_question(s) for s in sh.sentences) for sh in shapes), n)
    document_frequency = _document_frequency(shapes)
    card.openings = _openings(shapes, lang, cues, document_frequency)
    card.closings = _closings(shapes, lang, cues, document_frequency)
    card.emoji = _emoji(shapes)
    card.hashtags = _hashtags(shapes)
    per_post = [[person(s, lang, cues["first_person"]) for s in sh.sentences] for sh in shapes]
    pronouns = [p for post in per_post for p in post]
    card.person = PersonStats(
        singular_share=share(sum(one for one, _ in pronouns), len(sentences)),
        plural_share=share(sum(we for _, we in pronouns), len(sentences)),
        singular_post_share=share(sum(any(one for one, _ in post) for post in per_post), n),
        plural_post_share=share(sum(any(we for _, we in post) for post in per_post), n),
    )
    card.layout = _layout(shapes)
    if baseline:
        card.favoured_words = favoured_words(shapes, [shape(p.text) for p in baseline], lang, cues)
    return card


def _document_frequency(shapes: Sequence[PostShape]) -> Counter[str]:
    return Counter(w for sh in shapes for w in {w.lower() for s in sh.sentences for w in letter_words(s)})


def _generic(
    sentence: str, document_frequency: Counter[str], limits: dict[str, Any], number_words: frozenset[str]
) -> bool:
    """No facts, short, and every word one the leader uses in more than one post."""
    from sendemast.drafting.facts import extract_facts

    words = letter_words(sentence)
    if not words or word_count(sentence) > int(limits["max_words"]) or extract_facts(sentence):
        return False
    if any(w.lower() in number_words for w in words):
        return False
    return all(document_frequency[w.lower()] >= int(limits["min_word_posts"]) for w in words)


def _number_words(lang: str, cues: dict[str, Any]) -> frozenset[str]:
    return frozenset(str(w).lower() for w in cues.get("number_words", {}).get(lang, []))


def _ranked(candidates: list[Phrase], document_frequency: Counter[str], keep: int) -> list[Phrase]:
    """One entry per phrase (case aside), those in most posts first, then those of the commonest words."""
    merged: dict[str, Phrase] = {}
    for phrase in candidates:
        key = phrase.text.lower()
        if key in merged:
            merged[key].posts += 1
        else:
            merged[key] = phrase.model_copy()

    def rarest(text: str) -> int:
        return min((document_frequency[w.lower()] for w in letter_words(text)), default=0)

    ordered = sorted(merged.values(), key=lambda p: (-p.posts, -rarest(p.text), len(p.text), p.text))
    # at most ``keep`` phrases, but every kind keeps its best one
    chosen: list[Phrase] = []
    for phrase in ordered:
        if len(chosen) < keep or all(c.kind != phrase.kind for c in chosen):
            chosen.append(phrase)
    return chosen


def _openings(
    shapes: Sequence[PostShape], lang: str, cues: dict[str, Any], document_frequency: Counter[str]
) -> Openings:
    time_cues = list(cues["openings"].get(lang, {}).get("time", []))
    limits = cues["phrases"]
    kinds: Counter[str] = Counter()
    phrases: list[Phrase] = []
    for sh in shapes:
        first = sh.sentences[0]
        kind = opening_kind(first, lang, time_cues)
        kinds[kind] += 1
        if _generic(first, document_frequency, limits, _number_words(lang, cues)):
            phrases.append(Phrase(text=clean_phrase(first), kind=kind))
    return Openings(
        kinds={k: share(kinds[k], len(shapes)) for k in OPENING_KINDS},
        median_words=median([word_count(sh.sentences[0]) for sh in shapes]),
        phrases=_ranked(phrases, document_frequency, int(limits["keep"])),
    )


def closing_kinds(sentence: str, lang: str, cues: dict[str, Any]) -> list[str]:
    """Which closing moves a sentence makes: thanks, question, invitation, lesson (possibly several)."""
    found = []
    rules = cues["closings"].get(lang, {})
    for kind in CLOSING_KINDS:
        if kind == "question":
            hit = is_question(sentence)
        else:
            rule = rules.get(kind, {})
            hit = starts_with(sentence, rule.get("starts", [])) or contains(
                sentence, rule.get("contains", [])
            )
        if hit:
            found.append(kind)
    return found


def _closings(
    shapes: Sequence[PostShape], lang: str, cues: dict[str, Any], document_frequency: Counter[str]
) -> Closings:
    limits = cues["phrases"]
    numbers = _number_words(lang, cues)
    kinds: Counter[str] = Counter()
    phrases: list[Phrase] = []
    for sh in shapes:
        last_two = sh.sentences[-2:] if len(sh.sentences) > 1 else sh.sentences
        seen: set[str] = set()
        for sentence in last_two:
            moves = closing_kinds(sentence, lang, cues)
            seen.update(moves)
            if moves and _generic(sentence, document_frequency, limits, numbers):
                phrases.append(Phrase(text=clean_phrase(sentence), kind=moves[0]))
        kinds.update(seen)
    return Closings(
        kinds={k: share(kinds[k], len(shapes)) for k in CLOSING_KINDS},
        phrases=_ranked(phrases, document_frequency, int(limits["keep"])),
    )


def _emoji(shapes: Sequence[PostShape]) -> EmojiHabits:
    every = [e for sh in shapes for e in sh.emoji]
    positions = Counter(position for _, position in every)
    return EmojiHabits(
        post_share=share(sum(bool(sh.emoji) for sh in shapes), len(shapes)),
        per_post=round(len(every) / len(shapes), 3),
        usual=top(Counter(e for e, _ in every), 5),
        positions={p: share(positions[p], len(every)) for p in EMOJI_POSITIONS} if every else {},
    )


def _hashtags(shapes: Sequence[PostShape]) -> HashtagHabits:
    counts = [len(sh.hashtags) for sh in shapes]
    spelling: dict[str, Counter[str]] = {}
    for sh in shapes:
        for tag in sh.hashtags:
            spelling.setdefault(tag.lower(), Counter())[tag] += 1
    # one entry per tag whatever its capitals, shown as the leader writes it most often
    tally = Counter({forms.most_common(1)[0][0]: sum(forms.values()) for forms in spelling.values()})
    tagged = [sh for sh in shapes if sh.hashtags]
    return HashtagHabits(
        per_post=round(sum(counts) / len(shapes), 3),
        median=median(counts),
        at_end_share=share(sum(sh.hashtags_at_end for sh in tagged), len(tagged)),
        usual=top(tally, 8),
    )


def _layout(shapes: Sequence[PostShape]) -> Layout:
    paragraphs = [len(sh.paragraphs) for sh in shapes]
    every = [p for sh in shapes for p in sh.paragraphs]
    return Layout(
        paragraphs_median=median(paragraphs),
        paragraphs_mean=round(sum(paragraphs) / len(shapes), 3),
        one_sentence_paragraphs=share(sum(len(split_sentences(p)) == 1 for p in every), len(every)),
        blank_line_share=share(sum(sh.blank_lines for sh in shapes), len(shapes)),
        single_block_share=share(sum(len(sh.paragraphs) == 1 for sh in shapes), len(shapes)),
    )


def _content_words(sh: PostShape, stop: frozenset[str]) -> list[tuple[str, bool]]:
    """(lower-cased word, written with a capital) for the words of a post's prose that are not facts."""
    from sendemast.drafting.facts import extract_facts

    words: list[tuple[str, bool]] = []
    for sentence in sh.sentences:
        cut = sentence
        for fact in reversed(extract_facts(sentence)):
            cut = cut[: fact.start] + " " + cut[fact.end :]
        # a capital on a sentence's first word says nothing; elsewhere it marks a name
        found = letter_words(sentence)
        first = found[0] if found else ""
        words.extend(
            (w.lower(), w[:1].isupper() and not (i == 0 and w == first))
            for i, w in enumerate(letter_words(cut))
            if len(w) >= 3 and w.lower() not in stop
        )
    return words


def favoured_words(
    own: Sequence[PostShape], baseline: Sequence[PostShape], lang: str, cues: dict[str, Any]
) -> list[WordScore]:
    """Words the leader uses more than the baseline's authors: the log-odds ratio with an informative
    Dirichlet prior (Monroe, Colaresi and Quinn 2008), as a z-score, for words in enough of the leader's
    posts. Names are left out (words the leader mostly writes with a capital), and so are stop words."""
    limits = cues["favoured_words"]
    stop = stop_words(lang, cues)
    own_words = [_content_words(sh, stop) for sh in own]
    base_words = [_content_words(sh, stop) for sh in baseline]
    own_counts = Counter(w for post in own_words for w, _ in post)
    base_counts = Counter(w for post in base_words for w, _ in post)
    capitals = Counter(w for post in own_words for w, cap in post if cap)
    posts_with = Counter(w for post in own_words for w in {w for w, _ in post})
    n_own, n_base = sum(own_counts.values()), sum(base_counts.values())
    total = n_own + n_base
    if not n_own or not n_base:
        return []
    scores = []
    for word, count in own_counts.items():
        if posts_with[word] < int(limits["min_posts"]) or capitals[word] * 2 > count:
            continue
        alpha = PRIOR_MASS * (count + base_counts[word]) / total
        a, b = count + alpha, base_counts[word] + alpha
        rest_own, rest_base = n_own + PRIOR_MASS - a, n_base + PRIOR_MASS - b
        if rest_own <= 0 or rest_base <= 0:
            continue  # the word is (nearly) all either side says: no odds to compare
        delta = math.log(a / rest_own) - math.log(b / rest_base)
        z = delta / math.sqrt(1 / a + 1 / b)
        if z >= float(limits["min_z"]):
            scores.append(WordScore(word=word, posts=posts_with[word], z=round(z, 2)))
    scores.sort(key=lambda s: (-s.z, s.word))
    return scores[: int(limits["keep"])]


def stop_words(lang: str, cues: dict[str, Any]) -> frozenset[str]:
    return frozenset(str(w).lower() for w in cues.get("stop_words", {}).get(lang, []))


def learn_style(
    posts: Iterable[PostLike], lang: Language, channel: str | None = None, baseline: Iterable[PostLike] = ()
) -> StyleCard:
    """The style card of ``posts`` in ``lang`` (on ``channel``, or all channels when None); favoured words
    are measured against ``baseline``, other authors' posts (none given: no favoured words)."""
    chosen = select(posts, lang, channel)
    base = select(baseline, lang)
    card = learn(chosen, base, lang, channel, cues())
    if channel is None:
        for name in sorted({p.channel for p in chosen if p.channel}):
            of_channel = [p for p in chosen if p.channel == name]
            if len(of_channel) >= MIN_CHANNEL_POSTS:
                card.by_channel[name] = _summary(learn(of_channel, [], lang, name, cues()))
    return card


def _summary(card: StyleCard) -> ChannelSummary:
    return ChannelSummary(
        posts=card.posts,
        words_median=card.words_per_post,
        sentence_median_words=card.sentences.median_words,
        hashtags_per_post=card.hashtags.per_post,
        emoji_post_share=card.emoji.post_share,
        question_share=card.question_share,
        paragraphs_median=card.layout.paragraphs_median,
    )
