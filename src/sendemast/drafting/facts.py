"""Facts in a text — numbers, dates, names, URLs, e-mail addresses — and which of them a rewrite lost.

Used by ``rewrite`` (a lost fact is a ``rewrite.fact_lost`` finding) and by the evaluation harness.
Matching is by meaning where that is cheap: ``1.200`` equals ``1200``, ``tre`` equals ``3``,
``1. marts 2025`` equals ``01-03-2025``, ``Fjordmark Kommunes`` contains ``Fjordmark Kommune``.
Names lean on Danish orthography: common nouns are lower case, so a capitalised word that does not start a
sentence is a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

FactKind = Literal["url", "email", "phone", "quote", "date", "number", "name"]


def _split(words: str) -> list[str]:  # word lists below stay readable, one line per theme
    return words.split()


_DA_MONTHS = _split("januar februar marts april maj juni juli august september oktober november december")
_EN_MONTHS = _split("january february march april may june july august september october november december")
# 0 to 12 in words: "tre" keeps the fact "3" ("en", "et" and "to" are left out: too often not numbers)
_NUMBER_WORDS_BY_VALUE = [
    group.split("/")
    for group in _split(
        "nul/zero one two tre/three fire/four fem/five seks/six syv/seven "
        "otte/eight ni/nine ti/ten elleve/eleven tolv/twelve"
    )
]
# Words that are capitalised only because they start a sentence (or are English's "I").
_COMMON = frozenset(
    _split("""
    i vi jeg du de den det der dette disse en et og men for når som så her nu hvis med på til fra om af hos
    efter før da kl the we our in on at this that these it a an and but if when as so here now with from to
    by of after before i'm we're""")
)
_WEEKDAYS = frozenset(
    _split("""mandag tirsdag onsdag torsdag fredag lørdag søndag
    monday tuesday wednesday thursday friday saturday sunday""")
)
_MONTHS = {m: i for months in (_DA_MONTHS, _EN_MONTHS) for i, m in enumerate(months, 1)}
_MONTH_ABBR = {m[:3]: i for m, i in _MONTHS.items()}
_MONTH = (
    r"(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|"
    r"january|february|march|may|june|july|october|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec)\.?"
)
_NUMBER_WORDS = {w: str(i) for i, words in enumerate(_NUMBER_WORDS_BY_VALUE) for w in words}
# a number kept in other words: "1. samtale" is "den første samtale", "0 oversvømmede kældre" is "ingen
# kældre blev oversvømmet" (only for finding a note's number in a sentence: these words are no facts)
_NUMBER_WORDS.update({"første": "1", "first": "1", "ingen": "0", "no": "0", "none": "0"})
_WEEKDAY = (
    r"(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)s?"
)
# a weekday as notes write it: "lør. d. 14. marts", "ons. uge 12", "Sat 18 April" — the same day as
# "lørdag" in the post (the English ones with their capital only: "sat", "wed" are words)
WEEKDAY_SHORT = {
    "man": "mandag", "ma": "mandag", "tirs": "tirsdag", "tir": "tirsdag", "ons": "onsdag", "tors": "torsdag",
    "tor": "torsdag", "fre": "fredag", "lør": "lørdag", "søn": "søndag",
    "mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "thu": "thursday",
    "thur": "thursday", "thurs": "thursday", "fri": "friday", "sat": "saturday", "sun": "sunday",
}
_WEEKDAY_ABBR = (
    r"(?:man|ma|tirs|tir|ons|tors|tor|fre|lør|søn)\.(?=[\s,;)–-]|$)"
    r"|(?-i:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b\.?"
)
_CLOCK = r"\d{1,2}(?:[.:]\d{2})?"
# Words after a number that are not its unit ("40 af borgerne": no unit; "48 boliger": the unit)
_NOT_UNITS = frozenset(
    _split("""og i på til af med for om at er var har som der så men eller fra hos ved end the a an of and
    or to in on at for with is are was by from than after before since until per each about around up over
    ift mht jf vs
    under into out off efter før siden indtil pr om omkring over under ud""")
)
# A unit that is only a comparison takes the next word too: "10 færre løft", "120 nye pladser"
_COMPARATIVES = frozenset(_split("færre flere mere mindre nye ekstra fewer more less new extra"))
_UNIT_WORD = re.compile(r"\s*(%|[^\W\d_][\w-]*)")
_PLURAL_ADJECTIVE = re.compile(r"(?:ede|ete|tte|ige|iske)$")

_PATTERNS: list[tuple[FactKind, re.Pattern[str]]] = [
    (
        "url",
        re.compile(
            r"\b(?:https?://|www\.)[^\s<>()\"]+[^\s<>()\".,;:!?]"
            r"|(?<![@\w.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:dk|com|org|net|eu|info|nu|io|gov|se|no)"
            r"(?:/[^\s<>()\"]*[^\s<>()\".,;:!?])?(?![\w@])",
            re.I,
        ),
    ),
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    # a phone number is one fact, however it is spaced: "70 10 20 30", "+45 7010 2030", "70102030" after
    # "tlf." (its pairs are not four numbers)
    ("phone", re.compile(r"(?:\+45\s?)?(?<![\d.,])\d{2}\s\d{2}\s\d{2}\s\d{2}(?![\d.,]\d)"
                         r"|(?:\+45\s?|(?<=tlf\. )|(?<=tlf )|(?<=telefon )|(?<=phone )|(?<=Tlf\. ))"
                         r"(?:\d{4}\s\d{4}|\d{8})\b")),
    # a quoted phrase is kept word for word: "Tryg i eget hjem", «Tillid før kontrol»
    ("quote", re.compile(r'"([^"\n]{3,80})"|“([^”\n]{3,80})”|«([^»\n]{3,80})»|„([^“\n]{3,80})“')),
    (
        "date",
        re.compile(
            rf"\b\d{{1,2}}\.\s?{_MONTH}(?:\s\d{{4}})?|\b{_MONTH}\s\d{{1,2}}(?!\d)(?:st|nd|rd|th)?(?:,?\s\d{{4}})?"
            rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s{_MONTH}(?:\s\d{{4}})?|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
            rf"|\b\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}\b|\b{_MONTH}\s\d{{4}}\b"
            rf"|\b(?:kl\.|klokken)\s?{_CLOCK}(?:\s?[-–]\s?{_CLOCK})?|\b{_WEEKDAY}\b|\b(?:{_WEEKDAY_ABBR})",
            re.I,
        ),
    ),
    # a capitalised run, with a year when it names a programme: "Strategi 2030"
    ("name", re.compile(r"\b[A-ZÆØÅ][\wÆØÅæøå&-]*(?:[ -][A-ZÆØÅ][\wÆØÅæøå&-]*)*(?: (?:19|20)\d\d\b)?")),
    (
        "number",
        # not the hours or minutes of a time of day ("16:48"): those are the date kind's
        re.compile(r"(?<![\w.,])(?<!\d:)\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?(?![\w])(?!:\d)"
                   r"|(?<![\w.,])(?<!\d:)\d+(?:[.,]\d+)?(?![\w])(?!:\d)"),
    ),
]


_NUMBER_PATTERN = dict(_PATTERNS)["number"]


@dataclass(frozen=True)
class Fact:
    kind: FactKind
    text: str
    start: int
    end: int
    # A name that opens a sentence may carry an ordinary capitalised word in front ("Kontakt Anne Holm");
    # such a name also survives without its first word.
    loose_prefix: bool = False
    unit: str = ""  # numbers: the word after it ("48 boliger"), "%" for percentages

    @property
    def label(self) -> str:
        """The fact as a person reads it: a number with its unit, a quote in quotation marks."""
        if self.kind == "number" and self.unit:
            return f"{self.text} {self.unit}" if self.unit != "%" else f"{self.text} %"
        return self.text

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}
        if self.unit:
            data["unit"] = self.unit
        return data


def _unit_after(text: str, end: int) -> str:
    """The unit word after a number that ends at ``end``: "48 boliger" → "boliger", "40 %" → "%"."""
    words: list[str] = []
    pos = end
    while len(words) < 2:
        match = _UNIT_WORD.match(text, pos)
        if not match:
            break
        word = match.group(1)
        if word == "%" or word.lower() in ("procent", "pct", "percent"):
            return "%" if not words else " ".join(words)
        low = word.lower()
        if low in _NOT_UNITS or low in _MONTHS or word[:1].isupper() or _is_passive(low):
            break  # "Busrute 212 omlægges": a verb after the number, no unit
        words.append(word)
        pos = match.end()
        # "140 væltede træer", "14 ubesatte stillinger": an adjective, and the noun is the unit
        if low not in _COMPARATIVES and not _PLURAL_ADJECTIVE.search(low):
            break
    return " ".join(words)


def _is_passive(word: str) -> bool:
    """A Danish s-passive ("omlægges", "etableres"): the verb of the sentence, never a number's unit."""
    from sendemast.guidelines.text.verbs import danish_passive_infinitive

    return len(word) > 4 and word.endswith("es") and danish_passive_infinitive(word) is not None


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(' \t"“«(-–•*')
    return not before or before[-1] in ".!?…:\n"


