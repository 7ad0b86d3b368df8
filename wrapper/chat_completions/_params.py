"""The request of each method, from its keywords: body, path, query and per-request options.

Shared by the plain methods (`_resources`), the raw and streamed ones (`_raw`), so that none imports another for it.
The keywords are typed from the spec (`chat_completions_api.params`, generated): mypy reports a misspelt or mistyped
parameter; at run time they are plain dicts, sent as given.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from ._config import NotGiven, RequestOptions, TimeoutTypes

if TYPE_CHECKING:
    from chat_completions_api.models.create_chat_completion_request import CreateChatCompletionRequest
    from chat_completions_api.params import (
        CompletionCreateParamsBase,
        CompletionCreateParamsOverrides,
        CompletionListParams,
        CompletionParseParams,
        CompletionUpdateParams,
        MessageListParams,
        ResponseFormatJsonObjectParam,
        ResponseFormatJsonSchemaParam,
        ResponseFormatTextParam,
    )

    Request = CreateChatCompletionRequest | Mapping[str, Any]

    class CreateOptions(TypedDict, total=False):
        """The keywords of `create` that are not the API's: per-request options and body extras."""

        extra_headers: Headers | None
        extra_query: Mapping[str, object] | None
        extra_body: Body | None
        timeout: TimeoutTypes | NotGiven
        max_retries: int | NotGiven | None

    class CreateKwargs(CompletionCreateParamsBase, CreateOptions):
        """The keywords of `create` without a request: the body's fields (`model` and `messages` required)."""

    class CreateOverrides(CompletionCreateParamsOverrides, CreateOptions):
        """The keywords of `create` after a request: any of the body's fields, laid over the request's."""

    class ParseKwargs(CompletionParseParams, CreateOptions):
        """The keywords of `parse` and `stream` besides `response_format`."""

    ResponseFormat = ResponseFormatTextParam | ResponseFormatJsonSchemaParam | ResponseFormatJsonObjectParam

    class UpdateKwargs(CompletionUpdateParams, RequestOptions, total=False):
        """The keywords of `update`."""

        extra_body: Body | None

    class ListKwargs(CompletionListParams, RequestOptions):
        """The keywords of `list`."""

    class MessageListKwargs(MessageListParams, RequestOptions):
        """The keywords of `messages.list`."""


Headers = Mapping[str, "str | None"]
Body = Mapping[str, Any]
_OPTIONS = frozenset(RequestOptions.__annotations__)


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


def _keywords(method: str, given: Mapping[str, Any], params: Any, *extra: str) -> tuple[dict[str, Any], Any]:
    """Split `given` into the API's keywords (named in the generated TypedDict `params`, or `extra`) and the request
    options; an unknown or missing keyword raises `TypeError`, as a plain signature would."""
    own: dict[str, Any] = {}
    options: dict[str, Any] = {}
    for key, value in given.items():
        if key in _OPTIONS:
            options[key] = value
        elif key in params.__annotations__ or key in extra:
            own[key] = value
        else:
            raise TypeError(f"{method}() got an unexpected keyword argument {key!r}")
    missing = params.__required_keys__ - own.keys()
    if missing:
        raise TypeError(f"{method}() missing required keyword argument(s): {', '.join(sorted(missing))}")
    return own, options


def update_request(completion_id: str, given: Mapping[str, Any]) -> tuple[str, dict[str, Any], RequestOptions]:
    """The path, body and options of an update."""
    from chat_completions_api.params import CompletionUpdateParams

    own, options = _keywords("update", given, CompletionUpdateParams, "extra_body")
    extra_body = own.pop("extra_body", None)
    return _path(completion_id), _body(None, own, None, extra_body), options  # a client's extra_body: create only


def list_request(given: Mapping[str, Any]) -> tuple[dict[str, Any], RequestOptions]:
    """The query and options of a list."""
    from chat_completions_api.params import CompletionListParams

    own, options = _keywords("list", given, CompletionListParams)
    return _query(**own), options


def messages_request(completion_id: str, given: Mapping[str, Any]) -> tuple[str, dict[str, Any], RequestOptions]:
    """The path, query and options of a messages list."""
    from chat_completions_api.params import MessageListParams

    own, options = _keywords("list", given, MessageListParams)
    return _path(completion_id, "/messages"), _query(**own), options


_CREATE_OPTIONS = ("extra_headers", "extra_query", "timeout", "max_retries")


def create_request(
    request: Request | None, stream: bool | None, params: dict[str, Any], config: Any
) -> tuple[Any, Any]:
    """The request tuple (method, URL, body, query) and the options of a create, from `create`'s keywords."""
    options = {key: params.pop(key) for key in _CREATE_OPTIONS if key in params}
    body = _body(request, params, stream, config.extra_body, params.pop("extra_body", None))
    return ("POST", config.completions_url, body, None), options
