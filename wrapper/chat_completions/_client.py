"""`Client` and `AsyncClient`: configuration up front, the httpx client built lazily on the first request."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from ._config import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, NOT_GIVEN, Config, NotGiven, TimeoutTypes, timeout_dict
from ._resources import AsyncChat, Chat

if TYPE_CHECKING:
    import httpx

    from ._config import RequestOptions
    from ._requester import AsyncRequester, SyncRequester

T = TypeVar("T")
M = TypeVar("M")


class _Lazy(Generic[T]):
    """Builds a requester on first use, once, thread-safely; shared by a client and its `with_options` copies."""

    __slots__ = ("_closed", "_factory", "_lock", "_value")

    def __init__(self, factory: Callable[[], T]) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._value: T | None = None
        self._closed = False

    def get(self) -> T:
        value = self._value
        if value is None:
            with self._lock:
                if self._closed:
                    raise RuntimeError("this client has been closed")
                if self._value is None:
                    self._value = self._factory()
                value = self._value
        return value

    def close(self) -> T | None:
        """Mark closed (later requests raise, on a caller's `http_client` too); the requester built, to close."""
        with self._lock:
            self._closed = True
            value, self._value = self._value, None  # so that get() takes the locked path, which raises
            return value


def _sync_requester(http_client: httpx.Client | None, timeout: Mapping[str, float | None]) -> SyncRequester:
    from ._requester import SyncRequester, new_http_client

    if http_client is None:
        return SyncRequester(new_http_client(timeout), owned=True)
    return SyncRequester(http_client, owned=False)


def _async_requester(http_client: httpx.AsyncClient | None, timeout: Mapping[str, float | None]) -> AsyncRequester:
    from ._requester import AsyncRequester, new_async_http_client

    if http_client is None:
        return AsyncRequester(new_async_http_client(timeout), owned=True)
    return AsyncRequester(http_client, owned=False)


def _httpx_default_timeout() -> httpx.Timeout:
    import httpx

    return httpx.Timeout(5.0)


class _Base(Generic[T]):
    """What `Client` and `AsyncClient` share: settings, the lazy requester, `with_options`."""

    __slots__ = ("_config", "_lazy", "chat")
    _config: Config
    _lazy: _Lazy[T]
    chat: Any

    def _setup(
        self,
        http_client: httpx.Client | httpx.AsyncClient | None,
        factory: Callable[[Any, Mapping[str, float | None]], T],
        timeout: TimeoutTypes | NotGiven,
        api_key: str | None,
        **settings: Any,
    ) -> None:
        if not isinstance(timeout, NotGiven):
            timeouts = timeout_dict(timeout)
        elif http_client is not None and http_client.timeout != _httpx_default_timeout():
            timeouts = http_client.timeout.as_dict()  # the caller chose one on their client: keep it
        else:
            timeouts = dict(DEFAULT_TIMEOUT)
        self._config = Config(api_key, timeout=timeouts, **settings)
        self._lazy = _Lazy(lambda: factory(http_client, timeouts))

    def _requester(self) -> T:
        return self._lazy.get()

    # The settings read back as attributes, as `openai`'s clients have them.

    @property
    def api_key(self) -> str:
        """The API key sent (as `Authorization: Bearer ...`)."""
        return self._config.api_key

    @property
    def organization(self) -> str | None:
        """The `OpenAI-Organization` sent, if any."""
        return self._config.organization

    @property
    def project(self) -> str | None:
        """The `OpenAI-Project` sent, if any."""
        return self._config.project

    @property
    def max_retries(self) -> int:
        """How many times a failed request is retried."""
        return self._config.max_retries

    @property
    def timeout(self) -> httpx.Timeout:
        """The timeouts of a request."""
        import httpx

        return httpx.Timeout(**self._config.timeout)

    @property
    def base_url(self) -> httpx.URL:
        """The URL request paths are appended to, with its trailing slash (and query, if any), as `openai` gives it."""
        import httpx

        config = self._config
        return httpx.URL(config.root + "/" + config.base_url[len(config.root) :])

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={self._config.base_url!r}>"

    def with_options(
        self,
        *,
        api_key: str | None = None,
        organization: str | None = None,
        project: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str | None] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        default_query: Mapping[str, object] | None = None,
        strict_response_validation: bool | None = None,
        default_headers: Mapping[str, str | None] | None = None,
    ) -> Self:
        """A copy with these options changed (headers, body extras and query merged), sharing this client's
        connections. `default_headers` is `openai`'s name for `extra_headers` here (both are merged over)."""
        if default_headers:
            extra_headers = {**default_headers, **(extra_headers or {})}
        new = object.__new__(type(self))
        new._config = self._config.derive(
            api_key=api_key,
            organization=organization,
            project=project,
            base_url=base_url,
            timeout=None if isinstance(timeout, NotGiven) else timeout_dict(timeout),
            max_retries=max_retries,
            extra_headers=extra_headers,
            extra_body=extra_body,
            default_query=default_query,
            strict=strict_response_validation,
        )
        new._lazy = self._lazy
        new.chat = type(self.chat)(new)
        return new

    def copy(self, **options: Any) -> Self:
        """`with_options`, by the other name `openai` gives it."""
        return self.with_options(**options)


