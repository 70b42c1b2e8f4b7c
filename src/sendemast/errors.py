"""The error tree. Library code raises these; only the CLI turns them into one line and an exit code."""

from __future__ import annotations


class SendemastError(Exception):
    """Base of every error sendemast raises on purpose. ``exit_code`` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.one_line()

    def one_line(self) -> str:
        text = " ".join(self.message.split())
        return f"{text} ({self.hint})" if self.hint else text


class UsageError(SendemastError):
    """Bad arguments or input the user can fix at once (exit code 2, like click's usage errors)."""

    exit_code = 2


class ConfigError(SendemastError):
    """A workspace, settings or profile problem. ``path`` and ``field`` name where."""

    exit_code = 2

    def __init__(
        self, message: str, *, path: str | None = None, field: str | None = None, hint: str | None = None
    ) -> None:
        where = ": ".join(p for p in (path, field) if p)
        super().__init__(f"{where}: {message}" if where else message, hint=hint)
        self.path = path
        self.field = field


class CorpusError(SendemastError):
    """A corpus file could not be read or parsed; ``path`` names it."""

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.path = path


class IndexError_(SendemastError):
    """The vector or lexical index is missing, locked, unreachable or built with another embedder
    (``mismatch``: then a search must stop and say so, not skip the index as if it were empty)."""

    def __init__(self, message: str, *, hint: str | None = None, mismatch: bool = False) -> None:
        super().__init__(message, hint=hint)
        self.mismatch = mismatch


class ModelError(SendemastError):
    """A model could not be loaded or called, or gave up after retries."""


class PrivacyError(SendemastError):
    """Personal data would have left the machine; nothing was sent."""


class EvalError(SendemastError):
    """An evaluation suite is malformed or a run failed."""
