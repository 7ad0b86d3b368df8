"""`pytest --pyargs chat_completions_contract.suite`: one test per promise, for users who prefer pytest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from chat_completions_contract import PROMISES
from chat_completions_mock import running
from contract_support import KEY
from proxy import running_proxy

pytestmark = pytest.mark.slow  # each test runs the suite in a pytest subprocess


def pytest_entry(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--pyargs", "chat_completions_contract.suite", "-q", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), "-c", os.devnull, f"--junitxml={tmp_path / 'junit.xml'}", *args],
        capture_output=True, text=True, timeout=300, check=False, cwd=tmp_path,
        env={**os.environ, "OPENAI_API_KEY": KEY},
    )  # fmt: skip


def test_one_test_per_promise_passing_on_a_sound_server(tmp_path: Path) -> None:
    with running(api_keys=[KEY]) as url:
        result = pytest_entry(tmp_path, "--contract-base-url", url, "--contract-only", "headers,streaming")
    assert result.returncode == 0, result.stdout[-3000:]
    selected = sum(p.group in ("headers", "streaming") for p in PROMISES)
    assert f"{selected} passed, {len(PROMISES) - selected} skipped" in result.stdout
    assert (tmp_path / "junit.xml").read_text().count("<testcase") == len(PROMISES)


def test_a_broken_promise_fails_its_test_with_the_deviation(tmp_path: Path) -> None:
    with running(api_keys=[KEY]) as mock_url, running_proxy(mock_url, "stream_has_one_id") as url:
        result = pytest_entry(tmp_path, "--contract-base-url", url, "--contract-only", "streaming")
    assert result.returncode == 1
    assert "FAILED" in result.stdout
    assert "test_promise[stream_has_one_id]" in result.stdout
    assert "stream_has_one_id | chunks carry 2 different ids" in result.stdout


def test_the_plugin_every_pytest_run_loads_imports_nothing_heavy() -> None:
    """The pytest11 entry point loads wherever the wheel is installed, with or without the `contract` extra."""
    code = (
        "import sys, chat_completions_contract.pytest_plugin\n"
        "heavy = [m for m in ('schemathesis', 'hypothesis', 'jsonschema_rs', 'httpx') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
