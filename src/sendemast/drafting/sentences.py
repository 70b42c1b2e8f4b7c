"""Single sentences for the composer: a clean sentence made from a note itself, and the tests a
model-written sentence must pass before it may stand for its note.

A model sentence is accepted only if it keeps every fact of its note, adds none, uses no word that is
neither Danish (or English) nor in the material, reads as the leader speaking (no third-person
self-reference), and is in the post's language. These are the composer's guarantees, so they are plain
functions that a test can call alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sendemast.drafting.facts import WEEKDAY_SHORT, Fact, distinct_facts, fact_survives
from sendemast.drafting.readable import unreadable
from sendemast.lang import detect_language

if TYPE_CHECKING:
    from sendemast.models.base import ChatModel

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_FIRST_PERSON = {
    "da": re.compile(r"\b(?:jeg|mig|min|mit|mine)\b", re.I),
    # English "I" only as a capital: Danish "i" is "in"
    "en": re.compile(r"\bI\b|\b(?:me|my|mine|myself)\b"),
}
# Labels that start a note and read badly in a post, and what they become.
_LABELS = {
    "da": [
        (re.compile(r"^(?:spørgsmål|spm\.?|spørg)(?: til (?:læserne|jer|dig|netværket|mit netværk))?\s*:\s*",
                    re.I),
         ""),
        # "Opfordring: ryd selv fortovet": the imperative speaks to the reader without its label
        (re.compile(r"^(?:opfordring|appel|råd|gode råd|mit råd)\s*:\s*", re.I), ""),
        (re.compile(r"^(?:udfordring(?:en)?)\s*:\s*", re.I), "Udfordringen: "),
        (re.compile(r"^(?:idé|ide)(?: fra ([^:]+))?\s*:\s*", re.I), r"En idé fra \1: "),
        (re.compile(r"^(?:mål)(?: i ([^:]+))?\s*:\s*", re.I), r"Målet i \1: "),
        # "Besøg tirsdag … på Engbo": the leader's own visit, said in the first person
        (re.compile(r"^besøg\s+(?=(?:i dag|i går|i morges|i aftes|(?:man|tirs|ons|tors|fre|lør|søn)dag"
                    r"|på|hos|i(?! (?:morgen|overmorgen|næste))|\d{1,2}\.)\b)", re.I), "Jeg var på besøg "),
    ],
    "en": [
        (re.compile(r"^(?:question|q|ask)(?: (?:to|for) (?:readers|the audience|(?:my |the )?network))?"
                    r"\s*:\s*", re.I), ""),
        (re.compile(r"^(?:challenge)\s*:\s*", re.I), "The challenge: "),
    ],
}


# Note-taking shorthand that reads badly in a post, written out. Only what changes no fact: a month stays the
# same date ("jan." is January either way), a unit keeps its number (facts.py knows "mdr." is "måneder").
_MONTHS_DA: dict[str, str] = {"jan": "januar", "feb": "februar", "mar": "marts", "apr": "april",
                              "jun": "juni", "jul": "juli", "aug": "august",
                              "sep": "september", "sept": "september", "okt": "oktober", "nov": "november",
                              "dec": "december"}
_MONTHS_EN = {"Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "Jun": "June",
              "Jul": "July", "Aug": "August", "Sep": "September", "Sept": "September", "Oct": "October",
              "Nov": "November", "Dec": "December"}
# a figure with its unit: "14 uger", "58 %", "3 t 40 min"
_FIGURE = r"(?:\d+ t(?:imer)? )?\d[\d.,]*(?: ?%| [^\W\d_]+(?:/[^\W\d_]+²?)?)?"
_SHORTHAND: dict[str, list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]]] = {
    "da": [
        (re.compile(r"\bift\.?(?=\s)", re.I), "i forhold til"),
        (re.compile(r"(?:(?<=[^\W\d_] )|(?<=[»«\"”).] ))m\.(?= \w)"), "med"),
        (re.compile(r"(?<=\w )el\.(?= \w)"), "eller"),
        (re.compile(r"\s*≈\s*"), " svarende til "),
        # "4.–7. kl.": a grade, not a time ("kl. 7")
        (re.compile(r"(?<=\d\. )kl\b\.?(?! ?\d)"), "klasse"),
        (re.compile(r"\binkl\.(?=\s)"), "inklusive"),
        (re.compile(r"\bspm\.(?=\s)"), "spørgsmål"),
        (re.compile(r"\bkonf\.(?=\s)"), "konferencen"),
        (re.compile(r"(?<=\d )mdr\.?(?![\w])"), "måneder"),
        (re.compile(r"(?<=\b1 )min\.?(?![\w])"), "minut"),  # "mindst 1 minut", not "1 minutter"
        (re.compile(r"(?<=\d )min\.(?![\w])"), "minutter"),
        (re.compile(r"(?<=\d )sek\.(?![\w])"), "sekunder"),
        (re.compile(r"(?:\b(?:siden|fra|i|til|klar|primo|medio|ultimo)|\d\.) "
                    r"(jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.(?=[\s,):]|$)"),
         lambda m: m.group(0).rsplit(" ", 1)[0] + " " + _MONTHS_DA[m.group(1)]),
        # "9 uger → 4 uger": from one figure to the other
        # (a figure may be a percentage, or hours and minutes: "3 t 40 min → 1 t 55 min", read in set 11 as
        # "3 t fra 40 min til 1 t 55 min")
        (re.compile(rf"(?<!\d )(?<![\d,.])(?:[Ff]ør )?({_FIGURE}) ?→ ?(?:nu )?({_FIGURE})"),
         r"fra \1 til \2"),
        (re.compile(r"\s*(?:→|->|=>)\s*"), " – "),
        # "lør. d. 14. marts", "ons. uge 12": the weekday and "den" written out (facts.py knows them)
        (re.compile(r"\b(man|ma|tirs|tir|ons|tors|tor|fre|lør|søn)\.(?=[\s,;:)–-]|$)"),
         lambda m: WEEKDAY_SHORT[m.group(1)]),
        (re.compile(r"\bd\.\s?(?=\d{1,2}\.)"), "den "),
        (re.compile(r"\budg\.(?=\s)"), "udgangen"),
        (re.compile(r"\bmax\.?(?= \d)"), "højst"),
        (re.compile(r"(?<=\w)omr\.(?=\s)"), "området"),
        (re.compile(r"\bomr\.(?=\s)"), "området"),
        (re.compile(r"\bsek\.(?=\s|$)"), "sekunder"),
        (re.compile(r"\bafd\.(?=\s)"), "afdeling"),
        (re.compile(r"(?<=\w)udd\.(?=[\s),;]|$)"), "uddannelsen"),
        (re.compile(r"\bgl\.(?=\s)"), "gamle"),
        (re.compile(r"\bmedarb\.(?=\s|$)"), "medarbejdere"),
        (re.compile(r"\bi gns\.(?=[\s,;)–-]|$)"), "i gennemsnit"),
        (re.compile(r"\bgns\.(?= [^\W\d_])"), "gennemsnitlig"),  # "gns. ventetid": before a noun
        (re.compile(r"\bgns\.(?=\s)"), "gennemsnitligt"),
        (re.compile(r"\bpga\.(?=\s)"), "på grund af"),
        (re.compile(r"(?:(?<=[^\W\d_])|(?<=\))) \+ (?=[\w\"«»])|(?<=\d) \+ (?=[^\W\d_])"), " og "),
        # read in set 8's drafts: "IT-vagten v. Mikkel Sand", "unge ledige u. 30", "kvalitetsafd."
        (re.compile(r"\bv\.(?= [A-ZÆØÅ])|(?<=[^\W\d_] )v\.(?= (?:formand|leder|direktør|chef)\b"
                    r"| [a-zæøå]+(?:en|et|erne|ene)\b)"), "ved"),
        (re.compile(r"\bu\.(?= \d)"), "under"),
        (re.compile(r"(?<=\w)afd\.(?=[\s),;]|$)"), "afdelingen"),
        (re.compile(r"\bevt\.(?=\s)"), "eventuelt"),
        (re.compile(r"\bmht\.(?=\s)"), "med hensyn til"),
        (re.compile(r"\bvedr\.(?=\s)"), "vedrørende"),
        (re.compile(r"\btlf\.(?=\s)"), "telefon"),
        # "Før: 412 – nu: 287": from one figure to the other
        (re.compile(rf"\b[Ff]ør:? ({_FIGURE}) *[–-]+ *(?:nu|efter):? ({_FIGURE})"),
         r"fra \1 til \2"),
        (re.compile(r"!{2,}"), "!"),
    ],
    "en": [
        (re.compile(rf"(?<![\d,.] )({_FIGURE}) ?(?:→|->) ?({_FIGURE})"), r"from \1 to \2"),
        (re.compile(r"\s*(?:→|->|=>)\s*"), " – "),
        (re.compile(r"\bw/o\b"), "without"),
        (re.compile(r"\bw/(?=\s)"), "with"),
        (re.compile(r"\b[Tt]hx\b"), "Thanks"),
        (re.compile(r"\byrs\b"), "years"),
        (re.compile(r"\byr\b"), "year"),
        (re.compile(r"(?<=\d )wks?\b\.?"), lambda m: "weeks" if m.group(0).startswith("wks") else "week"),
        (re.compile(r"(?<=\d )(?:mths|mos)\b\.?"), "months"),
        (re.compile(r"(?<=\d )hrs\b\.?"), "hours"),
        (re.compile(r"(?<=\d )mins\b\.?"), "minutes"),
        (re.compile(r"\b([Aa])pprox\.(?=\s)"), lambda m: m.group(1) + "pproximately"),
        # "6 Sept": the month written out (the date stays the same fact)
        (re.compile(r"(?<=\d )(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?"),
         lambda m: _MONTHS_EN[m.group(1)]),
        (re.compile(r"\bavg\.(?=\s|$)"), "average"),
        (re.compile(r"^[Qq] for\b"), "A question for"),
        (re.compile(r"\b(Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b\.?"),
         lambda m: WEEKDAY_SHORT[m.group(1).lower()].capitalize()),
        (re.compile(r"(?:(?<=[^\W\d_])|(?<=\))) \+ (?=[\w\"«»])"), " and "),
        (re.compile(r"\bprev\.(?=\s)"), "previous"),
        (re.compile(r"~ ?(?=\d)"), "about "),
        (re.compile(r"!{2,}"), "!"),
    ],
}

def plain_sentence(note: str, lang: str = "da") -> str:
    """A clean sentence made from ``note`` alone: its words and facts, a capital and an end mark.

    The fallback when a model's sentence fails: plain, but faithful by construction."""
    text = " ".join(note.split()).strip(" -–•*")
    for pattern, replacement in _LABELS.get(lang, []):
        if pattern.match(text):
            text = pattern.sub(replacement, text, count=1).replace("En idé fra : ", "En idé: ")
            text = text.replace("Målet i : ", "Målet: ")
            break
    for shorthand, written in _SHORTHAND.get(lang, []):
        text = shorthand.sub(written, text)
    # an arrow or a dash at either end ("→ idéer til …", "oppe igen kl. 14 →") joins nothing
    text = text.strip(" -–—:")
    # a semicolon in notes joins two sentences; the second gets its capital
    text = re.sub(r"\s*;\s*(\w)", lambda m: ". " + m.group(1).upper(), text)
    text = _unshout(text, lang)
    text = text[:1].upper() + text[1:]
    # "… compare? keen to compare notes": a sentence after a question mark starts with a capital
    text = re.sub(r"([?!]) ([a-zæøå])", lambda m: f"{m.group(1)} {m.group(2).upper()}", text)
    if not re.search(r"[.!?…]$", text):
        text += "."
    return text


