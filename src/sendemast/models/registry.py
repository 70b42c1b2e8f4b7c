"""Find a model class by its provider prefix: ``openai/gpt-4o-mini`` → the ``openai`` provider.

Built-in providers are imported only when first asked for, so that naming one model never imports
another provider's SDK. Third-party providers can register through the ``sendemast.models`` entry-point
group (the same idea as simonw/llm's plugins): the entry point names a module that calls :func:`register`.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

from sendemast.errors import ConfigError

if TYPE_CHECKING:
    from sendemast.models.base import ChatModel
    from sendemast.settings import Settings

M = TypeVar("M", bound="type[ChatModel]")

# provider → module that registers it on import
_BUILTIN_MODULES = {
    "fake": "sendemast.models.fake",
    "openai": "sendemast.models.openai_chat",
    "local": "sendemast.models.local_llama",
}
_PROVIDERS: dict[str, type[ChatModel]] = {}

OPENAI_DEFAULT = "openai/gpt-4o-mini"
# Chosen by measuring both bundled models on the example workspace: see bench/compare_local_models.py.
BUNDLED_DEFAULT = "local/gemma-3-270m"


def register(provider: str) -> Callable[[M], M]:
    """Class decorator: make ``provider/...`` ids resolve to the decorated ChatModel subclass."""

    def decorate(cls: M) -> M:
        cls.provider = provider
        _PROVIDERS[provider] = cls
        return cls

    return decorate


def split_model_id(model_id: str) -> tuple[str, str]:
    provider, sep, name = model_id.strip().partition("/")
    if not sep or not provider or not name:
        raise ConfigError(
            f"model id {model_id!r} is not provider/name",
            hint="e.g. openai/gpt-4o-mini, local/gemma-3-270m, fake/echo",
        )
    return provider, name


def _load_provider(provider: str) -> type[ChatModel]:
    if provider not in _PROVIDERS and provider in _BUILTIN_MODULES:
        importlib.import_module(_BUILTIN_MODULES[provider])
    if provider not in _PROVIDERS:
        from importlib.metadata import entry_points

        for ep in entry_points(group="sendemast.models"):
            if ep.name == provider:
                ep.load()
    if provider not in _PROVIDERS:
        known = ", ".join(sorted(set(_BUILTIN_MODULES) | set(_PROVIDERS)))
        raise ConfigError(f"unknown model provider {provider!r} (known: {known})")
    return _PROVIDERS[provider]


def get_model(model_id: str, settings: Settings | None = None) -> ChatModel:
    """The model for ``provider/name``. ``settings`` carries timeouts, retries and temperature."""
    provider, name = split_model_id(model_id)
    return _load_provider(provider).from_id(name, settings)


def default_model_id(settings: Settings | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The configured default, else ``openai/gpt-4o-mini`` with an API key, else the bundled model."""
    if settings is not None and settings.model.default:
        return settings.model.default
    env = os.environ if environ is None else environ
    return OPENAI_DEFAULT if env.get("OPENAI_API_KEY") else BUNDLED_DEFAULT
