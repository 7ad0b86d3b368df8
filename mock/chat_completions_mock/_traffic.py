"""What the mock answered, request by request: `MockServer.requests`, and the cassette a recording writes.

`Traffic` is the outermost middleware: it keeps each request's body as the app reads it and the answer as the
client gets it (status, headers, body in the pieces it was sent in, with their timing), then hands the whole
exchange to the `RequestLog`, which keeps the last few for tests and writes the ones an upstream answered to the
cassette being recorded. One mechanism: the log entry is the cassette interaction.
"""

from __future__ import annotations

import collections
import dataclasses
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._cassette import CREDENTIAL_HEADERS, SECRET_MARKER, Chunk, Interaction, scrub_headers

__all__ = ["SERVED_BY_KEY", "UPSTREAM_URI_KEY", "Received", "RequestLog", "Traffic"]

#: Scope keys: who answered (`mock`, `replay` or `upstream`; the latter two skip the mock's own headers), and
#: the upstream URI a forwarded request went to.
SERVED_BY_KEY = "chat_completions_mock.served_by"
UPSTREAM_URI_KEY = "chat_completions_mock.upstream_uri"
_CREDENTIALS = frozenset(name.encode() for name in CREDENTIAL_HEADERS)


@dataclasses.dataclass(frozen=True)
class Received:
    """One request the mock answered, and its answer (credential headers masked).

    `body` is the request's JSON (None when it sent none or not JSON); `answer` the answer's JSON (None for a
    stream: read `text`); `served_by` says who answered: `mock`, `replay` (a cassette) or `upstream`; `complete`
    is False when the answer was cut short (never recorded then).
    """

    interaction: Interaction
    served_by: str
    complete: bool = True  # False: the answer was cut short (the client left, a fault dropped it)

    @property
    def method(self) -> str:
        """The request's method."""
        return self.interaction.method

    @property
    def path(self) -> str:
        """The request's path (`/v1/chat/completions`)."""
        return self.interaction.path

    @property
    def headers(self) -> dict[str, str]:
        """The request's headers, lower-cased names, credentials replaced by `<scrubbed>`."""
        return {name.lower(): value for name, value in self.interaction.request_headers}

    @property
    def body(self) -> Any:
        """The request's JSON body (None when empty or not JSON)."""
        return self.interaction.json_body()

    @property
    def status(self) -> int:
        """The answer's status code."""
        return self.interaction.status

    @property
    def response_headers(self) -> dict[str, str]:
        """The answer's headers, lower-cased names."""
        return {name.lower(): value for name, value in self.interaction.response_headers}

    @property
    def text(self) -> str:
        """The answer's body as text (a stream's events as sent)."""
        return self.interaction.response_body.decode("utf-8", "replace")

    @property
    def answer(self) -> Any:
        """The answer's JSON (None for a stream or a body that is not JSON)."""
        return self.interaction.response_json()

    def __repr__(self) -> str:
        return f"<Received {self.method} {self.path} -> {self.status} ({self.served_by})>"


#: The most request and answer bytes the log keeps: older entries go first (load tests send big bodies).
MAX_LOGGED_BYTES = 64 * 1024 * 1024


def _size(entry: Received) -> int:
    return len(entry.interaction.request_body) + len(entry.interaction.response_body)


