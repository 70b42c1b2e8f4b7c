"""The assembly layer: a leader's tools built from the workspace, once, for every face.

``Organisation(workspace).leader(id)`` is a :class:`LeaderContext` (profile, rules, the check bound to
both, her index, history and style card); :func:`draft_in_workspace` runs a draft or rewrite with them;
:func:`open_model` and :func:`model_lock` give a model and the lock that keeps an in-process one to one
call at a time; :func:`plan_for` makes a leader's plan with her quiet periods and figures. The CLI, the
studio, the team commands and the evaluation harness take them from here.
"""

from sendemast.assembly.drafting import draft_in_workspace, model_lock, open_model
from sendemast.assembly.leader_context import LeaderContext, Organisation, workspace_ruleset
from sendemast.assembly.plan import plan_for

__all__ = ["LeaderContext", "Organisation", "draft_in_workspace", "model_lock", "open_model",
           "plan_for", "workspace_ruleset"]
