"""JUnit XML: one ``<testcase>`` per case and scorer, so CI systems show exactly which score failed.

``failed`` scores are failures, ``error`` scores errors, ``skipped`` scores skipped (never passed);
``info`` scores pass and carry their value in ``system-out``. Built with ElementTree, which escapes all
text; characters XML 1.0 forbids are dropped first, so any post yields a parseable file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

_NOT_XML = re.compile(r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(value: Any) -> str:
    return _NOT_XML.sub("", str(value if value is not None else ""))


def build_junit(report: dict[str, Any]) -> ET.ElementTree:
    suite_name = _clean(report.get("suite", "sendemast"))
    root = ET.Element("testsuites", name="sendemast eval")
    suite = ET.SubElement(root, "testsuite", name=suite_name)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for case in report.get("cases", []):
        classname = f"{suite_name}.{_clean(case['id'])}"
        scores = case.get("scores") or {}
        per_scorer_time = (case.get("elapsed_s") or 0) / max(1, len(scores))
        for name, score in scores.items():
            counts["tests"] += 1
            element = ET.SubElement(suite, "testcase", classname=classname, name=_clean(name),
                                    time=f"{per_scorer_time:.3f}")
            status = score.get("status")
            message = _clean(score.get("explanation", ""))
            if status == "failed":
                counts["failures"] += 1
                failure = ET.SubElement(element, "failure", message=message[:500], type="expectation")
                failure.text = _details(case, score)
            elif status == "error":
                counts["errors"] += 1
                ET.SubElement(element, "error", message=message[:500], type="error").text = message
            elif status == "skipped":
                counts["skipped"] += 1
                ET.SubElement(element, "skipped", message=message[:500])
            else:
                ET.SubElement(element, "system-out").text = f"value: {_clean(score.get('value'))}\n{message}"
    for key, value in counts.items():
        suite.set(key, str(value))
        root.set(key, str(value))
    suite.set("time", f"{(report.get('run') or {}).get('elapsed_s', 0):.3f}")
    return ET.ElementTree(root)


def _details(case: dict[str, Any], score: dict[str, Any]) -> str:
    lines = [_clean(score.get("explanation", "")), "", "output:", _clean(case.get("output") or "")]
    return "\n".join(lines)


def write_junit(report: dict[str, Any], path: str | Path) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tree = build_junit(report)
    ET.indent(tree)
    tree.write(target, encoding="utf-8", xml_declaration=True)
