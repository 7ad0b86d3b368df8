"""The exception hierarchy, and turning an HTTP error response into the right exception."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ContentFilterFinishReasonError",
    "InternalServerError",
    "LengthFinishReasonError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
]


E = TypeVar("E", bound="APIError")


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _rebuild(cls: type[APIError], args: tuple[Any, ...]) -> APIError:
    return cls.__new__(cls, *args)  # its attributes are then restored as they were, not recomputed by __init__


class APIError(Exception):
    """Base of every error about a request; `message` is the server's (or our) explanation.

    Every instance has `status_code`, `request_id`, `type`, `param`, `code`, `body` and `headers` (None/empty if unknown).
    """

    message: str
    status_code: int | None
    request_id: str | None
    type: str | None
    param: str | None
    code: str | None
    body: object
    headers: Mapping[str, str]

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        request_id: str | None = None,
        type: str | None = None,  # the API's own field name
        param: str | None = None,
        code: str | None = None,
        body: object = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.message = message
        self.status_code = status_code
        self.request_id = request_id
        self.type = _opt_str(type)
        self.param = _opt_str(param)
        self.code = _opt_str(code)
        self.body = body
        self.headers = {} if headers is None else headers
        text = f"Error code: {status_code} - {message}" if isinstance(self, APIStatusError) else message
        if request_id:
            text += f" (request_id: {request_id})"
        super().__init__(text)

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's own would call __init__ again with the formatted text as the message ("Error code: None - ...").
        return (_rebuild, (type(self), self.args), self.__dict__)


class APIConnectionError(APIError):
    """The request did not get a complete answer: refused, reset, dropped mid-body, or a stream cut before `[DONE]`."""

    def __init__(self, message: str = "Connection error.", **kwargs: Any) -> None:
        super().__init__(message, **kwargs)


class APITimeoutError(APIConnectionError):
    """A connect, read, write or pool timeout expired."""

    def __init__(self, message: str = "Request timed out.", **kwargs: Any) -> None:
        super().__init__(message, **kwargs)


class APIResponseValidationError(APIError):
    """A successful (2xx) answer that is not JSON, has the wrong content type, or lacks required fields."""


class APIStatusError(APIError):
    """The server answered with a 4xx or 5xx status (a 3xx or 1xx too, which the API never sends)."""

    status_code: int


class BadRequestError(APIStatusError):
    """400: the request is malformed or a parameter is invalid."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing, wrong or revoked."""


class PermissionDeniedError(APIStatusError):
    """403: the key may not use this resource, model or region."""


class NotFoundError(APIStatusError):
    """404: no such completion, model or path."""


class ConflictError(APIStatusError):
    """409: the resource was changed concurrently (retried by default)."""


class UnprocessableEntityError(APIStatusError):
    """422: the request is well-formed but cannot be processed."""


class RateLimitError(APIStatusError):
    """429: too many requests or tokens, or quota exhausted (retried by default)."""


class InternalServerError(APIStatusError):
    """A 5xx status: the server or a gateway failed (retried by default)."""


class LengthFinishReasonError(Exception):
    """`parse()`/`stream()` could not parse an answer cut by the token limit (`finish_reason: length`); `completion`
    is what came (in a stream: the completion so far)."""

    def __init__(self, *, completion: Any) -> None:
        usage = getattr(completion, "usage", None)
        text = "Could not parse response content as the length limit was reached"
        super().__init__(f"{text} - {usage}" if usage else text)
        self.completion = completion


class ContentFilterFinishReasonError(Exception):
    """`parse()`/`stream()` could not parse an answer the content filter stopped (`finish_reason: content_filter`)."""

    def __init__(self) -> None:
        super().__init__("Could not parse response content as the request was rejected by the content filter")


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def scrub(value: Any, secret: str | None) -> Any:
    """`value` with `secret` replaced in every string in it (dict keys and values, list items, recursively)."""
    if not secret:
        return value
    if isinstance(value, str):
        return value.replace(secret, "<redacted>")
    if isinstance(value, dict):
        return {scrub(k, secret): scrub(v, secret) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, secret) for v in value]
    return value


def from_response(
    cls: type[E],
    response: httpx.Response,
    secret: str | None,
    message: str,
    *,
    body: object,
    status_code: int | None,
    fields: Mapping[str, Any] | None = None,
) -> E:
    """An error about `response`, with `secret` scrubbed from everything it keeps (so from its args, vars and pickle)."""
    headers: Mapping[str, str] = response.headers
    if secret and any(secret in value for value in headers.values()):
        import httpx

        headers = httpx.Headers([(k, scrub(v, secret)) for k, v in response.headers.multi_items()])
    fields = fields or {}
    return cls(
        scrub(message, secret),
        status_code=status_code,
        request_id=headers.get("x-request-id"),
        type=scrub(fields.get("type"), secret),
        param=scrub(fields.get("param"), secret),
        code=scrub(fields.get("code"), secret),
        body=scrub(body, secret),
        headers=headers,
    )


def _describe_text(response: httpx.Response, text: str) -> str:
    """A one-line message for an error body that is not the API's JSON (a proxy's HTML page, plain text, nothing)."""
    status = f"{response.status_code} {response.reason_phrase}".strip()
    stripped = text.strip()
    if not stripped:
        return f"{status} (empty body)"
    content_type = response.headers.get("content-type", "").lower()
    if "html" in content_type or stripped[:1] == "<":
        lower = stripped.lower()
        start, end = lower.find("<title>"), lower.find("</title>")
        title = " ".join(stripped[start + 7 : end].split()) if 0 <= start < end else ""
        return f"{status} (an HTML page, probably from a proxy or gateway{': ' + title[:100] if title else ''})"
    return f"{status}: {' '.join(stripped.split())[:300]}"


def parse_error_body(response: httpx.Response) -> tuple[object, dict[str, Any]]:
    """The body (decoded JSON, else text, else None) and the `error` object's fields found in it."""
    import json

    try:
        text = response.text
    except Exception:  # an undecodable charset: fall back to the bytes, leniently
        text = response.content.decode("utf-8", "replace")
    body: object = text or None
    fields: dict[str, Any] = {}
    try:
        body = json.loads(text)
    except ValueError:
        fields["message"] = _describe_text(response, text)
        return body, fields
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        fields = {k: error.get(k) for k in ("message", "type", "param", "code")}
    elif isinstance(error, str):
        fields["message"] = error
    elif isinstance(body, dict) and isinstance(body.get("message"), str):
        fields["message"] = body["message"]
    if not isinstance(fields.get("message"), str) or not fields["message"]:
        fields["message"] = _describe_text(response, text)
    return body, fields


def status_error(response: httpx.Response, secret: str | None) -> APIStatusError:
    """The exception for a non-2xx response whose body has been read."""
    status = response.status_code
    cls = _BY_STATUS.get(status) or (InternalServerError if status >= 500 else APIStatusError)
    body, fields = parse_error_body(response)
    return from_response(cls, response, secret, fields["message"], body=body, status_code=status, fields=fields)


def validation_error(
    response: httpx.Response, problem: str, body: object, secret: str | None
) -> APIResponseValidationError:
    """The exception for a 2xx response that is not the model we expected."""
    return from_response(
        APIResponseValidationError, response, secret, problem, body=body, status_code=response.status_code
    )
