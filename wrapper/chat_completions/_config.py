"""Client configuration: environment fallbacks, header validation, timeouts, the precomputed headers.

Nothing here imports httpx: building a `Client` must stay cheap.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeAlias, TypedDict

if TYPE_CHECKING:
    import httpx

__version__: Final = "0.1.0"

DEFAULT_BASE_URL: Final = "https://api.openai.com/v1"
DEFAULT_MAX_RETRIES: Final = 2
#: connect 5 s; read, write and pool wait 600 s (a long completion can take minutes), as the official SDK.
DEFAULT_TIMEOUT: Final[Mapping[str, float | None]] = {"connect": 5.0, "read": 600.0, "write": 600.0, "pool": 600.0}
USER_AGENT: Final = f"chat-completions-python/{__version__}"

TimeoutTypes: TypeAlias = "float | httpx.Timeout | None"
Timeouts: TypeAlias = dict[str, float | None]


class RequestOptions(TypedDict, total=False):
    """The per-request keywords every method takes; left out, the client's settings apply."""

    extra_headers: Mapping[str, str | None] | None  # laid over the client's headers; a None value removes one
    extra_query: Mapping[str, object] | None  # laid over the client's query parameters
    timeout: float | httpx.Timeout | None  # None: no timeout
    max_retries: int | None  # None: the client's


class NotGiven:
    """The type of `NOT_GIVEN`: an option left out, as opposed to one set to `None`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> bool:
        return False


NOT_GIVEN: Final = NotGiven()


def timeout_dict(timeout: float | httpx.Timeout | Mapping[str, float | None] | None) -> Timeouts:
    """The four httpx timeouts as the dict httpx passes to its transport (`Timeout.as_dict()`)."""
    if timeout is None or isinstance(timeout, int | float):
        value = None if timeout is None else float(timeout)
        return {"connect": value, "read": value, "write": value, "pool": value}
    if isinstance(timeout, Mapping):
        return dict(timeout)
    return timeout.as_dict()


#: The characters of an RFC 9110 token, which a header name must be.
_TCHARS: Final = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def check_header_name(name: str) -> str:
    """Refuse a header name that is not an RFC 9110 token (CR, LF, spaces, colons, non-ASCII, empty)."""
    if not isinstance(name, str):
        raise TypeError(f"a header name must be a str, not {type(name).__name__}")
    if not name or name.strip(_TCHARS):
        raise ValueError(f"header name {name!r} is not a valid HTTP token; refusing to send it")
    return name


def check_retries(value: object) -> int:
    """`value` if it is a valid `max_retries`."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("max_retries must be an int >= 0")
    return value


