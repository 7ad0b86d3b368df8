"""The ASGI app: routes, auth, common headers, fault injection and the handlers of the six operations."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
import json
import logging
import math
import re
import secrets
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from os import PathLike
from typing import Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from ._completions import DONE, plan, render, render_stream, stored_messages
from ._errors import ApiError, SchemaErrors, error_body, invalid
from ._faults import FAULT_HEADER, Fault, FaultBook, parse_fault
from ._rules import check_create, check_metadata, context_error
from ._spec import QuerySchema, Spec, compiled_spec
from ._store import CompletionStore, Page
from ._tokens import prompt_tokens

log = logging.getLogger("chat_completions_mock")

#: Default limit of a request body (bigger bodies get 413).
DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024
#: Default context window, in approximate tokens.
DEFAULT_CONTEXT_WINDOW = 128_000

_FAULT_KEY = "chat_completions_mock.fault"
_CREATE_PATHS = frozenset({"/v1/chat/completions", "/chat/completions"})
_INTEGER = re.compile(r"\s*[+-]?[0-9]+\s*")
_INTEGER_FIELDS = ("n", "max_tokens", "max_completion_tokens", "top_logprobs", "seed")
# Request ids: a random per-process prefix and a counter (unique, cheaper than 16 random bytes per request).
_ID_PREFIX = secrets.token_hex(8).encode()
_REQUEST_COUNTER = itertools.count(1)
_TRANSPORT_KEY = "chat_completions_mock.transport"
_JSON = b"application/json"
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
_DUMPS = json.JSONEncoder(separators=(",", ":")).encode
_HTML_PAGE = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>"
    b"\r\n<hr><center>mock-proxy</center>\r\n</body>\r\n</html>\r\n"
)


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError("number out of range")
    return value


def _no_constant(text: str) -> Any:
    raise ValueError(f"{text} is not valid JSON")


_DECODER = json.JSONDecoder(parse_float=_finite, parse_constant=_no_constant)


@dataclasses.dataclass(frozen=True)
class MockOptions:
    """Options of one mock server (the CLI's flags; see `create_app`)."""

    permissive: bool = False
    api_keys: frozenset[str] = frozenset()
    store_path: str | None = None
    faults: tuple[Fault, ...] = ()
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    context_window: int = DEFAULT_CONTEXT_WINDOW


class MockState:
    """The running mock's state: spec, store, faults and counters (`app.state.mock`)."""

    def __init__(self, options: MockOptions) -> None:
        self.options = options
        self.spec: Spec = compiled_spec()
        self.errors = SchemaErrors(self.spec)
        self.store = CompletionStore(options.store_path)
        self.faults = FaultBook(options.faults)
        self.requests_total = 0
        self.active_requests = 0
        self.active_streams = 0
        self.streams_total = 0

    def stats(self) -> dict[str, int]:
        """Counters for tests: requests and streams (total and in flight), stored completions."""
        return {
            "requests_total": self.requests_total,
            "active_requests": self.active_requests,
            "streams_total": self.streams_total,
            "active_streams": self.active_streams,
            "stored_completions": len(self.store),
        }


class _ClientGone(Exception):
    """The client went away (or a fault dropped it); stop quietly."""


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


def _transport(send: Send) -> Any:
    """uvicorn's transport behind `send` (to drop connections on purpose), or None under other servers."""
    owner = getattr(send, "__self__", None)
    return getattr(owner, "transport", None)


async def _pause(receive: Receive, seconds: float) -> bool:
    """Wait `seconds`, or less if the client disconnects; whether it disconnected."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while True:
        remaining = deadline - loop.time()
        if remaining <= 0:
            return False
        try:
            message = await asyncio.wait_for(receive(), remaining)
        except TimeoutError:
            return False
        if message["type"] == "http.disconnect":
            return True


async def _drop(scope: Scope, receive: Receive) -> None:
    transport = scope.get(_TRANSPORT_KEY)
    if transport is None:
        raise ConnectionResetError("x-mock-fault dropped the connection (needs a real server such as uvicorn)")
    transport.close()
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(2):
            while (await receive())["type"] != "http.disconnect":
                pass
    raise _ClientGone


def _json_response(payload: Any, status: int = 200) -> Response:
    return Response(_DUMPS(payload).encode(), status, media_type="application/json")


def _error_response(error: ApiError) -> Response:
    return Response(error.body(), error.status, headers=error.headers or None, media_type="application/json")


class EventStream(Response):
    """A `text/event-stream` answer made of pre-rendered SSE events, with the stream faults applied."""

    media_type = "text/event-stream"

    def __init__(self, events: list[bytes], fault: Fault | None, state: MockState) -> None:
        self.status_code = 200
        self.background = None
        self.events = events
        self.fault = fault
        self.state = state
        self.raw_headers = [(b"content-type", b"text/event-stream; charset=utf-8"), (b"cache-control", b"no-cache")]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = self.state
        state.active_streams += 1
        state.streams_total += 1
        try:
            await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
            fault = self.fault
            if fault is None or not (fault.cuts_stream or fault.body == "malformed"):
                # All events in one write: clients parse the same events, and the server spends its time on
                # the answer rather than on framing each event (`slow_chunks` sends them one by one).
                await send({"type": "http.response.body", "body": b"".join(self.events), "more_body": False})
                return
            await self._faulty(fault, scope, receive, send)
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            state.active_streams -= 1

    async def _faulty(self, fault: Fault, scope: Scope, receive: Receive, send: Send) -> None:
        data = self.events[:-1]
        cut: int | None = None
        ending = "done"
        if fault.drop_after is not None:
            cut, ending = fault.drop_after, "drop"
        elif fault.drop_mid_body:
            cut, ending = 1, "drop"
        elif fault.error_event_after is not None:
            cut, ending = fault.error_event_after, "error"
        elif fault.truncate_after is not None:
            cut, ending = fault.truncate_after, "truncate"
        elif fault.body == "malformed":
            cut, ending = 1, "malformed"
        chosen = data if cut is None else data[:cut]
        if ending == "done":
            chosen = [*chosen, DONE]
        for position, event in enumerate(chosen):
            if position and fault.slow_chunks and await _pause(receive, fault.slow_chunks):
                raise _ClientGone
            await send({"type": "http.response.body", "body": event, "more_body": True})
        if ending == "drop":
            await _drop(scope, receive)
        elif ending == "error":
            error = error_body("The server had an error while processing your request. Sorry about that!",
                               "server_error", None, None)
            await send({"type": "http.response.body", "body": b"event: error\ndata: " + error + b"\n\n",
                        "more_body": True})
        elif ending == "malformed":
            await send({"type": "http.response.body", "body": b'data: {"id":"chatcmpl-\n\n', "more_body": True})


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
            if fault is not None and fault.slow_first_byte and await _pause(self.receive, fault.slow_first_byte):
                raise _ClientGone
            elapsed = str(int((time.perf_counter() - self.started) * 1000)).encode()
            limited = fault is not None and fault.status == 429
            message["headers"] = [
                *message.get("headers", ()),
                (b"x-request-id", self.request_id),
                (b"openai-processing-ms", elapsed),
                *(_LIMITED_HEADERS if limited else _STATIC_HEADERS),
            ]
        await self.raw_send(message)


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
        except _ClientGone:
            pass
        except Exception:
            log.exception("the mock failed on %s %s", scope.get("method"), scope.get("path"))
            with contextlib.suppress(Exception):
                await _error_response(ApiError(500))(scope, receive, exchange.send)
        finally:
            state.active_requests -= 1

    async def _serve(self, scope: Scope, exchange: _Exchange) -> None:
        receive, send = exchange.receive, exchange.send
        if scope["path"].startswith("/_mock/"):
            await super().__call__(scope, receive, send)
            return
        early = self._early_answer(scope, exchange)
        if early is not None:
            await early(scope, receive, send)
            return
        fault = exchange.fault
        if fault is not None:
            transport = _transport(exchange.raw_send)
            if transport is not None:
                scope[_TRANSPORT_KEY] = transport
            if fault.drop_before:
                await _drop(scope, receive)
            scope[_FAULT_KEY] = fault
            if fault.drop_mid_body or fault.body == "malformed":
                send = _cutter(fault, scope, receive, send)
        if scope["method"] == "POST" and scope["path"] in _CREATE_PATHS:
            # The hot path, straight to the handler: the same answers as through the router, less overhead.
            scope["app"] = self
            try:
                response = await self.handlers.create(Request(scope, receive, send))
            except ApiError as error:
                response = _error_response(error)
            await response(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    def _early_answer(self, scope: Scope, exchange: _Exchange) -> Response | None:
        """An answer given before routing: 401, a bad fault header, or a status/HTML fault (sets the fault)."""
        authorization = header = None
        for name, value in scope["headers"]:
            if name == b"authorization":
                authorization = value
            elif name == FAULT_HEADER_BYTES:
                header = value
        auth_error = self._auth_error(authorization)
        if auth_error is not None:
            return _error_response(auth_error)
        book = self.mock.faults
        if header is None and not book.active:
            return None
        try:
            fault = book.select(
                header.decode("latin-1") if header is not None else None, _operation(scope["method"], scope["path"])
            )
        except ValueError as exc:
            return _error_response(invalid(f"Invalid {FAULT_HEADER} header: {exc}", None, "invalid_mock_fault"))
        exchange.fault = fault
        if fault is not None and not fault.drop_before:
            if fault.body == "html":
                return Response(_HTML_PAGE, fault.status or 502, media_type="text/html")
            if fault.status is not None:
                return _error_response(_fault_error(fault))
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


FAULT_HEADER_BYTES = FAULT_HEADER.encode()


def _fault_error(fault: Fault) -> ApiError:
    status = fault.status or 500
    headers: dict[str, str] = {}
    if fault.retry_after is not None:
        headers["retry-after"] = str(math.ceil(fault.retry_after))
        headers["retry-after-ms"] = str(round(fault.retry_after * 1000))
    if fault.retry_after_ms is not None:
        headers["retry-after-ms"] = str(fault.retry_after_ms)
    if fault.should_retry is not None:
        headers["x-should-retry"] = "true" if fault.should_retry else "false"
    return ApiError(status, headers=headers)


def _cutter(fault: Fault, scope: Scope, receive: Receive, send: Send) -> Any:
    """A `send` that breaks JSON answers: cut mid-body (then drop the connection), or send malformed JSON."""
    held: list[Message] = []

    async def cut(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = dict(message.get("headers", ()))
            if headers.get(b"content-type", b"").startswith(b"text/event-stream"):
                held.append({"stream": True})
                await send(message)
                return
            held.append(message)
            return
        if held and held[0].get("stream"):
            await send(message)
            return
        body: bytes = message.get("body", b"")
        start = held[0]
        if fault.body == "malformed":
            broken = body[: max(1, len(body) // 2)]
            start["headers"] = [
                (k, str(len(broken)).encode() if k == b"content-length" else v) for k, v in start["headers"]
            ]
            await send(start)
            await send({"type": "http.response.body", "body": broken, "more_body": False})
            return
        await send(start)
        await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
        await _drop(scope, receive)

    return cut


async def read_body(receive: Receive, limit: int) -> bytes:
    """The request body; 413 past `limit` bytes (the rest is drained so the connection stays usable)."""
    chunks: list[bytes] = []
    size = 0
    too_big = False
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _ClientGone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            too_big = True
            chunks.clear()
            if size > limit * 4:
                raise ApiError(413, f"The request body is too large: the limit is {limit} bytes.")
        elif chunk:
            chunks.append(chunk)
        if not message.get("more_body", False):
            break
    if too_big:
        raise ApiError(413, f"The request body is too large: the limit is {limit} bytes.")
    return b"".join(chunks)


def parse_json(raw: bytes) -> Any:
    """Decode a JSON body; 400 with the real API's message when it is not JSON."""
    try:
        text = raw.decode("utf-8")
        value = _DECODER.decode(text)
        if "\\u" in text and ("\\ud" in text.lower()):
            json.dumps(value, ensure_ascii=False).encode("utf-8")
    except RecursionError:
        raise invalid(
            "We could not parse the JSON body of your request: it is nested too deeply.", None, "invalid_json"
        ) from None
    except (ValueError, UnicodeError):
        raise invalid(
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP"
            " library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON."
            " If you have trouble figuring out how to fix this, please contact us through our help center at"
            " help.openai.com.)",
            None,
            "invalid_json",
        ) from None
    return value


class Handlers:
    """The six operations (plus the `/_mock/` control routes), bound to one `MockState`."""

    def __init__(self, state: MockState) -> None:
        self.state = state
        self.spec = state.spec
        self.permissive = state.options.permissive

    async def _body(self, request: Request) -> Any:
        raw = await read_body(request.receive, self.state.options.max_body_bytes)
        if not raw.strip():
            raise invalid(
                "You must provide a JSON body: this endpoint expects a JSON object.", None, "missing_body"
            )
        return parse_json(raw)

    def _validate(self, validator: Any, body: Any) -> None:
        try:
            if validator.is_valid(body):
                return
            error = next(iter(validator.iter_errors(body)))
        except (ValueError, OverflowError, TypeError, RecursionError) as exc:
            raise invalid(f"The request body could not be validated: {exc}", None, "invalid_value") from None
        raise self.state.errors.describe(error)

    async def create(self, request: Request) -> Response:
        """POST /chat/completions."""
        state = self.state
        body = await self._body(request)
        self._validate(self.spec.create_request, body)
        for name in _INTEGER_FIELDS:
            value = body.get(name)
            if isinstance(value, float):  # JSON Schema counts 2.0 as an integer
                body[name] = int(value)
        try:
            if not self.permissive:
                check_create(body)
            tokens = prompt_tokens(body)
            if not self.permissive and tokens > state.options.context_window:
                raise context_error(tokens, state.options.context_window)
            seq = state.store.next_seq()
            planned = plan(body, seq=seq, created=int(time.time()), prompt_tokens=tokens)
        except (RecursionError, ValueError, OverflowError, MemoryError) as exc:
            raise invalid(f"The request could not be processed: {type(exc).__name__}.", None, "invalid_value") from None
        if body.get("store") is True:
            completion = render(planned)
            completion["metadata"] = dict(body.get("metadata") or {})
            messages = stored_messages(planned.id, body, self.spec.listed_message_role)
            await state.store.add(seq, completion, messages)
        if body.get("stream") is True:
            return EventStream(render_stream(planned), request.scope.get(_FAULT_KEY), state)
        return _json_response(render(planned))

    def _query(self, request: Request, schema: QuerySchema) -> tuple[dict[str, Any], dict[str, str]]:
        values: dict[str, Any] = {}
        metadata: dict[str, str] = {}
        try:
            pairs = parse_qsl(request.scope["query_string"].decode("latin-1"), keep_blank_values=True,
                              max_num_fields=1000)
        except ValueError as exc:
            raise invalid(f"Invalid query string: {exc}", None, "invalid_value") from None
        for key, value in pairs:
            if key.startswith("metadata[") and key.endswith("]") and "metadata" in schema.params:
                metadata[key[9:-1]] = value
            elif key in schema.params:
                values[key] = value
        for key, value in values.items():
            coerced: Any = value
            if key in schema.integers and _INTEGER.fullmatch(value):
                with contextlib.suppress(ValueError):  # past 4,300 digits
                    coerced = int(value)
            validator = schema.validator_for(key)
            if not validator.is_valid(coerced):
                raise self.state.errors.describe(next(iter(validator.iter_errors(coerced))), [key])
            values[key] = coerced
        return values, metadata

    @staticmethod
    def _page(page: Page) -> dict[str, Any]:
        items = page.items
        return {
            "object": "list",
            "data": items,
            "first_id": items[0]["id"] if items else "",
            "last_id": items[-1]["id"] if items else "",
            "has_more": page.has_more,
        }

    @staticmethod
    def _limit(values: dict[str, Any]) -> int:
        limit = values.get("limit", 20)
        return min(max(int(limit), 1), 100)

    async def list(self, request: Request) -> Response:
        """GET /chat/completions."""
        values, metadata = self._query(request, self.spec.list_query)
        page = self.state.store.list(
            model=values.get("model"),
            metadata=metadata,
            after=values.get("after"),
            limit=self._limit(values),
            order=values.get("order", "asc"),
        )
        return _json_response(self._page(page))

    def _missing(self, completion_id: str) -> ApiError:
        return ApiError(404, f"No chat completion found with id '{completion_id[:200]}'.", code=None)

    def _synthesized(self, completion_id: str, metadata: dict[str, str] | None = None) -> dict[str, Any]:
        body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"Say {completion_id}"}]}
        planned = plan(body, seq=0, created=int(time.time()), prompt_tokens=prompt_tokens(body))
        planned.id = completion_id
        completion = render(planned)
        completion["metadata"] = metadata or {}
        return completion

    async def retrieve(self, request: Request) -> Response:
        """GET /chat/completions/{completion_id}."""
        completion_id = request.path_params["completion_id"]
        found = self.state.store.get(completion_id)
        if found is None:
            if not self.permissive:
                raise self._missing(completion_id)
            return _json_response(self._synthesized(completion_id))
        return _json_response(found.completion)

    async def update(self, request: Request) -> Response:
        """POST /chat/completions/{completion_id} (replace `metadata`)."""
        completion_id = request.path_params["completion_id"]
        body = await self._body(request)
        self._validate(self.spec.update_request, body)
        metadata = dict(body.get("metadata") or {})
        if not self.permissive:
            check_metadata(metadata)
        updated = await self.state.store.update_metadata(completion_id, metadata)
        if updated is None:
            if not self.permissive:
                raise self._missing(completion_id)
            return _json_response(self._synthesized(completion_id, metadata))
        return _json_response(updated)

    async def delete(self, request: Request) -> Response:
        """DELETE /chat/completions/{completion_id}."""
        completion_id = request.path_params["completion_id"]
        if not await self.state.store.delete(completion_id) and not self.permissive:
            raise self._missing(completion_id)
        return _json_response({"object": "chat.completion.deleted", "id": completion_id, "deleted": True})

    async def messages(self, request: Request) -> Response:
        """GET /chat/completions/{completion_id}/messages."""
        completion_id = request.path_params["completion_id"]
        values, _ = self._query(request, self.spec.messages_query)
        page = self.state.store.messages(
            completion_id, after=values.get("after"), limit=self._limit(values), order=values.get("order", "asc")
        )
        if page is None:
            if not self.permissive:
                raise self._missing(completion_id)
            body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello!"}]}
            page = Page(stored_messages(completion_id, body, self.spec.listed_message_role), False)
        return _json_response(self._page(page))

    async def stats(self, request: Request) -> Response:
        """GET /_mock/stats: request and stream counters."""
        return _json_response(self.state.stats())

    async def faults(self, request: Request) -> Response:
        """GET/POST/DELETE /_mock/faults: list, script (`{"fault": "status=503;times=2"}`) or clear faults."""
        book = self.state.faults
        if request.method == "POST":
            body = await self._body(request)
            spec = body.get("fault") if isinstance(body, dict) else None
            if not isinstance(spec, str):
                raise invalid("Expected {\"fault\": \"<fault spec>\"}.", "fault", "invalid_value")
            try:
                ident = book.add(spec)
            except ValueError as exc:
                raise invalid(f"Invalid fault: {exc}", "fault", "invalid_mock_fault") from None
            return _json_response({"id": ident, "fault": spec})
        if request.method == "DELETE":
            book.clear()
        return _json_response({"scripted": book.scripted()})


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    method, path = request.method, request.url.path
    if exc.status_code == 405:
        error = ApiError(405, f"Method {method} is not allowed on {path}.", code="method_not_allowed",
                         headers=exc.headers)
    elif exc.status_code == 404:
        error = ApiError(404, f"Invalid URL ({method} {path})", code=None)
    else:
        error = ApiError(exc.status_code, str(exc.detail))
    return _error_response(error)


async def _server_error(request: Request, exc: Exception) -> Response:
    return _error_response(ApiError(500))


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return _error_response(exc)


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
