"""Workspaces: discovery order, settings precedence, scaffolding, and profile errors that name the field."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sendemast.errors import ConfigError, UsageError
from sendemast.profile import load_profile
from sendemast.resources import bundled
from sendemast.workspace import find_workspace, init_workspace, load_workspace


def test_example_profile_validates_and_is_complete() -> None:
    profile = load_profile(bundled("example-workspace") / "profile.yaml")
    assert profile.organisation and profile.mandate.red_lines
    assert len(profile.audiences) >= 3 and len(profile.topics) >= 5
    assert profile.default_channel == "linkedin"
    assert profile.audience("borgere").lix_max == 40


def test_discovery_order_flag_then_env_then_parents(tmp_path: Path, monkeypatch) -> None:
    a = init_workspace(tmp_path / "a")
    b = init_workspace(tmp_path / "b")
    nested = b / "posts" / "deep"
    nested.mkdir(parents=True)
    assert find_workspace(cwd=nested).root == b
    monkeypatch.setenv("SENDEMAST_WORKSPACE", str(a))
    assert find_workspace(cwd=nested).root == a
    assert find_workspace(b).root == b
    monkeypatch.delenv("SENDEMAST_WORKSPACE")
    with pytest.raises(ConfigError, match="no workspace found"):
        find_workspace(cwd=tmp_path)


def test_environment_overrides_toml_and_toml_overrides_defaults(tmp_path: Path, monkeypatch) -> None:
    root = init_workspace(tmp_path / "ws")
    toml = root / "sendemast.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('url = ""', 'url = "http://toml:1"'), encoding="utf-8"
    )
    assert load_workspace(root).settings.chroma.url == "http://toml:1"
    assert load_workspace(root).settings.retrieval.rrf_k is None  # default (the embedder's), not in the file
    monkeypatch.setenv("SENDEMAST_CHROMA__URL", "http://env:2")
    assert load_workspace(root).settings.chroma.url == "http://env:2"


def test_bad_settings_name_the_file_and_field(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ws")
    (root / "sendemast.toml").write_text('[corpus]\nmax_file_mb = "lots"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"sendemast.toml: corpus.max_file_mb"):
        load_workspace(root)
    (root / "sendemast.toml").write_text("[corpus\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_workspace(root)


@pytest.mark.parametrize(
    ("yaml_text", "field"),
    [
        ("name: A\ntitle: B\n", "organisation"),
        ("name: A\ntitle: B\norganisation: C\nchannels: [myspace]\n", "channels.0"),
        (
            "name: A\ntitle: B\norganisation: C\n"
            "audiences: [{id: x, description: d}, {id: x, description: e}]\n",
            "audiences",
        ),
        ("name: A\ntitle: B\norganisation: C\nunknown_field: 1\n", "unknown_field"),
    ],
)
def test_profile_errors_name_file_and_field(tmp_path: Path, yaml_text: str, field: str) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_profile(path)
    assert str(path) in str(caught.value) and field in str(caught.value)


def test_profile_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text("name: A\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid YAML at line"):
        load_profile(path)


def test_init_scaffolds_templates_and_refuses_to_overwrite(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "new")
    assert {p.name for p in root.iterdir()} >= {"sendemast.toml", "profile.yaml", "values", "posts"}
    assert "# The leader profile" in (root / "profile.yaml").read_text(encoding="utf-8")
    with pytest.raises(UsageError, match="already a workspace"):
        init_workspace(root)
    init_workspace(root, force=True)


def test_init_example_copies_the_bundled_workspace(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "ex", example=True)
    assert len(list((root / "posts").rglob("*.md"))) >= 40
    assert {p.suffix for p in (root / "values").iterdir()} >= {".md", ".pdf", ".docx"}
    assert load_workspace(root).profile.name


def test_cli_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sendemast", "-w", str(tmp_path), "search", "x"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


def test_wheel_carries_the_example_workspace_and_prompts(tmp_path: Path) -> None:
    import zipfile

    repo = Path(__file__).resolve().parents[1]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(repo),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("sendemast-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "sendemast/_bundled/example-workspace/profile.yaml" in names
    assert any(n.startswith("sendemast/_bundled/prompts/") and n.endswith(".yaml") for n in names)
    assert any(n.startswith("sendemast/guidelines/data/") for n in names)
    assert "sendemast/templates/workspace/profile.yaml" in names
    # The team database's migrations run from the installed package, so they must be in it.
    assert "sendemast/team/migrations/env.py" in names
    assert "sendemast/team/migrations/versions/0001_team.py" in names
    assert "sendemast/team/migrations/versions/0002_draft_jobs.py" in names
