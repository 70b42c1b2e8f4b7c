"""Voice fidelity: how much a text sounds like *this* leader rather than like public-sector text in general.

Two views of similarity, each against the leader's past posts and against a contrast set of other
authors' posts (:mod:`sendemast.corpus.past_posts`):

- character n-gram TF-IDF (scikit-learn): catches wording, function words, punctuation, "jeg"/"vi", the
  short sentences and the questions at the end;
- sentence embeddings (the workspace's embedder, multilingual-e5-small by default): catches what a post
  is like as a whole.

Before either, names, numbers, dates, links and hashtags are masked: a draft about Fjordmark should not
score as the leader's voice merely because the leader's posts say "Fjordmark". Similarity to a set is the
mean of the ``k`` best matches, so a leader who writes both crisis updates and reflections is matched on
the right kind of post. The score is the **lift**: similarity to the leader minus similarity to the
contrast set. Positive means "more like the leader than like the others".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sendemast.corpus.past_posts import RefPost

if TYPE_CHECKING:
    import numpy as np

    from sendemast.evaluation.cache import EmbeddingCache
    from sendemast.retrieval.embedders import Embedder

TOP_K = 5
TFIDF_WEIGHT = 0.7  # the rest goes to embeddings. Embeddings alone separate voices less well than character
# n-grams (AUC 0.857 with the multilingual default, 0.825 with MiniLM; `python -m sendemast.evaluation.meta`),
# so n-grams carry more weight. Re-checked with the multilingual encoder: weights 0.5-0.9 all give
# combined AUC 0.942-0.944, so 0.7 stays.
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
_TAG = re.compile(r"(?<!\w)[#@][\w-]+", re.UNICODE)
_MASKS = {"name": "Navn", "number": "7", "date": "dato", "url": "", "email": ""}


def mask_content(text: str) -> str:
    """The text with names, numbers, dates, links and hashtags replaced by placeholders."""
    from sendemast.drafting.facts import extract_facts

    text = _TAG.sub(" ", _URL.sub(" ", text))
    pieces: list[str] = []
    last = 0
    for fact in extract_facts(text):
        pieces.append(text[last:fact.start])
        pieces.append(_MASKS.get(fact.kind, ""))
        last = fact.end
    pieces.append(text[last:])
    return re.sub(r"[ \t]+", " ", "".join(pieces)).strip()


@dataclass
class VoiceScore:
    own: float
    generic: float
    lift: float
    parts: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"own": round(self.own, 4), "generic": round(self.generic, 4), "lift": round(self.lift, 4),
                **{k: round(v, 4) for k, v in self.parts.items()}}


def _top_k_mean(similarities: np.ndarray, k: int) -> np.ndarray:
    """Row-wise mean of the k largest values; -inf entries (left-out posts) never count."""
    import numpy as np

    k = max(1, min(k, similarities.shape[1]))
    top = -np.sort(-similarities, axis=1)[:, :k]
    finite = np.where(np.isfinite(top), top, np.nan)
    return np.nan_to_num(np.nanmean(finite, axis=1), nan=0.0)


class VoiceModel:
    """Fitted once per run on the leader's posts and the contrast set; thread-safe to score with."""

    def __init__(self, own: Sequence[RefPost], generic: Sequence[RefPost], embedder: Embedder | None = None,
                 *, k: int = TOP_K, tfidf_weight: float = TFIDF_WEIGHT,
                 cache: EmbeddingCache | None = None) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        if not own or not generic:
            raise ValueError("the voice model needs the leader's posts and a contrast set")
        self.own = list(own)
        self.generic = list(generic)
        self.k = k
        self.embedder = embedder
        self.cache = cache
        self.tfidf_weight = tfidf_weight if embedder is not None else 1.0
        own_masked = [mask_content(p.text) for p in self.own]
        generic_masked = [mask_content(p.text) for p in self.generic]
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True,
                                          lowercase=True, min_df=1)
        self.vectorizer.fit(own_masked + generic_masked)
        self.own_tfidf = self.vectorizer.transform(own_masked)
        self.generic_tfidf = self.vectorizer.transform(generic_masked)
        self.own_emb: np.ndarray | None = None
        self.generic_emb: np.ndarray | None = None
        if embedder is not None:
            embed = embedder.embed if cache is None else lambda texts: cache.embed(embedder.embed, texts)
            self.own_emb = embed(own_masked)
            self.generic_emb = embed(generic_masked)

    def _similarities(self, masked: list[str], embedded: np.ndarray | None = None
                      ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """view → (similarities to own posts, to generic posts), one row per text."""
        import numpy as np

        vectors = self.vectorizer.transform(masked)
        views = {"tfidf": (np.asarray((vectors @ self.own_tfidf.T).todense()),
                           np.asarray((vectors @ self.generic_tfidf.T).todense()))}
        if self.embedder is not None and self.own_emb is not None and self.generic_emb is not None:
            if embedded is None:
                embedded = self.embedder.embed(masked)
            views["embedding"] = (embedded @ self.own_emb.T, embedded @ self.generic_emb.T)
        return views

    def _combine(self, views: dict[str, tuple[np.ndarray, np.ndarray]]) -> list[VoiceScore]:
        per_view = {name: (_top_k_mean(own, self.k), _top_k_mean(gen, self.k))
                    for name, (own, gen) in views.items()}
        weights = {"tfidf": self.tfidf_weight, "embedding": 1.0 - self.tfidf_weight}
        count = len(next(iter(per_view.values()))[0])
        scores = []
        for row in range(count):
            own = sum(weights[n] * float(v[0][row]) for n, v in per_view.items())
            gen = sum(weights[n] * float(v[1][row]) for n, v in per_view.items())
            parts = {}
            for name, (o, g) in per_view.items():
                parts[f"{name}_own"] = float(o[row])
                parts[f"{name}_generic"] = float(g[row])
                parts[f"{name}_lift"] = float(o[row] - g[row])
            scores.append(VoiceScore(own=own, generic=gen, lift=own - gen, parts=parts))
        return scores

    def _same_language(self, views: dict[str, tuple[np.ndarray, np.ndarray]], languages: list[str]) -> None:
        """Leave out reference posts in another language, where enough remain: an English draft should be
        compared with the leader's English posts, not found unlike the Danish ones."""
        for side, refs in ((0, self.own), (1, self.generic)):
            for row, language in enumerate(languages):
                other = [i for i, p in enumerate(refs) if p.language and p.language != language]
                if len(refs) - len(other) >= min(self.k, 2):
                    for pair in views.values():
                        pair[side][row, other] = float("-inf")

    def score(self, text: str, *, exclude_own: Sequence[str] = ()) -> VoiceScore:
        """Score ``text``; ``exclude_own`` lists ids of leader posts to leave out (the draft's examples)."""
        from sendemast.lang import detect_language

        views = self._similarities([mask_content(text)])
        self._same_language(views, [detect_language(text)])
        if exclude_own:
            left_out = [i for i, p in enumerate(self.own) if p.id in set(exclude_own)]
            if len(left_out) < len(self.own):
                for own, _ in views.values():
                    own[:, left_out] = float("-inf")
        return self._combine(views)[0]

    def score_many(self, texts: Sequence[str], *, exclude_generic: Sequence[str] = ()) -> list[VoiceScore]:
        """:meth:`score` for many texts at once (embedded in one batch). ``exclude_generic[i]``, when
        given, is the id of a contrast post left out for text ``i``: the text itself, held out."""
        from sendemast.lang import detect_language

        if not texts:
            return []
        views = self._similarities([mask_content(t) for t in texts])
        self._same_language(views, [detect_language(t) for t in texts])
        index = {p.id: i for i, p in enumerate(self.generic)}
        for row, post_id in enumerate(exclude_generic):
            if post_id in index:
                for _, generic in views.values():
                    generic[row, index[post_id]] = float("-inf")
        return self._combine(views)

    def leave_one_out(self) -> tuple[list[VoiceScore], list[VoiceScore]]:
        """Each leader post scored against the others, each contrast post against the other contrast
        posts: the calibration that says whether the scorer can tell the leader from other authors."""
        import numpy as np

        # The reference posts were embedded when the model was fitted; reuse those vectors.
        own_views = self._similarities([mask_content(p.text) for p in self.own], self.own_emb)
        generic_views = self._similarities([mask_content(p.text) for p in self.generic], self.generic_emb)
        for own, _ in own_views.values():
            np.fill_diagonal(own, float("-inf"))
        for _, gen in generic_views.values():
            np.fill_diagonal(gen, float("-inf"))
        self._same_language(own_views, [p.language for p in self.own])
        self._same_language(generic_views, [p.language for p in self.generic])
        return self._combine(own_views), self._combine(generic_views)
