"""Inflection-aware word lists: entry syntax, the shipped forms tables, and the lines they widen."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendemast.guidelines import check_post, load_ruleset
from sendemast.guidelines.dictionaries.forms import (
    DATA_DIR,
    regular_forms,
    shipped_table,
    words_to_inflect,
)
from sendemast.guidelines.text.lexicon import Lexicon, Tokens, _alternatives


def _hits(lexicon: Lexicon, text: str) -> list[str]:
    found = lexicon.scan(text, Tokens(text))
    return [text[h.start : h.end] for hits in found.values() for h in hits]


def test_ending_groups_slots_and_as_written_words() -> None:
    assert _alternatives("stem(mer|te|t)") == ["stemmer", "stemte", "stemt"]
    assert _alternatives("fortrolig(|e)|=løj") == ["fortrolig", "fortrolige", "=løj"]
    lexicon = Lexicon()
    lexicon.add(
        "calls",
        ["sæt {possessive}? kryds ved", "stem(mer|te) på", "{dit|jeres} notat"],
        slots={"possessive": ["dit", "jeres"]},
    )
    text = (
        "Sæt jeres kryds ved Anna. Sæt kryds ved Bo. Hun stemte på Ole. Jeres notat. Sæt deres kryds ved X."
    )
    assert _hits(lexicon, text) == ["Sæt jeres kryds ved", "Sæt kryds ved", "stemte på", "Jeres notat"]


def test_an_inflected_list_matches_every_form_and_as_written_words_stay_as_written() -> None:
    lexicon = Lexicon()
    forms = {"lyve": ["lyver", "lyv", "lyvende"], "løj": ["løjer"]}
    lexicon.add("attack", ["lyve", "=løj"], inflect=lambda w: [w, *forms.get(w, [])])
    assert _hits(lexicon, "Han lyver, hun løj, sjov og løjer, lyvende.") == ["lyver", "løj", "lyvende"]


def test_shipped_forms_cover_tenses_participles_definite_and_adjective_endings() -> None:
    da = shipped_table("da")
    assert {"stemmer", "stemte", "stemt"} <= set(da["stem"])
    assert {"sat", "satte", "sætter"} <= set(da["sæt"])
    assert {"fortrolige", "fortroligt"} <= set(da["fortrolig"])
    assert {"notatet", "notater"} <= set(da["notat"])
    assert {"indlægges", "indlagde"} <= set(da["indlagt"])
    en = shipped_table("en")
    assert {"voted", "votes", "voting"} <= set(en["vote"])
    assert {"hospitalise", "hospitalising"} <= set(en["hospitalised"])


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_shipped_forms_tables_are_up_to_date(lang: str) -> None:
    pytest.importorskip("simplemma")
    import json

    from sendemast.guidelines.dictionaries.forms import build_table
    from sendemast.yamlfile import read_yaml

    words = read_yaml(DATA_DIR / f"words-{lang}.yaml")
    shipped = json.loads((DATA_DIR / f"forms-{lang}.json").read_text(encoding="utf-8"))["forms"]
    assert build_table(lang, words_to_inflect(words)) == shipped, (
        "stale: run python -m sendemast.guidelines.dictionaries.forms"
    )


def test_words_the_table_lacks_get_the_regular_endings() -> None:
    assert {"skvadderhovedet", "skvadderhoveder", "skvadderhovedets"} <= regular_forms("skvadderhoved", "da")
    assert {"stem", "stemt", "stemte", "stemmer"} <= regular_forms("stemme", "da")
    assert {"spins", "spinned", "spinning"} <= regular_forms("spin", "en")


def test_an_organisations_own_entry_inflects(tmp_path: Path) -> None:
    rules = tmp_path / "guidelines.yaml"
    rules.write_text("words:\n  da:\n    confidential: [projektnordlys]\n", encoding="utf-8")
    ruleset = load_ruleset(rules)
    text = "Jeg må ikke sige meget om projektnordlyset endnu."
    assert "confidential.internal" in check_post(text, ruleset=ruleset).rules_fired()
    assert "confidential.internal" not in check_post(text).rules_fired()


def test_not_forms_drop_forms_that_are_other_words() -> None:
    # "fyret" (fired) shares simplemma's lemma with the noun "fyr" (guy): "fyren" must not be a detail
    assert "privacy.sensitive" in check_post("Jens Olsen blev fyret i går, skriver jeg.").rules_fired()
    assert (
        "privacy.sensitive"
        not in check_post("Jens Olsen er en flink fyr, og fyren kan jeg lide.").rules_fired()
    )
    assert (
        "confidential.internal"
        not in check_post("Der var lækker kage, og jeg lukker mødet nu.").rules_fired()
    )


@pytest.mark.parametrize(
    "text, rule",
    [
        ("Hun stemmer på Venstre, og det gør jeg også.", "neutrality.party"),
        ("Jeg har stemt på Enhedslisten i tyve år.", "neutrality.party"),
        ("Sæt jeres kryds ved Anders Holm på tirsdag, siger jeg.", "neutrality.party"),
        ("Stemmer du på Konservative i år? Det gør jeg.", "neutrality.party"),
        ("I voted for the Social Democrats, and I am proud.", "neutrality.party"),
        ("Det fortrolige notat viser et underskud, siger jeg.", "confidential.internal"),
        ("Jeg kan ikke sige meget, men det fortrolige notat viser et underskud.", "confidential.internal"),
        ("Beslutningen er endnu ikke offentlig, men jeg kan sige så meget.", "confidential.internal"),
        ("Sagen er ikke vedtaget, men jeg kan allerede nu sige, at vi lukker.", "confidential.internal"),
        ("The plan has not been made public, but I can share it.", "confidential.internal"),
        ("Ministeren har løjet om tallene, mener jeg.", "civility.attack"),
        ("Borgmesteren løj for byrådet, og jeg er vred.", "civility.attack"),
        ("Karen fra hjemmeplejen er sygemeldt med stress, skriver jeg.", "privacy.sensitive"),
        (
            "Jeg mødte en borger på 84 år i Skovlunde, der lige er udskrevet fra hospitalet.",
            "privacy.sensitive",
        ),
        ("En kvinde, 84 år gammel, fra Havnsø fortalte mig om sin kræft.", "privacy.sensitive"),
        ("I met a woman of 82 from Havnsø who was hospitalised twice.", "privacy.sensitive"),
    ],
)
def test_the_lines_catch_other_forms(text: str, rule: str) -> None:
    assert rule in check_post(text).rules_fired()


@pytest.mark.parametrize(
    "text, rule",
    [
        (
            "Ved valget stemte 38 procent på Socialdemokratiet. Jeg ser frem til samarbejdet.",
            "neutrality.party",
        ),
        ("Socialdemokratiet og Venstre stemte for budgettet i aftes, og jeg går i gang.", "neutrality.party"),
        ("Venstre om hjørnet ligger klinikken, hvor jeg var i dag.", "neutrality.party"),
        ("Sæt kryds i kalenderen: borgermøde den 4. marts, hvor jeg er vært.", "neutrality.party"),
        (
            'En borger skrev: "Kommunaldirektøren lyver." Det passer ikke, og jeg har lagt tallene frem.',
            "civility.attack",
        ),
        ("Nogle påstår, at vi har løjet om ventelisterne. Det har jeg ikke.", "civility.attack"),
        ("Det var en fejl, ikke en løgn, og jeg beklager.", "civility.attack"),
        ("It didn't lie: the council got the numbers wrong, I admit.", "civility.attack"),
        ("Sjov og løjer til sommerfesten, hvor jeg grinede meget.", "civility.attack"),
        ("Du kan få en fortrolig samtale med en rådgiver, og jeg anbefaler det.", "confidential.internal"),
        ("Forslaget blev ikke vedtaget i aftes. Jeg respekterer flertallet.", "confidential.internal"),
        ("Karen fra hjemmeplejen fortalte mig om 22 besøg på en vagt.", "privacy.sensitive"),
        ("Sygeplejerske Anna Holm passer syge borgere hver dag, og jeg er imponeret.", "privacy.sensitive"),
        ("Alle samtaler er fortrolige, og jeg håber, du bruger tilbuddet.", "confidential.internal"),
        ("All calls are free and confidential, and I recommend the line.", "confidential.internal"),
        ("Vi er åbne, så længe der ikke er tale om fortrolige sager, siger jeg.", "confidential.internal"),
        ("Det er ikke fortroligt, så jeg deler det gerne.", "confidential.internal"),
        ("Sagen er ikke afgjort, men jeg kan love, at I får svar.", "confidential.internal"),
        ("Han lyver ikke, siger jeg: tallene er rigtige.", "civility.attack"),
        ("Forslaget stemmer på mange punkter overens med Moderaternes, siger jeg.", "neutrality.party"),
        ("The council voted for the Social Democrats' bill, and I will implement it.", "neutrality.party"),
        ("På 5 år i Fjordmark er antallet af stressramte faldet, og jeg er glad.", "privacy.sensitive"),
    ],
)
def test_tricky_negatives_stay_clean(text: str, rule: str) -> None:
    assert rule not in check_post(text).rules_fired()
