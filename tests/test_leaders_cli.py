"""The leaders from the command line: ``leaders``, ``--leader`` on the commands, history per leader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sendemast.workspace import init_workspace
from tests.corpus.test_import import cli


def test_leaders_json(example_workspace: Path, capsys: Any, monkeypatch: Any) -> None:
    code, out, err = cli(capsys, monkeypatch, "-w", str(example_workspace), "leaders", "--json")
    assert code == 0, err
    leaders = json.loads(out)["leaders"]
    assert [(x["id"], x["name"]) for x in leaders] == [
        ("birgitte", "Birgitte Vang Holst"), ("hanne", "Hanne Lykke Ravn")]
    assert all(set(x) == {"id", "name", "title", "posts", "channels"} for x in leaders)
    assert leaders[1]["posts"] >= 30


def test_several_leaders_without_a_choice_is_one_line(tmp_path: Path, capsys: Any, monkeypatch: Any) -> None:
    root = init_workspace(tmp_path / "org", leader="sundhed")
    init_workspace(root, leader="teknik")
    code, out, err = cli(capsys, monkeypatch, "-w", str(root), "check", "--", "Hej med jer")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "2 leaders (sundhed, teknik)" in err and "--leader" in err
    code, _, err = cli(capsys, monkeypatch, "-w", str(root), "-l", "nobody", "search", "hej")
    assert code == 2 and "no leader 'nobody'" in err and "sundhed, teknik" in err


def test_search_keeps_the_example_leaders_apart_and_history_carries_the_leader(
        copy_of_ingested: Path, capsys: Any, monkeypatch: Any) -> None:
    ws = str(copy_of_ingested)
    code, out, err = cli(capsys, monkeypatch, "-w", ws, "ingest", "--leader", "hanne", "--json")
    assert code == 0, err
    assert json.loads(out)["unchanged"] >= 4  # the plain ingest of the fixture indexed her posts already
    # Both leaders wrote about the care homes' washing toilets, the emergency team and the storm surge.
    for query in ("vasketoiletter på Engbo", "stormflod evakuering plejecenter", "talegenkendelse"):
        for leader, own in (("hanne", "leaders/hanne/"), ("birgitte", "posts/")):
            code, out, err = cli(capsys, monkeypatch, "-w", ws, "search", "--leader", leader, "--kind",
                                 "posts", query, "--json")
            assert code == 0, err
            sources = [h["source"] for h in json.loads(out)["results"]]
            assert sources and all(s.startswith(own) for s in sources), (leader, query, sources)
            if leader == "birgitte":
                assert not any(s.startswith("leaders/") for s in sources)
    code, out, err = cli(capsys, monkeypatch, "-w", ws, "draft", "-l", "hanne", "--model", "fake/draft",
                         "--json", "--", "- akutteamet får to nye sygeplejersker")
    assert code == 0, err
    entry_id = json.loads(out)["history_id"]
    code, out, _ = cli(capsys, monkeypatch, "-w", ws, "history", "list", "--json", "--leader", "hanne")
    assert [e["id"] for e in json.loads(out)["entries"]] == [entry_id]
    assert json.loads(out)["entries"][0]["leader"] == "hanne"
    code, out, _ = cli(capsys, monkeypatch, "-w", ws, "history", "list", "--json")
    assert entry_id not in [e["id"] for e in json.loads(out)["entries"]]  # the default leader's history
    code, _, err = cli(capsys, monkeypatch, "-w", ws, "history", "show", entry_id)
    assert code == 2 and "belongs to leader 'hanne'" in err


def test_a_shared_chroma_server_holds_every_leader_apart(
        example_workspace: Path, chroma_url: str, capsys: Any, monkeypatch: Any) -> None:
    import chromadb

    monkeypatch.setenv("SENDEMAST_CHROMA__URL", chroma_url)
    monkeypatch.setenv("SENDEMAST_CHROMA__COLLECTION_PREFIX", "org-test")
    ws = str(example_workspace)
    for leader in ("birgitte", "hanne"):
        code, _, err = cli(capsys, monkeypatch, "-w", ws, "-l", leader, "ingest", "--kind", "posts", "--json")
        assert code == 0, err
    host, port = chroma_url.removeprefix("http://").split(":")
    names = {c.name for c in chromadb.HttpClient(host=host, port=int(port)).list_collections()}
    assert {"org-test-posts", "org-test-posts-hanne"} <= names
    code, out, err = cli(capsys, monkeypatch, "-w", ws, "search", "-l", "hanne", "--kind", "posts",
                         "nattevagt termokaffe", "--json")
    assert code == 0, err
    sources = [h["source"] for h in json.loads(out)["results"]]
    assert sources and all(s.startswith("leaders/hanne/") for s in sources)
