"""Read a leader's notes the way a good ghostwriter does: post material, instructions, and what stays out.

Notes mix material for the post with remarks for the writer ("husk: ingen billeder af børnene",
"internt: budgettet er ikke vedtaget – nævn det ikke", "NB: …"). Those never become post text and their
facts don't count as missing; an instruction that can be checked ("nævn ikke X") is checked against the
draft. A note that would put a named person's health, social or private details in public (what the
checker's ``privacy.sensitive`` finds) is cut back to what may be said — "tak til Jens, der er tilbage efter
sin knæoperation" becomes "tak til Jens" — and a CPR number never reaches a post. Every such decision is
recorded so the user is told what was read as an instruction and what was left out, and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

# A label that makes the whole line a remark for the writer.
_LABEL = re.compile(
    r"^\s*(?:husk|internt?|intern note|til kommunikation(?:safdelingen)?|til komm\.?|nb|n\.b\.|obs|bemærk|"
    r"note til (?:mig selv|skribenten|dig)|fortroligt|reminder|remember|internal(?: note)?|note to self|"
    r"note to (?:the )?writer|for comms|to comms|confidential|"
    # "MÅ IKKE MED: …", "internal, don't post: …" (both published by a held-out draft before they were here)
    r"må ikke (?:med|nævnes|offentliggøres)|ikke med i opslaget|ikke til opslaget|skal ikke med|"
    r"(?:internal,? )?(?:don't|do not|not to) (?:post|publish)|not for (?:posting|publication)|"
    r"off the record)"
    r"\s*[:!–—-]\s*",
    re.I,
)
# A line that opens with a remark to someone before its colon: "NB ikke med i opslaget: …", "OBS Lise: …"
# (both published by a held-out draft in set 9 before they were read as remarks)
_LEAD_REMARK = re.compile(
    r"^\s*(?:(?:nb|n\.b\.|obs|husk|bemærk|internt?|fortroligt|internal)\b[^:]{0,40}"
    r"|[^:]{0,40}\b(?:ikke med i opslaget|ikke til opslaget|må ikke med|skal ikke med|don't post|do not post)"
    r"[^:]{0,20})\s*:",
    re.I,
)
# A sentence that tells the writer what to do or avoid, wherever it stands in a line.
_DIRECTIVE = re.compile(
    r"\b(?:nævn(?:es)? (?:det |dem |den |ham |hende )?ikke|må ikke nævnes|ikke nævne|"
    r"skal ikke (?:med|nævnes)|lad være med at|undgå at (?:nævne|skrive)|skriv ikke|"
    r"ingen (?:billeder|fotos?|navne)|kun (?:billeder|fotos?)|"
    r"ingen spekulation|kun godkendte oplysninger|ikke i opslaget|"
    r"(?:do not|don't|never) (?:mention|name|say|write)|not to be mentioned|no (?:photos|pictures|names)|"
    r"only approved information|no speculation|off the record|keep (?:it|this) out|"
    r"(?:don't|do not) (?:post|publish)|må ikke med|ikke med i opslaget|"
    r"(?:holder vi|holdes|hold det|kun) internt|internt til|keep (?:it|this) internal|for internal use|"
    # "pls leave out the arbitration case w/ Kalkbro", "udelad sagen om …" (read in a held-out draft that
    # published "Pls leave out the arbitration case" as a sentence)
    r"(?:pls |please |plz )?(?:leave out|omit)|udelad|(?:keep|leave) [^.;]{1,40} out of the post)\b",
    re.I,
)
# What a checkable instruction forbids: "nævn ikke X", "ingen spekulation om X og Y", "don't mention X".
_FORBIDS = re.compile(
    r"(?:nævn(?:es)? ikke|ikke nævne|skriv ikke om|undgå at nævne|ingen spekulation om|udelad|"
    r"(?:do not|don't|never) mention|no speculation (?:about|on)|leave out|omit)\s+(?P<what>[^.!?;–—]+)",
    re.I,
)
# "X – nævn det ikke": the pronoun points back at the clause before it.
_FORBIDS_BEFORE = re.compile(
    r"(?P<what>[^.!?;:]+?)\s*[–—,-]\s*(?:nævn (?:det|dem) ikke|det må ikke nævnes|don't mention (?:it|this)|"
    r"do not mention (?:it|this))",
    re.I,
)
# A remark for the writer inside a line, in brackets: "(intern: tal ikke godkendt endnu – udelad)".
_INLINE_REMARK = re.compile(
    r"\s*[(\[]\s*(?:husk|internt?|intern note|til komm(?:unikation)?\.?|nb|n\.b\.|obs|note til mig selv|"
    r"fortroligt|internal(?: note)?|note to self|for comms|confidential)\b[^)\]]*[)\]]",
    re.I,
)
# ... that asks for the whole line to stay out of the post
_LEAVE_OUT = re.compile(
    r"\b(?:udelad|udelades|ikke med|skal ikke med|ikke godkendt|ikke offentlig|fortrolig|"
    r"leave (?:it |this )?out|omit|not approved|not public|confidential)\b",
    re.I,
)
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s*(?:noter|notes)?\s*[:–-]?\s*", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9\"“«])")
_CLAUSE_CUT = re.compile(
    r"\s*(?:,|;|\s[–—-]\s|\()\s*|\s+(?=(?:der|som|efter (?:sin|sit|hans|hendes)|med (?:sin|sit|hans|hendes)|"
    r"who|after (?:his|her)|with (?:his|her))\s)",
    re.I,
)
_STOP = frozenset(
    "og i på til af med for om at det den de en et er var har ikke som der så men eller fra hos ved "
    "the a an of and or to in on at for with is are was not about".split()
)


@dataclass(frozen=True)
class Instruction:
    text: str
    line: int  # 1-based line of the notes
    forbids: tuple[str, ...] = ()  # phrases the post must not carry (empty: not checkable in text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "line": self.line,
            "forbids": list(self.forbids),
            "checkable": bool(self.forbids),
        }


@dataclass(frozen=True)
class Omission:
    text: str  # what was left out
    line: int
    reason: str  # the privacy rule that found it, or "instruction" (the notes said to leave it out)
    detail: str = ""  # the detail, masked where it is a number

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "line": self.line, "reason": self.reason, "detail": self.detail}


@dataclass(frozen=True)
class Point:
    """One piece of post material: a bullet (or a sentence of a prose note), cleaned."""

    text: str
    line: int


@dataclass
class ReadNotes:
    title: str
    points: list[Point] = field(default_factory=list)
    instructions: list[Instruction] = field(default_factory=list)
    omissions: list[Omission] = field(default_factory=list)

    @property
    def material(self) -> str:
        """The notes as post material only: what the post is written from and its facts counted on."""
        return "\n".join(f"- {p.text}" for p in self.points)

    @property
    def internal(self) -> str:
        """What must not reach the post: instructions and what was left out."""
        return "\n".join([*(i.text for i in self.instructions), *(o.text for o in self.omissions)])

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "points": [p.text for p in self.points],
            "instructions": [i.to_dict() for i in self.instructions],
            "omitted": [o.to_dict() for o in self.omissions],
        }


# finder(text) -> findings with .rule, .start, .end (the checker's privacy findings)
Finder = Callable[[str], Sequence[Any]]


def _forbidden_phrases(sentence: str) -> tuple[str, ...]:
    found: list[str] = []
    for pattern in (_FORBIDS_BEFORE, _FORBIDS):
        for match in pattern.finditer(sentence):
            what = _LABEL.sub("", match.group("what")).strip(' .,:;"“”«»')
            if what and what.lower() not in ("det", "dem", "it", "this"):
                found.extend(
                    p.strip() for p in re.split(r"\s+(?:og|eller|and|or)\s+|,\s*", what) if p.strip()
                )
    return tuple(dict.fromkeys(found))


def content_words(phrase: str) -> list[str]:
    """The words of ``phrase`` that carry its meaning, lower case (what an instruction check looks for)."""
    return [w for w in re.findall(r"[^\W\d_]+|\d+", phrase.lower()) if w not in _STOP and len(w) > 2]


def violated(instruction: Instruction, post: str) -> list[str]:
    """The forbidden phrases of ``instruction`` that ``post`` carries (every content word, by stem)."""
    low = post.lower()
    hits = []
    for phrase in instruction.forbids:
        words = content_words(phrase)
        # a five-letter stem survives Danish endings: "budgettet" → "budge", "skaderne" → "skade"
        if words and all(re.search(rf"\b{re.escape(w[:5])}", low) for w in words):
            hits.append(phrase)
    return hits


def _split_sentences(line: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(line) if s.strip()]


_SEGMENT = re.compile(r"\s*(?:[,;]|\s[–—-]\s|\(|\))\s*")
_RELATIVE = re.compile(
    r"(?:^|\s)(?:der|som|who|which|efter (?:sin|sit|hans|hendes)|med (?:sin|sit|hans|hendes)|"
    r"after (?:his|her)|with (?:his|her))\s",
    re.I,
)


def _detail_at(sentence: str, finding: Any) -> int:
    """Where the sensitive detail of a ``privacy.sensitive`` finding is: the finding spans person …
    detail, or detail … person; a name is capitalised, the detail is not."""
    last = re.search(r"(\S+)\s*$", sentence[finding.start : finding.end])
    if last and last.group(1)[:1].isupper():
        return int(finding.start)
    return int(finding.end) - 1


def _cut_sensitive(sentence: str, findings: Sequence[Any]) -> tuple[str, list[str]]:
    """``sentence`` without what ties a person to a sensitive detail; the removed pieces.

    The detail's segment (between commas, dashes, brackets) goes from the relative clause or phrase that
    carries it ("der er tilbage efter sin knæoperation", "efter hendes sygemelding") to the segment's end;
    a segment without such a clause goes whole. "Tak til Jens, der er tilbage efter sin knæoperation, og
    til holdet" keeps "Tak til Jens, og til holdet"."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SEGMENT.finditer(sentence):
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(sentence):
        bounds.append((start, len(sentence)))
    details = [_detail_at(sentence, f) for f in findings]
    kept: list[str] = []
    removed: list[str] = []
    for a, b in bounds:
        inside = [d for d in details if a <= d < b]
        if not inside:
            kept.append(sentence[a:b].strip())
            continue
        segment = sentence[a:b]
        clause = None
        for match in _RELATIVE.finditer(segment):
            if a + match.start() <= min(inside):
                clause = match  # the first clause before the detail carries it
                break
        if clause is not None and clause.start() > 0:
            kept.append(segment[: clause.start()].strip())
            removed.append(segment[clause.start() :].strip())
        else:
            removed.append(segment.strip())
    text = ", ".join(k for k in kept if k).strip(" ,;–-")
    return text, removed


