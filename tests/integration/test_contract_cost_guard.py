"""The contract suite's cost guard: a paid server is only tested with a budget, and the budget is kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from chat_completions_mock import running

pytestmark = pytest.mark.slow  # the contract suite in subprocesses: `pytest -m "not slow"` skips it

ROOT = Path(__file__).resolve().parents[2]
CONTRACT = ROOT / "tests" / "contract"


def run_suite(*args: str, key: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    if key is not None:
        env["OPENAI_API_KEY"] = key
    return subprocess.run(
        [sys.executable, "-m", "pytest", str(CONTRACT), "-q", "-p", "no:cacheprovider", *args],
        capture_output=True, text=True, timeout=300, check=False, cwd=ROOT, env=env,
    )  # fmt: skip


def test_a_remote_server_without_a_budget_is_refused_before_any_request() -> None:
    result = run_suite("--base-url", "https://api.example.invalid/v1", key="sk-not-used")
    assert result.returncode == 4, result.stdout[-2000:] + result.stderr[-2000:]
    assert "pass --max-requests N" in result.stderr
    assert "passed" not in result.stdout


def test_a_remote_server_without_a_key_is_refused() -> None:
    result = run_suite("--base-url", "https://api.example.invalid/v1", "--max-requests", "5")
    assert result.returncode == 4
    assert "set OPENAI_API_KEY" in result.stderr


def test_the_budget_is_never_exceeded_and_the_rest_is_skipped() -> None:
    key = "sk-budget-test"
    with running(api_keys=[key]) as url:
        result = run_suite("--base-url", url, "--max-requests", "6", "-k", "semantics or streams", key=key)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "requests sent: 6 of a budget of 6" in result.stdout
    assert "skipped" in result.stdout
