"""pytest plugin (entry point `pytest11`): the `--contract-*` options of `pytest --pyargs chat_completions_contract.suite`.

Loaded by every pytest run where the package is installed, so it only declares options: nothing else is imported
until the suite module runs.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    """Declare the options (the CLI's, each prefixed with `--contract-`)."""
    group = parser.getgroup("chat-completions-contract", "chat_completions_contract.suite (docs/contract.md)")
    group.addoption(
        "--contract-base-url", default=None, help="server to check, ending in /v1 (default: the bundled mock)"
    )
    group.addoption("--contract-model", default="gpt-4o-mini", help="model every request names")
    group.addoption("--contract-max-requests", type=int, default=None, help="request budget (required off loopback)")
    group.addoption(
        "--contract-auth", choices=("required", "none"), default="required", help="'none': the server takes no key"
    )
    group.addoption("--contract-only", default=None, help="groups or promise ids to check, comma-separated")
    group.addoption("--contract-require", default=None, help="groups or promise ids that must hold, comma-separated")
    group.addoption("--contract-seed", type=int, default=42, help="seed of the generated requests")
    group.addoption("--contract-report-dir", default=None, help="also write report.json, report.md and junit.xml here")
    group.addoption("--contract-api-key-env", default="OPENAI_API_KEY", help="environment variable holding the key")
    group.addoption(
        "--contract-retries", type=int, default=2, help="re-sends after a 5xx, 429, timeout or dropped connection"
    )
    group.addoption("--contract-timeout", type=float, default=60.0, help="seconds to wait for an answer")
