"""The SDK under faults: sync and async, plain and streaming, against the mock's injected faults.

For each fault: the outcome (a successful retry, or exactly the right `chat_completions` exception), the number of
attempts the server saw, a time bound, and the client still usable afterwards (a plain and a streamed request on the
same client succeed, and it holds at most one connection). Faults the mock cannot express (a refused connection, a
reset at accept or after the request) use loopback sockets that count the attempts.
"""

from __future__ import annotations

import dataclasses
import itertools
import signal
import time
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import chat_completions as cc
import pytest
from chat_completions_mock import MockServer
from loopback import free_port
from reliability_support import (
    KEY,
    SEED,
    SEED_ANSWER,
    AfterDoneServer,
    MockProcess,
    ResetServer,
    refused_port,
    tcp_to,
    wait_until,
)

pytestmark = [pytest.mark.slow, pytest.mark.timeout(30)]  # slow: reliability, `pytest -m "not slow"` skips it

BOUND = 6.0  # seconds: no faulty call may take longer (the slowest expected is about 1 s)
_KEYS = itertools.count(1)


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What a faulty call must end with."""

    error: type[cc.APIError] | None  # None: it succeeds (after retries)
    attempts: int  # requests the server saw
    chunks: int = 0  # streams: chunks received before the error
    waits: tuple[float, ...] | None = None  # the exact retry waits (a server's retry-after honoured)
    timeout: float | None = None  # the client's timeout for the call
    max_retries: int = 2
    status: int | None = None
    error_type: str | None = None  # the error's `type` field
    says: str | None = None  # a phrase of the error message


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    fault: str
    plain: Outcome | None
    stream: Outcome | None


CONN, TIMEOUT, INVALID = cc.APIConnectionError, cc.APITimeoutError, cc.APIResponseValidationError
CASES = [
    Case("drop before the answer", "drop_before", Outcome(CONN, 3), Outcome(CONN, 3)),
    Case("drop before the answer twice, then served", "drop_before;times=2", Outcome(None, 3), Outcome(None, 3)),
    Case("drop mid-body", "drop_mid_body", Outcome(CONN, 3), Outcome(CONN, 1, chunks=1)),
    Case("drop mid-body once, then served", "drop_mid_body;times=1", Outcome(None, 2), None),
    Case("drop a stream after 3 events", "drop_after=3", Outcome(None, 1), Outcome(CONN, 1, chunks=3)),
    Case(
        "429 with retry-after, always",
        "status=429;retry_after=0.02",
        Outcome(cc.RateLimitError, 3, waits=(0.02, 0.02), status=429, error_type="requests"),
        Outcome(cc.RateLimitError, 3, waits=(0.02, 0.02), status=429, error_type="requests"),
    ),
    Case(
        "429 with retry-after-ms twice, then served",
        "status=429;retry_after_ms=5;times=2",
        Outcome(None, 3, waits=(0.005, 0.005)),
        Outcome(None, 3, waits=(0.005, 0.005)),
    ),
    *(
        Case(
            f"{status}, always",
            f"status={status}",
            Outcome(cc.InternalServerError, 3, status=status, error_type="server_error"),
            Outcome(cc.InternalServerError, 3, status=status, error_type="server_error"),
        )
        for status in (500, 502, 503)
    ),
    *(
        Case(
            f"{status} once, then served",
            f"status={status};retry_after_ms=1;times=1",
            Outcome(None, 2, waits=(0.001,)),
            Outcome(None, 2, waits=(0.001,)),
        )
        for status in (500, 502, 503)
    ),
    Case(
        "503 with x-should-retry: false",
        "status=503;should_retry=false",
        Outcome(cc.InternalServerError, 1, status=503),
        Outcome(cc.InternalServerError, 1, status=503),
    ),
    Case(
        "400 is never retried",
        "status=400",
        Outcome(cc.BadRequestError, 1, status=400),
        Outcome(cc.BadRequestError, 1, status=400),
    ),
    Case(
        "slow first byte past the timeout",
        "slow_first_byte=5",
        Outcome(TIMEOUT, 2, timeout=0.3, max_retries=1),
        Outcome(TIMEOUT, 2, timeout=0.3, max_retries=1),
    ),
    Case(
        "slow first byte once, then served",
        "slow_first_byte=5;times=1",
        Outcome(None, 2, timeout=0.5),
        Outcome(None, 2, timeout=0.5),
    ),
    Case(
        "events slower than the read timeout",
        "slow_chunks=5",
        Outcome(None, 1, timeout=0.5),  # stream-only directive: a JSON answer is unaffected
        Outcome(TIMEOUT, 1, chunks=1, timeout=0.3),
    ),
    Case(
        "stream truncated without [DONE]",
        "truncate_after=2",
        Outcome(None, 1),
        Outcome(CONN, 1, chunks=2, says="[DONE]"),
    ),
    Case(
        "error event mid-stream",
        "error_event_after=2",
        Outcome(None, 1),
        Outcome(cc.APIError, 1, chunks=2, error_type="server_error", says="server had an error"),
    ),
    Case(
        "malformed JSON",
        "body=malformed",
        Outcome(INVALID, 1, status=200, says="not valid JSON"),
        Outcome(INVALID, 1, chunks=1, status=200, says="not valid JSON"),
    ),
    Case(
        "HTML 502 page from a proxy",
        "body=html",
        Outcome(cc.InternalServerError, 3, status=502, says="HTML page"),
        Outcome(cc.InternalServerError, 3, status=502, says="HTML page"),
    ),
    Case("HTML 502 page once, then served", "body=html;times=1", Outcome(None, 2), Outcome(None, 2)),
    Case(
        "HTML 403 page",
        "body=html;status=403",
        Outcome(cc.PermissionDeniedError, 1, status=403, says="HTML page"),
        Outcome(cc.PermissionDeniedError, 1, status=403, says="HTML page"),
    ),
]
MATRIX = [
    pytest.param(case, stream, id=f"{case.name} ({'stream' if stream else 'plain'})")
    for case in CASES
    for stream, outcome in ((False, case.plain), (True, case.stream))
    if outcome is not None
]


def _options(outcome: Outcome, fault: str | None) -> dict[str, Any]:
    options: dict[str, Any] = {"max_retries": outcome.max_retries}
    if fault is not None:
        options["extra_headers"] = {"x-mock-fault": f"{fault};key=reliability-{next(_KEYS)}"}
    if outcome.timeout is not None:
        options["timeout"] = outcome.timeout
    return options


def _text(result: Any) -> str:
    """The answer's text: a completion's, or the joined deltas of a list of chunks."""
    if isinstance(result, list):
        return "".join(c.delta.content or "" for chunk in result for c in chunk.choices)
    return str(result.choices[0].message.content)


def call_sync(client: cc.Client, stream: bool, options: dict[str, Any], chunks: list[Any]) -> Any:
    if not stream:
        return client.chat.completions.create(**SEED, **options)
    with client.chat.completions.create(**SEED, stream=True, **options) as events:
        for chunk in events:
            chunks.append(chunk)
    return chunks


async def call_async(client: cc.AsyncClient, stream: bool, options: dict[str, Any], chunks: list[Any]) -> Any:
    if not stream:
        return await client.chat.completions.create(**SEED, **options)
    async with await client.chat.completions.create(**SEED, stream=True, **options) as events:
        async for chunk in events:
            chunks.append(chunk)
    return chunks


def check_outcome(outcome: Outcome, result: Any, error: BaseException | None, chunks: list[Any], took: float) -> None:
    """The call ended as `outcome` says, in time, with a typed error if any."""
    assert took < BOUND, f"took {took:.2f} s"
    if outcome.error is None:
        assert error is None, f"expected success, got {error!r}"
        assert _text(result) == SEED_ANSWER
        return
    assert error is not None, f"expected {outcome.error.__name__}, got success"
    assert isinstance(error, cc.APIError), f"an untyped exception escaped: {error!r}"
    assert type(error) is outcome.error, f"expected {outcome.error.__name__}, got {type(error).__name__}: {error}"
    assert len(chunks) == outcome.chunks, f"{len(chunks)} chunks before the error"
    if outcome.status is not None:
        assert error.status_code == outcome.status
    if outcome.error_type is not None:
        assert error.type == outcome.error_type
    if outcome.says is not None:
        assert outcome.says in error.message, error.message
    assert KEY not in str(error)
    assert KEY not in repr(error.body)


def check_waits(outcome: Outcome, waits: list[float]) -> None:
    """One recorded wait per retry, and exactly the server's retry-after when it sent one."""
    assert len(waits) == outcome.attempts - 1, waits
    if outcome.waits is not None:
        assert waits == pytest.approx(list(outcome.waits)), waits


