"""Tests of the contract tool (`chat_completions_contract`): the bundled mock they run against, and helpers."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # `import proxy` under --import-mode=importlib

KEY = "sk-contract-tests-0123456789"


@pytest.fixture(scope="session")
def mock_url() -> Iterator[str]:
    """A mock that requires `KEY`, for the whole session (each test tags what it stores)."""
    from chat_completions_mock import running

    with running(api_keys=[KEY]) as url:
        yield url
