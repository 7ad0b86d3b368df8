"""A light, typed SDK for OpenAI's Chat Completions API.

    from chat_completions import Client

    with Client() as client:  # OPENAI_API_KEY from the environment
        completion = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}])

Importing this package is cheap: httpx, attrs and the generated models load on the first request. The parameter
types (`TypedDict`s generated from the spec) are in `chat_completions.types`; `with_raw_response` gives the HTTP answer,
`with_streaming_response` the same before its body is read.
"""

from typing import TYPE_CHECKING, Any

from ._accumulate import ChatCompletionAccumulator
from ._azure import AsyncAzureClient, AzureClient
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
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._streaming import AsyncStream, Stream

if TYPE_CHECKING:
    from ._raw import LegacyAPIResponse
    from ._streamed import APIResponse, AsyncAPIResponse

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
    "AsyncClient",
    "AsyncStream",
    "AuthenticationError",
    "AzureClient",
    "BadRequestError",
    "ChatCompletionAccumulator",
    "Client",
    "ConflictError",
    "InternalServerError",
    "LegacyAPIResponse",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestOptions",
    "Stream",
    "UnprocessableEntityError",
    "__version__",
]


def __getattr__(name: str) -> Any:
    if name == "LegacyAPIResponse":  # imported with the first `with_raw_response`, not by `import chat_completions`
        from ._raw import LegacyAPIResponse

        return LegacyAPIResponse
    if name in ("APIResponse", "AsyncAPIResponse"):  # imported with the first `with_streaming_response`
        from . import _streamed

        return getattr(_streamed, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
