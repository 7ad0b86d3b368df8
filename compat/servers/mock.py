"""This project's own mock (`chat-completions-mock`), the reference column: every promise should hold here."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version

from ._base import Endpoint, Place, Server, free_port, new_key, process


class BundledMock(Server):
    key = "mock"
    title = "bundled mock"
    setup = "`chat-completions-mock --api-key KEY` (this repository), default options"

    def version(self, place: Place) -> str:
        return f"chat-completions {version('chat-completions')}"

    @contextmanager
    def running(self, place: Place) -> Iterator[Endpoint]:
        key, port = new_key(), free_port()
        url = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "chat_completions_mock", "--host", "127.0.0.1", "--port", str(port)]
        with process(
            [*command, "--api-key", key],
            log=place.work / "mock.log",
            ready_url=f"{url}/v1/chat/completions",
            ready_status=frozenset({401}),  # answering, and refusing a request without the key
        ):
            yield Endpoint(f"{url}/v1", "gpt-4o-mini", "required", key)
