"""Options and fixtures shared by the whole suite (options declared here so `pytest tests/contract --base-url ...`
finds them)."""

from __future__ import annotations

from pathlib import Path

import pytest

#: Environment variables the SDK reads (and the official `openai` package too).
SDK_ENVIRONMENT = ("OPENAI_API_KEY", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "OPENAI_BASE_URL")
#: Tests here read `OPENAI_API_KEY` on purpose (the key for `--base-url`): their environment is left alone.
CONTRACT_TESTS = Path(__file__).resolve().parent / "contract"


@pytest.fixture(autouse=True)
def _clean_env(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset the SDK's environment variables around each test, so a developer's own settings never reach it."""
    if CONTRACT_TESTS in request.path.parents:
        return
    for name in SDK_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


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


@pytest.fixture
def anyio_backend() -> str:
    """`@pytest.mark.anyio` tests run on asyncio only."""
    return "asyncio"
