"""Tests of the contract tool (`chat_completions_contract`): the bundled mock they run against."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from contract_support import KEY


@pytest.fixture(scope="session")
def mock_url() -> Iterator[str]:
    """A mock that requires `KEY`, for the whole session (each test tags what it stores)."""
    from chat_completions_mock import running

    with running(api_keys=[KEY]) as url:
        yield url
