"""Raw responses: `client.chat.completions.with_raw_response.<method>(...)` returns the HTTP answer, parsed on demand.

Named and shaped as the official SDK's: a `LegacyAPIResponse` with `headers`, `status_code`, `http_request`, `url`,
`elapsed`, `request_id`, ..., and `parse()` for what the plain method returns (a completion, a stream, the items of
every page). The request is the plain method's, retries and errors included; only the result differs.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, Unpack, overload

from . import _models
from ._params import _deleted, _path, create_request, list_request, messages_request, update_request

if TYPE_CHECKING:
    import datetime

    import httpx
    from chat_completions_api.models.chat_completion_message_list_data_item import ChatCompletionMessageListDataItem
    from chat_completions_api.models.create_chat_completion_response import (
        CreateChatCompletionResponse as StoredCompletion,
    )

    from ._client import AsyncClient, Client
    from ._config import RequestOptions
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
F = TypeVar("F")  # a `response_format` type

__all__ = ["LegacyAPIResponse"]


class BaseAPIResponse(Generic[R]):
    """What every HTTP answer offers: headers, status, request, URL, timing; shared by the raw and streamed responses."""

    __slots__ = ("http_response", "retries_taken")

    #: The httpx response.
    http_response: httpx.Response
    #: How many retries the request took before this answer (0 when the first attempt succeeded).
    retries_taken: int

    def __init__(self, http_response: httpx.Response) -> None:
        from ._requester import RETRIES_TAKEN

        self.http_response = http_response
        self.retries_taken = http_response.extensions.get(RETRIES_TAKEN, 0)

    @property
    def request_id(self) -> str | None:
        """The `x-request-id` header: quote it when asking OpenAI about a request."""
        request_id: str | None = self.http_response.headers.get("x-request-id")
        return request_id

    @property
    def headers(self) -> httpx.Headers:
        """The response headers (`x-ratelimit-remaining-requests`, `openai-processing-ms`, ...), case-insensitive."""
        return self.http_response.headers

    @property
    def http_request(self) -> httpx.Request:
        """The request as sent (the last attempt's, after retries)."""
        return self.http_response.request

    @property
    def status_code(self) -> int:
        """The HTTP status code."""
        return self.http_response.status_code

    @property
    def url(self) -> httpx.URL:
        """The URL requested."""
        return self.http_response.url

    @property
    def method(self) -> str:
        """The HTTP method."""
        return self.http_response.request.method

    @property
    def http_version(self) -> str:
        """`HTTP/1.1` or `HTTP/2`."""
        return self.http_response.http_version

    @property
    def is_closed(self) -> bool:
        """Whether the body has been read to its end (or the stream closed)."""
        return self.http_response.is_closed

    @property
    def elapsed(self) -> datetime.timedelta:
        """From sending the request to the end of the body (for a stream, httpx raises until it is closed)."""
        return self.http_response.elapsed

    def __repr__(self) -> str:
        response = self.http_response
        return f"<{type(self).__name__} [{response.status_code} {response.reason_phrase}] {response.request.method}>"


class LegacyAPIResponse(BaseAPIResponse[R]):
    """The HTTP answer to a request (a 2xx: errors raise as usual) and, through `parse()`, what the method returns.

    For a stream, the body is unread until the stream returned by `parse()` is iterated.
    """

    __slots__ = ("_parsed", "_parser")

    def __init__(self, http_response: httpx.Response, parser: Callable[[httpx.Response], R]) -> None:
        super().__init__(http_response)
        self._parser = parser
        self._parsed: list[R] = []

    def parse(self) -> R:
        """What the plain method returns (a model, a stream, an iterator of items); built once, then the same."""
        if not self._parsed:
            self._parsed.append(self._parser(self.http_response))
        return self._parsed[0]

    @property
    def content(self) -> bytes:
        """The body as bytes (for a stream: only once read, else httpx raises `ResponseNotRead`)."""
        return self.http_response.content

    @property
    def text(self) -> str:
        """The body decoded (for a stream: only once read)."""
        return self.http_response.text


def model_reader(cls: type[R], config: Any, empty: Any = None) -> Callable[[httpx.Response], R]:
    """Reads a (read) JSON answer into `cls`; `empty`: the data an empty body stands for, if it may be."""
    from ._parsing import parse

    return lambda response: parse(response, cls, config, empty)


def pages_reader(
    requester: Any, config: Any, url: str, cls: type[Any], query: dict[str, Any], *, options: Any
) -> Callable[[httpx.Response], Any]:
    """Reads a (read) first page, then iterates over the items of every page (sync or async, as `requester`)."""
    from ._parsing import parse

    return lambda response: requester.pages(config, url, cls, query, options, first=parse(response, cls, config))


class CompletionsWithRawResponse:
    """`client.chat.completions.with_raw_response`: each method as `client.chat.completions`'s, returning the
    `LegacyAPIResponse` (headers, status) whose `parse()` gives the usual result."""

    __slots__ = ("_client", "messages")

    def __init__(self, client: Client) -> None:
        self._client = client
        #: `client.chat.completions.messages`, with raw responses.
        self.messages = MessagesWithRawResponse(self)

    def _send(self, request: Any, options: Any, cls: type[R], empty: Any = None) -> LegacyAPIResponse[R]:
        config = self._client._config
        response = self._client._requester().send(config, request, options)
        return LegacyAPIResponse(response, model_reader(cls, config, empty))

    def _pages(self, url: str, cls: type[Any], query: dict[str, Any], options: Any) -> LegacyAPIResponse[Any]:
        config = self._client._config
        requester = self._client._requester()
        response = requester.send(config, ("GET", url, None, query), options)
        return LegacyAPIResponse(response, pages_reader(requester, config, url, cls, query, options=options))

    @overload
    def create(
        self, /, *, stream: Literal[False] | None = None, **params: Unpack[CreateKwargs]
    ) -> LegacyAPIResponse[CreateChatCompletionResponse]: ...
    @overload
    def create(self, /, *, stream: Literal[True], **params: Unpack[CreateKwargs]) -> LegacyAPIResponse[Stream]: ...
    @overload
    def create(
        self, /, *, stream: bool, **params: Unpack[CreateKwargs]
    ) -> LegacyAPIResponse[CreateChatCompletionResponse] | LegacyAPIResponse[Stream]: ...
    @overload
    def create(
        self, request: Request, /, *, stream: Literal[False] | None = None, **params: Unpack[CreateOverrides]
    ) -> LegacyAPIResponse[CreateChatCompletionResponse]: ...
    @overload
    def create(
        self, request: Request, /, *, stream: Literal[True], **params: Unpack[CreateOverrides]
    ) -> LegacyAPIResponse[Stream]: ...
    @overload
    def create(
        self, request: Request, /, *, stream: bool, **params: Unpack[CreateOverrides]
    ) -> LegacyAPIResponse[CreateChatCompletionResponse] | LegacyAPIResponse[Stream]: ...
    def create(
        self, request: Request | None = None, /, *, stream: bool | None = None, **params: Any
    ) -> LegacyAPIResponse[CreateChatCompletionResponse] | LegacyAPIResponse[Stream]:
        """`client.chat.completions.create(...)`, raw; with `stream=True`, `parse()` gives the `Stream`."""
        config = self._client._config
        call, options = create_request(request, stream, params, config)
        if not stream:
            return self._send(call, options, _models.completion_type())
        from ._streaming import Stream

        response = self._client._requester().send(config, call, options, stream=True)
        chunks = Stream(
            response, config.api_key, config.strict
        )  # now: a wrong content type raises here, the connection freed
        return LegacyAPIResponse(response, lambda r: chunks)

    @overload
    def parse(
        self, /, *, response_format: type[F], **params: Unpack[ParseKwargs]
    ) -> LegacyAPIResponse[ParsedChatCompletion[F]]: ...
    @overload
    def parse(
        self, /, *, response_format: ResponseFormat | None = None, **params: Unpack[ParseKwargs]
    ) -> LegacyAPIResponse[ParsedChatCompletion[None]]: ...
    def parse(self, /, *, response_format: Any = None, **params: Any) -> LegacyAPIResponse[ParsedChatCompletion[Any]]:
        """`client.chat.completions.parse(...)`, raw; `parse()` gives the parsed completion."""
        from ._structured import parse_completion, prepare

        tools = prepare(params, response_format)
        call, options = create_request(None, None, params, self._client._config)
        raw = self._send(call, options, _models.completion_type())
        return LegacyAPIResponse(raw.http_response, lambda _: parse_completion(raw.parse(), response_format, tools))

    def retrieve(
        self, completion_id: str, **options: Unpack[RequestOptions]
    ) -> LegacyAPIResponse[CreateChatCompletionResponse]:
        """`client.chat.completions.retrieve(...)`, raw."""
        url = self._client._config.root + _path(completion_id)
        return self._send(("GET", url, None, None), options, _models.completion_type())

    def update(
        self, completion_id: str, **params: Unpack[UpdateKwargs]
    ) -> LegacyAPIResponse[CreateChatCompletionResponse]:
        """`client.chat.completions.update(...)`, raw."""
        path, body, options = update_request(completion_id, params)
        url = self._client._config.root + path
        return self._send(("POST", url, body, None), options, _models.completion_type())

    def delete(self, completion_id: str, **options: Unpack[RequestOptions]) -> LegacyAPIResponse[ChatCompletionDeleted]:
        """`client.chat.completions.delete(...)`, raw."""
        url = self._client._config.root + _path(completion_id)
        return self._send(("DELETE", url, None, None), options, _models.deleted_type(), _deleted(completion_id))

    def list(self, **params: Unpack[ListKwargs]) -> LegacyAPIResponse[Iterator[StoredCompletion]]:
        """`client.chat.completions.list(...)`, raw: the first page's answer; `parse()` iterates over every page."""
        query, options = list_request(params)
        return self._pages(self._client._config.completions_url, _models.list_type(), query, options)


class MessagesWithRawResponse:
    """`client.chat.completions.with_raw_response.messages`."""

    __slots__ = ("_completions",)

    def __init__(self, completions: CompletionsWithRawResponse) -> None:
        self._completions = completions

    def list(
        self, completion_id: str, **params: Unpack[MessageListKwargs]
    ) -> LegacyAPIResponse[Iterator[ChatCompletionMessageListDataItem]]:
        """`client.chat.completions.messages.list(...)`, raw: the first page's answer; `parse()` iterates on."""
        path, query, options = messages_request(completion_id, params)
        url = self._completions._client._config.root + path
        return self._completions._pages(url, _models.message_list_type(), query, options)


class AsyncCompletionsWithRawResponse:
    """`client.chat.completions.with_raw_response` of an `AsyncClient`: awaitable, `parse()` itself is not."""

    __slots__ = ("_client", "messages")

    def __init__(self, client: AsyncClient) -> None:
        self._client = client
        #: `client.chat.completions.messages`, with raw responses.
        self.messages = AsyncMessagesWithRawResponse(self)

    async def _send(self, request: Any, options: Any, cls: type[R], empty: Any = None) -> LegacyAPIResponse[R]:
        config = self._client._config
        response = await self._client._requester().send(config, request, options)
        return LegacyAPIResponse(response, model_reader(cls, config, empty))

    async def _pages(self, url: str, cls: type[Any], query: dict[str, Any], options: Any) -> LegacyAPIResponse[Any]:
        config = self._client._config
        requester = self._client._requester()
        response = await requester.send(config, ("GET", url, None, query), options)
        return LegacyAPIResponse(response, pages_reader(requester, config, url, cls, query, options=options))

    @overload
    async def create(
        self, /, *, stream: Literal[False] | None = None, **params: Unpack[CreateKwargs]
    ) -> LegacyAPIResponse[CreateChatCompletionResponse]: ...
    @overload
    async def create(
        self, /, *, stream: Literal[True], **params: Unpack[CreateKwargs]
    ) -> LegacyAPIResponse[AsyncStream]: ...
    @overload
    async def create(
        self, /, *, stream: bool, **params: Unpack[CreateKwargs]
    ) -> LegacyAPIResponse[CreateChatCompletionResponse] | LegacyAPIResponse[AsyncStream]: ...
    @overload
    async def create(
        self, request: Request, /, *, stream: Literal[False] | None = None, **params: Unpack[CreateOverrides]
    ) -> LegacyAPIResponse[CreateChatCompletionResponse]: ...
    @overload
    async def create(
        self, request: Request, /, *, stream: Literal[True], **params: Unpack[CreateOverrides]
    ) -> LegacyAPIResponse[AsyncStream]: ...
    @overload
    async def create(
        self, request: Request, /, *, stream: bool, **params: Unpack[CreateOverrides]
    ) -> LegacyAPIResponse[CreateChatCompletionResponse] | LegacyAPIResponse[AsyncStream]: ...
    async def create(
        self, request: Request | None = None, /, *, stream: bool | None = None, **params: Any
    ) -> LegacyAPIResponse[CreateChatCompletionResponse] | LegacyAPIResponse[AsyncStream]:
        """`await client.chat.completions.create(...)`, raw; with `stream=True`, `parse()` gives the `AsyncStream`."""
        config = self._client._config
        call, options = create_request(request, stream, params, config)
        if not stream:
            return await self._send(call, options, _models.completion_type())
        from ._streaming import AsyncStream

        response = await self._client._requester().send(config, call, options, stream=True)
        chunks = await AsyncStream.open(response, config.api_key, config.strict)  # a wrong content type raises here
        return LegacyAPIResponse(response, lambda r: chunks)

    @overload
    async def parse(
        self, /, *, response_format: type[F], **params: Unpack[ParseKwargs]
    ) -> LegacyAPIResponse[ParsedChatCompletion[F]]: ...
    @overload
    async def parse(
        self, /, *, response_format: ResponseFormat | None = None, **params: Unpack[ParseKwargs]
    ) -> LegacyAPIResponse[ParsedChatCompletion[None]]: ...
    async def parse(
        self, /, *, response_format: Any = None, **params: Any
    ) -> LegacyAPIResponse[ParsedChatCompletion[Any]]:
        """`client.chat.completions.parse(...)`, raw; `parse()` gives the parsed completion."""
        from ._structured import parse_completion, prepare

        tools = prepare(params, response_format)
        call, options = create_request(None, None, params, self._client._config)
        raw = await self._send(call, options, _models.completion_type())
        return LegacyAPIResponse(raw.http_response, lambda _: parse_completion(raw.parse(), response_format, tools))

    async def retrieve(
        self, completion_id: str, **options: Unpack[RequestOptions]
    ) -> LegacyAPIResponse[CreateChatCompletionResponse]:
        """`client.chat.completions.retrieve(...)`, raw."""
        url = self._client._config.root + _path(completion_id)
        return await self._send(("GET", url, None, None), options, _models.completion_type())

    async def update(
        self, completion_id: str, **params: Unpack[UpdateKwargs]
    ) -> LegacyAPIResponse[CreateChatCompletionResponse]:
        """`client.chat.completions.update(...)`, raw."""
        path, body, options = update_request(completion_id, params)
        url = self._client._config.root + path
        return await self._send(("POST", url, body, None), options, _models.completion_type())

    async def delete(
        self, completion_id: str, **options: Unpack[RequestOptions]
    ) -> LegacyAPIResponse[ChatCompletionDeleted]:
        """`client.chat.completions.delete(...)`, raw."""
        url = self._client._config.root + _path(completion_id)
        return await self._send(("DELETE", url, None, None), options, _models.deleted_type(), _deleted(completion_id))

    async def list(self, **params: Unpack[ListKwargs]) -> LegacyAPIResponse[AsyncIterator[StoredCompletion]]:
        """`client.chat.completions.list(...)`, raw: the first page's answer; `parse()` gives `async for` over all."""
        query, options = list_request(params)
        return await self._pages(self._client._config.completions_url, _models.list_type(), query, options)


class AsyncMessagesWithRawResponse:
    """`client.chat.completions.with_raw_response.messages` of an `AsyncClient`."""

    __slots__ = ("_completions",)

    def __init__(self, completions: AsyncCompletionsWithRawResponse) -> None:
        self._completions = completions

    async def list(
        self, completion_id: str, **params: Unpack[MessageListKwargs]
    ) -> LegacyAPIResponse[AsyncIterator[ChatCompletionMessageListDataItem]]:
        """`client.chat.completions.messages.list(...)`, raw: the first page's answer; `parse()` iterates on."""
        path, query, options = messages_request(completion_id, params)
        url = self._completions._client._config.root + path
        return await self._completions._pages(url, _models.message_list_type(), query, options)
