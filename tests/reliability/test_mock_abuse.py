"""The mock under bad input and abrupt clients, beyond `tests/unit/mock/test_fuzz.py` and `test_load.py`.

- Fuzz of what the unit fuzz leaves out: bad query strings on the *messages* list and random ones on both lists,
  unknown and malformed ids on every id route, wrong and unknown methods on every route (with and without `/v1`),
  odd request targets, oversized bodies on update (by length and chunked) and chunked on create, bad update bodies.
  Sent raw (exact bytes, no client-side URL checks). Every answer is < 500 with an `{"error": ...}` body, or a
  valid page where the API is lenient (clamped limits, unknown params); the server then answers the seed request.
- 100 concurrent clients leaving mid-stream in seven different ways, twice: no stream, request, connection or task
  is left on the server, long before any of the faults' 30-second pauses could have ended on its own.
"""

from __future__ import annotations

import asyncio
import json
import random
import signal
import socket
import struct
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import anyio
import chat_completions as cc
import httpx
import jsonschema_rs
import pytest
from chat_completions_mock import MockServer, load_spec
from reliability_support import (
    KEY,
    SEED,
    SEED_ANSWER,
    MockProcess,
    json_or_none,
    raw_request,
    tcp_from,
    wait_until,
)

pytestmark = pytest.mark.slow  # reliability: `pytest -m "not slow"` skips it

LIMIT = 64 * 1024


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    with MockServer(max_body_bytes=LIMIT) as running:
        yield running


def _validator(name: str) -> Any:
    root = dict(load_spec())
    root["$ref"] = f"#/components/schemas/{name}"
    return jsonschema_rs.Draft202012Validator(root)


def _port(server: MockServer) -> int:
    return int(server.url.rsplit(":", 1)[1])


def _random_value(rng: random.Random) -> str:
    choices = [
        lambda: quote(rng.randbytes(rng.randrange(1, 12)), safe=""),
        lambda: str(rng.randrange(-(10**6), 10**6)),
        lambda: "9" * rng.choice([19, 300, 5000]),
        lambda: rng.choice(["1.5", "1e3", "-0", "0x10", "NaN", "inf", "%00", "%", "%zz", "%C0%AF", "+", quote("٣")]),
        lambda: "",
        lambda: quote("🙂" * rng.randrange(1, 5)),
        lambda: rng.choice(["asc", "desc", "ASC", "up", "asc%00"]),
    ]
    return rng.choice(choices)()


def _random_key(rng: random.Random) -> str:
    return rng.choice(
        ["limit", "order", "after", "model", "metadata[k]", "metadata", "metadata[]", "metadata[a][b]", "%FF", "", "x"]
    )


Case = tuple[str, str, bytes | None, dict[str, str], bool]  # method, target, body, headers, must be 4xx

#: Requests that are not valid HTTP/1.1 (raw non-ASCII or spaces in the target, bad header names, broken chunked
#: framing). uvicorn's parser answers them with its own plain-text 400 before the app sees them; all we ask is a 4xx
#: and a server that keeps serving.
MALFORMED_HTTP = [
    b"GET /v1/chat/completions?limit=\xd9\xa3 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /v1/chat/completions/\xf0\x9f\x99\x82 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /v1/chat completions HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /v1/chat/completions HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n",
    b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
    b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
    b"GET /v1/chat/completions HTTP/9.9\r\nHost: x\r\n\r\n",
]