class RequestLog:
    """The last `size` exchanges (0: none kept; at most `MAX_LOGGED_BYTES` of bodies), and the sink a recording
    writes through (`on_upstream`)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: collections.deque[Received] = collections.deque()
        self._bytes = 0
        self._lock = threading.Lock()
        self.on_upstream: Callable[[Interaction], None] | None = None

    @property
    def active(self) -> bool:
        """Whether anything wants the exchanges (a log kept, or a recording)."""
        return self.size > 0 or self.on_upstream is not None

    def add(self, entry: Received) -> None:
        """Keep one exchange; write it to the recording when an upstream answered it."""
        if self.size:
            with self._lock:
                self._entries.append(entry)
                self._bytes += _size(entry)
                while len(self._entries) > self.size or (self._bytes > MAX_LOGGED_BYTES and len(self._entries) > 1):
                    self._bytes -= _size(self._entries.popleft())
        if entry.served_by == "upstream" and entry.complete and self.on_upstream is not None:
            self.on_upstream(entry.interaction)

    def entries(self) -> list[Received]:
        """The kept exchanges, oldest first."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        """Forget the kept exchanges."""
        with self._lock:
            self._entries.clear()
            self._bytes = 0


class _Reading:
    """A `receive` that keeps the body's pieces; it still leads to uvicorn's transport (see `_wire.transport_of`),
    which the faults that drop connections need."""

    def __init__(self, receive: Receive, sent: list[bytes]) -> None:
        self._receive = receive
        self.sent = sent
        self.transport = getattr(getattr(receive, "__self__", None), "transport", None)

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            self.sent.append(message.get("body", b""))
        return message


def _headers(raw: Iterable[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    return [(name.decode("latin-1"), value.decode("latin-1")) for name, value in raw]


class Traffic:
    """Outermost middleware: hands each answered exchange to the `RequestLog` (`state.requests`)."""

    def __init__(self, app: ASGIApp, log: RequestLog, scrub: Iterable[str] = ()) -> None:
        self.app = app
        self.log = log
        self.scrub = tuple(scrub)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.log.active or scope["path"].startswith("/_mock/"):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        sent: list[bytes] = []
        answer: list[bytes] = []
        chunks: list[Chunk] = []
        start: dict[str, Any] = {}
        kept: list[bool] = []

        def keep(*, complete: bool) -> None:
            if start and not kept:
                kept.append(True)
                self.log.add(self._entry(scope, sent, start, answer, chunks, complete=complete))

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                piece = message.get("body", b"")
                if piece:
                    answer.append(piece)
                    chunks.append(Chunk(len(piece), time.perf_counter() - started))
                if not message.get("more_body", False):
                    # Kept before the last piece goes out: a client that has its whole answer finds it logged.
                    keep(complete=True)
            await send(message)

        try:
            await self.app(scope, _Reading(receive, sent).receive, sending)
        finally:
            keep(complete=False)  # the answer was cut short (no last piece was sent)

    def _entry(
        self,
        scope: Scope,
        sent: list[bytes],
        start: dict[str, Any],
        answer: list[bytes],
        chunks: list[Chunk],
        *,
        complete: bool,
    ) -> Received:
        query = scope.get("query_string", b"").decode("latin-1")
        uri = scope.get(UPSTREAM_URI_KEY) or (scope["path"] + (f"?{query}" if query else ""))
        response_headers = _headers(start.get("headers", ()))
        secrets = _secrets(scope["headers"])
        stream = any(n.lower() == "content-type" and v.startswith("text/event-stream") for n, v in response_headers)
        status = int(start["status"])
        interaction = Interaction(
            method=scope["method"],
            uri=uri,
            request_headers=scrub_headers(_headers(scope["headers"]), self.scrub),
            request_body=_hide(b"".join(sent), secrets),
            status=status,
            reason=_reason(status),
            response_headers=scrub_headers(response_headers, self.scrub),
            response_body=_hide(b"".join(answer), secrets),
            chunks=chunks if stream else None,
        )
        return Received(interaction, scope.get(SERVED_BY_KEY, "mock"), complete)


def _secrets(headers: Iterable[tuple[bytes, bytes]]) -> list[bytes]:
    """The credentials a request carries (its keys, without `Bearer`), to keep out of bodies too."""
    found = []
    for name, value in headers:
        if name.lower() in _CREDENTIALS:
            token = value.split(b" ", 1)[-1].strip()
            if len(token) >= 8:
                found.append(token)
    return found


def _hide(body: bytes, secrets: list[bytes]) -> bytes:
    for secret in secrets:
        if secret in body:
            body = body.replace(secret, SECRET_MARKER.encode())
    return body


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
