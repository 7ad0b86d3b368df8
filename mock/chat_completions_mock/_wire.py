"""Sending answers: JSON and error responses, SSE streams, and the faults that act on the connection."""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
from typing import Any

from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from ._errors import ApiError, error_body
from ._faults import Fault
from ._pacing import Schedule
from ._sse import DONE
from ._state import MockState

#: Scope keys: the request's fault, and uvicorn's transport (to drop connections on purpose).
FAULT_KEY = "chat_completions_mock.fault"
TRANSPORT_KEY = "chat_completions_mock.transport"
HTML_PAGE = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>"
    b"\r\n<hr><center>mock-proxy</center>\r\n</body>\r\n</html>\r\n"
)
_DUMPS = json.JSONEncoder(separators=(",", ":")).encode


class ClientGone(Exception):
    """The client went away (or a fault dropped it); stop quietly."""


def transport_of(channel: Receive | Send) -> Any:
    """uvicorn's transport behind its `receive` (or `send`), to drop connections on purpose; None under other servers.

    Pass `receive` where you can: Starlette's middleware wraps `send`, never `receive`.
    """
    owner = getattr(channel, "__self__", None)
    return getattr(owner, "transport", None)


async def pause(receive: Receive, seconds: float) -> bool:
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


async def disconnected(receive: Receive, timeout: float = 2) -> None:
    """Wait (up to `timeout` s) until the server reports the client gone."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(timeout):
            while (await receive())["type"] != "http.disconnect":
                pass


async def drop(scope: Scope, receive: Receive) -> None:
    """Close the connection under the request (uvicorn only), wait for the disconnect, and stop the handler.

    Our side ends first (a FIN), and the socket closes once the client has closed its own (or after 2 s): closing
    at once while the client's request is still arriving would make the kernel answer with a reset instead, now
    and then, so the client would see a different failure from run to run.
    """
    transport = scope.get(TRANSPORT_KEY)
    if transport is None:
        raise ConnectionResetError("x-mock-fault dropped the connection (needs a real server such as uvicorn)")
    if transport.can_write_eof():
        transport.write_eof()
        await disconnected(receive, 2)
    transport.close()
    await disconnected(receive)
    raise ClientGone


def json_response(payload: Any, status: int = 200) -> Response:
    """`payload` as compact `application/json`."""
    return Response(_DUMPS(payload).encode(), status, media_type="application/json")


def error_response(error: ApiError) -> Response:
    """The `{"error": {...}}` answer of an `ApiError`, with its headers."""
    return Response(error.body(), error.status, headers=error.headers or None, media_type="application/json")


class EventStream(Response):
    """A `text/event-stream` answer made of pre-rendered SSE events, with the stream faults applied."""

    media_type = "text/event-stream"

    def __init__(
        self,
        events: list[bytes],
        fault: Fault | None,
        state: MockState,
        pace: Schedule | None = None,
        started: float | None = None,
    ) -> None:
        self.status_code = 200
        self.background = None
        self.events = events
        self.fault = fault
        self.state = state
        self.pace = pace
        self.started = started  # the event loop's time when the request arrived (the pace counts from it)
        self.raw_headers = [(b"content-type", b"text/event-stream; charset=utf-8"), (b"cache-control", b"no-cache")]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = self.state
        state.active_streams += 1
        state.streams_total += 1
        try:
            await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
            fault = self.fault
            if self.pace is not None and fault is None:
                await self._paced(self.pace, send)
                return
            if fault is None or not (fault.cuts_stream or fault.body == "malformed"):
                # All events in one write: clients parse the same events, and the server spends its time on
                # the answer rather than on framing each event (`slow_chunks` sends them one by one).
                await send({"type": "http.response.body", "body": b"".join(self.events), "more_body": False})
                return
            await self._faulty(fault, scope, receive, send)
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            state.active_streams -= 1

    async def _paced(self, pace: Schedule, send: Send) -> None:
        """Write the events on `pace`'s schedule, sleeping in between (no thread held)."""
        loop = asyncio.get_running_loop()
        start = self.started if self.started is not None else loop.time()
        sent = 0
        try:
            for at, count in pace.writes:
                delay = start + at - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
                body = b"".join(self.events[sent : sent + count])
                sent += count
                await send({"type": "http.response.body", "body": body, "more_body": sent < len(self.events)})
            if sent < len(self.events):
                await send({"type": "http.response.body", "body": b"".join(self.events[sent:]), "more_body": False})
        except OSError:  # the client left while the stream waited
            raise ClientGone from None

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
            if position and fault.slow_chunks and await pause(receive, fault.slow_chunks):
                raise ClientGone
            await send({"type": "http.response.body", "body": event, "more_body": True})
        if ending == "drop":
            await drop(scope, receive)
        elif ending == "error":
            error = error_body(
                "The server had an error while processing your request. Sorry about that!", "server_error", None, None
            )
            await send(
                {"type": "http.response.body", "body": b"event: error\ndata: " + error + b"\n\n", "more_body": True}
            )
        elif ending == "malformed":
            await send({"type": "http.response.body", "body": b'data: {"id":"chatcmpl-\n\n', "more_body": True})


def fault_error(fault: Fault) -> ApiError:
    """The error a `status=` fault answers, with its `retry-after*` and `x-should-retry` headers."""
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


def cutter(fault: Fault, scope: Scope, receive: Receive, send: Send) -> Send:
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
        await drop(scope, receive)

    return cut
