"""Sending a request: the lazily built httpx client, retries and logging; `_parsing` reads the answer.

Imported on a client's first request, not by `import chat_completions`.
"""

from __future__ import annotations

import functools
import logging
import ssl
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import httpx

from . import _retry
from ._config import (
    NOT_GIVEN,
    Config,
    NotGiven,
    RequestOptions,
    check_retries,
    merge_headers,
    redact,
    timeout_dict,
    with_bearer,
)
from ._errors import APIConnectionError, APIError, APITimeoutError, status_error
from ._parsing import encode_body, parse

if TYPE_CHECKING:
    from ._streaming import AsyncStream, Stream

M = TypeVar("M")
#: method, absolute URL, JSON body, query parameters
Request: TypeAlias = tuple[str, str, Mapping[str, Any] | None, Mapping[str, Any] | None]

log = logging.getLogger("chat_completions")
_DEBUG = logging.DEBUG
#: The response extension holding how many retries a request took (absent: none).
RETRIES_TAKEN = "chat_completions.retries_taken"
#: Headers a `None` value does not remove from the request: httpx needs them to send it.
_KEPT = frozenset({"host", "content-length"})
#: The request extension holding the origin an Azure `api-key` was meant for (httpx keeps extensions on redirects).
_KEY_ORIGIN = "chat_completions.key_origin"


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port or {"http": 80, "https": 443}.get(url.scheme)


def _drop_key_off_origin(request: httpx.Request) -> None:
    """A request hook: httpx drops `Authorization` on a redirect to another origin, not Azure's `api-key`; this does."""
    origin = request.extensions.get(_KEY_ORIGIN)
    if origin is not None and origin != _origin(request.url):
        request.headers.pop("api-key", None)


async def _adrop_key_off_origin(request: httpx.Request) -> None:
    _drop_key_off_origin(request)


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    # Building one costs ~50 ms; every client this package builds shares it.
    return httpx.create_ssl_context()


def new_http_client(timeout: Mapping[str, float | None]) -> httpx.Client:
    """The httpx client a `Client` builds on its first request when none was passed."""
    return httpx.Client(timeout=httpx.Timeout(**timeout), verify=_ssl_context())


def new_async_http_client(timeout: Mapping[str, float | None]) -> httpx.AsyncClient:
    """The httpx client an `AsyncClient` builds on its first request when none was passed."""
    return httpx.AsyncClient(timeout=httpx.Timeout(**timeout), verify=_ssl_context())


