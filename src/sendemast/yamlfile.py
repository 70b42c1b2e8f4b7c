"""Reading a YAML file of the user's: every way it can be broken becomes one error naming the file.

The error type is the caller's: a profile or checker rules file raises :class:`ConfigError`, a suite a
``SuiteError``, a prompt a ``PromptError`` — each through ``error(message, path)``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from sendemast.errors import ConfigError, SendemastError

ErrorFactory = Callable[[str, str], SendemastError]  # (message, path) -> the error to raise


def _config_error(message: str, path: str) -> SendemastError:
    return ConfigError(message, path=path)


def parse_yaml(source: str | IO[str], path: str, *, fast: bool = True,
               error: ErrorFactory = _config_error) -> Any:
    """The data in ``source`` (text, or an open text file), read from ``path``, with libyaml's loader
    where installed. ``fast=False`` is for files people write by hand: a file libyaml refuses is read
    again by the pure-Python loader, whose errors say more (it names deep nesting as such)."""
    import yaml

    c_loader = getattr(yaml, "CSafeLoader", None)
    if fast or c_loader is None:
        return _load(source, path, c_loader or yaml.SafeLoader, error)
    try:
        text = source if isinstance(source, str) else source.read()
    except UnicodeDecodeError:  # from a file opened as UTF-8
        raise error("not UTF-8 text", path) from None
    try:  # a profile is read on every check and page: libyaml reads it ten times faster
        return yaml.load(text, Loader=c_loader)
    except Exception:  # whatever libyaml disliked, the pure loader says it better
        return _load(text, path, yaml.SafeLoader, error)


def _load(source: str | IO[str], path: str, loader: Any, error: ErrorFactory) -> Any:
    import yaml

    try:
        return yaml.load(source, Loader=loader)
    except UnicodeDecodeError:  # from a file opened as UTF-8
        raise error("not UTF-8 text", path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise error(f"invalid YAML{where}", path) from None
    except RecursionError:
        raise error("invalid YAML: nested too deeply", path) from None
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        # PyYAML's constructors fail this way on impossible values: 2024-02-30, !!int abc, !!bool maybe
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:160]
        raise error(f"invalid YAML value ({detail})", path) from None


def read_yaml(path: Path, *, fast: bool = True, error: ErrorFactory = _config_error) -> Any:
    """The data in the YAML file at ``path``; see :func:`parse_yaml`."""
    try:
        with path.open(encoding="utf-8") as handle:
            return parse_yaml(handle, str(path), fast=fast, error=error)
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror or exc}", str(path)) from None
