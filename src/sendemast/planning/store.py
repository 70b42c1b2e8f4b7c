"""The last plan per leader, kept in the workspace's state folder so ``sendemast draft --slot ID`` (and the
studio's one-click draft) draft exactly the slot that was shown, whatever day they run on."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from sendemast.errors import UsageError
from sendemast.planning.models import Plan, Slot

PLANS_FOLDER = "plans"


def plan_path(state_dir: Path, leader: str) -> Path:
    safe = re.sub(r"[^a-z0-9_-]+", "-", leader.lower()).strip("-") or "leader"
    return state_dir / PLANS_FOLDER / f"{safe}.json"


def save_plan(state_dir: Path, plan: Plan) -> Path:
    path = plan_path(state_dir, plan.leader)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A file of its own per writer: two pages loading the plan at once used to share one ".tmp" name,
    # and the second rename found it gone.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(plan.model_dump_json(indent=1))
        os.replace(tmp, path)  # a reader never sees half a plan
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load_plan(state_dir: Path, leader: str) -> Plan | None:
    path = plan_path(state_dir, leader)
    try:
        return Plan.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, ValidationError):
        return None  # a plan from an older version or a damaged file: treat as no plan


@dataclass(frozen=True)
class SlotDraft:
    """What ``draft --slot`` needs: the notes to draft from and the slot's options."""

    slot: Slot
    notes: str
    channel: str
    topic: str
    audience: str


def resolve_slot(state_dir: Path, leader: str, slot_id: str, workspace_root: Path) -> SlotDraft:
    """The draft inputs of a slot of the last plan: its idea as notes, plus the text of the notes file
    it names. An unknown slot is a UsageError listing the known ones."""
    plan = load_plan(state_dir, leader)
    if plan is None:
        raise UsageError(f"no plan to take slot {slot_id!r} from", hint="run 'sendemast plan' first")
    slot = plan.slot(slot_id)
    if slot is None:
        known = ", ".join(s.id for s in plan.plan) or "none"
        raise UsageError(
            f"unknown slot {slot_id!r} (known: {known})", hint="run 'sendemast plan' again for a new plan"
        )
    return SlotDraft(
        slot=slot,
        notes=slot_notes(slot, workspace_root),
        channel=slot.channel,
        topic=slot.topic,
        audience=slot.audience,
    )


def slot_notes(slot: Slot, workspace_root: Path) -> str:
    lines = [f"- {slot.idea}"]
    for source in slot.sources:
        if source.kind != "notes":
            continue
        path = (workspace_root / source.id).resolve()
        if not path.is_relative_to(workspace_root.resolve()):
            continue  # a hand-edited plan must not make draft read files outside the workspace
        try:
            lines.append(path.read_text(encoding="utf-8-sig").strip())
        except (OSError, UnicodeDecodeError):
            continue
    return "\n".join(lines) + "\n"
