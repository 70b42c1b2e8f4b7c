"""The guideline checker: the six tips, the public sector's legal lines and channel limits, as data.

from sendemast.guidelines import check_post
result = check_post("Jeg er stolt af ...", channel="x")
result.verdict, result.findings, result.to_dict()
"""

from sendemast.guidelines.engine.checker import check_post
from sendemast.guidelines.engine.model import SEVERITIES, CheckResult, Finding
from sendemast.guidelines.engine.ruleset import Ruleset, load_ruleset

__all__ = ["SEVERITIES", "CheckResult", "Finding", "Ruleset", "check_post", "load_ruleset"]