def _capture_sync(fn: Callable[[], Any]) -> tuple[Any, BaseException | None, float]:
    started = time.monotonic()
    try:
        result, error = fn(), None
    except Exception as exc:  # the test judges the type
        result, error = None, exc
    return result, error, time.monotonic() - started


async def _capture_async(fn: Callable[[], Awaitable[Any]]) -> tuple[Any, BaseException | None, float]:
    started = time.monotonic()
    try:
        result, error = await fn(), None
    except Exception as exc:  # the test judges the type
        result, error = None, exc
    return result, error, time.monotonic() - started


def _port(server: MockServer) -> int:
    return int(server.url.rsplit(":", 1)[1])


def check_pool_sync(client: cc.Client, port: int) -> None:
    """The same client still works, plain and streamed, and keeps at most one connection."""
    assert _text(client.chat.completions.create(**SEED)) == SEED_ANSWER
    chunks: list[Any] = []
    assert _text(call_sync(client, True, {}, chunks)) == SEED_ANSWER
    assert _text(client.chat.completions.create(**SEED)) == SEED_ANSWER
    assert len(tcp_to(port)) <= 1, tcp_to(port)


async def check_pool_async(client: cc.AsyncClient, port: int) -> None:
    assert _text(await client.chat.completions.create(**SEED)) == SEED_ANSWER
    chunks: list[Any] = []
    assert _text(await call_async(client, True, {}, chunks)) == SEED_ANSWER
    assert _text(await client.chat.completions.create(**SEED)) == SEED_ANSWER
    assert len(tcp_to(port)) <= 1, tcp_to(port)


