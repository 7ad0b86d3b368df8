"""Fixtures of the differential suite: one byte-scripted loopback server for the whole run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from byte_server import ByteServer


@pytest.fixture(scope="session")
def byte_server() -> Iterator[ByteServer]:
    with ByteServer() as server:
        yield server
