"""Fixtures of the differential suite (issue 10): one byte-scripted loopback server for the whole run."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # `import byte_server` etc. under --import-mode=importlib

from byte_server import ByteServer


@pytest.fixture(scope="session")
def byte_server() -> Iterator[ByteServer]:
    with ByteServer() as server:
        yield server