def extract_facts(text: str) -> list[Fact]:
    """Every fact in ``text``, in order; a span claimed by an earlier kind is not claimed again."""
    taken: list[tuple[int, int]] = []
    facts: list[Fact] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end, value = match.start(), match.end(), match.group(0)
            if any(s < end and start < e for s, e in taken):
                continue
            if (
                kind == "number"
                and re.match(r"\s*[.)]\s", text[end : end + 2])
                and _sentence_start(text, start)
            ):
                continue  # "1. " opening a numbered list item
            if kind == "name":
                year = re.search(r" (?:19|20)\d\d$", value)
                if year and (" " not in value[: year.start()] and _sentence_start(text, start)):
                    # "Siden 2023 …": a sentence's first word and a year, not a programme's name
                    end, value = start + year.start(), value[: year.start()]
                words = value.replace("-", " ").split()
                if _sentence_start(text, start) and words[0].lower() in _COMMON | _WEEKDAYS:
                    cut = value.find(" ")
                    if cut < 0:
                        continue
                    start, value = start + cut + 1, value[cut + 1 :]
                    words = words[1:]
                if not words or (len(words) == 1 and _sentence_start(text, start)):
                    continue  # a lone capital after a full stop is any word, not a name
                if words[0].lower() in _MONTHS or all(w.lower() in _COMMON | _WEEKDAYS for w in words):
                    continue
            if kind == "quote":
                value = next(g for g in match.groups() if g is not None).strip()
            loose = kind == "name" and _sentence_start(text, start) and " " in value
            year = re.fullmatch(r"(?:19|20)\d\d", value)
            unit = _unit_after(text, end) if kind == "number" and not year else ""
            taken.append((start, end))
            facts.append(Fact(kind, value, start, end, loose, unit))
    return sorted(facts, key=lambda f: f.start)


