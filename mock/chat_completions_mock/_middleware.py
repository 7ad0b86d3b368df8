"""The ASGI middleware around the routes, outermost first: common headers, Azure's api-version, auth, faults.

Each is a plain ASGI middleware (`Middleware(cls, state=...)` in the app's `middleware` list): `CommonHeaders`
counts the request and stamps every answer with the headers the real API sends; `AzureApiVersion` answers 404 to an
Azure path without `api-version`; `Auth` answers 401 without an accepted Bearer (or Azure `api-key`) key; `FaultSelection` picks the request's fault (its `x-mock-fault` header, scripted or
server-wide faults) and either answers for it or hands it to the handler. The `/_mock/` control routes skip auth
and faults.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import secrets
import time
from collections.abc import Sequence
from urllib.parse import parse_qs

from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._errors import ApiError, invalid
from ._faults import FAULT_HEADER, Fault
from ._state import MockState
from ._traffic import SERVED_BY_KEY
from ._wire import (
    FAULT_KEY,
    HTML_PAGE,
    TRANSPORT_KEY,
    ClientGone,
    cutter,
    disconnected,
    drop,
    error_response,
    fault_error,
    pause,
    transport_of,
)

__all__ = ["CONTROL_PREFIX", "Auth", "AzureApiVersion", "CommonHeaders", "FaultSelection"]

log = logging.getLogger("chat_completions_mock")

#: Paths of the mock's own control routes (no auth, no faults).
CONTROL_PREFIX = "/_mock/"
# Request ids: a random per-process prefix and a counter (unique, cheaper than 16 random bytes per request).
_ID_PREFIX = secrets.token_hex(8).encode()
_REQUEST_COUNTER = itertools.count(1)
_FAULT_HEADER = FAULT_HEADER.encode()
_STATIC_HEADERS = [
    (b"openai-version", b"2020-10-01"),
    (b"x-ratelimit-limit-requests", b"10000"),
    (b"x-ratelimit-limit-tokens", b"30000000"),
    (b"x-ratelimit-remaining-requests", b"9999"),
    (b"x-ratelimit-remaining-tokens", b"29999000"),
    (b"x-ratelimit-reset-requests", b"6ms"),
    (b"x-ratelimit-reset-tokens", b"0s"),
]
_LIMITED_HEADERS = [
    (name, b"0" if name.startswith(b"x-ratelimit-remaining") else value) for name, value in _STATIC_HEADERS
]


class _Exchange:
    """One request in flight: `send` adds the common headers to the answer and stops quietly on a closed socket."""

    __slots__ = ("counts", "raw_send", "receive", "request_id", "scope", "started")

    def __init__(self, scope: Scope, receive: Receive, send: Send, counts: list[int]) -> None:
        self.counts = counts
        self.scope = scope
        self.receive = receive
        self.raw_send = send
        self.started = time.perf_counter()
        self.request_id = b"req_%s%016x" % (_ID_PREFIX, next(_REQUEST_COUNTER))

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start" and SERVED_BY_KEY not in self.scope:
            elapsed = str(int((time.perf_counter() - self.started) * 1000)).encode()
            fault: Fault | None = self.scope.get(FAULT_KEY)
            limited = fault is not None and fault.status == 429
            message["headers"] = [
                *message.get("headers", ()),
                (b"x-request-id", self.request_id),
                (b"openai-processing-ms", elapsed),
                *(_LIMITED_HEADERS if limited else _STATIC_HEADERS),
            ]
        try:
            await self.raw_send(message)
            if message["type"] == "http.response.start":
                self.counts[min(5, max(1, message["status"] // 100))] += 1
        except Exception:
            # The server has already closed the connection: the client broke the protocol (say, bad chunked
            # framing, which uvicorn answered with its own 400) while we answered early (a 401 before reading the
            # body). That is the client's fault: stop quietly, once the server has noticed the disconnect (else
            # it reports an incomplete answer).
            transport = transport_of(self.receive)
            if transport is None or not transport.is_closing():
                raise
            await disconnected(self.receive, 1)
            raise ClientGone from None


class CommonHeaders:
    """Counts requests; adds `x-request-id`, `openai-processing-ms` and the rate-limit headers to every answer.

    Outermost, so it also turns a crash anywhere below into a logged 500 (with those headers), and a client gone
    (`ClientGone`) into a quiet end.
    """

    def __init__(self, app: ASGIApp, state: MockState) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = self.state
        exchange = _Exchange(scope, receive, send, state.answers_by_class)
        state.requests_total += 1
        state.active_requests += 1
        try:
            await self.app(scope, receive, exchange.send)
        except ClientGone:
            pass
        except Exception:
            log.exception("the mock failed on %s %s", scope.get("method"), scope.get("path"))
            with contextlib.suppress(Exception):
                await error_response(ApiError(500))(scope, receive, exchange.send)
        finally:
            state.active_requests -= 1


class AzureApiVersion:
    """404 `Resource not found` for an Azure path (`/openai/...`, not the v1 API) without the `api-version` query:
    Azure answers so (MicrosoftDocs/azure-docs#114602), and clients that forget it should fail here as there."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if path.startswith("/openai/") and not path.startswith("/openai/v1/"):
                query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
                if not query.get("api-version", [""])[0]:
                    await error_response(ApiError(404, "Resource not found", code="404"))(scope, receive, send)
                    return
        await self.app(scope, receive, send)


class Auth:
    """401 unless the request carries a Bearer key (one of `api_keys` when the server restricts them), or Azure's
    `api-key` header with one (read when there is no `Authorization`)."""

    def __init__(self, app: ASGIApp, state: MockState) -> None:
        self.app = app
        self.keys = state.options.api_keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith(CONTROL_PREFIX):
            authorization = api_key = None
            for name, value in scope["headers"]:
                if name == b"authorization":
                    authorization = value  # the last one counts
                elif name == b"api-key":
                    api_key = value
            if authorization is None and api_key is not None:
                authorization = b"Bearer " + api_key
            error = self.error(authorization)
            if error is not None:
                await error_response(error)(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def error(self, authorization: bytes | None) -> ApiError | None:
        """The 401 for this `Authorization` header value, or None when it is accepted."""
        key = b""
        if authorization is not None:
            scheme, _, key = authorization.strip().partition(b" ")
            if scheme.lower() != b"bearer":
                key = b""
            key = key.strip()
        if not key:
            return ApiError(
                401,
                "You didn't provide an API key. You need to provide your API key in an Authorization header using"
                " Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                code=None,
            )
        if self.keys and key.decode("latin-1") not in self.keys:
            text = key.decode("latin-1")
            shown = text[:3] + "*" * 4 + text[-4:] if len(text) > 8 else "*" * len(text)
            return ApiError(
                401,
                f"Incorrect API key provided: {shown}. You can find your API key at"
                " https://platform.openai.com/account/api-keys.",
                code="invalid_api_key",
            )
        return None


class FaultSelection:
    """Picks the request's fault and acts on it: answers a `status`/`body=html` fault, drops the connection, or
    wraps `send` and puts the fault in the scope (`FAULT_KEY`) for the handler's stream.

    The operation a fault's `on=` names is the name of the route the request matches (`other` when none does).
    """

    def __init__(self, app: ASGIApp, state: MockState, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.book = state.faults
        self.routes = routes

    def operation(self, scope: Scope) -> str:
        """The name of the route that serves this request (`create`, `list`, ...), or `other`."""
        for route in self.routes:
            match, _ = route.matches(scope)
            if match is Match.FULL:
                return getattr(route, "name", None) or "other"
        return "other"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(CONTROL_PREFIX):
            await self.app(scope, receive, send)
            return
        header = None
        for name, value in scope["headers"]:
            if name == _FAULT_HEADER:
                header = value  # the last one counts
        book = self.book
        if header is None and not book.active:
            await self.app(scope, receive, send)  # the hot path: no fault anywhere
            return
        try:
            fault = book.select(header.decode("latin-1") if header is not None else None, self.operation(scope))
        except ValueError as exc:
            error = invalid(f"Invalid {FAULT_HEADER} header: {exc}", None, "invalid_mock_fault")
            await error_response(error)(scope, receive, send)
            return
        if fault is None:
            await self.app(scope, receive, send)
        else:
            await self.apply(fault, scope, receive, send)

    async def apply(self, fault: Fault, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer for the fault, or serve the request with it (slowed, dropped or cut as it says)."""
        scope[FAULT_KEY] = fault
        transport = transport_of(receive)
        if transport is not None:
            scope[TRANSPORT_KEY] = transport
        if fault.slow_first_byte:
            send = _slowed(fault.slow_first_byte, receive, send)
        if not fault.drop_before:
            if fault.body == "html":
                await Response(HTML_PAGE, fault.status or 502, media_type="text/html")(scope, receive, send)
                return
            if fault.status is not None:
                await error_response(fault_error(fault))(scope, receive, send)
                return
        if fault.drop_before:
            await drop(scope, receive)
        if fault.drop_mid_body or fault.body == "malformed":
            send = cutter(fault, scope, receive, send)
        await self.app(scope, receive, send)


def _slowed(seconds: float, receive: Receive, send: Send) -> Send:
    """A `send` that waits `seconds` before the status line (ends early, quietly, if the client leaves)."""

    async def slow(message: Message) -> None:
        if message["type"] == "http.response.start" and await pause(receive, seconds):
            raise ClientGone
        await send(message)

    return slow
