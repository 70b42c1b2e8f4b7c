"""Organisation workspaces: leaders listed and resolved, the single-leader layout unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendemast.corpus.past_posts import list_leaders
from sendemast.errors import ConfigError, UsageError
from sendemast.workspace import Leader, init_workspace, load_workspace


def test_the_example_organisation_has_two_leaders_with_their_own_posts(example_workspace: Path) -> None:
    ws = load_workspace(example_workspace)
    infos = {i.id: i for i in list_leaders(ws)}
    assert list(infos) == ["birgitte", "hanne"]
    assert infos["birgitte"].name == "Birgitte Vang Holst" and infos["birgitte"].posts >= 60
    assert infos["hanne"].title == "Direktør for Sundhed og Omsorg" and infos["hanne"].posts >= 30
    assert infos["hanne"].channels == ["linkedin", "x"]
    assert infos["hanne"].to_dict().keys() == {"id", "name", "title", "posts", "channels"}
    hanne = ws.leader("hanne")
    assert isinstance(hanne, Leader) and not hanne.is_root
    assert hanne.posts_dir == example_workspace / "leaders" / "hanne" / "posts"
    assert hanne.notes_dir.is_dir() and (hanne.evals_dir / "suite.yaml").is_file()
    assert hanne.profile.name == "Hanne Lykke Ravn"
    # The default leader is the root leader; workspace.profile is still hers.
    assert ws.leader(None).id == "birgitte" and ws.profile.name == "Birgitte Vang Holst"


def test_a_single_leader_workspace_is_an_organisation_of_one(tmp_path: Path) -> None:
    ws = load_workspace(init_workspace(tmp_path / "ws"))
    leader = ws.leader(None)
    assert leader.is_root and leader.id == "default" and leader.root == ws.root
    assert leader.posts_dir == ws.root / "posts" and leader.collection_suffix is None
    assert [i.id for i in list_leaders(ws)] == ["default"]
    assert ws.profile == leader.profile
    assert ws.leader("default").is_root


def test_several_leaders_and_none_chosen_is_one_line_naming_them(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "org", leader="sundhed")
    init_workspace(root, leader="teknik")
    ws = load_workspace(root)
    assert [i.id for i in list_leaders(ws)] == ["sundhed", "teknik"]
    with pytest.raises(UsageError) as ambiguous:
        ws.leader(None)
    line = ambiguous.value.one_line()
    assert "2 leaders (sundhed, teknik)" in line and "--leader" in line and "default_leader" in line
    with pytest.raises(UsageError, match=r"no leader 'kultur' in this workspace \(leaders: sundhed, tek"):
        ws.leader("kultur")
    assert ws.leader("teknik").root == root / "leaders" / "teknik"
    (root / "sendemast.toml").write_text(
        (root / "sendemast.toml").read_text(encoding="utf-8").replace(
            'default_leader = ""', 'default_leader = "teknik"'), encoding="utf-8")
    assert load_workspace(root).leader(None).id == "teknik"


def test_a_default_leader_that_does_not_exist_names_the_setting(tmp_path: Path) -> None:
    root = init_workspace(tmp_path / "org", leader="sundhed")
    text = (root / "sendemast.toml").read_text(encoding="utf-8")
    (root / "sendemast.toml").write_text(text.replace('default_leader = ""', 'default_leader = "x9"'),
                                         encoding="utf-8")
    with pytest.raises(ConfigError, match=r"workspace\.default_leader"):
        load_workspace(root).leader(None)


def test_init_leader_refuses_a_bad_id_and_an_existing_leader(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not valid"):
        init_workspace(tmp_path / "org", leader="Hanne Ravn")
    init_workspace(tmp_path / "org", leader="hanne")
    with pytest.raises(UsageError, match="already exists"):
        init_workspace(tmp_path / "org", leader="hanne")
    assert (tmp_path / "org" / "values").is_dir()
    assert (tmp_path / "org" / "leaders" / "hanne" / "profile.yaml").is_file()


def test_the_workspace_path_variable_is_not_the_workspace_section(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = init_workspace(tmp_path / "org", leader="sundhed")
    init_workspace(root, leader="teknik")
    monkeypatch.setenv("SENDEMAST_WORKSPACE", str(root))  # a folder, as always
    monkeypatch.setenv("SENDEMAST_WORKSPACE__DEFAULT_LEADER", "sundhed")
    assert load_workspace(root).leader(None).id == "sundhed"


def test_each_leader_has_a_posts_collection_and_shares_the_values(example_workspace: Path) -> None:
    from sendemast.retrieval.store import VectorStore

    ws = load_workspace(example_workspace)
    chroma, state = ws.settings.chroma, ws.state_dir
    root = VectorStore(chroma, state, "e", leader=ws.leader("birgitte").collection_suffix)
    other = VectorStore(chroma, state, "e", leader=ws.leader("hanne").collection_suffix)
    assert root.collection_name("posts") == "sendemast-posts"  # unchanged: existing indexes keep working
    assert other.collection_name("posts") == "sendemast-posts-hanne"
    assert root.collection_name("values") == other.collection_name("values") == "sendemast-values"
