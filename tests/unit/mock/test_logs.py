"""What the mock logs: a client's fault (broken framing, a stream cut at shutdown) is not a server ERROR."""

from __future__ import annotations

import contextlib
import logging
import socket
import time
from collections.abc import Iterator

from chat_completions_mock import MockServer
from mock_support import KEY, settles

LOGGERS = ("uvicorn", "uvicorn.error", "chat_completions_mock")


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def errors(self) -> list[str]:
        """ERROR records, and any record with a traceback."""
        return [
            f"{r.name} {r.levelname} {r.getMessage()} {r.exc_info[1] if r.exc_info else ''}".strip()
            for r in self.records
            if r.levelno >= logging.ERROR or r.exc_info
        ]


@contextlib.contextmanager
def captured() -> Iterator[_Records]:
    """Records of the mock's and uvicorn's loggers (attach after the server started: uvicorn resets its loggers)."""
    handler = _Records()
    for name in LOGGERS:
        logging.getLogger(name).addHandler(handler)
    try:
        yield handler
    finally:
        for name in LOGGERS:
            logging.getLogger(name).removeHandler(handler)


def _exchange(host: str, port: int, raw: bytes) -> bytes:
    with socket.create_connection((host, port), timeout=5) as sock:
        sock.sendall(raw)
        received = b""
        with contextlib.suppress(TimeoutError, ConnectionError):
            while chunk := sock.recv(65536):
                received += chunk
    return received


def test_broken_chunked_framing_is_not_logged_as_a_server_error() -> None:
    with MockServer() as server, captured() as records:
        host, port = server.url.removeprefix("http://").split(":")
        for auth in ("", f"Authorization: Bearer {KEY}\r\n"):
            raw = (
                f"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n{auth}Transfer-Encoding: chunked\r\n\r\n"
                "zz\r\n{}\r\n0\r\n\r\n"
            ).encode()
            assert _exchange(host, int(port), raw).startswith(b"HTTP/1.1 400 ")
        assert settles(server, "active_requests")
        time.sleep(0.1)  # uvicorn checks the finished request after the app returns
        ok = _exchange(
            host,
            int(port),
            f"GET /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {KEY}\r\nConnection: close\r\n\r\n".encode(),
        )
        assert ok.startswith(b"HTTP/1.1 200 ")
    assert not records.errors(), records.errors()


def test_streams_cut_at_shutdown_log_no_tracebacks() -> None:
    server = MockServer()
    server.start()
    host, port = server.url.removeprefix("http://").split(":")
    body = b'{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say hi"}],"stream":true}'
    sockets = []
    try:
        with captured() as records:
            for _ in range(2):
                sock = socket.create_connection((host, int(port)), timeout=10)
                sockets.append(sock)
                sock.sendall(
                    b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + KEY.encode()
                    + b"\r\nx-mock-fault: slow_chunks=30\r\nContent-Length: "
                    + str(len(body)).encode()
                    + b"\r\n\r\n"
                    + body
                )
                assert sock.recv(65536).startswith(b"HTTP/1.1 200 ")
            started = time.monotonic()
            server.stop()  # the streams outlive the 3 s grace period: uvicorn cancels them
            assert time.monotonic() - started < 10
    finally:
        server.stop()
        for sock in sockets:
            sock.close()
    tracebacks = [r for r in records.records if r.exc_info]
    assert not tracebacks, records.errors()
