"""The run's faithfulness figures count a rewrite's rule sentences apart from the model's."""

from __future__ import annotations

from types import SimpleNamespace

from sendemast.evaluation.scorers.faithful import faithfulness_summary


def _case(task: str, model: int, rules: int, sentences: int) -> SimpleNamespace:
    metadata = {"kept": 3, "total": 3, "invented": 0, "unknown_words": 0, "words": 40, "first_person": True,
                "dishonest_pass": False, "model_sentences": model, "rule_sentences": rules,
                "sentences": sentences}
    return SimpleNamespace(task=task, lang="da", scores={"faithful": SimpleNamespace(metadata=metadata)})


def test_rule_sentences_are_counted_apart_from_the_models() -> None:
    summary = faithfulness_summary([_case("rewrite", 0, 3, 4), _case("rewrite", 1, 1, 4),
                                    _case("draft", 2, 0, 5)])
    assert summary["rewrite"]["model_sentence_share"] == 0.125
    assert summary["rewrite"]["rule_sentence_share"] == 0.5
    assert summary["draft"]["rule_sentence_share"] == 0.0
