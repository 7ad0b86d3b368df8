"""The ASGI app: routes, auth, common headers and fault selection around the handlers."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import secrets
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from os import PathLike
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from ._errors import ApiError, invalid
from ._faults import FAULT_HEADER, Fault, parse_fault
from ._handlers import Handlers
from ._state import DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_BODY_BYTES, MockOptions, MockState
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

__all__ = ["DEFAULT_CONTEXT_WINDOW", "DEFAULT_MAX_BODY_BYTES", "MockApp", "MockState", "create_app"]

log = logging.getLogger("chat_completions_mock")

_CREATE_PATHS = frozenset({"/v1/chat/completions", "/chat/completions"})
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


def _operation(method: str, path: str) -> str:
    if path.startswith("/v1/"):
        path = path[3:]
    parts = [p for p in path.split("/") if p]
    if parts[:2] != ["chat", "completions"]:
        return "other"
    if len(parts) == 2:
        return {"POST": "create", "GET": "list"}.get(method, "other")
    if len(parts) == 3:
        return {"GET": "retrieve", "POST": "update", "DELETE": "delete"}.get(method, "other")
    if len(parts) == 4 and parts[3] == "messages" and method == "GET":
        return "messages"
    return "other"


class _Exchange:
    """One request in flight: its id, start time and fault; `send` adds the common headers to the answer."""

    __slots__ = ("fault", "raw_send", "receive", "request_id", "started")

    def __init__(self, receive: Receive, send: Send) -> None:
        self.receive = receive
        self.raw_send = send
        self.started = time.perf_counter()
        self.request_id = b"req_%s%016x" % (_ID_PREFIX, next(_REQUEST_COUNTER))
        self.fault: Fault | None = None

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            fault = self.fault
            if fault is not None and fault.slow_first_byte and await pause(self.receive, fault.slow_first_byte):
                raise ClientGone
            elapsed = str(int((time.perf_counter() - self.started) * 1000)).encode()
            limited = fault is not None and fault.status == 429
            message["headers"] = [
                *message.get("headers", ()),
                (b"x-request-id", self.request_id),
                (b"openai-processing-ms", elapsed),
                *(_LIMITED_HEADERS if limited else _STATIC_HEADERS),
            ]
        try:
            await self.raw_send(message)
        except Exception:
            # The server has already closed the connection: the client broke the protocol (say, bad chunked
            # framing, which uvicorn answered with its own 400) while we answered early (a 401 before reading the
            # body). That is the client's fault: stop quietly, once the server has noticed the disconnect (else
            # it reports an incomplete answer).
            transport = transport_of(self.raw_send)
            if transport is None or not transport.is_closing():
                raise
            await disconnected(self.receive, 1)
            raise ClientGone from None


class MockApp(Starlette):
    """The mock's Starlette app. `app.state.mock` holds its `MockState`."""

    mock: MockState
    handlers: Handlers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        state = self.mock
        exchange = _Exchange(receive, send)
        state.requests_total += 1
        state.active_requests += 1
        try:
            await self._serve(scope, exchange)
        except ClientGone:
            pass
        except Exception:
            log.exception("the mock failed on %s %s", scope.get("method"), scope.get("path"))
            with contextlib.suppress(Exception):
                await error_response(ApiError(500))(scope, receive, exchange.send)
        finally:
            state.active_requests -= 1

    async def _serve(self, scope: Scope, exchange: _Exchange) -> None:
        receive = exchange.receive
        send: Send = exchange.send
        if scope["path"].startswith("/_mock/"):
            await super().__call__(scope, receive, send)
            return
        early = self._early_answer(scope, exchange)
        if early is not None:
            await early(scope, receive, send)
            return
        fault = exchange.fault
        if fault is not None:
            transport = transport_of(exchange.raw_send)
            if transport is not None:
                scope[TRANSPORT_KEY] = transport
            if fault.drop_before:
                await drop(scope, receive)
            scope[FAULT_KEY] = fault
            if fault.drop_mid_body or fault.body == "malformed":
                send = cutter(fault, scope, receive, send)
        if scope["method"] == "POST" and scope["path"] in _CREATE_PATHS:
            # The hot path, straight to the handler: the same answers as through the router, less overhead.
            scope["app"] = self
            try:
                response = await self.handlers.create(Request(scope, receive, send))
            except ApiError as error:
                response = error_response(error)
            await response(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    def _early_answer(self, scope: Scope, exchange: _Exchange) -> Response | None:
        """An answer given before routing: 401, a bad fault header, or a status/HTML fault (sets the fault)."""
        authorization = header = None
        for name, value in scope["headers"]:
            if name == b"authorization":
                authorization = value
            elif name == _FAULT_HEADER:
                header = value
        auth_error = self._auth_error(authorization)
        if auth_error is not None:
            return error_response(auth_error)
        book = self.mock.faults
        if header is None and not book.active:
            return None
        try:
            fault = book.select(
                header.decode("latin-1") if header is not None else None, _operation(scope["method"], scope["path"])
            )
        except ValueError as exc:
            return error_response(invalid(f"Invalid {FAULT_HEADER} header: {exc}", None, "invalid_mock_fault"))
        exchange.fault = fault
        if fault is not None and not fault.drop_before:
            if fault.body == "html":
                return Response(HTML_PAGE, fault.status or 502, media_type="text/html")
            if fault.status is not None:
                return error_response(fault_error(fault))
        return None

    def _auth_error(self, authorization: bytes | None) -> ApiError | None:
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
        keys = self.mock.options.api_keys
        if keys and key.decode("latin-1") not in keys:
            text = key.decode("latin-1")
            shown = text[:3] + "*" * 4 + text[-4:] if len(text) > 8 else "*" * len(text)
            return ApiError(
                401,
                f"Incorrect API key provided: {shown}. You can find your API key at"
                " https://platform.openai.com/account/api-keys.",
                code="invalid_api_key",
            )
        return None


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    method, path = request.method, request.url.path
    if exc.status_code == 405:
        error = ApiError(
            405, f"Method {method} is not allowed on {path}.", code="method_not_allowed", headers=exc.headers
        )
    elif exc.status_code == 404:
        error = ApiError(404, f"Invalid URL ({method} {path})", code=None)
    else:
        error = ApiError(exc.status_code, str(exc.detail))
    return error_response(error)


async def _server_error(request: Request, exc: Exception) -> Response:
    return error_response(ApiError(500))


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc)


