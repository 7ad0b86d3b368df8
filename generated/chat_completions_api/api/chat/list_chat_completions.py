from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.chat_completion_list import ChatCompletionList
from ...models.error_response import ErrorResponse
from ...models.list_chat_completions_metadata import ListChatCompletionsMetadata
from ...models.list_chat_completions_order import ListChatCompletionsOrder
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    model: str | Unset = UNSET,
    metadata: ListChatCompletionsMetadata | Unset = UNSET,
    after: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    order: ListChatCompletionsOrder | Unset = UNSET,
    open_ai_organization: str | Unset = UNSET,
    open_ai_project: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(open_ai_organization, Unset):
        headers["OpenAI-Organization"] = open_ai_organization

    if not isinstance(open_ai_project, Unset):
        headers["OpenAI-Project"] = open_ai_project

    params: dict[str, Any] = {}

    params["model"] = model

    json_metadata: dict[str, Any] | Unset = UNSET
    if not isinstance(metadata, Unset):
        json_metadata = metadata.to_dict()
    if not isinstance(json_metadata, Unset):
        params.update(json_metadata)

    params["after"] = after

    params["limit"] = limit

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order

    params["order"] = json_order

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/chat/completions",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChatCompletionList | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = ChatCompletionList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = ErrorResponse.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ChatCompletionList | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    model: str | Unset = UNSET,
    metadata: ListChatCompletionsMetadata | Unset = UNSET,
    after: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    order: ListChatCompletionsOrder | Unset = UNSET,
    open_ai_organization: str | Unset = UNSET,
    open_ai_project: str | Unset = UNSET,
) -> Response[ChatCompletionList | ErrorResponse]:
    """List completions that were created with `store: true`, page by page.

    Args:
        model (str | Unset):
        metadata (ListChatCompletionsMetadata | Unset):
        after (str | Unset):
        limit (int | Unset): Server default: `20`.
        order (ListChatCompletionsOrder | Unset): Server default: `asc`.
        open_ai_organization (str | Unset):
        open_ai_project (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChatCompletionList | ErrorResponse]
    """

    kwargs = _get_kwargs(
        model=model,
        metadata=metadata,
        after=after,
        limit=limit,
        order=order,
        open_ai_organization=open_ai_organization,
        open_ai_project=open_ai_project,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    model: str | Unset = UNSET,
    metadata: ListChatCompletionsMetadata | Unset = UNSET,
    after: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    order: ListChatCompletionsOrder | Unset = UNSET,
    open_ai_organization: str | Unset = UNSET,
    open_ai_project: str | Unset = UNSET,
) -> ChatCompletionList | ErrorResponse | None:
    """List completions that were created with `store: true`, page by page.

    Args:
        model (str | Unset):
        metadata (ListChatCompletionsMetadata | Unset):
        after (str | Unset):
        limit (int | Unset): Server default: `20`.
        order (ListChatCompletionsOrder | Unset): Server default: `asc`.
        open_ai_organization (str | Unset):
        open_ai_project (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChatCompletionList | ErrorResponse
    """

    return sync_detailed(
        client=client,
        model=model,
        metadata=metadata,
        after=after,
        limit=limit,
        order=order,
        open_ai_organization=open_ai_organization,
        open_ai_project=open_ai_project,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    model: str | Unset = UNSET,
    metadata: ListChatCompletionsMetadata | Unset = UNSET,
    after: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    order: ListChatCompletionsOrder | Unset = UNSET,
    open_ai_organization: str | Unset = UNSET,
    open_ai_project: str | Unset = UNSET,
) -> Response[ChatCompletionList | ErrorResponse]:
    """List completions that were created with `store: true`, page by page.

    Args:
        model (str | Unset):
        metadata (ListChatCompletionsMetadata | Unset):
        after (str | Unset):
        limit (int | Unset): Server default: `20`.
        order (ListChatCompletionsOrder | Unset): Server default: `asc`.
        open_ai_organization (str | Unset):
        open_ai_project (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChatCompletionList | ErrorResponse]
    """

    kwargs = _get_kwargs(
        model=model,
        metadata=metadata,
        after=after,
        limit=limit,
        order=order,
        open_ai_organization=open_ai_organization,
        open_ai_project=open_ai_project,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    model: str | Unset = UNSET,
    metadata: ListChatCompletionsMetadata | Unset = UNSET,
    after: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    order: ListChatCompletionsOrder | Unset = UNSET,
    open_ai_organization: str | Unset = UNSET,
    open_ai_project: str | Unset = UNSET,
) -> ChatCompletionList | ErrorResponse | None:
    """List completions that were created with `store: true`, page by page.

    Args:
        model (str | Unset):
        metadata (ListChatCompletionsMetadata | Unset):
        after (str | Unset):
        limit (int | Unset): Server default: `20`.
        order (ListChatCompletionsOrder | Unset): Server default: `asc`.
        open_ai_organization (str | Unset):
        open_ai_project (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChatCompletionList | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            model=model,
            metadata=metadata,
            after=after,
            limit=limit,
            order=order,
            open_ai_organization=open_ai_organization,
            open_ai_project=open_ai_project,
        )
    ).parsed
