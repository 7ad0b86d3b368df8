"""`AzureClient` / `AsyncAzureClient`: the same client, sending Azure OpenAI's URLs and credentials.

Settings as the official SDK's `AzureOpenAI` takes them (and the same environment variables): `azure_endpoint`,
`api_version` (sent as the `api-version` query), `azure_deployment`, and one credential: `api_key` (sent as
`api-key`), `azure_ad_token` or `azure_ad_token_provider` (called once per request: a refreshed token is used;
`Authorization: Bearer <token>`). A completion goes to `{endpoint}/openai/deployments/{deployment}/chat/completions`,
the request's `model` naming the deployment when none is set; stored completions go to `{endpoint}/openai/...`.
`api_version="v1"` (or a `base_url` ending in `/openai/v1`) uses Azure's v1 API: `{endpoint}/openai/v1/...`, the model
in the body, no `api-version`.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, Self

from ._client import AsyncClient, Client
from ._config import DEFAULT_MAX_RETRIES, NOT_GIVEN, NotGiven, TimeoutTypes

if TYPE_CHECKING:
    import httpx

__all__ = ["AsyncAzureADTokenProvider", "AsyncAzureClient", "AzureADTokenProvider", "AzureClient"]

#: A function returning a Microsoft Entra ID (Azure AD) token, called once per request.
AzureADTokenProvider = Callable[[], str]
#: The async client's: it may return the token or an awaitable of it.
AsyncAzureADTokenProvider = Callable[[], "str | Awaitable[str]"]

V1 = "v1"
#: Characters a path segment keeps unescaped (RFC 3986 pchar, less "/"), as the official SDK quotes a deployment.
_SEGMENT_SAFE = "!$&'()*+,;=:@"
#: The settings' `api_key` when a token provider is the credential (never sent: each request sets its own token).
_NO_KEY = "azure-ad-token-provider"


class _Route:
    """Where a request built against the base URL really goes on Azure (`Config.route`)."""

    __slots__ = ("by_model", "completions_url", "resource_root", "root")

    def __init__(self, root: str, by_model: bool, resource_root: str | None) -> None:
        self.root = root
        self.completions_url = f"{root}/chat/completions"
        #: A POST to /chat/completions goes to /deployments/{model}/chat/completions (no deployment in the base URL).
        self.by_model = by_model
        #: Other paths (stored completions) go here instead of under the deployment (`azure_deployment` given).
        self.resource_root = resource_root

    def __call__(self, method: str, url: str, body: Mapping[str, Any] | None) -> str:
        from urllib.parse import quote

        if url == self.completions_url:
            model = body.get("model") if body is not None and self.by_model else None
            if isinstance(model, str):
                return f"{self.root}/deployments/{quote(model, safe=_SEGMENT_SAFE)}/chat/completions"
            return url
        if self.resource_root is not None and url.startswith(self.root + "/"):
            return self.resource_root + url[len(self.root) :]
        return url


def _credentials(
    api_key: str | None, azure_ad_token: str | None, azure_ad_token_provider: Callable[[], Any] | None
) -> tuple[str, str, Callable[[], Any]]:
    """The secret to keep out of logs and errors, the header the credential goes in and what gives it per request;
    explicit credentials first, else AZURE_OPENAI_AD_TOKEN, else AZURE_OPENAI_API_KEY (as the official SDK)."""
    given = [value for value in (api_key, azure_ad_token, azure_ad_token_provider) if value is not None]
    if len(given) > 1:
        raise ValueError("api_key, azure_ad_token and azure_ad_token_provider are mutually exclusive: pass one")
    if not given:
        azure_ad_token = os.environ.get("AZURE_OPENAI_AD_TOKEN") or None
        api_key = None if azure_ad_token else os.environ.get("AZURE_OPENAI_API_KEY") or None
    if azure_ad_token is not None:
        return azure_ad_token, "authorization", _constant(azure_ad_token)
    if api_key is not None:
        return api_key, "api-key", _constant(api_key)
    if azure_ad_token_provider is not None:
        return _NO_KEY, "authorization", azure_ad_token_provider
    raise ValueError(
        "No credentials: pass api_key, azure_ad_token or azure_ad_token_provider, or set the AZURE_OPENAI_API_KEY "
        "or AZURE_OPENAI_AD_TOKEN environment variable"
    )


def _constant(value: str) -> Callable[[], str]:
    """A fixed key or token, set on each request as a provider's is: a call's own header of that name wins, and the
    client's `default_headers` do not (as the official SDK's `_prepare_options`)."""
    return lambda: value


def _base_url_route(base_url: str) -> tuple[bool, bool]:
    """For a `base_url`: whether it is Azure's v1 API, and whether a completion's model names its deployment (no
    deployment in the URL, not the v1 API), as the official SDK decides it."""
    from urllib.parse import urlsplit

    path = urlsplit(base_url).path.rstrip("/")
    v1 = path.endswith("/openai/v1")
    return v1, not v1 and "/deployments" not in path


def _urls(
    api_version: str | None, azure_endpoint: str | None, azure_deployment: str | None, base_url: str | None
) -> tuple[str, dict[str, str], bool, str | None]:
    """The base URL, the query of every request, whether the model names the deployment, and where non-deployment
    paths go (None: under the base URL)."""
    from urllib.parse import quote

    api_version = api_version or os.environ.get("OPENAI_API_VERSION") or None
    if base_url is not None:
        if azure_endpoint is not None:
            raise ValueError("base_url and azure_endpoint are mutually exclusive")
        v1, by_model = _base_url_route(base_url)
        if api_version is None and not v1:
            raise ValueError("No API version: pass api_version or set the OPENAI_API_VERSION environment variable")
        query = {"api-version": api_version} if api_version and api_version != V1 else {}
        return base_url, query, by_model, None
    endpoint = (azure_endpoint or os.environ.get("AZURE_OPENAI_ENDPOINT") or "").rstrip("/")
    if not endpoint:
        raise ValueError("No endpoint: pass azure_endpoint (or base_url), or set the AZURE_OPENAI_ENDPOINT variable")
    if api_version is None:
        raise ValueError("No API version: pass api_version or set the OPENAI_API_VERSION environment variable")
    if api_version == V1:
        return f"{endpoint}/openai/v1", {}, False, None
    query = {"api-version": api_version}
    if azure_deployment is not None:
        deployment = quote(azure_deployment, safe=_SEGMENT_SAFE)
        return f"{endpoint}/openai/deployments/{deployment}", query, False, f"{endpoint}/openai"
    return f"{endpoint}/openai", query, True, None


class _Azure:
    """What the Azure settings make of the plain client's keywords, and what is set on its settings after."""

    __slots__ = ("auth", "by_model", "kwargs", "resource_root")

    def __init__(
        self,
        credentials: tuple[str | None, str | None, Callable[[], Any] | None],
        *,
        api_version: str | None,
        azure_endpoint: str | None,
        azure_deployment: str | None,
        base_url: str | None,
        default_headers: Mapping[str, str | None] | None,
        default_query: Mapping[str, object] | None,
    ) -> None:
        self.auth = _credentials(*credentials)
        url, query, self.by_model, self.resource_root = _urls(api_version, azure_endpoint, azure_deployment, base_url)
        #: `api_key` (only for keeping the secret out of logs: each request gets the credential), `base_url`, ...
        self.kwargs: dict[str, Any] = {
            "api_key": self.auth[0],
            "base_url": url,
            "default_headers": {"authorization": None, **(default_headers or {})},
            "default_query": {**(default_query or {}), **query},
        }

    def finish(self, client: Client | AsyncClient) -> None:
        """Set the route and the credential on the client's settings (`with_options` copies keep them)."""
        config = client._config
        config.route = _Route(config.root, self.by_model, self.resource_root)
        _, config.token_header, config.token_provider = self.auth


