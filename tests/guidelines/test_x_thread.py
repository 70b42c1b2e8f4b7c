"""X-thread splitting (``guidelines.x_thread``): every part fits X's weighted limit, nothing is lost."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sendemast.guidelines.channels.x_thread import thread
from sendemast.guidelines.channels.xcount import weighted_length

WORDY = "abcæøå ÆØÅ.!😀🇩🇰é\u0301"  # letters, sentence ends, emoji (weight 2), a combining accent (NFC)
TOKENS = ["https://fjordmark.dk/engbo", "fjordmark.dk", "#Velfærd", "@borgmester"]  # URLs weigh 23


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=WORDY, min_size=1, max_size=60), st.sampled_from(TOKENS)),
                min_size=1, max_size=40))
def test_every_thread_part_fits(words: list[str]) -> None:
    text = " ".join(words).strip() or "x"
    parts = thread(text)
    assert all(weighted_length(p) == w <= 280 for p, w in parts)
    assert "".join(p.rsplit(" ", 1)[0] for p, _ in parts).replace(" ", "") == "".join(text.split())


def test_a_word_longer_than_a_part_is_cut() -> None:
    parts = thread("Start. " + "a" * 700 + " slut")
    assert len(parts) == 4 and all(weighted_length(p) == w <= 280 for p, w in parts)
    assert "".join(p.rsplit(" ", 1)[0] for p, _ in parts).replace(" ", "") == "Start." + "a" * 700 + "slut"