class Client(_Base["SyncRequester"]):
    """A Chat Completions client: `client.chat.completions.create(...)`; close it with `close()` or a `with` block.

    Arguments left out come from OPENAI_API_KEY, OPENAI_ORG_ID, OPENAI_PROJECT_ID, OPENAI_BASE_URL. Answers are
    read as the official SDK reads them (nulls, unknown variants and fields, Azure's stream shapes: see docs/sdk.md);
    `strict_response_validation=True` raises `APIResponseValidationError` on any answer outside the spec instead.
    A query in `base_url` (`?api-version=...`) and `default_query` are sent with every request.
    """

    __slots__ = ()
    #: The chat resources: `client.chat.completions`.
    chat: Chat

    def __init__(
        self,
        api_key: str | None = None,
        *,
        organization: str | None = None,
        project: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str | None] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.Client | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        self._setup(
            http_client,
            _sync_requester,
            timeout,
            api_key,
            organization=organization,
            project=project,
            base_url=base_url,
            max_retries=max_retries,
            user_headers=default_headers or {},
            default_query=default_query,
            strict=strict_response_validation,
        )
        self.chat = Chat(self)

    def _request(
        self, method: str, path: str, cls: type[M], options: RequestOptions, body: Any = None, *, empty: Any = None
    ) -> M:
        config = self._config
        return self._lazy.get().request(config, (method, config.root + path, body, None), cls, options, empty=empty)

    def close(self) -> None:
        """End this client and its `with_options` copies (later requests raise); a passed `http_client` stays open."""
        requester = self._lazy.close()
        if requester is not None:
            requester.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncClient(_Base["AsyncRequester"]):
    """The asyncio/trio twin of `Client`: `await client.chat.completions.create(...)`; `aclose()` or `async with`."""

    __slots__ = ()
    #: The chat resources: `client.chat.completions`.
    chat: AsyncChat

    def __init__(
        self,
        api_key: str | None = None,
        *,
        organization: str | None = None,
        project: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str | None] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.AsyncClient | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        self._setup(
            http_client,
            _async_requester,
            timeout,
            api_key,
            organization=organization,
            project=project,
            base_url=base_url,
            max_retries=max_retries,
            user_headers=default_headers or {},
            default_query=default_query,
            strict=strict_response_validation,
        )
        self.chat = AsyncChat(self)

    async def _request(
        self, method: str, path: str, cls: type[M], options: RequestOptions, body: Any = None, *, empty: Any = None
    ) -> M:
        config = self._config
        request = (method, config.root + path, body, None)
        return await self._lazy.get().request(config, request, cls, options, empty=empty)

    async def aclose(self) -> None:
        """End this client and its `with_options` copies (later requests raise); a passed `http_client` stays open."""
        requester = self._lazy.close()
        if requester is not None:
            await requester.aclose()

    close = aclose

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
