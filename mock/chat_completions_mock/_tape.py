"""Record and replay: the middleware that answers from cassettes, or forwards to a real server and records.

Record modes are pytest-recording's (and VCR.py's): `none` replays only; `once` records when the cassette file is
missing, else replays only; `new_episodes` replays what matches and records the rest; `all` records everything.
An unmatched request gets a 400 naming the closest recording and the first field that differs, or, with
`fallback="generate"`, the mock's own answer.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._cassette import SECRET_HEADERS, Interaction, append_interaction, header_bytes, json_or_none, load_directory
from ._errors import ApiError
from ._handlers import read_body
from ._matchers import DEFAULT_IGNORED_FIELDS, Incoming, closest, mismatch
from ._traffic import SERVED_BY_KEY, UPSTREAM_URI_KEY, RequestLog
from ._wire import TRANSPORT_KEY, ClientGone, drop, error_response, pause, transport_of

__all__ = ["RECORD_MODES", "CassetteOptions", "Cassettes", "Tape"]

_log = logging.getLogger("chat_completions_mock")

RECORD_MODES = ("none", "once", "new_episodes", "all")
REPLAY_TIMINGS = ("none", "recorded")
FALLBACKS = ("error", "generate")
#: Hop-by-hop and framing headers: never forwarded either way (the server frames its own answer).
_HOP = frozenset(
    {"host", "connection", "keep-alive", "content-length", "transfer-encoding", "content-encoding", "upgrade", "te"}
)


@dataclasses.dataclass(frozen=True)
class CassetteOptions:
    """Where cassettes are read (`replay`) and written (`record_to`, file `name`.yaml), from which `upstream`,
    in which `mode`; `timing` and `fallback` of replay; body fields `ignore`d by matching; headers to `scrub`;
    the environment variable holding the upstream's key (`key_env`)."""

    replay: str | None = None
    record_to: str | None = None
    upstream: str | None = None
    mode: str | None = None
    timing: str = "none"
    fallback: str = "error"
    ignore: tuple[str, ...] = DEFAULT_IGNORED_FIELDS
    scrub: tuple[str, ...] = ()
    key_env: str = "OPENAI_API_KEY"
    name: str = "chat-completions"

    @property
    def record_file(self) -> Path | None:
        """The cassette file recordings go to."""
        folder = self.record_to or self.replay
        return Path(folder) / f"{self.name}.yaml" if folder else None

    def resolved_mode(self) -> str:
        """The record mode in force: explicit, or what the options imply (replay only, record only, or both)."""
        mode = self.mode or ("new_episodes" if self.replay and self.record_to else "all" if self.record_to else "none")
        if mode == "once":
            recorded = self.record_file is not None and self.record_file.exists()
            return "none" if recorded else "all"
        return mode

    def check(self) -> None:
        """`ValueError` (one line) for options no server can use."""
        if self.mode is not None and self.mode not in RECORD_MODES:
            raise ValueError(f"record mode must be one of {', '.join(RECORD_MODES)}, not {self.mode!r}")
        if self.timing not in REPLAY_TIMINGS:
            raise ValueError(f"replay timing must be 'recorded' or 'none', not {self.timing!r}")
        if self.fallback not in FALLBACKS:
            raise ValueError(f"replay fallback must be 'error' or 'generate', not {self.fallback!r}")
        mode = self.resolved_mode()
        if mode in ("all", "new_episodes") and not self.upstream:
            raise ValueError(f"record mode {mode!r} records: it needs an upstream URL to forward to")
        if self.upstream and not self.upstream.startswith(("http://", "https://")):
            raise ValueError(f"the upstream must be an http(s) URL, not {self.upstream!r}")
        if self.record_file is None and mode != "none":
            raise ValueError("recording needs a directory to write cassettes to")


def _writable(path: Path | None) -> None:
    """`ValueError` (one line) when cassettes cannot be written to `path`'s directory (made if missing)."""
    assert path is not None  # `CassetteOptions.check` refuses recording without a directory
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValueError(f"cannot write cassettes to {path.parent}: {exc.strerror}") from None
    if not os.access(path.parent, os.W_OK):
        raise ValueError(f"cannot write cassettes to {path.parent}: not writable")