def read_notes(notes: str, finder: Finder | None = None) -> ReadNotes:
    """Split ``notes`` into post material, instructions and omissions (see the module docstring)."""
    title = ""
    read = ReadNotes(title="")
    for number, raw in enumerate(notes.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if not title:
                title = _HEADING.sub("", line).strip()
            continue
        line = _BULLET.sub("", line)
        if _LABEL.match(line) or _LEAD_REMARK.match(line):
            read.instructions.append(Instruction(line, number, _forbidden_phrases(line)))
            continue
        remarks = [m.group().strip() for m in _INLINE_REMARK.finditer(line)]
        if remarks:
            for remark in remarks:
                read.instructions.append(Instruction(remark, number, _forbidden_phrases(remark)))
            if any(_LEAVE_OUT.search(remark) for remark in remarks):
                # "forventet ventetid 8 uger (intern: tal ikke godkendt – udelad)": the line stays out
                read.omissions.append(Omission(_INLINE_REMARK.sub("", line).strip(), number, "instruction"))
                continue
            line = _INLINE_REMARK.sub("", line).strip()
        kept: list[str] = []
        sentences = _split_sentences(line)
        if sentences and _DIRECTIVE.search(sentences[0]) and ":" in sentences[0]:
            # "ikke med i opslaget: tvisten m. Kvist & Søn …": what follows the colon is the remark's, even
            # where an abbreviation split the line into sentences
            read.instructions.append(Instruction(line, number, _forbidden_phrases(line)))
            continue
        for sentence in sentences:
            if _DIRECTIVE.search(sentence):
                read.instructions.append(Instruction(sentence, number, _forbidden_phrases(sentence)))
            else:
                kept.append(sentence)
        if not kept:
            continue
        text = " ".join(kept)
        if finder is not None:
            text = _screen(text, number, finder, read)
        if text and len(content_words(text)) >= 1:
            read.points.append(Point(text, number))
    read.title = title
    return read


def _screen(text: str, line: int, finder: Finder, read: ReadNotes) -> str:
    """``text`` without CPR numbers and without the clauses that tie a person to a sensitive detail."""
    findings = list(finder(text))
    for f in [f for f in findings if f.rule == "privacy.cpr"]:
        read.omissions.append(Omission(text[f.start : f.end], line, f.rule, "CPR"))
    for f in sorted((f for f in findings if f.rule == "privacy.cpr"), key=lambda f: -f.start):
        text = (text[: f.start] + text[f.end :]).replace("  ", " ")
    sensitive = [f for f in finder(text) if f.rule == "privacy.sensitive"] if findings else []
    if not sensitive:
        return text.strip()
    out: list[str] = []
    for sentence in _split_sentences(text):
        own = [f for f in finder(sentence) if f.rule == "privacy.sensitive"]
        if not own:
            out.append(sentence)
            continue
        kept, removed = _cut_sensitive(sentence, own)
        if len(content_words(kept)) < 2:  # nothing worth saying is left: the whole sentence goes
            removed, kept = [sentence], ""
        for piece in removed:
            read.omissions.append(Omission(piece, line, "privacy.sensitive"))
        if kept:
            out.append(kept.rstrip(".") + ".")
    return " ".join(out).strip()
