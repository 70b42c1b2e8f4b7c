"""Privacy rules: CPR numbers, a person's contact details, an identifiable person with a sensitive detail.

:func:`find_personal_data` runs only these, so the drafting chain can guard what goes to a remote model.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sendemast.guidelines.engine.registry import rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sendemast.guidelines.engine.model import Finding
    from sendemast.guidelines.engine.post import Post
    from sendemast.guidelines.engine.ruleset import Ruleset

PRIVACY_RULES = ("privacy.cpr", "privacy.contact", "privacy.sensitive")

# DDMMYY-XXXX, DDMMYYXXXX or (with a label before it) DDMMYY XXXX, not inside a longer number or a date;
# what may not stand before it is checked in code (a look-behind here would slow the search tenfold)
# The dash may be any of the dashes a word processor puts in (Word turns "-" into "–"), the space a
# no-break one: a CPR number pasted from a document is still a CPR number.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_DASH = r"[\-\u2010-\u2014\u2212]"
_CPR = re.compile(rf"(\d\d)(\d\d)(\d\d)({_DASH}| |\u00a0|)(\d{{4}})(?!\d)(?![.,/]\d|{_DASH}\d)")
_MOD11_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# Danish numbers: 8 digits, first 2-9, grouped 2-2-2-2 (one separator used throughout) or 4-4; a +45 or
# 0045 before it is taken in by code, which also checks that no digit or word runs into it
_PHONE = re.compile(
    r"[2-9]\d(?P<sep>[ \u00a0.\-]?)\d\d(?P=sep)\d\d(?P=sep)\d\d(?![\w\-/]|[.,]\d|[ \u00a0]\d)"
    r"|(?P<a>[2-9]\d{3})[ \u00a0](?P<b>\d{4})(?![\w\-/]|[.,]\d|[ \u00a0]\d)"
)
_COUNTRY_CODE = re.compile(r"(?:\+|00)45[ \u00a0]?$")
_SIX_DIGITS = re.compile(r"\d{6}")
_TWO_DIGITS = re.compile(r"\d\d")
_AMOUNT_AFTER = re.compile(r"\s*(?:kr\b|kroner|dkk|mio|mia|euro|€)", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_EMAIL_PARTS = re.compile(r"[._\-+]")


def cpr_date_valid(day: int, month: int, year: int) -> bool:
    """A CPR date: any century, so 29 February is valid in every year divisible by 4."""
    if not 1 <= month <= 12:
        return False
    days = _DAYS_IN_MONTH[month - 1] if month != 2 or year % 4 == 0 else 28
    return 1 <= day <= days


def passes_modulus_11(digits: str) -> bool:
    """The old CPR check digit; numbers issued since 2007 need not pass it, so it is only a hint."""
    return sum(int(d) * w for d, w in zip(digits, _MOD11_WEIGHTS, strict=True)) % 11 == 0


@rule("privacy.cpr")
def check_cpr(post: Post) -> Iterator[Finding]:
    text = post.text
    if not _SIX_DIGITS.search(text):
        return
    labels = [str(label).lower() for label in post.rs.param("privacy.cpr", "space_form_labels", [])]
    for match in _CPR.finditer(text):
        before = text[max(0, match.start() - 2) : match.start()]
        date_end = before[:1].isdigit() and before[1:] in f".,/{_DASHES}"
        if before[-1:].isdigit() or before[-1:] == "+" or date_end:
            continue  # the tail of a longer number, a phone number with +, or the end of a date
        day, month, year, separator, serial = match.groups()
        if not cpr_date_valid(int(day), int(month), int(year)):
            continue
        if separator in (" ", "\u00a0"):
            before = text[max(0, match.start() - 30) : match.start()].lower()
            if not any(label in before for label in labels):
                continue
        digits = day + month + year + serial
        mod11 = post.rs.text("privacy.cpr", "mod11_note", post.lang) if passes_modulus_11(digits) else ""
        yield post.finding(
            "privacy.cpr", match.start(), match.end(), date=f"{day}.{month}.{year}", mod11=mod11 or ""
        )


@rule("privacy.contact")
def check_contact(post: Post) -> Iterator[Finding]:
    if _TWO_DIGITS.search(post.text):
        yield from _phones(post)
    if post.emails:
        yield from _personal_emails(post)


def _phones(post: Post) -> Iterator[Finding]:
    text = post.text
    window = int(post.rs.param("privacy.contact", "context_chars", 45))
    context = None
    for match in _PHONE.finditer(text):
        start = match.start()
        prefix = _COUNTRY_CODE.search(text, max(0, start - 5), start)
        if prefix:
            start = prefix.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_+-./,"):
            continue  # part of a longer number, a code or a date
        if match.group("a") and _YEAR.fullmatch(match.group("a")) and _YEAR.fullmatch(match.group("b")):
            continue  # "2024 2025": two years
        if _AMOUNT_AFTER.match(text, match.end()):
            continue
        if context is None:
            context = post.any_hits("phone_org_context") + post.any_hits("phone_not_a_phone")
        sentence_start, sentence_end = post.sentence_of(match.start())
        before = max(sentence_start, start - window)
        after = min(sentence_end, match.end() + 20)
        if any(
            (before <= hit.start and hit.end <= start) or (match.end() <= hit.start and hit.end <= after)
            for hit in context
        ):
            continue  # "Borgerservice på 70 20 30 40", "CVR 29189854", "70 10 20 30 (omstillingen)"
        yield post.finding("privacy.contact", start, match.end(), key="message.phone")


def _personal_emails(post: Post) -> Iterator[Finding]:
    rs = post.rs
    roles = {str(r).lower() for r in rs.param("privacy.contact", "role_mailboxes", [])}
    webmail = {str(d).lower() for d in rs.param("privacy.contact", "webmail_domains", [])}
    given = _given_names_lower(rs)
    for start, end in post.emails:
        local, _, domain = post.text[start:end].rpartition("@")
        parts = [p for p in _EMAIL_PARTS.split(local.lower()) if p]
        if not parts or local.lower() in roles or parts[0] in roles:
            continue
        personal = (
            domain.lower() in webmail
            or any(part in given for part in parts)
            or (len(parts) >= 2 and all(p.isalpha() for p in parts) and not any(p in roles for p in parts))
            or (len(local) <= 5 and _person_context(post, start))
        )
        if personal:
            yield post.finding("privacy.contact", start, end, key="message.email")


def _person_context(post: Post, offset: int) -> bool:
    """ "skriv til mig på mho@…": a pronoun or a name in the sentence makes initials a person's address."""
    sentence = post.sentence_of(offset)
    return bool(post.hits_in(post.lang_hits("email_person_context"), sentence)) or any(
        sentence[0] <= p.start < sentence[1] for p in post.people.names
    )


