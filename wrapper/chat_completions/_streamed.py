"""Streamed responses: `with client.chat.completions.with_streaming_response.<method>(...) as response:`.

Named and shaped as the official SDK's `APIResponse` / `AsyncAPIResponse`: the request is sent when the block is
entered (errors raise there, after retries, as from the plain method); the status and headers are there at once, the
body is read only when the caller asks (`iter_bytes`, `iter_text`, `iter_lines`, `read`, `text`, `json`, `parse()`),
and the connection is closed when the block is left, read or not.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, Unpack, overload

from . import _models
from ._params import _deleted, _path, create_request, list_request, messages_request, update_request
from ._raw import BaseAPIResponse, model_reader, pages_reader

if TYPE_CHECKING:
    import httpx
    from chat_completions_api.models.chat_completion_message_list_data_item import ChatCompletionMessageListDataItem
    from chat_completions_api.models.create_chat_completion_response import (
        CreateChatCompletionResponse as StoredCompletion,
    )

    from ._client import AsyncClient, Client
    from ._config import Config, RequestOptions
    from ._models import ChatCompletionDeleted, CreateChatCompletionResponse
    from ._params import (
        CreateKwargs,
        CreateOverrides,
        ListKwargs,
        MessageListKwargs,
        ParseKwargs,
        Request,
        ResponseFormat,
        UpdateKwargs,
    )
    from ._streaming import AsyncStream, Stream
    from ._structured import ParsedChatCompletion

R = TypeVar("R")
T = TypeVar("T", bound="APIResponse[Any]")
AT = TypeVar("AT", bound="AsyncAPIResponse[Any]")
F = TypeVar("F")  # a `response_format` type

__all__ = ["APIResponse", "AsyncAPIResponse"]

#: How `parse()` reads an answer: a reader of the read body, or None for an event stream (a stream over the body).
Reader = Callable[["httpx.Response"], R] | None


class APIResponse(BaseAPIResponse[R]):
    """An answer whose body is read only on demand; `parse()` gives what the plain method returns."""

    __slots__ = ("_config", "_parsed", "_reader")

    def __init__(self, http_response: httpx.Response, reader: Reader[R], config: Config) -> None:
        super().__init__(http_response)
        self._reader = reader
        self._config = config
        self._parsed: list[R] = []

    def parse(self) -> R:
        """What the plain method returns (a model, a `Stream`, an iterator of items), reading the body; then the same."""
        if not self._parsed:
            response, reader = self.http_response, self._reader
            if reader is None:
                from ._streaming import Stream

                parsed: Any = Stream(response, self._config.api_key, self._config.strict)
            else:
                response.read()
                parsed = reader(response)
            self._parsed.append(parsed)
        return self._parsed[0]

    def read(self) -> bytes:
        """The whole body (read once, then kept)."""
        return self.http_response.read()

    def text(self) -> str:
        """The whole body, decoded."""
        self.read()
        return self.http_response.text

    def json(self) -> object:
        """The whole body as JSON."""
        self.read()
        return self.http_response.json()

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body as it arrives, in byte chunks (decompressed); read it once."""
        return self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        """The body as it arrives, decoded."""
        return self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        """The body as it arrives, line by line (an event stream's `data: ...` lines, for instance)."""
        return self.http_response.iter_lines()

    def close(self) -> None:
        """Release the connection (the block's end does it)."""
        self.http_response.close()


class AsyncAPIResponse(BaseAPIResponse[R]):
    """The async twin of `APIResponse`: `await response.parse()`, `async for line in response.iter_lines()`."""

    __slots__ = ("_config", "_parsed", "_reader")

    def __init__(self, http_response: httpx.Response, reader: Reader[R], config: Config) -> None:
        super().__init__(http_response)
        self._reader = reader
        self._config = config
        self._parsed: list[R] = []

    async def parse(self) -> R:
        """What the plain method returns (a model, an `AsyncStream`, an async iterator of items); then the same."""
        if not self._parsed:
            response, reader = self.http_response, self._reader
            if reader is None:
                from ._streaming import AsyncStream

                parsed: Any = await AsyncStream.open(response, self._config.api_key, self._config.strict)
            else:
                await response.aread()
                parsed = reader(response)
            self._parsed.append(parsed)
        return self._parsed[0]

    async def read(self) -> bytes:
        """The whole body (read once, then kept)."""
        return await self.http_response.aread()

    async def text(self) -> str:
        """The whole body, decoded."""
        await self.read()
        return self.http_response.text

    async def json(self) -> object:
        """The whole body as JSON."""
        await self.read()
        return self.http_response.json()

    def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """The body as it arrives, in byte chunks (decompressed); read it once."""
        return self.http_response.aiter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        """The body as it arrives, decoded."""
        return self.http_response.aiter_text(chunk_size)

    def iter_lines(self) -> AsyncIterator[str]:
        """The body as it arrives, line by line."""
        return self.http_response.aiter_lines()

    async def aclose(self) -> None:
        """Release the connection (the block's end does it); `close` too, as openai names it."""
        await self.http_response.aclose()

    close = aclose


