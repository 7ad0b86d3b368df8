"""One helper for the tests' scripted servers: a threaded TCP server on 127.0.0.1 (stdlib `socketserver`).

`LoopbackServer(handle)` listens on a free loopback port and serves each connection in its own thread, calling
`handle(conn)` with the accepted socket (or running a `socketserver.BaseRequestHandler` class, such as
`http.server.BaseHTTPRequestHandler`, when given one). It counts connections in `accepted` (the attempts a client
made), gives its `port` and `base_url` (ending in `/v1`), and `close()` (or leaving the `with` block) stops it;
with `join=True` it also waits for the connections' threads to finish. `free_port()` names a loopback port free
at the time of asking, for servers started in another process.
"""

from __future__ import annotations

import socket
import socketserver
import threading
from collections.abc import Callable
from typing import Any

Handle = Callable[[socket.socket], None]

__all__ = ["LoopbackServer", "free_port"]


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, handler: type[socketserver.BaseRequestHandler], join: bool) -> None:
        self.daemon_threads = not join
        self.block_on_close = join
        self.accepted = 0
        self._count_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._count_lock:
            self.accepted += 1
        super().process_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is part of what these servers test: no traceback on stderr."""


class LoopbackServer:
    """A threaded server on a free 127.0.0.1 port; `handle(conn)` (or a request-handler class) serves each connection."""

    def __init__(self, handle: Handle | type[socketserver.BaseRequestHandler], *, join: bool = False) -> None:
        if isinstance(handle, type):
            handler = handle
        else:
            function = handle

            class _Adapter(socketserver.BaseRequestHandler):
                def handle(self) -> None:
                    function(self.request)

            handler = _Adapter
        self._server = _Server(handler, join)
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, name="loopback-server", daemon=True
        )
        self._thread.start()

    @property
    def accepted(self) -> int:
        """Connections accepted so far."""
        return self._server.accepted

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT/v1`."""
        return f"http://127.0.0.1:{self.port}/v1"

    def close(self) -> None:
        """Stop accepting, close the listening socket (and, with `join`, wait for the connections' threads)."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def __enter__(self) -> LoopbackServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def free_port() -> int:
    """A loopback port nothing listens on at the time of asking."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
