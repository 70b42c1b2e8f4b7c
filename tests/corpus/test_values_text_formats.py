"""Values documents in Markdown, plain text and HTML."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from sendemast.corpus.chunking import estimate_tokens
from sendemast.errors import CorpusError
from tests.corpus.builders import DANISH, ENGLISH, load, long_markdown

VALUES_MD = f"""---
date: 2024-11-27
url: https://fjordmark.dk/vaerdier
---
# Værdigrundlag

{DANISH}

## Tillid

{DANISH} Se [vores strategi](https://fjordmark.dk/strategi).

### I praksis

{DANISH}

Åbenhed
-------

{DANISH} #tillid er et hashtag, ikke en overskrift.

```
# en kommentar i kode, ikke en overskrift
```
"""


def test_markdown_chunks_carry_title_heading_path_and_metadata(tmp_path: Path) -> None:
    docs = load(tmp_path, "values/vaerdier.md", VALUES_MD, "values")
    assert [d.metadata["title_path"] for d in docs] == ["", "Tillid", "Tillid › I praksis", "Åbenhed"]
    assert [d.title for d in docs] == ["Værdigrundlag", "Værdigrundlag › Tillid",
                                       "Værdigrundlag › Tillid › I praksis", "Værdigrundlag › Åbenhed"]
    assert [d.id for d in docs] == [f"values:values/vaerdier.md#{n}" for n in range(4)]
    first = docs[0]
    assert first.kind == "values" and first.source == "values/vaerdier.md"
    assert first.metadata == {
        "kind": "values", "source": "values/vaerdier.md", "title": "Værdigrundlag",
        "date": "2024-11-27", "channel": "", "url": "https://fjordmark.dk/vaerdier", "language": "da",
        "title_path": "", "chunk": 0,
    }
    assert "vores strategi" in docs[1].text and "https://" not in docs[1].text
    assert "# en kommentar i kode" in docs[3].text


def test_loading_twice_gives_the_same_documents(tmp_path: Path) -> None:
    assert load(tmp_path, "a.md", VALUES_MD, "values") == load(tmp_path, "a.md", VALUES_MD, "values")


def test_front_matter_title_wins_and_the_stem_is_the_last_resort(tmp_path: Path) -> None:
    titled = load(tmp_path, "a.md", f"---\ntitle: Politik\n---\n{DANISH}", "values")
    assert titled[0].title == "Politik"
    untitled = load(tmp_path, "ledelsesgrundlag.md", f"## Afsnit\n\n{DANISH}", "values")
    assert untitled[0].title == "ledelsesgrundlag › Afsnit"


def test_a_first_heading_repeating_the_title_is_not_repeated_in_paths(tmp_path: Path) -> None:
    same = load(tmp_path, "a.md", f"---\ntitle: Strategi\n---\n# Strategi 2030\n\n{DANISH}", "values")
    assert same[0].title == "Strategi"
    other = load(tmp_path, "a.md", f"---\ntitle: Strategi\n---\n# Strategiens mål\n\n{DANISH}", "values")
    assert other[0].title == "Strategi › Strategiens mål"


def test_long_sections_are_windowed_with_overlap_and_bounded(tmp_path: Path) -> None:
    docs = load(tmp_path, "s.md", long_markdown(sections=2, paragraphs=8), "values",
                chunk_tokens=150, chunk_overlap=30)
    paths = [d.metadata["title_path"] for d in docs]
    assert paths.count("Indsats 1") >= 3 and paths.count("Indsats 2") >= 3
    assert all(estimate_tokens(d.text) <= 1.5 * 150 for d in docs)
    same = [d for d in docs if d.metadata["title_path"] == "Indsats 1"]
    for before, after in itertools.pairwise(same):
        assert after.text.split()[0] in before.text.split()[-60:]
    assert [d.metadata["chunk"] for d in docs] == list(range(len(docs)))


def test_english_documents_are_detected_as_english(tmp_path: Path) -> None:
    docs = load(tmp_path, "en.md", f"# Leadership\n\n{ENGLISH}\n\n## Values\n\n{ENGLISH}", "values")
    assert {d.metadata["language"] for d in docs} == {"en"}


def test_plain_text_is_one_section_unless_it_has_headings(tmp_path: Path) -> None:
    docs = load(tmp_path, "notat.txt", f"{DANISH}\n\n{DANISH}", "values")
    assert len(docs) == 1 and docs[0].title == "notat"
    setext = f"Notat\n=====\n\n{DANISH}\n\nBaggrund\n--------\n\n{DANISH}"
    docs = load(tmp_path, "notat.txt", setext, "values")
    assert [d.title for d in docs] == ["Notat", "Notat › Baggrund"]


@pytest.mark.parametrize(("content", "reason"), [
    ("---\ntitle: [ubalanceret\n---\nTekst", "front matter: invalid YAML at line 2"),
    ("---\ntitle: x\nTekst uden slut", "front matter: no closing '---' line"),
    ("---\n- en\n- liste\n---\nTekst", "front matter: expected 'key: value' lines"),
    ("---\ndate: i går\n---\nTekst", "date 'i går' is not a date (use YYYY-MM-DD)"),
    ("# Kun en overskrift\n\n## Og en til\n", "document has no text"),
])
def test_markdown_problems_are_corpus_errors(tmp_path: Path, content: str, reason: str) -> None:
    with pytest.raises(CorpusError) as caught:
        load(tmp_path, "v.md", content, "values")
    assert caught.value.message.startswith(reason)
    assert caught.value.path == "v.md"


HTML = f"""<!doctype html>
<html><head><title>Sidetitel</title><style>body {{ color: red }}</style>
<script>var hemmelig = "må ikke med";</script></head>
<body>
<nav><a href="/">Forside</a> <a href="/om">Om os</a></nav>
<h1>Kommunikationspolitik</h1>
<p>{DANISH}</p>
<h2>Kanaler</h2>
<p>Vi bruger <b>LinkedIn</b> &amp; X. {DANISH}</p>
<ul><li>Hjemmesiden</li><li>Nyhedsbrev</li></ul>
<h3>LinkedIn</h3>
<div>{DANISH}</div>
<h2>Tone</h2>
<p>{DANISH}</p>
</body></html>"""


def test_html_gives_heading_paths_and_visible_text_only(tmp_path: Path) -> None:
    docs = load(tmp_path, "politik.html", HTML, "values")
    assert [d.title for d in docs] == [
        "Kommunikationspolitik", "Kommunikationspolitik › Kanaler",
        "Kommunikationspolitik › Kanaler › LinkedIn", "Kommunikationspolitik › Tone"]
    text = "\n".join(d.text for d in docs)
    assert "Vi bruger LinkedIn & X." in text
    assert "Hjemmesiden\n\nNyhedsbrev" in text
    for hidden in ("hemmelig", "color", "Forside", "Sidetitel"):
        assert hidden not in text


def test_html_title_falls_back_to_the_title_element(tmp_path: Path) -> None:
    docs = load(tmp_path, "p.htm", f"<title>Notat om kriser</title><p>{DANISH}</p>", "values")
    assert docs[0].title == "Notat om kriser"


def test_html_without_visible_text_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="HTML page has no visible text"):
        load(tmp_path, "p.html", "<html><script>x()</script><nav>menu</nav></html>", "values")