def _server_idle(mock: MockServer) -> None:
    """Nothing left running on the server (a slow fault's pause ends when the client leaves)."""
    assert wait_until(lambda: mock.stats()["active_requests"] == 0 and mock.stats()["active_streams"] == 0, 5), (
        mock.stats()
    )


@pytest.mark.parametrize(("case", "stream"), MATRIX)
def test_fault_sync(case: Case, stream: bool, mock: MockServer, waits: list[float]) -> None:
    outcome = case.stream if stream else case.plain
    assert outcome is not None
    port = _port(mock)
    assert not tcp_to(port)
    with cc.Client(api_key=KEY, base_url=mock.base_url, timeout=10) as client:
        client.chat.completions.create(**SEED)  # a pooled connection the faulty call may reuse
        before = mock.stats()["requests_total"]
        chunks: list[Any] = []
        options = _options(outcome, case.fault)
        result, error, took = _capture_sync(lambda: call_sync(client, stream, options, chunks))
        attempts = mock.stats()["requests_total"] - before
        check_outcome(outcome, result, error, chunks, took)
        assert attempts == outcome.attempts
        check_waits(outcome, waits)
        _server_idle(mock)
        check_pool_sync(client, port)
    assert wait_until(lambda: not tcp_to(port), 5), tcp_to(port)


@pytest.mark.anyio
@pytest.mark.parametrize(("case", "stream"), MATRIX)
async def test_fault_async(case: Case, stream: bool, mock: MockServer, waits: list[float]) -> None:
    outcome = case.stream if stream else case.plain
    assert outcome is not None
    port = _port(mock)
    assert not tcp_to(port)
    async with cc.AsyncClient(api_key=KEY, base_url=mock.base_url, timeout=10) as client:
        await client.chat.completions.create(**SEED)
        before = mock.stats()["requests_total"]
        chunks: list[Any] = []
        options = _options(outcome, case.fault)
        result, error, took = await _capture_async(lambda: call_async(client, stream, options, chunks))
        attempts = mock.stats()["requests_total"] - before
        check_outcome(outcome, result, error, chunks, took)
        assert attempts == outcome.attempts
        check_waits(outcome, waits)
        await anyio.to_thread.run_sync(_server_idle, mock)
        await check_pool_async(client, port)
    assert wait_until(lambda: not tcp_to(port), 5), tcp_to(port)