class _ResponseContextManager(Generic[T]):
    """`with ... as response:` sends the request on entry and closes the response on exit."""

    __slots__ = ("_open", "_response")

    def __init__(self, open_response: Callable[[], T]) -> None:
        self._open = open_response
        self._response: T | None = None

    def __enter__(self) -> T:
        self._response = self._open()
        return self._response

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._response is not None:
            self._response.close()


class _AsyncResponseContextManager(Generic[AT]):
    """`async with ... as response:` sends the request on entry and closes the response on exit."""

    __slots__ = ("_open", "_response")

    def __init__(self, open_response: Callable[[], Awaitable[AT]]) -> None:
        self._open = open_response
        self._response: AT | None = None

    async def __aenter__(self) -> AT:
        self._response = await self._open()
        return self._response

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._response is not None:
            await self._response.aclose()


class CompletionsWithStreamingResponse:
    """`client.chat.completions.with_streaming_response`: each method as a context manager giving an `APIResponse`."""

    __slots__ = ("_client", "messages")

    def __init__(self, client: Client) -> None:
        self._client = client
        #: `client.chat.completions.messages`, with streamed responses.
        self.messages = MessagesWithStreamingResponse(self)

    def _open(self, request: Any, options: Any, reader: Reader[R]) -> _ResponseContextManager[APIResponse[R]]:
        client = self._client

        def open_response() -> APIResponse[R]:
            config = client._config
            return APIResponse(client._requester().send(config, request, options, stream=True), reader, config)

        return _ResponseContextManager(open_response)

    def _pages(self, url: str, cls: type[Any], query: dict[str, Any], options: Any) -> _ResponseContextManager[Any]:
        reader = pages_reader(self._client._requester(), self._client._config, url, cls, query, options=options)
        return self._open(("GET", url, None, query), options, reader)

    @overload
    def create(
        self, /, *, stream: Literal[False] | None = None, **params: Unpack[CreateKwargs]
    ) -> _ResponseContextManager[APIResponse[CreateChatCompletionResponse]]: ...
    @overload
    def create(
        self, /, *, stream: Literal[True], **params: Unpack[CreateKwargs]
    ) -> _ResponseContextManager[APIResponse[Stream]]: ...
    @overload
    def create(
        self, /, *, stream: bool, **params: Unpack[CreateKwargs]
    ) -> _ResponseContextManager[APIResponse[CreateChatCompletionResponse | Stream]]: ...
    @overload
    def create(
        self, request: Request, /, *, stream: Literal[False] | None = None, **params: Unpack[CreateOverrides]
    ) -> _ResponseContextManager[APIResponse[CreateChatCompletionResponse]]: ...
    @overload
    def create(
        self, request: Request, /, *, stream: Literal[True], **params: Unpack[CreateOverrides]
    ) -> _ResponseContextManager[APIResponse[Stream]]: ...
    @overload
    def create(
        self, request: Request, /, *, stream: bool, **params: Unpack[CreateOverrides]
    ) -> _ResponseContextManager[APIResponse[CreateChatCompletionResponse | Stream]]: ...
    def create(
        self, request: Request | None = None, /, *, stream: bool | None = None, **params: Any
    ) -> _ResponseContextManager[Any]:
        """`client.chat.completions.create(...)`, streamed; with `stream=True`, `parse()` gives the `Stream`."""
        config = self._client._config
        call, options = create_request(request, stream, params, config)
        return self._open(call, options, None if stream else model_reader(_models.completion_type(), config))

    @overload
    def parse(
        self, /, *, response_format: type[F], **params: Unpack[ParseKwargs]
    ) -> _ResponseContextManager[APIResponse[ParsedChatCompletion[F]]]: ...
    @overload
    def parse(
        self, /, *, response_format: ResponseFormat | None = None, **params: Unpack[ParseKwargs]
    ) -> _ResponseContextManager[APIResponse[ParsedChatCompletion[None]]]: ...
    def parse(self, /, *, response_format: Any = None, **params: Any) -> _ResponseContextManager[Any]:
        """`client.chat.completions.parse(...)`, streamed; `parse()` gives the parsed completion."""
        from ._structured import parse_completion, prepare

        tools = prepare(params, response_format)
        config = self._client._config
        call, options = create_request(None, None, params, config)
        read = model_reader(_models.completion_type(), config)
        return self._open(call, options, lambda response: parse_completion(read(response), response_format, tools))

    def retrieve(
        self, completion_id: str, **options: Unpack[RequestOptions]
    ) -> _ResponseContextManager[APIResponse[CreateChatCompletionResponse]]:
        """`client.chat.completions.retrieve(...)`, streamed."""
        config = self._client._config
        reader = model_reader(_models.completion_type(), config)
        return self._open(("GET", config.root + _path(completion_id), None, None), options, reader)

    def update(
        self, completion_id: str, **params: Unpack[UpdateKwargs]
    ) -> _ResponseContextManager[APIResponse[CreateChatCompletionResponse]]:
        """`client.chat.completions.update(...)`, streamed."""
        config = self._client._config
        path, body, options = update_request(completion_id, params)
        reader = model_reader(_models.completion_type(), config)
        return self._open(("POST", config.root + path, body, None), options, reader)

    def delete(
        self, completion_id: str, **options: Unpack[RequestOptions]
    ) -> _ResponseContextManager[APIResponse[ChatCompletionDeleted]]:
        """`client.chat.completions.delete(...)`, streamed."""
        config = self._client._config
        reader = model_reader(_models.deleted_type(), config, _deleted(completion_id))
        return self._open(("DELETE", config.root + _path(completion_id), None, None), options, reader)

    def list(self, **params: Unpack[ListKwargs]) -> _ResponseContextManager[APIResponse[Iterator[StoredCompletion]]]:
        """`client.chat.completions.list(...)`, streamed: the first page's answer; `parse()` iterates over all pages."""
        query, options = list_request(params)
        return self._pages(self._client._config.completions_url, _models.list_type(), query, options)


