"""The public sector's lines: party neutrality, confidential matters, civility, the profile's red lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sendemast.guidelines.engine.registry import rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sendemast.guidelines.engine.model import Finding
    from sendemast.guidelines.engine.post import Post
    from sendemast.guidelines.text.lexicon import Hit

_CONTRACTED_NOT = re.compile(r"n['’]t\s+(?:\w+\s+)?$")  # "didn't lie", "haven't ever lied"
_LIST_LETTER = re.compile(r"\b(?:liste|listen|list)\s+([A-ZÆØÅ])\b")


@dataclass(frozen=True)
class PartyMention:
    start: int
    end: int
    name: str


def party_mentions(post: Post) -> list[PartyMention]:
    """Parties named in the post: full names, genitives, clear abbreviations ("SF"), "(S)", "liste A"."""
    cached = post.__dict__.get("_party_mentions")
    if cached is not None:
        return cached
    found: list[PartyMention] = []
    for hit in _longest(post.any_hits("party_names")):
        if _is_party(post, hit):
            found.append(PartyMention(hit.start, hit.end, hit.payload["name"]))
    abbreviations = post.rs.party_abbreviations
    tokens, text = post.tokens, post.text
    present = abbreviations.keys() & set(tokens.origs)
    for i, word in enumerate(tokens.origs if present else ()):
        if word not in present:
            continue
        start, end = tokens.starts[i], tokens.ends[i]
        in_parentheses = text[start - 1 : start] == "(" and text[end : end + 1] == ")"
        if in_parentheses or (len(word) >= 2 and word.isupper()):
            found.append(PartyMention(start, end, word))
    for match in _LIST_LETTER.finditer(text):
        if match.group(1) in abbreviations:
            found.append(PartyMention(match.start(), match.end(), match.group()))
    found.sort(key=lambda m: m.start)
    post.__dict__["_party_mentions"] = found
    return found


def _longest(hits: list[Hit]) -> list[Hit]:
    """Drop hits inside longer ones ("Venstre" inside "Radikale Venstre")."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


def _is_party(post: Post, hit: Hit) -> bool:
    """ "til venstre", "Venstre-siden", "Alternativet er at …" are not the party."""
    name = hit.payload["name"]
    if name not in post.rs.ambiguous_party_names or hit.payload["genitive"]:
        return True
    tokens = post.tokens
    i = post.token_at(hit.start)
    directions_before = _words(post, "direction_before")
    directions_after = _words(post, "direction_after")
    if i > 0 and tokens.lowers[i - 1] in directions_before:
        return False
    if i + 1 < len(tokens) and tokens.lowers[i + 1] in directions_after:
        return False
    if post.is_initial(i):
        return i + 1 < len(tokens) and tokens.lowers[i + 1] in _words(post, "party_verbs")
    return True


def _words(post: Post, name: str) -> frozenset[str]:
    """A word list of both languages as a set of lowercase words (built once per ruleset)."""
    rs = post.rs
    return rs.memo(
        f"words:{name}",
        lambda: frozenset(str(w).lower() for lang in ("da", "en") for w in rs.wordlist(lang, name)),
    )


@rule("neutrality.party")
def check_party(post: Post) -> Iterator[Finding]:
    mentions = party_mentions(post)
    vote_calls = post.any_hits("vote_calls")
    reported: list[tuple[int, int]] = []
    for call in vote_calls:
        if _reports_a_result(post, call.start):
            continue
        target = _vote_target(post, call.end)
        if target:
            reported.append((call.start, target[1]))
            yield post.finding(
                "neutrality.party",
                call.start,
                target[1],
                key="message.vote",
                party=post.text[target[0] : target[1]],
            )
    if not mentions:
        return
    stances = post.any_hits("party_stance")
    for mention in mentions:
        if any(a <= mention.start < b for a, b in reported):
            continue
        sentence = post.sentence_of(mention.start)
        stance = [
            h
            for h in post.hits_in(stances, sentence)
            if not (h.start < mention.end and mention.start < h.end)
        ]
        if stance:
            reported.append(sentence)
            yield post.finding(
                "neutrality.party",
                mention.start,
                mention.end,
                key="message.stance",
                party=post.text[mention.start : mention.end],
                stance=post.text[stance[0].start : stance[0].end],
            )


def _party_names(post: Post) -> frozenset[str]:
    rs = post.rs
    return rs.memo(
        "party_names",
        lambda: frozenset(
            str(name)
            for lang in ("da", "en")
            for party in rs.wordlist(lang, "parties")
            for name in party.get("names", [])
        ),
    )


def _reports_a_result(post: Post, offset: int) -> bool:
    """ "38 procent stemte på …", "a majority voted for …": an election result, not a call to vote;
    "stemmer på mange punkter overens med …" agrees, it calls for nothing."""
    i = post.token_at(offset)
    lowers = post.tokens.lowers
    if "%" in post.text[max(0, offset - 20) : offset]:
        return True
    if not _words(post, "vote_report_words").isdisjoint(lowers[max(0, i - 3) : i]):
        return True
    return not _words(post, "vote_not_after").isdisjoint(lowers[i + 1 : i + 7])


