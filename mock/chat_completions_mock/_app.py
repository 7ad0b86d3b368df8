"""The ASGI app: the route table, the middleware (common headers, auth, faults) and the error handlers."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from os import PathLike

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route

from ._errors import ApiError
from ._faults import Fault, parse_fault
from ._handlers import Handlers
from ._matchers import DEFAULT_IGNORED_FIELDS
from ._middleware import CONTROL_PREFIX, Auth, AzureApiVersion, CommonHeaders, FaultSelection
from ._models import parse_model_aliases
from ._pacing import check_latency
from ._state import DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_BODY_BYTES, MockOptions, MockState
from ._tape import CassetteOptions, Cassettes, Tape
from ._traffic import Traffic
from ._wire import error_response

__all__ = ["DEFAULT_CONTEXT_WINDOW", "DEFAULT_MAX_BODY_BYTES", "MockApp", "MockState", "create_app"]


class MockApp(Starlette):
    """The mock's Starlette app. `app.state.mock` (also `app.mock`) holds its `MockState`."""

    mock: MockState
    handlers: Handlers
    tape: Tape | None  # record/replay, when cassettes are in play


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    method, path = request.method, request.url.path
    if exc.status_code == 405:
        error = ApiError(
            405, f"Method {method} is not allowed on {path}.", code="method_not_allowed", headers=_allow(request)
        )
    elif exc.status_code == 404:
        error = ApiError(404, f"Invalid URL ({method} {path})", code=None)
    else:
        error = ApiError(exc.status_code, str(exc.detail))
    return error_response(error)


def _allow(request: Request) -> dict[str, str]:
    """The `Allow` header of a 405: the methods of every route on the path (Starlette's lists only the first's)."""
    methods: set[str] = set()
    for route in request.app.routes:
        match, _ = route.matches(request.scope)
        if match is not Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return {"Allow": ", ".join(sorted(methods))}


async def _server_error(request: Request, exc: Exception) -> Response:
    """Starlette's outermost 500 (only a crash in `CommonHeaders` itself gets this far)."""
    return error_response(ApiError(500))


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc)


#: Azure OpenAI's URL shapes, after OpenAI's: the v1 API, a deployment's paths, the resource's own (stored
#: completions, where the official SDK's `AzureOpenAI` sends them); `AzureApiVersion` checks their `api-version`.
AZURE_PREFIXES = ("/openai/v1", "/openai/deployments/{deployment}", "/openai")


def _routes(handlers: Handlers) -> list[Route]:
    """The one route table; each route's name is its operation (what a fault's `on=` names). Create comes first:
    it is the route nearly every request takes."""
    routes: list[Route] = []
    for prefix in ("/v1", "", *AZURE_PREFIXES):
        routes += [
            Route(f"{prefix}/chat/completions", handlers.create, methods=["POST"], name="create"),
            Route(f"{prefix}/chat/completions", handlers.list, methods=["GET"], name="list"),
            Route(f"{prefix}/chat/completions/{{completion_id}}", handlers.retrieve, methods=["GET"], name="retrieve"),
            Route(f"{prefix}/chat/completions/{{completion_id}}", handlers.update, methods=["POST"], name="update"),
            Route(f"{prefix}/chat/completions/{{completion_id}}", handlers.delete, methods=["DELETE"], name="delete"),
            Route(
                f"{prefix}/chat/completions/{{completion_id}}/messages",
                handlers.messages,
                methods=["GET"],
                name="messages",
            ),
            Route(f"{prefix}/models", handlers.models, methods=["GET"], name="models"),
            Route(f"{prefix}/models/{{model:path}}", handlers.model, methods=["GET"], name="models"),
        ]
    routes += [
        Route(f"{CONTROL_PREFIX}stats", handlers.stats, methods=["GET"], name="stats"),
        Route(f"{CONTROL_PREFIX}faults", handlers.faults, methods=["GET", "POST", "DELETE"], name="faults"),
    ]
    return routes


