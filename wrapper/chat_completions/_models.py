"""Lazy access to the generated models, and their subclasses that carry the response's request id.

Nothing here imports attrs or a generated module until a response is first parsed. The subclasses add one slot,
`_request_id` (the name the official SDK uses), keep the generated class's name, repr and equality, and pickle.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from chat_completions_api.models import chat_completion_deleted as _deleted
    from chat_completions_api.models import create_chat_completion_response as _response
    from chat_completions_api.models.chat_completion_list import ChatCompletionList
    from chat_completions_api.models.chat_completion_message_list import ChatCompletionMessageList
    from chat_completions_api.models.create_chat_completion_stream_response import (
        CreateChatCompletionStreamResponse,
    )

    class CreateChatCompletionResponse(_response.CreateChatCompletionResponse):
        """The generated response model plus the `x-request-id` it came with."""

        _request_id: str | None

    class ChatCompletionDeleted(_deleted.ChatCompletionDeleted):
        """The generated deletion model plus the `x-request-id` it came with."""

        _request_id: str | None


T = TypeVar("T")

_GENERATED = {
    "CreateChatCompletionResponse": "create_chat_completion_response",
    "ChatCompletionDeleted": "chat_completion_deleted",
}


@functools.cache
def _with_request_id(name: str) -> type[Any]:
    from importlib import import_module

    import attrs

    base: Any = getattr(import_module(f"chat_completions_api.models.{_GENERATED[name]}"), name)
    compared = [a.name for a in attrs.fields(base) if a.eq]

    def __eq__(self: Any, other: object) -> bool:  # equal to the generated class's instances too
        if not isinstance(other, base):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in compared)

    namespace = {
        "__module__": __name__,
        "__qualname__": name,
        "__doc__": base.__doc__,
        "__eq__": __eq__,
        "__annotations__": {"_request_id": "str | None"},
        "_request_id": attrs.field(default=None, init=False, eq=False, repr=False),
    }
    cls = attrs.define(type(name, (base,), namespace), eq=False)
    globals()[name] = cls  # so pickle finds it by name
    return cls


def __getattr__(name: str) -> Any:
    if name in _GENERATED:
        return _with_request_id(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def completion_type() -> type[CreateChatCompletionResponse]:
    """`CreateChatCompletionResponse` with a `_request_id` slot."""
    return _with_request_id("CreateChatCompletionResponse")


def deleted_type() -> type[ChatCompletionDeleted]:
    """`ChatCompletionDeleted` with a `_request_id` slot."""
    return _with_request_id("ChatCompletionDeleted")


@functools.cache
def chunk_type() -> type[CreateChatCompletionStreamResponse]:
    """The generated stream chunk model."""
    from chat_completions_api.models.create_chat_completion_stream_response import (
        CreateChatCompletionStreamResponse,
    )

    return CreateChatCompletionStreamResponse


@functools.cache
def list_type() -> type[ChatCompletionList]:
    """The generated page of stored completions."""
    from chat_completions_api.models.chat_completion_list import ChatCompletionList

    return ChatCompletionList


@functools.cache
def message_list_type() -> type[ChatCompletionMessageList]:
    """The generated page of a stored completion's messages."""
    from chat_completions_api.models.chat_completion_message_list import ChatCompletionMessageList

    return ChatCompletionMessageList
