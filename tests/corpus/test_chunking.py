"""Chunking: heading paths kept, windows bounded, overlap present, words never split."""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sendemast.corpus.chunking import chunk_sections, estimate_tokens
from sendemast.corpus.documents import Section
from tests.corpus.builders import DANISH


def words(text: str) -> list[str]:
    return text.split()


def test_token_estimate_counts_started_groups_of_four_characters_per_word() -> None:
    assert estimate_tokens("") == 0
    assert estimate_tokens("og") == 1
    assert estimate_tokens("borgerne") == 2
    assert estimate_tokens("kommunikationspolitik") == 6
    # Danish prose lands near 1.3 tokens per word, what subword tokenizers produce.
    assert 1.1 <= estimate_tokens(DANISH) / len(words(DANISH)) <= 1.6


def test_a_short_section_is_one_chunk_with_its_heading_path() -> None:
    chunks = chunk_sections([Section(("Værdier", "Tillid"), DANISH)], 300, 40)
    assert chunks == [Section(("Værdier", "Tillid"), DANISH)]


def test_sections_without_text_are_dropped() -> None:
    chunks = chunk_sections([Section(("A",), "  \n "), Section(("A", "B"), DANISH)])
    assert [c.title_path for c in chunks] == [("A", "B")]


def long_text(paragraphs: int = 12) -> str:
    return "\n\n".join(f"Afsnit {n}. {DANISH}" for n in range(paragraphs))


def test_a_long_section_becomes_bounded_windows_that_overlap() -> None:
    text = long_text()
    chunks = chunk_sections([Section(("Strategi",), text)], 120, 30)
    assert len(chunks) > 3
    assert all(c.title_path == ("Strategi",) for c in chunks)
    assert all(estimate_tokens(c.text) <= 120 for c in chunks)
    for before, after in itertools.pairwise(chunks):
        head = " ".join(words(after.text)[:5])
        assert head in " ".join(words(before.text)), "each window starts with the end of the one before"
        assert estimate_tokens(after.text) > 30


def test_windows_break_at_sentences_and_never_inside_words() -> None:
    text = long_text()
    source_words = set(words(text))
    chunks = chunk_sections([Section((), text)], 100, 20)
    for chunk in chunks:
        assert set(words(chunk.text)) <= source_words
        assert re.search(r"[.;]$", chunk.text), chunk.text[-40:]


def test_every_word_of_the_source_lands_in_some_chunk() -> None:
    text = long_text()
    chunks = chunk_sections([Section((), text)], 100, 20)
    joined = " ".join(c.text for c in chunks)
    for n in range(12):
        assert f"Afsnit {n}." in joined


def test_paragraphs_stay_whole_when_they_fit() -> None:
    paragraphs = [f"Afsnit {n}. {DANISH}" for n in range(6)]
    chunks = chunk_sections([Section((), "\n\n".join(paragraphs))], 150, 0)
    for chunk in chunks:
        for part in chunk.text.split("\n\n"):
            assert part in paragraphs


def test_no_overlap_when_overlap_is_zero() -> None:
    chunks = chunk_sections([Section((), long_text())], 100, 0)
    total = sum(len(words(c.text)) for c in chunks)
    assert total == len(words(long_text()))


def test_overlap_is_capped_at_half_a_chunk() -> None:
    chunks = chunk_sections([Section((), long_text())], 100, 500)
    assert all(estimate_tokens(c.text) <= 100 for c in chunks)
    assert len(chunks) < 40


def test_a_word_longer_than_a_whole_chunk_is_cut_rather_than_kept_whole() -> None:
    blob = "x" * 5000
    chunks = chunk_sections([Section((), f"Start. {blob} slut.")], 100, 10)
    assert all(estimate_tokens(c.text) <= 100 for c in chunks)
    assert "".join(c.text for c in chunks).count("x") >= 5000


def test_tiny_sections_merge_with_small_siblings_under_the_common_heading() -> None:
    sections = [
        Section(("Værdier",), "Vi har fire værdier."),
        Section(("Værdier", "Tillid"), "Vi viser tillid."),
        Section(("Værdier", "Mod"), "Vi har mod."),
    ]
    chunks = chunk_sections(sections, 300, 40)
    assert len(chunks) == 1
    assert chunks[0].title_path == ("Værdier",)
    assert chunks[0].text == "Vi har fire værdier.\n\nTillid\n\nVi viser tillid.\n\nMod\n\nVi har mod."


def test_a_tiny_section_before_a_large_one_stays_on_its_own() -> None:
    sections = [Section(("Vision",), "Et godt liv ved fjorden."), Section(("Indsats",), long_text(3))]
    chunks = chunk_sections(sections, 300, 40)
    assert [c.title_path for c in chunks] == [("Vision",), ("Indsats",)]


def test_tiny_sections_do_not_merge_across_a_higher_heading() -> None:
    sections = [Section(("A", "Kontakt"), "Skriv til os."), Section(("B",), "Andet kapitel.")]
    chunks = chunk_sections(sections, 300, 40)
    assert [c.title_path for c in chunks] == [("A", "Kontakt"), ("B",)]


_WORDS = st.sampled_from(["og", "borgerne", "Vi", "skal", "kommunikationspolitik", "tillid.", "Mod!",
                          "f.eks.", "https://fjordmark.dk/borger/nyheder", "æøå", "—", "3.800", "Nu?"])
_SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "\n\n", ". ", "  \n \n"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(_WORDS, _SEPARATORS), min_size=1, max_size=400))
    return "".join(w + s for w, s in parts)


@settings(max_examples=80, deadline=None)
@given(text=texts(), chunk_tokens=st.integers(50, 400), overlap=st.integers(0, 120))
def test_chunks_are_bounded_non_empty_and_cover_every_word(text: str, chunk_tokens: int,
                                                           overlap: int) -> None:
    chunks = chunk_sections([Section(("H",), text)], chunk_tokens, overlap)
    source = words(text)
    assert all(c.text.strip() for c in chunks)
    assert all(estimate_tokens(c.text) <= chunk_tokens for c in chunks)
    chunk_words = [w for c in chunks for w in words(c.text)]
    assert set(chunk_words) == set(source)
    if overlap == 0:
        assert chunk_words == source
