"""The evaluation harness behind ``sendemast eval``, shaped like inspect_ai: a task is a dataset (a suite
of cases), a solver (draft, rewrite or check) and scorers registered by name, each returning
``Score(value, explanation, metadata)``; the grader model is chosen by role; every run writes a log.

Modules, by what they hold:

- :mod:`~sendemast.evaluation.suite` — the suite YAML schema and its loader;
- :mod:`~sendemast.evaluation.types` — scores and case results;
- :mod:`~sendemast.evaluation.registry` and :mod:`~sendemast.evaluation.scorers` — the scorers;
- :mod:`~sendemast.evaluation.solvers` — what produces a case's output;
- :mod:`~sendemast.evaluation.runner` — concurrency, the model-output cache and resume;
- :mod:`~sendemast.evaluation.reports` — console, JSON, JUnit, HTML and GitHub annotations;
- :mod:`~sendemast.evaluation.baseline` — regressions against an earlier run;
- :mod:`~sendemast.evaluation.meta` — how far the voice scorer and the judge can be trusted.

Nothing heavy is imported here: the CLI imports this package on every ``sendemast eval``.
"""
