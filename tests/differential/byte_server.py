"""A loopback HTTP/1.1 server that answers each request with exact, scripted bytes (imported as `byte_server`).

It runs on the tests' shared `loopback.LoopbackServer` (one per port), with its own connection handler: the other
scripted servers go through `http.server` or answer one fixed fault, while the differential suite needs the raw bytes
on the wire under its control (the status line and header spelling, chunk boundaries that split an SSE line or a UTF-8
character, a body cut mid-stream, a close-delimited body, a redirect to a second port), so this one reads each request
itself and writes `Answer.pieces` verbatim.

One `ByteServer` listens on two ports (`origin` and `other_origin`, for cross-host redirects) and serves many cases at
once: `script(*answers)` returns a `Script` with its own `base_url` (`<origin>/t/<token>/v1`); a request whose path
starts with `/t/<token>/` (on either port) gets that script's next answer and is recorded in `Script.requests`.
"""

from __future__ import annotations

import contextlib
import itertools
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from loopback import LoopbackServer

#: Placeholders replaced in every piece before it is sent (use them in headers only: bodies keep their length).
SELF = b"@SELF@"  # the origin of the port the request came in on, e.g. http://127.0.0.1:41234
OTHER = b"@OTHER@"  # the origin of the other port
PREFIX = b"@PREFIX@"  # /t/<token>: the script's path prefix

_EXHAUSTED_BODY = b'{"error": {"message": "no scripted answer left", "type": "test_error"}}'
_EXHAUSTED = (
    b"HTTP/1.1 599 No Scripted Answer\r\ncontent-type: application/json\r\nx-should-retry: false\r\n"
    b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(_EXHAUSTED_BODY), _EXHAUSTED_BODY)
)


@dataclass(frozen=True)
class Answer:
    """What the server writes for one request: each piece with its own `sendall`, then keep the connection,
    close it (`close`: a cut, or the end of a close-delimited body), or go quiet until the client leaves (`hang`).
    With `path`, the answer is only for a request to that path; any other gets `NOT_FOUND`, as from a real server."""

    pieces: tuple[bytes, ...]
    close: bool = False
    hang: bool = False
    path: str | None = None  # when set, a request to another path (after the prefix, before `?`) gets a 404


_NOT_FOUND_BODY = b'{"error": {"code": "404", "message": "Resource not found"}}'
NOT_FOUND = Answer(
    (
        b"HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s"
        % (len(_NOT_FOUND_BODY), _NOT_FOUND_BODY),
    )
)  # what Azure answers to a path it does not serve


@dataclass(frozen=True)
class Seen:
    """One request as it arrived: method, request target (path and query), headers (names lower-cased), body."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    port: int


@dataclass
class Script:
    """The answers for one client's run of one case, and the requests that run made."""

    token: str
    origin: str
    answers: list[Answer]
    requests: list[Seen] = field(default_factory=list)
    exhausted: int = 0  # requests that came after the last answer (they got a 599)
    repeat: bool = False  # the last answer is given again to every later request

    @property
    def prefix(self) -> str:
        return f"/t/{self.token}"

    @property
    def base_url(self) -> str:
        return f"{self.origin}{self.prefix}/v1"


class ByteServer:
    """Threads on two loopback ports answering scripted bytes; `close()` (or `with`) stops them."""

    def __init__(self) -> None:
        self._scripts: dict[str, Script] = {}
        self._tokens = itertools.count(1)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._conns: set[socket.socket] = set()
        self._servers = [LoopbackServer(self._handler(index)) for index in range(2)]
        self.ports = [server.port for server in self._servers]

    def _handler(self, index: int) -> Callable[[socket.socket], None]:
        return lambda conn: self._serve(conn, self._servers[index].port)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.ports[0]}"

    @property
    def other_origin(self) -> str:
        return f"http://127.0.0.1:{self.ports[1]}"

    def script(self, *answers: Answer, repeat: bool = False) -> Script:
        """A fresh script (its own token and base URL) answering with `answers` in order (`repeat`: the last one
        for ever)."""
        with self._lock:
            token = f"c{next(self._tokens)}"
            script = Script(token, self.origin, list(answers), repeat=repeat)
            self._scripts[token] = script
        return script

    # -- serving -------------------------------------------------------------------------------------------------

    def _serve(self, conn: socket.socket, port: int) -> None:
        """One connection: read each request, write its script's next answer verbatim, until either side closes."""
        with self._lock:
            self._conns.add(conn)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buffer = b""
        try:
            conn.settimeout(0.1)
            while not self._stop.is_set():
                request, buffer = self._read_request(conn, buffer)
                if request is None:
                    return
                method, target, headers, body = request
                answer, script = self._next_answer(Seen(method, target, headers, body, port))
                if answer is None:
                    conn.sendall(_EXHAUSTED)
                    return
                replacements = {
                    SELF: f"http://127.0.0.1:{port}".encode(),
                    OTHER: f"http://127.0.0.1:{self.ports[1] if port == self.ports[0] else self.ports[0]}".encode(),
                    PREFIX: script.prefix.encode() if script else b"",
                }
                for piece in answer.pieces:
                    data = piece
                    for placeholder, value in replacements.items():
                        data = data.replace(placeholder, value)
                    conn.sendall(data)
                if answer.hang:
                    while not self._stop.is_set():
                        try:
                            if not conn.recv(65536):
                                return
                        except TimeoutError:
                            continue
                if answer.close:
                    return
        except OSError:
            return
        finally:
            with self._lock:
                self._conns.discard(conn)
            with contextlib.suppress(OSError):
                conn.close()

    def _read_request(
        self, conn: socket.socket, buffer: bytes
    ) -> tuple[tuple[str, str, dict[str, str], bytes] | None, bytes]:
        """The next request on `conn` (None when the client closed it or the server stops), and what follows it."""
        while b"\r\n\r\n" not in buffer:
            data = self._recv(conn)
            if not data:
                return None, b""
            buffer += data
        head, _, buffer = buffer.partition(b"\r\n\r\n")
        request_line, *lines = head.decode("latin-1").split("\r\n")
        method, target, _ = request_line.split(" ", 2)
        headers: dict[str, str] = {}
        for line in lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length") or 0)
        while len(buffer) < length:
            data = self._recv(conn)
            if not data:
                return None, b""
            buffer += data
        return (method, target, headers, buffer[:length]), buffer[length:]

    def _recv(self, conn: socket.socket) -> bytes:
        while not self._stop.is_set():
            try:
                return conn.recv(65536)
            except TimeoutError:
                continue
        return b""

    def _next_answer(self, seen: Seen) -> tuple[Answer | None, Script | None]:
        parts = seen.target.split("/", 3)  # "", "t", token, rest
        with self._lock:
            script = self._scripts.get(parts[2]) if len(parts) > 2 and parts[1] == "t" else None
            if script is None:
                return None, None
            script.requests.append(seen)
            if not script.answers:
                script.exhausted += 1
                return None, script
            answer = script.answers[0] if script.repeat and len(script.answers) == 1 else script.answers.pop(0)
        if answer.path is not None and seen.target.removeprefix(script.prefix).partition("?")[0] != answer.path:
            return NOT_FOUND, script
        return answer, script

    def close(self) -> None:
        self._stop.set()  # connections still open (a hanging answer, a pooled client) end within 0.1 s
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        for server in self._servers:
            server.close()

    def __enter__(self) -> ByteServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
