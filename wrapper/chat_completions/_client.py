"""`Client` and `AsyncClient`: configuration up front, the httpx client built lazily on the first request."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._config import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, NOT_GIVEN, Config, NotGiven, TimeoutTypes, timeout_dict
from ._resources import AsyncChat, Chat

if TYPE_CHECKING:
    import httpx

    from ._transport import AsyncTransport, SyncTransport

T = TypeVar("T")


class _Lazy(Generic[T]):
    """Builds a transport on first use, once, thread-safely; shared by a client and its `with_options` copies."""

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
        """Mark closed; the transport, if one was built, for the caller to close."""
        with self._lock:
            self._closed = True
            return self._value


def _initial_timeout(timeout: TimeoutTypes | NotGiven, http_client: httpx.Client | httpx.AsyncClient | None) -> Any:
    if not isinstance(timeout, NotGiven):
        return timeout_dict(timeout)
    if http_client is not None:
        import httpx

        if http_client.timeout != httpx.Timeout(5.0):  # the caller chose one: keep it
            return http_client.timeout.as_dict()
    return dict(DEFAULT_TIMEOUT)


def _sync_transport(http_client: httpx.Client | None, timeout: Mapping[str, float | None]) -> SyncTransport:
    from ._transport import SyncTransport, new_http_client

    if http_client is None:
        return SyncTransport(new_http_client(timeout), owned=True)
    return SyncTransport(http_client, owned=False)


def _async_transport(http_client: httpx.AsyncClient | None, timeout: Mapping[str, float | None]) -> AsyncTransport:
    from ._transport import AsyncTransport, new_async_http_client

    if http_client is None:
        return AsyncTransport(new_async_http_client(timeout), owned=True)
    return AsyncTransport(http_client, owned=False)


class _Base:
    __slots__ = ("_config",)
    _config: Config

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={self._config.base_url!r}>"

    def _derive(
        self,
        *,
        api_key: str | None,
        organization: str | None,
        project: str | None,
        base_url: str | None,
        timeout: TimeoutTypes | NotGiven,
        max_retries: int | None,
        extra_headers: Mapping[str, str] | None,
        extra_body: Mapping[str, Any] | None,
    ) -> Config:
        return self._config.derive(
            api_key=api_key,
            organization=organization,
            project=project,
            base_url=base_url,
            timeout=None if isinstance(timeout, NotGiven) else timeout_dict(timeout),
            max_retries=max_retries,
            extra_headers=extra_headers,
            extra_body=extra_body,
        )


class Client(_Base):
    """A Chat Completions client: `client.chat.completions.create(...)`; close it with `close()` or a `with` block.

    Arguments left out come from OPENAI_API_KEY, OPENAI_ORG_ID, OPENAI_PROJECT_ID, OPENAI_BASE_URL.
    """

    __slots__ = ("_lazy", "chat")

    def __init__(
        self,
        api_key: str | None = None,
        *,
        organization: str | None = None,
        project: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        timeouts = _initial_timeout(timeout, http_client)
        self._config = Config(
            api_key,
            organization=organization,
            project=project,
            base_url=base_url,
            timeout=timeouts,
            max_retries=max_retries,
            user_headers=default_headers or {},
        )
        self._lazy: _Lazy[SyncTransport] = _Lazy(lambda: _sync_transport(http_client, timeouts))
        #: The chat resources: `client.chat.completions`.
        self.chat = Chat(self)

    def _transport(self) -> SyncTransport:
        return self._lazy.get()

    def with_options(
        self,
        *,
        api_key: str | None = None,
        organization: str | None = None,
        project: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> Client:
        """A copy with these options changed (headers and body extras merged), sharing this client's connections."""
        new = object.__new__(Client)
        new._config = self._derive(
            api_key=api_key,
            organization=organization,
            project=project,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
            extra_body=extra_body,
        )
        new._lazy = self._lazy
        new.chat = Chat(new)
        return new

    def close(self) -> None:
        """Close the connections (of this client and its `with_options` copies); a passed `http_client` is left open."""
        transport = self._lazy.close()
        if transport is not None:
            transport.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncClient(_Base):
    """The asyncio/trio twin of `Client`: `await client.chat.completions.create(...)`; `aclose()` or `async with`."""

    __slots__ = ("_lazy", "chat")

    def __init__(
        self,
        api_key: str | None = None,
        *,
        organization: str | None = None,
        project: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        timeouts = _initial_timeout(timeout, http_client)
        self._config = Config(
            api_key,
            organization=organization,
            project=project,
            base_url=base_url,
            timeout=timeouts,
            max_retries=max_retries,
            user_headers=default_headers or {},
        )
        self._lazy: _Lazy[AsyncTransport] = _Lazy(lambda: _async_transport(http_client, timeouts))
        #: The chat resources: `client.chat.completions`.
        self.chat = AsyncChat(self)

    def _transport(self) -> AsyncTransport:
        return self._lazy.get()

    def with_options(
        self,
        *,
        api_key: str | None = None,
        organization: str | None = None,
        project: str | None = None,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> AsyncClient:
        """A copy with these options changed (headers and body extras merged), sharing this client's connections."""
        new = object.__new__(AsyncClient)
        new._config = self._derive(
            api_key=api_key,
            organization=organization,
            project=project,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
            extra_body=extra_body,
        )
        new._lazy = self._lazy
        new.chat = AsyncChat(new)
        return new

    async def aclose(self) -> None:
        """Close the connections (of this client and its `with_options` copies); a passed `http_client` is left open."""
        transport = self._lazy.close()
        if transport is not None:
            await transport.aclose()

    close = aclose

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()
