"""`openapi/regen.py --check`: green on the committed tree, red after any hand edit, pinned tools only."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
UPSTREAM = ROOT / "openapi" / "upstream" / "openapi.yaml"


@pytest.fixture
def copy_of_outputs(regen: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Point regen at copies of the committed spec and generated package, to edit them safely."""
    spec = tmp_path / "chat-completions.yaml"
    generated = tmp_path / "chat_completions_api"
    shutil.copy(regen.SPEC, spec)
    shutil.copytree(regen.GENERATED, generated, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(regen, "SPEC", spec)
    monkeypatch.setattr(regen, "GENERATED", generated)
    monkeypatch.setattr(regen, "ROOT", tmp_path)
    monkeypatch.setattr(regen, "pinned_tools", lambda: {})
    return spec, generated


@pytest.mark.slow  # runs the whole generator
def test_check_passes_on_the_committed_tree() -> None:
    result = subprocess.run(
        [sys.executable, "openapi/regen.py", "--check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "regen: up to date\n"  # both stages ran: no note, no change report


@pytest.mark.slow  # runs the whole generator
def test_check_fails_after_a_hand_edit_in_generated(
    regen: Any, copy_of_outputs: tuple[Path, Path], capsys: Any
) -> None:
    _, generated = copy_of_outputs
    target = generated / "models" / "completion_usage.py"
    target.write_text(target.read_text().replace("prompt_tokens: int", "prompt_tokens: int  # tweaked", 1))
    (generated / "models" / "extra.py").write_text("X = 1\n")
    assert regen.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "differs: models/completion_usage.py" in out
    assert "not produced by the pipeline: models/extra.py" in out


@pytest.mark.slow  # runs the whole generator
def test_check_fails_after_a_hand_edit_in_the_spec(regen: Any, copy_of_outputs: tuple[Path, Path], capsys: Any) -> None:
    spec, _ = copy_of_outputs
    spec.write_text(spec.read_text().replace("maximum: 128", "maximum: 129", 1))
    assert regen.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "is not what the pipeline makes" in out
    assert "maximum: 129" in out
    # the change report says what the pipeline's spec would change against the hand-edited one
    assert (
        "1 API change (1 breaking, 0 additive):\n  breaking  CreateChatCompletionRequest.n  maximum 129 -> 128" in out
    )


def test_check_refuses_unpinned_tool_versions(regen: Any, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    monkeypatch.setattr(regen, "pinned_tools", lambda: {"openapi-python-client": "0.0.1"})
    with pytest.raises(SystemExit) as caught:
        regen.main(["--check"])
    assert caught.value.code == regen.EXIT_PROBLEM
    assert "openapi-python-client 0.0.1 is pinned" in capsys.readouterr().err


def test_a_venv_without_the_project_gets_one_line_not_a_traceback() -> None:
    """`python openapi/regen.py` from a Python without PyYAML (the project not installed) says what to install."""
    blocked = "import runpy, sys; sys.modules['yaml'] = None; sys.argv = ['regen.py', '--check'];"
    code = f"{blocked} runpy.run_path({str(ROOT / 'openapi' / 'regen.py')!r}, run_name='__main__')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr == "regen: yaml is not installed; run `pip install -e . --group dev` first\n"


def test_missing_explicit_upstream_is_one_line(
    regen: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.setattr(regen, "pinned_tools", lambda: {})
    assert regen.main(["--check", "--upstream", str(tmp_path / "nope.yaml")]) == regen.EXIT_PROBLEM
    assert capsys.readouterr().err == f"regen: upstream: no upstream spec at {tmp_path / 'nope.yaml'}\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "openapi: [unclosed\n",
            "is not YAML: while parsing a flow sequence (line 1), did not find expected ',' or ']' (line 2)",
        ),
        ("swagger: '2.0'\npaths: {}\n", "is not an OpenAPI 3.x document"),
        ("openapi: 3.1.0\ninfo: {}\npaths: {}\ncomponents: {}\n", "trim: expected the chat-completions paths"),
    ],
)
def test_an_unusable_upstream_file_is_one_line(  # noqa: PLR0917 - fixtures and parameters
    regen: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any, text: str, expected: str
) -> None:
    monkeypatch.setattr(regen, "pinned_tools", lambda: {})
    bad = tmp_path / "openapi.yaml"
    bad.write_text(text)
    assert regen.main(["--upstream", str(bad)]) == regen.EXIT_PROBLEM
    out, err = capsys.readouterr()
    assert expected in err, err
    assert err.count("\n") == 1, err
    assert "Traceback" not in out + err


@pytest.mark.slow  # runs the whole generator
def test_check_fails_when_the_vendored_upstream_is_not_what_the_lock_records(
    regen: Any, copy_of_outputs: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    vendored, lock = tmp_path / "openapi.yaml", tmp_path / "lock.json"
    vendored.write_bytes(regen.DEFAULT_UPSTREAM.read_bytes() + b"# a hand edit\n")
    shutil.copy(regen.LOCK, lock)
    monkeypatch.setattr(regen, "DEFAULT_UPSTREAM", vendored)
    monkeypatch.setattr(regen, "LOCK", lock)
    assert regen.main(["--check"]) == 1
    assert "openapi.yaml is not the file lock.json records" in capsys.readouterr().out


def test_the_lock_describes_the_vendored_upstream() -> None:
    lock = json.loads((ROOT / "openapi" / "upstream" / "lock.json").read_text())
    assert lock["repository"] == "openai/openai-openapi"
    assert lock["path"] == "openapi.yaml"
    assert len(lock["commit"]) == 40
    assert lock["sha256"] == hashlib.sha256(UPSTREAM.read_bytes()).hexdigest()
    assert (ROOT / "openapi" / "upstream" / "LICENSE").is_file()


def test_pins_are_exact_in_pyproject(regen: Any) -> None:
    pins = regen.pinned_tools()
    assert set(pins) == {"openapi-python-client", "ruff"}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert f"openapi-python-client=={pins['openapi-python-client']}" in project["dependency-groups"]["dev"]