def _norm_number(value: str) -> str:
    value = value.strip()
    if re.fullmatch(r"\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?", value):
        value = re.sub(r"[.\s]", "", value)
    return value.replace(",", ".").rstrip("0").rstrip(".") if "." in value.replace(",", ".") else value


def _numbers_in(text: str) -> set[str]:
    found = {_norm_number(m.group(0)) for m in _NUMBER_PATTERN.finditer(text)}
    found |= {_NUMBER_WORDS[w] for w in re.findall(r"[a-zæøå]+", text.lower()) if w in _NUMBER_WORDS}
    return found


def _date_key(value: str) -> tuple[int | None, int | None, int | None] | None:
    v = value.lower()
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v):
        return int(m[3]), int(m[2]), int(m[1])
    if m := re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})", v):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return int(m[1]), int(m[2]), year
    month = next((n for name, n in {**_MONTH_ABBR, **_MONTHS}.items() if re.search(rf"\b{name}\b", v)), None)
    if month is None:
        return None
    day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th|\.)?(?!\d)", v)
    year_found = re.search(r"\b(\d{4})\b", v)
    return (int(day[1]) if day else None), month, (int(year_found[1]) if year_found else None)


def fact_survives(fact: Fact, text: str) -> bool:
    low = " ".join(text.lower().split())
    value = " ".join(fact.text.lower().split())
    if fact.kind == "number":  # "48" inside "148", or with another unit, is not the fact
        return _number_survives(fact, text)
    if fact.kind == "phone":
        digits = re.sub(r"\D", "", value.removeprefix("+45"))
        return digits in re.sub(r"(?<=\d)[\s.-](?=\d)", "", low).replace("+45", "")
    if fact.kind == "date" and value.startswith("kl"):  # a time of day: the same hours and minutes
        times = _times_in(value)
        if not times or times[0] not in set(_times_in(low)):
            return False
        # the end of a range ("kl. 13-15") is looser: a dash in notes often only separates items
        # ("kl. 17 – 4 medarbejdere"), so its digits anywhere will do
        numbers = {int(d) for d in re.findall(r"\d+", low)}
        return all(hour in numbers for hour, _ in times[1:])
    if value in low:
        return True
    if fact.kind == "url":
        bare = re.sub(r"^(https?://)?(www\.)?", "", value).rstrip("/")
        return bare in low
    if fact.kind == "number":
        return _number_survives(fact, text)
    if fact.kind == "quote":
        return _letters(value) in _letters(low)
    if fact.kind == "date":
        if re.fullmatch(_WEEKDAY, value) or value.rstrip(".") in WEEKDAY_SHORT:
            day = WEEKDAY_SHORT.get(value.rstrip("."), value.rstrip("s"))
            if day in low:
                return True
            short = [a for a, d in WEEKDAY_SHORT.items() if d == day]
            return any(re.search(rf"(?<![\w]){a}\.", low) for a in short) or any(
                re.search(rf"\b{a.capitalize()}\b", text) for a in short if _english_day(day))
        key = _date_key(fact.text)
        if key is None:
            return False
        for other in extract_facts(text):
            okey = _date_key(other.text) if other.kind == "date" else None
            if okey and okey[:2] == key[:2] and (key[2] is None or okey[2] == key[2] or str(key[2]) in text):
                return True
        return False
    if fact.kind == "name":
        spaced = low.replace("-", " ")
        if value.replace("-", " ") in spaced:
            return True
        if value.endswith("s") and len(value) > 4 and value[:-1].replace("-", " ") in spaced:
            return True  # the genitive: "Lyngsø Kommunes ældrepleje" is "ældreplejen i Lyngsø Kommune"
        return fact.loose_prefix and value.replace("-", " ").split(" ", 1)[1] in spaced
    return False