class _Call:
    """One request and its retry bookkeeping, shared by the sync and async send loops."""

    __slots__ = ("config", "done", "limit", "request")

    def __init__(
        self,
        http: httpx.Client | httpx.AsyncClient,
        config: Config,
        request: Request,
        options: RequestOptions,
    ) -> None:
        method, url, body, params = request
        if config.route is not None:
            url = config.route(method, url, body)
        content = None if body is None else encode_body(body)
        if config.query is not None:  # the base URL's query and `default_query`, under the request's own
            params = {**config.query, **params} if params else config.query
        extra_query = options.get("extra_query")
        if extra_query:  # the call's `extra_query`, over them all
            params = {**(params or {}), **extra_query}
        self.config = config
        prepared = config.prepared
        extra_headers = options.get("extra_headers")
        headers: Mapping[str, str] | httpx.Headers
        key = "json_headers" if content is not None else "headers"
        removed = config.removed
        if extra_headers:
            headers = merge_headers(getattr(config, key), extra_headers)
            removed = removed.union(name.lower() for name, value in extra_headers.items() if value is None)
        else:  # encoded once per client: httpx then copies a list instead of normalising a dict
            headers = prepared.get(key) or prepared.setdefault(key, httpx.Headers(getattr(config, key)))
        target: str | httpx.URL = url
        if url == config.completions_url:  # the hot one: parse it once
            target = prepared.get(url) or prepared.setdefault(url, httpx.URL(url))
        timeout = options.get("timeout", NOT_GIVEN)
        timeouts = config.timeout if isinstance(timeout, NotGiven) else timeout_dict(timeout)
        self.request = http.build_request(
            method, target, content=content, params=params, headers=headers, extensions={"timeout": timeouts}
        )
        if config.route is not None:  # Azure: its `api-key` must not follow a redirect to another origin
            self.request.extensions[_KEY_ORIGIN] = _origin(self.request.url)
            hook = _adrop_key_off_origin if isinstance(http, httpx.AsyncClient) else _drop_key_off_origin
            hooks = http.event_hooks["request"]
            if hook not in hooks:
                hooks.append(hook)
        if removed:  # httpx laid its client's headers (its User-Agent, Accept-Encoding, ...) under ours: drop those too
            for name in removed - _KEPT:
                if name not in headers:  # unless a per-request header set it again
                    self.request.headers.pop(name, None)
        limit = options.get("max_retries")
        self.limit = config.max_retries if limit is None or isinstance(limit, NotGiven) else check_retries(limit)
        self.done = 0
        if log.isEnabledFor(_DEBUG):
            headers_text = redact(self.request.headers, config.api_key)
            log.debug("request: %s %s headers=%s", method, self.request.url, headers_text)

    def on_exception(self, exc: httpx.HTTPError) -> float:
        """The delay before the next attempt after a transport failure; raises if this was the last one."""
        if isinstance(exc, httpx.TimeoutException):
            error: APIError = APITimeoutError(f"Request timed out ({type(exc).__name__}).")
        else:
            message = " ".join(str(exc).split()) or type(exc).__name__
            error = APIConnectionError(f"Connection error: {message}".replace(self.config.api_key, "<redacted>"))
        if self.done >= self.limit or not isinstance(exc, httpx.TransportError):
            raise error from exc
        return self._next(_retry.retry_delay(self.done, None), type(exc).__name__)

    def on_status(self, response: httpx.Response) -> float | None:
        """None for a 2xx; else the delay before a retry, or raises the status error (the body must have been read)."""
        status = response.status_code
        if log.isEnabledFor(_DEBUG):
            rid = response.headers.get("x-request-id")
            log.debug("response: %s %s -> %d (request_id=%s)", self.request.method, self.request.url, status, rid)
        if 200 <= status < 300:
            return None
        if self.done >= self.limit or not _retry.should_retry(status, response.headers):
            raise status_error(response, self.config.api_key)
        return self._next(_retry.retry_delay(self.done, response.headers), f"HTTP {status}")

    def _next(self, delay: float, reason: str) -> float:
        self.done += 1
        method, url = self.request.method, self.request.url
        log.info("retrying %s %s in %.2f s (%s, retry %d of %d)", method, url, delay, reason, self.done, self.limit)
        return delay


def _next_after(page: Any, seen: set[str | None]) -> str | None:
    """The cursor of the next page, or None at the end: also when a page has no items or a cursor comes round again
    (a server looping A -> B -> A), which `seen` (the cursors used so far) records. A page without `has_more` (read
    as None) goes on while pages have items, as the official SDK does."""
    if page.has_more is False or not page.data:
        return None
    after = page.last_id or page.data[-1].id
    if not after:
        return None
    after = str(after)
    if after in seen:
        log.warning("stopping a list: the server sent the cursor %r again", after)
        return None
    seen.add(after)
    return after