def cases(rng: random.Random, stored: str) -> Iterator[Case]:
    routes = ["/v1/chat/completions", f"/v1/chat/completions/{stored}/messages"]
    # Query strings that are certainly bad, on the messages list (the unit fuzz covers them on the list).
    for query in (
        "limit=abc",
        "limit=1.5",
        "limit=1e3",
        "limit=0x10",
        "limit=%00",
        "limit=" + "9" * 5000,
        "order=up",
        "order=ASC",
        "order=%FF",
        "order=",
        "limit=1&limit=x",
        "order=asc&order=sideways",
    ):
        yield "GET", f"{routes[1]}?{query}", None, {}, True
    for route in routes:  # more fields than any parser should take
        yield "GET", route + "?" + "&".join(f"metadata[k{i}]=v" for i in range(1100)), None, {}, True
    # Random query strings on both lists: never a 5xx; an error body, or a valid page where the API is lenient.
    for _ in range(100):
        pairs = [f"{_random_key(rng)}={_random_value(rng)}" for _ in range(rng.randrange(1, 5))]
        yield "GET", f"{rng.choice(routes)}?{'&'.join(pairs)}", None, {}, False
    # Unknown and malformed ids on every id route.
    ids = [
        "chatcmpl-" + "x" * 8000,
        "%00",
        "a%00b",
        "%2F..%2F..%2Fetc",
        "%C0%AF",
        "%",
        quote("🙂"),
        quote("🙂 id"),
        "chatcmpl-%20",
        "..",
        "chatcmpl-nope",
        quote(rng.randbytes(16), safe=""),
    ]
    ids += [
        "chatcmpl-" + "".join(rng.choice("abcXYZ019-_~.!*'()") for _ in range(rng.randrange(1, 30))) for _ in range(8)
    ]
    for ident in ids:
        yield "GET", f"/v1/chat/completions/{ident}", None, {}, True
        yield "DELETE", f"/v1/chat/completions/{ident}", None, {}, True
        yield "POST", f"/v1/chat/completions/{ident}", b'{"metadata": {"a": "b"}}', {}, True
        yield "GET", f"/v1/chat/completions/{ident}/messages?limit=5", None, {}, True
    # Wrong and unknown methods on every route, with and without /v1.
    paths = ["/chat/completions", f"/chat/completions/{stored}", f"/chat/completions/{stored}/messages", "/x"]
    for prefix in ("/v1", ""):
        for path in paths:
            for method in ("PUT", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FOO"):
                yield method, prefix + path, None, {}, True
    for method in ("POST", "DELETE", "PUT"):
        yield method, f"/v1/chat/completions/{stored}/messages", b"{}", {}, True
    yield "DELETE", "/v1/chat/completions", None, {}, True
    # Odd request targets.
    for target in (
        "*",
        "http://127.0.0.1/v1/chat/completions",
        "/v1//chat/completions",
        "/V1/chat/completions",
        "/v1/chat/completions/",
        "/v1/chat/completions#x",
        "/v1/chat/completions/a/b/c",
        "/v1/v1",
        "/v1/chat/completions/..%2f..%2f",
        "/%00",
        "/" + "a" * 8000,
    ):
        yield "GET", target, None, {}, True
    # Oversized bodies: update by length, update and create chunked (no length up front).
    for size in (LIMIT + 1, LIMIT * 3, LIMIT * 40):
        yield "POST", f"/v1/chat/completions/{stored}", b"{" + b" " * size + b"}", {}, True
    for path in ("/v1/chat/completions", f"/v1/chat/completions/{stored}"):
        yield "POST", path, b"chunked:" + b" " * (LIMIT * 2), {}, True
    # Bad update bodies: not JSON, not UTF-8, deep, huge numbers, wrong types, too many/long keys, extra fields.
    update = f"/v1/chat/completions/{stored}"
    bad_updates: list[bytes] = [rng.randbytes(rng.randrange(1, 200)) for _ in range(10)]
    bad_updates += [
        b'{"metadata": {"a": "\xff\xfe"}}',
        b"[" * 6000 + b"]" * 6000,
        b'{"metadata": ' + b"[" * 3000 + b"]" * 3000 + b"}",
        b'{"metadata": {"a": 1e999}}',
        b'{"metadata": {"a": ' + b"9" * 5000 + b"}}",
        b'{"metadata": NaN}',
        b"",
        b"null",
        b"[]",
        b'"metadata"',
        b"{",
    ]
    for value in (
        None,
        1,
        1.5,
        True,
        "s",
        ["a"],
        {"a": 1},
        {"a": None},
        {"a": ["b"]},
        {"a": {"b": "c"}},
        {f"k{i}": "v" for i in range(17)},
        {"k" * 65: "v"},
        {"k": "v" * 513},
    ):
        if value is not None:  # null metadata is allowed: it clears it
            bad_updates.append(json.dumps({"metadata": value}).encode())
    for raw in bad_updates:
        yield "POST", update, raw, {}, True
    yield "POST", update, b'{"metadata": {"a": "b"}}', {"authorization": "Basic abc"}, True


def _send_chunked(port: int, method: str, target: str, body: bytes) -> tuple[int, dict[str, str], bytes]:
    """A chunked request (no Content-Length), in 8 KiB chunks; stops sending if the server answers early."""
    head = (
        f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {KEY}\r\nConnection: close\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(head)
        try:
            for start in range(0, len(body), 8192):
                piece = body[start : start + 8192]
                sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server answered (413) and closed while we were still sending
        received = bytearray()
        while chunk := sock.recv(65536):
            received += chunk
    head_bytes, _, rest = bytes(received).partition(b"\r\n\r\n")
    lines = head_bytes.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, rest


@pytest.mark.timeout(90)
def test_fuzz_what_the_unit_fuzz_leaves_out(server: MockServer, figure: Any) -> None:
    port = _port(server)
    stored = httpx.post(
        f"{server.base_url}/chat/completions", json={**SEED, "store": True}, headers={"Authorization": f"Bearer {KEY}"}
    ).json()["id"]
    error_schema, page_schema = _validator("ErrorResponse"), _validator("ChatCompletionList")
    messages_schema = _validator("ChatCompletionMessageList")
    statuses: dict[int, int] = {}
    sent = 0
    for method, target, body, headers, must_fail in cases(random.Random(7_2024), stored):
        if body is not None and body.startswith(b"chunked:"):
            status, answer_headers, raw = _send_chunked(port, method, target, body[8:])
        else:
            status, answer_headers, raw = raw_request(port, method, target, body, headers)
        sent += 1
        statuses[status] = statuses.get(status, 0) + 1
        context = f"{method} {target[:120]} {(body or b'')[:60]!r} -> {status} {raw[:200]!r}"
        assert status < 500, context
        if method == "HEAD":
            continue
        data = json_or_none(raw)
        assert answer_headers.get("content-type") == "application/json", context
        assert answer_headers.get("x-request-id", "").startswith("req_"), context
        if status >= 400:
            assert error_schema.is_valid(data), context
            assert data["error"]["message"], context
            continue
        assert not must_fail, context
        assert method == "GET", context  # only the lenient lists may answer 200
        schema = messages_schema if "/messages" in target else page_schema
        assert schema.is_valid(data), context
    for raw_bytes in MALFORMED_HTTP:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(raw_bytes)
            first = sock.recv(65536)
        status = int(first.split(b" ", 2)[1])
        sent += 1
        statuses[status] = statuses.get(status, 0) + 1
        assert 400 <= status < 500, (raw_bytes, first[:200])
    figure("mock complementary fuzz: bad requests sent", sent)
    figure("mock complementary fuzz: 5xx answers", sum(n for s, n in statuses.items() if s >= 500))
    figure("mock complementary fuzz: statuses", ", ".join(f"{s}x{n}" for s, n in sorted(statuses.items())))
    assert sent >= 300
    assert sum(n for s, n in statuses.items() if 400 <= s < 500) >= 220, statuses  # the must-fail ones and more
    answer = httpx.post(f"{server.base_url}/chat/completions", json=SEED, headers={"Authorization": f"Bearer {KEY}"})
    assert answer.status_code == 200
    assert answer.json()["choices"][0]["message"]["content"] == SEED_ANSWER
    assert wait_until(lambda: server.stats()["active_requests"] == 0, 5), server.stats()


# --- 100 clients leaving mid-stream -----------------------------------------------------------------------------

LEAVE_WAYS = [
    "fin after the first event",  # slow_chunks=30: the server is pausing between events
    "reset after the first event",
    "fin before the status line",  # slow_first_byte=30
    "fin right after sending",  # a normal stream, never read
    "reset while reading",  # a normal stream, a few bytes read
    "fin mid-request-body",  # Content-Length promised, a part sent
    "server drops after 2 events",  # drop_after=2 while the client reads on
]


def _request_bytes(fault: str | None, *, partial: bool = False) -> bytes:
    body = json.dumps({**SEED, "stream": True, "messages": [{"role": "user", "content": "Tell me a long story"}]})
    lines = [
        "POST /v1/chat/completions HTTP/1.1",
        "Host: 127.0.0.1",
        f"Authorization: Bearer {KEY}",
        "Content-Type: application/json",
        f"Content-Length: {len(body) + (1000 if partial else 0)}",
    ]
    if fault:
        lines.append(f"x-mock-fault: {fault}")
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()


def _reset(writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def _leave(port: int, way: str) -> str:
    """One client leaving in `way`; what it saw ("ok" when it behaved as planned)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        if way in ("fin after the first event", "reset after the first event"):
            writer.write(_request_bytes("slow_chunks=30"))
            await reader.readuntil(b"\n\n")  # headers' end is \r\n\r\n; the first event ends with \n\n
            if way.startswith("reset"):
                _reset(writer)
                return "ok"
        elif way == "fin before the status line":
            writer.write(_request_bytes("slow_first_byte=30"))
            await writer.drain()
            await asyncio.sleep(0.05)
        elif way == "fin right after sending":
            writer.write(_request_bytes(None))
            await writer.drain()
        elif way == "reset while reading":
            writer.write(_request_bytes(None))
            await reader.readexactly(64)
            _reset(writer)
            return "ok"
        elif way == "fin mid-request-body":
            writer.write(_request_bytes(None, partial=True))
            await writer.drain()
            await asyncio.sleep(0.05)
        else:
            writer.write(_request_bytes("drop_after=2"))
            received = await asyncio.wait_for(reader.read(-1), 10)  # until the server closes
            return "ok" if received.count(b"data: ") == 2 and b"[DONE]" not in received else f"got {received[-80:]!r}"
        writer.close()
        return "ok"
    finally:
        writer.close()


def _server_tasks(server: MockServer) -> tuple[int, int, int]:
    """(uvicorn connections, uvicorn request tasks, all asyncio tasks) on the server's loop."""
    uv = server._server
    assert uv is not None
    loop = uv.servers[0].get_loop()

    async def count() -> int:
        return len(asyncio.all_tasks())

    tasks = asyncio.run_coroutine_threadsafe(count(), loop).result(5)
    return len(uv.server_state.connections), len(uv.server_state.tasks), tasks


@pytest.mark.timeout(60)
def test_100_clients_leaving_mid_stream_leave_nothing_behind(server: MockServer, figure: Any) -> None:
    port = _port(server)
    assert wait_until(lambda: server.stats()["active_requests"] == 0, 5)
    baseline = _server_tasks(server)
    assert baseline[:2] == (0, 0), baseline
    longest = 0.0
    for _round in range(2):
        before = server.stats()

        async def run() -> list[str]:
            return await asyncio.gather(*(_leave(port, LEAVE_WAYS[i % len(LEAVE_WAYS)]) for i in range(100)))

        started = time.monotonic()
        seen = asyncio.run(run())
        assert seen == ["ok"] * 100, [s for s in seen if s != "ok"][:3]

        def settled() -> bool:
            stats = server.stats()
            return stats["active_streams"] == 0 and stats["active_requests"] == 0 and _server_tasks(server) == baseline

        assert wait_until(settled, 8), (server.stats(), _server_tasks(server), baseline)
        longest = max(longest, time.monotonic() - started)
        assert time.monotonic() - started < 20  # the 30 s pauses ended when their clients left
        assert not tcp_from(port), tcp_from(port)  # no half-closed connection kept open by the server
        after = server.stats()
        assert after["requests_total"] - before["requests_total"] >= 90  # the server did see (nearly) all
        with httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {KEY}"}, timeout=10) as http:
            assert http.post("/chat/completions", json=SEED).json()["choices"][0]["message"]["content"] == SEED_ANSWER
            streamed = http.post("/chat/completions", json={**SEED, "stream": True}).text
            assert streamed.count("data: [DONE]") == 1
    figure("mock 2 x 100 clients leaving mid-stream: time until all freed", longest, "s")
    figure("mock 2 x 100 clients leaving mid-stream: streams/tasks left", f"{server.stats()['active_streams']} / 0")


@pytest.mark.timeout(60)
def test_sigterm_with_streams_in_flight_stops_cleanly_and_keeps_the_store(tmp_path: Path, figure: Any) -> None:
    """SIGTERM while 30 SDK streams (stored ones among them) sit in 30-second pauses: the server exits 0 within its
    3-second grace period plus a margin, every stream ends in a typed `APIConnectionError` (never a hang), and the
    stored completions are all there after a restart."""
    path = str(tmp_path / "store.sqlite3")
    proc = MockProcess("--store", path).start()
    outcomes: list[str] = []
    ids: list[str] = []

    async def one(client: cc.AsyncClient, i: int) -> None:
        fields: dict[str, Any] = {"store": True, "metadata": {"i": str(i)}} if i % 2 else {}
        try:
            stream = await client.chat.completions.create(
                **SEED, **fields, stream=True, extra_headers={"x-mock-fault": "slow_chunks=30"}
            )
            async with stream:
                async for chunk in stream:
                    if i % 2 and chunk.id not in ids:
                        ids.append(chunk.id)
            outcomes.append("completed")
        except cc.APIError as exc:
            outcomes.append(type(exc).__name__)

    async def run() -> float:
        async with (
            cc.AsyncClient(api_key=KEY, base_url=proc.base_url, timeout=60, max_retries=0) as client,
            anyio.create_task_group() as group,
        ):
            for i in range(30):
                group.start_soon(one, client, i)
            while len(ids) < 15:  # every stored stream has started
                await anyio.sleep(0.02)
            started = time.monotonic()
            status = await anyio.to_thread.run_sync(proc.stop, signal.SIGTERM)
            assert status == 0, proc.log()[-2000:]
            return time.monotonic() - started

    try:
        took = anyio.run(run)
        assert outcomes == ["APIConnectionError"] * 30, outcomes
        assert took < 10
        proc = MockProcess("--store", path).start()
        stored = httpx.get(f"{proc.base_url}/chat/completions?limit=100", headers={"Authorization": f"Bearer {KEY}"})
        assert sorted(c["id"] for c in stored.json()["data"]) == sorted(ids)
    finally:
        proc.stop()
    figure("mock SIGTERM with 30 streams in flight: time to exit", took, "s")
