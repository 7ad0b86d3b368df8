"""A light, typed SDK for OpenAI's Chat Completions API.

    from chat_completions import Client

    with Client() as client:  # OPENAI_API_KEY from the environment
        completion = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}])

Importing this package is cheap: httpx, attrs and the generated models load on the first request. The parameter
types (`TypedDict`s generated from the spec) are in `chat_completions.types`; `with_raw_response` gives the HTTP answer,
`with_streaming_response` the same before its body is read.
"""

from typing import TYPE_CHECKING, Any

from ._client import AsyncClient, Client
from ._config import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    NotGiven,
    RequestOptions,
    __version__,
)
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ContentFilterFinishReasonError,
    InternalServerError,
    LengthFinishReasonError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)

if TYPE_CHECKING:
    from ._accumulate import ChatCompletionAccumulator
    from ._azure import AsyncAzureClient, AzureClient
    from ._raw import LegacyAPIResponse
    from ._stream_events import (
        AsyncChatCompletionStream,
        ChatCompletionStream,
        ChatCompletionStreamEvent,
        ChatCompletionStreamState,
    )
    from ._streamed import APIResponse, AsyncAPIResponse
    from ._streaming import AsyncStream, Stream
    from ._structured import (
        ParsedChatCompletion,
        ParsedChatCompletionMessage,
        ParsedChoice,
        ParsedFunction,
        ParsedFunctionToolCall,
        function_tool,
    )

    pydantic_function_tool = function_tool

#: Names loaded on first access (their modules are not imported by `import chat_completions`).
_LAZY = {
    "Stream": "_streaming",  # with the first stream
    "AsyncStream": "_streaming",
    "ChatCompletionAccumulator": "_accumulate",
    "AzureClient": "_azure",  # Azure OpenAI's clients: loaded when first named
    "AsyncAzureClient": "_azure",
    "LegacyAPIResponse": "_raw",  # with the first `with_raw_response`
    "APIResponse": "_streamed",  # with the first `with_streaming_response`
    "AsyncAPIResponse": "_streamed",
    "AsyncChatCompletionStream": "_stream_events",
    "ChatCompletionStream": "_stream_events",
    "ChatCompletionStreamEvent": "_stream_events",
    "ChatCompletionStreamState": "_stream_events",
    "ParsedChatCompletion": "_structured",
    "ParsedChatCompletionMessage": "_structured",
    "ParsedChoice": "_structured",
    "ParsedFunction": "_structured",
    "ParsedFunctionToolCall": "_structured",
    "function_tool": "_structured",
    "pydantic_function_tool": "_structured",
}

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAPIResponse",
    "AsyncAzureClient",
    "AsyncChatCompletionStream",
    "AsyncClient",
    "AsyncStream",
    "AuthenticationError",
    "AzureClient",
    "BadRequestError",
    "ChatCompletionAccumulator",
    "ChatCompletionStream",
    "ChatCompletionStreamEvent",
    "ChatCompletionStreamState",
    "Client",
    "ConflictError",
    "ContentFilterFinishReasonError",
    "InternalServerError",
    "LegacyAPIResponse",
    "LengthFinishReasonError",
    "NotFoundError",
    "NotGiven",
    "ParsedChatCompletion",
    "ParsedChatCompletionMessage",
    "ParsedChoice",
    "ParsedFunction",
    "ParsedFunctionToolCall",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestOptions",
    "Stream",
    "UnprocessableEntityError",
    "__version__",
    "function_tool",
    "pydantic_function_tool",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        from importlib import import_module

        return getattr(
            import_module(f"{__name__}.{module}"), "function_tool" if name == "pydantic_function_tool" else name
        )
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
