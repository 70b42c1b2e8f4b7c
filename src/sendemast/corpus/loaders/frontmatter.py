"""YAML front matter between ``---`` lines at the top of a Markdown file.

A tiny parser of our own rather than python-frontmatter: it is a dozen lines, keeps a dependency out, and
lets errors name the line in the file rather than in the YAML block.
"""

from __future__ import annotations

import re
from typing import Any

_OPENING = re.compile(r"---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


class FrontMatterError(ValueError):
    """The front matter is there but unusable; the message is the one-line reason."""


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """``(fields, body)``; a file without front matter gives ``({}, text)``."""
    opening = _OPENING.match(text)
    if not opening:
        return {}, text
    closing = _CLOSING.search(text, opening.end())
    if not closing:
        raise FrontMatterError("front matter: no closing '---' line")
    import yaml  # here, not at the top: importing the loaders must stay cheap

    block = text[opening.end():closing.start()]
    body = text[closing.end():].lstrip("\n")
    try:
        fields = yaml.load(block, Loader=_loader())  # a SafeLoader, see _loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # An unclosed bracket is reported at the end of the block; name the block's last line instead of
        # the closing '---'. +2: marks count from 0, and the block starts after the opening '---'.
        last_line = max(0, block.rstrip("\n").count("\n"))
        where = f" at line {min(mark.line, last_line) + 2}" if mark is not None else ""
        problem = f" ({exc.problem})" if exc.problem else ""
        raise FrontMatterError(f"front matter: invalid YAML{where}{problem}") from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise FrontMatterError(f"front matter: invalid YAML ({type(exc).__name__})") from None
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        # PyYAML's constructors fail this way on impossible values: 2025-13-45, !!int abc, !!bool maybe
        raise FrontMatterError(f"front matter: invalid value ({type(exc).__name__}: {exc})") from None
    if fields is None:
        return {}, body
    if not isinstance(fields, dict):
        raise FrontMatterError("front matter: expected 'key: value' lines")
    return {str(k): v for k, v in fields.items()}, body


def _loader() -> Any:
    import yaml

    # The C loader is many times faster and is as safe as SafeLoader; fall back when PyYAML lacks libyaml.
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)
