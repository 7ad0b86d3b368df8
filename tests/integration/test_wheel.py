"""The built wheel ships what users import (typed), the spec the mock and contract tool read, and not the
generator's endpoint layer."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    out = tmp_path_factory.mktemp("dist")
    cmd = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    (wheel,) = out.glob("chat_completions-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.mark.parametrize(
    "package", ["chat_completions", "chat_completions_api", "chat_completions_mock", "chat_completions_contract"]
)
def test_every_package_ships_typed(wheel_names: set[str], package: str) -> None:
    assert f"{package}/__init__.py" in wheel_names
    assert f"{package}/py.typed" in wheel_names


def test_the_models_and_params_ship_but_not_the_endpoint_layer(wheel_names: set[str]) -> None:
    assert "chat_completions_api/models/create_chat_completion_response.py" in wheel_names
    assert "chat_completions_api/params.py" in wheel_names
    assert "chat_completions_api/client.py" not in wheel_names
    assert not [name for name in wheel_names if name.startswith("chat_completions_api/api/")]


def test_the_spec_ships_with_the_mock(wheel_names: set[str]) -> None:
    assert "chat_completions_mock/chat-completions.yaml" in wheel_names
