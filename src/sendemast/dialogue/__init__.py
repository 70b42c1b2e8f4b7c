"""Dialogue: triage of comments on a leader's posts, and reply drafts within the lines.

``triage`` classes a comment (question, praise, criticism, case, political, press, abuse, spam) with an
action and a why; ``replies`` drafts one to three replies in the leader's voice, each checked by the
guideline checker plus the reply rules (``verify``). ``service.reply_to_thread`` is what the CLI and the
studio call.
"""

from __future__ import annotations

from sendemast.dialogue.rules import CLASSES, DialogueRules, load_rules
from sendemast.dialogue.thread import Comment, parse_thread

__all__ = ["CLASSES", "Comment", "DialogueRules", "load_rules", "parse_thread"]
