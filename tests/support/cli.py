"""Run the ``sendemast`` CLI in-process as a user would: argv in, (exit code, stdout, stderr) out."""

from __future__ import annotations

import sys
from typing import Any

import pytest


def run_cli(capsys: Any, monkeypatch: Any, *args: str) -> tuple[int, str, str]:
    from sendemast.cli import main

    monkeypatch.setattr(sys, "argv", ["sendemast", *args])
    with pytest.raises(SystemExit) as done:
        main()
    out, err = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 0 if code is None else 1), out, err