def _unshout(text: str, lang: str) -> str:
    """"TAK til alle", "laves SAMMEN med personalet": a word a note shouts is written in lower case when the
    dictionary knows it (an abbreviation such as "CPR" or "NATO" is no word and keeps its capitals)."""
    try:
        from sendemast.guidelines.rules.spelling import is_known
    except ImportError:
        return text

    def lower(match: re.Match[str]) -> str:
        word = match.group(0)
        return word.lower() if is_known(word.lower(), lang, compounds="dictionary") else word

    return re.sub(r"\b[A-ZÆØÅ]{3,}\b(?!-)", lower, text)


def has_first_person(text: str, lang: str) -> bool:
    return bool(_FIRST_PERSON["en" if lang == "en" else "da"].search(text))


# the organisation's "vi", the reader addressed, or a thanks: personal without "jeg" ("Tak til
# nattevagterne …", "Vi har ryddet sne på 420 km vej", "Har du en mindre skade, så …")
_PERSONAL = {
    "da": re.compile(r"\b(?:vi|os|vores|du|dig|din|dit|dine|jer|jeres)\b|^(?:tak|tusind tak|stor tak)\b",
                     re.I),
    "en": re.compile(r"\b(?:we|us|our|you|your)\b|^(?:thanks?|thank you|a (?:huge |big )?thank)", re.I),
}