def _given_names_lower(rs: Ruleset) -> frozenset[str]:
    return rs.memo(
        "given_names_lower",
        lambda: frozenset(str(n).lower() for n in rs.names.get("given", [])),
    )


@rule("privacy.sensitive")
def check_sensitive(post: Post) -> Iterator[Finding]:
    details = [h for h in post.any_hits("sensitive_terms") if not _is_topic(post, h)]
    if not details:
        return
    people = post.people.all
    if not people:
        return
    reported: set[Any] = set()  # one finding per person, naming the first detail
    for detail in details:
        for person in people:
            if person in reported or not _refers_to(post, person.start, detail.start):
                continue
            reported.add(person)
            start, end = min(person.start, detail.start), max(person.end, detail.end)
            yield post.finding(
                "privacy.sensitive",
                start,
                end,
                person=person.label(post.text),
                detail=post.text[detail.start : detail.end],
            )


def _refers_to(post: Post, person_at: int, detail_at: int) -> bool:
    """The same sentence, or the next one when it refers back with "hun", "han", "she", "he" …"""
    person_sentence = post.sentence_index(person_at)
    detail_sentence = post.sentence_index(detail_at)
    if person_sentence == detail_sentence:
        return True
    if detail_sentence == person_sentence + 1:
        span = post.sentences[detail_sentence]
        return bool(post.hits_in(post.lang_hits("third_person"), span))
    return False


def _is_topic(post: Post, hit: Any) -> bool:
    """ "oplæg om stress", "forebyggelse af demens": the word names a subject, not someone's condition."""
    tokens = post.tokens
    i = post.token_at(hit.start)
    before = {tokens.lowers[k] for k in range(max(0, i - 2), i)}
    owned = bool(before & _possessives(post))
    if owned:
        return False
    topic_before = post.any_hits("sensitive_topic_before")
    if any(h.end <= hit.start and hit.start - h.end <= 2 for h in topic_before):
        return True
    sentence = post.sentence_of(hit.start)
    return bool(post.hits_in(post.any_hits("sensitive_topic_sentence"), sentence))


def _possessives(post: Post) -> frozenset[str]:
    rs = post.rs
    return rs.memo(
        "words:possessives",
        lambda: frozenset(str(w).lower() for lang in ("da", "en") for w in rs.wordlist(lang, "possessives")),
    )
