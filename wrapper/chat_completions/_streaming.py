"""Streams of typed chunks over server-sent events (`_sse`).

`data: [DONE]` ends a stream; an `{"error": {...}}` event, or any `event: error`, raises `APIError`; a connection that
ends before `[DONE]` raises `APIConnectionError`, unless every choice has had its `finish_reason` (servers such as
llama-cpp-python's end a complete answer without `[DONE]`; strict mode raises there too). `close()`, the `with`
block, or dropping a sync `Stream` closes its connection; a `break` alone does not (the stream may be iterated again).
"""

from __future__ import annotations

import contextlib
import itertools
import time
from collections.abc import AsyncGenerator, AsyncIterator, Generator, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ._errors import APIConnectionError, APIError, APITimeoutError, from_response, validation_error
from ._sse import EventParser

if TYPE_CHECKING:
    import httpx
    from chat_completions_api.models.create_chat_completion_stream_response import (
        CreateChatCompletionStreamResponse,
    )

_DONE: Any = object()
_DRAIN_READS = 16  # body reads after [DONE] before giving up on reusing the connection
_DRAIN_SECONDS = 0.25  # how long the rest of the body may take to arrive after [DONE] before the connection is dropped
_TRUNCATED = "the stream ended before its [DONE] event; the answer is incomplete"


def _content_type_problem(response: httpx.Response, strict: bool) -> str | None:
    content_type = response.headers.get("content-type", "")
    if "text/event-stream" in content_type.lower() or not (content_type.strip() or strict):
        return None  # an event stream, or (as the official SDK reads it) no content type at all
    return f"expected a text/event-stream response to a stream request, got content-type {content_type!r}"


def _text(response: httpx.Response) -> str | None:
    try:
        return response.text
    except Exception:  # unread (the read failed) or an undecodable charset
        return None


class _Decoder:
    """Turns one server-sent event into a chunk, `_DONE`, None (nothing to yield) or an exception."""

    __slots__ = (
        "build",
        "cls",
        "finished",
        "from_dict",
        "loads",
        "pending",
        "request_id",
        "response",
        "secret",
        "strict",
    )

    def __init__(self, response: httpx.Response, secret: str, strict: bool = False) -> None:
        from ._models import chunk_type
        from ._parsing import build_model, loads

        self.build = build_model
        self.response = response
        self.request_id: str | None = response.headers.get("x-request-id")
        self.secret = secret
        self.strict = strict
        self.cls = chunk_type()
        self.from_dict = self.cls.from_dict
        self.loads = loads
        #: Choice indexes seen without / with a finish_reason (to tell a complete answer without [DONE]).
        self.pending: set[Any] = set()
        self.finished: set[Any] = set()

    def decode(self, event: str, data: bytes) -> Any:
        if data.startswith(b"[DONE]"):
            return _DONE
        if not data:
            return None  # keep-alive or comment-only event
        try:
            obj = self.loads(data)
        except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
            text = data.decode("utf-8", "replace")
            if event == "error":  # plain text: it is the message
                raise self._error(text, text) from None
            raise validation_error(
                self.response, f"a stream event is not valid JSON: {exc}", text, self.secret
            ) from exc
        if event == "error" or (isinstance(obj, dict) and obj.get("error") is not None):
            raise self._error(obj, data.decode("utf-8", "replace"))
        chunk: Any = None
        if type(obj) is dict and not self.strict:  # the common case, without build_model's wrapping
            try:  # noqa: SIM105 - contextlib.suppress costs a context manager per event
                chunk = self.from_dict(obj)
            except (KeyError, TypeError, ValueError, AttributeError, IndexError):
                pass
        if chunk is None:  # strict, not an object, or not a chunk: build_model raises the typed error
            chunk = self.build(self.cls, obj, self.response, self.secret, self.strict)
        choices = chunk.choices
        if choices:
            self._track(choices)
        return chunk

    def _track(self, choices: list[Any]) -> None:
        """Note which choices got their finish_reason (to tell a complete answer without [DONE])."""
        try:
            for choice in choices:
                if choice.finish_reason is None:
                    self.pending.add(choice.index)
                else:
                    self.finished.add(choice.index)
        except (TypeError, AttributeError):  # an index that is no number, a choice kept as it came
            self.pending.add(None)

    def ended(self) -> None:
        """The body ended without [DONE]: raise, unless every choice had its finish_reason (and not strict)."""
        if self.strict or not self.finished or not self.pending <= self.finished:
            raise self.truncated()

    def _error(self, obj: Any, data: str) -> APIError:
        """`{"error": {...}}`, `{"error": "text"}`, or (with `event: error`) `{"message": ...}`, a string, any text."""
        error = obj.get("error") if isinstance(obj, dict) else obj
        if not isinstance(error, dict):
            error = obj if error is None and isinstance(obj, dict) else {"message": error}
        message = error.get("message")
        if not isinstance(message, str) or not message:
            message = f"the server sent an error event mid-stream: {' '.join(data.split())[:300]}"
        return from_response(APIError, self.response, self.secret, message, body=obj, status_code=None, fields=error)

    def truncated(self) -> APIConnectionError:
        return APIConnectionError(_TRUNCATED, request_id=self.request_id, headers=self.response.headers)

    def transport_error(self, exc: Exception) -> APIError:
        import httpx

        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(f"Stream timed out ({type(exc).__name__}).", request_id=self.request_id)
        message = " ".join(str(exc).split()) or type(exc).__name__
        return APIConnectionError(f"Connection error mid-stream: {message}", request_id=self.request_id)


