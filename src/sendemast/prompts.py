"""Versioned prompt files (``prompts/*.yaml``) and their rendering.

A prompt file has ``name, version, description, system, template, variables`` (plus ``style``,
``output``, ``reask`` and ``stop``); ``system``, ``template`` and ``reask`` are either one text or one text
per language (``da``/``en``), so that Danish output is asked for in Danish. Rendering uses a *sandboxed*
Jinja2 environment with ``StrictUndefined``: a template can read only the variables it declares, and a
missing one is a :class:`MissingVariables` error rather than an empty string in a prompt.

Untrusted text — the user's notes, retrieved documents, past posts — enters a prompt only through the
``fence`` filter, which wraps it in ``<tag id="…">…</tag>`` and neutralises anything tag-like inside, so
material can never close its own fence and pose as instructions.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sendemast.errors import ConfigError

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

    from sendemast.models.base import ModelRequest

Lang = Literal["da", "en"]
LangText = str | dict[Lang, str]

# '<' that starts something tag-like ('<x', '</x', '< /x', '<!'): escaped so material cannot open or close
# a fence. Other '<' (as in "3 < 5") stay readable.
_TAGLIKE = re.compile(r"<(?=\s*[/!]?\s*[^\W\d_])")


class PromptError(ConfigError):
    """A prompt file is missing, malformed or does not render."""


class MissingVariables(PromptError):
    """A prompt was rendered without a variable it needs; ``names`` lists them."""

    def __init__(self, prompt: str, names: list[str]) -> None:
        super().__init__(f"prompt {prompt!r} is missing variables: {', '.join(names)}")
        self.names = names


class PromptFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: str
    description: str
    style: Literal["chat", "completion"] = "chat"
    output: Literal["json", "text"] = "json"
    system: LangText = ""
    template: LangText
    reask: LangText = ""
    stop: list[str] = Field(default_factory=list)
    variables: dict[str, str] = Field(description="name → what it holds; all are required")

    def text(self, field: Literal["system", "template", "reask"], lang: Lang) -> str:
        value = getattr(self, field)
        if isinstance(value, str):
            return value
        return value.get(lang) or value.get("en") or next(iter(value.values()), "")


@dataclass(frozen=True)
class RenderedPrompt:
    name: str
    version: str
    style: Literal["chat", "completion"]
    output: Literal["json", "text"]
    lang: Lang
    system: str
    user: str
    stop: tuple[str, ...] = ()

    def request(self, **options: Any) -> ModelRequest:
        """The model request: system + user messages for chat, one text for completion."""
        from sendemast.models.base import Message, ModelRequest

        if self.style == "completion":
            prompt = f"{self.system}\n\n{self.user}" if self.system else self.user
            return ModelRequest(prompt=prompt, stop=self.stop, **options)
        messages = ((Message("system", self.system),) if self.system else ()) + (Message("user", self.user),)
        return ModelRequest(messages=messages, stop=self.stop, json_mode=self.output == "json", **options)


def fence(content: Any, tag: str, **attrs: Any) -> str:
    """``<tag a="…">content</tag>`` with tag-like text inside the content and attributes neutralised."""
    if not re.fullmatch(r"[a-zæøå][a-zæøå0-9_-]*", tag):
        raise PromptError(f"bad fence tag {tag!r}")
    body = _TAGLIKE.sub("&lt;", str(content if content is not None else "")).strip()
    rendered = "".join(
        f' {k}="{html.escape(" ".join(str(v).split()), quote=True)}"'
        for k, v in attrs.items()
        if v not in (None, "")
    )
    return f"<{tag}{rendered}>\n{body}\n</{tag}>"


@lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
    )
    env.filters["fence"] = fence
    return env


def prompt_folders(workspace_root: Path | None = None) -> list[Path]:
    """A workspace's own ``prompts/`` first (an organisation may override a prompt), then the bundled."""
    from sendemast.resources import bundled

    folders = [workspace_root / "prompts"] if workspace_root is not None else []
    return [*(f for f in folders if f.is_dir()), bundled("prompts")]


def load_prompt(name: str, folders: list[Path] | None = None) -> PromptFile:
    for folder in folders or prompt_folders():
        path = folder / f"{name}.yaml"
        if path.is_file():
            return _load_file(path, path.stat().st_mtime_ns)
    raise PromptError(f"no prompt named {name!r}")


def list_prompts(folders: list[Path] | None = None) -> list[PromptFile]:
    seen: dict[str, PromptFile] = {}
    for folder in reversed(folders or prompt_folders()):  # earlier folders win
        for path in sorted(folder.glob("*.yaml")):
            seen[path.stem] = _load_file(path, path.stat().st_mtime_ns)
    return [seen[k] for k in sorted(seen)]


@lru_cache(maxsize=64)
def _load_file(path: Path, _mtime: int) -> PromptFile:
    from sendemast.yamlfile import read_yaml

    raw = read_yaml(path, fast=False, error=lambda message, where: PromptError(message, path=where))
    try:
        prompt = PromptFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise PromptError(first["msg"], path=str(path), field=field) from None
    if prompt.name != path.stem:
        raise PromptError(f"name {prompt.name!r} does not match the file name", path=str(path))
    return prompt


@lru_cache(maxsize=256)
def _compiled(source: str) -> Any:
    """Compiling a template costs ~10 ms; prompts are few and rendered again and again (eval runs)."""
    return _environment().from_string(source)


def precompile(prompt: PromptFile) -> None:
    """Compile every template of ``prompt`` now (both languages), so the first renders are cheap.
    Templates that do not compile are left for :func:`render` to report."""
    from jinja2 import TemplateError

    parts: tuple[Literal["system", "template", "reask"], ...] = ("system", "template", "reask")
    langs: tuple[Lang, ...] = ("da", "en")
    for part in parts:
        for lang in langs:
            source = prompt.text(part, lang)
            if source:
                try:
                    _compiled(source)
                except TemplateError:
                    continue


def _render_text(prompt: PromptFile, source: str, values: dict[str, Any]) -> str:
    from jinja2 import TemplateError, UndefinedError

    try:
        return _compiled(source).render(**values).strip()
    except UndefinedError as exc:
        found = re.findall(r"'([^']+)' is undefined", str(exc))
        raise MissingVariables(prompt.name, found or [str(exc)]) from None
    except TemplateError as exc:
        raise PromptError(f"prompt {prompt.name!r} does not render: {exc}") from None


def render(prompt: PromptFile, lang: Lang, variables: dict[str, Any]) -> RenderedPrompt:
    """Render ``prompt`` in ``lang``. Every declared variable must be given; undeclared ones are not
    visible to the template (so a template using an undeclared name fails in the prompt test)."""
    missing = [name for name in prompt.variables if name not in variables]
    if missing:
        raise MissingVariables(prompt.name, missing)
    values = {name: variables[name] for name in prompt.variables}
    return RenderedPrompt(
        name=prompt.name,
        version=prompt.version,
        style=prompt.style,
        output=prompt.output,
        lang=lang,
        system=_render_text(prompt, prompt.text("system", lang), values),
        user=_render_text(prompt, prompt.text("template", lang), values),
        stop=tuple(prompt.stop),
    )


def render_reask(prompt: PromptFile, lang: Lang, error: str) -> str:
    """The follow-up message that tells the model what was wrong with its last answer."""
    source = prompt.text("reask", lang) or "{{ error }}"
    try:
        return _compiled(source).render(error=error).strip()
    except Exception as exc:
        raise PromptError(f"reask text of prompt {prompt.name!r} does not render: {exc}") from None