# Faults the mock cannot express: a refused connection, and a reset at accept or right after the request.
SOCKET_FAULTS = ["refused", "reset on accept", "reset after the request"]


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
@pytest.mark.parametrize("kind", SOCKET_FAULTS)
def test_socket_fault_sync(kind: str, stream: bool, mock: MockServer, waits: list[float]) -> None:
    port = _port(mock)
    with cc.Client(api_key=KEY, base_url=mock.base_url, timeout=10) as client:
        client.chat.completions.create(**SEED)
        with refused_port() as closed, ResetServer(read_first=kind.endswith("request")) as resets:
            target = f"http://127.0.0.1:{closed}/v1" if kind == "refused" else resets.base_url
            broken = client.with_options(base_url=target)  # shares the client's connection pool
            chunks: list[Any] = []
            result, error, took = _capture_sync(lambda: call_sync(broken, stream, {}, chunks))
            if kind != "refused":
                assert wait_until(lambda: resets.accepted == 3, 2)
                assert resets.accepted == 3
        check_outcome(Outcome(CONN, 3), result, error, chunks, took)
        check_waits(Outcome(CONN, 3), waits)
        check_pool_sync(client, port)


@pytest.mark.anyio
@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
@pytest.mark.parametrize("kind", SOCKET_FAULTS)
async def test_socket_fault_async(kind: str, stream: bool, mock: MockServer, waits: list[float]) -> None:
    port = _port(mock)
    async with cc.AsyncClient(api_key=KEY, base_url=mock.base_url, timeout=10) as client:
        await client.chat.completions.create(**SEED)
        with refused_port() as closed, ResetServer(read_first=kind.endswith("request")) as resets:
            target = f"http://127.0.0.1:{closed}/v1" if kind == "refused" else resets.base_url
            broken = client.with_options(base_url=target)
            chunks: list[Any] = []
            result, error, took = await _capture_async(lambda: call_async(broken, stream, {}, chunks))
            if kind != "refused":
                assert await anyio.to_thread.run_sync(lambda: wait_until(lambda: resets.accepted == 3, 2))
                assert resets.accepted == 3
        check_outcome(Outcome(CONN, 3), result, error, chunks, took)
        check_waits(Outcome(CONN, 3), waits)
        await check_pool_async(client, port)


@pytest.mark.parametrize("stream", [False, True], ids=["plain", "stream"])
def test_scripted_faults_then_service_sync(stream: bool, mock: MockServer, waits: list[float]) -> None:
    """`MockServer.fault` (no header): a 503, a drop and a 429 in a row are retried through to an answer."""
    mock.clear_faults()
    try:
        with cc.Client(api_key=KEY, base_url=mock.base_url, timeout=10, max_retries=3) as client:
            client.chat.completions.create(**SEED)
            for spec in (
                "status=503;retry_after_ms=1;times=1",
                "drop_before;times=1",
                "status=429;retry_after_ms=2;times=1",
            ):
                mock.fault(spec)
            before = mock.stats()["requests_total"]
            chunks: list[Any] = []
            result, error, took = _capture_sync(lambda: call_sync(client, stream, {}, chunks))
            assert error is None, repr(error)
            assert _text(result) == SEED_ANSWER
            assert mock.stats()["requests_total"] - before == 4
            assert len(waits) == 3
            assert waits[0] == pytest.approx(0.001)
            assert waits[2] == pytest.approx(0.002)
            assert took < BOUND
            check_pool_sync(client, _port(mock))
    finally:
        mock.clear_faults()


# After `data: [DONE]` the SDK reads the rest of the body so the connection can be reused; a server that then keeps
# the response open (silent, or sending keep-alive comments) must not keep the caller's loop from ending.
AFTER_DONE = [pytest.param(False, id="silent"), pytest.param(True, id="keep-alive comments")]


@pytest.mark.parametrize("pings", AFTER_DONE)
def test_stream_ends_promptly_after_done_sync(pings: bool, mock: MockServer) -> None:
    with AfterDoneServer(pings=pings) as peer, cc.Client(api_key=KEY, base_url=peer.base_url, timeout=30) as client:
        for attempt in range(2):
            started = time.monotonic()
            chunks: list[Any] = []
            result, error, _ = _capture_sync(lambda chunks=chunks: call_sync(client, True, {}, chunks))
            took = time.monotonic() - started
            assert error is None, repr(error)
            assert [c.choices[0].delta.content for c in result] == ["t0", "t1"]
            assert took < 3, f"the loop ended {took:.1f} s after it started (the server holds the body 20 s)"
            assert peer.accepted == attempt + 1  # the held connection was dropped, not reused
    with cc.Client(api_key=KEY, base_url=mock.base_url, timeout=30) as client:  # a healthy server: reused
        for _ in range(3):
            assert _text(call_sync(client, True, {}, [])) == SEED_ANSWER
        assert len(tcp_to(_port(mock))) == 1


