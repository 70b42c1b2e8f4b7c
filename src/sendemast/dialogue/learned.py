"""A small learned signal on top of the rules: TF-IDF (character and word n-grams) and logistic regression,
trained on the labelled examples shipped in ``data/examples.jsonl`` — a copy of the development set
``evals/dialogue/dev.jsonl`` and nothing else (a test keeps the two equal).

The rules say why; the model carries what the rules' word lists do not (a new insult, another spam
trade). Its class probabilities are added to the rule scores, times ``learned.weight`` in triage.yaml
(0 turns it off). Trained once per process on first use (about a second with scikit-learn's import).
"""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from sendemast.dialogue.rules import DATA_DIR

EXAMPLES = DATA_DIR / "examples.jsonl"
_LOCK = threading.Lock()


def features(text: str, author: str) -> str:
    # the author line counts: "Sara Kamp, Fjordmark Avis", "Crypto King"
    return f"{text} || {author}"


@lru_cache(maxsize=4)
def _model(path: Path, _stamp: int) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    model = make_pipeline(
        make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
        ),
        LogisticRegression(C=10, max_iter=2000),
    )
    model.fit([features(r["text"], r.get("author") or "") for r in rows], [r["class"] for r in rows])
    return model


def class_probabilities(text: str, author: str = "", path: Path = EXAMPLES) -> dict[str, float]:
    """The learned model's probability per class for one comment ({} when there are no examples)."""
    if not path.is_file():
        return {}
    with _LOCK:  # one training per process, even when the studio's workers ask at once
        model = _model(path, path.stat().st_mtime_ns)
    probabilities = model.predict_proba([features(text, author)])[0]
    return {str(c): float(p) for c, p in zip(model.classes_, probabilities, strict=True)}