def _english_day(day: str) -> bool:
    return day.endswith("day") and not day.endswith("dag")


_TIME = re.compile(r"\b(?:kl\.?|klokken)\s?(\d{1,2})(?:[.:](\d{2}))?(?:\s?[-–]\s?(\d{1,2})(?:[.:](\d{2}))?)?"
                   r"|(?<![\d.,:])(\d{1,2}):(\d{2})(?![\d:])", re.I)


def _times_in(text: str) -> list[tuple[int, int]]:
    """Every time of day in ``text`` as (hour, minute): "kl. 16" is (16, 0), "kl. 16.30" and "16:30" are
    (16, 30), "kl. 13-15" both ends. "kl. 16:48" is not "kl. 16" and 48 of something."""
    found = []
    for match in _TIME.finditer(text):
        groups = match.groups()
        for hour, minute in ((groups[0], groups[1]), (groups[2], groups[3]), (groups[4], groups[5])):
            if hour is not None:
                found.append((int(hour), int(minute or 0)))
    return found


def _letters(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _number_survives(fact: Fact, text: str) -> bool:
    """The number is there — as digits or a word — and, when the notes gave it a unit, with that unit
    within the next few words ("48 boliger" is not kept by "48 loftlifte")."""
    wanted = _norm_number(fact.text)
    if wanted not in _numbers_in(text):
        return False
    if not fact.unit:
        return True
    unit = fact.unit.split()[-1].lower().rstrip(".")
    stems: tuple[str, ...] = (
        ("%", "procent", "pct", "percent") if unit == "%" else (unit[: max(3, min(len(unit), 5))],)
    ) + _UNIT_SYNONYMS.get(unit, ())
    low = text.lower()
    for match in re.finditer(r"\d+(?:[.,\s]\d+)*|[a-zæøå]+", low):
        token = match.group(0)
        if token[0].isdigit() and (low[max(0, match.start() - 1) : match.start()] == ":"
                                   or low[match.end() : match.end() + 1] == ":"):
            continue  # the hours or minutes of a time of day
        token = match.group(0)
        value = _norm_number(token) if token[0].isdigit() else _NUMBER_WORDS.get(token)
        if value != wanted:
            continue
        after = low[match.end() : match.end() + 40]
        if any(stem in after for stem in stems):
            return True
    return False


# a unit written short in notes and out in a post (and back): "11 mdr." is "11 måneder"
_UNIT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "mdr": ("måned",), "md": ("måned",), "måneder": ("mdr",), "min": ("minut",), "minutter": ("min",),
    "minut": ("min",),
    "sek": ("sekund",), "sekunder": ("sek",), "t": ("time",), "timer": ("t.",),
    "yrs": ("year",), "yr": ("year",), "years": ("yr",), "year": ("yr",), "hrs": ("hour",), "hr": ("hour",),
    "hours": ("hr",), "mins": ("minut",), "minutes": ("min",), "days": ("day",),
    "medarb": ("medarbejder",), "medarbejdere": ("medarb",),
    "wks": ("week",), "wk": ("week",), "weeks": ("wk",), "mths": ("month",), "mos": ("month",),
    "months": ("mth", "mos"),
}


