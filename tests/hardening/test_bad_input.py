"""Bad input: fuzzed profile and suite YAML, and ``sendemast check`` fed huge, empty, binary, mixed-script,
RTL, lone-surrogate and NUL input. Never a traceback; always a one-line reason and the documented exit
code (check: 0 nothing reaches --fail-on, 1 something does, 2 a usage error).

The corpus loaders (Markdown front matter, Shares.csv, tweets.js, JSON Lines, PDF, DOCX) are fuzzed in
tests/corpus/test_loader_fuzzing.py and not again here.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sendemast.errors import ConfigError, EvalError, SendemastError
from sendemast.evaluation.suite import Case, Defaults, Expect, Suite, load_suite
from sendemast.profile import Audience, Mandate, Profile, Tone, Topic, load_profile
from sendemast.resources import bundled
from tests.conftest import REPO
from tests.hardening.conftest import Ran, in_process, sendemast

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
VALID_PROFILE = (bundled("example-workspace") / "profile.yaml").read_text(encoding="utf-8")
VALID_SUITE = (REPO / "evals" / "smoke.yaml").read_text(encoding="utf-8")
PROFILE_KEYS = sorted({*Profile.model_fields, *Mandate.model_fields, *Audience.model_fields,
                       *Topic.model_fields, *Tone.model_fields})
SUITE_KEYS = sorted({*Suite.model_fields, *Case.model_fields, *Expect.model_fields, *Defaults.model_fields})
# what YAML gives meaning to, so that mutations reach the parser's and the validator's corners
YAML_NOISE = st.sampled_from(
    [":", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!str ", "!!binary ", "!!python/object ", "? ",
     "|", ">", "'", '"', "#", "%YAML 1.1\n", "---\n", "...\n", "\t", "\n", "  ", "<<: ", "~", "null",
     "1e999", ".nan", "2024-02-30", "0x1F", "!!int ", "!!bool ", "!!timestamp ", "!!float ", "\x00",
     "\ufeff", "\u202e", "\ud800", "é"]
)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as directory:
        yield Path(directory)


def _scalars(keys: list[str]) -> st.SearchStrategy[Any]:
    return (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
            | st.sampled_from(keys) | st.sampled_from(["da", "en", "linkedin", "x", "check", "draft", "all"]))


def _documents(keys: list[str]) -> st.SearchStrategy[Any]:
    """Random YAML documents that use the schema's own key names, so they get deep into validation."""
    return st.recursive(
        _scalars(keys),
        lambda inner: st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(keys) | st.text(max_size=6), inner, max_size=6),
        max_leaves=25,
    )


# Without the values PyYAML cannot construct: a known load_suite bug, tested on its own below.
SUITE_NOISE = YAML_NOISE.filter(lambda token: not token.startswith(("!!int", "!!bool", "!!t", "!!f", "2024")))


@st.composite
def _mutated(draw: st.DrawFn, text: str, noise: st.SearchStrategy[str] = YAML_NOISE) -> bytes:
    """``text`` with a few random edits: cuts, YAML noise, duplicated or dropped lines, raw bytes."""
    for _ in range(draw(st.integers(1, 5))):
        where = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["cut", "noise", "dup", "drop", "truncate"]))
        if op == "cut":
            text = text[:where] + text[where + draw(st.integers(1, 40)):]
        elif op == "noise":
            text = text[:where] + draw(noise) + text[where:]
        elif op in ("dup", "drop"):
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines[i:i + 1] = [lines[i]] * (2 if op == "dup" else 0)
            text = "\n".join(lines)
        else:
            text = text[:where]
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at:]
    return data


