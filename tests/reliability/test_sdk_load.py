"""The SDK under load, against a mock in its own process (so memory, sockets and threads measured here are the SDK's).

- 4,000 sequential requests on one `Client`, one in four a stream abandoned after its first chunk: RSS after warm-up
  stays within 15 MB of its starting value, and the client never holds more than a couple of connections.
- 500 concurrent creates on one `AsyncClient` (one in five streamed): zero errors, no retries, each answered once.
- 1,000 clients (and 200 async ones) created, used in every way, and closed: no socket, fd or thread left behind.
"""

from __future__ import annotations

import gc
import threading
import time
import warnings
from collections.abc import Iterator
from typing import Any

import anyio
import chat_completions as cc
import psutil
import pytest
from reliability_support import KEY, MockProcess, fds, rss, tcp_to, wait_until

pytestmark = pytest.mark.slow  # load: `pytest -m "not slow"` skips it

MB = 1024 * 1024


@pytest.fixture(scope="module")
def server() -> Iterator[MockProcess]:
    with MockProcess() as proc:
        yield proc


def _say(i: int) -> dict[str, Any]:
    return {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"Say hello {i}"}]}


def _answer(i: int) -> str:
    return f"\n\nHello {i}"


@pytest.mark.timeout(150)
def test_4000_sequential_requests_with_abandoned_streams_stay_flat(server: MockProcess, figure: Any) -> None:
    port = server.port
    errors: list[str] = []
    samples: list[int] = []
    most_connections = 0

    def one(client: cc.Client, i: int) -> None:
        try:
            if i % 4 != 3:
                completion = client.chat.completions.create(**_say(i))
                if completion.choices[0].message.content != _answer(i):
                    errors.append(f"{i}: wrong content {completion.choices[0].message.content!r}")
                return
            # A stream abandoned after its first chunk, in each of the ways docs/sdk.md allows.
            stream = client.chat.completions.create(**_say(i), stream=True)
            style = (i // 4) % 3
            if style == 0:
                with stream:
                    first = next(stream)
            elif style == 1:
                for first in stream:  # noqa: B007 - the first chunk, then leave
                    break
                stream.close()
            else:
                first = next(stream)
                del stream  # dropped without close(): its finaliser frees the connection
            if first.choices[0].delta.role != "assistant":
                errors.append(f"{i}: first chunk {first!r}")
        except cc.APIError as exc:
            errors.append(f"{i}: {type(exc).__name__}: {exc}")

    with cc.Client(api_key=KEY, base_url=server.base_url, timeout=30, max_retries=0) as client:
        for i in range(400):  # warm-up: imports, caches, the pool, the allocator's arenas
            one(client, i)
        gc.collect()
        base_rss, base_fds = rss(), fds()
        before = server.stats()["requests_total"]
        started = time.monotonic()
        for i in range(4000):
            one(client, i)
            if i % 50 == 49:
                samples.append(rss())
                most_connections = max(most_connections, len(tcp_to(port)))
                assert fds() - base_fds <= 4, f"fds grew from {base_fds} to {fds()} after {i + 1} requests"
        took = time.monotonic() - started
        served = server.stats()["requests_total"] - before - 1  # minus the stats request itself
        peak_growth = (max(samples) - base_rss) / MB
        end_growth = (samples[-1] - base_rss) / MB
        connections_after = len(tcp_to(port))
    figure("sdk 4,000 sequential: errors", len(errors))
    figure("sdk 4,000 sequential: RSS after warm-up (400 requests)", base_rss / MB, "MB")
    figure("sdk 4,000 sequential: peak RSS growth after warm-up", peak_growth, "MB")
    figure("sdk 4,000 sequential: RSS growth at the end", end_growth, "MB")
    figure("sdk 4,000 sequential: most client connections at once", most_connections)
    figure("sdk 4,000 sequential: time", took, "s")
    assert errors == [], errors[:5]
    assert served == 4000  # each request answered once (max_retries=0 anyway)
    assert peak_growth < 15, f"peak RSS grew by {peak_growth:.1f} MB"
    assert most_connections <= 2, most_connections
    assert connections_after <= 1
    assert wait_until(lambda: not tcp_to(port), 5), tcp_to(port)


@pytest.mark.anyio
@pytest.mark.timeout(90)
async def test_500_concurrent_async_creates_have_no_errors(
    server: MockProcess, figure: Any, waits: list[float]
) -> None:
    port = server.port
    errors: list[str] = []
    ids: list[str] = []
    most_connections = 0
    done = anyio.Event()

    async def create(client: cc.AsyncClient, i: int) -> None:
        try:
            if i % 5 == 4:
                text = ""
                async with await client.chat.completions.create(**_say(i), stream=True) as stream:
                    async for chunk in stream:
                        if not ids or ids[-1] != chunk.id:
                            ids.append(chunk.id)
                        text += "".join(c.delta.content or "" for c in chunk.choices)
            else:
                completion = await client.chat.completions.create(**_say(i))
                ids.append(completion.id)
                text = str(completion.choices[0].message.content)
            if text != _answer(i):
                errors.append(f"{i}: wrong content {text!r}")
        except cc.APIError as exc:
            errors.append(f"{i}: {type(exc).__name__}: {exc}")

    async def watch() -> None:
        nonlocal most_connections
        while not done.is_set():
            most_connections = max(most_connections, len(tcp_to(port)))
            await anyio.sleep(0.05)

    before = await anyio.to_thread.run_sync(server.stats)
    started = time.monotonic()
    async with (
        cc.AsyncClient(api_key=KEY, base_url=server.base_url, timeout=60) as client,
        anyio.create_task_group() as group,
    ):
        group.start_soon(watch)
        async with anyio.create_task_group() as creates:
            for i in range(500):
                creates.start_soon(create, client, i)
        done.set()
    took = time.monotonic() - started
    after = await anyio.to_thread.run_sync(server.stats)
    figure("sdk 500 concurrent async creates: errors", len(errors))
    figure("sdk 500 concurrent async creates: retries", len(waits))
    figure("sdk 500 concurrent async creates: most connections at once", most_connections)
    figure("sdk 500 concurrent async creates: time", took, "s")
    assert errors == [], errors[:5]
    assert waits == []  # no error hidden by a retry
    assert after["requests_total"] - before["requests_total"] == 500 + 1
    assert len(set(ids)) == 500
    assert most_connections <= 100  # httpx's default pool limit
    assert wait_until(lambda: not tcp_to(port), 5), tcp_to(port)


def _thread_count() -> int:
    return psutil.Process().num_threads()


@pytest.mark.timeout(120)
def test_creating_and_closing_1000_clients_leaks_nothing(server: MockProcess, figure: Any) -> None:
    port = server.port
    gc.collect()
    base_fds, base_threads, base_py_threads, base_rss = fds(), _thread_count(), threading.active_count(), rss()
    assert not tcp_to(port)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        for i in range(1000):
            kind = i % 5
            if kind == 0:  # the with block
                with cc.Client(api_key=KEY, base_url=server.base_url) as client:
                    assert client.chat.completions.create(**_say(i)).choices[0].message.content == _answer(i)
            elif kind == 1:  # close(), after using a with_options copy that shares the pool
                client = cc.Client(api_key=KEY, base_url=server.base_url)
                client.with_options(timeout=5, max_retries=0).chat.completions.create(**_say(i))
                client.chat.completions.create(**_say(i))
                client.close()
            elif kind == 2:  # never used: nothing was built
                cc.Client(api_key=KEY, base_url=server.base_url).close()
            elif kind == 3:  # closed while a stream is still open, then the stream closed
                client = cc.Client(api_key=KEY, base_url=server.base_url)
                stream = client.chat.completions.create(**_say(i), stream=True)
                next(stream)
                client.close()
                stream.close()
            else:  # a stream read to the end, the client closed twice
                with cc.Client(api_key=KEY, base_url=server.base_url) as client:
                    with client.chat.completions.create(**_say(i), stream=True) as stream:
                        assert sum(1 for _ in stream) > 2
                    client.close()
            if i % 100 == 99:
                assert fds() - base_fds <= 4, f"fds grew from {base_fds} to {fds()} after {i + 1} clients"

        async def async_clients() -> None:
            for i in range(200):
                async with cc.AsyncClient(api_key=KEY, base_url=server.base_url) as client:
                    if i % 2:
                        await client.chat.completions.create(**_say(i))
                    else:
                        async with await client.chat.completions.create(**_say(i), stream=True) as stream:
                            async for _ in stream:
                                break

        anyio.run(async_clients)
        gc.collect()
    leaked_fds = fds() - base_fds
    leaked_threads = _thread_count() - base_threads
    figure("sdk 1,000 + 200 clients: fds left open", leaked_fds)
    figure("sdk 1,000 + 200 clients: threads left", leaked_threads)
    figure("sdk 1,000 + 200 clients: RSS growth", (rss() - base_rss) / MB, "MB")
    assert wait_until(lambda: not tcp_to(port), 5), tcp_to(port)
    assert leaked_fds <= 0, leaked_fds
    assert threading.active_count() == base_py_threads
    assert leaked_threads <= 0, leaked_threads
    unclosed = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert unclosed == [], unclosed[:3]


@pytest.mark.timeout(90)
def test_16_threads_share_one_fresh_client_through_503s(server: MockProcess, figure: Any, waits: list[float]) -> None:
    """Threads race to the lazily built transport (one is built) and share its pool; every third request of each
    thread gets a 503 that is retried. Zero errors, each retry seen by the server, the pool bounded."""
    port = server.port
    threads, per_thread = 16, 50
    errors: list[str] = []
    transports: set[int] = set()
    barrier = threading.Barrier(threads)
    client = cc.Client(api_key=KEY, base_url=server.base_url, timeout=30)

    def work(t: int) -> None:
        barrier.wait()
        fault = {"x-mock-fault": f"status=503;retry_after_ms=1;every=3;key=thread-{t}"}
        for i in range(per_thread):
            try:
                completion = client.chat.completions.create(**_say(i), extra_headers=fault)
                if completion.choices[0].message.content != _answer(i):
                    errors.append(f"{t}/{i}: wrong content")
            except cc.APIError as exc:
                errors.append(f"{t}/{i}: {type(exc).__name__}: {exc}")
        transports.add(id(client._lazy.get()))

    before = server.stats()["requests_total"]
    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    most = 0
    while any(w.is_alive() for w in workers):
        most = max(most, len(tcp_to(port)))
        time.sleep(0.02)
    for worker in workers:
        worker.join()
    client.close()
    served = server.stats()["requests_total"] - before - 1
    figure("sdk 16 threads x 50 on one client (1 in 3 a 503): errors", len(errors))
    figure("sdk 16 threads x 50 on one client: retries", len(waits))
    assert errors == [], errors[:5]
    assert len(transports) == 1
    # Per thread 74 attempts: the 3rd, 6th, ..., 72nd got a 503 (24 of them), each retried once and then served.
    assert len(waits) == threads * 24
    assert served == threads * (per_thread + 24)
    assert most <= threads
    assert wait_until(lambda: not tcp_to(port), 5), tcp_to(port)
