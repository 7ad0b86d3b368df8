from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_chat_completion_request import CreateChatCompletionRequest
from ...models.create_chat_completion_response import CreateChatCompletionResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateChatCompletionRequest,
    open_ai_organization: str | Unset = UNSET,
    open_ai_project: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(open_ai_organization, Unset):
        headers["OpenAI-Organization"] = open_ai_organization

    if not isinstance(open_ai_project, Unset):
        headers["OpenAI-Project"] = open_ai_project

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/chat/completions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreateChatCompletionResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = CreateChatCompletionResponse.from_dict(response.json())

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
) -> Response[CreateChatCompletionResponse | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateChatCompletionRequest,
    open_ai_organization: str | Unset = UNSET,
    open_ai_project: str | Unset = UNSET,
) -> Response[CreateChatCompletionResponse | ErrorResponse]:
    """Answer a conversation; with `stream: true` the answer comes as a stream of chunks.

    Args:
        open_ai_organization (str | Unset):
        open_ai_project (str | Unset):
        body (CreateChatCompletionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateChatCompletionResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
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
    body: CreateChatCompletionRequest,
    open_ai_organization: str | Unset = UNSET,
    open_ai_project: str | Unset = UNSET,
) -> CreateChatCompletionResponse | ErrorResponse | None:
    """Answer a conversation; with `stream: true` the answer comes as a stream of chunks.

    Args:
        open_ai_organization (str | Unset):
        open_ai_project (str | Unset):
        body (CreateChatCompletionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateChatCompletionResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        open_ai_organization=open_ai_organization,
        open_ai_project=open_ai_project,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateChatCompletionRequest,
    open_ai_organization: str | Unset = UNSET,
    open_ai_project: str | Unset = UNSET,
) -> Response[CreateChatCompletionResponse | ErrorResponse]:
    """Answer a conversation; with `stream: true` the answer comes as a stream of chunks.

    Args:
        open_ai_organization (str | Unset):
        open_ai_project (str | Unset):
        body (CreateChatCompletionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateChatCompletionResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        open_ai_organization=open_ai_organization,
        open_ai_project=open_ai_project,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateChatCompletionRequest,
    open_ai_organization: str | Unset = UNSET,
    open_ai_project: str | Unset = UNSET,
) -> CreateChatCompletionResponse | ErrorResponse | None:
    """Answer a conversation; with `stream: true` the answer comes as a stream of chunks.

    Args:
        open_ai_organization (str | Unset):
        open_ai_project (str | Unset):
        body (CreateChatCompletionRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateChatCompletionResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            open_ai_organization=open_ai_organization,
            open_ai_project=open_ai_project,
        )
    ).parsed
