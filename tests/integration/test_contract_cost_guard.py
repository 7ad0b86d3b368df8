"""The contract tool's cost guard: a paid server is only checked with a budget and a key, and the budget is kept."""

from __future__ import annotations

import os
import subprocess
import sys

from chat_completions_mock import MockServer


def contract(*args: str, key: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    if key is not None:
        env["OPENAI_API_KEY"] = key
    return subprocess.run(
        [sys.executable, "-m", "chat_completions_contract", *args],
        capture_output=True, text=True, timeout=300, check=False, env=env,
    )  # fmt: skip


def test_a_remote_server_without_a_budget_is_refused_before_any_request() -> None:
    result = contract("--base-url", "https://api.example.invalid/v1", key="sk-not-used")
    assert result.returncode == 2, result.stdout[-2000:] + result.stderr[-2000:]
    assert "pass --max-requests N" in result.stderr
    assert result.stdout == ""


def test_a_remote_server_without_a_key_is_refused() -> None:
    result = contract("--base-url", "https://api.example.invalid/v1", "--max-requests", "5")
    assert result.returncode == 2
    assert "set OPENAI_API_KEY" in result.stderr


def test_the_budget_is_never_exceeded_and_the_rest_is_not_run() -> None:
    key = "sk-budget-test"
    with MockServer(api_keys=[key]) as server:
        result = contract("--base-url", server.base_url, "--max-requests", "6", key=key)
        received = server.stats()["requests_total"]
    assert result.returncode == 0, result.stdout[-3000:]
    assert "requests sent: 6 of a budget of 6" in result.stdout
    assert received == 6
    assert "not run (" in result.stdout
    assert (
        "note: bad_credentials: request budget of 6 spent" in result.stdout
        or "request budget of 6 spent" in result.stdout
    )
