"""Progress of a draft as it is made, for a person watching: the CLI prints it, the studio streams it.

The chain calls an :data:`EventSink` with :class:`DraftEvent` values; a sink must be quick and must not
raise (a failing sink is dropped, never the draft). Kinds:

- ``step``: a chain step begins (``step`` names it: ``retrieve``, ``call_model``, ``check_drafts`` …);
- ``token``: text the model just wrote for variant ``variant`` (``text``, a few characters);
- ``sentence``: a sentence of variant ``variant`` is settled (``text``; ``data["origin"]`` is
  ``model`` or ``notes``: written by the model, or composed from the notes because the model's failed);
- ``draft``: variant ``variant`` is finished and checked (``data`` is the draft as in ``--json``);
- ``done``: the whole result is ready (``data`` is the result as in ``--json``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

EventKind = Literal["step", "token", "sentence", "draft", "done"]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DraftEvent:
    kind: EventKind
    variant: int = 0  # 1-based; 0 when the event is about the whole job
    step: str = ""
    text: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "variant": self.variant,
            "step": self.step,
            "text": self.text,
            "data": self.data,
        }


EventSink = Callable[[DraftEvent], None]


def emit(sink: EventSink | None, event: DraftEvent) -> None:
    """Hand ``event`` to ``sink``; a sink that raises is logged and otherwise ignored."""
    if sink is None:
        return
    try:
        sink(event)
    except Exception:  # progress display must never cost the user a draft
        _log.debug("event sink failed on %s", event.kind, exc_info=True)