class Library:
    """The recordings a server replays: each answers once in order, then the last match answers again."""

    def __init__(self, interactions: Sequence[Interaction], ignore: Sequence[str]) -> None:
        self.interactions = list(interactions)
        self.ignore = frozenset(ignore)
        self.played: set[int] = set()
        self._lock = threading.Lock()

    def add(self, interaction: Interaction) -> None:
        """A new recording (already played: it answered its own request)."""
        with self._lock:
            self.played.add(len(self.interactions))
            self.interactions.append(interaction)

    def find(self, incoming: Incoming) -> Interaction | None:
        """The recording that answers `incoming`: the first not yet played, else the last that matches."""
        with self._lock:
            last = None
            for index, recorded in enumerate(self.interactions):
                if mismatch(recorded, incoming, self.ignore) is None:
                    if index not in self.played:
                        self.played.add(index)
                        return recorded
                    last = recorded
            return last

    def unmatched(self, incoming: Incoming) -> ApiError:
        """The 400 an unmatched request gets: the closest recording and the first field that differs."""
        near = closest(self.interactions, incoming, self.ignore)
        what = f"{incoming.method} {incoming.path}"
        if near is None:
            message = f"No recorded answer for {what}: the cassettes hold no interactions."
            field = None
        else:
            recorded, field = near
            message = (
                f"No recorded answer matches {what}. Closest recording: {recorded.source or recorded.uri}"
                f" ({recorded.method} {recorded.path}); first difference: {field}."
            )
        return ApiError(400, message, param=field, code="no_recorded_answer")


