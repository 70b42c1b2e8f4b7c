"""One settings object: CLI flag > environment (``SENDEMAST_*``) > ``sendemast.toml`` > default.

Nothing here reads the environment at import time; :func:`load_settings` does, when a command asks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from sendemast.errors import ConfigError


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CorpusSettings(_Section):
    values: list[str] = Field(default_factory=lambda: ["values"], description="folders of values documents")
    posts: list[str] = Field(default_factory=lambda: ["posts"], description="folders/files of past posts")
    max_file_mb: float = Field(default=20.0, gt=0, description="larger files are refused")
    chunk_tokens: int = Field(default=300, ge=50, le=2000)
    chunk_overlap: int = Field(default=40, ge=0, le=500)


class EmbedderSettings(_Section):
    # provider/name, like models: onnx/e5 (bundled multilingual-e5-small), onnx/minilm (bundled, English),
    # openai/text-embedding-3-small, st/<folder>
    id: str = "onnx/e5"
    batch_size: int = Field(default=64, ge=1, le=4096)
    threads: int = Field(default=0, ge=0, description="0 lets onnxruntime decide")


class ChromaSettings(_Section):
    url: str = Field(default="", description="a Chroma server, e.g. http://localhost:8000; empty = embedded")
    tenant: str = "default_tenant"
    database: str = "default_database"
    collection_prefix: str = "sendemast"


class RetrievalSettings(_Section):
    hybrid: bool = True
    # Unset, both come from the embedder (Embedder.fusion), tuned on evals/retrieval.yaml for it: the
    # multilingual default's ranking is the stronger one and counts 6 to BM25's 1 with k = 5; the
    # English MiniLM's is the weaker one on Danish and counts half, with k = 60.
    rrf_k: int | None = Field(default=None, ge=1)
    dense_weight: float | None = Field(default=None, ge=0)
    lexical_weight: float = Field(default=1.0, ge=0)
    candidates: int = Field(default=30, ge=1, le=500, description="per retriever, before fusion")


class ModelSettings(_Section):
    default: str = Field(default="", description="provider/name; empty picks openai or the bundled model")
    judge: str = ""
    timeout_s: float = Field(default=60.0, gt=0)
    max_retries: int = Field(default=4, ge=0, le=20)
    # a remote model's calls for one draft, retries included, end within this (models/deadline.py)
    deadline_s: float = Field(default=90.0, gt=0)
    temperature: float = Field(default=0.7, ge=0, le=2)


class CheckerSettings(_Section):
    channel: str = ""
    rules: str = Field(default="", description="a YAML file that overrides the shipped rules and word lists")


class DraftingSettings(_Section):
    min_fact_coverage: float = Field(
        default=0.6, ge=0, le=1,
        description="a draft keeping a smaller share of the notes' facts is at least 'review'",
    )
    # auto: compose sentence by sentence for small models (capable false), draft freely for capable ones
    composer: Literal["auto", "always", "never"] = "auto"


class EvalSettings(_Section):
    cache_days: int = Field(
        default=30, ge=0, le=3650,
        description="cached model outputs, embeddings, run journals and logs unused this many days are "
        "removed after each eval run; 0 keeps everything",
    )


class WorkspaceSettings(_Section):
    leader: str = Field(
        default="", description="id of the leader whose profile.yaml and posts/ sit at the workspace root"
    )
    default_leader: str = Field(default="", description="the leader commands use without --leader")


class StudioSettings(_Section):
    database: str = Field(
        default="",
        description="the team database: empty = SQLite in state_dir, or postgresql+psycopg://user@host/db",
    )
    team: bool = Field(default=False, description="the studio requires login (sendemast studio --team)")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SENDEMAST_", env_nested_delimiter="__", extra="forbid")

    profile: str = "profile.yaml"
    state_dir: str = ".sendemast"
    timezone: str = Field(default="Europe/Copenhagen", description="IANA zone of the plan's dates and hours")
    corpus: CorpusSettings = Field(default_factory=CorpusSettings)
    embedder: EmbedderSettings = Field(default_factory=EmbedderSettings)
    chroma: ChromaSettings = Field(default_factory=ChromaSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    model: ModelSettings = Field(default_factory=ModelSettings)
    checker: CheckerSettings = Field(default_factory=CheckerSettings)
    eval: EvalSettings = Field(default_factory=EvalSettings)
    workspace: WorkspaceSettings = Field(default_factory=WorkspaceSettings)
    drafting: DraftingSettings = Field(default_factory=DraftingSettings)
    studio: StudioSettings = Field(default_factory=StudioSettings)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (an IANA name like Europe/Copenhagen)") from None
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # init carries CLI flags; the TOML file is passed in as the lowest-priority source below.
        return (init_settings, _EnvSource(settings_cls), _TomlSource(settings_cls))


class _EnvSource(EnvSettingsSource):
    """The environment, except that ``SENDEMAST_WORKSPACE`` is the workspace folder (see workspace.py),
    not the ``[workspace]`` section: only ``SENDEMAST_WORKSPACE__<KEY>`` sets that section's keys."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        value, key, is_complex = super().get_field_value(field, field_name)
        if field_name == "workspace":
            value = None
        return value, key, is_complex


class _TomlSource(PydanticBaseSettingsSource):
    """Values from the workspace's ``sendemast.toml``, set per call through a context variable."""

    current: ClassVar[dict[str, Any]] = {}

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return self.current.get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return dict(self.current)


def load_settings(toml_path: Path | None, **overrides: Any) -> Settings:
    """Settings from ``toml_path`` (may be None), the environment and ``overrides`` (CLI flags)."""
    import tomllib

    data: dict[str, Any] = {}
    if toml_path is not None:
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read settings: {exc}", path=str(toml_path)) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML: {exc}", path=str(toml_path)) from None
        except RecursionError:
            raise ConfigError("invalid TOML: nested too deeply", path=str(toml_path)) from None
    _TomlSource.current = data
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise ConfigError(
            first["msg"], path=str(toml_path) if toml_path else "settings", field=field
        ) from None
    finally:
        _TomlSource.current = {}