def distinct_facts(text: str) -> list[Fact]:
    """The facts of ``text``, each kind and wording once (case aside), first occurrence kept."""
    seen: set[str] = set()
    distinct: list[Fact] = []
    for fact in extract_facts(text):
        key = f"{fact.kind}:{fact.text.lower()}"
        if key not in seen:
            seen.add(key)
            distinct.append(fact)
    return distinct


def missing_facts(original: str, rewritten: str) -> list[Fact]:
    """Facts of ``original`` that ``rewritten`` does not carry, each reported once."""
    return [fact for fact in distinct_facts(original) if not fact_survives(fact, rewritten)]


def fact_findings(original: str, rewritten: str, lang: str = "da") -> list[dict[str, Any]]:
    """``rewrite.fact_lost`` findings (severity review), shaped like the checker's findings."""
    label = {
        "da": {"url": "link", "email": "e-mailadresse", "phone": "telefonnummer", "date": "dato",
               "number": "tal", "name": "navn", "quote": "citat"},
        "en": {"url": "link", "email": "e-mail address", "phone": "phone number", "date": "date",
               "number": "number", "name": "name", "quote": "quote"},
    }["da" if lang == "da" else "en"]
    template = (
        "Omskrivningen har mistet et faktum fra originalen: {kind} «{text}»"
        if lang == "da"
        else 'The rewrite lost a fact from the original: {kind} "{text}"'
    )
    hint = (
        "Skriv det med præcis som i originalen." if lang == "da" else "Include it exactly as in the original."
    )
    return [
        {
            "rule": "rewrite.fact_lost",
            "severity": "review",
            "message": template.format(kind=label[f.kind], text=f.text),
            # about the whole post, as the checker marks such findings
            "start": 0,
            "end": len(rewritten),
            "suggestion": hint,
            "fact": f.to_dict(),
        }
        for f in missing_facts(original, rewritten)
    ]
