"""`client.chat.completions` and `client.chat.completions.messages`, sync and async."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, overload

from . import _models
from ._config import NOT_GIVEN, NotGiven, TimeoutTypes

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


def _create_body(
    request: Request | None,
    params: dict[str, Any],
    stream: bool | None,
    extra_body: Body | None,
    config_extra: Body | None,
) -> dict[str, Any]:
    """The JSON body of a create: exactly the caller's fields, then the body extras laid over them."""
    if request is not None:
        base = dict(request) if isinstance(request, Mapping) else request.to_dict()
        params = {**base, **params}
    if stream is not None:
        params["stream"] = stream
    if config_extra:
        params.update(config_extra)
    if extra_body:
        params.update(extra_body)
    if not stream and params.get("stream"):
        raise ValueError("to stream, pass stream=True as a keyword argument (it decides the type of the result)")
    return params


def _path(completion_id: str, suffix: str = "") -> str:
    if not isinstance(completion_id, str) or not completion_id:
        raise ValueError(f"completion_id must be a non-empty str, got {completion_id!r}")
    from urllib.parse import quote

    return f"/chat/completions/{quote(completion_id, safe='')}{suffix}"


def _query(**params: Any) -> dict[str, Any]:
    """Query parameters, the unset ones left out; `metadata` as `metadata[key]=value` pairs, as OpenAI's API reads it."""
    query: dict[str, Any] = {}
    for key, value in params.items():
        if value is None:
            continue
        if key == "metadata":
            query.update({f"metadata[{k}]": v for k, v in value.items()})
        else:
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
        max_retries: int | NotGiven = NOT_GIVEN,
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
        max_retries: int | NotGiven = NOT_GIVEN,
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
        max_retries: int | NotGiven = NOT_GIVEN,
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
        max_retries: int | NotGiven = NOT_GIVEN,
        **params: Any,
    ) -> CreateChatCompletionResponse | Stream:
        """Create a completion; `params` (or a request model/mapping) are sent as the JSON body exactly as given.

        With `stream=True`, returns a `Stream` of typed chunks instead of the completion.
        """
        client = self._client
        config = client._config
        body = _create_body(request, params, stream, extra_body, config.extra_body)
        transport = client._transport()
        if stream:
            return transport.stream(config, body, extra_headers=extra_headers, timeout=timeout, max_retries=max_retries)
        return transport.request(
            config,
            "POST",
            config.completions_url,
            _models.completion_type(),
            body,
            extra_headers=extra_headers,
            timeout=timeout,
            max_retries=max_retries,
        )

    def retrieve(
        self,
        completion_id: str,
        *,
        extra_headers: Headers | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> CreateChatCompletionResponse:
        """Get a stored completion (one created with `store=True`)."""
        config = self._client._config
        return self._client._transport().request(
            config,
            "GET",
            config.base_url + _path(completion_id),
            _models.completion_type(),
            extra_headers=extra_headers,
            timeout=timeout,
            max_retries=max_retries,
        )

    def update(
        self,
        completion_id: str,
        *,
        metadata: Mapping[str, str] | None,
        extra_headers: Headers | None = None,
        extra_body: Body | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> CreateChatCompletionResponse:
        """Replace the `metadata` of a stored completion."""
        config = self._client._config
        return self._client._transport().request(
            config,
            "POST",
            config.base_url + _path(completion_id),
            _models.completion_type(),
            _create_body(None, {"metadata": metadata}, None, extra_body, config.extra_body),
            extra_headers=extra_headers,
            timeout=timeout,
            max_retries=max_retries,
        )

    def delete(
        self,
        completion_id: str,
        *,
        extra_headers: Headers | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> ChatCompletionDeleted:
        """Delete a stored completion."""
        config = self._client._config
        return self._client._transport().request(
            config,
            "DELETE",
            config.base_url + _path(completion_id),
            _models.deleted_type(),
            extra_headers=extra_headers,
            timeout=timeout,
            max_retries=max_retries,
        )

    def list(
        self,
        *,
        model: str | None = None,
        metadata: Mapping[str, str] | None = None,
        after: str | None = None,
        limit: int | None = None,
        order: Literal["asc", "desc"] | None = None,
        extra_headers: Headers | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Iterator[StoredCompletion]:
        """Iterate over stored completions, following `after`/`has_more`; each page is fetched as iteration needs it."""
        config = self._client._config
        query = _query(model=model, metadata=metadata, after=after, limit=limit, order=order)
        return self._client._transport().pages(
            config,
            config.completions_url,
            _models.list_type(),
            query,
            extra_headers=extra_headers,
            timeout=timeout,
            max_retries=max_retries,
        )


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
        order: Literal["asc", "desc"] | None = None,
        extra_headers: Headers | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Iterator[ChatCompletionMessageListDataItem]:
        """Iterate over a stored completion's messages, following `after`/`has_more` page by page."""
        config = self._client._config
        return self._client._transport().pages(
            config,
            config.base_url + _path(completion_id, "/messages"),
            _models.message_list_type(),
            _query(after=after, limit=limit, order=order),
            extra_headers=extra_headers,
            timeout=timeout,
            max_retries=max_retries,
        )


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
        max_retries: int | NotGiven = NOT_GIVEN,
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
        max_retries: int | NotGiven = NOT_GIVEN,
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
        max_retries: int | NotGiven = NOT_GIVEN,
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
        max_retries: int | NotGiven = NOT_GIVEN,
        **params: Any,
    ) -> CreateChatCompletionResponse | AsyncStream:
        """Create a completion, as `Completions.create`; with `stream=True`, an `AsyncStream` of typed chunks."""
        client = self._client
        config = client._config
        body = _create_body(request, params, stream, extra_body, config.extra_body)
        transport = client._transport()
        if stream:
            return await transport.stream(
                config, body, extra_headers=extra_headers, timeout=timeout, max_retries=max_retries
            )
        return await transport.request(
            config,
            "POST",
            config.completions_url,
            _models.completion_type(),
            body,
            extra_headers=extra_headers,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def retrieve(
        self,
        completion_id: str,
        *,
        extra_headers: Headers | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> CreateChatCompletionResponse:
        """Get a stored completion (one created with `store=True`)."""
        config = self._client._config
        return await self._client._transport().request(
            config,
            "GET",
            config.base_url + _path(completion_id),
            _models.completion_type(),
            extra_headers=extra_headers,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def update(
        self,
        completion_id: str,
        *,
        metadata: Mapping[str, str] | None,
        extra_headers: Headers | None = None,
        extra_body: Body | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> CreateChatCompletionResponse:
        """Replace the `metadata` of a stored completion."""
        config = self._client._config
        return await self._client._transport().request(
            config,
            "POST",
            config.base_url + _path(completion_id),
            _models.completion_type(),
            _create_body(None, {"metadata": metadata}, None, extra_body, config.extra_body),
            extra_headers=extra_headers,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def delete(
        self,
        completion_id: str,
        *,
        extra_headers: Headers | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> ChatCompletionDeleted:
        """Delete a stored completion."""
        config = self._client._config
        return await self._client._transport().request(
            config,
            "DELETE",
            config.base_url + _path(completion_id),
            _models.deleted_type(),
            extra_headers=extra_headers,
            timeout=timeout,
            max_retries=max_retries,
        )

    def list(
        self,
        *,
        model: str | None = None,
        metadata: Mapping[str, str] | None = None,
        after: str | None = None,
        limit: int | None = None,
        order: Literal["asc", "desc"] | None = None,
        extra_headers: Headers | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncIterator[StoredCompletion]:
        """`async for` over stored completions, following `after`/`has_more` page by page."""
        config = self._client._config
        query = _query(model=model, metadata=metadata, after=after, limit=limit, order=order)
        return self._client._transport().pages(
            config,
            config.completions_url,
            _models.list_type(),
            query,
            extra_headers=extra_headers,
            timeout=timeout,
            max_retries=max_retries,
        )


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
        order: Literal["asc", "desc"] | None = None,
        extra_headers: Headers | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncIterator[ChatCompletionMessageListDataItem]:
        """`async for` over a stored completion's messages, following `after`/`has_more` page by page."""
        config = self._client._config
        return self._client._transport().pages(
            config,
            config.base_url + _path(completion_id, "/messages"),
            _models.message_list_type(),
            _query(after=after, limit=limit, order=order),
            extra_headers=extra_headers,
            timeout=timeout,
            max_retries=max_retries,
        )


class AsyncChat:
    """`client.chat` of an `AsyncClient`: holds `completions`."""

    __slots__ = ("completions",)

    def __init__(self, client: AsyncClient) -> None:
        #: Create, retrieve, update, delete and list chat completions.
        self.completions = AsyncCompletions(client)