def _profile_outcome(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        profile = load_profile(path)
    except ConfigError as exc:
        line = exc.one_line()
        assert line and "\n" not in line and str(path) in line, line
        assert exc.exit_code == 2
        return
    assert isinstance(profile, Profile) and profile.name


def _suite_outcome(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        suite = load_suite(path)
    except EvalError as exc:
        line = exc.one_line()
        assert line and "\n" not in line and str(path) in line, line
        assert exc.exit_code == 2
        return
    assert suite.cases and len({c.id for c in suite.cases}) == len(suite.cases)


# --- profile YAML -----------------------------------------------------------------------------------------


@FUZZ
@given(data=_mutated(VALID_PROFILE))
def test_mutated_profiles_load_or_fail_with_one_line(workdir: Path, data: bytes) -> None:
    _profile_outcome(workdir / "profile.yaml", data)


@FUZZ
@given(document=_documents(PROFILE_KEYS))
def test_random_profile_documents_load_or_fail_with_one_line(workdir: Path, document: Any) -> None:
    _profile_outcome(workdir / "profile.yaml", yaml.safe_dump(document, allow_unicode=True).encode())


@FUZZ
@given(data=st.binary(max_size=400) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_random_bytes_as_a_profile(workdir: Path, data: bytes) -> None:
    _profile_outcome(workdir / "profile.yaml", data)


# --- suite YAML -------------------------------------------------------------------------------------------


@FUZZ
@given(data=_mutated(VALID_SUITE, SUITE_NOISE))
def test_mutated_suites_load_or_fail_with_one_line(workdir: Path, data: bytes) -> None:
    _suite_outcome(workdir / "suite.yaml", data)


@FUZZ
@given(document=_documents(SUITE_KEYS))
def test_random_suite_documents_load_or_fail_with_one_line(workdir: Path, document: Any) -> None:
    _suite_outcome(workdir / "suite.yaml", yaml.safe_dump(document, allow_unicode=True).encode())


# Well-formed YAML whose values PyYAML's constructors cannot build: they raise ValueError, KeyError,
# IndexError or AttributeError rather than a YAMLError, and a loader must catch those as well.
IMPOSSIBLE_VALUES = ["2024-02-30", "2024-13-01 10:00:00", "!!timestamp nope", "!!int abc", "!!int 0x",
                     "!!int +", "!!float ''", "!!bool maybe"]


@pytest.mark.parametrize("value", IMPOSSIBLE_VALUES)
def test_impossible_yaml_values_in_a_profile_are_config_errors(workdir: Path, value: str) -> None:
    path = workdir / "profile.yaml"
    path.write_text(f"name: {value}\ntitle: Direktør\norganisation: Fjordmark Kommune\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_profile(path)
    assert "invalid YAML" in caught.value.one_line() and str(path) in caught.value.one_line()


@pytest.mark.parametrize("value", IMPOSSIBLE_VALUES)
def test_impossible_yaml_values_in_workspace_rules_are_one_line_errors(tmp_path: Path, value: str) -> None:
    from sendemast.workspace import init_workspace

    root = init_workspace(tmp_path / "ws")
    toml = root / "sendemast.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('rules = ""', 'rules = "rules.yaml"'))
    (root / "rules.yaml").write_text(f"words:\n  da:\n    attack_person_words: [{value}]\n", "utf-8")
    ran = in_process("-w", str(root), "check", "-")
    assert ran.code == 2 and "Traceback" not in ran.err, ran
    (line,) = ran.err.splitlines()
    assert line.startswith(f"error: {root / 'rules.yaml'}: invalid YAML"), line


@pytest.mark.parametrize("value", IMPOSSIBLE_VALUES)
def test_impossible_yaml_values_in_front_matter_are_corpus_errors(workdir: Path, value: str) -> None:
    from sendemast.corpus.loaders import load_file
    from sendemast.errors import CorpusError

    path = workdir / "post.md"
    path.write_text(f"---\ndate: {value}\n---\nJeg besøgte i dag Engbo og talte med holdet.\n", "utf-8")
    with pytest.raises(CorpusError) as caught:
        load_file(path, "post.md", "posts")
    assert caught.value.message.startswith("front matter: invalid"), caught.value.message  # not 'internal'


@pytest.mark.parametrize("value", ["2024-02-30", "!!bool maybe"])
def test_impossible_yaml_values_in_a_suite_are_suite_errors(workdir: Path, value: str) -> None:
    path = workdir / "suite.yaml"
    path.write_text(f"name: {value}\ncases:\n  - {{id: a, task: check, input: Hej}}\n", encoding="utf-8")
    with pytest.raises(EvalError):
        load_suite(path)


@pytest.mark.parametrize(
    "data",
    [b"name: draft\nversion: '1' \xe6\xf8\n", b"name: " + b"[" * 5000 + b"]" * 5000, b"name: !!bool maybe\n"],
    ids=["latin-1", "deep", "impossible-value"],
)
def test_a_broken_workspace_prompt_is_a_prompt_error(tmp_path: Path, data: bytes) -> None:
    from sendemast.prompts import PromptError, load_prompt

    folder = tmp_path / "prompts"
    folder.mkdir()
    (folder / "draft.yaml").write_bytes(data)
    with pytest.raises(PromptError):
        load_prompt("draft", [folder])


# Pathological nesting: PyYAML's composer recurses once per level, and Python gives up long before
# the file is large. A loader must turn that into its one-line error, not a RecursionError.
DEEP = "name: " + "[" * 5000 + "]" * 5000 + "\n"


def test_deeply_nested_profile_yaml_is_a_config_error(workdir: Path) -> None:
    path = workdir / "deep-profile.yaml"
    path.write_text(DEEP, encoding="utf-8")
    with pytest.raises(ConfigError, match="nested too deeply"):
        load_profile(path)


def test_deeply_nested_suite_yaml_is_a_suite_error(workdir: Path) -> None:
    path = workdir / "deep-suite.yaml"
    path.write_text(DEEP, encoding="utf-8")
    with pytest.raises(EvalError):
        load_suite(path)


def test_deeply_nested_settings_toml_is_a_config_error(tmp_path: Path) -> None:
    from sendemast.workspace import init_workspace

    root = init_workspace(tmp_path / "ws")
    toml = root / "sendemast.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n[x]\ny = " + "[" * 3000 + "]" * 3000 + "\n")
    ran = in_process("-w", str(root), "check", "--json", str(root / "profile.yaml"))
    assert ran.code == 2 and ran.err.strip().endswith("invalid TOML: nested too deeply"), ran


# --- sendemast check --------------------------------------------------------------------------------------

RTL_AND_FRIENDS = (
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"  # direction marks
    "\u200b\u200c\u200d\ufeff\u00ad\u034f"  # zero width, soft hyphen, grapheme joiner
)
MIXED = st.characters(
    codec="utf-8",
    categories=["L", "M", "N", "P", "S", "Z", "Cc", "Cf"],
) | st.sampled_from(list(RTL_AND_FRIENDS) + list("مرحبا שלום 你好 Привет 👩‍👩‍👧‍👦🇩🇰 é #@\n"))
POSTS = st.text(MIXED, max_size=300) | st.sampled_from(
    ["Jeg besøgte i dag Engbo. ", "CPR 120385-0006 ", "Ring på 20 30 40 50. ", "#GrønOmstilling "]
).flatmap(lambda seed: st.text(MIXED, max_size=80).map(lambda tail: seed + tail))


def expected_exit(result: dict[str, Any], fail_on: str = "block") -> int:
    order = ["info", "warn", "review", "block"]
    reached = any(order.index(f["severity"]) >= order.index(fail_on) for f in result["findings"])
    return 1 if reached else 0


@pytest.fixture
def outside_workspace(monkeypatch: pytest.MonkeyPatch, workdir: Path) -> Path:
    monkeypatch.chdir(workdir)
    monkeypatch.setenv("SENDEMAST_DEBUG", "1")  # an unexpected exception surfaces here, not as a line
    return workdir


def assert_usage_error(ran: Ran, reason: str, *, quiet: bool = True) -> None:
    assert ran.code == 2 and (ran.out == "" or not quiet), ran
    (line,) = ran.err.splitlines()
    assert line.startswith("error: ") and reason in line, line


def check_file(path: Path, data: bytes, *args: str) -> Ran:
    path.write_bytes(data)
    ran = in_process("check", "--json", *args, str(path))
    assert "Traceback" not in ran.err and "unexpected" not in ran.err, ran
    text = data.decode("utf-8-sig", "strict") if _is_utf8(data) else None
    if text is None:
        assert_usage_error(ran, "not UTF-8 text" if b"\x00" not in data else "not a text file")
    elif "\x00" in text:
        assert_usage_error(ran, "not a text file")
    elif not text.strip():
        assert_usage_error(ran, "empty")
    else:
        result = json.loads(ran.out)
        assert result["length"]["count"] >= 0
        assert result["verdict"] in ("pass", "info", "warn", "review", "block")
        assert ran.code == expected_exit(result, *([args[1]] if args[:1] == ("--fail-on",) else [])), ran
    return ran


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


@FUZZ
@given(post=POSTS, channel=st.sampled_from(["linkedin", "x", "bluesky", "mastodon", "threads"]))
def test_any_text_gets_a_scorecard_and_the_exit_code_its_findings_call_for(
    outside_workspace: Path, post: str, channel: str
) -> None:
    check_file(outside_workspace / "post.txt", post.encode("utf-8"), "--channel", channel)


@FUZZ
@given(data=st.binary(max_size=300), lone_surrogate=st.booleans(), nul=st.booleans())
def test_any_bytes_get_a_scorecard_or_a_usage_error(
    outside_workspace: Path, data: bytes, lone_surrogate: bool, nul: bool
) -> None:
    if lone_surrogate:
        data = "Jeg besøgte i dag ".encode() + b"\xed\xa0\x80" + data
    if nul:
        data = data + b"\x00"
    check_file(outside_workspace / "post.bin", data)


@FUZZ
@given(
    lines=st.lists(
        st.one_of(
            st.fixed_dictionaries(
                {"text": POSTS},
                optional={"id": _scalars(["a", "b"]) | st.just("\ud800"),
                          "channel": st.sampled_from(["x", "myspace", "\udc80", ""]) | st.integers()},
            ).map(lambda d: json.dumps(d)),
            _documents(["id", "text", "channel"]).map(json.dumps),
            st.text(MIXED, max_size=40),
            st.just("DEEP"),
        ),
        max_size=6,
    )
)
def test_batches_answer_every_line_and_exit_by_the_worst(outside_workspace: Path, lines: list[str]) -> None:
    deep = "[" * 50_000 + "]" * 50_000  # JSON nested past Python's recursion limit
    lines = [deep if line == "DEEP" else line.replace("\n", " ") for line in lines]
    path = outside_workspace / "batch.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    ran = in_process("check", "--batch", str(path))
    wanted = [line for line in lines if line.strip()]
    assume(wanted)  # an all-blank batch is the 'empty input' case, tested below
    if any("\x00" in line for line in lines):
        assert_usage_error(ran, "not a text file")  # the file as a whole is not text
        return
    results = [json.loads(line) for line in ran.out.split("\n") if line]
    assert len(results) == len(wanted)
    errors = [r for r in results if "error" in r]
    for r in errors:
        assert r["error"] and "\n" not in r["error"]
    json.dumps(results, ensure_ascii=False).encode("utf-8")  # every answer is writable text
    if errors:
        reason = f"{len(errors)} of {len(results)} batch line(s) could not be checked"
        assert_usage_error(ran, reason, quiet=False)
    else:
        assert ran.code == max(expected_exit(r) for r in results), ran


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b" \n\t\r\n ", "empty"),
        ("\ufeff".encode(), "empty"),
        (b"Jeg bes\xc3\xb8gte \xed\xa0\x80 Engbo", "not UTF-8 text"),  # a lone surrogate, as UTF-8 bytes
        (b"Jeg bes\xf8gte Engbo", "not UTF-8 text"),  # Latin-1
        (b"Jeg bes\xc3\xb8gte\x00 Engbo", "not a text file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
    ],
    ids=["empty", "blank", "bom-only", "lone-surrogate", "latin-1", "nul", "png"],
)
def test_unusable_files_are_usage_errors(outside_workspace: Path, data: bytes, reason: str) -> None:
    path = outside_workspace / "bad.txt"
    path.write_bytes(data)
    assert_usage_error(in_process("check", str(path)), reason)
    assert_usage_error(in_process("check", "--json", "--batch", str(path)), reason)


def test_mixed_scripts_and_direction_marks_are_checked_not_refused(outside_workspace: Path) -> None:
    post = (
        "\u202bI dag mødte jeg \u2067مرحبا بالعالم\u2069 og שלום עולם på biblioteket.\u202c\n"
        "Tak til Привет-klubben og 你好-holdet 👩‍👩‍👧‍👦 for en god dag\u200f.\n#Fællesskab #FjordmarkKommune"
    )
    for channel in ("linkedin", "x"):
        ran = check_file(outside_workspace / "mixed.txt", post.encode("utf-8"), "--channel", channel)
        result = json.loads(ran.out)
        assert result["verdict"] != "block" and ran.code == 0, result["findings"]
        assert result["length"]["count"] > 50


@pytest.mark.slow
def test_a_2_mb_post_is_checked_in_bounded_time(outside_workspace: Path) -> None:
    # One line, thick with emoji, mixed scripts and direction marks: the emoji rule used to look back
    # over the whole line for every emoji, which took more than ten minutes on this input.
    unit = "Jeg besøgte Engbo 👏 i dag \u200fمرحبا\u200e og 你好 👩‍👩‍👧‍👦 med holdet. "
    post = (unit * (2_000_000 // len(unit) + 1))[:2_000_000]
    started = time.monotonic()
    ran = check_file(outside_workspace / "huge.txt", post.encode("utf-8"))
    elapsed = time.monotonic() - started
    result = json.loads(ran.out)
    assert ran.code == 1 and any(f["rule"] == "channel.length" for f in result["findings"])
    assert elapsed < 60, elapsed  # ~3 s here, unloaded


# --- the installed command, end to end ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "args", "code", "reason"),
    [
        ("lone.txt", b"Jeg bes\xc3\xb8gte \xed\xa0\x80 Engbo", [], 2, "not UTF-8 text"),
        ("nul.txt", b"Hej\x00med dig", [], 2, "not a text file"),
        ("empty.txt", b"", [], 2, "empty"),
        ("rtl.txt", "Jeg mødte \u202eشلوم\u202c i dag\u200f.".encode(), ["--json"], 0, ""),
        ("batch.jsonl", b'{"id": "\\ud800", "text": "Hej med dig"}\n{"text": "Jeg cyklede i dag."}\n'
         + b"[" * 100_000 + b"]" * 100_000 + b"\n", ["--batch"], 2, "2 of 3 batch line(s)"),
    ],
    ids=["lone-surrogate", "nul", "empty", "rtl", "batch"],
)
def test_the_installed_command_never_shows_a_traceback(
    tmp_path: Path, name: str, data: bytes, args: list[str], code: int, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    ran = sendemast("check", *args, str(path), env=None)
    assert ran.code == code and "Traceback" not in ran.err and "unexpected" not in ran.err, ran
    if code == 2:
        (line,) = ran.err.splitlines()
        assert line.startswith("error: ") and reason in line, line
    else:
        assert ran.err == "" and json.loads(ran.out)["verdict"]


def test_errors_are_sendemast_errors_with_their_exit_codes() -> None:
    """The contract the CLI maps from: every error above is one of these, with these exit codes."""
    from sendemast.errors import UsageError
    from sendemast.evaluation.types import SuiteError

    assert issubclass(SuiteError, EvalError) and issubclass(EvalError, SendemastError)
    assert (UsageError("x").exit_code, ConfigError("x").exit_code, SuiteError("x", path="p").exit_code) == (
        2, 2, 2)