class _DrainOver(Exception):
    """The time for reading the rest of a stream after [DONE] ran out."""


@contextlib.contextmanager
def _reads_until(response: httpx.Response, deadline: float, is_async: bool) -> Iterator[None]:
    """While draining after [DONE], let each socket read wait only until `deadline`, and none start after it.

    httpcore reads an HTTP/1.1 body through the object it exposes as the `network_stream` extension, with the
    request's read timeout (600 s by default) per read: a server that keeps the body open after [DONE], silent or
    sending keep-alive comments (which are not events), would otherwise hold the caller's loop that long, or forever.
    Without that extension (another transport, HTTP/2) the event budget alone bounds the drain.
    """
    stream: Any = response.extensions.get("network_stream")
    read = getattr(stream, "read", None)
    if read is None:
        yield
        return

    def remaining(timeout: float | None) -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _DrainOver
        return left if timeout is None else min(timeout, left)

    def bounded(max_bytes: int, timeout: float | None = None) -> Any:
        return read(max_bytes, remaining(timeout))

    async def abounded(max_bytes: int, timeout: float | None = None) -> Any:
        return await read(max_bytes, remaining(timeout))

    try:
        stream.read = abounded if is_async else bounded
    except AttributeError:  # a stream that takes no attributes: keep the plain drain
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(AttributeError):
            del stream.read


def _chunks(decoder: _Decoder) -> Generator[CreateChatCompletionStreamResponse, None, None]:
    # A function, not a method: a generator holding its Stream would form a cycle and delay closing until a GC pass.
    import httpx

    response = decoder.response
    parser = EventParser()
    try:
        body = response.iter_bytes()
        for data in body:
            for event, payload in parser.feed(data):
                chunk = decoder.decode(event, payload)
                if chunk is _DONE:
                    # Read the (normally empty) rest so the connection can be reused; a failure there costs nothing.
                    deadline = time.monotonic() + _DRAIN_SECONDS
                    with (
                        contextlib.suppress(httpx.HTTPError, httpx.StreamError, _DrainOver),
                        _reads_until(response, deadline, is_async=False),
                    ):
                        for _ in itertools.islice(body, _DRAIN_READS):
                            pass
                    return
                if chunk is not None:
                    yield chunk
        for event, payload in parser.close():
            chunk = decoder.decode(event, payload)
            if chunk is _DONE:
                return
            if chunk is not None:
                yield chunk
        decoder.ended()
    except (httpx.HTTPError, httpx.StreamError) as exc:
        raise decoder.transport_error(exc) from exc
    finally:
        response.close()