def speaks_personally(text: str, lang: str) -> bool:
    """First person, singular or plural, or the reader addressed: what an opening or a hook needs."""
    key = "en" if lang == "en" else "da"
    return has_first_person(text, lang) or bool(_PERSONAL[key].search(text.strip()))


def words_of(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


MIN_CONTENT = 0.75  # share of the note's content words a sentence must keep (facts are all kept anyway)
# a rewrite is meant to drop the office's words ("henstilles", "modtager", "Kommunen", "borgere"): a
# human rewrite keeps about half of them (the references of evals/written/heldout-sentences.jsonl)
MIN_CONTENT_REWRITE = 0.5
_NEGATIONS = frozenset("ikke aldrig ingen intet hverken not never no none neither nor".split())


# a note that thanks someone must still thank them ("Tak til terapeuterne" is not "glad for en god hverdag")
_THANKS = re.compile(
    r"\b(?:tak(?:ke[rt]?|ket|kede|nemmelig\w*|sigelse\w*)?|thank(?:s|ed|ful)?|grateful|gratitude)\b", re.I
)


_VISIT = re.compile(r"\b(?:besøg\w*|visit\w*)\b", re.I)
_MEETING = re.compile(r"møde|konference|workshop|seminar|meeting|conference", re.I)


# When a note's event happens, said relative to the post's day: not a fact to the accounting (facts.py has
# dates and times), but "tal fra i morges" made "tal fra i morgen" by the model moves it into the future
_RELATIVE_TIME = re.compile(
    r"\b(?:i (?:går|dag|morges|morgen|aftes|aften|nat|overmorgen|forgårs|weekenden|sidste uge|næste uge)"
    r"|(?:sidste|næste|denne|forrige) (?:uge|måned|år|weekend)|yesterday|today|tomorrow|tonight"
    r"|this (?:morning|week|weekend|month|year)|(?:last|next) (?:week|weekend|month|year|night))\b",
    re.I,
)


_PRESENT_TIME = re.compile(
    r"i dag|today|denne (?:uge|måned|weekend)|this (?:week|weekend|month|year|morning)"
)


def _relative_times(text: str) -> set[str]:
    """The relative times in ``text``: "i sidste uge" and "sidste uge" are one."""
    return {re.sub(r"^i (?=sidste|næste)", "", m.group(0).lower()) for m in _RELATIVE_TIME.finditer(text)}


# a note that asks the readers ("spm. til netværket: …?", "q for network: …?"): the post must ask too
_ASKS = re.compile(r"(?:spørgsmål|spørg|question|spm|q)\.?(?: (?:til|to|for) [^:?]{1,30})?\s*:", re.I)


def _negations(text: str) -> set[str]:
    return {w for w in words_of(text) if w in _NEGATIONS}


def _content_kept(note: str, sentence: str) -> float:
    """Share of the note's content words (by a five-letter stem) that the sentence carries."""
    from sendemast.drafting.notes import content_words

    stems = {w[:5] for w in content_words(note) if len(w) > 3 and not w.isdigit()}
    if not stems:
        return 1.0
    low = sentence.lower()
    return sum(1 for stem in stems if stem in low) / len(stems)


def _swapped_subject(
    note: str, sentence: str, lang: str, unknown: UnknownWords | None = None, rewrite: bool = False,
    speakers: Iterable[str] = (),
) -> bool:
    """ "Borgere kan få hjælp" → "Jeg kan få hjælp", "The unit will deliver" → "I will deliver": the
    sentence opens with the leader and the note's own verb, where the note had another subject. (A frame
    such as "Besøg tirsdag …" → "Jeg var tirsdag …" adds a verb of its own and is fine.)

    The same verb in another tense counts too when the note's subject is a name the dictionary does not
    know ("Engbo tester …" → "Jeg testede …": the leader doing what the care home does). Not for a common
    noun: "Kommunen beklager" → "Jeg beklager" is what a rewrite into the first person is for, and so is
    "Region Sydmark kan oplyse" → "Jeg kan fortælle": in a rewrite the organisation speaking is the
    leader's."""
    if has_first_person(note, lang):
        return False
    if rewrite and (any(_ORGANISATION.search(" ".join(note.split()[:n]).strip(",")) for n in range(1, 5))
                    or any(s and note.startswith(s) for s in speakers)):
        return False
    words = sentence.split()
    if len(words) < 2 or words[0].lower().strip(",") not in ("jeg", "i"):
        return False
    raw = [w.strip(",.:;\"'") for w in note.split()[:4]]
    while raw and raw[0].lower() in ("the", "a", "an", "en", "et", "den", "det", "de"):
        raw = raw[1:]
    head = [w.lower() for w in raw]
    if len(head) < 2 or head[0] in words_of(sentence):
        return False
    verb = words[1].lower().strip(",")
    if verb in head[1:3]:
        return True
    leader = words[0].strip(",") in ("jeg", "Jeg") if lang == "da" else words[0] == "I"
    named = raw[0][:1].isupper() and unknown is not None and bool(unknown({head[0]}))
    return leader and named and len(verb) > 4 and any(len(w) > 4 and verb[:4] == w[:4] for w in head[1:3])


_ORGANISATION = re.compile(
    r"(?:kommunes?|regions?|styrelsen for .+|styrelsens?|sygehus|hospital|arkiv|forsyning|beredskab|politi|"
    r"bibliotek(?:erne)?|skole|museum|universitet|jobcenter|psykiatrien|municipality|region|council|"
    r"hospital|police|utility|utilities|library|archives?|service)$"
    r"|^region |^(?:the )?(?:danish )?agency for ",
    re.I,
)
_WE = {"da": re.compile(r"\b(?:vi|vores|os)\b", re.I), "en": re.compile(r"\b(?:we|our|us)\b", re.I)}


def _speaker(fact: Fact, text: str, lang: str, speakers: Iterable[str] = ()) -> bool:
    """A rewrite speaks as the organisation: "Lyngsø Kommune kan hermed oplyse …" becomes "Vi …" or "Jeg
    kan fortælle …", and the name of the office that spoke is no fact the reader loses. ``speakers``: the
    leader's organisation's names, when known (then only they may go); else any name of an office."""
    speaks = _WE["en" if lang == "en" else "da"].search(text) or has_first_person(text, lang)
    if fact.kind != "name" or not speaks:
        return False
    names = [n.lower() for n in speakers if n]
    if names:
        return any(fact.text.lower() in n or n in fact.text.lower() for n in names)
    return bool(_ORGANISATION.search(fact.text))


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""


# unknown(words) -> the words a dictionary does not know (the spelling rule's lookup when available)
UnknownWords = Callable[[Iterable[str]], set[str]]


def judge_sentence(
    sentence: str,
    note: str,
    *,
    lang: str,
    known: set[str],
    self_names: Iterable[str] = (),
    support: str = "",
    unknown: UnknownWords | None = None,
    need_first_person: bool = False,
    earlier: Iterable[str] = (),
    rewrite: bool = False,
    speakers: Iterable[str] = (),
) -> Verdict:
    """Whether ``sentence`` may stand for ``note`` in the post (see the module docstring).

    ``known``: words accepted without a dictionary (the material's own words, common words);
    ``support``: other text whose facts the sentence may carry (the profile); ``self_names``: how the
    leader is named in the third person; ``earlier``: sentences already in the post."""
    text = " ".join(sentence.split())
    if len(text) < 12 or len(text) > 2 * len(note) + 80:
        return Verdict(False, "length")
    if not re.search(r"[.!?…:\"”»)]$", text):
        return Verdict(False, "unfinished")  # cut off at the token limit ("… et godt tilfæ")
    if text[:1].islower():
        return Verdict(False, "starts in lower case")  # the note copied without its label
    if re.search(r"[#@<>{}\[\]|]|https?://|\*\*", text) and not re.search(r"[#@]|https?://", note):
        return Verdict(False, "markup")
    for fact in distinct_facts(note):
        if not fact_survives(fact, text) and not (rewrite and _speaker(fact, text, lang, speakers)):
            return Verdict(False, f"lost {fact.label}")
    for fact in distinct_facts(text):
        if not (fact_survives(fact, note) or (support and fact_survives(fact, support))):
            # "Anders Kjær (19)" written "Anders Kjær på 19 år": the note's bare number, given its unit
            bare = fact.kind == "number" and fact.unit and fact_survives(replace(fact, unit=""), note)
            if not bare and not _definite_of_name(fact, note):
                return Verdict(False, f"added {fact.label}")
    low = text.lower()
    for name in self_names:
        if name and name.lower() in low:
            return Verdict(False, "speaks of the leader in the third person")
    if _swapped_subject(note, text, lang, unknown, rewrite, speakers):
        return Verdict(False, "put the leader in the place of the note's subject")
    if _content_kept(note, text) < (MIN_CONTENT_REWRITE if rewrite else MIN_CONTENT):
        return Verdict(False, "dropped what the note says")
    if _negations(note) - _negations(text):
        return Verdict(False, "lost a negation")
    if _THANKS.search(note) and not _THANKS.search(text):
        return Verdict(False, "lost the thanks")
    if _VISIT.search(text) and not _VISIT.search(note) and _MEETING.search(note):
        # read in set 16: "infomøde for forældre 3. marts" became "Jeg har besøgt forældre 3. marts"
        return Verdict(False, "makes a meeting a visit")
    # the present may be added ("(nu 88 %)" → "i dag er vi på 88 %", "This week I'm in Brussels"), a past or
    # a future may not, and none of the note's may go
    before, after = _relative_times(note), _relative_times(text)
    changed = (before - after) | {t for t in after - before if not _PRESENT_TIME.fullmatch(t)}
    if changed:
        return Verdict(False, "changed when: " + ", ".join(sorted(changed)))
    note_words = words_of(note)
    new_words = {
        w for w in words_of(text) - note_words - words_of(support) - known
        # the note's own word with a definite ending ("PPR-ventetid" → "PPR-ventetiden")
        if not any(w.endswith(end) and w[: -len(end)] in note_words for end in ("en", "et", "n", "t"))
    }
    strange = unknown(new_words) if unknown is not None else {w for w in new_words if len(w) > 3}
    if strange:
        return Verdict(False, "unknown words: " + ", ".join(sorted(strange)[:3]))
    if need_first_person and not speaks_personally(text, lang):
        return Verdict(False, "not first person")
    if len(text.split()) >= 6 and detect_language(text, default="en" if lang == "en" else "da") != lang:
        return Verdict(False, "another language")
    key = " ".join(low.split())
    if any(key == " ".join(e.lower().split()) for e in earlier):
        return Verdict(False, "repeats an earlier sentence")
    if "?" in text and "?" not in note:
        return Verdict(False, "asks a question the note does not")
    if _ASKS.match(note.strip(" -–•*")) and "?" in note and "?" not in text:
        return Verdict(False, "lost the note's question")
    reason = unreadable(text, note, lang, rewrite=rewrite)
    if reason:
        return Verdict(False, reason)
    return Verdict(True)


# A model sentence's mean log-probability per token after its note, under the bundled Gemma's base weights
# (ChatModel.likelihood), must reach this. It is no measure of fluency as such: without the note the same
# score cannot tell the sentences a reader accepted from the garbled ones (AUC 0.57), with it it can (0.83
# over 332 rated model sentences), because the 270M model's sentences that leave its note's wording are
# mostly garbled or distorted. So it keeps the model close to the note: safer sentences, more copied.
# Chosen on the first blind reading alone (development data): of the sentences the verifier accepted
# there, it keeps 44 of 66 and lifts the share a reader found publishable or one fix away from 0.62 to
# 0.73; on the second reading, of unseen notes, from 0.52 to 0.70, refusing none of the 33 acceptable
# ones (python -m sendemast.training.verifier --likelihood reports both). Human sentences that say more
# than the note score lower (the references' median is -1.87), so it judges the model's sentences only,
# never the fallback made from the note.
LIKELIHOOD_MIN = -1.75


def _definite_of_name(fact: Fact, note: str) -> bool:
    """"PPR-ventetiden" for the note's "PPR-ventetid": the same name, given the definite ending a sentence
    needs (telegraphic.py adds it; a model may too)."""
    if fact.kind != "name" or not re.search(r"-[a-zæøå]+$", fact.text):
        return False
    return any(fact.text.endswith(end) and fact_survives(replace(fact, text=fact.text[: -len(end)]), note)
               for end in ("en", "et", "n", "t"))


def judge_likelihood(model: ChatModel, note: str, sentence: str) -> str:
    """'' when ``model`` cannot score or the sentence is likely enough after its note, else why not."""
    score = model.likelihood(note, sentence)
    if score is None or score >= LIKELIHOOD_MIN:
        return ""
    return f"improbable after its note (likelihood {score:.2f} < {LIKELIHOOD_MIN})"