class Upstream:
    """Forwards requests to a real server with async httpx, its answer streamed through piece by piece."""

    def __init__(self, base_url: str, key_env: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.key_env = key_env
        self._client: httpx.AsyncClient | None = None

    def url(self, path: str, query: str) -> str:
        """The upstream URL of a request to the mock (its `/v1` prefix belongs to the mock)."""
        relative = path.removeprefix("/v1") if path.startswith("/v1/") else path
        return self.base_url + relative + (f"?{query}" if query else "")

    def headers(self, scope: Scope) -> list[tuple[str, str]]:
        """The caller's headers to forward; the key from the environment when set (else the caller's own)."""
        key = os.environ.get(self.key_env, "")
        out = []
        azure = False  # the caller authenticates as Azure OpenAI clients do: the key goes in `api-key` then
        for raw_name, raw_value in scope["headers"]:
            name = raw_name.decode("latin-1").lower()
            if name in _HOP or name == "accept-encoding" or name.startswith("x-mock-"):
                continue
            azure = azure or name == "api-key"
            if key and name in ("authorization", "api-key"):
                continue
            out.append((name, raw_value.decode("latin-1")))
        if key:
            out.append(("api-key", key) if azure else ("authorization", f"Bearer {key}"))
        out.append(("accept-encoding", "identity"))  # stored byte for byte, as the client read it
        return out

    async def forward(self, scope: Scope, receive: Receive, send: Send, body: bytes) -> None:
        """Send the request upstream and its answer to the caller as it arrives."""
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=httpx.Timeout(600.0, connect=10.0))
        query = scope.get("query_string", b"").decode("latin-1")
        raw_path = scope.get("raw_path")  # as sent, percent-encoded: the decoded path may hold what no URL can
        url = self.url(raw_path.decode("latin-1") if raw_path else quote(scope["path"]), query)
        request = self._client.build_request(scope["method"], url, headers=self.headers(scope), content=body)
        try:
            response = await self._client.send(request, stream=True)
        except httpx.HTTPError as exc:
            error = ApiError(502, f"The upstream {self.base_url} could not be reached: {type(exc).__name__}.")
            await error_response(error)(scope, receive, send)
            return
        scope[SERVED_BY_KEY] = "upstream"
        scope[UPSTREAM_URI_KEY] = url
        try:
            headers = [(n, v) for n, v in response.headers.raw if n.decode("latin-1").lower() not in _HOP]  # as sent
            await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
            try:
                async for piece in response.aiter_bytes():
                    await send({"type": "http.response.body", "body": piece, "more_body": True})
            except httpx.HTTPError:
                # The upstream broke off mid-answer: break off too, so the client sees what the upstream did (an
                # answer cut short is logged, never recorded).
                transport = transport_of(receive)
                if transport is None:
                    raise ClientGone from None
                scope[TRANSPORT_KEY] = transport
                await drop(scope, receive)
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            await response.aclose()

    async def aclose(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None


class _Again:
    """A `receive` that hands the already-read body to the app, then the client's own messages (still leading to
    uvicorn's transport, as `_wire.transport_of` expects)."""

    def __init__(self, body: bytes, receive: Receive) -> None:
        self.body: bytes | None = body
        self._receive = receive
        self.transport = getattr(getattr(receive, "__self__", None), "transport", None)

    async def receive(self) -> Message:
        if self.body is not None:
            body, self.body = self.body, None
            return {"type": "http.request", "body": body, "more_body": False}
        return await self._receive()


def _answer_headers(recorded: Interaction) -> list[tuple[bytes, bytes]]:
    """The recorded answer's headers as sent on replay: framing headers dropped, a length for a JSON body."""
    cached: list[tuple[bytes, bytes]] | None = recorded.__dict__.get("_answer_headers")
    if cached is None:
        cached = [
            (n.lower().encode("latin-1"), header_bytes(v))
            for n, v in recorded.response_headers
            if n.lower() not in _HOP
        ]
        if not recorded.is_stream:
            cached.append((b"content-length", str(len(recorded.response_body)).encode()))
        recorded.__dict__["_answer_headers"] = cached
    return cached


async def play(recorded: Interaction, scope: Scope, receive: Receive, send: Send, timing: str) -> None:
    """Answer with a recording: its status and headers, its body in the recorded pieces (at their pace)."""
    scope[SERVED_BY_KEY] = "replay"
    await send({"type": "http.response.start", "status": recorded.status, "headers": _answer_headers(recorded)})
    pieces = recorded.pieces()
    if timing != "recorded" or not recorded.chunks:
        for position, piece in enumerate(pieces):
            await send({"type": "http.response.body", "body": piece, "more_body": position < len(pieces) - 1})
        if not pieces:
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        return
    loop = asyncio.get_running_loop()
    started = loop.time()
    for piece, chunk in zip(pieces, recorded.chunks, strict=False):
        wait = chunk.at - (loop.time() - started)
        if wait > 0 and await pause(receive, wait):
            raise ClientGone
        await send({"type": "http.response.body", "body": piece, "more_body": True})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


class Tape:
    """A server's recordings and upstream: loaded when the app is made (bad cassettes fail then, not later)."""

    def __init__(self, options: CassetteOptions, log: RequestLog, max_body_bytes: int) -> None:
        options.check()
        self.options = options
        self.mode = options.resolved_mode()
        self.max_body_bytes = max_body_bytes
        replayed: list[Interaction] = []
        if options.replay and self.mode != "all" and (self.mode == "none" or Path(options.replay).is_dir()):
            replayed = load_directory(options.replay)  # replay only: a missing directory is an error
        self.library = Library(replayed, options.ignore)
        self.upstream = Upstream(options.upstream, options.key_env) if options.upstream else None
        self._fresh = self.mode == "all"
        if self.mode != "none":
            _writable(options.record_file)
            log.on_upstream = self.record

    def describe(self) -> str:
        """One line: what this server replays and records (the CLI prints it at start)."""
        replays = f"replaying {len(self.library.interactions)} recordings from {self.options.replay}"
        records = f"recording to {self.options.record_file} from {self.options.upstream}"
        parts = {"none": [replays], "all": [records]}.get(self.mode, [replays, records])
        return f"Record mode {self.mode}: " + "; ".join(parts)

    def record(self, interaction: Interaction) -> None:
        """Write one forwarded exchange to the cassette (mode `all` starts the file afresh)."""
        path = self.options.record_file
        assert path is not None
        secrets = [os.environ.get(self.options.key_env, "")]
        try:
            if self._fresh:
                self._fresh = False
                path.unlink(missing_ok=True)
            append_interaction(path, interaction, secrets=secrets)
        except OSError as exc:  # the answer went out; only the recording is lost: one line, not a traceback
            _log.error("could not record %s %s to %s: %s", interaction.method, interaction.path, path, exc.strerror)
            return
        self.library.add(interaction)

    async def serve(self, app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer from a recording, forward upstream (and record), or let `app` answer (fallback)."""
        try:
            body = await read_body(receive, self.max_body_bytes)
        except ApiError as error:
            await error_response(error)(scope, receive, send)
            return
        if self.mode != "all":
            incoming = Incoming(
                scope["method"], scope["path"], scope.get("query_string", b"").decode(), json_or_none(body)
            )
            recorded = self.library.find(incoming)
            if recorded is not None:
                await play(recorded, scope, receive, send, self.options.timing)
                return
            if self.mode == "none":
                if self.options.fallback == "generate":
                    await app(scope, _Again(body, receive).receive, send)
                else:
                    await error_response(self.library.unmatched(incoming))(scope, receive, send)
                return
        assert self.upstream is not None
        await self.upstream.forward(scope, receive, send, body)

    async def aclose(self) -> None:
        """Close the upstream's connections."""
        if self.upstream is not None:
            await self.upstream.aclose()


class Cassettes:
    """The record/replay middleware (inside `CommonHeaders`, before auth: the recording or the upstream decides).

    The mock's `/_mock/` routes pass through; so does everything when `fallback="generate"` finds no recording.
    """

    def __init__(self, app: ASGIApp, tape: Tape) -> None:
        self.app = app
        self.tape = tape

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_mock/"):
            await self.app(scope, receive, send)
            return
        await self.tape.serve(self.app, scope, receive, send)


#: Request headers never recorded (for the docs).
NEVER_RECORDED = tuple(sorted(SECRET_HEADERS))
