"""Tell Danish from English in short posts, fast and without a model.

Posts are short and full of names, hashtags and URLs, where general-purpose detectors stumble; two
languages are all sendemast needs, and a few hundred function words separate them reliably.
"i" is left out on purpose: Danish "i" means "in" and English "I" means "I".
"""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["da", "en"]

_DA = frozenset(
    """
    og at det en den til er som på de med han af for ikke der var mig sig men et har om vi min havde
    hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind
    når være dog noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende
    mine alt meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer
    sådan hvordan hvorfor fordi jeg vores jeres kan får gør synes tak godt dag uge år kommune borgere
    medarbejdere ledelse vores mere mindre hele tid ingen intet altid aldrig måske lige bare også
    """.split()
)
_EN = frozenset(
    """
    the and of to in is that it for on with as was at by be this are from or an have not but they his
    her we you my our your their has had were been which will would can could should what when who how
    why all there about into than them these those its more some just also very do does did me us
    week year today people team council citizens staff thanks proud learned
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_DANISH_LETTERS = re.compile(r"[æøåÆØÅ]")


def detect_language(text: str, default: Language = "da") -> Language:
    """Return ``"da"`` or ``"en"``; ties and texts with no signal return ``default``."""
    words = [w.lower() for w in _WORD.findall(text)]
    da = sum(1 for w in words if w in _DA)
    en = sum(1 for w in words if w in _EN)
    # æ, ø and å are strong evidence of Danish: English text carries them only in names.
    da += min(3, len(_DANISH_LETTERS.findall(text)) // 2)
    if da == en:
        return default
    return "da" if da > en else "en"


# Everyday words beyond the function words above: what a sentence may add to its note's own words
# without a dictionary (the composer's fallback check when the spelling rule is not installed).
_DA_COMMON = frozenset(
    """
    jeg mig min mit mine vi os vores du dig din dit dine i jer jeres han ham hun hende de dem den det
    er var være været bliver blev blive har havde haft kan kunne skal skulle vil ville må måtte får fik fået
    gør gjorde gjort ser så set siger sagde sagt går gik gået kommer kom kommet står stod tager tog taget
    giver gav givet ved vidste tror troede synes syntes mener mente hører hørte talte taler tale snakkede
    fortælle fortæller fortalte fortalt dele deler delte glæder glad glade stolt stolte taknemmelig tak takke
    besøg besøgte besøger besøge møde mødte mødtes lære lærte lært viser viste vise vist arbejder arbejde
    arbejdet arbejdede hjælpe hjælper hjalp lytte lyttede spørge spurgte svare svarede vigtig vigtigt vigtige
    stor stort store lille små ny nyt nye god godt gode bedre bedst mange flere færre mere mest mindre
    hele helt alle allerede altid aldrig stadig endnu igen også kun bare lige netop sammen selv især
    i dag i går i morgen nu her der hvor hvordan hvorfor hvad hvem hvilke hvilken når da mens fordi at
    og eller men så for til fra med uden om over under efter før ved hos mod mellem gennem omkring
    en et to tre den det denne dette disse nogle noget ingen intet hver hvert anden andet andre
    dag dage uge ugen år året tid tiden gang gange sted stedet folk mennesker kolleger kollegerne
    medarbejdere medarbejderne borgere borgerne team teamet holdet indsats indsatsen tanke tanker
    ærlig ærligt erfaring erfaringer oplevede oplevelse dejligt godt flot flotte imponeret imponerende
    hverdag hverdagen maskinrummet opslag nyhed nyheden glæde glæden gerne rigtig meget
    """.split()
)
_EN_COMMON = frozenset(
    """
    i me my mine we us our you your he him she her they them it this that these those there here
    am is are was were be been being have has had do does did can could will would shall should may might
    must get got see saw seen say said tell told talk talked share shared learn learned show showed
    visit visited meet met help helped listen listened ask asked answer answered work worked working
    proud grateful glad happy thank thanks important big small new good better best many more most fewer
    less all already always never still yet also only just together even especially today yesterday
    tomorrow now where how why what who which when while because that and or but so for to from with
    without about over under after before at by near around through between one two three some no each
    other day days week year time place people colleagues staff team citizens effort honest honestly
    experience great impressed look looking forward want wanted share
    """.split()
)


def common_words(lang: str) -> frozenset[str]:
    """Function and everyday words of ``lang`` (lower case)."""
    return (_EN | _EN_COMMON) if lang == "en" else (_DA | _DA_COMMON)
