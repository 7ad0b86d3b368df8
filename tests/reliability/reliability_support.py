"""Helpers of the reliability tests (imported as `reliability_support`: pyproject's pytest `pythonpath` lists this folder).

A mock server in its own process (so RSS and socket counts measure the SDK alone), counting loopback servers for the
faults the mock cannot express, socket/thread counters, and a tiny raw HTTP/1.1 client.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import psutil
from loopback import LoopbackServer

KEY = "sk-reliability-0123456789abcdef"
SEED: dict[str, Any] = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say this is a test!"}]}
SEED_ANSWER = "\n\nThis is a test!"
_LISTENING = re.compile(r"listening on (http://\S+)")


def body(**fields: Any) -> dict[str, Any]:
    """The seed request with some fields added or changed."""
    return {**SEED, **fields}


class MockProcess:
    """`python -m chat_completions_mock --port 0 ...` in a child process; `base_url`, `stats()`, `stop()`."""

    def __init__(self, *args: str) -> None:
        self.args = ["--port", "0", *args]
        self.proc: subprocess.Popen[str] | None = None
        self.base_url = ""
        # The server's log goes to a file: a pipe nobody reads would fill up and block it (`log()` reads it).
        self._log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed in __exit__

    @property
    def url(self) -> str:
        return self.base_url.removesuffix("/v1")

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self, timeout: float = 30) -> MockProcess:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "chat_completions_mock", *self.args],
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        found: list[str] = []

        def read_first_line() -> None:
            assert self.proc is not None
            assert self.proc.stdout is not None
            found.append(self.proc.stdout.readline())

        reader = threading.Thread(target=read_first_line, daemon=True)
        reader.start()
        reader.join(timeout)
        match = _LISTENING.search(found[0]) if found else None
        if match is None:
            self.stop(signal.SIGKILL)
            raise RuntimeError(f"the mock process did not start: {found!r} {self.log()[-2000:]}")
        self.base_url = match.group(1)
        return self

    def stats(self) -> dict[str, int]:
        """`GET /_mock/stats` (this request itself counts one in `requests_total` and `active_requests`)."""
        data: dict[str, int] = httpx.get(f"{self.url}/_mock/stats", timeout=10).json()
        return data

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15) -> int | None:
        """Send `sig` and wait; the exit status (None if it had to be killed)."""
        proc, self.proc = self.proc, None
        if proc is None:
            return None
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(sig)
        try:
            status: int | None = proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
            status = None
        if proc.stdout is not None:
            proc.stdout.close()
        return status

    def log(self) -> str:
        """What the server has logged so far (all its runs)."""
        self._log.seek(0)
        return self._log.read()

    def __enter__(self) -> MockProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self._log.close()


def tcp_to(port: int, pid: int | None = None) -> list[Any]:
    """This process's (or `pid`'s) TCP sockets connected to `port` (client ends), any state."""
    process = psutil.Process(pid) if pid is not None else psutil.Process()
    return [c for c in process.net_connections(kind="tcp") if c.raddr and c.raddr.port == port]


def tcp_from(port: int, pid: int | None = None) -> list[Any]:
    """The sockets of a server process accepted on `port` (server ends of connections), any state."""
    process = psutil.Process(pid) if pid is not None else psutil.Process()
    return [c for c in process.net_connections(kind="tcp") if c.laddr and c.laddr.port == port and c.raddr]


def fds() -> int:
    """Open file descriptors of this process."""
    return psutil.Process().num_fds()


def rss() -> int:
    """Resident set size of this process, bytes."""
    return int(psutil.Process().memory_info().rss)


def wait_until(predicate: Any, timeout: float = 10, interval: float = 0.02) -> bool:
    """Poll `predicate()` until true or `timeout`; its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return bool(value)
        time.sleep(interval)


@contextlib.contextmanager
def refused_port() -> Iterator[int]:
    """A loopback port that refuses connections: bound (so nobody else takes it) but not listening."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


class ResetServer(LoopbackServer):
    """Accepts connections and resets each at once (SO_LINGER 0), after reading the request when `read_first`.

    `accepted` counts connections: the number of attempts a client made.
    """

    def __init__(self, *, read_first: bool) -> None:
        self.read_first = read_first
        super().__init__(self._reset)

    def _reset(self, conn: socket.socket) -> None:
        if self.read_first:
            conn.settimeout(2)
            with contextlib.suppress(OSError):
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        conn.close()  # a reset, before socketserver's own shutdown (a FIN) could run


def raw_request(
    port: int, method: str, target: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 request on a fresh socket, exactly as given (no URL checks); (status, headers, body)."""
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1", f"Authorization: Bearer {KEY}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    data = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + (body or b"")  # raw UTF-8 targets too
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(data)
        received = bytearray()
        while chunk := sock.recv(65536):
            received += chunk
    head, _, rest = bytes(received).partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    found = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        found[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), found, rest


def json_or_none(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _chunk_event(i: int) -> bytes:
    chunk = {
        "id": "chatcmpl-after-done",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "gpt-4o-mini",
        "choices": [{"index": 0, "delta": {"role": "assistant", "content": f"t{i}"}, "finish_reason": None}],
    }
    return f"data: {json.dumps(chunk)}\n\n".encode()


class AfterDoneServer(LoopbackServer):
    """Streams two chunks and `data: [DONE]`, then holds the (chunked) body open for `hold` seconds before ending it:
    silently (`pings=False`) or sending an SSE comment every 50 ms. `accepted` counts connections."""

    def __init__(self, *, pings: bool, hold: float = 20.0) -> None:
        self.pings = pings
        self.hold = hold
        self._stop = threading.Event()
        super().__init__(self._serve, join=True)

    def _serve(self, conn: socket.socket) -> None:
        def send(piece: bytes) -> None:
            conn.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))

        with contextlib.suppress(OSError):
            conn.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n")
            send(_chunk_event(0) + _chunk_event(1))
            send(b"data: [DONE]\n\n")
            deadline = time.monotonic() + self.hold
            while time.monotonic() < deadline and not self._stop.is_set():
                if self.pings:
                    send(b": keep-alive\n\n")
                time.sleep(0.05)
            conn.sendall(b"0\r\n\r\n")

    def close(self) -> None:
        self._stop.set()
        super().close()
