"""Command-line interface. ``main`` turns every expected error into one line and an exit code."""

from __future__ import annotations

import logging
import os
import sys

from sendemast.cli.app import app

# Each module registers its commands on ``app`` when imported; they import nothing heavy at top level.
from sendemast.cli import init_cmd  # noqa: F401  isort: skip

_COMMANDS = (
    "ingest_cmd", "import_cmd", "search_cmd", "check_cmd", "draft_cmd", "history_cmd", "eval_cmd",
    "leaders_cmd", "profile_cmd", "plan_cmd", "user_cmd", "post_cmd", "quiet_cmd", "records_cmd",
    "studio_cmd", "stats_cmd", "reply_cmd",
)
for _optional in _COMMANDS:
    # Commands are added by capability; a module not written yet is simply absent from the CLI.
    try:
        __import__(f"sendemast.cli.{_optional}")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"sendemast.cli.{_optional}":
            raise


class _StderrLines(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        # sys.stderr at the time of writing, not of set-up: tests and callers may swap it.
        sys.stderr.write(f"{record.levelname.lower()}: {record.getMessage()}\n")


def _route_warnings() -> None:
    """Our loggers' warnings (a retried model call, for instance) as ``warning: …`` lines on stderr, the
    same shape as every other warning, instead of logging's bare last-resort output."""
    logger = logging.getLogger("sendemast")
    if not any(isinstance(h, _StderrLines) for h in logger.handlers):
        logger.addHandler(_StderrLines())
    logger.setLevel(logging.DEBUG if os.environ.get("SENDEMAST_DEBUG") else logging.WARNING)
    logger.propagate = False


def main() -> None:
    from sendemast.errors import SendemastError

    _route_warnings()
    try:
        app()
    except SendemastError as exc:
        sys.stderr.write(f"error: {exc.one_line()}\n")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Exception as exc:  # the last line of defence: no traceback reaches a user
        if os.environ.get("SENDEMAST_DEBUG"):
            raise
        name = type(exc).__name__
        sys.stderr.write(f"error: unexpected {name}: {exc} (set SENDEMAST_DEBUG=1 for details)\n")
        sys.exit(1)
