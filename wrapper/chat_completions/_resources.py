"""`client.chat.completions` and `client.chat.completions.messages`, sync and async.

The keywords are typed from the spec (`chat_completions_api.params`, generated): mypy reports a misspelt or mistyped
parameter or an unknown message role; at run time they are plain dicts, sent as given.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Unpack, overload

from . import _models
from ._config import NOT_GIVEN, NotGiven, RequestOptions, TimeoutTypes
from ._params import Body, Headers, _body, _deleted, _path, list_request, messages_request, update_request

if TYPE_CHECKING:
    from chat_completions_api.models.chat_completion_message_list_data_item import ChatCompletionMessageListDataItem
    from chat_completions_api.models.create_chat_completion_response import (
        CreateChatCompletionResponse as StoredCompletion,
    )

    from ._client import AsyncClient, Client
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
    from ._raw import (
        AsyncCompletionsWithRawResponse,
        AsyncMessagesWithRawResponse,
        CompletionsWithRawResponse,
        MessagesWithRawResponse,
    )
    from ._stream_events import AsyncChatCompletionStreamManager, ChatCompletionStreamManager
    from ._streamed import (
        AsyncCompletionsWithStreamingResponse,
        AsyncMessagesWithStreamingResponse,
        CompletionsWithStreamingResponse,
        MessagesWithStreamingResponse,
    )
    from ._streaming import AsyncStream, Stream
    from ._structured import ParsedChatCompletion

T = TypeVar("T")


class Completions:
    """`client.chat.completions`: create (plain or streamed), retrieve, update, delete and list completions."""

    __slots__ = ("_client", "messages")

    def __init__(self, client: Client) -> None:
        self._client = client
        #: `client.chat.completions.messages`: the messages of a stored completion.
        self.messages = Messages(client)

    @property
    def with_raw_response(self) -> CompletionsWithRawResponse:
        """These methods returning the HTTP answer (`.headers`, `.status_code`, ...); `.parse()` gives the result."""
        from ._raw import CompletionsWithRawResponse

        return CompletionsWithRawResponse(self._client)

    @property
    def with_streaming_response(self) -> CompletionsWithStreamingResponse:
        """These methods as `with` blocks giving the answer before its body is read (`.iter_lines()`, `.parse()`)."""
        from ._streamed import CompletionsWithStreamingResponse

        return CompletionsWithStreamingResponse(self._client)

    @overload
    def create(
        self, /, *, stream: Literal[False] | None = None, **params: Unpack[CreateKwargs]
    ) -> CreateChatCompletionResponse: ...
    @overload
    def create(self, /, *, stream: Literal[True], **params: Unpack[CreateKwargs]) -> Stream: ...
    @overload
    def create(self, /, *, stream: bool, **params: Unpack[CreateKwargs]) -> CreateChatCompletionResponse | Stream: ...
    @overload
    def create(
        self, request: Request, /, *, stream: Literal[False] | None = None, **params: Unpack[CreateOverrides]
    ) -> CreateChatCompletionResponse: ...
    @overload
    def create(self, request: Request, /, *, stream: Literal[True], **params: Unpack[CreateOverrides]) -> Stream: ...
    @overload
    def create(
        self, request: Request, /, *, stream: bool, **params: Unpack[CreateOverrides]
    ) -> CreateChatCompletionResponse | Stream: ...
    def create(
        self,
        request: Request | None = None,
        /,
        *,
        stream: bool | None = None,
        extra_headers: Headers | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Body | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven | None = NOT_GIVEN,
        **params: Any,
    ) -> CreateChatCompletionResponse | Stream:
        """Create a completion; `params` (or a request model/mapping) are sent as the JSON body exactly as given.

        With `stream=True`, returns a `Stream` of typed chunks instead of the completion.
        """
        client = self._client
        body = _body(request, params, stream, client._config.extra_body, extra_body)
        options: Any = {"extra_headers": extra_headers, "timeout": timeout, "max_retries": max_retries}
        if extra_query:
            options["extra_query"] = extra_query
        if stream:
            return client._requester().stream(client._config, body, options)
        return client._request("POST", "/chat/completions", _models.completion_type(), options, body)

    @overload
    def parse(self, /, *, response_format: type[T], **params: Unpack[ParseKwargs]) -> ParsedChatCompletion[T]: ...
    @overload
    def parse(
        self, /, *, response_format: ResponseFormat | None = None, **params: Unpack[ParseKwargs]
    ) -> ParsedChatCompletion[None]: ...
    def parse(self, /, *, response_format: Any = None, **params: Any) -> ParsedChatCompletion[Any]:
        """`create`, with `response_format` a type (pydantic model, dataclass, TypedDict, attrs class) sent as its
        strict JSON schema; each `message.parsed` is an instance of it. Function tools made by `function_tool` (or
        strict dict tools) get `parsed_arguments`. Raises `LengthFinishReasonError` / `ContentFilterFinishReasonError`
        for an answer cut short."""
        from ._structured import parse_completion, prepare

        tools = prepare(params, response_format)
        return parse_completion(self.create(**params), response_format, tools)

    @overload
    def stream(
        self, /, *, response_format: type[T], **params: Unpack[ParseKwargs]
    ) -> ChatCompletionStreamManager[T]: ...
    @overload
    def stream(
        self, /, *, response_format: ResponseFormat | None = None, **params: Unpack[ParseKwargs]
    ) -> ChatCompletionStreamManager[None]: ...
    def stream(self, /, *, response_format: Any = None, **params: Any) -> ChatCompletionStreamManager[Any]:
        """A streamed `parse()`: `with` it for typed events (`content.delta`, `content.done` with `parsed`,
        `tool_calls.function.arguments.done`, ...), then `get_final_completion()`."""
        from ._stream_events import ChatCompletionStreamManager, ChatCompletionStreamState
        from ._structured import prepare

        tools = prepare(params, response_format, strict_tools=False)
        state: ChatCompletionStreamState[Any] = ChatCompletionStreamState(
            input_tools=tools, response_format=response_format
        )
        return ChatCompletionStreamManager(lambda: self.create(**params, stream=True), state)

    def retrieve(self, completion_id: str, **options: Unpack[RequestOptions]) -> CreateChatCompletionResponse:
        """Get a stored completion (one created with `store=True`)."""
        return self._client._request("GET", _path(completion_id), _models.completion_type(), options)

    def update(self, completion_id: str, **params: Unpack[UpdateKwargs]) -> CreateChatCompletionResponse:
        """Replace the `metadata` of a stored completion."""
        path, body, options = update_request(completion_id, params)
        return self._client._request("POST", path, _models.completion_type(), options, body)

    def delete(self, completion_id: str, **options: Unpack[RequestOptions]) -> ChatCompletionDeleted:
        """Delete a stored completion."""
        cls = _models.deleted_type()
        return self._client._request("DELETE", _path(completion_id), cls, options, empty=_deleted(completion_id))

    def list(self, **params: Unpack[ListKwargs]) -> Iterator[StoredCompletion]:
        """Iterate over stored completions, following `after`/`has_more`; each page is fetched as iteration needs it."""
        query, options = list_request(params)
        config = self._client._config
        return self._client._requester().pages(config, config.completions_url, _models.list_type(), query, options)


class Messages:
    """`client.chat.completions.messages`: the messages of a stored completion."""

    __slots__ = ("_client",)

    def __init__(self, client: Client) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> MessagesWithRawResponse:
        """`list` returning the HTTP answer of the first page; its `.parse()` iterates over every page."""
        from ._raw import CompletionsWithRawResponse

        return CompletionsWithRawResponse(self._client).messages

    @property
    def with_streaming_response(self) -> MessagesWithStreamingResponse:
        """`list` as a `with` block giving the first page's answer before its body is read."""
        from ._streamed import CompletionsWithStreamingResponse

        return CompletionsWithStreamingResponse(self._client).messages

    def list(
        self, completion_id: str, **params: Unpack[MessageListKwargs]
    ) -> Iterator[ChatCompletionMessageListDataItem]:
        """Iterate over a stored completion's messages, following `after`/`has_more` page by page."""
        path, query, options = messages_request(completion_id, params)
        config = self._client._config
        return self._client._requester().pages(config, config.root + path, _models.message_list_type(), query, options)


