"""The built-in scorers. Importing this package registers them, in the order they run and are reported."""

from sendemast.evaluation.scorers import checker, facts, faithful, grounded, mentions, written, voice, judge  # noqa: F401, I001
