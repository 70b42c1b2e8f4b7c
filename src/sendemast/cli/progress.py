"""What a person watching sees while a draft is made: each step, and each settled sentence with where it
came from (the composer sends no raw tokens: only accepted sentences are shown; a capable model's
whole-draft writing still streams its words). Printed to standard error, only to a terminal."""

from __future__ import annotations

import sys
from typing import TextIO

from sendemast.drafting.events import DraftEvent

_STEPS = {
    "retrieve": "finder kilder og tidligere opslag",
    "call_model": "modellen skriver",
    "plan": "planlægger opslaget ud fra noterne",
    "write_opening": "skriver indledningen",
    "write_hook": "skriver første punkt",
    "write_body": "skriver brødteksten",
    "write_closing": "skriver afslutningen",
    "check_drafts": "tjekker udkastet",
    "revise_drafts": "retter udkastet",
}
_ORIGIN = {"model": "modellen", "rules": "omskrevet efter regler", "notes": "lavet fra noten",
           "template": "fast indledning"}


class Progress:
    """An event sink (see drafting/events.py) that writes a compact live log."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out or sys.stderr
        self.open_line = False

    def _end_line(self) -> None:
        if self.open_line:
            self.out.write("\n")
            self.open_line = False

    def __call__(self, event: DraftEvent) -> None:
        if event.kind == "step" and event.step in _STEPS:
            self._end_line()
            self.out.write(f"· {_STEPS[event.step]} …\n")
        elif event.kind == "token":
            if not self.open_line:
                self.out.write("  ")
                self.open_line = True
            self.out.write(event.text.replace("\n", " "))
        elif event.kind == "sentence":
            self._end_line()
            origin = str(event.data.get("origin", ""))
            mark = "✓" if origin in ("model", "rules") else "↺"
            why = event.data.get("rejected")
            suffix = f" — modellens sætning afvist: {why}" if origin == "notes" and why else ""
            self.out.write(f"  {mark} [{_ORIGIN.get(origin, origin)}] {event.text}{suffix}\n")
        self.out.flush()
