"""Voice across leaders: can the scorer tell two leaders of one organisation apart?

The hardest contrast the voice scorer meets: the same organisation, the same values, overlapping topics
(the example's kommunaldirektør and director for Sundhed og Omsorg both write about care homes, welfare
technology, recruitment and the storm surge). For each ordered pair (A, B), a voice model is fitted on A's
posts, with the other leaders' posts added to the contrast set (in an organisation they are the nearest
"other authors", and the voice scorer uses them so: :func:`contrast_posts`). A's posts are scored
leave-one-out (positives) and B's posts against all of A's with each one left out of the contrast set
(negatives): both sides held out. The AUC is the chance that a held-out post of A scores above a held-out
post of B. Part of ``make eval``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sendemast.corpus.past_posts import RefPost
    from sendemast.evaluation.cache import EmbeddingCache
    from sendemast.evaluation.voice import VoiceScore
    from sendemast.retrieval.embedders import Embedder
    from sendemast.workspace import Workspace


def cross_leader_separation(
    workspace: Workspace,
    generic: list[RefPost],
    embedder: Embedder | None = None,
    cache: EmbeddingCache | None = None,
) -> dict[str, Any]:
    """``{"pairs": [{"leader", "other", "leader_posts", "other_posts", "views": {view: separation}}]}``;
    no pairs for a workspace with fewer than two leaders."""
    from sendemast.corpus.past_posts import contrast_posts, leader_posts
    from sendemast.evaluation.voice import VoiceModel
    from sendemast.leaders import leader_ids
    from sendemast.separation import separation

    ids = leader_ids(workspace)
    posts = {i: leader_posts(workspace, workspace.leader(i)) for i in ids}
    pairs = []
    for a in ids:
        if len(posts[a]) < 3:
            continue
        colleagues = [p for b in ids if b != a for p in posts[b]]
        model = VoiceModel(posts[a], contrast_posts(generic, colleagues), embedder, cache=cache)
        own, _ = model.leave_one_out()
        for b in ids:
            if b == a or not posts[b]:
                continue
            other = model.score_many([p.text for p in posts[b]],
                                     exclude_generic=[f"colleague:{p.id}" for p in posts[b]])
            views = ["combined", "tfidf", *(["embedding"] if embedder is not None else [])]
            pairs.append({"leader": a, "other": b, "leader_posts": len(own), "other_posts": len(other),
                          "views": {v: separation(_view(v, own), _view(v, other)) for v in views}})
    return {"pairs": pairs}


def _view(key: str, scores: list[VoiceScore]) -> list[float]:
    return [s.lift if key == "combined" else s.parts[f"{key}_lift"] for s in scores]