class SyncRequester:
    """Sends requests through one `httpx.Client` (built lazily, or the caller's) for a client and its copies."""

    __slots__ = ("http", "owned")

    def __init__(self, http: httpx.Client, owned: bool) -> None:
        self.http = http
        self.owned = owned

    def send(self, config: Config, request: Request, options: RequestOptions, stream: bool = False) -> httpx.Response:
        """The first 2xx response (its body unread when `stream`), after retries; raises `APIError` otherwise."""
        if config.token_provider is not None:
            options = with_bearer(options, config.token_provider(), config.token_header)
        call = _Call(self.http, config, request, options)
        while True:
            try:
                response = self.http.send(call.request, stream=stream, follow_redirects=True)
            except httpx.HTTPError as exc:
                delay = call.on_exception(exc)
            else:
                if stream and not response.is_success:
                    try:
                        response.read()
                    except httpx.HTTPError:
                        pass  # the status alone decides the error class
                    finally:
                        response.close()
                retry_in = call.on_status(response)
                if retry_in is None:
                    if call.done:  # for a raw response's `retries_taken`; the common no-retry path pays one test
                        response.extensions[RETRIES_TAKEN] = call.done
                    return response
                delay = retry_in
            _retry.sleep(delay)

    def request(
        self, config: Config, request: Request, cls: type[M], options: RequestOptions, *, empty: Any = None
    ) -> M:
        """Send and parse the JSON answer into `cls` (`empty`: the data an empty body stands for, if it may be)."""
        return parse(self.send(config, request, options), cls, config, empty)

    def stream(self, config: Config, body: Mapping[str, Any], options: RequestOptions) -> Stream:
        """POST a stream request and wrap the event-stream answer."""
        from ._streaming import Stream

        request = ("POST", config.completions_url, body, None)
        return Stream(self.send(config, request, options, stream=True), config.api_key, config.strict)

    def pages(
        self,
        config: Config,
        url: str,
        cls: type[Any],
        params: dict[str, Any],
        options: RequestOptions,
        *,
        first: Any = None,
    ) -> Iterator[Any]:
        """The items of every page from `params["after"]` on, each page fetched when the previous one is used up
        (`first`: the first page, when the caller has it already)."""
        seen = {params.get("after")}
        page = first
        while True:
            if page is None:
                page = self.request(config, ("GET", url, None, params), cls, options)
            yield from page.data
            after = _next_after(page, seen)
            if after is None:
                return
            params = {**params, "after": after}
            page = None

    def close(self) -> None:
        if self.owned:
            self.http.close()


class AsyncRequester:
    """Sends requests through one `httpx.AsyncClient` (built lazily, or the caller's) for a client and its copies."""

    __slots__ = ("http", "owned")

    def __init__(self, http: httpx.AsyncClient, owned: bool) -> None:
        self.http = http
        self.owned = owned

    async def send(
        self, config: Config, request: Request, options: RequestOptions, stream: bool = False
    ) -> httpx.Response:
        """The first 2xx response (its body unread when `stream`), after retries; raises `APIError` otherwise."""
        if config.token_provider is not None:
            token = config.token_provider()
            options = with_bearer(options, await token if hasattr(token, "__await__") else token, config.token_header)
        call = _Call(self.http, config, request, options)
        while True:
            try:
                response = await self.http.send(call.request, stream=stream, follow_redirects=True)
            except httpx.HTTPError as exc:
                delay = call.on_exception(exc)
            else:
                if stream and not response.is_success:
                    try:
                        await response.aread()
                    except httpx.HTTPError:
                        pass  # the status alone decides the error class
                    finally:
                        await response.aclose()
                retry_in = call.on_status(response)
                if retry_in is None:
                    if call.done:  # for a raw response's `retries_taken`; the common no-retry path pays one test
                        response.extensions[RETRIES_TAKEN] = call.done
                    return response
                delay = retry_in
            await _retry.asleep(delay)

    async def request(
        self, config: Config, request: Request, cls: type[M], options: RequestOptions, *, empty: Any = None
    ) -> M:
        """Send and parse the JSON answer into `cls` (`empty`: the data an empty body stands for, if it may be)."""
        return parse(await self.send(config, request, options), cls, config, empty)

    async def stream(self, config: Config, body: Mapping[str, Any], options: RequestOptions) -> AsyncStream:
        """POST a stream request and wrap the event-stream answer."""
        from ._streaming import AsyncStream

        request = ("POST", config.completions_url, body, None)
        response = await self.send(config, request, options, stream=True)
        return await AsyncStream.open(response, config.api_key, config.strict)

    async def pages(
        self,
        config: Config,
        url: str,
        cls: type[Any],
        params: dict[str, Any],
        options: RequestOptions,
        *,
        first: Any = None,
    ) -> AsyncIterator[Any]:
        """The items of every page from `params["after"]` on, each page fetched when the previous one is used up
        (`first`: the first page, when the caller has it already)."""
        seen = {params.get("after")}
        page = first
        while True:
            if page is None:
                page = await self.request(config, ("GET", url, None, params), cls, options)
            for item in page.data:
                yield item
            after = _next_after(page, seen)
            if after is None:
                return
            params = {**params, "after": after}
            page = None

    async def aclose(self) -> None:
        if self.owned:
            await self.http.aclose()
