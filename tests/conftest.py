"""Options shared by the whole suite (declared here so `pytest tests/contract --base-url ...` finds them)."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contract", "contract tests (tests/contract)")
    group.addoption(
        "--base-url",
        default=None,
        help="server to check, with its /v1 (default: start the bundled mock on a free loopback port)",
    )
    group.addoption(
        "--max-requests",
        type=int,
        default=None,
        help="request budget; required when --base-url is not a loopback address",
    )
    group.addoption("--model", default="gpt-4o-mini", help="model every generated request uses on a real server")
    group.addoption(
        "--max-examples",
        type=int,
        default=None,
        help="schemathesis examples per operation (default: 60 on loopback, a share of the budget otherwise)",
    )
