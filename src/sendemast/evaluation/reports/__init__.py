"""Reports of a run, all rendered from one JSON-ready dict (:func:`build_report`), which has already been
scrubbed of secrets: console table, JSON, JUnit XML, a single-file HTML page and GitHub annotations."""

from sendemast.evaluation.reports.json_report import build_report, scrub, write_json

__all__ = ["build_report", "scrub", "write_json"]