def _vote_target(post: Post, offset: int) -> tuple[int, int] | None:
    """The party or candidate a vote call names within the same sentence ("Stem på Anna Jensen")."""
    sentence_end = post.sentence_of(offset)[1]
    limit = min(sentence_end, offset + 60)
    text = post.text
    for mention in party_mentions(post):
        if offset <= mention.start < limit:
            written = text[mention.start : mention.end]
            genitive = written != mention.name and written not in _party_names(post)
            if genitive or text[mention.end : mention.end + 1] in ("'", "’"):
                continue  # "voted for the Social Democrats' bill", "stemte på Venstres forslag": a proposal
            return mention.start, mention.end
    for person in post.people.names:
        if offset <= person.start < limit:
            return person.start, person.end
    return None


@rule("confidential.internal")
def check_confidential(post: Post) -> Iterator[Finding]:
    hits = post.any_hits("confidential")
    if not hits:
        return
    exceptions = post.any_hits("confidential_exceptions")
    last_end = -1
    for hit in hits:
        if hit.start < last_end:
            continue
        if any(e.start <= hit.start and hit.end <= e.end for e in exceptions):
            continue
        word = post.text[hit.start : hit.end].lower()
        if word in _words(post, "confidential_negatable") and _negated_before(post, hit.start):
            continue  # "så længe der ikke er tale om fortrolige sager", "det er ikke fortroligt"
        last_end = hit.end
        yield post.finding("confidential.internal", hit.start, hit.end, phrase=post.text[hit.start : hit.end])


def _negated_before(post: Post, offset: int) -> bool:
    """A negation among the four words before ``offset``, with no "men"/"but" or comma after it."""
    i = post.token_at(offset)
    negations, tokens = _words(post, "attack_negations"), post.tokens
    for k in range(i - 1, max(-1, i - 5), -1):
        if tokens.lowers[k] in ("men", "but") or "," in post.text[tokens.ends[k] : tokens.starts[k + 1]]:
            return False
        if tokens.lowers[k] in negations:
            return True
    return False


@rule("civility.attack")
def check_civility(post: Post) -> Iterator[Finding]:
    person_words = post.any_hits("attack_person_words")
    words = post.any_hits("attack_words")
    if not person_words and not words:
        return
    for hit in sorted(person_words + words, key=lambda h: h.start):
        if (
            post.in_quote(hit.start, hit.end)
            or _about_oneself(post, hit)
            or _denied(post, hit)
            or _reported(post, hit)
        ):
            continue
        aimed = hit.list.endswith("attack_person_words") or _has_target(post, hit)
        if aimed:
            yield post.finding("civility.attack", hit.start, hit.end, word=post.text[hit.start : hit.end])


def _about_oneself(post: Post, hit: Hit) -> bool:
    """ "Jeg lyver ikke", "I lied to myself": the writer about themself."""
    tokens = post.tokens
    i = post.token_at(hit.start)
    selves = _words(post, "self_subjects")
    previous = range(max(0, i - 2), i)
    if post.lang == "en":
        return any(tokens.origs[k] == "I" or tokens.lowers[k] in ("we", "me") for k in previous)
    return any(tokens.lowers[k] in selves for k in previous)


def _denied(post: Post, hit: Hit) -> bool:
    """ "ikke en løgn", "har aldrig løjet", "did not lie": a denied accusation accuses no one."""
    i = post.token_at(hit.start)
    before = post.tokens.lowers[max(0, i - 2) : i]
    after = post.tokens.lowers[i + 1 : i + 2]  # "han lyver ikke": Danish puts the negation after the verb
    if not _words(post, "attack_negations").isdisjoint(before + after):
        return True
    return _CONTRACTED_NOT.search(post.text, max(0, hit.start - 12), hit.start) is not None


def _reported(post: Post, hit: Hit) -> bool:
    """ "Nogle påstår, at vi har løjet", "People say the council lied": someone else's claim, reported."""
    first = post.token_at(post.sentence_of(hit.start)[0])
    i = post.token_at(hit.start)
    lowers = post.tokens.lowers
    claimants, verbs = _words(post, "attack_claimants"), _words(post, "attack_reporting_verbs")
    return any(
        lowers[k] in claimants and not verbs.isdisjoint(lowers[k + 1 : k + 3]) for k in range(first, i - 1)
    )


def _has_target(post: Post, hit: Hit) -> bool:
    """Someone to be aimed at in the same sentence: a person, a body, a party or a capitalised name."""
    sentence = post.sentence_of(hit.start)
    if post.hits_in(post.lang_hits("attack_targets"), sentence):
        return True
    if any(sentence[0] <= m.start < sentence[1] for m in party_mentions(post)):
        return True
    if any(sentence[0] <= p.start < sentence[1] for p in post.people.names):
        return True
    tokens = post.tokens
    for i in range(post.token_at(sentence[0]), len(tokens)):
        if tokens.starts[i] >= sentence[1]:
            break
        word = tokens.origs[i]
        if word[:1].isupper() and not post.is_initial(i) and word != "I" and not word.isupper():
            return True  # a name or an organisation mid-sentence
    return False


@rule("mandate.red_line")
def check_red_lines(post: Post) -> Iterator[Finding]:
    mandate = getattr(post.profile, "mandate", None)
    red_lines = list(getattr(mandate, "red_lines", []) or [])
    if not red_lines:
        return
    from sendemast.guidelines.text.stems import phrase_spans

    for red_line in red_lines:
        for start, end in phrase_spans(post, str(red_line))[:1]:
            yield post.finding("mandate.red_line", start, end, red_line=red_line)