def check_header_value(name: str, value: str) -> str:
    """Refuse a value that could split or corrupt an HTTP header (CR, LF, other control or non-ASCII characters).

    The message names the setting, never the value: it may be a secret.
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if not value.isascii() or not value.isprintable():
        raise ValueError(f"{name} contains a control or non-ASCII character (CR, LF, ...); refusing to send it")
    return value


def env_or(value: str | None, env: str) -> str | None:
    """`value`, else the environment variable `env` (an empty variable counts as unset)."""
    if value is None:
        value = os.environ.get(env) or None
    return value


class Config:
    """Everything a request needs that does not change between requests, computed once per client."""

    __slots__ = (
        "api_key",
        "base_url",
        "completions_url",
        "default_query",
        "extra_body",
        "headers",
        "json_headers",
        "max_retries",
        "organization",
        "prepared",
        "project",
        "query",
        "removed",
        "root",
        "route",
        "strict",
        "timeout",
        "token_header",
        "token_provider",
        "user_headers",
    )

    def __init__(
        self,
        api_key: str | None,
        *,
        organization: str | None,
        project: str | None,
        base_url: str | None,
        timeout: Timeouts,
        max_retries: int | None,
        user_headers: Mapping[str, str | None],
        extra_body: Mapping[str, Any] | None = None,
        default_query: Mapping[str, object] | None = None,
        strict: bool = False,
    ) -> None:
        api_key = env_or(api_key, "OPENAI_API_KEY")
        if not api_key:
            raise ValueError("No API key: pass api_key= to the client or set the OPENAI_API_KEY environment variable")
        self.api_key = check_header_value("api_key", api_key)
        org = env_or(organization, "OPENAI_ORG_ID")
        self.organization = None if org is None else check_header_value("organization", org)
        proj = env_or(project, "OPENAI_PROJECT_ID")
        self.project = None if proj is None else check_header_value("project", proj)
        url = env_or(base_url, "OPENAI_BASE_URL") or DEFAULT_BASE_URL
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"base_url must be an http:// or https:// URL, got {url!r}")
        # A query in the base URL (Azure's `?api-version=...`) goes on every request, as `default_query` does.
        url, _, url_query = url.partition("#")[0].partition("?")  # a fragment is never sent
        #: The base URL without its query: request paths are appended to it.
        self.root = url.rstrip("/")
        self.base_url = self.root + (f"?{url_query}" if url_query else "")
        #: The caller's `default_query` (kept apart so that `with_options` can merge over it).
        self.default_query: dict[str, object] = dict(default_query) if default_query else {}
        #: Query parameters sent with every request: the base URL's, then `default_query` over them (None if none).
        self.query: dict[str, object] | None = {**query_pairs(url_query), **self.default_query} or None
        self.completions_url = f"{self.root}/chat/completions"
        #: Answers outside the spec raise `APIResponseValidationError` instead of being read as the official SDK does.
        self.strict = bool(strict)
        self.max_retries = DEFAULT_MAX_RETRIES if max_retries is None else check_retries(max_retries)
        self.timeout = timeout
        self.extra_body = dict(extra_body) if extra_body else None
        headers = {
            "accept": "application/json",
            "user-agent": USER_AGENT,
            "authorization": f"Bearer {self.api_key}",
        }
        if self.organization is not None:
            headers["openai-organization"] = self.organization
        if self.project is not None:
            headers["openai-project"] = self.project
        headers = merge_headers(headers, user_headers)  # validates them
        self.user_headers = {k.lower(): v for k, v in user_headers.items()}
        #: Names a `None` value removed, to drop from what httpx adds too (its own User-Agent, Accept-Encoding, ...).
        self.removed = frozenset(k for k, v in self.user_headers.items() if v is None)
        # Two dicts built once: requests without a body, and JSON requests.
        self.headers: dict[str, str] = headers
        self.json_headers: dict[str, str] = {**headers, "content-type": "application/json"}
        #: httpx objects the requester builds from the above on first use (parsed URL, encoded headers).
        self.prepared: dict[str, Any] = {}
        #: `(method, url, body) -> url`: where a request really goes (Azure's deployment paths); None: as built.
        self.route: Callable[[str, str, Mapping[str, Any] | None], str] | None = None
        #: Called once per request for a bearer token (Azure AD); may return an awaitable on an async client.
        self.token_provider: Callable[[], Any] | None = None
        #: The header the provider's answer goes in: `authorization` (as `Bearer <token>`) or Azure's `api-key`.
        self.token_header = "authorization"  # noqa: S105 (a header name)

    def derive(
        self,
        *,
        api_key: str | None,
        organization: str | None,
        project: str | None,
        base_url: str | None,
        timeout: Timeouts | None,
        max_retries: int | None,
        extra_headers: Mapping[str, str | None] | None,
        extra_body: Mapping[str, Any] | None,
        default_query: Mapping[str, object] | None = None,
        strict: bool | None = None,
    ) -> Config:
        """A copy with some settings replaced; headers and body extras are merged over the current ones."""
        body = {**(self.extra_body or {}), **(extra_body or {})}
        derived = Config(
            api_key if api_key is not None else self.api_key,
            organization=organization if organization is not None else self.organization,
            project=project if project is not None else self.project,
            base_url=base_url if base_url is not None else self.base_url,
            timeout=timeout if timeout is not None else self.timeout,
            max_retries=max_retries if max_retries is not None else self.max_retries,
            user_headers={**self.user_headers, **(extra_headers or {})},
            extra_body=body or None,
            default_query={**self.default_query, **(default_query or {})},
            strict=self.strict if strict is None else strict,
        )
        derived.route, derived.token_provider, derived.token_header = self.route, self.token_provider, self.token_header
        return derived

    def __repr__(self) -> str:
        # Never the key.
        return f"Config(base_url={self.base_url!r}, max_retries={self.max_retries}, timeout={self.timeout!r})"


def query_pairs(query: str) -> dict[str, str]:
    """The parameters of a URL query string (`a=1&b=2`), blank values kept."""
    from urllib.parse import parse_qsl

    return dict(parse_qsl(query, keep_blank_values=True))


def merge_headers(base: dict[str, str], extra: Mapping[str, str | None] | None) -> dict[str, str]:
    """`base` with `extra` laid over it, case-insensitively; a `None` value removes the header."""
    if not extra:
        return base
    merged = dict(base)
    for name, value in extra.items():
        key = check_header_name(name).lower()
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = check_header_value(f"header {name!r}", value)
    return merged


def redact(headers: Mapping[str, str], secret: str) -> dict[str, str]:
    """Headers for a log line, with credentials hidden: known ones, and any holding the key (`X-Api-Key: <key>`)."""
    return {
        k: ("<redacted>" if k.lower() in ("authorization", "api-key", "proxy-authorization") or secret in v else v)
        for k, v in headers.items()
    }


def with_bearer(options: RequestOptions, token: object, header: str = "authorization") -> RequestOptions:
    """`options` with `Authorization: Bearer <token>` (a token provider's answer; `header: <token>` for another header)
    unless the call sets that header itself."""
    if hasattr(token, "__await__"):  # an async provider on a sync client
        getattr(token, "close", lambda: None)()  # no "never awaited" warning
        raise ValueError("the token provider returned an awaitable: an async provider needs AsyncAzureClient")
    if not isinstance(token, str) or not token:
        raise ValueError("the token provider must return a non-empty str")
    extra = dict(options.get("extra_headers") or {})
    if not any(name.lower() == header for name in extra):
        value = check_header_value("the token", token)
        extra[header] = f"Bearer {value}" if header == "authorization" else value
    return {**options, "extra_headers": extra}
