"""Reading a YAML file of the user's: every way it can be broken becomes one ConfigError naming the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sendemast.errors import ConfigError


def read_yaml(path: Path, *, fast: bool = True) -> Any:
    """The file's data. ``fast`` uses libyaml's loader where installed (the checker's cold start reads
    its shipped word lists with it); the pure-Python loader names deep nesting as such."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if fast else yaml.SafeLoader
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=loader)
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", path=str(path)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"invalid YAML{where}", path=str(path)) from None
    except RecursionError:
        raise ConfigError("invalid YAML: nested too deeply", path=str(path)) from None
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        # PyYAML's constructors fail this way on impossible values: 2024-02-30, !!int abc, !!bool maybe
        raise ConfigError(f"invalid YAML value ({type(exc).__name__}: {exc})", path=str(path)) from None
