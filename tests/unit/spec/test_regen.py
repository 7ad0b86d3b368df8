"""`openapi/regen.py --check`: green on the committed tree, red after any hand edit, pinned tools only."""

from __future__ import annotations

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


def test_check_passes_on_the_committed_tree() -> None:
    result = subprocess.run(
        [sys.executable, "openapi/regen.py", "--check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout
    if not UPSTREAM.is_file():
        assert "skipped the upstream -> spec stage" in result.stdout


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


def test_check_fails_after_a_hand_edit_in_the_spec(regen: Any, copy_of_outputs: tuple[Path, Path], capsys: Any) -> None:
    spec, _ = copy_of_outputs
    spec.write_text(spec.read_text().replace("maximum: 128", "maximum: 129", 1))
    assert regen.main(["--check"]) == 1
    out = capsys.readouterr().out
    if UPSTREAM.is_file():
        assert "is not what the pipeline makes" in out
        assert "maximum: 129" in out
    else:  # without upstream, the edited spec is the generator's input: generated/ no longer matches it
        assert "is not what the generator makes from the spec" in out


def test_check_refuses_unpinned_tool_versions(regen: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regen, "pinned_tools", lambda: {"openapi-python-client": "0.0.1"})
    with pytest.raises(SystemExit, match=r"openapi-python-client 0\.0\.1 is pinned"):
        regen.main(["--check"])


def test_missing_explicit_upstream_is_an_error(regen: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regen, "pinned_tools", lambda: {})
    with pytest.raises(SystemExit, match="no upstream spec"):
        regen.main(["--check", "--upstream", str(tmp_path / "nope.yaml")])


def test_pins_are_exact_in_pyproject(regen: Any) -> None:
    pins = regen.pinned_tools()
    assert set(pins) == {"openapi-python-client", "ruff"}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert f"openapi-python-client=={pins['openapi-python-client']}" in project["dependency-groups"]["dev"]