class Chat:
    """`client.chat`: holds `completions`."""

    __slots__ = ("completions",)

    def __init__(self, client: Client) -> None:
        #: Create, retrieve, update, delete and list chat completions.
        self.completions = Completions(client)


class AsyncCompletions:
    """`client.chat.completions` of an `AsyncClient`: the same methods as `Completions`, awaitable."""

    __slots__ = ("_client", "messages")

    def __init__(self, client: AsyncClient) -> None:
        self._client = client
        #: `client.chat.completions.messages`: the messages of a stored completion.
        self.messages = AsyncMessages(client)

    @property
    def with_raw_response(self) -> AsyncCompletionsWithRawResponse:
        """These methods returning the HTTP answer (`.headers`, `.status_code`, ...); `.parse()` gives the result."""
        from ._raw import AsyncCompletionsWithRawResponse

        return AsyncCompletionsWithRawResponse(self._client)

    @property
    def with_streaming_response(self) -> AsyncCompletionsWithStreamingResponse:
        """These methods as `async with` blocks giving the answer before its body is read."""
        from ._streamed import AsyncCompletionsWithStreamingResponse

        return AsyncCompletionsWithStreamingResponse(self._client)

    @overload
    async def create(
        self, /, *, stream: Literal[False] | None = None, **params: Unpack[CreateKwargs]
    ) -> CreateChatCompletionResponse: ...
    @overload
    async def create(self, /, *, stream: Literal[True], **params: Unpack[CreateKwargs]) -> AsyncStream: ...
    @overload
    async def create(
        self, /, *, stream: bool, **params: Unpack[CreateKwargs]
    ) -> CreateChatCompletionResponse | AsyncStream: ...
    @overload
    async def create(
        self, request: Request, /, *, stream: Literal[False] | None = None, **params: Unpack[CreateOverrides]
    ) -> CreateChatCompletionResponse: ...
    @overload
    async def create(
        self, request: Request, /, *, stream: Literal[True], **params: Unpack[CreateOverrides]
    ) -> AsyncStream: ...
    @overload
    async def create(
        self, request: Request, /, *, stream: bool, **params: Unpack[CreateOverrides]
    ) -> CreateChatCompletionResponse | AsyncStream: ...
    async def create(
        self,
        request: Request | None = None,
        /,
        *,
        stream: bool | None = None,
        extra_headers: Headers | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Body | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven | None = NOT_GIVEN,
        **params: Any,
    ) -> CreateChatCompletionResponse | AsyncStream:
        """Create a completion, as `Completions.create`; with `stream=True`, an `AsyncStream` of typed chunks."""
        client = self._client
        body = _body(request, params, stream, client._config.extra_body, extra_body)
        options: Any = {"extra_headers": extra_headers, "timeout": timeout, "max_retries": max_retries}
        if extra_query:
            options["extra_query"] = extra_query
        if stream:
            return await client._requester().stream(client._config, body, options)
        return await client._request("POST", "/chat/completions", _models.completion_type(), options, body)

    @overload
    async def parse(self, /, *, response_format: type[T], **params: Unpack[ParseKwargs]) -> ParsedChatCompletion[T]: ...
    @overload
    async def parse(
        self, /, *, response_format: ResponseFormat | None = None, **params: Unpack[ParseKwargs]
    ) -> ParsedChatCompletion[None]: ...
    async def parse(self, /, *, response_format: Any = None, **params: Any) -> ParsedChatCompletion[Any]:
        """`create`, with `response_format` a type (pydantic model, dataclass, TypedDict, attrs class) sent as its
        strict JSON schema; each `message.parsed` is an instance of it. Function tools made by `function_tool` (or
        strict dict tools) get `parsed_arguments`. Raises `LengthFinishReasonError` / `ContentFilterFinishReasonError`
        for an answer cut short."""
        from ._structured import parse_completion, prepare

        tools = prepare(params, response_format)
        return parse_completion(await self.create(**params), response_format, tools)

    @overload
    def stream(
        self, /, *, response_format: type[T], **params: Unpack[ParseKwargs]
    ) -> AsyncChatCompletionStreamManager[T]: ...
    @overload
    def stream(
        self, /, *, response_format: ResponseFormat | None = None, **params: Unpack[ParseKwargs]
    ) -> AsyncChatCompletionStreamManager[None]: ...
    def stream(self, /, *, response_format: Any = None, **params: Any) -> AsyncChatCompletionStreamManager[Any]:
        """A streamed `parse()`: `with` it for typed events (`content.delta`, `content.done` with `parsed`,
        `tool_calls.function.arguments.done`, ...), then `get_final_completion()`."""
        from ._stream_events import AsyncChatCompletionStreamManager, ChatCompletionStreamState
        from ._structured import prepare

        tools = prepare(params, response_format, strict_tools=False)
        state: ChatCompletionStreamState[Any] = ChatCompletionStreamState(
            input_tools=tools, response_format=response_format
        )
        return AsyncChatCompletionStreamManager(lambda: self.create(**params, stream=True), state)

    async def retrieve(self, completion_id: str, **options: Unpack[RequestOptions]) -> CreateChatCompletionResponse:
        """Get a stored completion (one created with `store=True`)."""
        return await self._client._request("GET", _path(completion_id), _models.completion_type(), options)

    async def update(self, completion_id: str, **params: Unpack[UpdateKwargs]) -> CreateChatCompletionResponse:
        """Replace the `metadata` of a stored completion."""
        path, body, options = update_request(completion_id, params)
        return await self._client._request("POST", path, _models.completion_type(), options, body)

    async def delete(self, completion_id: str, **options: Unpack[RequestOptions]) -> ChatCompletionDeleted:
        """Delete a stored completion."""
        cls = _models.deleted_type()
        return await self._client._request("DELETE", _path(completion_id), cls, options, empty=_deleted(completion_id))

    def list(self, **params: Unpack[ListKwargs]) -> AsyncIterator[StoredCompletion]:
        """`async for` over stored completions, following `after`/`has_more` page by page."""
        query, options = list_request(params)
        config = self._client._config
        return self._client._requester().pages(config, config.completions_url, _models.list_type(), query, options)


