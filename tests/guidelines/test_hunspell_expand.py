"""The Hunspell expansion on a small dictionary written to exercise each feature the shipped ones use."""

from __future__ import annotations

from pathlib import Path

from sendemast.guidelines.dictionaries.hunspell import expand, read_aff

AFF = """SET UTF-8
FLAG num
NEEDAFFIX 8
FORBIDDENWORD 6
COMPOUNDBEGIN 32
COMPOUNDMIDDLE 33
COMPOUNDEND 34
COMPOUNDPERMITFLAG 35
ONLYINCOMPOUND 36
REP 1
REP e æ

# linking -s-: a compound-initial form only
SFX 29 Y 2
SFX 29 0 s/32,35,36 .
SFX 29 0 s/33,35,36 .

# definite -en, may end a compound
SFX 2 Y 2
SFX 2 0 n/34 e
SFX 2 0 en/34 [^e]

# consonant doubling that needs a further suffix (twofold): afsnit -> afsnitt -> afsnittet
SFX 47 Y 1
SFX 47 0 t/8,4,35,34 t
SFX 4 Y 1
SFX 4 0 et/34 [^e]

SFX 39 Y 1
SFX 39 0 0/35,34 .

PFX 54 Y 1
PFX 54 0 for .
"""
DIC = """6
forflytning/2,39,29
vejleder/2,39
afsnit/47,39
hus/2,39
rydde/54
dårligt/6
"""


def test_expansion_roles(tmp_path: Path) -> None:
    (tmp_path / "t.aff").write_text(AFF, encoding="utf-8")
    (tmp_path / "t.dic").write_text(DIC, encoding="utf-8")
    aff = read_aff(tmp_path / "t.aff")
    forms = expand(aff, tmp_path / "t.dic")
    assert {"forflytning", "forflytningen", "vejlederen", "afsnittet", "forrydde"} <= forms["word"]
    assert "afsnitt" not in forms["word"]  # NEEDAFFIX: only with its second suffix
    assert "forflytnings" in forms["begin"] and "forflytnings" in forms["middle"]
    assert "forflytnings" not in forms["word"]  # ONLYINCOMPOUND
    assert {"vejlederen", "afsnittet", "hus"} <= forms["end"]
    assert "dårligt" not in forms["word"]  # FORBIDDENWORD
    assert aff.rep == [("e", "æ")]