def _routes(handlers: Handlers) -> list[Route]:
    routes: list[Route] = []
    for prefix in ("/v1", ""):
        routes += [
            Route(f"{prefix}/chat/completions", handlers.create, methods=["POST"]),
            Route(f"{prefix}/chat/completions", handlers.list, methods=["GET"]),
            Route(f"{prefix}/chat/completions/{{completion_id}}", handlers.retrieve, methods=["GET"]),
            Route(f"{prefix}/chat/completions/{{completion_id}}", handlers.update, methods=["POST"]),
            Route(f"{prefix}/chat/completions/{{completion_id}}", handlers.delete, methods=["DELETE"]),
            Route(f"{prefix}/chat/completions/{{completion_id}}/messages", handlers.messages, methods=["GET"]),
        ]
    routes += [
        Route("/_mock/stats", handlers.stats, methods=["GET"]),
        Route("/_mock/faults", handlers.faults, methods=["GET", "POST", "DELETE"]),
    ]
    return _merge_methods(routes)


def _merge_methods(routes: list[Route]) -> list[Route]:
    """One route per path that dispatches on method, so a wrong method gets 405 (not 404)."""
    by_path: dict[str, dict[str, Any]] = {}
    for route in routes:
        for method in route.methods or ():
            by_path.setdefault(route.path, {})[method] = route.endpoint
    merged: list[Route] = []
    for path, endpoints in by_path.items():
        merged.append(Route(path, _dispatch(endpoints), methods=sorted(endpoints)))
    return merged


def _dispatch(endpoints: dict[str, Any]) -> Any:
    if len(endpoints) == 1 or set(endpoints) == {"GET", "HEAD"}:
        return next(iter(endpoints.values()))
    get = endpoints.get("GET")

    async def endpoint(request: Request) -> Response:
        handler = endpoints.get(request.method) or (get if request.method == "HEAD" else None)
        assert handler is not None
        response: Response = await handler(request)
        return response

    return endpoint


def create_app(
    *,
    permissive: bool = False,
    api_keys: Iterable[str] | None = None,
    store_path: str | PathLike[str] | None = None,
    faults: Sequence[Fault | str] = (),
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    context_window: int = DEFAULT_CONTEXT_WINDOW,
) -> MockApp:
    """A new mock app (ASGI). Options mirror the CLI: `permissive`, `api_keys` (restrict accepted keys),
    `store_path` (SQLite file), `faults` (server-wide fault specs), `max_body_bytes`, `context_window`."""
    options = MockOptions(
        permissive=permissive,
        api_keys=frozenset(api_keys or ()),
        store_path=str(store_path) if store_path is not None else None,
        faults=tuple(f if isinstance(f, Fault) else parse_fault(f) for f in faults),
        max_body_bytes=max_body_bytes,
        context_window=context_window,
    )
    state = MockState(options)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await asyncio.to_thread(state.store.close)

    handlers = Handlers(state)
    app = MockApp(
        routes=_routes(handlers),
        exception_handlers={HTTPException: _http_error, ApiError: _api_error, Exception: _server_error},
        lifespan=lifespan,
    )
    app.router.redirect_slashes = False
    app.mock = state
    app.handlers = handlers
    app.state.mock = state
    return app
