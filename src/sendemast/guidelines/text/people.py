"""Where a post points at an identifiable person: a name, an age or person near a place, the author's family.

Danish writes nouns in lower case, so a capitalised given name mid-sentence is a name; at a sentence start
(and for names that are also words — "Per", "Line", "May") a capitalised surname must follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendemast.guidelines.engine.post import Post


@dataclass(frozen=True)
class Person:
    start: int
    end: int
    kind: str  # name | age | person_place | family

    def label(self, text: str) -> str:
        return " ".join(text[self.start : self.end].split())


class People:
    """The identifiable people of one post (computed once, used by privacy.sensitive and civility.attack)."""

    def __init__(self, post: Post) -> None:
        self.post = post

    @cached_property
    def all(self) -> list[Person]:
        found = self.names + self.aged_or_counted + self.family
        return sorted(found, key=lambda p: (p.start, -p.end))

    @cached_property
    def names(self) -> list[Person]:
        post = self.post
        tokens = post.tokens
        ambiguous = post.rs.ambiguous_names
        own = _own_name_tokens(post)
        out: list[Person] = []
        covered_until = -1
        for hit in post.list_hits("names"):
            if hit.start < covered_until:
                continue
            i = post.token_at(hit.start)
            last = self._surname_end(i)
            has_surname = last > i
            if not has_surname and hit.entry in ambiguous and not self._introduced(i):
                continue  # "Per", "Line", "May" alone are as likely words as names
            words = {tokens.origs[k] for k in range(i, last + 1)}
            if own and words <= own:
                continue  # the author's own name
            out.append(Person(tokens.starts[i], tokens.ends[last], "name"))
            covered_until = tokens.ends[last]
        return out

    def _introduced(self, i: int) -> bool:
        """A name that is also a word, pinned down as a person: followed by a unit, a place or an age
        ("Karen fra hjemmeplejen", "Line i Nordmark", "Ellen på 96") or after a possessive and a role
        ("vores socialrådgiver Karen", "our nurse Grace")."""
        post, tokens = self.post, self.post.tokens
        prepositions = _word_set(post, "name_role_prepositions")
        if i + 2 < len(tokens) and tokens.lowers[i + 1] in prepositions:
            following = tokens.origs[i + 2]
            if following.isdigit() or (following[:1].isupper() and following not in post.rs.broad_places):
                return True
            if following.islower() and following.endswith(("en", "et", "ne")) and len(following) > 5:
                return True  # "fra hjemmeplejen", "i sekretariatet": a unit
        if i >= 2 and tokens.lowers[i - 2] in _word_set(post, "name_role_possessives"):
            role = tokens.origs[i - 1]
            gap = post.text[tokens.ends[i - 1] : tokens.starts[i]]
            return role.islower() and len(role) > 2 and gap == " "
        return False

    def _surname_end(self, i: int) -> int:
        """Index of the last capitalised word of a name that starts at word ``i`` ("Hans-Henrik Olsen")."""
        post, tokens = self.post, self.post.tokens
        last = i
        while last + 1 < len(tokens):
            gap = post.text[tokens.ends[last] : tokens.starts[last + 1]]
            word = tokens.origs[last + 1]
            if gap not in (" ", "-") or not word[:1].isupper() or (word.isupper() and len(word) > 1):
                break
            if word.lower() in _NOT_SURNAMES:
                break
            last += 1
        return last

    @cached_property
    def aged_or_counted(self) -> list[Person]:
        """An age ("84-årig") or a counted person ("en kvinde", "tre børn") with a place close after it."""
        post = self.post
        window = int(post.rs.param("privacy.sensitive", "place_window_chars", 45))
        starts: list[tuple[int, int, str]] = [(h.start, h.end, "age") for h in post.any_hits("ages")]
        nouns = post.any_hits("person_nouns")
        for counter in post.any_hits("person_counters"):
            for noun in nouns:
                if 0 <= noun.start - counter.end <= 12:  # "en kvinde", "en ældre kvinde"
                    starts.append((counter.start, noun.end, "person_place"))
        out = []
        for start, end, kind in starts:
            place_end = self._place_after(end, window)
            if place_end:
                out.append(Person(start, place_end, kind))
        return out

    def _place_after(self, offset: int, window: int) -> int:
        """End of "fra Nørreby" / "in Vestby" within ``window`` characters after ``offset``; 0 if none."""
        post, tokens = self.post, self.post.tokens
        prepositions = {h.start for h in post.any_hits("place_prepositions")}
        broad = post.rs.broad_places
        sentence_end = post.sentence_of(offset)[1]
        i = post.token_at(offset)
        while i + 1 < len(tokens) and tokens.starts[i] < min(offset + window, sentence_end):
            if tokens.starts[i] in prepositions:
                place = tokens.origs[i + 1]
                if place[:1].isupper() and place not in broad and not post.is_initial(i + 1):
                    return tokens.ends[i + 1]
            i += 1
        return 0

    @cached_property
    def family(self) -> list[Person]:
        return [Person(h.start, h.end, "family") for h in self.post.lang_hits("family_of_author")]


# capitalised words that follow a name without being a surname: "Anna Fra …" never happens, but days,
# months and the English pronoun do
_NOT_SURNAMES = frozenset(
    ["i", "og", "the", "and", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
)


def _word_set(post: Post, name: str) -> frozenset[str]:
    rs = post.rs
    return rs.memo(
        f"words:{name}",
        lambda: frozenset(str(w).lower() for lang in ("da", "en") for w in rs.wordlist(lang, name)),
    )


def _own_name_tokens(post: Post) -> frozenset[str]:
    name = getattr(post.profile, "name", "") if post.profile is not None else ""
    return frozenset(name.replace("-", " ").split()) if name else frozenset()