class MessagesWithStreamingResponse:
    """`client.chat.completions.with_streaming_response.messages`."""

    __slots__ = ("_completions",)

    def __init__(self, completions: CompletionsWithStreamingResponse) -> None:
        self._completions = completions

    def list(
        self, completion_id: str, **params: Unpack[MessageListKwargs]
    ) -> _ResponseContextManager[APIResponse[Iterator[ChatCompletionMessageListDataItem]]]:
        """`client.chat.completions.messages.list(...)`, streamed: the first page's answer; `parse()` iterates on."""
        path, query, options = messages_request(completion_id, params)
        url = self._completions._client._config.root + path
        return self._completions._pages(url, _models.message_list_type(), query, options)


class AsyncCompletionsWithStreamingResponse:
    """`client.chat.completions.with_streaming_response` of an `AsyncClient`: `async with` each method."""

    __slots__ = ("_client", "messages")

    def __init__(self, client: AsyncClient) -> None:
        self._client = client
        #: `client.chat.completions.messages`, with streamed responses.
        self.messages = AsyncMessagesWithStreamingResponse(self)

    def _open(self, request: Any, options: Any, reader: Reader[R]) -> _AsyncResponseContextManager[AsyncAPIResponse[R]]:
        client = self._client

        async def open_response() -> AsyncAPIResponse[R]:
            config = client._config
            response = await client._requester().send(config, request, options, stream=True)
            return AsyncAPIResponse(response, reader, config)

        return _AsyncResponseContextManager(open_response)

    def _pages(
        self, url: str, cls: type[Any], query: dict[str, Any], options: Any
    ) -> _AsyncResponseContextManager[Any]:
        reader = pages_reader(self._client._requester(), self._client._config, url, cls, query, options=options)
        return self._open(("GET", url, None, query), options, reader)

    @overload
    def create(
        self, /, *, stream: Literal[False] | None = None, **params: Unpack[CreateKwargs]
    ) -> _AsyncResponseContextManager[AsyncAPIResponse[CreateChatCompletionResponse]]: ...
    @overload
    def create(
        self, /, *, stream: Literal[True], **params: Unpack[CreateKwargs]
    ) -> _AsyncResponseContextManager[AsyncAPIResponse[AsyncStream]]: ...
    @overload
    def create(
        self, /, *, stream: bool, **params: Unpack[CreateKwargs]
    ) -> _AsyncResponseContextManager[AsyncAPIResponse[CreateChatCompletionResponse | AsyncStream]]: ...
    @overload
    def create(
        self, request: Request, /, *, stream: Literal[False] | None = None, **params: Unpack[CreateOverrides]
    ) -> _AsyncResponseContextManager[AsyncAPIResponse[CreateChatCompletionResponse]]: ...
    @overload
    def create(
        self, request: Request, /, *, stream: Literal[True], **params: Unpack[CreateOverrides]
    ) -> _AsyncResponseContextManager[AsyncAPIResponse[AsyncStream]]: ...
    @overload
    def create(
        self, request: Request, /, *, stream: bool, **params: Unpack[CreateOverrides]
    ) -> _AsyncResponseContextManager[AsyncAPIResponse[CreateChatCompletionResponse | AsyncStream]]: ...
    def create(
        self, request: Request | None = None, /, *, stream: bool | None = None, **params: Any
    ) -> _AsyncResponseContextManager[Any]:
        """`client.chat.completions.create(...)`, streamed; with `stream=True`, `await parse()` gives the stream."""
        config = self._client._config
        call, options = create_request(request, stream, params, config)
        return self._open(call, options, None if stream else model_reader(_models.completion_type(), config))

    @overload
    def parse(
        self, /, *, response_format: type[F], **params: Unpack[ParseKwargs]
    ) -> _AsyncResponseContextManager[AsyncAPIResponse[ParsedChatCompletion[F]]]: ...
    @overload
    def parse(
        self, /, *, response_format: ResponseFormat | None = None, **params: Unpack[ParseKwargs]
    ) -> _AsyncResponseContextManager[AsyncAPIResponse[ParsedChatCompletion[None]]]: ...
    def parse(self, /, *, response_format: Any = None, **params: Any) -> _AsyncResponseContextManager[Any]:
        """`client.chat.completions.parse(...)`, streamed; `parse()` gives the parsed completion."""
        from ._structured import parse_completion, prepare

        tools = prepare(params, response_format)
        config = self._client._config
        call, options = create_request(None, None, params, config)
        read = model_reader(_models.completion_type(), config)
        return self._open(call, options, lambda response: parse_completion(read(response), response_format, tools))

    def retrieve(
        self, completion_id: str, **options: Unpack[RequestOptions]
    ) -> _AsyncResponseContextManager[AsyncAPIResponse[CreateChatCompletionResponse]]:
        """`client.chat.completions.retrieve(...)`, streamed."""
        config = self._client._config
        reader = model_reader(_models.completion_type(), config)
        return self._open(("GET", config.root + _path(completion_id), None, None), options, reader)

    def update(
        self, completion_id: str, **params: Unpack[UpdateKwargs]
    ) -> _AsyncResponseContextManager[AsyncAPIResponse[CreateChatCompletionResponse]]:
        """`client.chat.completions.update(...)`, streamed."""
        config = self._client._config
        path, body, options = update_request(completion_id, params)
        reader = model_reader(_models.completion_type(), config)
        return self._open(("POST", config.root + path, body, None), options, reader)

    def delete(
        self, completion_id: str, **options: Unpack[RequestOptions]
    ) -> _AsyncResponseContextManager[AsyncAPIResponse[ChatCompletionDeleted]]:
        """`client.chat.completions.delete(...)`, streamed."""
        config = self._client._config
        reader = model_reader(_models.deleted_type(), config, _deleted(completion_id))
        return self._open(("DELETE", config.root + _path(completion_id), None, None), options, reader)

    def list(
        self, **params: Unpack[ListKwargs]
    ) -> _AsyncResponseContextManager[AsyncAPIResponse[AsyncIterator[StoredCompletion]]]:
        """`client.chat.completions.list(...)`, streamed: the first page's answer; `parse()` gives `async for`."""
        query, options = list_request(params)
        return self._pages(self._client._config.completions_url, _models.list_type(), query, options)


class AsyncMessagesWithStreamingResponse:
    """`client.chat.completions.with_streaming_response.messages` of an `AsyncClient`."""

    __slots__ = ("_completions",)

    def __init__(self, completions: AsyncCompletionsWithStreamingResponse) -> None:
        self._completions = completions

    def list(
        self, completion_id: str, **params: Unpack[MessageListKwargs]
    ) -> _AsyncResponseContextManager[AsyncAPIResponse[AsyncIterator[ChatCompletionMessageListDataItem]]]:
        """`client.chat.completions.messages.list(...)`, streamed: the first page's answer; `parse()` iterates on."""
        path, query, options = messages_request(completion_id, params)
        url = self._completions._client._config.root + path
        return self._completions._pages(url, _models.message_list_type(), query, options)
