"""Fixtures of the mock's unit tests: mock servers on loopback and httpx clients for them."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import httpx
import pytest
from chat_completions_mock import MockServer

KEY: str = importlib.import_module("mock_support").KEY


@pytest.fixture(scope="session")
def server() -> Iterator[MockServer]:
    """The default-mode mock, shared by the session."""
    with MockServer() as running:
        yield running


@pytest.fixture(scope="session")
def base_url(server: MockServer) -> str:
    """Base URL (…/v1) of the shared mock."""
    return server.base_url


@pytest.fixture
def client(server: MockServer) -> Iterator[httpx.Client]:
    """An httpx client for the shared mock, with a key; scripted faults are cleared around the test."""
    server.clear_faults()
    with httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {KEY}"}, timeout=10) as http:
        yield http
    server.clear_faults()


@pytest.fixture(scope="session")
def permissive_server() -> Iterator[MockServer]:
    """A mock started with `permissive=True`."""
    with MockServer(permissive=True) as running:
        yield running


@pytest.fixture
def permissive(permissive_server: MockServer) -> Iterator[httpx.Client]:
    """A client of the permissive mock."""
    with httpx.Client(
        base_url=permissive_server.base_url, headers={"Authorization": f"Bearer {KEY}"}, timeout=10
    ) as http:
        yield http
