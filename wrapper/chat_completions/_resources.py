"""`client.chat.completions` and `client.chat.completions.messages`, sync and async."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, Unpack, overload

from . import _models
from ._config import NOT_GIVEN, NotGiven, RequestOptions, TimeoutTypes

if TYPE_CHECKING:
    from chat_completions_api.models.chat_completion_message_list_data_item import ChatCompletionMessageListDataItem
    from chat_completions_api.models.create_chat_completion_request import CreateChatCompletionRequest
    from chat_completions_api.models.create_chat_completion_response import (
        CreateChatCompletionResponse as StoredCompletion,
    )

    from ._client import AsyncClient, Client
    from ._models import ChatCompletionDeleted, CreateChatCompletionResponse
    from ._streaming import AsyncStream, Stream

    Request = CreateChatCompletionRequest | Mapping[str, Any]

Headers = Mapping[str, "str | None"]
Body = Mapping[str, Any]
Order = Literal["asc", "desc"]


def _body(request: Request | None, params: dict[str, Any], stream: bool | None, *extras: Body | None) -> dict[str, Any]:
    """The JSON body: exactly the caller's fields (a request's, then keywords), then the body extras laid over them."""
    if request is not None:
        base = dict(request) if isinstance(request, Mapping) else request.to_dict()
        params = {**base, **params}
    if stream is not None:
        params["stream"] = stream
    for extra in extras:
        if extra:
            params.update(extra)
    if not stream and params.get("stream"):
        raise ValueError("to stream, pass stream=True as a keyword argument (it decides the type of the result)")
    return params


def _path(completion_id: str, suffix: str = "") -> str:
    if not isinstance(completion_id, str) or not completion_id:
        raise ValueError(f"completion_id must be a non-empty str, got {completion_id!r}")
    from urllib.parse import quote

    return f"/chat/completions/{quote(completion_id, safe='')}{suffix}"


def _deleted(completion_id: str) -> dict[str, Any]:
    """What a 204 (or an empty 200) to a delete means, as servers that send no body intend."""
    return {"id": completion_id, "object": "chat.completion.deleted", "deleted": True}


def _query(**params: Any) -> dict[str, Any]:
    """Query parameters, unset ones left out; `metadata` as `metadata[key]=value` pairs (the API's deepObject style)."""
    query: dict[str, Any] = {}
    for key, value in params.items():
        if key == "metadata" and value is not None:
            query.update({f"metadata[{k}]": v for k, v in value.items()})
        elif value is not None:
            query[key] = value
    return query


class Completions:
    """`client.chat.completions`: create (plain or streamed), retrieve, update, delete and list completions."""

    __slots__ = ("_client", "messages")

    def __init__(self, client: Client) -> None:
        self._client = client
        #: `client.chat.completions.messages`: the messages of a stored completion.
        self.messages = Messages(client)

    @overload
    def create(
        self,
        request: Request | None = None,
        /,
        *,
        stream: Literal[False] | None = None,
        extra_headers: Headers | None = None,
        extra_body: Body | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven | None = NOT_GIVEN,
        **params: Any,
    ) -> CreateChatCompletionResponse: ...
    @overload
    def create(
        self,
        request: Request | None = None,
        /,
        *,
        stream: Literal[True],
        extra_headers: Headers | None = None,
        extra_body: Body | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven | None = NOT_GIVEN,
        **params: Any,
    ) -> Stream: ...
    @overload
    def create(
        self,
        request: Request | None = None,
        /,
        *,
        stream: bool,
        extra_headers: Headers | None = None,
        extra_body: Body | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven | None = NOT_GIVEN,
        **params: Any,
    ) -> CreateChatCompletionResponse | Stream: ...
    def create(
        self,
        request: Request | None = None,
        /,
        *,
        stream: bool | None = None,
        extra_headers: Headers | None = None,
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
        if stream:
            return client._requester().stream(client._config, body, options)
        return client._request("POST", "/chat/completions", _models.completion_type(), options, body)

    def retrieve(self, completion_id: str, **options: Unpack[RequestOptions]) -> CreateChatCompletionResponse:
        """Get a stored completion (one created with `store=True`)."""
        return self._client._request("GET", _path(completion_id), _models.completion_type(), options)

    def update(
        self,
        completion_id: str,
        *,
        metadata: Mapping[str, str] | None,
        extra_body: Body | None = None,
        **options: Unpack[RequestOptions],
    ) -> CreateChatCompletionResponse:
        """Replace the `metadata` of a stored completion."""
        body = _body(None, {"metadata": metadata}, None, extra_body)  # a client's extra_body is for create only
        return self._client._request("POST", _path(completion_id), _models.completion_type(), options, body)

    def delete(self, completion_id: str, **options: Unpack[RequestOptions]) -> ChatCompletionDeleted:
        """Delete a stored completion."""
        cls = _models.deleted_type()
        return self._client._request("DELETE", _path(completion_id), cls, options, empty=_deleted(completion_id))

    def list(
        self,
        *,
        model: str | None = None,
        metadata: Mapping[str, str] | None = None,
        after: str | None = None,
        limit: int | None = None,
        order: Order | None = None,
        **options: Unpack[RequestOptions],
    ) -> Iterator[StoredCompletion]:
        """Iterate over stored completions, following `after`/`has_more`; each page is fetched as iteration needs it."""
        query = _query(model=model, metadata=metadata, after=after, limit=limit, order=order)
        config = self._client._config
        return self._client._requester().pages(config, config.completions_url, _models.list_type(), query, options)


class Messages:
    """`client.chat.completions.messages`: the messages of a stored completion."""

    __slots__ = ("_client",)

    def __init__(self, client: Client) -> None:
        self._client = client

    def list(
        self,
        completion_id: str,
        *,
        after: str | None = None,
        limit: int | None = None,
        order: Order | None = None,
        **options: Unpack[RequestOptions],
    ) -> Iterator[ChatCompletionMessageListDataItem]:
        """Iterate over a stored completion's messages, following `after`/`has_more` page by page."""
        config = self._client._config
        url = config.root + _path(completion_id, "/messages")
        query = _query(after=after, limit=limit, order=order)
        return self._client._requester().pages(config, url, _models.message_list_type(), query, options)


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

    @overload
    async def create(
        self,
        request: Request | None = None,
        /,
        *,
        stream: Literal[False] | None = None,
        extra_headers: Headers | None = None,
        extra_body: Body | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven | None = NOT_GIVEN,
        **params: Any,
    ) -> CreateChatCompletionResponse: ...
    @overload
    async def create(
        self,
        request: Request | None = None,
        /,
        *,
        stream: Literal[True],
        extra_headers: Headers | None = None,
        extra_body: Body | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven | None = NOT_GIVEN,
        **params: Any,
    ) -> AsyncStream: ...
    @overload
    async def create(
        self,
        request: Request | None = None,
        /,
        *,
        stream: bool,
        extra_headers: Headers | None = None,
        extra_body: Body | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven | None = NOT_GIVEN,
        **params: Any,
    ) -> CreateChatCompletionResponse | AsyncStream: ...
    async def create(
        self,
        request: Request | None = None,
        /,
        *,
        stream: bool | None = None,
        extra_headers: Headers | None = None,
        extra_body: Body | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven | None = NOT_GIVEN,
        **params: Any,
    ) -> CreateChatCompletionResponse | AsyncStream:
        """Create a completion, as `Completions.create`; with `stream=True`, an `AsyncStream` of typed chunks."""
        client = self._client
        body = _body(request, params, stream, client._config.extra_body, extra_body)
        options: Any = {"extra_headers": extra_headers, "timeout": timeout, "max_retries": max_retries}
        if stream:
            return await client._requester().stream(client._config, body, options)
        return await client._request("POST", "/chat/completions", _models.completion_type(), options, body)

    async def retrieve(self, completion_id: str, **options: Unpack[RequestOptions]) -> CreateChatCompletionResponse:
        """Get a stored completion (one created with `store=True`)."""
        return await self._client._request("GET", _path(completion_id), _models.completion_type(), options)

    async def update(
        self,
        completion_id: str,
        *,
        metadata: Mapping[str, str] | None,
        extra_body: Body | None = None,
        **options: Unpack[RequestOptions],
    ) -> CreateChatCompletionResponse:
        """Replace the `metadata` of a stored completion."""
        body = _body(None, {"metadata": metadata}, None, extra_body)  # a client's extra_body is for create only
        return await self._client._request("POST", _path(completion_id), _models.completion_type(), options, body)

    async def delete(self, completion_id: str, **options: Unpack[RequestOptions]) -> ChatCompletionDeleted:
        """Delete a stored completion."""
        cls = _models.deleted_type()
        return await self._client._request("DELETE", _path(completion_id), cls, options, empty=_deleted(completion_id))

    def list(
        self,
        *,
        model: str | None = None,
        metadata: Mapping[str, str] | None = None,
        after: str | None = None,
        limit: int | None = None,
        order: Order | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncIterator[StoredCompletion]:
        """`async for` over stored completions, following `after`/`has_more` page by page."""
        query = _query(model=model, metadata=metadata, after=after, limit=limit, order=order)
        config = self._client._config
        return self._client._requester().pages(config, config.completions_url, _models.list_type(), query, options)


class AsyncMessages:
    """`client.chat.completions.messages` of an `AsyncClient`."""

    __slots__ = ("_client",)

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    def list(
        self,
        completion_id: str,
        *,
        after: str | None = None,
        limit: int | None = None,
        order: Order | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncIterator[ChatCompletionMessageListDataItem]:
        """`async for` over a stored completion's messages, following `after`/`has_more` page by page."""
        config = self._client._config
        url = config.root + _path(completion_id, "/messages")
        query = _query(after=after, limit=limit, order=order)
        return self._client._requester().pages(config, url, _models.message_list_type(), query, options)


class AsyncChat:
    """`client.chat` of an `AsyncClient`: holds `completions`."""

    __slots__ = ("completions",)

    def __init__(self, client: AsyncClient) -> None:
        #: Create, retrieve, update, delete and list chat completions.
        self.completions = AsyncCompletions(client)