@pytest.mark.anyio
@pytest.mark.parametrize("pings", AFTER_DONE)
async def test_stream_ends_promptly_after_done_async(pings: bool, mock: MockServer) -> None:
    with AfterDoneServer(pings=pings) as peer:
        async with cc.AsyncClient(api_key=KEY, base_url=peer.base_url, timeout=30) as client:
            for attempt in range(2):
                started = time.monotonic()
                chunks: list[Any] = []
                result, error, _ = await _capture_async(lambda chunks=chunks: call_async(client, True, {}, chunks))
                took = time.monotonic() - started
                assert error is None, repr(error)
                assert [c.choices[0].delta.content for c in result] == ["t0", "t1"]
                assert took < 3, f"the loop ended {took:.1f} s after it started (the server holds the body 20 s)"
                assert peer.accepted == attempt + 1
    async with cc.AsyncClient(api_key=KEY, base_url=mock.base_url, timeout=30) as client:
        for _ in range(3):
            assert _text(await call_async(client, True, {}, [])) == SEED_ANSWER
        assert len(tcp_to(_port(mock))) == 1


@pytest.mark.anyio
async def test_cancelled_requests_and_streams_free_their_connections(mock: MockServer) -> None:
    """Callers that give up (a cancel scope) mid-request or mid-stream, 30 times, on a pool of 5: nothing is held."""
    import httpx

    port = _port(mock)
    limits = httpx.Limits(max_connections=5)
    async with (
        httpx.AsyncClient(limits=limits, timeout=httpx.Timeout(10, pool=2)) as http,
        cc.AsyncClient(api_key=KEY, base_url=mock.base_url, http_client=http) as client,
    ):
        for i in range(30):
            with anyio.move_on_after(0.1) as scope:
                if i % 2:
                    await client.chat.completions.create(**SEED, extra_headers={"x-mock-fault": "slow_first_byte=5"})
                else:
                    faulty = {"x-mock-fault": "slow_chunks=5"}
                    async with await client.chat.completions.create(
                        **SEED, stream=True, extra_headers=faulty
                    ) as events:
                        async for _ in events:
                            pass
            assert scope.cancelled_caught
        await anyio.to_thread.run_sync(_server_idle, mock)
        await check_pool_async(client, port)
    assert wait_until(lambda: not tcp_to(port), 5), tcp_to(port)


@pytest.mark.parametrize("is_async", [False, True], ids=["sync", "async"])
def test_server_restart_under_an_idle_pooled_connection(is_async: bool) -> None:
    """A deploy: the server restarts (gracefully, then killed) while the client keeps an idle keep-alive connection.
    The next request works at once, with no retry (max_retries=0): the stale connection is not used."""
    port = free_port()
    server = MockProcess("--port", str(port))  # the later --port wins
    server.start()
    try:
        if not is_async:
            with cc.Client(api_key=KEY, base_url=server.base_url, max_retries=0, timeout=10) as client:
                assert _text(client.chat.completions.create(**SEED)) == SEED_ANSWER
                for sig in (signal.SIGTERM, signal.SIGKILL):
                    assert len(tcp_to(port)) == 1  # the idle pooled connection
                    server.stop(sig)
                    server.start()
                    assert _text(client.chat.completions.create(**SEED)) == SEED_ANSWER
                    assert _text(call_sync(client, True, {}, [])) == SEED_ANSWER
        else:

            async def run() -> None:
                async with cc.AsyncClient(api_key=KEY, base_url=server.base_url, max_retries=0, timeout=10) as client:
                    assert _text(await client.chat.completions.create(**SEED)) == SEED_ANSWER
                    for sig in (signal.SIGTERM, signal.SIGKILL):
                        assert len(tcp_to(port)) == 1
                        await anyio.to_thread.run_sync(server.stop, sig)
                        await anyio.to_thread.run_sync(server.start)
                        assert _text(await client.chat.completions.create(**SEED)) == SEED_ANSWER
                        assert _text(await call_async(client, True, {}, [])) == SEED_ANSWER

            anyio.run(run)
    finally:
        server.stop()
    assert not tcp_to(port)