async def _achunks(decoder: _Decoder) -> AsyncGenerator[CreateChatCompletionStreamResponse, None]:
    import httpx

    response = decoder.response
    parser = EventParser()
    body = response.aiter_bytes()
    try:
        async for data in body:
            for event, payload in parser.feed(data):
                chunk = decoder.decode(event, payload)
                if chunk is _DONE:
                    # Read the (normally empty) rest so the connection can be reused; a failure there costs nothing.
                    deadline = time.monotonic() + _DRAIN_SECONDS
                    with (
                        contextlib.suppress(httpx.HTTPError, httpx.StreamError, _DrainOver),
                        _reads_until(response, deadline, is_async=True),
                    ):
                        drained = 0
                        async for _ in body:
                            drained += 1
                            if drained >= _DRAIN_READS:
                                break
                    return
                if chunk is not None:
                    yield chunk
        for event, payload in parser.close():
            chunk = decoder.decode(event, payload)
            if chunk is _DONE:
                return
            if chunk is not None:
                yield chunk
        decoder.ended()
    except (httpx.HTTPError, httpx.StreamError) as exc:
        raise decoder.transport_error(exc) from exc
    finally:
        await body.aclose()  # type: ignore[attr-defined]
        await response.aclose()


class Stream(Iterator["CreateChatCompletionStreamResponse"]):
    """An iterator of typed chunks and a context manager; `close()` ends it and frees the connection."""

    def __init__(self, response: httpx.Response, secret: str, strict: bool = False) -> None:
        problem = _content_type_problem(response, strict)
        if problem is not None:
            import httpx

            try:
                response.read()
            except httpx.HTTPError:
                pass  # the content type alone is the problem to report
            finally:
                response.close()
            raise validation_error(response, problem, _text(response), secret)
        #: The HTTP response (status, headers); its body is what this stream reads.
        self.response = response
        #: The `x-request-id` of the response.
        self.request_id: str | None = response.headers.get("x-request-id")
        self._iterator = _chunks(_Decoder(response, secret, strict))

    def __next__(self) -> CreateChatCompletionStreamResponse:
        return next(self._iterator)

    def __iter__(self) -> Iterator[CreateChatCompletionStreamResponse]:
        return self  # not the generator: while anyone iterates, this object (whose __del__ closes) stays alive

    def close(self) -> None:
        """Stop reading and release the connection (safe to call twice)."""
        self._iterator.close()
        self.response.close()

    def __del__(self) -> None:
        # Dropped without close(): free the connection now (a generator never started has no finally to run).
        if hasattr(self, "_iterator"):
            with contextlib.suppress(Exception):  # nothing sensible to do in a finaliser (e.g. at interpreter exit)
                self.close()

    def __enter__(self) -> Stream:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncStream(AsyncIterator["CreateChatCompletionStreamResponse"]):
    """An async iterator of typed chunks and an async context manager; `aclose()` ends it and frees the connection."""

    def __init__(self, response: httpx.Response, secret: str, strict: bool = False) -> None:
        #: The HTTP response (status, headers); its body is what this stream reads.
        self.response = response
        #: The `x-request-id` of the response.
        self.request_id: str | None = response.headers.get("x-request-id")
        self._iterator = _achunks(_Decoder(response, secret, strict))

    @classmethod
    async def open(cls, response: httpx.Response, secret: str, strict: bool = False) -> AsyncStream:
        """Check the response is an event stream, then wrap it."""
        problem = _content_type_problem(response, strict)
        if problem is not None:
            import httpx

            try:
                await response.aread()
            except httpx.HTTPError:
                pass  # the content type alone is the problem to report
            finally:
                await response.aclose()
            raise validation_error(response, problem, _text(response), secret)
        return cls(response, secret, strict)

    async def __anext__(self) -> CreateChatCompletionStreamResponse:
        return await self._iterator.__anext__()

    def __aiter__(self) -> AsyncIterator[CreateChatCompletionStreamResponse]:
        return self

    async def aclose(self) -> None:
        """Stop reading and release the connection (safe to call twice)."""
        await self._iterator.aclose()
        await self.response.aclose()

    close = aclose  # the name `openai`'s AsyncStream gives it

    async def __aenter__(self) -> AsyncStream:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