def _new_credentials(
    api_key: str | None, azure_ad_token: str | None, azure_ad_token_provider: Callable[[], Any] | None
) -> tuple[str, str, Callable[[], Any]] | None:
    """`with_options(api_key=...)` (or a token, or a provider): the copy's only credential; None: the client's."""
    if api_key is None and azure_ad_token is None and azure_ad_token_provider is None:
        return None
    return _credentials(api_key, azure_ad_token, azure_ad_token_provider)


def _finish_copy(
    copy: Client | AsyncClient, auth: tuple[str, str, Callable[[], Any]] | None, base_url: str | None
) -> None:
    """A copy made by `with_options` on an Azure client: a new credential replaces the old one (never both sent, as
    the official SDK's `copy`); requests on a new `base_url` are routed as that URL says."""
    config = copy._config
    if auth is not None:
        _, config.token_header, config.token_provider = auth
    if base_url is not None:
        config.route = _Route(config.root, _base_url_route(base_url)[1], None)


class AzureClient(Client):
    """A `Client` for Azure OpenAI: deployment URLs, `api-version`, `api-key` or Azure AD (Entra ID) tokens.

    Arguments left out come from AZURE_OPENAI_API_KEY, AZURE_OPENAI_AD_TOKEN, AZURE_OPENAI_ENDPOINT and
    OPENAI_API_VERSION, as the official SDK's `AzureOpenAI` reads them.
    """

    __slots__ = ()

    def __init__(
        self,
        *,
        api_version: str | None = None,
        azure_endpoint: str | None = None,
        azure_deployment: str | None = None,
        api_key: str | None = None,
        azure_ad_token: str | None = None,
        azure_ad_token_provider: AzureADTokenProvider | None = None,
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
        azure = _Azure(
            (api_key, azure_ad_token, azure_ad_token_provider),
            api_version=api_version,
            azure_endpoint=azure_endpoint,
            azure_deployment=azure_deployment,
            base_url=base_url,
            default_headers=default_headers,
            default_query=default_query,
        )
        super().__init__(
            organization=organization,
            project=project,
            timeout=timeout,
            max_retries=max_retries,
            http_client=http_client,
            strict_response_validation=strict_response_validation,
            **azure.kwargs,
        )
        azure.finish(self)

    def with_options(
        self,
        *,
        api_key: str | None = None,
        azure_ad_token: str | None = None,
        azure_ad_token_provider: AzureADTokenProvider | None = None,
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
        """A copy with these options changed, as `Client.with_options`; a new `api_key`, `azure_ad_token` or
        `azure_ad_token_provider` (one at most) replaces the credential, a new `base_url` is routed as the
        constructor's `base_url` is."""
        auth = _new_credentials(api_key, azure_ad_token, azure_ad_token_provider)
        copy = super().with_options(
            api_key=None if auth is None else auth[0],
            organization=organization,
            project=project,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
            extra_body=extra_body,
            default_query=default_query,
            strict_response_validation=strict_response_validation,
            default_headers=default_headers,
        )
        _finish_copy(copy, auth, base_url)
        return copy


class AsyncAzureClient(AsyncClient):
    """The asyncio/trio twin of `AzureClient`; `azure_ad_token_provider` may be an async function."""

    __slots__ = ()

    def __init__(
        self,
        *,
        api_version: str | None = None,
        azure_endpoint: str | None = None,
        azure_deployment: str | None = None,
        api_key: str | None = None,
        azure_ad_token: str | None = None,
        azure_ad_token_provider: AsyncAzureADTokenProvider | None = None,
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
        azure = _Azure(
            (api_key, azure_ad_token, azure_ad_token_provider),
            api_version=api_version,
            azure_endpoint=azure_endpoint,
            azure_deployment=azure_deployment,
            base_url=base_url,
            default_headers=default_headers,
            default_query=default_query,
        )
        super().__init__(
            organization=organization,
            project=project,
            timeout=timeout,
            max_retries=max_retries,
            http_client=http_client,
            strict_response_validation=strict_response_validation,
            **azure.kwargs,
        )
        azure.finish(self)

    def with_options(
        self,
        *,
        api_key: str | None = None,
        azure_ad_token: str | None = None,
        azure_ad_token_provider: AsyncAzureADTokenProvider | None = None,
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
        """A copy with these options changed, as `AsyncClient.with_options`; a new `api_key`, `azure_ad_token` or
        `azure_ad_token_provider` (one at most) replaces the credential, a new `base_url` is routed as the
        constructor's `base_url` is."""
        auth = _new_credentials(api_key, azure_ad_token, azure_ad_token_provider)
        copy = super().with_options(
            api_key=None if auth is None else auth[0],
            organization=organization,
            project=project,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
            extra_body=extra_body,
            default_query=default_query,
            strict_response_validation=strict_response_validation,
            default_headers=default_headers,
        )
        _finish_copy(copy, auth, base_url)
        return copy