class AsyncMessages:
    """`client.chat.completions.messages` of an `AsyncClient`."""

    __slots__ = ("_client",)

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> AsyncMessagesWithRawResponse:
        """`list` returning the HTTP answer of the first page; its `.parse()` iterates over every page."""
        from ._raw import AsyncCompletionsWithRawResponse

        return AsyncCompletionsWithRawResponse(self._client).messages

    @property
    def with_streaming_response(self) -> AsyncMessagesWithStreamingResponse:
        """`list` as an `async with` block giving the first page's answer before its body is read."""
        from ._streamed import AsyncCompletionsWithStreamingResponse

        return AsyncCompletionsWithStreamingResponse(self._client).messages

    def list(
        self, completion_id: str, **params: Unpack[MessageListKwargs]
    ) -> AsyncIterator[ChatCompletionMessageListDataItem]:
        """`async for` over a stored completion's messages, following `after`/`has_more` page by page."""
        path, query, options = messages_request(completion_id, params)
        config = self._client._config
        return self._client._requester().pages(config, config.root + path, _models.message_list_type(), query, options)


class AsyncChat:
    """`client.chat` of an `AsyncClient`: holds `completions`."""

    __slots__ = ("completions",)

    def __init__(self, client: AsyncClient) -> None:
        #: Create, retrieve, update, delete and list chat completions.
        self.completions = AsyncCompletions(client)