def create_app(
    *,
    permissive: bool = False,
    api_keys: Iterable[str] | None = None,
    store_path: str | PathLike[str] | None = None,
    faults: Sequence[Fault | str] = (),
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    context_window: int | None = None,
    models: Mapping[str, str] | Iterable[str] = (),
    any_model: bool = False,
    latency: str | None = None,
    latency_seed: int = 0,
    request_log: int = 0,
    replay: str | PathLike[str] | None = None,
    record_to: str | PathLike[str] | None = None,
    upstream: str | None = None,
    record_mode: str | None = None,
    replay_timing: str = "none",
    replay_fallback: str = "error",
    match_ignore: Sequence[str] = DEFAULT_IGNORED_FIELDS,
    scrub: Sequence[str] = (),
    upstream_key_env: str = "OPENAI_API_KEY",
    cassette_name: str = "chat-completions",
) -> MockApp:
    """A new mock app (ASGI). Options mirror the CLI: `permissive`, `api_keys` (restrict accepted keys),
    `store_path` (SQLite file), `faults` (server-wide fault specs), `max_body_bytes`, `context_window` (None: each
    model's own), `models` (extra names: `{"name": "profile"}` or `["name=profile"]`), `any_model` (serve any name
    instead of 404), `latency` (`"model"` or a profile name: pace streams like that model) and `latency_seed`;
    `request_log` (how many answered requests `state.requests` keeps); and record/replay (docs/mock.md):
    `replay` and `record_to` (cassette directories), `upstream`, `record_mode` (none, once, new_episodes, all),
    `replay_timing` (none, recorded), `replay_fallback` (error, generate), `match_ignore` (body fields matching
    ignores), `scrub` (more headers never recorded), `upstream_key_env`, `cassette_name` (file recorded to)."""
    aliases = dict(models) if isinstance(models, Mapping) else parse_model_aliases(models)
    cassettes = None
    if replay is not None or record_to is not None or upstream is not None:
        cassettes = CassetteOptions(
            replay=str(replay) if replay is not None else None,
            record_to=str(record_to) if record_to is not None else None,
            upstream=upstream,
            mode=record_mode,
            timing=replay_timing,
            fallback=replay_fallback,
            ignore=tuple(match_ignore),
            scrub=tuple(scrub),
            key_env=upstream_key_env,
            name=cassette_name,
        )
    options = MockOptions(
        permissive=permissive,
        api_keys=frozenset(api_keys or ()),
        store_path=str(store_path) if store_path is not None else None,
        faults=tuple(f if isinstance(f, Fault) else parse_fault(f) for f in faults),
        max_body_bytes=max_body_bytes,
        context_window=context_window,
        models=aliases,
        any_model=any_model,
        latency=check_latency(latency),
        latency_seed=latency_seed,
        request_log=request_log,
        cassettes=cassettes,
    )
    state = MockState(options)
    tape = Tape(cassettes, state.requests, max_body_bytes) if cassettes is not None else None

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if tape is not None:
                await tape.aclose()
            await asyncio.to_thread(state.store.close)

    handlers = Handlers(state)
    routes = _routes(handlers)
    app = MockApp(
        routes=routes,
        middleware=[
            Middleware(Traffic, log=state.requests, scrub=scrub),
            Middleware(CommonHeaders, state=state),
            *([Middleware(Cassettes, tape=tape)] if tape is not None else []),
            Middleware(AzureApiVersion),
            Middleware(Auth, state=state),
            Middleware(FaultSelection, state=state, routes=routes),
        ],
        exception_handlers={HTTPException: _http_error, ApiError: _api_error, Exception: _server_error},
        lifespan=lifespan,
    )
    app.router.redirect_slashes = False
    app.mock = state
    app.handlers = handlers
    app.tape = tape
    app.state.mock = state
    return app
