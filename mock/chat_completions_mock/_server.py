"""Serve the mock with uvicorn: in a background thread (`MockServer`, `running`) or in the foreground (CLI)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
import time
from collections.abc import Iterator
from types import TracebackType
from typing import Any

import uvicorn

from ._app import MockApp, create_app
from ._faults import Fault
from ._traffic import Received

#: How many answered requests a `MockServer` keeps for `requests`.
DEFAULT_REQUEST_LOG = 10_000


def bind(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A listening TCP socket (port 0: a free port chosen by the OS)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # asyncio sets TCP_NODELAY only then
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    """`http://host:port/v1` for a bound socket."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/v1"


class _NoCancelledTracebacks(logging.Filter):
    """Drops uvicorn's "Exception in ASGI application" traceback for a request it cancelled itself.

    When its graceful shutdown times out (streams still running, e.g. under `slow_chunks`), uvicorn cancels them
    and logs a `CancelledError` traceback for each, though nothing failed: the client only sees its connection
    closed. Its one-line "Cancel N running task(s)" stays.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        cancelled = record.exc_info is not None and isinstance(record.exc_info[1], asyncio.CancelledError)
        return not (cancelled and str(record.msg).startswith("Exception in ASGI application"))


_NO_CANCELLED_TRACEBACKS = _NoCancelledTracebacks()


def uvicorn_config(app: MockApp, *, log_level: str = "warning", access_log: bool = False) -> uvicorn.Config:
    """The uvicorn settings the mock runs with (h11, no lifespan surprises, quick graceful stop)."""
    config = uvicorn.Config(
        app,
        log_level=log_level,
        access_log=access_log,
        lifespan="on",
        timeout_graceful_shutdown=3,
        timeout_keep_alive=30,
        backlog=2048,
    )
    errors = logging.getLogger("uvicorn.error")  # after Config(), which configures uvicorn's loggers
    if _NO_CANCELLED_TRACEBACKS not in errors.filters:
        errors.addFilter(_NO_CANCELLED_TRACEBACKS)
    return config


class MockServer:
    """A mock served by uvicorn in a background thread on a free loopback port.

    Use as a context manager: `with MockServer() as server: server.base_url`. Options are `create_app`'s
    (`replay=DIR` answers from cassettes; docs/mock.md). `server.faults` scripts faults for the next requests;
    `server.stats()` reads the request counters; `server.requests` lists what the mock answered.
    """

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, **options: Any) -> None:
        options.setdefault("request_log", DEFAULT_REQUEST_LOG)
        self.app: MockApp = create_app(**options)
        self._host, self._port = host, port
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None
        self.base_url = ""

    @property
    def url(self) -> str:
        """The server's root URL (without `/v1`)."""
        return self.base_url.removesuffix("/v1")

    def fault(self, spec: Fault | str) -> int:
        """Script a fault (`x-mock-fault` syntax; `times=N` for the next N requests); returns its id."""
        return self.app.mock.faults.add(spec)

    def clear_faults(self) -> None:
        """Drop the scripted faults and reset header-fault counters."""
        self.app.mock.faults.clear()

    @property
    def requests(self) -> list[Received]:
        """The requests the mock answered (the last 10,000), oldest first: method, path, headers (credentials
        masked), JSON `body`, `status`, `answer` (JSON) or `text` (a stream), and `served_by`."""
        return self.app.mock.requests.entries()

    def clear_requests(self) -> None:
        """Forget the requests answered so far."""
        self.app.mock.requests.clear()

    def stats(self) -> dict[str, int]:
        """Request and stream counters (see `/_mock/stats`)."""
        return self.app.mock.stats()

    def start(self) -> str:
        """Start serving; returns the base URL (ending in `/v1`)."""
        if self._thread is not None:
            return self.base_url
        self._sock = bind(self._host, self._port)
        self.base_url = url_of(self._sock)
        server = uvicorn.Server(uvicorn_config(self.app))
        self._server = server
        sock = self._sock
        self._thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="chat-completions-mock", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 15
        while not server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the mock server failed to start")
            if time.monotonic() > deadline:
                raise RuntimeError("the mock server did not start within 15 s")
            time.sleep(0.005)
        return self.base_url

    def stop(self) -> None:
        """Stop serving (in-flight requests get a few seconds) and close the store."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=15)
        if self._sock is not None:
            self._sock.close()
        self._server = self._thread = self._sock = None

    def __enter__(self) -> MockServer:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


@contextlib.contextmanager
def running(**options: Any) -> Iterator[str]:
    """Run a mock on a free 127.0.0.1 port in a background thread; yields its base URL (ending in `/v1`)."""
    with MockServer(**options) as server:
        yield server.base_url
